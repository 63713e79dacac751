"""Reading a provider's response: the response form's fields, or what their prose plainly says.

A provider may fill in the form, answer "Can you meet needs?" with Yes or No, or just write
"Sorry, we have no vacancies at the moment" or "we'd love to offer a place, £4,800 a week from
Monday 4th" (a fee and a start date in prose count as the form's). All of these become a
ParsedResponse; `missing` lists what the decision needs and the reply did not give, so the
service can ask for exactly that.

A form pasted back with its choices unanswered (`Decision: (offer / interested / decline)`) is
not an answer: those lines are read neither as fields nor as prose, and `blank_form` tells the
service to ask for the decision. When the reply's address already names the home (its token),
the caller passes `known_service_name` and the home is never asked for.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from broker.forms.blanks import read_choices, without_blank_choices
from broker.forms.chats import the_chats_answer
from broker.forms.corrections import (
    ANSWERS,
    corrections,
    said_after_a_disowned_form,
)
from broker.forms.decline_openings import decline_opening
from broker.forms.extract import fields_from_text
from broker.forms.fee_clauses import left_out, other_fees
from broker.forms.fee_parts import FeePart
from broker.forms.fee_steps import fee_field_words, stepped_fee
from broker.forms.footers import without_a_footer
from broker.forms.numbered_form import day_listed_alone, numbered_form_as_labelled
from broker.forms.offer_conditions import offer_condition, own_text, with_the_condition
from broker.forms.other_homes import about_this_home
from broker.forms.other_referrals import about_this_referral, for_another_child, reference_in
from broker.forms.placement_kind import rating_stated
from broker.forms.prose import (
    A_DAY_AFTER_THE_OFFER,
    each_childs_answer,
    form_fee_after_discount,
    offered_in_the_alternative,
    prose_fee_parts,
    prose_lines,
    prose_start_date,
    prose_weekly_fee,
)
from broker.forms.prose_extras import prose_extras
from broker.forms.questions import answered_questions
from broker.forms.quotes import SALUTATION
from broker.forms.records import FORWARD_LINE, disowned_terms
from broker.forms.spec import ONE_LINE_KINDS, FieldSpec, FormSpec
from broker.forms.statements import (
    POSITIVE,
    deciding_statement,
    denies_positive,
    first_reason,
    meaning,
    says_both,
    taken_back,
)
from broker.forms.ticks import CROSS, EMPTY_BOX, TICK, TICKED_BOX, ticked_choices
from broker.forms.values import (
    fee_for_each_child,
    normalise_postcode,
    parse_money_weekly,
    parse_uk_date,
)
from broker.forms.words import as_meant, normalise_words, phrase_pattern, without_brackets

__all__ = ["ParsedResponse", "read_response", "response_to_json"]

_JSON_KEYS = (
    "decision", "service_name", "urn", "ofsted_rating", "location", "weekly_fee",
    "additional_costs", "available_from", "proposal", "decline_reason", "contact",
)
# An Ofsted URN: "SC123456", "SC 123456", or grouped as Ofsted's letters print it, "SC 123 456"
# (round r66-37).
_URN = re.compile(r"(?<![A-Za-z0-9])(SC\s?\d{3}\s?\d{3}|\d{6,7})(?![0-9])", re.IGNORECASE)
_NO_BEFORE = re.compile(r"\bno\s*$")  # "No offer made"
_NOT_AFTER = re.compile(r"\s*not\s*")  # "Possibly not", the whole of what follows
# "Decline reason: see below", "Weekly fee: as above": the answer is in the prose, not here.
_POINTS_ELSEWHERE = re.compile(
    r"(?:please\s+)?(?:see|as|refer\s+to)\s+(?:below|above|attached|(?:my\s+|the\s+)?"
    r"(?:notes?|email|message|letter|attachment|comments?)(?:\s+below|\s+above)?)\W*",
    re.IGNORECASE)
_REMARK = re.compile(r"\(([^()]{1,80})\)|[-\u2013:]\s*([^\n]{1,80})$")
_OUTWARD = re.compile(r"(?<![A-Za-z0-9])([A-Z]{1,2}[0-9][A-Z0-9]?)(?![A-Za-z0-9])")


@dataclass
class ParsedResponse:
    """A provider's answer; any field may be None. `unreadable`: keys given but not readable;
    `blank`: keys pasted back with their list of choices unanswered; `blank_form`: the reply
    pasted the form without choosing a decision, so it is not an answer yet."""

    decision: str | None = None
    service_name: str | None = None
    urn: str | None = None
    ofsted_rating: str | None = None
    location: str | None = None
    weekly_fee: Decimal | None = None
    additional_costs: str | None = None
    available_from: date | None = None
    proposal: str | None = None
    decline_reason: str | None = None
    contact: str | None = None
    missing: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    blank: list[str] = field(default_factory=list)
    blank_form: bool = False
    # a fee given in parts, asked: its parts, for the answer to complete (broker/forms/fee_parts)
    fee_parts: tuple[FeePart, ...] = ()
    # a fee the same for each child of a sibling group: each child's, `weekly_fee` the group's
    # (rule fee-per-child-for-the-group, broker/forms/values.py)
    fee_per_child: Decimal | None = None


# In a start date's field, a visit's date before the move-in's: "pre-admission visit Thu 3rd,
# move-in Mon 7th" starts on the 7th.
_MOVE_IN_AFTER_A_VISIT = re.compile(
    r"\b(?:visit|meeting|tour|introductions?|meet\s+and\s+greet)\b.*?\b(?:move[\s-]?in|"
    r"moving[\s-]in|start(?:ing)?|admission|arrival)\b[\s:-]*", re.IGNORECASE)
# Or each date with its event after it: "Thu 3rd (visit) / Mon 7th (move)".
_MOVE_IN_BEFORE_ITS_LABEL = re.compile(
    r"([^,/;()]{1,80}?)\s*\(\s*(?:move(?:[\s-]?in)?|moving\s+in|start|admission|arrival)\s*\)",
    re.IGNORECASE)


def _for_several_homes(fields: dict[str, str], conflicts: Collection[str],
                       spec: FormSpec) -> bool:
    """A home named twice, differently, or a decision given twice when the first one given
    is a decision (a table's "Response | Notes" header row is none), or a decision row with
    a decision in each of several columns (a column per home: "Decision | Offer | Decline")."""
    if "service_name" in conflicts:
        return True
    first = fields.get("decision", "")
    columns = [cell for cell in re.split(r"[\t|]", first) if cell.strip()]
    if len(columns) > 1 and all(spec.code_for("decision", cell.strip(), exact=True)
                                for cell in columns):
        return True  # "Offer | Decline"; "Offer | Yes, subject to …" is a decision and a note
    return "decision" in conflicts and _field_meaning(first, spec, has_place=False) is not None


# The cells of a line that offers choices: "YES / NO", "Offer: Interested: Decline",
# "Offer | Decline" (bounded: a long run of separators is one cell's end).
# A fee or a start given twice, differently (the email's text and HTML parts disagreeing).
_TERMS_ASKED_WHEN_TWICE = frozenset({"weekly_fee", "available_from"})
_CHOICE_SEPARATOR = re.compile(r"[ \t]{0,3}[/:][ \t]{0,3}")
_CHOICE_LINE_CHARS = 120
# A question or a label before the choices: "Do you have a vacancy? YES / NO", "Decision:".
_QUESTION_OR_LABEL = re.compile(r"^[^?:\n]{1,100}[?:][ \t]*")


def _lists_every_choice(value: str, spec: FormSpec) -> bool:
    """Whether a value lists choices rather than making one: two or more cells, each a
    decision or a yes/no, not all of one meaning ("YES / NO", "Offer | Interested | Decline";
    but not "Offer | Offer" nor "Offer: £4,800 pw")."""
    value = value.strip()
    if not value or len(value) > _CHOICE_LINE_CHARS or "\n" in value or any(
            mark in value for mark in "()[]|\t"):
        return False  # a blank form's "(offer / interested / decline)", a column per home
    cells = [cell.strip(" \t*_") for cell in _CHOICE_SEPARATOR.split(value)]
    if len(cells) < 2 or not all(cells):
        return False
    meanings = [spec.code_for("decision", cell, exact=True) or spec.answer_for(cell, exact=True)
                for cell in cells]
    return all(meanings) and len(set(meanings)) > 1 and len(
        {cell.isupper() for cell in cells}) == 1  # "offer / DECLINE" marks its choice


def _after_its_label(line: str) -> str:
    """A line less a question or label before its value."""
    return _QUESTION_OR_LABEL.sub("", line.strip(), count=1)


def _decision_lines(text: str, spec: FormSpec) -> list[str]:
    """The values of the lines labelled as the decision, or asked as a yes/no question."""
    values = []
    for line in text[:20_000].split("\n"):
        label = _QUESTION_OR_LABEL.match(line.strip())
        if label is None:
            continue
        if label.group().rstrip().endswith("?") or spec.field_for_label(
                label.group().rstrip(" \t:")) is spec.field_for_label("Decision"):
            values.append(line.strip()[label.end():])
    return values


# Two values side by side in one field, as a struck-through old one reads in text: "Weekly
# fee: £4,500 £4,750", "Available from: 07/12/2026 14/12/2026".
_TWO_SIDE_BY_SIDE = re.compile(
    r"(£[ \t]?\d[\d,]{0,9}(?:\.\d\d)?)[ \t]{1,3}(£[ \t]?\d[\d,]{0,9}(?:\.\d\d)?)"
    r"|(\d{1,2}/\d{1,2}/\d{2,4})[ \t]{1,3}(\d{1,2}/\d{1,2}/\d{2,4})")


# A portal's record on one line, each field after the last one's full stop: "Outcome:
# Accepted. Weekly rate: 4650.00 GBP. Start: 2026-12-14".
_ONE_LINE_FIELD = re.compile(
    r"(?:^|(?<=[.!])[ \t]{1,3})(?P<label>[A-Z][A-Za-z' ]{1,30}):[ \t]{1,3}"
    r"(?P<value>[^:\n]{1,60}?)(?=\.?[ \t]{1,3}[A-Z][A-Za-z' ]{1,30}:|\.?[ \t]*$)")


def _fields_in_one_line(text: str, spec: FormSpec) -> dict[str, str]:
    """The fields a line of two or more "Label: value." of this form's labels gives, the
    decision among them (a line naming one field is prose, read as such)."""
    for line in text[:20_000].split("\n"):
        if len(line) > 400 or line.count(":") < 2:
            continue
        found: dict[str, str] = {}
        for match in _ONE_LINE_FIELD.finditer(line.strip()):
            field_spec = spec.field_for_label(match["label"].strip())
            if field_spec is not None:
                found.setdefault(field_spec.key, match["value"].strip())
        if len(found) > 1 and "decision" in found:
            return found
    return {}


# A case system's field for the period its rate is given in, apart from the rate: "Outcome:
# Offer | Rate basis: Daily | Rate: 695.00 GBP" is £4,865 a week, never £695.
_RATE_BASIS = re.compile(r"(?im)^[ \t>*|]*(?:rate|fee|charging|charge|pricing|billing)[ \t]+"
                         r"(?:basis|period|type|unit|frequency)[ \t]*:[ \t]*"
                         r"(?P<period>daily|nightly|weekly|monthly|annual|annually|yearly|"
                         r"fortnightly|hourly|per[ \t](?:day|night|week|month|annum|year|hour))"
                         r"[ \t]*$")
_RATE_BASIS_CHARS = 5_000


# A rule of a table drawn in text: "+----------------+------------------+".
_AN_ASCII_RULE = re.compile(r"(?m)^[ \t]*\+(?:[-=]{1,200}\+){1,20}[ \t]*(?:\n|$)")


def read_response(
    fields: dict[str, str],
    body_text: str,
    spec: FormSpec,
    *,
    message_date: date,
    known_service_name: str | None = None,
    conflicts: Collection[str] = (),
    subject: str = "",
    reference: str | None = None,
    children: int | None = None,
) -> ParsedResponse:
    """The response the fields (and, failing them, the prose of body_text, and failing that
    what the provider added to our subject: "RE: Referral REF-… - DECLINE") give.

    `known_service_name`: the home the reply address names, used when the reply names none.
    `conflicts`: fields the reply gives twice, differently. A home, or a decision, given twice
    is a reply for several homes: none of its answers is mixed into one record (one home's
    decline with the other's fee), and the provider is asked for this home's decision.
    `reference`: the referral replied to (else the one our subject names); what the prose says
    of other referrals is not read. `children`: how many children the referral places
    together, None when not known: a fee the same for each child ("£3,100 per child per
    week") is the group's for two or more (`fee_per_child` each child's), else asked.
    """
    given = frozenset(fields)  # (a conflict of none of them: the parts' words differ)
    if ruled := {key for key, value in fields.items() if _AN_ASCII_RULE.search(value)}:
        # a table drawn with "+-----+-----+" rules, read as the values of the rows above them:
        # the table is read again without its rules (round 44), or else its rules dropped
        reread = fields_from_text(_AN_ASCII_RULE.sub("", body_text), spec)
        if ruled <= set(reread.values):
            fields, conflicts = dict(reread.values), reread.conflicts
        else:
            fields = {key: _AN_ASCII_RULE.sub("", value).strip() for key, value in fields.items()}
    if (forward := FORWARD_LINE.search(body_text)) is not None:  # a case system's record
        return _own_words_over_the_record(
            fields, body_text[:forward.start()], body_text[forward.end():], spec,
            message_date=message_date, known_service_name=known_service_name,
            subject=subject, reference=reference, children=children)
    body_text = about_this_referral(_without_a_banner(without_a_footer(body_text)),
                                    reference or reference_in(subject))
    if for_another_child(body_text, subject):
        body_text = ""  # "This is our response for J.M. (the 12-year-old boy …)": not ours
    if not fields and (labelled := numbered_form_as_labelled(body_text, spec)) is not None:
        # "1. Offer / 2. Oakfield House / … / 6. £4,900 per week": the form answered in its
        # order (rule numbered-form-read), its home's name no other home's heading
        body_text, fields = labelled, dict(fields_from_text(labelled, spec).values)
    body_text = about_this_home(body_text, known_service_name, spec)
    if _lists_every_choice(fields.get("decision", ""), spec) or any(
            _lists_every_choice(line, spec) for line in _decision_lines(body_text, spec)):
        # "Do you have a vacancy? YES / NO", "Decision | Offer | Interested | Decline" (the
        # choice made shown only by a bold or shading the text loses): it answers nothing
        fields = {key: value for key, value in fields.items() if key != "decision"}
        body_text = "\n".join(line for line in body_text.split("\n")
                              if not _lists_every_choice(_after_its_label(line), spec))
    if not fields:  # "Outcome: Accepted. Weekly rate: 4650.00 GBP. Start: 2026-12-14"
        fields = _fields_in_one_line(body_text, spec)
    body_text, answered = answered_questions(_marks_as_answers(the_chats_answer(as_meant(
        body_text))))
    fields = {**answered, **fields}  # "3. What would the weekly fee be? £1,185"
    if "available_from" not in fields and (day := day_listed_alone(body_text)) is not None:
        fields["available_from"] = day  # "1. Yes / 2. £4,900 per week / 3. 14/12/2026"
    if _for_several_homes(fields, conflicts, spec):
        several = ParsedResponse(service_name=known_service_name, unreadable=["decision"])
        several.missing = _missing(several, spec)
        return several
    if (rest := said_after_a_disowned_form(body_text, spec)) is not None:
        body_text = rest  # "Sorry – I sent the wrong template by mistake. We CAN offer: …"
        fields = {key: value for key, value in fields.items() if key not in ANSWERS}
    parsed = ParsedResponse()
    fields = {key: _ANSWER_AFTER_THE_HINT.sub(r"\1", value) for key, value in fields.items()}
    fields = {key: value for key, value in _answered(fields, spec, parsed).items()
              if not _POINTS_ELSEWHERE.fullmatch(value.strip())}
    if "decision" not in fields and _TERMS_FIRST.match(fields.get("proposal", "")):
        fields["decision"] = f"Offer {fields['proposal']}"  # "Our offer: £5,300 pw from 21/12"
    fields = _extra_apart_from_the_fee(fields)  # "£4,600 + £350 pw additional 1:1 for …"
    if "weekly_fee" in fields and (basis := _RATE_BASIS.search(body_text[:_RATE_BASIS_CHARS])):
        fields["weekly_fee"] = f"{fields['weekly_fee']} ({basis['period']})"  # "Rate basis: Daily"
    own: list[str] = []  # the home's own sentences run on under a one-line field
    for field_spec in spec.fields:
        raw = _after_a_retraction(fields.get(field_spec.key, "").strip())
        if (side := _TWO_SIDE_BY_SIDE.fullmatch(raw.split("\n", 1)[0].strip())) and (
                field_spec.key in ("weekly_fee", "available_from")) and len(
                {value for value in side.groups() if value}) > 1:
            parsed.unreadable.append(field_spec.key)  # "£4,500 £4,750": the old one struck in
            continue  # HTML, the strike lost in text: which stands is asked
        if field_spec.key in _TERMS_ASKED_WHEN_TWICE and field_spec.key in conflicts:
            parsed.unreadable.append(field_spec.key)  # the text's £4,900 beside the HTML's
            continue  # £4,700: which stands is asked
        if raw and field_spec.key in _JSON_KEYS and field_spec.key != "decision":
            value = _typed(field_spec, raw, spec, message_date, children)
            if field_spec.kind in ONE_LINE_KINDS and "\n" in raw:  # the home's own sentences
                own.append(_own_lines(raw.split("\n", 1)[1]))  # under "Weekly fee: £5,150"
            if value is None and field_spec.kind in ONE_LINE_KINDS:  # "£4,000\nplus extras"
                raw = raw.split("\n", 1)[0]
                value = _typed(field_spec, raw, spec, message_date, children)
            if field_spec.key == "weekly_fee" and value is None:
                value = stepped_fee(raw)  # "£4,300 a week for weeks 1-8, then £5,100 from
                # week 9": week 1's fee, its later one kept in its words (rule later-fee-named)
            if field_spec.key == "weekly_fee" and value is not None and children:
                parsed.fee_per_child = fee_for_each_child(raw)
            if value is None:
                parsed.unreadable.append(field_spec.key)
            setattr(parsed, field_spec.key, value)
    prose = without_blank_choices(body_text, spec)
    raw_decision = fields.get("decision", "").strip() or _ticked_decision(prose, spec)
    _decide(parsed, raw_decision, prose, spec, message_date, children)
    if parsed.decision in ("offer", "interested") and "proposal" not in fields and any(own):
        # rule own-lines-kept: sentences written on under a one-line field, with no "How we
        # would meet needs" given, are the home's proposal, not lost with the field's rest
        parsed.proposal = with_the_condition(" ".join(line for line in own if line),
                                             parsed.proposal)
    if parsed.decision in ("offer", "interested") and parsed.available_from is None and (
            "weekly_fee" in fields):  # "Fee: £4,950 from 21/12": the start in the fee's remark
        parsed.available_from = _a_start(prose_start_date(fields["weekly_fee"], message_date),
                                         message_date)
    if parsed.weekly_fee is not None and "weekly_fee" in fields:  # "less 5% …", "Net fee | …"
        parsed.weekly_fee = form_fee_after_discount(fields["weekly_fee"], parsed.weekly_fee, prose)
    if parsed.decision in ("offer", "interested") and parsed.weekly_fee is not None and (
            "weekly_fee" not in parsed.unreadable):  # rule later-fee-named: the fee field's
        parsed.proposal = with_the_condition(parsed.proposal, fee_field_words(  # later fee
            fields.get("weekly_fee", ""), parsed.weekly_fee))  # kept in its words, read there
    if parsed.decision is None and not raw_decision and (added := _added_to_subject(subject)):
        # Read as the decision field would be ("Declined (distance)", "not at this time"),
        # else as a line of prose ("£4,500 offer"); its fee and date are the prose's too.
        as_field = added if _field_meaning(added, spec, has_place=False) else ""
        _decide(parsed, as_field, f"{added}\n\n{prose}", spec, message_date, children)
    _worded_apart_asked(parsed, given, conflicts)
    if parsed.service_name is None and known_service_name:
        parsed.service_name = known_service_name
    if parsed.ofsted_rating is None and parsed.decision in ("offer", "interested"):
        # rule rating-stated-read: "we were rated Requires Improvement at our inspection"
        parsed.ofsted_rating = rating_stated(own_text(prose))
    parsed.blank_form = "decision" in parsed.blank and parsed.decision is None
    if parsed.fee_per_child is not None and (
            children is None or parsed.weekly_fee != parsed.fee_per_child * children):
        parsed.fee_per_child = None  # the fee recorded is another's (a correction's)
    parsed.missing = _missing(parsed, spec)
    return parsed


def _worded_apart_asked(parsed: ParsedResponse, given: Collection[str],
                        conflicts: Collection[str]) -> None:
    """A decision, fee or start the reply's text and HTML parts word differently, with no
    form field given for it ("from 14/12" in one, "from 21/12" in the other; a conflict of
    fields always has its field): not taken from the text part, which the prose is; asked,
    as a term their forms give differently is (broker/forms/parts_worded_apart.py)."""
    for key in ("decision", *_TERMS_ASKED_WHEN_TWICE):
        if key in conflicts and key not in given and getattr(parsed, key) is not None:
            setattr(parsed, key, None)
            parsed.unreadable.append(key)


def _own_words_over_the_record(fields: dict[str, str], own: str, record: str, spec: FormSpec,
                               *, message_date: date, known_service_name: str | None,
                               subject: str, reference: str | None,
                               children: int | None = None) -> ParsedResponse:
    """The answer of a case system's record forwarded below what the writer typed (see
    broker.forms.records): the writer's decision, fee and start first, the record's for the
    rest, less what the writer says to ignore of it."""
    record_read = read_response(fields, record, spec, message_date=message_date,
                                subject=subject, known_service_name=known_service_name,
                                reference=reference, children=children)
    if not own.strip():
        return record_read
    said = read_response({}, own, spec, message_date=message_date,
                         known_service_name=known_service_name, reference=reference,
                         children=children)
    disowned = disowned_terms(own)
    parsed = ParsedResponse(service_name=record_read.service_name,
                            decision=said.decision or record_read.decision)
    if parsed.decision in ("offer", "interested"):  # "Our fee is £5,050 pw" (no decision said)
        parsed.weekly_fee = said.weekly_fee or prose_weekly_fee(own, children=children) or (
            None if "weekly_fee" in disowned else record_read.weekly_fee)
        parsed.available_from = said.available_from or _a_start(
            prose_start_date(own, message_date), message_date) or (
            None if "available_from" in disowned else record_read.available_from)
    if parsed.decision == "decline":
        parsed.decline_reason = said.decline_reason or record_read.decline_reason
    parsed.missing = _missing(parsed, spec)
    return parsed


# Our form's hint pasted back with the answer in square brackets after it: "Decision: (offer
# / interested / decline) [DECLINE]", "Decline reason: (if declining: …) [location]".
# A fee field with an extra added that names itself one: "Weekly cost: £4,600 + £350 pw
# additional 1:1 for the first 4 weeks" (round 51) is a fee of £4,600 and an additional cost,
# as the approval's cost block shows them apart. A part added without such a name ("£4,900
# base + solo uplift £600 pw") is still the fee in parts, and asked.
_AN_EXTRA_ADDED = re.compile(
    r"(?P<fee>[^£\n]{0,20}£[ \t]?\d[\d,]*(?:\.\d\d)?(?:[ \t]?(?:pw|p/w|per[ \t]+week|a[ \t]+week|"
    r"weekly)\b)?)[ \t]*(?:\+|plus)[ \t]*(?P<extra>£[ \t]?\d[\d,]*(?:\.\d\d)?[^£\n]{0,30}?\b(?:"
    r"additional|extra|1:1|2:1|one[ \t-]to[ \t-]one)\b[^£\n]*)", re.IGNORECASE)


def _extra_apart_from_the_fee(fields: dict[str, str]) -> dict[str, str]:
    """The fields with an extra named in the fee's field moved to the additional costs; or,
    rule `fee-field-extra-kept` (round r66-14), an extra the fee's field prices after the fee
    as prose would ("core £4,200, 1:1 £22/hr for 20 hrs", "£4,800 (plus £25/hr for any 1:1)")
    kept among the additional costs in its words, the field read for its fee as before."""
    fee = fields.get("weekly_fee", "").strip()
    split = _AN_EXTRA_ADDED.fullmatch(fee)
    if split is None:
        extra = prose_extras(fee).costs if _MONEY_IN.search(fee) else None
        if extra and extra.endswith(")") and extra.count("(") < extra.count(")"):
            extra = extra[:-1].rstrip()  # "£4,800 (plus £25/hr for any 1:1)": the bracket's
        if not extra or _INCLUDED.search(extra) or (
                extra.casefold() in fields.get("additional_costs", "").casefold()):
            return fields  # "(1:1 at £22/hr included)" is in the fee, no extra
        extras = "; ".join(part for part in (fields.get("additional_costs"), extra) if part)
        return {**fields, "additional_costs": extras}
    extras = "; ".join(part for part in (fields.get("additional_costs"), split["extra"]) if part)
    return {**fields, "weekly_fee": split["fee"].strip(), "additional_costs": extras}


_MONEY_IN = re.compile(r"£[ \t]?\d")
_INCLUDED = re.compile(r"\b(?:included|inclusive|includes|incl|no[ \t]+(?:extra[ \t]+)?charge)\b",
                       re.IGNORECASE)


_ANSWER_AFTER_THE_HINT = re.compile(r"\A[ \t]*\([^()\n]{1,160}\)[ \t]*\[[ \t]*"
                                    r"([^\[\]\s](?:[^\[\]\n]{0,58}[^\[\]\s])?)[ \t]*\][ \t]*\Z")
# A proposal ("Our offer: …") that opens on its terms, a fee or a start, is the offer itself.
_TERMS_FIRST = re.compile(r"\s*(?:£\s?\d|\d[\d,.]*\s*(?:pw|p/w|per\s+week|a\s+week|/\s?w)\b|"
                          r"(?:available\s+)?from\s+(?:\d|mon|tue|wed|thu|fri|sat|sun))",
                          re.IGNORECASE)
# A mail system's warning set above the reply: "CAUTION: This email originated from outside
# of the organisation. …", "[EXTERNAL]", "External email – take care with links".
_BANNER = re.compile(
    r"\A\s*(?:\[?external\]?[ \t]*[:\-\u2013]?[ \t]*(?:e-?mail)?[^\n]{0,200}"
    r"|(?:caution|warning|notice)[ \t]*:[^\n]{0,40}\b(?:outside|external)\b[^\n]{0,300}"
    r"|this\s+(?:e-?mail|message)\s+(?:originated|came|was\s+sent)\s+from\s+outside[^\n]{0,300}"
    r")\n", re.IGNORECASE)


def _without_a_banner(body_text: str) -> str:
    """The reply without a mail system's warning above it (one line or two)."""
    for _ in range(2):
        body_text = _BANNER.sub("", body_text, count=1)
    return body_text


# A value taken back within its field: "Weekly fee: £4,250 – sorry, ignore that, I copied
# your example. It's £4,450."
_RETRACTION = re.compile(r"\b(?:ignore\s+(?:that|this)|scratch\s+that|sorry,?\s+i\s+meant?|"
                         r"correction)\b"
                         # "14/12/2026 (sorry – 14/01/2027, I misread the rota)"
                         r"|\bsorry[ \t,:;\-\u2013\u2014]{1,4}(?=£|\d)", re.IGNORECASE)


def _own_lines(rest: str) -> str:
    """The lines run on under a one-line field's value ("Weekly fee: £5,150" over "We can offer
    this as a solo placement. Our staff have eating disorder training.") when they are the
    home's own sentences: each line capitalised and ending as a sentence ends, naming no sum
    (a fee's remark, "plus extras", "From week 9 £5,100.", stays the fee's); else ""."""
    lines = [" ".join(line.split()) for line in rest.split("\n") if line.strip()]
    if not lines or any(not line[0].isupper() or line[-1] not in ".!" or "£" in line
                        for line in lines):
        return ""
    return " ".join(lines)


def _after_a_retraction(raw: str) -> str:
    """The field's value after the last retraction in it, when a figure follows it."""
    if not raw or (found := list(_RETRACTION.finditer(raw[:_RETRACTION_CHARS]))) == []:
        return raw
    after = raw[found[-1].end():]
    return after if any(character.isdigit() for character in after) else raw


_RETRACTION_CHARS = 300
_SUBJECT_DASH = re.compile(r"\s[-\u2013\u2014]\s")
# Our own subject's last part, "- reply by 5:00pm on Thursday 26 November 2026".
_OUR_SUBJECT_END = re.compile(r"reply\s+by\b", re.IGNORECASE)


# What a provider typed before the reply's "RE:": "DECLINE - RE: Referral REF-…".
_BEFORE_RE = re.compile(r"^\s*(?P<added>[^:\n]{2,40}?)\s*[-\u2013\u2014:]?\s*(?:re|fw|fwd)\s*:",
                        re.IGNORECASE)


def _added_to_subject(subject: str) -> str:
    """What a provider typed after the last dash of our subject ("Offer £4,800 pw from 7/12",
    "DECLINE", "No vacancy") or before its "RE:" ("DECLINE - RE: …"), or ""."""
    if (before := _BEFORE_RE.match(subject[:300])) and not re.fullmatch(
            r"(?:re|fw|fwd|aw|sv)", before["added"].strip(), re.IGNORECASE):
        return before["added"].strip()
    if (before_ref := _BEFORE_THE_REFERENCE.fullmatch(subject[:300])) and not re.fullmatch(
            r"(?:our\s+)?referral", before_ref["added"].strip(), re.IGNORECASE):
        return before_ref["added"].strip()  # "Re: DECLINE - no vacancy - REF-2026-000123"
    pieces = _SUBJECT_DASH.split(subject[:300])
    added = pieces[-1].strip() if len(pieces) > 1 else ""
    if not added and (after := _AFTER_THE_REFERENCE.search(subject[:300])):
        return after["added"].strip()  # "RE: REF-2026-000123 OFFER £4,900 from 14/12"
    return "" if _OUR_SUBJECT_END.match(added) else added


# What a provider typed before the reference that ends a subject of their own: "Re: DECLINE -
# no vacancy - REF-2026-000123", "Interested - REF-2026-000123", "OFFER – REF-2026-000123"
# (round 49); our own subjects never end on the reference.
_BEFORE_THE_REFERENCE = re.compile(
    r"\s*(?:(?:re|fw|fwd|aw|sv)\s*:\s*)*(?P<added>[^:\n]{2,80}?)[ \t]*[-\u2013\u2014][ \t]*"
    r"(?:(?:our\s+)?ref(?:erence)?\.?:?[ \t]*)?REF-\d{4}-\d{4,8}[ \t.]*", re.IGNORECASE)
# Our subjects put a colon after the reference ("Referral REF-…: residential, …"); words
# straight after it are the provider's own, our subject rewritten.
_AFTER_THE_REFERENCE = re.compile(r"\bREF-\d{4}-\d{4,8}[ \t]+(?P<added>[^:\s][^:]{1,80})$",
                                  re.IGNORECASE)


def _answered(fields: dict[str, str], spec: FormSpec, parsed: ParsedResponse) -> dict[str, str]:
    """The fields without those pasted back as unanswered lists of choices (noted in `blank`);
    a marked choice ("[x] offer") stands as the value."""
    answered = dict(fields)
    for key, raw in fields.items():
        if key not in spec.keys:
            continue
        choices = read_choices(spec.field(key), raw, spec)
        if choices is None:
            continue
        if choices.chosen is None:
            parsed.blank.append(key)
            del answered[key]
        else:
            answered[key] = choices.chosen
    return answered


# The decision's tick boxes with no label before them, as a provider's own form or a portal
# prints them: "☐ Offer  ☐ Interested  ☒ Decline" on a line, or one box to a line, or each box
# after its word ("Offer ☒   Interested ☐   Decline ☐"). Only the ticked choice is the answer
# (the unticked "Interested" says nothing), with the remark beside it, its reason ("[x]
# Decline – too far", "Decline [x] – too far").
# (Each part is matched one way only, so a long line that is nearly such a run is refused in
# linear time: a box's spaces, a word's letters and the spaces between cannot trade places.)
_BOX = (rf"(?:\[(?:\s*[xX{TICK}]\s*|\s*)\]|\((?:\s*[xX{TICK}]\s*|\s*)\)"
        rf"|[{EMPTY_BOX}{TICKED_BOX}\u2705])")
_CHOICE_WORDS = r"[A-Za-z][A-Za-z'’-]*(?: [A-Za-z'’-]+){0,3}"  # "Offer", "Not interested"
_BOXED_LINE = re.compile(rf"[ \t>]*{_BOX}[ \t]*[A-Za-z][^\n]{{0,80}}")
_WORD_THEN_BOX = re.compile(rf"({_CHOICE_WORDS})[ \t]*({_BOX})")
_WORDS_THEN_BOXES_LINE = re.compile(rf"[ \t>]*(?:{_CHOICE_WORDS}[ \t]*{_BOX}[ \t]*)+"
                                    r"(?:[-\u2013\u2014][ \t]+[^\n]*|\([^\n]*)?")  # a remark after
_BOXED_LINES_READ = 200


def _ticked_decision(prose: str, spec: FormSpec) -> str:
    """The decision ticked in unlabelled boxes, with the remark beside it, or ''."""
    run: list[str] = []
    for line in [*prose.split("\n", _BOXED_LINES_READ)[:_BOXED_LINES_READ], ""]:
        if word := _the_word_ticked(line, spec):
            return word
        if _WORDS_THEN_BOXES_LINE.fullmatch(line):  # each box before its word, as forms print
            line = _WORD_THEN_BOX.sub(r"\2 \1", line)
        if _BOXED_LINE.fullmatch(line):
            run.append(line.strip(" \t>"))
            continue
        chosen = ticked_choices(" ".join(run)) if run else None
        if chosen and spec.code_for("decision", chosen) is not None:
            return chosen
        run = []
    return ""


# The decision's words in a row, one with a tick after it: "Offer ✔️   Interested   Decline"
# (a phone's emoji tick carries a variation selector, U+FE0F).
_A_TICK_AFTER = re.compile(rf"[{TICK}{TICKED_BOX}]\ufe0f?")
_CHOICES_APART = re.compile(r"[\s:/|,]+")
_LINE_OF_CHOICES = 80


def _the_word_ticked(line: str, spec: FormSpec) -> str:
    """The one word of a row of the decision's words that a tick follows, or ''."""
    marks = list(_A_TICK_AFTER.finditer(line[:_LINE_OF_CHOICES + 1]))
    if len(marks) != 1 or len(line) > _LINE_OF_CHOICES:
        return ""
    before = _CHOICES_APART.split(line[:marks[0].start()].strip(" \t>"))
    words = [*before, *_CHOICES_APART.split(line[marks[0].end():])]
    codes = {spec.code_for("decision", word, exact=True) for word in words if word}
    if not before[-1] or None in codes or len(codes) < _CHOICES_IN_A_ROW:
        return ""
    return before[-1]


_CHOICES_IN_A_ROW = 2
_A_FIGURE = re.compile(r"\d")
# Terms the reply says are still to come: "Fee and start date to follow", "start date TBC",
# "fee to be confirmed once the manager has reviewed".
_TERM = r"(fee|fees|rate|cost|price|start|start\s+date|date|terms)"
_TO_FOLLOW = re.compile(  # (a visit's or a meeting's date to follow is not the start's)
    r"\b(?<!visit )(?<!meeting )(?<!review )(?<!intro )(?<!panel )"
    rf"{_TERM}(?:\s+(?:and|&)\s+{_TERM})?\s+(?:(?:will\s+)?follow|to\s+follow|tbc|tba|"
    r"to\s+be\s+(?:confirmed|agreed|decided)|to\s+come)\b"
    # or left to a note below: "see Jo's note below re the start"
    r"|\bsee\s+(?:[\w'’]+\s+){0,3}?(?:note|e-?mail|message|comments?|reply)\s+(?:below|"
    rf"underneath|attached)\s+(?:re|regarding|about|on)\.?\s+(?:the\s+)?{_TERM}\b", re.IGNORECASE)
_FEE_WORDS = frozenset({"fee", "fees", "rate", "cost", "price", "terms"})
_START_WORDS = frozenset({"start", "date", "terms"})


def _decide(parsed: ParsedResponse, raw_decision: str, prose: str, spec: FormSpec,
            message_date: date, children: int | None = None) -> None:
    """The decision, and the fee, start date and decline reason the prose adds to it."""
    own_prose = prose_lines(prose, spec)
    # the decision's own remark first: "Decision: Interested – but our fee would be £5,600"
    said = f"{raw_decision}\n\n{own_prose}" if _A_FIGURE.search(raw_decision) else own_prose
    fee = prose_weekly_fee(said, children=children) if parsed.weekly_fee is None else None
    if fee is not None and children is not None and children > 1 and (
            prose_weekly_fee(said) != fee):  # "£3,100 per child per week": each child's
        parsed.fee_per_child = fee / children
    start = prose_start_date(said, message_date) if parsed.available_from is None else None
    deferred = {word.split()[0].lower() for found in _TO_FOLLOW.finditer(own_prose)
                for word in found.groups() if word}
    if deferred & _FEE_WORDS:  # "Fee and start date to follow once the manager has reviewed":
        fee = None  # what the prose or a banner below says of them is not yet the offer
    if deferred & _START_WORDS:
        start = None
    form_place = parsed.weekly_fee is not None or parsed.available_from is not None
    has_place = form_place or fee is not None or start is not None
    if has_place and not form_place and offered_in_the_alternative(said):
        fee = start = None  # "… from 21/12 at £1,100 pw, or Ms Kaur from 04/01 at £1,050 pw"
    start = _a_start(start, message_date)
    parsed.decision = _updated_decision(own_prose, spec, has_place) or _decision(
        raw_decision, own_prose, spec, has_place=has_place, form_place=form_place)
    if parsed.decision is None and parsed.decline_reason not in (None, "other"):
        parsed.decision = "decline"  # a reason for declining, given in the form, says so
    if parsed.decision is None and not raw_decision and _THE_OFFER_UPDATED.search(own_prose):
        parsed.decision = "offer"  # "Update to our offer: … the start is now Monday 4 January":
        fee = start = None  # only the terms it changes, not a fee for later ("goes up … from")
    if parsed.decision is not None and _children_answered_apart(own_prose, spec):
        parsed.decision = None  # "Girl (14): Offer – …" over "Boy (11): Decline – …"
    if raw_decision and parsed.decision is None:
        parsed.unreadable.append("decision")
    if parsed.decision in ("offer", "interested"):
        corrected_fee, corrected_start = corrections(own_prose, message_date)
        parsed.weekly_fee = corrected_fee or (parsed.weekly_fee if fee is None else fee)
        parsed.available_from = _a_start(corrected_start, message_date) or (
            parsed.available_from if start is None else start)
        if parsed.additional_costs is None:  # priced in prose as the form's field would be:
            extras = prose_extras(said)  # "plus a one-off set-up cost of £750 for her room"
            if extras.unpriced:  # "1:1 would be charged on top": kept, and what it costs asked
                parsed.unreadable.append("additional_costs")
            # rule fee-line-left-out: "£4,900 pw all-inclusive but excluding transport to
            parsed.additional_costs = "; ".join([  # school" (round 63 f02)
                *([extras.costs] if extras.costs else []),
                *(f"{what}: not priced" for what in left_out(own_text(said))
                  if what.casefold() not in (extras.costs or "").casefold())]) or None
        if parsed.weekly_fee is None and not deferred & _FEE_WORDS:
            parsed.fee_parts = prose_fee_parts(said)  # "Fee £4900pw + £350 pw education"
        # rule offer-condition-kept: "… subject to a matching meeting with our RM" is recorded
        parsed.proposal = with_the_condition(parsed.proposal, offer_condition(own_text(said)))
        for other in other_fees(own_text(said)):  # rule fee-line-other-fee-kept: "£4,900 a
            parsed.proposal = with_the_condition(  # week but £4,600 if she can share a
                parsed.proposal, other)  # bathroom", "though this rises to £5,200 from week 13"
    elif parsed.decision is None and not raw_decision:  # a follow-up that only corrects a term
        # ("our fee should read £4,750, not £4,950"): the term is kept, the decision still
        # asked; or the whole reply is a fee, as our email asking for it is answered ("£4,975
        # a week."), or states the fee outright ("… the fee would be £5,150 a week.")
        corrected_fee, corrected_start = corrections(own_prose, message_date)
        parsed.weekly_fee = corrected_fee or parsed.weekly_fee or (
            fee if _ONLY_A_FEE.fullmatch(_after_greeting(own_prose))
            or _THE_FEE_STATED.search(own_prose) else None)
        parsed.available_from = _a_start(corrected_start, message_date) or (
            parsed.available_from)
    if parsed.decision in ("offer", "interested"):
        parsed.decline_reason = None  # "Decline reason: N/A", or a name under its blank
    if parsed.decision in ("decline", "withdrawn") and parsed.decline_reason is None:
        # a withdrawal keeps the reason the home gives, as a decline does ("we've had to
        # withdraw: we don't feel we can meet her needs"); a withdrawal's is never asked
        parsed.decline_reason = _prose_reason(raw_decision, prose, spec)
    if parsed.decision == "decline" and raw_decision and _field_meaning(
            raw_decision, spec, has_place=True) in POSITIVE:  # a form's offer taken back below
        parsed.weekly_fee = parsed.available_from = None  # it: its terms are no offer now
    if parsed.decision == "decline":  # rule decline-opening-kept: "we'd consider her for
        # respite", "should have a bed late January": kept where a decline has no proposal
        parsed.proposal = with_the_condition(parsed.proposal, decline_opening(
            f"{raw_decision}\n\n{own_prose}" if raw_decision else own_prose))


# A reply that is only a weekly fee, and what it includes: "£4,975 a week, all-inclusive
# (education included)." (round 44), "Our weekly fee is £4,975."; with the writer's name; or
# after an apology for leaving it out: "sorry forgot the fee its 5200 a wk all in", "Sorry, I
# forgot to include the fee - it's £5,200 a week" (round 53; a figure without £ only with its
# week).
_SORRY_IT_WAS_LEFT_OUT = (
    r"(?:(?:so+rry|apologies|oops)[ \t,.!\-\u2013]*(?:i[ \t]+|we[ \t]+)?"
    r"(?:forgot|missed|left[ \t]+out|didn['’]?t[ \t]+(?:include|add|put|give))[ \t]+"
    r"(?:to[ \t]+(?:include|add|put|give)[ \t]+)?"
    r"(?:the|our)[ \t]+(?:weekly[ \t]+)?(?:fee|rate|cost)(?:[ \t]+(?:off|out|in))?"
    r"[ \t]*[,.:;\-\u2013\u2014]?[ \t]*)?"
    r"(?:(?:it['’]?s|it[ \t]+is|its|that['’]?s|it['’]?ll[ \t]+be|it[ \t]+would[ \t]+be)[ \t]+)?")
_ONLY_A_FEE = re.compile(
    rf"\s*{_SORRY_IT_WAS_LEFT_OUT}"
    r"(?:(?:our|the)[ \t]+(?:weekly[ \t]+)?(?:fee|rate)[ \t]+(?:is|would[ \t]+be|will[ \t]+be)"
    r"[ \t]+)?(?:£[ \t]?\d[\d,]{0,9}|\d{1,2},?\d{3})(?:\.\d\d)?[ \t]?"
    r"(?:a[ \t]+week|per[ \t]+week|pw|p/w|weekly|a[ \t]+wk|per[ \t]+wk)\b"
    r"[^£\n?\d]{0,80}(?:\n+[A-Z][a-z]{1,20})?\s*", re.IGNORECASE)


# A later reply that states the weekly fee outright, with no decision: "We can confirm, however
# given the 2:1 at night the fee would be £5,150 a week." (round 58) is the fee now, and so is
# one whose sentence ends at its amount ("Confirmed, but the fee would now be £5,300.", "our fee
# is now £5,300"): the placement's fee is a weekly one. One on a condition or for later ("…
# £5,150 a week if she needs 2:1", "… from January"), or for something else ("… £300 more",
# "… £45 an hour"), is not.
_THE_FEE_STATED = re.compile(
    r"\b(?:the|our)[ \t]+(?:weekly[ \t]+)?(?:fee|rate)[ \t]+(?:(?:would|will)[ \t]+(?:now[ \t]+)?"
    r"(?:need[ \t]+to[ \t]+)?be|is[ \t]+now)[ \t]+(?:£[ \t]?\d[\d,]{0,9}|\d{1,2},?\d{3})(?:\.\d\d)?"
    r"(?:[ \t]?(?:a[ \t]+week|per[ \t]+week|pw|p/w|weekly)\b|[ \t]*(?=[.;!\n]|\Z))"
    r"(?![^.;!?\n]{0,60}\b(?:if|unless|should|provided|or|from|after|until)\b)", re.IGNORECASE)


# A reply that updates the home's own offer, made earlier on the thread: "Update to our offer:
# same fee, but the start is now …", "Correction to the offer below – … the fee is £5,600",
# "the offer below still stands, but …", "Revised: fee now £4,750". The offer stands; what it
# changes is read as a correction is, and what it keeps ("same fee", "start as before") is
# asked.
_THE_OFFER_UPDATED = re.compile(
    r"\b(?:update|revision|correction|change|amendment)s?[ \t]+to[ \t]+(?:our|the|my)[ \t]+offer\b"
    r"|\b(?:our|the)[ \t]+offer[ \t]+(?:below|above)[ \t]+(?:still[ \t]+)?stands\b"
    r"|^[ \t]*(?:revised|updated)[ \t]*:[ \t]*"
    r"(?=(?:our[ \t]+)?(?:weekly[ \t]+)?(?:fee|rate|start)\b)",
    re.IGNORECASE | re.MULTILINE)


def _children_answered_apart(prose: str, spec: FormSpec) -> bool:
    """Whether lines headed by each child of a sibling group answer differently, one yes and
    one no: the group's decision is then asked, never one child's recorded for it."""
    answers = set()
    for said in each_childs_answer(prose):
        means = _field_meaning(said.strip(), spec, has_place=False)
        if means is None and (rule := deciding_statement(spec, _offers_said_plainly(said),
                                                         has_place=False)):
            means = rule.means
        if means is not None:
            answers.add(means in POSITIVE)
    return len(answers) > 1


def _typed(field_spec: FieldSpec, raw: str, spec: FormSpec, message_date: date,
           children: int | None = None) -> Any:
    """The typed value, or None when it cannot be read."""
    try:
        if field_spec.key == "urn":
            found = _URN.search(raw)
            return re.sub(r"\s", "", found[1]).upper() if found else None
        if field_spec.kind == "postcode":
            return _outward(raw)
        if field_spec.kind == "money":
            return parse_money_weekly(raw, children=children)
        if field_spec.kind == "date":  # "visit Thu 3rd, move-in Mon 7th": the move-in
            raw = _A_LINE_OF_ITS_OWN.split(raw, maxsplit=1)[0]  # not "Response date: …" below
            if labelled := _MOVE_IN_BEFORE_ITS_LABEL.search(raw):
                return _a_start(parse_uk_date(labelled[1], message_date), message_date)
            moved_in = _MOVE_IN_AFTER_A_VISIT.search(raw)
            if (aside := _A_DAY_IN_BRACKETS.search(raw)) and not moved_in and _another_day(
                    raw[:aside.start()], aside[1], message_date):
                return None  # "01/04/2027 (4 Jan – our system is set to US dates)": asked
            return _a_start(parse_uk_date(raw[moved_in.end():] if moved_in else raw,
                                          message_date), message_date)
        if field_spec.kind == "code":
            named = next(_named_reasons(raw, (_REASON_INSTEAD,)), "")  # "location rather than …"
            return (named and spec.code_for(field_spec.key, named)) or spec.code_for(
                field_spec.key, raw) or _coded_from_prose(field_spec, raw, spec)
    except ValueError:
        return None
    return raw


# A day opening the brackets after the start, which may be the one meant: "01/04/2027 (4 Jan
# – our system is set to US dates)". Two different days: the start is asked (but not "(current
# young person moves on 10/12)", another event's day).
_A_DAY_IN_BRACKETS = re.compile(r"\([ \t]*(\d[^()\n]{0,80})\)")


def _another_day(given: str, aside: str, message_date: date) -> bool:
    """Whether the words in brackets name a day other than the one given before them."""
    try:
        return parse_uk_date(aside, message_date) != parse_uk_date(given, message_date)
    except ValueError:
        return False


# A labelled line under a date, a field of its own: "Proposed Start: TBC" over "Response date:
# 02/12/2026" (a portal's export) starts on no day yet.
_A_LINE_OF_ITS_OWN = re.compile(r"\n[ \t]*[A-Za-z][\w'’ ()/&-]{1,40}:[ \t]*\S")


# A place is free from a date this far before the reply at most ("from 30/11" on 2 December
# is free now); a start months past ("12/7/2026", "14/09/2026") is a slip, and is asked.
_PAST_START = timedelta(days=7)


def _a_start(start: date | None, message_date: date) -> date | None:
    return None if start is None or start < message_date - _PAST_START else start


def _outward(raw: str) -> str | None:
    """The outward code of a postcode or district (`LS6`); the text itself if it has none."""
    postcode = normalise_postcode(raw)
    if postcode is not None:
        return postcode.split(" ")[0]
    found = _OUTWARD.search(raw.upper())
    return found[1] if found else " ".join(raw.split())[:200]


def _coded_from_prose(field_spec: FieldSpec, raw: str, spec: FormSpec) -> str | None:
    """A decline reason in words ("we're full") is read as prose, and so is its first line
    when a log line follows it ("Capacity" over "Logged: 02/12 by R Tremlett"); any other
    reason is other."""
    if field_spec.key != "decline_reason":
        return None
    first_line = raw.strip().split("\n", 1)[0]
    if first_line != raw.strip() and (code := spec.code_for(field_spec.key, first_line)):
        return code
    if (two := _TWO_REASONS.fullmatch(first_line)) and (  # "location and matching": the
            code := spec.code_for(field_spec.key, two[1])) and (  # first, as "location /
            spec.code_for(field_spec.key, two[2]) is not None):  # matching" is
        return code
    rule = meaning(spec, raw)
    if rule is not None and rule.decline_reason is not None:
        return rule.decline_reason
    if _A_PROMPT_LEFT.fullmatch(raw.strip()):
        return None  # "[select reason]", "Choose an item.": a form's prompt, no reason given
    return "other" if "other" in field_spec.codes else None


# A form's prompt left in a field: "[select reason]", "<choose one>", "Please select",
# "Choose an item." (round 44).
_A_PROMPT_LEFT = re.compile(
    r"[\[<{(][ \t]*(?:please[ \t]+)?(?:select|choose|pick|enter|insert|type)\b[^\]>)}\n]{0,40}"
    r"[\]>)}]\.?"
    r"|(?:please[ \t]+)?(?:select|choose)(?:[ \t]+(?:an?|one|the))?(?:[ \t]+(?:item|reason|"
    r"option|from[ \t]+(?:the[ \t]+)?list))?\.?", re.IGNORECASE)


_TWO_REASONS = re.compile(r"\s*([^&\n]{2,60}?)\s+(?:and|&|plus)\s+([^&\n]{2,60}?)[\s.]*",
                          re.IGNORECASE)


# A reply's own later update: "Update 11:20: bed has now gone", "UPDATE - the bed has been
# filled", "Edit: …", "PS …", at the start of a line.
_UPDATE = re.compile(r"(?im)^[ \t*_]*(?:update[ds]?|edit|correction|ps|p\.s\.)\b[^:\n]{0,40}?"
                     r"[:\-\u2013\u2014.][ \t]*")


def _updated_decision(prose: str, spec: FormSpec, has_place: bool) -> str | None:
    """The decision an update at the end of the reply states, over what the reply said
    before it ("We can offer … / Update 11:20: bed has now gone" is a decline)."""
    if prose and _TREAT_AS_A_DECLINE.search(prose):
        return "decline"  # "… so please treat this as a decline (matching)", over the form
    if prose and _NOT_AFTER_ALL.search(prose):
        return "decline"  # "Decision: Offer" over "we're not able to offer after all"
    updates = list(_UPDATE.finditer(prose)) if prose else []
    if not updates:
        return None
    rule = deciding_statement(spec, prose[updates[-1].end():], has_place=has_place)
    if rule is None:
        return None
    if rule.means == "yes":
        return "offer" if has_place else "interested"
    return "decline" if rule.means == "no" else rule.means


# The writer turning the reply's answer into a decline: "please treat this as a decline".
_TREAT_AS_A_DECLINE = re.compile(
    r"\b(?:treat|take|read)\s+(?:this|it|our\s+(?:reply|response|answer)|the\s+above)\s+as\s+a\s+"
    r"decline\b", re.IGNORECASE)
# The writer taking back the form's answer "after all": "Having read the referral properly
# we're not able to offer after all - we have no vacancy until February", "we can't take her
# after all" (round 49's 077): a home with no bed is not offering (but "we can't do the 7th
# after all, but can offer from the 14th" keeps its offer).
_NOT_AFTER_ALL = re.compile(
    r"\b(?:can['’]?t|cannot|can\s+not|unable\s+to|(?:not|won['’]?t\s+be)\s+able\s+to)\s+"
    r"(?:offer|take|accept|proceed|go\s+ahead|meet|help|support)\b[^.;!?\n]{0,40}?"
    r"\bafter\s+all\b(?![^.;!?\n]{0,60}\bbut\b)", re.IGNORECASE)
_STILL_NEEDED_ASKED = re.compile(
    r"\b(?:is|are)\s+(?:the\s+placement|a\s+placement|she|he|they|this|you)\s+still\s+(?:needed|"
    r"required|looking|open|wanted)\b"
    # or made to hang on it: "We have a vacancy but not until 18 January, so if you're still
    # looking then please let us know" (round 51)
    r"|\bif\s+(?:you|you['’]?re|you\s+are|she|she['’]?s|she\s+is|he|he['’]?s|he\s+is|they|"
    r"they['’]?re|they\s+are|it['’]?s|it\s+is)\s+still\s+(?:looking|searching|needed|required|"
    r"need|needs|open|wanted)\b", re.IGNORECASE)
# The match itself still to come, beside a bed and a fee: "Matched Y/N: TBC - awaiting impact
# risk assessment", "Start: TBC following matching meeting" (round 51): interest, not yet an
# offer (but "Provisionally yes – pending RM sign-off" is a yes).
_MATCH_TO_COME = re.compile(
    r"\bmatch(?:ed|ing)?\b(?:[ \t]*(?:y/n|\?))?[ \t]*[:\-\u2013]?[ \t]*(?:tbc|tba|tbd|to\s+be\s+"
    r"(?:confirmed|agreed|decided)|awaiting|pending|not\s+yet)\b"
    r"|\b(?:tbc|tba|tbd|to\s+be\s+confirmed|awaiting)\s+(?:following|after|until)\s+(?:a\s+|the\s+|"
    r"our\s+)?matching\b", re.IGNORECASE)


def _decision(raw: str, body_text: str, spec: FormSpec, *, has_place: bool,
              form_place: bool) -> str | None:
    """From the decision field, a yes/no answer, the field's words, or the reply's prose
    (its own lines, not the form's: a caveat in "How we would meet needs" is not a decline).

    `has_place`: a fee or start date anywhere; `form_place`: one in the form's own lines.
    """
    if raw and (rest := taken_back(raw)) is not None:
        raw = rest  # "Offer - sorry, scratch that, bed filled" says only what follows
    means = _field_meaning(raw, spec, has_place=has_place) if raw else None
    if means == "yes" and not has_place and _no_vacancy_beside(raw, body_text, spec):
        return "decline"  # "Can you meet needs? Yes" over "Do you have a vacancy? No"
    plainly = _offers_said_plainly(body_text) if means is None else ""
    if means is None and (rule := deciding_statement(spec, plainly, has_place=has_place)):
        means = rule.means
        if means in ("decline", "no") and rule.decline_reason is None and not raw and (
                _opens_with_an_offer(body_text, spec)):
            return None  # "Offer. Sorry, we can't offer." says both, and is asked (but
            # "Offer - bed just gone, sorry" gives its reason: the offer fell through)
    if means == "yes" and not raw and _opens_with_a_no(body_text, spec):
        means = "no"  # rule a-bare-no-opens: "Unfortunately no. We have a vacancy but …"
    if means is None and not raw and not says_both(spec, plainly):
        means = _short_reply_meaning(body_text, spec, has_place=has_place)  # not "We can
        # offer. Sorry, we can't …"
    if means == "yes":  # "Is the placement still needed? We have a bed from the 14th": asked
        return "offer" if has_place and not _STILL_NEEDED_ASKED.search(body_text) and not (
            _MATCH_TO_COME.search(body_text)) else "interested"
    if means == "no":
        return "decline"
    if means is None and not raw and form_place:  # the form's fee or start date, without a
        return "interested" if _MATCH_TO_COME.search(body_text) else "offer"  # decision, offer
    return means


def _opens_with_an_offer(body_text: str, spec: FormSpec) -> bool:
    """Whether the reply's first words, below any greeting, are an offer or interest in the
    form's own words ("Offer." over "Sorry, we can't offer."), not taken back after."""
    if taken_back(body_text) is not None:
        return False
    answers = _short_answers(_without_an_away_notice(_after_greeting(body_text)))
    return bool(answers) and spec.code_for("decision", answers[-1], exact=True) in (
        "offer", "interested")


def _opens_with_a_no(body_text: str, spec: FormSpec) -> bool:
    """Whether the reply's first words, below any greeting, are a bare no ("Unfortunately
    no.", "Sadly not -", "No."): its answer to the referral, which a vacancy or needs it could
    meet said after it do not overturn ("Unfortunately no. We have a vacancy but it's been
    earmarked …"); "No, not yet" and "No problem" are no answer."""
    if taken_back(body_text) is not None:
        return False
    answers = _short_answers(_without_an_away_notice(_after_greeting(body_text)))
    return bool(answers) and spec.answer_for(answers[-1], exact=True) == "no"


def _no_vacancy_beside(raw: str, body_text: str, spec: FormSpec) -> bool:
    """Whether a plain yes to "Can you meet needs?" stands beside a reply saying it has no
    vacancy: needs it could meet, with no bed to meet them in, are a decline."""
    if spec.answer_for(raw.split("\n", 1)[0].strip()) != "yes":
        return False
    rule = deciding_statement(spec, body_text, has_place=False)
    return rule is not None and rule.decline_reason == "no-vacancy"


# A reply opening on the word "Offer" before its fee or start ("Offer – £4,900 pw from 14/12",
# "Offer at £4,900", "Offer: from 14/12", "Offer - 4900pw", "Offer. £5,000 a week", "Offer."
# over "Weekly fee 4900, available from 14/12"), below any greeting: weighed as "We can offer
# …" is, so that background further down ("we were full last week", a pasted "Deputy: no,
# we're full") does not overturn it, and what takes it back ("Offer – sorry, scratch that")
# does.
# The same word opening a later sentence ("@Sam can she start 14/12? Offer at £4,900pw") or
# after a dash ("She can move in on Monday – offer at £4,900 pw"), before "stands" ("Offer
# stands at £4,900pw") or a spoken day ("Offer from the fourteenth") is read so too; and so,
# opening the reply, are "Can do 14/12 at £4,900pw" and a yes before a
# fee or a start ("Yes, £4,900 pw from 14/12", "Yes from 14/12 @ £4900pw", "Tentative yes –
# 14/12 at £4,900pw"; but "Yes, 14/12 works for the visit" offers nothing).
_A_FEE_NEXT = r"(?:at\s+|of\s+|@\s*)?(?:£|\d[\d,]*\s*(?:pw|p/w|per\s+week|a\s+week))"
_A_SPOKEN_DAY = (r"(?:the\s+(?:[a-z]+|\d{1,2})(?:st|nd|rd|th)\b|(?:this|next)\s+[a-z]+day\b"
                 # a weekday and its day: "Yes, from Mon 21st, £4,980 pw"
                 r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?[ \t]+(?:the[ \t]+)?\d{1,2}"
                 r"(?:st|nd|rd|th)\b"
                 r"|(?:the\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|a\s+week\s+on\s+[a-z]+day\b"
                 r"|tomorrow\b|today\b|next\s+week\b)")
_OPENING_OFFER = re.compile(
    # (or after a "Yes": "Yes, offer at £4,850 pw from 14/12/2026", round 59 a18)
    rf"(?:(?<=[.!?:]\s)|(?<=\n)|(?<=[-\u2013\u2014]\s)|(?<=[\u2013\u2014])|(?<=\d,\s)|^"
    rf"|(?<=\byes,\s)|(?<=\byes\s))offer(?:ing)?"
    # "Offer stands as long as you need us – £4,900 pw" (round 64 k03): its aside before its terms
    rf"(?:\s+(?:still\s+)?stands(?:\s+(?:for\s+)?(?:as\s+long\s+as|while|whilst|until)\b"
    rf"[^\n£\d.!?;:\u2013\u2014-]{{1,60}}?(?=\s*[-\u2013\u2014:]))?)?"
    rf"(?:\s+(?:for\s+)?(?:her|him|them|both|all\s+(?:two|three|four))"
    rf"(?:\s+(?:siblings|children|girls|boys|brothers|sisters|of\s+them))?)?"
    rf"(?:\s*\([^()\n]{{0,80}}\))?"  # an aside: "Offer (verbally confirmed with Sam): …"
    rf"(?:\s*[-\u2013\u2014:,.;(]\s*|\s+)"
    rf"(?={_A_FEE_NEXT}|(?:weekly\s+)?(?:fee|rate)\b[^\n£\d]{{0,10}}(?:£\s?)?\d"
    rf"|(?:available\s+)?(?:from|on)\s+(?:\d|{_A_SPOKEN_DAY})|{A_DAY_AFTER_THE_OFFER})",
    re.IGNORECASE)
_OPENING_YES = re.compile(rf"(?:yes\W{{0,3}}\s*)?can\s+do\s+(?=(?:from\s+)?{A_DAY_AFTER_THE_OFFER})"
                          rf"|(?:\d[.)]\s*)?"
                          # "Definitely a yes from us – £4,850 a week", "It's a yes from 21/12"
                          rf"(?:(?:it['’]?s|it\s+is|definitely|certainly|absolutely)\s+"
                          rf"(?:(?:definitely|certainly|absolutely)\s+)?an?\s+)?"
                          rf"(?:(?:tentative|provisional)(?:ly)?\s+)?yes"
                          rf"(?:\s+from\s+(?:us|me))?"
                          rf"(?:[ \t,.]{{0,3}}\d[.)][ \t]*yes\b)*"  # "1) Yes 2) Yes 3) £4,750"
                          # "1) Yes 2) £4,800", "Yes / £4,800"
                          rf"\s*[,!.:\-\u2013/]*\s*(?:\d[.)]\s*)?"
                          # "Yes to the 14th, no to the 2:1 at weekends … Fee £4,900."
                          rf"(?:to\s+(?=the\s+\d{{1,2}}(?:st|nd|rd|th)\b\s*[,.;!]))?"
                          rf"(?=(?<=to\s)the\s|{_A_FEE_NEXT}|from\s+{A_DAY_AFTER_THE_OFFER}"
                          # "Yes, from the 21st, £4,950", "Yes but not before the 21st"
                          rf"|(?:from|(?:but\s+)?not\s+(?:before|until))\s+{_A_SPOKEN_DAY}"
                          r"(?=\s*(?:[,.;!]|$|and\b|at\b|@))"
                          rf"|{A_DAY_AFTER_THE_OFFER}(?:\s*[,\-\u2013\u2014])?\s*{_A_FEE_NEXT})",
                          re.IGNORECASE)
# New terms in a negotiation, said with the fee: "we can come down to £4,750 pw", "we're able
# to reduce our weekly fee to £4,750", "we can do £4,750 pw", "Best we can do is £4,750 pw",
# "we can go as low as £4,750", "Our revised offer is £4,750 pw" (but "we can't go as low as
# £4,600" offers nothing, and "could do £4,900 pw … if that goes well" is a wish).
_NEW_TERMS = re.compile(
    r"\b(?:(?:we\s+)?(?:(?:can|could|will|would|(?:are|['’]re)\s+able\s+to|have\s+agreed\s+to)"
    r"\s+(?:come\s+down|reduce\s+(?:our|the)\s+(?:weekly\s+)?(?:fee|rate|price)|lower\s+(?:our|"
    r"the)\s+(?:weekly\s+)?(?:fee|rate)|drop(?:\s+(?:our|the)\s+(?:fee|rate))?)|(?:can|will|"
    r"(?:are|['’]re)\s+able\s+to)\s+(?:do(?:\s+it)?|go(?:\s+as\s+low\s+as)?))(?:\s+(?:for|at|to))?"
    r"|(?:the\s+)?best\s+we\s+(?:can|could)\s+do\s+(?:is|would\s+be)"
    # a figure held to in a negotiation: "we'll have to stay at 4,900", "Our final figure is
    # £4,900", "we can't go lower than £5,000", "Lowest for us is 4750", "We'll go with £4,800"
    r"|(?:we['’]ll\s+|we\s+will\s+|we\s+)?(?:have\s+to\s+)?(?:stay|remain|stick)\s+(?:at|with)"
    r"|(?:our\s+)?final\s+(?:figure|fee|price|rate)\s+(?:is|would\s+be|will\s+be)"
    r"|(?:we\s+)?(?:can['’]?t|cannot|can\s+not)\s+go\s+(?:any\s+)?lower\s+than"
    r"|lowest\s+(?:for\s+us|we\s+can\s+(?:go|do))\s+is"
    r"|(?:we['’]ll|we\s+will)\s+go\s+with"
    r"|(?:we\s+)?accept\s+(?:the|your)\s+(?:proposed\s+)?(?:fee|rate)\s+of"
    r"|(?:we\s+)?(?:can|could|will)\s+agree(?:\s+to)?"  # "Fine – we can agree £4,750"
    r"|(?:we['’]ve|we\s+have)\s+agreed(?:\s+on)?"  # "Following our call – we've agreed £4,900 pw"
    r"|(?:our\s+)?(?:revised|improved|reduced|final)\s+(?:offer|fee|rate)\s+(?:is|would\s+be"
    r"|will\s+be|of))\s*(?=£\s?\d|\d[\d,]*\s*(?:pw|p/w|per\s+week|a\s+week)\b"
    r"|\d{1,2},\d{3}\b|\d{1,3}[ .]\d{3}\s*(?:pounds?|gbp)\b)", re.IGNORECASE)
# An offer whose terms come before "stands": "our offer at £4,900 pw still stands", "Our offer
# of £4,900 pw from 14/12 still stands".
_TERMS_THAT_STAND = re.compile(r"\b(?:(?:our|the)\s+)?offer\s+(?P<terms>(?:at|of)\s+£?\s?\d"
                               r"[^.!?;\n]{0,60}?|\([^()\n]{0,30}?[£\d][^()\n]{0,60}\))\s+(?:still\s+)?stands\b",
                               re.IGNORECASE)  # or in brackets: "Our offer (£4,900 pw, …) stands"
# An offer made earlier, said to stand: "The offer we made on Monday stands", "the offer I
# sent yesterday still stands".
_THE_OFFER_MADE_STANDS = re.compile(r"\b(?:the|our)\s+offer\s+(?:we|i)\s+(?:made|sent|gave)"
                                    r"(?:\s+[\w,]+){0,4}?\s+(?:still\s+)?stands\b", re.IGNORECASE)
# A checklist of ticks and crosses, each before a short phrase: "❌ Vacancy" over "✅ Could
# meet needs" is "Vacancy: No" over "Could meet needs: Yes" (ticks alone are read as before).
_CROSSED = re.compile(rf"(?m)^[ \t]*[{CROSS}]\ufe0f?[ \t]*"
                      r"(?P<phrase>[A-Za-z][A-Za-z' \t]{2,40}?)[ \t]*$")
_TICKED = re.compile(rf"(?m)^[ \t]*[{TICK}{TICKED_BOX}]\ufe0f?[ \t]*"
                     r"(?P<phrase>[A-Za-z][A-Za-z' \t]{2,40}?)[ \t]*$")


# Or each mark after its phrase, two lines or more: "Vacancy ✔️" over "Meet needs ✔️" is
# "Vacancy? Yes" over "Meet needs? Yes", answers to the council's questions.
_MARKED_AFTER = re.compile(rf"(?m)^[ \t]*(?P<phrase>[A-Za-z](?:[A-Za-z' \t]{{0,38}}[A-Za-z])?)"
                           rf"[ \t]*(?P<mark>[{TICK}{TICKED_BOX}{CROSS}])\ufe0f?[ \t]*$")
_MARKED_LINES, _MARKED_CHARS = 2, 5_000


def _marks_as_answers(text: str) -> str:
    """The text with a checklist's crosses and ticks written as its noes and yeses."""
    if len(_MARKED_AFTER.findall(text[:_MARKED_CHARS])) >= _MARKED_LINES:
        text = _MARKED_AFTER.sub(lambda line: f"{line['phrase']}? " + (
            "No" if line["mark"] in CROSS else "Yes"), text)
    if not _CROSSED.search(text):
        return text
    text = _CROSSED.sub(lambda line: f"{line['phrase']}: No", text)
    return _TICKED.sub(lambda line: f"{line['phrase']}: Yes", text)


# A thumbs-up (or a tick) opening the reply, before its terms, is a yes: "👍 from 14/12 @ 4900".
_THUMBS_UP_FIRST = re.compile(r"^(?:(?:\U0001F44D|\u2705|\U0001F44C|\u2714\ufe0f?)"
                              r"[\U0001F3FB-\U0001F3FF]?[ \t]*){1,3}(?=from\b|\d)", re.IGNORECASE)
# A symbol opening the reply, before its answer: "👍 Offer from 14/12, £4,900pw".
_SYMBOLS_FIRST = re.compile(r"^[^\w\s£$€@#(\[<>*\u2022'\"‘’“”-]{1,4}[ \t]*(?=\w)")


def _offers_said_plainly(body_text: str) -> str:
    """The reply with each offer made in other words ("Offer – £4,900 pw", "Yes from 14/12",
    "our offer of … still stands", "we can come down to £4,750") said as "we can offer …",
    so that it is weighed as one; the reply as it was when there is none."""
    text = _THUMBS_UP_FIRST.sub("Yes ", _after_greeting(body_text).lstrip(), count=1)
    text = _LEAD_IN.sub("", _SYMBOLS_FIRST.sub("", text, count=1), count=1)
    if opening := _OPENING_YES.match(text) or _OFFER_OPENING_ITS_TERMS.match(text):
        text = f"We can offer {text[opening.end():]}"
    said = _OPENING_OFFER.sub("We can offer ", text)
    said = _TERMS_THAT_STAND.sub(r"we can offer \g<terms>", said)
    said = _THE_OFFER_MADE_STANDS.sub("we can offer", said)
    said = _NEW_TERMS.sub("we can offer at ", said)
    return said if said != text or opening else body_text


# Words that lead into the answer: "In short: yes, £4,950, Mon 21st", "Summary - offer …".
_LEAD_IN = re.compile(r"(?:in\s+short|in\s+summary|summary|short\s+answer|answer|tl;?\s?dr|"
                      r"bottom\s+line)[ \t]*[:\-\u2013\u2014][ \t]*", re.IGNORECASE)
# The reply's first word "Offer" (or "Revised offer", "go ahead, offer") on a line that gives
# a figure: the decision, whatever stands between it and its terms ("Offer from the new
# term - £4,900 pw", "Offer summary - £5,300 pw | start 21/12", "offer 4900 from Monday").
_OFFER_OPENING_ITS_TERMS = re.compile(
    r"(?:go\s+ahead[ \t]*,?[ \t]*(?:and[ \t]+)?)?(?:(?:revised|updated|new|amended|final)[ \t]+)?"
    r"(?:cynnig[ \t]*/[ \t]*)?"  # in both languages: "Cynnig / Offer – £4,850 …"
    r"offer(?:ing)?\b(?![ \t]+(?:of|to|for[ \t]+(?:a|an|the)|letter|stands))"
    r"(?=[^\n]{0,60}?(?:£|\d))[ \t]*",
    re.IGNORECASE)
_FEW_WORDS = 3  # a reply, or its first line, this short is read as a decision field's value
# A decision's own words opening the reply: before a comma ("Offer, £4,850pw", "Declined,
# sorry", "Not at this time, sorry"), before its fee ("Offer at £4,800 per week"), or before
# "for now" ("Declined at this time", "Offer as per subject").
_HEADS = (
    re.compile(r"([^\W\d_]+(?:\s[^\W\d_]+){0,3}),\s"),
    re.compile(r"([^\W\d_]+(?:\s[^\W\d_]+)??)\s+(?:at\s+|@\s*)?(?=£)"),
    re.compile(r"([^\W\d_]+)\s+(?=(?:at\s+(?:this\s+time|the\s+moment|present)"
               r"|on\s+this\s+occasion|for\s+now|as\s+per)\b|for\s+[A-Z])"),  # "Offer for Rosewood"
)
# After "No," or "Full,": regret or thanks say it is the answer; "No, not yet" is not one.
_NO_AND_REGRET = re.compile(
    r"(?:sorry|thanks|thank\s+you|unfortunately|afraid|not\s+at\s+(?:the\s+moment|this\s+time"
    r"|present)|can['’]?t|cannot|we\s+can(?:no|['’])t"
    r"|but\s+(?:please\s+)?(?:do\s+)?(?:keep|bear)\s+us\s+in\s+mind)\b", re.IGNORECASE)


def _after_greeting(body_text: str) -> str:
    """The reply below its greeting line ("Hello," / "Hi Sam,"), when more follows; a reply of
    one line between a greeting and a sign-off ("Hi, No. Thanks, Jo") is its answer; and a
    thumbs-down with regret ("👎 sorry") is a no."""
    first, _, rest = body_text.strip().partition("\n")
    if rest.strip() and SALUTATION.match(first) and len(first.split()) <= _GREETING_WORDS:
        return rest.strip()
    if not rest.strip() and (one := _ANSWER_BETWEEN_GREETING_AND_SIGN_OFF.fullmatch(first)):
        return one["answer"]
    if not rest.strip() and _THUMBS_DOWN_SORRY.fullmatch(first):
        return "No, sorry."
    return body_text


# A reply of one line, its answer between a greeting and a sign-off: "Hi, No. Thanks, Jo",
# "Hi Sam, Full. Ta, Kev" (round 44).
_ANSWER_BETWEEN_GREETING_AND_SIGN_OFF = re.compile(
    r"[ \t]*(?:hi|hello|hey|morning|afternoon)(?:[ \t]+[A-Z][a-z]{1,20})?,[ \t]+"
    r"(?P<answer>[A-Za-z][^.!?\n]{0,30}[.!])[ \t]+"
    r"(?:thanks|thank[ \t]+you|many[ \t]+thanks|ta|cheers|regards|best)"
    r"(?:,?[ \t]+[A-Z][a-z]{1,20})?[ \t]*[.!]?[ \t]*", re.IGNORECASE)
# A thumbs-down with regret, and nothing else: "👎 sorry".
_THUMBS_DOWN_SORRY = re.compile(r"[ \t]*\U0001F44E[\U0001F3FB-\U0001F3FF]?[ \t]*(?:sorry|"
                                r"unfortunately[ \t]+not|afraid[ \t]+not)[ \t]*[.!]{0,3}[ \t]*",
                                re.IGNORECASE)


_GREETING_WORDS = 5  # "Good morning Sam and team," is a greeting; "Hi, we can offer …" is not


def _short_reply_meaning(body_text: str, spec: FormSpec, *,
                         has_place: bool = False) -> str | None:
    """A code or yes/no that a short reply, its first line ("No." over the rest) or its
    opening word before a comma ("Offer, £4,850pw", "No, sorry") is exactly, below any
    greeting; "No, not yet" and "Yes, got it" are none; nor is a first line the reply takes
    back ("We can offer - actually no, …"), nor, without a fee or start (`has_place`) or with
    ones itself guessed ("we may have a bed from 21/12"), a guess whose reply promises its
    answer later (`_A_GUESS`, `_ANSWERED_LATER`)."""
    if taken_back(body_text) is not None:
        return None
    body_text = _without_an_away_notice(_after_greeting(body_text))
    if (not has_place or _A_PLACE_GUESSED.search(body_text)) and (
            guess := _A_GUESS.match(body_text)) and _ANSWERED_LATER.search(
            body_text, guess.end()):
        return None  # "Possibly – I need to check with our RM tomorrow and will come back to you"
    for short in _short_answers(body_text):
        if _ACKNOWLEDGED.match(body_text.strip()[len(short):]):
            continue  # "Yes – received, thanks": the email came, no answer yet
        plain = short if _OTHER_CHILDREN.search(short) else without_brackets(short)
        for text in dict.fromkeys([short, plain]):  # "Declined (distance)."
            if means := spec.code_for("decision", text, exact=True) or spec.answer_for(
                    text, exact=True):
                return means
    text = body_text.strip()
    if (last := _LAST_SENTENCE.search(text.split("\n\n", 1)[0])) and (
            means := spec.code_for("decision", last["said"], exact=True)):
        return means  # "Not with our current group, sorry. Decline."
    for head in (found for pattern in _HEADS if (found := pattern.match(text))):
        if means := spec.code_for("decision", head[1], exact=True):
            return means
        if _NO_AND_REGRET.match(text, head.end()) and (
                means := spec.answer_for(head[1], exact=True)):
            return means
    return None


# A guess opening the reply, and a promise to answer later with nothing else said (no fee, no
# start, no phrase of the prose rules): "Possibly – I need to check with our RM tomorrow and
# will come back to you", "Maybe - it depends on the outcome of our matching meeting on
# Wednesday. I'll let you know straight after." (round 54). The promise wins over the first
# word: no answer yet, and the decision is asked, as "we'll come back to you after our
# meeting" is. (A guess alone, "Maybe.", is still interest.)
_A_GUESS = re.compile(r"\s*(?:maybe|possibly|potentially|perhaps|probably|not\s+sure|unsure|"
                      r"undecided|tbc|tbd|could\s+be|might\s+be|it\s+might\s+be)"
                      r"(?:\s+(?:yes|so|not\s+yet))?(?:\s*[-\u2013\u2014,.:;!…]+|\s+|$)",
                      re.IGNORECASE)
# The place itself guessed, its start or fee with it: "Possibly" over "We may have a bed from
# 21/12 but I need to check with our RM tomorrow and will come back to you" (round 55): the
# terms are a guess too, and the decision is still asked.
_A_PLACE_GUESSED = re.compile(r"\b(?:may|might|could\s+possibly)\s+(?:well\s+)?(?:have|be\s+able\s+"
                              r"to\s+(?:offer|take|accommodate))\b", re.IGNORECASE)
_ANSWERED_LATER = re.compile(
    r"\b(?:will|['’]ll|shall)\s+(?:\w+\s+){0,2}?(?:come\s+back|get\s+back|revert|let\s+you\s+know|"
    r"be\s+in\s+touch|confirm|update\s+you|feed\s*back|respond|reply|advise|call|ring|email|"
    r"know\s+more)\b"
    r"|\b(?:need|needs|have|has|got)\s+to\s+(?:check|speak|talk|discuss|confirm|ask|consult|"
    r"clarify|run\s+(?:it|this)\s+(?:past|by))\b"
    r"|\bdepend(?:s|ing)?\s+on\b|\bwaiting\s+(?:on|for)\b|\bawaiting\b|\bto\s+be\s+confirmed\b"
    r"|\bonce\s+(?:we|i)\s+(?:know|have|hear|get)\b|\bget\s+back\s+to\s+you\b", re.IGNORECASE)


# After a short "yes" and a dash or comma, words that say only that the email came.
_ACKNOWLEDGED = re.compile(
    r"\s*[-\u2013\u2014,:]\s*(?:received|got\s+it|noted|thanks|thank\s+you|will\s+(?:review|look|"
    r"read|come\s+back|get\s+back|be\s+in\s+touch))\b", re.IGNORECASE)


# An out-of-office line the writer left at the top of a real answer.
_AWAY_NOTICE = re.compile(r"(?:i\s+am\s+|i['’]m\s+)?(?:out\s+of\s+(?:the\s+)?office|ooo\b|on\s+"
                          r"(?:annual\s+)?leave\b|away\s+from\s+(?:the|my)\s+(?:office|desk))",
                          re.IGNORECASE)


def _without_an_away_notice(body_text: str) -> str:
    """The reply less the out-of-office lines its writer left above a real answer ("Out of
    office until Thursday 10th – for urgent matters call …" above "Full, sorry.")."""
    lines = body_text.strip().split("\n")
    written = sum(1 for line in lines if line.strip())
    start = 0
    while start < len(lines) and written > 1 and (
            not lines[start].strip() or _AWAY_NOTICE.match(lines[start].strip())):
        written -= bool(lines[start].strip())
        start += 1
    return "\n".join(lines[start:])


# The last sentence of the reply's first paragraph, when it is a word or two: "… Decline.", or
# what a dash sets after the rest ("Agree with Kim – decline.").
_LAST_SENTENCE = re.compile(r"(?:^|[.!?]\s+|\s[-\u2013\u2014][ \t]+)"
                            r"(?P<said>[A-Za-z][A-Za-z ]{1,20}?)[.!]?\s*$")


def _short_answers(body_text: str) -> list[str]:
    """The reply, and its first line, where either is a few words ("No.", "Full.", "Offer -
    £4,850pw" over the rest of the email): read as a decision field's value would be."""
    lines = [line.strip() for line in body_text.strip().split("\n") if line.strip()]
    first = re.split(r"\s[-\u2013\u2014]\s|[.!:;]\s", lines[0], maxsplit=1)[0] if lines else ""
    return [text for text in dict.fromkeys([body_text.strip(), first])  # (a reason in
            if text and len(normalise_words(without_brackets(text)).split()) <= _FEW_WORDS]
    # brackets adds no words: "no (matching, two older boys there now).")


def _field_meaning(raw: str, spec: FormSpec, *, has_place: bool) -> str | None:
    """What the decision field says: a code or a yes/no, in the whole value or its first line
    ("Offer" then a sentence on the next), else its prose, else the one code it names
    ("Sorry - decline")."""
    for text in dict.fromkeys([raw, raw.split("\n", 1)[0].strip()]):
        means = spec.code_for("decision", text) or spec.answer_for(text)
        if means is None and (rule := deciding_statement(spec, text, has_place=has_place)):
            means = rule.means
        if means is not None:
            return means
    return _the_one_code_named(spec, normalise_words(raw))


def _the_one_code_named(spec: FormSpec, words: str) -> str | None:
    """The one decision the value names, a denied offer or interest being a decline: "Not
    offering", "Unable to accept", "Would not consider", "No offer made", "Possibly not"."""
    named: set[str] = set()
    for code, pattern in _code_words(spec):
        for found in pattern.finditer(words):
            before, after = words[:found.start()], words[found.end():]
            denied = code in POSITIVE and (denies_positive(before) or bool(
                _NO_BEFORE.search(before) or _NOT_AFTER.fullmatch(after)))
            named.add("decline" if denied else code)
    return named.pop() if len(named) == 1 else None


def _code_words(spec: FormSpec) -> list[tuple[str, re.Pattern[str]]]:
    field_spec = spec.field("decision")
    return [(code, pattern) for code, words in field_spec.codes.items()
            if (pattern := phrase_pattern((code, *words))) is not None]


# "Decline reason should be matching, not no vacancy": the reason named, not the one denied.
_REASON_SAID = re.compile(
    r"\breason\s+(?:should\s+(?:be|read|say|have\s+been)|is|was)\s*:?\s+([^,.;:\n]{2,40}?)"
    r"(?=\s*(?:[,.;\n]|\bnot\b|\brather\b|$))", re.IGNORECASE)
# "location rather than no vacancy"; "not about no vacancy, it's matching".
_REASON_INSTEAD = re.compile(
    r"(?:^|[:.;,]\s*)([a-z][a-z -]{1,30}?)\s+(?:rather\s+than|instead\s+of)\s"
    # "No vacancy - sorry, should be matching" (a field corrected in place)
    r"|\bshould\s+(?:be|read|say|have\s+been)\s*:?\s+([a-z][a-z -]{1,30}?)(?=\s*(?:[,.;\n]|$))"
    r"|\bnot\s+about\s+[^,.;\n]{2,30},\s*it(?:'|’)?s\s+([a-z][a-z -]{1,30}?)"
    r"(?=\s+with\b|[,.;\n]|$)",
    re.IGNORECASE | re.MULTILINE)


def _named_reasons(text: str, patterns: tuple[re.Pattern[str], ...]) -> Iterator[str]:
    """The reasons the text says the reason is, or names instead of another, in order."""
    for pattern in patterns:
        for said in pattern.finditer(text):
            yield next(group for group in said.groups() if group).strip()


# A remark about other children: "Interested (in future referrals)" is not this child.
_OTHER_CHILDREN = re.compile(r"\b(?:future|other|next|another)\b", re.IGNORECASE)
# A reply opening with its decision and a remark, up to the remark's full stop.
_OPENING_DECISION = re.compile(r"((?i:declined?|declining|no|sorry)\s*[-\u2013:(][^.\n]{1,60})")
_BRACKETED_REASON = re.compile(r"\(([^()\n]{2,30})\)")
_BRACKETED_NEXT = re.compile(r"[ \t]{0,3}\(([^()\n]{2,30})\)")
# A reason's own name just after the word, in the first line: "Sorry we'll have to decline,
# matching - current group is very settled", "Cedar House would have to decline (matching)",
# "We'll have to decline - matching: our current young people are all much older".
_DECLINE_THEN_REASON = re.compile(r"\bdeclin\w*\s*[,:(\-\u2013]\s*([a-z][a-z ]{1,30}?)"
                                  r"\s*(?:[-\u2013.,;:()]|$)", re.IGNORECASE)


def _prose_reason(raw_decision: str, body_text: str, spec: FormSpec) -> str | None:
    """The reason the decision's own remark names ("Decline (price)", "Declined - too far"),
    or the decision itself, or a reply of a few words ("No bed", "Full."), or the one the
    prose says the reason is ("the reason should be matching, not no vacancy"), else the first
    the prose states."""
    body_text = _without_an_away_notice(_after_greeting(body_text))
    first_line = body_text.strip().split("\n", 1)[0] if not raw_decision else ""
    opening = _OPENING_DECISION.match(first_line)  # "Decline – budget. Our fee would be …"
    for found in _REMARK.finditer(raw_decision or (opening[1] if opening else "")):
        if code := spec.code_for("decline_reason", (found[1] or found[2]).strip(" .")):
            return code
    if (after_decline := _DECLINE_THEN_REASON.search(first_line)) and (
            code := spec.code_for("decline_reason", after_decline[1])):
        return code
    for bracketed in _BRACKETED_REASON.finditer(first_line):  # "Not us I'm afraid (matching)."
        if code := spec.code_for("decline_reason", bracketed[1], exact=True):
            return code
    if (treated := _TREAT_AS_A_DECLINE.search(body_text)) and (  # "… as a decline (matching)"
            in_brackets := _BRACKETED_NEXT.match(body_text, treated.end())) and (
            code := spec.code_for("decline_reason", in_brackets[1], exact=True)):
        return code
    for text in (raw_decision, *_short_answers(body_text)):
        if code := spec.code_for("decline_reason", text.strip(" \t\n.!")):
            return code
    for named in _named_reasons(body_text, (_REASON_SAID, _REASON_INSTEAD)):
        if code := spec.code_for("decline_reason", named):  # "should be matching, not …"
            return code
    for text in (raw_decision, body_text):
        if text and (reason := first_reason(spec, text)):
            return reason
    if _ABOVE_WHAT_IS_PAID.search(body_text):  # "£6,400 per week, well above what councils
        return "price"  # usually have for this, so we will have to decline"
    return None


# The home's fee set above what councils pay, beside a decline that names no other reason
# (round 54): "which is well above what councils usually have for this", "more than most
# local authorities pay", "above the usual rate": the reason is price. Said beside an offer it
# is no decline: only a decline's reason is read from it.
_ABOVE_WHAT_IS_PAID = re.compile(
    r"\b(?:above|over|more\s+than|higher\s+than|beyond|exceeds?|outside)\s+(?:what\s+(?:most\s+|"
    r"many\s+|other\s+)?(?:councils|local\s+authorities|las|authorities|commissioners|you|"
    r"your\s+(?:council|authority|team))\b|(?:the\s+)?(?:usual|normal|typical|going|average)\s+"
    r"(?:rates?|fees?|budgets?|prices?)\b|(?:most|councils?['’]?|la|local\s+authority)\s+"
    r"(?:budgets?|rates?|fees?|frameworks?)\b|(?:most|many|other)\s+(?:councils|local\s+"
    r"authorities|las|authorities)\s+(?:\w+\s+)?(?:pay|have|afford|spend|budget)\b)",
    re.IGNORECASE)


def _missing(parsed: ParsedResponse, spec: FormSpec) -> list[str]:
    if parsed.decision is None:
        return ["decision"]
    required = [f.key for f in spec.fields if parsed.decision in f.required_for or (
        f.key == "additional_costs" and f.key in parsed.unreadable)]  # (charged, not priced)
    return [key for key in required if getattr(parsed, key, None) is None or (
        key == "additional_costs" and key in parsed.unreadable)]  # its words kept, still asked


def response_to_json(parsed: ParsedResponse) -> dict[str, Any]:
    """As `broker parse-response --json` prints it: every key (absent ones null), `missing`."""
    result: dict[str, Any] = {}
    for key in _JSON_KEYS:
        value = getattr(parsed, key)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = float(value)
        result[key] = value
    result["missing"] = list(parsed.missing)
    return result

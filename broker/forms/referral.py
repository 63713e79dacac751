"""Checking a referral form: every value typed into a ReferralForm, every problem reported.

The social worker gets one FieldProblem per field: a required field missing, or a value that
cannot be read, each with an example of what a valid value looks like, so that one reply can
tell them everything to fix. Nothing here logs a value: they identify a child.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from broker.forms.age_remarks import age_qualifier, another_birth_date
from broker.forms.asked_answers import IN_A_REPLY
from broker.forms.dates import MONTH_WORD, names_now
from broker.forms.deadlines import deadline_apart
from broker.forms.fallback_types import fallback_types
from broker.forms.family import parse_family
from broker.forms.known_as import known_as_said, name_without_remarks
from broker.forms.lawful_types import unlawful_for_the_age
from broker.forms.noted_changes import ADDED_BY_A_NOTE
from broker.forms.noted_choices import IN_A_NOTE
from broker.forms.sentence_fields import IN_A_SENTENCE
from broker.forms.spec import ONE_LINE_KINDS, FieldSpec, FormSpec, _in_words
from broker.forms.spoken_years import with_year_digits
from broker.forms.ticks import EMPTY_BOX, ticked_choices
from broker.forms.values import (
    is_possible_postcode,
    is_valid_nhs_number,
    normalise_postcode,
    parse_budget_weekly,
    parse_uk_date,
)
from broker.forms.words import without_brackets
from broker.referral import FamilyMember, FieldProblem, ReferralForm, age_on

__all__ = ["IN_THE_HTML_PART", "check_form", "check_referral", "is_readable",
           "referral_to_json"]

MAX_AGE = 25
# How a conflict's second value that is the HTML part's is marked (broker/forms/message.py),
# for the reply to say the email's two versions differ, not that the form gave it twice.
IN_THE_HTML_PART = "html part: "
_MISSING = "no value was given, and a referral needs one"
_PLACEHOLDERS = frozenset({
    "n a", "na", "none", "nil", "not applicable", "not known", "unknown", "nk", "n k", "tbc",
    "tba", "to be confirmed", "unknown at this stage", "not known at this stage", "tbd",
    "to be decided", "to be agreed", "not recorded", "not stated", "not given", "not provided",
    "unrecorded", "not disclosed", "declined to say", "information not yet recorded",
})
_ANSWERS_OF_NONE = frozenset({"none", "nil"})
# A postcode field pointing at the address: "see address", "as above", "(in address)".
_SEE_THE_ADDRESS = re.compile(r"\W*(?:see|as\s+(?:per|in)|in)\s+(?:the\s+)?(?:home\s+)?address\W*"
                              r"|\W*(?:as\s+above|see\s+above)\W*", re.IGNORECASE)
# What Word shows in a form's empty content control: no answer, in any field.
WORD_PLACEHOLDERS = frozenset({
    "click or tap here to enter text", "click or tap to enter a date", "click here to enter text",
    "click here to enter a date", "choose an item", "enter text", "type here", "please select",
    "select", "select one", "choose one",
})
# A template's prompt left in place of the answer: "[Enter ethnicity]", "Please enter",
# "Insert first language here" (read on the value's words, lower case, single-spaced).
_TEMPLATE_PROMPT = re.compile(r"(?:please )?(?:enter|insert|select|choose)(?: \w+){0,6}")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "single": 1, "no": 1, "none": 1, "n a": 1, "na": 1, "nil": 1, "only child": 1,
}
_WHOLE_NUMBER_RANGES = {"siblings": (1, 8)}
_IN_WORDS = {2: "two", 3: "three", 4: "four"}
_A_SIBLING_GROUP = (
    ". If these are brothers and sisters to be placed together, send one referral: one "
    "child's details, \"Siblings to place together\" with how many children, and the others' "
    "details in the background; if they are not, send one email for each child")
_A_DISPUTED_AGE = (
    ". If the child's age is disputed, give the assessed date of birth and put the claimed one "
    "in the background")
_BROKEN_AT_THE_LINE = re.compile(r"(?<=[a-z])-[ \t]*\n[ \t]*(?=[a-z])|(?<=\d/)[ \t]*\n[ \t]*(?=\d)")
_LINK = re.compile(r"<\s*https?://[^\s<>]{1,2000}\s*>|\bhttps?://[^\s<>()]{1,2000}")
# The group said in words, to be placed with the child: "with her brother (9)", "and his two
# sisters", "together with her 2 brothers".
_PLACED_WITH = re.compile(r"(?:together\s+)?(?:with|and|plus)\s+(?:her|his|their)\s+(?:(?P<count>"
                          r"two|three|four|five|\d)\s+)?(?:(?:younger|older|little|big|baby|"
                          r"half|step)\s+)?(?:brother|sister|sibling)s?\b")
# Siblings asked as a question: "No – brothers Leon (9) and Jack (6) stay with dad" (this
# child alone), "Yes – with Kai, 8" (this child and each brother or sister named).
_ANSWERED_NO_AND_WHY = re.compile(r"[ \t]*no\b[ \t]*(?:[-\u2013\u2014,.;:(]|$)", re.IGNORECASE)
_YES_WITH = re.compile(r"[ \t]*yes\b[ \t]*[-\u2013\u2014,:]?[ \t]*(?:together[ \t]+)?with\b"
                       r"(?P<rest>[^\n]{1,100})$", re.IGNORECASE)
_A_NAME = re.compile(r"\b[A-Z][a-z'\u2019-]{1,30}")
_NOT_NAMES = frozenset({"her", "his", "their", "brother", "sister", "brothers", "sisters",
                        "and", "sibling", "siblings", "aged", "age", "both", "the"})
_IN_TEMPLATE_BRACKETS = re.compile(r"\[([^\[\]\n]{1,80})\]")
_A_GROUP_OF = re.compile(r"(?:a\s+)?(?:sibling\s+)?group\s+of\s+(?P<count>two|three|four|five|"
                         r"six|seven|eight|\d)\b")
_NEEDS_CONNECTORS = re.compile(r"\s+and\s+|\s*[&/+]\s*", re.IGNORECASE)
_LIST_BREAK = re.compile(r"[,;\n]|(?:^|\s)[-\u2022*]\s")


class _Unreadable(ValueError):
    """A value that cannot be read; the message is the FieldProblem's `problem`.

    `partial` is what could be read all the same (the known needs among unknown ones).
    """

    def __init__(self, problem: str, partial: Any = None) -> None:
        super().__init__(problem)
        self.partial = partial


def check_referral(
    fields: dict[str, str],
    spec: FormSpec,
    *,
    message_date: date,
    conflicts: Iterable[str] = (),
    conflicting: Mapping[str, Sequence[str]] | None = None,
    set_aside: Mapping[str, str] | None = None,
) -> tuple[ReferralForm, list[FieldProblem]]:
    """The typed referral and the problems with it (empty when it can be broadcast).
    `conflicting` holds the different values of a field given twice, to show them;
    `set_aside`, the heading of another person's block ("Brother's details") under which a
    field the form gives nowhere else was written: that field is missing, but the social
    worker is told where it was, never that no value was given. A postcode written only at
    the end of the home address is the home postcode, and a placement type written with its
    length ("FC LT", "Long term foster care") is the type, and the duration when the form
    gives none."""
    fields = _known_as_apart(_type_and_duration_apart(fields, spec), spec)
    given = fields.get("home_postcode", "").strip()
    if (not given or _SEE_THE_ADDRESS.fullmatch(given)) and (  # "Postcode: see address"
            in_address := normalise_postcode(fields.get("home_address", ""))):
        fields = {**fields, "home_postcode": in_address}
    values, problems = check_form(fields, spec, message_date=message_date, conflicts=conflicts,
                                  conflicting=conflicting)
    aside = set_aside or {}
    problems = [_under_another_heading(problem, aside[problem.field])
                if problem.problem == _MISSING and problem.field in aside else problem
                for problem in problems]
    form = ReferralForm()
    known = {f.name for f in dataclasses.fields(ReferralForm)}
    for key, value in values.items():
        if value is not None and key in known:
            setattr(form, key, value)
    if form.date_of_birth is not None:  # "01/01/2010 (claimed – age disputed)": the age is
        form.age_qualifier = age_qualifier(fields.get("date_of_birth", ""))  # not settled
    if form.needed_from is not None:  # "ideally 14/12/2026, no later than 18/12/2026"
        form.no_later_than = no_later_than(fields.get("needed_from", ""), form.needed_from,
                                           message_date)
    if unlawful := unlawful_for_the_age(form, spec, message_date):  # rule
        problems.append(unlawful)  # `supported-accommodation-under-16-asked`
        form.placement_type = None
    return form, problems


def no_later_than(raw: str, start: date, message_date: date) -> date | None:
    """The deadline a needed-from value gives beside its start ("ideally 14/12/2026, no later
    than 18/12/2026": the 18th; "ASAP but by Fri 18th"), kept with the start the reader
    takes (`_the_start_not_the_deadline`); None without one, or with one that is not after
    the start (a deadline on or before the start adds nothing to it)."""
    apart = deadline_apart(raw)
    if apart is None:
        return None
    try:
        day = parse_uk_date(with_year_digits(apart.deadline), message_date)
    except ValueError:
        return None
    return day if day > start else None


_WORDS_APART = re.compile(r"[\s/,()\-\u2013\u2014+&]+")
_MOST_TYPE_WORDS = 8


def _type_and_duration_apart(fields: dict[str, str], spec: FormSpec) -> dict[str, str]:
    """The fields with a placement type written with its length ("FC LT", "Foster care long
    term", "LT FC") read as the type alone, and that length as the duration when the form
    has a duration and gives none; the fields as they are otherwise."""
    raw = fields.get("placement_type", "")
    keys = spec.keys
    if "placement_type" not in keys or "duration" not in keys or not raw.strip() or (
            spec.code_for("placement_type", raw) is not None):
        return fields
    words = [word for word in _WORDS_APART.split(raw) if word]
    if not 1 < len(words) <= _MOST_TYPE_WORDS:
        return fields
    for cut in range(1, len(words)):
        for kind, length in ((words[:cut], words[cut:]), (words[cut:], words[:cut])):
            placed, lasting = " ".join(kind), " ".join(length)
            if spec.code_for("placement_type", placed, exact=True) is not None and spec.code_for(
                    "duration", lasting, exact=True) is not None:
                given = fields.get("duration", "").strip()
                return {**fields, "placement_type": placed,
                        **({} if given else {"duration": lasting})}
    return fields


def _known_as_apart(fields: dict[str, str], spec: FormSpec) -> dict[str, str]:
    """The fields with a known-as remark left in the child's name ("Ellie-Mae Tranter (known
    as Ellie)") taken out of it, its name put in "Known as" when the form gives none; the
    fields as they are otherwise (broker/forms/known_as.py)."""
    raw = fields.get("child_name", "")
    if "known_as" not in spec.keys or not (known := known_as_said(raw)) or not (
            name := name_without_remarks(raw)):
        return fields
    return {**fields, "child_name": name,
            "known_as": fields.get("known_as", "").strip() or known}


def _under_another_heading(problem: FieldProblem, heading: str) -> FieldProblem:
    """A required field written only in another person's block: where it was, and why it was
    not read (the heading is the form's words, never a value); or, in an email that writes
    the form's fields in sentences, one that may be among them, asked for on its own line."""
    if heading == IN_A_REPLY:
        return dataclasses.replace(problem, problem=(
            "was asked for, and your reply held a value we could not tell was this one; "
            "please give it as its label, a colon and the value, on a line of its own"))
    if heading.startswith(IN_A_NOTE):
        return dataclasses.replace(problem, problem=(
            f"was left blank on the form, and your note ('{heading[len(IN_A_NOTE):]}') does "
            "not say which one for certain; please give it as its label, a colon and the "
            "value, on a line of its own"))
    if heading == IN_A_SENTENCE:
        return dataclasses.replace(problem, problem=(
            "was not found on a line of its own (this email gives some fields inside "
            "sentences, which are not read); please give it as its label, a colon and the "
            "value, on a line of its own"))
    return dataclasses.replace(problem, problem=(
        f"was given only under the heading '{heading}', which we read as another person's "
        "details, not the child's; please give the child's own here (if that part of the form "
        "is about the child, take out or change its heading)"))


def check_form(
    fields: dict[str, str],
    spec: FormSpec,
    *,
    message_date: date,
    conflicts: Iterable[str] = (),
    missing: str = _MISSING,
    conflicting: Mapping[str, Sequence[str]] | None = None,
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Any form checked the same way (the referral's, a provider's application): each
    given value typed by its field's kind (what could be read of an unreadable one),
    and one problem per field, in the form's order."""
    values: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for field_spec in spec.fields:
        raw = _meaningful(fields.get(field_spec.key, ""), field_spec, spec)
        if not raw:
            if field_spec.required:
                problems.append(_problem(field_spec, missing))
            continue
        try:
            values[field_spec.key] = _typed(field_spec, raw, spec, message_date)
        except _Unreadable as error:
            problems.append(_problem(field_spec, str(error)))
            values[field_spec.key] = error.partial
    return values, _with_conflicts(problems, conflicts, spec, conflicting or {})


def is_readable(key: str, raw: str, spec: FormSpec, message_date: date) -> bool:
    """Whether the value can be read as the field's: not empty, no placeholder ("missing" is
    one for a date), nothing left unread ("see attached assessment" as needs)."""
    field_spec = spec.field(key)
    value = _meaningful(raw, field_spec, spec)
    if not value:
        return False
    try:
        _typed(field_spec, value, spec, message_date)
    except _Unreadable:
        return False
    return True


def _with_conflicts(
    problems: list[FieldProblem], conflicts: Iterable[str], spec: FormSpec,
    conflicting: Mapping[str, Sequence[str]],
) -> list[FieldProblem]:
    """One problem per field: a conflict is added to the field's problem, if it has one. Its
    values are shown, unless they identify the child (a name, a date of birth)."""
    by_key = {problem.field: problem for problem in problems}
    conflicts = list(conflicts)
    for key in dict.fromkeys(conflicts):
        if key not in spec.keys:
            continue
        values = conflicting.get(key, ())
        shown = "" if spec.field(key).identifying or len(values) < 2 else " (" + ", ".join(
            f"'{_shown(value)}'" for value in values) + ")"
        twice = f"was given twice, differently{shown}; please reply with the one that is right now"
        if len(values) == 2 and values[1].startswith(IN_THE_HTML_PART):  # one email's two
            # parts, each readable, differently ("Foster care" against "Residential …")
            both = "" if spec.field(key).identifying else (
                f" ('{_shown(values[0])}' in one, "
                f"'{_shown(values[1][len(IN_THE_HTML_PART):])}' in the other)")
            twice = (f"your email's plain-text and formatted versions give it differently{both}"
                     "; one may have been edited after the other was made; please give the "
                     "right one")
        elif len(values) == 2 and values[1].startswith(ADDED_BY_A_NOTE):  # "she also has an
            # ASD diagnosis" below the signature: the note is quoted, not shown as a value
            note = values[1][len(ADDED_BY_A_NOTE):]
            twice = (f"the form gives '{_shown(values[0])}', but a note in the email says "
                     f"'{_shown_whole(note)}'; " + (
                         "please give them all together in the form, so that none is missed"
                         if spec.field(key).kind == "codes" else  # a change to one value:
                         "please give the right one"))
        if key == "child_name":  # two children's details: a sibling group, sent as one form
            twice += _A_SIBLING_GROUP
        if key == "date_of_birth" and (ages := [value for value in values
                                                if _AN_AGE.match(value)]):
            twice = (f"does not give the age the form states ('{_shown(ages[0])}'); please "
                     "check the date of birth and the age, and give the right date of birth")
        elif key == "date_of_birth" and "child_name" not in conflicts:  # a claimed and an
            # assessed one, for a child seeking asylum (two names are two children)
            twice += _A_DISPUTED_AGE
        if key in by_key:
            earlier = by_key[key]
            by_key[key] = dataclasses.replace(earlier, problem=f"{earlier.problem}; it {twice}")
        else:
            by_key[key] = _problem(spec.field(key), twice)
    order = {key: index for index, key in enumerate(spec.keys)}
    return sorted(by_key.values(), key=lambda problem: order.get(problem.field, 0))


# A budget that names no amount ("as per framework rate", "spot purchase", "TBC", "to be
# agreed") is no budget given, not a problem: the field is optional. A figure, a currency sign
# or a number in words ("five thousand a week", "5k") is an amount, read or asked about.
_AN_AMOUNT = re.compile(r"[\d£$€]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                        r"twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                        r"hundred|thousand|grand|half|k)\b", re.IGNORECASE)
# A day named beside a budget not yet set ("panel to agree (resource panel 10/12)") is no
# amount: only a day of the month with a slash, never a figure ("4,500", "4.5k").
_A_DAY_IN_A_REMARK = re.compile(r"(?<![\d£$€.,])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\d%])")
_AN_AGE = re.compile(r"(?:current\s+)?age\b", re.IGNORECASE)  # "Age: 12" beside the birth date


def _meaningful(raw: str, field_spec: FieldSpec, spec: FormSpec) -> str:
    """The value, or '' for a placeholder such as N/A (unless it is a code, like `unknown`);
    a link Outlook writes after a word (`Residential<https://eur02.safelinks…>`) is no part
    of a coded value."""
    value = raw.strip()
    if field_spec.kind != "text" and "http" in value:
        value = _LINK.sub("", value).strip()
    if field_spec.kind != "text" and "\n" in value:  # pasted from a PDF: "Residential chil-"
        value = _BROKEN_AT_THE_LINE.sub("", value)  # over "dren's home", "14/12/" over "2026"
    if field_spec.kind == "money" and not _AN_AMOUNT.search(_A_DAY_IN_A_REMARK.sub(" ", value)):
        return ""  # "Budget: as per framework rate", "panel to agree (panel 10/12)": none given
    words = " ".join(re.sub(r"[^\w\s]", " ", value.casefold()).split())
    if words in WORD_PLACEHOLDERS or _TEMPLATE_PROMPT.fullmatch(words):
        return ""
    if field_spec.kind == "text" and not field_spec.identifying:
        # "Religion: None" is an answer; "Ethnicity: N/A" is none, and never goes to providers
        if bracketed := _IN_TEMPLATE_BRACKETS.fullmatch(value):  # "[White British]", as a
            value = bracketed[1].strip()  # template's brackets were left round the answer
        return "" if words in _PLACEHOLDERS - _ANSWERS_OF_NONE else value
    if (words in _PLACEHOLDERS or not words) and spec.code_for(field_spec.key, value) is None:
        return ""
    return value


def _problem(field_spec: FieldSpec, problem: str) -> FieldProblem:
    return FieldProblem(field_spec.key, field_spec.label, problem, field_spec.describe())


def _shown(raw: str) -> str:
    flat = " ".join(raw.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."




def _shown_whole(raw: str) -> str:
    """An item asked about, quoted whole so the social worker sees what is meant (only a
    paragraph is cut, and then said to be)."""
    flat = " ".join(raw.split())
    return flat if len(flat) <= _WHOLE_CHARS else flat[:_WHOLE_CHARS - 20] + " … (cut short)"


_WHOLE_CHARS = 240


def _typed(field_spec: FieldSpec, raw: str, spec: FormSpec, message_date: date) -> Any:
    """The typed value; a one-line value followed by a stray line is read from its first line."""
    reader = _READERS[field_spec.kind]
    try:
        return reader(field_spec, raw, spec, message_date)
    except _Unreadable as error:
        first_line = raw.split("\n", 1)[0].strip()
        if field_spec.kind not in ONE_LINE_KINDS or first_line == raw or not first_line or (
                ticked_choices(raw) is not None):  # a list of boxes, one to a line, is one value
            raise
        try:
            return reader(field_spec, first_line, spec, message_date)
        except _Unreadable:
            raise error from None


def _text(field_spec: FieldSpec, raw: str, spec: FormSpec, message_date: date) -> str:
    if field_spec.key == "child_name" and len(names := _names_in_one_cell(raw)) > 1 and all(
            _A_WHOLE_NAME.fullmatch(name) for name in names):  # "Ella Example" and "Mason
        # Example" in one cell, a column a child; "Evie, Jayden and Tyler Example"
        raise _Unreadable(f"'{_shown(raw)}' gives {_IN_WORDS.get(len(names), 'several')} "
                          "children's names"
                          + _A_SIBLING_GROUP)
    if field_spec.paragraphs:
        return raw
    return "\n".join(" ".join(line.split()) for line in raw.split("\n") if line.strip())


def _date(field_spec: FieldSpec, raw: str, spec: FormSpec, message_date: date) -> date:
    is_birth = field_spec.key == "date_of_birth"
    if is_birth and _NOT_KNOWN.search(raw):  # "Not known – age assessment held on 20/11/2026,
        # outcome awaited": that day is the assessment's, not the child's birth
        raise _Unreadable(f"'{_shown(raw)}' says the date of birth is not known; please give "
                          "the assessed date of birth, or the claimed one until the assessment "
                          "is done (the rest can go in the background)")
    if is_birth and another_birth_date(raw):  # two children's, side by side, or a claimed
        # and an assessed one (never the day an assessment was done on)
        raise _Unreadable(f"'{_shown(raw)}' gives more than one date of birth"
                          + _A_SIBLING_GROUP + _A_DISPUTED_AGE)
    if not is_birth and (day := _IMMEDIATELY_AFTER.match(raw)):
        raw = day["day"]  # "Immediately following court on 08/12/2026": that day
    if not is_birth and (days := _two_days(raw, message_date)):
        raise _Unreadable(f"'{_shown(raw)}' gives two dates ({days[0]:%-d %B %Y} and "
                          f"{days[1]:%-d %B %Y}); please give the one meant (a date crossed "
                          "out in your email still reaches us as text)")
    if field_spec.key == "needed_from":
        raw = _the_start_not_the_deadline(raw)
    try:
        value = parse_uk_date(_YEAR_APOSTROPHE.sub(" ", with_year_digits(raw)), message_date,
                              year_required=is_birth,  # "Thursday" sent on a Thursday: asked
                              weekday_asked=field_spec.key == "needed_from")
    except ValueError as error:
        raise _Unreadable(str(error)) from None
    if is_birth and another_birth_date(raw, value):  # "real DOB thought to be 2008"
        raise _Unreadable(f"'{_shown(raw)}' gives more than one date of birth"
                          + _A_DISPUTED_AGE)
    if is_birth:
        _check_age(raw, value, message_date)
        _check_stated_age(raw, value, message_date)
    elif field_spec.key == "needed_from" and (meant := _month_first(raw, value, message_date)):
        raise _Unreadable(
            f"'{_shown(raw)}' is {value:%-d %B %Y}, months before this email; if you mean "
            f"{meant:%-d %B %Y}, please write it day first, {meant:%d/%m/%Y}")
    return value


def _the_start_not_the_deadline(raw: str) -> str:
    """A value giving the day the placement is needed by beside the day it is needed from
    ("before EDD 02/01/2027 – ideally from 21/12") is read from its start ("21/12"); one
    giving only a deadline ("before 02/01/2027", "by Fri 18th") is asked about, unless it
    opens by saying now ("ASAP but no later than 18/12": needed now, the limit a remark)."""
    apart = deadline_apart(raw)
    if apart is None or names_now(raw) or len(apart.starts) > 1:
        return raw  # several starts: asked as two dates are
    if apart.starts:
        return apart.starts[0]
    raise _Unreadable(f"'{_shown(raw)}' gives the day the placement is needed by "
                      f"({apart.deadline}), not the day it is needed from; please give the "
                      "day it should start, or ASAP if it is needed now (the deadline can "
                      "stay beside it)")


def _two_days(raw: str, message_date: date) -> tuple[date, date] | None:
    """The two different days a date's value gives side by side, with nothing but a comma,
    a slash or "or" between them ("21/12/2026 14/12/2026", an old date struck out beside the
    new one as the text part shows it; "14/12/2026 or 21/12/2026"), or a dash or "to" going
    backwards ("21/12/2026 - 14/12/2026": no range); None when the value gives one day, or a
    range forwards ("14/12/2026 - 04/01/2027" starts on the 14th)."""
    text = raw[:_MOST_DATE_CHARS]
    pair = _TWO_DAYS.fullmatch(text) or _OR_BETWEEN_DAYS.search(text)
    of_a_month = _OR_BETWEEN_DAYS_OF_A_MONTH.search(text) if pair is None else None
    if pair is None and of_a_month is None:
        return None
    sides = (pair["one"], pair["two"]) if pair is not None else tuple(  # "14th or 21st Dec"
        f"{of_a_month[side]} {of_a_month['month']}" for side in ("one", "two"))  # type: ignore[index]
    try:
        one, two = (parse_uk_date(side, message_date) for side in sides)
    except ValueError:
        return None
    join = (pair.groupdict().get("join") or "").strip().casefold() if pair is not None else ""
    if one == two or (join in _RANGE_JOINS and two > one):
        return None
    return one, two


_A_DAY = (r"(?:\d{1,2}\s?[/.\-]\s?\d{1,2}(?:\s?[/.\-]\s?(?:\d{4}|\d{2}))?|\d{1,2}(?:st|nd|rd|th)?"
          rf"\s+(?:of\s+)?{MONTH_WORD}\.?(?:\s+\d{{4}})?)")
_TWO_DAYS = re.compile(rf"\W{{0,3}}(?:either\s+)?(?P<one>{_A_DAY})(?P<join>\s+|\s*,\s*|\s+/\s+|"
                       r"\s+or\s+|\s+(?:-|to|until|till)\s+|\s*[\u2013\u2014]\s*)"
                       rf"(?P<two>{_A_DAY})\W{{0,3}}", re.IGNORECASE)
_OR_BETWEEN_DAYS = re.compile(rf"(?<![\w/.])(?P<one>{_A_DAY})\s+or\s+(?P<two>{_A_DAY})(?![\w/])",
                              re.IGNORECASE)
_A_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+)?(?:the\s+)?"
_OR_BETWEEN_DAYS_OF_A_MONTH = re.compile(
    rf"(?<![\w/.])(?P<one>\d{{1,2}})(?:st|nd|rd|th)?\s+or\s+{_A_WEEKDAY}(?P<two>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_WORD})", re.IGNORECASE)
_RANGE_JOINS = frozenset({"-", "\u2013", "\u2014", "to", "until", "till"})
_MOST_DATE_CHARS = 200


# Names set apart in one cell: by a table's columns (a tab), "/", "&", "and" or a semicolon.
_NAMES_APART = re.compile(r"[ ]*\t[ \t]*|\s+/\s+|\s+&\s+|\s+and\s+|\s*;\s*")
_A_WHOLE_NAME = re.compile(r"[A-Z][A-Za-z'\u2019-]{1,30}(?:[ ][A-Z][A-Za-z'\u2019-]{1,30}){0,3}")
_LISTED_APART = re.compile(r"\s*,\s*")


def _names_in_one_cell(raw: str) -> list[str]:
    """The names one cell gives, set apart as _NAMES_APART says; a comma parts them only in a
    list that one of those ends ("Evie, Jayden and Tyler Example" is three, each name whole,
    never "and"), so "EXAMPLE, Evie", a record's surname first, stays one name."""
    names = [name.strip() for name in _NAMES_APART.split(raw.strip())]
    if len(names) > 1:
        names = [part for name in names for part in _LISTED_APART.split(name)]
    return names


# A two-digit year after an apostrophe, as in "3rd April '11", "Mon 14th Dec '26": the year.
_YEAR_APOSTROPHE = re.compile(r"(?<=[A-Za-z])[ \t]{1,3}['\u2018\u2019](?=\d\d(?![\d'\u2019]))")


# "Immediately following court on 08/12/2026", "Immediately after court - 08/12/2026": the
# written day, not today.
_IMMEDIATELY_AFTER = re.compile(r"\W{0,3}(?:immediately|straight|directly)\s+(?:after|following|"
                                r"upon|from)\b[^\d\n]{0,60}(?P<day>\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
                                r"\W{0,3}$", re.IGNORECASE)


def _check_stated_age(raw: str, born: date, on: date) -> None:
    """An age written beside the date of birth that the date does not give ("14/03/2012
    (age 11)") is asked about, naming both: one of them is wrong."""
    stated = _STATED_AGE.search(raw)
    age = age_on(born, on)
    if stated is not None and int(stated["age"]) != age:
        raise _Unreadable(f"'{_shown(raw)}' makes the child {age}, not {stated['age']} as "
                          "written beside it; please check the date of birth and give it again")


# "(age 11)", "(12 years old)", "(14 yrs 3 mths)", "(14y 3m)", "(14 years and 3 months)": the
# years are checked (a form filled in a few weeks before may be a month out).
_STATED_AGE = re.compile(r"\((?:aged?|currently)?[ \t]{0,3}(?P<age>\d{1,2})[ \t]{0,3}"
                         r"(?:(?:y(?:ea)?rs?|y)\.?(?:[ \t]old)?(?:[ \t]{0,3}(?:,|and)?[ \t]{0,3}"
                         r"\d{1,2}[ \t]{0,3}(?:months?|mths?|mnths?|m)\.?(?:[ \t]old)?)?)?"
                         r"[ \t]{0,3}\)", re.IGNORECASE)


def _month_first(raw: str, value: date, message_date: date) -> date | None:
    """The day a needed-from long past means when read month first, as American dates are
    written ("12/07/2026" sent on 3 December: 7 December), when that day is near; else None.
    A long-past day with no near reading the other way round is read as written."""
    numeric = _NUMERIC_DAY.fullmatch(raw.strip())
    if numeric is None or value >= message_date - _LONG_PAST:
        return None
    try:
        meant = value.replace(month=value.day, day=value.month)
    except ValueError:
        return None
    return meant if message_date - _A_WEEK <= meant <= message_date + _SOON else None


_NOT_KNOWN = re.compile(r"\b(?:not\s+(?:yet\s+)?known|unknown)\b|^\s*(?:tbc|to\s+be\s+confirmed|"
                        r"awaiting|pending|n/?k)\b", re.IGNORECASE)
_NUMERIC_DAY = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?")
_LONG_PAST = timedelta(days=28)
_A_WEEK = timedelta(days=7)
_SOON = timedelta(days=90)


# A date of birth still to come because the baby is not born: "Unborn - EDD 14/01/2027".
_UNBORN = re.compile(r"\b(?:unborn|edd|due\s+date|expected\s+(?:date|delivery)|pre-?birth)\b",
                     re.IGNORECASE)


def _check_age(raw: str, born: date, on: date) -> None:
    if born > on and _UNBORN.search(raw):
        raise _Unreadable(f"'{_shown(raw)}' is a baby not yet born; providers are asked for "
                          "children already born, so please send the referral with the "
                          "baby's date of birth once the baby is born (your placements team "
                          "can plan ahead with you before then)")
    if born > on:
        raise _Unreadable(f"'{_shown(raw)}' is in the future")
    age = age_on(born, on)
    if age > MAX_AGE:
        raise _Unreadable(
            f"'{_shown(raw)}' makes the child {age}; referrals are for children and young "
            f"people up to {MAX_AGE}"
        )


def _money(field_spec: FieldSpec, raw: str, spec: FormSpec, message_date: date) -> Decimal:
    try:  # a most: "up to five thousand pounds a week" is £5,000, "£4,000-£4,500 pw" £4,500
        return parse_budget_weekly(raw)
    except ValueError as error:
        raise _Unreadable(str(error)) from None


# A school place with no home, said before the type: "Education only – SEN day school place",
# "School place only: day special school". Read only when what follows is a day school.
_EDUCATION_ONLY = re.compile(r"\W*(?:education(?:al)?(?:\s+placement)?|school(?:\s+place)?)\s+"
                             r"only\s*[-\u2013\u2014:,]\s*(?P<type>.+)", re.IGNORECASE | re.DOTALL)


def _code(field_spec: FieldSpec, raw: str, spec: FormSpec, message_date: date) -> str:
    if _AN_INSTRUCTION.search(raw):  # "Male / Female (please delete as appropriate)"
        _check_choices_left(raw, field_spec, spec)
        raw = _AN_INSTRUCTION.sub(" ", raw).strip() or raw
    ticked = _as_ticked(raw)
    if ticked != raw:
        _one_choice_ticked(field_spec, ticked, spec)
    raw = ticked
    if (marked := _chosen_by_an_x(field_spec, raw, spec)) is not None:
        raw = marked  # "Male  X     Female": the choice the X is typed beside
    code = spec.code_for(field_spec.key, raw)
    if code is None and field_spec.key == "placement_type" and (
            alone := _EDUCATION_ONLY.match(raw)) and spec.code_for(
                field_spec.key, alone["type"]) == "sen-day":
        code = "sen-day"  # "Education only – SEN day school place": a school, no home
    if code is None and field_spec.key == "duration":
        code = _duration_of_a_span(raw)
    if code is None and field_spec.key == "duration" and (
            until := _UNTIL_A_REVIEW.match(raw)):  # "Overnight then review by day team"
        code = spec.code_for(field_spec.key, until["length"])
    if code is not None and field_spec.key == "gender" and _another_in_its_remark(
            raw, code, field_spec, spec):
        raise _Unreadable(f"'{_shown(raw)}' gives two genders; please give the one the child "
                          "identifies as, to match on (the rest can go in the background)")
    if code is None and field_spec.key == "gender" and _one_for_each_child(raw, field_spec, spec):
        raise _Unreadable(f"'{_shown(raw)}' gives a gender for each of several children"
                          + _A_SIBLING_GROUP)  # a sibling group's form, a column a child
    if code is None and len(named := _codes_named_apart(raw, field_spec, spec)) > 1:
        raise _Unreadable(f"'{_shown(raw)}' names more than one {field_spec.label.lower()} ("
                          f"{', '.join(named)}); please give the one this referral is for, and "
                          f"say in {_free_text(spec)} what else would do")
    if code is not None and field_spec.key == "legal_status" and (
            others := _statuses_beside(raw, code, field_spec, spec)):
        if others == [_CATCH_ALL] and _LIBERTY.search(raw[:_MOST_STATUS_CHARS]):
            raise _Unreadable(  # rule `liberty-order-kept`: never dropped for the status
                f"'{_shown(raw)}' gives the {field_spec.label.lower()} ({code}) and an order "
                "depriving the child of liberty (a DoL or secure accommodation order), which "
                f"providers would not see: they are shown the {field_spec.label.lower()} "
                "alone. Please give the status the child is placed under, and put the order, "
                f"its date and what it authorises (locked doors, staffing) in "
                f"{_free_text(spec)}, where providers read it")
        raise _Unreadable(f"'{_shown(raw)}' names more than one {field_spec.label.lower()} ("
                          f"{', '.join([code, *others])}) and does not say clearly which the "
                          "child is under now; please give the one the child will be placed "
                          "under (what is being discussed or applied for can go in "
                          f"{_free_text(spec)})")
    if code is not None and len(both := fallback_types(raw, code, field_spec.key, spec)) > 1:
        raise _Unreadable(  # rule `fallback-type-asked`: one type is searched, never the other
            f"'{_shown(raw)}' names more than one {field_spec.label.lower()}: "
            f"{', then '.join(_in_words(c, field_spec.codes[c]) for c in both)} as a fall-back. "
            "A referral "
            "goes to homes of one type only: please give the one to search for, and say in "
            f"{_free_text(spec)} what else would do (or send the other as a referral of its own)")
    if code is not None and len(printed := _choices_left_in(raw, code, field_spec, spec)) > 1:
        raise _Unreadable(f"'{_shown(raw)}' names more than one {field_spec.label.lower()} ("
                          f"{', '.join(printed)}): the form's printed choices seem not to have "
                          "been deleted; please keep the one that applies")
    if code is None:
        if field_spec.key == "gender":  # about a child's identity: say what it is used for
            raise _Unreadable(f"'{_shown(raw)}' is not one of the genders providers' homes are "
                              "matched on; please give the one to match on (the child's own "
                              "words can go in the background)")
        label = field_spec.label.lower()
        article = "an" if label[:1] in "aeiou" else "a"
        slip = spec.code_a_slip_from(field_spec.key, raw)  # "Urgnet": asked, not guessed
        raise _Unreadable(f"'{_shown(raw)}' is not {article} {label} we know"
                          + (f"; did you mean {slip}?" if slip else ""))
    return code


def _chosen_by_an_x(field_spec: FieldSpec, raw: str, spec: FormSpec) -> str | None:
    """The choice an "X" is typed beside, in a printed row of the field's choices spaced
    apart ("Urgency:  Emergency     Urgent  X     Planned"): the one it stands nearer to
    (a single space binds it: "Male X", "X Male"); None when the value is no such row. An X
    as far from the choice before it as from the one after says neither, and is asked."""
    if len(raw) > _MOST_X_ROW or not _AN_X_WORD.search(raw):
        return None
    pieces = _WIDE_GAP.split(raw.strip())
    options, gaps = pieces[0::2], [len(gap) for gap in pieces[1::2]]
    marks = [at for at, option in enumerate(options) if _AN_X_WORD.search(option)]
    bare = [option for option in options if not _AN_X.fullmatch(option)]
    if len(marks) != 1 or len(bare) < 2 or any(spec.code_for(field_spec.key, _AN_X_WORD.sub(
            "", option).strip()) is None for option in bare):
        return None
    at = marks[0]
    if not _AN_X.fullmatch(options[at]):
        return _AN_X_WORD.sub("", options[at]).strip()  # "Male X", bound by one space
    before = gaps[at - 1] if at > 0 else None
    after = gaps[at] if at < len(gaps) else None
    if before is not None and (after is None or before < after):
        return options[at - 1]
    if after is not None and (before is None or after < before):
        return options[at + 1]
    raise _Unreadable(f"'{_shown(raw)}' has an X as far from the choice before it as from the "
                      "one after; please give the one chosen")


_MOST_X_ROW = 300
_WIDE_GAP = re.compile(r"([ \t]{2,}|\t)")
_AN_X = re.compile(r"[xX]")
_AN_X_WORD = re.compile(r"(?:^|(?<=[ \t]))[xX](?=[ \t]|$)")


def _codes_named_apart(raw: str, field_spec: FieldSpec, spec: FormSpec) -> list[str]:
    """The field's values that "or" or a slash sets apart, when every part is one:
    "Residential or specialist fostering" names two placement types."""
    parts = [part for part in _ALTERNATIVES.split(_EITHER.sub("", raw, count=1)) if part.strip()]
    codes = [spec.code_for(field_spec.key, part) for part in parts]
    named = list(dict.fromkeys(code for code in codes if code is not None))
    return named if len(parts) > 1 and None not in codes else []


_ALTERNATIVES = re.compile(r"\s+or\s+|\s*/\s*", re.IGNORECASE)
_EITHER = re.compile(r"\s{0,20}either\s{1,20}", re.IGNORECASE)  # "Either fostering or residential"


def _choices_left_in(raw: str, code: str, field_spec: FieldSpec, spec: FormSpec) -> list[str]:
    """The different values a read value names apart, "/" or "or" between them, as a
    template's printed choices left undeleted give them ("Male / Female", "S20 / ICO / Full
    care order"); [] when the parts name one value ("S20 / Section 20"), one and a remark
    ("Female / she/her"), or a value and a narrower one ("Residential / solo")."""
    parts = [part for part in _ALTERNATIVES.split(raw) if part.strip()]
    if len(parts) < 2:
        return []
    named = list(dict.fromkeys(found for part in parts if (
        found := spec.code_for(field_spec.key, part, exact=True)) is not None))
    if len(named) == 2 and code in named and any(
            code != other and code.startswith(f"{other}-") for other in named):
        return []  # "Residential / solo": the narrower value, which the whole reads as
    return named


def _check_choices_left(raw: str, field_spec: FieldSpec, spec: FormSpec) -> None:
    """A value still carrying the template's instruction to choose ("Male / Female (please
    delete as appropriate)", "S20  ICO  CO (circle one)") is refused when it still names more
    than one choice: the instruction was not followed, so no choice is its first option. One
    choice left beside it ("Female (delete as appropriate)") is that choice."""
    left = _AN_INSTRUCTION.sub(" ", raw).strip()
    pieces = [piece for piece in _CHOICES_APART.split(left) if piece.strip()]
    if len(pieces) < 2 or len(pieces) > _MOST_CHOICES:
        pieces = left.split()
    if not 1 < len(pieces) <= _MOST_CHOICES:
        return
    named = [spec.code_for(field_spec.key, piece.strip(), exact=True) for piece in pieces]
    codes = list(dict.fromkeys(code for code in named if code is not None))
    if None in named or len(codes) < 2:
        return
    raise _Unreadable(f"'{_shown(raw)}' names more than one {field_spec.label.lower()} ("
                      f"{', '.join(codes)}): the form's printed choices seem not to have been "
                      "deleted; please keep the one that applies")


# A template's instruction to choose, in brackets after its printed choices: "(please delete
# as appropriate)", "(delete as applicable)", "(circle)", "(tick one)", "[select one]".
_AN_INSTRUCTION = re.compile(r"[(\[][ \t]{0,3}(?:please[ \t]{1,3})?(?:delete|circle|tick|select|"
                             r"choose|underline|highlight|strike[ \t]through|cross[ \t]out)\b"
                             r"[^()\[\]\n]{0,40}[)\]]", re.IGNORECASE)
_CHOICES_APART = re.compile(r"\s+or\s+|\s*/\s*|\s*,\s*|[ \t]{2,}|\t", re.IGNORECASE)
_MOST_CHOICES = 12


def _statuses_beside(raw: str, code: str, field_spec: FieldSpec, spec: FormSpec) -> list[str]:
    """The other legal statuses a value read as `code` names, when it does not make `code`
    clearly the child's now ("CIN / CP plan – s20 being discussed with mum", "S20 –
    ICO"); [] when it does. A status said to be pending or past ("S20 – ICO application
    being made 10/12", "S20 (previously ICO)") is not the current one, so the one read stands
    – unless that is only `other` (child in need, a protection plan: nothing a home can
    plan around) and not said to be in force ("EPO granted 04/12, ICO hearing 10/12" is the
    EPO), when the pending status may be what the child is placed under, and is asked
    about."""
    named = spec.codes_named(field_spec.key, raw[:_MOST_STATUS_CHARS], apart=True)
    others = [status for status in named if status != code]
    if not others:
        return []
    said = raw[:_MOST_STATUS_CHARS]
    if _NOT_CURRENT.search(said) and (code != _CATCH_ALL or _IN_FORCE.search(said)):
        return []  # ("EPO granted 04/12, ICO hearing Thurs 10/12": the EPO is in force)
    return others


_MOST_STATUS_CHARS = 300
_CATCH_ALL = "other"
# An order depriving a child of liberty, filed under `other`: a DoL order (the High Court's
# inherent jurisdiction), a secure accommodation order (s25).
_LIBERTY = re.compile(r"\b(?:DoLS?|deprivation\s+of\s+liberty|inherent\s+jurisdiction|secure\s+"
                      r"(?:accommodation\s+)?order|s\.?\s?25|section\s+25)\b", re.IGNORECASE)
# Words saying a status is in force: "EPO granted 04/12", "PPO in place".
_IN_FORCE = re.compile(r"\b(?:granted|(?<!being\s)made|in\s+place|in\s+force|obtained|"
                       r"current(?:ly)?)\b", re.IGNORECASE)
# Words saying a status is not (or no longer) the child's: pending, planned, or past.
_NOT_CURRENT = re.compile(
    r"\b(?:being\s+(?:discussed|considered|explored|sought|applied\s+for|made|looked\s+at)|"
    r"applications?|applying|applied\s+for|pending|planned|proposed|awaiting|await(?:ed|s)?|"
    r"hearing|to\s+be\s+(?:sought|made|applied|issued|considered|discussed)|likely|may\s+be|"
    r"possible|possibly|previously|formerly|prior|was|ended|discharged|revoked|expired|"
    r"lapsed|until|no\s+longer|not)\b", re.IGNORECASE)


def _another_in_its_remark(raw: str, code: str, field_spec: FieldSpec, spec: FormSpec) -> bool:
    """Whether a remark in brackets names another of the field's values: "M (identifies as
    F)". A remark about the sex assigned at birth ("Female (assigned male at birth)") gives
    the gender as written."""
    return any(not _AT_BIRTH.search(remark) and any(
        spec.code_for(field_spec.key, word) not in (None, code) for word in remark.split())
        for remark in _A_REMARK.findall(raw))


_A_REMARK = re.compile(r"\(([^()\n]{1,60})\)")
_AT_BIRTH = re.compile(r"\bbirth\b|\bassigned\b", re.IGNORECASE)


def _one_for_each_child(raw: str, field_spec: FieldSpec, spec: FormSpec) -> bool:
    """Whether the value is two or more of the field's values side by side ("Male Female
    Male"), as a form with a column for each child gives them."""
    words = raw.split()
    return 1 < len(words) <= _MOST_CHILDREN and all(
        spec.code_for(field_spec.key, word, exact=True) is not None for word in words)


_MOST_CHILDREN = 8
# A length until the case is looked at again: "Overnight then review by day team", "Short
# term, then to be reviewed". (A length followed by another length is asked.)
_UNTIL_A_REVIEW = re.compile(r"\s*(?P<length>[^,;\n]{1,40}?)[,;]?\s+then\s+(?:to\s+be\s+)?"
                             r"(?:review|reviewed|reassess|reassessed)\b", re.IGNORECASE)


def _duration_of_a_span(raw: str) -> str | None:
    """A placement's length given as a span ("12 weeks", "6 months", "approx. 3 months"): up
    to a year is short-term; a longer span, or any other value, is None (asked)."""
    span = _A_SPAN.fullmatch(raw.strip())
    if span is None:
        return None
    days = int(span["count"]) * _DAYS_IN[span["unit"][0].lower()]
    return "short-term" if 0 < days <= _A_YEAR else None


_A_SPAN = re.compile(r"(?:(?:up\s+to|about|around|approx(?:imately|\.)?|c\.?)\s+)?"
                     r"(?:\d{1,3}\s*(?:[-\u2013\u2014]|to)\s*)?"  # "6-12 months": the longest
                     r"(?P<count>\d{1,3})[\s-]*(?P<unit>days?|weeks?|wks?|months?|mths?|mnths?)\b[\s.]*",
                     re.IGNORECASE)
_DAYS_IN = {"d": 1, "w": 7, "m": 30}
_A_YEAR = 366


def _one_choice_ticked(field_spec: FieldSpec, ticked: str, spec: FormSpec) -> None:
    """Two boxes ticked for one answer ("☒ Foster care ☒ Residential") ask which is meant,
    unless one narrows the other ("☒ Residential ☒ Solo" is a solo residential place)."""
    codes = {code for choice in ticked.split(", ")
             if (code := spec.code_for(field_spec.key, choice)) is not None}
    broadest = {code for code in codes if not any(
        other != code and other.startswith(f"{code}-") for other in codes)}
    if len(broadest) > 1:
        raise _Unreadable(f"'{_shown(ticked)}' are all ticked; tick the one "
                          f"{field_spec.label.lower()} this referral is for")


# A numbered list's numbering ("1. SEMH", "2) CSE", "(3) Missing", "a. ADHD").
# A council's own name for a need before it ("Need code 4 – CSE"), or a web form's "Other:"
# before what the social worker typed ("Other: County lines").
_A_CODES_NAME = re.compile(r"(?P<before>^|[;,\n])[ \t]*(?:(?:need[ \t]+)?code[ \t]+[\w.]{1,4}[ \t]*"
                           r"[-\u2013\u2014:]|other[ \t]*:)[ \t]*", re.IGNORECASE)
_LIST_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\([a-z]\)|[a-z][.)])\s+", re.IGNORECASE)


def _as_ticked(raw: str) -> str:
    """A list of tick boxes as its ticked choices (broker/forms/ticks.py); else as written."""
    ticked = ticked_choices(raw)
    if ticked == "" or (ticked is None and _ONE_EMPTY_BOX.match(raw)):  # "☐ Foster care" alone
        raise _Unreadable(f"nothing is ticked in '{_shown(raw)}'")  # (a row's first option)
    return raw if ticked is None else ticked


_ONE_EMPTY_BOX = re.compile(rf"\s*(?:{EMPTY_BOX}|\[\s?\])\s*[A-Za-z]")


def _without_remarks(key: str, raw: str, spec: FormSpec) -> tuple[str, list[str]]:
    """The list with a remark after a dash taken off each need it follows ("ASD – diagnosed",
    "hearing loss – wears hearing aids", and to the next need or the line's end: "CSE – at
    risk, NWG referral made, SEMH"), and the needs whose remark denies them ("CSE – not a current
    concern"), which are taken out to be asked about."""
    lines, denied = [], []
    for line in raw.split("\n"):
        if _BULLET.match(line) and (need := _a_need_and_its_remark(key, line, spec)):
            lines.append(need[0])  # the bullet's whole line is the need and its remark
            denied += [line.strip()] if need[1] else []
            continue
        pieces, in_a_remark = [], False
        for piece in re.split(r"([,;])", line):
            if piece in (",", ";"):
                pieces.append(piece)
                in_a_remark = in_a_remark and piece == ","  # a semicolon ends the remark
                continue
            piece = _without_a_count(key, piece, spec)
            need = _a_need_and_its_remark(key, piece, spec)
            if need is None and in_a_remark and spec.code_for(key, piece) is None:
                pieces.append("")  # "physical disability – powered wheelchair, hoist for all
                continue  # transfers": the remark goes on after its comma
            in_a_remark = need is not None
            pieces.append(piece if need is None else need[0])
            denied += [piece.strip()] if need and need[1] else []
        lines.append("".join(pieces))
    return "\n".join(lines), denied


def _without_a_count(key: str, text: str, spec: FormSpec) -> str:
    """A need without how often it happened after it: "Missing episodes x4", "CSE ×2",
    "missing x6 this month", "MFH x3 since Oct"."""
    count = _A_COUNT.search(text)
    if count is None or spec.code_for(key, text[:count.start()], exact=True) is None:
        return text
    return text[:count.start()]


_A_COUNT = re.compile(r"(?<![ \t])[ \t]+(?:[x\u00d7][ \t]?\d{1,3}|\d{1,3}[ \t]?[x\u00d7])"
                      r"(?:[ \t]+(?:this|last|in[ \t]+the[ \t]+last)[ \t]+(?:week|fortnight|month|"
                      r"term|year|\d{1,2}[ \t]+(?:weeks|months))|[ \t]+since[ \t]+[a-z]{3,9}\.?"
                      r"(?:[ \t]+\d{4})?)?[ \t]*$", re.IGNORECASE)


def _a_need_and_its_remark(key: str, text: str, spec: FormSpec) -> tuple[str, bool] | None:
    """For a need with a remark after a dash ("ASD – diagnosed"): the need alone, or '' when
    the remark denies it, and whether it does; None for any other text (needs listed between
    dashes, "SEMH – CSE – missing episodes", are no remarks)."""
    head, *remark = _A_REMARK_DASH.split(text.strip().lstrip("-*\u2022 \t"), 1)
    code = spec.code_for(key, head, exact=True) if remark else None
    if code is None or _more_needs(key, code, remark[0], spec):
        return None
    denies = _DENIED.search(remark[0]) is not None
    return ("" if denies else head), denies


def _more_needs(key: str, code: str, after: str, spec: FormSpec) -> bool:
    """Whether what follows a need's dash is another need, not a remark on it. The same need
    again in other words is a remark: "Cerebral palsy – wheelchair user, hoist for transfers"
    (both a physical disability) says how the need shows."""
    first = _A_REMARK_DASH.split(after, 1)[0].strip(" ,;.")
    return spec.code_for(key, first, exact=True) not in (None, code)


_BULLET = re.compile(r"[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]+")
_A_REMARK_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
# A remark that denies the need before it ("CSE – not a current concern"): the line is left
# as written, and so asked about.
_DENIED = re.compile(r"\b(?:no|not|none|never|nil|ruled\s+out|denied|n/a)\b", re.IGNORECASE)
# A side of a need's slash that doubts it ("ADHD / query"): no Welsh name for it.
_IN_DOUBT = re.compile(r"\?|\b(?:query|queried|suspected|possible|possibly|awaiting|pending|"
                       r"tbc|assessment|undiagnosed|historic|historical|past|previous)\b",
                       re.IGNORECASE)


def _codes(field_spec: FieldSpec, raw: str, spec: FormSpec, message_date: date) -> list[str]:
    raw, denied = _without_remarks(field_spec.key, _as_ticked(raw)[:5000], spec)
    codes: list[str] = []
    unknown: list[str] = denied
    raw = _A_CODES_NAME.sub(r"\g<before>", raw[:5000])
    items = [_LIST_NUMBERING.sub("", i).strip(" \t.-*\u2022") for i in _list_items(raw)]
    items = [item for item in items if item]
    while items:
        item = items.pop(0)
        if _ANSWERED_NO.fullmatch(item):
            continue  # "Health needs: None known", "Does the child have a disability? No"
        joined = f"{item}, {items[0]}" if items else ""
        if joined and spec.code_for(field_spec.key, joined, exact=True):
            item = f"{item}, {items.pop(0)}"  # "Social, emotional and mental health"
        found = _codes_in_item(field_spec.key, item, spec)
        asked = [] if found else [item]
        if not found and (split := _the_part_not_known(field_spec.key, item, spec)):
            found, asked = split  # "ASD and dyspraxia": ASD read, 'dyspraxia' asked about
        codes.extend(c for c in found if c not in codes)
        unknown.extend(asked)
    if unknown:
        raise _Unreadable(_needs_not_read(field_spec, unknown, spec), codes)
    return codes


_NOT_NOW = re.compile(r"\b(?:previously|formerly|used\s+to|in\s+the\s+past|since)\b",
                      re.IGNORECASE)


def _needs_not_read(field_spec: FieldSpec, unknown: list[str], spec: FormSpec) -> str:
    """Why these items are not needs to match on: a need with a remark that it is not
    current or not certain ("self-harm - none since 2024", "CCE (historic)") is said to be
    one, so the social worker is not told that a need we know is unknown to us; the rest
    are not needs we know. A remark cut off by a comma ("previously missing, not in last 6
    months") goes with the need before it."""
    remarked: list[str] = []
    strange: list[str] = []
    after_a_remark = False
    for item in unknown:
        doubted = any(words.search(item) for words in (_DENIED, _IN_DOUBT, _NOT_NOW))
        if doubted and spec.codes_named(field_spec.key, item):
            remarked.append(item)
        elif doubted and after_a_remark:
            remarked[-1] = f"{remarked[-1]}, {item}"
        else:
            strange.append(item)
            after_a_remark = False
            continue
        after_a_remark = True
    label = field_spec.label.lower()
    said = []
    if remarked:
        names = ", ".join(f"'{_shown_whole(r)}'" for r in remarked[:10])
        said.append(f"{names} {'says the need is' if len(remarked) == 1 else 'say the needs are'}"
                    " not current or not certain; please list only the needs to match on now "
                    f"(their history can go in {_free_text(spec)})")
    if strange:
        names = ", ".join(f"'{_shown_whole(u)}'" for u in strange[:10])
        verb = "is not one of" if len(strange) == 1 else "are not among"
        said.append(f"{names} {verb} the {label} we know (one that is none of the list can "
                    f"be described in {_free_text(spec)} instead)")
    return "; ".join(said)


def _free_text(spec: FormSpec) -> str:
    """Where a form takes what its coded fields cannot say: the referral's background, or
    the form's own free-text field by its label ('About the home' on an application), never
    a field the form has not got."""
    if "background" in spec.keys:
        return "the background"
    free = next((f for f in spec.fields if f.kind == "text" and f.paragraphs), None)
    return f"'{free.label}'" if free else "a note beside the form"


# A question or a label among the needs answered no: it adds no need (nor is it unknown).
_ANSWERED_NO = re.compile(r"[^:?\n]{1,100}(?:\?[ \t]*:?|:)[ \t]*(?:no|none|nil|n/?a|"
                          r"not\s+applicable|none\s+(?:known|identified|reported)|"
                          r"no\s+concerns?|not\s+known)"
                          r"[ \t]*\.?", re.IGNORECASE)


def _list_items(raw: str) -> list[str]:
    """The list's items, split at commas, semicolons, lines and bullets, but never inside
    brackets: "ADHD (query - awaiting assessment)" is one item."""
    inside = [(b.start(), b.end()) for b in _BRACKETS.finditer(raw)]
    items, start = [], 0
    for found in _LIST_BREAK.finditer(raw):
        if not any(begin < found.start() < end for begin, end in inside):
            items.append(raw[start:found.start()])
            start = found.end()
    return [*items, raw[start:]]


_BRACKETS = re.compile(r"\([^()\n]{0,200}\)")
_DENIED_IN_BRACKETS = re.compile(r"\([^()\n]{0,80}?\b(?:no|not|none|never|nil|ruled\s+out|"
                                 r"denied|n/a|separately)\b[^()\n]{0,80}\)", re.IGNORECASE)


def _codes_in_item(key: str, item: str, spec: FormSpec) -> list[str]:
    """`semh`, or both `semh` and `asd` for `SEMH and ASD`; [] when any part is unknown, or
    a remark in brackets denies it ("CSE (not a current concern)", asked about)."""
    if "(" in item and _DENIED_IN_BRACKETS.search(item):
        return []
    whole = spec.code_for(key, item, exact=True)
    if whole is not None:
        return [whole]
    parts = [p for p in _NEEDS_CONNECTORS.split(item) if p.strip()]
    if len(parts) > 1:
        found = [[code] if (code := spec.code_for(key, part)) else (
            spec.codes_within(key, part) or spec.codes_within(key, without_brackets(part))
            or spec.codes_within(key, _without_when(part)))
                 for part in parts]  # "… and has a hearing loss (wears hearing aids)",
        # "… and self-harms when distressed"
        if all(found):
            return [c for codes in found for c in codes]
        if any(found) and all(codes or _A_DESCRIPTION.match(part)
                              for codes, part in zip(found, parts, strict=True)):
            # "a diagnosis of ASD and ADHD and struggles in mainstream education": the needs
            # it names; the clause that says how the child is, not a need, is the background's
            return [c for codes in found for c in codes]
        if item.count(" / ") != 1 or _DENIED.search(item) or _IN_DOUBT.search(item):
            return []  # a bilingual need ("hunan-niweidio / self-harm") is read by its sides
    code = spec.code_for(key, item)
    if code is not None:
        return [code]
    if (within := spec.codes_within(key, item)) or _DENIED.search(item):
        return within  # (a denial in brackets, "CSE (not current)", is asked about)
    if within := spec.codes_within(key, _without_when(item)):
        return within  # "has had missing episodes most weekends"
    return spec.codes_within(key, without_brackets(item))  # "County lines (NRM referral made)"


# A clause among needs that describes the child rather than naming a need: it opens with a
# verb of how they are or what they do ("struggles in mainstream education", "finds change
# hard", "is doing well at school", "needs a calm home"), perhaps after a pronoun. A noun
# ("dyspraxia", "Neglect") is a need we may not know, and is asked about.
_A_DESCRIPTION = re.compile(
    r"\s*(?:(?:he|she|they|who|which|but|also|currently|often|sometimes)\s+){0,2}"
    r"(?:struggles?|struggling|finds?|needs?|requires?|responds?|benefits?|enjoys?|likes?|"
    r"loves?|attends?|works?|lives?|wants?|tends?|copes?|manages?|engages?|thrives?|"
    r"presents?|relies|depends|does(?:n['\u2019]?t|\s+not)?|can(?:not|['\u2019]t)?|will|would|"
    r"is\s+(?:doing|settled|making|working|currently|now|not|in|at|on|known|\w+ing)|"
    r"are\s+(?:doing|\w+ing))\b", re.IGNORECASE)


def _the_part_not_known(key: str, item: str, spec: FormSpec
                        ) -> tuple[list[str], list[str]] | None:
    """For needs joined by "and" or "&" of which some are known ("ASD and dyspraxia"): the
    known ones' codes and the other parts, to ask about by name rather than quoting the
    whole; None when no part is known, or the item doubts or denies something."""
    parts = [p.strip(" .") for p in _NEEDS_CONNECTORS.split(item) if p.strip(" .")]
    if len(parts) < 2 or any(words.search(item) for words in (_DENIED, _IN_DOUBT, _NOT_NOW)):
        return None
    found = [spec.codes_within(key, part) or spec.codes_within(key, _without_when(part))
             for part in parts]
    if not any(found):
        return None
    return ([c for codes in found for c in codes],
            [part for codes, part in zip(found, parts, strict=True) if not codes])


def _without_when(text: str) -> str:
    """A need said in a sentence without when or how often it shows ("self-harms when
    distressed", "has had missing episodes most weekends": "self-harms", "has missing
    episodes"); the text as it is when that part doubts or denies the need ("when she was
    younger", "most weekends until 2024"), which is asked about."""
    text = _HAS_HAD.sub("has", text)
    when = _WHEN_IT_SHOWS.search(text)
    if when is None or any(words.search(when[0]) for words in (_DENIED, _IN_DOUBT, _NOT_NOW,
                                                                _IN_THE_PAST)):
        return text
    return text[:when.start()]


# The time of day, the week or how often, after a need: "overnight", "(late) at night",
# "during the night", "in the evenings", "at weekends", "after school", "at bedtime",
# "on school nights", "several times a week", "daily", "4x daily", "x4 a day", "regularly",
# "for days at a time".
_TIMES = (r"overnight|(?:late\s+)?at\s+(?:night|weekends?|the\s+weekend|bedtime|night-?time|"
          r"times)|late\s+(?:at\s+night|in\s+the\s+evening)|during\s+the\s+(?:night|day|evenings?|"
          r"week|holidays)|in\s+the\s+(?:evenings?|mornings?|night|holidays)|(?:in\s+)?the\s+"
          r"evenings|evenings|(?:after|before)\s+school|on\s+(?:weekends|school\s+nights|"
          r"occasions?|a\s+(?:daily|weekly|regular)\s+basis)|(?:several|many|a\s+few|two|three|"
          r"\d{1,2})\s+times|(?:once|twice)\s+(?:a|per|every)\b|\d{1,2}\s*x|x\s*\d{1,2}|daily|"
          r"nightly|weekly|regularly|"
          r"frequently|often|sometimes|occasionally|repeatedly|for\s+(?:days|hours|nights|"
          r"periods|long\s+periods)")
# When or how often a need shows, after it: "when distressed", "whenever she is upset",
# "most weekends", "every few days", "at night", "on occasion"; or at whom: "towards staff",
# "to peers", "against other children" (never "towards her" or "towards himself": harm done
# to the child, or to themselves, is not their violence, and is asked about).
_WHEN_IT_SHOWS = re.compile(r"\s+(?:when|whenever|most|every|" + _TIMES + r"|"
                            r"(?:towards?|against|"
                            r"directed\s+at|aimed\s+at)\s+(?!(?:her|him|them|the\s+child|the\s+"
                            r"young\s+person|the\s+yp|(?:her|him|them|your|my|one)self|self"
                            r"|themselves)\b)" + r"|(?:to|at)\s+(?=(?:other\s+|younger\s+|older\s+"
                            r"|school\s+|residential\s+)?(?:staff|peers|others|adults|carers|"
                            r"children|pupils|teachers|professionals|siblings|family|parents|"
                            r"animals|property|mum|dad|mother|father)\b))\b[^,;\n]{0,80}$",
                            re.IGNORECASE)
_HAS_HAD = re.compile(r"\b(?:has|have)\s+had\b", re.IGNORECASE)
_IN_THE_PAST = re.compile(r"\b(?:was|were|younger|until|before|ago|last\s+year)\b", re.IGNORECASE)


def _whole_number(field_spec: FieldSpec, raw: str, spec: FormSpec, message_date: date) -> int:
    low, high = _WHOLE_NUMBER_RANGES.get(field_spec.key, (0, 10_000))
    if (ticked := _as_ticked(raw)) != raw and ", " not in ticked:
        raw = ticked  # "☐ 1 ☒ 2 ☐ 3 ☐ 4+": the one number ticked
    if field_spec.key == "siblings" and _DENIED_IN_BRACKETS.search(raw) and not re.match(
            r"\s*1\b", raw):  # ("1 (siblings placed separately)" is one child, as it says)
        raise _Unreadable(f"'{_shown(raw)}' says the others are not part of this referral; give "
                          "the number of children to be placed together (1 for one child)")
    leading = re.match(r"\s*(\d{1,6})(?![\d.,/])", raw)
    words = " ".join(re.sub(r"[^\w\s]", " ", raw.casefold()).split())
    number = int(leading[1]) if leading else _NUMBER_WORDS.get(words) or _NUMBER_WORDS.get(
        " ".join(re.sub(r"[^\w\s]", " ", without_brackets(raw).casefold()).split()))
    if number == 0 and field_spec.key == "siblings":
        number = 1  # "0": no brothers or sisters with her, so one child
    if number is None and field_spec.key == "siblings" and (
            together := _PLACED_WITH.match(words)):  # "with her brother (9)": the two of them
        number = 1 + (_NUMBER_WORDS.get(together["count"] or "one") or int(together["count"]))
    if number is None and field_spec.key == "siblings" and (
            group := _A_GROUP_OF.match(words)):  # "Sibling group of 3": the three of them
        number = _NUMBER_WORDS.get(group["count"]) or int(group["count"])
    if number is None and field_spec.key == "siblings" and _ANSWERED_NO_AND_WHY.match(raw):
        number = 1  # "Are siblings to be placed together? No – brothers stay with dad"
    if number is None and field_spec.key == "siblings" and (
            together := _YES_WITH.match(raw)):  # "Yes – with Kai, 8": Kai and this child
        names = [name for name in _A_NAME.findall(together["rest"])
                 if name.casefold() not in _NOT_NAMES]
        number = 1 + len(names) if 1 <= len(names) <= 7 else None
    if number is None:
        raise _Unreadable(f"'{_shown(raw)}' is not a whole number")
    if not low <= number <= high:
        raise _Unreadable(f"'{_shown(raw)}' is not a whole number from {low} to {high}")
    return number


def _postcode(field_spec: FieldSpec, raw: str, spec: FormSpec, message_date: date) -> str:
    postcode = normalise_postcode(raw)
    if postcode is None:
        raise _Unreadable(f"'{_shown(raw)}' is not a full UK postcode")
    if not is_possible_postcode(postcode):  # "BR3 4KK": no such postcode, and no area
        # could be sent from it
        raise _Unreadable(f"'{postcode}' is not a real UK postcode (its last part never uses "
                          "C, I, K, M, O or V); please check it")
    return postcode



def _nhs(field_spec: FieldSpec, raw: str, spec: FormSpec, message_date: date) -> str:
    digits = re.sub(r"[\s-]", "", raw)
    if len(digits) % 10 == 0 and 1 < len(digits) // 10 <= _MOST_CHILDREN and all(
            is_valid_nhs_number(digits[at:at + 10]) for at in range(0, len(digits), 10)):
        raise _Unreadable(f"'{_shown(raw)}' gives {_IN_WORDS.get(len(digits) // 10, 'several')} "
                          "NHS numbers, one for each of several children" + _A_SIBLING_GROUP)
    if not is_valid_nhs_number(digits):
        raise _Unreadable(
            f"'{_shown(raw)}' is not a valid NHS number: it must be 10 digits and pass the "
            "NHS check-digit test"
        )
    return digits


def _family(
    field_spec: FieldSpec, raw: str, spec: FormSpec, message_date: date
) -> list[FamilyMember]:
    return parse_family(raw)


_READERS: dict[str, Callable[[FieldSpec, str, FormSpec, date], Any]] = {
    "text": _text,
    "date": _date,
    "money": _money,
    "code": _code,
    "codes": _codes,
    "int": _whole_number,
    "postcode": _postcode,
    "nhs": _nhs,
    "family": _family,
}


def referral_to_json(form: ReferralForm) -> dict[str, Any]:
    """Every field of the form as JSON: ISO dates, money as a number, family as objects."""
    result: dict[str, Any] = {}
    for entry in dataclasses.fields(form):
        value = getattr(form, entry.name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = float(value)
        elif entry.name == "family_names":
            value = [{"name": m.name, "relationship": m.relationship} for m in value]
        elif isinstance(value, list):
            value = list(value)
        result[entry.name] = value
    return result

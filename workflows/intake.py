"""Referral intake as pure decisions: a referral form in → the new snapshot and commands out.

    new | incomplete   form with problems        → incomplete (one reply listing every one)
    new | incomplete   complete form             → open       (ack, first wave, deadlines)
    new | incomplete   complete, none eligible   → unmatched  (ack; placements team told)
    new | incomplete   complete, but to be held  → held       (workflows/review.py: SEND)
    awaiting approval  a reply with a question   → unchanged  (the answer to the open
                       open on the thread                     question, passed on)
    after broadcast    another form on thread    → unchanged  (told it has already gone out)
    open               a correction, and under   → corrected, the instruction named as not
                       it an instruction line      done (under WITHDRAW or UNMET: neither
                                                   done), rule `one-thing-per-email`

Mail that never becomes a referral (an unknown sender, automatic mail, mail with no form)
is answered by `decide_unaddressed`, with no referral at all.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from broker.anonymise import anonymise
from broker.eligibility import MatchRequest, match, unplaced
from broker.forms.asked_answers import IN_A_REPLY, answers_to_asked
from broker.forms.bare_sign_off import signed_name
from broker.forms.keep_away import keep_aways, unread
from broker.forms.noted_changes import Addition
from broker.forms.referral import check_referral, is_readable
from broker.forms.words import normalise_label
from broker.quoting import provider_words, without_links
from broker.referral import FieldProblem, ReferralForm
from workflows import copied_in, correction, her_words, one_thing, placement, review
from workflows.commands import (
    Command,
    PostSlack,
    RecordChildKeys,
    RecordEvent,
    RecordMatch,
    SendEmail,
)
from workflows.correction import form_digest
from workflows.duplicates import child_keys
from workflows.events import FormMessage, FormReceived
from workflows.instructions import how_to_write, letters_named, meant_instruction
from workflows.needed import needed_from, needed_now, with_long_past
from workflows.passed_on import own_words
from workflows.people import referrer_name
from workflows.permissions import permitted
from workflows.reply_lines import read_reply_lines
from workflows.responses import QUESTIONS_PER_DAY, question_digest, questions_held_back
from workflows.safety import about_safety
from workflows.snapshot import Decision, Snapshot, accepted, declined
from workflows.states import IN_WORDS, State
from workflows.subject_initials import initials_differ
from workflows.waves import (
    choose_cascade,
    open_next,
    planned_waves,
    remaining_specs,
    working_hours_for,
)
from workflows.window import extension_fitting


def on_form(snapshot: Snapshot, event: FormReceived) -> Decision:
    """Read, check, and either ask for corrections or anonymise, match and broadcast; a form
    that also went to a provider is said to be (rule `provider-copied-in`), whatever else is
    decided."""
    decision = _on_form(snapshot, event)
    copied = copied_in.told(snapshot, event)
    return replace(decision, commands=(*decision.commands, *copied)) if copied else decision


def _on_form(snapshot: Snapshot, event: FormReceived) -> Decision:
    if snapshot.state not in (State.NEW, State.INCOMPLETE, State.HELD):
        if correction.applies(snapshot, event):
            below = one_thing.instruction_below(event.form.text, snapshot.world.referral_spec)
            if below:
                return _correction_and(snapshot, event, below)
            meant = one_thing.meant_in_a_sentence(event.form.text)
            decision = correction.on_correction(snapshot, event)
            return one_thing.instruction_meant(decision, event, meant) if meant else decision
        answer = event if event.question_from else _to_open_question(snapshot, event)
        if placement.answers_question(snapshot, answer):
            return placement.on_question_answered(snapshot, answer)
        return _already_sent(snapshot, event)
    if snapshot.state == State.HELD and _set_aside(snapshot, event):
        return _nothing_done_while_held(snapshot, event)
    message, world = event.form, snapshot.world
    unread: list[FieldProblem] = []
    if snapshot.state is State.INCOMPLETE and snapshot.referral.raw_fields:
        read, unread = read_reply_lines(message.fields, world.referral_spec)
        message = replace(message, fields=read)  # rule `reply-lines-read`
    answered, set_aside = _answers_to_what_was_asked(snapshot, message)
    fields = {
        **snapshot.referral.raw_fields,
        **_added_to(snapshot.referral.raw_fields, message.fields),
        **answered,
    }
    form, problems = check_referral(
        fields,
        world.referral_spec,
        message_date=message.sent_on or world.today,
        conflicts=list(message.conflicts),
        conflicting=message.conflicting,
        set_aside=set_aside,
    )
    problems = (
        with_long_past(form, problems, world.referral_spec, message.sent_on or world.today) + unread
    )
    unreadable = [_attachment(text) for text in message.attachment_problems]
    # nothing of the form read, and an attachment or a picture that could not be: that is
    # the one problem, not it and every field "not given" before it
    problems = unreadable if unreadable and not fields else problems + unreadable
    changed = review.unproved_changes(snapshot, event)
    snapshot = review.note_unproved(
        snapshot.with_referral(raw_fields=fields, referrer_name=_named(snapshot, event, fields)),
        event,
        changed,
    )
    if problems:
        return _ask_for_corrections(snapshot, event, problems, changed)
    return _accept(snapshot, event, form, changed)


# The form's fields that name the child or her family: never the referrer's name.
_THEIR_NAMES = ("child_name", "known_as", "family_names")


def _named(snapshot: Snapshot, event: FormReceived, fields: Mapping[str, str]) -> str:
    """Rule `referrer-named-as-she-signs` (workflows/people.py `referrer_name`): the name
    kept for the referrer, from her first email of the referral that gives one (her sign-off,
    else her From's name); kept once set, and read from no one else's email."""
    referral = snapshot.referral
    if referral.referrer_name or event.actor.address.lower() != referral.referrer.lower():
        return referral.referrer_name
    message = event.form
    return referrer_name(
        signed_name(message.text),
        message.sender_name,
        referral.referrer,
        tuple(fields.get(key, "") for key in _THEIR_NAMES),
    )


def _added_to(before: Mapping[str, str], fields: Mapping[str, str]) -> dict[str, str]:
    """A reply's fields over the form's. A field a reply's note adds to ("she also has an ASD
    diagnosis", "needs now also include CSE": broker.forms.noted_changes `Addition`) keeps
    the form's items with the new one after them, never only the new one."""
    return {
        key: f"{before[key]}; {value}" if isinstance(value, Addition) and before.get(key) else value
        for key, value in fields.items()
    }


def _correction_and(snapshot: Snapshot, event: FormReceived, line: str) -> Decision:
    """Rule `one-thing-per-email`: a correction with an instruction on a later line of her
    own words ("Needed from: 11/12/2026⏎EXTEND 2d", "⏎extend 2d", "⏎Withdraw – …"). The
    correction is weighed without that line (never glued into a value), and its answer says
    the instruction was not carried out, with the line to send on its own (`as_sent`);
    under WITHDRAW or UNMET nothing is done (no correction to providers of a search she may
    be ending), and she is told so (workflows/one_thing.py). Proof of sender first:
    an email not proved hers gets the plain answer that it could not be proved, and none of
    its lines back."""
    form = replace(
        event.form,
        fields=one_thing.without_line(event.form.fields, line, snapshot.world.referral_spec),
    )
    event, shown = replace(event, form=form), one_thing.as_sent(line)
    if not event.actor.authenticated:
        return (
            correction.on_correction(snapshot, event)
            if correction.applies(snapshot, event)
            else _already_sent(snapshot, event)
        )
    if one_thing.ends_the_search(shown):
        return one_thing.nothing_done(snapshot, event, shown)
    decision = (
        correction.on_correction(snapshot, event)
        if correction.applies(snapshot, event)
        else _already_sent(snapshot, event)
    )
    return one_thing.instruction_not_done(decision, event, shown)


def _set_aside(snapshot: Snapshot, event: FormReceived) -> bool:
    """Rule `her-words-meant` on a held referral: her proved reply asks, in her own words,
    for it to be ignored ("Please ignore this one", "sent by mistake") and changes nothing in
    the form (a quoted copy of it gives the same values): no form sent again."""
    before = snapshot.referral.raw_fields
    return (
        event.actor.authenticated
        and her_words.asks_to_set_aside(event.form.text)
        and all(before.get(key) == value for key, value in event.form.fields.items())
    )


def _nothing_done_while_held(snapshot: Snapshot, event: FormReceived) -> Decision:
    """Her words asking for a held referral to be ignored do nothing: she is told so, and
    shown the WITHDRAW that would (nothing held again, the team not told again)."""
    command = SendEmail(
        key=f"{snapshot.reference}:held-words:{form_digest(event)}",
        template="social_worker/already_sent",
        to=snapshot.referral.referrer,
        context={
            "reference": snapshot.reference,
            "state": IN_WORDS[snapshot.state],
            "subject": event.form.subject,
            "held_set_aside": True,
            "suggested": ["WITHDRAW sent twice by mistake"],
            "suggested_kind": "instruction",
        },
        in_reply_to=event.form.message_id,
    )
    return declined(
        snapshot,
        [RecordEvent("message-while-held", {"meant": "WITHDRAW"}), command],
        str(State.HELD),
        "her-words-meant",
        f"Nothing was done: {snapshot.reference} is still held. If it was sent "
        "twice by mistake, reply WITHDRAW sent twice by mistake.",
    )


def _answers_to_what_was_asked(
    snapshot: Snapshot, message: FormMessage
) -> tuple[dict[str, str], dict[str, str]]:
    """A reply to our request for corrections, read for the fields that request asked
    (broker/forms/asked_answers.py): "DOB is 04/09/2012 and postcode is SE15 3RT", a bare
    "04/09/2012" under the one question. An answer replaces what the form's reader took for
    that field only when that did not read, or ran on past the answer ("04/09/2012 and
    postcode is …"). And the set-aside headings, with a field still missing after a reply
    that held values placed in no field, or that named the field's choices without one read ("not
    residential"), asked for on its own line, not said to be unsent."""
    set_aside = dict(message.set_aside)
    if snapshot.state is not State.INCOMPLETE or not snapshot.referral.raw_fields:
        return {}, set_aside
    world = snapshot.world
    spec, on = world.referral_spec, message.sent_on or world.today
    before, earlier = check_referral(dict(snapshot.referral.raw_fields), spec, message_date=on)
    asked = [problem.field for problem in with_long_past(before, earlier, spec, on)]

    def readable(key: str, value: str) -> bool:
        return is_readable(key, value, spec, on)

    found = answers_to_asked(message.text, asked, spec, readable)
    answered = {
        key: value
        for key, value in found.fields.items()
        if not (given := message.fields.get(key, "").strip())
        or given == value
        or not readable(key, given)
        or value in given
    }
    for key in asked:
        if (
            key not in answered
            and not message.fields.get(key)
            and (found.unplaced or key in found.mentioned)
        ):
            set_aside.setdefault(key, IN_A_REPLY)
    return answered, set_aside


def _example_line(problems: list[FieldProblem]) -> str:
    """A corrected line for the first problem whose example gives a value ("Needed from:
    07/12/2026" from "a UK date such as 07/12/2026, or …"), under that problem's own label;
    '' when none gives one."""
    for problem in problems:
        given = _EXAMPLE_VALUE.search(problem.example)
        if given and problem.field != "attachment":
            return f"{problem.label}: {given['value']}"
    return ""


_EXAMPLE_VALUE = re.compile(r"\b(?:such as|e\.g\.)\s+(?P<value>[^;()]+?)\s*(?:,\s|[;(]|\bor\b|$)")


def _attachment(text: str) -> FieldProblem:
    return FieldProblem(
        "attachment", "Attachment", text, "a .docx Word file, or the form pasted in"
    )


def _ask_for_corrections(
    snapshot: Snapshot, event: FormReceived, problems: list[FieldProblem], changed: tuple[str, ...]
) -> Decision:
    message, reference = event.form, snapshot.reference
    typos = mislabelled(snapshot, message.unread_lines)
    asked = {p.label for p in problems}
    commands: list[Command] = [
        RecordEvent("problems", {"fields": sorted({p.field for p in problems})}),
        SendEmail(
            key=f"{reference}:problems:{form_digest(event)}",
            template="social_worker/problems",
            to=snapshot.referral.referrer,
            context={
                "reference": reference,
                "problems": problems,
                "subject": message.subject,
                "changed": list(changed),
                "unread": list(message.unread_lines),
                # "Needed form: 14/12/2026": offered back under the label it
                # was like, ready to send
                "mislabelled": typos,
                "example_line": next(
                    (f"{t['nearest']}: {t['value']}" for t in typos if t["nearest"] in asked), ""
                )
                or _example_line(problems),
            },
            in_reply_to=message.message_id,
            references=(message.message_id,) if message.message_id else (),
            thread=True,
        ),
    ]
    shown = tuple(
        {"field": p.field, "label": p.label, "problem": p.problem, "example": p.example}
        for p in problems
    )
    incomplete = snapshot.with_referral(state=State.INCOMPLETE)
    return declined(
        incomplete,
        commands,
        str(State.INCOMPLETE),
        "form-has-problems",
        "Please correct the form.",
        shown,
    )


def _accept(
    snapshot: Snapshot, event: FormReceived, form: ReferralForm, changed: tuple[str, ...]
) -> Decision:
    world = snapshot.world
    authority = snapshot.authority
    anonymised = anonymise(form, authority=authority.name, today=world.today).to_json()
    snapshot = snapshot.with_referral(
        anonymised=anonymised,
        urgency=form.urgency or "",
        cascade=choose_cascade(snapshot, form.placement_type or ""),
    )
    keys = RecordChildKeys(child_keys(snapshot.referral.raw_fields, world.sign, world.today))
    reasons = review.hold_reasons(snapshot, event)
    if reasons:
        held = review.hold(snapshot, event, reasons, changed)
        return replace(held, commands=(keys, *held.commands))
    decision = broadcast_now(snapshot, event.form, "form-complete")
    return replace(decision, commands=(keys, *decision.commands))


def broadcast_now(snapshot: Snapshot, message: FormMessage, rule: str) -> Decision:
    """The first wave, the acknowledgement with the anonymised text, the announcements."""
    world, referral = snapshot.world, snapshot.referral
    authority = snapshot.authority
    form, _ = check_referral(
        dict(referral.raw_fields), world.referral_spec, message_date=message.sent_on or world.today
    )
    opened = open_next(snapshot, "first-wave")
    snapshot = opened.snapshot
    commands: list[Command] = [
        RecordEvent(
            "accepted",
            {
                "urgency": form.urgency,
                "placement_type": form.placement_type,
                "cascade": snapshot.referral.cascade or None,
            },
        ),
        *opened.commands,
    ]
    wave = opened.wave
    if wave is None:  # nobody eligible in any wave: record why each was excluded
        result = match(
            world.directory, MatchRequest.from_referral(form, authority.key, world.today)
        )
        commands += [
            RecordMatch(wave=0, eligible=(), excluded=tuple(result.excluded)),
            _tell_placements_team(snapshot, result),
        ]
    else:
        commands.append(
            RecordEvent(
                "broadcast",
                {
                    "providers": wave.providers,
                    "deadline": wave.closes_at.isoformat() if wave.closes_at else None,
                },
            )
        )
    commands += _announce(snapshot, wave.providers if wave else 0)
    commands.append(_acknowledge(snapshot, message, wave))
    state = State.OPEN if wave else State.UNMATCHED
    return accepted(
        snapshot.with_referral(state=state, held_for=""),
        commands,
        str(state),
        rule if wave else "no-establishment-eligible",
        f"Referral {referral.reference} has gone to "
        f"{wave.providers if wave else 0} eligible provider(s).",
    )


def _acknowledge(snapshot: Snapshot, message: FormMessage, wave: Any) -> SendEmail:
    referral = snapshot.referral
    later = [spec.name for spec in planned_waves(snapshot)[len(snapshot.waves) :]]
    context = {
        "reference": referral.reference,
        **referral.anonymised,
        "providers": wave.providers if wave else 0,
        "deadline": wave.closes_at if wave else None,
        "window": wave.window if wave else None,
        "working": wave is not None and working_hours_for(snapshot, wave.window) is not None,
        "wave_name": wave.name if wave and (later or wave.number > 1) else "",
        "later_waves": later,
        "subject": message.subject,
        "unread": list(message.unread_lines),
        "attachments": list(message.attachments),
        "location_unread": location_unread(snapshot),
        "from_note": _from_note(snapshot, message),
        # rule `subject-initials`: the subject's initials, not the form's child's
        "initials_differ": initials_differ(message.subject, referral.raw_fields),
        # a day already past: providers read "needed now" (workflows/needed.py)
        "needed_now": needed_now(referral.anonymised.get("profile", {}), snapshot.world.today),
        # rule extend-fits-the-window: "EXTEND 1h" for an emergency's 2 hours
        "how": how_to_write("CLOSE", "EXTEND", "WITHDRAW")
        | {"EXTEND": extension_fitting(wave.window if wave else None)},
        # which search, as providers' subjects give it, nothing identifying
        "search": search_words(referral.anonymised.get("profile", {}), snapshot.world.today),
    }
    return SendEmail(
        key=f"{referral.reference}:acknowledgement",
        template="social_worker/acknowledgement",
        to=referral.referrer,
        context=context,
        in_reply_to=message.message_id,
        references=(message.message_id,) if message.message_id else (),
        thread=True,
    )


def search_words(profile: Mapping[str, Any], today: date) -> str:
    """Which search an email to the social worker is about, as the providers' subjects
    profile it and with nothing identifying: "F14, residential, from Mon 14 Dec"."""
    gender = {"female": "F", "male": "M"}.get(str(profile.get("gender") or ""), "")
    age = profile.get("age")
    who = f"{gender}{age if age is not None else ''}"
    needed = needed_from(profile)
    when = (
        "needed now"
        if needed_now(profile, today) or needed == today
        else f"from {needed:%a} {needed.day} {needed:%b}"
        if needed
        else ""
    )
    return ", ".join(part for part in (who, str(profile.get("placement_type") or ""), when) if part)


def _from_note(snapshot: Snapshot, message: FormMessage) -> list[dict[str, str]]:
    """The fields read from the note around the form, not from its lines, as the
    acknowledgement says them ("Urgency: emergency (from your note)"): those the referral
    still holds as read."""
    spec, fields = snapshot.world.referral_spec, snapshot.referral.raw_fields
    return [
        {"label": spec.field(key).label, "value": code}
        for key, code in message.from_note.items()
        if key in spec.keys and fields.get(key) == code
    ]


def _announce(snapshot: Snapshot, providers: int) -> list[Command]:
    channel = snapshot.team_channel
    if not channel:
        return []
    profile = snapshot.referral.anonymised["profile"]
    return [
        PostSlack(
            f"{snapshot.reference}:announce:new",
            "announcement",
            channel,
            {
                "text": f"New referral {snapshot.reference} from {profile['authority']}: "
                f"{profile['placement_type']}, age {profile['age']}, {profile['area']}; "
                f"sent to {providers} provider(s)."
            },
        )
    ]


def location_unread(snapshot: Snapshot) -> list[str]:
    """Rule `location-not-placed`: the location line's exclusions naming a place the places
    list cannot locate ("not in Northby itself", "away from his associates in Moss Side").
    Rule keep-away leaves out no home for them; the referral still goes (its location line
    reaches providers, as other words the service does not read do), and the social worker
    and the placements team are told the words, never silently; so too the words from where
    a line too long to read in full stopped being read (broker/forms/keep_away.py)."""
    location = snapshot.referral.raw_fields.get("location")
    if not isinstance(location, str):
        return []
    rest = unread(location)
    return [
        *unplaced(keep_aways(location), snapshot.world.directory.places),
        *([rest] if rest else []),
    ]


def _tell_placements_team(snapshot: Snapshot, result: Any) -> SendEmail:
    by_rule = Counter(exclusion.rule for exclusion in result.excluded)
    return SendEmail(
        key=f"{snapshot.reference}:unmatched",
        template="placements_team/unmatched",
        to=snapshot.authority.placements_team,
        context={
            "reference": snapshot.reference,
            "referrer": snapshot.referral.referrer,
            "excluded_by_rule": sorted(by_rule.items(), key=lambda kv: -kv[1]),
        },
    )


def _to_open_question(snapshot: Snapshot, event: FormReceived) -> FormReceived:
    """A reply on the referral's thread (not the question's email) while a commissioner's
    question waits for its answer is that answer, unless it reads as a meant instruction:
    the event as if it replied to the question (placement.answers_question checks who)."""
    asker = open_question(snapshot)
    if not asker or meant_instruction(event.form.text):
        return event
    return replace(event, question_from=asker)


def open_question(snapshot: Snapshot) -> str:
    """The commissioner whose QUESTION on the shortlist now awaiting approval is still
    their last word on it ("" when none): the approval waits for its answer."""
    round_ = snapshot.current_round
    if snapshot.state != State.AWAITING_APPROVAL or round_ is None:
        return ""
    last: dict[str, str] = {}
    for record in snapshot.approvals:
        if record.round == round_.round:
            last[record.approver] = record.decision
    asked = [who for who, decision in last.items() if decision == "question"]
    return asked[-1] if asked else ""


def _already_sent(snapshot: Snapshot, event: FormReceived) -> Decision:
    """A message on a sent referral's thread that changes nothing: said so, with what it
    seems to have meant (an instruction mistyped, a label mistyped, or plain words read by
    rule `her-words-meant`, workflows/her_words.py), never acted on; a question or request
    only the placements team can act on passed to them. Rule `unproved-words-stay`: from a
    From not proved as the authority's `sender_auth` requires (or proved, but sent to someone
    else), nothing is suggested or passed on, and nothing counts towards her messages a day
    (`questions-per-day`): she is told a message in her name could not be proved."""
    if not event.actor.authenticated:
        return _not_proved(snapshot, event)
    meant = in_her_letters(
        meant_instruction(event.form.text) or "",
        event.form.text,
        placement.example_letters(snapshot),
        placement.example_choice(snapshot),
    )
    wrong = mislabelled(snapshot, event.form.unread_lines)
    said = her_words.NOTHING if meant or wrong else _her_words(snapshot, event)
    passed, passing = (
        _passed_on(snapshot, event, _who_the_child_is(snapshot, said)) if said.pass_on else ("", [])
    )
    command = SendEmail(
        key=f"{snapshot.reference}:already-sent:{form_digest(event)}",
        template="social_worker/already_sent",
        to=snapshot.referral.referrer,
        context={
            "reference": snapshot.reference,
            "state": IN_WORDS[snapshot.state],
            "subject": event.form.subject,
            # an instruction not written as one ("close pls", "Withdraw - …"): how to
            "meant": meant,
            # "Needed form: 08/12/2026": a label the form does not have, and its nearest
            "mislabelled": wrong,
            # "please stop the search, we've found a place": WITHDRAW, filled in
            "suggested": list(said.lines),
            "suggested_kind": said.kind,
            "suggested_filled": said.filled,
            "replies": said.replies,
            # "CLOSE – we've found somewhere": what CLOSE would have done instead
            "rather_than": said.rather_than,
            # "can you send it to more providers" with no wave left: all have it
            "no_more_waves": said.no_more_waves,
            # "I meant £4,400" while negotiating: PROPOSE, to whom, and what still waits
            **_proposing(snapshot, said),
            "passed_on": passed,
            "team": snapshot.authority.placements_team if snapshot.authority else "",
            "per_day": QUESTIONS_PER_DAY,
            "correctable": snapshot.state == State.OPEN,
        },
        in_reply_to=event.form.message_id,
    )
    return declined(
        snapshot,
        [
            RecordEvent(
                "message-after-broadcast",
                {"meant": said.kind or ("instruction" if meant else ""), "passed_on": passed},
            ),
            *passing,
            command,
        ],
        "already-sent",
        "form-after-broadcast",
        f"{snapshot.reference} has already gone out; it is now {IN_WORDS[snapshot.state]}.",
    )


def _proposing(snapshot: Snapshot, said: her_words.Meant) -> dict[str, str]:
    """For a PROPOSE read in her words: the chosen home nothing was sent to (`propose_to`),
    the amount, and the earlier proposal still waiting for her Yes (`proposal_waiting`: one
    put to her to confirm, rule `propose-above-asked-and-budget`, that nothing has overtaken
    since: the same home and negotiation, no fee round after it), or ''."""
    if not said.lines or not said.lines[0].startswith("PROPOSE "):
        return {}
    chosen = snapshot.referral.chosen
    home = next((o.home for o in placement.options(snapshot) if o.establishment == chosen), "")
    asked = snapshot.proposal_asked
    waiting = (
        bool(asked.get("weekly_fee"))
        and asked.get("establishment") == chosen
        and asked.get("negotiation") == snapshot.negotiation
        and int(asked.get("rounds") or 0) == len(snapshot.fee_rounds)
    )
    fee = f"£{Decimal(str(asked['weekly_fee'])):,.2f}".removesuffix(".00") if waiting else ""
    return {
        "propose_to": home or "the chosen home",
        "proposed": said.lines[0].removeprefix("PROPOSE "),
        "proposal_waiting": fee,
    }


def _not_proved(snapshot: Snapshot, event: FormReceived) -> Decision:
    """`_already_sent` for a message nothing proves she sent to the service: answered to
    the address it is in the name of (hers, or a colleague's at her council: the real
    mailbox, whoever wrote the From), saying so, without a word of it; nothing passed to
    the team, nothing counted."""
    elsewhere = event.actor.sent_elsewhere
    command = SendEmail(
        key=f"{snapshot.reference}:already-sent:{form_digest(event)}",
        template="social_worker/already_sent",
        to=event.form.sender or snapshot.referral.referrer,
        context={
            "reference": snapshot.reference,
            "state": IN_WORDS[snapshot.state],
            "subject": event.form.subject,
            "unproved": "elsewhere" if elsewhere else "unproved",
            "team": snapshot.authority.placements_team if snapshot.authority else "",
        },
        in_reply_to=event.form.message_id,
    )
    return declined(
        snapshot,
        [
            RecordEvent(
                "message-after-broadcast", {"meant": "", "passed_on": "", "unproved": True}
            ),
            command,
        ],
        "already-sent",
        "unproved-words-stay",
        f"Nothing shows that the message about {snapshot.reference} was sent "
        "to the service by its social worker: nothing was done with it.",
    )


def _her_words(snapshot: Snapshot, event: FormReceived) -> her_words.Meant:
    """Rule `her-words-meant` on the message, with the referral's options (by the stored
    comparison), its shortlist, the child's names, the replies so far and the chosen home's
    own latest weekly fee (its last fee round, else its answer's), and what the sender may
    send (workflows/permissions.py)."""
    fields, round_ = snapshot.referral.raw_fields, snapshot.current_round
    names = [fields.get("child_name", "").split(" ")[0], fields.get("known_as", "")]
    return her_words.read_her_words(
        event.form.text,
        snapshot.state,
        options=[her_words.Option(o.label, o.home) for o in placement.options(snapshot)],
        shortlisted=round_.labels if round_ else (),
        today=event.form.sent_on or snapshot.world.today,
        child_names=names,
        correctable=snapshot.state == State.OPEN,
        replies=her_words.replies_so_far(
            snapshot.recipients, {key: r.decision for key, r in snapshot.responses.items()}
        ),
        asked=_home_asks(snapshot),
        more_waves=bool(remaining_specs(snapshot)),
        permitted=permitted(snapshot, event),
    )  # never NEXT WAVE to a social worker


def _home_asks(snapshot: Snapshot) -> Decimal | None:
    """The chosen home's own latest weekly fee: its last fee round, else its answer's."""
    chosen = next(
        (o for o in placement.options(snapshot) if o.establishment == snapshot.referral.chosen),
        None,
    )
    if chosen is None:
        return None
    rounds = [fee for _, by, fee in snapshot.fee_rounds if by == "provider" and fee]
    said = rounds[-1] if rounds else chosen.weekly_fee
    try:
        return Decimal(str(said).replace("£", "").replace(",", "")) if said else None
    except ArithmeticError:
        return None


def _who_the_child_is(snapshot: Snapshot, said: her_words.Meant) -> list[str]:
    """The labels of the lines her words were answered with when they change who the child
    is ("she's actually 13": "Date of birth"), for the team's copy; [] for any other."""
    spec = snapshot.world.referral_spec
    labels = {spec.field(key).label for key in ("child_name", "date_of_birth") if key in spec.keys}
    if said.kind == "instruction":
        return []
    return [line.split(":", 1)[0] for line in said.lines if line.split(":", 1)[0] in labels]


def _passed_on(
    snapshot: Snapshot, event: FormReceived, identity: list[str] | None = None
) -> tuple[str, list[Command]]:
    """Her question or request to the placements team ("sent"), quoted, links out, with the
    labels (`identity`) of a change to who the child is that her words seem to make; or,
    past rule `questions-per-day` for the social worker's messages about this referral,
    recorded and not sent ("held"), unless about the child's safety (rule
    `safety-never-held`); "" with no team, or when the team wrote it."""
    team = snapshot.authority.placements_team if snapshot.authority else ""
    words = own_words(event.form.text) or event.form.text.strip()
    if not team or not words or event.form.sender.casefold() == team.casefold():
        return "", []
    fingerprint = [question_digest(words)]
    if fingerprint[0] in snapshot.questions_before:
        return "sent", []  # the same words were passed on before
    safety = about_safety(words)  # rule `safety-never-held`: sent, and not counted
    if questions_held_back(snapshot) and not safety:
        return "held", [
            RecordEvent(
                "questions-held",
                {"establishment": "", "questions": fingerprint, "per_day": QUESTIONS_PER_DAY},
            )
        ]
    return "sent", [
        SendEmail(
            key=f"{snapshot.reference}:her-words:{form_digest(event)}",
            template="placements_team/social_worker_words",
            to=team,
            context={
                "reference": snapshot.reference,
                "referrer": snapshot.referral.referrer,
                "state": IN_WORDS[snapshot.state],
                "words": provider_words(without_links(words), 1_000),
                "identity": identity or [],
            },
        ),
        RecordEvent(
            "words-passed-on",
            {
                "establishment": "",
                "questions": fingerprint,
                "to": "placements_team",
                "from": "social_worker",
                **({"safety": True} if safety else {}),
            },
        ),
    ]


_BY_LETTER = ("CHOOSE", "DROP", "SHORTLIST")
# where a reason given with a mistyped WITHDRAW ends: a question ("duplicate? Jordan, is
# this the line …"), whose asking would make the suggested line no instruction again
_REASON_ENDS = re.compile(r"\?")
_NO_REASON = re.compile(
    r"(?i)[\s,.!]*(?:(?:pls|please|now|thanks|thank\s+you|asap|this|it|the"
    r"|referral|search)\b[\s,.!]*)*"
)


def in_her_letters(example: str, text: str, options: str = "", choice: str = "") -> str:
    """The way to write the instruction she meant with her own letters ("DROP A" for "Drop
    A please - mum not happy") or her own reason ("WITHDRAW sent twice by mistake" for
    "withdraw – sent twice by mistake"), never the example's, which would act on another
    option or give another's reason; a
    shortlist naming none of hers with the referral's own letters (`options`, "A, B":
    placement.example_letters), never letters it has no option for, and a CHOOSE or DROP
    naming none of hers with the shortlist's first letter (`choice`:
    placement.example_choice), never the example's "B" for a referral with option A alone."""
    verb, _, _ = example.partition(" ")
    first = next((line for line in text.splitlines() if line.strip()), "")
    words = first.split(None, 1)
    if verb == "WITHDRAW":  # her own reason, never the example's ("sent twice by mistake")
        reason = (
            _REASON_ENDS.split(words[1].strip(" \t:-\u2013\u2014,"), 1)[0] if len(words) > 1 else ""
        )
        return (
            f"WITHDRAW {reason.strip()}"
            if reason.strip() and not _NO_REASON.fullmatch(reason)
            else example
        )
    # never those of a remark: "A (C is too far), B"
    letters = letters_named(words[1]) if verb in _BY_LETTER and len(words) > 1 else []
    if not letters:
        if verb in ("CHOOSE", "DROP") and choice:
            return f"{verb} {choice}"
        return f"SHORTLIST {options}" if verb == "SHORTLIST" and options else example
    return f"{verb} {', '.join(letters) if verb == 'SHORTLIST' else letters[0]}"


_LABEL_LIKE = 0.8  # difflib's ratio: "Needed form" is "Needed from", "Needs" is no "Name"


def mislabelled(snapshot: Snapshot, lines: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    """Each `Label: value` line whose label is none of the referral form's but like one of
    them, with the form's label nearest it: {"line", "label", "nearest", "value"}."""
    spec = snapshot.world.referral_spec
    labels = {normalise_label(f.label): f.label for f in spec.fields}
    found = []
    for line in lines:
        label, colon, value = line.partition(":")
        if not colon or spec.field_for_label(label.strip()) is not None:
            continue
        close = difflib.get_close_matches(
            normalise_label(label), list(labels), n=1, cutoff=_LABEL_LIKE
        )
        if close:  # "Note: mum rang" is a note, not a label mistyped
            found.append(
                {
                    "line": line.strip(),
                    "label": label.strip(),
                    "nearest": labels[close[0]],
                    "value": value.strip(),
                }
            )
    return found


# --- mail that never becomes a referral -----------------------------------------------

UNADDRESSED_TEMPLATES = {
    "refused": "sender/refused",
    "no-form": "social_worker/no_form",
    "unknown-referral": "sender/unknown_referral",
    # a provider writing to referrals@ with no reply to answer
    "provider-at-referrals": "provider/wrong_address",
    # providers@ (workflows/market/classify.py)
    "providers-help": "provider/providers_help",
    "provider-unknown-referral": "provider/unknown_referral",
    "council-at-providers": "social_worker/wrong_address",
    # "can we extend Jo's placement?" (broker/forms/extension.py)
    "extension-asked": "social_worker/extension_asked",
}
# the placements team copied on an answer: what the council's own people must act on
UNADDRESSED_TEAM_TEMPLATES = {"extension-asked": "placements_team/extension_asked"}


def decide_unaddressed(
    reason: str,
    message: FormMessage,
    key: str,
    referrals_address: str,
    team: str = "",
    proved: bool = False,
    extra: Mapping[str, Any] | None = None,
) -> list[Command]:
    """A polite, specific answer to mail that cannot start or continue a referral (none to
    automatic mail or mail with no sender, which would loop: RFC 3834 §2). Rule
    `extension-to-the-team`: a request to extend a placement is told that the service finds
    new placements and that the placements team (`team`, the sender's council's) arranges
    extensions, and that team is sent the request, so it is never lost to a blank form.
    `proved`: the mail's From was proved; both emails are then marked `proved`, so the
    limits on answers (workflows/answer_limits.py) count them apart from answers to forged
    mail: a flood in strangers' or the sender's name cannot drop the team's copy of hers.
    `extra`: more for both emails (`asked`: the sentence that asked for an extension). Rule
    `nothing-quoted-to-the-unproved`: the answer to a From nothing proved quotes none of
    its words (anyone can write a council's address); the team's copy still does."""
    template = UNADDRESSED_TEMPLATES.get(reason)
    if template is None or not message.sender:
        return []
    digest = hashlib.sha256((key or message.message_id or message.subject).encode())
    context = {
        "subject": message.subject,
        "referrals_address": referrals_address,
        # "see attached", and no form: the attachment never arrived
        "mentions_attachment": bool(_ATTACHED.search(message.text)),
        "sender": message.sender,
        "placements_team": team,
        **(extra or {}),
    }
    told = context if proved else {k: v for k, v in context.items() if k not in _THEIR_WORDS}
    commands: list[Command] = [
        SendEmail(
            key=f"{reason}:{digest.hexdigest()[:16]}",
            template=template,
            to=message.sender,
            context=told,
            in_reply_to=message.message_id,
            proved=proved,
        )
    ]
    if (to_team := UNADDRESSED_TEAM_TEMPLATES.get(reason)) and team:
        commands.append(
            SendEmail(
                key=f"{reason}:{digest.hexdigest()[:16]}:team",
                template=to_team,
                to=team,
                context=context,
                proved=proved,
            )
        )
    return commands


_ATTACHED = re.compile(r"\b(?:attached|attachment|enclosed)\b", re.IGNORECASE)
# The sender's own words an answer may quote back to her only when her From was proved.
_THEIR_WORDS = frozenset({"asked", "subject"})

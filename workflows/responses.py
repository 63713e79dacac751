"""A provider's reply as a pure decision: what to store, and what to say back.

    no earlier reply           → store it; acknowledge, or ask for exactly what is missing
    earlier reply incomplete   → merge the new fields into it (the answer completes it; a
                                 fee asked after one given in parts keeps the other parts
                                 as its additional costs, rule `fee-parts-completed`)
    earlier reply complete     → a reply with another decision supersedes it (both kept);
                                 one without a decision (e.g. only a new fee), or a fuller
                                 offer after an offer or interest, amends it
    written before the current → (mail arriving out of order: its Date is earlier than the
                                 current answer's) kept as history, not made current; the
                                 sender is told which answer stands
    window closed              → accepted, marked late, forwarded to the social worker
                                 (but a late no from a home with no offer or interest
                                 standing is only recorded: `late_no_changes_nothing`); an
                                 offer or interest from a home with no letter becomes the
                                 comparison's next option (`with_late_option`), to shortlist
    shortlist approved         → a shortlisted home's changed answer forwarded too, what
                                 changed field by field, one keeping its offer's fee and
                                 start as a confirmation (`confirms_its_offer`); a fee
                                 changed from the one approved goes on the timeline, and
                                 one risen to need a budget holder's sign-off is said so;
                                 one that no longer offers loses its papers at once. So too
                                 for the homes still shortlisted once another is chosen
    chosen, fee being agreed   → read for its decision before its fee: a decline or a
                                 withdrawal (`takes_its_offer_back`) is the chosen home
                                 withdrawing (workflows/agreement.py), anything else a fee
                                 round
    not shortlisted, after the → an offer or interest is stored as late and passed to the
    approval (search running)    social worker and the placements team as a fallback, not
                                 as an option (`late-offer-fallback`); anything else is
                                 not stored, the home told the shortlist has been made
    referral finished          → not stored; a polite note says it is closed
    questions beside an answer → (a decision and "Is she open to CAMHS?") passed to the
                                 placements team, who answer the home (an emergency's to
                                 the referrer as well: she is awake when the team is not);
                                 the home is told so and that the reply address takes
                                 answers only. A reply
                                 with questions and no decision is asked for one and told
                                 where to ask (`questions_to`). A question passed on before
                                 is not sent again, and past `QUESTIONS_PER_DAY` emails a
                                 day for a referral and home new ones are held, the home
                                 told to write to the team itself
    words the answer lacks     → (a reply that changes nothing recorded, but says something:
                                 "subject to our matching panel", "the fee will rise from
                                 April", "ignore my earlier email, we'll come back by 3pm")
                                 its words passed to the social worker, the home told so
                                 (workflows/passed_on.py, rule `words-passed-on`); one that
                                 takes its earlier answer back leaves no answer standing
    the placed home writes     → (notice of an ending, a request about the child) its words
                                 passed to the placements team, the home told so
    a side-message             → (a read receipt, a recall, a calendar response: no decision,
                                 no form) recorded, never answered, the answer unchanged
    automatic mail             → read only for its form (a referral system's answer), never
                                 written to; without a decision in its form, ignored

Whether the sender may answer for the establishment at all is the permissions table's
question (workflows/permissions.py), asked before this.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from broker.directory.live import BY_TEAM, paused_by_team, without_the_marker
from broker.forms.fee_parts import left_over, parts_from_json, parts_to_json
from broker.forms.fee_told import fee_not_read_why, later_fee_not_counted, stepped_example
from broker.forms.offer_conditions import CONDITIONS_QUOTED, condition_of
from broker.forms.other_homes import about_this_home
from broker.forms.other_referrals import others_answered
from broker.forms.placement_kind import kind_offered
from broker.forms.response import ParsedResponse, read_response, response_to_json
from broker.forms.side_messages import is_a_side_message
from broker.forms.some_children import for_some_children_only
from broker.forms.taken_back import takes_back_its_answer
from broker.forms.their_questions import questions_asked
from broker.quoting import provider_words, without_links
from workflows.commands import Command, RecordEvent, RecordResponse, RevokePapers, SendEmail
from workflows.confirmed import confirms, says_it_confirms
from workflows.events import Reply, ReplyReceived
from workflows.needed import emergency, later_than_needed, needed_from, needed_now
from workflows.offer_kind import (
    HELD_OUT,
    HELD_WHY,
    KindFinding,
    kind_finding,
    kind_passed_on,
    with_the_kind,
)
from workflows.offers_apart import (
    SOME_CHILDREN_ONLY,
    held_back,
    other_homes_passed_on,
    some_children_passed_on,
)
from workflows.passed_on import own_words, pass_words_on, words_to_pass_on
from workflows.safety import (
    SAFETY_PER_DAY,
    about_safety,
    held_over_the_ceiling,
    over_the_ceiling,
)
from workflows.snapshot import Decision, ResponseRecord, Snapshot, accepted, declined
from workflows.states import State

OPEN, LATE, NEGOTIATING, FINISHED = "open", "late", "negotiating", "finished"


def stage_for(snapshot: Snapshot, establishment: str) -> str:
    """The referral as this provider's reply sees it: after approval only the shortlisted
    may still offer, and only the chosen one negotiates the fee."""
    state = snapshot.state
    if state == State.OPEN:
        return OPEN
    if state in (State.CLOSED, State.AWAITING_APPROVAL):
        return LATE
    round_ = snapshot.current_round
    if state == State.NEGOTIATING and establishment == snapshot.referral.chosen:
        return NEGOTIATING
    if state in AFTER_APPROVAL:  # the other shortlisted homes are still in the round
        return OPEN if round_ and establishment in round_.establishments else FINISHED
    return FINISHED


# After the commissioners' approval, until the placement: the shortlisted homes have the
# child's papers, and a changed answer from one of them is the social worker's to read.
AFTER_APPROVAL = frozenset({State.APPROVED, State.NEGOTIATING})


def on_reply(snapshot: Snapshot, event: ReplyReceived) -> Decision:
    """Decide on the reply (the negotiation's replies are workflows/agreement.py's)."""
    reply = event.reply
    if event.establishment not in snapshot.recipients:
        return declined(snapshot, note("provider/referral_unknown", reply, event.key),
                        "reply-unknown-referral", "not-sent-to-this-establishment",
                        "This referral was not sent to that establishment.")
    stage = stage_for(snapshot, event.establishment)
    if stage == FINISHED and offers_after_the_shortlist(snapshot, event):
        # rule `late-offer-fallback`: the search is still running; the offer is kept
        return _respond(snapshot, event, late=True, forward=True, fallback=True)
    if stage == FINISHED:
        closed = closed_for(snapshot, event.establishment)
        words = words_to_pass_on(snapshot, event) if closed["placed_here"] else ""
        told: list[Command] = []
        if words:  # notice of an ending, a request about the child: the team's to act on
            team = closed["placements_team"]
            told, said = pass_words_on(snapshot, event, words, closed["establishment"],
                                   team or snapshot.referral.referrer,
                                   "placements_team" if team else "social_worker")
            # a report of the child's safety went to the team and the social worker both
            closed |= said | {"safety": bool(team) and about_safety(words)}
        return declined(snapshot, [RecordEvent("reply-after-close", {
            "establishment": event.establishment}), *told,
            *note("provider/referral_closed", reply, event.key, closed)],
            "reply-referral-closed", "referral-finished-for-this-provider",
            "The referral is closed to this provider.")
    # After the approval a shortlisted home may still change its answer (its fee, its start,
    # a withdrawal): stored, and put before the social worker, whether or not another home
    # has been chosen meanwhile (it is the one to turn to if the chosen home falls through).
    return _respond(snapshot, event, stage == LATE,
                    forward=stage == LATE or snapshot.state in AFTER_APPROVAL)


def offers_after_the_shortlist(snapshot: Snapshot, event: ReplyReceived) -> bool:
    """Rule `late-offer-fallback`: a home not on the approved shortlist offers (or shows
    interest) while the search is still running (approved, or a home chosen and its fee being
    agreed; not yet placed). Its offer is recorded as late and passed to the social worker and
    the placements team as a fallback, should the shortlisted homes fall through; it does not
    re-open the shortlist (no new option in the comparison), and the home is told so, never
    that the referral is closed. Automatic mail is read only for its form."""
    if snapshot.state not in AFTER_APPROVAL:
        return False
    reply = event.reply
    parsed = read_response(dict(reply.fields), "" if reply.auto_submitted else reply.body_text,
                           snapshot.world.response_spec, message_date=reply.sent_on,
                           known_service_name=_name(snapshot, event.establishment),
                           conflicts=reply.conflicts, reference=snapshot.reference)
    return parsed.decision in ("offer", "interested")


def answer_of_the_chosen(snapshot: Snapshot, event: ReplyReceived) -> Decision:
    """The chosen home's answer that takes its offer back, stored as any shortlisted home's
    is (its papers stopped, its acknowledgement), but not forwarded: what follows for the
    negotiation is workflows/agreement.py's, and the social worker hears it from there."""
    return _respond(snapshot, event, late=False, forward=False)


# A reply that speaks of money: "We decline the fee you proposed", "we must decline at
# £4,000, our fee remains £4,500" refuse a fee, not the placement.
_ABOUT_MONEY = re.compile(r"£|\b\d[\d,]*(?:\.\d\d)?\s*k?\s*(?:pw|p/w|per\s+week|a\s+week|"
                          r"weekly)\b|\b(?:fees?|rates?|pric(?:e|es|ing)|costs?|pounds|budget|"
                          r"funding|money|figure|amount)\b", re.IGNORECASE)


def takes_its_offer_back(snapshot: Snapshot, event: ReplyReceived) -> bool:
    """Whether the chosen home's reply, during the fee negotiation, declines or withdraws
    the placement: a form's decision that says so ("Decision: decline"), or prose read as a
    decline or a withdrawal ("we can no longer offer the placement", "the bed is no longer
    available") that says nothing of money. A prose "no" about the fee ("we can't agree to
    that fee", "we must decline at £4,000") is an answer on the fee, read as one. Only the
    home's own new words are asked about money: never the subject (ours, "chosen, the fee to
    agree", "the authority proposes £3,800 a week", on every reply to it), nor quoted text."""
    from workflows.placement import NO_LONGER_OFFERED

    reply = event.reply
    prose = "" if reply.auto_submitted else reply.body_text
    parsed = read_response(dict(reply.fields), prose, snapshot.world.response_spec,
                           message_date=reply.sent_on,
                           known_service_name=_name(snapshot, event.establishment),
                           conflicts=reply.conflicts, reference=snapshot.reference)
    if parsed.decision not in NO_LONGER_OFFERED:
        return False
    return bool(reply.fields.get("decision")) or not _ABOUT_MONEY.search(prose)


def closed_for(snapshot: Snapshot, establishment: str) -> dict[str, Any]:
    """Why the referral takes no more answers from this home, for its note: withdrawn by the
    authority (delete it), placed with this very home (whom to write to about the placement,
    and how to say it has ended), or closed."""
    referral, authority = snapshot.referral, snapshot.authority
    placed_here = referral.state == State.PLACED and referral.chosen == establishment
    withdrawn = referral.state == State.WITHDRAWN
    recipient = snapshot.recipients.get(establishment)
    return {"reference": snapshot.reference, "withdrawn": withdrawn,
            "establishment": recipient.name if recipient else establishment,
            "placed_here": placed_here,
            # the search still running without this home: not closed (`late-offer-fallback`)
            "shortlist_made": referral.state in AFTER_APPROVAL,
            "placements_team": authority.placements_team if authority else "",
            "social_worker": referral.referrer if placed_here else ""}


def form_decides(snapshot: Snapshot, reply: Reply) -> bool:
    """Whether the reply's form fields alone give a decision. Automatic mail is read only so:
    a provider's referral system may send its answer marked auto-generated, but an
    out-of-office's prose ("unable to help until Monday") is never an answer."""
    return bool(reply.fields) and read_response(
        dict(reply.fields), "", snapshot.world.response_spec, message_date=reply.sent_on,
        conflicts=reply.conflicts).decision is not None


def _respond(snapshot: Snapshot, event: ReplyReceived, late: bool,
             forward: bool = False, fallback: bool = False) -> Decision:
    world, reply, key = snapshot.world, event.reply, event.establishment
    earlier = snapshot.responses.get(key)
    name = _name(snapshot, key)  # the reply address names the home: never ask which
    prose, subject = ("", "") if reply.auto_submitted else (reply.body_text, reply.subject)
    own = read_response(dict(reply.fields), prose, world.response_spec,
                        message_date=reply.sent_on, known_service_name=name,
                        conflicts=reply.conflicts, subject=subject, reference=snapshot.reference,
                        children=children_placed(snapshot))
    own = no_reason_asked(own)
    if own.decision is None and not reply.fields and is_a_side_message(reply.subject,
                                                                        reply.body_text):
        # a read receipt, a recall, a calendar response: kept as inbound mail, never answered,
        # and the home's answer unchanged
        return accepted(snapshot, [], "reply-side-message", "side-message")
    written = written_at(snapshot, reply)
    if earlier is not None and earlier.sent_at is not None and written is not None \
            and written < earlier.sent_at:
        return _written_before_the_current(snapshot, event, own, earlier, earlier.sent_at,
                                           written, late)
    # "ignore my earlier email, we'll come back to you by 3pm": no answer stands until then
    taken_back = earlier is not None and own.decision is None and not reply.fields \
        and takes_back_its_answer(own_words(prose), reply.sent_on or world.today)
    fields = dict(reply.fields) if taken_back else _merged(earlier, dict(reply.fields), own)
    # read again only when the earlier reply's fields were merged into this one's
    parsed = own if fields == dict(reply.fields) else no_reason_asked(read_response(
        fields, prose, world.response_spec,
        message_date=reply.sent_on, known_service_name=name,
        conflicts=reply.conflicts, subject=subject, reference=snapshot.reference,
        children=children_placed(snapshot)))
    if parsed is not own and parsed.weekly_fee is None and not parsed.fee_parts \
            and earlier is not None:  # the fee still asked: its parts kept till it is given
        parsed = replace(parsed, fee_parts=parts_from_json(earlier.fields.get("fee_parts")))
    parsed = _condition_alone_passed_on(earlier, parsed)
    some_children = "" if reply.auto_submitted else for_some_children_only(
        own_words(prose), children_placed(snapshot))
    if some_children and parsed.decision not in ("withdrawn",):
        parsed = for_some_of_them(parsed, some_children)
    else:
        some_children = ""
    # rules `supported-accommodation-under-16`, `offer-of-another-kind`, `offer-kind-shown`
    kind = _kind_of_the_offer(snapshot, parsed, prose, name) if not some_children \
        and not reply.auto_submitted else None
    offered = parsed  # its fee and start, said in the email a held offer's words go in
    if kind is not None:
        parsed = with_the_kind(parsed, kind)
    stored = ResponseRecord(key, parsed.decision or "", fields, _json(parsed) | (
        {HELD_OUT: kind.held, HELD_WHY: kind.why} if kind is not None and kind.held else {}),
                            tuple(parsed.missing), late, written)
    snapshot = replace(snapshot, responses={**snapshot.responses, key: stored})
    if late and not fallback:  # after the approval no option is added (`late-offer-fallback`)
        snapshot = with_late_option(snapshot, stored)
    if late:
        forward = forward and not late_no_changes_nothing(earlier, parsed)
    commands: list[Command] = [
        RecordResponse(key, reply.sender, event.inbound_id, stored.decision, fields,
                       dict(stored.fields), stored.missing, late, supersedes=bool(earlier),
                       sent_at=written),
        RecordEvent("response", {"establishment": key, "decision": parsed.decision,
                                 "missing": list(parsed.missing), "late": late}),
    ]
    stop_papers = _papers_stopped(snapshot, key, parsed)
    commands += stop_papers
    asked, passed_on = _questions_passed_on(snapshot, event, parsed, name, prose)
    commands += asked
    # rule `other-home-offer-passed-on`: a place offered at another of the provider's homes
    other_homes, passed_on["other_homes_passed_on"] = other_homes_passed_on(
        snapshot, event, name, prose)
    commands += other_homes
    to_them: list[Command] = []
    held_words: list[Command] = []
    if some_children:  # rule `offer-for-some-children`: to the social worker and the team
        to_them = some_children_passed_on(snapshot, event, name, prose)
        passed_on["some_children"] = "held" if held_back(to_them) else \
            "passed" if to_them else "before"
    if kind is not None and kind.held:  # held: its words to the team and the social worker
        held_words = kind_passed_on(snapshot, event, name, prose, kind, offered)
        passed_on["held_out"] = kind.held  # and the home told so
    commands += to_them + held_words
    if held_back(other_homes + to_them + held_words):  # rule `questions-per-day`
        passed_on["words_held"] = True
    unchanged = _changes_nothing(earlier, stored)
    # Only words beside an answer on record qualify it: a home with no decision yet is asked
    # for one (once), and a ticketing system's numbered receipts ("Your request #1001 has been
    # logged") are neither passed on nor answered, so no loop is kept going with it
    words = words_to_pass_on(snapshot, event) if (unchanged and stored.decision or taken_back) \
        and not asked and not passed_on["questions_repeated"] and not other_homes \
        and not some_children \
        and (not restates_its_answer(own, stored, prose) or asks_us(prose)) else ""
    if words:  # rule `words-passed-on`: said, and read into nothing: never lost
        told, said = pass_words_on(snapshot, event, words, name, snapshot.referral.referrer,
                               "social_worker")
        commands += told
        passed_on |= said
    passed_on["taken_back"] = taken_back
    confirmed = unchanged and not taken_back and not reply.auto_submitted \
        and snapshot.state in AFTER_APPROVAL and stored.decision == "offer" \
        and not snapshot.offer_confirmed_before \
        and (confirms(prose, stored.fields.get("available_from"),
                      stored.fields.get("weekly_fee"))
             or (restates_its_answer(own, stored, prose) and says_it_confirms(prose)))
    if parsed.missing:
        answer = _to_provider(snapshot, event, "missing_fields", {
            "summary": summary(parsed, world.describe_date)
            + unread_attachments(parsed, reply.unread_files), "establishment": name,
            **passed_on, "undecided": "decision" in parsed.missing,
            "papers_stopped": bool(stop_papers), **answer_by(snapshot, late),
            "fallback": fallback, "team_only": fallback and held_from_her(snapshot, key),
            "for_other_homes": answers_for_other_homes(prose, name, world.response_spec),
            "other_referrals": other_referrals_answered(snapshot, event, prose),
            "wanted": [{"label": f.label, "example": f.example,
                        **_written_not_read(f.key, fields, parsed)} for f in
                       (world.response_spec.field(k) for k in parsed.missing
                        if k in world.response_spec.keys)]})
        outcome = "response-incomplete"
    else:
        answer = _to_provider(snapshot, event, "response_ack", {
            "summary": summary(parsed, world.describe_date, confirmed),
            "decision": parsed.decision, "decline_reason": parsed.decline_reason or "",
            "late": late, "establishment": name, "forwarded": forward, "fallback": fallback,
            "team_only": fallback and held_from_her(snapshot, key),
            "shortlisted": snapshot.state in AFTER_APPROVAL,
            "home_chosen": snapshot.state == State.NEGOTIATING,
            "papers_stopped": bool(stop_papers),
            "for_other_homes": answers_for_other_homes(prose, name, world.response_spec),
            "other_referrals": other_referrals_answered(snapshot, event, prose),
            "offer_confirmed": confirmed, **passed_on, **_later_fee_told(parsed),
            "on_time": summary(_parsed(earlier), world.describe_date)
            if late and earlier is not None and not earlier.late and not earlier.missing
            and earlier.decision else ""})
        outcome = "response-late" if late else "response"
    if confirmed:  # rule `offer-confirmed` (workflows/confirmed.py): heard, once
        commands += [RecordEvent("offer-confirmed", {"establishment": key}), answer,
                     _to_social_worker(snapshot, event, parsed, name, False, None, earlier)]
        return accepted(snapshot, commands, "offer-confirmed", "offer-confirmed")
    held = passed_on["questions_held"] or passed_on.get("words_held")
    if unchanged and not passed_on.get("words_passed_on") \
            and not (held and not snapshot.questions_held_today):
        # stored, and not answered again: a ticketing system that answers every email (our
        # acknowledgement, our request for what is missing) would keep a loop going with us
        # (it repeats itself, and words passed on before are not passed on again). Only the
        # day's first reply whose questions or words were held is answered, to say so
        return accepted(snapshot, commands, "response-unchanged", "reply-changes-nothing")
    if not reply.auto_submitted:  # a referral system's automatic answer is never written to
        commands.append(answer)
    if unchanged and (passed_on.get("words_passed_on") or passed_on.get("words_held")):
        # its words passed on (or held, the home told): its answer as it was, not forwarded
        return accepted(snapshot, commands, "response-unchanged", "words-passed-on"
                        if passed_on.get("words_passed_on") else "reply-changes-nothing")
    changed = None if fallback else _fee_changed_after_approval(snapshot, key, parsed)
    if changed is not None:
        commands.append(RecordEvent("fee-changed-after-approval", changed))
    if fallback:  # rule `late-offer-fallback`: the social worker and the team, even unfinished
        commands += _fallback_passed_on(snapshot, event, parsed, name, earlier)
        return accepted(snapshot, commands, outcome, "late-offer-from-a-paused-home"
                        if pause_of(snapshot, key) else "late-offer-fallback")
    if forward and (not parsed.missing or stop_papers):  # a no is heard, reason or none
        commands.append(_to_social_worker(snapshot, event, parsed, name, late, changed,
                                          earlier))
    return accepted(snapshot, commands, outcome, "late-reply" if late else "reply-in-window")


def _fallback_passed_on(snapshot: Snapshot, event: ReplyReceived, parsed: ParsedResponse,
                        name: str, earlier: ResponseRecord | None) -> list[Command]:
    """A late offer after the shortlist's approval (`offers_after_the_shortlist`), to the
    social worker and the placements team: what the home said, as a fallback beside the
    shortlist, never as an option to shortlist. A home paused since is named so (rule
    `late-offer-from-a-paused-home`, `pause_of`): by its provider, passed on with the
    pause, so she can ask; by the placements team or suspended, to the team alone."""
    mail = _to_social_worker(snapshot, event, parsed, name, True, None, earlier, fallback=True)
    mail = replace(mail, context=mail.context | pause_of(snapshot, event.establishment))
    team = snapshot.authority.placements_team if snapshot.authority else ""
    to_team = replace(mail, key=f"{mail.key}:team", to=team,
                      context=mail.context | {"to_the_team": True})
    if held_from_her(snapshot, event.establishment):
        return [to_team] if team else [RecordEvent("late-offer-held", {
            "establishment": event.establishment, "why": "paused, and no placements team"})]
    if not team or team == mail.to:
        return [mail]
    return [mail, to_team]


def pause_of(snapshot: Snapshot, key: str) -> dict[str, Any]:
    """Rule `late-offer-from-a-paused-home`: a home that offers after the approval though it
    is paused, in words for the fallback's email: `paused` how (its provider's reason, quoted
    as its words; the placements team's, or a suspension in the directory, as theirs), and
    `held` whether the offer is kept from the social worker (`held_from_her`). {} for a home
    taking referrals."""
    home = snapshot.world.directory.establishment(key)
    if home is None or (not home.paused and home.status == "active"):
        return {}
    if home.status != "active":
        said = "suspended in the directory"
    elif paused_by_team(home.paused):
        said = f"paused by the placements team ({home.paused.removeprefix(BY_TEAM)})"
    else:
        reason = provider_words(without_the_marker(home.paused), 120)
        said = "paused by its provider" + (f", in its words {reason}" if reason else "")
    return {"paused": said, "held": held_from_her(snapshot, key)}


def held_from_her(snapshot: Snapshot, key: str) -> bool:
    """Whether a late offer after the approval is kept from the social worker as a fallback
    (rule `late-offer-from-a-paused-home`): its home paused by the placements team (a
    safeguarding or quality pause) or suspended in the directory; the team is told, with
    the pause named, and decides. A home its own provider paused (full, staff training) that
    offers anyway is passed on, the pause named, so she can ask."""
    home = snapshot.world.directory.establishment(key)
    return home is not None and (home.status != "active" or paused_by_team(home.paused))


def late_no_changes_nothing(earlier: ResponseRecord | None, parsed: ParsedResponse) -> bool:
    """Rule `late-no-recorded`: a decline or withdrawal after the window closed, from a home
    with no offer or interest standing, is recorded and acknowledged but never sent to the
    social worker: the home was not an option, so nothing changes for her. One that takes
    back an offer or interest she could still choose is forwarded."""
    return parsed.decision in ("decline", "withdrawn") and (
        earlier is None or earlier.decision not in ("offer", "interested"))


def no_reason_asked(parsed: ParsedResponse) -> ParsedResponse:
    """Rule `decline-needs-no-reason`: a decline that gives no reason ("Not this one,
    thanks", "No thanks") is a whole answer, recorded with its reason not given, never
    chased for one: the referral email tells the home a sentence is fine if it declines.
    The form still has the reason among a decline's details (`broker parse-response` lists
    it as missing); the home may still give one, which then amends its answer."""
    if parsed.decision != "decline" or "decline_reason" not in parsed.missing:
        return parsed
    return replace(parsed, missing=[key for key in parsed.missing if key != "decline_reason"])


def with_late_option(snapshot: Snapshot, stored: ResponseRecord) -> Snapshot:
    """Rule: a late offer or interest, before the approval, is an option like the others.
    A home with no letter yet is added to the stored comparison under the next one
    (broker/comparison.py `late_row`), so the shortlist page, the family's summary and a
    SHORTLIST naming it all know it; a home with a letter keeps it."""
    from broker.comparison import ResponseIn, late_row, row_json
    from workflows.needed import latest_start
    from workflows.year_cost import first_year_price  # the price the close scored on

    referral, recipient = snapshot.referral, snapshot.recipients.get(stored.establishment)
    row = late_row(ResponseIn(stored.establishment,
                              dict(stored.fields) | {"decision": stored.decision}, True,
                              recipient.arrangement_key if recipient else ""),
                   [dict(r) for r in referral.comparison], snapshot.world.directory,
                   referral.anonymised.get("profile", {}).get("area"),
                   first_year_price,  # scored and timed as the others were
                   latest_start(referral.anonymised.get("profile", {}), snapshot.world.today),
                   snapshot.world.today)
    if row is None:
        return snapshot
    return snapshot.with_referral(comparison=(*referral.comparison, row_json(row)))


def late_option(snapshot: Snapshot, key: str) -> dict[str, Any]:
    """What the social worker can do with a late answer: its option's letter, whether it
    was given for this late answer (its row is the late one), every letter there is, and the
    shortlist with the commissioners, if any (a SHORTLIST now replaces it)."""
    row = next((r for r in snapshot.referral.comparison if r.get("establishment") == key), {})
    round_ = snapshot.current_round
    return {"option": str(row.get("label") or ""), "new_option": bool(row.get("late")),
            "options": [str(r["label"]) for r in snapshot.referral.comparison],
            "with_commissioners": list(round_.labels) if round_ is not None
            and snapshot.state == State.AWAITING_APPROVAL and round_.outcome == "pending"
            else []}


def answer_by(snapshot: Snapshot, late: bool) -> dict[str, Any]:
    """By when a home asked for a missing detail should answer: the open window's close
    (`deadline`); or, its reply being late, when the window closed (`closed_at`), an answer
    then being late but still passed on, as a late reply is until the shortlist is
    approved. Neither after the approval: a shortlisted home has no window to answer in."""
    wave = snapshot.open_wave
    if snapshot.state == State.OPEN and wave is not None and wave.closes_at is not None:
        return {"deadline": wave.closes_at, "closed_at": None}
    if late:
        closed = [w.closed_at for w in snapshot.waves if w.closed_at is not None]
        return {"deadline": None, "closed_at": max(closed) if closed else None}
    return {"deadline": None, "closed_at": None}


def _papers_stopped(snapshot: Snapshot, key: str, parsed: ParsedResponse) -> list[Command]:
    """A shortlisted home that no longer offers, after the approval (a home chosen or not,
    the chosen one too), loses its link to the child's full papers at once: the papers name
    the child, and a home that has said no has no more need of them (the link forwarded or
    left in a browser would otherwise work on until it expired)."""
    from workflows.placement import NO_LONGER_OFFERED, shortlisted_options

    if snapshot.state not in AFTER_APPROVAL or parsed.decision not in NO_LONGER_OFFERED \
            or key not in {o.establishment for o in shortlisted_options(snapshot)}:
        return []
    return [RevokePapers(key), RecordEvent("papers-revoked", {
        "establishment": key, "why": "no longer offers"})]


def _kind_of_the_offer(snapshot: Snapshot, parsed: ParsedResponse, prose: str,
                       name: str) -> KindFinding | None:
    """The rule the kind of placement an offer names falls under (workflows/offer_kind.py),
    for the referral's placement type and the child's age; None for no offer, or no kind."""
    if parsed.decision not in ("offer", "interested") or not prose:
        return None
    profile = snapshot.referral.anonymised.get("profile", {})
    age = profile.get("age")
    own = about_this_home(own_words(prose), name, snapshot.world.response_spec)
    return kind_finding(kind_offered(own),
                        str(profile.get("placement_type") or ""),
                        age if isinstance(age, int) else None)


def for_some_of_them(parsed: ParsedResponse, sentence: str) -> ParsedResponse:
    """Rule `offer-for-some-children`: a sibling group's reply that offers for some of the
    children only, as interest flagged so in its proposal (the comparison shows it), with
    none of its fee, start or costs, which are not the group's: never an offer for the group,
    never a decline."""
    return replace(parsed, decision="interested", weekly_fee=None, fee_per_child=None,
                   fee_parts=(), available_from=None, additional_costs=None,
                   decline_reason=None, missing=[],
                   proposal=f"{SOME_CHILDREN_ONLY}: {provider_words(sentence, 300)}")


def answers_for_other_homes(prose: str, name: str, spec: Any) -> bool:
    """Whether the reply also answered for other homes (read only for this one, by
    broker/forms/other_homes.py): their answers are not recorded here, and the home is told."""
    return bool(prose) and about_this_home(prose, name, spec).strip() != prose.strip()


def other_referrals_answered(snapshot: Snapshot, event: ReplyReceived,
                             prose: str) -> list[dict[str, str]]:
    """Rule `other-referral-answered-here`: the other referrals of ours sent to this home
    that the reply also answered (each with the subject of our email about it), when what it
    said of them was not read here (broker/forms/other_referrals.py reads only this one's):
    the home is told to answer each on its own email, or that answer is lost (round 62
    t01-t05). A reference we never sent this home is not named back."""
    own = snapshot.reference
    if not own or not event.named:
        return []
    subjects = {reference.upper(): subject for reference, subject in event.named.items()}
    return [{"reference": reference, "subject": subjects[reference]}
            for reference in others_answered(prose, own) if subjects.get(reference)]


def _questions_to(snapshot: Snapshot) -> str:
    """Where a home's questions about the child go: the placements team of the referral's
    council (the service answers no questions about the child itself)."""
    authority = snapshot.authority
    return authority.placements_team if authority else ""


# Rule `questions-per-day`: emails of one home's questions about one referral to its
# placements team in a day (UTC). A home asks a few, once or twice; anyone holding its reply
# address could otherwise send the team an email a reply.
QUESTIONS_PER_DAY = 3
QUESTIONS_PER_REFERRAL_PER_DAY = 10  # over all its homes and its social worker


def questions_held_back(snapshot: Snapshot) -> bool:
    """Rule `questions-per-day`: whether the council has had, in the last 24 hours, as many
    emails of questions or words as it takes from this sender about this referral
    (`QUESTIONS_PER_DAY`), or from all its homes and its social worker together
    (`QUESTIONS_PER_REFERRAL_PER_DAY`: four homes of one provider, each at its own limit,
    would otherwise send the team twelve)."""
    return snapshot.questions_emails_today >= QUESTIONS_PER_DAY \
        or snapshot.referral_questions_emails_today >= QUESTIONS_PER_REFERRAL_PER_DAY


def question_digest(question: str) -> str:
    """A question's fingerprint, the same however it is spaced, cased or punctuated: the
    timeline keeps this, never the words (they may be about the child)."""
    words = " ".join(re.findall(r"\w+", question.casefold()))
    return hashlib.sha256(words.encode()).hexdigest()[:16]


def _questions_passed_on(snapshot: Snapshot, event: ReplyReceived, parsed: ParsedResponse,
                         name: str, prose: str) -> tuple[list[Command], dict[str, Any]]:
    """Rule: the questions a reply asks beside its decision ("We're interested. 1. Is she open
    to CAMHS at the moment?") go to the placements team, who alone answer questions about the
    child: one email, the home's words quoted (links and addresses out), whom to answer. None
    for a reply without a decision (it is asked for one and told where to ask), nor for
    automatic mail. A question this home's replies passed on before is not sent again; and
    rule `questions-per-day`: past `QUESTIONS_PER_DAY` such emails today about this referral
    and home, its new questions are held (recorded, not sent), and the home is told to write
    to the team itself; never questions about the child's safety (rule `safety-never-held`,
    workflows/safety.py), which are sent and not counted. Also what the home's answer says
    of them."""
    team = _questions_to(snapshot)
    said = {"questions_passed_on": 0, "questions_repeated": 0, "questions_held": 0,
            "questions_to": team, "questions_per_day": QUESTIONS_PER_DAY,
            "questions_not_passed_on": 0}
    if parsed.decision is None and prose and not event.reply.auto_submitted:
        # rule questions-need-a-decision: a reply that only asks is told plainly its
        # questions were not passed on, and where to send them (or to decide and ask)
        said["questions_not_passed_on"] = len(questions_asked(prose))
    if parsed.decision is None or not prose or not team:
        return [], said
    asked = questions_asked(prose)
    new = [q for q in asked if question_digest(q) not in snapshot.questions_before]
    said["questions_repeated"] = len(asked) - len(new)
    if not new:
        return [], said
    digests = [question_digest(q) for q in new]
    key = event.establishment
    safety = any(about_safety(q) for q in new)  # rule `safety-never-held`
    if safety and over_the_ceiling(snapshot):  # its own ceiling: recorded, the team told once
        said |= {"questions_held": len(new), "questions_per_day": SAFETY_PER_DAY}
        return held_over_the_ceiling(snapshot, key, name, digests), said
    if questions_held_back(snapshot) and not safety:
        said["questions_held"] = len(new)
        return [RecordEvent("questions-held", {"establishment": key, "questions": digests,
                                               "per_day": QUESTIONS_PER_DAY})], said
    said["questions_passed_on"] = len(new)
    reply = event.reply
    key_of = f"{snapshot.reference}:{key}:questions:{digest(event.key, reply)}"
    # the team's email (its key: the console reads the home's words there, never from the
    # timeline) and where the home is answered (channels/web/console/questions.py)
    record = {"establishment": key, "questions": digests, "email": key_of,
              "answer_to": reply.sender, "message_id": reply.message_id,
              # whether its From was proved: the answer goes to it only then
              # (workflows/question_answer.py, rule `answer-to-a-proved-contact`)
              "proved": event.actor.authenticated}
    context = {"reference": snapshot.reference, "establishment": name,
               "provider": reply.sender, "decision": parsed.decision,
               "questions": [provider_words(without_links(q, reply.sender)) for q in new]}
    # rule emergency-questions-to-the-referrer: an emergency's home asks at night, when the
    # team may be out and the referrer (the duty team, awake, knowing the child) is not
    referrer = snapshot.referral.referrer
    also = referrer if emergency(snapshot.referral.urgency) and referrer \
        and referrer.casefold() != team.casefold() else ""
    said["questions_also_to_referrer"] = bool(also)
    return [SendEmail(key=key_of, template="placements_team/provider_questions", to=team,
                      context={**context, "also_to": also}),
            *([SendEmail(key=f"{key_of}:referrer", template="placements_team/provider_questions",
                         to=also, context={**context, "to_referrer": True, "team": team})]
              if also else []),
            RecordEvent("questions-passed-on",
                        record | {"safety": True} if safety else record)], said


def _condition_alone_passed_on(earlier: ResponseRecord | None,
                               parsed: ParsedResponse) -> ParsedResponse:
    """A later reply that only adds a condition to the answer on record ("Confirmed, subject
    to our matching panel on 16 December") leaves the recorded proposal as it was: its words
    go to the social worker under rule `words-passed-on`, as a home's later words do. An
    answer the reply gives or changes keeps its condition (rule `offer-condition-kept`)."""
    if earlier is None or parsed.proposal == earlier.fields.get("proposal"):
        return parsed
    before = earlier.fields.get("proposal")
    kept = replace(parsed, proposal=before)
    if (earlier.decision, dict(earlier.fields), earlier.missing) == (
            kept.decision or "", _json(kept), tuple(kept.missing)):
        return kept
    return parsed


def _changes_nothing(earlier: ResponseRecord | None, stored: ResponseRecord) -> bool:
    """Whether the home's answer reads exactly as it did before this reply (its decision,
    every field, and what is still missing): the home has had our answer to it already."""
    return earlier is not None and (earlier.decision, dict(earlier.fields), earlier.missing) \
        == (stored.decision, dict(stored.fields), stored.missing)


# A Date this far after our own clock is a sender's clock running ahead, not a time written
# (a reply is read within moments of arriving): believed, it would make the home's genuine
# later answers look older until its clock came round.
_CLOCK_AHEAD = timedelta(minutes=5)


def written_at(snapshot: Snapshot, reply: Reply) -> datetime | None:
    """When the reply was written, by its Date header; None without one, or with one more
    than a few minutes ahead of our clock (a device whose clock runs fast must not make the
    home's later answers from other devices look older)."""
    if reply.sent_at is None or reply.sent_at.tzinfo is None \
            or reply.sent_at > snapshot.world.now + _CLOCK_AHEAD:
        return None
    return reply.sent_at


def _written_before_the_current(snapshot: Snapshot, event: ReplyReceived,
                                own: ParsedResponse, earlier: ResponseRecord,
                                current_written: datetime, written: datetime,
                                late: bool) -> Decision:
    """An answer written before the home's current one that reached us after it (a relay
    held it, a phone sent it when it found a signal): kept as history, never made current,
    so the home's later word stands. The sender is told which answer stands, and that
    sending this one again makes it the answer."""
    reply, key = event.reply, event.establishment
    commands: list[Command] = [
        RecordResponse(key, reply.sender, event.inbound_id, own.decision or "",
                       dict(reply.fields), _json(own), tuple(own.missing), late,
                       sent_at=written, current=False),
        RecordEvent("response-written-earlier", {
            "establishment": key, "decision": own.decision, "written": written.isoformat(),
            "current_written": current_written.isoformat()})]
    if not reply.auto_submitted:
        describe = snapshot.world.describe_date
        commands.append(_to_provider(snapshot, event, "written_earlier", {
            "establishment": _name(snapshot, key), "written": written.isoformat(),
            "current_written": current_written.isoformat(),
            "this_summary": summary(own, describe),
            "current_summary": summary(_parsed(earlier), describe)}))
    return accepted(snapshot, commands, "response-written-earlier",
                    "answer-written-before-the-current-one")


def _parsed(record: ResponseRecord) -> ParsedResponse:
    """A stored response's fields (as `parse-response --json` gives them) read back."""
    fields = record.fields
    fee, start = fields.get("weekly_fee"), fields.get("available_from")
    return ParsedResponse(decision=record.decision or None,
                          service_name=fields.get("service_name"),
                          weekly_fee=Decimal(str(fee)) if fee is not None else None,
                          available_from=date.fromisoformat(start) if start else None,
                          decline_reason=fields.get("decline_reason"))


def _merged(earlier: ResponseRecord | None, new: dict[str, str],
            own: ParsedResponse) -> dict[str, str]:
    """Complete or amend the earlier reply unless this one makes its own decision. What the
    earlier reply said, on its form's lines or in prose ("We can offer from Monday 21
    December"), is kept as its form's lines would be for each term this reply does not give:
    a fee typed under our request for it completes that offer, and never replaces it with one
    that has no start. A term this reply does give, in prose as on a form line, is its own
    (rule `later-word-stands`): "Confirmed, but the fee would now be £5,300" under an earlier
    "Weekly fee: £4,900" is a fee of £5,300, and "we can no longer offer – but we could from
    11/01/2027" moves the earlier form's start; a fee only said to change later ("from April
    the fee will rise to £5,050") is no fee of the reply's, so the earlier one stands."""
    if earlier is None:
        return dict(new)
    still_offering = {earlier.decision, own.decision} <= {"offer", "interested"}
    if earlier.missing or own.decision is None or still_offering:
        kept = {key: value for key, value in earlier.raw_fields.items()
                if not _restated(key, own)}
        return {**kept, **_said_in_prose(earlier, own), **_parts_left(earlier, own), **new}
    return dict(new)


def _parts_left(earlier: ResponseRecord, own: ParsedResponse) -> dict[str, str]:
    """Rule `fee-parts-completed`: the earlier reply gave its fee in parts and was asked for
    the whole ("Fee £4900pw + £350 pw education (on-site school)"); this reply gives a fee and
    no additional costs. A fee equal to one part leaves the others as its additional costs, in
    the home's words ("Weekly fee: £4,900" keeps "£350 pw education (on-site school)"); one
    equal to their sum, or to neither, adds nothing (broker/forms/fee_parts.py)."""
    parts = parts_from_json(earlier.fields.get("fee_parts"))
    if not parts or own.weekly_fee is None or own.additional_costs is not None \
            or earlier.fields.get("weekly_fee") is not None:
        return {}
    rest = left_over(parts, own.weekly_fee)
    if not rest:
        return {}
    already = earlier.raw_fields.get("additional_costs") or earlier.fields.get("additional_costs")
    return {"additional_costs": "; ".join(part for part in (already, rest) if part)}


def _restated(key: str, own: ParsedResponse) -> bool:
    """Whether this reply gives the term itself, so the earlier form's line for it goes: its
    fee or start, or an offer over an earlier interest ("We can now offer …" after "Decision:
    Interested"). An interest after a form's offer ("Yes, still interested") keeps the offer,
    and the home's name is the reply address's when the prose names none."""
    if key == "decision":
        return own.decision == "offer"
    return key in ("weekly_fee", "available_from") and getattr(own, key) is not None


_KEPT_FROM_PROSE = ("decision", "service_name", "weekly_fee", "available_from")


def _said_in_prose(earlier: ResponseRecord, own: ParsedResponse) -> dict[str, str]:
    """The earlier reply's terms read from its prose, written as form lines, for each term this
    reply does not give."""
    kept: dict[str, str] = {}
    for key in _KEPT_FROM_PROSE:
        value = earlier.fields.get(key)
        if value in (None, "") or key in earlier.raw_fields or getattr(own, key) is not None:
            continue
        if key == "weekly_fee":
            kept[key] = f"£{Decimal(str(value)):,.2f}"
        elif key == "available_from":
            kept[key] = date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        else:
            kept[key] = str(value)
    return kept


# Words that qualify an answer even where they restate it: "… £4,850 from 14/12, subject to
# our matching panel", "… but the fee will rise in April".
_QUALIFIED = re.compile(r"\b(?:subject\s+to|provided|providing|depend(?:s|ing)?|pending|panel|"
                        r"condition(?:al|s)?|unless|except|but|however|although|though|rise|"
                        r"rises|increase[sd]?|uplift|review(?:ed)?|only\s+if|if)\b",
                        re.IGNORECASE)


def asks_us(prose: str) -> bool:
    """Whether the reply's own words ask us something, with or without a "?" ("Please confirm
    the start date is still 14/12 – our response is below.", "Can you send her care plan"):
    over its answer restated, they are passed on all the same (round 63 p01)."""
    return bool(_ASKS.search(own_words(prose)))


_ASKS = re.compile(r"\?|\b(?:please|pls|kindly)\s+(?:\w+\s+)?(?:confirm|advise|let\s+(?:us|me)|"
                   r"send|check|tell|clarify|call|ring|contact|update)\b|\b(?:can|could|would|"
                   r"will)\s+you\b|\b(?:let\s+(?:us|me)\s+know|we\s+need\s+to\s+know|"
                   r"(?:i|we)\s+would\s+like\s+to\s+know)\b", re.IGNORECASE)


def restates_its_answer(own: ParsedResponse, stored: ResponseRecord, prose: str) -> bool:
    """Whether the reply, read alone, gives the answer on record again with its terms (the
    same decision, and the same fee or start it names: a home's offer sent twice), and no
    word that qualifies it: its words are that answer, read already, not words beside it."""
    mine = _json(own)
    terms = [key for key in ("weekly_fee", "available_from", "decline_reason")
             if mine.get(key) is not None]
    # an offer restated says its terms again; a "no" says no again, with or without its reason
    return bool(own.decision) and own.decision == stored.decision \
        and (bool(terms) or own.decision not in ("offer", "interested")) \
        and all(mine[key] == stored.fields.get(key) for key in terms) \
        and not _QUALIFIED.search(prose)


def _json(parsed: ParsedResponse) -> dict[str, Any]:
    document = dict(response_to_json(parsed))
    document.pop("missing", None)
    if parsed.fee_parts:  # a fee in parts, asked: kept for the answer (`_parts_left`)
        document["fee_parts"] = parts_to_json(parsed.fee_parts)
    if parsed.fee_per_child is not None:  # the group's fee given per child: said so
        document["fee_per_child"] = f"{parsed.fee_per_child:.2f}"  # (placement.cost_lines)
    return document


def children_placed(snapshot: Snapshot) -> int | None:
    """How many children the referral places together, from its profile; None when it does
    not say (a fee given per child is then asked, never priced: rule
    fee-per-child-for-the-group)."""
    given = snapshot.referral.anonymised.get("profile", {}).get("siblings")
    try:
        return int(given) if given not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _name(snapshot: Snapshot, key: str) -> str:
    establishment = snapshot.world.directory.establishment(key)
    return establishment.name if establishment else snapshot.recipients[key].name


def digest(key: str, reply: Reply) -> str:
    source = key or reply.message_id or reply.body_text
    return hashlib.sha256(source.encode()).hexdigest()[:12]


def unread_attachments(parsed: ParsedResponse, unread_files: tuple[str, ...]) -> str:
    """Rule `attachment-unread`: a reply with no decision read, and a file we cannot read
    (its answer on a PDF form, a scan), is told so after what we understood, as a referral
    sent so is: the file named, and how to answer instead (round 62 b11: "We could not tell
    from your reply whether you can offer a place", no word of its PDF). '' otherwise."""
    if parsed.decision is not None or not unread_files:
        return ""
    files = " and ".join(unread_files)
    one = len(unread_files) == 1
    return (f" We cannot read {'the attachment' if one else 'the attachments'} {files}, so "
            f"any answer in {'it' if one else 'them'} has not been read. Please put your "
            "answer in the email itself (for example \"Decision: offer\", \"Weekly fee: "
            "£4,900\" and \"Available from: 14/12/2026\" on lines of their own), or attach "
            "the form as a Word (.docx) file.")


def summary(parsed: ParsedResponse, describe_date: Callable[[date], str],
            confirmed: bool = False) -> str:
    """What we understood, in one sentence a placements officer can check at a glance;
    `confirmed`: an offer the home confirmed after the papers (rule `offer-confirmed`),
    said as its confirmation, so the home can tell it counted."""
    if parsed.decision == "offer":
        parts = [parsed.service_name or "your home"]
        if parsed.weekly_fee is not None:
            parts.append(f"£{parsed.weekly_fee:,.2f} a week".replace(".00 ", " "))
        if parsed.available_from:
            parts.append(f"from {describe_date(parsed.available_from)}")
        if parsed.additional_costs:
            parts.append(f"additional costs {provider_words(parsed.additional_costs)}")
        condition = condition_of(parsed.proposal)  # rule offer-condition-kept, in its words
        if condition:
            parts.append(provider_words(condition, CONDITIONS_QUOTED))
        return ("We have your confirmation: " if confirmed else "We have your offer: ") \
            + ", ".join(parts) + "."
    if parsed.decision == "interested":
        home = f" for {parsed.service_name}" if parsed.service_name else ""
        return f"We have your expression of interest{home}."
    if parsed.decision == "decline":  # without a reason, none is made up: it is asked for
        reason = (parsed.decline_reason or "").replace("-", " ")
        return f"We have your decline (reason: {reason})." if reason else \
            "We have your decline."
    if parsed.decision == "withdrawn":
        return "We have your withdrawal: your earlier response no longer stands."
    return "We could not tell from your reply whether you can offer a place."


def _later_fee_told(parsed: ParsedResponse) -> dict[str, str]:
    """Rule `fee-words-not-read-told` (broker/forms/fee_told.py): an offer's later fee that
    could not be read, in its words, and the line that would be read; {} with none."""
    if parsed.decision not in ("offer", "interested"):
        return {}
    words = later_fee_not_counted(parsed.weekly_fee, parsed.proposal or "",
                                  parsed.additional_costs or "")
    return {"later_fee_unread": words,
            "later_fee_example": stepped_example(parsed.weekly_fee, words)} if words else {}


def _written_not_read(key: str, fields: dict[str, str], parsed: ParsedResponse
                      ) -> dict[str, str]:
    """Rule `fee-words-not-read-told`: a field asked although the reply gave it, its words
    and why they could not be read ("Weekly fee: £4,900 for 12 weeks, then £4,600"), so the
    home is never asked as if it had written nothing; {} for a field not given."""
    written = (fields.get(key) or "").strip()
    if key not in parsed.unreadable or not written:
        return {}
    return {"written": written, "why": fee_not_read_why(written) if key == "weekly_fee"
            else ""}


def _to_provider(snapshot: Snapshot, event: ReplyReceived, template: str,
                 context: dict[str, Any]) -> SendEmail:
    reply, referral = event.reply, snapshot.referral
    what = {"response_ack": "ack", "missing_fields": "missing",
            "written_earlier": "earlier"}[template]
    return SendEmail(
        key=f"{referral.reference}:{event.establishment}:{what}:{digest(event.key, reply)}",
        template=f"provider/{template}", to=reply.sender,
        context={"reference": referral.reference, **context},
        reply_to=snapshot.world.reply_address(referral.id, event.establishment),
        in_reply_to=reply.message_id,
        references=(reply.message_id,) if reply.message_id else (),
        establishment=event.establishment)


def _fee_changed_after_approval(snapshot: Snapshot, key: str,
                                parsed: ParsedResponse) -> dict[str, Any] | None:
    """A shortlisted home's fee, after the approval, other than the one the commissioners
    approved: the two fees, and whether choosing it at the new one needs a budget holder's
    sign-off (workflows/signoff.py), its additional costs where they add a one-off sum
    nobody approved (`one_off`). None when the fee is not given, or unchanged and nothing
    more is asked."""
    from workflows.placement import approved_costs, options
    from workflows.signoff import (
        approved_fee,
        extra_weekly,
        one_off_added,
        risen_since_approval,
    )

    option = next((o for o in options(snapshot) if o.establishment == key), None)
    if snapshot.state not in AFTER_APPROVAL or option is None or parsed.weekly_fee is None:
        return None
    approved = approved_fee(option)
    extra = parsed.additional_costs or ""
    more = extra_weekly(extra)
    total = parsed.weekly_fee + more if more is not None else None
    one_off = one_off_added(snapshot, option, extra)  # "£40,000 set-up fee": not weekly,
    # still money nobody approved
    needs_sign_off = risen_since_approval(snapshot, option, parsed.weekly_fee, total, extra,
                                          parsed.proposal or "") or one_off
    if approved == parsed.weekly_fee and not needs_sign_off:
        return None  # (the same fee, with costs added after approval, still needs sign-off)
    return {"establishment": key,
            "approved_fee": f"{approved:.2f}" if approved is not None else "",
            "weekly_fee": f"{parsed.weekly_fee:.2f}",
            "costs_only": approved == parsed.weekly_fee,
            "one_off": extra if one_off else "",
            # the costs approved and now, for the timeline ("“none” → “£40,000 set-up fee”")
            "approved_costs": approved_costs(snapshot, option), "additional_costs": extra,
            "needs_sign_off": needs_sign_off}


def _to_social_worker(snapshot: Snapshot, event: ReplyReceived, parsed: ParsedResponse,
                      name: str, late: bool, changed: dict[str, Any] | None = None,
                      earlier: ResponseRecord | None = None, fallback: bool = False
                      ) -> SendEmail:
    """A late answer, or a shortlisted home's changed one after the approval, forwarded:
    with the fee approved against the new one when the fee has changed, a withdrawal in
    its own words with what is left on the shortlist, a start moved with the day before;
    a shortlisted home's answer, what changed field by field, and whether it only confirms
    its offer (`confirms_its_offer`)."""
    referral, describe = snapshot.referral, whole_day  # her emails: the weekday and year
    before = {**earlier.fields, "decision": earlier.decision} if earlier is not None else None
    what_changed = changes_since(before, _json(parsed), describe) if before else []
    shown = details(parsed, describe, _parsed(earlier) if earlier is not None else None)
    if parsed.decision == "offer" and not what_changed:  # the fee and start are said above
        shown = [d for d in shown if d[0] not in ("Weekly fee", "Available from")]
    context = {"reference": referral.reference, "establishment": name, "late": late,
               "changes": what_changed,
               "confirmed": not late and before is not None
               and confirms_its_offer(what_changed, parsed, changed),
               "said": said_by_the_home(parsed, describe),
               "details": shown,
               "response": response_to_json(parsed), "fee_changed": changed,
               "start_after_needed": _start_after_needed(snapshot, parsed),
               "needed_now": needed_now(referral.anonymised.get("profile", {}),
                                        snapshot.world.today)}
    if fallback:  # after the approval: beside the shortlist, not an option to shortlist
        context |= {"fallback": True, "shortlist": still_offering(snapshot),
                    "home_chosen": _name(snapshot, snapshot.referral.chosen)
                    if snapshot.state == State.NEGOTIATING and snapshot.referral.chosen else ""}
    elif late:
        context |= late_option(snapshot, event.establishment)
    if not late and parsed.decision in ("withdrawn", "decline"):
        context |= withdrawn_from_shortlist(snapshot, event)
    return SendEmail(
        key=f"{referral.reference}:{event.establishment}:late:{digest(event.key, event.reply)}",
        template="social_worker/late_response", to=referral.referrer, context=context,
        establishment=event.establishment)  # counted with the home's other replies' answers


# What a shortlisted home's answer turns on: a change to one of these is a changed answer;
# to any other (its additional costs, its words, its location) a confirmation with changes,
# unless it needs a budget holder's sign-off (additional costs risen, weekly or a one-off sum
# added: `fee_changed`).
TERMS = ("decision", "weekly_fee", "available_from")
_CHANGE_LABELS = (("decision", "Decision"), ("weekly_fee", "Weekly fee"),
                  ("available_from", "Available from"), ("additional_costs", "Additional costs"),
                  ("ofsted_rating", "Ofsted rating"), ("location", "Location"),
                  ("proposal", "What the home says"))


def changes_since(before: Any, now: Any, describe_date: Callable[[date], str]) -> list[
        dict[str, Any]]:
    """What changed between two stored answers (`response_to_json` shapes), field by field,
    each as it was and as it is now, in words ("none given" for nothing), and whether it is
    one of the `TERMS`. A field this answer leaves out is not a change."""
    def words(key: str, value: Any) -> str:
        if value in (None, ""):
            return "none given"
        if key == "weekly_fee":
            return f"{_pounds(Decimal(str(value)))} a week"
        if key == "available_from":
            return describe_date(date.fromisoformat(str(value)))
        if key in ("decision", "ofsted_rating"):
            return str(value).replace("-", " ")
        return provider_words(value, 160)

    found = []
    for key, label in _CHANGE_LABELS:
        was, is_now = before.get(key), now.get(key)
        if is_now in (None, "") and key != "decision":
            continue
        if words(key, was) != words(key, is_now):
            found.append({"label": label, "was": words(key, was), "now": words(key, is_now),
                          "term": key in TERMS})
    return found


def confirms_its_offer(what_changed: list[dict[str, Any]], parsed: ParsedResponse,
                       fee_changed: dict[str, Any] | None) -> bool:
    """Rule: a shortlisted home's answer that still offers at the same fee and start, and
    needs no budget holder's sign-off, confirms its offer (perhaps with minor changes); the
    social worker is told so, not that its answer has changed."""
    return parsed.decision == "offer" and fee_changed is None \
        and not any(change["term"] for change in what_changed)


def withdrawn_from_shortlist(snapshot: Snapshot, event: ReplyReceived) -> dict[str, Any]:
    """A shortlisted home that no longer offers, after the approval: the home's own words
    (quoted), the options still offering on the shortlist, for the social worker to choose
    from, and the home being negotiated with, when one has been chosen (the search goes on
    with it)."""
    from workflows.placement import options

    chosen = next((o.home for o in options(snapshot)
                   if o.establishment == snapshot.referral.chosen), "")
    return {"withdrawn": True, "in_its_words": provider_words(event.reply.body_text),
            "remaining": still_offering(snapshot, but=(event.establishment,
                                                       snapshot.referral.chosen)),
            "negotiating_with": chosen if snapshot.state == State.NEGOTIATING else ""}


def still_offering(snapshot: Snapshot, but: tuple[str, ...] = ()) -> list[str]:
    """The options on the approved shortlist whose current answer still offers ("B: Oak
    Lodge"), but those named: the homes the social worker may still CHOOSE."""
    from workflows.placement import NO_LONGER_OFFERED, shortlisted_options

    return [f"{o.label}: {o.home}" for o in shortlisted_options(snapshot)
            if o.establishment not in but
            and getattr(snapshot.responses.get(o.establishment), "decision", "")
            not in NO_LONGER_OFFERED]


def _start_after_needed(snapshot: Snapshot, parsed: ParsedResponse) -> str:
    """The day the place was asked for, in words, when the home's start is later than the
    place is needed (workflows/needed.py: once that day has passed, later than today)."""
    profile, today = snapshot.referral.anonymised.get("profile", {}), snapshot.world.today
    asked = needed_from(profile)
    if asked is None or not later_than_needed(parsed.available_from, profile, today):
        return ""
    return whole_day(asked)


def said_by_the_home(parsed: ParsedResponse, describe_date: Callable[[date], str]) -> str:
    """What the home said, for the council's people: "offered a place at £4,500 a week from
    Tuesday 1 December 2026"."""
    if parsed.decision == "offer":
        terms = [f"at {_pounds(parsed.weekly_fee)} a week" if parsed.weekly_fee else "",
                 f"from {describe_date(parsed.available_from)}" if parsed.available_from
                 else ""]
        return " ".join(["offered a place", *filter(None, terms)])
    if parsed.decision == "interested":
        return "is interested, and would like the full papers if it is shortlisted"
    if parsed.decision == "decline":
        return f"declined (reason: {(parsed.decline_reason or 'none given').replace('-', ' ')})"
    if parsed.decision == "withdrawn":
        return "withdrew its earlier answer"
    return "replied, but we could not tell whether it can offer a place"


def details(parsed: ParsedResponse, describe_date: Callable[[date], str],
            earlier: ParsedResponse | None = None) -> list[list[str]]:
    """The answer's other details, labelled in words, the home's own words quoted; a start
    that has moved since the `earlier` answer shows both ("1 December → 14 December")."""
    start = describe_date(parsed.available_from) if parsed.available_from else ""
    before = earlier.available_from if earlier is not None else None
    if start and before and before != parsed.available_from:
        start = f"{describe_date(before)} → {start}"
    shown = [
        ("Weekly fee", f"{_pounds(parsed.weekly_fee)} a week" if parsed.weekly_fee else ""),
        ("Available from", start),
        ("Ofsted rating", (parsed.ofsted_rating or "").replace("-", " ").capitalize()),
        ("Location", provider_words(parsed.location)),
        ("Additional costs", provider_words(parsed.additional_costs)),
        ("What the home says", provider_words(parsed.proposal)),
    ]
    return [[label, value] for label, value in shown if value]


def _pounds(amount: Decimal | None) -> str:
    return f"£{amount:,.2f}".replace(".00", "") if amount is not None else ""


def whole_day(day: date) -> str:
    """`Monday 21 December 2026`: a day as the social worker's emails give it."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def note(template: str, reply: Reply, key: str,
         context: dict[str, Any] | None = None) -> list[Command]:
    """A short answer to the sender; none to automatic mail or mail with no sender."""
    if not reply.sender or reply.auto_submitted:
        return []
    return [SendEmail(key=f"{template}:{digest(key, reply)}", template=template,
                      to=reply.sender, context=context or {}, in_reply_to=reply.message_id)]

"""The response window as pure decisions: chasers, a wave's close, and the placements
team's and social worker's one-line commands.

    open  chase due (the open wave)        → open    (chaser to its silent establishments)
    open  close due, an acceptable offer   → closed  (comparison to the social worker, team)
    open  close due, no acceptable offer   → open    (the cascade's next wave goes out)
                                           → closed  (no wave left: compare what there is)
    open  EXTEND <duration>                → open    (the wave's close and chasers move;
                                                      its silent homes told the new close)
    open  CLOSE                            → closed  (compare the responses now; the open
                                                      wave's silent homes told it closed)
    open  NEXT WAVE                        → open    (the next wave goes out now)
    open  LEVEL <reason>                   → open    (every remaining tier at once)

A deadline of a wave that has already closed (moved on by NEXT WAVE, or a chaser after
CLOSE) changes nothing. A chaser fired late, after downtime, is not sent when its window
closes before it could be acted on, or when a later chaser is also due (`chaser_too_late`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from broker.cascade import levelled
from broker.clock import uk_clock
from broker.comparison import ResponseIn, compare, held_out_said, row_json
from broker.settings import parse_duration
from broker.working_time import WorkingHours
from workflows.commands import (
    CancelDeadlines,
    Command,
    MoveDeadlines,
    PostSlack,
    RecordEvent,
    SendEmail,
)
from workflows.events import (
    Actor,
    DeadlineDue,
    DeadlineKind,
    Levelled,
    NextWave,
    WindowClosed,
    WindowExtended,
)
from workflows.her_words import extension_meant
from workflows.needed import (
    by_the_deadline,
    earlier_than_needed,
    later_than_needed,
    latest_start,
    needed_from,
    needed_now,
    no_later_than,
)
from workflows.option_costs import option_costs, pounds, proposal_and_condition
from workflows.people import referrer_named, who_acted
from workflows.snapshot import (
    Decision,
    Snapshot,
    WaveRecord,
    accepted,
    declined,
    has_answered,
    refused,
)
from workflows.states import State
from workflows.waves import (
    LEVELLED,
    open_next,
    remaining_specs,
    wave_chase_times,
    working_hours_for,
)
from workflows.year_cost import WEEKS_A_YEAR, first_year_price, year_of

ACCEPTABLE = "offer"  # a wave with a complete offer in it ends the cascade
MAX_WINDOW = timedelta(days=365)  # from now: repeated extensions never run off the calendar
REOPENED = "reopened by EXTEND after it closed with nothing to shortlist"


def chase_times(specs: list[str], start: datetime, end: datetime,
                hours: WorkingHours | None = None) -> list[datetime]:
    """`50%` = half-way through the window; `1h` = one hour before its end. Only times
    strictly inside the window are kept, in order. A window in working time (`hours`: a
    planned referral's, broker/working_time.py) is measured in working time, so its
    reminders fall within working hours too."""
    length = hours.between(start, end) if hours is not None else end - start
    times = []
    for spec in specs:
        spec = spec.strip()
        if spec.endswith("%"):
            offset = length * (float(spec[:-1]) / 100)
        else:
            offset = length - parse_duration(spec)
        if timedelta(0) < offset < length:
            times.append(hours.advance(start, offset) if hours is not None else start + offset)
    return sorted(set(times))


def on_deadline(snapshot: Snapshot, event: DeadlineDue) -> Decision:
    wave = snapshot.open_wave
    if snapshot.state != State.OPEN or wave is None or wave.number != event.wave:
        return declined(snapshot, [], "deadline-passed", "deadline-no-longer-applies",
                        "Nothing to do: the wave it belonged to has closed.")
    if event.kind == DeadlineKind.CHASE:
        if (why := chaser_too_late(snapshot, wave, event)) is not None:
            return declined(snapshot, [RecordEvent("chaser-skipped", {
                "wave": wave.number, "seq": event.seq, "why": why})],
                "chaser-skipped", why, "Nothing to do: this reminder would come too late.")
        if not chased(snapshot, wave):
            return declined(snapshot, [], "nobody-to-chase", "chaser-nobody-silent",
                            "Nothing to do: every provider of the wave has answered or is "
                            "paused, so no reminder is sent or recorded.")
        return accepted(snapshot, _chase(snapshot, wave, event.seq), "chased", "chaser-due")
    if event.due_at is not None and wave.closes_at is not None \
            and event.due_at < wave.closes_at:
        # a close set for a time since moved (an EXTEND), fired late by a replay: the window
        # closes when everyone was told it would
        return declined(snapshot, [], "deadline-moved", "deadline-since-extended",
                        "Nothing to do: the window was extended since this was set.")
    return _wave_closed(snapshot, wave, "window-ended", "its response window ended")


# A reminder with less than this left before the close could not be acted on (a placements
# officer reads it, checks the bed, asks the manager): it is not sent.
TOO_LATE_TO_CHASE = timedelta(minutes=15)
FIRED_LATE = timedelta(minutes=1)  # a deadline fires within milliseconds unless it was missed


def chaser_too_late(snapshot: Snapshot, wave: WaveRecord,
                    event: DeadlineDue) -> str | None:
    """Why a chaser fired late (after downtime: missed deadlines run in order on restart)
    is not sent: its window closes before a reminder could be acted on, or a later chaser of
    the same window is also already due (one reminder at a time, never two in a batch)."""
    now = snapshot.world.now
    if event.due_at is None or now - event.due_at < FIRED_LATE:
        return None  # on time: a chaser set close to the close (a short window) still goes
    if wave.closes_at is not None and now >= wave.closes_at - TOO_LATE_TO_CHASE:
        return "window-closes-before-it-could-be-acted-on"
    if wave.opened_at is not None and wave.closes_at is not None:
        later = wave_chase_times(snapshot, wave, wave.opened_at, wave.closes_at)[event.seq:]
        if any(t <= now for t in later):
            return "a-later-chaser-is-due"
    return None


def silent_homes(snapshot: Snapshot, wave: WaveRecord) -> list[Any]:
    """The wave's recipients that have not answered (no decision read from them yet)."""
    answered = {key for key, r in snapshot.responses.items() if has_answered(r)}
    return [r for r in snapshot.recipients.values()
            if r.wave == wave.number and r.establishment not in answered]


def receiving(snapshot: Snapshot, establishment: str) -> bool:
    """Rule `paused-not-chased`: whether a home sent the referral is still taking referrals:
    one its provider has paused (PAUSE to providers@) or the consortium suspended since is
    sent no more reminders and no closing note about the referrals it already has (a
    withdrawal's recall still reaches it). A home the directory no longer lists is."""
    home = snapshot.world.directory.establishment(establishment)
    return home is None or (not home.paused and home.status == "active")


def still_awaited(snapshot: Snapshot, wave: WaveRecord) -> list[Any]:
    """The wave's silent homes still taking referrals (`receiving`): those its reminders and
    its news (a window extended, reopened or closed early) go to. A home paused or suspended
    since it was sent the referral is written to about it no more (rule paused-not-chased)."""
    return [s for s in silent_homes(snapshot, wave) if receiving(snapshot, s.establishment)]


def homes_told_of_change(snapshot: Snapshot, wave: WaveRecord, action: str,
                         deadline: datetime, key: str) -> list[SendEmail]:
    """The silent homes of the open wave told, in a line, that its window was extended
    (`action` "extend": it now closes at `deadline`) or closed early (`action` "close", at
    `deadline`): they are the ones still working to it. A home that has answered has
    nothing left to do by then and is not written to, nor one paused or suspended since
    (`still_awaited`, as the reminders). One email per home per change."""
    referral, world = snapshot.referral, snapshot.world
    return [SendEmail(key=f"{referral.reference}:window-{action}:{key}:{s.establishment}",
                      template="provider/window_changed", to=s.contact,
                      reply_to=world.reply_address(referral.id, s.establishment),
                      establishment=s.establishment,
                      follows=f"{referral.reference}:referral:{s.establishment}",
                      context={"reference": referral.reference, "establishment": s.name,
                               "action": action, "deadline": deadline})
            for s in still_awaited(snapshot, wave)]


def chased(snapshot: Snapshot, wave: WaveRecord) -> list[Any]:
    """Rule `chaser-nobody-silent`: whom a wave's reminder goes to, its silent homes still
    taking referrals; none, and the reminder is neither sent nor recorded (a timeline saying
    "Reminder 1 sent to the providers who had not answered" when every one had would be
    false)."""
    return still_awaited(snapshot, wave)


def _chase(snapshot: Snapshot, wave: WaveRecord, seq: int) -> list[Command]:
    silent = chased(snapshot, wave)
    of = (len(wave_chase_times(snapshot, wave, wave.opened_at, wave.closes_at))
          if wave.opened_at is not None and wave.closes_at is not None else None)
    return [RecordEvent("chased", {"wave": wave.number, "seq": seq, "of": of,
                                   "establishments": [s.establishment for s in silent]}),
            *(reminder(snapshot, wave, s, f"chase-{wave.number}-{seq}",
                       last=last_reminder(seq, of))
              for s in silent)]


def reminder(snapshot: Snapshot, wave: WaveRecord, recipient: Any, key: str, *,
             last: bool, **context: Any) -> SendEmail:
    """One reminder to a home that has not answered (provider/chaser), on the thread of the
    referral it was sent: a timed one (`_chase`) or one the team asked for (chase_now)."""
    referral, world = snapshot.referral, snapshot.world
    return SendEmail(key=f"{referral.reference}:{key}:{recipient.establishment}",
                     template="provider/chaser", to=recipient.contact,
                     reply_to=world.reply_address(referral.id, recipient.establishment),
                     establishment=recipient.establishment,
                     follows=f"{referral.reference}:referral:{recipient.establishment}",
                     context={"reference": referral.reference,
                              "establishment": recipient.name,
                              "deadline": wave.closes_at, "last": last, **context,
                              "profile": referral.anonymised.get("profile", {}),
                              **replied_undecided(snapshot, recipient.establishment)})


def replied_undecided(snapshot: Snapshot, establishment: str) -> dict[str, Any]:
    """Rule `chaser-says-what-we-have`: a home chased after a reply that gave no decision (a
    question alone, words we could not read as an answer) is told we have its reply, of the
    day it wrote it (UK time), but not yet its decision, never that we have had nothing."""
    record = snapshot.responses.get(establishment)
    if record is None or record.decision:
        return {}
    written = uk_clock(record.sent_at)[0].date().isoformat() if record.sent_at else ""
    return {"replied": True, "replied_on": written}


def last_reminder(seq: int, of: int | None) -> bool:
    """Rule: the window's last chaser (its `seq`, counted from 1, is the number of chasers
    the window has, or more once a shortened window has fewer) says it is the last, in its
    subject and first line: a home that let the first go by must not take the last for a
    copy of it. A single chaser is the last too."""
    return of is not None and seq >= of


def has_acceptable_offer(snapshot: Snapshot) -> bool:
    return any(r.decision == ACCEPTABLE and not r.missing for r in snapshot.responses.values())


def _wave_closed(snapshot: Snapshot, wave: WaveRecord, rule: str, why: str) -> Decision:
    """The open wave has ended: compare if an offer came, else go on down the cascade."""
    if has_acceptable_offer(snapshot):
        return close_referral(_end_wave(snapshot, wave, "offer", why), "acceptable-offer")
    ended = _end_wave(snapshot, wave, "no-acceptable-offer", why)
    opened = open_next(ended, f"wave {wave.number} closed with no acceptable offer")
    if opened.wave is None:
        return close_referral(opened.snapshot, "no-wave-left", opened.commands)
    return accepted(opened.snapshot, [*opened.commands, *_told_of_wave(opened.snapshot,
                                                                       opened.wave)],
                    "next-wave", rule)


def _end_wave(snapshot: Snapshot, wave: WaveRecord, outcome: str, why: str) -> Snapshot:
    return snapshot.with_wave(replace(wave, closed_at=snapshot.world.now, outcome=outcome,
                                      outcome_reason=why))


def _told_of_wave(snapshot: Snapshot, wave: WaveRecord) -> list[SendEmail]:
    referral = snapshot.referral
    return [SendEmail(
        key=f"{referral.reference}:wave-{wave.number}", template="social_worker/wave_opened",
        to=referral.referrer, thread=True,
        context={"reference": referral.reference, "wave": wave.number, "name": wave.name,
                 "because": wave.opened_because, "providers": wave.providers,
                 "deadline": wave.closes_at})]


def close_referral(snapshot: Snapshot, rule: str,
                   before: tuple[Command, ...] | list[Command] = ()) -> Decision:
    """Stop waiting: the comparison of every current response, labelled A, B, C …"""
    world, referral = snapshot.world, snapshot.referral
    wave = snapshot.open_wave
    if wave is not None:
        snapshot = _end_wave(snapshot, wave, "closed-early", "the search was closed")
    profile = referral.anonymised.get("profile", {})
    recipients = snapshot.recipients
    comparison = compare(
        [ResponseIn(r.establishment, dict(r.fields) | {"decision": r.decision}, r.late,
                    recipients[r.establishment].arrangement_key
                    if r.establishment in recipients else "")
         for r in snapshot.responses.values() if r.decision],
        world.directory, profile.get("area"), len(recipients), first_year_price,
        latest_start(profile, world.today), world.today)  # rule start-in-time-ranked-first
    closed_at = world.now
    snapshot = snapshot.with_referral(state=State.CLOSED,
                                      comparison=tuple(row_json(r) for r in comparison.rows))
    authority = snapshot.authority
    team = authority.placements_team if authority else referral.referrer
    links = {to: world.link("shortlist", referral.id, to, closed_at + world.shortlist_ttl)
             for to in (referral.referrer, team)}  # each its own: a submission is the holder's
    # the plain summary for the family, under a link of its own that opens nothing else: the
    # one to share, so the page's own link need never leave the inbox it was sent to
    summaries = {to: world.link("summary", referral.id, to, closed_at + world.shortlist_ttl)
                 for to in (referral.referrer, team)}
    return accepted(snapshot, [*before, CancelDeadlines(), *_comparison(
        snapshot, comparison, team, profile, closed_at, links, summaries)], "closed", rule)


def _comparison(snapshot: Snapshot, comparison: Any, team: str, profile: dict[str, Any],
                closed_at: datetime, links: dict[str, str],
                summaries: dict[str, str]) -> list[Command]:
    reference, referrer = snapshot.reference, snapshot.referral.referrer
    today = snapshot.world.today
    from workflows.placement import budget_weekly  # it imports modules this one imports

    budget = budget_weekly(snapshot)
    context = {"reference": reference, "comparison": comparison, "profile": profile,
               "deadline": closed_at, "shortlist_link": links[referrer],
               "summary_link": summaries[referrer],
               # rules comparison-adds-up-extras and condition-on-its-own-line
               "options": {r.label: _option_facts(r, budget) for r in comparison.rows},
               "budget": pounds(Decimal(budget)) if budget else "",
               # rule price-scored-on-the-first-year: what the ranking's price counts
               "price_basis": price_basis(comparison.rows),
               "referrer_name": referrer_named(snapshot.referral),
               # rule empty-close-out-of-hours: who can act on an empty close, and when
               "team_back": team_back_at(snapshot, team, closed_at) if not comparison.rows
               else None,
               "extend": extension_fitting(snapshot.waves[-1].window if snapshot.waves
                                           else None),
               # the approval request's flag, by the same rule (workflows/needed.py)
               "needed_now": needed_now(profile, today),
               "later_than_needed": [r.label for r in comparison.rows if r.timing == "late"
                                     or later_than_needed(r.available_from, profile, today)],
               # a start after the ideal day but by the referral's deadline, in words
               "by_the_deadline": {r.label: said for r in comparison.rows if (
                   said := by_the_deadline(r.available_from, profile, today))},
               "no_later_than": no_later_than(profile),
               # the options ranked after a higher score for their start (rule
               # start-in-time-ranked-first)
               "ranked_on_start": any(r.timing in ("late", "not-given")
                                      for r in comparison.rows),
               "earlier_than_needed": [r.label for r in comparison.rows if earlier_than_needed(
                   r.available_from, profile, today)]}
    summary = {"offers": sum(1 for r in comparison.rows if r.decision == "offer"),
               "interested": sum(1 for r in comparison.rows if r.decision == "interested"),
               "declines": sum(count for _, count in comparison.declines),
               "no_reply": comparison.no_reply, "waves": len(snapshot.waves)}
    # a window reopened (rule extend-reopens-an-empty-close) compares again: its own emails
    last = snapshot.waves[-1] if snapshot.waves else None
    again = f":{last.opened_at:%Y%m%dT%H%M%S}" if last is not None and last.opened_at \
        and last.opened_because == REOPENED else ""
    channel = snapshot.team_channel
    announce: list[Command] = [PostSlack(
        f"{reference}:announce:closed{again}", "announcement", channel,
        {"text": closed_note(reference, summary, comparison.held_out)})] if channel else []
    return [
        *announce,
        RecordEvent("closed", summary),
        SendEmail(key=f"{reference}:comparison{again}", template="social_worker/comparison",
                  to=referrer, context=context, thread=True),
        SendEmail(key=f"{reference}:comparison:team{again}", template="social_worker/comparison",
                  to=team, context={**context, "shortlist_link": links[team],
                                    "summary_link": summaries[team], "team_copy": True}),
    ]


def closed_note(reference: str, summary: dict[str, Any],
                held_out: list[tuple[str, str]]) -> str:
    """The team's Slack note of a close: its counts, and the homes held out of the comparison
    (rules `supported-accommodation-under-16`, `offer-of-another-kind`) with why, in the
    comparison email's words, so the counts add up to every home asked."""
    note = (f"{reference} closed: {summary['offers']} offer(s), {summary['interested']} "
            f"interested, {summary['declines']} decline(s), {summary['no_reply']} no reply")
    if held_out:
        note += f", {len(held_out)} left out of the options: {held_out_said(held_out)}"
    return note + "."


def team_back_at(snapshot: Snapshot, team: str, closed_at: datetime) -> datetime | None:
    """Rule `empty-close-out-of-hours`: a window closing with nothing to shortlist outside
    working hours (World.working_hours: 8:30pm on a Friday, 4am on a Sunday) reaches a
    referrer who is not the placements team (a duty team's worker, out of hours) when
    nobody there can widen the search: when they are next in (the next opening, "9:00am on
    Monday 14 December"), for her email to say so, with what she can do meanwhile (EXTEND,
    WITHDRAW), and for the team's copy to say it came out of hours. None within working
    hours, with no calendar, or when the referrer is the team itself."""
    hours = snapshot.world.working_hours
    if hours is None or not team or team.lower() == snapshot.referral.referrer.lower():
        return None
    return hours.next_opening(closed_at)


def price_basis(rows: list[Any]) -> str:
    """What the comparison's ranking scores price on, said where it is not simply 52 weeks of
    each fee (rule price-scored-on-the-first-year, workflows/year_cost.py): "price is scored
    on the first-year cost: …", and the options scored on their fee alone, their additional
    costs not being priced; "" where every first year is 52 weeks of the fee."""
    counted, alone, unread = False, [], []
    for row in rows:
        if row.weekly_fee is None:
            continue
        year = year_of(row.weekly_fee, row.additional_costs or "", row.words or row.proposal or "")
        if year.steps.unread:  # rule later-fee-flagged: not priced, ranked after the priced
            unread.append(row.label)
        elif year.first_year is None:
            alone.append(row.label)
        elif first_year_price(row_json(row)) != row.weekly_fee * WEEKS_A_YEAR:
            counted = True
    if not counted and not alone and not unread:
        return ""
    said = ("price is scored on the first-year cost: the fee for its weeks, the weekly "
            "additional costs for theirs and the one-off sums")
    if alone:
        said += (f"; {', '.join(alone)} {'is' if len(alone) == 1 else 'are'} scored on the "
                 "fee alone, the additional costs not being priced")
    if unread:
        said += (f"; {', '.join(unread)} {'is' if len(unread) == 1 else 'are'} not scored on "
                 "price and ranked after the priced options, a later fee stated in the reply "
                 "not being read")
    return said


def _option_facts(row: Any, budget: str | None) -> dict[str, Any]:
    """An option's cost lines and its condition, as the comparison shows them
    (workflows/option_costs.py)."""
    # a later fee is read from the whole reply, not the proposal's brief (rule later-fee-counted)
    costs = option_costs(row.weekly_fee, row.additional_costs, budget,
                         row.words or row.proposal or "")
    proposal, condition = proposal_and_condition(row.proposal)
    return {"weekly": costs.weekly, "first_year": costs.first_year, "budget": costs.budget,
            "one_off": costs.one_off,
            "over": costs.over, "proposal": proposal, "condition": condition}


# --- commands from the placements team and the social worker ----------------------------


def _moved_on(snapshot: Snapshot, shown: int | None, by_email: bool) -> str | None:
    """Why a CLOSE, EXTEND or NEXT WAVE cannot act: the wave its page showed, or its email
    replied about, has ended and another is open (a colleague's NEXT WAVE since, the same
    form posted twice, or the cascade going on), whose homes have only just been sent the
    referral."""
    wave = snapshot.open_wave
    if shown is None or wave is None or wave.number == shown:
        return None
    if by_email:
        return (f"The email you replied to was about wave {shown}, which has ended; wave "
                f"{wave.number} is open now. Nothing was changed: to close or extend wave "
                f"{wave.number}, reply to the email saying it has gone out.")
    return (f"The page showed wave {shown}, which has ended; wave {wave.number} is open now. "
            "Nothing was changed: look at the referral again.")


def on_extend(snapshot: Snapshot, event: WindowExtended) -> Decision:
    if snapshot.state == State.CLOSED:
        return _reopen(snapshot, event)
    wave = snapshot.open_wave
    if wave is None or wave.closes_at is None:
        return refused(snapshot, event, "There is no response window open to extend.")
    if (moved := _moved_on(snapshot, event.wave, event.actor.channel == "email")) is not None:
        return refused(snapshot, event, moved, "wave-moved-on")
    # a planned window is extended in working time, and to a working day
    hours = working_hours_for(snapshot, wave.window)
    if event.by is not None:
        closes = (hours.add(wave.closes_at, event.by) if hours is not None
                  else wave.closes_at + event.by)
    elif event.until is not None:  # EXTEND to Friday: on that day, at the time it closed at
        closes = datetime.combine(event.until, wave.closes_at.timetz())
        closes = hours.on_a_working_day(closes) if hours is not None else closes
    else:
        return declined(snapshot, [_told(snapshot, "window_command_unclear", {
                            "meant": extension_meant(event.said)}, event.key)],
                        "unclear", "extend-needs-a-duration",
                        "Give the extension as a duration, e.g. EXTEND 24h or EXTEND 2d, or "
                        "as a day, e.g. EXTEND to Friday.")
    if closes <= wave.closes_at:
        said = snapshot.world.describe_date
        return refused(snapshot, event, f"The window already closes on "
                       f"{said(wave.closes_at.date())}; {said(closes.date())} would not "
                       "extend it, so nothing was changed. To stop waiting sooner, reply CLOSE.",
                       "extension-not-later")
    if closes - snapshot.world.now > MAX_WINDOW:
        return refused(snapshot, event, "A response window can run for at most 365d from now; "
                       "give a shorter extension, e.g. EXTEND 2d.", "extension-too-long")
    chasers = wave_chase_times(snapshot, wave, wave.opened_at or closes, closes)
    moves = ((DeadlineKind.CLOSE, 0, closes),
             *((DeadlineKind.CHASE, n, t) for n, t in enumerate(chasers, start=1)))
    snapshot = snapshot.with_wave(replace(wave, closes_at=closes))
    return accepted(snapshot, [
        RecordEvent("extended", {"wave": wave.number, "deadline": closes.isoformat()}),
        MoveDeadlines(wave.number, moves),
        *_told_of_change(snapshot, event.actor, "window_changed", {
            "deadline": closes, "action": "extend", **_after_needed(snapshot, closes)},
            event.key),
        *homes_told_of_change(snapshot, wave, "extend", closes, event.key),
    ], "extended", "extend-by-request", f"The window now closes at {closes.isoformat()}.")


def extension_fitting(window: timedelta | None) -> str:
    """Rule `extend-fits-the-window`: the EXTEND an email suggests is in proportion to the
    window it would extend: `EXTEND 1h` for an emergency's 2 hours (not two days past the
    night the child needs a bed), `EXTEND 12h` under a day, `EXTEND 2d` for a day or more."""
    if window is not None and window < timedelta(hours=1):
        return "EXTEND 30m"
    if window is not None and window < timedelta(hours=6):
        return "EXTEND 1h"
    if window is not None and window < timedelta(hours=24):
        return "EXTEND 12h"
    return "EXTEND 2d"


def _reopen(snapshot: Snapshot, event: WindowExtended) -> Decision:
    """Rule `extend-reopens-an-empty-close`: a search whose window closed with nothing to
    shortlist (no offer, no interest, the comparison empty) is reopened by EXTEND, as giving
    providers more time is what a team does then: its last wave opens again until the new
    close (counted from now), its silent homes are told the new close (no further reminders:
    they had theirs), and the close compares everything again. A close with options to consider
    is not reopened: the options are shortlisted, or the search widened by the team."""
    wave = snapshot.waves[-1] if snapshot.waves else None
    if snapshot.referral.comparison or wave is None:
        return refused(snapshot, event, "The response window has closed and the comparison "
                       "has options to consider, so it cannot be extended: reply SHORTLIST "
                       "with the letters of the options to take forward, or ask your "
                       "placements team to widen the search.", "closed-with-options")
    now = snapshot.world.now
    hours = working_hours_for(snapshot, wave.window)
    if event.by is not None:
        closes = hours.add(now, event.by) if hours is not None else now + event.by
    elif event.until is not None:
        closes = datetime.combine(event.until, (wave.closes_at or now).timetz())
        closes = hours.on_a_working_day(closes) if hours is not None else closes
    else:
        return declined(snapshot, [_told(snapshot, "window_command_unclear", {
                            "meant": extension_meant(event.said)}, event.key)],
                        "unclear", "extend-needs-a-duration",
                        "Give the extension as a duration, e.g. EXTEND 24h or EXTEND 2d, or "
                        "as a day, e.g. EXTEND to Friday.")
    if closes <= now:
        return refused(snapshot, event, "That day has passed, so nothing was changed: give "
                       "the extension from now, e.g. EXTEND 2d.", "extension-not-later")
    if closes - now > MAX_WINDOW:
        return refused(snapshot, event, "A response window can run for at most 365d from now; "
                       "give a shorter extension, e.g. EXTEND 2d.", "extension-too-long")
    # the close only: its homes were reminded before it closed, and are told the new close
    moves = ((DeadlineKind.CLOSE, 0, closes),)
    reopened = replace(wave, opened_at=now, closes_at=closes, closed_at=None, outcome="",
                       outcome_reason="", opened_because=REOPENED)
    snapshot = snapshot.with_wave(reopened).with_referral(state=State.OPEN, comparison=())
    return accepted(snapshot, [
        RecordEvent("extended", {"wave": wave.number, "deadline": closes.isoformat(),
                                 "reopened": True}),
        MoveDeadlines(wave.number, moves, reopen=True),
        *_told_of_change(snapshot, event.actor, "window_changed", {
            "deadline": closes, "action": "extend", "reopened": True,
            **_after_needed(snapshot, closes)}, event.key),
        *homes_told_of_change(snapshot, reopened, "extend", closes, event.key),
    ], "extended", "extend-reopens-an-empty-close",
        f"The window is open again and closes at {closes.isoformat()}.")


def _after_needed(snapshot: Snapshot, closes: datetime) -> dict[str, Any]:
    """Whether a window extended now closes after the day the child needs the place: the
    social worker is told, since the search then ends when the place was due. A day already
    past is no such news, the extension did not carry the window past it: the place is needed
    now (workflows/needed.py), and she is reminded of that instead (`needed_now`)."""
    profile = snapshot.referral.anonymised.get("profile", {})
    asked = needed_from(profile)
    if asked is None:
        return {}
    if needed_now(profile, snapshot.world.today):
        return {"needed_from": asked.isoformat(), "needed_now": True, "after_needed": False}
    return {"needed_from": asked.isoformat(), "after_needed": closes.date() > asked}


def on_close(snapshot: Snapshot, event: WindowClosed) -> Decision:
    if (moved := _moved_on(snapshot, event.wave, event.actor.channel == "email")) is not None:
        return refused(snapshot, event, moved, "wave-moved-on")
    told = _told_of_change(snapshot, event.actor, "window_changed", {
        "deadline": snapshot.world.now, "action": "close"}, event.key,
        gets_the_comparison=True)
    wave = snapshot.open_wave
    if wave is not None:
        told += homes_told_of_change(snapshot, wave, "close", snapshot.world.now, event.key)
    return close_referral(snapshot, "closed-by-request", [RecordEvent("closed-early"), *told])


def on_next_wave(snapshot: Snapshot, event: NextWave) -> Decision:
    wave = snapshot.open_wave
    if (moved := _moved_on(snapshot, event.wave, event.actor.channel == "email")) is not None:
        return refused(snapshot, event, moved, "wave-moved-on")
    if wave is None or not remaining_specs(snapshot):
        return refused(snapshot, event, "There is no further wave in this referral's "
                       "cascade. Reply CLOSE to compare the responses now.")
    why = f"next wave asked for by {event.actor.address or event.actor.name}"
    if event.reason:
        why += f": {event.reason}"
    ended = _end_wave(snapshot, wave, "moved-on", why)
    opened = open_next(ended, why)
    if opened.wave is None:
        return refused(snapshot, event, "Every later wave's tiers are empty for this "
                       "referral. Reply CLOSE to compare the responses now.")
    told = _told_of_wave(opened.snapshot, opened.wave)
    return accepted(opened.snapshot, [*opened.commands, *told,
                                      *_copy_to_actor(opened.snapshot, event.actor, told[0])],
                    "next-wave", "next-wave-by-request")


def on_level(snapshot: Snapshot, event: Levelled) -> Decision:
    wave = snapshot.open_wave
    if not event.reason.strip():
        return refused(snapshot, event, "Give the reason for levelling, e.g. LEVEL no "
                       "in-house home can meet her needs.")
    if wave is None:
        return refused(snapshot, event, "There is no open wave to level.")
    why = f"levelled by {event.actor.address or event.actor.name}: {event.reason.strip()}"
    window = snapshot.world.window_for(snapshot.referral.urgency or "planned")
    spec = levelled(remaining_specs(snapshot), window)
    ended = _end_wave(snapshot, wave, "levelled", why)
    opened = open_next(ended, LEVELLED, [spec])
    if opened.wave is None:
        return refused(snapshot, event, "Every eligible provider already has this "
                       "referral: there is no one left to level to.")
    return accepted(opened.snapshot, [RecordEvent("levelled", {"reason": event.reason.strip()}),
                                      *opened.commands,
                                      *_told_of_wave(opened.snapshot, opened.wave)],
                    "levelled", "level-by-request")


def _told_of_change(snapshot: Snapshot, actor: Actor, template: str, context: dict[str, Any],
                    key: str, gets_the_comparison: bool = False) -> list[SendEmail]:
    """The social worker told of a change to her search, saying who made it when it was not
    she (`by`: "Maya Osei of the placements team"), and a copy for whoever made it."""
    authority = snapshot.world.directory.authority(snapshot.referral.authority)
    address = (actor.address or "").lower()
    by = "" if not address or address == snapshot.referral.referrer.lower() \
        else who_acted(actor, authority)
    told = _told(snapshot, template, {**context, "by": by}, key)
    # the team's own address has the comparison a close sends it: no copy on top
    team = authority.placements_team.lower() if authority else ""
    if gets_the_comparison and address == team:
        return [told]
    return [told, *_copy_to_actor(snapshot, actor, told)]


def _copy_to_actor(snapshot: Snapshot, actor: Actor, told: SendEmail) -> list[SendEmail]:
    """A copy of an email to the social worker for the person (not she) whose action it is
    about, so that they know it was done."""
    address = (actor.address or "").lower()
    if not address or address == snapshot.referral.referrer.lower():
        return []
    return [replace(told, key=f"{told.key}:copy", to=address, thread=False, context={
        **told.context, "copy": True,
        "social_worker": referrer_named(snapshot.referral)})]


def _told(snapshot: Snapshot, template: str, context: dict[str, Any], key: str) -> SendEmail:
    return SendEmail(key=f"{snapshot.reference}:{template}:{key}",
                     template=f"social_worker/{template}", to=snapshot.referral.referrer,
                     context={"reference": snapshot.reference, **context})

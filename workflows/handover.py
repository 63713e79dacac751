"""The day team's morning handover: what happened to each council's referrals while its
placements team was out (rule `morning-handover`).

An emergency often starts at night or at a weekend: a duty team refers a child at 2am on
Sunday, homes answer, an approval is asked for. At the start of each working period (the
next opening of `BROKER_WORKING_HOURS` after the close before it: 9:00am each working day,
Tuesday's after a bank holiday Monday, broker/working_time.py), each council's placements
team gets ONE email listing each of its referrals with something on its timeline since the
end of the last working period: received, sent to homes, offers and declines counted,
questions from homes passed on, an approval waiting and who must give it, a window closed
with nothing to shortlist, a placement approved, with what needs the team now and the
referral's page in the console. A council with nothing out of hours gets nothing. The email
says no more than the team's other emails do: the reference, the search's words (urgency),
counts, and the council's own commissioners and budget holders.

Pure: the adapter (workflows/handover_job.py) hands `decide_handover` the timeline entries
of the out-of-hours period and the directory's councils, and carries out its commands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from broker.clock import uk_words
from broker.working_time import WorkingHours
from workflows.commands import SendEmail
from workflows.states import State

RULE = "morning-handover"
TEMPLATE = "placements_team/handover"


@dataclass(frozen=True)
class Entry:
    """One timeline entry of a referral (`referral_event`: its kind and data)."""

    kind: str
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Activity:
    """One referral's out-of-hours timeline, with where it stands now."""

    reference: str
    authority: str  # its council's key
    state: str  # workflows.states.State's value now
    urgency: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Council:
    """What the handover needs of a council: its name, its placements team's address, and
    who approves (`commissioners`) and signs off (`budget_holders`) its spend."""

    name: str
    team: str
    commissioners: tuple[str, ...] = ()
    budget_holders: tuple[str, ...] = ()


# --- when -------------------------------------------------------------------------------


def next_handover(hours: WorkingHours, now: datetime) -> datetime:
    """The start of the next working period after `now`: the next opening, or, within
    working hours, the next working day's (a moment at an opening is within the hours, so
    the handover due at 9:00am plans the next one for the next working day)."""
    opening = hours.next_opening(now)
    if opening is not None:
        return opening
    local = now.astimezone(hours.zone)
    closes = datetime.combine(local.date(), hours.closes, hours.zone)
    following = hours.next_opening(closes)
    assert following is not None  # a close is never within the hours
    return following.astimezone(now.tzinfo)


def out_of_hours_since(hours: WorkingHours, opening: datetime) -> datetime:
    """The end of the last working period before `opening` (the close of the working day
    before it: Friday's 5:00pm for Monday's 9:00am, and for Tuesday's after a bank holiday
    Monday); a week before, should none be found in a year of closure days."""
    local = opening.astimezone(hours.zone)
    day = local.date()
    for _ in range(366):
        day -= timedelta(days=1)
        if hours.is_working_day(day):
            return datetime.combine(day, hours.closes, hours.zone).astimezone(opening.tzinfo)
    return opening - timedelta(days=7)


LOOK_BACK = timedelta(days=14)  # the furthest a late handover reaches back


def handover_since(hours: WorkingHours, opening: datetime, last: datetime | None) -> datetime:
    """Where the handover at `opening` starts: the close of the working day before it, or,
    when the last handover sent (`last`, its opening) was earlier than that day's (the
    service was down across an opening, and the late one planned the next from now), the
    close after that last one, so no night goes unreported; never more than LOOK_BACK."""
    since = out_of_hours_since(hours, opening)
    if last is not None and last < opening:
        since = min(since, out_of_hours_since(hours, next_handover(hours, last)))
    return max(since, opening - LOOK_BACK)


# --- what --------------------------------------------------------------------------------


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def what_happened(activity: Activity) -> list[str]:
    """The out-of-hours entries in words, in the order they happened (counts together)."""
    lines: list[str] = []
    decisions = [e for e in activity.entries if e.kind == "decision"]
    if any(e.data.get("from") == "new" for e in decisions):
        lines.append("received")
    # each wave's opening is recorded, and the first wave's broadcast says the same again
    homes = sum(int(e.data.get("providers") or 0) for e in activity.entries
                if e.kind == "wave-opened") or sum(
        int(e.data.get("providers") or 0) for e in activity.entries if e.kind == "broadcast")
    if homes:
        lines.append(f"sent to {_plural(homes, 'home')}")
    answers = [str(e.data.get("decision") or "") for e in activity.entries
               if e.kind == "response"]
    offers = sum(1 for a in answers if a == "offer")
    interested = sum(1 for a in answers if a == "interested")
    declines = sum(1 for a in answers if a == "decline")
    if answers:
        counted = [_plural(offers, "offer"), _plural(declines, "decline")]
        counted[1:1] = [f"{interested} interested"] if interested else []
        lines.append("homes answered: " + ", ".join(counted))
    questions = sum(len(e.data.get("questions") or ()) or 1 for e in waiting_questions(activity))
    if questions:
        lines.append(f"{_plural(questions, 'question')} from homes passed to you, "
                     "waiting for an answer")
    answered = sum(len(e.data.get("questions") or ()) or 1 for e in activity.entries
                   if e.kind == "question-answered" and e.data.get("asked"))
    if answered:
        lines.append(f"{_plural(answered, 'question')} from homes answered from the console")
    for entry in activity.entries:
        if entry.kind == "closed":
            options = int(entry.data.get("offers") or 0) + int(entry.data.get("interested") or 0)
            lines.append("window closed with nothing to shortlist" if not options else
                         f"window closed: {_plural(options, 'option')} to shortlist")
        elif entry.kind == "shortlisted":
            lines.append("shortlist sent to the commissioners for approval")
        elif entry.kind == "papers-released":
            lines.append("shortlist approved: the shortlisted homes have the full papers")
        elif entry.kind == "sign-off-requested":
            lines.append("a budget holder's sign-off asked for")
        elif entry.kind == "placed":
            lines.append("placement agreed: the agreement has been issued")
        elif entry.kind in ("withdrawn", "unmet"):
            lines.append("withdrawn" if entry.kind == "withdrawn" else "ended as unmet need")
    return lines or ["other activity on its timeline"]


def waiting_questions(activity: Activity) -> list[Entry]:
    """Rule `handover-counts-unanswered`: the homes' questions passed on in the period that
    no `question-answered` entry answered (an officer may answer from the console
    overnight: workflows/question_answer.py, which names the team's email it answers)."""
    answered = {str(e.data.get("email")) for e in activity.entries
                if e.kind == "question-answered" and e.data.get("email")}
    return [e for e in activity.entries if e.kind == "questions-passed-on"
            and not (e.data.get("email") and str(e.data.get("email")) in answered)]


def needs_now(activity: Activity, council: Council) -> str:
    """What the referral needs of the team this morning, by where it stands now."""
    kinds = {e.kind for e in activity.entries}
    state = activity.state
    asked = bool(waiting_questions(activity))
    waiting: dict[str, str] = {
        State.HELD: "check the anonymised referral and SEND it, or WITHDRAW it",
        State.INCOMPLETE: "nothing unless the referrer needs help: she has been asked for "
                      "corrections to the form",
        State.UNMATCHED: "no home was eligible: widen the search or end it (UNMET)",
        State.AWAITING_APPROVAL: "the shortlist's approval is waiting for the commissioners"
                             + (f" ({_and(council.commissioners)})"
                                if council.commissioners else ""),
        State.APPROVED: "send CHOOSE once a shortlisted home has confirmed its offer",
        State.NEGOTIATING: "agree the fee with the chosen home",
    }
    if state == State.CLOSED:
        last = [e for e in activity.entries if e.kind == "closed"]
        empty = last and not (int(last[-1].data.get("offers") or 0)
                              + int(last[-1].data.get("interested") or 0))
        need = ("the window closed with nothing to shortlist: widen the search (EXTEND, "
                "NEXT WAVE) or end it (UNMET)" if empty else
                "shortlist from the comparison")
    elif state in waiting:
        need = waiting[state]
    elif state == State.OPEN:
        need = "nothing yet: homes are answering"
    else:
        need = "nothing"
    if "sign-off-requested" in kinds and "signed-off" not in kinds \
            and "sign-off-refused" not in kinds:
        who = f" ({_and(council.budget_holders)})" if council.budget_holders else ""
        need += f"; a budget holder's sign-off is waiting{who}"
    if asked:
        need = "answer the homes' questions; " + need if need != "nothing" else \
            "answer the homes' questions"
    return need


def decide_handover(opening: datetime, since: datetime, activities: Iterable[Activity],
                    councils: Mapping[str, Council], console_url: str) -> list[SendEmail]:
    """Rule `morning-handover`: one email to each council's placements team listing its
    referrals with timeline entries between `since` (the end of the last working period)
    and `opening` (the start of this one), each with what happened, what it needs of the
    team now and its console page; none to a council with nothing, or with no team address.
    Keyed by council and period, so a restart or a second instance never sends it twice."""
    by_council: dict[str, list[Activity]] = {}
    for activity in activities:
        if activity.entries and activity.reference:
            by_council.setdefault(activity.authority, []).append(activity)
    base = console_url.rstrip("/")
    commands: list[SendEmail] = []
    for key in sorted(by_council):
        council = councils.get(key)
        if council is None or not council.team:
            continue
        referrals = [{
            "reference": a.reference, "urgency": a.urgency or "planned",
            "happened": what_happened(a), "needs": needs_now(a, council),
            "link": f"{base}/console/referrals/{a.reference}"}
            for a in sorted(by_council[key], key=lambda a: a.reference)]
        commands.append(SendEmail(
            key=f"handover:{key}:{opening.astimezone(UTC):%Y%m%dT%H%M}",
            template=TEMPLATE, to=council.team,
            context={"council": council.name, "referrals": referrals,
                     "since": uk_words(since, opening), "opening": uk_words(opening, opening)}))
    return commands


def councils_of(authorities: Iterable[Any]) -> dict[str, Council]:
    """The directory's authorities as the handover needs them."""
    return {a.key: Council(a.name, a.placements_team, tuple(a.commissioners),
                           tuple(a.budget_holders)) for a in authorities}


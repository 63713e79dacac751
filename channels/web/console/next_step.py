"""Who acts next on a referral, and how each home it went to stands. Pure.

Derived from the referral's state and the records the workflow already keeps (a referral's
`ReferralRecordSet`): the timeline's chasers, replies and papers release, the current
answers, the comparison, the shortlist rounds and commissioners' decisions, the fee rounds
and the emails to providers. The referral's page shows one line, "Waiting for: …", and
each recipient's answer; the console's Needs attention shows what is past its due time.

- held: the placements team to SEND it;
- open: the homes that have not answered, by the window's close (a home paused since is not
  waited for, nor chased: counted apart); then the social worker to SHORTLIST;
- closed: the social worker to SHORTLIST; with nothing on the comparison (`NO_OFFERS`, the
  same words in the referrals list, on the page and in Needs attention), the placements team
  to widen the search or end it as unmet need;
- awaiting approval: the commissioners who have not yet approved (and who has);
- approved: the shortlisted homes to confirm by the time their papers email gave them
  (`papers_confirm_by`), then the social worker to CHOOSE (CHOOSE another when the chosen
  home withdrew);
- negotiating: the chosen home to answer the authority's proposal, the social worker to
  answer the home's fee, a budget holder to sign off, or the team to read an unread reply;
- placed or over: nobody.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from broker.directory.live import paused_by_team
from channels.web.console.words import code_words, local, money, state_words
from workflows.agreement_rounds import UNREAD, WITHDREW
from workflows.people import name_from_address, referrer_named
from workflows.placement import papers_confirm_by
from workflows.signoff import AWAITING as AWAITING_SIGN_OFF
from workflows.snapshot import has_answered
from workflows.states import OVER, State

NO_OFFERS = "closed with no offers: nothing to shortlist"
# The emails that tell a home the search is closed to it (recalled, another home chosen,
# not shortlisted, thanked at the close, or answered that the referral is closed).
TOLD_CLOSED = frozenset({"provider/recalled", "provider/not_selected",
                         "provider/closed_with_thanks", "provider/referral_closed"})
NO_LONGER_OFFERING = frozenset({"decline", "withdrawn"})
NAMED_AT_MOST = 6  # homes named in the line; the rest counted


@dataclass(frozen=True)
class NextStep:
    """Who must act next, in words ("" once nobody must), by when, and whether that is past."""

    waiting_for: str
    due: datetime | None = None
    overdue: bool = False

    @property
    def line(self) -> str:
        return f"Waiting for: {self.waiting_for}." if self.waiting_for else \
            "Waiting for: nobody; the search has ended."


def standing_words(state: str, comparison: Any) -> str:
    """A referral's state in words, as the list, its page and Needs attention all say it:
    closed with nothing on the comparison is `NO_OFFERS`, not "waiting for the shortlist"."""
    if state == State.CLOSED and not comparison:
        return NO_OFFERS
    return state_words(state)


def _names(names: Iterable[str]) -> str:
    shown = list(names)
    if len(shown) > NAMED_AT_MOST:
        shown = [*shown[:NAMED_AT_MOST - 1], f"{len(shown) - NAMED_AT_MOST + 1} more"]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def home_answers(records: Any, paused: Mapping[str, str]) -> dict[str, str]:
    """Each recipient's answer in words, by establishment: "answered: offer", "answered:
    decline (too far)", "not answered, chased twice", with "; paused by its provider" and
    "; told the search closed" where they hold. `paused`: establishment → why (its standing
    in the directory today)."""
    chased = Counter(key for e in records.events if e.kind == "chased"
                     for key in (e.data or {}).get("establishments") or [])
    told = {s["establishment"] for s in records.sent if s["kind"] in TOLD_CLOSED}
    current = {r.establishment: r for r in records.current_responses}
    answers = {}
    for m in records.recipients:
        key, response = m.establishment, current.get(m.establishment)
        if response is not None and has_answered(response):
            reason = (response.fields or {}).get("decline_reason")
            words = f"answered: {code_words(response.decision).lower()}" \
                    f"{f' ({code_words(reason).lower()})' if reason else ''}" \
                    f"{' (late)' if response.late else ''}"
            if response.missing:
                words += f"; asked for {', '.join(response.missing).replace('_', ' ')}"
        elif response is not None:
            words = "replied without a decision; asked for one"
        else:
            words = "not answered" + (f", chased {_times(chased[key])}" if chased[key] else "")
        if paused.get(key):  # either pause leaves it out; say whose the standing one is
            words += ("; paused by the placements team" if paused_by_team(paused[key])
                      else "; paused by its provider")
        if key in told:
            words += "; told the search closed"
        answers[key] = words
    return answers


def _released(records: Any) -> tuple[int, Any] | None:
    found = [(n, e) for n, e in enumerate(records.events) if e.kind == "papers-released"]
    return found[-1] if found else None


def confirmations(records: Any, window: timedelta) -> tuple[list[str], datetime | None]:
    """The shortlisted homes still to confirm their offer having read the papers (no reply
    since the papers went, and still offering), and the time they were asked to by."""
    released = _released(records)
    if released is None:
        return [], None
    n, event = released
    data = event.data or {}
    expires = datetime.fromisoformat(data["expires"]) if data.get("expires") else \
        event.at + window
    # the time the homes were told (a planned window's in working time); counted again
    # from the window only for papers released before the event recorded it
    due = datetime.fromisoformat(data["confirm_by"]) if data.get("confirm_by") else \
        papers_confirm_by(event.at, window, expires)
    replied = {(e.data or {}).get("establishment") for e in records.events[n + 1:]
               if e.kind == "response"}
    current = {r.establishment: r.decision for r in records.current_responses}
    return [key for key in data.get("establishments") or []
            if key not in replied and current.get(key) not in NO_LONGER_OFFERING], due


def next_step(records: Any, *, now: datetime, window: timedelta,
              approvers: Iterable[str], needed: int, team: str,
              paused: Mapping[str, str] | None = None) -> NextStep:
    """Who must act next on this referral (see the module's list). `window`: the referral's
    response window (its urgency's); `approvers`: the commissioners who may approve;
    `needed`: how many approvals a round needs; `team`: the placements team's address;
    `paused`: establishment → why, for the homes paused today (not waited for)."""
    referral, names = records.referral, records.names
    state = referral.state
    worker = referrer_named(referral) or referral.referrer
    team_words = f"the placements team ({team})" if team else "the placements team"
    if state in OVER or state == State.UNMATCHED:
        return NextStep("")
    if state == State.INCOMPLETE:
        return NextStep(f"{worker} to send the corrections to the form")
    if state == State.HELD:
        return NextStep(f"{team_words} to SEND it to providers, or withdraw it")
    if state == State.OPEN:
        return _open(records, worker, now, paused or {})
    if state == State.CLOSED:
        if referral.comparison:
            return NextStep(f"{worker} to SHORTLIST")
        later = any(w.opened_at is None for w in records.waves)
        return NextStep(f"{team_words} and {worker}: {NO_OFFERS}; widen the search"
                        f"{' (send it to the next wave)' if later else ''}"
                        " or end it as unmet need")
    if state == State.AWAITING_APPROVAL:
        return _approval(records, approvers, needed, now)
    chosen = names.get(referral.chosen, referral.chosen)
    last = records.fee_rounds[-1] if records.fee_rounds else None
    if state == State.APPROVED:
        if last is not None and last.status == WITHDREW:
            return NextStep(f"{worker} to CHOOSE another shortlisted home (the chosen home "
                            "withdrew), or ask the commissioners")
        waiting, due = confirmations(records, window)
        if waiting and due is not None:
            return NextStep(f"{_names(names.get(k, k) for k in waiting)} to confirm by "
                            f"{local(due)}; then {worker} to CHOOSE", due, now > due)
        return NextStep(f"{worker} to CHOOSE")
    if state == State.NEGOTIATING and last is not None:
        if last.status == AWAITING_SIGN_OFF:
            return NextStep(f"a budget holder to sign off {money(last.weekly_fee)} "
                            f"with {chosen}")
        if last.status == UNREAD:
            return NextStep(f"{team_words} to read {chosen}'s latest reply, which could not "
                            "be read, and answer it")
        if last.by == "authority":
            return NextStep(f"{chosen} to agree the fee of {money(last.weekly_fee)}, "
                            "or answer it")
        if last.by == "provider":
            return NextStep(f"{worker} to AGREE {chosen}'s fee of {money(last.weekly_fee)}, "
                            "or propose another")
        return NextStep(f"{worker} to agree the fee with {chosen}")
    return NextStep(f"{worker} and {chosen or 'the chosen home'} to agree the fee")


def _open(records: Any, worker: str, now: datetime, paused: Mapping[str, str]) -> NextStep:
    """The open wave's silent homes, but for those paused since (rule paused-not-chased:
    they are neither chased nor waited for), counted apart."""
    opened = [w for w in records.waves if w.opened_at is not None and w.closed_at is None]
    wave = opened[-1] if opened else None
    answered = {r.establishment for r in records.current_responses if has_answered(r)}
    quiet = [m for m in records.recipients
             if wave is not None and m.wave == wave.number and m.establishment not in answered]
    silent = [m.establishment_name or m.establishment for m in quiet
              if not paused.get(m.establishment)]
    held = len(quiet) - len(silent)
    apart = (f" ({held} paused home{'s were' if held > 1 else ' was'} not chased)"
             if held else "")
    if wave is None or wave.closes_at is None:
        return NextStep(f"the providers to answer; then {worker} to SHORTLIST")
    if not silent:
        every = "every home has answered" if not held else "every home not paused has answered"
        return NextStep(f"the window to close at {local(wave.closes_at)} ({every}){apart}; "
                        f"then {worker} to SHORTLIST", wave.closes_at, now > wave.closes_at)
    return NextStep(f"{len(silent)} home{'s' if len(silent) > 1 else ''} to answer by "
                    f"{local(wave.closes_at)} ({_names(silent)}){apart}; then {worker} to "
                    "SHORTLIST", wave.closes_at, now > wave.closes_at)


def _approval(records: Any, approvers: Iterable[str], needed: int,
              now: datetime) -> NextStep:
    round_ = records.rounds[-1] if records.rounds else None
    number = round_.round if round_ is not None else None
    approved = [a.approver for a in records.approvals
                if a.round == number and a.decision == "approve"]
    yet = [a for a in approvers if a.lower() not in {x.lower() for x in approved}]
    more = max(needed - len(set(approved)), 1)
    who = _names(name_from_address(a) or a for a in yet) if yet else "a commissioner"
    line = (f"{more} more commissioners' approvals" if more > 1
            else "1 more commissioner's approval") + f" (not yet: {who}"
    if approved:
        line += f"; approved: {_names(name_from_address(a) or a for a in approved)}"
    line += ")"
    due = getattr(round_, "expires_at", None)
    if due is not None:
        line += f", by {local(due)}"
    return NextStep(line, due, now > due if due is not None else False)

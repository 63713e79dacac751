"""A list's window for new providers: one table of states and deadlines, and one pure
`decide`, plus the pure planning of the windows a schedule calls for.

    scheduled              the advert is due   → advertised (the advert to the mailing list)
    scheduled | advertised the window opens    → open       (the windows after it planned)
    open                   a reminder is due   → open       (a reminder to the mailing list)
    scheduled | advertised | open  it closes   → closed     (the windows after it planned)
    any other pair                             → unchanged  (ignored, with its rule)

Deadlines fire in order of their time, exactly once (workflows/deadlines.py), so a window
missed while the service was down catches up in order when it comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from broker.directory.model import Arrangement
from broker.directory.reopening import windows_after
from workflows.commands import PostSlack
from workflows.market.commands import CancelWindow, RecordMarketEvent, ScheduleWindow
from workflows.market.events import WindowDeadline, WindowDeadlineDue
from workflows.market.snapshot import Decided, WindowRecord, WindowSnapshot, accepted, declined
from workflows.market.snapshot import email as market_email
from workflows.market.states import WindowState

W, K = WindowState, WindowDeadline
TRANSITIONS: dict[WindowState, dict[WindowDeadline, WindowState]] = {
    W.SCHEDULED: {K.ADVERT: W.ADVERTISED, K.OPEN: W.OPEN, K.CLOSE: W.CLOSED},
    W.ADVERTISED: {K.OPEN: W.OPEN, K.CLOSE: W.CLOSED},
    W.OPEN: {K.REMIND: W.OPEN, K.CLOSE: W.CLOSED},
    W.CLOSED: {},
    W.CANCELLED: {},
}


def decide_window(snapshot: WindowSnapshot, event: WindowDeadlineDue) -> Decided:
    window = snapshot.window
    arrangement = snapshot.world.directory.arrangement(window.arrangement)
    target = TRANSITIONS[window.state].get(event.kind)
    if target is None or arrangement is None or arrangement.reopening is None:
        rule = (f"{event.kind}-when-{window.state}" if target is None
                else "list-no-longer-reopens")
        return declined(snapshot, [], "ignored", rule, "Nothing to do.")
    commands = STEPS[event.kind](snapshot, arrangement, event)
    after = WindowSnapshot(replace(window, state=target), snapshot.world)
    return accepted(after, commands, str(target), f"window-{event.kind}")


def _context(snapshot: WindowSnapshot, arrangement: Arrangement) -> dict[str, Any]:
    world, window = snapshot.world, snapshot.window
    directory = world.directory
    members = [directory.authority(key).name for key in arrangement.members
               if directory.authority(key) is not None]
    return {"list": arrangement.name, "kind": arrangement.kind, "lots": arrangement.lots,
            "members": members, "opens_at": window.opens_at, "closes_at": window.closes_at,
            "form": blank_form(world.application_spec, arrangement)}


def blank_form(spec: Any, arrangement: Arrangement) -> list[tuple[str, str]]:
    """The application form to copy: each label with the list filled in, or a hint."""
    rows = []
    for field in spec.fields:
        if field.key == "arrangement":
            rows.append((field.label, arrangement.name))
        elif field.key == "lots":
            rows.append((field.label, f"({' / '.join(arrangement.lots)})"))
        elif field.kind == "code":
            rows.append((field.label, f"({' / '.join(field.code_list)})"))
        else:
            rows.append((field.label, "" if field.kind == "codes" else f"({field.example})"
                         if field.example and field.kind != "text" else ""))
    return rows


def _to_mailing_list(snapshot: WindowSnapshot, arrangement: Arrangement, what: str,
                     context: dict[str, Any]) -> list[Any]:
    assert arrangement.reopening is not None
    window = snapshot.window
    return [market_email(snapshot.world, f"window:{window.id}:{what}:{address}",
                         f"prospective/list_{what.split('-')[0]}", address,
                         {**_context(snapshot, arrangement), **context})
            for address in arrangement.reopening.mailing_list]


def _advert(snapshot: WindowSnapshot, arrangement: Arrangement,
            event: WindowDeadlineDue) -> list[Any]:
    return [*_to_mailing_list(snapshot, arrangement, "advert", {}),
            RecordMarketEvent("list-window", str(snapshot.window.id), "advertised", {
                "arrangement": arrangement.key, "to": len(arrangement.reopening.mailing_list)
                if arrangement.reopening else 0})]


def _open(snapshot: WindowSnapshot, arrangement: Arrangement,
          event: WindowDeadlineDue) -> list[Any]:
    window, world = snapshot.window, snapshot.world
    commands = _advert(snapshot, arrangement, event) if window.state == W.SCHEDULED else []
    commands.append(RecordMarketEvent("list-window", str(window.id), "opened",
                                      {"arrangement": arrangement.key}))
    if world.team_channel:
        until = world.describe_date(window.closes_at.date())
        commands.append(PostSlack(f"window:{window.id}:opened", "announcement",
                                  world.team_channel, {"text": f"{arrangement.name} is open "
                                                               f"for applications until {until}."}))
    return commands + (plan_for(arrangement, world.now) if world.reopening else [])


def _remind(snapshot: WindowSnapshot, arrangement: Arrangement,
            event: WindowDeadlineDue) -> list[Any]:
    left = snapshot.window.closes_at - snapshot.world.now
    return [*_to_mailing_list(snapshot, arrangement, f"reminder-{event.seq}",
                              {"days_left": max(round(left.total_seconds() / 86400), 0)}),
            RecordMarketEvent("list-window", str(snapshot.window.id), "reminded",
                              {"seq": event.seq})]


def _close(snapshot: WindowSnapshot, arrangement: Arrangement,
           event: WindowDeadlineDue) -> list[Any]:
    return [RecordMarketEvent("list-window", str(snapshot.window.id), "closed",
                              {"arrangement": arrangement.key}),
            *(plan_for(arrangement, snapshot.world.now) if snapshot.world.reopening else [])]


STEPS: dict[WindowDeadline, Callable[[WindowSnapshot, Arrangement, WindowDeadlineDue],
                                     list[Any]]] = {
    K.ADVERT: _advert, K.OPEN: _open, K.REMIND: _remind, K.CLOSE: _close}


# --- planning -------------------------------------------------------------------------------


def plan_for(arrangement: Arrangement, now: datetime) -> list[Any]:
    """The windows still to come of one list's schedule: the one open now (if any) and
    the next (planning one already planned changes nothing)."""
    if arrangement.reopening is None:
        return []
    return [ScheduleWindow(arrangement.key, plan)
            for plan in windows_after(arrangement.reopening, now, 2)]


def plan_windows(arrangements: Iterable[Arrangement], planned: Iterable[WindowRecord],
                 now: datetime) -> list[Any]:
    """Every list's coming windows, and the planned windows (nothing sent yet) that its
    schedule no longer has: those are cancelled."""
    commands: list[Any] = []
    wanted: dict[str, set[datetime]] = {}
    for arrangement in arrangements:
        schedule = plan_for(arrangement, now)
        wanted[arrangement.key] = {c.plan.opens_at for c in schedule}
        commands += schedule
    for window in planned:
        if window.state == W.SCHEDULED and window.opens_at not in wanted.get(
                window.arrangement, set()):
            commands.append(CancelWindow(window.id))
    return commands

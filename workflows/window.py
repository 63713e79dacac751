"""The response window as pure decisions: chasers, the close, and the social worker's
one-line commands (`EXTEND 24h`, `CLOSE`).

    open   chase-N deadline      → open    (chaser to every establishment not yet answered)
    open   close deadline        → closed  (comparison to the social worker and team)
    open   EXTEND <duration>     → open    (close and chasers move; social worker told)
    open   CLOSE                 → open    (close moves to now; it fires at once)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from broker.settings import parse_duration
from workflows.commands import Command, MoveDeadlines, PostSlack, RecordEvent, SendEmail

COMMAND = re.compile(r"^\s*(EXTEND|CLOSE)\b\s*(?:BY\s+)?(\S+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Silent:
    """An establishment that has not answered, with where and how to chase it."""

    establishment_key: str
    establishment_name: str
    contact: str
    reply_address: str


def chase_times(specs: list[str], start: datetime, end: datetime) -> list[datetime]:
    """`50%` = half-way through the window; `1h` = one hour before its end. Only times
    strictly inside the window are kept, in order."""
    times = []
    for spec in specs:
        spec = spec.strip()
        if spec.endswith("%"):
            moment = start + (end - start) * (float(spec[:-1]) / 100)
        else:
            moment = end - parse_duration(spec)
        if start < moment < end:
            times.append(moment)
    return sorted(set(times))


def decide_chase(reference: str, kind: str, silent: list[Silent], deadline: datetime,
                 profile: dict[str, Any]) -> list[Command]:
    commands: list[Command] = [RecordEvent("chased", {"kind": kind, "establishments":
                                                      [s.establishment_key for s in silent]})]
    commands += [
        SendEmail(key=f"{reference}:{kind}:{s.establishment_key}", template="provider/chaser",
                  to=s.contact, reply_to=s.reply_address, establishment=s.establishment_key,
                  context={"reference": reference, "establishment": s.establishment_name,
                           "deadline": deadline, "profile": profile})
        for s in silent
    ]
    return commands


def decide_close(reference: str, comparison: Any, referrer: str, placements_team: str,
                 profile: dict[str, Any], deadline: datetime,
                 shortlist_link: str = "", team_channel: str = "") -> list[Command]:
    context = {"reference": reference, "comparison": comparison, "profile": profile,
               "deadline": deadline, "shortlist_link": shortlist_link}
    summary = {"offers": sum(1 for r in comparison.rows if r.decision == "offer"),
               "interested": sum(1 for r in comparison.rows if r.decision == "interested"),
               "declines": sum(count for _, count in comparison.declines),
               "no_reply": comparison.no_reply}
    announce: list[Command] = [PostSlack(
        f"{reference}:announce:closed", "announcement", team_channel,
        {"text": f"{reference} closed: {summary['offers']} offer(s), {summary['interested']} "
                 f"interested, {summary['declines']} decline(s), {summary['no_reply']} no "
                 "reply."})] if team_channel else []
    return [
        *announce,
        RecordEvent("closed", summary),
        SendEmail(key=f"{reference}:comparison", template="social_worker/comparison",
                  to=referrer, context=context, thread=True),
        SendEmail(key=f"{reference}:comparison:team", template="social_worker/comparison",
                  to=placements_team, context=context),
    ]


def read_window_command(text: str) -> tuple[str, timedelta | None] | None:
    """`EXTEND 24h` → ("extend", 24h); `CLOSE` → ("close", None); anything else → None.
    Only the first non-blank line of the new text counts, so quoted mail never triggers one."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    match = COMMAND.match(first)
    if not match:
        return None
    if match.group(1).upper() == "CLOSE":
        return ("close", None)
    try:
        return ("extend", parse_duration(match.group(2) or ""))
    except ValueError:
        return ("extend", None)


def decide_window_command(
    reference: str, referrer: str, command: tuple[str, timedelta | None], *, now: datetime,
    broadcast_at: datetime, deadline: datetime,
    chase_times_for: Callable[[datetime, datetime], list[datetime]], message_id: str,
) -> tuple[list[Command], str, datetime | None]:
    """The commands, the outcome, and the new deadline (None when nothing changed)."""
    action, by = command
    if action == "close":
        new_deadline, outcome = now, "closed-early"
        moves: tuple[tuple[str, datetime], ...] = (("close", now),)
    elif by is None:
        told = _told(reference, referrer, "window_command_unclear", {}, message_id)
        return [told], "unclear", None
    else:
        new_deadline, outcome = deadline + by, "extended"
        chasers = chase_times_for(broadcast_at, new_deadline)
        moves = (("close", new_deadline),
                 *((f"chase-{n}", t) for n, t in enumerate(chasers, start=1)))
    return [
        RecordEvent(outcome, {"deadline": new_deadline.isoformat()}),
        MoveDeadlines(moves),
        _told(reference, referrer, "window_changed",
              {"deadline": new_deadline, "action": action}, message_id),
    ], outcome, new_deadline


def _told(reference: str, referrer: str, template: str, context: dict[str, Any],
          message_id: str) -> SendEmail:
    digest = hashlib.sha256(message_id.encode() or b"-").hexdigest()[:12]
    return SendEmail(key=f"{reference}:{template}:{digest}",
                     template=f"social_worker/{template}", to=referrer,
                     context={"reference": reference, **context}, in_reply_to=message_id)

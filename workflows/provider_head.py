"""Every email to a provider about a referral says whose it is: a pure rule the lifecycle
applies to every decision.

A group's shared mailbox gets one email per home, from several councils, all from the same
address: each is headed by the council it is for (its short name, "Northby") and, in the
subject, the home it is about and the reference; its sender's display name is
"<council> via <the service>" (the address unchanged). The emails also name the placements
team's address, the one to ask questions about the child (the reply address takes answers
only).
"""

from __future__ import annotations

import re
from dataclasses import replace

from workflows.commands import Command, SendEmail
from workflows.snapshot import Decision, Snapshot

_COUNCIL = re.compile(r"\s+(?:(?:city|county|borough|district|metropolitan\s+borough)\s+)?"
                      r"council$", re.IGNORECASE)


def council_short(name: str) -> str:
    """`Northby Council` → `Northby`; `Leeds City Council` → `Leeds`; `Royal Borough of
    Kingston` as it is."""
    return _COUNCIL.sub("", name.strip()) or name.strip()


def headed(before: Snapshot, decision: Decision) -> Decision:
    """The decision, with each provider email about this referral given its head."""
    authority = before.authority
    name = str(getattr(authority, "name", "") or "")
    if not name or not before.reference:
        return decision
    extra = {"council": council_short(name), "council_name": name,
             "placements_team": str(getattr(authority, "placements_team", "") or "")}
    commands = tuple(_headed(command, before.reference, name, extra)
                     for command in decision.commands)
    return replace(decision, commands=commands)


def _headed(command: Command, reference: str, name: str, extra: dict[str, str]) -> Command:
    if not (isinstance(command, SendEmail) and command.template.startswith("provider/")
            and command.context.get("reference") == reference):
        return command
    return replace(command, context={**extra, **command.context}, on_behalf_of=name)

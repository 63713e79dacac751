"""What one `broker serve` process does: its roles (`--role`), all three by default.

- intake: the SMTP server that takes mail in (stores it, answers 250) and the web server
  (pages, the console, Slack's requests);
- worker: reads stored mail and decides (the engine), and fires deadlines;
- sender: delivers the outbox (email, and Slack posts when Slack is on).

Any split works, on one machine or several, because the processes share only the database:
a process that runs a role without the role that feeds it (a sender without the worker, a
worker without the intake) looks for new work every `BROKER_SPLIT_POLL_MS` instead of being
woken in-process. Run one sender per SQLite database (a second one waits its turn) and any
number on PostgreSQL.
"""

from __future__ import annotations

ROLES = ("intake", "worker", "sender")


def parse_roles(text: str) -> frozenset[str]:
    """`all`, or a comma-separated list of roles; ValueError naming what is wrong."""
    names = {part.strip() for part in text.split(",") if part.strip()}
    if names == {"all"}:
        return frozenset(ROLES)
    unknown = sorted(names - set(ROLES))
    if unknown or not names:
        raise ValueError(f"unknown role {', '.join(unknown) or repr(text)}: use all, or one "
                         f"or more of {', '.join(ROLES)} separated by commas")
    return frozenset(names)

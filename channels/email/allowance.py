"""How much of one connecting server's mail may be served as expected.

Intake marks mail the service expects (workflows/mailroom.py `expected`: to a reply
address the service signed, or from a sender the directory registers) so the worker serves
it before strangers' mail. Neither proves anything: an envelope sender can be forged, and a
reply address, once a forwarded email has shown it, named beside referrals@. A flood made
either way would otherwise stand in front of a social worker's real referral. So each
connecting server (by IP address; an IPv6 one by its /64, any of whose addresses its host
may take: channels/connections.py `client_key`) may have at most `PER_MINUTE` messages a
minute marked expected, refilled steadily; past that its mail is still accepted and stored,
and waits in arrival order with strangers' mail. A council's or a provider's mail server
sends a handful a minute at its busiest; another server's mail keeps its place. Kept in
memory, per intake process: it orders mail, it refuses nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime

from channels.connections import client_key

PER_MINUTE = 30
SERVERS_REMEMBERED = 10_000  # the least recently heard from are forgotten first


class ServerAllowance:
    """A token bucket per connecting server: `PER_MINUTE` tokens, refilled steadily."""

    def __init__(self, per_minute: int = PER_MINUTE) -> None:
        self.per_minute = per_minute
        self._buckets: OrderedDict[str, tuple[float, datetime]] = OrderedDict()

    def take(self, server: str, now: datetime) -> bool:
        """Whether `server` may have one more message marked expected now (and, if so, it is
        counted)."""
        server = client_key(server)
        tokens, since = self._buckets.pop(server, (float(self.per_minute), now))
        refilled = max(0.0, (now - since).total_seconds()) * self.per_minute / 60
        tokens = min(float(self.per_minute), tokens + refilled)
        allowed = tokens >= 1
        self._buckets[server] = (tokens - 1 if allowed else tokens, now)
        while len(self._buckets) > SERVERS_REMEMBERED:
            self._buckets.popitem(last=False)
        return allowed

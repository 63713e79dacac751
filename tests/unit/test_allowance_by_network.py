"""The 'expected' allowance counts a connecting IPv6 server by its /64 (rule
`client-by-network`, channels/connections.py): a host rotating through its /64's addresses
has one server's allowance, not one per address (attacker review 29, F3)."""

from __future__ import annotations

from datetime import UTC, datetime

from channels.email.allowance import ServerAllowance

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def test_a_servers_ipv6_64_shares_one_allowance() -> None:
    allowance = ServerAllowance(per_minute=3)
    taken = [allowance.take(f"2001:db8:1:2::{n + 1:x}", NOW) for n in range(5)]
    assert taken == [True, True, True, False, False]
    assert allowance.take("2001:db8:1:3::1", NOW)  # another /64 is another server


def test_ipv4_servers_are_each_their_own() -> None:
    allowance = ServerAllowance(per_minute=1)
    assert allowance.take("192.0.2.7", NOW) and allowance.take("192.0.2.8", NOW)
    assert not allowance.take("192.0.2.7", NOW)
    assert not allowance.take("::ffff:192.0.2.7", NOW)  # the same IPv4 server, as IPv6

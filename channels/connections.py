"""How many connections a listener has open, in all and from each client: the count both
internet-facing listeners (SMTP intake, web) admit a new connection by.

Pure, and used on one event loop only (each listener's own). A client the listener trusts
to speak for many (a reverse proxy in front of the web port) counts towards the total only.

Rule `client-by-network` (`client_key`): a client is an IPv4 address, or an IPv6 address's
/64. One host, or one customer's line, is given a whole /64 (18 quintillion addresses) and
may connect from any of them: counted by exact address, one IPv6 host could take every
connection the listener allows. An IPv4 address written as IPv6 (`::ffff:192.0.2.7`, as a
dual-stack socket reports it) is that IPv4 address.

Rule `site-by-network`: an IPv6 /48, what an ISP or a free tunnel broker gives one customer
site, holds at most `SITE_SHARE` times the per-client cap, however many of its 65,536 /64s it
connects from: else 8 of one site's /64s would fill the 512 connections a listener allows by
default. A client `shared(client)` names is not counted.

Rule `reserve-for-the-trusted`: past `most`, up to `reserve` more are admitted from the
clients `reserved(client)` names (the web listener: this machine's own 127.0.0.1 or ::1,
and the trusted reverse proxies), so a health check from the machine itself or from the
load balancer is still answered while strangers hold every other connection.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

V6_CLIENT_PREFIX = 64  # what one IPv6 host, or one customer line, is given
V6_SITE_PREFIX = 48  # what one customer site is given
SITE_SHARE = 2  # a site's connections, in per-client caps (rule `site-by-network`)


def client_key(client: str) -> str:
    """Rule `client-by-network`: whom a connection from `client` counts against."""
    try:
        ip = ipaddress.ip_address(client.split("%")[0])
    except ValueError:
        return client
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, V6_CLIENT_PREFIX), strict=False))
    return str(ip)


def site_key(client: str) -> str:
    """Rule `site-by-network`: the IPv6 /48 a connection from `client` also counts against
    ('' for an IPv4 client, or what is no address)."""
    try:
        ip = ipaddress.ip_address(client.split("%")[0])
    except ValueError:
        return ""
    if not isinstance(ip, ipaddress.IPv6Address) or ip.ipv4_mapped is not None:
        return ""
    return str(ipaddress.IPv6Network((ip, V6_SITE_PREFIX), strict=False))


class Connections:
    """`admit(client)` a new connection unless `most` are open (`most + reserve` for a
    client `reserved(client)` names), or `most_per_client` from that client's address or
    IPv6 /64, or `SITE_SHARE` times that from its IPv6 /48 (neither counted for a client
    `shared(client)` says many people come through); `release(client)` when it closes."""

    def __init__(self, most: int, most_per_client: int,
                 shared: Callable[[str], bool] | None = None, *, reserve: int = 0,
                 reserved: Callable[[str], bool] | None = None) -> None:
        self.most, self.most_per_client, self.reserve = most, most_per_client, reserve
        self.shared = shared or (lambda client: False)
        self.reserved = reserved or (lambda client: False)
        self.by_client: dict[str, int] = {}
        self.by_site: dict[str, int] = {}
        self.open = 0

    def admit(self, client: str) -> bool:
        key, site = client_key(client), site_key(client)
        room = self.most + (self.reserve if self.reserve and self.reserved(client) else 0)
        if self.open >= room:
            return False
        if not self.shared(client) and (
                self.by_client.get(key, 0) >= self.most_per_client
                or site and self.by_site.get(site, 0) >= SITE_SHARE * self.most_per_client):
            return False
        self.open += 1
        self.by_client[key] = self.by_client.get(key, 0) + 1
        if site:
            self.by_site[site] = self.by_site.get(site, 0) + 1
        return True

    def release(self, client: str) -> None:
        self.open = max(0, self.open - 1)
        for counts, key in ((self.by_client, client_key(client)),
                            (self.by_site, site_key(client))):
            if key:
                left = counts.pop(key, 1) - 1
                if left:
                    counts[key] = left

    def from_client(self, client: str) -> int:
        """Connections open from `client`'s address or IPv6 /64."""
        return self.by_client.get(client_key(client), 0)

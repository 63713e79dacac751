"""Who the web client is: the peer's address, or, when the peer is a proxy the operator
trusts (`BROKER_TRUSTED_PROXIES`), the address its `X-Forwarded-For` names.

Behind a reverse proxy every request comes from the proxy's address, so the access logs
(papers, IPA, console) recorded the proxy for everyone, and the once-a-minute-per-client
limits on strangers' junk became one minute for everyone. Only a trusted proxy's word is
taken: a request straight from anyone else keeps its own address, whatever headers it sends.
`X-Forwarded-For` is a list each proxy appends the address it saw to, so it is read from the
right: trusted hops are passed over, and the first address a trusted hop did not add itself
is the client (the one the outermost trusted proxy saw); anything to its left the client may
have written. A hop that is no address ends the walk at the hop that reported it. Several
headers are one list, in order; `1.2.3.4:5678` and `[2001:db8::1]:443` (as some proxies
write them) are their addresses.

`client_address` is the rule; `real_client` a middleware that gives every handler the
request with `remote` set to it (aiohttp's `Request.clone`), so every reader of
`request.remote` sees the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Iterable, Sequence

from aiohttp import web

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
FORWARDED_FOR = "X-Forwarded-For"


def networks(spec: str | Iterable[str]) -> tuple[Network, ...]:
    """`10.0.0.5, 192.168.0.0/16, ::1` → networks (a bad one is a ValueError naming it)."""
    parts = spec.split(",") if isinstance(spec, str) else spec
    found = []
    for part in (p.strip() for p in parts):
        if part:
            try:
                found.append(ipaddress.ip_network(part, strict=False))
            except ValueError as error:
                raise ValueError(f"{part[:60]!r} is not an IP address or network") from error
    return tuple(found)


def address(text: str) -> Address | None:
    """An address as a proxy writes one: bare, `a.b.c.d:port`, `[v6]` or `[v6]:port`; a
    zone (`%eth0`) is dropped. None for anything else."""
    text = text.strip().strip('"')
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # IPv4 with a port (an IPv6 address has two or more)
        text = text.partition(":")[0]
    try:
        return ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return None


def trusted(ip: Address | None, proxies: Sequence[Network]) -> bool:
    return ip is not None and any(ip.version == net.version and ip in net for net in proxies)


def client_address(peer: str, forwarded_for: Sequence[str],
                   proxies: Sequence[Network]) -> str:
    """The client's address (see the module): the peer's own unless it is a trusted proxy,
    else the first hop from the right of `forwarded_for` (every X-Forwarded-For header's
    value, in order) that is not a trusted proxy."""
    here = address(peer)
    if not proxies or not trusted(here, proxies):
        return peer
    hops = [hop for value in forwarded_for for hop in value.split(",") if hop.strip()]
    client = str(here)
    for hop in reversed(hops):
        ip = address(hop)
        if ip is None:
            return client  # the trusted hop that reported it is as far as we can see
        client = str(ip)
        if not trusted(ip, proxies):
            return client
    return client  # every hop a trusted proxy: the furthest of them


def real_client(proxies: Sequence[Network]) -> Callable[..., Awaitable[web.StreamResponse]]:
    """Middleware: the handler gets the request with `remote` set to `client_address`."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        peer = request.remote or ""
        if proxies and trusted(address(peer), proxies):
            client = client_address(peer, request.headers.getall(FORWARDED_FOR, []), proxies)
            if client != peer:
                request = request.clone(remote=client)
        return await handler(request)

    return middleware

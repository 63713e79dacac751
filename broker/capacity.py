"""The process's open files: enough for the caps on connections, and a quiet log when they
run out anyway.

The web listener, the SMTP intake, the database, the relay's connections, the Slack and
OIDC clients and the reader's pipes all draw on one open-files limit, often 1,024 under
systemd. At start the soft limit is raised towards the hard one, as far as the caps on
connections need (`files_wanted`: web and SMTP caps and a `RESERVE` for everything else);
where it cannot be, the web cap is lowered to leave the reserve and the SMTP intake theirs
(`web_cap`), and the operator told. Should a listener still run out, asyncio's "socket.accept()
out of system resource" (with its traceback, once for each connection tried: 216 MB in 2.5
minutes in review 25) is logged once a minute, with a count (`AcceptErrors`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("broker")
RESERVE = 256  # files for the database, relay, Slack, OIDC, logs, the reader's pipes
LEAST_WEB = 16  # the web cap is never lowered below this (nor raised to it)
ACCEPT_FAILED = "socket.accept() out of system resource"
LOGGED_EVERY = 60.0  # seconds


def files_wanted(web_most: int, smtp_most: int, reserve: int = RESERVE) -> int:
    """Rule: files the process wants open at most: every connection both listeners may
    hold, and the reserve."""
    return web_most + smtp_most + reserve


def raised_soft_limit(soft: int, hard: int, wanted: int) -> int:
    """Rule: the soft limit to ask for: `wanted`, never above the hard limit (negative:
    unlimited), never below the soft limit already given."""
    ceiling = wanted if hard < 0 else min(hard, wanted)
    return max(soft, ceiling)


def web_cap(soft: int, web_most: int, smtp_most: int, reserve: int = RESERVE) -> int:
    """Rule: the web cap that fits under `soft` with the SMTP intake's and the reserve;
    `web_most` when it all fits."""
    return max(min(LEAST_WEB, web_most), min(web_most, soft - smtp_most - reserve))


@dataclass(frozen=True)
class Files:
    """What start-up made of the open-files limit."""
    soft_before: int
    soft: int
    web_most: int


def make_room(web_most: int, smtp_most: int) -> Files:
    """Raise the soft open-files limit as far as wanted and allowed, and the web cap that
    fits under it (unchanged where the platform has no such limit)."""
    try:
        import resource
    except ImportError:  # not a Unix
        return Files(0, 0, web_most)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    infinity = resource.RLIM_INFINITY
    wanted = raised_soft_limit(soft, -1 if hard == infinity else hard,
                               files_wanted(web_most, smtp_most))
    if soft != infinity and wanted > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            log.info("open-files limit raised from %d to %d", soft, wanted)
        except (ValueError, OSError) as error:
            log.warning("could not raise the open-files limit from %d: %s", soft, error)
            wanted = soft
    else:
        wanted = soft
    if wanted == infinity:
        return Files(soft, wanted, web_most)
    cap = web_cap(wanted, web_most, smtp_most)
    if cap < web_most:
        log.warning("the open-files limit (%d, hard %d) leaves room for %d web connections, "
                    "not BROKER_WEB_MAX_CONNECTIONS=%d: raise the service's limit (systemd: "
                    "LimitNOFILE=) to at least %d", wanted, hard, cap, web_most,
                    files_wanted(web_most, smtp_most))
    return Files(soft, wanted, cap)


class AcceptErrors:
    """An event loop's exception handler: "socket.accept() out of system resource" once a
    minute, as one line with a count and no traceback; everything else as before."""

    def __init__(self, previous: Callable[[asyncio.AbstractEventLoop, dict[str, Any]], object]
                 | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.previous, self.clock = previous, clock
        self.logged_at: float | None = None
        self.since = 0

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if not str(context.get("message", "")).startswith(ACCEPT_FAILED):
            if self.previous is not None:
                self.previous(loop, context)
            else:
                loop.default_exception_handler(context)
            return
        self.since += 1
        now = self.clock()
        if self.logged_at is not None and now - self.logged_at < LOGGED_EVERY:
            return
        socket = context.get("socket")
        where = socket.getsockname() if socket is not None else "?"
        log.error("cannot accept connections on %s: %s (%d tries since the last report); "
                  "raise the open-files limit or lower the caps on connections", where,
                  context.get("exception") or "out of open files", self.since)
        self.logged_at, self.since = now, 0

    @classmethod
    def install(cls, loop: asyncio.AbstractEventLoop) -> None:
        """On `loop`, in front of whatever handler it has."""
        previous = loop.get_exception_handler()
        if not isinstance(previous, cls):
            loop.set_exception_handler(cls(previous))

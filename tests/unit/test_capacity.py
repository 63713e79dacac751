"""Open files for the caps on connections, and a quiet log when they run out
(broker/capacity.py)."""

from __future__ import annotations

import asyncio
import logging
import resource
from typing import Any

import pytest

from broker import capacity
from broker.capacity import AcceptErrors, files_wanted, make_room, raised_soft_limit, web_cap


def test_the_soft_limit_is_raised_as_far_as_wanted_and_allowed() -> None:
    wanted = files_wanted(512, 200)
    assert wanted == 512 + 200 + capacity.RESERVE
    assert raised_soft_limit(1024, 4096, 2000) == 2000
    assert raised_soft_limit(1024, 1500, 2000) == 1500  # never past the hard limit
    assert raised_soft_limit(4096, 8192, 2000) == 4096  # never lowered
    assert raised_soft_limit(256, -1, 968) == 968  # unlimited


def test_the_web_cap_leaves_the_smtp_intake_and_the_reserve_theirs() -> None:
    assert web_cap(4096, 512, 200) == 512
    assert web_cap(1024, 1000, 200) == 1024 - 200 - capacity.RESERVE
    assert web_cap(300, 512, 200) == capacity.LEAST_WEB
    assert web_cap(300, 8, 200) == 8


def test_make_room_raises_the_limit_or_lowers_the_web_cap(monkeypatch: pytest.MonkeyPatch,
                                                          caplog: pytest.LogCaptureFixture
                                                          ) -> None:
    limits = {"now": (1024, 4096)}
    monkeypatch.setattr(resource, "getrlimit", lambda _which: limits["now"])
    monkeypatch.setattr(resource, "setrlimit", lambda _which, new: limits.update(now=new))
    room = make_room(2000, 200)
    assert limits["now"] == (2000 + 200 + capacity.RESERVE, 4096) and room.web_most == 2000
    limits["now"] = (1024, 1024)  # systemd's default, and no higher allowed
    with caplog.at_level(logging.WARNING):
        room = make_room(2000, 200)
    assert room.web_most == 1024 - 200 - capacity.RESERVE
    assert "LimitNOFILE" in caplog.text


async def test_running_out_of_files_is_logged_once_a_minute(
        caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    passed_on: list[dict[str, Any]] = []
    handler = AcceptErrors(lambda _loop, context: passed_on.append(context), lambda: now[0])
    loop = asyncio.get_running_loop()
    flood = {"message": "socket.accept() out of system resource",
             "exception": OSError(24, "Too many open files")}
    with caplog.at_level(logging.ERROR, logger="broker"):
        for _ in range(500):
            handler(loop, flood)
        now[0] = 61
        handler(loop, flood)
        handler(loop, {"message": "something else"})
    lines = [r.getMessage() for r in caplog.records if r.name == "broker"]
    assert len(lines) == 2
    assert "(1 tries" in lines[0] and "(500 tries" in lines[1]
    assert all(r.exc_info is None for r in caplog.records)  # no traceback each time
    assert passed_on == [{"message": "something else"}]


async def test_installed_in_front_of_the_loops_own_handler() -> None:
    loop = asyncio.get_running_loop()
    before = loop.get_exception_handler()
    try:
        AcceptErrors.install(loop)
        AcceptErrors.install(loop)  # once
        installed = loop.get_exception_handler()
        assert isinstance(installed, AcceptErrors) and installed.previous is before
    finally:
        loop.set_exception_handler(before)

"""A request the web server cannot parse costs one line in the log, not a traceback: anyone
on the internet can send one, and the client is simply answered 400."""

from __future__ import annotations

import asyncio
import logging

import pytest


async def test_a_url_too_long_to_parse_is_one_warning_line(  # type: ignore[no-untyped-def]
        sqlite_url, service_factory, caplog: pytest.LogCaptureFixture) -> None:
    service = await service_factory(sqlite_url)
    reader, writer = await asyncio.open_connection("127.0.0.1", service.web_port)
    writer.write(b"GET /papers/" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    await writer.drain()
    status = await reader.readline()
    writer.close()
    assert status.split()[1] == b"400"
    logged = await _aiohttp_records(caplog)
    assert [(r.levelno, r.getMessage()) for r in logged] == [
        (logging.WARNING, "Error handling request from 127.0.0.1: 400 LineTooLong")]
    assert logged[0].exc_info is None and "aaaa" not in logged[0].getMessage()


async def _aiohttp_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    for _ in range(100):  # aiohttp logs it as the connection ends
        found = [r for r in caplog.records if r.name == "aiohttp.server"]
        if found:
            return found
        await asyncio.sleep(0.02)
    return []

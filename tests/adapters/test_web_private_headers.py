"""Every page a signed link opens, the parents' summary included, is sent with the headers
that keep a capability URL private (never cached, indexed, framed, sniffed, or named in a
Referer), whether it is served, refused, or fails on our side."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from broker.clock import FrozenClock
from broker.links import make_link_token
from channels.web.app import build_web_app
from channels.web.guard import PRIVATE_HEADERS
from tests.adapters.test_web_shortlist import (  # noqa: F401 (site: the shortlist fixture)
    DIRECTORY,
    NOW,
    SECRET,
    RecordingPort,
    Site,
    site,
)
from tests.factories import REFERRER, ROOT, migrated


def _link_routes(app: web.Application) -> list[str]:
    """Every GET route the app serves that a link's token opens, with a made-up token."""
    paths = []
    for resource in app.router.resources():
        path = resource.canonical
        if "{token}" in path and any(r.method == "GET" for r in resource):
            paths.append(path.replace("{token}", "not-a-real-token").replace("{n}", "0"))
    return paths


@pytest.fixture
async def app_and_client(sqlite_url: str):  # type: ignore[no-untyped-def]
    engine, sessions = await migrated(sqlite_url)
    app = build_web_app(sessions, ROOT / "templates", secret=SECRET, clock=FrozenClock(NOW),
                        port=RecordingPort(), directory=DIRECTORY)
    async with TestClient(TestServer(app)) as client:
        yield app, client
    await engine.dispose()


def _private(headers: Any) -> bool:
    return all(headers.get(name) == value for name, value in PRIVATE_HEADERS.items()) \
        and "frame-ancestors 'none'" in headers.get("Content-Security-Policy", "")


async def test_every_link_page_refused_has_the_private_headers(app_and_client) -> None:  # type: ignore[no-untyped-def]
    app, client = app_and_client
    paths = _link_routes(app)
    assert any(p.startswith("/summary/") for p in paths)  # the parents' summary is one
    for path in paths:
        response = await client.get(path)
        assert response.status in (403, 404), path
        assert _private(response.headers), path


async def test_the_parents_summary_served_has_the_private_headers(site: Site) -> None:  # noqa: F811
    page = await (await site.client.get(site.url())).text()
    summary = page.split('href="/summary/', 1)[1].split('"', 1)[0]
    response = await site.client.get(f"/summary/{summary}")
    assert response.status == 200
    assert _private(response.headers)


def _database_down() -> Any:
    raise RuntimeError("the database is not answering")


async def test_a_fault_on_a_link_page_is_a_500_with_the_private_headers() -> None:
    app = build_web_app(_database_down, ROOT / "templates",  # type: ignore[arg-type]
                        secret=SECRET, clock=FrozenClock(NOW), port=RecordingPort(),
                        directory=DIRECTORY)
    token = make_link_token(SECRET, "shortlist", 1, REFERRER, NOW + timedelta(days=1))
    async with TestClient(TestServer(app)) as client:
        response = await client.get(f"/shortlist/{token}")
        text = await response.text()
    assert response.status == 500 and "Something went wrong" in text
    assert _private(response.headers)

"""Requests that used to be answered with a 500 (or a silent dead letter) get a clear answer:
a mailbox page that is not a number or past the end, a Slack timestamp that is not a number,
and `EXTEND` by more than the longest duration allowed."""

from __future__ import annotations

import hashlib
import hmac
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from broker.db.tables import Outbox
from broker.forms.spec import load_referral_spec
from broker.links import mailbox_key
from channels.slack.app import build_slack_app
from channels.slack.http import add_slack_routes
from channels.web.app import PAGE_SIZE, build_web_app
from tests.adapters.worker import NOW, header, make_worker, text_of
from tests.factories import CONFIG, REFERRER, make_settings, migrated, referral_email
from tests.fake_slack import FakeSlack, block_action_body
from tests.fake_slack import signed_headers as signed

SIGNING_SECRET = "bad-requests-signing-secret"


@pytest.fixture
async def mailbox(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    """The web app on a database holding two and a half pages of outbox rows."""
    db, sessions = await migrated(database_url)
    rows = [{"key": f"k{n}", "to_addr": f"p{n}@example.org", "subject": f"Message {n}",
             "raw": b"Subject: x\n\nx\n", "next_attempt_at": NOW, "created_at": NOW}
            for n in range(PAGE_SIZE * 2 + PAGE_SIZE // 2)]
    async with sessions() as session:
        await session.execute(insert(Outbox), rows)
        await session.commit()
    secret = b"bad-requests-link-secret"
    app = build_web_app(sessions, CONFIG.parent / "templates", mailbox=True, secret=secret)
    async with TestClient(TestServer(app)) as client:
        opened = await client.get(f"/mailbox?key={mailbox_key(secret)}")  # keeps the key
        assert opened.status == 200
        yield client
    await db.dispose()


@pytest.mark.parametrize("page", ["abc", "1.5", "-1", "0", "", "%C2%B9", "1e3"])
async def test_a_mailbox_page_that_is_not_a_number_is_a_clear_400(mailbox, page: str) -> None:  # type: ignore[no-untyped-def]
    response = await mailbox.get(f"/mailbox?page={page}", allow_redirects=False)
    if page == "":  # an empty page is the first page
        assert response.status == 200
        return
    assert response.status == 400
    assert "page must be a whole number" in await response.text()


@pytest.mark.parametrize("headers", [
    {"X-Client-IP": "203.0.113.9"}, {"True-Client-IP": "203.0.113.9"},
    {"CF-Connecting-IP": "203.0.113.9"}, {"Via": "1.1 proxy.example"},
    {"Host": "127.0.0.1:8080@evil.example"},
])
async def test_the_mailbox_refuses_what_a_proxy_or_a_strange_host_brings(  # type: ignore[no-untyped-def]
        mailbox, headers: dict[str, str]) -> None:
    """Even with its key: a request a proxy passed on could be a stranger's."""
    assert (await mailbox.get("/mailbox", headers=headers)).status == 403


async def test_no_response_names_the_server_software(mailbox) -> None:  # type: ignore[no-untyped-def]
    for path in ("/mailbox", "/healthz", "/no-such-page"):
        response = await mailbox.get(path)
        assert response.headers["Server"] == "broker", path


@pytest.mark.parametrize("page", ["4", "99999999999999999999999999"])
async def test_a_mailbox_page_past_the_end_goes_to_the_last_page(mailbox, page: str) -> None:  # type: ignore[no-untyped-def]
    response = await mailbox.get(f"/mailbox?page={page}", allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (302, "/mailbox?page=3")
    last = await mailbox.get(f"/mailbox?page={page}")
    assert last.status == 200 and "Page 3 of 3" in await last.text()


async def test_a_message_number_too_large_for_the_database_is_not_found(mailbox) -> None:  # type: ignore[no-untyped-def]
    response = await mailbox.get("/mailbox/" + "9" * 30)
    assert response.status == 404


@pytest.fixture
async def slack(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with FakeSlack() as fake:
        settings = make_settings(tmp_path, "sqlite+aiosqlite://", slack_bot_token="xoxb-test",
                                 slack_signing_secret=SIGNING_SECRET, slack_api_url=fake.url)
        app = web.Application()
        add_slack_routes(app, build_slack_app(settings, None, load_referral_spec(CONFIG),  # type: ignore[arg-type]
                                              process_before_response=True))
        async with TestClient(TestServer(app)) as client:
            yield client, fake


def _signed_with(stamp: str, body: str) -> dict[str, str]:
    """Headers as a client would sign them, whatever the timestamp says."""
    digest = hmac.new(SIGNING_SECRET.encode(), f"v0:{stamp}:{body}".encode(),
                      hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}",
            "Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize("stamp", ["abc", "", "1e3", " 17", "1.5", "\u0661\u0662"])
async def test_a_slack_timestamp_that_is_not_a_number_is_refused_cleanly(slack, stamp: str) -> None:  # type: ignore[no-untyped-def]
    client, fake = slack
    body = block_action_body("approve_shortlist", "REF-2026-000001")
    response = await client.post("/slack/events", data=body, headers=_signed_with(stamp, body))
    assert response.status == 401
    assert await response.json() == {"error": "invalid request"}
    assert fake.calls == []


async def test_a_good_slack_timestamp_still_reaches_bolt(slack) -> None:  # type: ignore[no-untyped-def]
    client, _fake = slack
    body = block_action_body("approve_shortlist", "REF-2026-000001")
    stale = await client.post("/slack/events", data=body, headers=signed(SIGNING_SECRET, body, 1))
    assert stale.status == 401  # bolt's own replay check: the check above let it through


def _reply(acknowledgement: Any, line: str) -> EmailMessage:
    message = referral_email(line + "\n", subject="Re: " + header(acknowledgement, "Subject"))
    message["In-Reply-To"] = header(acknowledgement, "Message-ID")
    return message


async def _waves(worker) -> list[tuple[int, object]]:  # type: ignore[no-untyped-def]
    from broker.db.tables import Wave

    async with worker.sessions() as session:
        return [(w.number, w.closes_at) for w in (await session.execute(select(Wave))).scalars()]


async def test_extend_by_more_than_a_year_is_answered_not_dead_lettered(
    tmp_path: Path, database_url: str
) -> None:
    worker = await make_worker(tmp_path, database_url)
    await worker.receive(referral_email())
    [acknowledgement] = await worker.outbox(kind="social_worker/acknowledgement")
    before = len(await worker.outbox(to=REFERRER))
    waves_before = await _waves(worker)

    inbound = await worker.receive(_reply(acknowledgement, "EXTEND 99999999d"))
    assert inbound.status == "done" and await worker.dead_letters() == []
    [answer] = (await worker.outbox(to=REFERRER))[before:]
    assert "365d" in text_of(answer), "the answer names the longest extension allowed"
    assert await _waves(worker) == waves_before  # nothing moved
    await worker.db.dispose()


async def test_health_with_no_database_says_unavailable_and_logs_the_kind(  # type: ignore[no-untyped-def]
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The page is public: a stranger learns the service is unwell, not which driver failed
    how; the operator finds the error's kind in the log."""
    missing = tmp_path / "no-such-dir" / "broker.db"  # a database that cannot be opened
    engine = create_async_engine(f"sqlite+aiosqlite:///{missing}")
    app = build_web_app(async_sessionmaker(engine), CONFIG.parent / "templates")
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/healthz")
        body = await response.json()
    await engine.dispose()
    assert response.status == 503
    assert body == {"status": "error", "database": "unavailable"}
    assert "OperationalError" in caplog.text

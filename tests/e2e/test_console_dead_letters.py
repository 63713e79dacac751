"""The console's Dead letters page and `broker dead-letters list`, against the real service
on loopback: each dead letter says the referral, sender and home it concerns (read from the
failed message's envelope and signed reply address, never its body); an officer sees only
her own council's; only an operator replays, with the console's CSRF token, once."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Callable
from html import unescape
from typing import Any

from sqlalchemy import select

from broker.db.tables import DeadLetter, InboundMessage, Referral
from broker.tokens import reply_address
from tests.console_client import csrf_in, signed_in
from tests.factories import CONFIG

MAYA = "maya.osei@northby.gov.example"  # a Northby placements officer
OPERATOR = "hub.operations@consortium.example"
HOME, HOME_NAME = "orchard-lane-yorkshire", "Orchard Lane Yorkshire"
BODY = "Weekly fee 5,300 - this body must never be shown"
FRAME = '  File "/srv/broker/workflows/inbound.py", line 310, in _handle'
# A detail as versions before kept it: a traceback whose error's message quotes the body
DETAIL = (f"Traceback (most recent call last):\n{FRAME}\n    fee = int(text)\n"
          f"ValueError: invalid literal for int() with base 10: '{BODY}'\n")


async def _dead_letters(service: Any) -> tuple[int, int]:
    """A Northby referral's provider reply and a Kingsholt social worker's email, both
    dead-lettered as the inbound worker leaves them; their dead letters' ids."""
    parts = service.engine.parts
    now = parts.clock.now()
    async with parts.sessions() as session:
        referral = Referral(reference="REF-2026-000777", state="open", authority="northby",
                            referrer="sam.taylor@northby.gov.example", created_at=now)
        session.add(referral)
        await session.flush()
        to = reply_address(parts.secret, referral.id or 0, HOME, parts.mail_domain)
        reply = InboundMessage(mail_from="replies@orchardlane.example", rcpt_to=to,
                               raw=f"Subject: Re\r\n\r\n{BODY}\r\n".encode(), status="dead",
                               received_at=now)
        other = InboundMessage(mail_from="jo.brennan@kingsholt.gov.example",
                               rcpt_to=f"referrals@{parts.mail_domain}",
                               raw=f"Subject: Referral\r\n\r\n{BODY}\r\n".encode(),
                               status="dead", received_at=now)
        session.add_all([reply, other])
        await session.flush()
        first = DeadLetter(source="inbound", source_id=reply.id or 0, error="OperationalError",
                           detail=DETAIL, at=now)
        second = DeadLetter(source="inbound", source_id=other.id or 0, error="KeyError",
                            detail=DETAIL, at=now)
        session.add_all([first, second])
        await session.commit()
        return first.id or 0, second.id or 0


def _dead_letters_cli(service: Any, url: str) -> Callable[..., Any]:
    """`broker dead-letters <args>` run as an operator would, on the service's database."""
    env = {"BROKER_CONFIG_DIR": str(CONFIG), "PATH": "/usr/bin:/bin",
           "BROKER_DATABASE_URL": url,
           "BROKER_SECRET_KEY": service.engine.parts.secret.decode(),
           "BROKER_MAIL_DOMAIN": service.engine.parts.mail_domain}

    def broker(*args: str) -> Any:
        return subprocess.run([sys.executable, "-m", "broker.cli", "dead-letters", *args],
                              capture_output=True, text=True, timeout=60, env=env)
    return broker


def _row(page: str, letter: int) -> str:
    return unescape(page.split(f'<td class="govuk-table__cell">{letter}</td>')[1]
                    .split("</tr>")[0])


async def test_operators_see_and_replay_every_dead_letter_officers_only_their_councils(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    northby, kingsholt = await _dead_letters(service)
    page_url = f"http://127.0.0.1:{service.web_port}/console/dead-letters"
    async with await signed_in(service, smtp_sink, MAYA) as officer:
        async with officer.get(page_url) as response:
            assert response.status == 200
            page = await response.text()
        async with officer.post(f"{page_url}/{northby}/replay",
                                data={"csrf": csrf_in(page)}) as response:
            assert response.status == 403  # an officer replays nothing
    assert "REF-2026-000777" in _row(page, northby) and HOME_NAME in _row(page, northby)
    assert f">{kingsholt}<" not in page and "kingsholt" not in page.lower()  # another council's
    assert "/replay" not in page and BODY not in unescape(page)
    assert "in _handle" not in unescape(page)  # the traceback is for operators
    async with await signed_in(service, smtp_sink, OPERATOR) as operator:
        async with operator.get(page_url) as response:
            page = await response.text()
        ours = _row(page, northby)
        assert "REF-2026-000777" in ours and "replies@orchardlane.example" in ours
        assert HOME_NAME in ours and "OperationalError" in ours and "Northby" in ours
        assert FRAME in ours and "fee = int(text)" in ours  # folded under the error
        theirs = _row(page, kingsholt)
        assert "jo.brennan@kingsholt.gov.example" in theirs and "Kingsholt" in theirs
        assert f'action="/console/dead-letters/{northby}/replay"' in page
        assert BODY not in unescape(page)
        async with operator.post(f"{page_url}/{northby}/replay",
                                 data={"csrf": "not-the-token"}) as response:
            assert response.status == 400  # the console's CSRF token, or nothing
        async with operator.post(f"{page_url}/{northby}/replay",
                                 data={"csrf": csrf_in(page)}) as response:
            done = unescape(await response.text())
        assert f"Dead letter {northby} is queued again" in done
        assert f'action="/console/dead-letters/{northby}/replay"' not in done
        async with operator.post(f"{page_url}/{northby}/replay",
                                 data={"csrf": csrf_in(page)}) as response:
            assert "is not waiting to be replayed" in unescape(await response.text())
    async with service.engine.parts.sessions() as session:
        letter = await session.get(DeadLetter, northby)
        assert letter is not None and letter.replayed_at is not None
        message = (await session.execute(select(InboundMessage).where(
            InboundMessage.id == letter.source_id))).scalars().one()
        assert message.status != "dead"  # back in the queue (the worker may have taken it)
        other = await session.get(DeadLetter, kingsholt)
        assert other is not None and other.replayed_at is None


async def test_the_cli_list_says_the_referral_sender_and_home(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    northby, kingsholt = await _dead_letters(service)
    broker = _dead_letters_cli(service, sqlite_url)
    listed = await asyncio.to_thread(broker, "list")
    lines = {int(line.split()[0]): line for line in listed.stdout.splitlines()}
    assert lines, listed.stdout + listed.stderr
    assert ("referral REF-2026-000777; from replies@orchardlane.example; "
            f"home {HOME}") in lines[northby], listed.stderr
    assert lines[kingsholt].endswith("KeyError; from jo.brennan@kingsholt.gov.example")
    shown = await asyncio.to_thread(broker, "list", "--json")
    rows = {r["id"]: r for r in json.loads(shown.stdout)}
    assert (rows[northby]["referral"], rows[northby]["home"]) == ("REF-2026-000777", HOME)
    assert rows[kingsholt]["referral"] is None and BODY not in shown.stdout
    assert "in _handle" not in shown.stdout  # the list gives no traceback: `show` does


async def test_the_cli_shows_one_dead_letter_with_its_traceback_never_the_message(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    northby, _ = await _dead_letters(service)
    broker = _dead_letters_cli(service, sqlite_url)

    text = await asyncio.to_thread(broker, "show", str(northby))
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].startswith(f"dead letter {northby}: inbound ")
    assert "referral: REF-2026-000777" in lines and f"home: {HOME}" in lines
    assert "error: OperationalError" in lines and "replayed: not yet" in lines
    assert FRAME in lines and "    fee = int(text)" in lines and "ValueError" in lines
    assert BODY not in text.stdout and "invalid literal" not in text.stdout
    shown = json.loads((await asyncio.to_thread(broker, "show", str(northby), "--json")).stdout)
    assert shown["id"] == northby and shown["referral"] == "REF-2026-000777"
    assert FRAME in shown["detail"] and BODY not in json.dumps(shown)
    missing = await asyncio.to_thread(broker, "show", "99999")
    assert missing.returncode == 2 and "no dead letter 99999" in missing.stderr
    bare = await asyncio.to_thread(broker, "show")
    assert bare.returncode == 2 and "broker dead-letters show 7" in bare.stderr


async def test_the_page_shows_a_page_of_letters_newest_first_and_links_the_next(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """A backlog is shown a page at a time: the newest PAGE_SIZE letters, then a link to
    the next page, which shows the older ones and links back."""
    from channels.web.console.dead_letters import PAGE_SIZE

    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    parts = service.engine.parts
    now = parts.clock.now()
    async with parts.sessions() as session:
        session.add_all([DeadLetter(source="outbox", source_id=900 + n, error=f"Error{n}",
                                    detail="", at=now) for n in range(PAGE_SIZE + 3)])
        await session.commit()
        ids = sorted((await session.execute(select(DeadLetter.id))).scalars())
    page_url = f"http://127.0.0.1:{service.web_port}/console/dead-letters"
    async with await signed_in(service, smtp_sink, OPERATOR) as operator:
        async with operator.get(page_url) as response:
            first = await response.text()
        assert first.count('<tr class="govuk-table__row">\n<td') == PAGE_SIZE
        assert f">{ids[-1]}</td>" in first and f">{ids[2]}</td>" not in first  # newest first
        assert f"{len(ids)} waiting to be replayed" in first  # all pages together
        assert 'href="/console/dead-letters?page=2" rel="next"' in first
        async with operator.get(f"{page_url}?page=2") as response:
            second = await response.text()
        assert second.count('<tr class="govuk-table__row">\n<td') == 3
        assert all(f">{ids[n]}</td>" in second for n in range(3))
        assert 'rel="next"' not in second
        assert 'href="/console/dead-letters?page=1" rel="prev"' in second

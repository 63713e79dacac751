"""The web server on loopback: health, and the dev mailbox showing every outbound email."""

from __future__ import annotations

import asyncio
import re

import aiohttp

from broker.links import mailbox_key
from tests.conftest import wait_for
from tests.factories import SECRET, referral_email, send_smtp


async def test_health_and_the_dev_mailbox(sqlite_url: str, service_factory) -> None:  # type: ignore[no-untyped-def]
    service = await service_factory(sqlite_url)  # relay: the built-in mailbox
    base = f"http://127.0.0.1:{service.web_port}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(f"{base}/healthz") as response:
            assert response.status == 200
            assert await response.json() == {"status": "ok", "database": "ok"}
        # The link `broker serve` prints: its key is kept in a cookie, taken out of the URL.
        async with http.get(f"{base}/mailbox?key={mailbox_key(SECRET.encode())}") as response:
            assert response.status == 200 and "key=" not in str(response.url)

        await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())

        async def listed() -> str:
            async with http.get(f"{base}/mailbox") as response:
                page = await response.text()
            return page if page.count('href="/mailbox/') >= 13 else ""

        page = await wait_for(listed)
        assert "sam.taylor@northby.gov.example" in page
        assert "larch.house@larchcare.example" in page
        assert "Casey" not in page
        # times in UK time as people read them, and the status before the wide columns (at
        # 1200 px it was off-screen after To, Subject and Kind)
        assert "Queued (UK time)" in page and "UTC" not in page
        assert not re.search(r"\d{4}-\d{2}-\d{2}", page)
        head = page[page.index("<thead"):page.index("</thead>")]
        assert head.index(">Status<") < head.index(">To<") < head.index(">Subject<")

        ids = sorted({int(i) for i in re.findall(r'href="/mailbox/(\d+)"', page)})
        async with http.get(f"{base}/mailbox/{ids[0]}") as response:
            shown = await response.text()
        assert response.status == 200
        assert "Reply-To" in shown and "REFERRAL REF-" in shown and "<iframe" in shown

        async with http.get(f"{base}/mailbox/{ids[0]}.eml") as response:
            raw = await response.read()
        assert response.headers["Content-Type"].startswith("message/rfc822")
        assert b"Message-ID:" in raw

        async with http.get(f"{base}/mailbox/999999") as response:
            assert response.status == 404

"""Signing in to the console from tests, as a browser would: the sign-in form with its CSRF
token, the link read from the email the SMTP sink caught, the button that uses it; and a
referral sent in to have a page to open."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import aiohttp

from tests.conftest import wait_for
from tests.factories import referral_email, send_smtp


def client() -> aiohttp.ClientSession:
    # Cookies for 127.0.0.1, as a browser keeps them (aiohttp's default jar refuses IPs).
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


def csrf_in(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


async def ask_for_link(http: Any, base: str, address: str) -> tuple[int, str]:
    async with http.get(f"{base}/console/sign-in") as response:
        csrf = csrf_in(await response.text())
    async with http.post(f"{base}/console/sign-in",
                         data={"csrf": csrf, "address": address}) as response:
        return response.status, await response.text()


async def use_link(http: Any, link: str) -> tuple[int, str, str]:
    async with http.get(link) as response:
        csrf = csrf_in(await response.text())
    async with http.post(link, data={"csrf": csrf}) as response:
        return response.status, str(response.url), await response.text()


async def emailed_link(sink: Any, address: str, count: int) -> str:
    mail = await wait_for(lambda: sink.to(address)[count - 1:] if len(sink.to(address)) >= count
                          else [])
    return re.search(r"http://\S+/console/sign-in/\S+", mail[0].text()).group(0)


async def signed_in(service: Any, sink: Any, address: str) -> aiohttp.ClientSession:
    http = client()
    base = f"http://127.0.0.1:{service.web_port}"
    count = len(sink.to(address)) + 1  # counted before asking: the link can arrive at once
    await ask_for_link(http, base, address)
    status, _, _ = await use_link(http, await emailed_link(sink, address, count))
    assert status == 200
    return http


async def referral_page(service: Any, sink: Any, sender: str | None = None,
                        text: str | None = None) -> str:
    """Send a referral in by SMTP; the address of its console page once it has gone out."""
    mail = referral_email(text, sender=sender) if sender else referral_email()
    await asyncio.to_thread(send_smtp, service.smtp_port, mail, **(
        {"sender": sender} if sender else {}))
    referrer = sender or "sam.taylor@northby.gov.example"
    ack = (await wait_for(lambda: [c for c in sink.to(referrer)
                                   if "has gone to" in c.message["Subject"]]))[0]
    reference = ack.message["Subject"].split(":")[0]
    return f"http://127.0.0.1:{service.web_port}/console/referrals/{reference}"

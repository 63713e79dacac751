"""The console behind a reverse proxy that ends TLS: `BROKER_PUBLIC_URL=https://…`, the proxy
passing plain HTTP on to the service and keeping the Host header, and a browser that sends
`Origin: https://…` with every form. Signing in by the emailed link, acting and signing out
all work; a form from another site is still refused; and "Sign out" always signs out.
Against the real service on loopback, with mail relayed to an SMTP sink."""

from __future__ import annotations

import re
from typing import Any

import aiohttp

from tests.conftest import wait_for
from tests.console_client import csrf_in

MAYA = "maya.osei@northby.gov.example"
PUBLIC = "https://broker.example"
HOST = {"Host": "broker.example"}  # what the proxy passes on (proxy_set_header Host $host)


class Browser:
    """Keeps the session cookie by hand: it is Secure, and the hop from the proxy is plain
    HTTP, which a cookie jar would not send it over."""

    def __init__(self, http: aiohttp.ClientSession, base: str) -> None:
        self.http, self.base, self.jar = http, base, {}  # type: dict[str, str]

    async def go(self, method: str, path: str, origin: str | None = PUBLIC,
                 **kw: Any) -> tuple[int, str, str]:
        headers = {**HOST, "Cookie": "; ".join(f"{k}={v}" for k, v in self.jar.items())}
        if origin and method == "POST":
            headers["Origin"] = origin
        async with self.http.request(method, self.base + path, headers=headers,
                                     allow_redirects=False, **kw) as response:
            for cookie in response.headers.getall("Set-Cookie", []):
                name, _, rest = cookie.partition("=")
                value = rest.split(";")[0]
                if value:
                    self.jar[name] = value
                else:
                    self.jar.pop(name, None)
            return (response.status, response.headers.get("Location", ""),
                    await response.text())


async def _signed_in(browser: Browser, sink: Any) -> str:
    """Signs Maya in by the emailed link, each form posted from the public origin; the
    console's home page."""
    _, _, page = await browser.go("GET", "/console/sign-in")
    status, _, page = await browser.go("POST", "/console/sign-in",
                                       data={"csrf": csrf_in(page), "address": MAYA})
    assert status == 200 and "Check your email" in page, page
    mail = await wait_for(lambda: sink.to(MAYA))
    link = re.search(r"https://broker\.example(/console/sign-in/\S+)", mail[0].text()).group(1)
    _, _, page = await browser.go("GET", link)
    status, where, _ = await browser.go("POST", link, data={"csrf": csrf_in(page)})
    assert status == 303 and where == "/console", where
    status, _, page = await browser.go("GET", "/console")
    assert status == 200 and f"Signed in as <strong>{MAYA}</strong>" in page
    return page


async def test_sign_in_and_out_through_a_proxy_that_ends_tls(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url, public_url=PUBLIC)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
        browser = Browser(http, f"http://127.0.0.1:{service.web_port}")
        page = await _signed_in(browser, smtp_sink)
        # A form posted from another site, with the session's own token, is still refused.
        for elsewhere in ("https://evil.example", "https://broker.example.evil.example",
                          "https://broker.example:8443"):
            status, _, _ = await browser.go("POST", "/console/sign-in", origin=elsewhere,
                                            data={"csrf": csrf_in(page), "address": MAYA})
            assert status == 400, elsewhere
        status, where, _ = await browser.go("POST", "/console/sign-out",
                                            data={"csrf": csrf_in(page)})
        assert (status, where) == (303, "/console/sign-in")
        status, where, _ = await browser.go("GET", "/console/referrals")
        assert (status, where) == (303, "/console/sign-in")  # signed out


async def test_sign_out_signs_out_even_when_its_form_is_refused(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """On a shared computer the next person must not find the last one signed in: a sign-out
    whose token is stale, or that names no origin of ours, still ends the session (a forged
    sign-out does no harm)."""
    service = await service_factory(sqlite_url, relay=smtp_sink.url, public_url=PUBLIC)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
        browser = Browser(http, f"http://127.0.0.1:{service.web_port}")
        await _signed_in(browser, smtp_sink)
        status, where, _ = await browser.go("POST", "/console/sign-out",
                                            origin="https://elsewhere.example",
                                            data={"csrf": "stale"})
        assert (status, where) == (303, "/console/sign-in")
        status, where, _ = await browser.go("GET", "/console/referrals")
        assert (status, where) == (303, "/console/sign-in")

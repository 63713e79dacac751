"""The console's referrals list and home page as a placements officer uses them: finding a
referral by the social worker who sent it, paging past the first hundred with the true total,
and the home page's "Needs attention" panel."""

from __future__ import annotations

import asyncio
import re
from html import unescape
from typing import Any

from broker.db.tables import Referral
from tests.conftest import wait_for
from tests.console_client import signed_in
from tests.factories import referral_email, send_smtp

MAYA, JORDAN = "maya.osei@northby.gov.example", "jordan.okafor@northby.gov.example"


async def _page(http: Any, url: str) -> str:
    async with http.get(url) as response:
        assert response.status == 200
        return await response.text()


def _references(page: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/console/referrals/(REF-[\d-]+)"', page)


async def test_a_referral_is_found_by_its_social_worker_and_the_list_pages_with_its_total(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())
    [ack] = await wait_for(lambda: [c for c in smtp_sink.caught
                                    if "has gone to" in c.message["Subject"]])
    reference = ack.message["Subject"].split(":")[0]
    then = service.engine.parts.clock.now()
    async with service.engine.parts.sessions() as session:  # 105 of Jordan's, long withdrawn
        session.add_all(Referral(reference=f"REF-2025-{n:06d}", state="withdrawn",
                                 authority="northby", referrer=JORDAN, created_at=then)
                        for n in range(105))
        session.add(Referral(reference="REF-2025-900001", state="held", authority="northby",
                             referrer=JORDAN, held_for="possible-duplicate", created_at=then))
        await session.commit()
    base = f"http://127.0.0.1:{service.web_port}/console"
    async with await signed_in(service, smtp_sink, MAYA) as officer:
        for typed in ("Sam", "sam.taylor", "Sam Taylor"):
            page = await _page(officer, f"{base}/referrals?q={typed}")
            assert _references(page) == [reference], typed
            assert "Sam Taylor" in page and "1 referral," in page
        assert "Casey" not in page and "Hollin" not in page  # never the child's name
        page = await _page(officer, f"{base}/referrals?q=jordan")
        assert "1 to 100 of 106 referrals" in page and len(_references(page)) == 100
        assert reference not in _references(page)
        following = unescape(re.search(r'href="([^"]+)" rel="next"', page).group(1))
        assert following == "/console/referrals?q=jordan&page=2"
        page = await _page(officer, f"http://127.0.0.1:{service.web_port}{following}")
        assert "101 to 106 of 106 referrals" in page and len(_references(page)) == 6
        assert 'rel="prev"' in page and 'rel="next"' not in page
        page = await _page(officer, f"{base}/referrals?q=nobody.here")
        assert "No referrals match" in page and "0 referrals" in page
        home = await _page(officer, base)
        panel = home.split('id="needs-attention"')[1]
        assert "REF-2025-900001" in panel and "Held before broadcast" in panel
        assert "REF-2025-000001" not in panel  # a withdrawn one waits on nobody

"""The console's directory as an officer reads it: a home its provider has paused shows
"Paused" with the provider's reason and since when, in the words `broker providers list`
prints for it, not the "Active" of its configured record."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from datetime import UTC, datetime
from html import unescape
from typing import Any

from broker.db.tables import EstablishmentStatus
from tests.console_client import signed_in
from tests.factories import CONFIG

MAYA = "maya.osei@northby.gov.example"
HOME = "orchard-lane-yorkshire"
PAUSED = "Paused: carers recruitment drive (since 5 January 2027)"


def _row_cells(page: str, key: str) -> list[str]:
    row = page.split(f'href="/console/directory/{key}"')[1].split("</tr>")[0]
    return [unescape(cell) for cell in re.findall(r"<td[^>]*>([^<]*)</td>", row)]


async def test_a_paused_home_reads_paused_with_its_reason_on_the_console_and_in_the_cli(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    async with service.engine.parts.sessions() as session:  # as a provider's PAUSE leaves it
        session.add(EstablishmentStatus(
            establishment=HOME, paused=True, pause_reason="carers recruitment drive",
            paused_at=datetime(2027, 1, 5, 10, 0, tzinfo=UTC), updated_by="referrals@x"))
        await session.commit()
    base = f"http://127.0.0.1:{service.web_port}/console"
    async with await signed_in(service, smtp_sink, MAYA) as officer:
        async with officer.get(f"{base}/directory") as response:
            assert response.status == 200
            page = await response.text()
        async with officer.get(f"{base}/directory/{HOME}") as response:
            home_page = unescape(await response.text())
    assert PAUSED in _row_cells(page, HOME)
    assert "Active" in _row_cells(page, "orchard-lane-east-london")
    assert "Suspended" in _row_cells(page, "kindred-hearts-liverpool")
    assert PAUSED in home_page
    listed = await asyncio.to_thread(subprocess.run, [
        sys.executable, "-m", "broker.cli", "providers", "list"], capture_output=True,
        text=True, timeout=60, env={"BROKER_CONFIG_DIR": str(CONFIG), "PATH": "/usr/bin:/bin",
                                    "BROKER_DATABASE_URL": sqlite_url})
    (line,) = [line for line in listed.stdout.splitlines() if "Orchard Lane Yorkshire" in line]
    assert line.rstrip().endswith(PAUSED[0].lower() + PAUSED[1:]), listed.stderr


async def test_a_homes_page_says_which_address_gets_referrals_and_labels_as_people_do(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """ux47: Larch House lists two contacts; only the first is sent referrals, the other's
    replies count as the home's. Its kind and needs read as the referral form writes them."""
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    base = f"http://127.0.0.1:{service.web_port}/console"
    async with await signed_in(service, smtp_sink, MAYA) as officer, \
            officer.get(f"{base}/directory/larch-house") as response:
        assert response.status == 200
        page = unescape(await response.text())
    rows = dict(re.findall(r'<dt class="govuk-summary-list__key">([^<]*)</dt>'
                           r'<dd class="govuk-summary-list__value">([^<]*)</dd>', page))
    assert rows["Referral address"] == "larch.house@larchcare.example"
    assert rows["Also answers from"] == ("referrals@larchcare.example (replies only; no "
                                         "referrals are sent there)")
    assert rows["Kind"] == "Children's home"
    assert rows["Needs met"].startswith("SEMH, CSE"), rows["Needs met"]

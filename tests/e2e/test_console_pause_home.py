"""Pausing and resuming a home from the console's directory, against the real service on
loopback: a placements officer pauses it with a reason (as the provider's PAUSE would: the
home reads paused, with whose pause it is), the provider is emailed that the placements team
did it, the home's page lists who did it; a form posted twice acts once; a commissioner may
not; an operator resumes it."""

from __future__ import annotations

from html import unescape
from typing import Any

from broker.db.tables import EstablishmentStatus, MarketEvent
from tests.conftest import wait_for
from tests.console_client import csrf_in, signed_in

MAYA = "maya.osei@northby.gov.example"  # a Northby placements officer
ALEX = "alex.morgan@northby.gov.example"  # a Northby commissioner
OPERATOR = "hub.operations@consortium.example"
HOME, PROVIDER = "orchard-lane-yorkshire", "referrals@orchardlane.example"


def _nonce(page: str) -> str:
    return page.split('name="nonce" value="')[1].split('"')[0]


async def _status(service: Any) -> EstablishmentStatus | None:
    async with service.engine.parts.sessions() as session:
        return await session.get(EstablishmentStatus, HOME, populate_existing=True)


async def test_an_officer_pauses_a_home_the_provider_is_told_and_an_operator_resumes_it(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    page_url = f"http://127.0.0.1:{service.web_port}/console/directory/{HOME}"
    async with await signed_in(service, smtp_sink, ALEX) as commissioner:
        async with commissioner.get(page_url) as response:
            page = await response.text()
        assert 'action="/console/directory/' not in page  # no form for a commissioner
        async with commissioner.post(f"{page_url}/pause", data={
                "csrf": csrf_in(page), "nonce": "a1", "reason": "x"}) as response:
            assert response.status == 403
    assert await _status(service) is None
    async with await signed_in(service, smtp_sink, MAYA) as officer:
        async with officer.get(page_url) as response:
            page = await response.text()
        form = {"csrf": csrf_in(page), "nonce": _nonce(page), "reason": "safeguarding review"}
        async with officer.post(f"{page_url}/pause", data={**form, "csrf": "stale"}) as r:
            assert r.status == 400
        async with officer.post(f"{page_url}/pause", data=form) as response:
            paused_page = unescape(await response.text())
        async with officer.post(f"{page_url}/pause", data=form) as response:  # a double-click
            again = unescape(await response.text())
        async with officer.get(f"http://127.0.0.1:{service.web_port}/console/directory") as r:
            directory = unescape(await r.text())
    status = await _status(service)
    assert status is not None and status.team_paused and status.updated_by == MAYA
    assert not status.paused  # the team's pause is its own, not the provider's
    assert "Orchard Lane Yorkshire is paused (safeguarding review)" in paused_page
    assert "Paused by the placements team: safeguarding review (since " in paused_page
    assert f"safeguarding review</td><td class=\"govuk-table__cell\">{MAYA}" in paused_page
    assert "acts only once" in again
    assert "Paused by the placements team: safeguarding review" in directory
    told = await wait_for(lambda: [m for m in smtp_sink.to(PROVIDER)
                                   if "is paused" in m.message["Subject"]])
    assert len(told) == 1 and "Northby Council's placements team has paused" in told[0].text()
    assert "safeguarding review" in told[0].text() and "placements@northby.gov.example" in (
        told[0].text())
    async with await signed_in(service, smtp_sink, OPERATOR) as operator:
        async with operator.get(page_url) as response:
            page = await response.text()
        assert f'action="/console/directory/{HOME}/resume"' in page
        async with operator.post(f"{page_url}/resume", data={
                "csrf": csrf_in(page), "nonce": _nonce(page)}) as response:
            assert "receiving referrals again" in unescape(await response.text())
    status = await _status(service)
    assert status is not None and not status.paused and not status.team_paused
    await wait_for(lambda: [m for m in smtp_sink.to(PROVIDER)
                            if "receiving referrals again" in m.message["Subject"]])
    async with service.engine.parts.sessions() as session:
        from sqlalchemy import select

        kinds = [(e.kind, e.data.get("by")) for e in (await session.execute(
            select(MarketEvent).where(MarketEvent.subject == "establishment",
                                      MarketEvent.subject_key == HOME,
                                      MarketEvent.kind.in_(("paused", "resumed")))
            .order_by(MarketEvent.id))).scalars()]
    assert kinds == [("paused", MAYA), ("resumed", OPERATOR)]


async def test_an_officer_acts_only_on_her_councils_homes_and_only_her_councils_pause(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """Attacker review 30 F1: Northby's officer paused Kingsholt's own in-house home (every
    council lost it, and its provider could not resume it), and Kingsholt's officer lifted
    Northby's safeguarding pause. Now: no form and a 403 for a home her council does not use;
    another council's pause is refused by the decision core and stays; an operator lifts it."""
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    base = f"http://127.0.0.1:{service.web_port}/console/directory"
    kingsholt_home = "ashgrove-house"  # on kingsholt-in-house only
    async with await signed_in(service, smtp_sink, MAYA) as maya:
        async with maya.get(f"{base}/{kingsholt_home}") as response:
            page = await response.text()
        assert 'name="nonce"' not in page and "/pause" not in page
        async with maya.post(f"{base}/{kingsholt_home}/pause", data={
                "csrf": csrf_in(page), "nonce": "n1", "reason": "no reason at all"}) as r:
            assert r.status == 403
        async with maya.get(f"{base}/{HOME}") as response:
            page = await response.text()
        async with maya.post(f"{base}/{HOME}/pause", data={
                "csrf": csrf_in(page), "nonce": _nonce(page),
                "reason": "safeguarding review: allegation"}) as response:
            assert "is paused (safeguarding review: allegation)" in unescape(
                await response.text())
    async with service.engine.parts.sessions() as session:
        assert await session.get(EstablishmentStatus, kingsholt_home) is None
    async with await signed_in(service, smtp_sink, "owen.pryce@kingsholt.gov.example") as owen:
        async with owen.get(f"{base}/{HOME}") as response:
            page = await response.text()
        async with owen.post(f"{base}/{HOME}/resume", data={
                "csrf": csrf_in(page), "nonce": _nonce(page)}) as response:
            refused = unescape(await response.text())
    assert "Not done" in refused and "paused by Northby Council's placements team" in refused
    status = await _status(service)
    assert status is not None and status.team_paused and status.updated_by == MAYA
    async with await signed_in(service, smtp_sink, OPERATOR) as operator:
        async with operator.get(f"{base}/{HOME}") as response:
            page = await response.text()
        async with operator.post(f"{base}/{HOME}/resume", data={
                "csrf": csrf_in(page), "nonce": _nonce(page)}) as response:
            assert "receiving referrals again" in unescape(await response.text())
    status = await _status(service)
    assert status is not None and not status.paused and not status.team_paused


async def test_another_councils_staff_read_that_a_council_paused_the_home_not_why_or_who(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """Attacker review 36 F3: Eastmere's placements team read Northby's pause reason word for
    word, and Maya's address. A council's own words stay its own (and the operators'):
    other councils read that another council's placements team paused it, and since when."""
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    base = f"http://127.0.0.1:{service.web_port}/console/directory"
    reason = "allegation about a Northby child placed there"
    async with await signed_in(service, smtp_sink, MAYA) as maya:
        async with maya.get(f"{base}/{HOME}") as response:
            page = unescape(await response.text())
        assert "sent to the provider" in page
        async with maya.post(f"{base}/{HOME}/pause", data={
                "csrf": csrf_in(page), "nonce": _nonce(page), "reason": reason}) as response:
            assert f"is paused ({reason})" in unescape(await response.text())
    pages = {}
    for who in ("placements@eastmere.gov.example", ALEX, OPERATOR):
        async with await signed_in(service, smtp_sink, who) as staff:
            async with staff.get(f"{base}/{HOME}") as response:
                home = unescape(await response.text())
            async with staff.get(base) as response:
                pages[who] = (home, unescape(await response.text()))
    home, listing = pages["placements@eastmere.gov.example"]
    for page in (home, listing):
        assert reason not in page and MAYA not in page
        assert "Paused by another council's placements team (since " in page
    assert "Another council's placements team" in home  # the history's "By"
    for who in (ALEX, OPERATOR):  # Northby's own staff, and the consortium's operators
        home, listing = pages[who]
        assert f"{reason}</td><td class=\"govuk-table__cell\">{MAYA}" in home
        assert f"Paused by the placements team: {reason} (since " in listing


async def test_a_home_its_provider_paused_is_paused_by_the_team_over_it_never_resumed(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """ux51c: on a home its provider had paused the page offered only Resume, so an officer
    could not make the team's safeguarding pause (which the provider's RESUME cannot lift).
    The provider's pause is shown as information, Pause is offered, Resume is not (and a
    posted one is refused), and after the team's pause, Resume lifts the team's."""
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    then = service.engine.parts.clock.now()
    async with service.engine.parts.sessions() as session:  # as the provider's PAUSE leaves it
        session.add(EstablishmentStatus(establishment=HOME, paused=True, paused_at=then,
                                        pause_reason="staff training", updated_by=PROVIDER,
                                        updated_at=then))
        await session.commit()
    page_url = f"http://127.0.0.1:{service.web_port}/console/directory/{HOME}"
    async with await signed_in(service, smtp_sink, MAYA) as officer:
        async with officer.get(page_url) as response:
            page = unescape(await response.text())
        assert 'id="provider-paused"' in page and "the provider sends RESUME" in page
        assert f'action="/console/directory/{HOME}/pause"' in page
        assert f'action="/console/directory/{HOME}/resume"' not in page
        async with officer.post(f"{page_url}/resume", data={
                "csrf": csrf_in(page), "nonce": _nonce(page)}) as response:
            refused = unescape(await response.text())
        assert "paused by its provider" in refused
        status = await _status(service)
        assert status is not None and status.pause_reason == "staff training"
        async with officer.post(f"{page_url}/pause", data={
                "csrf": csrf_in(refused), "nonce": _nonce(refused),
                "reason": "safeguarding review"}) as response:
            paused = unescape(await response.text())
        assert "Paused by the placements team: safeguarding review" in paused
        assert "; paused: staff training (since " in paused  # both pauses shown
        assert "Resuming lifts only the placements team's pause" in paused
        assert f'action="/console/directory/{HOME}/resume"' in paused
        assert f'action="/console/directory/{HOME}/pause"' not in paused
        async with officer.post(f"{page_url}/resume", data={
                "csrf": csrf_in(paused), "nonce": _nonce(paused)}) as response:
            resumed = unescape(await response.text())
    # Attacker review 41 F1: the team's Resume lifted the provider's pause with its own,
    # and referrals went to a home its provider said could take none.
    status = await _status(service)
    assert status is not None and not status.team_paused
    assert status.paused and status.pause_reason == "staff training"
    assert "stays paused by its provider (staff training)" in resumed
    assert "Paused: staff training (since " in resumed
    assert 'id="provider-paused"' in resumed
    told = await wait_for(lambda: [m for m in smtp_sink.to(PROVIDER)
                                   if "stays paused by you" in m.message["Subject"]])
    assert "Your own pause still stands (staff training" in told[0].text()

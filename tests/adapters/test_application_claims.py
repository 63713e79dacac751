"""Two applications claiming one home, through the real worker: anyone may apply, and an
Ofsted URN is public, so a stranger at a look-alike domain can apply first as another
provider's home. The approvers asked about the second are shown the first; only one of them
can join the directory (the last approval checks the URN again); neither applicant is told
of the other. Then an application nothing proves: none of its words are kept, and another
forged message under the same address adds no other row."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from broker.db.tables import Application
from tests.adapters.test_applications_by_email import APPROVERS, OPEN, PROVIDERS, mail
from tests.adapters.worker import make_worker, text_of
from tests.market_snapshots import FORM
from workflows.market.events import SchedulesReviewed

GENUINE = "jo.kemp@newleafcare.example"
IMPOSTOR = "office@newleafcare-homes.example"  # a look-alike domain the stranger owns
COPIED = FORM.replace("newleaf.house@newleafcare.example",
                      "newleaf.house@newleafcare-homes.example")


async def _worker(tmp_path, url: str, auth: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, url, reopening=True, provider_sender_auth=auth)
    made.clock.set(OPEN)
    await made.engine.handle(None, SchedulesReviewed(key="start"))
    return made


@pytest.fixture
async def worker(tmp_path, database_url):  # type: ignore[no-untyped-def]
    made = await _worker(tmp_path, database_url, "preferred")  # mail here is unsigned
    yield made
    await made.db.dispose()


async def _apply(worker, sender: str, form: str, subject: str = "Application") -> str:  # type: ignore[no-untyped-def]
    await worker.receive(mail(sender, form, subject), to=PROVIDERS, mail_from=sender)
    async with worker.sessions() as session:
        return (await session.execute(select(Application.reference).where(
            Application.applicant == sender).order_by(Application.id.desc()))).scalars().first()


async def _approve(worker, reference: str) -> None:  # type: ignore[no-untyped-def]
    for approver in APPROVERS[1:]:
        await worker.receive(mail(approver, f"APPROVE {reference}"), to=PROVIDERS,
                             mail_from=approver)


async def test_the_approvers_see_the_other_claim_and_only_one_home_joins(worker) -> None:  # type: ignore[no-untyped-def]
    first = await _apply(worker, IMPOSTOR, COPIED)
    second = await _apply(worker, GENUINE, FORM)
    asked = [text_of(r) for r in await worker.outbox("approver/application_request")
             if second in text_of(r).split("\n", 1)[0] or f"APPROVE {second}" in text_of(r)]
    assert asked and all(first in text and IMPOSTOR in text and "the same Ofsted URN and name"
                         in text for text in asked)
    told = [text_of(r) for r in await worker.outbox(to=GENUINE)]
    assert told and not any(first in text or IMPOSTOR in text for text in told)

    await _approve(worker, first)
    await _approve(worker, second)
    async with worker.sessions() as session:
        live = await worker.engine.parts.current_directory(session)
        states = dict((await session.execute(select(Application.reference,
                                                    Application.state))).all())
    assert [e.key for e in live.establishments.values() if e.urn == "SC712345"] == [
        "newleaf-house"]
    assert states[first] == "approved" and states[second] == "awaiting-approval"
    refusals = [text_of(r) for r in await worker.outbox("applicant/refused")]
    assert any("SC712345 is already in the directory as Newleaf House" in text
               for text in refusals)


async def test_an_unproved_application_keeps_no_words_and_no_row_per_message(  # type: ignore[no-untyped-def]
        tmp_path, sqlite_url) -> None:
    made = await _worker(tmp_path, sqlite_url, "required")  # unsigned: nothing proves it
    words = "Newleaf Care withdraws from all councils: call 0113 496 0000 now"
    try:
        for _ in range(3):
            row = await made.receive(mail(GENUINE, FORM, subject=words), to=PROVIDERS,
                                     mail_from="x@attacker.example")
            assert row.outcome == "unproved"
        async with made.sessions() as session:
            rows = (await session.execute(select(Application))).scalars().all()
        assert [(a.state, a.subject, a.raw_fields) for a in rows] == [("new", "", {})]
    finally:
        await made.db.dispose()


async def test_a_claim_written_without_the_urn_s_prefix_is_the_same_claim(worker) -> None:  # type: ignore[no-untyped-def]
    first = await _apply(worker, IMPOSTOR, COPIED.replace("SC712345", "712345"))
    second = await _apply(worker, GENUINE, FORM)
    asked = [text_of(r) for r in await worker.outbox("approver/application_request")
             if f"APPROVE {second}" in text_of(r)]
    assert asked and all(first in text and "the same Ofsted URN" in text for text in asked)

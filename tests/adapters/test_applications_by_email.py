"""Applications decided by email (Slack off), in-process on both databases: the approvers are
asked by email, reply `APPROVE APP-…` / `REJECT APP-… <reason>` to providers@, and the
approved home is in the directory the next match reads."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import pytest
from sqlalchemy import select

from broker.db.tables import Application
from tests.adapters.worker import make_worker, text_of
from tests.market_snapshots import FORM
from workflows.market.events import SchedulesReviewed

PROVIDERS = "providers@broker.localhost"
APPLICANT = "jo.kemp@newleafcare.example"
APPROVERS = ("commissioning@brackenridge.gov.example", "hannah.lees@brackenridge.gov.example",
             "commissioning@saltmarsh.gov.example")
OPEN = datetime(2027, 1, 5, 10, tzinfo=UTC)  # the northern list's January window


@pytest.fixture
async def worker(tmp_path, database_url):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, database_url, reopening=True,
                             provider_sender_auth="preferred")  # mail here is unsigned
    made.clock.set(OPEN)
    await made.engine.handle(None, SchedulesReviewed(key="start"))
    yield made
    await made.db.dispose()


def mail(sender: str, body: str, subject: str = "Application") -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, PROVIDERS, subject
    message["Date"], message["Message-ID"] = formatdate(), make_msgid(domain="example.org")
    message.set_content(body)
    return message


async def _apply(worker, form: str = FORM) -> str:  # type: ignore[no-untyped-def]
    await worker.receive(mail(APPLICANT, form), to=PROVIDERS, mail_from=APPLICANT)
    async with worker.sessions() as session:
        row = (await session.execute(select(Application).order_by(Application.id.desc())))
        return row.scalars().first().reference


async def _state(worker, reference: str) -> str:  # type: ignore[no-untyped-def]
    async with worker.sessions() as session:
        return (await session.execute(select(Application.state).where(
            Application.reference == reference))).scalar_one()


async def test_two_approvers_by_email_admit_the_home(worker) -> None:  # type: ignore[no-untyped-def]
    reference = await _apply(worker)
    requests = await worker.outbox("approver/application_request")
    assert sorted(r.to_addr for r in requests) == sorted(APPROVERS)
    assert f"APPROVE {reference}" in text_of(requests[0])
    for approver in APPROVERS[1:]:
        row = await worker.receive(mail(approver, f"APPROVE {reference}"), to=PROVIDERS,
                                   mail_from=approver)
        assert row.referral_id is None
    assert await _state(worker, reference) == "approved"
    async with worker.sessions() as session:
        live = await worker.engine.parts.current_directory(session)
    home = live.establishment("newleaf-house")
    assert home is not None and home.arrangements == ["northern-residential-list"]
    (welcome,) = await worker.outbox("applicant/approved")
    assert "VACANCIES 2 Newleaf House" in text_of(welcome)


async def test_an_admitted_home_speaks_through_its_named_addresses_not_its_mail_domain(  # type: ignore[no-untyped-def]
        worker) -> None:
    """The applicant may write from a mail service anyone can use: another mailbox at its
    domain must not pause the home (or end its placements) as if it were the provider."""
    reference = await _apply(worker)
    for approver in APPROVERS[1:]:
        await worker.receive(mail(approver, f"APPROVE {reference}"), to=PROVIDERS,
                             mail_from=approver)
    stranger = "mallory.x@newleafcare.example"
    row = await worker.receive(mail(stranger, "PAUSE Newleaf House: closed for good"),
                               to=PROVIDERS, mail_from=stranger)
    assert row.outcome != "notice-recorded"
    row = await worker.receive(mail(APPLICANT, "PAUSE Newleaf House: staff training"),
                               to=PROVIDERS, mail_from=APPLICANT)
    assert row.outcome == "notice-recorded"


async def test_a_rejection_by_email_sends_the_reason_and_a_stranger_is_refused(worker) -> None:  # type: ignore[no-untyped-def]
    reference = await _apply(worker)
    stranger = "someone@otherhomes.example"
    await worker.receive(mail(stranger, f"APPROVE {reference}"), to=PROVIDERS,
                         mail_from=stranger)
    (refusal,) = await worker.outbox("applicant/refused", to=stranger)
    assert "Only the list's approvers" in text_of(refusal)
    await worker.receive(mail(APPROVERS[0], f"REJECT {reference} no safer recruitment policy"),
                         to=PROVIDERS, mail_from=APPROVERS[0])
    assert await _state(worker, reference) == "rejected"
    (rejected,) = await worker.outbox("applicant/rejected")
    assert "no safer recruitment policy" in text_of(rejected)


async def test_an_application_before_the_window_is_not_pending_and_must_be_sent_again(  # type: ignore[no-untyped-def]
        tmp_path, database_url) -> None:
    """Sent before the list opens, it is answered that nothing is pending and it must be sent
    again, as a new email, while the list is open; a reply on its thread once the list is
    open changes nothing and says the same; the new email is the application that counts."""
    from tests.adapters.worker import answer

    made = await make_worker(tmp_path, database_url, reopening=True,
                             provider_sender_auth="preferred")
    try:
        made.clock.set(datetime(2026, 12, 20, 10, tzinfo=UTC))
        await made.engine.handle(None, SchedulesReviewed(key="start"))
        early = await _apply(made)
        (told,) = await made.outbox("applicant/not_open")
        said = " ".join(text_of(told).split())
        assert "nothing is pending" in said and "will not be considered" in said
        assert "send your application again while it is open, as a new email" in said
        assert f"on record only, as {early}, closed and not considered" in said
        made.clock.set(OPEN)
        await answer(made, told, FORM)  # the form again, as a reply on that thread
        (status,) = await made.outbox("applicant/status")
        said = " ".join(text_of(status).split())
        assert f"Nothing is pending under {early}" in said and "as a new email" in said
        assert await _state(made, early) == "not-open"
        again = await _apply(made)
        assert again != early and await _state(made, again) == "awaiting-approval"
    finally:
        await made.db.dispose()

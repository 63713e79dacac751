"""Mail to providers@ in-process, on both databases: taken at RCPT, stored, routed and
decided by the engine; a provider's pause excludes its home by its own rule, vacancies set
its places, and `ENDED REF-…` reaches the referral's lifecycle."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import pytest
from sqlalchemy import select

from broker.db.tables import EstablishmentStatus, MarketEvent, MatchRecord
from broker.tokens import HOMES, subject_code
from tests.adapters.worker import header, make_worker, text_of
from tests.factories import referral_email

PROVIDERS = "providers@broker.localhost"
LARCH = "referrals@larchcare.example"


@pytest.fixture
async def worker(tmp_path, database_url):  # type: ignore[no-untyped-def]
    # Providers' mail here is not DKIM-signed: proof of their From is
    # tests/adapters/test_forged_senders.py's subject.
    made = await make_worker(tmp_path, database_url, provider_sender_auth="preferred")
    yield made
    await made.db.dispose()


def to_providers(body: str, sender: str = LARCH) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, PROVIDERS, "Update"
    message["Date"], message["Message-ID"] = formatdate(), make_msgid(domain="larchcare.example")
    message.set_content(body)
    return message


async def test_providers_is_one_of_our_addresses_at_rcpt(worker) -> None:  # type: ignore[no-untyped-def]
    assert worker.handler.is_ours(PROVIDERS)
    assert not worker.handler.is_ours("vacancies@broker.localhost")


async def test_a_paused_home_is_left_out_by_its_own_rule_and_vacancies_set_places(  # type: ignore[no-untyped-def]
        worker) -> None:
    row = await worker.receive(to_providers("PAUSE Larch House: staff training\n"
                                            "VACANCIES 1 Larch Lodge"),
                               to=PROVIDERS, mail_from=LARCH)
    assert (row.status, row.outcome, row.referral_id) == ("done", "notice-recorded", None)
    (answer,) = await worker.outbox("provider/notice_recorded")
    assert "Larch House is paused (staff training)" in text_of(answer)
    await worker.receive(referral_email())
    async with worker.sessions() as session:
        records = {m.establishment: m for m in (await session.execute(
            select(MatchRecord))).scalars()}
        status = await session.get(EstablishmentStatus, "larch-lodge")
        kinds = [e.kind for e in (await session.execute(select(MarketEvent))).scalars()]
    house = records["larch-house"]
    assert not house.eligible and house.rule == "paused"
    assert house.reason.startswith("paused by the provider: staff training (since ")
    assert records["larch-lodge"].eligible and status.vacancies == 1
    assert {"paused", "vacancies-declared", "decision"} <= set(kinds)


async def test_the_answer_has_a_subject_of_its_own_not_the_thread_s(  # type: ignore[no-untyped-def]
        worker) -> None:
    """A notice sent again as a reply ("RE: Not recorded yet: …") is answered "Recorded: your
    notice about your homes", not "Recorded: RE: Not recorded yet: …"."""
    notice = to_providers("VACANCIES 2 Larch View")
    notice.replace_header("Subject", "RE: Not recorded yet: a notice about your homes")
    await worker.receive(notice, to=PROVIDERS, mail_from=LARCH)
    (answer,) = await worker.outbox("provider/notice_recorded")
    # (then the code of our emails to that address about its homes: broker/tokens.py)
    code = subject_code(worker.engine.parts.secret, LARCH, HOMES)
    assert header(answer, "Subject") == f"Recorded: your notice about your homes [#{code}]"


async def test_resume_brings_the_home_back(worker) -> None:  # type: ignore[no-untyped-def]
    await worker.receive(to_providers("PAUSE Larch House: staff training"), to=PROVIDERS,
                         mail_from=LARCH)
    await worker.receive(to_providers("RESUME Larch House"), to=PROVIDERS, mail_from=LARCH)
    await worker.receive(referral_email())
    async with worker.sessions() as session:
        house = (await session.execute(select(MatchRecord).where(
            MatchRecord.establishment == "larch-house"))).scalar_one()
    assert house.eligible


async def test_ended_to_providers_reaches_the_referrals_lifecycle(worker) -> None:  # type: ignore[no-untyped-def]
    await worker.receive(referral_email())
    (referral,) = await worker.referrals()
    row = await worker.receive(to_providers(f"ENDED {referral.reference} 01/03/2027 moved on",
                                            sender="larch.house@larchcare.example"),
                               to=PROVIDERS, mail_from="larch.house@larchcare.example")
    # It reached Engine.handle: Larch House is no chosen provider of an open referral. It
    # was sent the referral, so it is told why: no home has been placed, not that only the
    # social worker or the team may send ENDED (the chosen home may too).
    assert row.referral_id == referral.id and row.outcome == "not-permitted"
    (answer,) = await worker.outbox("social_worker/instruction_refused",
                                    to="larch.house@larchcare.example")
    assert f"{referral.reference} has no placement to end" in " ".join(text_of(answer).split())
    unknown = await worker.receive(to_providers("ENDED REF-2026-999999 01/03/2027 moved on"),
                                   to=PROVIDERS, mail_from=LARCH)
    assert unknown.outcome == "provider-unknown-referral"
    assert await worker.outbox("provider/unknown_referral")


async def test_mail_with_no_instruction_or_form_is_told_how_to_use_the_address(  # type: ignore[no-untyped-def]
        worker) -> None:
    row = await worker.receive(to_providers("Hello, how do we join your lists?",
                                            sender="info@newhomes.example"),
                               to=PROVIDERS, mail_from="info@newhomes.example")
    assert row.outcome == "providers-help"
    (help_,) = await worker.outbox("provider/providers_help", to="info@newhomes.example")
    assert "VACANCIES 2 Larch House" in text_of(help_)


async def test_a_homes_places_in_words_change_nothing_and_are_answered_with_the_line(  # type: ignore[no-untyped-def]
        worker) -> None:
    """Rule `notice-in-words`: prose is no instruction; the answer offers the line, naming
    the home from the sender's own."""
    row = await worker.receive(to_providers("Just to let you know we will have a bed free "
                                            "at Larch House from Monday."),
                               to=PROVIDERS, mail_from=LARCH)
    assert row.outcome == "providers-help"
    (help_,) = await worker.outbox("provider/providers_help", to=LARCH)
    said = " ".join(text_of(help_).split())
    assert "words alone are not): VACANCIES 1 Larch House You said" in said, said
    assert 'You said "from Monday"' in said

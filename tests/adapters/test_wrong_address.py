"""Mail to the other of our two front doors gets an answer that says where it should go:
a provider writing to referrals@ (with no email of ours to answer) is told how to answer a
referral and where vacancies go, not refused as if it were a stranger's referral; a social
worker's referral sent to providers@ is told to send it to referrals@, not read as a
provider's application."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.adapters.worker import make_worker, text_of
from tests.factories import CONFIG, REFERRER, referral_email

PROVIDER = "referrals@kestrelhomes.example"  # a home's registered contact


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, database_url, reopening=True)
    yield made
    await made.db.dispose()


async def test_a_provider_writing_to_referrals_is_told_how_to_answer(worker: Any) -> None:
    message = referral_email("We can offer Kestrel House from Monday at £4,850 a week.",
                             sender=PROVIDER, subject="Offer for your referral")
    message.replace_header("From", PROVIDER)
    row = await worker.receive(message, mail_from=PROVIDER)
    assert row.outcome == "provider-at-referrals"
    [answer] = await worker.outbox(to=PROVIDER)
    assert answer.kind == "provider/wrong_address"
    assert "reply to the email the referral came in" in text_of(answer)
    assert "providers@broker.localhost" in text_of(answer)


async def test_a_referral_sent_to_providers_is_told_where_to_go(worker: Any) -> None:
    row = await worker.receive(referral_email(), to="providers@broker.localhost")
    assert row.outcome == "council-at-providers"
    [answer] = await worker.outbox(to=REFERRER)
    assert answer.kind == "social_worker/wrong_address"
    assert "referrals@broker.localhost" in text_of(answer)
    assert await worker.outbox(kind="provider/referral") == []  # it went to no provider


async def test_an_in_house_home_at_its_councils_domain_still_sends_its_vacancy_form(
        tmp_path: Path, database_url: str) -> None:
    """A council's own homes may have their contacts at the council's domain: their form is
    a home's, not a referral sent to the wrong address."""
    home = "ashgrove.house@kingsholt.gov.example"
    config = tmp_path / "config"
    shutil.copytree(CONFIG, config)
    midlands = config / "providers" / "midlands.yaml"
    listed = ("    domains: [homes.kingsholt.gov.example]\n"
              "    contacts: [placements.homes@homes.kingsholt.gov.example]\n")
    assert listed in midlands.read_text()
    midlands.write_text(midlands.read_text().replace(listed, f"    contacts: [{home}]\n"))
    made = await make_worker(tmp_path, database_url, config_dir=config,
                             provider_sender_auth="preferred")
    message = referral_email("Home: Ashgrove House\nVacancies: 0\n", sender=home,
                             subject="Vacancy return")
    message.replace_header("From", home)
    try:
        row = await made.receive(message, to="providers@broker.localhost", mail_from=home)
        told = await made.outbox(kind="social_worker/wrong_address")
    finally:
        await made.db.dispose()
    assert row.outcome != "council-at-providers" and told == []

"""The providers@ help answer to prose about a home's places (rule `notice-in-words`,
workflows/market/help.py) repeats the time the sender gave ("You said "from Monday"") only
to a sender whose From was proved (att44): anyone can forge a home's From, and the service
repeats none of an unproved sender's own words. The line to send back is offered to both."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adapters.test_forged_senders import LARCH, PROVIDERS, Signers, email_to, strict_config
from tests.adapters.worker import make_worker, text_of

_PROSE = "Just to let you know we will have a bed free at Larch House from Monday."


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, database_url, config_dir=strict_config(tmp_path))
    made.engine.parts.sender_auth.dnsfunc = SIGNERS.dns
    yield made
    await made.db.dispose()


SIGNERS = Signers("larchcare.example")


async def _help(worker, raw) -> str:  # type: ignore[no-untyped-def]
    row = await worker.receive(raw, to=PROVIDERS, mail_from=LARCH)
    assert row.outcome == "providers-help"
    (answer,) = await worker.outbox("provider/providers_help", to=LARCH)
    return " ".join(text_of(answer).split())


async def test_an_unproved_senders_time_is_not_repeated(worker) -> None:  # type: ignore[no-untyped-def]
    said = await _help(worker, email_to(PROVIDERS, LARCH, _PROSE))
    assert "VACANCIES 1 Larch House" in said
    assert "Monday" not in said and "You said" not in said
    # the advice still holds: a line counts places free when it is sent
    assert "counts the places free when you send it" in said


async def test_a_proved_senders_time_is_repeated(worker) -> None:  # type: ignore[no-untyped-def]
    said = await _help(worker, SIGNERS.sign(email_to(PROVIDERS, LARCH, _PROSE)))
    assert 'You said "from Monday"' in said

"""A child called by an everyday pet form of her name throughout the referral, with no Known
as line ("Charlie" for Charlotte), through the real worker: no provider's email holds it
(round R24 S21, where "Charlie" reached 18 providers). The people are made up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adapters.worker import make_worker, text_of
from tests.factories import SAMPLE_REFERRAL, referral_email


@pytest.fixture
async def worker(tmp_path: Path, sqlite_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, sqlite_url)
    yield made
    await made.db.dispose()


def _called(name: str, pet_form: str) -> str:
    said = {"Known as:": None,
            "Background and risks:": f"Background and risks: {pet_form} has been going missing "
                                     f"at weekends. {pet_form}'s mum works nights and cannot "
                                     "supervise her.",
            "Child's wishes:": f"Child's wishes: {pet_form} wants to keep seeing her nan."}
    lines = [said.get(line[:line.find(":") + 1], line) for line in SAMPLE_REFERRAL.splitlines()]
    return "\n".join(line for line in lines if line is not None).replace(
        "Casey Marie Hollin", f"{name} Hollin").replace("Casey", name).replace("Cee", name)


@pytest.mark.parametrize(("name", "pet_form"), [("Charlotte", "Charlie"),
                                                ("Josephine", "Josie"), ("Roxanne", "Roxy")])
async def test_a_pet_form_used_for_the_child_reaches_no_provider(worker, name, pet_form) -> None:  # type: ignore[no-untyped-def]
    await worker.receive(referral_email(_called(name, pet_form)))
    sent = await worker.outbox(kind="provider/referral")
    assert sent
    for email in sent:
        text = text_of(email)
        assert pet_form not in text and name not in text and "Hollin" not in text, text

"""Another referral of the same child is looked for within the referring council only, and
named only to those who may know of it: anyone who can send a form from a council's domain
must not learn, by typing a child's NHS number, that the child is being placed."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

from tests.adapters.worker import make_worker
from tests.factories import SAMPLE_REFERRAL, referral_email

EASTMERE_DESK = "facilities.desk@eastmere.gov.example"  # at a member council; no referrer
NORTHBY_DESK = "facilities.desk@northby.gov.example"


async def _read(worker: Any, **which: str) -> str:
    """The text of every email in the outbox to `to` (or of `kind`), decoded."""
    texts = []
    for row in await worker.outbox(**which):
        message = message_from_bytes(row.raw, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        texts.append(f"{message['Subject']}\n{body.get_content() if body else ''}")
    return "\n".join(texts)


async def test_another_councils_referral_of_the_child_is_neither_found_nor_named(
        tmp_path: Path, database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        await worker.receive(referral_email())  # Northby's referral of the sample child
        first = (await worker.referrals())[0]
        await worker.receive(referral_email(sender=EASTMERE_DESK),
                             mail_from=EASTMERE_DESK)
        told = await _read(worker, to=EASTMERE_DESK)
        assert told and first.reference not in told and "another open or recent" not in told
        assert first.reference not in await _read(worker, kind="placements_team/held")

        same_council = await worker.receive(referral_email(sender=NORTHBY_DESK),
                                            mail_from=NORTHBY_DESK)
        assert same_council.outcome == "held"  # Northby's own: the team is told of it
        assert first.reference in await _read(worker, kind="placements_team/held")
        to_desk = await _read(worker, to=NORTHBY_DESK)
        assert to_desk and first.reference not in to_desk
        assert "another open or recent" not in to_desk
    finally:
        await worker.db.dispose()


def _without_nhs_number(name: str) -> str:
    """The sample referral under this name, with no NHS number or Known as line: the child is
    recognised only by the name and the date of birth."""
    lines = [line for line in SAMPLE_REFERRAL.splitlines(keepends=True)
             if not line.startswith(("NHS number:", "Known as:"))]
    return "".join(lines).replace("Child's name: Casey Marie Hollin", f"Child's name: {name}")


async def test_a_remark_left_in_the_name_does_not_hide_the_same_child(
        tmp_path: Path, database_url: str) -> None:
    # round R23's K16: sent with "(known as …)" in the name, then again without it (or under
    # the name she is known by): the second is held, never sent to providers a second time
    worker = await make_worker(tmp_path, database_url)
    try:
        await worker.receive(referral_email(_without_nhs_number(
            "Casey Marie Hollin (known as Cee)")))
        [first] = await worker.referrals()
        sent = len(await worker.outbox(kind="provider/referral"))
        assert sent > 0
        for name in ("Casey Marie Hollin", "Cee Hollin"):
            again = await worker.receive(referral_email(_without_nhs_number(name)))
            assert again.outcome == "held", name
        assert len(await worker.outbox(kind="provider/referral")) == sent
        assert first.reference in await _read(worker, kind="placements_team/held")
    finally:
        await worker.db.dispose()

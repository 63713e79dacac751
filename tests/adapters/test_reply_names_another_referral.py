"""Through the real worker: a home's reply on one referral's email that names another
referral is recorded for neither, and the home is told where to answer (ux47 R3, rule
`reply-names-another-referral`): the subject of our email to it about the referral it
named, or, for a referral never sent to it, only that."""

from __future__ import annotations

from typing import Any

from tests.adapters.worker import Worker, answer, header, text_of
from tests.factories import SAMPLE_REFERRAL, referral_email

SECOND_CHILD = (SAMPLE_REFERRAL.replace("Casey Marie Hollin", "Robin Ash Fenwick")
                .replace("14/03/2012", "02/06/2011").replace("999 000 0115", "999 000 0123")
                .replace("NB-448213", "NB-550917"))
WRONG_ONE = "Sorry wrong one earlier - for the girl {} we can offer after all, £5,300 pw."


async def _answered(worker: Worker, reference: str) -> tuple[Any, str]:
    """The first home's reply, on the first referral's email, naming `reference`: the
    email it was then sent."""
    first = (await worker.outbox(kind="provider/referral"))[0]
    await answer(worker, first, WRONG_ONE.format(reference))
    assert await worker.responses() == []
    [told] = await worker.outbox(kind="provider/another_referral")
    assert told.to_addr == first.to_addr and told.establishment == first.establishment
    return first, " ".join(text_of(told).split())


async def test_an_offer_for_the_homes_other_referral_is_sent_back_to_its_email(
        worker: Worker) -> None:
    await worker.receive(referral_email(SECOND_CHILD, subject="Referral: Robin"))
    first_referral, second = await worker.referrals()
    assert second.state == "open"
    first, told = await _answered(worker, second.reference)
    [its_email] = [row for row in await worker.outbox(kind="provider/referral")
                   if row.referral_id == second.id and row.establishment == first.establishment]
    subject = header(its_email, "Subject")
    assert "[#" in subject  # (its code proves mail to one address: never repeated)
    assert (f"Your reply names {second.reference} but came on the email for "
            f"{first_referral.reference} (Northby); nothing was recorded for either.") in told
    assert (f"To answer {second.reference}, reply to the email we sent "
            f"{first.establishment.replace('-', ' ').title()} about it (subject: "
            f"{subject.split(' [#')[0]}).") in told


async def test_a_referral_never_sent_to_the_home_is_only_said_to_be_so(worker: Worker) -> None:
    await worker.receive(referral_email(subject="Referral again"))  # the same child: held
    first_referral, held = await worker.referrals()
    assert held.state == "held"
    _first, told = await _answered(worker, held.reference)
    assert f"{held.reference} is not a referral we sent to" in told
    assert "subject:" not in told

"""Through the real worker (rule `proposal-to-who-wrote`, ux47 #3): Larch House, chosen,
lists larch.house@ first and its group's referrals@ second. Its officer counters from
referrals@; the council's next proposal goes to both, and an "Agreed" to the copy agrees to
it (the fee then goes for the budget holder's sign-off), not to an earlier proposal."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from tests.adapters.worker import Worker, approved_with_offers, header, make_worker
from tests.factories import referral_email

HOUSE, GROUP = "larch.house@larchcare.example", "referrals@larchcare.example"


async def _from(worker: Worker, sender: str, answered: object, body: str) -> None:
    """`sender` answers the email `answered` (an outbox row) on its thread."""
    reply = EmailMessage()
    reply["From"], reply["To"] = sender, header(answered, "Reply-To")
    reply["Subject"] = f"RE: {header(answered, 'Subject')}"
    reply["Message-ID"] = make_msgid(domain="larchcare.example")
    reply["In-Reply-To"] = header(answered, "Message-ID")
    reply.set_content(body)
    await worker.receive(reply, to=header(answered, "Reply-To"), mail_from=sender)


async def _chosen_and_countered(worker: Worker, sender: str,
                                then_for_b: str = "") -> str:
    """Larch House (A) chosen and countering from `sender`; then B's contact writing
    `then_for_b` for B, on B's papers, if given."""
    referral = await approved_with_offers(worker, homes=2)
    papers = await worker.outbox(kind="provider/papers")
    assert [p.to_addr for p in papers] == [HOUSE, GROUP]  # A, and B (another Larch home)
    await worker.receive(referral_email("CHOOSE A", subject=f"Re: {referral.reference}"))
    [chosen] = await worker.outbox(kind="provider/chosen")
    await _from(worker, sender, chosen, "We could do £4,300 per week.")
    if then_for_b:
        await _from(worker, GROUP, papers[1], then_for_b)
    await worker.receive(referral_email("PROPOSE £4,100 per week",
                                        subject=f"Re: {referral.reference}"))
    return referral.reference


async def test_the_proposal_also_goes_to_the_contact_that_countered(
        tmp_path: Path, database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        await _chosen_and_countered(worker, GROUP)
        proposals = await worker.outbox(kind="provider/fee_proposal")
        assert sorted(p.to_addr for p in proposals) == sorted([HOUSE, GROUP])
        copy = next(p for p in proposals if p.to_addr == GROUP)
        await _from(worker, GROUP, copy, "Agreed.")  # read as agreeing to the £4,100
        assert await worker.outbox(kind="provider/fee_superseded") == []
        assert len(await worker.outbox(kind="budget_holder/sign_off_request")) == 1
    finally:
        await worker.db.dispose()


async def test_countered_from_its_first_contact_it_goes_once(
        tmp_path: Path, database_url: str) -> None:
    """The group's inbox wrote last, but for B: not the chosen home's reply."""
    worker = await make_worker(tmp_path, database_url)
    try:
        await _chosen_and_countered(worker, HOUSE, then_for_b="Our offer still stands.")
        assert [p.to_addr for p in await worker.outbox(kind="provider/fee_proposal")] == [HOUSE]
    finally:
        await worker.db.dispose()

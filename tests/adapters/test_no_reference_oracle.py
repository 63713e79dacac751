"""Nobody learns by trying which references are real (rule `no-reference-oracle`,
workflows/permissions.py). Through the real intake worker, every authority
`sender_auth: required`: a stranger's instruction naming a real referral it may not act on
is answered word for word as one naming a reference that is nobody's; a proved sender the
directory knows is still told why."""

from __future__ import annotations

from tests.adapters.test_forged_senders import PROVIDERS, email_to
from tests.adapters.test_forged_senders import signers as signers  # noqa: F401  (a fixture)
from tests.adapters.test_forged_senders import worker as worker  # noqa: F401  (a fixture)
from tests.adapters.worker import Worker, text_of
from tests.factories import REFERRER, referral_email
from workflows.intake import UNADDRESSED_TEMPLATES
from workflows.permissions import AS_UNKNOWN

REFERRALS = "referrals@broker.localhost"


async def _answer(worker: Worker, to: str, sender: str, line: str) -> tuple[str, str]:
    before = {row.id for row in await worker.outbox(to=sender)}
    await worker.receive(email_to(to, sender, line, subject="Update"), to=to,
                         mail_from=sender)
    [answer] = [row for row in await worker.outbox(to=sender) if row.id not in before]
    return answer.subject, text_of(answer)


async def test_a_stranger_is_told_the_same_for_a_real_reference_and_a_made_up_one(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    made_up = "REF-2026-000001"
    assert made_up != referral.reference
    cases = [(f"{who}{n}@{where}", to, line) for n, (who, where, to, line) in enumerate([
        ("victim", "elsewhere.example", PROVIDERS, "ENDED {} 01/12/2026 moved out"),
        ("victim", "elsewhere.example", PROVIDERS, "WITHDRAW {} found a carer"),
        # forged at a member council's domain, to referrals@ and providers@
        ("nobody", "northby.gov.example", REFERRALS, "ENDED {} 01/12/2026 moved out"),
        ("nobody", "northby.gov.example", REFERRALS, "WITHDRAW {} found a carer"),
        ("nobody", "northby.gov.example", PROVIDERS, "ENDED {} 01/12/2026 moved out")])]
    for stranger, to, line in cases:
        if True:
            real = await _answer(worker, to, stranger, line.format(referral.reference))
            unknown = await _answer(worker, to, stranger, line.format(made_up))
            assert real == unknown, (stranger, to, line)
            assert "Only the referring" not in real[1]
    assert [r.state for r in await worker.referrals()] == ["open"]


async def test_a_proved_sender_the_directory_knows_is_still_told_why(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    colleague = "jordan.okafor@northby.gov.example"
    await worker.receive(signers.sign(email_to(REFERRALS, colleague,
                                               f"WITHDRAW {referral.reference} found a carer")),
                         mail_from=colleague)
    [refusal] = await worker.outbox("social_worker/instruction_refused", to=colleague)
    assert "Only the referring social worker" in text_of(refusal)


def test_a_strangers_refusal_is_the_unknown_references_answer_on_each_route() -> None:
    assert AS_UNKNOWN[True] == UNADDRESSED_TEMPLATES["unknown-referral"]
    assert AS_UNKNOWN[False] == UNADDRESSED_TEMPLATES["provider-unknown-referral"]

"""What the agreement and the placed notice say, rendered from real decisions: the fee agreed
for Kestrel House (workflows/agreement.py `placed`), its IPA to the home and the placements
team (templates/email/_ipa.txt.j2, broker/ipa_pdf.py) and the social worker's notice
(templates/email/social_worker/placed.txt.j2)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import ALEX, NOW, RUTH, SW, actor, snapshot
from workflows.commands import IssueDocument, SendEmail
from workflows.events import FeeAgreed
from workflows.lifecycle import decide
from workflows.snapshot import ApprovalRecord
from workflows.states import State

APPROVED_AT = NOW - timedelta(days=1)  # Tuesday 24 November 2026


def _negotiating():  # type: ignore[no-untyped-def]
    """Kestrel House chosen, its offer to start on 2 December."""
    negotiating = snapshot(State.NEGOTIATING)
    offer = negotiating.responses["kestrel-house"]
    return replace(negotiating, responses={**negotiating.responses, "kestrel-house": replace(
        offer, fields={**offer.fields, "available_from": "2026-12-02"})})


def _placed(**approvals: str):  # type: ignore[no-untyped-def]
    """Kestrel House's £4,800 agreed, the shortlist approved by each of `approvals` (address
    → decision) the day before."""
    records = tuple(ApprovalRecord(1, who, "", decision, "", APPROVED_AT)
                    for who, decision in approvals.items())
    before = replace(_negotiating(), approvals=records)
    return decide(before, FeeAgreed(actor=actor(SW), key="a"))


def _bodies(decision) -> dict[str, str]:  # type: ignore[no-untyped-def]
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    bodies = {}
    for command in decision.commands:
        if isinstance(command, SendEmail):
            raw = renderer.render(command, datetime(2026, 11, 25, 9, tzinfo=UTC)).raw
            message = message_from_bytes(raw, policy=policy.default)
            bodies[command.template] = message.get_body(("plain",)).get_content()
    return bodies


def test_the_social_worker_is_told_the_start_the_agreement_and_that_the_summary_stopped() -> None:
    told = _bodies(_placed(**{ALEX: "approve", RUTH: "approve"}))["social_worker/placed"]
    assert "Start date: Wednesday 2 December 2026" in told  # Kestrel House's offer
    assert ("The agreement: IPA-REF-2026-000001, a PDF with the child's details, behind its "
            "own link for Kestrel House and for your placements team "
            "(placements@northby.gov.example)") in told
    assert "The family's summary link has now stopped working" in told
    assert "Next steps:" in told and '"ENDED 01/03/2027' in told
    assert "Casey" not in told


def test_the_agreement_names_who_approved_it_for_the_council_and_when() -> None:
    decision = _placed(**{ALEX: "approve", RUTH: "approve"})
    for template in ("provider/ipa", "authority/ipa"):
        text = _bodies(decision)[template]
        assert ("Approved for Northby Council by Alex Morgan and Ruth Adeyemi "
                "(commissioners), Tuesday 24 November 2026; issued through the placement "
                "referral broker.") in text
        assert "Signed for Northby Council through" not in text
    [document] = [c for c in decision.commands if isinstance(c, IssueDocument)]
    from broker.ipa_pdf import ipa_pdf

    pdf = ipa_pdf(document.context).decode("latin-1")
    assert ("Approved for Northby Council by Alex Morgan and Ruth Adeyemi \\(commissioners\\), "
            "24 November 2026") in pdf  # a PDF string escapes its brackets
    assert "Signed for" not in pdf


def test_an_approval_taken_back_is_not_named_on_the_agreement() -> None:
    """Ruth approved, then rejected: only Alex's approval stands, and only Alex is named."""
    before = replace(_negotiating(), approvals=(
        ApprovalRecord(1, ALEX, "", "approve", "", APPROVED_AT),
        ApprovalRecord(1, RUTH, "", "approve", "", APPROVED_AT),
        ApprovalRecord(1, RUTH, "", "reject", "too far", APPROVED_AT + timedelta(hours=1))))
    text = _bodies(decide(before, FeeAgreed(actor=actor(SW), key="a")))["authority/ipa"]
    assert "Approved for Northby Council by Alex Morgan (commissioner), Tuesday" in text
    assert "Ruth" not in text.split("Approved for", 1)[1]


def test_the_agreement_says_what_the_fee_covers_and_its_clauses_hold_no_link() -> None:
    text = _bodies(_placed(**{ALEX: "approve", RUTH: "approve"}))["provider/ipa"]
    assert "as the agreement document sets out" not in text
    assert ("The fee covers: a place at Kestrel House for one child from Wednesday 2 December "
            "2026, with the care and support the home's offer set out (in its own words in "
            "the agreement document)") in text  # ux49s U8: never confirmed on the papers
    assert "Additional costs agreed, on top of the fee:" in text
    agreement = text[text.index("INDIVIDUAL PLACEMENT AGREEMENT"):]
    child = agreement[agreement.index("2. The child"):agreement.index("3. The placement")]
    assert "/ipa/" not in child and "personal link" not in child and "Download" not in child
    before = text[:text.index("INDIVIDUAL PLACEMENT AGREEMENT")]
    assert "/ipa/" in before and "Download the PDF" in before

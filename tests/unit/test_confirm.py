"""The pure parts of asking a council's person to confirm an instruction (workflows/confirm.py)
and of the code at the end of the subjects the service sends them (channels/email/render.py)."""

from __future__ import annotations

import pytest

from broker.tokens import coded_reference, subject_code
from channels.email.render import coded_subject
from workflows.confirm import confirmed, first_line, original_message_id, request_key

SECRET = b"test-secret"
SAM = "sam.taylor@northby.gov.example"


@pytest.mark.parametrize("text", ["Yes", "yes please", "Yes, thanks!\n\nSam", "Confirmed.",
                                  "I confirm", "OK", "Yes - go ahead", "yes\n> EXTEND 2d"])
def test_a_bare_yes_confirms(text: str) -> None:
    assert confirmed(text)


@pytest.mark.parametrize("text", ["No", "yes but make it 3d", "Yes, not that one",
                                  "EXTEND 2d", "", "Don't", "Yes. Actually do not"])
def test_anything_more_than_yes_does_not(text: str) -> None:
    assert not confirmed(text)


def test_the_request_names_the_email_it_asks_about() -> None:
    key = request_key("REF-2026-000123", "<abc:1@northby.gov.example>")
    assert original_message_id(key) == "<abc:1@northby.gov.example>"
    assert first_line("\n\n  EXTEND 2d  \nSam") == "EXTEND 2d"
    assert len(first_line("WITHDRAW " + "x" * 500)) == 300


def test_only_a_council_persons_email_about_a_referral_carries_their_code() -> None:
    context = {"reference": "REF-2026-000123"}
    code = subject_code(SECRET, SAM, "REF-2026-000123")
    coded = coded_subject(SECRET, "social_worker/acknowledgement", f"Sam <{SAM}>", context,
                          "REF-2026-000123: sent")
    assert coded == f"REF-2026-000123: sent [#{code}]"
    assert coded_reference(SECRET, coded, SAM) == "REF-2026-000123"
    assert coded_subject(SECRET, "commissioner/approval_request", SAM, context, "S") != "S"
    # A home's emails, several recipients at once, or no referral: no code.
    assert coded_subject(SECRET, "provider/referral", SAM, context, "S") == "S"
    assert coded_subject(SECRET, "social_worker/x", f"{SAM}, jo@northby.gov.example", context,
                         "S") == "S"
    assert coded_subject(SECRET, "social_worker/no_form", SAM, {}, "S") == "S"
    # Another's address, another secret, another referral: not this code.
    assert coded_reference(SECRET, coded, "jo@northby.gov.example") == ""
    assert coded_reference(b"other", coded, SAM) == ""
    assert coded_reference(SECRET, coded.replace("000123", "000124"), SAM) == ""

"""`python -m broker.examples.send_referral` sends as the sender it is given: the sample's Sam
Taylor only for the sample's own address (ux47: any --sender went as "Sam Taylor <…>")."""

from __future__ import annotations

from email.utils import parseaddr

from broker.examples.send_referral import SAMPLE_SENDER, build_referral_email


def test_the_sender_given_is_the_sender_named() -> None:
    other = build_referral_email("Child's name: Ada Example", "kim.walsh@eastmere.gov.example",
                                 "referrals@broker.localhost")
    assert parseaddr(str(other["From"])) == ("", "kim.walsh@eastmere.gov.example")
    sample = build_referral_email("Child's name: Ada Example", SAMPLE_SENDER,
                                  "referrals@broker.localhost")
    assert parseaddr(str(sample["From"])) == ("Sam Taylor", SAMPLE_SENDER)

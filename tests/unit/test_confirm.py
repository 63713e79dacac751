"""The pure parts of asking a council's person to confirm an instruction (workflows/confirm.py)
and of the code at the end of the subjects the service sends them (channels/email/render.py)."""

from __future__ import annotations

import pytest

from broker.tokens import HOMES, coded_reference, home_scope, subject_code
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


def test_only_an_email_to_one_person_about_a_referral_carries_their_code() -> None:
    context = {"reference": "REF-2026-000123"}
    code = subject_code(SECRET, SAM, "REF-2026-000123")
    coded = coded_subject(SECRET, "social_worker/acknowledgement", f"Sam <{SAM}>", context,
                          "REF-2026-000123: sent")
    assert coded == f"REF-2026-000123: sent [#{code}]"
    assert coded_reference(SECRET, coded, SAM) == "REF-2026-000123"
    assert coded_subject(SECRET, "commissioner/approval_request", SAM, context, "S") != "S"
    # A home's officer gets her own code for the referral (a provider is coded as a
    # council's people are); several recipients at once, or no referral: no code.
    home = "larch.house@larchcare.example"
    assert coded_subject(SECRET, "provider/referral", home, context, "S") == (
        f"S [#{subject_code(SECRET, home, 'REF-2026-000123')}]")
    assert coded_subject(SECRET, "social_worker/x", f"{SAM}, jo@northby.gov.example", context,
                         "S") == "S"
    assert coded_subject(SECRET, "social_worker/no_form", SAM, {}, "S") == "S"
    # Another's address, another secret, another referral: not this code.
    assert coded_reference(SECRET, coded, "jo@northby.gov.example") == ""
    assert coded_reference(b"other", coded, SAM) == ""
    assert coded_reference(SECRET, coded.replace("000123", "000124"), SAM) == ""


def test_a_providers_email_about_its_homes_carries_its_code_for_them() -> None:
    """No referral: the code is for the one home the email is about, else for all the homes
    the address speaks for (the weekly vacancy return to a group's shared mailbox)."""
    group = "referrals@larchcare.example"
    one = coded_subject(SECRET, "provider/vacancy_return", group, {}, "V", "larch-house")
    every = coded_subject(SECRET, "provider/notice_recorded", group, {}, "R")
    assert one == f"V [#{subject_code(SECRET, group, home_scope('larch-house'))}]"
    assert every == f"R [#{subject_code(SECRET, group, HOMES)}]"
    assert coded_reference(SECRET, one, group, (HOMES, home_scope("larch-house"))) == (
        home_scope("larch-house"))
    assert coded_reference(SECRET, one, group, (HOMES, home_scope("larch-lodge"))) == ""
    assert coded_reference(SECRET, every, group, (HOMES,)) == HOMES
    # An application's emails carry the applicant's or approver's code for its reference.
    approver = "hannah.lees@brackenridge.gov.example"
    coded = coded_subject(SECRET, "approver/application_request", approver,
                          {"reference": "APP-2027-483920"}, "APP-2027-483920: approve?")
    assert coded_reference(SECRET, coded, approver) == "APP-2027-483920"
    # Strangers' answers (alike for a real reference and a made-up one: no oracle), and
    # anything else with no reference, carry none.
    assert coded_subject(SECRET, "sender/unknown_referral", SAM, {}, "S") == "S"
    assert coded_subject(SECRET, "provider/unknown_referral", group,
                         {"reference": "REF-2026-000123"}, "S") == "S"
    assert coded_subject(SECRET, "provider/providers_help", group, {}, "S") == "S"
    assert coded_subject(SECRET, "staff/sign_in", SAM, {}, "S") == "S"


def test_every_request_to_confirm_counts_towards_the_daily_answers() -> None:
    """Whoever holds someone's signed emails can send them on, each making the service ask
    its writer again: the requests are answers, limited as the rest are."""
    from workflows.answer_limits import ANSWER_KINDS
    from workflows.confirm import TEMPLATES

    assert set(TEMPLATES) <= set(ANSWER_KINDS)


def test_no_email_whose_replies_go_to_a_person_carries_a_code() -> None:
    """A reply keeps the subject: with a personal Reply-To (the commissioner's answered
    question, replied to the social worker) it would hand his code to her. Replies that come
    back to the service (a home's reply address, providers@) keep theirs."""
    context = {"reference": "REF-2026-000123"}
    alex = "alex.morgan@northby.gov.example"
    for reply_to in (SAM, f"Sam <{SAM}>", "referrals@broker.localhost.evil.example",
                     "jo@broker.localhost"):
        assert coded_subject(SECRET, "commissioner/question_answered", alex, context, "S",
                             reply_to=reply_to, domain="broker.localhost") == "S", reply_to
    home = "larch.house@larchcare.example"
    for reply_to in ("r+abc.larch-house.0123@broker.localhost", "providers@broker.localhost"):
        assert coded_subject(SECRET, "provider/referral", home, context, "S",
                             reply_to=reply_to, domain="broker.localhost") != "S", reply_to

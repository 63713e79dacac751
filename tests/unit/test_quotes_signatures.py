"""Sign-offs and signature blocks end the new text, so a signature's "Service:", "Location:"
or "Ofsted URN:" is never read as the provider's answer; a form's own last lines still are.
People, places and numbers are made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from broker.forms import fields_from_text, load_referral_spec, load_response_spec, read_message

CONFIG = Path(__file__).resolve().parents[2] / "config"
RESPONSE = load_response_spec(CONFIG)

FORM = "Decision: Offer\nHome or carer: Willowbank House\nWeekly fee: £4,400 per week\n\n"
ANSWERED = {"decision": "Offer", "service_name": "Willowbank House",
            "weekly_fee": "£4,400 per week"}
SIGNATURE = ("Jo Fictional\nRegistered Manager\nService: Willowbank Residential Services\n"
             "Location: Head Office, Fictonbury ZZ9 9ZZ\nT: 0113 496 0000\n\n")
DISCLAIMER = (
    "DISCLAIMER: This email and any attachments are confidential and intended solely for the "
    "addressee. If you have received it in error, please contact the sender and delete it.\n"
)


def read(body: str) -> dict[str, str]:
    raw = ("From: Jo Fictional <placements@willowbank-care.example>\nSubject: Re: Referral\n"
           "Date: Tue, 01 Dec 2026 10:15:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n"
           + body).encode()
    return read_message(raw, RESPONSE, new_text_only=True).fields


@pytest.mark.parametrize("sign_off", [
    "Kindest regards,", "Thanks and regards", "Many thanks and kind regards,",
    "Thanks in advance,", "Cofion gorau,",
])
def test_sign_offs_end_the_new_text(sign_off: str) -> None:
    assert read(FORM + sign_off + "\n" + SIGNATURE + DISCLAIMER) == ANSWERED


def test_a_sign_off_with_the_name_on_the_same_line_ends_the_new_text() -> None:
    body = ("Sorry, we have no vacancies at the moment.\n\nKind regards, Jo\n"
            "Service: Willowbank Residential\nLocation: ZZ9\n")
    assert read(body) == {}


def test_a_name_and_phone_signature_with_an_ofsted_urn_is_not_read() -> None:
    body = ("Please send the full papers.\n\nJo Fictional\nRegistered Manager, Willowbank House\n"
            "Ofsted URN: SC654321\nT: 0113 496 0000\nE: jo@willowbank-care.example\n")
    assert read(body) == {}


def test_thanks_followed_by_a_sentence_is_not_a_sign_off() -> None:
    body = "Hi Sam,\n\nThanks, we can offer.\nDecision: Offer\nWeekly fee: £4,400 per week\n"
    assert read(body) == {"decision": "Offer", "weekly_fee": "£4,400 per week"}


def test_a_form_ending_with_its_contact_and_urn_is_read_in_full() -> None:
    body = ("Decision: Offer\nHome or carer: Willowbank House\nOfsted URN: SC654321\n"
            "Weekly fee: £4,400 per week\nContact: Jo Fictional, 0113 496 0000\n")
    assert read(body) == {
        "decision": "Offer", "service_name": "Willowbank House", "urn": "SC654321",
        "weekly_fee": "£4,400 per week", "contact": "Jo Fictional, 0113 496 0000",
    }


def test_a_signature_with_a_disclaimer_below_it_is_not_part_of_the_last_free_text() -> None:
    """A referral's last field is often free text, which runs on over blank lines; the social
    worker's name-and-phone block, and the council's notice below it, must not join it (the
    narrative is broadcast)."""
    text = ("Child's name: Ada Quill\nChild's wishes: To stay near her school.\n\n"
            "Sam Tarrant\nSocial Worker | Children in Care Team\n"
            "Tel: 0113 496 0777 | Mob: 07700 900555\nsam.tarrant@northby.gov.example\n\n"
            + DISCLAIMER)
    wishes = fields_from_text(text, load_referral_spec(CONFIG)).values["wishes"]
    assert wishes == "To stay near her school."


def body_text(body: str) -> str:
    raw = ("From: Jo Fictional <placements@willowbank-care.example>\nSubject: Re: Referral\n"
           "Date: Tue, 01 Dec 2026 10:15:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n"
           + body).encode()
    return read_message(raw, RESPONSE, new_text_only=True).body_text


@pytest.mark.parametrize("thanks", ["Thanks", "Thank you.", "Many thanks", "Cheers!", "Ta"])
def test_a_bare_thanks_with_more_of_the_reply_under_it_does_not_end_the_new_text(
        thanks: str) -> None:
    # Rule thanks-signed-below (round 59 q05): the condition after "Thanks" was cut.
    body = ("Confirmed – still offering, fee as before.\n\n" + thanks + "\n\nOne thing: you "
            "would need to do the school run for the first two weeks as we are short of "
            "drivers.\n\nKind regards\nJo Fictional\nT: 0113 496 0000\n")
    text = body_text(body)
    assert "still offering, fee as before" in text
    assert "school run for the first two weeks" in text
    assert "0113 496 0000" not in text


@pytest.mark.parametrize("thanks", ["Thanks", "Thank you.", "Many thanks", "Cheers!", "Ta"])
@pytest.mark.parametrize("signature", [
    "", "Jo Fictional\n", "Priya\nDeputy Manager\nWillowbank House\n",
    SIGNATURE + DISCLAIMER, "Jo Fictional | Registered Manager | 0113 496 0000\n",
    "Tunde\n\nSent from my iPhone\n", "\n" + DISCLAIMER,
])
def test_a_bare_thanks_over_a_signature_still_ends_the_new_text(thanks: str,
                                                               signature: str) -> None:
    assert read(FORM + thanks + "\n" + signature) == ANSWERED
    assert thanks.rstrip(".!") not in body_text("Confirmed, still offering.\n\n" + thanks
                                                + "\n" + signature)

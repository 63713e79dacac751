"""Details that together could identify a child with every name gone: flagged to the referrer
with a safer wording, never silently passed. Places and people are fictional or generic."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy

from broker.anonymise import anonymise
from broker.anonymise.reidentify import reidentification_warnings
from broker.referral import ReferralForm
from channels.email.render import TEMPLATES, EmailRenderer
from workflows.commands import SendEmail

TODAY = date(2026, 11, 20)
RARE = ("Since moving to Mytholmroyd last spring, Efan has been managing Alstrom syndrome; "
        "he is 12 years and 7 months old and wants to keep his dog.")


def test_a_small_town_a_rare_condition_and_an_exact_age_are_flagged_with_wording() -> None:
    form = ReferralForm(child_name="Efan Prothero", background=RARE)
    result = anonymise(form, authority=None, today=TODAY)
    assert len(result.warnings) == 1
    details = {d["kind"]: d for d in result.warnings[0]["details"]}
    assert set(details) == {"place", "condition", "age"}
    assert details["place"]["found"] == "Mytholmroyd"
    assert details["place"]["suggestion"] == "a small town in the area"
    assert details["condition"]["found"] == "Alstrom syndrome"
    assert details["age"]["suggestion"] == "aged 12"
    assert "Mytholmroyd" in result.warnings[0]["message"]
    assert result.to_json()["warnings"] == result.warnings


def test_details_in_different_fields_combine() -> None:
    texts = {"background": "She lives in a village called Heptonstall.",
             "education": "She was the only girl in her year to be featured in the local "
                          "newspaper."}
    [warning] = reidentification_warnings(texts)
    assert {d["kind"] for d in warning["details"]} == {"place", "distinction", "press"}
    assert {d["field"] for d in warning["details"]} == {"background", "education"}
    assert "a village nearby" in [d["suggestion"] for d in warning["details"]]


def test_a_birthday_already_redacted_is_quoted_whole() -> None:
    [warning] = reidentification_warnings({
        "background": "She lives in Thornby Parva, has Ehlers-Danlos syndrome and turned 12 "
                      "on [date of birth]."})
    found = [detail["found"] for detail in warning["details"]]
    assert "turned 12 on [date of birth]" in found


def test_common_details_raise_no_warning_and_no_key() -> None:
    form = ReferralForm(child_name="Efan Prothero",
                        background="He lives in Leeds with his aunt, has ADHD and autism, "
                                   "and supports Leeds United. He is 12.")
    result = anonymise(form, authority=None, today=TODAY)
    assert result.warnings == []
    assert "warnings" not in result.to_json()


def test_one_rare_detail_alone_is_not_flagged() -> None:
    assert reidentification_warnings({"background": "He has Alstrom syndrome."}) == []


def test_the_acknowledgement_shows_the_warning_to_the_social_worker() -> None:
    form = ReferralForm(child_name="Efan Prothero", background=RARE)
    anonymised = anonymise(form, authority="Northby Council", today=TODAY).to_json()
    context = {"reference": "REF-2026-000007", "providers": 3,
               "deadline": datetime(2026, 11, 21, tzinfo=UTC), "window": timedelta(hours=24),
               "subject": "Referral", "wave_name": "", "later_waves": [], **anonymised}
    command = SendEmail(key="REF-2026-000007:acknowledgement",
                        template="social_worker/acknowledgement",
                        to="sam@northby.gov.example", context=context)
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    message = message_from_bytes(renderer.render(command, datetime(2026, 11, 20, tzinfo=UTC)).raw,
                                 policy=policy.default)
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for body in (plain, html):
        assert "could identify the child" in body
        assert "a small town in the area" in body

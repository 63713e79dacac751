"""The comparison as the social worker reads it: an answer left out says "none given" in
our words, not as a quotation of the provider; the SHORTLIST example names options that
exist; each fact stands on its own line; the Ofsted rating says where it came from."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import message_from_bytes, policy

from broker.comparison import ResponseIn, compare
from broker.directory import load_directory
from channels.email.render import TEMPLATES, EmailRenderer
from tests.factories import CONFIG
from workflows.commands import SendEmail

DIRECTORY = load_directory(CONFIG)
RENDERER = EmailRenderer("broker.localhost", "referrals@broker.localhost", [TEMPLATES],
                         secret=b"test-secret")
NOW = datetime(2026, 12, 7, 0, 15, tzinfo=UTC)
ARRANGEMENT = "south-london-residential"


def _offer(key: str, fee: str, **more: str) -> ResponseIn:
    return ResponseIn(key, {"decision": "offer", "weekly_fee": fee,
                            "available_from": date(2026, 12, 1).isoformat(), **more},
                      arrangement=ARRANGEMENT)


def _text(*replies: ResponseIn) -> str:
    comparison = compare(list(replies), DIRECTORY, "SE15", eligible_count=len(replies))
    email = RENDERER.render(SendEmail(
        key="k", template="social_worker/comparison", to="sam.taylor@northby.gov.example",
        context={"reference": "REF-2026-000001", "comparison": comparison,
                 "profile": {"area": "SE15"}, "deadline": NOW, "shortlist_link": "",
                 "summary_link": ""}), NOW)
    body = message_from_bytes(email.raw, policy=policy.default).get_body(("plain",))
    return str(body.get_content())


def test_costs_not_given_are_said_in_our_words_not_quoted_as_the_providers() -> None:
    text = _text(_offer("larch-house", "5000"),
                 _offer("larch-view", "4000", additional_costs="none"))

    assert "Additional costs: none given\n" in text
    assert "“none given”" not in text
    assert "Additional costs: “none”\n" in text  # what a provider wrote stays its words


def test_the_shortlist_example_names_only_options_that_exist() -> None:
    two = _text(_offer("larch-house", "5000"), _offer("larch-view", "4000"))
    one = _text(_offer("larch-house", "5000"))

    assert "\nSHORTLIST A, B\n" in two and "SHORTLIST A, C" not in two
    assert "\nSHORTLIST A\n" in one


def test_each_fact_of_an_option_stands_on_its_own_line_with_its_ratings_source() -> None:
    text = _text(_offer("larch-house", "5000"),
                 _offer("larch-view", "4000", ofsted_rating="outstanding"))

    assert "   Ofsted rating: Good (from the directory)\n   Location: " in text
    assert ("   Ofsted rating: the home says Outstanding; our directory says Good: check the "
            "current report\n   Location: ") in text

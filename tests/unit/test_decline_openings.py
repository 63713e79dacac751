"""Rule decline-opening-kept (broker/forms/decline_openings.py): what a decline still holds
open, a bed later or other help, is kept in the home's words and shown beside the declines'
count in the comparison (replies round 65 d01, d02: "we'd consider her for respite" and
"should have a bed late January" reached nobody). Homes, people and numbers are made up."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from broker.comparison import ResponseIn, compare
from broker.directory import load_directory
from broker.forms import load_response_spec, read_response
from broker.forms.decline_openings import decline_opening
from channels.email.render import TEMPLATES, EmailRenderer
from tests.factories import CONFIG
from workflows.commands import SendEmail

RESPONSE = load_response_spec(Path(CONFIG))
DIRECTORY = load_directory(CONFIG)
RENDERER = EmailRenderer("broker.localhost", "referrals@broker.localhost", [TEMPLATES],
                         secret=b"test-secret")
NOW = datetime(2026, 12, 7, 0, 15, tzinfo=UTC)


@pytest.mark.parametrize(("text", "words"), [
    ("No, full until March; we'd consider her for respite though.",
     "full until March; we'd consider her for respite"),
    ("Sadly not – we're full, but should have a bed late January if you're still looking.",
     "should have a bed late January if you're still looking"),
    ("No sorry, we could offer short breaks though.", "we could offer short breaks"),
    ("Not this time - try us again in the new year.", "try us again in the new year"),
    ("We're full. A vacancy may come up in a few weeks.",
     "A vacancy may come up in a few weeks"),
    ("Decline. Please keep us in mind for future referrals.",
     "Please keep us in mind for future referrals"),
])
def test_what_a_decline_holds_open_is_read_in_its_words(text: str, words: str) -> None:
    assert decline_opening(text) == words
    assert decline_opening(words) == words  # read again from where it is kept, the same


@pytest.mark.parametrize("text", [
    "Not this time. Our manager feels her self-harm needs are beyond what we can safely manage.",
    "Unfortunately no. We have a vacancy but it's been earmarked for a young person already "
    "in our care.",
    "No. Would respite help at all?",  # a question of theirs, nothing offered
    "No, and we can't offer respite either.",
    "Please do not contact us again about this referral.",
    "No, our last bed was filled in November.",
    "No vacancy.",
    # our own words quoted below theirs, and their signature, are not theirs to keep
    "We have to decline.\n\nKind regards\nJo Fictional\n\nOn Mon, 7 Dec 2026, Sam wrote:\n"
    "> we could offer respite in January",
])
def test_nothing_is_made_up_from_a_plain_decline(text: str) -> None:
    assert decline_opening(text) is None


def _read(text: str) -> tuple[str | None, str | None]:
    parsed = read_response({}, text, RESPONSE, message_date=date(2026, 12, 7))
    return parsed.decision, parsed.proposal


def test_the_decline_keeps_its_words_with_it() -> None:
    assert _read("No, full until March; we'd consider her for respite though.\n\nKind "
                 "regards\nJo Fictional\n") == (
        "decline", "full until March; we'd consider her for respite")
    assert _read("Not this time, we don't have a vacancy.\n\nThanks\nJo\n") == ("decline", None)


def _comparison(*replies: ResponseIn, team: bool = False) -> tuple[str, str]:
    comparison = compare(list(replies), DIRECTORY, "SE15", eligible_count=len(replies))
    email = RENDERER.render(SendEmail(
        key="k", template="social_worker/comparison", to="sam.taylor@northby.gov.example",
        context={"reference": "REF-2026-000001", "comparison": comparison,
                 "profile": {"area": "SE15"}, "deadline": NOW, "shortlist_link": "",
                 "summary_link": "", "team_copy": team}), NOW)
    message = message_from_bytes(email.raw, policy=policy.default)
    return (str(message.get_body(("plain",)).get_content()),
            str(message.get_body(("html",)).get_content()))


def _decline(key: str, reason: str, proposal: str | None) -> ResponseIn:
    return ResponseIn(key, {"decision": "decline", "decline_reason": reason,
                            "proposal": proposal})


def test_the_comparison_names_the_declining_home_and_quotes_what_it_holds_open() -> None:
    replies = (_decline("larch-house", "no-vacancy",
                        "should have a bed late January if you're still looking"),
               _decline("larch-view", "cannot-meet-needs", None),
               # a form's own words of no opening are not shown for a decline
               _decline("larch-lodge", "other", "N/A"))
    for team in (False, True):
        text, html = _comparison(*replies, team=team)
        assert "Declined: " in text
        assert ("\nLarch House (declined: no vacancy) said: “should have a bed late January "
                "if you're still looking”\n") in text.replace("\r\n", "\n")
        assert "Larch View (declined" not in text and "N/A" not in text
        assert "Larch House (declined: no vacancy) said: “should have a bed late January" in html


def test_a_homes_words_in_the_comparison_are_quoted_and_neutralised() -> None:
    text, _ = _comparison(_decline(
        "larch-house", "no-vacancy", 'could offer respite "\nA. Fake option at '
        'https://evil.example/x'))
    line = next(line for line in text.splitlines() if line.startswith("Larch House (declined"))
    assert line.endswith("”") and line.count("“") == 1 and "evil.example" not in line
    assert "\nA. Fake" not in text

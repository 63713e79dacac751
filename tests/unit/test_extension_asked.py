"""Finding the sentence of an email that asks to extend a placement (broker/forms/extension.py),
answered as no new referral (rule `extension-to-the-team`, workflows/intake.py). The people
and homes are fictional."""

from __future__ import annotations

import pytest

from broker.forms.extension import extension_asked
from workflows.events import FormMessage
from workflows.intake import decide_unaddressed


@pytest.mark.parametrize(
    ("subject", "text", "sentence"),
    [
        (
            "Jo",
            "Hi. Can we extend Jo's placement at Larch View for another 3 months? Thanks",
            "Can we extend Jo's placement at Larch View for another 3 months?",
        ),
        (
            "Re: Freya",
            "We would like an extension to her current placement until March.\nSam",
            "We would like an extension to her current placement until March.",
        ),
        ("Placement extension request", "Hi, details below", "Placement extension request"),
        (
            "Larch View",
            "Could the placement be extended to 31/03/2027?",
            "Could the placement be extended to 31/03/2027?",
        ),
    ],
)
def test_a_request_to_extend_is_found(subject: str, text: str, sentence: str) -> None:
    assert extension_asked(subject, text) == sentence


@pytest.mark.parametrize(
    "text",
    [
        "Hi, we need a placement for a boy of 12 from next week.",
        "Her current placement is ending on 14/12 and we need a new one.",
        "Please extend the window to Friday.",
    ],
)
def test_other_mail_asks_no_extension(text: str) -> None:
    assert extension_asked("Referral", text) is None


# An extension request from her own address, as the tests below decide it.
ASKED = FormMessage(
    "sam.taylor@northby.gov.example",
    "Extension",
    "<m@x>",
    {},
    text="Can we extend Jo's placement?",
)

def test_the_team_is_sent_the_request_only_when_there_is_one() -> None:
    message = ASKED
    asked = decide_unaddressed(
        "extension-asked", message, "k", "referrals@x", "placements@northby.gov.example"
    )
    assert [(c.template, c.to) for c in asked] == [
        ("social_worker/extension_asked", "sam.taylor@northby.gov.example"),
        ("placements_team/extension_asked", "placements@northby.gov.example"),
    ]
    blank = decide_unaddressed(
        "no-form", message, "k", "referrals@x", "placements@northby.gov.example"
    )
    assert [c.template for c in blank] == ["social_worker/no_form"]


@pytest.mark.parametrize("proved", [True, False])
def test_both_emails_say_whether_the_request_was_proved(proved: bool) -> None:
    """The limits on answers count the team's copy of a proved request apart from copies of
    forged ones (rule `proved-team-copy-goes`, workflows/answer_limits.py)."""
    message = ASKED
    asked = decide_unaddressed(
        "extension-asked",
        message,
        "k",
        "referrals@x",
        "placements@northby.gov.example",
        proved=proved,
    )
    assert [c.proved for c in asked] == [proved, proved]


@pytest.mark.parametrize("proved", [True, False])
def test_the_sender_is_quoted_her_words_only_when_her_from_was_proved(proved: bool) -> None:
    """Rule `nothing-quoted-to-the-unproved` (review 43): anyone can write a From at a
    council's domain, so the answer to one nothing proved repeats none of its words, not even
    cleaned of links and numbers; the placements team's copy, which says to check the request
    with the sender, still quotes it."""
    message = FormMessage(
        "sam.taylor@northby.gov.example",
        "Extension for Jo",
        "<m@x>",
        {},
        text="Can we extend Jo's placement? Reply to Jo's new worker.",
    )
    told, team = decide_unaddressed(
        "extension-asked",
        message,
        "k",
        "referrals@x",
        "placements@northby.gov.example",
        proved=proved,
        extra={"asked": "Can we extend Jo's placement?"},
    )
    assert ("asked" in told.context) is proved
    assert team.context["asked"] == "Can we extend Jo's placement?"
    assert team.context["subject"] == "Extension for Jo"

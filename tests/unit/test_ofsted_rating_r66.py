"""Replies of round r66: the Ofsted rating a home states of itself in prose, when it names an
old judgement beside the current one (r66-38) or says it has none yet (r66-36). The homes and
dates are made up."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.placement_kind import rating_stated
from tests.factories import reply_read_as_mail


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        (
            "Sorrel was rated Inadequate in 2024 but was re-inspected in June and is now Good.",
            "good",
        ),
        (
            "We were judged Requires Improvement in 2023 and have since improved to Outstanding.",
            "outstanding",
        ),
        ("Our Ofsted was Inadequate in 2024; the home is now rated Good.", "good"),
        (
            "The home was re-inspected in May and rated Requires Improvement (it was Good before).",
            "requires-improvement",
        ),
    ],
)
def test_the_rating_said_to_be_now_is_read_over_an_old_one(text: str, rating: str) -> None:
    assert rating_stated(text) == rating


@pytest.mark.parametrize(
    "text",
    [
        "The home registered with Ofsted in September 2026 and is awaiting its first inspection.",
        "Sorrel House is new and has not yet been inspected.",
        "Being a new home we are yet to be inspected.",
    ],
)
def test_a_home_awaiting_its_first_inspection_is_not_yet_inspected(text: str) -> None:
    assert rating_stated(text) == "not-yet-inspected"


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("We were rated Good in 2024 and judged Outstanding this year.", None),  # r65: neither
        ("Good morning, she is now a good fit for us.", None),
        ("The home has not been inspected since its re-registration but was rated Good.", "good"),
    ],
)
def test_other_words_are_read_as_before(text: str, rating: str | None) -> None:
    assert rating_stated(text) == rating


def test_the_current_rating_reaches_the_offer() -> None:
    read = reply_read_as_mail(
        "We can offer at Sorrel House from 04/01/2027 at £4,800 pw. Sorrel was rated Inadequate "
        "in 2024 but was re-inspected in June 2026 and is now Good.",
        on=date(2026, 12, 7),
    )
    assert (read.decision, read.ofsted_rating) == ("offer", "good")

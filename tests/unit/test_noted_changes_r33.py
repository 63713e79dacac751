"""Round R33, case C26: a manager forwarding a referral wrote "Please progress - agreed at
panel this morning, budget now up to £5,500 a week." above the form's "Weekly budget:
£5,000"; the note was not read, so the search went out on £5,000 and offers up to the
£5,500 agreed would be flagged over budget. A note saying the sum is now up to, or was
increased to, a new one is a change (as "now agreed at" was), set beside the form's value to
be asked about; a sum a note only mentions still changes nothing."""

from __future__ import annotations

import pytest

from broker.forms.noted_changes import changes_noted
from tests.snapshots import REFERRAL_SPEC


@pytest.mark.parametrize(
    ("note", "value"),
    [
        (
            "Please progress - agreed at panel this morning, budget now up to £5,500 a week.",
            "£5,500 a week",
        ),
        ("PS the budget has been increased to £5,500 pw", "£5,500 pw"),
        ("Budget is now up to £5,500 a week - form below not updated.", "£5,500 a week"),
        ("Weekly budget has now been raised to £5,500 a week", "£5,500 a week"),
    ],
)
def test_a_note_raising_the_budget_gives_its_new_sum(note: str, value: str) -> None:
    assert changes_noted([note], REFERRAL_SPEC) == {"budget_weekly": value}


@pytest.mark.parametrize(
    "note",
    [
        "The budget up to £5,500 is being discussed at panel",
        "Budget is £5,500",  # a sum only where a note says it changed
        "We may ask panel whether the budget could go up to £5,500",
    ],
)
def test_a_sum_only_mentioned_is_no_change(note: str) -> None:
    assert changes_noted([note], REFERRAL_SPEC) == {}

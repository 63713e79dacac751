"""Rule `duplicate-differences` (workflows/duplicates.py `what_differs`): a referral held as a
second referral of the same child tells the placements team which fields of the form it
gives otherwise than the first (labels only, read as the form reader types them), or that
the two say the same. Before, the hold named the other referral and nothing more, and the
team had to open both to tell a resend from a new search."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.provider_mail import held_texts
from tests.snapshots import NOW, REFERRAL_SPEC, SW, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.duplicates import what_differs
from workflows.events import FormReceived
from workflows.lifecycle import decide
from workflows.states import State

OTHER = "REF-2026-483920"
FIRST = dict(FORM.fields)


@pytest.mark.parametrize(
    ("changes", "labels"),
    [
        ({}, []),
        # the same values written otherwise: a day, needs in another order, spacing and case
        (
            {
                "needed_from": "1 December 2026",
                "needs": "missing episodes, SEMH, CSE risk",
                "placement_type": "residential",
            },
            [],
        ),
        ({"needed_from": "08/12/2026"}, ["Needed from"]),
        ({"needed_from": "ideally 01/12/2026, no later than 18/12/2026"}, ["Needed from"]),
        ({"needs": "SEMH, CSE risk"}, ["Needs"]),
        (
            {"budget_weekly": "£5,500", "placement_type": "Fostering"},
            ["Placement type", "Weekly budget"],
        ),  # in the form's order
        ({"urgency": "Emergency"}, ["Urgency"]),
    ],
)
def test_what_differs_is_read_as_the_form_reader_types_it(
    changes: dict[str, str], labels: list[str]
) -> None:
    assert what_differs({**FIRST, **changes}, FIRST, REFERRAL_SPEC, NOW.date()) == labels


def _team_email(first: dict[str, str], changes: dict[str, str] | None = None) -> str:
    before = replace(snapshot(State.NEW), duplicates=(OTHER,), duplicate_fields=first)
    form = replace(FORM, fields={**FORM.fields, **(changes or {})})
    decision = decide(before, FormReceived(actor=actor(SW), key="k", form=form))
    return held_texts(decision)["placements_team/held"]


def test_the_teams_held_email_lists_the_fields_that_differ() -> None:
    body = _team_email(FIRST, {"needed_from": "08/12/2026", "budget_weekly": "£5,500"})
    assert f"Compared with {OTHER}, this referral differs in: Needed from, Weekly budget." in body
    assert "£5,500" not in body.split("differs in:")[1].split(".")[0]  # labels, not values


def test_the_teams_held_email_says_when_the_two_are_the_same() -> None:
    body = _team_email(FIRST)
    assert f"It says the same as {OTHER} in every field of the form" in body
    assert "differs in" not in body


def test_nothing_is_said_when_the_first_has_no_fields_left() -> None:
    """The first referral's fields purged after its retention: nothing to compare with."""
    body = _team_email({})
    assert "differs in" not in body and "says the same as" not in body
    assert f"is on: {OTHER}" in body

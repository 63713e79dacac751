"""Management figures count each child's need once: a referral held as a possible duplicate
of another, still held or withdrawn while held, is left out of demand; one the team let go
with SEND counts."""

from __future__ import annotations

from datetime import UTC, datetime

from channels.web.console.figures import Case, by_type_and_urgency, demand

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _case(reference: str, state: str, held_for: tuple[str, ...] = ()) -> Case:
    return Case(reference=reference, authority="northby", created_at=AT, state=state,
                urgency="urgent", placement_type="residential", needs=(), age=14, area="SE15",
                held_for=held_for)


def test_held_and_withdrawn_duplicates_are_not_demand() -> None:
    cases = [_case("REF-1", "open"),
             _case("REF-2", "held", ("possible-duplicate",)),  # the same child, still held
             _case("REF-3", "withdrawn", ("possible-duplicate", "review-by-team")),
             _case("REF-4", "withdrawn"),  # withdrawn for another reason: it was demand
             _case("REF-5", "held", ("sender-not-authenticated",))]
    counted, left_out = demand(cases)
    assert [c.reference for c in counted] == ["REF-1", "REF-4", "REF-5"]
    assert [c.reference for c in left_out] == ["REF-2", "REF-3"]
    [row] = by_type_and_urgency(counted).rows
    assert row == ("Residential", 0, 3, 0, 3)

"""The fees table of the management information (channels/web/console/figures.py): what a
commissioner accountable for spend reads, the cost avoided and the cost against budget."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from channels.web.console.figures import Case, fees
from workflows.states import State

AT = datetime(2026, 11, 25, 10, tzinfo=UTC)


def _case(reference: str, requested: str, agreed: str, costs: str, budget: str | None,
          sign_offs: tuple[str, ...] = (), state: State = State.PLACED) -> Case:
    return Case(reference, "northby", AT, str(state), "urgent", "residential", (), 14,
                "SE15", placed={"establishment": "larch-view", "requested_fee": requested,
                                "agreed_fee": agreed} if state == State.PLACED else {},
                placed_at=AT, budget=Decimal(budget) if budget else None,
                placed_costs=costs, sign_offs=sign_offs)


def test_the_fees_table_shows_the_cost_with_additional_costs_against_the_budget() -> None:
    """£6,900 asked, £6,500 agreed, with £1,200 a week of 2:1 staffing, on a £5,200 budget:
    £400 avoided is not the whole story, £2,500 a week over budget is."""
    table = fees([
        _case("REF-1", "6900.00", "6500.00", "2:1 staffing £1,200 pw", "5200",
              ("sign-off-refused", "signed-off")),
        _case("REF-2", "4800.00", "4800.00", "none", "5000"),
        _case("REF-3", "4000.00", "4000.00", "transport, cost to follow", None),
        _case("REF-4", "", "", "", "5000", ("sign-off-refused",), state=State.NEGOTIATING),
    ], {"larch-view": "Larch View"})
    assert table.columns[5:] == ("Additional costs", "Total a week", "Budget",
                                 "Against budget", "One-off", "Sign-off")
    assert table.rows == (
        ("REF-1", "Larch View", "6900.00", "6500.00", "400.00", "1200.00", "7700.00",
         "5200.00", "+2500.00", "0.00", "refused 1×, then given"),
        ("REF-2", "Larch View", "4800.00", "4800.00", "0.00", "0.00", "4800.00", "5000.00",
         "-200.00", "0.00", "not needed"),
        ("REF-3", "Larch View", "4000.00", "4000.00", "0.00", "not priced", "not known",
         "not given", "not known", "0.00", "not needed"))
    assert "1 of 3 placement(s) over budget with additional costs, by £2,500 a week" \
        in table.note
    assert "Sign-offs: 1 given, 2 refused." in table.note  # REF-4 was refused, not placed

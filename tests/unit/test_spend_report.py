"""Spend against the agreed rates (channels/web/console/spend.py): what a commissioner reports
on unit costs and benchmarking, each placement's agreed fee against its framework's or DPS's
rate or band, the totals by arrangement and provider, and the premium of a spot placement
over the framework rate. Every expected figure is worked by hand in the comments."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from broker.directory.model import Arrangement, Band
from channels.web.console.figures import Case, Sent
from channels.web.console.spend import against, spend_tables
from workflows.states import State

AT = datetime(2027, 2, 5, 21, tzinfo=UTC)


def _arrangement(key: str, name: str, kind: str, lots: list[str], **changes: object
                 ) -> Arrangement:
    values: dict[str, object] = {"ends": None, **changes}
    return Arrangement(key=key, name=name, kind=kind, lots=lots, members=["northby"],
                       ofsted_floor=None, allow_not_yet_inspected=True, max_distance_km=None,
                       price_weight=20, quality_weight=80, starts=date(2023, 9, 1),
                       **values)  # type: ignore[arg-type]


def _band(low: int, high: int | None = None) -> Band:
    return Band(Decimal(low), Decimal(high if high is not None else low))


ARRANGEMENTS = {a.key: a for a in (
    _arrangement("framework", "South Residential Framework", "framework", ["residential"],
                 rates={"residential": _band(4200, 4400)},
                 provider_rates={"kestrel": {"residential": _band(4350)}}),
    _arrangement("dps", "Fostering DPS", "dps", ["fostering", "parent-and-child"],
                 rates={"fostering": _band(900, 1050)}),
    _arrangement("old-framework", "Expired Fostering Framework", "framework", ["fostering"],
                 rates={"fostering": _band(700)}, ends=date(2025, 3, 31)),
    _arrangement("spot", "Northby spot purchases", "spot", ["fostering", "residential-solo"]),
)}
ORGS = {"hearth": "Hearth Fostering", "kestrel": "Kestrel Homes", "larch": "Larch Care",
        "wren": "Wren Fostering"}
HOMES = {"hearth-kent": "Hearth Kent", "kestrel-view": "Kestrel View",
         "larch-house": "Larch House", "wren-kent": "Wren Kent"}


def _case(reference: str, lot: str, home: str, organisation: str, arrangement: str,
          requested: str, agreed: str, costs: str = "none") -> Case:
    return Case(reference, "northby", AT, str(State.PLACED), "planned", lot, (), 10, "SE15",
                sent=(Sent(home, organisation, arrangement, AT),),
                placed={"establishment": home, "requested_fee": requested,
                        "agreed_fee": agreed}, placed_at=AT, placed_costs=costs)


CASES = [
    # the DPS placement agreed at £1,000 against £1,050 asked: within the DPS's £900-£1,050
    _case("REF-1", "fostering", "hearth-kent", "hearth", "dps", "1050", "1000"),
    # Kestrel's own tendered £4,350, not the framework's band: £150 above it; the first year
    # counts the 2:1 staffing for its 8 weeks: 4,500 × 52 + 900 × 8 = 241,200
    _case("REF-2", "residential", "kestrel-view", "kestrel", "framework", "4600", "4500",
          "2:1 staffing £900 per week for the first 8 weeks"),
    # the framework's band for Larch: £4,300 is within £4,200-£4,400; costs not priced
    _case("REF-3", "residential", "larch-house", "larch", "framework", "4300", "4300",
          "transport, cost to follow"),
    # a DPS placement of a type with no rate recorded: listed as such, never guessed
    _case("REF-4", "parent-and-child", "hearth-kent", "hearth", "dps", "1900", "1850"),
    # spot fostering at £1,200: £150 a week above the DPS's £1,050 top (the expired
    # framework's £700 is not compared), £7,800 over 52 weeks
    _case("REF-5", "fostering", "wren-kent", "wren", "spot", "1250", "1200"),
    # spot of a type no framework rates: no premium can be told
    _case("REF-6", "residential-solo", "wren-kent", "wren", "spot", "6000", "6000"),
]


def _tables() -> dict[str, object]:
    return {t.name: t for t in spend_tables(CASES + [Case(
        "REF-7", "northby", AT, str(State.NEGOTIATING), "planned", "fostering", (), 10,
        "SE15")], ARRANGEMENTS, ORGS, HOMES)}


def test_each_placement_against_its_rate_or_band() -> None:
    table = _tables()["spend"]
    assert table.columns == ("Referral", "Placement type", "Home", "Provider",  # type: ignore[attr-defined]
                             "Arrangement", "Agreed a week", "Agreed rate or band",
                             "Against the rate", "First year")
    assert table.rows == (  # type: ignore[attr-defined]
        ("REF-1", "Fostering", "Hearth Kent", "Hearth Fostering", "Fostering DPS", "1000.00",
         "£900 to £1,050", "within", "52000.00"),
        ("REF-2", "Residential", "Kestrel View", "Kestrel Homes",
         "South Residential Framework", "4500.00", "£4,350", "above by £150", "241200.00"),
        ("REF-3", "Residential", "Larch House", "Larch Care", "South Residential Framework",
         "4300.00", "£4,200 to £4,400", "within", "not known"),
        ("REF-4", "Parent and child", "Hearth Kent", "Hearth Fostering", "Fostering DPS",
         "1850.00", "no rate recorded", "no rate recorded", "96200.00"),
        ("REF-5", "Fostering", "Wren Kent", "Wren Fostering", "Northby spot purchases",
         "1200.00", "none (spot)", "spot purchase", "62400.00"),
        ("REF-6", "Residential solo", "Wren Kent", "Wren Fostering", "Northby spot purchases",
         "6000.00", "none (spot)", "spot purchase", "312000.00"))
    assert table.note == ("2 of 6 placement(s) within or below the agreed rate, 1 above it "  # type: ignore[attr-defined]
                          "by £150 a week in all; 1 with no rate recorded, 2 spot.")


def test_below_the_band_is_said_and_no_rate_is_never_guessed() -> None:
    assert against(Decimal(850), _band(900, 1050)) == "below by £50"
    assert against(Decimal(1050), _band(900, 1050)) == "within"
    assert against(Decimal("1050.01"), _band(900, 1050)) == "above by £0.01"
    assert against(Decimal(1000), None) == "no rate recorded"


def test_totals_by_arrangement_and_by_provider() -> None:
    tables = _tables()
    by_arrangement = tables["spend-by-arrangement"]
    assert by_arrangement.rows == (  # type: ignore[attr-defined]
        # placements, agreed a week, first year (known), not known, above, above a week,
        # no rate, spot: 1,000 + 1,850 = 2,850; 52,000 + 96,200 = 148,200
        ("Fostering DPS", 2, "2850.00", "148200.00", 0, 0, "0.00", 1, 0),
        ("Northby spot purchases", 2, "7200.00", "374400.00", 0, 0, "0.00", 0, 2),
        # 4,500 + 4,300 = 8,800; REF-3's year not known, left out of the sum
        ("South Residential Framework", 2, "8800.00", "241200.00", 1, 1, "150.00", 0, 0))
    # 2,850 + 7,200 + 8,800 = 18,850 a week; 148,200 + 374,400 + 241,200 = 763,800
    assert by_arrangement.note == ("£18,850 a week agreed, £763,800 in the first year (1 "  # type: ignore[attr-defined]
                                   "placement(s) whose first year is not known, left out).")
    by_provider = tables["spend-by-provider"]
    assert [row[:4] for row in by_provider.rows] == [  # type: ignore[attr-defined]
        ("Hearth Fostering", 2, "2850.00", "148200.00"),
        ("Kestrel Homes", 1, "4500.00", "241200.00"),
        ("Larch Care", 1, "4300.00", "0.00"),
        ("Wren Fostering", 2, "7200.00", "374400.00")]


def test_spot_placements_against_the_live_frameworks_rate_for_the_type() -> None:
    table = _tables()["spot-against-framework"]
    assert table.rows == (  # type: ignore[attr-defined]
        ("REF-5", "Fostering", "Wren Kent", "1200.00", "Fostering DPS", "£900 to £1,050",
         "150.00", "7800.00"),
        ("REF-6", "Residential solo", "Wren Kent", "6000.00",
         "no framework rate recorded for the placement type", "no rate recorded",
         "not known", "not known"))
    assert table.note == ("Spot placements cost £150 a week above the framework rate, "  # type: ignore[attr-defined]
                          "£7,800 over a year.")


def test_no_placements_no_figures() -> None:
    tables = spend_tables([], ARRANGEMENTS, ORGS, HOMES)
    assert [t.rows for t in tables] == [(), (), (), ()]
    assert tables[0].note == "No placements in this period."
    assert tables[3].note == "No spot placements in this period."
    (within,) = [t for t in spend_tables(CASES[:1], ARRANGEMENTS, ORGS, HOMES)
                 if t.name == "spend"]
    assert within.note == ("1 of 1 placement(s) within or below the agreed rate, 0 above it; "
                           "0 with no rate recorded, 0 spot.")


def test_a_sibling_groups_fee_is_set_against_the_band_per_child() -> None:
    """Rate bands are per place (tester ux50c 3.5): Larch's £6,400 a week for 2 children is
    £3,200 a child, £1,000 below the framework's £4,200-£4,400, not £2,000 above it; £9,000
    for 2 (£4,500 each) is £100 a child above, £200 a week in all."""
    def group(reference: str, agreed: str, each: str | None) -> Case:
        return replace(_case(reference, "residential", "larch-house", "larch", "framework",
                             agreed, agreed), children=2,
                       fee_per_child=Decimal(each) if each else None)

    tables = {t.name: t for t in spend_tables(
        [group("REF-8", "6400", "3200"), group("REF-9", "9000", None)], ARRANGEMENTS, ORGS,
        HOMES)}
    rows = {row[0]: row for row in tables["spend"].rows}
    assert rows["REF-8"][7] == "below by £1,000 a child, for 2 children"
    assert rows["REF-9"][7] == "above by £100 a child, for 2 children"
    assert tables["spend"].note.startswith(
        "1 of 2 placement(s) within or below the agreed rate, 1 above it by £200 a week")
    [by_arrangement] = tables["spend-by-arrangement"].rows
    assert by_arrangement[5:7] == (1, "200.00")


def test_a_cost_only_the_condition_names_leaves_the_first_year_not_known() -> None:
    """Rule condition-cost-not-counted (tester ux50c 2.6): 'Additional costs: none' and
    'subject to the council funding 2:1 staffing at £1,200 per week for the first 6 weeks':
    4,600 × 52 = £239,200 leaves the £1,200 out, so the first year is not known."""
    words = ("A calm home. This offer is subject to the council funding 2:1 staffing at "
             "£1,200 per week for the first 6 weeks.")
    named = replace(_case("REF-8", "residential", "larch-house", "larch", "framework", "4600",
                          "4600"), placed_words=words, placed_offered=Decimal(4600))
    plain = replace(named, reference="REF-9", placed_words="A calm home.")
    tables = {t.name: t for t in spend_tables([named, plain], ARRANGEMENTS, ORGS, HOMES)}
    rows = {row[0]: row for row in tables["spend"].rows}
    assert (rows["REF-8"][8], rows["REF-9"][8]) == ("not known", "239200.00")
    assert tables["spend-by-arrangement"].rows[0][3:5] == ("239200.00", 1)

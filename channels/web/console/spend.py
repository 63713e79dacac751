"""Spend against the agreed rates, for commissioners: what each placement was agreed at
against its arrangement's rate or price band, the totals by arrangement and by provider, and
what a spot placement cost above the framework's rate. Pure.

    placements agreed + the arrangements' rates → spend, spend-by-arrangement,
                                                  spend-by-provider, spot-against-framework

The rate is the one `arrangements.yaml` records (broker/directory/rates.py): the provider's
own tendered price for the placement type where there is one, else the arrangement's rate
or band. The agreed weekly fee is set against it: within the band, above it by £X, below it
by £X, or "no rate recorded", never a guessed rate. The first year is the project's
(workflows/year_cost.py `year_of`: the fee's weeks, the weekly extras for their weeks, the
one-off sums once), "not known" where the additional costs are not priced or the offer's
condition names a cost nothing counts (rule condition-cost-not-counted). A rate or band is
per place: a sibling group's fee is set against it per child (the reply's fee per child, else
the fee shared among the children placed together), "below by £1,000 a child, for 2
children", and its excess counted for each child. A spot
placement is set against the rate of the first live framework, DPS or approved list in
arrangements.yaml that its authority is a member of and that records a rate for the
placement type; the premium over a year is 52 weeks of the weekly difference.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from broker.directory.model import Arrangement, Band
from channels.web.console.figures import FRAMEWORK_KINDS, LOCAL, Case, Table, _money, words
from workflows.condition_cost import cost_in_condition
from workflows.signoff import WEEKS_A_YEAR
from workflows.year_cost import year_of

NO_RATE = "no rate recorded"
SPOT = "spot"


@dataclass(frozen=True)
class Placed:
    """One placement as the spend report reads it."""

    case: Case
    home: str  # establishment key
    organisation: str
    arrangement: Arrangement | None
    arrangement_key: str
    fee: Decimal  # agreed a week, for all the children placed together
    rate: Band | None
    first_year: Decimal | None
    children: int = 1
    fee_per_child: Decimal | None = None  # as the reply gave it

    @property
    def each(self) -> Decimal:
        """The agreed fee for one child, as a rate or band per place is set against: the
        reply's fee per child where it gave one that makes the agreed fee, else the fee
        shared among the children placed together."""
        if self.children <= 1:
            return self.fee
        if self.fee_per_child is not None and self.fee_per_child * self.children == self.fee:
            return self.fee_per_child
        return self.fee / self.children

    @property
    def over(self) -> Decimal:
        """How much a week the placement costs above the rate: per child, for each child."""
        return above(self.each, self.rate) * self.children

    @property
    def spot(self) -> bool:
        """Bought spot: under a spot arrangement, or under none."""
        if self.arrangement is None:
            return not self.arrangement_key
        return self.arrangement.kind == SPOT


def against(fee: Decimal, rate: Band | None, children: int = 1) -> str:
    """The agreed weekly fee (for one child: `Placed.each`) against the rate or band per
    place, in words; "a child, for 2 children" where several are placed together."""
    if rate is None:
        return NO_RATE
    each = f" a child, for {children} children" if children > 1 else ""
    if fee > rate.high:
        return f"above by {_money(fee - rate.high)}{each}"
    if fee < rate.low:
        return f"below by {_money(rate.low - fee)}{each}"
    return f"within{each}"


def above(fee: Decimal, rate: Band | None) -> Decimal:
    """How much a week the fee is above the rate (the band's top), 0 when it is not."""
    return max(fee - rate.high, Decimal(0)) if rate is not None else Decimal(0)


def placements(cases: list[Case], arrangements: Mapping[str, Arrangement]) -> list[Placed]:
    """Each placement made, with its arrangement, provider, rate and first year."""
    found = []
    for case in cases:
        if not case.placed or case.placed_at is None:
            continue
        home = str(case.placed.get("establishment") or "")
        sent = next((s for s in case.sent if s.establishment == home), None)
        key = sent.arrangement_key if sent else ""
        organisation = sent.organisation if sent else ""
        arrangement = arrangements.get(key)
        fee = Decimal(str(case.placed.get("agreed_fee") or 0))
        rate = arrangement.rate_for(organisation, case.placement_type) \
            if arrangement is not None and arrangement.kind != SPOT else None
        year = year_of(fee, case.placed_costs, case.placed_words).first_year if fee > 0 \
            else None
        # a cost the offer's condition names is counted nowhere (rule
        # condition-cost-not-counted): the first year is not known
        if year is not None and cost_in_condition(case.placed_offered or fee, case.placed_costs,
                                                  case.placed_words, also=(fee,)):
            year = None
        found.append(Placed(case, home, organisation, arrangement, key, fee, rate, year,
                            case.children, case.fee_per_child))
    return found


def framework_rate(placed: Placed, arrangements: Mapping[str, Arrangement]
                   ) -> tuple[Arrangement, Band] | None:
    """The rate a spot placement is set against: the first live framework, DPS or list its
    authority is a member of with a rate recorded for the placement type."""
    on = placed.case.placed_at.astimezone(LOCAL).date()  # type: ignore[union-attr]
    for arrangement in arrangements.values():
        rate = arrangement.rates.get(placed.case.placement_type)
        if (rate is not None and arrangement.kind in FRAMEWORK_KINDS and arrangement.is_live(on)
                and placed.case.authority in arrangement.members):
            return arrangement, rate
    return None


def spend_tables(cases: list[Case], arrangements: Mapping[str, Arrangement],
                 org_names: dict[str, str], home_names: dict[str, str]) -> list[Table]:
    made = placements(cases, arrangements)
    return [by_placement(made, org_names, home_names, arrangements),
            totals(made, "spend-by-arrangement", "Arrangement",
                   lambda p: _arrangement_name(p, arrangements)),
            totals(made, "spend-by-provider", "Provider",
                   lambda p: org_names.get(p.organisation, p.organisation) or "Not known"),
            spot_against_framework(made, arrangements, home_names)]


def by_placement(made: list[Placed], org_names: dict[str, str], home_names: dict[str, str],
                 arrangements: Mapping[str, Arrangement]) -> Table:
    rows = tuple((p.case.reference, words(p.case.placement_type), home_names.get(p.home, p.home),
                  org_names.get(p.organisation, p.organisation),
                  _arrangement_name(p, arrangements),
                  f"{p.fee:.2f}", "none (spot)" if p.spot else p.rate.said() if p.rate else NO_RATE,
                  "spot purchase" if p.spot else against(p.each, p.rate, p.children),
                  f"{p.first_year:.2f}" if p.first_year is not None else "not known")
                 for p in made)
    rated = [p for p in made if p.rate is not None]
    over = [p for p in rated if p.over > 0]
    unrated = sum(1 for p in made if p.rate is None and not p.spot)
    by = sum((p.over for p in over), Decimal(0))
    note = (f"{len(rated) - len(over)} of {len(made)} placement(s) within or below the agreed "
            f"rate, {len(over)} above it"
            + (f" by {_money(by)} a week in all" if over else "")
            + f"; {unrated} with no rate recorded, "
            f"{sum(1 for p in made if p.spot)} spot." if made
            else "No placements in this period.")
    return Table("spend", "Spend against the agreed rate: each placement's agreed weekly fee "
                 "against its arrangement's rate or price band (pounds a week), and its first "
                 "year (pounds)",
                 ("Referral", "Placement type", "Home", "Provider", "Arrangement",
                  "Agreed a week", "Agreed rate or band", "Against the rate", "First year"),
                 rows, note)


def totals(made: list[Placed], name: str, label: str, key_of: Callable[[Placed], str]) -> Table:
    """The agreed weekly fees and first years summed by arrangement or by provider."""
    group: dict[str, list[Placed]] = defaultdict(list)
    for placed in made:
        group[key_of(placed)].append(placed)
    rows = []
    for key in sorted(group):
        them = group[key]
        known = [p.first_year for p in them if p.first_year is not None]
        rows.append((key, len(them), f"{sum((p.fee for p in them), Decimal(0)):.2f}",
                     f"{sum(known, Decimal(0)):.2f}", len(them) - len(known),
                     sum(1 for p in them if p.over > 0),
                     f"{sum((p.over for p in them), Decimal(0)):.2f}",
                     sum(1 for p in them if p.rate is None and not p.spot),
                     sum(1 for p in them if p.spot)))
    week = sum((p.fee for p in made), Decimal(0))
    year = sum((p.first_year for p in made if p.first_year is not None), Decimal(0))
    unknown = sum(1 for p in made if p.first_year is None)
    note = (f"{_money(week)} a week agreed, {_money(year)} in the first year"
            + (f" ({unknown} placement(s) whose first year is not known, left out)"
               if unknown else "") + "." if made else "No placements in this period.")
    return Table(name, f"Spend by {label.lower()}: agreed weekly fees and first years "
                 "(pounds)",
                 (label, "Placements", "Agreed a week", "First year", "First year not known",
                  "Above the rate", "Above the rate a week", "No rate recorded", "Spot"),
                 tuple(rows), note)


def spot_against_framework(made: list[Placed], arrangements: Mapping[str, Arrangement],
                           home_names: dict[str, str]) -> Table:
    """What each spot placement cost above the framework's rate for its placement type."""
    rows, week = [], Decimal(0)
    for placed in (p for p in made if p.spot):
        compared = framework_rate(placed, arrangements)
        if compared is None:
            rows.append((placed.case.reference, words(placed.case.placement_type),
                         home_names.get(placed.home, placed.home), f"{placed.fee:.2f}",
                         "no framework rate recorded for the placement type", NO_RATE,
                         "not known", "not known"))
            continue
        arrangement, rate = compared
        more = above(placed.each, rate) * placed.children  # per place, for each child
        week += more
        rows.append((placed.case.reference, words(placed.case.placement_type),
                     home_names.get(placed.home, placed.home), f"{placed.fee:.2f}",
                     arrangement.name, rate.said(), f"{more:.2f}",
                     f"{more * WEEKS_A_YEAR:.2f}"))
    note = (f"Spot placements cost {_money(week)} a week above the framework rate, "
            f"{_money(week * WEEKS_A_YEAR)} over a year." if rows
            else "No spot placements in this period.")
    return Table("spot-against-framework", "Spot placements against the framework rate for "
                 "the same placement type (pounds)",
                 ("Referral", "Placement type", "Home", "Agreed a week", "Framework",
                  "Framework rate or band", "Above the framework rate a week",
                  "Above it over a year"), tuple(rows), note)


def _arrangement_name(placed: Placed, arrangements: Mapping[str, Arrangement]) -> str:
    if placed.arrangement is not None:
        return placed.arrangement.name
    return placed.arrangement_key or "Spot (no arrangement)"

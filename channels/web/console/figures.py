"""Management information and the sufficiency report, computed from stored referrals. Pure.

`Case` is one referral as the figures need it (loaded by reports.py); each function returns
a `Table`, which the page shows (with a chart) and offers as CSV. Every figure is a count or
a ratio of what was stored, so each can be traced back to referrals in the console.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from broker.clock import UK_TIME as LOCAL
from workflows.states import State

URGENCIES = ("emergency", "urgent", "planned")
FRAMEWORK_KINDS = ("framework", "dps", "approved-list")
AGE_BANDS = ((0, 4, "0 to 4"), (5, 10, "5 to 10"), (11, 15, "11 to 15"), (16, 17, "16 to 17"),
             (18, 25, "18 and over"))
DUPLICATE = "possible-duplicate"  # workflows/review.py's hold reason
ENDED_UNMET = (str(State.UNMET), str(State.UNMATCHED))  # a search that ended without one


@dataclass(frozen=True)
class Sent:
    establishment: str
    organisation: str
    arrangement_key: str
    opened_at: datetime | None  # when its wave opened


@dataclass(frozen=True)
class Reply:
    establishment: str
    decision: str
    received_at: datetime
    decline_reason: str = ""


@dataclass(frozen=True)
class Case:
    reference: str
    authority: str
    created_at: datetime
    state: str
    urgency: str
    placement_type: str
    needs: tuple[str, ...]
    age: int | None
    area: str
    sent: tuple[Sent, ...] = ()
    replies: tuple[Reply, ...] = ()
    placed: dict[str, Any] = field(default_factory=dict)  # the `placed` event's data
    placed_at: datetime | None = None
    budget: Decimal | None = None  # a week, as the social worker gave it
    placed_costs: str = ""  # the chosen home's additional costs, in its words
    placed_words: str = ""  # the chosen home's reply in its words (a later fee it states)
    placed_offered: Decimal | None = None  # the chosen home's weekly fee as it replied
    children: int = 1  # placed together (the profile's siblings): a fee is for them all
    fee_per_child: Decimal | None = None  # as the chosen home's reply gave it, if it did
    sign_offs: tuple[str, ...] = ()  # "signed-off", "sign-off-refused", as they came
    held_for: tuple[str, ...] = ()  # why it is (or was, when withdrawn while) held


@dataclass(frozen=True)
class Table:
    name: str  # for the CSV's URL
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""


def words(code: str) -> str:
    """`no-vacancy` as `No vacancy`; short need codes as the abbreviations they are (SEMH)."""
    if code and len(code) <= 4 and code.isalpha():
        return code.upper()
    text = (code or "not given").replace("-", " ")
    return text[:1].upper() + text[1:]


def percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def month_of(moment: datetime) -> str:
    return moment.astimezone(LOCAL).strftime("%Y-%m")


def age_band(age: int | None) -> str:
    for low, high, label in AGE_BANDS:
        if age is not None and low <= age <= high:
            return label
    return "Not known"


def complexity(needs: tuple[str, ...]) -> str:
    """How complex the child's needs are, by how many are listed (the fairness view)."""
    count = len(needs)
    return "1 need or none" if count <= 1 else "2 or 3 needs" if count <= 3 else "4 or more needs"


def duplicate_not_demand(case: Case) -> bool:
    """A referral held as a possible duplicate of another for the same child, and still held
    or withdrawn while held: the child's need is counted once, in the other referral. One the
    team let go with SEND is a need of its own and counts."""
    return DUPLICATE in case.held_for and case.state in (str(State.HELD), str(State.WITHDRAWN))


def demand(cases: list[Case]) -> tuple[list[Case], list[Case]]:
    """The referrals the figures count, and the duplicates they leave out."""
    return ([c for c in cases if not duplicate_not_demand(c)],
            [c for c in cases if duplicate_not_demand(c)])


def by_type_and_urgency(cases: list[Case]) -> Table:
    counts = Counter((c.placement_type, c.urgency) for c in cases)
    types = sorted({c.placement_type for c in cases})
    rows = tuple((words(t), *(counts[(t, u)] for u in URGENCIES),
                  sum(counts[(t, u)] for u in URGENCIES)) for t in types)
    return Table("referrals-by-type", "Referrals by placement type and urgency",
                 ("Placement type", "Emergency", "Urgent", "Planned", "Total"), rows)


def _hours(reply: Reply, sent: Sent) -> float | None:
    if sent.opened_at is None:
        return None
    return max((reply.received_at - sent.opened_at).total_seconds() / 3600, 0.0)


def provider_responses(cases: list[Case], org_names: dict[str, str]) -> Table:
    asked: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    offers: Counter[str] = Counter()
    times: dict[str, list[float]] = defaultdict(list)
    for case in cases:
        replies = {r.establishment: r for r in case.replies}
        for sent in case.sent:
            asked[sent.organisation] += 1
            reply = replies.get(sent.establishment)
            if reply is None:
                continue
            answered[sent.organisation] += 1
            offers[sent.organisation] += reply.decision == "offer"
            hours = _hours(reply, sent)
            if hours is not None:
                times[sent.organisation].append(hours)
    rows = tuple((org_names.get(o, o), asked[o], answered[o], percent(answered[o], asked[o]),
                  offers[o], f"{statistics.median(times[o]):.1f}" if times[o] else "-")
                 for o in sorted(asked, key=lambda o: (-asked[o], org_names.get(o, o))))
    return Table("provider-responses", "Provider response rates and times",
                 ("Provider", "Referrals received", "Responses", "Response rate", "Offers",
                  "Median hours to respond"), rows)


def _placed(cases: list[Case]) -> list[Case]:
    return [c for c in cases if c.placed and c.placed_at is not None]


def time_to_placement(cases: list[Case]) -> Table:
    rows = tuple((c.reference, words(c.placement_type), words(c.urgency),
                  f"{(c.placed_at - c.created_at).total_seconds() / 86400:.1f}")  # type: ignore[operator]
                 for c in _placed(cases))
    days = [float(r[3]) for r in rows]
    note = (f"Median {statistics.median(days):.1f} days over {len(days)} placement(s)."
            if days else "No placements in this period.")
    return Table("time-to-placement", "Time from referral to placement",
                 ("Referral", "Placement type", "Urgency", "Days"), rows, note)


def framework_share(cases: list[Case], arrangement_kind: Callable[[str], str]) -> Table:
    kinds = Counter(arrangement_kind(_placed_arrangement(c)) for c in _placed(cases))
    total = sum(kinds.values())
    on = sum(n for k, n in kinds.items() if k in FRAMEWORK_KINDS)
    rows = tuple((words(k), n, percent(n, total)) for k, n in kinds.most_common())
    return Table("framework-share", "Placements on a framework, DPS or list, and spot",
                 ("Arrangement kind", "Placements", "Share"), rows,
                 f"{percent(on, total)} of placements on a framework, DPS or approved list."
                 if total else "No placements in this period.")


def _placed_arrangement(case: Case) -> str:
    chosen = case.placed.get("establishment", "")
    return next((s.arrangement_key for s in case.sent if s.establishment == chosen), "")


def fees(cases: list[Case], names: dict[str, str]) -> Table:
    """Each placement's fee requested against agreed (the cost avoided), then what it costs
    a week with the home's additional costs against the social worker's budget, and the
    budget holders' sign-offs; the note sums them, sign-offs counted on every referral.
    A one-off sum in the additional costs ("£40,000 set-up fee") adds nothing to a week but
    is money spent: it has its own column and total, never counted as 0 unsaid."""
    from workflows.signoff import extra_weekly, one_off_total

    rows, requested, agreed, over, overs = [], Decimal(0), Decimal(0), Decimal(0), 0
    once_total, once_unknown = Decimal(0), 0
    for case in _placed(cases):
        asked = Decimal(str(case.placed.get("requested_fee") or 0))
        got = Decimal(str(case.placed.get("agreed_fee") or 0))
        requested, agreed = requested + asked, agreed + got
        more = extra_weekly(case.placed_costs)
        total = got + more if more is not None else None
        against = total - case.budget if total is not None and case.budget is not None \
            else None
        if against is not None and against > 0:
            over, overs = over + against, overs + 1
        once = one_off_total(case.placed_costs)
        if once is None:
            once_unknown += 1
        else:
            once_total += once
        rows.append((case.reference, names.get(case.placed.get("establishment", ""), ""),
                     f"{asked:.2f}", f"{got:.2f}", f"{asked - got:.2f}",
                     "not priced" if more is None else f"{more:.2f}",
                     f"{total:.2f}" if total is not None else "not known",
                     f"{case.budget:.2f}" if case.budget is not None else "not given",
                     f"{against:+.2f}" if against is not None else "not known",
                     "not known" if once is None else f"{once:.2f}",
                     _sign_off_words(case.sign_offs)))
    given = sum(c.sign_offs.count("signed-off") for c in cases)
    refused = sum(c.sign_offs.count("sign-off-refused") for c in cases)
    note = (f"Requested {_money(requested)} a week, agreed {_money(agreed)}: "
            f"{_money(requested - agreed)} a week avoided "
            f"({percent(float(requested - agreed), float(requested))}). "
            f"{overs} of {len(rows)} placement(s) over budget with additional costs, by "
            f"{_money(over)} a week in all. One-off sums: {_money(once_total)} in all"
            + (f" ({once_unknown} more whose amount is not known)" if once_unknown else "")
            + f". Sign-offs: {given} given, {refused} refused."
            if rows else f"No placements in this period. Sign-offs: {given} given, "
                         f"{refused} refused.")
    return Table("fees", "Fees requested against agreed (pounds a week), the cost avoided, "
                 "the weekly cost with additional costs against the budget, and the one-off "
                 "sums (pounds, once)",
                 ("Referral", "Home", "Requested", "Agreed", "Avoided", "Additional costs",
                  "Total a week", "Budget", "Against budget", "One-off", "Sign-off"),
                 tuple(rows), note)


def _money(amount: Decimal) -> str:
    return f"£{amount:,.2f}".replace(".00", "")


def _sign_off_words(kinds: tuple[str, ...]) -> str:
    refused, given = kinds.count("sign-off-refused"), kinds.count("signed-off")
    said = ([f"refused {refused}×"] if refused else []) + (["given"] if given else [])
    return ", then ".join(said) or "not needed"


def placements_by_provider(cases: list[Case], org_names: dict[str, str],
                           arrangement_names: dict[str, str]) -> Table:
    counts: Counter[tuple[str, str]] = Counter()
    for case in _placed(cases):
        chosen = case.placed.get("establishment", "")
        sent = next((s for s in case.sent if s.establishment == chosen), None)
        if sent is not None:
            counts[(org_names.get(sent.organisation, sent.organisation),
                    arrangement_names.get(sent.arrangement_key, sent.arrangement_key))] += 1
    rows = tuple((org, arrangement, n) for (org, arrangement), n in counts.most_common())
    return Table("placements-by-provider", "Placements by provider and arrangement",
                 ("Provider", "Arrangement", "Placements"), rows)


def fairness(cases: list[Case]) -> Table:
    """Do children with more complex needs get fewer responses and offers?"""
    bands = ("1 need or none", "2 or 3 needs", "4 or more needs")
    stats: dict[str, Counter[str]] = {band: Counter() for band in bands}
    for case in cases:
        s = stats[complexity(case.needs)]
        s["referrals"] += 1
        s["asked"] += len(case.sent)
        s["responses"] += len(case.replies)
        offers = sum(1 for r in case.replies if r.decision == "offer")
        s["offers"] += offers
        s["with_offer"] += offers > 0
    rows = tuple((band, s["referrals"], s["asked"], s["responses"],
                  percent(s["responses"], s["asked"]), s["offers"],
                  percent(s["offers"], s["asked"]), percent(s["with_offer"], s["referrals"]))
                 for band, s in stats.items())
    return Table("fairness", "Fairness: responses and offers by the complexity of needs",
                 ("Needs", "Referrals", "Providers asked", "Responses", "Response rate",
                  "Offers", "Offer rate", "Referrals with an offer"), rows)


# --- sufficiency ---------------------------------------------------------------------------


def crosstab(name: str, title: str, items: Iterable[tuple[str, str]], row_label: str,
             columns: Iterable[str] | None = None) -> Table:
    """Counts of (row, column) pairs, rows sorted by total, with a total column."""
    counts = Counter(items)
    cols = sorted(set(columns or ()) | {c for _, c in counts})
    row_totals = Counter[str]()
    for (row, _), n in counts.items():
        row_totals[row] += n
    rows = tuple((row, *(counts[(row, c)] for c in cols), total)
                 for row, total in sorted(row_totals.items(), key=lambda p: (-p[1], p[0])))
    return Table(name, title, (row_label, *cols, "Total"), rows)


def unmet(cases: list[Case]) -> list[Case]:
    return [c for c in cases if c.state in ENDED_UNMET]


def declines(cases: list[Case]) -> list[tuple[Case, Reply]]:
    return [(c, r) for c in cases for r in c.replies if r.decision == "decline"]


def sufficiency_tables(cases: list[Case]) -> list[Table]:
    gone = unmet(cases)
    said_no = declines(cases)
    reason = lambda r: words(r.decline_reason or "other")  # noqa: E731
    return [
        crosstab("unmet-by-month", "Unmet need by month and placement type",
                 ((month_of(c.created_at), words(c.placement_type)) for c in gone), "Month"),
        crosstab("unmet-by-need", "Unmet need by need and placement type",
                 ((words(n), words(c.placement_type)) for c in gone for n in c.needs), "Need"),
        crosstab("unmet-by-age", "Unmet need by age band and placement type",
                 ((age_band(c.age), words(c.placement_type)) for c in gone), "Age band"),
        crosstab("unmet-by-area", "Unmet need by home area and placement type",
                 ((c.area or "Not known", words(c.placement_type)) for c in gone), "Area"),
        crosstab("declines-by-month", "Decline reasons by month",
                 ((month_of(r.received_at), reason(r)) for _, r in said_no), "Month"),
        crosstab("declines-by-type", "Decline reasons by placement type",
                 ((words(c.placement_type), reason(r)) for c, r in said_no), "Placement type"),
        crosstab("declines-by-need", "Decline reasons by need",
                 ((words(n), reason(r)) for c, r in said_no for n in c.needs), "Need"),
        crosstab("declines-by-age", "Decline reasons by age band",
                 ((age_band(c.age), reason(r)) for c, r in said_no), "Age band"),
        crosstab("declines-by-area", "Decline reasons by home area",
                 ((c.area or "Not known", reason(r)) for c, r in said_no), "Area"),
    ]

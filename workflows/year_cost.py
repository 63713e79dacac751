"""What a placement costs in its first year, and its one-off sums, as a budget holder or a
commissioner is told them (the approval request, the sign-off request, the placed notice),
as pure figures.

    the fee and additional costs  → the weekly cost, the first year's (52 weeks of the fee,
                                    each weekly extra for the weeks it is said to run, the
                                    one-off sums once) and the one-off sums named with what
                                    they are for ("£40,000" for "set-up fee")

Rule `first-year-counts-time-limited-costs`: "2:1 staffing £900 per week for the first 8
weeks" on a fee of £5,800 is £5,800 × 52 + £900 × 8 = £308,800 in the first year, not
£6,700 × 52 = £348,400. The weekly figure is still the highest (£6,700 a week while the
additional costs apply: what the approval covers). Where the weeks cannot be told apart (a
total after its parts, one rate then another), the year is the weekly cost all year and
`assumed_all_year` names the time-limited sums, so the reader is told. Weeks that are not
when the extra stops (a review's or a notice's, "for 12 weeks minimum", "in the first
instance", "for the first 12 weeks, then review") count it all year, and the note says so;
"for up to 12 weeks" stops then.

Rule `later-fee-counted` (broker/forms/fee_steps.py): a later fee the reply states in its
own words ("from week 9 our fee rises to £6,900") is counted for its weeks: on £4,300 with a
£1,500 one-off, 8 × £4,300 + 44 × £6,900 + £1,500 = £339,500, and the weekly figure is the
highest fee (£6,900). A later fee that cannot be read is named in `Year.steps.unread`,
never left out silently, and the first year is then not known (None), never 52 weeks of
the fee.

Rule `price-scored-on-the-first-year` (`first_year_price`): the comparison scores an
option's price on its first-year cost, so a fee that is cheapest a week but dearest over
the year (a later fee, a time-limited extra, a one-off sum) is not ranked first for its
week-1 fee: £4,300 rising to £6,900 from week 9 with a £1,500 one-off (£339,500) is dearer
than £4,950 all year (£257,400). Where an option's additional costs are not priced its
price is 52 weeks of its fee, and the comparison says so; where its reply states a later fee
that cannot be read its price is not known (None), and it is ranked after the priced ones
(broker/comparison.py).

Rule `one-off-sums-said`: a one-off sum ("£40,000 set-up fee, invoiced on the first day") is
never left out of a figure a budget holder or commissioner reads: it is named with the
weekly cost and added to the first year.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from broker.forms.fee_steps import (
    FeeSteps,
    fee_steps,
    fee_weeks_total,
    highest_fee,
    steps_said,
    without_steps,
)
from broker.forms.values import parse_money_weekly
from workflows.signoff import (
    _AMOUNT,
    WEEKS_A_YEAR,
    _clauses,
    _kind,
    extra_weekly,
    figures_of,
    one_off_total,
)

# How long a weekly extra is said to run: "for the first 8 weeks", "for 8 weeks", "for the
# first eight weeks", "(first 6 weeks)", "during the first 4 weeks", "weeks 1-8", "until
# week 8". A week count that is not the amount's own duration does not limit it: "to be
# reviewed in 8 weeks", "notice in 2 weeks", "school starts in 4 weeks", "reviewed with
# you over 6 weeks", "2 weeks' notice" (no "first" after "in" or "over", no "'s notice").
_COUNTED = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "sixteen": 16,
            "twenty": 20, "twenty-six": 26}
_N = rf"(\d{{1,2}}|{'|'.join(sorted(_COUNTED, key=len, reverse=True))})"
_NOT_NOTICE = r"(?!['’]?\s*(?:notice|review))"
_FOR_WEEKS = re.compile(
    rf"\b(?:for|during|over|in)\s+(?:the\s+)?(?:first|initial)\s+{_N}[\s-]weeks?\b{_NOT_NOTICE}"
    rf"|\b(?<!notice\s)for\s+(?:the\s+|up\s+to\s+)?{_N}[\s-]weeks?\b{_NOT_NOTICE}"
    rf"|\(\s*(?:the\s+)?first\s+{_N}\s+weeks?\s*\)"
    rf"|\bweeks?\s+1\s*(?:-|\u2013|to)\s*(\d{{1,2}})\b"
    rf"|\b(?:until|till|to)\s+(?:the\s+end\s+of\s+)?week\s+(\d{{1,2}})\b",
    re.IGNORECASE)
# After the weeks, words that say the amount goes on ("and then ongoing", "continuing after
# that if needed", "thereafter"): the weeks are a review's, not its end.
_GOES_ON = re.compile(
    r"\b(?:ongoing|continu(?:e|es|ed|ing)|thereafter|after\s+that|afterwards|beyond|"
    r"then\s+(?:as|if|when)\s+(?:needed|required)|extended|extendable|renewable|rolling)\b",
    re.IGNORECASE)
# Anywhere in the clause, words that make its weeks a least or a first period, not when the
# amount stops ("for 12 weeks minimum", "at least", "in the first instance", "initially", "to
# start with", "for the first 12 weeks, then review", "subject to review", "reviewed after"):
# a budget holder cannot count on it stopping, so the year counts it all 52 weeks, and says
# so. "For up to 12 weeks" is a most, and still ends it.
_NOT_ITS_END = re.compile(
    r"\b(?:minimum|min\.?|at\s+(?:the\s+)?least|no\s+(?:less|fewer)\s+than|"
    r"not\s+(?:less|fewer)\s+than|or\s+(?:longer|more)|in\s+the\s+first\s+instance|"
    r"initially|to\s+(?:start|begin)\s+with|at\s+first|review(?:s|ed|ing)?|"
    r"(?:re)?assess(?:ed|ment)?)\b"
    r"|\d\s*\+\s*weeks?",
    re.IGNORECASE)
# Any count of weeks in a clause: one that does not limit the amount is said to be counted
# all year (`Year.all_year`).
_ANY_WEEKS = re.compile(rf"\b{_N}(?:[\s-]|\s*\+\s*)weeks?\b|\bweek\s+\d{{1,2}}\b",
                        re.IGNORECASE)
# What a one-off sum is for, as a few plain words ("set-up fee", "deposit").
_WHAT_FOR = re.compile(r"[A-Za-z][A-Za-z :/'-]{0,29}")


def weeks_limited(clause: str) -> int | None:
    """The number of weeks the weekly amount of `clause` is said to run ("£900 per week for
    the first 8 weeks" is 8), or None when it is not said to stop: no count of weeks, or one
    that is not its duration ("to be reviewed in 8 weeks", "notice in 2 weeks"), or one it
    goes on after ("until week 8 review and then ongoing"), or one that is a least or a
    first period (`_NOT_ITS_END`: "for 12 weeks minimum", "in the first instance", "for
    the first 12 weeks, then review"). "For up to 12 weeks" stops then."""
    found = _FOR_WEEKS.search(clause)
    if found is None or _GOES_ON.search(clause, found.end()) or _NOT_ITS_END.search(clause):
        return None
    written = next(group for group in found.groups() if group)
    weeks = _COUNTED.get(written.lower()) or int(written)
    return weeks if 0 < weeks < WEEKS_A_YEAR else None


@dataclass(frozen=True)
class Year:
    """A placement's cost as those who approve it are told it. `weekly` is the fee with the
    weekly additional costs (None when they are not priced), `first_year` the first 52
    weeks with the one-off sums (None when not priced), `one_off` the one-off sums (None
    when their amount cannot be told), `one_off_for` what they are for, `limited` the weekly
    extras that stop, as (amount, weeks), and `assumed_all_year` those the year could not
    count for their weeks only; `all_year` the weekly extras that name a number of weeks
    that is not how long they run (a review's, a notice's), counted all year."""

    weekly: Decimal | None
    first_year: Decimal | None
    one_off: Decimal | None
    one_off_for: str
    limited: tuple[tuple[Decimal, int], ...]
    assumed_all_year: bool
    all_year: tuple[Decimal, ...] = ()
    fee: Decimal = Decimal(0)  # the fee of week 1
    steps: FeeSteps = FeeSteps()  # the later fees (rule later-fee-counted)


def later_fees(fee: Decimal, extra: str, words: str = "") -> tuple[FeeSteps, str]:
    """The later fees stated in the additional costs `extra` or the reply's other words
    `words` (its proposal, its condition), and the additional costs without them: "from week
    9 our fee rises to £6,900" written among the additional costs is the fee's, no extra."""
    steps = fee_steps(fee, words, additional_costs=extra)  # rule later-fee-named
    return steps, without_steps(extra, steps) if steps.read or steps.unread else extra


def year_of(fee: Decimal, extra: str, words: str = "") -> Year:
    """The cost of a placement at `fee` a week with the additional costs `extra`, and the
    later fees stated in them or in the reply's other words `words`."""
    steps, extra = later_fees(fee, extra, words)
    top = highest_fee(fee, steps)
    fees = fee_weeks_total(fee, steps, WEEKS_A_YEAR)
    more = extra_weekly(extra)
    once = one_off_total(extra)
    weekly = top + more if more is not None else None
    clauses = _clauses(figures_of(extra)) if extra else []
    recurring = [clause for _, clause in clauses if _kind(clause) == "recurring"]
    limited: list[tuple[Decimal, int]] = []
    all_year: list[Decimal] = []
    plain = Decimal(0)
    for clause in recurring:
        try:
            amount = parse_money_weekly(clause)
        except ValueError:
            amount = None
        if amount is None:
            break
        plain += amount
        if (weeks := weeks_limited(clause)) is not None:
            limited.append((amount, weeks))
        elif _ANY_WEEKS.search(clause):
            all_year.append(amount)  # "to be reviewed in 8 weeks": counted all year, said so
    counted = bool(limited) and more is not None and plain == more
    if weekly is None or once is None or steps.unread:
        year = None  # a later fee not read: the year is not known (rule later-fee-flagged)
    elif counted:
        year = fees + once + sum(
            (amount * weeks for amount, weeks in limited), Decimal(0)) + sum(
            (a * WEEKS_A_YEAR for a in _all_year(recurring)), Decimal(0))
    else:
        year = fees + more * WEEKS_A_YEAR + once if more is not None else None
    return Year(weekly, year, once, _what_for(clauses) if once else "", tuple(limited),
                bool(limited) and not counted, tuple(all_year) if year is not None else (),
                fee, steps)


def first_year_price(fields: Mapping[str, Any]) -> Decimal | None:
    """The price an option is scored on (rule price-scored-on-the-first-year), from its
    reply's fields or its stored comparison row: its first-year cost, or 52 weeks of its fee
    where its additional costs are not priced; None without a fee, or with a later fee that
    cannot be read (never 52 weeks of the fee before it)."""
    try:
        fee = Decimal(str(fields.get("weekly_fee") or "").replace(",", "").lstrip("£"))
    except ArithmeticError:
        return None
    if not fee.is_finite() or fee <= 0:
        return None
    words = str(fields.get("words") or fields.get("proposal") or "")  # whole, where kept
    year = year_of(fee, str(fields.get("additional_costs") or ""), words)
    if year.steps.unread:
        return None
    return year.first_year if year.first_year is not None else fee * WEEKS_A_YEAR


def _all_year(recurring: list[str]) -> list[Decimal]:
    """The weekly amounts of the clauses not said to stop."""
    return [parse_money_weekly(clause) for clause in recurring
            if weeks_limited(clause) is None]


def _what_for(clauses: list[tuple[str, str]]) -> str:
    """What the one one-off sum is for, in a few plain words after its amount ("£40,000
    set-up fee, invoiced on the first day" is "set-up fee"); "" when there are several, or
    the words are not plain."""
    once = [clause for _, clause in clauses if _kind(clause) == "one-off"]
    if len(once) != 1:
        return ""
    clause = once[0]
    amount = _AMOUNT.search(clause)
    after = clause[amount.end():] if amount else clause
    before = clause[:amount.start()] if amount else ""
    words = re.split(r"[,;.(\n]", after, maxsplit=1)[0].strip()
    words = re.sub(r"^(?:for|as|a|an|the|one[\s-]?off)\s+", "", words, flags=re.I).strip()
    if not words:
        words = re.sub(r"[^A-Za-z :/'-]", " ", before).strip()
    plain = _WHAT_FOR.fullmatch(" ".join(words.split()))
    return plain.group() if plain else ""


def one_offs_said(extra: str) -> tuple[str, ...]:
    """Rule `one-off-sums-said`, in the reply's own words: each one-off sum of the additional
    costs `extra` with what it is for and when it is paid ("one-off setup fee £1,500" is
    "£1,500 setup fee"; "refundable deposit of £2,000 payable on admission" is "£2,000
    refundable deposit (payable on admission)"); () where their amount cannot be told."""
    if not extra or not one_off_total(extra):
        return ()
    said = []
    for _, clause in _clauses(figures_of(extra)):
        if _kind(clause) != "one-off" or (amount := _AMOUNT.search(clause)) is None:
            continue
        before = re.sub(r"\b(?:of|at|is|costing|for|:)\s*$|^[\s,;.:]*(?:and|plus|also|a|an)?\s*",
                        "", clause[:amount.start()].strip(), flags=re.I).strip(" ,;:-")
        after = clause[amount.end():].strip(" ,;.:-")
        # what it is for: the words before the amount, else those after it up to a break
        what = before or re.split(r"(?=[,;(])", after, maxsplit=1)[0]
        rest = after if before else after[len(what):]
        what = re.sub(r"\b(?:one[\s-]?off|one[\s-]time)\s*", "", what, flags=re.I).strip(" ,;:-")
        rest = rest.strip(" ,;.:()-")
        said.append(" ".join(f"{amount.group()} {what}".split())
                    + (f" ({' '.join(rest.split())})" if rest else ""))
    return tuple(said)


def yearly_note(year: Year) -> str:
    """What the first-year figure counts that the weekly one does not: the time-limited
    extras ("the £900 a week for 8 weeks only") and the one-off sums ("with the £40,000
    one-off"); or, where the weeks could not be counted, that the year assumes them all
    year; and the extras that name weeks not their end ("reviewed in 8 weeks"), counted all
    year."""
    parts = []
    if year.steps.steps:
        parts.append(f"the fee {steps_said(year.fee, year.steps)}")
    if year.limited and not year.assumed_all_year:
        parts += [f"the {_whole(amount)} a week for {weeks} weeks only"
                  for amount, weeks in year.limited]
    if year.one_off:
        parts.append(f"with the {_whole(year.one_off)} one-off")
    if year.assumed_all_year:
        parts += [f"the {_whole(amount)} a week applies for {weeks} weeks only; this figure "
                  "assumes it all year" for amount, weeks in year.limited]
    parts += [f"the {_whole(amount)} a week counted all year (the weeks named are not when "
              "it ends)" for amount in year.all_year]
    return "; ".join(parts)


def _whole(amount: Decimal) -> str:
    return f"£{amount:,.2f}".replace(".00", "")


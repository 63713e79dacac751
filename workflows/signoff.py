"""A budget holder's sign-off for a fee above the authority's limit, or above what the
commissioners approved, as pure decisions.

    negotiating  agreement at or under `sign_off_above`  → placed (workflows/agreement.py)
    negotiating  agreement above it                       → negotiating (budget holders asked)
    negotiating  agreement above the approved fee, a fee  → negotiating (budget holders asked)
                 where none was approved, or a total
                 above the approved fee and costs
    negotiating  SIGN OFF REF-…                           → placed (the IPA is issued; the
                                                            budget holder told it was recorded)
    negotiating  REFUSE SIGN OFF REF-… <reason>           → negotiating (the social worker told)

Approving the shortlist is the council's commissioning approval for the placement: the social
worker may place with any approved option at up to the weekly cost the commissioners were
shown for it, and no more. A home that asks more after the approval (£4,600 approved, £5,150
now, even under the budget) is asking for money nobody accountable has seen, so the agreement
waits for a budget holder, whatever the limit; so does one approved with no fee (it had only
shown interest) whose fee is named later, and one that adds additional costs (£4,000
approved with none, now £4,000 and "2:1 staffing £1,900 per week"), a one-off sum among
them (now £4,000 and "£40,000 set-up fee": `one_off_added`). There is no tolerance:
any rise needs the sign-off. Additional costs are read as a weekly figure (`extra_weekly`):
none only when the field says no more than that, several weekly figures summed, and "not
priced" when no weekly figure can be read (a day rate for term time or school days only among
them: a school week is not seven days). The request carries the reference, the home and the
fees (fee, additional costs, the weekly total, the limit, the budget and the fee approved),
never the child's details. The pending sign-off is a fee round by "awaiting-sign-off"; a
refusal is a round with no fee, so nothing is left to AGREE to and the negotiation goes on
with a new proposal.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from broker.forms.spoken_amounts import amounts_in_figures
from broker.forms.values import (
    _PERIOD_PATTERNS,
    TOTAL,
    parse_money_weekly,
    pounds_in,
    revises,
)
from workflows.commands import Command, RecordEvent, RecordFeeRound, SendEmail
from workflows.condition_cost import condition_named, condition_words
from workflows.counter_start import agreed_start
from workflows.events import FeeSignedOff
from workflows.needed import emergency, needed_now
from workflows.placement import (
    Option,
    approved_costs,
    approved_words,
    budget_weekly,
    reply_words,
    sign_off_round,
    tell_social_worker,
)
from workflows.placement import _pounds as pounds
from workflows.snapshot import Decision, Snapshot, accepted, refused
from workflows.states import State

AWAITING, SIGNED, REFUSED = "awaiting-sign-off", "signed-off", "sign-off-refused"


def reasons(snapshot: Snapshot, option: Option, agreed: Decimal,
            extra: str = "") -> tuple[str, ...]:
    """Why a budget holder must sign off this weekly cost before the IPA, empty when none
    must (or one has): "limit", the fee with the provider's additional costs ("£1,500 a week
    for 2:1 staffing") on top is above the authority's limit, such costs whose amount cannot
    be read counted as above it, and a later fee (rule later-fee-counted) in its weeks;
    "risen", the fee, or the fee with the additional costs, is above what the commissioners
    approved (`risen_since_approval`); "one-off", a one-off sum nobody approved;
    "later-fee", the reply states a later fee that cannot be read (rule later-fee-flagged),
    which the approval did not cover; "condition-cost", the offer's condition names a cost
    nothing counts (rule condition-cost-not-counted), which the approval did not cover
    either: it is no additional cost, so the limit and a rise are judged on the figures
    known, never on it. The IPA never carries a cost over the limit, or over
    what was approved, that no budget holder saw."""
    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    if last[1] == SIGNED:
        return ()
    from broker.forms.fee_steps import highest_fee
    from workflows.year_cost import later_fees  # it imports this module

    more = extra_weekly(extra)  # a cost its condition names is a reason of its own
    total = agreed + more if more is not None else None
    limit = getattr(snapshot.authority, "sign_off_above", None)
    # the later fees as the reply states them after its own fee (a fee negotiated down
    # from it does not make them unread)
    reply = snapshot.responses.get(option.establishment)
    try:
        offered = Decimal(str((reply.fields if reply else {}).get("weekly_fee") or agreed))
    except ArithmeticError:
        offered = agreed
    steps, _ = later_fees(offered, extra, reply_words(snapshot, option))
    why = []
    # the dearest week counts: a later fee over the limit from week 9 is over it
    if limit is not None and (total is None
                              or highest_fee(agreed, steps) + (more or 0) > limit):
        why.append("limit")
    if risen_since_approval(snapshot, option, agreed, total, extra):
        why.append("risen")
    if one_off_added(snapshot, option, extra):
        why.append("one-off")
    if steps.unread:  # a later fee nobody could read, so nobody approved
        why.append("later-fee")
    if condition_named(snapshot, option, agreed, extra):  # rule condition-cost-not-counted
        why.append("condition-cost")
    return tuple(why)


# What approving the shortlist lets the social worker do, as the approval request says it
# (by email and in Slack): the council's commissioning approval for the placement, not only
# the papers' release; a cost above an option's, or a fee first named after it, needs a
# budget holder's sign-off (`risen_since_approval`).
WHAT_APPROVAL_COVERS = (
    "Approving this shortlist is the council's commissioning approval for the placement: "
    "the full papers go to the shortlisted providers, and the social worker may then place "
    "the child with any approved option at up to the weekly cost shown for it "
    "(\"Approval covers\"), without coming back to you. A higher fee or cost, or a fee first "
    "named after the approval, needs a budget holder's sign-off before the placement "
    "agreement is issued. You will be told when the child is placed.")
WEEKS_A_YEAR = 52


def approval_covers(fee: Decimal | None, more: Decimal | None, extra: str = "",
                    words: str = "") -> str:
    """The line of the approval request that says what approving an option covers: the
    weekly cost (the fee with the additional costs where they are priced, the fee alone
    where they are not) and the same for a year of 52 weeks; no fee where the home has
    named none. With the additional costs `extra` written, the year is the first year
    (workflows/year_cost.py): a time-limited extra counted for its weeks ("£900 per week for
    the first 8 weeks"), a one-off sum once, and said so. A later fee stated in `extra` or
    the reply's other words `words` (rule later-fee-counted) is covered as shown: "up to
    £4,300 a week for weeks 1–8, then £6,900", counted in the year; one that cannot be read
    is said not to be covered, with no year (rule later-fee-flagged)."""
    from broker.forms.fee_steps import steps_said
    from workflows.year_cost import later_fees, year_of, yearly_note  # it imports this module

    if fee is None:
        return ("Approval covers: no fee, as none was given; a fee named later needs a "
                "budget holder's sign-off")
    steps, _ = later_fees(fee, extra, words)
    if steps.unread:  # rule later-fee-flagged: the later fee is not covered, nor a year
        return (f"Approval covers: up to {_whole(fee + (more or 0))} a week"
                + (" with the additional costs" if more else " for the fee alone (not the "
                   "additional costs)" if more is None else "")
                + ", and not the later fee stated in the reply, which could not be read: "
                  "agreeing it needs a budget holder's sign-off")
    if more is None:
        if steps.steps:
            return (f"Approval covers: up to {steps_said(fee, steps)}, for the fee alone, "
                    "not the additional costs")
        return (f"Approval covers: up to {_whole(fee)} a week for the fee alone "
                f"({_whole(fee * WEEKS_A_YEAR)} a year), not the additional costs")
    cost = fee + more
    year = year_of(fee, extra, words) if extra or steps.steps else None
    note = yearly_note(year) if year is not None and year.first_year is not None else ""
    if steps.steps:  # the approval covers each step it shows
        rate = steps_said(fee, steps) if not more else (
            f"{steps_said(fee, steps)}, the fee, with {_whole(more)} a week additional costs")
        return (f"Approval covers: up to {rate}"
                + (f" ({_whole(year.first_year)} in the first year: {note})"
                   if year is not None and year.first_year is not None else ""))
    return (f"Approval covers: up to {_whole(cost)} a week"
            + (" with the additional costs" if more else "")
            + (f" ({_whole(year.first_year)} in the first year: {note})"
               if year is not None and year.first_year is not None and note else
               f" ({_whole(cost * WEEKS_A_YEAR)} a year at that rate)"))


def _whole(amount: Decimal) -> str:
    return f"£{amount:,.2f}".replace(".00", "")


def approved_fee(option: Option) -> Decimal | None:
    """The weekly fee the commissioners approved for the option: the comparison's."""
    try:
        return Decimal(str(option.weekly_fee)) if option.weekly_fee not in (None, "") else None
    except ArithmeticError:
        return None


def risen_since_approval(snapshot: Snapshot, option: Option, agreed: Decimal,
                         total: Decimal | None, extra: str = "",
                         words: str | None = None) -> bool:
    """Whether the weekly cost is above the one the commissioners approved for the option,
    by any amount and whatever the budget: the fee above the approved fee, a fee where none
    was approved (the home had only shown interest), or the fee with the additional costs
    above the approved fee with the costs they saw (a home approved at £4,000 with none
    that adds "2:1 staffing £1,900 per week" asks for £1,900 a week nobody approved, as
    surely as one that raises its fee to £5,900), or a later fee above the approved one
    in its weeks (`risen_from`). Costs that cannot be priced now
    (`total` None) are counted as above, even where the commissioners saw them unpriced:
    their approval covered the fee alone ("for the fee alone …, not the additional
    costs", `approval_covers`)."""
    approved = approved_fee(option)
    if approved is None or agreed > approved or total is None:
        return True
    if risen_from(snapshot, option, agreed, extra, words) is not None:
        return True
    before = extra_weekly(approved_costs(snapshot, option))
    return before is not None and total > approved + before


def risen_from(snapshot: Snapshot, option: Option, agreed: Decimal, extra: str = "",
               words: str | None = None) -> int | None:
    """Rule `later-fee-above-approval`: the first week whose fee is above the fee approved
    for that week, each with its later fees (rule later-fee-counted) — the agreed fee's
    read from the additional costs `extra` and the reply's words now (`words`, by default
    `reply_words`), the approved one's from what the commissioners were shown. A fee of
    £4,300 approved as it stood that the reply now says "from week 9 our fee rises to
    £6,900" has risen from week 9; None when no week's fee is above, or none was approved."""
    from broker.forms.fee_steps import fee_in_week
    from workflows.year_cost import later_fees  # it imports this module

    approved = approved_fee(option)
    if approved is None:
        return None
    now, _ = later_fees(agreed, extra, reply_words(snapshot, option) if words is None
                        else words)
    then, _ = later_fees(approved, approved_costs(snapshot, option),
                         approved_words(snapshot, option))
    changes = sorted({1, *(week for week, _ in now.steps), *(week for week, _ in then.steps)})
    return next((week for week in changes if fee_in_week(agreed, now, week)
                 > fee_in_week(approved, then, week)), None)


def _later_rise(snapshot: Snapshot, option: Option, agreed: Decimal, extra: str) -> str:
    """"above the fee approved from week 9 (£6,900 a week against £4,300)" where a later fee
    is what rose (`risen_from`), else ""."""
    from broker.forms.fee_steps import fee_in_week
    from workflows.year_cost import later_fees  # it imports this module

    week, approved = risen_from(snapshot, option, agreed, extra), approved_fee(option)
    if week is None or approved is None:
        return ""
    now, _ = later_fees(agreed, extra, reply_words(snapshot, option))
    then, _ = later_fees(approved, approved_costs(snapshot, option),
                         approved_words(snapshot, option))
    return (f"above the fee approved from week {week} ({pounds(fee_in_week(agreed, now, week))}"
            f" a week against {pounds(fee_in_week(approved, then, week))})")


def one_off_added(snapshot: Snapshot, option: Option, extra: str) -> bool:
    """Rule: a one-off cost nobody approved. Whether the additional costs `extra` now name
    one-off sums (`one_off_total`) above those the commissioners saw for the option
    (`approved_costs`): a home approved at £4,000 a week with none that now asks £4,000 and
    "£40,000 set-up fee, invoiced on the first day" asks for money nobody accountable has
    seen, though its weekly cost is unchanged. Sums that cannot be told count as added,
    unless the costs are word for word those approved."""
    now = one_off_total(extra)
    if now == 0:
        return False
    approved = approved_costs(snapshot, option)
    if " ".join(extra.split()).casefold() == " ".join(approved.split()).casefold():
        return False
    before = one_off_total(approved)
    return now is None or before is None or now > before


def one_off_total(text: str) -> Decimal | None:
    """The one-off sums in additional costs, added up ("£250 one-off for furniture, £500
    deposit" is £750; "£1,500 per week and a one-off £250 deposit" £250): 0 when none is
    named; None when one cannot be told (an amount said to be both weekly and one-off, a
    one-off written without £ or GBP, one whose figure is not cleanly written: "£4O,000",
    broker/forms/values.py `pounds_in`, the reader of the weekly figures too, so "£40 000" is
    £40,000 here as "£1 900 per week" is £1,900 a week there)."""
    if not text or _NONE.fullmatch(text) or _none_then_a_remark(text):
        return Decimal(0)
    figures = figures_of(text)
    clauses = _clauses(figures)
    if not clauses:
        return None if _once(figures) and re.search(r"\d", figures) else Decimal(0)
    kinds = [_kind(clause) for _, clause in clauses]
    if "both" in kinds:
        return None
    try:
        return sum((pounds_in(clause) for (_, clause), kind in zip(clauses, kinds, strict=True)
                    if kind == "one-off"), Decimal(0))
    except (ValueError, ArithmeticError):
        return None


# Pounds written as GBP, before or after the figure: "GBP 40,000", "40,000 GBP".
_GBP_BEFORE = re.compile(r"\bGBP\s?(?=\d)", re.IGNORECASE)
_GBP_AFTER = re.compile(r"(?<![\w£.,])(\d[\d,. \u00a0]*\d|\d)(\s?k)?\s?GBP\b", re.IGNORECASE)


def figures_of(text: str) -> str:
    """Additional costs as they are read: amounts in words as figures ("forty thousand
    pounds" is £40,000, broker/forms/spoken_amounts.py) and GBP as £ ("GBP 40,000 one-off",
    "40,000 GBP one-off"), so each amount is read with the words of its own clause."""
    figures = amounts_in_figures(text[:500])
    return _GBP_AFTER.sub(lambda m: f"£{m[1]}{m[2] or ''}", _GBP_BEFORE.sub("£", figures))


def extra_weekly(text: str) -> Decimal | None:
    """Additional costs as a weekly amount: 0 when the whole field says there are none
    ("None known", "All inclusive", "Included in the fee") or gives only one-off sums ("£250
    one-off for furniture"), the sum of several amounts that are each weekly ("£1,100 pw
    2:1 plus £900 pw transport" is £2,000), amounts in words read as figures ("fifteen
    hundred pounds a week"); None, "not priced", when no weekly amount can be read.

    Each amount is read with the words of its own clause (`_clauses`): a "one-off" or a
    "per week" belongs to the amount in the clause it is written in, so "£1,500 per week and
    a one-off £250 deposit" is £1,500, not nothing. It fails closed: an amount said to be
    both weekly and one-off, or, among several, one whose period cannot be told, makes the
    whole not priced; and the figure is never less than the weekly amounts summed, unless
    the words say one takes the place of another (a correction, a total after its parts,
    one rate then another in time: the highest of them)."""
    if not text or _NONE.fullmatch(text) or _none_then_a_remark(text):
        return Decimal(0)
    if _LEFT_OUT_UNPRICED.search(text):  # "£350 pw education; transport to school: not
        return None  # priced" (rule fee-line-left-out): the whole is not known, not £350
    figures = figures_of(text)
    clauses = _clauses(figures)
    if not clauses:  # no amount marked with £ or GBP: "1500 per week" is read as written
        if _term_time_day_rate(figures) or _multiplied(figures) or _once(figures):
            return None  # "40,000 one-off": not £40,000 a week
        try:
            return parse_money_weekly(figures)
        except ValueError:
            return None
    try:
        return _weekly_of(clauses)
    except ValueError:
        return None


def _weekly_of(clauses: list[tuple[str, str]]) -> Decimal | None:
    """The weekly figure of (gap before, clause) pairs, each clause one amount in pounds;
    ValueError or None when it cannot be told."""
    kinds = [_kind(clause) for _, clause in clauses]
    if "both" in kinds:
        return None  # "£1,500 weekly, one-off": which is it?
    if all(kind == "one-off" for kind in kinds):
        return Decimal(0)
    if any(kind != "one-off" and _multiplied(clause) for (_, clause), kind
           in zip(clauses, kinds, strict=True)):
        return None  # "£300 per session, 5 sessions a week": a product nobody wrote
    if len(clauses) == 1:  # one amount: the field's, weekly unless it says otherwise
        clause = clauses[0][1]
        return None if _term_time_day_rate(clause) else parse_money_weekly(clause)
    if "unknown" in kinds:
        raise ValueError("several amounts, one of them neither weekly nor one-off")
    recurring = [(gap, clause) for (gap, clause), kind in zip(clauses, kinds, strict=True)
                 if kind == "recurring"]
    if any(_term_time_day_rate(clause) for _, clause in recurring):
        return None  # "education £250 per day term time": not 7 × £250 a week
    totals = [clause for _, clause in recurring if TOTAL.search(clause)]
    if totals:  # "£1,100 pw + £900 pw = £2,000 pw total": the total, if it holds the parts
        if len(totals) > 1:
            return None
        whole = parse_money_weekly(totals[0])
        parts = sum((parse_money_weekly(c) for _, c in recurring if c is not totals[0]),
                    Decimal(0))
        return whole if whole >= parts else None
    figures: list[Decimal] = []
    for index, (gap, clause) in enumerate(recurring):
        weekly = parse_money_weekly(clause)
        if index and revises(gap, clause):  # "£1,200 pw, sorry, £1,100 pw"
            figures[-1] = weekly
        elif index and _replaces(recurring[index - 1][1], gap, clause):
            figures[-1] = max(figures[-1], weekly)  # "£1,200 pw, then £600 pw after 4 weeks"
        else:
            figures.append(weekly)
    return sum(figures, Decimal(0))


def _kind(clause: str) -> str:
    """What the one amount of `clause` is: "recurring" (a period is written: a week, a
    day, a month…), "one-off", "both" (it says both) or "unknown"."""
    words = _AMOUNT.sub(" ", clause)  # "£100/wk": the period without the figure
    periodic = any(pattern.search(words) for pattern, _ in _PERIOD_PATTERNS)
    once = _ONE_OFF.search(clause) is not None or (
        not periodic and _ONCE_UNLESS_A_PERIOD.search(clause) is not None)
    return {(True, True): "both", (True, False): "recurring", (False, True): "one-off",
            (False, False): "unknown"}[(periodic, once)]


# Only a short field that says no more than that there are none reads as none: a sentence
# that goes on ("not included in the fee", "none until week 4, then £300 pw") is read for
# its amounts.
# Something the fee leaves out, recorded with no price (broker/forms/fee_clauses.py).
_LEFT_OUT_UNPRICED = re.compile(r":\s*not\s+priced\b", re.IGNORECASE)
_NONE = re.compile(
    r"\s*(?:(?:none|nil|n/?a|no|nothing)(?:\s+(?:known|given|expected|anticipated|"
    r"at\s+(?:present|this\s+time)))?"
    r"|no\s+(?:additional|extra|further|other)\s+(?:costs?|charges?|fees?)(?:\s+known)?"
    r"|(?:all[\s-]+)?inclusive|(?:all\s+)?included(?:\s+in\s+(?:the\s+)?(?:weekly\s+)?fee)?"
    r"|-|£?0(?:\.00)?)\s*[.!]?\s*", re.IGNORECASE)
# "All inclusive – education included": a few words after the none, with no amount and
# nothing left out of it or put on top.
_REMARK = re.compile(r"\s*[-\u2013\u2014,;:(]\s*[^\d£]{0,40}")
_LEFT_OUT = re.compile(r"\b(?:not|except|excluding|exclusive|but|plus|extra|additional|"
                       r"on\s+top|charged?|costs?|pay(?:able)?|to\s+follow|tbc)\b", re.I)


def _none_then_a_remark(text: str) -> bool:
    """Whether `text` is a none ("All inclusive") and a short remark that adds no cost."""
    cut = re.search(r"[-\u2013\u2014,;:(]", text)
    return bool(cut and cut.start() > 0 and _NONE.fullmatch(text[:cut.start()])
                and _REMARK.fullmatch(text[cut.start():])
                and not _LEFT_OUT.search(text[cut.start():]))


# A day rate that runs only in term time or on school days ("education £250 per day term
# time", "£180 a day, school days only"): a school week is not seven days, nor always five,
# and a school year not 52 weeks, so no weekly figure is read from it (as "per school day"
# is not, broker/forms/values.py).
_A_DAY = re.compile(r"\b(?:per|a|each|every)\s+day\b|/\s?day\b|\bdaily\b|\bp/d\b|\bpd\b",
                    re.IGNORECASE)
_TERM_TIME = re.compile(r"\bterm[\s-]?time\b|\b(?:during|in)\s+(?:the\s+)?terms?\b|\bschool"
                        r"\s+(?:days?|terms?)\b|\bterm\s+days?\b", re.IGNORECASE)


def _term_time_day_rate(part: str) -> bool:
    """Whether `part` is a day rate for term time or school days only."""
    return bool(_A_DAY.search(part) and _TERM_TIME.search(part))


# An amount in pounds, to its end: "£1,500", "£1.5k", "£ 300", and thousands by spaces or
# dots as broker/forms/values.py reads them ("£40 000", "£4.850,00").
_AMOUNT = re.compile(r"£\s?(?:(?:\d{1,3}(?:[ \u00a0]\d{3}){1,2}(?!\d)"
                     r"|\d{1,3}(?:\.\d{3}){1,2}(?:,\d{2})?(?![\d.,])"
                     r"|\d[\d,]*(?:\.\d+)?)(?:\s?k\b)?)?", re.IGNORECASE)
# Where one clause ends and the next begins, between two amounts: a comma, a semicolon, a
# bracket, a dash between spaces, "and", "plus", "with", "+", "&", a sentence's end.
_CLAUSE_BREAK = re.compile(
    r"[,;()\n+&]|\s[-\u2013\u2014]\s|\.(?=\s|$)|\b(?:and|plus|with|also|as\s+well\s+as|then)\b",
    re.IGNORECASE)
_BRACKETED = re.compile(r"\([^()£]*\)")
# Two amounts that are a range ("£900-£1,100 pw", "£900 to £1,100"): one amount, the top.
_RANGE_GAP = re.compile(r"\s*(?:-|\u2013|\u2014|to)\s*", re.IGNORECASE)
# One rate and then another in time: the weekly cost is the highest of them
# (`_replaces`).
_THEN = re.compile(r"\b(?:then|thereafter|afterwards|after\s+that|rising|falling|"
                   r"reduc(?:ed|ing)|drop(?:s|ping)?)\b", re.IGNORECASE)
# Words after a "then" that name no item: to what, from when, and how ("falling to £1,000 pw
# after 6 weeks", "then £900 a week once she has settled").
_NO_ITEM = frozenset((
    "to", "at", "of", "by", "a", "an", "the", "from", "after", "until", "till", "for",
    "in", "on", "over", "when", "once", "as", "if", "she", "he", "they", "it", "her",
    "him", "his", "their", "has", "have", "is", "are", "will", "would", "be", "being",
    "settles", "settled", "settling", "then", "thereafter", "afterwards", "that",
    "rising", "rises", "rise", "falling", "falls", "fall", "reduced", "reducing",
    "reduces", "reduce", "drop", "drops", "dropping", "down", "up", "increasing",
    "decreasing", "going", "goes", "approx", "approximately", "about", "around",
    "roughly", "week", "weeks", "wk", "wks", "pw", "p", "w", "per", "weekly", "month",
    "months", "day", "days", "first", "next", "following", "further", "review",
    "reviewed", "placement", "start", "starts",
))
_TOKENS = re.compile(r"\d+:\d+|[^\W\d_]+")
# A later amount said to be on top of the earlier one: "and then also therapy £500 pw".
_ADDED = re.compile(r"\b(?:also|additionally|in\s+addition|as\s+well|plus|on\s+top|extra|"
                    r"another|separately|too)\b", re.IGNORECASE)


def _replaces(earlier: str, gap: str, later: str) -> bool:
    """Rule: one rate then another. Whether the later clause's amount is the earlier one's
    rate at another time (the highest of them is the weekly cost) rather than a cost of its
    own (summed): a "then", "falling", "reducing" or the like between them, nothing said to
    be added, and a later clause that names no item of its own ("falling to £1,000 pw after
    6 weeks", "then £1,000 pw") or only the earlier one's ("2:1 £1,500 pw, then 2:1 £1,000
    pw"). "Transport £300 pw, then 2:1 staffing £1,500 pw" and "2:1 £1,500 pw, reducing as
    she settles; therapy £500 pw" are two costs: summed, never read short."""
    then = _THEN.search(gap)
    amount = _AMOUNT.search(later)
    if then is None or amount is None:
        return False
    said = gap[then.end():] + " " + later[amount.end():]
    if _ADDED.search(said):
        return False
    own = {w.casefold() for w in _TOKENS.findall(said)} - _NO_ITEM
    before = _AMOUNT.search(earlier)
    named = earlier[:before.end()] if before else earlier
    return own <= {w.casefold() for w in _TOKENS.findall(named + " " + gap[:then.start()])}


# A clause that counts what its amount is for, or prices a unit that is not a time: "£300 per
# session, 5 sessions a week", "£1,500 pw x 2 staff", "per worker", "two workers". Its weekly
# cost would be a product nobody wrote, so it is not priced. Round the clock ("24 hours a
# day", "7 days a week", "24/7") counts nothing.
_ROUND_THE_CLOCK = re.compile(
    r"\b(?:24|twenty[\s-]four)[\s-]hours?(?:\s+(?:a|per)\s+day)?\b|\b24\s?/\s?7\b"
    r"|\b(?:7|seven)\s+(?:days?|nights?)\s+(?:a|per)\s+week\b", re.IGNORECASE)
_UNIT = (r"(?:sessions?|hours?|hrs?|visits?|workers?|staff|carers?|shifts?|days?|nights?|"
         r"times?|people|persons?|members?\s+of\s+staff|staff\s+members?|support\s+workers?)")
_MULTIPLIED = re.compile(
    r"(?<![\w:])[x×*]\s?\d|(?<![:\d])\d+\s?[x×](?!\w)"  # "x 2", "×2", "2 x £750"
    r"|\b(?:per|each|every)\s+(?:session|visit|worker|carer|shift|staff|member\s+of\s+staff|"
    r"staff\s+member|person|head|support\s+worker)\b"
    r"|/\s?(?:session|visit|worker|carer|shift|person|head)\b"
    r"|\d\s+an?\s+(?:session|visit|shift|worker|carer)\b"  # "£300 a session"
    rf"|(?<![:\d])\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|both|several|"
    rf"multiple)\s+{_UNIT}\b"
    r"|\b(?:twice|thrice)\b|\btimes\s+(?:a|per)\b", re.IGNORECASE)


def _multiplied(clause: str) -> bool:
    """Whether `clause` counts what its amount is for (`_MULTIPLIED`)."""
    return _MULTIPLIED.search(_ROUND_THE_CLOCK.sub(" ", _AMOUNT.sub(" £ ", clause))) is not None


def _clauses(figures: str) -> list[tuple[str, str]]:
    """`figures` cut into clauses of one amount in pounds each, with the words between the
    amount and the one before it: the cut falls at the first clause break after the earlier
    amount (a bracket closed before the next amount, "(2:1)", stays with the earlier one),
    or, with none, just before the later amount. So a "one-off" or "per week" written after
    the break is read with the amount that follows it."""
    found = list(_AMOUNT.finditer(figures))
    if not found:
        return []
    amounts: list[tuple[int, int, int]] = []  # (first £, the top's £, end): a range as one
    for amount in found:
        if amounts and _RANGE_GAP.fullmatch(figures[amounts[-1][2]:amount.start()]):
            amounts[-1] = (amounts[-1][0], amount.start(), amount.end())  # "£900-£1,100"
            continue
        amounts.append((amount.start(), amount.start(), amount.end()))
    gaps, cuts = [""], [0]
    for (_, _, before_end), (after_start, _, _) in zip(amounts, amounts[1:], strict=False):
        gap = figures[before_end:after_start]
        closed = [(m.start(), m.end()) for m in _BRACKETED.finditer(gap)]
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(gap)
                  if not any(a <= m.start() < b for a, b in closed)]
        gaps.append(gap)
        cuts.append(before_end + breaks[0] if breaks else after_start)
    ends = [*cuts[1:], len(figures)]
    # a range's bottom is left out of its clause: "2:1 £900-£1,100 pw" is "2:1 £1,100 pw"
    return [(gap, figures[cut:first] + figures[top:end]) for (first, top, _), cut, end, gap
            in zip(amounts, cuts, ends, gaps, strict=True)]


# A sum paid once, which adds nothing to the weekly cost.
_ONE_OFF = re.compile(r"\b(?:one[\s-]?off|one[\s-]time|single\s+payment|once\s+only|set[\s-]?up"
                      r"\s+(?:cost|fee|charge)|deposit)\b", re.IGNORECASE)
# Words that mean once when no period is written with them: "£40,000 upfront", "lump sum",
# "payable on admission", "initial payment", "retainer", "per placement", "(set-up
# £40,000)". With a period they are a weekly cost's ("£500 per week retainer", "£900 per
# week during set-up"). Read as weekly, "£40,000 upfront" was £40,000 a week.
_ONCE_UNLESS_A_PERIOD = re.compile(
    r"\b(?:up[\s-]?front|lump[\s-]+sum|(?:payable\s+|paid\s+|due\s+)?(?:on|at|before)\s+"
    r"(?:admission|arrival|placement\s+start|the\s+start)|initial\s+(?:payment|fee|charge|cost)"
    r"|retainer|(?:per|each)\s+placement|set[\s-]?up|start[\s-]?up\s+(?:cost|fee|charge)"
    r"|one\s+payment|single\s+(?:fee|sum|charge|cost)|joining\s+fee|admission\s+fee)\b",
    re.IGNORECASE)


def _once(text: str) -> bool:
    """Whether `text` says a sum is paid once (`_ONE_OFF`, `_ONCE_UNLESS_A_PERIOD`)."""
    return bool(_ONE_OFF.search(text) or _ONCE_UNLESS_A_PERIOD.search(text))


def ask(snapshot: Snapshot, option: Option, agreed: Decimal, requested: Decimal,
        extra: str = "", why: tuple[str, ...] = ("limit",)) -> Decision:
    """Hold the agreement, ask every budget holder of the authority, and tell the social
    worker the agreement waits for them (and why)."""
    authority, number = snapshot.authority, len(snapshot.fee_rounds) + 1
    fee, limit = f"{agreed:.2f}", authority.sign_off_above
    more = extra_weekly(extra)
    approved, budget = approved_fee(option), budget_weekly(snapshot)
    named = condition_named(snapshot, option, agreed, extra)  # condition-cost-not-counted
    context = {"reference": snapshot.reference, "home": option.home, "agreed_fee": fee,
               "requested_fee": f"{requested:.2f}",
               "limit": f"{limit:.2f}" if limit is not None else "",
               "social_worker": snapshot.referral.referrer, "additional_costs": extra,
               "extra_weekly": f"{more:.2f}" if more else "",
               "total": f"{agreed + more:.2f}" if more is not None else "",
               "budget": budget or "", "reasons": list(why),
               "approved_fee": f"{approved:.2f}" if approved is not None else "",
               "needed_from": snapshot.referral.anonymised.get("profile", {}).get(
                   "needed_from") or "",
               # an emergency, or a day asked for that has passed, is needed now
               # (workflows/needed.py): never "please decide by" a day gone
               "emergency": emergency(snapshot.referral.urgency),
               "needed_now": needed_now(snapshot.referral.anonymised.get("profile", {}),
                                        snapshot.world.today),
               "condition_cost": named,
               "condition": condition_words(snapshot, option) if named else ""}
    fee_rose = approved is None or agreed > approved
    before = (approved or Decimal(0)) + (extra_weekly(approved_costs(snapshot, option))
                                         or Decimal(0))  # the cost approved, priced
    if "risen" in why and not fee_rose:
        context["approved_total"] = f"{before:.2f}"
    context |= figures_asked(snapshot, option, agreed, extra, "one-off" in why)
    context |= overrun(snapshot, option, agreed, extra)
    because = _because(why, limit, approved, agreed, more, before, fee_rose,
                       _later_rise(snapshot, option, agreed, extra) if not fee_rose else "",
                       named)
    commands: list[Command] = [
        RecordFeeRound(option.establishment, number, AWAITING, fee),
        RecordEvent("sign-off-requested", {
            "weekly_fee": fee, "limit": context["limit"], "reasons": list(why),
            "approved_fee": context["approved_fee"], "establishment": option.establishment,
            # what the timeline says was asked: the sum, why, and of whom
            "total": context["total"], "one_off": context["one_off"],
            "one_off_for": context["one_off_for"], "first_year": context["first_year"],
            "because": " and ".join(because[w] for w in why),
            "asked": list(authority.budget_holders)}),
        *(SendEmail(key=f"{snapshot.reference}:sign-off:{sign_off_round(snapshot, number)}:"
                        f"{holder}",
                    template="budget_holder/sign_off_request", to=holder, context=context)
          for holder in authority.budget_holders),
        tell_social_worker(snapshot, "sign_off_requested", context | {
            "budget_holders": list(authority.budget_holders)},
            f"{sign_off_round(snapshot, number)}"),
    ]
    waiting = replace(snapshot, fee_rounds=(*snapshot.fee_rounds, (number, AWAITING, fee)))
    rule = ("fee-above-sign-off-limit" if "limit" in why else "fee-risen-since-approval"
            if "risen" in why else "one-off-cost-since-approval" if "one-off" in why
            else "later-fee-flagged" if "later-fee" in why else "condition-cost-not-counted")
    return accepted(waiting, commands, AWAITING, rule,
                    f"{pounds(agreed)} a week is " + " and ".join(because[w] for w in why)
                    + ": a budget holder must sign it off before the agreement is issued.")


def _because(why: tuple[str, ...], limit: Decimal | None, approved: Decimal | None,
             agreed: Decimal, more: Decimal | None, before: Decimal,
             fee_rose: bool, later: str = "", named: str = "") -> dict[str, str]:
    """Each reason a sign-off is asked, as the answer and the timeline say it; `later` the
    later fee above the one approved for its weeks (`_later_rise`), when that is why;
    `named` the cost the offer's condition names (rule condition-cost-not-counted)."""
    return {"limit": f"above the sign-off limit of {pounds(limit)}" if limit else "",
            "risen": ("above the fee approved" + (f" ({pounds(approved)})" if approved
                                                   is not None else ", none having been")
                      if fee_rose else later if later else
                      "above the cost approved with its additional costs ("
                      + (f"{pounds(agreed + more)} a week against " if more is not None
                         else "now not priced, against ")
                      + f"{pounds(before)})"),
            "one-off": "asked with a one-off sum in its additional costs that nobody approved",
            "later-fee": "asked with a later fee stated in the reply that could not be read, "
                         "which the approval did not cover",
            "condition-cost": f"asked with a cost its offer's condition names ({named}) that "
                              "the approval did not cover"}


def overrun(snapshot: Snapshot, option: Option, agreed: Decimal, extra: str) -> dict[str, Any]:
    """The sign-off request's figures beside the approval (workflows/cost_weeks.py): the
    social worker by her name, the weekly cost and the budget for the weeks each holds ("£6,250
    a week for weeks 1–8, then £4,850"), and how much more than approved it is, a week and in
    the first year."""
    from workflows.cost_weeks import against_approval
    from workflows.people import vouched_name
    from workflows.year_cost import year_of

    approved, seen = approved_fee(option), approved_costs(snapshot, option)
    try:
        budget = Decimal(str(budget_weekly(snapshot) or "").replace(",", "").lstrip("£"))
    except ArithmeticError:
        budget = None
    # a later fee in the reply's words counts, as it did in the approval (later-fee-counted)
    figures = against_approval(year_of(agreed, extra, reply_words(snapshot, option)),
                               year_of(approved, seen, approved_words(snapshot, option))
                               if approved is not None else None,
                               budget if budget is not None and budget.is_finite() else None,
                               (agreed, approved), snapshot.authority.sign_off_above)
    return {**figures, "social_worker_name": vouched_name(snapshot.referral.referrer, "")}


def figures_asked(snapshot: Snapshot, option: Option, agreed: Decimal, extra: str,
                  one_off_unapproved: bool) -> dict[str, Any]:
    """Rule `sign-off-shows-the-whole-cost`: what the sign-off request sets before the
    budget holder besides the weekly fee: the one-off sums in the additional costs (what
    they are for, and whether the commissioners approved them), the first year's cost with
    them (time-limited extras counted for their weeks, workflows/year_cost.py), what the
    commissioners approved for the option, who and when, and the provider's start date. A
    £40,000 set-up fee is never left to a reason line, nor a later fee not read (its words
    are quoted, and the first year is not known)."""
    from workflows.agreement import approved_by
    from workflows.year_cost import year_of, yearly_note

    year = year_of(agreed, extra, reply_words(snapshot, option))  # its later fee counted
    approved = approved_fee(option)
    seen = approved_costs(snapshot, option)
    before = extra_weekly(seen)
    once_approved = one_off_total(seen)
    offer = snapshot.responses.get(option.establishment)
    start = agreed_start(snapshot, agreed) or str(  # a counter's start, agreed with its fee
        (offer.fields if offer else {}).get("available_from") or "")
    by = approved_by(snapshot)
    return {
        "one_off": f"{year.one_off:.2f}" if year.one_off else "",
        "one_off_unclear": year.one_off is None,
        "one_off_for": year.one_off_for,
        "one_off_unapproved": one_off_unapproved,
        "one_off_approved": f"{once_approved:.2f}" if once_approved else "",
        "first_year": f"{year.first_year:.2f}" if year.first_year is not None else "",
        "year_note": yearly_note(year),
        # rule later-fee-flagged: the later fee not read, in the provider's words (the
        # first year is then not known)
        "later_fee_words": " … ".join(year.steps.unread),
        "approved_cost": (f"{approved + before:.2f}" if approved is not None
                          and before is not None else ""),
        "approved_fee_only": approved is not None and before is None,
        "approved_names": by.get("approved_by", "").removesuffix(" (commissioners)")
        .removesuffix(" (commissioner)"),
        "approved_on": by.get("approved_on", ""),
        "start_date": start}


def signed_off_terms(agreed: Decimal, extra: str) -> dict[str, str]:
    """What the placement agreement says the budget holder signed off, beside her name:
    the weekly cost ("at £6,700 a week with the additional costs", or the fee alone "at
    £4,250 a week") and any one-off sum in the additional costs ("and a one-off £40,000")."""
    more, once = extra_weekly(extra), one_off_total(extra)
    terms = ({"signed_off_total": f"{agreed + more:.2f}"} if more
             else {"signed_off_fee": f"{agreed:.2f}"})
    if once:
        terms["signed_off_one_off"] = f"{once:.2f}"
    return terms


def _request_answered(snapshot: Snapshot, event: FeeSignedOff) -> str | None:
    """Why the decision cannot count for the fee waiting now: it replies to a request for an
    earlier agreed fee, or, replying to none, comes after the fee waiting has changed, when
    nobody can tell which fee was read. Signing off £6,500 must never place at £12,000."""
    waiting = snapshot.fee_rounds[-1]
    asked = [number for number, status, _ in snapshot.fee_rounds if status == AWAITING]
    if event.round is not None and event.round != sign_off_round(snapshot, waiting[0]):
        return (f"That request was for an agreed fee that has changed since; the fee waiting "
                f"for sign-off on {snapshot.reference} is now {pounds(Decimal(waiting[2]))} a "
                "week. Please read the latest request and reply to it.")
    if event.round is None and len(asked) > 1:
        latest = pounds(Decimal(waiting[2]))
        return (f"The agreed fee for {snapshot.reference} has changed since it was first sent "
                f"for sign-off; please reply to the latest request ({latest} a week), so that "
                "we know which fee you decided on.")
    return None


def on_sign_off(snapshot: Snapshot, event: FeeSignedOff) -> Decision:
    from workflows.agreement import placed
    from workflows.agreement_rounds import _chosen, no_longer_offers, withdrawn_before_agreeing

    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    option = _chosen(snapshot)
    if last[1] != AWAITING or option is None:
        return refused(snapshot, event, "No agreed fee is waiting for sign-off.",
                       "nothing-to-sign-off")
    if (shown := _request_answered(snapshot, event)) is not None:
        return refused(snapshot, event, shown, "sign-off-for-another-fee")
    if event.decision != "refuse" and (said := no_longer_offers(snapshot, option)):
        return refused(snapshot, event, withdrawn_before_agreeing(snapshot, option, said),
                       "offer-withdrawn")
    number, by = last[0] + 1, event.actor.address
    if event.decision == "refuse":
        reason = event.reason.strip() or "no reason given"
        after = replace(snapshot, fee_rounds=(*snapshot.fee_rounds, (number, REFUSED, "")))
        commands: list[Command] = [
            RecordFeeRound(option.establishment, number, REFUSED, ""),
            RecordEvent("sign-off-refused", {"by": by, "reason": reason}),
            SendEmail(key=f"{snapshot.reference}:sign-off-refused:{number}",
                      template="social_worker/sign_off_refused", to=snapshot.referral.referrer,
                      context={"reference": snapshot.reference, "reason": reason,
                               "fee": last[2]}, thread=True)]
        return accepted(after.with_referral(state=State.NEGOTIATING), commands,
                        "sign-off-refused", "sign-off-refused",
                        "Refused; the social worker has been told.")
    signed = replace(snapshot, fee_rounds=(*snapshot.fee_rounds, (number, SIGNED, last[2])))
    holder = event.actor
    decision = placed(signed, option, Decimal(last[2]), f"{holder.name} ({by})"
                      if holder.name and holder.name != by else by, signer=by)
    offer = snapshot.responses.get(option.establishment)
    extra = str((offer.fields if offer else {}).get("additional_costs") or "")
    record: list[Command] = [RecordFeeRound(option.establishment, number, SIGNED, last[2]),
                             RecordEvent("signed-off", {
                                 "by": by, "weekly_fee": last[2], "name": holder.name or "",
                                 "establishment": option.establishment,
                                 **signed_off_terms(Decimal(last[2]), extra)})]
    return replace(decision, commands=(*record, *decision.commands))

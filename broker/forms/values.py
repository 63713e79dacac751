"""Typed values from form text: UK dates, weekly money, NHS numbers and UK postcodes.

Pure functions, each either returning the value or raising ValueError with a message written
for the person who typed it (dates, money), or answering yes/no (NHS numbers, postcodes).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from broker.forms.dates import parse_uk_date
from broker.forms.spoken_amounts import amounts_in_figures

__all__ = [
    "BRACKETED_PERIOD",
    "FEES_BY_PERIOD",
    "ROUGH_AFTER",
    "ROUGH_BEFORE",
    "TOTAL",
    "VAT_ON_TOP",
    "is_valid_nhs_number",
    "normalise_postcode",
    "outward_code",
    "parse_budget_weekly",
    "fee_for_each_child",
    "parse_money_weekly",
    "parse_uk_date",
    "pounds_in",
]

_PENNY = Decimal("0.01")
# A total after its parts, which is the fee: "… total weekly cost £4,800", "Total: £5,200 per
# week", "£5,200 all-in".
TOTAL = re.compile(r"\b(?:total|overall|all[\s-]in|in\s+all)\b", re.IGNORECASE)
# A total after its parts: "… - total £4,800", "£4,200 pw care + £700 pw education = £4,900".
_TOTAL_THEN = re.compile(rf"{TOTAL.pattern}[^£\d\n]{{0,30}}|(?<=\s)=[ \t]*(?=£)", re.IGNORECASE)
# A period in brackets: "£252,200 (per annum)" after an amount, "Cost (per day):" in a label.
BRACKETED_PERIOD = re.compile(
    r"\s*\(\s*((?:per|a|an|each)\s+\w+|p\.?\s?[aw]\.?|pcm|daily|nightly|weekly|monthly|"
    r"annually|annual|yearly)\s*\)", re.IGNORECASE)
# The amount: `£4,250`, `4250.00`, `£4.25k`. At most nine digits before the point, so a
# pasted reference number cannot become an absurd fee.
# Thousands grouped by commas, or after a £ by spaces ("£ 4 950" is £4,950, never £4), or
# by spaces or dots before the word or sign ("4 850 pound", "4.950 £", as written in Europe).
_AMOUNT = re.compile(
    r"(?<![\w.,£€$])(£\s?|gbp\s?)?"  # never another currency's: "€4,850" is not pounds
    r"(\d{1,3}(?:,\d{3}){1,2}|(?<=£)\d{1,3}(?:[ \u00a0]\d{3}){1,2}(?!\d)"
    r"|(?<=£)\d{1,3}(?:\.\d{3}){1,2}(?:,\d{2})?(?![\d.,])"  # "£4.850,00": as in Europe
    r"|(?<=£\s)\d{1,3}(?:[ \u00a0]\d{3}){1,2}(?!\d)"
    # thousands by a space or a dot before the pounds: "4 850 pound", "4.950 £ per week"
    r"|\d{1,3}(?:[ \u00a0.]\d{3}){1,2}(?:,00)?(?=[ \u00a0]?(?:£|pounds?\b|gbp\b))"
    # or by a space before its week: "4 950 a wk", "4 950 pw"
    r"|\d{1,3}(?:[ \u00a0]\d{3}){1,2}(?=[ \u00a0]?(?:pw\b|p/w\b|(?:a|per)[ \u00a0]+(?:week|wk)\b))"
    r"|\d{1,9})"
    r"(\.\d{1,2})?(?!\d)"
    r"(?![.,]\d)"  # "£4,9500" is mistyped, not £4: no amount, so it is asked
    r"(?:\s?(k)\b)?",
    re.IGNORECASE,
)
# Periods, as multipliers to a week. Hourly rates cannot be turned into a weekly fee.
_PERIODS = (
    (r"per\s+annum|per\s+year|a\s+year|p\.?\s?a\b\.?|p/a|/\s?(?:year|yr|annum)|annual(?:ly)?"
     r"|yearly|per\s+yr|each\s+year|for\s+(?:the|a|one)\s+(?:whole\s+)?year",
     Decimal(1) / Decimal(52)),
    (r"per\s+(?:calendar\s+)?(?:month|mth)|a\s+(?:calendar\s+)?month|pcm|/\s?(?:month|mth)"
     r"|monthly|each\s+month|p/m\b|\A\s*p\.?m\b\.?", Decimal(12) / Decimal(52)),
    # Four weeks (as many providers invoice; "per 4 weeks" is matched before the "4" can be
    # taken for an amount, `_FOUR_WEEKS`): a lunar month is four weeks too.
    (r"(?:per|every|each|a)\s+four\s+weeks|four[\s-]weekly|(?:per|a)\s+lunar\s+month",
     Decimal(1) / Decimal(4)),
    # A school's day rate: a school week is not seven days, nor always five.
    (r"(?:per|a|each|/)\s?school\s(?:day|night)", "a rate per school day"),
    (r"per\s+(?:day|night|diem)|a\s+(?:day|night)|/\s?(?:day|night)|daily|nightly|p/d|pd\b"
     r"|p/n|pn\b|each\s+(?:day|night)", Decimal(7)),
    (r"per\s+(?:week|wk)|a\s+week|p\.?\s?w\b\.?|p/w|/\s?(?:week|wk)|weekly|each\s+week"
     r"|yr\s+wythnos|y\s+wythnos|bob\s+wythnos",  # Welsh: "£4,850 yr wythnos"
     Decimal(1)),
    (r"per\s+fortnight|a\s+fortnight|/\s?fortnight|fortnightly|each\s+fortnight",
     Decimal(1) / Decimal(2)),
    (r"per\s+hour|an\s+hour|/\s?(?:hour|hr)|hourly|p/h|ph\b", "an hourly rate"),
    # A school's term is 12 to 14 weeks: no weekly figure can be read from it with confidence.
    (r"per\s+term|a\s+term|/\s?term|termly|each\s+term", "a fee per term"),
)
# A person's initials in square brackets, as inline answers are marked: "[PH] £4,850".
_INITIALS = re.compile(r"\[[A-Z]{2,3}\]|\([A-Z]{2,3}\)|^\s*[A-Z]{2,3}:", re.MULTILINE)
_PERIOD_PATTERNS = tuple((re.compile(rf"(?<!\w)(?:{p})", re.I), m) for p, m in _PERIODS)
_MONEY_EXAMPLE = "write it in pounds, e.g. £4,250 per week"
# A bare number without a £ is read as pounds only when it could be a fee: "52 week
# placement", "see page 2", "2:1 staffing" and a phone number's "0113" are not.
_SMALLEST_BARE_AMOUNT = 100
_FOUR_WEEKS = re.compile(
    r"\s*(?:(?:per|every|each|a)\s+(?:4|four)(?:\s+|-)weeks?(?:\s+period)?"
    r"|(?:\(\s*|(?:per|every|each|a)\s+)?4[\s-]weekly"
    r"|(?:per\s+invoice(?:\s+period)?\s*)?\(\s*(?:4|four)\s+weeks?(?=\s*\))"
    r"|/\s?4\s?(?:weeks|wks)|(?:(?:per|every|each)\s+|/\s?)28[\s-]days?(?:\s+period)?)\b",
    re.IGNORECASE)
# A figure for a number of weeks other than four: "£260,000 (52 weeks)", "£58,200 for 12
# weeks", "per 38 weeks". It is a total only when a week of it is a plausible fee: "£4,900
# for 12 weeks" is £4,900 a week for that long.
_COUNTED = {"two": 2, "three": 3, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12}
_WEEK_COUNT = rf"(\d{{1,2}}|{'|'.join(_COUNTED)})"
_N_WEEKS = re.compile(
    r"\s*(?:per\s+invoice(?:\s+period)?\s*)?(?:\(\s*)?"
    r"(?:(?:per|every|each|for|over|across|covering|/)\s*)?(?:(?:the|a|an)\s+)?"
    rf"{_WEEK_COUNT}\s*[\s-]?(?:weeks?|wks)\b", re.IGNORECASE)
# Before the figure: "Total for 6 weeks: £29,400", "our 52-week fee is £260,000", "The annual
# fee for a 52-week placement is £254,800" (round 53).
_N_WEEKS_BEFORE = re.compile(
    rf"(?:\b(?:total|cost|fee|rate|price|charge)\s+(?:cost\s+)?(?:for|over)\s+(?:the\s+)?{_WEEK_COUNT}"
    rf"\s+weeks?|\b{_WEEK_COUNT}[\s-]weeks?\s+(?:fee|rate|cost|total|price|charge)"
    rf"|\b(?:fee|cost|price|charge)\s+for\s+(?:a|the|one|each)\s+{_WEEK_COUNT}[\s-]weeks?\s+"
    r"(?:residential\s+|school\s+)?(?:placement|place))\b[^£\d]{0,15}$",
    re.IGNORECASE)
_SMALLEST_WEEKLY_FEE = 500
# No placement costs this much a week: a figure above it is a year's, or a slip, and is asked.
LARGEST_WEEKLY_FEE = Decimal(50_000)
_SMALLEST_PLACEMENT_WEEK = Decimal(100)  # a foster carer's allowance alone is more
_STRUCK = re.compile(r"~~[^~\n]{1,60}~~")
# Between two amounts, words (or an arrow) that put the second in place of the first.
_REVISED = re.compile(
    r"\b(?:now|reduced(?:\s+it)?\s+to|revised(?:\s+to)?|lowered(?:\s+it)?\s+to|amended\s+to|"
    r"changed\s+to|corrected(?:\s+to)?|sorry|correction|i\s+mean|i\s+meant|"
    r"should\s+(?:read|be)|actually|"
    r"but\s+(?:we\s+)?(?:can|could|will|would)\s+(?:do|offer|accept|go\s+to)(?:\s+it)?"
    r"(?:\s+for)?)\b[\s,:;.!\-\u2013]{0,4}$"
    r"|(?:\u2192|\u27f6|\u21d2|\u2794|-{1,2}>|=>)\s{0,3}$",  # an arrow: "£4,900 → £4,750"
    re.IGNORECASE)
_LATER = re.compile(r"\b(?:then|thereafter|after(?:wards)?|later|rising|falling)\b", re.I)
_LATER_AFTER = re.compile(
    r"^\s*(?:(?:per|a|an)\s+\w+\s+|pw\s+|p/w\s+)?(?:after|from|once|until|when|in\s+(?:week|month))\b",
    re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:-|\u2013|\u2014|to)\s*", re.IGNORECASE)


# What may stand between an amount and a remark on it: its period ("£4,600 pw isn't …").
AFTER_ITS_PERIOD = r"^\s*(?:pw|p/w|per\s+week|a\s+week)?\s*"
# A fee for each child of a sibling group, with no total after it: "£1,150 pw each", "£2,450
# per child", "£1,200 a week for each child". One child's fee is never recorded for the
# group's: the same for each (`each`) is the group's times its number of children, when
# that is known (`parse_money_weekly`'s `children`), else the group's fee is asked; a fee
# for a child named ("for the older girl") is asked ("each week" is no child).
PER_CHILD_AFTER = re.compile(
    rf"{AFTER_ITS_PERIOD},?\s*(?:(?P<each>each|(?:per|for\s+each|for\s+every)\s+(?:child|young"
    r"\s+person|sibling|of\s+them)|a\s+child)"
    # or named: "£4,900 pw for the older girl and £4,600 pw for her brother"
    r"|for\s+(?:the\s+)?(?:older|oldest|elder|eldest|younger|youngest|middle)\s+(?:girl|boy|child"
    r"|one|sibling|sister|brother)|for\s+(?:her|his|their)\s+(?:(?:younger|older|little|big|baby)"
    r"\s+)?(?:brother|sister))\b(?!\s+(?:week|month|day|night|fortnight)\b)",
    re.IGNORECASE)


# A range of the home's fees, by need: "Our fees run £4,500–£5,200 pw depending on need" (in
# prose, before this child's fee), "Weekly fee: £4,600 - £4,900 depending on assessed need".
A_RANGE_BY_NEED = re.compile(
    r"^(?:\s*(?:[-\u2013\u2014]|to)\s*£?\s?\d[\d,.]*k?)?\s*(?:pw|p/w|per\s+week|a\s+week)?\s*,?\s*"
    r"(?:depending|dependent)\s+(?:on|upon)\b", re.IGNORECASE)


# A fee that changes over the placement: "£6,000 pw for the 12-week assessment, then £4,800 pw
# ongoing", "£5,500 weeks 1-8, stepping down to £5,000", "£4,900 (first 4 weeks at £5,400 …)",
# "£5,200 pw for the first 12 weeks, reducing to £4,600", "£4,900 for 12 weeks, then £4,600",
# "£4,850 per week, reduced to £4,600 after 12 weeks", "£5,200 pw (12 wks) then £4,600",
# "£5,200 pw weeks 1–12; £4,600 pw from week 13", "£5,200/£4,600 pw (first 12 wks / after)"
# (round 64). Which figure to record is asked, in a form's field as in prose (rounds 48 and
# 51); a fee for a stretch with no later figure ("£4,900 pw for the first 12 weeks, then
# reviewed") is the fee.
_A_STRETCH = r"(?:weeks?|wks?|months?|mths?|assessment)"
_CHANGING = (r"(?:then|reducing|reduces|reduced|dropping|drops|dropped|falling|falls|stepping|"
             r"steps|stepped|rising|rises|increasing|increases)")
_NOT_A_YEAR = r"(?![ \t]+(?:a|per)[ \t]+year)"  # not "52 weeks a year"
# A stretch that counts its weeks or months ("weeks 1–12", "12 wks", "3 mths"), never the
# period of a weekly fee ("£5,000 per week (£4,750 after the discount)").
_A_COUNTED_STRETCH = (r"(?:\d{1,2}[ \t-]*(?:weeks?|wks?|months?|mths?)|(?:weeks?|wks?)[ \t]+"
                      r"\d{1,2})")
# A later figure with its start right after it, no change word: "£4,600 pw from week 13",
# "£4,600 thereafter" (an extra's, "£600 pw education from week 3", names something between).
_LATER_FROM = (r"£[ \t]?\d[\d,]{0,9}(?:\.\d\d)?k?(?:[ \t]*(?:pw|p/w|per[ \t]+week|a[ \t]+week"
               r"|weekly))?[ \t]*(?:from[ \t]+(?:the[ \t]+start[ \t]+of[ \t]+)?week|after[ \t]+"
               r"(?:that|this|week|(?:the[ \t]+)?(?:first[ \t]+)?\d{1,2}[ \t-]*(?:weeks?|wks?|"
               r"months?|mths?))|thereafter|onwards?|ongoing)\b")
FEES_BY_PERIOD = re.compile(
    r"£[ \t]?\d[\d,]{0,9}(?:\.\d\d)?"
    rf"(?:[^£\n]{{0,60}}?\b{_A_STRETCH}\b{_NOT_A_YEAR}"
    rf"[^£\n;]{{0,40}}?\b{_CHANGING}\b"
    # the first figure's stretch, then the later figure and its start: "weeks 1–12; £4,600
    # pw from week 13"
    rf"|[^£\n]{{0,60}}?\b{_A_COUNTED_STRETCH}\b{_NOT_A_YEAR}[^£\n]{{0,20}}?(?={_LATER_FROM})"
    # two figures by a slash, their stretches after: "£5,200/£4,600 pw (first 12 wks / after)"
    rf"|[ \t]*/[ \t]*(?=£[^£\n]{{0,40}}?\b{_A_STRETCH}\b{_NOT_A_YEAR})"
    r"|[^£\n()]{0,20}\([ \t]*(?:for[ \t]+)?(?:the[ \t]+)?first[ \t]+\w+[ \t]+weeks?\b"
    # the change first, its time after the later figure: "reduced to £4,600 after 12 weeks"
    rf"|[^£\n]{{0,30}}?\b{_CHANGING}[ \t]+(?:down[ \t]+)?to[ \t]+(?=£[^£\n]{{0,30}}?\b(?:after|"
    r"once|thereafter|from[ \t]+week)\b))"
    r"[^£\n]{0,30}?£", re.IGNORECASE)


# A weekly part added to the fee with no total after it: "£4,900 base + solo uplift £600 pw"
# (but not an extra only if something happens, "+ £1,200 pw education if she can't attend
# mainstream", nor an hourly or daily one, "+ 1:1 at £22/hr").
_A_PART_ADDED = re.compile(
    r"\s*(?:pw|p/w|per\s+week|a\s+week)?\s*(?:base|basic|core)?\s*\+\s*[^£\d\n+=]{0,25}£\s?\d[\d,]*"
    r"(?:\.\d\d)?(?![\d,.])(?!\s*(?:/|per\s|an?\s)\s*(?:hr|hour|day|night|session)s?\b)"
    r"(?![^\n]{0,40}\b(?:if|when|should|unless)\b)", re.IGNORECASE)


# A figure marked as rough is no fee to record: "about £4,900", "approx. £5,000", "ballpark
# £5k", "in the region of £4,800", "£5k-ish", "£4,900 pw or so", "£4,900 give or take".
ROUGH_BEFORE = re.compile(
    r"(?:\b(?:approx(?:imately|\.)?|around|roughly|about|circa"
    r"|ballpark(?:[ \t]+(?:figure[ \t]+)?of)?|in[ \t]+the[ \t]+region[ \t]+of"
    r"|something[ \t]+like)|~)[ \t]{0,3}$", re.IGNORECASE)
ROUGH_AFTER = re.compile(
    r"(?:[ \t]?-[ \t]?|[ \t])?ish\b|[ \t]{0,3}(?:(?:pw|p/w|per[ \t]+week|a[ \t]+week)[ \t,]{1,3})?"
    r"(?:or[ \t]+so|give[ \t]+or[ \t]+take|approx(?:imately|\.)?|roughly|or[ \t]+thereabouts)\b",
    re.IGNORECASE)


# VAT to be added to the amount: "£4,250 pw + VAT", "£4,650 (ex VAT)", "£4,750 pw excluding VAT".
# The net figure would rank the home cheaper than it is, so the fee is asked, unless a total
# follows ("£4,150 pw plus VAT, so £4,980 pw in total").
VAT_ON_TOP = re.compile(
    r"[ \t]{0,3}(?:(?:pw|p/w|per[ \t]+week|a[ \t]+week|weekly)[ \t]{0,3})?[(,]?[ \t]{0,3}"
    r"(?:\+|plus|ex\.?|excl\.?|excluding|exclusive[ \t]+of|net[ \t]+of|before|not[ \t]+including)"
    r"[ \t]{0,3}vat\b", re.IGNORECASE)

# VAT included in the amount: "(£4,980 per week inc. VAT)", "£4,980 including VAT" (round 53).
_VAT_INCLUDED = re.compile(
    r"[ \t]{0,3}(?:(?:pw|p/w|per[ \t]+week|a[ \t]+week|weekly)[ \t]{0,3})?,?[ \t]{0,3}"
    r"(?:inc\.?|incl\.?|including|inclusive[ \t]+of|with)[ \t]{0,3}vat\b", re.IGNORECASE)
_GROSS_REACH = 40  # how far after "+ VAT" the total with VAT is looked for


def parse_money_weekly(text: str, *, children: int | None = None) -> Decimal:
    """The weekly amount in pounds, to the penny: `£650 per day` is 4550.00. A figure struck
    through (`~~£5,200~~`) or revised ("was £5,200, now £4,900") gives way to the new one.

    Rule `fee-per-child-for-the-group`: a fee the same for each child of a sibling group with
    no total ("£3,100 per child per week", "£3,100 each") is the group's weekly fee when
    `children`, the number of children placed together, is two or more (£6,200 for two);
    with it not known (None) or one, ValueError: never one child's fee taken for the group's.
    """
    weekly, each = _weekly(text)
    if not each:
        return weekly
    if children is None or children < 2:
        shown = " ".join(text[:500].split())[:60]
        raise ValueError(f"'{shown}' is a fee for each child; give the weekly fee for them "
                         "all, e.g. £4,900 per week")
    return weekly * children


def fee_for_each_child(text: str) -> Decimal | None:
    """The weekly fee for each child that `text` gives with no total, the same for each
    ("£3,100 per child per week" is 3100.00), or None when it gives another fee or none."""
    try:
        weekly, each = _weekly(text)
    except ValueError:
        return None
    return weekly if each else None


def _weekly(text: str) -> tuple[Decimal, bool]:
    """The weekly amount, and whether it is each child's (`parse_money_weekly`)."""
    each = False
    sample = _STRUCK.sub(" ", amounts_in_figures(text[:500]))
    shown = " ".join(sample.split())[:60]
    match = _first_amount(sample)
    if match and _CALLED_TOTAL.match(sample, match.end()):  # "£6,500 pw total – £4,000 care
        _parts_add_up(sample, match, shown)  # + £2,500 health": the total, its parts after it
    elif match and (total := _TOTAL_THEN.search(sample, match.end())) and (
            after := _first_amount(sample[total.end():])) and after[1]:
        sample = sample[total.end():]  # a total after its parts: "£4,200 + £600 - total £4,800"
        match = _first_amount(sample)
    if match is None:
        raise ValueError(f"'{shown}' is not an amount of money; {_MONEY_EXAMPLE}")
    if ROUGH_BEFORE.search(sample[max(0, match.start() - 40):match.start()]) or ROUGH_AFTER.match(
            sample, match.end()):
        raise ValueError(f"'{shown}' is a rough figure; give the weekly fee, e.g. £4,250 per week")
    if (vat := VAT_ON_TOP.match(sample, match.end())) and (
            gross := _first_amount(sample[vat.end():vat.end() + _GROSS_REACH])) and (
            _VAT_INCLUDED.match(sample, vat.end() + gross.end())):
        sample, match = sample[vat.end():], gross  # "£4,150 + VAT (£4,980 per week inc.
        # VAT)": the total written out is the fee (it is never worked out here)
    if VAT_ON_TOP.match(sample, match.end()) and not TOTAL.search(sample, match.end()):
        raise ValueError(f"'{shown}' is before VAT; give the weekly fee with VAT, e.g. £5,100 "
                         "per week")
    if _A_PART_ADDED.match(sample, match.end()):
        raise ValueError(f"'{shown}' gives the fee in parts; give the whole weekly fee, e.g. "
                         "£4,250 per week")
    if FEES_BY_PERIOD.match(sample, match.start()):
        raise ValueError(f"'{shown}' changes over the placement; give the weekly fee from the "
                         "start, and the later ones in words")
    if A_RANGE_BY_NEED.match(sample[match.end():]):
        raise ValueError(f"'{shown}' is a range of fees by need; give this child's weekly fee, "
                         "e.g. £4,250 per week")
    if _opens_a_range(sample, match):  # rule `fee-range-asked`
        raise ValueError(f"'{shown}' is a range of fees; give the weekly fee you offer for "
                         "this child, e.g. £4,250 per week")
    if per_child := PER_CHILD_AFTER.match(sample[match.end():]):  # "£1,150 pw each (£2,300
        rest = sample[match.end():]  # pw in total)": the total is the fee
        total = _first_amount(rest)
        if total is not None and TOTAL.search(rest[total.end():][:30]):
            sample, match = rest, total
        elif per_child["each"]:  # the same for each child: read without those words
            each = True  # ("£450 per child per day" is £3,150 a week for each)
            sample = (sample[:match.end() + per_child.start("each")] + " "
                      + sample[match.end() + per_child.end("each"):])
        else:
            raise ValueError(f"'{shown}' is a fee for each child; give the weekly fee for them "
                             "all, e.g. £4,900 per week")
    amount = Decimal(_digits(match[2]) + (match[3] or ""))
    if match[4] or _range_in_thousands(sample, match):
        amount *= 1000
    if amount <= 0:
        raise ValueError(f"'{shown}' is not an amount of money above £0; {_MONEY_EXAMPLE}")
    if not match[1] and (amount < _SMALLEST_BARE_AMOUNT or match[2].startswith("0")):
        raise ValueError(f"'{shown}' does not say an amount of money; {_MONEY_EXAMPLE}")
    multiplier = _weeks_multiplier(sample, match, amount) or _period_multiplier(sample, match)
    if isinstance(multiplier, str):
        raise ValueError(f"'{shown}' is {multiplier}; give the weekly fee, e.g. £4,250 per week")
    weekly = (amount * multiplier).quantize(_PENNY, rounding=ROUND_HALF_UP)
    if weekly < _SMALLEST_PLACEMENT_WEEK:  # "£4.9" (the k left off) is no week's fee
        raise ValueError(f"'{shown}' is less than any placement costs a week; give the weekly "
                         "fee, e.g. £4,250 per week")
    if weekly > LARGEST_WEEKLY_FEE:
        raise ValueError(f"'{shown}' is more than any placement costs a week; give the weekly "
                         "fee, e.g. £4,250 per week")
    return weekly, each


# The figure before it called a total: "£6,500 pw total", "£6,500 (total)", "£6,500 in total".
_CALLED_TOTAL = re.compile(r"[ \t]*\(?[ \t]*(?:(?:pw|p/w|per\s+week|a\s+week|weekly)[ \t]*)?"
                           rf"\(?(?:in[ \t]+)?(?:{TOTAL.pattern})", re.IGNORECASE)
# Two amounts added: "£4,000 social care + £2,500 CHC".
_PLUS = re.compile(r"[^£\d\n+=]{0,40}\+[^£\d\n+=]{0,25}\Z")


def _parts_add_up(sample: str, total: re.Match[str], shown: str) -> None:
    """A figure called a total, with parts added after it ("£6,500 pw total – £4,000 social
    care + £2,500 CHC"): ValueError when the parts add up to another sum, which of the two
    is meant being unclear. Parts are amounts marked with £ joined by "+"."""
    rest = sample[total.end():]
    parts = [m for m in _AMOUNT.finditer(rest) if m[1]]
    added = [parts[0]] if parts else []
    for before, part in zip(parts, parts[1:], strict=False):
        if not _PLUS.search(rest[before.end():part.start()]):
            break
        added.append(part)
    if len(added) < 2:
        return
    whole, summed = _figure(total), sum((_figure(m) for m in added), Decimal(0))
    if whole != summed:
        raise ValueError(f"'{shown}' gives a total of £{whole:,.0f} and parts that add up to "
                         f"£{summed:,.0f}; give the weekly figure meant, e.g. £4,250 per week")


def _figure(amount: re.Match[str]) -> Decimal:
    """An `_AMOUNT`'s figure, in pounds ("£2.5k" is 2500), no period applied."""
    return Decimal(_digits(amount[2]) + (amount[3] or "")) * (1000 if amount[4] else 1)


def _in_parts(text: str) -> bool:
    """Whether a budget opens with parts added and no total ("£4,000 social care + £2,500
    CHC"): its first amount is one part of it."""
    sample = _STRUCK.sub(" ", amounts_in_figures(text[:500]))
    marked = [m for m in _AMOUNT.finditer(sample) if m[1]]
    return (len(marked) > 1 and not TOTAL.search(sample) and "=" not in sample
            and _PLUS.search(sample[marked[0].end():marked[1].start()]) is not None)


# What may not stand against a sum's figure: a letter or digit run on ("£4O,000", a letter O
# for a nought; "£500deposit"), or a separator before more digits ("£40 0000"); a minus.
_RUN_ON = re.compile(r"[^\W_]|[ \u00a0.,]\d")
_MINUS = re.compile(r"[-\u2212\u2013]\Z")


def pounds_in(text: str) -> Decimal:
    """The first amount marked with £ in `text`, as a sum (no period applied), read as
    `parse_money_weekly` reads its figure: thousands by commas, or by spaces or dots after
    the £ ("£40 000", "£40.000" are £40,000, never £40), "£1.5k", pence. ValueError when no
    amount is marked with £, or its figure is not cleanly written: a letter or digit run on
    to it ("£4O,000"), more digits after a separator ("£40 0000"), a minus before it
    ("-£40,000"). A one-off sum misread is a smaller sum nobody approved."""
    start = text.find("£")
    match = _AMOUNT.match(text, start) if start >= 0 else None
    if (match is None or not match[1] or _RUN_ON.match(text, match.end())
            or _MINUS.search(text[:start])):
        shown = " ".join(text.split())[:60]
        raise ValueError(f"'{shown}' does not say a sum in pounds clearly; write it as "
                         "£40,000")
    amount = Decimal(_digits(match[2]) + (match[3] or ""))
    return amount * 1000 if match[4] else amount


# A budget written as a most: "up to £5,000", "max. £5,000", "a ceiling of £5,000".
_UP_TO = re.compile(r"^\s*(?:up\s+to|max(?:imum)?\.?:?|no\s+more\s+than|not\s+exceeding|"
                    r"a\s+ceiling\s+of)\s+", re.IGNORECASE)


def parse_budget_weekly(text: str) -> Decimal:
    """A council's weekly budget in pounds, to the penny. A budget is a most: "up to five
    thousand pounds a week" is £5,000, and a range is its top ("£4,000-£4,500 per week" is
    £4,500; "£4.5-5k" £5,000): read at its bottom, fees between would look over budget. (A
    provider's fee written as a range is read at its bottom, by `parse_money_weekly`.) A
    joint-funded budget is its total ("£6,500 pw total – £4,000 social care + £2,500 CHC"
    is £6,500); parts with no total, or a total its parts do not add up to, are asked
    about: never one part (the council's share) read as the whole."""
    text = _UP_TO.sub("", text, count=1)
    if _in_parts(text):  # "£4,000 social care + £2,500 CHC": never one part for the whole
        shown = " ".join(text[:500].split())[:60]
        raise ValueError(f"'{shown}' gives the budget in parts; give the whole weekly budget "
                         "(every part added), e.g. £6,500 per week")
    return parse_money_weekly(_range_top(text) or text)


def _range_top(text: str) -> str | None:
    """The text from the top of the range it opens with ("£4,000-£4,500 per week" gives
    "£4,500 per week"), or None when its first amount opens no range."""
    sample = _STRUCK.sub(" ", amounts_in_figures(text[:500]))
    bottom = _first_amount(sample)
    top = _AMOUNT.search(sample, bottom.end()) if bottom else None
    if bottom is None or top is None or not _RANGE_JOIN.fullmatch(sample, bottom.end(),
                                                                   top.start()):
        return None
    return ("" if top[1] or not bottom[1] else "£") + sample[top.start():]


def weeks_written_after(text: str) -> int | None:
    """The number of weeks a figure is said to be for, at the start of `text` ("(6-week
    total)", "for the 4-week assessment", "for two weeks"), or None."""
    weeks = _N_WEEKS.match(text)
    return None if weeks is None else _count(weeks[1])


def weeks_written_before(text: str) -> int | None:
    """The number of weeks the end of `text` says the figure after it is for ("Total for 6
    weeks:", "our 52-week fee is"), or None."""
    weeks = _N_WEEKS_BEFORE.search(text)
    return None if weeks is None else _count(next(group for group in weeks.groups() if group))


def _count(written: str) -> int:
    return _COUNTED.get(written.lower()) or int(written)


def _weeks_multiplier(text: str, amount: re.Match[str], value: Decimal) -> Decimal | None:
    """1/n for a figure written over n weeks ("£260,000 (52 weeks)", "Total for 6 weeks:
    £29,400"), when a week of it is a plausible fee; None otherwise."""
    count = weeks_written_after(text[amount.end():])
    if count is None:
        count = weeks_written_before(text[: amount.start()])
    if count is None or count < 2:
        return None
    share = Decimal(1) / Decimal(count)
    return share if value * share >= _SMALLEST_WEEKLY_FEE else None


def _digits(written: str) -> str:
    """The amount's digits: thousands by commas or spaces, or (with a £) by dots and a decimal
    comma ("4.850,00")."""
    if "." in written:
        whole, _, pence = written.partition(",")
        return whole.replace(".", "") + (f".{pence}" if pence else "")
    return re.sub(r"[,\s]", "", written)


def _first_amount(text: str) -> re.Match[str] | None:
    """The first amount marked with £, else the first number at all; an amount the words
    after it revise ("£5,200 - sorry, £4,900", "was £5,200 now £4,900") is the next one."""
    matches = list(_AMOUNT.finditer(text))
    marked = [m for m in matches if m[1]]
    candidates = marked or matches
    for first, then in zip(candidates, candidates[1:], strict=False):
        if not revises(text[first.end():then.start()], text[then.end():then.end() + 30]):
            return first
    return candidates[-1] if candidates else None


def revises(between: str, after: str = "") -> bool:
    """Whether the words between two amounts put the second in place of the first: not a
    step down in time ("reduced to £4,600 after 12 weeks", "then reduced to …")."""
    return (_REVISED.search(between) is not None and not _LATER.search(between)
            and not _LATER_AFTER.match(after))


def _opens_a_range(text: str, amount: re.Match[str]) -> bool:
    """Rule `fee-range-asked`: whether the amount is the bottom of a range of fees ("£4,800 -
    £5,200 pw (to be confirmed after matching)", "£4.5-5k"). Neither end is a fee the home
    has committed to, nor one the council can approve: read at its bottom the home ranks
    cheaper than it may be, at its top dearer than it may be; so it is asked, in a form's
    field as in prose, the home's words kept for the social worker. A second figure lower
    than the first ("£5,200 to £4,900") is no range."""
    following = _AMOUNT.search(text, amount.end())
    if following is None or not _RANGE_JOIN.fullmatch(text[amount.end():following.start()]):
        return False
    bottom = Decimal(_digits(amount[2]) + (amount[3] or ""))
    top = Decimal(_digits(following[2]) + (following[3] or ""))
    if following[4]:
        top *= 1000
    if amount[4] or _range_in_thousands(text, amount):
        bottom *= 1000
    return top > bottom


def _range_in_thousands(text: str, amount: re.Match[str]) -> bool:
    """"£4.5-5k", "4-5k per week": the range's top says "thousand" for its bottom too."""
    following = _AMOUNT.search(text, amount.end())
    return bool(following and following[4] and not amount[4]
                and _RANGE_JOIN.fullmatch(text[amount.end():following.start()]))


def _period_multiplier(text: str, amount: re.Match[str]) -> Decimal | str:
    """The period written after the amount (up to the next amount), else before it; else weekly.
    A period no week can be made from is named instead ("an hourly rate")."""
    if _FOUR_WEEKS.match(text, amount.end()):
        return Decimal(1) / Decimal(4)
    following = _AMOUNT.search(text, amount.end())
    if following and _RANGE_JOIN.fullmatch(text[amount.end() : following.start()]):
        # "£600-£650 a day": the period after the range's top is the range's period
        amount, following = following, _AMOUNT.search(text, following.end())
    after = text[amount.end() : following.start() if following else len(text)]
    for region in (after, text[: amount.start()]):
        region = _INITIALS.sub("", region)  # "[PH] £4,850": who answered, not "per hour"
        found = [(m.start(), mult) for p, mult in _PERIOD_PATTERNS if (m := p.search(region))]
        if found:
            return min(found, key=lambda pair: pair[0])[1]
    return Decimal(1)


def is_valid_nhs_number(digits: str) -> bool:
    """Ten digits (spaces and hyphens allowed) whose last is the NHS modulus-11 check digit."""
    compact = re.sub(r"[\s-]", "", digits)
    if len(compact) != 10 or not compact.isascii() or not compact.isdigit():
        return False
    total = sum(int(d) * weight for d, weight in zip(compact[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(compact[9])


# UK postcodes: an outward code (A9, A99, AA9, AA99, A9A, AA9A) and an inward code (9AA).
# Royal Mail never uses C, I, K, M, O or V in an inward code's letters: a postcode that does
# cannot exist (the anonymiser's patterns use the same letters).
INWARD_LETTERS = "ABD-HJLNP-UW-Z"  # a character class's contents
_POSSIBLE_INWARD = re.compile(rf"[0-9][{INWARD_LETTERS}]{{2}}")
_OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_FULL_POSTCODE = re.compile(rf"^({_OUTWARD})([0-9][A-Z]{{2}})$")
_POSTCODE_IN_TEXT = re.compile(rf"(?<![A-Z0-9])({_OUTWARD})\s?([0-9][A-Z]{{2}})(?![A-Z0-9])")
_OUTWARD_ONLY = re.compile(rf"^{_OUTWARD}$")


def normalise_postcode(text: str) -> str | None:
    """The UK postcode in the text, written canonically (`SE15 4AB`), or None."""
    upper = text[:500].upper()
    compact = re.sub(r"\s+", "", upper)
    match = _FULL_POSTCODE.match(compact) or _POSTCODE_IN_TEXT.search(upper)
    if match is None:
        return "GIR 0AA" if compact == "GIR0AA" else None
    return f"{match[1]} {match[2]}"


def is_possible_postcode(postcode: str) -> bool:
    """Whether a postcode written canonically (`SE15 4AB`) could exist: its inward code's
    letters are ones Royal Mail uses ("BR3 4KK" is no postcode)."""
    return _POSSIBLE_INWARD.fullmatch(postcode.rsplit(" ", 1)[-1]) is not None


def outward_code(postcode: str) -> str:
    """The outward code (`SE15`) of a full postcode, or of an outward code on its own."""
    full = normalise_postcode(postcode)
    if full is not None:
        return full.split(" ")[0]
    bare = postcode.strip().upper()
    if _OUTWARD_ONLY.match(bare):
        return bare
    raise ValueError(f"'{postcode.strip()[:60]}' is not a UK postcode")

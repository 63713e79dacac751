"""The fee and the start date a provider writes in prose instead of in the form.

"Yes, we'd love to offer a place: £4,800 a week, from Monday 4th" is an offer with a weekly
fee and a start date, just as the form's lines would be. Only the reply's own text is read
(quoted history is gone before this), and lines that carry a form label are left to the form.
A sum of money is the fee unless its sentence marks it as something else (an extra on top,
an hourly rate, or the authority's budget) and the words just before it do not call it the
fee. A date is the start date when an availability word ("from", "available", "start",
"move in") leads to it, unless that word is denied ("no vacancy now"); a loose time with its
day in brackets ("from the weekend (Sat 5th)") is that day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from broker.forms.dates import MONTH_WORD, WEEKDAY_WORD, parse_uk_date
from broker.forms.fee_clauses import another_fee_at
from broker.forms.fee_parts import FeePart, split_parts
from broker.forms.fee_steps import fee_steps
from broker.forms.money import POUNDS
from broker.forms.prose_extras import (
    STAFFING_RATIO,
    THE_OFFER_AT,
    adds_an_extra_to,
    offers_its_staffing,
)
from broker.forms.spec import FormSpec
from broker.forms.spoken_amounts import amounts_in_figures, sum_in_words
from broker.forms.spoken_dates import ORDINAL_DAY_WORDS
from broker.forms.the_child import THE_CHILD
from broker.forms.values import (
    A_RANGE_BY_NEED,
    AFTER_ITS_PERIOD,
    BRACKETED_PERIOD,
    FEES_BY_PERIOD,
    PER_CHILD_AFTER,
    ROUGH_AFTER,
    ROUGH_BEFORE,
    TOTAL,
    VAT_ON_TOP,
    parse_money_weekly,
    revises,
    weeks_written_after,
    weeks_written_before,
)
from broker.forms.welsh_dates import english_date_names

__all__ = ["A_DAY_AFTER_THE_OFFER", "asks", "prose_fee_parts", "prose_lines",
           "prose_start_date", "prose_weekly_fee"]

_MAX_CHARS = 20_000
_LABEL_SEARCH_CHARS = 120
# ("approx. £5,000" is one sentence: the figure is marked as rough)
_SENTENCE_END = re.compile(r"(?<=[.!?;])(?<![Aa]pprox\.)\s+|\n")
# A question asks with its first words ("Could she start on the 14th?", "Is £5,000 firm?",
# "When can we visit?"); "We have a bed from Monday if that helps?" still tells.
# @-mentions before it are no part of it: "@Sam – could she start on 14/12?", "@Sam, @Jo –".
_ASKS = re.compile(
    r"\W*(?:\d{1,2}[.)]\s*)?(?:(?:and\s+)?@[\w.\-]+(?:\s+(?-i:[A-Z])\w*)?\W*){0,4}"
    r"(?:(?:could|can|would|will|is|are|was|do|does|did|should|shall|may"
    r"|might|has|have)\s+(?:really\s+)?[\w£]"
    r"|(?:when|what|how|why|where|which|who)\b)", re.IGNORECASE)
# A fee in prose: a £ figure, or, deliberately wider than broker/forms/money.py's `POUNDS`
# (which the rules below use as `_POUNDS`), a bare figure its period, "pounds" or "fee" marks.
_MONEY = re.compile(
    r"(?:£|\bgbp)\s?\d[\d,]{0,9}(?:\.\d{1,2})?(?:\s?k\b)?"
    # a figure before its period: "4900pw", "4,900 per week", "4900/week" (but "21/12" is a day)
    # ("4950 £ per week", too; thousands after a space or a dot: "4 850 pound for week",
    # "4.950 £ per week")
    # (but not a date's year before the fee: "from 14/12/2026, £4,850", "14 December 2026, £…")
    r"|(?<![\w.,£€$/])(?<!\d\s)(?!(?:19|20)\d\d\b,?\s*£)"
    r"(?:\d{1,3}(?:\s\d{3})+(?!\d)|\d{1,3}(?:\.\d{3})+(?:,00)?(?:\s?£|(?=\s?(?:pounds?|gbp)\b))"
    r"|\d[\d,]{0,9})"
    r"(?:\.\d{1,2})?\s?(?:k\b\s?)?"
    r"(?=\s*(?:(?:pounds?|quid|gbp|per|a|/(?=[a-z])|p[./]?w)\b|£)"  # "4,950 p/w"
    # "4.9K weekly" (but not a year, "from 14 December 2026, weekly fee £4,850")
    r"|(?<!,)(?<!,\s)(?<!\b(?:19|20)\d\d)(?<!\b(?:19|20)\d\d\s)\s?weekly\b)"
    # a bare figure straight after the word "fee": "Weekly fee 4900, available from 14/12",
    # "fee would be 4950", "Fee now 5150" (round 50); but not this decade's year alone
    r"|(?:(?<=\bfee )|(?<=\bfee: )|(?<=\bfee - )|(?<=\brate )|(?<=\s@ )|(?<=\s@)"
    r"|(?<=\bfee is )|(?<=\bfee of )|(?<=\bfee now )|(?<=\bfee would be )"
    r"|(?<=\bfee will be )"  # (not "rate is": "the education rate is 650", "occupancy rate")
    r"|(?<=\bp/w ))"  # its period first: "Can offer, p/w 4,990"
    r"(?!20[2-4]\d\b(?!\s?(?:pw|p/w|per\s+week|a\s+week)\b))"
    r"(?:\d[\d,]{2,9}(?:\.\d{1,2})?|\d{1,2}(?:\.\d{1,2})?\s?k\b)"  # "@ 4900", "@ 4.9k"
    r"(?![\d/:]|\.\d|\s?%|\s*(?:a|per|/)\s*(?:month|day|night|hour|annum|year|term)\b)"
    # (a full stop after it ends the sentence: "fee would be 4950."; a per cent or another
    # period is no weekly fee: "transport rate of 450 a month")
    # thousands by a "k" alone at a clause's end, as a phone types a fee: "can do 14th 4.8k"
    r"|(?<![\w.,£€$/])\d{1,2}(?:\.\d{1,2})?k(?=[ \t]{0,3}(?:[.!,;)\n]|$))",
    re.IGNORECASE,
)
_NOT_THE_FEE = re.compile(
    rf"\b(?:additional|extra|extras|plus|on\s+top|{STAFFING_RATIO}|transport|"
    r"per\s+hour|an\s+hour|hourly|budget|deposit|mileage|allowance|pocket\s+money|bonus"
    # a past placement's fee: "Our last young person from Northby was at £4,600 pw"
    r"|(?:last|previous|former)\s+(?:young\s+person|child|placement|resident)|was\s+at)\b",
    re.IGNORECASE,
)
# The home's fee said to fit the council's budget, which names no figure (round r66b): "We can
# do this within the budget stated, from 4/1/27 at £5,400 pw" (but "within your budget of
# £5,000" or "within budget: £5,000" gives the budget's figure, no fee).
_WITHIN_THE_BUDGET = re.compile(
    r"\bwithin\s+(?:the\s+|your\s+)?(?:weekly\s+)?budget\b(?:\s+(?:stated|given|set|quoted|"
    r"indicated|provided|mentioned|requested))?(?!\s*(?:of\b|:|is\b|was\b|£|\d))", re.IGNORECASE)


def _a_budget_met_blank(sentence: str, at: int) -> str:
    """The words just before the amount at sentence[at] (as `before` holds them), any saying
    the fee is within the budget blanked: the amount after them is the home's fee."""
    wider = sentence[max(0, at - 80):at]
    if "budget" in wider.lower():
        wider = _WITHIN_THE_BUDGET.sub(lambda found: " " * len(found.group()), wider)
    return wider[-40:]


# A part the fee includes, not the fee: "our fee includes £300 pw for therapy", "Education at
# £650 a week is included" (round 58: a later reply's fee in prose now replaces its form's).
# "The £4,900 includes education" is the fee: the amount is what includes.
_A_PART_BEFORE = re.compile(r"\b(?:includes?|including|inclusive\s+of|covers?|of\s+which)\s+"
                            r"(?:[\w'’]+\s+){0,3}$", re.IGNORECASE)
_A_PART_AFTER = re.compile(r"\s*(?:pw|p/w|a\s+week|per\s+week|weekly)?\s*"
                           r"(?:for\s+[\w'’ ]{1,30}?\s+)?(?:is|are|being)\s+(?:already\s+)?"
                           r"(?:included|part\s+of|within|covered)\b", re.IGNORECASE)
# "… on top of our core fee of £4,400", "we can offer her a place at £5,900, above the
# budget", "Against your weekly budget of £5,000 we'd be at £5,450 pw": the words just before
# an amount name it the fee,
# whatever an earlier amount in the sentence was said to be.
_SAID_TO_BE_THE_FEE = re.compile(
    r"\b(?:fee|rate|price|cost|charge|total)\s+(?:of|is|will\s+be|would\s+be|at|(?:is\s+)?now)?\s*$"
    r"|\boffer(?:\s+(?:her|him|them))?(?:\s+(?:a|the)\s+(?:place|bed|placement))?\s+at\s*$"
    r"|\bwe(?:['’]d|\s+would|['’]re|\s+are|['’]ll|\s+will)\s+be\s+at\s*$"  # "we'd be at £5,450"
    r"|\bmeet\s+you\s+at\s*$"  # "… but could meet you at £4,650"
    rf"|{THE_OFFER_AT}",  # "so our offer is on 2:1 at £6,200 pw" (round 57)
    re.IGNORECASE)
# A discount: the amount before one is the gross ("£5,000 per week, with 5% off", "£5,100 pw
# less a £200 framework discount"), not what the home will charge, and the discount itself
# ("£200 off") is no fee; the net amount, when written, is the fee ("(£4,750 after the 5%
# consortium discount)", "£4,655 pw (£4,900 less our 5% discount)", "discounted to £4,750",
# "so £4,750", "= £4,500", "that's £4,750", "After discount, that's £4,750", in this sentence
# or the next). With no net amount the fee is asked, never the gross one recorded.
_A_DISCOUNT_FOLLOWS = re.compile(
    r"(?:\d+(?:\.\d+)?\s*%|£\s?\d[\d,]*)\s*(?:[a-z'’\-]+\s+){0,2}?(?:discount|off)\b"
    r"|\b(?:less|minus)\s+(?:a\s+|our\s+|the\s+|your\s+)?(?:£|\d)|\bdiscount\s+of\s+(?:£|\d)"
    r"|\bdiscounted\b|\bafter\s+(?:(?:the|our|your|a)\s+)?(?:[\w'’-]+\s+){0,2}?discount\b",
    re.IGNORECASE)
_DISCOUNT_REACH = 80
_IS_A_DISCOUNT = re.compile(r"^(?:\s+[a-z]+){0,2}\s+(?:discount|off)\b", re.IGNORECASE)
# After an amount, words that make it the net fee ("£4,750 pw after the 5% discount"), unless
# the net amount follows them ("£5000pw, after discount its £4750").
_NET_AFTER = re.compile(r"^[\s,]*(?:(?:per\s+week|pw|p/w|a\s+week)[\s,]*)?(?:after|with|"
                        r"including|inc\.?|incl\.?)\s+(?:[\w%.]+\s+){0,3}?discount\b"
                        r"(?![\s,]*(?:it['’]?s|it\s+is|that['’]?s|that\s+is|is|=|so)?\s*£?\d)",
                        re.IGNORECASE)
# The net fee written first, the gross and its discount in brackets after it: "£4,655 pw
# (£4,900 less our 5% block discount)", "£4,500 pw net (gross £5,000, minus 10%)"; but
# "£5,000 pw (£4,750 after the discount)" brackets the net.
_GROSS_IN_BRACKETS = re.compile(r"^[^(£\d\n]{0,20}\(\s*(?:[a-z]+\s+){0,3}£?\s?\d[\d,]*(?:\.\d\d)?"
                                r"\b[^)\n]{0,60}?\b(?:less|minus|gross|before)\b", re.IGNORECASE)
# Before an amount, words that make it the discount itself: "Less consortium discount (5%):
# -£250", "minus £250".
_DISCOUNT_ITSELF = re.compile(r"\b(?:less|minus)\b[^\n£]{0,40}$|[:(|\t][ \t]*[-−][ \t]*$"
                              # (but a list's dash opening its line, "- £4,720/wk", is no minus)
                              r"|^[ \t]*[-−]$", re.IGNORECASE)
_NET_BEFORE = re.compile(r"(?:\b(?:discounted\s+to|reduced\s+to|so|net|after\s+(?:the\s+)?"
                         r"discount,?(?:\s+it['’]?s|\s+it\s+is)?|that['’]?s|that\s+is|which\s+is"
                         r"|making(?:\s+it)?)|=)\s*$", re.IGNORECASE)
# A form's fee beside a discount: in its own field ("Weekly fee: £5,100 less £200 framework
# discount"), or in a row of its own ("Discount | 5% (consortium)", "Less consortium discount
# (5%): -£250"), with or without the net fee's row ("Net weekly fee | £4,750", "Weekly fee
# (net): £4,750"). The net fee, when written, is the fee, in the form or in prose under a
# "Gross weekly fee" row; else the fee is asked.
_NET_FEE_ROW = re.compile(
    r"(?im)^[ \t>*|]*(?:net\s+(?:weekly\s+)?(?:fee|rate|cost)|(?:weekly\s+)?fee\s+after\s+"
    r"(?:the\s+)?discount|(?:weekly\s+)?(?:fee|rate|cost)[ \t]*\([ \t]*net[ \t]*\))"
    r"[ \t]*[:|\t][ \t|]*(?P<amount>£?[ \t]?\d[\d,]*(?:\.\d\d)?[^\n|]*)")
_DISCOUNT_ROW = re.compile(r"(?im)^[ \t>*|]*(?:less[ \t]+)?(?:[\w'’-]+[ \t]+){0,2}?discount"
                           r"[^:|\t\n]{0,20}[:|\t][ \t|]*(?P<value>[^\n|]*)")
_NO_DISCOUNT = re.compile(r"[ \t]*(?:none|n/?a|nil|no|0[ \t]*%?|£?[ \t]?0(?:\.00)?|-+)?[ \t.]*",
                          re.IGNORECASE)
# Rates for two kinds of place, one of them shared: "Solo placement | £6,500 per week" over
# "Shared (2-bed home) | £4,900 per week", "solo £6,500 pw or shared £4,900 pw".
_ALTERNATIVE_PLACES = re.compile(r"\b(?:solo|sole|single[\s-]occupancy|standalone|"
                                 r"stand[\s-]alone|on\s+(?:her|his|their)\s+own)\b",
                                 re.IGNORECASE)
_SHARED_PLACE = re.compile(r"\bshared\b|\bwith\s+(?:one|1|an)\s+other\b|\bwith\s+another\b",
                           re.IGNORECASE)  # "2-bed (with one other girl) £4,900 pw"
# "We have no vacancy now": an availability word that is denied leads to no date.
# "Not immediately but from the 14th": a "but" ends what the "not" denies.
_DENIED_BEFORE = re.compile(r"(?:\b(?:no|not|nor)|n[’']t)\s+(?:(?!but\b)\w+\s+){0,2}$",
                            re.IGNORECASE)
# "Ignore my email from this morning": a message's date, not the place's.
_A_MESSAGE_BEFORE = re.compile(r"\b(?:e-?mail|message|reply|call|letter|text|voicemail)\s+$",
                               re.IGNORECASE)
# "Our standard weekly fee from 1 January 2027 is £4,600" (a disclaimer's price list): the
# day a fee takes effect, not the place's.
_A_FEES_DAY_BEFORE = re.compile(r"\b(?:fee|rate|price|cost|charge|tariff)s?\s+$", re.IGNORECASE)
# A fee that changes on a later day, not today's fee nor the place's start (round 58): "please
# note our fee has gone up to £5,000 from 1 January", "fees increase from 1 January to £5,000",
# "the new rate of £5,000 pw applies from April", or that is now another ("our fee is now £5,000
# from today following our annual review": today's fee, never the start; round 59). Before the
# amount: the fee's change.
_A_FEES_CHANGE = (
    r"\b(?:fee|rate|price|cost|charge|tariff)s?\b[^£.;!?\n]{0,25}?\b(?:gone|go(?:es|ing)?|went|"
    r"ris(?:e|es|ing|en)|rose|increas(?:e|es|ed|ing)|uplift(?:s|ed)?|chang(?:e|es|ed|ing)|"
    r"mov(?:e|es|ed|ing)|revised|updated|(?:is|will\s+be|has\s+been)\s+now|now\s+(?:is|stands|be))"
    r"(?:\s+up)?"
    r"|\b(?:new|revised|uplifted|increased)\s+(?:weekly\s+)?(?:fee|rate|price)s?(?:\s+(?:of|is|will"
    r"\s+be|would\s+be))?|\buplift(?:\s+(?:of|to))?")
_AN_AMOUNT = (r"£?\s?\d[\d,]*(?:\.\d\d)?k?(?:\s*(?:pw|p/w|a\s+week|per\s+week|weekly|a\s+wk))?"
              r"(?:\s+(?:applies|will\s+apply|is\s+payable))?")
_A_FEES_CHANGE_BEFORE = re.compile(
    rf"(?:{_A_FEES_CHANGE})(?:\s+(?:to|by|of)?\s*{_AN_AMOUNT})?[\s,]*$", re.IGNORECASE)
_A_FEES_CHANGE_JUST_BEFORE = re.compile(
    rf"(?:{_A_FEES_CHANGE})(?P<when>\s+(?:from|as\s+of)\s+[^£.;!?\n]{{1,20}}?)?(?:\s+(?:to|by|of))?"
    r"\s*$", re.IGNORECASE)  # (or its day first: "fees increase from 1 January to £5,000")
# After its amount, the later day it takes effect from: "£5,000 from 1 January".
_FROM_A_LATER_DAY = re.compile(
    r"\s*(?:pw|p/w|a\s+week|per\s+week|weekly)?\s*,?\s*(?:applies\s+|will\s+apply\s+)?"
    r"(?:from|wef|with\s+effect\s+from|as\s+of|starting|effective(?:\s+from)?)\s+"
    rf"(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH_WORD}|{MONTH_WORD}"
    r"|next\s+(?:year|month)|the\s+new\s+year|new\s+year)"
    rf"|\s*(?:pw|p/w|a\s+week|per\s+week|weekly)?\s*,?\s*(?:in|next|from\s+next)\s+(?:{MONTH_WORD}|"
    r"year\b|month\b)",  # "… will rise to £5,050 next April", "… in April"
    re.IGNORECASE)
# Before a fee's change, in its own clause, the later day it changes on: "the fee from April
# 2027 will rise to £5,050", "In April our fee goes up to £5,050" (round 58 p15).
_A_LATER_DAY_BEFORE = re.compile(
    r"\b(?:from|in|next|as\s+of|wef|with\s+effect\s+from|effective(?:\s+from)?|starting)\s+"
    rf"(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH_WORD}|{MONTH_WORD}"
    r"|(?:the\s+)?new\s+year\b|next\s+(?:year|month)\b)", re.IGNORECASE)
# "She is needed from 1st December": the referral's own date, echoed, is not an availability.
# So is the start they asked for: "You've asked for a start on 7 December. We can't manage …".
_ECHOED_BEFORE = re.compile(r"\b(?:needed|required|wanted|requested|sought|(?:asked|asking)\s+"
                            r"for(?:\s+an?|\s+the)?)\s+$", re.IGNORECASE)
# A day and month straight after the offer ("14/12", "14.12"), not a count ("24/7 staffing",
# "2/3 visits a week").
A_DAY_AFTER_THE_OFFER = (r"(?!24/7\b)\d{1,2}[/.]\d{1,2}\b(?!\s*(?:visits?|days?|nights?|hours?|hrs"
                         r"|sessions?|times?|weeks?|staff)\b)")
# Days said rather than written, straight after an offer: "Can offer a week on Monday",
# "this coming Monday", "Monday week", "in a fortnight('s time)".
_A_WEEK_ON = (r"a\s+week\s+(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun)|this\s+coming\s+[a-z]+day\b"
              r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+week\b"
              # "We can offer in a fortnight's time", "can offer in two weeks"
              r"|in\s+(?:a|one|two|three)\s+(?:fortnight|weeks?)\b(?!\s+(?:on|from)\b)")
# A day of the month named straight after the offer: "we could do Monday 14th", "can do the
# 14th" (but not "the 3rd visit").
_A_DAY_OF_THE_MONTH = (rf"(?:{WEEKDAY_WORD}\s+)?the\s+\d{{1,2}}(?:st|nd|rd|th)\b"
                       r"(?!\s+(?:visit|meeting|session|time|week|day|call)s?\b)"
                       rf"|{WEEKDAY_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)\b")
# A weekday cut short before its day: "Can offer Mon 14th @ £4,800".
_A_SHORT_WEEKDAY_AND_DAY = (r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?[ \t]+\d{1,2}"
                            r"(?:st|nd|rd|th)\b")
# A day by its ordinal alone, as a phone types it: "Yes can do 14th 4.8k".
_A_BARE_ORDINAL_DAY = (r"\d{1,2}(?:st|nd|rd|th)\b"
                       r"(?!\s+(?:visit|meeting|session|time|week|day|call|floor)s?\b)")
_A_TICK = r"(?:\u2705|\u2714\ufe0f?|\U0001F44D)"  # a tick or a thumbs-up
_AVAILABILITY = re.compile(
    # a start moved: "the start has moved to 21/12", "start date now changed to 21/12", "the
    # start has (now) been moved to Monday 21st", "pushed back to", "the start date is now"
    r"\b(?:(?:start|move[\s-]?in)(?:\s+date)?\s+(?:(?:(?:has|is|was)\s+)?(?:now\s+)?(?:been\s+)?"
    r"(?:now\s+)?(?:moved(?:\s+back)?|pushed(?:\s+back)?|changed"
    r"|brought\s+forward|put\s+back)\s+to|(?:is|will|would)(?:\s+be)?\s+now(?:\s+be)?)"
    # ("she moves in Monday 14th", "moves in on the 14th fine by us": round 56)
    r"|from|fm|frm|starting|start|started|available|availability|vacancy|moves?|moving|begin|"
    r"any\s*time\s+between|"  # "she could move in any time between 14th and 18th Dec"
    # a window's first day: "any time in the window 14th-18th Dec", "Earliest 11/12, latest
    # 18/12" (round 43)
    r"any\s*time\s+in\s+the\s+window|earliest(?=[ \t]{0,3}:?[ \t]{0,3}\d)|"
    r"(?<![\w-])admission(?:\s+(?:date|on))?|date\s+of\s+admission(?:\s+would\s+be)?|doa|doj|date\s+of\s+joining|"
    # "admission 14/12" (but a "pre-admission visit Thu 10th" is before the move)
    # "we can take her tonight as an emergency", "take the young person", "take YP", "take Maddie"
    rf"take\s+{THE_CHILD}|"
    r"frees?\s+up|comes?\s+free|becomes?\s+free|"  # "a bed frees up on 21/12"
    r"commence|commencing|as\s+of|w/?c|week\s+commencing|arrive|arriving|join|come|"
    r"ready(?:\s+for)?|"  # "her room ready for the 14th"
    r"not\s+(?:until|till|before)|no\s+earlier\s+than|with\s+effect\s+from|"
    # "we can't offer until 4 January", "nothing free before Monday 11th January"
    r"(?:\w+n['’]t|cannot|cant|wont|nothing)\s+(?:\w+\s+){0,2}?(?:until|till|before)|"
    # "we've no bed until 11 January – can offer from then"
    r"no\s+(?:beds?|vacanc(?:y|ies)|places?|spaces?|rooms?)(?:\s+available)?\s+(?:until|till))\b"
    # a date straight after the offer, as phones type it: "Can offer 14/12", "Offer 14/12",
    # "yes! Can do 14/12" (but "we can offer 24/7 staffing" and "can do 2/3 visits a week"
    # name no day)
    rf"|\b(?:(?:can|could)\s+(?:offer|ofer|offr|do)|offer)(?:\s+(?:her|him|them|both))?"
    rf"(?:\s+confirmed(?:\s+for)?)?"  # "Offer confirmed for 11/12"
    rf"(?=(?:\s*[-\u2013\u2014:,]\s*|\s+)(?:on\s+)?"
    rf"(?:{A_DAY_AFTER_THE_OFFER}|{_A_WEEK_ON}|{_A_DAY_OF_THE_MONTH}|{WEEKDAY_WORD}"
    rf"|{_A_SHORT_WEEKDAY_AND_DAY}|{_A_BARE_ORDINAL_DAY}))"
    # or after taking the child: "We could take her this coming Monday", "take Maddie Monday"
    rf"|\btake\s+{THE_CHILD}"
    # or a yes to a day: "Yes to the 14th, no to the 2:1 at weekends"
    r"|\byes\s+to(?=\s+the\s+\d{1,2}(?:st|nd|rd|th)\b\s*[,.;!])"
    # or the Welsh "o" (from), "o'r" (from the), before a date: "Cynnig – £4,850 yr wythnos,
    # o 14/12", "o 4 Ionawr 2027" (its month in English by then: broker/forms/welsh_dates.py)
    rf"|(?<![\w'’])o(?:['’]r)?(?=\s+(?:\d{{1,2}}[/.]\d|(?:{WEEKDAY_WORD}\s+)?\d{{1,2}}\s+{MONTH_WORD}))"
    # or after a yes, with the fee after it: "Tentative yes – 14/12 at £4,900pw"
    rf"|(?:\byes\b|^[ \t]*{_A_TICK}(?:[ \t]?{_A_TICK}){{0,2}})[\s,!.:\-\u2013]*"  # or ticks
    # ("✅✅ 21/12 – 4,750pw")
    rf"(?={A_DAY_AFTER_THE_OFFER}(?:\s*[,\-\u2013\u2014])?\s*(?:at\s+|@\s*)?"
    r"(?:£|\d[\d,]*\s*(?:pw|p/w)))"
    # or straight after its weekly fee: "Offer 4900pw 14/12.", "Offer – £5,050 – 21/12/2026"
    rf"|(?<=\d)\s?(?:pw|p/w)(?=,?\s+{A_DAY_AFTER_THE_OFFER})"
    rf"|£\s?\d[\d,]*(?:\.\d\d)?(?:\s?(?:pw|p/w))?(?:,|\s[-\u2013\u2014/])?"
    rf"(?=\s+(?:{A_DAY_AFTER_THE_OFFER}|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]{{0,6}}"
    rf"\s+\d{{1,2}}(?:st|nd|rd|th)\b))"
    # or after a bare fee between dashes: "Offer – 4,950 – 21/12" (the bare fee itself is asked)
    rf"|\boffer[ \t]*[-\u2013\u2014:][ \t]*\d{{1,2}},\d{{3}}(?:\.\d\d)?[ \t]*[-\u2013\u2014/,]"
    rf"(?=[ \t]*{A_DAY_AFTER_THE_OFFER})",
    re.IGNORECASE,
)
# An hour before the day it falls on: "any time after 2pm on Monday", "from 4pm on the 14th".
_AN_HOUR_FIRST = re.compile(r"\s+(?:any\s*time\s+)?(?:after|from)\s+\d{1,2}(?:[:.]\d{2})?\s*"
                            r"[ap]\.?m\.?\s+on\s+", re.IGNORECASE)
_DATE_START = re.compile(
    r"\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)|\d{1,2}(?:st|nd|rd|th)?\b|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|"
    rf"the\s+(?:\d|{ORDINAL_DAY_WORDS}\b)|"  # "from the fourteenth of December"
    r"a\s+week\s+(?:(?:on|from)\s+)?(?:mon|tue|wed|thu|fri|sat|sun)|"  # "a week on Monday"
    r"(?:a|one)\s+(?:week|fortnight)\s+(?:from\s+)?(?:today|tomorrow)|"  # "a week today"
    r"this\s+time\s+next\s+week\b|the\s+day\s+after\s+(?:christmas|boxing)\s+day\b|"
    r"this\s+coming\s+(?:mon|tue|wed|thu|fri|sat|sun)|"
    r"first\s+thing\s+(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun)|"  # "from first thing Monday"
    r"the\s+(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+after\s+next|"  # "the Monday after next"
    # "now", unless a date follows it ("the start is now 21/12") or it says why ("now that
    # the panel has met"); "until now" is no start either (_UP_TO_NOW)
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|today|tonight|tomorrow|immediately|"
    r"now\b(?!\s+that\b)(?!\s+(?:be\s+)?(?:on\s+|from\s+)?(?:\d{1,2}(?:st|nd|rd|th)?(?:[/.]\d|\s+(?:of\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))|\d{1,2}(?:st|nd|rd|th)\b"
    r"|the\s+\d|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b))|"
    r"asap|straight\s+away|right\s+away|next\s+(?:mon|tue|wed|thu|fri|sat|sun|week)|"
    r"after\s+(?:christmas|boxing|the\s+new|new)|christmas|boxing\s+day|new\s+year|"
    r"in\s+(?:a|one|two|three|four|\d{1,2})\s+"
    r"(?:fortnight|weeks?|days?)(?!\s+(?:on\s+|from\s+)?(?:mon|tue|wed|thu|fri|sat|sun))"
    r"|this\s+(?:afternoon|evening|morning))",
    re.IGNORECASE,
)


# A place offered at once, with no word for availability: "offer ASAP", "a place now", "We
# have an immediate vacancy" (round 49).
_OFFERED_NOW = re.compile(
    r"\b(?:offer|offering|place|bed)\b[^.;\n£]{0,25}?\b(asap|a\.s\.a\.p\.?|immediately|straight\s+"
    r"away|right\s+away|now|today|tomorrow)\b(?!\s+(?:full|taken|gone|filled))"
    r"|\b(?<!no\s)(?<!not\san\s)(immediate)\s+(?:vacancy|bed|place|opening|availability)\b",
    re.IGNORECASE)
# Where a date ends ("from the 4th (subject to matching)", "from Monday and …"): a word that
# goes on to something else, or a comma or a dash before the next clause ("this coming Monday
# – offer at …", "Monday, we can offer …"; but "in the new year — 5 January 2027" names its
# day after the dash).
_DATE_END = re.compile(r"[;(£@]|\b(?:and|but|with|for|at|until|till|subject|if|once)\b"
                       r"|(?:,|\s[-\u2013\u2014])(?=\s*(?:offer|we|she|he|they|i)\b)"
                       # "from Monday, same fee as …": what follows the comma is the fee's
                       r"|,(?=\s*(?:same|usual|fee|rate|price|cost)\b)"
                       # a reason given after the day is not the day's: "from 21/12/2026, as
                       # our group home isn't suitable" (round 65 y02) starts on the 21st
                       r"|,(?=\s*(?:as|because|since|given|due\s+to)\b)|\bbecause\b"
                       r"|\s(?=(?!(?:19|20)\d\d\b)\d{3,}\b)"  # "monday 4850": a fee
                       # another day after a day, a line's break lost: "moves in on the 14th
                       # Wednesday 9th, Thursday 10th or Friday 11th December" (the visits')
                       rf"|(?<=\d(?:st|nd|rd|th))\s+(?={WEEKDAY_WORD}\s+\d)"
                       r"|\s(?=\d{1,2}(?:\.\d{1,2})?k\b)", re.I)  # "frm mon 4.9k pw": a fee
# Where what is said of an amount ends: "£650 a day plus 1:1 at £22 an hour" is a day rate.
# "£252,200 (per annum)": the period in brackets is the amount's, not an aside to cut off.
# "the annual fee is £252,200": the period stands before the amount.
# "cost per day: £695", "fee (pcm) £3,000": or just after the word for the fee.
_PERIOD_BEFORE = re.compile(
    r"(?:\b(annual|yearly|monthly|weekly|daily|nightly|fortnightly|termly)\s+"
    r"(?:fee|rate|cost|charge|price)\b"
    r"|\b(?:fee|rate|cost|charge|price)\s*\(?\s*((?:per|a|an)\s+(?:day|night|week|month|annum"
    r"|year)|pcm|p\.?a\.?|daily|nightly|monthly|annually|yearly)\b\)?)[^£\d]{0,30}$",
    re.IGNORECASE)
# "£260k for the year": what "for" says of the amount is its period (weeks: values.py).
_FOR_A_YEAR = re.compile(r"^\s*(?:for|over)\s+(?:the\s+|a\s+|one\s+)?(?:whole\s+)?year\b",
                         re.IGNORECASE)
# A sentence about the writer, not the place: their leave, or when to ring them.
# A while someone is away, which no place starts in: "away from 19/12 to 2/1", "on leave
# from the 21st until the 4th".
_AWAY_A_WHILE = re.compile(
    r"\b(?:away|on\s+(?:annual\s+)?leave|on\s+holiday|unavailable|closed|off)\s+from\s+"
    r"[^,.;\n]{1,30}?\s+(?:to|until|till|-|\u2013)\s+[^,.;\s]{1,20}(?:\s+[^,.;\s]{1,20}){0,2}?"
    r"(?=[,.;]|\s+(?:so|and|but|then)\b|$)", re.IGNORECASE)
_ABOUT_THE_WRITER = re.compile(
    r"\bI(?:\s+am|['’]m|\s+will\s+be|['’]ll\s+be)\s+(?:on\s+(?:annual\s+)?leave|off|away|"
    r"out\s+of\s+(?:the\s+)?office|on\s+holiday|back)\b|\bmy\s+(?:annual\s+)?leave\b"
    r"|\bavailable\b[^.,;\n]{0,30}\bon\s+(?:\+44\s?|0)\d", re.IGNORECASE)
# What turns from the writer to the place: "I'm on leave until 4 Jan, but yes we can offer".
_BUT_THE_PLACE = re.compile(r"[,;]?\s(?:but|however)\b(?=[^.;\n]{0,40}\b(?:we|the\s+home|"
                            r"the\s+carers?|she|he|they)\b)", re.IGNORECASE)
_A_DAY_WRITTEN = (rf"(?:{A_DAY_AFTER_THE_OFFER}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?"
                  r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)")  # 14/12, 14th Dec
# A date just before the word for the start: "14/12 start still fine", "a Monday 14th move-in
# works" (but not one the words after it deny: "a 14/12 start isn't possible").
_DATE_BEFORE_ITS_START = re.compile(
    rf"(?:^|[\s(,\-\u2013\u2014])({_A_DAY_WRITTEN}|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?)\s+$", re.IGNORECASE)
# A date said to do, after one that will not: "a 14/12 start isn't possible – 21/12 at the
# earliest", "a 14/12 start won't work – 21/12 would." (but "21/12 would be too soon" is not);
# or in a clause of its own after the offer (round 56): "Yes we can offer. Monday 14th is fine
# for us.", "the 14th suits us", "Mon 14th fine by us" (but not a day its clause gives to
# something else: see _NOT_THE_MOVE).
_A_DAY_THAT_DOES = re.compile(
    rf"(?:^|[\s(,\-\u2013\u2014])({_A_DAY_WRITTEN}|{_A_SHORT_WEEKDAY_AND_DAY}"
    rf"|(?:{WEEKDAY_WORD}\s+)?(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b)"
    r"\s+(?:(?:at\s+the\s+)?earliest\b|works?\b"
    r"|suits?\b|would(?:\s+(?:work|do|suit|be\s+(?:fine|ok(?:ay)?|good|possible)))?\s*(?:[.!;,]|$)"
    r"|(?:is\s+|would\s+be\s+)?(?:fine|ok(?:ay)?|good|great|perfect)(?:\s+(?:by|with|for)\s+us)?)",
    re.IGNORECASE | re.MULTILINE)
# What a day said to do may be for, other than the move, anywhere in its clause (round 57):
# "Thursday 10th is fine for an introductory visit", "Monday 14th is fine for the planning
# meeting", "Panel on the 10th is fine by us", "the 11th works for her to come for tea".
_NOT_THE_MOVE = re.compile(
    r"\b(?:visits?|visiting|meetings?|meet|panel|review|call|chat|intro|introduction|"
    r"introductory|tea|dinner|lunch|breakfast|assessment|appointment|interview|viewing|"
    r"look\s+round|tour|planning|strategy|conference|court|hearing|phone|zoom|teams)\b",
    re.IGNORECASE)
# Where a clause ends, either side of the day: "Panel on the 10th is fine by us; the move …".
_A_CLAUSES_END = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\b(?:and|but|so|then|while|whilst|"
                            r"although|though|once)\b", re.IGNORECASE)
_DENIED_LATER = re.compile(r"\b(?:won['’]?t|wouldn['’]?t|isn['’]?t|is\s+not|not\s+(?:be\s+)?"
                           r"possible|can['’]?t|cannot|doesn['’]?t|no\s+longer)\b", re.IGNORECASE)
_START_WORD = re.compile(r"start|move(?:[\s-]?in)?", re.IGNORECASE)
# "now" as the time up to which something was so, not a day the home can start: "didn't see
# this until now", "should have replied before now", "full for now", "filled by now" (round 58).
_UP_TO_NOW = re.compile(r"\b(?:until|till|til|before|by|for|up\s+to|up\s+till)\s*$",
                        re.IGNORECASE)
# What comes before the move itself: the bed coming free, the visits or transitions.
_BEFORE_THE_MOVE = re.compile(
    r"\b(?:frees?\s+up|comes?\s+free|becomes?\s+free|transitions?|introductions?|intros|"
    r"visits?|visiting)\b", re.IGNORECASE)
_DENIED_AFTER = re.compile(r"^(?:[\s-]*in\b)?\s*(?:date\s+)?(?:(?:is|was|would\s+be|will\s+be)\s+)?"
                           r"(?:not|no|never|too|impossible|unlikely|\w+n['’]?t)\b", re.IGNORECASE)
_BARE_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)\b(?!\s*(?:of\s+)?[a-z]{3})", re.IGNORECASE)
# (a condition ends them too: "£4,250 a week provided waking night 1:1 is funded …" is the fee,
# the 1:1 an extra on it; and so does a "but" clause: "£4,900 pw but we'd need 2:1 for the
# first 4 weeks at £1,200 pw extra" is the fee, round 62 b23)
_AFTER_END = re.compile(r"[,;(£]|\+|\b(?:and|plus|then|with|from|for|provided|providing|if|"
                        r"unless|but|however|though|although)\b", re.I)
_SMALLEST_BARE_FEE = 100  # "3 per week" is a count of sessions, not a fee; "£3" would say so


def prose_lines(text: str, spec: FormSpec) -> str:
    """The text without the lines a form label starts (the form's fields say those)."""
    kept = []
    for line in text[:_MAX_CHARS].split("\n"):
        colon = line.find(":", 0, _LABEL_SEARCH_CHARS)
        field = spec.field_for_label(line[:colon]) if colon > 0 else None
        if field is not None and not spec.is_a_sentence(field, line[:colon], line[colon + 1:]):
            continue
        kept.append(line)
    return "\n".join(kept)


def asks(sentence: str, at: int = 0) -> bool:
    """Whether a sentence that ends in "?" asks with its first words ("Is Leeds too far?"),
    or with the words from `at` on."""
    return _ASKS.match(sentence, at) is not None


def _sentences(text: str) -> list[str]:
    """The text's statements: its sentences and clauses, without its questions ("Could she
    start on 14th December?" offers no date, and "Is £5,000 firm?" no fee), but with a fee
    the home proposes as one ("Would £4,500 work?", "Is £5,250 pw within budget?")."""
    kept = []
    for sentence in _SENTENCE_END.split(text[:_MAX_CHARS]):
        if not sentence.strip():
            continue
        if sentence.rstrip().endswith("?") and _ASKS.match(sentence):
            if proposed := _A_FEE_PROPOSED.match(sentence):
                kept.append(f"our fee is {proposed['fee']}")  # (not "within your budget")
            continue
        kept.append(sentence)
    return kept


# A fee the home proposes in a question: "Would £4,500 work?", "Is £5,250 pw within budget?".
_A_FEE_PROPOSED = re.compile(
    r"\W{0,3}(?:would|could|is|does)[ \t]+(?P<fee>£[ \t]?\d[\d,]{0,9}(?:\.\d\d)?(?![\d,]|\.\d)"
    r"(?:[ \t]?(?:pw|p/w|a[ \t]+week|per[ \t]+week))?)[ \t]+(?:work|suit|do|be[ \t]+(?:ok|okay|"
    r"acceptable|agreeable|alright)|(?:be[ \t]+)?(?:within|in)[ \t]+(?:your[ \t]+|the[ \t]+)?"
    r"budget)(?:[ \t]+for[ \t]+(?:you|your[ \t]+team|the[ \t]+council))?[ \t]*\?",
    re.IGNORECASE)


# The authority's figure, not the home's: "your counter-proposal of £4,600", "We can't go as
# low as £4,600", "We can't go down to £4,600" (but "our counter-offer of £4,750" and "we can
# go as low as £4,750" are ours).
_THEIR_FIGURE_BEFORE = re.compile(
    r"(?:(?<!\bour\s)\bcounter[\s-]?(?:proposal|offer)|\byour\s+(?:offer|proposal|figure|rate|budget))"
    r"\s+(?:of\s+)?$|(?:n['’]?t|\bnot|\bunable\s+to)\s+(?:\w+\s+){0,2}?(?:as\s+low\s+as|"
    r"(?:down|drop)\s+to)\s+$"
    r"|(?:\bcan['’]?t|\bcannot|\bcouldn['’]?t|\bwon['’]?t)\s+do\s+$",  # "We can't do £4,500 but …"
    re.IGNORECASE)
# Or said after it: "£4,600 isn't workable for us", "£4,600 is too low", "The £5,000 you've
# quoted is fine for us – we're at £4,650 pw".
_THEIR_FIGURE_AFTER = re.compile(
    rf"{AFTER_ITS_PERIOD}(?:you(?:['’]ve|\s+have)?\s+(?:quoted|mentioned|offered|proposed|"
    r"suggested|stated|given|set)\b|is(?:n['’]t|\s+not)\s+(?:workable|viable|possible|"
    r"doable|achievable|enough)|is\s+too\s+low|(?:does|will|would)(?:n['’]t|\s+not)\s+work)\b",
    re.IGNORECASE)
# A sum's result after its parts: "£4,200 pw care + £700 pw education = £4,900 pw"; or a
# total said after it: "£1,150 pw each (£2,300 pw in total)".
_TOTAL_AFTER = re.compile(rf"{AFTER_ITS_PERIOD}(?:in\s+total|total|all[\s-]in|"
                          r"altogether|combined|for\s+(?:both|all\s+(?:two|three|four)))\b",
                          re.IGNORECASE)
_SUMMED = re.compile(r"\+[^=\n]{0,60}=\s*$")
# Before an amount, words that make it a one-off charge ("set-up fee £500, then £4,900 pw") or
# one end of a range of fees ("between £4,500 and £5,200 pw; for her £4,900 pw").
_ONE_OFF_OR_A_RANGE_BEFORE = re.compile(
    r"\b(?:set(?:ting)?[\s-]?up|one[\s-]?off|joining|admission|start[\s-]?up|initial)\s+(?:(?:set"
    r"(?:ting)?[\s-]?up|admin(?:istration)?)\s+)?(?:fee|cost|charge|payment)\s*(?:of\s+)?:?\s*$|\bbetween\s+(?:£?\s?\d[\d,.]*k?\s*(?:pw|p/w)?\s+and\s+)?$"
    # a usual or starting price, not this child's: "We usually charge £4,600–£5,000", "Our
    # fees start at £4,500", and a range's top: "£4,600–£5,000"
    r"|\b(?:usually|normally|typically|generally)\s+(?:charge|cost|are|is)\s+(?:from\s+)?$"
    r"|\b(?:usual|normal|typical|starting)\s+(?:weekly\s+)?(?:fees?|rates?|prices?|"
    r"charges?)\s+(?:is|are|of|from|starts?\s+at)?\s*$"
    r"|\b(?:fees?|rates?|prices?|charges?)\s+(?:(?:start|starts|range|ranges|begin|begins)\s+"
    r"(?:at|from)|from)\s+$|£\s?\d[\d,]*(?:\.\d\d)?k?\s*[-\u2013\u2014]\s*$",
    re.IGNORECASE)
# The bottom of a range: "£4,600–£5,000 depending on need" (the fee is asked, unless one for
# this child follows).
# The top of a range whose bottom is no fee of its own: "Fee would be around 4.5-4.8k pw tbc"
# (round 51): the top is not read either, and the fee is asked.
_A_RANGES_BOTTOM_BEFORE = re.compile(
    r"(?:£[ \t]?\d[\d,]*(?:\.\d+)?|\b\d+(?:\.\d)?[ \t]?k|\b\d\.\d)[ \t]*[-\u2013\u2014][ \t]*£?$",
    re.IGNORECASE)
_A_RANGES_TOP_NEXT = re.compile(r"^\s*(?:pw|p/w)?\s*[-\u2013\u2014]\s*£")
# A line for each child of a sibling group, each with its fee: "Older sister: yes, from 14/12
# at £1,050 pw" over "Younger brother: yes, same carers, £950 pw". Neither is the group's fee;
# a total, when written, is.
_ONE_CHILDS_LINE = re.compile(
    r"(?im)^[ \t>*\u2022-]*(?:for[ \t]+)?(?:(?:the[ \t]+)?(?:older|oldest|elder|eldest|younger|"
    r"youngest|middle)[ \t]+(?:sister|brother|sibling|girl|boy|child|one)|(?:child|sibling)[ \t]*"
    # "The 14-year-old girl (ZZ98) – sorry, no vacancy for her"
    r"(?:\d|[abc]\b)|(?:the[ \t]+)?(?:\d{1,2}[ \t-]?(?:year|yr)s?[ \t-]?old[ \t]+)?"
    r"(?:sister|brother|girl|boy))"
    r"(?:[ \t]*\([^()\n]{1,20}\))?[ \t]*[:\-\u2013\u2014][^\n]*")


def each_childs_answer(text: str) -> list[str]:
    """What each line headed by one child of a sibling group says after its head ("Girl
    (14): Offer – £4,850 pw from 14/12" over "Boy (11): Decline – outside our age range")."""
    return [line[0].split(":", 1)[-1] if ":" in line[0] else line[0]
            for line in _ONE_CHILDS_LINE.finditer(text[:_MAX_CHARS])]


# A weekly fee and a weekly part added to it, with no total: "£4,300 a week, plus education
# at £650 a week" (but not "plus 1:1 at £26 an hour", an additional cost).
_POUNDS = POUNDS  # an amount in pounds, as the rules below name it
_PER_WEEK = r"\s?(?:pw|p/w|per\s+week|a\s+week|weekly)\b"
# A part of a fee named after it: "£4,200 pw care".
_A_PART = r"(?:care|education|schooling|tuition|therapy|therapies|staffing|placement|core)"
_A_WEEKLY_PART_ADDED = re.compile(
    rf"{_POUNDS}{_PER_WEEK}[\s,]{{0,3}}(?:plus|\+)\s(?:[^£\d\n.]|\d:\d){{0,40}}"  # "plus a 2:1 …"
    rf"(?P<added>{_POUNDS}{_PER_WEEK})"
    # or each part named after its fee: "£4,200 pw care, £650 pw education", "£3,600 per week
    # care plus £1,200 per week education" (round 49)
    rf"|{_POUNDS}{_PER_WEEK}\s(?:for\s)?{_A_PART}\b[\s,;&+]{{1,5}}(?:(?:and|plus)\s)?"
    rf"(?P<added2>{_POUNDS}){_PER_WEEK}\s(?:for\s)?{_A_PART}\b"
    # a part by the day: "£4,500 pw plus £260 a day education" (round 43)
    rf"|{_POUNDS}{_PER_WEEK}[\s,]{{0,3}}(?:plus|\+)\s(?:[^£\d\n.]|\d:\d){{0,40}}"
    rf"(?P<added3>{_POUNDS})\s?(?:a|per|/)\s?(?:school\s)?day\s(?:for\s)?{_A_PART}\b"
    # or its part named first: "£3,950 per week plus education at £310 per day" (round r66b),
    # as the same two on lines of their own are (rule fee-part-lines)
    rf"|{_POUNDS}{_PER_WEEK}[\s,]{{0,3}}(?:plus|\+)\s(?:an?\s|the\s)?{_A_PART}(?:\s(?:fee|costs?|"
    rf"element|provision))?\s(?:(?:at|of|@)\s?)?(?P<added5>{_POUNDS})(?=\s?(?:per\s"
    r"(?:school\s)?day|a\s(?:school\s)?day|/\s?day)\b)"
    # another fee named on top: "Carer fee would be £650 pw, with our agency fee on top
    # (£480 pw)", "£650 pw plus our agency fee of £480 pw"
    rf"|{_POUNDS}{_PER_WEEK},?\s(?:with|plus|and|\+)\s(?:[^£\d\n.]){{0,40}}?\bfee\b"
    rf"[^£\d\n.]{{0,30}}(?P<added4>{_POUNDS}){_PER_WEEK}",
    re.IGNORECASE)
# A line of a price list, its name and its weekly amount joined by dot leaders: "Core placement
# ............ £4,300 pw". Two such lines with no total are the fee in parts (round 44).
_A_DOTTED_WEEKLY_PART = re.compile(
    rf"^[ \t]*[A-Za-z0-9][^.£\n]{{0,60}}\.{{3,80}}[ \t]*{_POUNDS}{_PER_WEEK}",
    re.IGNORECASE | re.MULTILINE)
# A line of the fee's parts, each named at its start: "Residential: £3,950 per week (52
# weeks)" over "Education: £310 per day (term time)". Two such lines with no total are the
# fee in parts, asked, as the dotted ones are (rule fee-part-lines, round r66-16): the first
# alone would leave out a residential school's education.
_A_NAMED_PART_LINE = re.compile(
    rf"^[ \t]*(?:[-*\u2022][ \t]*)?(?:residential|{_A_PART})(?:[ \t]+(?:fee|costs?|element|"
    rf"package|placement|provision))?[ \t]*(?::|-|\u2013)[ \t]*{_POUNDS}"
    rf"(?:{_PER_WEEK}|\s?(?:pd|p/d|per\s+(?:school\s+)?day|a\s+day|daily|/\s?day)\b)",
    re.IGNORECASE | re.MULTILINE)
_A_TOTAL_WORD = re.compile(r"\b(?:total|totals|totalling|altogether|in\s+all|all[\s-]in)\b",
                           re.IGNORECASE)
# A fee chosen among several by a mark the text does not keep: "we'd propose the highlighted
# rate", "the one in bold".
_THE_MARKED_ONE = re.compile(
    r"\b(?:highlighted|bold(?:ed)?|underlined|shaded|coloured|colored|starred|ticked|circled)"
    r"\s(?:rate|fee|price|option|one|figure|amount|band|tier)\b"
    r"|\b(?:rate|fee|price|option|one|figure)\s(?:in\s(?:bold|yellow|green|red|blue)|"
    r"highlighted|underlined|shaded)\b", re.IGNORECASE)
# A part of the fee added of a size not given: "£4,600 pw, solo premium applies".
_A_PART_UNSIZED = re.compile(
    r"(?<!\bno\s)\b(?:premium|supplement|surcharge)\s(?:applies|will\sapply|would\s"
    r"apply|is\sadded|on\stop)\b"
    # (but a change later is not: "3.5% uplift applies from 1 April")
    r"(?!\s(?:from|after|in|on|at)\b)", re.IGNORECASE)
_THE_FIRST_PART = re.compile(rf"{_POUNDS}{_PER_WEEK}", re.IGNORECASE)
# The second amount is itself the sum: "£4,150 pw plus VAT, so £4,980 pw in total".
_IS_THE_TOTAL = re.compile(r"\s+(?:in\s+total|total|in\s+all|altogether|all[\s-]in|combined)\b",
                           re.IGNORECASE)
_A_TOTAL_NEXT = re.compile(
    rf"[^£\d.\n]{{0,25}}?(?:(?:=|\btotal(?:ling)?(?:\s+of)?:?)\s*(?P<amount>{_POUNDS})"
    rf"|(?P<amount2>{_POUNDS})(?=(?:{_PER_WEEK})?\s+"
    r"(?:in\s+total|total|in\s+all|altogether|all[\s-]in|combined)\b))", re.IGNORECASE)


# Two places offered in the alternative, each at its own fee: "the Hendersons, who could take
# her from 21/12 at £1,100 pw, or Ms Kaur from 04/01/2027 at £1,050 pw", "tonight at £5,200
# pw (emergency rate), or from 14/12 at £4,900 pw if it can wait": which is taken is asked.
_IN_THE_SENTENCE = r"(?:(?!\.\s)[^£\n]){0,150}?"  # up to 150 characters, no amount, no full stop
_IN_THE_ALTERNATIVE = re.compile(
    rf"(?P<first>{_POUNDS}){_IN_THE_SENTENCE}\bor\b{_IN_THE_SENTENCE}(?P<second>{_POUNDS})",
    re.IGNORECASE)


# Two fees, one for each way the authority may choose: "the fee depends on whether you want
# waking nights – £4,900 pw without, £5,600 pw with": which applies is asked.
_FEES_BY_A_CHOICE = re.compile(
    r"\bdepend(?:s|ing|ent)[ \t]+(?:up)?on[ \t]+(?:whether|if)\b"
    r"|£[^£\n]{1,30}?\bwithout\b[^£\n]{0,40}?£[^£\n]{1,30}?\bwith\b(?!out)"
    r"|£[^£\n]{1,30}?\bwith\b(?!out)[^£\n]{0,40}?£[^£\n]{1,30}?\bwithout\b", re.IGNORECASE)
# Or a second weekly fee on a condition: "£4,800 per week at 1:1, or £6,200 per week if 2:1
# staffing is assessed as needed", "£4,850 pw, or £4,600 pw if she attends the local school".
_A_FEE_ON_A_CONDITION = re.compile(
    r"(?P<first>£[ \t]?\d[\d,]{0,9}(?:\.\d\d)?)[^£\n]{1,40}?\bor[ \t]+"
    r"(?P<second>£[ \t]?\d[\d,]{0,9}(?:\.\d\d)?)[^£\n]{0,30}?\b(?:if|when|should)\b",
    re.IGNORECASE)
# A fee its sentence puts under a condition of the child's needs before it (round 59): "if she
# needs 2:1 the fee would be £6,000 a week", "Should she need waking nights, our fee would be
# …", "were she to require 1:1 …", "in the event that her needs increase …". No fee of the
# offer's: its words go on as words. ("If you're happy to proceed, our fee is £4,900 pw" is.)
_ON_A_CONDITION_BEFORE = re.compile(
    r"\b(?:if|should|were|in[ \t]+the[ \t]+event(?:[ \t]+that)?|where|unless)\b"
    r"[^.;!?\n£]{0,60}?\b(?:needs?|needed|requires?|required|2:1|1:1|3:1|two[ \t-]to[ \t-]one|"
    r"waking|escalat\w*|increases?)\b(?![^.;!?\n£]*\b(?:but|however|otherwise)\b)"
    r"(?:(?![ \t]-[ \t])[^.;!?\n£\u2013\u2014])*$",
    re.IGNORECASE)  # (a dash ends the condition: "… offer if 2:1 is funded - our fee would be …")
# A rate by the hour for so many hours a week, part of the fee: "a base of £1,100 pw plus 1:1
# at £28 per hour for 150 hours a week". The whole fee is asked (an hourly extra "if needed",
# with no weekly hours, leaves the fee as written).
_HOURS_A_WEEK_CHARGED = re.compile(
    r"£[ \t]?\d[\d,]{0,9}(?:\.\d\d)?[ \t]?(?:per|an|a|/)[ \t]?(?:hour|hr)\b[^£\n.]{0,30}?"
    r"\b\d{1,3}[ \t]+(?:hours|hrs)[ \t]+(?:a|per|each)[ \t]+week\b"
    r"|\b\d{1,3}[ \t]+(?:hours|hrs)[ \t]+(?:a|per|each)[ \t]+week\b[^£\n.]{0,30}?"
    r"£[ \t]?\d[\d,]{0,9}(?:\.\d\d)?[ \t]?(?:per|an|a|/)[ \t]?(?:hour|hr)\b", re.IGNORECASE)


def offered_in_the_alternative(text: str) -> bool:
    """Whether the prose offers two places, or two ways, each at a fee and from a day of its
    own (two fees alone, "£4,800 or £4,850 depending on transport", are read as before)."""
    return any(_digits(found["first"]) != _digits(found["second"])
               and _A_DAY_BETWEEN.search(found.group()) is not None
               for found in _IN_THE_ALTERNATIVE.finditer(text[:_MAX_CHARS]))


def _digits(amount: str) -> str:
    return "".join(character for character in amount if character.isdigit() or character == ".")


_A_DAY_BETWEEN = re.compile(r"\d{1,2}[/.]\d{1,2}|\b(?:from|tonight|today|tomorrow|mon|tue|wed|thu|"
                            r"fri|sat|sun)[a-z]*\b", re.IGNORECASE)


def prose_weekly_fee(text: str, *, children: int | None = None) -> Decimal | None:
    """The first weekly fee the prose states, converted to a week (£650 a day is £4,550),
    unless a total follows its parts ("Care: £4,200/wk … Total: £5,200 per week", "… + £700
    pw education = £4,900 pw", "£2,450 pw each (£4,900 pw in total)") or a net fee's row is
    written; a sum in words ("four thousand
    eight hundred pounds a week") counts as its figures. Rates for a solo and a shared place
    give none: which is offered is asked, and so is a figure its words in brackets disagree
    with ("£4,850 pw (four thousand five hundred and eighty pounds)"). A fee denied or called
    the standard rate beside another is not the fee ("not … at £4,850 – our fee would need
    to be £5,400 pw"). A fee the same for each child ("£3,100 per child per week") is the
    group's for `children` two or more, and none with it not known (rule
    `fee-per-child-for-the-group`, broker/forms/values.py)."""
    if _figure_and_words_disagree(text[:_MAX_CHARS]):
        return None
    text = amounts_in_figures(text)
    if net := _NET_FEE_ROW.search(text):  # "Gross weekly fee: £5,000" over "Net weekly fee: …"
        try:
            return parse_money_weekly(net["amount"])
        except ValueError:
            pass
    each_childs = [line for line in _ONE_CHILDS_LINE.finditer(text) if _MONEY.search(line[0])]
    if len(each_childs) > 1:  # each child's own fee: only a total, if any, is the group's
        text = _ONE_CHILDS_LINE.sub("", text)
    parts = _a_part_added(text)
    if parts:  # "£4,300 a week, plus education at £650
        total = _A_TOTAL_NEXT.match(text, parts.end())  # a week": the whole fee is asked,
        try:  # unless its total follows ("so £4,950 a week in total", "= £4,950 pw")
            if total:
                return parse_money_weekly(total["amount"] or total["amount2"])
            if _IS_THE_TOTAL.match(text, parts.end()):  # "£4,150 pw plus VAT, so £4,980 pw
                added = parse_money_weekly(parts["added"] or parts["added2"] or parts["added3"]
                                           or parts["added4"] or parts["added5"])  # in total": the
                # second is the sum
                first = _THE_FIRST_PART.match(parts.group())  # (its own "plus VAT" unread)
                return added if first and added > parse_money_weekly(first.group()) else None
            return None
        except ValueError:
            return None
    if _THE_MARKED_ONE.search(text[:_MAX_CHARS]) and len({fee for fee, _, _ in _fees(text)}) > 1:
        return None  # "we'd propose the highlighted rate": the mark is lost in text; asked
    if _A_PART_UNSIZED.search(text[:_MAX_CHARS]) and _MONEY.search(text[:_MAX_CHARS]):
        return None  # "£4,600 pw, solo premium applies": the whole fee is asked
    if len(_A_DOTTED_WEEKLY_PART.findall(text[:_MAX_CHARS])) > 1 and not _A_TOTAL_WORD.search(
            text[:_MAX_CHARS]):
        return None  # "Core placement ...... £4,300 pw" over "1:1 staffing ..... £900 pw"
    if len(_A_NAMED_PART_LINE.findall(text[:_MAX_CHARS])) > 1 and not _A_TOTAL_WORD.search(
            text[:_MAX_CHARS]):
        return None  # "Residential: £3,950 per week" over "Education: £310 per day"
    if (by_period := FEES_BY_PERIOD.search(text[:_MAX_CHARS])) and not _a_later_step_kept(
            text, by_period.start()):
        return None  # "£6,000 pw for the 12-week assessment, then £4,800 pw": asked
    if _HOURS_A_WEEK_CHARGED.search(text[:_MAX_CHARS]):
        return None  # "£1,100 pw plus 1:1 at £28 per hour for 150 hours a week": in parts
    if any(_digits(found["first"]) != _digits(found["second"])
           for found in _A_FEE_ON_A_CONDITION.finditer(text[:_MAX_CHARS])):
        return None  # "£4,850 pw, or £4,600 pw if she attends the local school": asked
    fees = list(_fees(text, children))
    if len({fee for fee, _, _ in fees}) > 1 and _FEES_BY_A_CHOICE.search(text[:_MAX_CHARS]):
        return None  # "£4,900 pw without waking nights, £5,600 pw with": which is asked
    if not fees or (_ALTERNATIVE_PLACES.search(text) and _SHARED_PLACE.search(text) and len(
            {fee for fee, _, _ in fees}) > 1):
        return None  # "Solo placement £6,500 pw / Shared £4,900 pw": which is offered is asked
    if len({fee for fee, _, _ in fees}) > 1:  # "not … at £4,850 – our fee would be £5,400"
        fees = [found for found in fees if not _SET_ASIDE_BEFORE.search(found[1])] or fees
    return next((fee for fee, before, after in fees[1:] if ((
        TOTAL.search(before) or _SUMMED.search(before) or _TOTAL_AFTER.match(after))
        and not _AN_EXTRAS_TOTAL.search(before))
                 or (_COME_DOWN_TO.search(before) and not _NOT_BEFORE.search(before))),
                fees[0][0])


# A total over so many weeks, of an extra for them, is no weekly fee (round 63 c11): "£4,900
# per week … provided that 2:1 staffing at £1,150 per week is funded for the first 6 weeks
# (£6,900 in total)", "… 2:1 for 6 weeks, a total of £6,900": the fee is the first figure.
_AN_EXTRAS_TOTAL = re.compile(
    r"\b(?:for|over)\s+(?:the\s+)?(?:first\s+|next\s+|initial\s+|last\s+)?(?:\d{1,2}|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+weeks?\b[^£\d]{0,20}$",
    re.IGNORECASE)


def _a_later_step_kept(text: str, at: int) -> bool:
    """Whether the fees by period at text[at:] are the fee and a later fee in a clause that
    turns from it ("£4,850 a week though this rises to £5,200 a week from week 13", round 63
    f03): the clause is kept with the offer's words (broker/forms/fee_clauses.py, rule
    fee-line-other-fee-kept) and read there as a fee step (rule later-fee-counted), so the
    first figure is the fee, not asked."""
    sentence = _A_SENTENCES_END.split(text[at:at + _MAX_CHARS], maxsplit=1)[0]
    first = _MONEY.match(sentence)
    turn = another_fee_at(sentence)
    if first is None or turn is None:
        return False
    try:
        steps = fee_steps(parse_money_weekly(first.group()), sentence)  # the fee's own figure
    except ValueError:
        return False
    return bool(steps.steps) and steps.steps[0][0] > 1 and not steps.unread


_A_SENTENCES_END = re.compile(r"(?<!\d)\.|\.(?!\d)|[!?;\n]")


def _a_part_added(text: str) -> re.Match[str] | None:
    """A weekly part added to the fee ("£4,300 a week, plus education at £650 a week"), not
    an extra ("£4,250 pw, plus £300 pw for education if she attends our school")."""
    parts = _A_WEEKLY_PART_ADDED.search(text)
    if parts and adds_an_extra_to(text, parts.start(), parts.end()):
        return None
    return parts


def prose_fee_parts(text: str) -> tuple[FeePart, ...]:
    """The parts of a fee the prose gives in parts with no total, which `prose_weekly_fee`
    reads as no fee ("Fee £4900pw + £350 pw education (on-site school)": £4,900 a week in
    "£4900pw", £350 a week in "£350 pw education (on-site school)"), for the answer that
    gives the whole fee to complete (broker/forms/fee_parts.py); none otherwise."""
    if _figure_and_words_disagree(text[:_MAX_CHARS]):
        return ()
    text = amounts_in_figures(text)
    if len([line for line in _ONE_CHILDS_LINE.finditer(text) if _MONEY.search(line[0])]) > 1:
        text = _ONE_CHILDS_LINE.sub("", text)
    parts = _a_part_added(text)
    first = _THE_FIRST_PART.match(parts.group()) if parts else None
    if parts is None or first is None or _A_TOTAL_NEXT.match(text, parts.end()) \
            or _IS_THE_TOTAL.match(text, parts.end()):
        return ()
    name = next(key for key in ("added", "added2", "added3", "added4", "added5") if parts[key])
    end = parts.end(name)
    if week := re.match(_PER_WEEK, text[end:], re.IGNORECASE):
        end += week.end()
    return split_parts(text, (parts.start(), parts.start() + first.end()),
                       (parts.start(name), end),
                       added_weekly=name not in ("added3", "added5"))  # by the day: no week


# A fee the words before it set aside for another one the text gives: denied ("We're not in a
# position to offer at £4,850 – our fee would need to be £5,400 pw", "we can't do £4,850"),
# or the home's standard rate beside the one it gives this council ("Standard rate for this
# level of need is £5,400 pw. For Northby under the framework we can do £4,950 pw").
_SET_ASIDE_BEFORE = re.compile(
    r"(?:\b(?:not|never|cannot|unable)\b|n['’]t\b)[^£.;!?\n]{0,30}?"
    r"\b(?:at|for|do|accept|go\s+to|manage)\s*$"
    r"|\b(?:standard|usual|normal|list|published|headline|full|non[\s-]framework)\s+(?:weekly\s+)?"
    r"(?:rate|fee|price|charge|tariff)s?\b[^£.;!?\n]{0,30}$", re.IGNORECASE)


# A figure with its words in brackets after it: "£4,850 pw (four thousand eight hundred and
# fifty pounds)".
_FIGURE_THEN_WORDS = re.compile(
    r"£[ \t]?(?P<figure>\d[\d,]{0,9}(?:\.\d\d)?)(?![\d,]|\.\d)[^()\n]{0,20}"
    r"\((?P<words>[a-z ,\-]{5,100})\)",
    re.IGNORECASE)


def _figure_and_words_disagree(text: str) -> bool:
    for found in _FIGURE_THEN_WORDS.finditer(text):
        said = sum_in_words(found["words"])
        if said is None:
            continue
        try:
            if parse_money_weekly(f"£{found['figure']}") != said:
                return True
        except ValueError:
            continue
    return False


# A later fee the home comes down to: "1. £5,100 … 3. We could come down to £4,950".
_COME_DOWN_TO = re.compile(r"\b(?:come\s+down\s+to|go\s+down\s+to|drop\s+(?:it\s+)?to|reduce\s+"
                           r"(?:it\s+|that\s+|our\s+(?:weekly\s+)?fee\s+)?to|meet\s+you\s+at)\s*$",
                           re.IGNORECASE)
_NOT_BEFORE = re.compile(r"\b(?:not|never|cannot|can['\u2019]?t|won['\u2019]?t|couldn['\u2019]?t|"
                         r"wouldn['\u2019]?t|unable)\b[^.;\n]{0,30}$", re.IGNORECASE)


def form_fee_after_discount(written: str, fee: Decimal, text: str) -> Decimal | None:
    """The weekly fee a form's field gives (`written`, read as `fee`), once any discount the
    field or the text's own rows give is taken off: the net fee when written, else None."""
    first_line = written.strip().split("\n", 1)[0]  # the rows below are read as rows
    if _A_DISCOUNT_FOLLOWS.search(first_line):
        return prose_weekly_fee(first_line)
    if net := _NET_FEE_ROW.search(text):
        try:
            return parse_money_weekly(net["amount"])
        except ValueError:
            return None
    discount = _DISCOUNT_ROW.search(text)
    return None if discount and not _NO_DISCOUNT.fullmatch(discount["value"]) else fee


# Short breaks priced by the night or the stay ("2 nights a month at £650 per night") have no
# weekly fee: a week of nights is not what is offered. (A full-time placement priced by the
# night, "a 6-week short-term placement with our respite carers … at £165 per night", is
# £1,155 a week, and "£14,550 for a 3-week respite" £4,850.)
_SHORT_BREAKS = re.compile(r"\bshort\s+breaks?\b|\b(?:\d|one|two|three|four)\s+nights?\s+(?:a|per|"
                           r"each|every)\s+(?:month|week|fortnight)\b|\bweekends?\b",
                           re.IGNORECASE)
_BY_THE_NIGHT = re.compile(r"\s*(?:per|a|an|each|/)\s*(?:night|stay|break|weekend|visit)\b",
                           re.IGNORECASE)


def _its_clause(before: str, end: int) -> str:
    """The clause of `before` that ends at `end` (from the last comma, dash or "but" before)."""
    starts = [found.end() for found in _A_CLAUSES_END.finditer(before, 0, end)]
    return before[starts[-1] if starts else 0:end]


_TO_BETWEEN = re.compile(r"\s*(?:pw|p/w|a\s+week|per\s+week)?\s+to\s+", re.IGNORECASE)


def _a_range_by_to(sentence: str, bottom: re.Match[str], top: re.Match[str]) -> bool:
    """Whether two amounts joined by "to" are a range rising from the first ("£4,800 to
    £5,200 pw", rule `fee-range-asked`, as "£4,800-£5,200" is), not a figure revised down
    to the second ("reduced from £5,200 to £4,900")."""
    if not _TO_BETWEEN.fullmatch(sentence, bottom.end(), top.start()):
        return False
    try:
        return parse_money_weekly(bottom.group()) < parse_money_weekly(top.group())
    except ValueError:
        return False


def _fees(text: str, children: int | None = None) -> Iterator[tuple[Decimal, str, str]]:
    """Each weekly fee the prose states, in order, with the words just before and after it;
    one the same for each child, as the group's (`children` two or more), else none."""
    sentences = _sentences(text)
    for sentence, following_sentence in zip(sentences, [*sentences[1:], ""], strict=False):
        amounts = list(_MONEY.finditer(sentence))
        short_breaks = len(amounts) > 0 and _SHORT_BREAKS.search(sentence) is not None
        range_top = -1  # where the top of a range "£4,800 to £5,200" starts
        for match, then in zip(amounts, [*amounts[1:], None], strict=False):
            if then is not None and revises(sentence[match.end():then.start()],
                                            sentence[then.end():then.end() + 30]):
                continue  # "was £5,200, now £4,900"
            if match.start() == range_top:
                continue  # a range's top is no fee (rule fee-range-asked)
            if then is not None and _a_range_by_to(sentence, match, then):
                range_top = then.start()
                continue  # "£4,800 to £5,200 pw": neither end is the fee, it is asked
            before = sentence[max(0, match.start() - 40) : match.start()]
            following = sentence[match.end() : match.end() + 40]
            if bracketed := BRACKETED_PERIOD.match(following):
                following = f" {bracketed[1]}{following[bracketed.end():]}"
            after = _AFTER_END.split(following, maxsplit=1)[0]
            if (weeks := weeks_written_after(following)) is not None:
                after = f" per {weeks} weeks"  # "for a 3-week respite", "(3 weeks)"
            elif _FOR_A_YEAR.match(following):
                after = " per year"
            elif (weeks := weeks_written_before(before)) is not None:
                after = f" per {weeks} weeks"  # "our 52-week fee is £260,000"
            rest = f"{sentence} {following_sentence}"[match.end() : match.end() + _DISCOUNT_REACH]
            if (_IS_A_DISCOUNT.match(rest) and not _NET_AFTER.match(rest)) or (
                    _A_DISCOUNT_FOLLOWS.search(rest) and not (
                    _NET_AFTER.match(rest) or _NET_BEFORE.search(before)
                    or _GROSS_IN_BRACKETS.match(rest))):
                continue  # the discount, or the gross amount before it
            if _DISCOUNT_ITSELF.search(before) and not _NET_BEFORE.search(before):
                continue  # "Less consortium discount (5%): -£250"
            if ROUGH_BEFORE.search(before) or ROUGH_AFTER.match(following):
                continue  # "fee £5k-ish", "around £4,900 pw": a rough figure is asked
            if (changed := _A_FEES_CHANGE_JUST_BEFORE.search(before)) and (
                    changed["when"] or _FROM_A_LATER_DAY.match(following)
                    or _A_LATER_DAY_BEFORE.search(_its_clause(before, changed.end()))):
                continue  # "our fee has gone up to £5,000 from 1 January": not today's fee
            if VAT_ON_TOP.match(following):
                continue  # "£4,250 pw + VAT": the net figure is not what the home costs
            if _ON_A_CONDITION_BEFORE.search(sentence[max(0, match.start() - 120):match.start()]):
                continue  # "if she needs 2:1 the fee would be £6,000 a week": not the fee
            # (the words calling it the fee may be longer than `before`: "offer a 2:1 solo
            # provision for Maddie at £9,500 per week", round 65 y02)
            said_to_be_the_fee = _SAID_TO_BE_THE_FEE.search(
                sentence[max(0, match.start() - 80):match.start()]) or (  # the offer's own
                len(amounts) == 1 and offers_its_staffing(sentence[:match.start()]))  # staffing
            if (_A_PART_BEFORE.search(before) and not said_to_be_the_fee) \
                    or _A_PART_AFTER.match(following):
                continue  # "our fee includes £300 pw for therapy": a part of the fee
            if short_breaks and _BY_THE_NIGHT.match(following):
                continue  # "short breaks – 2 nights a month at £650 per night": no weekly fee
            if _A_RANGES_BOTTOM_BEFORE.search(before):
                continue  # "around 4.5-4.8k pw tbc": a range's top is never the fee
            if _ONE_OFF_OR_A_RANGE_BEFORE.search(before) or _A_RANGES_TOP_NEXT.match(following):
                continue  # "set-up fee £500, then £4,900 pw", "between £4,500 and £5,200"
            each = PER_CHILD_AFTER.match(following)
            if each and each["each"] and children is not None and children > 1:
                # "£3,100 per child per week": its words to the period after them, the group's
                after = following[:each.end()] + _AFTER_END.split(following[each.end():], 1)[0]
            elif each and each["each"]:
                continue  # each child's, their number not known: the group's fee is asked
            if not said_to_be_the_fee and (_NOT_THE_FEE.search(_a_budget_met_blank(sentence,
                                                                                match.start()))
                                           or _NOT_THE_FEE.search(after)
                                           or _THEIR_FIGURE_BEFORE.search(before)
                                           or _THEIR_FIGURE_AFTER.match(following)
                                           or (each and not each["each"])
                                           or A_RANGE_BY_NEED.match(following)):
                continue
            period = _PERIOD_BEFORE.search(before)  # "the annual fee is £252,200"
            try:
                lead = f"{period[1] or period[2]} " if period else ""
                fee = parse_money_weekly(lead + match.group() + after, children=children)
            except ValueError:
                continue
            if "£" in match.group() or fee >= _SMALLEST_BARE_FEE:
                yield fee, before, following


_WITH_EFFECT_FROM = re.compile(r"\bw\.e\.f\.?(?=\s)|\bwef\b", re.IGNORECASE)
_MONTH_WITH_A_DOT = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.(?=[ \t]?\d)",
                               re.IGNORECASE)


# A time said loosely with its day in brackets: "from the weekend (Sat 5th)", "from the end of
# term (Fri 18th)" starts on the day.
_A_LOOSE_TIME_AND_ITS_DAY = re.compile(
    r"\b(?:the|this|next)[ \t]+(?:weekend|end[ \t]+of[ \t]+(?:the[ \t]+)?(?:week|term))[ \t]*"
    r"\([ \t]*"
    r"((?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?"
    r"|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?|\d{1,2}(?:st|nd|rd|th))[ \t]*\)", re.IGNORECASE)

# A term's start said with its day: "He can start from the beginning of the spring term on 5
# January 2027", "at the start of term, Tuesday 5th January" starts on the day.
_A_TERMS_START_AND_ITS_DAY = re.compile(
    r"\b(?:(?:at|from)[ \t]+)?(?:the[ \t]+)?(?:beginning|start|first[ \t]+day)[ \t]+of[ \t]+"
    r"(?:the[ \t]+)?"
    r"(?:(?:spring|summer|autumn|new|next|january|september|easter)[ \t]+)?term[ \t]*"
    r"(?:,[ \t]*|[-\u2013][ \t]*|on[ \t]+|which[ \t]+is[ \t]+)"
    r"(?=(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\d)", re.IGNORECASE)


# The move-in named, after the day a bed frees up ("realistically move-in would be Fri 11/12")
# or anywhere (round 57: "Her move-in would be Monday 21st; Thursday 17th is fine for the
# pre-placement visit", "the move itself would be Wednesday 16th"): read as "moving in on".
_THE_MOVE_IN_WOULD_BE = re.compile(r"\bmove(?:[ \t-]?in)?(?:[ \t]{1,3}(?:itself|date|day))?"
                                   r"[ \t]{1,3}(?:would|will|could|can)[ \t]{1,3}be\b",
                                   re.IGNORECASE)


# A reply's terms in fragments, each ended by a full stop: "Offer. £4,800pw. 14/12." is read as
# "Offer, £4,800pw, 14/12." (round 53): the day is the offer's, not a sentence on its own.
_TERMS_IN_FRAGMENTS = re.compile(
    r"(?im)^[ \t>*]*(?:offer(?:ing)?|yes)\.(?:[ \t]+[^.\s](?:[^.\n]|\.(?=\d)){0,24}\.){0,2}"
    r"[ \t]+[^.\s](?:[^.\n]|\.(?=\d)){0,24}\.?[ \t]*$")
_A_FRAGMENTS_STOP = re.compile(r"\.(?=[ \t]+\S)")


def _terms_as_one_sentence(text: str) -> str:
    """The text with each line of full-stopped terms ("Offer. £4,800pw. 14/12.") as one."""
    return _TERMS_IN_FRAGMENTS.sub(lambda line: _A_FRAGMENTS_STOP.sub(",", line.group()), text)


def prose_start_date(text: str, reference: date) -> date | None:
    """The first date an availability word leads to ("from Monday 4th", "can start on 7 Dec"),
    in a sentence about the place, not the writer ("I am on leave from 30th November",
    "available from 9am tomorrow on 07700 900417" in a signature). A day the bed comes free
    or the visits begin gives way to a move-in day later in its sentence ("a bed has come
    free today, so we can offer from Mon 14th"; "transitions w/c 7th with a view to her
    moving in on Mon 14th")."""
    text = english_date_names(text)  # "o 4 Ionawr 2027": a Welsh month, in English
    text = _WITH_EFFECT_FROM.sub("from", text)  # its dots would end a sentence, as would
    text = _MONTH_WITH_A_DOT.sub(r"\1", text)  # a month's: "from Dec. 14, 2026"
    if "." in text:  # "Offer. £4,800pw. 14/12."
        text = _terms_as_one_sentence(text)
    if "(" in text:  # "from the weekend (Sat 5th)"
        text = _A_LOOSE_TIME_AND_ITS_DAY.sub(r"\1", text)
    if "term" in text:  # "from the beginning of the spring term on 5 January 2027"
        text = _A_TERMS_START_AND_ITS_DAY.sub("from ", text)
    if "am" in text or "pm" in text:  # "arrive any time after 2pm on Monday 4 January"
        text = _AN_HOUR_FIRST.sub(" from ", text)
    if "move" in text.lower():  # "her move-in would be Monday 21st"
        text = _THE_MOVE_IN_WOULD_BE.sub("moving in on", text)
    before_the_move = None
    for sentence in _sentences(text):
        if writer := _ABOUT_THE_WRITER.search(sentence):  # "I'm on leave from tomorrow until
            but = _BUT_THE_PLACE.search(sentence, writer.end())  # 4 Jan, but yes we can offer
            if but is None:  # - £4,900pw, from 14/12": what follows the "but" is the place's
                continue
            sentence = sentence[but.end():]
        if "from" in sentence:  # "Carer A is away from 19/12 to 2/1, so she could have her
            sentence = _AWAY_A_WHILE.sub(" ", sentence)  # from Monday 4th January"
        if before_the_move is not None:  # "Our bed frees up on 9/12 … We'd need a deep clean,
            sentence = _THE_MOVE_IN_WOULD_BE.sub("moving in on", sentence)  # so realistically
            moved = (_date_at(sentence, cue, reference) for cue in _AVAILABILITY.finditer(
                sentence) if cue.group().lower().startswith("mov"))  # move-in would be 11/12"
            return next((day for day in moved if day is not None and day > before_the_move),
                        before_the_move)
        for cue in _AVAILABILITY.finditer(sentence):
            said = _date_at(sentence, cue, reference)
            if said is None:
                continue
            if cue.group().lower().startswith("mov") or not _BEFORE_THE_MOVE.search(
                    sentence, max(0, cue.start() - 30), cue.end()):
                return said  # the move itself: "transition starting Wed 9th, moving in Sat 12th"
            before_the_move = before_the_move or said
    if before_the_move is not None:
        return before_the_move
    for sentence in _sentences(text):  # not a question: "would 14/12 work for her?"
        for does in _A_DAY_THAT_DOES.finditer(sentence):  # "21/12 at the earliest"
            if _NOT_THE_MOVE.search(_the_clause(sentence, does.start(1), does.end())):
                continue  # "Thursday 10th is fine for an introductory visit"
            day = f"the {does[1]}" if _BARE_ORDINAL.match(does[1]) else does[1]  # "14th works"
            try:
                return parse_uk_date(day, reference)
            except ValueError:
                continue
    offered_now = _OFFERED_NOW.search(text[:_MAX_CHARS])  # "we can offer ASAP at £4,800"
    if offered_now:
        return parse_uk_date(offered_now[1] or offered_now[2], reference)
    return _the_numbered_answers_day(text, reference)


def _the_clause(sentence: str, start: int, end: int) -> str:
    """The clause of the sentence that holds sentence[start:end]: from the clause's end before
    it to the one after it."""
    opens = max((found.end() for found in _A_CLAUSES_END.finditer(sentence, 0, start)),
                default=0)
    closes = _A_CLAUSES_END.search(sentence, end)
    return sentence[opens:closes.start() if closes else len(sentence)]


# Short answers numbered as the council's questions were ("1. Yes 2. £4,850 3. 14/12"): one
# of them a day alone is the start (the only day the council asks for).
_NUMBERED_ANSWER = re.compile(r"(?:^|(?<=\s))\d[.)][ \t]+(?P<answer>[^\n]{1,120}?)"
                              r"(?=[ \t]+\d[.)][ \t]|[ \t]*(?:\n|$))", re.MULTILINE)
_NUMBERED_ANSWERS = 3
_A_DAY_ALONE = re.compile(rf"(?:{A_DAY_AFTER_THE_OFFER}|(?:mon|tues|wednes|thurs|fri|satur|sun)"
                          r"day\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)\s+[a-z]{3,9})"
                          r"[ \t.]*", re.IGNORECASE)


def _the_numbered_answers_day(text: str, reference: date) -> date | None:
    answers = [found["answer"] for found in _NUMBERED_ANSWER.finditer(text[:2_000])]
    days = [answer for answer in answers if _A_DAY_ALONE.fullmatch(answer.strip())]
    if len(answers) < _NUMBERED_ANSWERS or len(days) != 1:
        return None
    try:
        return parse_uk_date(days[0], reference)
    except ValueError:
        return None


# So many weeks before "from": "two weeks from Monday" (but not a rate, "£9,700 per 2 weeks
# from Monday"). A word not a count ("to weeks from Monday", dictated) leaves the day asked.
_WEEKS_FROM = re.compile(r"(?:\b(?P<count>one|two|three|four|\d{1,2})[ \t]+)?\bweeks[ \t]{0,3}$",
                         re.IGNORECASE)
_A_RATE_OF_WEEKS = re.compile(r"\b(?:per|every|each|a|an|for)[ \t]+(?:\w+[ \t]+)?weeks[ \t]{0,3}$",
                              re.IGNORECASE)
_WEEK_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4}
# "from" someone, not from a day: "the decline from my deputy this morning", "an email from
# our manager today" (the time is when they wrote, not when the child can move in).
_FROM_SOMEONE = re.compile(r"\s*(?:my|our|your|their|its)\b", re.IGNORECASE)


def _date_at_alone(window: str, reference: date) -> date | None:
    start = _DATE_START.search(window)
    if start is None or start.start() > 12:
        return None
    try:
        return parse_uk_date(window[start.start():], reference)
    except ValueError:
        return None


def _date_at(sentence: str, cue: re.Match[str], reference: date) -> date | None:
    """The date an availability word leads to in its sentence, unless denied or echoed."""
    before = sentence[max(0, cue.start() - 30):cue.start()]
    if _DENIED_BEFORE.search(before) or _ECHOED_BEFORE.search(before) or (
            _A_MESSAGE_BEFORE.search(before) or _A_FEES_DAY_BEFORE.search(before)):
        return None
    if _A_FEES_CHANGE_BEFORE.search(sentence, max(0, cue.start() - 70), cue.start()):
        return None  # "our fee has gone up to £5,000 from 1 January": the fee's day
    window = _DATE_END.split(sentence[cue.end() : cue.end() + 60], maxsplit=1)[0]
    if cue.group().lower() == "from" and _FROM_SOMEONE.match(window):
        return None
    if cue.group().lower() == "from" and (weeks := _WEEKS_FROM.search(before)) and not (
            _A_RATE_OF_WEEKS.search(before)):
        day = _date_at_alone(window, reference)  # "two weeks from Monday": a fortnight on
        count = weeks["count"]
        if day is None or count is None:  # "to weeks from Monday" (two, dictated): asked
            return None
        return day + timedelta(days=7 * (_WEEK_COUNTS.get(count.lower()) or int(count)))
    start = _DATE_START.search(window)
    if (start is None and _START_WORD.fullmatch(cue.group())
            and (said := _DATE_BEFORE_ITS_START.search(before))
            and not _DENIED_AFTER.match(window)):
        try:
            return parse_uk_date(said[1], reference)
        except ValueError:
            return None
    if start is None or start.start() > 12 or _DENIED_BEFORE.search(
            window[:start.start()]) or _DENIED_LATER.search(window, start.end()):
        return None  # "Vacancy: not now, from the 14th", "Start on 14/12 won't be possible"
    if start[0].lower() == "now" and _UP_TO_NOW.search(
            sentence[max(0, cue.end() - 20):cue.end()] + window[:start.start()]):
        return None  # "Sorry – didn't see this until now": when they wrote, not the start
    written = window[start.start() :]
    if _BARE_ORDINAL.match(written):  # "from 7th": the day of the coming month
        written = f"the {written}"
    try:
        return parse_uk_date(written, reference)
    except ValueError:
        return None

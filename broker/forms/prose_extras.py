"""What a reply's prose charges on top of the weekly fee: its additional costs.

A provider who offers in prose often prices extras there too, as the response form's
"Additional costs" field would: "Any additional 1:1 above the core package is charged at
£22.50/hr", "Weekly fee £4,250, plus a one-off set-up cost of £750 for her room", "transport to
contact is extra at 45p/mile", "£4,250 per week, plus £300 pw for education if she attends our
on-site school". Each is kept in the writer's words (from the words that add it to the end of
its sentence), so that the comparison, the approval and the sign-off show it; what an amount
is for and how often it is charged stay as written (workflows/signoff.py reads a weekly sum
from them, or calls it not priced).

An amount is an extra when its own stretch of the sentence (since the amount before it) names
it one ("additional", "extra", "plus", "on top", "one-off", "set-up", "1:1", "deposit") or it
is charged by the hour or the mile. A weekly part only added ("£4,300 a week, plus education
at £650 a week", "with our agency fee on top (£480 pw)"), with no condition and no word naming
it an extra, is the fee in parts, which the fee's reader asks about, not an extra; nor is
an amount the words call the fee ("the fee would be £5,150 a week", even where its sentence
names the 2:1 it is for), a discount, or VAT; nor are the parts of a total that follow it
(rule `total-in-parts-no-extra`: "£5,400 per week (£4,900 care + £500 education)" is £5,400
in all, two or more amounts in a row summing to the one before them).

Rule `extra-named-unpriced-kept` (round 64): an extra said to be charged with no figure of its
own in its clause ("education charged separately", "1:1 would be charged on top", "Weekly fee
£4,800 – transport to school charged separately at cost"), whatever else its sentence
prices, is kept in its words among the additional costs, so the comparison shows the costs as
not priced (never "none given"), and what it costs is asked of the home.

An amount is this home's extra only when it is charged now, for this placement, to the council
(round 57): not when its sentence denies the charge ("There would be no additional cost for
1:1 (usually £22/hr) – we'd absorb it", "Staff mileage is covered by us (we budget around
45p/mile internally)", "we make no charge for it") unless its own clause charges it all the
same ("no extra cost for education, but 1:1 is charged at £22/hr"); not when the sentence is
about another home or an earlier placement ("For comparison, our Elm Court home charges …
plus £300 pw for 1:1", "We last placed with Northby in 2024 at £3,900 pw plus 1:1 at
£20/hr"); not when its clause has someone else pay it or cap it ("The framework caps
additional 1:1 at £25/hr", "your own escorts claim mileage … (45p/mile under your policy)");
and not when the words before it call it the offer ("our offer is on 2:1 at £6,200 pw").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["STAFFING_RATIO", "THE_OFFER_AT", "ProseExtras", "adds_an_extra", "adds_an_extra_to",
           "offers_its_staffing", "prose_extras"]

_MAX_CHARS = 50_000
# A staffing ratio that can name an extra ("plus 2:1 at £1,100 pw"), not one naming the
# placement itself ("a 2:1 solo provision at £9,500 per week", "1:1 placement", round 65 y02).
STAFFING_RATIO = (r"(?:1:1|2:1|one[ \t-]to[ \t-]one)(?![ \t]+(?:solo|sole[ \t-]"
                  r"occupancy|single[ \t-]occupancy|provision|placement|residential)\b)")
# A sentence ends at a full stop (not a decimal point or "incl."), "!", "?", ";" or a new line.
_SENTENCE_END = re.compile(r"(?<!\bincl)(?<!\binc)(?<!\bapprox)\.(?!\d)|[!?;\n]", re.IGNORECASE)
_AMOUNT = re.compile(
    r"£[ \t]?\d[\d,]*(?:\.\d{1,2})?(?:[ \t]?k\b)?"
    r"|\b\d{1,3}(?:\.\d{1,2})?[ \t]?(?:p|pence)\b(?=[ \t]*(?:/|per|a|an|each)[ \t]*(?:mile|km|"
    r"hour|hr|session)\b)", re.IGNORECASE)
# In an amount's stretch, before it, the words that add it to the fee.
_NAMED_AN_EXTRA = re.compile(
    r"\b(?:additional|extra|extras|plus|on[ \t]+top|one[ \t-]?off|set[ \t-]?up|setup|start[ \t-]?up"
    rf"|deposit|mileage|{STAFFING_RATIO}|waking[ \t]+nights?|in[ \t]+addition"
    # round 63 f04: "however education is charged separately at £350 pw", "excluding
    # education at £350 pw"
    r"|separately|separate[ \t]+(?:charge|cost|fee)s?|excluding|not[ \t]+including"
    r"|exclusive[ \t]+of)\b"
    r"|(?<![\w£])\+"
    # or a turn from the fee to something else priced by the week (round 63 f04): "Fee
    # £4,700 pw, but education is £350 pw", "though transport would be £200 a week"
    r"|\b(?:but|however|though|although)\b[^£]{0,40}?\b(?:education|schooling|school"
    r"|tuition|transport|therapy|therapies|escorts?|escorting|staffing)\b", re.IGNORECASE)
# After an amount, a period that is no week: by the hour, the mile, the day or the session.
_NOT_WEEKLY_AFTER = re.compile(
    r"[ \t]*(?:/|per|an?|each)[ \t]*(?:hour|hr|mile|km|session)s?\b|[ \t]*(?:hourly|"
    r"one[ \t-]?off)\b", re.IGNORECASE)
# After a weekly amount, words that name it an extra: "+ £350 pw additional 1:1".
_NAMED_AFTER = re.compile(rf"[ \t]*(?:for[ \t]+)?(?:additional|extra|{STAFFING_RATIO}"
                          r"|waking[ \t]+nights?)\b", re.IGNORECASE)
# After an amount, its week or its day: a part of the fee, when only added to it.
_PERIODIC_AFTER = re.compile(r"[ \t]*(?:pw|p/w|per[ \t]+week|a[ \t]+week|weekly|/[ \t]?(?:wk|week)"
                             r"|(?:a|per|/)[ \t]?(?:school[ \t]+)?day)\b", re.IGNORECASE)
# After a weekly amount, in its clause, what makes a part added to the fee an extra: only on
# a condition ("if she attends our school"); not only for a time ("a 2:1 supplement of £1,400
# pw for the first six weeks" is the fee in parts, asked).
_ON_A_CONDITION_AFTER = re.compile(
    r"^[^£,;()]{0,80}?\b(?:if|when|should|unless|provided|where)\b",
    re.IGNORECASE)
# Before an amount, words that make it the fee, its discount or its tax, not an extra.
_THE_FEE_ITSELF = re.compile(
    r"\b(?:fee|rate|price|cost|charge|total)[ \t]+(?:of|is|will[ \t]+be|would[ \t]+be|at)?[ \t]*$"
    r"|\b(?:less|minus|discount|vat)\b[^£]{0,20}$", re.IGNORECASE)
# Just before an amount, words that call it the fee itself, whatever extra its stretch names
# for a reason: "given the 2:1 at night the fee would be £5,150 a week" (round 58), "with 1:1
# our weekly fee is £5,400" (but "an additional fee of £300 pw" is an extra's).
_CALLED_THE_FEE = re.compile(
    r"\b(?:the|our|its)[ \t]+(?:weekly[ \t]+|new[ \t]+|revised[ \t]+|overall[ \t]+|total[ \t]+)?"
    r"(?:placement[ \t]+)?(?:fee|rate|price)[ \t]+(?:(?:would|will|could|should)[ \t]+"
    r"(?:now[ \t]+)?(?:need[ \t]+to[ \t]+)?be|is(?:[ \t]+now)?|becomes|comes[ \t]+to)"
    r"[ \t]*:?[ \t]*$",
    re.IGNORECASE)
# Before an amount, words that make it the offer itself: "our offer is on 2:1 at £6,200 pw",
# "we can offer her a place at", "the offer would be at" (a staffing level there is the
# placement's, not an extra). prose.py reads the fee with it too. The place may be named by
# its staffing and kind, and for whom (round 65 y02: "We can offer a 2:1 solo provision for
# Maddie at £9,500 per week" is the offer's fee, not a 2:1 extra).
THE_OFFER_AT = (r"\boffer(?:[ \t]+(?:is|would[ \t]+be|will[ \t]+be))?(?:[ \t]+(?:her|him|them))?"
                r"(?:[ \t]+(?:a|an|the|our)(?:[ \t-]+(?:[123]:1|(?:one|two|three)[ \t-]to[ \t-]one"
                r"|solo|sole|single|occupancy|bespoke|residential|emergency|specialist|staffed)){0,4}"
                r"[ \t]+(?:place|bed|placement|provision|package|service|arrangement)"
                r"(?:[ \t]+for[ \t]+(?:her|him|them|[\w'’-]+))?)?(?:[ \t]+(?:on|with|at)[ \t]+"
                r"(?:[123]:1|(?:one|two|three)[ \t-]to[ \t-]one)(?:[ \t]+staffing)?)?"
                r"[ \t]+at[ \t]*$")
_THE_OFFER_ITSELF = re.compile(THE_OFFER_AT, re.IGNORECASE)
# In a sentence, words that deny a charge: "no additional cost", "we'd absorb it", "covered
# by us", "we make no charge", "won't be charging", "free of charge", "waived", "included".
_A_CHARGE_DENIED = re.compile(
    r"\bno[ \t]+(?:additional[ \t]+|extra[ \t]+|further[ \t]+|added[ \t]+|separate[ \t]+)?"
    r"(?:costs?|charges?|fees?)\b|\b(?:without|free[ \t]+of|at[ \t]+no[ \t]+(?:extra[ \t]+"
    r"|additional[ \t]+)?)(?:charge|cost)\b|\bfor[ \t]+free\b|(?:\bwon['’]?t|\bwill[ \t]+not"
    r"|\bwouldn['’]?t|\bwould[ \t]+not|\bdon['’]?t|\bdo[ \t]+not|\bnot|\bnever)[ \t]+(?:be[ \t]+)?"
    r"(?:charg|bill|pass\w*[ \t]+(?:it|this|that|the[ \t]+cost)[ \t]+on)\w*"
    r"|\bmake[ \t]+no[ \t]+charge|\babsorb\w*|\bcovered[ \t]+by[ \t]+us\b|\bat[ \t]+our[ \t]+"
    r"(?:own[ \t]+)?(?:cost|expense)\b|\bwaived?\b|\b(?:is|are|be)[ \t]+included\b",
    re.IGNORECASE)
# In a sentence, words that put its amounts on another home or an earlier placement: "for
# comparison", "our other home", "we last placed with Northby", "previously", "used to".
_ANOTHER_HOME_OR_TIME = re.compile(
    r"\b(?:for|by)[ \t]+comparison\b|\bcompared[ \t]+(?:with|to)\b|\bour[ \t]+other[ \t]+"
    r"(?:homes?|houses?|services?|settings?)\b|\blast[ \t]+(?:placed|placement|time|year)\b"
    r"|\b(?:previous|former|earlier)[ \t]+(?:placements?|young[ \t]+person|child|"
    r"resident)\b|\bpreviously[ \t]+(?:placed|charged|paid|had)\b|\bused[ \t]+to[ \t]+"
    r"(?:charge|pay|be)\b|\bin[ \t]+the[ \t]+past\b", re.IGNORECASE)
# In an amount's clause, someone else paying it or capping it: "the framework caps 1:1 at
# £25/hr", "your own escorts claim mileage", "under your policy", "funded by health".
_SOMEONE_ELSE_PAYS = re.compile(
    r"\b(?:caps?|capped|ceiling|maximum)\b|\byour[ \t]+(?:own[ \t]+)?(?:escorts?|drivers?|"
    r"staff|social[ \t]+workers?|team|policy|rates?)\b|\bclaims?\b|\b(?:paid|funded|met|"
    r"covered)[ \t]+by[ \t]+(?:health|the[ \t]+icb|education|the[ \t]+school|camhs|the[ \t]+"
    r"nhs)\b", re.IGNORECASE)
# Where, before it, the clause that adds an extra opens: "(Fees: £4,200 pw care, £650 pw
# education,) 1:1 at £22 ph as needed".
_CLAUSE_BOUNDARY = re.compile(r"[,(:\u2013\u2014]|\s-\s|\b(?:and|but|while|whilst)\b",
                              re.IGNORECASE)
# Or a condition the extra is asked under (round 63 c11): "… from 14/12/2026 provided that
# 2:1 staffing at £1,150 per week is funded …" keeps "provided that 2:1 staffing at £1,150
# per week …", not the start date before it; or a turn from the fee ("however …").
_AN_EXTRAS_CLAUSE_OPENS = re.compile(
    rf"{_CLAUSE_BOUNDARY.pattern}|\b(?:however|though|although)\b"
    r"|(?=\b(?:provided|providing|subject[ \t]+to|on[ \t]+condition[ \t]+that|as[ \t]+long"
    r"[ \t]+as)\b)", re.IGNORECASE)
# The word that turns from the fee, before the extra it opens: "however education is …".
_A_TURN_FIRST = re.compile(r"^(?:but|however|though|although)\b[ \t,]*", re.IGNORECASE)
# An extra said to be charged, with no amount: "1:1 would be charged on top", "transport is
# extra", "additional costs apply" (but not "no additional costs", "extras included").
_CHARGED_UNPRICED = re.compile(
    r"\b(?:(?:is|are|would[ \t]+be|will[ \t]+be)[ \t]+(?:charged[ \t]+)?(?:extra|additional|on"
    r"[ \t]+top|separately)|charged[ \t]+(?:separately|on[ \t]+top|in[ \t]+addition|extra|at"
    r"[ \t]+cost)|(?:additional|extra)[ \t]+(?:costs?|charges?|fees?)[ \t]+(?:will[ \t]+)?apply)\b",
    re.IGNORECASE)
_NONE_CHARGED = re.compile(r"\b(?:no|nil|none|not|without|inclusive|included|includes|incl)\b",
                           re.IGNORECASE)


@dataclass(frozen=True)
class ProseExtras:
    """The extras a reply's prose prices (`costs`, in its words, or None), and whether it
    says an extra is charged without its amount (`unpriced`)."""

    costs: str | None
    unpriced: bool


def prose_extras(text: str) -> ProseExtras:
    """The additional costs the prose prices, each from the words that add it to the end of
    its sentence, joined by "; "."""
    found: list[str] = []
    unpriced = False
    for sentence in _SENTENCE_END.split(text[:_MAX_CHARS]):
        if sentence.rstrip().endswith("?") or not sentence.strip():
            continue
        extra = _the_extra(sentence)
        if extra:
            found.append(extra)
        if (named := _named_unpriced(sentence)) is not None:
            unpriced = True  # rule extra-named-unpriced-kept: its words kept, its cost asked
            if not any(named.casefold() in before.casefold() for before in found):
                found.append(named)
    return ProseExtras("; ".join(dict.fromkeys(found)) or None, unpriced)


def _named_unpriced(sentence: str) -> str | None:
    """The words of an extra the sentence says is charged with no figure of its own, its own
    clause ("transport to school charged separately at cost" after "Weekly fee £4,800 –"),
    whatever amount the rest of the sentence holds; or None."""
    charged = _CHARGED_UNPRICED.search(sentence)
    if charged is None:
        return None
    after_an_amount = 0  # the clause starts after the fee before it, its week with it
    for amount in _AMOUNT.finditer(sentence, 0, charged.start()):
        periodic = _PERIODIC_AFTER.match(sentence, amount.end())
        after_an_amount = periodic.end() if periodic else amount.end()
    opens = [after_an_amount, *(found.end() for found in _UNPRICED_CLAUSE_OPENS.finditer(
        sentence, after_an_amount, charged.start()))]
    if len(opens) > 1 and _RELATIVE.match(sentence, opens[-1]):
        opens.pop()  # "education, which is charged separately by our school": what it is for
    closes = _UNPRICED_CLAUSE_CLOSES.search(sentence, charged.end())
    words = " ".join(sentence[opens[-1]:closes.start() if closes else len(sentence)].split())
    words = _A_TURN_FIRST.sub("", words.strip(" \t,-\u2013\u2014"))
    if not words or _AMOUNT.search(words) or _NONE_CHARGED.search(words):
        return None  # priced in its own clause (read as an extra), or said not to be charged
    return words


# Where the clause of an extra charged without an amount opens or closes: punctuation, not
# "and" ("transport and escorting charged separately" is one extra); a bracket after it is
# still its own ("Education is charged separately (£650 pw)" is priced).
_UNPRICED_CLAUSE_OPENS = re.compile(r"[,()\u2013\u2014]|(?<!\d):(?!\d)|\s-\s")
_UNPRICED_CLAUSE_CLOSES = re.compile(r"[,\u2013\u2014]|(?<!\d):(?!\d)|\s-\s|\)(?![^(]*\))")
_RELATIVE = re.compile(r"[ \t]*(?:which|that|who|these|this|it)\b", re.IGNORECASE)


def adds_an_extra(sentence: str) -> bool:
    """Whether an amount in the sentence is added to the fee as an extra ("£4,250 pw, plus £300
    pw for education if she attends our school"), not as a part of it."""
    return _the_extra(_SENTENCE_END.split(sentence, maxsplit=1)[0]) is not None


def adds_an_extra_to(text: str, start: int, end: int) -> bool:
    """Whether the part added to a fee at text[start:end] ("£4,250 pw, plus £300 pw") is an
    extra, read with what follows it in its clause, up to the next amount."""
    after = text[end:end + _CLAUSE_AFTER_CHARS]
    return adds_an_extra(text[start:end] + after.split("£", 1)[0])


_CLAUSE_AFTER_CHARS = 80


def _the_extra(sentence: str) -> str | None:
    """The sentence from its first extra's stretch to its end, or None."""
    kept_from = 0  # where the stretch of the next amount starts: after the amount before it
    amounts = list(_AMOUNT.finditer(sentence))
    parts = _parts_of_a_total(amounts)
    read = _ReadOnce.of(sentence) if amounts else None
    for at, amount in enumerate(amounts):
        stretch = sentence[kept_from:amount.start()]
        after = sentence[amount.end():]
        start, kept_from = kept_from, amount.end()
        periodic = _PERIODIC_AFTER.match(after)
        if periodic:
            kept_from = amount.end() + periodic.end()
        if at in parts:
            continue  # "£5,400 per week (£4,900 care + £500 education)": the fee in its parts
        if _CALLED_THE_FEE.search(stretch) and not _NOT_WEEKLY_AFTER.match(after):
            continue  # "given the 2:1 at night the fee would be £5,150 a week": the fee itself
        named = _NAMED_AN_EXTRA.search(stretch)
        if named is None and (_THE_FEE_ITSELF.search(stretch) or not _NOT_WEEKLY_AFTER.match(
                after)):
            continue  # the fee ("Our fee is £650 per day"), or an amount no extra
        if named is not None and periodic and _PLAIN_ADDITION.fullmatch(named.group()) and not (
                _ON_A_CONDITION_AFTER.match(after[periodic.end():])
                or _NAMED_AFTER.match(after, periodic.end())):
            continue  # "£4,300 a week, plus education at £650 a week": the fee in parts
        if at == 0 and len(amounts) == 1 and periodic and offers_its_staffing(stretch):
            continue  # "We can offer at Elm Court: 1:1 staffing, waking night, £5,600 pw"
        if _THE_OFFER_ITSELF.search(stretch) or not (read and _charged_here(read, amount)):
            continue  # "our offer is on 2:1 at £6,200 pw", "no additional cost … we'd absorb it"
        opens = [0, *(found.end() for found in _AN_EXTRAS_CLAUSE_OPENS.finditer(
            stretch, 0, named.start() if named else len(stretch)))]
        return _A_TURN_FIRST.sub("", sentence[start + opens[-1]:].strip(
            " \t,-\u2013\u2014")) or None
    return None


# Words naming the offer's own staffing, not an extra: "1:1", "waking night".
_STAFFING_ONLY = re.compile(rf"(?:{STAFFING_RATIO}|waking[ \t]+nights?)", re.IGNORECASE)
_AN_OFFER_BEFORE = re.compile(r"\b(?:offer|offering|(?:can|could)[ \t]+take)\b", re.IGNORECASE)
# Just before a staffing word, words that add it ("with 2:1 at £1,150 per week"): no rule here.
_ADDED_BY = re.compile(r"\b(?:with|plus|and|including)[ \t]+$|\+[ \t]*$", re.IGNORECASE)


def offers_its_staffing(stretch: str) -> bool:
    """Rule `offer-staffing-not-extra` (round r66-63): before a sentence's first amount, by
    the week, an offer whose only words naming an extra describe its own staffing ("We can
    offer at Elm Court: 1:1 staffing in the day, waking night, £5,600 pw") makes the amount
    the offer's fee, not an extra for the staffing."""
    named = list(_NAMED_AN_EXTRA.finditer(stretch))
    return bool(named) and _AN_OFFER_BEFORE.search(stretch) is not None and all(
        _STAFFING_ONLY.fullmatch(found.group())
        and not _ADDED_BY.search(stretch, 0, found.start()) for found in named)


def _parts_of_a_total(amounts: list[re.Match[str]]) -> set[int]:
    """Rule `total-in-parts-no-extra`: which of the sentence's amounts (by their place) are
    the parts of a total before them, two or more in a row that sum to it ("£5,400 per week
    (£4,900 care + £500 education)", "Fee £5,400 pw: care £4,900, education £500"): the
    total's breakdown, never an extra on top of it. A total's parts are a few
    (`_MAX_PARTS`), and their sum never passes it: the search for them stops there, so a run
    of amounts ("Fee £90,000, £89,999, £89,998, …") is read in linear time."""
    sums = [_pounds(amount.group()) for amount in amounts]
    parts: set[int] = set()
    for total_at, total in enumerate(sums):
        added = Decimal(0)
        for count, at in enumerate(range(total_at + 1, min(total_at + 1 + _MAX_PARTS,
                                                           len(sums))), 1):
            part = sums[at]
            if total is None or part is None or part >= total:
                break
            added += part
            if added > total:
                break
            if count > 1 and added == total:
                parts.update(range(total_at + 1, at + 1))
                break
    return parts


_MAX_PARTS = 12


def _pounds(figure: str) -> Decimal | None:
    """The pounds a figure `_AMOUNT` matched says ("£4,900", "£4.9k"), None for pence."""
    if "£" not in figure:
        return None
    number = figure.replace("£", "").replace(",", "").strip()
    thousands = number[-1:].lower() == "k"
    try:
        value = Decimal(number.rstrip("kK").strip())
    except ArithmeticError:
        return None
    return value * 1000 if thousands else value


@dataclass(frozen=True)
class _ReadOnce:
    """What `_charged_here` asks of a sentence as a whole, read once for all its amounts (a
    sentence of a thousand amounts is read in linear time): whether it puts them on another
    home or time, whether it denies a charge, and where its clauses open and close."""

    sentence: str
    elsewhere: bool
    denied: bool
    boundary_starts: list[int]
    boundary_ends: list[int]

    @classmethod
    def of(cls, sentence: str) -> _ReadOnce:
        boundaries = list(_CLAUSE_BOUNDARY.finditer(sentence))
        return cls(sentence, _ANOTHER_HOME_OR_TIME.search(sentence) is not None,
                   _A_CHARGE_DENIED.search(sentence) is not None,
                   [found.start() for found in boundaries], [found.end() for found in boundaries])


# Straight after an amount and its rate, words that say it is in the fee, no extra: "(1:1 at
# £22/hr included)", "1:1 at £22 per hour, included in the fee", "£22ph incl." (round r66b;
# the fee's own line is guarded so in broker/forms/response.py). Only its own rate may come
# between: in "1:1 at £22/hr for 20 hrs, education included" the 1:1 is still an extra.
_SAID_INCLUDED_AFTER = re.compile(
    r"[ \t]?(?:/[ \t]?[a-z]{1,5}\b\.?|(?:per|an?|each)[ \t]+[a-z]{1,6}\b|p[hdw]\b)?[ \t]*,?[ \t]*"
    r"(?:(?:is|are|which[ \t]+is)[ \t]+)?(?:included|inclusive|incl\b)", re.IGNORECASE)


def _charged_here(read: _ReadOnce, amount: re.Match[str]) -> bool:
    """Whether the amount is charged by this home, now, to the council: not denied in its
    sentence (unless its own clause charges it), not another home's or an earlier
    placement's, not paid or capped by someone else."""
    if read.elsewhere:
        return False
    before = bisect_right(read.boundary_ends, amount.start())  # the last boundary before it
    opens = read.boundary_ends[before - 1] if before else 0
    after = bisect_left(read.boundary_starts, amount.end())  # the first boundary after it
    closes = read.boundary_starts[after] if after < len(read.boundary_starts) else None
    clause = read.sentence[opens:closes if closes is not None else len(read.sentence)]
    if _SOMEONE_ELSE_PAYS.search(clause) or _A_CHARGE_DENIED.search(clause) or (
            _SAID_INCLUDED_AFTER.match(read.sentence, amount.end())):
        return False
    return not read.denied or _CHARGED_IN_ITS_CLAUSE.search(clause) is not None


# In an amount's own clause, words that charge it, whatever else its sentence denies: "no
# extra cost for education, but 1:1 is charged at £22/hr", "…, plus 1:1 at £22/hr".
_CHARGED_IN_ITS_CLAUSE = re.compile(
    r"\b(?:charg\w*|costs?|additional|extra|plus|on[ \t]+top|one[ \t-]?off|set[ \t-]?up"
    rf"|{STAFFING_RATIO}|in[ \t]+addition)\b|(?<![\w£])\+", re.IGNORECASE)


# Words that only add ("plus", "+", "on top"): with a weekly amount they make the fee in parts,
# unless a condition follows (see _ON_A_CONDITION_AFTER) or words that name it an extra.
_PLAIN_ADDITION = re.compile(r"plus|\+|in[ \t]+addition|on[ \t]+top", re.IGNORECASE)

"""The comparison a social worker decides from: every response side by side, ranked.

Pure: given the responses and the directory, it ranks offers and expressions of interest by
the arrangement's price/quality weights (e.g. 80/20 quality/price on a DPS), labels them A,
B, C … in that order, and counts declines by reason. Quality points come from the Ofsted
rating the directory holds for the establishment, not the one the provider typed (a provider
may be mistaken, or hopeful); the provider's own claim is shown beside it only when the two
differ, and used only when the directory has none, or when it is lower than the directory's
(rule ofsted-lower-claim-scored: a home saying it is rated worse than the directory knows,
"we were rated Requires Improvement at our last inspection", is the newer fact, so it is
scored on the lower of the two, shown as the home's word beside the directory's). Price
points are the cheapest price offered divided by this one's, the price being what `price`
gives (by default the weekly fee; the service scores the first-year cost,
workflows/year_cost.py `first_year_price`, rule price-scored-on-the-first-year, so extras,
later fees and one-off sums count). An option that gives a fee but no price (its reply
states a later fee that cannot be read) scores no price points and is ranked after every
priced option, never as if cheap. Each declining home whose words hold something open (a bed
later, other help) is named with them, rule `decline-opening-kept`
(broker/forms/decline_openings.py).

A response that arrives after the close, offering or interested, from a home the comparison
has no letter for (`late_row`), is added to the stored comparison under the next letter
(after D, E), marked late and scored as the others were (against the cheapest fee among them
and its own); the letters already given never change, so a shortlist already written stays
true, and the late option can be shortlisted as any other until the shortlist is approved.

An option is measured against the last day a start is in time (`latest`: the referral's
deadline, "no later than 18/12/2026", or the day it is needed from; workflows/needed.py):
one that gives no day but whose words put its start in a month ("once our current young
person moves on, likely mid-January": rule rough-start-read, broker/forms/rough_starts.py)
starts no earlier than that month's part. The options that can start in time are ranked
first, then the rest, late or not saying when, by score (rule start-in-time-ranked-first): a
home that cannot start until the new year is never ranked as if it could start now, whatever
its score, and a reply that says nothing (interested, no fee, no day) does not rise above
offers for being silent on the day when every dated one is late.

A reply held out (`HELD_OUT`: an offer of supported accommodation for a child under 16, or of
another kind of placement than the one asked, workflows/offer_kind.py) is no option: never
ranked, never lettered, its words sent to the people who decide instead. Each is named with
why (`held_out`: "Larch View", "fostering, not residential", the words its reply was stored
with, `HELD_WHY`), so the comparison's options, declines, held-out homes and silent homes add
up to every home asked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from string import ascii_uppercase
from typing import Any

from broker.forms.decline_openings import decline_opening
from broker.forms.rough_starts import rough_start

QUALITY_POINTS = {"outstanding": 100, "good": 75, "requires-improvement": 40, "inadequate": 0,
                  "not-yet-inspected": 50}
# A stored reply's field that holds it out of the comparison, never an option (its value says
# why: workflows/offer_kind.py).
HELD_OUT = "held_out"
# Why, in a few words ("supported accommodation, not lawful under 16", "fostering, not
# residential"), stored beside it; a reply stored before it was kept is told by `HELD_OUT`.
HELD_WHY = "held_out_why"
_HELD_WORDS = {"under_16": "supported accommodation, not lawful under 16",
               "another_kind": "another kind of placement than the one asked"}
# How an option's start stands against the day the place is needed by (`timing`), in the
# order the comparison ranks them: in time first, then the rest by score.
TIMINGS = {"in-time": 0, "": 0, "not-given": 1, "late": 1}
GRADED = ("outstanding", "good", "requires-improvement", "inadequate")
DISTANCE_BANDS = ((10, "under 10 km"), (25, "10-25 km"), (50, "25-50 km"), (100, "50-100 km"))


@dataclass(frozen=True)
class ResponseIn:
    """One provider's current response, as stored."""

    establishment: str  # key
    fields: dict[str, Any]  # response_to_json() shape
    late: bool = False
    arrangement: str = ""  # key of the arrangement the referral went out under


@dataclass(frozen=True)
class Row:
    label: str
    establishment: str
    establishment_name: str
    decision: str
    home: str
    ofsted_rating: str
    location: str
    distance_band: str
    weekly_fee: Decimal | None
    additional_costs: str
    available_from: str | None
    proposal: str
    score: float
    late: bool
    ofsted_claimed: str = ""  # the provider's own rating, when it differs from the directory's
    ofsted_source: str = ""  # "directory" when the rating shown is the directory's, not the reply's
    # The home or carer the reply names, when that is not the directory's name for it (an
    # agency's carers, "Larch House" written by another home): shown beside, never instead.
    home_named: str = ""
    # The reply's whole proposal, which `proposal` gives in brief: a later fee written past
    # the brief's 280 characters is still read from it (rule later-fee-counted).
    words: str = ""
    # With no day given, the earliest start its words allow (rule rough-start-read): ISO day
    # and the words ("mid-January"); and how its start stands against the day the place is
    # needed by: "in-time", "not-given", "late" ("" when the referral gives no day).
    earliest_start: str | None = None
    start_said: str = ""
    timing: str = ""
    ofsted_scored: str = ""  # the rating the score used: the lower of the two (see above)


@dataclass(frozen=True)
class Comparison:
    rows: list[Row]
    declines: list[tuple[str, int]]  # (reason, count), most common first
    no_reply: int
    weights: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # (home, reason, its words) of each decline that holds something open (rule
    # decline-opening-kept: "should have a bed late January", "we'd consider her for respite")
    declined_saying: list[tuple[str, str, str]] = field(default_factory=list)
    # (home, why) of each reply held out of the options (`HELD_OUT`), so the counts add up
    held_out: list[tuple[str, str]] = field(default_factory=list)


def distance_band(km: float | None) -> str:
    if km is None:
        return "distance unknown"
    for limit, band in DISTANCE_BANDS:
        if km < limit:
            return band
    return "over 100 km"


def brief(text: str | None, limit: int = 280) -> str:
    """The proposal in brief: whole sentences up to about `limit` characters."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind(". ")
    return (cut[: end + 1] if end > limit // 3 else cut.rsplit(" ", 1)[0] + " …").strip()


def _fee(fields: dict[str, Any]) -> Decimal | None:
    fee = fields.get("weekly_fee")
    return Decimal(str(fee)) if fee not in (None, "") else None


# What an option's price is scored on, from its reply's fields (or a stored row's).
Price = Callable[[dict[str, Any]], "Decimal | None"]


def compare(responses: list[ResponseIn], directory: Any, child_area: str | None,
            eligible_count: int, price: Price = _fee, latest: date | None = None,
            today: date | None = None) -> Comparison:
    """Rank offers and interest by when they can start against `latest` (the last day a
    start is in time), then quality and `price`; count declines; note how many never
    replied."""
    live = [r for r in responses if is_an_option(r.fields)]
    fees = [f for f in (price(r.fields) for r in live) if f and f > 0]
    cheapest = min(fees) if fees else None
    # an option with a fee but no price (a later fee not read) after the priced ones
    scored = sorted(((_score(r, directory, cheapest, price), r) for r in live),
                    key=lambda pair: (TIMINGS[_start(pair[1].fields, latest, today)[2]],
                                      _fee(pair[1].fields) is not None
                                      and price(pair[1].fields) is None, -pair[0],
                                      price(pair[1].fields) or Decimal("1e9")))
    rows = [_row(label_for(i), score, r, directory, child_area, latest, today)
            for i, (score, r) in enumerate(scored)]
    declines = Counter((r.fields.get("decline_reason") or "other") for r in responses
                       if r.fields.get("decision") == "decline")
    answered = {r.establishment for r in responses}
    return Comparison(rows, declines.most_common(), max(eligible_count - len(answered), 0),
                      _weights_note(responses, directory),
                      declined_saying=_declined_saying(responses, directory),
                      held_out=_held_out(responses, directory))


def _held_out(responses: list[ResponseIn], directory: Any) -> list[tuple[str, str]]:
    """Each held-out reply's home and why it is no option (`HELD_WHY`, or for a reply stored
    before those words were kept, the words for its `HELD_OUT`)."""
    held = []
    for response in responses:
        why = response.fields.get(HELD_OUT)
        if why and response.fields.get("decision") != "decline":
            establishment = directory.establishment(response.establishment)
            held.append((establishment.name if establishment else response.establishment,
                         str(response.fields.get(HELD_WHY) or _HELD_WORDS.get(str(why), why))))
    return held


def held_out_said(held_out: list[tuple[str, str]] | list[list[str]]) -> str:
    """The homes held out, each with why, in the words the comparison email and the team's
    Slack note both give them: "Kestrel House – supported accommodation, not lawful under 16;
    Larch House – fostering, not residential"."""
    return "; ".join(f"{home} – {why}" for home, why in held_out)


def _declined_saying(responses: list[ResponseIn],
                     directory: Any) -> list[tuple[str, str, str]]:
    """Each declining home's name, reason and the words of its decline that hold something
    open (rule `decline-opening-kept`, broker/forms/decline_openings.py), read again from
    the proposal they were kept in, so nothing else a form put there is shown."""
    said = []
    for response in responses:
        fields = response.fields
        words = decline_opening(str(fields.get("proposal") or "")) \
            if fields.get("decision") == "decline" else None
        if words:
            establishment = directory.establishment(response.establishment)
            said.append((establishment.name if establishment else response.establishment,
                         str(fields.get("decline_reason") or "other"), words))
    return said


def is_an_option(fields: dict[str, Any]) -> bool:
    """Whether a reply is an option: it offers or is interested, and is not held out (rules
    `supported-accommodation-under-16`, `offer-of-another-kind`: workflows/offer_kind.py)."""
    return fields.get("decision") in ("offer", "interested") and not fields.get(HELD_OUT)


def label_for(index: int) -> str:
    """The letter of the option at `index`: A … Z, then AA, BB …"""
    return ascii_uppercase[index % 26] * (1 + index // 26)


def late_row(response: ResponseIn, stored: list[dict[str, Any]], directory: Any,
             child_area: str | None, price: Price = _fee, latest: date | None = None,
             today: date | None = None) -> Row | None:
    """A late response's option, lettered after the stored comparison's rows: None when it
    neither offers nor is interested, or its home has a letter already (a letter, once given,
    names one home, and the rows commissioners may have approved are never rewritten)."""
    if not is_an_option(response.fields) or any(
            row.get("establishment") == response.establishment for row in stored):
        return None
    fees = [f for f in (price(row) for row in [*stored, response.fields]) if f and f > 0]
    score = _score(response, directory, min(fees) if fees else None, price)
    return _row(label_for(len(stored)), score, response, directory, child_area, latest, today)


def start_timing(available: date | str | None, earliest: date | str | None,
                 latest: date | None) -> str:
    """How a start stands against `latest`, the last day it is in time: `in-time`, `late`
    (a day given after it, or with none given an earliest start its words put after it),
    `not-given`; "" when there is no day to measure against."""
    if latest is None:
        return ""
    day = available or earliest
    if not day:
        return "not-given"
    start = day if isinstance(day, date) else date.fromisoformat(str(day))
    return "late" if start > latest else "in-time"


def _start(fields: dict[str, Any], latest: date | None,
           today: date | None) -> tuple[str | None, str, str]:
    """(earliest start as ISO, its words, timing) of a reply: with no day given, the rough
    start its words give (rule rough-start-read)."""
    available = fields.get("available_from")
    rough = rough_start(str(fields.get("proposal") or ""), today) \
        if not available and today is not None else None
    earliest = rough.earliest.isoformat() if rough else None
    try:
        timing = start_timing(available, earliest, latest)
    except ValueError:
        timing = "not-given"
    return earliest, rough.said if rough else "", timing


def row_json(row: Row) -> dict[str, Any]:
    """A comparison row as stored: plain JSON (pounds as text, dates ISO)."""
    document = asdict(row)
    fee = document.get("weekly_fee")
    document["weekly_fee"] = f"{fee:.2f}" if fee is not None else None
    available = document.get("available_from")
    document["available_from"] = str(available) if available else None
    return document


def ofsted_ratings(fields: dict[str, Any], establishment: Any) -> tuple[str, str]:
    """(the rating that counts, the provider's differing claim or ""): the directory's rating
    when it has one, else the provider's. The one rule: the comparison, the shortlist page,
    the approval request, Slack and the console all show the rating it gives."""
    held = (getattr(establishment, "ofsted_rating", "") or "") if establishment else ""
    claimed = fields.get("ofsted_rating") or ""
    if not held:
        return claimed, ""
    return held, claimed if claimed and claimed != held else ""


def ofsted_source(fields: dict[str, Any], establishment: Any) -> str:
    """`directory` when the rating `ofsted_ratings` gives is the directory's and the reply
    did not say the same (it gave none, or another): a reader is told where it came from."""
    held = (getattr(establishment, "ofsted_rating", "") or "") if establishment else ""
    return "directory" if held and (fields.get("ofsted_rating") or "") != held else ""


def ofsted_scored(fields: dict[str, Any], establishment: Any) -> str:
    """The rating the score uses (rule ofsted-lower-claim-scored): the one `ofsted_ratings`
    gives, or the provider's own when it is a lower grade than the directory's (a home that
    says it was rated worse knows of an inspection the directory does not yet)."""
    rating, claimed = ofsted_ratings(fields, establishment)
    if rating in GRADED and claimed in GRADED and GRADED.index(claimed) > GRADED.index(rating):
        return str(claimed)
    return str(rating)


def _score(response: ResponseIn, directory: Any, cheapest: Decimal | None,
           price: Price = _fee) -> float:
    establishment = directory.establishment(response.establishment)
    arrangement = directory.arrangement(response.arrangement) if response.arrangement else None
    quality_weight = arrangement.quality_weight if arrangement else 50
    price_weight = arrangement.price_weight if arrangement else 50
    quality = QUALITY_POINTS.get(ofsted_scored(response.fields, establishment), 50)
    cost = price(response.fields)
    points = float(cheapest / cost * 100) if cheapest and cost else 0.0
    return round((quality_weight * quality + price_weight * points) / 100, 1)


def _row(label: str, score: float, response: ResponseIn, directory: Any,
         child_area: str | None, latest: date | None = None,
         today: date | None = None) -> Row:
    establishment = directory.establishment(response.establishment)
    fields = response.fields
    rating, claimed = ofsted_ratings(fields, establishment)
    location = fields.get("location") or (establishment.outward_code if establishment else "")
    km = directory.distance_km(child_area, location) if child_area and location else None
    name = establishment.name if establishment else response.establishment
    earliest, said, timing = _start(fields, latest, today)
    return Row(
        label=label, establishment=response.establishment, establishment_name=name,
        decision=fields.get("decision") or "", home=name, home_named=_named_otherwise(fields, name),
        ofsted_rating=rating or "not given", ofsted_claimed=claimed,
        ofsted_source=ofsted_source(fields, establishment),
        location=location or "not given", distance_band=distance_band(km),
        weekly_fee=_fee(fields), additional_costs=fields.get("additional_costs") or "",
        available_from=fields.get("available_from"), proposal=brief(fields.get("proposal")),
        words=" ".join(str(fields.get("proposal") or "").split()),
        score=score, late=response.late, earliest_start=earliest, start_said=said,
        timing=timing, ofsted_scored=ofsted_scored(fields, establishment),
    )


def _named_otherwise(fields: dict[str, Any], name: str) -> str:
    """The reply's own name for the home or carer, unless it is the directory's name. An option
    is always titled by who answered, so a provider cannot pass itself off as another home."""
    named = " ".join(str(fields.get("service_name") or "").split())
    return "" if named.casefold() in ("", " ".join(name.split()).casefold()) else named


def _weights_note(responses: list[ResponseIn], directory: Any) -> str:
    keys = {r.arrangement for r in responses if r.arrangement}
    notes = []
    for key in sorted(keys):
        arrangement = directory.arrangement(key)
        if arrangement:
            notes.append(f"{arrangement.name}: {arrangement.quality_weight}% quality, "
                         f"{arrangement.price_weight}% price")
    return "; ".join(notes)

"""Eligibility: which establishments receive a referral, and the rule that excluded each other one.

Policy is an ordered table of small named rules. Each rule looks at one
candidate, an establishment under one of its arrangements, and returns None when it passes or a
sentence saying why not. The first rule that fails excludes the candidate.

An establishment on several arrangements is tried under each, in config order (the order of
arrangements.yaml, so a consortium lists its preferred arrangement first). It is eligible when
any arrangement passes every rule, and appears once, under the first that does. Otherwise the
recorded exclusion is the one from the arrangement that got furthest down the table, so the
reason given is the most specific one ("too far away" rather than "not a member").

Unknown facts never exclude: a referral without an age, gender or area passes those rules.
A place the location line keeps the child away from that the places list cannot locate
excludes no one either: `unplaced` names those words, and the social worker and the team
are told them when the referral goes (workflows/intake.py, `location-not-placed`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from broker.directory import Arrangement, Directory, Establishment, Organisation
from broker.directory.areas import Area, locate, nearest_km, postcode_area
from broker.directory.live import paused_by_team
from broker.directory.model import NOT_YET_INSPECTED, Place, rating_meets_floor
from broker.forms.keep_away import MILE_KM, KeepAway, keep_aways
from broker.referral import ReferralForm, age_on


@dataclass(frozen=True)
class MatchRequest:
    """The anonymised profile eligibility looks at; `authority` is the referring authority's key."""

    authority: str
    placement_type: str
    needs: list[str]
    age: int | None
    gender: str | None
    siblings: int
    area: str | None
    on: date
    keep_away: tuple[KeepAway, ...] = ()  # the location line's exclusions (rule keep-away)

    @classmethod
    def from_referral(cls, form: ReferralForm, authority: str, on: date) -> MatchRequest:
        """The request for a referral read from its form, as of the day it is broadcast."""
        return cls(
            authority=authority,
            placement_type=form.placement_type or "",
            needs=list(form.needs),
            age=age_on(form.date_of_birth, on) if form.date_of_birth else None,
            gender=form.gender,
            siblings=form.siblings,
            area=outward_code(form.home_postcode) if form.home_postcode else None,
            on=on,
            keep_away=keep_aways(form.location),
        )



def outward_code(postcode: str) -> str:
    """`'se15 3ab'` → `'SE15'`; a code without its inward part is returned as it is."""
    compact = postcode.strip().upper()
    if " " in compact:
        return compact.split()[0]
    return compact[:-3] if len(compact) >= 5 else compact


@dataclass(frozen=True, slots=True)
class Candidate:
    """One establishment under one of its arrangements, for one request."""

    request: MatchRequest
    establishment: Establishment
    arrangement: Arrangement
    authority_name: str
    directory: Directory


@dataclass(frozen=True)
class Rule:
    name: str
    check: Callable[[Candidate], str | None]


def is_member(c: Candidate) -> str | None:
    if c.request.authority in c.arrangement.members:
        return None
    return f"{c.authority_name} is not a member of {c.arrangement.name}"


def arrangement_is_live(c: Candidate) -> str | None:
    arrangement = c.arrangement
    if arrangement.is_live(c.request.on):
        return None
    term = f"{arrangement.starts} to {arrangement.ends or 'open-ended'}"
    return f"{arrangement.name} is not live on {c.request.on} (it runs {term})"


def offers_lot(c: Candidate) -> str | None:
    wanted = c.request.placement_type
    if wanted not in c.establishment.lots:
        offered = ", ".join(c.establishment.lots)
        return f"does not offer placement type '{wanted}' (offers {offered})"
    if wanted not in c.arrangement.lots:
        return f"{c.arrangement.name} has no lot '{wanted}'"
    return None


def meets_needs(c: Candidate) -> str | None:
    unmet = [need for need in c.request.needs if need not in c.establishment.needs]
    return f"does not meet needs: {', '.join(unmet)}" if unmet else None


def takes_age(c: Candidate) -> str | None:
    age, e = c.request.age, c.establishment
    if age is None or e.age_min <= age <= e.age_max:
        return None
    return f"takes ages {e.age_min}-{e.age_max}; the child is {age}"


def accepts_gender(c: Candidate) -> str | None:
    gender = c.request.gender
    if gender in (None, "unknown") or gender in c.establishment.genders:
        return None
    return f"accepts {', '.join(c.establishment.genders)} only; the child is {gender}"


def fits_sibling_group(c: Candidate) -> str | None:
    most, wanted = c.establishment.max_siblings, c.request.siblings
    if wanted <= most:
        return None
    return f"takes up to {_children(most)} together; the referral is for {wanted}"


def within_distance(c: Candidate) -> str | None:
    limit, area = c.arrangement.max_distance_km, c.request.area
    if limit is None or not area:
        return None
    distance = c.directory.distance_km(area, c.establishment.outward_code)
    if distance is None or distance <= limit:
        return None
    where = c.establishment.outward_code
    return f"{where} is {distance:.0f} km from {area}; {c.arrangement.name} allows {limit:g} km"


def keeps_away(c: Candidate) -> str | None:
    """Rule `keep-away`: the location line says where the child must not be placed ("Not in
    London", "at least 50 miles from Manchester"); a home inside such an area, or nearer than
    the distance, is left out. The reason names the place as written, for the team only."""
    where, places = c.establishment.outward_code, c.directory.places
    for keep_away in c.request.keep_away:
        for area in placed(keep_away, places):
            if keep_away.km is None:
                if area.holds(where, places):
                    return f"{where} is in {area.name}; the location line says '{keep_away.words}'"
                continue
            distance = nearest_km(area, where, places, c.directory.distance_km)
            if distance is not None and distance < keep_away.km:
                return (f"{where} is {distance:.0f} km ({distance / MILE_KM:.0f} miles) from "
                        f"{area.name}; the location line says '{keep_away.words}'")
    return None


def placed(keep_away: KeepAway, places: Mapping[str, Place]) -> list[Area]:
    """The areas of `keep_away` the places list can locate (for a distance: and measure)."""
    whole = locate(keep_away.said, places) if len(keep_away.places) > 1 else None
    areas = [whole] if whole else [locate(name, places) for name in keep_away.places]
    return [area for area in areas if area is not None
            and (keep_away.km is None or _measurable(area, places))]


def unplaced(keep_aways_: tuple[KeepAway, ...], places: Mapping[str, Place]) -> tuple[str, ...]:
    """The exclusions, in their words, naming a place the list cannot locate: "not within 30
    miles of Northby", "away from his associates in Moss Side" ("away from negative peers"
    names no place and locates none: it is no exclusion)."""
    words = []
    for keep_away in keep_aways_:
        found = placed(keep_away, places)
        whole = len(found) == 1 and len(keep_away.places) > 1 and found[0].name == keep_away.said
        if whole or len(found) == len(keep_away.places):
            continue
        if found or keep_away.km is not None or any(keep_away.named):
            words.append(keep_away.words)
    return tuple(dict.fromkeys(words))


def _measurable(area: Area, places: Mapping[str, Place]) -> bool:
    """Whether the list places any of `area` (a district it lacks: by its postcode area)."""
    wanted = {postcode_area(code) for code in area.districts}
    return any(area.holds(code, places) or postcode_area(code) in wanted for code in places)


def meets_ofsted_floor(c: Candidate) -> str | None:
    rating, arrangement = c.establishment.ofsted_rating, c.arrangement
    if rating == NOT_YET_INSPECTED:
        if arrangement.allow_not_yet_inspected:
            return None
        return f"not yet inspected by Ofsted; {arrangement.name} admits only inspected services"
    floor = arrangement.ofsted_floor
    if floor is None or rating_meets_floor(rating, floor):
        return None
    return f"rated {rating}; {arrangement.name} requires {floor} or better"


def is_active(c: Candidate) -> str | None:
    status = c.establishment.status
    return None if status == "active" else f"status is {status}"


def is_receiving(c: Candidate) -> str | None:
    """A provider may pause referrals to a home (PAUSE <reason> to providers@), and so may
    the placements team from the console (its reason says so: `paused_by_team`)."""
    paused = c.establishment.paused
    if not paused:
        return None
    return f"paused {paused}" if paused_by_team(paused) else f"paused by the provider: {paused}"


def has_capacity(c: Candidate) -> str | None:
    free, wanted = c.establishment.capacity, c.request.siblings
    if free >= wanted:
        return None
    places = "place" if free == 1 else "places"
    return f"has {free} {places} free; the referral is for {_children(wanted)}"


def _children(count: int) -> str:
    return f"{count} child" if count == 1 else f"{count} children"


RULES: tuple[Rule, ...] = (
    Rule("membership", is_member),
    Rule("arrangement-live", arrangement_is_live),
    Rule("lot", offers_lot),
    Rule("needs", meets_needs),
    Rule("age", takes_age),
    Rule("gender", accepts_gender),
    Rule("siblings", fits_sibling_group),
    Rule("distance", within_distance),
    Rule("keep-away", keeps_away),
    Rule("ofsted", meets_ofsted_floor),
    Rule("status", is_active),
    Rule("paused", is_receiving),
    Rule("capacity", has_capacity),
)
NO_ARRANGEMENT = "membership"


@dataclass(frozen=True)
class Eligible:
    """An establishment that receives the referral. Names as in the `match` JSON; keys beside."""

    establishment: str
    organisation: str
    contact: str  # the primary contact: the address the broadcast goes to
    arrangement: str
    establishment_key: str
    organisation_key: str
    arrangement_key: str

    @classmethod
    def of(
        cls, establishment: Establishment, organisation: Organisation, arrangement: Arrangement
    ) -> Eligible:
        return cls(
            establishment.name,
            organisation.name,
            establishment.primary_contact,
            arrangement.name,
            establishment.key,
            organisation.key,
            arrangement.key,
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Exclusion:
    """Why an establishment does not receive the referral, under the arrangement that got furthest
    (None when the establishment is on no arrangement)."""

    establishment: str
    rule: str
    reason: str
    establishment_key: str
    arrangement: str | None = None
    arrangement_key: str | None = None

    @classmethod
    def of(
        cls, establishment: Establishment, rule: str, reason: str, arrangement: Arrangement | None
    ) -> Exclusion:
        name, key = (arrangement.name, arrangement.key) if arrangement else (None, None)
        return cls(establishment.name, rule, reason, establishment.key, name, key)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class MatchResult:
    eligible: list[Eligible]
    excluded: list[Exclusion]

    def to_json(self) -> dict[str, Any]:
        """The `broker match --json` document (its shape is in the README)."""
        return {
            "eligible": [e.to_json() for e in self.eligible],
            "excluded": [x.to_json() for x in self.excluded],
        }


def match(directory: Directory, request: MatchRequest) -> MatchResult:
    """Every establishment in the directory, eligible or excluded with the rule that did it."""
    authority = directory.authority(request.authority)
    authority_name = authority.name if authority else f"unknown authority '{request.authority}'"
    eligible: list[Eligible] = []
    excluded: list[Exclusion] = []
    for establishment in directory.establishments.values():
        outcome = _decide(directory, request, establishment, authority_name)
        if isinstance(outcome, Exclusion):
            excluded.append(outcome)
        else:
            organisation = directory.organisations[establishment.organisation]
            eligible.append(Eligible.of(establishment, organisation, outcome))
    return MatchResult(eligible, excluded)


def _decide(
    directory: Directory, request: MatchRequest, establishment: Establishment, authority_name: str
) -> Arrangement | Exclusion:
    """The first arrangement under which every rule passes, or the furthest-reaching exclusion."""
    furthest: tuple[int, Exclusion] | None = None
    for arrangement in directory.arrangements_of(establishment):
        candidate = Candidate(request, establishment, arrangement, authority_name, directory)
        for depth, rule in enumerate(RULES):
            reason = rule.check(candidate)
            if reason is not None:
                if furthest is None or depth > furthest[0]:
                    exclusion = Exclusion.of(establishment, rule.name, reason, arrangement)
                    furthest = (depth, exclusion)
                break
        else:
            return arrangement
    if furthest is None:
        return Exclusion.of(establishment, NO_ARRANGEMENT, "is not on any arrangement", None)
    return furthest[1]

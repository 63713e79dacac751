"""The consortium's directory as values: authorities, arrangements, providers and places.

Everything here is a frozen dataclass built by `broker.directory.load` (from `config/`) or by
`broker.directory.synthetic` (in memory). Code lists that the configuration is checked against
live here too; the placement types (lots) and need codes default to the lists in
the standard referral form and are replaced by the consortium's own form when it has one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

ARRANGEMENT_KINDS = ("framework", "dps", "approved-list", "in-house", "block",
                     "cost-and-volume", "spot")
# Kinds of arrangement that are themselves a place in a cascade (a tier of their own name).
TIER_KINDS = ("in-house", "block", "cost-and-volume", "spot")
ESTABLISHMENT_KINDS = ("childrens-home", "fostering-service", "school")
GENDERS = ("male", "female", "non-binary")
STATUSES = ("active", "suspended")
SENDER_AUTH = ("required", "preferred", "off")
REVIEWS = ("none", "referrer", "team")

# Best first: a floor of "good" admits "outstanding" and "good".
RATED = ("outstanding", "good", "requires-improvement", "inadequate")
NOT_YET_INSPECTED = "not-yet-inspected"
OFSTED_RATINGS = (*RATED, NOT_YET_INSPECTED)

DEFAULT_LOTS = (
    "fostering",
    "fostering-specialist",
    "parent-and-child",
    "residential",
    "residential-solo",
    "residential-disability",
    "sen-day",
    "sen-residential",
    "semi-independent",
)
DEFAULT_NEEDS = (
    "semh",
    "asd",
    "adhd",
    "pmld",
    "sld",
    "mld",
    "pd",
    "hi",
    "vi",
    "medical",
    "cse",
    "cce",
    "self-harm",
    "violence",
    "substance",
    "missing",
    "offending",
    "mental-health",
    "uasc",
    "trauma",
)


def rating_meets_floor(rating: str, floor: str) -> bool:
    """True when a rated establishment is at or above the floor (both from `RATED`)."""
    return RATED.index(rating) <= RATED.index(floor)


@dataclass(frozen=True)
class Authority:
    """A member authority (council) whose social workers send referrals."""

    key: str
    name: str
    domains: list[str]
    referrers: list[str]
    placements_team: str
    commissioners: list[str]
    # Governance and safety (each described in authorities.yaml and the README).
    sender_auth: str = "required"  # required | preferred | off: must its mail be DKIM/DMARC-proved?
    review: str = "none"  # none | referrer | team: who checks the anonymised text before it goes
    review_timeout: timedelta = timedelta(hours=2)  # then the placements team is reminded
    quorum: int | None = None  # commissioners' approvals a shortlist needs (None: the setting)
    slack_channel: str = ""  # its shortlists and announcements ("": the settings' channels)
    retention: timedelta = timedelta(days=365)  # children's details kept after the end
    budget_holders: list[str] = field(default_factory=list)
    sign_off_above: Decimal | None = None  # weekly fee above which a budget holder signs off
    # Named placements officers who sign in to the console and act as the placements team.
    placements_officers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Reopening:
    """When an approved list or DPS takes applications from new providers
    (broker/directory/reopening.py reads it from `reopening:` in arrangements.yaml)."""

    schedule: str  # cron (minute hour day month weekday), UK time: when each window opens
    open_for: timedelta
    advertise: timedelta  # the advert goes to the mailing list this long before it opens
    reminders: tuple[timedelta, ...]  # reminders to the mailing list, this long before it closes
    mailing_list: tuple[str, ...]
    approvers: tuple[str, ...]  # who decides applications (by Slack or email)
    approvals_needed: int = 1


@dataclass(frozen=True)
class Band:
    """An agreed weekly rate (`low` == `high`) or price band, in pounds a week."""

    low: Decimal
    high: Decimal

    def said(self) -> str:
        low, high = (f"£{v:,.2f}".replace(".00", "") for v in (self.low, self.high))
        return low if self.low == self.high else f"{low} to {high}"


@dataclass(frozen=True)
class Arrangement:
    """A framework, DPS or approved list: who may use it, for which lots, on what terms."""

    key: str
    name: str
    kind: str
    lots: list[str]
    members: list[str]
    ofsted_floor: str | None
    allow_not_yet_inspected: bool
    max_distance_km: float | None
    price_weight: int
    quality_weight: int
    starts: date
    ends: date | None
    reopening: Reopening | None = None  # lists that reopen to new providers on a schedule
    tier: int | None = None  # the tier a home on it has when it lists none (None: tier 1)
    # The agreed weekly rates or price bands by lot, and each provider's own tendered ones
    # (organisation key → lot → band), which come first (broker/directory/rates.py).
    rates: dict[str, Band] = field(default_factory=dict)
    provider_rates: dict[str, dict[str, Band]] = field(default_factory=dict)

    def is_live(self, on: date) -> bool:
        return self.starts <= on and (self.ends is None or on <= self.ends)

    def rate_for(self, organisation: str, lot: str) -> Band | None:
        """The rate agreed for `organisation`'s placements of `lot`: its own tendered price
        where one is recorded, else the arrangement's; None when neither is."""
        return self.provider_rates.get(organisation, {}).get(lot) or self.rates.get(lot)


@dataclass(frozen=True)
class Organisation:
    """A provider organisation; `contacts` are its establishments' default referral addresses."""

    key: str
    name: str
    domains: list[str]
    contacts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Establishment:
    """One home, fostering service or school: what it offers, where, its rating, whom to email."""

    key: str
    name: str
    organisation: str
    kind: str
    lots: list[str]
    needs: list[str]
    age_min: int
    age_max: int
    genders: list[str]
    max_siblings: int
    urn: str | None
    ofsted_rating: str
    outward_code: str
    capacity: int
    status: str
    arrangements: list[str]
    contacts: list[str]
    tiers: dict[str, int] = field(default_factory=dict)  # arrangement key → tier awarded
    # Why it is paused, and since when ("" = receiving): the placements team's pause (its
    # reason begins broker/directory/live.py BY_TEAM) when one stands, else its provider's.
    paused: str = ""
    # Its provider's own pause, whether or not the team's stands over it ("" = none).
    provider_paused: str = ""

    @property
    def primary_contact(self) -> str:
        return self.contacts[0]


@dataclass(frozen=True)
class Place:
    """An outward code's approximate centroid, from `config/places.csv`."""

    outward_code: str
    latitude: float
    longitude: float
    region: str


@dataclass(frozen=True)
class WaveSpec:
    """One wave of a cascade: the tiers it goes to and its response window (None: the
    window the referral's urgency gives)."""

    name: str
    tiers: tuple[str, ...]
    window: timedelta | None = None


@dataclass(frozen=True)
class MiniCompetition:
    """For referrals of these urgencies: one wave to every tier, with a short fixed window."""

    urgencies: tuple[str, ...]
    window: timedelta


@dataclass(frozen=True)
class Cascade:
    """The order in which a consortium approaches providers, for the authorities and
    placement types it names (empty: all)."""

    key: str
    name: str
    waves: tuple[WaveSpec, ...]
    authorities: tuple[str, ...] = ()
    lots: tuple[str, ...] = ()
    mini_competition: MiniCompetition | None = None

    def applies_to(self, authority: str, placement_type: str) -> bool:
        return ((not self.authorities or authority in self.authorities)
                and (not self.lots or placement_type in self.lots))


# The tiers a cascade's waves name: the kinds of arrangement bought first, then the tiers a
# framework, DPS or list awarded (the establishment's own `tiers:`, else the arrangement's
# `tier:`, else tier 1), then spot.
CASCADE_TIERS = ("in-house", "block", "cost-and-volume",
                 *(f"tier-{n}" for n in range(1, 10)), "spot")

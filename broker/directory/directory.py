"""The loaded directory and its look-ups: who sent this, which establishment is this, how far apart.

A `Directory` is built once (from `config/` or in memory) and then only read. Sender look-ups
are exact and case-insensitive: a registered referrer address wins, then the address's domain
must equal one of an authority's domains. A subdomain is not its parent:
`x@mail.northby.gov.example` is unknown unless `mail.northby.gov.example` is listed, because a
referral from an unknown sender must never be treated as coming from a member authority. A
public mail service's domain (`gmail.com`) is never an authority's or an organisation's,
even when listed: only the addresses listed speak there.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from datetime import timedelta
from email.utils import parseaddr
from typing import Any, TypeVar

from broker.directory.model import (
    Arrangement,
    Authority,
    Cascade,
    Establishment,
    Organisation,
    Place,
)
from broker.maildomains import is_public_mail_domain

EARTH_RADIUS_KM = 6371.0
T = TypeVar("T")


@functools.lru_cache(maxsize=4096)
def normalise_address(address: str) -> str:
    """`'Sam Taylor <Sam.Taylor@Northby.gov.example>'` → `'sam.taylor@northby.gov.example'`.
    Kept for the last 4,096 addresses (a pure function of the text; parsing an address
    costs some hundred calls, and a reply's sender is looked up several times)."""
    return parseaddr(address)[1].strip().lower()


def domain_of(address: str) -> str:
    return normalise_address(address).rpartition("@")[2]


def haversine_km(a: Place, b: Place) -> float:
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


class Directory:
    """Authorities, arrangements, organisations, establishments and places, in config order."""

    def __init__(
        self,
        authorities: Iterable[Authority],
        arrangements: Iterable[Arrangement],
        organisations: Iterable[Organisation],
        establishments: Iterable[Establishment],
        places: Iterable[Place],
        cascades: Iterable[Cascade] = (),
    ) -> None:
        self.authorities: dict[str, Authority] = {a.key: a for a in authorities}
        self.arrangements: dict[str, Arrangement] = {a.key: a for a in arrangements}
        self.organisations: dict[str, Organisation] = {o.key: o for o in organisations}
        self.establishments: dict[str, Establishment] = {e.key: e for e in establishments}
        self.places: dict[str, Place] = {p.outward_code.upper(): p for p in places}
        self.cascades: tuple[Cascade, ...] = tuple(cascades)
        self._referrers = _index_many((a, a.referrers) for a in self.authorities.values())
        # A public mail service's domain is nobody's (rule PUBLIC_MAIL_SERVICES,
        # broker/maildomains.py): `broker config check` refuses one in `domains`, and should
        # one slip through, it still gives none of its mailboxes a council or a provider.
        self._authority_domains = _index_many((a, _own(a.domains))
                                              for a in self.authorities.values())
        self._org_domains = _index_many((o, _own(o.domains)) for o in self.organisations.values())
        self._contacts: dict[str, list[Establishment]] = {}
        for establishment in self.establishments.values():
            for contact in establishment.contacts:
                self._contacts.setdefault(contact.lower(), []).append(establishment)
        self._named_addresses = frozenset(normalise_address(address) for address in (
            *(a for authority in self.authorities.values() for a in (
                *authority.referrers, authority.placements_team, *authority.commissioners,
                *authority.budget_holders, *authority.placements_officers)),
            *self._contacts,
            *(c for organisation in self.organisations.values()
              for c in getattr(organisation, "contacts", []) or [])) if address)
        self._distances: dict[tuple[str, str], float | None] = {}
        self._arrangements_of = {
            e.key: [a for a in self.arrangements.values() if a.key in e.arrangements]
            for e in self.establishments.values()
        }

    def names_address(self, address: str) -> bool:
        """Whether the directory names this address as someone's: a member authority's
        social worker, placements team or officer, commissioner or budget holder, or a
        home's or organisation's contact."""
        return normalise_address(address) in self._named_addresses

    def authority_for_sender(self, address: str) -> Authority | None:
        """The member authority an email address belongs to, or None for an unknown sender."""
        normalised = normalise_address(address)
        if "@" not in normalised:
            return None
        return self._referrers.get(normalised) or self._authority_domains.get(domain_of(normalised))

    def at_a_members_domain(self, address: str) -> bool:
        """Whether an address is at a member authority's domain or a provider
        organisation's (or is one the directory gives an authority)."""
        return self.authority_for_sender(address) is not None \
            or self.organisation_for_domain(domain_of(address)) is not None

    def authority(self, key: str) -> Authority | None:
        return self.authorities.get(key)

    def arrangement(self, key: str) -> Arrangement | None:
        return self.arrangements.get(key)

    def establishment(self, key: str) -> Establishment | None:
        return self.establishments.get(key)

    def organisation(self, key: str) -> Organisation | None:
        return self.organisations.get(key)

    def arrangements_of(self, establishment: Establishment) -> list[Arrangement]:
        """The establishment's arrangements in config order (the order of arrangements.yaml)."""
        return self._arrangements_of.get(establishment.key, [])

    def uses(self, authority: str, establishment: Establishment) -> bool:
        """Whether a member authority uses this home: it is on an arrangement the authority
        is a member of (a council's own in-house home is its own council's only)."""
        return any(authority in a.members for a in self.arrangements_of(establishment))

    def establishment_for_contact(self, address: str) -> Establishment | None:
        """The first establishment (config order) listing this address among its contacts."""
        found = self.establishments_for_contact(address)
        return found[0] if found else None

    def establishments_for_contact(self, address: str) -> list[Establishment]:
        """Every establishment listing this address (an organisation may share one inbox)."""
        return list(self._contacts.get(normalise_address(address), ()))

    def organisation_for_domain(self, domain: str) -> Organisation | None:
        return self._org_domains.get(domain.strip().lower())

    def distance_km(self, outward_a: str, outward_b: str) -> float | None:
        """Great-circle distance between two outward codes' centroids; None if either is unknown."""
        pair = (outward_a.upper(), outward_b.upper())
        if pair not in self._distances:
            a, b = self.places.get(pair[0]), self.places.get(pair[1])
            self._distances[pair] = haversine_km(a, b) if a and b else None
        return self._distances[pair]

    def providers_json(self) -> list[dict[str, Any]]:
        """`broker providers list --json`: one row per establishment."""
        return [self._provider_row(e) for e in self.establishments.values()]

    def _provider_row(self, establishment: Establishment) -> dict[str, Any]:
        organisation = self.organisations[establishment.organisation]
        return {
            "organisation": organisation.name,
            "establishment": establishment.name,
            "contact": establishment.primary_contact,
            "lots": list(establishment.lots),
            "status": establishment.status,
            "organisation_key": organisation.key,
            "establishment_key": establishment.key,
            "kind": establishment.kind,
            "contacts": list(establishment.contacts),
            "arrangements": list(establishment.arrangements),
            "ofsted_rating": establishment.ofsted_rating,
            "outward_code": establishment.outward_code,
            "capacity": establishment.capacity,
        }

    def authorities_json(self) -> list[dict[str, Any]]:
        """`broker authorities list --json`."""
        return [
            {
                "name": a.name,
                "domains": list(a.domains),
                "referrers": list(a.referrers),
                "placements_team": a.placements_team,
                "commissioners": list(a.commissioners),
                "placements_officers": list(a.placements_officers),
                "key": a.key,
                "quorum": a.quorum,
                "budget_holders": list(a.budget_holders),
                "sign_off_above": None if a.sign_off_above is None else str(a.sign_off_above),
                "sender_auth": a.sender_auth,
                "review": a.review,
                "review_timeout": as_written(a.review_timeout),
                "retention": as_written(a.retention),
                "slack_channel": a.slack_channel or None,
            }
            for a in self.authorities.values()
        ]


def as_written(span: timedelta) -> str:
    """A span as authorities.yaml writes it: `365d`, `2h`, `90m`."""
    minutes = int(span.total_seconds()) // 60
    if minutes and minutes % (24 * 60) == 0:
        return f"{minutes // (24 * 60)}d"
    return f"{minutes // 60}h" if minutes and minutes % 60 == 0 else f"{minutes}m"


def _own(domains: Iterable[str]) -> list[str]:
    """The domains that can be an organisation's own: never a public mail service's."""
    return [domain for domain in domains if not is_public_mail_domain(domain)]


def _index_many(pairs: Iterable[tuple[T, Iterable[str]]]) -> Mapping[str, T]:
    """Lower-cased name → first owner; later owners of the same name are config errors."""
    index: dict[str, T] = {}
    for owner, names in pairs:
        for name in names:
            index.setdefault(name.lower(), owner)
    return index

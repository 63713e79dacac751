"""Checks across records: unique keys and addresses, and every reference pointing somewhere real.

These run after each record has been read on its own, over whatever values were valid, so one
run reports every problem in the configuration rather than stopping at the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from broker.directory.deciders import (
    case_holders_deciding,
    one_person_two_addresses,
    shared_mailboxes,
)
from broker.directory.problems import ConfigProblem
from broker.directory.schema import Record, record_problem, suggestion
from broker.maildomains import is_public_mail_domain


@dataclass
class Records:
    authorities: list[Record]
    arrangements: list[Record]
    organisations: list[Record]
    establishments: list[Record]


def cross_check(records: Records, mail_domain: str = "") -> list[ConfigProblem]:
    """Every problem across records; with `mail_domain` (BROKER_MAIL_DOMAIN), also whether
    it is a member's or a provider's own domain (`service_domain_of_a_member`)."""
    problems: list[ConfigProblem] = []
    for group in (records.organisations, records.establishments):
        problems += duplicate_keys(group)
    problems += duplicate_values(records.authorities, "domains", "domain")
    problems += duplicate_values(records.authorities, "referrers", "referrer")
    problems += duplicate_values(records.authorities, "placements_officers", "placements officer")
    problems += shared_mailboxes(records.authorities)
    problems += case_holders_deciding(records.authorities)
    problems += one_person_two_addresses(records.authorities)
    problems += duplicate_values(records.organisations, "domains", "domain")
    problems += provider_domains_of_authorities(records)
    problems += public_mail_domains(records)
    problems += service_domain_of_a_member(records, mail_domain)
    problems += unknown_references(
        records.arrangements, "members", records.authorities, "authority"
    )
    problems += unknown_references(
        records.establishments, "arrangements", records.arrangements, "arrangement"
    )
    problems += unknown_rate_providers(records)
    problems += lots_outside_arrangements(records)
    problems += tiers_outside_arrangements(records)
    problems += contacts_outside_organisation(records)
    return problems


def duplicate_keys(records: Iterable[Record]) -> list[ConfigProblem]:
    first: dict[str, Record] = {}
    problems = []
    for record in records:
        if record.key in first:
            earlier = first[record.key]
            message = f"{record.kind} key '{record.key}' is used twice (first at {_where(earlier)})"
            problems.append(ConfigProblem(record.file, record.line, message))
        else:
            first[record.key] = record
    return problems


def duplicate_values(records: Iterable[Record], field: str, what: str) -> list[ConfigProblem]:
    """A domain or address may belong to only one record, or look-ups would be ambiguous."""
    owner: dict[str, Record] = {}
    problems = []
    for record in records:
        for index, value in enumerate(record.values.get(field) or []):
            earlier = owner.setdefault(value, record)
            if earlier is not record:
                message = f"{what} '{value}' also belongs to {earlier.kind} '{earlier.key}'"
                problems.append(record_problem(record, message=message, name=field, index=index))
    return problems


def provider_domains_of_authorities(records: Records) -> list[ConfigProblem]:
    authority_domains = {d for r in records.authorities for d in r.values.get("domains") or []}
    problems = []
    for record in records.organisations:
        for index, value in enumerate(record.values.get("domains") or []):
            if value in authority_domains:
                message = f"domain '{value}' is a member authority's domain"
                problems.append(record_problem(record, "domains", message, index))
    return problems


def service_domain_of_a_member(records: Records, mail_domain: str) -> list[ConfigProblem]:
    """Rule SERVICE_DOMAIN_ITS_OWN: the service's mail domain is none of a member council's
    or provider's `domains`. There its people's own mail would be at the service's domain,
    and their signed mail to each other (a commissioner's "Approved." to a colleague) could
    pass for mail to the service; the service's addresses go at a domain (or subdomain,
    `referrals.northby.gov.example`) of their own."""
    domain = mail_domain.strip().lower().rstrip(".")
    problems = []
    for group in (records.authorities, records.organisations):
        for record in group:
            for index, value in enumerate(record.values.get("domains") or []):
                if domain and str(value).lower() == domain:
                    message = (f"domain '{value}' is BROKER_MAIL_DOMAIN, the service's own: "
                               f"give the service a domain or subdomain of its own, where "
                               f"{record.key}'s people have no mailboxes")
                    problems.append(record_problem(record, "domains", message, index))
    return problems


def public_mail_domains(records: Records) -> list[ConfigProblem]:
    """Rule PUBLIC_MAIL_SERVICES (broker/maildomains.py): a domain in `domains` lets every
    mailbox there speak for the council or the provider, so a public mail service's, where
    anyone can open one (with a genuine DKIM signature), is never one; the addresses that
    do speak for it are listed one by one instead."""
    problems = []
    for group, listed in ((records.authorities, "as a referrer in `referrers`"),
                          (records.organisations, "in `contacts` (the organisation's, or "
                                                  "its home's own)")):
        for record in group:
            for index, value in enumerate(record.values.get("domains") or []):
                if is_public_mail_domain(str(value)):
                    message = (f"domain '{value}' is a public mail service's: anyone can "
                               f"have an address there, so it can never speak for "
                               f"{record.key}; list each address that does {listed}")
                    problems.append(record_problem(record, "domains", message, index))
    return problems


def unknown_references(
    records: Iterable[Record], field: str, targets: Iterable[Record], what: str
) -> list[ConfigProblem]:
    known = [target.key for target in targets]
    problems = []
    for record in records:
        for index, key in enumerate(record.values.get(field) or []):
            if key not in known:
                message = f"unknown {what} '{key}'{suggestion(key, known)}"
                problems.append(record_problem(record, field, message, index))
    return problems


def unknown_rate_providers(records: Records) -> list[ConfigProblem]:
    """A provider's tendered rates are for an organisation in providers/: a typo would leave
    its placements compared with the arrangement's rate, unsaid."""
    known = [organisation.key for organisation in records.organisations]
    return [record_problem(record, "provider_rates", f"rates for unknown organisation "
                           f"'{key}'{suggestion(key, known)}")
            for record in records.arrangements
            for key in record.values.get("provider_rates") or {} if key not in known]


def lots_outside_arrangements(records: Records) -> list[ConfigProblem]:
    """An establishment may only list lots that one of its arrangements buys."""
    lots_of = {r.key: set(r.values["lots"]) for r in records.arrangements if "lots" in r.values}
    problems = []
    for record in records.establishments:
        keys = record.values.get("arrangements") or []
        if not keys or not all(key in lots_of for key in keys):
            continue  # an unknown or broken arrangement is reported on its own
        offered = set().union(*(lots_of[k] for k in keys))
        for index, lot in enumerate(record.values.get("lots") or []):
            if lot not in offered:
                message = f"lot '{lot}' is not a lot of its arrangements ({', '.join(keys)})"
                problems.append(record_problem(record, "lots", message, index))
    return problems


def tiers_outside_arrangements(records: Records) -> list[ConfigProblem]:
    """A tier can only be awarded by an arrangement the establishment is on."""
    problems = []
    for record in records.establishments:
        on = set(record.values.get("arrangements") or [])
        for key in record.values.get("tiers") or {}:
            if key not in on:
                problems.append(record_problem(record, "tiers", f"has a tier on '{key}', "
                                               "which is not one of its arrangements"))
    return problems


def contacts_outside_organisation(records: Records) -> list[ConfigProblem]:
    """Referrals go only to the provider's own domains: a typo must not send them elsewhere.
    An address at a public mail service is the exception: listed, it is that one mailbox,
    the only way such a home can be reached, and no other mailbox there speaks for it."""
    organisations = {r.key: r for r in records.organisations}
    problems = []
    for record in records.establishments:
        organisation = organisations[record.parent or ""]
        domains = set(organisation.values.get("domains") or [])
        own = record.values.get("contacts") or []
        if not own and not organisation.values.get("contacts"):
            message = "no contacts, and its organisation has none to fall back on"
            problems.append(record_problem(record, "contacts", message))
        for index, address in enumerate(own):
            if _outside(address, domains):
                message = (f"contact '{address}' is not at {organisation.key}'s domains "
                           f"({', '.join(sorted(domains))}): correct it if it is a typo; add "
                           f"its domain to `domains` only if the organisation owns it")
                problems.append(record_problem(record, "contacts", message, index))
    for record in records.organisations:
        domains = set(record.values.get("domains") or [])
        if not domains and not record.values.get("contacts"):
            problems.append(record_problem(record, "domains", "no domains and no contacts: "
                                           "give its own mail domain, or the addresses that "
                                           "speak for it"))
        for index, address in enumerate(record.values.get("contacts") or []):
            if _outside(address, domains):
                message = (f"contact '{address}' is not at one of its domains: correct it "
                           f"if it is a typo; add its domain to `domains` only if the "
                           f"organisation owns it")
                problems.append(record_problem(record, "contacts", message, index))
    return problems


def _outside(address: str, domains: set[str]) -> bool:
    """Whether a listed contact is at none of its organisation's domains (when it has some),
    nor at a public mail service (whose one listed mailbox is all that speaks there)."""
    domain = address.rpartition("@")[2]
    return bool(domains) and domain not in domains and not is_public_mail_domain(domain)


def _where(record: Record) -> str:
    return f"{record.file}:{record.line}"

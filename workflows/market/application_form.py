"""Checking a provider's application form, purely: every problem at once, and the home as it
would join the directory.

The form's own fields are read by the shared form checker (`check_form`, the referral's);
then what only the directory can say: the list applied to takes applications and buys the
placement types offered, the postcode's area is known, the Ofsted URN is not already a
home in the directory, the referral email is at the applicant's own domain, and that
domain is not a member council's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from broker.directory.model import GENDERS, Arrangement
from broker.directory.schema import Invalid, age_range, email, same_urn, urn
from broker.forms.referral import check_form
from broker.forms.values import outward_code
from broker.forms.words import normalise_words
from broker.referral import FieldProblem

MISSING = "no value was given, and an application needs one"

# Rule `any-means-every`: the fields a home leaves out to take every value ("Genders: leave
# out to take every gender"); "Any", "All", "Both" or "All genders" there say the same.
EVERY_CODE = frozenset({"genders"})
_EVERY = re.compile(r"\s*(?:any|all|both|either|every|no\s+preference|"
                    r"(?:any|all|every|both)\s+(?:of\s+them|genders?|sexes))\s*[.!]?\s*",
                    re.IGNORECASE)


@dataclass(frozen=True)
class CheckedApplication:
    arrangement: str  # key ("" when it could not be told)
    record: dict[str, Any]  # {"organisation": {...}, "establishment": {...}} as config writes
    problems: tuple[FieldProblem, ...]


def check_application(fields: dict[str, str], world: Any, sender: str,
                      sent_on: date) -> CheckedApplication:
    spec, directory = world.application_spec, world.directory
    fields = {key: value for key, value in fields.items()
              if not (key in EVERY_CODE and _EVERY.fullmatch(value or ""))}
    values, problems = check_form(fields, spec, message_date=sent_on, missing=MISSING)
    found: list[FieldProblem] = list(problems)
    arrangement = _arrangement(values.get("arrangement") or "", directory, spec, found)
    checks = {"lots": _lots(arrangement), "location": _location(directory),
              "urn": _urn(directory), "ages": _ages, "contacts": _contacts(sender)}
    checked: dict[str, Any] = {}
    for key, check in checks.items():
        if values.get(key) in (None, "", []) or any(p.field == key for p in found):
            continue
        try:
            checked[key] = check(values[key])
        except Invalid as error:
            found.append(_problem(spec, key, str(error)))
    if sender.rpartition("@")[2] in {d for a in directory.authorities.values()
                                     for d in a.domains}:
        found.append(_problem(spec, "organisation", "applications come from a provider's own "
                              "address, not a member council's"))
    order = {key: index for index, key in enumerate(spec.keys)}
    return CheckedApplication(
        arrangement.key if arrangement else "", _record(values, checked, arrangement, sender),
        tuple(sorted(found, key=lambda p: order.get(p.field, 0))))


def _problem(spec: Any, key: str, problem: str) -> FieldProblem:
    field = spec.field(key)
    return FieldProblem(key, field.label, problem, field.describe())


def open_lists(directory: Any) -> list[Arrangement]:
    return [a for a in directory.arrangements.values() if a.reopening is not None]


def _arrangement(text: str, directory: Any, spec: Any,
                 found: list[FieldProblem]) -> Arrangement | None:
    if not text:
        return None
    wanted = normalise_words(text)
    lists = open_lists(directory)
    for arrangement in lists:
        if wanted in (normalise_words(arrangement.name), normalise_words(arrangement.key)):
            return arrangement
    names = "; ".join(a.name for a in lists) or "none"
    found.append(_problem(spec, "arrangement", f"'{text}' is not a list that takes "
                          f"applications; the lists are: {names}"))
    return None


def _lots(arrangement: Arrangement | None) -> Any:
    def check(lots: list[str]) -> list[str]:
        if arrangement is not None:
            others = [lot for lot in lots if lot not in arrangement.lots]
            if others:
                raise Invalid(f"{arrangement.name} does not buy {', '.join(others)}; its "
                              f"placement types are {', '.join(arrangement.lots)}")
        return lots

    return check


def _location(directory: Any) -> Any:
    def check(text: str) -> str:
        try:
            code = outward_code(text)
        except ValueError as error:
            raise Invalid(str(error)) from None
        if code not in directory.places:
            raise Invalid(f"{code} is not an area the consortium's distance rule knows; "
                          "check the postcode")
        return code

    return check


def _urn(directory: Any) -> Any:
    def check(text: str) -> str:
        value = urn(text)
        same = next((e for e in directory.establishments.values() if same_urn(e.urn, value)),
                    None)
        if same is not None:
            raise Invalid(f"{value} is already in the directory as {same.name}; a home "
                          "already listed does not apply again")
        return value

    return check


def _ages(text: str) -> str:
    low, high = age_range(text)
    return f"{low}-{high}"


def _contacts(sender: str) -> Any:
    domain = sender.rpartition("@")[2]

    def check(text: str) -> list[str]:
        addresses = [email(a) for a in re.split(r"[\s,;]+", text) if a.strip()]
        elsewhere = [a for a in addresses if a.rpartition("@")[2] != domain]
        if elsewhere:
            raise Invalid(f"{', '.join(elsewhere)} is not at {domain}, the domain this "
                          "application came from; referrals go only to your own domain")
        return addresses

    return check


def _record(values: dict[str, Any], checked: dict[str, Any], arrangement: Arrangement | None,
            sender: str) -> dict[str, Any]:
    establishment = {
        "name": values.get("establishment") or "", "kind": values.get("kind"),
        "urn": checked.get("urn"), "ofsted_rating": values.get("ofsted_rating"),
        "outward_code": checked.get("location"), "lots": checked.get("lots", []),
        "needs": list(values.get("needs") or []), "ages": checked.get("ages"),
        "genders": list(values.get("genders") or GENDERS),
        "max_siblings": values.get("max_siblings") or 1,
        "capacity": values.get("places") or 0, "status": "active",
        "arrangements": [arrangement.key] if arrangement else [],
        "contacts": checked.get("contacts", [])}
    # The applicant's address speaks for the organisation, not its whole domain: a public
    # mail service's domain is anyone's, and every mailbox at it could otherwise PAUSE the
    # home or end a placement. An operator adds the domain in config/ once it is known to
    # be the provider's own.
    organisation = {"name": values.get("organisation") or "", "domains": [],
                    "contacts": [sender.lower()]}
    return {"organisation": organisation, "establishment": establishment,
            "contact_name": values.get("contact_name") or "",
            "statement": values.get("statement") or ""}

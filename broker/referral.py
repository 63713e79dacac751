"""The referral as the service understands it once its form has been read and checked.

This is the shared shape between form reading (`broker.forms`), anonymisation
(`broker.anonymise`) and eligibility (`broker.eligibility`). Field names are the JSON keys of
the referral form's JSON output, as the README gives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

IDENTIFYING_FIELDS = (
    "child_name",
    "known_as",
    "date_of_birth",
    "home_address",
    "home_postcode",
    "nhs_number",
    "case_reference",
    "school",
    "family_names",
)
FREE_TEXT_FIELDS = ("background", "strengths", "wishes", "location", "education")


@dataclass(frozen=True)
class FamilyMember:
    """One entry of `family_names`: `Name (relationship)`; relationship lower-case, may be ''."""

    name: str
    relationship: str = ""


@dataclass
class ReferralForm:
    """A referral form's values, typed. Any field may be None when the form did not give it."""

    child_name: str | None = None
    known_as: str | None = None
    date_of_birth: date | None = None
    # what a remark on the date of birth says of the age: "claimed, disputed; age assessment
    # pending" (broker/forms/age_remarks.py); fixed words, never the remark's own
    age_qualifier: str | None = None
    gender: str | None = None
    ethnicity: str | None = None
    religion: str | None = None
    language: str | None = None
    home_address: str | None = None
    home_postcode: str | None = None
    nhs_number: str | None = None
    case_reference: str | None = None
    school: str | None = None
    family_names: list[FamilyMember] = field(default_factory=list)
    placement_type: str | None = None
    urgency: str | None = None
    needed_from: date | None = None
    # the day the place is needed by at the latest, written beside the start ("ideally
    # 14/12/2026, no later than 18/12/2026"): a start after needed_from but by this day is
    # in time (workflows/needed.py); None when the form gives no deadline
    no_later_than: date | None = None
    duration: str | None = None
    siblings: int = 1
    needs: list[str] = field(default_factory=list)
    location: str | None = None
    education: str | None = None
    legal_status: str | None = None
    background: str | None = None
    strengths: str | None = None
    wishes: str | None = None
    budget_weekly: Decimal | None = None


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one field, phrased for the social worker who must fix it."""

    field: str  # JSON key, e.g. "date_of_birth"
    label: str  # the form's label, e.g. "Date of birth"
    problem: str  # what is wrong, e.g. "'31/02/2012' is not a real date"
    example: str  # what a valid value looks like, e.g. "a UK date such as 14/03/2012"


def age_on(born: date, on: date) -> int:
    """Whole years of age on a day (a 29 February birthday ages on 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

"""Who may use the placements console, and what each person may see. Pure.

Staff are registered in the configuration, never in the console itself:

- placements officers: an authority's `placements_team` address and its named
  `placements_officers` (config/authorities.yaml); they act on their authority's referrals;
- commissioners: an authority's `commissioners`; they see their authority's referrals and
  figures (what they may do to a referral is the permissions table's answer, as by email);
- operators: the consortium's own staff (`operators` in config/staff.yaml); they see every
  member authority's referrals and the consortium's figures.

Each person sees only their own authority's referrals; operators see them all. The words
staff write about a child later (the parents' and child's views, a commissioner's question or
reason) are shown as written only to the child's own council's staff (`reads_as_written`):
an operator reads them anonymised, as the audit pack gives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from broker.directory.operators import StaffConfigError, read_operators

__all__ = ["StaffConfigError", "StaffMember", "StaffRegistry", "read_operators"]
OFFICER, COMMISSIONER, OPERATOR = "placements-officer", "commissioner", "operator"
ROLE_WORDS = {OFFICER: "Placements officer", COMMISSIONER: "Commissioner",
              OPERATOR: "Consortium operator"}


@dataclass(frozen=True)
class StaffMember:
    address: str
    role: str
    authority: str = ""  # the authority's key; "" for an operator
    authority_name: str = ""

    @property
    def is_operator(self) -> bool:
        return self.role == OPERATOR

    @property
    def role_words(self) -> str:
        return ROLE_WORDS[self.role]

    def sees(self, authority: str) -> bool:
        """Whether this person may see a referral (or figures) of `authority`."""
        return self.is_operator or authority == self.authority

    def reads_as_written(self, authority: str) -> bool:
        """Rule: whether this person may read the words staff wrote later about a child of
        `authority` as written: only that council's own staff. An operator, the consortium's
        staff and not the council's, reads them anonymised (channels/web/console/shareable.py)."""
        return not self.is_operator and authority == self.authority

    def scope(self, directory: Any) -> list[str]:
        """The authority keys this person sees."""
        return list(directory.authorities) if self.is_operator else [self.authority]


@dataclass(frozen=True)
class StaffRegistry:
    """Every registered staff address, from the directory and config/staff.yaml."""

    directory: Any
    operators: tuple[str, ...] = ()

    def find(self, address: str) -> StaffMember | None:
        """The staff member with this address, or None. Operator first, then placements
        officer, then commissioner (someone registered twice gets the wider role)."""
        address = address.strip().lower()
        if not address or "@" not in address:
            return None
        if address in self.operators:
            return StaffMember(address, OPERATOR)
        for role in (OFFICER, COMMISSIONER):
            for authority in self.directory.authorities.values():
                if address in _addresses(authority, role):
                    return StaffMember(address, role, authority.key, authority.name)
        return None


def _addresses(authority: Any, role: str) -> set[str]:
    if role == OFFICER:
        return {authority.placements_team.lower(),
                *(a.lower() for a in getattr(authority, "placements_officers", ()))}
    return {a.lower() for a in authority.commissioners}

"""How the service names a person in its words: by the name given, else as the address
spells it (`maya.osei@…` is Maya Osei), with the part they play for the referral's authority
when they are its placements team. Pure."""

from __future__ import annotations

from typing import Any


def name_from_address(address: str) -> str:
    """`sam.taylor@northby.gov.example` → `Sam Taylor`; an address with no name part as it is."""
    local_part = address.split("@")[0]
    return " ".join(part.capitalize() for part in local_part.replace("_", ".").split(".")
                    if part) or address


def who_acted(actor: Any, authority: Any) -> str:
    """`Maya Osei of the placements team`, `Alex Morgan`: the person behind an action, for an
    email to someone else about it."""
    address = (actor.address or "").lower()
    name = actor.name or name_from_address(address) if address else actor.name or "the service"
    team = {authority.placements_team.lower(),
            *(a.lower() for a in authority.placements_officers)} if authority else set()
    if authority is not None and address == authority.placements_team.lower():
        return f"{authority.name}'s placements team"
    return f"{name} of the placements team" if address in team else name

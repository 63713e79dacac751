"""What goes into an Individual Placement Agreement: the parties, the child, the home and
its URN, the start date, the agreed weekly fee and what it covers.

This is the one document that carries the child's identifying details to a provider, and
it goes only to the chosen provider and the authority (workflows/agreement.py).
"""

from __future__ import annotations

from typing import Any

from broker.db.tables import Referral
from broker.forms.referral import check_referral
from workflows.parts import EngineParts


def ipa_context(parts: EngineParts, referral: Referral, establishment_key: str) -> dict[str, Any]:
    directory = parts.directory
    establishment = directory.establishment(establishment_key)
    organisation = directory.organisation(establishment.organisation) if establishment else None
    authority = directory.authority(referral.authority)
    form, _ = check_referral(referral.raw_fields, parts.referral_spec,
                             message_date=referral.created_at.date())
    return {
        "reference": referral.reference,
        "authority": authority.name if authority else referral.authority,
        "authority_contact": authority.placements_team if authority else "",
        "social_worker": referral.referrer,
        "provider": organisation.name if organisation else "",
        "home": establishment.name if establishment else establishment_key,
        "urn": (establishment.urn if establishment else "") or "not registered",
        "home_location": establishment.outward_code if establishment else "",
        "child_name": form.child_name or "", "known_as": form.known_as or "",
        "date_of_birth": form.date_of_birth.isoformat() if form.date_of_birth else "",
        "nhs_number": form.nhs_number or "", "case_reference": form.case_reference or "",
        "legal_status": form.legal_status or "", "placement_type": form.placement_type or "",
        # The provider's latest offer overrides these three (workflows/agreement.py).
        "start_date": form.needed_from.isoformat() if form.needed_from else "",
        "covers": "the placement as described in the provider's response",
        "additional_costs": "none agreed",
        "issued_on": parts.today().isoformat(),
    }


"""The broadcast profile: what a provider needs to decide, with nothing that identifies.

Age in whole years instead of the date of birth (with whether it is claimed, disputed or
estimated), the outward code instead of the postcode.
The weekly budget is never part of it (it is never broadcast).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from broker.anonymise.postcodes import outward_code
from broker.anonymise.terms import given
from broker.referral import ReferralForm
from broker.referral import age_on as whole_years

Scrub = Callable[[str | None], str | None]


def age_on(born: date | None, today: date) -> int | None:
    """Whole years on `today`; None without a date of birth or for one still to come
    (a pre-birth referral)."""
    return None if born is None or born > today else whole_years(born, today)


def build_profile(
    form: ReferralForm, *, authority: str | None, today: date, scrub: Scrub
) -> dict[str, object]:
    """The profile in the key order `broker anonymise --json` prints. Ethnicity, religion and
    language are scrubbed too: a name typed into the wrong box must not slip through. An age
    the form says is claimed, disputed or estimated has its qualifier as `age_note` (fixed
    words: "claimed, disputed; age assessment pending"), only then."""
    age = age_on(form.date_of_birth, today)
    return {
        "authority": authority,
        "age": age,
        **({"age_note": form.age_qualifier} if form.age_qualifier and age is not None else {}),
        "gender": form.gender,
        "area": outward_code(given(form.home_postcode)),
        "placement_type": form.placement_type,
        "urgency": form.urgency,
        "needed_from": form.needed_from.isoformat() if form.needed_from else None,
        # only when the form gives one, as age_note: "no later than 18/12/2026"
        **({"no_later_than": form.no_later_than.isoformat()} if form.no_later_than else {}),
        "duration": form.duration,
        "siblings": form.siblings,
        "needs": list(form.needs),
        "legal_status": form.legal_status,
        "ethnicity": scrub(form.ethnicity),
        "religion": scrub(form.religion),
        "language": scrub(form.language),
    }

"""A placement type the law does not allow for the child's age, asked about before it goes.

In England supported accommodation (the `semi-independent` lot: 16+ flats, supported
lodgings) may not be used for a looked-after child under 16 (since October 2023). A
referral asking for it for a 15-year-old, "will be 16 in March", matched no provider and
told the social worker her placements team would look wider: a search that could only end
in an unlawful placement. Rule `supported-accommodation-under-16-asked`: such a referral is
asked about, with the reason and the child's age on the day the place is needed; a child
who is 16 by then is not (a move planned for after the birthday is lawful). Pure.
"""

from __future__ import annotations

from datetime import date

from broker.forms.spec import FormSpec
from broker.referral import FieldProblem, ReferralForm, age_on

__all__ = ["unlawful_for_the_age"]

_SUPPORTED = "semi-independent"
_YOUNGEST = 16


def unlawful_for_the_age(form: ReferralForm, spec: FormSpec, on: date) -> FieldProblem | None:
    """The problem with a referral for supported accommodation for a child under 16 on the
    day the place is needed (`on`, the message's day, when the form gives none); None when
    the type is lawful for the child's age, or the age or type was not read."""
    if form.placement_type != _SUPPORTED or form.date_of_birth is None:
        return None
    day = form.needed_from or on
    age = age_on(form.date_of_birth, day)
    if age >= _YOUNGEST:
        return None
    field = spec.field("placement_type")
    return FieldProblem(
        field.key,
        field.label,
        f"supported accommodation (16+) may not be used in England for a child under 16, and "
        f"the child is {age} on {day.day} {day:%B %Y}, the day the place is needed; please give "
        "the placement type the child needs now (a children's home or foster care), or, if the "
        "move is planned for after the 16th birthday, a later 'Needed from'",
        field.describe(),
    )

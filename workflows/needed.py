"""When the place is needed: one rule for every email and message that speaks of it.

The referral's "Needed from" day may already have passed when it goes out (an urgent child,
a form written days before): providers are then told the place is needed now ("needed now
(asked from …)"), and every later start is measured against today, not against the day
asked for. Measured against a day already past, every home would start "later than needed",
the one that can start today too.

    needed_from(profile)                    the day asked for, or None
    needed_now(profile, today)              that day has passed: the place is needed now
    needed_by(profile, today)               the day a start is measured against: the day
                                            asked for, or today once it has passed
    no_later_than(profile)                  the referral's deadline beside its start ("ideally
                                            14/12/2026, no later than 18/12/2026"), or None
    latest_start(profile, today)            the last day a start is in time: that deadline
                                            (or today, once it has passed), else `needed_by`
    later_than_needed(start, profile, today)  a start after `latest_start`: the comparison,
                                            the approval request and a late or changed
                                            answer all flag it "later than needed"; a start
                                            after the ideal day but by the deadline is not
                                            late (`by_the_deadline` words it)
    earlier_than_needed(start, profile, today)  a start before the day asked for, while
                                            that day is still to come: the comparison flags
                                            it "earlier than needed" (fees from a day the
                                            child is not to move in yet, or a date misread)
    long_past(day, urgency, on)             rule `needed-from-long-past`: a day more than
                                            `LONG_PAST` (14 days) before the referral's
                                            email, on a referral that is not an emergency,
                                            is most likely left from an older form pasted
                                            in; intake asks before sending, never "needed
                                            now" (an emergency's past day is needed now),
                                            and so does a correction to a sent referral
                                            that gives such a day: nothing goes to providers
    with_long_past(form, problems, spec, on)  the problems, with that question among them
    emergency(urgency)                      the place is needed tonight: an emergency's
                                            approval is flagged, its channel notified and its
                                            approvers reminded sooner, and a home's questions
                                            go to the referrer as well as the team
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from broker.forms.spec import FormSpec
from broker.referral import FieldProblem, ReferralForm

# Rule `needed-from-long-past`: how far before the email a non-emergency's day may be and
# still be read as "needed now" (a form written a few days before it was sent).
LONG_PAST = timedelta(days=14)


def emergency(urgency: str | None) -> bool:
    """Whether a referral's urgency (its record's, or its profile's) is `emergency`."""
    return (urgency or "").strip().lower() == "emergency"


def long_past(day: date | None, urgency: str | None, on: date) -> bool:
    """Whether a referral's needed-from `day` is more than `LONG_PAST` before the day its
    email was sent (`on`) while its urgency is not `emergency`: most likely a stale paste
    ("Needed from: 01/09/2026" in December, urgency "Urgent"), to be asked about."""
    return day is not None and urgency != "emergency" and day < on - LONG_PAST


def needed_from(profile: Mapping[str, Any]) -> date | None:
    """The day the referral asked for the place from (its anonymised profile's), or None."""
    needed = profile.get("needed_from")
    if not needed:
        return None
    try:
        return date.fromisoformat(str(needed))
    except ValueError:
        return None


def needed_now(profile: Mapping[str, Any], today: date) -> bool:
    """Whether the day asked for has already passed (`today` in UK time)."""
    day = needed_from(profile)
    return day is not None and day < today


def needed_by(profile: Mapping[str, Any], today: date) -> date | None:
    """The day a home's start is measured against: the day asked for, or today once that
    day has passed."""
    day = needed_from(profile)
    return None if day is None else max(day, today)


def no_later_than(profile: Mapping[str, Any]) -> date | None:
    """The deadline the referral gave beside its needed-from day, or None."""
    try:
        return date.fromisoformat(str(profile["no_later_than"])) \
            if profile.get("no_later_than") else None
    except ValueError:
        return None


def latest_start(profile: Mapping[str, Any], today: date) -> date | None:
    """The last day a home's start is in time: the referral's deadline ("no later than
    18/12/2026"), or today once it has passed; without one, `needed_by`."""
    deadline = no_later_than(profile)
    return max(deadline, today) if deadline is not None else needed_by(profile, today)


def by_the_deadline(start: date | str | None, profile: Mapping[str, Any], today: date) -> str:
    """The words for a start after the day asked for but by the deadline: "after the ideal
    14th, before the 18 December deadline" ("by the … deadline" on the day itself); "" for any
    other start."""
    deadline, by = no_later_than(profile), needed_by(profile, today)
    if deadline is None or by is None or not start:
        return ""
    try:
        day = start if isinstance(start, date) else date.fromisoformat(str(start))
    except ValueError:
        return ""
    if not by < day <= deadline:
        return ""
    ideal = "today" if needed_now(profile, today) else f"the ideal {_ordinal(by.day)}"
    return (f"after {ideal}, {'by' if day == deadline else 'before'} the "
            f"{deadline.day} {deadline:%B} deadline")


def _ordinal(day: int) -> str:
    """`14th`, `1st`, `22nd`."""
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def later_than_needed(start: date | str | None, profile: Mapping[str, Any],
                      today: date) -> bool:
    """Whether a home's start (a date, or ISO text as stored) is after the last day it is in
    time (`latest_start`: the deadline when the referral gives one)."""
    by = latest_start(profile, today)
    if by is None or not start:
        return False
    try:
        day = start if isinstance(start, date) else date.fromisoformat(str(start))
    except ValueError:
        return False
    return day > by


def earlier_than_needed(start: date | str | None, profile: Mapping[str, Any],
                        today: date) -> bool:
    """Whether a home's start (a date, or ISO text as stored) is before the day the place is
    needed from, while that day is still to come (once it has passed the place is needed
    now, and no start is too early)."""
    asked = needed_from(profile)
    if asked is None or asked <= today or not start:
        return False
    try:
        day = start if isinstance(start, date) else date.fromisoformat(str(start))
    except ValueError:
        return False
    return day < asked


def with_long_past(form: ReferralForm, problems: list[FieldProblem], spec: FormSpec,
                    on: date) -> list[FieldProblem]:
    """Rule `needed-from-long-past` (workflows/needed.py): a needed-from day more than two
    weeks before the email on a referral that is not an emergency is asked about with the
    other problems, never sent as "needed now": a form pasted from an old referral keeps
    the old child's day ("Needed from: 01/09/2026" in December). Intake and a correction
    to a sent referral (workflows/correction.py) both ask it."""
    day = form.needed_from
    if "needed_from" not in spec.keys or not isinstance(day, date) or not long_past(
            day, form.urgency, on) or any(p.field == "needed_from" for p in problems):
        return problems
    field = spec.field("needed_from")
    asked = FieldProblem(
        "needed_from", field.label,
        f"'{day:%A %-d %B %Y}' is {(on - day).days} days before this email, and the "
        "referral is not an emergency, so it may have been left from an older form; please "
        "give the day the place is needed from (\"today\" if it is needed now, or change "
        "the urgency to emergency)", f'a UK date such as {on:%d/%m/%Y}, or "today"')
    order = {key: index for index, key in enumerate(spec.keys)}
    return sorted([*problems, asked], key=lambda problem: order.get(problem.field, len(order)))

"""Turning a referral form into the anonymised referral every eligible provider receives.

Pure: no clock (today is passed in), no I/O, no logging of any value. `warnings` flags
details that together could identify the child (broker/anonymise/reidentify.py): they are
for the social worker's acknowledgement, never for providers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from broker.anonymise.home_town import scrubbed_keeping, towns_asked_for
from broker.anonymise.labels import KIND_ORDER
from broker.anonymise.profile import build_profile
from broker.anonymise.reidentify import reidentification_warnings
from broker.anonymise.scrubber import Scrubber
from broker.referral import FREE_TEXT_FIELDS, ReferralForm

_PROFILE_TEXT_FIELDS = ("ethnicity", "religion", "language")


@dataclass
class AnonymisedReferral:
    """The profile, the scrubbed free text, and how many values of each kind were removed."""

    profile: dict[str, Any]
    text: dict[str, str | None]
    redactions: dict[str, int] = field(default_factory=dict)
    warnings: list[dict[str, Any]] = field(default_factory=list)  # for the social worker only

    def to_json(self) -> dict[str, Any]:
        """`{"profile": …, "text": …, "redactions": …}`, as `broker anonymise --json` prints,
        with `"warnings": […]` when details together could identify the child."""
        document: dict[str, Any] = {
            "profile": dict(self.profile),
            "text": dict(self.text),
            "redactions": dict(self.redactions),
        }
        if self.warnings:
            document["warnings"] = [dict(warning) for warning in self.warnings]
        return document


def anonymise_texts(form: ReferralForm, texts: Sequence[str]) -> list[str]:
    """Other words written about the referral later (a shortlist's parents' and child's
    views, a reason typed with an instruction), anonymised as the form's own free text is:
    its identifying values, the names the texts introduce, and anything shaped like an
    identifier removed. For what is shared beyond the council's placements team (a Slack
    channel several councils share, an audit pack handed to an inspector)."""
    fields = FREE_TEXT_FIELDS + _PROFILE_TEXT_FIELDS
    own = [value for name in fields if (value := getattr(form, name))]
    scrubber = Scrubber(form, [*own, *texts])
    return [scrubber.scrub(text) or "" for text in texts]


def their_people(form: ReferralForm, blank: Callable[[str], str]) -> Callable[[str], bool]:
    """Whether a text names one of the people the form and its own free text name (the
    child, her family, anyone its background or wishes speak of), as the provider copy
    removes them: any of its words is a word of such a name. `blank` is applied to each
    free text first, to leave out names known to be someone else's (a professional's)."""
    fields = FREE_TEXT_FIELDS + _PROFILE_TEXT_FIELDS
    own = [blank(value) for name in fields if (value := getattr(form, name))]
    return Scrubber(form, own).names_someone


def anonymise(form: ReferralForm, *, authority: str | None, today: date) -> AnonymisedReferral:
    """The anonymised referral of `form`, with the child's age as of `today`."""
    fields = FREE_TEXT_FIELDS + _PROFILE_TEXT_FIELDS
    texts = [value for name in fields if (value := getattr(form, name))]
    scrubber = Scrubber(form, texts)
    # the home town the location requirement names stays there: it is the area asked for
    # ("Within 20 miles of Dartford"), while the street and the postcode still go; not a
    # town that is also someone's name
    towns = [line for line in towns_asked_for(form) if not scrubber.names_someone(line)]
    text = {
        name: scrubbed_keeping(scrubber.scrub, form.location, towns)
        if name == "location"
        else scrubber.scrub(getattr(form, name))
        for name in FREE_TEXT_FIELDS
    }
    profile = build_profile(form, authority=authority, today=today, scrub=scrubber.scrub)
    counts = scrubber.redactions
    redactions = {kind: counts[kind] for kind in KIND_ORDER if counts[kind]}
    warnings = reidentification_warnings(text)
    return AnonymisedReferral(profile=profile, text=text, redactions=redactions, warnings=warnings)

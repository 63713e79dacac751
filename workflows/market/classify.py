"""Which market event a message to providers@ is, decided from what it says and the facts
the mailroom found (workflows/market/mailroom.py); pure, as workflows/classify.py is, which
hands it every message to providers@ (after the automatic-mail and `ENDED REF-…` checks).

    APPROVE / REJECT APP-…                       → ApplicationDecided
    VACANCIES / PAUSE / RESUME lines at the top  → NoticeGiven
    on an application's thread                   → ApplicationReceived (a correction)
    an application form                          → ApplicationReceived (a new application)
    a vacancy return form                        → NoticeGiven
    anything else                                → providers-help (how to use providers@)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from workflows.events import Actor, Event, FormMessage
from workflows.market.events import ApplicationDecided, ApplicationReceived, Notice, NoticeGiven
from workflows.market.instructions import read_notices, read_verdict

# Fields only an application has: a vacancy return shares the home's name and a number.
APPLICATION_ONLY = frozenset({"arrangement", "organisation", "kind", "urn", "ofsted_rating",
                              "lots", "needs", "ages", "contacts"})


@dataclass(frozen=True)
class ProviderFacts:
    """What the mailroom found out about a message to providers@."""

    thread_application: int | None = None  # the application its thread or subject names
    answering: str = ""  # the establishment of our email it replies to
    vacancy_fields: Mapping[str, str] = field(default_factory=dict)
    from_a_council: bool = False  # a member authority's address: a referral sent here by mistake


def classify_provider_mail(message: Any, facts: ProviderFacts | None, form: FormMessage,
                           actor: Actor, key: str) -> tuple[Event | None, str]:
    """The event, or why the message cannot be used (then it is answered with how to)."""
    facts = facts or ProviderFacts()
    verdict = read_verdict(message.body_text)
    if verdict is not None:
        reference, decision, reason = verdict
        return ApplicationDecided(actor=actor, key=key, reference=reference, decision=decision,
                                  reason=reason), ""
    notices = read_notices(message.body_text)
    if notices:
        return NoticeGiven(actor=actor, key=key, notices=notices, answering=facts.answering,
                           form=form), ""
    if facts.thread_application is not None:
        return ApplicationReceived(actor=actor, key=key, form=form,
                                   application_id=facts.thread_application), ""
    if facts.from_a_council:  # applications come from providers; a council's is a referral
        return None, "council-at-providers"
    if APPLICATION_ONLY & set(message.fields):
        return ApplicationReceived(actor=actor, key=key, form=form), ""
    vacancies = facts.vacancy_fields.get("vacancies", "")
    if vacancies:
        number = re.match(r"\s*(\d{1,3})\b", vacancies)
        notice = Notice("vacancies", int(number.group(1)) if number else None,
                        facts.vacancy_fields.get("establishment", ""))
        return NoticeGiven(actor=actor, key=key, notices=(notice,), answering=facts.answering,
                           form=form), ""
    if message.fields:
        return ApplicationReceived(actor=actor, key=key, form=form), ""
    return None, "providers-help"

"""Factories for the market's pure tests: a `MarketWorld` on the sample consortium, a list
window, and an application in any state (Newleaf House applying to the Northern
Residential Approved List while it is open)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from broker.directory import load_directory
from broker.forms.extract import fields_from_text
from broker.forms.market_forms import load_application_spec
from tests.factories import CONFIG
from workflows.events import Actor, FormMessage
from workflows.market.application_form import check_application
from workflows.market.snapshot import (
    ApplicationRecord,
    ApplicationSnapshot,
    MarketWorld,
    WindowRecord,
)
from workflows.market.states import AppState, WindowState

NOW = datetime(2027, 7, 10, 9, tzinfo=UTC)
OPENS = datetime(2027, 7, 1, 8, tzinfo=UTC)
DIRECTORY = load_directory(CONFIG)
APPLICATION_SPEC = load_application_spec(CONFIG)
LIST = "northern-residential-list"
APPLICANT = "jo.kemp@newleafcare.example"
HANNAH, SALTMARSH = "hannah.lees@brackenridge.gov.example", "commissioning@saltmarsh.gov.example"
FORM = """Applying to: Northern Residential Approved List
Organisation: Newleaf Care Ltd
Home: Newleaf House
Type of service: Children's home
Ofsted URN: SC712345
Ofsted rating: Good
Postcode: LS6 2AB
Placement types: Residential
Needs met: SEMH, CSE risk, missing episodes
Ages: 12-17
Places free: 2
Referral email: newleaf.house@newleafcare.example
"""


def world(**changes: Any) -> MarketWorld:
    base = MarketWorld(now=NOW, today=NOW.date(), directory=DIRECTORY,
                       application_spec=APPLICATION_SPEC,
                       describe_date=lambda d: f"{d.day} {d.strftime('%B')}",
                       providers_address="providers@broker.localhost",
                       vacancy_return="0 9 * * 1")
    return replace(base, **changes)


def window(state: WindowState = WindowState.OPEN, *, opens: datetime = OPENS,
           arrangement: str = LIST, window_id: int = 1) -> WindowRecord:
    closes = opens + timedelta(days=30)
    return WindowRecord(window_id, arrangement, state, opens - timedelta(days=30), opens,
                        closes, (closes - timedelta(days=7), closes - timedelta(days=1)))


def form_message(text: str = FORM, sender: str = APPLICANT,
                 message_id: str = "<a1@newleafcare.example>") -> FormMessage:
    return FormMessage(sender, "Application", message_id,
                       dict(fields_from_text(text, APPLICATION_SPEC).values),
                       sent_on=NOW.date(), text=text)


def application(state: AppState = AppState.AWAITING_APPROVAL, **changes: Any
                ) -> ApplicationSnapshot:
    """The application in `state`: complete from awaiting-approval on, read from FORM."""
    fields = dict(fields_from_text(FORM, APPLICATION_SPEC).values)
    checked = check_application(fields, world(), APPLICANT, NOW.date())
    complete = state not in (AppState.NEW, AppState.INCOMPLETE)
    record = ApplicationRecord(
        id=7, reference="APP-2027-000007", state=state, applicant=APPLICANT,
        created_at=NOW - timedelta(hours=1), arrangement=LIST if complete else "",
        raw_fields=fields if complete else {}, record=checked.record if complete else {})
    base = ApplicationSnapshot(record, world(), (window(),))
    return replace(base, **changes)


def actor(address: str = APPLICANT, channel: str = "email") -> Actor:
    return Actor(address, address.split("@")[0].replace(".", " ").title(), channel)

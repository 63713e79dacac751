"""Factories for the lifecycle's pure tests: a `World` on the sample consortium, and a
referral's `Snapshot` in any state, with its options, recipients and shortlist rounds.

The referral is Northby's sample one (Sam Taylor's), closed with three options: A Kestrel
House (offer), B Larch House (offer), C Harbour House (interested).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from broker.directory import load_directory
from broker.forms.spec import load_referral_spec, load_response_spec
from tests.factories import CONFIG
from workflows.events import Actor
from workflows.snapshot import (
    Recipient,
    ReferralRecord,
    ResponseRecord,
    RoundRecord,
    Snapshot,
    WaveRecord,
    World,
)
from workflows.states import State
from workflows.window import chase_times

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
DIRECTORY = load_directory(CONFIG)
REFERRAL_SPEC = load_referral_spec(CONFIG)
RESPONSE_SPEC = load_response_spec(CONFIG)
SW = "sam.taylor@northby.gov.example"
TEAM = "placements@northby.gov.example"
ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"
COLLEAGUE = "jordan.okafor@northby.gov.example"
BUDGET = "olivia.price@northby.gov.example"
KESTREL, LARCH = "referrals@kestrelhomes.example", "larch.house@larchcare.example"
WINDOWS = {"emergency": timedelta(hours=2), "urgent": timedelta(hours=24)}
PROFILE = {"authority": "Northby Council", "age": 14, "gender": "female", "area": "SE15",
           "placement_type": "residential", "urgency": "urgent", "needed_from": "2026-12-01",
           "siblings": 1, "needs": ["semh", "cse", "missing"]}
OPTIONS = (
    {"label": "A", "establishment": "kestrel-house", "home": "Kestrel House",
     "decision": "offer", "weekly_fee": "4900.00", "ofsted_rating": "outstanding",
     "distance_band": "under 10 km"},
    {"label": "B", "establishment": "larch-house", "home": "Larch House",
     "decision": "offer", "weekly_fee": "4250.00", "ofsted_rating": "good",
     "distance_band": "under 10 km"},
    {"label": "C", "establishment": "harbour-house", "home": "Harbour House",
     "decision": "interested", "weekly_fee": None, "ofsted_rating": "good",
     "distance_band": "10-25 km"},
)
CONTACTS = {"kestrel-house": KESTREL, "larch-house": LARCH,
            "harbour-house": "referrals@harbourlightscare.example"}
VIEWS = {"parents": "Mum wants somewhere close.", "child": "", "child_reason": "too unwell"}


def world(**changes: Any) -> World:
    base = World(
        now=NOW, today=NOW.date(), directory=DIRECTORY, referral_spec=REFERRAL_SPEC,
        response_spec=RESPONSE_SPEC,
        window_for=lambda urgency: WINDOWS.get(urgency, timedelta(days=5)),
        chase_times=lambda start, end, hours=None: chase_times(["50%", "1h"], start, end, hours),
        reply_address=lambda rid, est: f"r+{rid}.{est}@broker.localhost",
        link=lambda purpose, rid, subject, expires: f"https://broker/{purpose}/{rid}/{subject}",
        sign=lambda text: f"sig{len(text)}",
        describe_date=lambda d: f"{d.day} {d.strftime('%B')}")
    return replace(base, **changes)


def wave(number: int = 1, *, opened: datetime = NOW - timedelta(hours=24),
         window: timedelta = timedelta(hours=24), closed: bool = False,
         **changes: Any) -> WaveRecord:
    made = WaveRecord(number, "All eligible providers", ("tier-1",), window, opened,
                      opened + window, opened + window if closed else None, providers=3,
                      opened_because="first-wave", outcome="no-acceptable-offer" if closed
                      else "")
    return replace(made, **changes)


def recipients(wave_of: dict[str, int] | None = None) -> dict[str, Recipient]:
    return {key: Recipient(key, next(o["home"] for o in OPTIONS if o["establishment"] == key),
                           contact, "south-london-residential", (wave_of or {}).get(key, 1))
            for key, contact in CONTACTS.items()}


def shortlist_round(number: int = 1, labels: tuple[str, ...] = ("A", "B"),
                    outcome: str = "pending") -> RoundRecord:
    keys = tuple(o["establishment"] for o in OPTIONS if o["label"] in labels)
    return RoundRecord(number, labels, keys, VIEWS, SW, NOW - timedelta(hours=1),
                       NOW + timedelta(hours=47), outcome)


def snapshot(state: State = State.CLOSED, **changes: Any) -> Snapshot:
    """The sample referral in `state`, with what a referral in that state has."""
    before_broadcast = state in (State.NEW, State.INCOMPLETE, State.HELD)
    after_close = not before_broadcast and state not in (State.OPEN, State.UNMATCHED)
    placing = state in (State.AWAITING_APPROVAL, State.APPROVED, State.NEGOTIATING,
                        State.PLACED, State.ENDED)
    referral = ReferralRecord(
        id=1, reference="REF-2026-000001", state=state, authority="northby", referrer=SW,
        raw_fields={"child_name": "Casey Marie Hollin", "date_of_birth": "14/03/2012",
                    "placement_type": "residential", "budget_weekly": "£5,000"},
        anonymised={"profile": PROFILE, "text": {}}, urgency="urgent",
        created_at=NOW - timedelta(days=2),
        comparison=OPTIONS if after_close else (),
        chosen="kestrel-house" if state in (State.NEGOTIATING, State.PLACED, State.ENDED)
        else "", held_for="review-by-referrer" if state == State.HELD else "")
    base = Snapshot(
        referral=referral, world=world(),
        waves=(wave(closed=after_close),) if state not in (State.NEW, State.HELD) else (),
        recipients=recipients() if not before_broadcast else {},
        responses={"kestrel-house": ResponseRecord("kestrel-house", "offer", {}, {
            "weekly_fee": 4800, "service_name": "Kestrel House"})} if after_close else {},
        rounds=(shortlist_round(outcome="pending" if state == State.AWAITING_APPROVAL
                                else "approved"),) if placing else (),
        fee_rounds=((1, "provider", "4800.00"),) if state == State.NEGOTIATING else ())
    return replace(base, **changes)


def actor(address: str = SW, channel: str = "email") -> Actor:
    return Actor(address, address.split("@")[0].replace(".", " ").title(), channel)


def on(day: int) -> date:
    return date(2026, 12, day)

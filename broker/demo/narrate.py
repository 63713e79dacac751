"""Narrating a referral from the database as it happens.

The service records everything: `referral_event` rows (the timeline), `response` rows (what
it read from each reply), `outbox` rows (every email it sends), `papers_access` (every
opening of a papers link) and `capacity_change`. `Narrator.poll` reads the rows that are new
since the last poll, in the order they were written, and tells each one on the timeline,
collecting the facts the demo's summary and its exit status need. What happens after the
comparison is told by `broker.demo.narrate_placement`.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from broker.db.tables import (
    CapacityChange,
    DeadLetter,
    Outbox,
    PapersAccess,
    Referral,
    ReferralEvent,
    Response,
)
from broker.demo.narrate_placement import (
    PlacementFacts,
    PlacementStory,
    money,
    plain_text,
    subject_about,
)
from broker.demo.timeline import Timeline
from channels.web.console.words import EVENT_NAMES, code_words, describe_event, need_words

LABEL = re.compile(r"^([A-Z]{1,2})\. ", re.MULTILINE)
QUIET_OUTBOX = ("provider/referral", "provider/chaser", "provider/response_ack")


@dataclass
class Facts:
    """What has happened so far, for the summary and for knowing when the demo is done."""

    reference: str = ""
    state: str = ""
    providers: int = 0
    decisions: dict[str, int] = field(default_factory=dict)
    chasers: list[int] = field(default_factory=list)
    detail_completed: bool = False
    comparison_labels: list[str] = field(default_factory=list)
    comparison_sent: bool = False
    late_responses: int = 0
    late_forwarded: int = 0
    service_errors: int = 0
    placement: PlacementFacts = field(default_factory=PlacementFacts)


class Narrator:
    def __init__(self, sessions: Any, directory: Any, response_spec: Any, referrer: str,
                 timeline: Timeline) -> None:
        self.sessions = sessions
        self.directory = directory
        self.spec = response_spec
        self.referrer = referrer
        self.timeline = timeline
        self.story = PlacementStory(timeline, directory)
        self.facts = Facts(placement=self.story.facts)
        self._seen = {"event": 0, "response": 0, "outbox": 0, "dead": 0, "access": 0,
                      "capacity": 0}
        self._lock = asyncio.Lock()
        self._errors_told: set[tuple[str, int, str]] = set()
        self._incomplete: set[str] = set()
        self._profile: dict[str, Any] = {}
        self._name_of_sender: dict[str, str] = {}

    async def poll(self) -> None:
        """Tell every row written since the last poll, oldest first (once each, whoever
        asks: the watch loop and the people acting after the comparison both do)."""
        async with self._lock:
            await self._poll()

    async def _poll(self) -> None:
        async with self.sessions() as session:
            items = await self._new_rows(session)
            # After the rows, for the same reason as _new_rows reads its tables backwards:
            # a decision committed in between is then seen in the referral, never told by
            # its event before the referral shows it (as "a new referral", age None).
            referral = (await session.execute(select(Referral).order_by(Referral.id))
                        ).scalars().first()
        if referral is not None:
            self.facts.reference = referral.reference or ""
            self.facts.state = referral.state
            self._profile = referral.anonymised.get("profile", {})
        for _at, _rank, _id, row in sorted(items, key=lambda item: item[:3]):
            self._tell(row)

    async def _new_rows(self, session: Any) -> list[tuple[datetime, int, int, Any]]:
        """New rows with (time, rank, id) to tell them in order. The tables are read in
        reverse rank: SQLite gives each SELECT its own snapshot, so a transaction committed
        between two reads is seen from its events on, never as emails without their event."""
        items: list[tuple[datetime, int, int, Any]] = []
        tables = (("event", ReferralEvent, ReferralEvent.at),
                  ("response", Response, Response.received_at),
                  ("outbox", Outbox, Outbox.created_at),
                  ("dead", DeadLetter, DeadLetter.at),
                  ("access", PapersAccess, PapersAccess.at),
                  ("capacity", CapacityChange, CapacityChange.at))
        for rank, (name, table, stamp) in reversed(list(enumerate(tables))):
            rows = (await session.execute(select(table).where(table.id > self._seen[name])
                                          .order_by(table.id))).scalars().all()
            for row in rows:
                self._seen[name] = max(self._seen[name], row.id)
                items.append((getattr(row, stamp.key), rank, row.id, row))
        return items

    def _tell(self, row: Any) -> None:
        if isinstance(row, ReferralEvent):
            self._tell_event(row.kind, row.data)
        elif isinstance(row, Response):
            self._tell_response(row)
        elif isinstance(row, Outbox):
            self._tell_email(row)
        elif isinstance(row, DeadLetter):
            self._tell_error(row)
        elif isinstance(row, PapersAccess):
            self.story.papers_access(row)
        elif isinstance(row, CapacityChange):
            self.story.capacity(row)

    def _tell_error(self, row: DeadLetter) -> None:
        """Something failed inside the service; told once, however often it is retried."""
        self.facts.service_errors += 1
        key = (row.source, row.source_id, row.error)
        if key not in self._errors_told:
            self._errors_told.add(key)
            self.timeline.say(f"SERVICE ERROR: {row.source} {row.source_id} failed with "
                              f"{row.error} and was dead-lettered (retried on each sweep)")

    def _tell_event(self, kind: str, data: dict[str, Any]) -> None:
        say = self.timeline.say
        if kind == "accepted":
            say(f"Referral received: {self.facts.reference or 'a new referral'} "
                f"({data.get('placement_type')}, {data.get('urgency')})")
            say(f"Anonymised profile: {_profile_words(self._profile)}", detail=True)
        elif kind == "broadcast":
            self.facts.providers = int(data.get("providers", 0))
            self.timeline.open_window()
            say(f"Anonymised and sent to {self.facts.providers} providers; the window "
                f"closes in {self.timeline.window_seconds:.0f}s")
        elif kind == "chased":
            count = len(data.get("establishments", []))
            self.facts.chasers.append(count)
            say(f"Chasers sent to {count} provider{'s' if count != 1 else ''} that have "
                f"not replied yet ({reminder_words(data)})")
        elif kind == "closed":
            self.timeline.close_window()
            say(f"Window closed: {data.get('offers', 0)} offers, "
                f"{data.get('interested', 0)} interested, {data.get('declines', 0)} declined, "
                f"{data.get('no_reply', 0)} no reply")
        elif kind == "message-received":
            say(f"Referral email stored before the SMTP 250 and read "
                f"(outcome: {data.get('outcome')})")
        elif kind == "decision":
            if not data.get("accepted") and not str(data.get("rule", "")).startswith(
                    "permission:"):  # a refusal for want of permission is told by its event
                say(_not_acted_on(data))
        elif kind == "response" or self.story.event(kind, data):
            pass  # a response is told from its row, which says more
        else:  # the console's sentence for it: never the stored data as it is
            say(describe_event(kind, data, self._names()))

    def _tell_response(self, row: Response) -> None:
        name = self._name(row.establishment)
        self._name_of_sender[row.sender] = name
        fields = {key: value for key, value in (row.fields or {}).items()
                  if not (key == "service_name" and value == name)}  # already named
        decision = row.decision or "unclear"
        if self.story.facts.papers_released:
            self.story.facts.confirmed_offers += decision == "offer"
            self.timeline.say(f"Understood: {decision} from {name} after reading the full "
                              f"papers: {_describe(fields)}", detail=True)
            return
        self.facts.late_responses += row.late
        if row.establishment in self._incomplete and not row.missing:
            self._incomplete.discard(row.establishment)
            self.facts.detail_completed = True
            self.timeline.say(f"Understood: {name}'s {decision} is now complete: "
                              f"{_describe(fields)}", detail=True)
            return
        self.facts.decisions[decision] = self.facts.decisions.get(decision, 0) + 1
        text = f"Understood: {_understood(decision, row.late, name, fields)}"
        if row.missing:
            self._incomplete.add(row.establishment)
            text += f"; missing: {', '.join(self._label(key) for key in row.missing)}"
        self.timeline.say(text, detail=True)

    def _tell_email(self, row: Outbox) -> None:
        say = self.timeline.say
        if row.kind in QUIET_OUTBOX:
            return
        if row.kind == "social_worker/acknowledgement":
            say(f"Acknowledgement sent to the social worker ({row.to_addr})")
        elif row.kind == "provider/missing_fields":
            say(f'Service asks {self._name_of_sender.get(row.to_addr, row.to_addr)}: '
                f'"{subject_about(row.subject).split(" from ")[0]}"', detail=True)
        elif row.kind == "social_worker/comparison" and row.to_addr == self.referrer:
            text = plain_text(row.raw)
            self.facts.comparison_labels = LABEL.findall(text)
            self.facts.comparison_sent = True
            say(f"Comparison sent to the social worker ({row.to_addr}) and the placements "
                "team:")
            self.timeline.block(f"Subject: {row.subject}\n\n{text}")
        elif row.kind == "social_worker/late_response":
            late = ": late response from " in row.subject  # else a shortlisted home's answer
            self.facts.late_forwarded += 1 if late else 0
            say(f"{forwarded_as(row.subject)} forwarded to the social worker: {row.subject}",
                detail=True)
        elif row.kind != "social_worker/comparison" and not self.story.email(row):
            say(f"Email to {row.to_addr}: {row.subject}")

    def _names(self) -> dict[str, str]:
        """Establishment keys to names, for the events that name a home by its key."""
        return {e.key: e.name for e in self.directory.establishments.values()}

    def _name(self, establishment_key: str) -> str:
        establishment = self.directory.establishment(establishment_key)
        return establishment.name if establishment else establishment_key

    def _label(self, key: str) -> str:
        return str(self.spec.field(key).label) if key in self.spec.keys else key


_DECISION_WORDS = {"offer": "offer", "interested": "expression of interest",
                   "decline": "decline", "withdrawn": "withdrawal",
                   "unclear": "a reply we could not read as a decision"}


def _understood(decision: str, late: bool, name: str, fields: dict[str, Any]) -> str:
    said = f"{'late ' if late else ''}{_DECISION_WORDS.get(decision, decision)} from {name}"
    if decision == "decline":
        return f"{said} (reason: {(fields.get('decline_reason') or 'other').replace('-', ' ')})"
    details = _describe(fields) if decision in ("offer", "interested") else ""
    return f"{said}: {details}" if details else said


def forwarded_as(subject: str) -> str:
    """What a `social_worker/late_response` email is, as its subject says: a late response,
    a shortlisted home's confirmed offer (the same fee and start, "with changes" or not: the
    README's "not as a changed answer"), a withdrawal, or a changed answer."""
    if ": late response from " in subject:
        return "Late response"
    if " confirmed its offer" in subject:
        return "Confirmed offer"
    if " has withdrawn its offer" in subject:
        return "Withdrawal"
    return "Changed answer"


def reminder_words(data: dict[str, Any]) -> str:
    """Which reminder a `chased` event was: `first reminder`, `last reminder` (the event
    says how many the window has), or `reminder 2 of 3`."""
    seq, of = int(data.get("seq") or 1), data.get("of")
    if of is not None and seq >= int(of):
        return "last reminder" if int(of) > 1 else "the one reminder"
    if seq == 1:
        return "first reminder"
    return f"reminder {seq} of {of}" if of is not None else f"reminder {seq}"


def _not_acted_on(data: dict[str, Any]) -> str:
    """A decision the service declined, in a sentence (`Not acted on: a deadline, because
    the window it belonged to has closed`)."""
    event = EVENT_NAMES.get(str(data.get("event", "")), "a message")
    why = code_words(data.get("rule")).lower() if data.get("rule") else "no rule allowed it"
    return f"Not acted on: {event} from {data.get('by') or 'the service'} ({why})"


def _describe(fields: dict[str, Any]) -> str:
    parts = [fields.get("service_name") or ""]
    if fields.get("weekly_fee") is not None:
        parts.append(f"{money(fields['weekly_fee'])} a week")
    if fields.get("available_from"):
        parts.append(f"from {_day(fields['available_from'])}")
    if fields.get("ofsted_rating"):
        parts.append(f"Ofsted {fields['ofsted_rating'].replace('-', ' ')}")
    return ", ".join(part for part in parts if part)


def _profile_words(profile: dict[str, Any]) -> str:
    """The broadcast profile (age, not date of birth; outward code, not postcode)."""
    needs = ", ".join(need_words(n) for n in profile.get("needs") or []) or "none given"
    return (f"age {profile.get('age')}, {profile.get('gender')}, area {profile.get('area')}, "
            f"needed from {_day(profile.get('needed_from'))}, needs: {needs}")


def _day(iso: str | None) -> str:
    if not iso:
        return "not given"
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%b %Y}"

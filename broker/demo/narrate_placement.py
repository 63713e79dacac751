"""Narrating the referral after the comparison: the shortlist, its approval, the full papers,
the choice, the fee and the Individual Placement Agreement.

`PlacementStory` tells the events, emails, papers accesses and capacity changes that belong
to this half of the referral's life (the `Narrator` hands them over) and keeps the
`PlacementFacts` the summary and the exit status need. The IPA carries the child's details:
only its non-identifying lines are shown (`ipa_summary`), never its section on the child.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from email import message_from_bytes, policy
from typing import Any

from broker.db.tables import CapacityChange, Outbox, PapersAccess
from broker.demo.timeline import Timeline

SECTION = re.compile(r"^(\d)\. ")
IPA_FOOTER = ("Approved for", "Issued for", "Integrity code:")


@dataclass
class PlacementFacts:
    """What has happened since the comparison."""

    shortlist: list[str] = field(default_factory=list)
    approval_requests: int = 0
    approvals: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    papers_released: bool = False
    papers_sent: list[str] = field(default_factory=list)
    papers_served: int = 0
    confirmed_offers: int = 0
    chosen: str = ""
    requested_fee: str = ""
    proposed_fees: list[str] = field(default_factory=list)
    agreed_fee: str = ""
    integrity_code: str = ""
    ipa_to: list[str] = field(default_factory=list)  # "provider", "placements team"
    closed_notes: list[str] = field(default_factory=list)
    capacity_changes: int = 0


class PlacementStory:
    """Tells the second half of the referral's life on the timeline, keeping its facts."""

    def __init__(self, timeline: Timeline, directory: Any) -> None:
        self.timeline = timeline
        self.directory = directory
        self.facts = PlacementFacts()
        self._capacity: dict[str, int] = {}

    def event(self, kind: str, data: dict[str, Any]) -> bool:
        """Tell one of this half's events; False when it is not one of them."""
        say, facts = self.timeline.say, self.facts
        if kind == "instruction":
            return True  # told by what it caused
        if kind == "shortlisted":
            facts.shortlist = list(data.get("labels", []))
            say(f"Shortlist recorded: options {', '.join(facts.shortlist)} (parents' views "
                f"{data.get('parents_views')}, child's views {data.get('child_views')}); "
                "it now needs the commissioners' approval")
        elif kind.startswith("approval-"):
            verb = kind.removeprefix("approval-")
            if verb == "approve":
                facts.approvals.append(str(data.get("by")))
            say(f"Decision recorded: {data.get('by')} {_VERBS.get(verb, verb)} the shortlist "
                f"(by {data.get('channel', 'email')}, round {data.get('round')})")
        elif kind == "papers-released":
            facts.papers_released = True
            count = len(data.get("establishments", []))
            say(f"Shortlist approved: the full papers are released to the {count} shortlisted "
                f"provider{'s' if count != 1 else ''}, each link valid until "
                f"{_moment(data.get('expires'))}")
        else:
            return self._agreement_event(kind, data)
        return True

    def _agreement_event(self, kind: str, data: dict[str, Any]) -> bool:
        say, facts = self.timeline.say, self.facts
        if kind == "chosen":
            facts.chosen = self.name(str(data.get("establishment")))
            facts.requested_fee = str(data.get("requested_fee", ""))
            say(f"Choice recorded: {facts.chosen}, at its requested fee of "
                f"{money(facts.requested_fee)} a week (fee round 1)")
        elif kind == "fee-proposed":
            facts.proposed_fees.append(str(data.get("weekly_fee")))
            say(f"Fee round {data.get('round')}: the {data.get('by')} proposes "
                f"{money(data.get('weekly_fee'))} a week")
        elif kind == "placed":
            facts.agreed_fee = str(data.get("agreed_fee", ""))
            facts.integrity_code = str(data.get("ipa_signature", ""))
            say(f"Agreed: {money(facts.agreed_fee)} a week with "
                f"{self.name(str(data.get('establishment')))} (requested "
                f"{money(data.get('requested_fee'))}: {money(data.get('cost_avoided_weekly'))} "
                "a week avoided). State: placed")
        else:
            return False
        return True

    def email(self, row: Outbox) -> bool:
        """Tell one of this half's emails; False when it is not one of them."""
        say, facts, name = self.timeline.say, self.facts, self.name(row.establishment)
        kind, about = row.kind, subject_about(row.subject)
        if kind == "commissioner/approval_request":
            facts.approval_requests += 1
        elif kind == "provider/papers":
            facts.papers_sent.append(name)
        if kind in _DETAIL:
            say(_DETAIL[kind].format(name=name, to=row.to_addr, about=about), detail=True)
        elif kind == "social_worker/shortlist_recorded":
            say(f"Confirmation to the social worker ({row.to_addr}): {about}")
            self.timeline.block(plain_text(row.raw))
        elif kind == "social_worker/instruction_refused":
            facts.refusals.append(row.to_addr)
            why = " ".join(plain_text(row.raw).partition("could not be carried out.")[2].split())
            say(f"Refused, and {row.to_addr} told why: {why}")
        elif kind == "provider/closed_with_thanks":
            facts.closed_notes.append(name)
            say(f'{name}: "{about}" (another home was chosen); its access to the papers '
                "is withdrawn")
        elif kind in ("provider/ipa", "authority/ipa"):
            self._ipa(row, name)
        else:
            return False
        return True

    def _ipa(self, row: Outbox, name: str) -> None:
        if row.kind == "provider/ipa":
            self.facts.ipa_to.append("provider")
            self.timeline.say(f"Individual Placement Agreement issued to {name} ({row.to_addr}). "
                              "Its lines without the child's details:")
            self.timeline.block(ipa_summary(plain_text(row.raw)))
        else:
            self.facts.ipa_to.append("placements team")
            self.timeline.say(f"The same agreement issued to the authority's placements team "
                              f"({row.to_addr})")

    def papers_access(self, row: PapersAccess) -> None:
        served = row.outcome == "served"
        self.facts.papers_served += served
        self.timeline.say(f"Access logged: the full papers ({row.what}) "
                          f"{'served to' if served else row.outcome + ' for'} "
                          f"{self.name(row.establishment)}", detail=True)

    def capacity(self, row: CapacityChange) -> None:
        establishment = self.directory.establishment(row.establishment)
        before = self._capacity.get(row.establishment, getattr(establishment, "capacity", 0))
        self._capacity[row.establishment] = before + row.delta
        self.facts.capacity_changes += 1
        self.timeline.say(f"Capacity: {self.name(row.establishment)} {row.delta:+d} place "
                          f"({before} free before, {before + row.delta} now)")

    def name(self, establishment_key: str) -> str:
        establishment = self.directory.establishment(establishment_key)
        return establishment.name if establishment else establishment_key


_VERBS = {"approve": "approves", "reject": "rejects", "question": "asks a question about"}
_DETAIL = {  # emails told in one line under the step that sent them
    "commissioner/approval_request": "Approval request emailed to {to}",
    "provider/papers": "{name}: personal link to the full papers sent to {to} (every access "
                       "is logged)",
    "provider/not_selected": "{name}: thanked, not shortlisted",
    "social_worker/approved": "The social worker told ({to}): {about}",
    "social_worker/chosen": "The social worker told ({to}): {about}",
    "provider/chosen": '{name} told: "{about}"',
    "provider/fee_proposal": '{name} asked: "{about}"',
    "social_worker/fee_counter": "The social worker told ({to}): {about}",
    "social_worker/fee_proposed": "The social worker told ({to}): {about}",
    "provider/fee_unclear": "{name} told its answer on the fee could not be read",
    "social_worker/placed": "The social worker told ({to}): {about}",
}


def ipa_summary(text: str) -> str:
    """The agreement's heading, parties, placement terms and integrity code; its section on
    the child is named but never shown, and the standard terms are left out."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines)
                  if line.startswith("INDIVIDUAL PLACEMENT AGREEMENT")), len(lines))
    kept, section = [], 0
    for line in lines[start:]:
        if match := SECTION.match(line):
            section = int(match.group(1))
            if section == 2:
                kept += [line, "   (not shown here: it goes only to the provider and the "
                         "authority)", ""]
        if section in (0, 1, 3) or line.startswith(IPA_FOOTER):
            kept.append(line)
    return "\n".join(kept).strip()


def subject_about(subject: str) -> str:
    """What an email's subject says it is about: the middle of a provider's "Northby, for
    Larch House | search closed, thank you | REF-…", or what follows "REF-…: " in the others."""
    parts = subject.split(" | ")
    if len(parts) >= 3:
        return parts[1]
    return subject.partition(": ")[2]


def money(value: Any) -> str:
    """£4,350 for whole pounds, else £4,350.50."""
    if value in (None, ""):
        return "no fee"
    amount = Decimal(str(value))
    return f"£{amount:,.0f}" if amount == amount.to_integral() else f"£{amount:,.2f}"


def _moment(iso: Any) -> str:
    """In UK time, as the emails say it (`12:12am on Monday 21 December 2026`)."""
    from channels.email.render import when

    try:
        moment = datetime.fromisoformat(str(iso))
    except ValueError:
        return "the date in the email"
    return when(moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC))


def plain_text(raw: bytes) -> str:
    """An email's plain-text body, as its reader sees it."""
    message: Any = message_from_bytes(raw, policy=policy.default)
    body = message.get_body(preferencelist=("plain",))
    return str(body.get_content()).strip() if body else ""

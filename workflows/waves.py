"""Opening a referral's next wave, as a pure decision shared by intake and the window.

The match is run afresh when a wave opens (vacancies and pauses change from day to day),
and the wave goes to the eligible establishments of its tiers that no earlier wave reached.
A wave with nobody in it is recorded as skipped, with the reason, and the next one is tried.
Establishments left for a later wave are recorded with the rule `cascade` and the wave they
wait for, so "why didn't this home get it yet?" has an answer at every moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from broker.cascade import Placed, cascade_for, members, waves_for, with_tiers
from broker.directory.model import WaveSpec
from broker.eligibility import Exclusion, MatchRequest, match
from broker.forms.keep_away import keep_aways
from broker.working_time import WorkingHours, counts_working_time
from workflows.commands import Command, RecordEvent, RecordMatch, SendEmail, SetDeadline
from workflows.events import DeadlineKind
from workflows.needed import needed_now  # (the broadcast says "needed now (asked from …)")
from workflows.snapshot import Snapshot, WaveRecord

LEVELLED = "level"


@dataclass(frozen=True)
class Opened:
    snapshot: Snapshot
    commands: tuple[Command, ...]
    wave: WaveRecord | None  # None: no wave had anyone left to send to


def planned_waves(snapshot: Snapshot) -> tuple[WaveSpec, ...]:
    """The waves this referral runs: its cascade's (by the key stored at intake), or one."""
    world, referral = snapshot.world, snapshot.referral
    cascades = world.directory.cascades
    cascade = next((c for c in cascades if c.key == referral.cascade), None)
    return waves_for(cascade, referral.urgency, world.window_for)


def working_hours_for(snapshot: Snapshot, window: timedelta) -> WorkingHours | None:
    """The working hours a window of this referral runs in (a planned referral's window of
    whole days, broker/working_time.py), or None: it runs on the clock."""
    if counts_working_time(snapshot.referral.urgency, window):
        return snapshot.world.working_hours
    return None


def window_closes(snapshot: Snapshot, start: datetime, window: timedelta) -> datetime:
    """When a window of this length opened at `start` closes: in working time for a planned
    referral (rule `planned-window-in-working-time`), else on the clock. The one place a
    close is counted: the acknowledgement, the providers' "reply by" and the comparison all
    read the wave's `closes_at` it sets."""
    hours = working_hours_for(snapshot, window)
    return hours.add(start, window) if hours is not None else start + window


def wave_chase_times(snapshot: Snapshot, wave: WaveRecord, start: datetime,
                     end: datetime) -> list[datetime]:
    """A wave's reminders between `start` and `end`, in its window's time."""
    return snapshot.world.chase_times(start, end, working_hours_for(snapshot, wave.window))


def choose_cascade(snapshot: Snapshot, placement_type: str) -> str:
    cascade = cascade_for(snapshot.world.directory.cascades, snapshot.referral.authority,
                          placement_type)
    return cascade.key if cascade else ""


def remaining_specs(snapshot: Snapshot) -> tuple[WaveSpec, ...]:
    """The cascade's waves not yet reached (none after a levelled wave)."""
    if any(w.opened_because == LEVELLED for w in snapshot.waves):
        return ()
    return planned_waves(snapshot)[len(snapshot.waves):]


def request_for(snapshot: Snapshot) -> MatchRequest:
    """The match request from the anonymised profile, as of today."""
    profile = snapshot.referral.anonymised.get("profile", {})
    return MatchRequest(
        authority=snapshot.referral.authority,
        placement_type=profile.get("placement_type") or "",
        needs=list(profile.get("needs") or []), age=profile.get("age"),
        gender=profile.get("gender"), siblings=int(profile.get("siblings") or 1),
        area=profile.get("area"), on=snapshot.world.today,
        # rule keep-away: the social worker's own words, never the providers' copy
        keep_away=keep_aways(_text(snapshot.referral.raw_fields.get("location"))))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def open_next(snapshot: Snapshot, because: str,
              specs: Iterable[WaveSpec] | None = None) -> Opened:
    """Open the first of `specs` (default: the cascade's remaining waves) that has anyone
    to send to, recording each one skipped before it."""
    world = snapshot.world
    result = match(world.directory, request_for(snapshot))
    placed = with_tiers(world.directory, result.eligible)
    already = set(snapshot.recipients)
    specs = tuple(remaining_specs(snapshot) if specs is None else specs)
    commands: list[Command] = []
    for index, spec in enumerate(specs):
        number = len(snapshot.waves) + 1
        going = members(spec, placed, already)
        if not going:
            snapshot, skipped = _skipped(snapshot, spec, number, because)
            commands += skipped
            continue
        waiting = _waiting(placed, already, going, specs[index + 1:], number + 1)
        snapshot, sent = _open(snapshot, spec, number, because, going, result.excluded,
                               waiting)
        return Opened(snapshot, (*commands, *sent), snapshot.waves[-1])
    return Opened(snapshot, tuple(commands), None)


def _skipped(snapshot: Snapshot, spec: WaveSpec, number: int,
             because: str) -> tuple[Snapshot, list[Command]]:
    reason = f"no eligible establishment in {', '.join(spec.tiers)}"
    wave = WaveRecord(number, spec.name, spec.tiers, spec.window or timedelta(0), None, None,
                      closed_at=snapshot.world.now, opened_because=because,
                      outcome="skipped", outcome_reason=reason)
    event = RecordEvent("wave-skipped", {"wave": number, "name": spec.name, "reason": reason})
    return snapshot.with_wave(wave), [event]


def _waiting(placed: list[Placed], already: set[str], going: list[Placed],
             later: tuple[WaveSpec, ...], first_number: int) -> list[tuple[Placed, str]]:
    """Eligible establishments this wave leaves for a later one (or for none)."""
    now_sent = already | {p.eligible.establishment_key for p in going}
    waiting = []
    for p in placed:
        if p.eligible.establishment_key in now_sent:
            continue
        number = next((first_number + i for i, spec in enumerate(later)
                       if p.tier in spec.tiers), None)
        reason = (f"{p.tier}: waits for wave {number} ({later[number - first_number].name}) "
                  "if no acceptable offer comes before it" if number is not None else
                  f"{p.tier}: no wave of this referral's cascade goes to this tier")
        waiting.append((p, reason))
    return waiting


def _open(snapshot: Snapshot, spec: WaveSpec, number: int, because: str,
          going: list[Placed], excluded: list[Exclusion],
          waiting: list[tuple[Placed, str]]) -> tuple[Snapshot, list[Command]]:
    world, referral = snapshot.world, snapshot.referral
    window = spec.window or world.window_for(referral.urgency or "planned")
    hours = working_hours_for(snapshot, window)
    closes = window_closes(snapshot, world.now, window)
    wave = WaveRecord(number, spec.name, spec.tiers, window, world.now, closes,
                      providers=len(going), opened_because=because)
    commands: list[Command] = [
        RecordEvent("wave-opened", {"wave": number, "name": spec.name,
                                    "tiers": list(spec.tiers), "providers": len(going),
                                    "because": because, "closes": closes.isoformat()}),
        RecordMatch(wave=number, eligible=tuple((p.eligible, p.tier) for p in going),
                    excluded=tuple(excluded),
                    waiting=tuple((p.eligible, p.tier, why) for p, why in waiting)),
        *broadcast(snapshot, going, wave),
        SetDeadline(DeadlineKind.CLOSE, closes, wave=number),
        *(SetDeadline(DeadlineKind.CHASE, moment, wave=number, seq=n)
          for n, moment in enumerate(world.chase_times(world.now, closes, hours), start=1)),
    ]
    return snapshot.with_wave(wave), commands


def broadcast(snapshot: Snapshot, going: list[Placed], wave: WaveRecord) -> list[Command]:
    """One email per establishment, each with its own signed reply address."""
    referral, world = snapshot.referral, snapshot.world
    context = {"reference": referral.reference, "deadline": wave.closes_at,
               "window": wave.window, **referral.anonymised,
               "working": working_hours_for(snapshot, wave.window) is not None,
               "needed_now": needed_now(referral.anonymised.get("profile", {}), world.today)}
    return [
        SendEmail(key=f"{referral.reference}:referral:{p.eligible.establishment_key}",
                  template="provider/referral", to=p.eligible.contact,
                  context={**context, "establishment": p.eligible.establishment,
                           "organisation": p.eligible.organisation,
                           "arrangement": p.eligible.arrangement},
                  reply_to=world.reply_address(referral.id, p.eligible.establishment_key),
                  establishment=p.eligible.establishment_key)
        for p in going
    ]

"""A chase asked for now: the placements console's "Chase the homes that have not answered".

    open  chase asked for (the open wave)  → open    (the reminder to its silent homes)

The timed reminders go on the `BROKER_CHASERS` schedule (workflows/window.py `on_deadline`);
a placements officer chases when a child's need changes or a social worker rings. It is the
same reminder to the same homes (rule `chaser-nobody-silent`: the open wave's homes with no
decision yet, `has_answered`, and not paused or suspended, rule `paused-not-chased`), saying
what we have of a home's reply (rule `chaser-says-what-we-have`), with its subject saying the
placements team asked for it. Refused, changing nothing, when the window has closed, when
nobody is silent, and when a reminder, timed or asked for, went to those homes less than an
hour ago (rule `chase-not-within-the-hour`: a home is not written to twice in an hour).
Pure: its emails' keys come from the form's post, so a post sent twice sends once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from broker.clock import uk_words
from workflows.commands import Command, RecordEvent
from workflows.events import ChaseAsked
from workflows.snapshot import Decision, Snapshot, WaveRecord, accepted, refused
from workflows.window import _moved_on, chased, reminder

AGAIN_AFTER = timedelta(hours=1)  # rule chase-not-within-the-hour


def homes(n: int) -> str:
    return f"{n} home{'s' if n != 1 else ''}"


def last_reminder(snapshot: Snapshot, wave: WaveRecord) -> datetime | None:
    """When the last reminder, timed or asked for, went to any of the homes a chase would
    go to now (None: none has had one)."""
    times = [snapshot.reminded[s.establishment] for s in chased(snapshot, wave)
             if s.establishment in snapshot.reminded]
    return max(times, default=None)


def why_not(snapshot: Snapshot) -> tuple[str, str] | None:
    """(the rule, the sentence) refusing a chase now, or None when it may go. The console's
    confirmation asks only when it may (channels/web/console/confirm.py)."""
    wave, now = snapshot.open_wave, snapshot.world.now
    if wave is None or wave.closes_at is None:
        return "chase-window-closed", ("The response window is closed: there is nobody to "
                                       "chase.")
    if now >= wave.closes_at:
        return "chase-window-closed", (f"The response window closed at "
                                       f"{uk_words(wave.closes_at, now)}: there is nobody to "
                                       "chase.")
    if not chased(snapshot, wave):
        return "chaser-nobody-silent", (
            "Every home of the open wave has answered or is paused or suspended: there is "
            "nobody to chase, so no reminder was sent.")
    last = last_reminder(snapshot, wave)
    if last is not None and now - last < AGAIN_AFTER:
        return "chase-not-within-the-hour", (
            f"The last reminder to these homes went at {uk_words(last, now)}, less than an "
            f"hour ago; they can be chased again from {uk_words(last + AGAIN_AFTER, now)}.")
    return None


def on_chase(snapshot: Snapshot, event: ChaseAsked) -> Decision:
    if (moved := _moved_on(snapshot, event.wave, event.actor.channel == "email")) is not None:
        return refused(snapshot, event, moved, "wave-moved-on")
    if (refusal := why_not(snapshot)) is not None:
        rule, why = refusal
        return refused(snapshot, event, why, rule)
    wave = snapshot.open_wave
    assert wave is not None  # why_not refused a closed window
    silent = chased(snapshot, wave)
    return accepted(snapshot, _reminders(snapshot, wave, event), "chased", "chase-asked-for",
                    f"Reminder sent to the {homes(len(silent))} that had not answered.")


def _reminders(snapshot: Snapshot, wave: WaveRecord, event: ChaseAsked) -> list[Command]:
    """The timeline entry (who chased, how many homes, which) and the reminders, the
    schedule's own template (provider/chaser) with its subject saying who asked."""
    silent = chased(snapshot, wave)
    by = event.actor.address or event.actor.name
    return [RecordEvent("chased", {"wave": wave.number, "by": by, "homes": len(silent),
                                   "establishments": [s.establishment for s in silent]}),
            *(reminder(snapshot, wave, s, f"chase-asked-{wave.number}-{event.key}",
                       last=False, asked_by_team=True)
              for s in silent)]

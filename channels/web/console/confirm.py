"""What an action that cannot be taken back will do, in numbers, for its confirmation step,
and what the next wave would be. Pure: reads a referral's snapshot, changes nothing.

Send (a held referral), Close, Next wave, Unmet and Withdraw each ask once more before they
act (GOV.UK's warning pattern, a second form, no JavaScript): a close with no answers, a
search ended or a referral withdrawn cannot be undone from the console, since the engine
offers no way back from `closed` (EXTEND applies only while a window is open). Chase asks
too, naming how many homes it will write to and when the last reminder went: an email to
providers cannot be taken back either.
"""

from __future__ import annotations

from dataclasses import dataclass

from channels.email.render import when
from channels.web.console.words import duration, hold_words
from workflows.chase_now import homes, last_reminder
from workflows.snapshot import Snapshot, has_answered
from workflows.waves import open_next
from workflows.window import chased

CONFIRMED = frozenset({"send", "close", "next-wave", "unmet", "withdraw", "chase"})


@dataclass(frozen=True)
class NextWavePreview:
    number: int
    name: str
    homes: int


def next_wave(snapshot: Snapshot) -> NextWavePreview | None:
    """The wave a NEXT WAVE would open now, and how many homes it would go to (None: no
    later wave has anyone to send to). The cascade's own rule, run on a copy."""
    opened = open_next(snapshot, "preview")
    if opened.wave is None:
        return None
    return NextWavePreview(opened.wave.number, opened.wave.name or "all eligible providers",
                           opened.wave.providers)


def _homes(n: int) -> str:
    return f"{n} home{'s' if n != 1 else ''}"


def _answered(snapshot: Snapshot) -> tuple[int, int]:
    """(answered, sent to) for the open wave: a home has answered when its reply gave a
    decision ("Not this one, thanks" read as none is a reply, not yet an answer)."""
    wave = snapshot.open_wave
    if wave is None:
        return 0, 0
    sent = [key for key, r in snapshot.recipients.items() if r.wave == wave.number]
    return sum(1 for key in sent if has_answered(snapshot.responses.get(key))), len(sent)


def _window(snapshot: Snapshot) -> str:
    wave = snapshot.open_wave
    if wave is None or wave.closes_at is None:
        return ""
    left = wave.closes_at - snapshot.world.now
    return (f" Wave {wave.number}'s window has {duration(left)} left."
            if left.total_seconds() > 0 else "")


def consequence(action: str, snapshot: Snapshot) -> tuple[str, str]:
    """(the question, what will happen) for `action` on this referral now."""
    answered, sent = _answered(snapshot)
    so_far = f"{answered} of {sent} providers have answered."
    never = "This cannot be undone from the console."
    if action == "close":
        after = ("The comparison goes to the social worker at once." if answered else
                 "With no answers there is nothing to compare: the social worker is told at "
                 "once, and the window cannot be opened again.")
        return "Close the response window now?", f"{so_far}{_window(snapshot)} {after} {never}"
    if action == "chase":
        return _chase(snapshot)
    if action == "next-wave":
        preview = next_wave(snapshot)
        shown = snapshot.open_wave.number if snapshot.open_wave else 0
        if preview is None:
            return "Send to the next wave now?", "No later wave has anyone to send to."
        return (f"Send to wave {preview.number} ({preview.name}) now?",
                f"It goes to {_homes(preview.homes)} at once, and wave {shown} stops waiting: "
                f"{so_far}{_window(snapshot)} {never}")
    if action == "send":
        preview = next_wave(snapshot)
        going = (f"It goes to {_homes(preview.homes)} at once (wave {preview.number}, "
                 f"{preview.name})." if preview else "No provider can take it now: it will "
                 "be recorded as unmatched.")
        return ("Send the referral to providers now?",
                f"It is held: {', '.join(hold_words(snapshot.referral.held_for))}. {going} "
                "Providers see only the anonymised referral. " + never)
    if action == "unmet":
        return ("End the search as unmet need?",
                f"{so_far} The search ends now and is counted as unmet need in the "
                f"sufficiency report. {never}")
    told = len(snapshot.recipients)
    return ("Withdraw the referral?",
            (f"The {_homes(told)} it went to are told it is no longer needed. " if told
             else "It has not gone to any provider. ") + never)


def _chase(snapshot: Snapshot) -> tuple[str, str]:
    """"Chase 3 homes that have not answered?", and when the last reminder went to them."""
    wave = snapshot.open_wave
    silent = chased(snapshot, wave) if wave is not None else []
    last = last_reminder(snapshot, wave) if wave is not None else None
    before = (f"The last reminder to them went at {when(last)}." if last is not None
              else "They have had no reminder yet.")
    return (f"Chase {homes(len(silent))} that {'have' if len(silent) != 1 else 'has'} not "
            "answered?",
            f"Each is sent the reminder now, from the placements team, asking for its "
            f"decision by the window's close.{_window(snapshot)} {before} Homes paused or "
            "suspended are not chased.")


def sent_words(snapshot: Snapshot) -> str:
    """After a NEXT WAVE: `Wave 2 sent to 3 homes; it closes at 5:00pm on Tuesday …`."""
    wave = snapshot.open_wave
    if wave is None:
        return ""
    closes = f"; it closes at {when(wave.closes_at)}" if wave.closes_at else ""
    return f"Wave {wave.number} sent to {_homes(wave.providers)}{closes}."

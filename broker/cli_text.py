"""How the command line prints its results for people (`--json` prints the values as
stored): a dry run's matches, a form's problems, an anonymised referral, the referrals list
and a referral told as the console tells it, in UK time, pounds and words, the service's
status, and the dead letters (one with its traceback)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any


def match_text(r: dict[str, Any]) -> str:
    waves = [f"WAVES ({r['cascade'] or 'no cascade: one wave'}):"] + [
        f"  {w['number']}. {w['name']} [{', '.join(w['tiers'])}]: "
        + (f"{len(w['establishments'])} establishment(s)" if not w["skipped"] else
           "skipped, nobody eligible in these tiers") for w in r["waves"]]
    return "\n".join(
        [f"ELIGIBLE ({len(r['eligible'])}):"]
        + [f"  {e['establishment']} ({e['organisation']}) → {e['contact']} via "
           f"{e['arrangement']} [{e['tier']}, wave {e['wave'] or '-'}]" for e in r["eligible"]]
        + [f"EXCLUDED ({len(r['excluded'])}):"]
        + [f"  {x['establishment']}: [{x['rule']}] {x['reason']}" for x in r["excluded"]]
        + waves + [f"(directory: {_SOURCES.get(r['directory'], r['directory'])})"])


_SOURCES = {"database": "the service's database, with providers' vacancies and pauses",
            "config": "config/ (there is no database yet)"}


def errors_text(result: dict[str, Any]) -> str:
    return "The referral cannot be used yet:\n" + "\n".join(
        f"  {e['field']}: {e['problem']} (what we need: {e['example']})" for e in result["errors"])


def anonymised_text(result: dict[str, Any]) -> str:
    """What providers would see: the referral as their email shows it (the same rendering),
    then any details that together could identify the child, and what was removed."""
    from channels.email.referral_lines import referral_text

    lines = ["What providers would see (the referral as their email shows it; the "
             "reference is given when it is sent):", "",
             referral_text("REF-…", result["profile"], result["text"]).rstrip("\n")]
    if not result["profile"].get("authority"):
        lines += ["", "(No referring authority: the file is not an email from a member "
                  "authority; give --authority KEY.)"]
    for warning in result.get("warnings") or []:
        lines += ["", f"PLEASE CHECK: {warning['message']}"]
    counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in result["redactions"].items())
    return "\n".join([*lines, "", f"Removed: {counts or 'nothing'}"])


def referral_text(shown: dict[str, Any]) -> str:
    """For people, as the console shows it: UK times, fees in pounds, the timeline in words
    (`--json` keeps the stored values)."""
    from channels.web.console.words import code_words, describe_event, local, money, state_words

    def when(iso: str | None) -> str:
        return local(datetime.fromisoformat(iso)) if iso else "none"

    names = {e["establishment_key"]: e["establishment"] for e in shown["eligible"]}
    lines = [f"{shown['reference']}: {state_words(shown['state'])}; {window_words(shown)}",
             f"authority: {shown['authority']}  referrer: {shown['referrer']}",
             f"sent to {len(shown['eligible'])} establishments; {shown['excluded']} excluded", ""]
    lines += [f"  response from {r['establishment']}: {code_words(r['decision']) or 'unread'}"
              f"{', ' + money(r['weekly_fee']) if r['weekly_fee'] else ''}"
              f"{' (late)' if r['late'] else ''}"
              f"{' [superseded]' if r['status'] != 'current' else ''}"
              for r in shown["responses"]]
    lines.append("")
    lines += [f"  {when(e['at'])}  {describe_event(e['kind'], e['data'], names)}"
              for e in shown["events"]]
    return "\n".join(lines)


def window_words(shown: dict[str, Any]) -> str:
    """The latest window as it stands: `the window closes …` while it is open, `the window
    closed …` (`early`, when before its deadline) once it has, never a deadline since
    passed by or never reached."""
    from channels.web.console.words import local

    opened = [w for w in shown.get("waves") or [] if w.get("opened_at")]
    if not opened:
        return "not sent to providers yet"
    wave = opened[-1]
    if wave.get("closed_at"):
        closed, due = wave["closed_at"], wave.get("closes_at")
        early = " early" if due and datetime.fromisoformat(closed) < datetime.fromisoformat(
            due) else ""
        return f"the window closed{early} {local(datetime.fromisoformat(closed))}"
    if wave.get("closes_at"):
        return f"the window closes {local(datetime.fromisoformat(wave['closes_at']))}"
    return "the window is open"


def referrals_text(rows: list[dict[str, Any]]) -> str:
    """A header, then one line a referral; the deadline only while its window is open, in
    UK time."""
    from channels.web.console.words import local

    if not rows:
        return "No referrals yet."
    return "\n".join([f"{'REFERENCE':<16} {'STATE':<11} {'AUTHORITY':<12} "
                      f"{'WINDOW (UK TIME)':<26} PROVIDERS SENT TO"] + [
        f"{r['reference']:<16} {r['state']:<11} {r['authority']:<12} "
        f"closes {local(datetime.fromisoformat(r['deadline'])) if r['deadline'] else '-':<19} "
        f"providers {r['providers']}" for r in rows])


def status_text(status: dict[str, Any]) -> str:
    """`broker status` for people: the queues, the next deadlines, and /healthz's verdict."""
    from channels.web.console.words import duration, local

    oldest = status["oldest_undelivered_seconds"]
    lines = [
        f"inbound mail waiting: {status['inbound_waiting']}",
        f"outbox waiting: {status['outbox_waiting']} ({status['outbox_failing']} failing)",
        "oldest undelivered email: " + (f"{duration(timedelta(seconds=oldest))} old"
                                        if oldest is not None else "none"),
        f"dead letters: {status['dead_letters']}",
        f"deadlines in the next hour: {status['deadlines_next_hour']}",
        "next deadline: " + (local(datetime.fromisoformat(status["next_deadline"]))
                             if status["next_deadline"] else "none"),
        "health: " + ("; ".join(status["problems"]) if status["problems"] else "ok")]
    return "\n".join(lines)


def dead_letter_text(r: dict[str, Any]) -> str:
    """One dead letter on a line: its id, when (UK time), the source and its id, the error's
    kind, and the referral, sender and home it concerns where known."""
    from channels.web.console.words import local

    about = [f"{word} {r[key]}" for word, key in (
        ("referral", "referral"), ("from", "sender"), ("home", "home")) if r.get(key)]
    return (f"{r['id']:>5} {local(datetime.fromisoformat(r['at']))} {r['source']} "
            f"{r['source_id']} {r['error']}" + "".join(f"; {a}" for a in about)
            + (" (replayed)" if r["replayed_at"] else ""))


def dead_letter_detail_text(r: dict[str, Any]) -> str:
    """`broker dead-letters show`: what failed and when, what it concerns, whether it was
    replayed, then its error and the detail (the traceback: where it failed, never what it
    was given)."""
    from channels.web.console.words import local

    def when(iso: str | None) -> str:
        return local(datetime.fromisoformat(iso)) if iso else "not yet"

    about = [f"{word}: {r[key]}" for word, key in (
        ("referral", "referral"), ("authority", "authority"), ("sender", "sender"),
        ("home", "home")) if r.get(key)]
    return "\n".join([f"dead letter {r['id']}: {r['source']} {r['source_id']}",
                      f"failed: {when(r['at'])}", *about, f"replayed: {when(r['replayed_at'])}",
                      f"error: {r['error'] or 'unknown'}", "",
                      r["detail"] or "(no detail was kept)"])

"""Holding a referral before it goes to providers, and letting it go: pure decisions.

    new | incomplete   complete form, a reason to hold  → held (the referrer sees exactly what
                                                          providers would; the team is told)
    held               SEND (someone who may)           → open | unmatched (the broadcast)
    held               a correction on the thread       → decided again (held, as a rule)
    held               the review time-out              → held (the team is reminded)
    held               WITHDRAW                         → withdrawn (nothing ever went out)

Reasons to hold, each a named rule:

- `sender-not-authenticated`: the form's From was not proved (broker/mailauth.py) under the
  authority's `sender_auth`; anyone could have typed it. Only the placements team may SEND.
- `possible-duplicate`: the same child (NHS number, or name and date of birth) has an open
  or recent referral of the same authority (workflows/duplicates.py); the team's email says
  which fields differ from the first of them, or that the two are the same (rule
  `duplicate-differences`: labels only, never values). The team may SEND; so
  may the referrer, when the directory names them and their mail was proved. Only they are
  told of the other referral: anyone else who can send a form from the council's domain
  would otherwise learn, by typing a child's NHS number, that the child is being placed.
- `review-by-referrer` / `review-by-team`: the authority's `review` setting: a person reads
  the anonymised text for anything left that identifies the child before it goes.
- `one-provider-asked`: the email asks for the referral to go to one named provider only,
  or says it is a move within one provider (broker/forms/one_provider.py): not a search of
  the market, so it never goes to every eligible home unless the placements team sends it.
  Rule `one-provider-told`: the held emails name that provider and quote the sentence
  (`one_provider_words`), and say what happens next: to the social worker, that nothing has
  gone and she need do nothing; to the team, to contact the provider with the anonymised
  referral (in their copy too), SEND it to every eligible home, or WITHDRAW it. The team's
  reminder, decided from the referral (which keeps no email text), names the provider from
  the hold's "held" entry (`Snapshot.held_provider`), without the sentence. Rule
  `nothing-quoted-to-the-unproved`: from a sender nothing proved, neither email quotes her
  sentence (here, or `disregard-asked`'s), and says why; the provider is named only as the
  directory names it, since anyone can forge a council's From.
- `disregard-asked`: the sender's own note above the form asks for it to be disregarded or
  says no placement is needed ("Please disregard the referral below – the family found a
  kinship placement", broker/forms/disregarded.py): a search called off, never broadcast.
  Her held email quotes the sentence; she may SEND it if it was meant to go, or WITHDRAW.
"""

from __future__ import annotations

from typing import Any

from broker.forms.disregarded import disregard_asked
from broker.forms.one_provider import directory_name, one_provider_ask, one_provider_asked
from workflows.commands import Command, RecordEvent, SendEmail, SetDeadline
from workflows.duplicates import what_differs
from workflows.events import BroadcastApproved, DeadlineDue, DeadlineKind, FormReceived
from workflows.needed import needed_now
from workflows.snapshot import Decision, Snapshot, accepted, declined, refused
from workflows.states import State

UNAUTHENTICATED, DUPLICATE = "sender-not-authenticated", "possible-duplicate"
UNPROVED_CHANGE = "unproved-change"  # a later, unproved message changed what was given
ONE_PROVIDER = "one-provider-asked"  # "please send to Larch Care only": not a market search
DISREGARD = "disregard-asked"  # "please disregard the referral below": a search called off
TEAM_ONLY = frozenset({UNAUTHENTICATED, UNPROVED_CHANGE, "review-by-team", ONE_PROVIDER})


def reasons_of(snapshot: Snapshot) -> tuple[str, ...]:
    return tuple(r for r in snapshot.referral.held_for.split(",") if r)


def unproved_changes(snapshot: Snapshot, event: FormReceived) -> tuple[str, ...]:
    """The labels of the fields an unproved message gives otherwise than earlier messages did:
    a stranger who writes in the referrer's name, on the referral's thread, must not quietly
    rewrite what providers will be told."""
    if event.actor.authenticated:
        return ()
    before, spec = snapshot.referral.raw_fields, snapshot.world.referral_spec
    changed = [key for key, value in event.form.fields.items()
               if key in before and before[key] != value]
    known = frozenset(spec.keys)
    return tuple(spec.field(key).label if key in known else key for key in changed)


def note_unproved(snapshot: Snapshot, event: FormReceived, changed: tuple[str, ...]) -> Snapshot:
    """An unproved form message is remembered on the referral whatever its state, so the form
    never goes out without the placements team, even when a proved message completes it."""
    if event.actor.authenticated:
        return snapshot
    reasons = (*reasons_of(snapshot), UNAUTHENTICATED, *((UNPROVED_CHANGE,) if changed else ()))
    return snapshot.with_referral(held_for=",".join(dict.fromkeys(reasons)))


def hold_reasons(snapshot: Snapshot, event: FormReceived) -> tuple[str, ...]:
    """Why this complete form may not go out yet (none: it goes now). An earlier reason
    stays: a correction does not prove the first message's sender."""
    reasons = list(reasons_of(snapshot))
    if not event.actor.authenticated:
        reasons.append(UNAUTHENTICATED)
    if snapshot.duplicates:
        reasons.append(DUPLICATE)
    if one_provider_asked(event.form.text, provider_names(snapshot)):
        reasons.append(ONE_PROVIDER)
    if disregard_asked(event.form.text, snapshot.world.referral_spec):
        reasons.append(DISREGARD)
    review = getattr(snapshot.authority, "review", "none")
    if review in ("referrer", "team"):
        reasons.append(f"review-by-{review}")
    return tuple(dict.fromkeys(reasons))


def provider_names(snapshot: Snapshot) -> tuple[str, ...]:
    """The names of the directory's organisations and homes: "send only to Oakfield" asks for
    one provider when the directory knows an Oakfield, not when Oakfield is a street."""
    directory = snapshot.world.directory
    return tuple(record.name for records in (directory.organisations, directory.establishments)
                 for record in records.values())


def one_provider_words(text: str, names: tuple[str, ...], proved: bool = True) -> dict[str, str]:
    """Rule `one-provider-told`: the sentence that asked for one provider only
    (broker/forms/one_provider.py), and the provider the email names ("" when it names none:
    "a move within the same provider"), for the held emails to quote; {} when none asks.
    Rule `nothing-quoted-to-the-unproved`: from a sender nothing proved, no sentence, and the
    provider only as the directory names it."""
    ask = one_provider_ask(text, names)
    if ask and not proved:
        return {"provider": directory_name(ask[1], names), "unquoted": "unproved"}
    return {"sentence": ask[0], "provider": ask[1]} if ask else {}


def hold(snapshot: Snapshot, event: FormReceived, reasons: tuple[str, ...],
         changed: tuple[str, ...] = ()) -> Decision:
    world, referral = snapshot.world, snapshot.referral
    authority = snapshot.authority
    timeout = getattr(authority, "review_timeout", None) or world.approval_ttl
    held = snapshot.with_referral(state=State.HELD, held_for=",".join(reasons))
    proved = event.actor.authenticated
    asked = (one_provider_words(event.form.text, provider_names(snapshot), proved)
             if ONE_PROVIDER in reasons else {})
    if DISREGARD in reasons:  # rule `disregard-asked`: her sentence, quoted back to a proved her
        said = disregard_asked(event.form.text, world.referral_spec) if proved else None
        asked = {**asked, "disregard": said or "", **({} if proved else {"unquoted": "unproved"})}
    context = {**_context(held, asked), "changed": list(changed)}
    key = f"{referral.reference}:held:{event.key or 'form'}"
    seen = _as_the_referrer_sees_it(held, asked)
    # a day asked for that has passed: providers would read "needed now" (workflows/needed.py)
    late = needed_now(referral.anonymised.get("profile", {}), world.today)
    commands: list[Command] = [
        RecordEvent("held", {"reasons": list(reasons), "duplicates": list(snapshot.duplicates),
                             **({"one_provider": asked} if asked else {})}),
        SendEmail(key=f"{key}:referrer", template=held_template("social_worker", held),
                  to=referral.referrer,
                  context={**context, "reasons": [_words(r, asked) for r in reasons], **seen,
                           **referral.anonymised, "needed_now": late},
                  in_reply_to=event.form.message_id, thread=True),
        SendEmail(key=f"{key}:team", template=held_template("placements_team", held),
                  to=authority.placements_team, context=context),
        # One reminder per hold, keyed by when the hold began.
        SetDeadline(DeadlineKind.REVIEW_EXPIRY, world.now + timeout,
                    seq=int(world.now.timestamp())),
    ]
    told = seen.get("reasons") or [_words(r) for r in reasons]
    return accepted(held, commands, str(State.HELD), reasons[0],
                    f"{referral.reference} is held before it goes to providers: "
                    f"{', '.join(told)}. Reply SEND to let it go.")


def held_template(recipient: str, snapshot: Snapshot) -> str:
    """The held email's template: `<recipient>/held`, or `<recipient>/held_unproved` (the same
    words) when nothing proved who sent the form. Those are answers a stranger's mail can
    cause, so workflows/answer_limits.py counts them by that name: a flood of forged forms
    in a social worker's name cannot fill her inbox, or the team's, with held emails."""
    unproved = UNAUTHENTICATED in reasons_of(snapshot)
    return f"{recipient}/held{'_unproved' if unproved else ''}"


def _context(snapshot: Snapshot, asked: dict[str, str] | None = None) -> dict[str, Any]:
    """The placements team's held email's context (the social worker's adds to it). Asked for
    one provider only, the team gets the anonymised referral to send that provider."""
    reasons, asked = reasons_of(snapshot), asked or {}
    one = ONE_PROVIDER in reasons
    return {"reference": snapshot.reference, "referrer": snapshot.referral.referrer,
            "reasons": [_words(r, asked, team=True) for r in reasons],
            "duplicates": list(snapshot.duplicates), "differs": _differs(snapshot),
            "team_only": bool(_team_only(snapshot)), **send_would(snapshot),
            "one_provider": one, "asked": asked, "disregard": DISREGARD in reasons,
            **(dict(snapshot.referral.anonymised) if one else {}),
            "changed": []}  # what the held message changed: told when held (`hold`), not again


def _differs(snapshot: Snapshot) -> list[str] | None:
    """Rule `duplicate-differences`: the labels of the fields this referral gives otherwise
    than the child's first other referral ([] when the two say the same), or None when
    there is none to compare (not a duplicate, or its fields purged)."""
    if not snapshot.duplicates or not snapshot.duplicate_fields:
        return None
    return what_differs(snapshot.referral.raw_fields, snapshot.duplicate_fields,
                        snapshot.world.referral_spec, snapshot.world.today)


def send_would(snapshot: Snapshot) -> dict[str, Any]:
    """Rule `say-what-send-does`: what SEND would do now, said beside it in the held emails:
    how many providers its first wave would go to (`send_to`; 0: none is eligible today) and
    whether later waves follow (`later_waves`). For a second referral of the same child SEND
    sends the child to those providers again, as well as the other referral, so the emails
    say that, and WITHDRAW when it repeats the other, in those words (not a bare SEND)."""
    from workflows.waves import open_next, planned_waves

    opened = open_next(snapshot, "first-wave")
    wave = opened.wave
    later = len(planned_waves(opened.snapshot)) > len(opened.snapshot.waves)
    return {"send_to": wave.providers if wave else 0, "later_waves": bool(wave) and later}


def _team_only(snapshot: Snapshot) -> set[str]:
    """The reasons only the placements team may release: a possible duplicate among them
    when the referrer may not be told of it."""
    reasons = set(reasons_of(snapshot))
    return reasons & (TEAM_ONLY if _may_know_of_duplicates(snapshot) else TEAM_ONLY | {DUPLICATE})


def _may_know_of_duplicates(snapshot: Snapshot) -> bool:
    """Whether the referrer may be told that the child has another referral: a social worker
    the directory names for the authority, whose mail was proved."""
    authority, referrer = snapshot.authority, snapshot.referral.referrer.lower()
    return (UNAUTHENTICATED not in reasons_of(snapshot) and authority is not None
            and referrer in {address.lower() for address in authority.referrers})


def _as_the_referrer_sees_it(snapshot: Snapshot,
                             asked: dict[str, str] | None = None) -> dict[str, Any]:
    """The held email's reasons for its sender: another referral of the child is named only
    to a referrer who may know of it; to anyone else the team checks it, and sends it."""
    if _may_know_of_duplicates(snapshot) or DUPLICATE not in reasons_of(snapshot):
        return {}
    return {"duplicates": [], "team_only": True,
            "reasons": [_told(r, asked) for r in reasons_of(snapshot)]}


def _told(reason: str, asked: dict[str, str] | None = None) -> str:
    """A reason in the words for someone who may not know of another referral."""
    return "your placements team checks it before it goes" if reason == DUPLICATE else _words(
        reason, asked)


_UNQUOTED = " (its words are not quoted: we could not confirm who sent the email)"


def _words(reason: str, asked: dict[str, str] | None = None, team: bool = False) -> str:
    """A reason in words: to the social worker ("your email"), or to the team ("the social
    worker's email"). Asked for one provider only, the provider is named and the sentence
    quoted (rule `one-provider-told`)."""
    if reason == DISREGARD:
        whose = "the social worker's note" if team else "your note"
        said = (asked or {}).get("disregard")
        if (asked or {}).get("unquoted"):
            return f"{whose} above the form asks for it not to be acted on{_UNQUOTED}"
        return (f"{whose} above the form asks for it not to be acted on"
                + (f': "{said}"' if said else " (to disregard it, or no placement needed)"))
    if reason == ONE_PROVIDER:
        whose = "the social worker's email" if team else "your email"
        if not asked:
            return (f"{whose} asks for it to go to one provider only (or says it is a move "
                    "within one provider)")
        who = asked.get("provider") or "one provider"
        if not asked.get("sentence"):  # a reminder (the provider was kept, not the email), or
            return f"{whose} asks for it to go to {who} only" + _UNQUOTED * bool(  # unproved
                asked.get("unquoted"))
        return f'{whose} asks for it to go to {who} only: "{asked["sentence"]}"'
    return {UNAUTHENTICATED: "we could not confirm the email really came from the sender",
            DUPLICATE: "the same child has another open or recent referral",
            UNPROVED_CHANGE: "a later message we could not confirm came from the sender changed "
                             "the form",
            "review-by-referrer": "the referrer checks the anonymised text first",
            "review-by-team": "the placements team checks the anonymised text first",
            }.get(reason, reason)


def on_send(snapshot: Snapshot, event: BroadcastApproved) -> Decision:
    """SEND: the broadcast, if this person may release this hold."""
    from workflows.intake import broadcast_now
    from workflows.permissions import OPERATOR, TEAM, roles_of

    reasons = set(reasons_of(snapshot))
    if (team_only := _team_only(snapshot)) and not roles_of(snapshot, event) & {TEAM, OPERATOR}:
        return refused(snapshot, event, "Only the placements team can send this referral: "
                       f"{', '.join(_told(r) for r in sorted(team_only))}.",
                       "hold-needs-the-team")
    message = _message(snapshot)
    decision = broadcast_now(snapshot, message, "released-after-review")
    released = RecordEvent("released", {"by": event.actor.address or event.actor.name,
                                        "reasons": sorted(reasons)})
    return Decision(decision.snapshot, (released, *decision.commands), decision.answer,
                    decision.rule)


def _message(snapshot: Snapshot) -> Any:
    from workflows.events import FormMessage

    return FormMessage(snapshot.referral.referrer, snapshot.referral.subject, "",
                       snapshot.referral.raw_fields, sent_on=snapshot.world.today)


def on_review_expiry(snapshot: Snapshot, event: DeadlineDue) -> Decision:
    if snapshot.state != State.HELD:
        return declined(snapshot, [], "expiry-ignored", "no-longer-held",
                        "The referral is no longer held.")
    command = SendEmail(key=f"{snapshot.reference}:held-reminder:{event.key}",
                        template=held_template("placements_team", snapshot),
                        to=snapshot.authority.placements_team,
                        context={**_context(snapshot, _asked_before(snapshot)),
                                 "reminder": True})
    return declined(snapshot, [RecordEvent("held-reminder"), command], "still-held",
                    "review-time-out", "The placements team has been reminded.")


def _asked_before(snapshot: Snapshot) -> dict[str, str]:
    """For the reminder, decided from the referral alone (it keeps no email text): the
    provider its email asked for alone, as read when it was held (rule `one-provider-told`),
    without the sentence; {} when none was named."""
    provider = snapshot.held_provider if ONE_PROVIDER in reasons_of(snapshot) else ""
    return {"provider": provider} if provider else {}

"""A correction to a referral that providers are already answering.

While a wave is open (`open`), the referring social worker or her placements team may reply
on the referral's thread with corrected lines ("Needed from: 08/12/2026"). A proved
correction that the form accepts, that leaves the referral fitting exactly the providers it
fitted, and that changes what providers were sent, is recorded and sent at once to every
provider that has the referral, anonymised as the referral was, with what changed. The
social worker is told what went and to how many.

Everything else is answered and nothing changes: a correction with problems (each named:
among them a Needed from day long past on a referral that is not an emergency, rule
`needed-from-long-past`, workflows/needed.py, as intake asks it), one
that would change which providers the referral fits (withdraw and refer again: the
placements team is told too, with the lines and the providers it would drop), one that
looks like another child's form (send it as a new email), and one nothing proves came from
its sender (the placements team can send it). A correction that changes nothing providers
see (a corrected NHS number) is recorded on the referral only.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from broker.anonymise import anonymise
from broker.anonymise.anonymiser import anonymise_texts
from broker.eligibility import MatchRequest, match
from broker.forms.referral import check_referral
from broker.referral import FieldProblem, ReferralForm
from workflows.commands import Command, RecordChildKeys, RecordEvent, SendEmail
from workflows.duplicates import child_keys
from workflows.events import FormReceived
from workflows.needed import with_long_past
from workflows.snapshot import Decision, Snapshot, accepted, declined
from workflows.states import State

# What providers were sent of the profile, labelled as their referral email labels it.
SHOWN = (("age", "Age"), ("gender", "Gender"), ("area", "Child's area"),
         ("placement_type", "Placement type"), ("urgency", "Urgency"),
         ("needed_from", "Needed from"), ("duration", "Expected duration"),
         ("siblings", "Children to place together"), ("needs", "Needs"),
         ("legal_status", "Legal status"), ("ethnicity", "Ethnicity"), ("religion", "Religion"),
         ("language", "First language"))
TEXTS = (("background", "Background and risks"), ("strengths", "Strengths and interests"),
         ("wishes", "Child's wishes"), ("location", "Location requirements"),
         ("education", "Education"))


def applies(snapshot: Snapshot, event: FormReceived) -> bool:
    """Whether a form message after broadcast is a correction to weigh here: the referral is
    out with providers, and the message gives at least one line that differs."""
    before = snapshot.referral.raw_fields
    return snapshot.state == State.OPEN and any(
        before.get(key) != value for key, value in event.form.fields.items())


def on_correction(snapshot: Snapshot, event: FormReceived) -> Decision:
    referral, world = snapshot.referral, snapshot.world
    message = event.form
    if not event.actor.authenticated:
        return _refused(snapshot, event, "unproved", [])
    fields = {**referral.raw_fields, **message.fields}
    if _another_child(referral.raw_fields.get("child_name", ""), fields.get("child_name", "")):
        return _refused(snapshot, event, "another-child", [])
    on = message.sent_on or world.today
    form, problems = check_referral(fields, world.referral_spec, message_date=on,
                                    conflicts=list(message.conflicts),
                                    conflicting=message.conflicting)
    before, _ = check_referral(dict(referral.raw_fields), world.referral_spec, message_date=on)
    if "needed_from" in message.fields and form.needed_from != before.needed_from:
        problems = with_long_past(form, problems, world.referral_spec, on)
    if problems:
        return _refused(snapshot, event, "problems", problems)
    fitted, fits = _fits(snapshot, before), _fits(snapshot, form)
    if fitted != fits:
        return _held_for_fit(snapshot, event, fitted, fits)
    if any(_LINK.search(value) for value in message.fields.values()):
        return _refused(snapshot, event, "link", [])
    anonymised = _anonymised(snapshot, form, before)
    changes = _changes(referral.anonymised, anonymised, world.describe_date)
    corrected = snapshot.with_referral(raw_fields=fields, anonymised=anonymised,
                                       urgency=form.urgency or referral.urgency)
    keys = RecordChildKeys(child_keys(fields, world.sign, world.today))
    digest = form_digest(event)
    record = RecordEvent("corrected", {"fields": sorted(message.fields), "providers":
                                       len(snapshot.recipients) if changes else 0})
    told = _tell_social_worker(corrected, event, "social_worker/correction_sent",
                               {"changes": changes, "providers": len(snapshot.recipients),
                                **({} if changes else _recorded(world.referral_spec,
                                                                message.fields))})
    if not changes:
        return accepted(corrected, [keys, record, told], "corrected", "correction-not-shown",
                        "The correction is recorded; what providers were sent is unchanged.")
    if snapshot.corrections_today >= CORRECTIONS_PER_DAY:
        return _refused(snapshot, event, "too-many", [])
    wave = snapshot.open_wave
    closes = wave.closes_at if wave else None  # the window it may still answer in
    sent = [SendEmail(key=f"{referral.reference}:correction:{digest}:{r.establishment}",
                      template="provider/referral_corrected", to=r.contact,
                      context={"reference": referral.reference, "establishment": r.name,
                               "changes": changes, "deadline": closes, **anonymised},
                      reply_to=world.reply_address(referral.id, r.establishment),
                      establishment=r.establishment)
            for r in snapshot.recipients.values()]
    return accepted(corrected, [keys, record, *sent, told], "corrected", "correction-sent",
                    f"The correction went to {len(sent)} provider(s).")


# Fields providers are never sent, besides those the form marks identifying
_NEVER_SENT = frozenset({"child_name", "date_of_birth", "budget_weekly"})


def _recorded(spec: Any, fields: Mapping[str, str]) -> dict[str, Any]:
    """A correction that changed nothing providers were sent, as her answer says it: her
    lines under their labels (`recorded`), and the labels of what providers never see
    (`unseen`; [] when some of it is seen and simply reads the same to them)."""
    keys = sorted(fields)
    label = {key: spec.field(key).label if key in spec.keys else key for key in keys}
    unseen = [label[key] for key in keys if key in spec.keys
              and (key in _NEVER_SENT or spec.field(key).identifying)]
    return {"recorded": [f"{label[key]}: {fields[key]}" for key in keys],
            "unseen": unseen if len(unseen) == len(keys) else []}


# Corrections a referral's providers are sent in any 24 hours: a busy social worker fixes a
# date and a need; more is a loop, or someone writing in her name, and goes no further.
CORRECTIONS_PER_DAY = 3
# A link in a correction would reach every home in the service's voice ("the papers are now
# at …"): the placements team sends such a thing itself.
_LINK = re.compile(r"(?i)\b(?:https?://|www\.)|(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com"
                   r"|org|net|uk|io|co|info|biz|link|app|site|online|example)\b(?![@.\w-])")


def _anonymised(snapshot: Snapshot, form: ReferralForm, before: ReferralForm) -> dict[str, Any]:
    """The corrected form anonymised as the first was, and then again with the identifiers
    it replaced: a nickname or an address corrected still appears, unchanged, in the
    background the correction left as it was ("found twice at Larkspur Row")."""
    world = snapshot.world
    anonymised = anonymise(form, authority=snapshot.authority.name, today=world.today).to_json()
    texts = anonymised.get("text", {})
    keys = [key for key, value in texts.items() if value]
    again = anonymise_texts(before, [texts[key] for key in keys])
    anonymised["text"] = {**texts, **dict(zip(keys, again, strict=True))}
    return anonymised


def _fits(snapshot: Snapshot, form: ReferralForm) -> frozenset[str]:
    """The establishments the form fits now, whatever wave would ask them."""
    result = match(snapshot.world.directory, MatchRequest.from_referral(
        form, snapshot.authority.key, snapshot.world.today))
    return frozenset(e.establishment_key for e in result.eligible)


def _changes(before: Mapping[str, Any], after: Mapping[str, Any],
             describe_date: Any) -> list[dict[str, str]]:
    """What providers were sent that now reads otherwise: label, was, now."""
    old, new = before.get("profile", {}), after.get("profile", {})
    changes = [{"label": label, "was": _shown(old.get(key), key, describe_date),
                "now": _shown(new.get(key), key, describe_date)}
               for key, label in SHOWN if old.get(key) != new.get(key)]
    old_text, new_text = before.get("text", {}), after.get("text", {})
    changes += [{"label": label, "was": "", "now": new_text.get(key) or "not given"}
                for key, label in TEXTS if (old_text.get(key) or "") != (new_text.get(key) or "")]
    # (a text's old words are not sent again: a social worker may be correcting it because
    # something in it should never have gone)
    return changes


def _shown(value: Any, key: str, describe_date: Any) -> str:
    if value in (None, "", []):
        return "not given"
    if key == "needed_from":
        return str(describe_date(date.fromisoformat(str(value))))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


_FIRST_NAME = re.compile(r"[^\W\d_]{2,}")


def _another_child(before: str, after: str) -> bool:
    """Whether a correction's child's name is another child's: its first name is another
    (a surname corrected, or a spelling one letter out, is the same child)."""
    one, two = _FIRST_NAME.search(before or ""), _FIRST_NAME.search(after or "")
    if one is None or two is None:
        return False
    first, second = one[0].casefold(), two[0].casefold()
    return first != second and not (len(first) == len(second) and sum(
        a != b for a, b in zip(first, second, strict=True)) == 1)


_WHY = {
    "unproved": "Nothing shows that this message came from you (it was not signed by your "
                "council's mail system), so nothing was changed or sent to providers. Please "
                "ask your placements team to send the correction.",
    "another-child": "The child's name in your message is not the name in the referral, so "
                     "it looks like another child's referral. Nothing was changed. To refer "
                     "another child, send the form as a new email (not a reply) to the "
                     "referrals address.",
    "problems": "Nothing was changed or sent to providers, because the corrected form has "
                "these problems:",
    "link": "A correction cannot carry a web address to providers, so nothing was changed "
            "or sent. If providers need a link, your placements team can send it to them.",
    "too-many": f"Providers have been sent {CORRECTIONS_PER_DAY} corrections to this referral "
                "in the last day, so this one was not sent and nothing was changed. Please "
                "put the remaining corrections together in one reply tomorrow, or ask your "
                "placements team to tell providers.",
    "eligibility": "So this correction was not sent: providers who no longer fit would keep "
                   "the referral, and those who now fit would never see it. Nothing was "
                   "changed. Please speak to your placements team: they can withdraw the "
                   "referral and send the corrected one as a new referral, if that is right "
                   "for the child.",
    "eligibility-told": "So this correction was not sent: providers who no longer fit would "
                        "keep the referral, and those who now fit would never see it. Nothing "
                        "was changed. Your placements team has been told ({team}), with the "
                        "correction and the providers it concerns: they can withdraw the "
                        "referral and send the corrected one as a new referral, if that is "
                        "right for the child. Please speak to them about it.",
}


def _refused(snapshot: Snapshot, event: FormReceived, why: str,
             problems: list[FieldProblem], detail: str = "",
             also: tuple[Command, ...] = (), team: str = "",
             held: tuple[str, ...] = ()) -> Decision:
    """She is told why her correction was not sent; one held for its fit (`held`) is shown
    to her line by line as she sent it, as the placements team is shown it."""
    said = f"{detail} {_WHY[why].format(team=team)}" if detail else _WHY[why]
    told = _tell_social_worker(snapshot, event, "social_worker/correction_refused",
                               {"why": said, "problems": problems, "held": list(held)})
    why = why.removesuffix("-told")
    return declined(snapshot, [RecordEvent("correction-refused", {"why": why}), *also, told],
                    "correction-refused", f"correction-{why}", said)


def _held_for_fit(snapshot: Snapshot, event: FormReceived, fitted: frozenset[str],
                  fits: frozenset[str]) -> Decision:
    """A correction that would change which providers the referral fits: not sent, and the
    placements team told (the lines, whose providers it would drop, how many it would add,
    what she was told), since only they can withdraw it and refer again."""
    fields = event.form.fields
    lost, gained = fitted - fits, fits - fitted
    detail = _fit_changed(snapshot, fields, len(lost), len(gained))
    team = snapshot.authority.placements_team if snapshot.authority else ""
    spec, before = snapshot.world.referral_spec, snapshot.referral.raw_fields
    lines = [f"{spec.field(key).label if key in spec.keys else key}: {value}"
             for key, value in fields.items() if before.get(key) != value]
    if not team:
        return _refused(snapshot, event, "eligibility", [], detail, held=tuple(lines))
    dropped = sorted(r.name for key, r in snapshot.recipients.items() if key in lost)
    tell = SendEmail(
        key=f"{snapshot.reference}:correction-held:{form_digest(event)}",
        template="placements_team/correction_held", to=team,
        context={"reference": snapshot.reference, "referrer": snapshot.referral.referrer,
                 "lines": lines, "dropped": dropped or [f"{len(lost)} provider(s)"] if lost
                 else [], "gained": len(gained)})
    return _refused(snapshot, event, "eligibility-told", [], detail, (tell,), team,
                    tuple(lines))


def _fit_changed(snapshot: Snapshot, fields: Mapping[str, str], lost: int, gained: int) -> str:
    """Which of the correction's fields changed the fit, and for how many providers."""
    spec = snapshot.world.referral_spec
    before = snapshot.referral.raw_fields
    labels = [spec.field(key).label if key in spec.keys else key
              for key, value in fields.items() if before.get(key) != value]
    counts = [f"{lost} provider{'s that have' if lost != 1 else ' that has'} the referral "
              "would no longer fit it" if lost else "",
              f"{gained} that do not have it would" if gained else ""]
    return (f"With the new {', '.join(labels)}, " + " and ".join(c for c in counts if c)
            + ".")


def _tell_social_worker(snapshot: Snapshot, event: FormReceived, template: str,
                        context: dict[str, Any]) -> Command:
    return SendEmail(key=f"{snapshot.reference}:{template}:{form_digest(event)}", template=template,
                     to=event.actor.address or snapshot.referral.referrer,
                     context={"reference": snapshot.reference, **context},
                     in_reply_to=event.form.message_id,
                     references=(event.form.message_id,) if event.form.message_id else ())


def form_digest(event: FormReceived) -> str:
    """A stable key per inbound message, so a replayed message is answered (or a correction
    sent) once."""
    return hashlib.sha256((event.key or event.form.message_id or "-").encode()).hexdigest()[:12]

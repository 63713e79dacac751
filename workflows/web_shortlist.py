"""A shortlist given on the web page is recorded only once its giver confirms it from her own
inbox.

The shortlist page opens for whoever holds its link, and a link travels: the comparison
email is forwarded, printed, pasted into a case note. So a link alone must not be enough to
put a shortlist, with the child's and the parents' views, to the commissioners in the social
worker's name. What is typed on the page is checked at once, by the same tables as
`SHORTLIST A, C` by email, and kept pending; the address the page's link names (the social
worker's, or the placements team's for the team's copy) is emailed a link that works once,
until `CONFIRM_TTL` has passed, and only by the button its page shows (a POST: a mail
scanner that follows links cannot confirm). Confirmed, it is the `Shortlisted` event of that
address, proved by the inbox the link went to. The emailed `SHORTLIST` from a proved sender
is unchanged.

Rules, by name:
- `proposal-checked`: a shortlist given on the page is refused at once, with the same words
  as by email, when the referral cannot be shortlisted now, when the link's holder could not
  shortlist it, or when the form has problems; nothing is emailed.
- `proposals-per-hour`: past `PER_HOUR` shortlists given through one link in an hour, or
  `PER_DAY` in 24 hours, the page says so and emails nothing more, so that a stranger
  holding the link cannot fill the social worker's inbox (her `SHORTLIST` by email still
  works). A link is known by the address it names (each recipient has her own), so a
  forwarded link used up leaves the others' alone: the placements team's copy, or the
  social worker's own when the team's went astray. Over all of a referral's links,
  `PER_REFERRAL_DAY` in 24 hours is a ceiling no genuine use comes near.
- `typed-words-stay-off-email`: the confirm email names the options (the service's own
  words) and says whether views were given, never the views as typed: whoever holds the
  page's link must not write what the service emails, in its name, with its links. The
  views are shown on the confirm page, behind the one-time link.
- `confirm-says-what-it-replaces`: the confirm email and its page say that the shortlist
  came from the web page, and which shortlist with the commissioners it would replace.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from workflows.commands import SendEmail
from workflows.events import Actor, Shortlisted
from workflows.lifecycle import TRANSITIONS
from workflows.permissions import authorise
from workflows.placement import option_by_label, shortlist_problems
from workflows.ports import Answer
from workflows.snapshot import Snapshot
from workflows.states import State

CONFIRM_TTL = timedelta(hours=24)
PER_HOUR = 5  # through one link (to one recipient)
PER_DAY = 10  # in 24 hours: a genuine social worker changes her mind a few times
PER_REFERRAL_DAY = 30  # in 24 hours, through all of a referral's links together
CONFIRM_PATH = "/shortlist/confirm/"  # + the token: the link in the confirm email
CANNOT_NOW = "This referral cannot be shortlisted now, so nothing was recorded."
TOO_MANY = (f"{PER_HOUR} shortlists have been given on this page in the last hour, so no "
            "more are taken from it for now. Confirm the one you want from its email, or "
            "reply to the comparison email with SHORTLIST and the letters.")
TOO_MANY_TODAY = (f"{PER_DAY} shortlists have been given on this page in the last 24 hours, so "
                  "no more are taken from it for now. Confirm the one you want from its "
                  "email, or reply to the comparison email with SHORTLIST and the letters.")
TOO_MANY_IN_ALL = (f"{PER_REFERRAL_DAY} shortlists have been given on this referral's pages in "
                   "the last 24 hours, so no more are taken from them for now. Confirm the "
                   "one you want from its email, or reply to the comparison email with "
                   "SHORTLIST and the letters.")
SENT = ("Nothing is recorded yet. We have emailed a link to confirm this shortlist to the "
        "address this page's link was sent to: it goes to the commissioners once it is "
        "confirmed from there. The link works once, within 24 hours.")


def confirmed_by(address: str) -> Actor:
    """Who a confirmed shortlist is from: the address the confirm link was emailed to, which
    the one-time link from that inbox proves."""
    return Actor(address.lower(), channel="web", authenticated=True)


def given_views(parents_views: str, child_views: str, parents_reason: str = "",
                child_reason: str = "") -> dict[str, str]:
    """The views as a shortlist records them: a reason only when one was given."""
    views = {"parents": parents_views.strip(), "child": child_views.strip(),
             "parents_reason": parents_reason.strip(), "child_reason": child_reason.strip()}
    return {k: v for k, v in views.items() if v or not k.endswith("reason")}


def given_lately(given: Iterable[tuple[datetime, str]], address: str,
                 now: datetime) -> tuple[int, int, int]:
    """Rule `proposals-per-hour`: of the shortlists given on a referral's pages in the last
    24 hours (when, and the address of the link each came through), how many came through
    `address`'s link in the last hour and in the 24 hours, and how many through all."""
    recent = [(at, to.lower()) for at, to in given if at > now - timedelta(hours=24)]
    mine = [at for at, to in recent if to == address.lower()]
    return sum(at > now - timedelta(hours=1) for at in mine), len(mine), len(recent)


def check_proposal(snapshot: Snapshot, address: str, labels: tuple[str, ...],
                   views: Mapping[str, str], given_last_hour: int,
                   given_last_day: int = 0, given_in_all_last_day: int = 0) -> Answer | None:
    """None when the shortlist may wait for its confirmation; otherwise why not (rules
    `proposal-checked`, `proposals-per-hour`: the counts are `given_lately`'s)."""
    probe = Shortlisted(actor=confirmed_by(address), labels=labels, views=dict(views))
    if Shortlisted not in TRANSITIONS.get(State(snapshot.referral.state), {}):
        return Answer(False, CANNOT_NOW, reference=snapshot.reference)
    refusal = authorise(snapshot, probe)
    if refusal is not None:
        return Answer(False, refusal.answer.message, reference=snapshot.reference)
    problems = shortlist_problems(snapshot, labels, dict(views))
    if problems:
        return Answer(False, "Please correct the shortlist.", [dict(p) for p in problems],
                      reference=snapshot.reference)
    if given_last_hour >= PER_HOUR:
        return Answer(False, TOO_MANY, reference=snapshot.reference)
    if given_last_day >= PER_DAY:
        return Answer(False, TOO_MANY_TODAY, reference=snapshot.reference)
    if given_in_all_last_day >= PER_REFERRAL_DAY:
        return Answer(False, TOO_MANY_IN_ALL, reference=snapshot.reference)
    return None


def confirm_context(snapshot: Snapshot, labels: list[str] | tuple[str, ...],
                    views: Mapping[str, str]) -> dict[str, Any]:
    """What the confirm email and its page show: the options, the views, and the shortlist
    with the commissioners that confirming would replace (rule
    `confirm-says-what-it-replaces`)."""
    chosen = [option_by_label(snapshot, label) for label in labels]
    return {"reference": snapshot.reference,
            "options": [{"label": o.label, "home": o.home} for o in chosen if o is not None],
            "views": dict(views), "replaces": replaces(snapshot)}


def replaces(snapshot: Snapshot) -> dict[str, Any]:
    """The shortlist a new one would replace: the round with the commissioners now, with
    when and by whom it was given; {} when none is waiting."""
    round_ = snapshot.current_round
    if round_ is None or round_.outcome != "pending":
        return {}
    return {"round": round_.round, "labels": list(round_.labels), "at": round_.at,
            "by": round_.by}


def confirm_email(snapshot: Snapshot, pending_id: int, address: str,
                  labels: list[str] | tuple[str, ...], views: Mapping[str, str], link: str,
                  expires_at: datetime) -> SendEmail:
    """The email with the confirm link, to the address the page's link names (never the
    service's own: EngineParts.apply drops those). Nothing typed on the page is in it (rule
    `typed-words-stay-off-email`): only whether each view was given or not sought."""
    shown = {k: v for k, v in confirm_context(snapshot, labels, views).items() if k != "views"}
    return SendEmail(key=f"{snapshot.reference}:shortlist-confirm:{pending_id}",
                     template="social_worker/shortlist_confirm", to=address,
                     context={**shown, "views_given": views_given(views), "link": link,
                              "expires_at": expires_at})


def views_given(views: Mapping[str, str]) -> dict[str, bool]:
    """For each of the parents' and the child's views, whether it was given (or else a
    reason it was not sought): what the confirm email may say of them."""
    return {who: bool(str(views.get(who, "")).strip()) for who in ("parents", "child")}

"""Offers a reply makes that are not this home's whole answer, passed to the people who decide.

Rule `other-home-offer-passed-on`: a provider answering for this home may offer a place at
another of its homes ("Harbour House is full I'm afraid, but our other home Harbour Mews has a
bed: £5,100 pw from 14/12/2026", "We could offer at either of our homes: …"). Only this home's
answer is recorded from the reply (broker/forms/other_homes.py); what it says of the other
home, its fee in the provider's words, goes to the placements team, and to the social worker
too when that home was sent this referral and is still taking referrals (it may then also
answer on its own email). A home that was not sent the referral is never sent it by the
service: the team decides, and its email says so. A reply whose other homes only say no
("Elm Court: full") passes nothing on.

Rule `offer-for-some-children`: for a sibling group, a reply that offers for some of the
children and not all ("We could offer the older girl a place …, but we can't take her younger
brother") is no decline and no offer for the group: it is recorded as interest, its fee and
start not the group's (broker/forms/some_children.py), flagged "offers for some of the children
only", and its words go to the social worker and the placements team; never ranked as a whole
offer.

Both emails are recorded as words passed on (`words-passed-on`, by fingerprint): the same words
are not passed on again, and they count against rule `questions-per-day` and are held by it
as questions are (`questions-held`; never words about the child's safety): anyone holding a
home's reply address could otherwise send the social worker and the team an email a reply,
each in new words (`passed_on`, which workflows/offer_kind.py's emails go through too).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from broker.forms.other_homes import about_this_home
from broker.quoting import provider_words, without_links
from workflows.commands import Command, RecordEvent, SendEmail
from workflows.events import ReplyReceived
from workflows.passed_on import own_words
from workflows.safety import about_safety
from workflows.snapshot import Snapshot

SOME_CHILDREN_ONLY = "Offers for some of the children only"
_LIMIT = 1_000
# What the other homes' part must say to be passed on: a fee, or a place ("has a bed", "could
# offer", "can take her"); a no alone ("Elm Court: full", "can't take her") is not.
_A_FEE = re.compile(r"£[ \t]?\d|\b\d[\d,.]*[ \t]?k?[ \t]?(?:pw|p/w|per[ \t]+week|a[ \t]+week)\b",
                    re.IGNORECASE)
_A_PLACE = re.compile(r"\b(?:offer\w*|beds?|vacanc\w*|space|room|available|take|accommodate)\b",
                      re.IGNORECASE)
_A_NO = re.compile(r"\b(?:full|no[ \t]+(?:bed|vacanc\w*|space|room)s?|can['’]?t|cannot|"
                   r"unable|not[ \t]+able|declin\w*|won['’]?t)\b", re.IGNORECASE)


@dataclass(frozen=True)
class OtherHome:
    """Another home of the provider's the reply offers at: its name, whether it was sent this
    referral, and whether the social worker is told too (sent, and taking referrals)."""

    name: str
    sent: bool
    to_her: bool


def other_homes_part(prose: str, name: str, spec: Any) -> str:
    """What the reply says of the provider's other homes: the words broker/forms/other_homes.py
    leaves out of this home's answer, '' when none."""
    words = own_words(prose)
    if not words:
        return ""
    kept = about_this_home(words, name, spec)
    if kept.strip() == words.strip():
        return ""
    said, left = words.split(), kept.split()
    matcher = difflib.SequenceMatcher(a=said, b=left, autojunk=False)
    return " ".join(" ".join(said[i1:i2]) for op, i1, i2, _, _ in matcher.get_opcodes()
                    if op in ("delete", "replace"))


def offers_a_place(part: str) -> bool:
    """Whether the other homes' part offers something: a fee, or a place said without a no."""
    return bool(_A_FEE.search(part)) or (bool(_A_PLACE.search(part))
                                         and not _A_NO.search(part))


def other_homes_named(snapshot: Snapshot, key: str, part: str) -> list[OtherHome]:
    """The provider's other homes (its organisation's, in the directory) that `part` names."""
    directory = snapshot.world.directory
    this = directory.establishment(key)
    if this is None:
        return []
    folded = " ".join(re.findall(r"[\w'’]+", part.casefold()))
    named = []
    for home in directory.establishments.values():
        if home.key == key or home.organisation != this.organisation:
            continue
        words = [w for w in re.findall(r"[\w'’]+", home.name.casefold()) if w != "the"]
        if words and re.search(rf"\b{re.escape(' '.join(words))}\b", folded):
            sent = home.key in snapshot.recipients
            named.append(OtherHome(home.name, sent, sent and home.status == "active"
                                   and not home.paused))
    return named


def other_homes_passed_on(snapshot: Snapshot, event: ReplyReceived, name: str,
                          prose: str) -> tuple[list[Command], dict[str, Any]]:
    """Rule `other-home-offer-passed-on`: the emails that take what the reply offers at the
    provider's other homes to the placements team (and the social worker, when such a home was
    sent this referral and takes referrals), and what the home's acknowledgement says of it."""
    from workflows.responses import question_digest  # (it imports this module)

    if event.reply.auto_submitted or not prose:
        return [], {}
    part = other_homes_part(prose, name, snapshot.world.response_spec)
    if not part or not offers_a_place(part):
        return [], {}
    homes = other_homes_named(snapshot, event.establishment, part)
    words = own_words(prose)
    fingerprint = question_digest(f"other homes: {words}")
    if fingerprint in snapshot.questions_before:
        return [], {}
    to_her = any(home.to_her for home in homes)
    context = {"why": "other_home", "homes": [home.__dict__ for home in homes],
               "to_her": to_her}
    commands = passed_on(snapshot, event, name, words, fingerprint, context, to_her)
    if not any(isinstance(command, SendEmail) for command in commands):
        return commands, {}  # held (rule `questions-per-day`): `held_back` tells the home
    return commands, {"other_homes_to": "the placements team and the social worker"
                      if to_her else "the placements team",
                      "other_homes": [home.__dict__ for home in homes]}


def some_children_passed_on(snapshot: Snapshot, event: ReplyReceived, name: str,
                            prose: str) -> list[Command]:
    """Rule `offer-for-some-children`: the reply's words to the social worker and the
    placements team, flagged as an offer for some of the children only."""
    from workflows.responses import question_digest

    words = own_words(prose)
    fingerprint = question_digest(f"some children: {words}")
    if not words or fingerprint in snapshot.questions_before:
        return []
    return passed_on(snapshot, event, name, words, fingerprint, {"why": "some_children"},
                      True)


def passed_on(snapshot: Snapshot, event: ReplyReceived, name: str, words: str,
              fingerprint: str, context: dict[str, Any], to_her: bool,
              template: str = "offer_apart") -> list[Command]:
    """The emails taking `words` to the placements team (and the social worker when `to_her`,
    or when there is no team), by `template`, and the record of the words passed on."""
    from workflows.responses import QUESTIONS_PER_DAY, digest, questions_held_back

    key, reply, reference = event.establishment, event.reply, snapshot.reference
    if questions_held_back(snapshot) and not about_safety(words):
        return [RecordEvent("questions-held", {"establishment": key, "questions": [fingerprint],
                                               "per_day": QUESTIONS_PER_DAY,
                                               "why": context["why"]})]
    team = snapshot.authority.placements_team if snapshot.authority else ""
    referrer = snapshot.referral.referrer
    context = {**context, "reference": reference, "establishment": name,
               "provider": reply.sender, "team": team,
               "words": provider_words(without_links(words, reply.sender), _LIMIT)}
    to = [("placements_team", team)] if team else []
    if (to_her or not team) and referrer and referrer.casefold() != team.casefold():
        to.append(("social_worker", referrer))
    if not to:
        return []
    why = context["why"]
    return [*(SendEmail(key=f"{reference}:{key}:{why}:{digest(event.key, reply)}:{whom}",
                        template=f"{whom}/{template}", to=address,
                        context={**context, "also_to_her": len(to) > 1}, establishment=key)
              for whom, address in to),
            RecordEvent("words-passed-on", {"establishment": key, "questions": [fingerprint],
                                            "to": "+".join(whom for whom, _ in to),
                                            "why": why})]


def held_back(commands: list[Command]) -> bool:
    """Whether `commands` hold a reply's words back for rule `questions-per-day`."""
    return any(isinstance(command, RecordEvent) and command.kind == "questions-held"
               for command in commands)

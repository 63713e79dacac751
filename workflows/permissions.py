"""Who may do what to a referral: one table of named permissions, checked in one place.

The lifecycle (workflows/lifecycle.py) asks `authorise` before every decision, whatever the
channel. An actor's roles come from the directory: the referral's own social worker
(`referrer`), its authority's placements team (the team address, or a registered placements
officer), a commissioner of that authority, the provider of the establishment an event is
about, the service itself (the scheduler) and the operator at the command line. Colleagues
at the same council are none of these, and may not act on someone else's referral.

Every refusal is answered (an email to whoever wrote; Slack and the web show the sentence)
and recorded on the referral's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from broker.maildomains import is_public_mail_domain
from workflows.commands import Command, RecordEvent, SendEmail
from workflows.confirm import ask_to_confirm
from workflows.events import (
    ApprovalGiven,
    BroadcastApproved,
    ChaseAsked,
    Chosen,
    DeadlineDue,
    Dropped,
    Event,
    FeeAgreed,
    FeeProposed,
    FeeSignedOff,
    FormReceived,
    Levelled,
    NextWave,
    PlacementEnded,
    QuestionAnswered,
    ReplyReceived,
    Shortlisted,
    UnmetDeclared,
    WindowClosed,
    WindowExtended,
    Withdrawn,
)
from workflows.responses import digest, note
from workflows.snapshot import Decision, Snapshot, declined, refused

REFERRER, TEAM, COMMISSIONER = "referrer", "placements-team", "commissioner"
PROVIDER, CHOSEN_PROVIDER = "provider", "chosen-provider"
BUDGET_HOLDER = "budget-holder"
SERVICE, OPERATOR = "service", "operator"
CASE_HOLDERS = frozenset({REFERRER, TEAM, OPERATOR})


@dataclass(frozen=True)
class Permission:
    name: str
    roles: frozenset[str]
    never: frozenset[str] = frozenset()  # roles that may not, whatever else they hold
    needs_authentication: bool = True  # the channel must vouch for the actor's address


PERMISSIONS: dict[type[Event], Permission] = {
    # An unauthenticated form is not refused but held for the team (workflows/review.py).
    FormReceived: Permission("give-the-referral-form", CASE_HOLDERS,
                             needs_authentication=False),
    BroadcastApproved: Permission("release-the-referral", CASE_HOLDERS),
    # Rule: the one who makes a decision never also checks it. Whoever can agree or propose
    # a fee (the social worker, the placements team) never signs it off, and whoever can put
    # a shortlist together never approves one.
    FeeSignedOff: Permission("sign-off-the-fee", frozenset({BUDGET_HOLDER, OPERATOR}),
                             never=frozenset({REFERRER, TEAM})),
    ReplyReceived: Permission("answer-for-the-establishment", frozenset({PROVIDER})),
    WindowExtended: Permission("extend-the-window", CASE_HOLDERS),
    WindowClosed: Permission("close-the-window", CASE_HOLDERS),
    ChaseAsked: Permission("chase-the-silent-homes", CASE_HOLDERS),  # from the console
    # from the console, by a placements officer (workflows/question_answer.py)
    QuestionAnswered: Permission("answer-a-homes-questions", frozenset({TEAM})),
    NextWave: Permission("open-the-next-wave", frozenset({TEAM, OPERATOR})),
    Levelled: Permission("level-the-cascade", frozenset({TEAM, OPERATOR})),
    Shortlisted: Permission("shortlist", CASE_HOLDERS),
    ApprovalGiven: Permission("approve-the-shortlist", frozenset({COMMISSIONER}),
                              never=frozenset({REFERRER, TEAM})),
    Chosen: Permission("choose-the-provider", CASE_HOLDERS),
    FeeProposed: Permission("negotiate-the-fee", CASE_HOLDERS),
    FeeAgreed: Permission("agree-the-fee", CASE_HOLDERS),
    Dropped: Permission("drop-an-option", CASE_HOLDERS),
    UnmetDeclared: Permission("end-as-unmet", CASE_HOLDERS),
    Withdrawn: Permission("withdraw-the-referral", CASE_HOLDERS),
    PlacementEnded: Permission("record-the-ending", CASE_HOLDERS | {CHOSEN_PROVIDER}),
    DeadlineDue: Permission("act-on-a-deadline", frozenset({SERVICE, OPERATOR})),
}


def roles_of(snapshot: Snapshot, event: Event) -> frozenset[str]:
    actor, referral = event.actor, snapshot.referral
    if actor.channel == "scheduler":
        return frozenset({SERVICE})
    if actor.channel == "cli":
        return frozenset({OPERATOR})
    address = actor.address.lower()
    roles = set()
    authority = snapshot.authority
    if address and address == referral.referrer.lower():
        roles.add(REFERRER)
    if authority is not None and address:
        team = {authority.placements_team.lower(),
                *(a.lower() for a in getattr(authority, "placements_officers", ()))}
        if address in team:
            roles.add(TEAM)
        if address in {c.lower() for c in authority.commissioners}:
            roles.add(COMMISSIONER)
        if address in {b.lower() for b in getattr(authority, "budget_holders", ())}:
            roles.add(BUDGET_HOLDER)
    establishment = getattr(event, "establishment", "") or ""
    if establishment and _speaks_for(snapshot, establishment, actor):
        roles.add(PROVIDER)
    if referral.chosen and _speaks_for(snapshot, referral.chosen, actor):
        roles.add(CHOSEN_PROVIDER)
    return frozenset(roles)


def permitted(snapshot: Snapshot, event: Event) -> frozenset[type[Event]]:
    """The kinds of event the actor of `event` may make on this referral, by the table: what
    to suggest to them (a social worker is never shown `NEXT WAVE`, the team's alone)."""
    roles = roles_of(snapshot, event)
    return frozenset(kind for kind, permission in PERMISSIONS.items()
                     if roles & permission.roles and not roles & permission.never)


def _speaks_for(snapshot: Snapshot, establishment: str, actor: Any) -> bool:
    """The actor's address speaks for the establishment, and if the message came through an
    establishment's private way in (`Actor.vouched_for`), through that establishment's: a
    provider replying to its own reply address cannot act as the home that was chosen."""
    vouched = getattr(actor, "vouched_for", "")
    return (not vouched or vouched == establishment) and speaks_for(
        snapshot.world.directory, establishment, actor.address.lower())


def speaks_for(directory: Any, establishment_key: str, address: str) -> bool:
    """The establishment's own referral address, its organisation's, or any address at the
    organisation's domains; never any address at a public mail service's domain (rule
    PUBLIC_MAIL_SERVICES, broker/maildomains.py: anyone can have one) but those listed."""
    establishment = directory.establishment(establishment_key)
    if establishment is None or not address:
        return False
    organisation = directory.organisation(establishment.organisation)
    contacts = {c.lower() for c in establishment.contacts}
    contacts |= {c.lower() for c in getattr(organisation, "contacts", []) or []}
    domains = {d.lower() for d in getattr(organisation, "domains", []) or []}
    domain = address.rpartition("@")[2]
    return address in contacts or (domain in domains and not is_public_mail_domain(domain))


def authorise(snapshot: Snapshot, event: Event) -> Decision | None:
    """None when the actor may do this; otherwise the refusal, answered and recorded."""
    permission = PERMISSIONS[type(event)]
    roles = roles_of(snapshot, event)
    allowed = bool(roles & permission.roles) and not roles & permission.never
    if allowed and (event.actor.authenticated or not permission.needs_authentication):
        return None
    if isinstance(event, ReplyReceived):
        return _quarantine(snapshot, event)
    if not allowed and not known_and_proved(snapshot, event.actor):
        return _refused_as_unknown(snapshot, event, permission)
    if allowed and event.actor.to_confirm and event.actor.message_id:
        return ask_to_confirm(snapshot, event, permission.name)
    why = (SENT_ELSEWHERE_WHY if allowed and getattr(event.actor, "sent_elsewhere", False)
           else _why(snapshot, permission, roles, allowed, event.actor.address))
    decision = refused(snapshot, event, why, f"permission:{permission.name}", "not-permitted")
    recorded = RecordEvent("refused", {"permission": permission.name,
                                       "by": event.actor.address or event.actor.name,
                                       "channel": event.actor.channel,
                                       "authenticated": event.actor.authenticated})
    commands = [recorded, *decision.commands]
    if allowed:  # the right person's address, unproven: perhaps forged, so the team hears
        commands += _tell_team_unauthenticated(snapshot, event)
    return declined(snapshot, commands, "not-permitted", decision.rule, why)


def _tell_team_unauthenticated(snapshot: Snapshot, event: Event) -> list[Command]:
    authority = snapshot.authority
    if authority is None:
        return []
    from workflows.lifecycle import EVENT_WORDS  # the table's own words for the event

    return [SendEmail(key=f"{snapshot.reference}:unauthenticated:{event.key}",
                      template="placements_team/unauthenticated", to=authority.placements_team,
                      context={"reference": snapshot.reference, "sender": event.actor.address,
                               "instruction": EVENT_WORDS.get(type(event), "an instruction"),
                               "sent_elsewhere": getattr(event.actor, "sent_elsewhere", False)})]


# A proved sender's email that was addressed to someone else and sent on to the service,
# or a reply to a request to confirm one that still does not show it answers the service.
SENT_ELSEWHERE_WHY = (
    "This email was not sent to the placement service: it was addressed to someone else (or "
    "sent to the service only as a blind copy) and has reached the service from there, or "
    "its subject line lost the code in square brackets (such as [#k7q2p9ab]) that shows it "
    "answers the service's email, so nothing was changed. An instruction counts only in an "
    "email you send to the service itself. If you meant it, reply to this email with the "
    "instruction on its first line, keeping the subject line as it is.")


# What a stranger is told for a reference it may not act on: the very answer to a reference
# that names no referral on that route (workflows/intake.py: UNADDRESSED_TEMPLATES), to a
# council's address and to anyone else's.
AS_UNKNOWN = {True: "sender/unknown_referral", False: "provider/unknown_referral"}


def known_and_proved(snapshot: Snapshot, actor: Any) -> bool:
    """Whether an email's sender is proved to be someone the directory knows (an address it
    names, or one at a member council's or a provider's domain, its From proved), or holds a
    provider's way in (which brought it the referral). Slack and the web sign people in."""
    if actor.channel != "email":
        return True
    if not actor.authenticated:
        return False
    if actor.vouched_for:
        return True
    directory, address = snapshot.world.directory, actor.address.lower()
    return bool(directory.names_address(address) or directory.authority_for_sender(address)
                or directory.organisation_for_domain(address.rpartition("@")[2]))


def _refused_as_unknown(snapshot: Snapshot, event: Event, permission: Permission) -> Decision:
    """Rule `no-reference-oracle`: to a sender not proved to be someone the directory knows,
    an instruction it may not give is answered exactly as one naming a reference that is no
    referral's, so nobody learns by trying which references are real. The answer says what a
    legitimate sender should do; the refusal is recorded on the referral's timeline."""
    actor = event.actor
    commands: list[Command] = [RecordEvent("refused", {
        "permission": permission.name, "by": actor.address or actor.name,
        "channel": actor.channel, "authenticated": actor.authenticated})]
    if actor.address:
        member = snapshot.world.directory.authority_for_sender(actor.address) is not None
        commands.append(SendEmail(
            key=f"{snapshot.reference}:refused:{event.key or type(event).__name__}",
            template=AS_UNKNOWN[member], to=actor.address, context={},
            in_reply_to=actor.message_id))
    return declined(snapshot, commands, "not-permitted", f"permission:{permission.name}",
                    "We could not find that referral, or this address cannot give that "
                    "instruction for it.")


def _why(snapshot: Snapshot, permission: Permission, roles: frozenset[str],
         allowed: bool, address: str = "") -> str:
    if allowed:
        return ("We could not confirm that this message really came from you (it was not "
                "authenticated), so nothing was changed.")
    if permission.roles == {COMMISSIONER}:
        if REFERRER in roles:
            return "You cannot approve or reject your own shortlist."
        if TEAM in roles:
            return ("You are on the placements team that puts this referral's shortlist "
                    "together, so you cannot approve or reject it: the commissioners who "
                    "approve a shortlist are never those who made it.")
        name = snapshot.authority.name if snapshot.authority else "the authority"
        return f"Only {name}'s registered commissioners can decide on this."
    if BUDGET_HOLDER in permission.roles:
        if roles & {REFERRER, TEAM}:
            return ("You cannot sign off this fee: as the social worker or the placements "
                    "team you can agree or propose it, and a fee is signed off by a budget "
                    "holder who did not agree it.")
        return "Only the authority's registered budget holders can sign off this fee."
    if COMMISSIONER in roles and permission is PERMISSIONS[FormReceived]:
        # a commissioner's words on the thread ("Yes, happy to approve this."): how to decide
        return _how_to_decide(snapshot)
    if permission.roles == {TEAM, OPERATOR}:
        return "Only the placements team can change the order in which providers are asked."
    if permission is PERMISSIONS[PlacementEnded] and address:
        ending = _why_not_ending(snapshot, address)
        if ending:
            return ending
    authority = snapshot.authority
    if authority is not None and address and \
            snapshot.world.directory.authority_for_sender(address) == authority:
        # a colleague at the council: who can, so they know whom to ask
        return (f"Only the referring social worker ({snapshot.referral.referrer}) or the "
                f"placements team ({authority.placements_team}) can give this instruction; "
                "please ask one of them.")
    return ("Only the referring social worker or the placements team can give this "
            "instruction.")


def _why_not_ending(snapshot: Snapshot, address: str) -> str:
    """A provider's `ENDED` for a referral it may not end: one the referral went to is told
    that it has no placement, or that the placement is another home's (it knows the referral
    already); any other provider only who may end a placement, never whether this one has."""
    directory = snapshot.world.directory
    if not any(speaks_for(directory, key, address) for key in directory.establishments):
        return ""  # not a provider's address: a council's, answered below
    reference = snapshot.reference
    if any(speaks_for(directory, key, address) for key in snapshot.recipients):
        if not snapshot.referral.chosen:
            return (f"{reference} has no placement to end: no home was chosen for it, so "
                    "nothing was changed.")
        return (f"{reference}'s placement is with another home, not one this address speaks "
                "for, so nothing was changed: only the chosen home, the referring social "
                "worker or the placements team can record that its placement has ended.")
    return ("Only the home a child was placed with, the referring social worker or the "
            "placements team can record that a placement has ended, so nothing was changed.")


def _how_to_decide(snapshot: Snapshot) -> str:
    reference = snapshot.reference
    return (f"to decide on the shortlist, reply to its approval request with this line on its "
            f"own: APPROVE {reference} (or REJECT {reference} and a reason, or QUESTION "
            f"{reference} and a question).")


def _quarantine(snapshot: Snapshot, event: ReplyReceived) -> Decision:
    """A reply to a provider's address from someone who does not speak for it: kept, the
    placements team told, and the sender answered without a word about the referral."""
    reply = event.reply
    commands: list[Command] = [
        RecordEvent("reply-quarantined", {"establishment": event.establishment,
                                          "sender": reply.sender}),
        *note("provider/not_accepted", reply, event.key),
    ]
    authority = snapshot.authority
    establishment = snapshot.world.directory.establishment(event.establishment)
    if authority is not None:
        commands.append(SendEmail(
            key=f"quarantined:{digest(event.key, reply)}",
            template="placements_team/quarantined", to=authority.placements_team,
            context={"reference": snapshot.reference,
                     "establishment": establishment.name if establishment else
                     event.establishment, "sender": reply.sender}))
    return declined(snapshot, commands, "quarantined", "permission:answer-for-the-establishment",
                    "The reply did not come from the establishment's registered addresses.")

"""Which event an inbound email is, decided from what it says and the facts about it.

Pure: the mailroom (workflows/mailroom.py) reads the message once and looks up the facts
(who the sender is, which referral its thread or reference names, which establishment a
reply address or a reply's headers name); `classify` turns them into one event for
`Engine.handle`, or into the reason the mail cannot be used at all.

    postmaster@                               → kept, never answered (RFC 5321 §4.5.1)
    automatic mail (auto-replies, bounces)    → kept, never answered (RFC 3834); on a
                                                provider's reply address, one with form
                                                fields is a ReplyReceived (a referral
                                                system's answer), read only for the form
    providers@, `ENDED REF-…` from a provider → PlacementEnded (its referral)
    providers@, anything else                 → the market's (workflows/market/classify.py)
    a reply to a provider's address, `ENDED`  → PlacementEnded (the IPA's thread)
    a reply to a provider's address           → ReplyReceived (its establishment)
    not from a member authority               → refused
    an instruction, naming a known referral   → that instruction's event
    "Yes" to our request to confirm one       → the instruction asked about
    an instruction, no referral found         → unknown-referral
      with the form's lines under it          → that instruction's event, the lines kept
                                                to be named in its answer, not made
                                                (rule `one-thing-per-email`)
    on a referral's thread                    → FormReceived (a correction, more detail)
      still being completed, but for a reply  → that instruction's event (rule
      that is one instruction line alone        `an-instruction-is-no-value`)
    a form                                    → FormReceived (a new referral)
    asking to extend a placement, no form     → extension-asked (not a new referral: the
                                                sender is told so, the placements team
                                                copied; broker/forms/extension.py)
    anything else                             → no-form (a blank form goes back)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from broker.forms.dates import parse_uk_date
from broker.forms.extension import extension_asked
from workflows.confirm import confirmed, first_line
from workflows.events import (
    Actor,
    ApprovalGiven,
    BroadcastApproved,
    Chosen,
    Dropped,
    Event,
    FeeAgreed,
    FeeProposed,
    FeeSignedOff,
    FormMessage,
    FormReceived,
    Levelled,
    NextWave,
    PlacementEnded,
    Reply,
    ReplyReceived,
    Shortlisted,
    UnmetDeclared,
    WindowClosed,
    WindowExtended,
    Withdrawn,
)
from workflows.instructions import Instruction, greets, read_instruction
from workflows.market.classify import ProviderFacts, classify_provider_mail
from workflows.one_thing import lines_too
from workflows.passed_on import own_words
from workflows.states import State


@dataclass(frozen=True)
class Facts:
    """What the mailroom found out about a message before classifying it."""

    recipient: str  # reply | referrals | providers | postmaster | "" (none of ours)
    sender: str
    authenticated: bool = False  # proved (workflows/mailroom.py); unproved unless found so
    sent_elsewhere: bool = False  # its From proved, but it was not sent to the service
    # its From proved, but nothing shows it was sent to the service: an instruction in it
    # is asked about (workflows/confirm.py)
    unconfirmed: bool = False
    # a proved reply to our request to confirm an instruction: that email's new text, which
    # a bare "Yes" carries out, and its Message-ID
    confirms: str = ""
    confirms_id: str = ""
    reply_to: tuple[int, str] | None = None  # (referral id, establishment) it answers
    member: bool = False  # the sender is at a member authority
    a_provider: bool = False  # the directory gives the sender's address or domain a provider
    thread_referral: int | None = None  # the referral its thread or subject names
    thread_state: str = ""  # that referral's state
    named_referral: int | None = None  # the referral its instruction's REF names
    # (referral id, shortlist round) of the approval request it answers, and (referral id,
    # fee round) of the sign-off request it answers
    approval_round: tuple[int, int] | None = None
    sign_off_round: tuple[int, int] | None = None
    # (referral id, wave) of the email about a wave it answers (the acknowledgement: wave 1;
    # "wave N has gone to …": N), so an emailed CLOSE or EXTEND acts on the wave it was about
    wave_shown: tuple[int, int] | None = None
    # (referral id, commissioner) of the email putting a commissioner's QUESTION to the
    # social worker that it replies to
    question_asked: tuple[int, str] | None = None
    # the key of our fee proposal to a home that its reply answers (by In-Reply-To), if any
    proposal_answered: str = ""
    # a reply's: each of our references its new text names → the subject of our referral
    # email about it to the establishment replying ("" when we sent it none)
    named_emails: Mapping[str, str] = field(default_factory=dict)
    provider: ProviderFacts | None = None  # for providers@ (workflows/market/mailroom.py)


@dataclass(frozen=True)
class Routed:
    referral_id: int | None
    event: Event | None
    unaddressed: str = ""  # why it cannot be used: refused | no-form | ignored-automatic …
    form: FormMessage | None = None
    confirms: str = ""  # the Message-ID of the email whose instruction a "Yes" carries out
    proved: bool = False  # its From was proved (workflows/inbound.py counts its copies)
    # more for the answer to mail that cannot be used (providers@'s help: workflows/market/help.py)
    context: Mapping[str, Any] = field(default_factory=dict)


def form_message(message: Any, sender: str) -> FormMessage:
    """The message as intake reads it (broker.forms ReadMessage → FormMessage)."""
    return FormMessage(
        sender=sender, subject=message.subject, message_id=message.message_id,
        fields=dict(message.fields), conflicts=tuple(message.conflicts),
        attachment_problems=tuple(message.problems),
        sent_on=message.sent_on, text=message.body_text,
        unread_lines=tuple(message.unread),
        conflicting={key: tuple(values) for key, values in message.conflicting.items()},
        set_aside=dict(message.set_aside),
        attachments=tuple(getattr(message, "attachments", ())),
        from_note=dict(getattr(message, "from_note", {})),
        sender_name=getattr(message, "sender_name", ""),
        copied_to=(*getattr(message, "to", ()), *getattr(message, "cc", ())))


def classify(message: Any, facts: Facts, key: str, today: date) -> Routed:
    """`message` is broker.forms ReadMessage, read once in the way the facts called for.
    Whether its From was proved (sent to the service, or its sender asked to confirm it) is
    kept with what it came to, whatever that is: a later copy of a proved message is the
    same message (workflows/inbound.py), answered once."""
    return replace(_routed(message, facts, key, today),
                   proved=facts.authenticated or facts.unconfirmed)


def _routed(message: Any, facts: Facts, key: str, today: date) -> Routed:
    form = form_message(message, facts.sender)
    actor = Actor(facts.sender, channel="email", authenticated=facts.authenticated,
                  sent_elsewhere=facts.sent_elsewhere,
                  vouched_for=facts.reply_to[1] if facts.reply_to else "",
                  message_id=form.message_id)
    if facts.recipient == "postmaster":
        return Routed(None, None, "postmaster", form)
    if message.auto_submitted and not (facts.reply_to is not None and message.fields):
        return Routed(None, None, "ignored-automatic", form)
    ended = _ended(message) if facts.recipient == "providers" or facts.reply_to else None
    # An instruction whose From is proved but which nothing shows was sent to the service is
    # asked about (workflows/confirm.py): a provider's notice or ending, a council's line.
    asking = replace(actor, to_confirm=first_line(message.body_text))
    if facts.recipient == "providers":
        # the mailroom hands a bare "Yes" to our request to confirm as the email it confirms
        if ended is None:
            event, reason = classify_provider_mail(message, facts.provider, form,
                                                   asking if facts.unconfirmed else actor, key)
            return Routed(None, event, reason, form,
                          facts.confirms_id if event is not None and facts.authenticated else "")
        if facts.named_referral is None:
            return Routed(None, None, "provider-unknown-referral", form)
        return Routed(facts.named_referral, instruction_event(
            ended, asking if facts.unconfirmed else actor, key, form.sent_on or today), "",
            form, facts.confirms_id if facts.authenticated else "")
    if facts.reply_to is not None:
        answered, establishment = facts.reply_to
        if ended is not None:  # the chosen provider, replying on the IPA's thread
            return Routed(answered, instruction_event(
                ended, asking if facts.unconfirmed else actor, key, form.sent_on or today),
                "", form)
        reply = Reply(facts.sender, message.subject, message.message_id, dict(message.fields),
                      message.body_text, form.sent_on or today, message.auto_submitted,
                      tuple(message.conflicts), message.date, tuple(message.unread_files))
        return Routed(answered, ReplyReceived(actor=actor, key=key, establishment=establishment,
                                              reply=reply, inbound_id=_inbound_id(key),
                                              answers=facts.proposal_answered,
                                              named=facts.named_emails), "", form)
    if not facts.member:
        return Routed(None, None, "provider-at-referrals" if facts.a_provider else "refused",
                      form)
    # While a referral is still being completed, everything on its thread is the form, but
    # for a reply that is one instruction line alone (rule `an-instruction-is-no-value`).
    completing = facts.thread_state in (State.NEW, State.INCOMPLETE)
    instruction = instruction_alone(message.body_text) if completing else read_instruction(
        message.body_text)
    if instruction is None and facts.confirms and confirmed(message.body_text):
        instruction = read_instruction(facts.confirms)
    # A proved reply to our request, "Yes" or the instruction again, is its confirmation:
    # carried out once (workflows/inbound.py marks the email asked about); one not proved
    # is refused, as the instruction it would confirm.
    confirms = facts.confirms_id if instruction is not None and facts.authenticated else ""
    if instruction is not None and facts.unconfirmed:
        actor = asking
    referral_id = facts.named_referral or facts.thread_referral
    if instruction is not None:
        if referral_id is None:
            return Routed(None, None, "unknown-referral", form)
        if instruction.verb in ("approve", "reject", "question"):
            # the From name, a claim: the core keeps it only where the address bears it out
            actor = replace(actor, name=getattr(message, "sender_name", ""))
        event = instruction_event(
            instruction, actor, key, form.sent_on or today,
            _round_of(facts.approval_round, referral_id),
            _round_of(facts.sign_off_round, referral_id),
            _round_of(facts.wave_shown, referral_id))
        if confirms and isinstance(event, FeeProposed):  # "Yes" to a proposal asked about
            event = replace(event, confirmed=True, asked=confirms)
        if not completing and message.fields:  # rule `one-thing-per-email`: named, not made
            event = replace(event, lines_too=lines_too(instruction, message.fields))
        return Routed(referral_id, event, "", form, confirms)
    if facts.thread_referral is not None:
        asked = facts.question_asked
        return Routed(facts.thread_referral, FormReceived(
            actor=actor, key=key, form=form,
            question_from=asked[1] if asked and asked[0] == facts.thread_referral else ""),
            "", form)
    if message.fields or message.problems:
        return Routed(None, FormReceived(actor=actor, key=key, form=form), "", form)
    if extension := extension_asked(message.subject, message.body_text):
        # "can we extend Jo's placement?": not a new referral; the team is copied
        return Routed(None, None, "extension-asked", form, context={"asked": extension})
    return Routed(None, None, "no-form", form)


# The commissioners' words count on a form's thread only in capitals: "Question - does she
# need an NHS number?" is a question, not a QUESTION.
_COMMISSIONERS = ("approve", "reject", "question")


def instruction_alone(body_text: str) -> Instruction | None:
    """Rule `an-instruction-is-no-value`: a reply on the thread of a referral still being
    completed that is one instruction line and nothing else (its signature left out:
    `own_words`), "EXTEND 2d" to our email asking for a corrected NHS number, is that
    instruction, carried out or answered as one (the lifecycle says "EXTEND has no effect
    now, because the referral is waiting for corrections to the form"), never read as the
    corrected value ("'EXTEND 2d' is not a valid NHS number"). Anything more is the form."""
    words = own_words(body_text) or body_text.strip()
    lines = [line for line in words.splitlines() if line.strip() and not greets(line)]
    if len(lines) != 1 or (instruction := read_instruction(lines[0])) is None:
        return None
    said = lines[0].split()[0]
    if instruction.verb in _COMMISSIONERS and not said.isupper():
        return None
    return instruction


def _ended(message: Any) -> Instruction | None:
    """`ENDED …` at the top of the message's new text (a placement's end), else None."""
    instruction = read_instruction(message.body_text)
    return instruction if instruction is not None and instruction.verb == "ended" else None


def _round_of(answered: tuple[int, int] | None, referral_id: int) -> int | None:
    """The round of the request an email answers, when the request is this referral's."""
    return answered[1] if answered and answered[0] == referral_id else None


def instruction_event(instruction: Instruction, actor: Actor, key: str,
                      sent_on: date, approval_round: int | None = None,
                      sign_off_round: int | None = None, wave: int | None = None) -> Event:
    """The event an emailed instruction asks for (a decision on a shortlist or a fee, on the
    round of the request the email answers, when it answers one; CLOSE, EXTEND and NEXT WAVE
    on the wave of the email about a wave it answers)."""
    verb, argument = instruction.verb, instruction.argument
    common: dict[str, Any] = {"actor": actor, "key": key}
    # SHORTLIST, CHOOSE or DROP naming no letter: what it named instead (homes, perhaps)
    unlettered = "" if instruction.labels else argument
    if verb in ("approve", "reject", "question"):
        return ApprovalGiven(**common, decision=verb, reason=argument, round=approval_round)
    builders: dict[str, Any] = {
        "close": lambda: WindowClosed(**common, wave=wave),
        "agree": lambda: FeeAgreed(**common),
        "extend": lambda: WindowExtended(**common, by=instruction.duration, wave=wave,
                                         until=_date(instruction.date_text, sent_on),
                                         said=argument[:200]),
        "next-wave": lambda: NextWave(**common, reason=argument, wave=wave),
        "level": lambda: Levelled(**common, reason=argument),
        "shortlist": lambda: Shortlisted(**common, labels=instruction.labels,
                                         views=dict(instruction.views), said=unlettered,
                                         after=instruction.after),
        "choose": lambda: Chosen(**common, label=(instruction.labels or ("",))[0],
                                 said=unlettered),
        "drop": lambda: Dropped(**common, label=(instruction.labels or ("",))[0],
                                said=unlettered),
        "propose": lambda: FeeProposed(**common, fee=instruction.fee),
        "unmet": lambda: UnmetDeclared(**common, reason=argument),
        "withdraw": lambda: Withdrawn(**common, reason=argument),
        "send": lambda: BroadcastApproved(**common),
        "sign-off": lambda: FeeSignedOff(**common, decision="approve", round=sign_off_round),
        "refuse-sign-off": lambda: FeeSignedOff(**common, decision="refuse", reason=argument,
                                                round=sign_off_round),
        "ended": lambda: PlacementEnded(**common, on=_date(instruction.date_text, sent_on),
                                        reason=argument, reference=instruction.reference),
    }
    return builders[verb]()  # type: ignore[no-any-return]


def _date(text: str, sent_on: date) -> date | None:
    if not text:
        return None
    try:
        return parse_uk_date(text, sent_on)
    except ValueError:
        return None


def _inbound_id(key: str) -> int | None:
    return int(key[3:]) if key.startswith("in:") and key[3:].isdigit() else None

"""A provider's words the service cannot read into its answer, passed on rather than lost.

A later reply whose words change none of the home's recorded answer ("subject to our matching
panel on 16 December", "the fee from April 2027 will rise to £5,050", "we would charge £25
per hour for 1:1 on top", "ignore my earlier email, we'll come back to you by 3pm", and from
the placed home "we're giving 28 days' notice", "could you send us her health passport?")
still says something a person must act on. Rule `words-passed-on`: such words go, quoted
(links and addresses out), to whoever acts at that stage: the social worker while the search
runs, the placements team once the child is placed with the home; and the home is told so.

Not passed on: automatic mail (never written to, never read for prose), a reply that only
acknowledges or confirms what stands ("Thanks for confirming.", "Yes still offering, fee as
before.", "Confirmed"), and words this home's replies passed on before (a ticketing system
that answers every email repeats itself: the repeat stops there). They count with the home's
questions against rule `questions-per-day` (workflows/responses.py): past the day's limit
the words are held, recorded by fingerprint only, and the home told to write itself.

A reply's signature is not its words (`own_words`): what follows a closing ("Kind regards")
or a separator ("-- "), save a postscript, and a name alone closing the reply, with a job
title or the home's name under it. Any other closing line, however capitalised ("Subject To
Panel Approval", "Pending"), is the home's words: it is passed on, and a "Yes confirmed"
above it is no bare confirmation (workflows/confirmed.py).
"""

from __future__ import annotations

import re
from typing import Any

from broker.forms.extract import fields_from_text
from broker.quoting import provider_words, without_links
from workflows.commands import Command, RecordEvent, SendEmail
from workflows.events import ReplyReceived
from workflows.snapshot import Snapshot

# Words a reply that only acknowledges, or confirms what stands, is made of: "Thanks for
# confirming.", "Yes still offering, fee as before.", "Having read the full papers we're
# happy to confirm our offer.", "OK great, many thanks". Any other word (a date, an amount,
# "subject", "panel", "notice", "ignore") is something said.
_ACKNOWLEDGING = frozenset({
    "yes", "yep", "yeah", "ok", "okay", "fine", "great", "good", "perfect", "lovely",
    "brilliant", "excellent", "super", "wonderful", "thanks", "thank", "thankyou", "you",
    "many", "much", "appreciated", "cheers", "ta", "noted", "received", "got", "it", "this",
    "that", "that's", "all", "understood", "acknowledged", "sounds", "will", "do", "for",
    "the", "your", "email", "message", "emails", "confirm", "confirmed", "confirming",
    "confirmation", "we", "we're", "we'd", "we've", "are", "can", "could", "happy", "pleased",
    "glad", "to", "our", "offer", "offering", "still", "as", "before", "fee", "fees",
    "unchanged", "same", "having", "read", "reading", "full", "papers", "referral", "kind",
    "regards", "best", "wishes", "warm", "and", "is", "stands", "standing", "remain",
    "remains", "hi", "hello", "dear", "morning", "afternoon", "evening", "a", "an", "i", "i'm",
    "am", "please", "again", "just", "interested", "keen", "in", "of", "on", "with", "very",
    "so", "now", "yours", "sincerely",
})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d\S*", re.UNICODE)
# A closing line: what follows it is the writer's signature.
_CLOSING = re.compile(r"^\s*(?:kind(?:est)?\s+regards|best\s+wishes|best\s+regards|regards|"
                      r"many\s+thanks|thanks|thank\s+you|cheers|best|warm\s+regards|"
                      r"yours\s+sincerely|sincerely)\s*[,.!]?\s*$", re.IGNORECASE)
# A signature's separator alone on its line ("-- ", "—"): what follows is the signature.
_SEPARATOR = re.compile(r"^\s*(?:--|[–—])\s*$")
# A name alone closing the reply, after a sign-off dash or none: one or two capitalised words
# ("Jo", "- Priya Shah", "— Tunde"). Capitalised words of a line are as often what the home
# says ("Subject To Panel Approval", "Pending"): only words that look like a name go.
_NAME_LINE = re.compile(r"^\s*(?:[-–—]+\s*)?(?P<name>[^\W\d_][\w'’-]{0,30}"
                        r"(?:[ \t]+[^\W\d_][\w'’-]{0,30})?)\s*$")
# A postscript after the signature ("PS having read the papers…", "P.S. …") is the home's
# words again.
_POSTSCRIPT = re.compile(r"^\s*P\.?\s?S\b\.?", re.IGNORECASE)
# Under that name, a job title (`_ROLE_WORDS`) and the home's name, up to four capitalised
# words ("Larch Care"): taken for the signature only under a name. At most so many lines.
_HOME_LINE = re.compile(r"^\s*[A-Z][\w'’&-]{0,30}(?:\s+[A-Z][\w'’&-]{0,30}){0,3}\s*$")
_SIGNATURE_LINES = 3
# A job title alone under that name ("Registered Manager", "Referrals Co-ordinator"): every
# word one of these.
_ROLE_WORDS = frozenset({
    "registered", "deputy", "assistant", "acting", "interim", "senior", "team", "home",
    "service", "services", "operations", "business", "development", "regional", "area",
    "manager", "leader", "lead", "head", "director", "officer", "coordinator",
    "co-ordinator", "administrator", "admin", "advisor", "adviser", "supervisor",
    "supervising", "social", "worker", "referrals", "referral", "placements", "placement",
    "matching", "fostering", "foster", "carer", "carers", "responsible", "individual",
    "principal", "headteacher", "teacher", "senco", "compliance", "of", "and", "&",
})

# The longest quotation passed on: a reply is a few lines; a long one is cut, marked "…".
_LIMIT = 1_000


def own_words(body_text: str) -> str:
    """The reply's own words, its signature left out: what follows a closing ("Kind regards")
    or a separator ("-- "), and a name alone on its closing line, with its job title under it
    ("Jo Bell⏎Deputy Manager"); '' when there are none. Any other closing line, however
    capitalised ("Subject To Panel Approval"), is the home's words."""
    lines = [line.rstrip() for line in body_text.strip().split("\n")]
    postscript: list[str] = []
    for at, line in enumerate(lines):
        if at and (_CLOSING.match(line) or _SEPARATOR.match(line)):
            lines, signature = lines[:at], lines[at:]
            postscript = next((signature[after:] for after, line in enumerate(signature)
                               if _POSTSCRIPT.match(line)), [])
            break
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    for below in reversed(range(min(_SIGNATURE_LINES, len(lines) - 1))):  # a name, lines under
        under = lines[len(lines) - below:]
        if _a_name(lines[-1 - below]) and all(
                _a_job_title(line) or _HOME_LINE.match(line) for line in under):
            del lines[-1 - below:]
            break
    return "\n\n".join(part for part in ("\n".join(lines).strip(),
                                         "\n".join(postscript).strip()) if part)


def _a_name(line: str) -> bool:
    """A line of a name alone: one or two words that look like a name, the first a listed
    name or no common English word ("Jo", "Priya Nair", "Tunde"; not "Pending", "Urgent",
    "Panel Approval")."""
    from broker.anonymise import lexicon
    from broker.anonymise.name_shapes import looks_like_a_name

    shaped = _NAME_LINE.match(line)
    if not shaped or not shaped["name"][0].isupper():
        return False
    name = shaped["name"]
    return looks_like_a_name(name) and lexicon.kind(name.split()[0]) in ("name", "rare")


def _a_job_title(line: str) -> bool:
    """A line of a job title alone ("Registered Manager", "Deputy Home Manager")."""
    words = line.casefold().split()
    return 0 < len(words) <= 5 and all(word in _ROLE_WORDS for word in words)


def says_something(words: str) -> bool:
    """Whether the words say more than an acknowledgement or a confirmation of what stands."""
    said = [w.replace("’", "'") for w in _WORD.findall(words.casefold())]
    return any(w not in _ACKNOWLEDGING for w in said) or "?" in words


def words_to_pass_on(snapshot: Snapshot, event: ReplyReceived) -> str:
    """What of this reply to pass on under rule `words-passed-on`: its own words, when they
    say something and this home has not had them passed on before; else ''."""
    from workflows.responses import question_digest

    reply = event.reply
    if reply.auto_submitted or not reply.sender:
        return ""
    words = own_words(reply.body_text)
    if reply.fields:  # its form's lines were read into the answer: only what lies outside
        # them is said ("Decision: Offer / Weekly fee: £4,900" sent again says nothing more)
        words = "\n".join(fields_from_text(words, snapshot.world.response_spec).notes).strip()
    if not words or not says_something(words) \
            or question_digest(words) in snapshot.questions_before:
        return ""
    return words


def pass_words_on(snapshot: Snapshot, event: ReplyReceived, words: str, name: str, to: str,
              who: str) -> tuple[list[Command], dict[str, Any]]:
    """The email that takes the home's `words` to `to` (`who`: "social_worker" or
    "placements_team") and its record, or, past rule `questions-per-day`, the record that
    they were held; and what the home's answer says of them."""
    from workflows.responses import (
        QUESTIONS_PER_DAY,
        digest,
        question_digest,
        questions_held_back,
    )

    key, reply, reference = event.establishment, event.reply, snapshot.reference
    fingerprint = [question_digest(words)]
    said = {"words_passed_on": "", "words_held": False, "questions_per_day": QUESTIONS_PER_DAY}
    if not to:
        return [], said
    if questions_held_back(snapshot):
        said["words_held"] = True
        return [RecordEvent("questions-held", {"establishment": key, "questions": fingerprint,
                                               "per_day": QUESTIONS_PER_DAY})], said
    said["words_passed_on"] = who
    referral = snapshot.referral
    return [SendEmail(
        key=f"{reference}:{key}:words:{digest(event.key, reply)}",
        template=f"{who}/provider_words", to=to,
        context={"reference": reference, "establishment": name, "provider": reply.sender,
                 "decision": snapshot.responses[key].decision
                 if key in snapshot.responses else "",
                 "placed": referral.chosen == key and who == "placements_team",
                 "words": provider_words(without_links(words, reply.sender), _LIMIT)},
        establishment=key),
        RecordEvent("words-passed-on", {"establishment": key, "questions": fingerprint,
                                        "to": who})], said

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
the words are held, recorded by fingerprint only, and the home told to write itself; never
words about the child's safety ("went missing", "returned by police", "taken to hospital"),
which rule `safety-never-held` (workflows/safety.py) sends to the placements team and the
social worker both, uncounted.

A reply's signature is not its words (`own_words`): what follows a sign-off ("Kind regards")
or a separator ("-- "), save a postscript, and, under a sign-off, a line that says the
home's terms on the fee, the start or a cost and what follows it ("NB our fee goes up to
£4,700 from January", rule `fee-terms-signed-below`, broker/forms/signed_below.py); what
follows a thanks alone on its line ("Thanks", "Cheers") when it looks like a signature (a
name, a job title, contact lines), never when it is more of the reply ("Thanks⏎⏎One thing:
you would need to do the school run"; broker/forms/signed_below.py, the rule the email
reader keeps too); a name closing the reply, with a job title, the home's name, phone,
email, web or address lines under it ("Jo Price⏎Registered Manager⏎Tel: 01632 960 123 | Mob:
07700 900 123"), or on one line ("Priya Nair | Registered Manager | 0113 496 0999"); and a
legal notice closing it ("This email and any attachments are confidential…",
broker/forms/footers.py). Any other closing line, however capitalised ("Subject To Panel
Approval", "Pending"), is the home's words: it is passed on, and a "Yes confirmed" above it
is no bare confirmation (workflows/confirmed.py).
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

from broker.forms.extract import fields_from_text
from broker.forms.signed_below import (
    BARE_THANKS,
    POSTSCRIPT,
    SIGNATURE_LINES,
    a_name,
    a_signature_line,
    says_fee_terms,
    signed_below,
)
from broker.quoting import provider_words, without_links
from workflows.commands import Command, RecordEvent, SendEmail
from workflows.events import ReplyReceived
from workflows.safety import (
    SAFETY_PER_DAY,
    about_safety,
    held_over_the_ceiling,
    over_the_ceiling,
)
from workflows.snapshot import Snapshot

# Words a reply that only acknowledges, or confirms what stands, is made of: "Thanks for
# confirming.", "Yes still offering, fee as before.", "Having read the full papers we're
# happy to confirm our offer.", "OK great, many thanks"; and how the home came to confirm
# (ux48 W4): "We have reviewed them with our registered manager and can confirm our offer",
# "we've read the papers and completed our assessment", "confirm we are still able to offer
# for this young person". Any other word (a date, an amount, "subject", "panel", "notice",
# "ignore", "not", "concerns") is something said.
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
    "so", "now", "yours", "sincerely", "them", "everything", "documents", "paperwork",
    "through", "have", "has", "had", "been", "reviewed", "looked", "gone", "considered",
    "completed", "assessment", "assessed", "registered", "manager", "able", "young",
    "person", "child", "at", "per", "week", "delighted",
})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d\S*", re.UNICODE)
# A term said again as it stands, which confirms it: "Start as planned 14/12", "start date
# as agreed", "fee as before", "as per our offer", the day it names (if any) the start on
# record (`says_something`'s `start`); "Start as planned 21/12" against the 14th is said.
_AS_IT_STANDS = re.compile(
    r"(?:\b(?:the\s+)?(?:start(?:\s+date)?|move[\s-]?in(?:\s+date)?|fee|terms)"
    r"(?:\s+(?:is|are|would\s+be|will\s+be))?[\s,:-]+)?"
    r"\b(?:as\s+(?:planned|before|agreed|arranged|offered|discussed|per\s+(?:our|the)\s+offer)"
    r"|unchanged)\b(?:[\s,:-]+(?:on|from|of)?\s*(?P<day>\d{1,2}(?:st|nd|rd|th)?"
    r"(?:[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\s+[A-Za-z]{3,9}(?:\s+\d{4})?)))?", re.IGNORECASE)
# A day or a weekly amount said again as it is on record, which confirms it too: "can still
# offer from 14/12" when the start on record is the 14th, "Our fee remains £4,900 per week"
# when the fee is £4,900 (`says_something`'s `start` and `fee`). Another day or amount is said.
_DAY = (r"\d{1,2}(?:st|nd|rd|th)?(?:[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\s+(?:of\s+)?[A-Za-z]{3,9}"
        r"(?:\s+\d{4})?)")
_A_DAY = re.compile(r"(?:\b(?:from|on|starting(?:\s+on|\s+from)?)\s+)?(?:the\s+)?"
                    rf"\b(?P<day>{_DAY})\b", re.IGNORECASE)
_AN_AMOUNT = re.compile(
    r"(?:£|\bgbp\s*)?(?<![\d.,])(?P<amount>\d{1,3}(?:,\d{3})+|\d+)(?P<pence>\.\d\d)?"
    r"(?P<k>\s?k)?\b(?:\s*(?:per\s+week|a\s+week|each\s+week|weekly|pw|p/w|/\s?week|"
    r"per\s+wk))?\b", re.IGNORECASE)
# A sign-off alone on its line: what follows it is the writer's signature.
_CLOSING = re.compile(r"^\s*(?:kind(?:est)?\s+regards|best\s+wishes|best\s+regards|regards|"
                      r"best|warm\s+regards|yours\s+sincerely|sincerely)\s*[,.!]?\s*$",
                      re.IGNORECASE)
# A signature's separator alone on its line ("-- ", "—"): what follows is the signature.
_SEPARATOR = re.compile(r"^\s*(?:--|[–—])\s*$")

# The longest quotation passed on: a reply is a few lines; a long one is cut, marked "…".
_LIMIT = 1_000


@functools.lru_cache(maxsize=8)
def own_words(body_text: str) -> str:
    """The reply's own words, its signature left out: what follows a sign-off ("Kind
    regards") or a separator ("-- "), or a thanks alone on its line when a signature follows
    it; a name closing the reply, with its job title, home and contact lines under it ("Jo
    Bell⏎Deputy Manager⏎Tel: 01632 960 123") or on its line ("Jo Bell | Deputy Manager"); a
    legal notice closing it. '' when there are none. Any other closing line, however
    capitalised ("Subject To Panel Approval"), is the home's words. Remembered for the last
    few texts (a pure function of the text): deciding one reply asks for its own words up to
    three times (whether it takes its answer back, what it offers for other homes, what kind
    of placement it offers)."""
    from broker.forms.footers import without_a_footer

    lines = [line.rstrip() for line in without_a_footer(body_text.strip()).split("\n")]
    postscript: list[str] = []
    for at, line in enumerate(lines):
        if at and (_CLOSING.match(line) or _SEPARATOR.match(line) or (
                BARE_THANKS.match(line) and signed_below(lines[at + 1:]))):
            lines, signature = lines[:at], lines[at:]
            signed_off = not _SEPARATOR.match(signature[0])  # a sign-off, not a "-- " mark
            postscript = next((signature[after:] for after, line in enumerate(signature)
                               if POSTSCRIPT.match(line) or (
                                   after and signed_off and says_fee_terms(line))), [])
            break
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    if len(lines) > 1 and a_signature_line(lines[-1], named=True):
        lines.pop()  # "Priya Nair | Registered Manager | 0113 496 0999"
    else:
        for below in reversed(range(min(SIGNATURE_LINES, len(lines) - 1))):  # name, lines under
            under = lines[len(lines) - below:]
            if a_name(lines[-1 - below], vouched=bool(below)) \
                    and all(a_signature_line(line) for line in under):
                del lines[-1 - below:]
                break
    return "\n\n".join(part for part in ("\n".join(lines).strip(),
                                         "\n".join(postscript).strip()) if part)


def says_something(words: str, start: date | str | None = None,
                   fee: float | str | None = None) -> bool:
    """Whether the words say more than an acknowledgement or a confirmation of what stands
    (a term said again as it stands, "Start as planned 14/12" when `start`, the start on
    record, is the 14th, is a confirmation; and so are that day, "can still offer from
    14/12", and `fee`, the weekly fee on record, "Our fee remains £4,900 per week")."""
    words = _AS_IT_STANDS.sub(lambda said: "" if _the_start(said["day"], start) else said[0],
                              words)
    if start:
        words = _A_DAY.sub(lambda said: "" if _the_start(said["day"], start) else said[0],
                           words)
    if fee not in (None, ""):
        words = _AN_AMOUNT.sub(lambda said: "" if _the_fee(said, fee) else said[0], words)
    said = [w.replace("’", "'") for w in _WORD.findall(words.casefold())]
    return any(w not in _ACKNOWLEDGING for w in said) or "?" in words


def _the_fee(said: re.Match[str], fee: float | str | None) -> bool:
    """Whether the amount written is the weekly fee on record."""
    amount = float(said["amount"].replace(",", "") + (said["pence"] or ""))
    if said["k"]:
        amount *= 1000
    try:
        return fee is not None and abs(amount - float(fee)) < 0.005
    except ValueError:
        return False


def _the_start(day: str | None, start: date | str | None) -> bool:
    """Whether `day` (as written, or None when no day is named) is the start on record."""
    if day is None:
        return True
    if not start:
        return False
    from broker.forms.dates import parse_uk_date

    on_record = date.fromisoformat(start) if isinstance(start, str) else start
    try:
        return parse_uk_date(day, on_record) == on_record
    except ValueError:
        return False


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
    answer = snapshot.responses.get(event.establishment)
    start = answer.fields.get("available_from") if answer is not None else None
    fee = answer.fields.get("weekly_fee") if answer is not None else None
    if not words or not says_something(words, start, fee) \
            or question_digest(words) in snapshot.questions_before:
        return ""
    return words


def pass_words_on(snapshot: Snapshot, event: ReplyReceived, words: str, name: str, to: str,
              who: str) -> tuple[list[Command], dict[str, Any]]:
    """The email that takes the home's `words` to `to` (`who`: "social_worker" or
    "placements_team") and its record, or, past rule `questions-per-day`, the record that
    they were held; and what the home's answer says of them. Rule `safety-never-held`
    (workflows/safety.py): words about the child's safety are never held, go to the
    placements team and the social worker both, and are recorded as not counted."""
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
    safety = about_safety(words)  # rule `safety-never-held`: no limit of questions holds it
    if safety and over_the_ceiling(snapshot):  # its own ceiling: recorded, the team told once
        said |= {"words_held": True, "questions_per_day": SAFETY_PER_DAY}
        return held_over_the_ceiling(snapshot, key, name, fingerprint), said
    if questions_held_back(snapshot) and not safety:
        said["words_held"] = True
        return [RecordEvent("questions-held", {"establishment": key, "questions": fingerprint,
                                               "per_day": QUESTIONS_PER_DAY})], said
    said["words_passed_on"] = who
    referral = snapshot.referral
    context = {"reference": reference, "establishment": name, "provider": reply.sender,
               "decision": snapshot.responses[key].decision if key in snapshot.responses else "",
               "placed": referral.chosen == key and who == "placements_team", "safety": safety,
               "words": provider_words(without_links(words, reply.sender), _LIMIT)}
    to_whom = [(who, to)]
    if safety:  # the placements team and the social worker both hear of it (the one not
        # written to reads the team's email, which says where the child is placed)
        team = snapshot.authority.placements_team if snapshot.authority else ""
        other = referral.referrer if who == "placements_team" else team
        if other and other.casefold() != to.casefold():
            to_whom.append(("placements_team", other))
    record = {"establishment": key, "questions": fingerprint, "to": who}
    return [*(SendEmail(
        key=f"{reference}:{key}:words:{digest(event.key, reply)}"
            + ("" if at == 0 else ":copy"),
        template=f"{whom}/provider_words", to=address, context=context, establishment=key)
        for at, (whom, address) in enumerate(to_whom)),
        # a report of the child's safety is not counted against the day's limit
        RecordEvent("words-passed-on", record | {"safety": True} if safety else record)], said

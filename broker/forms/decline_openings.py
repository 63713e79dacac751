"""What a decline still holds open, in the home's own words.

A home that declines often says in passing what it could do instead, or when it could take
her: "No, full until March; we'd consider her for respite though", "Sadly not – we're full,
but should have a bed late January if you're still looking", "we could offer short breaks",
"try us again in the new year" (replies round 65 d01, d02). Counted only as "1 no vacancy",
those words reached nobody. Rule `decline-opening-kept`: each clause of a decline's own words
that says

- when a bed frees: "full until March", "no vacancy until the new year", or a bed, vacancy or
  place the home expects ("should", "will", "may", "expect", "hope", "likely", "coming up",
  "freeing up") with a time ("late January", "next month", "in a few weeks", "soon");
- other help it could give: respite, short breaks, an emergency bed, outreach, a bridging
  placement, another of its homes or services, with a word that offers it ("we'd consider",
  "could", "happy to", "have");
- that the council may come back: "try us again in the new year", "keep us in mind", "get
  back in touch after Christmas", "feel free to re-refer",

is kept, from its clause's start to its end ("should have a bed late January if you're still
looking"), the clauses joined by "; ". Never a question ("Would respite help?"), nor a clause
that denies it before it is named ("we can't offer respite either", "please don't contact us
again"), nor words that are not the home's own (`own_text`: quoted history, the signature,
legal notices), nor a contact of the home's (its numbers and links, `without_contacts`).
Pure: `decline_opening(prose)` gives the words or None; the reader records them with the
decline in the response's `proposal` field, which a decline does not otherwise use, and the
comparison shows them beside the declines' count (broker/comparison.py).
"""

from __future__ import annotations

import re

from broker.forms.offer_conditions import own_text

__all__ = ["decline_opening"]

_MAX_CHARS = 20_000
_MAX_WORDS_CHARS = 400  # every clause kept, together
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b")
# a time to come: "late January", "the new year", "next month", "a few weeks", "after
# Christmas", "spring", "14/01"
_TIME = (rf"(?:{_MONTH}|(?:the\s+)?new\s+year\b|next\s+(?:week|month|term|year|few\s+"
         r"(?:weeks|months))\b|(?:a\s+few|a\s+couple\s+of|couple\s+of|two|three|four|six|"
         r"\d{1,2})\s+(?:weeks|months)\b|christmas\b|easter\b|half[\s-]?term\b|spring\b|"
         r"summer\b|autumn\b|winter\b|\d{1,2}[/.]\d{1,2}\b)")
_SOON = (rf"(?:{_TIME}|\b(?:soon|shortly)\b|\bcom(?:e|es|ing)\s+up\b|\bfree[sd]?\s+up\b|"
         r"\bfreeing\s+up\b|\bbecom\w*\s+(?:free|available)\b|\bopen(?:s|ing)?\s+up\b)")
_BED = r"\b(?:beds?|vacanc(?:y|ies)|spaces?|places?|room|placements?|capacity|opening)\b"
# full until a time: "full until March", "no vacancy until the new year", "won't have a
# bed till late January"
_FULL_UNTIL = re.compile(
    r"(?i)\b(?:full|no\s+(?:beds?|vacanc(?:y|ies)|space|room|capacity)|(?:don['’]?t|do\s+not|"
    r"won['’]?t|will\s+not)\s+have\s+(?:a\s+|any\s+)?(?:beds?|vacanc(?:y|ies)|space|room))\b"
    r"[^;]{0,40}?\b(?:until|till|til|before)\s+(?:at\s+least\s+)?(?:the\s+)?(?:(?:early|mid|"
    rf"late|end\s+of|middle\s+of|beginning\s+of)[\s-]+)?{_TIME}")
# a bed the home expects: "should have a bed late January", "a vacancy coming up soon"
_BED_AHEAD = re.compile(
    rf"(?i)(?=.*{_BED})(?=.*(?:\b(?:should|will|may|might|could|expect\w*|hop(?:e|ing)|"
    r"anticipat\w*|likely|due|probably)\b|['’](?:ll|d)\b|\bcom(?:e|es|ing)\s+up\b|"
    rf"\bfree[sd]?\s+up\b|\bfreeing\s+up\b|\bbecom\w*\s+(?:free|available)\b))(?=.*{_SOON})")
# other help the home could give, with a word that offers it
_HELP = re.compile(
    r"(?i)\b(?:respite|short[\s-]+breaks?|emergency\s+(?:beds?|placements?|stays?)|outreach|"
    r"bridging|(?:another|other|sister)\s+(?:of\s+our\s+)?(?:homes?|services?))\b")
_OFFERS = re.compile(r"(?i)\b(?:could|can|would|might|may|will|happy|willing|able|consider\w*|"
                     r"offer\w*|open\s+to|provide|have|has)\b|['’](?:d|ll)\b")
# the council may come back: "try us again in the new year", "keep us in mind"
_AGAIN = re.compile(
    r"(?i)\b(?:try|contact|ask|approach|send\s+(?:her|him|them)\s+to|refer\s+(?:her|him|them)"
    r"\s+to|come\s+back\s+to)\s+us\s+(?:again|later|nearer|after|when|if|in\s+(?:the\s+)?"
    rf"(?:new\s+year|{_MONTH}|spring|summer|autumn|a\s+few))\b|\bkeep\s+us\s+in\s+mind\b|"
    r"\bre-?refer\b|\b(?:get|be|come)\s+back\s+in\s+touch\b|\bget\s+in\s+touch\s+(?:again|"
    r"nearer|after|when|in\s+the\s+new\s+year)\b|\b(?:happy|glad)\s+to\s+(?:look\s+at|"
    r"consider)\s+(?:her|him|them|it)\s+again\b")
_DENIED = re.compile(r"(?i)\b(?:no|not|never|nor|cannot|can['’]?t|couldn['’]?t|won['’]?t|"
                     r"wouldn['’]?t|don['’]?t|doesn['’]?t|isn['’]?t|aren['’]?t|unable)\b")
# a sentence, with the mark that ends it ("?" asks)
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;]*")
# where a clause of a sentence starts or ends: a comma, a colon, a dash between spaces, or
# "but", "though", "however", "although"
_CLAUSE_BREAK = re.compile(r"[,:()]\s*|\s+[-\u2013\u2014]+\s+|\b(?:but|though|however|"
                           r"although|whereas)\b", re.IGNORECASE)
_LEADING = re.compile(r"(?i)^(?:and|so|then|also|sadly|unfortunately)\b[\s,]*")


def decline_opening(prose: str) -> str | None:
    """Every clause of a decline's own words that holds something open (a bed later, other
    help, an invitation to come back), in its words and joined by "; ", or None."""
    from broker.quoting import without_contacts  # (broker.anonymise reads forms' values)

    said: list[str] = []
    for sentence in _SENTENCE.finditer(own_text(prose[:_MAX_CHARS])):
        words = sentence.group()
        if words.rstrip().endswith("?"):
            continue  # a question of theirs is asked, never something offered
        for clause in _clauses(words):
            if _holds_open(clause) and not any(
                    clause.casefold() in before.casefold() for before in said):
                said.append(clause)
    words = " ".join(without_contacts("; ".join(said)).split())
    if not words:
        return None
    if len(words) > _MAX_WORDS_CHARS:
        words = words[:_MAX_WORDS_CHARS].rsplit(" ", 1)[0] + " …"
    return words


def _clauses(sentence: str) -> list[str]:
    """A sentence's clauses, trimmed of their leading "and" or "sadly" and their marks;
    "full until March" keeps its "until" with it, being one clause."""
    parts, at = [], 0
    for found in _CLAUSE_BREAK.finditer(sentence):
        parts.append(sentence[at:found.start()])
        at = found.end()
    parts.append(sentence[at:])
    return [clause for part in parts
            if (clause := _LEADING.sub("", part.strip(" \t.!;"))) and len(clause) > 3]


def _holds_open(clause: str) -> bool:
    """Whether a clause says when a bed frees, offers other help, or asks the council to
    come back, and does not deny it before saying it."""
    if _FULL_UNTIL.search(clause):
        return True
    for pattern in (_HELP, _AGAIN):
        found = pattern.search(clause)
        if found and not _DENIED.search(clause, 0, found.start()) and (
                pattern is _AGAIN or _OFFERS.search(clause)):
            return True
    return bool(_BED_AHEAD.match(clause)) and not _DENIED.search(clause)

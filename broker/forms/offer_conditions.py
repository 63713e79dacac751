"""An offer's condition, in the home's own words, so that it is recorded, never lost.

A home often makes its offer on a condition: "We can offer at Fernhill House, £5,300 a week
from 21/12/2026, subject to a matching meeting with our registered manager and the current
young people", "Offer conditional on matching panel approval", "provided that 2:1 staffing is
funded", "as long as the visit goes ahead", "depending on our staffing in January", "only if
education is funded separately". Rule `offer-condition-kept`: the condition, from its first
word ("subject to", "conditional on", "provided that", "as long as", "so long as", "only
if", "on condition that", "depending on", "dependent on", or an "if" on what is funded or
paid: "if education is funded separately") to the end of its sentence, is recorded with the
answer in the response form's `proposal` field (How we would meet needs: the one free-text
field for what the home's offer rests on), after any proposal the form gave; so the
comparison and the approval show it, and the home's acknowledgement repeats it
(`condition_of`, its "our" said as "your"). Every condition the reply puts is kept, joined by
"; " ("subject to a matching meeting; only if the council wants her to stay"), so a second
never drops out of what commissioners approve, cut with " …" only past
`_MAX_CONDITIONS_CHARS` of them all; a condition on a fee that rises later is kept from its
sentence's start ("From week 9 our fee rises to £6,900 a week, only if the council wants her
to stay"): a cost the budget holder must see.

Not a condition: "provided" that only looks back ("the papers you provided"), words the
field already holds, and words that are not the reply's own (`own_text`): quoted history
("> …", and everything below "On … wrote:", "-----Original Message-----" or an Outlook
"From:" block), its signature (below a sign-off or a "-- " line, save a postscript or a line
of the home's fee terms), and legal notices ("may be used only provided that you are the
intended recipient"). A condition is the home's words, never an instruction or a contact of
ours: its phone numbers, links and mail addresses are removed ("[number removed]",
`without_contacts`), and a reply command in capitals with what follows it ("replying
SHORTLIST C", "`APPROVE`") is "[instruction removed]".
"""

from __future__ import annotations

import re

from broker.forms.footers import is_a_notice, without_a_footer
from broker.forms.signed_below import POSTSCRIPT, says_fee_terms

__all__ = ["CONDITIONS_QUOTED", "condition_of", "offer_condition", "own_text",
           "with_the_condition"]

_MAX_CHARS = 20_000
_MAX_CONDITIONS_CHARS = 800  # every condition of a reply, together
# The length a condition is quoted to (`provider_words`): all of it, never cut again.
CONDITIONS_QUOTED = _MAX_CONDITIONS_CHARS + 10  # (the comparison template says 810)
# The words that open a condition. "Provided"/"providing" only before "that" or after a comma
# or a dash, so "the information provided" is none.
_CONDITION = re.compile(
    r"(?:\bsubject\s+to|\bconditional\s+(?:up)?on|(?:[,\u2013\u2014-]\s*|\b)"
    r"provid(?:ed|ing)\s+that|[,\u2013\u2014-]\s*provid(?:ed|ing)(?=\s+\w)|\bas\s+long\s+as|"
    r"\bdepend(?:ing|ent|s)\s+(?:up)?on|\bonly\s+if|\bso\s+long\s+as"
    r"|\bon\s+(?:the\s+)?(?:condition|understanding|basis)\s+that"
    # "if education is funded separately", "if 2:1 is funded": a condition on the funding
    r"|\bif\s+(?=[^.!?;\n]{1,60}?\b(?:is|are|can\s+be|gets?|were)\s+(?:\w+\s+)?"
    r"(?:funded|paid|covered|agreed)\b))\b[^.!?;\n]{3,}",
    re.IGNORECASE)
# A fee said to change later, before its condition: "From week 9 our fee rises to £6,900".
_A_LATER_FEE = re.compile(r"\b(?:rises?|rising|increases?|increasing|goes\s+up|going\s+up|"
                          r"becomes?|from\s+week|after\s+week|uplift)\b", re.IGNORECASE)
_LEADING = re.compile(r"^[,\u2013\u2014\s-]+")
_OURS = re.compile(r"\b([Oo])ur(s?)\b")


def offer_condition(prose: str) -> str | None:
    """Every condition the prose puts on its offer, in its words and joined by "; "
    ("subject to a matching meeting with our registered manager and the current young
    people"), or None."""
    from broker.quoting import without_contacts  # (broker.anonymise reads forms' values)

    said: list[str] = []
    for found in _CONDITION.finditer(prose[:_MAX_CHARS]):
        opening = re.split(r"[.!?;\n]", prose[:found.start()])[-1]
        lead = opening if _A_LATER_FEE.search(opening) and "£" in opening else ""
        words = " ".join(_without_instructions(without_contacts(_LEADING.sub(
            "", lead + found.group()))).split()).rstrip(" ,:")
        if words and not any(words.casefold() in before.casefold() for before in said):
            said.append(words)
    if not said:
        return None
    words = "; ".join(said)
    if len(words) > _MAX_CONDITIONS_CHARS:
        words = words[:_MAX_CONDITIONS_CHARS].rsplit(" ", 1)[0] + " …"
    return words


def own_text(reply: str) -> str:
    """The reply's own words, for its conditions: above its quoted history, without its
    signature (a postscript or a line of fee terms under a sign-off kept) and without legal
    notices."""
    lines = reply[:_MAX_CHARS].split("\n")
    kept: list[str] = []
    signed = False
    for at, line in enumerate(lines):
        if _HISTORY.match(line) or (_OUTLOOK_RULE.match(line) and any(
                _FROM.match(below) for below in lines[at + 1:at + 3])):
            break
        if at and (_SIGN_OFF.match(line) or _SEPARATOR.match(line)):
            signed = True
            continue
        if signed and not (POSTSCRIPT.match(line) or says_fee_terms(line)):
            continue
        if signed:
            signed = False  # "PS …": the writer's words again
        kept.append(line)
    text = without_a_footer("\n".join(kept))
    return "\n\n".join(paragraph for paragraph in _PARAGRAPHS.split(text)
                         if not is_a_notice(paragraph))


def _without_instructions(words: str) -> str:
    """The words with a reply command of ours in capitals, and what it takes, as a marker."""
    return _INSTRUCTION.sub(_INSTRUCTION_REMOVED, words)


_INSTRUCTION_REMOVED = "[instruction removed]"
# "replying SHORTLIST C", "`APPROVE`", "CHOOSE B", "PROPOSE £3,800", "EXTEND 2d"
_INSTRUCTION = re.compile(
    r"[`*_~]*\b(?:SHORTLIST|CHOOSE|DROP|APPROVE|REJECT|PROPOSE|EXTEND|CLOSE|NEXT\s+WAVE|"
    r"WITHDRAW|UNMET|AGREE[DS]?|CONFIRM(?:ED)?|ACCEPT)\b(?:[ \t]+(?:[A-H](?:[ \t]*(?:,|and|&)"
    r"[ \t]*[A-H])*\b|£?\d[\d,.]*[a-z]{0,5}\b))?[`*_~]*")
_HISTORY = re.compile(r"^\s*(?:>|on\s.{0,200}\bwrote:\s*$|-{2,}\s*original\s+message)",
                      re.IGNORECASE)
_OUTLOOK_RULE = re.compile(r"^\s*_{8,}\s*$")
_FROM = re.compile(r"^\s*from:\s", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^\s*(?:kind(?:est)?\s+regards|best\s+wishes|best\s+regards|regards|"
                       r"best|warm\s+regards|yours\s+(?:sincerely|faithfully)|sincerely|many\s+"
                       r"thanks|thanks|thank\s+you)\s*[,.!]?\s*$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\s*(?:--|[\u2013\u2014])\s*$")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def with_the_condition(proposal: str | None, condition: str | None) -> str | None:
    """The proposal field with the offer's condition after what the form gave, unless the
    field says it already."""
    if not condition:
        return proposal
    if not proposal:
        return condition
    if condition.casefold() in " ".join(proposal.split()).casefold():
        return proposal
    return f"{proposal.rstrip(' .;')}; {condition}"


def condition_of(proposal: str | None) -> str | None:
    """The condition a recorded proposal holds, said back to the home that wrote it ("subject
    to a matching meeting with your registered manager …"), or None."""
    condition = offer_condition(proposal or "")
    if condition is None:
        return None
    return _OURS.sub(lambda m: ("y" if m.group(1) == "o" else "Y") + "our" + m.group(2),
                     condition)

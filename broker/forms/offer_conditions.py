"""An offer's condition, in the home's own words, so that it is recorded, never lost.

A home often makes its offer on a condition: "We can offer at Fernhill House, £5,300 a week
from 21/12/2026, subject to a matching meeting with our registered manager and the current
young people", "Offer conditional on matching panel approval", "provided that 2:1 staffing is
funded", "as long as the visit goes ahead", "depending on our staffing in January", "only if
education is funded separately". Rule `offer-condition-kept`: the condition, from its first
word ("subject to", "conditional on", "provided that", "as long as", "so long as", "only
if", "on condition that", "depending on", "dependent on", "our only ask is that", or an
"if" on what is funded or paid: "if education is funded separately"; and, in a sentence that
makes the offer or opening one, words that name what must happen or hold first, however
politely: "pending a visit", "if CAMHS input continues", "assuming the matching meeting goes
well", "once our RM has signed it off", "we'd just want to meet her first", "we'd want a
visit from Maddie first") to the end of its
sentence, or to a dash before the offer's terms ("if CAMHS input continues – £4,850 per
week"), is recorded with the
answer in the response form's `proposal` field (How we would meet needs: the one free-text
field for what the home's offer rests on), after any proposal the form gave; so the
comparison and the approval show it, and the home's acknowledgement repeats it
(`condition_of`, its "our" said as "your"). Every condition the reply puts is kept, joined by
"; " ("subject to a matching meeting; only if the council wants her to stay"), so a second
never drops out of what commissioners approve; a condition put as a list ("This is subject
to:" over "- a matching meeting …", "- 2:1 staffing being funded …") is its items joined by
"; "; cut with " …" only past
`_MAX_CONDITIONS_CHARS` of them all; a condition on a fee that rises later is kept from its
sentence's start ("From week 9 our fee rises to £6,900 a week, only if the council wants her
to stay"): a cost the budget holder must see.

Not a condition: "provided" that only looks back ("the papers you provided"), politeness
that defers to the reader and names nothing the offer rests on (no placement, offer, start,
fee, funding, panel, matching, staffing, visit, school, figure…: "provided that's OK", "only
if you want to", "depending on what you think", "as long as you need us"), an "if" that is a
filler or the reader's ("if at all possible", "if needed", "if you have any questions") or a
figure's ("£4,600 if she can share a bathroom": another fee, fee_clauses.py), words the field
already holds, and words that are not the reply's own (`own_text`): quoted history ("> …",
and everything below "On … wrote:", "-----Original Message-----" or an Outlook "From:"
block), its signature (below a sign-off or a "-- " line, save a postscript, a line of the
home's fee terms, or, under a sign-off, a line putting a condition on this offer: "Please
note: this offer is conditional on our panel …"; a bare "Thank you." is a sign-off only
when a signature follows it, rule `thanks-signed-below`), and legal notices ("may be used
only provided that you are the intended recipient"). A condition is the home's words,
never an instruction or a contact of ours: its phone numbers, links and mail addresses are
removed ("[number removed]", `without_contacts`), and a reply command in capitals with what
follows it ("replying SHORTLIST C", "`APPROVE`") is "[instruction removed]".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from broker.forms.footers import is_a_notice, without_a_footer
from broker.forms.signed_below import BARE_THANKS, POSTSCRIPT, says_fee_terms, signed_below

__all__ = ["CONDITIONS_QUOTED", "condition_of", "offer_condition", "own_text",
           "with_the_condition"]

_MAX_CHARS = 20_000
_MAX_CONDITIONS_CHARS = 800  # every condition of a reply, together
# The length a condition is quoted to (`provider_words`): all of it, never cut again.
CONDITIONS_QUOTED = _MAX_CONDITIONS_CHARS + 10  # (the comparison template says 810)
# The words that open a condition. "Provided"/"providing" only before "that" or after a comma
# or a dash, so "the information provided" is none.
_OPENERS = (
    r"(?:\bsubject\s+to|\bconditional\s+(?:up)?on|(?:[,\u2013\u2014-]\s*|\b)"
    r"provid(?:ed|ing)\s+that|[,\u2013\u2014-]\s*provid(?:ed|ing)(?=\s+\w)|\bas\s+long\s+as|"
    r"\bdepend(?:ing|ent|s)\s+(?:up)?on|\bonly\s+if|\bso\s+long\s+as"
    r"|\bon\s+(?:the\s+)?(?:condition|understanding|basis)\s+that"
    # "our only ask is that education is funded separately", "the one proviso would be …"
    r"|\b(?:our|the|my|one)\s+(?:only\s+|one\s+|main\s+)?(?:ask|requirement|stipulation|"
    r"proviso|caveat)\s+(?:is|would\s+be|being)(?:\s+that)?"
    # "if education is funded separately", "if 2:1 is funded": a condition on the funding
    r"|\bif\s+(?=[^.!?;\n]{1,60}?\b(?:is|are|can\s+be|gets?|were)\s+(?:\w+\s+)?"
    r"(?:funded|paid|covered|agreed)\b))\b")
_CONDITION = re.compile(_OPENERS + r"[^.!?;\n]{3,}", re.IGNORECASE)
# Words that open a condition only in a sentence that makes the offer (`_OFFER_SAID` before
# them): "happy to offer, pending a visit", "we can offer if CAMHS input continues",
# "assuming the matching meeting goes well", "once our RM has signed it off", "once our current
# young person moves on" (round 65 s03), "we'd just want to meet her first". Elsewhere they
# open no condition ("pending referrals", "if you have any questions", "once she arrives we'll
# send her timetable").
_OPENERS_IN_AN_OFFER = (
    r"(?:(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?<!\bour\s)(?<!\byour\s)(?<!\bis\s)(?<!\bare\s)"
    r"(?<!\bstill\s)\bpending(?=\s+\w)"
    r"|(?<!\bam\s)(?<!['\u2019]m\s)(?<!\bare\s)\bassuming\b"
    r"|\bonce\s+(?=[^.!?;\n]{1,60}?\b(?:signed|signs?\s+(?:it\s+|this\s+)?off|sign[\s-]off|"
    r"approv\w*|agreed|confirmed|cleared|completed?|authori[sz]ed|visited|met|happened|taken\s+"
    r"place|gone\s+ahead|funded|in\s+place|received|reviewed|back"
    # another child's move that frees the bed: "once our current young person moves on"
    r"|mov(?:es?|ed)\s+(?:on|out)|leaves|left|transitions?|discharged)\b)"
    r"|\b(?:we|i)(?:['\u2019]d|\s+would|\s+will|['\u2019]ll)?\s+(?:just\s+|still\s+|really\s+|first\s+)?"
    r"(?:(?:want|need|like|wish|have)\s+to\s+"
    # or what they would want first, named: "We'd want a visit from Maddie first though"
    # (round 65 f01), never "first thing"
    r"|(?:want|need|like|wish)\s+(?=(?:a|an|the)\s))(?=[^.!?;\n]{1,60}?\bfirst\b(?!\s+thing))"
    # a bare "if" on what must hold ("if CAMHS input continues"), never a filler or the
    # reader's wish ("if at all possible", "if needed", "if you have any questions")
    r"|\bif\s+(?!(?:at\s+all\s+)?possible\b|(?:needed|necessary|required|helpful|appropriate"
    r"|applicable|so|not|any|anything|anyone|there)\b|(?:you|we|i|it|that|this)\b))"
)
_CONDITION_IN_AN_OFFER = re.compile(_OPENERS_IN_AN_OFFER + r"[^.!?;\n]{3,}", re.IGNORECASE)
# Before such words in their sentence, the offer they limit.
_OFFER_SAID = re.compile(r"\b(?:offer\w*|place(?:ment)?s?|bed|vacanc\w*|take\s+(?:her|him|them)"
                         r"|have\s+(?:her|him|them)|accept\w*)\b", re.IGNORECASE)
# A figure just before an "if": the "if" is that figure's ("£4,600 if she can share").
_A_FIGURE_JUST_BEFORE = re.compile(r"£\s?\d[\d,.]*k?(?:\s*(?:pw|p/w|per\s+\w+|an?\s+\w+|"
                                   r"weekly))?\s*$", re.IGNORECASE)
# A condition ends before the offer's terms after a dash: "if CAMHS input continues – £4,850
# per week, from 14/12/2026".
_TERMS_AFTER_A_DASH = re.compile(r"\s*(?:\s-|[\u2013\u2014])\s*(?=£|\d)")
# A condition put as a list: "This is subject to:" closing its line, its clauses the items
# below ("- a matching meeting with our Registered Manager", "2. 2:1 staffing being funded").
_OPENS_A_LIST = re.compile(_OPENERS + r"[ \t]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE)
_ITEM = re.compile(r"^[ \t]*(?:[-*\u2022\u00b7\u2013\u2014]|\(?(?:\d{1,2}|[a-h]|i{1,3}|iv)[.)])"
                   r"[ \t]+(?P<item>\S.*?)[ \t]*[;,.]?[ \t]*$", re.IGNORECASE)
# What a condition limits: the placement, the offer, its start, fee or funding, the panel,
# matching, staffing, a visit or meeting, her school or care. Words with none of these that
# only defer to the reader are politeness ("provided that's OK", "only if you want to",
# "depending on what you think", "as long as you need us"), no condition of the offer.
_LIMITS = re.compile(
    r"\b(?:placements?|placed|offers?|start\w*|moves?|moving|fees?|costs?|rates?|price|"
    r"charges?|fund\w*|paid|pay\w*|budget|council|authority|panel|match\w*|staff\w*|"
    r"ratio|visit\w*|meet\w*|introductions?|rm|manager|registered|ofsted|school|education|"
    r"transport|camhs|therap\w*|assessment|references?|checks?|dbs|risk\w*|bed|room|vacanc\w*|"
    r"availab\w*|contract|agreement|approv\w*|sign\w*)\b|\d",
    re.IGNORECASE)
_POLITE = re.compile(
    r"\b(?:you|you['\u2019](?:d|re|ll))\s+(?:\w+\s+)?(?:want|wish|need|like|prefer|think|"
    r"decide|feel|see\s+fit|happy|agree)\b|\bwhat\s+you\b|\b(?:that|this|it)(?:['\u2019]s|"
    r"\s+is|\s+works)\s+(?:(?:all|ok|okay|fine|alright|all\s+right|acceptable|suitable|"
    r"convenient)\b|with\s+you)|\b(?:ok|okay|fine|alright|convenient)\s+(?:with|for)\s+"
    r"(?:you|yourselves)\b|\byou\s+(?:don['\u2019]t\s+mind|have\s+no\s+objection)",
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

    prose = prose[:_MAX_CHARS]
    said: list[str] = []
    ends = _sentence_ends(prose)
    for at, found in _conditions(prose):
        if len("; ".join(said)) > _MAX_CONDITIONS_CHARS:
            break  # what is quoted is already cut: more would only lengthen what is cut off
        opening = _sentence_so_far(prose, ends, at)
        lead = opening if _A_LATER_FEE.search(opening) and "£" in opening else ""
        words = " ".join(_without_instructions(without_contacts(_LEADING.sub(
            "", lead + found))).split()).rstrip(" ,:")
        if words and not any(words.casefold() in before.casefold() for before in said):
            said.append(words)
    if not said:
        return None
    words = "; ".join(said)
    if len(words) > _MAX_CONDITIONS_CHARS:
        words = words[:_MAX_CONDITIONS_CHARS].rsplit(" ", 1)[0] + " …"
    return words


def _conditions(prose: str) -> list[tuple[int, str]]:
    """Where each condition starts, and its words: to the end of its sentence, or, opening a
    list ("This is subject to:"), its items joined by "; " ("subject to a matching meeting
    with our Registered Manager; 2:1 staffing being funded for the first four weeks"). Never
    politeness (`_POLITE` with nothing `_LIMITS`)."""
    found: list[tuple[int, str]] = []
    for opened in _OPENS_A_LIST.finditer(prose):
        if (items := _items_below(prose[opened.end():])):
            found.append((opened.start(), opened.group().rstrip(" \t:") + " " + "; ".join(items)))
    listed = {at for at, _ in found}
    found += [(match.start(), match.group()) for match in _CONDITION.finditer(prose)
              if match.start() not in listed]
    taken = sorted((at, at + len(words)) for at, words in found)
    starts = [start for start, _ in taken]
    reaches = list(accumulate((end for _, end in taken), max))  # the furthest end so far
    ends = _sentence_ends(prose)
    for match in _CONDITION_IN_AN_OFFER.finditer(prose):
        before = _sentence_so_far(prose, ends, match.start())
        inside = bisect_right(starts, match.start())  # the conditions that start by it
        if not (inside and reaches[inside - 1] > match.start()) and (
                _OFFER_SAID.search(before) or not before.strip()) and not (
                match.group()[:2].casefold() == "if" and _A_FIGURE_JUST_BEFORE.search(before)):
            found.append((match.start(), match.group()))  # (not "£4,600 if she can share a
            # bathroom": a fee on its condition, kept as another fee, fee_clauses.py)
    found = [(at, _TERMS_AFTER_A_DASH.split(words, maxsplit=1)[0]) for at, words in found]
    return [(at, words) for at, words in sorted(found)
            if _LIMITS.search(words) or not _POLITE.search(words)]


def _sentence_ends(prose: str) -> list[int]:
    """Where each sentence of the prose ends (after its ".", "!", "?", ";" or new line), in
    order: found once, so that what comes before each condition is read in linear time."""
    return [end.end() for end in _A_SENTENCE_END.finditer(prose)]


_A_SENTENCE_END = re.compile(r"[.!?;\n]")


def _sentence_so_far(prose: str, ends: list[int], at: int) -> str:
    """The words of prose[at]'s sentence before it (`ends` from `_sentence_ends`)."""
    before = bisect_right(ends, at)
    return prose[ends[before - 1] if before else 0:at]


def _items_below(rest: str) -> list[str]:
    """The items of a list that follows, blank lines before and between them allowed."""
    items: list[str] = []
    for line in rest.split("\n", _MAX_ITEMS * 2 + 2)[1:_MAX_ITEMS * 2 + 2]:
        if not line.strip():
            continue
        item = _ITEM.match(line)
        if item is None:
            break
        items.append(item["item"])
        if len(items) == _MAX_ITEMS:
            break
    return items


_MAX_ITEMS = 12


def own_text(reply: str) -> str:
    """The reply's own words, for its conditions: above its quoted history, without its
    signature (a postscript or a line of fee terms under a sign-off kept) and without legal
    notices."""
    lines = reply[:_MAX_CHARS].split("\n")
    kept: list[str] = []
    signed = ""  # under a sign-off, or under a signature mark ("-- "), or neither
    for at, line in enumerate(lines):
        if _HISTORY.match(line) or (_OUTLOOK_RULE.match(line) and any(
                _FROM.match(below) for below in lines[at + 1:at + 3])):
            break
        if at and _SEPARATOR.match(line):
            signed = "mark"
            continue
        if at and not signed and _SIGN_OFF.match(line) and not (
                BARE_THANKS.match(line) and not signed_below(lines[at + 1:])):
            signed = "sign-off"  # "Thank you." over more of the reply is none (thanks-signed-below)
            continue
        if signed and (POSTSCRIPT.match(line) or says_fee_terms(line)):
            signed = ""  # "PS …": the writer's words again
        elif signed == "sign-off" and _OF_THE_OFFER.search(line) and _conditions(line) \
                and not is_a_notice(line):
            kept.append(line)  # "Please note: this offer is conditional on our panel …"
            continue
        if signed:
            continue
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
# A line under the sign-off that puts a condition on this offer is the writer's, no
# signature's: "Please note: this offer is conditional on our panel approving the match".
_OF_THE_OFFER = re.compile(r"\b(?:this|the|our|my)\s+(?:offer|placement)\b|\bthis\s+is\s+"
                           r"(?:subject|conditional|dependent)\b|\b(?:we|i)\s+(?:can|could|"
                           r"would|will)\s+(?:only\s+)?offer\b", re.IGNORECASE)
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

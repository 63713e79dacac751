"""A reply that answers several referrals at once: only what it says of this one is read.

A placement officer with two referrals from one council often answers both in one email:

    REF-2026-000412: we can offer from 14/12 at £4,900 pw.
    REF-2026-000431: sorry, no vacancy for this one.

Replying on REF-2026-000431's thread, this is a decline, and the offer, its fee and its
date belong to the other referral. Each line, sentence or table row of the reply is given to
the referral it names; one that names none carries on the last one named as a heading
(a reference near its start, "REF-…:", "For REF-… we", or its number alone, "431:", "Ref
412 –", when this referral's number heads a line so too, or its last digits, "(ref ending
140)"), or is about this referral when it
says "this one", "this referral", "this girl". What a reply says before naming any referral
(a greeting, "thanks for both") stays. A reply that says it was meant for another referral
("Sorry, wrong thread – this is about REF-…", "this reply is for REF-…", before its answer
or after it) says nothing of this one. When the reply names only this referral, or the
thread's own reference is unknown, the reply is read whole. A reply that names another of
our referrals and says nothing of this one (`only_another_named`) is not read at all: the
home is told where to answer (workflows/wrong_thread.py). Another reference named only as
context takes nothing from this one: one compared with ("as with REF-…", "like we did for
REF-…", "unlike REF-…") names no referral the reply is about, and a sentence that names one
as what a call was about ("Further to our call about REF-… last week – we can offer this
young lady …") answers this referral when it says so in its own words, or when a contrast
turns from the other child to an offer ("Further to our call about REF-…, we can't offer for
that young man, but we can offer …": what follows "but" or "however" is this referral's,
what goes before it the other's). A sentence that answers every referral it names alike
("We can offer for both young people (REF-… and REF-…): £4,800 pw each", "Neither – we're
full (REF-…, REF-…)") is this one's too, and, each referral being one child, its fee "each"
is this one's fee. The home knows the child only by the anonymised profile,
so a first name it uses says nothing of whose the sentence is.
"""

from __future__ import annotations

import re

# Ours ("REF-2026-000123"), or another council's named as a referral's ("Eastvale referral
# EV-2026-0456: we can offer …"; but not a home's own "Our ref: PRV-2026-0012").
_REFERENCE = re.compile(r"(?<![\w-])(?:REF-\d{4}-\d{4,8}|(?<=referral )[A-Z]{2,5}-\d{4}-\d{3,8})"
                        r"(?![\w-])", re.IGNORECASE)
# Where a sentence or clause ends: after a full stop, mark or semicolon, before a space.
_UNIT_END = re.compile(r"(?<=[.!?;])(?=\s)")
_THIS_ONE_WORDS = r"this\s+(?:one|referral|girl|boy|child|young\s+(?:person|man|woman|lady))\b"
_THIS_ONE = re.compile(rf"\b{_THIS_ONE_WORDS}", re.IGNORECASE)
# Words that say what follows is the referral a reply was meant for: "this was meant for",
# "meant to reply to", "this should have gone on the … thread", "should've replied on".
_MEANT_FOR_CUE = (r"(?:\b(?:this|it)(?:\s+(?:reply|e-?mail|response|answer|message))?\s+(?:is|was)"
                  r"\s+(?:meant\s+|intended\s+)?(?:for|about|regarding|re)|\b(?:meant|intended)\s+"
                  r"for|\bmeant\s+to\s+(?:reply|respond|answer)\s+(?:to|on)"
                  r"|\bshould(?:\s+have|['’]ve)\s+(?:gone|been\s+sent|replied|answered|responded)"
                  r"\s+(?:on|to|in))\s+(?:the\s+)?")
# A note that the whole reply was meant for another referral: "wrong thread", "this reply is
# for REF-…".
_MEANT_FOR = re.compile(
    r"\bwrong\s+(?:thread|e-?mail|chain|referral|one)\b|\b(?:this|my)\s+(?:reply|e-?mail|"
    r"response|answer|message)\s+(?:is|was)\s+(?:meant\s+)?(?:for|about|regarding|re)\b"
    rf"|{_MEANT_FOR_CUE}REF-", re.IGNORECASE)
# The same note naming no referral: "Sorry, should've replied on the other thread", "wrong
# thread – …", "this was meant for a different referral" (but not "I replied on the wrong
# thread earlier, so here it is again": an earlier message's slip).
_MEANT_FOR_ANOTHER_UNNAMED = re.compile(
    r"\bshould(?:\s+have|['’]ve)\s+(?:gone|been\s+sent|replied|answered|responded|sent\s+(?:this|it))"
    r"\s+(?:on|to|in)\s+(?:the|a|another)\s+(?:(?:other|different|right|correct)\s+)?(?:thread|"
    r"e-?mail|chain|referral)\b"
    # (bounded: a long run of dashes or pipes is never tried from each of its characters)
    r"|(?:^|[.!:;,\u2013\u2014-])\W{0,6}(?:(?:sorry|oops|apologies|ignore\s+(?:this|me))\W{1,6})?"
    r"wrong\s+"
    r"(?:thread|e-?mail|chain|referral)\b"
    r"|\b(?:this|it)(?:\s+(?:reply|e-?mail|response|answer|message))?\s+(?:is|was)\s+(?:meant|"
    r"intended)\s+for\s+(?:a\s+different|another|the\s+other)\s+(?:referral|thread|child|young"
    r"\s+person)\b", re.IGNORECASE)
_AN_EARLIER_SLIP = re.compile(r"\b(?:earlier|yesterday|previously|last\s+(?:time|week|night)|"
                              r"this\s+morning|before)\b|\bi\s+(?:sent|replied|posted|answered)\b",
                              re.IGNORECASE)
_HEADING_REACH = 30  # a reference this near its sentence's start heads what follows
_THIS_ONE_WORDS_AT_A_LINE = re.compile(rf"(?im)^\s*(?:for\s+)?{_THIS_ONE_WORDS}")


def about_this_referral(text: str, own: str | None) -> str:
    """The reply less what it says of other referrals."""
    if _meant_for_another_unnamed(text):
        return ""  # "Sorry, should've replied on the other thread – we can offer …"
    if own is None:
        return _without_this_one_headings(text)
    own = own.upper()
    text = _short_references_written_out(text, own)
    text = _meant_for_numbers_written_out(text, own)
    text = _endings_written_out(text, own)
    named = {match.group().upper() for match in _REFERENCE.finditer(text)}
    if not named - {own}:
        return _without_this_one_headings(text)
    units = _UNIT_END.split(text)
    if any(_MEANT_FOR.search(unit) and _REFERENCE.search(unit) and own not in unit.upper()
           for unit in units) and not any(
            own in unit.upper() or _THIS_ONE_HEADING.match(unit.lstrip()) for unit in units):
        return ""  # "Sorry, wrong thread – this is about REF-…", before the answer or after it
    kept_lines = []
    heading: str | None = None  # the referral the last heading named; None before any
    for line in text.split("\n"):
        kept = []
        for unit in _UNIT_END.split(line):
            if (turn := _offer_after_a_contrast(unit, own)) is not None:
                kept.append(unit[turn:])  # "…, but we can offer …": this one's, from "we"
                heading = own
                continue
            whose, heading = _whose(unit, heading, own)
            if whose == own and heading == "several":  # each referral is one child, so
                unit = _EACH_AFTER_A_FEE.sub(r"\g<fee>", unit)  # "£4,800 pw each" is its fee
            if whose in (None, own):
                kept.append(_without_references(unit))
        kept_lines.append("".join(kept).strip())
    return "\n".join(kept_lines)


# A reply that says which child it answers for: "This is our response for J.M. (the
# 12-year-old boy you sent through on Monday): …", "Our response for the two boys (T & R,
# siblings, 8 and 10): …", "This is for A.K. (15, male), not the young lady – …".
_FOR_A_CHILD = re.compile(
    r"\b(?:(?:our\s+)?(?:response|reply|answer)|this(?:\s+(?:reply|response|one|email))?\s+is"
    r"(?:\s+the\s+(?:referral|one))?"  # "I think this is the referral for the 11-year-old boy"
    # "replying to your email about the 15-year-old lad from last week"
    r"|(?:replying|responding|in\s+(?:reply|response))\s+to\s+(?:your\s+)?(?:e-?mail|message|"
    r"referral))"
    r"\s+(?:(?:is|are)\s+)?(?:for|about|regarding)\s+(?P<who>[^\n:]{1,100})", re.IGNORECASE)
_AGES = re.compile(r"\b(\d{1,2})[\s-]?(?:years?|yrs?)[\s-]?old\b|(?<=[(,\s])(\d{1,2})(?=\s*[,)])"
                   r"|\b(\d{1,2})\s+and\s+(\d{1,2})\b", re.IGNORECASE)
_NOT_THIS_CHILD = re.compile(r"\bnot\s+(?:for\s+)?the\s+(?:young\s+(?:lady|man|person)|girl|boy)\b",
                             re.IGNORECASE)
# Our subject's age: "Referral REF-…: residential, age 14, ZZ98 - reply by …", or since
# round 52 "Reply by … | Northby: urgent residential, F14, ZZ98, … | for … | REF-…".
_AGE_IN_OUR_SUBJECT = re.compile(r"\bREF-\d{4}-\d{4,8}:[^\n]{0,60}?\bage\s+(\d{1,2})\b"
                                 r"|\|[^|\n]{1,60}:[^|\n]{0,40}?,\s(?:(?-i:[FM])|age\s)(\d{1,2}),",
                                 re.IGNORECASE)


def for_another_child(text: str, subject: str) -> bool:
    """Whether the reply says it answers for a child who is not this referral's: one of
    another age than our subject gives, or "not the young lady" beside whom it is for."""
    said = _FOR_A_CHILD.search(text[:_OPENING_CHARS])
    if said is None:
        return False
    who = said["who"]
    if _NOT_THIS_CHILD.search(who):
        return True
    ours = _AGE_IN_OUR_SUBJECT.search(subject[:300])
    ages = {int(age) for found in _AGES.finditer(who) for age in found.groups() if age}
    return ours is not None and bool(ages) and int(ours[1] or ours[2]) not in ages


_OPENING_CHARS = 600  # where a reply says whom it is for


def _meant_for_another_unnamed(text: str) -> bool:
    """Whether a sentence of the reply says the reply was meant for another thread, naming
    none, and no sentence speaks of this referral ("this one")."""
    return any(not _AN_EARLIER_SLIP.search(unit) for unit in _UNIT_END.split(text)
               if _MEANT_FOR_ANOTHER_UNNAMED.search(unit)) and not _THIS_ONE.search(text)


# A reference heading its line ("REF-… – offer, £4,900"), or in brackets ("this one (REF-…)"),
# is left out of what is read, as a form's label would be.
_HEADING = re.compile(rf"^(?P<space>\s*)(?:{_REFERENCE.pattern})\s*[:\u2013\u2014-]?\s*",
                      re.IGNORECASE)
_BRACKETED = re.compile(rf"\s*\(\s*(?:{_REFERENCE.pattern})\s*\)", re.IGNORECASE)


# A referral headed by its number alone, as a busy officer types it: "431: interested",
# "Ref 412 – decline", "Re ref 123: no". Read so only when this referral's own number heads a
# line that way too.
_SHORT_HEADING = re.compile(r"(?im)^(?P<space>[ \t]*)(?:re[ \t]+)?(?:ref(?:erence)?\.?[ \t]*)?"
                            r"0*(?P<number>\d{3,8})(?=[ \t]*[:\u2013\u2014-][ \t])")


def _short_references_written_out(text: str, own: str) -> str:
    prefix, own_number = own.rsplit("-", 1)
    headings = list(_SHORT_HEADING.finditer(text))
    if not any(int(match.group("number")) == int(own_number) for match in headings):
        return text
    return _SHORT_HEADING.sub(lambda match: f"{match.group('space')}{prefix}-"
                              f"{int(match.group('number')):0{len(own_number)}d}", text)


# A referral given by the last digits of its reference: "The 14-year-old girl (ref ending 123)
# – interested … 2. The 9-year-old boy (ref ending 140) – offer from 14/12".
_REFERENCE_ENDING = re.compile(r"(?i)\bref(?:erence)?\.?\s+(?:number\s+|no\.?\s+)?ending\s+"
                               r"(?:in\s+|with\s+)?(?P<digits>\d{2,8})\b")


def _endings_written_out(text: str, own: str) -> str:
    """Each "ref ending 140" written out as a reference: this one's when this referral's
    number ends so, another's otherwise."""
    if "ending" not in text.lower():
        return text
    prefix, own_number = own.rsplit("-", 1)

    def written_out(match: re.Match[str]) -> str:
        digits = match.group("digits")
        if own_number.endswith(digits):
            return own
        return f"{prefix}-{digits.rjust(len(own_number), '0')}"
    return _REFERENCE_ENDING.sub(written_out, text)


# A note that the reply was meant for a referral given by its number alone: "this was meant
# for 412", "this is for ref 412", "Apologies – meant for ref 412, not this one", "Oops -
# meant to reply to 433", "this should have gone on the 412 thread".
_MEANT_FOR_NUMBER = re.compile(
    rf"(?i){_MEANT_FOR_CUE}(?P<ref>ref(?:erence)?\.?\s*|referral\s+)?0*(?P<number>\d{{3,8}})\b"
    r"(?![/.:]\d)")


def _meant_for_numbers_written_out(text: str, own: str) -> str:
    prefix, own_number = own.rsplit("-", 1)

    def written_out(match: re.Match[str]) -> str:
        number = int(match.group("number"))
        if number == int(own_number) or len(str(number)) > len(own_number):
            return match.group()
        start = match.start("ref" if match.group("ref") else "number") - match.start()
        return f"{match.group()[:start]}{prefix}-{number:0{len(own_number)}d}"
    return _MEANT_FOR_NUMBER.sub(written_out, text)


# "This one:", "For this young lady –" heading a line, as a reference would: left out too, so
# "This one: offer, £4,900 pw from 14/12" is read as a reply opening on "offer".
_THIS_ONE_HEADING = re.compile(
    rf"^(?P<space>\s*)(?:for\s+)?{_THIS_ONE_WORDS}\s*[:\u2013\u2014-]\s*", re.IGNORECASE)


def _without_this_one_headings(text: str) -> str:
    """A reply naming no other referral, less any "This one:" heading its lines."""
    if not _THIS_ONE_WORDS_AT_A_LINE.search(text):
        return text
    return "\n".join(_THIS_ONE_HEADING.sub(r"\g<space>", line) for line in text.split("\n"))


def _without_references(unit: str) -> str:
    unit = _THIS_ONE_HEADING.sub(r"\g<space>", _HEADING.sub(r"\g<space>", unit))
    return _BRACKETED.sub("", unit)


# One of our references ("REF-2026-000412"), as the mailroom looks it up.
_OURS = re.compile(r"(?<![\w-])REF-\d{4}-\d{6}(?![\w-])", re.IGNORECASE)


def references_named(text: str) -> tuple[str, ...]:
    """Our referrals' references a reply's text names, in order, each once."""
    return tuple(dict.fromkeys(match.group().upper() for match in _OURS.finditer(text)))


def others_answered(text: str, own: str) -> tuple[str, ...]:
    """The other referrals of ours a reply on `own`'s thread answers beside this one, in
    order: each reference it names but one named only as context ("as with REF-…", "further
    to our call about REF-…"). What it says of them is not read here, so the home is told."""
    return tuple(dict.fromkeys(
        match.group().upper() for match in _OURS.finditer(text)
        if match.group().upper() != own.upper() and not _as_context(text, match)))


def only_another_named(text: str, own: str) -> str | None:
    """The reference of another referral of ours that a reply on `own`'s thread names, when
    it says nothing of this one: it never names `own` nor says "this one" ("Sorry wrong one
    earlier - for the Northby girl REF-2026-937430 we can offer …"). None when it names no
    other, or speaks of this one too (then each part goes to its referral, as above). A
    reference named only to compare ("as with REF-…", "unlike REF-…") names no other."""
    named = tuple(dict.fromkeys(match.group().upper() for match in _OURS.finditer(text)
                                if not _compared(text, match)))
    others = [reference for reference in named if reference != own.upper()]
    if not others or len(others) < len(named) or _THIS_ONE.search(text) or any(
            _offer_after_a_contrast(unit, own) is not None for unit in _UNIT_END.split(text)):
        return None
    return others[0]


def reference_in(subject: str) -> str | None:
    """The referral our subject names ("Referral REF-2026-000431: residential, …")."""
    found = _REFERENCE.search(subject[:300])
    return found.group().upper() if found else None


# A reference named only to compare this referral with it: "as with REF-…", "like we did for
# REF-…", "unlike REF-…", "same as REF-…": the sentence answers this referral, and the other
# one names no referral the reply is about.
_COMPARED = re.compile(
    r"(?i)(?:\bas\s+(?:with|we\s+did\s+(?:for|with))|\blike(?:\s+(?:we\s+did|before))?"
    r"(?:\s+(?:for|with))?|\bunlike|\bsame\s+as(?:\s+(?:for|with))?|\bsimilar\s+to)"
    r"\s+(?:the\s+)?(?:(?:referral|one)\s+)?\Z")
# A reference named as what an earlier exchange was about: "Further to our call about
# REF-… last week – we can offer this young lady …". Said beside "this one" words, the
# sentence answers this referral; without them it may still be the other's (the home is asked).
_AS_CONTEXT = re.compile(
    r"(?i)\b(?:further\s+to|following(?:\s+(?:on\s+from|up))?|after|since)\s+(?:our|the|your|my)"
    r"\s+(?:(?:phone|telephone|earlier|recent|last)\s+)?(?:call|conversation|chat|discussion|"
    r"e-?mail|message|meeting|talk)s?\s+(?:about|regarding|re|on|over|concerning|for)\s+"
    r"(?:the\s+)?(?:referral\s+)?\Z")
_CUE_REACH = 60  # how far before a reference its cue is looked for


def _compared(text: str, match: re.Match[str]) -> bool:
    """Whether the reference `match` found in `text` is named only to compare with it."""
    return _COMPARED.search(text[max(0, match.start() - _CUE_REACH):match.start()]) is not None


def _as_context(text: str, match: re.Match[str]) -> bool:
    """Whether the reference is named as context: compared with, or what a call was about."""
    before = text[max(0, match.start() - _CUE_REACH):match.start()]
    return _COMPARED.search(before) is not None or _AS_CONTEXT.search(before) is not None


# A contrast turning from another child to an offer: "…, but we can offer …", "however, we
# could still offer …".
_CONTRAST_OFFER = re.compile(
    r"(?i)[,;\u2013\u2014-]?\s*\b(?:but|however)\b,?\s+(?P<offer>we\s+(?:can|could|would\s+be\s+"
    r"able\s+to|are\s+able\s+to)\s+(?:still\s+|also\s+)?offer\b)")


def _offer_after_a_contrast(unit: str, own: str) -> int | None:
    """Where this referral's part of a sentence starts when it names another referral as what
    a call was about and then turns, with "but" or "however", to an offer ("Further to our
    call about REF-…, we can't offer for that young man, but we can offer …"); None when
    it does not, or names another referral after the turn."""
    others = [match for match in _REFERENCE.finditer(unit) if match.group().upper() != own]
    if not others or not all(_AS_CONTEXT.search(unit[max(0, match.start() - _CUE_REACH):
                                                      match.start()]) for match in others):
        return None
    turn = _CONTRAST_OFFER.search(unit, others[-1].end())
    if turn is None or any(match.start() > turn.start() for match in others):
        return None
    return turn.start("offer")


# A sentence that answers every referral it names alike (round 62 t03, t05): "We can offer for
# both young people (REF-… and REF-…): £4,800 pw each", "Neither I'm afraid – we're full
# (REF-…, REF-…)".
_EACH_AFTER_A_FEE = re.compile(
    r"(?P<fee>£\s?\d[\d,.]*k?(?:\s*(?:pw|p/w|per\s+week|a\s+week|weekly))?)\s+(?:each|per\s+"
    r"(?:child|young\s+person|person|head))\b", re.IGNORECASE)
_ALL_OF_THEM = re.compile(r"\b(?:both|neither|either|each|all\s+(?:of\s+)?(?:them|three|two|"
                          r"four)|the\s+two|for\s+all)\b", re.IGNORECASE)


def _whose(unit: str, heading: str | None, own: str) -> tuple[str | None, str | None]:
    """Which referral a sentence is about, and the heading the next one carries on. A
    reference compared with is no referral's; one named as context beside "this one" words
    leaves the sentence this referral's."""
    references = [match for match in _REFERENCE.finditer(unit) if not _compared(unit, match)]
    if _THIS_ONE.search(unit) and all(_as_context(unit, match) for match in references
                                      if match.group().upper() != own):
        return own, own
    names = {match.group().upper() for match in references}
    if len(names) > 1 and own in names and _ALL_OF_THEM.search(unit):
        return own, "several"  # "offer for both young people (REF-… and REF-…)": this one's too
    if len(names) > 1:
        return "several", "several"
    if names:
        name = names.pop()
        heads = references[0].start() - (len(unit) - len(unit.lstrip())) <= _HEADING_REACH
        return name, name if heads else heading
    if _THIS_ONE.search(unit):
        return own, own
    return heading, heading

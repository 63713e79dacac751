"""The one-line instructions people send by email, read from the new text of a reply.

Social worker or placements team (on the referral's thread, or naming its reference):
`EXTEND 24h` · `CLOSE` · `NEXT WAVE` · `LEVEL <reason>` · `SHORTLIST A, C` (+ "Parents'
views:" and "Child's views:" lines; "not sought - <reason>" when a view was not sought) ·
`CHOOSE B` · `PROPOSE £4,000` · `AGREE` · `DROP B` · `UNMET <reason>` · `WITHDRAW <reason>`
· `ENDED <date> <reason>`.
Commissioner: `APPROVE REF-2026-000123` · `REJECT REF-… <reason>` · `QUESTION REF-… <question>`.
Before broadcast, a held referral (workflows/review.py): `SEND REF-…`. Budget holder:
`SIGN OFF REF-…` · `REFUSE SIGN OFF REF-… <reason>`.
Only the first non-blank line is an instruction, so quoted mail can never give one, and
a line that asks ("WITHDRAW duplicate? Jordan, is this the line?") is none (`asks`). CLOSE
counts only when it stands alone on its line ("Close to her school …" is not an
instruction), and NEXT WAVE, LEVEL, WITHDRAW, ENDED, SEND and SIGN OFF only in capitals.
The options SHORTLIST, CHOOSE and DROP name are the letters listed right after the word
(`_labels`): a remark after them, in brackets, after a dash or a full stop ("SHORTLIST A
(C and D are too far)", "CHOOSE B - A was too far"), adds none; a line that names letters
after the list ends ("SHORTLIST A (nearest), C", "SHORTLIST A as C is too far") is no
instruction, and its writer is shown how to write one (`meant_instruction`). An option is a
letter (past Z, a letter repeated: "AA"), in quotation marks or not, full-width read as
written (NFKC): "AS", "IS" or "OR" are words, and "A OR C" is asked about, not read as both.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from broker.forms.values import parse_money_weekly
from broker.settings import parse_duration

VERB = re.compile(r"^\s*(SHORTLIST|CHOOSE|PROPOSE|APPROVE|APPROVED|"
                  r"REJECT|REJECTED|QUESTION|EXTEND)\b[\s:,\-\u2013]*(.*)$", re.IGNORECASE)
# Verbs that are also ordinary words at the start of a sentence ("Level of support: …",
# "Ended up staying …", "Unmet needs: dental", "Drop-in sessions …") count only in capitals,
# as the instructions are written.
CAPITAL_VERB = re.compile(r"^\s*(NEXT\s+WAVE|LEVEL|WITHDRAW|ENDED|SEND|SIGN\s+OFF|"
                          r"REFUSE\s+SIGN\s+OFF|UNMET|DROP|AGREED|AGREE)\b[\s:,-]*(.*)$")
# AGREE in any case only alone, perhaps with thanks ("Agreed, thank you.", "agreed"): a
# sentence that starts so ("Agreed with mum that she visits on Saturdays") agrees no fee.
AGREED_ALONE = re.compile(r"^\s*(agreed|agree)\b[\s,.!:-]*(?:(?:thank\s*you|thanks|many\s+"
                          r"thanks|cheers|ta|sam|jo)\b[\s,.!]*)?$", re.IGNORECASE)
# CLOSE alone (perhaps with the reference, "now", "please" or a full stop): never a
# sentence's start.
CLOSE = re.compile(r"^\s*(?:please\s+)?CLOSE(?:\s+(?:the\s+window\s+)?now)?\s*"
                   r"(REF-\d{4}-\d{6})?\s*(?:,?\s*please)?\s*[.!]?\s*$", re.IGNORECASE)
REFERENCE = re.compile(r"\bREF-\d{4}-\d{6}\b", re.IGNORECASE)
# An option's label: a letter, or past Z the same letter repeated ("AA", "BB": see
# broker/comparison.py `label_for`); never a two-letter word ("AS", "IS", "OR").
LABEL = r"(?P<letter>[A-Z])(?P=letter){0,2}"
LABELS = re.compile(rf"\b({LABEL})\b")
DATE = re.compile(r"^\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
                  r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\s+\d{4}|today|yesterday)\b[\s,:-]*",
                  re.IGNORECASE)
VIEW_LABELS = {
    "parents": re.compile(r"^\s*[-*•]?\s*\**\s*(parents?'?s?’?s?|family)\s*(views?|wishes)"
                          r"\s*\**\s*[:\-]\s*\**\s*(.*)$", re.IGNORECASE),
    "child": re.compile(r"^\s*[-*•]?\s*\**\s*(child'?s?’?s?|young person'?s?’?s?|"
                        r"child or young person'?s?)\s*(views?|wishes)\s*\**\s*[:\-]\s*\**\s*(.*)$",
                        re.IGNORECASE),
}
NOT_SOUGHT = re.compile(r"^\s*not\s+(sought|asked|obtained|gathered)\b[\s:,.-]*"
                        r"(?:because\s+)?(.*)$", re.IGNORECASE | re.DOTALL)
NORMALISED = {"agreed": "agree", "approved": "approve", "rejected": "reject"}


@dataclass(frozen=True)
class Instruction:
    # shortlist | choose | propose | agree | drop | unmet | approve | reject | question |
    # extend | close | next-wave | level | withdraw | ended
    verb: str
    argument: str = ""
    labels: tuple[str, ...] = ()
    reference: str = ""
    fee: Decimal | None = None
    duration: timedelta | None = None
    date_text: str = ""  # ENDED's date as written ("" = today); EXTEND's "until" day
    views: dict[str, str] = field(default_factory=dict)  # parents, child, *_reason
    # a SHORTLIST's lines after it as written: views in prose are shown back, under labels
    after: str = ""


# A line that only greets ("Hi,", "Hello team", "Dear all,", "Good morning Sam"): Outlook
# users open with one, and the instruction is the line after it.
_GREETING = re.compile(r"^\s*(?:hi|hiya|hello|hey|dear|morning|afternoon|evening|"
                       r"good\s+(?:morning|afternoon|evening))\b[\w\s'’.-]{0,40}[,.!]?\s*$",
                       re.IGNORECASE)


def greets(line: str) -> bool:
    """Rule `a-greeting-is-no-line`: whether the line only greets, so that an instruction
    under it ("Hi," over "CLOSE please.") is read as the first line."""
    return bool(_GREETING.match(line)) and not VERB.match(line.strip())


def read_instruction(text: str) -> Instruction | None:
    lines = text.splitlines()
    first_index = next((i for i, line in enumerate(lines) if line.strip()
                        and not greets(line)), None)
    if first_index is None:
        return None
    first = unicodedata.normalize("NFKC", lines[first_index])  # "SHORTLIST Ａ，Ｃ" is A, C
    close = CLOSE.match(first)
    if close:
        return Instruction("close", reference=(close.group(1) or "").upper())
    if AGREED_ALONE.match(first):
        return Instruction("agree")
    match = VERB.match(first) or CAPITAL_VERB.match(first)
    if not match:
        return None
    verb = " ".join(match.group(1).lower().split()).replace(" ", "-")
    verb = NORMALISED.get(verb, verb)
    argument = match.group(2).strip()
    if asks(verb, argument):
        return None  # "WITHDRAW duplicate? Jordan, is this the line I send them?"
    reference = REFERENCE.search(argument)
    rest = REFERENCE.sub("", argument).strip(" :-,") if reference else argument
    date_text = ""
    if verb == "ended":
        found = DATE.match(rest)
        if found:
            date_text, rest = found.group(1), rest[found.end():].strip()
    elif verb == "extend" and (until := _UNTIL.match(rest)):
        # "EXTEND to Friday": the day it is to close on ("to friday please, mum is away")
        date_text = _AN_ASIDE.split(until[1], maxsplit=1)[0].strip()
    labels = _labels(rest) if verb in _BY_LETTER else ()
    if labels is None:
        return None  # letters after the list: which are meant is asked, not guessed
    return Instruction(
        verb=verb, argument=rest,
        labels=labels,
        reference=reference.group(0).upper() if reference else "",
        fee=_fee(rest) if verb == "propose" else None,
        duration=_duration(rest) if verb == "extend" and not _SIGNED.match(
            first[match.end(1):]) else None,
        date_text=date_text,
        views=_views(lines[first_index + 1:]) if verb == "shortlist" else {},
        after="\n".join(lines[first_index + 1:]) if verb == "shortlist" else "",
    )


_BY_LETTER = ("shortlist", "choose", "drop")
# The end of a sentence: a full stop, "!" or "?" before a space or the line's end (never the
# point in "£4,000.50" or "14.12.2026").
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


# Verbs whose words after the reference are put to someone else, and may ask: QUESTION's
# are a question; REJECT's reason goes to the social worker ("why not Larch House?").
_ASKING_WORDS = ("question", "reject")


def asks(verb: str, argument: str) -> bool:
    """Rule `a-question-is-no-instruction`: a line that asks is asked about, never carried
    out. What follows the verb is a question when, its remarks in brackets left out, the
    line ends with "?", or its first sentence does ("WITHDRAW duplicate? Jordan, is this the
    line I send them?", "CHOOSE B? or C", "AGREE?"): a line put to someone, a colleague
    asked whether to send it, not the instruction. A question in brackets ("SHORTLIST A, C
    (is D too far?)") is a remark. QUESTION's and REJECT's words (`_ASKING_WORDS`) may ask:
    those lines ask only when the verb, or its reference, is what is asked ("REJECT?")."""
    outside = _BRACKETED.sub(" ", argument).strip()
    if verb in _ASKING_WORDS:
        return REFERENCE.sub("", outside).strip().startswith("?")
    first = _SENTENCE_END.search(outside)
    return outside.rstrip(_QUOTES + " *_").endswith("?") or (
        first is not None and first.group() == "?")
# A line in lower case names options only when it is nothing else ("choose c", "shortlist a
# and c please", "choose option b"): in "choose a home near her school" the "a" is a word.
_QUOTES = "'\"‘’“”"  # quotation marks around an option: "'A', 'C'"
_ONLY_OPTIONS = re.compile(rf"(?:[\s,;/&+.{_QUOTES}]*(?:[a-h]|options?|and|or|please|pls|"
                           rf"thanks)\b)*[\s,;/&+.!{_QUOTES}]*", re.IGNORECASE)
# "A or C", "B OR C", "A and/or C": which is meant is asked, not guessed.
_EITHER = re.compile(r"(?i)(?<![\w\'’])or(?![\w\'’])")
# One more option of the list after the verb: "A", ", C", " and D", " & option E", "/F".
# A label may stand in quotation marks: "'A', 'C'", "“A” and “C”".
_LISTED = re.compile(r"(?:[\s,;/&+]|\b(?i:and|options?)\b)*"
                     rf"(?:[\'‘\"“](?P<quoted>{LABEL.replace('letter', 'q')})[\'’\"”]"
                     rf"|\b(?P<label>{LABEL})\b(?![\'’]))")
# A remark after the list: in brackets (to the bracket closing it, or the line's end), or
# after a dash or the sentence's end (to the line's end).
_BRACKETED = re.compile(r"[(\[][^()\[\]]*(?:[)\]]|$)")
_DASHED = re.compile(r"(?:^|\s)[-\u2013\u2014]|[.!?](?:\s|$)")
# An option's letter written alone (never "I", the writer herself): "C", "AA".
_A_LETTER = re.compile(r"(?<![\w\'’])([A-HJ-Z]|([A-Z])\2)(?![\w\'’])")
_NO_LETTER_WORDS = ("and", "or", "option", "options")


def _labels(argument: str) -> tuple[str, ...] | None:
    """Rule: the options are the list after the verb. The option letters an argument names:
    those written as capitals in the list it starts with (letters apart by commas, "and",
    "&", "/", "+" or spaces, "option" before one, ending at the first other word, bracket,
    dash or full stop), or in a line of nothing but letters (and "option", "and", "please"),
    in any case.
    A remark after the list adds no letter ("A (C and D are too far)", "B - A was too
    far"); None, for the writer to be asked, when letters follow the list outside such a
    remark ("A (nearest), C", "A as C is too far"), or a remark is nothing but letters
    ("A (C)", "A - C": more options, or a range?)."""
    if not LABELS.search(argument) and _ONLY_OPTIONS.fullmatch(argument):
        if _EITHER.search(argument):
            return None
        return tuple(dict.fromkeys(found[1] for found in LABELS.finditer(argument.upper())))
    listed, rest = _listed(argument)
    if letters_after(rest) or any(_only_letters(remark) for remark in _remarks(rest)):
        return None
    return tuple(dict.fromkeys(listed))


def _listed(argument: str) -> tuple[list[str], str]:
    """The letters of the list `argument` starts with, and what follows the list."""
    listed, at = [], 0
    while (item := _LISTED.match(argument, at)) is not None:
        listed.append(item["quoted"] or item["label"])
        at = item.end()
    return listed, argument[at:]


def _remarks(rest: str) -> list[str]:
    """What follows a list in brackets, and after a dash or a sentence's end (to the
    line's end)."""
    dash = _DASHED.search(rest)
    return [*_BRACKETED.findall(rest[:dash.start()] if dash else rest),
            *([rest[dash.start():]] if dash else [])]


def _only_letters(remark: str) -> bool:
    """A remark of option letters alone (and "and", "or"): "(C)", "- C, D"."""
    words = [word for word in re.findall(r"[\w\'’]+", remark)
             if word.lower() not in _NO_LETTER_WORDS]
    return bool(words) and all(_A_LETTER.fullmatch(word) for word in words)


def letters_after(rest: str) -> list[str]:
    """The option letters `rest` (what follows a list of options) names outside its
    remarks (`_remarks`): "(nearest), C" names C, "- C is too far" none."""
    dash = _DASHED.search(rest)
    outside = _BRACKETED.sub(" ", rest[:dash.start()] if dash else rest)
    return [found[1] for found in _A_LETTER.finditer(outside)]


def letters_named(argument: str) -> list[str]:
    """Every option letter an instruction's argument names outside its remarks, in order:
    the list after the verb and any letters after it ("A (nearest), C": A and C)."""
    listed, rest = _listed(argument)
    return list(dict.fromkeys([*listed, *letters_after(rest)]))


def _fee(text: str) -> Decimal | None:
    try:
        return parse_money_weekly(text)
    except ValueError:
        return None


_SPELT_DURATION = re.compile(
    r"^(?:by\s+|for\s+(?:another\s+)?|another\s+)?(\d{1,12})\s*(?:(d|days?)|(h|hrs?|hours?)"
    r"|(m|mins?|minutes?))\b", re.IGNORECASE)


# `EXTEND to Friday`, `EXTEND until 11/12/2026`, `EXTEND till Mon`: a day to close on, not a
# duration (read as a date against the email's own date).
_UNTIL = re.compile(r"^(?:to|until|till|til|'til|up\s+to)\s+(\S.{0,60}?)"
                    r"(?:[\s,]+(?:please|pls|thanks|thank\s+you))?[\s.!]*$", re.IGNORECASE)


# What follows the day: "friday please, mum is away", "Friday - mum is away".
_AN_ASIDE = re.compile(r"[\s,]+(?:please|pls|thanks|thank\s+you)\b|\s*[,;(]|\s[-\u2013\u2014]\s",
                       re.IGNORECASE)


# `EXTEND -5d`, `EXTEND − 2 days`: a sign, which a window cannot take (it would be read as
# five days more); asked for again, never turned round.
_SIGNED = re.compile(r"^[\s:,]{0,10}[-\u2212\u2013]\d")
# A second duration after the first (`EXTEND 2d 3h`): which was meant, or both, is unclear.
_ANOTHER_DURATION = re.compile(r"\b\d{1,12}\s{0,3}(?:d|days?|h|hrs?|hours?|m|mins?|minutes?)\b",
                               re.IGNORECASE)


def _duration(text: str) -> timedelta | None:
    """`24h`, `by 2d`, `48 hours please`, `another 2 days`: the duration the argument starts
    with (None: it starts with none, or another duration follows it)."""
    words = text.split()
    if words and words[0].lower() == "by":
        words = words[1:]
    spelt = _SPELT_DURATION.match(text.strip())
    written = (f"{spelt[1]}{'d' if spelt[2] else 'h' if spelt[3] else 'm'}" if spelt
               else words[0] if words else "")
    after = text.strip()[spelt.end():] if spelt else " ".join(words[1:])
    if _ANOTHER_DURATION.search(after):
        return None
    try:
        return parse_duration(written) if written else None
    except ValueError:
        return None


def _views(lines: list[str]) -> dict[str, str]:
    """The labelled views, each continuing until the next label or a blank line."""
    views: dict[str, list[str]] = {}
    current = None
    for line in lines:
        label = next((key for key, pattern in VIEW_LABELS.items() if pattern.match(line)), None)
        if label:
            current = label
            views[label] = [VIEW_LABELS[label].match(line).group(3)]  # type: ignore[union-attr]
        elif current and line.strip() and not line.lstrip().startswith(">"):
            views[current].append(line.strip())
        elif not line.strip():
            current = None
    result: dict[str, str] = {}
    for key, parts in views.items():
        text = " ".join(p for p in parts if p).strip()
        not_sought = NOT_SOUGHT.match(text)
        if not_sought:
            result[key] = ""
            result[f"{key}_reason"] = not_sought.group(2).strip() or "(no reason given)"
        else:
            result[key] = text
    return result


# A first line that looks meant as an instruction but is not written as one ("close pls",
# "Withdraw - family found a kinship carer", "next wave please", "EXTNED 2d", "drop B"): the
# answer shows how to write it, so nobody believes a referral was withdrawn or moved on when
# it was not. Each instruction's example, by the word (or two) it starts with, and what the
# rest of the line must look like for the line to be taken as meant so: an ordinary sentence
# that starts with the word ("Close to her nan …", "Drop-in sessions …", "Ended up staying
# …") is never answered with an instruction to send.
_FILLER = re.compile(r"(?:\s*\b(?:pls|please|now|thanks|thank|you|the|window|it|this|one|"
                     r"for|responses|asap|ref-\d{4}-\d{6})\b[\s,.!]*)*", re.IGNORECASE)
_LETTERS = re.compile(r"(?:^|[\s,(])[A-Ha-h](?:$|[\s,.)&])")
HOW_TO_WRITE: dict[str, tuple[str, re.Pattern[str]]] = {
    "WITHDRAW": ("WITHDRAW the family found a kinship carer", re.compile(r".*")),
    "NEXT WAVE": ("NEXT WAVE", _FILLER),
    "CLOSE": ("CLOSE", _FILLER),
    "EXTEND": ("EXTEND 2d", re.compile(r".*\d.*")),
    "SHORTLIST": ("SHORTLIST A, C", re.compile(rf".*{_LETTERS.pattern}.*")),
    "CHOOSE": ("CHOOSE B", re.compile(rf".*{_LETTERS.pattern}.*")),
    "DROP": ("DROP B", re.compile(rf".*{_LETTERS.pattern}.*")),
    "PROPOSE": ("PROPOSE £4,600", re.compile(r".*\d.*")),
    "AGREE": ("AGREE", _FILLER),
    "ENDED": ("ENDED 14/12/2026 she moved to her aunt's", re.compile(r".*\d.*")),
}


def how_to_write(*verbs: str) -> dict[str, str]:
    """Each named instruction as an email suggests it (`HOW_TO_WRITE`'s example): the
    acknowledgement's "what you can do" says the same words as the answer to a mistyped one."""
    return {verb: HOW_TO_WRITE[verb][0] for verb in verbs}


_LIKE = 0.8  # difflib's ratio: EXTNED/EXTEND, WITHDRAWL/WITHDRAW, but not CLOTHES/CLOSE
_FIRST_WORDS = re.compile(r"[A-Za-z]{2,12}")
_LONGEST_LINE = 12  # words: past this it is a sentence, not an instruction mistyped


def meant_instruction(text: str) -> str | None:
    """How to write the instruction the first line seems to have meant (`HOW_TO_WRITE`),
    or None: it is an instruction already, or like none."""
    first = unicodedata.normalize("NFKC", next(
        (line for line in text.splitlines() if line.strip()), ""))
    if read_instruction(first) is not None:
        return None
    by_letter = VERB.match(first) or CAPITAL_VERB.match(first)
    if by_letter and by_letter[1].lower() in _BY_LETTER and _labels(
            REFERENCE.sub("", by_letter[2]).strip(" :-,")) is None:
        return HOW_TO_WRITE[by_letter[1].upper()][0]  # letters after its list, however long
    if len(first.split()) > _LONGEST_LINE:
        return None
    found = list(_FIRST_WORDS.finditer(first[:60]))[:2]
    for verb, (example, rest_looks) in HOW_TO_WRITE.items():
        taken = found[:len(verb.split())]
        said = " ".join(m.group().upper() for m in taken)
        if not taken or difflib.SequenceMatcher(None, said, verb).ratio() < _LIKE:
            continue
        if len(said) > len(verb) and said.startswith(verb):
            continue  # another word made from it: Closer, Extended, Withdrawn, Agreed
        if rest_looks.fullmatch(first[taken[-1].end():].strip()):
            return example
    return None

"""Form specifications, loaded from configuration (`config/forms/*.yaml`), never written in code.

A consortium co-designs its forms with its providers, so every label, synonym and code list
lives in YAML (the README describes the defaults). This module turns a form
file into a `FormSpec`, checking it strictly: a typo in configuration fails loudly, naming the
file and line, instead of silently losing a field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from broker.forms.spec_file import SpecFileError, check_document, read_form_file
from broker.forms.words import (
    normalise_label,
    normalise_words,
    one_slip,
    phrase_pattern,
    without_brackets,
)

__all__ = [
    "KINDS",
    "FieldSpec",
    "FormSpec",
    "FormSpecError",
    "ProseRule",
    "load_form_spec",
    "load_referral_spec",
    "load_response_spec",
]

KINDS = ("text", "date", "money", "code", "codes", "int", "postcode", "nhs", "family")
FormSpecError = SpecFileError

# Where a coded value is written with a remark after it ("Residential - solo preferred",
# "Good, March 2025"), the part before the first of these is tried on its own.
_REMARK_START = re.compile(r"\s[-\u2013\u2014]\s|[,;:(/]")
_A_DASH = re.compile(r"\s[-\u2013\u2014]\s")
# Or a remark on when or how, with no mark before it: "ICO granted 28/11/2026", "Section 20
# agreed on 1 December", "Care order made in 2024".
_WHEN_OR_HOW = re.compile(r"\s(?:granted|made|issued|obtained|agreed|signed|since|dated|from|"
                          r"until|expires?|expiring|pending|renewed|on|in|over)\s", re.IGNORECASE)
_IN_BRACKETS = re.compile(r"[(\[]([^()\[\]]{1,200})[)\]]")
# A section of another Act than the Children Act: "s.38(6) PACE", "section 91 of LASPO",
# "s.2 Mental Health Act". Its number is not the Children Act's s.38 (an ICO) or s.46.
_OTHER_ACTS_SECTION = re.compile(
    r"\b(?:s|ss|sec|section)\.?\s?(\d{1,3})(?:\s?\(\w{1,3}\)){0,3}\s{1,5}(?:of\s{1,5}(?:the\s{1,5})?)?"
    r"(?:pace|laspo|mha|mental\s{1,5}health\s{1,5}act|bail\s{1,5}act|police\s{1,5}and\s{1,5}criminal|"
    r"crime\s{1,5}and\s{1,5}disorder|criminal\s{1,5}justice|sentencing\s{1,5}act|immigration)\b",
    re.IGNORECASE)
_A_BARE_SECTION = re.compile(r"(?:s|ss|sec|section)\s?(\d{1,3})")


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: its JSON key, label, synonyms, kind and, for code fields, codes."""

    key: str
    label: str
    kind: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    identifying: bool = False
    paragraphs: bool = False
    required_for: tuple[str, ...] = ()
    example: str = ""
    codes: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False, compare=True
    )

    @property
    def code_list(self) -> tuple[str, ...]:
        """The accepted codes, in the order the configuration gives them."""
        return tuple(self.codes)

    def describe(self) -> str:
        """What a valid value looks like, for a problem report: each code with what it
        stands for when that is not plain from it ("semh (Social emotional and mental
        health)"), so nobody has to guess what an abbreviation means."""
        choices = ", ".join(_in_words(code, names) for code, names in self.codes.items())
        if self.kind == "code":
            return "one of: " + choices
        if self.kind == "codes":
            return "one or more of these, separated by commas: " + choices
        return self.example


def _in_words(code: str, names: tuple[str, ...]) -> str:
    """A code, with the first of its names written as words when that says more than the
    code itself ("asd (Autism spectrum disorder)"; "urgent", not "urgent (Urgent placement)")."""
    words = next((name for name in names if " " in name.strip()), "")
    plain, said = code.replace("-", " ").lower(), words.lower().replace("-", " ")
    if not words or said == plain or said.startswith(plain + " "):
        return code
    return f"{code} ({words})"


@dataclass(frozen=True)
class ProseRule:
    """What a reply plainly means when one of `phrases` appears in it."""

    means: str
    phrases: tuple[str, ...]
    decline_reason: str | None = None


# A case system's own name for a field after its label: "Gender [PER_GENDER]", "[PLC_START]".
# The fields that name a home, a place or a person ("Service:", "Location:", "Contact:"): never
# a money amount or a staffing ratio (`FormSpec.is_a_sentence`).
_NAMES_NO_TERMS = frozenset({"service_name", "contact", "location"})
_FIELD_CODE = re.compile(r"\s*\[[A-Z][A-Z0-9_]{1,24}\]\s*$")
# A web form's question, asked of the child or the placement.
_A_QUESTION = re.compile(r"\s*(?:what|which|when|where|how|who|does|do|is|are|has|have|tell\s+us|"
                         r"please|describe|give|provide)\b", re.IGNORECASE)
_ABOUT_THE_SENDER = re.compile(r"\b(?:your|my|yours)\b", re.IGNORECASE)
_LONGEST_QUESTION = 120
_SHORTEST_LABEL_ASKED = 2  # "sex", "dob"; not a key's "id"
_BILINGUAL_SIDES = 3


_OTHER_TONGUE_WORDS = 4


@dataclass(frozen=True)
class FormSpec:
    """A whole form: its fields, plus (response form) yes/no answers and prose rules."""

    name: str
    fields: tuple[FieldSpec, ...]
    answers: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    prose_rules: tuple[ProseRule, ...] = ()
    source: str = ""

    def __post_init__(self) -> None:
        by_label: dict[str, FieldSpec] = {}
        for spec in self.fields:
            for label in (spec.key, spec.label, *spec.synonyms):
                by_label.setdefault(normalise_label(label), spec)
        object.__setattr__(self, "_by_label", by_label)
        object.__setattr__(self, "_by_key", {spec.key: spec for spec in self.fields})
        object.__setattr__(self, "_keys", tuple(spec.key for spec in self.fields))
        object.__setattr__(self, "_codes", {s.key: _code_table(s.codes) for s in self.fields})
        object.__setattr__(self, "_answers", _code_table(self.answers))
        patterns = tuple(phrase_pattern(rule.phrases) for rule in self.prose_rules)
        object.__setattr__(self, "_prose", patterns)

    @property
    def prose_patterns(self) -> tuple[re.Pattern[str] | None, ...]:
        """Each prose rule's phrases as one pattern over `normalise_words` text."""
        return self._prose  # type: ignore[attr-defined,no-any-return]

    @property
    def keys(self) -> tuple[str, ...]:
        """The fields' JSON keys, in order (made once: a reply's reading asks for them for
        each field it looks at)."""
        return self._keys  # type: ignore[attr-defined,no-any-return]

    def field(self, key: str) -> FieldSpec:
        """The field with this JSON key; KeyError if the form has none."""
        return self._by_key[key]  # type: ignore[attr-defined,no-any-return]

    def is_a_sentence(self, field: FieldSpec, label: str, value: str) -> bool:
        """Whether `label: value` ("Offer – please see attached", "Offer: £4,450pw from
        30/11", "Offer (confirmed with Sam): …") opens with one of the field's values that is
        also one of its labels ("Offer" is a decision) and goes on with something that is not
        its value: a sentence, not the field ("Offer: Yes" is the field). Nor is a line
        labelled as a field that names a home or a person whose value says terms, a money
        amount or a staffing ratio ("Service: 2:1 staffing is needed at an additional £1,500
        per week"): no name carries one, so the line is the writer's prose."""
        if field.key in _NAMES_NO_TERMS:
            from broker.forms.signed_below import says_terms

            return says_terms(value, clause=False)
        return (field.kind == "code" and bool(value.strip())
                and self.code_for(field.key, without_brackets(label), exact=True) is not None
                and self.code_for(field.key, value) is None and self.answer_for(value) is None)

    def field_for_label(self, text: str) -> FieldSpec | None:
        """The field a label names (`**D.O.B.:**`, `- Needed from?`), or None."""
        if len(text) > 200:
            return None
        by_label: dict[str, FieldSpec] = self._by_label  # type: ignore[attr-defined]
        found = by_label.get(normalise_label(text))
        if found is None and ("(" in text or "[" in text):  # a hint in round or square
            found = by_label.get(normalise_label(without_brackets(text)))  # brackets
        if found is None and " / " in text:  # bilingual: "Penderfyniad / Decision"
            found = next((by_label[key] for side in text.split(" / ")[:_BILINGUAL_SIDES]
                          if (key := normalise_label(side)) in by_label), None)
        if found is None and (whose := _WHOSE.match(text)):  # a web form's "Child's gender",
            found = by_label.get(normalise_label(text[whose.end():]))  # "CYP DOB"
        if found is None and (whom := _ABOUT_WHOM.search(text)):
            found = by_label.get(normalise_label(text[:whom.start()]))
        if found is None and (code := _FIELD_CODE.search(text)):  # a case system's
            found = by_label.get(normalise_label(text[:code.start()]))  # "Gender [PER_GENDER]"
        return found

    def field_a_question_asks(self, question: str) -> FieldSpec | None:
        """The field a web form's question about the child asks for ("What is their date of
        birth", "What type of placement do you need", "How urgent is the placement"): the one
        field whose labels it holds, word for word. None for a reply's form (whose questions
        are answered in prose), a question about the person filling it in ("What is your
        name"), or one holding two fields' labels ("home address and postcode")."""
        if self.prose_rules or len(question) > _LONGEST_QUESTION or not _A_QUESTION.match(
                question) or _ABOUT_THE_SENDER.search(question):
            return None
        words = f" {normalise_label(question)} "
        by_label: dict[str, FieldSpec] = self._by_label  # type: ignore[attr-defined]
        held = [(label, spec) for label, spec in by_label.items()
                if len(label) > _SHORTEST_LABEL_ASKED and f" {label} " in words]
        asked = {spec.key: spec for _, spec in held}
        if len(asked) > 1:  # "How urgent is the placement": a field named in more than a
            # word ("how urgent") over one only a one-word synonym names ("placement")
            asked = {spec.key: spec for label, spec in held
                     if " " in label or label == normalise_label(spec.label)}
        return next(iter(asked.values())) if len(asked) == 1 else None

    def _one_label_in_two_tongues(self, upper: str, lower: str) -> FieldSpec | None:
        """The field two lines of a label cell name together: both its labels, or one line
        a coded field's label and the other no label and none of its values ("Rhywedd" by
        "Gender"; "Gender" over "Female" is a label over its value)."""
        above, below = self.field_for_label(upper), self.field_for_label(lower)
        if above is not None and below is not None:
            return above if above is below else None
        named, other = (above, lower) if above is not None else (below, upper)
        if named is None or named.kind not in ("code", "codes") or any(
                ch.isdigit() for ch in other) or len(other.split()) > _OTHER_TONGUE_WORDS:
            return None
        return named if self.code_for(named.key, other) is None else None

    def field_for_cell(self, cell: str) -> FieldSpec | None:
        """The field a table's label cell names: its text, or its lines joined ("Child's" and
        "name" on two lines of a narrow cell), or its first line above a hint ("Date of
        birth" over "(dd/mm/yyyy)"), or two lines that are one label in Welsh and English.
        A cell of several lines that is none of these names no field: it is text to read."""
        if "\n" not in cell:
            return self.field_for_label(cell)
        lines = [line.strip() for line in cell.split("\n") if line.strip()]
        if not lines or len(lines) > 4:
            return None
        joined = self.field_for_label(" ".join(lines))
        if joined is not None:
            return joined
        first = self.field_for_label(lines[0])
        if len(lines) == 2 and (bilingual := self._one_label_in_two_tongues(*lines)):
            return bilingual  # "Dyddiad geni" over "Date of birth", "Gender" over "Rhywedd"
        hints = all(_HINT.fullmatch(line) for line in lines[1:])
        return first if first is not None and hints else None

    def code_for(self, field_key: str, text: str, *, exact: bool = False) -> str | None:
        """The code a value means (`IFA` is `fostering`), or None when it means none.

        Unless `exact`, a value with a remark after it (`Residential - solo preferred`,
        `Good (2025)`) is also tried without the remark; and a bilingual value (`Benyw /
        Female`, `Maethu / Foster care`) by each side, when the sides agree.
        """
        table: dict[str, str] = self._codes.get(field_key, {})  # type: ignore[attr-defined]
        found = _lookup(table, text, exact=exact)
        if found is None and not exact and text.count(" / ") == 1:
            sides = {_lookup(table, side, exact=False) for side in text.split(" / ")}
            sides.discard(None)
            found = sides.pop() if len(sides) == 1 else None
        return found

    def codes_within(self, field_key: str, text: str) -> list[str]:
        """The codes whose words stand whole inside a longer value, when nothing else is said
        but how or when ("history of self-harming", "at risk of CSE"): longest first, and []
        when other words are left over or the value denies ("no self-harm")."""
        words = normalise_words(text[:500])
        table: dict[str, str] = self._codes.get(field_key, {})  # type: ignore[attr-defined]
        if not table or _DENIAL.match(words):
            return []
        found: list[str] = []
        for phrase in sorted(table, key=len, reverse=True):
            padded = f" {words} "
            if f" {phrase} " in padded:
                words = padded.replace(f" {phrase} ", " ").strip()
                found += [] if table[phrase] in found else [table[phrase]]
        left = set(words.split()) - _QUALIFIERS
        return found if found and not left else []

    def code_a_slip_from(self, field_key: str, text: str) -> str | None:
        """The one code a name of which the text misses by a single slip of the keys in one
        word of five letters or more (a letter left out, added, changed, or two swapped:
        "Urgnet", "Residental childrens home"); None when none is, or two codes are. A
        suggestion to offer, never a value read."""
        words = normalise_words(text[:200]).split()
        table: dict[str, str] = self._codes.get(field_key, {})  # type: ignore[attr-defined]
        close = {code for phrase, code in table.items() if _a_slip_apart(words, phrase.split())}
        return close.pop() if len(close) == 1 else None

    def codes_named(self, field_key: str, text: str, *, apart: bool = False) -> list[str]:
        """The codes whose words stand whole anywhere in the text, whatever else it says
        (denials and dates included): "self-harm - none since 2024" names `self-harm`. With
        `apart`, words already taken by a longer name are not read again: "Interim care
        order" names `interim-care-order` only, not `care-order` too."""
        padded = f" {normalise_words(text[:500])} "
        table: dict[str, str] = self._codes.get(field_key, {})  # type: ignore[attr-defined]
        if not apart:
            return list(dict.fromkeys(code for phrase, code in table.items()
                                      if f" {phrase} " in padded))
        found: list[str] = []
        for phrase in sorted(table, key=len, reverse=True):
            if f" {phrase} " in padded:
                padded = padded.replace(f" {phrase} ", " | ")
                found += [] if table[phrase] in found else [table[phrase]]
        return found

    def answer_for(self, text: str, *, exact: bool = False) -> str | None:
        """`yes` or `no` when the text is a plain yes/no answer, else None (with `exact`,
        only when the whole text is one: "Yes, received" is not)."""
        return _lookup(self._answers, text, exact=exact)  # type: ignore[attr-defined]

    def prose_meaning(self, text: str) -> ProseRule | None:
        """The first prose rule with a phrase in the text, or None."""
        words = normalise_words(text[:50_000])
        for rule, pattern in zip(self.prose_rules, self._prose, strict=True):  # type: ignore[attr-defined]
            if pattern is not None and pattern.search(words):
                return rule
        return None


_DENIAL = re.compile(r"(?:no|not|none|nil|without|never)\b")
# Words that say how or when a need shows, not which need it is.
_QUALIFIER_WORDS = """
    a an and the of at in on to with some risk risks at-risk history historic historical
    previous past current currently ongoing recent suspected possible query potential
    likely diagnosed diagnosis awaiting undiagnosed assessment traits concerns concern issues
    difficulties low level high significant severe mild moderate known presenting
    around about re related episodes needs need involvement involved
    she he they her his their is are has have been goes going often frequently regularly
    sometimes also registered both ears eyes partially profound profoundly dx hx"""  # and
# who, as a sentence says it: "she self-harms and goes missing", "he is registered blind and
# has a moderate hearing loss in both ears"; and a clinician's shorthand for a diagnosis and a
# history: "ASD dx", "self-harm hx"
_QUALIFIERS = frozenset(_QUALIFIER_WORDS.split())


# The kinds of field whose value is one short line (a code, a date, an amount, a number).
ONE_LINE_KINDS = frozenset({"code", "date", "money", "int", "postcode", "nhs"})
# A label's hint on the line under it: "(dd/mm/yyyy)", "e.g. 14/03/2012", "if known".
_HINT = re.compile(r"\(.{0,80}\)|(?:e\.g\.|eg\b|for example|if known|if applicable|please "
                   r"(?:state|give|list)|dd/mm/yy(?:yy)?).{0,80}", re.IGNORECASE)


def _code_table(codes: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, synonyms in codes.items():
        for word in (code, *synonyms):
            table.setdefault(normalise_words(word), code)
    return table


# Whose a label's value is, before the label: "Child's date of birth", "Young person's
# gender" (a web form's labels).
_WHOSE = re.compile(r"\s*(?:the\s+)?(?:(?:child|young\s+person|yp|cyp)['\u2019]?s|yp|cyp)\s+(?=\w)",
                    re.IGNORECASE)
# Whom a label is about, after it: "Placement type required for YP", "Background and risks to
# YP", "Name of the young person".
_ABOUT_WHOM = re.compile(r"\s+(?:for|to|of|re)\s+(?:the\s+)?(?:child|young\s+person|yp|cyp|"
                         r"child\s*/\s*young\s+person)\s*$", re.IGNORECASE)


# A framework's lot number before the value it buys: "Lot 2 – Residential", "Lot 1: Fostering".
_STEPPING_DOWN = re.compile(r"\s*step(?:ping)?[\s-]?down\s+from\s+[A-Za-z'\u2019 ]{1,40}?"
                            r"(?:\s+(?:to|into)\s+|\s[-\u2013\u2014]\s)", re.IGNORECASE)
_WITH = re.compile(r"\s+with\s+", re.IGNORECASE)
_STAFFING_RATIO = re.compile(r"(?<!\S)\(?\d\s?:\s?\d\)?(?:\s+staffing)?\s*$", re.IGNORECASE)
_FRAMEWORK_LOT = re.compile(r"\s*lot\s*\d{1,2}[a-z]?\s*(?:[-\u2013\u2014:.)]\s*)?(?=\w)",
                            re.IGNORECASE)


def _a_slip_apart(words: list[str], name: list[str]) -> bool:
    """Whether the words are the name but for one slip in one word of five letters or more."""
    if len(words) != len(name):
        return False
    differ = [(word, right) for word, right in zip(words, name, strict=True) if word != right]
    return len(differ) == 1 and min(map(len, differ[0])) >= _SLIPPED_WORD and one_slip(
        *differ[0])


_SLIPPED_WORD = 5


def _lookup(table: Mapping[str, str], text: str, *, exact: bool = False) -> str | None:
    """Whole value first, then without brackets, then the part before a remark."""
    if not table or len(text) > 500:
        return None
    candidates = [text] if exact else [text, without_brackets(text)]
    if not exact:
        candidates.append(_REMARK_START.split(text, maxsplit=1)[0])
        candidates.append(_WHEN_OR_HOW.split(text, maxsplit=1)[0])
        candidates.append(_STAFFING_RATIO.sub("", text))  # "SOLO RESI 2:1"
        if _A_DASH.search(text):  # "EDT – emergency": a team's word, then the value
            after = _A_DASH.split(text)[-1]  # ("LAC – full Care Order (S31) since 2021")
            candidates += [after, _WHEN_OR_HOW.split(without_brackets(after), maxsplit=1)[0],
                           _REMARK_START.split(after, maxsplit=1)[0]]  # "Looked after –
            # voluntary (s20), father has PR and agrees": the value before the remark

        if lot := _FRAMEWORK_LOT.match(text):  # "Lot 2 – Residential": the lot's type
            candidates += [text[lot.end():], without_brackets(text[lot.end():])]
        if step := _STEPPING_DOWN.match(text):  # "Step down from secure welfare to
            after = text[step.end():]  # therapeutic fostering": where the child steps down to
            candidates += [after, _WITH.split(after, maxsplit=1)[0], *_unframed(after)]
            # ("… to a small residential home": the home, without its article)
    foreign = {found.group(1) for found in _OTHER_ACTS_SECTION.finditer(text)}
    for candidate in candidates:
        words = normalise_words(candidate)
        if foreign and (bare := _A_BARE_SECTION.fullmatch(words)) and bare.group(1) in foreign:
            continue  # "PACE transfer - s.38(6) PACE": s.38 of PACE, not the Children Act's
        code = table.get(words)
        if code is not None:
            return code if exact else _refined(table, text, code)
    if exact:
        return None
    for candidate in (framed := _unframed(text)):
        code = table.get(candidate)
        if code is not None:
            return _refined(table, text, code)
    when = normalise_words(_WHEN_OR_HOW.split(text, maxsplit=1)[0])  # "Interim care order
    # under s.38 made 01/12/2026": the date's slash is no remark's start
    return next((code for candidate in (*framed, when) if (code := _said_twice(
        table, candidate))), None)


# A value written as a sentence: "We are looking for a solo residential placement", "Parent
# and child foster placement", "Accommodated under s.20 with mum's agreement, which …": the
# words that ask, a trailing "placement" and the reasons after it are no part of the value.
_ASKING = re.compile(r"^(?:(?:we|i)\s+(?:think|believe|feel)\s+)?(?:(?:(?:we|i)\s+(?:are|am|re|m|"
                     r"would\s+be)\s+|(?:we|i|she|he|they)\s+)?(?:looking\s+for|seeking|"
                     r"requesting|need|needs|require|requires|would\s+like|would\s+need)"
                     # or the child's, said in a sentence: "She is a girl.", "It is urgent."
                     r"|(?:she|he|they|it)\s+(?:is|are|s|re))\s+(?:an?\s+|the\s+)?")
_AN_ARTICLE = re.compile(r"^(?:an?|the)\s+")
_BECAUSE = re.compile(r"\s(?:because|as|due\s+to|following|which|who|with|given|so\s+that|"
                      r"where|while|until)\s")
_A_PLACE = re.compile(r"\s(?:placement|place|provision|bed)$")
_TWICE_JOIN = frozenset({"", "under", "a", "an", "the", "by", "via", "ie", "and", "or"})


def _unframed(text: str) -> list[str]:
    """The value inside a sentence that asks for it, as normalised candidates (longest
    first): without the asking words, the reasons after it and a trailing "placement"."""
    words = normalise_words(_REMARK_START.split(text[:200], maxsplit=1)[0])
    words = _BECAUSE.split(f"{words} ", maxsplit=1)[0].strip()
    words = _AN_ARTICLE.sub("", _ASKING.sub("", words))  # "A small residential home (2–3 beds)"
    return [words, *([bare] if (bare := _A_PLACE.sub("", words)) != words else [])]


def _said_twice(table: Mapping[str, str], words: str) -> str | None:
    """The code two of its own names give side by side ("S31 full care order", "Accommodated
    under s.20"), joined by at most a word such as "under"; else None."""
    parts = words.split()
    if len(parts) > 8:
        return None
    for first in range(1, len(parts)):
        for join in (0, 1):
            left, right = " ".join(parts[:first]), " ".join(parts[first + join:])
            if join and (first >= len(parts) - 1 or parts[first] not in _TWICE_JOIN):
                continue
            if right and (code := table.get(left)) is not None and table.get(right) == code:
                return code
    return None


def _refined(table: Mapping[str, str], text: str, code: str) -> str:
    """A remark that names a narrower code of the one found wins: `Foster placement -
    enhanced` is `fostering-specialist` and `Children's home (solo)` `residential-solo`,
    narrower codes being named after the broader one (`fostering` → `fostering-…`)."""
    after = _REMARK_START.split(text, maxsplit=1)[1:]
    remarks = _IN_BRACKETS.findall(text) + after + [without_brackets(r) for r in after]
    for remark in remarks:
        for candidate in (normalise_words(remark), *_unframed(remark)):  # "– we are looking
            narrower = table.get(candidate)  # for a solo placement because …"
            if narrower is not None and narrower.startswith(f"{code}-"):
                return narrower
        if not _DENYING.search(remark) and (named := _narrower_named_in(table, remark, code)):
            return named  # "Residential children's home – must be registered for children
            # with disabilities": a disabled children's home
    return code


def _narrower_named_in(table: Mapping[str, str], remark: str, code: str) -> str | None:
    """The one narrower code whose name (of two words or more) the remark holds, word for
    word; None when it names none, or two."""
    words = f" {normalise_words(remark)} "
    named = {narrower for name, narrower in table.items() if narrower.startswith(f"{code}-")
             and " " in name and f" {name} " in words}
    return named.pop() if len(named) == 1 else None


_DENYING = re.compile(r"\b(?:not|no|without|never|rather\s+than|instead\s+of)\b|n't\b",
                      re.IGNORECASE)


def load_form_spec(path: Path) -> FormSpec:
    """Read and check one form file; FormSpecError names the file and line of any problem."""
    checked = check_document(path, read_form_file(path), KINDS)
    fields = []
    for entry in checked["fields"]:
        entry = dict(entry)
        del entry["line"]
        entry["codes"] = MappingProxyType(entry["codes"])
        fields.append(FieldSpec(**entry))
    spec = FormSpec(
        name=checked["name"],
        fields=tuple(fields),
        answers=MappingProxyType(checked["answers"]),
        prose_rules=tuple(ProseRule(**rule) for rule in checked["prose"]),
        source=str(path),
    )
    _check_decision_words(spec, path)
    return spec


def _check_decision_words(spec: FormSpec, path: Path) -> None:
    """Prose rules and `required_for` may only name decisions and reasons the form has."""
    decisions = set(spec.field("decision").codes) if "decision" in spec.keys else set()
    reasons = set(spec.field("decline_reason").codes) if "decline_reason" in spec.keys else set()
    for rule in spec.prose_rules:
        if rule.means not in decisions | {"yes", "no"}:
            raise FormSpecError(path, None, f"prose rule means {rule.means!r}, not a decision")
        if rule.decline_reason is not None and rule.decline_reason not in reasons:
            raise FormSpecError(path, None, f"{rule.decline_reason!r} is not a decline reason")
    for entry in spec.fields:
        unknown = set(entry.required_for) - decisions
        if unknown:
            raise FormSpecError(path, None, f"{entry.key!r} is required_for {sorted(unknown)}")


def load_referral_spec(config_dir: Path) -> FormSpec:
    """The referral form: `<config_dir>/forms/referral.yaml`."""
    return load_form_spec(Path(config_dir) / "forms" / "referral.yaml")


def load_response_spec(config_dir: Path) -> FormSpec:
    """The response form: `<config_dir>/forms/response.yaml`."""
    return load_form_spec(Path(config_dir) / "forms" / "response.yaml")

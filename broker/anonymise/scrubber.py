"""Scrubbing the free text of one referral: every search, every field, one set of labels.

A `Scrubber` is built once per form. It first reads all the free text for names the narrative
introduces ("her uncle John Pike") or simply uses ("Marek Zielinski collected her"), so a name
found in one field is removed from every field, and so is a number or a handle found in
one; then each field runs through every search
(the form's own values; patterns such as phone numbers, UPNs, anyone's date of birth, street
addresses and school names; the child's date of birth, NHS number and case reference), the
found spans are merged, and each becomes its role label. Counts per kind accumulate in `redactions`.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from decimal import Decimal

from broker.anonymise import lexicon
from broker.anonymise.address_blocks import find_address_blocks
from broker.anonymise.altered_names import (
    altered_names_finder,
    respelt_name_of,
    respelt_names_finder,
)
from broker.anonymise.dates import birthday_pattern, date_of_birth_pattern
from broker.anonymise.descriptions import describes_a_person, peoples_part
from broker.anonymise.handles import find_handles
from broker.anonymise.inflected_names import inflected_names_finder
from broker.anonymise.initials import (
    TWO_LETTER_ABBREVIATIONS,
    a_services_capitals,
    dotted_initials_finder,
    lower_case_initials_finder,
    with_initials_of_names,
)
from broker.anonymise.kept import blanked, kept_stretches, outside
from broker.anonymise.labels import (
    BUDGET,
    CASE_REFERENCE,
    CHILD_NAME,
    DATE_OF_BIRTH,
    FAMILY_NAMES,
    FIXED_LABELS,
    HOME_POSTCODE,
    KNOWN_AS,
    NHS_NUMBER,
    PERSON,
    STREET_ADDRESS,
    is_relationship_word,
    relationship_label,
    safe_label,
)
from broker.anonymise.letter_names import letter_name_finder, letter_names
from broker.anonymise.local_places import local_places_finder
from broker.anonymise.lower_case import lower_case_names
from broker.anonymise.marked_names import find_marked_initials, find_pronunciations, marked_names
from broker.anonymise.matcher import regex_finder, term_finder
from broker.anonymise.name_lists import listed_names
from broker.anonymise.name_shapes import CAPS_WORD, PARTICLE, TITLES, UP, WORD
from broker.anonymise.narrative import (
    FAMILY_ROLES,
    ROLES,
    introduced_names,
    men_called_by_a_title,
    person_terms,
)
from broker.anonymise.patterns import GENERIC_DETECTORS, postcode_finder
from broker.anonymise.places import (
    find_map_references,
    find_school_names,
    find_street_addresses,
    is_a_time,
)
from broker.anonymise.postcodes import is_full_postcode, outward_code
from broker.anonymise.proper_names import bracketed_names, unintroduced_names
from broker.anonymise.references import (
    find_police_numbers,
    find_reference_numbers,
    find_vehicle_registrations,
)
from broker.anonymise.relatives_dates import find_relatives_birth_dates
from broker.anonymise.repeated import repeated_identifiers_finder
from broker.anonymise.run_together import lower_case_pet_form, run_together_finder
from broker.anonymise.schools import (
    find_more_school_names,
    repeated_schools_finder,
    school_initials_finder,
)
from broker.anonymise.scripts import find_other_scripts
from broker.anonymise.spans import Span, join_neighbours, render, resolve
from broker.anonymise.terms import (
    Term,
    an_everyday_word,
    fold,
    given,
    normalise,
    spell_out,
    tokens_of,
    unstyled,
)
from broker.anonymise.traces import find_traces
from broker.anonymise.values import (
    MIN_VALUE_LENGTH,
    form_terms,
    identifying_values,
    nhs_digits,
)
from broker.anonymise.word_names import word_names_finder
from broker.anonymise.wraps import ANY_SPACE, join_broken_words, without_page_furniture
from broker.referral import ReferralForm

Detector = Callable[[str], Iterator[Span]]
_BOUNDED = r"(?<![^\W_]){}(?![^\W_])"


class Scrubber:
    """Removes one form's identifying values, and anything shaped like one, from its text."""

    def __init__(self, form: ReferralForm, texts: Iterable[str]) -> None:
        texts = [join_broken_words(unstyled(normalise(text)))[0] for text in texts]
        own = form_terms(form)
        # No name is learnt from a well-known thing's ("Spencer" of "Marks & Spencer")
        read = [blanked(text) for text in texts]
        # a name a PDF's page break split is read whole ("Charlene⏎Page 2 of 6⏎Boocock")
        read += [joined for joined in map(without_page_furniture, read) if joined not in read]
        names = introduced_names(read) + unintroduced_names(read)
        names += bracketed_names(read, [*names, *(term.display for term in own)])
        names += listed_names(read, [*names, *(t.display for t in own if t.kind in _PEOPLE)])
        names += marked_names(read)  # a tattoo's "DEANO", "Reiss added Kayden"
        names += men_called_by_a_title(read)  # "a man she calls Boss"
        # "me and kacey", "marcus" of "Marcus Devlin": first, so that "marcus" is searched for
        # in any case, not only capitalised as "Marcus" is
        names = lower_case_names(read, names) + names
        # "Interpreter needed for mum (Polish)": a people's word, or the form's own language or
        # ethnicity, is never a person's name, wherever a name was looked for
        names = [name for name in names if not _a_peoples_words(name, form)]
        found = _as_pet_forms(_without_peoples_parts(
            person_terms(_not_the_forms(names, own)), names), own, read,
            respelt_name_of(_first_names(form, own)))
        # "peanut" of "my name is peanut" beside "Mum calls her Peanut": a found name that is
        # an everyday word is searched for as the form's are, capitalised, and in lower case
        # only where it stands as a name ("a peanut allergy" stays)
        worded = [_capitalised(term) for term in found if _a_lower_case_word(term)]
        found = [term for term in found if not _a_lower_case_word(term)]
        terms = own + found + worded + _child_initials(form, texts)
        letters = letter_names(read)  # "only known as 'K'"
        # every word of a person's name, the form's or found: a home town that is also one
        # ("Kingston") is no area to keep (`names_someone`)
        self._people_words = {fold(token) for term in terms if term.kind in _PEOPLE
                              for token in tokens_of(term.display)}
        # the words of the form's own names: a child called Son is no relative's word
        self._own_names = {fold(token) for term in own if term.kind in _PEOPLE
                           for token in tokens_of(term.display)}
        # a kept name that is wholly one of the form's people ("loves Jacqueline Wilson" when
        # her aunt is called so) is theirs, and goes
        self._own_full_names = {" ".join(map(fold, tokens_of(term.display))) for term in own
                                if term.kind in _PEOPLE}
        # the words after "St" in the form's own names: "Clair" of "Marie St Clair"
        self._own_saints = {fold(match.group(1)) for term in own if term.kind in _PEOPLE
                            for match in _SAINT_BEFORE_A_NAME.finditer(term.display)}
        # each of the form's people's first names, and the initials of the names after it:
        # "Tyler M" beside the brother Tyler Hollin is another Tyler
        self._surname_initials = _surname_initials(form)
        # A label must not itself carry a name: a child called "Hild" is not "[child]".
        protected = {v.casefold() for v in identifying_values(form)}
        protected |= {term.display.casefold() for term in terms}
        self._labels = {kind: safe_label(label, protected) for kind, label in FIXED_LABELS.items()}
        safe = {label: safe_label(label, protected) for label in {t.label for t in terms}}
        terms = [replace(t, label=safe[t.label]) if safe[t.label] != t.label else t for t in terms]
        # Where two searches find the same stretch, the first listed names it: the form's own
        # values before anything found by its shape alone.
        forms_words = [word for value in (form.school, form.home_address)
                       for word in tokens_of(given(value) or "")]
        self._detectors: list[Detector] = [
            term_finder(terms),
            # "called will", "Tom and will": a name that is a word, in lower case as a name
            word_names_finder([term for term in own if term.kind in _PEOPLE], read, found),
            run_together_finder(terms, read),
            # after it, so that "at nan jeans" is the grandmother Jean's house, not a "[person]"
            word_names_finder(worded, read),
            altered_names_finder(terms),
            inflected_names_finder(terms),  # "Tęsknię za Łukaszem", "z Kasią"
            respelt_names_finder(_first_names(form, own)),  # "Sky (as she spells it)", Skye
            lower_case_initials_finder(terms, read, _PEOPLE),  # "me and jl" beside "JL's"
            # "C.P. was seen", "Mrs D.P. attended": the family's initials with full stops
            dotted_initials_finder([(given(form.child_name), CHILD_NAME, None)] + [
                (given(member.name), FAMILY_NAMES,
                 safe_label(relationship_label(member.relationship), protected))
                for member in form.family_names]),
            letter_name_finder(letters),
            *_form_value_detectors(form),
            *GENERIC_DETECTORS,
            find_relatives_birth_dates,  # "Siblings: Tyler, 02.11.2009; Mia, 22/11/2016"
            postcode_finder(given(form.home_postcode)),
            find_street_addresses,
            find_address_blocks,
            # "Kirkgate Pharmacy", "lives in Kestrel Tower", "Brackley Park"
            local_places_finder(forms_words, texts),
            find_school_names,
            find_more_school_names,
            # "Before St Aidan's" after "St Aidan's CE Primary", "not the Bridge"
            repeated_schools_finder(read, forms_words),
            school_initials_finder(given(form.school), _TWO_LETTER_ABBREVIATIONS),
            find_other_scripts,
            find_reference_numbers,
            find_police_numbers,
            find_map_references,
            find_vehicle_registrations,
            find_traces,  # "[2026] EWFC 123", "CRIS 4412345/26", an IP address, "LXZ 4821"
            find_handles,
            find_marked_initials,
            find_pronunciations,
            # "ULN 6112847390" found by its cue goes where it stands alone too
            repeated_identifiers_finder(read),
        ]
        self.redactions: Counter[str] = Counter()

    def names_someone(self, text: str) -> bool:
        """Whether any word of `text` is a word of a person's name this scrubber removes."""
        return any(fold(token) in self._people_words for token in tokens_of(text))

    def _own_name_and_a_day(self, text: str, start: int, end: int) -> bool:
        """A kept name that is one of the form's people's names and a day or a month ("Ruby
        Tuesday" beside a child Ruby), not said to be the song or the restaurant: "visited
        Ruby Tuesday after school" is Ruby, on Tuesday ("[child] Tuesday")."""
        tokens = tokens_of(text[start:end])
        return len(tokens) == 2 and fold(tokens[0]) in self._own_names and (
            fold(tokens[1]) in _DAYS_AND_MONTHS) and not _A_THINGS_CUE.search(
                text, max(0, start - _THINGS_CUE_REACH), start)

    def _another_of_the_name(self, text: str, span: Span) -> Span:
        """A first name of the form's people with another surname's initial after it is
        someone else of that name, a "[person]" with the initial: "Tyler M (15)", a child at
        a previous home, beside the brother Tyler Hollin; "Tyler H" is the brother, and his
        initial goes with his name."""
        if span.kind not in _OWN_PEOPLE:
            return span
        initials = self._surname_initials.get(fold(text[span.start : span.end]))
        other = _ANOTHERS_INITIAL.match(text, span.end) if initials else None
        if initials is None or other is None or (
                other.group("letter") in "AI" and "." not in other.group()):
            return span  # "Tyler I said" is Tyler, speaking
        if other.group("letter") in initials:
            return span._replace(end=other.end())  # "[brother] (16)" of "Tyler H (16)"
        return span._replace(end=other.end(), kind=PERSON, replacement=self._labels[PERSON])

    def scrub(self, text: str | None) -> str | None:
        """The text with every identifying value replaced by its label; None stays None."""
        if text is None:
            return None
        text = normalise(text)
        # "Ash-⏎worth" is read as "Ashworth", "𝓚𝓪𝔂𝓵𝓪" as "Kayla" (one character for one)
        read, where = join_broken_words(unstyled(text))
        kept = [(start, end) for start, end in kept_stretches(read)  # "Harry Potter" stays
                if " ".join(map(fold, tokens_of(read[start:end]))) not in self._own_full_names
                and not self._own_name_and_a_day(read, start, end)]
        found = [span for detector in self._detectors for span in detector(read)
                 if span.kind not in _PEOPLE or outside(kept, span.start, span.end) and not (
                     # "the LD nurse" beside a Lily Dawson written "LD"
                     a_services_capitals(read, span.start, span.end, _TWO_LETTER_ABBREVIATIONS))]
        labelled = [s._replace(replacement=s.replacement or self._labels[s.kind]) for s in found]
        labelled = [s._replace(kind=PERSON, replacement=self._labels[PERSON])
                    if s.kind in _PEOPLE and _NO_RELATION.match(read, s.end)
                    or s.kind in _THE_CHILDS and _A_DOCTORS_TITLE.search(
                        read, max(0, s.start - _TITLE_REACH), s.start) else s
                    for s in labelled]
        labelled = [self._another_of_the_name(read, s) for s in labelled]
        # "the village of Ruddle Ings", found as a name by its shape: a place, "[address]"
        labelled = [s._replace(kind=STREET_ADDRESS, replacement=self._labels[STREET_ADDRESS])
                    if s.kind == PERSON and _A_PLACE_BEFORE.search(
                        read, max(0, s.start - _PLACE_REACH), s.start)
                    and not _A_POSSESSIVE.match(read, s.end) else s for s in labelled]
        spans = join_neighbours(read, _with_initials(read, _with_names_between(
            read, _without_kin_words(read, _with_particles(read, _without_saints(
                read, resolve(labelled), self._own_saints)), self._own_names))))
        # "AJ (Ashley Jonas, 17)": a name's initials in its sentence
        spans = with_initials_of_names(read, spans, _PEOPLE, _TWO_LETTER_ABBREVIATIONS)
        if where is not None:  # back to where each span stands in the text as written
            spans = [s._replace(start=where[s.start], end=where[s.end - 1] + 1) for s in spans]
        scrubbed, counts = render(text, spans)
        self.redactions.update(counts)
        return scrubbed


_PEOPLE = frozenset({CHILD_NAME, KNOWN_AS, FAMILY_NAMES, PERSON})
_OWN_PEOPLE = frozenset({CHILD_NAME, KNOWN_AS, FAMILY_NAMES})
# What says the proper name after it is a place, never a person: "the village of", "the
# small hamlet of", "a town called", "lives in", "living near", "lived at".
_A_PLACE_BEFORE = re.compile(
    r"(?<![\w'’])(?i:the[ \t]+(?:[a-z]+[ \t]+)?(?:village|hamlet|town)[ \t]+of"
    r"|an?[ \t]+(?:[a-z]+[ \t]+)?(?:village|hamlet|town)[ \t]+called"
    r"|(?:lives?|lived|living)[ \t]+(?:in|near|at))[ \t]+\Z")
_PLACE_REACH = 40
# "lives at Kyle's": a person's house, the person named
_A_POSSESSIVE = re.compile(r"['’]s?(?![\w])")
# A surname's initial after a first name, no initial of a name that follows: "Tyler M (15)",
# "Tyler M. said"; not "Tyler M Hollin" (a middle initial) nor "Tyler M. Hollin".
_ANOTHERS_INITIAL = re.compile(r"[ \t]+(?P<letter>[A-Z])(?:\.(?=[ \t]+[a-z(]|[ \t]*[,;)])"
                               r"|(?![\w'’\-.&])(?![ \t]+[A-Z]))")
_DAYS_AND_MONTHS = frozenset(fold(name) for name in (*calendar.day_name, *calendar.month_name)
                             if name)
# What says a kept name is the song, the show or the place: "sang Ruby Tuesday", "a meal at
# the Ruby Tuesday", "'Ruby Tuesday'".
_A_THINGS_CUE = re.compile(r"(?:(?<![\w'’])(?i:sang|sings|sing|singing|song|songs|played|plays"
                           r"|playing|listens[ \t]+to|listening[ \t]+to|the|a|an|of)[ \t]+"
                           r"|['\"‘“])\Z")
_THINGS_CUE_REACH = 16
# A name the text says is someone else's, though the family's: "Dr Hassan (no relation)" is a
# "[person]", not the "[child]" whose surname it shares.
_NO_RELATION = re.compile(r"[ \t]*\([ \t]*(?i:no[ \t]+relation|not[ \t]+related|unrelated)"
                          r"[ \t]*\)")
# A doctor's title before the child's name: "reviewed by Dr Jordan" is a professional who
# shares the child's first name, a "[person]" as any professional is, never the "[child]".
# After an article it is a noun, no title: "He was seen by the Dr. Jordan said afterwards"
# is the child's sentence.
_THE_CHILDS = frozenset({CHILD_NAME, KNOWN_AS})
_A_DOCTORS_TITLE = re.compile(r"(?<![\w'’])(?<!\b(?i:the)[ \t])(?<!\b(?i:an)[ \t])"
                              r"(?<!\b(?i:a)[ \t])(?:Dr|DR|Doctor|Prof|Professor)\.?[ \t]{1,3}\Z")
_TITLE_REACH = 14
# An initial after a name ("Shannon H.", "John P. Smith"): its full stop goes with it when
# the sentence goes on, or a name follows ("John P. Smith" is one "[person]"); after a
# record's surname first, the comma and the initial go with it ("Smith, J. was bailed",
# "SMITH, J."; at a line's end its full stop stays, the sentence's), unless a capitalised
# word follows, whose initial it is ("Jordan Smith, J. Bloggs").
_INITIAL = re.compile(r"[ \t][A-Z](?:\.(?=[ \t]+[a-z(])|(?=\.))"
                      r"|,[ \t]?[A-Z](?:\.(?![\w.]|[ \t]+[A-Z]|[ \t]*(?:\n|\Z))"
                      r"|(?=\.[ \t]*(?:\n|\Z)))")


# Minutes list who came, and then write each by their initials: "Present: Lindsey Tattersall
# (mother) LT; …", "1. LT said JT has not slept at home".
# The list may follow a line's heading: "Children's Hearing 19/11/2026 - present: …, CM (mum)".
_MINUTES = re.compile(r"(?:^|[\-\u2013\u2014,;.][ \t]*)[ \t]*(?:Present|Attendees|In attendance"
                      r"|Attended by|Apologies)[ \t]*:", re.MULTILINE | re.IGNORECASE)
_TWO_LETTER_ABBREVIATIONS = TWO_LETTER_ABBREVIATIONS  # initials.py


def _a_lower_case_word(term: Term) -> bool:
    return len(term.tokens) == 1 and term.tokens[0].islower() and (
        an_everyday_word(term.tokens[0].capitalize()))


def _capitalised(term: Term) -> Term:
    return replace(term, tokens=(term.tokens[0].capitalize(),), capitalised_only=True)


def _surname_initials(form: ReferralForm) -> dict[str, set[str]]:
    """Each first word of the form's people's names of two words or more, and the initials
    of the words after it: {"tyler": {"H"}} for a brother Tyler Hollin."""
    initials: dict[str, set[str]] = {}
    names = [given(form.child_name), *(given(member.name) for member in form.family_names)]
    for name in names:
        if name and len(words := tokens_of(name)) > 1:
            initials.setdefault(fold(words[0]), set()).update(
                word[0].upper() for word in words[1:])
    return initials


def _first_names(form: ReferralForm, own: list[Term]) -> list[Term]:
    """The form's terms for the first word of the child's, the known-as and each family
    member's name, one word each."""
    names = [given(form.child_name), given(form.known_as),
             *(given(member.name) for member in form.family_names)]
    firsts = {fold(words[0]) for name in names if name and (words := tokens_of(name))}
    return [term for term in own if term.kind in _PEOPLE and len(term.tokens) == 1
            and fold(term.tokens[0]) in firsts]


def _child_initials(form: ReferralForm, texts: list[str]) -> list[Term]:
    """The child's two initials ("JT" for Jenson Tattersall), where the text writes people
    so: it is minutes with a list of who came, a family member's two initials stand in it
    alone ("LT said …"), or the child's own stand as a person does, the subject of a verb
    or heading a chronology's dated line ("KB was found", "05/11/2026 KB missing
    overnight"). Elsewhere two capitals are too often something else."""
    name = given(form.child_name)
    tokens = [token for token in tokens_of(name or "") if token[:1].isalpha()]
    if len(tokens) < 2:
        return []
    initials = (tokens[0][0].upper(), tokens[-1][0].upper())
    # "goes by TJ or Teej", "known as TJ": initials of his given names (Thomas Jenson), or of
    # his first name and surname, where the text says he is called by them
    pairs = {"".join(initials)} | ({tokens[0][0].upper() + tokens[1][0].upper()}
                                   if len(tokens) > 2 else set())
    # or "TJ" of "FW: TJ H placement breakdown": his given names' initials, where the text
    # writes them before his surname's
    called = [Term(tuple(pair), CHILD_NAME, FIXED_LABELS[CHILD_NAME]) for pair in sorted(pairs)
              if pair not in _TWO_LETTER_ABBREVIATIONS and any(
                  re.search(_CALLED_BY_INITIALS.format(pair), text)
                  or (pair != "".join(initials) and re.search(
                      _BEFORE_A_SURNAMES_INITIAL.format(pair, initials[1]), text))
                  or (pair != "".join(initials) and "-" in (name or "").split()[0] and (
                      re.search(_HYPHENED_INITIALS.format(*pair), text)
                      or re.search(_HYPHENED_AS_A_PERSON.format(pair), text)))
                  for text in texts)]
    minutes = any(_MINUTES.search(text) for text in texts)
    # Initials the sector writes for something else ("NB", nota bene) are the child's in
    # minutes where the list of who came says so, or where they stand as a person does: "NB
    # had barricaded himself in", "N.B. needs a specialist placement"
    own = "".join(initials) not in _TWO_LETTER_ABBREVIATIONS or minutes and (
        _listed_as_family("".join(initials), texts, child=True)
        or any(re.search(_INITIALS_AS_A_PERSON.format(*initials, *initials), text)
               for text in texts))
    others: dict[str, str] = {}
    for member in form.family_names:
        parts = [token for token in tokens_of(given(member.name) or "") if token[:1].isalpha()]
        if len(parts) >= 2:
            others.setdefault(parts[0][0].upper() + parts[-1][0].upper(),
                              relationship_label(member.relationship))
    as_a_person = "".join(initials) not in _TWO_LETTER_ABBREVIATIONS and any(
        re.search(_INITIALS_AS_A_PERSON.format(*initials, *initials), text)
        or re.search(_DATED_INITIALS.format(*initials), text) for text in texts)
    by_initials = minutes or as_a_person or any(any(
        re.search(rf"(?<![^\W_]){pair}(?![^\W_])", text) for pair in others) for text in texts)
    if not by_initials:
        return called
    # In minutes, the family too are written by their initials: "LQ said SD has been
    # collecting DQ from school" (Leanne Qualter, mother; Shane Doherty, her partner); and
    # initials the sector writes for something else ("MS") where the list of who came says
    # whose they are: "Present: JH (SW), MS (mum)"
    family = [Term(tuple(pair), FAMILY_NAMES, label) for pair, label in others.items()
              if minutes and pair != "".join(initials) and (
                  pair not in _TWO_LETTER_ABBREVIATIONS or _listed_as_family(pair, texts))]
    child = [Term(initials, CHILD_NAME, FIXED_LABELS[CHILD_NAME])] if own else []
    return [*child, *called, *family]


# Two initials, with or without their full stops, as the subject of a verb of the minutes
# or a chronology's, an adverb between: "JB just needs", "NB had barricaded himself", "N.B.
# needs a placement", "NB's room", "KB seen with an adult male", "KB missing overnight", "KB
# smashed a window"; or the object of one: "Police located KB".
_INITIALS_AS_A_PERSON = (
    r"(?<![^\W_.]){}\.?{}(?:\.?['’]s(?![^\W_])|\.?[ \t]+(?:(?:just|really|only|always|never"
    r"|still|also|often|sometimes|usually|simply|actually|definitely|probably|then)[ \t]+)?"
    r"(?:had|has|is|was|said|says|needs|"
    r"wants|attends|attended|told|went|will|would|did|does|can|could|punched|hit|ran|left|"
    r"seen|missing|found|returned|reported|located|arrested|absconded|disclosed|refused|"
    r"stated|asked|presented|admitted|stayed|slept|rang|texted|came|self-harmed|"
    r"[a-z]{{3,}}ed)"
    r"(?![^\W_]))"
    # or its object: "Police located KB at 02:10", "staff found KB in her room", or a family's
    # word for its own: "Our JB just needs a firm hand", "my little JB"
    r"|(?<![^\W_])(?:located|found|arrested|collected|saw|met|visited|restrained|searched"
    r"|interviewed|returned|reported|(?i:our|my|little))[ \t]+{}\.?{}\.?(?![^\W_])")
# Two initials heading a chronology's line after its date: "05/11/2026 KB missing",
# "12.03.26 – KB at high risk", "3 Nov 2026: KB", "Tues 5th Nov – KB at the bus station".
_DATED_INITIALS = (r"(?m)^[ \t]*(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?"
                   r"[ \t]+)?(?:\d{{1,2}}[/.\-]\d{{1,2}}(?:[/.\-]\d{{2,4}})?"
                   r"|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+[A-Z][a-z]{{2,8}}(?:[ \t]+\d{{4}})?)"
                   r"[ \t]*[:\-\u2013\u2014]?[ \t]*{}\.?{}\.?(?![^\W_])")


# Initials with whose they are in brackets, as a list of who came writes them: "MS (mum)",
# "KS (YP)"; not "JH (SW)", a professional.
_WITH_A_RELATION = r"(?<![^\W_]){}[ \t]*\([ \t]*([^\W\d_][^\W\d_\- ]*(?:[\- ][^\W\d_]+)?)[ \t]*\)"
_THE_CHILD = frozenset({"yp", "cyp", "child", "young person", "lac", "cla", "subject"})


def _listed_as_family(pair: str, texts: list[str], child: bool = False) -> bool:
    """`pair` is written with a relation's word in brackets ("MS (mum)"), or with the
    child's ("SW (YP)") when `child`."""
    return any((word.casefold() in _THE_CHILD if child else is_relationship_word(word))
               for text in texts
               for word in re.findall(_WITH_A_RELATION.format(pair), text))


# The child's initials where the text says he is called by them: "by TJ or Teej", "known as
# TJ", "calls him TJ", "(TJ)" after his name is not needed: the name says it.
_CALLED_BY_INITIALS = (r"(?<![^\W_])(?i:by|as|called|calls[ \t]+(?:him|her|them)"
                       r"|call[ \t]+(?:him|her|them))[ \t]+['\"‘“]?{}(?![^\W_])")


_BEFORE_A_SURNAMES_INITIAL = r"(?<![^\W_]){}[ \t]?{}(?![^\W_])"
# A hyphenated first name's initials, stopped as its hyphen keeps them: "K.-L." for
# Kerry-Louise, wherever it stands ("On 12/11 K.-L. told the DSL").
_HYPHENED_INITIALS = r"(?<![^\W_]){}\.?-{}\.(?![^\W_])"
# … or run together where they stand as a person, before a word in lower case or with an "s":
# "SR wants to stay" for Summer-Rose; the sector's own ("PE lessons") never go so.
_HYPHENED_AS_A_PERSON = r"(?<![^\W_]){}(?:['’]s(?![^\W_])|[ \t]+[a-z])"


def _with_initials(text: str, spans: list[Span]) -> list[Span]:
    """Each person's span, with an initial written after it: "Shannon H." says more than a
    first name alone, and "[person] H." would say it still."""
    extended = []
    for index, span in enumerate(spans):
        initial = _INITIAL.match(text, span.end) if span.kind in _PEOPLE else None
        if initial is not None:
            end = initial.end()
            following = spans[index + 1] if index + 1 < len(spans) else None
            if (text[end : end + 1] == "." and following is not None
                    and not initial.group().startswith(",")
                    and not text[end + 1 : following.start].strip()):
                end += 1
            span = span._replace(end=end)
        extended.append(span)
    return extended


# A surname's particle and what it joins, after a name found without them: "[person] Ó
# Súilleabháin", "[person] del Río", "[person] van der Meulen".
_PARTICLES_AND_NAME = re.compile(rf"[ \t]+(?:{PARTICLE}){{1,2}}(?:{WORD}|{CAPS_WORD})"
                                 rf"(?![\w'’\-])")


def _with_particles(text: str, spans: list[Span]) -> list[Span]:
    extended = []
    for span in spans:
        tail = _PARTICLES_AND_NAME.match(text, span.end) if span.kind in _PEOPLE else None
        extended.append(span._replace(end=tail.end()) if tail else span)
    return resolve(extended)


# A relative's word a name was found with stays, as "Nan [person]" does: "Grandad [person]",
# "Great-Nan [person]", "[person] (19)" of "Cousin Shay (19)", "Step-dad [person]".
_KIN_WORD = re.compile(r"(?P<word>[A-Za-z]{2,12}(?:-[A-Za-z]{2,12}){0,2})(?P<gap>[ \t]+|-)")
_KIN_PREFIXES = frozenset({"great", "step", "half", "grand", "foster", "adoptive"})


# "St Mary's", "St Anne's Church": a saint's name after "St" is a church's or a school's, not
# a person's the form gives ("Marie"), unless the form's name itself has it after "St".
_SAINT_BEFORE_A_NAME = re.compile(r"(?<![^\W\d_])(?:St\.?|Saint)[ \t]+([^\W\d_]+)")
_ST_BEFORE = re.compile(r"(?<![^\W\d_])(?:St\.?|Saint)[ \t]{1,2}\Z")


def _without_saints(text: str, spans: list[Span], own_saints: set[str]) -> list[Span]:
    return [span for span in spans if not (
        span.kind in _PEOPLE and " " not in text[span.start : span.end]
        and _ST_BEFORE.search(text, max(0, span.start - 8), span.start) is not None
        and fold(text[span.start : span.end].split("'")[0].split("’")[0]) not in own_saints)]


def _a_kin_word(word: str) -> bool:
    parts = word.casefold().split("-")
    return parts[-1] in FAMILY_ROLES and all(part in _KIN_PREFIXES for part in parts[:-1]) and (
        not lexicon.is_first_name(word))


def _without_kin_words(text: str, spans: list[Span], own_names: set[str]) -> list[Span]:
    """The spans with a relative's word they begin with left out of them ("Grandad [person]"),
    unless the word is a name the form gives (a child called Son)."""
    kept = []
    for span in spans:
        if span.kind in _PEOPLE:
            kin = _KIN_WORD.match(text, span.start, span.end)
            if kin is not None and kin.end() < span.end and _a_kin_word(kin.group("word")) and (
                    fold(kin.group("word")) not in own_names) and (
                    not all(map(lexicon.is_ordinary, text[kin.end() : span.end].split()))):
                # but "calls him Daddy Cool": a nickname, the relative's word and all
                span = span._replace(start=kin.end())  # "Grandad Tommo": "Grandad [person]"
            elif (span.end - span.start <= 12 and text[span.end : span.end + 1] == "-"
                  and (whole := _KIN_WORD.match(text, span.start)) is not None
                  and _a_kin_word(whole.group("word"))):
                continue  # "Step" of "Step-dad": a relative's word, no one's name
        kept.append(span)
    return kept


# A middle name, a middle initial or a nickname between two names found: "[mother] Jane
# [child]" for "Nicola Jane Gaunt", "[child] J [child]" for "Tyler J Hargreaves", "[person]
# "Nix" [child]" for 'Nicky "Nix" Gaunt'. The word between is a listed first name, one
# capital, or any capitalised word in quotes or brackets.
_BETWEEN_NAMES = re.compile(
    rf"[ \t]{{1,3}}(?:(?P<initial>[{UP}]\.?)|(?P<word>{WORD})"
    rf"|[\"“‘'(\[](?P<nickname>[{UP}][\w'’\-]{{0,15}})[\"”’')\]])[ \t]{{1,3}}")
_LONGEST_GAP = 40


def _a_nickname(word: str | None) -> bool:
    """A capitalised word in brackets between two names, unless a role or its acronym: in
    "Amanda Rhodes (IRO) AR", "(IRO)" is what she is, not what she is called."""
    return word is not None and not (word.isupper() or word.casefold() in ROLES)


def _with_names_between(text: str, spans: list[Span]) -> list[Span]:
    joined: list[Span] = []
    for span in spans:
        if joined and joined[-1].kind in _PEOPLE and span.kind in _PEOPLE and (
                span.start - joined[-1].end <= _LONGEST_GAP):
            between = _BETWEEN_NAMES.fullmatch(text, joined[-1].end, span.start)
            if between is not None and (
                    _a_nickname(between["nickname"]) or between["initial"]
                    or (between["word"] is not None and lexicon.is_first_name(between["word"]))):
                joined[-1] = joined[-1]._replace(end=span.end)
                continue
        joined.append(span)
    return joined


def _a_peoples_words(name: str, form: ReferralForm) -> bool:
    """Every word of `name` is a nationality's, an ethnicity's or a language's ("Polish"), or
    one of the child's language as the form gives it ("First language: Shona"), or `name`
    describes a person by one ("Polish-speaking", "Ghanaian-born": descriptions.py)."""
    given_words = {fold(word) for word in tokens_of(given(form.language) or "")}
    words = tokens_of(name)
    return bool(words) and (describes_a_person(name) or all(
        lexicon.is_a_peoples_word(word) or fold(word) in given_words for word in words))


def _without_peoples_parts(terms: list[Term], names: list[str]) -> list[Term]:
    """The terms for names found in the prose, less a people's word searched for alone that
    one of them joins to another by a hyphen: "Polish" of a name "Polish-Jones" goes only
    with the rest of it, and "A Polish-speaking foster family" keeps its word."""
    parts = {fold(part) for name in names for part in peoples_part(name)}
    return [term for term in terms
            if not (len(term.tokens) == 1 and fold(term.tokens[0]) in parts)]


def _not_the_forms(names: list[str], own: list[Term]) -> list[str]:
    """The names found in the prose, less those the form's own terms already name better: a
    title with one of its names ("Mr Ward" for the step-father Steve Ward), a name one of its
    names spelt out ("Soeren Oedegaard" for the father Søren Ødegård), and a pet form of one
    ("Nan calls her Brooky": the child's, `[child]`), nor a month or a day before one of its
    names ("Since June Ciaran has been missing": the month stays, the child goes)."""
    known = {key for term in own for key in term.key}
    spelt_out = {tuple(fold(spell_out(token)) for token in term.tokens) for term in own}
    pet_forms = run_together_finder(own)
    return [name for name in names
            if not ((words := tokens_of(name))[0].casefold() in TITLES and len(words) == 2
                    and fold(words[1]) in known)
            # "Since June Ciaran has been missing": a month, then the child's name
            and not (len(words) == 2 and is_a_time(words[0]) and fold(words[1]) in known)
            and tuple(fold(word) for word in words) not in spelt_out
            and not any(span.end - span.start == len(name) for span in pet_forms(name))]


def _as_pet_forms(found: list[Term], own: list[Term], texts: list[str],
                  respelt_name_of: Callable[[str], Term | None]) -> list[Term]:
    """The names found in the prose, one found in lower case under the label of the form's
    person whose pet form it is: "jax" in the child's words beside "Jaxon (Jax, 2)" is the
    brother, "[brother]", not a "[person]"; and one that is a form's first name spelt another
    way under that person's ("Jordon" for the child Jordan is "[child]")."""
    pet_form_of = lower_case_pet_form(own, texts)
    relabelled = []
    for term in found:
        if len(term.tokens) == 1 and (whose := (
                pet_form_of(term.tokens[0]) if term.tokens[0].islower()
                else respelt_name_of(term.tokens[0]))) is not None:
            term = replace(term, kind=whose.kind, label=whose.label)
        relabelled.append(term)
    return relabelled


def _form_value_detectors(form: ReferralForm) -> list[Detector]:
    """Searches for the form's values that are not words: date of birth, numbers, codes."""
    detectors = []
    if form.date_of_birth:
        detectors.append(regex_finder(date_of_birth_pattern(form.date_of_birth), DATE_OF_BIRTH))
        detectors.append(regex_finder(birthday_pattern(form.date_of_birth), DATE_OF_BIRTH))
    digits = nhs_digits(form.nhs_number)
    if len(digits) >= MIN_VALUE_LENGTH:
        spread = r"[\W_]{0,2}".join(digits)
        detectors.append(regex_finder(rf"(?<!\d){spread}(?!\d)", NHS_NUMBER))
    detectors += _case_reference_detectors(given(form.case_reference))
    detectors += _budget_detectors(form.budget_weekly)
    home = given(form.home_postcode)
    written = re.sub(r"\s+", "", normalise(home or ""))  # as typed: compact() upper-cases
    if home and len(written) >= MIN_VALUE_LENGTH:
        spread = ANY_SPACE.join(re.escape(char) for char in written)  # "LS6\n9QT" wrapped
        area = outward_code(home) if is_full_postcode(home) else None
        detectors.append(regex_finder(_BOUNDED.format(spread), HOME_POSTCODE, area))
    return detectors


_WEEKLY = r"\s?(?:per\s+week|a\s+week|pw|p/w|weekly)\b"


def _budget_detectors(budget: Decimal | None) -> list[Detector]:
    """The council's weekly budget where the text repeats it ("up to £5,500 per week", "£5.5k"):
    the form's budget is never broadcast, so neither is the same figure in the narrative. A
    bare number counts only with a weekly word after it; other amounts are left alone."""
    if budget is None or budget <= 0 or budget != budget.to_integral_value():
        return []
    pounds = int(budget)
    figure = rf"(?:{pounds:,}|{pounds})".replace(",", r",?")
    if pounds % 100 == 0:
        figure = rf"(?:{figure}|{pounds / 1000:g}\s?k)".replace(".", r"\.")
    money = rf"(?<![\d.,])(?:£\s?{figure}(?:\.00)?(?!\d|[.,]\d)|{figure}(?:\.00)?(?={_WEEKLY}))"
    return [regex_finder(money, BUDGET)]


def _case_reference_detectors(case_reference: str | None) -> list[Detector]:
    """The reference however it is punctuated ("MOS-123456", "mos 123456", "MOS123456"),
    and its long number alone ("123456"), which a reader would recognise just as well, even
    glued to a letter or grouped differently ("M1234567", "1234 567" for "1234567")."""
    if not case_reference or len(" ".join(case_reference.split())) < MIN_VALUE_LENGTH:
        return []
    runs = re.findall(r"[^\W_]+", normalise(case_reference))
    if not runs:
        return []
    whole = r"[\W_]{0,3}".join(re.escape(run) for run in runs)
    detectors = [regex_finder(_BOUNDED.format(whole), CASE_REFERENCE)]
    numbers = [run for run in re.findall(r"\d+", case_reference) if len(run) >= 5]
    longest = max(numbers, key=len, default="")
    if longest:
        spread = r"[ \-./]?".join(longest)
        detectors.append(regex_finder(rf"(?<!\d){spread}(?!\d)", CASE_REFERENCE))
    return detectors

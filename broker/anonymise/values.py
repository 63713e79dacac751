"""Everything identifying in one referral form: as search terms, and as plain strings.

`form_terms` feeds the scrubber; `identifying_values` is what tests across the project check
a message against (`not any(v.lower() in body.lower() for v in identifying_values(form))`).
Both come from the same place, so the check and the scrubbing cannot drift apart.
"""

from __future__ import annotations

import re

from broker.anonymise.dates import date_of_birth_strings
from broker.anonymise.home_town import towns_asked_for
from broker.anonymise.labels import (
    CHILD_NAME,
    FAMILY_NAMES,
    FIXED_LABELS,
    HOME_ADDRESS,
    KNOWN_AS,
    PERSON,
    SCHOOL,
    is_relationship_word,
    relationship_label,
)
from broker.anonymise.name_shapes import PARTICLE_WORDS
from broker.anonymise.no_school import named_school
from broker.anonymise.postcodes import compact, is_full_postcode, outward_code, spaced
from broker.anonymise.terms import (
    Term,
    acronym_terms,
    address_lines,
    address_terms,
    fold,
    given,
    initials_terms,
    known_as_terms,
    middle_names,
    name_terms,
    normalise,
    prefixed_surname_terms,
    school_terms,
    tokens_of,
)
from broker.referral import FamilyMember, ReferralForm

MIN_VALUE_LENGTH = 3
_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx")


def form_terms(form: ReferralForm) -> list[Term]:
    """Search terms for the form's names, school and address, most specific first.

    Where two terms read the same, the first wins its label: the child's full name, then the
    known-as name, then each family member's full name (so "Jane Smith" is `[mother]` even
    when the child is "Amy Jane Smith"), then partial combinations, then single parts. A
    middle name alone comes last: "her mother Jane" is more likely the mother than the child.
    """
    child, known_as, family = _child_terms(form), _known_as_terms(form), _family_terms(form)
    full_child, partial_child, child_parts, middles = child
    family_names = [t for t in family if len(t.tokens) > 1]
    family_parts = [t for t in family if len(t.tokens) == 1]
    school, address = _school_terms(form), _address_terms(form)
    # A word both name alone is the district's: "on the Wexley Road" is "[address] Road"
    # beside "Wexley St Mary's Primary" and "8 Ash Grove, Wexley", not "[school] Road".
    # So are words the school shares with the district: "Brindley Heath Hospital" beside
    # "Brindley Heath Academy" and "4 Sycamore Walk, Brindley Heath" is "[address] Hospital".
    district = {t.key for t in address if len(t.tokens) > 1}
    places = [t for t in address if t.key in {s.key for s in school}]
    places += [t for t in school if len(t.tokens) > 1 and t.key not in district]
    places += [t for t in address if len(t.tokens) > 1]
    places += [t for t in address if len(t.tokens) == 1] + [t for t in school if len(t.tokens) == 1]
    return (
        full_child + known_as + family_names + _titled_surnames(form) + partial_child
        + child_parts + family_parts + _prefixed_surnames(form) + middles + places
    )  # fmt: skip


def _prefixed_surnames(form: ReferralForm) -> list[Term]:
    """"Mc Ateer" for McAteer: the child's first, then each family member's."""
    people = [(given(form.child_name), FIXED_LABELS[CHILD_NAME], CHILD_NAME)] + [
        (member_name(member), relationship_label(member.relationship), FAMILY_NAMES)
        for member in form.family_names]
    return [term for name, label, kind in people if name
            for term in prefixed_surname_terms(name, kind, label)]


def _child_terms(form: ReferralForm) -> tuple[list[Term], ...]:
    name = given(form.child_name)
    if not name:
        return [], [], [], []
    terms = name_terms(name, CHILD_NAME, FIXED_LABELS[CHILD_NAME])
    terms += initials_terms(name, CHILD_NAME, FIXED_LABELS[CHILD_NAME])
    tokens = tokens_of(name)
    first_and_last = {fold(tokens[0]), fold(tokens[-1])}
    middles = middle_names(name)
    full = [t for t in terms if len(t.tokens) > 1 and first_and_last <= set(t.key)]
    partial = [t for t in terms if len(t.tokens) > 1 and not first_and_last <= set(t.key)]
    parts = [t for t in terms if len(t.tokens) == 1 and t.key[0] not in middles]
    middle_parts = [t for t in terms if len(t.tokens) == 1 and t.key[0] in middles]
    return full, partial, parts, middle_parts


def _known_as_terms(form: ReferralForm) -> list[Term]:
    known_as = without_a_note(given(form.known_as))
    return known_as_terms(known_as, KNOWN_AS, FIXED_LABELS[KNOWN_AS]) if known_as else []


# A note in a name's field, in brackets or after a dash, all in lower case: "Zayan (uses his
# middle name)", "Zayan - prefers this". Its words name no one ("his" is every boy's); a name
# in brackets ("Zayan (Zay)") is written capitalised and stays part of the value.
_A_NOTE = re.compile(r"[ \t]*(?:\([^()A-Z]*[ \t][^()A-Z]*\)|[-\u2013\u2014][ \t]+[^A-Z]*$)")


def without_a_note(value: str | None) -> str | None:
    """The name a name's field gives, without a note about it in lower case."""
    if value is None:
        return None
    name = _A_NOTE.sub("", value).strip()
    return name or value


def _family_terms(form: ReferralForm) -> list[Term]:
    terms: list[Term] = []
    for member in form.family_names:
        label = relationship_label(member.relationship)
        for name in _people_in(member_name(member) or ""):
            terms += name_terms(name, FAMILY_NAMES, label)
    return terms


# A family entry that says something about the family rather than naming anyone: "None in
# the UK", "Not known - none in the UK", "Mother and father in Afghanistan", "whereabouts
# unknown", "deceased". Where they live ("in <country>") is cut off first; what is left, when
# every word of it is a statement's, a relationship's or a joining word, names nobody.
_WHERE = re.compile(r"\s+(?:(?:lives?|living|is|are|still|now|currently|both)\s+)*(?:in|abroad"
                    r"|overseas|outside)(?:\s.*)?$")  # lower case: "Ji-woo In" is a name
_CLAUSE_BREAK = re.compile(r"\s+[-\u2013\u2014]\s+|\s*[,:/]\s*")
_STATEMENT_WORDS = frozenset({
    "none", "no", "not", "nil", "na", "n", "a", "unknown", "known", "whereabouts", "deceased",
    "died", "dead", "late", "passed", "away", "family", "members", "member", "relatives",
    "relative", "any", "contact", "here", "uk", "abroad", "overseas", "yet", "and", "or", "the",
    "of", "in", "his", "her", "their", "both", "all", "other",
})  # fmt: skip


def member_name(member: FamilyMember) -> str | None:
    """The name a family entry gives, without what it says about them ("Dean Pike -
    deceased" is "Dean Pike"); None when it names nobody ("None in the UK", "Mother and
    father in Afghanistan")."""
    entry = given(member.name)
    if entry is None:
        return None
    clauses = _CLAUSE_BREAK.split(_WHERE.sub("", entry))
    named = [clause for clause in clauses if not _names_nobody(clause)]
    if not named:
        return None
    return entry if named == [entry] else " and ".join(named)  # " and ": separate people


def _names_nobody(clause: str) -> bool:
    words = re.findall(r"[^\W\d_]+", clause.casefold())
    return all(word in _STATEMENT_WORDS or is_relationship_word(word) for word in words)


_JOINED = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)


def _people_in(name: str) -> list[str]:
    """The names in one family entry: "Kerry and Dean Pike (parents)" is Kerry, Dean Pike
    and Kerry Pike, never a person called "and"."""
    parts = [part for part in _JOINED.split(name) if part.strip()]
    if len(parts) < 2:
        return parts
    surname = tokens_of(parts[-1])[-1] if len(tokens_of(parts[-1])) > 1 else None
    shared = [f"{part} {surname}" for part in parts[:-1]
              if surname and len(tokens_of(part)) == 1]
    return parts + shared


def _titled_surnames(form: ReferralForm) -> list[Term]:
    """Titled surnames: "Mr Quinn" is the father, not the child, when the child is "Amelia
    Hartley-Quinn" and Craig Quinn is the only relative called Quinn (a surname shared with
    the child is otherwise `[child]`); "Ms Hartley-Quinn", her whole surname, is the child,
    unless a relative has it too: "Mrs Hartley Brown" is the mother Dawn Hartley-Brown.
    A title names only someone it fits: "Mr King" is the boy Tyrone King, not his mother
    Marcia King, whose "Ms King" it is; with a mother and a father called King, "Mrs King" is
    the one and "Mr King" the other; with a mother and a nan called Hollin, "Mrs Hollin" is
    either, a "[person]", and never the child, whom a title before a relative's surname
    names only where it fits no relative and fits the child ("Mrs" never does)."""
    child_name = given(form.child_name) or ""
    child = {fold(token) for token in tokens_of(child_name)}
    surname = _surname(child_name)
    whole = tuple(map(fold, surname))
    owners: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
    for member in form.family_names:
        tokens = tokens_of(member_name(member) or "")
        label = relationship_label(member.relationship)
        if len(tokens) > 1 and fold(tokens[-1]) in child:
            owners.setdefault((fold(tokens[-1]),), []).append(((tokens[-1],), label))
        if len(whole) > 1 and len(tokens) > len(whole) and tuple(
                map(fold, tokens[-len(whole):])) == whole:
            owners.setdefault(whole, []).append((tuple(tokens[-len(whole):]), label))
    child_sex = _sex(form.gender)
    titled = []
    for found in owners.values():
        for title in _TITLES:
            titled.append(_titled(title, found, child_sex))
    if titled and len(surname) > 1 and whole not in owners:
        # the child's whole double-barrelled surname, which no relative has
        titled = [
            Term((t, *surname), CHILD_NAME, FIXED_LABELS[CHILD_NAME]) for t in _TITLES
        ] + titled
    # the whole surname first: "Mrs Hartley Brown" before "Mrs Brown"
    return sorted(titled, key=lambda term: -len(term.tokens))


def _surname(name: str) -> tuple[str, ...]:
    """A name's last word with the small words before it, one surname: "van der Merwe" of
    "Pieter van der Merwe", "de la Cruz", "Hartley-Brown" (its two parts); a first name is
    never one of them."""
    words = name.split()
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in PARTICLE_WORDS:
        start -= 1
    return tuple(token for word in words[max(start, 0) :] for token in tokens_of(word))


def _titled(title: str, found: list[tuple[tuple[str, ...], str]], child_sex: str | None) -> Term:
    """Whom a title before a surname the child shares with relatives names: the one relative
    it fits; a boy titled "Mr" (or a girl "Ms", "Miss") where it fits none; else someone the
    provider needs no more of, "[person]", never the child: "Mrs" is no child's title."""
    fitting = [(surname, label) for surname, label in found
               if _fits(title, _sex_of_relative(label))]
    if len(fitting) == 1:
        return Term((title, *fitting[0][0]), FAMILY_NAMES, fitting[0][1])
    if not fitting and title != "Mrs" and _fits(title, child_sex):
        return Term((title, *found[0][0]), CHILD_NAME, FIXED_LABELS[CHILD_NAME])
    return Term((title, *found[0][0]), PERSON, FIXED_LABELS[PERSON])


_TITLE_SEX = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}  # "Mx": anyone's
_FEMALE_RELATIVES = frozenset({"mother", "sister", "daughter", "grandmother", "aunt", "niece",
                               "girlfriend", "wife", "godmother"})
_MALE_RELATIVES = frozenset({"father", "brother", "son", "grandfather", "uncle", "nephew",
                             "boyfriend", "husband", "godfather"})


def _sex(gender: str | None) -> str | None:
    """"f" or "m" where the form's gender says so ("Female", "M", "girl"), None otherwise."""
    word = (given(gender) or "").strip().casefold()
    if word in {"f", "female", "girl", "woman", "she/her"}:
        return "f"
    if word in {"m", "male", "boy", "man", "he/him"}:
        return "m"
    return None


def _sex_of_relative(label: str) -> str | None:
    """"f" for "[mother]", "[step-mother]", "[maternal aunt]"; "m" for "[father]"; None for
    "[partner]", "[carer]", "[family member]"."""
    words = label.strip("[]").replace("-", " ").split()
    last = words[-1] if words else ""
    return "f" if last in _FEMALE_RELATIVES else "m" if last in _MALE_RELATIVES else None


def _fits(title: str, sex: str | None) -> bool:
    wanted = _TITLE_SEX.get(title.casefold())
    return wanted is None or sex is None or wanted == sex


def _school_terms(form: ReferralForm) -> list[Term]:
    school = named_school(form.school)  # "Not in education", "Home educated": none
    if not school:
        return []
    label = FIXED_LABELS[SCHOOL]
    return school_terms(school, SCHOOL, label) + acronym_terms(school, SCHOOL, label)


# A home address that says there is none names no place: "Destiny is no fixed abode" stays.
_NO_HOME = re.compile(r"[ \t]*(?:no[ \t]+fixed[ \t]+(?:abode|address)|nfa)[ \t.]*", re.IGNORECASE)


def _home_address(form: ReferralForm) -> str | None:
    address = given(form.home_address)
    return None if address is None or _NO_HOME.fullmatch(address) else address


def _address_terms(form: ReferralForm) -> list[Term]:
    address = _home_address(form)
    return address_terms(address, HOME_ADDRESS, FIXED_LABELS[HOME_ADDRESS]) if address else []


def identifying_values(form: ReferralForm) -> list[str]:
    """Every identifying string of the form, each at least 3 characters, without repeats.

    Names whole and in parts, the school and its distinctive words, each address line,
    the postcode with and without its space, the date of birth in the usual formats, the NHS
    number spaced and unspaced, the case reference. The outward code of the home postcode is
    left out: it is broadcast, as `area`; so is a town of the home address that the location
    requirement names (broker/anonymise/home_town.py): it stays there, as the area asked for.
    """
    named = (given(form.child_name), given(form.known_as), named_school(form.school))
    values = [_collapsed(value) for value in named if value]
    values += [_collapsed(name) for name in map(member_name, form.family_names) if name]
    values += [term.display for term in form_terms(form)]
    values += address_lines(_home_address(form) or "")
    values += _number_values(form)
    if form.date_of_birth:
        values += date_of_birth_strings(form.date_of_birth)
    towns = {town.casefold() for town in towns_asked_for(form)}  # the area asked for
    return [value for value in _usable(values, outward_code(form.home_postcode))
            if value.casefold() not in towns]


def _number_values(form: ReferralForm) -> list[str]:
    values = []
    if postcode := given(form.home_postcode):
        values.append(_collapsed(postcode))
        if is_full_postcode(postcode):
            values += [spaced(postcode), compact(postcode)]
    if digits := nhs_digits(form.nhs_number):
        values.append(digits)
        if len(digits) == 10:
            values.append(f"{digits[:3]} {digits[3:6]} {digits[6:]}")
        if re.fullmatch(r"[\d\s./-]+", form.nhs_number or ""):
            values.append(_collapsed(form.nhs_number or ""))
    if case_reference := given(form.case_reference):
        values.append(_collapsed(case_reference))
    return values


def nhs_digits(nhs_number: str | None) -> str:
    """The digits of the form's NHS number ('' when it has none, e.g. "not known")."""
    return re.sub(r"\D", "", nhs_number or "")


def _collapsed(value: str) -> str:
    return " ".join(normalise(value).split())


def _usable(values: list[str], area: str | None) -> list[str]:
    usable: dict[str, str] = {}
    for value in values:
        folded = value.casefold()
        if not _meaningful(value) or (area and compact(value) == area) or folded in usable:
            continue
        usable[folded] = value
    return list(usable.values())


def _meaningful(value: str) -> bool:
    """Long enough to mean something alone: 3+ characters, and not only initials and other
    short parts ("A J", "a li" say nothing; initials are only matched capitalised)."""
    lengths = [len(token) for token in tokens_of(value)]
    if len(value) < MIN_VALUE_LENGTH or not lengths:
        return False
    return max(lengths) >= MIN_VALUE_LENGTH or min(lengths) > 1

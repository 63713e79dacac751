"""Names written run together, where no word boundary falls between them or around them.

Term searches (matcher.py) find a name as whole words, so they miss it inside a web address
(`facebook.com/BrookeONeillVance`), a handle (`@brookevance2011`), a hashtag
(`#justiceforbrookie`) or a token made of names and digits (`BrookeVance2011`), where a
reader still knows it at a glance. Only such compounds are searched, never ordinary words
(a child called Will is not in "willing"): the whole compound goes when it holds a
person's name part of four letters or more, under that person's label. So does any word
that is two or more of one person's name parts run together ("Vanderberg" for van der Berg,
"SMITHJONES" and "ONeillVance" in a file name, "CBlenkinsop" between its underscores): no
ordinary word is made that way. So does a compound one of whose words is a pet form of a
name part with a pet ending or known to go with it ("JordyPlaysFIFA" for Jordan); and after
a handle's cue (handles.py: "streams on Twitch most nights as", "gamer tag is"), a plain
word that is no English word or listed name, when it holds a name part or begins with such a
pet form ("as Jordanator", "as jordyboy").
So does a pet form of a name part ("Brookie", "Jax" for Jaxon, "Kez" for Kerry), one that is
not made from it by rule but is known to go with it (`PET_NAMES`: "Bex" for Rebecca,
"Jessie" for Jessica, "Aga" for Agnieszka, "Charlie" for Charlotte, "Roxy" for Roxanne, "Ty"
for Tyrone, "Jack" for John, "Polly" for Mary, "Sally" for Sarah, "Dolly" for Dorothy), a
capitalised listed first name that begins with a first name's first three letters and ends
as pet forms do ("Rosie" for Rosalyn, "Lenny" for Lennox), and a known form that is also a
word ("Rich", "Kit", "Will", "Ned") where it stands as a name: with a possessive, inside a
sentence, opening one before a verb ("Rich has been missing") or before an aside that says
it is what the child is called ("Ned, as his grandad calls him,"); not "Rich families",
"Will she settle?", "PE Kit", "Kit is provided by the club". A pet form after "a" or "the"
is a thing's or a kind's ("a Teddy bear", "the local Bobby"), not the child's. In lower
case, a pet form texts use as a word ("jax", "bella", "brad") goes only in the child's own
words (a lower-case passage, a chat or words quoted in a sentence), where it stands as a
name, and when the referral writes it capitalised, it is known to go with the name or it is
a first name: "can jax come with me" beside "Jaxon (Jax, 2)"; "they rob people" stays. So
does a house named by a name part or a pet form and an "s" with no apostrophe, after "at",
"to", "from" or "round", in the child's own words or after a relation's word: "stay at nan
jeans", "at brooks", "at jaxs".
The opposite too: a name spelt out letter by letter ("B R O O K S", "K-Y-L-E") goes when its
letters make a name part of the referral's people or any listed first name or surname.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator

from broker.anonymise import lexicon
from broker.anonymise.handles import handle_starts, is_a_handle
from broker.anonymise.labels import CHILD_NAME, FAMILY_NAMES, KNOWN_AS, PERSON
from broker.anonymise.lower_case import lower_case_stretches, merged, quoted_words
from broker.anonymise.name_shapes import THING_NOUNS, names_a_kind_after
from broker.anonymise.plain_words import a_name_here
from broker.anonymise.spans import Span
from broker.anonymise.terms import Term, fold

__all__ = ["lower_case_pet_form", "run_together_finder"]

MIN_PART = 4  # shorter parts ("Bo", "Amy") are found inside too many other words
_PEOPLE = frozenset({CHILD_NAME, KNOWN_AS, FAMILY_NAMES, PERSON})
_COMPOUND = re.compile(
    r"(?:https?://|www\.)[^\s<>()\"'\[\]]+"  # a web address
    r"|(?<![\w@.-])(?:[^\W_][\w-]*\.)+[a-z]{2,6}/[^\s<>()\"'\[\]]+"  # … without its scheme
    r"|(?<![\w@#])[@#][^\W_][\w.\-]*"  # a handle or a hashtag
    r"|(?<![^\W_]|[/.@#-])(?=[^\W\d_]*(?:[a-z][A-Z]|[A-Z][A-Z][a-z])|[^\W_]*\d)"
    r"(?=[^\W_]*[^\W\d_])[^\W_]{5,}(?![^\W_]|@)",
)  # … or one word with a capital inside it ("ConnorB", "CBlenkinsop"), or with letters and
#    digits, alone or between a file name's underscores ("Chronology_CBlenkinsop_Nov26.docx")
_TRAILING = ".,;:!?'\""
# A word where a handle's cue says a handle begins ("as Jordanator"): letters, then digits.
_CUED_WORD = re.compile(r"[^\W\d_]{5,}\d*(?![\w@])")
# The words a compound is written in: "Jordy", "Plays", "FIFA" of "JordyPlaysFIFA".
_CAMEL_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def run_together_finder(terms: list[Term],
                        texts: Iterable[str] = ()) -> Callable[[str], Iterator[Span]]:
    """A search for compounds holding a name part of the people these terms name; `texts`
    are the referral's, for the pet forms it writes capitalised ("Jaxon (Jax, 2)")."""
    parts = _name_parts(terms)
    longest_first = sorted(parts, key=len, reverse=True)
    pet_forms = _PetForms(parts, texts, _given_names(terms))
    joined = _joined_parts(terms)
    any_joined = re.compile("|".join(
        re.escape(whole) for whole in sorted(joined, key=len, reverse=True))) if joined else None
    # A name part written as the form writes it ("McDonald", "MacLeod") is a whole word the
    # term search reads with its rules ("found at McDonald's" is the chain), not a compound
    as_written = frozenset(token for term in terms if term.kind in _PEOPLE
                           for token in term.tokens)

    def find(text: str) -> Iterator[Span]:
        yield from _spelt_out(text, parts)
        if not parts:
            return
        yield from pet_forms.find(text)
        for match in _COMPOUND.finditer(text):
            compound = match.group().rstrip(_TRAILING)
            if compound in as_written:
                continue
            letters = _letters(compound)
            named = next((part for part in longest_first if part in letters), None)
            term = parts[named] if named is not None else pet_forms.inside(compound)
            if term is not None:
                yield Span(match.start(), match.start() + len(compound), term.kind, term.label)
        for start in handle_starts(text):
            # after a handle's cue a plain word is a handle too: "as Jordanator", "as jordyboy"
            cued = _CUED_WORD.match(text, start)
            if cued is None or cued.group() in as_written or is_a_handle(cued.group()) or (
                    lexicon.kind(cued.group()) in ("word", "name")):
                continue  # a word shaped as a handle is handles.py's, a "[handle]"
            letters = _letters(cued.group())
            named = next((part for part in longest_first if part in letters), None)
            term = parts[named] if named is not None else pet_forms.opening(letters)
            if term is not None:
                yield Span(cued.start(), cued.end(), term.kind, term.label)
        for match in _WORD.finditer(text) if any_joined else ():
            word = match.group()  # letters and digits: casefolded, an ASCII word is its letters
            if word in as_written:
                continue
            letters = word.casefold() if word.isascii() else _letters(word)
            found = any_joined.search(letters) if any_joined else None
            if found is None:
                continue
            whole = found.group()
            if len(whole) >= _MIN_INSIDE or whole == "".join(filter(str.isalpha, letters)):
                term = joined[whole]
                yield Span(match.start(), match.end(), term.kind, term.label)

    return find


def lower_case_pet_form(terms: list[Term],
                        texts: Iterable[str] = ()) -> Callable[[str], Term | None]:
    """Whose pet form a word the child writes in lower case is, among these terms' people, by
    the rule their own words follow: "jax" is Jaxon's where the referral writes "Jax"."""
    pet_forms = _PetForms(_name_parts(terms), texts, _given_names(terms))
    return lambda word: pet_forms._form(word) if pet_forms._in_lower_case(word) else None


def _name_parts(terms: list[Term]) -> dict[str, Term]:
    """Each name part of four letters or more of these terms' people, folded, and whose."""
    parts: dict[str, Term] = {}
    for term in terms:
        if term.kind in _PEOPLE:
            for token in term.tokens:
                folded = _letters(token)
                if len(folded) >= MIN_PART:
                    parts.setdefault(folded, term)
    return parts


def _given_names(terms: list[Term]) -> list[tuple[str, Term]]:
    """Each first name of four letters or more of these terms' people, folded, and whose: the
    words before a surname, or a name alone ("Charlotte" of "Charlotte Wainwright")."""
    given: list[tuple[str, Term]] = []
    for term in terms:
        if term.kind in _PEOPLE:
            tokens = term.tokens[:-1] if len(term.tokens) > 1 else term.tokens
            given.extend((_letters(token), term) for token in tokens
                         if len(_letters(token)) >= MIN_PART)
    return given


# Capitals one by one, each followed by the same space, full stop or hyphen: "B R O O K S",
# "K-Y-L-E", "J.A.Y.D.E.N.".
_SPELT = re.compile(r"(?<![\w.\-])[A-Z](?P<gap>[ .\-])(?:[A-Z](?P=gap)){2,}[A-Z]\.?(?![\w\-])")
_BETWEEN_SPELT = re.compile(r"[ \t]{1,3}|[ \t]{0,3}[,/][ \t]{0,3}")


def _spelt_out(text: str, parts: dict[str, Term]) -> Iterator[Span]:
    """Names spelt letter by letter: a name part of these terms, under its label, or any
    listed first name or surname, and a word spelt so right after such a name, no word of
    English ("D.E.V.O.N. W.A.R.B.U.R.T.O.N.": the surname the lists lack). Acronyms written
    so ("N.S.P.C.C.") spell neither."""
    name_ended = -1
    for match in _SPELT.finditer(text):
        letters = _letters(match.group())
        term = parts.get(letters)
        if term is not None:
            yield Span(match.start(), match.end(), term.kind, term.label)
        elif len(letters) >= MIN_PART and (
                lexicon.is_first_name(letters) or lexicon.is_surname(letters) or (
                    name_ended >= 0 and not lexicon.is_ordinary(letters)
                    and _BETWEEN_SPELT.fullmatch(text, name_ended, match.start()))):
            yield Span(match.start(), match.end(), PERSON, None)
        else:
            continue
        name_ended = match.end()


# A word alone, or in single quotes (‘Sadiey’), not part of one ("O'Brien", "Jax-Lee"),
# or before a Japanese honorific ("Ken-chan" for Kenji); of two letters only one written
# capitalised ("Jo", "Ty", "Md" as forms shorten Mohammed: "Md. Rahim").
_PET_WORD = re.compile(
    r"(?<![\w\-])(?<!\w['’])(?:[^\W\d_]{3,12}|[A-Z][a-z])(?=['’][sS]\b|['’](?!\w)|(?![\w'’\-])"
    r"|-(?:chan|kun|san|sama|senpai|sensei)(?![\w\-]))")
_PET_ENDING = re.compile(r"(?:z|zz[ae]r?|zza|mmy|nno|ie)$")  # "Kez", "Kezza", "Immy", "Jonno"
_RARE_IN_LOWER_CASE = 2.0  # Zipf: "kez" in a quoted text; "key" is a word
# How a first name's everyday pet form ends after its first three letters: "Charlie" for
# Charlotte, "Josie" for Josephine, "Roxy" for Roxanne, "Lexi", "Chas", "Robbo".
_DIMINUTIVE = re.compile(r"(?:ie|y|ey|i|s|o)$")
_GIVEN_OPENING = 3  # letters a pet form shares with the name it is made from
_SHORT_STEM = 4  # letters of a name cut short before an "s": "Dafs" for Dafydd, "Jords"
# A long first name's end, capitalised, is a pet form too ("Xandra" for Alexandra, "Tina" for
# Christina, "Beth" for Elizabeth): four letters or more, three cut from the front at least.
_LONG_NAME = 7
_TAIL_CUT = 3
# A relation's word or a friend's before a name: "at nan jeans", "to my mate kaceys".
_RELATION_WORD = (r"(?:nan|nana|nanna|nanny|gran|granny|grandma|grandad|grandpa|auntie|aunty|"
                  r"aunt|uncle|cousin|mum|mam|dad|sister|brother|sis|bro|mate|m8|friend|pal|"
                  r"bestie|bezzie|bf|gf)")
# A house named by its owner and an "s" with no apostrophe, after "at", "to", "from" or
# "round": "stay at nan jeans", "at brooks", "go to my mate kaceys".
_AT_HOUSE = re.compile(rf"(?i:(?<![\w'’])(?:at|to|from|round)[ \t]+(?:(?:my|his|her|our|me)[ \t]+)?"
                       rf"(?P<relation>{_RELATION_WORD}[ \t]+)?)$")
_AT_REACH = 24  # characters before the word: "round my bezzie "


class _PetForms:
    """Pet forms of the referral's people's names, under their labels: the name with a pet
    ending ("Brookie", "Brooky", "Brooksy" for Brooke), cut short ("Jax" for Jaxon) or cut
    short to three or four letters and an "s" ("Dafs" for Dafydd), or its
    first two letters and a pet ending ("Kez" for Kerry, "Immy" for Imogen). Never an
    English word ("Key", "Bros"); in lower case only what no text uses ("kez"); a form known to
    go with the name ("Bex" for Rebecca, `PET_NAMES`); in capitals only a name with a pet
    ending ("BROOKIE'S": "DOB" is an abbreviation, not "Dobre" cut short). Every form is
    worked out once per referral, so each word costs a look-up."""

    def __init__(self, parts: dict[str, Term], texts: Iterable[str] = (),
                 given: Iterable[tuple[str, Term]] = ()) -> None:
        self.endings: dict[str, Term] = {}  # "brookie", "jaxy"
        self.shortened: dict[str, Term] = {}  # "jax"
        self.openings: dict[str, Term] = {}  # "ke", "im": first two letters
        self.known: dict[str, Term] = {}  # "bex" for Rebecca: PET_NAMES, never in capitals
        # a first name's first three letters, and the name: "cha" of Charlotte, for "Charlie"
        self.given: dict[str, tuple[str, Term]] = {}
        self.tails: dict[str, Term] = {}  # "xandra" of Alexandra, "tina" of Christina
        for name, term in given:
            self.given.setdefault(name[:_GIVEN_OPENING], (name, term))
            if len(name) >= _LONG_NAME:
                for start in range(_TAIL_CUT, len(name) - MIN_PART + 1):
                    self.tails.setdefault(name[start:].casefold(), term)
        self.names = frozenset(parts)  # a name part itself is the term search's
        self.parts = parts
        for name, term in parts.items():
            for stem in _stems(name):
                for ending in _PET_SUFFIXES:
                    if ending != "s" or stem != name:  # "Reubs"; "the Smiths" is the family
                        self.endings.setdefault(stem + ending, term)
            for end in range(3, len(name) - 1):
                self.shortened.setdefault(name[:end], term)
                if end <= _SHORT_STEM and name[end - 1] not in "aeiouy":
                    self.endings.setdefault(name[:end] + "s", term)  # "Dafs", "Jords"
            self.openings.setdefault(name[:2], term)
            for known in _KNOWN_FORMS.get(name, ()):
                self.known.setdefault(known, term)
        # a known form of two letters in lower case, in the child's own words ("jo wants to go
        # home" of Josephine): looked for only where the referral's names have one
        short = sorted(known for known in self.known if len(known) == 2 and known.isalpha())
        self.pattern = re.compile(
            rf"{_PET_WORD.pattern}|(?<![\w\-'’])(?:{'|'.join(short)})(?![\w'’\-])"
        ) if short else _PET_WORD
        # the pet forms the referral writes capitalised ("Jaxon (Jax, 2)"): in lower case too
        # in the child's own words ("can jax come with me")
        self.written = frozenset(
            match.group().casefold() for text in texts for match in _PET_WORD.finditer(text)
            if match.group().istitle() and self._form(match.group()) is not None)

    def _form(self, word: str) -> Term | None:
        """The person whose pet form the word is, by its spelling alone."""
        folded = word.casefold()
        term = self.endings.get(folded)
        if term is None and not word.isupper():
            term = self.shortened.get(folded) or self.known.get(folded)
            if term is None and len(folded) <= 5 and _PET_ENDING.search(folded):
                term = self.openings.get(folded[:2])
                term = term if term is not None and lexicon.is_rare(word) else None
            if term is None and word.istitle():
                term = self._given_pet_form(word) or self.tails.get(folded)
        if term is None or folded in self.names or lexicon.kind(word) == "word":
            return None
        return term

    def inside(self, compound: str) -> Term | None:
        """Whose pet form one of a compound's words is, four letters or more, the name with a
        pet ending or a form known to go with it: "Jordy" of "JordyPlaysFIFA"."""
        for word in _CAMEL_WORD.findall(compound):
            folded = word.casefold()
            if len(folded) >= MIN_PART and folded not in self.names and (
                    lexicon.kind(word) != "word"):
                term = self.endings.get(folded) or self.known.get(folded)
                if term is not None:
                    return term
        return None

    def opening(self, letters: str) -> Term | None:
        """Whose pet form a word's letters begin with, four letters or more and more after:
        "jordyboy" for Jordan; a form that a word only may be ("jord") is not one."""
        return next((term for end in range(len(letters) - 1, MIN_PART - 1, -1)
                     if (term := self.endings.get(letters[:end]) or self.known.get(
                         letters[:end])) is not None), None)

    def _given_pet_form(self, word: str) -> Term | None:
        """Whose first name a capitalised first name is the everyday pet form of: it begins
        with the name's first three letters and ends as pet forms do, and is no longer than
        the name ("Charlie" for Charlotte, "Roxy" for Roxanne, "Georgie" for Georgina)."""
        folded = word.casefold()
        found = self.given.get(folded[:_GIVEN_OPENING])
        if found is None or not _DIMINUTIVE.search(folded) or len(folded) > len(found[0]) or (
                not (lexicon.is_first_name(word) or folded in PET_FORMS)):
            return None
        return found[1]

    def _word_form(self, text: str, start: int, end: int) -> Term | None:
        """A pet form known to go with a name that is also an English word ("Rich" for
        Richard, "Kit" for Christopher, "Will" for William), where it stands as a name:
        capitalised with a possessive ("Rich's mum"), inside a sentence ("staff told Rich"),
        opening one before a verb ("Rich has been missing") or before an aside that says it is
        what someone is called ("Ned, as his grandad calls him,", "Kit (her own choice of
        name)"); not before a thing's noun ("the Kit Appeal"), after a word it makes a thing's
        name with ("PE Kit", "his School Kit"), opening a question ("Will she settle?") nor
        before what is done to a thing ("Kit is provided by the club", "Kit was lost")."""
        word = text[start:end]
        term = self.known.get(word.casefold())
        if term is None or not word.istitle() or word.casefold() in self.names:
            return None
        if _POSSESSIVE_AFTER.match(text, end) or _NAMING_ASIDE.match(text, end):
            return term
        after = _NEXT_WORD.match(text, end)
        next_word = after.group(1).casefold() if after else ""
        if next_word in THING_NOUNS or _DONE_TO_A_THING.match(text, end):
            return None
        before = text[max(0, start - 4) : start].rstrip(" \t\"'‘“(")
        if before and before[-1] not in ".!?\n:":
            previous = _PREVIOUS_WORD.search(text, max(0, start - 12), start)
            return None if previous and (previous.group(1).casefold() in _DETERMINERS or (
                _names_a_thing_with(text, previous.start(1), previous.group(1)))) else term
        return term if next_word in _VERBS_AFTER_A_NAME else None

    def _in_lower_case(self, word: str) -> bool:
        """A pet form the child's own words may write in lower case though texts use it: one
        the referral writes capitalised, one known to go with the name ("bella" for Isabella)
        or a listed first name made from the name ("brad" for Bradley), not from its first two
        letters alone ("gaz" is no more Gaskell's than Gary's)."""
        folded = word.casefold()
        return folded in self.written or folded in self.known or (lexicon.is_first_name(word) and (
            folded in self.shortened or folded in self.endings))  # not "gaz" of Gaskell

    def _house(self, text: str, start: int, word: str, own_words: bool) -> Term | None:
        """A name and an "s" with no apostrophe, where a house is: "at nan jeans", "at brooks"
        in a chat. The name is a part of the referral's people's names or a pet form of one;
        outside the child's own words, only after a relation's word."""
        folded = word.casefold()
        if len(folded) < 4 or folded[-1] != "s" or folded[-2] == "s":
            return None
        cue = _AT_HOUSE.search(text[max(0, start - _AT_REACH) : start])
        if cue is None or not (own_words or cue.group("relation")):
            return None
        stem = folded[:-1]
        if stem in self.names:
            return self.parts[stem]
        return self._form(word[:-1]) if own_words or stem in self.written else None

    def find(self, text: str) -> Iterator[Span]:
        own_words: list[tuple[int, int]] | None = None  # the child's words: worked out once
        for match in self.pattern.finditer(text):
            word = match.group()
            term = self._form(word)
            if term is not None and _AN_ARTICLE_BEFORE.search(
                    text, max(0, match.start() - _ARTICLE_REACH), match.start()):
                continue  # "a Teddy bear", "the local Bobby", "a Terry's Chocolate Orange"
            if term is not None and names_a_kind_after(text, match.end()):
                continue  # "Rosy cheeks" beside a Rosalyn
            if term is None and lexicon.kind(word) == "word":
                term = self._word_form(text, match.start(), match.end())
            if term is not None and not (word.islower() and (
                    lexicon.zipf(word) >= _RARE_IN_LOWER_CASE)):
                yield Span(match.start(), match.end(), term.kind, term.label)
                continue
            if not word.islower() or not (term is not None or word.endswith("s")):
                continue
            if own_words is None:
                own_words = merged([*lower_case_stretches(text), *quoted_words(text)])
                starts = [start for start, _ in own_words]
            at = bisect_right(starts, match.start()) - 1
            in_own_words = at >= 0 and match.end() <= own_words[at][1]
            if term is not None and in_own_words and self._in_lower_case(word) and (
                    a_name_here(text, match.start(), match.end())) and (  # "they rob people"
                    len(word) > 2 or _two_letters_as_a_person(text, match.start(), match.end())):
                yield Span(match.start(), match.end(), term.kind, term.label)
            elif (house := self._house(text, match.start(), word, in_own_words)) is not None:
                yield Span(match.start(), match.end(), house.kind, house.label)



# Pet forms a rule cannot make from the name: the forms of one name, each group one name's.
# A name part of the referral's people in a group makes every other form of it a pet form of
# that person ("Rebecca" gives "Bex", "Becky" gives "Rebecca"). Forms that are English words
# ("Will", "Pat", "Bill") never go alone here: a word is not taken for a pet form.
PET_NAMES = (
    "rebecca becky becca bex bec", "jessica jess jessie jessy",
    "william will bill billy liam wills",
    "michael mikey mike mickey micky mick",
    # and as passports and forms shorten it: "Mohd", "Md", "Muhd"
    "mohammed muhammad mohamed mohammad mo moe mohd muhd md",
    "agnieszka aga agusia agnes", "elizabeth liz lizzie lizzy beth betty eliza libby bess",
    "margaret maggie meg peggy",
    "katherine catherine kate katie kath cath kathy cathy kit kitty",
    "kathleen kath kathy", "robert rob bob bobby robbie", "james jim jimmy jamie",
    "alexander alex xander sandy lex sasha", "edward eddie ted teddy ned ed",
    "joseph joe joey", "thomas tom tommy", "daniel dan danny",
    "anthony tony", "christopher chris kit topher", "nicholas nick nicky", "samuel sam sammy",
    "jonathan jon jonny jonno", "matthew matt matty", "patricia pat patsy trish tricia",
    "susan sue suzy susie", "deborah debbie debs", "victoria vicky vikki tori",
    "jennifer jen jenny", "abigail abbie abby", "olivia liv livvy",
    "frederick freddie fred", "henry harry hal", "eleanor ellie nell nellie",
    "isabella izzy bella issy", "isabel izzy bella issy", "isobel izzy issy",
    "natalie nat tash", "natasha tasha tash", "kenneth kenny", "terence terry tel",
    "stephen steve stevie", "steven steve stevie", "gabriella gabby gabi",
    "dominic dom", "benjamin ben benji",
    # names whose everyday short form is another gender's name or none a rule makes
    "charlotte lottie lotte lotty charlie", "charles charlie chas chaz", "charlene charlie",
    "josephine jo josie jojo", "joanne jo", "joanna jo", "johanna jo", "roxanne roxy roxie",
    "roxana roxy roxie", "georgina georgie gina", "georgia georgie", "george georgie",
    "alexandra alex lexi lexie sasha alexa sandy ali allie", "sandra sandy", "andrew andy",
    "andrea andie",
    "gabriel gabe", "gabrielle gabby gabi", "tyrone ty", "tyler ty", "tyrese ty",
    "richard rich richie ricky rick", "ebony ebs", "jacqueline jackie jacqui",
    "christina chrissy tina", "christine chrissy tina", "nathaniel nate nat", "nathan nate",
    "frances fran frankie", "francesca fran frankie cesca", "francis frank frankie",
    "harriet hattie", "penelope penny pippa", "rosalind roz", "rosemary rosie",
    "kimberley kim", "kimberly kim", "theodore theo teddy ted", "jacob jake",
    "stephanie steph stevie", "danielle dani", "daniela dani", "caroline caz carrie",
    "carolyn caz carrie", "gemma gem", "leonard len lenny leo", "mackenzie kenzie",
    "madison maddie maddy", "madeleine maddie maddy", "madeline maddie maddy",
    "oliver ollie olly", "patrick paddy pat", "raymond ray", "ronald ron ronnie",
    "veronica ronnie", "sebastian seb", "tobias toby", "zachary zach zac zack",
    # the old forms that share no letters' rule with the name: "Jack" for John
    "john jack johnny", "mary polly molly", "sarah sally sal", "dorothy dot dotty dolly",
    "amelia millie", "emily em emmy", "millicent millie", "matilda tilly tilda",
    "gregory greg", "timothy tim timmy", "lawrence larry laurie", "joshua josh",
    "alfred alfie alf", "archibald archie", "philip phil pip", "phillip phil pip",
    "philippa pippa pip", "antonia toni", "annabel annie bella", "cameron cam",
    "zuzanna zuzia zuza", "małgorzata gosia", "katarzyna kasia", "aleksandra ola",
    "aleksander olek", "wojciech wojtek", "grzegorz grzes",
    # Welsh: "Dai" for Dafydd or David, "Dewi" for Dafydd
    "dafydd dai dewi", "david dai dave davey davy",
)
PET_FORMS = frozenset(form for group in PET_NAMES for form in group.split())


def _known_forms() -> dict[str, tuple[str, ...]]:
    """Each form's other forms. A form of several names gives only what all of them share:
    "Millie" is Amelia's or Millicent's, so neither is the pet form of a child known as
    Millie; "Ted" gives "Teddy", of Edward and Theodore alike, and neither name."""
    groups: dict[str, list[set[str]]] = {}
    for group in PET_NAMES:
        forms = [fold(form) for form in group.split()]
        for form in forms:
            groups.setdefault(form, []).append(set(forms) - {form})
    return {form: tuple(sorted(set.intersection(*others))) for form, others in groups.items()}


_KNOWN_FORMS = _known_forms()


# English pet endings ("Brookie", "Kezzy"), and those of the languages referrals meet most:
# Polish ("Kacperek", "Kacperka", "Kacperuś", "Tomcio"), Spanish ("Pablito", "Carmencita"),
# Italian ("Paolino"), Portuguese ("Joãozinho"), Russian ("Lenochka"), German ("Lenchen"),
# Irish ("Seánín").
_PET_SUFFIXES = ("ie", "y", "sy", "sie", "ey", "o", "za", "zza", "zy", "zie", "s", "ek", "us",
                 "uś", "cio", "ka", "ku", "ito", "ita", "cito", "cita", "ino", "ina", "inho",
                 "inha", "zinho", "zinha", "ochka", "enka", "usha", "chen", "lein", "ín")
# "a", "an" or "the", and a word in lower case between, before a pet form a rule or the list
# makes: a thing's or a kind's, not the child's ("a Teddy bear", "the local Bobby", "a long
# Maxi dress"). The form's own names are the term search's, which this leaves alone.
_AN_ARTICLE_BEFORE = re.compile(
    r"(?<![\w\-])(?:[Aa]n?|[Tt]he)[ \t]{1,4}(?:[a-z]{2,15}[ \t]{1,4})?$")
_ARTICLE_REACH = 26
# An aside after a name that says it is what someone calls the child: "Ned, as his grandad
# calls him,", "Dot, as she is called,", "Hal (his dad's name for him)", "Kit (her own choice
# of name)": within the comma's or the bracket's few words, before the sentence goes on.
_NAMING_ASIDE = re.compile(
    r"[ \t]*[,(][^.;:()\n]{0,40}?\b(?:calls?|called|names?|nicknamed?|known|prefers?)\b",
    re.IGNORECASE)
# What is done to a thing, after "is" or "was": "Kit is provided by the club", "Kit was lost
# at the last home" (not what is done to a child: "Rich was found", "Rich was returned").
_DONE_TO_A_THING = re.compile(
    r"[ \t]{1,4}(?:is|was|are|were|will[ \t]be|has[ \t]been|needs[ \t]to[ \t]be)[ \t]{1,4}"
    r"(?:not[ \t]{1,4})?(?:provided|supplied|required|needed|bought|purchased|washed|cleaned"
    r"|labelled|labeled|replaced|funded|included|stored|packed|ordered|lost|available)\b")
_POSSESSIVE_AFTER = re.compile(r"['’][sS](?![\w'’\-])")
_NEXT_WORD = re.compile(r"[ \t]{1,4}([A-Za-z]+)")
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)[ \t]{1,4}$")
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "my", "your", "our", "its",
                          "this", "that", "no", "any", "some", "every"})
# Verbs a sentence about a person opens with after the name: "Rich has been missing".
_VERBS_AFTER_A_NAME = frozenset({
    "has", "had", "is", "was", "says", "said", "wants", "wanted", "told", "tells", "went",
    "goes", "likes", "liked", "loves", "loved", "needs", "needed", "attends", "attended",
    "does", "did", "would", "will", "can", "could", "should", "lives", "lived", "stays",
    "stayed", "and", "feels", "felt", "enjoys", "enjoyed", "became", "becomes"})
_SHORTENED_ENDINGS = ("on", "en", "an", "ie", "ey", "ah", "er", "um")  # "Cally" for Callum
# A name's ending a pet form leaves off: "Brookie" for Brooklyn, "Kaity" for Kaitlynn.
_LEFT_OFF_ENDINGS = ("lyn", "lynn", "leigh", "lee")


def _two_letters_as_a_person(text: str, start: int, end: int) -> bool:
    """A known pet form of two letters in lower case stands as a person ("jo wants to go
    home", "ty's phone", "me and jo"), not as the chat's word it also is ("ty for sorting my
    phone", thank you; "see em", them; "sex ed"): before a verb a name takes or a
    possessive, or after "and", "with" or "to"."""
    if _POSSESSIVE_AFTER.match(text, end):
        return True
    after = _NEXT_WORD.match(text, end)
    if after is not None and after.group(1).casefold() in _VERBS_AFTER_A_NAME:
        return True
    before = _PREVIOUS_WORD.search(text, max(0, start - 12), start)
    return before is not None and before.group(1).casefold() in _BEFORE_A_PERSON


_BEFORE_A_PERSON = frozenset({"and", "with", "to", "told", "tell", "ask", "asked", "called",
                              "call", "me"})


def _names_a_thing_with(text: str, start: int, word: str) -> bool:
    """Whether the word before a word form makes a thing's name with it: an abbreviation ("PE
    Kit") or a capitalised word that is no name inside a sentence ("his School Kit"; not a
    sentence's first word, "Yesterday Rich went missing", nor a greeting, "Thanks Rich")."""
    if word.isupper() and 2 <= len(word) <= 4:
        return True
    if not word.istitle() or lexicon.kind(word) == "name" or word.casefold() in _ADDRESSING:
        return False
    before = text[max(0, start - 4) : start].rstrip(" \t\"'‘“(")
    return bool(before) and before[-1] not in ".!?\n:"


_ADDRESSING = frozenset({"dear", "hi", "hello", "hey", "hiya", "thanks", "cheers", "love",
                         "morning", "evening", "afternoon", "night", "sorry", "well", "yes",
                         "no", "ok", "okay", "mum", "dad", "nan", "gran", "ask", "tell"})


def _stems(name: str) -> set[str]:
    """"brooke" and "brook"; "jaxon" and "jax" (for "Jaxy"); "brooklyn" and "brook" (for
    "Brookie"): three letters or more."""
    stems = {name, name[:-1] if name[-1] in "aeiouy" else name}
    if len(name) > 4 and name[-2:] in _SHORTENED_ENDINGS:
        stems.add(name[:-2])
    stems.update(name[: -len(ending)] for ending in _LEFT_OFF_ENDINGS
                 if name.endswith(ending) and len(name) - len(ending) >= MIN_PART)
    return {stem for stem in stems if len(stem) >= 3}


_WORD = re.compile(r"[^\W_]{6,}")
_MIN_JOINED = 6  # "SmithJones": two parts or more, run together, as a word of its own
_MIN_INSIDE = 8  # ... or inside a longer one ("ONEILLVANCE2011")


def _joined_parts(terms: list[Term]) -> dict[str, Term]:
    """Each run of two or more consecutive name parts of one person, written as one word."""
    joined: dict[str, Term] = {}
    for term in terms:
        if term.kind not in _PEOPLE:
            continue
        tokens = [_letters(token) for token in term.tokens]
        for start in range(len(tokens)):
            for end in range(start + 2, len(tokens) + 1):
                whole = "".join(tokens[start:end])
                if len(whole) >= _MIN_JOINED:
                    joined.setdefault(whole, term)
    return joined


def _letters(text: str) -> str:
    """The text's letters only, folded as terms are compared ("O'Neill-Vance" -> "oneillvance")."""
    return "".join(char for char in fold(text) if char.isalpha())

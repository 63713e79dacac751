"""The identifying values of one form, as token sequences to search for in its free text.

Each name, school and address line becomes a set of `Term`s: the whole value, its parts and
the in-order combinations a writer uses ("Amy Smith" for "Amy Jane Smith", "Smith, Amy",
"J. Smith"). A term is a sequence of tokens; how a token may be written (any case, apostrophe
or not) and what may separate tokens (spaces, hyphens, a line break) is decided where the
search pattern is built (`matcher.py`), so hyphenated surnames, line-wrapped names and
`Smith-Jones` vs `Smith Jones` are all one term, and so are "Zoë Núñez" and "Zoe Nunez":
a reader knows them for the same name, written with or without its accents.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from broker.anonymise import lexicon
from broker.anonymise.postcodes import FULL_POSTCODE, is_outward_code
from broker.forms.items import as_read

_TOKEN = re.compile(r"[^\W_]+(?:['’‘`][^\W_]+)*")
_APOSTROPHES = "'’‘`"
_NO_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
# Letters NFKD leaves whole (their stroke is no combining mark), and the letter each is read as.
_UNDECOMPOSED = {
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H",
    "ŧ": "t", "Ŧ": "T", "ƚ": "l", "ı": "i",
}  # fmt: skip
_PLACEHOLDER = re.compile(
    r"|[\W_]*|n/?a|none|nil|unknown|not known|not applicable|tbc|tba|to be confirmed"
    r"|click (?:or tap )?(?:here )?to enter (?:text|a date)\.?|choose an item\.?",
    re.IGNORECASE,
)
_TRAILING_OUTWARD_CODE = re.compile(r"(?<=\w)\s+[A-Z]{1,2}\d[A-Z\d]?$", re.IGNORECASE)
_MAX_COMBINED_TOKENS = 6  # 2**6 combinations; longer values get neighbouring pairs and parts
MIN_ALONE = 3  # a part shorter than this is only searched for next to another part
# Two-letter words that open sentences; as name parts they only go beside another part.
_SHORT_WORDS = frozenset(
    {"am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it"}
    | {"ma", "me", "my", "no", "of", "oh", "ok", "on", "or", "pa", "so", "to", "up", "us", "we"}
)

_SCHOOL_WORDS = """
    the a an of and at in on for school schools academy academies primary secondary high
    college infant infants junior juniors nursery st saint saints church ce cofe c e rc
    catholic community free trust grammar upper lower middle special centre center unit pupil
    referral prep preparatory international learning studio boys girls sixth form education
    provision alternative independent day residential federation campus site technology
    science arts sports specialist foundation voluntary aided controlled methodist christian
    village first secondary all ysgol gynradd uwchradd gyfun arbennig feithrin gymraeg"""
_GENERIC_SCHOOL_WORDS = frozenset(_SCHOOL_WORDS.split())
_ADDRESS_WORDS = """
    uk united kingdom england scotland wales great britain gb northern ireland flat flats
    apartment apt house unit room block floor the"""
_GENERIC_ADDRESS_WORDS = frozenset(_ADDRESS_WORDS.split())
_STREET_ABBREVIATIONS = {
    "road": "rd", "street": "st", "avenue": "ave", "lane": "ln", "close": "cl", "drive": "dr",
    "court": "ct", "crescent": "cres", "gardens": "gdns", "place": "pl", "terrace": "terr",
    "square": "sq", "grove": "gr",
}  # fmt: skip
_OTHER_STREET_TYPES = frozenset({"way", "walk", "row", "rise", "mews", "parade", "view", "hill"})
# A named building's kind, which a writer leaves off its name: "the farm at Low Gill".
_BUILDING_WORDS = frozenset({"farm", "house", "cottage", "cottages", "lodge", "hall", "manor",
                             "grange", "mill", "barn", "farmhouse", "tower", "heights"})


@dataclass(frozen=True)
class Term:
    """One way an identifying value may be written: tokens in order, and what replaces it."""

    tokens: tuple[str, ...]
    kind: str
    label: str
    capitalised_only: bool = False  # the first letter must be upper-case, as names are written
    # a district's own word ("Pencwm" of "Pencwm Uchaf"): a small place, which a club or a
    # service named after it ("Pencwm RFC") places as surely as the address
    small_place: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        """Two terms with the same key find the same text; the first registered wins."""
        return tuple(fold(token) for token in self.tokens)

    @property
    def display(self) -> str:
        return " ".join(self.tokens)


def given(value: str | None) -> str | None:
    """The value, unless it is empty or a placeholder such as "N/A" or "not known"."""
    if value is None or _PLACEHOLDER.fullmatch(value.strip()):
        return None
    return value


def normalise(text: str) -> str:
    """NFC, so a name typed with combining accents is the same name as its precomposed form,
    with Europe's low and angle quotes as English ones, and
    without invisible characters: "Bro&shy;oke" in HTML, whose reader keeps them, is "Brooke";
    and a Latin word with a Cyrillic or Greek look-alike letter in it ("Gаreth" with a
    Cyrillic "а") is read with the Latin letter, so it is the name it looks like."""
    text = unicodedata.normalize("NFC", as_read(text))
    if "«" in text:
        text = _SPACED_GUILLEMET.sub(lambda quote: quote.group().strip(" \t"), text)
    text = text.translate(_QUOTES)
    return _MIXED_WORD.sub(_as_latin, text) if _LOOKALIKE_LETTER.search(text) else text


def unstyled(text: str) -> str:
    """The text with letters drawn in a style read as the plain letters they are, one
    character for one, so a span found in it stands at the same place in the text as written:
    mathematical bold, italic and script letters ("𝓚𝓪𝔂𝓵𝓪", "𝐉𝐚𝐲 𝐌", as a display name is
    typed with a font generator), full-width ones, circled and squared ones ("ⓜⓐⓒⓨ"),
    superscript ones ("ᴹᵃᶜʸ ᴴ"), and small capitals ("ᴊᴀʏ ᴍᴀʀsʜ") as capitals."""
    if not _STYLED_LETTER.search(text):
        return text
    # circled letters have no case a reader sees: "ⓡⓘⓛⓔⓨ" is a name, read as "Riley"
    text = _CIRCLED_WORD.sub(lambda word: chr(ord(word.group()[0]) - 26) + word.group()[1:], text)
    return text.translate(_STYLED)


def _styled_letters() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in [*range(0x1D400, 0x1D800), *range(0xFF10, 0xFF5B),
                 # circled and squared letters ("ⓜⓐⓒⓨ"), superscript ones ("ᴹᵃᶜʸ ᴴ")
                 *range(0x24B6, 0x24EA), *range(0x1F130, 0x1F18A), *range(0x1D2C, 0x1D6B),
                 *range(0x1D9B, 0x1DC0), *range(0x02B0, 0x02B9), *range(0x2070, 0x209D)]:
        plain = unicodedata.normalize("NFKC", chr(code))
        if len(plain) == 1 and plain.isascii() and plain.isalnum():
            table[code] = plain
    for code in [*range(0x0250, 0x02B0), *range(0x1D00, 0x1D2C), *range(0xA700, 0xA800)]:
        name = unicodedata.name(chr(code), "")
        letter = name.removeprefix("LATIN LETTER SMALL CAPITAL ")
        if letter != name and len(letter) == 1 and letter.isascii():
            table[code] = letter
    return table


_STYLED = _styled_letters()
_CIRCLED_WORD = re.compile("(?<![\u24b6-\u24e9])[\u24d0-\u24e9]+")
# The blocks those letters stand in, as a few ranges: a character class of hundreds of single
# characters costs a 50 KB text 30 ms to search, ranges a fraction of it.
_STYLED_LETTER = re.compile("[\u0250-\u02b8\u1d00-\u1d6a\u1d9b-\u1dbf\u2070-\u209c"
                            "\u24b6-\u24e9\ua700-\ua7ff\uff10-\uff5a\U0001d400-\U0001d7ff"
                            "\U0001f130-\U0001f189]")


# The low and angle quotes of German, Polish and French („Lulu“, ‚Lulu‘, «Lulu»), read as the
# English ones, so a nickname in them is quoted as any other; the modifier letter apostrophe a
# pasted form puts in "Oʼneill" as the apostrophe it stands for (as a letter it would join the
# name into one word no search knows), and Word's fraction slash in "14⁄03⁄2012" as a slash.
_QUOTES = str.maketrans({"\u201e": "\u201c", "\u201a": "\u2018", "\u00ab": "\u201c",
                         "\u00bb": "\u201d", "\u02bc": "\u2019", "\u2044": "/"})
# French sets its guillemets apart by a space: "Chloé « Coco » Bernard" reads as «Coco».
_SPACED_GUILLEMET = re.compile(r"«[ \t]+(?=[^\W\d_])|(?<=[^\W\d_])[ \t]+»")


# Cyrillic and Greek letters drawn like Latin ones, and the Latin letter each is read as.
_LATIN_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁһӏАВЕКМНОРСТХУІЈЅοαινρΟΑΒΕΖΗΙΚΜΝΡΤΥΧ",
    "aeopcyxijsdhlABEKMHOPCTXYIJSoainpOABEZHIKMNPTYX")
_LOOKALIKE_LETTER = re.compile("[аеорсухіјѕԁһӏАВЕКМНОРСТХУІЈЅοαινρΟΑΒΕΖΗΙΚΜΝΡΤΥΧ]")
_MIXED_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _as_latin(word: re.Match[str]) -> str:
    """A word with Latin letters in it, its look-alike letters read as Latin ones."""
    written = word.group()
    return written.translate(_LATIN_LOOKALIKES) if _ASCII_LETTER.search(written) else written


def tokens_of(text: str) -> list[str]:
    """Letter-or-digit runs, keeping inner apostrophes: "O'Brien-Smith, J." -> O'Brien Smith J."""
    return _TOKEN.findall(normalise(text))


def fold(token: str) -> str:
    """A token as compared: case-folded, apostrophes and accents dropped ("O’Brien" ==
    "obrien", "Núñez" == "nunez")."""
    return without_accents(token.translate(_NO_APOSTROPHES)).casefold()


def without_accents(text: str) -> str:
    """The text with each letter's accents dropped, one character for one, so offsets into it
    are offsets into `text`: "Zoë Siân Łukasz" -> "Zoe Sian Lukasz". Plain ASCII, most of
    what is read, has no accents to drop: it is returned as it is, unwalked (walking it a
    letter at a time was over a third of the anonymiser's time)."""
    if text.isascii():
        return text
    return "".join(map(base_letter, text))


@lru_cache(maxsize=8192)  # a text has few distinct letters; decomposing each is the cost
def base_letter(char: str) -> str:
    """The letter without its accents ("ë" -> "e", "Ł" -> "L"); any other character as it is,
    and so is one that does not come apart into a single letter and marks ("ﬁ", "æ")."""
    if char in _UNDECOMPOSED:
        return _UNDECOMPOSED[char]
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return bare if len(bare) == 1 and bare.isalpha() else char


def name_terms(name: str, kind: str, label: str) -> list[Term]:
    """A person's name: the whole of it, combinations of its parts, and each part of 3+.

    A part that is also an everyday word ("Will", "Hope", "Summer") is searched for alone
    only capitalised, as a name is written: "he will go", "there is hope" and "the summer
    holidays" stay (in lower case it goes where it stands as a name: `word_names.py`).
    A two-letter part written as a name ("Ty", "Jo", "Wu") is searched for alone too, but
    only capitalised, and not when it is also a common short word ("An", "Do", "Ma") or an
    initial pair ("AJ"): those, like single initials, only go beside another part.
    """
    tokens = [token for token in tokens_of(name) if fold(token) not in _PRONOUNS
              and not (token.islower() and fold(token) in _JOINING_WORDS)]
    sequences = _combined_sequences(tokens) + [(t,) for t in tokens if len(t) >= MIN_ALONE]
    surname = tokens_of(normalise(name).split()[-1]) if name.split() else []
    if 0 < len(surname) < len(tokens) <= _MAX_COMBINED_TOKENS:  # "Brook-Harris, Ella"
        sequences.append((*surname, *tokens[: -len(surname)]))
    sequences = [seq for seq in sequences if len(seq) > 1 or not _never_alone(seq[0], tokens)]
    terms = [Term(seq, kind, label, capitalised_only=len(seq) == 1 and an_everyday_word(seq[0]))
             for seq in sequences]
    short = [t for t in tokens if len(t) == 2 and t.istitle() and fold(t) not in _SHORT_WORDS
             and not _never_alone(t, tokens)]
    return terms + [Term((t,), kind, label, capitalised_only=True) for t in short]


# A pronoun is no one's name, whatever a name's field holds ("Zayan (uses his middle name)"):
# "His phone was seized" keeps its "His".
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their",
                       "theirs", "it", "its", "we", "us", "our", "you", "your", "my", "me"})


# A word in lower case that joins names in a name's field ("Evie, Jayden and Tyler Example",
# "Ella Example with twin"): no part of any name, never searched for ("her mum and …").
_JOINING_WORDS = frozenset({"and", "or", "nor", "with", "plus", "also", "the", "for", "to"})


# First names that are first of all everyday English words, in lower case: virtues, flowers,
# gems, seasons, verbs. The word lists call them names ("hope", "heather"), and how common a
# word is says nothing of its case ("tom" is as common as "grace"), so they are listed.
_EVERYDAY_WORD_NAME_LIST = """
    will may mark bill jack jay bob rob pat sue nick frank guy chase hunter mason penny robin
    brook cliff dale glen rich matt sandy grant miles ray dawn sunny misty storm sky river
    summer autumn winter hope faith grace joy charity patience prudence mercy destiny precious
    harmony melody liberty serenity rose lily daisy poppy ivy holly heather jasmine violet iris
    hazel willow rowan fern olive ginger amber ruby pearl crystal jade coral opal angel"""
_EVERYDAY_WORD_NAMES = frozenset(_EVERYDAY_WORD_NAME_LIST.split())


def an_everyday_word(token: str) -> bool:
    """A part of a name that is also an everyday English word in lower case: a listed one
    ("Hope", "Heather"), any common word ("Green", "Precious"), or a nickname that is a word
    and no one's name ("Peanut", "Bear": `a_word_and_no_name`); capitalised, as a form writes
    a name."""
    return token[:1].isupper() and token.isalpha() and (
        fold(token) in _EVERYDAY_WORD_NAMES or lexicon.is_ordinary(token)
        or a_word_and_no_name(token))


# Zipf: a word this common that no list gives as a name is an English word a child is
# nicknamed after ("peanut" 3.9, "bubbles" 3.8, "moose" 3.6), not a name the lists lack
# ("lexi" 3.0, "bubba" 3.3, "smiley" 3.4, which are searched for in any case).
_PLAINLY_A_WORD = 3.5


def a_word_and_no_name(token: str) -> bool:
    """An English word that no list gives as a first name or surname and that is not one of
    the names that are words ("Hope", "Sunny"): "Peanut", "Bear", "Button", "Moose". As a
    nickname it is searched for alone only capitalised; in lower case it is the word
    wherever the words beside it use it so ("a peanut allergy", "please bear with us":
    `plain_words.a_word_nickname_here`)."""
    return (lexicon.zipf(token) >= _PLAINLY_A_WORD and fold(token) not in _EVERYDAY_WORD_NAMES
            and not lexicon.is_first_name(token) and not lexicon.is_surname(token))


# A title, a saint's "St" and a surname's small words, which name no one alone: "Dr" of "Dr
# Ravi Menon" is every doctor's, "St" of "Marie St Clair" every church's ("St Anne's").
_TITLES_IN_NAMES = frozenset({"st", "saint", "ste", "dr", "prof", "professor", "cllr", "mr", "mrs",
                              "ms", "miss", "mx", "rev", "revd", "sir", "dame"})
_INNER_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "della",
                              "la", "le", "mac", "mc", "ter", "bin", "ibn", "bint", "al", "el",
                              "ap", "ab", "dos", "das", "ó", "ní", "nic", "ua"})


def _never_alone(token: str, tokens: list[str]) -> bool:
    """A part of a name that is a title or a saint's "St", or a surname's small word with
    more of the name after it ("Marie de Souza"); a name's first word may be a first name
    ("Van Nguyen")."""
    folded = fold(token)
    if folded in _TITLES_IN_NAMES:
        return len(tokens) > 1
    return folded in _INNER_PARTICLES and token in tokens[1:-1]


# Letters a passport, a court or a keyboard without them spells out: "Strauß" is "Strauss",
# "Søren Ødegård" "Soeren Oedegaard", "Müller" "Mueller" (`matcher.letter_atom`). Dropping
# the mark ("Muller", "Soren") is matched already: `base_letter`.
SPELT_OUT = {
    "ß": "ss", "ẞ": "ss", "ø": "oe", "Ø": "oe", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "ä": "ae", "Ä": "ae", "ö": "oe", "Ö": "oe", "ü": "ue", "Ü": "ue", "å": "aa", "Å": "aa",
    "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
}
_SPELLING_OUT = str.maketrans(SPELT_OUT)


def spell_out(token: str) -> str:
    """The token with its letters spelt out: "Ødegård" -> "oedegaard"."""
    return token.translate(_SPELLING_OUT)


def prefixed_surname_terms(name: str, kind: str, label: str) -> list[Term]:
    """A surname's part after its prefix, as people also write it (`_PREFIXED`); like the
    name's single parts, these come after every whole name in the search order."""
    stems = [stem for token in tokens_of(name) for stem in _surname_stem(token)]
    return ([Term(seq, kind, label) for stem in stems
             for seq in (("Mc", stem), ("Mac", stem), ("Fitz", stem), ("M'" + stem,))]
            + [Term((stem,), kind, label, capitalised_only=True) for stem in stems
               if not lexicon.is_first_name(stem)])  # "Patrick" alone is someone else


# "McAteer", "MacDonald", "Fitzgerald": the part after the prefix, which people also write
# apart ("Mc Ateer", "Fitz-Gerald"), abbreviated ("M'Ateer") or alone (unless it is a first
# name: "Patrick"). "Mac" only before a capital: "Machin" and "Mackie" are names of their own.
_PREFIXED = re.compile(
    r"(?:[Mm][Cc]|Fitz|FITZ)(?P<stem>[^\W\d_]{4,})|Mac(?P<capital>[A-Z][^\W\d_]{3,})")


def _surname_stem(token: str) -> list[str]:
    match = _PREFIXED.fullmatch(token)
    if match is None:
        return []
    stem = match.group("stem") or match.group("capital")
    return [stem[0].upper() + stem[1:]]


# Initials that are also the sector's everyday abbreviations: a child whose initials spell
# one keeps them in the text ("SEN" is special educational needs far more often).
ABBREVIATIONS = frozenset({
    "sen", "send", "asd", "adhd", "cse", "cce", "sem", "semh", "ehcp", "pmld", "sld", "mld",
    "camhs", "nhs", "lac", "cic", "cin", "cpp", "iro", "yot", "pep", "ifa", "rch", "uasc", "dob",
    "ppe", "nqt", "tac", "cwd", "abc", "aka", "aob", "asap", "eta", "tbc", "dbs", "mdt", "prn",
    "fgc", "gcse", "pru", "ap", "rsl", "sgo", "cao", "ico", "epo", "lado", "masc", "mash",
    "gp", "ent",
    # professionals' roles: "sees an ISVA, Harriet Quarmby, weekly" (the ISVA stays)
    "isva", "idva", "senco", "salt", "slt", "dsl", "cpn", "yos", "ypa",
    # out-of-hours and missing-children services: "mum rang EDT, Rhodri had …" (no surname)
    "edt", "eds", "ooh", "mfh", "rhi", "cme", "cla",
})


def initials_terms(name: str, kind: str, label: str) -> list[Term]:
    """The name's initials, three or more, as case notes abbreviate a child ("BOV", "B.A.V.",
    "B O-V" for Brooke Amelia O'Neill-Vance): the first and the last part's, with or without
    the middle ones. Only capitals match (`matcher.py`), and never a common abbreviation."""
    letters = [token[0].upper() for token in tokens_of(name) if token[0].isalpha()]
    if len(letters) < 3 or len(letters) > _MAX_COMBINED_TOKENS:
        return []
    middles = letters[1:-1]
    found: list[Term] = []
    for size in range(len(middles), -1, -1):
        for picked in combinations(middles, size):
            initials = (letters[0], *picked, letters[-1])
            if len(initials) >= 3 and "".join(initials).casefold() not in ABBREVIATIONS:
                found.append(Term(initials, kind, label))
    return list({term.tokens: term for term in found}.values())


def acronym_terms(name: str, kind: str, label: str) -> list[Term]:
    """A school's initials, as councils' paperwork writes it ("PVA", "P.V.A." for Pellham
    Vale Academy, or "PV Academy", "P.V. Academy", "PV Acad"): every word's but "the", "of"
    and "and", three letters or more, capitals only, and never a common abbreviation. A word
    made of two words gives an initial for each too ("BWA" for Brightwater Academy)."""
    words = [token for token in tokens_of(name)
             if token[0].isalpha() and fold(token) not in _LINKING_WORDS]
    letters = tuple(token[0].upper() for token in words)
    compounds = [letters[:index] + pair + letters[index + 1 :]
                 for index, word in enumerate(words) for pair in _compound_initials(word)]
    terms = [Term(found, kind, label) for found in compounds
             if 3 <= len(found) <= _MAX_COMBINED_TOKENS
             and "".join(found).casefold() not in ABBREVIATIONS]
    if not 3 <= len(letters) <= _MAX_COMBINED_TOKENS:
        return terms
    if any(word.islower() for word in words):  # "YyG" of "Ysgol y Gader": its small word's
        terms.append(Term(tuple(word[0] for word in words), kind, label))  # in lower case
    if "".join(letters).casefold() in ABBREVIATIONS:
        return terms
    terms.append(Term(letters, kind, label))
    if len(words) >= 3:  # "PV Academy", "P.V. Academy", "PV Acad": initials, then the last word
        last = words[-1]
        terms += [Term(("".join(letters[:-1]), last), kind, label),
                  Term((*letters[:-1], last), kind, label)]
        if len(last) > _SHORTENED_SCHOOL_WORD:
            terms.append(Term(("".join(letters[:-1]), last[:_SHORTENED_SCHOOL_WORD]), kind, label))
    return terms


_SHORTENED_SCHOOL_WORD = 4  # "Acad", "Coll": the school word cut short
_COMPOUND_HALF = 3.0  # Zipf: each half of "Brightwater" a word in common use


def _compound_initials(word: str) -> list[tuple[str, str]]:
    """The initials of a word made of two common English words, each of three letters or
    more, as a school's initials count them ("BWA" for Brightwater Academy): none for a word
    that is one itself ("Greenhill" is not "GHA" unless no text uses it)."""
    folded = word.casefold()
    if not word.isalpha() or lexicon.is_ordinary(word):
        return []
    return [(word[0].upper(), folded[index].upper()) for index in range(3, len(folded) - 2)
            if lexicon.zipf(folded[:index]) >= _COMPOUND_HALF
            and lexicon.zipf(folded[index:]) >= _COMPOUND_HALF]


_LINKING_WORDS = frozenset({"the", "of", "and"})


def middle_names(name: str) -> set[str]:
    """The names between the first and the last, folded ("Amy Jane Smith-Jones" -> {"jane"})."""
    return {fold(token) for part in normalise(name).split()[1:-1] for token in tokens_of(part)}


def known_as_terms(known_as: str, kind: str, label: str) -> list[Term]:
    """Like a name; a two-letter known-as is the name the child answers to, so even "AJ" or
    "Ma" goes alone (capitalised)."""
    terms = name_terms(known_as, kind, label)
    tokens = tokens_of(known_as)
    if len(tokens) == 1 and len(tokens[0]) == 2 and tokens[0][0].isupper():
        terms.append(Term((tokens[0],), kind, label, capitalised_only=True))
    return terms


def _combined_sequences(tokens: list[str]) -> list[tuple[str, ...]]:
    if len(tokens) < 2:
        return []
    if len(tokens) > _MAX_COMBINED_TOKENS:  # not a name as people have them: stay linear
        return [(tokens[0], tokens[-1]), *zip(tokens, tokens[1:], strict=False)]
    ordered = [
        tuple(tokens[i] for i in picked)
        for size in range(len(tokens), 1, -1)
        for picked in combinations(range(len(tokens)), size)
    ]
    # Records put the surname first: "Smith, Amy Jane", "Smith J".
    reversed_forms: list[tuple[str, ...]] = [(s[-1], *s[:-1]) for s in ordered if len(s) == 2]
    if len(tokens) > 2:
        reversed_forms.append((tokens[-1], *tokens[:-1]))
    return ordered + reversed_forms


def school_terms(school: str, kind: str, label: str) -> list[Term]:
    """The school's name, its distinctive words ("Oakfield" of "Oakfield Academy") and their
    combinations; generic words ("Academy", "Primary School") are never searched for alone,
    nor an English word beside a word that names the school ("Bank" of "Hessle Bank")."""
    tokens = tokens_of(school)
    distinctive = [t for t in tokens if _is_distinctive(t, _GENERIC_SCHOOL_WORDS)]
    if not distinctive:  # "The Academy": only the whole name is specific enough
        whole = tuple(tokens)
        return [Term(whole, kind, label)] if len(" ".join(whole)) >= MIN_ALONE else []
    sequences = [seq for seq in _combined_sequences(tokens) if any(t in distinctive for t in seq)]
    singles = {(t,) for t in distinctive} | {(_strip_possessive(t),) for t in distinctive}
    singles = {s for s in singles if len(s[0]) >= MIN_ALONE}
    # An English word of the name alone ("Bank" of "Hessle Bank Academy") is no school in
    # "the food bank": it goes only where no other word names the school, and capitalised.
    ordinary = {s for s in singles if lexicon.is_ordinary(s[0])}
    named = [Term(seq, kind, label) for seq in sequences + sorted(singles - ordinary)]
    if len(ordinary) == len(singles):
        named += [Term(seq, kind, label, capitalised_only=True) for seq in sorted(ordinary)]
    return named + [
        Term(short, kind, label) for short in _saints_short_forms(tokens)]


_SHORTEST_SAINT = 4  # "Wilf's" of "St Wilfrid's"; "St Jo's" is too short to be sure of


def _saints_short_forms(tokens: list[str]) -> list[tuple[str, ...]]:
    """A school named after a saint, as pupils shorten it: "St Wilf's" and "Wilf's" for "St
    Wilfrid's Catholic High School" (the possessive kept, so "Wilf" alone, a name, stays)."""
    forms: list[tuple[str, ...]] = []
    for saint, name in zip(tokens, tokens[1:], strict=False):
        base = _strip_possessive(name)
        if fold(saint.rstrip(".")) not in {"st", "saint"} or base == name:
            continue
        for length in range(_SHORTEST_SAINT, len(base)):
            short = base[:length] + name[len(base):]
            forms += [(saint, short), (short,)]
    return forms


def _is_distinctive(token: str, generic: frozenset[str]) -> bool:
    return len(token) >= MIN_ALONE and fold(_strip_possessive(token)) not in generic


def _strip_possessive(token: str) -> str:
    return re.sub(r"['’‘`]s$", "", token)


def address_lines(address: str) -> list[str]:
    """The lines of an address worth searching for: split on commas, semicolons and line
    breaks; postcodes removed (they have their own search); a line that is only an outward
    code, a number or generic words ("Flat 3", "UK") is dropped."""
    lines = [part for line in re.split(r"[,;\n\r]+", normalise(address))
             for part in _after_the_street(line)]
    kept = []
    for line in lines:
        line = re.sub(FULL_POSTCODE, " ", line, flags=re.IGNORECASE).strip()
        line = _TRAILING_OUTWARD_CODE.sub("", line)  # "London SE15" -> "London"
        tokens = tokens_of(line)
        if not tokens or is_outward_code(line):
            continue
        if any(_is_distinctive(t, _GENERIC_ADDRESS_WORDS) and not t.isdigit() for t in tokens):
            kept.append(" ".join(line.split()))
    return kept


def _after_the_street(line: str) -> list[str]:
    """A line written without commas split after its street type: "7 Thornbury Close Ashcombe
    Vale" is the street and the district, so the district's own word is found alone too."""
    words = line.split()
    for index, word in enumerate(words[1:-1], start=1):
        if _is_street_type(word.strip(".")) and any(ch.isdigit() for ch in words[0]):
            return [" ".join(words[: index + 1]), " ".join(words[index + 1 :])]
    return [line]


def address_terms(address: str, kind: str, label: str) -> list[Term]:
    """Each address line, also without its house number and with the street type abbreviated
    or spelt out ("12 Oak Road", "Oak Road", "Oak Rd"), and a street of two or more words
    without its type ("Quarry Hill Road" is also "Quarry Hill": "near Quarry Hill" places the
    child; a lone "Church" from "Church Road" would only remove an ordinary word, but "7
    Church" is the house), a two-word street's own word, when it is no English word, with
    another street type or "estate", "shops", "park" after it ("Thornbury Rise" for
    "Thornbury Close" places the child; "Larkspur is a flower" does not) or alone ("the
    Thornbury lot"), a named building without its kind ("Low Gill" of "Low Gill Farm"; one
    word only when no English word: "Hollins" of "Hollins Farm"), and the place's own word
    of a district or town ("Pellham" of "Pellham Vale")."""
    sequences: list[tuple[str, ...]] = []
    own_words: list[Term] = []
    for line in address_lines(address):
        tokens = tuple(tokens_of(line))
        own_words.extend(Term((word,), kind, label, small_place=True)
                         for word in _own_words_of_a_place(tokens))
        forms = [tokens]
        if len(tokens) > 1 and any(ch.isdigit() for ch in tokens[0]):
            forms.append(tokens[1:])
        street = forms[-1]
        if len(street) > 2 and _is_street_type(street[-1]):
            forms.append(street[:-1])
        elif len(tokens) == 3 and street != tokens and _is_street_type(tokens[-1]):
            forms.append(tokens[:-1])  # "No. 7 Thornbury": the number says it is the street
        elif fold(street[-1]) in _BUILDING_WORDS and _names_a_building(street[:-1]):
            forms.append(street[:-1])  # "the family farm at Low Gill" of "Low Gill Farm"
        own_word: list[Term] = []
        if len(street) == 2 and _is_street_type(street[-1]) and _names_a_place(street[0]):
            forms.extend((street[0], near) for near in _NEIGHBOURS)  # "on Thornbury Rise"
            own_word.append(Term((street[0],), kind, label))
        for form in list(forms):
            forms.append(tuple(_swap_street_type(t) for t in form))
        sequences.extend(f for f in forms if len(f) > 1 or len(f[0]) >= MIN_ALONE)
        own_words.extend(own_word)
    return [Term(seq, kind, label) for seq in sequences] + own_words


_PLAIN_BUILDING_WORDS = frozenset({"the", "old", "new", "big", "little", "top", "upper",
                                   "lower", "main", "white", "red", "green", "farm"})


def _names_a_building(tokens: tuple[str, ...]) -> bool:
    """Whether a building's name without its kind still names it: two words or more, not
    all plain ones ("Low Gill", not "The Old"), or one no dictionary has ("Hollins")."""
    own = [token for token in tokens if fold(token) != "the"]
    if len(own) == 1:
        return _names_a_place(own[0])
    return len(own) > 1 and any(fold(token) not in _PLAIN_BUILDING_WORDS for token in own)


def _own_words_of_a_place(tokens: tuple[str, ...]) -> list[str]:
    """The words of a district or town line that name it on their own: "She goes to Pellham
    at weekends" places a child from "Pellham Vale" as surely as the whole line. Only a word
    that is neither an English word ("Vale", "Upper", "Bridge") nor a name ("Abbey"), nor a
    county or council area ("West Yorkshire" is a region), counts, and none on a street's line."""
    if not 1 < len(tokens) <= 3 or _is_street_type(tokens[-1]):
        return []
    if any(char.isdigit() for token in tokens for char in token):
        return []
    return [token for token in tokens if _names_a_place(token)]


# What else a street's own word names nearby: the next street, the estate, the shops.
_NEIGHBOURS = (*(word.title() for word in _STREET_ABBREVIATIONS), *(
    word.title() for word in _OTHER_STREET_TYPES), "Estate", "Shops", "Park", "Flats", "Area",
    "Rec", "Arms", "Centre", "Fields")


def _names_a_place(token: str) -> bool:
    """A word of an address that is neither an English word nor a name nor a region."""
    return len(token) >= 4 and lexicon.is_rare(token) and not lexicon.is_known_non_person(token)


def _is_street_type(token: str) -> bool:
    folded = token.casefold()
    return folded in _STREET_ABBREVIATIONS or folded in _STREET_ABBREVIATIONS.values() or (
        folded in _OTHER_STREET_TYPES)


def _swap_street_type(token: str) -> str:
    folded = token.casefold()
    for long, short in _STREET_ABBREVIATIONS.items():
        if folded == long:
            return short.capitalize()
        if folded == short:
            return long.capitalize()
    return token

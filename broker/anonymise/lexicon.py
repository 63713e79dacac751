"""What a capitalised word in a referral's prose is likely to be, from maintained word lists.

- How common a word is in English: `wordfreq` (its word lists ship inside the package, so
  nothing is downloaded at run time). A Zipf frequency of 3 is about one use per million words.
- People's names: the first names and surnames of Faker's person providers, dozens of locales
  (British, Irish, Polish, Romanian, Turkish, Nigerian, Ghanaian, Kenyan and Somali, Pakistani,
  Indian and many more), Latin script only, since that is how a UK referral writes them. The
  broad US list (`en`) contributes only names that are not also common English words, because
  it lists "Sunday", "Forest" and "General" as first names.
- Proper nouns that are not people: countries, the UK's counties and council areas, and
  languages (`pycountry`), the names of months and days (`calendar`).

Everything loads once, lazily, on first use (about 0.5 s), and is shared by every referral.
The service instead reads the lists from a file built once by a child process
(broker/anonymise/lexicon_cache.py), at start-up and off the event loop, so the first
referral does not wait and the service does not keep the packages' whole data.
"""

from __future__ import annotations

import calendar
import importlib
import math
import pkgutil
import re
from functools import lru_cache

ORDINARY = 3.0  # Zipf: a word rarer than this is no common English word ...
WORDY = 4.3  # ... one at least this common is, and so is a surname this common ("Green")
# Endings of English nouns and adjectives ("Safeguarding", "Kinship", "Referral"): a word of
# middling frequency with one of them is an ordinary word, not someone's name.
_ENGLISH_ENDING = re.compile(
    r"(?:ing|tion|sion|ment|ness|ity|ship|ence|ance|ism|ist|ous|ful|less|able|ible|ive|ic|al"
    r"|ed|ary|ory|ise|ize|ies|ers|hood|ward|wards|like|ery)$"
)
# A Chinese name romanised in pinyin: one or two syllables ("Wei", "Xiaoling", "Zhang").
# Name lists in Latin script hardly hold them, and many are common words to wordfreq.
_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua"
    r"|uo|ui|ue|er|a|o|e|i|u|v)"
)
_PINYIN = re.compile(rf"(?:{_SYLLABLE}){{1,2}}")
_BROAD_US_LOCALE = "en"
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ'’\- ]+$")
_SPLIT_PLACE = re.compile(
    r"\s*(?:\[.*?\]|\(.*?\)|,|;|\band\b|\bupon\b|\bon\b|\bof\b|\bwith\b)\s*"
)


def fold(word: str) -> str:
    """The word as the lists hold it: lower case, curly apostrophe straightened."""
    return word.replace("’", "'").casefold()


# No rule asks whether a word is rarer than this (the rarest question is 2.2, a medical word
# in reidentify.py), so rarer words are not kept: they read as unknown, Zipf 0, which
# answers every question the same way. That keeps a quarter of the list's 321,000 words.
LEAST_COMMON_KEPT = 2.0


def load() -> None:
    """Load every list now rather than with the first referral (the service reads them from
    a file built once, broker/anonymise/lexicon_cache.py, in a thread as it starts, so that
    no referral holds its event loop for the second building them takes)."""
    _frequencies()
    _names()
    _not_people()


_GIVEN: dict[str, object] = {}  # lists built elsewhere and handed over (`use`)


def is_loaded() -> bool:
    """Every list is already at hand in this process (built here, or handed over)."""
    return all(cached.cache_info().currsize for cached in (_frequencies, _names, _not_people))


def use(*, frequencies: dict[str, float], first_names: frozenset[str],
        surnames: frozenset[str], not_people: frozenset[str]) -> None:
    """Take lists already built (read back from lexicon_cache's file) instead of building
    them here, which would leave the packages' whole data with this process."""
    _GIVEN.update(frequencies=frequencies, names=(first_names, surnames), not_people=not_people)
    forget()
    load()  # from what was handed over: nothing is built


def forget() -> None:
    """Drop every list and every answer worked out from them (the next use loads afresh)."""
    for cached in (_frequencies, _names, _not_people, zipf, is_first_name, is_surname, kind,
                   is_known_non_person):
        cached.cache_clear()


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """English words at least `LEAST_COMMON_KEPT` common, with their frequencies. Read from
    wordfreq's packed list directly (one bucket per centibel, commonest first) rather than
    through `get_frequency_dict`, which caches the whole list for the process's life."""
    if "frequencies" in _GIVEN:
        return _GIVEN["frequencies"]  # type: ignore[return-value]
    import wordfreq

    buckets = wordfreq.read_cBpack(wordfreq.available_languages("large")["en"])
    last = round((9 - LEAST_COMMON_KEPT) * 100)  # bucket i holds frequency 10^(-i/100)
    return {word: wordfreq.cB_to_freq(-index)
            for index, bucket in enumerate(buckets[:last + 1]) for word in bucket}


@lru_cache(maxsize=65536)  # the same few hundred words come up again and again
def zipf(word: str) -> float:
    """How common the word is in English: log10 of uses per billion words (0 when unknown)."""
    frequency = _frequencies().get(fold(word))
    return math.log10(frequency) + 9 if frequency else 0.0


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), folded."""
    if "names" in _GIVEN:
        return _GIVEN["names"]  # type: ignore[return-value]
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"),
                           "Provider", None)
        for attribute in dir(provider) if provider is not None else ():
            if not attribute.startswith(("first_names", "last_names")):
                continue
            for name in _strings(getattr(provider, attribute)):
                if not _LATIN.match(name):
                    continue
                if attribute.startswith("last"):
                    last.add(fold(name))
                elif module.name != _BROAD_US_LOCALE or zipf(name) < ORDINARY:  # not "Sunday"
                    first.add(fold(name))
    return frozenset(first), frozenset(last)


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        value = list(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [item for item in value if isinstance(item, str)]
    return []


# Short forms that end a hyphenated girl's name ("Lacey-Rae", "Tayla-Mae", "Ella-Dee") but
# that the name lists do not hold alone; only after a listed first name do they make one.
_HYPHENATED_ENDINGS = frozenset({"mae", "rae", "raye", "belle", "bea", "dee", "lyn", "blu",
                                 "bleu", "rai"})


@lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    """A listed first name, or first names joined by hyphens ("Kerry-Ann", "Lacey-Jo",
    "Lacey-Rae": a short ending such names take counts after the first)."""
    first = _names()[0]
    if fold(word) in first:
        return True
    parts = word.split("-")
    return len(parts) > 1 and fold(parts[0]) in first and all(
        fold(part) in first or fold(part) in _HYPHENATED_ENDINGS for part in parts[1:])


@lru_cache(maxsize=65536)
def is_surname(word: str) -> bool:
    return fold(word) in _names()[1]


@lru_cache(maxsize=65536)
def kind(word: str) -> str:
    """What a capitalised word can be: "name" (a listed first name, or a listed surname that is
    not a common word), "rare" (no common English word: a foreign name, a small place),
    "plain" (a middling word without an English ending: "Sana", "Butt", "Jun") or "word"."""
    folded = fold(word)
    first, last = _names()
    frequency = zipf(word)
    if is_first_name(word) or (folded in last and frequency < WORDY):
        return "name"
    if frequency < ORDINARY:
        return "rare"
    if frequency < WORDY and (not _ENGLISH_ENDING.search(folded) or is_pinyin(word)):
        return "plain"
    return "word"


def is_pinyin(word: str) -> bool:
    return _PINYIN.fullmatch(fold(word)) is not None


def is_name(word: str) -> bool:
    """A first name, or a surname that is not first of all an English word."""
    return kind(word) == "name"


def is_ordinary(word: str) -> bool:
    """A common English word that is no one's name: "Team", "Services", "Safeguarding"."""
    return kind(word) == "word"


def is_rare(word: str) -> bool:
    """Neither a common English word nor a listed name: a foreign name, a small place."""
    return kind(word) == "rare"


@lru_cache(maxsize=1)
def _not_people() -> frozenset[str]:
    """Countries, UK counties and council areas, languages, months and days, folded."""
    if "not_people" in _GIVEN:
        return _GIVEN["not_people"]  # type: ignore[return-value]
    import pycountry

    names: set[str] = set(calendar.month_name[1:]) | set(calendar.day_name)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            names.add(getattr(country, attribute, "") or "")
    for subdivision in pycountry.subdivisions.get(country_code="GB") or []:
        names.add(subdivision.name)
        names.update(_SPLIT_PLACE.split(subdivision.name))
    for language in pycountry.languages:
        if hasattr(language, "alpha_2"):
            names.update(part.strip() for part in language.name.split(";"))
    return frozenset(fold(name) for name in names if name.strip())


# Days of the year named like people ("Christmas Eve" is no Eve): kept apart from the lists
# built once into the word-lists file, so that file need not change.
_NAMED_DAYS = frozenset(fold(day) for day in (
    "Christmas Eve", "Christmas Day", "Boxing Day", "New Year's Eve", "New Year's Day",
    "New Years Eve", "New Years Day", "Good Friday", "Easter Sunday", "Easter Monday",
    "Bonfire Night", "Mother's Day", "Father's Day", "Valentine's Day", "Pancake Day",
    "Shrove Tuesday", "Ash Wednesday", "Remembrance Sunday", "St Patrick's Day"))


# Coasts, shops, games, savings and school subjects named like people ("the Costa Blanca",
# "Nando's", "Uno", "Junior ISA", "Maths"), which a child's holidays, favourite places,
# contacts, money and school reports name: kept
# apart from the lists in the same way.
_NAMED_PLACES = frozenset(fold(place) for place in (
    "Costa Blanca", "Costa Brava", "Costa Dorada", "Costa Calida", "Costa Almeria",
    "Costa Tropical", "Costa de la Luz", "Costa del Sol", "Costa Smeralda", "Nando's",
    "McDonald's", "Sainsbury's", "Claire's", "Morrisons", "Greggs", "Wetherspoons",
    "TK Maxx", "Maxx", "Frankie & Benny's", "Benny's", "Language Line",
    # tutoring a child's education names: "tutored by Mrs Pennington from Kip McGrath"
    "Kip McGrath",
    # holidays: "From your Aunty Shaz, Tenerife 2025"
    "Tenerife", "Lanzarote", "Gran Canaria", "Fuerteventura", "Majorca", "Mallorca", "Menorca",
    "Ibiza", "Benidorm", "Magaluf", "Marbella", "Corfu", "Zante", "Algarve", "Disneyland",
    # games a contact's notes say were played: "Mia and Mason played Uno"
    "Uno", "Jenga", "Cluedo", "Kerplunk", "Buckaroo", "Frustration",
    # savings a child's money is kept in: "Maddison's Junior ISA"
    "Junior ISA", "Lifetime ISA", "Cash ISA",
    # school subjects a report names ("Predicted 6s in English and Maths at …"): none is a
    # first name (languages are listed as languages)
    "Maths", "Math", "Mathematics", "Further Maths", "Science", "Sciences", "Biology",
    "Chemistry", "Physics", "History", "Geography", "Computing", "Computer Science", "ICT",
    "Psychology", "Sociology", "Citizenship", "PSHE", "RSE", "Statistics", "Economics",
    "Textiles", "Food Tech", "Food Technology", "Design Technology", "Religious Studies",
    "Business Studies", "Media Studies", "English Literature", "English Language"))


# Languages a referral names that pycountry lists under another name or not at all
# ("Mandarin Chinese", "Panjabi", "Persian"): "LI Wei (Mandarin)" is an interpreter's
# language, no pet name. Kept apart from the lists in the same way.
_NAMED_LANGUAGES = frozenset(fold(language) for language in (
    "Mandarin", "Cantonese", "Hakka", "Hokkien", "Sylheti", "Mirpuri", "Pahari", "Pothwari",
    "Potwari", "Punjabi", "Bangla", "Pashto", "Dari", "Farsi", "Kurmanji", "Sorani", "Badini",
    "Swahili", "Nepali", "Krio", "Patois", "Creole", "Tetum", "Makaton"))


# Peoples' words: a nationality, an ethnicity or a community a referral names ("mum
# (Polish)", "White Other – Polish", "Polish-speaking carers", "Black Caribbean", "Gypsy/Roma",
# "Irish Traveller"); never a person's name, though a bracket after a relation's word says
# one follows. Kept apart from the lists in the same way.
_PEOPLES_LIST = """
    British English Scottish Welsh Irish Polish Romanian Bulgarian Lithuanian Latvian
    Estonian Slovak Slovakian Czech Hungarian Ukrainian Russian Albanian Kosovan Kosovar Serbian
    Croatian Bosnian Greek Turkish Kurdish Cypriot Portuguese Spanish Italian French German
    Dutch Belgian Swiss Austrian Danish Swedish Norwegian Finnish Icelandic Moldovan Georgian
    Armenian Syrian Iraqi Iranian Persian Afghan Afghani Pakistani Indian Bangladeshi
    Lankan Nepalese Nepali Bhutanese Chinese Vietnamese Thai Filipino Filipina Malaysian
    Indonesian Japanese Korean Mongolian Arab Arabic Egyptian Libyan Tunisian Algerian
    Moroccan Sudanese Eritrean Ethiopian Somali Somalian Kenyan Ugandan Tanzanian Rwandan
    Congolese Nigerian Ghanaian Gambian Leonean Liberian Cameroonian Zimbabwean
    Zambian Malawian Angolan Namibian Botswanan Yemeni Saudi Omani Kuwaiti Jordanian
    Lebanese Palestinian Israeli Jamaican Trinidadian Barbadian Bajan Guyanese Caribbean
    African Asian American Canadian Mexican Brazilian Colombian Venezuelan Ecuadorian
    Peruvian Chilean Argentinian Australian Gypsy Roma Romany Romani Traveller Travellers
    Sinti Gujarati Punjabi Bengali Tamil Sinhalese Sinhala Pashtun Hazara Tigrinya Amharic
    Oromo Yoruba Igbo Hausa Twi Akan Lingala Urdu Hindi Hebrew Yiddish"""
_PEOPLES = frozenset(fold(word) for word in _PEOPLES_LIST.split())


def is_a_peoples_word(word: str) -> bool:
    """A nationality, an ethnicity or a language ("Polish", "Nigerian", "Roma", "Tigrinya"):
    a people's word, never one person's name."""
    folded = fold(word)
    return folded in _PEOPLES or folded in _NAMED_LANGUAGES or (
        folded in _not_people() and folded.endswith(("ish", "ese", "ian", "i", "ic")))


@lru_cache(maxsize=65536)
def is_known_non_person(phrase: str) -> bool:
    """A country, UK county or council area, language, month or day ("Kent", "Tigrinya",
    "Mandarin", "Christmas Eve"), a coast or a shop ("Costa Blanca", "Nando's")."""
    folded = fold(" ".join(phrase.split()))
    return (folded in _not_people() or folded in _NAMED_DAYS or folded in _NAMED_PLACES
            or folded in _NAMED_LANGUAGES)

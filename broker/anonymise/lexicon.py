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

Everything loads once, lazily, on first use (about 0.3 s), and is shared by every referral.
"""

from __future__ import annotations

import calendar
import importlib
import math
import pkgutil
import re
from functools import lru_cache

ORDINARY = 3.0  # Zipf: an English word at least this common is an ordinary word ...
WORD_SURNAME = 3.5  # ... and a surname this common ("Green", "Street") is a word first
_BROAD_US_LOCALE = "en"
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ'’\- ]+$")
_SPLIT_PLACE = re.compile(r"\s*(?:\[.*?\]|\(.*?\)|,|;|\band\b|\bupon\b|\bon\b|\bof\b)\s*")


def fold(word: str) -> str:
    """The word as the lists hold it: lower case, curly apostrophe straightened."""
    return word.replace("’", "'").casefold()


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    import wordfreq

    return dict(wordfreq.get_frequency_dict("en", wordlist="large"))


@lru_cache(maxsize=65536)  # the same few hundred words come up again and again
def zipf(word: str) -> float:
    """How common the word is in English: log10 of uses per billion words (0 when unknown)."""
    frequency = _frequencies().get(fold(word))
    return math.log10(frequency) + 9 if frequency else 0.0


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), folded."""
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
                elif module.name != _BROAD_US_LOCALE or zipf(name) < ORDINARY:
                    first.add(fold(name))
    return frozenset(first), frozenset(last)


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        value = list(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [item for item in value if isinstance(item, str)]
    return []


@lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    return fold(word) in _names()[0]


@lru_cache(maxsize=65536)
def is_surname(word: str) -> bool:
    return fold(word) in _names()[1]


@lru_cache(maxsize=65536)
def is_name(word: str) -> bool:
    """A first name, or a surname that is not first of all an English word."""
    folded = fold(word)
    first, last = _names()
    return folded in first or (folded in last and zipf(word) < WORD_SURNAME)


def is_ordinary(word: str) -> bool:
    """A common English word that is not a name: "Team", "Services", "Bridge", "Street"."""
    return zipf(word) >= ORDINARY and not is_name(word)


def is_rare(word: str) -> bool:
    """Neither a common English word nor a listed name: a foreign name, a small place."""
    return zipf(word) < ORDINARY and not is_name(word)


@lru_cache(maxsize=1)
def _not_people() -> frozenset[str]:
    """Countries, UK counties and council areas, languages, months and days, folded."""
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


@lru_cache(maxsize=65536)
def is_known_non_person(phrase: str) -> bool:
    """A country, UK county or council area, language, month or day ("Kent", "Tigrinya")."""
    return fold(" ".join(phrase.split())) in _not_people()

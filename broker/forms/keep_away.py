"""Where the referral says the child must NOT be placed, read from its location line.

For a child at risk of exploitation, or of a named person, the location line says where the
child must be kept away from: "Not in London – must be outside the M25", "at least 50 miles
from Manchester", "not within 30 miles of SE15", "away from his associates in Moss Side".
This module reads those exclusions, and only those, as values: the words as written, the
places they name ("London", "the M25", "Manchester") and, for a distance, how far in km.
It does not know where a place is: broker/directory/areas.py locates the places, and the
eligibility rule `keep-away` (broker/eligibility.py) leaves out the homes inside them.

Two shapes are exclusions:

- a distance: a lead ("at least", "a minimum of", "more than", "no closer than", "not
  within", "beyond") or "50+ miles" / "50 miles or more", then "from" / "of" / "to" and the
  place. A bare "within 20 miles of school" asks for a home near, not away: not read.
- an area: "not in / inside / within / near", "must not be placed in", "nowhere near",
  "outside (of)", "out of", "away from", "avoid", "excluding", then the place. "close to
  London for family time" says no such thing: not read.

The place runs to the end of its clause (a dash, a semicolon, a bracket, a full stop, or
"so", "because", "as", "for", "but" ...), and a list of places ("Manchester, Salford or
Bolton") is split into its items. A lead that is itself negated ("should not be more than
20 miles from school") is not an exclusion. `named` says whether an item is written as a
name (a capital letter or a postcode district) - "away from negative peers" names none,
so when none of its items is a place either it is no exclusion, while "away from his
associates in Moss Side" names a place the service must not quietly ignore.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["KeepAway", "keep_aways", "unread"]

MILE_KM = 1.609344
# A location line is a few sentences. Anyone who can send a form can send megabytes of
# one, and every exclusion read is weighed against every home in the directory, so the
# line is read this far, for this many places at most; `unread` gives the words past
# that point, which the referrer and the team are told of (rule `location-not-placed`).
MOST_CHARS = 4_000
MOST_PLACES = 40
_LOOK_BACK = 40  # enough of the words before a lead to see it denied ("should not be ")


@dataclass(frozen=True)
class KeepAway:
    """One exclusion: `words` as written, the `places` it names (`said`: all of them as one,
    "Yorkshire and the Humber" being one region), `km` for a distance (None: the places
    themselves), `named`: each place written as a name (a capital or a postcode district)."""

    words: str
    places: tuple[str, ...]
    km: float | None = None
    named: tuple[bool, ...] = ()
    said: str = ""


_UNIT = r"(?P<unit>miles?|mi|kms?|kilometres?|kilometers?)\b"
_LEAD = (
    r"(?P<lead>at\s+least|a\s+minimum\s+of|minimum(?:\s+of)?|min\.?|more\s+than|over|"
    r"no\s+less\s+than|not\s+less\s+than|no\s+closer\s+than|no\s+nearer\s+than|"
    r"not\s+within|nowhere\s+within|further\s+than|beyond)\s+(?:a\s+)?"
)
_DISTANCE = re.compile(
    rf"(?:\b{_LEAD})?(?P<n>\d{{1,3}}(?:\.\d+)?)\s*(?P<plus>\+)?[\s-]*{_UNIT}"
    r"(?P<more>\s+or\s+more)?(?:\s+radius)?(?:\s+away)?\s+(?:from|of|to)\s+",
    re.IGNORECASE,
)
_AREA = re.compile(
    r"\b(?:(?:not|never|nowhere)\s+(?:to\s+)?(?:be\s+)?(?:placed\s+|living\s+|live\s+|located\s+|"
    r"based\s+)?(?:in\s+or\s+near|in|inside|within|near|close\s+to)|outside(?:\s+of)?|"
    r"out\s+of|away\s+from|avoid(?:ing)?|excluding|no\s+placements?\s+in)\s+",
    re.IGNORECASE,
)
# A lead or a cue that is itself denied: "should not be more than 20 miles from school".
_DENIED = re.compile(r"(?:\bnot|n't|\bnever|\bno)\s+(?:be\s+)?(?:placed\s+)?$", re.IGNORECASE)
_CLAUSE_END = re.compile(
    r"[;:()\[\]\n–—!?]|\s-\s|\.(?:\s|$)|\b(?:so|because|due|as|for|but|given|since|where|"
    r"which|who|unless|while|whilst|if|to\s+(?:keep|avoid|reduce|protect)|must|should|"
    r"needs?|is|are|was|has|have|only)\b",
    re.IGNORECASE,
)
_LIST_SPLIT = re.compile(r"\s*(?:,|/|&|\bor\b|\band\b|\bnor\b)\s*", re.IGNORECASE)
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$", re.IGNORECASE)
# Capitals that name no place: the risks and the services a location line mentions.
_NOT_PLACES = frozenset(
    {
        "CCE",
        "CSE",
        "NRM",
        "LA",
        "LAC",
        "YOT",
        "YOS",
        "SW",
        "I",
        "MASH",
        "CAMHS",
        "PRU",
        "AP",
        "UASC",
        "DOLS",
        "DOL",
    }
)


def keep_aways(text: str | None) -> tuple[KeepAway, ...]:
    """Every exclusion the location line gives, in the order written, each once, as far as
    it is read (MOST_CHARS, MOST_PLACES)."""
    return _read(text)[0]


def unread(text: str | None) -> str:
    """The first words of the location line from where reading stopped, with "..." for the
    rest ("" when all of it was read)."""
    stop = _read(text)[1]
    if stop is None or text is None:
        return ""
    words = text[stop : stop + 200].split()
    return " ".join(words[:12]) + " ..." if words else ""


def _read(text: str | None) -> tuple[tuple[KeepAway, ...], int | None]:
    """The exclusions read, and where reading stopped (None: at the end of the line)."""
    if not text or not text.strip():
        return (), None
    cut = _cut(text)
    read: list[KeepAway] = []
    for start, keep_away in _exclusions(text[:cut] if cut is not None else text):
        if keep_away in read:
            continue
        if sum(len(k.places) for k in read) + len(keep_away.places) > MOST_PLACES:
            return tuple(read), start
        read.append(keep_away)
    return tuple(read), cut


def _cut(text: str) -> int | None:
    """Where a line longer than MOST_CHARS is cut: at its last space before the limit."""
    if len(text) <= MOST_CHARS:
        return None
    space = text.rfind(" ", 0, MOST_CHARS)
    return space if space > 0 else MOST_CHARS


def _exclusions(text: str) -> list[tuple[int, KeepAway]]:
    """Each exclusion of `text` with where it starts, in the order written."""
    found: list[tuple[int, KeepAway]] = []
    taken: list[tuple[int, int]] = []
    for match in _DISTANCE.finditer(text):
        if not (match.group("lead") or match.group("plus") or match.group("more")):
            continue  # "within 20 miles of school": near, not away
        if _denied(text, match.start()):
            continue
        places, end = _places(text, match.end())
        if not places:
            continue
        km = float(match.group("n")) * (
            1 if match.group("unit").lower().startswith("k") else MILE_KM
        )
        found.append(
            (
                match.start(),
                _keep_away(text[match.start() : end], places, km, text[match.end() : end]),
            )
        )
        taken.append((match.start(), end))
    for match in _AREA.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        if _denied(text, match.start()) and not match.group(0).lower().startswith(
            ("not", "never", "nowhere")
        ):
            continue  # "must not be outside London": a place to be in, not to keep out of
        places, end = _places(text, match.end())
        if places:
            found.append(
                (
                    match.start(),
                    _keep_away(text[match.start() : end], places, None, text[match.end() : end]),
                )
            )
    return sorted(found, key=lambda pair: pair[0])


def _denied(text: str, at: int) -> bool:
    """Whether the words just before `at` deny what follows. Only the last few words are
    looked at: searching the whole line before each of its leads took minutes on a long one."""
    return _DENIED.search(text, max(0, at - _LOOK_BACK), at) is not None


def _keep_away(words: str, places: list[str], km: float | None, said: str) -> KeepAway:
    return KeepAway(
        " ".join(words.split()),
        tuple(places),
        km,
        tuple(_named(place) for place in places),
        _tidy(said),
    )


def _places(text: str, start: int) -> tuple[list[str], int]:
    """The places named from `start` to the end of the clause, and where it ends. After a
    comma the list goes on only with a short item written as a name ("Manchester, Salford
    or Bolton"; not "London, she needs ...")."""
    stop = _CLAUSE_END.search(text, start)  # from `start`: no copy of the rest of the line
    clause = text[start : stop.start() if stop else len(text)]
    parts = clause.split(",")
    kept = [parts[0]]
    for part in parts[1:]:
        words = part.split()
        if not words or len(words) > 4 or not _named(words[0].strip("'\"")):
            break
        kept.append(part)
    clause = ",".join(kept).rstrip()
    whole = _tidy(clause)
    if not whole:
        return [], start
    places = [item for item in (_tidy(part) for part in _LIST_SPLIT.split(clause)) if item]
    return places, start + len(clause)


def _tidy(item: str) -> str:
    return " ".join(item.strip(" \t'\"‘’“”").split())


def _named(item: str) -> bool:
    """Written as a name: a postcode district, or a capitalised word that names no risk."""
    words = re.findall(r"[^\W_][\w'’-]*", item)
    return any(
        _OUTWARD.match(word)
        and any(ch.isdigit() for ch in word)
        or (word[0].isupper() and word.upper() not in _NOT_PLACES)
        for word in words
    )

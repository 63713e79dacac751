"""A referral that asks to go to one named provider only: not a search of the market.

"This is a move within the same provider – from Larch House to Larch Care's solo home.
Please send to Larch Care only." The service sends a referral to every eligible provider;
a social worker who wants one provider only (a move between two homes of one provider, a
home already agreed in principle) is asking for something it does not do, and broadcasting
her referral would send the child's story to homes she asked us not to. `one_provider_asked`
finds the sentence that asks it, for workflows/review.py to hold the referral for the
placements team (rule `one-provider-asked`). Pure: words in, words out.

The one asked for must be a provider, not anyone with a capital: a name the directory knows
(an organisation or a home, `known`; "only to Oakfield" for Oakfield Children's Homes), or
a name with a provider's word in it ("Larch Care", "Oak Tree Care Ltd", "Brightwell
Homes"). Its capital is a real one ("only be sent to homes with female staff", "sent to
her nan only" ask for no provider), "refer to her as Cee" is how to speak of the child, not
where to send her, and a place ("only to Northby", "not to other providers in Northby") is
a keep-away or a wish, which the eligibility rules read, not a provider.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["directory_name", "one_provider_ask", "one_provider_asked"]

# A name: capitalised words (the capital is a real one whatever the pattern's flags).
_WHO = r"(?-i:[A-Z][\w'\u2019&.-]*(?:\s+[A-Z][\w'\u2019&.-]*){0,4})"
# "refer to her as Cee", "refer to him by his chosen name": how to speak of the child
_SEND = (
    r"(?:send|refer(?!\s+to\s+(?:her|him|them)\s+(?:as|by)\b)|be\s+sent|forward"
    r"|circulate)"
)
_IT = r"(?:\s+(?:this|it|the\s+referral|this\s+referral|her|him|them))?"
_NAMED = re.compile(
    rf"\b(?:{_SEND}{_IT}\s+(?:only\s+)?to\s+(?P<a>{_WHO})\s+only\b"  # "send to Larch Care only"
    rf"|(?:only|just)\s+{_SEND}{_IT}\s+to\s+(?P<b>{_WHO})"  # "only send it to Larch Care"
    rf"|{_SEND}{_IT}\s+(?:only|just|solely|exclusively)\s+to\s+(?P<c>{_WHO}))",  # "send only to"
    re.IGNORECASE,
)
# "not to other providers in Northby": where not to send, a keep-away, not one provider
_PLACED = r"(?!\s+(?:in|near|within|around|across|outside|at|from|based|located|close)\b)"
_ASKS = re.compile(
    r"\b(?:(?:a\s+)?move\s+within\s+the\s+same\s+(?:provider|organisation|company|group)"
    r"|(?:an\s+)?internal\s+move\s+(?:within|with)\s+(?:the\s+)?(?:same\s+)?provider"
    r"|(?:do\s+)?not\s+(?:send|circulate|broadcast)(?:\s+(?:this|it))?\s+to\s+(?:other|any\s+other|all)"
    rf"\s+providers\b{_PLACED})",
    re.IGNORECASE,
)
# A provider's word in its name: "Larch Care", "Oak Tree Care Ltd", "Brightwell Homes"
_PROVIDER_WORD = re.compile(
    r"\b(?:care|homes?|house|lodge|ltd|limited|plc|llp|cic|providers?|services?|fostering"
    r"|group|trust|agency|partnership|residential|school|college|academy)\b",
    re.IGNORECASE,
)
# A host name ("Fast-Care.Co", "Pay.Northby-Care.Example") or a digit: no provider's name.
_LINK_SHAPED = re.compile(r"[^\W\d_]\.[^\W\d_]|\d")
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]|$)")
_MOST_CHARS = 20_000


def one_provider_asked(text: str, known: Iterable[str] = ()) -> str | None:
    """The sentence of the email that asks for one provider only, or None. `known`: the
    names of the directory's organisations and homes."""
    ask = one_provider_ask(text, known)
    return ask[0] if ask else None


def one_provider_ask(text: str, known: Iterable[str] = ()) -> tuple[str, str] | None:
    """The sentence of the email that asks for one provider only and the provider the
    email names for it ("" when it names none: "a move within the same provider"), or
    None. `known`: the names of the directory's organisations and homes."""
    body = text[:_MOST_CHARS]
    names = [_words(name) for name in known]
    named = [
        found
        for found in _NAMED.finditer(body)
        if _a_provider(found["a"] or found["b"] or found["c"], names)
    ]
    asks = named + [found for found in [_ASKS.search(body)] if found is not None]
    if not asks:
        return None
    found = min(asks, key=lambda ask: ask.start())
    start = max(body.rfind(stop, 0, found.start()) for stop in ".!?\n") + 1
    end = min(
        (at for stop in ".!?\n" if (at := body.find(stop, found.end())) != -1), default=len(body)
    )
    provider = (named[0]["a"] or named[0]["b"] or named[0]["c"]) if named else ""
    # the held emails tell the team to contact the provider by this name: never a web
    # address or a number a sender wrote ("send to Fast-Care.Co only"); the ask still holds
    provider = "" if _LINK_SHAPED.search(provider) else provider
    return " ".join(body[start : end + 1].split()), provider


def _a_provider(who: str, names: list[tuple[str, ...]]) -> bool:
    """A provider's word is in the name, or the directory knows it (either name the start of
    the other: "Oakfield" for Oakfield Children's Homes, "Larch House Northby")."""
    if _PROVIDER_WORD.search(who):
        return True
    said = _words(who)
    return bool(said) and any(
        name and (name[: len(said)] == said or said[: len(name)] == name) for name in names
    )


def directory_name(who: str, known: Iterable[str]) -> str:
    """The provider `who` names, in the directory's own words: the directory's name that
    `who` starts with ("Oakfield House Pay Now": "Oakfield House"), or the start of its
    names that `who` is ("Oakfield": "Oakfield"); "" when the directory knows none. For an
    unproved sender, whose own words the service never repeats."""
    said = _words(who)
    names = [(name, _words(name)) for name in known] if said else []
    for name, words in names:
        if words and said[: len(words)] == words:
            return name
    for name, words in names:
        if words[: len(said)] == said:
            spelt = re.findall(r"[\w'\u2019&]+", name)
            spelt = spelt[1:] if spelt[0].lower() == "the" else spelt
            return " ".join(spelt[: len(said)])
    return ""


def _words(name: str) -> tuple[str, ...]:
    """A name's words, lower case, without a possessive or a leading "the"."""
    words = [
        re.sub(r"['\u2019]s$", "", word) for word in re.findall(r"[\w'\u2019&]+", name.lower())
    ]
    return tuple(words[1:] if words[:1] == ["the"] else words)

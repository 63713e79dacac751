"""A referral that asks to go to one named provider only: not a search of the market.

"This is a move within the same provider – from Larch House to Larch Care's solo home.
Please send to Larch Care only." The service sends a referral to every eligible provider;
a social worker who wants one provider only (a move between two homes of one provider, a
home already agreed in principle) is asking for something it does not do, and broadcasting
her referral would send the child's story to homes she asked us not to. `one_provider_asked`
finds the sentence that asks it, for workflows/review.py to hold the referral for the
placements team (rule `one-provider-asked`). Pure: words in, words out.
"""

from __future__ import annotations

import re

__all__ = ["one_provider_asked"]

_WHO = r"[A-Z][\w'\u2019&.-]*(?:\s+[A-Z][\w'\u2019&.-]*){0,4}"
_SEND = r"(?:send|refer|be\s+sent|forward|circulate)"
_IT = r"(?:\s+(?:this|it|the\s+referral|this\s+referral|her|him|them))?"
_ASKS = re.compile(
    rf"\b(?:{_SEND}{_IT}\s+(?:only\s+)?to\s+{_WHO}\s+only\b"  # "send to Larch Care only"
    rf"|(?:only|just)\s+{_SEND}{_IT}\s+to\s+{_WHO}"  # "only send it to Larch Care"
    rf"|{_SEND}{_IT}\s+(?:only|just|solely|exclusively)\s+to\s+{_WHO}"  # "send only to …"
    r"|(?:a\s+)?move\s+within\s+the\s+same\s+(?:provider|organisation|company|group)"
    r"|(?:an\s+)?internal\s+move\s+(?:within|with)\s+(?:the\s+)?(?:same\s+)?provider"
    r"|(?:do\s+)?not\s+(?:send|circulate|broadcast)(?:\s+(?:this|it))?\s+to\s+(?:other|any\s+other|all)"
    r"\s+providers)", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]|$)")
_MOST_CHARS = 20_000


def one_provider_asked(text: str) -> str | None:
    """The sentence of the email that asks for one provider only, or None."""
    body = text[:_MOST_CHARS]
    found = _ASKS.search(body)
    if found is None:
        return None
    start = max(body.rfind(stop, 0, found.start()) for stop in ".!?\n") + 1
    end = min((at for stop in ".!?\n" if (at := body.find(stop, found.end())) != -1),
              default=len(body))
    return " ".join(body[start:end + 1].split())

"""A shortlisted home confirming its offer, having read the papers.

The papers email asks each shortlisted home to confirm its offer once it has read the full
papers. Its answer is most often one word: "Confirmed.", "Yes, still offering, fee as
before.", "Having read the papers we're happy to confirm our offer." Such a reply changes
nothing recorded, so it was stored as changing nothing and answered by nobody: the home's
officer could not tell it had counted, and the social worker could not tell a confirmed offer
from one never confirmed. Rule `offer-confirmed`: after the approval, a reply from a
shortlisted home whose answer on record is an offer, that changes nothing and only confirms
(`confirms`), is recorded once (`offer-confirmed` on the timeline), and the home is thanked
with what it confirmed, and the social worker told it confirmed its offer at the same fee and
start. A second such reply is stored and, as any reply changing nothing, not answered again.

The home may confirm by sending its form again, unchanged, under a line that says it confirms
(round 62 x11: "Our confirmed response below." over an Outlook table of Decision Offer,
£4,900, 14/12/2026): such a restatement (`restates_its_answer`, workflows/responses.py) that
says "confirm", "confirmed" or "confirming" in so many words (`says_it_confirms`) confirms
too; not a "confirm" it asks of us, awaits or leaves to someone else ("Can you confirm she's
had her jabs?", "Awaiting confirmation from our RM", "Our RM needs to confirm once she has
read the papers": round 63 p02-p04). A restatement with no such word is still stored and
not answered (a ticketing system that answers every email with the form it holds would keep
a loop going).
"""

from __future__ import annotations

import re
from datetime import date

from workflows.passed_on import own_words, says_something

# A word that confirms, not merely thanks: "Thanks for confirming" is a thanks for ours.
_CONFIRMS = re.compile(r"\b(?:confirm(?:ed)?|yes|yep|still\s+offer(?:ing)?|(?:offer|it)\s+stands|"
                       r"happy\s+to\s+proceed|(?:fee|offer)\s+(?:remains|stands))\b",
                       re.IGNORECASE)


def confirms(body_text: str, start: date | str | None = None,
             fee: float | str | None = None) -> bool:
    """Whether the reply's own words only confirm what stands, and say they confirm (a term
    said again as it stands, "Start as planned 14/12", or the start or weekly fee on record,
    `start` and `fee`, said again, "can still offer from 14/12", "Our fee remains £4,900 per
    week", is confirmed too)."""
    words = own_words(body_text)
    return bool(words) and not says_something(words, start, fee) \
        and bool(_CONFIRMS.search(words)) \
        and not re.search(r"\bfor\s+confirming\b", words, re.IGNORECASE)


# "Confirm" in so many words; not a thanks for ours, and not denied, put off, left to someone
# else or asked of us ("we cannot confirm", "before we confirm", "will confirm next week",
# "Awaiting confirmation from our RM", "Our RM needs to confirm once she has read the papers",
# "Can you confirm she's had her jabs?").
_SAYS_CONFIRM = re.compile(r"\bconfirm(?:ed|ing|s|ation)?\b", re.IGNORECASE)
_NOT_CONFIRMING = re.compile(
    r"\b(?:for|not|cannot|can't|cant|unable\s+to|before|until|till|once|will|shall|to\s+be|"
    r"yet\s+to|please|pls|if|can\s+you|could\s+you|would\s+you|will\s+you|awaiting|await|"
    r"waiting\s+(?:for|on)|pending|needs?\s+to|has\s+to|have\s+to|must|going\s+to|"
    r"wants?\s+to|hoping\s+to|hope\s+to)\s+(?:\w+\s+){0,2}?confirm"
    # "Can you confirm she's had her jabs?": a question asks us to confirm
    r"|confirm[^.!?\n]*\?", re.IGNORECASE)


def says_it_confirms(body_text: str) -> bool:
    """Whether the reply's own words say, in so many words, that it confirms ("Our confirmed
    response below.", "We confirm our offer as follows"): said of the form it restates."""
    return any(_SAYS_CONFIRM.search(sentence) and not _NOT_CONFIRMING.search(sentence)
               for sentence in _SENTENCE.findall(own_words(body_text)))


# A sentence, with its "?" if it asks: "Confirmed." "Could you confirm her dentist date?"
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")

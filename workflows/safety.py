"""Words that report something about a child's safety, which no rate limit may hold.

Rule `safety-never-held`: a home's message ("Maddie went missing at 11pm and was returned by
police at 3am", "she was taken to A&E after self-harming", "he has made an allegation against
a member of staff") is passed on however many of its messages went to the council that day
(rule `questions-per-day`, workflows/responses.py): it goes to the placements team and the
social worker both, where either is known, is not counted against the day's limit, and the
home is told it was passed on. Read loosely on purpose: a message wrongly taken for one only
escapes the limit; one wrongly not taken could leave a missing child's report unread.
"""

from __future__ import annotations

import re

# What a report of a child's safety says: missing from home or care, brought back by the
# police, taken to hospital, injured, an allegation or a disclosure, harm to self, arrested,
# exploited. "Missing" alone is not one ("what's missing from her papers").
_SAFETY = re.compile(
    r"\b(?:(?:went|gone|go(?:es|ing)?|was|were|is|been|being|reported|still|found)\s+missing"
    r"|missing\s+(?:from\s+(?:home|care|school|the\s+home|placement)|episodes?|persons?"
    r"|overnight|again|since)|mfh"
    r"|abscond\w*|ran\s+away|run(?:ning)?\s+away|absent\s+without"
    r"|police|arrest\w*|custody|hospital\w*|a\s*&\s*e|ambulance|paramedics?|overdos\w*"
    r"|injur\w*|wound\w*|bruis\w*|concussion|ligature|suicid\w*"
    r"|self[\s-]?harm\w*|harm(?:ed|ing)\s+(?:her|him|them)sel(?:f|ves)"
    r"|cut(?:ting)?\s+(?:her|him|them)sel(?:f|ves)"
    r"|allegations?|alleg(?:ed|es|ing)|disclos(?:ed|es|ing|ure|ures)"
    r"|assault\w*|abus(?:e|ed|ive)|exploit\w*|grooming|groomed|county\s+lines|cse|cce"
    r"|sexual\w*|safeguarding|lado|restrain(?:ed|t|ts)?)\b",
    re.IGNORECASE)


def about_safety(words: str) -> bool:
    """Whether the words report something about a child's safety (rule `safety-never-held`)."""
    return bool(words) and _SAFETY.search(words) is not None

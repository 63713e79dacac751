"""The child as a reply names her after the verb that offers her a place or refuses one.

Providers do not only write "we could take her": they write "We can take the young person
from Monday 14th", "Happy to take YP from 16/12", "We could take Maddie from Weds 16th" (a
first name guessed or taken from the council: the anonymised referral gives none), "we could
have this young lady from the 16th", "we don't feel we could keep the child safe". Each is the
child, and is read as "her" is: `THE_CHILD` matches such an object after a verb, and
`as_her` puts "her" in its place, so that the prose rules written with "her", "him" and
"them" read every way of naming her. What else follows "take" is not the child: "take a
look", "take the papers", "take time", "take on board", "take Monday off", "take Sam's
advice". Nor is taking her out or having her round for a while: "take Maddie to the school",
"take Maddie on the visit to the school", "have Maddie for tea on Thursday to meet the girls",
"have her for the day" are visits, not a place (round 57): "have" offers one only from a day,
for a placement's time ("for the long term", "for as long as she needs"), or at a time or
with a home with no visit in its clause.
"""

from __future__ import annotations

import re

__all__ = ["THE_CHILD", "as_her"]

# Capitalised words that are not a child's name after "take" or "have": a day, a month, a
# season or a sign-off's words ("Take Care").
_NOT_A_NAME = (r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May"
               r"|June|July|August|September|October|November|December|Christmas|Easter|New"
               r"|Boxing|Care|Note|Part|Place|Time|Advice|Action|Over|On|It|This|That|The|A|An"
               r"|Our|Your|Her|Him|Them|Both|All|Any|Some|One|Two|Three|Ofsted|Sir|Madam")
# Words after the child that take her somewhere, not into the home: "take the boy to school",
# "take Maddie on the visit to the school", "take Maddie out for tea" (but "take Maddie on
# from Monday" takes her on).
_OUT_WITH_HER = (r"(?![ \t]+(?:to|into|out|home|back|along|round|around|swimming|shopping"
                 r"|on[ \t]+(?:the|a|an|her)[ \t]+(?:[\w-]+[ \t]+)?(?:visits?|trips?|outings?"
                 r"|tours?|walks?|drives?|day[ \t]+out)|for[ \t]+(?:a[ \t]+)?(?:tea|dinner|lunch"
                 r"|visit|walk|drive|day[ \t]+out))\b)")
# A first name: one capitalised word, not a possessive ("take Sam's advice") nor the first of
# a place's name ("have Oak House …"), nor a word above; a day may follow it ("take Maddie
# Monday 14th").
_A_DAY_OR_MONTH = (r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
                   r"|Nov|Dec)")
_A_FIRST_NAME = (rf"(?-i:(?!(?:{_NOT_A_NAME})\b)[A-Z][a-z]{{1,15}})\b"
                 rf"(?!['’]s\b)(?![ \t]+(?-i:(?!{_A_DAY_OR_MONTH})[A-Z])){_OUT_WITH_HER}")
# The child in words: "the young person", "YP", "this young lady", "the child", "this girl".
_THE_CHILD_IN_WORDS = (r"(?:(?:the|this|your)[ \t]+)?(?:yp|cyp)\b"
                       r"|(?:the|this|your)[ \t]+(?:young[ \t]+(?:person|lady|man|woman|girl|"
                       r"boy|lad|un)|child|girl|boy|lad|teenager)\b"
                       rf"{_OUT_WITH_HER}")  # "take the boy to school"
# The child after a verb, a pronoun or not.
THE_CHILD = rf"(?:her|him|them|{_THE_CHILD_IN_WORDS}|{_A_FIRST_NAME})\b"
_NAMED = re.compile(rf"\b(?P<verb>take|tkae|have|keep)([ \t]+)(?:{_THE_CHILD_IN_WORDS}"
                    rf"|{_A_FIRST_NAME})", re.IGNORECASE)
# "have" offers a place only with a time or a home after it ("We could have Maddie from
# 16/12", "happy to have this young lady with us"), not "we could have Sam call you"; "for"
# only a placement's time ("for the long term", "for as long as she needs", "for a few
# months"), not a visit's ("for tea", "for the day", "for an overnight").
_HAVE_FOR_A_TIME = re.compile(
    r"[ \t]+(?:from|on|by|with[ \t]+us|this|next|tomorrow|tonight|straight|asap|immediately|at"
    r"|for[ \t]+(?:the[ \t]+)?(?:long[ \t-]+term|foreseeable|duration|as[ \t]+long|however[ \t]+"
    r"long|good|keeps|(?:a|the|her|this)[ \t]+(?:[\w-]+[ \t]+)?(?:placement|place|bed)"
    r"|(?:a[ \t]+few|several|\d{1,2}|two|three|four|six|twelve)[ \t]+(?:weeks|months|years)))\b",
    re.IGNORECASE)
# In the clause after "have her", words that make it a visit, not a place: "have Maddie on
# Thursday to meet the girls", "have her at ours for tea".
_A_VISIT_AFTER = re.compile(
    r"^[^.,;!?\n]{0,60}?\b(?:tea|dinner|lunch|breakfast|visits?|meet|overnight|sleepover|"
    r"the[ \t]+day|an?[ \t]+afternoon|a[ \t]+morning|look[ \t]+round|tour|introduc\w*)\b",
    re.IGNORECASE)
# "keep" names her only to keep her safe: "we could not keep Maddie safe".
_KEEP_HER_SAFE = re.compile(r"[ \t]+safe(?:ly)?\b", re.IGNORECASE)
_FROM = re.compile(r"[ \t]+from\b", re.IGNORECASE)  # "have Maddie from 16/12, after a visit"


def as_her(text: str) -> str:
    """The text with the child after "take", "have" or "keep" named "her", however the reply
    names her ("take the young person from Monday" is "take her from Monday")."""
    lowered = text.lower()
    if "take" not in lowered and "have" not in lowered and "keep" not in lowered \
            and "tkae" not in lowered:
        return text
    return _NAMED.sub(_her, text)


def _her(match: re.Match[str]) -> str:
    verb = match["verb"].lower()
    after = match.string[match.end():]
    if (verb == "have" and not _FROM.match(after) and (
            not _HAVE_FOR_A_TIME.match(after) or _A_VISIT_AFTER.match(after))) or (
            verb == "keep" and not _KEEP_HER_SAFE.match(after)):
        return match.group()
    return f"{match['verb']}{match[2]}her"

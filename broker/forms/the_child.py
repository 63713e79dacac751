"""The child as a reply names her after the verb that offers her a place or refuses one.

Providers do not only write "we could take her": they write "We can take the young person
from Monday 14th", "Happy to take YP from 16/12", "We could take Maddie from Weds 16th" (a
first name guessed or taken from the council: the anonymised referral gives none), "we could
have this young lady from the 16th", "we don't feel we could keep the child safe". Each is the
child, and is read as "her" is: `THE_CHILD` matches such an object after a verb, and
`as_her` puts "her" in its place, so that the prose rules written with "her", "him" and
"them" read every way of naming her. What else follows "take" is not the child: "take a
look", "take the papers", "take time", "take on board", "take Monday off", "take Sam's
advice".
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
# A first name: one capitalised word, not a possessive ("take Sam's advice") nor the first of
# a place's name ("have Oak House …"), nor a word above; a day may follow it ("take Maddie
# Monday 14th").
_A_DAY_OR_MONTH = (r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
                   r"|Nov|Dec)")
_A_FIRST_NAME = (rf"(?-i:(?!(?:{_NOT_A_NAME})\b)[A-Z][a-z]{{1,15}})\b"
                 rf"(?!['’]s\b)(?![ \t]+(?-i:(?!{_A_DAY_OR_MONTH})[A-Z]))")
# The child in words: "the young person", "YP", "this young lady", "the child", "this girl".
_THE_CHILD_IN_WORDS = (r"(?:(?:the|this|your)[ \t]+)?(?:yp|cyp)\b"
                       r"|(?:the|this|your)[ \t]+(?:young[ \t]+(?:person|lady|man|woman|girl|"
                       r"boy|lad|un)|child|girl|boy|lad|teenager)\b"
                       r"(?![ \t]+(?:to|into|out|home|back)\b)")  # "take the boy to school"
# The child after a verb, a pronoun or not.
THE_CHILD = rf"(?:her|him|them|{_THE_CHILD_IN_WORDS}|{_A_FIRST_NAME})\b"
_NAMED = re.compile(rf"\b(?P<verb>take|tkae|have|keep)([ \t]+)(?:{_THE_CHILD_IN_WORDS}"
                    rf"|{_A_FIRST_NAME})", re.IGNORECASE)
# "have" offers a place only with a time or a home after it ("We could have Maddie from
# 16/12", "happy to have this young lady with us"), not "we could have Sam call you".
_HAVE_FOR_A_TIME = re.compile(r"[ \t]+(?:from|on|by|with[ \t]+us|this|next|tomorrow|tonight"
                              r"|straight|asap|immediately|at|for)\b", re.IGNORECASE)
# "keep" names her only to keep her safe: "we could not keep Maddie safe".
_KEEP_HER_SAFE = re.compile(r"[ \t]+safe(?:ly)?\b", re.IGNORECASE)


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
    if (verb == "have" and not _HAVE_FOR_A_TIME.match(after)) or (
            verb == "keep" and not _KEEP_HER_SAFE.match(after)):
        return match.group()
    return f"{match['verb']}{match[2]}her"

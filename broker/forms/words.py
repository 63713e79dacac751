"""How labels, codes and phrases are compared: case, punctuation and decoration do not count.

A social worker may type `**D.O.B.:**`, `- dob` or `Date of birth?`; a provider may write
`Children's home` with a curly apostrophe. Everything the forms compare goes through
`normalise_words` (or `normalise_label` for the label side of a `Label: value` line), so a
synonym written once in configuration matches every way of typing it.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Apostrophes and full stops join the letters either side ("D.O.B." is "dob", "can't" is
# "cant"); every other run of non-letters separates words.
_JOINERS = re.compile(r"['\u2018\u2019\u02bc`.\u00b4\u2032\uff07\u02b9\u201b]")
_SEPARATORS = re.compile(r"[\W_]+")
_BRACKETED = re.compile(r"\([^()]{0,200}\)|\[[^\[\]]{0,200}\]")
# A leading bullet, numbering ("1.", "2)", "a)") or the bold/italic markers Markdown and
# Outlook's plain-text conversion put around a label.
_LABEL_DECORATION = re.compile(
    r"^(?:[-*\u2022\u00b7\u25aa\u25cf\u2023\u25e6\u2013\u2014_\s]|\d{1,2}[.)]\s|[a-z][.)]\s"
    r"|[Qq]\s?\d{1,2}[.):]?\s"  # a question's number: "Q2. Date of birth", "Q7 Placement type"
    # a section's: "1.1 Child's name", "Section 3.2 – Legal status"
    r"|(?:[Ss]ection\s+)?\d{1,2}(?:\.\d{1,2}){1,2}\.?\s+(?:[-\u2013\u2014:]\s*)?"
    r"|[Ss]ection\s+\d{1,2}\s*[-\u2013\u2014:.]\s*)+"
)
_LABEL_TRAILER = re.compile(r"[\s*_:?\uff1a]+$")


# A negative is written many ways ("can't", "cant", "cannot", "can not"); each is compared
# in one spelling, so "would not be able to offer" in configuration also finds "wouldn't be
# able to offer" in a reply.
_NEGATIVES = {
    "cant": "can not", "cannot": "can not", "wont": "will not", "dont": "do not",
    "doesnt": "does not", "didnt": "did not", "wouldnt": "would not", "couldnt": "could not",
    "shouldnt": "should not", "isnt": "is not", "arent": "are not", "wasnt": "was not",
    "werent": "were not", "havent": "have not", "hasnt": "has not", "hadnt": "had not",
    "mustnt": "must not", "neednt": "need not",
}
# The decision's words as they are often mistyped in a hurry ("We are intrested", "we have to
# declne", "We can ofer"): each is compared in its right spelling.
_SLIPS = {
    "ofer": "offer", "offr": "offer", "ofering": "offering",
    "intrested": "interested", "intersted": "interested", "interseted": "interested",
    "interestd": "interested", "insterested": "interested", "intereted": "interested",
    "declne": "decline", "decine": "decline", "delcine": "decline", "declien": "decline",
    "decilne": "decline", "decliene": "decline", "delcined": "declined", "declnied": "declined",
    "declinded": "declined", "vacnacy": "vacancy", "vacany": "vacancy", "vancancy": "vacancy",
    "vacncy": "vacancy", "vacacny": "vacancy",
    # round 33: "We can offre", "a bed avaliable", "no vacency", "no vaccancies"
    "offre": "offer", "offfer": "offer", "avaliable": "available", "availble": "available",
    "avalable": "available", "availabe": "available", "vacency": "vacancy",
    "vaccancy": "vacancy", "vacancey": "vacancy", "vacencies": "vacancies",
    "vaccancies": "vacancies", "vacanices": "vacancies", "vacansies": "vacancies",
    # round 39: a phone's autocorrect, "the Manger says no"
    "manger": "manager", "mangers": "managers",
    # round 49: "our fees are above your budgit"
    "budgit": "budget", "buget": "budget", "budjet": "budget",
}
# A weekday's week mistyped: "from Monday weak" is Monday week.
_WEEK_MISTYPED = re.compile(r"\b((?:mon|tues|wednes|thurs|fri|satur|sun)day)[ \t]+weak\b",
                            re.IGNORECASE)
# Punctuation dictated into a phone and typed out as words: "offer full stop four eight …".
_DICTATED_STOP = re.compile(r"[ \t]+full[ \t]+stop\b[ \t]*", re.IGNORECASE)
_DICTATED_LINE = re.compile(r"[ \t]+new[ \t]+(?:line|paragraph)\b[ \t]*", re.IGNORECASE)
# Words a phone's dictation mishears: "we can off her a place" is an offer, "at for thousand
# nine hundred pound" four thousand ("for thousands of" is not a number).
_OFF_HER = re.compile(r"\b((?:can|could|would|will)[ \t]+)off[ \t]+(her|him|them)\b",
                      re.IGNORECASE)
_FOR_THOUSAND = re.compile(r"\bfor([ \t]+thousand)\b(?!s)", re.IGNORECASE)
# A phone's shorthand and autocorrect: "can offer frm 2morrow", "we cn offer", "intrestd",
# "can't meat her needs".
_SHORTHAND = {"frm": "from", "2morrow": "tomorrow", "2moro": "tomorrow", "2morro": "tomorrow",
              "tmrw": "tomorrow", "tmrrw": "tomorrow", "cn": "can", "intrestd": "interested",
              "meat": "meet"}
_SHORTHAND_WORD = re.compile(r"\b(?:frm|2morrow|2moro|2morro|tmrw|tmrrw|cn(?=[ \t]+(?:offer|"
                             r"only|not|do|take|meet)\b)|intrestd|meat(?=[ \t]+(?:her|his|"
                             r"their)[ \t]+needs\b))\b", re.IGNORECASE)

# An offer of terms in other words: "Could do Mon 4th Jan at £4,700 pw", "we could do the 14th
# at £4,850", "Can do from 14th, 4.8k a wk", "we'd do 14/12 at £4,800" is "could offer …", with
# a fee in its sentence (but not "can do weekends", "we could do from the 14th" after an
# interest, or "could do £4,900 pw from 14/12 if that goes well", on a condition).
_CAN_DO_TERMS = re.compile(
    # (a smiley between, as a phone types it: "can do 🙂 frm mon 7th, 5k pw", round 51)
    r"\b((?:can|could)|we['’]d|we[ \t]+would)[ \t]+do(?=[ \t]+(?:[^\w\s£]{1,3}[ \t]+)?"
    # the placement named first, perhaps within the budget (round r66b: "We can do this within
    # the budget stated, from 4/1/27 at £5,400 pw")
    r"(?:(?:this|that|it)(?:[ \t]+within[ \t]+(?:the[ \t]+|your[ \t]+)?budget(?:[ \t]+(?:stated|"
    r"given|set|quoted))?)?[ \t]*[,\u2013\u2014-]?[ \t]+)?"
    r"(?:(?:from|on)[ \t]+)?"
    r"(?:the[ \t]+\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}[/.]\d{1,2}\b|£"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?[ \t]+(?:the[ \t]+)?\d{1,2}(?:st|nd|rd|th)?\b))",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n](?:\s|$)")
_A_FEE = re.compile(r"£|\d(?:\.\d{1,2})?[ \t]?k\b|\d[\d,]{2,8}[ \t]?(?:pw|p/w)\b", re.IGNORECASE)
_ON_A_CONDITION = re.compile(r"\b(?:if|once|until|till|unless|subject|provided|pending)\b",
                             re.IGNORECASE)
_SENTENCE_CHARS = 200


def _terms_offered(text: str) -> str:
    def offered(match: re.Match[str]) -> str:
        end = _SENTENCE_END.search(text, match.end(), match.end() + _SENTENCE_CHARS)
        rest = text[match.end():end.start() if end else match.end() + _SENTENCE_CHARS]
        if _A_FEE.search(rest) and not _ON_A_CONDITION.search(rest):
            return f"{match[1]} offer"
        return match.group()
    return _CAN_DO_TERMS.sub(offered, text)


def as_meant(text: str) -> str:
    """The text with a hurried phone's slips put right: "Monday weak" is Monday week, a
    dictated "full stop" or "new line" is the mark it names, and a misheard "can off her" and
    "for thousand" are "can offer her" and "four thousand", a phone's shorthand ("frm
    2morrow", "we cn offer") is spelt out, and "could do the 14th" is "could offer the 14th"."""
    lowered = text.casefold()
    if "weak" in lowered:
        text = _WEEK_MISTYPED.sub(r"\1 week", text)
    if "full stop" in lowered:
        text = _DICTATED_STOP.sub(". ", text)
    if "new line" in lowered or "new paragraph" in lowered:
        text = _DICTATED_LINE.sub("\n", text)
    if " off " in lowered:
        text = _OFF_HER.sub(r"\1offer \2", text)
    if "for thousand" in lowered:
        text = _FOR_THOUSAND.sub(r"four\1", text)
    if any(short in lowered for short in ("frm", "2mor", "tmr", "cn ", "intrestd", "meat ")):
        text = _SHORTHAND_WORD.sub(lambda found: _SHORTHAND[found[0].lower()], text)
    if " do " in lowered:
        text = _terms_offered(text)
    return text
_WORD_SPELT = re.compile(r"\b(?:" + "|".join([*_NEGATIVES, *_SLIPS]) + r")\b")
_SPELT = {**_NEGATIVES, **_SLIPS}


def normalise_words(text: str) -> str:
    """Lower-case words separated by single spaces, with punctuation removed, every negative
    spelt out ("can't" and "cannot" are "can not") and the decision's words spelt right."""
    joined = _JOINERS.sub("", text.casefold())
    words = _SEPARATORS.sub(" ", joined).strip()
    return _WORD_SPELT.sub(lambda found: _SPELT[found[0]], words)


@lru_cache(maxsize=4096)  # the same few labels are normalised again and again
def normalise_label(text: str) -> str:
    """A label as typed, with bullets, bold markers, a trailing colon or `?` taken off."""
    bare = _LABEL_DECORATION.sub("", text.strip())
    bare = _LABEL_TRAILER.sub("", bare)
    return normalise_words(bare)


def without_brackets(text: str) -> str:
    """The text with parenthetical remarks removed: `Good (March 2025)` is `Good`."""
    return _BRACKETED.sub(" ", text)


def phrase_pattern(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern matching any phrase as whole words in text passed through normalise_words."""
    words = sorted({normalise_words(p) for p in phrases} - {""}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def one_slip(word: str, right: str) -> bool:
    """Whether `word` is `right` but for one slip of the keys: one letter left out, added
    or changed, or two side by side swapped ("Janurary", "Urgnet")."""
    if abs(len(word) - len(right)) > 1:
        return False
    start = 0
    while start < min(len(word), len(right)) and word[start] == right[start]:
        start += 1
    if len(word) == len(right):
        return (word[start + 1:] == right[start + 1:]  # one changed
                or (word[start:start + 2] == right[start:start + 2][::-1]
                    and word[start + 2:] == right[start + 2:]))  # two swapped
    longer, shorter = (word, right) if len(word) > len(right) else (right, word)
    return longer[start + 1:] == shorter[start:]

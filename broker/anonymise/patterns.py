"""Identifying things found by their shape alone, wherever they appear in free text.

NHS numbers (only when the mod-11 check digit is right, so an ordinary 10-digit number
survives) and Scottish CHI numbers after their name, National Insurance numbers (not two
letters and six digits after "ref": a reference's), unique pupil numbers (a letter and
twelve digits, or eleven digits and a letter for a temporary one; grouped by spaces, dots or
dashes), anyone's date of birth
where the text says it is one ("DOB 3/4/1988", "born on 3rd April 1988", "Kyle
(12.05.2007)", not an event's "mapping (18/11/2026)"), UK and international phone numbers
(in words too: "oh seven seven double oh, …", when they make ten digits or more), e-mail
addresses and full UK postcodes (cut to the outward code, "near SE15 4AB" -> "near SE15"). A
mail client may wrap a number onto the next line wherever a space may stand between its
parts (`wraps.py`).
Every pattern advances one character class at a time with no nested repetition, so a 50 KB
paragraph cannot make it backtrack catastrophically.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from broker.anonymise.dates import ANY_YEAR_IN_WORDS
from broker.anonymise.labels import (
    BIRTH_DATE,
    EMAIL,
    HOME_POSTCODE,
    NHS_NUMBER,
    NI_NUMBER,
    PHONE,
    POSTCODE,
    UPN,
    is_relationship_word,
)
from broker.anonymise.postcodes import FULL_POSTCODE, compact, is_full_postcode, outward_code
from broker.anonymise.references import POLICE_NUMBER
from broker.anonymise.spans import Span
from broker.anonymise.wraps import ANY_SPACE, SOME_SPACE, WRAP, or_wrap
from broker.forms.spoken_dates import ORDINAL_DAY_WORDS
from broker.forms.values import INWARD_LETTERS, is_valid_nhs_number

Detector = Callable[[str], Iterator[Span]]

_SPACE_OR_WRAP = or_wrap(r"[ \t]")
_SEPARATOR_OR_WRAP = or_wrap(r"[ \t\-]")
# Between the groups of a phone or NI number, people also write dots or a slash
# ("07700.900.111", "0113/496 0999", "QQ.12.34.56.C").
_NUMBER_SEPARATOR_OR_WRAP = or_wrap(r"[ \t\-./]")
# A client that wraps long words may break an address at its "@".
_EMAIL = re.compile(
    rf"(?<![\w.+%\-])[\w.+%\-]+(?:{WRAP}(?=@))?@(?:{WRAP})?[\w\-]+(?:\.[\w\-]+)+"
)
# An address spelt out against harvesters: "kez dot b at example dot com", "dawn.holt88 (at)
# example.co.uk", "d [dot] pike [at] example [dot] net". The "at" in brackets, or a dot
# spelt out on both sides of a plain "at", so "looking at the dot com boom" stays.
# A dot spelt out or spaced ("gmail . com"), and in the name an underscore or a hyphen spelt
# out ("ellabran underscore x at icloud dot com").
_SPELT_DOT = r"(?:[ \t]*[\[(][ \t]*dot[ \t]*[\])][ \t]*|[ \t]+dot[ \t]+|[ \t]\.[ \t]|\.)"
_SPELT_JOIN = r"(?:[ \t]+(?:underscore|dash|hyphen)[ \t]+)"
_SPELT_AT = (r"(?P<at>[ \t]*(?:[\[({][ \t]*(?:at|@)[ \t]*[\])}]|[ \t]@[ \t])[ \t]*"
             r"|[ \t]+at[ \t]+)")
_SPELT_EMAIL = re.compile(
    rf"(?<![\w.+\-])(?P<local>[\w+\-]{{1,30}}(?:(?:{_SPELT_DOT}|{_SPELT_JOIN})[\w+\-]{{1,30}}){{0,3}})"
    rf"{_SPELT_AT}"
    rf"(?P<domain>[\w\-]{{1,30}}(?:{_SPELT_DOT}[\w\-]{{1,30}}){{1,3}})(?![\w\-])",
    re.IGNORECASE)
# Between two digits: nothing, one separator, or a closing bracket and maybe a separator.
_NEXT_DIGIT = (rf"(?:{_NUMBER_SEPARATOR_OR_WRAP}|\){_NUMBER_SEPARATOR_OR_WRAP}?"
               rf"|{_SPACE_OR_WRAP}?\()?\d")
_UK_PHONE = re.compile(  # "0044-7700-900-789": a dash after the country's code too
    rf"(?<![\w+.])(?:(?:\+|00){_SPACE_OR_WRAP}?44{_SEPARATOR_OR_WRAP}?"
    rf"(?:\(0\){_SPACE_OR_WRAP}?)?|\(?0{_SPACE_OR_WRAP}?)"  # "0 7700 900 111" too
    rf"\d(?:{_NEXT_DIGIT}){{8,9}}(?![\d])(?!\.\d)"
)
# "+353 87 615 2240", and the same dialled from a landline with a space after the country's
# code: "00353 21 487 6612" (not "001733456920", a certificate's number).
_INTERNATIONAL_PHONE = re.compile(
    rf"(?<![\w+])(?:\+|00(?=[1-9]\d{{0,2}}[ \t]))\d(?:{_NEXT_DIGIT}){{7,13}}(?!\d)")
# A number in words, as a parent spells it on a form: "oh seven seven double oh, nine double
# oh, four two six". Taken when its words make ten digits or more, so "one, two, three" and
# "six or seven" stay.
# How many more digits than the word after it "double" makes; any other word is one digit.
_DIGITS_IN_WORD = {"double": 1, "treble": 2, "triple": 2}
_DIGIT_WORD = (r"(?:(?:double|treble|triple)[ \t]{1,2})?"
               r"(?:oh|o|zero|nought|one|two|three|four|five|six|seven|eight|nine)(?![\w'’])")
_WORDS_PHONE = re.compile(
    rf"(?<![\w'’\-]){_DIGIT_WORD}"
    rf"(?:(?:[ \t]{{1,3}}|[ \t]?[,\-][ \t]{{0,2}}){_DIGIT_WORD}){{6,20}}",
    re.IGNORECASE)
# Not inside a longer number or a decimal ("1.9991232230"), but straight after "No." it is.
_NHS_SHAPED = re.compile(
    rf"(?<!\d)(?<!\d\.)\(?\d(?:(?:[ \t\-./()]{{0,2}}|{WRAP})\d){{9}}(?!\d)(?!\.\d)")
# With its suffix letter the shape is unmistakable in any case, and any two letters are
# accepted (the specimen "QQ 12 34 56 C" included). Without it, only capitals and a prefix HMRC
# can issue: never D, F, I, Q, U or V, nor O second (HMRC manual NIM39110).
_NI_PREFIX = r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
_NI_DIGITS = rf"(?:{_NUMBER_SEPARATOR_OR_WRAP}?\d{{2}}){{3}}"
_NI_WITH_SUFFIX = re.compile(
    rf"(?<![^\W_])[A-Z]{{2}}{_NI_DIGITS}{_NUMBER_SEPARATOR_OR_WRAP}?[A-D](?![^\W_])",
    re.IGNORECASE,
)
_NI_UPPER_CASE = re.compile(rf"(?<![^\W_]){_NI_PREFIX}{_NI_DIGITS}(?![^\W_])")
# Typed one character to a space, as a form's boxes print it: "Q Q 1 2 3 4 5 6 D".
_NI_ONE_TO_A_BOX = re.compile(r"(?<![^\W_])[A-Z][ \t][A-Z](?:[ \t]\d){6}[ \t][A-D](?![^\W_])")
_POSTCODE = re.compile(FULL_POSTCODE, re.IGNORECASE)
# A postcode with a full stop after its letters and digits, as some people write initials:
# "L.S.6 9.Q.T", "M.1 1.A.A" (after the first letter at least).
_DOTTED_POSTCODE = re.compile(
    r"(?<![\w.])[A-Z]\.(?:[A-Z]\.?)?\d\.?(?:[A-Z\d]\.?)?[ \t]?"
    rf"\d\.?[{INWARD_LETTERS}]\.?[{INWARD_LETTERS}](?![^\W_])", re.IGNORECASE)
# Grouped with spaces, dots or dashes ("J205 1234 5678 9", "J205.1234.5678.9",
# "J205-1234-5678-9"): one kind of dot or dash throughout (`_one_kind_of_stop`), so a letter
# before a date and a time ("Ward C 03.11.2026 14.30") is no pupil number.
_UPN_SEPARATOR = or_wrap(r"[ \t\-.]")
_UPN = re.compile(  # a temporary one may end in a letter after all twelve: "J801200123456K"
    rf"(?<![^\W_])[A-Z]{_UPN_SEPARATOR}?(?:\d{_UPN_SEPARATOR}?){{11}}(?:\d[A-Z]?|[A-Z])"
    rf"(?![^\W_]|[.\-]\w)"
)
# A month, spelt right or not ("Febuary"); but "deceased 2019" is a year of death.
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec(?!eas))[a-z]{0,6}\.?")
_DATE_SEPARATOR = rf"{ANY_SPACE}[/.\-]{ANY_SPACE}"
_COMMA_OR_SPACE = rf"(?:[ \t,]+(?:{WRAP})?|{WRAP})"  # "May, 2011", "May\n2011"
_A_DATE = (
    rf"(?:\d{{1,2}}{_DATE_SEPARATOR}\d{{1,2}}{_DATE_SEPARATOR}(?:\d{{4}}|\d{{2}})(?!\d)"
    # year first, as systems print it: "2012-03-14", "2015.11.21", "2009-07-14T00:00:00Z"
    rf"|\d{{4}}(?:-(?:{WRAP})?\d{{1,2}}-(?:{WRAP})?\d{{1,2}}|\.\d{{1,2}}\.\d{{1,2}}"
    rf"|/\d{{1,2}}/\d{{1,2}})(?!\d)(?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d{{1,6}})?)?"
    rf"(?:Z|[+\-]\d{{2}}:?\d{{2}})?)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:{SOME_SPACE}of)?{SOME_SPACE}{_MONTH}{_COMMA_OR_SPACE}\d{{4}}"
    rf"|{_MONTH}{SOME_SPACE}\d{{1,2}}(?:st|nd|rd|th)?{_COMMA_OR_SPACE}\d{{4}}"
    rf"|{_MONTH}{SOME_SPACE}\d{{4}}"  # "born in March 2009"
    # a passport's, its month in a second language too: "03 FEB/FÉV 2012"
    rf"|\d{{1,2}}{SOME_SPACE}{_MONTH}[ \t]?/[ \t]?[^\W\d_]{{3,9}}\.?{SOME_SPACE}\d{{4}}"
    # "3rd April '07", "14-Feb-2007", "the fourteenth of February 2007"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:{SOME_SPACE}of)?{SOME_SPACE}{_MONTH}{SOME_SPACE}['’]?\d{{2}}(?!\d)"
    rf"|\d{{1,2}}-{_MONTH}-(?:\d{{4}}|\d{{2}})(?!\d)"
    rf"|{ORDINAL_DAY_WORDS}(?:{SOME_SPACE}of)?{SOME_SPACE}{_MONTH}"
    rf"{_COMMA_OR_SPACE}(?:\d{{4}}|{ANY_YEAR_IN_WORDS}))"  # "… October two thousand and eight"
)
A_DATE = _A_DATE  # for the detectors elsewhere that read a date after their own cue
# A birth date typed without separators, after its cue: "(dob 03041999)".
_COMPACT_DATE = (r"(?<!\d)(?:(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d\d"
                 r"|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?!\d)")
# A date the text says is someone's birth date: after "DOB", "born (on|in)", "b.", "date of
# birth", or alone in brackets right after a capitalised word ("Kyle Pike (12/05/2007)").
_BIRTH_DATE = re.compile(
    rf"(?:(?<![^\W_])(?:d\.?o\.?b\.?|date{SOME_SPACE}of{SOME_SPACE}birth"
    # a police record's list of them: "DATES OF BIRTH USED: 11/04/1996, 11/04/1995"
    rf"|(?P<several>dates{SOME_SPACE}of{SOME_SPACE}birth(?:{SOME_SPACE}used)?|dobs)"
    rf"|born(?:{SOME_SPACE}(?:on|in))?|b\."
    # "Mum's birthday: 14/03/1990", a pasted contact card's "BDAY:1993-04-28"
    rf"|(?:birth|b['’]?)day)"
    # a record's key and value in quotes: '"dob": "2009-07-14"'
    rf"(?:[\"'”’]{ANY_SPACE}[:=]{ANY_SPACE}[\"'“‘]?|{ANY_SPACE}[:\-–,]?{ANY_SPACE})"
    rf"(?:(?:on|is|was|of|as){SOME_SPACE}"  # "a false DOB of …"
    # or a few words first, then what it was: "claimed date of birth on arrival was …"
    # (not past a clause's joint: "date of birth unknown and the plan was …")
    rf"|(?:(?!(?:and|but|or|so|then|when|while|unknown|not)\b)[a-z]{{2,12}}{SOME_SPACE}){{1,5}}?"
    rf"(?:is|was|as|of|gave|given){SOME_SPACE})?"
    # its weekday before it: "born on Friday 9th June 2017", "birthday is Sunday the 2nd …"
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?{SOME_SPACE})?(?:the{SOME_SPACE})?"
    rf"|(?<=[a-z]){ANY_SPACE}\({ANY_SPACE})(?P<date>{_A_DATE}|{_COMPACT_DATE})",
    re.IGNORECASE,
)

# The next date of a list after "dates of birth": ", 11/04/1995", " and 3 May 1990".
_ANOTHER_DATE = re.compile(rf"[ \t]{{0,3}}(?:[,;/&]|and|or)[ \t]{{0,3}}(?P<date>{_A_DATE})",
                           re.IGNORECASE)

def find_emails(text: str) -> Iterator[Span]:
    for match in _EMAIL.finditer(text):
        yield Span(match.start(), match.end(), EMAIL)
    if " at " in text or "@" in text or "at)" in text.casefold() or "at]" in text.casefold() or (
            "at}" in text.casefold()):
        for match in _SPELT_EMAIL.finditer(text):
            if match["at"].strip() != "at" or _has_spelt_dot(match["domain"]) and (
                    _has_spelt_dot(match["local"]) or _A_MAIL_DOMAIN.match(match["domain"])):
                yield Span(match.start(), match.end(), EMAIL)


# "kezza at example dot com": a plain "at" before a domain spelt out, its first word no
# ordinary one ("looking at the dot com boom" stays).
_A_MAIL_DOMAIN = re.compile(
    r"(?!(?:the|a|an|my|her|his|our|their|this|that)\b)[\w\-]+[ \t]+dot[ \t]+"
    r"(?:com|net|org|co|uk|gov|io|me|info)\b", re.IGNORECASE)


def _has_spelt_dot(part: str) -> bool:
    return re.search(r"(?i)[ \t\[(]dot[ \t\])]", part) is not None


# A date and a time together have a phone or an NHS number's ten digits: "03/11/2026 14:20",
# "2026-11-04 17:45".
_A_DATE_FIRST = re.compile(r"(?:0?[1-9]|[12]\d|3[01])([/.\-])(?:0?[1-9]|1[0-2])\1(?:19|20)\d\d\b"
                           r"|(?:19|20)\d\d([/.\-])(?:0?[1-9]|1[0-2])\2(?:0?[1-9]|[12]\d|3[01])\b")


# A mobile number typed with the letter O for zero: "O77OO 9OO 784", "o7700 9oo 784".
_O_FOR_ZERO_PHONE = re.compile(r"(?<![\w+.])[0Oo](?:[ \t\-]?[0-9Oo]){9,10}(?![\w])")
_MIN_TRUE_DIGITS = 5


def _past_an_open_bracket(match: re.Match[str]) -> int:
    """Where a number that may open with a bracket starts: "Mum (07700 900366)", "NHS no
    (999-000-1014)": the bracket around it stays, for the closing one does; "(01632) 960123":
    the one around its area code goes with it."""
    number = match.group()
    return match.start() + (number.startswith("(") and ")" not in number)


def find_phone_numbers(text: str) -> Iterator[Span]:
    for match in _O_FOR_ZERO_PHONE.finditer(text):
        number = match.group()
        digits = re.sub(r"[ \t\-]", "", number).replace("O", "0").replace("o", "0")
        if (any(ch in "Oo" for ch in number) and sum(ch.isdigit() for ch in number)
                >= _MIN_TRUE_DIGITS and _UK_PHONE.fullmatch(digits)):
            yield Span(match.start(), match.end(), PHONE)
    for pattern in (_UK_PHONE, _INTERNATIONAL_PHONE):
        for match in pattern.finditer(text):
            if not _A_DATE_FIRST.match(text, match.start()):
                yield Span(_past_an_open_bracket(match), match.end(), PHONE)
    for match in _WORDS_PHONE.finditer(text):
        words = re.findall(r"[a-z]+", match.group().casefold())
        if sum(_DIGITS_IN_WORD.get(word, 1) for word in words) >= 10:
            yield Span(match.start(), match.end(), PHONE)


def find_nhs_numbers(text: str) -> Iterator[Span]:
    for match in _NHS_SHAPED.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if is_valid_nhs_number(digits) and not _A_DATE_FIRST.match(text, match.start()) and (
                not POLICE_NUMBER.fullmatch(match.group())) and not (  # "13/224518/26": a crime's
                _ANOTHER_NUMBERS_CUE.search(text, max(0, match.start() - _CUE_REACH),
                                            match.start())):
            yield Span(_past_an_open_bracket(match), match.end(), NHS_NUMBER)


# A cue that names a ten-digit number as another system's, which the reference search labels
# from its cue: "the court's case number is 9991000038", "hospital no. 9991000046" is no NHS
# number though its check digit passes.
_ANOTHER_NUMBERS_CUE = re.compile(
    r"(?<![^\W_])(?i:case|court|crime|police|incident|hospital|hosp|mosaic|lcs|claim|log"
    r"|passport|account)(?:['’]s)?[ \t]+(?i:number|no\.?|ref(?:erence)?|id)[ \t]*"
    r"(?:[:#][ \t]*|(?i:is|was)[ \t]+)?\Z")
_CUE_REACH = 40


# Two capitals and six digits with no suffix letter are some other system's reference just as
# often: after a reference's word ("tenancy ref KH-778812", "account reference: KH 77 88 12")
# the reference search names it, so a provider reads what it was.
_A_REFERENCE_WORD_BEFORE = re.compile(
    r"(?<![^\W_])(?i:ref(?:erence)?)\.?(?:[ \t]+(?i:no\.?|number))?[ \t]*[:#]?[ \t]*$")


def find_ni_numbers(text: str) -> Iterator[Span]:
    for pattern in (_NI_WITH_SUFFIX, _NI_UPPER_CASE, _NI_ONE_TO_A_BOX):
        for match in pattern.finditer(text):
            if pattern is _NI_UPPER_CASE and _A_REFERENCE_WORD_BEFORE.search(
                    text, max(0, match.start() - 20), match.start()):
                continue
            yield Span(match.start(), match.end(), NI_NUMBER)


# A Scottish CHI number, ten digits after its name ("CHI 0801140000", "CHI no. 080114 0000"):
# Scotland's NHS number, its first six digits the date of birth, so it is an NHS number to a
# provider too (and not a phone number, which its leading 0 would make it).
_CHI_NUMBER = re.compile(
    r"(?<![^\W_])(?:CHI|(?i:chi)(?=[ \t]+(?i:no|number)))(?:[ \t]+(?i:no\.?|number))?"
    r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:[:#][ \t]*|(?:is|was)[ \t]+)?"
    r"(?P<value>\d(?:[ \t\-]?\d){9})(?!\d)")


def find_chi_numbers(text: str) -> Iterator[Span]:
    for match in _CHI_NUMBER.finditer(text):
        yield Span(match.start("value"), match.end("value"), NHS_NUMBER)


# After its name a pupil number may be typed in lower case: "UPN k 1234 5678 9013".
_UPN_AFTER_ITS_NAME = re.compile(
    rf"(?i:\bUPN|unique\s+pupil\s+number)\W{{0,3}}(?P<value>[a-z]{_UPN_SEPARATOR}?"
    rf"(?:\d{_UPN_SEPARATOR}?){{11}}[\da-z])(?![^\W_]|[.\-]\w)")


def _one_kind_of_stop(number: str) -> bool:
    """Rule upn-grouped-alike: a pupil number's groups are parted alike, by spaces or by one
    kind of dot or dash, never a mixture ("03.11.2026 14.30" is a date and a time)."""
    stops = set(number) & {".", "-"}
    return not stops or len(stops) == 1 and not re.search(r"\d[ \t]+\d", number)


def find_upns(text: str) -> Iterator[Span]:
    for match in _UPN.finditer(text):
        if _one_kind_of_stop(match.group()):
            yield Span(match.start(), match.end(), UPN)
    for match in _UPN_AFTER_ITS_NAME.finditer(text):
        if _one_kind_of_stop(match.group("value")):
            yield Span(match.start("value"), match.end("value"), UPN)


# A word in lower case that names an event, not a person, before a date in brackets: "Signs
# of Safety mapping (18/11/2026)", "strategy meeting (03/11/2026)", "review (1/12/2026)".
_AN_EVENT_BEFORE = re.compile(
    r"(?<![^\W_])(?:[a-z]+(?:ing|ment|tion|sion|ence|ance|view|al)|visit|panel|order|plan|"
    r"date|held|made|issued|signed|sent|due|started|ended|closed|opened)"
    rf"{ANY_SPACE}\({ANY_SPACE}$")


# A person's word in lower case before a date in brackets, which may be their birth date:
# "her baby (02/12/2026)", "a friend (12/05/2010)"; any other thing's is when it was
# ("Snapchat screenshots (02/12/2026)"), as a capitalised name's is the person's.
_A_WORD_BEFORE = re.compile(rf"([^\W\d_]+){ANY_SPACE}\({ANY_SPACE}$")
# The things a date in brackets is the date of ("screenshots (02/12/2026)"), never anyone's
# birth date. Only after one of these is a bracketed date kept: after any other word it may
# be a person's ("Her kids (05/06/2024)", "The newborn (01/11/2026)", "Her older mate
# (07/08/2008)"), and a person's date of birth goes (attacker's review 24 found a list of
# person words the other way round let those through).
_THINGS_DATED = frozenset({
    "screenshot", "screenshots", "message", "messages", "text", "texts", "post", "posts",
    "photo", "photos", "picture", "pictures", "image", "images", "video", "videos", "clip",
    "clips", "recording", "recordings", "email", "emails", "letter", "letters", "call",
    "calls", "chat", "chats", "incident", "incidents", "report", "reports", "log", "logs",
    "entry", "entries", "record", "records", "note", "notes", "minutes", "meeting",
    "meetings", "review", "reviews", "assessment", "assessments", "visit", "visits",
    "strategy", "conference", "hearing", "hearings", "order", "orders", "plan", "plans",
    "referral", "referrals", "statement", "statements", "interview", "interviews",
    "appointment", "appointments", "admission", "discharge", "exclusion", "exclusions",
    "episode", "episodes", "search", "arrest", "charge", "charges", "offence", "offences",
    "court", "application", "decision", "update", "updates", "check", "checks", "mapping",
    "disclosure", "disclosures", "move", "placement", "placements", "breakdown", "return",
    "returns", "contact", "session", "sessions", "test", "tests", "result", "results",
    "scan", "scans", "injury", "injuries", "attendance", "bulletin", "alert", "alerts",
})


def _a_things_date(text: str, match: re.Match[str]) -> bool:
    """The date is in brackets after a word in lower case that names a thing dated."""
    word = _A_WORD_BEFORE.search(text, max(0, match.start() - 40), match.start("date"))
    if word is None or word.end() != match.start("date") or not word.group(1).islower():
        return False
    return word.group(1) in _THINGS_DATED and not is_relationship_word(word.group(1))


# Someone else's birth date in a clause joined to a "born" one, its own "born" left out: "her
# brother Liam was born on 3rd March 2016 and her sister Ava on 21/07/2019". Only a person
# stands between: relatives' words and capitalised names, never a verb ("and moved to Hexby
# on 21/07/2019" is when they moved).
_ALSO_BORN = re.compile(rf"[ \t]*(?:,|;|,?[ \t]+(?:and|&))[ \t]+"
                        rf"(?P<who>(?:[\w'’\-]+[ \t]+){{1,4}}?)(?:on|in)[ \t]+(?:the[ \t]+)?"
                        rf"(?P<date>{_A_DATE})", re.IGNORECASE)
_A_PERSONS_WORDS = frozenset({"his", "her", "their", "the", "a", "an", "younger", "older",
                              "little", "baby", "big", "twin", "half", "step", "eldest",
                              "youngest", "new"})


def _a_person(words: str) -> bool:
    return all(word[0].isupper() or word.casefold() in _A_PERSONS_WORDS
               or is_relationship_word(word) for word in words.split())


def find_birth_dates(text: str) -> Iterator[Span]:
    for match in _BIRTH_DATE.finditer(text):
        if _AN_EVENT_BEFORE.search(text, max(0, match.start() - 30), match.start("date")):
            continue  # "mapping (18/11/2026)": when it was held, no one's birth date
        if text[match.start() : match.start("date")].strip().endswith("(") and (
                _a_things_date(text, match)):
            continue  # "screenshots (02/12/2026)": a thing's date
        yield Span(match.start("date"), match.end("date"), BIRTH_DATE)
        at = match.end("date")
        while match.group("several") and (more := _ANOTHER_DATE.match(text, at)) is not None:
            yield Span(more.start("date"), more.end("date"), BIRTH_DATE)
            at = more.end("date")
        if text[match.start() : match.start() + 4].casefold() == "born":
            while (more := _ALSO_BORN.match(text, at)) is not None and _a_person(more["who"]):
                yield Span(more.start("date"), more.end("date"), BIRTH_DATE)
                at = more.end("date")


# A life's dates, as an order of service, a headstone or a memorial tattoo gives them: "Nicola
# Gaunt, 21.06.1986 – 09.09.2026", "Tracey 14.02.1982 - 09.09.2024". The first is a birth date
# when the two are sixteen years apart or more (no placement, stay or order of a child's runs
# so long; a life does), or when a word of mourning stands before them on the line ("in memory
# of Lily, 01.02.2019 - 05.03.2022"). Each date has the day first and a four-digit year.
_NUMERIC_DATE = r"\d{1,2}([./\-])\d{1,2}(?P=%s)(?P<%s>(?:19|20)\d{2})"
_LIFE_DATES = re.compile(
    r"(?<![\w./\-])(?P<birth>" + _NUMERIC_DATE.replace("(", "(?P<s1>", 1) % ("s1", "y1") + r")"
    r"(?!\d)[ \t]{0,3}(?:[\-–—]|to)[ \t]{0,3}"
    + _NUMERIC_DATE.replace("(", "(?P<s2>", 1) % ("s2", "y2") + r"(?![\w/])")
_MOURNING = re.compile(r"(?<![^\W_])(?:memory|memorial|r\.?i\.?p|died|passed|angel|grave|funeral"
                       r"|headstone|plaque|remembrance)(?![^\W_])", re.IGNORECASE)
_A_LIFETIME = 16  # years


def find_life_dates(text: str) -> Iterator[Span]:
    for match in _LIFE_DATES.finditer(text):
        before = max(0, match.start() - 80)  # in the same sentence, not far before
        before = max(before, text.rfind("\n", before, match.start()) + 1,
                     text.rfind(". ", before, match.start()) + 2)
        if (int(match["y2"]) - int(match["y1"]) >= _A_LIFETIME
                or _MOURNING.search(text, before, match.start())):
            yield Span(match.start("birth"), match.end("birth"), BIRTH_DATE)


# A table pasted as text, a case system's export: "Surname,Forename,Date of birth,…" and a row
# for each person under it ("PEARCY,Wayne,03/06/1986,Mother's partner"). Each row's cell in the
# date of birth's column is someone's birth date, down to the table's end (a blank line).
_TABLE_SEPARATORS = (",", "\t", "|", ";")
_BIRTH_DATE_HEADING = re.compile(r"date[ _]?of[ _]?birth|d\.?o\.?b\.?|birth[ _]?date",
                                 re.IGNORECASE)
_LONGEST_CELL = 40


def find_birth_dates_in_tables(text: str) -> Iterator[Span]:
    column: int | None = None
    separator = ","
    offset = 0
    for line in text.split("\n"):
        if not line.strip():
            column = None
        elif column is not None:
            cells = line.split(separator)
            if len(cells) > column:
                start = offset + sum(len(cell) + 1 for cell in cells[:column])
                cell = cells[column]
                if len(cell) <= _LONGEST_CELL and any(ch.isdigit() for ch in cell):
                    lead = len(cell) - len(cell.lstrip())
                    yield Span(start + lead, start + len(cell.rstrip()), BIRTH_DATE)
        else:
            for candidate in _TABLE_SEPARATORS:
                cells = [cell.strip() for cell in line.split(candidate)]
                found = next((i for i, cell in enumerate(cells)
                              if _BIRTH_DATE_HEADING.fullmatch(cell)), None)
                if len(cells) > 2 and found is not None:
                    column, separator = found, candidate
                    break
        offset += len(line) + 1


def postcode_finder(home_postcode: str | None) -> Detector:
    """Full postcodes cut to their outward code; the child's own counted as `home_postcode`."""
    home = compact(home_postcode) if home_postcode and is_full_postcode(home_postcode) else None

    def find_postcodes(text: str) -> Iterator[Span]:
        for match in (*_POSTCODE.finditer(text), *_DOTTED_POSTCODE.finditer(text)):
            found = compact(match.group().replace(".", ""))
            kind = HOME_POSTCODE if found == home else POSTCODE
            yield Span(match.start(), match.end(), kind, outward_code(found))

    return find_postcodes


GENERIC_DETECTORS: tuple[Detector, ...] = (
    find_emails,
    find_chi_numbers,  # before the phone numbers, which its leading 0 would make it
    find_phone_numbers,
    find_nhs_numbers,
    find_ni_numbers,
    find_upns,
    find_birth_dates,
    find_birth_dates_in_tables,
    find_life_dates,
)

"""Reference numbers of any system, found by the words that introduce them.

A referral carries more numbers than the form asks for: a second case system's ID ("Liquid
Logic ref: LL0098123"), a police or crime reference ("Police ref 13/118822/26"), a hospital
number, a court case number, the Home Office's case ID ("Home Office CID 11874429"). Each is as
identifying as the case reference, and none has a fixed shape, so each is found by its cue: a
reference word ("ref", "reference", "CRN"), or "number", "no" or "ID" after the system, agency
or record it belongs to ("crime number", "Mosaic ID", "hospital no.", "Hosp No:", "Early Help
ID", "BRP number"), a case, passport, travel pass or licence ("(case NB26C00987)", "bus pass
number 6338 0012 4477"), a bank account ("sort code 40-12-34, account number 12345678",
"sort-code 40 12 38, acc no. 12345682", "s/code 40 12 41 a/c no 12345685") or a card's
last digits ("card ending 4471", "Monzo, ending 8812", "**** 4471"), a system named
alone ("ContrOCC 99123", "NICHE occurrence", "Occurrence 5426-1187", "STORM", "police log
0412", "UAN is …"); or a
service's own slashed shape ("MFH/26/1187"). What follows the cue is removed when it holds four
digits or more; "ref to her school", "ID 3" and "a bank account in 2027" stay. A court's case
number (a family court's "LS26P01236", a Crown Court's "T20267041"), a driving licence (spaced
or not), a CRO number, a Child Benefit number ("CHB12345678AB") and an IBAN go by their shape
alone. A car's number plate goes too: in the current UK shape ("YX19 ABC") anywhere, in lower
case or run together beside a vehicle's word or colour in its sentence ("a black Skoda,
yx21klm"), in any
other after "plate" or "registration" ("K1 LEE", "plate k1 lee", "plate that starts NB66 and
ends in XKT", "the personalised plate 'GAZ 1'") or in brackets after a vehicle ("a BMW (A123
BCD)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from broker.anonymise import lexicon
from broker.anonymise.labels import REFERENCE
from broker.anonymise.spans import Span

_WHOSE = (r"police|crime|incident|log|case|court|claim|hosp(?:ital)?|patient|client|person|child|"
          r"file|record|mosaic|liquid\s?logic|lcs|eclipse|carefirst|paris|ehm|cp|cin|"
          r"system|unique|gp|social\s+care|la|council|occurrence|custody|escr|pnc|uci|uln|"
          r"learner|pupil|arrest|charge|warrant|docket|home\s+office|ho|early\s+help|"
          r"capita(?:\s+one)?|brp|biometric|port|asylum|nass|athena|application|niche"
          r"(?:\s+occ(?:urrence)?)?|storm|police\s+log|incident\s+log|prison(?:er)?|"
          r"certificate|dbs|emp|employee|payroll|staff|works|chi")
# What may stand between a cue and its value: "passport, no. A07654321", "passport (no.
# 533380013)", "passport; no.", "passport [no.", "passport - no. -", "passport – no. –",
# "passport {no."; a table's next cell, "Passport number | 5333…"; "his learner number on the
# college form is 4567891230" and "port reference on his IS96 is …": a few words, then "is";
# "recorded on CareFirst as 1122334".
_CUE_TAIL = (r"(?P<head>)\s*(?:[,(;\[{\-–—]{1,2}\s*(?:no|number|num)\b\.?\s*[:#\-–—]{0,2}\s*"
             r"|[:#=|]\s*|-\s+|as\s+"
             # an aside in brackets, then a colon: "CHI number (Fife, pre-2024): 1203128865"
             r"|\([^()\n]{1,40}\)\s{0,3}[:#=|]\s*"
             # or its short name in brackets, then "is": "FA number (FAN) is 21876543"
             r"|\([^()\n]{1,40}\)\s{1,3}(?:is|was)\s+"
             r"|(?:is|was)\s+|(?!of\b)(?<![.!?]\s)(?<![.!?])(?:[a-z0-9][a-z0-9]{0,29}\s+){1,4}?"
             r"(?:is|was)\s+)?")  # not in the next sentence: "the case. The officer is DC 4471"
_CUE = re.compile(
    rf"(?<![^\W\d_])(?:(?:{_WHOSE})\.?\s+(?:ref(?:erence)?|no|number|num|id)"
    rf"(?:\.?\s+(?:no|number|num)(?![^\W\d_]))?|ref(?:erence)?"
    rf"s?(?:\s+(?:no|number|num))?|crn|mrn|cad|cid|uci|pnc|uln|uan|urn|brp|cro|proceedings|iban|"
    r"(?:case|passport|certificate|(?:bus|travel|oyster|zip)\s?(?:pass|card)|(?:driving\s+)?licen[cs]e"
    r"|cro|(?:bank\s+)?(?:acc(?:ount)?|a/c)|sort[\s\-]?code|s/code)"
    r"(?:\.?\s+(?:no|number|num))?|id(?:\s+(?:no|number))?|(?:police|incident)\s+log|"
    r"(?:mosaic|liquid\s?logic|lcs|eclipse|carefirst|controcc|niche(?:\s+occ(?:urrence)?)?"
    r"|storm(?:\s+log)?|athena|ehm|ics|incident|occurrence|log)|(?:practice|ods)\s+code"
    # a national identity number or card: "PESEL is 13230304562", "(CNP) is 187…", "seria RX nr
    # 447120", "dowód osobisty ABC 123456", "personnummer 20091231-1234"
    r"|pesel|cnp|nr|osobisty|personalausweis|personnummer|bsn|nif|codice\s+fiscale|cnic"
    # an Irish PPS number, a money transfer's control number, a barcode ("parkrun barcode
    # A4471093")
    r"|ppsn?|mtcn|barcode"
    # a school's establishment number, which names it as its DfE number does: "LAESTAB 3734021"
    r"|laestab"
    # an exam centre's number (five digits), public and pointing to the school: "number 4417 at
    # centre 36215", "centre no. 36215"
    r"|(?:exam(?:ination)?\s+)?cent(?:re|er)(?:\s+(?:no|number|num))?"
    r"(?=\s*[:#]?\s*\d{5}(?!\d))"
    # a club's or a body's membership, a register's entry, a device's serial: "Swim England
    # membership is 1209987", "NRCPD reg. 1234567", "meter is serial 92817364"; a taxi
    # driver's licence badge: "private hire badge 4471"
    r"|membership|reg(?:istration)?|serial|badge"
    # a pet's microchip, a flight's e-ticket: "microchip is 941000024681357", "e-ticket 07123…"
    r"|microchip|e-?ticket"
    # a case system's banner: "IDs - Person: 3381902"
    r"|person(?=[ \t]{0,3}[:|]))"
    r"(?![^\W\d_])\.?[)\]]?" + _CUE_TAIL, re.IGNORECASE)
# Any record's number, after any word but a count's: "GWF number GWF066712345", "H&C number
# 320 614 7725", "unit no. is J4412093", "exam candidate number is 4172", "service number
# 30123456", "medical card number is 60127" ("the number of visits is 1500" stays).
_COUNTS = (r"the|a|an|total|same|this|that|any|some|large|larger|small|smaller|high|higher|low|"
           r"lower|big|great|greater|growing|increasing|rising|whole|exact|lucky|her|his|their|"
           r"our|my|your|its|average|overall|combined|final|estimated|approximate|rough|is|was|were|"
           r"are|be|been|being|lottery|winning|odd|even|prime|magic|phone|mobile|telephone")
_ANY_CUE = re.compile(
    rf"(?<![^\W\d_])(?!(?:{_COUNTS})(?![\w&]))[^\W\d_][\w&]{{1,19}}[ \t]{{1,3}}"
    r"(?:number|num|no\.|nr\.?|id)(?![^\W\d_])" + _CUE_TAIL, re.IGNORECASE)
# A phone's IMEI, fifteen digits however grouped: "IMEI 35 209900 176148 1".
_IMEI = re.compile(r"(?<![^\W\d_])imei(?:\s+(?:no|number))?\.?\s*[:#]?\s*"
                   r"(?P<value>\d(?:[ \-]?\d){14,16})(?!\d)", re.IGNORECASE)
_VALUE = re.compile(r"[A-Z0-9]{1,20}(?:[/.\-][A-Z0-9]{1,20}){0,4}(?:[ ]\d{2,8}){0,3}(?!\w)",
                    re.IGNORECASE)
_MIN_DIGITS = 4
_A_WORD_THEN_NUMBERS = re.compile(r"[a-z]+[ ]")  # in lower case: a word, not a code
_A_YEAR = re.compile(r"(?:19|20)\d{2}")
# A log's stamp, a date or a date and a time, is when, not which: "POLICE LOG (pasted):⏎
# 04/12/2026 01:14 …" (what follows the cue is the log's first entry).
_A_DATE_AND_TIME = re.compile(r"(?:0?[1-9]|[12]\d|3[01])([/.\-])(?:0?[1-9]|1[0-2])\1(?:\d{2}|\d{4})"
                              r"(?:[ ]\d{1,2}:\d{2})?\D{0,3}")
_A_GAP = re.compile(r"[ \t]{1,3}")


# A log or assessment number in a service's own shape, with no cue: "MFH/26/1187", "CSE/0441".
_SLASHED_CODE = re.compile(
    r"(?<![\w/])[A-Z]{2,7}[ \t]?([/-])[ \t]?\d{2,6}(?:[ \t]?\1[ \t]?\d{2,6})?(?![\w/])",
    re.IGNORECASE)


# Numbers whose shape alone says what they are: a family court's case number ("LS26P01236",
# public law C, private law P; spaced or dashed, "LS 26 C 00123", "LS-26-C-00123"), a UK
# driving licence (five letters of the surname, the birth date, initials:
# "BRIGG751026K99CD"), a Crown Court's case number ("T20267041": T, the year,
# a serial), a criminal record office number ("012345/26H"), a notice's year, force and serial
# ("PPN 26/NB/88142"), a UK bank account's IBAN ("GB82 WEST 1234 5698 7654 32").
_SHAPED = re.compile(
    r"(?<![\w/])(?:[A-Z]{2}([ \-]?)\d{2}\1[CPZ]\1\d{5}|[A-Z9]{5}[ ]?\d{6}[ ]?[A-Z9]{2}\d[A-Z]{2}"
    r"|\d{6}/\d{2}[A-Z]|\d{2,4}/[A-Z]{1,4}/\d{3,8}|T(?:19|20)\d{2}\d{4}"
    r"|GB\d{2}[ ]?[A-Z]{4}(?:[ ]?\d{4}){3}[ ]?\d{2})(?![\w/])")


# A passport's or an ID card's machine-readable line, whole: its names, number, nationality
# and date of birth ("P<ERITESFAMARIAM<<…", "E012345672ERI1203034M2703035<<<<<<04").
_MACHINE_READABLE = re.compile(
    r"(?m)^[ \t]{0,8}(?=[A-Z0-9<]{0,48}<<)[A-Z0-9<]{28,50}[ \t]{0,8}$")


# Numbers a cue of their own names, each in its own shape: an eVisa share code ("share code
# W7X 2KP 9QL"), a booking's reference of letters and a few digits ("booking reference
# TL7Q9X2KP"), the service number on a dog tag ("dog tag, 'G. PICKERSGILL 24681357'").
_OWN_SHAPES = re.compile(
    r"(?<![^\W\d_])(?i:share[ \t]?code)[ \t]{0,3}(?:(?:is|was)[ \t]{1,3}|:[ \t]{0,3})?"
    r"(?P<share>[A-Z0-9]{3}[ \-]?[A-Z0-9]{3}[ \-]?[A-Z0-9]{3})(?![\w\-])"
    r"|(?<![^\W\d_])(?i:booking[ \t]+(?:ref(?:erence)?|no|number)\.?)[ \t]{0,3}"
    r"(?:(?:is|was)[ \t]{1,3}|[:#][ \t]{0,3})?"
    r"(?P<booking>(?=[A-Z]{0,11}\d)[A-Z0-9]{6,12})(?![\w\-])"
    # a device's serial number in letters and digits: "transmitter SN 8G4QX2"
    r"|(?<![^\W\d_])(?:SN|S/N|(?i:serial(?:[ \t]+(?:no|number))?))\.?[ \t]{0,3}"
    r"(?:(?:is|was)[ \t]{1,3}|[:#][ \t]{0,3})?(?P<serial>(?=[A-Z]{0,11}\d)[A-Z0-9]{5,12})"
    r"(?![\w\-])"
    r"|(?<![^\W\d_])(?i:dog[ \t\-]?tags?)[^\n\d]{0,40}(?P<tag>\d{6,10})(?!\d)")
# Another's number of the kind just given: "X's DBS certificate number is 0017… and Pauline's
# is 001798765432".
_ANOTHERS_TOO = re.compile(
    r"[^.\n]{0,80}?['’]s[ \t]+(?:is|was)[ \t]+(?P<value>\d(?:[ ]?\d){7,19})(?![\w])")


_A_SPACED_DASH = re.compile(r"[ \t]-|-[ \t]")


# A card's or an account's last digits, by the word that says they end it: "card ending 4471",
# "bank card (Monzo, ending 8812)", "account ends in 2231", "the last four digits of her card
# are 4471", or masked as a statement prints them: "**** 4471", "xxxx-8812".
_LAST_DIGITS = re.compile(
    r"(?<![^\W_])(?i:card|account|acct|a/c|acc)(?![^\W_])[^.\n]{0,30}?(?<![^\W_])"
    r"(?i:ending|ends)(?:[ \t]+(?i:in|with))?[ \t]*[:\-]?[ \t]*(?P<digits>\d{3,4})(?![\d/])"
    r"|(?<![^\W_])(?i:last)[ \t]+(?i:four|4)[ \t]+(?i:digits|numbers)[^.\n\d]{0,40}?"
    r"(?P<stated>\d{4})(?!\d)"
    r"|(?<![\w*])(?:\*{4}|[xX]{4})[ \t\-]?(?P<masked>\d{4})(?!\d)")


def find_reference_numbers(text: str) -> Iterator[Span]:
    for match in _SHAPED.finditer(text):
        yield Span(match.start(), match.end(), REFERENCE, None)
    for match in _MACHINE_READABLE.finditer(text) if "<<" in text else ():
        yield Span(match.start(), match.end(), REFERENCE, None)
    for match in _OWN_SHAPES.finditer(text):
        group = next(name for name in ("share", "booking", "tag", "serial")
                     if match.group(name))
        yield Span(match.start(group), match.end(group), REFERENCE, None)
    for match in _IMEI.finditer(text):
        yield Span(match.start("value"), match.end("value"), REFERENCE, None)
    for match in _LAST_DIGITS.finditer(text):
        group = next(name for name in ("digits", "stated", "masked") if match.group(name))
        yield Span(match.start(group), match.end(group), REFERENCE, None)
    for cue in (*_CUE.finditer(text), *_ANY_CUE.finditer(text)):
        value = _VALUE.match(text, cue.end())
        if (value is None or not any(ch.isdigit() for ch in value.group())) and (
                gap := _A_GAP.match(text, cue.end("head"))) is not None and gap.end() < cue.end():
            # "barcode A4471093 is on his keyring": the words before "is" were the value
            value = _VALUE.match(text, gap.end())
        if (value is not None and sum(ch.isdigit() for ch in value.group()) >= _MIN_DIGITS
                and not _A_YEAR.fullmatch(value.group())  # "in case 2026 is worse"
                and not _A_DATE_AND_TIME.fullmatch(text, value.start(), value.end() + 3)
                and not _A_WORD_THEN_NUMBERS.match(value.group())):  # "bank account in 2027"
            yield Span(value.start(), value.end(), REFERENCE, None)
            if (another := _ANOTHERS_TOO.match(text, value.end())) is not None:
                yield Span(another.start("value"), another.end("value"), REFERENCE, None)
    for code in _SLASHED_CODE.finditer(text):
        if _A_SPACED_DASH.search(code.group()):
            continue  # "Family friend – 07700 900 713": a dash between a word and a phone
        numbers = re.findall(r"\d+", code.group())  # "mid-2026" is a time, not a log
        if sum(map(len, numbers)) >= _MIN_DIGITS and not (
                len(numbers) == 1 and _A_YEAR.fullmatch(numbers[0])):
            yield Span(code.start(), code.end(), REFERENCE, None)


# A current UK number plate: two letters, two digits, three letters ("YX19 ABC"), in capitals.
# (and spaced as a private plate may be: "KD 55 OOM")
_PLATE = re.compile(
    r"(?<![\w-])[A-Z]{2}(?:\d{2}|[ \t]\d{2}[ \t](?=[A-Z]{3}))[ \t]?[A-Z]{3}(?![\w-])")


# Any other plate, older ("A123 BCD", "ABC 123D") or private ("K1 LEE"), after the words
# that introduce one: two groups of capitals and digits with a digit among them, so "Reg 44
# visits" and "registered with a GP" stay.
# (Not makes that are also everyday words: "her seat (row 12B)", "the Golf (hole 4)".)
_VEHICLES = (r"car|van|vehicle|motorbike|moped|taxi|bmw|audi|ford|vauxhall|mercedes|vw|"
             r"volkswagen|toyota|nissan|honda|kia|hyundai|peugeot|renault|skoda|fiat|corsa|"
             r"fiesta|astra|range\s+rover|land\s+rover|volvo|tesla")
_PLATE_CUE = re.compile(
    r"(?<![^\W\d_])(?:(?:number\s+|private\s+|personalised\s+)?plates?|"
    r"reg(?:istration)?s?(?:\s+(?:number|no|mark|plate)s?)?|vrm|index)"
    r"(?![^\W\d_])\.?\s*(?:[:#=,]\s*|-\s+|(?:is|was|reads|read|of|(?:that[ \t]+)?"
    r"(?:starts|started|starting|begins|began|beginning)(?:[ \t]+with)?)\s+)?"
    r"['\"‘“]?", re.IGNORECASE)  # "a plate that starts NB66", "the personalised plate 'GAZ 1'"
# A plate's end told after its start: "starts NB66 and ends in XKT" (in capitals).
_PLATE_ENDS = re.compile(
    r"[ \t]{1,3}and[ \t]{1,3}(?:it[ \t]{1,3})?(?:ends|ended|ending)[ \t]{1,3}(?:in|with)[ \t]{1,3}"
    r"(?P<end>[A-Z0-9]{2,4})(?![\w-])")
# Or a vehicle, its plate in brackets after it: "a BMW (A123 BCD)", "white van (k1 lee)"; the
# bracket is found first, and the vehicle looked for just before it.
_BRACKET = re.compile(r"\(\s*")
_VEHICLE_BEFORE = re.compile(rf"(?<![^\W\d_])(?:{_VEHICLES})\s*$", re.IGNORECASE)
# After its cue a plate may be in lower case too ("plate k1 lee"), with a digit among it, in
# its own few characters ("reg nb19xdp, and a white Mercedes registration WU68OTA": "and a"
# is no plate).
_ANY_PLATE = re.compile(
    r"(?=[A-Z]{0,4}(?:[ \t][A-Z]{0,4})?\d)(?:[A-Z0-9]{1,4}(?:[ \t][A-Z0-9]{1,4})?|[A-Z0-9]{5,8})"
    r"(?![\w-])",
    re.IGNORECASE)
# Another plate listed after the first: "plates K1 LEE and P12 JAX".
_NEXT_PLATE = re.compile(r"[ \t]*(?:,|and|&|or)[ \t]*")


# The current shape in lower case or run together ("yx21klm", "Yx21 Klm"), beside a vehicle's
# word or its colour in the sentence: "a black Skoda, yx21klm, at 01:30".
_PLATE_ANY_CASE = re.compile(r"(?<![\w-])[A-Za-z]{2}\d{2}[ \t]?[A-Za-z]{3}(?![\w-])")
_A_VEHICLE_NEAR = re.compile(
    rf"(?<![^\W\d_])(?:{_VEHICLES}|cab|uber|lorry|motorcycle|scooter|black|white|silver|grey"
    r"|gray|red|blue)(?![^\W\d_])", re.IGNORECASE)
_VEHICLE_REACH = 60  # characters either side of the plate, within its sentence


def _ends_in_a_word(plate: str) -> bool:
    """Rule: "starts NB66 and ends in XKT": a spaced shape whose letters are a common word
    ("and", "the", "was") is the plate's start and the sentence going on, not a plate."""
    start, _, letters = plate.rpartition(" ")
    return bool(start) and lexicon.zipf(letters) >= lexicon.WORDY


def _beside_a_vehicle(text: str, start: int, end: int) -> bool:
    before = re.split(r"[.!?\n]", text[max(0, start - _VEHICLE_REACH) : start])[-1]
    after = re.split(r"[.!?\n]", text[end : end + _VEHICLE_REACH])[0]
    return bool(_A_VEHICLE_NEAR.search(before) or _A_VEHICLE_NEAR.search(after))


def find_vehicle_registrations(text: str) -> Iterator[Span]:
    """A car's number plate, which identifies its owner as surely as a reference does."""
    for match in _PLATE.finditer(text):
        yield Span(match.start(), match.end(), REFERENCE, None)
    for match in _PLATE_ANY_CASE.finditer(text):
        if not _PLATE.fullmatch(match.group()) and not _ends_in_a_word(match.group()) \
                and _beside_a_vehicle(text, match.start(), match.end()):
            yield Span(match.start(), match.end(), REFERENCE, None)
    cues = [cue.end() for cue in _PLATE_CUE.finditer(text)] + [
        bracket.end() for bracket in _BRACKET.finditer(text)
        if _VEHICLE_BEFORE.search(text, max(0, bracket.start() - 20), bracket.start())]
    for at in cues:
        for _ in range(5):  # a short list of plates
            plate = _ANY_PLATE.match(text, at)
            if plate is None or not re.search(r"[A-Za-z]", plate.group()):
                break
            plate_end = plate.end()
            if plate.group().casefold().endswith((" and", " or")):
                plate_end = plate.start() + plate.group().rindex(" ")  # "NB66 and ends in …"
            yield Span(plate.start(), plate_end, REFERENCE, None)
            if (end := _PLATE_ENDS.match(text, plate_end)) is not None:
                yield Span(end.start("end"), end.end("end"), REFERENCE, None)
                break
            joined = _NEXT_PLATE.match(text, plate_end)
            if joined is None or joined.end() == plate.end():
                break
            at = joined.end()


# A police force's crime or incident number in its usual shape, with or without a cue:
# "13/118822/26" (force/serial/year), never a date (the middle part is 4 to 7 digits).
POLICE_NUMBER = re.compile(r"(?<![\w/])\d{2}/\d{4,7}/\d{2}(?![\w/])")


# A Child Benefit number by its shape, with no cue: "CHB" and eight digits and two letters
# ("(CHB12345678AB)", "CHB 12345678 AB").
_CHILD_BENEFIT_NUMBER = re.compile(r"(?<![^\W_])CHB[ \t]?\d{8}[ \t]?[A-Z]{2}(?![^\W_])",
                                   re.IGNORECASE)


def find_police_numbers(text: str) -> Iterator[Span]:
    for match in POLICE_NUMBER.finditer(text):
        yield Span(match.start(), match.end(), REFERENCE, None)
    for match in _CHILD_BENEFIT_NUMBER.finditer(text):
        yield Span(match.start(), match.end(), REFERENCE, None)

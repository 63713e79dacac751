"""Numbers that lead straight back to the child or the household and that no cue word
introduces: a published judgment's neutral citation ("[2026] EWFC 123 (B)"), a police crime
system's number after the system's name ("CRIS 4412345/26"), an IP address ("81.2.69.160",
which a broadband account answers to) and number plates from Northern Ireland ("LXZ 4821")
and Ireland ("191-D-34567"), whose shapes the British plate's rules do not know. Each is a
`[reference]`. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from broker.anonymise.labels import REFERENCE
from broker.anonymise.spans import Span

# The courts' and tribunals' own abbreviations, so "[2026] EWFC 123" names one judgment.
_COURTS = (
    r"UKSC|UKPC|UKUT|UKFTT|EWCA[ \t]+(?:Civ|Crim)|EWHC|EWFC|EWCOP|EWFC|CSIH|CSOH|HCJAC"
    r"|SAC|NICA|NIFam|NIMaster|NIQB|NICh|EWYC"
)
_NEUTRAL_CITATION = re.compile(
    rf"\[(?:19|20)\d\d\][ \t]+(?:{_COURTS})[ \t]+\d{{1,5}}(?:[ \t]*\([A-Za-z]{{1,6}}\))?"
)
# A police system named before its number: the Met's CRIS, and others' Athena, Unifi, Pronto.
_CRIME_SYSTEM_NUMBER = re.compile(
    r"(?<![^\W_])(?:CRIS|Athena|ATHENA|Unifi|UNIFI|Pronto|PRONTO)[ \t]*(?:no\.?|number|ref\.?)?"
    r"[ \t]*[:#]?[ \t]*(?P<number>\d{5,8}(?:/\d{2,4})?)(?![\w/])"
)
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IP_ADDRESS = re.compile(rf"(?<![\w.])(?:{_OCTET}\.){{3}}{_OCTET}(?![\w]|\.\d)")
# Northern Ireland's marks end in a pair with I or Z that names the county ("LXZ 4821").
_NI_PLATE = re.compile(r"(?<![\w-])[A-Z](?:[A-HJ-PR-Y]Z|I[ABGJLW]|[JOUX]I)[ \t]?\d{1,4}(?![\w-])")
# Ireland's: the year, the county's letters, a serial ("191-D-34567", "08 KY 1234").
_IRISH_PLATE = re.compile(
    r"(?<![\w-])\d{2,3}([- ])(?:CE|CN|CW|C|DL|D|G|KE|KK|KY|LD|LH|LK|LM|LS|L|MH|MN|MO|OY|RN|SO"
    r"|TN|TS|T|WD|WH|WW|WX|W)\1\d{1,6}(?![\w-])"
)


def find_traces(text: str) -> Iterator[Span]:
    for pattern in (_NEUTRAL_CITATION, _IP_ADDRESS, _NI_PLATE, _IRISH_PLATE):
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), REFERENCE)
    for match in _CRIME_SYSTEM_NUMBER.finditer(text):
        yield Span(match.start("number"), match.end("number"), REFERENCE)

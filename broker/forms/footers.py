"""A footer or legal notice below the writer's name is the organisation's, not the answer.

An organisation's mail system appends the same lines to every email its staff send: a legal
notice ("DISCLAIMER: Nothing in this email constitutes an offer … subject to contract … please
decline any attachment") or an advertising line ("CURRENT VACANCY: YES – 1 bed available from
07/12/2026"). Read as the reply's prose, a notice's "offer" or "decline", or a banner's bed and
date, would decide the answer or give its terms. So the reply's closing paragraphs are not read
when they are such notices:

- a legal notice (opening "DISCLAIMER", "CONFIDENTIALITY NOTICE", "LEGAL NOTICE", or, not in
  the first person, saying "received this email in error", "intended solely for",
  "constitutes an offer", "subject to contract") is not read wherever it closes the reply;
- a paragraph that opens with a label in capitals ("CURRENT VACANCY:", "VACANCIES:") and says
  nothing in the first person ("we", "I", "our") is not read when it follows the writer's name
  set apart as a paragraph ("Megan Fairclough" over "Placement Officer, Rosewood Lodge"): the
  writer signed above it.

- in the paragraph that closes the reply and opens with the writer's name, a line under the
  name that opens with a label ("Next vacancy: 21/12/2026 | Fees from £4,600pw") and says
  nothing in the first person is the signature's banner, and it and the lines under it are
  not read (but a line labelled as the response form's are, "Available from: 14/12"; nor one
  that says terms, a money amount, a condition, a staffing ratio or a sentence with a verb,
  "Service: Residential (£5,200 pw)", "Service: 2:1 staffing is needed at an additional
  £1,500 per week": broker/forms/signed_below.py `says_terms`, a price advertised "from"
  aside, "Fees from £4,600pw", which is the banner's).

A paragraph in the first person after the name ("PS we could also start on the 14th") is the
writer's own, and it and everything above it are read.
"""

from __future__ import annotations

import re

from broker.forms.signed_below import PRICE_FROM, says_terms

__all__ = ["is_a_notice", "without_a_footer"]

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_NOTICE_LABEL = re.compile(
    r"^[ \t*_]{0,3}(?:disclaimer|confidentiality(?:[ \t]+notice)?|legal[ \t]+notice|"
    r"important[ \t]+notice|privacy[ \t]+notice)\b", re.IGNORECASE)
_NOTICE = re.compile(
    r"\breceived[ \t]+(?:this|it)[ \t]+(?:e-?mail[ \t]+|message[ \t]+)?in[ \t]+error\b"
    r"|\bintended[ \t]+(?:solely|only)[ \t]+for\b"
    r"|\bconstitutes?[ \t]+an[ \t]+offer\b|\bsubject[ \t]+to[ \t]+contract\b",
    re.IGNORECASE)
# A label in capitals opening a footer's paragraph: "CURRENT VACANCY:", "OUR HOMES -".
# (A writer's own later note is not one: "PS - manager says the 21st", "UPDATE: bed gone".)
_CAPITALS_LABEL = re.compile(r"^[ \t*_]{0,3}(?!(?:P+S|NB|NOTE|UPDATED?|EDIT|CORRECTION)\b)"
                             r"[A-Z][A-Z&/']{2,20}(?:[ \t][A-Z&/']{2,20}){0,3}"
                             r"[ \t]*[:\-\u2013]")
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|I|[Oo]ur|[Uu]s|[Ww]e['’](?:re|ve|d|ll)|I['’](?:m|ve|d))\b")
# The writer's name, a paragraph of its own: a name line, and a role line or two under it.
_NAME = re.compile(r"[ \t]*[A-Z][a-z'’-]{1,20}(?:[ \t][A-Z][a-z'’-]{1,20}){0,2}[ \t]*")
_ROLE_LINES, _ROLE_CHARS = 2, 80


def without_a_footer(text: str) -> str:
    """The reply less the notices and footers that close it (see the module's rules)."""
    paragraphs = _PARAGRAPHS.split(text)
    end = len(paragraphs)
    while end > 1 and is_a_notice(paragraphs[end - 1]):
        end -= 1
    signed = end
    while signed > 1 and _is_a_footer(paragraphs[signed - 1]):
        signed -= 1
    if signed < end and signed > 1 and _is_a_name(paragraphs[signed - 1]):
        end = signed
    if end > 1 and _is_a_name(banner_free := _without_signature_banner(paragraphs[end - 1])):
        paragraphs[end - 1] = banner_free
    elif end == len(paragraphs):
        return text
    return "\n\n".join(paragraphs[:end])


# A line under the writer's name that opens with a label: "Next vacancy: 21/12/2026", "Fees
# from: £4,600" (but not the response form's own labels).
_SIGNATURE_LABEL = re.compile(
    r"[ \t]{0,3}(?!(?:decision|weekly|available|start|decline|reason|fee)\b)"
    r"[A-Z][a-z]{1,20}(?:[ \t][A-Za-z]{1,20}){0,2}[ \t]?:", re.IGNORECASE)


def _without_signature_banner(paragraph: str) -> str:
    """The writer's name paragraph less a labelled banner line under it (and what follows)."""
    lines = paragraph.split("\n")
    named = next((index for index, line in enumerate(lines) if line.strip()), None)
    if named is None or not _NAME.fullmatch(lines[named]):
        return paragraph
    for index in range(named + 1, len(lines)):
        if _SIGNATURE_LABEL.match(lines[index]) and not _FIRST_PERSON.search(
                lines[index]) and not says_terms(PRICE_FROM.sub(" ", lines[index])):
            return "\n".join(lines[:index])
    return paragraph


def is_a_notice(paragraph: str) -> bool:
    """A legal notice: under its label, or in its words when not in the first person (the
    writer's own "we can offer, subject to contract" is the writer's)."""
    paragraph = paragraph.strip("\n")
    return bool(_NOTICE_LABEL.match(paragraph)) or (
        bool(_NOTICE.search(paragraph)) and not _FIRST_PERSON.search(paragraph))


def _is_a_footer(paragraph: str) -> bool:
    return bool(_CAPITALS_LABEL.match(paragraph.strip("\n"))) and not _FIRST_PERSON.search(
        paragraph)


def _is_a_name(paragraph: str) -> bool:
    lines = [line for line in paragraph.strip("\n").split("\n") if line.strip()]
    return 0 < len(lines) <= 1 + _ROLE_LINES and bool(_NAME.fullmatch(lines[0])) and all(
        len(line) <= _ROLE_CHARS and not any(character.isdigit() for character in line)
        for line in lines[1:])

"""The terms a reply's text part and HTML part word differently, for a provider's reply.

A mail client sends a reply twice over, as plain text and as HTML, and the two should say
the same. When one was edited after the other was made, they do not: "from 14/12" in the
text part, "from 21/12" in the HTML (round 54's c74), or a PS only in the HTML that moves the
start ("the start would need to be Monday 21st rather than the 14th", c29). The form's
fields are compared in broker/forms/message.py; this compares what each part's words give,
read as a reply is read (broker/forms/response.py), for the typed terms: the decision, the
weekly fee and the start. A term both parts give, differently, is returned, for the caller to
ask about rather than take the text part's silently. A term only one part gives is not.

Reading a part costs as much as reading the reply, so the parts are read only when their
words differ: the same words, however each part lays them out (its line breaks, bullets,
bold marks, the links a text part spells out), give the same terms.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from broker.forms.response import read_response
from broker.forms.spec import FormSpec

TERMS = ("decision", "weekly_fee", "available_from")
# What a text part spells out that its HTML shows otherwise: a link's address, an embedded
# picture's name ("[cid:image001.png@01DB…]", "[image: logo]").
_NOT_WORDS = re.compile(r"<[^<>\s]{1,300}>|\[(?:cid|image)[^\]\n]{0,300}\]|\b(?:https?://|"
                        r"mailto:|www\.)\S{1,300}", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+|£")


def _words(text: str) -> list[str]:
    return _WORD.findall(_NOT_WORDS.sub(" ", text).lower())


def terms_worded_apart(plain: tuple[str, Mapping[str, str]], html: tuple[str, Mapping[str, str]],
                       spec: FormSpec, on: date) -> dict[str, list[str]]:
    """The terms the two parts, each its new text and the fields read from it, give
    differently: each with the text part's value and the HTML part's, in words."""
    if not all(key in spec.keys for key in TERMS) or not plain[0].strip() or not (
            html[0].strip()) or _words(plain[0]) == _words(html[0]):
        return {}
    read = [read_response(dict(fields), text, spec, message_date=on) for text, fields in
            (plain, html)]
    apart: dict[str, list[str]] = {}
    for key in TERMS:
        values: list[Any] = [getattr(part, key) for part in read]
        if None not in values and values[0] != values[1]:
            apart[key] = [str(value) for value in values]
    return apart

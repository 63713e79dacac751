"""A reply whose text part and HTML part word a term differently (round 54's c29, c74): the
start, fee or decision each part's words give, when the two differ, is asked, never the text
part's taken silently; the same words laid out differently are read as ever, and cost no
second reading."""

from __future__ import annotations

from datetime import date

import pytest

import broker.forms.parts_worded_apart as worded
from broker.forms.message import read_message
from broker.forms.parts_worded_apart import terms_worded_apart
from broker.forms.response import ParsedResponse, read_response
from tests.factories import RESPONSE_SPEC

_DEC7 = date(2026, 12, 7)


def _alternative(plain: str, html: str) -> ParsedResponse:
    raw = ("From: Kim <placements@larch-house.example>\nTo: r+ab12cd@broker.example\n"
           "Subject: RE: Referral REF-2026-000123\nDate: Mon, 07 Dec 2026 10:15:00 +0000\n"
           'MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="b"\n\n'
           f"--b\nContent-Type: text/plain; charset=utf-8\n\n{plain}\n"
           f"--b\nContent-Type: text/html; charset=utf-8\n\n{html}\n--b--\n").encode()
    read = read_message(raw, RESPONSE_SPEC, new_text_only=True)
    return read_response(dict(read.fields), read.body_text, RESPONSE_SPEC, message_date=_DEC7,
                         known_service_name="Larch House", conflicts=read.conflicts)


def _html(text: str) -> str:
    return "<div dir='ltr'>" + "".join(f"<div>{line or '<br>'}</div>"
                                        for line in text.split("\n")) + "</div>"


_OFFER = "We can offer at £4,800 pw from 14/12.\n\nKim"


@pytest.mark.parametrize("html", [
    "We can offer at £4,800 pw from 21/12.\n\nKim",  # edited after the text part was made
    _OFFER.replace("\n\nKim", "\n\nPS – just checked with our RM, the start would need to be "
                   "Monday 21st rather than the 14th.\n\nKim"),  # a PS only in the HTML
])
def test_a_start_the_parts_word_differently_is_asked(html: str) -> None:
    parsed = _alternative(_OFFER, _html(html))
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", 4800, None)
    assert parsed.missing == ["available_from"]


def test_a_fee_the_parts_word_differently_is_asked() -> None:
    parsed = _alternative(_OFFER, _html(_OFFER.replace("4,800", "4,950")))
    assert (parsed.weekly_fee, parsed.available_from) == (None, date(2026, 12, 14))
    assert parsed.missing == ["weekly_fee"]


def test_a_decision_the_parts_word_differently_is_asked() -> None:
    parsed = _alternative(_OFFER, _html("Sorry, we can't offer after all - the bed has gone."
                                        "\n\nKim"))
    assert (parsed.decision, parsed.missing) == (None, ["decision"])


@pytest.mark.parametrize("html", [
    _html(_OFFER),
    "<p>We can <b>offer</b> at &pound;4,800&nbsp;pw<br>from 14/12.</p><p>Kim</p>",
    _html(_OFFER + "\n\nPS – she'd have the room overlooking the garden."),  # no term in it
])
def test_parts_alike_in_their_terms_are_read_as_ever(html: str) -> None:
    parsed = _alternative(_OFFER, html)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from, parsed.missing) == (
        "offer", 4800, date(2026, 12, 14), [])


def test_the_same_words_laid_out_apart_are_not_read_twice(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A text part spells out a link and an embedded picture its HTML shows; its words are the
    HTML's, so neither part is read again."""
    read: list[str] = []
    monkeypatch.setattr(worded, "read_response",
                        lambda *args, **kwargs: read.append(args[1]) or read_response(
                            *args, **kwargs))
    plain = ("We can offer at £4,800 pw from 14/12 - our brochure is at "
             "<https://larch-house.example/brochure>.\n\n[cid:image001.png@01DB4C2A]\nKim")
    html = ("<p>We can offer at &pound;4,800 pw from 14/12 - our <a href='https://larch-house."
            "example/brochure'>brochure is at</a>.</p><p><img src='cid:image001.png'>"
            "<br>Kim</p>")
    parsed = _alternative(plain, html)
    assert (parsed.weekly_fee, parsed.available_from, read) == (4800, date(2026, 12, 14), [])


def test_the_terms_apart_are_named_with_each_parts_value() -> None:
    assert terms_worded_apart((_OFFER, {}), ("We can offer at £4,800 pw from 21/12.", {}),
                              RESPONSE_SPEC, _DEC7) == {
        "available_from": ["2026-12-14", "2026-12-21"]}
    assert terms_worded_apart((_OFFER, {}), ("We can offer at £4,800 pw.", {}), RESPONSE_SPEC,
                              _DEC7) == {}  # a term one part leaves out is no disagreement

"""A mail's lines end at line feeds only: characters Python's splitlines() also breaks at
(U+2028, U+2029, NEL, a lone carriage return, form feed…) must not split a quoted line so
that its second half is read as the sender's new text."""
from __future__ import annotations

from pathlib import Path

import pytest

from broker.forms import load_response_spec
from broker.forms.message import read_message
from broker.forms.mime import only_line_feeds_break

RESPONSE = load_response_spec(Path(__file__).resolve().parents[2] / "config")
BREAKERS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e"]


def reply(body: str) -> bytes:
    return ("From: officer@larch.example\r\nTo: r+x@broker.example\r\nSubject: Re: REF-2026-"
            "000001\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
            "8bit\r\n\r\n" + body).encode("utf-8")


@pytest.mark.parametrize("breaker", BREAKERS, ids=[hex(ord(b)) for b in BREAKERS])
def test_a_quoted_line_is_not_split_into_new_text(breaker: str) -> None:
    body = ("We are interested.\n\nOn Mon, 7 Dec 2026, Placements wrote:\n"
            f"> Please reply with your fee x{breaker}Weekly fee: 9,000\n> thanks\n")
    read = read_message(reply(body), RESPONSE, new_text_only=True)
    assert "weekly_fee" not in read.fields, read.fields


def test_the_senders_own_lines_are_still_read() -> None:
    body = "We can offer.\nWeekly fee: 4,300\n\nOn Mon, 7 Dec 2026, Placements wrote:\n> hi\n"
    read = read_message(reply(body), RESPONSE, new_text_only=True)
    assert read.fields.get("weekly_fee") == "4,300"


def test_old_mac_lines_that_end_in_a_carriage_return_alone_stay_lines() -> None:
    assert only_line_feeds_break("We can offer.\rWeekly fee: 4,300\r") == (
        "We can offer.\nWeekly fee: 4,300\n")
    assert only_line_feeds_break("a\r\nb\u2028c\rd\n") == "a\r\nb c d\n"

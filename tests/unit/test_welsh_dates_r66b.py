"""Replies of round r66 (r66-54): a home answering in Welsh, "Gallwn gynnig lle o 4 Ionawr
2027" (we can offer a place from 4 January 2027), had its start asked, the Welsh month not
read. A Welsh month beside a day number, in any mutated form and with a Welsh ordinal
ending, is now read as the English one, where a date is read already (after "o", on an
Available-from line); a month word with no day beside it ("Mai" the keyworker, "dydd
Mawrth" the weekday) is not a month. The homes and figures are made up."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.dates import parse_uk_date
from broker.forms.welsh_dates import english_date_names
from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("body", "start"),
    [
        (
            "Gallwn gynnig lle yn Nhŷ Celyn o 4 Ionawr 2027. Ffi: £4,800 yr wythnos.",
            date(2027, 1, 4),
        ),
        ("Gallwn gynnig lle o ddydd Llun 4 Ionawr. Ffi: £4,800 yr wythnos.", date(2027, 1, 4)),
        ("Gallwn gynnig lle o'r 1af o Chwefror 2027. Ffi: £4,800 yr wythnos.", date(2027, 2, 1)),
        ("Gallwn gynnig lle o'r 4ydd o fis Ionawr. Ffi: £4,800 yr wythnos.", date(2027, 1, 4)),
        ("Gallwn gynnig lle o 15fed o Fawrth 2027. Ffi: £4,800 yr wythnos.", date(2027, 3, 15)),
        ("We can offer from 21ain Rhagfyr at £4,800 pw.", date(2026, 12, 21)),
        ("Offer – £4,800 pw.\nAvailable from: dydd Llun 4 Ionawr", date(2027, 1, 4)),
    ],
)
def test_a_start_with_a_welsh_month_is_read(body: str, start: date) -> None:
    read = reply_read_as_mail(body, on=_DEC7)
    assert (read.decision, read.available_from) == ("offer", start)
    assert "available_from" not in read.missing


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("4 Ionawr 2027", date(2027, 1, 4)),
        ("dydd Llun 4 Ionawr", date(2027, 1, 4)),
        ("2il o Fai 2027", date(2027, 5, 2)),
        ("10fed Mehefin 2027", date(2027, 6, 10)),
        ("12 o Orffennaf 2027", date(2027, 7, 12)),
        ("3ydd Awst 2027", date(2027, 8, 3)),
        ("1 o Fedi 2027", date(2027, 9, 1)),
        ("31 Hydref 2027", date(2027, 10, 31)),
        ("11eg o Dachwedd 2027", date(2027, 11, 11)),
        ("5ed Ebrill 2027", date(2027, 4, 5)),
    ],
)
def test_a_welsh_date_is_read_as_the_english_one(written: str, day: date) -> None:
    assert parse_uk_date(written, _DEC7) == day


@pytest.mark.parametrize(
    "text",
    [
        "Mai will be her keyworker from March.",  # a name
        "The visit is dydd Mawrth at 2pm.",  # Tuesday, no day number: untouched
        "Mawrth and Mai are on shift.",
        "£4 Mai",  # no day number before it
    ],
)
def test_a_welsh_month_word_without_a_day_number_is_left(text: str) -> None:
    assert english_date_names(text) == text


def test_a_welsh_keyworkers_name_is_no_start() -> None:
    read = reply_read_as_mail("Offer at £4,800pw. Mai will be her keyworker from March.", on=_DEC7)
    assert read.available_from is None

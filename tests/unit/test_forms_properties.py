"""Properties of form reading that must hold for any input at all (hypothesis)."""

from __future__ import annotations

import re
import string
from datetime import date, datetime
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from broker.forms import (
    ExtractedFields,
    ReadMessage,
    check_referral,
    fields_from_html,
    fields_from_text,
    load_referral_spec,
    load_response_spec,
    normalise_postcode,
    parse_money_weekly,
    parse_uk_date,
    read_message,
    read_response,
    response_to_json,
)
from broker.forms.values import BRACKETED_PERIOD
from broker.referral import FieldProblem, ReferralForm

CONFIG = Path(__file__).resolve().parents[2] / "config"
REFERRAL = load_referral_spec(CONFIG)
RESPONSE = load_response_spec(CONFIG)
SPECS = st.sampled_from([REFERRAL, RESPONSE])

# Text as people type it, plus the characters forms are made of.
FORM_ALPHABET = st.characters(codec="utf-8") | st.sampled_from(list(":?*-•\t\n\r >|<&;#"))
TEXT = st.text(FORM_ALPHABET, max_size=400)
# One line of value: no line breaks, none of the invisible characters reading drops, and none
# of the look-alike spaces, dashes, apostrophes and ligatures it reads as plain ones
# (test_anonymise_leaks_lookalikes.py).
VALUE_CHARACTERS = st.characters(
    codec="utf-8",
    exclude_characters="\r\n\x00\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\u061c\u115f"
                       "\u1160\u17b4\u17b5\u180e\u200e\u200f\u2061\u2062\u2063\u2064"
                       "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                       "\u200a\u202f\u205f\u3000\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"
                       "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
                       "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u3164\uffa0"
                       "\u2028\u2029\u00b4\u2032\uff07\u02b9\u201b"
                       + "".join(chr(code) for code in range(0xFF01, 0xFF5F)),  # full width
)
# A value opening with a spaced dash is not drawn: "Urgency: - Urgent" reads that dash as the
# end of the label, which is what people who type it mean.
VALUE = st.text(VALUE_CHARACTERS, min_size=1, max_size=80).filter(
    lambda v: v.strip() and not re.match(r"\s*[-\u2013\u2014]\s", v))
MIME_PIECES = st.sampled_from([
    b"From: a@b.example\n", b"Subject: =?utf-8?q?x?=\n", b"Content-Type: text/plain\n",
    b"Content-Type: text/html; charset=utf-8\n", b"Content-Transfer-Encoding: base64\n",
    b'Content-Type: multipart/mixed; boundary="b"\n', b"--b\n", b"--b--\n", b"\n",
    b"Content-Type: message/rfc822\n", b"Date: Fri, 20 Nov 2026 10:00 +0000\n",
    b"Child's name: Ann\n", b"<table><tr><td>Gender</td><td>female", b"=C2=A3", b"\xff\xfe",
])
MIME_LIKE = st.lists(MIME_PIECES | st.binary(max_size=40), max_size=25).map(b"".join)


def assert_well_formed(extracted: ExtractedFields, keys: tuple[str, ...]) -> None:
    assert isinstance(extracted, ExtractedFields)
    assert set(extracted.values) <= set(keys)
    assert all(isinstance(v, str) and v and len(v) <= 20_000 for v in extracted.values.values())
    assert set(extracted.conflicts) <= set(extracted.values)


@given(TEXT, SPECS)
def test_any_text_is_read_without_error(text, spec) -> None:
    assert_well_formed(fields_from_text(text, spec), spec.keys)
    assert_well_formed(fields_from_html(text, spec), spec.keys)


@given(st.binary(max_size=2000) | MIME_LIKE, SPECS, st.booleans())
@settings(max_examples=300)
def test_any_bytes_are_a_message(raw, spec, new_text_only) -> None:
    read = read_message(raw, spec, new_text_only=new_text_only)
    assert isinstance(read, ReadMessage)
    assert set(read.fields) <= set(spec.keys)
    assert all(isinstance(v, str) for v in read.fields.values())
    assert all(isinstance(k, str) for k in read.conflicts)
    for text in (read.sender, read.reply_to, read.subject, read.message_id, read.in_reply_to,
                 read.body_text):
        assert isinstance(text, str)
        text.encode("utf-8")  # no lone surrogates
    assert read.sender == read.sender.lower()
    assert read.date is None or (isinstance(read.date, datetime) and read.date.tzinfo)
    assert all(isinstance(r, str) for r in read.references + read.problems)
    assert isinstance(read.auto_submitted, bool) and isinstance(read.has_content, bool)


def _labels_of(spec, field) -> list[str]:
    """The field's labels, less those that are also its values ("Offer" is a decision): a
    line opening with one is a sentence unless a value of the field follows ("Offer: £4,450pw
    from 30/11" is prose, by design), so any value cannot round-trip under it."""
    return [label for label in (field.label, *field.synonyms)
            if spec.code_for(field.key, label, exact=True) is None]


@given(SPECS.flatmap(lambda spec: st.tuples(st.just(spec), st.sampled_from(spec.fields))),
       st.data(), VALUE)
def test_a_value_written_as_label_colon_value_round_trips(spec_and_field, data, value) -> None:
    spec, field = spec_and_field
    label = data.draw(st.sampled_from(_labels_of(spec, field)))
    expected = value.strip()
    if field.kind == "money" and (period := BRACKETED_PERIOD.search(label)):
        expected += f" ({period[1]})"  # "Budget (weekly): 4000" is £4,000 a week, by design
    assert fields_from_text(f"{label}: {value}", spec).values == {field.key: expected}


@given(st.data())
def test_a_whole_form_round_trips(data) -> None:
    spec = data.draw(SPECS)
    chosen = data.draw(st.lists(st.sampled_from(spec.fields), unique=True, max_size=12))
    written = {field.key: data.draw(VALUE).strip() for field in chosen}
    lines = [f"{data.draw(st.sampled_from(_labels_of(spec, f)))}: {written[f.key]}"
             for f in chosen]
    assert fields_from_text("\n".join(lines), spec).values == written


@given(st.dictionaries(st.sampled_from(REFERRAL.keys), TEXT, max_size=26),
       st.lists(st.sampled_from(REFERRAL.keys), max_size=3))
def test_any_referral_values_are_checked_without_error(fields, conflicts) -> None:
    form, problems = check_referral(fields, REFERRAL, message_date=date(2026, 11, 20),
                                    conflicts=conflicts)
    assert isinstance(form, ReferralForm)
    assert all(isinstance(p, FieldProblem) and p.field in REFERRAL.keys for p in problems)
    assert len({p.field for p in problems}) == len(problems)
    assert all(p.problem and p.example for p in problems)


@given(st.dictionaries(st.sampled_from(RESPONSE.keys), TEXT, max_size=11), TEXT)
@example({}, "WITHDRAW")  # a withdrawal is a decision too (found by a random draw in CI)
def test_any_response_values_are_read_without_error(fields, body) -> None:
    printed = response_to_json(read_response(fields, body, RESPONSE, message_date=date(2026, 1, 1)))
    assert printed["decision"] in (None, *RESPONSE.field("decision").code_list)
    assert printed["decline_reason"] in (None, *RESPONSE.field("decline_reason").code_list)
    assert isinstance(printed["missing"], list)


@given(TEXT)
def test_values_either_parse_or_raise_value_error(text) -> None:
    for parse in (lambda t: parse_uk_date(t, date(2026, 11, 20)), parse_money_weekly):
        try:
            parse(text)
        except ValueError as error:
            assert str(error)
    postcode = normalise_postcode(text)
    assert postcode is None or postcode == normalise_postcode(postcode.lower())


@given(st.text(string.digits, min_size=1, max_size=2), st.text(string.digits, max_size=2),
       st.integers(1900, 2100))
def test_numeric_dates_are_day_first(day, month, year) -> None:
    try:
        expected = date(year, int(month or 0), int(day))
    except ValueError:
        expected = None
    try:
        parsed = parse_uk_date(f"{day}/{month}/{year}", date(2026, 11, 20))
    except ValueError:
        parsed = None
    assert parsed == expected

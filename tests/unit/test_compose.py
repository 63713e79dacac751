"""The fast outbound serialiser produces mail the standard parser reads back exactly."""

from email import message_from_bytes, policy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from channels.email.compose import compose

HEADERS = [("From", "Placement referrals <referrals@broker.localhost>"),
           ("To", "larch.house@larchcare.example"), ("Subject", "Referral REF-2026-000001"),
           ("Message-ID", "<abc@broker.localhost>"),
           ("References", "<a@x>\n <b@y>")]


def _parse(raw: bytes):  # type: ignore[no-untyped-def]
    return message_from_bytes(raw, policy=policy.default)


def test_text_and_html_come_back_as_alternatives() -> None:
    message = _parse(compose(HEADERS, "Hello £4,250 — café\n\nLine two", "<p>Hello £</p>"))
    assert message.get_content_type() == "multipart/alternative"
    assert message.get_body(("plain",)).get_content() == "Hello £4,250 — café\n\nLine two"
    assert message.get_body(("html",)).get_content().strip() == "<p>Hello £</p>"
    assert message["To"] == "larch.house@larchcare.example"
    assert message["References"] == "<a@x> <b@y>"
    assert message.defects == []


@pytest.mark.parametrize(("text", "encoding"), [
    ("Dear Larch House placements team,\n\nPlease reply by Friday.", "7bit"),
    ("Weekly fee: £4,250", "quoted-printable"),  # not ASCII
    ("x" * 999, "quoted-printable"),  # a line too long to travel as it is
    ("a\x00b", "quoted-printable"),  # a NUL may not travel as it is
])
def test_plain_ascii_travels_as_it_is_and_the_rest_quoted_printable(text: str,
                                                                    encoding: str) -> None:
    message = _parse(compose(HEADERS, text, "<p>Hello</p>"))
    plain = message.get_body(("plain",))
    assert plain["Content-Transfer-Encoding"] == encoding
    assert plain.get_content() == text
    assert message.defects == [] and plain.defects == []


def test_a_non_ascii_subject_is_encoded_and_decodes() -> None:
    headers = [("Subject", "We have your offer: Larch House, £4,250 a week")]
    raw = compose(headers, "x", None)
    assert raw.isascii()
    assert _parse(raw)["Subject"] == "We have your offer: Larch House, £4,250 a week"


def test_long_lines_are_wrapped_by_quoted_printable_and_restored() -> None:
    text = "word " * 500
    raw = compose(HEADERS, text, None)
    assert max(len(line) for line in raw.split(b"\n")) <= 78  # QP: RFC 2045 §6.7 (5)
    assert _parse(raw).get_body(("plain",)).get_content().rstrip() == text.rstrip()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
               max_size=400))
def test_any_text_round_trips(text: str) -> None:
    body = _parse(compose(HEADERS, text, "<p>x</p>")).get_body(("plain",)).get_content()
    assert body.rstrip("\n") == text.replace("\r\n", "\n").rstrip("\n")


@pytest.mark.parametrize("html", [None, "<b>hi</b>"])
def test_line_ends_are_uniform_for_the_smtp_client_to_convert(html: str | None) -> None:
    raw = compose(HEADERS, "a\r\nb\n", html)
    assert b"\r" not in raw

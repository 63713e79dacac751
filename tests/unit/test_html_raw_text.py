"""A quote in an HTML reply ends where a browser ends it, raw text and comments included.

Inside `<xmp>`, `<noembed>`, `<noframes>`, `<iframe>`, `<noscript>`, `<textarea>`, `<title>`,
`<script>`, `<style>` (up to the element's own end tag) and `<plaintext>` (to the end), a
browser reads no tag, and inside a comment none either: a `</blockquote>` there is text, so the
quoted history after it is still history, never the sender's new fields or instruction.
(Attacker review 29, F1.) People and places are made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from broker.forms import load_response_spec, read_message
from broker.forms.html_items import html_items
from workflows.instructions import read_instruction

CONFIG = Path(__file__).resolve().parents[2] / "config"
RESPONSE = load_response_spec(CONFIG)
RAW_TEXT = ("xmp", "noembed", "noframes", "iframe", "noscript", "textarea", "title",
            "script", "style", "plaintext")
QUOTED = "<div>SHORTLIST A, B<br>Weekly fee: 9,000</div>"


def reply(html: str):
    raw = ("From: Jo Fictional <placements@willowbank-care.example>\nSubject: Re: Referral\n"
           "Content-Type: text/html; charset=utf-8\n\n" + html).encode()
    return read_message(raw, RESPONSE, new_text_only=True)


def quote(inner: str) -> str:
    return ('<blockquote type="cite">On Mon, 7 Dec 2026, Sam Fictional wrote:<br>'
            f"{inner}</blockquote>")


@pytest.mark.parametrize("tag", RAW_TEXT)
def test_a_close_inside_raw_text_ends_no_quote_so_no_quoted_field_is_read(tag) -> None:
    read = reply("<div>Decision: interested</div>"
                 + quote(f"<{tag}></blockquote></{tag}>{QUOTED}"))
    assert read.fields == {"decision": "interested"}
    assert "9,000" not in read.body_text


@pytest.mark.parametrize("tag", RAW_TEXT)
def test_a_close_inside_raw_text_makes_no_quoted_instruction_the_reply(tag) -> None:
    read = reply('<div dir="ltr"><br></div>' + quote(f"<{tag}></blockquote></{tag}>{QUOTED}"))
    assert "SHORTLIST" not in read.body_text
    assert read_instruction(read.body_text) is None


@pytest.mark.parametrize("tag", ["xmp", "textarea", "title", "noscript"])
def test_a_raw_text_element_written_self_closed_still_opens(tag) -> None:
    """`<xmp/>` opens raw text in a browser: the `/` of a non-void element means nothing."""
    read = reply('<div><br></div>' + quote(f"<{tag}/></blockquote></{tag}>{QUOTED}"))
    assert "SHORTLIST" not in read.body_text


def test_raw_text_ends_at_its_own_end_tag_with_attributes_or_spaces() -> None:
    """`</xmp class=x>` ends the raw text (as in a browser): the quote then ends at its own
    close, and a reply typed below it is read."""
    for end in ("</xmp class=x>", "</XMP >", "</xmp/>"):
        read = reply(quote(f"<xmp>quoted code{end}") + "<div>Decision: interested</div>")
        assert read.fields == {"decision": "interested"}, end


def test_a_comment_opened_inside_raw_text_is_text_and_eats_no_tag() -> None:
    """`<title><!--</title>`: the `<!--` is the title's text; a nested quote after it is a
    quote, and its close ends only it, not the outer quote."""
    for tag in ("title", "xmp", "textarea", "script"):
        read = reply('<div><br></div>' + quote(
            f"<{tag}><!--</{tag}><blockquote>--></{tag}></blockquote>{QUOTED}"))
        assert "SHORTLIST" not in read.body_text, tag
        assert read.fields == {}, tag


def test_a_style_tag_inside_raw_text_makes_no_comment_live() -> None:
    read = reply('<div><br></div>' + quote(
        f"<xmp><style></xmp><!-- </blockquote> --></style>{QUOTED}"))
    assert "SHORTLIST" not in read.body_text


def test_a_declaration_between_lt_and_a_close_makes_no_close() -> None:
    """`</<![x]>blockquote>`: a browser reads `</<![x]>` as a bogus comment and the rest as
    text; taking the `<![x]>` out first would leave a `</blockquote>`."""
    read = reply('<div><br></div>' + quote(f"<<![x]>/blockquote></<![x]>blockquote>{QUOTED}"))
    assert "SHORTLIST" not in read.body_text


def test_comments_end_where_a_browser_ends_them() -> None:
    """`<!-->` and `<!--->` are empty comments and `--!>` ends one: a reply after them is
    read; `-- >` ends none."""
    for comment in ("<!-->", "<!--->", "<!-- note --!>"):
        assert reply(f"{comment}<div>Decision: interested</div>").fields == {
            "decision": "interested"}, comment
    assert reply("<!-- note -- ><div>Decision: interested</div>-->").fields == {}


def test_raw_text_in_the_reply_itself_is_read_as_its_text() -> None:
    assert html_items("<xmp>Weekly fee: <b>4,500</b>\nContact: Sam</xmp><p>After</p>") == [
        "Weekly fee: <b>4,500</b>", "Contact: Sam", "After"]
    assert html_items("<textarea>Weekly fee: &pound;4,500</textarea>") == [
        "Weekly fee: \u00a34,500"]
    assert html_items("<p>Contact: Sam</p><plaintext>Start: 14/12/2026</plaintext>\n<p>x") == [
        "Contact: Sam", "Start: 14/12/2026</plaintext>", "<p>x"]
    assert html_items("<p>Intro</p><iframe>Weekly fee: 1</iframe><p>After</p>") == [
        "Intro", "After"]

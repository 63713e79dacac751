"""HTML bodies (Outlook, Word, Gmail, Apple Mail, Thunderbird) as items, with the stdlib parser.

Tables become `Row`s (cells keep their `<br>` and paragraph breaks); everything else becomes
lines of text. A table inside a cell makes its row layout, read piece by piece, unless it is
a box drawn round the cell's text (one row of one cell): that text is the cell's own, so a
form whose every label and value sits in a one-cell table still reads as label | value rows.
With `drop_quotes`, the quote containers mail clients wrap history in
(`<blockquote>`, Gmail's `gmail_quote`, Yahoo's `yahoo_quoted`) are skipped, leaving a `>`
line where they were, and Outlook's
reply header container (`divRplyFwdMsg`, `appendonsend`) becomes a `CUT`. Text struck
through (`<s>`, `<del>`, a `line-through` style) is taken back, and not read; nor is text
that is never shown (`display:none`, `visibility:hidden`, `mso-hide:all`, `hidden`,
`opacity:0`, `font-size:0`, a zero height with its overflow hidden, white on white), by its
own style or by a rule of the style sheet (`.hide {display:none}`).

The content of a raw-text element (`<script>`, `<style>`, `<xmp>`, `<iframe>`, `<noembed>`,
`<noframes>`, `<noscript>`, `<textarea>`, `<title>`, and `<plaintext>`, which never ends) is
text up to that element's own end tag, as a browser reads it: a `</blockquote>` inside quoted
`<xmp>` is shown as text and ends no quote, so the history after it is not read as new text.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from broker.forms.items import BREAK, CUT, Item, Row, text_items, tidy_block

MAX_HTML_CHARS = 2_000_000
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "plaintext", "pre", "section", "table", "ul",
    "xmp",
})
_INVISIBLE_CONTENT = frozenset({
    "script", "style", "title", "noscript", "template", "xml", "head", "iframe", "noembed",
    "noframes",
})
# Elements whose content is text up to their own end tag (raw text; RCDATA with its character
# references decoded): nothing in them is a tag. `plaintext` is text to the end of the page.
_RAW_TEXT = frozenset({
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
    "plaintext",
})
_RCDATA = frozenset({"textarea", "title"})
_PREFORMATTED = frozenset({"pre", "xmp", "plaintext"})
_NEVER = re.compile(r"(?!)")
_COMMENT_END = re.compile(r"--!?>")
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})
_QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-forward-container")
_REPLY_HEADER_IDS = ("divrplyfwdmsg", "appendonsend", "x_divrplyfwdmsg", "x_appendonsend")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_LABEL_CELL = re.compile(r"[^\n.!?]{1,60}")  # one short line: a label, not a sentence


def _struck_through(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Text struck through is taken back ("<s>£5,200</s> £4,900"): it is not read."""
    return tag in ("s", "strike", "del") or "line-through" in (dict(attrs).get("style") or "")


# `display:none`, `visibility:hidden` and Outlook's `mso-hide:all`: text the writer's reader
# never sees ("Internal note - do not send: …") is not read, and so never broadcast.
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|opacity\s*:\s*0(?:\.0+)?(?![\d.])"
    r"|(?<![\w-])font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:;|$|!)", re.IGNORECASE)
_NO_HEIGHT = re.compile(r"(?<![\w-])(?:max-)?height\s*:\s*0(?:px)?\s*(?:;|$|!)", re.IGNORECASE)
_OVERFLOW_HIDDEN = re.compile(r"overflow\s*:\s*hidden", re.IGNORECASE)


# White text on a white background, both said on the element itself ("color:white;
# background:white"); white text alone may sit on a coloured cell, as headings do.
_WHITE_VALUE = r"(?:white|#fff(?:fff)?|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\))"
_WHITE = rf"\s*:\s*{_WHITE_VALUE}\s*(?:;|$|!)"
_WHITE_TEXT = re.compile(rf"(?<![\w-])color{_WHITE}", re.IGNORECASE)
_WHITE_BACKGROUND = re.compile(  # "background:#ffffff none" too
    rf"(?<![\w-])background(?:-color)?\s*:\s*{_WHITE_VALUE}(?![\w-])", re.IGNORECASE)
_WHITE_ATTRIBUTE = re.compile(rf"\s*{_WHITE_VALUE}\s*", re.IGNORECASE)  # <font color=white>


def _hides(style: str) -> bool:
    """Whether these declarations hide what they style."""
    return bool(_HIDDEN_STYLE.search(style) or (
        _NO_HEIGHT.search(style) and _OVERFLOW_HIDDEN.search(style)) or (
        _WHITE_TEXT.search(style) and _WHITE_BACKGROUND.search(style)))


def _unseen(tag: str, attrs: list[tuple[str, str | None]],
            hidden_by_sheet: list[tuple[str, frozenset[str], str]]) -> bool:
    """Whether the element's content is never shown: hidden (by its own style or the style
    sheet's rules), or struck through (taken back)."""
    if tag in _VOID:
        return False  # no content, and no end tag to close what would be skipped
    values = dict(attrs)
    style = values.get("style") or ""
    if _struck_through(tag, attrs) or "hidden" in values or _hides(style):
        return True
    if _WHITE_ATTRIBUTE.fullmatch(values.get("color") or "") and _WHITE_BACKGROUND.search(style):
        return True  # <font color=white style="background:white">
    classes = frozenset((values.get("class") or "").casefold().split())
    element_id = (values.get("id") or "").casefold()
    return any((not rule_tag or rule_tag == tag) and rule_classes <= classes
               and (not rule_id or rule_id == element_id)
               for rule_tag, rule_classes, rule_id in hidden_by_sheet)


# A style sheet's rules: comments and @media blocks (hidden on one screen, shown on another)
# are set aside; a rule that hides, for selectors of a tag, classes and an id
# (`.hide`, `#draftnote`, `p.MsoNormal.note`), hides the elements it selects. Read in one
# pass over its braces, so any text costs time in proportion to its length.
_BRACES = re.compile(r"[{}]")
_SIMPLE_SELECTOR = re.compile(r"([a-z][a-z0-9]*)?((?:[.#][\w-]+)+)", re.IGNORECASE)
_SELECTOR_PART = re.compile(r"[.#][\w-]+")
MAX_HIDING_RULES = 100  # each element is checked against each; a real sheet has a few
_MAX_CSS_CHARS = 200_000


def _hidden_by(css: str) -> list[tuple[str, frozenset[str], str]]:
    """(tag, classes, id) for each simple selector of a top-level rule that hides."""
    css = _without_comments(css[:_MAX_CSS_CHARS], "/*", "*/")
    css = css.replace("<!--", " ").replace("-->", " ")  # (round rules, as Outlook writes them)
    found: list[tuple[str, frozenset[str], str]] = []
    depth, mark, prelude = 0, 0, ""
    for brace in _BRACES.finditer(css):
        if brace.group() == "{":
            if depth == 0:
                prelude, mark = css[mark:brace.start()], brace.end()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                body, mark = css[mark:brace.start()], brace.end()
                if not prelude.lstrip().startswith("@") and _hides(body):
                    found.extend(_selected(prelude))
    return found[:MAX_HIDING_RULES]


def _selected(selectors: str) -> list[tuple[str, frozenset[str], str]]:
    found = []
    for selector in selectors.split(","):
        if (simple := _SIMPLE_SELECTOR.fullmatch(selector.strip())) is None:
            continue  # "div > p", "a:hover": not read
        parts = _SELECTOR_PART.findall(simple[2].casefold())
        ids = [part[1:] for part in parts if part[0] == "#"]
        found.append(((simple[1] or "").casefold(),
                      frozenset(part[1:] for part in parts if part[0] == "."),
                      ids[0] if ids else ""))
    return found


def _without_comments(text: str, opens: str, closes: str) -> str:
    """The text without what stands between each `opens` and the next `closes` (to the end,
    when none closes it): one pass, whatever the text."""
    kept: list[str] = []
    position = 0
    while (start := text.find(opens, position)) >= 0:
        kept.append(text[position:start])
        end = text.find(closes, start + len(opens))
        position = len(text) if end < 0 else end + len(closes)
    kept.append(text[position:])
    return "".join(kept)


# Non-breaking spaces run together, as HTML sets fields apart on one line.
_SPACED_APART = re.compile(r"[ \t]*(?:\u00a0[ \t]*){2,}")


class _Cell:
    """Text collected for one place: the document or one table cell."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pieces: list[str] = []

    def end_line(self, *, keep_blank: bool) -> None:
        line = "".join(self.pieces)
        if "\u00a0\u00a0" in line or "\u00a0 \u00a0" in line:  # "Gender: Male&nbsp;&nbsp;&nbsp;
            line = _SPACED_APART.sub("\x00", line)  # Urgency: …": fields side by side, kept apart
        line = " ".join(line.split()).replace("\x00", "   ")
        self.pieces.clear()
        if line or keep_blank:
            self.lines.append(line)


class _Table:
    def __init__(self) -> None:
        self.cells: list[_Cell] | None = None
        self.cell: _Cell | None = None
        self.layout = False  # a row holding a nested table is layout, not a form row
        self.continuing = False  # its cell's text before the nested table is already read
        self.first_cell_rows = 1  # the rows the row's first cell spans ("rowspan")
        # A label cell spanning rows below: the item its row became, and the rows still to
        # come under it, whose cells go on its value ("Needs" over "SEMH", "CSE risk", …).
        self.spanning: tuple[int, int] | None = None
        # A table inside a cell of `boxing`: while it is one row of one cell (`held`, its
        # lines) it may be a box drawn round the cell's text, read as the cell's own.
        self.boxing: _Table | None = None
        self.held: list[str] | None = None


class _FormHTMLParser(HTMLParser):
    def __init__(self, *, drop_quotes: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.drop_quotes = drop_quotes
        self.items: list[Item] = []
        self.document = _Cell()
        self.tables: list[_Table] = []
        self.hidden: list[str] = []  # element names whose content is being skipped
        self.symbols: list[str] = []  # elements in a symbol font (Wingdings), innermost last
        self.pre = 0
        self.in_style = False
        self.css: list[str] = []  # the style sheets' text, read as it comes
        self.hidden_by_sheet: list[tuple[str, frozenset[str], str]] = []

    # -- where text goes -------------------------------------------------------------------
    def _target(self) -> _Cell:
        if self.tables and self.tables[-1].cell is not None:
            return self.tables[-1].cell
        return self.document

    def _flush_document(self) -> None:
        self.document.end_line(keep_blank=False)
        self.items.extend(self.document.lines)
        self.document.lines.clear()

    # -- raw text, as a browser reads it ---------------------------------------------------
    def set_cdata_mode(self, elem: str, **_: object) -> None:
        """Inside a raw-text element only its own end tag ends it: `</xmp` followed by a space,
        `/` or `>`, as the HTML standard says (the stdlib looks for `</xmp>` and sends
        `</xmp class=x>` as text); `plaintext` never ends."""
        super().set_cdata_mode(elem)
        self.interesting = _NEVER if elem == "plaintext" else re.compile(
            rf"</{re.escape(elem)}(?=[\t\n\r\f />])", re.IGNORECASE)

    def parse_endtag(self, i: int) -> int:
        if self.cdata_elem is None:
            return super().parse_endtag(i)
        end = self.rawdata.find(">", i)  # (here only at the element's own end tag)
        if end < 0:
            return -1
        element = self.cdata_elem
        self.clear_cdata_mode()
        self.handle_endtag(element)
        return end + 1

    def parse_comment(self, i: int, report: bool = True) -> int:
        """A comment ends at the first `-->` or `--!>` (`<!-->` and `<!--->` are empty), or at
        the end of the input, as in a browser; never inside raw text, where it is text."""
        start = i + 4
        if self.rawdata.startswith(">", start) or self.rawdata.startswith("->", start):
            return self.rawdata.index(">", start) + 1
        end = _COMMENT_END.search(self.rawdata, start)
        return len(self.rawdata) if end is None else end.end()

    def parse_html_declaration(self, i: int) -> int:
        """`<!…>` other than a comment (a doctype, Outlook's `<![if !mso]>`, `<![CDATA[`) holds
        no text and ends at the next `>`, as in a browser."""
        if self.rawdata.startswith("<!--", i):
            return self.parse_comment(i)
        end = self.rawdata.find(">", i + 2)
        return len(self.rawdata) if end < 0 else end + 1

    def close(self) -> None:
        super().close()
        if self.cdata_elem is not None and self.rawdata:  # an unclosed <xmp>, a <plaintext>:
            rest, self.rawdata = self.rawdata, ""  # text to the end, which the stdlib drops
            self.handle_data(rest)

    # -- parser callbacks ------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _RAW_TEXT:  # (hidden or not: a quote goes on past a "</blockquote>" in it)
            self.set_cdata_mode(tag)
        if tag == "style":
            self.in_style = True
        if tag == "body" and self.hidden[:1] == ["head"]:
            self.hidden.clear()  # an unclosed <head> ends where the body starts
        if self.hidden:
            if tag == self.hidden[-1] and tag not in _VOID:
                self.hidden.append(tag)
            return
        if tag in _INVISIBLE_CONTENT or _unseen(tag, attrs, self.hidden_by_sheet):
            self.hidden.append(tag)
            return
        if self._is_quote(tag, attrs):
            self._mark_quote()
            self.hidden.append(tag)
            return
        if self.drop_quotes and self._is_reply_header(attrs):
            self._flush_document()
            self.items.append(CUT)
        if tag not in _VOID and "wingdings" in (dict(attrs).get("style") or "").lower():
            self.symbols.append(tag)
        if tag == "input" and (dict(attrs).get("type") or "").lower() in ("checkbox", "radio"):
            checked = any(name == "checked" for name, _ in attrs)  # a form saved as a page
            self.handle_data("\u2612 " if checked else "\u2610 ")
        self._open(tag, _rows_spanned(attrs) if tag in ("td", "th") else 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and tag not in _RAW_TEXT:  # (`<xmp/>` opens raw text in a browser)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self.in_style:
            self.in_style = False
            if len(self.hidden_by_sheet) < MAX_HIDING_RULES:
                self.hidden_by_sheet += _hidden_by("".join(self.css))
            self.css.clear()
        if self.hidden:
            if tag == self.hidden[-1]:
                self.hidden.pop()
            return
        if self.symbols and tag == self.symbols[-1]:
            self.symbols.pop()
        self._close(tag)

    def handle_data(self, data: str) -> None:
        if self.cdata_elem in _RCDATA:
            data = unescape(data)
        if self.in_style:
            self.css.append(data)
        if self.hidden:
            return
        target = self._target()
        if self.symbols:  # Wingdings' "þ" and "¨" are a ticked and an empty box
            data = data.translate(_WINGDINGS)
        if self.pre:
            first, *rest = data.split("\n")
            target.pieces.append(first)
            for line in rest:
                target.end_line(keep_blank=True)
                target.pieces.append(line)
        else:
            target.pieces.append(_SPACES.sub(" ", data))

    # -- structure -------------------------------------------------------------------------
    def _is_quote(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if not self.drop_quotes:
            return False
        if tag == "blockquote":
            return True
        classes = (dict(attrs).get("class") or "").lower()
        return any(name in classes for name in _QUOTE_CLASSES)

    def _mark_quote(self) -> None:
        """Where a quote was skipped, a `>` line says so: a reply typed below it (bottom-posted,
        as Thunderbird users do) is then the writer's new text, not history after "wrote:"."""
        target = self._target()
        target.end_line(keep_blank=False)
        target.pieces.append(">")
        target.end_line(keep_blank=False)

    @staticmethod
    def _is_reply_header(attrs: list[tuple[str, str | None]]) -> bool:
        return (dict(attrs).get("id") or "").lower() in _REPLY_HEADER_IDS

    def _open(self, tag: str, rows: int = 1) -> None:
        if tag == "br":
            self._target().end_line(keep_blank=True)
        elif tag == "table":
            self._open_table()
        elif tag == "tr":
            self._open_row()
        elif tag in ("td", "th"):
            self._open_cell(rows)
        elif tag in _BLOCKS:
            self.pre += tag in _PREFORMATTED
            self._target().end_line(keep_blank=False)

    def _close(self, tag: str) -> None:
        if tag == "table" and self.tables:
            self._close_table()
        elif tag == "tr":
            self._close_row()
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag == "p":
            self._target().end_line(keep_blank=True)
        elif tag == "dt":  # a definition list's term is its label: "<dt>Gender</dt><dd>F</dd>"
            target = self._target()
            if "".join(target.pieces).strip() and not "".join(target.pieces).rstrip().endswith(":"):
                target.pieces.append(":")
            target.end_line(keep_blank=False)
        elif tag in _BLOCKS:
            self.pre = max(0, self.pre - (tag in _PREFORMATTED))
            self._target().end_line(keep_blank=False)

    def _open_table(self) -> None:
        table = _Table()
        if self.tables and self.tables[-1].cell is not None:
            self._release(self.tables[-1])  # (a table within a box is no box round text)
            table.boxing = self.tables[-1]  # read as layout once it is more than a box
            table.boxing.cell.end_line(keep_blank=False)  # type: ignore[union-attr]
        else:
            self._flush_document()
        self.tables.append(table)

    def _release(self, table: _Table) -> None:
        """A nested table more than a box (a second cell or row, or a table within it): its
        outer row becomes layout, read up to it now, then the row it held."""
        if table.boxing is None:
            return
        outer, table.boxing = table.boxing, None
        if outer.cell is not None and outer.cells is not None:
            self._emit_before_nested(outer)
        if table.held is not None and (text := tidy_block("\n".join(table.held))):
            self.items.append(Row((text,)))
        table.held = None

    def _close_table(self) -> None:
        """Close the innermost table; a box round a cell's text gives the cell its text (an
        Outlook form whose every label and value sits in a one-cell table of its own)."""
        self._close_row()
        table = self.tables.pop()
        if table.boxing is not None and table.boxing.cell is not None and table.held:
            table.boxing.cell.lines.extend(table.held)

    def _emit_before_nested(self, outer: _Table) -> None:
        """A table inside a cell makes its row layout: what the row holds so far is read now,
        in document order. A row's one label cell before it ("Background | text, a table,
        more text") still labels the cell's text, which then goes on after the inner table."""
        cell = outer.cell
        assert cell is not None and outer.cells is not None
        cell.end_line(keep_blank=False)
        before = [tidy_block("\n".join(done.lines)) for done in outer.cells]
        if not outer.continuing:
            self.items.append(BREAK)
        if len(before) == 1 and _LABEL_CELL.fullmatch(before[0]) and not outer.continuing:
            self.items.append(f"{before[0].rstrip(':').strip()}:")
        else:
            for text in before:
                self.items.extend([*text.split("\n"), BREAK] if text else [])
        self.items.extend(cell.lines)
        cell.lines.clear()
        outer.cells.clear()
        outer.layout = outer.continuing = True

    def _open_row(self) -> None:
        if not self.tables:
            self._open_table()
        self._close_row()
        self.tables[-1].cells = []

    def _open_cell(self, rows: int = 1) -> None:
        if not self.tables or self.tables[-1].cells is None:
            self._open_row()
        table = self.tables[-1]
        self._close_cell()
        if not table.cells:
            table.first_cell_rows = rows
        table.cell = _Cell()

    def _close_cell(self) -> None:
        table = self.tables[-1] if self.tables else None
        if table is None or table.cell is None:
            return
        table.cell.end_line(keep_blank=False)
        assert table.cells is not None
        table.cells.append(table.cell)
        table.cell = None

    def _close_row(self) -> None:
        table = self.tables[-1] if self.tables else None
        if table is None or table.cells is None:
            return
        self._close_cell()
        texts = [tidy_block("\n".join(cell.lines)) for cell in table.cells]
        if table.boxing is not None:
            if table.held is None and len(table.cells) == 1 and not table.layout:
                table.held = [line for cell in table.cells for line in cell.lines]
                table.cells = None  # one row of one cell so far: perhaps a box
                return
            self._release(table)
        if table.layout:
            if not table.continuing:
                self.items.append(BREAK)
            for text in texts:
                self.items.extend(text.split("\n") if text else [])
                self.items.append(BREAK)
        elif table.spanning and isinstance(row := self.items[table.spanning[0]], Row) and len(
                texts) == len(row.cells) - 1:  # a row under a label cell that spans it
            self.items[table.spanning[0]] = Row((row.cells[0], *(
                "\n".join(part for part in (above, below) if part)
                for above, below in zip(row.cells[1:], texts, strict=True))))
            index, rows_left = table.spanning
            table.spanning = (index, rows_left - 1) if rows_left > 1 else None
        elif any(texts):
            self.items.append(Row(tuple(texts)))
            table.spanning = ((len(self.items) - 1, table.first_cell_rows - 1)
                              if table.first_cell_rows > 1 and len(texts) > 1 else None)
        table.cells, table.layout, table.continuing = None, False, False
        table.first_cell_rows = 1

    def finish(self) -> list[Item]:
        while self.tables:
            self._close_table()
        self._flush_document()
        return self.items


# Wingdings' characters as the boxes and marks they draw: þ and ý a box ticked or crossed,
# ¨, o and q an empty box, ü a tick, û a cross.
_WINGDINGS = str.maketrans({"\u00fe": "\u2612", "\u00fd": "\u2612", "\u00a8": "\u2610",
                            "o": "\u2610", "q": "\u2610", "\u00fc": "\u2713", "\u00fb": "\u2717"})


def _rows_spanned(attrs: list[tuple[str, str | None]]) -> int:
    """The rows a cell spans: its `rowspan`, 1 when absent or not a small number."""
    written = next((value for name, value in attrs if name == "rowspan"), None) or ""
    return int(written) if written.strip().isdigit() and 1 < int(written) <= _MOST_ROWS else 1


_MOST_ROWS = 60  # a label spanning more rows than a form has is not read as spanning them
_TAG = re.compile(r"<[^<>]{0,2000}>")


def defuse(html: str) -> str:
    """The HTML without the constructs html.parser rescans to the end of the input.

    A start tag left unclosed makes the stdlib parser (before Python 3.13.4) search to the end
    of the document once for every such tag: quadratic time on hostile input. Every `<` after
    the last `>` is escaped, so every tag left can complete. (Comments and `<!…>` declarations,
    which it rescans too, are read by `_FormHTMLParser` itself, as a browser reads them.)
    """
    last_close = html.rfind(">")
    return html[: last_close + 1] + html[last_close + 1 :].replace("<", "&lt;")


def html_items(html: str, *, drop_quotes: bool = False) -> list[Item]:
    """The HTML's text lines and table rows, in document order."""
    html = defuse(html[:MAX_HTML_CHARS])
    parser = _FormHTMLParser(drop_quotes=drop_quotes)
    try:
        parser.feed(html)
        parser.close()
        return parser.finish()
    except Exception:  # noqa: BLE001 - malformed markup must still be read somehow
        return text_items(_TAG.sub("\n", html))

"""Only the new text of a reply: quoted history and signatures are not read for fields.

The referral a provider replies to is quoted below their answer, and it carries labels such as
"Needed from" and "Date of birth" that must never be mistaken for theirs.
Quoted history starts at the first reply header: `On … wrote:` (Gmail, Apple Mail,
Thunderbird, also in other languages), Notes' `… wrote on <date>:`, Outlook's
`From: … Sent: … To: … Subject:` block, `-----Original Message-----`, or a `CUT` an HTML
reader placed. The mail-parser-reply package recognises those headers in the
head of the message; small rules of our own find them anywhere, drop `>` lines (RFC 3676
quoting), and end the text at a signature.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from broker.forms.items import CUT, Item, Row
from broker.forms.spec import FormSpec

# mail-parser-reply's patterns backtrack on long lines, so it sees a bounded head of the text.
_PACKAGE_LINES, _PACKAGE_LINE_CHARS = 400, 160

_QUOTED = re.compile(r"^\s*>")
_RULE_OR_BLANK = re.compile(r"^[\s_\-=*]*$")
_SEPARATOR_HEADER = re.compile(
    r"^\s*(?:-{2,}\s*(?:original message|forwarded message)\s*-{2,}|begin forwarded message:"
    r"|-{5,}\s*reply message\s*-{5,})\s*$",
    re.IGNORECASE,
)
_WROTE = re.compile(r"\bwrote\s*:\s*$", re.IGNORECASE)
_ON = re.compile(r"^\s*on\s", re.IGNORECASE)
# Other clients' attributions: Notes' "A <a@b> wrote on 02/12/2026 09:15:", and Gmail or Apple
# Mail set to another language ("Le … a écrit :", "Am … schrieb …:"). Each carries an address
# or a date, so a sentence such as "As my manager wrote:" is not one.
_ATTRIBUTION = re.compile(
    r"(?:\bwrote\b[^\n]{0,40}|\ba\s+écrit|\bschrieb\b[^\n]{0,40}|\bescribió|"
    r"\bha\s+scritto|\bschreef|\bnapisał(?:\(a\))?|\bescreveu|\bskrev|\bkirjoitti)\s*:\s*$",
    re.IGNORECASE,
)
_ADDRESS_OR_DATE = re.compile(r"@|\d{1,4}[/.\-]\d{1,2}|\b\d{1,2}\s+\w{3,9}\.?\s+\d{4}\b")
_OUTLOOK_FROM = re.compile(r"^\s*\*{0,2}from\s*:", re.IGNORECASE)
_OUTLOOK_SENT = re.compile(r"^\s*\*{0,2}(?:sent|date)\s*:", re.IGNORECASE)
_OUTLOOK_TO = re.compile(r"^\s*\*{0,2}(?:to|subject|cc)\s*:", re.IGNORECASE)
_ONE_LINE_HEADER = re.compile(r"^\s*from:.{1,300}?\bsent:.{1,300}?\bto:", re.IGNORECASE)

_LABELS_IN_A_FORM = 3
_SALUTATION = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|morning|afternoon)\b",
    re.IGNORECASE,
)
_SIGNATURE_MARK = re.compile(r"^--\s?$")
_SENT_FROM = re.compile(
    r"^\s*(?:sent from my|sent from outlook|get outlook for|sent from mail for|sent with)\b",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^\s*(?:(?:kind|best|warm|warmest|many|with|sincere)\s+)?(?:regards|wishes|thanks|"
    r"thank\s+you|cheers|best|sincerely|yours\s+(?:sincerely|faithfully|truly)|"
    r"speak\s+soon|take\s+care)\s*[,.!]*\s*$",
    re.IGNORECASE,
)


def new_text(items: list[Item], spec: FormSpec) -> list[Item]:
    """The reply's own text: before the quoted history, without `>` lines or signature, and
    with any answers typed between the lines of the quoted form."""
    kept = items[: history_start(items)]
    kept = [item for item in kept if not (isinstance(item, str) and _QUOTED.match(item))]
    while kept and isinstance(kept[-1], str) and _RULE_OR_BLANK.match(kept[-1]):
        kept.pop()  # Outlook's line of underscores above its header block
    return cut_signature(kept, spec) + interleaved_answers(items, spec)


_QUOTED_BLANK_LABEL = re.compile(
    r"^\s*(?:>[ \t]?){1,5}(?P<label>[^:\n>]{1,60}?)[ \t]*:[ \t]*(?P<value>(?:[(\[].{0,200})?)$")


def interleaved_answers(items: list[Item], spec: FormSpec) -> list[Item]:
    """Answers typed under the lines of a `>`-quoted form: `> Weekly fee:` followed by the
    unquoted line `£4,650` is `Weekly fee: £4,650`. Only a label of this form, left blank or
    holding its list of choices, takes the line after it, so a provider's remark under some
    other quoted line is never read as a field."""
    answers: list[Item] = []
    for index, item in enumerate(items[:-1]):
        if not isinstance(item, str) or len(item) > 300:
            continue
        quoted = _QUOTED_BLANK_LABEL.match(item)
        if quoted is None or spec.field_for_label(quoted["label"]) is None:
            continue
        answer = items[index + 1]
        if isinstance(answer, str) and answer.strip() and not _QUOTED.match(answer) \
                and len(answer) < 300 and ":" not in answer[:60]:
            answers.append(f"{quoted['label'].strip()}: {answer.strip()}")
    return answers


def history_start(items: list[Item]) -> int:
    """Index of the first item of quoted history (len(items) when there is none)."""
    return min(_own_rules_start(items), _package_start(items))


def _own_rules_start(items: list[Item]) -> int:
    for index, item in enumerate(items):
        if item is CUT:
            return index
        if not isinstance(item, str) or len(item) > 1000:
            continue
        if _SEPARATOR_HEADER.match(item) or _ONE_LINE_HEADER.match(item):
            return index
        if _ON.match(item) and (_WROTE.search(item) or _wrote_next(items, index)):
            return index
        if len(item) < 300 and _ATTRIBUTION.search(item) and _ADDRESS_OR_DATE.search(item):
            return index
        if _OUTLOOK_FROM.match(item) and _outlook_block_follows(items, index):
            return index
    return len(items)


def _wrote_next(items: list[Item], index: int) -> bool:
    """`On … <address>` wrapped, with `wrote:` ending the next line."""
    following = items[index + 1] if index + 1 < len(items) else None
    return isinstance(following, str) and len(following) < 300 and bool(_WROTE.search(following))


def _outlook_block_follows(items: list[Item], index: int) -> bool:
    """A `From:` line followed, within a few lines, by `Sent:`/`Date:` and `To:`/`Subject:`."""
    window = [i for i in items[index + 1 : index + 8] if isinstance(i, str) and i.strip()][:5]
    return any(_OUTLOOK_SENT.match(line) for line in window) and any(
        _OUTLOOK_TO.match(line) for line in window
    )


def _package_start(items: list[Item]) -> int:
    """Where mail-parser-reply's header patterns first match, as an item index."""
    head = items[:_PACKAGE_LINES]
    lines = [_one_line(item)[:_PACKAGE_LINE_CHARS].strip() for item in head]
    text = "\n".join(lines)
    match = _package_header_pattern().search(text)
    if match is None:
        return len(items)
    start = match.start() + (len(match.group()) - len(match.group().lstrip("\n")))
    return text.count("\n", 0, start)


def _one_line(item: Item) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, Row):
        return "\t".join(item.cells).replace("\n", " ")
    return ""


@lru_cache(maxsize=1)
def _package_header_pattern() -> re.Pattern[str]:
    from mailparser_reply.parser import EmailMessage

    pattern: re.Pattern[str] = EmailMessage(text="", languages=["en"]).HEADER_REGEX
    return pattern


def cut_signature(items: list[Item], spec: FormSpec) -> list[Item]:
    """The items before the signature.

    A signature starts at a sign-off line ("Kind regards") that is not part of the greeting
    ("Hi Jo, / Thanks,"), at a signature mark ("-- ", "Sent from my iPhone"), or, with
    neither, at a closing block of a name and contact lines, so that a signature's
    "Address:" or "Service:" is never read as a field. Neither starts one when a
    form follows (three or more labelled lines, and none before): some people sign off and
    then paste the form.
    """
    labelled = [index for index, item in enumerate(items) if _is_labelled(item, spec)]
    previous = ""
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            continue
        marks = _SIGNATURE_MARK.match(item) or _SENT_FROM.match(item)
        greeting = not previous or _SALUTATION.match(previous)
        sign_off = not greeting and _SIGN_OFF.match(item)
        if (marks or sign_off) and _no_form_follows(labelled, index):
            return items[:index]
        previous = item
    block = _contact_block_start(items, labelled, _signature_labels(items, labelled))
    return items[:block] if block is not None else items


_CONTACT_LINE = re.compile(
    r"^\s*(?:(?:t|tel|telephone|phone|ph|m|mob|mobile|cell|e|email|e-mail|f|fax|w|web|website|"
    r"ext|extension|ddi|direct\s+line|direct\s+dial|switchboard|office|work)\s*[:.]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$|(?:\+44\s?|0)\d[\d\s()-]{8,14}\s*$)",
    re.IGNORECASE,
)
_SIGNATURE_LINES, _SIGNATURE_LINE_CHARS = 15, 100
_NAME_LINE = re.compile(r"^\s*[A-Z][\w'’.-]*(?:[ \t]+[\w'’.&|,-]+){0,5}[ \t]*$")


# The only labels a signature carries that a form also has ("Address: Civic Centre").
_SIGNATURE_LABEL = re.compile(r"^\s*(?:address|location|office|base|service|contact)\s*:", re.I)


def _signature_labels(items: list[Item], labelled: list[int]) -> set[int]:
    return {index for index in labelled
            if isinstance(items[index], str) and _SIGNATURE_LABEL.match(str(items[index]))}


def _contact_block_start(items: list[Item], labelled: list[int],
                         in_signatures: set[int]) -> int | None:
    """A signature with no sign-off before it: the closing lines (or closing table row, as
    Outlook lays a signature out beside a logo), opening with a name rather than a label,
    holding a phone or email line, with no label after it but two at most of those a
    signature has ("Address: Civic Centre …"). None when there is no such block."""
    content = [index for index, item in enumerate(items) if _text_of(item).strip()]
    for start in content[-_SIGNATURE_LINES:]:
        if start == content[0] or start in labelled:
            continue  # a signature is not the whole message, and does not open with a label
        before = items[start - 1]
        if isinstance(before, str) and before.strip():
            continue  # a signature starts a paragraph
        tail = [line for item in items[start:] for line in _text_of(item).split("\n")
                if line.strip()]
        after = labelled[bisect.bisect_left(labelled, start):]
        if len(after) > 2 or not set(after) <= in_signatures or not tail:
            continue
        if len(tail) <= _SIGNATURE_LINES and _NAME_LINE.match(tail[0]) and all(
                len(line) < _SIGNATURE_LINE_CHARS for line in tail) and any(
                _CONTACT_LINE.match(line) for line in tail):
            return start
    return None


def _text_of(item: Item) -> str:
    if isinstance(item, Row):
        return "\n".join(cell for cell in item.cells if cell.strip())
    return item if isinstance(item, str) else ""


def _no_form_follows(labelled: list[int], index: int) -> bool:
    """True when a form began before this line, or fewer than three labels come after it."""
    before = bisect.bisect_left(labelled, index)
    return before > 0 or len(labelled) - before < _LABELS_IN_A_FORM


def _is_labelled(item: Item, spec: FormSpec) -> bool:
    if isinstance(item, Row):
        return bool(item.cells) and spec.field_for_label(item.cells[0]) is not None
    if not isinstance(item, str):
        return False
    colon = item.find(":", 0, 120)
    return colon > 0 and spec.field_for_label(item[:colon]) is not None

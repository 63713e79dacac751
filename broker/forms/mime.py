"""Taking a MIME message apart without ever raising: headers as text, bodies, attachments.

Mail arrives malformed, with missing or lying charsets, unknown transfer encodings and nesting
(RFC 2045-2049). Every step here is guarded and falls back to something readable: a lying
charset gives way to UTF-8, then Windows-1252, then UTF-8 with replacement characters.
Attached messages (message/rfc822) are history, not the sender's words, and are skipped.
An HTML body's inline pictures are kept by Content-ID, so a body that shows only a picture
of the form can be told so (see message.py).

What is read from a message a proof may vouch for is what the proof covers (`as_proved`): a
DKIM signature with relaxed body canonicalisation (Gmail's and Microsoft 365's) or a mail
server's verdict leaves the spaces at the ends of lines unsigned, and how wide a run of spaces
and tabs inside a line is, so such a message is read as the verifier reads it: those at the
ends removed (format=flowed, whose soft line breaks they are, joins nothing) and each run
inside a line one space (a line widened after signing is no longer than its writer's). The
empty lines at the body's end, which no canonicalisation signs, are never read.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import Message

MAX_DEPTH = 30
_DOCX_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)
_UNREADABLE_DOCUMENTS = {
    ".doc": "an older Word document (.doc)",
    ".docm": "a macro-enabled Word document",
    ".rtf": "a rich text document",
    ".odt": "an OpenDocument text file",
    ".pdf": "a PDF",
    ".pages": "a Pages document",
    ".tnef": "Outlook's Rich Text wrapper (in Outlook, set Format Text to HTML or Plain Text "
             "and send again)",
}
_UNREADABLE_TYPES = {
    "application/msword": ".doc",
    "application/pdf": ".pdf",
    "application/rtf": ".rtf",
    "text/rtf": ".rtf",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/ms-tnef": ".tnef",
    "application/vnd.ms-tnef": ".tnef",
}


@dataclass
class MessageParts:
    """What a message holds that can be read: bodies, Word documents, documents we cannot read."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    word: list[tuple[str, bytes]] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (name, what it is)
    pictures: list[str] = field(default_factory=list)  # images attached (a scan?), by name
    inline_pictures: dict[str, str] = field(default_factory=dict)  # an HTML body's images:
    # Content-ID (without its angle brackets) to name; a logo, or a picture of the form
    attached_emails: int = 0  # emails attached whole ("Forward as attachment"): not read
    text_files: list[tuple[str, str]] = field(default_factory=list)  # .txt attached: (name,
    # text), read when the email itself holds no form ("Please see attached")


def collect_parts(message: Message) -> MessageParts:
    parts = MessageParts()
    _walk(message, parts, 0)
    return parts


def _walk(part: Message, parts: MessageParts, depth: int) -> None:
    if depth > MAX_DEPTH:
        return
    try:
        content_type = part.get_content_type()
        if part.is_multipart():
            if content_type.startswith("message/"):
                parts.attached_emails += 1
                return  # an attached or forwarded message: not this sender's form
            for child in part.get_payload():
                if isinstance(child, Message):
                    _walk(child, parts, depth + 1)
            return
        _take_leaf(part, content_type, parts)
    except Exception:  # noqa: BLE001, S110 - one broken part must not cost the others
        return


def _take_leaf(part: Message, content_type: str, parts: MessageParts) -> None:
    name = _filename(part)
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if name.lower() == "winmail.dat":
        extension = ".tnef"
    if content_type in _DOCX_TYPES or extension == ".docx":
        parts.word.append((name or "attachment.docx", _payload_bytes(part)))
    elif extension in _UNREADABLE_DOCUMENTS or content_type in _UNREADABLE_TYPES:
        kind = _UNREADABLE_DOCUMENTS[extension or _UNREADABLE_TYPES[content_type]]
        parts.unreadable.append((name or "attachment" + extension, kind))
    elif (name or part.get_content_disposition() == "attachment") and (
            extension == ".txt" or (content_type == "text/plain" and not extension)):
        parts.text_files.append((name or "attachment.txt", _payload_text(part)))
    elif name or part.get_content_disposition() == "attachment":
        if content_type.startswith("image/") and part.get_content_disposition() == "attachment":
            parts.pictures.append(name or "attachment")  # a scan of the form, perhaps
        elif content_type.startswith("image/") and (cid := str(part.get("Content-ID", ""))):
            parts.inline_pictures[cid.strip().strip("<>")[:300]] = name or "picture"
        return  # logos, photos and other files are not forms
    elif content_type == "text/html":
        parts.html.append(_payload_text(part))
    elif content_type == "text/plain" or content_type.startswith("multipart/"):
        text = _payload_text(part)  # a multipart without parts is read as text
        if _param(part, "format") == "flowed":
            text = unflow(text, delsp=_param(part, "delsp") == "yes")
        parts.plain.append(text)


def _param(part: Message, name: str) -> str:
    """A Content-Type parameter, lower-case; '' when absent or RFC 2231-encoded."""
    value = part.get_param(name)
    return value.lower() if isinstance(value, str) else ""


def _filename(part: Message) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:  # noqa: BLE001 - a malformed RFC 2231 parameter
        name = ""
    name = re.sub(r"[\x00-\x1f\x7f]", "", clean_text(str(name))).strip()
    return name[:120]


def _payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - undecodable transfer encoding: read it as it is
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""


def _payload_text(part: Message) -> str:
    try:
        charset = part.get_content_charset()
    except Exception:  # noqa: BLE001 - a malformed charset parameter
        charset = None
    return decode_text(_payload_bytes(part), charset)


# Labels mail clients write for what is really Windows-1252 (its curly quotes and dashes in
# 0x80-0x9F), as browsers read them too: "wouldn’t" must not lose its apostrophe.
_READ_AS_WINDOWS_1252 = frozenset(
    {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"})


def decode_text(data: bytes, charset: str | None) -> str:
    """Bytes as text: valid UTF-8 first (the commonest truth behind a wrong label), then the
    declared charset (Latin-1 and ASCII read as Windows-1252), then Windows-1252, then UTF-8
    with replacement characters. UTF-16/32 and the 7-bit charsets that shift with escapes
    (ISO-2022-JP, UTF-7) are also valid UTF-8, so their label is trusted first. Lines end
    where the mail's own lines end (`only_line_feeds_break`)."""
    return only_line_feeds_break(decode_text_as_written(data, charset))


# Characters Python's str.splitlines() (and so the readers built on it) breaks a line at,
# though a mail's lines end only at a line feed: inside a quoted line ("> x\u2028Weekly fee:
# 9,000") they made its second half new text, the sender's own words.
_NOT_LINE_ENDS = re.compile("\r(?!\n)|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def only_line_feeds_break(text: str) -> str:
    """The text with a space for each character that would break a line where the mail does
    not: a carriage return with no line feed after it, U+2028/U+2029, NEL, vertical tab, form
    feed and the file/group/record separators. Text whose lines all end in a lone carriage
    return (old Mac mail, no line feed anywhere) keeps them as line ends."""
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    return _NOT_LINE_ENDS.sub(" ", text)


def decode_text_as_written(data: bytes, charset: str | None) -> str:
    """The bytes decoded as `decode_text` does, every character kept (for checks of what a
    charset makes of the bytes, such as one that breaks lines the signed text did not)."""
    declared = (charset or "").strip().lower()
    if (marked := _by_its_mark(data)) is not None:
        return marked  # Notepad's "Unicode" file: UTF-16 with its byte-order mark, no label
    candidates = ["utf-8", "cp1252" if declared in _READ_AS_WINDOWS_1252 else "", declared,
                  "cp1252"]
    if declared and (b"\x00" in data or declared.startswith(("iso-2022", "utf-7", "hz"))):
        candidates.insert(0, declared)
    elif b"\x1b$B" in data or b"\x1b$@" in data:  # ISO-2022-JP's escapes, whatever the label
        candidates.insert(0, "iso-2022-jp")
    for encoding in candidates:
        if not encoding:
            continue
        try:
            return clean_text(data.decode(encoding))
        except Exception:  # noqa: BLE001, S112 - unknown codec, wrong codec, non-text codec
            continue
    return clean_text(data.decode("utf-8", "replace"))


def _by_its_mark(data: bytes) -> str | None:
    """Text that opens with a byte-order mark, decoded by the mark and without it (whatever the
    label says: the mark is the file's own word); None with no mark, or bytes it does not fit."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return clean_text(data[len(mark):].decode(encoding))
            except UnicodeDecodeError:
                return None
    return None


# UTF-32's marks first: UTF-32 LE's begins with UTF-16 LE's.
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be"))


def clean_text(text: str) -> str:
    """Text safe to handle anywhere: raw 8-bit bytes smuggled in as surrogates (how the email
    package keeps undecodable headers) read as UTF-8, any other lone surrogate replaced."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def header_text(message: Message | None, name: str) -> str:
    """A header, RFC 2047 words decoded, unfolded; '' when absent or unreadable.

    Raw 8-bit header bytes (RFC 6532, or simply broken) are read like bodies: UTF-8 first,
    then Windows-1252.
    """
    if message is None:
        return ""
    try:
        raw = next((v for k, v in message.raw_items() if k.lower() == name.lower()), None)
    except Exception:  # noqa: BLE001
        return ""
    if not isinstance(raw, str):
        return ""
    try:
        text = decode_text(raw.encode("utf-8", "surrogateescape"), None)
    except UnicodeEncodeError:
        text = clean_text(raw)
    with contextlib.suppress(Exception):  # unknown charset or broken encoded word: keep it
        text = str(make_header(decode_header(text)))
    return " ".join(clean_text(text).split())[:2000]


_HEADERS_END = re.compile(rb"(?:\A|\r?\n)\r?\n")  # the first empty line
# A header that carries a proof of the sender (broker/mailauth.py), folded lines and all.
_PROOF_HEADER = re.compile(rb"(?im)^(dkim-signature|authentication-results)[ \t]*:"
                           rb"(.*(?:\r?\n[ \t].*)*)")


def as_proved(data: bytes) -> bytes:
    """Rule: read what the proof covers. `data` as the signature's verifier reads its body,
    when a proof rides on it (a DKIM signature or a mail server's Authentication-Results):
    the empty lines at the body's end removed (no canonicalisation signs them, RFC 6376
    §3.4.3-3.4.4); each run of spaces and tabs inside a line made one space where the body
    is canonicalised "relaxed" (§3.4.4, Gmail's and Microsoft 365's) or a server's verdict
    cannot say how (a staff member's "SHORTLIST A" widened to 79 characters still verifies,
    and would read as a line her client wrapped, her next line joined onto it); and the
    spaces and tabs at the end of every line removed where they may be unsigned: relaxed,
    a verdict, or a signature that leaves the Content-Type unsigned (a space added at the
    end of "SHORTLIST A" would otherwise, under format=flowed, join the next line to it).
    With no proof, `data` as it is: the sender's own spaces. A base64 body's text is signed
    whole (its encoded lines have no spaces); a quoted-printable one's literal spaces are
    read as signed."""
    end = _HEADERS_END.search(data)
    proofs = _PROOF_HEADER.findall(data[:end.start()]) if end is not None else []
    if end is None or not proofs:
        return data
    runs = any(_runs_unsigned(name, value) for name, value in proofs)
    ends = runs or any(_spaces_unsigned(name, value) for name, value in proofs)
    body = data[end.end():]
    if ends:
        body = b"\n".join(_as_canonical(line, runs=runs) for line in body.split(b"\n"))
    return data[:end.end()] + _without_empty_lines_at_end(body)


_WHITESPACE_RUN = re.compile(rb"[ \t]+")


def _as_canonical(line: bytes, *, runs: bool) -> bytes:
    """One line (its CR kept) without the spaces and tabs before its end, and with each run
    of them inside it one space when `runs`: line by line, so a long run costs once, not
    once a space."""
    cr = line.endswith(b"\r")
    line = (line[:-1] if cr else line).rstrip(b" \t")
    if runs:
        line = _WHITESPACE_RUN.sub(b" ", line)
    return line + b"\r" if cr else line


def _without_empty_lines_at_end(body: bytes) -> bytes:
    """The body without the empty lines after its last line that holds anything (that
    line's own break kept): a verifier ignores them under either canonicalisation."""
    kept = body.rstrip(b"\r\n")
    if not kept or len(kept) == len(body):
        return kept
    tail = body[len(kept):]
    return kept + (b"\r\n" if tail.startswith(b"\r\n") else tail[:1])


def _runs_unsigned(name: bytes, value: bytes) -> bool:
    """Whether this proof header leaves how wide a run of spaces and tabs inside a line is
    unsigned: a server's verdict always; a DKIM signature whose c= says the body is
    canonicalised "relaxed" (or anything but "simple": c= absent is simple/simple,
    "c=relaxed" alone relaxed/simple)."""
    if name.lower() != b"dkim-signature":
        return True
    return _tags(value).get(b"c", b"").partition(b"/")[2] not in (b"", b"simple")


def _tags(value: bytes) -> dict[bytes, bytes]:
    """A DKIM-Signature's tags, names and values in lower case without whitespace."""
    return {key.strip().lower(): b"".join(given.split()).lower()
            for key, _, given in (tag.partition(b"=") for tag in value.split(b";"))}


def _spaces_unsigned(name: bytes, value: bytes) -> bool:
    """Whether this proof header leaves what the spaces at the ends of lines mean unsigned:
    a server's verdict always; a DKIM signature unless its c= says the body is canonicalised
    "simple" (c= absent is simple/simple, "c=relaxed" alone relaxed/simple) and its h=
    covers the Content-Type (whose format=flowed makes those spaces join lines: Gmail
    signs no Content-Type, so anyone holding its mail may write one in)."""
    if name.lower() != b"dkim-signature":
        return True
    tags = _tags(value)
    body = tags.get(b"c", b"").partition(b"/")[2]
    return body not in (b"", b"simple") or b"content-type" not in tags.get(b"h", b"").split(b":")


def unflow(text: str, *, delsp: bool) -> str:
    """RFC 3676 format=flowed: soft line breaks (a line ending in a space) joined again,
    within one quote depth only (§4.5): a soft-broken line followed by a line quoted deeper
    or less deep ends there, so the history a reply quotes is never joined onto what its
    writer typed ("SHORTLIST A " over "> B  Harbour House" stays "SHORTLIST A"), nor the
    writer's words onto a quoted line."""
    lines: list[str] = []
    pending, pending_depth = "", 0
    for line in re.split(r"\r\n|\r|\n", text):
        if line == "-- ":
            lines.extend([pending] if pending else [])
            lines.append(line)
            pending = ""
            continue
        depth = len(line) - len(line.lstrip(">"))
        body = line[depth:]
        body = body[1:] if body.startswith(" ") else body  # space-stuffing
        if pending and depth != pending_depth:  # another quote depth: a new paragraph
            lines.append(pending)
            pending = ""
        line = pending + body if pending else (">" * depth + " " if depth else "") + body
        if body.endswith(" ") and body.strip():
            pending, pending_depth = (line[:-1] if delsp else line), depth
        else:
            lines.append(line)
            pending = ""
    if pending:
        lines.append(pending)
    return "\n".join(lines)

"""Hostile and broken email for bench/fuzz.py, from a seeded random generator.

Each message starts with an intact `X-Fuzz-Id` header (so the run can find it in the
database whatever else breaks) and is one of several kinds: random MIME trees (nesting past
any sane depth, lying and unknown charsets, bad base64 and quoted-printable, boundaries that
never close), truncations at a random byte, enormous headers, attached messages within
messages, pathological HTML, and Word attachments that are zip bombs or not zips at all.
"""

from __future__ import annotations

import base64
import io
import random
import zipfile
from collections.abc import Callable

CHARSETS = ["utf-8", "iso-8859-1", "windows-1252", "utf-16", "utf-7", "unknown-8bit",
            "x-made-up", "", "utf-8\"", "iso-2022-jp", "big5", "koi8-r", "utf-32", "ascii"]
TYPES = ["text/plain", "text/html", "application/octet-stream", "message/rfc822",
         "application/pdf", "image/png", "text/enriched", "multipart/alternative"]
ENCODINGS = ["7bit", "8bit", "base64", "quoted-printable", "binary", "x-uuencode", "bogus"]
FORM = ("Child's name: Casey Example\nDate of birth: 14/03/2012\nGender: female\n"
        "Placement type: residential\nUrgency: urgent\nNeeds: semh\n")
HTML = ["<" * 50_000, "<a " * 30_000, "<table>" * 20_000, "<td>x" * 20_000, "&#" * 50_000,
        "<!--" + "a" * 500_000, "<blockquote>" * 20_000, "<p>Gender: female" * 5_000]
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Fuzzer:
    def __init__(self, seed: int, sender: str) -> None:
        self.rng = random.Random(seed)
        self.sender = sender
        self._bomb: bytes | None = None
        self.kinds: dict[int, str] = {}  # what each message was, by number

    def message(self, number: int) -> bytes:
        """One fuzzed message (bytes as they go over SMTP, LF line ends)."""
        kinds: list[Callable[[], bytes]] = [self._tree, self._tree, self._tree, self._headers,
                                            self._html, self._word, self._nested, self._noise,
                                            self._bush]
        make = self.rng.choice(kinds)
        body, self.kinds[number] = make(), make.__name__.strip("_")
        if self.rng.random() < 0.15:  # cut anywhere, even inside a header
            body = body[:self.rng.randrange(len(body) + 1)]
            self.kinds[number] += " (truncated)"
        return f"X-Fuzz-Id: {number}\n".encode() + body

    def _head(self, content_type: str, extra: str = "") -> bytes:
        rng = self.rng
        message_id = f"<fuzz-{rng.getrandbits(48):x}@fuzz.example>"
        lines = [f"From: {rng.choice([self.sender, '<>', 'no address', self.sender * 3, ''])}",
                 "To: referrals@broker.localhost",
                 f"Subject: {rng.choice(['Referral', '=?utf-8?B?' + 'QUJD' * 50, '=?x?q?', ''])}",
                 f"Message-ID: {rng.choice([message_id, message_id, '', '<<<>>>'])}",
                 f"Content-Type: {content_type}", "MIME-Version: 1.0", extra]
        return "\n".join(line for line in lines if line).encode("utf-8", "surrogateescape")

    def _tree(self) -> bytes:
        boundary = f"b{self.rng.getrandbits(32):x}"
        return (self._head(f'multipart/mixed; boundary="{boundary}"') + b"\n\n"
                + self._parts(boundary, self.rng.randint(1, 45)))

    def _parts(self, boundary: str, depth: int) -> bytes:
        """A few leaves and (while `depth` lasts) one nested multipart among them."""
        rng, chunks = self.rng, []
        nested_at = rng.randint(0, 2) if depth > 0 else -1
        for index in range(max(rng.randint(1, 3), nested_at + 1)):
            chunks.append(f"--{boundary}\n".encode())
            if index == nested_at:
                inner = f"i{rng.getrandbits(32):x}"
                kind = rng.choice(["mixed", "alternative", "related", "digest"])
                chunks.append(f'Content-Type: multipart/{kind}; boundary="{inner}"\n\n'.encode())
                chunks.append(self._parts(inner, depth - 1))
            else:
                chunks.append(self._leaf())
        if rng.random() < 0.8:  # sometimes the closing boundary never comes
            chunks.append(f"--{boundary}--\n".encode())
        return b"".join(chunks)

    def _bush(self) -> bytes:
        """Parts within parts, three to a level, seven to nine levels: megabytes of them."""
        boundary = "l0"
        return (self._head(f'multipart/mixed; boundary="{boundary}"') + b"\n\n"
                + self._level(boundary, self.rng.randint(7, 9)))

    def _level(self, boundary: str, depth: int) -> bytes:
        inner = b"Content-Type: text/plain\n\nGender: female\n"
        if depth:
            below = f"l{depth}"
            inner = (f'Content-Type: multipart/mixed; boundary="{below}"\n\n'.encode()
                     + self._level(below, depth - 1))
        return (b"".join(f"--{boundary}\n".encode() + inner for _ in range(3))
                + f"--{boundary}--\n".encode())

    def _leaf(self) -> bytes:
        rng = self.rng
        charset, encoding = rng.choice(CHARSETS), rng.choice(ENCODINGS)
        head = (f"Content-Type: {rng.choice(TYPES)}; charset={charset}\n"
                f"Content-Transfer-Encoding: {encoding}\n")
        if rng.random() < 0.3:
            head += f"Content-Disposition: attachment; filename*=utf-8''%ZZ{rng.random()}.docx\n"
        text = rng.choice([FORM, FORM * 200, "Gender: ☃ female\n", "\x00" * 100, ""])
        data = text.encode(rng.choice(["utf-8", "utf-16", "latin-1"]), "replace")
        if encoding == "base64":
            data = rng.choice([base64.encodebytes(data), b"!!!not base64===\n" * 50, data[:7]])
        elif encoding == "quoted-printable":
            data = rng.choice([data, b"=ZZ=\n=" * 100, b"=" * 900])
        return head.encode() + b"\n" + data + b"\n"

    def _headers(self) -> bytes:
        rng = self.rng
        extra = rng.choice(["X-Long: " + "\n ".join(["a" * 900] * 220),
                            "\n".join(f"X-Many-{n}: {n}" for n in range(5_000)),
                            "X-Folded: x" + "\n x" * 20_000,
                            "Subject: " + "=?utf-8?q?=E2=98=83?= " * 20_000,
                            "References: " + " ".join(f"<r{n}@x>" for n in range(30_000)),
                            "Date: " + "Mon, 99 Foo 99999 99:99:99 +9999"])
        return self._head("text/plain", extra) + b"\n\n" + FORM.encode()

    def _html(self) -> bytes:
        html = self.rng.choice(HTML)  # in lines an SMTP server takes (under 1,000 octets)
        lines = "\n".join(html[start:start + 900] for start in range(0, len(html), 900))
        return self._head("text/html; charset=utf-8") + b"\n\n" + lines.encode()

    def _word(self) -> bytes:
        rng = self.rng
        data = rng.choice([self.bomb(), rng.randbytes(5_000), self._many_parts(),
                           self.bomb()[: rng.randrange(1, 300_000)]])
        boundary = "w0rd"
        attachment = base64.encodebytes(data).decode()
        return (self._head(f'multipart/mixed; boundary="{boundary}"') + b"\n\n" + (
            f"--{boundary}\nContent-Type: text/plain\n\nPlease see attached.\n"
            f"--{boundary}\nContent-Type: {DOCX_TYPE}\nContent-Transfer-Encoding: base64\n"
            f'Content-Disposition: attachment; filename="form.docx"\n\n{attachment}\n'
            f"--{boundary}--\n").encode())

    def bomb(self) -> bytes:
        """A .docx that unpacks to 95 MB of paragraphs (built once)."""
        if self._bomb is None:
            unit = b"<w:p><w:r><w:t>a b</w:t></w:r></w:p>"
            self._bomb = _docx(unit * (95_000_000 // len(unit)))
        return self._bomb

    def _many_parts(self) -> bytes:
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w") as package:
            for n in range(6_000):
                package.writestr(f"word/part{n}.xml", b"<x/>")
        return packed.getvalue()

    def _nested(self) -> bytes:
        inner = self._head("text/plain") + b"\n\n" + FORM.encode()
        for _ in range(self.rng.randint(1, 60)):
            inner = self._head("message/rfc822") + b"\n\n" + inner
        return inner

    def _noise(self) -> bytes:
        noise = self.rng.randbytes(20_000).replace(b"\n", b"").replace(b"\r", b"")
        lines = b"\n".join(noise[start:start + 900] for start in range(0, len(noise), 900))
        return self.rng.choice([lines, b"\r" * 900 + b"\n",
                                b"From: x\n" + b"\n" * 100_000, b": :\n" * 10_000])


def _docx(body: bytes) -> bytes:
    """A minimal .docx whose document body is `body`, deflated."""
    document = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                b'2006/main"><w:body>' + body + b"</w:body></w:document>")
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)
    return packed.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
    '"word/document.xml"/></Relationships>')

"""Serialise the service's own outbound emails quickly, in one fixed, standard shape.

The stdlib `email` package's header registry and generator cost ~2 ms a message, which a
broadcast to a thousand providers cannot afford (bench/broadcast.py). Every email the service
sends has the same shape, so this writes it directly: ASCII or RFC 2047-encoded headers,
`multipart/alternative` (RFC 2046 §5.1.4) with a UTF-8 text part and an optional HTML part,
each as it is (7bit) when it is short-lined ASCII, else quoted-printable (RFC 2045 §6.7) via
the C-accelerated `binascii`. The tests parse the
result back with the stdlib parser.
"""

from __future__ import annotations

import binascii
import hashlib
from email.header import Header

NL = "\n"  # the SMTP client writes NL on the wire (RFC 5321 §2.3.8), as for bytes(EmailMessage)


def _header_value(value: str) -> str:
    """ASCII as it is; anything else as an RFC 2047 encoded-word."""
    if value.isascii():
        return value
    return Header(value, "utf-8", maxlinelen=998).encode()


def _qp(text: str) -> str:
    body = text.replace("\r\n", "\n").encode("utf-8")
    encoded = binascii.b2a_qp(body, quotetabs=False, istext=True, header=False)
    return encoded.decode("ascii")


MAX_LINE = 998  # RFC 5322 §2.1.1: longer lines must be encoded


def _plain_enough(text: str) -> bool:
    """Text that can travel as it is (7bit, RFC 2045 §2.7): ASCII, no CR or NUL, no line
    too long. Most of the service's emails are, and encoding 1,500 copies of a broadcast
    as quoted-printable cost more than rendering them."""
    return (text.isascii() and "\r" not in text and "\x00" not in text
            and max(map(len, text.split(NL))) <= MAX_LINE)


def _part(subtype: str, text: str) -> str:
    text = text.replace("\r\n", NL)
    if _plain_enough(text):
        encoding, body = "7bit", text
    else:
        encoding, body = "quoted-printable", _qp(text)
    return (f"Content-Type: text/{subtype}; charset=\"utf-8\"{NL}"
            f"Content-Transfer-Encoding: {encoding}{NL}{NL}{body}")


def compose(headers: list[tuple[str, str]], text: str, html: str | None) -> bytes:
    """The whole message as bytes, LF line ends (the SMTP client sends CRLF)."""
    lines = [f"{name}: {_header_value(value)}" for name, value in headers]
    lines.append("MIME-Version: 1.0")
    if html is None:
        head = NL.join(lines)
        return f"{head}{NL}{_part('plain', text)}{NL}".encode("ascii")
    boundary = "=_" + hashlib.sha256((text + html).encode("utf-8")).hexdigest()[:32]
    lines.append(f'Content-Type: multipart/alternative; boundary="{boundary}"')
    body = (f"--{boundary}{NL}{_part('plain', text)}{NL}"
            f"--{boundary}{NL}{_part('html', html)}{NL}--{boundary}--{NL}")
    return (NL.join(lines) + NL + NL + body).encode("ascii")

"""Is an email really from the address in its From header? DKIM and Authentication-Results.

Two proofs count, and nothing else (the From header alone is whatever the sender typed):

- A DKIM signature (RFC 6376) that verifies, from a domain aligned with the From domain
  (RFC 7489 §3.1.1, relaxed: one organisational domain, by the Public Suffix List, so
  `d=gov.uk` aligns with no council). Only aligned signatures
  are looked up, so a stranger's signature can never make the service wait on a DNS server
  of the stranger's choosing. Verified with dkimpy; `dnsfunc` (name → TXT bytes) is injected,
  so tests sign real messages with keys they generate.
- An `Authentication-Results` header (RFC 8601) added by the council's own mail server: the
  topmost one, only when its authserv-id is the configured trusted one and the message
  reached us from a trusted relay (RFC 8601 §5: anyone can write such a header, so a header
  is believed only from the server that is known to write it and to remove forgeries).
  `dmarc=pass` for the From domain, or an aligned `dkim=pass`, proves the From. Such a
  header cannot say which headers a signature covered; an `spf=pass` whose
  `smtp.mailfrom` is aligned with the From (`Verdict.delivered_by_sender`) says the
  sender's own servers handed the message over, so its To is as they sent it.

A message with two of a header that says who wrote it, to whom, when, about what or in
answer to what, or how its body is to be read (`ONCE_ONLY`: Content-Type,
Content-Transfer-Encoding, MIME-Version among them) proves nothing: a signature covers the
LAST of each, the service reads the first, so a header put above a signed message would pass
for the signed one ("Content-Type: text/plain; format=flowed" above a signed reply re-joins
its lines). So, whatever the header, under a DKIM signature (`uncovered`): a name its h=
lists once covers the last instance only (RFC 6376 §5.4.2), and a message carrying more
instances of a signed header than h= lists proves nothing.

Nor does a message whose headers can be read two ways (`two_readings`): the service reads
headers with Python's parser, which ends a line at a lone CR, and a verifier (dkimpy here,
or the trusted relay's) ends one only at CRLF or LF. So `X-Note: x<CR><CR><LF>` is the end of
the headers to the service and nothing to the verifier, which reads on through headers the
service never sees (a signed To, a signed Message-ID) and verifies the message, while the
service obeys the To and Message-ID written above it. The header block must hold no lone CR,
no NUL and no line that is neither a field nor a continuation (a `From ` line, which Python
may move into the body, a line without a colon), and Python's list of headers must be
dkimpy's, name by name, value by value, in order; otherwise nothing the message carries,
a signature or the relay's verdict, proves anything.

Nor does a signed message whose shape its signature leaves unsigned and its headers give
otherwise than its body shows (`unsigned_structure`): Gmail signs no Content-Type, Microsoft
365 no Content-Transfer-Encoding, so anyone holding a copy could write a boundary that makes
a forward's quoted email the body, or a charset (UTF-7) or an encoding (quoted-printable's
`=0A`) that breaks a quoted line in two.

`verify` is pure apart from `dnsfunc`; it returns a `Verdict`: pass, fail (a signature or a
trusted server says the message is forged) or none (no proof either way). A DKIM pass names
the headers its signature covers (`signed`): what the service reads from a header the
signature leaves out, anyone who held the message may have written.
"""

from __future__ import annotations

import base64
import email.parser
import ipaddress
import logging
import quopri
import re
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message

import authres
import dkim

from broker.forms.mime import decode_text_as_written

log = logging.getLogger("broker.mailauth")
DnsFunc = Callable[..., bytes | None]
MAX_SIGNATURES = 3  # aligned signatures tried; more is an attempt to make us work
# Headers RFC 5322 §3.6 allows once: a second is a header put above a signed message.
ONCE_ONLY = ("from", "to", "cc", "subject", "date", "message-id", "in-reply-to", "references",
             "content-type", "content-transfer-encoding", "mime-version")


@dataclass(frozen=True)
class Verdict:
    result: str  # pass | fail | none
    method: str = ""  # dkim | authentication-results
    detail: str = ""
    signed: frozenset[str] = frozenset()  # a DKIM pass: the headers it covers (h=), lower-case
    # trusted Authentication-Results: spf=pass for an envelope sender aligned with the From
    delivered_by_sender: bool = False

    @property
    def passed(self) -> bool:
        return self.result == "pass"


def aligned(domain: str, from_domain: str) -> bool:
    """RFC 7489 relaxed alignment: the signing domain and the From domain have one
    organisational domain (§3.2, by the Public Suffix List: broker/maildomains.py). A
    public suffix is nobody's and aligns with nothing: `d=gov.uk` proves no council's mail,
    `d=co.uk` no company's."""
    from broker.maildomains import organisational_domain  # the list, read once, on first use

    organisation = organisational_domain(domain)
    return bool(organisation) and organisation == organisational_domain(from_domain)


def verify(raw: bytes, from_domain: str, *, dnsfunc: DnsFunc | None = None,
           trusted_authserv_id: str = "", via_trusted_relay: bool = False) -> Verdict:
    """The proof this message carries that it comes from `from_domain`."""
    headers = email.parser.BytesHeaderParser().parsebytes(raw)
    ambiguity = two_readings(raw, headers)
    if ambiguity:
        return Verdict("none", "headers", f"the headers can be read two ways: {ambiguity}")
    twice = repeated(headers)
    if twice:
        return Verdict("none", "headers", f"more than one {twice} header")
    if trusted_authserv_id and via_trusted_relay:
        verdict = _from_results(headers, from_domain, trusted_authserv_id)
        if verdict.result != "none":
            return verdict
    return _from_dkim(raw, headers, from_domain, dnsfunc)


_HEADERS_END = re.compile(rb"(?:\A|\r?\n)\r?\n")  # the first empty line, as dkimpy finds it
_LINE_END = re.compile(rb"\r?\n")  # dkimpy's; Python's parser also ends a line at a lone CR
_FIELD = re.compile(rb"[\x21-\x39\x3b-\x7e]+:")  # RFC 5322 §2.2 field name, then its colon


def two_readings(raw: bytes, headers: Message) -> str:
    """Why the header block of `raw` reads differently to the service (Python's parser,
    whose reading of the same bytes is `headers`) and to a DKIM verifier (dkimpy's
    `rfc822_parse`), or '' when both read the same headers, the same values, in the same
    order: a lone CR, a NUL, a line that is neither a field nor a continuation, or any
    other difference between the two lists."""
    end = _HEADERS_END.search(raw)
    block = raw[:end.start()] if end else raw
    lines = _LINE_END.split(block) if block else []
    for number, line in enumerate(lines):
        if b"\r" in line:
            return "a lone CR"
        if b"\0" in line:
            return "a NUL"
        if not (_FIELD.match(line) or (number and line[:1] in (b" ", b"\t"))):
            return "a line that is not a header"
    try:
        theirs = [(bytes(name), _unfolded(bytes(value)))
                  for name, value in dkim.rfc822_parse(block)[0]]
    except Exception:  # noqa: BLE001 - a block the verifier cannot read is read two ways
        return "a header the DKIM verifier cannot read"
    ours = [(name.encode("ascii", "surrogateescape"),
             _unfolded(str(value).encode("ascii", "surrogateescape")))
            for name, value in headers.raw_items()]
    return "" if ours == theirs else "different headers to the DKIM verifier"


def _unfolded(value: bytes) -> bytes:
    return value.replace(b"\r", b"").replace(b"\n", b"").strip(b" \t")


def repeated(headers: Message) -> str:
    """The first of `ONCE_ONLY` the message carries more than once, or ''."""
    seen: set[str] = set()
    for name in headers:  # every header, in order, repeats included
        name = name.strip().lower()
        if name in ONCE_ONLY:
            if name in seen:
                return name
            seen.add(name)
    return ""


def _from_results(headers: Message, from_domain: str, authserv_id: str) -> Verdict:
    values = headers.get_all("Authentication-Results") or []
    if not values:
        return Verdict("none")
    try:  # the topmost header is the one our relay added last
        parsed = authres.AuthenticationResultsHeader.parse_value(str(values[0]))
    except Exception:  # noqa: BLE001 - an unreadable header proves nothing
        return Verdict("none")
    if str(parsed.authserv_id).lower() != authserv_id.lower():
        return Verdict("none")
    outcome, delivered = "none", False
    for result in parsed.results:
        about = {f"{p.type}.{p.name}".lower(): str(p.value).lower() for p in result.properties}
        if result.method == "spf" and _word(result.result) == "pass":
            mailfrom = about.get("smtp.mailfrom", "").rpartition("@")[2]
            delivered = delivered or aligned(mailfrom, from_domain)
        # A DMARC result counts only for the From domain it names (none named: not ours).
        dmarc = result.method == "dmarc" and about.get("header.from") == from_domain
        dkim_aligned = result.method == "dkim" and aligned(about.get("header.d", ""), from_domain)
        if dmarc or dkim_aligned:
            outcome = _stronger(outcome, _word(result.result))
    return Verdict(outcome, "authentication-results", f"{authserv_id}: {outcome}",
                   delivered_by_sender=delivered)


def _word(result: str) -> str:
    return {"pass": "pass", "fail": "fail"}.get(str(result).lower(), "none")


def _stronger(current: str, new: str) -> str:
    """A pass outweighs a failing second signature (mail is often signed twice)."""
    order = ("none", "fail", "pass")
    return max(current, new, key=order.index)


def _from_dkim(raw: bytes, headers: Message, from_domain: str,
               dnsfunc: DnsFunc | None) -> Verdict:
    signatures = headers.get_all("DKIM-Signature") or []
    indexes = [i for i, value in enumerate(signatures)
               if aligned(_tag(str(value), "d"), from_domain)]
    if not indexes:
        return Verdict("none", "dkim", "no DKIM signature for the sender's domain")
    # A signature with a body length (l=) still verifies when text is added after that
    # length, or the message is wrapped anew around it: it proves nothing about what we read.
    indexes = [i for i in indexes if not _tag(str(signatures[i]), "l")][:MAX_SIGNATURES]
    if not indexes:
        return Verdict("none", "dkim", "the DKIM signature covers only part of the body (l=)")
    checker = dkim.DKIM(raw, timeout=5)
    for index in indexes:
        try:
            good = checker.verify(idx=index, dnsfunc=dnsfunc or dkim.dnsplug.get_txt)
        except dkim.DKIMException as error:
            log.info("DKIM signature %s could not be checked: %s", index, type(error).__name__)
            good = False
        if good:
            signature = str(signatures[index])
            listed = [name for name in _tag(signature, "h").split(":") if name]
            extra = uncovered(headers, listed)
            if extra:
                return Verdict("none", "headers", f"a {extra} header the signature does "
                                                  "not cover, beside the one it does")
            reshaped = unsigned_structure(raw, headers, listed)
            if reshaped:
                return Verdict("none", "headers", reshaped)
            return Verdict("pass", "dkim", f"d={_tag(signature, 'd')}", frozenset(listed))
    return Verdict("fail", "dkim", "the DKIM signature does not verify")


def uncovered(headers: Message, listed: list[str]) -> str:
    """Rule: a signed header carried more often than signed. The first header the
    signature's h= (`listed`, lower-case, repeats kept) names that the message carries more
    times than h= lists it, or ''. Each name in h= covers one instance, from the last up
    (RFC 6376 §5.4.2), so the instances above are unsigned, and the service, which reads
    the first, would read one the signer never wrote."""
    for name in dict.fromkeys(listed):
        if len(headers.get_all(name) or []) > listed.count(name):
            return name
    return ""



_MULTIPARTS_READ_ALIKE = ("multipart/mixed", "multipart/alternative", "multipart/related")
_ASCII_CHARSETS = re.compile(r"(?:us-ascii|ascii|utf-?8|latin-?1|iso[-_]?8859-\d{1,2}|"
                             r"(?:windows|cp)-?125\d)")
_BODY_LINE_END = re.compile(rb"\r\n|\n|\r")
_SOFT_BREAK = re.compile(rb"=[ \t]*\Z")
_BASE64_LINE = re.compile(rb"[A-Za-z0-9+/]*={0,2}")
# What, decoded, would start a new line in a reader's hands (str.splitlines), CR and LF aside.
_OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_AN_HTML_START = re.compile(r"\s*<[!A-Za-z]")
_A_CLOSE_DELIMITER = re.compile(rb"--([ -~]*[A-Za-z0-9][ -~]*)--")


def unsigned_structure(raw: bytes, headers: Message, listed: list[str]) -> str:
    """Rule: a body whose shape the signature leaves unsigned is read as it shows itself.
    Why `raw` proves nothing though its signature verifies, or ''. A signature whose h=
    (`listed`) leaves out the Content-Type (Gmail's) or the Content-Transfer-Encoding
    (Microsoft 365's) lets anyone holding the message write their own, and the signed bytes
    then read as other text: `multipart/mixed; boundary="-------- Forwarded message
    ---------"` makes a forward's quoted older email the body (its writer's own words above
    it a preamble nobody reads), `charset=utf-7` turns `+AAo-` in a quoted line into a line
    break, quoted-printable turns `=0A` into one and a soft break joins lines, and
    `text/plain` on an HTML body reads its quoted history as new text. So an unsigned
    Content-Type must be the one the body shows: a multipart whose boundary closes the
    body (its close delimiter the last line: no other boundary, no epilogue), of a kind read
    like the others; or text/plain or text/html as the body is (or is not) HTML, in a
    charset that reads ASCII as ASCII. An unsigned Content-Transfer-Encoding (of a body
    that is not multipart) must be one whose decoding splits no line the raw body does not:
    none (7bit, 8bit) only where no line ends in a quoted-printable soft break;
    quoted-printable only when the body is 7-bit and no escape in it is a line break;
    base64 only when the body is nothing but base64."""
    signed = set(listed)
    if {"content-type", "content-transfer-encoding"} <= signed:
        return ""
    end = _HEADERS_END.search(raw)
    lines = [line.rstrip(b" \t") for line in _BODY_LINE_END.split(raw[end.end():] if end
                                                                   else b"")]
    kind = headers.get_content_type()
    if kind.startswith("multipart/"):  # the parts say how each is encoded, under the signature
        if "content-type" in signed:
            return ""
        boundary = headers.get_boundary()
        close = f"--{boundary}--".encode("utf-8", "surrogateescape") if boundary else b""
        written = [line for line in lines if line]
        if kind not in _MULTIPARTS_READ_ALIKE or not written or written[-1] != close:
            return "a Content-Type the signature does not cover that the body does not show"
        return ""
    if "content-transfer-encoding" not in signed and not _encoding_shown(headers, lines):
        return ("a Content-Transfer-Encoding the signature does not cover that the body "
                "does not show")
    charset = headers.get_content_charset() or "us-ascii"
    text = decode_text_as_written(_decoded(b"\n".join(lines), headers), charset)
    text = text.replace("\r\n", "\n")
    if "\r" in text or _OTHER_LINE_BREAKS.search(text):  # =0D, or utf-8 "\u2028" read so
        return "a body whose encoding or charset the signature does not cover breaks lines"
    if "content-type" in signed:
        return ""
    shown = "text/html" if _AN_HTML_START.match(text) else "text/plain"
    if kind != shown or not _ASCII_CHARSETS.fullmatch(charset) or _parts_shown(lines):
        return "a Content-Type the signature does not cover that the body does not show"
    return ""


def _parts_shown(lines: list[bytes]) -> bool:
    """Whether a body shows itself multipart: its last line a boundary's close delimiter
    (`--boundary--`, the boundary a mail client's, letters or digits in it), that
    boundary's delimiter a line above."""
    written = [line for line in lines if line]
    close = _A_CLOSE_DELIMITER.fullmatch(written[-1]) if written else None
    return close is not None and b"--" + close[1] in written

def _encoding_shown(headers: Message, lines: list[bytes]) -> bool:
    """Whether a single-part body's (unsigned) Content-Transfer-Encoding decodes its
    `lines` into the same lines, soft breaks aside (see `unsigned_structure`)."""
    encoding = str(headers.get("content-transfer-encoding", "")).strip().lower()
    soft_breaks = sum(bool(_SOFT_BREAK.search(line)) for line in lines)
    if encoding in ("", "7bit", "8bit", "binary"):
        return not soft_breaks  # quoted-printable sent as 7bit: its soft breaks split lines
    if encoding == "base64":
        return all(_BASE64_LINE.fullmatch(line) for line in lines)
    if encoding != "quoted-printable" or any(byte > 0x7E for line in lines for byte in line):
        return False  # uuencode and the like; 8-bit bytes are no quoted-printable's (§6.7)
    # a soft break joins two lines; an escaped line break (=0A) makes one
    return quopri.decodestring(b"\n".join(lines)).count(b"\n") == len(lines) - 1 - soft_breaks


def _decoded(body: bytes, headers: Message) -> bytes:
    """The body as its Content-Transfer-Encoding decodes (base64, quoted-printable)."""
    encoding = str(headers.get("content-transfer-encoding", "")).strip().lower()
    try:
        if encoding == "base64":
            return base64.b64decode(body.replace(b"\n", b""))
        if encoding == "quoted-printable":
            return quopri.decodestring(body)
    except ValueError:
        return b""
    return body


def _tag(signature: str, name: str) -> str:
    for part in signature.replace("\r", "").replace("\n", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key.strip() == name:
            return "".join(value.split()).lower()
    return ""


def in_networks(address: str, networks: list[str]) -> bool:
    """Whether an IP address is in one of these networks (`10.0.0.5`, `10.0.0.0/24`)."""
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(n, strict=False) for n in networks if n)


_OUR_RECEIVED = re.compile(rb"^Received: from .*?\(\[([0-9A-Fa-f:.]*)\]\)", re.MULTILINE)


def received_line(peer: str, helo: str, hostname: str, when: str) -> bytes:
    """The trace line the intake puts on top of every message (RFC 5321 §4.4); its peer
    address is the one fact about the message nobody outside can write."""
    helo = re.sub(r"[^A-Za-z0-9.:\[\]-]", "", helo)[:100] or "unknown"
    return (f"Received: from {helo} ([{peer}]) by {hostname} (placement-referral-broker); "
            f"{when}\r\n").encode("ascii", "replace")


def return_path_line(mail_from: str) -> bytes:
    """The envelope sender as the final delivery records it (RFC 5321 §4.4), below our trace
    line: `Return-Path: <>` marks a bounce or other automatic mail (RFC 3834), which is
    never answered, whatever its From says."""
    address = re.sub(r"[^\x21-\x7e]", "", mail_from).replace("<", "").replace(">", "")[:320]
    return f"Return-Path: <{address}>\r\n".encode("ascii")


def peer_of(raw: bytes) -> str:
    """The sending peer's address from our own trace line (the topmost one)."""
    match = _OUR_RECEIVED.match(raw[:2000])
    return match.group(1).decode() if match else ""


class SenderCheck:
    """`verify`, with the service's settings: the DNS look-up and the trusted relay."""

    def __init__(self, dnsfunc: DnsFunc | None = None, authserv_id: str = "",
                 relays: tuple[str, ...] = ()) -> None:
        self.dnsfunc, self.authserv_id, self.relays = dnsfunc, authserv_id, relays

    def needs_dns(self, raw: bytes) -> bool:
        """Only a DKIM signature sends us to DNS (worth a thread); otherwise it is quick."""
        end = raw.find(b"\n\r\n")
        end = raw.find(b"\n\n") if end < 0 else end
        return b"dkim-signature:" in raw[:end if end >= 0 else None].lower()

    def check(self, raw: bytes, from_domain: str) -> Verdict:
        return verify(raw, from_domain, dnsfunc=self.dnsfunc,
                      trusted_authserv_id=self.authserv_id,
                      via_trusted_relay=in_networks(peer_of(raw), list(self.relays)))

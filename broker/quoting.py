"""A provider's own words, as the service shows them to anyone else.

Whatever a provider writes (a proposal, a location, additional costs, the name its reply
gives) may be written to pass for the service's or the council's own lines. Shown on one
line, without control, direction or zero-width characters, cut to a length and in
quotation marks, it cannot. Words that go where a link would be followed (an approval
request, a Slack message, a delivery report told to the team) lose their links, mail
addresses and host names too (`without_links`): a stranger's "confirm it at …" is no link of
ours.
"""

from __future__ import annotations

import re
import unicodedata

from broker.anonymise.patterns import find_phone_numbers
from broker.anonymise.spans import resolve

# a link: with a scheme, www., or a host with a path (every repetition that can start
# anywhere is bounded, so a long run of dots or hyphens costs linear time)
_LINK = re.compile(r"(?i)(?:\b[a-z][a-z0-9+.-]{0,31}://|\bwww\.)\S*"
                   r"|(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)+/\S*")
# a scheme a link needs no "//" for: "javascript:…", "data:text/html,…", "tel:+44…"
_SCHEME = re.compile(r"(?i)(?<![\w.+-])(?:javascript|vbscript|data|blob|file|mailto|tel|sms|"
                     r"callto|sip|facetime|skype|whatsapp|tg|intent|ms-[a-z-]+):\S*")
# a bare IPv4 or IPv6 address, with a port and a path or not: "203.0.113.7:8443/confirm"
_OCTET = r"(?:25[0-5]|2[0-4]\d|1?\d?\d)"
_IP = re.compile(rf"(?i)(?<![\w.:])(?:{_OCTET}(?:\.{_OCTET}){{3}}"
                 r"|\[?(?=[0-9a-f:]*[0-9a-f])(?=[0-9a-f:]*::|(?:[0-9a-f]{1,4}:){5})"
                 r"[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\]?)(?!\w|\.\d)(?::\d{1,5})?(?:/\S*)?")
# a mail address: "finance@evil.example"
_MAIL = re.compile(r"[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+")
# a host-shaped token of any ending and in any case ("larch-referrals-portal.com",
# "Northby-Approvals.Shop", "XN--NRTHBY.SHOP"), which mail clients make into links too
# (`_a_host` leaves codes, abbreviations and amounts: "e.g.", "No.3", "£4.5k")
_HOST = re.compile(r"(?<![@\w.-])[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))+(?![@\w-]|\.[A-Za-z0-9])")
# a host's ending: letters, or an internationalised one ("xn--p1ai"), in one case or as a
# capitalised word; not a code's "RecipientNotFound"
_ENDING = re.compile(r"(?:[a-z]{2,63}|[A-Z]{2,63}|[A-Z][a-z]{1,62}|(?i:xn--[a-z0-9-]{1,59}))")
# "offer.The fee…": a full stop missing its space before a word that starts a sentence and
# is no host's ending
_SENTENCE_STARTS = frozenset({"The", "We", "She", "He", "They", "This", "Our", "Her", "His",
                              "If", "Thanks", "Kind", "Many", "Regards", "Please"})
# a host written the spoken way: "evil-portal dot com"
_SPOKEN = re.compile(r"(?i)(?<![\w.-])[a-z0-9-]+(?:\s+dot\s+[a-z0-9-]+){0,4}\s+dot\s+"
                     r"(?:com|org|net|uk|co|io|info|biz|shop|online|site|app|xyz|top|link)\b")
# written defanged: "evil-portal[.]com", "finance (at) evil (dot) com", "hxxps[:]//"
_DEFANGED_DOT = re.compile(r"(?i)\s*[\[({]\s*(?:\.|dot)\s*[\])}]\s*")
_DEFANGED_AT = re.compile(r"(?i)\s*[\[({]\s*(?:@|at)\s*[\])}]\s*")
_DEFANGED_COLON = re.compile(r"\[:\]")
# full stops a host name may be written with (IDNA reads them as ".")
_STOPS = str.maketrans({"\u3002": ".", "\uff61": "."})


def without_links(text: str, keep: str = "") -> str:
    """`text` with its links, and its mail addresses and host names other than `keep`,
    replaced by "[link removed]" and "[address removed]": also those written in full-width
    or look-alike letters ("finance＠evil．com", NFKC), defanged ("evil[.]com", "finance (at)
    evil (dot) com"), as a bare IP address ("203.0.113.7:8443/confirm"), in any case and
    with any ending ("Northby-Approvals.Shop"), and schemes without "//" ("javascript:")."""
    text = _normalised(text)
    text = _DEFANGED_COLON.sub(":", _DEFANGED_AT.sub("@", _DEFANGED_DOT.sub(".", text)))
    text = _SCHEME.sub("[link removed]", _LINK.sub("[link removed]", text))
    text = _IP.sub("[address removed]", text)
    text = _MAIL.sub(lambda found: found[0] if keep and found[0].lower() == keep.lower()
                     else "[address removed]", text)
    text = _SPOKEN.sub("[address removed]", text)
    return _HOST.sub(lambda found: "[address removed]" if _a_host(found[0]) else found[0], text)


def without_contacts(text: str) -> str:
    """`text` without links, mail addresses and host names (`without_links`), nor phone
    numbers ("[number removed]"): for words of an email the service repeats back to its
    sender as a line to send, which never carry a stranger's "call Jo on …" or "confirm at
    …" in the service's voice."""
    text = without_links(text)
    out, at = [], 0
    for span in resolve(list(find_phone_numbers(text))):
        out += [text[at:span.start], "[number removed]"]
        at = span.end
    return "".join([*out, text[at:]])


def _normalised(text: str) -> str:
    """Each character in its NFKC form where that is one character (full-width "＠", "．",
    "ｅ" read as "@", ".", "e"; "…" and "½" stay as written), and ideographic full stops as
    full stops."""
    if text.isascii():
        return text
    return "".join(folded if len(folded := unicodedata.normalize("NFKC", ch)) == 1 else ch
                   for ch in text).translate(_STOPS)


def _a_host(token: str) -> bool:
    """Whether a dotted token is a host name: its ending reads as one ("evil.example",
    "EVIL.SHOP", "Evil.Shop"), and it is not a full stop missing its space ("offer.The")."""
    labels = token.split(".")
    if not _ENDING.fullmatch(labels[-1]):
        return False
    return not (len(labels) == 2 and labels[0].isalpha() and labels[0].islower()
                and labels[1] in _SENTENCE_STARTS)


def provider_words(value: object, limit: int = 300) -> str:
    """A provider's own words inside one of our emails: on one line (so they cannot stand as
    lines of ours: a rule, "Message from Northby Council Finance: …", a made-up option),
    without control, direction or zero-width characters, without links, mail addresses or
    host names ("sign-off is now done at https://…"), at most `limit` characters, and in
    quotation marks, so they are never read as the service or the council speaking; with no
    double quotation marks of any kind left inside (a home's own ” would close ours, and what
    it wrote after it stand as ours). '' for nothing (so `or "not given"` still reads)."""
    text = " ".join(without_links(without_controls(str(value or ""))).translate(
        _QUOTATION_MARKS).split())
    if not text:
        return ""
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return f"“{text}”"


# Every double quotation mark, and the guillemets, single or double: removed from a
# provider's words before ours are put round them (an apostrophe, ’, stays: "child’s").
_QUOTATION_MARKS = str.maketrans(dict.fromkeys(
    "\"“”„‟〝〞〟＂«»‹›❝❞❠⹂″‶", None))


def without_controls(text: str) -> str:
    """`text` without control, direction or zero-width characters (an escape sequence, a
    right-to-left override), its lines and tabs kept."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf")
                   or ch in "\n\t")

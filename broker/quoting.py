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

# a link: with a scheme, www., or a host with a path
_LINK = re.compile(r"(?i)(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S*"
                   r"|(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)+/\S*")
# a mail address or a bare host ("larch-referrals-portal.com"), which mail clients make into
# links too: the team's notice names the address that failed itself
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # (a host in lower case, or in any
                      r"|(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b(?![.@\w-])"
                      r"|(?<![@\w.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?i:com|org|net|uk|io|co"
                      r"|info|biz|link|app|site|online|example|gov|nhs|ac|me|xyz|top|eu)\b"
                      r"(?![.@\w-])")
# case with a common ending, "Northby-Approvals.example": Exchange's "RESOLVER.ADR.
# RecipientNotFound" is a code, and stays)


def without_links(text: str, keep: str = "") -> str:
    """`text` with its links, and its mail addresses and host names other than `keep`,
    replaced by "[link removed]" and "[address removed]"."""
    text = _LINK.sub("[link removed]", text)
    return _ADDRESS.sub(lambda found: found[0] if keep and found[0].lower() == keep.lower()
                        else "[address removed]", text)


def provider_words(value: object, limit: int = 300) -> str:
    """A provider's own words inside one of our emails: on one line (so they cannot stand as
    lines of ours: a rule, "Message from Northby Council Finance: …", a made-up option),
    without control, direction or zero-width characters, without links, mail addresses or
    host names ("sign-off is now done at https://…"), at most `limit` characters, and in
    quotation marks, so they are never read as the service or the council speaking. ''
    for nothing (so `or "not given"` still reads)."""
    text = " ".join(without_links(without_controls(str(value or ""))).split())
    if not text:
        return ""
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return f"“{text}”"


def without_controls(text: str) -> str:
    """`text` without control, direction or zero-width characters (an escape sequence, a
    right-to-left override), its lines and tabs kept."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf")
                   or ch in "\n\t")

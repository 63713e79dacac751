"""What a mail domain is: the organisation it belongs to, and whether it is a public mail
service's, whose mailboxes are anyone's.

- `organisational_domain`: the domain as registered, one label below its public suffix
  (RFC 7489 §3.2), from the Public Suffix List that `publicsuffixlist` bundles (nothing is
  downloaded at run time). `northby.gov.uk` is Northby's and `gov.uk` is nobody's;
  `stmarys.lancs.sch.uk` is the school's, `trust.nhs.uk` the trust's, `larchcare.co.uk`
  the company's. Rule `FICTIONAL_STANDS_FOR_UK`: the names reserved for examples and tests
  (`.example`, `.test`, `.invalid`, `.localhost`: RFC 2606, RFC 6761), which the list does not
  know and so would take as a public suffix of one label, stand for `.uk`, so the project's
  fictional councils (`northby.gov.example`) are shaped as real ones and `gov.example` is
  nobody's, as `gov.uk` is.
- `is_public_mail_domain`: rule `PUBLIC_MAIL_SERVICES`: a free or consumer mail service
  (Gmail, Outlook and Hotmail, Yahoo, iCloud, the big UK internet providers …), where
  anyone can open a mailbox and get a genuine DKIM signature for it. Such a domain can
  never speak for an organisation: only the one address its contact uses can.
"""

from __future__ import annotations

from functools import cache

from publicsuffixlist import PublicSuffixList

FICTIONAL_TLDS = ("example", "test", "invalid", "localhost")

# Public mail services, by the domain their users' addresses are at.
PUBLIC_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "icloud.com", "me.com", "mac.com", "aol.com",
    "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "tutanota.com", "tuta.io",
    "fastmail.com", "fastmail.fm", "hushmail.com", "mail.com", "email.com", "zoho.com",
    "zohomail.com", "zohomail.eu", "msn.com", "windowslive.com", "ymail.com",
    "rocketmail.com", "mail.ru", "web.de", "qq.com", "163.com", "126.com", "lycos.com",
    # UK internet providers' mailboxes
    "btinternet.com", "btopenworld.com", "sky.com", "virginmedia.com", "virgin.net",
    "blueyonder.co.uk", "ntlworld.com", "talktalk.net", "tiscali.co.uk", "plus.com",
    "plus.net", "o2.co.uk", "orange.net", "wanadoo.co.uk", "eclipse.co.uk",
})
# Services with a domain in many countries: `hotmail.co.uk`, `yahoo.fr`, `gmx.de` …
PUBLIC_MAIL_BRANDS = frozenset({"hotmail", "outlook", "live", "yahoo", "gmx", "yandex",
                                "aol"})
_COMMERCIAL = frozenset({"com", "net", "org", "co"})  # `co.uk`, `com.au`: a brand's own


@cache
def _list() -> PublicSuffixList:
    return PublicSuffixList()


def _as_listed(domain: str) -> tuple[str, str]:
    """The domain, lower-case without a final dot; and how the list is asked about it (a
    fictional top-level name as `.uk`)."""
    domain = domain.strip().lower().rstrip(".")
    head, _, tld = domain.rpartition(".")
    return domain, (f"{head}.uk" if head and tld in FICTIONAL_TLDS else domain)


def public_suffix(domain: str) -> str:
    """The part of `domain` under which anyone may register a name (`gov.uk`, `co.uk`)."""
    domain, asked = _as_listed(domain)
    suffix = _list().publicsuffix(asked) or asked
    return ".".join(domain.split(".")[-len(suffix.split(".")):])


def organisational_domain(domain: str) -> str:
    """`domain`'s organisational domain (RFC 7489 §3.2): its public suffix and one label
    more; '' when `domain` is itself a public suffix (nobody's)."""
    domain, _ = _as_listed(domain)
    suffix = public_suffix(domain)
    if domain == suffix or not domain.endswith("." + suffix):
        return ""
    return ".".join(domain.split(".")[-len(suffix.split(".")) - 1:])


def is_public_mail_domain(domain: str) -> bool:
    """Whether `domain` (or the organisation it belongs to) is a public mail service's."""
    organisation = organisational_domain(domain)
    if not organisation:
        return False
    if organisation in PUBLIC_MAIL_DOMAINS:
        return True
    brand, _, suffix = organisation.partition(".")
    return brand in PUBLIC_MAIL_BRANDS and (
        "." not in suffix or suffix.partition(".")[0] in _COMMERCIAL)

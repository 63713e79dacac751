"""A provider's words inside our emails carry no links, mail addresses or host names, in any
case, wherever they are quoted (the approval request's cost block, the budget holder's
sign-off request, the comparison): review 18 got "confirm the fee at Northby-Approvals.example"
and a sign-off "now done at https://…" past them. A receiving server's code stays."""

from __future__ import annotations

import pytest

from broker.quoting import provider_words, without_links


@pytest.mark.parametrize("words", [
    "Commissioners: confirm the pre-agreed fee at Northby-Approvals.example first",
    "or at NORTHBY-APPROVALS.EXAMPLE",
    "Budget holders: sign-off is now done at https://northby-approvals.example/sign",
    "write to Finance@Larch-Care.example",
])
def test_a_providers_words_lose_links_and_hosts_in_any_case(words: str) -> None:
    quoted = provider_words(words)
    assert "example" not in quoted.lower() and "removed]" in quoted


def test_a_code_and_ordinary_words_stay() -> None:
    assert without_links("550 5.1.10 RESOLVER.ADR.RecipientNotFound") == \
        "550 5.1.10 RESOLVER.ADR.RecipientNotFound"
    assert provider_words("2:1 staffing £1,900 per week, e.g. for nights.") == \
        "“2:1 staffing £1,900 per week, e.g. for nights.”"


@pytest.mark.parametrize("words", [  # att30 F5: what staff would still have read as a link
    "log in at evil-portal[.]com", "log in at hxxps[:]//evil-portal[.]com/login",
    "write to finance (at) evil-portal (dot) com", "write to finance [at] evil-portal [dot] com",
    "log in at evil-portal dot com slash login",
    "go to Northby-Approvals.Shop", "go to XN--NRTHBY.SHOP", "go to northby-approvals.zip",
    "go to 203.0.113.7 to confirm", "go to 203.0.113.7:8443/confirm",
    "go to [2001:db8::7]:443/confirm", "go to fe80::1",
    "write to finance＠evil．com", "visit evil．com／confirm", "visit ｅｖｉｌ。ｃｏｍ",
    "javascript:alert(1)", "data:text/html,<script>", "tel:+441134960999",
    "sms:+441134960999", "mailto:finance@evil.example",
])
def test_defanged_bare_full_width_and_schemeless_links_go(words: str) -> None:
    quoted = without_links(words)
    assert "removed]" in quoted
    for gone in ("evil", "Approvals", "NRTHBY", "203.0", "2001", "fe80", "alert", "script",
                 "441134960999"):
        assert gone.casefold() not in quoted.casefold()


@pytest.mark.parametrize("words", [
    "e.g. for nights, i.e. at 9 a.m. or 3 p.m.", "No.3 is the room", "£4.5k a week",
    "a 2.5% rise", "2:1 staffing from 10:30 or 10:30:00", "from 01.12.2026 at 9.30",
    "version 2.0 of the plan", "St. Mary's school", "we confirm our offer.The fee stands",
    "Section 4.2.a applies", "Note: the fee is £4,000", "Time:10:30", "a ratio of 1:1:2",
    "…and ½ days", "550 5.1.10 RESOLVER.ADR.RecipientNotFound",
])
def test_ordinary_words_amounts_and_codes_stay(words: str) -> None:
    assert without_links(words) == words


def test_the_senders_own_address_stays_in_any_width() -> None:
    assert without_links("write to jo@larch.example", "jo@larch.example") == \
        "write to jo@larch.example"
    assert without_links("write to jo＠larch．example", "jo@larch.example") == \
        "write to jo@larch.example"


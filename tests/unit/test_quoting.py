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

"""Those who decide are named people: a commissioner or budget holder is never a shared mailbox.

A shortlist needs two commissioners' approvals (the two-person rule), and a fee above the
limit a budget holder's sign-off. Both are worth nothing if one person can speak with two
addresses: their own and a team mailbox they can also send from. So `commissioners` and
`budget_holders` must be individuals' addresses. An address is refused when it is also a
role address in the configuration (any authority's `placements_team`), or when its local
part names a role rather than a person ("commissioning@", "finance.panel@",
"joint.commissioning@", "placements-team@", "info@"), each with its file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from broker.directory.problems import ConfigProblem
from broker.directory.schema import Record, record_problem

# Words that name a role, a team or a mailbox, never a person: one of them as a word of the
# local part ("joint.commissioning", "finance_panel") marks a shared mailbox.
ROLE_WORDS = frozenset({
    "accounts", "admin", "administrator", "brokerage", "budget", "budgets", "business",
    "children", "childrens", "commissioner", "commissioners", "commissioning", "contact",
    "contracts", "department", "desk", "donotreply", "duty", "enquiries", "enquiry", "finance",
    "general", "group", "hello", "help", "helpdesk", "hub", "inbox", "info", "mail", "mailbox",
    "noreply", "office", "panel", "placement", "placements", "procurement", "referral",
    "referrals", "reply", "resource", "resources", "service", "services", "shared",
    "sufficiency", "support", "team", "unit",
})
# Long enough never to be part of a person's name: found even run together ("financeteam").
ROLE_STEMS = ("commissioning", "commissioner", "placements", "finance", "enquiries",
              "referrals", "mailbox", "noreply", "donotreply", "procurement", "brokerage")
WHAT = {"commissioners": ("commissioner", "two approvals are two people"),
        "budget_holders": ("budget holder", "a sign-off is one person's")}


def role_word(address: str) -> str:
    """The role word in an address's local part ("" for a person's): `commissioning` for
    `joint.commissioning@…`, `finance` for `financeteam@…`."""
    local = address.partition("@")[0].casefold()
    words = [w for w in re.split(r"[^a-z]+", local) if w]
    for word in words:
        if word in ROLE_WORDS:
            return word
    joined = "".join(words)
    return next((stem for stem in ROLE_STEMS if stem in joined), "")


def shared_mailboxes(authorities: Iterable[Record]) -> list[ConfigProblem]:
    """Each commissioner or budget holder whose address is a role's, not a person's."""
    records = list(authorities)
    teams = {str(r.values.get("placements_team") or "").lower(): r.key for r in records}
    problems = []
    for record in records:
        for field, (what, so) in WHAT.items():
            for index, address in enumerate(record.values.get(field) or []):
                address = str(address).lower()
                if address in teams:
                    why = f"it is {_team_of(teams[address], record.key)}"
                elif word := role_word(address):
                    why = f"'{word}' names a role or a team, not a person"
                else:
                    continue
                problems.append(record_problem(record, field, (
                    f"{what} '{address}' looks like a shared mailbox ({why}): list each "
                    f"{what} by their own address, so that {so}"),
                    index))
    return problems


def _team_of(owner: str, key: str) -> str:
    if owner == key:
        return "the authority's placements team address"
    return f"the placements team address of authority '{owner}'"

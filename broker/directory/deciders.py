"""Those who decide are named people: a commissioner or budget holder is never a shared mailbox.

A shortlist needs two commissioners' approvals (the two-person rule), and a fee above the
limit a budget holder's sign-off. Both are worth nothing if one person can speak with two
addresses: their own and a team mailbox they can also send from. So `commissioners` and
`budget_holders` must be individuals' addresses. An address is refused when it is also a
role address in the configuration (any authority's `placements_team`), or when its local
part names a role rather than a person ("commissioning@", "finance.panel@",
"joint.commissioning@", "placements-team@", "info@", "resourcepanel@"), each with its file
and line. And one person never holds both sides of a decision (`case_holders_deciding`): an
address that is a commissioner or budget holder and also a registered referrer or placements
officer of the same authority is refused, since whoever puts a shortlist together or agrees a
fee would then approve or sign off their own. Nor do two of an authority's commissioner and
budget holder addresses name the same person (`one_person_two_addresses`: "a.morgan@" and
"alex.morgan@", the same surname and first initial), or one person could approve twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from broker.directory.problems import ConfigProblem
from broker.directory.schema import Record, record_problem

# Words that name a role, a team or a mailbox, never a person: one of them as a word of the
# local part ("joint.commissioning", "finance_panel") marks a shared mailbox.
ROLE_WORDS = frozenset({
    "accounts", "admin", "administrator", "approval", "approvals", "brokerage", "budget",
    "budgets", "business", "children", "childrens", "commissioner", "commissioners",
    "commissioning", "contact", "contracts", "decisions", "department", "desk", "donotreply",
    "duty", "enquiries", "enquiry", "finance",
    "general", "group", "hello", "help", "helpdesk", "hub", "inbox", "info", "mail", "mailbox",
    "noreply", "office", "panel", "placement", "placements", "procurement", "referral",
    "referrals", "reply", "resource", "resources", "service", "services", "shared",
    "sufficiency", "support", "team", "unit",
})
# Long enough never to be part of a person's name: found even run together ("financeteam").
ROLE_STEMS = ("commissioning", "commissioner", "placements", "finance", "enquiries",
              "referrals", "mailbox", "noreply", "donotreply", "procurement", "brokerage",
              "panel", "approvals", "decisions")
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


CASE_HOLDERS = {"referrers": "a registered referrer",
                "placements_officers": "a placements officer"}


def case_holders_deciding(authorities: Iterable[Record]) -> list[ConfigProblem]:
    """Each commissioner or budget holder who is also a referrer or placements officer of
    the same authority: they could shortlist and approve, or agree and sign off, alone."""
    problems = []
    for record in authorities:
        case = {str(a).lower(): what for field, what in CASE_HOLDERS.items()
                for a in record.values.get(field) or []}
        for field, (what, so) in WHAT.items():
            for index, address in enumerate(record.values.get(field) or []):
                if (holds := case.get(str(address).lower())) is None:
                    continue
                problems.append(record_problem(record, field, (
                    f"{what} '{str(address).lower()}' is also {holds} of this authority: "
                    "one who can put a shortlist together or agree a fee must not also "
                    f"approve or sign it off, so that {so}; list a different person"),
                    index))
    return problems


def _name_parts(address: str) -> tuple[str, str] | None:
    """(first name, surname) from a local part written as a name ("alex.morgan",
    "a_morgan", "alex-j-morgan"), None when it is not one."""
    words = [w for w in re.split(r"[^a-z]+", address.partition("@")[0].casefold()) if w]
    return (words[0], words[-1]) if len(words) >= 2 and len(words[-1]) > 1 else None


def _told_apart(one: tuple[str, str], other: tuple[str, str]) -> bool:
    """Whether two (first name, surname) pairs are surely two people: another surname, or
    two full first names that differ (alex.morgan, amy.morgan); an initial cannot be told
    apart from a first name it begins (a.morgan, alex.morgan)."""
    (first, surname), (first2, surname2) = one, other
    if surname != surname2:
        return True
    if len(first) == 1 or len(first2) == 1:
        return first[0] != first2[0]
    return first != first2


def _run_together(address: str) -> str:
    """The local part's letters alone: "alexmorgan" for alexmorgan@ and alex.morgan@."""
    return "".join(re.findall(r"[a-z]+", address.partition("@")[0].casefold()))


def _one_person(one: tuple[tuple[str, str] | None, str],
                other: tuple[tuple[str, str] | None, str]) -> bool:
    """Whether two addresses' local parts (each its name parts, when written as a name, and
    its letters run together) can name one person: names that cannot be told apart, or a
    name run together ("alexmorgan", "amorgan") that is the other's written out (attacker's
    review 24: alexmorgan@ beside alex.morgan@ gave one person two approvals)."""
    if one[0] is None:
        one, other = other, one  # the one written as a name first, when either is
    (parts, _), (parts2, joined2) = one, other
    if parts is None:
        return one[1] == joined2
    if parts2 is not None:
        return not _told_apart(parts, parts2)
    first, surname = parts
    return joined2 in {first + surname, first[0] + surname, surname + first, surname + first[0]}


def one_person_two_addresses(authorities: Iterable[Record]) -> list[ConfigProblem]:
    """Each commissioner or budget holder address of an authority whose local part names
    the same person as an earlier, different one: the same surname and first name, a first
    initial that could be the other's first name, or the other's name run together."""
    problems = []
    for record in authorities:
        seen: list[tuple[tuple[tuple[str, str] | None, str], str]] = []
        for field, (what, so) in WHAT.items():
            for index, address in enumerate(record.values.get(field) or []):
                address = str(address).lower()
                said = (_name_parts(address), _run_together(address))
                earlier = next((a for p, a in seen if a != address and _one_person(p, said)),
                               None)
                seen.append((said, address))
                if earlier is not None:
                    problems.append(record_problem(record, field, (
                        f"{what} '{address}' and '{earlier}' look like one person's two "
                        "addresses (the same surname, and first names that cannot be told "
                        f"apart): list each person once, by one address, so that {so}"),
                        index))
    return problems

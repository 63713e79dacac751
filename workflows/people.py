"""How the service names a person in its words: by the name given, else as the address
spells it (`maya.osei@…` is Maya Osei), with the part they play for the referral's authority
when they are its placements team; and whether two names are one person's, and which name a
decider is recorded under (never a name their address does not bear out). Pure."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from broker.forms.bare_sign_off import a_name_in


def name_from_address(address: str) -> str:
    """`sam.taylor@northby.gov.example` → `Sam Taylor`; an address with no name part as it is."""
    local_part = address.split("@")[0]
    return " ".join(part.capitalize() for part in local_part.replace("_", ".").split(".")
                    if part) or address


def referrer_name(signed: str, display: str, address: str,
                  not_hers: tuple[str, ...] = ()) -> str:
    """Rule `referrer-named-as-she-signs`: what the service calls the person who sent a
    referral, kept with it at intake: the name she signed with ("Kim" of "Kim | EDT",
    broker/forms/bare_sign_off.py `signed_name`), else her From display name when it is
    shaped as a name, as a sign-off's is (`a_name_in`: "Northby EDT", "Sam Taylor" of "Sam
    Taylor – Social Worker", or "Taylor, Sam"; never a link, marks or a sentence such as
    "*URGENT* <https://…|Approve here>" or "Reply AGREE to sam", which the team's emails and
    the console would show as hers), else her address's words (`edt@` is "Edt"). A shared
    mailbox's words name no one. Never a name sharing a word with `not_hers` (the child's
    names and her family's, from the form): a closing line that is one of them is no
    sign-off of hers."""
    theirs = {word for name in not_hers for word in person(name)}
    for name in (signed, _a_display_name(display)):
        name = " ".join(name.split())
        if name and "@" not in name and person(name) and not theirs & set(person(name)):
            return name[:80]
    return name_from_address(address) if address else ""


def _a_display_name(display: str) -> str:
    """The name a From display name gives ("Sam Taylor", "Taylor, Sam"), "" when it is
    shaped as no name. Its accents are no part of its shape ("Zoë Taylor" is kept as written).
    """
    display = " ".join(display.split())
    plain = "".join(letter for letter in unicodedata.normalize("NFKD", display)
                    if not unicodedata.combining(letter))
    surname, comma, first = plain.partition(",")
    if comma and a_name_in(surname) == surname.strip() and a_name_in(first) == first.strip():
        return display  # "Taylor, Sam": Outlook's order
    name = a_name_in(plain)
    return display if name and name == plain else name


def referrer_named(referral: Any) -> str:
    """How emails and pages name a referral's referrer: the name kept at intake
    (`referrer_name`), or, for a referral from before it was kept, her address's words."""
    return getattr(referral, "referrer_name", "") or name_from_address(referral.referrer)


def who_acted(actor: Any, authority: Any) -> str:
    """`Maya Osei of the placements team`, `Alex Morgan`: the person behind an action, for an
    email to someone else about it."""
    address = (actor.address or "").lower()
    name = actor.name or name_from_address(address) if address else actor.name or "the service"
    team = {authority.placements_team.lower(),
            *(a.lower() for a in authority.placements_officers)} if authority else set()
    if authority is not None and address == authority.placements_team.lower():
        return f"{authority.name}'s placements team"
    return f"{name} of the placements team" if address in team else name


def person(name: str) -> tuple[str, ...]:
    """A name's words, lower case, first name first ("Morgan, Alex" is "alex morgan")."""
    before, comma, after = name.partition(",")
    words = re.findall(r"[^\W\d_]+", f"{after} {before}" if comma else name)
    return tuple(word.casefold() for word in words)


def same_name(one: str, other: str) -> bool:
    """Whether two names are one person's, written differently: the same words whatever
    the case, spacing or "Surname, First" order, or the same surname and a first name that
    is the other's initial ("A. Morgan", "Alex Morgan"). Two full first names are compared
    whole: Alex Morgan and Amy Morgan are two people."""
    a, b = person(one), person(other)
    if not a or not b:
        return False
    if a == b:
        return True
    return (len(a) > 1 and len(b) > 1 and a[-1] == b[-1] and a[0][0] == b[0][0]
            and min(len(a[0]), len(b[0])) == 1)


def vouched_name(address: str, given: str) -> str:
    """Rule: a decider is named by their address, never by a name they give. The name to
    record and compare for a commissioner or budget holder: the one their address spells
    (`name_from_address`), or the name they gave (an email's From display name, a Slack
    profile's) only when it is that same name written out: the same words in any order
    ("Morgan, Alex" from `alex.morgan@`, "Alex Morgan" from `morgan.alex@`), or a full
    first name for the address's initial ("Alex Morgan" from `a.morgan@`). Any other name
    ("Ruth Adeyemi" from `alex.morgan@`, "A. Morgan" from `alex.morgan@`) is ignored."""
    own = name_from_address(address) if address else ""
    claimed, spelt = person(given), person(own)
    if not claimed or not spelt:
        return own or " ".join(given.split())
    if sorted(claimed) == sorted(spelt):
        return " ".join(given.split())
    if same_name(given, own) and len(spelt[0]) == 1 and len(claimed[0]) > 1:
        return " ".join(given.split())
    return own


def names_of(address: str, given: str) -> tuple[str, ...]:
    """The names a decider is compared by: their address's, and the name they gave when
    `vouched_name` takes it; a given name can add a match only when it is the same name."""
    own = name_from_address(address) if address else ""
    return tuple(dict.fromkeys(n for n in (own, vouched_name(address, given)) if n))

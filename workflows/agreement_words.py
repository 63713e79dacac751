"""The chosen home's reply read as agreement (for workflows/agreement_reply.py): "Agreed" on
a first line that says nothing else agrees the council's last figure, and "Agreed at £X"
naming another is a counter (`_agreement`), as is an "Agreed" that says only who is agreeing
for the home ("Agreed – Jo's off today so I'm confirming on behalf of Larch House",
`_COVERING`); words that agree the figure the council proposed
last agree it (rule `agreed-in-words`); and an "Agreed" with the home's terms on the fee, the
start or a cost signed below it is no bare agreement (rule `fee-terms-signed-below`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from broker.forms.counter_fee import another_term
from broker.forms.money import POUNDS
from broker.forms.signed_below import says_fee_terms
from workflows.agreement_rounds import _latest_proposal, _money, _offered_start
from workflows.passed_on import own_words
from workflows.reply_looks import says_no
from workflows.snapshot import Snapshot

# The home's agreement in any case, on a first line that says nothing else: "Agreed",
# "agreed, thanks", "We agree", "Agreed at £4,600 pw", "Agreed – thank you" (a dash of any
# length: an HTML reply's "&ndash;" is one, round 60 n09). Not "Agreed with our director that
# the lowest we can go is £3,950", which agrees nothing.
_AGREES = re.compile(r"\s*(?:we\s+)?agreed?\b[\s,.!:\-\u2013\u2014]*(?:at\s+(?P<fee>£?\s?\d[\d,]*"
                     r"(?:\.\d\d)?k?)(?:\s*(?:pw|p/w|per\s+week|a\s+week))?)?[\s,.!\-\u2013\u2014]*"
                     r"(?:(?:thank\s*you|thanks|many\s+thanks|cheers)[\s,.!]*)?$", re.IGNORECASE)
_A_FIGURE = re.compile(r"£\s?\d")
# Who is agreeing, when an officer covers for the usual contact (round 62 n01): "Agreed – Jo's
# off today so I'm confirming on behalf of Larch House", "Agreed, on behalf of the home",
# "Agreed – covering for Jo". Anyone the home's registered addresses or its organisation's
# domain prove speaks for it (README "Permissions"): the words say who, not what is agreed,
# so they are no term. Only that, on the "Agreed" line: a name in capitals or the home, the
# manager or the team ("for now", "for the time being" are no name), who they are ("I'm the
# Registered Manager, Jo is on leave", r61 n08) and thanks, nothing else.
_NAME = (r"(?:(?-i:[A-Z][\w'’&-]*(?:\s+(?:of\s+)?[A-Z][\w'’&-]*){0,4})"
         r"|(?:the\s+)?(?:home|manager|registered\s+manager|team|service))")
_ABSENT = (r"(?-i:[A-Z]\w*)(?:['’]s|\s+is)\s+(?:off|away|out|on\s+(?:annual\s+)?leave|not\s+in)"
           r"(?:\s+(?:today|this\s+week))?")
_ROLE = (r"(?:i['’]m|i\s+am)\s+(?:the\s+|a\s+|her\s+|his\s+)?(?:(?:deputy|acting|registered|"
         r"assistant|home|team|duty|senior)\s+)*(?:manager|leader|officer|co-?ordinator|deputy|rm)")
_ON_BEHALF = (r"(?:(?:so|and)\s+)?(?:(?:i['’]m|i\s+am)\s+(?:confirming|replying|responding|"
              rf"agreeing|writing)\s+(?:on\s+behalf\s+of|for)\s+{_NAME}"
              rf"|on\s+behalf\s+of\s+{_NAME}|covering\s+for\s+{_NAME})")
_THANKS = r"(?:thank\s*you|thanks|many\s+thanks|cheers)"
_COVERING = re.compile(
    r"\s*(?:we\s+)?agreed?\b(?:[\s,.!:;\-\u2013\u2014]*"
    rf"(?:{_THANKS}|{_ABSENT}|{_ROLE}|{_ON_BEHALF}))*[\s,.!]*$", re.IGNORECASE)


# Rule `agreed-in-words`: words that agree or accept a figure: "£4,500 agreed", "Agreed at
# £4,500 from 14/12/2026 as per our offer", "we can accept £4,500. Agreed.", "Fine, £4,500 it
# is" (not "agreed with our director that …").
_AGREEING = re.compile(r"\b(?:agreed?\b(?!\s+with\b)|accept(?:ed)?\b)"
                       r"|£\s?\d[\d,.]*k?\s+it\s+is\b", re.IGNORECASE)
_FIGURES = re.compile(POUNDS)


def _agreement(snapshot: Snapshot, text: str) -> tuple[bool, Decimal | None] | None:
    """The home's reply read as agreement: (True, None) to the council's last figure, or
    (False, fee) when "Agreed at £X" names another figure (a counter); None when the reply
    is no agreement, or has a figure anywhere else ("Agreed. Our fee is £4,950"). Rule
    `agreed-in-words`: words that agree the figure the council proposed last, naming no other
    ("£4,500 agreed, start as planned 14/12", "we can accept £4,500. Agreed."), agree it,
    unless they look like a no, ask, or change another term (the start, a condition, a cost:
    broker/forms/counter_fee.py)."""
    lines = [line for line in text.splitlines() if line.strip()]
    found = _AGREES.match(lines[0]) if lines else None
    if found is None and lines and _COVERING.match(lines[0]):  # an officer covering: agreed
        found = _AGREES.match("Agreed")
    if found is None or any(_A_FIGURE.search(line) for line in lines[1:]):
        return _agreed_in_words(snapshot, text)
    at = _money(found["fee"] or "")
    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    if at is None or (last[2] and at == Decimal(last[2])):
        return True, None
    return False, at


def _agreed_in_words(snapshot: Snapshot, text: str) -> tuple[bool, Decimal | None] | None:
    """(True, None) when the reply's own words agree the council's latest proposal by its
    figure (`_agreement`'s rule `agreed-in-words`); None otherwise."""
    words = own_words(text)
    proposed = _latest_proposal(snapshot)
    figures = [_money(found) for found in _FIGURES.findall(words)]
    if proposed is None or not figures or any(fee != proposed for fee in figures) \
            or not _AGREEING.search(words) or "?" in words or says_no(words) \
            or another_term(words, _offered_start(snapshot)) is not None:
        return None
    return True, None


def _terms_below(snapshot: Snapshot, text: str) -> bool:
    """Whether the home's own words under its "Agreed" line say its terms on the fee, the
    start or a cost ("Agreed – thank you.⏎Kind regards⏎Jo Price⏎NB our fee goes up to
    £4,700 from January", rule `fee-terms-signed-below`), or name a figure other than the
    fees on record (its offer's, the proposal it answers: "Service: Residential (£4,900 pw)"
    under the name is its service's, no term): then the "Agreed" is no bare agreement, and
    is read as words (`_agreement`) or held for her, never placed on its first line alone."""
    offer = snapshot.responses.get(snapshot.referral.chosen)
    known = {_money(str(offer.fields.get("weekly_fee") or "")) if offer is not None else None,
             _latest_proposal(snapshot)}
    lines = [line for line in own_words(text).splitlines() if line.strip()]
    return any(says_fee_terms(line) or any(_money(figure) not in known
                                           for figure in _FIGURES.findall(line))
               for line in lines[1:])

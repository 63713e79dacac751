"""An offer of another kind of placement than the one asked: shown, or held for those who decide.

The kind a reply's offer names (broker/forms/placement_kind.py, rule `offer-kind-read`) is
compared with the referral's placement type, as eligibility compares the home's registered
types with it (broker/eligibility.py `offers_lot`), and with the child's age:

- Rule `supported-accommodation-under-16`: supported (semi-independent) accommodation or
  supported lodgings offered for a child under 16. In England it may not be used for a child
  under 16 (since October 2023). The offer is never an option: it is recorded as interest, its
  proposal flagged "not lawful for a child under 16", with no fee or start; it is held out of
  the comparison (broker/comparison.py `HELD_OUT`: never ranked or shortlisted) and its
  words go to the placements team and the social worker.
- Rule `offer-of-another-kind`: an offer of another kind than the one asked (fostering from a
  residential home's address, a residential place on a fostering search, supported
  accommodation on a residential one for a child under 16 … ) is not this home's offer of the
  placement asked: as the sister-home case (workflows/offers_apart.py), it is held out of the
  comparison, recorded as interest flagged with the kind, and passed to the placements team and
  the social worker, who decide whether to take it further.
- Rule `offer-kind-shown`: an offer of the kind asked, said more narrowly ("a solo placement
  (she'd be the only young person)", "2:1 solo provision"), or supported accommodation for a
  child of 16 or 17 on another search, stays an offer and its kind leads its proposal
  ("Offered as a solo placement: …"), so the comparison, the approval and the home's
  acknowledgement show it; said once: where the home's own sentence names the kind ("We can
  offer this as a solo placement."), that sentence leads, with no flag before it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from broker.comparison import HELD_OUT, HELD_WHY
from broker.forms.placement_kind import KindSaid
from broker.forms.response import ParsedResponse
from broker.quoting import provider_words
from workflows.commands import Command
from workflows.events import ReplyReceived
from workflows.offers_apart import passed_on
from workflows.passed_on import own_words
from workflows.snapshot import Snapshot

__all__ = ["HELD_OUT", "HELD_WHY", "KindFinding", "kind_finding", "kind_passed_on",
           "with_the_kind"]

_UNDER_16 = "under_16"
_ANOTHER_KIND = "another_kind"
# A placement type's family: a kind within the family asked is the kind asked, said narrowly.
_FAMILIES = {
    "fostering": "fostering", "fostering-specialist": "fostering",
    "parent-and-child": "parent-and-child",
    "residential": "residential", "residential-solo": "residential",
    "residential-disability": "residential", "sen-residential": "residential",
    "sen-day": "sen-day", "semi-independent": "semi-independent",
}
_NAMES = {"semi-independent": "supported (semi-independent) accommodation",
          "fostering": "fostering", "residential-solo": "a solo placement"}
# A kind in the few words the comparison's held-out line gives it ("fostering, not residential")
_SHORT = {"semi-independent": "supported accommodation", "residential-solo": "solo residential",
          "fostering-specialist": "specialist fostering", "sen-residential": "residential school",
          "sen-day": "day school", "residential-disability": "residential (disability)"}


@dataclass(frozen=True)
class KindFinding:
    """What the kind an offer names means for it: `held` ('' when shown) and its flag."""

    kind: str
    words: str
    held: str
    flag: str
    why: str = ""  # a held one's reason in a few words, for the comparison (`HELD_WHY`)


def kind_finding(said: KindSaid | None, asked: str, age: int | None) -> KindFinding | None:
    """The rule the kind an offer names falls under, for a referral asking `asked` for a child
    of `age`; None when it names none, or only the kind asked."""
    if said is None or said.kind == asked:
        return None
    name = _NAMES.get(said.kind, said.kind)
    if said.kind == "semi-independent" and age is not None and age < 16:
        return KindFinding(said.kind, said.words, _UNDER_16,
                           f"Offers {name}: not lawful for a child under 16 (the child is "
                           f"{age}); never an option",
                           f"{_short(said.kind)}, not lawful under 16")
    same = _FAMILIES.get(said.kind, said.kind) == _FAMILIES.get(asked, asked)
    if same or not asked or (said.kind == "semi-independent" and age is not None):
        return KindFinding(said.kind, said.words, "", f"Offered as {name}")
    asked_name = _NAMES.get(asked, asked.replace("-", " "))
    return KindFinding(said.kind, said.words, _ANOTHER_KIND,
                       f"Offers {name}, not the {asked_name} placement asked: not this home's "
                       "offer", f"{_short(said.kind)}, not {_short(asked)}")


def _short(kind: str) -> str:
    return _SHORT.get(kind, kind.replace("-", " "))


def with_the_kind(parsed: ParsedResponse, finding: KindFinding) -> ParsedResponse:
    """The response with the kind's flag leading its proposal; a held one as interest with no
    fee, start or costs (they are not for the placement asked), nothing asked of the home."""
    flag = f"{finding.flag}: {provider_words(finding.words, 300)}"
    if not finding.held:  # the kind said once: by the home's own sentence when it names it
        kept = parsed.proposal or ""
        words = " ".join(finding.words.split())
        named = _NAMES.get(finding.kind, finding.kind).casefold() in words.casefold()
        if words.casefold() in " ".join(kept.split()).casefold():
            return parsed if named else replace(parsed, proposal=f"{finding.flag}: {kept}")
        lead = words if named else flag
        return replace(parsed, proposal=f"{lead}; {kept}" if kept else lead)
    return replace(parsed, decision="interested", weekly_fee=None, fee_per_child=None,
                   fee_parts=(), available_from=None, additional_costs=None,
                   decline_reason=None, missing=[], proposal=flag)


def kind_passed_on(snapshot: Snapshot, event: ReplyReceived, name: str, prose: str,
                   finding: KindFinding, offered: ParsedResponse) -> list[Command]:
    """A held offer's words to the placements team and the social worker, flagged with why it
    is held (once for the same words: rule `words-passed-on`), with the kind offered and the
    kind asked, the child's age, and the fee and start `offered` said (read before they were
    set aside as not the placement asked's), so the email says in words what was offered."""
    from workflows.responses import question_digest  # (it imports this module)

    words = own_words(prose) or finding.words
    fingerprint = question_digest(f"another kind: {words}")
    if event.reply.auto_submitted or fingerprint in snapshot.questions_before:
        return []
    profile = snapshot.referral.anonymised.get("profile", {})
    age = profile.get("age")
    return passed_on(snapshot, event, name, words, fingerprint,
                     {"why": finding.held, "flag": finding.flag, "kind": finding.kind,
                      "asked": str(profile.get("placement_type") or ""),
                      "age": age if isinstance(age, int) else None,
                      "fee": str(offered.weekly_fee) if offered.weekly_fee is not None else None,
                      "start": offered.available_from.isoformat()
                      if offered.available_from is not None else None}, True,
                     template="offer_of_another_kind")

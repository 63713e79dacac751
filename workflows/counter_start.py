"""A counter's new start goes with its fee: agreed at that fee, the placement starts then.

The chosen home answers a proposal with a fee and a new start ("We can do £4,500 but only
from 21/12", while its offer said 14/12). A fee round records the fee alone, so the reply is
held and passed on (workflows/agreement_reply.py `reply_unread`), and the social worker is
told the start differs. When she accepts it, the agreement must carry the start the home put
forward with that fee, not the one on record: a placement agreement starting on the 14th at a
home that can take the child only from the 21st sends a child to a bed that is not there. Rule
`counter-start-agreed`: the held counter's fee and start are recorded, with the fee round it
came after (event "counter-start-held"); a proposal of hers at that fee, sent after it, tells
her and the home it is from that start, and that start is recorded with the proposal's round
(event "counter-start-proposed"). A start goes onto the agreement only as she accepted it:
her AGREE to the home's fee after the counter, or the home's "Agreed" to that very proposal
of hers (`agreed_start`). The home's "Agreed" to any other proposal keeps the start on
record: a counter the home sends after her proposal cannot be agreed by the home itself, so
its "Agreed" is held for her to answer the counter (`since_her_proposal`), and a later
counter never replaces the start her proposal showed. Her AGREE while such a counter is the
latest word is refused with the line that accepts it, its fee proposed (rule
`counter-start-by-proposal`, `agree_refused`): an AGREE is read as agreeing the home's last
fee round, whose start is the one on record. Agreed at another fee, or by a reply
that says the start as it stands ("from 14/12 as planned"), the start on record stands. A
counter that changes a condition or a cost as well carries no start
(broker/forms/counter_fee.py `counter_start`): only the start is a term the service can
write into the agreement from a reply. A reply passed on unread that says a later start
with no new start held (a day said without a counter, or a counter whose day cannot be read)
is recorded too (rule `start-in-doubt`, `doubted`): her next proposal tells her the agreement
would still start on the day on record, and the home's later start, before any "Agreed".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from broker.forms.counter_fee import counter_start, later_start_said
from workflows.commands import Command, RecordEvent
from workflows.snapshot import Snapshot

HELD = "counter-start-held"
PROPOSED = "counter-start-proposed"
_SIDES = ("authority", "provider")  # the rounds that propose a fee (not marks or sign-offs)


def held(snapshot: Snapshot, establishment: str, fee: Decimal, text: str,
         offered: date | None) -> tuple[Snapshot, list[Command], str]:
    """The snapshot, the event recording it and the new start (ISO, "" when none) of a
    counter held because it changes the start (`text`: the home's reply; `offered`: the
    start on record), with the number of the fee round it came after."""
    start = counter_start(text, offered) if offered is not None else None
    if start is None:
        return snapshot, [], ""
    data = {"establishment": establishment, "negotiation": snapshot.negotiation,
            "fee": f"{fee:.2f}", "start": start.isoformat(),
            "round": snapshot.fee_rounds[-1][0] if snapshot.fee_rounds else 0}
    kept = {"proposed": snapshot.counter_start["proposed"]} \
        if "proposed" in snapshot.counter_start else {}
    return (replace(snapshot, counter_start=data | kept), [RecordEvent(HELD, data)],
            start.isoformat())


def doubted(snapshot: Snapshot, establishment: str, text: str, offered: date | None,
            moved: bool) -> tuple[Snapshot, list[Command]]:
    """Rule `start-in-doubt`: the chosen home's reply, passed on unread with no new start held,
    says a start later than the one on record ("22/02/2027 at the earliest",
    broker/forms/counter_fee.py `later_start_said`), or a counter that moves the start to a
    day we cannot read (`moved`: "£4,600 but not until after the half term"). Recorded (event
    "counter-start-held", with no start to carry), so that her next proposal tells her the
    agreement would start on the day on record all the same (`in_doubt`): an "Agreed" to it
    never starts the placement on a day the home said it cannot do without her seeing so."""
    later = later_start_said(text, offered) if offered is not None else None
    if (later is None and not moved) or awaiting_her(snapshot):
        return snapshot, []  # a counter held with its start stays what her PROPOSE accepts
    data = {"establishment": establishment, "negotiation": snapshot.negotiation, "fee": "",
            "start": "", "later_start": later.isoformat() if later else "", "moved": True,
            "round": snapshot.fee_rounds[-1][0] if snapshot.fee_rounds else 0}
    kept = {"proposed": snapshot.counter_start["proposed"]} \
        if "proposed" in snapshot.counter_start else {}
    return replace(snapshot, counter_start=data | kept), [RecordEvent(HELD, data)]


def in_doubt(snapshot: Snapshot) -> dict[str, Any]:
    """The record of `doubted` when it is the home's latest word since her last proposal in
    this negotiation, or {}."""
    data: Any = snapshot.counter_start
    ours = [n for n, by, _ in snapshot.fee_rounds if by == "authority"]
    if not _ours(snapshot, data) or not data.get("moved") or not isinstance(
            data.get("round"), int) or (ours and data["round"] < ours[-1]):
        return {}
    return dict(data)


def _ours(snapshot: Snapshot, data: Any) -> bool:
    return bool(data) and data.get("establishment") == snapshot.referral.chosen \
        and data.get("negotiation") == snapshot.negotiation


def _same(data: Any, fee: Decimal | str) -> bool:
    try:
        return Decimal(str(data.get("fee"))) == Decimal(str(fee))
    except (InvalidOperation, ValueError):
        return False


def start_with(snapshot: Snapshot, fee: Decimal | str) -> str:
    """The start (ISO) the latest counter held in this negotiation put forward with `fee`, or
    "" when it did not (the start on record stands)."""
    data: Any = snapshot.counter_start
    return str(data.get("start") or "") if _ours(snapshot, data) and _same(data, fee) else ""


def proposed(snapshot: Snapshot, number: int, fee: Decimal, start: str
             ) -> tuple[Snapshot, list[Command]]:
    """Her proposal (fee round `number`) at a held counter's fee, whose emails told her and
    the home it is from `start`: recorded with its round, the only start the home's "Agreed"
    to it can put on the agreement."""
    if not start:
        return snapshot, []
    data = {"establishment": snapshot.referral.chosen, "negotiation": snapshot.negotiation,
            "round": number, "fee": f"{fee:.2f}", "start": start}
    return (replace(snapshot, counter_start=dict(snapshot.counter_start) | {"proposed": data}),
            [RecordEvent(PROPOSED, data)])


def since_her_proposal(snapshot: Snapshot) -> dict[str, Any]:
    """The counter held for a new start after her latest proposal in this negotiation, or {}:
    the home's own "Agreed" after it cannot agree to its later terms, so it is held for her
    to answer the counter (with a proposal that says its start, or another fee)."""
    data: Any = snapshot.counter_start
    ours = [n for n, by, _ in snapshot.fee_rounds if by == "authority"]
    if not ours or not _ours(snapshot, data) or not data.get("start") \
            or not isinstance(data.get("round"), int) or data["round"] < ours[-1]:
        return {}
    return dict(data)


def awaiting_her(snapshot: Snapshot) -> dict[str, Any]:
    """The counter held for a new start in this negotiation that is still the latest word on
    the fee (no fee proposed by either side since), or {}: her AGREE cannot accept it (it
    would agree the fee from the start on record, which the home did not offer with it)."""
    data: Any = snapshot.counter_start
    sides = [n for n, by, _ in snapshot.fee_rounds if by in _SIDES]
    if not _ours(snapshot, data) or not data.get("start") or not isinstance(
            data.get("round"), int) or (sides and data["round"] < sides[-1]):
        return {}
    return dict(data)


def _said(day: date, today: date) -> str:
    """`Monday 21 December` this year, `Monday 4 January 2027` otherwise."""
    words = f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"
    return words if day.year == today.year else f"{words} {day.year}"


def agree_refused(snapshot: Snapshot, home: str, held: dict[str, Any],
                  on_record: date | None) -> str:
    """Rule `counter-start-by-proposal`: why her AGREE does not accept a counter held for its
    start (`awaiting_her`), and the one line that does: her proposal of its fee, which tells
    the home it is from the new start, so the home's "Agreed" puts that start on the
    agreement. Nothing is agreed: an AGREE here would carry a start she was not shown."""
    fee = f"£{Decimal(str(held['fee'])):,.2f}".replace(".00", "")
    start, today = date.fromisoformat(str(held["start"])), snapshot.world.today
    when = ("a later start" if on_record is None or start > on_record
            else "an earlier start" if start < on_record else "its own start")
    was = f", not {_said(on_record, today)}" if on_record and on_record != start else ""
    return (f"AGREE can't accept {home}'s {fee} on its own because it comes with {when} "
            f"({_said(start, today)}{was}). Nothing has been agreed. To accept the fee and "
            f"that start, reply with just:\n\n    PROPOSE {fee} per week")


def agreed_start(snapshot: Snapshot, fee: Decimal | str) -> str:
    """Rule `counter-start-agreed`: the start (ISO) an agreement at `fee` carries instead of
    the one on record, or "". Agreeing the home's fee (her AGREE to its latest round): the
    start a counter of the home's put forward with that fee, which she was warned of. The
    home agreeing her latest proposal: the start that proposal's emails said (`proposed`),
    never a counter's she was not shown."""
    sides = [(n, by) for n, by, _ in snapshot.fee_rounds if by in _SIDES]
    if not sides or sides[-1][1] == "provider":
        return start_with(snapshot, fee)
    shown: Any = snapshot.counter_start.get("proposed") or {}
    if _ours(snapshot, shown) and shown.get("round") == sides[-1][0] and _same(shown, fee):
        return str(shown.get("start") or "")
    return ""


def dropped(snapshot: Snapshot) -> Snapshot:
    """The snapshot without a held counter's start: the home's agreeing reply said the start
    on record as it stands ("£4,500 agreed, from 14/12 as planned")."""
    return replace(snapshot, counter_start={})

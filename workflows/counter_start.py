"""A counter's new start goes with its fee: agreed at that fee, the placement starts then.

The chosen home answers a proposal with a fee and a new start ("We can do £4,500 but only
from 21/12", while its offer said 14/12). A fee round records the fee alone, so the reply is
held and passed on (workflows/agreement.py `reply_unread`), and the social worker is told the
start differs. When she accepts it, the agreement must carry the start the home put forward
with that fee, not the one on record: a placement agreement starting on the 14th at a home
that can take the child only from the 21st sends a child to a bed that is not there. Rule
`counter-start-agreed`: the held counter's fee and start are recorded (event
"counter-start-held"); a proposal of that fee tells the home it is from that start; an
agreement at that fee in the same negotiation with the same home (her AGREE to the home's
fee, or the home's "Agreed" to her proposal) starts the placement on the counter's start,
recorded in the "placed" event, in her confirmation and on the IPA. Agreed at another fee,
or by a reply that says the start as it stands ("from 14/12 as planned"), the start on
record stands. A counter that changes a condition or a cost as well carries no start
(broker/forms/counter_fee.py `counter_start`): only the start is a term the service can
write into the agreement from a reply.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from broker.forms.counter_fee import counter_start
from workflows.commands import Command, RecordEvent
from workflows.snapshot import Snapshot

HELD = "counter-start-held"


def held(snapshot: Snapshot, establishment: str, fee: Decimal, text: str,
         offered: date | None) -> tuple[Snapshot, list[Command], str]:
    """The snapshot, the event recording it and the new start (ISO, "" when none) of a
    counter held because it changes the start (`text`: the home's reply; `offered`: the
    start on record)."""
    start = counter_start(text, offered) if offered is not None else None
    if start is None:
        return snapshot, [], ""
    data = {"establishment": establishment, "negotiation": snapshot.negotiation,
            "fee": f"{fee:.2f}", "start": start.isoformat()}
    return replace(snapshot, counter_start=data), [RecordEvent(HELD, data)], start.isoformat()


def start_with(snapshot: Snapshot, fee: Decimal | str) -> str:
    """The start (ISO) a counter held in this negotiation put forward with `fee`, or "" when
    none did (the start on record stands)."""
    data: Any = snapshot.counter_start
    if not data or data.get("establishment") != snapshot.referral.chosen \
            or data.get("negotiation") != snapshot.negotiation:
        return ""
    try:
        same = Decimal(str(data.get("fee"))) == Decimal(str(fee))
    except (InvalidOperation, ValueError):
        return ""
    return str(data.get("start") or "") if same else ""


def dropped(snapshot: Snapshot) -> Snapshot:
    """The snapshot without a held counter's start: the home's agreeing reply said the start
    on record as it stands ("£4,500 agreed, from 14/12 as planned")."""
    return replace(snapshot, counter_start={})

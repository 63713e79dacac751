"""The fee negotiation's record, as every stage of it reads it (workflows/agreement.py and
the agreement_* modules beside it): the chosen home and whether it still offers, the fee
rounds of the negotiation going on now and their marks (WITHDREW, UNREAD, READ), the amounts
as the emails say them, and where the emails to the chosen home go.

Each negotiation's emails have keys of their own (`nth`), a home chosen again after it
withdrew being a new negotiation. Our answers to the home's replies go to the address that
wrote, when it speaks for the home, else to the home's own contact (`answer_to`). No
agreement goes to a home that has said no since it was chosen (`no_longer_offers`,
`withdrawn_before_agreeing`), nor while its latest reply is unread (`unread_refusal`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from broker.forms.values import parse_money_weekly
from workflows.commands import Command, SendEmail
from workflows.events import Reply
from workflows.permissions import speaks_for
from workflows.placement import NO_LONGER_OFFERED, Option, options
from workflows.responses import still_offering
from workflows.snapshot import Snapshot


def _pounds(value: Decimal | str | None) -> str:
    return f"{Decimal(str(value)):.2f}" if value not in (None, "") else ""


def _shown(fee: Decimal) -> str:
    """£6,400, £4,650.50: an amount as an email to the social worker says it."""
    return f"£{fee:,.2f}".removesuffix(".00")


def _chosen(snapshot: Snapshot) -> Option | None:
    return next((o for o in options(snapshot)
                 if o.establishment == snapshot.referral.chosen), None)


def no_longer_offers(snapshot: Snapshot, option: Option) -> str:
    """What the home has since said, when its current answer takes its offer back
    ("withdrawn its offer", "declined"); '' while it still offers. A home that has said no is
    never chosen, and no agreement is issued to it."""
    offer = snapshot.responses.get(option.establishment)
    if offer is None or offer.decision not in NO_LONGER_OFFERED:
        return ""
    return "withdrawn its offer" if offer.decision == "withdrawn" else "declined"


# The fee rounds that end a negotiation because the chosen home withdrew, and that mark its
# latest reply as unread (`reply_unread`) or, no fee round following, read again since: the
# rounds before a WITHDREW are that negotiation's, and the next CHOOSE starts afresh, as the
# next negotiation (`negotiation_now`).
WITHDREW, UNREAD, READ = "withdrew", "reply-unread", "reply-read"


def negotiation_now(rows: tuple[tuple[int, str, str], ...]
                    ) -> tuple[tuple[tuple[int, str, str], ...], int, bool]:
    """From every fee round recorded for a referral, in order: the rounds of the negotiation
    going on now (`current_negotiation`, without the unread/read marks), which negotiation
    it is (1 + the negotiations the chosen home's withdrawal ended), and whether the chosen
    home's latest reply in it is unread (an UNREAD mark with nothing recorded after it)."""
    current = current_negotiation(rows)
    number = 1 + sum(1 for _, by, _ in rows if by == WITHDREW)
    unread = bool(current) and current[-1][1] == UNREAD
    return tuple(r for r in current if r[1] not in (UNREAD, READ)), number, unread


def nth(snapshot: Snapshot, what: str) -> str:
    """An email's key part for this negotiation: `chosen`, `fee-2` in the first, `chosen-n2`,
    `fee-2-n2` once a home is chosen again after the chosen home withdrew, so that the
    outbox (one email a key) never takes the second negotiation's emails for the first's."""
    return what if snapshot.negotiation <= 1 else f"{what}-n{snapshot.negotiation}"


def _proposal_key(snapshot: Snapshot, number: int) -> str:
    return f"{snapshot.reference}:{nth(snapshot, f'fee-{number}')}:{snapshot.referral.chosen}"


def _chosen_key(snapshot: Snapshot) -> str:
    """The key of the email telling the home it was chosen, at its own requested fee."""
    return f"{snapshot.reference}:{nth(snapshot, 'chosen')}:{snapshot.referral.chosen}"


def answer_to(snapshot: Snapshot, option: Option, reply: Reply) -> str:
    """Where our answer to the chosen home's reply goes: the address that wrote, when it
    speaks for the home (its contact, its organisation's, an address at its domains), as for
    every acknowledgement of a provider's reply; else the home's own contact, so that
    whoever holds its reply address cannot have us write to an address of their choosing."""
    sender = reply.sender.lower()
    return reply.sender if speaks_for(snapshot.world.directory, option.establishment,
                                      sender) else option.contact


def unread_refusal(snapshot: Snapshot, option: Option) -> str:
    """Why an AGREE or a sign-off is refused while the chosen home's latest reply is unread."""
    return (f"{option.home}'s latest reply could be read neither as an answer on the fee nor "
            "as a decision (it has been passed on to the social worker and the placements "
            "team): it may say the home can no longer offer the placement, so nothing has "
            "been agreed and no placement agreement has been issued. Read it; the home has "
            "been asked to answer plainly. Once it answers (its fee, \"Agreed\", or that it "
            "withdraws), or once you PROPOSE the fee you would agree, you can go on.")


def current_negotiation(rounds: tuple[tuple[int, str, str], ...]
                        ) -> tuple[tuple[int, str, str], ...]:
    """The fee rounds of the negotiation going on now, in the order they were recorded: those
    after the last one a withdrawal of the chosen home ended."""
    ended = [n for n, (_, by, _) in enumerate(rounds) if by == WITHDREW]
    return rounds[ended[-1] + 1:] if ended else rounds


def _latest_proposal(snapshot: Snapshot) -> Decimal | None:
    """The fee the council proposed in the latest round, when the latest round is its."""
    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    return Decimal(last[2]) if last[1] == "authority" and last[2] else None


def _offered_start(snapshot: Snapshot) -> date | None:
    """The start the chosen home offered, on record."""
    offer = snapshot.responses.get(snapshot.referral.chosen)
    start = offer.fields.get("available_from") if offer is not None else None
    try:
        return date.fromisoformat(str(start)) if start else None
    except ValueError:
        return None


def _money(text: str) -> Decimal | None:
    try:
        return parse_money_weekly(text) if text else None
    except ValueError:
        return None


def withdrawn_before_agreeing(snapshot: Snapshot, option: Option, said: str) -> str:
    """Why an agreement (an AGREE, a budget holder's sign-off) is refused: the chosen home
    has said no since it was chosen, and no agreement goes to a home that has."""
    left = still_offering(snapshot, but=(option.establishment,))
    then = (f"choose another home on the shortlist ({'; '.join(left)})" if left
            else "nothing else on the shortlist still offers: speak to the commissioners")
    return (f"{option.home} has {said} since it was chosen, so nothing has been agreed and "
            f"no placement agreement has been issued; {then}.")


def _copy_for_writer(snapshot: Snapshot, option: Option, writer: str,
                     email: Command) -> list[Command]:
    """The email again, for the home's other registered contact who wrote: the IPA for the
    one whose reply agreed the fee (rule `ipa-to-who-agreed`), a fee proposal for the one
    its latest mail came from (rule `proposal-to-who-wrote`: a group's officer answering
    from its shared inbox sees the council's answer). An address the directory does not
    list for the home gets nothing. The copy's key is the email's with `_COPY_TO` and the
    address: an answer to it answers the same email."""
    home = snapshot.world.directory.establishment(option.establishment)
    contacts = [c.lower() for c in (home.contacts if home else [])]
    writer = writer.strip().lower()
    if not isinstance(email, SendEmail) or not writer or writer == option.contact.lower() \
            or writer not in contacts:
        return []
    return [replace(email, key=f"{email.key}{_COPY_TO}{writer}", to=writer)]


_COPY_TO = ":copy-to:"

"""End to end on loopback with a frozen, advanced clock: a referral goes out, providers reply
through real SMTP in the shapes real mail clients give, the silent are chased, and at the
deadline the social worker receives the comparison with every response and nothing from
any quoted text."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from broker.clock import FrozenClock
from broker.db.tables import Response
from broker.tokens import read_token
from tests.conftest import wait_for
from tests.factories import REFERRER, SECRET, referral_email, send_smtp
from tests.replies import gmail_html, outlook_top_posted, quoted_plain

START = datetime.now(UTC).replace(microsecond=0)


def _by_establishment(sink) -> dict[str, object]:  # type: ignore[no-untyped-def]
    mail = {}
    for caught in sink.caught:
        reply_to = caught.message["Reply-To"] or ""
        token = read_token(SECRET.encode(), reply_to.split("@")[0].removeprefix("r+"))
        if token and not caught.is_a_chaser():
            mail.setdefault(token.establishment, caught)
    return mail


async def _reply(service, message, sender: str) -> None:  # type: ignore[no-untyped-def]
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=sender,
                            to=message["To"])


async def test_replies_chasers_and_the_comparison(database_url: str, smtp_sink,  # type: ignore[no-untyped-def]
                                                  service_factory) -> None:
    clock = FrozenClock(START)
    service = await service_factory(database_url, relay=smtp_sink.url, clock=clock)
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())
    await wait_for(lambda: len(smtp_sink.caught) >= 13)
    sent = _by_establishment(smtp_sink)
    assert len(sent) == 12

    larch, kestrel, harbour, willow, oak = (sent[k] for k in (
        "larch-house", "kestrel-house", "harbour-house", "willowmead-house", "oakfield-house"))
    await _reply(service, outlook_top_posted(
        larch, larch.rcpt_tos[0],
        "Decision: Offer\nHome or carer: Larch House\nWeekly fee: £4,250 per week\n"
        "Available from: 1 December\nOfsted rating: Good\n"
        "How we would meet needs: A small, calm home with two other girls and a CSE-trained team."),
        larch.rcpt_tos[0])
    await _reply(service, gmail_html(
        kestrel, kestrel.rcpt_tos[0],
        "Can you meet needs: Yes<br>Home or carer: Kestrel House<br>"
        "Please send the full papers so we can assess.<br><br>> Weekly fee: £9,999"),
        kestrel.rcpt_tos[0])
    await _reply(service, quoted_plain(harbour, harbour.rcpt_tos[0],
                                       "Sorry, we have no vacancies at the moment.\n\nAnn"),
                 harbour.rcpt_tos[0])
    await _reply(service, quoted_plain(
        willow, willow.rcpt_tos[0],
        "Decision: offer\nHome or carer: Willowmead House\nAvailable from: 07/12/2026"),
        willow.rcpt_tos[0])

    # The offer without a fee is asked for exactly that, and the answer completes it.
    ask = await wait_for(lambda: [c for c in smtp_sink.to(willow.rcpt_tos[0])
                                  if " needed" in c.message["Subject"]])
    assert "Weekly fee:" in ask[0].text() and "Available from" not in ask[0].text().split(
        "What we need:")[1]
    completion = quoted_plain(ask[0], willow.rcpt_tos[0], "Weekly fee: £3,900 per week")
    completion.replace_header("To", ask[0].message["Reply-To"])
    await _reply(service, completion, willow.rcpt_tos[0])

    async def stored() -> dict[str, Response]:
        async with service.engine.parts.sessions() as session:
            rows = (await session.execute(select(Response).where(
                Response.status == "current"))).scalars().all()
        return {r.establishment: r for r in rows}

    responses = await wait_for(lambda: _all_four(stored))
    assert responses["larch-house"].fields["weekly_fee"] == 4250
    assert responses["larch-house"].fields["available_from"].endswith("-12-01")
    assert responses["kestrel-house"].decision == "interested"
    assert responses["kestrel-house"].fields["weekly_fee"] is None  # the quoted £9,999 ignored
    assert (responses["harbour-house"].decision,
            responses["harbour-house"].fields["decline_reason"]) == ("decline", "no-vacancy")
    assert (responses["willowmead-house"].fields["weekly_fee"], responses[
        "willowmead-house"].missing) == (3900, [])

    # Half-way: chasers reach only the silent.
    before = len(smtp_sink.caught)
    clock.advance(timedelta(hours=12, minutes=1))
    await service.engine.fire_due()
    silent = {k: c.rcpt_tos[0] for k, c in sent.items()
              if k not in ("larch-house", "kestrel-house", "harbour-house", "willowmead-house")}
    await wait_for(lambda: len(smtp_sink.caught) >= before + len(silent))
    chasers = [c for c in smtp_sink.caught[before:]
               if c.is_a_chaser()]
    assert sorted(r for c in chasers for r in c.rcpt_tos) == sorted(silent.values())

    # The close: the comparison, with every response and nothing from quoted text.
    clock.advance(timedelta(hours=12))
    await service.engine.fire_due()
    comparison = (await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                                          if "responses ready" in c.message["Subject"]]))[0]
    text = comparison.text()
    for name in ("Larch House", "Kestrel House", "Willowmead House"):
        assert name in text
    assert "£4,250" in text and "£3,900" in text and "9,999" not in text
    assert "A. " in text and "B. " in text and "C. " in text and "D. " not in text
    assert "Declined: 1 no vacancy" in text and "No reply: 8 providers" in text
    assert len(smtp_sink.to("placements@northby.gov.example")) >= 1

    # A late reply is accepted, marked late and forwarded to the social worker.
    await _reply(service, outlook_top_posted(
        oak, oak.rcpt_tos[0], "Decision: Offer\nHome or carer: Oakfield House\n"
        "Weekly fee: £4,600\nAvailable from: 14/12/2026"), oak.rcpt_tos[0])
    late = await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                                   if "late response" in c.message["Subject"]])
    assert "Oakfield House" in late[0].text()
    assert (await stored())["oakfield-house"].late is True


async def _all_four(stored):  # type: ignore[no-untyped-def]
    found = await stored()
    wanted = {"larch-house", "kestrel-house", "harbour-house", "willowmead-house"}
    if wanted <= set(found) and found["willowmead-house"].missing == []:
        return found
    return None


async def test_referrals_show_gives_the_whole_timeline(sqlite_url: str, smtp_sink,  # type: ignore[no-untyped-def]
                                                       service_factory, tmp_path) -> None:
    from broker.views import list_referrals, show_referral
    from tests.factories import make_settings

    clock = FrozenClock(START)
    service = await service_factory(sqlite_url, relay=smtp_sink.url, clock=clock)
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())
    await wait_for(lambda: len(smtp_sink.caught) >= 13)
    larch = _by_establishment(smtp_sink)["larch-house"]
    await _reply(service, quoted_plain(larch, larch.rcpt_tos[0],
                                       "Sorry, we have no vacancies."), larch.rcpt_tos[0])
    await wait_for(lambda: len(smtp_sink.to(larch.rcpt_tos[0])) >= 2)
    clock.advance(timedelta(hours=12, minutes=1))  # the half-way reminder, on time (one
    await service.engine.fire_due()  # fired long after it was due is skipped)
    clock.advance(timedelta(hours=12))
    await service.engine.fire_due()

    settings = make_settings(tmp_path, sqlite_url)
    [listed] = await list_referrals(settings)
    shown = await show_referral(settings, listed["reference"])
    assert shown is not None and shown["state"] == "closed" and listed["providers"] == 12
    assert shown["deadline"] and len(shown["eligible"]) == 12 and shown["excluded"] == 79
    assert [(r["establishment"], r["decision"], r["decline_reason"]) for r in
            shown["responses"]] == [("Larch House", "decline", "no-vacancy")]
    kinds = [event["kind"] for event in shown["events"]]
    for kind in ("accepted", "wave-opened", "broadcast", "decision", "response", "chased",
                 "closed"):
        assert kind in kinds
    rules = [e["data"]["rule"] for e in shown["events"] if e["kind"] == "decision"]
    assert rules[0] == "form-complete" and rules[-1] == "no-wave-left"
    assert [w["outcome"] for w in shown["waves"]] == ["no-acceptable-offer"]
    assert kinds.index("accepted") < kinds.index("response") < kinds.index("closed")
    assert all({"at", "kind"} <= set(event) for event in shown["events"])
    assert "Casey" not in str(shown)


async def test_an_answer_written_earlier_but_arriving_later_does_not_replace_the_later_one(  # type: ignore[no-untyped-def]
        database_url: str, smtp_sink, service_factory) -> None:
    """A relay held Larch House's offer (written 10 minutes ago) until after its decline
    (written 5 minutes ago) had arrived: the decline stays the answer, the offer is kept as
    history, and the home is told which answer we hold."""
    from email.utils import format_datetime

    service = await service_factory(database_url, relay=smtp_sink.url,
                                    clock=FrozenClock(START))
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())
    await wait_for(lambda: len(smtp_sink.caught) >= 13)
    larch = _by_establishment(smtp_sink)["larch-house"]
    address = larch.rcpt_tos[0]
    decline = quoted_plain(larch, address, "Sorry, we no longer have a vacancy.\n\nAnn")
    decline.replace_header("Date", format_datetime(START - timedelta(minutes=5)))
    await _reply(service, decline, address)
    await wait_for(lambda: len(smtp_sink.to(address)) >= 2)
    offer = quoted_plain(larch, address, "Decision: offer\nHome or carer: Larch House\n"
                         "Weekly fee: £4,250\nAvailable from: 14/12/2026")
    offer.replace_header("Date", format_datetime(START - timedelta(minutes=10)))
    await _reply(service, offer, address)

    told = await wait_for(lambda: [c for c in smtp_sink.to(address)
                                   if "earlier answer arrived late" in c.message["Subject"]])
    assert "We have your decline" in told[0].text()
    async with service.engine.parts.sessions() as session:
        rows = (await session.execute(select(Response).where(
            Response.establishment == "larch-house").order_by(Response.id))).scalars().all()
    assert [(r.decision, r.status) for r in rows] == [("decline", "current"),
                                                      ("offer", "superseded")]
    assert rows[1].sent_at == START - timedelta(minutes=10)

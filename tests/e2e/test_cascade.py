"""A three-wave cascade over real SMTP, on Kingsholt's sample cascade: wave 1 goes to the
council's own home only; it declines, the wave closes on time with no offer, and wave 2
(the block contract and framework tier 1) opens by itself; a tier-1 home offers, wave 2
closes with that offer, and the comparison goes out without wave 3 ever being sent. The
timeline shows each wave and why it opened, and every provider got one email."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from broker.clock import FrozenClock
from broker.db.tables import Referral
from broker.views import show_referral
from tests.conftest import wait_for
from tests.factories import CONFIG, make_settings, referral_email, send_smtp
from tests.replies import outlook_top_posted

START = datetime.now(UTC).replace(microsecond=0)
JO = "jo.brennan@kingsholt.gov.example"
IN_HOUSE = "placements.homes@homes.kingsholt.gov.example"
TIER_1 = ("referrals@hawthorncare.example", "referrals@greenacre.example",
          "referrals@sandpipercare.example")
TIER_2 = "referrals@elmsteadhomes.example"
KINGSHOLT = (CONFIG / "samples" / "referral-kingsholt.txt").read_text()


def _referrals_to(sink, address: str) -> list:  # type: ignore[no-untyped-def]
    return [c for c in sink.to(address) if c.message["Subject"].startswith("Reply by ")]


async def _reply(service, original, answer: str) -> None:  # type: ignore[no-untyped-def]
    sender = original.rcpt_tos[0]
    await asyncio.to_thread(send_smtp, service.smtp_port,
                            outlook_top_posted(original, sender, answer),
                            sender=sender, to=original.message["Reply-To"])


async def _referred_by_jo(service, smtp_sink):  # type: ignore[no-untyped-def]
    """Kingsholt's sample referral sent by Jo; her acknowledgement (wave 1 has gone)."""
    message = referral_email(KINGSHOLT, sender=JO)
    message.replace_header("From", f"Jo Brennan <{JO}>")
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=JO)
    return (await wait_for(lambda: [c for c in smtp_sink.to(JO) if "has gone to" in
                                    c.message["Subject"]]))[0]


async def test_a_cascade_goes_wave_by_wave_until_an_offer_is_taken(
    database_url: str, smtp_sink, service_factory, tmp_path  # type: ignore[no-untyped-def]
) -> None:
    clock = FrozenClock(START)
    service = await service_factory(database_url, relay=smtp_sink.url, clock=clock)
    message = referral_email(KINGSHOLT, sender=JO)
    message.replace_header("From", f"Jo Brennan <{JO}>")
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=JO)

    # Wave 1: the council's own home only, for four hours.
    [in_house] = await wait_for(lambda: _referrals_to(smtp_sink, IN_HOUSE))
    ack = (await wait_for(lambda: [c for c in smtp_sink.to(JO) if "has gone to" in
                                   c.message["Subject"]]))[0]
    assert "Kingsholt's own homes" in ack.text() and "next wave" in ack.text()
    assert all(not _referrals_to(smtp_sink, a) for a in (*TIER_1, TIER_2))
    await _reply(service, in_house, "Sorry, we have no vacancies at the moment.")
    await wait_for(lambda: len(smtp_sink.to(IN_HOUSE)) >= 2)  # the acknowledgement

    # Wave 1 closes on time with no offer: wave 2 opens by itself.
    clock.advance(timedelta(hours=4, minutes=1))
    await service.engine.fire_due()
    await wait_for(lambda: all(_referrals_to(smtp_sink, a) for a in TIER_1))
    told = await wait_for(lambda: [c for c in smtp_sink.to(JO) if "wave 2" in
                                   c.message["Subject"]])
    assert "closed with no acceptable offer" in told[0].text()
    assert not _referrals_to(smtp_sink, TIER_2)

    # A tier-1 home offers; wave 2 closes with it and the comparison goes out.
    [hawthorn] = _referrals_to(smtp_sink, TIER_1[0])
    await _reply(service, hawthorn, "Decision: Offer\nHome or carer: Hawthorn House\n"
                                    "Weekly fee: £4,650\nAvailable from: 08/12/2026")
    await wait_for(lambda: len(smtp_sink.to(TIER_1[0])) >= 2)
    clock.advance(timedelta(hours=24, minutes=1))
    await service.engine.fire_due()
    comparison = (await wait_for(lambda: [c for c in smtp_sink.to(JO)
                                          if "responses ready" in c.message["Subject"]]))[0]
    assert "A. Hawthorn House" in comparison.text()
    await asyncio.sleep(0.3)
    assert not _referrals_to(smtp_sink, TIER_2)  # wave 3 was never needed

    # Every provider got exactly one referral email; the timeline says why each wave opened.
    sent = Counter(r for c in smtp_sink.caught if c.message["Subject"].startswith("Reply by ")
                   for r in c.rcpt_tos)
    assert set(sent.values()) == {1} and len(sent) == 4
    reference = comparison.message["Subject"].split(":")[0]
    shown = await show_referral(make_settings(tmp_path, database_url), reference)
    assert shown is not None and shown["state"] == "closed"
    assert [(w["number"], w["opened_because"], w["outcome"]) for w in shown["waves"]] == [
        (1, "first-wave", "no-acceptable-offer"),
        (2, "wave 1 closed with no acceptable offer", "offer")]
    opened = [e["data"] for e in shown["events"] if e["kind"] == "wave-opened"]
    assert [(o["wave"], o["providers"]) for o in opened] == [(1, 1), (2, 3)]
    waiting = [x for x in shown["eligible"] if x["wave"] == 2]
    assert sorted(x["tier"] for x in waiting) == ["block", "tier-1", "tier-1"]


async def test_the_placements_team_can_move_a_cascade_on_at_once(
    database_url: str, smtp_sink, service_factory  # type: ignore[no-untyped-def]
) -> None:
    service = await service_factory(database_url, relay=smtp_sink.url)
    ack = await _referred_by_jo(service, smtp_sink)
    reference = ack.message["Subject"].split(":")[0]

    # The social worker may not reorder the cascade; the placements team may.
    for sender in (JO, "placements.team@kingsholt.gov.example"):
        instruction = referral_email(f"NEXT WAVE {reference} no in-house bed this week",
                                     sender=sender, subject=f"{reference}")
        instruction.replace_header("From", sender)
        await asyncio.to_thread(send_smtp, service.smtp_port, instruction, sender=sender)
    await wait_for(lambda: all(_referrals_to(smtp_sink, a) for a in TIER_1))
    refused = [c for c in smtp_sink.to(JO) if "could not" in c.message["Subject"].lower()
               or "Only the placements team" in c.text()]
    assert refused


async def test_an_emailed_close_acts_on_the_wave_its_email_was_about(
    database_url: str, smtp_sink, service_factory  # type: ignore[no-untyped-def]
) -> None:
    """Jo replies CLOSE to the acknowledgement of wave 1 after the team has sent wave 2: the
    homes of wave 2 have only just been sent the referral, so nothing closes and she is told
    which email to reply to. Her CLOSE replying to wave 2's email closes it."""
    service = await service_factory(database_url, relay=smtp_sink.url)
    ack = await _referred_by_jo(service, smtp_sink)
    reference = ack.message["Subject"].split(":")[0]
    team = "placements.team@kingsholt.gov.example"
    instruction = referral_email(f"NEXT WAVE {reference} no in-house bed this week",
                                 sender=team, subject=reference)
    instruction.replace_header("From", team)
    await asyncio.to_thread(send_smtp, service.smtp_port, instruction, sender=team)
    wave_2 = (await wait_for(lambda: [c for c in smtp_sink.to(JO) if "wave 2" in
                                      c.message["Subject"]]))[0]

    async def close_replying_to(email) -> None:  # type: ignore[no-untyped-def]
        reply = outlook_top_posted(email, JO, "CLOSE")
        del reply["To"]
        reply["To"] = "referrals@broker.localhost"
        await asyncio.to_thread(send_smtp, service.smtp_port, reply, sender=JO)

    await close_replying_to(ack)
    refused = await wait_for(lambda: [c for c in smtp_sink.to(JO)
                                      if "was about wave 1" in c.text()])
    assert "wave 2 is open now" in refused[0].text()
    assert not [c for c in smtp_sink.to(JO) if "responses ready" in c.message["Subject"]]

    async def state() -> str:
        async with service.engine.parts.sessions() as session:
            return str((await session.execute(select(Referral.state))).scalar_one())

    assert await state() == "open"
    await close_replying_to(wave_2)
    await wait_for(lambda: _closed(state))


async def _closed(state) -> bool:  # type: ignore[no-untyped-def]
    return await state() != "open"

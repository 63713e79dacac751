"""What a home is told back depends on where the referral stands: a shortlisted home's changed
offer goes to the social worker (not "when the window closes"); an undecided reply learns
where questions go; a reply to a placed or withdrawn referral is told whom to write to, or to
delete it; a reminder fired late after downtime is not sent once its window has closed."""

from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from tests.adapters.worker import text_of
from tests.factories import REFERRER

ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"
TEAM = "placements@northby.gov.example"


async def _reply(worker: Any, row: Any, body: str, sender: str | None = None) -> Any:
    sent = message_from_bytes(row.raw, policy=policy.default)
    reply = EmailMessage()
    reply["From"] = sender or row.to_addr
    to = re.sub(r".*<|>.*", "", str(sent["Reply-To"] or sent["From"]))
    reply["To"], reply["Subject"] = to, f"RE: {sent['Subject']}"
    reply["Date"], reply["Message-ID"] = formatdate(), make_msgid(domain="mail.example")
    reply["In-Reply-To"] = reply["References"] = str(sent["Message-ID"])
    reply.set_content(body)
    return await worker.receive(bytes(reply), to=to, mail_from=sender or row.to_addr)


async def _last(worker: Any, to: str) -> Any:
    return (await worker.outbox(to=to))[-1]


async def _approved(worker: Any) -> tuple[Any, Any]:
    """Two homes offer, the window closes, both are shortlisted and approved: the papers go."""
    homes = (await worker.outbox(kind="provider/referral"))[:2]
    for home in homes:
        await _reply(worker, home, "Decision: offer\nHome or carer: Home\nWeekly fee: £4,700\n"
                                   "Available from: 07/12/2026")
    worker.clock.advance(timedelta(days=1, minutes=1))
    await worker.engine.fire_due()
    comparison = (await worker.outbox(kind="social_worker/comparison", to=REFERRER))[-1]
    labels = re.findall(r"^([A-Z])\. ", text_of(comparison), re.M)[:2]
    await _reply(worker, comparison, f"SHORTLIST {', '.join(labels)}\nParents' views: happy\n"
                 "Child's views: not sought - unwell", sender=REFERRER)
    [referral] = await worker.referrals()
    for commissioner in (ALEX, RUTH):
        request = (await worker.outbox(kind="commissioner/approval_request",
                                       to=commissioner))[-1]
        await _reply(worker, request, f"APPROVE {referral.reference}", sender=commissioner)
    papers = await worker.outbox(kind="provider/papers")
    assert len(papers) == 2
    return papers[0], comparison


async def test_a_shortlisted_homes_offer_on_the_papers_is_passed_on_with_its_costs(
        worker: Any) -> None:
    papers, _ = await _approved(worker)
    await _reply(worker, papers, "Decision: offer\nHow we would meet needs: 2:1 staffing\n"
                 "Additional costs: £350 a week for 1:1 education support")
    ack = text_of(await _last(worker, papers.to_addr))
    assert "additional costs “£350 a week for 1:1 education support”" in ack
    assert "passed to the social worker, who will read it before a home is chosen" in ack
    assert "when the window closes" not in ack and "will be sent the full papers" not in ack


async def test_an_undecided_reply_is_told_where_questions_go_and_how_to_stay_in(
        worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    [referral] = await worker.referrals()
    await _reply(worker, home, "Before we decide - does she smoke, and is there a YOT worker?")
    asked = text_of(await _last(worker, home.to_addr))
    assert "not passed on: this address takes answers only" in asked
    assert f"write to the placements team at {TEAM} yourselves, quoting {referral.reference}" \
        in asked
    assert "sent only to homes that are shortlisted and approved" in asked
    assert 'reply "Decision: interested"' in asked


async def test_the_placed_home_is_told_whom_to_write_to_and_how_to_end_it(
        worker: Any) -> None:
    papers, comparison = await _approved(worker)
    labels = re.findall(r"^([A-Z])\. ", text_of(comparison), re.M)
    chosen = next(label for label, row in zip(labels, await worker.outbox(
        kind="provider/referral"), strict=False) if row.to_addr == papers.to_addr)
    await _reply(worker, comparison, f"CHOOSE {chosen}", sender=REFERRER)
    await _reply(worker, comparison, "AGREE", sender=REFERRER)
    ipa = (await worker.outbox(kind="provider/ipa", to=papers.to_addr))[-1]
    await _reply(worker, ipa, "Can the start date move to the 9th?")
    note = text_of(await _last(worker, papers.to_addr))
    assert f"placements team at {TEAM} and the social worker at {REFERRER}" in note
    assert '"ENDED 01/03/2027' in note and "no further responses" not in note


async def test_a_reply_after_a_withdrawal_is_asked_to_delete_the_referral(
        worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    [ack] = await worker.outbox(to=REFERRER)
    await _reply(worker, ack, "WITHDRAW family found a kinship placement", sender=REFERRER)
    await _reply(worker, home, "Is this one still live? We can still offer.")
    note = await _last(worker, home.to_addr)
    assert note.kind == "provider/referral_closed"
    assert "withdrawn by the placing authority" in text_of(note)
    assert "Please delete the referral" in text_of(note)


async def test_reminders_missed_in_downtime_are_not_sent_after_the_window_closed(
        worker: Any) -> None:
    worker.clock.advance(timedelta(days=1, minutes=1))  # past both reminders and the close
    await worker.engine.fire_due()
    assert await worker.outbox(kind="provider/chaser") == []
    assert await worker.outbox(kind="social_worker/comparison") != [] or \
        [r.state for r in await worker.referrals()] != ["open"]


async def test_two_reminders_missed_in_downtime_go_as_one(worker: Any) -> None:
    providers = len(await worker.outbox(kind="provider/referral"))
    worker.clock.advance(timedelta(hours=23, minutes=10))  # both reminders due, 50 min left
    await worker.engine.fire_due()
    chasers = await worker.outbox(kind="provider/chaser")
    assert len(chasers) == providers
    assert len({row.to_addr for row in chasers}) == providers


async def test_a_change_after_the_close_to_an_on_time_offer_is_said_to_be_a_late_change(
        worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    await _reply(worker, home, "Decision: offer\nHome or carer: Home\nWeekly fee: £4,850\n"
                               "Available from: 07/12/2026")
    worker.clock.advance(timedelta(days=1, minutes=1))
    await worker.engine.fire_due()
    await _reply(worker, home, "Weekly fee: £4,600")
    ack = await _last(worker, home.to_addr)
    assert "late change received" in ack.raw.decode()
    assert "passed to the social worker as a late change" in text_of(ack)
    assert "Your answer before the close is the one in the comparison" in text_of(ack)
    assert "£4,850 a week" in text_of(ack).split("comparison")[-1]
    assert "marked as late" not in text_of(ack)


async def test_a_reply_answering_for_other_homes_says_only_this_homes_was_recorded(
        worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    name = home.establishment.replace("-", " ").title()
    await _reply(worker, home, f"{name}: full until February.\n"
                 "Rowan Lodge: can offer from 14/12/2026 at £4,700 a week.")
    ack = text_of(await _last(worker, home.to_addr))
    assert "We have your decline" in ack
    assert "Your reply also answered for other homes" in ack
    await _reply(worker, (await worker.outbox(kind="provider/referral"))[1],
                 "We can offer from 14/12/2026 at £4,700 a week.")
    ack = text_of(await _last(worker, (await worker.outbox(kind="provider/referral"))[1].to_addr))
    assert "answered for other homes" not in ack

"""Anyone can write any From. Through the real intake worker, with every authority's
`sender_auth: required` and providers' mail to providers@ proved as BROKER_PROVIDER_SENDER_AUTH
requires (by default): a forged From changes nothing on any route.

- `ENDED` for a placement, forged as the social worker (to providers@, or through a
  competitor's reply address) or as the chosen home (through a competitor's reply address),
  is refused; the chosen home ending it through its own reply address is obeyed.
- `APPROVE APP-…` forged as a list's approvers is refused; signed by their councils, it counts.
- A provider's `PAUSE` that nothing proves is not recorded: the home's address is asked to
  reply to our answer with the same line, which then is; a DKIM-signed one is recorded at once.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from broker.db.tables import Application, EstablishmentStatus, Referral
from tests.adapters.test_applications_by_email import APPLICANT, OPEN
from tests.adapters.worker import Worker, header, make_worker, text_of
from tests.e2e.test_trust import Signer
from tests.factories import CONFIG, REFERRER, referral_email
from tests.market_snapshots import FORM
from workflows.answer_limits import ANSWERS_PER_DAY, KNOWN_ANSWERS_PER_DAY
from workflows.market.events import SchedulesReviewed

PROVIDERS = "providers@broker.localhost"
LARCH = "referrals@larchcare.example"
APPROVERS = ("hannah.lees@brackenridge.gov.example", "commissioning@saltmarsh.gov.example")


def strict_config(tmp_path: Path) -> Path:
    """The sample configuration with every authority's mail required to prove its From."""
    copy = tmp_path / "config"
    shutil.copytree(CONFIG, copy)
    authorities = copy / "authorities.yaml"
    authorities.write_text(authorities.read_text().replace("sender_auth: preferred",
                                                           "sender_auth: required"))
    return copy


class Signers:
    """DKIM keys for several domains, and the DNS that publishes them all."""

    def __init__(self, *domains: str) -> None:
        self.by_domain = {domain: Signer(domain) for domain in domains}

    def dns(self, name: bytes, timeout: int = 5) -> bytes | None:
        return next((found for signer in self.by_domain.values()
                     if (found := signer.dns(name, timeout)) is not None), None)

    def sign(self, message: EmailMessage) -> bytes:
        domain = str(message["From"]).rpartition("@")[2].rstrip(">")
        return self.by_domain[domain].sign(message)


@pytest.fixture
def signers() -> Signers:
    return Signers("northby.gov.example", "brackenridge.gov.example", "saltmarsh.gov.example",
                   "larchcare.example")


@pytest.fixture
async def worker(tmp_path: Path, database_url: str, signers: Signers):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, database_url, config_dir=strict_config(tmp_path),
                             reopening=True)
    made.engine.parts.sender_auth.dnsfunc = signers.dns
    yield made
    await made.db.dispose()


def email_to(to: str, sender: str, body: str, subject: str = "Update",
             in_reply_to: str = "") -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Date"] = formatdate()
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    if in_reply_to:
        message["In-Reply-To"] = message["References"] = in_reply_to
    message.set_content(body)
    return message


async def _placed(worker: Worker, signers: Signers) -> tuple[Referral, dict[str, str]]:
    """A referral placed with the first home it went to; each home's reply address."""
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    addresses = {row.establishment: header(row, "Reply-To")
                 for row in await worker.outbox("provider/referral")}
    chosen = next(iter(addresses))
    async with worker.sessions() as session:
        row = await session.get(Referral, referral.id)
        assert row is not None and row.state == "open"
        row.state, row.chosen = "placed", chosen
        await session.commit()
    return referral, addresses


async def _state(worker: Worker) -> str:
    [referral] = await worker.referrals()
    return referral.state


async def test_a_placement_is_ended_only_by_someone_proved_to_be_entitled(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    referral, addresses = await _placed(worker, signers)
    reference = referral.reference or ""
    chosen, competitor = list(addresses)[:2]
    chosen_contact = next(r.to_addr for r in await worker.outbox("provider/referral")
                          if r.establishment == chosen)
    line = f"ENDED {reference} 20/02/2027 forged"
    forgeries = [  # (to, From header)
        (PROVIDERS, REFERRER),  # as the social worker, to providers@
        (addresses[competitor], REFERRER),  # as the social worker, through a competitor's way in
        (addresses[competitor], chosen_contact),  # as the chosen home, likewise
    ]
    for to, forged_from in forgeries:
        await worker.receive(email_to(to, forged_from, line), to=to,
                             mail_from="mallory@outside.example")
        assert await _state(worker) == "placed", (to, forged_from)
    told = await worker.outbox("placements_team/unauthenticated")
    assert told, "the team hears of an instruction in the referrer's name that was not proved"

    await worker.receive(email_to(addresses[chosen], chosen_contact,
                                  "ENDED 20/02/2027 returned home"),
                         to=addresses[chosen], mail_from=chosen_contact)
    [ended] = await worker.referrals()
    assert (ended.state, ended.outcome_reason) == ("ended", "returned home")


async def _apply(worker: Worker) -> str:
    """An application that nothing proves, then the same sent again as a reply to our
    answer (which proves the applicant's mailbox): it goes to the approvers."""
    worker.clock.set(OPEN)
    await worker.engine.handle(None, SchedulesReviewed(key="start"))
    await worker.receive(email_to(PROVIDERS, APPLICANT, FORM, "Application"), to=PROVIDERS,
                         mail_from=APPLICANT)
    assert await _application_state(worker) == "new"
    (asked,) = await worker.outbox("applicant/unproved")
    await worker.receive(email_to(PROVIDERS, APPLICANT, FORM, "RE: Application",
                                  in_reply_to=asked.message_id),
                         to=PROVIDERS, mail_from=APPLICANT)
    assert await _application_state(worker) == "awaiting-approval"
    async with worker.sessions() as session:
        return (await session.execute(select(Application.reference))).scalar_one()


async def _application_state(worker: Worker) -> str:
    async with worker.sessions() as session:
        return (await session.execute(select(Application.state))).scalar_one()


async def test_an_application_is_approved_only_by_approvers_who_prove_their_address(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    reference = await _apply(worker)
    for approver in APPROVERS:  # a stranger writing the approvers' addresses
        await worker.receive(email_to(PROVIDERS, approver, f"APPROVE {reference}"),
                             to=PROVIDERS, mail_from="mallory@outside.example")
    assert await _application_state(worker) != "approved"
    refusals = await worker.outbox("applicant/refused")
    assert {r.to_addr for r in refusals} == set(APPROVERS)
    assert all("could not confirm" in text_of(r) for r in refusals)
    for approver in APPROVERS:
        await worker.receive(signers.sign(email_to(PROVIDERS, approver, f"APPROVE {reference}")),
                             to=PROVIDERS, mail_from=approver)
    assert await _application_state(worker) == "approved"


async def test_an_application_nothing_proves_reaches_nobody_and_repeats_nothing(  # type: ignore[no-untyped-def]
        worker) -> None:
    """Forged applications in other people's names: each address is told, in our words only
    and at most five times a day, to reply if it did apply; no approver hears of them."""
    worker.clock.set(OPEN)
    await worker.engine.handle(None, SchedulesReviewed(key="start"))
    lure = "URGENT your council login expires today, renew at login-renew.example"
    forged = FORM.replace("Home:", f"Home: {lure}\nFormer home:", 1)
    victims = [f"victim{n}@elsewhere.example" for n in range(3)]
    for victim in [*victims, *[victims[0]] * (ANSWERS_PER_DAY + 2)]:
        await worker.receive(email_to(PROVIDERS, victim, forged, f"Application {lure}"),
                             to=PROVIDERS, mail_from="mallory@outside.example")
    answers = await worker.outbox("applicant/unproved")
    assert sorted(a.to_addr for a in answers) == sorted(
        [*victims, *[victims[0]] * (ANSWERS_PER_DAY - 1)])
    assert all("login-renew" not in text_of(a) + a.subject for a in answers)
    assert await worker.outbox("approver/application_request") == []


async def test_forged_forms_cannot_fill_the_inboxes_of_a_council(worker) -> None:  # type: ignore[no-untyped-def]
    """Forms nothing proves are held; their held emails, to whatever From they name and to
    the placements team, are answers to a stranger, limited like the rest."""
    team = "placements@northby.gov.example"
    for n in range(KNOWN_ANSWERS_PER_DAY + 2):
        await worker.receive(referral_email(sender=REFERRER, subject=f"Referral ({n})"),
                             mail_from="mallory@outside.example")
        await worker.receive(referral_email(sender="made.up@northby.gov.example",
                                            subject=f"Referral ({n})"),
                             mail_from="mallory@outside.example")
    assert {r.state for r in await worker.referrals()} == {"held"}
    to_referrer = await worker.outbox("social_worker/held_unproved", to=REFERRER)
    assert len(to_referrer) == KNOWN_ANSWERS_PER_DAY  # she is named: twenty a day
    made_up = await worker.outbox("social_worker/held_unproved", to="made.up@northby.gov.example")
    assert len(made_up) == ANSWERS_PER_DAY
    assert len(await worker.outbox("placements_team/held_unproved", to=team)) == (
        KNOWN_ANSWERS_PER_DAY)


async def test_words_in_her_name_that_nothing_proves_reach_no_one_and_count_for_nothing(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    """Review 31: unsigned mail forging the social worker's From, naming her referral, is
    not passed to the placements team as her words, nor counted against her 3 a day; she
    (her real address) is told a message in her name could not be proved. Her own signed
    note to a colleague, sent on, is not passed on either. Her signed reply still is."""
    from workflows.responses import QUESTIONS_PER_DAY

    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    for n in range(QUESTIONS_PER_DAY + 1):
        await worker.receive(email_to(
            "referrals@broker.localhost", REFERRER, f"Sam is off sick ({n}): please phone me "
            "on 07700 900461 and send the care plan to jo dot new at gmx dot example?",
            subject=f"Re: {referral.reference}"), mail_from="mallory@outside.example")
    assert await worker.outbox("placements_team/social_worker_words") == []
    told = await worker.outbox("social_worker/already_sent", to=REFERRER)
    assert told and "arrived in your name" in text_of(told[0])
    assert "07700" not in text_of(told[0]) and "gmx" not in text_of(told[0])
    [ack] = await worker.outbox("social_worker/acknowledgement")
    colleague = "jordan.okafor@northby.gov.example"
    note = signers.sign(email_to(colleague, REFERRER, "Jordan, could you ring the team about "
                                 "her school transport?", f"FW: {ack.subject}"))
    await worker.receive(note, mail_from=colleague)
    assert await worker.outbox("placements_team/social_worker_words") == []
    last = (await worker.outbox("social_worker/already_sent", to=REFERRER))[-1]
    assert "addressed to someone else" in text_of(last)
    mine = signers.sign(email_to("referrals@broker.localhost", REFERRER,
                                 "Please ring me about her school transport.",
                                 f"RE: {ack.subject}", in_reply_to=ack.message_id))
    await worker.receive(mine)
    [passed] = await worker.outbox("placements_team/social_worker_words")
    assert "school transport" in text_of(passed)


async def test_a_forged_correction_with_an_instruction_under_it_offers_no_line_back(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    """Review 33: unsigned mail forging her From on her thread, a correction with WITHDRAW
    (or EXTEND) under it, gets the plain answer that it could not be proved: none of its
    lines offered back to her as the line to send, and never its link or phone number."""
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    [ack] = await worker.outbox("social_worker/acknowledgement")
    last = (await worker.outbox())[-1].id
    for body in ("Needed from: 09/12/2026\nChild's wishes: see the updated plan at "
                 "https://evil.example/plan\nWITHDRAW new carer found - confirm by calling Jo "
                 "on 07700 900461 or at https://evil.example/confirm",
                 "Needed from: 10/12/2026\nEXTEND 5d please ring 07700 900461 "
                 "https://evil.example/x"):
        await worker.receive(email_to("referrals@broker.localhost", REFERRER, body,
                                      subject=f"Re: {referral.reference}",
                                      in_reply_to=header(ack, "Message-ID")),
                             mail_from="mallory@outside.example")
    told = [r for r in await worker.outbox() if r.id > last]
    assert told and all(r.to_addr == REFERRER for r in told)
    assert await worker.outbox("social_worker/not_done") == []
    for sent in told:
        words = text_of(sent)
        assert "evil.example" not in words and "07700" not in words, words
        assert "WITHDRAW" not in words and "EXTEND 5d" not in words, words
        assert "Nothing shows that this message came from you" in words, words
    assert [r.state for r in await worker.referrals()] == ["open"]


async def _paused(worker: Worker, home: str = "larch-house") -> bool:
    async with worker.sessions() as session:
        status = await session.get(EstablishmentStatus, home)
        return bool(status and status.paused)


async def test_a_notice_nothing_proves_waits_for_a_reply_from_the_homes_mailbox(  # type: ignore[no-untyped-def]
        worker) -> None:
    row = await worker.receive(email_to(PROVIDERS, LARCH, "PAUSE Larch House: closed for good, "
                                        "verify your bank details at pay.example",
                                        subject="URGENT: log in at pay.example"),
                               to=PROVIDERS, mail_from="mallory@outside.example")
    assert row.outcome == "notice-unproved" and not await _paused(worker)
    (asked,) = await worker.outbox("provider/notice_unproved")
    assert asked.to_addr == LARCH and "- PAUSE Larch House\n" in text_of(asked)
    # Nothing of a message nothing proves is repeated: it could be anyone's text.
    assert "pay.example" not in text_of(asked) + asked.subject
    assert "closed for good" not in text_of(asked)

    # Someone else on that thread, from another domain, still proves nothing.
    await worker.receive(email_to(PROVIDERS, "someone@elsewhere.example",
                                  "PAUSE Larch House: closed", in_reply_to=asked.message_id),
                         to=PROVIDERS, mail_from="someone@elsewhere.example")
    assert not await _paused(worker)
    # The home's mailbox, replying to our answer: recorded.
    row = await worker.receive(email_to(PROVIDERS, LARCH, "PAUSE Larch House: staff training",
                                        in_reply_to=asked.message_id),
                               to=PROVIDERS, mail_from=LARCH)
    assert row.outcome == "notice-recorded" and await _paused(worker)


async def test_a_yes_to_not_recorded_yet_records_the_lines_it_listed(  # type: ignore[no-untyped-def]
        worker) -> None:
    """ux47 R11: "Not recorded yet" listed "PAUSE Larch House"; the officer replied "Yes" and
    was sent the providers@ help. A "Yes" from the mailbox it went to records those lines,
    in our words: not the unproved email's reason, which nobody has vouched for."""
    await worker.receive(email_to(PROVIDERS, LARCH, "PAUSE Larch House: log in at pay.example"),
                         to=PROVIDERS, mail_from="mallory@outside.example")
    (asked,) = await worker.outbox("provider/notice_unproved")
    # a "Yes" from anyone else on that thread proves nothing
    await worker.receive(email_to(PROVIDERS, "someone@elsewhere.example", "Yes",
                                  in_reply_to=asked.message_id),
                         to=PROVIDERS, mail_from="someone@elsewhere.example")
    assert not await _paused(worker)
    row = await worker.receive(email_to(PROVIDERS, LARCH, "Yes, please.",
                                        subject=f"Re: {asked.subject}",
                                        in_reply_to=asked.message_id),
                               to=PROVIDERS, mail_from=LARCH)
    assert row.outcome == "notice-recorded" and await _paused(worker)
    assert not [r for r in await worker.outbox("provider/providers_help") if r.to_addr == LARCH]
    async with worker.sessions() as session:
        status = await session.get(EstablishmentStatus, "larch-house")
        assert status is not None and "pay.example" not in status.pause_reason


async def test_a_signed_notice_is_recorded_at_once(worker, signers) -> None:  # type: ignore[no-untyped-def]
    row = await worker.receive(signers.sign(email_to(PROVIDERS, LARCH,
                                                     "PAUSE Larch House: staff training")),
                               to=PROVIDERS, mail_from=LARCH)
    assert row.outcome == "notice-recorded" and await _paused(worker)


async def test_an_answer_on_our_thread_needs_the_real_message_id(  # type: ignore[no-untyped-def]
        worker: Any, signers: Signers) -> None:
    """A provider's reply to referrals@ on the thread of our email to a home counts as that
    home's answer. The Message-ID is keyed with the service's secret: a competitor who works
    it out from the reference and the home's key, as one could before, is not answering."""
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    target = (await worker.outbox("provider/referral"))[0]
    key = f"{referral.reference}:referral:{target.establishment}"
    guessed = f"<{hashlib.sha256(key.encode()).hexdigest()[:24]}@broker.localhost>"
    forger = "someone@" + target.to_addr.rpartition("@")[2]
    await worker.receive(email_to("referrals@broker.localhost", forger, "Decision: Decline",
                                  f"Re: {referral.reference}", in_reply_to=guessed),
                         mail_from="mallory@outside.example")
    assert await worker.responses() == []
    await worker.receive(email_to("referrals@broker.localhost", target.to_addr,
                                  "Decision: Decline\nDecline reason: no vacancy",
                                  f"Re: {referral.reference}", in_reply_to=target.message_id),
                         mail_from=target.to_addr)
    assert [r.establishment for r in await worker.responses()] == [target.establishment]


async def test_a_from_naming_two_addresses_names_nobody(worker) -> None:  # type: ignore[no-untyped-def]
    """Not the first of them, nor the envelope sender in their place: a mail server checking
    DMARC cannot say which is the author, so the service does not guess."""
    message = referral_email()
    message.replace_header("From", f"{REFERRER}, mallory@elsewhere.example")
    row = await worker.receive(message, mail_from=REFERRER)
    assert await worker.referrals() == [] and row.outcome == "refused"


async def test_mail_with_a_null_envelope_sender_is_never_answered(worker) -> None:  # type: ignore[no-untyped-def]
    """MAIL FROM:<> is a bounce or other automatic mail (RFC 3834): answering it would mail
    whoever its From names, a victim of the sender's choosing, and could start a loop."""
    victim = "victim@anywhere.example"
    message = email_to("referrals@broker.localhost", victim, "Hello, is this the right place?")
    row = await worker.receive(message, mail_from="")
    assert row.outcome == "ignored-automatic"
    assert await worker.outbox(to=victim) == []
    row = await worker.receive(email_to("referrals@broker.localhost", victim, "Hello again"),
                               mail_from=victim)  # the same from a real envelope: answered
    assert row.outcome == "refused" and len(await worker.outbox(to=victim)) == 1


@pytest.mark.parametrize("ours", ["referrals@broker.localhost.", "REFERRALS@Broker.Localhost.."])
async def test_mail_from_one_of_our_addresses_written_with_a_trailing_dot_is_never_answered(  # type: ignore[no-untyped-def]
        worker, ours: str) -> None:
    """The domain with a trailing dot is still ours: answering would mail ourselves."""
    row = await worker.receive(email_to("referrals@broker.localhost", ours, "Hello?"),
                               mail_from="someone@elsewhere.example")
    assert row.outcome == "refused"
    assert [r.to_addr for r in await worker.outbox()] == []


async def test_an_address_gets_at_most_five_answers_a_day_to_mail_we_cannot_use(  # type: ignore[no-untyped-def]
        worker) -> None:
    """An autoresponder that ignores our Auto-Submitted header answers every answer: the
    exchange ends after five a day, and starts again the next day."""
    victim = "victim@anywhere.example"
    for n in range(ANSWERS_PER_DAY + 2):
        row = await worker.receive(email_to("referrals@broker.localhost", victim,
                                            f"Out of the office ({n})"), mail_from=victim)
        assert row.outcome == "refused"
    assert len(await worker.outbox(to=victim)) == ANSWERS_PER_DAY
    worker.clock.advance(timedelta(days=1))
    await worker.receive(email_to("referrals@broker.localhost", victim, "Back again"),
                         mail_from=victim)
    assert len(await worker.outbox(to=victim)) == ANSWERS_PER_DAY + 1


async def test_the_daily_limit_holds_across_a_restart_and_a_flood_of_other_senders(  # type: ignore[no-untyped-def]
        worker, tmp_path, database_url) -> None:
    """Counted from the outbox, not in one process's memory: a restart (or a second service
    process) does not start the count again, nor do a thousand other names in between."""
    victim = "victim@anywhere.example"
    for n in range(ANSWERS_PER_DAY):
        await worker.receive(email_to("referrals@broker.localhost", victim, f"Hi ({n})"),
                             mail_from=victim)
    worker.engine.parts.answers_per_hour = 10_000
    for n in range(30):
        other = f"someone{n}@anywhere.example"
        await worker.receive(email_to("referrals@broker.localhost", other, "Hi"),
                             mail_from=other)
    again = tmp_path / "restarted"
    again.mkdir()
    restarted = await make_worker(again, database_url, config_dir=strict_config(again))
    restarted.clock.set(worker.clock.now())
    try:
        row = await restarted.receive(email_to("referrals@broker.localhost", victim, "Again"),
                                      mail_from=victim)
        assert row.outcome == "refused"  # kept and marked, but not answered
        assert len(await restarted.outbox(to=victim)) == ANSWERS_PER_DAY
    finally:
        await restarted.db.dispose()


async def test_answers_to_mail_we_cannot_use_are_limited_in_all_each_hour(  # type: ignore[no-untyped-def]
        worker) -> None:
    """A flood naming a different victim in each message gets BROKER_ANSWERS_PER_HOUR
    answers in the hour, and no more; the next hour answers again."""
    worker.engine.parts.answers_per_hour = 3
    victims = [f"victim{n}@anywhere.example" for n in range(5)]
    for victim in victims:
        row = await worker.receive(email_to("referrals@broker.localhost", victim, "Hello"),
                                   mail_from=victim)
        assert row.outcome == "refused"
    answered = [v for v in victims if await worker.outbox(to=v)]
    assert answered == victims[:3]
    worker.clock.advance(timedelta(minutes=61))
    late = "late@anywhere.example"
    await worker.receive(email_to("referrals@broker.localhost", late, "Hello"), mail_from=late)
    assert len(await worker.outbox(to=late)) == 1


async def test_sub_addresses_share_their_mailboxs_daily_limit(worker) -> None:  # type: ignore[no-untyped-def]
    """`victim+1@`, `victim+2@` … reach one mailbox: twelve forged messages under twelve
    sub-addresses get it five answers, as twelve under one address would."""
    for n in range(12):
        victim = f"victim+{n}@anywhere.example"
        row = await worker.receive(email_to("referrals@broker.localhost", victim, "Hello"),
                                   mail_from=victim)
        assert row.outcome == "refused"
    answered = [r for r in await worker.outbox() if r.to_addr.startswith("victim")]
    assert len(answered) == ANSWERS_PER_DAY
    # Another mailbox whose name merely starts the same is its own.
    await worker.receive(email_to("referrals@broker.localhost", "victims@anywhere.example",
                                  "Hello"), mail_from="victims@anywhere.example")
    assert len(await worker.outbox(to="victims@anywhere.example")) == 1


async def test_every_spelling_of_a_gmail_mailbox_shares_its_daily_limit(worker) -> None:  # type: ignore[no-untyped-def]
    """Gmail delivers `v.ictim@`, `vic.tim@` and `victim@googlemail.com` to one mailbox:
    forged messages under eight spellings get it five answers in all."""
    spellings = ["victim@gmail.com", "v.ictim@gmail.com", "vi.ctim@gmail.com",
                 "vic.tim@gmail.com", "v.i.ctim@gmail.com", "victim@googlemail.com",
                 "vict.im@googlemail.com", "victim+x@gmail.com"]
    for victim in spellings:
        await worker.receive(email_to("referrals@broker.localhost", victim, "Hello"),
                             mail_from=victim)
    answered = [r for r in await worker.outbox() if r.to_addr in spellings]
    assert len(answered) == ANSWERS_PER_DAY


async def test_a_flood_of_junk_does_not_stop_a_provider_from_applying(worker) -> None:  # type: ignore[no-untyped-def]
    """The hour's answers to strangers used up by junk to referrals@, an applicant is still
    asked to prove its mailbox: requests to prove one have a budget of their own."""
    worker.engine.parts.answers_per_hour = 3
    worker.clock.set(OPEN)
    await worker.engine.handle(None, SchedulesReviewed(key="start"))
    for n in range(4):
        junk = f"noise{n}@junk{n}.example"
        await worker.receive(email_to("referrals@broker.localhost", junk, "Buy now"),
                             mail_from=junk)
    assert not await worker.outbox(to="noise3@junk3.example")  # the hour's budget is spent
    await worker.receive(email_to(PROVIDERS, APPLICANT, FORM, "Application"), to=PROVIDERS,
                         mail_from=APPLICANT)
    assert len(await worker.outbox("applicant/unproved")) == 1


async def test_every_answer_a_stranger_can_cause_counts_towards_the_limits(  # type: ignore[no-untyped-def]
        worker) -> None:
    """A stranger's notices to providers@ (from an address that speaks for no home) are
    answered, but at most five times a day to one address, like mail to referrals@."""
    stranger = "victim@anywhere.example"
    for n in range(ANSWERS_PER_DAY + 2):
        row = await worker.receive(email_to(PROVIDERS, stranger, f"PAUSE Larch House: ({n})"),
                                   to=PROVIDERS, mail_from=stranger)
        assert row.outcome == "not-a-provider"
    refusals = await worker.outbox("provider/notice_refused")
    assert [r.to_addr for r in refusals] == [stranger] * ANSWERS_PER_DAY
    assert "PAUSE" not in refusals[0].subject


async def test_a_registered_address_is_answered_past_a_strangers_limit(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    """A colleague the directory names is told each time why nothing was done: past the
    five a day an unknown address gets, up to twenty."""
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    colleague = "jordan.okafor@northby.gov.example"
    for n in range(ANSWERS_PER_DAY + 2):
        await worker.receive(signers.sign(email_to("referrals@broker.localhost", colleague,
                                                   f"CLOSE {referral.reference}",
                                                   subject=f"Close ({n})")),
                             mail_from=colleague)
    refusals = await worker.outbox("social_worker/instruction_refused")
    assert [r.to_addr for r in refusals] == [colleague] * (ANSWERS_PER_DAY + 2)


async def test_a_strangers_flood_cannot_use_up_the_answers_of_registered_people(  # type: ignore[no-untyped-def]
        worker) -> None:
    """With the hour's answers to strangers spent, a registered social worker still hears
    that their email had no form in it."""
    worker.engine.parts.answers_per_hour = 3
    for n in range(5):
        victim = f"victim{n}@anywhere.example"
        await worker.receive(email_to("referrals@broker.localhost", victim, "Hello"),
                             mail_from=victim)
    row = await worker.receive(email_to("referrals@broker.localhost", REFERRER,
                                        "Sorry, I forgot to paste the form."),
                               mail_from=REFERRER)
    assert row.outcome == "no-form"
    assert len(await worker.outbox(to=REFERRER)) == 1


async def test_forms_from_made_up_addresses_at_a_council_are_answered_five_times_a_day(  # type: ignore[no-untyped-def]
        worker) -> None:
    """Any address at a member council may refer, so a broken form is answered; written in
    made-up names, the answers are limited like any stranger's."""
    nobody = "nobody.here@northby.gov.example"
    for n in range(ANSWERS_PER_DAY + 2):
        await worker.receive(referral_email(f"Gender: female ({n})", sender=nobody),
                             mail_from=nobody)
    assert len(await worker.outbox("social_worker/problems")) == ANSWERS_PER_DAY


PUBLIC = "mailhost.example"  # a public mail service: its mailboxes are anyone's


@pytest.fixture
async def public_worker(tmp_path: Path, database_url: str, signers: Signers):  # type: ignore[no-untyped-def]
    """Larch Care's homes speak from mailboxes at a public mail service, a domain that is
    nobody's own (the organisation lists contacts only)."""
    config = strict_config(tmp_path)
    homes = config / "providers" / "london-and-south-east.yaml"
    homes.write_text(homes.read_text().replace("    domains: [larchcare.example]\n", "")
                     .replace("larchcare.example", PUBLIC))
    made = await make_worker(tmp_path, database_url, config_dir=config, reopening=True)
    made.engine.parts.sender_auth.dnsfunc = signers.dns
    yield made
    await made.db.dispose()


async def _an_answer_of_ours_to(worker: Worker, address: str) -> str:
    """The Message-ID of an email we sent to `address` (anyone can get one: write to
    providers@ and it answers)."""
    await worker.receive(email_to(PROVIDERS, address, "Hello, how does this work?"),
                         to=PROVIDERS, mail_from=address)
    return next(row.message_id for row in await worker.outbox("provider/providers_help")
                if row.to_addr == address)


async def test_a_reply_to_our_email_proves_only_the_mailbox_it_went_to(  # type: ignore[no-untyped-def]
        public_worker) -> None:
    """Mallory, at the same public mail service as Larch House, replies to our answer to
    her own mailbox under the home's From: it proves nothing, and the home is not paused."""
    worker, home = public_worker, f"referrals@{PUBLIC}"
    ours = await _an_answer_of_ours_to(worker, f"mallory@{PUBLIC}")
    row = await worker.receive(email_to(PROVIDERS, home, "PAUSE Larch House: closing down",
                                        in_reply_to=ours),
                               to=PROVIDERS, mail_from=f"mallory@{PUBLIC}")
    assert row.outcome == "notice-unproved" and not await _paused(worker)
    # The home's own mailbox, replying to an email we sent it, is proved as before.
    ours = await _an_answer_of_ours_to(worker, home)
    row = await worker.receive(email_to(PROVIDERS, home, "PAUSE Larch House: staff training",
                                        in_reply_to=ours), to=PROVIDERS, mail_from=home)
    assert row.outcome == "notice-recorded" and await _paused(worker)


async def test_only_the_applicants_own_address_can_correct_its_application(  # type: ignore[no-untyped-def]
        public_worker) -> None:
    """Vera applies from a public mail service; Mallory, at the same service, replies to our
    answer to her own mailbox naming Vera's application and giving her own referral address.
    The application is not hers to correct: nothing of it changes."""
    worker, vera, mallory = public_worker, f"vera.care@{PUBLIC}", f"mallory@{PUBLIC}"
    worker.clock.set(OPEN)
    await worker.engine.handle(None, SchedulesReviewed(key="start"))
    await worker.receive(email_to(PROVIDERS, vera, FORM.replace("Ofsted URN: SC712345\n", ""),
                                  "Application"), to=PROVIDERS, mail_from=vera)
    (asked,) = await worker.outbox("applicant/unproved")
    await worker.receive(email_to(PROVIDERS, vera, FORM.replace("Ofsted URN: SC712345\n", ""),
                                  "RE: Application", in_reply_to=asked.message_id),
                         to=PROVIDERS, mail_from=vera)
    assert await _application_state(worker) == "incomplete"
    async with worker.sessions() as session:
        application = (await session.execute(select(Application))).scalar_one()
    reference = application.reference or ""
    # References are random: one tells nobody the next.
    assert reference != f"APP-{OPEN.year}-{application.id:06d}"

    ours = await _an_answer_of_ours_to(worker, mallory)
    await worker.receive(email_to(PROVIDERS, mallory, "Ofsted URN: SC712345\n"
                                  f"Referral email: {mallory}\nContact name: Mallory",
                                  f"Re: {reference}", in_reply_to=ours),
                         to=PROVIDERS, mail_from=mallory)
    async with worker.sessions() as session:
        after = (await session.execute(select(Application).where(
            Application.reference == reference))).scalar_one()
    assert after.state == "incomplete" and mallory not in str(after.raw_fields)

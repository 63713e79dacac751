"""Providers (and a council's own homes) whose mail system signs the From and the Subject but
not the To (Microsoft 365: `h=From:Date:Subject:Message-ID:Content-Type:MIME-Version`).
Through the real intake worker, every authority's `sender_auth: required`, providers'
mail to providers@ proved as BROKER_PROVIDER_SENDER_AUTH requires (DKIM), keys published
through a test DNS:

- a home's new `PAUSE`, `RESUME` or `VACANCIES` to providers@ is not recorded but put to its
  proved From only; its "Yes", keeping the subject, records the email's lines, once;
- review 25's copy: a home's signed "PAUSE Larch House" to a council, sent on to providers@
  by the council (its To rewritten or not), pauses nothing, and only the home is asked;
- a reply keeping the code of our email about the homes counts at once, for the homes that
  code was given for only;
- `ENDED REF-…` to providers@ from the chosen home: asked about, its "Yes" ends the
  placement; a code for the referral counts, another referral's does not;
- a home replying through its `r+` reply address is proved by the address, as before; a
  council's own home writing from the council's domain, by the code its reply keeps;
- a list's approver at a council: a reply keeping the code approves, a new email is asked
  about and her "Yes" approves.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from broker.db.tables import Application, EstablishmentStatus, Referral
from broker.tokens import HOMES, home_scope, subject_code
from tests.adapters.test_applications_by_email import APPLICANT, OPEN
from tests.adapters.test_forged_senders import Signers, email_to, strict_config
from tests.adapters.test_m365_signed_mail import m365
from tests.adapters.worker import Worker, answer, header, make_worker, text_of
from tests.factories import CONFIG, REFERRER, referral_email
from tests.market_snapshots import FORM
from workflows.market.events import SchedulesReviewed

PROVIDERS = "providers@broker.localhost"
LARCH = "referrals@larchcare.example"  # speaks for Larch House, Larch Lodge and Larch View
TEAM = "placements@northby.gov.example"
CONFIRM = "provider/confirm_instruction"
KINGSHOLT_HOMES = "placements.homes@kingsholt.gov.example"  # a council's own homes
APPROVER = "hannah.lees@brackenridge.gov.example"


@pytest.fixture
def signers() -> Signers:
    return Signers("northby.gov.example", "larchcare.example", "kingsholt.gov.example",
                   "brackenridge.gov.example", "saltmarsh.gov.example")


def _config(tmp_path: Path) -> Path:
    """The strict sample, with Kingsholt's own homes answering from the council's domain."""
    copy = strict_config(tmp_path)
    midlands = copy / "providers" / "midlands.yaml"
    midlands.write_text(midlands.read_text().replace(
        "    domains: [homes.kingsholt.gov.example]\n", "").replace(
        "placements.homes@homes.kingsholt.gov.example", KINGSHOLT_HOMES))
    return copy


@pytest.fixture
async def worker(tmp_path: Path, database_url: str,  # type: ignore[no-untyped-def]
                 signers: Signers) -> AsyncIterator[Worker]:
    made = await make_worker(tmp_path, database_url, config_dir=_config(tmp_path),
                             reopening=True)
    made.engine.parts.sender_auth.dnsfunc = signers.dns
    yield made
    await made.db.dispose()


def reply_to(row: object, sender: str, body: str, to: str = PROVIDERS,
             thread: bool = True) -> EmailMessage:
    """`sender`'s reply to our email `row`, from Outlook: "RE: " + its subject."""
    return email_to(to, sender, body, f"RE: {header(row, 'Subject')}",  # type: ignore[arg-type]
                    in_reply_to=header(row, "Message-ID") if thread else "")  # type: ignore[arg-type]


async def _paused(worker: Worker, home: str = "larch-house") -> bool:
    async with worker.sessions() as session:
        status = await session.get(EstablishmentStatus, home)
        return bool(status and status.paused)


async def _vacancies(worker: Worker, home: str = "larch-house") -> int | None:
    async with worker.sessions() as session:
        status = await session.get(EstablishmentStatus, home)
        return status.vacancies if status else None


@pytest.mark.parametrize("line", ["PAUSE Larch House: staff training", "VACANCIES 2 Larch House"])
async def test_a_homes_new_notice_is_asked_about_and_its_yes_records_it_once(  # type: ignore[no-untyped-def]
        worker, signers, line) -> None:
    new = m365(signers, email_to(PROVIDERS, LARCH, line, "Larch House"))
    row = await worker.receive(new, to=PROVIDERS, mail_from=LARCH)
    assert row.outcome == "to-confirm"
    assert not await _paused(worker) and await _vacancies(worker) is None
    [asked] = await worker.outbox(CONFIRM)
    code = subject_code(worker.engine.parts.secret, LARCH, HOMES)
    assert asked.to_addr == LARCH and header(asked, "Subject").endswith(f"[#{code}]")
    assert header(asked, "Reply-To") == PROVIDERS and header(asked, "In-Reply-To")
    assert line.split(":")[0] in text_of(asked)
    # The same email again, in another envelope: asked once (one request per email).
    assert (await worker.receive(new, to=PROVIDERS, mail_from="x@elsewhere.example")
            ).outcome in ("duplicate", "to-confirm")
    row = await worker.receive(m365(signers, reply_to(asked, LARCH, "Yes please\n\nAmy")),
                               to=PROVIDERS, mail_from=LARCH)
    assert row.outcome == "notice-recorded"
    assert await _paused(worker) if line.startswith("PAUSE") else await _vacancies(worker) == 2
    again = await worker.receive(m365(signers, reply_to(asked, LARCH, "Confirmed.")),
                                 to=PROVIDERS, mail_from=LARCH)
    assert again.outcome == "already-confirmed"
    assert len(await worker.outbox(CONFIRM)) == 1


async def test_a_homes_signed_pause_to_a_council_sent_on_pauses_nothing(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    to_council = m365(signers, email_to(TEAM, LARCH, "PAUSE Larch House: staff training",
                                        "Larch House is paused"))
    rewritten = to_council.replace(f"To: {TEAM}".encode(), f"To: {PROVIDERS}".encode(), 1)
    for copy in (to_council, rewritten):
        row = await worker.receive(copy, to=PROVIDERS, mail_from=TEAM)
        assert row.outcome in ("to-confirm", "duplicate") and not await _paused(worker)
    # Only the home is asked (once: both are one message), and the council hears nothing.
    assert [o.to_addr for o in await worker.outbox(CONFIRM)] == [LARCH]
    assert await worker.outbox(to=TEAM) == []
    # A code given for another home proves nothing for Larch House.
    secret = worker.engine.parts.secret
    lodge = subject_code(secret, LARCH, home_scope("larch-lodge"))
    coded = m365(signers, email_to(PROVIDERS, LARCH, "PAUSE Larch House: closed",
                                   f"RE: Vacancies [#{lodge}]"))
    assert (await worker.receive(coded, to=PROVIDERS, mail_from=LARCH)).outcome == "to-confirm"
    assert not await _paused(worker)


async def test_a_reply_keeping_the_code_of_our_email_about_the_homes_counts_at_once(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    await worker.receive(m365(signers, email_to(PROVIDERS, LARCH, "PAUSE Larch House: training")),
                         to=PROVIDERS, mail_from=LARCH)
    [asked] = await worker.outbox(CONFIRM)
    # No thread (some clients drop In-Reply-To): the signed code alone shows it answers us.
    row = await worker.receive(m365(signers, reply_to(
        asked, LARCH, "RESUME Larch House\nPAUSE Larch Lodge: boiler", thread=False)),
        to=PROVIDERS, mail_from=LARCH)
    assert row.outcome == "notice-recorded" and await _paused(worker, "larch-lodge")
    [recorded] = await worker.outbox("provider/notice_recorded")
    code = subject_code(worker.engine.parts.secret, LARCH, HOMES)
    assert header(recorded, "Subject").endswith(f"[#{code}]")
    row = await worker.receive(m365(signers, reply_to(recorded, LARCH, "RESUME Larch Lodge",
                                                      thread=False)),
                               to=PROVIDERS, mail_from=LARCH)
    assert row.outcome == "notice-recorded" and not await _paused(worker, "larch-lodge")


async def _placed(worker: Worker, signers: Signers) -> tuple[Referral, str, str]:
    """A referral placed with Larch House: the referral, the home's address, its r+ address."""
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    rows = {row.establishment: row for row in await worker.outbox("provider/referral")}
    async with worker.sessions() as session:
        stored = await session.get(Referral, referral.id)
        assert stored is not None
        stored.state, stored.chosen = "placed", "larch-house"
        await session.commit()
    home = rows["larch-house"]
    return referral, home.to_addr, header(home, "Reply-To")


async def _state(worker: Worker) -> str:
    return (await worker.referrals())[0].state


async def test_ended_to_providers_is_asked_about_and_its_yes_ends_the_placement(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    referral, home, _ = await _placed(worker, signers)
    reference = referral.reference or ""
    line = f"ENDED {reference} 20/02/2027 returned home"
    # Sent to the council, and sent on by it: only the home is asked.
    to_council = m365(signers, email_to(TEAM, home, line, f"{reference} ended"))
    assert (await worker.receive(to_council, to=PROVIDERS, mail_from=TEAM)
            ).outcome == "to-confirm"
    assert await _state(worker) == "placed"
    [asked] = await worker.outbox(CONFIRM)
    code = subject_code(worker.engine.parts.secret, home, reference)
    assert asked.to_addr == home and header(asked, "Subject").endswith(f"[#{code}]")
    assert header(asked, "Reply-To") == PROVIDERS and line in text_of(asked)
    # The home did send it: its "Yes", keeping the subject, ends the placement, once.
    row = await worker.receive(m365(signers, reply_to(asked, home, "Yes")), to=PROVIDERS,
                               mail_from=home)
    assert (row.outcome, await _state(worker)) == ("ended", "ended")
    assert (await worker.receive(m365(signers, reply_to(asked, home, "Yes")), to=PROVIDERS,
                                 mail_from=home)).outcome == "already-confirmed"


async def test_ended_with_the_referrals_code_counts_and_another_referrals_does_not(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    referral, home, _ = await _placed(worker, signers)
    reference = referral.reference or ""
    secret = worker.engine.parts.secret
    other = subject_code(secret, home, "REF-2026-999999")
    wrong = m365(signers, email_to(PROVIDERS, home, f"ENDED {reference} 20/02/2027 moved",
                                   f"RE: REF-2026-999999 [#{other}]"))
    assert (await worker.receive(wrong, to=PROVIDERS, mail_from=home)).outcome == "to-confirm"
    code = subject_code(secret, home, reference)
    right = m365(signers, email_to(PROVIDERS, home, f"ENDED {reference} 20/02/2027 moved",
                                   f"RE: for Larch House | {reference} [#{code}]"))
    assert (await worker.receive(right, to=PROVIDERS, mail_from=home)).outcome == "ended"


async def test_a_homes_reply_through_its_reply_address_needs_nothing_more(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    _, home, reply_address = await _placed(worker, signers)
    row = await worker.receive(m365(signers, email_to(reply_address, home,
                                                      "ENDED 20/02/2027 returned home")),
                               to=reply_address, mail_from=home)
    assert (row.outcome, await _state(worker)) == ("ended", "ended")
    assert await worker.outbox(CONFIRM) == []


async def test_a_councils_own_home_replying_through_its_reply_address_keeps_its_code(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    kingsholt = (CONFIG / "samples" / "referral-kingsholt.txt").read_text()
    jo = "jo.brennan@kingsholt.gov.example"
    await worker.receive(signers.sign(referral_email(kingsholt, sender=jo)), mail_from=jo)
    [referral] = await worker.outbox("provider/referral")
    assert referral.to_addr == KINGSHOLT_HOMES
    code = subject_code(worker.engine.parts.secret, KINGSHOLT_HOMES,
                        (await worker.referrals())[0].reference or "")
    assert header(referral, "Subject").endswith(f"[#{code}]")
    offer = ("Decision: offer\nHome or carer: Millbridge House\nWeekly fee: £4,000\n"
             "Available from: 01/12/2026")
    reply_address = header(referral, "Reply-To")
    # The subject lost its code: the council's address proves nothing through the reply
    # address alone (its unsigned To could have been rewritten by whoever held the email).
    lost = email_to(reply_address, KINGSHOLT_HOMES, offer, "Our offer",
                    in_reply_to=header(referral, "Message-ID"))
    await worker.receive(m365(signers, lost), to=reply_address, mail_from=KINGSHOLT_HOMES)
    assert await worker.responses() == []
    await worker.receive(m365(signers, reply_to(referral, KINGSHOLT_HOMES, offer,
                                                to=reply_address)),
                         to=reply_address, mail_from=KINGSHOLT_HOMES)
    assert [r.establishment for r in await worker.responses()] == [referral.establishment]


async def _application(worker: Worker) -> str:
    worker.clock.set(OPEN)
    await worker.engine.handle(None, SchedulesReviewed(key="start"))
    await worker.receive(email_to(PROVIDERS, APPLICANT, FORM, "Application"), to=PROVIDERS,
                         mail_from=APPLICANT)
    (asked,) = await worker.outbox("applicant/unproved")
    await answer(worker, asked, FORM)
    async with worker.sessions() as session:
        row = (await session.execute(select(Application))).scalar_one()
    assert row.state == "awaiting-approval"
    return row.reference


async def _application_state(worker: Worker) -> str:
    async with worker.sessions() as session:
        return (await session.execute(select(Application.state))).scalar_one()


async def test_an_approvers_reply_keeping_its_code_or_her_yes_decides(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    reference = await _application(worker)
    requests = {r.to_addr: r for r in await worker.outbox("approver/application_request")}
    code = subject_code(worker.engine.parts.secret, APPROVER, reference)
    assert header(requests[APPROVER], "Subject").endswith(f"[#{code}]")
    # A new email: asked about; her "Yes" approves.
    new = m365(signers, email_to(PROVIDERS, APPROVER, f"APPROVE {reference}", "Approve"))
    assert (await worker.receive(new, to=PROVIDERS, mail_from=APPROVER)).outcome == "to-confirm"
    [asked] = await worker.outbox(CONFIRM)
    assert asked.to_addr == APPROVER
    await worker.receive(m365(signers, reply_to(asked, APPROVER, "Yes")), to=PROVIDERS,
                         mail_from=APPROVER)
    # The other approver replies to the request, keeping its code.
    other = next(a for a in requests if a != APPROVER)
    await worker.receive(m365(signers, reply_to(requests[other], other,
                                                f"APPROVE {reference}")),
                         to=PROVIDERS, mail_from=other)
    assert await _application_state(worker) == "approved"

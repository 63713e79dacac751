"""The intake worker on real stored messages: every email gets a clear answer and a record.

Messages are stored exactly as the SMTP adapter stores them, then the engine runs; the
assertions look at the stored outcome, the referral and the emails queued in the outbox.
"""

from __future__ import annotations

import io
import re
import shutil
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from broker.db.tables import InboundMessage
from tests.adapters.worker import header, make_worker, text_of
from tests.factories import CONFIG, REFERRER, SAMPLE_REFERRAL, referral_email


@pytest.fixture
async def worker(tmp_path: Path, sqlite_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, sqlite_url)
    yield made
    await made.db.dispose()


def _without(field_label: str, body: str = SAMPLE_REFERRAL) -> str:
    return "\n".join(line for line in body.splitlines() if not line.startswith(field_label))


def _replace(label: str, value: str, body: str = SAMPLE_REFERRAL) -> str:
    return "\n".join(f"{label}: {value}" if line.startswith(label + ":") else line
                     for line in body.splitlines())


async def test_a_complete_referral_is_broadcast_and_acknowledged(worker) -> None:  # type: ignore[no-untyped-def]
    inbound = await worker.receive(referral_email())
    assert (inbound.status, inbound.outcome) == ("done", "open")
    [referral] = await worker.referrals()
    assert re.fullmatch(r"REF-2026-\d{6}", referral.reference or "")  # random, not a count
    providers = await worker.outbox(kind="provider/referral")
    assert len(providers) == 12
    [ack] = await worker.outbox(kind="social_worker/acknowledgement")
    assert ack.to_addr == REFERRER and referral.reference in ack.subject
    assert "12 eligible providers" in text_of(ack)
    assert "Tuesday 24 November 2026" in text_of(ack)  # urgent: 24 hours from 09:30 on 23 Nov


async def test_an_unknown_sender_is_refused_politely_and_kept(worker) -> None:  # type: ignore[no-untyped-def]
    stranger = "someone@elsewhere.example"
    inbound = await worker.receive(referral_email(sender=stranger), mail_from=stranger)
    assert (inbound.status, inbound.outcome) == ("done", "refused")
    assert b"Casey" in inbound.raw  # kept as received
    assert await worker.referrals() == []
    [reply] = await worker.outbox(to=stranger)
    assert reply.kind == "sender/refused"
    assert "registered social workers" in text_of(reply)
    assert await worker.outbox(kind="provider/referral") == []


async def test_problems_get_one_reply_and_the_corrected_reply_completes_it(worker) -> None:  # type: ignore[no-untyped-def]
    body = _replace("Placement type", "a nice house", _without("Date of birth"))
    await worker.receive(referral_email(body))
    [problems] = await worker.outbox(kind="social_worker/problems")
    text = text_of(problems)
    assert "Date of birth" in text and "Placement type" in text
    assert "day/month/year (dd/mm/yyyy)" in text and "residential" in text  # what valid looks like
    assert await worker.outbox(kind="provider/referral") == []
    [referral] = await worker.referrals()
    assert referral.state == "incomplete"

    correction = referral_email(
        "Date of birth: 14/03/2012\nPlacement type: Children's home\n\n"
        "> Date of birth: 01/01/1990\n> Placement type: fostering\n",
        subject=f"Re: {problems.subject}", In_Reply_To=problems.message_id,
        References=problems.message_id)
    inbound = await worker.receive(correction)
    assert inbound.outcome == "open"
    [referral] = await worker.referrals()
    assert referral.state == "open"
    assert referral.anonymised["profile"]["age"] == 14  # the new text, not the quoted 1990
    assert len(await worker.outbox(kind="provider/referral")) == 12


async def test_a_corrected_form_sent_as_a_new_email_completes_the_incomplete_one(worker) -> None:  # type: ignore[no-untyped-def]
    # round R23's I14: not a reply, a new email with the whole form corrected. It is the
    # incomplete referral's correction (same sender, same child), not a second referral
    # while the first waits 28 days to lapse.
    await worker.receive(referral_email(_replace("Placement type", "a nice house")))
    [first] = await worker.referrals()
    assert first.state == "incomplete"
    inbound = await worker.receive(referral_email(subject="Referral (corrected)"))
    assert inbound.outcome == "open"
    [referral] = await worker.referrals()
    assert (referral.id, referral.state) == (first.id, "open")
    assert len(await worker.outbox(kind="provider/referral")) == 12
    [ack] = await worker.outbox(kind="social_worker/acknowledgement")
    assert first.reference in text_of(ack)


async def test_a_corrected_form_as_a_new_email_completes_one_missing_its_birth_date(worker) -> None:  # type: ignore[no-untyped-def]
    # I14 as the tester sent it: the first form lacked the date of birth (and has no NHS
    # number), so only the name can tie the two; nothing in them tells the children apart
    first = _without("NHS number", _without("Date of birth"))
    await worker.receive(referral_email(first))
    corrected = _without("NHS number")
    assert (await worker.receive(referral_email(corrected, subject="Corrected"))).outcome == (
        "open")
    assert [r.state for r in await worker.referrals()] == ["open"]


async def test_a_new_email_about_another_child_is_another_referral(worker) -> None:  # type: ignore[no-untyped-def]
    await worker.receive(referral_email(_replace("Placement type", "a nice house")))
    other = _replace("NHS number", "999 000 0123", _replace(
        "Child's name", "Robyn Ashcombe", _replace("Date of birth", "02/02/2013")))
    inbound = await worker.receive(referral_email(other))
    assert inbound.outcome == "open"
    assert [r.state for r in await worker.referrals()] == ["incomplete", "open"]


def _html_disagreeing() -> EmailMessage:
    """The sample, its HTML part saying fostering where the text part says residential."""
    message = referral_email()
    html = "".join(f"<p>{line}</p>" for line in _replace(
        "Placement type", "Foster care").splitlines())
    message.add_alternative(html, subtype="html")
    return message


@pytest.mark.parametrize("message", [
    # round R23's I16: a note above the form changes the date by a loose name
    lambda: referral_email("NB his date is wrong, it should be needed from 18/12/2026.\n\n"
                           + SAMPLE_REFERRAL),
    _html_disagreeing,  # B04: the text part and the HTML part disagree
])
async def test_a_change_written_outside_the_form_holds_the_referral(worker, message) -> None:  # type: ignore[no-untyped-def]
    inbound = await worker.receive(message())
    assert inbound.outcome == "incomplete"
    assert await worker.outbox(kind="provider/referral") == []  # the old value went nowhere
    [problems] = await worker.outbox(kind="social_worker/problems")
    text = " ".join(text_of(problems).split())
    assert ("Needed from" in text and "18/12/2026" in text) or (
        "Placement type" in text and "Foster care" in text and "Residential" in text)


async def test_a_correction_that_is_still_wrong_gets_a_new_list(worker) -> None:  # type: ignore[no-untyped-def]
    await worker.receive(referral_email(_without("Date of birth")))
    [first] = await worker.outbox(kind="social_worker/problems")
    await worker.receive(referral_email("Date of birth: 31/02/2012",
                                        In_Reply_To=first.message_id))
    problem_mails = await worker.outbox(kind="social_worker/problems")
    assert len(problem_mails) == 2
    assert "31/02/2012" in text_of(problem_mails[1])
    assert len(await worker.referrals()) == 1


@pytest.mark.parametrize("raw", [
    b"",
    b"\x00\xff\xfe garbage that is not a message at all",
    b"From: Sam Taylor <sam.taylor@northby.gov.example>\r\nSubject: referral\r\n"
    b"Content-Type: multipart/mixed; boundary=\"never-closed\"\r\n\r\n--never-closed\r\n",
    b"From: sam.taylor@northby.gov.example\r\nSubject: hello\r\n\r\n\r\n",
])
async def test_mail_with_no_form_gets_a_blank_form_to_copy(worker, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    inbound = await worker.receive(raw)
    assert inbound.status == "done"
    assert inbound.outcome == "no-form"
    [reply] = await worker.outbox(to=REFERRER)
    assert reply.kind == "social_worker/no_form"
    assert "Child's name:" in text_of(reply)


async def test_an_html_only_referral_with_a_table_is_read(worker) -> None:  # type: ignore[no-untyped-def]
    rows = "".join(f"<tr><td><p class=MsoNormal><b>{label}</b></p></td><td>{value}</td></tr>"
                   for label, _, value in (line.partition(": ") for line in
                                           SAMPLE_REFERRAL.splitlines() if ": " in line))
    message = referral_email()
    message.set_content(f"<html><body><table>{rows}</table></body></html>", subtype="html")
    inbound = await worker.receive(message)
    assert inbound.outcome == "open"


async def test_an_odd_charset_is_read(worker) -> None:  # type: ignore[no-untyped-def]
    body = _replace("Religion", "Église catholique").encode("latin-1")
    raw = (b"From: sam.taylor@northby.gov.example\r\nTo: referrals@broker.localhost\r\n"
           b"Subject: referral\r\nMessage-ID: <odd@northby.gov.example>\r\n"
           b"Content-Type: text/plain; charset=x-unknown-charset\r\n"
           b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body.replace(b"\n", b"\r\n"))
    inbound = await worker.receive(raw)
    assert inbound.outcome == "open"
    [referral] = await worker.referrals()
    assert "catholique" in referral.anonymised["profile"]["religion"]


async def test_a_form_pasted_twice_is_fine_unless_the_copies_disagree(worker) -> None:  # type: ignore[no-untyped-def]
    form = "\n".join(line for line in SAMPLE_REFERRAL.splitlines() if ": " in line)
    twice = f"{form}\n\n{form}\n\nKind regards,\nSam"
    assert (await worker.receive(referral_email(twice))).outcome == "open"
    differing = f"{form}\n\n{_replace('Date of birth', '15/03/2012', form)}\n\nThanks"
    assert (await worker.receive(referral_email(differing))).outcome == "incomplete"
    [problems] = await worker.outbox(kind="social_worker/problems")
    assert "given twice" in text_of(problems)


async def test_enormous_text_is_handled(worker) -> None:  # type: ignore[no-untyped-def]
    huge = _replace("Background and risks", "She needs calm adults around her. " * 60_000)
    inbound = await worker.receive(referral_email(huge))
    assert inbound.status == "done" and inbound.outcome in ("open", "incomplete")


def _with_attachment(message: EmailMessage, data: bytes, name: str) -> EmailMessage:
    message.add_attachment(data, maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename=name)
    return message


async def test_a_docx_that_is_not_a_word_file_is_named_in_the_reply(worker) -> None:  # type: ignore[no-untyped-def]
    message = _with_attachment(referral_email("Please see the attached form."),
                               b"%PDF-1.4 not a word file", "referral.docx")
    inbound = await worker.receive(message)
    assert inbound.outcome == "incomplete"
    [problems] = await worker.outbox(kind="social_worker/problems")
    assert "referral.docx" in text_of(problems)
    assert ".." not in text_of(problems)  # its own full stop, not the list's twice


async def test_a_docx_form_is_read(worker) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document()
    table = document.add_table(rows=0, cols=2)
    for line in SAMPLE_REFERRAL.splitlines():
        if ": " in line:
            cells = table.add_row().cells
            cells[0].text, _, cells[1].text = line.partition(": ")
    buffer = io.BytesIO()
    document.save(buffer)
    message = _with_attachment(referral_email("Referral attached."), buffer.getvalue(),
                               "Referral form.docx")
    assert (await worker.receive(message)).outcome == "open"


async def test_automatic_mail_is_stored_and_never_answered(worker) -> None:  # type: ignore[no-untyped-def]
    message = referral_email("I am out of the office until Monday.", Auto_Submitted="auto-replied")
    inbound = await worker.receive(message)
    assert (inbound.status, inbound.outcome) == ("done", "ignored-automatic")
    assert await worker.outbox() == []


@pytest.mark.parametrize("own", ["referrals@broker.localhost", "Providers@Broker.Localhost"])
async def test_mail_from_one_of_our_own_addresses_is_never_answered(worker, own: str) -> None:  # type: ignore[no-untyped-def]
    """A forgery or a loop: its answer would only come back to us."""
    inbound = await worker.receive(referral_email("Hello, is this the right place?", sender=own),
                                   mail_from=own)
    assert inbound.status == "done"
    assert await worker.outbox() == []


async def test_a_broken_template_dead_letters_the_message_and_replay_recovers(
    tmp_path: Path, sqlite_url: str
) -> None:
    config = tmp_path / "config"
    shutil.copytree(CONFIG, config)
    override = config / "templates" / "email" / "provider"
    override.mkdir(parents=True)
    (override / "referral.txt.j2").write_text("Subject: {{ no_such_value }}\n")
    worker = await make_worker(tmp_path, sqlite_url, config_dir=config)
    inbound = await worker.receive(referral_email())
    assert (inbound.status, inbound.outcome) == ("dead", "error")
    [letter] = await worker.dead_letters()
    assert letter.source_id == inbound.id and "Undefined" in letter.error
    assert await worker.outbox() == [] and await worker.referrals() == []  # all rolled back

    (override / "referral.txt.j2").unlink()  # the operator fixes the template and replays
    from broker.views import replay_dead_letter
    from tests.factories import make_settings

    assert await replay_dead_letter(make_settings(tmp_path, sqlite_url, config_dir=config),
                                    letter.id or 0)
    fixed = await make_worker(tmp_path, sqlite_url, config_dir=config)
    await fixed.engine.process_pending()
    assert len(await fixed.outbox(kind="provider/referral")) == 12
    await worker.db.dispose()
    await fixed.db.dispose()


async def test_each_provider_email_has_its_own_reply_address(worker) -> None:  # type: ignore[no-untyped-def]
    await worker.receive(referral_email())
    reply_tos = [header(row, "Reply-To") for row in await worker.outbox(kind="provider/referral")]
    assert len(set(reply_tos)) == 12
    assert all(r.startswith("r+") and r.endswith("@broker.localhost") for r in reply_tos)


async def test_a_place_taken_by_a_placement_narrows_the_next_broadcast(worker) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from broker.db.tables import CapacityChange, MatchRecord

    async with worker.sessions() as session:  # Larch House had one place; a placement took it
        session.add(CapacityChange(establishment="larch-house", delta=-1, at=worker.clock.now()))
        await session.commit()
    await worker.receive(referral_email())
    providers = await worker.outbox(kind="provider/referral")
    assert len(providers) == 11
    assert "larch.house@larchcare.example" not in {p.to_addr for p in providers}
    async with worker.sessions() as session:
        larch = (await session.execute(select(MatchRecord).where(
            MatchRecord.establishment == "larch-house"))).scalars().one()
    assert (larch.eligible, larch.rule) == (False, "capacity")


async def test_a_line_no_field_knows_is_named_in_the_acknowledgement(worker) -> None:  # type: ignore[no-untyped-def]
    """"Siblings to be moved together: 2" is no label of the form: the referral goes out as
    written, and the social worker is told that line was not read, rather than lose it."""
    body = SAMPLE_REFERRAL.replace("Gender: Female\n",
                                   "Gender: Female\nSiblings to be moved together: 2\n")
    await worker.receive(referral_email(body))
    [ack] = await worker.outbox(kind="social_worker/acknowledgement")
    text = text_of(ack)
    assert "NOT READ" in text and '"Siblings to be moved together: 2"' in text
    [referral] = await worker.referrals()
    assert referral.anonymised["profile"]["gender"] == "female"
    for sent in await worker.outbox(kind="provider/referral"):
        assert "moved together" not in text_of(sent)


async def test_a_line_no_field_knows_is_named_with_the_problems(worker) -> None:  # type: ignore[no-untyped-def]
    body = _without("Date of birth").replace("Urgency: Urgent\n",
                                             "Urgency: Urgent\nAllergies: peanuts\n")
    await worker.receive(referral_email(body))
    [problems] = await worker.outbox(kind="social_worker/problems")
    text = text_of(problems)
    assert "Date of birth" in text and '"Allergies: peanuts"' in text
    assert "under that field's label" in text


async def test_a_field_given_twice_is_named_with_both_values(worker) -> None:  # type: ignore[no-untyped-def]
    body = SAMPLE_REFERRAL.replace("Urgency: Urgent\n", "Urgency: Urgent\nUrgency: Planned\n")
    await worker.receive(referral_email(body))
    [problems] = await worker.outbox(kind="social_worker/problems")
    assert "given twice, differently ('Urgent', 'Planned')" in text_of(problems)


async def test_a_referral_is_served_before_a_flood_of_strangers_junk(worker) -> None:  # type: ignore[no-untyped-def]
    """Sixty small messages from made-up senders wait ahead of a registered social worker's
    referral: the first batch the worker takes is the referral's, not the oldest junk's."""
    for n in range(60):
        junk = EmailMessage()
        junk["From"], junk["Subject"] = f"noise{n}@junk{n}.example", "Buy now"
        junk.set_content("Cheap pills")
        await worker.handler.store(bytes(junk), f"noise{n}@junk{n}.example",
                                   ["referrals@broker.localhost"])
    await worker.handler.store(bytes(referral_email()), REFERRER,
                               ["referrals@broker.localhost"])
    assert await worker.engine.inbound.process_batch(5, "light") == 5
    [referral] = await worker.referrals()
    assert referral.state == "open"
    async with worker.sessions() as session:
        done = (await session.execute(select(InboundMessage.mail_from).where(
            InboundMessage.status == "done"))).scalars().all()
    assert REFERRER in done and len(done) == 5


async def test_attachments_beside_a_complete_form_are_named_and_not_promised(worker) -> None:  # type: ignore[no-untyped-def]
    # round R23's C06: a PDF chronology and a Word care plan beside a complete form in the
    # body were neither read nor mentioned, and providers read "See attached chronology"
    body = _replace("Background and risks", "Casey's placement broke down on Friday. See "
                    "attached chronology for history.")
    care_plan = docx.Document()
    care_plan.add_paragraph("Care plan: the plan is long-term residential care.")
    buffer = io.BytesIO()
    care_plan.save(buffer)
    message = _with_attachment(referral_email(body), buffer.getvalue(), "Care plan CH.docx")
    message.add_attachment(b"%PDF-1.4 chronology", maintype="application", subtype="pdf",
                           filename="Chronology CH.pdf")
    assert (await worker.receive(message)).outcome == "open"
    [ack] = await worker.outbox(kind="social_worker/acknowledgement")
    said = " ".join(text_of(ack).split())
    assert '"Care plan CH.docx"' in said and '"Chronology CH.pdf"' in said
    assert "shortlisted homes receive them with the full papers" in said
    first = (await worker.outbox(kind="provider/referral"))[0]
    to_provider = " ".join(text_of(first).split())
    assert "Attachments: The social worker's attachments are not sent" in to_provider
    assert "Chronology CH" not in to_provider and "Care plan CH" not in to_provider

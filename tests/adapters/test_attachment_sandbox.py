"""Word attachments read in a child process under limits: a zip bomb gets a clear answer and
the rest of its message is still read; a normal message reads exactly as before.

The documents are built here (python-docx, then rewritten with zipfile); none is committed.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import threading
import time
import zipfile
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from broker.forms import load_referral_spec, load_response_spec, read_message
from broker.forms.sandbox import HEAVY_BYTES, TOO_COSTLY, Limits, Sandbox, read_message_safely
from tests.adapters.worker import make_worker, text_of
from tests.factories import CONFIG, REFERRER, SAMPLE_REFERRAL, referral_email
from tests.replies import quoted_plain
from tests.unit.test_forms_docx import DOCX_TYPE, as_bytes, word_document

REFERRAL = load_referral_spec(CONFIG)
RESPONSE = load_response_spec(CONFIG)


def with_body(paragraphs: bytes) -> bytes:
    """A real .docx whose body is `paragraphs` (WordprocessingML), deflated."""
    base = zipfile.ZipFile(io.BytesIO(as_bytes(word_document([("Gender", "female")]))))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for info in base.infolist():
            data = base.read(info)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>", 1)
                data = head + b"<w:body>" + paragraphs + tail
            package.writestr(info.filename, data)
    return packed.getvalue()


def zip_bomb(megabytes: int = 95) -> bytes:
    """Some hundreds of KB that unpack to `megabytes` of tiny paragraphs."""
    unit = b"<w:p><w:r><w:t>a b</w:t></w:r></w:p>"
    return with_body(unit * (megabytes * 1_000_000 // len(unit)))


def costly(megabytes: int = 20) -> bytes:
    """A document within every zip limit (it compresses like text) that is slow to read."""
    return with_body(b"".join(b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % os.urandom(6).hex().encode()
                              for _ in range(megabytes * 1_000_000 // 40)))


def message(body: str, attachment: bytes | None = None, name: str = "referral.docx") -> bytes:
    email = referral_email(body)
    if attachment is not None:
        email.add_attachment(attachment, maintype="application",
                             subtype=DOCX_TYPE.split("/")[1], filename=name)
    return bytes(email)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    box = Sandbox()
    yield box
    box.close()


def test_a_zip_bomb_gets_a_clear_answer_and_the_body_is_still_read(sandbox: Sandbox) -> None:
    bomb = zip_bomb()
    raw = message("Gender: male\nUrgency: planned\n", bomb, "Form for Casey.docx")
    assert len(raw) < 600_000
    read = read_message_safely(raw, REFERRAL, sandbox=sandbox)
    assert read.fields == {"gender": "male", "urgency": "planned"}
    [problem] = read.problems
    assert re.fullmatch(r"The attached Word file 'Form for Casey\.docx' unpacks to 9\d MB from "
                        r"\d+ KB, far more than a form holds; please paste the form into the "
                        r"email instead\.", problem), problem
    assert read.has_content


def test_a_normal_message_reads_exactly_as_before(sandbox: Sandbox) -> None:
    form = as_bytes(word_document([("Gender", "male"), ("Urgency", "planned"),
                                   ("Background and risks", "First.\n\nSecond.")]))
    for raw, spec, reply in ((message("Please see attached.", form), REFERRAL, False),
                             (message(SAMPLE_REFERRAL), REFERRAL, False),
                             (message("Decision: offer\nWeekly fee: £4,200\n", form), RESPONSE,
                              True)):
        assert read_message_safely(raw, spec, new_text_only=reply, sandbox=sandbox) == \
            read_message(raw, spec, new_text_only=reply)


def test_a_message_without_a_word_attachment_never_starts_a_child() -> None:
    box = Sandbox()
    read = read_message_safely(message(SAMPLE_REFERRAL), REFERRAL, sandbox=box)
    assert read.fields["gender"] and box._idle.queue[0].process is None
    box.close()


@pytest.mark.parametrize(("limits", "said"), [
    (Limits(cpu_seconds=2), "takes too long to read"),
    (Limits(memory_bytes=250_000_000), "needs more memory to read than any form could"),
])
def test_a_document_past_a_limit_is_refused_and_the_rest_is_read(limits: Limits,
                                                                 said: str) -> None:
    box = Sandbox(limits)
    try:
        read = read_message_safely(message("Urgency: planned", costly(), "big.docx"),
                                   REFERRAL, sandbox=box)
        assert read.problems == [f"The attached Word file 'big.docx' {said}; please paste the "
                                 "form into the email instead."]
        assert read.fields == {"urgency": "planned"}
        small = as_bytes(word_document([("Gender", "male")]))  # a fresh child reads it
        assert read_message_safely(message("", small), REFERRAL, sandbox=box).fields == {
            "gender": "male"}
    finally:
        box.close()


def test_a_message_too_costly_to_read_at_all_is_answered_from_its_headers() -> None:
    box = Sandbox(Limits(wall_seconds=0.5))
    try:
        raw = message("Urgency: planned", costly(), "big.docx")
        read = read_message_safely(raw, REFERRAL, sandbox=box)
        assert read.problems == [TOO_COSTLY]
        assert (read.sender, read.subject) == (REFERRER, "Referral: residential placement needed")
        assert read.fields == {} and not read.has_content
    finally:
        box.close()


def test_a_large_deeply_nested_message_is_read_in_a_child_exactly_as_here(
    sandbox: Sandbox
) -> None:
    parts = "".join(f'--b{n}\nContent-Type: multipart/mixed; boundary="b{n + 1}"\n\n'
                    for n in range(40))
    raw = (f'From: {REFERRER}\nSubject: Nested\nMIME-Version: 1.0\n'
           f'Content-Type: multipart/mixed; boundary="b0"\n\n{parts}--b40\n'
           f"Content-Type: text/plain\n\nGender: female\n{'Background and risks: x' * 3000}\n"
           ).encode()
    assert len(raw) > HEAVY_BYTES
    assert read_message_safely(raw, REFERRAL, sandbox=sandbox) == read_message(raw, REFERRAL)
    assert sandbox._idle.queue[0].process is not None  # read by the child


async def test_the_worker_answers_a_zip_bomb_and_keeps_the_message(
    tmp_path: Path, sqlite_url: str
) -> None:
    worker = await make_worker(tmp_path, sqlite_url)
    email = EmailMessage()
    email["From"], email["To"] = f"Sam Taylor <{REFERRER}>", "referrals@broker.localhost"
    email["Subject"], email["Message-ID"] = "Referral", "<bomb-1@northby.gov.example>"
    email.set_content("Please find the referral form attached.")
    email.add_attachment(zip_bomb(), maintype="application", subtype=DOCX_TYPE.split("/")[1],
                         filename="referral.docx")
    inbound = await worker.receive(email)
    assert inbound.status == "done" and await worker.dead_letters() == []
    [answer] = await worker.outbox(to=REFERRER)
    assert "The attached Word file 'referral.docx' unpacks to 9" in text_of(answer)
    await worker.db.dispose()


async def test_the_worker_answers_a_message_of_too_many_parts_and_keeps_it(
    tmp_path: Path, sqlite_url: str
) -> None:
    """Parts within parts, over a megabyte of them (about 10,000): refused after MAX_PARTS, in a
    moment instead of the seconds the whole tree took, and its sender is told why."""
    def level(depth: int) -> str:
        if depth == 0:
            return "Content-Type: text/plain\n\nGender: female\n"
        return (f'Content-Type: multipart/mixed; boundary="l{depth}"\n\n'
                + "".join(f"--l{depth}\n{level(depth - 1)}\n" for _ in range(3))
                + f"--l{depth}--\n")

    worker = await make_worker(tmp_path, sqlite_url)
    raw = (f"From: Sam Taylor <{REFERRER}>\nTo: referrals@broker.localhost\n"
           "Subject: Referral\nMessage-ID: <bush-1@northby.gov.example>\nMIME-Version: 1.0\n"
           + level(8)).encode()
    assert len(raw) > HEAVY_BYTES  # read by a child, as hostile mail is
    inbound = await worker.receive(raw)
    assert inbound.status == "done" and await worker.dead_letters() == []
    [answer] = await worker.outbox(to=REFERRER)
    assert TOO_COSTLY in " ".join(text_of(answer).split())
    await worker.db.dispose()


def _replies() -> list[bytes]:
    """A plain reply over our quoted referral, an HTML-only one, and one with a Word form."""
    plain = EmailMessage()
    plain["From"], plain["Subject"] = "Jo <jo@willowbank-care.example>", "RE: Referral"
    plain.set_content("We can offer from 14/12 at £4,900 pw.\n\nJo\n\nOn Tue, 1 Dec 2026 at "
                      "09:00, Referral Broker <r+ab@broker.localhost> wrote:\n> Dear Willowbank "
                      "placements team,\n> Location: ZZ98\n")
    html = EmailMessage()
    html["From"], html["Subject"] = "Jo <jo@willowbank-care.example>", "RE: Referral"
    html.set_content("<p>Decision: <b>Interested</b></p><p>Weekly fee: £4,900</p>",
                     subtype="html")
    form = as_bytes(word_document([("Decision", "Offer"), ("Weekly fee", "£4,200")]))
    return [bytes(plain), bytes(html), message("Please see our form attached.", form)]


def test_an_ordinary_reply_read_by_the_reader_child_reads_exactly_as_here() -> None:
    """The worker's reader child (BROKER_READER_PROCESS) gives what this process would."""
    reader = Sandbox()
    try:
        for raw in _replies():
            assert reader.read_ordinary(raw, RESPONSE, True) == read_message(
                raw, RESPONSE, new_text_only=True)
        assert reader._idle.queue[0].process is not None  # read by the child
        reader._idle.queue[0].process.kill()  # a child gone: the next one reads the same
        assert reader.read_ordinary(_replies()[0], RESPONSE, True) == read_message(
            _replies()[0], RESPONSE, new_text_only=True)
    finally:
        reader.close()


def test_the_reader_child_leaves_costly_mail_to_be_read_under_limits() -> None:
    """A message too large or nested for an ordinary reading, or a form with no file the
    child could load, is not the reader's: None, so it is read as before."""
    reader = Sandbox()
    try:
        heavy = message("Decision: offer\n" + "x" * HEAVY_BYTES)
        assert reader.read_ordinary(heavy, RESPONSE, True) is None
        unsourced = dataclasses.replace(RESPONSE, source="")
        assert reader.read_ordinary(_replies()[0], unsourced, True) is None
        assert reader._idle.queue[0].process is None  # no child was needed
    finally:
        reader.close()


class _Sent:
    """An email from the outbox, as tests/replies.py quotes one."""

    def __init__(self, raw: bytes) -> None:
        self.message = message_from_bytes(raw, policy=policy.default)

    def text(self) -> str:
        body = self.message.get_body(preferencelist=("plain",))
        return str(body.get_content()) if body is not None else ""


async def test_the_worker_with_a_reader_child_decides_replies_as_without_one(
    tmp_path: Path
) -> None:
    """Providers' replies read ahead by the reader child are decided exactly as when a
    thread of the worker reads them: the same responses."""
    decided = []
    for reader in (None, Sandbox()):
        home = tmp_path / ("child" if reader else "thread")
        home.mkdir()
        worker = await make_worker(home, f"sqlite+aiosqlite:///{home / 'broker.db'}")
        worker.engine.parts.reader = reader
        try:
            await worker.receive(referral_email())
            for row in (await worker.outbox(kind="provider/referral"))[:3]:
                sent = _Sent(row.raw)
                reply = quoted_plain(sent, row.to_addr,
                                     "We can offer from 14/12 at £4,900 per week.")
                await worker.handler.store(bytes(reply), row.to_addr,
                                           [str(sent.message["Reply-To"])])
            await worker.engine.process_pending()
            decided.append([(r.establishment, r.decision, r.fields.get("weekly_fee"),
                             r.fields.get("available_from")) for r in await worker.responses()])
            if reader is not None:
                assert reader._idle.queue[0].process is not None  # the child read them
        finally:
            if reader is not None:
                reader.close()
            await worker.db.dispose()
    assert decided[0] == decided[1] and len(decided[0]) == 3
    assert {row[1:] for row in decided[0]} == {("offer", 4900.0, "2026-12-14")}



def test_a_child_busy_when_its_sandbox_is_closed_is_stopped_once_it_answers() -> None:
    """The service stops while a thread still reads (its task cancelled, the thread not):
    that read is answered as usual, then the child ends rather than outliving its sandbox
    with its pipes open (the garbage collector reported them in a later test)."""
    box = Sandbox()
    answered: list[list[object]] = []
    reading = threading.Thread(target=lambda: answered.append(box.docx_items(costly(5))))
    reading.start()
    while not box._idle.empty() and reading.is_alive():
        time.sleep(0.001)  # until the thread has taken the child
    box.close()
    assert reading.is_alive(), "the read ended before the close: nothing was tested"
    reading.join()
    assert len(answered) == 1 and len(answered[0]) > 1000  # read in full, not cut short
    assert all(child.process is None for child in box._children)
    assert box.docx_items(as_bytes(word_document([("Gender", "male")])))  # starts one again
    box.close()
    assert all(child.process is None for child in box._children)

"""Rule `attachment-unread` (workflows/responses.py): a provider's reply whose answer is only
in a file we cannot read (its response form as a PDF) is told, after "We could not tell from
your reply whether you can offer a place", that the file was not read, by its name, and how
to answer instead, as a referral sent so is (round 62 b11: no word of the PDF)."""

from __future__ import annotations

from dataclasses import replace
from email import message_from_bytes, policy

from broker.forms import read_message
from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import NOW, RESPONSE_SPEC, snapshot
from tests.unit.test_forms_docx import email_with_attachment
from tests.unit.test_responses import _reply
from workflows.commands import SendEmail
from workflows.lifecycle import decide
from workflows.states import State

RENDERER = EmailRenderer("broker.localhost", "Referrals <referrals@broker.localhost>",
                         [TEMPLATES], secret=b"test-secret")
PDF = "'Response form - Larch House.pdf' (a PDF)"


def _sent_text(text: str, unread_files: tuple[str, ...]) -> str:
    event = _reply(text)
    event = replace(event, reply=replace(event.reply, unread_files=unread_files))
    decision = decide(snapshot(State.OPEN, responses={}), event)
    [email] = [c for c in decision.commands if isinstance(c, SendEmail)]
    message = message_from_bytes(RENDERER.render(email, NOW).raw, policy=policy.default)
    return " ".join(str(message.get_body(("plain",)).get_content()).split())


def test_a_reply_with_no_field_read_names_the_file_it_could_not_read() -> None:
    raw = email_with_attachment("Please see our response form attached.",
                                "Response form - Larch House.pdf", b"%PDF-1.7",
                                "application/pdf")
    assert read_message(raw, RESPONSE_SPEC, new_text_only=True).unread_files == [PDF]


def test_the_home_is_told_its_pdf_was_not_read_and_how_to_answer() -> None:
    text = _sent_text("Please see our response form attached.", (PDF,))
    assert "We could not tell from your reply whether you can offer a place. We cannot read " \
        f"the attachment {PDF}, so any answer in it has not been read. Please put your answer " \
        "in the email itself" in text
    assert "attach the form as a Word (.docx) file" in text


def test_a_reply_whose_decision_was_read_is_not_told_of_the_file() -> None:
    text = _sent_text("Decision: Offer\nWeekly fee: £4,900\n", (PDF,))
    assert "We cannot read" not in text

"""Rule `attachment-unread` through the real mail path (round 62 b11): a home's reply that is
only its response form attached as a PDF is answered with the file named as unread and how to
answer instead, not only "We could not tell from your reply whether you can offer a place"."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from tests.adapters.worker import header, text_of


async def test_a_pdf_only_reply_is_told_its_file_was_not_read(worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    reply = EmailMessage()
    reply["From"], reply["To"] = home.to_addr, header(home, "Reply-To")
    reply["Subject"] = f"RE: {header(home, 'Subject')}"
    reply["Message-ID"] = make_msgid(domain=home.to_addr.split("@")[1])
    reply["In-Reply-To"] = header(home, "Message-ID")
    reply.set_content("Please find our completed response form attached.\n\nKind regards\nJo")
    reply.add_attachment(b"%PDF-1.7 response form", maintype="application", subtype="pdf",
                         filename="Response form.pdf")
    await worker.receive(reply, to=header(home, "Reply-To"), mail_from=home.to_addr)

    [ask] = await worker.outbox(kind="provider/missing_fields", to=home.to_addr)
    said = " ".join(text_of(ask).split())
    assert "We cannot read the attachment 'Response form.pdf' (a PDF), so any answer in it " \
        "has not been read. Please put your answer in the email itself" in said

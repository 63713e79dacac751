"""A signed SHORTLIST is read as its writer signed it (attacker review 28). Through the real
intake worker, every authority's `sender_auth: required`, DKIM keys published through a
test DNS, the social worker's reply to the comparison signed as Gmail and Microsoft 365
sign (relaxed/relaxed, Content-Type among the headers):

- a copy with "Content-Type: …; format=flowed" put above the signed one and a space added
  at the end of her lines (neither breaks the signature) proves nothing, and shortlists
  nothing: read as it came, "SHORTLIST A" was joined to the comparison it quotes ("A, B,
  C"), or the comparison to the child's views she gave;
- from a mail client that sends format=flowed itself, a space added at the end of each of
  her lines (unsigned under relaxed canonicalisation) shortlists what she signed: A only.
"""

from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

import dkim
import pytest
from sqlalchemy import select

from broker.db.tables import Outbox, ShortlistRound
from tests.adapters import test_signed_mail_sent_on as sent_on
from tests.adapters.test_forged_senders import Signers
from tests.adapters.worker import Worker, answer, text_of
from tests.factories import REFERRER, referral_email
from tests.unit.test_signed_reading import spaces_at_line_ends

SIGNS = [b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"in-reply-to",
         b"references", b"content-type", b"mime-version"]
COLLEAGUE = "jo.colleague@northby.gov.example"
signers, worker = sent_on.signers, sent_on.worker  # the same keys and worker fixtures


async def _comparison(worker: Worker, signers: Signers) -> Outbox:
    """The sample referral, signed, offered for by three homes; the window closed."""
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    for provider in (await worker.outbox("provider/referral"))[:3]:
        await answer(worker, provider, "Decision: offer\nHome or carer: Home\n"
                     "Weekly fee: £4,000\nAvailable from: 01/12/2026")
    worker.clock.advance(timedelta(days=1, minutes=1))
    await worker.engine.fire_due()
    return (await worker.outbox("social_worker/comparison", to=REFERRER))[-1]


def _address(comparison: Outbox) -> str:
    """Where a reply to the comparison goes: its Reply-To, else its From."""
    sent = message_from_bytes(comparison.raw, policy=policy.default)
    return re.sub(r".*<|>.*", "", str(sent["Reply-To"] or sent["From"]))


def _her_reply(signers: Signers, comparison: Outbox, *, flowed: bool) -> bytes:
    """Her "SHORTLIST A", quoting the comparison, signed relaxed/relaxed."""
    sent = message_from_bytes(comparison.raw, policy=policy.default)
    quoted = "\n".join("> " + line for line in text_of(comparison).splitlines())
    reply = EmailMessage()
    reply["From"] = f"Sam Taylor <{REFERRER}>"
    reply["To"] = _address(comparison)
    reply["Cc"] = COLLEAGUE
    reply["Subject"] = f"RE: {sent['Subject']}"
    reply["Date"], reply["Message-ID"] = formatdate(), make_msgid(domain="northby.gov.example")
    reply["In-Reply-To"] = reply["References"] = str(sent["Message-ID"])
    reply.set_content("SHORTLIST A\nParents' views: happy\nChild's views: not sought - unwell"
                      f"\n\nOn Mon, 7 Dec 2026, Placement broker wrote:\n{quoted}\n")
    if flowed:
        reply.set_param("format", "flowed")
    raw = reply.as_bytes(policy=policy.SMTP)
    signer = signers.by_domain["northby.gov.example"]
    return dkim.sign(raw, b"s1", signer.domain.encode(), signer.pem,
                     canonicalize=(b"relaxed", b"relaxed"), include_headers=SIGNS) + raw


async def _rounds(worker: Worker) -> list[Any]:
    async with worker.sessions() as session:
        return list((await session.execute(select(ShortlistRound))).scalars())


@pytest.mark.parametrize("spaced", ["every line", "every line but hers"])
async def test_a_flowed_content_type_put_above_a_signed_shortlist_shortlists_nothing(  # type: ignore[no-untyped-def]
        worker, signers, spaced: str) -> None:
    """Every line soft-broken ("SHORTLIST A" joined to the comparison it quotes), or every
    line but hers (the comparison joined to the child's views she gave)."""
    comparison = await _comparison(worker, signers)
    assert re.search(r"(?m)^C\. ", text_of(comparison))  # three options: A, B and C
    signed = _her_reply(signers, comparison, flowed=False)
    head, _, body = signed.partition(b"\r\n\r\n")
    spaces = (spaces_at_line_ends(signed) if spaced == "every line" else head + b"\r\n\r\n"
              + re.sub(rb"(?m)^(?!SHORTLIST)(.*)\r$", rb"\1 \r", body))
    widened = b"Content-Type: text/plain; charset=utf-8; format=flowed\r\n" + spaces
    assert dkim.verify(widened, dnsfunc=signers.dns)  # the signature still holds
    row = await worker.receive(widened, to=_address(comparison), mail_from=COLLEAGUE)
    assert row.outcome == "not-permitted"
    assert await _rounds(worker) == []
    assert await worker.outbox("commissioner/approval_request") == []
    assert await worker.outbox("social_worker/shortlist_problems") == []


async def test_spaces_added_to_a_flowed_signed_shortlist_shortlist_what_she_signed(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    comparison = await _comparison(worker, signers)
    signed = _her_reply(signers, comparison, flowed=True)
    widened = spaces_at_line_ends(signed)
    assert dkim.verify(widened, dnsfunc=signers.dns)
    await worker.receive(widened, to=_address(comparison),
                         mail_from=COLLEAGUE)
    [shortlisted] = await _rounds(worker)
    assert shortlisted.labels == ["A"]

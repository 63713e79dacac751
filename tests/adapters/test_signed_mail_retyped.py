"""A signed email whose Content-Type its signature leaves unsigned (Gmail signs none) is read
as its signed body shows itself, or proves nothing. Through the real intake worker, every
authority's `sender_auth: required`, DKIM keys published through a test DNS: the social
worker forwards a colleague's suggestion ("SHORTLIST A, B") to the comparison's reply
address under her own note (not shortlisting yet); a copy of it with the Content-Type
written anew as `multipart/mixed; boundary="-------- Forwarded message ---------"` still
verifies, and would be read as her shortlisting A and B (her note a preamble nobody reads):
it proves nothing and shortlists nothing.
"""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.utils import formatdate, make_msgid

import dkim

from broker.db.tables import Outbox
from tests.adapters import test_signed_mail_sent_on as sent_on
from tests.adapters.test_forged_senders import Signers
from tests.adapters.test_signed_shortlist_widened import COLLEAGUE, _address, _comparison, _rounds
from tests.factories import REFERRER
from tests.unit.test_signed_structure import FORWARD, GMAIL, RETYPED, retyped

signers, worker = sent_on.signers, sent_on.worker  # the same keys and worker fixtures


def _her_forward(signers: Signers, comparison: Outbox) -> bytes:
    """Her note over Jo's suggestion, to the comparison's reply address, signed as Gmail
    signs (relaxed/relaxed, no Content-Type in h=)."""
    sent = message_from_bytes(comparison.raw, policy=policy.default)
    raw = (f"MIME-Version: 1.0\r\nFrom: Sam Taylor <{REFERRER}>\r\n"
           f"Date: {formatdate()}\r\nMessage-ID: {make_msgid(domain='gmail.example')}\r\n"
           f"Subject: RE: {sent['Subject']}\r\nTo: {_address(comparison)}\r\n"
           f"Cc: {COLLEAGUE}\r\nIn-Reply-To: {sent['Message-ID']}\r\n"
           f"References: {sent['Message-ID']}\r\n"
           'Content-Type: text/plain; charset="UTF-8"\r\n\r\n').encode() + FORWARD
    signer = signers.by_domain["northby.gov.example"]
    return dkim.sign(raw, b"s1", signer.domain.encode(), signer.pem,
                     canonicalize=(b"relaxed", b"relaxed"), include_headers=GMAIL) + raw


async def test_her_forward_retyped_multipart_shortlists_nothing(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    comparison = await _comparison(worker, signers)
    forward = _her_forward(signers, comparison)
    attacked = retyped(forward, RETYPED)
    assert dkim.verify(attacked, dnsfunc=signers.dns)  # the signature still holds
    assert re.search(rb"(?m)^SHORTLIST A, B\r$", attacked)
    row = await worker.receive(attacked, to=_address(comparison), mail_from=COLLEAGUE)
    assert row.outcome == "not-permitted"
    assert await _rounds(worker) == []
    assert await worker.outbox("commissioner/approval_request") == []
    # Her forward as she sent it proves, and is read as she wrote it: no instruction.
    row = await worker.receive(forward, to=_address(comparison), mail_from=REFERRER)
    assert row.proved and row.outcome != "shortlisted"
    assert await _rounds(worker) == []

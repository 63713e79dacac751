"""Reply to the running broker as one of the people in the sample: a provider, the social
worker, a commissioner. The dev mailbox is read-only; this is how you answer from it.

    python -m broker.examples.reply 17 --text "SHORTLIST A, B" \\
        --text "Parents' views: …" --text "Child's views: …"
    python -m broker.examples.reply 5 --text "We can offer. Weekly fee: £4,200"
    python -m broker.examples.reply REF-2026-000001 --from placements@northby.gov.example \\
        --text "SEND"

With a number (the `#` of an email in the dev mailbox) it replies to that email as its
recipient would from their own inbox: from the address it was sent to (or --from), to its
Reply-To, on its thread, with the email quoted below the text. With a reference it writes a
new email to `referrals@` naming the reference in its subject, from --from. Each --text is
one line; `--text -` reads the text from standard input. The service reads the reply as it
would a real one: the same rules, the same proofs (the sample's councils accept mail that
nothing proves, so this works on the sample; a council with `sender_auth: required` would
refuse it, as it should).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid

from broker.examples.send_referral import deliver
from broker.settings import Settings

REFERENCE = re.compile(r"^REF-\d{4}-\d{6}$", re.IGNORECASE)


class CannotReply(Exception):
    """What to reply to could not be found; the message is the line to show."""


async def stored_email(settings: Settings, number: int) -> bytes:
    """The raw email the dev mailbox shows as `#number` (the outbox, in the service's
    database)."""
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from broker.db.engine import make_engine, session_factory
    from broker.db.tables import Outbox

    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        raise CannotReply(f"no database at {Path(url.database or '').resolve()}: run this from "
                          "the directory `make run` runs in (it reads the same .env)")
    engine = make_engine(settings.database_url)
    try:
        async with session_factory(engine)() as session:
            row = await session.get(Outbox, number)
    finally:
        await engine.dispose()
    if row is None:
        raise CannotReply(f"no email #{number} in the dev mailbox ({settings.database_url})")
    return bytes(row.raw)


def reply_to(original: bytes, text: str, sender: str | None) -> EmailMessage:
    """A reply as a mail client writes one: to the Reply-To (else the From), on the thread,
    the original quoted beneath."""
    parsed = message_from_bytes(original, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    recipients = [address for _, address in getaddresses([str(parsed["To"] or "")]) if address]
    sender = sender or (recipients[0] if recipients else "")
    if not sender:
        raise CannotReply("the email names no recipient to reply as: give --from")
    message = EmailMessage()
    message["From"] = sender
    message["To"] = str(parsed["Reply-To"] or parsed["From"])
    subject = str(parsed["Subject"] or "")
    message["Subject"] = subject if subject.lower().startswith("re:") else f"Re: {subject}"
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    if parsed["Message-ID"]:
        message["In-Reply-To"] = str(parsed["Message-ID"])
        message["References"] = " ".join(
            filter(None, [str(parsed["References"] or ""), str(parsed["Message-ID"])]))
    body = parsed.get_body(preferencelist=("plain",))
    quoted = body.get_content() if isinstance(body, EmailMessage) else ""
    message.set_content(f"{text}\n\n" + "\n".join(f"> {line}" for line in quoted.splitlines()))
    return message


def about_reference(reference: str, text: str, sender: str, to: str) -> EmailMessage:
    """A new email to `referrals@` about a referral, naming it in the subject."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = reference.upper()
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(text + "\n")
    return message


def build(settings: Settings, target: str, text: str, sender: str | None) -> EmailMessage:
    """The email to send for `target`: a dev mailbox number or a referral's reference."""
    if target.isdigit():
        return reply_to(asyncio.run(stored_email(settings, int(target))), text, sender)
    if REFERENCE.match(target):
        if not sender:
            raise CannotReply("with a reference, say who writes: --from ADDRESS")
        return about_reference(target, text, sender, settings.referrals_address)
    raise CannotReply(f"{target!r} is neither an email's number in the dev mailbox (its #) "
                      "nor a referral's reference (REF-2026-000123)")


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", help="the # of an email in the dev mailbox to reply to, "
                                       "or a referral's reference (REF-2026-000123)")
    parser.add_argument("--text", action="append", required=True,
                        help="a line of the reply (give it again for more lines); "
                             "'-' reads the text from standard input")
    parser.add_argument("--from", dest="sender",
                        help="who replies (default: the address the email was sent to)")
    parser.add_argument("--host", default=settings.smtp_host,
                        help="where the service takes mail (default: BROKER_SMTP_HOST)")
    parser.add_argument("--port", type=int, default=settings.smtp_port,
                        help="its SMTP port (default: BROKER_SMTP_PORT, 2525)")
    args = parser.parse_args(argv)
    text = "\n".join(sys.stdin.read().rstrip("\n") if line == "-" else line
                     for line in args.text)
    try:
        message = build(settings, args.target, text, args.sender)
    except CannotReply as error:
        print(f"reply: {error}", file=sys.stderr)
        return 2
    if not deliver(message, args.host, args.port):
        return 1
    print(f"Sent as {message['From']} to {message['To']}: {message['Subject']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

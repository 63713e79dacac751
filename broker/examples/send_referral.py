"""Email the sample referral to a running broker, as the sample social worker would.

    python -m broker.examples.send_referral [--file config/samples/referral.txt]
        [--sender sam.taylor@northby.gov.example] [--host 127.0.0.1] [--port 2525]

Then open the dev mailbox (the link it prints, http://127.0.0.1:8080/mailbox?key=…) to see the
acknowledgement and one anonymised email per eligible provider.
"""

from __future__ import annotations

import argparse
import smtplib
import sys
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from broker.links import mailbox_key
from broker.settings import Settings

SAMPLE_SENDER = "sam.taylor@northby.gov.example"


def build_referral_email(body: str, sender: str, to: str) -> EmailMessage:
    """The form as a plain email from `sender`: named Sam Taylor when it is the sample's own
    address, else by the address alone (a name that is not the sender's would mislead)."""
    message = EmailMessage()
    message["From"] = f"Sam Taylor <{sender}>" if sender == SAMPLE_SENDER else sender
    message["To"] = to
    message["Subject"] = "Referral: residential placement needed"
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.split("@")[1])
    message.set_content(body)
    return message


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=str(settings.config_dir / "samples" / "referral.txt"),
                        help="the referral form to send (default: the sample)")
    parser.add_argument("--sender", default=SAMPLE_SENDER,
                        help="the social worker it comes from (default: Sam Taylor)")
    parser.add_argument("--host", default=settings.smtp_host,
                        help="where the service takes mail (default: BROKER_SMTP_HOST)")
    parser.add_argument("--port", type=int, default=settings.smtp_port,
                        help="its SMTP port (default: BROKER_SMTP_PORT, 2525)")
    args = parser.parse_args(argv)
    message = build_referral_email(Path(args.file).read_text(), args.sender,
                                   settings.referrals_address)
    if not deliver(message, args.host, args.port):
        return 1
    what = ("the sample referral" if args.file == parser.get_default("file")
            else f"the referral in {args.file}")
    print(f"Sent {what} from {args.sender} to {settings.referrals_address}. Watch it go out at "
          f"{settings.web_base_url}/mailbox?key={mailbox_key(settings.secret())}")
    return 0


def deliver(message: EmailMessage, host: str, port: int) -> bool:
    """Hand the email to the running service over SMTP; when that fails, say why in one
    line on stderr, naming where it looked and how to look elsewhere."""
    try:
        with smtplib.SMTP(host, port, timeout=30) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        print(f"Could not hand the email to the broker at {host}:{port} ({error}). Is "
              "`make run` (or `broker serve`) running, and listening there? Its first line "
              "names its SMTP port; if you moved it, set BROKER_SMTP_PORT in .env in this "
              "directory (`make run` and this read the same one), or give --host and --port.",
              file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())

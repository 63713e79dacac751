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


def build_referral_email(body: str, sender: str, to: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Sam Taylor <{sender}>"
    message["To"] = to
    message["Subject"] = "Referral: residential placement needed"
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.split("@")[1])
    message.set_content(body)
    return message


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=str(settings.config_dir / "samples" / "referral.txt"))
    parser.add_argument("--sender", default="sam.taylor@northby.gov.example")
    parser.add_argument("--host", default=settings.smtp_host)
    parser.add_argument("--port", type=int, default=settings.smtp_port)
    args = parser.parse_args(argv)
    message = build_referral_email(Path(args.file).read_text(), args.sender,
                                   settings.referrals_address)
    try:
        with smtplib.SMTP(args.host, args.port, timeout=30) as smtp:
            smtp.send_message(message)
    except OSError as error:
        print(f"Could not reach the broker at {args.host}:{args.port} ({error}). "
              "Is `make run` running?", file=sys.stderr)
        return 1
    print(f"Sent the sample referral to {settings.referrals_address}. Watch it go out at "
          f"{settings.web_base_url}/mailbox?key={mailbox_key(settings.secret())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Provider replies as real mail clients shape them: top-posted over the quoted referral
(Outlook), HTML with a quoted blockquote (Gmail), plain with `>` quoting (Apple Mail,
Thunderbird). Used by the end-to-end tests; every value is fictional."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any


def _base(original: Any, sender: str, subject_prefix: str = "RE: ") -> EmailMessage:
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = original.message["Reply-To"]
    reply["Subject"] = subject_prefix + original.message["Subject"]
    reply["Date"] = formatdate(localtime=True)
    reply["Message-ID"] = make_msgid(domain=sender.split("@")[1])
    reply["In-Reply-To"] = original.message["Message-ID"]
    reply["References"] = original.message["Message-ID"]
    return reply


def outlook_top_posted(original: Any, sender: str, answer: str) -> EmailMessage:
    """Outlook desktop: the answer, a signature, then the header block and the original."""
    reply = _base(original, sender)
    reply.set_content(
        f"{answer}\n\nKind regards\nJo Price\nPlacements Officer\n\n"
        "________________________________\n"
        f"From: {original.message['From']}\nSent: 23 November 2026 09:31\n"
        f"To: {sender}\nSubject: {original.message['Subject']}\n\n{original.text()}")
    return reply


def gmail_html(original: Any, sender: str, answer_html: str) -> EmailMessage:
    """Gmail: HTML only, the answer above a gmail_quote blockquote holding the original."""
    reply = _base(original, sender, "Re: ")
    quoted = original.html() or original.text().replace("\n", "<br>")
    reply.set_content(
        f'<div dir="ltr">{answer_html}</div><br><div class="gmail_quote">'
        f'<div dir="ltr" class="gmail_attr">On Mon, 23 Nov 2026 at 09:31, '
        f'Placement referrals &lt;referrals@broker.localhost&gt; wrote:<br></div>'
        f'<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;'
        f'padding-left:1ex">{quoted}</blockquote></div>', subtype="html")
    return reply


def quoted_plain(original: Any, sender: str, answer: str) -> EmailMessage:
    """Apple Mail / Thunderbird: the answer, then 'On … wrote:' and `>` quoted lines."""
    reply = _base(original, sender, "Re: ")
    quoted = "\n".join(f"> {line}" for line in original.text().splitlines())
    reply.set_content(f"{answer}\n\nOn 23 Nov 2026, at 09:31, Placement referrals "
                      f"<referrals@broker.localhost> wrote:\n\n{quoted}\n")
    return reply

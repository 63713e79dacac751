"""The simulated providers' replies, worded and laid out as real mail clients send them.

Each builder takes the email a provider received (a `Letter`) and what the provider's own staff
know about their home (a `Home`), and returns the reply as an `EmailMessage`: threaded with
`In-Reply-To`/`References`, from the address the referral was sent to, to its `Reply-To`.
Replies talk about the home, never about the child: nothing here repeats a child's details.

After the comparison the people at the authority write too (`instruction_reply`: the social
worker's SHORTLIST, CHOOSE and PROPOSE, a commissioner's APPROVE), and the chosen provider
confirms its offer once it has read the full papers (`assessed_offer`) and accepts the
authority's fee (`fee_agreement`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from broker.clock import UK_TIME as LOCAL


@dataclass(frozen=True)
class Letter:
    """An email the service sent a provider, as it sits in the provider's inbox."""

    to_addr: str
    establishment: str
    kind: str
    sender: str  # the From header, as received
    reply_to: str
    subject: str
    message_id: str
    references: tuple[str, ...]
    sent_at: datetime
    text: str
    html: str | None = None


@dataclass(frozen=True)
class Home:
    """What the provider's placements officer knows about the home they are answering for."""

    name: str
    organisation: str
    urn: str
    ofsted_rating: str
    location: str
    staff: str
    phone: str


def outlook_offer(letter: Letter, home: Home, today: date) -> EmailMessage:
    """Outlook desktop, plain text: the form top-posted over the unmarked quoted referral."""
    lines = ["Hi,", "", "Thank you for the referral. Please see our response below.", "",
             *_offer_form(home, fee="£4,950 per week", start=_uk(today + timedelta(days=7)),
                          proposal=PROPOSALS[0].format(home=home.name)),
             f"Contact: {home.staff}, {home.phone}", "", "Kind regards", "", home.staff,
             f"Placements Officer | {home.organisation}", "", "_" * 32,
             f"From: {letter.sender}", f"Sent: {_local(letter.sent_at):%d %B %Y %H:%M}",
             f"To: {letter.to_addr}", f"Subject: {letter.subject}", "", letter.text]
    message = _reply(letter, home, "RE: ")
    message.set_content("\n".join(lines))
    return message


def gmail_offer(letter: Letter, home: Home, today: date) -> EmailMessage:
    """Gmail, HTML with its plain alternative: the answer above a `gmail_quote` blockquote."""
    form = _offer_form(home, fee="£5,100", start=_ordinal_day(today + timedelta(days=14)),
                       proposal=PROPOSALS[1].format(home=home.name))
    own = ["Hello,", "", "Thanks for thinking of us - we'd like to offer a place.", "", *form,
           "", "Thanks,", home.staff.split()[0]]
    attribution = (f"On {_local(letter.sent_at):%a, %d %b %Y at %H:%M}, {letter.sender} "
                   "wrote:")
    plain = "\n".join([*own, "", attribution, "", *_quoted(letter.text)])
    quoted_html = letter.html or html.escape(letter.text).replace("\n", "<br>")
    body = "".join(f"<div>{html.escape(line) or '<br>'}</div>" for line in own)
    rich = (f'<div dir="ltr">{body}</div><br><div class="gmail_quote">'
            f'<div dir="ltr" class="gmail_attr">{html.escape(attribution)}<br></div>'
            '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
            f'border-left:1px solid rgb(204,204,204);padding-left:1ex">{quoted_html}'
            "</blockquote></div>")
    message = _reply(letter, home, "Re: ", client="mail.gmail.example")
    message.set_content(plain)
    message.add_alternative(rich, subtype="html")
    return message


def prose_decline(letter: Letter, home: Home, _today: date) -> EmailMessage:
    """Apple Mail from a phone: one sentence, a signature, the referral quoted with `>`."""
    attribution = f"On {_local(letter.sent_at):%d %b %Y, at %H:%M}, {letter.sender} wrote:"
    lines = ["Hello,", "", "Sorry, we have no vacancies at the moment. Please do keep us in "
             "mind for future referrals.", "", "Best wishes,", home.staff.split()[0], "",
             "Sent from my iPhone", "", f"> {attribution}", ">", *_quoted(letter.text)]
    message = _reply(letter, home, "Re: ")
    message.set_content("\n".join(lines))
    return message


def offer_without_fee(letter: Letter, home: Home, today: date) -> EmailMessage:
    """Thunderbird: an offer whose weekly fee was forgotten, the referral quoted below."""
    form = _offer_form(home, fee=None, start=_uk(today + timedelta(days=10)),
                       proposal=PROPOSALS[2].format(home=home.name))
    lines = ["Good morning,", "", f"We would like to offer a place at {home.name}.", "",
             *form, f"Contact: {home.staff}, {home.phone}", "", "Thanks,", home.staff, "",
             _thunderbird_attribution(letter), *_quoted(letter.text)]
    message = _reply(letter, home, "Re: ")
    message.set_content("\n".join(lines))
    return message


def fee_completion(letter: Letter, home: Home, _today: date) -> EmailMessage:
    """The answer to "we need 1 more detail": just the missing line, on the same thread."""
    lines = ["Weekly fee: £4,350 per week", "", _thunderbird_attribution(letter),
             *_quoted(letter.text)]
    message = _reply(letter, home, "Re: ")
    message.set_content("\n".join(lines))
    return message


def prose_interest(letter: Letter, home: Home, _today: date) -> EmailMessage:
    """Outlook on the web: interested, in prose, asking for the full papers."""
    lines = ["Hi there,", "", f"Thanks for sending this through. We're interested and think "
             f"{home.name} could suit, but we would need to see the full papers before we "
             "can make an offer. Happy to arrange a call to discuss.", "", "Many thanks,",
             home.staff, f"Registered Manager, {home.name}", "", "_" * 32,
             f"From: {letter.sender}", f"Sent: {_local(letter.sent_at):%A, %B %d, %Y %I:%M %p}",
             f"To: {letter.to_addr}", f"Subject: {letter.subject}", "", letter.text]
    message = _reply(letter, home, "RE: ")
    message.set_content("\n".join(lines))
    return message


def late_offer(letter: Letter, home: Home, today: date) -> EmailMessage:
    """A full offer that arrives after the window has closed, with an apology."""
    form = _offer_form(home, fee="£4,800 a week", start="Immediately",
                       proposal=PROPOSALS[3].format(home=home.name))
    lines = ["Hello,", "", "Apologies for the slow reply - our manager has been on leave. "
             "We can offer a place:", "", *form, f"Contact: {home.staff}, {home.phone}", "",
             "Regards,", home.staff, "", _thunderbird_attribution(letter),
             *_quoted(letter.text)]
    message = _reply(letter, home, "Re: ")
    message.set_content("\n".join(lines))
    return message


def instruction_reply(letter: Letter, name: str, address: str, to: str,
                      lines: list[str]) -> EmailMessage:
    """A person at the authority answering the service on its thread: the instruction on the
    first line (the service reads only that line and what follows it before the quote)."""
    message = EmailMessage()
    message["From"] = f"{name} <{address}>"
    message["To"] = to
    message["Subject"] = _re(letter.subject, "RE: ")
    message["Date"] = format_datetime(datetime.now(LOCAL))
    message["Message-ID"] = make_msgid(domain=address.rpartition("@")[2])
    message["In-Reply-To"] = letter.message_id
    message["References"] = " ".join([*letter.references, letter.message_id])
    message.set_content("\n".join([*lines, "", name, "", _thunderbird_attribution(letter),
                                   *_quoted(letter.text)]))
    return message


def assessed_offer(letter: Letter, home: Home, fee: str, start: date) -> EmailMessage:
    """The shortlisted provider's offer, confirmed after reading the full papers, in answer to
    the papers email."""
    lines = ["Hello,", "", "Thank you for the full papers. We have completed our assessment, "
             "including a visit with the young person's social worker, and can confirm our "
             "offer:", "", "Decision: Offer", f"Weekly fee: {fee} per week",
             f"Available from: {_uk(start)}",
             f"How we would meet needs: {ASSESSED.format(home=home.name)}",
             "Additional costs: none", "", "Kind regards,", home.staff,
             f"Placements Officer | {home.organisation}", "",
             _thunderbird_attribution(letter), *_quoted(letter.text)]
    message = _reply(letter, home, "Re: ")
    message.set_content("\n".join(lines))
    return message


def fee_agreement(letter: Letter, home: Home, _today: date) -> EmailMessage:
    """The chosen provider accepts the authority's fee proposal, in one line."""
    lines = ["Agreed, thank you.", "", home.staff, f"Placements Officer | {home.organisation}",
             "", _thunderbird_attribution(letter), *_quoted(letter.text)]
    message = _reply(letter, home, "Re: ")
    message.set_content("\n".join(lines))
    return message


ASSESSED = ("{home} will keep a bed for her from the start date with a key worker who has "
            "CSE training. School or tuition starts in the first week, family time is "
            "supported weekly, and we will agree a missing-from-care protocol with the local "
            "police before she arrives.")

PROPOSALS = (
    "{home} is a four-bed home with a settled staff team trained in trauma-informed care "
    "and in recognising exploitation. Our education coordinator arranges tuition from day "
    "one, and we work closely with the local missing-from-care team.",
    "{home} is a three-bed home with a therapeutic model (PACE), weekly clinical input and "
    "an on-site teacher. We support family time and keep young people in their hobbies.",
    "{home} is a two-bed home with a low-arousal approach and 2:1 staffing at night when "
    "needed. Our therapist visits weekly and we have strong links with local schools.",
    "{home} is a three-bed home with a long-serving team, in-house therapy and a "
    "dedicated education lead.",
)


def _offer_form(home: Home, *, fee: str | None, start: str, proposal: str) -> list[str]:
    lines = ["Decision: Offer", f"Home or carer: {home.name}", f"Ofsted URN: {home.urn}",
             f"Ofsted rating: {home.ofsted_rating.replace('-', ' ').capitalize()}",
             f"Location: {home.location}"]
    if fee is not None:
        lines.append(f"Weekly fee: {fee}")
    return [*lines, "Additional costs: 1:1 in the community at £28 per hour if needed",
            f"Available from: {start}", f"How we would meet needs: {proposal}"]


def _reply(letter: Letter, home: Home, prefix: str, *,
           client: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"{home.organisation} Referrals <{letter.to_addr}>"
    message["To"] = letter.reply_to
    message["Subject"] = _re(letter.subject, prefix)
    message["Date"] = format_datetime(datetime.now(LOCAL))
    message["Message-ID"] = make_msgid(domain=client or letter.to_addr.rpartition("@")[2])
    message["In-Reply-To"] = letter.message_id
    message["References"] = " ".join([*letter.references, letter.message_id])
    return message


def _re(subject: str, prefix: str) -> str:
    return subject if subject.lower().startswith("re:") else prefix + subject


def _thunderbird_attribution(letter: Letter) -> str:
    return f"On {_local(letter.sent_at):%d/%m/%Y %H:%M}, {letter.sender} wrote:"


def _quoted(text: str) -> list[str]:
    return [f"> {line}".rstrip() for line in text.splitlines()]


def _local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL)


def _uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _ordinal_day(day: date) -> str:
    suffix = "th" if 10 <= day.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        day.day % 10, "th")
    return f"{day.day}{suffix} {day:%B %Y}"

"""Reading a whole email: its headers, and the form fields its bodies and attachments hold.

`read_message` never raises, whatever the bytes: a message that cannot be read at all comes
back with `has_content=False`. Fields are merged from the sources in order, each filling only
what the earlier ones lacked: the text/plain body, then HTML (tables included), then .docx
attachments. With `new_text_only` (a reply on a thread) quoted history and signatures are
dropped first (broker.forms.quotes). `problems` may name attachments, and file names can
identify a child: show them to the sender, never log them. Of two or more .docx versions of
one form ("Referral form v1.docx", "Referral form v2 - UPDATED.docx") only the one its name
marks newest is read.

A message of more than `MAX_PARTS` MIME parts is not read past its headers: real email has
tens of parts, and each costs the parser and the walk about 0.15 ms, so a few megabytes of
parts nested within parts (90,000 of them) took 15 s to read. It comes back with the
`TOO_COSTLY` problem, which tells its sender what to send instead.
"""

from __future__ import annotations

import email
import email.parser
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import date as calendar_day
from email.message import Message
from email.policy import Policy, compat32
from email.utils import parseaddr, parsedate_to_datetime

from broker.clock import UK_TIME
from broker.forms.answer_rows import answer_rows_as_fields
from broker.forms.dates import MONTH_WORD, WEEKDAY_WORD
from broker.forms.docx_items import UnreadableDocument, docx_items
from broker.forms.extract import (
    _CONFLICTING_SHOWN,
    ExtractedFields,
    fields_from_items,
    fields_from_signed,
    notes_below_the_signature,
    same_meaning,
)
from broker.forms.hard_wraps import unwrapped
from broker.forms.html_items import html_items
from broker.forms.items import BREAK, Item, render_items, text_items
from broker.forms.layouts import side_by_side_apart
from broker.forms.mime import MessageParts, as_proved, collect_parts, decode_text, header_text
from broker.forms.noted_choices import choices_from_the_note
from broker.forms.parts_worded_apart import terms_worded_apart
from broker.forms.quotes import cut_signature, new_text
from broker.forms.referral import IN_THE_HTML_PART, is_readable
from broker.forms.reply_headers import history_start
from broker.forms.spec import FormSpec
from broker.forms.values import parse_money_weekly, parse_uk_date
from broker.referral import age_on

__all__ = ["ReadMessage", "read_headers", "read_message"]

MAX_MESSAGE_BYTES = 30_000_000
MAX_PARTS = 1_000  # MIME parts, the message itself included: a real one has tens
TOO_COSTLY = ("This email is too large or too complicated for us to read; please send the form "
              "as plain text in the body of a new email.")
_ADDRESS = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+$")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')  # a quoted display name (RFC 5322 quoted-string)
_COMMENT = re.compile(r"\((?:[^()\\]|\\.)*\)")  # a comment, innermost first
_ANGLED = re.compile(r"<([^<>]*)>")
_ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[^?\s]*\?[^\s]*?\?=")  # RFC 2047, never decoded
_ENTRY_SEPARATOR = re.compile(r",(?![^<>]*>)")  # a comma outside angle brackets
_GROUP_NAME = re.compile(r"^[^<>@;]*:")  # `Team:` before a group's addresses
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,500}>")
_BARE_ID = re.compile(r"[^<>\s@]{1,250}@[^<>\s@]{1,250}")
_AUTOMATED_SENDERS = ("mailer-daemon", "postmaster")
# The subjects auto-responders give their replies when they send no Auto-Submitted header
# (Outlook's rules, some webmail): "Automatic reply: REF-…", "Out of Office: …".
_AUTOMATIC_SUBJECT = re.compile(
    r"^\s*(?:(?:re|aw|sv|antw)\s*:\s*)?\[?\s*(?:automatic reply|auto[- ]?reply|auto[- ]?response"
    r"|out of (?:the )?office(?: reply)?|abwesenheitsnotiz|abwesend|automatische antwort"
    r"|r[ée]ponse automatique|respuesta autom[áa]tica|fuera de la oficina|ateb awtomatig"
    r"|risposta automatica|automatisch antwoord|afwezig|autosvar|automaattinen vastaus"
    r"|poza biurem)\b\s*[:\-\]]",
    re.IGNORECASE,
)
# A subject that is only an absence, as an Outlook rule's reply gives it: "Annual leave".
_ABSENCE_SUBJECT = re.compile(
    r"\s*(?:out of (?:the )?office|ooo|(?:on )?(?:annual|maternity|paternity|sick|study|"
    r"compassionate|parental|adoption) leave|on leave|on holiday|holiday|away from "
    r"(?:the|my) (?:office|desk)|(?:currently )?away|absence notice|not in the office)"
    r"(?:[\s,:;\-\u2013\u2014(]+(?:until|till|returning|back|from|and)\b[^\n]{0,60})?\W*",
    re.IGNORECASE)


@dataclass
class ReadMessage:
    """One email as the workflows need it. Addresses are bare and lower-case; '' when absent."""

    fields: dict[str, str] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    sender: str = ""  # the From's one address ('' when it has none, or several, or is odd)
    sender_name: str = ""  # the From's display name, for telling one person's two addresses
    from_given: bool = False  # the message has a From header, usable or not
    reply_to: str = ""
    to: list[str] = field(default_factory=list)  # the To's addresses
    cc: list[str] = field(default_factory=list)  # the Cc's addresses
    subject: str = ""
    date: datetime | None = None
    message_id: str = ""
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    auto_submitted: bool = False
    body_text: str = ""
    problems: list[str] = field(default_factory=list)
    has_content: bool = False
    unread: list[str] = field(default_factory=list)  # `Label: value` lines no field took
    conflicting: dict[str, list[str]] = field(default_factory=dict)  # each conflict's values
    set_aside: dict[str, str] = field(default_factory=dict)  # field → another person's heading
    # Beside a form read from the email, the attachments that were not the form (a PDF
    # chronology, a Word care plan), by file name: told to the sender, never logged.
    attachments: list[str] = field(default_factory=list)
    # Files we cannot read (a PDF, a scan) in an email with no field of the form, as
    # "'name' (what it is)": a provider's reply is told its answer there was not read.
    unread_files: list[str] = field(default_factory=list)
    # A required field of choices the form left blank, read from the note around it
    # (broker.forms.noted_choices): said in the acknowledgement, to be corrected if wrong.
    from_note: dict[str, str] = field(default_factory=dict)

    @property
    def sent_on(self) -> calendar_day | None:
        """The day it was sent, in England: "today" written at 23:30 in California on the
        1st, which is 07:30 on the 2nd here, means the 2nd."""
        return self.date.astimezone(UK_TIME).date() if self.date is not None else None


_IMAGE_TAG = re.compile(r"<img\b[^<>]{0,2000}>", re.IGNORECASE)
_CID_SOURCE = re.compile(r"""\bsrc\s{0,5}=\s{0,5}["']?cid:([^"'\s<>]{1,300})""", re.IGNORECASE)
_DRAWN_SIZE = re.compile(r"""\b(width|height)\s{0,5}=\s{0,5}["']?(\d{1,5})""", re.IGNORECASE)
_A_PAGE_DRAWN = 300  # pixels both ways: a page of a form, not a logo in a signature


def _form_shown_as_a_picture(parts: MessageParts) -> str | None:
    """The name of an inline picture the HTML body draws a page's size (at least 300 pixels
    wide and tall: a screenshot of the form, not a signature's logo), or None."""
    if not parts.inline_pictures:
        return None
    for html in parts.html:
        for tag in _IMAGE_TAG.finditer(html[:MAX_MESSAGE_BYTES]):
            source = _CID_SOURCE.search(tag.group())
            sizes = {name.lower(): int(size) for name, size in _DRAWN_SIZE.findall(tag.group())}
            if (source is not None and source.group(1) in parts.inline_pictures
                    and min(sizes.get("width", 0), sizes.get("height", 0)) >= _A_PAGE_DRAWN):
                return parts.inline_pictures[source.group(1)]
    return None


def read_message(raw: bytes, spec: FormSpec, *, new_text_only: bool = False) -> ReadMessage:
    """The message's headers and form fields; never raises."""
    data = as_proved(bytes(raw[:MAX_MESSAGE_BYTES]))  # what a signature covers, no more
    try:
        message: Message | None = email.message_from_bytes(data, _class=_parts_counted())
    except _TooManyParts:
        read = read_headers(data)
        read.problems.append(TOO_COSTLY)
        return read
    except Exception:  # noqa: BLE001 - unparseable MIME is read as plain text below
        message = None
    read = _read_headers(message)
    if message is None:
        parts = MessageParts(plain=[decode_text(data, None)])
    else:
        parts = collect_parts(message)  # guards every part itself
    _read_bodies(read, parts, spec, new_text_only)
    if new_text_only and read.auto_submitted and _a_person_above_an_auto_reply(message, read):
        read.auto_submitted = False  # a colleague's answer over the away notice it quotes
    _day_in_the_subjects_month(read)
    if not new_text_only:
        _one_code_in_other_words(read, spec)
        _age_beside_the_birth_date(read)
    return read


def _one_code_in_other_words(read: ReadMessage, spec: FormSpec) -> None:
    """A coded field given twice in words that are each, whole, a name of the same code
    ("Gender: Boy" over "Sex: M", "Gender: F" and "Gender identity: Female") is no conflict:
    the first is kept. A value with a remark, or one no code names whole, is still asked."""
    for key in list(read.conflicts):
        values = read.conflicting.get(key, [])
        if (key not in spec.keys or spec.field(key).kind != "code" or len(values) < 2
                or len(values) >= _CONFLICTING_SHOWN):
            continue
        codes = {spec.code_for(key, value.strip(), exact=True) for value in values}
        if len(codes) == 1 and None not in codes:
            read.conflicts.remove(key)
            read.conflicting.pop(key, None)


def _age_beside_the_birth_date(read: ReadMessage) -> None:
    """A line giving the child's age ("Age: 12") that the date of birth does not give on the
    day of the email: one of them is wrong, so the date of birth is asked about (a conflict
    whose second value is that line), never the date's age sent as if both agreed. (Two
    such lines are two people's ages, a brother's among them: neither is compared.)"""
    born = read.fields.get("date_of_birth", "")
    ages = [stated for line in read.unread if (stated := _AN_AGE_LINE.fullmatch(line))
            and not _A_CLAIMED_AGE.search(stated["remark"] or "")]
    if not born or len(ages) != 1 or "date_of_birth" in read.conflicts:
        return
    on = read.sent_on or calendar_day.today()
    try:
        day = parse_uk_date(born, on, year_required=True)
    except ValueError:
        return  # (an unreadable date is asked about as it is)
    if any(int(stated["age"]) != _age_in(stated, day, on) for stated in ages):
        read.conflicts.append("date_of_birth")
        read.conflicting["date_of_birth"] = [born, *(stated[0] for stated in ages)]


def _age_in(stated: re.Match[str], born: calendar_day, on: calendar_day) -> int:
    """The child's age on `on` in the unit the age line gives it: years, whole months ("Age:
    7 months") or whole weeks ("3 weeks")."""
    if stated["months"]:
        return (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    if stated["weeks"]:
        return (on - born).days // 7
    return age_on(born, on)


_AN_AGE_LINE = re.compile(r"(?:current\s+)?age[ \t]{0,3}:?[ \t]{0,3}(?P<age>\d{1,3})(?:[ \t]{0,3}"
                          # years and months: "Age: 12 yrs 3 mths", "12 years and 3 months"
                          r"(?:y(?:ea)?rs?\.?(?:[ \t]{0,3}(?:,|and)?[ \t]{0,3}\d{1,2}[ \t]{0,3}"
                          r"(?:months?|mths?|mnths?|m)\.?)?(?:[ \t]old)?|"
                          r"years?[ \t]old|(?P<months>months?|mths?)(?:[ \t]old)?|"
                          r"(?P<weeks>weeks?|wks?)(?:[ \t]old)?))?[ \t]{0,3}(?:\.|(?P<remark>"
                          # a remark after it: "Age: 12 - turns 13 next month", "Age: 11 (12
                          # in January)": the age before it is still the age to check
                          r"(?:[-\u2013\u2014][ \t]|[,;(])[^\n]{0,200}))?", re.IGNORECASE)
# (a remark that the age is claimed or disputed is no age to check the date of birth by)
_A_CLAIMED_AGE = re.compile(r"claim|disput|assess|estimat|approx", re.IGNORECASE)


# A needed-from day with no month ("the 14th", "Monday 11th") and the one month the subject
# names ("Foster placement required from January"): the day is in that month, never silently
# in the month the email was sent.
_DAY_ALONE = re.compile(rf"(?:{WEEKDAY_WORD}\s+)?(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\.?",
                        re.IGNORECASE)
# (capitalised, as a month's name is: not the "may" of "may need")
_MONTH_NAMED = re.compile(rf"\b(?=(?-i:[A-Z])){MONTH_WORD}", re.IGNORECASE)


def _day_in_the_subjects_month(read: ReadMessage) -> None:
    day = read.fields.get("needed_from", "").strip()
    if not day or not _DAY_ALONE.fullmatch(day):
        return
    months = {name[:3] for name in _MONTH_NAMED.findall(read.subject[:300])}
    if len(months) == 1:
        read.fields["needed_from"] = f"{day} {months.pop()}"


class _TooManyParts(Exception):
    pass


def _parts_counted() -> Callable[..., Message]:
    """A message factory for the parser that stops it, past `MAX_PARTS` parts, as soon as
    it starts the next one (the parser makes one more when it is built, to try the
    factory: that one is not counted)."""
    made = -1

    def new_part(policy: Policy = compat32) -> Message:
        nonlocal made
        made += 1
        if made > MAX_PARTS:
            raise _TooManyParts
        return Message(policy=policy)
    return new_part


def read_headers(raw: bytes) -> ReadMessage:
    """Only the headers (no body is read): enough to route a message before reading it."""
    try:
        message: Message | None = email.parser.BytesHeaderParser().parsebytes(
            bytes(raw[:MAX_MESSAGE_BYTES]))
    except Exception:  # noqa: BLE001 - unparseable headers route as if absent
        message = None
    return _read_headers(message)


def _read_headers(message: Message | None) -> ReadMessage:
    def text(name: str) -> str:
        return header_text(message, name)

    sender = _from_address(message)
    return ReadMessage(
        sender=sender,
        sender_name=" ".join(parseaddr(text("From"))[0].split())[:80] if sender else "",
        from_given=_raw_values(message, "From") != [],
        reply_to=_bare_address(text("Reply-To")),
        to=_addresses(message, "To"),
        cc=_addresses(message, "Cc"),
        subject=text("Subject"),
        date=_date(text("Date")),
        message_id=_first_id(text("Message-ID")),
        in_reply_to=_first_id(text("In-Reply-To")),
        references=_MESSAGE_ID.findall(text("References"))[:100],
        auto_submitted=_is_automatic(message, sender),
    )


def _from_address(message: Message | None) -> str:
    """The From's address as a mail server checking DMARC reads it, or '' when that is not
    one plain address. It is found in the header as written, before any encoded word is
    decoded, so no display name (`=?utf-8?q?sam=40council.example?= <x@elsewhere>`, or a
    bare `sam@council.example <x@elsewhere>`) can pass for it: the mailbox is the one in
    angle brackets outside quotes and comments, or else the whole value. Two From headers,
    two addresses, or an address with characters outside ASCII (some fold to ASCII when
    lower-cased: U+212A is a K) name nobody. Display names in any shape mail clients give
    them (raw 8-bit, quoted encoded words, an unquoted comma) are simply passed over."""
    values = _raw_values(message, "From")
    if len(values) != 1:
        return ""
    value = re.sub(r"\r?\n(?=[ \t])", "", values[0])
    value = _QUOTED.sub('""', value)
    while _COMMENT.search(value):
        value = _COMMENT.sub(" ", value)
    angled = _ANGLED.findall(value)
    if len(angled) > 1:
        return ""
    if angled:
        address = angled[0]
    else:
        bare = [part.strip() for part in value.split(",") if part.strip()]
        if len(bare) != 1:
            return ""
        address = bare[0]
    address = address.strip().lower()
    return address if address.isascii() and _ADDRESS.match(address) else ""


def _raw_values(message: Message | None, name: str) -> list[str]:
    """Every value of the header `name`, as written (undecoded)."""
    if message is None:
        return []
    try:
        return [str(value) for key, value in message.raw_items() if key.lower() == name.lower()]
    except Exception:  # noqa: BLE001
        return []


def _bare_address(value: str) -> str:
    try:
        address = parseaddr(value)[1].strip().lower()
    except Exception:  # noqa: BLE001
        return ""
    return address if _ADDRESS.match(address) else ""


def _date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except Exception:  # noqa: BLE001 - TypeError, ValueError, IndexError, OverflowError
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _addresses(message: Message | None, name: str) -> list[str]:
    """The bare addresses a To or Cc names (at most 100), read as `_from_address` reads the
    From: from the header as written, before any encoded word is decoded, with quoted
    strings, comments and encoded words taken out, so no display name
    (`=?utf-8?b?...?= <home@x>` whose words decode to "Larch, referrals@our.domain", or
    `"referrals@our.domain" <home@x>`) can pass for an address. Each comma-separated entry
    gives its address in angle brackets (outside quotes), or else the entry itself when it
    is one bare address; a group's name (`Team: a@x, b@y;`) is passed over. An entry with
    anything else in it (two bracketed addresses, characters outside ASCII in the address)
    names nobody."""
    found: list[str] = []
    for value in _raw_values(message, name):
        value = re.sub(r"\r?\n(?=[ \t])", "", value)
        value = _QUOTED.sub('""', value)
        while _COMMENT.search(value):
            value = _COMMENT.sub(" ", value)
        value = _ENCODED_WORD.sub(" ", value)
        for entry in _ENTRY_SEPARATOR.split(value):
            address = _entry_address(entry)
            if address:
                found.append(address)
    return found[:100]


def _entry_address(entry: str) -> str:
    """The one address an entry of an address list names, or ''."""
    angled = _ANGLED.findall(entry)
    if len(angled) > 1:
        return ""
    if angled:
        address = angled[0].rpartition(":")[2]  # an obsolete route (`<@relay:a@x>`)
    else:
        address = _GROUP_NAME.sub("", entry).strip().rstrip(";").strip()
    address = address.strip().lower()
    return address if address.isascii() and _ADDRESS.match(address) else ""


def _first_id(value: str) -> str:
    """The first `<id>` in the header; a bare `left@right` some old clients write, put in
    brackets; otherwise ''. Never the header's other text: it is echoed in our answers'
    In-Reply-To, and whoever wrote it chose it."""
    found = _MESSAGE_ID.search(value)
    if found:
        return found.group()
    bare = _BARE_ID.fullmatch(value.strip())
    return f"<{bare.group()}>" if bare else ""


def _is_automatic(message: Message | None, sender: str) -> bool:
    """RFC 3834 Auto-Submitted (anything but "no"), bulk Precedence, an auto-responder's
    subject, or a bounce's sender."""
    return _marked_automatic(message, sender) or bool(
        _AUTOMATIC_SUBJECT.match(header_text(message, "Subject"))
        or _ABSENCE_SUBJECT.fullmatch(header_text(message, "Subject")))


def _a_person_above_an_auto_reply(message: Message | None, read: ReadMessage) -> bool:
    """A person's answer on an auto-reply's thread ("RE: Automatic reply: Referral …" over
    "Harriet's away – it's a no from us"): no header marks it automatic, its subject puts a
    reply's prefix before the auto-responder's, and its own text is not an away notice in
    the first person ("I am out of the office until …")."""
    own = read.body_text.strip()
    return (bool(own) and not _marked_automatic(message, read.sender)
            and bool(_REPLY_TO_AN_AUTOMATIC_SUBJECT.match(read.subject))
            and not _AWAY_IN_THE_FIRST_PERSON.search(own[:_AWAY_NOTICE_CHARS]))


_REPLY_TO_AN_AUTOMATIC_SUBJECT = re.compile(r"\s*(?:re|aw|sv|antw)\s*:\s*(?=\S)", re.IGNORECASE)
_AWAY_IN_THE_FIRST_PERSON = re.compile(
    r"\b(?:thank\s+you\s+for\s+your\s+(?:e-?mail|message)|(?:i\s+am|i['’]m|i\s+will\s+be)\s+"
    r"(?:currently\s+)?(?:out\s+of|away|on\s+(?:annual\s+)?leave|not\s+in|off)\b)", re.IGNORECASE)
_AWAY_NOTICE_CHARS = 600


def _marked_automatic(message: Message | None, sender: str) -> bool:
    """Headers that say a program sent it (RFC 3834 Auto-Submitted, bulk Precedence, an
    auto-responder's own header, the X-Loop a ticketing system or filter adds to what it
    sends), a report (a bounce or a read receipt: multipart/report), or a bounce's sender."""
    auto = header_text(message, "Auto-Submitted").split(";")[0].strip().lower()
    precedence = header_text(message, "Precedence").strip().lower()
    null_sender = header_text(message, "Return-Path").strip() == "<>" or (
        header_text(message, "From").strip() == "<>"
    )
    return (
        (auto != "" and auto != "no")
        or precedence in ("bulk", "junk", "list", "auto_reply")
        or null_sender
        or sender.split("@")[0] in _AUTOMATED_SENDERS
        or bool(header_text(message, "X-Autoreply") or header_text(message, "X-Autorespond"))
        or bool(header_text(message, "X-Loop"))
        or (message is not None and message.get_content_type() == "multipart/report")
    )


def _read_bodies(read: ReadMessage, parts: MessageParts, spec: FormSpec, reply: bool) -> None:
    # Each text part ends any value: a second inline part (a chronology attached as text)
    # is not more of the form's last field.
    # A reply's prose hard-wrapped by its mail client is read as the lines its writer typed;
    # a text part beside an HTML one was made from it, and its prose was not wrapped.
    apart = side_by_side_apart(
        [item for body in parts.plain for item in (
            *(unwrapped(text_items(body), spec, prose=not parts.html) if reply
              else text_items(body)), BREAK)], spec)
    plain = answer_rows_as_fields(new_text(apart, spec), spec) if reply else cut_signature(
        _without_another_childs_referral(apart, spec), spec)
    html: list[Item] = []
    html_notes: list[Item] = []
    for body in parts.html:
        html.extend([*_prepare(html_items(body, drop_quotes=reply), spec, reply, html_notes),
                     BREAK])
    plain_notes = [] if reply else notes_below_the_signature(apart, len(plain), spec)
    from_plain = fields_from_items([*plain, *plain_notes], spec)
    from_html = fields_from_items([*html, *html_notes], spec)
    if not reply and "needed_from" in from_plain.values:
        _needed_from_updated(from_plain, apart, spec)
    _new_text_over_its_history(from_plain, plain, spec, read.sent_on)
    _new_text_over_its_history(from_html, html, spec, read.sent_on)
    _fill(read, from_plain)
    _fill(read, from_html)
    if reply:
        _terms_the_parts_disagree_on(read, from_plain, from_html)
    else:
        _fields_the_parts_give_apart(read, from_plain, from_html, spec)
    plain_text, html_text = render_items(plain), render_items(html)
    placeholder = html_text.strip() != "" and len(plain_text) <= _PLACEHOLDER_CHARS and (
        _AN_HTML_PLACEHOLDER.fullmatch(plain_text) is not None)  # "This is an HTML message. …"
    use_html = not plain_text.strip() or (not from_plain.values and bool(from_html.values)) or (
        placeholder)
    read.body_text = html_text if use_html else plain_text
    if reply and not placeholder:
        _terms_worded_apart(read, (plain_text, from_plain.values), (html_text, from_html.values),
                            spec)
    not_the_form: list[str] = []
    word_found = _read_word(read, parts, spec, not_the_form)
    text_files_read = not read.fields and not reply
    if text_files_read:
        word_found = _read_text_files(read, parts, spec) or word_found
    if read.fields and not reply:
        _attachments_beside_the_form(read, parts, not_the_form, text_files_read)
        _choices_the_note_names(read, *((html, from_html) if use_html else (plain, from_plain)),
                                spec)
    if parts.unreadable and not read.fields:
        read.unread_files = [f"'{name}' ({kind})" for name, kind in parts.unreadable]
        for name, kind in parts.unreadable:
            read.problems.append(
                f"The attachment '{name}' is {kind}, which we cannot read; please send the "
                "form as a .docx file or paste it into the email."
            )
    elif parts.unreadable and not reply and _mostly_missing(read.fields, spec):
        for name, kind in parts.unreadable:  # a few lines in the body, "rest on the attached
            read.problems.append(  # scan": the fields it lacks are most likely in the file
                f"The attachment '{name}' is {kind}, which we cannot read, and most of the "
                "form is not in your email; if the rest of the form is in that file, please "
                "send the form as a .docx file or paste it into the email."
            )
    if parts.pictures and not read.fields and not parts.unreadable:
        read.problems.append(
            f"The attachment '{parts.pictures[0]}' is a picture (a scan or a photo of the form?), "
            "which we cannot read a form from; please send the form as a .docx file or paste it "
            "into the email.")
    elif not read.fields and not parts.unreadable and (shown := _form_shown_as_a_picture(parts)):
        read.problems.append(
            f"The form in your email is a picture ('{shown}', a scan or a screenshot of the "
            "form?), which we cannot read a form from; please send the form as a .docx file or "
            "paste it into the email as text.")
    if not read.fields and _SECURE_MAIL.search(read.body_text[:_SECURE_NOTICE_CHARS]):
        read.problems.append(
            "Your email is a secure-mail notice (a link to read the message on another site), "
            "which we cannot open; please paste the form into an email to this address, or "
            "attach it as a .docx file. If your council's policy needs secure email for this, "
            "ask the placements team how to send it.")
    if parts.attached_emails and not read.fields:
        read.problems.append(
            "The form seems to be in an email attached to yours, which we do not read; "
            "please forward that email itself (Forward, not Forward as attachment), or paste "
            "the form into the email.")
    read.has_content = bool(read.body_text.strip()) or word_found


def _choices_the_note_names(read: ReadMessage, items: list[Item], found: ExtractedFields,
                            spec: FormSpec) -> None:
    """A required field of choices the form left blank, taken from the one choice the note
    around it names ("This one is an emergency"), or asked for with the note quoted when it
    names more (broker.forms.noted_choices). The note's lines are the email's own: those in
    quoted history are left out."""
    own = {item for item in items[:history_start(items)] if isinstance(item, str)}
    notes = [line for line in found.notes if line in own]
    said = dict.fromkeys([*read.conflicts, *read.set_aside], "(said elsewhere)")
    noted = choices_from_the_note({**read.fields, **said}, notes, spec)
    for key, code in noted.taken.items():
        read.fields[key] = code
        read.from_note[key] = code
    read.set_aside.update(noted.asked)


def _terms_the_parts_disagree_on(read: ReadMessage, plain: ExtractedFields,
                                 html: ExtractedFields) -> None:
    """A fee or a start the text part and the HTML part give differently ("Weekly fee:
    £4,900" in the text, "£4,700" in the HTML, one edited after the other was made: round
    49's 083) is a conflict, asked about, never the text's taken silently."""
    on = read.sent_on or calendar_day.today()
    for key, parse in (("weekly_fee", parse_money_weekly),
                       ("available_from", lambda value: parse_uk_date(value, on))):
        if key not in plain.values or key not in html.values or key in read.conflicts:
            continue
        try:
            differ = parse(plain.values[key]) != parse(html.values[key])
        except ValueError:
            continue
        if differ:
            read.conflicts.append(key)
            read.conflicting[key] = [plain.values[key], html.values[key]]


def _fields_the_parts_give_apart(read: ReadMessage, plain: ExtractedFields,
                                 html: ExtractedFields, spec: FormSpec) -> None:
    """A referral's short field (a code, a list of codes, a date, a number) the text part
    and the HTML part give differently, each readable ("Foster care" in the text,
    "Residential children's home" in the HTML: one edited after the other was made, or a
    client's own rendering) is a conflict, asked about naming both, never the text's taken
    silently. Where the text part's value cannot be read and holds the HTML's beside other
    words ("21/12/2026 14/12/2026": the HTML struck the old date through, and the text part
    keeps struck text as text), the HTML's, which is what its writer saw, is the value."""
    on = read.sent_on or calendar_day.today()
    for key, shown in html.values.items():
        written = plain.values.get(key)
        if (written is None or key not in spec.keys or key in read.conflicts
                or key in plain.conflicts or key in html.conflicts
                or read.fields.get(key) != written
                or spec.field(key).kind not in _COMPARED_KINDS):
            continue
        plain_read, html_read = (is_readable(key, value, spec, on) for value in (written, shown))
        if not plain_read and html_read and _flat(shown) in _flat(written):
            read.fields[key] = shown
        elif plain_read and html_read and not (
                same_meaning(spec.field(key), written, shown, spec)
                and same_meaning(spec.field(key), shown, written, spec)):
            read.conflicts.append(key)
            read.conflicting[key] = [written, f"{IN_THE_HTML_PART}{shown}"]


def _flat(value: str) -> str:
    return " ".join(value.split()).casefold()


def _terms_worded_apart(read: ReadMessage, plain: tuple[str, Mapping[str, str]],
                        html: tuple[str, Mapping[str, str]], spec: FormSpec) -> None:
    """A decision, fee or start the two parts' words give differently ("from 14/12" in the
    text, "from 21/12" in the HTML; a PS only in the HTML moving the start) is a conflict,
    asked about as one in their forms is (broker/forms/parts_worded_apart.py)."""
    apart = terms_worded_apart(plain, html, spec, read.sent_on or calendar_day.today())
    for key, values in apart.items():
        if key not in read.conflicts:
            read.conflicts.append(key)
            read.conflicting[key] = values


def _differs(spec: FormSpec, key: str, first: str, second: str) -> bool:
    """Whether two values of a short field (a code, a date, a number) differ in meaning."""
    field_spec = spec.field(key)
    return field_spec.kind in _COMPARED_KINDS and not same_meaning(field_spec, first, second,
                                                                   spec)


_COMPARED_KINDS = frozenset({"code", "codes", "date", "int"})
# A secure-mail service's notice in place of the message: "You have received a secure
# message", "Read the encrypted email", Egress, Microsoft's message encryption.
_SECURE_MAIL = re.compile(r"\b(?:secure|encrypted|protected)\s+(?:message|email|e-mail)\b|"
                          r"\begress\b|\bmessage\s+encryption\b", re.IGNORECASE)
_SECURE_NOTICE_CHARS = 5_000
# A text part that is only a placeholder for the HTML beside it: "This is an HTML message.
# Please use an HTML-capable mail client to view it.", "Your email client does not support
# HTML" (round 49's 082): the answer is in the HTML, which is read instead.
_AN_HTML_PLACEHOLDER = re.compile(
    r"\s*(?:this\s+is\s+an?\s+(?:html|multi-?part)(?:\s+formatted)?\s+(?:e-?mail|message)"
    r"|(?:your|this)\s+(?:e-?mail\s+|mail\s+)?(?:client|program|reader|software|application)\s+"
    r"(?:does\s+not|doesn['’]t|cannot|can['’]t)\s+(?:support|display|show)\s+html"
    r"|to\s+view\s+this\s+(?:e-?mail|message)\b[^\n]{0,60}?\bhtml)[^\n]{0,200}\s*",
    re.IGNORECASE)
_PLACEHOLDER_CHARS = 400


# A referral resent with an update above its quoted form: "Update – placement now needed
# from Monday 7th December, everything else as below." The update's day is the referral's.
_NEEDED_FROM_UPDATE = re.compile(
    r"(?i)\b(?:(?:update|correction|change|amendment)\b[^\n]{0,40}?\b(?:now\s+)?|now\s+)needed"
    r"\s+(?:from|by|on)\s+(?P<day>[^,.;\n]{3,40})")


def _needed_from_updated(found: ExtractedFields, items: list[Item], spec: FormSpec) -> None:
    """The form's "Needed from", as the text written above its quoted history updates it."""
    if not any(isinstance(item, str) and "needed" in item.lower() for item in items):
        return
    if history_start(items) >= len(items):
        return  # no quoted history: the form is the email's own, and says its own day
    if update := _NEEDED_FROM_UPDATE.search(render_items(new_text(items, spec))):
        found.values["needed_from"] = update.group("day").strip()


def _new_text_over_its_history(found: ExtractedFields, items: list[Item], spec: FormSpec,
                               sent_on: calendar_day | None) -> None:
    """A referral re-sent with the missing details above the quoted first attempt ("As
    requested, the missing details: Date of birth: …" over the service's refusal and the old
    form): a field given above the history and unusably below it ("Date of birth: missing",
    "Needs: see attached assessment", "Urgency: High"), or alike below it, is the new text's,
    not a conflict. Two usable values that differ are still asked about."""
    if not found.conflicts or (start := history_start(items)) >= len(items):
        return
    above, below = fields_from_items(items[:start], spec), fields_from_items(items[start:], spec)
    on = sent_on or calendar_day.today()
    for key in list(found.conflicts):
        new, old = above.values.get(key), below.values.get(key)
        if new is None or old is None or key in above.conflicts or key not in spec.keys:
            continue
        olds = below.conflicting.get(key) or [old]
        if is_readable(key, new, spec, on) and all(
                not is_readable(key, value, spec, on) or same_meaning(spec.field(key), new, value,
                                                                       spec) for value in olds):
            found.values[key] = new
            found.conflicts.remove(key)
            found.conflicting.pop(key, None)


def _without_another_childs_referral(items: list[Item], spec: FormSpec) -> list[Item]:
    """The items above the quoted history when that history is another child's referral (a
    new referral sent as a reply on an older one's thread: "Child's name: Nevaeh Lowther"
    above "> Child's name: Tyler Goodwin"): nothing of it is this child's, not even a field
    the new form leaves out. A history about the same child (details re-sent above the
    first attempt) is kept, to be read as before."""
    if "child_name" not in spec.keys or (start := history_start(items)) >= len(items):
        return items
    new = fields_from_items(items[:start], spec).values.get("child_name")
    old = fields_from_items(items[start:], spec).values.get("child_name")
    if new is None or old is None or not _other_children(new, old):
        return items
    return items[:start]


def _other_children(first: str, second: str) -> bool:
    """Whether two child's names are different children's: their first names differ, and
    neither is the other's initial ("T. Goodwin" is Tyler Goodwin)."""
    one, two = (_A_FIRST_NAME.match(name) for name in (first, second))
    if one is None or two is None:
        return False
    one_name, two_name = one[0].casefold(), two[0].casefold()
    return not (one_name.startswith(two_name) or two_name.startswith(one_name))


_A_FIRST_NAME = re.compile(r"\s{0,20}([^\W\d_]{1,40})")


def _prepare(items: list[Item], spec: FormSpec, reply: bool,
             notes: list[Item] | None = None) -> list[Item]:
    """The items to read, cut at the signature; a referral's notes below the signature that
    correct the form (see notes_below_the_signature) are added to `notes`."""
    items = side_by_side_apart(items, spec)
    if reply:
        return answer_rows_as_fields(new_text(items, spec), spec)
    items = _without_another_childs_referral(items, spec)
    kept = cut_signature(items, spec)
    if notes is not None:
        notes.extend(notes_below_the_signature(items, len(kept), spec))
    return kept


def _mostly_missing(fields: dict[str, str], spec: FormSpec) -> bool:
    """Whether the email gives fewer of the form's required fields than it leaves out (its
    body a few lines, "Child's name", "Date of birth", "rest of the form is on the attached
    scan"): a complete form beside a PDF chronology is not."""
    required = [field.key for field in spec.fields if field.required]
    given = sum(1 for key in required if fields.get(key, "").strip())
    return given < len(required) - given


def _attachments_beside_the_form(read: ReadMessage, parts: MessageParts, not_the_form: list[str],
                                 text_files_read: bool) -> None:
    """The names of the attachments beside the form that were not read as it: documents
    we cannot read (a PDF), pictures, Word documents holding no field of the form, and
    text files when the email held the form. Shortlisted homes get them with the full
    papers; the acknowledgement says so, naming them."""
    names = [*(name for name, _ in parts.unreadable), *parts.pictures, *not_the_form,
             *([] if text_files_read else [name for name, _ in parts.text_files])]
    read.attachments = list(dict.fromkeys(name for name in names if name))[:_MOST_NAMED]


_MOST_NAMED = 20


def _read_word(read: ReadMessage, parts: MessageParts, spec: FormSpec,
               not_the_form: list[str] | None = None) -> bool:
    """Fill from each .docx attachment; a problem for each that cannot be opened. One that
    holds no field of the form is named in `not_the_form`."""
    found_text = False
    for name, data in _newest_versions(parts.word):
        try:
            items = docx_items(data)
        except UnreadableDocument:
            read.problems.append(
                f"The attachment '{name}' is not a Word document we can open; please send it "
                "as a .docx file or paste the form into the email."
            )
            continue
        found_text = found_text or bool(render_items(items).strip())
        found = fields_from_signed(items, spec)
        if not found.values and not_the_form is not None:
            not_the_form.append(name)
        _fill(read, found, spec)
    return found_text


# A version's mark in a file's name: "Referral form v2 - UPDATED.docx", "form (revised).docx".
_VERSION_MARK = re.compile(r"(?:\b(?:v|ver|version)[ .]?(?P<number>\d{1,3})|\b(?P<word>updated|"
                           r"update|revised|amended|corrected|latest|final))\b", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"[\W_]{1,10}")


def _newest_versions(documents: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The documents, or only the newest version when they are versions of one form: their
    names alike but for a version's mark ("Referral form v1.docx" and "Referral form v2 -
    UPDATED.docx"), one of them marked newer than every other (the highest number, or the
    one word "updated", "revised", …). Two forms of different names are both read."""
    if len(documents) < 2:
        return documents
    marks: list[tuple[int, int]] = []
    bases = set()
    for name, _ in documents:
        stem = name.rsplit(".", 1)[0][:200]
        found = list(_VERSION_MARK.finditer(stem))
        bases.add(_NOT_A_NAME.sub(" ", _VERSION_MARK.sub(" ", stem)).strip().casefold())
        marks.append((max((int(mark["number"]) for mark in found if mark["number"]), default=0),
                      int(any(mark["word"] for mark in found))))
    newest = max(marks)
    if len(bases) != 1 or marks.count(newest) != 1 or newest == (0, 0) or (
            newest[0] and not all(number for number, _ in marks)):  # "form.docx" beside
        return documents  # "form v1.docx": which is newer is not said

    return [documents[marks.index(newest)]]


def _read_text_files(read: ReadMessage, parts: MessageParts, spec: FormSpec) -> bool:
    """Fill from each .txt attachment, as a plain body is read, when the email itself holds no
    form ("Please see attached."); whether one held text. A file with no field in it is named
    in a problem, so that the social worker knows it was opened."""
    found_text = False
    for name, text in parts.text_files:
        items = side_by_side_apart(text_items(text), spec)
        found_text = found_text or bool(text.strip())
        found = fields_from_signed(items, spec)
        _fill(read, found, spec)
        if not found.values:
            read.problems.append(
                f"The attachment '{name}' holds no referral form we can read: no line starts "
                "with a label such as 'Child's name:'; please paste the form into the email or "
                "attach it as a .docx file.")
    return found_text


def _fill(read: ReadMessage, found: ExtractedFields, spec: FormSpec | None = None) -> None:
    """Add the fields the message did not have yet (and their conflicts). With the form's
    `spec` (a Word attachment beside the body), a short field the two give differently
    (`Urgency: Urgent` in the body, `Emergency` in the attachment) is a conflict, to ask
    about, never the body's taken silently."""
    for key, value in found.values.items():
        if key in read.fields and spec is not None and key not in read.conflicts and (
                _differs(spec, key, read.fields[key], value)):
            read.conflicts.append(key)
            read.conflicting[key] = [read.fields[key], value]
        if key not in read.fields:
            read.fields[key] = value
            if key in found.conflicts:
                read.conflicts.append(key)
                read.conflicting[key] = found.conflicting.get(key, [])
    for key, heading in found.set_aside.items():  # under "Brother's details", say so
        read.set_aside.setdefault(key, heading)
    seen = {" ".join(line.casefold().split()) for line in read.unread}
    for line in found.unread:  # the same line in the plain text and the HTML is listed once
        if " ".join(line.casefold().split()) not in seen:
            read.unread.append(line)
            seen.add(" ".join(line.casefold().split()))

"""Render a `SendEmail` command into a real MIME message from the Jinja2 templates.

Templates live in `templates/email/<audience>/<event>.txt.j2` (required; its first line is
`Subject: …`) and `.html.j2` (optional alternative part). Undefined variables are errors
(StrictUndefined), so a template can never silently drop a field.

A broadcast is a thousand copies of one referral that differ only in a few values (the
establishment, its organisation and arrangement) and in their headers. `render_many` renders
such a group's bodies once, with a placeholder where each differing value goes, and fills in
each copy's values: the same bytes as rendering each copy alone, at a fraction of the cost.
It does so only when the template provably just prints those values (`{{ establishment }}`,
no filter, test or condition on them, in the template or anything it includes); otherwise,
and for single emails, each is rendered on its own.

Every email to one council person or provider about a referral, an application or a home
(`CODED_AUDIENCES`) ends its subject with that address's code for what it is about
(`[#k7q2p9ab]`, broker/tokens.py `subject_code`): a reply keeps it, and a mail system that
signs the Subject but not the To (Microsoft 365) still shows, through it, that the reply
answers the service (workflows/senders.py).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from email.utils import format_datetime, formataddr, parseaddr
from functools import lru_cache
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    nodes,
    select_autoescape,
)
from markupsafe import escape

from broker.clock import uk_clock
from broker.comparison import held_out_said
from broker.quoting import provider_words
from broker.tokens import HOMES, home_scope, is_service_address, subject_code
from channels.email.compose import compose
from workflows.commands import SendEmail

log = logging.getLogger("broker.render")
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def when(moment: datetime | str) -> str:
    """`5:00pm on Tuesday 24 November 2026` in UK time; midnight as the end of the day it
    ends (`midnight at the end of Friday 4 December 2026`), never `12:00am on Saturday`,
    which readers take for the start of the Saturday, and midday as `midday`."""
    local, clock = _local(moment)
    if clock == "midnight":
        local -= timedelta(days=1)
        return f"midnight at the end of {local.strftime('%A')} {local.day} " \
               f"{local.strftime('%B %Y')}"
    return f"{clock} on {local.strftime('%A')} {local.day} {local.strftime('%B %Y')}"


def when_short(moment: datetime | str) -> str:
    """`5:00pm Tue 24 Nov` in UK time: a deadline short enough for a subject line
    (midnight as `midnight end Fri 4 Dec`, the day it ends)."""
    local, clock = _local(moment)
    if clock == "midnight":
        local -= timedelta(days=1)
        return f"midnight end {local.strftime('%a')} {local.day} {local.strftime('%b')}"
    return f"{clock} {local.strftime('%a')} {local.day} {local.strftime('%b')}"


def _local(moment: datetime | str) -> tuple[datetime, str]:
    """The moment in UK time, and its time of day as `5:00pm`, `midday` or `midnight`."""
    return uk_clock(datetime.fromisoformat(moment) if isinstance(moment, str) else moment)


def day(value: date | str | None) -> str:
    """`Tuesday 1 December 2026`, or `not given`."""
    if value is None:
        return "not given"
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.strftime('%A')} {value.day} {value.strftime('%B %Y')}"


def duration_words(delta: timedelta, working: bool = False) -> str:
    """`2 hours`, `24 hours`, `5 days`, `90 seconds`: how long a window is, in words; a
    window in working time (a planned referral's, broker/working_time.py) `5 working days`."""
    seconds = int(delta.total_seconds())
    if working and seconds >= 86400 and seconds % 86400 == 0:
        days = seconds // 86400
        return f"{days} working day{'s' if days != 1 else ''}"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and (seconds % size == 0 or unit == "minute"):
            count = seconds // size
            if unit == "day" and count == 1:
                return "24 hours"
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def money(value: Decimal | float | int | None) -> str:
    if value is None:
        return "not given"
    return f"£{Decimal(str(value)):,.2f}".replace(".00", "")


# Need codes that are initials, written in capitals in a subject ("SEMH/CSE/missing").
_INITIALS = frozenset({"semh", "asd", "adhd", "pmld", "sld", "mld", "pd", "hi", "vi", "cse",
                       "cce", "uasc", "send", "sen", "ehcp", "pda"})


def need_code(code: str) -> str:
    """`semh` → `SEMH`, `missing` as it is: a need as a subject line names it."""
    return code.upper() if code.lower() in _INITIALS else code


_NAMES = frozenset({"Ofsted"})  # a field label's first word that stays capitalised


def in_sentence(label: str) -> str:
    """A form's field label inside a sentence or subject: `Weekly fee` as `weekly fee`;
    `Ofsted URN` (a name) and `URN` (initials) as they are."""
    first = label.split(" ", 1)[0]
    if not first or first in _NAMES or first[1:2].isupper():
        return label
    return first[:1].lower() + label[1:]


def gender_letter(gender: str | None) -> str:
    """`F` for female, `M` for male, before the age in a subject ("F14"); else `age `."""
    return {"female": "F", "male": "M"}.get((gender or "").strip().lower(), "age ")


# The templates' audiences that are a council's people, and those that are providers (a
# home, its organisation, an applicant; a list's approvers, who answer about applications):
# their subjects carry the code.
COUNCIL_AUDIENCES = frozenset({"social_worker", "placements_team", "commissioner",
                               "budget_holder", "authority", "council"})
CODED_AUDIENCES = COUNCIL_AUDIENCES | {"provider", "applicant", "approver"}
_REFERENCE = re.compile(r"(?:REF|APP)-\d{4}-\d{6}")
# Answers to mail the service could not use (workflows/intake.py UNADDRESSED_TEMPLATES; the
# answer to a stranger naming a reference, alike for a real and a made-up one): anyone can
# cause one, to any address, so none carries a code.
UNCODED = frozenset({"provider/unknown_referral", "provider/providers_help",
                     "provider/wrong_address", "provider/notice_refused"})

# parseaddr, remembered: a pure function of the header's text (the service's own From, a
# home's address, a reply address), and some 150 calls each time it parses one
_parsed_address = lru_cache(maxsize=4096)(parseaddr)


def coded_subject(secret: bytes, template: str, to: str, context: dict, subject: str,
                  establishment: str = "", reply_to: str = "", domain: str = "") -> str:
    """`subject`, with the recipient's code at its end when the email goes to one person
    of `CODED_AUDIENCES` about one referral or application (its `reference`), or, for a
    provider with no reference, about one home (`establishment`) or all its homes; any
    other subject as it is. Never when replies go to someone other than the service (a
    `reply_to` that is not one of its addresses at `domain`): a reply keeps the subject,
    and would hand the recipient's code to whoever it went to."""
    audience = template.split("/", 1)[0]
    reference = str(context.get("reference") or "")
    address = _parsed_address(to)[1]
    if (audience not in CODED_AUDIENCES or template in UNCODED or "," in to
            or "@" not in address):
        return subject
    if reply_to and not is_service_address(_parsed_address(reply_to)[1], domain):
        return subject
    if _REFERENCE.fullmatch(reference):
        about = reference
    elif audience == "provider" and not reference:
        about = home_scope(establishment) if establishment else HOMES
    else:
        return subject
    return f"{subject} [#{subject_code(secret, address, about)}]"


@dataclass(frozen=True)
class RenderedEmail:
    message_id: str
    subject: str
    raw: bytes


class EmailRenderer:
    """Turns commands into messages. One per service; thread-safe (Jinja2 environments are)."""

    def __init__(self, mail_domain: str, from_address: str, template_dirs: list[Path], *,
                 secret: bytes) -> None:
        self.mail_domain = mail_domain
        self._id_key = hmac.new(secret, b"message-id", hashlib.sha256).digest()
        self._secret = secret
        self.from_address = from_address
        # the console's words for codes, so an email names a need as the console does (a
        # late import: the console's package imports this module)
        from channels.email.referral_lines import referral_lines, referral_sections
        from channels.web.console.words import (
            arrangement_words,
            code_words,
            kind_of_place,
            legal_words,
            need_words,
            ofsted_words,
            placement_words,
            service_words,
        )

        self.env = Environment(
            loader=FileSystemLoader([str(p) for p in template_dirs]),
            undefined=StrictUndefined,
            autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(when=when, when_short=when_short, day=day,
                                duration_words=duration_words, money=money,
                                provider_words=provider_words, need_code=need_code,
                                gender_letter=gender_letter, need_words=need_words,
                                legal_words=legal_words, code_words=code_words,
                                in_sentence=in_sentence, ofsted_words=ofsted_words,
                                placement_words=placement_words, kind_of_place=kind_of_place,
                                arrangement_words=arrangement_words,
                                service_words=service_words, held_out_said=held_out_said)
        # the anonymised referral's fields and sections, as every view of it lists them
        self.env.globals.update(referral_lines=referral_lines,
                                referral_sections=referral_sections)
        # Placeholders no value can contain by chance or by design: unguessable per process.
        self._mark = f"\x00{secrets.token_hex(8)}:"
        self._marks = re.compile(re.escape(self._mark) + r"(\d+)\x00")
        self._plain: dict[tuple[str, frozenset[str]], bool] = {}

    def __call__(self, command: SendEmail, sent_at: datetime) -> RenderedEmail:
        return self.render(command, sent_at)

    def message_id_for(self, key: str) -> str:
        """Stable per command key, so a re-render of the same email keeps its identity, and
        keyed with the service's secret: a command key is made of public parts (a
        reference, a home's key), and a reply naming one of our Message-IDs is taken as an
        answer to that email, so only whoever received the email may know its ID."""
        digest = hmac.new(self._id_key, key.encode(), hashlib.sha256).hexdigest()
        return f"<{digest[:32]}@{self.mail_domain}>"

    def render(self, command: SendEmail, sent_at: datetime) -> RenderedEmail:
        context = {**command.context, "mail_domain": self.mail_domain}
        subject, text = _subject_and_body(self._text(command.template, context),
                                          command.template)
        return self._message(command, sent_at, subject, text,
                             self._html(command.template, context))

    def render_many(self, commands: Sequence[SendEmail],
                    sent_at: datetime) -> list[RenderedEmail]:
        """Each command rendered exactly as `render` would, in order; the bodies of the
        commands sharing a template are rendered once for them all where that is exact."""
        rendered: list[RenderedEmail | None] = [None] * len(commands)
        groups: dict[str, list[int]] = {}
        for index, command in enumerate(commands):
            groups.setdefault(command.template, []).append(index)
        for indices in groups.values():
            group = [commands[i] for i in indices]
            done = self._shared(group, sent_at) if len(group) > 1 else None
            for index, one in zip(indices, done or (self.render(c, sent_at) for c in group),
                                  strict=True):
                rendered[index] = one
        return [one for one in rendered if one is not None]

    def _shared(self, group: list[SendEmail], sent_at: datetime) -> list[RenderedEmail] | None:
        """The group rendered from one rendering of its bodies, or None when that would not
        give exactly what rendering each alone gives."""
        varying = _varying(group)
        template = group[0].template
        if varying is None or not self._prints_only(template, frozenset(varying)):
            return None
        context = {**group[0].context, "mail_domain": self.mail_domain,
                   **{key: f"{self._mark}{n}\x00" for n, key in enumerate(varying)}}
        text = self._marks.split(self._text(template, context))
        html = self._html(template, context)
        html_parts = self._marks.split(html) if html is not None else None
        done = [self._filled(c, sent_at, varying, text, html_parts) for c in group]
        if done[0] != self.render(group[0], sent_at):  # cannot happen; never send it wrong
            log.error("shared rendering of %s differed; rendering one by one", template)
            return None
        return done

    def _filled(self, command: SendEmail, sent_at: datetime, varying: list[str],
                text: list[str], html: list[str] | None) -> RenderedEmail:
        values = [command.context[key] for key in varying]
        subject, body = _subject_and_body(_fill(text, values), command.template)
        page = _fill(html, [str(escape(value)) for value in values]) if html else None
        return self._message(command, sent_at, subject, body, page)

    def _message(self, command: SendEmail, sent_at: datetime, subject: str, text: str,
                 html: str | None) -> RenderedEmail:
        message_id = self.message_id_for(command.key)
        subject = coded_subject(self._secret, command.template, command.to, command.context,
                                subject, command.establishment, command.reply_to,
                                self.mail_domain)
        headers = [("From", self.sender(command.on_behalf_of)), ("To", command.to),
                   ("Subject", subject),
                   ("Date", format_datetime(sent_at)), ("Message-ID", message_id),
                   ("Auto-Submitted", "auto-generated")]  # RFC 3834: no auto-replies to us
        if command.reply_to:
            headers.append(("Reply-To", command.reply_to))
        in_reply_to, references = command.in_reply_to, [r for r in command.references if r]
        if command.follows and not in_reply_to:  # our own earlier email to the same person
            in_reply_to = self.message_id_for(command.follows)
            references = references or [in_reply_to]
        if in_reply_to:
            headers.append(("In-Reply-To", in_reply_to))
        if references:
            headers.append(("References", "\n ".join(references)))
        return RenderedEmail(message_id, subject, compose(headers, text, html))

    def sender(self, on_behalf_of: str) -> str:
        """The From header: the service's own, or "Northby Council via Placement referrals"
        at the same address for an email sent on a council's behalf."""
        if not on_behalf_of:
            return self.from_address
        name, address = _parsed_address(self.from_address)
        return formataddr((f"{on_behalf_of} via {name or 'the placement referral service'}",
                           address))

    def _prints_only(self, template: str, keys: frozenset[str]) -> bool:
        """True when the template (text and HTML, with what they include) uses these names
        only as bare `{{ name }}` output: then a placeholder filled in later is exact."""
        known = self._plain.get((template, keys))
        if known is None:
            names = [f"email/{template}.txt.j2", f"email/{template}.html.j2"]
            known = all(_template_prints_only(self.env, name, keys, set()) for name in names)
            self._plain[(template, keys)] = known
        return known

    def _text(self, template: str, context: dict) -> str:
        text = self.env.get_template(f"email/{template}.txt.j2").render(context)
        return f"{text.rstrip()}\n\n{self._not_done(context)}" if context.get("not_done") \
            else text

    def _html(self, template: str, context: dict) -> str | None:
        try:
            tpl = self.env.get_template(f"email/{template}.html.j2")
        except TemplateNotFound:
            return None
        html = tpl.render(context)
        if not context.get("not_done"):
            return html
        note = f'<p style="white-space: pre-wrap">{escape(self._not_done(context))}</p>\n'
        at = html.rfind("</body>")
        return html[:at] + note + html[at:] if at >= 0 else html + note

    def _not_done(self, context: dict) -> str:
        """What the sender's email asked that was not done (rule `one-thing-per-email`,
        workflows/one_thing.py), under whichever answer it is: the same words in every one."""
        return self.env.get_template("email/_not_done.txt.j2").render(context)


def _subject_and_body(rendered: str, template: str) -> tuple[str, str]:
    first, _, body = rendered.partition("\n")
    if not first.startswith("Subject:"):
        raise ValueError(f"email/{template}.txt.j2 must start with a 'Subject:' line")
    return " ".join(first[len("Subject:"):].split()), body.lstrip("\n")


def _varying(group: Iterable[SendEmail]) -> list[str] | None:
    """The context keys whose values differ within the group, when they are all strings
    (what a placeholder can stand for); None when the contexts differ in any other way."""
    commands = list(group)
    first = commands[0].context
    varying: set[str] = set()
    for command in commands[1:]:
        if command.context.keys() != first.keys():
            return None
        varying.update(k for k, v in command.context.items() if v is not first[k] and v != first[k])
    if any(not isinstance(c.context[key], str) for c in commands for key in varying):
        return None
    return sorted(varying)


def _fill(parts: list[str], values: list[str]) -> str:
    """Split text (literal, index, literal, …) with each index replaced by its value."""
    filled = list(parts)
    filled[1::2] = [values[int(index)] for index in parts[1::2]]
    return "".join(filled)


_UNSAFE = (nodes.Import, nodes.FromImport, nodes.Extends, nodes.FilterBlock,
           nodes.EvalContextModifier)  # what could change printed values or hide their use


def _template_prints_only(env: Environment, name: str, keys: frozenset[str],
                          seen: set[str]) -> bool:
    """`EmailRenderer._prints_only` for one template file and those it includes."""
    if name in seen:
        return True
    seen.add(name)
    try:
        source = env.loader.get_source(env, name)[0] if env.loader else ""
    except TemplateNotFound:
        return True  # no such part (an optional HTML template): nothing printed
    tree = env.parse(source)
    printed = {id(node) for output in tree.find_all(nodes.Output) for node in output.nodes
               if isinstance(node, nodes.Name) and node.name in keys}
    if any(node.name in keys and id(node) not in printed for node in tree.find_all(nodes.Name)):
        return False
    for include in tree.find_all(nodes.Include):
        target = include.template
        if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
            return False  # an include chosen at run time could use anything
        if not _template_prints_only(env, target.value, keys, seen):
            return False
    return next(tree.find_all(_UNSAFE), None) is None

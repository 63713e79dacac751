"""How often the service answers mail it cannot use, so nobody can aim it at anyone.

Anyone can write any From. Mail from a stranger, or mail with no form, gets a polite answer
(`workflows/intake.py: decide_unaddressed`); written in a victim's name, each such message
would make the service write to the victim. The same holds for every other answer a
stranger's mail can cause: a form's problems (any address at a council's domain may refer),
a refused instruction, a notice or an application to providers@ that nothing proves, or a
notice from an address that speaks for no home, a reply to a provider's reply address from
someone else, a form held because nothing proved its sender, and the placements team's
emails about them. Limits bound them all, counted from the outbox itself,
so every service process and every restart agree:

- an address the directory does not name gets at most `ANSWERS_PER_DAY` such answers a
  day (UTC), its sub-addresses with it (`victim+1@…`, `victim+2@…` are one mailbox), and
  the service sends at most `answers_per_hour` (`BROKER_ANSWERS_PER_HOUR`) to such
  addresses in all in any hour, however many a flood names;
- the requests to prove a mailbox (`PROOF_REQUESTS`: an application or a notice to
  providers@ that nothing proved) have an hourly budget of the same size of their own, so a
  flood of junk to referrals@ cannot stop a genuine provider from applying;
- an address the directory names (a registered social worker, a placements team, a
  commissioner, a home's contact) gets at most `KNOWN_ANSWERS_PER_DAY` a day, and no
  stranger's flood can use up its answers: the hourly limit is not theirs;
- answers to mail whose From was proved (DKIM or DMARC aligned with it, or the trusted
  relay's verdict: `SendEmail.proved`, marked by `answering_proved_mail`) are counted apart
  from answers to mail nothing proved, each side with its own `KNOWN_ANSWERS_PER_DAY` per
  mailbox and, to addresses the directory does not name, its own hourly budget. A stranger
  can write anyone's name on as many emails as they like, but cannot prove one: so twenty
  forged emails in a social worker's name never silence the answer to her own, and sixty
  junk emails an hour from made-up senders never silence the answer to a proved referral
  from a council colleague the directory does not list. A From proved on a message that
  nothing shows was sent to the service (a copy sent on, a line its sender is asked to
  confirm) is proved all the same: the answer goes to the mailbox that proved it wrote it;
- rule `proved-elsewhere-apart`: any domain can sign its own mail, so on the proved side
  the hourly budget is split: answers to addresses at a member council's or a provider
  organisation's domain (`member`) draw on one, answers to proved senders anywhere else on
  another, so sixty signed junk applications an hour from a domain of their own never
  silence a member's proved colleague (the directory's named people have no hourly limit);
- the placements team's notices about someone else's mail (`TEAM_NOTICES`: a form held
  because nothing proved it, a request to extend a placement) are counted apart from
  answers to mail in the team's own name, so forging the team's address cannot silence
  them. Rule `proved-team-copy-goes`: the team's copies of mail whose From was proved (a
  social worker's signed request to extend a placement: only mail from the team's own
  council is copied to it) are counted apart from the copies of mail nothing proved, with
  a day's limit of their own (`KNOWN_ANSWERS_PER_DAY`), so twenty forged requests from
  made-up addresses at the council's domain cannot lose hers, while a council whose
  `sender_auth` lets unsigned mail count as proved still has its team's inbox bounded; and
  rule `last-team-notice`:
  of the notices about mail nothing proved, the last one a team mailbox gets in a day says
  it is the last, and that later ones that day are kept by the service but not emailed
  (held referrals are still in the console's held list). Its alerts about a forged
  instruction or an unregistered reply (`TEAM_ALERTS`) are never dropped for a budget, but
  collapse: one of each kind about one referral an hour (`ALERT_EVERY`), the first naming
  the sender and saying that later attempts within the hour are on the referral's timeline
  only. A flood about one referral is one alert an hour; it cannot silence the alert about
  another referral, and answers to strangers cannot use the alerts up. Rule
  `alerts-per-mailbox`: however many references a flood names, one team mailbox gets at
  most `ALERTS_PER_HOUR` alerts an hour and `ALERTS_PER_DAY` a day; the last one says it is
  the last until the hour (or the day) has passed, and every later attempt is still
  refused and recorded on its referral's timeline.

A provider's replies to a referral are answered too (an acknowledgement, a request for what
is missing, "the referral is closed", the social worker told of a late or changed answer),
and anyone who holds a home's reply address (a forwarded email) can send as many as they
like, from any mailbox at the home's domain. `REPLY_ANSWERS_PER_DAY` bounds them per
referral and home, each day: so many to each mailbox the directory names (the home's own
contact, whose answers nobody else's replies can use up), so many to all the home's other
mailboxes together, and so many to the council's people. Past it the reply is still read
and stored, and the home's answer changes, but nobody is written to about it until the
next day.

They are checked where every command is carried out (`workflows/apply.py`), so no route
escapes them. On PostgreSQL the counting and the queueing of answers take turns across
processes and lanes (a transaction-scoped advisory lock): two transactions counting the
same committed rows at once would each let one more through. SQLite has one writer.
Past a limit the message is still stored and marked, and the log says which answer went
unsent and why.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.fixed_in import fixed_in
from broker.db.tables import Outbox
from workflows.commands import SendEmail
from workflows.intake import UNADDRESSED_TEAM_TEMPLATES, UNADDRESSED_TEMPLATES

log = logging.getLogger("broker.answers")

ANSWERS_PER_DAY = 5  # to an address the directory does not name
KNOWN_ANSWERS_PER_DAY = 20  # to one it names: more than anyone's genuine day needs
ANSWER_KINDS = tuple(sorted({
    *UNADDRESSED_TEMPLATES.values(), *UNADDRESSED_TEAM_TEMPLATES.values(),
    "social_worker/problems", "social_worker/already_sent",
    "social_worker/instruction_refused", "social_worker/correction_refused",
    # a proved writer asked to confirm an email nothing shows was sent to the service: whoever
    # holds their signed emails can send them on (workflows/confirm.py)
    "council/confirm_instruction", "provider/confirm_instruction",
    "provider/notice_refused", "provider/notice_unproved",
    "provider/not_accepted", "placements_team/unauthenticated", "placements_team/quarantined",
    # a form nothing proved, held (workflows/review.py: held_template)
    "social_worker/held_unproved", "placements_team/held_unproved",
    # providers@'s answers to applications before one is proved and complete
    "applicant/unproved", "applicant/not_open", "applicant/problems", "applicant/refused",
    "applicant/status",
}))
PROOF_REQUESTS = ("applicant/unproved", "provider/notice_unproved")
# the placements team told that someone tried to act on one of its referrals unproved
TEAM_ALERTS = ("placements_team/unauthenticated", "placements_team/quarantined")
ALERT_EVERY = timedelta(hours=1)
ALERTS_PER_HOUR = 4  # to one team mailbox, about all referrals together
ALERTS_PER_DAY = 12
# the placements team told of someone else's mail (not an answer to mail in its own name)
TEAM_NOTICES = tuple(kind for kind in ANSWER_KINDS
                     if kind.startswith("placements_team/") and kind not in TEAM_ALERTS)
REPLY_ANSWERS_TO_THE_HOME = ("provider/response_ack", "provider/missing_fields",
                             "provider/written_earlier", "provider/referral_closed",
                             "provider/fee_unclear", "provider/fee_counter_received")
REPLY_ANSWERS_TO_STAFF = ("social_worker/late_response",)
REPLY_ANSWERS = REPLY_ANSWERS_TO_THE_HOME + REPLY_ANSWERS_TO_STAFF
REPLY_ANSWERS_PER_DAY = 10  # per referral and home, each way: a home corrects itself a few times
_OTHER_ANSWERS = tuple(kind for kind in ANSWER_KINDS
                       if kind not in PROOF_REQUESTS and kind not in TEAM_ALERTS)
_TO_THE_WRITER = tuple(kind for kind in ANSWER_KINDS
                       if kind not in TEAM_NOTICES and kind not in TEAM_ALERTS)


def _budget(template: str) -> tuple[str, ...]:
    """The kinds of answer whose hourly budget `template` shares."""
    return PROOF_REQUESTS if template in PROOF_REQUESTS else _OTHER_ANSWERS


def _daily(template: str) -> tuple[str, ...]:
    """The kinds of answer whose daily budget per mailbox `template` shares: notices to the
    team about others' mail, or answers to the mail its writer sent."""
    return TEAM_NOTICES if template in TEAM_NOTICES else _TO_THE_WRITER


def proved_sender(actor: Any) -> str:
    """The mailbox an event's email proved it came from, '' when nothing proved its From.
    A provider's private way in (its reply address, a thread) vouches for whoever holds it,
    under any From, so it proves no address here."""
    if getattr(actor, "channel", "") != "email" or actor.vouched_for or not actor.address:
        return ""
    if not (actor.authenticated or from_proved_unconfirmed(actor)):
        return ""
    return mailbox(actor.address)


def from_proved_unconfirmed(actor: Any) -> bool:
    """Whether an email's From was proved though nothing shows it was sent to the service (a
    copy sent on, or a line its sender is asked to confirm): the answer to it goes to the
    mailbox that proved it wrote it, so it is an answer to proved mail all the same."""
    return bool(getattr(actor, "sent_elsewhere", False) or getattr(actor, "to_confirm", ""))


def answering_proved_mail(commands: tuple[Any, ...], actor: Any) -> tuple[Any, ...]:
    """The commands, with each answer (`ANSWER_KINDS`) to the mailbox that proved it sent the
    email marked `proved`: it draws on the proved side's budget, never the strangers'."""
    writer = proved_sender(actor)
    if not writer:
        return commands
    return tuple(replace(c, proved=True) if isinstance(c, SendEmail)
                 and c.template in ANSWER_KINDS and c.template not in TEAM_ALERTS
                 and mailbox(c.to) == writer else c for c in commands)


# Public mail services that deliver every spelling of a name with dots to the one mailbox,
# under either of their domains.
_DOTS_IGNORED = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def mailbox(address: str) -> str:
    """The mailbox an address reaches: `jo+anything@x` is `jo@x`, and at Gmail
    `j.o@googlemail.com` is `jo@gmail.com`."""
    local, _, domain = address.lower().rpartition("@")
    if not local:
        return address.lower()
    local = local.split("+", 1)[0]
    if domain in _DOTS_IGNORED:
        local, domain = local.replace(".", ""), _DOTS_IGNORED[domain]
    return f"{local}@{domain}"


async def _answers_today(session: AsyncSession, address: str, day_start: datetime,
                         kinds: tuple[str, ...] = ANSWER_KINDS, proved: bool = False) -> int:
    """The answers of `kinds` to mail proved (or not) sent to `address`'s mailbox since
    `day_start`, under any spelling."""
    today = (Outbox.created_at >= day_start, Outbox.kind.in_(kinds),  # type: ignore[attr-defined]
             Outbox.proved == proved)
    box = mailbox(address)
    if box.rpartition("@")[2] in _DOTS_IGNORED:  # every dotted spelling, either domain:
        # counted here (a day's answers to strangers there are bounded by the hourly limit)
        rows = await session.scalars(select(Outbox.to_addr).where(  # type: ignore[call-overload]
            or_(*(Outbox.to_addr.like(f"%@{domain}")  # type: ignore[attr-defined]
                  for domain in _DOTS_IGNORED)), *today))
        return sum(mailbox(row) == box for row in rows)
    return int(await session.scalar(select(func.count()).select_from(Outbox).where(
        _to_mailbox(address), *today)) or 0)


def _to_mailbox(address: str) -> Any:
    """Outbox rows to that mailbox, under any of its sub-addresses."""
    box = mailbox(address)
    local, _, domain = box.rpartition("@")
    if not local:
        return Outbox.to_addr == box
    escaped = [part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
               for part in (local, domain)]
    return or_(Outbox.to_addr == box,  # type: ignore[arg-type]
               Outbox.to_addr.like(f"{escaped[0]}+%@{escaped[1]}", escape="\\"))  # type: ignore[attr-defined]


def _daily_limit(known: bool, proved: bool) -> int:
    return KNOWN_ANSWERS_PER_DAY if known or proved else ANSWERS_PER_DAY


async def answers_left(session: AsyncSession, address: str, now: datetime, per_hour: int,
                       pending: Counter[str] | None = None, *, known: bool = False,
                       template: str = "", proved: bool = False,
                       referral_id: int | None = None,
                       member: Callable[[str], bool] = lambda _address: False) -> str:
    """'' when `address` may have one more answer (of `template`'s kind, to mail `proved` or
    not) now; else which limit it has reached ("address", "hour", "alert" or "alerts").
    `pending`: answers about to be queued, by budget and mailbox, and by budget for all to
    addresses the directory does not name. `member`: whether an address is at a member
    council's or a provider organisation's domain (rule `proved-elsewhere-apart`)."""
    pending = pending or Counter()
    if template in TEAM_ALERTS:
        return await _alert_left(session, address, now, template, referral_id, pending)
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    daily = _daily(template)
    to_address = await _answers_today(session, address, day_start, daily, proved)
    if to_address + pending[_side(daily[0], proved, mailbox(address))] \
            >= _daily_limit(known, proved):
        return "address"
    if known:
        return ""
    budget = _budget(template)
    hour = (Outbox.kind.in_(budget),  # type: ignore[attr-defined]
            Outbox.proved == proved, Outbox.created_at >= now - timedelta(hours=1))
    if proved:  # a member's people apart from anyone else's signed mail
        side = member(address)
        rows = await session.scalars(select(Outbox.to_addr).where(*hour))  # type: ignore[call-overload]
        in_the_hour = sum(member(row) == side for row in rows)
    else:
        in_the_hour = int(await session.scalar(
            select(func.count()).select_from(Outbox).where(*hour)) or 0)
    waiting = pending[_hourly_side(budget[0], proved, member(address))]
    return "hour" if in_the_hour + waiting >= per_hour else ""


def _side(budget: str, proved: bool, box: str = "") -> str:
    """The name a budget's pending answers are counted under: to proved mail or not."""
    return f"{'proved' if proved else 'unproved'}:{budget}:{box}"


def _hourly_side(budget: str, proved: bool, at_a_member: bool) -> str:
    """The name an hourly budget's pending answers are counted under: to mail nothing
    proved, to proved mail from a member's domain, or to proved mail from anywhere else."""
    return _side(budget, proved) + ("member" if proved and at_a_member else "")


async def _alert_left(session: AsyncSession, address: str, now: datetime, template: str,
                      referral_id: int | None, pending: Counter[str]) -> str:
    """'' unless an alert of this kind about this referral went to that mailbox within
    `ALERT_EVERY` (or is about to): "alert"; or that mailbox has had its alerts for the
    hour or the day (`ALERTS_PER_HOUR`, `ALERTS_PER_DAY`): "alerts"."""
    key = f"alert:{template}:{referral_id}:{mailbox(address)}"
    if pending[key]:
        return "alert"
    since = await session.scalar(select(func.count()).select_from(Outbox).where(
        _to_mailbox(address), Outbox.kind == template,
        Outbox.referral_id == referral_id if referral_id is not None  # type: ignore[arg-type]
        else Outbox.referral_id.is_(None),  # type: ignore[union-attr]
        Outbox.created_at > now - ALERT_EVERY))
    if since:
        return "alert"
    return "alerts" if last_alert(*await _alerts_to(session, address, now, pending)) \
        == "past" else ""


async def _alerts_to(session: AsyncSession, address: str, now: datetime,
                     pending: Counter[str]) -> tuple[int, int]:
    """The alerts (`TEAM_ALERTS`, about any referral) sent to that mailbox, or about to be,
    within the hour and since the day began."""
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    rows = await session.scalars(select(Outbox.created_at).where(  # type: ignore[call-overload]
        _to_mailbox(address), Outbox.kind.in_(TEAM_ALERTS),  # type: ignore[attr-defined]
        Outbox.created_at >= min(day_start, now - ALERT_EVERY)))
    times = [_naive(at) for at in rows]
    waiting = pending[f"alerts:{mailbox(address)}"]
    hour = sum(at > _naive(now - ALERT_EVERY) for at in times) + waiting
    return hour, sum(at >= _naive(day_start) for at in times) + waiting


def _naive(at: datetime) -> datetime:
    """SQLite hands back stored times without their zone."""
    return at.replace(tzinfo=None)


def last_alert(in_the_hour: int, today: int) -> str:
    """Rule `alerts-per-mailbox`: "past" when a team mailbox has had `ALERTS_PER_HOUR` alerts
    within the hour or `ALERTS_PER_DAY` today; "hour" or "day" when the next one is the last
    it gets then (it says so: later attempts are on the referrals' timelines only); else ''."""
    if in_the_hour >= ALERTS_PER_HOUR or today >= ALERTS_PER_DAY:
        return "past"
    if today == ALERTS_PER_DAY - 1:
        return "day"
    return "hour" if in_the_hour == ALERTS_PER_HOUR - 1 else ""


def _reply_answers_like(template: str) -> tuple[str, ...]:
    """The answers to replies counted with `template`'s: to the home, or to staff."""
    return REPLY_ANSWERS_TO_STAFF if template in REPLY_ANSWERS_TO_STAFF \
        else REPLY_ANSWERS_TO_THE_HOME


def _reply_budget(email: Any, known: Callable[[str], bool]) -> Callable[[str], bool]:
    """Which of the addresses answered before share `email`'s budget: every one, for staff;
    for the home, its own mailbox when the directory names it, else every mailbox it does
    not name."""
    if email.template in REPLY_ANSWERS_TO_STAFF:
        return lambda _address: True
    if known(email.to):
        return lambda address: mailbox(address) == mailbox(email.to)
    return lambda address: not known(address)


def _reply_answers_statement(like: tuple[str, ...]) -> Any:
    """Built once for each budget (`_reply_answers_like`), of Core columns: every answer to
    a reply runs it, and building it cost more than running it on SQLite."""
    o = Outbox.__table__.c  # type: ignore[attr-defined]
    return select(o.to_addr).where(
        o.referral_id == bindparam("referral_id"), o.establishment == bindparam("establishment"),
        fixed_in(o.kind, like), o.created_at >= bindparam("day_start"))


_REPLY_ANSWERS_TODAY = {like: _reply_answers_statement(like)
                        for like in (REPLY_ANSWERS_TO_THE_HOME, REPLY_ANSWERS_TO_STAFF)}


async def _reply_answers_today(session: AsyncSession, referral_id: int, email: Any,
                               day_start: datetime) -> list[str]:
    """The addresses answers like `email` to replies about this referral and home went to
    today."""
    return list(await session.scalars(
        _REPLY_ANSWERS_TODAY[_reply_answers_like(email.template)],
        {"referral_id": referral_id, "establishment": email.establishment,
         "day_start": day_start}))


async def within_limits(session: AsyncSession, emails: list[Any], now: datetime,
                        per_hour: int, known: Callable[[str], bool],
                        referral_id: int | None = None, *,
                        member: Callable[[str], bool] = lambda _address: False) -> list[Any]:
    """The emails to send: all but the answers (`ANSWER_KINDS`, and `REPLY_ANSWERS` about
    `referral_id`) past a limit, each counted as it is let through (the outbox rows of this
    transaction are not written yet)."""
    kept, added = [], Counter[str]()
    if any(email.template in ANSWER_KINDS for email in emails):
        await _one_at_a_time(session)
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    answered: list[Any] = []  # the answers to replies let through in this transaction
    for email in emails:
        if email.template in REPLY_ANSWERS and referral_id is not None:
            shares = _reply_budget(email, known)
            sent = [*await _reply_answers_today(session, referral_id, email, day_start),
                    *(a.to for a in answered if a.establishment == email.establishment
                      and _reply_answers_like(a.template) == _reply_answers_like(email.template))]
            if sum(map(shares, sent)) >= REPLY_ANSWERS_PER_DAY:
                log.warning("%s not sent: that home's replies to the referral have had %d "
                            "such answers today", email.template, REPLY_ANSWERS_PER_DAY)
                continue
            answered.append(email)
        if email.template in ANSWER_KINDS:
            named, proved = known(email.to), bool(getattr(email, "proved", False))
            limit = await answers_left(session, email.to, now, per_hour, added, known=named,
                                       template=email.template, proved=proved,
                                       referral_id=referral_id, member=member)
            if limit:
                log.warning("%s not sent: %s", email.template,
                            _why(limit, _daily_limit(named, proved), per_hour))
                continue
            if email.template in TEAM_ALERTS:
                email = replace(email, context={**email.context, "last_alert": last_alert(
                    *await _alerts_to(session, email.to, now, added))})
            elif email.template in TEAM_NOTICES and not proved:
                email = replace(email, context={**email.context, "last_notice": await
                                                _last_notice(session, email.to, now, added,
                                                             _daily_limit(named, proved))})
            _count(added, email, named, proved, referral_id, member(email.to))
        kept.append(email)
    return kept


async def _last_notice(session: AsyncSession, address: str, now: datetime,
                       pending: Counter[str], limit: int) -> bool:
    """Rule `last-team-notice`: whether this notice about mail nothing proved is the last
    that team mailbox gets today (it says so; later ones are kept, not emailed)."""
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    sent = await _answers_today(session, address, day_start, TEAM_NOTICES)
    return sent + pending[_side(TEAM_NOTICES[0], False, mailbox(address))] == limit - 1


def _count(added: Counter[str], email: Any, named: bool, proved: bool,
           referral_id: int | None, at_a_member: bool = False) -> None:
    """One more answer about to be queued, under each budget it draws on."""
    if email.template in TEAM_ALERTS:
        added[f"alert:{email.template}:{referral_id}:{mailbox(email.to)}"] += 1
        added[f"alerts:{mailbox(email.to)}"] += 1
        return
    added[_side(_daily(email.template)[0], proved, mailbox(email.to))] += 1
    added[_hourly_side(_budget(email.template)[0], proved, at_a_member)] += 0 if named else 1


ANSWERS_LOCK = 7_341_021  # an arbitrary key for PostgreSQL's advisory lock (the migrations'
# is 7_341_020)


async def _one_at_a_time(session: AsyncSession) -> None:
    """Hold the answers' lock until this transaction ends (PostgreSQL only)."""
    if session.bind.dialect.name == "postgresql":
        await session.execute(text(f"SELECT pg_advisory_xact_lock({ANSWERS_LOCK})"))


def _why(limit: str, daily: int, per_hour: int) -> str:
    if limit == "alert":
        return f"that alert about this referral went to that address within {ALERT_EVERY}"
    if limit == "alerts":
        return (f"that address has had {ALERTS_PER_HOUR} alerts this hour or {ALERTS_PER_DAY} "
                "today (the referrals' timelines record every attempt)")
    if limit == "address":
        return f"its address has had {daily} such answers today"
    return f"{per_hour} such answers this hour in all (BROKER_ANSWERS_PER_HOUR)"

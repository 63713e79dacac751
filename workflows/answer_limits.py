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
  stranger's flood can use up its answers: the hourly limit is not theirs.

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
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import Outbox
from workflows.intake import UNADDRESSED_TEMPLATES

log = logging.getLogger("broker.answers")

ANSWERS_PER_DAY = 5  # to an address the directory does not name
KNOWN_ANSWERS_PER_DAY = 20  # to one it names: more than anyone's genuine day needs
ANSWER_KINDS = tuple(sorted({
    *UNADDRESSED_TEMPLATES.values(), "social_worker/problems", "social_worker/already_sent",
    "social_worker/instruction_refused", "social_worker/correction_refused",
    "provider/notice_refused", "provider/notice_unproved",
    "provider/not_accepted", "placements_team/unauthenticated", "placements_team/quarantined",
    # a form nothing proved, held (workflows/review.py: held_template)
    "social_worker/held_unproved", "placements_team/held_unproved",
    # providers@'s answers to applications before one is proved and complete
    "applicant/unproved", "applicant/not_open", "applicant/problems", "applicant/refused",
    "applicant/status",
}))
PROOF_REQUESTS = ("applicant/unproved", "provider/notice_unproved")
REPLY_ANSWERS_TO_THE_HOME = ("provider/response_ack", "provider/missing_fields",
                             "provider/written_earlier", "provider/referral_closed",
                             "provider/fee_unclear")
REPLY_ANSWERS_TO_STAFF = ("social_worker/late_response",)
REPLY_ANSWERS = REPLY_ANSWERS_TO_THE_HOME + REPLY_ANSWERS_TO_STAFF
REPLY_ANSWERS_PER_DAY = 10  # per referral and home, each way: a home corrects itself a few times
_OTHER_ANSWERS = tuple(kind for kind in ANSWER_KINDS if kind not in PROOF_REQUESTS)


def _budget(template: str) -> tuple[str, ...]:
    """The kinds of answer whose hourly budget `template` shares."""
    return PROOF_REQUESTS if template in PROOF_REQUESTS else _OTHER_ANSWERS


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


async def _answers_today(session: AsyncSession, address: str, day_start: datetime) -> int:
    """The answers sent to `address`'s mailbox since `day_start`, under any spelling."""
    today = (Outbox.created_at >= day_start, Outbox.kind.in_(ANSWER_KINDS))  # type: ignore[attr-defined]
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


async def answers_left(session: AsyncSession, address: str, now: datetime, per_hour: int,
                       pending: Counter[str] | None = None, *, known: bool = False,
                       template: str = "") -> str:
    """'' when `address` may have one more answer (of `template`'s kind) now; else which
    limit it has reached ("address" or "hour"). `pending`: answers about to be queued, by
    mailbox, and by budget for all to addresses the directory does not name."""
    pending = pending or Counter()
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    to_address = await _answers_today(session, address, day_start)
    daily = KNOWN_ANSWERS_PER_DAY if known else ANSWERS_PER_DAY
    if (to_address or 0) + pending[mailbox(address)] >= daily:
        return "address"
    if known:
        return ""
    budget = _budget(template)
    in_the_hour = await session.scalar(select(func.count()).select_from(Outbox).where(
        Outbox.kind.in_(budget),  # type: ignore[attr-defined]
        Outbox.created_at >= now - timedelta(hours=1)))
    return "hour" if (in_the_hour or 0) + pending[budget[0]] >= per_hour else ""


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


async def _reply_answers_today(session: AsyncSession, referral_id: int, email: Any,
                               day_start: datetime) -> list[str]:
    """The addresses answers like `email` to replies about this referral and home went to
    today."""
    return list(await session.scalars(select(Outbox.to_addr).where(  # type: ignore[call-overload]
        Outbox.referral_id == referral_id,
        Outbox.establishment == email.establishment,
        Outbox.kind.in_(_reply_answers_like(email.template)),
        Outbox.created_at >= day_start)))


async def within_limits(session: AsyncSession, emails: list[Any], now: datetime,
                        per_hour: int, known: Callable[[str], bool],
                        referral_id: int | None = None) -> list[Any]:
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
            named = known(email.to)
            limit = await answers_left(session, email.to, now, per_hour, added, known=named,
                                       template=email.template)
            if limit:
                log.warning("%s not sent: %s", email.template,
                            _why(limit, KNOWN_ANSWERS_PER_DAY if named else ANSWERS_PER_DAY,
                                 per_hour))
                continue
            added[mailbox(email.to)] += 1
            added[_budget(email.template)[0]] += 0 if named else 1
        kept.append(email)
    return kept


ANSWERS_LOCK = 7_341_021  # an arbitrary key for PostgreSQL's advisory lock (the migrations'
# is 7_341_020)


async def _one_at_a_time(session: AsyncSession) -> None:
    """Hold the answers' lock until this transaction ends (PostgreSQL only)."""
    if session.bind.dialect.name == "postgresql":
        await session.execute(text(f"SELECT pg_advisory_xact_lock({ANSWERS_LOCK})"))


def _why(limit: str, daily: int, per_hour: int) -> str:
    if limit == "address":
        return f"its address has had {daily} such answers today"
    return f"{per_hour} such answers this hour in all (BROKER_ANSWERS_PER_HOUR)"

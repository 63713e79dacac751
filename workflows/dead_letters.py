"""Dead letters as staff read them, and replaying one: for `broker dead-letters` and the
console's Dead letters page alike.

A dead letter is a message or deadline whose handling failed unexpectedly (workflows/txn.py
`dead_letter_row`): its row keeps the source, the source's id, when, and the error. What it
concerns is worked out from the source's own row, never from a message's body: an inbound
message's envelope sender, the referral it was linked to or the one its signed reply address
(`r+…@`) names, and the home that address (or, failing that, the sender as the only home it
is a contact for) names; a deadline's referral; an outgoing email's referral and home. The
authority is the referral's, else the one the sender's address belongs to; staff other than
operators see only their own authority's (channels/web/console/dead_letters.py). One letter
is read with its detail, the failure's traceback (`broker dead-letters show`, and the page
for operators), which holds where it failed and never what it was given.

Replaying puts the source back where the service takes it again: an inbound message back in
the queue (`new`), a failed deadline back to `pending` for the scheduler's sweep (unless it
has since been moved, fired or cancelled). A letter replays once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import DeadLetter, Deadline, InboundMessage, Outbox, Referral
from broker.tokens import our_recipient, read_token


@dataclass(frozen=True)
class Facts:
    """What the failed thing's own row says about whom it concerns (no message body)."""

    source: str  # inbound | deadline | outbox
    referral_id: int | None = None  # the row's own link to a referral
    sender: str = ""  # an inbound message's envelope sender
    recipients: str = ""  # an inbound message's envelope recipients
    establishment: str = ""  # an outgoing email's home
    subject: str = ""  # a deadline's subject kind (referral, list-window, vacancy-return…)


@dataclass(frozen=True)
class Concerns:
    """The referral (its id), the sender and the home (its key) a dead letter concerns, as far
    as its row shows; empty where it does not."""

    referral_id: int | None = None
    sender: str = ""
    home: str = ""


@dataclass(frozen=True)
class Letter:
    """One dead letter, with what it concerns, for a list."""

    id: int
    at: datetime
    source: str
    source_id: int
    error: str
    replayed_at: datetime | None
    reference: str = ""
    authority: str = ""
    sender: str = ""
    home: str = ""
    home_name: str = ""
    detail: str = ""  # the failure's traceback as shown (`shown_detail`), not in the list

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at.isoformat(), "source": self.source,
                "source_id": self.source_id, "error": self.error,
                "replayed_at": self.replayed_at.isoformat() if self.replayed_at else None,
                "referral": self.reference or None, "authority": self.authority or None,
                "sender": self.sender or None, "home": self.home or None}


def concerns(facts: Facts, secret: bytes, domain: str, directory: Any) -> Concerns:
    """Rule: whom a dead letter concerns, from its source's row. An inbound message: the
    referral it was linked to, else the one its signed reply address names; the home that
    address names, else the only home its sender is a contact for. Pure."""
    if facts.source == "inbound":
        local = our_recipient(facts.recipients, domain).split("@")[0]
        token = read_token(secret, local[2:]) if local.startswith("r+") else None
        homes = directory.establishments_for_contact(facts.sender) if facts.sender else []
        home = token.establishment if token else (homes[0].key if len(homes) == 1 else "")
        referral = facts.referral_id if facts.referral_id is not None else (
            token.referral_id if token else None)
        return Concerns(referral, facts.sender, home)
    if facts.source == "deadline":
        return Concerns(facts.referral_id if facts.subject == "referral" else None)
    return Concerns(facts.referral_id, home=facts.establishment)


async def _facts(session: AsyncSession, letter: DeadLetter) -> Facts:
    if letter.source == "inbound":
        row = await session.get(InboundMessage, letter.source_id)
        return Facts("inbound", row.referral_id, row.mail_from, row.rcpt_to) if row else Facts(
            "inbound")
    if letter.source == "deadline":
        due = await session.get(Deadline, letter.source_id)
        return Facts("deadline", due.subject_id, subject=due.subject) if due else Facts(
            "deadline")
    sent = await session.get(Outbox, letter.source_id) if letter.source == "outbox" else None
    return Facts(letter.source, sent.referral_id, establishment=sent.establishment) if sent \
        else Facts(letter.source)


async def letters(session: AsyncSession, secret: bytes, domain: str, directory: Any,
                  offset: int = 0, limit: int | None = None) -> list[Letter]:
    """The dead letters, newest first, with what they concern: every one, or (`offset`,
    `limit`) one page of them, so a backlog never makes a page read every row."""
    query = select(DeadLetter).order_by(DeadLetter.id.desc())  # type: ignore[union-attr]
    if limit is not None:
        query = query.offset(offset).limit(limit)
    rows = list((await session.execute(query)).scalars())
    found = [(row, concerns(await _facts(session, row), secret, domain, directory))
             for row in rows]
    ids = {c.referral_id for _, c in found if c.referral_id is not None}
    referrals = {r.id: r for r in (await session.execute(select(Referral).where(
        Referral.id.in_(ids)))).scalars()} if ids else {}  # type: ignore[union-attr]
    return [_letter(row, about, referrals.get(about.referral_id)
                    if about.referral_id is not None else None, directory)
            for row, about in found]


def _letter(row: DeadLetter, about: Concerns, referral: Referral | None,
            directory: Any) -> Letter:
    """A dead letter as staff read it: the referral's authority, else the sender's."""
    authority = referral.authority if referral else ""
    if not authority and about.sender:
        member = directory.authority_for_sender(about.sender)
        authority = member.key if member else ""
    home = directory.establishment(about.home) if about.home else None
    return Letter(id=row.id or 0, at=row.at, source=row.source, source_id=row.source_id,
                  error=row.error, replayed_at=row.replayed_at,
                  reference=(referral.reference or "") if referral else "",
                  authority=authority, sender=about.sender, home=about.home,
                  home_name=home.name if home else about.home,
                  detail=shown_detail(row.detail))


async def one(session: AsyncSession, dead_letter_id: int, secret: bytes, domain: str,
              directory: Any) -> Letter | None:
    """One dead letter, with what it concerns and its detail; None when there is none."""
    row = await session.get(DeadLetter, dead_letter_id)
    if row is None:
        return None
    about = concerns(await _facts(session, row), secret, domain, directory)
    referral = await session.get(Referral, about.referral_id) \
        if about.referral_id is not None else None
    return _letter(row, about, referral, directory)


_HEADER = "Traceback (most recent call last):"
_CHAINED = ("The above exception was the direct cause of the following exception:",
            "During handling of the above exception, another exception occurred:")
_FRAME = re.compile(r'  File "[^"\n]*", line \d+, in \S+$')
_KIND = re.compile(r"[A-Za-z_][\w.]*(?: \(\w+\))?(?=: |$)")
_MISSING = re.compile(r"\[missing: [A-Za-z_][\w.]{0,200}\]")


def shown_detail(detail: str) -> str:
    """Rule: a dead letter's detail as shown: only the traceback's frames (each `File …`
    line with its code lines), each error's kind (with a database's error code) and a
    statement (`[SQL: …]`) and the name a code error missed (`[missing: …]`); every other
    line goes, so no error's message (what follows the
    kind's `: `, and every line it runs on to: a child's name, date of birth or NHS number)
    and no statement's values (`[parameters: …]`), which letters kept before the service
    stopped keeping them may hold (workflows/txn.py `failure_detail`). Pure."""
    shown: list[str] = []
    reading = "message"  # frames (after a header) | message (after a kind) | sql
    for line in detail.splitlines():
        if line in (_HEADER, *_CHAINED) or not line.strip():
            reading = "frames" if line == _HEADER else "message"
            shown.append(line)
        elif _MISSING.fullmatch(line):
            shown.append(line)  # the name a code error missed (workflows/txn.py)
        elif reading == "sql" or line.startswith("[SQL:"):
            shown.append(line)
            reading = "message" if line.endswith("]") else "sql"
        elif reading == "frames" and (_FRAME.match(line) or (
                line.startswith("    ") and shown and shown[-1].startswith("  "))):
            shown.append(line)  # a frame, or its code (and its carets) below it
        elif reading == "frames" and (kind := _KIND.match(line)):
            shown.append(kind.group(0))  # the error's kind, never its message
            reading = "message"
    return "\n".join(shown).rstrip("\n")


async def waiting(session: AsyncSession) -> int:
    """How many dead letters wait to be replayed, all pages together."""
    return int((await session.execute(select(func.count()).select_from(DeadLetter).where(
        DeadLetter.replayed_at.is_(None)))).scalar_one())  # type: ignore[union-attr]


async def replay(session: AsyncSession, dead_letter_id: int, now: datetime) -> bool:
    """Put a dead letter's source back where the running service takes it again, once;
    False when there is no such letter waiting (none, replayed already, or of a source
    that cannot be replayed). The caller commits."""
    letter = await session.get(DeadLetter, dead_letter_id)
    if letter is None or letter.replayed_at is not None or letter.source not in (
            "inbound", "deadline"):
        return False
    claimed = await session.execute(update(DeadLetter).where(  # once, whoever asks at once
        DeadLetter.id == dead_letter_id, DeadLetter.replayed_at.is_(None))  # type: ignore[arg-type,union-attr]
        .values(replayed_at=now))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    if letter.source == "inbound":
        await session.execute(update(InboundMessage).where(
            InboundMessage.id == letter.source_id).values(status="new"))  # type: ignore[arg-type]
    else:  # a deadline: the scheduler's sweep fires it again, unless it has since been
        # moved and set pending again, fired or cancelled
        await session.execute(update(Deadline).where(
            Deadline.id == letter.source_id, Deadline.status == "failed")  # type: ignore[arg-type]
            .values(status="pending"))
    return True

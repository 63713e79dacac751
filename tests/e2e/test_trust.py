"""Issue 8's attacks, each tried against the running service over real SMTP and HTTP and
now refused: open pages, forged senders, colleagues acting, Reply-To as referrer, request
bodies in logs (the log scan in conftest.py), no recall, duplicate children, a silent dead
relay. (The IPA behind a signed link is in test_placement_lifecycle.py.)"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import shutil
from datetime import UTC, datetime, timedelta
from email import policy
from pathlib import Path

import aiohttp
import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import delete, func, select

from broker.clock import FrozenClock
from broker.db.tables import (
    Deadline,
    InboundMessage,
    Outbox,
    PapersAccess,
    Referral,
    ReferralEvent,
    SlackOutbox,
)
from broker.links import mailbox_key
from tests.conftest import CONFIG, wait_for
from tests.factories import REFERRER, SAMPLE_REFERRAL, SECRET, referral_email, send_smtp
from tests.fake_slack import signed_headers
from tests.replies import quoted_plain
from workflows import retention
from workflows.states import State

TEAM = "placements@northby.gov.example"
COLLEAGUE = "jordan.okafor@northby.gov.example"
START = datetime.now(UTC).replace(microsecond=0)


class Signer:
    """A DKIM key for a domain (northby.gov.example unless told) and the DNS answer that
    publishes it."""

    def __init__(self, domain: str = "northby.gov.example") -> None:
        self.domain = domain
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.pem = key.private_bytes(serialization.Encoding.PEM,
                                     serialization.PrivateFormat.TraditionalOpenSSL,
                                     serialization.NoEncryption())
        public = key.public_key().public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
        self.record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)

    def dns(self, name: bytes, timeout: int = 5) -> bytes | None:
        return self.record if name == f"s1._domainkey.{self.domain}.".encode() else None

    def sign(self, message) -> bytes:  # type: ignore[no-untyped-def]
        raw = message.as_bytes(policy=policy.SMTP)
        return dkim.sign(raw, b"s1", self.domain.encode(), self.pem,
                         include_headers=[b"from", b"to", b"cc", b"subject", b"date",
                                          b"message-id", b"in-reply-to",
                                          b"references"]) + raw


def _config(tmp_path: Path, **replace: str) -> Path:
    copy = tmp_path / "config"
    shutil.copytree(CONFIG, copy)
    text = (copy / "authorities.yaml").read_text()
    for old, new in replace.items():
        text = text.replace(old, new, 1)
    (copy / "authorities.yaml").write_text(text)
    return copy


REQUIRED = {"    sender_auth: preferred\n    budget_holders": "    sender_auth: required\n"
            "    budget_holders"}  # Northby's sender_auth


async def _send(service, message, sender: str = REFERRER,  # type: ignore[no-untyped-def]
                to: str = "referrals@broker.localhost") -> None:
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=sender, to=to)


async def _referral(service) -> Referral:  # type: ignore[no-untyped-def]
    async with service.engine.parts.sessions() as session:
        return (await session.execute(select(Referral).order_by(Referral.id.desc()))
                ).scalars().first()


def _reply(original, text: str, sender: str = REFERRER):  # type: ignore[no-untyped-def]
    reply = quoted_plain(original, sender, text)
    reply.replace_header("To", "referrals@broker.localhost")
    return reply


# --- no open pages ------------------------------------------------------------------------


async def test_the_mailbox_is_gone_with_a_real_relay(sqlite_url, smtp_sink,  # type: ignore[no-untyped-def]
                                                      service_factory) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    await _send(service, referral_email())
    await wait_for(lambda: len(smtp_sink.caught) >= 13)
    base = f"http://127.0.0.1:{service.web_port}"
    async with aiohttp.ClientSession() as http:
        for path in ("/mailbox", "/mailbox/1", "/mailbox/1.eml", "/"):
            async with http.get(base + path, allow_redirects=False) as response:
                assert response.status == 404, path


async def test_the_dev_mailbox_answers_only_this_machine(sqlite_url, service_factory) -> None:  # type: ignore[no-untyped-def]
    service = await service_factory(sqlite_url)  # BROKER_RELAY=mailbox
    base = f"http://127.0.0.1:{service.web_port}"
    key = mailbox_key(SECRET.encode())
    async with aiohttp.ClientSession() as http:
        # A default reverse proxy on this machine: Host 127.0.0.1, no forwarding header, so
        # a stranger's request through it looks local. Without the key it is refused.
        proxied = {"Host": f"127.0.0.1:{service.web_port}", "Connection": "close"}
        for path in ("/mailbox", "/mailbox/1", "/mailbox/1.eml", "/", "/mailbox?key=wrong"):
            async with http.get(base + path, headers=proxied,
                                allow_redirects=False) as response:
                assert response.status == 403, path
                assert path == "/" or response.headers["Cache-Control"] == "no-store"
        async with http.get(f"{base}/mailbox?key={key}", allow_redirects=False) as response:
            assert response.status == 302 and "key=" not in response.headers["Location"]
            kept = response.cookies["broker_mailbox"]
        async with http.get(f"{base}/mailbox", cookies={"broker_mailbox": kept.value}) as response:
            assert response.status == 200
            assert response.headers["X-Frame-Options"] == "DENY"
        for headers in ({"X-Forwarded-For": "203.0.113.9"},  # through a proxy that says so
                        {"Forwarded": "for=203.0.113.9"},
                        {"Host": "mailbox.attacker.example"}):  # DNS rebinding
            async with http.get(f"{base}/mailbox?key={key}", headers=headers) as response:
                assert response.status == 403, headers


# --- authenticated senders ------------------------------------------------------------------


async def test_a_signed_instruction_is_obeyed_and_a_forged_one_refused(  # type: ignore[no-untyped-def]
        sqlite_url, smtp_sink, service_factory, tmp_path) -> None:
    signer = Signer()
    service = await service_factory(sqlite_url, relay=smtp_sink.url,
                                    config_dir=_config(tmp_path, **REQUIRED))
    service.engine.parts.sender_auth.dnsfunc = signer.dns
    await _send(service, signer.sign(referral_email()))
    ack = (await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                                   if "has gone to" in c.message["Subject"]]))[0]
    # The same CLOSE with a forged From from an outside envelope sender: refused, team told.
    forged = _reply(ack, "CLOSE")
    await _send(service, forged, sender="mallory@outside.example")
    refusal = await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                                      if "could not be carried out" in c.message["Subject"]])
    assert "could not confirm" in refusal[0].text()
    told = await wait_for(lambda: [c for c in smtp_sink.to(TEAM)
                                   if "unproven instruction" in c.message["Subject"]])
    assert "CLOSE" in told[0].text()
    assert (await _referral(service)).state == State.OPEN
    await _send(service, signer.sign(_reply(ack, "CLOSE")))
    await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                            if "responses ready" in c.message["Subject"]
                            or "closed" in c.message["Subject"].lower()])
    assert (await _referral(service)).state == State.CLOSED


async def test_an_unproven_referral_is_held_for_the_team(sqlite_url, smtp_sink,  # type: ignore[no-untyped-def]
                                                         service_factory, tmp_path) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url,
                                    config_dir=_config(tmp_path, **REQUIRED))
    signer = Signer()
    service.engine.parts.sender_auth.dnsfunc = signer.dns
    await _send(service, referral_email(), sender="mallory@outside.example")
    team = await wait_for(lambda: [c for c in smtp_sink.to(TEAM)
                                   if "held before" in c.message["Subject"]])
    reference = team[0].message["Subject"].split(":")[0]
    assert "SEND " + reference in team[0].text() and "Casey" not in team[0].text()
    assert not [c for c in smtp_sink.caught if c.message["Reply-To"]]  # no provider has it
    # Sam cannot release it (the message in her name was not proved); the team can.
    await _send(service, referral_email(body=f"SEND {reference}"))
    await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                            if "could not be carried out" in c.message["Subject"]])
    assert (await _referral(service)).state == State.HELD
    await _send(service, signer.sign(_team_says(f"SEND {reference}")), sender=TEAM)
    await wait_for(lambda: len([c for c in smtp_sink.caught if c.message["Reply-To"]]) >= 12)


async def test_a_correction_nothing_proves_cannot_quietly_rewrite_the_referral(  # type: ignore[no-untyped-def]
        sqlite_url, smtp_sink, service_factory, tmp_path) -> None:
    """Sam's proved form lacks its urgency; a stranger writing in Sam's name on the thread
    drops the exploitation risk; Sam's proved correction then completes the form. It must not
    go out with the stranger's change: it is held for the team, and Sam and the team are
    both told which field the unproved message changed."""
    service = await service_factory(sqlite_url, relay=smtp_sink.url,
                                    config_dir=_config(tmp_path, **REQUIRED))
    signer = Signer()
    service.engine.parts.sender_auth.dnsfunc = signer.dns
    without = "\n".join(line for line in SAMPLE_REFERRAL.splitlines()
                        if not line.startswith("Urgency"))
    await _send(service, signer.sign(referral_email(body=without)))
    asked = (await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                                     if "please correct 1 thing" in c.message["Subject"]]))[0]
    await _send(service, _reply(asked, "Needs: SEMH"))  # unsigned: anyone could have sent it
    warned = await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                                     if "could not confirm" in c.text()])
    assert "changed what the referral already said for: Needs" in warned[0].text()
    await _send(service, signer.sign(_reply(asked, "Urgency: Urgent")))
    held = await wait_for(lambda: [c for c in smtp_sink.to(TEAM)
                                   if "held before" in c.message["Subject"]])
    assert "a later message we could not confirm came from the sender changed" in held[0].text()
    assert (await _referral(service)).state == State.HELD
    assert not [c for c in smtp_sink.caught if c.message["Reply-To"]]  # no provider has it


def _team_says(text: str):  # type: ignore[no-untyped-def]
    message = referral_email(body=text, sender=TEAM)
    message.replace_header("From", f"Placements <{TEAM}>")
    return message


# --- who may do what ------------------------------------------------------------------------


async def test_a_colleague_cannot_close_and_references_are_not_a_count(  # type: ignore[no-untyped-def]
        sqlite_url, smtp_sink, service_factory) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    await _send(service, referral_email())
    ack = (await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                                   if "has gone to" in c.message["Subject"]]))[0]
    reference = ack.message["Subject"].split(":")[0]
    assert re.fullmatch(r"REF-\d{4}-\d{6}", reference) and not reference.endswith("000001")
    for line in ("CLOSE", "EXTEND 5d"):
        await _send(service, _reply(ack, line, COLLEAGUE), sender=COLLEAGUE)
    refused = await wait_for(lambda: len(smtp_sink.to(COLLEAGUE)) >= 2 and smtp_sink.to(
        COLLEAGUE))
    assert all("could not be carried out" in c.message["Subject"] for c in refused)
    assert (await _referral(service)).state == State.OPEN


async def test_reply_to_never_becomes_the_referrer(sqlite_url, smtp_sink,  # type: ignore[no-untyped-def]
                                                   service_factory) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    await _send(service, referral_email(reply_to="collector@outside.example"))
    await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                            if "has gone to" in c.message["Subject"]])
    assert smtp_sink.to("collector@outside.example") == []
    assert (await _referral(service)).referrer == REFERRER


# --- logs -----------------------------------------------------------------------------------


async def test_a_badly_signed_slack_request_is_refused_and_not_logged(  # type: ignore[no-untyped-def]
        sqlite_url, service_factory) -> None:
    service = await service_factory(sqlite_url, slack_bot_token="xoxb-test",
                                    slack_signing_secret="real-secret",
                                    slack_api_url="http://127.0.0.1:9/")
    view = {"type": "view_submission", "user": {"id": "USAM"}, "view": {
        "callback_id": "referral_form", "state": {"values": {"child_name": {"v": {
            "type": "plain_text_input", "value": "Casey Marie Hollin"}}}}}}
    body = "payload=" + json.dumps(view)
    url = f"http://127.0.0.1:{service.web_port}/slack/events"
    async with aiohttp.ClientSession() as http, http.post(
            url, data=body.encode(), headers=signed_headers("wrong-secret", body)) as response:
        assert response.status == 401
    # The log scan (conftest.py) fails this test if the body reached any log line.


# --- withdraw, recall, retention; duplicates; health --------------------------------------


async def test_withdrawal_recalls_and_retention_purges(sqlite_url, smtp_sink,  # type: ignore[no-untyped-def]
                                                       service_factory) -> None:
    clock = FrozenClock(START)
    service = await service_factory(sqlite_url, relay=smtp_sink.url, clock=clock)
    await _send(service, referral_email())
    ack = (await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                                   if "has gone to" in c.message["Subject"]]))[0]
    sent = [c for c in smtp_sink.caught if c.message["Reply-To"]]
    await _send(service, _reply(ack, "WITHDRAW Casey Hollin went to her nan at 12 Larkspur "
                                     "Row, Dawn on 07700 900461 agrees"))
    recalled = await wait_for(lambda: (lambda r: r if len(r) == len(sent) else [])(
        [c for c in smtp_sink.caught if "withdrawn" in c.message["Subject"].lower()
         and c.message["Reply-To"]]))
    assert {c.rcpt_tos[0] for c in recalled} == {c.rcpt_tos[0] for c in sent}
    await wait_for(lambda: smtp_sink.to(TEAM))
    referral = await _referral(service)
    assert referral.state == State.WITHDRAWN
    async with service.engine.parts.sessions() as session:  # as a Slack approval left it
        session.add(PapersAccess(referral_id=referral.id, establishment="larch-house",
                                 at=clock.now(), what="attachment:Casey Hollin care plan.pdf",
                                 outcome="served"))  # as accesses were recorded before
        session.add(SlackOutbox(key="slack:1", referral_id=referral.id, status="sent",
                                payload={"text": "Casey Hollin's parents' views"},
                                next_attempt_at=clock.now(), created_at=clock.now()))
        await session.commit()
    clock.advance(timedelta(days=366))
    listed = await retention.run(service.engine, dry_run=True)
    assert [d.reference for d in listed] == [referral.reference]
    await service.engine.fire_due()
    async with service.engine.parts.sessions() as session:
        raws = (await session.execute(select(InboundMessage.raw).where(
            InboundMessage.referral_id == referral.id))).scalars().all()
    purged = await _referral(service)
    assert raws and all(raw == b"" for raw in raws) and purged.raw_fields == {}
    assert purged.anonymised["profile"]["age"] and await retention.run(service.engine,
                                                                       dry_run=True) == []
    # The reason typed with WITHDRAW stays on the record, anonymised like the form's text.
    async with service.engine.parts.sessions() as session:
        reasons = (await session.execute(select(ReferralEvent.data).where(
            ReferralEvent.referral_id == referral.id))).scalars().all()
        payloads = (await session.execute(select(SlackOutbox.payload))).scalars().all()
    assert payloads == [{}]
    async with service.engine.parts.sessions() as session:
        accessed = (await session.execute(select(PapersAccess.what).where(
            PapersAccess.referral_id == referral.id))).scalars().all()
    assert accessed == ["attachment"]
    kept = [purged.outcome_reason, *(d.get("reason", "") for d in reasons if d)]
    assert any("went to her nan" in text for text in kept)
    for secret in ("Casey", "Hollin", "Larkspur", "07700 900461", "Dawn"):
        assert all(secret not in text for text in kept), secret


async def test_mail_about_no_referral_loses_its_bytes_after_its_retention(  # type: ignore[no-untyped-def]
        database_url, smtp_sink, service_factory, monkeypatch) -> None:
    """A message that never became a referral (here one with no form, naming the child)
    and the answer to it keep their bytes for BROKER_UNLINKED_RETENTION (30 days), then
    lose them; a referral's own messages, newer mail and a dead letter keep theirs."""
    clock = FrozenClock(START)
    service = await service_factory(database_url, relay=smtp_sink.url, clock=clock)
    await _send(service, referral_email())
    await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                            if "has gone to" in c.message["Subject"]])
    about_casey = "Could we talk about Casey Marie Hollin before I send the form?"
    await _send(service, referral_email(body=about_casey, subject="A question"))
    await _send(service, referral_email(body="Another question.", subject="Failed"))
    await wait_for(lambda: len([c for c in smtp_sink.to(REFERRER)
                                if "could not find a referral form" in c.message["Subject"]]) == 2)
    async with service.engine.parts.sessions() as session:  # the last, as if it had failed
        dead = (await session.execute(select(InboundMessage).order_by(
            InboundMessage.id.desc()).limit(1))).scalars().one()  # type: ignore[union-attr]
        dead.status = "dead"
        await session.commit()
    clock.advance(timedelta(days=31))
    await _send(service, referral_email(body="A newer question.", subject="Newer"))
    await wait_for(lambda: len([c for c in smtp_sink.to(REFERRER)
                                if "could not find a referral form" in c.message["Subject"]]) == 3)

    listed = await retention.unlinked(service.engine, dry_run=True)
    assert (listed.messages, listed.emails) == (1, 2)  # both old answers go
    assert service.scheduler.scheduler.get_job("retention") is not None
    monkeypatch.setattr(retention, "CHUNK", 1)  # so the purge goes in chunks
    await retention.sweep(service.engine)  # the service's hourly job
    async with service.engine.parts.sessions() as session:
        rows = (await session.execute(select(InboundMessage).order_by(
            InboundMessage.id))).scalars().all()
        answers = (await session.execute(select(Outbox.raw).where(
            Outbox.referral_id.is_(None)).order_by(Outbox.id))).scalars().all()  # type: ignore[union-attr]
    referral, question, failed, newer = rows
    assert question.outcome == "no-form" and question.raw == b"" and question.size == 0
    assert referral.referral_id and referral.raw and failed.raw and newer.raw
    assert [raw == b"" for raw in answers] == [True, True, False]
    again = await retention.unlinked(service.engine, dry_run=True)
    assert (again.messages, again.emails) == (0, 0)
    if database_url.startswith("sqlite"):  # and off the disk: the file and its log
        database = Path(database_url.split("///", 1)[1])
        on_disk = b"".join(path.read_bytes() for path in database.parent.iterdir()
                           if path.name.startswith(database.name))
        assert b"before I send the form" not in on_disk
        assert b"A newer question." in on_disk  # what was kept is still there


async def test_a_referral_that_never_went_out_lapses_after_28_days_untouched(  # type: ignore[no-untyped-def]
        database_url, smtp_sink, service_factory) -> None:
    """An incomplete referral waits 28 days (BROKER_UNSENT_LAPSE) from its last form or
    correction, then is withdrawn as lapsed: its referrer is told and its purge is set."""
    clock = FrozenClock(START)
    service = await service_factory(database_url, relay=smtp_sink.url, clock=clock)
    without = "\n".join(line for line in SAMPLE_REFERRAL.splitlines()
                        if not line.startswith(("Urgency", "Gender")))
    await _send(service, referral_email(body=without))
    asked = (await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                                     if "please correct 2 things" in c.message["Subject"]]))[0]
    clock.advance(timedelta(days=20))
    await _send(service, _reply(asked, "Gender: female"))  # a correction, still incomplete
    await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                            if "please correct 1 thing" in c.message["Subject"]])
    clock.advance(timedelta(days=9))  # 29 days after the form, 9 after the correction
    await service.engine.fire_due()
    assert (await _referral(service)).state == State.INCOMPLETE
    clock.advance(timedelta(days=19))  # 28 days after the correction
    await service.engine.fire_due()
    lapsed = await _referral(service)
    assert (lapsed.state, lapsed.outcome_reason) == (State.WITHDRAWN, "lapsed")
    told = await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                                   if "never went out" in c.message["Subject"]])
    assert lapsed.reference in told[0].message["Subject"] and not smtp_sink.to(TEAM)
    clock.advance(timedelta(days=366))  # and its details go like any ended referral's
    assert [d.reference for d in await retention.run(service.engine, dry_run=True)] == [
        lapsed.reference]


async def test_referrals_from_before_the_purge_and_the_lapse_are_given_theirs(  # type: ignore[no-untyped-def]
        database_url, smtp_sink, service_factory) -> None:
    """Stored before either rule existed (here: their deadlines removed), a withdrawn
    referral and an incomplete one get a purge and a lapse at the next sweep, counted from
    their last timeline entry, and both then happen."""
    clock = FrozenClock(START)
    service = await service_factory(database_url, relay=smtp_sink.url, clock=clock)
    await _send(service, referral_email())
    ack = (await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                                   if "has gone to" in c.message["Subject"]]))[0]
    await _send(service, _reply(ack, "WITHDRAW no longer needed"))
    without = "\n".join(line for line in SAMPLE_REFERRAL.splitlines()
                        if not line.startswith("Urgency"))
    await _send(service, referral_email(body=without, subject="Another child"))
    await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                            if "please correct" in c.message["Subject"]])
    async with service.engine.parts.sessions() as session:
        await wait_for(lambda: smtp_sink.to(TEAM))  # the withdrawal is done
        await session.execute(delete(Deadline).where(Deadline.kind.in_(["retention", "lapse"])))
        await session.commit()
        states = dict((await session.execute(select(Referral.state, Referral.id))).all())
    assert set(states) == {State.WITHDRAWN, State.INCOMPLETE}

    clock.advance(timedelta(days=2))
    await retention.sweep(service.engine)
    async with service.engine.parts.sessions() as session:
        due = dict((await session.execute(select(Deadline.kind, Deadline.due_at).where(
            Deadline.kind.in_(["retention", "lapse"]), Deadline.status == "pending"))).all())
        last = dict((await session.execute(select(ReferralEvent.referral_id, func.max(
            ReferralEvent.at)).group_by(ReferralEvent.referral_id))).all())
    assert due["retention"] == last[states[State.WITHDRAWN]] + timedelta(days=365)
    assert due["lapse"] == last[states[State.INCOMPLETE]] + timedelta(days=28)
    assert await retention.backfill(service.engine) == (0, 0)  # a second time: nothing
    clock.advance(timedelta(days=366))
    await service.engine.fire_due()
    async with service.engine.parts.sessions() as session:
        ended = {r.id: r for r in (await session.execute(select(Referral))).scalars()}
    assert ended[states[State.INCOMPLETE]].outcome_reason == "lapsed"
    assert ended[states[State.WITHDRAWN]].raw_fields == {}  # purged


async def test_the_same_child_twice_is_held_and_flagged(sqlite_url, smtp_sink,  # type: ignore[no-untyped-def]
                                                        service_factory) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    await _send(service, referral_email())
    await wait_for(lambda: len(smtp_sink.caught) >= 13)
    first = (await _referral(service)).reference
    again = referral_email().get_content().replace("Casey Marie Hollin", "Casey M Hollin")
    await _send(service, referral_email(body=again))  # same NHS number, name written apart
    flagged = await wait_for(lambda: [c for c in smtp_sink.to(TEAM)
                                      if "held before" in c.message["Subject"]])
    assert first in flagged[0].text()
    assert [c for c in smtp_sink.to(REFERRER) if "held before" in c.message["Subject"]]
    assert len([c for c in smtp_sink.caught if c.message["Reply-To"]]) == 12


async def test_a_referral_for_one_provider_only_is_held_for_the_team(  # type: ignore[no-untyped-def]
        sqlite_url, smtp_sink, service_factory) -> None:
    """Rule `one-provider-asked` (round R32's X02): 'Please send to Larch Care only' went to
    every eligible provider. It is held; Sam and the team are told why; only the team may
    send it."""
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    signer = Signer()
    service.engine.parts.sender_auth.dnsfunc = signer.dns
    body = "This is a move within the same provider. Please send to Larch Care only.\n\n" \
        + SAMPLE_REFERRAL
    await _send(service, signer.sign(referral_email(body=body)))
    team = await wait_for(lambda: [c for c in smtp_sink.to(TEAM)
                                   if "held before" in c.message["Subject"]])
    told = " ".join(team[0].text().split())
    assert ("the social worker's email asks for it to go to Larch Care only: \"This is a move "
            "within the same provider.\"") in told
    sam = [c for c in smtp_sink.to(REFERRER) if "held before" in c.message["Subject"]]
    assert sam and "Nothing has gone to Larch Care" in " ".join(sam[0].text().split())
    assert not [c for c in smtp_sink.caught if c.message["Reply-To"]]  # no provider has it
    reference = team[0].message["Subject"].split(":")[0]
    await _send(service, signer.sign(referral_email(body=f"SEND {reference}")))
    await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                            if "could not be carried out" in c.message["Subject"]])
    assert (await _referral(service)).state == State.HELD
    await _send(service, signer.sign(_team_says(f"SEND {reference}")), sender=TEAM)
    await wait_for(lambda: [c for c in smtp_sink.caught if c.message["Reply-To"]])


async def test_a_relay_that_refuses_every_connection_makes_health_degraded(  # type: ignore[no-untyped-def]
        sqlite_url, service_factory) -> None:
    clock = FrozenClock(START)
    service = await service_factory(sqlite_url, relay="smtp://127.0.0.1:9", clock=clock)
    await _send(service, referral_email())
    url = f"http://127.0.0.1:{service.web_port}/healthz"
    async with aiohttp.ClientSession() as http:
        async def failing() -> bool:
            async with service.engine.parts.sessions() as session:
                from broker.db.tables import Outbox
                return bool((await session.execute(select(Outbox).where(
                    Outbox.attempts > 0))).first())
        await wait_for(failing)
        async with http.get(url) as response:
            assert (await response.json())["status"] == "ok"  # not yet: within the grace
        clock.advance(timedelta(minutes=20))
        async with http.get(url) as response:
            health = await response.json()
    assert health["status"] == "degraded" and "relay" in health["why"][0]


@pytest.fixture(autouse=True)
def _no_network_dkim(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test here asks real DNS: an unsigned message never does, a signed one uses its
    injected answer."""
    monkeypatch.setattr(dkim.dnsplug, "get_txt", lambda *a, **k: None)

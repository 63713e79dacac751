"""Vacancies, pauses and endings on loopback: a provider's `VACANCIES` lines change who
receives the next referral; a placement takes the place and its ending (the provider's
reply on the IPA's thread) frees it again; and at every step `broker match`, run as the
real command against the service's database, names exactly the homes the service sends to.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from broker.clock import FrozenClock
from broker.tokens import read_token
from tests.conftest import wait_for
from tests.factories import CONFIG, REFERRER, SECRET, referral_email, send_smtp
from tests.replies import outlook_top_posted, quoted_plain

START = datetime.now(UTC).replace(microsecond=0)
PROVIDERS, REFERRALS = "providers@broker.localhost", "referrals@broker.localhost"
LARCH_CARE, LODGE = "referrals@larchcare.example", "larch.lodge@larchcare.example"
ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"


def broker_match(tmp_path: Path, database_url: str) -> dict:
    """`broker match --json` as an operator runs it, against the service's database."""
    referral = tmp_path / "referral.eml"
    referral.write_bytes(bytes(referral_email()))
    env = {"BROKER_CONFIG_DIR": str(CONFIG), "BROKER_DATABASE_URL": database_url,
           "BROKER_VAR_DIR": str(tmp_path / "cli"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "broker.cli", "match", "--json",
                             str(referral)], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


async def _eligible(tmp_path: Path, database_url: str) -> set[str]:
    document = await asyncio.to_thread(broker_match, tmp_path, database_url)
    assert document["directory"] == "database"
    return {row["establishment_key"] for row in document["eligible"]}


async def _email(service, message, sender: str, to: str) -> None:  # type: ignore[no-untyped-def]
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=sender, to=to)


def _to_providers(sender: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, PROVIDERS, "Vacancies"
    message["Date"], message["Message-ID"] = formatdate(), make_msgid(domain="larchcare.example")
    message.set_content(body)
    return message


def _sent_to(sink, reference: str = "") -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Each establishment sent a referral (by its signed reply address), and the email."""
    found = {}
    for caught in sink.caught:
        reply_to = str(caught.message["Reply-To"] or "")
        subject = str(caught.message["Subject"])
        if reply_to.startswith("r+") and subject.startswith("Reply by ") \
                and subject.endswith(reference):
            token = read_token(SECRET.encode(), reply_to.split("@")[0][2:])
            found[token.establishment] = caught  # type: ignore[union-attr]
    return found


def _as_sam(original, text: str) -> EmailMessage:  # type: ignore[no-untyped-def]
    reply = quoted_plain(original, REFERRER, text)
    reply.replace_header("To", REFERRALS)
    return reply


def _mail(sink, to: str, part: str) -> list:  # type: ignore[no-untyped-def]
    return [c for c in sink.to(to) if part in c.message["Subject"]]


async def test_vacancies_and_an_ending_decide_who_receives_the_next_referral(  # noqa: PLR0915
    database_url: str, smtp_sink, service_factory, tmp_path  # type: ignore[no-untyped-def]
) -> None:
    service = await service_factory(database_url, relay=smtp_sink.url, clock=FrozenClock(START),
                                    provider_sender_auth="preferred")  # mail here is unsigned
    before = await _eligible(tmp_path, database_url)
    assert "larch-house" in before and "larch-lodge" not in before  # Lodge: no place free

    # Larch Care runs three homes from one address: each line names its home.
    await _email(service, _to_providers(LARCH_CARE, "VACANCIES 1 Larch Lodge\n"
                                                    "VACANCIES 0 Larch House\n\nThanks, Jo"),
                 LARCH_CARE, PROVIDERS)
    recorded = (await wait_for(lambda: _mail(smtp_sink, LARCH_CARE, "Recorded")))[0].text()
    assert "Larch Lodge: 1 place free" in recorded and "Larch House: 0 places free" in recorded
    after = await _eligible(tmp_path, database_url)
    assert after == (before - {"larch-house"}) | {"larch-lodge"}

    # The service sends the next referral to exactly the homes broker match named.
    await _email(service, referral_email(), REFERRER, REFERRALS)
    await wait_for(lambda: len(_sent_to(smtp_sink)) == len(after))
    assert set(_sent_to(smtp_sink)) == after

    # Larch Lodge offers, is shortlisted, approved by email, chosen and placed.
    lodge = _sent_to(smtp_sink)["larch-lodge"]
    await _email(service, outlook_top_posted(lodge, LODGE, (
        "Decision: Offer\nHome or carer: Larch Lodge\nWeekly fee: £4,300\n"
        "Available from: 01/12/2026")), LODGE, lodge.message["Reply-To"])
    await wait_for(lambda: _mail(smtp_sink, LODGE, "response received"))
    acknowledgement = _mail(smtp_sink, REFERRER, "your referral")[0]
    reference = acknowledgement.message["Subject"].split(":")[0]
    await _email(service, _as_sam(acknowledgement, "CLOSE"), REFERRER, REFERRALS)
    comparison = (await wait_for(lambda: _mail(smtp_sink, REFERRER, "responses ready")))[0]
    label = re.search(r"^([A-Z])\. Larch Lodge", comparison.text(), re.MULTILINE).group(1)
    await _email(service, _as_sam(comparison, f"SHORTLIST {label}\nParents' views: Mum is "
                                  "happy with it.\nChild's views: not sought - unwell"),
                 REFERRER, REFERRALS)
    await wait_for(lambda: _mail(smtp_sink, ALEX, "awaiting your approval"))
    for commissioner in (ALEX, RUTH):
        request = _mail(smtp_sink, commissioner, "awaiting your approval")[0]
        reply = quoted_plain(request, commissioner, f"APPROVE {reference}")
        reply.replace_header("To", REFERRALS)
        await _email(service, reply, commissioner, REFERRALS)
    await wait_for(lambda: _mail(smtp_sink, LODGE, "full papers"))
    await _email(service, _as_sam(comparison, f"CHOOSE {label}"), REFERRER, REFERRALS)
    await wait_for(lambda: _mail(smtp_sink, REFERRER, "chosen"))
    await _email(service, _as_sam(comparison, "AGREE"), REFERRER, REFERRALS)
    ipa = (await wait_for(lambda: _mail(smtp_sink, LODGE, "Individual Placement Agreement")))[0]
    assert "ENDED" in ipa.text()  # the agreement says how to end the placement

    # The placement took the place: the next referral would not go to Larch Lodge.
    assert "larch-lodge" not in await _eligible(tmp_path, database_url)

    # The provider ends it on the IPA's thread: the place is free again.
    await _email(service, quoted_plain(ipa, LODGE, "ENDED 01/03/2027 moved to a family "
                                                   "placement"), LODGE, ipa.message["Reply-To"])
    ended = (await wait_for(lambda: _mail(smtp_sink, REFERRER, "placement ended")))[0]
    assert "1 March 2027" in ended.text() and "moved to a family placement" in ended.text()
    assert await wait_for(lambda: _mail(smtp_sink, LODGE, "placement ended - recorded"))
    assert await _eligible(tmp_path, database_url) == after

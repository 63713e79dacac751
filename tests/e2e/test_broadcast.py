"""End to end on loopback: a referral sent with smtplib to the running service reaches exactly
the eligible providers at a real SMTP sink, anonymised, each with its own signed Reply-To.
"""

from __future__ import annotations

import asyncio
from datetime import date

from broker.anonymise import identifying_values
from broker.forms.message import read_message
from broker.forms.referral import check_referral
from broker.forms.spec import load_referral_spec
from broker.tokens import read_bounce_token, read_token
from tests.conftest import wait_for
from tests.factories import (
    CONFIG,
    REFERRER,
    SECRET,
    everything_readable,
    leaked,
    referral_email,
    send_smtp,
)
from tests.oracle import expected_recipients


def _sample_form():  # type: ignore[no-untyped-def]
    spec = load_referral_spec(CONFIG)
    message = read_message(bytes(referral_email()), spec)
    form, problems = check_referral(dict(message.fields), spec, message_date=date.today())
    assert problems == []
    return form


async def test_a_referral_reaches_exactly_the_eligible_providers_anonymised(
    database_url: str, smtp_sink, service_factory  # type: ignore[no-untyped-def]
) -> None:
    expected = expected_recipients(date.today())
    assert 8 <= len(expected) <= 20, "the sample consortium should narrow the broadcast"
    service = await service_factory(database_url, relay=smtp_sink.url)
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())

    await wait_for(lambda: len(smtp_sink.caught) >= len(expected) + 1)
    await asyncio.sleep(0.5)  # nothing more may follow
    provider_mail = [c for c in smtp_sink.caught if c.rcpt_tos != [REFERRER]]
    acks = smtp_sink.to(REFERRER)

    assert len(acks) == 1
    assert sorted(r for c in provider_mail for r in c.rcpt_tos) == sorted(expected.values())

    reply_tos = [c.message["Reply-To"] for c in provider_mail]
    assert len(set(reply_tos)) == len(provider_mail), "each provider has its own Reply-To"
    for caught in provider_mail:
        local, _, domain = caught.message["Reply-To"].partition("@")
        token = read_token(SECRET.encode(), local.removeprefix("r+"))
        assert domain == "broker.localhost" and token is not None
        assert expected[token.establishment] == caught.rcpt_tos[0]
        assert caught.message["Message-ID"]
    # each email has a bounce address of its own (a report that comes back says which)
    bounce_tokens = [c.mail_from.partition("@")[0].removeprefix("bounces+") for c in
                     smtp_sink.caught]
    ids = [read_bounce_token(SECRET.encode(), token) for token in bounce_tokens]
    assert None not in ids and len(set(ids)) == len(smtp_sink.caught)

    secrets_of_the_child = identifying_values(_sample_form())
    assert "Casey" in secrets_of_the_child and "Hollin" in secrets_of_the_child
    for caught in provider_mail:
        found = leaked(secrets_of_the_child, *everything_readable(caught.message))
        assert found == [], f"{caught.rcpt_tos[0]} received identifying values"

    ack = acks[0]
    ack_text = ack.text()
    reference = ack.message["Subject"].split(":")[0]
    assert reference.startswith("REF-") and reference in provider_mail[0].message["Subject"]
    assert f"{len(expected)} eligible provider" in ack_text
    sample_section = provider_mail[0].text().split("-" * 70)[1].strip()
    assert sample_section in ack_text, "the ack shows the referral exactly as providers see it"

"""A stranger's flood cannot silence the service's answers to mail whose From was proved,
nor its alerts to the placements team about forged instructions (workflows/answer_limits.py).
Through the real intake worker, every authority `sender_auth: required`, DKIM keys published
through test DNS (tests/adapters/test_forged_senders.py)."""

from __future__ import annotations

from datetime import timedelta

from tests.adapters.test_forged_senders import email_to
from tests.adapters.test_forged_senders import signers as signers  # noqa: F401  (a fixture)
from tests.adapters.test_forged_senders import worker as worker  # noqa: F401  (a fixture)
from tests.adapters.worker import text_of
from tests.factories import REFERRER, SAMPLE_REFERRAL, referral_email
from workflows.answer_limits import KNOWN_ANSWERS_PER_DAY, answering_proved_mail
from workflows.commands import SendEmail
from workflows.events import Actor

REFERRALS = "referrals@broker.localhost"
TEAM = "placements@northby.gov.example"
MALLORY = "mallory@outside.example"


async def _flood_in_the_names_of(worker, *names: str) -> None:  # type: ignore[no-untyped-def]
    for n in range(KNOWN_ANSWERS_PER_DAY):
        for name in names:
            await worker.receive(email_to(REFERRALS, name, f"hello {n}"), mail_from=MALLORY)


async def test_forged_mail_in_her_name_cannot_silence_the_answers_to_her_own(  # type: ignore[no-untyped-def]
    worker, signers
) -> None:
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    await _flood_in_the_names_of(worker, REFERRER, TEAM)
    assert len(await worker.outbox("social_worker/no_form", to=REFERRER)) == KNOWN_ANSWERS_PER_DAY
    # Her proved "close pls" (an instruction not written as one) is still answered.
    ack = (await worker.outbox("social_worker/acknowledgement"))[0]
    row = await worker.receive(
        signers.sign(
            email_to(
                REFERRALS,
                REFERRER,
                "close pls",
                subject=f"RE: {ack.subject}",
                in_reply_to=ack.message_id,
            )
        ),
        mail_from=REFERRER,
    )
    assert row.outcome == "already-sent"
    assert len(await worker.outbox("social_worker/already_sent", to=REFERRER)) == 1
    # Her proved second referral with a problem is answered with its problems.
    second = SAMPLE_REFERRAL.replace("NHS number: 999 000 0115", "NHS number: 999 000 0116")
    row = await worker.receive(
        signers.sign(referral_email(second, subject="Another child")), mail_from=REFERRER
    )
    assert row.outcome == "incomplete"
    assert len(await worker.outbox("social_worker/problems", to=REFERRER)) == 1
    # A forged instruction in her name still reaches the team, whose own name was forged too.
    row = await worker.receive(
        email_to(REFERRALS, REFERRER, f"WITHDRAW {referral.reference} a family carer found"),
        mail_from=MALLORY,
    )
    assert row.outcome == "not-permitted"
    assert len(await worker.outbox("placements_team/unauthenticated", to=TEAM)) == 1


async def test_a_flood_of_junk_cannot_silence_a_proved_colleague_the_directory_does_not_list(  # type: ignore[no-untyped-def]
    worker, signers
) -> None:
    """Any address at a member council may refer; proved, it is not on the strangers'
    hourly budget."""
    worker.engine.parts.answers_per_hour = 3
    for n in range(4):
        junk = f"nobody{n}@junk{n}.example"
        await worker.receive(email_to(REFERRALS, junk, "hi"), mail_from=junk)
    assert not await worker.outbox(to="nobody3@junk3.example")  # the hour's budget is spent
    jamie = "jamie.cole@northby.gov.example"
    body = SAMPLE_REFERRAL.replace("NHS number: 999 000 0115", "NHS number: 999 000 0116")
    row = await worker.receive(signers.sign(referral_email(body, sender=jamie)), mail_from=jamie)
    assert row.outcome == "incomplete"
    assert [r.kind for r in await worker.outbox(to=jamie)] == ["social_worker/problems"]


async def test_unproved_forms_in_a_colleagues_name_still_share_the_strangers_budget(  # type: ignore[no-untyped-def]
    worker,
) -> None:
    """The same broken form, unsigned, is on the strangers' side: the hour's budget holds."""
    worker.engine.parts.answers_per_hour = 3
    for n in range(5):
        nobody = f"nobody{n}@northby.gov.example"
        await worker.receive(
            referral_email(f"Gender: female ({n})", sender=nobody), mail_from=nobody
        )
    assert len(await worker.outbox("social_worker/problems")) == 3


async def test_alerts_about_forged_instructions_collapse_to_one_an_hour_per_referral(  # type: ignore[no-untyped-def]
    worker, signers
) -> None:
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    for reason in ("a carer found", "moved away", "no longer needed"):
        await worker.receive(
            email_to(REFERRALS, REFERRER, f"WITHDRAW {referral.reference} {reason}"),
            mail_from=MALLORY,
        )
    alerts = await worker.outbox("placements_team/unauthenticated", to=TEAM)
    assert len(alerts) == 1
    assert "within the hour" in text_of(alerts[0])
    worker.clock.advance(timedelta(minutes=61))
    await worker.receive(
        email_to(REFERRALS, REFERRER, f"CLOSE {referral.reference}"), mail_from=MALLORY
    )
    assert len(await worker.outbox("placements_team/unauthenticated", to=TEAM)) == 2
    assert [r.state for r in await worker.referrals()] == ["open"]


def test_only_answers_to_the_mailbox_that_proved_its_mail_are_marked() -> None:
    answer = SendEmail(
        key="k", template="social_worker/problems", to="Sam.Taylor+x@n.example", context={}
    )
    alert = SendEmail(
        key="a", template="placements_team/unauthenticated", to="sam.taylor@n.example", context={}
    )
    other = SendEmail(key="o", template="social_worker/problems", to="jo@n.example", context={})
    commands = (answer, alert, other)
    proved = answering_proved_mail(commands, Actor("sam.taylor@n.example", channel="email"))
    assert [c.proved for c in proved] == [True, False, False]
    # proved From, unconfirmed (a copy sent on, a line to confirm): still proved mail
    for actor in (
        Actor("sam.taylor@n.example", authenticated=False, sent_elsewhere=True),
        Actor("sam.taylor@n.example", authenticated=False, to_confirm="EXTEND 2d"),
    ):
        assert [c.proved for c in answering_proved_mail(commands, actor)] == [True, False, False]
    # unproved, through a provider's way in (any From), or not by email: nothing is marked
    for actor in (
        Actor("sam.taylor@n.example", authenticated=False),
        Actor("sam.taylor@n.example", vouched_for="larch-house"),
        Actor("sam.taylor@n.example", channel="slack"),
    ):
        assert [c.proved for c in answering_proved_mail(commands, actor)] == [False] * 3


_ASKED = "Can we extend the current placement at Meadow View by 12 weeks?"


async def test_a_flood_of_forged_requests_cannot_drop_the_teams_copy_of_a_proved_one(  # type: ignore[no-untyped-def]
    worker, signers
) -> None:
    """Rule `proved-team-copy-goes` (ver51 N3): forged requests to extend a placement from
    made-up addresses at the council's domain used the team's notices up for the day, and
    Sam's signed request was then dropped while she was told the team had it. The last
    forged one the team is sent says it is the last (rule `last-team-notice`); later forged
    ones are not sent; a proved one always is, and so is the answer to her."""
    for n in range(KNOWN_ANSWERS_PER_DAY + 1):
        await worker.receive(
            email_to(
                REFERRALS, f"made.up{n}@northby.gov.example", _ASKED, subject="Placement extension"
            ),
            mail_from=MALLORY,
        )
    forged = await worker.outbox("placements_team/extension_asked", to=TEAM)
    assert len(forged) == KNOWN_ANSWERS_PER_DAY and not any(row.proved for row in forged)
    assert "This is the last notice" in text_of(forged[-1])
    assert not any("This is the last notice" in text_of(row) for row in forged[:-1])
    for n in range(KNOWN_ANSWERS_PER_DAY):  # forged in her own name as well
        await worker.receive(
            email_to(REFERRALS, REFERRER, _ASKED, subject=f"Extension {n}"), mail_from=MALLORY
        )
    genuine = await worker.receive(
        signers.sign(
            email_to(REFERRALS, REFERRER, _ASKED, subject="Placement extension for Meadow View")
        ),
        mail_from=REFERRER,
    )
    assert genuine.outcome == "extension-asked"
    [team] = [
        row for row in await worker.outbox("placements_team/extension_asked", to=TEAM) if row.proved
    ]
    assert REFERRER in text_of(team) and "Meadow View" in text_of(team)
    assert "This is the last notice" not in text_of(team)
    [told] = [
        row
        for row in await worker.outbox("social_worker/extension_asked", to=REFERRER)
        if row.proved
    ]
    assert "finds new placements" in " ".join(text_of(told).split())


async def test_the_teams_copies_of_proved_requests_have_a_days_limit_of_their_own(  # type: ignore[no-untyped-def]
    worker, signers
) -> None:
    """Rule `proved-team-copy-goes` counts the team's copies of proved mail apart, with a
    day's limit of their own: where unsigned mail counts as proved (`sender_auth:
    preferred`), a flood of it would otherwise fill the team's inbox without end."""
    for n in range(KNOWN_ANSWERS_PER_DAY + 2):
        await worker.receive(
            signers.sign(email_to(REFERRALS, REFERRER, _ASKED, subject=f"Placement extension {n}")),
            mail_from=REFERRER,
        )
    copies = [
        row for row in await worker.outbox("placements_team/extension_asked", to=TEAM) if row.proved
    ]
    assert len(copies) == KNOWN_ANSWERS_PER_DAY


async def test_only_a_proved_sender_is_quoted_her_request_to_extend(  # type: ignore[no-untyped-def]
    worker, signers
) -> None:
    """Rule `nothing-quoted-to-the-unproved` (review 43): a request to extend a placement
    from a From nothing proved was answered quoting its sentence, cleaned of links and
    numbers but still a stranger's words in the service's email to that council address. Now
    the answer quotes nothing of it; the team's copy still does, and a signed request's
    answer still quotes her own sentence to her."""
    forged = await worker.receive(
        email_to(
            REFERRALS,
            REFERRER,
            "Can we extend the current placement at Meadow View? Your "
            "account is suspended, reply with your password.",
            subject="Placement extension",
        ),
        mail_from=MALLORY,
    )
    assert forged.outcome == "extension-asked" and not forged.proved
    [told] = await worker.outbox("social_worker/extension_asked", to=REFERRER)
    said = " ".join(text_of(told).split())
    assert "finds new placements" in said
    for words in ("Meadow View", "suspended", "password"):
        assert words not in said, words
    [team] = await worker.outbox("placements_team/extension_asked", to=TEAM)
    assert "Meadow View" in text_of(team)
    genuine = await worker.receive(
        signers.sign(
            email_to(REFERRALS, REFERRER, _ASKED, subject="Placement extension for Meadow View")
        ),
        mail_from=REFERRER,
    )
    assert genuine.proved
    [told] = [
        row
        for row in await worker.outbox("social_worker/extension_asked", to=REFERRER)
        if row.proved
    ]
    assert "Meadow View by 12 weeks" in " ".join(text_of(told).split())

"""A reply that answers and asks, through the real worker: "We're interested. Two questions:
1. Is she open to CAMHS…? 2. …unsupervised contact?" is recorded as interest, its questions
go to the placements team in an email of their own naming the home and whom to answer, and
the home's acknowledgement says they went there and that the reply address takes answers
only. A reply with no question sends the team nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.adapters.worker import answer, header, text_of
from workflows.responses import QUESTIONS_PER_DAY, QUESTIONS_PER_REFERRAL_PER_DAY

QUESTIONS = ("Hi Sam,\n\nWe're interested. Two questions:\n1. Is she open to CAMHS at the "
             "moment?\n2. Would her mum be having unsupervised contact?\n\nPriya\n")


async def test_questions_beside_a_decision_reach_the_placements_team(worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    await answer(worker, home, QUESTIONS)
    [current] = [r for r in await worker.responses() if r.status == "current"]
    assert (current.decision, current.missing) == ("interested", [])
    [team] = await worker.outbox(kind="placements_team/provider_questions")
    [referral] = await worker.referrals()
    text = text_of(team)
    assert "Is she open to CAMHS at the moment?" in text
    assert "Would her mum be having unsupervised contact?" in text
    assert home.to_addr in text and referral.reference in header(team, "Subject")
    [ack] = await worker.outbox(kind="provider/response_ack", to=home.to_addr)
    told = " ".join(text_of(ack).split())
    assert f"have been passed to the placements team at {team.to_addr}" in told
    assert "This address takes answers only" in told


async def test_a_reply_without_questions_sends_the_team_nothing(worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    await answer(worker, home, "Hi Sam,\n\nWe're interested - please keep us in mind.\n")
    assert await worker.outbox(kind="placements_team/provider_questions") == []
    [ack] = await worker.outbox(kind="provider/response_ack", to=home.to_addr)
    assert "placements team" not in text_of(ack)


async def test_a_homes_questions_reach_the_team_a_few_times_a_day_and_never_twice(
        worker: Any) -> None:
    """Attacker review 29, F3: 25 replies each with a new question made 25 emails to the
    team. Now a question already passed on is not sent again, and past QUESTIONS_PER_DAY
    emails today for this referral and home new ones are held, the home told once."""
    home = (await worker.outbox(kind="provider/referral"))[0]
    for i in range(QUESTIONS_PER_DAY + 3):
        await answer(worker, home, f"We're interested.\n\nQuestion {i}: is room {i} still "
                                   "needed, or should we call Sam?\n")
    await answer(worker, home, "We're interested.\n\nQuestion 0: is room 0 still needed, "
                               "or should we call Sam?\n")  # a repeat, past the limit too
    teams = await worker.outbox(kind="placements_team/provider_questions")
    assert len(teams) == QUESTIONS_PER_DAY
    assert [f"room {i} still" in text_of(team) for i, team in enumerate(teams)] \
        == [True] * QUESTIONS_PER_DAY
    told = [" ".join(text_of(row).split()) for row in await worker.outbox(to=home.to_addr)
            if "not passed on" in text_of(row)]
    assert len(told) == 1  # the day's first reply held is answered; the rest change nothing
    assert f"write to the placements team at {teams[0].to_addr} yourselves" in told[0]


async def test_a_repeated_question_is_not_sent_to_the_team_again(worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    await answer(worker, home, QUESTIONS)
    await answer(worker, home, QUESTIONS.replace("interested", "interested - from 14/12"))
    assert len(await worker.outbox(kind="placements_team/provider_questions")) == 1


async def test_the_limit_counts_the_last_24_hours_and_all_of_a_referrals_homes(
        worker: Any) -> None:
    """Attacker review 30, F4: the count began again at midnight UTC (one home sent six
    between 23:55 and 00:05) and counted each home apart (four homes of one provider sent the
    team twelve about one referral). Now it is the last 24 hours, per home and per referral."""
    homes = await worker.outbox(kind="provider/referral")
    worker.clock.set(datetime(2026, 11, 23, 23, 40, tzinfo=UTC))
    for i in range(QUESTIONS_PER_DAY):
        await answer(worker, homes[0], f"We're interested.\n\nIs room {i} still needed?\n")
    worker.clock.set(datetime(2026, 11, 24, 0, 10, tzinfo=UTC))  # a new UTC day
    await answer(worker, homes[0], "We're interested.\n\nIs room 9 still needed?\n")
    assert len(await worker.outbox(kind="placements_team/provider_questions")) \
        == QUESTIONS_PER_DAY
    others = [home for home in homes[1:] if home.to_addr != homes[0].to_addr]
    assert len(others) >= 4  # enough homes to pass the referral's own limit
    for n, home in enumerate(others[:4]):
        for i in range(QUESTIONS_PER_DAY):
            await answer(worker, home, f"We're interested.\n\nDoes she swim ({n}, {i})?\n")
    sent = len(await worker.outbox(kind="placements_team/provider_questions"))
    assert sent == QUESTIONS_PER_REFERRAL_PER_DAY < QUESTIONS_PER_DAY * 5


async def test_a_report_of_the_childs_safety_is_never_held_nor_counted(worker: Any) -> None:
    """Round 60 i05: a home's fifth message of the day, "went missing at 11pm and was returned
    by police at 3am", was held by the day's limit. Rule `safety-never-held`: one about the
    child's safety always goes, and takes none of the day's count from the others."""
    home = (await worker.outbox(kind="provider/referral"))[0]
    for i in range(QUESTIONS_PER_DAY - 1):
        await answer(worker, home, f"We're interested.\n\nIs room {i} still needed?\n")
    safety = ("We're interested.\n\nShe went missing from her last home twice this month and "
              "was returned by police: is that still happening?\n")
    await answer(worker, home, safety)
    await answer(worker, home, "We're interested.\n\nIs the last room still needed?\n")
    await answer(worker, home, "We're interested.\n\nIs one more room still needed?\n")
    await answer(worker, home, safety.replace("twice", "three times"))
    teams = [text_of(team) for team in
             await worker.outbox(kind="placements_team/provider_questions")]
    assert len(teams) == QUESTIONS_PER_DAY + 2
    assert ["returned by police" in text for text in teams].count(True) == 2
    assert any("the last room" in text for text in teams)
    assert not any("one more room" in text for text in teams)  # the limit still holds


async def test_a_homes_footer_or_flood_of_safety_reports_never_floods_the_team(
        worker: Any) -> None:
    """Review 33: a home's replies differing by a ticket number, with the footer "Our
    safeguarding policy applies to all correspondence", each went to the team and the social
    worker as a safety report (118 emails for 60 replies). A footer is no report; and real
    reports past `SAFETY_PER_DAY` from one home in 24 hours are recorded, the team told once."""
    from workflows.safety import SAFETY_PER_DAY

    home = (await worker.outbox(kind="provider/referral"))[0]
    for i in range(8):
        await answer(worker, home, f"We're interested.\n\nTicket #{1000 + i} logged. Our "
                     "safeguarding policy applies to all correspondence.\n")
    told = [r for r in await worker.outbox() if r.kind.startswith(("placements_team/",
                                                                   "social_worker/provider_"))]
    assert len(told) <= QUESTIONS_PER_DAY  # the day's limit holds a footer
    assert not any("safety" in r.subject for r in told)
    for i in range(SAFETY_PER_DAY + 5):
        await answer(worker, home, f"We're interested.\n\nShe went missing from her last home "
                     f"{i + 2} times this month and was returned by police: is that still "
                     "happening?\n")
    reports = [r for r in await worker.outbox(kind="placements_team/provider_questions")
               if "returned by police" in text_of(r)]
    assert len(reports) == SAFETY_PER_DAY
    [digest] = await worker.outbox(kind="placements_team/safety_ceiling")
    assert "recorded on the referral's timeline in the console" in text_of(digest)

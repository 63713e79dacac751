"""Her words on a cascading council's referral, through the real intake worker: a social
worker asking for more providers is never told to send NEXT WAVE (the placements team's
alone); her request goes to the placements team, who can send it (round R30 M03). An EXTEND
whose duration is in words ("by a week please") is answered with the line it means (E07)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adapters.test_market_instructions import JO, TEAM, _instruct, _kingsholt
from tests.adapters.worker import Worker, make_worker, text_of


@pytest.fixture
async def worker(tmp_path: Path, sqlite_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, sqlite_url)
    yield made
    await made.db.dispose()


async def test_a_social_worker_asking_for_more_providers_is_passed_to_the_team(
        worker: Worker) -> None:
    referral = await _kingsholt(worker)
    await _instruct(worker, JO, "Hi, can you send it to more providers please? Nothing back yet.",
                    referral.reference or "")
    [answer] = await worker.outbox(kind="social_worker/already_sent")
    text = " ".join(text_of(answer).split())
    assert "NEXT WAVE" not in text and "passed to your placements team" in text
    [passed] = await worker.outbox(kind="placements_team/social_worker_words")
    assert passed.to_addr == TEAM and "more providers" in text_of(passed)


async def test_the_placements_team_asking_for_more_providers_is_shown_next_wave(
        worker: Worker) -> None:
    referral = await _kingsholt(worker)
    await _instruct(worker, TEAM, "can you send it to more providers please?",
                    referral.reference or "")
    answers = await worker.outbox(kind="social_worker/already_sent")
    assert any("NEXT WAVE" in text_of(a) for a in answers)


async def test_an_extend_by_a_week_is_answered_with_the_line_it_means(worker: Worker) -> None:
    """Round R30's E07: "Extend by a week please" had been answered with examples only."""
    referral = await _kingsholt(worker)
    await _instruct(worker, JO, "Extend by a week please", referral.reference or "")
    [answer] = await worker.outbox(kind="social_worker/window_command_unclear")
    text = text_of(answer)
    assert "If you meant EXTEND 7d, reply to this email with just this line:" in text
    assert "\n    EXTEND 7d\n" in text and "Or reply with one line such as" in text

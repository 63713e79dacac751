"""What a social worker reads when there is nothing to act on: the comparison when no
provider offered a place or asked for the papers says there is nothing to shortlist and
what can be done next, not how to shortlist; a form sent as a photo is told that one
problem, not every field "not given" before it; "see attached" with nothing attached is told
the attachment never arrived."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from tests.adapters.worker import make_worker, text_of
from tests.factories import REFERRER, referral_email


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, database_url)
    yield made
    await made.db.dispose()


async def test_a_comparison_with_no_options_gives_the_next_steps(worker: Any) -> None:
    await worker.receive(referral_email())
    worker.clock.advance(timedelta(days=1, minutes=1))  # nobody replied; the window closes
    await worker.engine.fire_due()
    [comparison] = await worker.outbox(kind="social_worker/comparison", to=REFERRER)
    text = text_of(comparison)
    assert "responses ready - none to consider" in comparison.subject
    assert "nothing to shortlist" in text and "UNMET no home could meet" in text
    assert "SHORTLIST A, C" not in text
    assert "\n      EXTEND 2d\n" in text  # ux49s U6: the line that gives providers more time


async def test_extend_after_nothing_to_shortlist_reopens_the_window(worker: Any) -> None:
    """ux49s W3: EXTEND, offered by the comparison with nothing to shortlist, opens the
    window again: the silent providers are told the new close, and the close compares."""
    await worker.receive(referral_email())
    worker.clock.advance(timedelta(days=1, minutes=1))
    await worker.engine.fire_due()
    [comparison] = await worker.outbox(kind="social_worker/comparison", to=REFERRER)
    await worker.receive(referral_email(
        "EXTEND 2d", subject=f"RE: {comparison.subject}", In_Reply_To=comparison.message_id,
        References=comparison.message_id))
    [referral] = await worker.referrals()
    assert referral.state == "open"
    [told] = await worker.outbox(kind="social_worker/window_changed", to=REFERRER)
    assert "is open again" in text_of(told)
    assert "have been told the new deadline" in text_of(told)
    assert "will be reminded" not in text_of(told)  # a reopened window has no reminders
    assert await worker.outbox(kind="provider/window_changed")  # the silent homes told
    worker.clock.advance(timedelta(days=2, minutes=1))
    await worker.engine.fire_due()
    assert len(await worker.outbox(kind="social_worker/comparison", to=REFERRER)) == 2


def _email(body: str, subject: str = "Referral") -> EmailMessage:
    """A social worker's email to referrals@ with `body` and no form."""
    message = EmailMessage()
    message["From"], message["To"] = REFERRER, "referrals@broker.localhost"
    message["Subject"], message["Date"] = subject, "Wed, 02 Dec 2026 09:00:00 +0000"
    message.set_content(body)
    return message


async def test_a_form_sent_as_a_photo_gets_that_one_problem(worker: Any) -> None:
    """Not every field "not given" with the picture last: the photo is the whole problem."""
    message = _email("Please see the referral attached.\n\nSam")
    message.add_attachment(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, maintype="image", subtype="png",
                           filename="referral form.png")
    await worker.receive(message)
    [answer] = await worker.outbox(kind="social_worker/problems", to=REFERRER)
    text = text_of(answer)
    assert "is a picture" in text and "we could not open your form" in answer.subject
    assert "no value was given" not in text


async def test_see_attached_with_nothing_attached_is_told_so(worker: Any) -> None:
    await worker.receive(_email("Hi, please see the referral attached. Thanks, Sam"))
    [answer] = await worker.outbox(kind="social_worker/no_form", to=REFERRER)
    assert "mentions an attachment, but none reached us" in text_of(answer)
    await worker.receive(_email("Hi, how do I refer a sibling group? Sam", "Question"))
    answers = await worker.outbox(kind="social_worker/no_form", to=REFERRER)
    assert "mentions an attachment" not in text_of(answers[-1])

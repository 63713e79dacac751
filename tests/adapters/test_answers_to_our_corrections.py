"""A social worker's reply to our "please correct" email, through the real worker: read
knowing what was asked (an answer in a sentence, a bare value under the one question, answers
typed under each quoted problem), and a value that does not read is named, never said to be
missing (outside round R23: I01, I02, I11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adapters.worker import make_worker, text_of
from tests.factories import SAMPLE_REFERRAL, referral_email


@pytest.fixture
async def worker(tmp_path: Path, sqlite_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, sqlite_url)
    yield made
    await made.db.dispose()


def _without(*labels: str) -> str:
    """The sample referral without the lines of `labels`; without its placement type, its note
    ("a referral for a residential placement") names none either, or the service would take
    the type from the note and ask nothing."""
    text = "\n".join(line for line in SAMPLE_REFERRAL.splitlines()
                     if not line.startswith(labels))
    if "Placement type" in labels:
        text = text.replace("a referral for a residential placement", "a referral")
    return text


async def _asked(worker, *labels: str):  # type: ignore[no-untyped-def]
    await worker.receive(referral_email(_without(*labels)))
    [request] = await worker.outbox(kind="social_worker/problems")
    return request


def _quoted(request) -> str:  # type: ignore[no-untyped-def]
    return "\n".join("> " + line if line else ">" for line in text_of(request).splitlines())


def _outlook_quote(request) -> str:  # type: ignore[no-untyped-def]
    return ("________________________________\nFrom: Placement referrals "
            "<referrals@broker.localhost>\nSent: 23 November 2026 09:31\n"
            f"To: Sam Taylor\nSubject: {request.subject}\n\n" + text_of(request))


async def _reply(worker, request, text: str):  # type: ignore[no-untyped-def]
    return await worker.receive(referral_email(
        text, subject=f"RE: {request.subject}", In_Reply_To=request.message_id,
        References=request.message_id))


async def test_two_answers_in_one_sentence_are_both_read(worker) -> None:  # type: ignore[no-untyped-def]
    request = await _asked(worker, "Date of birth", "Home postcode")
    inbound = await _reply(worker, request, (
        "Hi, sorry \u2013 DOB is 14/03/2012 and postcode is SE15 4QX.\n\nThanks\nSam\n\n"
        + _outlook_quote(request)))
    assert inbound.outcome == "open"
    [referral] = await worker.referrals()
    assert referral.raw_fields["date_of_birth"] == "14/03/2012"
    assert referral.raw_fields["home_postcode"] == "SE15 4QX"


async def test_a_bare_date_answers_the_one_date_asked(worker) -> None:  # type: ignore[no-untyped-def]
    request = await _asked(worker, "Date of birth")
    inbound = await _reply(worker, request, "14/03/2012\n\nOn Mon, 23 Nov 2026, Placement "
                           "referrals wrote:\n" + _quoted(request))
    assert inbound.outcome == "open"


async def test_answers_typed_under_each_quoted_problem_are_read(worker) -> None:  # type: ignore[no-untyped-def]
    request = await _asked(worker, "Date of birth", "Home postcode")
    lines, typed = _quoted(request).splitlines(), []
    for line in lines:
        typed.append(line)
        if "What we need: a date written" in line:
            typed += ["", "14/03/2012", ""]
        elif "What we need: a full UK postcode" in line:
            typed += ["", "SE15 4QX", ""]
    inbound = await _reply(worker, request, "See below\n\nOn Mon, 23 Nov 2026, Placement "
                           "referrals wrote:\n" + "\n".join(typed))
    assert inbound.outcome == "open"


async def test_a_bare_value_that_does_not_read_is_named_not_said_to_be_missing(worker) -> None:  # type: ignore[no-untyped-def]
    request = await _asked(worker, "Date of birth")
    await _reply(worker, request, "31/02/2012\n\n" + _quoted(request))
    second = (await worker.outbox(kind="social_worker/problems"))[-1]
    assert "31/02/2012" in text_of(second)
    assert "no value was given" not in text_of(second)


async def test_a_value_placed_in_no_field_is_asked_for_on_its_own_line(worker) -> None:  # type: ignore[no-untyped-def]
    request = await _asked(worker, "Date of birth", "Home postcode")
    await _reply(worker, request, "04/13/2012\n\n" + _quoted(request))
    second = (await worker.outbox(kind="social_worker/problems"))[-1]
    text = text_of(second)
    assert "no value was given" not in text
    assert "your reply held a value we could not tell was this one" in text


async def test_a_choice_in_a_sentence_beside_a_labelled_answer_is_read(worker) -> None:  # type: ignore[no-untyped-def]
    request = await _asked(worker, "Date of birth", "Placement type")
    await _reply(worker, request, "Sorry - DOB is 14/03/2012 and it's a foster placement we "
                 "need.\n\nSam\n\n" + _outlook_quote(request))
    [referral] = await worker.referrals()
    assert referral.raw_fields["date_of_birth"] == "14/03/2012"
    assert referral.raw_fields["placement_type"] == "fostering"


async def test_a_choice_named_but_denied_is_asked_plainly_not_said_to_be_missing(worker) -> None:  # type: ignore[no-untyped-def]
    request = await _asked(worker, "Placement type")
    await _reply(worker, request, "Not residential please, she wants a family.\n\n"
                 + _quoted(request))
    second = (await worker.outbox(kind="social_worker/problems"))[-1]
    text = text_of(second)
    assert "no value was given" not in text
    assert "your reply held a value we could not tell was this one" in text


async def _nhs_asked(worker):  # type: ignore[no-untyped-def]
    """The sample referral with an NHS number that fails its check: corrected, it is asked."""
    await worker.receive(referral_email(SAMPLE_REFERRAL.replace(
        "NHS number: 999 000 0115", "NHS number: 999 000 0019")))
    [request] = await worker.outbox(kind="social_worker/problems")
    assert "not a valid NHS number" in text_of(request)
    return request


async def test_an_instruction_in_reply_is_answered_as_one_never_read_as_the_value(worker) -> None:  # type: ignore[no-untyped-def]
    """rr25: 'EXTEND 2d' to our request for a corrected NHS number was answered "'EXTEND 2d'
    is not a valid NHS number". Rule an-instruction-is-no-value: it is the instruction, and
    EXTEND does nothing to a referral still waiting for its corrections."""
    request = await _nhs_asked(worker)
    await _reply(worker, request, "EXTEND 2d\n\nThanks\nSam\n\n" + _outlook_quote(request))
    assert len(await worker.outbox(kind="social_worker/problems")) == 1  # not asked again
    [answer] = await worker.outbox(kind="social_worker/instruction_refused")
    text = " ".join(text_of(answer).split())
    assert ("EXTEND has no effect now, because the referral is waiting for corrections to "
            "the form") in text
    assert "not a valid NHS number" not in text
    [referral] = await worker.referrals()
    assert referral.state == "incomplete"
    assert referral.raw_fields["nhs_number"] == "999 000 0019"


async def test_withdraw_in_reply_to_a_correction_request_withdraws(worker) -> None:  # type: ignore[no-untyped-def]
    request = await _nhs_asked(worker)
    await _reply(worker, request, "WITHDRAW the family found a kinship carer\n\n"
                 + _quoted(request))
    [referral] = await worker.referrals()
    assert referral.state == "withdrawn"


async def test_a_reply_that_says_more_than_an_instruction_is_still_the_form(worker) -> None:  # type: ignore[no-untyped-def]
    request = await _nhs_asked(worker)
    inbound = await _reply(worker, request, "Extend 2d\nNHS number: 999 000 0115\n\n"
                           + _quoted(request))
    assert inbound.outcome == "open"


async def test_a_reply_that_also_corrects_a_field_not_asked_corrects_it(worker) -> None:  # type: ignore[no-untyped-def]
    """Round R27 Y08: asked for the placement type, she gives it and, on the next line,
    corrects the date of birth in her words; the referral goes out with the new date of
    birth, never the form's old one with her correction dropped."""
    request = await _asked(worker, "Placement type")
    inbound = await _reply(worker, request, (
        "Placement type: Residential\nAlso sorry her DOB is 05/06/2012, not what I put on "
        "the form\n\nThanks\nSam\n\n" + _outlook_quote(request)))
    assert inbound.outcome == "open"
    [referral] = await worker.referrals()
    assert referral.raw_fields["date_of_birth"] == "05/06/2012"
    assert referral.raw_fields["placement_type"] == "Residential"

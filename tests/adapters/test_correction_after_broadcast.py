"""A correction to a referral that providers are answering reaches every provider that has it,
with what changed; one that cannot go is answered, and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.adapters.worker import Worker, header, text_of
from tests.factories import leaked, referral_email


async def _correct(worker: Worker, body: str, **headers: str) -> str:
    [referral] = await worker.referrals()
    [ack] = await worker.outbox(kind="social_worker/acknowledgement")
    message = referral_email(body, subject=f"Re: {referral.reference}",
                             In_Reply_To=header(ack, "Message-ID"), **headers)
    return (await worker.receive(message)).outcome


async def test_a_corrected_start_date_goes_to_every_provider_with_what_changed(
        worker: Worker) -> None:
    sent = await worker.outbox(kind="provider/referral")
    assert await _correct(worker, "Needed from: 08/12/2026") == "corrected"
    corrections = await worker.outbox(kind="provider/referral_corrected")
    assert sorted(c.to_addr for c in corrections) == sorted(r.to_addr for r in sent)
    by_address = {r.to_addr: header(r, "Reply-To") for r in sent}
    for correction in corrections:
        assert header(correction, "Reply-To") == by_address[correction.to_addr]
        text = text_of(correction)
        assert "Needed from\n  was: 1 December\n  now: 8 December" in text
        assert "Needed from: Tuesday 8 December 2026" in text  # the corrected referral
        assert "Casey" not in text and "999 000 0018" not in text  # anonymised as before
    [referral] = await worker.referrals()
    assert referral.anonymised["profile"]["needed_from"] == "2026-12-08"
    [told] = await worker.outbox(kind="social_worker/correction_sent")
    assert "sent to the 12 providers" in text_of(told)


async def test_a_correction_providers_do_not_see_is_recorded_and_not_sent(
        worker: Worker) -> None:
    assert await _correct(worker, "NHS number: 999 000 0026") == "corrected"
    assert await worker.outbox(kind="provider/referral_corrected") == []
    [referral] = await worker.referrals()
    assert referral.raw_fields["nhs_number"] == "999 000 0026"
    [told] = await worker.outbox(kind="social_worker/correction_sent")
    said = " ".join(text_of(told).split())
    assert ("is recorded: NHS number: 999 000 0026. Providers were not sent it, as they never "
            "see the NHS number.") in said


async def test_a_correction_that_changes_who_the_referral_fits_is_refused(
        worker: Worker) -> None:
    before = (await worker.referrals())[0].raw_fields
    assert await _correct(worker, "Placement type: fostering") == "correction-refused"
    assert await worker.outbox(kind="provider/referral_corrected") == []
    assert (await worker.referrals())[0].raw_fields == before
    [told] = await worker.outbox(kind="social_worker/correction_refused")
    assert "With the new Placement type, 12 providers that have the referral would no " \
        "longer fit it" in " ".join(text_of(told).split())
    assert "placements team has been told" in " ".join(text_of(told).split())
    # she is shown the line held, as she sent it, as the team is (R28 I05)
    assert "The correction held, as you sent it:\n\n    Placement type: fostering" in text_of(told)
    # the team is told what was held, whose providers it would drop, and what to do (R27 Z01)
    [team] = await worker.outbox(kind="placements_team/correction_held")
    said = " ".join(text_of(team).split())
    assert "Placement type: fostering" in said and "would no longer fit it: " in said
    assert len(said.split("would no longer fit it: ")[1].split(".")[0].split(", ")) == 12
    assert "withdraw the referral" in said


def test_one_provider_that_would_no_longer_fit_is_said_in_the_singular() -> None:
    from tests.snapshots import snapshot
    from workflows.correction import _fit_changed
    from workflows.states import State

    said = _fit_changed(snapshot(State.OPEN), {"date_of_birth": "14/03/2013"}, 1, 0)
    assert "1 provider that has the referral would no longer fit it" in said
    said = _fit_changed(snapshot(State.OPEN), {"date_of_birth": "14/03/2013"}, 4, 2)
    assert "4 providers that have the referral would no longer fit it and 2 that do " \
        "not have it would." in said


async def test_a_correction_with_a_problem_names_it_and_changes_nothing(
        worker: Worker) -> None:
    assert await _correct(worker, "Needed from: 31/02/2026") == "correction-refused"
    assert await worker.outbox(kind="provider/referral_corrected") == []
    [told] = await worker.outbox(kind="social_worker/correction_refused")
    assert "Needed from: '31/02/2026' is not a real date" in text_of(told)
    assert (await worker.referrals())[0].anonymised["profile"]["needed_from"] == "2026-12-01"


async def test_another_child_s_form_on_the_thread_is_not_sent_as_a_correction(
        worker: Worker) -> None:
    assert await _correct(worker, "Child's name: Brandon Fictional\nNeeded from: 08/12/2026"
                          ) == "correction-refused"
    assert await worker.outbox(kind="provider/referral_corrected") == []
    [told] = await worker.outbox(kind="social_worker/correction_refused")
    assert "looks like another child's referral" in text_of(told)


async def test_a_correction_replayed_goes_to_providers_once(worker: Worker) -> None:
    for _ in range(2):
        await _correct(worker, "Needed from: 08/12/2026", message_id="<fix.1@northby.gov.example>")
    assert len(await worker.outbox(kind="provider/referral_corrected")) == 12


@pytest.mark.parametrize(("correction", "old"), [
    ("Known as: Kiki", "Cee"),  # the old nickname is still in the unchanged background
    ("Home address: 4 Ashgrove Close, Quillan Heath", "Larkspur Row"),  # and the old street
])
async def test_an_identifier_corrected_is_still_hidden_where_the_text_keeps_it(
        worker: Worker, correction: str, old: str) -> None:
    assert not leaked([old], *[text_of(r) for r in await worker.outbox(kind="provider/referral")])
    assert await _correct(worker, correction) == "corrected"
    sent = [text_of(r) for r in await worker.outbox(kind="provider/referral_corrected")]
    [told] = await worker.outbox(kind="social_worker/correction_sent")
    assert leaked([old], *sent, text_of(told)) == []  # (nothing providers see changed, or
    # what changed is anonymised with the old identifiers as well as the new)
    [referral] = await worker.referrals()
    assert old not in str(referral.anonymised)


async def test_a_link_in_a_correction_goes_to_no_provider(worker: Worker) -> None:
    outcome = await _correct(worker, "Education: now at https://papers-portal.example/login")
    assert outcome == "correction-refused"
    assert await worker.outbox(kind="provider/referral_corrected") == []
    [told] = await worker.outbox(kind="social_worker/correction_refused")
    assert "web address" in text_of(told)


async def test_providers_are_sent_three_corrections_a_day_at_most(worker: Worker) -> None:
    outcomes = [await _correct(worker, f"Needed from: {day:02d}/12/2026") for day in range(8, 13)]
    assert outcomes == ["corrected"] * 3 + ["correction-refused"] * 2
    assert len(await worker.outbox(kind="provider/referral_corrected")) == 3 * 12
    refused = await worker.outbox(kind="social_worker/correction_refused")
    assert "3 corrections" in text_of(refused[0])
    worker.clock.advance(timedelta(days=1, minutes=1))
    assert await _correct(worker, "Needed from: 14/12/2026") == "corrected"


async def test_corrections_providers_never_saw_do_not_use_up_the_day_s_three(
        worker: Worker) -> None:
    """A corrected NHS number reaches no provider, so it leaves the three for what does."""
    for last in ("26", "34", "42"):
        assert await _correct(worker, f"NHS number: 999 000 00{last}") == "corrected"
    assert await _correct(worker, "Needed from: 08/12/2026") == "corrected"
    assert len(await worker.outbox(kind="provider/referral_corrected")) == 12


async def test_a_corrected_text_is_sent_without_its_old_words(worker: Worker) -> None:
    """She may be correcting it because something in it should never have gone."""
    before = (await worker.referrals())[0].anonymised["text"]["background"]
    assert await _correct(worker, "Background: Settled at school; no incidents since June."
                          ) == "corrected"
    for sent in await worker.outbox(kind="provider/referral_corrected"):
        text = text_of(sent)
        assert "now reads: Settled at school" in text
        assert "was:" not in text and before[:40] not in text.split("-" * 70)[0]


async def test_a_correction_with_extend_under_it_goes_and_names_the_extend_not_done(
        worker: Worker) -> None:
    """Rule `one-thing-per-email`: the correction goes; the EXTEND is named, never lost."""
    assert await _correct(worker, "Needed from: 08/12/2026\nEXTEND 2d") == "corrected"
    assert len(await worker.outbox(kind="provider/referral_corrected")) == 12
    assert await worker.outbox(kind="provider/window_changed") == []
    [referral] = await worker.referrals()
    assert referral.raw_fields["needed_from"] == "08/12/2026"
    [told] = await worker.outbox(kind="social_worker/correction_sent")
    said = " ".join(text_of(told).split())
    assert 'Not done: "EXTEND 2d". We act on one thing per email' in said
    assert "reply on this thread with just this line: EXTEND 2d" in said


async def test_extend_with_a_budget_line_extends_and_names_the_budget_not_made(
        worker: Worker) -> None:
    assert await _correct(worker, "EXTEND 2d\nWeekly budget: £5,400") == "extended"
    [referral] = await worker.referrals()
    assert referral.raw_fields.get("budget_weekly") != "£5,400"
    [told] = await worker.outbox(kind="social_worker/window_changed")
    said = " ".join(text_of(told).split())
    assert "has been extended" in said
    assert "which was not made" in said and "Weekly budget: £5,400" in said
    for email in await worker.outbox(kind="provider/window_changed"):
        assert "5,400" not in text_of(email)


async def test_a_correction_with_withdraw_under_it_goes_to_no_provider(
        worker: Worker) -> None:
    assert await _correct(worker, "Needed from: 08/12/2026\nWITHDRAW found an in-house carer"
                          ) == "nothing-done"
    assert await worker.outbox(kind="provider/referral_corrected") == []
    [referral] = await worker.referrals()
    assert referral.state == "open"
    [told] = await worker.outbox(kind="social_worker/not_done")
    said = " ".join(text_of(told).split())
    assert "nothing went to providers" in said and "WITHDRAW found an in-house carer" in said
    assert "Needed from: 08/12/2026" in said

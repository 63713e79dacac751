"""A message on a sent referral that does nothing is answered with what she meant: "Drop A
please" with `DROP A` (before: `DROP B`, which would drop the other home, under "already
been sent"), "Needed form: …" with the label it was like."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.worker import approved_with_offers, header, make_worker, text_of
from tests.factories import referral_email


async def test_a_drop_not_written_as_one_is_answered_with_her_own_letter(
        tmp_path: Path, database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        referral = await approved_with_offers(worker, homes=2)
        await worker.receive(referral_email("Drop A please - mum not happy with distance",
                                            subject=f"Re: {referral.reference}"))
        [answer] = await worker.outbox(kind="social_worker/already_sent")
        assert "    DROP A\n" in text_of(answer) and "DROP B" not in text_of(answer)
        assert "already been sent" not in text_of(answer)
        assert "nothing was done" in header(answer, "Subject")
    finally:
        await worker.db.dispose()


async def test_a_mistyped_label_is_named_and_the_right_one_suggested(
        tmp_path: Path, database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        await worker.receive(referral_email())
        [referral] = await worker.referrals()
        await worker.receive(referral_email("Needed form: 08/12/2026\n\nSam",
                                            subject=f"Re: {referral.reference}"))
        [answer] = await worker.outbox(kind="social_worker/already_sent")
        assert 'Did you mean "Needed from"?' in text_of(answer)
        assert "    Needed from: 08/12/2026\n" in text_of(answer)
        assert "already been sent" not in text_of(answer)
    finally:
        await worker.db.dispose()


async def test_a_shortlist_naming_letters_after_a_remark_is_asked_about_not_guessed(
        tmp_path: Path, database_url: str) -> None:
    """"SHORTLIST A (C is too far), B" typed on one line: A and B, or A, B and C? Nothing is
    shortlisted; she is shown the instruction with the letters outside the remark."""
    worker = await make_worker(tmp_path, database_url)
    try:
        referral = await approved_with_offers(worker, homes=3)
        asked = len(await worker.outbox(kind="commissioner/approval_request"))
        await worker.receive(referral_email("SHORTLIST A (C is too far from school), B\n"
                                            "Parents' views: happy\nChild's views: happy",
                                            subject=f"Re: {referral.reference}"))
        [answer] = await worker.outbox(kind="social_worker/already_sent")
        assert "    SHORTLIST A, B\n" in text_of(answer)
        assert "nothing was done" in header(answer, "Subject")
        assert len(await worker.outbox(kind="commissioner/approval_request")) == asked
    finally:
        await worker.db.dispose()


async def test_plain_words_meant_as_an_instruction_are_answered_with_it_and_not_acted_on(
        tmp_path: Path, database_url: str) -> None:
    """Rule `her-words-meant` (workflows/her_words.py): before, "kept on its record but not
    sent on", with no instruction shown."""
    worker = await make_worker(tmp_path, database_url)
    try:
        await worker.receive(referral_email())
        [referral] = await worker.referrals()
        await worker.receive(referral_email(
            "Hi, we've found a place in-house, please stop the search. Thanks for your help.",
            subject=f"Re: {referral.reference}"))
        [answer] = await worker.outbox(kind="social_worker/already_sent")
        assert "Nothing was done" in text_of(answer)
        assert "    WITHDRAW we've found a place in-house\n" in text_of(answer)
        assert "kept on its record" not in text_of(answer)
        [still] = await worker.referrals()
        assert still.state == "open"
    finally:
        await worker.db.dispose()


async def test_close_because_she_has_found_somewhere_is_answered_with_withdraw(
        tmp_path: Path, database_url: str) -> None:
    """Round R29's I08: "CLOSE – we've found somewhere" had been told only that it changed
    nothing; closing would leave the search going on. She is shown WITHDRAW, with what CLOSE
    would have done."""
    worker = await make_worker(tmp_path, database_url)
    try:
        await worker.receive(referral_email())
        [referral] = await worker.referrals()
        await worker.receive(referral_email("CLOSE – we've found somewhere\n\nSam",
                                            subject=f"Re: {referral.reference}"))
        [answer] = await worker.outbox(kind="social_worker/already_sent")
        text = " ".join(text_of(answer).split())
        assert "\n    WITHDRAW we've found somewhere\n" in text_of(answer)
        assert "CLOSE would only close the window" in text
        assert "nothing was done" in header(answer, "Subject")
        [still] = await worker.referrals()
        assert still.state == "open"
    finally:
        await worker.db.dispose()


async def test_more_providers_with_no_wave_left_says_all_have_it_and_tells_the_team(
        tmp_path: Path, database_url: str) -> None:
    """Round R29's I01: "can you send it to more providers" on a council with no cascade had
    been shown NEXT WAVE, which is refused there; every eligible provider already has it."""
    worker = await make_worker(tmp_path, database_url)
    try:
        await worker.receive(referral_email())
        [referral] = await worker.referrals()
        await worker.receive(referral_email(
            "can you send it to more providers please, we've had nothing back",
            subject=f"Re: {referral.reference}"))
        [answer] = await worker.outbox(kind="social_worker/already_sent")
        text = " ".join(text_of(answer).split())
        assert "NEXT WAVE" not in text
        assert "already gone to every eligible provider" in text
        assert "passed to your placements team" in text
        [passed] = await worker.outbox(kind="placements_team/social_worker_words")
        assert "more providers" in text_of(passed)
    finally:
        await worker.db.dispose()


async def test_a_request_no_instruction_meets_goes_to_the_placements_team_three_a_day(
        tmp_path: Path, database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        await worker.receive(referral_email())
        [referral] = await worker.referrals()
        for n in range(4):
            await worker.receive(referral_email(
                f"Please note there has been a change of social worker ({n}). Please send "
                "everything to Jordan Okafor, who is taking over the case.",
                subject=f"Re: {referral.reference}"))
        passed = await worker.outbox(kind="placements_team/social_worker_words")
        assert len(passed) == 3 and "Jordan Okafor" in text_of(passed[0])
        answers = await worker.outbox(kind="social_worker/already_sent")
        assert "passed to your placements team" in text_of(answers[0])
        assert "please write to them directly" in text_of(answers[-1])
    finally:
        await worker.db.dispose()


async def test_a_change_to_who_the_child_is_in_words_shows_its_line_and_goes_to_the_team(
        tmp_path: Path, database_url: str) -> None:
    """Round R27 Z02, Z06: "she's actually 13" and "her surname is actually …-Reid" were
    answered "your message changed nothing" with the example "Needed from: …"; they get the
    line under the form's label her words are about, and the placements team is told."""
    worker = await make_worker(tmp_path, database_url)
    try:
        await worker.receive(referral_email())
        [referral] = await worker.referrals()
        first = referral.raw_fields["child_name"].split()[0]
        for said in ("Just realised – she's actually 13, not 14. Sorry!",
                     "sorry her surname is actually Marlow-Reid (double barrelled), I missed "
                     "it off"):
            await worker.receive(referral_email(said, subject=f"Re: {referral.reference}"))
        age, name = [text_of(a) for a in await worker.outbox(kind="social_worker/already_sent")]
        assert "    Date of birth: dd/mm/yyyy\n" in age and "Needed from" not in age
        assert "with the right date in place of dd/mm/yyyy:" in age
        assert f"    Child's name: {first} Marlow-Reid\n" in name and "Needed from" not in name
        assert "passed your message to your placements team" in " ".join(name.split())
        passed = await worker.outbox(kind="placements_team/social_worker_words")
        assert len(passed) == 2 and "Marlow-Reid" in text_of(passed[1])
        # round ux48 U3: the team is told what her words seem to change, and what happens
        to_team = [" ".join(text_of(p).split()) for p in passed]
        assert passed[0].subject.startswith(f"{referral.reference}: the social worker may be "
                                            "correcting the child's date of birth")
        assert "This looks like a change to the child's date of birth. Nothing was changed" \
            in to_team[0] and 'asked to send it as the line "Date of birth: …"' in to_team[0]
        assert "it will be held, not sent, and you will be emailed to decide" in to_team[0]
        assert "a change to the child's name" in to_team[1] and first not in to_team[1]
        assert "acts only on instructions written as they are documented" not in to_team[1]
        assert await worker.outbox(kind="provider/referral_corrected") == []
        assert (await worker.referrals())[0].raw_fields == referral.raw_fields
    finally:
        await worker.db.dispose()

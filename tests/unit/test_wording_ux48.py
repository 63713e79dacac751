"""The wording of the emails a reader found at fault (round ux48), each rendered from its
real template: a subject on one line, no sentence run into the next, and no promise the
service does not keep."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from typing import Any

from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import KESTREL, SW, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.states import State

REF = "REF-2026-350224"
SENT_AT = datetime(2026, 12, 7, 10, tzinfo=UTC)


def _render(template: str, **context: Any) -> tuple[str, str]:
    """The subject and the plain body the template gives for `context`."""
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    command = SendEmail(key="k", template=template, to="someone@northby.gov.example",
                        context={"reference": REF, **context})
    message = message_from_bytes(renderer.render(command, SENT_AT).raw, policy=policy.default)
    subject = str(message["Subject"]).split(" [#")[0]  # without the recipient's code
    return subject, message.get_body(("plain",)).get_content()


def _flat(text: str) -> str:
    return " ".join(text.split())


# W1: a report of the child's safety
_SAFETY = {"establishment": "Larch View", "provider": "referrals@larchcare.example",
           "placed": True, "safety": True, "decision": "offer",
           "words": "“She went missing at 11pm and was returned by police at 2am.”"}


def test_a_safety_report_s_subject_is_one_line_and_its_body_says_who_answers() -> None:
    for template in ("placements_team/provider_words", "social_worker/provider_words"):
        subject, body = _render(template, **_SAFETY)
        assert subject.startswith(f"{REF}: Larch View wrote about the child's safety")
        assert "where the child" not in subject and "wrote about referral" not in subject
        said = _flat(body)
        assert "This message is about the child's safety." in said
        assert "agree" in said and "today which of you answers Larch View" in said
        assert "records nothing" not in said and "ENDED" not in said


def test_a_safety_report_to_the_team_says_it_went_to_both() -> None:
    _, body = _render("placements_team/provider_words", **_SAFETY)
    assert "went to both the placements team and the social worker" in _flat(body)


def test_words_not_about_safety_keep_the_ending_instruction() -> None:
    subject, body = _render("placements_team/provider_words", **{**_SAFETY, "safety": False})
    assert subject.endswith("Larch View wrote about the placement")
    assert "records nothing" in body and "ENDED 01/03/2027" in body


# W2: the placed notice's start date and agreement
def test_the_placed_notice_s_start_date_and_agreement_are_apart() -> None:
    _, body = _render("social_worker/placed", option={"home": "Larch View"}, fee=4200,
                      start_date=date(2026, 12, 14), start_on_record=date(2026, 12, 7),
                      agreement="IPA-REF-2026-350224", placements_team="placements@n.example",
                      summary_stopped=False)
    assert "its offer said Monday 7 December 2026)\n\nThe agreement: IPA-" in body


# W3 and U5: answers to a message that changed nothing
_STATE = {"state": "open", "team": "placements@northby.gov.example"}


def test_a_date_of_birth_in_words_is_answered_without_false_promises() -> None:
    _, body = _render("social_worker/already_sent", suggested=["Date of birth: dd/mm/yyyy"],
                      suggested_filled=False, passed_on="sent", **_STATE)
    said = _flat(body)
    assert "Nothing has changed yet" in said
    assert "with the right date in place of dd/mm/yyyy: Date of birth: dd/mm/yyyy" in said
    assert "Providers never see the child's date of birth, only the age." in said
    assert "the correction will not be sent, and your placements team will tell you" in said
    assert "passed your message to your placements team (placements@northby" in said
    assert "every provider" not in said and "budget" not in said
    assert "who the child is" not in said


def test_a_mistyped_instruction_is_told_the_word_goes_first_in_capitals() -> None:
    _, body = _render("social_worker/already_sent", meant="WITHDRAW no longer needed",
                      **_STATE)
    assert "its word, in capitals, is the very first thing on the first line" in _flat(body)


# U1 and U2: what one email did not do
def test_a_correction_recorded_only_shows_the_line_and_what_providers_never_see() -> None:
    _, body = _render("social_worker/correction_sent", changes=[], providers=12,
                      recorded=["Weekly budget: £5,200"], unseen=["Weekly budget"])
    said = _flat(body)
    assert (f"Your correction to referral {REF} is recorded: Weekly budget: £5,200. Providers "
            "were not sent it, as they never see the weekly budget.") in said
    assert "names, dates of birth or numbers" not in said


def test_an_instruction_not_done_under_a_correction_is_named() -> None:
    _, body = _render("social_worker/correction_sent", changes=[], providers=12,
                      recorded=["Weekly budget: £5,200"], unseen=["Weekly budget"],
                      not_done={"kind": "instruction", "lines": ["EXTEND 2d"], "open": True})
    said = _flat(body)
    assert ('Not done: "EXTEND 2d". We act on one thing per email, and this one\'s was your '
            "correction. To do it, reply on this thread with just this line: EXTEND 2d") in said
    assert "the correction above was that thing" not in said


def test_a_correction_under_a_withdrawal_says_the_referral_is_withdrawn() -> None:
    _, body = _render("social_worker/correction_sent", changes=[], providers=0,
                      not_done={"kind": "correction", "lines": ["Weekly budget: £5,200"],
                                "open": False, "state": "withdrawn"})
    assert ('Your email also had a correction ("Weekly budget: £5,200"). It was not made: the '
            "referral is withdrawn, so nothing more goes to providers. If the record needs "
            "it, tell your placements team.") in _flat(body)


# U4: a correction held for the team
def test_a_held_correction_asks_the_team_to_decide_and_says_how_to_withdraw() -> None:
    subject, body = _render("placements_team/correction_held",
                            referrer="sam.taylor@northby.gov.example",
                            lines=["Date of birth: 05/06/2013"], dropped=["Larch View"],
                            gained=1)
    said = _flat(body)
    assert subject == f"{REF}: correction held – your decision needed"
    assert ": these" not in said and "fit it: Larch View." in said
    assert "1 provider that does not have it would fit it." in said
    assert ("replying to this email with WITHDRAW and the reason on the first line" in said)
    assert "sam.taylor@northby.gov.example sends the corrected form as a new referral" in said


# U13: the placed home's own answer to its safety report
def _closed_note(text: str) -> tuple[str, str]:
    """The note the placed home gets for `text` sent to its old reply address, rendered."""
    reply = Reply(sender=KESTREL, subject=f"Re: {REF}", message_id="<r1@kestrel.example>",
                  fields={}, body_text=text, sent_on=date(2026, 12, 7))
    decision = decide(snapshot(State.PLACED), ReplyReceived(
        actor=actor(KESTREL), key="r1", establishment="kestrel-house", reply=reply))
    [note] = [c for c in decision.commands if isinstance(c, SendEmail)
              and c.template == "provider/referral_closed"]
    return _render("provider/referral_closed", **note.context)


def test_a_placed_home_s_safety_report_is_told_who_has_it_and_to_phone_if_at_risk() -> None:
    _, body = _closed_note("Maddie went missing at 11pm and was returned by police at 3am.")
    said = _flat(body)
    assert "passed to the placements team and the social worker, who will answer you" in said
    assert ("If the young person is at risk now, also phone the council's emergency duty "
            "team as usual: do not wait for an email.") in said
    assert "no longer takes answers" not in said and "ENDED 01/03/2027" in said
    assert "Maddie" not in said and " she " not in said


def test_other_words_from_the_placed_home_are_told_where_they_went() -> None:
    _, body = _closed_note("Could you send us her health passport please?")
    said = _flat(body)
    assert "has been passed to the placements team, who will answer you" in said
    assert "emergency duty team" not in said and "no longer takes answers" not in said


# U12: the chosen home asks its fee from a later start
def test_a_counter_with_a_new_start_is_said_plainly_with_the_home_s_words_apart() -> None:
    from tests.unit.test_counter_start import _negotiating, _reply, _text

    held = _reply(_negotiating(), "We can do £4,500 from 21/12.\n\nJo Bell\nDeputy Manager", 1)
    told = _text(held, "social_worker/chosen_reply_unread", SW)
    assert "In its words: “We can do £4,500 from 21/12.” AGREE won't accept this" in told
    assert "Jo Bell" not in told and "Deputy Manager" not in told
    assert " If it has withdrawn" not in told


def test_the_home_is_never_told_of_the_social_worker_as_she() -> None:
    """A provider email speaks of the social worker as "they" (round ux48)."""
    from tests.unit.test_counter_start import _negotiating, _reply, _text

    home = _text(_reply(_negotiating(), "We can do £4,500 from 21/12.", 1), "provider/fee_unclear")
    assert "if they accept it, they will propose £4,500" in home and " she " not in home


# ux49s W2: a change in her words is answered in the words of the field it changes
def test_a_budget_in_words_is_answered_as_the_budget_never_sent_to_providers() -> None:
    _, body = _render("social_worker/already_sent", suggested=["Weekly budget: £5,600"],
                      **_STATE)
    said = _flat(body)
    assert "To correct the weekly budget, reply to this email with just this line" in said
    assert "Providers never see the weekly budget, so that correction is recorded" in said
    assert "details is" not in said and "child's name" not in said
    assert "every provider" not in said


def test_a_needed_from_and_urgency_in_words_say_providers_are_sent_the_change() -> None:
    _, body = _render("social_worker/already_sent",
                      suggested=["Urgency: emergency", "Needed from: 11/12/2026",
                                 "Weekly budget: £5,600"], **_STATE)
    said = _flat(body)
    assert ("To correct the urgency and the day the place is needed from and the weekly "
            "budget, reply to this email with just these lines") in said
    assert ("The change to the urgency and the day the place is needed from goes to every "
            "provider that has the referral.") in said
    assert "Providers never see the weekly budget" in said

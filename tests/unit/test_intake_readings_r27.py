"""Referral intake readings of round R27, before a referral goes out: a reply to our
"please correct" email that corrects a field not asked (Y08), a needed-from day left from an
older form (X03, rule `needed-from-long-past`), an Outlook list in a Needs cell given by both
of an email's parts (Y03), and the answer to a form's file we cannot read (W05)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from broker.forms import read_message
from broker.forms.noted_changes import Addition, changes_noted
from broker.forms.referral import check_referral
from broker.referral import FieldProblem
from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import SW, actor, snapshot
from tests.unit.test_forms_referral_round8 import ON, REFERRAL, _email
from tests.unit.test_lifecycle import FORM
from workflows.classify import form_message
from workflows.commands import SendEmail
from workflows.events import FormReceived
from workflows.lifecycle import decide
from workflows.needed import LONG_PAST, long_past
from workflows.snapshot import Decision
from workflows.states import State

# --- Y08: a reply that also corrects a field the request did not ask for


def _incomplete_without_type() -> object:
    fields = {key: value for key, value in FORM.fields.items() if key != "placement_type"}
    form = replace(FORM, fields=fields, text="")
    new = snapshot(State.NEW)
    new = replace(new, referral=replace(new.referral, raw_fields={}))
    decision = decide(new, FormReceived(actor=actor(SW), key="k", form=form))
    assert decision.snapshot.state == State.INCOMPLETE
    return decision.snapshot


def _replied(body: str) -> Decision:
    read = read_message(_email(body), REFERRAL, new_text_only=True)
    form = replace(form_message(read, SW), sent_on=FORM.sent_on)
    return decide(_incomplete_without_type(),  # type: ignore[arg-type]
                  FormReceived(actor=actor(SW), key="k2", form=form))


def test_a_note_under_an_answer_is_read_as_a_note_not_more_of_the_answer() -> None:
    read = read_message(_email("Placement type: Residential\nAlso sorry her DOB is 05/06/2012,"
                               " not what I put on the form\n"), REFERRAL, new_text_only=True)
    assert read.fields == {"placement_type": "Residential", "date_of_birth": "05/06/2012"}


def test_a_reply_correcting_a_field_not_asked_goes_out_with_the_correction() -> None:
    decision = _replied("Placement type: Residential\nAlso sorry her DOB is 05/06/2012, "
                        "not what I put on the form\n")
    assert decision.snapshot.state == State.OPEN
    assert decision.snapshot.referral.raw_fields["date_of_birth"] == "05/06/2012"


def test_a_reply_adding_a_need_keeps_the_forms_needs() -> None:
    before = FORM.fields["needs"]
    decision = _replied("Placement type: Residential\n\nSorry, needs now also include CSE\n")
    needs = decision.snapshot.referral.raw_fields["needs"]
    assert needs.startswith(before) and needs.endswith("CSE")


# --- R28 C01, C03, C04: a note under the answer in other words, taken as a change


@pytest.mark.parametrize(("note", "key", "value"), [
    ("DOB is right, it's the postcode that's wrong: SE15 3RT", "home_postcode", "SE15 3RT"),
    ("The postcode is wrong \u2013 ZZ99 4AB", "home_postcode", "ZZ99 4AB"),
    ("Her DOB is incorrect, it should be: 05/06/2012", "date_of_birth", "05/06/2012"),
    ("Postcode should be: ZZ99 4AB", "home_postcode", "ZZ99 4AB"),
    ("PS budget now agreed at \u00a35,500 a week", "budget_weekly", "\u00a35,500 a week"),
    ("Start date has now been agreed as 21/12/2026", "needed_from", "21/12/2026"),
])
def test_a_note_saying_a_field_is_wrong_or_agreed_gives_its_new_value(
        note: str, key: str, value: str) -> None:
    assert changes_noted([note], REFERRAL) == {key: value}


def test_a_note_that_a_list_should_also_include_an_item_adds_it() -> None:
    [(key, added)] = changes_noted(["Needs should also include self-harm"], REFERRAL).items()
    assert (key, added) == ("needs", "self-harm") and isinstance(added, Addition)


@pytest.mark.parametrize("note", [
    "The budget agreed at panel is being reviewed", "the postcode is wrong, I'll check it",
    "Budget is \u00a35,500",  # a sum only where a note says it changed
])
def test_a_field_said_wrong_or_agreed_without_a_value_of_it_is_no_change(note: str) -> None:
    assert changes_noted([note], REFERRAL) == {}


@pytest.mark.parametrize(("note", "key", "value"), [
    ("DOB is right, it's the postcode that's wrong: SE15 3RT", "home_postcode", "SE15 3RT"),
    ("PS budget now agreed at \u00a35,500 a week", "budget_weekly", "\u00a35,500 a week"),
])
def test_a_reply_with_a_field_corrected_in_other_words_goes_out_with_it(
        note: str, key: str, value: str) -> None:
    decision = _replied(f"Placement type: Residential\n{note}\n")
    assert decision.snapshot.state == State.OPEN
    assert decision.snapshot.referral.raw_fields[key] == value


def test_a_reply_saying_needs_should_also_include_one_keeps_the_forms_needs() -> None:
    before = FORM.fields["needs"]
    decision = _replied("Placement type: Residential\nNeeds should also include self-harm\n")
    assert decision.snapshot.state == State.OPEN
    needs = decision.snapshot.referral.raw_fields["needs"]
    assert needs.startswith(before) and needs.endswith("self-harm")


# --- X03: rule `needed-from-long-past`


def test_a_day_long_past_is_long_past_unless_the_referral_is_an_emergency() -> None:
    on = date(2026, 12, 7)
    assert long_past(date(2026, 9, 1), "urgent", on)
    assert long_past(on - LONG_PAST - timedelta(days=1), "planned", on)
    assert long_past(date(2026, 9, 1), None, on)  # urgency not read: asked too
    assert not long_past(on - LONG_PAST, "urgent", on)  # two weeks ago: needed now
    assert not long_past(date(2026, 9, 1), "emergency", on)
    assert not long_past(None, "urgent", on)


def _sent(needed: str, urgency: str = "Urgent") -> Decision:
    form = replace(FORM, fields={**FORM.fields, "needed_from": needed, "urgency": urgency})
    return decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=form))


def test_a_needed_from_day_left_from_an_older_form_is_asked_before_sending() -> None:
    decision = _sent("01/09/2026")  # the form's email was sent on 25 November
    assert decision.snapshot.state == State.INCOMPLETE
    [asked] = [c for c in decision.commands if isinstance(c, SendEmail)]
    [problem] = asked.context["problems"]
    assert problem.field == "needed_from" and "Tuesday 1 September 2026" in problem.problem
    assert "older form" in problem.problem and "today" in problem.example


@pytest.mark.parametrize(("needed", "urgency"), [("01/09/2026", "Emergency"),
                                                 ("20/11/2026", "Urgent")])
def test_an_emergencys_past_day_or_one_days_past_goes_out_as_needed_now(
        needed: str, urgency: str) -> None:
    assert _sent(needed, urgency).snapshot.state == State.OPEN


def test_today_in_answer_to_the_question_sends_it() -> None:
    asked = _sent("01/09/2026").snapshot
    read = read_message(_email("Needed from: today\n"), REFERRAL, new_text_only=True)
    form = replace(form_message(read, SW), sent_on=FORM.sent_on)
    decision = decide(asked, FormReceived(actor=actor(SW), key="k2", form=form))
    assert decision.snapshot.state == State.OPEN


# --- Y03: an Outlook list in a table's cell, in both parts


def test_a_bulleted_list_in_both_parts_of_an_outlook_email_is_one_value() -> None:
    rows = [("Child's name", "Ellie Brannock"), ("Date of birth", "14/03/2012"),
            ("Gender", "Female"), ("Home postcode", "ZZ99 4QT"),
            ("Placement type", "Residential"), ("Urgency", "Urgent"),
            ("Needed from", "14/12/2026"), ("Needs", "")]
    plain = "Hi,\n\n" + "\n".join(f"{k}: {v}" if v else
                                  "Needs:\n- SEMH\n- Self-harm\n- Missing episodes"
                                  for k, v in rows) + "\n\nMany thanks,\nSam\n"
    cells = "".join(f"<tr><td><b>{k}</b></td><td>" + (
        v or "<ul><li>SEMH</li><li>Self-harm</li><li>Missing episodes</li></ul>")
        + "</td></tr>" for k, v in rows)
    message = EmailMessage()
    message["From"], message["To"] = SW, "referrals@broker.localhost"
    message["Subject"], message["Date"] = "Referral", "Thu, 03 Dec 2026 09:00:00 +0000"
    message.set_content(plain)
    message.add_alternative(f'<html><body><p>Hi,</p><table class="MsoTableGrid" border="1">'
                            f"{cells}</table><p>Sam</p></body></html>", subtype="html")
    read = read_message(bytes(message), REFERRAL)
    assert "needs" not in read.conflicts
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON)
    assert form.needs == ["semh", "self-harm", "missing"]
    assert not [p for p in problems if p.field == "needs"]


# --- W05: a form's file we cannot read


def _problems_email(*problems: FieldProblem) -> str:
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    command = SendEmail(key="REF-2026-000001:problems:x", template="social_worker/problems",
                        to=SW, context={"reference": "REF-2026-000001", "subject": "Referral",
                                        "problems": list(problems), "changed": [],
                                        "unread": []})
    rendered = renderer.render(command, datetime(2026, 12, 7, 9, tzinfo=UTC))
    body = message_from_bytes(rendered.raw, policy=policy.default).get_body(("plain",))
    assert body is not None
    return str(body.get_content())


_DOC = FieldProblem("attachment", "Attachment", "The attachment 'Referral form.doc' is an "
                    "older Word document (.doc), which we cannot read; please send the form "
                    "as a .docx file or paste it into the email",
                    "a .docx Word file, or the form pasted in")
_DOB = FieldProblem("date_of_birth", "Date of birth", "no value was given",
                    "a UK date such as 14/03/2012")


def test_a_file_we_cannot_read_is_asked_for_whole_never_as_corrected_lines() -> None:
    text = " ".join(_problems_email(_DOC).split())
    assert "just the corrected lines" not in text
    assert "do not need to send the whole form" not in text
    assert "please send the form as a .docx file or paste it into the email." in text


def test_a_file_we_cannot_read_alone_is_one_request_without_a_list() -> None:
    """Round ux48 U7: the .doc alone was "please correct 1 thing", a numbered list and "What
    we need"; it is one request, with how to save it as .docx, the referral kept."""
    body = _problems_email(_DOC)
    text = " ".join(body.split())
    assert "\n1. " not in body and "What we need" not in body
    assert "correct the following" not in text
    assert "(To save it as .docx in Word: File > Save As > Word Document.)" in text
    assert "kept as REF-2026-000001. Nothing has been sent to any provider yet." in text


def test_a_needed_from_day_long_past_is_answered_with_its_own_label_and_the_email_s_day() -> None:
    """Round ux48 U6: the example line was "Date of birth: 14/03/2012" and "What we need" gave
    a fixed day now past; both are the needed-from day's, from the day of the email."""
    decision = _sent("01/09/2026")
    [asked] = [c for c in decision.commands if isinstance(c, SendEmail)]
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    rendered = renderer.render(asked, datetime(2026, 12, 7, 9, tzinfo=UTC))
    body = str(message_from_bytes(rendered.raw, policy=policy.default).get_body(
        ("plain",)).get_content())
    day = f"{FORM.sent_on:%d/%m/%Y}"
    assert f'(for example "Needed from: {day}")' in " ".join(body.split())
    assert f'What we need: a UK date such as {day}, or "today".' in body
    assert "Date of birth: 14/03/2012" not in body and "01/12/2026" not in body
    assert "form again.\n\n1. Needed from:" in body


def test_a_field_alone_is_still_asked_for_in_its_corrected_line() -> None:
    text = " ".join(_problems_email(_DOB).split())
    assert "just the corrected lines" in text

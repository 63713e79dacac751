"""Rendering: deadlines in words, real MIME with the headers replies depend on."""

import hashlib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from email import message_from_bytes, policy

import pytest

from broker.forms.response import ParsedResponse
from broker.tokens import subject_code
from channels.email.render import TEMPLATES, EmailRenderer, day, duration_words, money, when
from workflows.commands import SendEmail
from workflows.responses import details, said_by_the_home


@pytest.mark.parametrize("moment,expected", [
    (datetime(2026, 11, 24, 17, 0, tzinfo=UTC), "5:00pm on Tuesday 24 November 2026"),
    (datetime(2026, 7, 1, 8, 30, tzinfo=UTC), "9:30am on Wednesday 1 July 2026"),  # BST
])
def test_deadlines_read_in_uk_time(moment: datetime, expected: str) -> None:
    assert when(moment) == expected


@pytest.mark.parametrize("delta,expected", [(timedelta(hours=2), "2 hours"),
                                            (timedelta(hours=24), "24 hours"),
                                            (timedelta(days=5), "5 days"),
                                            (timedelta(minutes=30), "30 minutes"),
                                            (timedelta(seconds=90), "1 minute"),
                                            (timedelta(seconds=45), "45 seconds")])
def test_windows_read_in_words(delta: timedelta, expected: str) -> None:
    assert duration_words(delta) == expected


def test_days_and_money_read_as_people_write_them() -> None:
    assert day(date(2026, 12, 1)) == "Tuesday 1 December 2026"
    assert day(None) == "not given"
    assert money(Decimal("4250")) == "£4,250"
    assert money(Decimal("4250.50")) == "£4,250.50"


def _command(**overrides: object) -> SendEmail:
    base = dict(key="REF-2026-000001:already-sent:x", template="social_worker/already_sent",
                to="sam@northby.gov.example",
                context={"reference": "REF-2026-000001", "state": "open", "subject": "Re"},
                reply_to="r+abc@broker.localhost", in_reply_to="<a@b>", references=("<a@b>",))
    base.update(overrides)
    return SendEmail(**base)  # type: ignore[arg-type]


def test_a_rendered_email_carries_its_identity_and_thread_headers() -> None:
    renderer = EmailRenderer("broker.localhost", "Referrals <referrals@broker.localhost>",
                             [TEMPLATES], secret=b"test-secret")
    rendered = renderer.render(_command(), datetime(2026, 11, 23, 9, tzinfo=UTC))
    message = message_from_bytes(rendered.raw, policy=policy.default)
    assert message["Message-ID"] == rendered.message_id
    assert rendered.message_id.endswith("@broker.localhost>")
    assert message["Reply-To"] == "r+abc@broker.localhost"
    assert message["In-Reply-To"] == "<a@b>"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Subject"] == rendered.subject
    assert "REF-2026-000001" in rendered.subject
    assert "REF-2026-000001" in message.get_body(("plain",)).get_content()


def test_the_same_key_renders_the_same_message_id_and_another_key_another() -> None:
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    first = renderer.render(_command(), now).message_id
    assert renderer.render(_command(), now).message_id == first
    assert renderer.render(_command(key="other"), now).message_id != first
    # Keyed with the secret: the command key's public parts do not give the ID away.
    assert hashlib.sha256(_command().key.encode()).hexdigest()[:24] not in first
    other_service = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                                  secret=b"another-secret")
    assert other_service.render(_command(), now).message_id != first


def test_a_template_missing_a_value_is_an_error_not_a_blank() -> None:
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    with pytest.raises(Exception, match="reference|undefined"):
        renderer.render(_command(context={"state": "open", "subject": "x"}),
                        datetime(2026, 11, 23, tzinfo=UTC))


PROFILE = {"authority": "Northby Council", "age": 14, "gender": "female", "area": "SE15",
           "placement_type": "residential", "urgency": "urgent", "needed_from": "2026-12-01",
           "duration": None, "siblings": 1, "needs": ["semh"], "legal_status": None,
           "ethnicity": None, "religion": None, "language": None}
TEXT = dict.fromkeys(("background", "strengths", "wishes", "location", "education"))


@pytest.mark.parametrize("template,context,subject", [
    ("social_worker/acknowledgement",
     {"reference": "REF-2026-000001", "providers": 12, "deadline": datetime(2026, 11, 24,
                                                                             tzinfo=UTC),
      "window": timedelta(hours=24), "subject": "", "profile": PROFILE, "text": TEXT,
      "wave_name": "", "later_waves": []},
     "REF-2026-000001: your referral has gone to 12 providers"),
    ("social_worker/acknowledgement",
     {"reference": "REF-2026-000001", "providers": 0, "deadline": datetime(2026, 11, 24,
                                                                            tzinfo=UTC),
      "window": timedelta(hours=24), "subject": "", "profile": PROFILE, "text": TEXT,
      "wave_name": "", "later_waves": []},
     "REF-2026-000001: your referral matched no provider"),
    ("social_worker/window_changed",
     {"reference": "REF-2026-000001", "action": "extend",
      "deadline": datetime(2026, 11, 25, 17, tzinfo=UTC)},
     "REF-2026-000001: window extended to 5:00pm on Wednesday 25 November 2026"),
])
def test_subjects_are_one_line_and_never_swallow_the_body(template, context, subject) -> None:  # type: ignore[no-untyped-def]
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    rendered = renderer.render(_command(template=template, context=context),
                               datetime(2026, 11, 23, tzinfo=UTC))
    code = subject_code(b"test-secret", "sam@northby.gov.example", "REF-2026-000001")
    assert rendered.subject == f"{subject} [#{code}]"  # her code for the referral, last


def test_a_providers_words_stand_quoted_on_one_line_in_our_emails() -> None:
    """A provider's additional costs written to look like the council's own lines (a rule,
    "Message from … Finance", a right-to-left override) reach the budget holder on one line,
    in quotation marks, without the control characters, and cut to a reasonable length."""
    hostile = ("£300 a week for 1:1 support\n-----\nMessage from Northby Council Finance: "
               "this fee was pre-approved by the Head of Service, please reply SIGN OFF "
               "today.\n-----\u202e\u200b" + "x" * 2000)
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    rendered = renderer.render(_command(
        template="budget_holder/sign_off_request", to="olivia.price@northby.gov.example",
        context={"reference": "REF-2026-000001", "home": "Larch House",
                 "agreed_fee": "4000.00", "requested_fee": "4000.00", "limit": "6000.00",
                 "social_worker": "sam@northby.gov.example", "additional_costs": hostile}),
        datetime(2026, 11, 23, 9, tzinfo=UTC))
    body = message_from_bytes(rendered.raw, policy=policy.default).get_body(
        ("plain",)).get_content()
    [line] = [text for text in body.splitlines() if "Message from" in text]
    assert "it wrote: “£300 a week for 1:1 support ----- Message from Northby" in line
    assert "\u202e" not in body and "\u200b" not in body
    assert "-----" not in [text.strip() for text in body.splitlines()]
    assert "x" * 400 not in body and "…”" in line


def test_a_late_offer_reads_as_words_for_the_social_worker() -> None:
    """Not the provider's acknowledgement, nor stored values ("Weekly fee: 4500.0")."""
    offer = ParsedResponse(decision="offer", weekly_fee=Decimal("4500"),
                           available_from=date(2026, 12, 1), proposal="Ring me\nto visit")
    renderer = EmailRenderer("broker.localhost", "Referrals <referrals@broker.localhost>",
                             [TEMPLATES], secret=b"test-secret")
    rendered = renderer.render(_command(
        template="social_worker/late_response",
        context={"reference": "REF-2026-000001", "establishment": "Larch View", "late": True,
                 "said": said_by_the_home(offer, day), "details": details(offer, day),
                 "response": {}}), datetime(2026, 12, 2, 9, tzinfo=UTC))
    text = message_from_bytes(rendered.raw, policy=policy.default).get_body(
        ("plain",)).get_content()
    assert ("Larch View offered a place at £4,500 a week from Tuesday 1 December 2026."
            in text)
    assert "Weekly fee: £4,500 a week" in text and "What the home says: “Ring me to visit”" in text
    assert "We have your offer" not in text and "4500.0" not in text


def test_an_answered_question_replied_to_the_social_worker_carries_no_code() -> None:
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    command = SendEmail(key="q", template="commissioner/question_answered",
                        to="alex.morgan@northby.gov.example",
                        context={"reference": "REF-2026-000001", "round": 1,
                                 "question": "Why this home?", "answer": "It is near school.",
                                 "by": "sam.taylor@northby.gov.example"},
                        reply_to="sam.taylor@northby.gov.example")
    rendered = renderer.render(command, datetime(2026, 11, 23, 9, tzinfo=UTC))
    assert "[#" not in rendered.subject and "REF-2026-000001" in rendered.subject
    message = message_from_bytes(rendered.raw, policy=policy.default)
    assert message["Reply-To"] == "sam.taylor@northby.gov.example"

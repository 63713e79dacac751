"""A referral's subject is what a provider's placement officer triages on, dozens a day: it
names its deadline first (short) and its council, the urgency, the placement, the child's
gender and age (as "F14", which broker/forms/other_referrals.py reads), the area, the first
three needs, the home and last the reference, in not much over 100 characters, and nothing
that identifies the child. A reply that
leaves our subject as it is adds no answer to it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy

import pytest

from broker.directory import load_directory
from broker.forms.other_referrals import for_another_child
from broker.forms.response import read_response
from broker.offline import anonymise_file
from broker.tokens import subject_code
from channels.email.render import TEMPLATES, EmailRenderer, when_short
from tests.factories import CONFIG, RESPONSE_SPEC, make_settings
from workflows.commands import SendEmail

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def subject(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample referral's subject, as Larch House receives it."""
    settings = make_settings(tmp_path_factory.mktemp("r"), "sqlite+aiosqlite://")
    anonymised = anonymise_file(settings, CONFIG / "samples" / "referral.txt",
                                load_directory(CONFIG))
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    rendered = renderer.render(SendEmail(
        key="REF-2026-000123:referral:larch", template="provider/referral",
        to="larch.house@larchcare.example",
        context={"reference": "REF-2026-000123", "deadline": NOW + timedelta(hours=24),
                 "window": timedelta(hours=24), **anonymised, "establishment": "Larch House",
                 "organisation": "Larch Care Ltd", "arrangement": "South London Framework",
                 "council": "Northby"},
        reply_to="r+token@broker.localhost", establishment="larch"), NOW)
    return str(message_from_bytes(rendered.raw, policy=policy.default)["Subject"])


def test_the_subject_names_what_officers_triage_on(subject: str) -> None:
    # the deadline and the council first (a phone's list shows the start), the home named
    # (a group's shared mailbox gets one per home), the reference last, then the officer's
    # code for it (broker/tokens.py subject_code: a reply keeping it shows it answers us)
    code = subject_code(b"test-secret", "larch.house@larchcare.example", "REF-2026-000123")
    assert subject == ("Reply by 9:30am Tue 24 Nov | Northby: urgent residential, F14, SE15, "
                       f"SEMH/CSE/missing | for Larch House | REF-2026-000123 [#{code}]")
    assert len(subject.removesuffix(f" [#{code}]")) <= 125  # the code: 11 more, at the end
    assert "Casey" not in subject  # the sample child's first name


@pytest.mark.parametrize(("moment", "expected"), [
    (datetime(2026, 11, 24, 17, 0, tzinfo=UTC), "5:00pm Tue 24 Nov"),
    (datetime(2026, 7, 1, 8, 30, tzinfo=UTC), "9:30am Wed 1 Jul"),  # BST
])
def test_a_short_deadline_reads_in_uk_time(moment: datetime, expected: str) -> None:
    assert when_short(moment) == expected


def test_a_reply_under_our_subject_takes_no_answer_from_it(subject: str) -> None:
    read = read_response({}, "Thanks, will look at this today.", RESPONSE_SPEC,
                         message_date=date(2026, 11, 23), subject=f"RE: {subject}")
    assert read.decision is None or read.decision == ""


def test_a_reply_for_another_child_is_still_told_by_our_subject_s_age(subject: str) -> None:
    assert for_another_child("This is our response for J.M. (the 12-year-old boy).",
                             f"RE: {subject}")

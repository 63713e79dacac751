"""Every later email to a home about a referral opens with the same head and ends on the
reference ("Northby, for Larch House | response received | REF-…"), as the README says: a
group's shared mailbox sorts and threads them by it. Checked on every provider template
whose subject names both the home and the referral, so a new one cannot break the pattern."""

from __future__ import annotations

import re

import pytest
from jinja2 import Environment

from channels.email.render import TEMPLATES, EmailRenderer

RENDERER = EmailRenderer("broker.localhost", "referrals@broker.localhost", [TEMPLATES],
                         secret=b"test-secret")
HEAD = re.compile(r"^Northby, for Larch House \| [^|]+ \| REF-2026-000001$")
FIRST = "referral.txt.j2"  # the referral itself opens with its deadline (README)


def _later_subjects() -> list[tuple[str, str]]:
    found = []
    for path in sorted((TEMPLATES / "email" / "provider").glob("*.txt.j2")):
        subject = next((line for line in path.read_text().splitlines()
                        if line.startswith("Subject: ")), "")  # else it includes another
        if path.name != FIRST and "reference" in subject and "establishment" in subject:
            found.append((path.name, subject))
    return found


SUBJECTS = _later_subjects()


def test_the_emails_that_broke_the_pattern_are_among_those_checked() -> None:
    names = {name for name, _ in SUBJECTS}
    assert {"response_ack.txt.j2", "fee_superseded.txt.j2", "fee_unclear.txt.j2",
            "written_earlier.txt.j2", "referral_closed.txt.j2", "chaser.txt.j2"} <= names


@pytest.mark.parametrize(("name", "subject"), SUBJECTS, ids=[name for name, _ in SUBJECTS])
@pytest.mark.parametrize("flags", [{}, {"late": True}, {"late": True, "on_time": True},
                                   {"withdrawn": True}, {"placed_here": True}])
def test_a_later_email_to_a_home_opens_with_the_head_and_ends_on_the_reference(
        name: str, subject: str, flags: dict[str, bool]) -> None:
    env = Environment()  # lenient: a value the subject does not need is left empty
    env.filters.update(RENDERER.env.filters)
    said = env.from_string(subject.removeprefix("Subject: ")).render(
        council="Northby", establishment="Larch House", reference="REF-2026-000001",
        deadline="2026-12-04T17:00:00+00:00", fee="4200", changes=[], wanted=[], **flags)
    assert HEAD.match(said), said


def test_the_acknowledgement_of_a_reply_keeps_its_words() -> None:
    [(_, subject)] = [s for s in SUBJECTS if s[0] == "response_ack.txt.j2"]
    env = Environment()
    said = env.from_string(subject.removeprefix("Subject: ")).render(
        council="Northby", establishment="Larch House", reference="REF-2026-000001")
    assert said == "Northby, for Larch House | response received | REF-2026-000001"

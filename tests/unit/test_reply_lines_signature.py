"""Rule `reply-lines-read`, attacker's review 34 (F4): her signature under the answer to
"please correct" ("Sam Taylor⏎Social Worker⏎Tel: 01632 960 123", "Sam Taylor 07700 900123")
is cut before a line is weighed: her own phone number never holds the referral. Lines of
the form under it are still read or asked about."""

from __future__ import annotations

import pytest

from tests.snapshots import REFERRAL_SPEC
from workflows.reply_lines import read_reply_lines


@pytest.mark.parametrize("under", [
    "Sam Taylor\nSocial Worker, Children in Care Team\nTel: 01632 960 123",
    "Sam Taylor 07700 900123",
    "Tel: 01632 960 123",
    "Sent from my iPhone 13",
])
def test_her_signature_under_the_answer_is_not_asked_about(under: str) -> None:
    read, problems = read_reply_lines({"date_of_birth": f"14/03/2012\n{under}"}, REFERRAL_SPEC)
    assert problems == []
    assert read["date_of_birth"] == "14/03/2012"


@pytest.mark.parametrize("under", [
    "Postcode SE15 3RT",
    "DOB is right, it's the postcode that's wrong: SE15 3RT",
    "Sam Taylor\n07700 900123\nPS the postcode is wrong, it should be SE15 3RT",
])
def test_a_line_of_the_form_is_still_read_or_asked_about_signature_or_not(under: str) -> None:
    read, problems = read_reply_lines({"date_of_birth": f"14/03/2012\n{under}"},
                                      REFERRAL_SPEC)
    assert read.get("home_postcode") == "SE15 3RT" or [
        problem.field for problem in problems] == ["home_postcode"]

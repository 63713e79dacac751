"""Needs attention shows a dead letter on one of the council's referrals (linked to the Dead
letters tab) and a home's questions waiting for the team (linked to the referral) (ux51c)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace as Row

from channels.web.console.attention import DEAD_LETTERS, dead_and_asked

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def test_dead_letters_and_unanswered_questions_need_attention() -> None:
    asked = Row(id=5, at=NOW, kind="questions-passed-on",
                data={"establishment": "kestrel-house", "questions": ["a", "b"]})
    answered_one = Row(id=6, at=NOW, kind="questions-passed-on",
                       data={"establishment": "oak-lodge", "questions": ["c"]})
    answer = Row(id=7, at=NOW, kind="question-answered", data={"asked": 6})
    rows = dead_and_asked([("REF-2026-000001", NOW)],
                          [("REF-2026-000002", e) for e in (asked, answered_one, answer)],
                          {"kestrel-house": "Kestrel House", "oak-lodge": "Oak Lodge"})
    assert [(r.reference, r.link) for r in rows] == [
        ("REF-2026-000001", DEAD_LETTERS), ("REF-2026-000002", "")]
    assert rows[0].what.startswith("Dead letter: something on it failed at 7 Dec 2026, 10:00")
    assert rows[1].what == ("Kestrel House's 2 questions about the child, waiting for the "
                            "team's answer since 7 Dec 2026, 10:00")
    assert dead_and_asked([], [("REF-2026-000002", answered_one), ("REF-2026-000002", answer)],
                          {}) == []

"""Rule `morning-handover`: at the start of each working period each council's placements
team gets one email listing its referrals that moved while the team was out (a duty
team's referral at 2am on Sunday, homes' answers, an approval waiting), with what each
needs now and its console page; nothing when nothing happened; after a bank holiday
Monday, on Tuesday at the opening; each council its own email, with only its referrals."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

from broker.clock import UK_TIME
from broker.working_time import WorkingHours
from channels.email.render import TEMPLATES, EmailRenderer
from workflows.handover import (
    Activity,
    Council,
    Entry,
    decide_handover,
    handover_since,
    next_handover,
    out_of_hours_since,
)

ENGLAND = WorkingHours()  # 09:00-17:00, Monday to Friday, England's bank holidays
CONSOLE = "https://broker.example"
NORTHBY = Council("Northby Council", "placements@northby.gov.example",
                  ("cllr.one@northby.gov.example", "cllr.two@northby.gov.example"))
KINGSHOLT = Council("Kingsholt Council", "placements@kingsholt.gov.example",
                    ("commissioning@kingsholt.gov.example",))
COUNCILS = {"northby": NORTHBY, "kingsholt": KINGSHOLT}
RENDERER = EmailRenderer("broker.localhost", "referrals@broker.localhost", [TEMPLATES],
                         secret=b"test-secret")


def uk(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UK_TIME)  # type: ignore[misc]


def night_emergency(reference: str = "NB-2026-0042", authority: str = "northby",
                    state: str = "awaiting-approval") -> Activity:
    """Referred at 2am on Sunday, sent to six homes, two offers and a decline, a home's
    question passed on, the window closed with options and a shortlist sent for approval."""
    return Activity(reference, authority, state, "emergency", (
        Entry("decision", {"from": "new", "to": "open"}),
        Entry("wave-opened", {"wave": 1, "providers": 6}),
        Entry("broadcast", {"providers": 6}),
        Entry("response", {"decision": "offer"}),
        Entry("response", {"decision": "decline"}),
        Entry("questions-passed-on", {"questions": ["Does she have a pet?"]}),
        Entry("response", {"decision": "offer"}),
        Entry("closed", {"offers": 2, "interested": 0, "declines": 1}),
        Entry("shortlisted", {"labels": ["A", "B"], "round": 1}),
    ))


def test_night_activity_gives_the_team_one_email_listing_it() -> None:
    opening = uk(2026, 12, 7, 9)  # Monday
    since = out_of_hours_since(ENGLAND, opening)
    assert since == uk(2026, 12, 4, 17)  # Friday's close
    [mail] = decide_handover(opening, since, [night_emergency()], COUNCILS, CONSOLE)
    assert mail.to == "placements@northby.gov.example"
    assert mail.key == "handover:northby:20261207T0900"
    [item] = mail.context["referrals"]
    assert item["reference"] == "NB-2026-0042"
    assert item["link"] == "https://broker.example/console/referrals/NB-2026-0042"
    assert item["happened"] == [
        "received", "sent to 6 homes", "homes answered: 2 offers, 1 decline",
        "1 question from homes passed to you, waiting for an answer",
        "window closed: 2 options to shortlist",
        "shortlist sent to the commissioners for approval"]
    assert item["needs"] == (
        "answer the homes' questions; the shortlist's approval is waiting for the "
        "commissioners (cllr.one@northby.gov.example and cllr.two@northby.gov.example)")
    rendered = message_from_bytes(RENDERER(mail, opening).raw, policy=policy.default)
    body = rendered.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "1 referral moved since 5:00pm on Friday 4 December" in rendered["Subject"]
    assert "NB-2026-0042 (emergency)" in body
    assert "https://broker.example/console/referrals/NB-2026-0042" in body
    assert "Does she have a pet?" not in body  # counts, never a home's words


def test_an_empty_close_at_night_says_what_the_team_can_do() -> None:
    closed = Activity("NB-2026-0043", "northby", "closed", "emergency", (
        Entry("response", {"decision": "decline"}),
        Entry("closed", {"offers": 0, "interested": 0, "declines": 1})))
    opening = uk(2026, 12, 8, 9)
    [mail] = decide_handover(opening, out_of_hours_since(ENGLAND, opening), [closed],
                             COUNCILS, CONSOLE)
    [item] = mail.context["referrals"]
    assert "window closed with nothing to shortlist" in item["happened"]
    assert item["needs"].startswith("the window closed with nothing to shortlist: widen")


def test_an_approval_given_at_night_is_a_placement_approved() -> None:
    approved = Activity("NB-2026-0044", "northby", "approved", "urgent", (
        Entry("papers-released", {"establishments": ["harbour-house"]}),))
    opening = uk(2026, 12, 8, 9)
    [mail] = decide_handover(opening, out_of_hours_since(ENGLAND, opening), [approved],
                             COUNCILS, CONSOLE)
    [item] = mail.context["referrals"]
    assert item["happened"] == [
        "shortlist approved: the shortlisted homes have the full papers"]
    assert "CHOOSE" in item["needs"]


def test_no_activity_no_email() -> None:
    opening = uk(2026, 12, 8, 9)
    since = out_of_hours_since(ENGLAND, opening)
    assert decide_handover(opening, since, [], COUNCILS, CONSOLE) == []
    quiet = Activity("NB-2026-0045", "northby", "open", "planned", ())
    assert decide_handover(opening, since, [quiet], COUNCILS, CONSOLE) == []


def test_after_a_bank_holiday_monday_it_goes_on_tuesday_at_the_opening() -> None:
    friday_evening = uk(2027, 4, 30, 17, 30)  # Monday 3 May 2027 is the early May bank holiday
    opening = next_handover(ENGLAND, friday_evening)
    assert opening == uk(2027, 5, 4, 9)
    since = out_of_hours_since(ENGLAND, opening)
    assert since == uk(2027, 4, 30, 17)  # the whole weekend and the holiday
    [mail] = decide_handover(opening, since, [night_emergency()], COUNCILS, CONSOLE)
    assert mail.key == f"handover:northby:{opening.astimezone(UTC):%Y%m%dT%H%M}"


def test_the_handover_due_at_an_opening_plans_the_next_working_days() -> None:
    assert next_handover(ENGLAND, uk(2026, 12, 7, 9)) == uk(2026, 12, 8, 9)
    assert next_handover(ENGLAND, uk(2026, 12, 11, 9, 0, 5)) == uk(2026, 12, 14, 9)
    # Christmas Day on the Friday, Boxing Day's holiday on Monday 28 December
    assert next_handover(ENGLAND, uk(2026, 12, 24, 12)) == uk(2026, 12, 29, 9)
    assert out_of_hours_since(ENGLAND, uk(2026, 12, 29, 9)) == uk(2026, 12, 24, 17)


def test_two_councils_each_get_their_own() -> None:
    opening = uk(2026, 12, 7, 9)
    since = out_of_hours_since(ENGLAND, opening)
    kingsholt = Activity("KH-2026-0007", "kingsholt", "open", "emergency", (
        Entry("decision", {"from": "new", "to": "open"}), Entry("broadcast", {"providers": 3})))
    mails = decide_handover(opening, since, [night_emergency(), kingsholt], COUNCILS, CONSOLE)
    by_team = {m.to: [r["reference"] for r in m.context["referrals"]] for m in mails}
    assert by_team == {"placements@northby.gov.example": ["NB-2026-0042"],
                       "placements@kingsholt.gov.example": ["KH-2026-0007"]}
    assert len({m.key for m in mails}) == 2
    [kh] = [m for m in mails if m.to == KINGSHOLT.team]
    assert kh.context["referrals"][0]["needs"] == "nothing yet: homes are answering"


def test_a_council_without_a_team_address_gets_nothing() -> None:
    opening = uk(2026, 12, 7, 9)
    councils = {"northby": Council("Northby Council", "")}
    assert decide_handover(opening, opening - timedelta(hours=16), [night_emergency()],
                           councils, CONSOLE) == []


def test_a_question_answered_from_the_console_overnight_is_not_waiting() -> None:
    """Rule `handover-counts-unanswered`: the duty officer answered Larch House's question
    from the console at 3am (its entry names the team's email it answers); only the other
    home's question still waits, and a commissioner's question answered is no home's."""
    opening = uk(2026, 12, 7, 9)
    activity = Activity("NB-2026-0042", "northby", "open", "emergency", (
        Entry("questions-passed-on", {"questions": ["d1", "d2"], "email": "k1"}),
        Entry("questions-passed-on", {"questions": ["d3"], "email": "k2"}),
        Entry("question-answered", {"asked": 11, "email": "k1", "questions": ["d1", "d2"]}),
        Entry("question-answered", {"by": "cllr.one@northby.gov.example", "round": 1}),
    ))
    [mail] = decide_handover(opening, out_of_hours_since(ENGLAND, opening), [activity],
                             COUNCILS, CONSOLE)
    [item] = mail.context["referrals"]
    assert "1 question from homes passed to you, waiting for an answer" in item["happened"]
    assert "2 questions from homes answered from the console" in item["happened"]
    answered = replace(activity, entries=activity.entries[:1] + activity.entries[2:])
    [mail] = decide_handover(opening, out_of_hours_since(ENGLAND, opening), [answered],
                             COUNCILS, CONSOLE)
    [item] = mail.context["referrals"]
    assert not any("waiting for an answer" in line for line in item["happened"])
    assert "answer the homes' questions" not in item["needs"]


def test_a_late_handover_loses_no_night() -> None:
    """The service was down from Monday 8am to Tuesday 10am: Monday's handover fired late
    and planned Wednesday's from then; Wednesday's reaches back to Monday's close, so
    Monday night (and Tuesday, when nobody heard) is reported."""
    monday, wednesday = uk(2026, 12, 7, 9), uk(2026, 12, 9, 9)
    assert handover_since(ENGLAND, wednesday, last=monday) == uk(2026, 12, 7, 17)
    # on time, each reaches back to the working day before it
    assert handover_since(ENGLAND, uk(2026, 12, 8, 9), last=monday) == uk(2026, 12, 7, 17)
    assert handover_since(ENGLAND, wednesday, last=None) == uk(2026, 12, 8, 17)
    # never further back than two weeks
    assert handover_since(ENGLAND, wednesday, last=uk(2026, 9, 1, 9)) \
        == wednesday - timedelta(days=14)

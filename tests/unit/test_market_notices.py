"""What providers tell us about their homes, decided purely: vacancies, pauses and resumes
for the home each line names, the answer listing every outcome, and the weekly return."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.market_snapshots import NOW, world
from workflows.commands import SendEmail
from workflows.events import Actor
from workflows.market.commands import RecordMarketEvent, ScheduleReturn, SetHomeStatus
from workflows.market.events import Notice, NoticeGiven, VacancyReturnDue
from workflows.market.instructions import read_notices, read_verdict, which_home
from workflows.market.notices import TRANSITIONS, decide_notices, decide_return
from workflows.market.snapshot import Home, ProviderSnapshot, ReturnSnapshot
from workflows.market.states import Receiving

LARCH = "referrals@larchcare.example"
HOMES = (Home("larch-house", "Larch House", capacity=1), Home("larch-view", "Larch View",
                                                              capacity=1),
         Home("larch-lodge", "Larch Lodge", Receiving.PAUSED, "refurbishment", 0, 0))


def given(text: str, homes: tuple[Home, ...] = HOMES, answering: str = ""):  # type: ignore[no-untyped-def]
    event = NoticeGiven(actor=Actor(LARCH), key="in:5", notices=read_notices(text),
                        answering=answering)
    return decide_notices(ProviderSnapshot(LARCH, world(), homes), event)


def statuses(decision) -> list[SetHomeStatus]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SetHomeStatus)]


def answer(decision) -> SendEmail:  # type: ignore[no-untyped-def]
    (email,) = [c for c in decision.commands if isinstance(c, SendEmail)]
    return email


def test_each_line_names_its_home_and_the_answer_lists_them_all() -> None:
    decision = given("VACANCIES 2 Larch View\nPAUSE Larch House: staff training\n"
                     "RESUME Larch Lodge\n\nKind regards")
    assert [(s.establishment, s.vacancies, s.paused, s.reason) for s in statuses(decision)] == [
        ("larch-view", 2, None, ""), ("larch-house", None, True, "staff training"),
        ("larch-lodge", None, False, "")]
    done = answer(decision).context["done"]
    assert len(done) == 3 and "Larch View: 2 places free" in done[0]
    assert decision.snapshot.home("larch-lodge").receiving == Receiving.RECEIVING


@pytest.mark.parametrize("text,answering,problem", [
    ("VACANCIES 2", "", "Which home is 'VACANCIES 2' about?"),
    ("VACANCIES two Larch House", "", "give the number of places free"),
    ("RESUME Larch House", "", "Larch House was not paused"),
    ("VACANCIES 2 Kestrel House", "", "'Kestrel House' is not a home your address speaks for"),
])
def test_what_cannot_be_acted_on_is_said_and_changes_nothing(text: str, answering: str,
                                                            problem: str) -> None:
    decision = given(text, answering=answering)
    assert not decision.answer.accepted and not statuses(decision)
    assert problem in " ".join(answer(decision).context["problems"])


def test_a_home_needs_no_name_from_its_own_address_or_on_our_email_about_it() -> None:
    alone = given("VACANCIES 0 places free", homes=HOMES[:1])
    assert statuses(alone)[0].establishment == "larch-house"
    elsewhere = given("VACANCIES 1 Kestrel House", homes=HOMES[:1])
    assert not statuses(elsewhere)  # another provider's home is never taken for this one
    reply = given("VACANCIES 3", answering="larch-view")
    assert statuses(reply)[0] == SetHomeStatus("larch-view", LARCH, vacancies=3)


def test_an_address_that_speaks_for_no_home_is_refused() -> None:
    decision = given("VACANCIES 4", homes=())
    assert decision.answer.outcome == "not-a-provider" and not statuses(decision)
    assert answer(decision).template == "provider/notice_refused"


@pytest.mark.parametrize("state", list(Receiving))
@pytest.mark.parametrize("verb", ["vacancies", "pause", "resume"])
def test_every_state_and_notice_lands_where_the_table_says(state: Receiving, verb: str) -> None:
    home = Home("larch-house", "Larch House", state, "holiday" if state == Receiving.PAUSED
                else "", 1, 1)
    text = {"vacancies": "VACANCIES 1", "pause": "PAUSE staff training", "resume": "RESUME"}
    decision = given(text[verb], homes=(home,))
    assert decision.snapshot.home("larch-house").receiving in TRANSITIONS[state][verb]


def test_the_instructions_are_read_from_the_top_lines_only() -> None:
    assert read_notices("Vacancies: none\n\nPAUSE Larch View: holiday\nThanks\nRESUME") == (
        Notice("vacancies", 0, ""), Notice("pause", None, "Larch View: holiday"))
    assert read_notices("Pause the referrals please") == ()  # PAUSE only in capitals
    assert read_notices("Hello\nVACANCIES 2") == ()  # below the first line of prose: not read
    assert read_verdict("approve app-2027-000001") == ("APP-2027-000001", "approve", "")
    assert read_verdict("REJECT APP-2027-000001 - no safer recruitment") == (
        "APP-2027-000001", "reject", "no safer recruitment")
    homes = {"larch-house": "Larch House", "larch-house-annexe": "Larch House Annexe"}
    assert which_home("staff training at Larch House Annexe", homes) == (
        "larch-house-annexe", "staff training")


def test_the_weekly_return_asks_each_address_once_for_all_its_homes() -> None:
    from tests.market_snapshots import DIRECTORY

    homes = tuple((e, e.primary_contact, e.capacity, "") for e in
                  (DIRECTORY.establishment(k) for k in ("larch-view", "kestrel-house",
                                                        "kestrel-court")))
    due_at = datetime(2027, 7, 12, 8, tzinfo=UTC)
    decision = decide_return(ReturnSnapshot(world(now=due_at), due_at, homes),
                             VacancyReturnDue(due_at=due_at, key="deadline:1"))
    asked = {c.to: [h["name"] for h in c.context["homes"]] for c in decision.commands
             if isinstance(c, SendEmail)}
    assert asked == {"referrals@larchcare.example": ["Larch View"],
                     "referrals@kestrelhomes.example": ["Kestrel House", "Kestrel Court"]}
    (following,) = [c for c in decision.commands if isinstance(c, ScheduleReturn)]
    assert following.due_at == datetime(2027, 7, 19, 8, tzinfo=UTC)
    assert any(isinstance(c, RecordMarketEvent) for c in decision.commands)


def test_a_return_missed_while_down_schedules_the_next_from_now_not_from_then() -> None:
    due_at = datetime(2027, 6, 7, 8, tzinfo=UTC)  # five weeks ago
    decision = decide_return(ReturnSnapshot(world(), due_at, ()),
                             VacancyReturnDue(due_at=due_at, key="deadline:1"))
    (following,) = [c for c in decision.commands if isinstance(c, ScheduleReturn)]
    assert following.due_at > NOW
    off = decide_return(ReturnSnapshot(world(vacancy_return=""), due_at, ()),
                        VacancyReturnDue(due_at=due_at, key="deadline:1"))
    assert not off.commands and off.answer.outcome == "vacancy-return-off"

"""The market's emails name placement types, kinds of arrangement and kinds of home in the
words people use (the referral form's and the other emails'), never the configuration's
codes: the advert to the mailing list, the applicant's receipt and the approvers' request."""

from __future__ import annotations

from datetime import timedelta

from tests.market_snapshots import OPENS, application, window, world
from tests.provider_mail import text_of
from workflows.commands import SendEmail
from workflows.market.application_steps import on_form
from workflows.market.events import ApplicationReceived, WindowDeadline, WindowDeadlineDue
from workflows.market.snapshot import WindowSnapshot
from workflows.market.states import AppState, WindowState
from workflows.market.window import decide_window

DPS = "consortium-fostering-dps"


def test_the_advert_names_the_kind_of_list_and_what_it_buys_in_words() -> None:
    snapshot = WindowSnapshot(window(WindowState.SCHEDULED, arrangement=DPS),
                              world(now=OPENS - timedelta(days=14)))
    decision = decide_window(snapshot, WindowDeadlineDue(
        window_id=1, kind=WindowDeadline.ADVERT, seq=0, key="deadline:advert"))
    advert = text_of(next(c for c in decision.commands if isinstance(c, SendEmail)))
    assert "Consortium Fostering DPS (dynamic purchasing system)" in advert
    assert ("Placement types it buys: Foster family; Foster family with extra training and "
            "support; Place where a parent and their baby can live together.") in advert
    assert "(dps)" not in advert and "fostering-specialist," not in advert


def test_the_receipt_and_the_approvers_request_read_the_home_in_words() -> None:
    from tests.unit.test_market_application import EVENTS

    before = application(AppState.NEW)
    decision = on_form(before, EVENTS[ApplicationReceived])
    sent = {c.template: text_of(c) for c in decision.commands if isinstance(c, SendEmail)}
    for template in ("applicant/received", "approver/application_request"):
        said = sent[template]
        assert "Newleaf House (children's home)" in said, template
        assert "Placement types: Children's home" in said
        assert "Needs met: SEMH, CSE, Missing" in said, said
        assert "childrens-home" not in said and "Placement types: residential" not in said


LATER = window(opens=OPENS + timedelta(days=92), window_id=2)


def _application_in(state: AppState):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    before = application(state)
    return replace(before, windows=(*before.windows, LATER))


def test_a_reply_on_a_late_applications_thread_repeats_when_the_list_next_opens() -> None:
    """Rule `apply-again-says-when`: "please consider it anyway" on the thread of one that
    came while the list was closed changes nothing, and says again when to send it."""
    from tests.market_snapshots import form_message

    decision = on_form(_application_in(AppState.NOT_OPEN), ApplicationReceived(
        actor=_actor(), key="in:9",
        form=form_message("Please consider it anyway, we only missed it by a day.")))
    said = text_of(next(c for c in decision.commands if isinstance(c, SendEmail)))
    assert "nothing in your email has changed it" in said
    assert "It next opens at 9:00am on Friday 1 October 2027 and closes at" in said, said


def test_a_rejection_says_when_the_list_next_opens() -> None:
    from workflows.market.application_steps import on_decision
    from workflows.market.events import ApplicationDecided

    decision = on_decision(_application_in(AppState.AWAITING_APPROVAL), ApplicationDecided(
        actor=_actor("hannah.lees@brackenridge.gov.example"), key="k",
        reference="APP-2027-000007", decision="reject", reason="No safer recruitment policy"))
    said = text_of(next(c for c in decision.commands if isinstance(c, SendEmail)
                        and c.template == "applicant/rejected"))
    assert "apply again when the list next opens: from 9:00am on Friday 1 October 2027" in said


def test_the_receipt_says_how_many_approvals_and_that_no_date_is_set_for_them() -> None:
    from tests.unit.test_market_application import EVENTS

    decision = on_form(application(AppState.NEW), EVENTS[ApplicationReceived])
    said = text_of(next(c for c in decision.commands if isinstance(c, SendEmail)
                        and c.template == "applicant/received"))
    assert "It needs 2 approvals from them. The list sets no date by which they must decide"\
        in said


def test_any_gender_on_an_application_takes_every_gender() -> None:
    """Rule `any-means-every`: "Genders: Any" is what leaving the field out means."""
    from broker.forms.extract import fields_from_text
    from tests.market_snapshots import APPLICANT, FORM, NOW, world
    from workflows.market.application_form import check_application

    spec = world().application_spec
    for said in ("Any", "All", "Both", "all genders", "Any gender."):
        fields = dict(fields_from_text(FORM + f"Genders: {said}\n", spec).values)
        checked = check_application(fields, world(), APPLICANT, NOW.date())
        assert not checked.problems, (said, checked.problems)
        assert checked.record["establishment"]["genders"] == ["male", "female", "non-binary"]
    fields = dict(fields_from_text(FORM + "Genders: Girls\n", spec).values)
    assert check_application(fields, world(), APPLICANT, NOW.date()).record[
        "establishment"]["genders"] == ["female"]


def test_an_unknown_gender_on_an_application_points_to_its_own_free_text_field() -> None:
    from broker.forms.extract import fields_from_text
    from tests.market_snapshots import APPLICANT, FORM, NOW, world
    from workflows.market.application_form import check_application

    spec = world().application_spec
    fields = dict(fields_from_text(FORM + "Genders: Girls, Agender\n", spec).values)
    (problem,) = check_application(fields, world(), APPLICANT, NOW.date()).problems
    assert "can be described in 'About the home' instead" in problem.problem, problem.problem
    assert "background" not in problem.problem


def _actor(address: str = ""):  # type: ignore[no-untyped-def]
    from tests.market_snapshots import APPLICANT, actor

    return actor(address or APPLICANT)

"""The market's emails name placement types, kinds of arrangement and kinds of home in the
words people use (the referral form's and the other emails'), never the configuration's
codes: the advert to the mailing list, the applicant's receipt and the approvers' request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

from channels.email.render import TEMPLATES, EmailRenderer
from tests.market_snapshots import OPENS, application, window, world
from workflows.commands import SendEmail
from workflows.market.application_steps import on_form
from workflows.market.events import ApplicationReceived, WindowDeadline, WindowDeadlineDue
from workflows.market.snapshot import WindowSnapshot
from workflows.market.states import AppState, WindowState
from workflows.market.window import decide_window

RENDERER = EmailRenderer("broker.localhost", "Placements <providers@broker.localhost>",
                         [TEMPLATES], secret=b"test-secret")
DPS = "consortium-fostering-dps"


def text(command: SendEmail) -> str:
    rendered = RENDERER.render(command, datetime(2027, 1, 5, 10, tzinfo=UTC))
    body = message_from_bytes(rendered.raw, policy=policy.default).get_body(("plain",))
    return " ".join(body.get_content().split())


def test_the_advert_names_the_kind_of_list_and_what_it_buys_in_words() -> None:
    snapshot = WindowSnapshot(window(WindowState.SCHEDULED, arrangement=DPS),
                              world(now=OPENS - timedelta(days=14)))
    decision = decide_window(snapshot, WindowDeadlineDue(
        window_id=1, kind=WindowDeadline.ADVERT, seq=0, key="deadline:advert"))
    advert = text(next(c for c in decision.commands if isinstance(c, SendEmail)))
    assert "Consortium Fostering DPS (dynamic purchasing system)" in advert
    assert ("Placement types it buys: Foster family; Foster family with extra training and "
            "support; Place where a parent and their baby can live together.") in advert
    assert "(dps)" not in advert and "fostering-specialist," not in advert


def test_the_receipt_and_the_approvers_request_read_the_home_in_words() -> None:
    from tests.unit.test_market_application import EVENTS

    before = application(AppState.NEW)
    decision = on_form(before, EVENTS[ApplicationReceived])
    sent = {c.template: text(c) for c in decision.commands if isinstance(c, SendEmail)}
    for template in ("applicant/received", "approver/application_request"):
        said = sent[template]
        assert "Newleaf House (children's home)" in said, template
        assert "Placement types: Children's home" in said
        assert "Needs met: SEMH, CSE, Missing" in said, said
        assert "childrens-home" not in said and "Placement types: residential" not in said

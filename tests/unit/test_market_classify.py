"""Which event a message to providers@ is (and an `ENDED` reply on a placement's thread),
decided purely from what it says and the facts the mailroom found."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.message import ReadMessage
from workflows.classify import Facts, classify
from workflows.events import PlacementEnded, ReplyReceived
from workflows.market.classify import ProviderFacts
from workflows.market.events import ApplicationDecided, ApplicationReceived, NoticeGiven

TODAY = date(2027, 7, 10)
LODGE = "larch.lodge@larchcare.example"


def message(body: str, fields: dict[str, str] | None = None, auto: bool = False) -> ReadMessage:
    return ReadMessage(fields=fields or {}, sender=LODGE, subject="Update",
                       message_id="<m@larchcare.example>", body_text=body, auto_submitted=auto,
                       has_content=True)


def to_providers(body: str, fields: dict[str, str] | None = None, **facts):  # type: ignore[no-untyped-def]
    provider = ProviderFacts(**{k: v for k, v in facts.items() if k != "named_referral"})
    return classify(message(body, fields), Facts("providers", LODGE, provider=provider,
                                                  named_referral=facts.get("named_referral")),
                    "in:4", TODAY)


@pytest.mark.parametrize("body,fields,facts,kind", [
    ("APPROVE APP-2027-000001", {}, {}, ApplicationDecided),
    ("VACANCIES 2 Larch Lodge", {}, {}, NoticeGiven),
    ("Ofsted URN: SC712345", {"urn": "SC712345"}, {"thread_application": 3},
     ApplicationReceived),
    ("Applying to: Northern list", {"arrangement": "Northern list"}, {}, ApplicationReceived),
    ("Home: Larch Lodge\nVacancies: 1", {"establishment": "Larch Lodge"},
     {"vacancy_fields": {"establishment": "Larch Lodge", "vacancies": "1"}}, NoticeGiven),
])
def test_each_kind_of_message_to_providers_becomes_its_event(body: str, fields: dict,
                                                              facts: dict, kind: type) -> None:
    routed = to_providers(body, fields, **facts)
    assert isinstance(routed.event, kind) and routed.referral_id is None


def test_a_correction_on_the_thread_names_its_application() -> None:
    routed = to_providers("Ofsted URN: SC712345", {"urn": "SC712345"}, thread_application=3)
    assert isinstance(routed.event, ApplicationReceived) and routed.event.application_id == 3


def test_a_vacancy_return_form_is_one_notice_for_the_home_it_names() -> None:
    routed = to_providers("Home: Larch Lodge\nVacancies: 1", vacancy_fields={
        "establishment": "Larch Lodge", "vacancies": "1"})
    assert isinstance(routed.event, NoticeGiven)
    (notice,) = routed.event.notices
    assert (notice.verb, notice.vacancies, notice.text) == ("vacancies", 1, "Larch Lodge")


def test_anything_else_gets_how_to_use_providers() -> None:
    assert to_providers("Hello, can we join?").unaddressed == "providers-help"


def test_ended_to_providers_names_its_referral_by_reference() -> None:
    routed = to_providers("ENDED REF-2026-000007 01/03/2027 moved home", named_referral=7)
    assert routed.referral_id == 7 and isinstance(routed.event, PlacementEnded)
    assert routed.event.on == date(2027, 3, 1) and routed.event.reason == "moved home"
    assert to_providers("ENDED REF-2026-000099 today").unaddressed == (
        "provider-unknown-referral")


def test_ended_on_a_placements_thread_ends_it_and_a_reply_otherwise_is_a_reply() -> None:
    facts = Facts("reply", LODGE, reply_to=(7, "larch-lodge"))
    ended = classify(message("ENDED 01/03/2027 moved to a family placement"), facts, "in:5",
                     TODAY)
    assert ended.referral_id == 7 and isinstance(ended.event, PlacementEnded)
    reply = classify(message("Ended up with a vacancy after all"), facts, "in:6", TODAY)
    assert isinstance(reply.event, ReplyReceived)  # ENDED counts only in capitals


def test_automatic_mail_to_providers_is_kept_and_never_answered() -> None:
    routed = classify(message("VACANCIES 2", auto=True), Facts("providers", LODGE), "in:7",
                      TODAY)
    assert routed.event is None and routed.unaddressed == "ignored-automatic"

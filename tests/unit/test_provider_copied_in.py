"""A referral whose To or Cc names a provider went to that provider unanonymised (round R31,
X04, X05): the social worker and the placements team are told at once, naming the provider
and never the child, the referral goes on as usual, and it is recorded (rule
`provider-copied-in`, workflows/copied_in.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default

from channels.email.render import TEMPLATES, EmailRenderer
from channels.web.console.words import describe_event
from tests.snapshots import DIRECTORY, SW, TEAM, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.classify import form_message
from workflows.commands import RecordEvent, SendEmail
from workflows.copied_in import providers_copied
from workflows.events import FormReceived
from workflows.lifecycle import decide
from workflows.states import State


def test_a_provider_address_or_domain_is_found_and_named() -> None:
    found = providers_copied(
        ["referrals@broker.localhost", "larch.house@larchcare.example",
         "Referrals@LarchCare.example", "someone.else@larchcare.example",
         "colleague@northby.gov.example", SW, "friend@elsewhere.example"], DIRECTORY, SW)
    assert found == [
        {"address": "larch.house@larchcare.example", "provider": "Larch House (Larch Care Ltd)"},
        {"address": "referrals@larchcare.example", "provider": "Larch Care Ltd"},  # shared
        {"address": "someone.else@larchcare.example", "provider": "Larch Care Ltd"}]


def test_no_provider_copied_in_says_nothing() -> None:
    assert providers_copied(["referrals@broker.localhost", "colleague@northby.gov.example"],
                            DIRECTORY, SW) == []


def _decided(copied_to: tuple[str, ...]):  # type: ignore[no-untyped-def]
    form = replace(FORM, copied_to=copied_to)
    return decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="in:7", form=form))


def test_a_form_copied_to_a_provider_is_sent_and_both_are_told() -> None:
    decision = _decided(("referrals@broker.localhost", "referrals@larchcare.example"))
    assert decision.snapshot.state == State.OPEN  # the referral goes on as usual
    [event] = [c for c in decision.commands if isinstance(c, RecordEvent)
               and c.kind == "provider-copied-in"]
    assert event.data == {"providers": ["Larch Care Ltd"],
                          "addresses": ["referrals@larchcare.example"]}
    told = {c.to: c for c in decision.commands if isinstance(c, SendEmail)
            and c.template.endswith("/provider_copied_in")}
    assert set(told) == {SW, TEAM}
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    child = FORM.fields["child_name"]
    for email in told.values():
        rendered = renderer.render(email, datetime(2026, 12, 7, tzinfo=UTC))
        text = message_from_bytes(rendered.raw, policy=default).get_body(
            ("plain",)).get_content()  # type: ignore[union-attr]
        assert "Larch Care Ltd" in rendered.subject and "data breach" in rendered.subject
        assert "referrals@larchcare.example" in text and "data protection" in text
        assert child not in text and child.split()[0] not in text
    assert "Larch Care Ltd" in describe_event("provider-copied-in", event.data, {})


def test_a_form_sent_to_the_service_alone_is_told_nothing() -> None:
    decision = _decided(("referrals@broker.localhost",))
    assert not [c for c in decision.commands if getattr(c, "template", "").endswith(
        "/provider_copied_in") or getattr(c, "kind", "") == "provider-copied-in"]


def test_the_message_s_to_and_cc_reach_the_decision() -> None:
    class Read:  # the fields of broker.forms ReadMessage form_message reads
        subject, message_id, fields, conflicts, problems = "Referral", "<m@x>", {}, [], []
        sent_on, body_text, unread, conflicting, set_aside = None, "", [], {}, {}
        to, cc = ["larch.house@larchcare.example"], ["referrals@broker.localhost"]

    assert form_message(Read(), SW).copied_to == ("larch.house@larchcare.example",
                                                  "referrals@broker.localhost")


def _alarm_keys(copied_to: tuple[str, ...], inbound: str) -> set[str]:
    form = replace(FORM, copied_to=copied_to)
    decision = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key=inbound, form=form))
    return {c.key for c in decision.commands if isinstance(c, SendEmail)
            and c.template.endswith("/provider_copied_in")}


def test_a_reply_all_keeping_the_same_provider_is_not_alarmed_again() -> None:
    """The outbox keeps one row a key: the alarm's key names the referral and the providers,
    not the email, so a reply-all on the thread that keeps Larch Care in Cc is recorded
    again but sends nothing new (attacker review 39), while a new provider copied in is
    told."""
    first = _alarm_keys(("referrals@larchcare.example",), "in:7")
    again = _alarm_keys(("Referrals@LarchCare.example",), "in:8")
    assert len(first) == 2 and again == first
    another = _alarm_keys(("referrals@larchcare.example", "larch.house@larchcare.example"),
                          "in:9")
    assert another.isdisjoint(first)

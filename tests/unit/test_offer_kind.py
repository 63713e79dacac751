"""Rules `offer-kind-read`, `supported-accommodation-under-16`, `offer-of-another-kind`,
`offer-kind-shown` and `rating-stated-read` (replies round 65 t03, y01, y02, y03, o02): what an
offer says of the placement itself (semi-independent for a child of 15, a fostering offer from
a residential home, a solo placement, a Requires Improvement rating) reaches the people who
decide, and an offer that may not lawfully be made, or is not this home's offer of the kind
asked, is held out of the comparison."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from email import message_from_bytes
from email.policy import default
from typing import Any

import pytest

from broker.comparison import HELD_OUT, ResponseIn, compare
from broker.forms.extract import fields_from_text
from broker.forms.offer_conditions import offer_condition
from broker.forms.placement_kind import kind_offered, rating_stated
from broker.forms.response import read_response
from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import KESTREL, PROFILE, RESPONSE_SPEC, SW, TEAM, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.offer_kind import kind_finding
from workflows.states import State

T03 = "We could offer Keira a place in our semi-independent provision at £2,100 pw from 14/12/2026."
Y01 = ("We don't have space in a shared home, but we can offer Maddie a solo placement (she'd be "
       "the only young person) at £7,800 pw from 14/12/2026.")
Y02 = ("We can offer a 2:1 solo provision for Maddie at £9,500 per week from 21/12/2026, as our "
       "group home isn't suitable.")
Y03 = ("We can't offer residential, but our foster carers in Reigate could take her – £1,100 pw "
       "from 14/12/2026.")
O02 = ("We can offer at £4,900 pw from 14/12/2026. Please note we were rated Requires Improvement "
       "at our inspection in October; our action plan is available on request.")


def _decide(text: str, **profile: Any) -> tuple[Any, dict[str, SendEmail]]:
    base = snapshot(State.OPEN)
    referral = replace(base.referral, anonymised={
        **base.referral.anonymised, "profile": {**PROFILE, **profile}})
    reply = Reply(sender=KESTREL, subject="Re: referral", message_id="<k1@example>",
                  fields=dict(fields_from_text(text, RESPONSE_SPEC).values), body_text=text,
                  sent_on=date(2026, 12, 7))
    decision = decide(replace(base, referral=referral), ReplyReceived(
        actor=actor(KESTREL), key="in:1", establishment="kestrel-house", reply=reply))
    return decision, {c.template: c for c in decision.commands if isinstance(c, SendEmail)}


def _text(email: SendEmail) -> str:
    rendered = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret").render(email, datetime(2026, 12, 7, tzinfo=UTC))
    body = message_from_bytes(rendered.raw, policy=default).get_body(("plain",))
    return " ".join(f"{rendered.subject}\n{body.get_content()}".split())


@pytest.mark.parametrize(("text", "kind"), [
    (T03, "semi-independent"),
    ("We can offer supported lodgings with an experienced host at £650 pw.", "semi-independent"),
    (Y03, "fostering"),
    (Y01, "residential-solo"),
    (Y02, "residential-solo"),  # its "isn't suitable" is about the group home
])
def test_the_kind_an_offer_names_is_read(text: str, kind: str) -> None:
    said = kind_offered(text)
    assert said is not None and said.kind == kind


@pytest.mark.parametrize("text", [
    "We can offer at £4,900 pw from 14/12/2026.",
    "We don't offer semi-independent, sorry, but can offer our residential bed at £4,900 pw.",
    "Sorry, we have no foster carers available at present.",
])
def test_no_kind_is_read_where_none_is_offered(text: str) -> None:
    assert kind_offered(text) is None


def test_semi_independent_for_a_child_of_15_is_held_and_flagged_to_both() -> None:
    decision, emails = _decide(T03, age=15)
    stored = decision.snapshot.responses["kestrel-house"]
    assert stored.decision == "interested" and stored.fields["weekly_fee"] is None
    assert stored.fields[HELD_OUT] == "under_16"
    assert "not lawful for a child under 16" in stored.fields["proposal"]
    team = emails["placements_team/offer_of_another_kind"]
    her = emails["social_worker/offer_of_another_kind"]
    assert (team.to, her.to) == (TEAM, SW)
    said = _text(her)
    assert "cannot be an option for a 15-year-old, so it is left out of the comparison" in said
    assert "You need do nothing." in said
    assert "could offer a children's home instead, write to Kestrel House" in said
    assert "semi-independent provision" in _text(team)
    assert "the child is 15" in _text(team)
    for jargon in ("recorded as interest", "never an option", "flagged", "ranked",
                   "shortlisted"):
        assert jargon not in said and jargon not in _text(team)
    assert "will not be compared or shortlisted" in _text(emails["provider/response_ack"])


def test_semi_independent_for_a_child_of_16_is_an_offer_shown_as_of_its_kind() -> None:
    decision, emails = _decide(T03, age=16)
    stored = decision.snapshot.responses["kestrel-house"]
    assert (stored.decision, stored.fields["weekly_fee"]) == ("offer", 2100)
    assert HELD_OUT not in stored.fields
    assert stored.fields["proposal"].startswith(
        "Offered as supported (semi-independent) accommodation: ")
    assert not any(t.endswith("offer_of_another_kind") for t in emails)


def test_a_fostering_offer_on_a_residential_search_is_not_the_homes_offer() -> None:
    decision, emails = _decide(Y03)
    stored = decision.snapshot.responses["kestrel-house"]
    assert stored.decision == "interested" and stored.fields["weekly_fee"] is None
    assert stored.fields[HELD_OUT] == "another_kind"
    assert "fostering" in stored.fields["proposal"]
    said = _text(emails["social_worker/offer_of_another_kind"])
    assert "foster carers in Reigate" in said
    # what was offered, in words, with the fee and start the home gave for it
    assert ("It offers a foster family (£1,100 a week from Monday 14 December 2026), not a "
            "children's home as your referral asks. It is not in the comparison.") in said
    assert "If a foster family could suit the child, talk to your placements team" in said
    assert emails["placements_team/offer_of_another_kind"].to == TEAM
    team = _text(emails["placements_team/offer_of_another_kind"])
    assert "(£1,100 a week from Monday 14 December 2026)" in team
    for jargon in ("recorded as interest", "not this home's offer)", "flagged", "ranked"):
        assert jargon not in said and jargon not in team


def test_a_solo_placement_stays_an_offer_and_says_so() -> None:
    decision, emails = _decide(Y01)
    stored = decision.snapshot.responses["kestrel-house"]
    assert (stored.decision, stored.fields["weekly_fee"]) == ("offer", 7800)
    # the home's own sentence names the kind: it is said once, in the home's words
    assert stored.fields["proposal"] == Y01
    assert not any(t.endswith("offer_of_another_kind") for t in emails)


def test_a_kind_said_in_other_words_is_flagged_once() -> None:
    proposal = _decide(Y02)[0].snapshot.responses["kestrel-house"].fields["proposal"]
    assert proposal.startswith("Offered as a solo placement: ")
    assert proposal.count("Offered as") == 1 and "2:1 solo provision" in proposal


def test_the_homes_own_lines_under_its_fee_are_kept_and_the_kind_said_once() -> None:
    """Reader ux51s: 'How it would meet the needs: “Offered as a solo placement: We can offer
    this as a solo placement.”', and the home's 'Our staff have eating disorder training.'
    lost: the lines under 'Weekly fee: £5,150' went with the fee field's rest."""
    text = ("Decision: Offer\nWeekly fee: £5,150\nWe can offer this as a solo placement. She "
            "could move in next Wednesday. Our staff have eating disorder training.")
    stored = _decide(text)[0].snapshot.responses["kestrel-house"]
    said = ("We can offer this as a solo placement. She could move in next Wednesday. Our "
            "staff have eating disorder training.")
    assert (stored.decision, stored.fields["weekly_fee"]) == ("offer", 5150)
    assert stored.fields["proposal"] == said
    comparison = compare([ResponseIn("kestrel-house", {**stored.fields, "decision": "offer"})],
                         snapshot(State.OPEN).world.directory, None, 1)
    text_copy, _ = _rendered_comparison(comparison, False)
    assert f"How it would meet the needs: “{said}”" in text_copy


def test_the_kind_asked_is_nothing_to_flag() -> None:
    assert kind_finding(kind_offered(Y01), "residential-solo", 14) is None
    assert kind_finding(kind_offered(Y03), "fostering", 14) is None


def test_a_held_offer_is_never_ranked_or_lettered() -> None:
    fields = {"decision": "interested", "weekly_fee": None, "proposal": "x"}
    held = ResponseIn("kestrel-house", {**fields, HELD_OUT: "under_16"})
    kept = ResponseIn("larch-house", {"decision": "offer", "weekly_fee": Decimal(4900)})
    rows = compare([held, kept], snapshot(State.OPEN).world.directory, None, 2).rows
    assert [r.establishment for r in rows] == ["larch-house"]


@pytest.mark.parametrize(("text", "rating"), [
    (O02, "requires-improvement"),
    ("Our last Ofsted (Nov 2026) was Good in all areas, report attached.", "good"),
    ("We were judged Outstanding in May.", "outstanding"),
    ("The home was rated RI last year.", "requires-improvement"),
])
def test_a_rating_the_home_states_in_prose_is_read(text: str, rating: str) -> None:
    assert rating_stated(text) == rating


@pytest.mark.parametrize("text", [
    "Good morning, she sounds a good fit.",
    "Just to flag, our Ofsted inspection is due next week.",
    "We were rated Good in 2024 and judged Outstanding this year.",  # two: read as neither
])
def test_no_rating_is_read_where_none_is_stated(text: str) -> None:
    assert rating_stated(text) is None


def test_the_stated_rating_is_recorded_beside_the_offer() -> None:
    parsed = read_response({}, O02, RESPONSE_SPEC, message_date=date(2026, 12, 7))
    assert (parsed.decision, parsed.ofsted_rating) == ("offer", "requires-improvement")


def test_a_bed_freed_by_another_childs_move_is_the_offers_condition() -> None:
    """Round 65 s03: the bed depends on another child leaving; its likely date is no start."""
    text = "We can offer £4,900 pw once our current young person moves on, likely mid-January."
    assert offer_condition(text) == "once our current young person moves on, likely mid-January"
    parsed = read_response({}, text, RESPONSE_SPEC, message_date=date(2026, 12, 7))
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal(4900))
    assert parsed.proposal == "once our current young person moves on, likely mid-January"
    assert parsed.available_from is None and "available_from" in parsed.missing


def _rendered_comparison(comparison: Any, team: bool) -> tuple[str, str]:
    email = SendEmail(key="k", template="social_worker/comparison", to=SW, context={
        "reference": "REF-2026-000001", "comparison": comparison, "profile": PROFILE,
        "deadline": datetime(2026, 12, 7, tzinfo=UTC), "shortlist_link": "",
        "summary_link": "", "team_copy": team})
    rendered = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret").render(email, datetime(2026, 12, 7, tzinfo=UTC))
    message = message_from_bytes(rendered.raw, policy=default)
    return (" ".join(str(message.get_body(("plain",)).get_content()).split()),
            " ".join(str(message.get_body(("html",)).get_content()).split()))


def test_the_comparison_names_each_held_out_home_and_why_so_its_counts_add_up() -> None:
    """Reader ux51s: 2 offers, 1 decline and 8 silent of 13 asked; the two held out were
    nowhere in the comparison's counts."""
    under_16 = _decide(T03, age=15)[0].snapshot.responses["kestrel-house"]
    fostering = _decide(Y03)[0].snapshot.responses["kestrel-house"]
    replies = [ResponseIn("kestrel-house", {**under_16.fields, "decision": "interested"}),
               ResponseIn("larch-house", {**fostering.fields, "decision": "interested"}),
               ResponseIn("larch-view", {"decision": "offer", "weekly_fee": Decimal(4900)})]
    comparison = compare(replies, snapshot(State.OPEN).world.directory, None, 4)
    assert [r.establishment for r in comparison.rows] == ["larch-view"]
    assert comparison.no_reply == 1
    for team in (False, True):
        text, html = _rendered_comparison(comparison, team)
        line = ("Left out of the options: Kestrel House – supported accommodation, not lawful "
                "under 16; Larch House – fostering, not residential.")
        assert line in text and line in html


def test_a_reply_held_out_before_its_reason_was_kept_is_still_named() -> None:
    held = ResponseIn("kestrel-house", {"decision": "interested", HELD_OUT: "another_kind"})
    comparison = compare([held], snapshot(State.OPEN).world.directory, None, 1)
    assert comparison.held_out == [("Kestrel House",
                                    "another kind of placement than the one asked")]
    assert "No provider offered a place" in _rendered_comparison(comparison, False)[0]

"""A later fee stated only in the reply's words, or past the comparison's 280-character
brief, is counted wherever the fee is: the sign-off request, the placed notice, whether the
fee has risen since approval, the comparison's ranking (rules later-fee-counted,
later-fee-above-approval, price-scored-on-the-first-year).
Expected figures are worked by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email import message_from_bytes, policy

from broker.comparison import ResponseIn, compare
from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import NOW, OPTIONS, SW, actor, snapshot, wave, world
from workflows.commands import SendEmail
from workflows.events import SERVICE, DeadlineDue, DeadlineKind, FeeAgreed
from workflows.lifecycle import decide
from workflows.placed_notice import the_year, weeks_and_year
from workflows.placement import options
from workflows.signoff import risen_from
from workflows.snapshot import ResponseRecord
from workflows.states import State
from workflows.year_cost import first_year_price

RISE = "Introductory rate: from week 9 our fee rises to £6,900 a week."
RENDERER = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                         secret=b"test-secret")


def _with_words(state: State, reply: str, shown: str | None = None):  # type: ignore[no-untyped-def]
    """Kestrel House approved at £4,900 with no extras, its reply's proposal now `reply`,
    the comparison having recorded `shown` (None: no whole words, as before they were kept)."""
    before = snapshot(state)
    offer = before.responses["kestrel-house"]
    rows = tuple({**row, **({"words": shown} if shown is not None
                            and row["establishment"] == "kestrel-house" else {})}
                 for row in OPTIONS)
    return replace(before, responses={"kestrel-house": replace(offer, fields={
        **offer.fields, "additional_costs": "none", "proposal": reply})},
        referral=replace(before.referral, comparison=rows))


def _kestrel(state: State, reply: str, shown: str | None = None):  # type: ignore[no-untyped-def]
    placed = _with_words(state, reply, shown)
    return placed, next(o for o in options(placed) if o.establishment == "kestrel-house")


def test_a_later_fee_the_commissioners_never_saw_has_risen_from_its_week() -> None:
    later, option = _kestrel(State.NEGOTIATING, RISE, shown="Therapist on site.")
    assert risen_from(later, option, Decimal(4900)) == 9
    same, option = _kestrel(State.NEGOTIATING, RISE, shown=RISE)  # they saw it: not risen
    assert risen_from(same, option, Decimal(4900)) is None


def test_the_sign_off_request_counts_the_later_fee_in_the_reply_words() -> None:
    before, _ = _kestrel(State.NEGOTIATING, RISE, shown="Therapist on site.")
    before = replace(before, fee_rounds=((1, "provider", "4900.00"),))
    decision = decide(before, FeeAgreed(actor=actor(SW), key="a"))
    [request, *_] = [c for c in decision.commands
                     if getattr(c, "template", "") == "budget_holder/sign_off_request"]
    raw = RENDERER.render(request, datetime(2026, 11, 25, 9, tzinfo=UTC)).raw
    body = message_from_bytes(raw, policy=policy.default).get_body(("plain",)).get_content()
    # 8 × £4,900 + 44 × £6,900 = £39,200 + £303,600 = £342,800; approved 52 × £4,900 = £254,800
    assert "£342,800" in body
    assert "£88,000" in body  # £342,800 − £254,800 more than approved in the first year
    event = next(c for c in decision.commands if getattr(c, "kind", "") == "sign-off-requested")
    assert "from week 9 (£6,900 a week against £4,900)" in event.data["because"]


def test_the_placed_notice_counts_the_later_fee_in_the_reply_words() -> None:
    placed, option = _kestrel(State.PLACED, RISE, shown=RISE)
    assert the_year(placed, option, Decimal(4900))["yearly"] == "342800.00"
    said = weeks_and_year(placed, option, Decimal(4900), Decimal(4900))
    assert said["cost_said"] == "£4,900 a week for weeks 1–8, then £6,900"
    assert said["approved_yearly"] == "342800.00"  # the approval counted it too


def test_a_later_fee_past_the_comparisons_brief_is_counted() -> None:
    long = ("Therapist on site twice a week and a keyworker trained in trauma-informed care. "
            "Education is provided on site by our own teachers, with a link to the local "
            "college for vocational courses. We have supported several young people with "
            "similar needs to return to mainstream school within a year. " + RISE)
    assert len(long) > 280
    responses = {"kestrel-house": ResponseRecord("kestrel-house", "offer", {}, {
        "weekly_fee": "4300", "decision": "offer", "additional_costs": "none",
        "proposal": long})}
    before = snapshot(State.OPEN, waves=(wave(opened=NOW - timedelta(hours=24)),),
                      responses=responses, world=world(now=NOW + timedelta(days=3)))
    decision = decide(before, DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CLOSE,
                                          wave=1))
    [mine] = [c for c in decision.commands if isinstance(c, SendEmail)
              and c.template == "social_worker/comparison" and c.to == SW]
    raw = RENDERER.render(mine, NOW).raw
    text = str(message_from_bytes(raw, policy=policy.default).get_body(("plain",))
               .get_content())
    # 8 × £4,300 + 44 × £6,900 = £34,400 + £303,600 = £338,000
    assert "First year: £338,000" in text
    assert "£6,900 from week 9" in text


class _Directory:
    """Two homes both rated good, under no arrangement (50% quality, 50% price)."""

    def establishment(self, key: str) -> None:
        return None

    def arrangement(self, key: str) -> None:
        return None

    def distance_km(self, area: str, location: str) -> None:
        return None


def test_the_cheapest_week_but_dearest_year_is_not_ranked_first() -> None:
    stepped = ResponseIn("kestrel-house", {
        "decision": "offer", "weekly_fee": "4300", "ofsted_rating": "good",
        "additional_costs": "one-off setup fee £1,500", "proposal": RISE})
    flat = ResponseIn("larch-house", {"decision": "offer", "weekly_fee": "4950",
                                      "ofsted_rating": "good", "additional_costs": "none"})
    ranked = compare([stepped, flat], _Directory(), None, 2, first_year_price)
    # larch: 52 × £4,950 = £257,400, the cheapest year: 50% × 75 + 50% × 100 = 87.5
    # kestrel: 8 × £4,300 + 44 × £6,900 + £1,500 = £339,500: 100 × 257,400 / 339,500
    # = 75.82 price points, so 50% × 75 + 50% × 75.82 = 75.4
    assert [(r.label, r.establishment, r.score) for r in ranked.rows] == [
        ("A", "larch-house", 87.5), ("B", "kestrel-house", 75.4)]

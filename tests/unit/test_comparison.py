"""The comparison: ranked by the arrangement's weights, labelled A, B, C, declines counted."""

from datetime import date
from decimal import Decimal

import pytest

from broker.comparison import ResponseIn, brief, compare, distance_band
from broker.directory import load_directory
from tests.factories import CONFIG

DIRECTORY = load_directory(CONFIG)


def _offer(establishment: str, fee: str | None, rating: str, arrangement: str,
           decision: str = "offer") -> ResponseIn:
    return ResponseIn(establishment, {"decision": decision, "weekly_fee": fee,
                                      "ofsted_rating": rating,
                                      "available_from": date(2026, 12, 1).isoformat()},
                      arrangement=arrangement)


def test_offers_are_ranked_by_the_arrangements_weights_and_labelled_in_order() -> None:
    arrangement = "south-london-residential"  # 60% quality, 40% price
    weights = DIRECTORY.arrangement(arrangement)
    assert (weights.quality_weight, weights.price_weight) == (60, 40)
    responses = [  # the directory's ratings: good, outstanding, good
        _offer("larch-house", "5000", "good", arrangement),        # 60*75+40*80 = 77.0
        _offer("kestrel-house", "6000", "outstanding", arrangement),  # 60*100+40*66.7 = 86.7
        _offer("larch-view", "4000", "good", arrangement),  # 45+40 = 85.0
    ]
    result = compare(responses, DIRECTORY, "SE15", eligible_count=5)
    assert [(r.label, r.establishment, r.score) for r in result.rows] == [
        ("A", "kestrel-house", 86.7), ("B", "larch-view", 85.0), ("C", "larch-house", 77.0)]
    assert result.rows[0].weekly_fee == Decimal("6000")
    assert result.no_reply == 2


def test_declines_are_counted_by_reason_and_not_ranked() -> None:
    responses = [
        ResponseIn("larch-house", {"decision": "decline", "decline_reason": "no-vacancy"}),
        ResponseIn("larch-view", {"decision": "decline", "decline_reason": "no-vacancy"}),
        ResponseIn("kestrel-house", {"decision": "decline", "decline_reason": None}),
        ResponseIn("harbour-house", {"decision": "interested"}),
    ]
    result = compare(responses, DIRECTORY, "SE15", eligible_count=4)
    assert [r.establishment for r in result.rows] == ["harbour-house"]
    assert result.declines == [("no-vacancy", 2), ("other", 1)]
    assert result.no_reply == 0


@pytest.mark.parametrize("km,band", [(None, "distance unknown"), (3.2, "under 10 km"),
                                     (10, "10-25 km"), (49.9, "25-50 km"), (75, "50-100 km"),
                                     (300, "over 100 km")])
def test_distance_bands(km: float | None, band: str) -> None:
    assert distance_band(km) == band


def test_the_proposal_in_brief_keeps_whole_sentences() -> None:
    text = "We have a calm home. " * 30
    short = brief(text)
    assert len(short) <= 280 and short.endswith(".")
    assert brief("Short.") == "Short."


def test_quality_is_scored_from_the_directorys_rating_not_the_providers_claim() -> None:
    arrangement = "south-london-residential"  # 60% quality, 40% price
    assert DIRECTORY.establishment("larch-view").ofsted_rating == "good"
    hopeful = _offer("larch-view", "4000", "outstanding", arrangement)
    row = compare([hopeful], DIRECTORY, "SE15", eligible_count=1).rows[0]
    assert row.score == 85.0  # 60*75/100 + 40*100/100, not 60*100/100 + 40
    assert (row.ofsted_rating, row.ofsted_claimed) == ("good", "outstanding")


def test_the_providers_claim_is_shown_only_when_it_differs() -> None:
    arrangement = "south-london-residential"
    agreeing = _offer("kestrel-house", "6000", "outstanding", arrangement)
    silent = _offer("larch-house", "5000", "", arrangement)
    rows = compare([agreeing, silent], DIRECTORY, "SE15", eligible_count=2).rows
    assert [(r.ofsted_rating, r.ofsted_claimed) for r in rows] == [
        ("outstanding", ""), ("good", "")]


def test_the_claim_counts_only_for_a_home_the_directory_does_not_know() -> None:
    unknown = _offer("not-in-the-directory", "5000", "requires-improvement", "")
    row = compare([unknown], DIRECTORY, None, eligible_count=1).rows[0]
    assert (row.ofsted_rating, row.ofsted_claimed) == ("requires-improvement", "")
    assert row.score == 70.0  # 50*40/100 + 50*100/100


def test_an_option_is_titled_by_the_home_that_answered_not_the_name_its_reply_gives() -> None:
    arrangement = "south-london-residential"
    impostor = _offer("kestrel-house", "100", "", arrangement)
    impostor.fields["service_name"] = "Larch House"
    honest = _offer("larch-view", "4000", "", arrangement)
    honest.fields["service_name"] = " larch  view "
    rows = compare([impostor, honest], DIRECTORY, "SE15", eligible_count=2).rows
    assert {(r.establishment, r.home, r.home_named) for r in rows} == {
        ("kestrel-house", DIRECTORY.establishment("kestrel-house").name, "Larch House"),
        ("larch-view", DIRECTORY.establishment("larch-view").name, ""),
    }


def test_one_ofsted_rule_everywhere_with_the_directorys_rating_labelled_as_such() -> None:
    """A reply that gives no rating: the comparison, the shortlist page, the approval
    request, Slack and the console all show the directory's, saying it is the directory's
    (the console showed "not given" while the emails showed "Good")."""
    from channels.web.console.referrals import _responses
    from channels.web.console.words import ofsted_words

    arrangement = "south-london-residential"
    silent = _offer("larch-view", "4000", "", arrangement)
    agreeing = _offer("larch-house", "5000", "good", arrangement)
    rows = {r.establishment: r for r in compare([silent, agreeing], DIRECTORY, "SE15",
                                                 eligible_count=2).rows}
    shown = {key: ofsted_words(r.ofsted_rating, r.ofsted_source) for key, r in rows.items()}
    assert shown == {"larch-view": "Good (from the directory)", "larch-house": "Good"}

    class Records:  # the console's view of the same two replies
        names: dict[str, str] = {}
        current_responses = [type("R", (), {"establishment": r.establishment,
                                            "fields": r.fields, "decision": "offer",
                                            "late": False, "received_at": None,
                                            "missing": []})() for r in (silent, agreeing)]

        @staticmethod
        def score_of(_key: str) -> dict[str, str]:
            return {}

    console = _responses(Records, DIRECTORY)
    assert {row["who"]: row["ofsted"] for row in console} == shown
    assert {row["available"] for row in console} == {"Tuesday 1 December 2026"}  # not ISO

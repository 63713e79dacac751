"""The console home page's "Needs attention" panel: which live referrals wait on someone,
and in what order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from channels.web.console.attention import Live, needs_attention

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # a Monday morning, GMT


def test_the_most_urgent_come_first_and_nothing_waiting_on_nobody_is_shown() -> None:
    live = [
        Live("REF-HELD", "held"),
        Live("REF-SIGN", "negotiating", awaiting_sign_off=True),
        Live("REF-NEGO", "negotiating"),  # the provider's turn: nobody here to chase
        Live("REF-APPR-NEW", "awaiting-approval", shortlisted_at=NOW - timedelta(hours=2)),
        Live("REF-APPR-OLD", "awaiting-approval", shortlisted_at=NOW - timedelta(days=2)),
        Live("REF-NONE", "closed", offers=0),
        Live("REF-OFFERS", "closed", offers=2),  # the social worker's shortlist to make
        Live("REF-TOMORROW", "open", closes_at=NOW + timedelta(days=1)),
        Live("REF-TODAY-LATE", "open", closes_at=NOW + timedelta(hours=7)),
        Live("REF-TODAY", "open", closes_at=NOW + timedelta(hours=2)),
    ]
    shown = needs_attention(live, NOW)
    assert [a.reference for a in shown] == [
        "REF-TODAY", "REF-TODAY-LATE", "REF-NONE", "REF-APPR-OLD", "REF-APPR-NEW",
        "REF-SIGN", "REF-HELD"]
    assert shown[0].what == "Window closing today, 7 Dec, 12:00 (closes in 2 hours)"
    assert shown[3].what == "Awaiting approval for 2 days"


def test_a_chosen_home_that_withdrew_comes_straight_after_windows_closing_today() -> None:
    """Back on its approved shortlist with no home chosen: someone must choose again (an
    approved referral otherwise waits on nobody here)."""
    live = [Live("REF-NONE", "closed", offers=0),
            Live("REF-APPROVED", "approved"),
            Live("REF-WITHDREW", "approved", chosen_withdrew=True),
            Live("REF-TODAY", "open", closes_at=NOW + timedelta(hours=2))]
    shown = needs_attention(live, NOW)
    assert [a.reference for a in shown] == ["REF-TODAY", "REF-WITHDREW", "REF-NONE"]
    assert shown[1].what == ("Chosen home withdrew: choose another shortlisted home, or ask "
                             "the commissioners")


def test_closed_with_nothing_on_the_comparison_is_worded_as_the_list_and_page_word_it() -> None:
    from channels.web.console.next_step import NO_OFFERS, standing_words

    [shown] = needs_attention([Live("REF-NONE", "closed", offers=0)], NOW)
    assert shown.what.lower() == NO_OFFERS == standing_words("closed", [])
    assert standing_words("closed", [{"label": "A"}]) == "closed for responses, waiting for " \
                                                         "the shortlist"


def test_an_approved_shortlist_whose_confirmations_are_overdue_needs_attention() -> None:
    live = [Live("REF-APPROVED", "approved"),  # confirmations not yet due: nobody to chase
            Live("REF-LATE", "approved", overdue="Kestrel House to confirm by 7 Dec 2026, "
                                                 "06:30; then Sam Taylor to CHOOSE"),
            Live("REF-NONE", "closed", offers=0)]
    shown = needs_attention(live, NOW)
    assert [a.reference for a in shown] == ["REF-LATE", "REF-NONE"]
    assert shown[0].what == ("Overdue: Kestrel House to confirm by 7 Dec 2026, 06:30; then "
                             "Sam Taylor to CHOOSE")

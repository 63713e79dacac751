"""A provider placement officer's review of what homes are sent (round 52): every email
about a referral names the council and the home in its subject, ends on the reference and
comes "<council> via" the service; every home still offering hears how the search ended
(a late one too, a home already told never twice); a home that had the full papers is asked
to delete them and any copies."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from tests.provider_mail import emails_of, rendered
from tests.snapshots import KESTREL, NOW, SW, actor, snapshot, world
from workflows.events import (
    SERVICE,
    DeadlineDue,
    DeadlineKind,
    FeeProposed,
    UnmetDeclared,
    Withdrawn,
)
from workflows.lifecycle import decide
from workflows.placement import not_selected_note, option_by_label
from workflows.provider_head import council_short
from workflows.snapshot import ResponseRecord
from workflows.states import State

LATE_OFFER = ResponseRecord("harbour-house", "offer", {}, {"weekly_fee": 5200}, late=True)




def _placed(before):  # type: ignore[no-untyped-def]
    proposal = decide(before, FeeProposed(actor=actor(SW), key="k", fee=Decimal("4500")))
    from tests.unit.test_placement import _provider_agrees
    return decide(proposal.snapshot, _provider_agrees())


def test_a_councils_short_name() -> None:
    assert council_short("Northby Council") == "Northby"
    assert council_short("Leeds City Council") == "Leeds"
    assert council_short("Royal Borough of Kingston") == "Royal Borough of Kingston"


def test_a_follow_up_is_headed_by_council_and_home_and_comes_via_the_service() -> None:
    placed = _placed(snapshot(State.NEGOTIATING))
    [closed] = emails_of(placed, "provider/closed_with_thanks")
    message = rendered(closed)
    assert message["Subject"] == ("Northby, for Larch House | search closed, thank you | "
                                  "REF-2026-000001")
    assert message["From"] == "Northby Council via Placement referrals <referrals@broker.localhost>"


def test_a_groups_reminders_differ_by_home_and_say_whom_to_ask() -> None:
    earlier = NOW - timedelta(hours=6)  # the window closes at NOW
    open_ = snapshot(State.OPEN, world=world(now=earlier))
    chased = decide(open_, DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CHASE,
                                       wave=1, seq=1, due_at=earlier))
    messages = [rendered(e) for e in emails_of(chased, "provider/chaser")]
    subjects = {str(m["Subject"]) for m in messages}
    assert len(subjects) == len(messages) > 1
    assert all(s.startswith("Northby, for ") and s.endswith("| REF-2026-000001")
               for s in subjects)
    body = messages[0].get_body(("plain",)).get_content()
    assert "Questions about the child: placements@northby.gov.example (quote REF-2026-000001)" \
        in body


def test_a_late_offer_hears_the_outcome_when_another_home_is_placed() -> None:
    before = snapshot(State.NEGOTIATING)
    before = replace(before, responses={**before.responses, "harbour-house": LATE_OFFER})
    placed = _placed(before)
    [note] = emails_of(placed, "provider/not_selected")
    assert note.establishment == "harbour-house"
    assert note.to == "referrals@harbourlightscare.example"
    # the key of the shortlist's own note: a home told then is not told again
    option = option_by_label(before, "C")
    assert option is not None
    assert note.key == not_selected_note(before, option, "not shortlisted").key
    body = rendered(note).get_body(("plain",)).get_content()
    assert "has not been selected: another home was chosen." in body
    assert not any(e.establishment == "kestrel-house"
                   for e in emails_of(placed, "provider/not_selected"))  # the chosen home


def test_an_unmet_search_tells_every_home_still_offering() -> None:
    before = snapshot(State.CLOSED)
    before = replace(before, responses={**before.responses, "harbour-house": LATE_OFFER})
    ended = decide(before, UnmetDeclared(actor=actor(SW), key="k", reason="none near enough"))
    told = {e.establishment for e in emails_of(ended, "provider/not_selected")}
    assert told == {"kestrel-house", "harbour-house"}


def test_a_home_not_shortlisted_is_not_told_a_tautology() -> None:
    option = option_by_label(snapshot(State.APPROVED), "C")
    assert option is not None
    body = rendered(not_selected_note(snapshot(State.APPROVED), option, "not shortlisted")
                     ).get_body(("plain",)).get_content()
    assert "reason" not in body and "has not been selected." in body


def test_a_home_that_had_the_papers_is_asked_to_delete_them_and_copies() -> None:
    withdrawn = decide(snapshot(State.APPROVED), Withdrawn(actor=actor(SW), key="k",
                                                          reason="placed with family"))
    recalled = {e.to: rendered(e).get_body(("plain",)).get_content()
                for e in emails_of(withdrawn, "provider/recalled")}
    assert "delete the referral and the full papers" in recalled[KESTREL]
    assert "full papers" not in recalled["referrals@harbourlightscare.example"]
    placed = _placed(snapshot(State.NEGOTIATING))
    [closed] = emails_of(placed, "provider/closed_with_thanks")
    assert "please delete the papers and any copies" in rendered(closed).get_body(
        ("plain",)).get_content()


def test_the_last_reminder_says_it_is_the_last_and_the_first_does_not() -> None:
    """Two chasers (50% of the window, then 1h before it closes): the second is not a copy
    of the first, word for word and subject included."""
    earlier = NOW - timedelta(hours=6)  # the window closes at NOW
    open_ = snapshot(State.OPEN, world=world(now=earlier))

    def chaser(seq: int) -> tuple[str, str]:
        chased = decide(open_, DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CHASE,
                                           wave=1, seq=seq, due_at=earlier))
        message = rendered(emails_of(chased, "provider/chaser")[0])
        return str(message["Subject"]), message.get_body(("plain",)).get_content()

    (first_subject, first), (last_subject, last) = chaser(1), chaser(2)
    assert "| reminder, please reply by " in first_subject and "Last" not in first_subject
    assert not first.lstrip().startswith("Last reminder")
    assert "| Last reminder: closes at 10:00am Wed 25 Nov |" in last_subject
    assert last.lstrip().startswith("Last reminder: closes at 10:00am on Wednesday 25 "
                                    "November 2026.")


def test_only_the_windows_last_chaser_is_the_last() -> None:
    from workflows.window import last_reminder

    assert [last_reminder(seq, 2) for seq in (1, 2, 3)] == [False, True, True]
    assert last_reminder(1, 1) and not last_reminder(1, None)

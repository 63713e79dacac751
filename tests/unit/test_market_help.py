"""The answer to a message at providers@ that is no instruction and no form: the notice
line a home's places in words mean, offered and never acted on (rule `notice-in-words`),
and each list's next window with the form (rule `help-says-when-to-apply`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import pytest

from channels.email.render import TEMPLATES, EmailRenderer
from tests.market_snapshots import DIRECTORY, NOW, window, world
from workflows.commands import SendEmail
from workflows.market.application_form import open_lists
from workflows.market.help import help_context, next_windows, notice_in_words
from workflows.market.states import WindowState

FOXGLOVE = {"foxglove-house": "Foxglove House"}
TWO = {"larch-house": "Larch House", "oak-view": "Oak View"}


@pytest.mark.parametrize("text,homes,line,said", [
    ("We will have a bed free at Foxglove House from Monday", FOXGLOVE,
     "VACANCIES 1 Foxglove House", "from Monday"),
    ("Foxglove House is full until March now", FOXGLOVE, "VACANCIES 0 Foxglove House",
     "until March"),
    ("Just so you know we have two places available at Oak View.", TWO,
     "VACANCIES 2 Oak View", ""),
    ("We're full", FOXGLOVE, "VACANCIES 0 Foxglove House", ""),  # her only home
    ("We have a vacancy", TWO, "VACANCIES 1 <home>", ""),  # which of hers: not said
    ("Foxglove House is full till the 3rd of March", FOXGLOVE, "VACANCIES 0 Foxglove House",
     "till the 3rd of March"),
    ("A bed free from next week please", FOXGLOVE, "VACANCIES 1 Foxglove House",
     "from next week"),
])
def test_a_homes_places_in_words_are_offered_as_the_line(text: str, homes: dict[str, str],
                                                         line: str, said: str) -> None:
    offered = notice_in_words(text, homes)
    assert offered is not None and (offered.line, offered.said) == (line, said)


@pytest.mark.parametrize("text", [
    "Can we add our Kent branch to the DPS, when can we apply and what do you need?",
    "Hello, can we join?", "We are not full yet, more soon"])
def test_words_about_no_places_offer_no_line(text: str) -> None:
    assert notice_in_words(text, FOXGLOVE) is None


def test_each_list_shows_its_next_planned_window_and_none_when_none_is() -> None:
    lists = open_lists(DIRECTORY)
    first = lists[0]
    later = window(WindowState.SCHEDULED, opens=NOW + timedelta(days=60),
                   arrangement=first.key, window_id=2)
    past = window(WindowState.CLOSED, opens=NOW - timedelta(days=90), arrangement=first.key)
    shown = {s["name"]: s for s in next_windows(lists, [past, later], NOW)}
    assert shown[first.name]["opens_at"] == later.opens_at
    assert not shown[first.name]["open_now"]
    assert all(s["opens_at"] is None for name, s in shown.items() if name != first.name)


def test_the_help_email_says_when_to_apply_gives_the_form_and_offers_the_line() -> None:
    lists = open_lists(DIRECTORY)
    opens = datetime(2027, 1, 1, 9, tzinfo=UTC)
    planned = window(WindowState.SCHEDULED, opens=opens, arrangement=lists[0].key)
    context = help_context("Foxglove House is full until March now", FOXGLOVE, lists,
                           [planned], NOW.replace(year=2026, month=12, day=7),
                           world().application_spec, proved=True)
    renderer = EmailRenderer("broker.localhost", "Placements <providers@broker.localhost>",
                             [TEMPLATES], secret=b"test-secret")
    rendered = renderer.render(SendEmail("h", "provider/providers_help", "lee@foxglove.example",
                                         context), datetime(2026, 12, 7, 10, tzinfo=UTC))
    said = " ".join(message_from_bytes(rendered.raw, policy=policy.default)
                    .get_body(("plain",)).get_content().split())
    assert "nothing has been changed" in said
    assert "reply to this email with just this line" in said
    assert "VACANCIES 0 Foxglove House" in said and 'You said "until March"' in said
    assert (f"{lists[0].name}: from 9:00am on Friday 1 January 2027 until 9:00am on "
            "Sunday 31 January 2027") in said, said
    assert f"{lists[-1].name}: no opening is planned yet" in said
    assert "Ofsted URN:" in said and "Applying to: (" in said


@pytest.mark.parametrize("text,said", [
    # the answer goes to whatever address the message is from, proved or not: only the
    # time is repeated, never the words around it (attacker review 39)
    ("we have a bed free from Monday ring 07700 900123 now", "from Monday"),
    ("We have a bed free from www.example.test/win-a-prize today", ""),
    ("We're full until further notice, call Dee on 07700 900456", ""),
])
def test_only_a_time_is_repeated_never_the_senders_other_words(text: str, said: str) -> None:
    offered = notice_in_words(text, FOXGLOVE)
    assert offered is not None and offered.said == said

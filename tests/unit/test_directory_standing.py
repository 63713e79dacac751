"""Whether a home receives referrals, in the words `broker providers list` and the console's
directory share: a home its provider paused says so, with the reason and since when, and a
home the consortium suspended says that; neither reads "active". (A pause another council's
team made is read without its reason: tests/e2e/test_console_pause_home.py.)"""

from __future__ import annotations

from broker.directory import load_directory
from broker.directory.live import LiveFacts, standing, with_live_facts
from channels.web.console.directory import _standing
from channels.web.console.staff import OFFICER, StaffMember
from tests.factories import CONFIG

DIRECTORY = load_directory(CONFIG)
MAYA = StaffMember("maya.osei@northby.gov.example", OFFICER, "northby", "Northby Council")
PAUSE = "carers' recruitment drive (since 5 January 2027)"


def test_a_home_its_provider_paused_is_paused_with_the_reason_and_since_when() -> None:
    live = with_live_facts(DIRECTORY, {"orchard-lane-yorkshire": LiveFacts(paused=PAUSE)})
    configured = DIRECTORY.establishment("orchard-lane-yorkshire")
    assert configured is not None and configured.status == "active"
    assert standing(live.establishment("orchard-lane-yorkshire")) == f"paused: {PAUSE}"
    # The console's directory lists the configured record: the pause is read from today's.
    assert _standing(live, configured, MAYA, {}) == f"Paused: {PAUSE}"


def test_a_suspended_home_and_one_both_suspended_and_paused() -> None:
    suspended = DIRECTORY.establishment("kindred-hearts-liverpool")
    assert suspended is not None and suspended.status == "suspended"
    assert standing(suspended) == "suspended"
    live = with_live_facts(DIRECTORY, {suspended.key: LiveFacts(paused=PAUSE)})
    assert _standing(live, suspended, MAYA, {}) == f"Suspended; paused: {PAUSE}"


def test_a_home_receiving_referrals_is_active() -> None:
    assert _standing(DIRECTORY, DIRECTORY.establishment("larch-house"), MAYA, {}) == "Active"

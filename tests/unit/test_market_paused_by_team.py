"""The placements team pausing and resuming a home from the console, decided purely: the same
commands as the provider's PAUSE / RESUME, recorded as the person who did it, the provider
told; a home the team paused stays paused whatever its provider sends; the match and the
directory say whose pause it is."""

from __future__ import annotations

from dataclasses import replace

from broker.directory.live import BY_TEAM, standing
from broker.eligibility import is_receiving
from tests.market_snapshots import world
from workflows.commands import SendEmail
from workflows.events import Actor
from workflows.market.commands import RecordMarketEvent, SetHomeStatus
from workflows.market.events import HomeSetByTeam, NoticeGiven
from workflows.market.instructions import read_notices
from workflows.market.notices import decide_by_team, decide_notices
from workflows.market.snapshot import Home, ProviderSnapshot
from workflows.market.states import Receiving

LARCH = "referrals@larchcare.example"
MAYA = "maya.osei@northby.gov.example"
HOUSE = Home("larch-house", "Larch House", capacity=1)
BY_MAYA = Actor(MAYA, channel="web", authenticated=True)


def by_team(verb: str, reason: str = "", home: Home = HOUSE,
            actor: Actor = BY_MAYA):  # type: ignore[no-untyped-def]
    event = HomeSetByTeam(actor=actor, key="web:1", establishment=home.key, verb=verb,
                          reason=reason, team="Northby's placements team",
                          contact="placements@northby.gov.example")
    return decide_by_team(ProviderSnapshot(LARCH, world(), (home,)), event)


def from_provider(text: str, home: Home):  # type: ignore[no-untyped-def]
    event = NoticeGiven(actor=Actor(LARCH), key="in:5", notices=read_notices(text))
    return decide_notices(ProviderSnapshot(LARCH, world(), (home,)), event)


def of(decision, kind):  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, kind)]


def test_the_team_pauses_as_the_provider_would_recorded_as_who_did_it_and_told() -> None:
    decision = by_team("pause", "  safeguarding   review ")
    assert decision.answer.accepted and decision.rule == "paused-by-team"
    assert of(decision, SetHomeStatus) == [SetHomeStatus(
        "larch-house", MAYA, paused=True, reason=BY_TEAM + "safeguarding review")]
    (event,) = of(decision, RecordMarketEvent)
    assert (event.kind, event.data["by"]) == ("paused", MAYA)
    (told,) = of(decision, SendEmail)
    assert (told.to, told.template) == (LARCH, "provider/home_by_team")
    assert told.context["team"] == "Northby's placements team"
    assert told.context["reason"] == "safeguarding review"
    assert decision.snapshot.home("larch-house").receiving == Receiving.PAUSED


def test_a_pause_needs_a_reason_and_only_a_signed_in_team_member_makes_one() -> None:
    assert not by_team("pause", " ").answer.accepted
    for actor in (Actor(MAYA), Actor(MAYA, channel="web", authenticated=False)):
        refused = by_team("pause", "safeguarding review", actor=actor)
        assert not refused.answer.accepted and refused.commands == ()


def test_a_home_the_team_paused_stays_paused_until_the_team_resumes_it() -> None:
    paused = replace(HOUSE, receiving=Receiving.PAUSED,
                     pause_reason=BY_TEAM + "safeguarding review")
    for text in ("RESUME Larch House", "PAUSE Larch House: staff training"):
        decision = from_provider(text, paused)
        assert not of(decision, SetHomeStatus), text
        assert "placements team" in " ".join(of(decision, SendEmail)[0].context["problems"])
    resumed = by_team("resume", home=paused)
    assert of(resumed, SetHomeStatus) == [SetHomeStatus("larch-house", MAYA, paused=False)]
    assert of(resumed, SendEmail)[0].context["was_reason"] == "safeguarding review"


def test_the_team_resumes_a_providers_pause_but_not_a_home_that_is_receiving() -> None:
    theirs = replace(HOUSE, receiving=Receiving.PAUSED, pause_reason="staff training")
    assert by_team("resume", home=theirs).answer.accepted
    assert not by_team("resume").answer.accepted and not by_team("resume").commands


def test_a_providers_pause_never_passes_for_the_teams() -> None:
    decision = from_provider("PAUSE Larch House: by the placements team: staff training",
                             HOUSE)
    (status,) = of(decision, SetHomeStatus)
    assert status.reason == "staff training"


def test_the_match_and_the_directory_say_whose_pause_it_is() -> None:
    class Candidate:
        def __init__(self, paused: str) -> None:
            self.establishment = type("E", (), {"paused": paused, "status": "active"})()

    team = BY_TEAM + "safeguarding review (since 7 December 2026)"
    assert is_receiving(Candidate(team)) == (  # type: ignore[arg-type]
        "paused by the placements team: safeguarding review (since 7 December 2026)")
    assert is_receiving(Candidate("staff training")) == (  # type: ignore[arg-type]
        "paused by the provider: staff training")
    assert standing(Candidate(team).establishment) == (  # type: ignore[arg-type]
        "paused by the placements team: safeguarding review (since 7 December 2026)")

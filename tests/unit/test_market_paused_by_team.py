"""The placements team pausing and resuming a home from the console, decided purely: the same
commands as the provider's PAUSE / RESUME, recorded as the person who did it, the provider
told; a home the team paused stays paused whatever its provider sends; the team's pause and
the provider's are kept apart, each lifted only by whoever made it; the match and the
directory say whose pause it is."""

from __future__ import annotations

from dataclasses import replace

import pytest

from broker.directory.live import BY_TEAM, paused_by_team, standing
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


def by_team(verb: str, reason: str = "", home: Home = HOUSE, actor: Actor = BY_MAYA,
            council: str = "northby", operator: bool = False):  # type: ignore[no-untyped-def]
    event = HomeSetByTeam(actor=actor, key="web:1", establishment=home.key, verb=verb,
                          reason=reason, team="Northby's placements team",
                          contact="placements@northby.gov.example", council=council,
                          operator=operator)
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
        "larch-house", MAYA, paused=True, reason="safeguarding review", team=True)]
    (event,) = of(decision, RecordMarketEvent)
    assert (event.kind, event.data["by"]) == ("paused", MAYA)
    assert event.data["reason"] == BY_TEAM + "safeguarding review"
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
    paused = replace(HOUSE, receiving=Receiving.PAUSED, team_pause="safeguarding review",
                     paused_by="northby")
    decision = from_provider("RESUME Larch House", paused)
    assert not of(decision, SetHomeStatus)
    assert "placements team" in " ".join(of(decision, SendEmail)[0].context["problems"])
    resumed = by_team("resume", home=paused)
    assert of(resumed, SetHomeStatus) == [SetHomeStatus("larch-house", MAYA, paused=False,
                                                        team=True)]
    assert of(resumed, SendEmail)[0].context["was_reason"] == "safeguarding review"
    assert resumed.snapshot.home("larch-house").receiving == Receiving.RECEIVING


def test_the_team_pauses_over_a_providers_pause_but_never_resumes_it() -> None:
    """ux51c: the console offered only Resume on a home its provider had paused, so an
    officer could not make a safeguarding pause the provider's RESUME cannot lift; and a
    Resume would send referrals to a home its provider said could take none. The provider's
    own pause is its to lift; the team pauses over it, and resumes only its own pause."""
    theirs = replace(HOUSE, receiving=Receiving.PAUSED, pause_reason="staff training")
    for operator in (False, True):
        refused = by_team("resume", home=theirs, operator=operator)
        assert not refused.answer.accepted and refused.commands == ()
        assert "paused by its provider" in refused.answer.message
    ours = by_team("pause", "safeguarding review", home=theirs)
    assert ours.answer.accepted
    assert of(ours, SetHomeStatus) == [SetHomeStatus(
        "larch-house", MAYA, paused=True, reason="safeguarding review", team=True)]
    assert by_team("resume", home=ours.snapshot.home("larch-house")).answer.accepted
    assert not by_team("resume").answer.accepted and not by_team("resume").commands


def test_the_teams_resume_leaves_its_providers_own_pause_standing() -> None:
    """Attacker review 41 F1: a home had one pause, so the team's pause wrote over its
    provider's ("no staff over Christmas: take nobody") and the team's Resume set it
    receiving: referrals went to a home its provider said could take none."""
    theirs = replace(HOUSE, receiving=Receiving.PAUSED,
                     pause_reason="no staff over Christmas: take nobody")
    ours = by_team("pause", "safeguarding review", home=theirs).snapshot.home("larch-house")
    assert (ours.pause_reason, ours.team_pause) == (
        "no staff over Christmas: take nobody", "safeguarding review")
    resumed = by_team("resume", home=ours)
    assert resumed.answer.accepted
    assert of(resumed, SetHomeStatus) == [SetHomeStatus("larch-house", MAYA, paused=False,
                                                        team=True)]
    home = resumed.snapshot.home("larch-house")
    assert home.receiving == Receiving.PAUSED and not home.team_pause
    assert home.pause_reason == "no staff over Christmas: take nobody"
    assert "stays paused by its provider" in resumed.answer.message
    (told,) = of(resumed, SendEmail)
    assert told.context["still_yours"] == "no staff over Christmas: take nobody"
    back = from_provider("RESUME Larch House", home)  # the provider's own RESUME lifts it
    assert of(back, SetHomeStatus) == [SetHomeStatus("larch-house", LARCH, paused=False)]
    assert back.snapshot.home("larch-house").receiving == Receiving.RECEIVING


def test_a_providers_pause_under_the_teams_is_recorded_and_outlasts_it() -> None:
    """The other way: while the team's pause stands, a provider's PAUSE was refused and so
    lost when the team resumed. It is recorded and acknowledged, the team's Resume leaves
    it, and the provider's RESUME lifts its own only, told the team's still stands."""
    ours = replace(HOUSE, receiving=Receiving.PAUSED, team_pause="safeguarding review",
                   paused_by="northby")
    paused = from_provider("PAUSE Larch House: staff training", ours)
    assert paused.answer.accepted
    assert of(paused, SetHomeStatus) == [SetHomeStatus("larch-house", LARCH, paused=True,
                                                       reason="staff training")]
    (answer,) = of(paused, SendEmail)
    assert "paused it too" in " ".join(answer.context["done"])
    both = paused.snapshot.home("larch-house")
    assert (both.pause_reason, both.team_pause) == ("staff training", "safeguarding review")
    own_lifted = from_provider("RESUME Larch House", both)
    assert of(own_lifted, SetHomeStatus) == [SetHomeStatus("larch-house", LARCH,
                                                           paused=False)]
    (answer,) = of(own_lifted, SendEmail)
    said = " ".join(answer.context["done"])
    assert "placements team has paused it too" in said and "safeguarding" not in said
    assert own_lifted.snapshot.home("larch-house").receiving == Receiving.PAUSED
    after_team = by_team("resume", home=both).snapshot.home("larch-house")
    assert after_team.receiving == Receiving.PAUSED
    assert after_team.pause_reason == "staff training"


def test_a_providers_pause_never_passes_for_the_teams() -> None:
    decision = from_provider("PAUSE Larch House: by the placements team: staff training",
                             HOUSE)
    (status,) = of(decision, SetHomeStatus)
    assert status.reason == "staff training"


@pytest.mark.parametrize("written", [
    "by the placements team: by the placements team: safeguarding review",
    "By the Placements Team: BY THE PLACEMENTS TEAM: safeguarding review",
    "by the placements team - by the placements team safeguarding review",
    "  by the placements team:by the placements team: by the placements team: safeguarding review",
])
def test_a_providers_reason_never_carries_the_teams_marker_however_often_written(
        written: str) -> None:
    """The marker written twice, in capitals or without its colon, is stripped every time:
    the pause stays the provider's, and its own RESUME lifts it."""
    decision = from_provider(f"PAUSE Larch House: {written}", HOUSE)
    (status,) = of(decision, SetHomeStatus)
    assert status.reason == "safeguarding review"
    assert not paused_by_team(status.reason)
    paused = replace(HOUSE, receiving=decision.snapshot.home("larch-house").receiving,
                     pause_reason=status.reason)
    (resumed,) = of(from_provider("RESUME Larch House", paused), SetHomeStatus)
    assert resumed.paused is False


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


def test_the_directory_shows_both_pauses_and_pauses_the_home_while_either_stands() -> None:
    from broker.directory.live import LiveFacts, providers_pause, with_live_facts
    from tests.market_snapshots import DIRECTORY

    key = "orchard-lane-yorkshire"
    team = BY_TEAM + "safeguarding review (since 7 December 2026)"
    own = "staff training (since 1 December 2026)"
    cases = {(own, ""): (own, own), ("", team): (team, ""), (own, team): (team, own)}
    for (provider, teams), (paused, providers) in cases.items():
        home = with_live_facts(DIRECTORY, {key: LiveFacts(paused=provider, team_paused=teams)}
                               ).establishment(key)
        assert (home.paused, providers_pause(home)) == (paused, providers)
    both = with_live_facts(DIRECTORY, {key: LiveFacts(paused=own, team_paused=team)}
                           ).establishment(key)
    assert standing(both) == ("paused by the placements team: safeguarding review (since 7 "
                              "December 2026); paused: staff training (since 1 December 2026)")
    assert is_receiving(type("C", (), {"establishment": both})()).startswith(  # type: ignore[arg-type]
        "paused by the placements team")


# Rule `team-acts-on-its-homes` (attacker review 30 F1): a team pause takes a home out of
# every council's referrals, so an officer acts only on a home her council uses, and lifts
# or changes only her own council's pause; the consortium's operators act on any home.
ASHGROVE = Home("ashgrove-house", "Ashgrove House", capacity=2)  # Kingsholt's own, only
OWEN = Actor("owen.pryce@kingsholt.gov.example", channel="web", authenticated=True)
OPERATOR = Actor("hub.operations@consortium.example", channel="web", authenticated=True)


def test_an_officer_pauses_or_resumes_only_a_home_her_council_uses() -> None:
    refused = by_team("pause", "no reason at all", home=ASHGROVE)
    assert not refused.answer.accepted and refused.commands == ()
    assert refused.rule == "team-acts-on-its-homes"
    assert "no arrangement Northby" in refused.answer.message
    theirs = replace(ASHGROVE, receiving=Receiving.PAUSED, pause_reason="staff training")
    assert not by_team("resume", home=theirs).answer.accepted
    assert by_team("pause", "staff shortage", home=ASHGROVE, actor=OWEN,
                   council="kingsholt").answer.accepted
    assert by_team("pause", "inspection", home=ASHGROVE, actor=OPERATOR, council="",
                   operator=True).answer.accepted


def test_a_team_pause_is_lifted_or_changed_only_by_its_council_or_an_operator() -> None:
    paused = by_team("pause", "safeguarding review: allegation",
                     home=replace(HOUSE, key="orchard-lane-yorkshire",
                                  name="Orchard Lane Yorkshire"))
    (event,) = of(paused, RecordMarketEvent)
    assert event.data["council"] == "northby"  # whose pause it is, kept with it
    home = paused.snapshot.home("orchard-lane-yorkshire")
    assert home.paused_by == "northby"
    for verb, reason in (("resume", ""), ("pause", "resolved, we think")):
        other = by_team(verb, reason, home=home, actor=OWEN, council="kingsholt")
        assert not other.answer.accepted and other.commands == (), verb
        assert "paused by Northby" in other.answer.message
    assert by_team("resume", home=home).answer.accepted
    assert by_team("resume", home=home, actor=OPERATOR, council="", operator=True).answer.accepted
    by_operators = by_team("pause", "contract review", home=home, actor=OPERATOR, council="",
                           operator=True).snapshot.home(home.key)
    assert not by_team("resume", home=by_operators).answer.accepted


def test_a_team_event_from_neither_an_officer_nor_an_operator_does_nothing() -> None:
    for council in ("", "nowhere"):
        refused = by_team("pause", "safeguarding review", council=council)
        assert not refused.answer.accepted and refused.commands == ()


def test_the_console_offers_the_form_only_where_the_rule_allows() -> None:
    from channels.web.console.homes import may_pause_homes
    from channels.web.console.staff import COMMISSIONER, OFFICER, StaffMember
    from channels.web.console.staff import OPERATOR as OPERATOR_ROLE
    from tests.market_snapshots import DIRECTORY

    ashgrove = DIRECTORY.establishment("ashgrove-house")
    shared = DIRECTORY.establishment("orchard-lane-yorkshire")
    maya = StaffMember(MAYA, OFFICER, "northby", "Northby Council")
    owen = StaffMember(OWEN.address, OFFICER, "kingsholt", "Kingsholt City Council")
    alex = StaffMember("alex.morgan@northby.gov.example", COMMISSIONER, "northby")
    hub = StaffMember(OPERATOR.address, OPERATOR_ROLE)
    assert DIRECTORY.uses("kingsholt", ashgrove) and not DIRECTORY.uses("northby", ashgrove)
    assert [may_pause_homes(s, ashgrove, DIRECTORY) for s in (maya, owen, alex, hub)] == [
        False, True, False, True]
    assert [may_pause_homes(s, shared, DIRECTORY) for s in (maya, owen, alex, hub)] == [
        True, True, False, True]

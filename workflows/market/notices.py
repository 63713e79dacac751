"""What providers tell us about their homes, as pure decisions: vacancies, pauses, resumes,
and the weekly reminder asking for a vacancy return.

    receiving   VACANCIES n    → receiving (n places free, counted from now)
    receiving   PAUSE <reason> → paused    (left out of every match, rule `paused`)
    receiving   RESUME         → receiving (told it was not paused)
    paused      VACANCIES n    → paused    (recorded; still left out until RESUME)
    paused      PAUSE <reason> → paused    (the reason is updated)
    paused      RESUME         → receiving (paused, while the placements team's pause stands)
    (the placements team pauses and resumes from the console: `decide_by_team`. Its pause
    is kept apart from the provider's own, and the home receives only when neither stands:
    a team pause stays whatever its provider sends, until the team resumes it; a provider's
    PAUSE under it is recorded, and a team Resume lifts the team's pause only;
    an officer acts only on a home her council uses, and lifts only her council's pause:
    rule `team-acts-on-its-homes`; the consortium's operators act on any)

A notice is accepted only from an address that speaks for the home (its contacts, its
organisation's contacts, or an address at its organisation's domains). One message may
carry a line per home; the answer lists what was recorded and what could not be.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from broker.directory.live import BY_TEAM, without_the_marker
from broker.directory.reopening import next_time
from workflows import confirm
from workflows.market.commands import RecordMarketEvent, ScheduleReturn, SetHomeStatus
from workflows.market.events import HomeSetByTeam, Notice, NoticeGiven, VacancyReturnDue
from workflows.market.instructions import which_home
from workflows.market.snapshot import (
    Decided,
    Home,
    ProviderSnapshot,
    ReturnSnapshot,
    accepted,
    declined,
    email,
)
from workflows.market.states import Receiving

R = Receiving
TRANSITIONS: dict[Receiving, dict[str, frozenset[Receiving]]] = {
    R.RECEIVING: {"vacancies": frozenset({R.RECEIVING}), "pause": frozenset({R.PAUSED}),
                  "resume": frozenset({R.RECEIVING})},
    R.PAUSED: {"vacancies": frozenset({R.PAUSED}), "pause": frozenset({R.PAUSED}),
               "resume": frozenset({R.RECEIVING, R.PAUSED})},
}
Step = tuple[Home, list[Any], str]  # the home after, its commands, the line for the answer


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def decide_notices(snapshot: ProviderSnapshot, event: NoticeGiven) -> Decided:
    """Each notice applied to the home it is about; one answer listing every outcome."""
    if not snapshot.homes:
        return _not_a_provider(snapshot, event)
    if not event.actor.authenticated:
        if event.actor.to_confirm:  # its From proved; nothing shows it was sent to us
            return _to_confirm(snapshot, event)
        return _unproved(snapshot, event)
    done, problems, commands = [], [], []
    for notice in event.notices:
        home, rest, problem = _home_for(snapshot, notice, event.answering)
        if home is None:
            problems.append(problem)
            continue
        after, step_commands, line = STEPS[notice.verb](home, notice, rest, event)
        if not step_commands:  # refused: nothing changes
            problems.append(line)
            continue
        if after.receiving not in TRANSITIONS[home.receiving][notice.verb]:
            raise ValueError(f"{notice.verb} led {home.receiving} to {after.receiving}")
        snapshot = snapshot.with_home(after)
        commands += step_commands
        done.append(line)
    commands.append(_answer(snapshot, event, done, problems))
    if done:
        return accepted(snapshot, commands, "notice-recorded", "notice-from-provider",
                        " ".join(done + problems))
    return declined(snapshot, commands, "notice-not-recorded", "notice-unclear",
                    " ".join(problems))


def _home_for(snapshot: ProviderSnapshot, notice: Notice,
              answering: str) -> tuple[Home | None, str, str]:
    names = {h.key: h.name for h in snapshot.homes}
    key, rest = which_home(notice.text, names)
    if not key and notice.verb != "pause" and _names_a_home(rest):
        return None, rest, (f"'{rest}' is not a home your address speaks for; it speaks for "
                            f"{', '.join(names.values())}.")
    if not key and len(names) == 1:
        key = next(iter(names))
    elif not key and answering in names:
        key = answering
    if not key:
        line = _as_written(notice)
        example = " ".join(filter(None, [notice.verb.upper(), _number(notice) or (
            "2" if notice.verb == "vacancies" else ""), next(iter(names.values()))]))
        return None, rest, (f"Which home is '{line}' about? Your address speaks for "
                            f"{', '.join(names.values())}: name one, e.g. {example}.")
    return snapshot.home(key), rest, ""


FILLER = frozenset({"place", "places", "bed", "beds", "free", "available", "now", "at",
                    "for", "vacancy", "vacancies", "please", "thanks", "thank", "you"})


def _names_a_home(text: str) -> bool:
    """Whether what is left of a VACANCIES or RESUME line names something ("2 places free"
    names nothing; "Kestrel House" names a home)."""
    return any(word not in FILLER for word in re.findall(r"[a-z0-9']+", text.lower()))


def _as_written(notice: Notice) -> str:
    """The notice's line as the provider would write it: `VACANCIES 2 Larch House`."""
    return " ".join(filter(None, [notice.verb.upper(), _number(notice), notice.text]))


def _in_our_words(snapshot: ProviderSnapshot, notice: Notice) -> str:
    """The notice as its instruction, its number and the home it names from the directory:
    `PAUSE Larch House`, never the words that came with it."""
    key, _ = which_home(notice.text, {h.key: h.name for h in snapshot.homes})
    home = snapshot.home(key) if key else None
    return " ".join(filter(None, [notice.verb.upper(), _number(notice),
                                  home.name if home else ""]))


def _number(notice: Notice) -> str:
    return str(notice.vacancies) if notice.vacancies is not None else ""


def _vacancies(home: Home, notice: Notice, rest: str, event: NoticeGiven) -> Step:
    if notice.vacancies is None:
        return home, [], (f"{home.name}: give the number of places free, e.g. VACANCIES 2 "
                          f"{home.name}.")
    count = notice.vacancies
    after = replace(home, vacancies=count, capacity=count)
    paused = f" {_still_paused(home)}" if home.receiving == R.PAUSED else ""
    return after, [
        SetHomeStatus(home.key, event.actor.address, vacancies=count),
        RecordMarketEvent("establishment", home.key, "vacancies-declared",
                          {"vacancies": count, "by": event.actor.address})], (
        f"{home.name}: {count} place{'s' if count != 1 else ''} free from now on.{paused}")


def _still_paused(home: Home) -> str:
    """Who must resume a paused home before it is sent referrals, in the provider's words
    (the team's reason is not repeated)."""
    if home.team_pause and home.pause_reason:
        return ("It stays paused until you reply RESUME and the placements team resumes it "
                "too.")
    if home.team_pause:
        return "It stays paused by the placements team until they resume it."
    return "It stays paused until you reply RESUME."


def _pause(home: Home, notice: Notice, rest: str, event: Any) -> Step:
    """Rule `two-pauses`: the placements team's pause and the provider's own are kept apart
    (`Home.team_pause`, `Home.pause_reason`); each sets its own, never the other's."""
    team = by_team(event)
    # A provider's words never pass for the team's; the team's are checked by the console.
    reason = rest if team else without_the_marker(rest) or "no reason given"
    owner = (OPERATORS if event.operator else event.council) if team else ""
    after = (replace(home, receiving=R.PAUSED, team_pause=reason, paused_by=owner) if team
             else replace(home, receiving=R.PAUSED, pause_reason=reason))
    recorded = {"reason": BY_TEAM + reason if team else reason, "by": event.actor.address} | (
        {"council": owner} if owner else {})  # whose pause it is, for `team_refusal`
    also = (" The placements team has paused it too: it is not sent referrals until they "
            "resume it as well." if home.team_pause and not team else "")
    return after, [
        SetHomeStatus(home.key, event.actor.address, paused=True, reason=reason, team=team),
        RecordMarketEvent("establishment", home.key, "paused", recorded)], (
        f"{home.name} is paused ({reason}): it will not be sent referrals until you reply "
        f"RESUME {home.name}.{also}")


def _resume(home: Home, notice: Notice, rest: str, event: Any) -> Step:
    """A RESUME lifts its sender's own pause only (rule `two-pauses`): the provider's, or,
    from the console, the placements team's; the home receives when neither is left."""
    team = by_team(event)
    mine, other = (home.team_pause, home.pause_reason) if team else (
        home.pause_reason, home.team_pause)
    if not mine and other and not team:
        return home, [], (f"{home.name} was paused by the placements team, and only they can "
                          "resume it: please write to them.")
    if not mine:
        return home, [], f"{home.name} was not paused: it is receiving referrals."
    receiving = R.PAUSED if other else R.RECEIVING
    after = (replace(home, receiving=receiving, team_pause="", paused_by="") if team
             else replace(home, receiving=receiving, pause_reason=""))
    line = (f"{home.name}: your pause is lifted, but the placements team has paused it too: "
            "it is not sent referrals until they resume it." if other else
            f"{home.name} is receiving referrals again ({home.capacity} place"
            f"{'s' if home.capacity != 1 else ''} free).")
    return after, [
        SetHomeStatus(home.key, event.actor.address, paused=False, team=team),
        RecordMarketEvent("establishment", home.key, "resumed", {"by": event.actor.address})
    ], line


STEPS: dict[str, Callable[[Home, Notice, str, Any], Step]] = {
    "vacancies": _vacancies, "pause": _pause, "resume": _resume}


def by_team(event: Any) -> bool:
    """Whether a pause or resume is the placements team's: from the console (a signed-in
    operator or placements officer; the console decides who may), never by email."""
    return isinstance(event, HomeSetByTeam) and event.actor.channel == "web" \
        and event.actor.authenticated


OPERATORS = "(operators)"  # `Home.paused_by` of the consortium's operators' pause (no key's form)


def team_refusal(snapshot: ProviderSnapshot, home: Home, event: HomeSetByTeam) -> str:
    """Rule `team-acts-on-its-homes`: a team pause takes a home out of every council's
    referrals, so a placements officer pauses or resumes only a home her council uses (on
    an arrangement it is a member of), and a pause a placements team made is changed or
    lifted only by that council's team or by the consortium's operators, who may act on any
    home. A provider's own pause is its provider's to lift (its RESUME): the team may pause
    over it, never resume it. Why not, or "" when this person may."""
    if event.verb == "resume" and home.pause_reason and not home.team_pause:
        return (f"{home.name} was paused by its provider: it comes back when the provider "
                "sends RESUME. The console lifts only a placements team's pause.")
    if event.operator:
        return ""
    directory = snapshot.world.directory
    establishment = directory.establishment(home.key)
    if not event.council or directory.authority(event.council) is None:
        return "Only the placements team pauses or resumes a home, from the console."
    if establishment is None or not directory.uses(event.council, establishment):
        council = directory.authority(event.council).name
        return (f"{home.name} is on no arrangement {council} is a member of: only the "
                "councils that use it, or the consortium's operators, pause or resume it.")
    owner = home.paused_by if home.team_pause else ""
    if owner and owner != event.council:
        authority = directory.authority(owner)
        who = (f"{authority.name}'s placements team" if authority is not None
               else "the consortium's operators")
        return (f"{home.name} was paused by {who}: only they, or the consortium's "
                "operators, can resume it or change why.")
    return ""


def decide_by_team(snapshot: ProviderSnapshot, event: HomeSetByTeam) -> Decided:
    """Rule `paused-by-team`: the placements team pauses a home (with a reason) or resumes
    it from the console, with the same commands as the provider's PAUSE / RESUME, recorded
    as the person who did it; the home's referral address is told the placements team did
    it, and why. The team's pause is kept apart from the provider's own (`_pause`), so the
    match, the directory and the provider's own RESUME know whose pause is whose, and a team
    Resume leaves a provider's pause standing."""
    home = snapshot.home(event.establishment)
    if home is None or not by_team(event):
        return declined(snapshot, [], "not-recorded", "paused-by-team",
                        "Only the placements team pauses or resumes a home, from the console.")
    if refused := team_refusal(snapshot, home, event):
        return declined(snapshot, [], "not-recorded", "team-acts-on-its-homes", refused)
    reason = " ".join(event.reason.split())[:300]
    if event.verb == "pause" and not reason:
        return declined(snapshot, [], "not-recorded", "paused-by-team",
                        f"Say why {home.name} is paused (the provider is told).")
    after, commands, _ = STEPS[event.verb](home, Notice(event.verb, text=reason), reason, event)
    if not commands:
        return declined(snapshot, [], "not-recorded", "paused-by-team",
                        f"{home.name} was not paused: it is receiving referrals.")
    if after.receiving not in TRANSITIONS[home.receiving][event.verb]:
        raise ValueError(f"{event.verb} led {home.receiving} to {after.receiving}")
    told = email(snapshot.world, f"home-by-team:{digest(event.key or repr(event))}",
                 "provider/home_by_team", snapshot.sender,
                 {"home": home.name, "verb": event.verb, "reason": reason,
                  "was_reason": home.team_pause, "by_team_before": bool(home.team_pause),
                  "still_yours": after.pause_reason,
                  "team": event.team, "contact": event.contact}, establishment=home.key)
    done = (f"{home.name} is paused ({reason}): it will not be sent referrals until the "
            "placements team resumes it." if event.verb == "pause" else
            f"The placements team's pause is lifted, but {home.name} stays paused by its "
            f"provider ({after.pause_reason}) until the provider sends RESUME."
            if after.receiving == R.PAUSED else f"{home.name} is receiving referrals again.")
    return accepted(snapshot.with_home(after), [*commands, told], f"home-{event.verb}d",
                    "paused-by-team", f"{done} Its provider is told, at {snapshot.sender}.")


def _answer(snapshot: ProviderSnapshot, event: NoticeGiven, done: list[str],
            problems: list[str]) -> Any:
    form = event.form
    return email(snapshot.world, f"notice:{digest(event.key or repr(event.notices))}",
                 "provider/notice_recorded", snapshot.sender,
                 {"done": done, "problems": problems, "subject": form.subject if form else ""},
                 in_reply_to=form.message_id if form else "")


def _not_a_provider(snapshot: ProviderSnapshot, event: NoticeGiven) -> Decided:
    form = event.form
    command = email(snapshot.world, f"notice-refused:{digest(event.key or snapshot.sender)}",
                    "provider/notice_refused", snapshot.sender, {},
                    in_reply_to=form.message_id if form else "")
    return declined(snapshot, [command], "not-a-provider", "sender-speaks-for-no-home",
                    "The sender's address is not registered for any home in the directory.")


def _unproved(snapshot: ProviderSnapshot, event: NoticeGiven) -> Decided:
    """Notices from a home's address that nothing proves: anyone can write any From, and a
    forged PAUSE would take a home out of every referral. The address is told (the real
    provider, if the notice was forged), with what the lines asked for, to send again as a
    reply. Only that: no subject, reason or other words of a message nothing proves are
    repeated, or a stranger could have the service send a home their text as ours."""
    form = event.form
    lines = [_in_our_words(snapshot, notice) for notice in event.notices]
    command = email(snapshot.world, f"notice-unproved:{digest(event.key or snapshot.sender)}",
                    "provider/notice_unproved", snapshot.sender, {"lines": lines},
                    in_reply_to=form.message_id if form else "")
    return declined(snapshot, [command], "notice-unproved", "sender-not-proved",
                    "Nothing proved that the notice came from the sender's address.")


def _to_confirm(snapshot: ProviderSnapshot, event: NoticeGiven) -> Decided:
    """Rule `confirm-unaddressed` (workflows/confirm.py): notices in an email whose From is
    proved but which nothing shows was sent to the service (Microsoft 365 leaves the To
    unsigned; a home's signed "PAUSE Larch House" to a council, sent on, would be one) are
    put to the proved From only, in the service's words, and recorded on its "Yes"."""
    lines = [_in_our_words(snapshot, notice) for notice in event.notices]
    commands = confirm.request(event.actor, confirm.NOTICES, lines,
                               template=confirm.PROVIDER_TEMPLATE,
                               reply_to=snapshot.world.providers_address)
    return declined(snapshot, commands, confirm.OUTCOME, "confirm-unaddressed", confirm.WHY)


# --- the weekly vacancy return --------------------------------------------------------------


def decide_return(snapshot: ReturnSnapshot, event: VacancyReturnDue) -> Decided:
    """One reminder to each active home's referral address (homes sharing an address get
    one email listing them all), and the next return scheduled."""
    world, stamp = snapshot.world, f"{event.due_at:%Y%m%d%H%M}"
    if not world.vacancy_return:  # switched off since it was planned
        return declined(snapshot, [], "vacancy-return-off", "vacancy-return-switched-off",
                        "The weekly vacancy return is switched off.")
    by_contact: dict[str, list[dict[str, Any]]] = {}
    for establishment, contact, free, paused in snapshot.homes:
        by_contact.setdefault(contact, []).append(
            {"key": establishment.key, "name": establishment.name, "free": free,
             "paused": paused})
    commands: list[Any] = [
        email(world, f"vacancy-return:{stamp}:{contact}", "provider/vacancy_return", contact,
              {"homes": homes}, establishment=homes[0]["key"] if len(homes) == 1 else "")
        for contact, homes in by_contact.items()]
    # After now, not after the missed time: a service down for weeks sends one, not several.
    following = next_time(world.vacancy_return, max(event.due_at, world.now))
    if following is not None:
        commands.append(ScheduleReturn(following))
    commands.append(RecordMarketEvent("vacancy-return", stamp, "vacancy-return-sent",
                                      {"homes": len(snapshot.homes),
                                       "emails": len(by_contact)}))
    return accepted(snapshot, commands, "vacancy-return-sent", "weekly-vacancy-return",
                    f"Asked {len(snapshot.homes)} home(s) for their vacancies.")

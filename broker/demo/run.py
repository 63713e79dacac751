"""`broker demo`: start a real service on a throwaway database, send it the sample referral,
let simulated providers answer, then let the social worker, the commissioners and the chosen
provider carry it on to a signed placement, narrating until it reaches its final state.

The service is the real one (`broker.app.Service`) with a real clock, on free loopback ports,
with the shipped `config/`, relay `mailbox` (outbound mail stays in the outbox table, which
the simulated people read as their inboxes), Slack off, and a short response window with two
chasers. Once the comparison is sent and the late reply forwarded, the people after the
comparison act (`broker.demo.placing`). The demo succeeds when the referral is placed and
the Individual Placement Agreement issued; it gives up `GRACE_SECONDS` after the window
should have closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import TextIO

import aiosmtplib

from broker.anonymise import identifying_values
from broker.app import Service
from broker.demo.narrate import Facts, Narrator
from broker.demo.placing import SOCIAL_WORKER, Scene, play_placement
from broker.demo.providers import Stage, play_providers
from broker.demo.summary import finished, missing, replies_done, summary
from broker.demo.timeline import Timeline
from broker.directory import ConfigError
from broker.examples.send_referral import build_referral_email
from broker.forms.message import read_message
from broker.forms.referral import check_referral
from broker.forms.spec import load_referral_spec
from broker.links import mailbox_key
from broker.settings import Settings, parse_duration

GRACE_SECONDS = 60
POLL_SECONDS = 0.2
MIN_WINDOW_SECONDS = 10
SHIPPED_CONFIG = Path(__file__).resolve().parents[2] / "config"


class DemoError(Exception):
    """The demo cannot run as asked (a bad --window, no config): one line, exit 2."""


CONSOLE_OFFICER = "maya.osei@northby.gov.example"  # a placements officer in config/


def run_demo(window: str = "40s", *, quiet: bool = False, out: TextIO = sys.stdout,
             stay: bool = False) -> int:
    """Run the whole demo; 0 when the referral reached its final state, 1 when it did not."""
    try:
        seconds = parse_duration(window).total_seconds()
    except ValueError as error:
        raise DemoError(f"--window: {error}") from error
    if seconds < MIN_WINDOW_SECONDS:
        raise DemoError(f"--window: give at least {MIN_WINDOW_SECONDS}s, so providers have "
                        "time to answer before the chasers")
    try:
        return asyncio.run(_demo(window, seconds, quiet, out, stay))
    except KeyboardInterrupt:
        print("broker demo: interrupted; the service was stopped", file=sys.stderr)
        return 130


def config_dir() -> Path:
    """BROKER_CONFIG_DIR, else `config` here, else the config/ shipped with the broker."""
    chosen = os.environ.get("BROKER_CONFIG_DIR")
    if chosen:
        return Path(chosen)
    return Path("config") if Path("config", "authorities.yaml").is_file() else SHIPPED_CONFIG


def demo_settings(config: Path, tmp: Path, window: str, seconds: float) -> Settings:
    """Free loopback ports, a throwaway SQLite database, every window `window` long, mail
    kept in the dev mailbox, Slack off and two approvals needed, no list adverts or vacancy
    returns (the demo is one referral), whatever BROKER_* variables say."""
    return Settings(
        _env_file=None, config_dir=config, var_dir=tmp,
        database_url=f"sqlite+aiosqlite:///{tmp}/demo.db",
        smtp_host="127.0.0.1", smtp_port=0, web_host="127.0.0.1", web_port=free_port(),
        public_url="",
        mail_domain="broker.localhost", relay="mailbox", window_emergency=window,
        window_urgent=window, window_planned=window,
        chasers=f"50%,{max(1, round(seconds / 4))}s",
        slack_bot_token="", slack_app_token="", slack_signing_secret="", slack_channel="",
        slack_team_channel="", approvals_needed=2, approval_expires="48h",
        papers_link_expires="14d", reopening=False, vacancy_return_schedule="",
    )


def free_port() -> int:
    """A free loopback port for the web server, chosen before the service starts, so the
    links in its emails name the port it really listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def sample_referral(config: Path) -> str:
    sample = config / "samples" / "referral.txt"
    if not sample.is_file():
        sample = SHIPPED_CONFIG / "samples" / "referral.txt"
    return sample.read_text()


def child_identifying_values(config: Path, body: str) -> list[str]:
    """What must never reach the terminal: the sample child's names, address, DOB …"""
    spec = load_referral_spec(config)
    message = read_message(bytes(build_referral_email(body, SOCIAL_WORKER, "referrals@x")),
                           spec)
    form, _problems = check_referral(dict(message.fields), spec, message_date=date.today())
    return identifying_values(form)


async def _demo(window: str, seconds: float, quiet: bool, out: TextIO, stay: bool) -> int:
    config = config_dir()
    if not (config / "authorities.yaml").is_file():
        raise DemoError(f"no consortium configuration in {config}")
    body = sample_referral(config)
    timeline = Timeline(out, quiet=quiet, window_seconds=seconds,
                        identifying=child_identifying_values(config, body))
    with tempfile.TemporaryDirectory(prefix="broker-demo-") as tmp:
        service = Service(demo_settings(config, Path(tmp), window, seconds))
        try:
            await service.start()
            facts = await _drive(service, body, timeline)
            timeline.finish()
            # the summary as soon as the demo's work is done, before any staying around
            verdict = _verdict(facts, timeline, seconds, service.settings.approvals_needed)
            console = console_lines(service.settings.web_base_url if service.settings.public_url
                                    else f"http://127.0.0.1:{service.web_port}",
                                    facts.reference, stay,
                                    mailbox_key(service.settings.secret()))
            if not quiet or stay:
                print("\n".join(console), file=out, flush=True)
            if stay:
                await _until_interrupted()
        except ConfigError as error:
            raise DemoError(f"{config} has problems; run `broker config check`: "
                            f"{error.problems[0]}") from error
        finally:
            timeline.finish()
            await service.stop()
    return verdict


def console_lines(base: str, reference: str, stay: bool, key: str) -> list[str]:
    """Where to look at the referral in the placements console, last of all (`key`: the
    dev mailbox's)."""
    return [
        f"Placements console: {base}/console (sign in as {CONSOLE_OFFICER}; the sign-in link "
        f"arrives in the dev mailbox, {base}/mailbox?key={key})",
        f"This referral's page: {base}/console/referrals/{reference or 'REF-…'}",
        "The service keeps running for you to look around; Ctrl-C stops it." if stay else
        "(The demo's service has stopped; `broker demo --stay` keeps it running to look "
        "around.)"]


async def _until_interrupted() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()


async def _drive(service: Service, body: str, timeline: Timeline) -> Facts:
    assert service.engine is not None
    parts = service.engine.parts
    settings = service.settings
    timeline.say(f"Service started: SMTP 127.0.0.1:{service.smtp_port}, dev mailbox "
                 f"http://127.0.0.1:{service.web_port}/mailbox?key="
                 f"{mailbox_key(settings.secret())} (throwaway database)")
    narrator = Narrator(parts.sessions, parts.directory, parts.response_spec, SOCIAL_WORKER,
                        timeline)
    stage = Stage(parts.sessions, parts.directory, service.smtp_port,
                  timeline.window_seconds, timeline.say)
    scene = Scene(stage, parts, service.engine, settings.referrals_address, narrator.poll,
                  timeline.panel)
    timeline.say(f"Sam Taylor (Northby Council) emails the sample referral to "
                 f"{settings.referrals_address}")
    try:
        await aiosmtplib.send(
            build_referral_email(body, SOCIAL_WORKER, settings.referrals_address),
            hostname="127.0.0.1", port=service.smtp_port, start_tls=False, timeout=30)
    except (aiosmtplib.SMTPException, OSError) as error:
        timeline.say(f"The service did not accept the referral: {error}")
        return narrator.facts
    cast = [asyncio.create_task(play_providers(stage), name="providers")]
    try:
        await _watch(narrator, timeline, cast, scene)
    finally:
        for task in cast:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task  # its failure, if any, is already on the timeline
    return narrator.facts


async def _watch(narrator: Narrator, timeline: Timeline, cast: list[asyncio.Task[None]],
                 scene: Scene) -> None:
    """Narrate until the final state, or until the window plus the grace period is over;
    the people after the comparison start once the replies are in."""
    give_up = time.monotonic() + timeline.window_seconds + GRACE_SECONDS
    while time.monotonic() < give_up:
        await narrator.poll()
        timeline.tick()
        for task in cast:
            if task.done() and not task.cancelled() and (error := task.exception()):
                timeline.say(f"The simulated {task.get_name()} could not go on: {error}")
                return
        if finished(narrator.facts):
            # Once more: the poll that saw the last email may have read the tables before
            # the rest of its transaction (the capacity the placement took) was committed.
            await narrator.poll()
            return
        if len(cast) == 1 and replies_done(narrator.facts):
            timeline.stop_progress()
            cast.append(asyncio.create_task(play_placement(scene), name="people"))
        await asyncio.sleep(POLL_SECONDS)


def _verdict(facts: Facts, timeline: Timeline, seconds: float, approvals_needed: int) -> int:
    timeline.summary(summary(facts, timeline.elapsed()))
    if timeline.withheld:
        print(f"broker demo: the service's output contained {timeline.withheld} of the child's "
              "identifying values (withheld above): this is a privacy bug", file=sys.stderr)
        return 1
    if finished(facts):
        return 0
    print(f"broker demo: the referral did not reach its final state within "
          f"{seconds + GRACE_SECONDS:.0f}s (state: {facts.state or 'not created'}; missing: "
          f"{', '.join(missing(facts, approvals_needed)) or 'nothing'}; service errors: "
          f"{facts.service_errors})", file=sys.stderr)
    return 1

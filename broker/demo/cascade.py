"""`broker demo --cascade`: a referral going down a cascade, wave by wave, in about a minute.

The real service runs on a throwaway database with a copy of the consortium's configuration
in which Kingsholt's cascade has short windows. Jo Brennan, a Kingsholt social worker, sends
the Kingsholt sample referral. Wave 1 goes to the council's own home, which has no vacancy;
when that wave's window ends with no acceptable offer, wave 2 (the block contract and the
framework's tier 1) opens by itself; one home offers, another is interested, one stays
silent; wave 2 ends with the offer, the comparison goes to Jo, and wave 3 is never sent. The
timeline prints each wave with who it went to and why it opened.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import aiosmtplib
import yaml
from sqlalchemy import select

from broker.app import Service
from broker.db.tables import Outbox, ReferralEvent, Wave
from broker.demo import replies
from broker.demo.providers import home_for, letter_from
from broker.demo.run import child_identifying_values, config_dir, demo_settings
from broker.demo.timeline import Timeline
from broker.examples.send_referral import build_referral_email

JO = "jo.brennan@kingsholt.gov.example"
FIRST_WAVE, LATER_WAVES = "12s", "18s"
GIVE_UP_SECONDS = 90
# How each home answers, by its place in the cascade (the rest stay silent).
ANSWERS = {"ashgrove-house": (replies.prose_decline, 2.0),
           "hawthorn-house": (replies.outlook_offer, 3.0),
           "greenacre-house": (replies.prose_interest, 5.0)}


def run_cascade_demo(*, quiet: bool = False, out: TextIO = sys.stdout) -> int:
    try:
        return asyncio.run(_demo(quiet, out))
    except KeyboardInterrupt:
        print("broker demo: interrupted; the service was stopped", file=sys.stderr)
        return 130


def short_windows(source: Path, target: Path) -> Path:
    """A copy of the configuration whose cascades run their first wave for FIRST_WAVE and
    the others for the (demo's) urgency window."""
    shutil.copytree(source, target)
    path = target / "cascades.yaml"
    document = yaml.safe_load(path.read_text())
    for cascade in document["cascades"].values():
        for index, wave in enumerate(cascade["waves"]):
            wave.pop("window", None)
            if index == 0:
                wave["window"] = FIRST_WAVE
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return target


async def _demo(quiet: bool, out: TextIO) -> int:
    source = config_dir()
    body = (source / "samples" / "referral-kingsholt.txt").read_text()
    timeline = Timeline(out, quiet=quiet, window_seconds=30,
                        identifying=child_identifying_values(source, body))
    with tempfile.TemporaryDirectory(prefix="broker-cascade-") as tmp:
        config = short_windows(source, Path(tmp) / "config")
        seconds = float(LATER_WAVES.rstrip("s"))
        service = Service(demo_settings(config, Path(tmp), LATER_WAVES, seconds))
        try:
            await service.start()
            closed = await _drive(service, body, timeline)
        finally:
            timeline.finish()
            await service.stop()
    timeline.summary("The cascade reached its comparison." if closed else
                     "The cascade did not reach its comparison in time.")
    return 0 if closed else 1


async def _drive(service: Service, body: str, timeline: Timeline) -> bool:
    assert service.engine is not None
    parts = service.engine.parts
    timeline.say(f"Service started with Kingsholt's cascade (wave 1 {FIRST_WAVE}, later waves "
                 f"{LATER_WAVES}); Jo Brennan (Kingsholt City Council) emails a referral")
    await aiosmtplib.send(build_referral_email(body, JO, service.settings.referrals_address),
                          hostname="127.0.0.1", port=service.smtp_port, start_tls=False,
                          timeout=30)
    watcher = Watcher(parts, service.smtp_port, timeline)
    give_up = time.monotonic() + GIVE_UP_SECONDS
    while time.monotonic() < give_up:
        if await watcher.step():
            await watcher.final_words()
            return True
        await asyncio.sleep(0.2)
    return False


class Watcher:
    """Reads the timeline as the service writes it, and plays the providers' part."""

    def __init__(self, parts: Any, smtp_port: int, timeline: Timeline) -> None:
        self.parts, self.smtp_port, self.timeline = parts, smtp_port, timeline
        self.seen_event, self.seen_mail = 0, 0
        self.tasks: list[asyncio.Task[None]] = []

    async def step(self) -> bool:
        """Tell what happened since the last step; True once the comparison has gone."""
        async with self.parts.sessions() as session:
            events = list((await session.execute(select(ReferralEvent).where(
                ReferralEvent.id > self.seen_event).order_by(ReferralEvent.id))).scalars())
            letters = list((await session.execute(select(Outbox).where(
                Outbox.id > self.seen_mail, Outbox.kind == "provider/referral",
                Outbox.status == "sent").order_by(Outbox.id))).scalars())
        closed = False
        for event in events:
            self.seen_event = event.id or 0
            closed = self._tell(event) or closed
        for row in letters:
            self.seen_mail = row.id or 0
            self._answer(row)
        return closed

    def _tell(self, event: ReferralEvent) -> bool:
        data, say = event.data, self.timeline.say
        if event.kind == "wave-opened":
            say(f"Wave {data['wave']} ({data['name']}: {', '.join(data['tiers'])}) goes to "
                f"{data['providers']} provider(s), because: {data['because']}")
        elif event.kind == "wave-skipped":
            say(f"Wave {data['wave']} ({data['name']}) skipped: {data['reason']}")
        elif event.kind == "response":
            say(f"{self._name(data['establishment'])} answers: {data['decision']}", detail=True)
        elif event.kind == "closed":
            say(f"The search closes: {data['offers']} offer(s), {data['interested']} "
                f"interested, {data['declines']} decline(s), {data['no_reply']} no reply, "
                f"over {data['waves']} wave(s); the comparison goes to Jo")
            return True
        return False

    def _name(self, key: str) -> str:
        establishment = self.parts.directory.establishment(key)
        return establishment.name if establishment else key

    def _answer(self, row: Outbox) -> None:
        letter = letter_from(row)
        self.timeline.say(f"  {self._name(letter.establishment)} receives the referral",
                          detail=True)
        answer = ANSWERS.get(letter.establishment)
        if answer is not None:
            self.tasks.append(asyncio.create_task(self._reply(letter, *answer)))

    async def _reply(self, letter: Any, build: Any, delay: float) -> None:
        await asyncio.sleep(delay)
        home = home_for(letter, self.parts.directory, len(self.tasks))
        await aiosmtplib.send(build(letter, home, date.today()), sender=letter.to_addr,
                              recipients=[letter.reply_to], hostname="127.0.0.1",
                              port=self.smtp_port, start_tls=False, timeout=30)

    async def final_words(self) -> None:
        async with self.parts.sessions() as session:
            waves = list((await session.execute(select(Wave).order_by(Wave.number)))
                         .scalars())
        for wave in waves:
            self.timeline.say(f"Wave {wave.number}: {wave.name}: {wave.providers} provider(s);"
                              f" ended: {wave.outcome or 'open'}", detail=True)
        never = {"elmstead-house"}
        self.timeline.say(f"{', '.join(self._name(k) for k in never)} (tier 2) was never sent "
                          "the referral: an offer came first")
        for task in self.tasks:
            task.cancel()

"""After the comparison: the social worker, two commissioners and the chosen provider carry
the referral on to a signed Individual Placement Agreement, each by email as real ones do.

Sam Taylor shortlists the first two offers on the comparison's thread, with the parents' and
the child's views, and then tries to approve her own shortlist (the service refuses). Two of
the authority's commissioners approve by email, since the demo keeps Slack off; the Slack
request is drawn as it would appear, first and after each decision. The first option's
provider opens its personal papers link over HTTP and confirms its offer after assessment;
Sam chooses it and proposes a little less; the provider agrees, and the service issues the
IPA.

Each step waits for the service's answer (an email delivered, or a row written) and brings
the timeline up to date before the next, so the story reads in the order it happened. An
answer the step did not expect (a refusal, a note that the reply could not be read) stops
the story with `Stuck`, which the demo reports.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from email.message import EmailMessage
from typing import Any

import aiosmtplib
from sqlalchemy import func, select

from broker.db.tables import Approval, Referral, Response
from broker.demo import replies
from broker.demo.narrate_placement import money
from broker.demo.papers import open_papers
from broker.demo.providers import POLL_SECONDS, Mailroom, Stage, cast_roles, home_for
from broker.demo.replies import Home, Letter
from broker.demo.slack_view import approval_message, draw

SOCIAL_WORKER = "sam.taylor@northby.gov.example"
SAM = "Sam Taylor"
SHORTLIST_SIZE = 2
THINK_SHARE = 0.03  # of the window: how long a person takes to answer
COUNTER_SHARE = Decimal("0.97")  # the authority's proposal, as a share of the requested fee
VIEWS = ["Parents' views: Mum would like a home within an hour of her, so that she can visit "
         "every week, and wants school sorted from the first day.",
         "Child's views: She wants to live with other girls, keep playing football, and keep "
         "seeing her brother and her nan."]
PROBLEMS = ("social_worker/instruction_refused", "social_worker/shortlist_problems",
            "provider/fee_unclear", "provider/referral_closed", "provider/not_accepted",
            "provider/missing_fields")


class Stuck(Exception):
    """The service answered a step with something other than what it leads to."""


@dataclass(frozen=True)
class Scene:
    """What the people after the comparison need from the demo around them."""

    stage: Stage
    parts: Any  # the service's workflows.parts.EngineParts
    engine: Any  # the service's workflows.engine.Engine
    referrals: str  # the service's referrals@ address
    catch_up: Callable[[], Awaitable[None]]  # tell everything written so far
    panel: Callable[[str], None]  # draw on the timeline


async def play_placement(scene: Scene) -> None:
    """From the comparison in Sam's inbox to the IPA, one person and one email at a time."""
    people = People(scene)
    comparison = (await people.mail.wait_for("social_worker/comparison", SOCIAL_WORKER))[0]
    reference = comparison.subject.split(":")[0]
    referral = await people.referral(reference)
    offers = [row for row in referral.comparison
              if row.get("decision") == "offer" and row.get("weekly_fee")]
    if not offers:
        raise Stuck("the comparison has no offer with a fee to shortlist")
    await people.shortlist(comparison, [row["label"] for row in offers[:SHORTLIST_SIZE]])
    await people.approve(reference, commissioners(scene.parts, referral))
    chosen = offers[0]
    papers = await people.papers(chosen, min(SHORTLIST_SIZE, len(offers)))
    home = await people.home(chosen["establishment"])
    await people.confirm_offer(papers, home, chosen)
    await people.agree_fee(chosen, home)


def commissioners(parts: Any, referral: Referral) -> list[tuple[str, str]]:
    """As many of the authority's commissioners as approvals are needed, people (first.last@)
    before shared mailboxes, never the referrer; each with a name from their address."""
    authority = parts.directory.authority(referral.authority)
    found = [c for c in authority.commissioners if c.lower() != referral.referrer.lower()]
    found.sort(key=lambda address: "." not in address.partition("@")[0])
    return [(" ".join(word.capitalize() for word in c.partition("@")[0].split(".")), c)
            for c in found[:parts.approvals_needed]]


def counter_offer(requested: Decimal) -> Decimal:
    """A little under the requested fee, in whole £50s."""
    return (requested * COUNTER_SHARE / 50).to_integral_value(ROUND_DOWN) * 50


class People:
    """The social worker, the commissioners and the chosen provider, each step an email
    (or a click on a link) and the service's answer to it."""

    def __init__(self, scene: Scene) -> None:
        self.scene = scene
        self.stage = scene.stage
        self.mail = Mailroom(scene.stage.sessions)
        self.slack: dict[str, Any] | None = None  # the approval message as last drawn

    async def shortlist(self, comparison: Letter, labels: list[str]) -> None:
        chosen = ", ".join(labels)
        await self.exchange(
            f'{SAM} replies on the comparison\'s thread: "SHORTLIST {chosen}", with the '
            "parents' and the child's views",
            replies.instruction_reply(comparison, SAM, SOCIAL_WORKER, self.scene.referrals,
                                      [f"SHORTLIST {chosen}", *VIEWS]),
            expect=("social_worker/shortlist_recorded", SOCIAL_WORKER))
        await self.draw_slack(comparison.subject.split(":")[0], "asking the commissioners")

    async def approve(self, reference: str, deciders: list[tuple[str, str]]) -> None:
        recorded = (await self.mail.wait_for("social_worker/shortlist_recorded",
                                             SOCIAL_WORKER))[0]
        await self.exchange(
            f'{SAM} tries to approve her own shortlist: "APPROVE {reference}"',
            replies.instruction_reply(recorded, SAM, SOCIAL_WORKER, self.scene.referrals,
                                      [f"APPROVE {reference}"]),
            expect=("social_worker/instruction_refused", SOCIAL_WORKER))
        for count, (name, address) in enumerate(deciders, start=1):
            request = (await self.mail.wait_for("commissioner/approval_request", address))[0]
            await self.exchange(
                f'{name} (commissioner) replies to the approval request by email: '
                f'"APPROVE {reference}"',
                replies.instruction_reply(request, name, address, self.scene.referrals,
                                          [f"APPROVE {reference}"]),
                expect=self._approvals(count), watch=address)
            await self.draw_slack(reference, f"after {name}'s approval")

    async def papers(self, chosen: dict[str, Any], shortlisted: int) -> Letter:
        letters = await self.mail.wait_for("provider/papers", count=shortlisted)
        self.stage.say(f"In the providers' inboxes: {len(letters)} emails with a personal "
                       "papers link, one to each shortlisted provider")
        letter = next(x for x in letters if x.establishment == chosen["establishment"])
        await asyncio.sleep(self._think())
        self.stage.say(f"{chosen['home']} opens its link: {await open_papers(letter.text)}")
        await self.scene.catch_up()
        return letter

    async def confirm_offer(self, papers: Letter, home: Home, chosen: dict[str, Any]) -> None:
        fee, start = money(chosen["weekly_fee"]), await self._start_date(chosen)
        await self.exchange(
            f"{home.name} replies to the papers email after its assessment: offer confirmed "
            f"at {fee} a week, from {start:%d %b %Y}, with how it would meet her needs",
            replies.assessed_offer(papers, home, fee, start),
            expect=("provider/response_ack", papers.to_addr), sender=papers.to_addr,
            to=papers.reply_to)

    async def agree_fee(self, chosen: dict[str, Any], home: Home) -> None:
        approved = (await self.mail.wait_for("social_worker/approved", SOCIAL_WORKER))[0]
        contact = await self._contact(chosen["establishment"])
        await self.exchange(
            f'{SAM} replies to "shortlist approved": "CHOOSE {chosen["label"]}"',
            replies.instruction_reply(approved, SAM, SOCIAL_WORKER, self.scene.referrals,
                                      [f"CHOOSE {chosen['label']}"]),
            expect=("social_worker/chosen", SOCIAL_WORKER))
        told = (await self.mail.wait_for("social_worker/chosen", SOCIAL_WORKER))[0]
        lower = money(counter_offer(Decimal(str(chosen["weekly_fee"]))))
        await self.exchange(
            f'{SAM} replies: "PROPOSE {lower} per week"',
            replies.instruction_reply(told, SAM, SOCIAL_WORKER, self.scene.referrals,
                                      [f"PROPOSE {lower} per week"]),
            expect=("provider/fee_proposal", contact))
        proposal = (await self.mail.wait_for("provider/fee_proposal", contact))[0]
        await self.exchange(
            f'{home.name} replies to the proposal: "Agreed, thank you."',
            replies.fee_agreement(proposal, home, date.today()),
            expect=("provider/ipa", contact), sender=contact, to=proposal.reply_to)

    async def exchange(self, line: str, message: EmailMessage, *,
                       expect: tuple[str, str] | Callable[[], Awaitable[bool]],
                       sender: str = SOCIAL_WORKER, to: str = "", watch: str = "") -> None:
        """Think, say what the person does, send it, and wait for the service's answer."""
        done = self._one_more(*expect) if isinstance(expect, tuple) else expect
        await done()  # the count before sending
        watch = watch or (expect[1] if isinstance(expect, tuple) else sender)
        wrong = self._one_more_problem(watch, expect[0] if isinstance(expect, tuple) else "")
        await wrong()
        await asyncio.sleep(self._think())
        self.stage.say(line)
        await aiosmtplib.send(message, sender=sender, recipients=[to or self.scene.referrals],
                              hostname="127.0.0.1", port=self.stage.smtp_port,
                              start_tls=False, timeout=30)
        while not await done():
            if await wrong():
                await self.scene.catch_up()
                raise Stuck(f"the service did not take this step: {line}")
            await asyncio.sleep(POLL_SECONDS)
        await self.scene.catch_up()

    def _one_more(self, kind: str, to: str) -> Callable[[], Awaitable[bool]]:
        """A check that is true once one more email of `kind` to `to` has been delivered
        than when it was first called."""
        before: list[int] = []

        async def check() -> bool:
            count = len(await self.mail.delivered(kind, to))
            if not before:
                before.append(count)
                return False
            return count > before[0]
        return check

    def _one_more_problem(self, to: str, expected: str) -> Callable[[], Awaitable[bool]]:
        checks = [self._one_more(kind, to) for kind in PROBLEMS if kind != expected]

        async def check() -> bool:
            return any([await c() for c in checks])
        return check

    def _approvals(self, count: int) -> Callable[[], Awaitable[bool]]:
        async def check() -> bool:
            async with self.stage.sessions() as session:
                found = (await session.execute(select(func.count()).select_from(Approval)
                                               .where(Approval.decision == "approve"))).scalar()
            return int(found or 0) >= count
        return check

    async def draw_slack(self, reference: str, when: str) -> None:
        """The Slack approval message as it would appear now: in full the first time, then
        as the update of the message drawn before."""
        payload = await approval_message(self.scene.engine, reference)
        if self.slack is None:
            self.stage.say(f"The Slack approval request as it would appear, {when} (Slack is "
                           "off in the demo, so the commissioners decide by email):")
        else:
            self.stage.say(f"The Slack message as it would be updated {when}:")
        self.scene.panel(draw(payload, "Slack · shortlist approval", self.slack))
        self.slack = payload

    async def referral(self, reference: str) -> Referral:
        async with self.stage.sessions() as session:
            return (await session.execute(select(Referral).where(
                Referral.reference == reference))).scalars().one()

    async def home(self, establishment: str) -> Home:
        """The home as its own staff signed for it before the comparison."""
        letters = await self.mail.delivered("provider/referral")
        cast = {p.letter.establishment: p.home for p in cast_roles(letters, self.stage)}
        letter = next(x for x in letters if x.establishment == establishment)
        return cast.get(establishment) or home_for(letter, self.stage.directory, 0)

    async def _contact(self, establishment: str) -> str:
        letters = await self.mail.delivered("provider/referral")
        return next(x.to_addr for x in letters if x.establishment == establishment)

    async def _start_date(self, chosen: dict[str, Any]) -> date:
        """The start date the provider offered before, else a week from today."""
        async with self.stage.sessions() as session:
            offer = (await session.execute(select(Response).where(
                Response.establishment == chosen["establishment"],
                Response.status == "current"))).scalars().first()
        start = (offer.fields or {}).get("available_from") if offer else None
        return date.fromisoformat(start) if start else date.today() + timedelta(days=7)

    def _think(self) -> float:
        return THINK_SHARE * self.stage.window_seconds

"""One referral through every state to a signed Individual Placement Agreement, on loopback:
email intake, broadcast, replies, the close, a shortlist by email, approval by two
commissioners through signed Slack requests (one of them retried by Slack), full papers
fetched through the link (and refused to a provider not shortlisted and after expiry), an
offer, the choice, a fee round, the IPA, closure notes to the others, and every step in
`broker referrals show`."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta

import aiohttp
from sqlalchemy import select

from broker.clock import FrozenClock
from broker.db.tables import Approval, CapacityChange, FeeRound, PapersAccess
from broker.links import link_url, make_link_token, read_link_token
from broker.tokens import read_token
from broker.views import show_referral
from tests.conftest import wait_for
from tests.factories import REFERRER, SECRET, make_settings, referral_email, send_smtp
from tests.fake_slack import FakeSlack, block_action_body, signed_headers
from tests.replies import outlook_top_posted, quoted_plain

START = datetime.now(UTC).replace(microsecond=0)
SIGNING = "test-signing-secret"
ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"


def _mail_to(sink, address: str, subject_part: str):  # type: ignore[no-untyped-def]
    return [c for c in sink.to(address) if subject_part in c.message["Subject"]]


async def _email(service, message, sender: str, to: str) -> None:  # type: ignore[no-untyped-def]
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=sender, to=to)


async def _slack(http, service, body: str, retry: int | None = None) -> int:  # type: ignore[no-untyped-def]
    url = f"http://127.0.0.1:{service.web_port}/slack/events"
    async with http.post(url, data=body.encode(),
                         headers=signed_headers(SIGNING, body, retry_num=retry)) as response:
        return response.status


def _reply_as_sam(original, text: str):  # type: ignore[no-untyped-def]
    reply = quoted_plain(original, REFERRER, text)
    reply.replace_header("To", "referrals@broker.localhost")
    return reply


async def test_a_referral_from_email_to_a_signed_placement_agreement(  # noqa: PLR0915
    database_url: str, smtp_sink, service_factory, tmp_path  # type: ignore[no-untyped-def]
) -> None:
    clock = FrozenClock(START)
    async with FakeSlack() as slack, aiohttp.ClientSession() as http:
        slack.add_user("UALEX", ALEX, "Alex Morgan")
        slack.add_user("URUTH", RUTH, "Ruth Adeyemi")
        slack.add_user("USAM", REFERRER, "Sam Taylor")
        service = await service_factory(
            database_url, relay=smtp_sink.url, clock=clock, slack_bot_token="xoxb-test",
            slack_signing_secret=SIGNING, slack_api_url=slack.url, slack_channel="CAPPROVALS",
            slack_team_channel="CPLACEMENTS")

        # Intake and broadcast; the placements team's channel hears of it.
        await _email(service, referral_email(), REFERRER, "referrals@broker.localhost")
        await wait_for(lambda: len(smtp_sink.caught) >= 13)
        sent = {read_token(SECRET.encode(), c.message["Reply-To"].split("@")[0][2:])
                .establishment: c for c in smtp_sink.caught if c.message["Reply-To"]}
        kestrel, larch, harbour = sent["kestrel-house"], sent["larch-house"], sent["harbour-house"]
        await wait_for(lambda: any("New referral" in str(p.get("text")) for p in
                                   slack.called("chat.postMessage")))

        # Replies, then the close and the comparison.
        for original, answer in (
            (kestrel, "Decision: Offer\nHome or carer: Kestrel House\nWeekly fee: £4,900\n"
                      "Available from: 01/12/2026\nOfsted rating: Outstanding"),
            (larch, "Decision: Offer\nHome or carer: Larch House\nWeekly fee: £4,250\n"
                    "Available from: 01/12/2026"),
            (harbour, "Sorry, we have no vacancies at the moment."),
        ):
            await _email(service, outlook_top_posted(original, original.rcpt_tos[0], answer),
                         original.rcpt_tos[0], original.message["Reply-To"])
        await wait_for(lambda: len(_mail_to(smtp_sink, larch.rcpt_tos[0], "response received")))
        await wait_for(lambda: len(_mail_to(smtp_sink, kestrel.rcpt_tos[0], "response received")))
        clock.advance(timedelta(hours=24, minutes=1))
        await service.engine.fire_due()
        comparison = (await wait_for(lambda: _mail_to(smtp_sink, REFERRER, "responses ready")))[0]
        assert re.search(r"A\. Kestrel House", comparison.text())
        assert re.search(r"B\. Larch House", comparison.text())

        # Shortlist by email: confirmed, and posted to Slack for approval.
        await _email(service, _reply_as_sam(comparison, (
            "SHORTLIST A, B\nParents' views: Mum would like somewhere she can visit weekly.\n"
            "Child's views: not sought - she is in hospital this week")),
            REFERRER, "referrals@broker.localhost")
        await wait_for(lambda: _mail_to(smtp_sink, REFERRER, "shortlist recorded"))
        posted = await wait_for(lambda: [p for p in slack.called("chat.postMessage")
                                         if p.get("channel") == "CAPPROVALS"])
        assert "approve_shortlist" in str(posted[0]["blocks"])
        reference = comparison.message["Subject"].split(":")[0]

        # Approval by two commissioners in Slack; the referrer cannot approve her own.
        assert await _slack(http, service, block_action_body(
            "approve_shortlist", reference, user_id="USAM", channel_id="CAPPROVALS")) == 200
        alex = block_action_body("approve_shortlist", reference, user_id="UALEX",
                                 channel_id="CAPPROVALS")
        assert await _slack(http, service, alex) == 200
        assert await _slack(http, service, alex, retry=1) == 200  # Slack retrying
        assert await _slack(http, service, block_action_body(
            "approve_shortlist", reference, user_id="URUTH", channel_id="CAPPROVALS")) == 200
        papers_mail = await wait_for(lambda: _mail_to(smtp_sink, kestrel.rcpt_tos[0],
                                                      "full papers"))
        approvals = await _rows(service, Approval)
        assert sorted(a.approver for a in approvals) == [ALEX, RUTH]  # once each, never Sam
        # each kept with the Slack account that clicked, which outlives an email change
        assert sorted(a.account for a in approvals) == ["T0PLACEMENTS/UALEX", "T0PLACEMENTS/URUTH"]
        await wait_for(lambda: [u for u in slack.called("chat.update")
                                if "Ruth" in str(u.get("blocks"))])
        assert _mail_to(smtp_sink, larch.rcpt_tos[0], "full papers")
        assert not _mail_to(smtp_sink, harbour.rcpt_tos[0], "full papers")

        # Full papers through the personal link; refused to a provider not shortlisted.
        link = re.search(r"http://\S+/papers/\S+", papers_mail[0].text()).group(0)
        link = re.sub(r"http://[^/]+", f"http://127.0.0.1:{service.web_port}", link)
        async with http.get(link) as response:
            page = await response.text()
        assert response.status == 200 and "Casey Marie Hollin" in page
        claims = read_link_token(SECRET.encode(), link.split("/papers/")[1])
        assert claims is not None
        referral_id = claims.referral_id
        stranger = link_url(f"http://127.0.0.1:{service.web_port}", "papers", make_link_token(
            SECRET.encode(), "papers", referral_id, "harbour-house", START + timedelta(days=9)))
        async with http.get(stranger) as response:
            assert response.status == 403 and "Casey" not in await response.text()

        # The offer after assessment, the choice, a fee round, agreement and the IPA.
        await _email(service, outlook_top_posted(
            papers_mail[0], kestrel.rcpt_tos[0],
            "Decision: Offer\nWeekly fee: £4,800\nAvailable from: 02/12/2026\n"
            "How we would meet needs: After meeting Cee, a calm home with a CSE-trained team."),
            kestrel.rcpt_tos[0], papers_mail[0].message["Reply-To"])
        await wait_for(lambda: _mail_to(smtp_sink, kestrel.rcpt_tos[0], "response received"))
        await _email(service, _reply_as_sam(comparison, "CHOOSE A"), REFERRER,
                     "referrals@broker.localhost")
        await wait_for(lambda: _mail_to(smtp_sink, REFERRER, "chosen"))
        await _email(service, _reply_as_sam(comparison, "PROPOSE £4,500 per week"), REFERRER,
                     "referrals@broker.localhost")
        proposal = (await wait_for(lambda: _mail_to(smtp_sink, kestrel.rcpt_tos[0],
                                                    "proposes £4,500")))[0]
        await _email(service, quoted_plain(proposal, kestrel.rcpt_tos[0], "Agreed, thank you."),
                     kestrel.rcpt_tos[0], proposal.message["Reply-To"])
        ipa = (await wait_for(lambda: _mail_to(smtp_sink, kestrel.rcpt_tos[0],
                                               "Individual Placement Agreement")))[0].text()
        assert "SC414894" in ipa and "£4,500 a week" in ipa
        assert "requested £4,800" in ipa and re.search(r"Integrity code: [0-9a-f]{32}", ipa)
        # The child's details only in the PDF behind the provider's own link, logged.
        assert "Casey" not in ipa and "14 March 2012" not in ipa
        ipa_link = re.sub(r"http://[^/]+", f"http://127.0.0.1:{service.web_port}",
                          re.search(r"http://\S+/ipa/\S+", ipa).group(0))
        async with http.get(ipa_link) as response:
            pdf = await response.read()
        assert response.status == 200 and response.content_type == "application/pdf"
        assert pdf.startswith(b"%PDF") and b"Casey Marie Hollin" in pdf
        async with http.get(ipa_link[:-1] + ("0" if ipa_link[-1] != "0" else "1")) as response:
            assert response.status == 403  # an altered link
        team_ipa = _mail_to(smtp_sink, "placements@northby.gov.example",
                            "Individual Placement Agreement")[0].text()
        team_link = re.sub(r"http://[^/]+", f"http://127.0.0.1:{service.web_port}",
                           re.search(r"http://\S+/ipa/\S+", team_ipa).group(0))
        async with http.get(team_link) as response:  # the team's own link, no address in it
            assert response.status == 200 and (await response.read()).startswith(b"%PDF")
        assert await wait_for(
            lambda: _mail_to(smtp_sink, larch.rcpt_tos[0], "search closed, thank you"))
        assert not any("Casey" in c.text() for c in smtp_sink.to(larch.rcpt_tos[0]))
        await wait_for(lambda: any("placed with Kestrel House" in str(p.get("text"))
                                   for p in slack.called("chat.postMessage")))

        # Access ends: the chosen provider's link after it expires.
        clock.advance(timedelta(days=15))
        async with http.get(link) as response:
            assert response.status == 403
        outcomes = [a.outcome for a in await _rows(service, PapersAccess)]
        assert outcomes == ["served", "refused:not-granted", "served", "refused:invalid",
                            "served", "refused:expired"]
        team_access = [a.establishment for a in await _rows(service, PapersAccess)][4]
        assert team_access == "placements@northby.gov.example"  # recorded as the team
        # No link the service emailed carries an address: URLs are kept in logs and
        # histories, and are forwarded.
        links = [url for c in smtp_sink.caught for url in
                 re.findall(r"https?://[^\s\"'<>]+", c.text() + c.html())]
        assert any("/shortlist/" in u for u in links) and any("/ipa/" in u for u in links)
        assert [u for u in links if "@" in u] == []
        assert [c.delta for c in await _rows(service, CapacityChange)] == [-1]
        rounds = [(f.by, f.weekly_fee) for f in await _rows(service, FeeRound)]
        assert rounds == [("provider", "4800.00"), ("authority", "4500.00"),
                          ("agreed", "4500.00")]

        shown = await show_referral(make_settings(tmp_path, database_url), reference)
        assert shown is not None and shown["state"] == "placed"
        kinds = [e["kind"] for e in shown["events"]]
        for step in ("accepted", "broadcast", "response", "closed", "shortlisted",
                     "approval-approve", "papers-released", "chosen", "fee-proposed", "placed"):
            assert step in kinds, step
        placed = next(e for e in shown["events"] if e["kind"] == "placed")
        assert placed["data"]["cost_avoided_weekly"] == "300.00"
        # The command line tells it for people, as the console does: words, UK times, pounds.
        from broker.cli_text import referral_text

        told = referral_text(shown)
        assert "Placed with Kestrel House at £4,500 a week" in told
        assert "£4,800 a week" in told and "4800.0" not in told and "{" not in told
        assert re.search(r"^  \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d  ", told, re.MULTILINE)
        assert not re.search(r"\d{4}-\d\d-\d\dT", told)


async def _rows(service, table):  # type: ignore[no-untyped-def]
    async with service.engine.parts.sessions() as session:
        return list((await session.execute(select(table).order_by(table.id))).scalars())

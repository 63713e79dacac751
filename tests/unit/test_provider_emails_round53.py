"""A provider placement officer's review of what homes are sent, second pass (round 53): a
request for a missing detail says which and by when; the homes still working to a window
hear when it is extended or closed early; the agreement's link says to keep the PDF and
where to get another copy; the papers' link says who may open it; the referral names needs
and legal status in words, a start day already past as "now", and midnight as the end of
the day it ends."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from channels.email.render import when, when_short
from tests.provider_mail import emails_of, rendered
from tests.snapshots import NOW, SW, TEAM, actor, snapshot, wave, world
from tests.unit.test_responses import OFFER, _reply
from workflows.commands import SendEmail
from workflows.events import FeeProposed, WindowClosed, WindowExtended
from workflows.lifecycle import decide
from workflows.snapshot import ResponseRecord
from workflows.states import State
from workflows.waves import needed_now

START = NOW - timedelta(hours=3)  # wave 1 opened; it closes 24 hours later




def _open(**changes):  # type: ignore[no-untyped-def]
    return snapshot(State.OPEN, **{"waves": (wave(opened=START),), "responses": {}, **changes})


# --- midnight and midday in the one UK-time helper -------------------------------------------

def test_midnight_is_the_end_of_the_day_it_ends_never_12am_of_the_next() -> None:
    midnight = datetime(2026, 12, 5, 0, 0, tzinfo=UTC)  # GMT in December
    assert when(midnight) == "midnight at the end of Friday 4 December 2026"
    assert when_short(midnight) == "midnight end Fri 4 Dec"
    summer = datetime(2026, 6, 5, 23, 0, tzinfo=UTC)  # 00:00 BST on Saturday 6 June
    assert when(summer) == "midnight at the end of Friday 5 June 2026"
    assert when(datetime(2026, 12, 4, 12, 0, tzinfo=UTC)) == "midday on Friday 4 December 2026"
    assert when(datetime(2026, 12, 4, 0, 30, tzinfo=UTC)) == "12:30am on Friday 4 December 2026"
    assert when_short(datetime(2026, 12, 4, 21, 20, tzinfo=UTC)) == "9:20pm Fri 4 Dec"


# --- M5: a missing detail, which and by when ---------------------------------------------------

def test_a_missing_detail_says_which_and_by_when_the_window_closes() -> None:
    decision = decide(_open(), _reply(OFFER.replace("Weekly fee: £4,250\n", "")))
    [ask] = emails_of(decision, "provider/missing_fields")
    assert ask.context["deadline"] == START + timedelta(hours=24)
    message = rendered(ask)
    assert message["Subject"] == ("Northby, for Larch House | weekly fee needed by "
                                  "7:00am Thu 26 Nov | REF-2026-000001")
    text = message.get_body(("plain",)).get_content()
    assert "these lines filled in by 7:00am on Thursday 26 November 2026, when the response " \
           "window closes" in text
    assert "marked late, but it is still passed on to the social worker" in text


def test_two_missing_details_are_named_and_more_are_counted() -> None:
    decision = decide(_open(), _reply("Decision: offer\nHome or carer: Larch House\n"))
    [ask] = emails_of(decision, "provider/missing_fields")
    subject = rendered(ask)["Subject"]
    labels = [w["label"] for w in ask.context["wanted"]]
    assert len(labels) == 2, labels
    assert subject.startswith(f"Northby, for Larch House | {labels[0].lower()} and "
                              f"{labels[1].lower()} needed by ")
    three = replace(ask, context={**ask.context, "wanted": [
        {"label": "Ofsted URN", "example": "SC123456"}, *ask.context["wanted"],
        {"label": "Decision", "example": "offer"}]})
    assert f"| Ofsted URN, {labels[0].lower()} and 2 more needed by " in \
        rendered(three)["Subject"]


def test_a_late_reply_missing_a_detail_is_told_when_the_window_closed() -> None:
    closed = snapshot(State.CLOSED, responses={})
    decision = decide(closed, _reply(OFFER.replace("Weekly fee: £4,250\n", "")))
    [ask] = emails_of(decision, "provider/missing_fields")
    assert ask.context["deadline"] is None
    message = rendered(ask)
    assert message["Subject"] == "Northby, for Larch House | weekly fee needed | " \
                                 "REF-2026-000001"
    text = message.get_body(("plain",)).get_content()
    assert f"The response window closed at {when(closed.waves[0].closed_at)}, so your " \
           "answer is late" in text


# --- M6: the silent homes hear of an extension or an early close -----------------------------

def test_an_extension_is_told_to_the_homes_that_have_not_answered_and_only_them() -> None:
    answered = {"larch-house": ResponseRecord("larch-house", "decline")}
    decision = decide(_open(responses=answered),
                      WindowExtended(actor=actor(SW), key="k", by=timedelta(hours=24)))
    told = emails_of(decision, "provider/window_changed")
    assert sorted(e.establishment for e in told) == ["harbour-house", "kestrel-house"]
    assert len({e.key for e in told}) == 2
    [kestrel] = [e for e in told if e.establishment == "kestrel-house"]
    assert kestrel.context["deadline"] == START + timedelta(hours=48)
    assert kestrel.reply_to.startswith("r+1.kestrel-house")
    text = rendered(kestrel).get_body(("plain",)).get_content()
    assert "The window for REF-2026-000001 now closes at 7:00am on Friday 27 November 2026" \
        in text
    # the social worker is told as before
    assert [e.to for e in emails_of(decision, "social_worker/window_changed")] == [SW]


def test_an_early_close_is_told_to_the_silent_homes_of_the_open_wave_only() -> None:
    answered = {"kestrel-house": ResponseRecord("kestrel-house", "offer", {}, {
        "weekly_fee": 4800})}
    two_waves = (wave(1, opened=START - timedelta(days=2), closed=True),
                 wave(2, opened=START))
    before = _open(responses=answered, waves=two_waves,
                   recipients={**snapshot(State.OPEN).recipients})
    before = replace(before, recipients={
        k: replace(r, wave=1 if k == "harbour-house" else 2)
        for k, r in before.recipients.items()})
    decision = decide(before, WindowClosed(actor=actor(TEAM), key="k"))
    [told] = emails_of(decision, "provider/window_changed")
    assert told.establishment == "larch-house"  # kestrel answered; harbour's wave had ended
    message = rendered(told)
    assert message["Subject"] == ("Northby, for Larch House | window closed early | "
                                  "REF-2026-000001")
    assert "closed early at 10:00am on Wednesday 25 November 2026; a reply from Larch House " \
           "now is late but is still passed on" in message.get_body(("plain",)).get_content()


# --- M9 and the IPA's reference and fee text ---------------------------------------------------

def _ipa_email() -> SendEmail:
    from tests.unit.test_placement import _provider_agrees
    proposal = decide(snapshot(State.NEGOTIATING),
                      FeeProposed(actor=actor(SW), key="k", fee=Decimal("4500")))
    [ipa] = emails_of(decide(proposal.snapshot, _provider_agrees()), "provider/ipa")
    terms = {**ipa.context["ipa"], "start_date": "2026-12-01"}  # the sample gave no start
    return replace(ipa, context={**ipa.context, "ipa": terms})


def test_the_agreement_says_keep_the_pdf_and_whom_to_ask_for_another_copy() -> None:
    ipa = _ipa_email()
    text = rendered(ipa).get_body(("plain",)).get_content()
    assert "Download the PDF and keep it with your records" in text
    assert f"ask the Northby Council placements team at {TEAM}, quoting " \
           "IPA-REF-2026-000001" in text
    assert "Agreement: IPA-REF-2026-000001 (for referral REF-2026-000001)" in text
    assert "Reference: IPA-" not in text


def test_the_agreement_email_does_not_quote_the_homes_matching_text() -> None:
    ipa = _ipa_email()
    covers = "Our therapist sees her weekly; 2:1 staffing on community visits"
    ipa = replace(ipa, context={**ipa.context, "ipa": {**ipa.context["ipa"], "covers": covers}})
    text = rendered(ipa).get_body(("plain",)).get_content()
    # what the fee covers, in the service's words: the home, the start and the offer; the
    # home's own words in the agreement document only
    assert covers not in text and "The fee covers: a place at " in text
    assert "with the care and support the home's offer set out" in text


# --- M10: who may open the papers --------------------------------------------------------------

def test_the_papers_link_says_who_may_open_it_as_the_service_allows() -> None:
    command = SendEmail(key="k", template="provider/papers", to="x@larchcare.example",
                        context={"reference": "REF-2026-000001", "establishment": "Larch House",
                                 "link": "https://broker/papers/t", "expires": NOW,
                                 "young_persons_views": ""})
    text = rendered(command).get_body(("plain",)).get_content()
    assert "share it only with the people at Larch House who assess the match" in text
    assert "every opening is logged" in text
    assert "personal link (do not forward it" not in text


# --- the referral: needs and legal status in words, a past start as now ------------------------

def _referral(needed_from: str = "2026-12-01", **profile):  # type: ignore[no-untyped-def]
    body = {"authority": "Northby Council", "age": 14, "gender": "female", "area": "ZZ99",
            "placement_type": "residential", "urgency": "urgent", "needed_from": needed_from,
            "duration": "long-term", "siblings": 1, "needs": ["semh", "cse", "missing"],
            "legal_status": "s20 / care-order", "ethnicity": None, "religion": None,
            "language": None, **profile}
    today = NOW.date()
    return SendEmail(key="k", template="provider/referral", to="x@larchcare.example",
                     context={"reference": "REF-2026-000001", "deadline": NOW,
                              "window": timedelta(hours=24), "profile": body,
                              "text": dict.fromkeys(("background", "strengths", "wishes",
                                                     "location", "education"), ""),
                              "establishment": "Larch House", "organisation": "Larch Care",
                              "arrangement": "South London Residential Framework",
                              "needed_now": needed_now(body, today)})


def test_the_referral_names_needs_legal_status_and_duration_in_words() -> None:
    message = rendered(_referral())
    text = message.get_body(("plain",)).get_content()
    assert "Needs: SEMH, CSE, Missing\n" in text
    assert "Legal status: Section 20 (accommodated by agreement) / Care order\n" in text
    assert "Expected duration: Long term\n" in text
    html = message.get_body(("html",)).get_content()
    assert "SEMH, CSE, Missing" in html and "Section 20 (accommodated by agreement)" in html


def test_a_start_day_already_past_is_needed_now() -> None:
    past = rendered(_referral("2026-11-20")).get_body(("plain",)).get_content()
    assert "residential placement, needed now (asked from Friday 20 November 2026)." in past
    assert "Needed from: Friday 20 November 2026" in past  # the field as it was asked
    later = rendered(_referral("2026-12-01")).get_body(("plain",)).get_content()
    assert "placement, needed from Tuesday 1 December 2026." in later
    assert needed_now({"needed_from": "2026-11-25"}, NOW.date()) is False  # today is not past
    assert needed_now({}, NOW.date()) is False


def test_the_broadcast_marks_a_start_day_already_past_as_needed_now() -> None:
    from tests.unit.test_lifecycle import FORM
    from workflows.events import FormReceived

    def sent(today):  # type: ignore[no-untyped-def]
        decision = decide(snapshot(State.NEW, world=world(today=today)),
                          FormReceived(actor=actor(SW), key="k", form=FORM))
        emails = emails_of(decision, "provider/referral")
        assert emails
        return {e.context["needed_now"] for e in emails}, emails[0].context["profile"]

    _, profile = sent(NOW.date())
    needed = datetime.fromisoformat(profile["needed_from"]).date()
    assert sent(needed) == ({False}, profile)
    assert sent(needed + timedelta(days=1)) == ({True}, profile)

"""What the social worker can do from her emails, found by a reviewer's end-to-end run.

- A late offer, before the approval, is an option like the others: it gets the next letter
  in the stored comparison (the shortlist page and a SHORTLIST naming it know it), and its
  email says how to shortlist it, or, with a shortlist with the commissioners, how to give
  one again with it.
- A start is measured against when the place is needed: once the day asked for has passed,
  today (workflows/needed.py), the same for the comparison, the approval request and a late
  or changed answer; the acknowledgement says the day has passed, the extension email does
  not blame the extension.
- A shortlisted home's answer after the approval says what changed, field by field, and an
  answer keeping its fee and start is a confirmation, not a "changed answer".
- The acknowledgement says what she can reply; the "please confirm" and the shortlist
  confirmation open with what to do.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from email import message_from_bytes, policy
from typing import Any

from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import NOW, SW, actor, snapshot, world
from tests.unit.test_lifecycle import FORM
from tests.unit.test_responses import _reply
from workflows.commands import SendEmail
from workflows.events import FormReceived, Shortlisted, WindowClosed, WindowExtended
from workflows.instructions import HOW_TO_WRITE
from workflows.lifecycle import decide
from workflows.needed import earlier_than_needed, later_than_needed, needed_by
from workflows.snapshot import Recipient, ResponseRecord, Snapshot
from workflows.states import State

RENDERER = EmailRenderer("broker.localhost", "Referrals <referrals@broker.localhost>",
                         [TEMPLATES], secret=b"test-secret")
PROFILE_PAST = {"needed_from": "2026-12-01"}
WILLOWMEAD = "willowmead.house@willowmead.example"


def _text(email: SendEmail) -> tuple[str, str]:
    message = message_from_bytes(RENDERER.render(email, NOW).raw, policy=policy.default)
    subject = re.sub(r"\s*\[#\w+\]$", "", str(message["Subject"]))
    return subject, " ".join(str(message.get_body(("plain",)).get_content()).split())


def _email(decision: Any, template: str) -> SendEmail:
    [email] = [c for c in decision.commands
               if isinstance(c, SendEmail) and c.template == template]
    return email


def _with_willowmead(state: State, **changes: Any) -> Snapshot:
    """The sample referral with a fourth home, sent it but not in the comparison."""
    base = snapshot(state, **changes)
    return replace(base, recipients={**base.recipients, "willowmead-house": Recipient(
        "willowmead-house", "Willowmead House", WILLOWMEAD, "south-london-residential", 1)})


def _late(state: State, text: str, **changes: Any) -> Any:
    event = replace(_reply(text, sender=WILLOWMEAD), establishment="willowmead-house")
    return decide(_with_willowmead(state, **changes), event)


OFFER = "Decision: offer\nWeekly fee: £4,800\nAvailable from: 25/11/2026"


# --- 1. a late offer can be shortlisted ----------------------------------------------------


def test_a_late_offer_gets_the_next_letter_and_can_be_shortlisted() -> None:
    decision = _late(State.CLOSED, OFFER)
    rows = decision.snapshot.referral.comparison
    assert [r["label"] for r in rows] == ["A", "B", "C", "D"]
    assert rows[-1]["establishment"] == "willowmead-house" and rows[-1]["late"] is True
    assert rows[:3] == snapshot(State.CLOSED).referral.comparison  # letters given stay
    told = _email(decision, "social_worker/late_response")
    assert (told.context["option"], told.context["new_option"]) == ("D", True)
    subject, text = _text(told)
    assert subject.endswith("late response from Willowmead House, option D")
    assert "It is now option D" in text and "the shortlist page shows it" in text
    assert "SHORTLIST A, D Parents' views: ... Child's views: ..." in text
    # and a SHORTLIST naming it is taken
    shortlisted = decide(decision.snapshot, Shortlisted(
        actor=actor(SW), key="s", labels=("A", "D"),
        views={"parents": "Mum agrees.", "child": "She likes D."}))
    assert shortlisted.snapshot.state == State.AWAITING_APPROVAL
    assert shortlisted.snapshot.current_round is not None
    assert shortlisted.snapshot.current_round.establishments == ("kestrel-house",
                                                                  "willowmead-house")


def test_a_late_offer_after_a_close_with_no_offers_is_the_only_option_no_blank() -> None:
    """Attacker review 30 F2: 'added to the comparison after , and …' when the window had
    closed with nothing on the comparison."""
    base = _with_willowmead(State.CLOSED)
    nothing = replace(base, referral=replace(base.referral, comparison=type(
        base.referral.comparison)()), responses={})
    event = replace(_reply(OFFER, sender=WILLOWMEAD), establishment="willowmead-house")
    told = _email(decide(nothing, event), "social_worker/late_response")
    assert (told.context["option"], told.context["new_option"]) == ("A", True)
    subject, text = _text(told)
    assert subject.endswith("late response from Willowmead House, option A")
    assert "after ," not in text and "added to the comparison after" not in text
    assert ("It is now option A: the window closed with no offers, so it is the only option "
            "in the comparison, and the shortlist page shows it.") in text
    assert "SHORTLIST A Parents' views" in text


def test_a_late_offer_while_a_shortlist_awaits_approval_says_how_to_give_it_again() -> None:
    told = _email(_late(State.AWAITING_APPROVAL, OFFER), "social_worker/late_response")
    assert told.context["with_commissioners"] == ["A", "B"]
    _, text = _text(told)
    assert "The shortlist A, B is with the commissioners now" in text
    assert "SHORTLIST A, B, D" in text and "It replaces the shortlist" in text


def test_a_late_decline_or_a_home_with_a_letter_adds_no_option() -> None:
    declined = _late(State.CLOSED, "Decision: decline\nReason: no vacancy")
    assert len(declined.snapshot.referral.comparison) == 3
    larch = decide(snapshot(State.CLOSED), _reply(OFFER))  # option B already
    assert larch.snapshot.referral.comparison == snapshot(State.CLOSED).referral.comparison
    told = _email(larch, "social_worker/late_response")
    assert (told.context["option"], told.context["new_option"]) == ("B", False)
    assert "It is option B in the comparison" in _text(told)[1]


# --- 3 and 1. a start against when the place is needed -------------------------------------


def test_once_the_day_asked_for_has_passed_a_start_is_measured_against_today() -> None:
    today = date(2026, 12, 7)
    assert needed_by(PROFILE_PAST, today) == today
    assert needed_by(PROFILE_PAST, date(2026, 11, 25)) == date(2026, 12, 1)
    assert not later_than_needed("2026-12-07", PROFILE_PAST, today)  # it can start now
    assert later_than_needed(date(2026, 12, 8), PROFILE_PAST, today)
    assert later_than_needed("2026-12-02", PROFILE_PAST, date(2026, 11, 25))
    assert not later_than_needed(None, PROFILE_PAST, today)
    assert not later_than_needed("2026-12-20", {}, today)


def test_a_late_offer_starting_today_is_not_after_a_day_already_past() -> None:
    past = world(today=date(2026, 12, 7))
    now = _late(State.CLOSED, "Decision: offer\nWeekly fee: £4,800\nAvailable from: 07/12/2026",
                world=past)
    _, text = _text(_email(now, "social_worker/late_response"))
    assert "after the day the place is needed" not in text and "later" not in text.lower()
    later = _late(State.CLOSED, "Decision: offer\nWeekly fee: £4,800\n"
                                "Available from: 17/12/2026", world=past)
    _, text = _text(_email(later, "social_worker/late_response"))
    assert "The place is needed now (the referral asked from Tuesday 1 December 2026), and " \
           "that start is later." in text


def test_a_late_offer_gives_its_days_whole_and_its_fee_once() -> None:
    """ux49s U12: "from 21 December" and "Weekly fee: £5,400 a week" under "offered a
    place at £5,400 a week" read as a date of no year and a fee said twice."""
    later = _late(State.CLOSED, "Decision: offer\nWeekly fee: £4,800\n"
                                "Available from: 17/12/2026\nAdditional costs: none")
    _, text = _text(_email(later, "social_worker/late_response"))
    assert "offered a place at £4,800 a week from Thursday 17 December 2026." in text
    assert text.count("£4,800") == 1 and "Available from:" not in text
    assert "Additional costs: “none”" in text


def _closed_with_offers(rows: dict[str, str], today: date):  # type: ignore[no-untyped-def]
    """The window closed on `today` with an offer at £4,500 from each home's day in `rows`:
    the decision, the social worker's comparison and each home's label."""
    base = snapshot(State.OPEN, world=world(today=today))
    base = replace(base, responses={key: ResponseRecord(key, "offer", {}, {
        "weekly_fee": 4500.0, "available_from": start}) for key, start in rows.items()})
    closed = decide(base, WindowClosed(actor=actor(SW), key="k"))
    [email] = [c for c in closed.commands if isinstance(c, SendEmail)
               and c.template == "social_worker/comparison" and c.to == SW]
    return closed, email, {r["establishment"]: r["label"]
                           for r in closed.snapshot.referral.comparison}


def test_the_comparison_flags_a_late_start_as_the_approval_request_does() -> None:
    rows = {"kestrel-house": "2026-12-07", "larch-house": "2026-12-17"}
    closed, email, labels = _closed_with_offers(rows, date(2026, 12, 7))
    assert email.context["later_than_needed"] == [labels["larch-house"]]
    _, text = _text(replace(email, key="c"))
    assert "The place is needed now (the referral asked from Tuesday 1 December 2026)." in text
    assert text.count("⚠️ later than needed") == 1
    assert "Available from: Thursday 17 December 2026 ⚠️ later than needed" in text
    # the approval request, by the same rule
    asked = decide(closed.snapshot, Shortlisted(actor=actor(SW), key="s", labels=("A", "B"),
                                                views={"parents": "yes", "child": "yes"}))
    request = next(c for c in asked.commands if isinstance(c, SendEmail)
                   and c.template == "commissioner/approval_request")
    flagged = [line for o in request.context["options"] for line in o["costs"]
               if "later than needed" in line]
    assert flagged == ["⚠️ Available from: 17 December (needed now, asked from 1 December): "
                       "later than needed"]


def test_the_comparison_flags_an_early_start_as_it_flags_a_late_one() -> None:
    """A start before the day the place is needed from, while that day is still to come, is
    flagged "earlier than needed" (it was recorded silently: replies round 65); a start on
    the day is neither, and once the day has passed nothing is earlier."""
    rows = {"kestrel-house": "2026-11-27", "larch-house": "2026-12-01",
            "harbour-house": "2026-12-05"}
    closed, email, labels = _closed_with_offers(rows, date(2026, 11, 25))
    assert email.context["earlier_than_needed"] == [labels["kestrel-house"]]
    _, text = _text(replace(email, key="c"))
    assert text.count("⚠️ earlier than needed") == 1
    assert "Available from: Friday 27 November 2026 ⚠️ earlier than needed" in text
    assert "Available from: Tuesday 1 December 2026 How it would meet" in text  # on the day
    assert "Available from: Saturday 5 December 2026 ⚠️ later than needed" in text
    assert not earlier_than_needed("2026-11-27", PROFILE_PAST, date(2026, 12, 7))  # needed now
    assert not earlier_than_needed(None, PROFILE_PAST, date(2026, 11, 25))


def test_an_extension_does_not_blame_itself_for_a_day_already_past() -> None:
    past = snapshot(State.OPEN, world=world(today=date(2026, 12, 7)))
    told = _email(decide(past, WindowExtended(actor=actor(SW), key="e", by=timedelta(days=2))),
                  "social_worker/window_changed")
    assert told.context["needed_now"] is True and told.context["after_needed"] is False
    _, text = _text(told)
    assert "the window now closes after that day" not in text
    assert "the place is needed now" in text and "which has passed" in text


def test_the_acknowledgement_says_the_day_has_passed_and_what_she_can_reply() -> None:
    def ack(today: date) -> tuple[SendEmail, str]:
        decision = decide(snapshot(State.NEW, world=world(today=today)),
                          FormReceived(actor=actor(SW), key="k", form=FORM))
        email = _email(decision, "social_worker/acknowledgement")
        return email, _text(email)[1]

    needed = date.fromisoformat(ack(NOW.date())[0].context["profile"]["needed_from"])
    _, past = ack(needed + timedelta(days=1))
    assert "which has passed, so providers have been told it is needed now" in past
    assert 'reply with the corrected line (for example "Needed from: 14/12/2026")' in past
    _, on_the_day = ack(needed)
    assert "which has passed" not in on_the_day
    # what she can reply, in the words the service answers a mistyped instruction with
    close, extend, withdraw = (HOW_TO_WRITE[v][0] for v in ("CLOSE", "EXTEND", "WITHDRAW"))
    assert (f"reply {close} to get the responses now, {extend} for more time, or WITHDRAW "
            f'and the reason to stop the search (for example "{withdraw}")') in on_the_day
    assert "keep the subject line as it is when you reply" in on_the_day


# --- 2. a confirmed offer is not a changed one ---------------------------------------------


def _after_approval(reply: str) -> SendEmail:
    base = snapshot(State.APPROVED)
    earlier = ResponseRecord("larch-house", "offer", {}, {
        "decision": "offer", "weekly_fee": 4250.0, "available_from": "2026-12-01",
        "additional_costs": "1:1 in the community at £28 per hour if needed"})
    decision = decide(replace(base, responses={**base.responses, "larch-house": earlier}),
                      _reply(reply))
    return _email(decision, "social_worker/late_response")


def test_an_offer_kept_with_only_its_costs_changed_is_confirmed_and_says_what_changed() -> None:
    told = _after_approval("Decision: offer\nWeekly fee: £4,250\nAvailable from: 01/12/2026\n"
                           "Additional costs: none")
    assert told.context["confirmed"] is True
    assert told.context["changes"] == [{
        "label": "Additional costs", "was": "“1:1 in the community at £28 per hour if needed”",
        "now": "“none”", "term": False}]
    subject, text = _text(told)
    assert subject.endswith("Larch House confirmed its offer, with changes")
    assert "has confirmed its offer: the same fee and start as before" in text
    assert ("Additional costs: was “1:1 in the community at £28 per hour if needed”, now "
            "“none”") in text
    assert "changed its answer" not in text


def test_a_new_fee_is_a_changed_answer_with_the_fee_was_and_now() -> None:
    told = _after_approval("Decision: offer\nWeekly fee: £4,400\nAvailable from: 01/12/2026")
    assert told.context["confirmed"] is False
    subject, text = _text(told)
    assert subject.endswith("changed answer from Larch House")
    assert "Weekly fee: was £4,250 a week, now £4,400 a week" in text


# --- 4 and 6. what to do first --------------------------------------------------------------


def test_please_confirm_opens_with_what_to_do_and_ends_with_why() -> None:
    council = SendEmail(key="c", template="council/confirm_instruction", to=SW,
                        context={"reference": "REF-2026-000001", "instruction": "EXTEND 10s",
                                 "lines": ["EXTEND 10s"]})
    _, text = _text(council)
    assert text.startswith('We got "EXTEND 10s" from you for REF-2026-000001. Because it came '
                           "as a new email rather than a reply to one of ours, please confirm "
                           'it: reply "Yes" to this email. If you did not send it to us, '
                           "ignore this and tell your placements team.")
    assert "proves that you wrote" not in text and "whoever you wrote to" not in text
    assert text.endswith("instead of writing a new one, and this step is skipped.")
    provider = replace(council, template="provider/confirm_instruction",
                       context={"reference": "", "instruction": "PAUSE Larch House",
                                "lines": ["PAUSE Larch House"]})
    _, text = _text(provider)
    assert text.startswith('We got "PAUSE Larch House" from you. Because it came as a new '
                           'email rather than a reply to one of ours, please confirm it: reply '
                           '"Yes" to this email.')
    assert "such as the weekly vacancy return" in text


def test_the_shortlist_confirmation_opens_with_what_to_do_and_ends_with_if_not_you() -> None:
    email = SendEmail(key="s", template="social_worker/shortlist_confirm", to=SW, context={
        "reference": "REF-2026-000001", "options": [{"label": "A", "home": "Kestrel House"}],
        "views_given": {"parents": True, "child": True}, "replaces": {},
        "link": "https://broker/shortlist/confirm/x", "expires_at": NOW + timedelta(days=1)})
    _, text = _text(email)
    assert text.startswith("Confirm the shortlist you just gave on the web page for "
                           "REF-2026-000001.")
    assert "by you or by someone else" not in text
    last = text[text.index("https://broker/shortlist/confirm/x"):]  # after the link
    assert last.split(" ", 1)[1].startswith("If this wasn't you, do nothing")


"""Rule `referrer-named-as-she-signs`: the person who sent a referral is named in the
service's emails by the name she signed with ("Kim" of "Kim | EDT"), else her From display
name ("Northby EDT"), and by her address's words only when neither is there: a duty team's
shared mailbox `edt@` had made the team's copy of the comparison say "Edt will shortlist;
the team can too" (ux50 EDT 3b). The name is kept with the referral at intake; a closing
line that is the child's name, or a person in her life, is never taken for it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from broker.forms.bare_sign_off import signed_name
from tests.snapshots import SW, TEAM, actor, snapshot, wave, world
from tests.unit.test_lifecycle import FORM
from workflows.commands import SendEmail
from workflows.events import SERVICE, DeadlineDue, DeadlineKind, FormReceived
from workflows.lifecycle import decide
from workflows.people import referrer_name, referrer_named
from workflows.snapshot import ResponseRecord
from workflows.states import State

EDT = "edt@northby.gov.example"
FORM_TEXT = "Child's name: Jaden Orrin Fell\nWeekly budget: £5,500\n"


@pytest.mark.parametrize(("text", "name"), [
    (FORM_TEXT + "\nKim | EDT\nEmergency Duty Team (covering Northby)\n", "Kim"),
    (FORM_TEXT + "\nKind regards,\nSam Taylor\nSocial Worker, Children in Care Team\n",
     "Sam Taylor"),
    (FORM_TEXT + "\nSam Taylor – Social Worker\n07700 900123\n", "Sam Taylor"),
    (FORM_TEXT + "\nLena (out of hours)\n", "Lena"),
    # her own note over a forwarded referral: her name, not the forwarded email's writer's
    ("Please see below.\n\nJordan\n\n---------- Forwarded message ---------\nFrom: Sam "
     "Taylor <sam.taylor@northby.gov.example>\n\n" + FORM_TEXT + "\nSam\n", "Jordan"),
])
def test_the_sign_off_closing_her_email_gives_her_name(text: str, name: str) -> None:
    assert signed_name(text) == name


@pytest.mark.parametrize("text", [
    FORM_TEXT,  # the form's last line
    "Kim | EDT\n",  # one paragraph alone: nothing sets it apart as a sign-off
    FORM_TEXT + "\nShe says she will not go home.\n",
    FORM_TEXT + "\nAaron Malby (brother)\n",  # a person in the child's life
    FORM_TEXT + "\nDean Cole - County lines lead, known to police\n",
    FORM_TEXT + "\nNone\n",
    # only a forwarded email's signature: someone else's
    "---------- Forwarded message ---------\nFrom: Sam Taylor <sam.taylor@northby.gov.example>"
    "\n\n" + FORM_TEXT + "\nSam\n",
])
def test_anything_else_closing_her_email_is_no_sign_off(text: str) -> None:
    assert signed_name(text) == ""


def test_the_name_is_her_sign_off_else_her_from_name_else_her_address() -> None:
    assert referrer_name("Kim", "Northby EDT", EDT) == "Kim"
    assert referrer_name("", "Northby EDT", EDT) == "Northby EDT"
    assert referrer_name("", "", EDT) == "Edt"
    assert referrer_name("", EDT, EDT) == "Edt"  # a From name that is an address names no one
    assert referrer_name("", "", "sam.taylor@northby.gov.example") == "Sam Taylor"


def test_a_closing_name_that_is_the_childs_or_her_familys_is_never_hers() -> None:
    assert referrer_name("Jaden", "Northby EDT", EDT, ("Jaden Orrin Fell",)) == "Northby EDT"
    assert referrer_name("Fell", "", EDT, ("Jaden Orrin Fell",)) == "Edt"
    assert referrer_name("Kim", "", EDT, ("Jaden Orrin Fell", "Mum: Dana Fell")) == "Kim"


def _intake(text: str, sender_name: str) -> object:
    form = replace(FORM, sender=EDT, text=text, sender_name=sender_name)
    new = snapshot(State.NEW).with_referral(referrer=EDT)
    return decide(new, FormReceived(actor=actor(EDT), key="k", form=form)).snapshot


def test_intake_keeps_the_name_she_signed_with_or_her_from_name() -> None:
    assert _intake(FORM_TEXT + "\nKim | EDT\nEmergency Duty Team\n",
                   "Northby EDT").referral.referrer_name == "Kim"  # type: ignore[attr-defined]
    assert _intake(FORM_TEXT, "Northby EDT").referral.referrer_name \
        == "Northby EDT"  # type: ignore[attr-defined]
    # the sample form's child is Casey Marie Hollin: her name closing the email is not taken
    assert _intake(FORM_TEXT + "\nCasey\n", "").referral.referrer_name \
        == "Edt"  # type: ignore[attr-defined]


def test_a_name_kept_is_not_changed_by_a_later_email_nor_taken_from_someone_else() -> None:
    kept = snapshot(State.INCOMPLETE).with_referral(referrer=EDT, referrer_name="Kim")
    form = replace(FORM, sender=EDT, text=FORM_TEXT + "\nJo | EDT\n", sender_name="Jo")
    after = decide(kept, FormReceived(actor=actor(EDT), key="k", form=form)).snapshot
    assert after.referral.referrer_name == "Kim"
    unnamed = snapshot(State.INCOMPLETE).with_referral(referrer=EDT)
    by_team = replace(form, sender=TEAM, sender_name="Placements")
    after = decide(unnamed, FormReceived(actor=actor(TEAM), key="k", form=by_team)).snapshot
    assert after.referral.referrer_name == ""
    assert referrer_named(after.referral) == "Edt"  # named by her address, as before


def test_the_teams_copy_of_the_comparison_names_her_as_she_signed() -> None:
    closes = datetime(2026, 12, 8, 23, 30).astimezone()
    open_ = snapshot(State.OPEN, waves=(wave(opened=closes - timedelta(hours=2),
                                             window=timedelta(hours=2)),),
                     responses={"kestrel-house": ResponseRecord("kestrel-house", "offer", {}, {
                         "weekly_fee": 5200, "available_from": "2026-12-08"})},
                     world=world(now=closes, today=closes.date()))
    open_ = open_.with_referral(referrer=EDT, referrer_name="Kim", urgency="emergency")
    decision = decide(open_, DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CLOSE,
                                         wave=1, due_at=closes))
    emails = {c.to: c for c in decision.commands if isinstance(c, SendEmail)
              and c.template == "social_worker/comparison"}
    assert emails[TEAM].context["referrer_name"] == "Kim"
    assert SW not in emails
    from channels.email.render import TEMPLATES, EmailRenderer

    raw = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                        secret=b"test-secret").render(emails[TEAM], closes).raw.decode()
    assert "Kim will shortlist; the team can too." in raw and "Edt will" not in raw

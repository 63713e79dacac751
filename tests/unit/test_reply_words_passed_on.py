"""Rule `words-passed-on` (round 58): a later reply whose words change nothing the service
records ("subject to our matching panel", "the fee will rise from April", "ignore my earlier
email", the placed home's notice) is passed to whoever acts at that stage, the home told so;
never lost, and never for a bare acknowledgement, automatic mail or words passed on before."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from broker.forms.extract import fields_from_text
from tests.snapshots import KESTREL, LARCH, RESPONSE_SPEC, SW, TEAM, actor, snapshot
from workflows.commands import RecordEvent, RecordResponse, SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.passed_on import own_words, says_something
from workflows.responses import QUESTIONS_PER_DAY, question_digest
from workflows.states import State

OFFER = "Decision: Offer\nWeekly fee: £4,900\nAvailable from: 14/12/2026\n"
PANEL = "We can confirm our offer, subject to our matching panel on 16 December."


def _reply(text: str, sender: str = LARCH, key: str = "larch-house", n: int = 1,
           auto: bool = False) -> ReplyReceived:
    reply = Reply(sender=sender, subject="Re: referral", message_id=f"<w{n}@example>",
                  fields=dict(fields_from_text(text, RESPONSE_SPEC).values), body_text=text,
                  sent_on=date(2026, 11, 23), auto_submitted=auto)
    return ReplyReceived(actor=actor(sender), key=f"in:{n}", establishment=key, reply=reply)


def _after_offer(text: str, state: State = State.OPEN, auto: bool = False,
                 **before: Any) -> tuple[dict[str, SendEmail], list[Any], str, str]:
    first = decide(snapshot(state), _reply(OFFER)).snapshot
    decision = decide(replace(first, **before),
                      _reply(text, n=2, auto=auto))
    return ({c.template: c for c in decision.commands if isinstance(c, SendEmail)},
            list(decision.commands), decision.answer.outcome, decision.rule)


@pytest.mark.parametrize("text", [
    PANEL,
    "We confirm our offer but please note the fee from April 2027 will rise to £5,050 in "
    "line with our annual uplift.",
    "Just to add – we would charge £25 per hour for 1:1 staffing for the first four weeks.",
])
def test_words_that_change_nothing_recorded_reach_the_social_worker(text: str) -> None:
    emails, commands, outcome, rule = _after_offer(text)
    assert (outcome, rule) == ("response-unchanged", "words-passed-on")
    sent = emails["social_worker/provider_words"]
    assert sent.to == SW and sent.context["words"] == f"\u201c{text}\u201d"
    assert emails["provider/response_ack"].context["words_passed_on"] == "social_worker"
    [record] = [c for c in commands if isinstance(c, RecordEvent) and c.kind == "words-passed-on"]
    assert record.data["questions"] == [question_digest(text)]  # a fingerprint, not words


@pytest.mark.parametrize("text", [
    "Thanks for confirming.", "Yes still offering, fee as before.", "Confirmed",
    "Having read the full papers we're happy to confirm our offer.\n\nKind regards\nPriya Nair",
])
def test_a_bare_acknowledgement_or_confirmation_is_not_passed_on_nor_answered(text: str) -> None:
    emails, _, outcome, rule = _after_offer(text)
    assert (outcome, rule, emails) == ("response-unchanged", "reply-changes-nothing", {})


def test_words_passed_on_before_and_automatic_mail_are_not_passed_on_again() -> None:
    emails, _, _, rule = _after_offer(PANEL, questions_before=frozenset({
        question_digest(PANEL)}))
    assert (rule, emails) == ("reply-changes-nothing", {})
    emails, _, _, _ = _after_offer(PANEL, auto=True)
    assert emails == {}


def test_past_the_days_limit_the_words_are_held_and_the_home_told_to_write_itself() -> None:
    emails, commands, _, _ = _after_offer(PANEL, questions_emails_today=QUESTIONS_PER_DAY)
    assert "social_worker/provider_words" not in emails
    assert emails["provider/response_ack"].context["words_held"]
    assert [c.kind for c in commands if isinstance(c, RecordEvent)][-1] == "questions-held"
    emails, _, _, _ = _after_offer(PANEL, questions_emails_today=QUESTIONS_PER_DAY,
                                   questions_held_today=1)
    assert emails == {}  # told once a day


def test_after_the_approval_the_words_go_once_not_also_as_a_changed_answer() -> None:
    offered = _reply(OFFER, sender=KESTREL, key="kestrel-house")
    first = decide(snapshot(State.APPROVED), offered).snapshot
    decision = decide(first, _reply(PANEL, sender=KESTREL, key="kestrel-house", n=2))
    templates = [c.template for c in decision.commands if isinstance(c, SendEmail)]
    assert "social_worker/provider_words" in templates
    assert "social_worker/late_response" not in templates


def test_an_answer_taken_back_leaves_no_answer_standing_and_the_social_worker_told() -> None:
    text = ("Sorry – ignore my earlier email, I sent it before our manager had signed it off. "
            "We'll come back to you by 3pm.")
    emails, commands, outcome, _ = _after_offer(text)
    [stored] = [c for c in commands if isinstance(c, RecordResponse)]
    assert (stored.decision, outcome) == ("", "response-incomplete")
    assert emails["provider/missing_fields"].context["taken_back"]
    assert emails["social_worker/provider_words"].context["decision"] == ""


@pytest.mark.parametrize("text", [
    "I'm afraid we're giving 28 days' notice on her placement – her behaviour has escalated.",
    "She settled in well, thank you. Could you send us her health passport please?",
])
def test_the_placed_homes_words_reach_the_placements_team(text: str) -> None:
    decision = decide(snapshot(State.PLACED), _reply(text, sender=KESTREL, key="kestrel-house"))
    emails = {c.template: c for c in decision.commands if isinstance(c, SendEmail)}
    assert emails["placements_team/provider_words"].to == TEAM
    assert emails["provider/referral_closed"].context["words_passed_on"] == "placements_team"
    assert decision.answer.outcome == "reply-referral-closed"  # nothing recorded as ended


def test_another_homes_words_after_the_placement_are_not_passed_on() -> None:
    decision = decide(snapshot(State.PLACED), _reply("We could still offer – any news?"))
    assert [c.template for c in decision.commands if isinstance(c, SendEmail)] == [
        "provider/referral_closed"]


def test_a_signature_is_not_the_words() -> None:
    assert own_words("Thanks for confirming.\n\nKind regards\nJo Bell\nDeputy Manager") == (
        "Thanks for confirming.")
    assert not says_something("Thanks for confirming.")
    assert says_something("Could you call me?")


@pytest.mark.parametrize(("text", "words"), [
    # capitalised closing lines are what the home says, not a name or a job title (att30 F3)
    ("Yes confirmed\nSubject To Panel Approval\nSharing With Another Child",
     "Yes confirmed\nSubject To Panel Approval\nSharing With Another Child"),
    ("Yes confirmed\nPending", "Yes confirmed\nPending"),
    ("Yes\nPanel Approval", "Yes\nPanel Approval"),
    ("Confirmed\n- Subject To Panel", "Confirmed\n- Subject To Panel"),
    # a postscript after the signature is the home's words again
    ("Confirmed.\n\nKind regards\nJo Smith\nRegistered Manager\n\nPS only with a waking night "
     "staff she would share.", "Confirmed.\n\nPS only with a waking night staff she would share."),
])
def test_closing_lines_that_are_no_name_stay_the_words(text: str, words: str) -> None:
    assert own_words(text) == words
    assert says_something(own_words(text))


@pytest.mark.parametrize("text", [
    "Confirmed.\nJo", "Confirmed.\nJo Bell\nDeputy Manager", "Confirmed.\n- Priya Nair",
    "Confirmed.\n\nJo Bell\nRegistered Manager\nLarch House", "Confirmed.\n-- \nJo\n07700 900123",
    "Confirmed.\n\nThanks\nTunde",
])
def test_a_name_alone_or_after_a_closing_or_dash_is_the_signature(text: str) -> None:
    assert own_words(text) == "Confirmed."


def test_a_form_sent_again_is_no_words_but_a_note_beside_it_is() -> None:
    """chaos47 F1: the home's unchanged form lines, sent again, were quoted to the social
    worker as its 'words'; what it writes outside the form still is."""
    emails, _, outcome, rule = _after_offer(OFFER)
    assert (outcome, rule, emails) == ("response-unchanged", "reply-changes-nothing", {})
    emails, _, _, rule = _after_offer(OFFER + "\n" + PANEL)
    assert rule == "words-passed-on"
    assert emails["social_worker/provider_words"].context["words"] == f"\u201c{PANEL}\u201d"


def test_an_answer_restated_in_words_is_that_answer_not_words_beside_it() -> None:
    """A home's offer written out again ('We can offer from 14/12/2026 at £4,900 a week.') is
    read into the same answer: nothing to pass on, nothing to answer again; with a word that
    qualifies it, what it says is passed on."""
    emails, _, outcome, rule = _after_offer("We can offer from 14/12/2026 at £4,900 a week.")
    assert (outcome, rule, emails) == ("response-unchanged", "reply-changes-nothing", {})
    qualified = "We can offer from 14/12/2026 at £4,900 a week, subject to our panel."
    emails, _, _, rule = _after_offer(qualified)
    assert rule == "words-passed-on" and "social_worker/provider_words" in emails


def test_a_ticketing_systems_numbered_receipts_are_never_passed_on() -> None:
    """A home with no decision on record is asked for one once; its helpdesk's receipts,
    each with a new number, are not its words to pass on (nor answered: no loop)."""
    first = decide(snapshot(State.OPEN), _reply("Thank you. Your request #1000 has been "
                                                "logged.")).snapshot
    again = decide(first, _reply("Thank you. Your request #1001 has been logged.", n=2))
    assert (again.answer.outcome, again.rule) == ("response-unchanged", "reply-changes-nothing")
    assert not [c for c in again.commands if isinstance(c, SendEmail)]


def test_a_no_said_again_is_that_no_not_words_beside_it() -> None:
    """A home's decline sent twice ('Sorry, we have no vacancies at the moment.') changes
    nothing and is neither passed on nor answered again; with a qualifying word it is."""
    first = decide(snapshot(State.OPEN), _reply("Sorry, we have no vacancies at the moment."))
    again = decide(first.snapshot, _reply("Sorry, we have no vacancies at the moment.", n=2))
    assert (again.answer.outcome, again.rule) == ("response-unchanged", "reply-changes-nothing")
    assert not [c for c in again.commands if isinstance(c, SendEmail)]
    later = decide(first.snapshot, _reply("Sorry, no vacancies now, though we may have one "
                                          "in March.", n=3))
    assert "social_worker/provider_words" in {
        c.template for c in later.commands if isinstance(c, SendEmail)}


MISSING = "Maddie went missing at 11pm and was returned by police at 3am. She is safe and asleep."


def test_a_placed_homes_report_of_the_childs_safety_is_never_held() -> None:
    """Round 60 i05: the home's fifth message that day was held by rule `questions-per-day`
    and the home told to write to the team itself. Rule `safety-never-held`: it reaches the
    placements team and the social worker, uncounted, and the home is told it was passed on."""
    placed = replace(snapshot(State.PLACED), questions_emails_today=QUESTIONS_PER_DAY + 2,
                     referral_questions_emails_today=50, questions_held_today=3)
    decision = decide(placed, _reply(MISSING, sender=KESTREL, key="kestrel-house"))
    sent = [c for c in decision.commands if isinstance(c, SendEmail)]
    words = [c for c in sent if c.template == "placements_team/provider_words"]
    assert sorted(c.to for c in words) == sorted([TEAM, SW])
    assert all("returned by police" in c.context["words"] for c in words)
    [told] = [c for c in sent if c.template == "provider/referral_closed"]
    assert told.context["words_passed_on"] == "placements_team"
    [record] = [c for c in decision.commands if isinstance(c, RecordEvent)
                and c.kind in ("words-passed-on", "questions-held")]
    assert (record.kind, record.data["safety"]) == ("words-passed-on", True)


def test_other_words_past_the_limit_from_the_placed_home_are_still_held() -> None:
    placed = replace(snapshot(State.PLACED), questions_emails_today=QUESTIONS_PER_DAY)
    decision = decide(placed, _reply("Could you send us her health passport please?",
                                     sender=KESTREL, key="kestrel-house"))
    assert not [c for c in decision.commands if isinstance(c, SendEmail)
                and c.template == "placements_team/provider_words"]
    assert "questions-held" in [c.kind for c in decision.commands if isinstance(c, RecordEvent)]


def test_a_safety_report_while_the_search_runs_reaches_the_social_worker_and_the_team() -> None:
    text = "Just so you know, she disclosed an allegation against a previous carer at our visit."
    emails = [c for c in _after_offer(text, questions_emails_today=QUESTIONS_PER_DAY)[1]
              if isinstance(c, SendEmail)]
    assert {(c.template, c.to) for c in emails if c.template.endswith("provider_words")} == {
        ("social_worker/provider_words", SW), ("placements_team/provider_words", TEAM)}


@pytest.mark.parametrize("text, safety", [
    (MISSING, True),
    ("She was taken to A&E after self-harming last night.", True),
    ("He has been arrested and is in custody.", True),
    ("Absconded at 6pm, now back.", True),
    ("She made an allegation against a member of staff.", True),
    ("Could you send us her health passport please?", False),
    ("What's missing from her papers is the care plan.", False),
    ("We're giving 28 days' notice on her placement.", False),
])
def test_what_reads_as_a_report_of_the_childs_safety(text: str, safety: bool) -> None:
    from workflows.safety import about_safety

    assert about_safety(text) is safety


@pytest.mark.parametrize("text, safety", [
    ("We're interested.\n\nTicket #1042 logged. Our safeguarding policy applies to all "
     "correspondence.", False),  # a footer, on every email the home sends
    ("Thanks, will confirm.\n\nJo Bloggs | Designated Safeguarding Lead | Larch House", False),
    ("Noted.\n--\nJo\nSafeguarding lead\nPolice checks for all staff", False),  # a signature
    ("This email is confidential. Police vetted, Ofsted registered.", False),
    ("In line with our safeguarding policy: she went missing last night and police were "
     "called.", True),  # a policy's words, but something happened
    ("We have raised a safeguarding concern about her contact with an older male.", True),
    ("Police reference 4471 for her missing episode last night, per our procedures.", True),
])
def test_boilerplate_about_safeguarding_is_no_report_but_what_happened_is(
        text: str, safety: bool) -> None:
    from workflows.safety import about_safety

    assert about_safety(text) is safety


def test_past_the_safety_ceiling_a_report_is_recorded_and_the_team_told_once() -> None:
    """Rule `safety-never-held` has a ceiling of its own: past `SAFETY_PER_DAY` messages about
    safety from one home in 24 hours, the next is recorded, not emailed, and the placements
    team gets one email to read them in the console (never silence, never a flood)."""
    from workflows.safety import SAFETY_PER_DAY

    placed = replace(snapshot(State.PLACED), safety_emails_today=SAFETY_PER_DAY)
    decision = decide(placed, _reply(MISSING, sender=KESTREL, key="kestrel-house"))
    sent = [c for c in decision.commands if isinstance(c, SendEmail)]
    assert not [c for c in sent if c.template.endswith("provider_words")]
    [digest] = [c for c in sent if c.template == "placements_team/safety_ceiling"]
    assert digest.to == TEAM and digest.context["per_day"] == SAFETY_PER_DAY
    [record] = [c for c in decision.commands if isinstance(c, RecordEvent)
                and c.kind in ("words-passed-on", "questions-held")]
    assert (record.kind, record.data["safety"]) == ("questions-held", True)

    again = decide(replace(placed, safety_held_today=1),
                   _reply(MISSING, sender=KESTREL, key="kestrel-house", n=2))
    assert not [c for c in again.commands if isinstance(c, SendEmail)
                and c.template.startswith("placements_team/")]
    assert "questions-held" in [c.kind for c in again.commands if isinstance(c, RecordEvent)]

    below = decide(replace(placed, safety_emails_today=SAFETY_PER_DAY - 1),
                   _reply(MISSING, sender=KESTREL, key="kestrel-house", n=3))
    assert sorted(c.to for c in below.commands if isinstance(c, SendEmail)
                  and c.template == "placements_team/provider_words") == sorted([TEAM, SW])


# Round 61: what happened to this child, in a home's own words, past the day's limit
REPORTS = [
    "She didn't come back last night. We've rung her phone and it's switched off.",
    "Just to let you know Maddie hasn't been seen since breakfast and isn't answering her "
    "phone.",
    "Maddie told our night worker that her mum's boyfriend hit her at contact on Saturday.",
    "Maddie came back at 2am with a new phone and cash she won't explain; an older man "
    "dropped her off in a car.",
    "She didn't come back last night.",
    "Update: Maddie was brought back by a neighbour at 6am, she is asleep now. She says she "
    "stayed at a friend's flat in Eastby.",
]


@pytest.mark.parametrize("text", REPORTS)
def test_what_happened_to_the_child_is_a_report_never_held(text: str) -> None:
    """Round 61 s01-s04, s09, s10: a child not back, not seen, brought back, hit, or brought
    back at 2am by an older man with cash she won't explain was held by the day's limit or
    passed to the team alone as ordinary words. Rule `safety-never-held`: team and social
    worker both, uncounted."""
    placed = replace(snapshot(State.PLACED), questions_emails_today=QUESTIONS_PER_DAY + 2)
    decision = decide(placed, _reply(text, sender=KESTREL, key="kestrel-house"))
    words = [c for c in decision.commands if isinstance(c, SendEmail)
             and c.template == "placements_team/provider_words"]
    assert sorted(c.to for c in words) == sorted([TEAM, SW])
    [record] = [c for c in decision.commands if isinstance(c, RecordEvent)
                and c.kind in ("words-passed-on", "questions-held")]
    assert (record.kind, record.data["safety"]) == ("words-passed-on", True)


@pytest.mark.parametrize("text", [
    "For your records, our safeguarding policy and missing from care procedure are attached.",
    "PS all our night staff have had police checks and CSE training.",
])
def test_a_homes_policies_and_training_past_the_limit_are_held_not_a_report(text: str) -> None:
    """Round 61 s05, s11: a policy's "missing from care procedure" (read as something that
    happened) and the staff's "police checks and CSE training" were emailed as reports about
    the child's safety. No report: past the day's limit they are held like other words."""
    placed = replace(snapshot(State.PLACED), questions_emails_today=QUESTIONS_PER_DAY)
    decision = decide(placed, _reply(text, sender=KESTREL, key="kestrel-house"))
    assert not [c for c in decision.commands if isinstance(c, SendEmail)
                and c.template == "placements_team/provider_words"]
    assert "questions-held" in [c.kind for c in decision.commands if isinstance(c, RecordEvent)]


@pytest.mark.parametrize("text, safety", [
    *[(text, True) for text in REPORTS],
    ("Her whereabouts are unknown since 4pm.", True),
    ("He stayed out all night and was returned by a friend's dad.", True),
    ("She has a bruise on her arm she won't explain.", True),
    ("She told staff her stepdad hurt her.", True),
    ("She was picked up by an older man.", True),
    ("As our procedures say, she didn't come back by 10pm.", True),  # a policy's words
    # round 61's false alarms: the home's training, checks, protocols, who it supports, and
    # a question about her history
    ("Confirmed. All our staff are trained in CSE awareness and police checks are done.",
     False),
    ("Having read the papers we can still offer. Please note we support young people who go "
     "missing – our protocol is attached.", False),
    ("Offer – £4,900 per week from 14/12/2026. Is there any history of self-harm we should "
     "know about? We have experience with young people at risk of exploitation.", False),
    ("Is there any history of self-harm we should know about?", False),
    ("We can offer at £4,900 pw from 14/12/2026. Enhanced DBS and police checks done for "
     "every member of the team.", False),
    ("Offer at £4,900 per week from 14/12/2026. We support young people who go missing and "
     "work closely with the local police.", False),
    ("We dropped her off at school at 8.", False),
    ("He stayed out of trouble this week.", False),
    ("Her PE kit didn't come with her things – could Mum send it on?", False),
])
def test_what_happened_is_a_report_and_a_homes_training_or_protocol_is_not(
        text: str, safety: bool) -> None:
    from workflows.safety import about_safety

    assert about_safety(text) is safety

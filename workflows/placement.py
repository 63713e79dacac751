"""From the close to approval, as pure decisions on the snapshot.

    closed | awaiting-approval  SHORTLIST (valid)     → awaiting-approval (a new round)
    closed | awaiting-approval  SHORTLIST (problems)  → unchanged (told what to fix)
    awaiting-approval  approve (the last one needed)  → approved (papers released)
    awaiting-approval  approve (more needed)          → awaiting-approval
    awaiting-approval  reject                         → closed (back to the social worker)
    awaiting-approval  question                       → awaiting-approval (question emailed)
    any                the social worker's reply to it → unchanged (passed on to the asker)
    awaiting-approval  the round's approval lapses    → closed (fails closed)
    any                a decision on a shortlist no longer awaiting approval (replaced,
                       rejected, expired, approved, withdrawn) → unchanged (told what
                       became of it, who and when: `decision_too_late`)

Who may approve (registered commissioners of the referral's authority, never the referrer)
is the permissions table's question (workflows/permissions.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from broker.anonymise import anonymise_texts
from broker.clock import uk_words
from broker.forms import check_referral
from broker.forms.offer_conditions import CONDITIONS_QUOTED, offer_condition
from broker.forms.rough_starts import rough_start
from broker.quoting import provider_words, without_controls, without_links
from broker.working_time import WorkingHours, counts_working_time
from workflows.commands import (
    Command,
    GrantPapers,
    PostSlack,
    RecordApproval,
    RecordEvent,
    SendEmail,
    SetDeadline,
)
from workflows.condition_cost import condition_flagged, cost_in_condition
from workflows.events import (
    ApprovalGiven,
    Chosen,
    DeadlineDue,
    DeadlineKind,
    Dropped,
    FormReceived,
    Shortlisted,
)
from workflows.needed import (
    earlier_than_needed,
    emergency,
    later_than_needed,
    needed_from,
    needed_now,
)
from workflows.people import names_of, same_name, vouched_name
from workflows.snapshot import (
    ApprovalRecord,
    Decision,
    RoundRecord,
    Snapshot,
    accepted,
    declined,
    refused,
)
from workflows.states import State


@dataclass(frozen=True)
class Option:
    """One labelled option of the comparison, with where to reach its provider."""

    label: str
    establishment: str
    home: str
    decision: str
    contact: str
    reply_address: str
    weekly_fee: str | None = None
    ofsted_rating: str = ""
    distance_band: str = ""
    ofsted_source: str = ""  # "directory": the rating is the directory's, not the reply's


def options(snapshot: Snapshot) -> tuple[Option, ...]:
    referral, world = snapshot.referral, snapshot.world
    return tuple(Option(
        label=row["label"], establishment=row["establishment"],
        home=row.get("establishment_name") or row["home"],  # the directory's name, always
        decision=row["decision"],
        contact=contact_now(snapshot, row["establishment"]),
        reply_address=world.reply_address(referral.id, row["establishment"]),
        weekly_fee=row.get("weekly_fee"), ofsted_rating=row.get("ofsted_rating", ""),
        ofsted_source=row.get("ofsted_source", ""),
        distance_band=row.get("distance_band", "")) for row in referral.comparison)


def contact_now(snapshot: Snapshot, establishment: str) -> str:
    """Where the home's mail goes now: the directory's contact, so a home that has changed
    it (a mailbox lost or taken over) gets the papers, the choice and the IPA at the new one;
    else the address the referral went to."""
    home = snapshot.world.directory.establishment(establishment)
    if home is not None and home.contacts:
        return str(home.primary_contact)
    recipient = snapshot.recipients.get(establishment)
    return recipient.contact if recipient else ""


def option_by_label(snapshot: Snapshot, label: str) -> Option | None:
    return next((o for o in options(snapshot) if o.label == label.upper()), None)


def shortlisted_options(snapshot: Snapshot) -> list[Option]:
    round_ = snapshot.current_round
    keys = round_.establishments if round_ else ()
    return [o for o in options(snapshot) if o.establishment in keys]


def tell_social_worker(snapshot: Snapshot, what: str, context: dict[str, Any],
                       key: str) -> SendEmail:
    return SendEmail(key=f"{snapshot.reference}:{what}:{key}", template=f"social_worker/{what}",
                     to=snapshot.referral.referrer,
                     context={"reference": snapshot.reference, **context}, thread=True)


def sign_off_round(snapshot: Snapshot, number: int) -> int:
    """A sign-off request's round across negotiations: fee round 5 in the first, 2002 for
    round 2 once a home is chosen again after the chosen home withdrew (fee rounds restart
    then). Its outbox key carries it, so the second negotiation's request is never taken
    for the first's, and a reply to the first's never counts for the second's."""
    return number if snapshot.negotiation <= 1 else snapshot.negotiation * 1000 + number


def referral_email_key(snapshot: Snapshot, option: Option) -> str:
    """The key of the referral email the home got (workflows/waves.py): what every later
    email to it about this referral follows, in one conversation."""
    return f"{snapshot.reference}:referral:{option.establishment}"


def to_provider(snapshot: Snapshot, option: Option, template: str, what: str,
                context: dict[str, Any]) -> SendEmail:
    return SendEmail(key=f"{snapshot.reference}:{what}:{option.establishment}",
                     template=f"provider/{template}", to=option.contact,
                     context={"reference": snapshot.reference, "establishment": option.home,
                              **context},
                     reply_to=option.reply_address, establishment=option.establishment,
                     follows=referral_email_key(snapshot, option))


def not_selected_note(snapshot: Snapshot, option: Option, category: str) -> SendEmail:
    return SendEmail(key=f"{snapshot.reference}:not-selected:{option.establishment}",
                     template="provider/not_selected", to=option.contact,
                     context={"reference": snapshot.reference, "establishment": option.home,
                              "category": category},
                     reply_to=option.reply_address, establishment=option.establishment,
                     follows=referral_email_key(snapshot, option))


def announce(snapshot: Snapshot, text: str, what: str) -> list[Command]:
    channel = snapshot.team_channel
    return [PostSlack(f"{snapshot.reference}:announce:{what}", "announcement", channel,
                      {"text": text})] if channel else []


# --- shortlist ----------------------------------------------------------------------------


def example_letters(snapshot: Snapshot) -> str:
    """The letters an example shortlist in an email names: the referral's own first two
    options ("A, B"), or its one, never letters it has no option for ("" with none)."""
    return ", ".join(o.label for o in options(snapshot)[:2])


def example_choice(snapshot: Snapshot) -> str:
    """The letter an example CHOOSE or DROP names: the approved shortlist's first option's, or
    (before one) the referral's first option's; "" with none, never a letter it has none for."""
    first = (shortlisted_options(snapshot) or options(snapshot))[:1]
    return first[0].label if first else ""


def homes_named(snapshot: Snapshot, text: str) -> list[Option]:
    """The options whose homes `text` names by name ("Larch View, Larch House"), in the
    order named, as `homes_as_letters` reads the names."""
    lettered = homes_as_letters(snapshot.referral.comparison, text) if text.strip() else text
    written = set(re.findall(r"\bOption ([A-Z]{1,2})\b", text))
    found = [label for label in re.findall(r"\bOption ([A-Z]{1,2})\b", lettered)
             if label not in written]
    return [o for label in dict.fromkeys(found) if (o := option_by_label(snapshot, label))]


def approved_option(snapshot: Snapshot, event: Chosen | Dropped, verb: str,
                    not_on: str) -> Option | Decision:
    """The option a CHOOSE or DROP names by its letter, or its refusal: rule
    `homes-by-their-letters` when it names homes instead, `not-shortlisted` when the letter is
    no option on the approved shortlist (`not_on` ends that answer's sentence)."""
    if not event.label and (letters := letters_for_homes(
            snapshot, event.said, verb, shortlisted_options(snapshot))):
        return refused(snapshot, event, letters, "homes-by-their-letters")
    option = option_by_label(snapshot, event.label)
    if option is None or option not in shortlisted_options(snapshot):
        return refused(snapshot, event, f"{event.label} is not on {not_on}.", "not-shortlisted")
    return option


def letters_for_homes(snapshot: Snapshot, said: str, verb: str,
                      among: list[Option] | None = None) -> str:
    """Rule `homes-by-their-letters`: a SHORTLIST, CHOOSE or DROP line that names homes
    instead of letters is not acted on (a name can be misread, and the instruction is the
    letters), and is answered with the letters those homes have in the comparison ("Larch
    View is A and Larch House is B: reply SHORTLIST A, B with the views lines."), and, for
    a CHOOSE or DROP, with the approved shortlist (`among`) when one named is not on it;
    "" when it names none of the options' homes."""
    named = homes_named(snapshot, said)
    if not named:
        return ""
    each = [f"{o.home} is {o.label}" for o in named]
    which = " and ".join([", ".join(each[:-1]), each[-1]] if len(each) > 1 else each)
    if among is not None and any(o not in among for o in named):
        on = ", ".join(f"{o.label} ({o.home})" for o in among) or "empty"
        return f"{which}; the approved shortlist is {on}: reply {verb} and its letter."
    if verb == "SHORTLIST":
        return (f"{which}: reply SHORTLIST {', '.join(o.label for o in named)} with the "
                "views lines.")
    if len(named) > 1:
        return f"{which}: reply {verb} and the letter of one of them."
    return f"{which}: reply {verb} {named[0].label}."


def shortlist_problems(snapshot: Snapshot, labels: tuple[str, ...],
                       views: dict[str, str], said: str = "") -> list[dict[str, str]]:
    """Each problem with the part of the form it belongs next to; `said`, the words a
    shortlist named instead of letters (homes named get their letters:
    `letters_for_homes`)."""
    if not options(snapshot):  # no home offered: nothing to name, no views to ask for
        return [{"field": "labels", "problem": "No home offered a place, so there is "
                                               "nothing to shortlist."}]
    problems = []
    if not labels:
        problems.append({"field": "labels", "problem": letters_for_homes(
            snapshot, said, "SHORTLIST") or "Name at least one option, e.g. SHORTLIST "
            f"{example_letters(snapshot) or 'A'}."})
    unknown = [label for label in labels if option_by_label(snapshot, label) is None]
    if unknown:
        known = ", ".join(o.label for o in options(snapshot)) or "none"
        problems.append({"field": "labels", "problem": f"There is no option "
                                                       f"{', '.join(unknown)}; the options are "
                                                       f"{known}."})
    for key, who in (("parents", "Parents' views"), ("child", "Child's views")):
        if not views.get(key) and not views.get(f"{key}_reason"):
            problems.append({"field": key, "problem": f"{who}: give them, or write "
                                                      "'not sought - ' and the reason."})
    return problems


def views_in_her_words(snapshot: Snapshot, after: str, views: Mapping[str, str]
                       ) -> dict[str, str]:
    """The parents' and the child's views her lines after a SHORTLIST give in prose ("I
    spoke to mum - she would like …"), in her words, for the example she is shown to send
    back (rule `her-words-meant`: never recorded on the words alone), with a view she
    labelled, or said was not sought, as she gave it; {} when her prose gives none."""
    from workflows import her_words  # her_words reads letters by this module's homes
    from workflows.passed_on import own_words

    fields = snapshot.referral.raw_fields
    names = tuple(n for n in (fields.get("child_name", "").split(" ")[0],
                              fields.get("known_as", "")) if n)
    said = her_words.views_said(own_words(after) or after.strip(), names) if after.strip() \
        else {}
    given = {key: views.get(key) or (f"not sought - {views[f'{key}_reason']}"
                                     if views.get(f"{key}_reason") else "")
             for key in ("parents", "child")}
    found = {key: text for key, text in said.items() if not given.get(key)}
    return {**{key: text for key, text in given.items() if text}, **found} if found else {}


def on_shortlist(snapshot: Snapshot, event: Shortlisted) -> Decision:
    views = dict(event.views)
    problems = shortlist_problems(snapshot, event.labels, views, event.said)
    if problems:
        texts = [p["problem"] for p in problems]
        # the example in the email: her own letters that are options (never widened: a home
        # her views name is their wish, in her words), else the homes she named by their
        # letters, else the first two
        named = [o for label in dict.fromkeys(x.upper() for x in event.labels)
                 if (o := option_by_label(snapshot, label))] if event.labels else \
            homes_named(snapshot, event.said)
        example = ", ".join(o.label for o in named) or example_letters(snapshot) or "A"
        return declined(snapshot, [tell_social_worker(snapshot, "shortlist_problems", {
                            "problems": texts, "example": example,
                            "views": views_in_her_words(snapshot, event.after, views),
                            "nothing_offered": not options(snapshot),
                            "label_problems": [p["problem"] for p in problems
                                               if p["field"] == "labels"]},
                            event.key)],
                        "shortlist-problems", "shortlist-incomplete", " ".join(texts),
                        tuple({**p, "label": "", "example": ""} for p in problems))
    world = snapshot.world
    wanted = {label.upper() for label in event.labels}
    chosen = [o for o in options(snapshot) if o.label in wanted]
    number = (snapshot.current_round.round if snapshot.current_round else 0) + 1
    expires = world.now + world.approval_ttl
    round_ = RoundRecord(number, tuple(o.label for o in chosen),
                         tuple(o.establishment for o in chosen), views,
                         event.actor.address, world.now, expires)
    earlier = snapshot.current_round
    replaced: list[Command] = []
    # what the social worker is told this replaced, and where it came from: a shortlist
    # from the web page was confirmed from the inbox of the address its link named
    # (workflows/web_shortlist.py)
    told = {"from_web": event.actor.channel == "web", "by": event.actor.address,
            "replaced": {"labels": list(earlier.labels), "at": earlier.at, "by": earlier.by}
            if earlier is not None and earlier.outcome == "pending" else {}}
    if earlier is not None and earlier.outcome == "pending":
        snapshot = snapshot.with_round(replace(earlier, outcome="replaced"))
        replaced = [*_update_slack(snapshot, "replaced", len(snapshot.approvals) + 200),
                    *tell_commissioners(snapshot, "replaced")]
    snapshot = snapshot.with_round(round_).with_referral(state=State.AWAITING_APPROVAL)
    commands: list[Command] = [
        RecordEvent("shortlisted", {"labels": list(round_.labels), "round": number,
                                    "parents_views": "given" if views.get("parents") else
                                    "not sought", "child_views": "given" if views.get(
                                        "child") else "not sought"}),
        tell_social_worker(snapshot, "shortlist_recorded", {
            "options": chosen, "views": views, "expires_at": expires, **told,
            # keyed by its round: an earlier shortlist posted again is a new round, and its
            # confirmation must not be taken for a copy of the first
            "needed": snapshot.approvals_needed, **_who_approves(snapshot)},
            f"{event.key}:{number}"),
        SetDeadline(DeadlineKind.APPROVAL_EXPIRY, expires, seq=number),
        SetDeadline(DeadlineKind.APPROVAL_REMINDER,
                    world.now + reminder_after(world.approval_ttl, snapshot.referral.urgency),
                    seq=number),
        *replaced,  # the old message says so, and loses its buttons
        *_ask_for_approval(snapshot),
    ]
    return accepted(snapshot, commands, "shortlisted", "shortlist-complete",
                    f"Shortlist {', '.join(round_.labels)} recorded for {snapshot.reference}.")


def reminder_after(ttl: timedelta, urgency: str) -> timedelta:
    """Rule `approval-reminder-in-proportion`: those yet to decide are reminded at three
    quarters of the approval time, an emergency's at a quarter (12 hours of 48: a child who
    needs a bed tonight cannot wait 36 hours for a nudge)."""
    return ttl / 4 if emergency(urgency) else ttl * 3 / 4


def _who_approves(snapshot: Snapshot) -> dict[str, Any]:
    """For the social worker's shortlist_recorded email: whether it is an emergency, and
    the commissioners who can approve it by name (and whether they are asked in Slack), so
    that at night she knows nothing goes to a home until they approve and whom to phone."""
    authority = snapshot.authority
    return {"emergency": emergency(snapshot.referral.urgency),
            "approvers": [vouched_name(c, "") for c in authority.commissioners]
            if authority else [],
            "in_slack": bool(snapshot.approval_channel)}


def approval_context(snapshot: Snapshot, status: str) -> dict[str, Any]:
    round_ = snapshot.current_round
    number = round_.round if round_ else 0
    views = dict(round_.views) if round_ else {}
    approvals = [a for a in snapshot.approvals if a.round == number]
    shortlisted = shortlisted_options(snapshot)
    # the provider's additional costs are its own words: anonymised with the reasons
    written = [a.reason for a in approvals] + [_row(snapshot, o).get("additional_costs")
                                                or "" for o in shortlisted]
    # and the condition its offer rests on (rule offer-condition-kept), anonymised alike
    conditions = [offer_condition(str(_row(snapshot, o).get("proposal") or "")) or ""
                  for o in shortlisted]
    views, said = shareable_words(snapshot, views, written + conditions)
    said, conditions = said[:len(written)], said[len(written):]
    reasons, extras = said[:len(approvals)], said[len(approvals):]
    return {
        "reference": snapshot.reference, "profile": snapshot.referral.anonymised.get(
            "profile", {}), "needed": snapshot.approvals_needed,
        # rule emergency-approval-flagged: EMERGENCY in the header and subject, and the
        # Slack post notifies the channel
        "emergency": emergency(snapshot.referral.urgency),
        "options": [{"label": o.label, "home": o.home, "ofsted_rating": o.ofsted_rating,
                     "ofsted_source": o.ofsted_source,
                     "distance_band": o.distance_band, "weekly_fee": o.weekly_fee,
                     "decision": o.decision, "costs": cost_lines(snapshot, o, extra),
                     "condition": condition_flagged(provider_words(
                         condition, CONDITIONS_QUOTED), cost_in_condition(
                         _amount(o.weekly_fee), extra, approved_words(snapshot, o)))
                     if condition else ""}
                    for o, extra, condition in zip(shortlisted, extras, conditions,
                                                   strict=True)],
        "budget_weekly": budget_weekly(snapshot),
        "others": alternatives(snapshot, shortlisted),
        "covers": _what_approval_covers(),
        # what a click on Approve commits to, said beside the buttons and in their
        # confirmation: the dearest option, and how many homes the papers would go to
        "highest_weekly": highest_weekly(snapshot, shortlisted, extras),
        # and each option's, as its "Approval covers" line: what approving lets her agree
        "up_to": [[o.label, up_to(_amount(o.weekly_fee), extra, approved_words(snapshot, o))]
                  for o, extra in zip(shortlisted, extras, strict=True)],
        "papers_to": sum(1 for o in shortlisted if o.establishment not in _no_longer_offered(
            snapshot)),
        "views": views,
        "approvals": [{"name": vouched_name(a.approver, a.approver_name), "email": a.approver,
                       "decision": a.decision, "reason": reason,
                       "at": a.at.isoformat() if a.at else "",
                       "replaced": replaced_decision(approvals, index)}
                      for index, (a, reason) in enumerate(zip(approvals, reasons, strict=True))],
        "status": status, "round": number,
        "expires_at": round_.expires_at.isoformat() if round_ and round_.expires_at else "",
        # who has still to decide, as the reminder names them: the status line says it
        "still_to_decide": [vouched_name(c, "") for c in still_to_decide(snapshot, round_)]
        if round_ else [],
    }


def alternatives(snapshot: Snapshot, shortlisted: list[Option]) -> str:
    """Rule: the approvers see what they are not asked to approve, in one line: each other
    option of the comparison that offers or is interested (by letter and home, its fee and
    start), and each home whose offer came after the window closed ("late"), so that they
    can ask why not, as the social worker saw them: "Not shortlisted: C. Larch House £5,100
    from 21 December, D. Thistle House (interested, no fee yet); late: E. Harbour House
    £4,800 from 7 December". Only the facts the comparison and the replies give (no provider's
    words); "" when there are none."""
    kept = {o.establishment for o in shortlisted}
    rows = {str(row.get("establishment")): row for row in snapshot.referral.comparison}
    others: list[str] = []
    late: list[str] = []
    for o in options(snapshot):  # a late answer has its lettered row (broker/comparison.py)
        if o.establishment not in kept and o.decision in ALTERNATIVES:
            row = rows[o.establishment]
            (late if row.get("late") else others).append(
                f"{o.label}. {o.home}" + _terms(snapshot, o.decision, o.weekly_fee,
                                               row.get("available_from")))
    late += [_late_home(snapshot, key, answer) + _terms(  # one with no row (yet)
                snapshot, answer.decision, answer.fields.get("weekly_fee"),
                answer.fields.get("available_from"))
             for key, answer in snapshot.responses.items()
             if answer.late and key not in rows and answer.decision in ALTERNATIVES]
    parts = ([f"Not shortlisted: {', '.join(others)}"] if others else []) + (
        [f"late: {', '.join(late)}" if others else f"Late: {', '.join(late)}"] if late else [])
    return "; ".join(parts)


# The answers that are alternatives to a shortlist: a decline or a withdrawal is none.
ALTERNATIVES = frozenset({"offer", "interested"})


def _terms(snapshot: Snapshot, decision: str, fee: object, start: object) -> str:
    """` £5,100 from 21 December`, or ` (interested, no fee yet)`."""
    amount = _amount(fee)
    if amount is None:
        return f" ({'interested' if decision == 'interested' else 'offer'}, no fee yet)"
    when = start.isoformat() if isinstance(start, date) else str(start or "")
    try:
        from_ = f" from {snapshot.world.describe_date(date.fromisoformat(when))}"
    except ValueError:
        from_ = ""
    return f" {_pounds(amount)}{from_}"


def _late_home(snapshot: Snapshot, key: str, answer: Any) -> str:
    recipient = snapshot.recipients.get(key)
    return recipient.name if recipient is not None else str(
        answer.fields.get("service_name") or key)


def replaced_decision(approvals: list[ApprovalRecord], index: int) -> bool:
    """Rule: a decision replaced by its maker's later one (approved, then rejected) is shown
    as replaced, so nobody counts an approval its maker has taken back. A question replaces
    nothing, and is never replaced."""
    decision = approvals[index]
    if decision.decision == "question":
        return False
    return any(later.approver == decision.approver and later.decision != "question"
               and later.decision != decision.decision for later in approvals[index + 1:])


def up_to(fee: Decimal | None, extra: str, words: str = "") -> str:
    from workflows.cost_weeks import up_to as said  # it imports workflows.signoff

    return said(fee, extra, words)


def highest_weekly(snapshot: Snapshot, shortlisted: list[Option], extras: list[str]) -> str:
    """The dearest shortlisted option's weekly cost, the fee and the additional costs summed
    as the cost block sums them: `£8,050`, `£6,300 or more` when an option's additional costs
    are not priced, or `not known` when no option gives a fee."""
    from broker.forms.fee_steps import highest_fee
    from workflows.signoff import extra_weekly
    from workflows.year_cost import later_fees

    totals, unpriced = [], False
    for option, extra in zip(shortlisted, extras, strict=True):
        fee = _amount(option.weekly_fee)
        if fee is None:
            unpriced = True
            continue
        # a later fee the reply states counts (rule later-fee-counted)
        steps, costs = later_fees(fee, extra, approved_words(snapshot, option))
        more = extra_weekly(costs)
        unpriced = unpriced or more is None or bool(steps.unread) or bool(
            cost_in_condition(fee, extra, approved_words(snapshot, option)))
        totals.append(highest_fee(fee, steps) + (more or 0))
    if not totals:
        return "not known"
    return _pounds(max(totals)) + (" or more" if unpriced else "")


def _no_longer_offered(snapshot: Snapshot) -> set[str]:
    """The shortlisted homes whose answer now takes their offer back: no papers go to them."""
    return {home for home, answer in snapshot.responses.items()
            if answer.decision in NO_LONGER_OFFERED}


_VIEWS = ("parents", "child", "parents_reason", "child_reason")
# A shortlisted home's answer since the comparison that takes its offer back: it gets no
# papers, and cannot be chosen (workflows/agreement.py).
NO_LONGER_OFFERED = frozenset({"withdrawn", "decline"})


def young_persons_views(snapshot: Snapshot, home: str) -> dict[str, str]:
    """The young person's views in their own words, as the social worker recorded them with
    the current shortlist, or why they were not sought, as `home` (an establishment's key)
    may read them: for the approved homes only (the papers page and the IPA), who may see who
    the child is. Never anonymised, and never in an email nor for Slack (`shareable_words` is
    for the approval request)."""
    round_ = snapshot.current_round
    return views_for_home(round_.views if round_ else {}, snapshot.referral.comparison, home)


def views_for_home(views: Mapping[str, Any], comparison: Any, home: str) -> dict[str, str]:
    """The child's views and why they were not sought, with every other option's home named
    only by its letter ("she hates Option B"): the views often weigh the shortlisted homes
    against each other by name, and a home must not learn who else was in the running. The
    home reading them stays named."""
    return {key: homes_as_letters(comparison, str(views.get(said) or ""), keep=home)
            for key, said in (("child_views", "child"), ("child_reason", "child_reason"))}


def shareable_words(snapshot: Snapshot, views: Mapping[str, str],
                    reasons: list[str]) -> tuple[dict[str, str], list[str]]:
    """The parents' and child's views (and why either was not sought), and the reasons
    commissioners gave (a REJECT's, a QUESTION), anonymised as the referral's own text is:
    the approval request goes to a Slack channel several councils may share, where the
    social worker's words ("Dawn Hollin (mother, 07700 900461) wants Casey near …") and a
    commissioner's question ("Is Casey still seeing her uncle at …?") must not name the
    child or the family."""
    written = [views[k] for k in _VIEWS if views.get(k)] + [r for r in reasons if r]
    if not written:
        return {k: "" for k in _VIEWS}, list(reasons)
    form, _ = check_referral(dict(snapshot.referral.raw_fields), snapshot.world.referral_spec,
                             message_date=snapshot.world.today)
    # The answering homes' names become their letters first, so that "she hates Oak Lodge"
    # reads "she hates Option B", never "she hates [person]" (a home taken for a person).
    lettered = [homes_as_letters(snapshot.referral.comparison, text) for text in written]
    said = dict(zip(written, anonymise_texts(form, lettered), strict=True))
    return ({k: said.get(views.get(k, ""), "") for k in _VIEWS},
            [said.get(r, "") for r in reasons])


def homes_as_letters(comparison: Any, text: str, keep: str = "") -> str:
    """Each answering home's name in `text` as its option's letter ("Oak Lodge" as
    "Option B"), whatever its case and however its words are joined ("oak-lodge", "St Marys"
    for "St Mary's"); the home whose key is `keep` stays named. Longer names first, so
    "Larch House Annexe" is not read as "Larch House"."""
    names: list[tuple[str, str]] = []  # (the name as a pattern, its letter or "" to keep it)
    for row in comparison:
        label = str(row.get("label") or "")
        kept = bool(keep) and str(row.get("establishment") or "").casefold() == keep.casefold()
        for name in dict.fromkeys(str(row.get(k) or "") for k in ("home", "establishment_name")):
            words = re.findall(r"[^\W_]+", name)
            if words and label:
                names.append((r"[\s\-.'’]*".join(map(re.escape, words)),
                              "" if kept else f"Option {label}"))
    if not names:
        return text
    names.sort(key=lambda name: -len(name[0]))
    pattern = "|".join(f"(?P<n{i}>{name})" for i, (name, _) in enumerate(names))

    def lettered(found: re.Match[str]) -> str:
        return names[int(str(found.lastgroup)[1:])][1] or found.group(0)

    return re.sub(rf"(?i)(?<!\w)(?:{pattern})(?!\w)", lettered, text)


def _row(snapshot: Snapshot, option: Option) -> Mapping[str, Any]:
    return next((row for row in snapshot.referral.comparison
                 if row["establishment"] == option.establishment), {})


def approved_costs(snapshot: Snapshot, option: Option) -> str:
    """The additional costs the option's provider gave in the comparison: those the
    commissioners saw when they approved it (workflows/signoff.py)."""
    return str(_row(snapshot, option).get("additional_costs") or "")


def approved_words(snapshot: Snapshot, option: Option) -> str:
    """The option's reply in its own words as the commissioners were shown it, whole (rule
    later-fee-counted): a later fee is read from these, never from the comparison's
    280-character brief: the whole proposal the comparison recorded (a comparison recorded
    before it kept them: its brief, which is what they saw)."""
    row = _row(snapshot, option)
    return str(row["words"] if "words" in row else row.get("proposal") or "")


def reply_words(snapshot: Snapshot, option: Option) -> str:
    """The option's reply in its own words now, whole: those a fee agreed later is read with
    (its later fees, rule later-fee-counted), as `approved_words` are for the approval."""
    reply = snapshot.responses.get(option.establishment)
    return str((reply.fields if reply else {}).get("proposal") or approved_words(snapshot, option))


def cost_lines(snapshot: Snapshot, option: Option, extra: str) -> list[str]:
    """What a shortlisted option would cost and when it could start, as the commissioners
    read it in the approval request, the same lines in the email and in Slack: the weekly
    fee, the provider's additional costs as read and in its own words (`_costs_written`),
    the total where the two can be summed, the difference from the budget, the start
    against the date needed, and flags for what the approver would otherwise have to work
    out ("will need sign-off (over £6,000)", "no fee given yet"). Costs that cannot be priced
    are said to be so once, on their own line: the lines after it do not repeat it. `extra`
    is the additional costs, anonymised."""
    from broker.forms.fee_steps import steps_said
    from workflows.signoff import approval_covers, extra_weekly
    from workflows.year_cost import later_fees, one_offs_said

    fee = _amount(option.weekly_fee)
    budget = _amount(budget_weekly(snapshot))
    limit = getattr(snapshot.authority, "sign_off_above", None)
    words = approved_words(snapshot, option)  # and its condition, whole
    steps, costs = later_fees(fee, extra, words) if fee is not None else (None, extra)
    more = extra_weekly(costs)  # "£1,200 pw" is read, "TBC" is not (None)
    # a cost its condition names is counted nowhere: the costs are not fully priced (rule
    # condition-cost-not-counted), flagged beside the condition (`approval_context`)
    named = cost_in_condition(fee, extra, words)
    stepped = steps is not None and fee is not None and bool(steps.steps)
    lines = [(f"Weekly fee: {steps_said(fee, steps)}" if stepped and steps is not None
              else f"Weekly fee: {_fee_said(snapshot, option, fee)}") if fee is not None else
             "Weekly fee: ⚠️ no fee given yet"]
    if more != 0:
        lines.append(_costs_written(costs, more))
    # each one-off sum in the home's words (rule one-off-sums-said): "One-off: £1,500 setup fee"
    lines += [f"One-off: {provider_words(without_links(said), COSTS_QUOTED)}"
              for said in one_offs_said(costs)]
    priced = more  # the additional costs as read: the budget and the limit are judged on them
    if named:  # the lines after this one count the costs as not priced
        more = None
    total = fee + more if fee is not None and more is not None else None
    if total is not None and more:
        lines.append(f"Total: {_pounds(total)} a week while the additional costs apply")
    # each step of the fee, with the additional costs: (its first week, its weekly cost)
    known = fee + priced if fee is not None and priced is not None else None
    stages = [(1, known if known is not None else fee)] if fee is not None else []
    if stepped and steps is not None and fee is not None:
        stages = [(week, amount + (priced or 0)) for week, amount in _stages(fee, steps)]
    if fee is not None and budget is not None:
        lines.append(f"Budget: {_pounds(budget)} a week, "
                     + _against_named(budget, [(w, c) for w, c in stages if c is not None],
                                      named))
    over = [week for week, cost in stages if cost is not None and limit is not None
            and priced is not None and cost > limit]
    if over and limit is not None:
        lines.append(f"⚠️ Will need sign-off (over {_pounds(limit)} a week)" if over[0] == 1
                     else f"⚠️ Will need sign-off from week {over[0]} (over "
                     f"{_pounds(limit)} a week)")
    elif named and fee is not None:  # an AGREE waits for a budget holder for it
        lines.append(_signoff_for_named(stages, limit, named))
    elif limit is not None and fee is not None and more is None:
        lines.append(f"⚠️ May need sign-off (over {_pounds(limit)} a week) with the "
                     "additional costs")
    if steps is not None and steps.unread:
        _, said = shareable_words(snapshot, {}, ["; ".join(steps.unread)])  # its words
        lines.append("⚠️ A later fee is stated in the reply and not counted: "
                     + provider_words(without_links(said[0]), COSTS_QUOTED))
    covers = approval_covers(fee, more, extra, words)  # what approving it lets her agree to
    lines.append(f"{covers}, nor the cost its condition names" if named and fee is not None
                 else covers)
    lines.append(_start(snapshot, option))
    return lines


def _fee_said(snapshot: Snapshot, option: Option, fee: Decimal) -> str:
    """The option's weekly fee, and (rule fee-per-child-for-the-group) when it is a sibling
    group's given per child, so: "£6,200 a week (£3,100 per child for 2 children)"."""
    from broker.forms.money import group_fee_said
    from workflows.responses import children_placed

    reply = snapshot.responses.get(option.establishment)
    each = _amount((reply.fields if reply else {}).get("fee_per_child"))
    children = children_placed(snapshot)
    if each is None or children is None or each * children != fee:
        return _pounds(fee)  # (a fee changed since: its own words said it)
    return group_fee_said(fee, each, children)


def _what_approval_covers() -> str:
    from workflows.signoff import WHAT_APPROVAL_COVERS  # it imports this module

    return WHAT_APPROVAL_COVERS


# The provider's words on its additional costs, as far as the approval request quotes them.
COSTS_QUOTED = 120


def _costs_written(extra: str, more: Decimal | None) -> str:
    """The additional costs as the approval request shows them: the weekly figure read (or
    "not priced"), then the provider's words, marked as theirs, shortened and without links,
    mail addresses or host names: they go to every commissioner, by email and in Slack
    (where a bare address is a live link), and "confirm it at https://…" is no step of the
    approval."""
    words = provider_words(without_links(extra), COSTS_QUOTED)
    if more is None:  # said once, here: the lines after it do not repeat it
        return ("⚠️ Additional costs: not priced, so the total is not known; in the "
                f"provider's words: {words}")
    return f"Additional costs: {_pounds(more)} a week, in the provider's words: {words}"


def _amount(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}".replace(".00", "")


def _stages(fee: Decimal, steps: Any) -> list[tuple[int, Decimal]]:
    """The fee's steps as (first week, weekly fee), week 1 first."""
    return ([] if steps.steps and steps.steps[0][0] == 1 else [(1, fee)]) + list(steps.steps)


def _against_stages(budget: Decimal, stages: list[tuple[int, Decimal]]) -> str:
    """The cost against the budget, and again from each week it changes: "£900 under budget,
    then ⚠️ £1,700 over budget from week 9"."""
    said = [_against(budget, cost) if week == 1 else f"then {_against(budget, cost)} from "
            f"week {week}" for week, cost in stages]
    return ", ".join(said)


def _against_named(budget: Decimal, stages: list[tuple[int, Decimal]], named: str) -> str:
    """The cost against the budget (`_against_stages`) where the offer's condition names a
    cost nothing counts (rule condition-cost-not-counted): a weekly one ("£1,200 per week")
    added to a fee that does not change, for as long as it applies; any other said not to be
    counted. Never "under budget" for a fee whose condition asks more."""
    from workflows.condition_cost import weekly_named

    said = _against_stages(budget, stages)
    if not named:
        return said
    weekly = weekly_named(named)
    if weekly is None or len(stages) != 1:
        return f"{said} for the fee, before the cost its condition names ({named}), not counted"
    fee_alone = said.removeprefix("⚠️ ")
    fee_alone = fee_alone if fee_alone == "on budget" else fee_alone.removesuffix(" budget")
    return (f"{_against(budget, stages[0][1] + weekly)} with the condition's {named} while it "
            f"applies (the fee alone: {fee_alone})")


def _signoff_for_named(stages: list[tuple[int, Decimal]], limit: Decimal | None,
                       named: str) -> str:
    """The sign-off flag of an option whose condition names a cost nothing counts: an AGREE
    waits for a budget holder for it (workflows/signoff.py `reasons`), over the limit or not;
    over it only where the known figures with a weekly cost are."""
    from workflows.condition_cost import weekly_named

    weekly = weekly_named(named)
    if limit is not None and weekly is not None and stages and stages[0][1] + weekly > limit:
        return (f"⚠️ Will need sign-off (over {_pounds(limit)} a week with the condition's "
                f"{named})")
    return f"⚠️ Will need sign-off: the condition's cost ({named}) is not counted"


def _against(budget: Decimal, cost: Decimal) -> str:
    if cost > budget:
        return f"⚠️ {_pounds(cost - budget)} over budget"
    return f"{_pounds(budget - cost)} under budget" if cost < budget else "on budget"


def _start(snapshot: Snapshot, option: Option) -> str:
    """When the home can start against when the place is needed (workflows/needed.py: once
    the day asked for has passed, the place is needed now, and a start after today is late).
    With no day given, the earliest its words allow, as the comparison showed it (rule
    rough-start-read): "not before mid-January, in its reply's words", late as a day would be.
    A day before the one asked for, while that is still to come, is flagged "earlier than
    needed", as the comparison flags it (fees may run before the child can move in)."""
    row = _row(snapshot, option)
    available = row.get("available_from")
    profile = snapshot.referral.anonymised.get("profile", {})
    asked, today = needed_from(profile), snapshot.world.today
    earliest, said = _rough_start(row, today) if not available else (None, "")

    def day(iso: str) -> str:
        return snapshot.world.describe_date(date.fromisoformat(iso))

    shown = day(available) if available else (
        f"not before {said}, in its reply's words" if said else "not given")
    line = f"Available from: {shown}"
    if asked is not None:
        line += (f" (needed now, asked from {snapshot.world.describe_date(asked)})"
                 if needed_now(profile, today)
                 else f" (needed from {snapshot.world.describe_date(asked)})")
        if later_than_needed(available or earliest, profile, today):
            line = f"⚠️ {line}: later than needed"
        elif earlier_than_needed(available, profile, today):  # as the comparison flags it
            line = f"⚠️ {line}: earlier than needed; check fees start only when the child moves in"
    return line


def _rough_start(row: Mapping[str, Any], today: date) -> tuple[str | None, str]:
    """(ISO day, words) of the start a comparison row's words give when it gives no day, as
    stored at the close; read again from its words for a row stored before they were kept."""
    if "start_said" in row:
        return row.get("earliest_start"), str(row.get("start_said") or "")
    rough = rough_start(str(row.get("words") or row.get("proposal") or ""), today)
    return (rough.earliest.isoformat(), rough.said) if rough else (None, "")


def budget_weekly(snapshot: Snapshot) -> str | None:
    from broker.forms.values import parse_budget_weekly

    try:
        return f"{parse_budget_weekly(snapshot.referral.raw_fields.get('budget_weekly', '')):.2f}"
    except ValueError:
        return None


def _ask_for_approval(snapshot: Snapshot) -> list[Command]:
    context = approval_context(snapshot, "pending")
    number = snapshot.current_round.round if snapshot.current_round else 0
    channel = snapshot.approval_channel
    if channel:
        return [PostSlack(f"{snapshot.reference}:approval:{number}", "shortlist_approval",
                          channel, context)]
    return [SendEmail(key=f"{snapshot.reference}:approval:{number}:{c}",
                      template="commissioner/approval_request", to=c,
                      context={**context, "replaces": _replaces(snapshot, c)})
            for c in snapshot.authority.commissioners]


def _replaces(snapshot: Snapshot, commissioner: str) -> dict[str, Any] | None:
    """What a replacement shortlist changed from the one it replaces (None for a first):
    when that was sent, whether this commissioner had approved it, and the options taken
    out and put in, so a request never reads word for word as the one before."""
    rounds = [r for r in snapshot.rounds if r.outcome == "replaced"]
    current = snapshot.current_round
    if not rounds or current is None or rounds[-1].round != current.round - 1:
        return None
    earlier = rounds[-1]
    approved = any(a.round == earlier.round and a.approver == commissioner.lower()
                   and a.decision == "approve" for a in snapshot.approvals)
    return {"at": earlier.at.isoformat(), "round": earlier.round, "you_approved": approved,
            "out": [label for label in earlier.labels if label not in current.labels],
            "in": [label for label in current.labels if label not in earlier.labels]}


def _decided_on(snapshot: Snapshot, option: Option) -> dict[str, Any]:
    """An option as the timeline records a decision on it: its letter, its weekly fee, and
    the weekly cost with its additional costs (`total`, "" when they are not priced) and
    their one-off sums, as the commissioners were shown them."""
    from workflows.signoff import extra_weekly, one_off_total

    fee, extra = _amount(option.weekly_fee), approved_costs(snapshot, option)
    more, once = extra_weekly(extra), one_off_total(extra)
    return {"label": option.label, "weekly_fee": option.weekly_fee,
            "total": f"{fee + more:.2f}" if fee is not None and more is not None else "",
            "costs_unpriced": more is None, "one_off": f"{once:.2f}" if once else ""}


def _update_slack(snapshot: Snapshot, status: str, count: int) -> list[Command]:
    channel = snapshot.approval_channel
    number = snapshot.current_round.round if snapshot.current_round else 0
    if not channel:
        return []
    return [PostSlack(f"{snapshot.reference}:approval:{number}:update:{count}",
                      "shortlist_approval", channel, approval_context(snapshot, status),
                      update_of=f"{snapshot.reference}:approval:{number}")]


# --- approval -----------------------------------------------------------------------------


def on_approval(snapshot: Snapshot, event: ApprovalGiven) -> Decision:
    round_ = snapshot.current_round
    assert round_ is not None  # awaiting approval always has a round
    approver, decision = event.actor.address.lower(), event.decision
    reason = without_controls(event.reason)  # shown in Slack and in the social worker's email
    if (late := decision_too_late(snapshot, event)) is not None:
        return late
    if decision not in ("approve", "reject", "question"):
        return refused(snapshot, event, f"Unknown decision {decision!r}.", "unknown-decision")
    if decision in ("reject", "question") and not reason.strip():
        return refused(snapshot, event, "Please give a reason.", "reason-required")
    earlier = [a for a in snapshot.approvals
               if a.round == round_.round and a.approver == approver and a.decision == decision]
    if earlier and decision == "question" \
            and " ".join(earlier[0].reason.split()) != " ".join(reason.split()):
        # a follow-up, not a repeat: never silently dropped as if it had gone
        return refused(snapshot, event, "You have asked about this shortlist already, and "
                       "the service takes one question from each commissioner on it: please "
                       f"write to the social worker, {snapshot.referral.referrer}, for anything "
                       "more.", "one-question-per-shortlist")
    what = _what_was_decided(snapshot)
    if earlier:
        return accepted(snapshot, [], "approval-repeated", "already-recorded",
                        f"Your decision on {what} was already recorded.")
    if decision == "approve" and (same := _same_person(snapshot, approver, event.actor.name)):
        return refused(snapshot, event, (
            f"{vouched_name(same.approver, same.approver_name)} has already approved {what} "
            f"(as {same.approver}); the second approval must come from a different "
            "commissioner, so this one is not counted."), "approval-by-the-same-person")
    name = vouched_name(approver, event.actor.name)  # never a From name the address denies
    record = ApprovalRecord(round_.round, approver, name, decision, reason,
                            snapshot.world.now)
    snapshot = replace(snapshot, approvals=(*snapshot.approvals, record))
    commands: list[Command] = [
        RecordApproval(round_.round, approver, name, decision, reason,
                       event.actor.channel, event.actor.account),
        RecordEvent(f"approval-{decision}", {
            "by": approver, "name": name, "round": round_.round,
            "channel": event.actor.channel,
            **({"account": event.actor.account} if event.actor.account else {}),
            # what was decided on, for the timeline: "A £6,700 a week with its additional
            # costs, B £4,250 and a one-off £500"; a REJECT's or QUESTION's reason as the
            # Slack message gives it (`shareable_words`)
            "options": [_decided_on(snapshot, o) for o in shortlisted_options(snapshot)],
            **({"reason": shareable_words(snapshot, {}, [reason])[1][0]}
               if reason.strip() and decision != "approve" else {})}),
    ]
    if decision == "approve":
        return _after_approve(snapshot, commands)
    what = "shortlist_rejected" if decision == "reject" else "shortlist_question"
    key = f"{approver}:{decision}:{round_.round}"
    commands.append(tell_social_worker(snapshot, what, {
        "by": name or approver, "reason": reason,
        "expires_at": round_.expires_at}, key))  # when the approval lapses unanswered
    if decision == "reject":
        snapshot = snapshot.with_round(replace(round_, outcome="rejected"))
        commands += _update_slack(snapshot, "rejected", len(snapshot.approvals))
        commands += tell_commissioners(snapshot, "rejected", reason)
        return accepted(snapshot.with_referral(state=State.CLOSED), commands, "rejected",
                        "rejected-by-commissioner",
                        f"You rejected {_what_was_decided(snapshot)}; "
                        f"{snapshot.referral.referrer} has been told why.")
    commands += _update_slack(snapshot, "pending", len(snapshot.approvals))
    return accepted(snapshot, commands, "question", "question-from-commissioner",
                    f"Your question on {_what_was_decided(snapshot)} went to "
                    f"{snapshot.referral.referrer}.")


def _what_was_decided(snapshot: Snapshot) -> str:
    """`shortlist A, B for REF-2026-123456`: what a commissioner's decision was on, in the
    reply to it, so a click on the wrong message is noticed at once."""
    round_ = snapshot.current_round
    labels = ", ".join(round_.labels) if round_ else ""
    return f"shortlist {labels} for {snapshot.reference}" if labels else \
        f"the shortlist for {snapshot.reference}"


def _same_person(snapshot: Snapshot, approver: str, name: str) -> ApprovalRecord | None:
    """Rule: two approvals are two people. An approval of this round already given from
    another address by the same person (one person behind their own address and a second
    one, or two Slack profiles) is returned, and the new one is not counted. Each side is
    compared by `names_of`: the name its address spells, and a name it gave only when that
    is the same name written out (`vouched_name`), so a From display name or Slack profile
    naming someone else never blocks that person's approval."""
    round_ = snapshot.current_round
    mine = names_of(approver, name)
    if round_ is None or not mine:
        return None
    return next((a for a in snapshot.approvals if a.round == round_.round
                 and a.decision == "approve" and a.approver != approver
                 and any(same_name(one, other) for one in mine
                         for other in names_of(a.approver, a.approver_name))), None)


def answers_question(snapshot: Snapshot, event: FormReceived) -> bool:
    """Whether a message on the referral's thread is the social worker's (or the placements
    team's) answer to a commissioner's QUESTION: it replies to the email that put the
    question to them, and says something."""
    asker, sender = event.question_from, event.actor.address.lower()
    return (bool(asker) and event.actor.authenticated and bool(event.form.text.strip())
            and sender in {snapshot.referral.referrer.lower(),
                           str(snapshot.authority.placements_team).lower()}
            and any(a.approver == asker and a.decision == "question"
                    for a in snapshot.approvals))


def on_question_answered(snapshot: Snapshot, event: FormReceived) -> Decision:
    """The answer goes to the commissioner who asked (Reply-To the social worker, so the
    conversation can go on between them), is recorded, and its writer is told it went."""
    asker, by = event.question_from, event.actor.address.lower()
    asked = [a for a in snapshot.approvals if a.approver == asker and a.decision == "question"]
    question = asked[-1]
    to = vouched_name(asker, question.approver_name)
    answer = without_controls(event.form.text).strip()
    commands: list[Command] = [
        RecordEvent("question-answered", {"by": by, "to": asker, "round": question.round}),
        SendEmail(key=f"{snapshot.reference}:question-answered:{event.key}",
                  template="commissioner/question_answered", to=asker,
                  context={"reference": snapshot.reference, "round": question.round,
                           "question": question.reason, "answer": answer, "by": by},
                  reply_to=by),
        SendEmail(key=f"{snapshot.reference}:answer-passed-on:{event.key}",
                  template="social_worker/shortlist_answer_passed_on", to=by,
                  context={"reference": snapshot.reference,
                           "to": to},
                  in_reply_to=event.form.message_id),
    ]
    return accepted(snapshot, commands, "question-answered", "answer-to-a-question",
                    f"Your answer went to {to}.")


def _acknowledge(snapshot: Snapshot, approved: int) -> list[Command]:
    """An emailed approval is acknowledged (Slack's message shows it): what was approved,
    and how many approvals there are of how many needed."""
    round_, last = snapshot.current_round, snapshot.approvals[-1]
    if round_ is None or snapshot.approval_channel:
        return []
    return [SendEmail(key=f"{snapshot.reference}:approval-recorded:{round_.round}:"
                          f"{last.approver}", template="commissioner/approval_recorded",
                      to=last.approver, context={
                          "reference": snapshot.reference, "round": round_.round,
                          "labels": list(round_.labels), "approved": approved,
                          "needed": snapshot.approvals_needed})]


def tell_commissioners(snapshot: Snapshot, outcome: str, reason: str = "") -> list[Command]:
    """Every commissioner asked by email is told how the shortlist they were asked about
    ended (approved, rejected, expired, replaced), so nobody acts on a request that has
    gone, or wonders whether it did. In Slack the message says so itself."""
    round_ = snapshot.current_round
    if round_ is None or snapshot.approval_channel:
        return []
    approved = [vouched_name(a.approver, a.approver_name) for a in snapshot.approvals
                if a.round == round_.round and a.decision == "approve"]
    context = {"reference": snapshot.reference, "round": round_.round, "outcome": outcome,
               "labels": list(round_.labels), "approved_by": approved,
               "needed": snapshot.approvals_needed, "reason": reason,
               "social_worker": snapshot.referral.referrer}
    told = list(snapshot.authority.commissioners)
    if outcome == "expired":  # the team sees to it that the search goes on
        told.append(snapshot.authority.placements_team)
    return [SendEmail(key=f"{snapshot.reference}:approval-outcome:{round_.round}:{c}",
                      template="commissioner/approval_outcome", to=c, context=context)
            for c in dict.fromkeys(told)]


def decision_too_late(snapshot: Snapshot, event: ApprovalGiven) -> Decision | None:
    """Rule: a decision counts only on a shortlist still awaiting approval. On one that no
    longer is, the decider is told in words what became of it, and the refusal is recorded
    under a rule that names that: `round-replaced` (a newer shortlist took its place),
    `round-rejected`, `round-expired`, `round-approved`, `round-withdrawn` (the search
    stopped), `round-unnamed` (an emailed decision replying to no request, after a
    replacement: nobody can tell which shortlist was read). None when it can count, and
    when the referral has no shortlist at all (the lifecycle's table answers that).
    Approving an old message must never release the child's papers to a home the
    commissioner was not shown."""
    current = snapshot.current_round
    if current is None:
        return None
    shown = current.round if event.round is None else event.round
    live = _awaiting(snapshot, current)
    if shown != current.round:
        newer = f"A newer shortlist (round {current.round}) has replaced this one"
        if live:
            how = ("approve it from its own message" if event.actor.channel == "slack"
                   else "reply to its own approval request to decide on it")
            return refused(snapshot, event, f"{newer}: {how}.", "round-replaced")
        noun, became, _ = _what_became_of(snapshot, current)
        of_it = f"round {current.round}" if noun == "shortlist" else \
            f"round {current.round}'s {noun}"
        return refused(snapshot, event, f"{newer}; {of_it} {became}", "round-replaced")
    if live:
        if event.round is None and current.round > 1:
            return refused(snapshot, event, (
                f"The shortlist for {snapshot.reference} has changed since it was first sent; "
                "please reply to the latest approval request (or use its buttons in Slack), "
                "so that we know which shortlist you decided on."), "round-unnamed")
        return None
    noun, became, rule = _what_became_of(snapshot, current)
    return refused(snapshot, event, f"This {noun} {became}", rule)


def _awaiting(snapshot: Snapshot, round_: RoundRecord) -> bool:
    """Whether `round_` still awaits approval: pending, and its request not lapsed (the
    expiry's timer may not have fired yet)."""
    return (snapshot.state == State.AWAITING_APPROVAL and round_.outcome == "pending"
            and not (round_.expires_at and snapshot.world.now > round_.expires_at))


def _what_became_of(snapshot: Snapshot, round_: RoundRecord) -> tuple[str, str, str]:
    """What a round no longer awaiting approval is called, what became of it (a sentence's
    end: who, when, and that nothing was approved) and the rule naming that."""
    now, number = snapshot.world.now, round_.round
    decided = [a for a in snapshot.approvals if a.round == number]
    approvers = list(dict.fromkeys(vouched_name(a.approver, a.approver_name)
                                   for a in decided if a.decision == "approve"))

    def at(moment: datetime | None) -> str:
        return f" at {uk_words(moment, now)}" if moment else ""

    if round_.outcome == "rejected":
        by = next((a for a in reversed(decided) if a.decision == "reject"), None)
        who = f" by {vouched_name(by.approver, by.approver_name)}{at(by.at)}" if by else ""
        return ("shortlist", f"was rejected{who}; nothing was approved. The social worker "
                "will put a new shortlist.", "round-rejected")
    if round_.outcome == "approved":
        last = max((a.at for a in decided if a.decision == "approve" and a.at), default=None)
        return ("shortlist", f"was approved by {_and(approvers)}{at(last)}, and its papers "
                "went to the shortlisted providers; a decision on it now is not recorded.",
                "round-approved")
    stopped = snapshot.state in (State.WITHDRAWN, State.UNMET)
    if stopped or round_.outcome == "withdrawn":
        why = ("the search ended as unmet need" if snapshot.state == State.UNMET
               else "the referral was withdrawn")
        return ("shortlist", f"was taken back from the commissioners when {why}; nothing "
                "was approved.", "round-withdrawn")
    count = len(approvers)
    return ("approval request", f"expired{at(round_.expires_at)} with {count} of "
            f"{snapshot.approvals_needed} approval{'s' if snapshot.approvals_needed != 1 else ''}"
            "; nothing was approved. The social worker has been told.", "round-expired")


def _and(names: list[str]) -> str:
    """`Alex Morgan`, `Alex Morgan and Ruth Adeyemi`, `A, B and C`."""
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _after_approve(snapshot: Snapshot, commands: list[Command]) -> Decision:
    round_ = snapshot.current_round
    assert round_ is not None
    needed = snapshot.approvals_needed
    approvers = {a.approver for a in snapshot.approvals
                 if a.round == round_.round and a.decision == "approve"}
    if len(approvers) < needed:
        commands += _update_slack(snapshot, "pending", len(snapshot.approvals))
        commands += _acknowledge(snapshot, len(approvers))
        waiting = [vouched_name(c, "") for c in still_to_decide(snapshot, round_)]
        return accepted(snapshot, commands, "approval-recorded", "quorum-not-yet-reached",
                        f"Your approval of {_what_was_decided(snapshot)} is recorded: "
                        f"{len(approvers)} of {needed}; {needed - len(approvers)} more needed "
                        "before the papers go"
                        + (f" (still to decide: {', '.join(waiting)})." if waiting else "."))
    snapshot = snapshot.with_round(replace(round_, outcome="approved"))
    commands += _update_slack(snapshot, "approved", len(snapshot.approvals))
    commands += tell_commissioners(snapshot, "approved")
    commands += release_papers(snapshot)
    approved = snapshot.with_referral(state=State.APPROVED)
    return accepted(approved, commands, str(State.APPROVED), "quorum-reached",
                    f"Approved: {_what_was_decided(snapshot)} ({len(approvers)} of {needed} "
                    "approvals). The shortlisted providers are being sent the full papers.")


def release_papers(snapshot: Snapshot) -> list[Command]:
    """Papers to the shortlisted; a courteous note to everyone else who offered."""
    world = snapshot.world
    expires = world.now + world.papers_ttl
    # A home whose answer is now a withdrawal or a decline gets no papers: the commissioners
    # approved its offer, which it no longer makes, and the papers name the child.
    shortlisted = [o for o in shortlisted_options(snapshot)
                   if (current := snapshot.responses.get(o.establishment)) is None
                   or current.decision not in NO_LONGER_OFFERED]
    confirm_by = confirm_papers_by(snapshot, expires)
    commands: list[Command] = [RecordEvent("papers-released", {
        "establishments": [o.establishment for o in shortlisted],
        "expires": expires.isoformat(), "confirm_by": confirm_by.isoformat()})]
    for option in shortlisted:
        link = world.link("papers", snapshot.referral.id, option.establishment, expires)
        commands += [GrantPapers(option.establishment, expires), to_provider(
            snapshot, option, "papers", "papers",
            {"link": link, "expires": expires, "confirm_by": confirm_by,
             "young_persons_views": _views_said(snapshot)})]
    commands += [not_selected_note(snapshot, option, "not shortlisted")
                 for option in options(snapshot) if option not in shortlisted]
    round_, named = snapshot.current_round, _approvers_named(snapshot)
    approved = tell_social_worker(snapshot, "approved", {
        "options": shortlisted, "terms": [approved_terms(snapshot, o) for o in shortlisted],
        "approved_by": _and(named) + (" (commissioners)" if len(named) > 1 else
                                      " (commissioner)" if named else ""),
        "confirm_by": confirm_by},
        str(round_.round if round_ else 0))
    commands += [approved, *_team_copy(snapshot, approved)]
    commands += announce(snapshot, f"{snapshot.reference}: shortlist approved; papers sent "
                                   f"to {len(shortlisted)} provider(s).", "approved")
    return commands


def _team_copy(snapshot: Snapshot, mail: SendEmail) -> list[SendEmail]:
    """Rule `approved-copied-to-the-team`: the placements team gets a copy of the approval
    email, as it does of the comparison and of a late offer, saying a CHOOSE is awaited and
    that the team can send it: the referrer may be a duty team whose shift has ended by the
    time the commissioners approve. None when the referrer is the team."""
    team = snapshot.authority.placements_team if snapshot.authority else ""
    if not team or team.casefold() == mail.to.casefold():
        return []
    return [replace(mail, key=f"{mail.key}:team", to=team, thread=False,
                    context=mail.context | {"team_copy": True,
                                            "referrer": snapshot.referral.referrer})]


def _approvers_named(snapshot: Snapshot) -> list[str]:
    """The commissioners who approved the current round, by the names their addresses spell,
    in the order they gave it."""
    round_ = snapshot.current_round
    return list(dict.fromkeys(vouched_name(a.approver, a.approver_name) for a in
                              snapshot.approvals if round_ is not None
                              and a.round == round_.round and a.decision == "approve"))


def approved_terms(snapshot: Snapshot, option: Option) -> dict[str, Any]:
    """What the commissioners approved for a shortlisted option, as the social worker is told
    it with the papers released: the weekly fee, what the approval covers (the fee, with the
    additional costs where they are priced, and its year: `approval_covers`), the condition
    its offer rests on (rule `offer-condition-kept`) and its additional costs, in the home's
    words, as the comparison recorded them; and its start against when the place is needed
    (workflows/needed.py), as the chosen email says it (`offer_terms`), so a start later than
    needed, or none given beside a condition it waits on, is said before she chooses."""
    from workflows.signoff import _NONE, approval_covers, extra_weekly

    row = _row(snapshot, option)
    extra = str(row.get("additional_costs") or "")
    condition = offer_condition(str(row.get("proposal") or ""))
    fee = _amount(option.weekly_fee)
    words = approved_words(snapshot, option)
    named = cost_in_condition(fee, extra, words)  # rule condition-cost-not-counted
    covers = approval_covers(fee, None if named else extra_weekly(extra), extra,
                             words).removeprefix("Approval covers: ")
    profile, today = snapshot.referral.anonymised.get("profile", {}), snapshot.world.today
    start, asked = str(row.get("available_from") or ""), needed_from(profile)
    return {"start": start, "needed_from": asked.isoformat() if asked else "",
            "later_than_needed": later_than_needed(start, profile, today),
            "needed_now": needed_now(profile, today),
            "fee": str(option.weekly_fee or "") if fee is not None else "",
            "covers": (f"{covers}, nor the cost its condition names" if named else covers)
            if fee is not None else "",
            "condition": condition_flagged(provider_words(condition, CONDITIONS_QUOTED),
                                           named) if condition else "",
            "additional_costs": "none" if _NONE.fullmatch(extra) else provider_words(
                without_links(extra), COSTS_QUOTED) if extra.strip() else ""}


def confirm_papers_by(snapshot: Snapshot, expires: datetime) -> datetime:
    """Rule: a shortlisted home confirms its offer, having read the papers, within the
    referral's own response window from their release (`window_for` its urgency: two hours
    for an emergency, a day for an urgent referral, five working days for a planned one, as
    configured), and never after its link expires. The link's fortnight is how long the
    papers may be read, not how long a child needed now can wait for an answer."""
    world, urgency = snapshot.world, snapshot.referral.urgency or "planned"
    window = world.window_for(urgency)
    hours = world.working_hours if counts_working_time(urgency, window) else None
    return papers_confirm_by(world.now, window, expires, hours)


def papers_confirm_by(released: datetime, window: timedelta, expires: datetime,
                      hours: WorkingHours | None = None) -> datetime:
    """`confirm_papers_by` from what the timeline keeps: the papers' release, the referral's
    response window and the link's expiry (the console says by when a home must confirm); a
    planned referral's window in working time (`hours`, broker/working_time.py)."""
    return min(hours.add(released, window) if hours is not None else released + window,
               expires)


def _views_said(snapshot: Snapshot) -> str:
    """Whether the papers email may say the young person's views are on the papers page
    ("given"), or why they were not sought ("not sought"): never the words themselves. An
    email is never recalled, and a home later dropped keeps it; her words name people, and
    weigh the other homes by name, so they stay behind the grant-checked link."""
    round_ = snapshot.current_round
    views = round_.views if round_ else {}
    return "given" if views.get("child") else "not sought" if views.get("child_reason") else ""


def on_approval_expiry(snapshot: Snapshot, event: DeadlineDue) -> Decision:
    round_ = snapshot.current_round
    if (snapshot.state != State.AWAITING_APPROVAL or round_ is None
            or round_.round != event.seq):
        return declined(snapshot, [], "expiry-ignored", "round-already-decided",
                        "The round it belonged to has been decided.")
    snapshot = snapshot.with_round(replace(round_, outcome="expired"))
    commands: list[Command] = [RecordEvent("approval-expired", {"round": round_.round}),
                               *_update_slack(snapshot, "expired", len(snapshot.approvals) + 100),
                               tell_social_worker(snapshot, "approval_expired", {},
                                                  str(round_.round)),
                               *tell_commissioners(snapshot, "expired"),
                               *announce(snapshot, f"{snapshot.reference}: the shortlist's "
                                         "approval request expired; no papers went, and the "
                                         "social worker must put the shortlist again.",
                                         f"expired:{round_.round}")]
    return accepted(snapshot.with_referral(state=State.CLOSED), commands, "approval-expired",
                    "approval-request-lapsed")


def approval_withdrawn(snapshot: Snapshot) -> list[Command]:
    """A referral withdrawn while its shortlist awaits approval: the Slack message says so
    and loses its buttons, and the commissioners asked by email are told, so nobody
    approves a search that has stopped."""
    round_ = snapshot.current_round
    if snapshot.state != State.AWAITING_APPROVAL or round_ is None \
            or round_.outcome != "pending":
        return []
    gone = snapshot.with_round(replace(round_, outcome="withdrawn"))
    return [*_update_slack(gone, "withdrawn", len(snapshot.approvals) + 300),
            *tell_commissioners(gone, "withdrawn")]


def on_approval_reminder(snapshot: Snapshot, event: DeadlineDue) -> Decision:
    """At three quarters of the approval time (an emergency's at a quarter: rule
    `approval-reminder-in-proportion`), those still to decide are reminded, with how
    many approvals there are of how many needed, when the request expires (UK time, in
    words), who is still to decide, and what happens if it lapses: in Slack, in the
    approval message's thread, where the buttons are; without Slack, by email to each of
    them."""
    round_ = snapshot.current_round
    if (snapshot.state != State.AWAITING_APPROVAL or round_ is None
            or round_.round != event.seq or round_.outcome != "pending"):
        return declined(snapshot, [], "reminder-ignored", "round-already-decided",
                        "The round it belonged to has been decided.")
    approved = len({a.approver for a in snapshot.approvals
                    if a.round == round_.round and a.decision == "approve"})
    waiting = still_to_decide(snapshot, round_)
    names = [vouched_name(c, "") for c in waiting]
    expires = (f"expires at {uk_words(round_.expires_at, snapshot.world.now)} (UK time)"
               if round_.expires_at else "expires soon")
    context = {"reference": snapshot.reference, "round": round_.round,
               "labels": list(round_.labels), "approved": approved,
               "needed": snapshot.approvals_needed, "still_to_decide": names,
               "expires_at": round_.expires_at.isoformat() if round_.expires_at else ""}
    commands: list[Command] = [RecordEvent("approval-reminded", {
        "round": round_.round, "still_to_decide": [c.lower() for c in waiting]})]
    if snapshot.approval_channel:
        approval = f"{snapshot.reference}:approval:{round_.round}"
        commands.append(PostSlack(
            f"{approval}:reminder", "announcement", snapshot.approval_channel, {"text": (
                f"Reminder: {snapshot.reference}'s shortlist has {approved} of "
                f"{snapshot.approvals_needed} approvals and {expires}; still to decide: "
                f"{', '.join(names)}. If it is not approved in time, no papers go and the "
                "social worker must put it again.")}, thread_of=approval))
    else:
        commands += [SendEmail(key=f"{snapshot.reference}:approval-reminder:{round_.round}:{c}",
                               template="commissioner/approval_reminder", to=c,
                               context=context)
                     for c in waiting]
    return accepted(snapshot, commands, "approval-reminded", "approval-request-nearly-lapsed")


def still_to_decide(snapshot: Snapshot, round_: RoundRecord) -> list[str]:
    """The commissioners who have not approved `round_`, in the directory's order: one who
    asked a question has still to approve or reject it. (A rejection ends the round.)"""
    approved = {a.approver.lower() for a in snapshot.approvals
                if a.round == round_.round and a.decision == "approve"}
    return [c for c in snapshot.authority.commissioners if c.lower() not in approved]

"""Stored facts in plain words, for people: local times (Europe/London), time left before a
deadline, fees in pounds, codes as words, and each timeline entry as a sentence. Pure.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import InvalidOperation
from typing import Any

from broker.clock import UK_TIME as LOCAL
from channels.email.render import money as pounds_as_emails_say
from workflows.lifecycle import EVENT_WORDS
from workflows.states import IN_WORDS, State

EVENT_NAMES = {event.__name__: words for event, words in EVENT_WORDS.items()}  # "EXTEND" …
RULE_WORDS = {
    "membership": "not on an arrangement the council belongs to",
    "arrangement-live": "the arrangement was not live",
    "lot": "does not offer this placement type",
    "needs": "cannot meet every need",
    "age": "does not take this age",
    "gender": "does not take this gender",
    "siblings": "cannot take the siblings together",
    "distance": "too far away",
    "ofsted": "below the arrangement's Ofsted floor",
    "status": "suspended",
    "capacity": "no place free",
    "cascade": "waiting for a later wave",
}

HOLD_WORDS = {  # why a referral is held before broadcast (workflows/review.py), for the team
    "sender-not-authenticated": "nothing proved the email came from its sender",
    "unproved-change": "a later message nothing proved changed the form",
    "possible-duplicate": "the same child may have another open or recent referral",
    "review-by-referrer": "the referrer checks the anonymised text first",
    "review-by-team": "the placements team checks the anonymised text first",
}


def hold_words(held_for: str | list[str] | tuple[str, ...]) -> list[str]:
    """A hold's reasons (stored comma-separated, or as a list), in words."""
    reasons = held_for.split(",") if isinstance(held_for, str) else held_for
    return [HOLD_WORDS.get(r, code_words(r).lower()) for r in reasons if r]


def local(moment: datetime | None, with_year: bool = True) -> str:
    """`3 Dec 2026, 14:05` in UK time (GMT or BST as it was then)."""
    if moment is None:
        return ""
    at = moment.astimezone(LOCAL)
    return f"{at.day} {at:%b}{' ' + str(at.year) if with_year else ''}, {at:%H:%M}"


def local_date(moment: datetime | None) -> str:
    if moment is None:
        return ""
    at = moment.astimezone(LOCAL)
    return f"{at.day} {at:%B %Y}"


def duration(delta: timedelta) -> str:
    """`2 days 3 hours`, `3 hours 20 minutes`, `12 minutes`, `less than a minute`."""
    seconds = int(delta.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    units = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    shown = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in units if n][:2]
    return " ".join(shown) or "less than a minute"


def countdown(deadline: datetime | None, now: datetime) -> str:
    """`closes in 3 hours 20 minutes` or `closed 2 days ago`."""
    if deadline is None:
        return ""
    if deadline > now:
        return f"closes in {duration(deadline - now)}"
    return f"closed {duration(now - deadline)} ago"


def money(value: Any) -> str:
    """`£5,050 a week` (pence only when there are some), as the emails write it (the one
    formatter, channels/email/render.py `money`); unreadable amounts as they were given."""
    if value in (None, ""):
        return "not given"
    try:
        return f"{pounds_as_emails_say(value)} a week"
    except (InvalidOperation, ValueError):
        return str(value)


def pounds(value: Any) -> str:
    """`£5,050`, `£5,050.50` (no period), as the emails write it."""
    try:
        return pounds_as_emails_say(value)
    except (InvalidOperation, ValueError):
        return str(value or "")


def ofsted_words(rating: Any, source: Any = "") -> str:
    """An Ofsted rating as every page and email shows it (the rule is
    broker/comparison.py `ofsted_ratings`): `Good`, `Good (from the directory)` when the
    reply did not give it, `not given`."""
    if rating in (None, "", "not given"):
        return "not given"
    return code_words(rating) + (" (from the directory)" if source == "directory" else "")


def code_words(code: Any) -> str:
    """`requires-improvement` as `Requires improvement`."""
    text = str(code or "").replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else "not given"


def need_words(code: Any) -> str:
    """Need codes as people write them: `semh` as SEMH, `self-harm` as Self harm."""
    text = str(code or "")
    return text.upper() if text.isalpha() and len(text) <= 4 else code_words(text)


LEGAL_WORDS = {  # the referral form's legal status codes, as people say them
    "s20": "Section 20 (accommodated by agreement)",
    "interim-care-order": "Interim care order",
    "care-order": "Care order",
    "placement-order": "Placement order",
    "remand": "Remanded",
}


def legal_words(status: Any) -> str:
    """A legal status as people say it: `s20` as Section 20 (accommodated by agreement),
    `care-order` as Care order; two given together (`s20 / care-order`) each in words."""
    parts = [p.strip() for p in str(status or "").split("/") if p.strip()]
    return " / ".join(LEGAL_WORDS.get(p.lower(), code_words(p)) for p in parts) or "not given"


_ISO_MOMENT = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")


def humanise(sentence: str) -> str:
    """A sentence from the engine with any ISO timestamp in it shown in UK time."""
    return _ISO_MOMENT.sub(_in_uk_time, sentence)


def _in_uk_time(moment: re.Match[str]) -> str:
    try:
        return local(datetime.fromisoformat(moment.group(0)))
    except ValueError:  # shaped like a moment but not one (month 99): left as written
        return moment.group(0)


def placement_words(code: Any) -> str:
    """A placement type as the referral form and the parents' summary say it: `residential`
    as `Children's home` (channels/web/plain.py's words, without the article)."""
    from channels.web.plain import KIND_OF_PLACE

    said = KIND_OF_PLACE.get(str(code or ""), "")
    said = said.removeprefix("a ").removeprefix("an ")
    return said[:1].upper() + said[1:] if said else code_words(code)


def kind_of_place(code: Any) -> str:
    """A placement type as a sentence says it, with its article: `fostering` as `a foster
    family`, `semi-independent` as `supported housing for young people aged 16 and over`."""
    from channels.web.plain import KIND_OF_PLACE

    return KIND_OF_PLACE.get(str(code or ""), "") or code_words(code).lower()


ARRANGEMENT_WORDS = {  # kinds of arrangement (config/arrangements.yaml), as commissioners say them
    "framework": "framework",
    "dps": "dynamic purchasing system",
    "approved-list": "approved list",
    "in-house": "the council's own provision",
    "block": "block contract",
    "cost-and-volume": "cost and volume contract",
    "spot": "spot purchase",
}


SERVICE_WORDS = {"childrens-home": "children's home", "fostering-service": "fostering service",
                 "school": "school"}  # kinds of establishment (config/providers/*.yaml)


def service_words(kind: Any) -> str:
    """A kind of establishment as people say it: `childrens-home` as `children's home`."""
    return SERVICE_WORDS.get(str(kind or ""), code_words(kind).lower())


def arrangement_words(kind: Any) -> str:
    """A kind of arrangement as people say it: `dps` as `dynamic purchasing system`."""
    return ARRANGEMENT_WORDS.get(str(kind or ""), code_words(kind).lower())


def clause(text: Any) -> str:
    """Someone's words set inside a sentence the page ends itself: without their own final
    full stop, so `…first day.` never shows as `…first day..`."""
    return str(text or "").strip().rstrip(".").rstrip()


def state_words(state: str) -> str:
    try:
        return IN_WORDS[State(state)]
    except ValueError:
        return state


def rule_words(rule: str, reason: str) -> str:
    """An exclusion as stored: the rule in words, then the reason recorded at the time."""
    words = RULE_WORDS.get(rule, code_words(rule))
    return f"{words}: {reason}" if reason else words


def _name(names: dict[str, str], key: Any) -> str:
    return names.get(str(key or ""), str(key or "an establishment"))


_CORRECTION_REFUSED = {"unproved": "nothing proved who sent it",
                       "another-child": "it named another child",
                       "problems": "the corrected form had problems",
                       "eligibility": "it would change which providers the referral fits",
                       "link": "it carried a web address",
                       "too-many": "the referral had had its day's corrections"}


def describe_event(kind: str, data: dict[str, Any], names: dict[str, str]) -> str:
    """One timeline entry as a sentence (never anything that identifies the child)."""
    d = data or {}
    who = _name(names, d.get("establishment"))
    sentences = {
        "accepted": lambda: f"Referral accepted ({code_words(d.get('urgency'))}, "
                            f"{placement_words(d.get('placement_type')).lower()}).",
        "held": lambda: "Held before it goes to providers: "
                        + "; ".join(hold_words(d.get("reasons") or [])) + "."
                        + (f" Other referral(s) of the child: {', '.join(d['duplicates'])}."
                           if d.get("duplicates") else ""),
        "released": lambda: f"Released by {d.get('by') or 'someone'}: sent to providers.",
        "problems": lambda: "The form had problems; the social worker was asked to correct: "
                            + ", ".join(code_words(f) for f in d.get("fields") or []) + ".",
        "broadcast": lambda: f"Sent to {d.get('providers', 0)} provider(s).",
        "wave-opened": lambda: f"Wave {d.get('wave')} ({d.get('name') or 'all tiers'}) opened.",
        "wave-skipped": lambda: f"Wave {d.get('wave')} skipped: {clause(d.get('reason'))}.",
        "response": lambda: _response(who, d),
        "reply-names-another-referral": lambda: f"{who}'s reply named another referral, not "
                                                "this one: nothing was recorded, and the home "
                                                "was told where to answer.",
        "chased": lambda: f"Reminder {d.get('seq')} sent to the providers of wave "
                          f"{d.get('wave')} who had not answered." if not d.get("by") else
                          f"{d['by']} chased the {d.get('homes', 0)} home(s) of wave "
                          f"{d.get('wave')} that had not answered: a reminder sent to each.",
        "extended": lambda: "The response window was extended"
                            + (f": it now closes {humanise(str(d['deadline']))}."
                               if d.get("deadline") else "."),
        "closed-early": lambda: "The response window was closed early on request.",
        "closed": lambda: f"Closed: {d.get('offers', 0)} offer(s), {d.get('interested', 0)} "
                          f"interested, {d.get('declines', 0)} decline(s), "
                          f"{d.get('no_reply', 0)} no reply. The comparison was sent.",
        "levelled": lambda: f"Sent to every remaining tier at once: {clause(d.get('reason'))}.",
        "shortlisted": lambda: f"Shortlist {', '.join(d.get('labels') or [])} put to the "
                               "commissioners.",
        "papers-released": lambda: "Approved: the full papers were released to the "
                                   "shortlisted providers.",
        "papers-revoked": lambda: f"{who} no longer offers: its link to the full papers "
                                  "was stopped.",
        "approval-expired": lambda: "The approval request lapsed without enough approvals.",
        "approval-approve": lambda: _approval(d, "approved"),
        "approval-reject": lambda: _approval(d, "rejected"),
        "approval-question": lambda: _approval(d, "asked a question about"),
        "approval-reminded": lambda: f"The commissioners yet to decide on round "
                                     f"{d.get('round')} were reminded.",
        # a home's questions answered from the console (workflows/question_answer.py: it
        # names the entry it answers), or a commissioner's question on a shortlist round
        "question-answered": lambda: f"{d.get('by') or 'The placements team'} answered "
                                     f"{who}'s {_questions(d).rsplit(' ', 1)[0]} from the "
                                     f"console, to {d.get('to') or who}, copied to "
                                     f"{' and '.join(d.get('copied') or ()) or 'nobody'}."
        if d.get("asked") else f"{d.get('by')} answered {d.get('to')}'s question on "
                               f"round {d.get('round')}; it was passed on.",
        "chosen": lambda: f"{who} chosen; it asked {money(d.get('requested_fee'))}.",
        "fee-proposed": lambda: f"Fee round {d.get('round')}: the {d.get('by')} proposed "
                                f"{money(d.get('weekly_fee'))}.",
        "placed": lambda: f"Placed with {who} at {money(d.get('agreed_fee'))}; the "
                          "Individual Placement Agreement was issued.",
        "chosen-home-withdrew": lambda: f"The chosen home, {who}, "
                                        + ("withdrew its offer" if d.get("decision")
                                           == "withdrawn" else "declined")
                                        + " during the fee negotiation: back to the approved "
                                          "shortlist, no home chosen.",
        "dropped": lambda: f"{who} was dropped from the shortlist"
                           + (f" by {d['by']}." if d.get("by") else "."),
        "fee-changed-after-approval": lambda: _changed_after_approval(who, d),
        "sign-off-requested": lambda: _sign_off_asked(d),
        "signed-off": lambda: f"{d.get('name') or d.get('by') or 'A budget holder'}"
                              + (f" ({d['by']})" if d.get("name") and d.get("by") else "")
                              + f" signed off {_signed_sum(d)}"
                              + (f" for {who}" if d.get("establishment") else "") + ".",
        "sign-off-refused": lambda: f"{d.get('by') or 'A budget holder'} refused the sign-off"
                                    + (f": {_quoted(d.get('reason'))}."
                                       if d.get("reason") else "."),
        "unmet": lambda: f"Ended as unmet need: {clause(d.get('reason'))}.",
        "withdrawn": lambda: f"Withdrawn: {clause(d.get('reason')) or 'no reason given'}.",
        "lapsed": lambda: f"Withdrawn as lapsed after {d.get('days')} days with no form or "
                          f"correction, while {state_words(str(d.get('state', '')))}; it "
                          "never went to providers.",
        "placement-ended": lambda: f"The placement with {who} ended.",
        "reply-after-close": lambda: f"{who} replied after the referral had closed to it.",
        "offer-confirmed": lambda: f"{who} confirmed its offer, having read the papers.",
        "questions-passed-on": lambda: f"{who}'s {_questions(d)} passed to the placements "
                                       "team.",
        "questions-held": lambda: f"{who}'s message about the child's safety recorded, not "
                                  f"emailed: the placements team had had {d.get('per_day')} "
                                  "of its messages about safety in 24 hours; the home was "
                                  "told to write to the team itself." if d.get("safety") else
                                  f"{who}'s new {_questions(d)} held: the placements team "
                                  f"had had {d.get('per_day')} emails of its questions "
                                  "today; the home was told to write to the team itself.",
        "reply-quarantined": lambda: f"A reply for {who} came from an address that does "
                                     "not speak for it; it was held.",
        "refused": lambda: f"Refused: {d.get('by') or 'someone'} may not "
                           f"{str(d.get('permission', '')).replace('-', ' ')}.",
        "delivery-failed": lambda: f"An email to {d.get('to')} could not be delivered.",
        "message-after-broadcast": lambda: "A message in the social worker's name that "
                                           "nothing proved she sent to the service arrived; "
                                           "it changed nothing and was not passed on (she "
                                           "was told)." if d.get("unproved") else
                                           "A message from the social worker arrived after "
                                           "the referral had gone out; it changed nothing"
                                           + (" (she was shown the instruction it seemed to "
                                              "mean)" if d.get("meant") == "instruction" else
                                              " (she was shown the labelled correction it "
                                              "seemed to mean)" if d.get("meant") ==
                                              "correction" else "")
                                           + (": passed to the placements team." if
                                              d.get("passed_on") == "sent" else "."),
        "provider-copied-in": lambda: "The social worker's email also went straight to "
                                      + ", ".join(d.get("providers") or ["a provider"])
                                      + ", unanonymised (a possible data breach); she and "
                                      "the placements team were told.",
        "message-while-held": lambda: "While the referral was held, the social worker asked "
                                      "for it to be set aside; nothing was done, and she was "
                                      "shown how to withdraw it.",
        "words-passed-on": lambda: "The social worker's message was passed to the placements "
                                   "team." if d.get("from") == "social_worker" else
                                   f"{who}'s words were passed on.",
        "corrected": lambda: "The referral was corrected ("
                             + ", ".join(code_words(f) for f in d.get("fields") or []) + "); "
                             + (f"the correction went to {d['providers']} provider(s)."
                                if d.get("providers") else "providers saw no change."),
        "correction-refused": lambda: "A correction was not sent to providers: "
                                      + _CORRECTION_REFUSED.get(str(d.get("why")), "refused")
                                      + ".",
    }
    if kind == "decision":
        return _decision(d)
    make = sentences.get(kind)
    return make() if make else code_words(kind) + "."


def _response(who: str, d: dict[str, Any]) -> str:
    """A home's reply: its decision and what it lacked ("Larch House replied: Offer (late),
    missing weekly fee."), or, with no decision, that it was asked for one and what else
    ("Larch House replied without a decision; asked for it.")."""
    late = " (late)" if d.get("late") else ""
    missing = [str(m) for m in d.get("missing") or []]
    others = ", ".join(code_words(m).lower() for m in missing if m != "decision")
    if d.get("decision"):
        return (f"{who} replied: {code_words(d['decision'])}{late}"
                + (f", missing {others}" if others else "") + ".")
    if "decision" not in missing:
        return f"{who} replied without a decision{late}" + (
            f", missing {others}." if others else ".")
    return (f"{who} replied without a decision{late}; asked for it"
            + (f" and for {others}" if others else "") + ".")


def _questions(d: dict[str, Any]) -> str:
    """`question was` / `2 questions were`: how many a reply asked (their words are kept
    only in the email to the team)."""
    n = len(d.get("questions") or ())
    return "question was" if n == 1 else f"{n} questions were"


def _approval(d: dict[str, Any], did: str) -> str:
    """`Alex Morgan approved round 1 (A £6,700 a week with its additional costs, B £4,250).`,
    `Ruth Adeyemi rejected round 1 (…): “too far from school”.` Each option's weekly cost is
    the one the commissioners were shown, with the additional costs where priced and any
    one-off sum (events before these were recorded give the fee alone)."""
    who = d.get("name") or d.get("by") or "A commissioner"
    shown = ", ".join(_option_cost(o) for o in d.get("options") or [])
    return (f"{who} {did} round {d.get('round')}" + (f" ({shown})" if shown else "")
            + (f": {_quoted(d.get('reason'))}" if d.get("reason") else "") + ".")


def _option_cost(o: dict[str, Any]) -> str:
    """`A £6,700 a week with its additional costs`, `B £4,250`, `C £4,000 + costs not
    priced`, `D no fee`, with `and a one-off £500`."""
    if not o.get("weekly_fee"):
        return f"{o.get('label')} no fee"
    fee = _whole(o["weekly_fee"])
    total = o.get("total")
    cost = (f"{fee} + costs not priced" if o.get("costs_unpriced") else
            f"{_whole(total)} a week with its additional costs"
            if total and money(total) != money(o["weekly_fee"]) else fee)
    return (f"{o.get('label')} {cost}"
            + (f" and a one-off {_whole(o['one_off'])}" if o.get("one_off") else ""))


def _whole(value: Any) -> str:
    return pounds(value).replace(".00", "")


def _quoted(text: Any, limit: int = 120) -> str:
    """Someone's words on the timeline, on one line, cut to `limit` characters."""
    said = " ".join(str(text or "").split())
    return f"“{said if len(said) <= limit else said[:limit - 1] + '…'}”"


def _changed_after_approval(who: str, d: dict[str, Any]) -> str:
    """`Larch House's fee changed after approval: £4,900 a week → £5,100 a week.`, or, with
    its fee unchanged, `Larch House's additional costs changed after approval: “none” →
    “£40,000 set-up fee, invoiced on the first day” (fee unchanged at £4,250 a week).`"""
    if not d.get("costs_only"):
        return (f"{who}'s fee changed after approval: {money(d.get('approved_fee'))} → "
                f"{money(d.get('weekly_fee'))}"
                + (f"; additional costs {_quoted(d.get('approved_costs') or 'none')} → "
                   f"{_quoted(d.get('additional_costs') or 'none')}"
                   if " ".join(str(d.get("approved_costs") or "none").split()).casefold()
                   != " ".join(str(d.get("additional_costs") or "none").split()).casefold()
                   and "additional_costs" in d else "") + ".")
    if "additional_costs" in d:
        change = (f"{_quoted(d.get('approved_costs') or 'none')} → "
                  f"{_quoted(d.get('additional_costs') or 'none')}")
    else:  # recorded before the costs were: what was added, where it was a one-off sum
        change = f"now {_quoted(d['one_off'])}" if d.get("one_off") else "risen"
    return (f"{who}'s additional costs changed after approval: {change} (fee unchanged at "
            f"{money(d.get('weekly_fee'))}).")


def _sign_off_asked(d: dict[str, Any]) -> str:
    """`Sign-off asked of olivia.price@…: a one-off £40,000 (set-up fee) with £4,250 a week,
    asked with a one-off sum … that nobody approved.` (events before these were recorded
    give the weekly fee and the reasons' names)."""
    asked = ", ".join(d.get("asked") or [])
    sentence = ("Sign-off asked" + (f" of {asked}" if asked else "") + ": "
                + _signed_sum({"signed_off_total": d.get("total"),
                               "signed_off_fee": d.get("weekly_fee"),
                               "signed_off_one_off": d.get("one_off"),
                               "one_off_for": d.get("one_off_for")}))
    if d.get("because"):
        return f"{sentence}, {d['because']}."
    reasons = ", ".join(str(r) for r in d.get("reasons") or [])
    return sentence + (f" ({reasons})" if reasons else "") + "."


def _signed_sum(d: dict[str, Any]) -> str:
    """`a one-off £40,000 (set-up fee) with £4,250 a week`, `£6,700 a week with the
    additional costs`, `£4,250 a week`."""
    weekly = (f"{money(d['signed_off_total'])} with the additional costs"
              if d.get("signed_off_total") and d.get("signed_off_total") != d.get(
                  "signed_off_fee")
              else money(d.get("signed_off_fee") or d.get("weekly_fee")))
    once = d.get("signed_off_one_off")
    return (f"a one-off {_whole(once)}"
            + (f" ({d['one_off_for']})" if d.get("one_off_for") else "") + f" with {weekly}"
            if once else weekly)


def _decision(d: dict[str, Any]) -> str:
    event = EVENT_NAMES.get(str(d.get("event", "")), str(d.get("event", "an event")))
    verdict = "accepted" if d.get("accepted") else "not accepted"
    change = (f"; {state_words(str(d['from']))} → {state_words(str(d['to']))}"
              if d.get("from") != d.get("to") else "")
    by = d.get("by") or "the service"
    return f"Decision on {event} from {by} ({d.get('channel')}): " \
           f"{verdict} by rule {d.get('rule') or '-'}{change}."

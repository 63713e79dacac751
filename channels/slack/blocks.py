"""Block Kit rendering: a `PostSlack` command's template and context → a message payload.

`render(template, context)` returns `{"text": fallback, "blocks": [...]}`; the caller adds
the channel. Pure: no I/O, so the workflow's outbox row is rendered once, in its transaction.

Slack documentation relied on:
- Block Kit blocks and their limits (at most 50 blocks in a message; section text at most
  3000 characters; header text 150; button text 75):
  https://docs.slack.dev/reference/block-kit/blocks
- Escaping `&`, `<` and `>` in text, and `<!date^…|fallback>` (shown in each reader's own
  time zone): https://docs.slack.dev/messaging/formatting-message-text
- The top-level `text` is the notification and screen-reader fallback when `blocks` are
  given: https://docs.slack.dev/reference/methods/chat.postMessage
- A button's `confirm` object asks "are you sure?" in Slack itself before the click is sent
  (title at most 100 characters, text 300, its buttons 30):
  https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

MAX_BLOCKS = 50
MAX_TEXT = 3000
MAX_HEADER = 150
MAX_REASON = 500
MAX_CONFIRM_TITLE, MAX_CONFIRM_TEXT, MAX_CONFIRM_BUTTON = 100, 300, 30

APPROVE, REJECT, QUESTION = "approve_shortlist", "reject_shortlist", "question_shortlist"

DECISIONS = {"approve": ("✅", "Approved by"), "reject": ("❌", "Rejected by"),
             "question": ("❓", "Question from")}


def render(template: str, context: dict[str, Any]) -> dict[str, Any]:
    """The payload (`text` and `blocks`) for one of the Slack templates."""
    try:
        build = TEMPLATES[template]
    except KeyError:
        raise ValueError(f"no Slack template {template!r}") from None
    return build(context)


# -- text helpers ------------------------------------------------------------------------

def escape(text: object) -> str:
    """Slack's three control characters, escaped so that text cannot become a mention or
    a link (`<!channel>` in a reason stays text)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def words(text: object) -> str:
    """A provider's words in mrkdwn: escaped, and with Slack's formatting marks (`*bold*`,
    `` `code` ``, `~strike~`, `_italic_`) as look-alike characters, so its words never set
    a line of ours in bold or as a command to copy."""
    return escape(text).translate(_MRKDWN_MARKS)


_MRKDWN_MARKS = str.maketrans({"*": "\u2217", "`": "\u02cb", "~": "\u223c", "_": "\u02cd"})


def clip(text: str, limit: int = MAX_TEXT) -> str:
    """At most `limit` characters, ending in "…" when cut; never inside an escape (`&amp;`)
    or a `<…>` token."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp >= 0 and ";" not in cut[amp:]:
        cut = cut[:amp]
    if cut.rfind("<") > cut.rfind(">"):
        cut = cut[: cut.rfind("<")]
    return cut + "…"


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text)}}


def context_block(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text)}]}


def when(iso: str) -> str:
    """An ISO time as a Slack date token: each reader sees their own time zone; where Slack
    cannot show the token (a notification, an old client), UK time in words, as the emails
    write it ("9:20pm on Tuesday 8 December 2026")."""
    from channels.email.render import when as in_words

    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return escape(iso or "unknown")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} at {{time}}"
            f"|{in_words(moment)}>")


# -- money -------------------------------------------------------------------------------

def money(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).replace(",", "").lstrip("£"))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def pounds(amount: Decimal) -> str:
    """£4,250 for whole pounds, else £4,250.50."""
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


def fee_against_budget(fee: object, budget: object) -> str:
    """`£4,250/wk — £950 under budget` (or over, or on budget)."""
    weekly, limit = money(fee), money(budget)
    if weekly is None:
        return "fee not given" if fee in (None, "") else f"{escape(fee)} (not an amount)"
    text = f"{pounds(weekly)}/wk"
    if limit is None:
        return f"{text} — no budget given"
    difference = limit - weekly
    if difference > 0:
        return f"{text} — {pounds(difference)} under budget"
    if difference < 0:
        return f"{text} — ⚠️ {pounds(-difference)} over budget"
    return f"{text} — on budget"


# -- the shortlist approval ----------------------------------------------------------------

def _day(iso: object) -> str:
    """`Tuesday 1 December 2026`, as the emails write a day; the text itself if not a date."""
    from channels.email.render import day

    try:
        return day(str(iso))
    except ValueError:
        return str(iso)


def _profile(profile: dict[str, Any]) -> str:
    """The anonymised referral as providers read it (the provider email's own lines, so
    needs, legal status and duration in words, never codes); what was not given left out."""
    from channels.email.referral_lines import referral_lines

    lines = [f"*{label}:* {escape(value)}" for label, value in referral_lines(profile or {})
             if value != "not given"]
    return "\n".join(lines) or "_No profile recorded._"


def _option(option: dict[str, Any], budget: object) -> dict[str, Any]:
    from channels.web.console.words import ofsted_words  # the one rule's words, as emails say it

    rating = ofsted_words(option.get("ofsted_rating"), option.get("ofsted_source"))
    facts = [f"Ofsted: {escape(rating)}",
             f"Distance: {escape(option.get('distance_band') or 'not given')}"]
    # the cost block the email request shows too (workflows/placement.py's cost_lines): its
    # lines quote the provider's words (its additional costs, a one-off, a later fee), so
    # each is neutralised as the condition is, never set in bold or as code by a home
    costs = [words(line) for line in option.get("costs", ())] or [
        f"Weekly fee: {fee_against_budget(option.get('weekly_fee'), budget)}"]
    lines = [f"*Option {escape(option.get('label', '?'))} · {escape(option.get('home', ''))}*",
             " · ".join(facts), *costs]
    if option.get("decision"):
        lines.append(f"Provider's answer: {escape(option['decision'])}")
    if option.get("condition"):  # rule offer-condition-kept, quoted as the provider's words
        lines.append(f"Its offer's condition, in its words: {words(option['condition'])}")
    return mrkdwn("\n".join(lines))


def _view(who: str, value: str, reason: str) -> str:
    if value and reason:
        return f"*{who}:* {escape(value)} — {escape(clip(reason, MAX_REASON))}"
    if reason:
        return f"*{who}:* not sought — {escape(clip(reason, MAX_REASON))}"
    return f"*{who}:* {escape(value) if value else 'not recorded'}"


def _views(views: dict[str, Any]) -> str:
    return "\n".join([
        _view("Parents' views", views.get("parents", ""), views.get("parents_reason", "")),
        _view("Child's views", views.get("child", ""), views.get("child_reason", "")),
    ])


def _decision(entry: dict[str, Any]) -> str:
    icon, verb = DECISIONS.get(entry.get("decision", ""), ("•", "Decision by"))
    who = escape(entry.get("name") or entry.get("email") or "someone")
    if entry.get("email") and entry.get("name"):
        who += f" ({escape(entry['email'])})"
    line = f"{icon} {verb} {who}"
    if entry.get("at"):
        line += f", {when(entry['at'])}"
    if entry.get("reason"):
        line += f": “{escape(clip(entry['reason'], MAX_REASON))}”"
    if entry.get("replaced"):
        line += " _(replaced by their later decision, below)_"
    return line


def _approved(approvals: list[dict[str, Any]]) -> int:
    return sum(1 for entry in approvals
               if entry.get("decision") == "approve" and not entry.get("replaced"))


def _placed(placed: dict[str, Any]) -> str:
    """The approval message once the child is placed (workflows/placed_notice.py), with the
    figures of the placed email line by line: the option and start, the agreed weekly fee
    against the approved one, the additional costs and the total for the weeks each holds
    against the approved, any one-off sum, the first year against the approved one, who
    signed it off (by name) and the agreement."""
    def amount(key: str) -> str:
        value = money(placed.get(key))
        return pounds(value) if value is not None else ""

    fee, approved = money(placed.get("agreed_fee")), money(placed.get("approved_fee"))
    head = (f"🏠 *Placed* with Option {escape(placed.get('label', '?'))} · "
            f"{escape(placed.get('home', ''))}"
            + (f", from {escape(_day(placed['start_date']))}" if placed.get("start_date")
               else ""))
    lines = [head]
    if fee is not None:
        line = f"Agreed weekly fee: {pounds(fee)} a week"
        if approved is None:
            line += " (no fee had been given when the shortlist was approved)"
        else:
            line += f" (approved {pounds(approved)}" + (
                f"; {pounds(fee - approved)} more than approved" if fee > approved else "") + ")"
        lines.append(line)
    if placed.get("extra_weekly"):
        total = escape(placed.get("cost_said") or f"{amount('total')} a week")
        before = escape(placed.get("approved_cost_said") or amount("approved_total"))
        lines.append(f"Additional costs: {amount('extra_weekly')} a week; total {total}"
                     + (f" (approved {before})" if placed.get("approved_total") else ""))
    elif placed.get("costs_unpriced"):
        lines.append("Additional costs: not priced")
    if (once := money(placed.get("one_off"))) is not None:  # never left out of the sum
        lines.append(f"One-off: {pounds(once)}"
                     + (f" {words(placed['one_off_for'])}" if placed.get("one_off_for") else "")
                     + (" (not in the approval)" if placed.get("one_off_unapproved")
                        else " (as approved)"))
    if placed.get("yearly"):
        approved_year = (f"; approved {amount('approved_yearly')}"
                         if placed.get("approved_yearly")
                         and money(placed.get("approved_yearly")) != money(placed["yearly"])
                         else "")
        lines.append(f"First year: {amount('yearly')} ({words(placed['year_note'])})"
                     if placed.get("year_note") else
                     f"A year at that rate: {amount('yearly')}")
        lines[-1] += approved_year
    elif placed.get("later_fee_unread"):  # rule later-fee-flagged: never 52 weeks of the fee
        lines.append("First year: not known (a later fee the provider states could not be read)")
    if placed.get("signed_off_by"):
        who = placed.get("signed_off_name") or str(placed["signed_off_by"]).split(" (")[0]
        lines.append(f"Signed off by: {escape(who)}, budget holder")
    lines.append(f"Agreement: {escape(placed.get('agreement', ''))} (integrity code "
                 f"{escape(placed.get('signature', ''))})")
    return "\n".join(lines)


def _status(context: dict[str, Any]) -> str:
    approved, needed = _approved(context.get("approvals", [])), context.get("needed", 1)
    count = f"{approved} of {needed} approval{'s' if needed != 1 else ''}"
    status = context.get("status", "pending")
    if status == "placed":
        return _placed(dict(context.get("placed") or {}))
    if status == "pending":
        waiting = ", ".join(escape(name) for name in context.get("still_to_decide") or ())
        return (f"⏳ *Waiting for approval:* {count} so far"
                + (f"; still to decide: {waiting}" if waiting else "") + " · if not approved by "
                f"{when(context.get('expires_at', ''))}, no papers go and the social worker "
                "must put the shortlist again")
    return {
        "replaced": "↩️ *Replaced* by a newer shortlist, in a later message: decide on that.",
        "approved": f"✅ *Shortlist approved* ({count}).",
        "rejected": "❌ *Shortlist rejected*; sent back to the social worker.",
        "expired": f"⌛ *Expired* with {count}: nothing was approved.",
        "withdrawn": "🛑 *Withdrawn*: the search was stopped; there is nothing to decide.",
    }.get(status, f"*Status:* {escape(status)}")


def decision_value(reference: str, round_: int) -> str:
    """A decision button's value: the referral and the shortlist round the message shows, so
    a click on a message since replaced is not counted for the newer shortlist."""
    return f"{reference}#{round_}"


def read_decision_value(value: str) -> tuple[str, int | None]:
    """The reference and the round a decision button names (None from a message posted
    before buttons named their round)."""
    reference, _, round_ = value.partition("#")
    return reference, int(round_) if round_.isdigit() else None


def _labels(context: dict[str, Any]) -> str:
    return ", ".join(str(o.get("label", "?")) for o in context.get("options", []))


def _child(profile: dict[str, Any]) -> str:
    """`14, female, residential`: enough of the child to tell one referral from the next;
    `2 children together, 14, female, residential` for a sibling group."""
    together = int(profile.get("siblings") or 1) if str(profile.get("siblings") or 1).isdigit() \
        else 1
    return ", ".join([*([f"{together} children together"] if together > 1 else []),
                      *(str(profile[k]) for k in ("age", "gender", "placement_type")
                        if profile.get(k) not in (None, ""))])


def _plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": text if len(text) <= limit else text[:limit - 1] + "…"}


def _homes(count: int) -> str:
    return f"{count} provider{'s' if count != 1 else ''}"


def confirm_approve(context: dict[str, Any]) -> dict[str, Any]:
    """Slack's own "are you sure?" before an approval is sent: what is approved, for which
    child, what approving lets the social worker agree for each option (as its "Approval
    covers" line; the highest cost when they do not fit), and what the approval does (the
    last one needed sends the child's full papers at once, and cannot be undone)."""
    reference, papers = context.get("reference", ""), int(context.get("papers_to") or 0)
    child = _child(dict(context.get("profile", {})))
    left = max(int(context.get("needed", 1)) - _approved(context.get("approvals", [])), 1)
    does = (f"This sends the child's full papers to {_homes(papers)} at once, and cannot be "
            "undone." if left == 1 else
            f"The child's full papers go to {_homes(papers)} once {left} approvals are in.")
    start = f"Approve shortlist {_labels(context)} for {reference}{f' ({child})' if child else ''}?"
    each = " · ".join(f"{label} {said}" for label, said in context.get("up_to") or ())
    text = f"{start} Approving lets the social worker place at up to {each} a week. {does}"
    if not each or len(text) > MAX_CONFIRM_TEXT:  # too many options to list: the highest
        text = (f"{start} Highest weekly cost {context.get('highest_weekly') or 'not known'}."
                f" {does}")
    return {"title": _plain(f"Approve {reference}?", MAX_CONFIRM_TITLE),
            "text": _plain(text, MAX_CONFIRM_TEXT),
            "confirm": _plain("Approve", MAX_CONFIRM_BUTTON),
            "deny": _plain("Cancel", MAX_CONFIRM_BUTTON), "style": "primary"}


def confirm_reject(context: dict[str, Any]) -> dict[str, Any]:
    """The same for a rejection: it ends this shortlist for everyone."""
    reference, child = context.get("reference", ""), _child(dict(context.get("profile", {})))
    text = (f"Reject shortlist {_labels(context)} for {reference}"
            f"{f' ({child})' if child else ''}? You will be asked why; the shortlist goes back "
            "to the social worker and nobody else can approve it.")
    return {"title": _plain(f"Reject {reference}?", MAX_CONFIRM_TITLE),
            "text": _plain(text, MAX_CONFIRM_TEXT),
            "confirm": _plain("Reject", MAX_CONFIRM_BUTTON),
            "deny": _plain("Cancel", MAX_CONFIRM_BUTTON), "style": "danger"}


def _buttons(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The line naming what the buttons decide (the reference is otherwise only in the
    header, scrolled away, with the next referral's just below), and the buttons; Approve
    and Reject each ask Slack's confirmation first."""
    reference = str(context.get("reference", ""))
    value = decision_value(reference, int(context.get("round") or 0))

    def button(action_id: str, text: str, style: str = "",
               confirm: dict[str, Any] | None = None) -> dict[str, Any]:
        element: dict[str, Any] = {"type": "button", "action_id": action_id, "value": value,
                                   "text": {"type": "plain_text", "text": text}}
        if style:
            element["style"] = style
        if confirm:
            element["confirm"] = confirm
        return element

    child = _child(dict(context.get("profile", {})))
    line = context_block(
        f"*Deciding on {escape(reference)}*{f' ({escape(child)})' if child else ''}: "
        f"shortlist {escape(_labels(context))} · highest weekly cost "
        f"{escape(context.get('highest_weekly') or 'not known')}")
    return [line, {"type": "actions", "block_id": "shortlist_decision", "elements": [
        button(APPROVE, "Approve", "primary", confirm_approve(context)),
        button(REJECT, "Reject", "danger", confirm_reject(context)),
        button(QUESTION, "Ask a question")]}]


def shortlist_approval(context: dict[str, Any]) -> dict[str, Any]:
    reference = str(context.get("reference", ""))
    options = list(context.get("options", []))
    budget = context.get("budget_weekly")
    approvals = list(context.get("approvals", []))
    pending = context.get("status", "pending") == "pending"
    limit = money(budget)
    budget_text = pounds(limit) if limit is not None else "not given"
    # rule emergency-approval-flagged: an emergency says so first, and while it waits its
    # post notifies the channel (Slack's own mention, never a provider's or anyone's words)
    urgent = bool(context.get("emergency"))
    head = [
        {"type": "header", "text": {"type": "plain_text", "emoji": True,
                                    "text": clip(f"{'EMERGENCY: ' if urgent else ''}"
                                                 f"Shortlist for approval · {reference}",
                                                 MAX_HEADER)}},
        *([mrkdwn(f"{HERE} *Emergency*: a child needs a placement now, and nothing goes "
                  "to the home until this is approved.")] if urgent and pending else []),
        mrkdwn(_profile(dict(context.get("profile", {})))),
        {"type": "divider"},
        mrkdwn(f"*Shortlisted options* (weekly budget: {budget_text})"
               + (f"\n{escape(context['covers'])}" if context.get("covers") else "")),
    ]
    decisions = "\n".join(map(_decision, approvals)) or "_No decisions yet._"
    # the options not shortlisted and the late offers: what the approvers are not asked for
    others = [context_block(escape(context["others"]))] if context.get("others") else []
    tail = [*others, {"type": "divider"}, mrkdwn(_views(dict(context.get("views", {})))),
            mrkdwn(f"*Decisions*\n{decisions}"), context_block(_status(context))]
    if pending:
        tail += _buttons(context)
    room = MAX_BLOCKS - len(head) - len(tail)
    shown = options if len(options) <= room else options[: room - 1]
    blocks = head + [_option(option, budget) for option in shown]
    if len(shown) < len(options):
        blocks.append(context_block(f"…and {len(options) - len(shown)} more options, "
                                    "listed on the shortlist page."))
    text = (f"Shortlist {reference} for approval: {len(options)} option"
            f"{'s' if len(options) != 1 else ''}, {_approved(approvals)} of "
            f"{context.get('needed', 1)} approvals ({context.get('status', 'pending')})")
    if urgent and pending:
        return {"text": clip(f"{HERE} EMERGENCY: {escape(text)}"), "blocks": blocks + tail}
    return {"text": clip(escape(text)), "blocks": blocks + tail}


# Slack's own mention of the channel's members who are active: only an emergency's approval
HERE = "<!here>"


def announcement(context: dict[str, Any]) -> dict[str, Any]:
    text = clip(escape(context.get("text", ""))) or "…"
    return {"text": text, "blocks": [mrkdwn(text)]}


def _application_approval(context: dict[str, Any]) -> dict[str, Any]:
    from channels.slack.application_blocks import application_approval  # it imports this

    return application_approval(context)


TEMPLATES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "shortlist_approval": shortlist_approval,
    "announcement": announcement,
    "application_approval": _application_approval,
}

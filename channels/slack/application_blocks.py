"""Block Kit for a provider's application awaiting approval (pure, as channels/slack/blocks.py
is for shortlists): the home and its organisation, what it offers, the decisions so far,
and Approve / Reject buttons while it is pending. Updated in place as approvers decide.

Slack documentation relied on: https://docs.slack.dev/reference/block-kit/blocks (limits as
in blocks.py) and https://docs.slack.dev/messaging/formatting-message-text (escaping).
"""

from __future__ import annotations

from typing import Any

from channels.slack.blocks import MAX_HEADER, MAX_REASON, clip, context_block, escape, mrkdwn

APPROVE_APPLICATION, REJECT_APPLICATION = "approve_application", "reject_application"
ICONS = {"approve": "✅ Approved by", "reject": "❌ Rejected by"}


def _home(context: dict[str, Any]) -> str:
    home, organisation = context.get("home") or {}, context.get("organisation") or {}
    lines = [f"*Organisation:* {escape(organisation.get('name', ''))} "
             f"({escape(', '.join(organisation.get('domains', [])))})",
             f"*Type:* {escape(home.get('kind', ''))} · *Ofsted:* "
             f"{escape(home.get('urn') or 'no URN')}, {escape(home.get('ofsted_rating', ''))}",
             f"*Area:* {escape(home.get('outward_code', ''))} · *Ages:* "
             f"{escape(home.get('ages', ''))} · *Places free:* {home.get('capacity', 0)}",
             f"*Placement types:* {escape(', '.join(home.get('lots', [])))}",
             f"*Needs met:* {escape(', '.join(home.get('needs', [])))}",
             f"*Referrals to:* {escape(', '.join(home.get('contacts', [])))}"]
    if context.get("statement"):
        lines.append(f"*About the home:* {escape(clip(str(context['statement']), 1000))}")
    return "\n".join(lines + _claims(context))


def _claims(context: dict[str, Any]) -> list[str]:
    """Who else claims the home (application_steps.rival_claims), for the approvers."""
    return [f"⚠️ *Also claimed by* {escape(c['reference'] or 'the directory')}: "
            f"{escape(c['home'])}" + (f", from {escape(c['applicant'])}" if c["applicant"] else "")
            + f" (the same {escape(c['same'])})" for c in context.get("claims", [])]


def _decisions(context: dict[str, Any]) -> str:
    lines = []
    for verdict in context.get("verdicts", []):
        who = escape(verdict.get("name") or verdict.get("email") or "someone")
        line = f"{ICONS.get(verdict.get('decision', ''), '•')} {who}"
        if verdict.get("reason"):
            line += f": “{escape(clip(verdict['reason'], MAX_REASON))}”"
        lines.append(line)
    return "\n".join(lines) or "_No decisions yet._"


def _status(context: dict[str, Any]) -> str:
    approved = sum(1 for v in context.get("verdicts", []) if v.get("decision") == "approve")
    count = f"{approved} of {context.get('needed', 1)} approvals"
    return {"pending": f"⏳ *Waiting for approval:* {count} so far",
            "approved": f"✅ *Approved* ({count}): the home has joined the list.",
            "rejected": "❌ *Rejected*; the applicant has been told why."}.get(
        str(context.get("status")), f"*Status:* {escape(context.get('status', ''))}")


def _buttons(reference: str) -> dict[str, Any]:
    def button(action_id: str, text: str, style: str) -> dict[str, Any]:
        return {"type": "button", "action_id": action_id, "value": reference, "style": style,
                "text": {"type": "plain_text", "text": text}}

    return {"type": "actions", "block_id": "application_decision", "elements": [
        button(APPROVE_APPLICATION, "Approve", "primary"),
        button(REJECT_APPLICATION, "Reject", "danger")]}


def application_approval(context: dict[str, Any]) -> dict[str, Any]:
    reference = str(context.get("reference", ""))
    home = (context.get("home") or {}).get("name", "")
    title = f"Application {reference}: {home} to join {context.get('list', '')}"
    blocks = [{"type": "header", "text": {"type": "plain_text", "emoji": True,
                                          "text": clip(title, MAX_HEADER)}},
              mrkdwn(_home(context)), {"type": "divider"},
              mrkdwn(f"*Decisions*\n{_decisions(context)}"), context_block(_status(context))]
    if context.get("status", "pending") == "pending":
        blocks.append(_buttons(reference))
    text = f"{title} ({context.get('status', 'pending')})"
    return {"text": clip(escape(text)), "blocks": blocks}

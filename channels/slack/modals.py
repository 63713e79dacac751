"""Modal views (pure): the reason asked for a rejection or a question, the referral form for
`/referral`, and reading their submitted values back.

Slack documentation relied on:
- Modals, `views.open` with a `trigger_id` (valid for 3 seconds), `private_metadata` (at most
  3000 characters), title/submit/close at most 24 characters, at most 100 blocks:
  https://docs.slack.dev/surfaces/modals, https://docs.slack.dev/reference/views/modal-views
- Input blocks (label and hint at most 2000 characters, `optional`) and the
  `plain_text_input` element (`multiline`, at most 3000 characters):
  https://docs.slack.dev/reference/block-kit/blocks/input-block,
  https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element
- `view_submission` state (`view.state.values[block_id][action_id].value`) and
  `response_action: errors` keyed by block_id, or `update` with a new view:
  https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload
"""

from __future__ import annotations

import json
from typing import Any

from broker.forms.spec import FieldSpec, FormSpec
from channels.slack.blocks import clip, escape, mrkdwn, read_decision_value

REASON_CALLBACK = "shortlist_reason"
REFERRAL_CALLBACK = "referral_form"
VALUE = "value"  # the action_id of every referral input
MAX_LABEL = 2000
MAX_ERROR = 1000
MAX_MODAL_BLOCKS = 100


def _plain(text: str, limit: int = 24) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(text, limit)}


def reason_modal(value: str, decision: str, channel: str) -> dict[str, Any]:
    """The modal a reject or question button opens; the reason is required. `value` is the
    button's (the referral and the round shown), kept as the metadata's `reference`."""
    rejecting = decision == "reject"
    reference = read_decision_value(value)[0]
    return {
        "type": "modal",
        "callback_id": REASON_CALLBACK,
        "private_metadata": json.dumps({"reference": value, "decision": decision,
                                        "channel": channel}),
        "title": _plain("Reject shortlist" if rejecting else "Ask a question"),
        "submit": _plain("Reject" if rejecting else "Send question"),
        "close": _plain("Cancel"),
        "blocks": [
            mrkdwn(f"*Shortlist {escape(reference)}*\nYour "
                   f"{'reason' if rejecting else 'question'} goes to the referring social "
                   "worker by email."),
            {"type": "input", "block_id": "reason", "optional": False,
             "label": _plain("Why are you rejecting it?" if rejecting else "Your question",
                             MAX_LABEL),
             "element": {"type": "plain_text_input", "action_id": "reason",
                         "multiline": True, "max_length": 3000}},
        ],
    }


def reason_from(view: dict[str, Any]) -> str:
    values = view.get("state", {}).get("values", {})
    return str(values.get("reason", {}).get("reason", {}).get("value") or "").strip()


def metadata(view: dict[str, Any]) -> dict[str, str]:
    """The modal's private_metadata (set by this service; Slack hands it back unchanged)."""
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _hint(spec: FieldSpec) -> str:
    text = spec.describe()
    text = text[:1].upper() + text[1:] if text else ""
    if spec.identifying:
        text = f"{text}. Kept private: never sent to providers." if text else (
            "Kept private: never sent to providers.")
    return text


def _input(spec: FieldSpec) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "input", "block_id": spec.key, "optional": not spec.required,
        "label": _plain(spec.label, MAX_LABEL),
        "element": {"type": "plain_text_input", "action_id": VALUE,
                    "multiline": spec.paragraphs or spec.kind == "family"},
    }
    hint = _hint(spec)
    if hint:
        block["hint"] = _plain(hint, MAX_LABEL)
    return block


def referral_modal(spec: FormSpec, channel: str = "") -> dict[str, Any]:
    """One input per field of the referral form, in the form's order, block_id = field key."""
    intro = mrkdwn("The same form as an email to the referrals address. Identifying details "
                   "are removed before the referral goes to every eligible provider.")
    intro["block_id"] = "intro"
    inputs = [_input(field) for field in spec.fields][: MAX_MODAL_BLOCKS - 1]
    return {
        "type": "modal",
        "callback_id": REFERRAL_CALLBACK,
        "private_metadata": json.dumps({"channel": channel}),
        "title": _plain("New referral"),
        "submit": _plain("Send referral"),
        "close": _plain("Cancel"),
        "blocks": [intro, *inputs],
    }


def referral_fields(view: dict[str, Any]) -> dict[str, str]:
    """The submitted values by field key; blank ones left out."""
    fields = {}
    for key, actions in view.get("state", {}).get("values", {}).items():
        value = (actions.get(VALUE) or {}).get("value")
        if isinstance(value, str) and value.strip():
            fields[key] = value.strip()
    return fields


def field_errors(problems: list[dict[str, str]], keys: tuple[str, ...]) -> dict[str, str]:
    """`response_action: errors` for the problems that name a field of the modal:
    "problem — example", several joined by "; "."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        key = problem.get("field", "")
        if key in keys:
            text = problem.get("problem", "") or "This value could not be read"
            if problem.get("example"):
                text += f" — {problem['example']}"
            errors.setdefault(key, []).append(text)
    return {key: clip("; ".join(texts), MAX_ERROR) for key, texts in errors.items()}


def message_view(title: str, text: str) -> dict[str, Any]:
    """A modal that only says something (replaces the form via `response_action: update`)."""
    return {"type": "modal", "title": _plain(title), "close": _plain("Close"),
            "blocks": [mrkdwn(escape(text) or "…")]}

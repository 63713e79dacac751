"""The shortlist approval as it would appear in Slack, drawn on the terminal.

The demo keeps Slack off (it must run with nothing set up), so the commissioners are asked by
email; with Slack on, the service would post the same request to the approvals channel and
update it after each decision. `approval_message` builds that message as the workflow would:
`workflows.placement.approval_context` over the stored referral, rendered by
`channels.slack.blocks.render`. `draw` turns its Block Kit blocks into plain text in a box:
the header, each section's text and fields, context lines, dividers and the buttons. Drawn
as an update of an earlier message, the blocks that did not change are folded into one line,
so what changed (the decisions, the status, the buttons) stands out.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from typing import Any

from channels.slack.blocks import render
from workflows.placement import approval_context
from workflows.states import State

INNER = 74  # characters inside the box
# The status the workflow's last post or update showed.
STATUS = {State.AWAITING_APPROVAL: "pending", State.APPROVED: "approved",
          State.NEGOTIATING: "approved", State.PLACED: "approved"}
DATE = re.compile(r"<!date\^\d+\^[^|>]*\|([^>]*)>")
LINK = re.compile(r"<([^|>]+)\|([^>]+)>")
BARE = re.compile(r"<([^>]+)>")
BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
ITALIC = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")


async def approval_message(engine: Any, reference: str) -> dict[str, Any]:
    """The approval message for the referral as it stands: `{"text": …, "blocks": […]}`."""
    snapshot = await engine.snapshot(reference)
    context = approval_context(snapshot, STATUS.get(snapshot.state, str(snapshot.state)))
    return render("shortlist_approval", context)


def draw(payload: dict[str, Any], title: str, before: dict[str, Any] | None = None) -> str:
    """The message's blocks as the plain text a reader sees, in a box under `title`; with
    `before` (the message this one updates), unchanged blocks folded."""
    earlier = (before or {}).get("blocks", [])
    lines: list[str] = []
    folded: list[dict[str, Any]] = []
    for index, block in enumerate(payload.get("blocks", [])):
        if index < len(earlier) and earlier[index] == block:
            folded.append(block)
            continue
        if folded:
            lines += [_folded(folded), ""]
            folded = []
        lines += block_lines(block)
    if folded:
        lines.append(_folded(folded))
    wrapped = [piece for line in lines for piece in _wrap(line)]
    top = f"┌─ {title} "
    return "\n".join([top + "─" * max(0, INNER + 3 - width(top)) + "┐",
                      *(f"│ {line}{' ' * (INNER - width(line))} │" for line in wrapped),
                      "└" + "─" * (INNER + 2) + "┘"])


def _folded(blocks: list[dict[str, Any]]) -> str:
    names = list(dict.fromkeys(name for name in map(_about, blocks) if name))
    return f"⋮ unchanged: {', '.join(names) or 'dividers'}"


def _about(block: dict[str, Any]) -> str:
    """What a block of the approval message shows, in a word or two."""
    kind = block.get("type")
    if kind != "section":
        return {"header": "header", "actions": "buttons", "context": "status"}.get(kind, "")
    first = plain(block.get("text", {}).get("text", "")).partition("\n")[0]
    if first.startswith("Option "):
        return first.partition(" ·")[0]
    if "views" in first or first.startswith("Decisions"):
        return "views" if "views" in first else "decisions"
    return "" if first.startswith("Shortlisted options") else "profile"


def block_lines(block: dict[str, Any]) -> list[str]:
    """One block as lines of plain text (a divider as a rule, buttons in brackets)."""
    kind = block.get("type")
    if kind == "header":
        title = plain(block["text"]["text"])
        return [title, "═" * min(width(title), INNER)]
    if kind == "divider":
        return ["─" * INNER]
    if kind == "section":
        return _section(block)
    if kind == "context":
        return [" · ".join(_element(e) for e in block.get("elements", []))]
    if kind == "actions":
        return ["", "  ".join(_element(e) for e in block.get("elements", []))]
    return [f"({kind} block)"]


def _section(block: dict[str, Any]) -> list[str]:
    lines = plain(block["text"]["text"]).splitlines() if block.get("text") else []
    fields = [plain(f.get("text", "")) for f in block.get("fields", [])]
    for left, right in zip(fields[::2], [*fields[1::2], ""], strict=False):
        lines.append(f"{left:<{INNER // 2}}{right}".rstrip())
    if block.get("accessory"):
        lines.append(_element(block["accessory"]))
    return [*lines, ""]


def _element(element: dict[str, Any]) -> str:
    if element.get("type") == "button":
        return f"[ {plain(element['text']['text'])} ]"
    if element.get("type") == "image":
        return f"({element.get('alt_text', 'image')})"
    return plain(element.get("text", ""))


def plain(text: str) -> str:
    """Slack mrkdwn as read: dates by their fallback, links by their text, emphasis and
    escapes gone."""
    text = DATE.sub(r"\1", text)
    text = LINK.sub(r"\2", text)
    text = BARE.sub(r"\1", text)
    text = ITALIC.sub(r"\1", BOLD.sub(r"\1", text))
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def width(text: str) -> int:
    """Terminal columns: wide characters (✅ ⏳) take two, and so does one made emoji by
    U+FE0F (⚠️)."""
    total = 0
    for char in text:
        if char == "\ufe0f":
            total += 1
        elif unicodedata.combining(char) or char == "\u200d":
            continue
        else:
            total += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return total


def _wrap(line: str) -> list[str]:
    if width(line) <= INNER:
        return [line]
    indent = " " * (len(line) - len(line.lstrip()))
    return textwrap.wrap(line, INNER - (width(line) - len(line)), subsequent_indent=indent
                         + "  ") or [""]

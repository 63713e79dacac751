"""The one-line instructions people send by email, read from the new text of a reply.

Social worker (on the referral's thread):  SHORTLIST A, C  (+ "Parents' views:" and
"Child's views:" lines; "not sought - <reason>" when a view was not sought) · CHOOSE B ·
PROPOSE £4,000 · AGREE · DROP B · UNMET <reason>.
Commissioner (from a registered commissioner address):  APPROVE REF-2026-000123 ·
REJECT REF-2026-000123 <reason> · QUESTION REF-2026-000123 <question>.
Only the first non-blank line is an instruction, so quoted mail can never give one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from broker.forms.values import parse_money_weekly

VERB = re.compile(r"^\s*(SHORTLIST|CHOOSE|PROPOSE|AGREE|AGREED|DROP|UNMET|APPROVE|APPROVED|"
                  r"REJECT|REJECTED|QUESTION)\b[\s:,-]*(.*)$", re.IGNORECASE)
REFERENCE = re.compile(r"\bREF-\d{4}-\d{6}\b", re.IGNORECASE)
LABELS = re.compile(r"\b([A-Z]{1,2})\b")
VIEW_LABELS = {
    "parents": re.compile(r"^\s*[-*•]?\s*\**\s*(parents?'?s?’?s?|family)\s*(views?|wishes)"
                          r"\s*\**\s*[:\-]\s*\**\s*(.*)$", re.IGNORECASE),
    "child": re.compile(r"^\s*[-*•]?\s*\**\s*(child'?s?’?s?|young person'?s?’?s?|"
                        r"child or young person'?s?)\s*(views?|wishes)\s*\**\s*[:\-]\s*\**\s*(.*)$",
                        re.IGNORECASE),
}
NOT_SOUGHT = re.compile(r"^\s*not\s+(sought|asked|obtained|gathered)\b[\s:,.-]*"
                        r"(?:because\s+)?(.*)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Instruction:
    verb: str  # shortlist | choose | propose | agree | drop | unmet | approve | reject | question
    argument: str = ""
    labels: tuple[str, ...] = ()
    reference: str = ""
    fee: Decimal | None = None
    views: dict[str, str] = field(default_factory=dict)  # parents, child, *_reason


def read_instruction(text: str) -> Instruction | None:
    lines = text.splitlines()
    first_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first_index is None:
        return None
    match = VERB.match(lines[first_index])
    if not match:
        return None
    verb = match.group(1).lower().removesuffix("ed") if match.group(1).lower() in (
        "agreed", "approved", "rejected") else match.group(1).lower()
    verb = {"approv": "approve", "reject": "reject", "agre": "agree"}.get(verb, verb)
    argument = match.group(2).strip()
    reference = REFERENCE.search(argument)
    rest = REFERENCE.sub("", argument).strip(" :-,") if reference else argument
    return Instruction(
        verb=verb, argument=rest,
        labels=tuple(dict.fromkeys(LABELS.findall(argument.upper()))) if verb in (
            "shortlist", "choose", "drop") else (),
        reference=reference.group(0).upper() if reference else "",
        fee=_fee(rest) if verb == "propose" else None,
        views=_views(lines[first_index + 1:]) if verb == "shortlist" else {},
    )


def _fee(text: str) -> Decimal | None:
    try:
        return parse_money_weekly(text)
    except ValueError:
        return None


def _views(lines: list[str]) -> dict[str, str]:
    """The labelled views, each continuing until the next label or a blank line."""
    views: dict[str, list[str]] = {}
    current = None
    for line in lines:
        label = next((key for key, pattern in VIEW_LABELS.items() if pattern.match(line)), None)
        if label:
            current = label
            views[label] = [VIEW_LABELS[label].match(line).group(3)]  # type: ignore[union-attr]
        elif current and line.strip() and not line.lstrip().startswith(">"):
            views[current].append(line.strip())
        elif not line.strip():
            current = None
    result: dict[str, str] = {}
    for key, parts in views.items():
        text = " ".join(p for p in parts if p).strip()
        not_sought = NOT_SOUGHT.match(text)
        if not_sought:
            result[key] = ""
            result[f"{key}_reason"] = not_sought.group(2).strip() or "(no reason given)"
        else:
            result[key] = text
    return result

"""The one-line instructions sent to providers@, read from the new text of a message.

Providers, from their registered addresses, one line per home at the top of the email:
`VACANCIES 2` · `VACANCIES 0 Larch House` · `PAUSE Larch House: staff training` ·
`RESUME Larch House`. When the sender speaks for more than one home, each line names its
home (anywhere on the line, by its name as the directory has it); a reply to one of our
emails about one home needs no name. PAUSE and RESUME count only in capitals, so an
ordinary sentence never pauses a home.

Approvers: `APPROVE APP-2027-000001` · `REJECT APP-2027-000001 <reason>`.
"""

from __future__ import annotations

import re

from workflows.market.events import Notice

VACANCIES = re.compile(r"^\s*VACANC(?:Y|IES)\b[\s:,-]*(\d{1,3}\b|none\b|no\b|zero\b|nil\b)?"
                       r"[\s:,-]*(.*)$", re.IGNORECASE)
PAUSE_OR_RESUME = re.compile(r"^\s*(PAUSE|RESUME)\b[\s:,-]*(.*)$")
VERDICT = re.compile(r"^\s*(APPROVE|APPROVED|REJECT|REJECTED)\b[\s:,-]*(APP-\d{4}-\d{6})\b"
                     r"[\s:,.-]*(.*)$", re.IGNORECASE)
REFERENCE = re.compile(r"\bAPP-\d{4}-\d{6}\b", re.IGNORECASE)
NONE = ("none", "no", "zero", "nil")


def read_notices(text: str) -> tuple[Notice, ...]:
    """The notices at the top of the text: consecutive instruction lines (blank lines
    between them allowed), up to the first line that is not one."""
    notices: list[Notice] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        notice = _notice(line)
        if notice is None:
            break
        notices.append(notice)
    return tuple(notices)


def _notice(line: str) -> Notice | None:
    vacancies = VACANCIES.match(line)
    if vacancies:
        number = vacancies.group(1)
        count = None if number is None else 0 if number.lower() in NONE else int(number)
        return Notice("vacancies", count, vacancies.group(2).strip(" .:,-"))
    other = PAUSE_OR_RESUME.match(line)
    if other:
        return Notice(other.group(1).lower(), text=other.group(2).strip())
    return None


def read_verdict(text: str) -> tuple[str, str, str] | None:
    """(reference, approve | reject, reason) from the first non-blank line, or None."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    found = VERDICT.match(first)
    if not found:
        return None
    decision = "approve" if found.group(1).lower().startswith("approve") else "reject"
    return found.group(2).upper(), decision, found.group(3).strip()


def find_reference(text: str) -> str:
    """The first APP-… reference in a text (a subject line), or ""."""
    found = REFERENCE.search(text or "")
    return found.group(0).upper() if found else ""


def which_home(named: str, homes: dict[str, str]) -> tuple[str, str]:
    """The home a line names among `homes` (key → name), and the rest of the line.

    The longest name (or key) found in the line wins, so "Larch House" is not taken for
    "Larch House Annexe"; ("", line) when none is named."""
    lowered = named.lower()
    found = ""
    for key, name in sorted(homes.items(), key=lambda kv: -len(kv[1])):
        for word in (name, key):
            at = _whole(lowered, word.lower())
            if at is not None:
                rest = (named[:at] + named[at + len(word):]).strip(" :,-.")
                rest = re.sub(r"^(?:at|for)\s+|\s+(?:at|for)$", "", rest).strip(" :,-.")
                return key, rest
    return found, named


def _whole(text: str, word: str) -> int | None:
    match = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
    return match.start() if match and word else None

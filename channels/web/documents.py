"""The full papers as documents: the referral form's fields in the form's own order and
words, and the attachments of the messages the social worker sent.

Pure (no I/O): given the stored fields, the form spec and raw message bytes, it returns what
the papers page lists and what an attachment download serves.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from email import message_from_bytes, policy
from typing import Any
from urllib.parse import quote

# Inbound outcomes of the messages that made the referral (workflows/intake.py: a form read
# with problems, then accepted and broadcast or unmatched). Provider replies carry the same
# referral id but are never part of the papers; nor is mail after the broadcast.
REFERRAL_OUTCOMES = ("incomplete", "open", "unmatched")
# Fields the papers leave out: the budget is never shown to providers, and the
# full papers go to providers before the fee is negotiated.
WITHHELD_FIELDS = ("budget_weekly",)
_CONTENT_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f"\\/:;*?<>|]+')


@dataclass(frozen=True)
class FormRow:
    label: str
    value: str
    paragraphs: bool = False


@dataclass(frozen=True)
class Attachment:
    number: int  # 1-based, stable: message order, then part order
    filename: str
    content_type: str
    data: bytes

    @property
    def recorded_as(self) -> str:
        """How an access to it is recorded: by number and content, never by its name (social
        workers name files after the child, and the access log outlives the purge)."""
        return f"attachment:#{self.number} sha256:{hashlib.sha256(self.data).hexdigest()[:16]}"

    @property
    def size(self) -> str:
        kib = len(self.data) / 1024
        return f"{kib:.0f} KB" if kib >= 1 else f"{len(self.data)} bytes"


def form_rows(raw_fields: dict[str, str], spec: Any | None) -> list[FormRow]:
    """Every filled-in field, labelled as the form labels it, in the form's order; fields
    the form does not know come last under their key."""
    known = list(spec.fields) if spec is not None else []
    rows = [FormRow(field.label, raw_fields[field.key], bool(field.paragraphs))
            for field in known
            if _shown(field.key) and str(raw_fields.get(field.key) or "").strip()]
    keys = {field.key for field in known}
    rows += [FormRow(key.replace("_", " ").capitalize(), str(value), "\n" in str(value))
             for key, value in raw_fields.items()
             if key not in keys and _shown(key) and str(value or "").strip()]
    return rows


def _shown(key: str) -> bool:
    return key not in WITHHELD_FIELDS


def attachments(raw_messages: Iterable[bytes]) -> list[Attachment]:
    """The parts with a filename in each message, numbered from 1 across all of them."""
    found: list[Attachment] = []
    for raw in raw_messages:
        message = message_from_bytes(raw, policy=policy.default)
        for part in message.walk():
            if part.is_multipart():
                continue
            filename = part.get_filename()
            if not filename:
                continue
            data = part.get_payload(decode=True)
            found.append(Attachment(len(found) + 1, safe_filename(filename),
                                    _content_type(part.get_content_type()),
                                    data if isinstance(data, bytes) else b""))
    return found


def _content_type(declared: str) -> str:
    declared = declared.lower()
    return declared if _CONTENT_TYPE.fullmatch(declared) else "application/octet-stream"


def safe_filename(name: str) -> str:
    """The name without path parts or characters that break a header or a file system."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE_IN_NAME.sub("_", name).strip(" .")
    return cleaned[:200] or "attachment"


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187)."""
    fallback = filename.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"

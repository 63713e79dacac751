"""Is this the same child as an open or recent referral? Keys from the child's identifiers.

Pure. A child is recognised by the NHS number, or by the name together with the date of
birth (written any way the form accepts: case, spacing and punctuation do not matter).
Each becomes a keyed digest (`World.sign`, an HMAC with the service's secret), so the
database holds no second copy of the identifiers and a digest is useless without the key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, timedelta

from broker.forms.dates import parse_uk_date

RECENT = timedelta(days=90)  # an ended referral this recent still counts


def _name(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z ]+", " ", plain.casefold()).split())


def _date(text: str, today: date) -> str:
    try:
        return parse_uk_date(text, today).isoformat()
    except (ValueError, TypeError):
        return ""


def child_keys(fields: Mapping[str, str], sign: Callable[[str], str],
               today: date) -> tuple[str, ...]:
    """The digests that identify the child in these form fields (none when too little)."""
    keys = []
    nhs = re.sub(r"\D", "", fields.get("nhs_number") or "")
    if len(nhs) == 10:
        keys.append(sign(f"child:nhs:{nhs}"))
    name = _name(fields.get("child_name") or "")
    born = _date(fields.get("date_of_birth") or "", today)
    if name and born:
        keys.append(sign(f"child:name-dob:{name}|{born}"))
    return tuple(keys)

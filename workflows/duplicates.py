"""Is this the same child as an open or recent referral? Keys from the child's identifiers.

Pure. A child is recognised by the NHS number, or by the name together with the date of
birth (written any way the form accepts: case, spacing and punctuation do not matter). A
remark left in the name is no part of it: "Ellie-Mae Tranter (known as Ellie)" is Ellie-Mae
Tranter, as the same child sent again without the bracket is; and the name she is known by
with her surname ("Ellie Tranter", from the remark or the form's "Known as") is a second
key, so a referral under either name finds the other.
Each becomes a keyed digest (`World.sign`, an HMAC with the service's secret), so the
database holds no second copy of the identifiers and a digest is useless without the key.
Digests are recorded under the current key only, and looked up under it and each previous
key (`digests_to_find`), so a referral recorded before the key was changed is still found.

Rule `duplicate-differences` (`what_differs`): a referral held as a possible duplicate is
compared with the first other referral of the child, field by field as the form reader
types them (a day however written, needs in any order, a budget as a sum), so the team's
held email says what it changes (the labels: "Needed from, Needs, Weekly budget"), or that
the two say the same: a sent-twice email, or a new search for the same child.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from broker.forms import check_referral
from broker.forms.dates import parse_uk_date
from broker.forms.known_as import known_as_said, name_without_remarks
from broker.forms.spec import FormSpec

RECENT = timedelta(days=90)  # an ended referral this recent still counts


def _name(text: str) -> str:
    """The name's words, lower case and plain, without a remark left beside it."""
    plain = unicodedata.normalize("NFKD", name_without_remarks(text)).encode(
        "ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z ]+", " ", plain.casefold()).split())


def known_by(fields: Mapping[str, str]) -> str:
    """The first name the child is known by, from the form's "Known as" or a remark in the
    name ("Ellie-Mae Tranter (known as Ellie)"); '' when neither gives one."""
    given = (fields.get("known_as") or "").strip() or known_as_said(fields.get("child_name")
                                                                     or "")
    words = _name(given).split()
    return words[0] if words else ""


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
        known, words = known_by(fields), name.split()
        if known and len(words) > 1 and (also := f"{known} {words[-1]}") != name:
            keys.append(sign(f"child:name-dob:{also}|{born}"))  # "Ellie Tranter" too
    return tuple(keys)


def digests_to_find(fields: Mapping[str, str], signs: Iterable[Callable[[str], str]],
                    today: date) -> tuple[str, ...]:
    """Rule: the digests to look the child up by: `child_keys` under every key given (the
    current one's `sign`, then each previous key's), so a change of key loses no match."""
    return tuple(dict.fromkeys(digest for sign in signs
                               for digest in child_keys(fields, sign, today)))


def same_child(first: Mapping[str, str], second: Mapping[str, str], today: date) -> bool:
    """Whether two forms' fields identify the same child, by the keys above (compared as
    they are, with no digest: neither leaves memory); or, where one form lacks what a key
    needs (an incomplete form, its date of birth missing), by the same name with nothing
    to tell them apart: no two different dates of birth, nor NHS numbers. For one sender's
    own forms only (workflows/unfinished.py), never to find another council's child."""
    def plain(key: str) -> str:
        return key
    if set(child_keys(first, plain, today)) & set(child_keys(second, plain, today)):
        return True
    names = [_name(fields.get("child_name") or "") for fields in (first, second)]
    if not names[0] or names[0] != names[1]:
        return False
    for told_apart in (lambda fields: _date(fields.get("date_of_birth") or "", today),
                       lambda fields: re.sub(r"\D", "", fields.get("nhs_number") or "")):
        one, two = told_apart(first), told_apart(second)
        if one and two and one != two:
            return False
    return True


def what_differs(these: Mapping[str, str], first: Mapping[str, str], spec: FormSpec,
                 today: date) -> list[str]:
    """Rule `duplicate-differences`: the labels of the form's fields, in the form's order,
    whose values as the form reader types them differ between a held referral's fields and
    those of the child's first other referral; [] when the two say the same."""
    one = check_referral(dict(these), spec, message_date=today)[0]
    two = check_referral(dict(first), spec, message_date=today)[0]
    return [spec.field(key).label for key in spec.keys
            if _compared(one, key) != _compared(two, key)]


def _compared(form: Any, key: str) -> Any:
    """A field's value as compared: text by its words whatever the case and spacing, a list
    in any order, a start with the deadline beside it ("no later than …")."""
    value = getattr(form, key, None)
    if key == "needed_from":
        return value, form.no_later_than
    if isinstance(value, list):
        return sorted(_compared_text(str(item)) for item in value)
    return _compared_text(value) if isinstance(value, str) else value


def _compared_text(text: str) -> str:
    return " ".join(text.split()).casefold()

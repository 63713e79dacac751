"""An authority's governance and safety settings in `authorities.yaml`, and the checks that
refuse impossible ones (each problem with its file and line, like every other).

    sender_auth: required        # required | preferred | off (see broker/mailauth.py)
    review: referrer             # none | referrer | team: the anonymised text is held until SEND
    review_timeout: 2h           # then the placements team is reminded
    quorum: 2                    # approvals a shortlist needs; at most its commissioners
    slack_channel: C0123456789   # its shortlists and announcements in Slack
    retention: 365d              # children's details purged this long after the referral ends
    budget_holders: [finance.lead@northby.gov.example]
    sign_off_above: 5000         # a weekly fee above this needs a budget holder's SIGN OFF
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from broker.directory.model import REVIEWS, SENDER_AUTH
from broker.directory.problems import ConfigProblem
from broker.directory.schema import Field, Invalid, Record, email, list_of, one_of, record_problem
from broker.directory.schema import whole_number as _whole_number

SLACK_CHANNEL = re.compile(r"^(#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{8,20})$")
_DURATION = re.compile(r"^\s*(\d+)\s*([mhd])\s*$")
_SECONDS = {"m": 60, "h": 3600, "d": 86400}


def duration(value: Any) -> timedelta:
    match = _DURATION.match(str(value)) if isinstance(value, str) else None
    if not match or int(match.group(1)) == 0:
        raise Invalid(f"{value!r} is not a duration such as 30m, 2h or 365d")
    return timedelta(seconds=int(match.group(1)) * _SECONDS[match.group(2)])


def slack_channel(value: Any) -> str:
    if not isinstance(value, str) or not SLACK_CHANNEL.match(value.strip()):
        raise Invalid(f"{value!r} is not a Slack channel (its ID, e.g. C0123456789, or #name)")
    return value.strip()


def pounds(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "").lstrip("£"))
    except InvalidOperation:
        amount = Decimal(-1)
    if isinstance(value, bool) or amount <= 0:
        raise Invalid(f"{value!r} is not a weekly fee in pounds, such as 5000")
    return amount


GOVERNANCE_SCHEMA = {
    "sender_auth": Field(one_of(SENDER_AUTH, "sender_auth"), required=False,
                         default="required"),
    "review": Field(one_of(REVIEWS, "review"), required=False, default="none"),
    "review_timeout": Field(duration, required=False, default=timedelta(hours=2)),
    "quorum": Field(_whole_number(1, 10), required=False, default=None),
    "slack_channel": Field(slack_channel, required=False, default=""),
    "retention": Field(duration, required=False, default=timedelta(days=365)),
    "budget_holders": Field(list_of(email), required=False, default=[]),
    "sign_off_above": Field(pounds, required=False, default=None),
}


def check_governance(record: Record, approvals_needed: int | None) -> list[ConfigProblem]:
    """Settings that cannot work together: a quorum larger than the commissioners who could
    reach it (a shortlist could never be approved), or a sign-off nobody can give."""
    values, problems = record.values, []
    commissioners = len(values.get("commissioners") or [])
    quorum = values.get("quorum")
    if quorum is not None and quorum > commissioners:
        problems.append(record_problem(record, "quorum", f"quorum {quorum} is more than its "
                                       f"{commissioners} commissioner(s): no shortlist could "
                                       "ever be approved"))
    elif quorum is None and approvals_needed and approvals_needed > commissioners:
        name = "commissioners" if "commissioners" in record.raw else "name"
        problems.append(record_problem(record, name, f"{commissioners} commissioner(s), but "
                                       f"BROKER_APPROVALS_NEEDED is {approvals_needed}: add "
                                       "commissioners or set a quorum it can reach"))
    if values.get("sign_off_above") is not None and not values.get("budget_holders"):
        problems.append(record_problem(record, "sign_off_above", "sign_off_above needs "
                                       "budget_holders to sign off"))
    return problems

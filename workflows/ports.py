"""What the people-facing channels (Slack, the web pages) may ask the workflows to do.

Adapters call these and nothing else: they translate a click or a form into one call, and
the answer into a reply. The engine-side implementation is `workflows.desk.PlacementDesk`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Answer:
    """What to tell the person who acted: accepted or not, and a sentence saying why."""

    accepted: bool
    message: str
    # [{field, label, problem, example}] when a form could not be accepted
    problems: list[dict[str, str]] = field(default_factory=list)
    reference: str = ""


class PlacementPort(Protocol):
    async def approval(self, reference: str, decision: str, approver_email: str,
                       approver_name: str, reason: str = "", channel: str = "slack",
                       round_: int | None = None, account: str = "") -> Answer:
        """A commissioner's decision on the shortlist round they were shown (`round_`, None
        when the message named none): decision is approve | reject | question (reject and
        question need a reason). A decision on a round since replaced is refused.
        `account`: the channel's own ids for the person (Slack's `T…/U…`), kept with it.
        Idempotent: the same person making the same decision twice (e.g. Slack retrying)
        changes nothing the second time."""
        ...

    async def referral_from_slack(self, fields: dict[str, str], sender_email: str) -> Answer:
        """A referral form submitted in Slack, keyed by the form's JSON keys; the same
        checks, anonymisation and broadcast as an email referral. On problems the Answer is
        not accepted and lists them by field."""
        ...

    async def release(self, reference: str, actor_email: str, channel: str = "web") -> Answer:
        """SEND for a referral held before broadcast (workflows/review.py), from a signed-in
        member of staff: the same rules as the emailed instruction."""
        ...

    async def submit_shortlist(self, referral_id: int, actor: str, labels: list[str],
                               parents_views: str, child_views: str, parents_reason: str = "",
                               child_reason: str = "") -> Answer:
        """A shortlist recorded at once (the same as `SHORTLIST A, C` by email), for a caller
        that has itself proved who `actor` is: never a page opened by a link alone. A view
        that was not sought needs its reason."""
        ...

    async def propose_shortlist(self, referral_id: int, actor: str, labels: list[str],
                                parents_views: str, child_views: str,
                                parents_reason: str = "", child_reason: str = "") -> Answer:
        """The shortlist from the web page, whose link anyone may hold: checked as
        `submit_shortlist` would, then kept until `actor` (whom the page's link names)
        confirms it by the link emailed to her. Accepted means emailed, not recorded."""
        ...

    async def pending_shortlist(self, token: str) -> dict[str, Any] | None:
        """What an emailed confirm link would record (reference, options, views, the
        shortlist it replaces, expires_at); None when it is used, expired or none of ours."""
        ...

    async def confirm_shortlist(self, token: str) -> Answer:
        """Record the shortlist an emailed confirm link holds, once."""
        ...

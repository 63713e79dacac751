"""Who in Slack may act as the email address on their profile: the app's own workspace's
full members whose address Slack has confirmed.

A Slack profile's email is only as good as the workspace that vouches for it. A member of
another organisation (Slack Connect: `is_stranger`, another `team_id`) has the address her
own admins let her set, and an unconfirmed address (`is_email_confirmed: false`) is one
nobody has checked: either could be a commissioner's, so an Approve click or a `/referral`
from them would be recorded as that commissioner's or social worker's, and a referral taken
as proved. So only a full member of the app's own workspace (or, on Enterprise Grid, of its
organisation) with a confirmed address counts; guests (`is_restricted`,
`is_ultra_restricted`), bots, apps and deactivated accounts never do. `refusal` is the pure
rule; `whois` asks Slack (`users.info`, and `auth.test` once for the app's own team).

Slack documentation relied on:
- The user object (`team_id`, `deleted`, `is_bot`, `is_app_user`, `is_restricted`,
  `is_ultra_restricted`, `is_stranger`, `is_email_confirmed`, `enterprise_user`):
  https://docs.slack.dev/reference/objects/user-object
- `users.info` (`profile.email` with `users:read.email`):
  https://docs.slack.dev/reference/methods/users.info
- `auth.test` (`team_id`, `enterprise_id` of the token's workspace):
  https://docs.slack.dev/reference/methods/auth.test
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger("broker.slack")

NO_EMAIL = ("Slack did not give the broker your email address (the app needs the "
            "users:read.email scope), so nothing was recorded.")
OTHER_WORKSPACE = ("You are signed in to Slack from another organisation's workspace, so the "
                   "broker cannot take your Slack profile as proof of who you are; nothing was "
                   "recorded. Please use email instead.")
GUEST = ("Guest accounts cannot act on referrals in Slack, so nothing was recorded. Please "
         "use email instead.")
UNCONFIRMED = ("Slack has not confirmed the email address on your profile, so the broker "
               "cannot tell who you are; nothing was recorded. Confirm it in Slack, or use "
               "email instead.")
NOT_A_PERSON = "This Slack account cannot act on referrals, so nothing was recorded."
NOT_CHECKED = ("The broker could not check your Slack account just now, so nothing was "
               "recorded. Please try again shortly.")
NOT_FOUND = ("Your Slack account could not be looked up, so nothing was recorded. Ask the "
             "placements team.")
# `users.info`'s errors for an account it will not show this app (gone, or not visible)
UNKNOWN_ACCOUNT = frozenset({"user_not_found", "user_not_visible", "account_inactive"})


@dataclass(frozen=True)
class Workspace:
    """The app's own workspace, from `auth.test`: its team, and its Grid organisation."""
    team_id: str
    enterprise_id: str = ""


@dataclass(frozen=True)
class Who:
    """A Slack user as the broker takes them: `email` is empty when they may not act, and
    `refused` then says why (shown only to them)."""
    email: str = ""
    name: str = ""
    refused: str = ""
    # Slack's own ids for the person, `T…/U…` (their team and user): they stay the same when
    # the profile's email or name is changed, so a decision can be traced to the account
    account: str = ""


def _yes(user: Mapping[str, Any], flag: str) -> bool:
    return user.get(flag) is True


def in_workspace(user: Mapping[str, Any], own: Workspace) -> bool:
    """Rule: the user belongs to the app's own workspace, or (Enterprise Grid) to its own
    organisation; a stranger (Slack Connect) never does, whatever `team_id` says."""
    if _yes(user, "is_stranger") or not own.team_id:
        return False
    if user.get("team_id") == own.team_id:
        return True
    grid = user.get("enterprise_user") or {}
    return bool(own.enterprise_id) and isinstance(grid, Mapping) \
        and grid.get("enterprise_id") == own.enterprise_id


def refusal(user: Mapping[str, Any], own: Workspace) -> str:
    """Why this user may not act as their profile's email ("" when they may): a member of
    another organisation, a guest, a bot or app, a deactivated account, or an address Slack
    has not confirmed (a missing `is_email_confirmed` is not a confirmation)."""
    if _yes(user, "deleted") or _yes(user, "is_bot") or _yes(user, "is_app_user"):
        return NOT_A_PERSON
    if not in_workspace(user, own):
        return OTHER_WORKSPACE
    if _yes(user, "is_restricted") or _yes(user, "is_ultra_restricted"):
        return GUEST
    if not _yes(user, "is_email_confirmed"):
        return UNCONFIRMED
    return ""


def who_from(user: Mapping[str, Any], own: Workspace) -> Who:
    """The email and display name of a `users.info` user, or why they may not act."""
    profile = user.get("profile") or {}
    email = str(profile.get("email") or "")
    name = str(profile.get("real_name") or user.get("real_name") or user.get("name") or email)
    if not email:
        return Who(refused=NO_EMAIL)
    reason = refusal(user, own)
    if reason:
        return Who(refused=reason)
    team = str(user.get("team_id") or own.team_id)
    return Who(email, name, account=f"{team}/{user.get('id') or ''}")


def lookup_refusal(error: object, needed: object = None) -> str:
    """Rule: what a person is told when `users.info` fails. Only a `missing_scope` error
    (which names the scope it `needed`) is the app's permission; an account Slack cannot
    find or show is the person's, for the placements team; anything else may pass."""
    if error == "missing_scope":
        scope = str(needed or "users:read")
        return (f"Slack did not let the broker look up your account (the app needs the "
                f"{scope} scope), so nothing was recorded. Ask the placements team.")
    if error in UNKNOWN_ACCOUNT:
        return NOT_FOUND
    return NOT_CHECKED


class Members:
    """`whois` for one bot token: `auth.test` is asked once (until it answers) and kept."""

    def __init__(self) -> None:
        self.own: Workspace | None = None

    async def workspace(self, client: AsyncWebClient) -> Workspace | None:
        if self.own is None:
            try:
                answer = await client.auth_test()
            except SlackApiError as error:
                log.warning("auth.test failed: %s", error.response.get("error"))
                return None
            team = str(answer.get("team_id") or "")
            if not team:
                return None
            self.own = Workspace(team, str(answer.get("enterprise_id") or ""))
        return self.own

    async def whois(self, client: AsyncWebClient, user_id: str) -> Who:
        """Who the Slack user is, as far as the broker may act on it."""
        own = await self.workspace(client)
        if own is None:
            return Who(refused=NOT_CHECKED)
        try:
            answer = await client.users_info(user=user_id)
        except SlackApiError as error:
            log.warning("users.info failed: %s", error.response.get("error"))
            return Who(refused=lookup_refusal(error.response.get("error"),
                                              error.response.get("needed")))
        who = who_from(answer.get("user") or {}, own)
        if who.refused and who.refused != NO_EMAIL:
            log.info("slack user %s refused: %s", user_id, who.refused.split(",")[0])
        return who

"""Who in Slack may act as their profile's email (channels/slack/members.py): the pure rule,
and `auth.test` asked once for the app's own team."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from channels.slack.members import (
    GUEST,
    NO_EMAIL,
    NOT_A_PERSON,
    NOT_CHECKED,
    NOT_FOUND,
    OTHER_WORKSPACE,
    UNCONFIRMED,
    Members,
    Who,
    Workspace,
    refusal,
    who_from,
)

OURS = Workspace("T0PLACEMENTS")
GRID = Workspace("T0PLACEMENTS", "E0NORTHBY")


def member(**changes: Any) -> dict[str, Any]:
    user = {"id": "UALEX", "team_id": "T0PLACEMENTS", "deleted": False, "is_bot": False,
            "is_restricted": False, "is_ultra_restricted": False, "is_email_confirmed": True,
            "profile": {"real_name": "Alex Morgan", "email": "alex.morgan@northby.gov.example"}}
    return {**user, **changes}


def test_a_full_member_with_a_confirmed_email_acts_as_it() -> None:
    assert who_from(member(), OURS) == Who("alex.morgan@northby.gov.example", "Alex Morgan",
                                           account="T0PLACEMENTS/UALEX")


def test_the_account_names_the_users_own_team_inside_a_grid_organisation() -> None:
    """Rule: on Enterprise Grid a member of a sibling workspace keeps her own team's id, so
    the record tells two workspaces' U… ids apart."""
    user = member(team_id="T0SIBLING", enterprise_user={"enterprise_id": "E0NORTHBY"})
    assert who_from(user, GRID).account == "T0SIBLING/UALEX"


@pytest.mark.parametrize(("changes", "reason"), [
    ({"team_id": "TOTHERORG"}, OTHER_WORKSPACE),
    ({"team_id": "TOTHERORG", "is_stranger": True, "is_email_confirmed": False},
     OTHER_WORKSPACE),
    ({"is_stranger": True}, OTHER_WORKSPACE),
    ({"team_id": None}, OTHER_WORKSPACE),
    ({"is_restricted": True}, GUEST),
    ({"is_ultra_restricted": True}, GUEST),
    ({"is_email_confirmed": False}, UNCONFIRMED),
    ({"is_email_confirmed": None}, UNCONFIRMED),
    ({"is_email_confirmed": "true"}, UNCONFIRMED),  # only Slack's own true counts
    ({"is_bot": True}, NOT_A_PERSON),
    ({"is_app_user": True}, NOT_A_PERSON),
    ({"deleted": True}, NOT_A_PERSON),
])
def test_anyone_else_is_refused_and_told_why(changes: dict[str, Any], reason: str) -> None:
    user = member(**changes)
    assert refusal(user, OURS) == reason
    assert who_from(user, OURS) == Who(refused=reason)


def test_no_email_is_said_before_anything_else() -> None:
    assert who_from(member(profile={"real_name": "Alex"}, is_stranger=True), OURS).refused \
        == NO_EMAIL


def test_on_enterprise_grid_a_member_of_our_organisation_counts() -> None:
    elsewhere_in_grid = member(team_id="T0CHILDRENS",
                               enterprise_user={"enterprise_id": "E0NORTHBY"})
    assert refusal(elsewhere_in_grid, GRID) == ""
    assert refusal(elsewhere_in_grid, OURS) == OTHER_WORKSPACE  # no Grid: our team only
    other_grid = member(team_id="T0ELSE", enterprise_user={"enterprise_id": "E0OTHER"})
    assert refusal(other_grid, GRID) == OTHER_WORKSPACE
    assert refusal({**elsewhere_in_grid, "is_stranger": True}, GRID) == OTHER_WORKSPACE


class StubClient:
    """Answers `auth.test` and `users.info` as told, counting the calls."""

    def __init__(self, *auth: dict[str, Any] | Exception) -> None:
        self.auth = list(auth)
        self.auth_calls = 0

    async def auth_test(self) -> dict[str, Any]:
        self.auth_calls += 1
        answer = self.auth.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def users_info(self, user: str) -> dict[str, Any]:
        return {"ok": True, "user": member(id=user)}


def slack_error(error: str, **more: Any) -> SlackApiError:
    response = AsyncSlackResponse(client=None, http_verb="POST", api_url="auth.test",  # type: ignore[arg-type]
                                  req_args={}, data={"ok": False, "error": error, **more},
                                  headers={}, status_code=429)
    return SlackApiError(error, response)


async def test_the_apps_team_is_asked_once_and_again_only_after_a_failure() -> None:
    client = StubClient(slack_error("ratelimited"), {"ok": True, "team_id": "T0PLACEMENTS"})
    members = Members()
    assert (await members.whois(client, "UALEX")).refused == NOT_CHECKED  # type: ignore[arg-type]
    assert (await members.whois(client, "UALEX")).email == "alex.morgan@northby.gov.example"  # type: ignore[arg-type]
    assert (await members.whois(client, "UALEX")).email  # type: ignore[arg-type]
    assert client.auth_calls == 2


class LookupFails(StubClient):
    """`auth.test` answers; `users.info` fails with the given Slack error."""

    def __init__(self, error: SlackApiError) -> None:
        super().__init__({"ok": True, "team_id": "T0PLACEMENTS"})
        self.error = error

    async def users_info(self, user: str) -> dict[str, Any]:
        raise self.error


@pytest.mark.parametrize("error", ["user_not_found", "user_not_visible"])
async def test_an_account_slack_cannot_find_is_not_blamed_on_the_apps_scope(error: str) -> None:
    who = await Members().whois(LookupFails(slack_error(error)), "UNADIA")  # type: ignore[arg-type]
    assert who.refused == NOT_FOUND
    assert "scope" not in who.refused and "Ask the placements team" in who.refused


async def test_a_missing_scope_is_named_as_slack_names_it() -> None:
    failing = LookupFails(slack_error("missing_scope", needed="users:read"))
    who = await Members().whois(failing, "UNADIA")  # type: ignore[arg-type]
    assert who.refused == ("Slack did not let the broker look up your account (the app needs "
                           "the users:read scope), so nothing was recorded. Ask the placements "
                           "team.")


async def test_a_passing_failure_asks_to_try_again() -> None:
    who = await Members().whois(LookupFails(slack_error("ratelimited")), "UNADIA")  # type: ignore[arg-type]
    assert who.refused == NOT_CHECKED

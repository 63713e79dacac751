"""Block Kit rendering: the shortlist approval message and announcements, within Slack's
limits (https://docs.slack.dev/reference/block-kit/blocks)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from channels.slack.blocks import clip, fee_against_budget, read_decision_value, render

PENDING: dict[str, Any] = {
    "reference": "REF-2026-0001",
    "profile": {"authority": "Northby", "age": 14, "gender": "female", "area": "NB4",
                "placement_type": "residential", "urgency": "urgent",
                "needed_from": "2026-12-01", "needs": ["semh", "cse"], "siblings": None,
                "legal_status": "s20"},
    "options": [
        {"label": "A", "home": "Larch House", "ofsted_rating": "Good",
         "distance_band": "10–20 miles", "weekly_fee": "4250.00", "decision": "offer"},
        {"label": "C", "home": "Oak Lodge", "ofsted_rating": "Outstanding",
         "distance_band": "20–50 miles", "weekly_fee": "5600.50", "decision": "offer"},
    ],
    "budget_weekly": "5200.00",
    "views": {"parents": "agree with A", "child": "", "parents_reason": "",
              "child_reason": "child too distressed to be asked this week"},
    "approvals": [{"name": "Chris Cole", "email": "chris.cole@northby.gov.example",
                   "decision": "approve", "reason": "", "at": "2026-11-23T10:00:00+00:00"}],
    "needed": 2,
    "status": "pending", "round": 2,
    "expires_at": "2026-11-25T09:00:00+00:00",
}


def texts(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False)


def actions(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in payload["blocks"] if b["type"] == "actions" for e in b["elements"]]


def test_pending_shows_the_three_buttons_with_the_reference_and_round() -> None:
    """Each button names the shortlist round the message shows, so a click on a message
    since replaced is not counted for the newer shortlist."""
    buttons = actions(render("shortlist_approval", PENDING))
    assert [(b["action_id"], b["value"], b.get("style")) for b in buttons] == [
        ("approve_shortlist", "REF-2026-0001#2", "primary"),
        ("reject_shortlist", "REF-2026-0001#2", "danger"),
        ("question_shortlist", "REF-2026-0001#2", None),
    ]
    assert read_decision_value("REF-2026-0001#2") == ("REF-2026-0001", 2)
    assert read_decision_value("REF-2026-0001") == ("REF-2026-0001", None)  # an old message


def test_a_replaced_shortlist_says_so_and_has_no_buttons() -> None:
    replaced = render("shortlist_approval", {**PENDING, "status": "replaced"})
    assert actions(replaced) == [] and "Replaced" in texts(replaced)


@pytest.mark.parametrize("status, shown", [("approved", "Shortlist approved"),
                                           ("rejected", "Shortlist rejected"),
                                           ("expired", "Expired")])
def test_no_buttons_once_decided_and_the_status_is_shown(status: str, shown: str) -> None:
    payload = render("shortlist_approval", {**PENDING, "status": status})
    assert actions(payload) == []
    assert shown in texts(payload)


def test_profile_options_views_and_decisions_are_shown() -> None:
    payload = render("shortlist_approval", PENDING)
    text = texts(payload)
    for expected in ("*Referring authority:* Northby", "*Needs:* SEMH, CSE", "Larch House",
                     "Ofsted: Good", "10–20 miles", "£4,250/wk — £950 under budget",
                     "£5,600.50/wk — ⚠️ £400.50 over budget", "weekly budget: £5,200",
                     "not sought — child too distressed", "Approved by Chris Cole",
                     "1 of 2 approvals", "<!date^"):
        assert expected in text, expected
    assert "Siblings" not in text  # empty values are left out
    assert "REF-2026-0001" in payload["text"]


@pytest.mark.parametrize("fee, budget, expected", [
    ("4250.00", "5200.00", "£4,250/wk — £950 under budget"),
    ("5200", "5200.00", "£5,200/wk — on budget"),
    ("6000.00", "5200.00", "£6,000/wk — ⚠️ £800 over budget"),
    ("4250.00", None, "£4,250/wk — no budget given"),
    (None, "5200.00", "fee not given"),
])
def test_fee_against_budget(fee: str | None, budget: str | None, expected: str) -> None:
    assert fee_against_budget(fee, budget) == expected


def test_reasons_are_escaped_so_they_cannot_ping_a_channel() -> None:
    context = {**PENDING, "approvals": [{"name": "Pat <!channel>", "email": "p@x.example",
                                         "decision": "reject", "reason": "Too far <!here> & dear",
                                         "at": "2026-11-23T10:00:00+00:00"}]}
    text = texts(render("shortlist_approval", context))
    assert "<!here>" not in text and "<!channel>" not in text
    assert "Too far &lt;!here&gt; &amp; dear" in text and "Rejected by Pat" in text


def test_limits_are_kept_however_large_the_shortlist() -> None:
    options = [{**PENDING["options"][0], "label": str(n), "home": "H" * 5000}
               for n in range(80)]
    context = {**PENDING, "options": options, "reference": "R" * 400,
               "approvals": PENDING["approvals"] * 200}
    payload = render("shortlist_approval", context)
    blocks = payload["blocks"]
    assert len(blocks) <= 50 and blocks[-1]["type"] == "actions"
    assert "more options" in texts(payload)
    for block in blocks:
        text = (block.get("text") or {}).get("text", "")
        assert len(text) <= (150 if block["type"] == "header" else 3000)
        for element in block.get("elements", []):
            assert len(element.get("text", "") if isinstance(element.get("text"), str)
                       else element["text"]["text"]) <= 3000
    assert blocks[0]["text"]["text"].endswith("…")


def test_clip_never_cuts_an_escape_or_a_token() -> None:
    assert clip("abc &amp; def", 7) == "abc …"
    assert clip("see <!date^1^{date}|x> now", 10) == "see …"
    assert clip("short", 10) == "short"


def test_announcement_and_unknown_templates() -> None:
    payload = render("announcement", {"text": "New referral REF-2026-0002 <b>"})
    assert payload["text"] == "New referral REF-2026-0002 &lt;b&gt;"
    assert payload["blocks"] == [{"type": "section", "text": {
        "type": "mrkdwn", "text": "New referral REF-2026-0002 &lt;b&gt;"}}]
    with pytest.raises(ValueError, match="no Slack template"):
        render("nonsense", {})


def test_the_cost_block_is_shown_as_the_email_shows_it_and_days_in_words() -> None:
    """An option's cost lines (fee, additional costs, total, budget, sign-off, start) are the
    approval email's, escaped; the day needed is written as the emails write it."""
    costs = ["Weekly fee: £6,900", "Additional costs: “2:1 staffing <4 weeks> £1,200 pw”",
             "⚠️ Will need sign-off (over £6,000 a week)"]
    options = [{**PENDING["options"][0], "costs": costs}]
    payload = texts(render("shortlist_approval", {**PENDING, "options": options}))
    assert "2:1 staffing &lt;4 weeks&gt; £1,200 pw" in payload
    assert "Will need sign-off (over £6,000 a week)" in payload
    assert "under budget" not in payload  # the cost block, not the bare fee line
    assert "*Needed from:* Tuesday 1 December 2026" in payload and "2026-12-01" not in payload


def test_a_withdrawn_shortlist_says_so_and_has_no_buttons() -> None:
    withdrawn = render("shortlist_approval", {**PENDING, "status": "withdrawn"})
    assert actions(withdrawn) == [] and "Withdrawn" in texts(withdrawn)


def test_approve_and_reject_ask_slacks_confirmation_naming_the_child_and_the_cost() -> None:
    """One mis-click must not approve the wrong child's shortlist: Slack asks first, with
    the reference, the options, the child, the highest weekly cost and what the click does.
    Chris has approved already, so this approval is the last needed and sends the papers."""
    context = {**PENDING, "highest_weekly": "£5,600.50", "papers_to": 2}
    approve, reject, question = actions(render("shortlist_approval", context))
    confirm = approve["confirm"]
    assert confirm["text"]["text"] == (
        "Approve shortlist A, C for REF-2026-0001 (14, female, residential)? Highest weekly "
        "cost £5,600.50. This sends the child's full papers to 2 providers at once, and "
        "cannot be undone.")
    assert confirm["title"]["text"] == "Approve REF-2026-0001?"
    assert confirm["confirm"]["text"] == "Approve" and confirm["deny"]["text"] == "Cancel"
    assert "Reject shortlist A, C for REF-2026-0001" in reject["confirm"]["text"]["text"]
    assert "confirm" not in question  # it only opens a form
    first = actions(render("shortlist_approval", {**context, "approvals": []}))[0]
    assert "once 2 approvals are in" in first["confirm"]["text"]["text"]
    for element in (approve, reject):  # Slack's limits on a confirmation
        assert len(element["confirm"]["title"]["text"]) <= 100
        assert len(element["confirm"]["text"]["text"]) <= 300


def test_the_status_while_waiting_names_who_has_still_to_decide() -> None:
    waiting = render("shortlist_approval", {**PENDING, "still_to_decide": ["Ruth Adeyemi",
                                                                          "Nadia <Brennan>"]})
    [status] = [b["elements"][0]["text"] for b in waiting["blocks"] if b["type"] == "context"
                and "Waiting for approval" in b["elements"][0]["text"]]
    assert status.startswith("⏳ *Waiting for approval:* 1 of 2 approvals so far; still to "
                             "decide: Ruth Adeyemi, Nadia &lt;Brennan&gt; · if not approved by")


def test_the_approve_confirmation_says_what_approving_lets_her_agree_for_each_option() -> None:
    """ux49c: 'Highest weekly cost £6,000' did not say what the click commits to."""
    context = {**PENDING, "highest_weekly": "£6,000", "papers_to": 3, "approvals": [],
               "up_to": [["A", "£4,300"], ["B", "£6,000 (weeks 1–8)"], ["C", "£4,950"]]}
    approve = actions(render("shortlist_approval", context))[0]
    assert approve["confirm"]["text"]["text"] == (
        "Approve shortlist A, C for REF-2026-0001 (14, female, residential)? Approving lets "
        "the social worker place at up to A £4,300 · B £6,000 (weeks 1–8) · C £4,950 a week. "
        "The child's full papers go to 3 providers once 2 approvals are in.")
    many = {**context, "up_to": [[chr(65 + n), "£6,000 (weeks 1–8)"] for n in range(12)]}
    text = actions(render("shortlist_approval", many))[0]["confirm"]["text"]["text"]
    assert "Highest weekly cost £6,000." in text and len(text) <= 300


def test_a_line_just_above_the_buttons_names_the_referral_and_the_highest_cost() -> None:
    blocks = render("shortlist_approval", {**PENDING, "highest_weekly": "£5,600.50"})["blocks"]
    assert blocks[-1]["type"] == "actions"
    line = blocks[-2]["elements"][0]["text"]
    assert "REF-2026-0001" in line and "shortlist A, C" in line and "£5,600.50" in line


def test_the_number_of_children_is_not_read_as_a_second_child() -> None:
    shown = texts(render("shortlist_approval", {
        **PENDING, "profile": {**PENDING["profile"], "siblings": 1}}))
    assert "Children to place together:* 1" in shown and "Siblings" not in shown


def test_the_card_names_codes_in_the_words_providers_read() -> None:
    """Commissioners read "Legal status: s20" and "Duration: long-term" where providers read
    words: the card lists the provider email's own lines."""
    shown = texts(render("shortlist_approval", {
        **PENDING, "profile": {**PENDING["profile"], "duration": "long-term",
                               "needs": ["semh", "self-harm", "missing"]}}))
    assert "*Legal status:* Section 20 (accommodated by agreement)" in shown
    assert "*Expected duration:* Long term" in shown
    assert "*Needs:* SEMH, Self harm, Missing" in shown
    for code in ("s20", "long-term", "semh", "self-harm"):
        assert code not in shown, code


def test_times_fall_back_to_uk_time_in_words_as_the_emails_write_them() -> None:
    shown = texts(render("shortlist_approval", {**PENDING, "expires_at":
                                                "2026-12-08T21:20:00+00:00"}))
    assert "|9:20pm on Tuesday 8 December 2026>" in shown and "UTC" not in shown
    # a decision shows when it was made (BST in summer: the UK's clock, not UTC's)
    summer = {**PENDING["approvals"][0], "at": "2026-07-01T09:00:00+00:00"}
    shown = texts(render("shortlist_approval", {**PENDING, "approvals": [summer]}))
    assert "|10:00am on Wednesday 1 July 2026>" in shown


def test_an_approval_taken_back_is_marked_replaced_and_not_counted() -> None:
    taken_back = [{**PENDING["approvals"][0], "replaced": True},
                  {**PENDING["approvals"][0], "decision": "reject", "reason": "wrong child"}]
    payload = render("shortlist_approval", {**PENDING, "approvals": taken_back,
                                            "status": "rejected"})
    assert "replaced by their later decision" in texts(payload)
    assert "0 of 2 approvals" in payload["text"]

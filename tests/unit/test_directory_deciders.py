"""Commissioners and budget holders are named people: `broker config check` refuses a shared
mailbox among them, with its file and line (broker/directory/deciders.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from broker.directory import ConfigError, check_config, load_directory
from broker.directory.deciders import role_word
from tests.factories import CONFIG


def _config(tmp_path: Path, old: str, new: str) -> Path:
    shutil.copytree(CONFIG, tmp_path / "c")
    path = tmp_path / "c" / "authorities.yaml"
    text = path.read_text()
    assert text.count(old) == 1
    path.write_text(text.replace(old, new))
    return tmp_path / "c"


def _line(root: Path, fragment: str) -> int:
    lines = (root / "authorities.yaml").read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if fragment in line)


def test_the_sample_configuration_names_its_deciders() -> None:
    assert check_config(CONFIG) == []


@pytest.mark.parametrize("address,why", [
    ("commissioning@northby.gov.example", "'commissioning' names a role"),
    ("joint.commissioning@northby.gov.example", "'commissioning' names a role"),
    ("Finance.Panel@northby.gov.example", "'finance' names a role"),
    ("placements-team@northby.gov.example", "'placements' names a role"),
    ("commissioningteam@northby.gov.example", "'commissioning' names a role"),
    ("placements@northby.gov.example", "the authority's placements team address"),
    ("placements@eastmere.gov.example", "placements team address of authority 'eastmere'"),
])
def test_a_shared_mailbox_as_a_commissioner_is_refused_at_its_line(
        tmp_path: Path, address: str, why: str) -> None:
    root = _config(tmp_path, "      - nadia.brennan@northby.gov.example\n",
                   f"      - {address}\n")
    [problem] = check_config(root)
    assert (problem.file, problem.line) == ("authorities.yaml", _line(root, f"- {address}"))
    assert f"commissioner '{address.lower()}' looks like a shared mailbox" in problem.message
    assert why in problem.message and "two approvals are two people" in problem.message
    with pytest.raises(ConfigError):  # and `broker serve` will not start on it
        load_directory(root)


def test_a_shared_mailbox_as_a_budget_holder_is_refused(tmp_path: Path) -> None:
    root = _config(tmp_path, "budget_holders: [olivia.price@northby.gov.example]",
                   "budget_holders: [finance.panel@northby.gov.example]")
    [problem] = check_config(root)
    assert problem.line == _line(root, "budget_holders: [finance.panel@")
    assert "budget holder 'finance.panel@northby.gov.example'" in problem.message
    assert "a sign-off is one person's" in problem.message


@pytest.mark.parametrize("address", [
    "alex.morgan@northby.gov.example", "a.morgan2@northby.gov.example",
    "ruth_adeyemi@northby.gov.example", "teamson.price@northby.gov.example",
    "ana.do@northby.gov.example", "sofia.infante@northby.gov.example",
])
def test_a_persons_address_is_not_taken_for_a_role(address: str) -> None:
    assert role_word(address) == ""


@pytest.mark.parametrize(("address", "holds"), [
    ("maya.osei@northby.gov.example", "a placements officer"),
    ("Sam.Taylor@northby.gov.example", "a registered referrer"),
])
def test_one_who_shortlists_or_agrees_cannot_also_approve_or_sign_off(
        tmp_path: Path, address: str, holds: str) -> None:
    """F4: an officer who is also a commissioner and a budget holder could shortlist,
    approve, agree and sign off alone: refused at each line."""
    root = _config(tmp_path, "      - nadia.brennan@northby.gov.example\n"
                   "    sender_auth: preferred\n"
                   "    budget_holders: [olivia.price@northby.gov.example]",
                   f"      - {address}\n    sender_auth: preferred\n"
                   f"    budget_holders: [olivia.price@northby.gov.example, {address}]")
    problems = check_config(root)
    lines = (root / "authorities.yaml").read_text().splitlines()
    listed = max(n for n, line in enumerate(lines, 1) if f"- {address}" in line)
    assert [p.line for p in problems] == [listed, _line(root, "budget_holders: [olivia")]
    assert f"commissioner '{address.lower()}' is also {holds} of this authority" \
        in problems[0].message
    assert f"budget holder '{address.lower()}' is also {holds}" in problems[1].message
    with pytest.raises(ConfigError):
        load_directory(root)


@pytest.mark.parametrize("second", ["a.morgan", "alex.j.morgan", "a_morgan", "Alex-Morgan",
                                    "alexmorgan", "amorgan"])
def test_one_persons_two_addresses_as_deciders_are_refused(tmp_path: Path,
                                                           second: str) -> None:
    """F7: a.morgan@ and alex.morgan@ would give two approvals from one person."""
    root = _config(tmp_path, "      - nadia.brennan@northby.gov.example\n",
                   f"      - {second}@northby.gov.example\n")
    [problem] = check_config(root)
    assert problem.line == _line(root, f"- {second}@")
    assert (f"'{second.lower()}@northby.gov.example' and 'alex.morgan@northby.gov.example' "
            "look like one person's two addresses") in problem.message


@pytest.mark.parametrize("second", ["amy.morgan", "alexandra.morgan", "a.morley"])
def test_two_people_who_share_a_surname_or_an_initial_may_both_decide(tmp_path: Path,
                                                                      second: str) -> None:
    """Review 23: Alex Morgan and Amy Morgan are two people; only first names that cannot
    be told apart (an initial, or the same name) are refused."""
    root = _config(tmp_path, "      - nadia.brennan@northby.gov.example\n",
                   f"      - {second}@northby.gov.example\n")
    assert check_config(root) == []


@pytest.mark.parametrize("address", [
    "approvals@northby.gov.example", "approval.requests@northby.gov.example",
    "resourcepanel@northby.gov.example", "decisions@northby.gov.example",
])
def test_approvals_panels_and_decisions_are_roles(address: str) -> None:
    assert role_word(address) != ""

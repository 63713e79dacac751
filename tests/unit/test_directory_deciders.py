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

"""The market's configuration: `reopening:` schedules checked by `broker config check` with
the file and line of each problem; crontab weekdays read as crontab means them; the
providers' forms; and the records the live directory stores, written back as config/."""

from __future__ import annotations

from pathlib import Path

import pytest

from broker.cron import cron_trigger
from broker.directory import check_config, load_directory
from broker.directory.live import LiveFacts, providers_yaml, with_live_facts
from broker.forms.market_forms import load_application_spec, load_vacancy_spec
from broker.market_cli import form_problems
from tests.factories import CONFIG
from tests.unit.test_directory_check import line_of, write_config

REOPENING = """    starts: 2023-09-01
    reopening:
      schedule: "0 9 1 1,7 *"
      open_for: 30d
      advertise: 30d
      reminders: [7d, 1d]
      mailing_list: [market@providers.example]
      approvers: [commissioning@northby.gov.example]
"""
ARR = "arrangements.yaml"


def with_reopening(tmp_path: Path, old: str = "", new: str = "") -> Path:
    text = REOPENING.replace(old, new, 1) if old else REOPENING
    return write_config(tmp_path, {ARR: ("    starts: 2023-09-01\n", text)})


def test_a_reopening_schedule_is_read_into_the_arrangement(tmp_path: Path) -> None:
    assert check_config(with_reopening(tmp_path)) == []
    reopening = load_directory(tmp_path).arrangement("fostering").reopening
    assert reopening is not None and reopening.approvals_needed == 1
    assert reopening.mailing_list == ("market@providers.example",)
    shipped = load_directory(CONFIG)
    assert {a.key for a in shipped.arrangements.values() if a.reopening} == {
        "london-fostering-select", "consortium-fostering-dps", "sen-schools-list",
        "northern-residential-list"}


@pytest.mark.parametrize("old,new,fragment,words", [
    ('"0 9 1 1,7 *"', '"0 9 1 13 *"', "schedule:", "not a cron schedule"),
    ("open_for: 30d", "open_for: a month", "open_for:", "not a duration"),
    ("open_for: 30d", "open_for: 200d", "open_for:", "windows would overlap"),
    ("reminders: [7d, 1d]", "reminders: [7d, 40d]", "reminders:", "shorter than open_for"),
    ("[market@providers.example]", "[market at providers]", "mailing_list:", "not an email"),
    ("      approvers: [commissioning@northby.gov.example]\n",
     "      approvers: [commissioning@northby.gov.example]\n      approvals_needed: 3\n",
     "approvals_needed:", "more than the 1 approver"),
    ("      advertise: 30d\n", "      advertize: 30d\n", "advertize", "unknown key 'advertize'"),
])
def test_each_reopening_problem_is_named_at_its_line(tmp_path: Path, old: str, new: str,
                                                      fragment: str, words: str) -> None:
    root = with_reopening(tmp_path, old, new)
    problems = check_config(root)
    assert len(problems) == 1, problems
    assert problems[0].file == ARR and problems[0].line == line_of(root, ARR, fragment)
    assert words in problems[0].message and "arrangement 'fostering'" in problems[0].message


def test_only_a_list_dps_or_framework_reopens(tmp_path: Path) -> None:
    root = write_config(tmp_path, {ARR: ("    kind: dps\n", "    kind: block\n")})
    (root / ARR).write_text((root / ARR).read_text().replace("    starts: 2023-09-01\n",
                                                             REOPENING))
    (problem,) = check_config(root)
    assert "a block does not reopen" in problem.message
    assert problem.line == line_of(root, ARR, "reopening:")


@pytest.mark.parametrize("weekday,expected", [("1", "mon"), ("0", "sun"), ("7", "sun"),
                                              ("1-5", "mon,tue,wed,thu,fri"),
                                              ("5-7", "fri,sat,sun"), ("mon", "mon")])
def test_crontab_weekdays_mean_what_crontab_says(weekday: str, expected: str) -> None:
    trigger = cron_trigger(f"0 9 * * {weekday}")
    assert str(trigger.fields[4]) == expected  # APScheduler numbers from Monday


def test_the_providers_forms_load_and_borrow_the_referral_forms_codes(tmp_path: Path) -> None:
    spec = load_application_spec(CONFIG)
    assert spec.code_for("lots", "children's home") == "residential"
    assert spec.code_for("needs", "CSE risk") == "cse"
    assert "vacancies" in load_vacancy_spec(CONFIG).keys
    broken = tmp_path / "forms"
    broken.mkdir()
    (broken / "application.yaml").write_text("form: application\nfields:\n  - key: x\n")
    (problem,) = form_problems(tmp_path)
    assert problem.file == "forms/application.yaml"


def test_live_facts_set_capacity_from_the_declaration_and_what_happened_since() -> None:
    directory = load_directory(CONFIG)
    live = with_live_facts(directory, {
        "larch-lodge": LiveFacts(vacancies=2, since=-1),
        "larch-house": LiveFacts(since=-3, paused="refurbishment (since 1 July 2027)")})
    assert live.establishment("larch-lodge").capacity == 1
    house = live.establishment("larch-house")
    assert house.capacity == 0 and house.paused.startswith("refurbishment")
    assert live.establishment("larch-view") == directory.establishment("larch-view")


def test_the_directory_written_back_as_yaml_loads_as_the_same_directory(tmp_path: Path) -> None:
    import shutil

    import yaml

    from broker.directory.load import organisation_files

    directory = load_directory(CONFIG)
    shutil.copytree(CONFIG, tmp_path / "config")
    for file in (tmp_path / "config" / "providers").glob("*.yaml"):
        file.unlink()
    for file, data in providers_yaml(directory, organisation_files(CONFIG),
                                     "providers/added.yaml").items():
        (tmp_path / "config" / file).write_text(yaml.safe_dump(data, sort_keys=False))
    assert check_config(tmp_path / "config") == []
    again = load_directory(tmp_path / "config")
    assert again.establishments == directory.establishments
    assert again.organisations == directory.organisations

"""The README's settings table and config/example.env say what broker/settings.py does: every
setting is in both, with its true default, and every table in the README stays a table.

Many people edit the README at once; a setting added without its row, a default changed in
one place only, or a `|` written inside a cell (which splits the row, so the cell's words
land in a column of their own) is easy to miss by eye.
"""

import re
from pathlib import Path

import pytest

from broker.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
EXAMPLE_ENV = (ROOT / "config" / "example.env").read_text()
PIPE = re.compile(r"(?<!\\)\|")


def _settings_table() -> dict[str, str | None]:
    """Each variable the README's settings table names → its default as the row writes it
    in backticks, or None where the row says it in words."""
    section = README.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    defaults: dict[str, str | None] = {}
    for line in section.splitlines():
        if not line.startswith("| `BROKER_"):
            continue
        variables, default = PIPE.split(line)[1:3]
        names = re.findall(r"`(BROKER_[A-Z0-9_]+)`", variables)
        values = re.findall(r"`([^`]*)`", default)
        for index, name in enumerate(names):
            defaults[name] = values[index] if len(values) == len(names) else None
    return defaults


def _example_env() -> dict[str, str]:
    return dict(line.split("=", 1) for line in EXAMPLE_ENV.splitlines()
                if line.startswith("BROKER_"))


def _env_name(field: str) -> str:
    return f"BROKER_{field.upper()}"


def _shown(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def test_every_setting_has_a_row_in_the_readme_and_a_line_in_example_env() -> None:
    names = {_env_name(field) for field in Settings.model_fields}
    assert sorted(names - set(_settings_table())) == []
    assert sorted(names - set(_example_env())) == []


def test_the_readme_and_example_env_name_no_setting_that_does_not_exist() -> None:
    names = {_env_name(field) for field in Settings.model_fields}
    assert sorted(set(_settings_table()) - names) == []
    assert sorted(set(_example_env()) - names) == []


def test_a_plain_default_in_the_readme_is_the_settings_default() -> None:
    table = _settings_table()
    wrong = {}
    for field, info in Settings.model_fields.items():
        default, cell = info.default, table.get(_env_name(field))
        if default in ("", None) or cell is None:  # computed, or said in words: not compared
            continue
        if cell != _shown(default):
            wrong[_env_name(field)] = (cell, _shown(default))
    assert wrong == {}


def test_example_env_holds_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """Copying config/example.env to .env as it is changes nothing."""
    for name in [n for n in __import__("os").environ if n.startswith("BROKER_")]:
        monkeypatch.delenv(name)
    from_file = Settings(_env_file=None, **{  # type: ignore[call-arg]
        name.removeprefix("BROKER_").lower(): value for name, value in _example_env().items()})
    assert from_file.model_dump() == Settings(_env_file=None).model_dump()  # type: ignore[call-arg]


def test_every_table_row_has_as_many_cells_as_its_header() -> None:
    """A `|` inside a cell must be written `\\|`, even inside backticks."""
    broken, columns, in_code = [], 0, False
    for number, line in enumerate(README.splitlines(), 1):
        if line.startswith("```"):
            in_code = not in_code
        if in_code or not line.startswith("|"):
            columns = 0
            continue
        cells = len(PIPE.findall(line))
        if not columns:
            columns = cells
        elif cells != columns:
            broken.append((number, line[:80]))
    assert broken == []

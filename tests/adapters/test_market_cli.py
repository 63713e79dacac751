"""The market's commands as an operator runs them: `broker directory export`, `broker windows
list`, `broker applications show`, and `broker config check` on the providers' forms."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from broker.db.directory import seed_directory
from broker.directory import load_directory
from broker.directory.load import organisation_files
from tests.factories import CONFIG, migrated


def broker(tmp_path: Path, *args: str, config: Path = CONFIG) -> subprocess.CompletedProcess:
    env = {"BROKER_CONFIG_DIR": str(config), "PATH": "/usr/bin:/bin",
           "BROKER_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'broker.db'}",
           "BROKER_VAR_DIR": str(tmp_path / "var")}
    return subprocess.run([sys.executable, "-m", "broker.cli", *args], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=60)


async def test_the_directory_exports_as_config_files(tmp_path: Path) -> None:
    engine, sessions = await migrated(f"sqlite+aiosqlite:///{tmp_path / 'broker.db'}")
    async with sessions() as session:
        await seed_directory(session, load_directory(CONFIG), organisation_files(CONFIG),
                             datetime.now(UTC))
        await session.commit()
    await engine.dispose()
    result = broker(tmp_path, "directory", "export", str(tmp_path / "out"), "--json")
    assert result.returncode == 0, result.stderr
    written = {Path(p).name for p in json.loads(result.stdout)}
    assert written == {p.name for p in (CONFIG / "providers").glob("*.yaml")}
    windows = broker(tmp_path, "windows", "list", "--json")
    assert windows.returncode == 0 and json.loads(windows.stdout) == []
    missing = broker(tmp_path, "applications", "show", "APP-2027-000001")
    assert missing.returncode == 2 and "no application APP-2027-000001" in missing.stderr


def test_config_check_names_a_problem_in_the_application_form(tmp_path: Path) -> None:
    config = tmp_path / "config"
    shutil.copytree(CONFIG, config)
    form = config / "forms" / "application.yaml"
    form.write_text(form.read_text().replace("    kind: int\n", "    kind: integer\n", 1))
    result = broker(tmp_path, "config", "check", config=config)
    assert result.returncode == 2
    assert "forms/application.yaml:" in result.stdout and "'integer'" in result.stdout

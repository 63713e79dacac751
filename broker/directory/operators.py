"""`config/staff.yaml`: the consortium's own operators, who see every member authority in
the placements console. Optional; placements officers and commissioners are registered per
authority in authorities.yaml.

    operators:
      - hub.operations@consortium.example
"""

from __future__ import annotations

from pathlib import Path

import yaml

from broker.directory.problems import ConfigProblem
from broker.directory.schema import EMAIL_PATTERN

STAFF_FILE = "staff.yaml"


class StaffConfigError(ValueError):
    """config/staff.yaml cannot be read; the message names the file and the problem."""


def read_operators(config_dir: Path) -> tuple[str, ...]:
    """The operators' addresses, lower-cased (none when the file is absent)."""
    path = Path(config_dir) / STAFF_FILE
    if not path.is_file():
        return ()
    try:
        document = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as error:
        raise StaffConfigError(f"{STAFF_FILE}: not valid YAML ({error})") from error
    operators = document.get("operators") if isinstance(document, dict) else None
    if operators is None:
        return ()
    if not isinstance(operators, list):
        raise StaffConfigError(f"{STAFF_FILE}: operators should be a list of email addresses")
    found = []
    for value in operators:
        address = str(value).strip().lower()
        if not EMAIL_PATTERN.match(address):
            raise StaffConfigError(f"{STAFF_FILE}: {value!r} is not an email address")
        found.append(address)
    return tuple(found)


def operator_problems(config_dir: Path) -> list[ConfigProblem]:
    """For `broker config check`: the file's problem, if it has one."""
    try:
        read_operators(config_dir)
    except StaffConfigError as error:
        return [ConfigProblem(STAFF_FILE, 0, str(error).split(": ", 1)[1])]
    return []

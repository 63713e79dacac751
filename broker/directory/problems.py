"""Configuration problems, each pinned to a file and line so a commissioner can fix it by hand."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ConfigProblem:
    """One thing wrong in `config/`. `file` is relative to the config directory; line 0 means
    the file as a whole (for instance, a missing file)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ConfigError(Exception):
    """`config/` cannot be loaded; `problems` says everything that is wrong, in file order."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

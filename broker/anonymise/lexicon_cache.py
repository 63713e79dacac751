"""The anonymiser's word lists, built once into a file and read back at each start.

Building the lists (broker/anonymise/lexicon.py) reads three packages' data: wordfreq's whole
English list, Faker's name lists for dozens of locales and pycountry's databases. The
process that builds them keeps about 35 MB it never gives back and spends about 0.6 s of
CPU; reading the lists back from a file costs about 20 MB and 0.1 s. So the service builds
them in a child process, which writes `word-lists-<versions>.json` under the data directory
(`var/`), and reads that file; the next start reads it at once. The name holds the three
packages' versions and the list's cut-off, so an upgrade builds afresh. A file that cannot
be read (or built) is no failure: the lists are then built in this process, as the command
line does.

    python -m broker.anonymise.lexicon_cache PATH    # build the lists into PATH (the child)
"""

from __future__ import annotations

import json
import logging
import math
import os
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from broker.anonymise import lexicon

log = logging.getLogger(__name__)

FORMAT = 1
BUILD_SECONDS = 120


def load(data_dir: Path) -> None:
    """Hand the lexicon its lists from the file under `data_dir`, building it first (in a
    child process) when there is none for these package versions. Nothing to do when this
    process has them already (a second service in one process, as the tests run them)."""
    if lexicon.is_loaded():
        return
    path = Path(data_dir) / f"word-lists-{_versions()}.json"
    if not path.exists():
        _build_in_a_child(path)
    lists = _read(path)
    if lists is None:
        lexicon.load()
        return
    lexicon.use(**lists)


def _versions() -> str:
    found = []
    for package in ("wordfreq", "faker", "pycountry"):
        try:
            found.append(version(package))
        except PackageNotFoundError:
            found.append("0")
    return "-".join([f"v{FORMAT}", *found, f"z{lexicon.LEAST_COMMON_KEPT}"])


def _build_in_a_child(path: Path) -> None:
    try:
        subprocess.run([sys.executable, "-m", __name__, str(path)], capture_output=True,
                       timeout=BUILD_SECONDS, check=True)
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("the word lists could not be built in a child process (%s); building "
                    "them here", type(error).__name__)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        frequencies: dict[str, float] = {}
        for centibels, words in raw["frequencies"]:
            frequency = 10 ** (-centibels / 100)  # one float per bucket, shared by its words
            frequencies.update(dict.fromkeys(words, frequency))
        return {"frequencies": frequencies, "first_names": frozenset(raw["first_names"]),
                "surnames": frozenset(raw["surnames"]),
                "not_people": frozenset(raw["not_people"])}
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("the word lists file %s could not be read (%s)", path.name,
                    type(error).__name__)
        return None


def write(path: Path) -> None:
    """Build the lists here and write them to `path` (whole, or not at all)."""
    buckets: dict[int, list[str]] = {}
    for word, frequency in lexicon._frequencies().items():
        centibels = round(-100 * math.log10(frequency))
        buckets.setdefault(centibels, []).append(word)
    first, last = lexicon._names()
    document = {"frequencies": sorted(buckets.items()), "first_names": sorted(first),
                "surnames": sorted(last), "not_people": sorted(lexicon._not_people())}
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)


if __name__ == "__main__":
    write(Path(sys.argv[1]))

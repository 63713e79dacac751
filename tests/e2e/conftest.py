"""Every log line the end-to-end suite writes is scanned for the fixtures' identifiers.

Each e2e test runs with every logger open at DEBUG for the service's own code and at the
levels broker/logs.py allows the libraries (the same as `broker serve` with
`BROKER_LOG_LEVEL=DEBUG`, the most a council could turn on). At the end of the test, any line
naming a child from the fixtures (name, date of birth, NHS number, address, postcode) fails
it, with the logger's name, so the leak can be found.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest

from broker.logs import QUIET, quiet_libraries

# The children the tests refer: config/samples/referral.txt, referral-kingsholt.txt, tests.
IDENTIFIERS = ["Casey Marie Hollin", "Casey", "Hollin", "14/03/2012", "2012-03-14",
               "999 000 0115", "9990000115", "12 Larkspur Row", "Larkspur", "SE15 4QX",
               "Tiana Rose Okafor-Lund", "Okafor-Lund", "02/07/2012", "2012-07-02",
               "999 000 0204", "9990000204", "41 Coppice Walk", "Coppice Walk", "B23 7QS",
               "NB-448213"]
_FOUND = re.compile("|".join(re.escape(i) for i in IDENTIFIERS), re.IGNORECASE)


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.lines.append((record.name, text))


@pytest.fixture(autouse=True)
def log_scan() -> Iterator[_Lines]:
    root = logging.getLogger()
    handler, level = _Lines(), root.level
    saved = {name: logging.getLogger(name).level for name in QUIET}
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    quiet_libraries()
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for name, old in saved.items():
            logging.getLogger(name).setLevel(old)
    leaks = [f"{name}: {_FOUND.search(text).group(0)!r}"  # type: ignore[union-attr]
             for name, text in handler.lines if _FOUND.search(text)]
    assert leaks == [], f"log lines name a child: {leaks[:5]}"

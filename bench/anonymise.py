"""Benchmark: anonymising large and pathological free text (catastrophic regex backtracking
would show here as seconds). Writes bench/results/anonymise.json. Not a test.

    python bench/anonymise.py
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from broker.anonymise import anonymise  # noqa: E402
from tests.unit.test_anonymise_referral import (  # noqa: E402
    BACKGROUND,
    STRENGTHS,
    WISHES,
    realistic_form,
)

PATHOLOGICAL = ["a", "A ", "0", "0 ", "9-", "+44 ", "a@", "a.", "Mr ", "Amelia ", "Amelia-", "'",
                "—", "called ", "14/", "NB3 ", "her uncle ", "J. ", "Hartley, ", "LCS-", "999 ",
                "QQ 12 "]


def best_of_three(text: str) -> float:
    form = realistic_form(background=text)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        anonymise(form, authority=None, today=date(2026, 11, 23))
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    realistic = (BACKGROUND + STRENGTHS + WISHES) * 45
    figures = {
        "benchmark": "anonymise one referral (best of three, seconds)",
        "realistic_text_chars": len(realistic),
        "realistic_seconds": round(best_of_three(realistic), 4),
        "pathological_50k_seconds": {
            unit: round(best_of_three(unit * (50_000 // len(unit))), 4) for unit in PATHOLOGICAL
        },
    }
    figures["worst_pathological_seconds"] = max(figures["pathological_50k_seconds"].values())
    out = ROOT / "bench" / "results" / "anonymise.json"
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()

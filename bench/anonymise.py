"""Benchmark: how well and how fast referrals are anonymised. Writes
bench/results/anonymise.json. Not a test.

- Quality: synthetic narratives (bench/narratives.py) naming people of many origins in every
  shape a social worker uses; `recall` is the share of those names removed, `over_redaction`
  the share of ordinary words (nobody's name, address, school or number) removed with them.
  Two sets: the one the recogniser was tuned on (seed 11) and a fresh one (seed 2027).
- Speed: one realistic 50 KB referral, and 50 KB of each pathological unit (catastrophic
  regex backtracking would show here as seconds); best of three, after a first run that
  loads the word lists (its time is reported on its own).

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

from bench.narratives import generate, score  # noqa: E402
from broker.anonymise import anonymise  # noqa: E402
from broker.referral import ReferralForm  # noqa: E402
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


def quality(count: int, seed: int) -> dict[str, object]:
    narratives = generate(count, seed)
    outputs = []
    for narrative in narratives:
        form = ReferralForm(child_name="Kayla Brightwell", known_as="Kay",
                            background=narrative.text)
        result = anonymise(form, authority=None, today=date(2026, 11, 23))
        outputs.append(result.text["background"] or "")
    return {"narratives": count, "seed": seed, **score(narratives, outputs).as_json()}


def main() -> None:
    realistic = (BACKGROUND + STRENGTHS + WISHES) * 45
    started = time.perf_counter()
    anonymise(realistic_form(), authority=None, today=date(2026, 11, 23))
    first_run = time.perf_counter() - started
    figures: dict[str, object] = {
        "benchmark": "anonymise one referral (best of three, seconds)",
        "first_run_with_word_lists_seconds": round(first_run, 3),
        "realistic_text_chars": len(realistic),
        "realistic_seconds": round(best_of_three(realistic), 4),
        "pathological_50k_seconds": {
            unit: round(best_of_three(unit * (50_000 // len(unit))), 4) for unit in PATHOLOGICAL
        },
    }
    pathological = figures["pathological_50k_seconds"]
    assert isinstance(pathological, dict)
    figures["worst_pathological_seconds"] = max(pathological.values())
    figures["names_in_prose"] = {"tuned_on": quality(400, 11), "fresh": quality(400, 2027)}
    out = ROOT / "bench" / "results" / "anonymise.json"
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()

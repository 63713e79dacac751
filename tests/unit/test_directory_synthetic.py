"""The synthetic directory: deterministic, loadable when written, eligible in the share asked."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from broker.directory import check_config, load_directory
from broker.directory.synthetic import synthetic_directory, write_synthetic_config
from broker.eligibility import RULES, match
from tests.unit.test_eligibility_sample import SAMPLE


def test_the_same_arguments_give_the_same_directory() -> None:
    first, again = synthetic_directory(120, seed=7), synthetic_directory(120, seed=7)
    assert list(first.establishments.values()) == list(again.establishments.values())
    assert synthetic_directory(120, seed=8).establishments != first.establishments


@pytest.mark.parametrize(("n", "share"), [(200, 0.5), (150, 0.2), (40, 0.0), (30, 1.0)])
def test_about_the_share_asked_is_eligible(n: int, share: float) -> None:
    result = match(synthetic_directory(n, eligible_share=share), SAMPLE)
    assert len(result.eligible) == round(n * share)
    assert len(result.eligible) + len(result.excluded) == n


def test_every_rule_the_sample_can_fail_excludes_some(tmp_path: Path) -> None:
    result = match(synthetic_directory(200), SAMPLE)
    fired = Counter(x.rule for x in result.excluded)
    # A pause is not configuration: providers declare it by email (workflows/market/).
    # keep-away: the sample request has no location line
    assert set(fired) == {rule.name for rule in RULES} - {"siblings", "paused", "keep-away"}


def test_a_written_synthetic_config_loads_and_matches_the_same(tmp_path: Path) -> None:
    write_synthetic_config(tmp_path, 300, 0.4)
    assert check_config(tmp_path) == []
    loaded = load_directory(tmp_path)
    in_memory = synthetic_directory(300, eligible_share=0.4)
    assert match(loaded, SAMPLE).to_json() == match(in_memory, SAMPLE).to_json()
    assert len(match(loaded, SAMPLE).eligible) == 120

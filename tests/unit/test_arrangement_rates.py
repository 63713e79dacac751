"""An arrangement's agreed weekly rates and price bands (broker/directory/rates.py): read from
arrangements.yaml, a provider's tendered price before the arrangement's, and every mistake
named by `broker config check` at its line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from broker.directory import check_config, load_directory
from broker.directory.model import Band
from tests.factories import CONFIG
from tests.unit.test_directory_check import line_of, write_config

ARR = "arrangements.yaml"
DPS_STARTS = "    starts: 2023-09-01\n"
FRAMEWORK_ENDS = "    ends: 2028-03-31\n"


def with_rates(root: Path, framework: str = "", dps: str = "") -> Path:
    changes = {ARR: (FRAMEWORK_ENDS, FRAMEWORK_ENDS + framework)}
    root = write_config(root, changes)
    if dps:
        text = (root / ARR).read_text()
        assert text.endswith(DPS_STARTS)
        (root / ARR).write_text(text + dps)
    return root


def test_rates_and_bands_by_lot_and_a_providers_own_price_are_read(tmp_path: Path) -> None:
    root = with_rates(tmp_path, (
        "    rates:\n      residential: 4200-4800\n      residential-solo: \"£5,600\"\n"
        "    provider_rates:\n      larch-care: {residential: 4450.50}\n"),
        "    rates: {fostering: \"£900 to £1,050\"}\n")
    assert check_config(root) == []
    directory = load_directory(root)
    framework, dps = directory.arrangement("residential"), directory.arrangement("fostering")
    assert framework is not None and dps is not None
    assert framework.rate_for("larch-care", "residential") == Band(Decimal("4450.50"),
                                                                   Decimal("4450.50"))
    assert framework.rate_for("skylark", "residential") == Band(Decimal(4200), Decimal(4800))
    assert framework.rate_for("larch-care", "residential-solo") == Band(Decimal(5600),
                                                                        Decimal(5600))
    assert dps.rate_for("skylark", "fostering") == Band(Decimal(900), Decimal(1050))
    assert dps.rate_for("skylark", "parent-and-child") is None  # none recorded: none guessed


def test_without_rates_an_arrangement_has_none(tmp_path: Path) -> None:
    directory = load_directory(write_config(tmp_path))
    assert all(a.rates == {} and a.provider_rates == {}
               for a in directory.arrangements.values())


@pytest.mark.parametrize(("framework", "at", "words"), [
    ("    rates:\n      residential: cheap\n", "residential: cheap",
     "residential: should be a weekly rate in pounds such as 4500, or a band"),
    ("    rates:\n      residential: 4800-4200\n", "residential: 4800-4200",
     "should run from the lower rate to the higher"),
    ("    rates:\n      residential: 0\n", "residential: 0", "more than £0 a week"),
    ("    rates:\n      fostering: 950\n", "rates:", "a rate for 'fostering', which is not "
     "one of its lots (residential, residential-solo)"),
    ("    rates: 4500\n", "rates: 4500", "should be a mapping from a lot"),
    ("    provider_rates:\n      larch-cair: {residential: 4450}\n", "provider_rates:",
     "rates for unknown organisation 'larch-cair' (did you mean 'larch-care'?)"),
    ("    provider_rates:\n      larch-care: {residential-solo: [1, 2]}\n", "larch-care:",
     "larch-care: residential-solo: should be a weekly rate"),
])  # fmt: skip
def test_a_wrong_rate_is_named_at_its_line(tmp_path: Path, framework: str, at: str,
                                           words: str) -> None:
    root = with_rates(tmp_path, framework)
    problems = [p for p in check_config(root) if p.file == ARR and words in p.message]
    assert problems, check_config(root)
    assert line_of(root, ARR, at) in [p.line for p in problems]


def test_a_spot_purchase_has_no_agreed_rate(tmp_path: Path) -> None:
    root = write_config(tmp_path, {ARR: ("kind: dps", "kind: spot")})
    (root / ARR).write_text((root / ARR).read_text() + "    rates: {fostering: 950}\n")
    (problem,) = [p for p in check_config(root) if "agreed rate" in p.message]
    assert "a spot purchase has no agreed rate" in problem.message
    assert problem.line == line_of(root, ARR, "rates: {fostering")


def test_the_sample_directory_records_rates_and_bands() -> None:
    """The example in config/: the framework's bands, a provider's tendered price, the DPS's."""
    directory = load_directory(CONFIG)
    framework = directory.arrangement("south-london-residential")
    assert framework is not None and framework.rates["residential"].said() == "£4,200 to £4,400"
    assert framework.rate_for("kestrel-homes", "residential") == Band(Decimal(4350),
                                                                      Decimal(4350))
    dps = directory.arrangement("consortium-fostering-dps")
    assert dps is not None and dps.rates["fostering"] == Band(Decimal(900), Decimal(1050))

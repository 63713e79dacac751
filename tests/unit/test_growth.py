"""The growth harness itself: linear work passes, work that grows faster never does, and
stopping at the first pair under LINEAR does not change that."""

from __future__ import annotations

from tests.growth import LINEAR, growth


def _linear(size: int) -> int:
    return sum(range(size))


def _cubic(size: int) -> int:
    return sum(i ^ j for i in range(size) for j in range(size) for _ in range(size // 8))


def test_linear_work_is_under_linear() -> None:
    assert growth(lambda n: n, _linear, 20_000) < LINEAR


def test_work_that_grows_faster_is_never_under_linear() -> None:
    timed: list[int] = []

    def work(size: int) -> int:
        timed.append(size)
        return _cubic(size)

    assert growth(lambda n: n, work, 40, repeats=3) > LINEAR
    assert timed.count(80) >= 3  # every pair was timed: none stopped it early

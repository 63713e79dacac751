"""The English word list is kept only down to the rarest frequency any rule asks about.

Words rarer than `LEAST_COMMON_KEPT` read as unknown (Zipf 0). That changes no answer only
while every threshold the anonymiser compares a Zipf frequency with is at least that
common, and while the words it keeps carry wordfreq's own figures.
"""

from __future__ import annotations

from pathlib import Path

import wordfreq

from broker.anonymise import lexicon, proper_names, reidentify

THRESHOLDS = {
    "lexicon.ORDINARY": lexicon.ORDINARY,
    "lexicon.WORDY": lexicon.WORDY,
    "proper_names._SEEMS_PLAIN": proper_names._SEEMS_PLAIN,
    "proper_names._SURNAME_AFTER_FIRST_NAME": proper_names._SURNAME_AFTER_FIRST_NAME,
    "reidentify._SMALL_PLACE": reidentify._SMALL_PLACE,
    "reidentify._RARE_EPONYM": reidentify._RARE_EPONYM,
    "reidentify._RARE_MEDICAL_WORD": reidentify._RARE_MEDICAL_WORD,
}


def test_every_threshold_is_within_the_words_kept() -> None:
    below = {name: value for name, value in THRESHOLDS.items()
             if value < lexicon.LEAST_COMMON_KEPT}
    assert below == {}


def test_kept_words_have_wordfreqs_figures_and_rarer_ones_read_as_unknown() -> None:
    for word in ("placement", "safeguarding", "respite", "Zanzibar"):
        expected = wordfreq.zipf_frequency(word, "en", wordlist="large")
        assert expected >= lexicon.LEAST_COMMON_KEPT, word
        assert abs(lexicon.zipf(word) - expected) < 0.01, word
    rare = "tessellations"
    assert 0 < wordfreq.zipf_frequency(rare, "en", wordlist="large") < lexicon.LEAST_COMMON_KEPT
    assert lexicon.zipf(rare) == 0.0


def test_the_lists_read_back_from_their_file_are_the_lists_built(tmp_path: Path) -> None:
    from broker.anonymise import lexicon_cache

    path = tmp_path / "word-lists.json"
    lexicon_cache.write(path)
    lists = lexicon_cache._read(path)
    assert lists is not None
    first, last = lexicon._names()
    assert (lists["first_names"], lists["surnames"]) == (first, last)
    assert lists["not_people"] == lexicon._not_people()
    built = lexicon._frequencies()
    assert lists["frequencies"].keys() == built.keys()
    assert all(abs(lists["frequencies"][w] / built[w] - 1) < 1e-9 for w in list(built)[::97])


def test_the_service_builds_the_file_once_in_a_child_and_reads_it_after(tmp_path: Path) -> None:
    from broker.anonymise import lexicon_cache

    def start_afresh() -> None:
        lexicon._GIVEN.clear()
        lexicon.forget()

    try:
        start_afresh()
        lexicon_cache.load(tmp_path)
        (built,) = tmp_path.glob("word-lists-*.json")
        assert lexicon._GIVEN and lexicon.is_loaded()  # handed over, not built here
        assert lexicon.kind("Zanzibar") == "rare" and lexicon.is_surname("Okafor")
        stamp = built.stat().st_mtime_ns
        start_afresh()
        lexicon_cache.load(tmp_path)
        assert built.stat().st_mtime_ns == stamp and lexicon._GIVEN  # read, not built again
        built.write_text("{not json")
        start_afresh()
        lexicon_cache.load(tmp_path)  # a broken file: the lists are built here instead
        assert lexicon._GIVEN == {} and lexicon.is_loaded() and lexicon.is_surname("Okafor")
    finally:
        start_afresh()


def test_a_process_that_has_the_lists_builds_no_file(tmp_path: Path) -> None:
    from broker.anonymise import lexicon_cache

    lexicon.load()
    lexicon_cache.load(tmp_path)
    assert list(tmp_path.iterdir()) == []

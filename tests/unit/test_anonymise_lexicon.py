"""The English word list is kept only down to the rarest frequency any rule asks about.

Words rarer than `LEAST_COMMON_KEPT` read as unknown (Zipf 0). That changes no answer only
while every threshold the anonymiser compares a Zipf frequency with is at least that
common, and while the words it keeps carry wordfreq's own figures.
"""

from __future__ import annotations

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

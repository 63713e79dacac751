"""The outside round 41's over-removals: words a provider needs that were taken for names.

The child's own words in quotes whose closing mark was read as part of the last word, a
nationality or language word in brackets after a parent, a nickname that is an everyday
word, and a school field that says the child has no school. Each case comes with the
neighbours that must keep working. People and places are made up.
"""

from __future__ import annotations

import pytest

from tests.factories import scrubbed

# The closing quote mark of the child's words is no part of a word


@pytest.mark.parametrize("text", [
    "He says 'i just want to live with my nan again' and was missing again on Friday.",
    "He says ‘i just want to live with my nan again’ and was missing again on Friday.",
    "He said 'i miss my mum loads' and 'i am scared of dad too'. He is settled too, again.",
    "She wrote \"i want to see my nan today\" and is settled today.",
    "He said 'i want my nan again'! He cried again at bedtime.",
])
def test_a_word_before_a_closing_quote_after_a_relative_stays(text: str) -> None:
    assert scrubbed(text, child_name="Kyle Dunning") == text


@pytest.mark.parametrize("text, name", [
    ("She said 'i am staying with my boyfriend tunde' last night.", "tunde"),
    ("She said ‘i am staying with my boyfriend tunde’ last night.", "tunde"),
    ("She said 'i was with her ex, okafor' when asked.", "okafor"),
])
def test_a_lower_case_name_before_a_closing_quote_still_goes(text: str, name: str) -> None:
    out = scrubbed(text)
    assert name not in out and "[person]" in out, out

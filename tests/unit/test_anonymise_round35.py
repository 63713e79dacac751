"""The outside round 35's findings: festivals of faith, a relative's word in another language
between two names, someone's GP, the Home Office's intake unit, a hospital ward by its name
and a Crown Court's case number.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up.
"""

from __future__ import annotations

from tests.factories import scrubbed

# Over-redactions


def test_festivals_of_faith_stay() -> None:
    text = ("On Raksha Bandhan she ties a rakhi. She loves Rosh Hashanah and Hanukkah. From "
            "her stepfamily she loves pierogi, Wigilia on Christmas Eve.")
    assert scrubbed(text) == text


def test_a_relatives_word_between_two_names_stays_and_the_names_go() -> None:
    out = scrubbed("He calls Mrs Kowalczyk Ciocia Gosia.")
    assert out == "He calls Mrs [person] Ciocia [person].", out


def test_someones_gp_keeps_its_words_and_a_practice_goes() -> None:
    out = scrubbed("Tia's GP is Dr Okafor at Larchfield Surgery.")
    assert out == "[child]'s GP is Dr [person] at [address].", out


def test_the_kent_intake_unit_stays() -> None:
    text = "She was processed at the Kent Intake Unit."
    assert scrubbed(text) == text
    assert "Kent" not in scrubbed("Kent Barlow collected her.")

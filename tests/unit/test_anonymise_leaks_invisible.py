"""Names with an invisible character inside them: a soft hyphen, a joiner, a filler.

"Bro\\u00adoke" shows as "Brooke" (HTML `&shy;`, Word's optional hyphen), so the character is
dropped wherever text is read: by the plain-text reader, and again by the scrubber for text
that came another way (an HTML body keeps what its parser gives). People are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.anonymise import anonymise
from broker.forms.items import text_lines, tidy_block
from broker.referral import FamilyMember, ReferralForm

TODAY = date(2026, 11, 20)
INVISIBLE = [
    "\u00ad", "\u034f", "\u061c", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u180e", "\u200b",
    "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064",
    "\ufeff",
    # Text-direction controls WhatsApp, Android and right-to-left Outlook put round copied
    # text, and the Hangul fillers that show as a blank.
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
    "\u2069", "\u3164", "\uffa0",
]  # fmt: skip


@pytest.mark.parametrize("char", INVISIBLE)
def test_the_reader_drops_an_invisible_character(char: str) -> None:
    assert text_lines(f"Child's name: Bro{char}oke Vance\nNext") == [
        "Child's name: Brooke Vance",
        "Next",
    ]
    assert tidy_block(f"Bro{char}oke") == "Brooke"


@pytest.mark.parametrize("char", INVISIBLE)
def test_a_name_with_an_invisible_character_inside_is_scrubbed(char: str) -> None:
    form = ReferralForm(
        child_name="Brooke Vance",
        family_names=[FamilyMember("Marguerite Vance", "mother")],
        background=f"Bro{char}oke lives with Margue{char}rite.",
    )
    result = anonymise(form, authority=None, today=TODAY)
    assert result.text["background"] == "[child] lives with [mother]."

"""Round 47's wrong cases: a name that is an everyday word, used as the word.

A verb after a noun subject and before an adverb or a determiner ("her temper rose quickly",
"carers mark every entry"), an adjective after "was" or opening a clause before a noun ("was
frank about it", "Frank conversations were had"), a noun after a determiner and an adjective
("his Catholic faith"); capitalised where a sentence's or a heading's start explains the capital
("Summer 2025: ...") or after "the" ("the Bill"), the neighbours decide as in lower case. Each
case comes with the neighbour that must keep going. People and places are made up.
"""

from __future__ import annotations

import pytest

from broker.referral import FamilyMember
from tests.factories import scrubbed


@pytest.mark.parametrize(("text", "child", "kept", "gone"), [
    ("At school his temper rose quickly. Rose settled later.", "Rose Pettifer",
     "temper rose quickly", "Rose settled"),
    ("Mark refuses meals; carers mark every entry in the diary.", "Mark Tolland",
     "carers mark every entry", "Mark refuses"),
    ("His Catholic faith is important. Faith goes to Mass.", "Faith Adebayo",
     "Catholic faith", "Faith goes"),
    ("Summer 2025: three exclusions. Summer was then moved.", "Summer Crellin",
     "Summer 2025", "Summer was"),
])
def test_the_childs_name_used_as_the_word_stays(text: str, child: str, kept: str,
                                                gone: str) -> None:
    out = scrubbed(text, child_name=child)
    assert kept in out and gone not in out and "[child]" in out, out


@pytest.mark.parametrize(("text", "relative", "kept", "gone"), [
    ("Tia was frank about it. Frank collects her.", "Frank Orme", "was frank about",
     "Frank collects"),
    ("Frank conversations were had about school. Frank is away.", "Frank Gaskell",
     "Frank conversations", "Frank is"),
    ('Tia says "the Bill keep following me". Bill left.', "Bill Gaskell", "the Bill keep",
     "Bill left"),
])
def test_a_relatives_name_used_as_the_word_stays(text: str, relative: str, kept: str,
                                                 gone: str) -> None:
    out = scrubbed(text, family_names=[FamilyMember(relative, "father")])
    assert kept in out and gone not in out, out


@pytest.mark.parametrize(("text", "child", "gone"), [
    ("Staff visit rose each week.", "Rose Pettifer", "rose"),
    ("Will not attend school since March.", "Will Tolland", "Will"),
    ("Mark each day is hard for him.", "Mark Tolland", "Mark"),
    ("They spoke to frank quickly.", "Frank Orme", "frank"),
])
def test_the_name_as_a_person_still_goes(text: str, child: str, gone: str) -> None:
    out = scrubbed(text, child_name=child)
    assert gone not in out.split("[")[0] + out.split("]")[-1] and "[child]" in out, out

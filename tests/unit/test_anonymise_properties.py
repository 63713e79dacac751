"""Properties of anonymisation over generated forms and text (hypothesis).

1. Whatever the names and the text, no identifying value of the form (as `identifying_values`
   lists them) is left in any text field as a word of its own, in any case.
2. `anonymise` never raises, whatever the form holds.

The check in (1) is for whole occurrences: "Ann" inside "Annual" is a different word and is
kept on purpose (test_anonymise_names.py), so a value is a leak only where it is not part of
a longer run of letters or digits. Names are drawn from letters whose upper and lower case
are single characters, so case-insensitive matching and `str.lower` agree.
"""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broker.anonymise import anonymise, identifying_values
from broker.referral import FREE_TEXT_FIELDS, FamilyMember, ReferralForm

TODAY = date(2026, 11, 20)
LETTERS = "abcdefghijklmnopqrstuvwxyzéëèáíóúñøåçäöü"
FILLER_TEXT = (
    "the placement was reviewed on and she said her mother father uncle school review "
    "annual planning will may hope grace contact with police missing social worker visited "
    "Monday at after before because, and. - ( ) ' 's ’s : ; / \n\n 14 2019 07700 Year 10"
)
FILLER = FILLER_TEXT.split(" ")
RELATIONSHIPS = ["mother", "father", "step-father", "Nan", "half brother", "aunt", "", "cousin"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def nhs_number(first_nine: str) -> str | None:
    total = sum(int(digit) * (10 - position) for position, digit in enumerate(first_nine))
    check = (11 - total % 11) % 11
    return None if check == 10 else first_nine + str(check)


word = st.text(alphabet=LETTERS, min_size=3, max_size=9).map(str.capitalize)
short_word = st.text(alphabet=LETTERS, min_size=1, max_size=2).map(str.capitalize)
surname = st.one_of(word, st.builds("{}-{}".format, word, word), word.map("O'{}".format))
full_name = st.builds(
    lambda first, middles, last: " ".join([first, *middles, last]),
    word,
    st.lists(st.one_of(word, short_word), max_size=2),
    surname,
)
postcode = st.builds(
    "{}{}{} {}{}{}".format,
    st.sampled_from(["NB", "SE", "M", "LS", "EC"]),
    st.integers(1, 19),
    st.sampled_from(["", "A"]),
    st.integers(0, 9),
    st.sampled_from(INWARD_LETTERS),
    st.sampled_from(INWARD_LETTERS),
)


@st.composite
def forms(draw: st.DrawFn) -> ReferralForm:
    family = [
        FamilyMember(draw(full_name), draw(st.sampled_from(RELATIONSHIPS)))
        for _ in range(draw(st.integers(0, 3)))
    ]
    return ReferralForm(
        child_name=draw(full_name),
        known_as=draw(st.none() | word),
        date_of_birth=draw(st.dates(date(2004, 1, 1), date(2026, 11, 1))),
        home_address=draw(
            st.builds("{} {} Road, {}".format, st.integers(1, 300), word, word) | st.none()
        ),
        home_postcode=draw(postcode),
        nhs_number=draw(st.integers(0, 999_999).map(lambda n: nhs_number(f"999{n:06d}"))),
        case_reference=draw(st.builds("MOS-{}".format, st.integers(10_000, 9_999_999))),
        school=draw(st.builds("{} {}".format, word, st.sampled_from(["Academy", "School", ""]))),
        family_names=family,
    )


def variants(value: str) -> list[str]:
    return [value, value.upper(), value.lower(), value + "'s", value.upper() + "’S"]


@st.composite
def forms_with_text(draw: st.DrawFn) -> ReferralForm:
    form = draw(forms())
    values = identifying_values(form)
    chunk = st.one_of(st.sampled_from(FILLER), st.sampled_from(values).flatmap(
        lambda v: st.sampled_from(variants(v))
    ))  # fmt: skip
    for field in FREE_TEXT_FIELDS:
        chunks = draw(st.lists(chunk, max_size=30))
        separators = draw(st.lists(st.sampled_from([" ", ", ", ".\n", " (", ") "]), min_size=30))
        setattr(form, field, "".join(c + s for c, s in zip(chunks, separators, strict=False)))
    return form


def whole_occurrences(value: str, text: str) -> list[str]:
    """Where `value` appears in `text` (any case) not inside a longer word or number."""
    pattern = rf"(?<![^\W_]){re.escape(value)}(?![^\W_])"
    return re.findall(pattern, text, re.IGNORECASE)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms_with_text())
def test_no_identifying_value_survives(form: ReferralForm) -> None:
    result = anonymise(form, authority=None, today=TODAY)
    texts = [t for t in result.text.values() if t is not None]
    for value in identifying_values(form):
        for text in texts:
            assert not whole_occurrences(value, text), (value, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms(), st.data())
def test_scrubbed_text_passes_the_end_to_end_check(form: ReferralForm, data: st.DataObject) -> None:
    # The check other tests make on a broadcast e-mail (a plain substring search), made
    # against the same form with nothing inserted: a generated name such as "Lef" or "Chi"
    # may sit inside the scaffold's own words ("left", "child"), but the inserted copies
    # must add no occurrence at all.
    values = identifying_values(form)
    inserted = data.draw(st.lists(st.sampled_from(values).flatmap(
        lambda v: st.sampled_from(variants(v))
    ), max_size=20))  # fmt: skip

    def body(background: str) -> str:
        form.background = background
        text = anonymise(form, authority="Northby Council", today=TODAY).text
        return "\n\n".join(t for t in text.values() if t is not None).lower()

    scaffold = body("She said:  - and left.")
    scrubbed = body("She said: " + " / ".join(inserted) + " - and left.")
    assert not [v for v in values if scrubbed.count(v.lower()) > scaffold.count(v.lower())]


any_text = st.text(max_size=300)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.builds(
        ReferralForm,
        child_name=st.none() | any_text,
        known_as=st.none() | any_text,
        date_of_birth=st.none() | st.dates(),
        ethnicity=st.none() | any_text,
        religion=st.none() | any_text,
        language=st.none() | any_text,
        home_address=st.none() | any_text,
        home_postcode=st.none() | any_text,
        nhs_number=st.none() | any_text,
        case_reference=st.none() | any_text,
        school=st.none() | any_text,
        family_names=st.lists(st.builds(FamilyMember, any_text, any_text), max_size=3),
        location=st.none() | any_text,
        education=st.none() | any_text,
        background=st.none() | st.text(max_size=2000),
        strengths=st.none() | any_text,
        wishes=st.none() | any_text,
    ),
    st.dates(),
)
def test_anonymise_never_raises(form: ReferralForm, today: date) -> None:
    document = anonymise(form, authority=None, today=today).to_json()
    assert set(document) == {"profile", "text", "redactions"}
    assert all(isinstance(count, int) and count > 0 for count in document["redactions"].values())

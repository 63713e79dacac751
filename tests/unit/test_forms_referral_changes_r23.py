"""Referral reading, outside round R23: a value that gives two of its kind is asked about,
never read as its first (B08's text part, F04's legal statuses); a known-as remark left in
the child's name is the known-as name, and hides no duplicate (K01, K16)."""

from __future__ import annotations

import pytest

from broker.forms.referral import check_referral
from tests.unit.test_forms_docx import as_bytes, word_document
from tests.unit.test_forms_referral_round8 import _FORM, ON, REFERRAL, _form
from tests.unit.test_forms_referral_round8 import _checked as _checked_email
from workflows.duplicates import child_keys, same_child


def _checked(key: str, value: str) -> tuple[object, list[str]]:
    form, problems = check_referral({key: value}, REFERRAL, message_date=ON)
    return getattr(form, key), [p.problem for p in problems if p.field == key]


@pytest.mark.parametrize("value", [
    "21/12/2026 14/12/2026",  # the old one struck out beside the new, as the text part shows
    "21/12/2026 - 14/12/2026", "21/12/2026, 14/12/2026", "14/12/2026 or 21/12/2026",
    "14/12/2026 or 21/12/2026 at the latest", "21st December 14th December",
    "14th or 21st December", "Mon 14th or Tue 15th Dec",
])
def test_a_date_that_gives_two_days_is_asked_naming_both(value: str) -> None:
    read, [problem] = _checked("needed_from", value)
    assert read is None and "gives two dates" in problem and "December 2026 and" in problem


@pytest.mark.parametrize(("value", "day"), [
    ("14/12/2026 - 04/01/2027", "2026-12-14"),  # a range forwards starts on its first
    ("14/12/2026 not 21/12/2026", "2026-12-14"), ("end of term (18/12)", "2026-12-18"),
    ("14/12/2026 (court 10/12/2026)", "2026-12-14"), ("7th-14th Dec", "2026-12-07"),
    ("w/c 14/12", "2026-12-14"), ("14/12/2026 or 14.12.26", "2026-12-14"),
])
def test_one_day_or_a_range_is_read(value: str, day: str) -> None:
    read, problems = _checked("needed_from", value)
    assert (str(read), problems) == (day, [])


@pytest.mark.parametrize("value", [
    "CIN / CP plan \u2013 s20 being discussed with mum",  # only 'other' now: which is it?
    "Child in need \u2013 s20 planned", "S20 \u2013 ICO", "S20 and ICO",
    "CIN \u2013 ICO application being made",
])
def test_two_legal_statuses_neither_clearly_current_are_asked(value: str) -> None:
    read, [problem] = _checked("legal_status", value)
    assert read is None and ("names more than one legal status" in problem
                             or "is not a legal status" in problem)


@pytest.mark.parametrize(("value", "code"), [
    ("S20 \u2013 ICO application being made 10/12", "s20"),  # pending: not the status now
    ("S20 (previously ICO)", "s20"), ("S20 - EPO ended", "s20"),
    ("Interim care order under s.38 made 01/12/2026", "interim-care-order"),
    ("ICO (s.38) \u2013 final hearing listed March 2027", "interim-care-order"),
    ("Section 20 CA 1989", "s20"), ("CIN", "other"),
    ("EPO granted 04/12, ICO hearing Thurs 10/12", "other"),  # the EPO is in force
])
def test_one_current_legal_status_is_read(value: str, code: str) -> None:
    assert _checked("legal_status", value) == (code, [])


@pytest.mark.parametrize(("raw", "name", "known"), [
    ("Ellie-Mae Tranter (known as Ellie)", "Ellie-Mae Tranter", "Ellie"),
    ("Ellie-Mae Tranter, known as 'Ellie'", "Ellie-Mae Tranter", "Ellie"),
    ("Ellie-Mae Tranter aka Ellie", "Ellie-Mae Tranter", "Ellie"),
    ("Ellie-Mae Tranter - a.k.a. Ellie", "Ellie-Mae Tranter", "Ellie"),
    ("Ellie-Mae Tranter (Ellie)", "Ellie-Mae Tranter", "Ellie"),
    ("Ellie-Mae Tranter (goes by Ellie)", "Ellie-Mae Tranter", "Ellie"),
])
def test_a_known_as_remark_in_the_name_is_the_known_as_name(raw: str, name: str,
                                                            known: str) -> None:
    form, problems = check_referral({"child_name": raw}, REFERRAL, message_date=ON)
    assert (form.child_name, form.known_as) == (name, known)
    kept, _ = check_referral({"child_name": raw, "known_as": "Els"}, REFERRAL, message_date=ON)
    assert (kept.child_name, kept.known_as) == (name, "Els")  # the form's own is kept


@pytest.mark.parametrize("raw", ["Jade Smith nee Jones", "Liam O'Neil", "Kai Brown (twin)"])
def test_a_name_with_no_known_as_remark_is_kept(raw: str) -> None:
    form, _ = check_referral({"child_name": raw}, REFERRAL, message_date=ON)
    assert (form.child_name, form.known_as) == (raw, None)


def _keys(**fields: str) -> set[str]:
    return set(child_keys({"date_of_birth": "16/06/2012", **fields}, lambda key: key, ON))


@pytest.mark.parametrize("other", [
    "Ellie-Mae Tranter", "ELLIE-MAE  TRANTER", "Ellie Tranter", "Ellie-Mae Tranter aka Ellie",
    "Ellie-Mae 'Ellie' Tranter",
])
def test_the_same_child_is_found_whatever_remark_her_name_carries(other: str) -> None:
    first = _keys(child_name="Ellie-Mae Tranter (known as Ellie)")
    assert first & _keys(child_name=other)


def test_the_forms_known_as_is_a_second_name_to_find_the_child_by() -> None:
    assert _keys(child_name="Ellie-Mae Tranter", known_as="Ellie") & _keys(
        child_name="Ellie Tranter")
    assert not _keys(child_name="Ellie-Mae Tranter") & _keys(child_name="Ellie Tranter")
    assert not _keys(child_name="Jade Smith nee Jones") & _keys(child_name="Jade Jones")


# A change written outside the form, naming the field loosely (C04, I16): asked, never the
# form's old value sent. The form below gives "Needed from: 14/12/2026", "Residential".
@pytest.mark.parametrize("note", [
    "NB his date is wrong, it should be 18/12/2026.",
    "NB his date is wrong, it should be needed from 18/12/2026, the carers have agreed to "
    "keep her until then.",
    "Please note the date has changed since I wrote the form \u2013 the carers have now given "
    "notice to end on 18/12/2026, so she needs to move on 18/12/2026.",
    "Please note the date has changed - she now needs to move on 18/12/2026.",
    "The moving date should be 18/12/2026.", "Her move date has been put back to 18/12/2026.",
    "Sorry, the date on the form is wrong.",  # no new value: asked in the note's words
    "Sorry, typo in the form: it should be 18/12/2026.",
])
def test_a_note_changing_the_date_by_a_loose_name_is_asked(note: str) -> None:
    _, problems = _checked_email(f"Hi,\n\n{note}\n\nThanks\nHelen\n\n{_form()}")
    assert list(problems) == ["needed_from"]
    assert note[:30] in problems["needed_from"] or (  # the note quoted, or its value
        "'18/12/2026'" in problems["needed_from"])


@pytest.mark.parametrize("note", [
    "Please note the placement should be foster care, not residential.",
    "Sorry, the type of placement is wrong \u2013 it should be foster care.",
    "Correction: it should be foster care.",
])
def test_a_note_changing_the_placement_type_by_a_loose_name_is_asked(note: str) -> None:
    _, problems = _checked_email(f"Hi,\n\n{note}\n\n{_form()}")
    assert list(problems) == ["placement_type"]


@pytest.mark.parametrize("note", [
    "The date of the last review was 01/12/2026.",  # no change said
    "She has been waiting since 01/11/2026 and the placement is urgent.",
    "Please note the date she was placed with her aunt was 03/03/2020.",
    "Her date of birth is on the form.",
])
def test_a_date_mentioned_in_passing_is_no_change(note: str) -> None:
    _, problems = _checked_email(f"Hi,\n\n{note}\n\n{_form()}")
    assert problems == {}


def test_a_loose_note_agreeing_with_the_form_is_no_question() -> None:
    _, problems = _checked_email(
        f"Please note the date has changed \u2013 she now needs to move on 14/12/2026.\n\n"
        f"{_form()}")
    assert problems == {}


def test_a_note_in_the_body_beside_a_word_form_is_set_beside_its_value() -> None:
    # C04: the body says the date has changed; the attached form still says 14/12
    document = as_bytes(word_document([(label, value) for label, value in _FORM]))
    _, problems = _checked_email(
        "Referral attached. Please note the date has changed since I wrote the form \u2013 "
        "she needs to move on 21/12/2026. Everything else on the form is correct.", document)
    assert list(problems) == ["needed_from"]
    assert "21/12/2026" in problems["needed_from"] and "14/12/2026" in problems["needed_from"]


def test_an_incomplete_form_is_the_same_child_by_name_when_nothing_tells_them_apart() -> None:
    incomplete = {"child_name": "Chloe Ramsbottom"}  # its date of birth was missing
    assert same_child(incomplete, {"child_name": "Chloe Ramsbottom",
                                   "date_of_birth": "04/09/2012"}, ON)
    assert not same_child({**incomplete, "date_of_birth": "05/09/2012"},
                          {**incomplete, "date_of_birth": "04/09/2012"}, ON)
    assert not same_child({**incomplete, "nhs_number": "999 000 0115"},
                          {**incomplete, "nhs_number": "999 000 0123"}, ON)
    assert not same_child(incomplete, {"child_name": "Chloe Ramsden"}, ON)

"""The form specs in config/forms: the contract's labels, synonyms and codes, and strict loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from broker.forms import FormSpecError, load_form_spec, load_referral_spec, load_response_spec

CONFIG = Path(__file__).resolve().parents[2] / "config"
REFERRAL = load_referral_spec(CONFIG)
RESPONSE = load_response_spec(CONFIG)

REFERRAL_KEYS = [
    "child_name", "known_as", "date_of_birth", "gender", "ethnicity", "religion", "language",
    "home_address", "home_postcode", "nhs_number", "case_reference", "school", "family_names",
    "placement_type", "urgency", "needed_from", "duration", "siblings", "needs", "location",
    "education", "legal_status", "background", "strengths", "wishes", "budget_weekly",
]
REQUIRED = {
    "child_name", "date_of_birth", "gender", "home_postcode", "placement_type", "urgency",
    "needed_from", "needs", "background",
}
IDENTIFYING = {
    "child_name", "known_as", "date_of_birth", "home_address", "home_postcode", "nhs_number",
    "case_reference", "school", "family_names",
}
RESPONSE_KEYS = [
    "decision", "service_name", "urn", "ofsted_rating", "location", "weekly_fee",
    "additional_costs", "available_from", "proposal", "decline_reason", "contact",
]

# Every label and synonym the forms contract names, with the field it must find.
CONTRACT_REFERRAL_LABELS = [
    ("child_name", ["Child's name", "Name", "Child name", "Full name", "Name of child"]),
    ("known_as", ["Known as", "Preferred name", "Nickname"]),
    ("date_of_birth", ["Date of birth", "DOB", "D.O.B."]),
    ("gender", ["Gender", "Sex"]),
    ("ethnicity", ["Ethnicity", "Ethnic origin"]),
    ("religion", ["Religion", "Faith"]),
    ("language", ["First language", "Language"]),
    ("home_address", ["Home address", "Address", "Current address"]),
    ("home_postcode", ["Home postcode", "Postcode"]),
    ("nhs_number", ["NHS number", "NHS no", "NHS No."]),
    ("case_reference", ["Case reference", "LA reference", "Mosaic ID", "LCS ID", "Case ID"]),
    ("school", ["School", "Current school", "School name"]),
    ("family_names", ["Family members", "Parents", "Family", "Parents' names", "Siblings' names"]),
    ("placement_type", ["Placement type", "Type of placement", "Lot", "Placement required"]),
    ("urgency", ["Urgency", "Priority"]),
    ("needed_from", ["Needed from", "Start date", "Date required", "Required from"]),
    ("duration", ["Duration", "Length of placement", "Expected duration"]),
    ("siblings", ["Siblings to place together", "Sibling group", "Number of children"]),
    ("needs", ["Needs", "Needs categories", "Presenting needs", "Needs/Categories"]),
    ("location", ["Location requirements", "Location", "Area"]),
    ("education", ["Education", "Education needs", "Education provision"]),
    ("legal_status", ["Legal status", "Legal order", "Status"]),
    ("background", ["Background and risks", "Background", "Risks", "Reason for referral"]),
    ("strengths", ["Strengths and interests", "Strengths", "Interests", "What's going well"]),
    ("wishes", ["Child's wishes", "Views of the child", "Wishes and feelings"]),
    ("budget_weekly", ["Weekly budget", "Budget"]),
]
CONTRACT_RESPONSE_LABELS = [
    ("decision", ["Decision", "Response", "Can you meet needs", "Offer", "Outcome"]),
    ("service_name", ["Home or carer", "Service", "Establishment", "Home name", "Carer"]),
    ("urn", ["Ofsted URN", "URN", "Ofsted number"]),
    ("ofsted_rating", ["Ofsted rating", "Rating", "Latest Ofsted"]),
    ("location", ["Location", "Home location", "Postcode district"]),
    ("weekly_fee", ["Weekly fee", "Fee", "Cost", "Price", "Weekly cost"]),
    ("additional_costs", ["Additional costs", "Extras", "Additional services"]),
    ("available_from", ["Available from", "Start date", "Availability", "Can start"]),
    ("proposal", ["How we would meet needs", "Proposal", "Matching", "Our offer",
                  "Package of support"]),
    ("decline_reason", ["Decline reason", "Reason", "Reason for declining"]),
    ("contact", ["Contact", "Contact name", "Placements officer"]),
]


def test_referral_form_has_the_contract_fields_in_order() -> None:
    assert list(REFERRAL.keys) == REFERRAL_KEYS
    assert {f.key for f in REFERRAL.fields if f.required} == REQUIRED
    assert {f.key for f in REFERRAL.fields if f.identifying} == IDENTIFYING


def test_response_form_has_the_contract_fields_and_requirements() -> None:
    assert list(RESPONSE.keys) == RESPONSE_KEYS
    assert RESPONSE.keys is RESPONSE.keys  # made once, not at each of a reply's look-ups
    required_for = {f.key: set(f.required_for) for f in RESPONSE.fields if f.required_for}
    assert required_for == {
        "weekly_fee": {"offer"}, "available_from": {"offer"}, "service_name": {"offer"},
        "decline_reason": {"decline"},
    }


def test_every_field_a_reply_may_be_asked_for_says_what_we_need() -> None:
    """A request for a missing detail lists each one with its example ("What we need"): a
    code field's example names its codes, so a home asked for one has them to choose from."""
    asked = [f for f in RESPONSE.fields if f.required or f.required_for]
    assert all(f.example for f in asked), [f.key for f in asked if not f.example]
    reason = RESPONSE.field("decline_reason")
    assert all(code in reason.example for code in reason.code_list)


@pytest.mark.parametrize(
    ("spec", "key", "label"),
    [(REFERRAL, key, label) for key, labels in CONTRACT_REFERRAL_LABELS for label in labels]
    + [(RESPONSE, key, label) for key, labels in CONTRACT_RESPONSE_LABELS for label in labels],
)
def test_every_contract_label_and_synonym_is_recognised(spec, key, label) -> None:
    assert spec.field_for_label(label).key == key
    assert spec.field_for_label(label.upper() + ":").key == key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("**Child's name:**", "child_name"),
        ("**Child's name**:", "child_name"),
        ("__Child's name__", "child_name"),
        ("*Child’s name:*", "child_name"),
        ("  child's   NAME  ", "child_name"),
        ("- DOB", "date_of_birth"),
        ("* d.o.b.:", "date_of_birth"),
        ("• Needed from?", "needed_from"),
        ("Needed from ?", "needed_from"),
        ("1. Placement type", "placement_type"),
        ("Date of birth (dd/mm/yyyy)", "date_of_birth"),
        ("nhs no.", "nhs_number"),
        ("Needs / Categories", "needs"),
        ("Favourite colour", None),
        ("", None),
        ("Child's name and date of birth", None),
    ],
)
def test_labels_match_ignoring_case_bullets_bold_and_punctuation(typed, key) -> None:
    found = REFERRAL.field_for_label(typed)
    assert (found.key if found else None) == key


PLACEMENT_TYPES = [
    "fostering", "fostering-specialist", "parent-and-child", "residential", "residential-solo",
    "residential-disability", "sen-day", "sen-residential", "semi-independent",
]
NEED_CODES = [
    "semh", "asd", "adhd", "pmld", "sld", "mld", "pd", "hi", "vi", "medical", "cse", "cce",
    "self-harm", "violence", "substance", "missing", "offending", "mental-health", "uasc", "trauma",
]


@pytest.mark.parametrize(
    ("spec", "key", "codes"),
    [
        (REFERRAL, "placement_type", PLACEMENT_TYPES),
        (REFERRAL, "needs", NEED_CODES),
        (REFERRAL, "gender", ["male", "female", "non-binary", "unknown"]),
        (REFERRAL, "urgency", ["emergency", "urgent", "planned"]),
        (REFERRAL, "duration", ["emergency", "short-term", "long-term", "respite", "permanence"]),
        (REFERRAL, "legal_status",
         ["s20", "interim-care-order", "care-order", "placement-order", "remand", "other"]),
        (RESPONSE, "decision", ["offer", "interested", "decline", "withdrawn"]),  # + withdrawn
        (RESPONSE, "ofsted_rating",
         ["outstanding", "good", "requires-improvement", "inadequate", "not-yet-inspected"]),
        (RESPONSE, "decline_reason",
         ["no-vacancy", "cannot-meet-needs", "location", "matching", "price", "other"]),
    ],
)
def test_code_lists_are_the_contract_lists(spec, key, codes) -> None:
    assert list(spec.field(key).code_list) == codes
    assert all(spec.code_for(key, code) == code for code in codes)


@pytest.mark.parametrize(
    ("key", "text", "code"),
    [
        ("placement_type", "IFA", "fostering"),
        ("placement_type", "foster care", "fostering"),
        ("placement_type", "Fostering – standard", "fostering"),
        ("placement_type", "Therapeutic fostering", "fostering-specialist"),
        ("placement_type", "Enhanced", "fostering-specialist"),
        ("placement_type", "Children's home", "residential"),
        ("placement_type", "children’s HOME", "residential"),
        ("placement_type", "RCH", "residential"),
        ("placement_type", "Solo", "residential-solo"),
        ("placement_type", "CWD", "residential-disability"),
        ("placement_type", "Disabled children's home", "residential-disability"),
        ("placement_type", "Day special school", "sen-day"),
        ("placement_type", "52-week", "sen-residential"),
        ("placement_type", "38 week", "sen-residential"),
        ("placement_type", "38 week residential special school", "sen-residential"),
        ("placement_type", "52-Week Residential Special School", "sen-residential"),
        ("placement_type", "16+", "semi-independent"),
        ("placement_type", "Supported accommodation", "semi-independent"),
        ("placement_type", "Residential (children's home)", "residential"),
        ("placement_type", "a castle", None),
        ("needs", "ASC", "asd"),
        ("needs", "Autism", "asd"),
        ("needs", "county lines", "cce"),
        ("needs", "Gang affiliation", "cce"),
        ("needs", "BESD", "semh"),
        ("needs", "EBD", "semh"),
        ("needs", "social, emotional and mental health", "semh"),
        ("needs", "CSE risk", "cse"),
        ("needs", "Violent or aggressive behaviour", "violence"),
        ("needs", "drugs", "substance"),
        ("needs", "missing episodes", "missing"),
        ("needs", "Unaccompanied asylum-seeking child", "uasc"),
        ("needs", "self harm", "self-harm"),
        ("needs", "complex health", "medical"),
        ("gender", "F", "female"),
        ("gender", "Non binary", "non-binary"),
        ("gender", "N/K", "unknown"),
        ("legal_status", "Section 20", "s20"),
        ("legal_status", "S.20", "s20"),
        ("legal_status", "ICO", "interim-care-order"),
        ("urgency", "Emergency placement", "emergency"),
        ("duration", "Long term", "long-term"),
    ],
)
def test_code_for_maps_synonyms_ignoring_case_and_punctuation(key, text, code) -> None:
    assert REFERRAL.code_for(key, text) == code


def test_exact_code_lookup_does_not_drop_remarks() -> None:
    assert REFERRAL.code_for("needs", "SEMH/ASD") == "semh"
    assert REFERRAL.code_for("needs", "SEMH/ASD", exact=True) is None


@pytest.mark.parametrize(
    ("text", "answer"),
    [("Yes", "yes"), ("y", "yes"), ("Yes, we can meet needs", "yes"), ("No", "no"),
     ("No - sorry", "no"), ("Unfortunately not", "no"), ("Maybe later", None)],
)
def test_yes_and_no_answers(text, answer) -> None:
    assert RESPONSE.answer_for(text) == answer


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "form.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD_FIELD = "  - {key: name, label: Name, kind: text}\n"


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("form: test\nfields:\n" + GOOD_FIELD + "  - {key: other, label: Other, synonyms: [name],"
         " kind: text}\n", 4, "claimed by both"),
        ("form: test\nfields:\n" + GOOD_FIELD + "  - {key: when, label: When, kind: datetime}\n",
         4, "kind 'datetime'"),
        ("form: test\nfields:\n" + GOOD_FIELD + "  - {key: when, label: When, kind: date,"
         " requird: true}\n", 4, "unknown entry 'requird'"),
        ("form: test\nfields:\n" + GOOD_FIELD + "  - {key: ok, label: OK, kind: text,"
         " synonyms: [yes]}\n", 4, "quote words"),
        ("form: test\nfields:\n" + GOOD_FIELD + "  - {key: c, label: C, kind: code}\n",
         4, "exactly when its kind is code"),
        ("form: test\nfields:\n  - {key: c, label: C, kind: code, codes: {a: [x], b: [X]}}\n",
         3, "means both"),
        ("form: test\nfields:\n  - {key: a, label: A, kind: text\n", 4, "not valid YAML"),
        ("form: test\nfields: []\n", 1, "non-empty list"),
    ],
)
def test_a_bad_form_file_names_its_line(tmp_path, text, line, says) -> None:
    with pytest.raises(FormSpecError) as raised:
        load_form_spec(_write(tmp_path, text))
    assert raised.value.line == line
    assert says in str(raised.value)
    assert str(raised.value).startswith(f"{tmp_path / 'form.yaml'}:{line}: ")


def test_a_prose_rule_must_mean_a_decision(tmp_path) -> None:
    text = (
        "form: test\nfields:\n  - {key: decision, label: Decision, kind: code,"
        " codes: {offer: [], decline: []}}\nprose:\n  - {means: maybe, phrases: [perhaps]}\n"
    )
    with pytest.raises(FormSpecError, match="'maybe', not a decision"):
        load_form_spec(_write(tmp_path, text))


def test_a_missing_form_file_is_a_form_spec_error(tmp_path) -> None:
    with pytest.raises(FormSpecError, match="cannot read"):
        load_referral_spec(tmp_path)


def test_a_consortium_can_add_a_synonym_in_configuration(tmp_path) -> None:
    text = (CONFIG / "forms" / "referral.yaml").read_text(encoding="utf-8")
    text = text.replace("Gender identity]", "Gender identity, Kön]")
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "referral.yaml").write_text(text, encoding="utf-8")
    assert load_referral_spec(tmp_path).field_for_label("Kön:").key == "gender"
    assert REFERRAL.field_for_label("Kön:") is None

"""`broker config check`: each kind of problem is found, in the right file, at the right line.

Each case writes a small valid configuration into tmp_path, changes one line of it, and expects
a problem at the line where the change was made.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from broker.directory import ConfigError, ConfigProblem, check_config, load_directory
from tests.factories import CONFIG

AUTHORITIES = """\
authorities:
  northby:
    name: Northby Council
    domains: [northby.gov.example]
    referrers: [sam.taylor@northby.gov.example]
    placements_team: placements@northby.gov.example
    commissioners: [alex.morgan@northby.gov.example]
  eastmere:
    name: Eastmere Council
    domains: [eastmere.gov.example]
    placements_team: placements@eastmere.gov.example
"""
ARRANGEMENTS = """\
arrangements:
  residential:
    name: Residential Framework
    kind: framework
    lots: [residential, residential-solo]
    members: [northby, eastmere]
    ofsted_floor: good
    max_distance_km: 60
    quality_weight: 60
    price_weight: 40
    starts: 2024-04-01
    ends: 2028-03-31
  fostering:
    name: Fostering DPS
    kind: dps
    lots: [fostering]
    members: [northby]
    quality_weight: 80
    price_weight: 20
    starts: 2023-09-01
"""
HOMES = """\
organisations:
  larch-care:
    name: Larch Care Ltd
    domains: [larchcare.example]
    contacts: [referrals@larchcare.example]
    establishments:
      larch-house:
        name: Larch House
        kind: childrens-home
        urn: SC481230
        ofsted_rating: good
        outward_code: SE22
        lots: [residential]
        needs: [semh, cse, missing]
        ages: 12-17
        genders: [female]
        capacity: 1
        arrangements: [residential]
        contacts: [larch.house@larchcare.example]
"""
FOSTERING = """\
organisations:
  skylark:
    name: Skylark Fostering
    domains: [skylark.example]
    contacts: [referrals@skylark.example]
    establishments:
      skylark-london:
        name: Skylark London
        kind: fostering-service
        ofsted_rating: good
        outward_code: SW9
        lots: [fostering]
        needs: [semh]
        ages: 0-17
        capacity: 2
        arrangements: [fostering]
"""
PLACES = """\
outward_code,latitude,longitude,region
SE15,51.469,-0.066,London
SE22,51.452,-0.070,London
SW9,51.469,-0.112,London
"""
FILES = {
    "authorities.yaml": AUTHORITIES,
    "arrangements.yaml": ARRANGEMENTS,
    "providers/homes.yaml": HOMES,
    "providers/fostering.yaml": FOSTERING,
    "places.csv": PLACES,
}


def write_config(root: Path, changes: dict[str, tuple[str, str]] | None = None) -> Path:
    """The small valid config, with `file: (old, new)` text replacements applied."""
    for name, text in FILES.items():
        if changes and name in changes:
            old, new = changes[name]
            assert old in text, f"{old!r} is not in {name}"
            text = text.replace(old, new, 1)
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    for form in ("referral", "response"):  # the service cannot read mail without them
        (root / "forms").mkdir(exist_ok=True)
        (root / "forms" / f"{form}.yaml").write_text(
            (CONFIG / "forms" / f"{form}.yaml").read_text())
    return root


def line_of(root: Path, file: str, fragment: str) -> int:
    lines = (root / file).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if fragment in line)


def test_the_small_config_is_valid(tmp_path: Path) -> None:
    assert check_config(write_config(tmp_path)) == []
    directory = load_directory(tmp_path)
    assert list(directory.establishments) == ["skylark-london", "larch-house"]


HOME = "providers/homes.yaml"
ARR = "arrangements.yaml"
AUTH = "authorities.yaml"
CASES = [
    # file, old text, new text, fragment of the line to expect, words in the message
    (HOME, "ofsted_rating: good", "ofsted_ratng: good", "ofsted_ratng",
     "did you mean 'ofsted_rating'"),
    (HOME, "        capacity: 1\n", "", "larch-house:", "missing 'capacity'"),
    (HOME, "capacity: 1", "capacity: one", "capacity: one", "whole number"),
    (HOME, "capacity: 1", "capacity: -1", "capacity: -1", "at least 0"),
    (HOME, "capacity: 1", "capacity: true", "capacity: true", "whole number"),
    (HOME, "capacity: 1\n", "capacity: 1\n        capacity: 2\n", "capacity: 2",
     "duplicate key 'capacity'"),
    (HOME, "ofsted_rating: good", "ofsted_rating: goood", "goood", "did you mean 'good'"),
    (HOME, "ages: 12-17", "ages: 17-12", "ages: 17-12", "lower to a higher age"),
    (HOME, "ages: 12-17", "ages: twelve", "ages: twelve", "age range"),
    (HOME, "needs: [semh, cse, missing]", "needs: [semh, cse,\n          misssing]", "misssing",
     "unknown need code 'misssing' (did you mean 'missing'?)"),
    (HOME, "lots: [residential]", "lots: [residential, fostering]", "lots:",
     "lot 'fostering' is not"),
    (HOME, "lots: [residential]", "lots: [residental]", "lots:", "did you mean 'residential'"),
    (HOME, "arrangements: [residential]", "arrangements: [residentail]", "arrangements:",
     "unknown arrangement 'residentail'"),
    (HOME, "outward_code: SE22", "outward_code: SE99", "outward_code", "SE99 is not in places.csv"),
    (HOME, "outward_code: SE22", "outward_code: Peckham", "outward_code", "not an outward code"),
    (HOME, "genders: [female]", "genders: [female, girl]", "genders", "unknown gender 'girl'"),
    (HOME, "kind: childrens-home", "kind: care-home", "kind:", "unknown kind 'care-home'"),
    (HOME, "urn: SC481230", "urn: 12AB", "urn:", "not an Ofsted URN"),
    (HOME, "contacts: [larch.house@larchcare.example]", "contacts: [larch.house@larchcare.exmple]",
     "larch.house@", "not at larch-care's domains"),
    (HOME, "contacts: [larch.house@larchcare.example]", "contacts: [larch.house.larchcare.example]",
     "larch.house", "not an email address"),
    (HOME, "  larch-care:", "  Larch Care:", "Larch Care:", "not a key"),
    (HOME, "organisations:", "organizations:", "organizations:",
     "should start with 'organisations:'"),
    (HOME, "    establishments:", "    establishment:", "establishment:",
     "did you mean 'establishments'"),
    (HOME, "ages: 12-17", "ages: 12-17: 12", "ages", "not valid YAML"),
    (HOME, "ages: 12-17\n", "ages: [12-17,\n", "capacity:", "flow sequence at line 15"),
    (HOME, "larch-house:", "skylark-london:", "skylark-london:",
     "establishment key 'skylark-london' is used twice (first at providers/fostering.yaml:7)"),
    (HOME, "domains: [larchcare.example]", "domains: [larchcare.example, skylark.example]",
     "domains:", "domain 'skylark.example' also belongs to organisation 'skylark'"),
    ("providers/fostering.yaml", "domains: [skylark.example]", "domains: [northby.gov.example]",
     "domains:", "member authority's domain"),
    # a public mail service's domain would let every mailbox there speak for the provider
    (HOME, "domains: [larchcare.example]", "domains: [larchcare.example, gmail.com]",
     "domains:", "domain 'gmail.com' is a public mail service's"),
    (HOME, "domains: [larchcare.example]", "domains: [larchcare.example, Hotmail.co.uk]",
     "domains:", "list each address that does in `contacts`"),
    ("providers/fostering.yaml", "domains: [skylark.example]", "domains: [yahoo.fr]",
     "domains:", "can never speak for skylark"),
    (AUTH, "domains: [eastmere.gov.example]", "domains: [eastmere.gov.example, outlook.com]",
     "eastmere.gov.example, outlook", "list each address that does as a referrer"),
    # a provider admitted from a shared mail service owns no domain; its contacts speak for it
    (HOME, "    domains: [larchcare.example]\n    contacts: [referrals@larchcare.example]\n",
     "", "name: Larch Care Ltd", "no domains and no contacts"),
    (ARR, "members: [northby, eastmere]", "members: [northby, eastmer]", "members:",
     "unknown authority 'eastmer' (did you mean 'eastmere'?)"),
    (ARR, "lots: [residential, residential-solo]", "lots: [residential, residential-sol]", "lots:",
     "unknown lot 'residential-sol'"),
    (ARR, "price_weight: 40", "price_weight: 50", "price_weight", "add up to 100"),
    (ARR, "ends: 2028-03-31", "ends: 2023-03-31", "ends:", "before it starts"),
    (ARR, "starts: 2024-04-01", "starts: April 2024", "starts:", "YYYY-MM-DD"),
    (ARR, "ofsted_floor: good", "ofsted_floor: not-yet-inspected", "ofsted_floor",
     "unknown rating"),
    (ARR, "kind: framework", "kind: bazaar", "kind:", "unknown kind 'bazaar'"),
    (ARR, "max_distance_km: 60", "max_distance_km: -5", "max_distance_km", "positive number"),
    (ARR, "    kind: dps\n", "    kind: dps\n    kind: approved-list\n", "approved-list",
     "duplicate key 'kind' (first written at line"),
    (AUTH, "placements_team: placements@northby.gov.example", "placements_team: placements",
     "placements_team: placements", "not an email address"),
    (AUTH, "domains: [eastmere.gov.example]",
     "domains: [eastmere.gov.example, northby.gov.example]",
     "eastmere.gov.example, northby",
     "domain 'northby.gov.example' also belongs to authority 'northby'"),
    (AUTH, "domains: [northby.gov.example]", "domains: [northby gov example]", "domains:",
     "not a domain name"),
    (AUTH, "    name: Eastmere Council\n", "", "eastmere:", "missing 'name'"),
    ("places.csv", "SW9,51.469,-0.112,London", "SW9,51.469,west,London", "SW9", "decimal degrees"),
    ("places.csv", "SE22,51.452,-0.070,London", "SE22,-0.070,51.452,London", "SE22",
     "not in England"),
    ("places.csv", "SW9,51.469,-0.112,London",
     "SE22,51.469,-0.112,London\nSW9,51.469,-0.112,London",
     "SE22,51.469", "listed twice"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "at", "words"), CASES)
def test_a_problem_is_reported_at_its_file_and_line(
    tmp_path: Path, file: str, old: str, new: str, at: str, words: str
) -> None:
    root = write_config(tmp_path, {file: (old, new)})
    problems = check_config(root)
    expected_line = line_of(root, file, at)
    found = [p for p in problems if p.file == file and words in p.message]
    assert found, f"no problem saying {words!r} in {file}; got {problems}"
    assert expected_line in [p.line for p in found], problems


def test_a_missing_file_is_a_problem_of_the_whole_file(tmp_path: Path) -> None:
    write_config(tmp_path)
    (tmp_path / "authorities.yaml").unlink()
    problems = check_config(tmp_path)
    assert ConfigProblem("authorities.yaml", 0, "the file is missing") in problems
    assert any("unknown authority 'northby'" in p.message for p in problems)


def test_a_places_file_saved_from_a_spreadsheet_loads(tmp_path: Path) -> None:
    write_config(tmp_path)
    (tmp_path / "places.csv").write_text(PLACES.replace("\n", "\r\n"), encoding="utf-8-sig")
    assert check_config(tmp_path) == []


def test_load_raises_with_every_problem_listed_as_file_line_message(tmp_path: Path) -> None:
    root = write_config(
        tmp_path,
        {HOME: ("capacity: 1", "capacity: -1"), ARR: ("price_weight: 40", "price_weight: 45")},
    )
    with pytest.raises(ConfigError) as raised:
        load_directory(root)
    problems = raised.value.problems
    assert [p.file for p in problems] == [ARR, HOME]
    assert str(raised.value).splitlines() == [f"{p.file}:{p.line}: {p.message}" for p in problems]
    assert str(raised.value).startswith("arrangements.yaml:10: arrangement 'residential': ")


FORM_WITH_FIELDS = """\
fields:
  - key: placement_type
    codes:
      residential: [Children's home]
      fostering: [IFA]
  - key: needs
    codes:
      semh: [SEMH]
      cse: [CSE]
      missing: [Missing episodes]
"""
FORM_WITH_LISTS = """\
placement_types: [residential, fostering]
need_codes:
  - {code: semh}
  - {code: cse}
  - {code: missing}
"""


@pytest.mark.parametrize("form", [FORM_WITH_FIELDS, FORM_WITH_LISTS])
def test_lots_and_needs_come_from_the_consortiums_referral_form(tmp_path: Path, form: str) -> None:
    root = write_config(tmp_path)
    (root / "forms" / "referral.yaml").write_text(form)
    # (A form with only lists is no form the service can read: that is its own problem.)
    problems = [p for p in check_config(root) if not p.file.startswith("forms/")]
    assert [(p.file, p.line) for p in problems] == [(ARR, 5)]
    assert "unknown lot 'residential-solo'" in problems[0].message
    assert problems[0].message.endswith("expected one of: residential, fostering")


def test_without_a_form_the_default_lists_apply(tmp_path: Path) -> None:
    root = write_config(
        tmp_path, {HOME: ("needs: [semh, cse, missing]", "needs: [semh, uasc, trauma, pmld]")}
    )
    assert check_config(root) == []


def test_a_quorum_no_authority_could_reach_is_refused_with_its_line(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(CONFIG, tmp_path / "c")
    path = tmp_path / "c" / "authorities.yaml"
    assert check_config(tmp_path / "c", approvals_needed=2) == []  # the samples are sound
    text = path.read_text()
    path.write_text(text.replace("    quorum: 1   #", "    quorum: 3   #", 1)
                    .replace("    quorum: 1\n", "", 1))
    problems = check_config(tmp_path / "c", approvals_needed=2)
    assert [(p.file, p.line) for p in problems] == [
        ("authorities.yaml", line_of(tmp_path / "c", "authorities.yaml", "quorum: 3")),
        ("authorities.yaml", line_of(tmp_path / "c", "authorities.yaml",
                                     "claire.dunmore@millbridge") - 1)]
    assert "more than its 1 commissioner" in problems[0].message
    assert "BROKER_APPROVALS_NEEDED is 2" in problems[1].message


def test_a_homes_contact_at_a_public_mail_service_is_that_one_mailbox(tmp_path: Path) -> None:
    """Listed, a home's Gmail address is accepted: it is the only way to reach that home,
    and no other mailbox at Gmail speaks for it. An address at another organisation's
    domain is refused, and the refusal never invites adding a mail service's domain."""
    home = "contacts: [larch.house@larchcare.example]"
    root = write_config(tmp_path, {HOME: (home, "contacts: [larchhouse.manager@gmail.com]")})
    assert check_config(root) == []
    root = write_config(tmp_path / "typo", {HOME: (home, "contacts: [larch.house@gmial.com]")})
    [problem] = check_config(root)
    assert "correct it if it is a typo" in problem.message
    assert "only if the organisation owns it" in problem.message


def test_a_public_mail_domain_that_slipped_into_the_directory_speaks_for_nobody(
        tmp_path: Path) -> None:
    """Defence in depth: with gmail.com among an organisation's and an authority's domains
    (a directory not checked, or edited in the database), a stranger's Gmail address is
    neither the council's nor the provider's; the home's own listed address still is."""
    from broker.directory.directory import Directory
    from workflows.permissions import speaks_for

    directory = load_directory(write_config(tmp_path))
    larch = directory.organisation("larch-care")
    northby = directory.authority("northby")
    assert larch is not None and northby is not None
    larch.domains.append("gmail.com")
    larch.contacts.append("larchhouse.manager@gmail.com")
    northby.domains.append("googlemail.com")
    slipped = Directory(directory.authorities.values(), directory.arrangements.values(),
                        directory.organisations.values(), directory.establishments.values(),
                        directory.places.values())
    assert slipped.organisation_for_domain("gmail.com") is None
    assert slipped.organisation_for_domain("larchcare.example") is larch
    assert slipped.authority_for_sender("anyone@googlemail.com") is None
    assert not speaks_for(slipped, "larch-house", "random.person@gmail.com")
    assert speaks_for(slipped, "larch-house", "larchhouse.manager@gmail.com")
    assert speaks_for(slipped, "larch-house", "manager@larchcare.example")


def test_the_services_mail_domain_is_no_members_or_providers_own(tmp_path: Path) -> None:
    """BROKER_MAIL_DOMAIN at a council's own domain would let its people's signed mail to
    each other pass for mail to the service: refused, at the domain's line. A subdomain of
    its own is fine."""
    root = write_config(tmp_path)
    assert check_config(root, mail_domain="referrals.northby.gov.example") == []
    for domain, file, where in (("Northby.gov.example", AUTH, "northby.gov.example]"),
                                ("larchcare.example", HOME,
                                 "domains: [larchcare.example]")):
        problems = check_config(root, mail_domain=domain)
        assert [(p.file, p.line) for p in problems] == [(file, line_of(root, file, where))]
        assert "BROKER_MAIL_DOMAIN" in problems[0].message

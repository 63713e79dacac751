"""`broker anonymise` and `broker parse-response` refuse what is not an email or a text form:
one line on stderr, exit 2, nothing on stdout. A reply to a signed reply address is read with
the home that address names. Everything here is fictional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from broker.cli import main
from broker.tokens import reply_address
from tests.factories import CONFIG, SAMPLE_REFERRAL

SECRET = "cli-test-secret"


@pytest.fixture(autouse=True)
def _config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BROKER_CONFIG_DIR", str(CONFIG))
    monkeypatch.setenv("BROKER_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("BROKER_SECRET_KEY", SECRET)


def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


NOT_FORMS = {
    "statement.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "photo.bin": bytes(range(256)) * 8,
    "blank.txt": b"",
    "spaces.txt": b"  \n\n\t \n",
    "shopping.txt": b"Milk, bread and eggs.\nRing the garage about the MOT on Thursday.\n",
    "form.docx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
}


@pytest.mark.parametrize("command", ["anonymise", "parse-response"])
@pytest.mark.parametrize("name", sorted(NOT_FORMS))
def test_input_that_is_not_an_email_or_a_form_is_one_line_and_exit_2(
    command: str, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, name, NOT_FORMS[name])
    assert main([command, "--json", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("broker: ") and name in err


@pytest.mark.parametrize("command", ["anonymise", "parse-response"])
def test_a_directory_is_refused_in_one_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "directory" in err


def test_a_plain_text_reply_form_is_read(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "reply.txt", "Decision: Offer\nHome or carer: Wrenfield House\n"
                  "Weekly fee: £4,310\nAvailable from: 07/12/2026\n".encode())
    assert main(["parse-response", "--json", str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["decision"], printed["weekly_fee"], printed["missing"]) == (
        "offer", 4310.0, [])


def test_a_plain_text_reply_in_prose_is_read(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "reply.txt", b"Sorry - no vacancies here until the spring.\n")
    assert main(["parse-response", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["decline_reason"] == "no-vacancy"


def test_a_referral_form_in_windows_1252_text_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "form.txt", SAMPLE_REFERRAL.encode("cp1252", "replace"))
    assert main(["anonymise", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["profile"]["needs"] == ["semh", "cse", "missing"]


def test_a_reply_to_a_signed_address_is_not_asked_which_home_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    address = reply_address(SECRET.encode(), 41, "kestrel-house", "broker.localhost")
    raw = (f"From: referrals@kestrelhomes.example\nTo: {address}\n"
           "Subject: RE: Referral REF-2026-000041\nDate: Mon, 23 Nov 2026 10:00:00 +0000\n\n"
           "We would like to offer a place at £5,050 per week from 07/12/2026.\n").encode()
    path = _write(tmp_path, "reply.eml", raw)
    assert main(["parse-response", "--json", str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["decision"], printed["service_name"], printed["missing"]) == (
        "offer", "Kestrel House", [])


def test_a_reply_quoting_our_referral_is_read_for_the_home_it_greets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unsigned, the reply address names no home; our quoted referral's greeting does, so
    the other home's line under this one's is not read as this home's offer."""
    raw = ("From: referrals@kestrelhomes.example\nTo: providers@placements.example\n"
           "Subject: RE: Referral REF-2026-000041\nDate: Wed, 2 Dec 2026 10:00:00 +0000\n\n"
           "Hi,\n\nRosewood Lodge: can offer from 14/12 at £4,900 pw.\nElm Court: full.\n\n"
           "Kofi\n\nFrom: Placement Referrals <providers@placements.example>\n"
           "Sent: 30 November 2026 10:15\nTo: Kestrel Homes <referrals@kestrelhomes.example>\n"
           "Subject: Referral REF-2026-000041\n\nDear Elm Court placements team,\n\n"
           "Northby Council is looking for a residential placement.\n").encode()
    path = _write(tmp_path, "reply.eml", raw)
    assert main(["parse-response", "--json", str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["decision"], printed["weekly_fee"], printed["service_name"]) == (
        "decline", None, "Elm Court")

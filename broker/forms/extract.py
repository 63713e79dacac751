"""Reading a form's fields out of text, HTML or a Word document.

A field is a `Label: value` line, or a table row whose first cell is a label. A value continues
on the following lines until the next recognised label; a blank line ends it, except in a
free-text field (`paragraphs` in the form spec), which keeps its paragraph breaks. A field
given twice with different values is a conflict; given twice alike (a form pasted twice), it is
not. A list field (family members, needs) given under two of its different labels ("Parents'
names" and "Siblings' names") is one list: the values are joined, not a conflict; so is a
free-text field given twice ("Background:" and later "Risks:", its synonym); and within free
text, a field the form has already given, followed by a sentence ("Family: Brooke lives
with her mum and …"), is a sub-heading of the narrative, not that field again. Everything
here runs in time linear in the input: no pattern can backtrack across lines, and each value
is capped.

A `Label: value` line (or a two-cell row) whose label no field knows, outside any free-text
field, goes nowhere: it is kept in `unread`, so that the social worker can be told that
"Siblings to be moved together: 2" was not read, rather than lose it without a word. A mail
header, a contact detail and the referrer's own block are not listed. Outside free text such
a line also ends the one-line value (or the list of needs) above it, in the referral; a
provider's answer keeps every line under its field, since its prose is read whole.

A block about someone else ("Brother's details (NOT part of this referral)", "BABY'S
DETAILS") holds that person's name, date of birth and gender, not the child's, as a
"Referrer details" block holds the social worker's. Such a block's fields are set aside, not
lost: in a parent-and-child referral that gives the child's details nowhere else, the one
parent's block ("PARENT'S DETAILS", "Mother's details") is the young parent's own, the person
placed, and is read as the child's; any other field set aside and not given elsewhere is
named in `set_aside` with its heading, so that the social worker is told where it was, never
that no value was given. Such a block's heading is read on a line of its own wherever it
stands, a blank line above it or not, and a form's section heading ("Section C – Background",
"Part 2: The child") ends the value above it, as its row across the table does in the HTML.
And a note outside the form that changes
one of its fields ("Please note urgency has now changed to emergency", see noted_changes.py)
is set beside the form's value: a conflict to ask about when they differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from broker.forms.anothers_words import opens_anothers_words
from broker.forms.banners import is_a_banner_or_marking
from broker.forms.docx_items import UnreadableDocument, docx_items
from broker.forms.family import family_from_rows
from broker.forms.html_items import html_items
from broker.forms.items import BREAK, CUT, Item, Row, text_items
from broker.forms.layouts import (
    ROWS_UNDER_A_HEADER,
    grouped_rows_apart,
    header_row,
    side_by_side_apart,
)
from broker.forms.noted_changes import (
    ADDED_BY_A_NOTE,
    Addition,
    Reported,
    changes_noted,
    list_items,
)
from broker.forms.page_breaks import across_page_breaks
from broker.forms.quotes import cut_signature
from broker.forms.reply_headers import history_start
from broker.forms.sentence_fields import IN_A_SENTENCE, fields_in_a_sentence
from broker.forms.spec import ONE_LINE_KINDS, FieldSpec, FormSpec
from broker.forms.ticks import TICK, TICKED_BOX, opens_with_box
from broker.forms.values import BRACKETED_PERIOD, parse_uk_date
from broker.forms.words import normalise_label, normalise_words

__all__ = [
    "ExtractedFields",
    "UnreadableDocument",
    "fields_from_docx",
    "fields_from_html",
    "fields_from_items",
    "fields_from_text",
    "same_meaning",
]

MAX_VALUE_CHARS = 20_000
_LABEL_SEARCH_CHARS = 120
_DASH = re.compile(r"\s[-\u2013\u2014]\s")
# "Siblings:- 1", "Gender:-Female", "Urgency: - Urgent": a dash that only ends the label.
_COLON_DASH = re.compile(r"^(?:[-\u2013\u2014]|\s+[-\u2013\u2014](?=\s))")
# A line labelled with a dash, not a colon: "Background and risks - Connor has lived …". In a
# form of such lines (this many fields so far), a dash ends the free text above it too.
_DASH_LABEL = re.compile(r"[ \t]*[^:?\t\n]{1,60}?\s[-\u2013\u2014]\s")
_A_FORM_OF_DASHES = 4
# Dot leaders between a label and its value, as a case system prints a form: "Gender
# ........ Female".
_DOT_LEADERS = re.compile(r"[ \t]*(?:\.[ \t]?){3,}[ \t]*|[ \t]*\u2026+[ \t]*")
# A question's number in a cell of its own before the label: "2.5⇥Placement type⇥…".
_NUMBER_CELL = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,2}\.?\t")
# A line that is a label of its own ("Education fee: £1,200"), which a blank one-line field
# before it must not take for its value.
_ANOTHER_LABEL = re.compile(r"^\s*[A-Za-z][\w'’ ()/&-]{1,40}:\s*\S")
_SEPARATOR_LINE = re.compile(r"^\s*(?:[-_=*~]\s*){5,}$")
# Lines under a value that are more of it, though labelled: a contact's details ("Tel: …"),
# an address's parts ("Town: …").
_DETAIL_OF_A_VALUE = re.compile(
    r"^\s*(?:t|tel|telephone|phone|ph|m|mob|mobile|e|email|e-mail|f|fax|w|web|website|ext|"
    r"direct\s+(?:line|dial)|office|work|home|address|street|road|town|city|county|area|"
    r"flat|house|village)\s*[:.]", re.IGNORECASE)
# Labels whose line is never a lost detail of the child: a forwarded message's headers, a
# link, a salutation's "Re:".
_NEVER_UNREAD = re.compile(
    r"^\W*(?:from|sent|to|cc|bcc|subject|date|importance|attachments?|reply[\s-]to|"
    r"on\s+behalf\s+of|https?|mailto|www|re|fw|fwd|tel|ps|p\.s)\W*:", re.IGNORECASE)
# A postscript opening a paragraph: "PS – …", "P.S. …", "PPS", "Update: …", "Correction – …".
_POSTSCRIPT = re.compile(r"\s*(?:p\.?\s?p?\.?\s?s\b\.?|update\b|correction\b)", re.IGNORECASE)
_CONFLICTING_SHOWN = 3  # a field's different values kept, to show the social worker
MAX_UNREAD = 12  # lines listed at most; each cut at MAX_UNREAD_CHARS
MAX_UNREAD_CHARS = 160
_DECORATION = "*_ \t"
# One-line kinds whose value a labelled line under it ends, in a form with no prose reading
# (the referral): a fee's may go on ("£4,900 base" over "Solo uplift: £600") and is read
# whole, and in a provider's answer every line under a field is read for what it says
# ("Can you meet needs: Yes" over "Vacancy: No - full until March").
_ENDED_BY_A_LABEL = ONE_LINE_KINDS - {"money"}
# A labelled line no fee goes on with: the child's age ("Weekly budget: £4,000" over "Age:
# 12"), which is then not read and so checked against the date of birth.
_NO_PART_OF_A_FEE = re.compile(r"[ \t]*(?:current[ \t]+)?age[ \t]*:", re.IGNORECASE)
_IN_SENTENCES = object()  # an event: the fields below were written in a sentence
_LIST_KINDS = frozenset({"family", "codes"})  # kinds whose value is a list of items
_LIST_JOINER = "; "  # both list readers split items at semicolons
# A heading alone on its line ("Referrer details", "Child's details:", "PLACEMENT").
_HEADING = re.compile(r"^[\W_]*([A-Za-z][\w'\u2019 &/-]{0,50}?)[\s:*_]*$")
# A form's section heading on a line of its own: "Section C – Background", "Part 2: The
# child", "SECTION B", with the words after its number (a letter, a Roman numeral or a number
# below 10: "Section 20 – voluntary" under "Legal status:" is the status, not a heading).
_A_SECTION = re.compile(
    r"[ \t*_]*(?i:section|part)[ \t]+(?:[A-Z]|[IVX]{1,4}|[1-9](?:\.\d{1,2})?)\b"
    r"(?:[ \t]*[-\u2013\u2014:.)][ \t]*(?P<words>[A-Za-z][\w'\u2019 &/,()-]{0,60}?))?"
    r"[ \t*_:]*")
# A section about whoever is referring: its "Name:" is the social worker's, not the child's.
_REFERRER_HEADING = re.compile(
    r"(?:the\s+)?(?:referrer|referrer\W?s|referring(?:\s+social)?\s+worker|(?:allocated\s+)?"
    r"social\s+worker(?:\W?s)?|your|(?:person|professional)\s+(?:making|completing)\s+(?:the|this)"
    r"\s+referral|referring\s+professional(?:\W?s)?"
    r"|referred\s+by|completed\s+by)(?:\s+(?:details|information|info|contact\s+details))?"
    r"|(?:details|information)\s+(?:of|about)\s+(?:the\s+)?(?:referrer|social\s+worker)",
    re.IGNORECASE)
_REFERRER_FIELDS = frozenset({"child_name", "home_address", "home_postcode"})
# A section about someone else in the child's life: "Brother's details (placed separately –
# NOT part of this referral)", "Mother's details". Its name, date of birth, gender and so on
# are that person's, not the child's.
_ANOTHER_PERSONS_HEADING = re.compile(
    r"(?:the\s+)?(?:(?:half|step)[\s-]?)?(?:brother|sister|sibling|mother|father|parent|mum|"
    r"dad|carer|grandmother|grandfather|grandparent|nan|uncle|aunt|cousin|baby|infant)"
    r"(?:['’]?s|s['’])?"
    r"\s+(?:details|information|info|contact\s+details)", re.IGNORECASE)
_DETAILS = re.compile(r"\b(?:details|information|info)\b", re.IGNORECASE)
# The child's own section's heading, which closes the block above it: "Child's details",
# "Young person's information", "Details of the child", "About the child", "The child".
_THE_CHILDS_HEADING = re.compile(
    r"(?:(?:the|this)\s+)?(?:child|young\s+person|yp|cyp)(?:['’]?s)?(?:\s+(?:details|"
    r"information|info|profile))?|(?:details|information)\s+(?:of|about)\s+(?:the\s+)?"
    r"(?:child|young\s+person)|about\s+(?:the|this)\s+(?:child|young\s+person)",
    re.IGNORECASE)
# A label (as normalise_label gives it) that names the child, never the referrer: "childs
# name", "name of young person", "yp name", "enwr plentyn".
_NAMES_THE_CHILD = re.compile(r"\b(?:child|childs|children|childrens|young persons?|yp|yps|"
                              r"cyp|plentyn)\b")
_ANOTHER_PERSONS_FIELDS = frozenset({
    "child_name", "known_as", "date_of_birth", "gender", "ethnicity", "religion", "language",
    "home_address", "home_postcode", "nhs_number", "case_reference", "school"})
# The parent's own block, in a parent-and-child referral: "PARENT'S DETAILS", "Mum's info".
_A_PARENTS_HEADING = re.compile(
    r"(?:the\s+)?(?:mother|father|parent|mum|dad)(?:['’]?s|s['’])?\s+"
    r"(?:details|information|info|contact\s+details)", re.IGNORECASE)
_PARENT_AND_CHILD = "parent-and-child"
_REMARK_CHARS = 120  # a remark in brackets after a heading's words: "(placed separately …)"
# A sentence, not a field's value: four words or more, among them a verb, a pronoun or a
# small word written in lower case ("Brooke lives with her mum and her mum's partner …").
_SENTENCE = re.compile(
    r"(?=(?:\S+\s+){3,}\S)(?=.{0,200}?\b(?:is|are|was|were|has|have|had|she|he|they|her|his|"
    r"their|lives|lived|with|moved|the|this|that|and|but|for|of|to|no|not|went|on)\b)")
_CODED_KINDS = frozenset({"code", "codes", "number", "date"})
_CODED_TEXT = frozenset({"ethnicity", "religion", "language"})  # profile words, not prose
_A_REMARK = re.compile(r"\s[-\u2013\u2014]\s|[,;:(/]")  # "S20 or ICO – court on 08/12"


@dataclass
class ExtractedFields:
    """Raw values by JSON key, and the keys given twice with different values."""

    values: dict[str, str] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # labelled lines no field took
    conflicting: dict[str, list[str]] = field(default_factory=dict)  # a conflict's values
    set_aside: dict[str, str] = field(default_factory=dict)  # field → another person's heading
    notes: list[str] = field(default_factory=list)  # lines outside every field: a note


def fields_from_text(text: str, spec: FormSpec) -> ExtractedFields:
    """Fields from a plain-text body."""
    return fields_from_signed(side_by_side_apart(text_items(text), spec), spec)


def fields_from_html(html: str, spec: FormSpec) -> ExtractedFields:
    """Fields from an HTML body: two-column table rows, and `Label: value` lines of its text."""
    return fields_from_signed(side_by_side_apart(html_items(html), spec), spec)


def fields_from_docx(data: bytes, spec: FormSpec) -> ExtractedFields:
    """Fields from a .docx document's tables and paragraphs; UnreadableDocument if not one."""
    return fields_from_signed(docx_items(data), spec)


def fields_from_signed(items: list[Item], spec: FormSpec) -> ExtractedFields:
    """Fields from the items before the signature, and from the notes below it that correct
    the form (see notes_below_the_signature)."""
    kept = cut_signature(items, spec)
    return fields_from_items([*kept, *notes_below_the_signature(items, len(kept), spec)], spec)


def notes_below_the_signature(items: list[Item], signed: int, spec: FormSpec) -> list[Item]:
    """The lines after the signature (from index `signed`, up to any quoted history) that
    change or correct one of the form's fields, after a BREAK: "Sorry – DOB should read
    03/04/2012" below "Kind regards, / Jo" is read as it is above it (set beside the form's
    value and asked about when they differ). The signature's own lines are not notes, nor
    those below a line that says they are another's ("Oak House wrote:")."""
    if spec.prose_rules or signed >= len(items):
        return []
    end = min(history_start(items, signed), signed + _NOTE_LINES)
    end = next((at for at in range(signed, end) if isinstance(items[at], str)
                and opens_anothers_words(str(items[at]))), end)
    notes: list[Item] = [item for item in items[signed:end] if isinstance(item, str)
                         and not item.lstrip().startswith(">")
                         and changes_noted([item], spec, signed_off=True)]
    return [BREAK, *notes] if notes else []


_NOTE_LINES = 40  # a signature and its notes; a disclaimer's paragraphs are not read past it


def fields_from_items(items: list[Item], spec: FormSpec) -> ExtractedFields:
    """Fields from items (see broker.forms.items), in document order. A referral pasted again
    under a line that says the form below replaces the one above ("*** UPDATED FORM BELOW –
    please use this one ***") is read from that line on, and one pasted from a PDF is read
    across its page breaks (see page_breaks.py)."""
    if "decision" not in spec.keys:
        items = grouped_rows_apart(across_page_breaks(_from_the_updated_form(items), spec), spec)
    items = _questions_with_their_answers(_without_number_cells(_without_spacer_cells(items)))
    found = _Collector()
    current: _OpenValue | None = None
    sections = _ReferrerSection()
    in_sentences = False  # fields were written in a sentence (see sentence_fields.py)
    for event in _events(items, spec, sections):
        if isinstance(event, _Field):
            found.add(current)
            found.add(_OpenValue(event.spec, [event.value], event.label))
            current = None
        elif isinstance(event, _Label):
            if current is not None and current.spec.paragraphs and (
                    current.spec is event.spec or event.asked or _subheading(event, found, spec)):
                current.append(event.line)  # free text's sub-heading, not a field of its own
            else:
                found.add(current)
                current = _OpenValue(event.spec, [event.value] if event.value else [], event.label)
        elif event is BREAK:
            found.add(current)
            current = None
        elif event is _IN_SENTENCES:
            in_sentences = True
        elif isinstance(event, _NotRead):
            found.not_read(event.line)
        elif (current is not None and isinstance(event, str) and current.spec.paragraphs
              and not spec.prose_rules and _POSTSCRIPT.match(event) and current.ends_a_paragraph()
              and changes_noted([event], spec)):
            found.add(current)  # "PS – sorry, typo above: her DOB is …" after the narrative:
            current = None  # a note that changes a field, not more of the story
            found.loose.append(event)
        elif current is not None and isinstance(event, str):
            current = _continue(current, event, found, spec)
        elif isinstance(event, str):
            found.not_read(event)
            found.loose.append(event)
    found.add(current)
    if not spec.prose_rules:  # a referral's note outside the form: "urgency is now emergency"
        for key, value in changes_noted(found.loose, spec).items():
            found.noted(spec.field(key), value, spec)
    _the_young_parents_own(found, sections.held, spec)
    for missing in (spec_field for spec_field in spec.fields if in_sentences
                    and spec_field.required and not found.values.get(spec_field.key)):
        found.set_aside.setdefault(missing.key, IN_A_SENTENCE)  # asked for on its own line
    return found.result()


def _the_young_parents_own(found: _Collector, held: list[_Held], spec: FormSpec) -> None:
    """The fields set aside under another person's heading, taken as the child's when they
    are the young parent's own: a parent-and-child referral (by its placement type) whose one
    parent's block ("PARENT'S DETAILS" over "Child's name: …") gives the name and date of
    birth the form gives nowhere else. Any other set-aside field the form does not give is
    named with its heading in `set_aside`."""
    given = [entry for entry in held if entry.value.strip()]
    parents = {entry.heading for entry in given if _A_PARENTS_HEADING.fullmatch(entry.heading)}
    placement = found.values.get("placement_type", "")
    if (len(parents) == 1 and placement and not {"child_name", "date_of_birth"} & set(found.values)
            and (spec.code_for("placement_type", placement) == _PARENT_AND_CHILD
                 or spec.codes_named("placement_type", placement) == [_PARENT_AND_CHILD])):
        for entry in given:
            if entry.heading in parents:
                found.add(_OpenValue(entry.spec, [entry.value], entry.label))
    for entry in given:
        if entry.spec.key not in found.values:
            found.set_aside.setdefault(entry.spec.key, entry.heading)


def _subheading(label: _Label, found: _Collector, spec: FormSpec) -> bool:
    """Within free text, "Family: Brooke lives with her mum and …" (a field the form has
    already given, or one whose value is a code or a number, followed by a sentence) heads a
    paragraph of the narrative: "Religion: she stopped going to church after …" is the
    background, not her religion. (Another free-text field's label adds a paragraph to that
    field, as before; a name, an address or a family list not yet given stays that field.)
    So does such a label alone on its line when the form has given that field already:
    "Siblings:" over a list of the child's brothers and sisters, below "Siblings to place
    together: 1"."""
    if not label.value.strip():
        return not label.spec.paragraphs and label.spec.key in found.values
    return (not label.spec.paragraphs and _SENTENCE.match(label.value) is not None
            and not label.value.lstrip().startswith(("(", "["))  # a pasted list of choices
            and (label.spec.key in found.values or label.spec.kind in _CODED_KINDS
                 or label.spec.key in _CODED_TEXT)
            and not _opens_with_its_value(label, found, spec))


def _opens_with_its_value(label: _Label, found: _Collector, spec: FormSpec) -> bool:
    """A coded field not yet given whose value opens with its own codes, before any remark
    ("Legal status: Remanded to local authority accommodation", "Legal status: S20 or ICO –
    court on 08/12") under free text: that field, read (or asked about), not more of the
    text, though its words read like a sentence. So does a date field not yet given whose value
    opens with a date before its remark ("Available from: Tuesday 5th January 2027 (first day
    of spring term)" under a reply's "Additional costs:")."""
    if label.spec.key in found.values:
        return False
    if label.spec.kind == "date":
        lead = _A_DATES_REMARK.split(label.value, maxsplit=1)[0]
        return _A_DATE_FIRST.match(lead) is not None and _a_date(lead)
    lead = _A_REMARK.split(label.value, maxsplit=1)[0]
    if label.spec.kind != "code":
        return False
    return (spec.code_for(label.spec.key, label.value) is not None
            or bool(spec.codes_named(label.spec.key, lead)))


_A_DATES_REMARK = re.compile(r"\s[-\u2013\u2014]\s|[,;(]")  # "14/12/2026 - subject to …"
# A value that is a date, and no more: a day, a weekday or a month first, in a few words.
_A_DATE_FIRST = re.compile(r"\s*(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul"
                           r"|aug|sep|oct|nov|dec)[a-z]*\b)(?:[^\s]*\s+){0,4}[^\s]*\s*$",
                           re.IGNORECASE)


def _a_date(text: str) -> bool:
    try:
        parse_uk_date(text, _A_DAY)
    except ValueError:
        return False
    return True


@dataclass
class _Field:
    """A complete field: a label cell and its value cell."""

    spec: FieldSpec
    value: str
    label: str = ""


@dataclass
class _NotRead:
    """A two-cell row whose first cell is a label no field knows ("Hobbies | Football")."""

    line: str


@dataclass
class _Label:
    """A `Label: value` line; the value may continue on the lines that follow."""

    spec: FieldSpec
    value: str
    line: str
    label: str = ""
    asked: bool = False  # a web form's question ("What is their gender?"), which inside a
    # narrative is more of it ("Is she safe at school?")


def _events(items: list[Item], spec: FormSpec,
            referrer: _ReferrerSection) -> Iterator[_Field | _Label | str | object]:
    open_paragraphs = False
    open_list = False  # a family list's label has just been read: a table may follow it
    index, table_end = 0, 0  # rows before table_end are known to be the form's own
    headed = False  # rows follow a header row of labels ("Home | Decision | Weekly fee")
    dashed = 0  # fields so far labelled with a dash ("Gender - Female"): the form's own way
    bare = _labels_alone_make_the_form(items, spec)  # "Child's name" over "Evie Cawthorne"
    answered_in: tuple[int, int] | None = None  # a table's answer column, after its guidance
    while index < len(items):
        item = items[index]
        index += 1
        if (open_paragraphs or open_list) and index > table_end and _as_row(item) is not None:
            table = _rows_from(items, index - 1, spec)
            table_end = index - 1 + len(table)
            if _table_within_field(table, spec):
                index = table_end
                if open_list:
                    yield family_from_rows([row.cells for row in table])
                else:
                    yield from (_row_as_line(row) for row in table)
                continue
        open_list = False
        headed = headed and bool(_cells(item))
        if referrer.opens_at(item, spec):
            open_paragraphs = False
            yield BREAK
            continue
        if (needs := _needs_answered_yes_or_no(item, items, index, spec)) is not None:
            field, rows = needs  # "Need / risk | Yes / No | Details" over a row for each need
            index += rows
            yield BREAK
            yield field
            yield BREAK
            open_paragraphs = False
            continue
        if (columns := _guidance_then_answers(item)) is not None:
            answered_in = columns  # "Question | Guidance | Response": read the response
            continue
        if answered_in is not None and len(_cells(item)) == answered_in[1]:
            yield BREAK
            yield from (e for e in _row_events(Row((_cells(item)[0], _cells(item)[
                answered_in[0]])), spec) if referrer.lets_through(e))
            yield BREAK
            open_paragraphs = False
            continue
        answered_in = None
        if (narrative := _narrative_under_its_label(item, items[index:index + 1], spec)):
            index += 1  # "Background and risks" in a row across the table, its text in the next
            yield BREAK
            yield narrative
            yield BREAK
            open_paragraphs = False
            continue
        if (below := _values_under_labels(item, items[index:index + 1], spec)) is not None:
            index += 1  # "Child's name | Date of birth | Gender" over "Summer | 09/05/2013 | …"
            for label_and_value in zip(_cells(item), below, strict=True):
                yield BREAK
                yield from (e for e in _row_events(Row(label_and_value), spec)
                            if referrer.lets_through(e))
            yield BREAK
            open_paragraphs = False
            continue
        if _cells(item) and (headed or header_row(_cells(item), spec, [
                _cells(below) for below in items[index:index + ROWS_UNDER_A_HEADER]])):
            headed = True  # a header row of labels, and the rows under it: an answer's lines
            yield "\t".join(_cells(item))
            open_paragraphs = False
            continue
        item = _two_fields_a_line(item, spec)
        if isinstance(item, Row):
            yield BREAK
            yield from (e for e in _row_events(item, spec) if referrer.lets_through(e))
            yield BREAK
            open_paragraphs = False
        elif isinstance(item, str) and not open_paragraphs and not spec.prose_rules and (
                written := fields_in_a_sentence(item, spec)) is not None:
            yield _IN_SENTENCES  # "… Placement type: foster care. Urgency: emergency." in one
            yield BREAK  # paragraph: its fields, each on a line of its own
            for line in written:
                label = _label_line(line, spec, allow_dash=False, alone=False)
                if label is None:
                    yield line  # the words before the first label, unread
                elif referrer.lets_through(label):
                    open_paragraphs = label.spec.paragraphs
                    yield label
        elif isinstance(item, str):
            label = _label_line(item, spec, allow_dash=not open_paragraphs
                                or dashed >= _A_FORM_OF_DASHES, alone=bare)
            if label is None and _A_SECTION.fullmatch(item) and (
                    not open_paragraphs or _a_label_below(items[index:index + 1], spec)):
                yield BREAK  # "Section C – Background" over a row: a heading, never more of
                label = _a_sections_field(item, items[index:index + 1], spec)  # the value
                if label is None:  # above it ("S20 Section C – Background"), as in the
                    continue  # HTML its row across the table is; its field's, over its text
                # (within free text, only over a field's label: else it heads more of it)
            if not referrer.lets_through(label if label is not None else item):
                continue
            if label is not None:
                dashed += _DASH_LABEL.match(item) is not None
                open_paragraphs = label.spec.paragraphs
                open_list = label.spec.kind == "family"
                yield label
            else:
                yield item
        elif item is BREAK or item is CUT:
            open_paragraphs = False
            yield BREAK


def _a_sections_field(line: str, after: list[Item], spec: FormSpec) -> _Label | None:
    """The field a section heading's words name ("Section C – Background"), as a label over
    the text below it; None when they name none, or when a label follows ("Background and
    risks⇥…", the field's own row)."""
    words = _A_SECTION.fullmatch(line)
    heading = words["words"] if words else None
    field = spec.field_for_label(heading) if heading else None
    if heading is None or field is None or _a_label_below(after, spec):
        return None
    return _Label(field, "", line.strip(), normalise_label(heading))


def _a_label_below(after: list[Item], spec: FormSpec) -> bool:
    """Whether the item below is a row or a line that a field's label starts."""
    return any(isinstance(below, Row) or isinstance(below, str) and _label_line(
        below, spec, allow_dash=False) is not None for below in after)


def _two_fields_a_line(item: Item, spec: FormSpec) -> Item:
    """Outlook's plain text of a four-column form table, `Urgency⇥Urgent⇥Needed from⇥7/12`,
    as the row it is, so that each label takes only its own value."""
    if not isinstance(item, str) or item.count("\t") < 3:
        return item
    cells = tuple(cell.strip() for cell in item.split("\t"))
    if spec.field_for_label(cells[0]) is None or spec.field_for_label(cells[2]) is None:
        return item
    return Row(cells)


def _rows_from(items: list[Item], start: int, spec: FormSpec) -> list[Row]:
    """The table rows that follow one another from `start`, up to the first after the first
    that starts with a field's label: a table inside a field, then the form's own rows
    (Outlook's plain text runs them together)."""
    rows: list[Row] = []
    for item in items[start:]:
        if (row := _as_row(item)) is None or (
                rows and spec.field_for_cell(_first_cell(row)) is not None):
            break
        rows.append(row)
    return rows


def _as_row(item: Item) -> Row | None:
    """A table row, or a line of cells between tabs, as Outlook's plain text gives a row."""
    if isinstance(item, Row):
        return item
    if isinstance(item, str) and "\t" in item and not _LABELLED_LINE.match(item):
        cells = tuple(cell.strip() for cell in item.split("\t"))
        return Row(cells) if sum(bool(cell) for cell in cells) >= 2 else None
    return None


# A line that a label and its colon open ("Background and risks: … her friend Jazmyn⇥Thackeray
# …") is that field's line, whatever tab it holds further on: not a row of cells.
_LABELLED_LINE = re.compile(r"[ \t]*[^\W\d_][^:\t\n]{1,60}:[ ]+[^\s][^\t\n]*\t")


def _table_within_field(rows: list[Row], spec: FormSpec) -> bool:
    """A table inside a field (the people in a child's life, a chronology), not the form's:
    its rows (as `_rows_from` reads them, none after the first a field's) follow a header row
    ("Name | Relationship | Contact"), or its one row starts with no field's label. A first row
    that opens a free-text field ("Background and risks⇥Precious has lived…") is the form's
    next row, whatever table the field itself holds."""
    first = spec.field_for_cell(_first_cell(rows[0]))
    if first is not None and first.paragraphs:
        return False
    return len(rows) > 1 or first is None


def _first_cell(row: Row) -> str:
    return next((cell for cell in row.cells if cell.strip()), "")


def _row_as_line(row: Row) -> str:
    """A row of a table inside free text, as one line of it: `Dawn | Mother | Weekly`."""
    return " | ".join(" ".join(cell.split()) for cell in row.cells if cell.strip())


@dataclass
class _Held:
    """A field given under another person's heading, set aside."""

    heading: str
    spec: FieldSpec
    value: str
    label: str = ""


_MOST_HELD = 40


class _ReferrerSection:
    """A "Referrer details" block, opened by its heading at the start of a block (or by a
    heading that can only be such a block's, "Referrer details" or "BABY'S DETAILS", on any
    line of its own): its `Name:`, `Address:` and `Postcode:` are the social worker's, not
    the child's, so they are not read; so is a block about another person ("Brother's
    details"), whose name, date of birth and gender are not read but `held`, each with the
    block's heading. Any other field of the form, another heading (the child's own, "Child's
    details", on any line), one of its fields given again (the brother's "Name:" and then
    "Child's name:") or, in the referrer's block, a label that names the child ("Child's
    name", "Young person's name") closes it."""

    def __init__(self) -> None:
        self.open = False
        self.block_start = True
        self.skipped = _REFERRER_FIELDS
        self.heading = ""
        self.held: list[_Held] = []  # another person's fields, in the order given
        self.keys: set[str] = set()  # the fields held in the open block

    def opens_at(self, item: Item, spec: FormSpec) -> bool:
        at_a_start = self.block_start or _one_cell_row(item)
        self.block_start = item is BREAK or item is CUT or item == ""
        heading = _heading(item)
        if heading is None or spec.field_for_label(heading) is not None:
            return False
        another = bool(_ANOTHER_PERSONS_HEADING.fullmatch(heading))
        referrers = bool(_REFERRER_HEADING.fullmatch(heading))
        if not (at_a_start or another or referrers and _DETAILS.search(heading)):
            # a line under another, with no blank line above it: only a heading that can be
            # nothing else ("Referrer details", "Child's details") opens or closes a block
            if self.open and _THE_CHILDS_HEADING.fullmatch(heading):  # ("Sam Taylor" alone
                self.open = False  # under "Name:", or "Social worker", is no heading there)
            return False
        self.skipped = _ANOTHER_PERSONS_FIELDS if another else _REFERRER_FIELDS
        self.heading = heading if another else ""
        self.keys = set()
        self.open = another or referrers
        return self.open

    def lets_through(self, event: object) -> bool:
        if not self.open:
            return True
        if isinstance(event, (str, _NotRead)):
            if (isinstance(event, str) and self.held and self.heading
                    and not self.held[-1].value.strip()):  # "Name:" over "Baby Greaves"
                self.held[-1].value = event.strip()
            return False  # the referrer's own line ("Team: Children in Care"), read by none
        if not isinstance(event, (_Field, _Label)):
            return True
        if event.spec.key in self.skipped and event.spec.key not in self.keys and not (
                not self.heading and _NAMES_THE_CHILD.search(event.label)):
            self.keys.add(event.spec.key)  # (a field given again is the child's, below it)
            if self.heading and len(self.held) < _MOST_HELD:
                self.held.append(_Held(self.heading, event.spec, event.value, event.label))
            return False
        self.open = False
        return True


# A form table's header naming a column of guidance beside the column for the answer:
# "Question | Guidance | Response", "Field | Notes | Your answer".
_GUIDANCE = frozenset({"guidance", "guidance notes", "notes", "help", "hint", "hints",
                       "instructions", "how to complete", "what to include", "description",
                       "guidance for completion", "notes for completion"})
_ANSWER = frozenset({"response", "answer", "your response", "your answer", "details",
                     "information", "value", "entry", "to be completed", "completed by referrer",
                     "social worker response", "response from social worker"})


_QUESTION_HEADS = frozenset({"question", "field", "item", "label", "data item", "field name"})
# A case system's columns about the record, not the child: "Last updated", "Updated by".
_RECORD_HEADS = frozenset({"last updated", "updated", "updated by", "date updated", "last modified",
                           "modified", "modified by", "changed", "last changed", "recorded by",
                           "date recorded", "entered by", "date entered"})
_NEED_HEADS = frozenset({"need", "needs", "need risk", "needs risks", "need or risk", "risk",
                         "risks", "needs and risks", "category", "presenting need"})
_YES_NO_HEADS = frozenset({"y n", "yes no", "yes or no", "y or n"})
_CURRENT_HEADS = frozenset({"current", "current concern", "current concerns", "now"})
_MARKED_HEADS = _CURRENT_HEADS | {"yes", "y"}
_MARKS = frozenset({"x", "yes", "y", *TICK, *TICKED_BOX})
# A risk table's rating column ("Risk | Level"), or its ratings as columns: a need rated at
# all is a need; one rated none is not.
_RATING_HEADS = frozenset({"level", "rating", "risk level", "level of risk", "risk rating",
                           "rag", "rag rating"})
_RATINGS = frozenset({"high", "medium", "low", "med", "moderate", "very high", "significant",
                      "red", "amber", "green"})
_NO_RATING = frozenset({"none", "no", "nil", "n a", "not applicable", "no risk", "none known"})


_QUESTION = re.compile(r"\s*(?:question|q|field)\s*:\s*(?P<label>\S[^\n]{0,80}?)\s*$",
                       re.IGNORECASE)
_ANSWER_LINE = re.compile(r"\s*(?:answer|a|response|value)\s*:[ \t]*(?P<value>[^\n]*)$",
                          re.IGNORECASE)


def _questions_with_their_answers(items: list[Item]) -> list[Item]:
    """A portal's export of "Question: Gender" over "Answer: Female" as "Gender: Female" (an
    answer left blank is a field given no value)."""
    if not any(isinstance(item, str) and _QUESTION.match(item) for item in items[:200]):
        return items
    joined: list[Item] = []
    for item in items:
        question = _QUESTION.match(joined[-1]) if joined and isinstance(joined[-1], str) else None
        answer = _ANSWER_LINE.match(item) if isinstance(item, str) else None
        if question and answer:
            joined[-1] = f"{question['label'].rstrip(':? ')}: {answer['value'].strip()}"
        else:
            joined.append(item)
    return joined


def _without_spacer_cells(items: list[Item]) -> list[Item]:
    """Outlook's layout of a form as label | empty spacer cell | value rows: the spacer taken
    out, when three or more rows have one and no three-cell row has text in its middle cell
    (a table whose middle column is filled in, a family's `Name | Relationship | Age`, keeps
    its columns)."""
    rows = [item.cells for item in items[:_MOST_ITEMS_LOOKED_AT]
            if isinstance(item, Row) and len(item.cells) == _SPACED_CELLS]
    spaced = sum(1 for cells in rows if cells[0].strip() and cells[2].strip())
    if spaced < _NUMBERED_ROWS or any(cells[1].strip() for cells in rows):
        return items
    return [Row((item.cells[0], item.cells[2])) if isinstance(item, Row) and len(
        item.cells) == _SPACED_CELLS and not item.cells[1].strip() else item for item in items]


_SPACED_CELLS = 3


def _without_number_cells(items: list[Item]) -> list[Item]:
    """The items with a question's number in a cell of its own taken off the rows that start
    with one ("2.4⇥Placement type⇥Residential", "| 2.4 | Placement type | Residential |"),
    when three or more rows do (a numbered form, not a table of figures)."""
    numbered = sum(1 for item in items[:_MOST_ITEMS_LOOKED_AT] if _numbered_row(item))
    if numbered < _NUMBERED_ROWS:
        return items
    return [_numbered_row_without_its_number(item) for item in items]


def _numbered_row_without_its_number(item: Item) -> Item:
    if not _numbered_row(item):
        return item
    return Row(item.cells[1:]) if isinstance(item, Row) else _NUMBER_CELL.sub("", str(item), 1)


def _numbered_row(item: Item) -> bool:
    if isinstance(item, Row):
        return len(item.cells) >= _ACROSS and _NUMBER_CELL.match(f"{item.cells[0].strip()}\t") \
            is not None
    return isinstance(item, str) and item.count("\t") >= 2 and _NUMBER_CELL.match(item) is not None


_NUMBERED_ROWS = 3
_UPDATED_FORM_BELOW = re.compile(
    r"\b(?:updated|amended|revised|corrected|new|latest)\s+(?:referral\s+)?(?:form|referral|"
    r"version)\s+(?:is\s+)?(?:below|follows|underneath)\b|\bplease\s+use\s+(?:this|the)\s+"
    r"(?:one|form|version)\s+below\b", re.IGNORECASE)


# A form headed "FINAL VERSION" below one headed "DRAFT – please ignore": the final one is meant.
_FINAL_HEADING = re.compile(r"[\W_]{0,5}final(?: (?:version|form|copy|referral))?[\W_]{0,5}",
                            re.IGNORECASE)
_DRAFT_HEADING = re.compile(r"[\W_]{0,5}draft\b[^\n]{0,80}", re.IGNORECASE)


def _from_the_updated_form(items: list[Item]) -> list[Item]:
    """The items from the last line saying the form below replaces the one above, if any, or
    from a "FINAL VERSION" heading below a "DRAFT" one."""
    final = None
    for at in range(len(items) - 1, -1, -1):
        item = items[at]
        if isinstance(item, str) and len(item) < _MOST_NOTE_CHARS and _UPDATED_FORM_BELOW.search(
                item):
            return items[at + 1:]
        if final is None and isinstance(item, str) and _FINAL_HEADING.fullmatch(item.strip()):
            final = at
    if final is not None and any(isinstance(item, str) and len(item) < _MOST_NOTE_CHARS
                                 and _DRAFT_HEADING.fullmatch(item.strip())
                                 for item in items[:final]):
        return items[final + 1:]
    return items


_MOST_NOTE_CHARS = 200


def _needs_answered_yes_or_no(item: Item, items: list[Item], index: int,
                              spec: FormSpec) -> tuple[_Field, int] | None:
    """A table of needs answered yes or no, with details beside ("Need / risk | Yes / No |
    Details" over "SEMH | Yes | …"): the needs field, as its lines "SEMH: Yes" (read as
    tick boxes are), and how many rows it took; None for any other item."""
    heads = [normalise_words(cell) for cell in _cells(item)]
    needs = spec.field_for_label("Needs")
    rated_across = len(heads) > 2 and set(heads[1:]) <= _RATINGS | _NO_RATING
    if needs is None or len(heads) < 2 or heads[0] not in _NEED_HEADS or (
            heads[1] not in _YES_NO_HEADS | _MARKED_HEADS | _RATING_HEADS and not rated_across):
        return None
    lines = []
    for row in items[index:index + _MOST_NEEDS_ROWS]:
        cells = _cells(row)
        if len(cells) != len(heads) or not cells[0].strip():
            break
        answer = cells[1].strip()
        if rated_across:  # "Risk | High | Medium | Low | None": a mark under a rating is a
            marked = {head for head, cell in zip(heads[1:], cells[1:], strict=True)  # need
                      if cell.strip().casefold() in _MARKS}
            answer = "Yes" if marked & _RATINGS else "No"
        elif heads[1] in _RATING_HEADS:  # "Risk | Level" over "CSE | High", "Self-harm | None"
            rating = normalise_words(answer)
            answer = "Yes" if rating in _RATINGS else ("No" if rating in _NO_RATING or not rating
                                                       else answer)
        elif heads[1] in _MARKED_HEADS:  # "Need | Current | Historic", "Needs | Yes | No": a
            # mark under "Current" or "Yes"
            answer = "Yes" if answer.casefold() in _MARKS else "No"
        lines.append(f"{cells[0].strip()}: {answer or 'No'}")
    if not lines:
        return None
    return _Field(needs, "\n".join(lines), normalise_label("Needs")), len(lines)


_MOST_NEEDS_ROWS = 60


def _guidance_then_answers(item: Item) -> tuple[int, int] | None:
    """(the answer column, the row's width) when the item is a header row naming a guidance
    column and an answer column after it, or a question column and an answer column beside
    others ("Question | Answer | Last updated", a case system's printout); else None."""
    names = [normalise_label(cell) for cell in _cells(item)]
    if len(names) < _ACROSS or len(names) > _MOST_COLUMNS:
        return None
    answer = next((at for at, name in enumerate(names) if name in _ANSWER), None)
    if answer is not None and answer > 0 and names[0] in _QUESTION_HEADS and all(
            name in _RECORD_HEADS for at, name in enumerate(names) if at not in (0, answer)):
        return answer, len(names)
    if not any(name in _GUIDANCE for name in names[1:-1]):
        return None
    guidance = next(at for at, name in enumerate(names) if name in _GUIDANCE)
    return (answer, len(names)) if answer is not None and answer > guidance else None


_MOST_COLUMNS = 6


def _values_under_labels(item: Item, next_items: list[Item],
                         spec: FormSpec) -> tuple[str, ...] | None:
    """In a referral, a header row of labels over one row of their values, a column each
    (a case system's table laid across the page): the values; else None. A reply's header
    rows head one row per home instead (`header_row`)."""
    if "decision" in spec.keys or not next_items or len(cells := _cells(item)) < _ACROSS:
        return None
    below = _cells(next_items[0])
    if len(below) != len(cells) or not all(
            cell.strip() and ":" not in cell and spec.field_for_cell(cell.strip()) is not None
            for cell in cells):
        return None
    return below if not any(spec.field_for_cell(cell.strip()) for cell in below
                            if cell.strip()) else None


_ACROSS = 3  # labels across a row, over their values


def _narrative_under_its_label(item: Item, next_items: list[Item], spec: FormSpec) -> _Field | None:
    """A free-text field's label in a table row of its own, over its text in the next row of
    its own (a form whose rows of labels stand over rows of values, its narrative last)."""
    if not isinstance(item, Row) or not next_items or not isinstance(next_items[0], Row):
        return None
    label, text = _only_cell(item), _only_cell(next_items[0])
    if not label or not text or (found := spec.field_for_cell(label)) is None or (
            not found.paragraphs) or spec.field_for_cell(text) is not None:
        return None
    return _Field(found, text, normalise_label(label))


def _only_cell(row: Row) -> str:
    """The row's text when only one of its cells (or its one cell spanning them) holds any."""
    filled = {cell.strip() for cell in row.cells if cell.strip()}
    return filled.pop() if len(filled) == 1 else ""


def _cells(item: Item) -> tuple[str, ...]:
    """A row's cells, as HTML gives them or as Outlook's plain text does (tabs between)."""
    if isinstance(item, Row):
        return item.cells
    return tuple(item.split("\t")) if isinstance(item, str) and "\t" in item else ()


def _one_cell_row(item: Item) -> bool:
    """A table row with text in its first cell only ("Child's details | "): a heading within
    a table."""
    cells = _cells(item)
    return bool(cells) and bool(cells[0].strip()) and not any(c.strip() for c in cells[1:])


def _heading(item: Item) -> str | None:
    """The words of a line, or a row with text in its first cell only, that is only a
    heading, without a section's number before them ("Section D – Referrer details"); else
    None."""
    text = _cells(item)[0] if _one_cell_row(item) else item
    if not isinstance(text, str) or "\n" in text:
        return None
    numbered = _A_SECTION.fullmatch(text)
    text = (numbered["words"] or "") if numbered else text
    found = _HEADING.match(_without_a_remark(text.strip()))
    return found[1].strip() if found else None


def _without_a_remark(heading: str) -> str:
    """A heading without the remark in brackets at its end: "Brother's details (placed
    separately – NOT part of this referral)" is "Brother's details"."""
    stripped = heading.rstrip(" \t:*_")
    start = stripped.rfind("(") if stripped.endswith(")") else -1
    if start < 0 or len(stripped) - start > _REMARK_CHARS + 2 or ")" in stripped[start:-1]:
        return heading
    return stripped[:start].rstrip()


def _row_events(row: Row, spec: FormSpec) -> Iterator[_Field | _Label | str | object]:
    """Label cells with the cell after them; any other cell is read as lines of text."""
    cells, index = row.cells, 0
    label_open = False  # a cell's own `Label: value` line, which the next cells continue
    while index < len(cells):
        label = spec.field_for_cell(cells[index])
        if label is not None and index + 1 < len(cells):
            # Even a value that looks like a label ("Price") is the value.
            value_at = index + 1
            if len(cells) == index + 3 and cells[index + 2].strip() and _GUIDANCE_CELL.search(
                    cells[index + 1]):  # "Home postcode | e.g. SE15 4AB | ZZ98 2QL"
                value_at = index + 2
            value_ends = value_at + 1
            if opens_with_box(cells[value_at]):  # "Placement type | ☐ Foster care | ☒ Resi…"
                while value_ends < len(cells) and opens_with_box(cells[value_ends]):
                    value_ends += 1
            value = "\n".join(cells[value_at:value_ends])
            yield _Field(label, _with_label_period(label, cells[index], value),
                         normalise_label(cells[index]))
            index = value_ends
            continue
        if not label_open and index + 1 < len(cells) and (
                unread := _unknown_label_row(cells[index], cells[index + 1], spec)):
            yield unread
            index += 2
            continue
        for line in cells[index].split("\n"):
            found = _label_line(line, spec, allow_dash=True)
            label_open = label_open or found is not None
            yield found if found is not None else line
        yield BREAK
        label_open = False
        index += 1


# A cell of guidance between a label and its answer, in a table with no header saying so:
# "e.g. SE15 4AB", "dd/mm/yyyy", "Please tick one", "if known".
_GUIDANCE_CELL = re.compile(r"\be\.?\s?g\.?(?=\s|,|:)|\bfor\s+example\b|\bdd/mm/yy|^\s*please\b|"
                            r"\bif\s+known\b|\bselect\s+(?:one|all)\b|\btick\s+(?:one|all)\b|"
                            r"\bdelete\s+as\s+appropriate\b", re.IGNORECASE)


def _unknown_label_row(label: str, value: str, spec: FormSpec) -> _NotRead | None:
    """"Hobbies | Football": a short label cell no field knows, beside a value cell with no
    label of its own in it."""
    if spec.field_for_cell(value) is not None or any(
            _label_line(part, spec, allow_dash=False) for part in value.split("\n")):
        return None  # "Field | Response | Notes": a header row, whose labels are read as before
    label, value = " ".join(label.split()).rstrip(": "), " ".join(value.split())
    line = f"{label}: {value}"
    return _NotRead(line) if ":" not in label and _ANOTHER_LABEL.match(line) else None


_AFTER_THE_HINT = 3  # characters between a label's hint and its colon: "(…) :"


def _labels_alone_make_the_form(items: list[Item], spec: FormSpec) -> bool:
    """Whether the form is laid out as labels alone on their lines, each over its value, with
    no colon ("Child's name" over "Evie Cawthorne", as bold paragraphs in an email): this
    many such labels, each with a line under it that is no label."""
    alone = 0
    lines = [item.strip() for item in items[:_MOST_ITEMS_LOOKED_AT]
             if isinstance(item, str) and item.strip()]
    for line, below in zip(lines, lines[1:], strict=False):
        if len(line) < _LABEL_SEARCH_CHARS and ":" not in line and spec.field_for_label(
                line) is not None and spec.field_for_label(below) is None:
            alone += 1
    return alone >= _A_FORM_OF_LABELS_ALONE


# A web form's hint after its question ("Which needs apply? (choose as many as you like)"),
# and its prompts that are no questions ("Tell us about the background and any risks").
_ANSWER_APART = re.compile(r"[ \t]{2}|\t")  # (at least; the rest is stripped off the value)
_ASKS_FOR_A_VALUE = re.compile(r"(?:what|which|when|where|how|who|tell|describe|please)\b",
                               re.IGNORECASE)
_A_HINT_ALONE = re.compile(r"\s*(?:\([^()\n]{0,80}\)\s*)?")
_A_PROMPT = re.compile(r"(?:please\s+)?(?:tell\s+us\s+about|describe|give\s+details\s+of|provide\s+"
                       r"details\s+of)\s+(?:the\s+|their\s+|his\s+|her\s+)?[a-z][^?:\n]{0,100}$",
                       re.IGNORECASE)
_A_FORM_OF_LABELS_ALONE = 4
_MOST_ITEMS_LOOKED_AT = 2_000


def _label_line(line: str, spec: FormSpec, *, allow_dash: bool,
                alone: bool = False) -> _Label | None:
    """The field a line starts, with the value after its label; None for any other line
    (with `alone`, a label alone on its line starts its field, the value below it)."""
    text = line.strip()
    if not text:
        return None
    for separator in (":", "?", "\t", "="):  # tabs: Outlook's plain text of a table; "=":
        # a CRM's "Outcome = OFFER"
        at = text.find(separator, 0, _LABEL_SEARCH_CHARS)
        if at > 0 and text.count("(", 0, at) > text.count(")", 0, at):
            # a colon inside the label's hint: "Decline reason (if declining: no-vacancy / …
            # / other): location" ends its label after the bracket
            close = text.find(")", at, _LABEL_SEARCH_CHARS)
            after = text.find(separator, close, close + _AFTER_THE_HINT) if close > 0 else -1
            at = after if after > 0 else at
        if at > 0:
            found = spec.field_for_label(text[:at])
            if found is None and separator == "?" and _A_HINT_ALONE.fullmatch(text[at + 1:]) and (
                    asked := spec.field_a_question_asks(text[:at])) is not None:
                # a web form's "What is their gender?" alone on its line, its answer below it
                return _Label(asked, "", line.strip(), normalise_label(text[:at]), asked=True)
            if found is None and separator == "?" and _ANSWER_APART.match(text, at + 1) and (
                    _ASKS_FOR_A_VALUE.match(text)) and (
                    asked := spec.field_a_question_asks(text[:at])) is not None:
                # "How urgent is the placement?   Emergency – tonight": the answer spaced
                # apart after its question, on its line (a yes/no question, "Does the child
                # have any health needs?  No", gives no value of the field it names)
                return _Label(asked, text[at + 1:].strip(), line.strip(),
                              normalise_label(text[:at]))
            if found is not None:
                value = _with_label_period(found, text[:at], _value_after(text[:at],
                                                                          text[at + 1 :]))
                if spec.is_a_sentence(found, text[:at], value):
                    return None
                return _Label(found, value, line.strip(), normalise_label(text[:at]))
    if _A_PROMPT.match(text) and (found := spec.field_a_question_asks(text)) is not None:
        # "Tell us about the background and any risks", its answer below it
        return _Label(found, "", line.strip(), normalise_label(text), asked=True)
    if (leaders := _DOT_LEADERS.search(text, 0, _LABEL_SEARCH_CHARS)) and (
            found := spec.field_for_label(text[:leaders.start()])) is not None:
        value = text[leaders.end():].strip()  # a printed form's "Gender ........ Female"
        return _Label(found, value, line.strip(), normalise_label(text[:leaders.start()]))
    if allow_dash and (dash := _DASH.search(text, 0, _LABEL_SEARCH_CHARS)):
        found = spec.field_for_label(text[: dash.start()])
        value = text[dash.end() :].strip()
        if found is not None and not spec.is_a_sentence(found, text[: dash.start()], value):
            label = normalise_label(text[: dash.start()])
            return _Label(found, value, line.strip(), label)
    if line.rstrip(" \r").endswith("\t") and (found := spec.field_for_label(text)) is not None:
        return _Label(found, "", text, normalise_label(text))  # Outlook's "Family members⇥"
    if len(text) < _LABEL_SEARCH_CHARS and (found := spec.field_for_label(text)) is not None and (
            text[0] in "*_" and text[-1] in "*_:" or alone or found.paragraphs):
        # a bold label on its own line (**Background**), and a free-text field's label over
        # its narrative ("Background and risks" in a row of its own, the text in the next)
        return _Label(found, "", line.strip(), normalise_label(text))
    return None


def _with_label_period(field: FieldSpec, label: str, value: str) -> str:
    """A money value with the period its label gives: "Cost (per day): £695" is £695 a day."""
    if field.kind == "money" and value.strip() and (period := BRACKETED_PERIOD.search(label)):
        return f"{value} ({period[1]})"
    return value


def _value_after(label: str, value: str) -> str:
    """The value, without the closing bold markers of `**Label:** value` (`3. *Label:*`)."""
    before_words = re.match(r"[^A-Za-z0-9]*(?:\d{1,2}[.)][^A-Za-z0-9]*)?", label)
    if before_words and ("*" in before_words.group() or "_" in before_words.group()):
        value = value.lstrip(_DECORATION)
    return _COLON_DASH.sub("", value).strip()


def _continue(current: _OpenValue, line: str, found: _Collector,
              spec: FormSpec) -> _OpenValue | None:
    """A line after a label: more of the value, a paragraph break, or the end of it."""
    if _SEPARATOR_LINE.match(line):
        if current.spec.paragraphs and "_" not in line:  # a genogram's or a chronology's
            current.append(line.strip())  # rule, in free text: more of it, and what follows
            return current  # too (a line of underscores, as mail clients draw, ends it)
        found.add(current)
        return None
    if not current.has_text() and current.spec.kind in ONE_LINE_KINDS and _ANOTHER_LABEL.match(
            line):  # "Weekly fee:" left blank, then "Education fee: £1,200": not its value
        found.add(current)
        found.not_read(line)
        return None
    if current.has_text() and _a_field_of_its_own(current.spec, line, spec):
        found.add(current)  # "Gender: Female" over "Siblings to be moved together: 2": the
        found.not_read(line)  # next line is a field of its own, not more of the code
        return None
    if (current.has_text() and current.spec.kind == "text" and not current.spec.paragraphs
            and _ANOTHER_LABEL.match(line)
            and not _DETAIL_OF_A_VALUE.match(line)):  # "Service: Juniper Lodge" over "Status:
        found.add(current)  # Accepted for consideration": a line of its own, no more of it
        found.not_read(line)
        return None
    if current.has_text() and (heading := _heading_of_another_field(current.spec, line, spec)):
        found.add(current)  # "Legal status: Section 20" over "Needs" alone on its line (and a
        return _OpenValue(heading, [], normalise_label(line))  # risk table): that field's
    if current.has_text() and _a_note_on_another_field(current.spec, line, spec):
        found.add(current)  # "Placement type: Residential" over "Also sorry her DOB is
        found.loose.append(line)  # 05/06/2012, not what I put": a note, read as notes are
        return None
    if line.strip():  # heading, not more of the legal status
        current.append(line.strip())
    elif current.spec.paragraphs:
        current.append("")
    elif current.has_text():
        found.add(current)
        return None
    return current


def _a_note_on_another_field(field: FieldSpec, line: str, spec: FormSpec) -> bool:
    """A line under a one-line value or a list that is a note changing another field ("Also
    sorry her DOB is 05/06/2012, not what I put on the form"), not more of this value: it
    ends the value and is read as a note outside the form (`changes_noted`), never appended
    to the placement type and lost."""
    return (not spec.prose_rules and not field.paragraphs
            and field.kind in ONE_LINE_KINDS | _LIST_KINDS and bool(line.strip())
            and any(key != field.key for key in changes_noted([line], spec)))


def _heading_of_another_field(field: FieldSpec, line: str, spec: FormSpec) -> FieldSpec | None:
    """The field whose label is the whole line, alone as a heading ("Needs" with no colon),
    under a one-line value or a list of codes (not one of that list's own codes); else None."""
    text = line.strip()
    if (spec.prose_rules or field.paragraphs or field.kind not in ONE_LINE_KINDS | _LIST_KINDS
            or not text or len(text) > _MOST_HEADING_CHARS or not text[0].isalpha()
            or any(char.isdigit() or char in _NOT_IN_A_HEADING for char in text)):
        return None
    heading = spec.field_for_label(text)
    if heading is None or heading.key == field.key or (
            field.kind in _LIST_KINDS | {"code"} and spec.code_for(field.key, text) is not None):
        return None
    return heading


_MOST_HEADING_CHARS = 40
_NOT_IN_A_HEADING = frozenset(".,;:!?\t")


def _a_field_of_its_own(field: FieldSpec, line: str, spec: FormSpec) -> bool:
    """A labelled line under a one-line value, or under a list of codes when the line names
    none of them ("Pets: None" under the needs, not "CSE: yes" or "Risks: goes missing"),
    in a form with no prose reading: see _ENDED_BY_A_LABEL."""
    if spec.prose_rules or not _ANOTHER_LABEL.match(line) or _DETAIL_OF_A_VALUE.match(line):
        return False
    if field.kind == "codes":
        return (spec.code_for(field.key, line.split(":", 1)[0]) is None
                and not spec.codes_within(field.key, line))
    return field.kind in _ENDED_BY_A_LABEL or (
        field.kind == "money" and _NO_PART_OF_A_FEE.match(line) is not None)


class _OpenValue:
    """A value being read, line by line, capped at MAX_VALUE_CHARS."""

    def __init__(self, spec: FieldSpec, lines: list[str], label: str = "") -> None:
        self.spec, self.lines, self.label = spec, lines, label
        self.size = sum(len(line) + 1 for line in lines)

    def append(self, line: str) -> None:
        if self.size <= MAX_VALUE_CHARS:
            self.lines.append(line)
            self.size += len(line) + 1

    def has_text(self) -> bool:
        return any(self.lines)

    def ends_a_paragraph(self) -> bool:
        return bool(self.lines) and not self.lines[-1]

    def text(self) -> str:
        lines = list(self.lines)
        while lines and (not lines[-1] or _SEPARATOR_LINE.match(lines[-1])):
            lines.pop()  # the rule that closed a section, under its last line
        paragraphs = "\n".join(lines).strip()
        return re.sub(r"\n{3,}", "\n\n", paragraphs)[:MAX_VALUE_CHARS].strip()


class _Collector:
    """First non-empty value of each field wins; a different later value is a conflict,
    except in a list field under another of its labels, where it joins the list, and in a
    free-text field, where it is the narrative's next paragraph."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.conflicts: list[str] = []
        self.labels: dict[str, set[str]] = {}
        self.unread: list[str] = []
        self.conflicting: dict[str, list[str]] = {}
        self.loose: list[str] = []  # lines outside every field, where a note may change one
        self.set_aside: dict[str, str] = {}  # field → the other person's heading it was under

    def noted(self, field_spec: FieldSpec, value: str, spec: FormSpec) -> None:
        """A note's new value for a field: the value, if the form gives none; a conflict, to
        ask about, if the form gives another. Someone else's words (`Reported`: quoted
        history, "Oak House replied: …") are only ever set beside the form's value."""
        key = field_spec.key
        if not self.values.get(key):
            if not isinstance(value, Reported):
                self.values[key] = value
        elif not same_meaning(field_spec, self.values[key], value, spec):
            if key not in self.conflicts:
                self.conflicts.append(key)
            self.conflicting[key] = [self.values[key], f"{ADDED_BY_A_NOTE}{value.note}" if
                                     isinstance(value, (Addition, Reported)) else value]

    def not_read(self, line: str) -> None:
        """Keep a `Label: value` line that no field took (not a header, link or contact)."""
        text = " ".join(line.split())
        if len(text) > MAX_UNREAD_CHARS:  # cut where a word ends, and said to be cut
            text = text[:MAX_UNREAD_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"
        if (len(self.unread) < MAX_UNREAD and _ANOTHER_LABEL.match(text)
                and not _NEVER_UNREAD.match(text) and not _DETAIL_OF_A_VALUE.match(text)
                and not is_a_banner_or_marking(line) and text not in self.unread):
            self.unread.append(text)

    def add(self, value: _OpenValue | None) -> None:
        if value is None:
            return
        text, key = value.text(), value.spec.key
        if not text:
            return
        labels = self.labels.setdefault(key, set())
        if key not in self.values:
            self.values[key] = text
        elif _same(self.values[key], text):
            pass
        elif value.spec.kind in _LIST_KINDS and value.label and value.label not in labels:
            self.values[key] = f"{self.values[key]}{_LIST_JOINER}{text}"  # a synonym's list
        elif key == "case_reference" and value.label and value.label not in labels:
            self.values[key] = f"{self.values[key]}; {text}"  # "Person ID" and "Case reference":
            # two systems' numbers for the child, both kept (and both removed from the text)
        elif value.spec.paragraphs:  # "Background: …" then "Risks: …": one narrative
            self.values[key] = f"{self.values[key]}\n\n{text}"[:MAX_VALUE_CHARS]
        else:
            if key not in self.conflicts:
                self.conflicts.append(key)
            values = self.conflicting.setdefault(key, [self.values[key]])
            if len(values) < _CONFLICTING_SHOWN and not any(_same(text, v) for v in values):
                values.append(text)
        labels.add(value.label)

    def result(self) -> ExtractedFields:
        return ExtractedFields(dict(self.values), list(self.conflicts), list(self.unread),
                               {key: list(values) for key, values in self.conflicting.items()},
                               dict(self.set_aside), list(self.loose))


def same_meaning(field_spec: FieldSpec, first: str, second: str, spec: FormSpec) -> bool:
    """Whether two values of a field mean the same: one code, one day, or the same words."""
    if field_spec.kind == "code":
        code = spec.code_for(field_spec.key, first)
        return code is not None and code == spec.code_for(field_spec.key, second)
    if field_spec.kind == "codes":  # a note's needs, all among the form's, change nothing
        return all(spec.code_for(field_spec.key, noted) in {
            spec.code_for(field_spec.key, given) for given in list_items(first)}
            for noted in list_items(second))
    if field_spec.kind == "date":
        try:  # any fixed day will do to compare two dates as written
            return parse_uk_date(first, _A_DAY) == parse_uk_date(second, _A_DAY)
        except ValueError:
            return False
    return _same(first, second)


_A_DAY = date(2000, 1, 1)


def _same(first: str, second: str) -> bool:
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()

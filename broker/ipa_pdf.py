"""The Individual Placement Agreement as a PDF document (fpdf2).

fpdf2 rather than WeasyPrint: it is pure Python (its dependencies are Pillow, fontTools and
defusedxml, all wheels), so it installs from PyPI alone on any machine, where WeasyPrint
needs the system's Pango libraries; and the IPA is a short, fixed layout of labelled lines,
which is what fpdf2 draws directly, with no HTML/CSS engine to keep safe from what people
typed. Pure: terms in, bytes out; the same terms give the same document.

The built-in Helvetica covers Latin-1; a character outside it (a name in another script)
is written as its nearest Latin-1 letters (curly quotes and dashes as plain ones), or `?`,
so a document is always produced.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, time
from typing import Any

# Typographic punctuation Latin-1 lacks, as its plain form: the young person's "can’t" must
# not read "can?t" in the agreement.
_PLAIN_PUNCTUATION = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"',
                                    "„": '"', "–": "-", "—": "-", "‐": "-", "−": "-"})


def _text(value: Any) -> str:
    text = str(value if value not in (None, "") else "not given")
    if text.isascii():
        return text
    text = text.translate(_PLAIN_PUNCTUATION)
    if text.isascii():
        return text
    try:
        text.encode("latin-1")
        return text
    except UnicodeEncodeError:
        folded = unicodedata.normalize("NFKD", text)
        return "".join(c for c in folded if not unicodedata.combining(c)).encode(
            "latin-1", "replace").decode("latin-1")


def _date(value: Any) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return date(2000, 1, 1)


def _day(value: Any) -> str:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return _text(value)
    return f"{day.day} {day:%B %Y}"


def _sections(ipa: dict[str, Any]) -> list[tuple[str, list[tuple[str, Any]]]]:
    return [
        ("1. Parties", [
            ("Placing authority", f"{ipa.get('authority')} ({ipa.get('authority_contact')})"),
            ("Provider", ipa.get("provider")),
            ("Home", f"{ipa.get('home')}, Ofsted URN {ipa.get('urn')}, "
                     f"{ipa.get('home_location')}")]),
        ("2. The child (confidential: for the provider and the authority only)", [
            ("Name", str(ipa.get("child_name") or "") + (f" (known as {ipa['known_as']})"
                                              if ipa.get("known_as") else "")),
            ("Date of birth", _day(ipa.get("date_of_birth"))),
            ("NHS number", ipa.get("nhs_number")),
            ("Authority's case reference", ipa.get("case_reference")),
            ("Legal status", ipa.get("legal_status")),
            ("Social worker", ipa.get("social_worker")),
            *_views(ipa)]),
        ("3. The placement", [
            ("Type", ipa.get("placement_type")),
            ("Start date", _day(ipa.get("start_date"))),
            ("Weekly fee", f"GBP {ipa.get('agreed_fee')} a week (requested GBP "
                           f"{ipa.get('requested_fee')}; {ipa.get('how_agreed') or 'agreed'}"
                           + (f"; signed off by {ipa['signed_off_by']}"
                              + (f" at GBP {ipa['signed_off_total']} a week with the additional"
                                 " costs" if ipa.get("signed_off_total") else
                                 f" at GBP {ipa['signed_off_fee']} a week"
                                 if ipa.get("signed_off_fee") else "")
                              + (f" and a one-off GBP {ipa['signed_off_one_off']}"
                                 if ipa.get("signed_off_one_off") else "") + ", "
                              f"{_day(ipa.get('signed_off_on'))}"
                              if ipa.get("signed_off_by") else "") + ")"),
            ("The fee covers", ipa.get("covers")),
            ("Additional costs agreed", ipa.get("additional_costs"))]),
    ]


def _views(ipa: dict[str, Any]) -> list[tuple[str, Any]]:
    """The young person's own words as the social worker recorded them with the shortlist,
    else why they were not sought (none for an agreement issued before the IPA carried them)."""
    if ipa.get("child_views"):
        return [("The young person's views, in their own words as their social worker "
                 "recorded them", "\n" + str(ipa["child_views"]))]  # under their label
    if "child_views" not in ipa and "child_reason" not in ipa:
        return []
    reason = ipa.get("child_reason")
    return [("The young person's views", f"not sought: {reason}" if reason
             else "not recorded by the social worker")]


def signed(ipa: dict[str, Any]) -> str:
    """Who approved the placement for the council, and when, as the email's agreement says
    it: the commissioners whose approval stands (an agreement issued before it named them
    says only that the service issued it)."""
    if not ipa.get("approved_by"):
        return f"Issued for {ipa.get('authority')} through the placement referral broker."
    on = f", {_day(ipa['approved_on'])}" if ipa.get("approved_on") else ""
    return (f"Approved for {ipa.get('authority')} by {ipa['approved_by']}{on}; issued through "
            "the placement referral broker.")


def ipa_pdf(ipa: dict[str, Any]) -> bytes:
    from fpdf import FPDF  # here, not atop: it costs the service 30 MB and 0.5 s to start

    pdf = FPDF(format="A4")
    pdf.set_compression(False)  # plain text streams: a copy can be read and checked
    # The issue date, not the wall clock: the same terms give the same bytes.
    pdf.set_creation_date(datetime.combine(_date(ipa.get("issued_on")), time(), UTC))
    pdf.set_title(_text(f"IPA-{ipa.get('reference')}"))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 10, "INDIVIDUAL PLACEMENT AGREEMENT", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, _text(f"Reference: IPA-{ipa.get('reference')}    Issued: "
                         f"{_day(ipa.get('issued_on'))}"), new_x="LMARGIN", new_y="NEXT")
    for heading, rows in _sections(ipa):
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(0, 6, _text(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for label, value in rows:
            pdf.multi_cell(0, 5.5, _text(f"{label}: {_text(value)}"), new_x="LMARGIN",
                           new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, "4. Terms", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5.5, "This placement is made under the terms of the arrangement the "
                   "referral was sent under, which apply in full. Changes to the fee or the "
                   "support provided need the authority's written agreement.",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 5.5, _text(f"{signed(ipa)} Integrity code: {ipa.get('signature')}"),
                   new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())

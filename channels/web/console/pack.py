"""The audit pack: everything a council needs to answer a procurement challenge or an
inspector about one referral, as one PDF to read and one zip of JSON and CSV to check.

Who received which version when (each email to a provider with the SHA-256 of exactly what
was sent), who was excluded and why, every response and score, the shortlist with the views
recorded, the approvals, the papers accesses, who on the staff opened the referral in the
console, downloaded its pack or acted on it (`staff_access`), the choice, the fee rounds and
the IPA's integrity code, and the whole timeline. Never a network address: a provider's or a
member of staff's stays in the database for operators. Pure: built in memory from the stored
records. The child's identifying details are not in it: only the anonymised profile and
text, and the words staff wrote later anonymised the same way
(channels/web/console/shareable.py).
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from functools import cache
from typing import Any

from channels.web.console.sheets import csv_text

# The PDF's core font is Latin-1: typographic punctuation is written plainly.
_PLAIN = str.maketrans({"\u2014": "-", "\u2013": "-", "\u2018": "'", "\u2019": "'",
                        "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u2192": "->",
                        "\u00a0": " "})


def _latin1(value: Any) -> str:
    text = str(value if value is not None else "").translate(_PLAIN)
    return text.encode("latin-1", "replace").decode("latin-1")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return str(value)


def _rows(items: list[Any], columns: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{c: (getattr(i, c) if not isinstance(i, dict) else i.get(c)) for c in columns}
            for i in items]


TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "waves": ("waves", ("number", "name", "tiers", "window_seconds", "opened_at", "closes_at",
                        "closed_at", "providers", "opened_because", "outcome",
                        "outcome_reason")),
    "recipients": ("recipients", ("wave", "establishment", "establishment_name",
                                  "organisation", "tier", "arrangement", "contact")),
    "exclusions": ("excluded", ("establishment", "establishment_name", "arrangement", "rule",
                                "reason")),
    "emails_to_providers": ("sent", ("kind", "establishment", "to", "subject", "queued_at",
                                     "sent_at", "status", "sha256")),
    "responses": ("responses", ("establishment", "received_at", "sender", "decision",
                                "status", "late", "missing", "fields")),
    "shortlist_rounds": ("rounds", ("round", "labels", "establishments", "views", "by", "at",
                                    "expires_at", "outcome")),
    "approvals": ("approvals", ("round", "approver", "approver_name", "decision", "reason",
                                "channel", "account", "at")),
    "papers_access": ("accesses", ("at", "establishment", "what", "outcome")),  # no address
    "staff_access": ("staff_accesses", ("at", "staff", "role", "authority", "action",
                                        "outcome")),  # never an address on the network
    "fee_rounds": ("fee_rounds", ("round", "establishment", "by", "weekly_fee", "status",
                                  "at")),
    "timeline": ("events", ("at", "kind", "data")),
}


def pack_tables(records: Any) -> dict[str, list[dict[str, Any]]]:
    return {name: _rows(list(getattr(records, source)), columns)
            for name, (source, columns) in TABLES.items()}


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    return csv_text(columns, ([_plain(row.get(name)) for name in columns] for row in rows))


def _plain(value: Any) -> Any:
    """A value as a CSV cell holds it: JSON for a structure, ISO for a moment."""
    if isinstance(value, dict | list):
        return json.dumps(value, default=_json_default)
    return value.isoformat() if isinstance(value, datetime) else value


def build_zip(records: Any, summary: dict[str, Any]) -> bytes:
    """referral.json (the summary, profile, anonymised text, comparison, IPA) and one CSV
    and one JSON per table."""
    referral = records.referral
    tables = pack_tables(records)
    document = {
        "reference": referral.reference, "state": referral.state,
        "authority": referral.authority, "referrer": referral.referrer,
        "created_at": referral.created_at, "urgency": referral.urgency,
        "cascade": referral.cascade, "anonymised": referral.anonymised,
        "comparison": referral.comparison, "chosen": referral.chosen,
        "outcome_reason": referral.outcome_reason, "ipa": records.placed, **summary}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("referral.json", json.dumps(document, indent=2,
                                                     default=_json_default))
        for name, rows in tables.items():
            archive.writestr(f"{name}.csv", _csv(rows, TABLES[name][1]))
            archive.writestr(f"{name}.json", json.dumps(rows, indent=2, default=_json_default))
    return buffer.getvalue()


@cache
def _pack_class() -> Any:
    """The PDF class, made on first use: importing fpdf costs the service 30 MB and 0.5 s
    at start-up, and few processes ever make a pack."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class _Pack(FPDF):
        def __init__(self, reference: str) -> None:
            super().__init__(orientation="P", unit="mm", format="A4")
            self.reference = reference
            self.set_auto_page_break(auto=True, margin=15)
            self.set_title(f"Audit pack {reference}")

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, _latin1(f"{self.reference} audit pack - page {self.page_no()}"),
                      align="C")

        def heading(self, text: str) -> None:
            self.ln(3)
            self.set_font("Helvetica", "B", 13)
            self.multi_cell(0, 7, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_font("Helvetica", size=9)

        def para(self, text: str) -> None:
            self.multi_cell(0, 5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

        def grid(self, header: list[str], rows: list[list[Any]], widths: tuple[int, ...]) -> None:
            if not rows:
                self.para("None.")
                return
            self.set_font("Helvetica", size=8)
            with self.table(col_widths=widths, text_align="LEFT", line_height=4.5,
                            first_row_as_headings=True) as table:
                table.row([_latin1(h) for h in header])
                for values in rows:
                    table.row([_latin1(v) for v in values])
            self.set_font("Helvetica", size=9)

    return _Pack


def build_pdf(view: dict[str, Any], generated: str) -> bytes:
    """The referral page's facts, in the same words, for reading and printing."""
    pdf = _pack_class()(view["reference"])
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, _latin1(f"Audit pack: {view['reference']}"),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    pdf.para(f"{view['authority']}. Now {view['state_words']}. Generated {generated} "
             "(UK time). Every time is UK time.")
    _sections(pdf, view)
    return bytes(pdf.output())


def _sections(pdf: Any, view: dict[str, Any]) -> None:
    pdf.heading("The child's needs, as providers saw them (anonymised)")
    pdf.grid(["", ""], [list(pair) for pair in view["profile"]], (40, 140))
    for label, text in view["text"]:
        pdf.para(f"{label}: {text}")
    pdf.heading("Who received the referral, and when")
    for wave in view["waves"]:
        pdf.para(f"Wave {wave['number']} ({wave['name']}): opened {wave['opened']}, closes "
                 f"{wave['closes']}, {wave['outcome']}. Opened because: {wave['because']}.")
        pdf.grid(["Establishment", "Organisation", "Arrangement", "Tier"],
                 [[r["name"], r["organisation"], r["arrangement"], r["tier"]]
                  for r in wave["recipients"]], (55, 50, 55, 20))
    pdf.heading("Emails to providers (each with the SHA-256 of what was sent)")
    pdf.grid(["To", "What", "Queued", "Delivered", "SHA-256"],
             [[s["who"], s["kind"].split("/")[-1], s["queued"], s["delivered"] or s["status"],
               s["sha256"][:16] + "..."] for s in view["sent"]], (45, 30, 32, 32, 41))
    pdf.heading("Who was excluded, and why (the rule and reason recorded at the time)")
    pdf.grid(["Establishment", "Rule", "Reason"],
             [[x["name"], x["rule"], x["why"]] for x in view["excluded"]], (50, 25, 105))
    pdf.heading("Responses and scores")
    pdf.grid(["Option", "Provider", "Response", "Score", "Weekly fee", "Received"],
             [[r["label"], r["who"], r["decision"] + (" (late)" if r["late"] else ""),
               r["score"], r["fee"], r["received"]] for r in view["responses"]],
             (14, 50, 28, 14, 40, 34))
    _placement_sections(pdf, view)


def _channel(approval: dict[str, Any]) -> str:
    """`slack U0456`: the channel, and in Slack the user id that decided (the team's id is
    in the pack's approvals.csv)."""
    account = str(approval.get("account") or "")
    return f"{approval['channel']} {account.split('/')[-1]}" if account else approval["channel"]


def _placement_sections(pdf: Any, view: dict[str, Any]) -> None:
    pdf.heading("Shortlist and the views recorded")
    for r in view["rounds"]:
        views = r["views"]
        pdf.para(f"Round {r['round']}: {r['labels']} by {r['by']} at {r['at']} - "
                 f"{r['outcome']}. Parents' views: "
                 f"{views.get('parents') or 'not sought: ' + views.get('parents_reason', '')}"
                 f". Child's views: "
                 f"{views.get('child') or 'not sought: ' + views.get('child_reason', '')}.")
    if not view["rounds"]:
        pdf.para("None.")
    pdf.heading("Approvals")
    pdf.grid(["Round", "Commissioner", "Decision", "Channel", "When", "Reason"],
             [[a["round"], a["who"], a["decision"], _channel(a), a["at"], a["reason"]]
              for a in view["approvals"]], (14, 45, 22, 18, 32, 49))
    pdf.heading("Full papers: every access")
    pdf.grid(["When", "Provider", "What", "Outcome"],
             [[a["at"], a["who"], a["what"], a["outcome"]] for a in view["accesses"]],
             (34, 55, 45, 46))
    pdf.heading("The console: every staff access")
    pdf.grid(["When", "Who", "Role", "What", "Outcome"],
             [[a["at"], a["who"], a["role"], a["what"], a["outcome"]]
              for a in view.get("staff_accesses", [])], (34, 55, 27, 36, 28))
    if view.get("staff_refused_elsewhere"):
        pdf.para(f"Also {view['staff_refused_elsewhere']} attempt(s) by staff of other "
                 "councils, refused (not theirs to see); not named here.")
    pdf.heading("Choice and fee rounds")
    pdf.grid(["Round", "Proposed by", "Provider", "Weekly fee", "Status", "When"],
             [[f["round"], f["by"], f["who"], f["fee"], f["status"], f["at"]]
              for f in view["fee_rounds"]], (14, 24, 50, 36, 22, 34))
    placed = view["placed"]
    pdf.heading("Individual Placement Agreement")
    pdf.para(f"Placed with {placed['who']} at {placed['agreed']} (requested "
             f"{placed['requested']}; cost avoided {placed['avoided']}). Integrity code: "
             f"{placed['code']}." if placed else "No agreement has been issued.")
    pdf.heading("Timeline")
    pdf.grid(["When", "What happened"], [[t["at"], t["what"]] for t in view["timeline"]],
             (34, 146))

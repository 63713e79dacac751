"""The anonymised referral as providers read it: each field's label and its words, and the
narrative sections' titles, in order. Pure.

One source for every place that shows "what providers saw": the referral email to providers
(text and HTML, through the `referral_lines` template global), the social worker's
acknowledgement, the console's "The referral, as providers saw it" and `broker anonymise`.
"""

from __future__ import annotations

import re
from typing import Any

from channels.email.render import day

TEXT_SECTIONS = (("background", "Background and risks"),
                 ("strengths", "Strengths and interests"), ("wishes", "Child's wishes"),
                 ("location", "Location requirements"), ("education", "Education"))


def referral_lines(profile: dict[str, Any]) -> list[tuple[str, str]]:
    """The profile's fields as the provider email lists them: `("Needed from", "Tuesday 1
    December 2026")` (with its deadline when the referral gives one: "Monday 14 December
    2026 (no later than Friday 18 December 2026)"), a field not given as `not given`."""
    # the console's words for codes (a late import: the console's package imports this one)
    from channels.web.console.words import code_words, legal_words, need_words

    p = profile or {}

    def given(key: str) -> str:
        value = p.get(key)
        return "not given" if value in (None, "") else str(value)

    return [
        ("Referring authority", given("authority")),
        ("Age", given("age") + (f" ({p['age_note']})" if p.get("age_note") and p.get(
            "age") not in (None, "") else "")),  # "16 (claimed; age assessment pending)"
        ("Gender", given("gender")),
        ("Child's area (home postcode district)", given("area")),
        ("Placement type", given("placement_type")),
        ("Urgency", given("urgency")),
        ("Needed from", day(p.get("needed_from") or None) + (  # and its deadline, if any
            f" (no later than {day(p['no_later_than'])})"
            if p.get("no_later_than") and p.get("needed_from") else "")),
        ("Expected duration", code_words(p["duration"]) if p.get("duration") else "not given"),
        ("Children to place together", given("siblings") if p.get("siblings") else "1"),
        ("Needs", ", ".join(need_words(n) for n in p.get("needs") or []) or "none given"),
        ("Legal status", legal_words(p.get("legal_status"))),
        ("Ethnicity", given("ethnicity")),
        ("Religion", given("religion")),
        ("First language", given("language")),
    ]


def referral_sections(text: dict[str, Any]) -> list[tuple[str, str]]:
    """The narrative sections given, as `(title, text)`, in the email's order; and, when
    they mention an attachment ("See attached chronology"), a last one saying attachments
    are not sent with the referral but with the full papers (round R23's C06: providers
    read "see attached" with nothing attached)."""
    sections = [(title, str(text[key])) for key, title in TEXT_SECTIONS
                if (text or {}).get(key)]
    if any(_MENTIONS_AN_ATTACHMENT.search(said) for _, said in sections):
        sections.append(ATTACHMENTS)
    return sections


ATTACHMENTS = ("Attachments", "The social worker's attachments are not sent with the "
               "anonymised referral: shortlisted homes receive them with the full papers.")
_MENTIONS_AN_ATTACHMENT = re.compile(r"\battach(?:ed|ment|ments)\b|\benclosed\b",
                                     re.IGNORECASE)


def referral_text(reference: str, profile: dict[str, Any], text: dict[str, Any]) -> str:
    """The anonymised referral as the provider email's plain text shows it."""
    lines = [f"REFERRAL {reference}"]
    lines += [f"{label}: {value}" for label, value in referral_lines(profile)]
    for title, said in referral_sections(text):
        lines += ["", f"{title}:", said]
    return "\n".join(lines) + "\n"

"""A referral signed with a name alone, under the form's last free-text field.

Many social workers sign with nothing but their first name, set apart by a blank line under
the background: "… away from the county lines network." / "" / "Sam". With no "Kind
regards" above it and no phone or email line under it, nothing marks it as a signature, and
a free-text field keeps its paragraph breaks, so the name would end the background that
providers receive. So, under the form's last field when that field is free text, a closing
paragraph (set apart by a blank line, with nothing but blank lines after it) is the writer's
sign-off, and is not read, when its first line is:

- one to three capitalised words, shaped as a name ("Sam", "Lena Fischer", "SAM",
  "Jo-Anne O'Neill"), not a word a form or narrative closes with ("None", "Ongoing",
  "Mum"), nor a month or a day;
- optionally with a remark in brackets ("Lena (out of hours)"), but not a relationship or
  an age ("Aaron Malby (brother)", "River (8)": a person in the child's life);
- optionally with a job title, team or phone after a comma, dash or bar on the same line
  ("Sam Taylor – Social Worker", "Kim | EDT"),

and each line under it (four at most) is a job title, team, service or contact line
("Social Worker", "Children in Care Team", "07700 900123"), or, under a first name, the full
name it begins ("Tom" over "Tom Barker"). Once such a sign-off is cut, a name alone on the
paragraph above it ("Tom", then the automatic "Tom Barker / Millbridge County Council") is
the typed sign-off above the automatic one, and is cut too. A real last sentence of the
background is never such a paragraph: it is more than a name, or it is not set apart. A
bracket must be the writer's own remark (a role, "out of hours", "on leave"), and no title
may say what a title never does (known to, carries, gang, lines, police, older male…): "Dean
Cole – County lines lead, known to police" and "Marcus (older male)" under a phone number
are about someone in the child's life, and stay in the background providers read.

Every pattern here matches one short line with bounded runs, so it runs in linear time.
"""

from __future__ import annotations

import re

from broker.forms.items import Item, Row

__all__ = ["a_name_in", "signed_name", "without_a_bare_sign_off"]

_NAME_WORD = r"(?:[A-Z][a-z'’]{0,20}(?:[A-Z-][A-Za-z'’]{1,20})?|[A-Z][A-Z'’-]{1,20})"
_NAME = re.compile(
    rf"[ \t*_]{{0,3}}(?P<name>{_NAME_WORD}(?:[ \t]{{1,3}}{_NAME_WORD}){{0,2}})"
    r"(?:[ \t]{0,3}\((?P<remark>[^()\n]{1,40})\))?"
    r"(?:[ \t]{0,3}(?:[,|/]|[ \t][-\u2013\u2014])[ \t]{0,3}(?P<role>[^\n]{1,80}?))?"
    r"[ \t]{0,3}[.,!]?[ \t*_]{0,3}")
# Words a closing line of a form or a narrative can be that are no one's name.
_NOT_A_NAME = frozenset({
    "none", "nil", "nothing", "unknown", "n/a", "na", "tbc", "tba", "yes", "no", "ok", "okay",
    "thanks", "thank", "cheers", "regards", "ends", "end", "ongoing", "pending", "see",
    "please", "urgent", "emergency", "planned", "confidential", "official", "sensitive",
    "private", "risks", "risk", "background", "needs", "mum", "dad", "mother", "father",
    "mum's", "dad's", "police", "school", "court", "family", "social", "care", "children",
    "child", "young", "person", "baby", "boy", "girl", "male", "female", "other", "attached",
    "below", "above", "note", "notes", "nb", "ps", "update", "updated", "draft", "final",
    "signed", "sent", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
})
# A bracket that says who someone is to the child, or their age: a person in the child's
# life, never the writer's remark.
_ABOUT_A_PERSON = re.compile(
    r"\d|\b(?:mother|mum|father|dad|step|half|brother|sister|sibling|nan|nana|gran|granny|"
    r"grandad|grandpa|grand\w*|aunt|auntie|uncle|cousin|carer|parent|son|daughter|partner|"
    r"boyfriend|girlfriend|baby|child|friend|aged?)\b", re.IGNORECASE)
# A job title, team, service or organisation under (or beside) the name.
_ROLE = re.compile(
    r"\b(?:worker|manager|officer|practitioner|team|service|services|council|trust|"
    r"department|dept|duty|edt|coordinator|co-ordinator|lead|assistant|adviser|advisor|"
    r"supervisor|social|sw|swm|tm|placements?|commissioning|commissioner|hours|ooh|"
    r"safeguarding|children|care|families|cic|lac|yot|senior|principal|head|consultant|"
    r"iro|pa|directorate|county|borough|city|hub|unit|locality|region|team\s+\d)\b",
    re.IGNORECASE)
# A remark in brackets after the name that is the writer's own ("Lena (out of hours)").
_WRITERS_REMARK = re.compile(
    r"\b(?:out[ -]of[ -]hours|on leave|covering|off sick|part[ -]time|acting|locum|agency|"
    r"she/her|he/him|they/them)\b", re.IGNORECASE)
# Words no sign-off's title says, that a last line about a person in the child's life does
# ("Dean Cole – County lines lead, known to police", "Rico / Senior figure in the local
# gang"): such a paragraph is the background's, and is kept (attacker's review 24).
_ABOUT_A_RISK = re.compile(
    r"[;!?]|\b(?:known|carr(?:y|ies|ying)|gangs?|lines|ocg|network|knife|knives|weapons?|"
    r"drugs?|deal(?:er|ing|s)?|older|exploit\w*|abus\w*|risks?|threat\w*|arrest\w*|"
    r"violen\w*|associates?|police|figure|member|boss|suspect\w*|offend(?:er|ing)|"
    r"perpetrator|groom\w*|male|female|man|woman|boyfriend|girlfriend)\b", re.IGNORECASE)
_CONTACT = re.compile(
    r"[ \t]*(?:(?:t|tel|telephone|phone|m|mob|mobile|e|email|e-mail|ext|ddi)[ \t]*[:.]"
    r"[^\n]{0,80}|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}"
    r"|(?:\+44[ \t]?|0)\d[\d \t()-]{8,16})[ \t]*")
_LINES_UNDER = 4
_LINE_CHARS = 80


def without_a_bare_sign_off(items: list[Item], last_label: int, free_text: bool) -> list[Item]:
    """The items less a bare sign-off closing them (see the module's rules). `last_label` is
    the index of the form's last labelled line; `free_text`, whether its field keeps
    paragraphs (only then would the name join its value)."""
    if not free_text:
        return items
    kept = _without_the_closing_sign_off(items, last_label)
    if kept is items:
        return items
    # A first name alone above the signature block ("Tom", then "Tom Barker / Millbridge
    # County Council"), as Apple Mail and Outlook put a typed name above the automatic one:
    # it signs the email too.
    return _without_the_closing_sign_off(kept, last_label, name_alone=True)


def _without_the_closing_sign_off(items: list[Item], last_label: int,
                                  name_alone: bool = False) -> list[Item]:
    end = len(items)
    while end > last_label + 1 and _is_blank(items[end - 1]):
        end -= 1  # (a blank line, or the break at the end of a text part)
    start = end
    while start > last_label + 1 and isinstance(line := items[start - 1], str) and line.strip():
        start -= 1
    if start >= end or start <= last_label + 1 or not _is_blank(items[start - 1]):
        return items  # no closing paragraph set apart under the field's own lines
    lines = [str(item) for item in items[start:end]]
    if name_alone and len(lines) > 1:
        return items
    if len(lines) > 1 + _LINES_UNDER or not _a_name_line(lines[0]) or not all(
            _a_role_line(line) or (at == 1 and _the_name_again(lines[0], line))
            for at, line in enumerate(lines[1:], 1)):
        return items
    return items[:start - 1]


# A closing word above the name on its own line ("Kind regards,", "Thanks", "Best wishes").
_VALEDICTION = re.compile(
    r"[ \t]{0,3}(?:(?:many|kind(?:est)?|best|warm(?:est)?)[ \t]{1,3}(?:thanks|regards|wishes)|"
    r"thanks|thank[ \t]{1,3}you|regards|cheers|best)[ \t]{0,3}[,.!]?[ \t]{0,3}", re.IGNORECASE)


def signed_name(text: str) -> str:
    """The name the writer signed her email with, by the module's rules: its closing
    paragraph, set apart by a blank line, a name line ("Kim | EDT", "Sam Taylor – Social
    Worker", "Lena (out of hours)") with only title, team or contact lines under it, or the
    same under a closing word ("Kind regards,"), gives its name ("Kim", "Sam Taylor", "Lena");
    "" when the email ends otherwise (a sentence, a form's field, a person in the child's
    life under the background). Only the writer's own text is read: a forwarded or quoted
    email below her words (`opens_anothers_words`) is someone else's, and its signature too."""
    from broker.forms.anothers_words import opens_anothers_words

    lines: list[str] = []
    for line in text.splitlines()[:2000]:
        if opens_anothers_words(line):
            break
        lines.append(line.rstrip())
    while lines and not lines[-1].strip():
        lines.pop()
    start = len(lines)
    while start > 0 and lines[start - 1].strip():
        start -= 1
    paragraph = lines[start:]
    if start == 0 or not paragraph:
        return ""  # the whole email is one paragraph: a form's last line, not a sign-off
    if _VALEDICTION.fullmatch(paragraph[0]):
        paragraph = paragraph[1:]
    if not paragraph or len(paragraph) > 1 + _LINES_UNDER or not _a_name_line(paragraph[0]):
        return ""
    if not all(_a_role_line(line) or (at == 1 and _the_name_again(paragraph[0], line))
               for at, line in enumerate(paragraph[1:], 1)):
        return ""
    said = _NAME.fullmatch(paragraph[0])
    return " ".join(said["name"].split()) if said is not None else ""


def _the_name_again(first: str, line: str) -> bool:
    """Whether `line` is the full name that the first name above it begins ("Tom" over
    "Tom Barker"): a typed sign-off directly above the automatic signature."""
    above, below = _NAME.fullmatch(first), _NAME.fullmatch(line)
    return (above is not None and below is not None and _a_name_line(line)
            and below["name"].split()[0] == above["name"].split()[0]
            and len(below["name"].split()) > len(above["name"].split()))


def a_name_in(line: str) -> str:
    """The name a line shaped as a sign-off's name line gives, by the module's rules ("Sam
    Taylor" of "Sam Taylor – Social Worker", "Kim" of "Kim | EDT", "Northby EDT"); "" for a
    line that is no name ("*URGENT* <https://…|Approve here>", "Reply AGREE to sam")."""
    said = _NAME.fullmatch(line)
    return " ".join(said["name"].split()) if said is not None and _a_name_line(line) else ""


def _a_name_line(line: str) -> bool:
    said = _NAME.fullmatch(line)
    if said is None:
        return False
    words = said["name"].split()
    if any(word.lower().strip("'’") in _NOT_A_NAME for word in words):
        return False
    if said["remark"] and (_ABOUT_A_PERSON.search(said["remark"]) or not (
            _WRITERS_REMARK.search(said["remark"]) or _ROLE.search(said["remark"]))
            or _ABOUT_A_RISK.search(said["remark"])):
        return False
    return not said["role"] or _a_role_line(said["role"])


def _a_role_line(line: str) -> bool:
    return len(line) <= _LINE_CHARS and (
        _CONTACT.fullmatch(line) is not None or (
            _ROLE.search(line) is not None and not line.rstrip().endswith(".")
            and line.strip()[:1].isupper() and _ABOUT_A_RISK.search(line) is None))


def _is_blank(item: Item) -> bool:
    return not item.strip() if isinstance(item, str) else not isinstance(item, Row)

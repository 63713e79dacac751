"""Whether the lines under a bare thanks are a signature, or more of the reply.

"Thanks", "Thank you", "Many thanks", "Cheers" or "Ta" alone on its line closes as many
replies as it interrupts: "Confirmed – still offering.⏎⏎Thanks⏎⏎One thing: you would need to
do the school run for the first two weeks" goes on after it. Rule `thanks-signed-below`: such
a line ends the writer's text only when what follows it, up to a postscript, a signature mark
("-- ", "Sent from my iPhone") or a legal notice, looks like a signature: nothing, a name, a
job title, the home's name, contact lines (phone, email, web, an address and its postcode),
or those between "|"s on one line ("Jo Price | Registered Manager | 01632 960 123"), seven
lines at most. A line that says terms (`says_terms`: a money amount, a staffing ratio, or a
sentence with a verb, "2:1 staffing is needed at an additional £1,500 per week") is never a
signature's, whatever label opens it ("Service:", "Contact:") or words close it
("(commercially confidential)"): a reply that goes on with one goes on. A sign-off that is
no bare thanks ("Kind regards", "Best wishes", "Thanks, Jo") is not weighed here: what
follows it is the signature.

The email reader (`broker.forms.quotes`) and the words passed on to a person
(`workflows.passed_on`) both cut a reply's signature by this rule, so a condition typed under
a "Thanks" is read, and quoted, by both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import islice

from broker.forms.money import POUNDS

__all__ = ["BARE_THANKS", "POSTSCRIPT", "PRICE_FROM", "SIGNATURE_LINES", "a_name",
           "a_signature_line", "says_fee_terms", "says_terms", "signed_below"]

# A thanks alone on its line: a sign-off only when a signature follows (`signed_below`).
BARE_THANKS = re.compile(r"^\s*(?:many\s+thanks|thanks|thank\s+you|cheers|ta)\s*[,.!]?\s*$",
                         re.IGNORECASE)
# A postscript after the signature ("PS having read the papers…", "P.S. …") is the writer's
# words again.
POSTSCRIPT = re.compile(r"^\s*P\.?\s?S\b\.?", re.IGNORECASE)
# A mark under which only the signature and the mail system's lines follow.
_MARK = re.compile(r"^\s*(?:--|[–—])\s*$|^\s*(?:sent from my|sent from outlook|get outlook for|"
                   r"sent from mail for|sent with)\b", re.IGNORECASE)
# A name alone closing the reply, after a sign-off dash or none: one or two capitalised words
# ("Jo", "- Priya Shah", "— Tunde"). Capitalised words of a line are as often what the home
# says ("Subject To Panel Approval", "Pending"): only words that look like a name go.
_NAME_LINE = re.compile(r"^\s*(?:[-–—]+\s*)?(?P<name>[^\W\d_][\w'’-]{0,30}"
                        r"(?:[ \t]+[^\W\d_][\w'’-]{0,30})?)\s*$")
# Under that name, a job title (`_ROLE_WORDS`) and the home's name, up to four capitalised
# words ("Larch Care"): taken for the signature only under a name. At most so many lines.
_HOME_LINE = re.compile(r"^\s*[A-Z][\w'’&-]{0,30}(?:\s+[A-Z][\w'’&-]{0,30}){0,3}\s*$")
SIGNATURE_LINES = 7
# What no signature line carries: a money amount ("£1,500", "1500 pounds", "900 per week"), a
# staffing ratio ("2:1", "1:1"); and a sentence, a clause with a verb ("is needed", "we will
# charge", "would apply"); nor the words of a condition ("subject to", "pending", "additional").
# Deliberately wider than a £ figure (broker/forms/money.py `POUNDS`): any currency's sign,
# and a bare figure with "k", "pounds" or a period, since a line with any money in it is
# the writer's words, never a signature's (it fails closed: the line is kept and read).
_ANY_MONEY = re.compile(r"[£€$]\s?\d|\b\d[\d,]*(?:\.\d\d)?\s?(?:k\b|pounds?\b|gbp\b|p/?w\b|"
                    r"(?:per|a|/)\s?(?:week|wk|day|night|hour|hr|month|year|annum)\b)",
                    re.IGNORECASE)
_RATIO = re.compile(r"(?<![\d:])[1-4]\s?:\s?[1-4](?![\d:])")
_CLAUSE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|will|would|can|could|shall|should|must|may|might|"
    r"need|needs|needed|require|requires|required|requiring|charge|charges|charged|cost|"
    r"costs|apply|applies|applied|have|has|had|do|does|did|won['’]t|can['’]t|isn['’]t|"
    r"aren['’]t|we['’](?:ll|re|d|ve)|i['’](?:ll|m|d|ve)|it['’]s|there['’]s|subject\s+to|"
    r"pending|conditional|additional|extra|on\s+top|supplement|surcharge|plus|unless|"
    r"until|provided\s+that)\b", re.IGNORECASE)
# A contact line under that name, or a part of one between "|"s: a phone number, an email or
# web address, or an address ending in a postcode, labelled or not ("Tel: 01632 960 123",
# "Mob: 07700 900 123", "larch.house@larchcare.example", "www.larchcare.example",
# "12 Mill Lane, Leeds LS1 4AB"); nothing else beside it.
_CONTACT = re.compile(
    r"^\s*(?:(?:t|tel|telephone|phone|ph|m|mob|mobile|cell|e|email|e-mail|f|fax|w|web|website|"
    r"ext|ddi|direct\s+(?:line|dial)|switchboard|office|address)\s*[:.]\s*)?"
    r"(?:\+?\(?\d[\d\s()-]{7,16}\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+"
    r"|[\w'’., -]{0,80}\b(?-i:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}))\s*[,.;]?\s*$", re.IGNORECASE)
# Where a one-line signature parts its pieces: "Jo Price | Registered Manager | 01632 960 123".
_PIECES = re.compile(r"\s*[|•·]\s*")
# A job title alone under that name ("Registered Manager", "Referrals Co-ordinator"): every
# word one of these.
_ROLE_WORDS = frozenset({
    "registered", "deputy", "assistant", "acting", "interim", "senior", "team", "home",
    "service", "services", "operations", "business", "development", "regional", "area",
    "manager", "leader", "lead", "head", "director", "officer", "coordinator",
    "co-ordinator", "administrator", "admin", "advisor", "adviser", "supervisor",
    "supervising", "social", "worker", "referrals", "referral", "placements", "placement",
    "matching", "fostering", "foster", "carer", "carers", "responsible", "individual",
    "principal", "headteacher", "teacher", "senco", "compliance", "of", "and", "&",
})


def signed_below(after: Iterable[str], also: Callable[[str], bool] | None = None) -> bool:
    """Whether the lines after a bare thanks are a signature (see the module's rule): none,
    or a name, its job title, home and contact lines ("Tunde", "Jo Bell⏎Deputy Manager",
    "Tel: 01632 960 123"), up to a postscript, a signature mark or a legal notice; not more
    sentences of the reply. `also`: the lines a caller knows for a signature's besides
    (the email reader's "Service: …", "Ofsted URN: …"). Reads no further than it must: a
    few dozen lines at most."""
    from broker.forms.footers import is_a_notice

    lines = list(islice(after, _REACH))
    said = 0
    for at, line in enumerate(lines):
        if POSTSCRIPT.match(line) or _MARK.match(line):
            return True
        if says_terms(line, clause=False):
            return False  # "£1,500 extra … (commercially confidential)": terms, not a notice
        if is_a_notice(line):
            return True
        if not line.strip():
            continue
        if BARE_THANKS.match(line):
            return False  # "Thanks!⏎Thanks again, Jo": the line below is weighed in its turn
        if (also is not None and also(line)) or a_signature_line(line, named=not said) or a_name(
                line, vouched=_vouched_for(lines[at + 1:])):
            said += 1
            if said > SIGNATURE_LINES:
                return False
            continue
        paragraph = " ".join(lines[at:next((end for end in range(at, len(lines))
                                            if not lines[end].strip()), len(lines))])
        return is_a_notice(paragraph)  # "This email and any attachments are confidential…"
    return True


# How many lines under a thanks are weighed: a signature's, blank lines between, and the
# opening of a legal notice.
_REACH = 40


def says_terms(line: str, clause: bool = True, money: bool = True) -> bool:
    """Whether the line says what a signature never does: a staffing ratio, (`money`) a money
    amount, or (`clause`) a sentence with a verb or a condition's words ("2:1 staffing is
    needed for the first month at an additional £1,500 per week")."""
    return bool((money and _ANY_MONEY.search(line)) or _RATIO.search(line)
                or (clause and _CLAUSE.search(line)))


# A price advertised "from", a banner's, no term: "Fees from £4,600pw", "rates starting at
# £4,200 a week".
PRICE_FROM = re.compile(rf"\b(?:from|starting\s+(?:at|from))[ \t]+{POUNDS}"
                        r"(?:[ \t]?(?:p/?w\b|per[ \t]+week\b|a[ \t]+week\b))?",
                        re.IGNORECASE)
_FEE_WORDS = re.compile(r"\b(?:fees?|rates?|costs?|charges?|prices?|weekly)\b", re.IGNORECASE)
# "from" a day: "from 14/12", "from the 21st", "from January", "from Monday", "from next week".
_FROM_A_DAY = re.compile(r"\b(?:from|starting|as\s+of|after)\s+(?:the\s+)?(?:\d|next\b|"
                         r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|"
                         r"fri|sat|sun)[a-z]*\b)", re.IGNORECASE)


def says_fee_terms(line: str) -> bool:
    """Rule `fee-terms-signed-below`: whether a line under a sign-off says the home's terms on
    the fee, the start or a cost, so that it is the writer's words and no signature's: a money
    amount or a day it runs "from" with a fee word ("Please note our fee from 14/12 will be
    £5,100 pw", "NB our fee goes up to £4,700 from January"). A price a banner advertises
    "from" ("Fees from £4,600pw", `PRICE_FROM`) says none."""
    line = PRICE_FROM.sub(" ", line)
    return bool(_FEE_WORDS.search(line)) and bool(_ANY_MONEY.search(line)
                                                  or _FROM_A_DAY.search(line))


def a_signature_line(line: str, named: bool = False) -> bool:
    """A line of a signature under the writer's name: a job title, the home's name, a contact
    line, or pieces of those between "|"s ("Tel: 01632 960 123 | Mob: 07700 900 123");
    `named`: a one-line signature, the name its first piece ("Jo Price | Registered
    Manager | Larch House"), two pieces at least. Never a line that says terms."""
    if says_terms(line):
        return False
    pieces = [piece for piece in _PIECES.split(line.strip()) if piece]
    if named:
        return len(pieces) > 1 and a_name(pieces[0]) and all(
            _a_signature_piece(piece) for piece in pieces[1:])
    return bool(pieces) and all(_a_signature_piece(piece) for piece in pieces)


def _a_signature_piece(piece: str) -> bool:
    if (tagged := _TAGLINE.match(piece)) and not any(c.isdigit() for c in tagged["tagline"]) \
            and not says_fee_terms(tagged["tagline"]):
        piece = tagged["title"]  # "Registered Manager – proud to support young people"
    return _a_job_title(piece) or bool(_HOME_LINE.match(piece) or _CONTACT.match(piece))


# A job title or the home's name with a tagline after a dash ("Registered Manager – proud to
# support young people"): the tagline says no terms (`a_signature_line` tests the whole
# line), no day or figure.
_TAGLINE = re.compile(r"^(?P<title>[^–—-]{2,60}?)\s+[–—-]\s+(?P<tagline>.{1,80})$")


def a_name(line: str, vouched: bool = False) -> bool:
    """A line of a name alone: one or two words that look like a name, the first a listed
    name or no common English word ("Jo", "Priya Nair", "Tunde"; not "Pending", "Urgent",
    "Panel Approval"). `vouched`: a job title or a contact line follows it (`_vouched_for`),
    so a first name that is also a word ("Pat", "Bill") passes with a surname that is a name
    ("Pat Greaves⏎Referrals Coordinator | Larch Care Group⏎Tel: 020 7946 0321")."""
    from broker.anonymise import lexicon
    from broker.anonymise.name_shapes import looks_like_a_name

    shaped = _NAME_LINE.match(line)
    if not shaped or not shaped["name"][0].isupper():
        return False
    name = shaped["name"]
    words = name.split()
    if not looks_like_a_name(name):
        return False
    return lexicon.kind(words[0]) in ("name", "rare") or (
        vouched and len(words) == 2 and words[1][0].isupper()
        and lexicon.kind(words[0]) != "word" and lexicon.kind(words[1]) in ("name", "rare"))


def _vouched_for(below: list[str]) -> bool:
    """Whether the first line under a name-shaped line is a job title or a contact line
    (never a name's alone: "Pending⏎Jo" vouches for nothing)."""
    under = next((line for line in below if line.strip()), "")
    return bool(under) and a_signature_line(under) and not a_name(under)


def _a_job_title(line: str) -> bool:
    """A line of a job title alone ("Registered Manager", "Deputy Home Manager")."""
    words = line.casefold().split()
    return 0 < len(words) <= 5 and all(word in _ROLE_WORDS for word in words)

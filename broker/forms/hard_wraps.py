"""Prose a mail client hard-wrapped, joined again into the lines its writer typed.

Outlook's plain-text mode wraps a reply at 76 characters, Thunderbird without format=flowed
at 72, and Notes and Gmail's quoting alike: "Unfortunately we are not⏎able to offer her a
place" is one sentence, and read as two its second half says "able to offer her a place";
"from Monday 14⏎December 2026" is one date. (format=flowed text marks its own soft breaks and
is joined by them: `broker.forms.mime.unflow`.) A line is joined to the next only when every
sign says the client broke it, not the writer (named rules below):

- the line has no sentence's end (. ! ? : ;) and is as long as a wrapped line is: the next
  line's first word would not have fitted beside it at any width a client wraps at (60 to 80
  characters). A line the writer broke short ("Yes", "Many thanks", a signature's lines) is
  never joined;
- neither line is blank, a rule ("-----"), `>`-quoted, a form's `Label: value` (or `Label -
  value`) line, a list item, or a line of contact details (an address, a link, a phone
  number, parts between "|");
- the next line does not open something of its own: a sign-off ("Kind regards"), a greeting,
  a reply's header ("On … wrote:"), a capitalised word that opens sentences ("We",
  "Unfortunately", "Thanks"), or a name alone at a paragraph's end. Any other capitalised
  word (a home's name, "Offer", "Bed") goes on the line above only where the writer's own
  text shows the width it was wrapped at (another of its lines as long as a wrapped line) and
  the word would
  not have fitted at that width: "… our homes in south London⏎Larch House can offer …" alone
  is two lines its writer typed. A month or a day's name goes on a date ("from Monday 14⏎
  December 2026") as any word does;
- no line of the writer's own text (above the history it quotes) runs past the widest wrap:
  a client that wraps left none longer (a long link, a word with no space to break at,
  aside).

A text part sent beside an HTML one has no prose joined (`broker.forms.message`): the
client made it from the HTML, whose paragraphs and line breaks are the writer's, and did not
wrap it (Gmail wraps only the history it quotes, where a label's hint is still joined).

One more rule joins a label's hint that the client wrapped: a line that leaves a bracket open
("> Decline reason: (if declining: no-vacancy / … / location /") goes on in the next line of
the same quote depth, when that line closes it ("> matching / price / other)"), so that an
answer typed under it is that label's, not a line of its own.
"""

from __future__ import annotations

import re

from broker.forms.items import Item
from broker.forms.reply_headers import history_start
from broker.forms.spec import FormSpec

__all__ = ["unwrapped"]

_NARROWEST_WRAP = 60  # no mail client wraps narrower (Outlook 76, Thunderbird 72, Gmail 78)
_WIDEST_WRAP = 80  # nor wider: a longer line was typed so, and its break is the writer's
_LONGEST_HINT_LINES = 3  # a label's hint runs on over at most this many lines

_ENDS_A_SENTENCE = re.compile(r"[.!?:;…]['’\")\]]*\s*$")
# A rule of dashes, underscores or equals signs (ours above the referral's summary,
# Outlook's above its header block), alone or ending a line: never prose.
_RULE = re.compile(r"^[\W_]*$|[-_=*~#]{3,}\s*$")
_QUOTE_DEPTH = re.compile(r"^\s*((?:>[ \t]?)+)")
# "Weekly fee: £4,800", "Subject: RE: …", "From: Jo Price": a few words before a colon.
_LABEL_LINE = re.compile(r"^\s*[*_]{0,2}[^\W\d_][\w'’()/&.*-]*(?:[ \t]+[\w'’()/&.*-]+){0,4}"
                         r"[ \t]*[:=](?:\s|$)")
_DASH_LABEL = re.compile(r"^\s*(?P<label>[^\W\d_][^:\n]{0,40}?)[ \t]+[-\u2013\u2014][ \t]")
_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022\u00b7\u2013+o][ \t]|\d{1,2}[.)][ \t]|\(?[a-z][.)][ \t])")
_CONTACT = re.compile(r"@|https?://|\bwww\.|[ \t]\|[ \t]|\d{4,}[ \t]?\d{3}|\+44|\b(?:tel|mob|"
                      r"mobile|phone|fax|email|e-mail|web)\b\s*[:.]", re.IGNORECASE)
# What a line may open with to be more of the line above: a word, a number, an amount, or
# an opening bracket or quotation mark (never "-----Original Message-----" or "___").
_GOES_ON = re.compile(r"^\s*[^\W_]|^\s*[£$€(\"'‘“&]")
# Words that open a sentence, a sign-off or a greeting, or a reply's header, capitalised: the
# writer began a new line with them, however long the line above.
_OPENER = re.compile(
    r"(?:i|i['’]?(?:m|ve|ll|d)|we|we['’]?(?:re|ve|ll|d)|were|well|wed|she|he|they|you|it|"
    r"it['’]?s|our|my|your|her|his|their|this|that|these|those|there|here|thanks|thank|please|"
    r"kind|best|many|regards|warm|warmest|yours|cheers|sent|unfortunately|sadly|however|also|"
    r"hi|hello|dear|sorry|yes|no|happy|regrettably|apologies|if|as|so|but|and|the|on|from|to|"
    r"cc|subject|date|ps|p\.s\.?|nb|note|just|what|when|where|why|how|can|could|would|will|"
    r"do|does|did|is|are|was|any|all|let|look|looking|hope|hoping|fyi|re)[,.!?;:]*",
    re.IGNORECASE)
# Sign-off words, in any case: "…if you need anything else for the panel⏎thanks".
_SIGN_OFF = re.compile(r"^\s*(?:thanks|thank\s+you|many\s+thanks|kind\s+regards|regards|best|"
                       r"best\s+wishes|warm\s+regards|cheers|yours|sent\s+from)\b", re.IGNORECASE)
_A_NAME_ALONE_WORDS = 3
# A month or a day's name, that goes on the date the line above began: "from Monday 14⏎
# December 2026", "starting⏎Monday".
_A_DATES_WORD = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
                           r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)


def unwrapped(items: list[Item], spec: FormSpec, *, prose: bool = True) -> list[Item]:
    """The items with each hard-wrapped run of text lines joined into the one line its writer
    typed (see the module's rules); every other item as it was. Without `prose` (a text part
    beside an HTML one), only a quoted label's hint is joined."""
    own_lines = [item.rstrip() for item in items[:history_start(items)]  # not our referral's
                 if isinstance(item, str) and not _QUOTE_DEPTH.match(item)]
    if any(_unwrapped_long(line) for line in own_lines):
        prose = False  # the client does not wrap: every break in the writer's text is theirs
    widths = sorted((len(line) for line in own_lines if len(line) >= _NARROWEST_WRAP),
                    reverse=True)
    out: list[Item] = []
    last = ""  # the last physical line joined into out[-1], as it was wrapped
    hint_lines = 0
    for index, item in enumerate(items):
        previous = out[-1] if out else None
        if isinstance(item, str) and isinstance(previous, str) and last:
            after = items[index + 1] if index + 1 < len(items) else ""
            if prose and _wrapped(last, item, after, spec, widths):
                out[-1] = _joined(previous, item)
                last = item
                continue
            if hint_lines < _LONGEST_HINT_LINES and _hint_goes_on(previous, item):
                out[-1] = _joined(previous, _QUOTE_DEPTH.sub("", item))
                last, hint_lines = "", hint_lines + 1
                continue
        out.append(item)
        last, hint_lines = (item if isinstance(item, str) else ""), 0
    return out


def _unwrapped_long(line: str) -> bool:
    """A line longer than any client wraps at, that had a space to break it at."""
    return len(line) > _WIDEST_WRAP and " " in line[:_WIDEST_WRAP].strip()


def _shown_width(line: str, widths: list[int]) -> int | None:
    """The width the part shows its lines were wrapped at, from its long lines other than
    `line` (the longest of them), or None when no other line is as long as a wrapped one."""
    others = list(widths)
    if len(line) in others:
        others.remove(len(line))
    return others[0] if others else None


def _wrapped(line: str, following: str, after: Item, spec: FormSpec,
             widths: list[int] | None = None) -> bool:
    """Whether `following` is the rest of `line`, which a mail client wrapped."""
    text, next_text = line.rstrip(), following.strip()
    if not text.strip() or not next_text or len(text) > _WIDEST_WRAP:
        return False
    first_word = next_text.split()[0]
    if len(text) + 1 + len(first_word) <= _NARROWEST_WRAP:
        return False  # the next word would have fitted: the writer broke the line
    if _ENDS_A_SENTENCE.search(text) or _RULE.search(text) or not _GOES_ON.match(next_text):
        return False
    if any(_QUOTE_DEPTH.match(each) or _a_label_line(each, spec) or _CONTACT.search(each)
           for each in (text, next_text)):
        return False
    if _LIST_ITEM.match(next_text) or _SIGN_OFF.match(next_text):
        return False
    if next_text[0].isupper() and (_opener(first_word) or _a_name_alone(next_text, after)):
        return False
    if next_text[0].isupper() and not _A_DATES_WORD.fullmatch(first_word.strip(",.")):
        width = _shown_width(text, widths or [])  # "… south London⏎Larch House can offer"
        return width is not None and len(text) + 1 + len(first_word) > width
    return True


def _a_label_line(line: str, spec: FormSpec) -> bool:
    """A form's line: a few words before a colon, or a label of the form before a dash."""
    if _LABEL_LINE.match(line):
        return True
    dash = _DASH_LABEL.match(line)
    return dash is not None and spec.field_for_label(dash["label"]) is not None


def _opener(word: str) -> bool:
    return _OPENER.fullmatch(word.strip("()\"'‘’“”")) is not None


def _a_name_alone(line: str, after: Item) -> bool:
    """A capitalised line of a few words, without a sentence's end, that ends its paragraph:
    the writer's name under the last line ("Jo Price"), not the rest of it."""
    return (len(line.split()) <= _A_NAME_ALONE_WORDS and not _ENDS_A_SENTENCE.search(line)
            and not (isinstance(after, str) and after.strip()))


def _hint_goes_on(line: str, following: str) -> bool:
    """Whether `following` closes a bracket `line` left open, at the same quote depth: a
    label's list of choices the client wrapped ("(if declining: … location /" over "matching
    / price / other)")."""
    depth, next_depth = _QUOTE_DEPTH.match(line), _QUOTE_DEPTH.match(following)
    if (depth[1].replace(" ", "") if depth else "") != (
            next_depth[1].replace(" ", "") if next_depth else ""):
        return False
    body = _QUOTE_DEPTH.sub("", following).strip()
    return (line.count("(") > line.count(")") and bool(body) and "(" not in body
            and body.endswith(")") and ":" not in body)


def _joined(line: str, following: str) -> str:
    """The two lines as one: a word the client broke at its hyphen ("self-⏎harm") is one
    word again, any other break a space."""
    head, tail = line.rstrip(), following.strip()
    return f"{head}{tail}" if re.search(r"[^\W\d_]-$", head) else f"{head} {tail}"

"""Only the new text of a reply: quoted history and signatures are not read for fields.

The referral a provider replies to is quoted below their answer, and it carries labels such as
"Needed from" and "Date of birth" that must never be mistaken for theirs.
`broker.forms.reply_headers` finds where quoted history starts (`On … wrote:`, Outlook's
`From: … Sent: …` block in several languages, `-----Original Message-----`, Notes, GroupWise,
Zoho, or a `CUT` an HTML reader placed). History quoted with `>` (RFC 3676) is dropped line by
line, and the text typed below or between its lines is the writer's own (a bottom-posted or
inline reply); a header above unprefixed history ends the new text. The new text then ends
at a signature. Three exceptions read answers inside the history: a line typed under a blank
label of a `>`-quoted form (Gmail sets it apart with blank lines), or under a problem of
our "please correct" email (that field's answer); the response form of ours
that the reply quotes, where only what the provider typed is an answer, when the new text
says the answers are below ("see responses below in red") and gives no field, or holds
nothing but a greeting and a name and a decision is typed on the form's own "Decision:"
line; and a manager's message forwarded under the writer's own answer ("Forwarding the RM's
decision – it's a no.", "See below from our manager – we'd like to offer."), read with it for
its reasons or terms, and then never our quoted form. And when the new text says its
answers are inline or below, a day typed alone (or one that "is better for us") on the line
under the quoted referral's "Needed from:" is the start.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from broker.forms.bare_sign_off import without_a_bare_sign_off
from broker.forms.items import CUT, Item, Row
from broker.forms.noted_changes import changes_noted
from broker.forms.records import FORWARD_LINE, is_a_record
from broker.forms.reply_headers import (
    QUOTED,
    history_start,
    home_greeted,
    package_starts,
    quoted_block_end,
)
from broker.forms.signed_below import (
    BARE_THANKS,
    a_signature_line,
    says_fee_terms,
    says_terms,
    signed_below,
)
from broker.forms.spec import FieldSpec, FormSpec
from broker.forms.statements import meaning

_RULE_OR_BLANK = re.compile(r"^[\s_\-=*]*$")

_LABELS_IN_A_FORM = 3
SALUTATION = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|morning|afternoon|evening)\b",
    re.IGNORECASE,
)
_SIGNATURE_MARK = re.compile(r"^--\s?$")
_SENT_FROM = re.compile(
    r"^\s*(?:sent from my|sent from outlook|get outlook for|sent from mail for|sent with)\b",
    re.IGNORECASE,
)
# "Kind regards", "Kindest regards,", "Many thanks and kind regards", "Thanks in advance",
# Welsh "Cofion gorau", optionally with the writer's name on the same line ("Regards, Jo").
# The name must be capitalised, so "Thanks, we can offer" is not a sign-off. A thanks alone
# on its line ("Thanks", "Cheers", "Ta") is one only when a signature follows it
# (broker/forms/signed_below.py): "Thanks⏎⏎One thing: you would need to do the school run"
# goes on.
_SIGN_OFF = re.compile(
    r"^\s*(?:(?:kind|kindest|best|warm|warmest|many|with|sincere|all\s+the|thanks\s+and|"
    r"thank\s+you\s+and)\s+){0,3}(?:regards|wishes|thanks(?:\s+again|\s+in\s+advance)?|"
    r"thank\s+you|cheers|best|sincerely|yours\s+(?:sincerely|faithfully|truly)|"
    r"speak\s+soon|take\s+care|cofion(?:\s+gorau|\s+cynnes)?)\s*[,.!]*"
    r"(?:\s*(?-i:[A-Z][\w'’.-]*)(?:\s+(?-i:[A-Z][\w'’.-]*)){0,2}\s*[,.!]?)?\s*$",
    re.IGNORECASE,
)


def new_text(items: list[Item], spec: FormSpec) -> list[Item]:
    """The reply's own text: outside the quoted history, without `>` lines or signature, and
    with any answers typed under the blank labels of a quoted form."""
    spans, history, forwarded = _own_spans(items, spec)
    # Answers under a `>` quote's labels count; those in history quoted below an Outlook-style
    # header (an older exchange) do not.
    answers, answered = _interleaved_answers(items[:history], spec)
    note: list[Item] = []  # the writer's note, over a message forwarded below it
    kept: list[Item] = []
    for begin, end in spans:
        (note if forwarded and begin == 0 else kept).extend(
            item for index, item in enumerate(items[begin:end], begin)
            if index not in answered and not (isinstance(item, str) and QUOTED.match(item)))
    if forwarded:  # "see below" meant the message forwarded there, never our quoted form
        # The note and the message forwarded below it each end at their own signature: the
        # officer's "Kind regards / Jo Price" does not end the manager's words read with it
        # (replies round 65 f01).
        return _signed_part(note, spec) + _signed_part(kept, spec) + answers
    own = _signed_part(kept, spec) + answers
    own += _start_typed_under_needed_from(own, items[:history])
    return own + _answers_in_our_form(own, items, spec)


def _signed_part(kept: list[Item], spec: FormSpec) -> list[Item]:
    """A part of the writer's text up to its signature, without our summary or older ticket
    comments."""
    while kept and isinstance(kept[-1], str) and _RULE_OR_BLANK.match(kept[-1]):
        kept = kept[:-1]  # Outlook's line of underscores above its header block
    return cut_signature(_without_older_ticket_comments(_without_our_summary(kept)), spec)


# A day typed under the referral's quoted "Needed from:" line, in a reply whose own words say
# its answers are inline or below: "> Needed from: 07/12/2026" over "the 8th is better for
# us" is "Available from: the 8th" (not "the 7th is too soon", nor any other remark).
_QUOTED_NEEDED_FROM = re.compile(r"^\s*(?:>[ \t]?){1,5}needed[ \t]+from[ \t]*:", re.IGNORECASE)
_A_DAY_PREFERRED = re.compile(
    r"[ \t]*(?:[-\u2013\u2014]{1,2}[ \t]*)?"
    r"(?P<day>(?:the[ \t]+)?\d{1,2}(?:st|nd|rd|th)|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?)"
    r"(?:[ \t]+(?:is|would[ \t]+be|works)[ \t]+(?:better|best|fine|ok|okay|good|possible)"
    r"(?:[ \t]+for[ \t]+us)?)?[ \t]*(?:[.!][ \t]*)?", re.IGNORECASE)


def _start_typed_under_needed_from(own: list[Item], history: list[Item]) -> list[Item]:
    """The start a reply that says its answers are inline typed, unquoted, on the line under
    the referral's quoted "Needed from:" (a day alone, or one that "is better for us"), as
    the form's line "Available from: …"; nothing otherwise."""
    if not any(isinstance(item, str) and _POINTS_BELOW.search(item) for item in own):
        return []
    for index, item in enumerate(history[:-1]):
        if not (isinstance(item, str) and _QUOTED_NEEDED_FROM.match(item)):
            continue
        at = index + 2 if history[index + 1] == "" and index + 2 < len(history) else index + 1
        answer = history[at]
        if isinstance(answer, str) and len(answer) <= _ANSWER_CHARS and not QUOTED.match(
                answer) and (said := _A_DAY_PREFERRED.fullmatch(answer)):
            return [f"Available from: {said['day']}"]
    return []


_ANSWER_CHARS = 80


# A helpdesk's thread (Zendesk, CareDesk, Freshdesk): comments newest first, each under a
# rule with its author and time ("Jess Varley (Heron Mill Admissions)" over "Dec 2, 2026,
# 10:30 GMT"). Only the newest is the reply; the older ones are its history.
_TICKET_STAMP = re.compile(
    r"^\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|\d{1,2}/"
    r"\d{1,2}/\d{2,4}),?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[AaPp][Mm])?(?:\s+[A-Z]{2,5})?\s*$")


def _without_older_ticket_comments(items: list[Item]) -> list[Item]:
    """The items up to the second comment of a helpdesk's thread, if it is one."""
    headers = [at for at in range(1, len(items)) if isinstance(items[at], str)
               and _TICKET_STAMP.match(str(items[at])) and isinstance(items[at - 1], str)
               and 0 < len(str(items[at - 1]).strip()) <= _AUTHOR_CHARS]
    if len(headers) < _TICKET_COMMENTS:
        return items
    second = headers[1] - 1  # the second comment's author line, and the rule above it
    while second > 0 and isinstance(items[second - 1], str) and _RULE_OR_BLANK.match(
            str(items[second - 1])):
        second -= 1
    return items[:second]


_AUTHOR_CHARS = 80
_TICKET_COMMENTS = 2


# "Please see responses below in red", "- see below", "answers inline": the reply's answers
# are typed into the response form of ours it quotes.
_POINTS_BELOW = re.compile(
    r"\b(?:see|find|answers?|responses?|replies|comments?|completed|filled)\b[^.\n]{0,40}?"
    r"\b(?:below|inline|in\s+(?:red|blue|green|bold|the\s+form))\b"
    r"|\b(?:answers?|responses?|comments?)\s+(?:are\s+)?marked\s+\[[A-Z]{2,3}\]", re.IGNORECASE)
_OUR_FORM_HEADING = re.compile(r"^[\s>]*RESPONSE FORM\s*$", re.IGNORECASE)
def _comments_marked(own: list[Item], items: list[Item], spec: FormSpec) -> list[Item] | None:
    """The writer's comments typed into the quoted history after the mark their own text
    names ("Answers marked [FG]"): a comment on a line of the form is that field's value
    ("Decision: (offer / …)  [FG] Offer" is "Decision: Offer"), any other its own line of
    prose ("[FG] can't do the 7th – the 14th is fine"); None when the text names no mark."""
    named = next((found for item in own if isinstance(item, str)
                  and (found := _A_WRITERS_MARK.search(item))), None)
    mark = named[0] if named else _INLINE_MARK if any(
        isinstance(item, str) and _AN_INLINE_MARK.search(_QUOTE_MARKS.sub("", item))
        for item in items) else None
    if mark is None:
        return None
    comments: list[Item] = []
    for item in items:
        if not isinstance(item, str) or mark not in (line := _QUOTE_MARKS.sub("", item)) or (
                named and item is named.string) or (not named and not _AN_INLINE_MARK.search(line)):
            continue
        before, _, comment = line.partition(mark)
        label = before.split(":", 1)[0] if ":" in before else ""
        if comment.strip() and label and spec.field_for_label(label) is not None:
            comments.append(f"{label.strip()}: {comment.strip()}")
        elif comment.strip() and not _A_BARE_ANSWER.fullmatch(comment):
            comments.append(comment.strip())
    return comments[:_MOST_ANSWERED]


# A mark the writer puts before their comments, named in their own text: "[FG]", "[JM]".
_A_WRITERS_MARK = re.compile(r"\[[A-Z]{2,3}\](?=[^\n]{0,40}\b(?:below|inline|throughout)\b)"
                             r"|(?<=marked\s)\[[A-Z]{2,3}\]")
# The mark Outlook's users type after a line of the referral, unnamed, to answer it there
# (round 51: "Needed from: 07/12/2026  >> we could do 14th", "Budget: …  >> our fee £4,900
# pw"): read as a named mark is, when the reply's own text says its answers are inline.
_INLINE_MARK = ">>"
_AN_INLINE_MARK = re.compile(r"\S[ \t]+>>[ \t]*\S")
# A yes or no beside a line of the referral, which says nothing without the line.
_A_BARE_ANSWER = re.compile(r"\s*(?:yes|no|ok|n/a)\W*", re.IGNORECASE)
# A numbered question of the council's with the answer typed after it, in the history below a
# reply that says its answers are there: "3. What is your weekly fee?  £5,150".
_ANSWERED_AFTER_A_QUESTION = re.compile(r"[ \t]*\d{1,2}[.)][ \t]*[A-Za-z][^?\n]{3,150}\?[ \t]*\S")
_MOST_ANSWERED = 20
_QUOTE_MARKS = re.compile(r"^\s*(?:>\s?)+")


def _answers_in_our_form(own: list[Item], items: list[Item], spec: FormSpec) -> list[Item]:
    """The lines of the response form we sent, from the quoted history (after an Outlook
    header, or `>`-quoted, as iOS, Apple Mail, Thunderbird and Gmail quote), when the reply's own
    text points to answers typed there and gives no field of its own; and before them, the
    council's numbered questions answered there ("1. Do you have a vacancy?  YES"). The
    form's blank labels and lists of choices are read as blanks; only what the provider
    typed answers."""
    if "decision" not in spec.keys or any(_is_labelled(item, spec) for item in own):
        return []
    points_below = any(isinstance(item, str) and _POINTS_BELOW.search(item) for item in own)
    if not points_below and not _says_nothing(own):
        return []
    if points_below and (marked := _comments_marked(own, items, spec)) is not None:
        return marked  # "My comments are marked [FG] below."
    lines = (_QUOTE_MARKS.sub("", item) for item in items if isinstance(item, str))
    answered: list[Item] = []
    answered += [line for line in lines if _ANSWERED_AFTER_A_QUESTION.match(line)][
        :_MOST_ANSWERED]
    start = next((index for index, item in enumerate(items)
                  if isinstance(item, str) and _OUR_FORM_HEADING.match(item)), None)
    if start is None:
        return answered if points_below else []
    form: list[Item] = answered if points_below else []
    for item in items[start + 1:]:
        line = _QUOTE_MARKS.sub("", item) if isinstance(item, str) else item
        if isinstance(line, str) and (_OUR_RULE.match(line) or _OUR_SUMMARY.match(line)):
            break
        form.append(line)
    if not points_below and not any(isinstance(line, str) and _A_DECISION_TYPED.match(line)
                                    for line in form):
        return []  # an empty reply over our form left blank answers nothing
    return form


# A reply whose own text is only a greeting and a name ("Hi,", "Megan") or nothing at all: when
# the quoted copy of our form below it has a decision typed in, those are its answers.
_A_NAME = (r"(?!(?:offer|interested|decline|declined|yes|no|nope|sorry|ok|okay|thanks|see|"
           r"below|none|full|pass)\b)(?-i:[A-Z][a-z'’-]{1,20})")
_A_GREETING_OR_NAME = re.compile(
    rf"[ \t]*(?:(?:hi|hello|dear|good[ \t]+morning|morning|afternoon)\b(?:[ \t]+{_A_NAME}){{0,2}}"
    rf"|{_A_NAME}(?:[ \t]+{_A_NAME})?)[ \t]*[,.!]?[ \t]*", re.IGNORECASE)
_A_DECISION_TYPED = re.compile(
    r"[ \t]*Decision:[ \t]*(?:\([^()\n]{0,60}\)[ \t]*)?(?:offer|interested|decline)\b",
    re.IGNORECASE)


def _says_nothing(own: list[Item]) -> bool:
    """Whether the reply's own text is empty but for a greeting and the writer's name."""
    return all(isinstance(item, str) and (not item.strip() or _A_GREETING_OR_NAME.fullmatch(item))
               for item in own)


def _without_our_summary(items: list[Item]) -> list[Item]:
    """Without the referral's summary our email carries ("REFERRAL REF-2026-000123" down to
    its closing line of dashes), where a reply pasted our email with no `>`: the child's area
    and needs in it are never the provider's answer."""
    kept: list[Item] = []
    inside = False
    for item in items:
        line = item if isinstance(item, str) else ""
        if not inside and _OUR_SUMMARY.match(line):
            inside = True
        elif inside and _OUR_RULE.match(line):
            inside = False
        elif not inside:
            kept.append(item)
    return kept


_OUR_SUMMARY = re.compile(r"^\s*REFERRAL REF-\d{4}-\d+\s*$")
_OUR_RULE = re.compile(r"^\s*-{20,}\s*$")


def _own_spans(items: list[Item], spec: FormSpec) -> tuple[list[tuple[int, int]], int, bool]:
    """The (begin, end) spans of the writer's text: up to the first reply header, and, when
    that header starts a `>` quote, again after the quote, up to the next header. Also where
    history that runs to the end of the message starts (len(items) when none does), and
    whether a message forwarded below the writer's words is read as (part of) the answer."""
    package = package_starts(items)
    spans: list[tuple[int, int]] = []
    begin = 0
    while begin < len(items):
        start = history_start(items, begin, package)
        if begin == 0 and (after := _after_a_pasted_message(items, start, package)):
            begin = after  # the writer's text starts below the message pasted above it
            continue
        if begin == 0 and (body := _forwarded_answer(items, start)) is not None and (
                end := history_start(items, body, package)) > body and not _ours(items[body:end]):
            return [_forwarded_span(items, body, end, spec)], end, True  # "See below from our RM"
        if begin == 0 and (body := _forwarded_reasons(items, start)) is not None and (
                end := history_start(items, body, package)) > body and not _ours(items[body:end]):
            # "Forwarding the RM's decision: a no"
            return _the_notes_decision(items, start, body, end, spec), end, True
        if begin == 0 and (record := _a_forwarded_record(items, start, package)) is not None:
            body, end = record  # the writer's lines, the forward's own line, the record
            return [(0, start + 1), (body, end)], end, True
        spans.append((begin, start))
        if start == len(items):
            break
        resume = quoted_block_end(items, start)
        if resume is None:
            if begin == 0 and (below := _typed_below_our_email(items, spans, start)) is not None:
                return [below], start, False  # Outlook bottom-posting
            return spans, start, False
        begin = resume
    return spans, len(items), False


# The closing line of our emails to a home (the referral's footer; the "please complete"
# email's last paragraph): what follows it in unprefixed history is no longer ours.
_OUR_CLOSING_LINE = re.compile(
    r"\bReplies\s+go\s+to\s+an\s+address\s+that\s+is\s+unique\s+to\s+you\s+and\s+this\s+"
    r"referral\.|\b(?:the\s+reply|this)\s+address\s+takes\s+answers\s+only\b", re.IGNORECASE)


def _typed_below_our_email(items: list[Item], spans: list[tuple[int, int]],
                           start: int) -> tuple[int, int] | None:
    """The writer's text below our email quoted unprefixed under an Outlook header
    (bottom-posting, round 64 x10: "From: … Sent: …", our referral, then "We can offer …"),
    when nothing of the writer's is above the header: from the first line after our email's
    last closing line to the next header, if any. None when it is not found or nothing but
    blanks follows it: the history runs to the end, an older exchange never read."""
    if any(not _RULE_OR_BLANK.match(_text_of(items[index]))
           for begin, end in spans for index in range(begin, end)):
        return None  # the writer's own text above the header is the answer
    closing = next((index for index in range(len(items) - 1, start, -1)
                    if len(line := _text_of(items[index])) < 1000
                    and _OUR_CLOSING_LINE.search(line)), None)
    if closing is None:
        return None
    below = _skip_blanks(items, closing + 1)
    end = history_start(items, below, package_starts(items))
    return (below, end) if below < end else None  # not nothing, nor another header


def _forwarded_span(items: list[Item], body: int, end: int, spec: FormSpec) -> tuple[int, int]:
    """The part of a message forwarded as the answer that is read. A rule in it closes the
    forwarded words: when they decide nothing ("FYI below from finance:" over finance's
    "Standard rate … £5,400 pw", then "-----" and "we'll go at £5,100 per week", round 51),
    the writer's own words below the rule are the answer; when they decide ("No, we cannot
    offer – the matching is not right", attacker's review 20), that decision stands, and what
    sits below the rule (a question quoted from "Dana wrote: we could offer at £5,100 … if you
    agree?", or a text pasted there) is not read. Without a rule, the whole body is read."""
    for index in range(body, end):
        if not _PASTED_RULE.match(_text_of(items[index])):
            continue
        below = _skip_blanks(items, index + 1)
        if below >= end:
            break
        decided = meaning(spec, "\n".join(_text_of(item) for item in items[body:index]))
        if (decided is not None and decided.means in _DECISIONS) or (
                _QUOTES_A_WRITER.match(_text_of(items[below]))):
            return body, index
        return below, end
    return body, end


_DECISIONS = frozenset({"offer", "decline", "interested", "withdrawn"})
# A line that quotes another's words under the rule: "Dana wrote: we could offer …?"
_QUOTES_A_WRITER = re.compile(r"^\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s+wrote\s*:")


# A message pasted at the very top, above the writer's own text: a header block with nothing
# typed above it, then the pasted message, then a rule or a greeting where the writer starts
# ("From: Ruth Dale … Subject: girl 15 SE15" / "I don't think we can meet …" / "-----" /
# "Hi Northby, the RM has now agreed – we can offer …"), and our referral quoted further
# down. Without a rule or a greeting the header starts the history, as any other.
_PASTED_RULE = re.compile(r"^\s*(?:[-_=*~]\s*){5,}$")
_PASTED_REACH = 40  # lines the pasted message may take


def _after_a_pasted_message(items: list[Item], start: int, package: list[int]) -> int | None:
    """Where the writer's own text starts below a message pasted at the top, or None."""
    if start >= len(items) or any(_text_of(item).strip() for item in items[:start]):
        return None
    for index in range(start + 1, min(len(items), start + _PASTED_REACH)):
        line = _text_of(items[index])
        opens = index + 1 if _PASTED_RULE.match(line) else index if (
            SALUTATION.match(line) and _text_of(items[index - 1]).strip() == "") else None
        if opens is None:
            continue
        # from the line before, so that our own greeting there ("Dear … placements team,")
        # is history, not the writer's start
        return opens if history_start(items, index - 1, package) > opens else None
    return None


# A reply whose own words only point to a message forwarded below them, as the answer: "Hi
# Northby, see below from our RM." over "---------- Forwarded message ---------" and the
# manager's "Yes, go ahead and offer from 14/12 at £4,900 pw."; "Please see our manager's
# decision below." over "-----Original Message-----". The forwarded message's body, up to the
# next header (our referral, quoted below it), is the reply's text.
_POINTS_TO_BELOW = re.compile(
    r"\b(?:see|find|read)\b[^.\n]{0,50}\bbelow\b|\bas\s+(?:per\s+)?below\b|\bbelow\s+(?:is|are)\b"
    r"|\b(?:forwarding|forwarded)\b|\bfyi\b|\b(?:manager|rm|colleague|carer)['’]?s?\s+(?:reply|"
    r"answer|response|decision)\b", re.IGNORECASE)
_AN_ANSWER = re.compile(r"£\s?\d|\b(?:offer\w*|declin\w*|interested|vacanc\w*|full|unable|"
                        r"can(?:no|['’])?t|it['’]?s\s+a\s+(?:no|yes)"
                        # or a term corrected: "Sam's figures below are right, but the start
                        # would be Monday 21st not the 14th"
                        r"|(?:start|fee|rate|date)\s+(?:would|will|should)\s+be)\b", re.IGNORECASE)
_A_LABELLED_LINE = re.compile(r"[A-Za-z][\w'’ ]{1,30}:[ \t]*\S")
_POINTER_LINES = 4  # the writer's own lines, sign-off aside, a pointer may take: "Hi," "See below."
_FORWARD_HEADER_LINES = 12  # the forwarded message's header block, down to its blank line


def _forwarded_answer(items: list[Item], start: int) -> int | None:
    """Where the body of a message forwarded as the reply's answer starts, or None."""
    own: list[str] = []
    for item in items[:start]:
        text = _text_of(item).strip()
        if _SIGN_OFF.match(text):
            break  # the writer's signature block below ("Kind regards," / name, role, phone)
        if text and not _RULE_OR_BLANK.match(text):
            own.append(text)
    if not own or len(own) > _POINTER_LINES or not any(_POINTS_TO_BELOW.search(t) for t in own) or (
            any(_A_LABELLED_LINE.match(t) or _AN_ANSWER.search(t) for t in own)):
        return None  # the writer answers in their own words: "We can offer …. Forwarding …"
    return _forwarded_body(items, start)


# The writer's own answer, said to be a manager's decision forwarded below it: "Forwarding the
# RM's decision – I'd hoped we could help but it's a no." The manager's words below give its
# reasons, and are read with it.
_FORWARDS_A_DECISION = re.compile(
    r"\b(?:forwarding|forwarded|see\s+below|as\s+below)\b[^.\n]{0,30}?"
    r"\b(?:manager|rm|colleague)['’]?s?\s+(?:reply|answer|response|decision)\b", re.IGNORECASE)


# A note that decides and points to the words forwarded below it for the rest: "See below
# from our manager – we'd like to offer." over the manager's "Yes happy to offer, £4,900 pw
# from 14/12." (round 54). Only a pointer to words below: "Forwarding our RM's note for
# info" under an answer with its own terms points at nothing to read.
_POINTS_TO_WORDS_BELOW = re.compile(
    r"\b(?:see|find|read)\b[^.\n]{0,50}\bbelow\b|\bas\s+(?:per\s+)?below\b|\bbelow\s+(?:is|are)\b",
    re.IGNORECASE)


def _forwarded_reasons(items: list[Item], start: int) -> int | None:
    """Where the body of a manager's message forwarded under the writer's own answer starts,
    or None: the answer is said to be the manager's ("Forwarding the RM's decision – it's a
    no"), or the writer's note decides and points below ("See below from our manager – we'd
    like to offer"). The forwarded words are read with the note, for its reasons or terms."""
    own = [text for item in items[:start] if (text := _text_of(item).strip())]
    if not own or len(own) > _POINTER_LINES or any(_A_LABELLED_LINE.match(t) for t in own):
        return None
    if not any(_FORWARDS_A_DECISION.search(t) and _AN_ANSWER.search(t) for t in own) and not (
            any(_POINTS_TO_WORDS_BELOW.search(t) for t in own)
            and any(_AN_ANSWER.search(t) for t in own)):
        return None
    return _forwarded_body(items, start)


# Terms a forwarded line gives, a fee or a day: "In January we could look again at £4,850",
# "not in a position to offer from the 14th".
_TERMS_IN_A_LINE = re.compile(
    r"£\s?\d|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}[/.]\d{1,2}\b|\b(?:jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep|sept|oct|nov|dec)[a-z]*\s+\d|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)", re.IGNORECASE)
_AN_OFFER_WORD = re.compile(r"\boffer(?:ing)?\b", re.IGNORECASE)
_NOT_AN_OFFER = frozenset({"decline", "withdrawn"})


def _the_notes_decision(items: list[Item], start: int, body: int, end: int, spec: FormSpec
                        ) -> list[tuple[int, int]]:
    """The spans read of a note that points to words forwarded below it. The note's own
    decision stands: the forwarded words are read for its reasons or terms only where they
    agree with it. Under a no or a withdrawal ("See below from our manager – it's a no", "see
    my offer below – the bed has gone, we have to withdraw it") no forwarded fee or day is
    read (the manager's "In January we could look again at £4,850", the home's own earlier
    "We can offer from 14/12 at £4,850 pw"), nor any line that decides otherwise; under
    "we're now only interested rather than offering" a forwarded offer is not read at all:
    the note replaces it. An offer over the home's own interest below takes its terms ("our
    RM has now approved, so we can offer. Fee and start as in my email below")."""
    note = meaning(spec, "\n".join(_text_of(item) for item in items[:start]))
    if note is None or note.means not in _DECISIONS:
        return [(0, start), (body, end)]
    if note.means in _NOT_AN_OFFER:
        kept = [(0, start)]
        for index in range(body, end):
            line = _text_of(items[index])
            said = meaning(spec, line)
            if not _TERMS_IN_A_LINE.search(line) and (said is None or said.means in _NOT_AN_OFFER):
                kept.append((index, index + 1))
        return kept
    below = "\n".join(_text_of(item) for item in items[body:end])
    said = meaning(spec, below)
    says = said.means if said is not None else "offer" if _AN_OFFER_WORD.search(below) else None
    if says in _DECISIONS and says != note.means and not (
            note.means == "offer" and says == "interested"):  # "RM approved, so we can offer"
        return [(0, start)]  # the note replaces what is forwarded below it
    return [(0, start), (body, end)]


def _forwarded_body(items: list[Item], start: int) -> int | None:
    """Where the body of the message forwarded under the header at `start` begins, or None."""
    if start >= len(items) or not _text_of(items[start]).strip() or (
            quoted_block_end(items, start) is not None):  # a `>` quote, answered inline
        return None
    headers = _skip_blanks(items, start + 1)  # Apple Mail: "Begin forwarded message:", a blank
    for index in range(headers + 1, min(len(items), headers + _FORWARD_HEADER_LINES)):
        if not _text_of(items[index]).strip():
            body = _skip_blanks(items, index)
            return body if body < len(items) and not QUOTED.match(_text_of(items[body])) else None
    return None


def _a_forwarded_record(items: list[Item], start: int, package: list[int]
                        ) -> tuple[int, int] | None:
    """The span of a case system's record of the answer, forwarded under the line at `start`
    (see broker.forms.records), or None."""
    if start >= len(items) or not FORWARD_LINE.match(_text_of(items[start])) or (
            body := _forwarded_body(items, start)) is None:
        return None
    end = history_start(items, body, package)
    lines = [_text_of(item) for item in items[body:end]]
    header = [_text_of(item) for item in items[start:body]]  # "From: … <no-reply@…>"
    return (body, end) if end > body and is_a_record(lines, header) and not _ours(
        items[body:end]) else None


# Our answers to a home's reply (an acknowledgement, a request for a missing detail): "Thank
# you for your reply. We have your offer: …", "To complete your response, please reply …".
_OUR_ANSWER = re.compile(
    r"^\s*(?:thank\s+you(?:\s+for\s+your\s+reply)?\.\s+we\s+(?:have\s+your|could\s+not\s+tell)\b"
    r"|to\s+complete\s+your\s+response\b|if\s+we\s+have\s+misunderstood\s+anything\b)",
    re.IGNORECASE)


def _ours(items: list[Item]) -> bool:
    """Whether the items hold our own email: its greeting, response form or summary, or our
    answer to the home's earlier reply (whose summary and examples are never its terms)."""
    return any(home_greeted(text) or _OUR_FORM_HEADING.match(text) or _OUR_SUMMARY.match(text)
               or _OUR_ANSWER.match(text) for text in map(_text_of, items))


def _skip_blanks(items: list[Item], index: int) -> int:
    while index < len(items) and not _text_of(items[index]).strip():
        index += 1
    return index


_QUOTED_BLANK_LABEL = re.compile(
    r"^\s*(?:>[ \t]?){1,5}(?P<label>[^:\n>]{1,60}?)[ \t]*:[ \t]*(?P<value>(?:[(\[].{0,200})?)$")


def _interleaved_answers(items: list[Item], spec: FormSpec) -> tuple[list[Item], set[int]]:
    """Answers typed under the lines of a `>`-quoted form: `> Weekly fee:` followed by the
    unquoted line `£4,650` is `Weekly fee: £4,650`. Only a label of this form, left blank or
    holding its list of choices, or a question answered tersely, takes the line after it, so
    a provider's remark under some other quoted line is never read as a field. Also the
    indices of the lines taken, which are not read again as lines of their own."""
    answers: list[Item] = []
    answered: set[int] = set()
    for index, item in enumerate(items[:-1]):
        if not isinstance(item, str) or len(item) > 300:
            continue
        at = index + 1
        if items[at] == "" and (_set_apart(items, at + 1) or (
                _QUOTED_QUESTION.match(item) and _quote_ends(items, index))):
            at += 1  # (or under the one question a short quote asks: "> … can she share a
            # bathroom?" over "Yes" answers that question, not the referral)
        answer = items[at]
        if not (isinstance(answer, str) and answer.strip() and not QUOTED.match(answer)
                and len(answer) < 300 and ":" not in answer[:60]):
            continue
        joined = _with_its_label(item, answer.strip(), spec)
        if joined is None and (asked := _our_problem_above(items, index, spec)) is not None:
            joined = f"{asked}: {answer.strip()}"
        if joined is not None:
            answers.append(joined)
            answered.add(at)
    return answers, answered


# A problem of ours quoted from our "please correct" email: "> 1. Date of birth: no value
# was given, …" and under it "> What we need: a UK date such as 14/03/2012." (the
# social_worker/problems template). A line typed under either, ending the quote there,
# answers that field: "> … What we need: a full UK postcode …" over "SE15 3RT" is
# "Home postcode: SE15 3RT".
_OUR_PROBLEM = re.compile(r"^\s*(?:>[ \t]?){1,5}\d{1,2}\.[ \t]+(?P<label>[^:\n>]{1,60}?):[ \t]+\S")
_OUR_EXAMPLE = re.compile(r"^\s*(?:>[ \t]?){1,5}[ \t]*What we need:", re.IGNORECASE)


def _our_problem_above(items: list[Item], index: int, spec: FormSpec) -> str | None:
    """The label of our quoted problem whose lines end at `index` (its problem line, or the
    "What we need" line under it), when the label is one of the form's, else None."""
    at = index - 1 if _OUR_EXAMPLE.match(str(items[index])) else index
    line = items[at] if at >= 0 else None
    if not isinstance(line, str) or not (problem := _OUR_PROBLEM.match(line)):
        return None
    label = problem["label"].strip()
    return label if spec.field_for_label(label) is not None else None


def _quote_ends(items: list[Item], index: int) -> bool:
    """Whether the `>` quote ends at `index` with a question after at most one other quoted
    line: the reply quotes that question alone to answer it."""
    before = [item for item in items[max(0, index - 2):index]
              if isinstance(item, str) and QUOTED.match(item)]
    return len(before) < 2 and not any(isinstance(item, str) and QUOTED.match(item)
                                       for item in items[index + 1:])


def _with_its_label(quoted: str, answer: str, spec: FormSpec) -> str | None:
    """The answer typed under a quoted line, as a line of its own with the label or question
    it answers; None when the quoted line is neither a label of the form nor a question that
    the answer answers tersely."""
    if (blank := _QUOTED_BLANK_LABEL.match(quoted)) is not None:
        label = blank["label"].strip()
        return f"{label}: {answer}" if spec.field_for_label(label) is not None else None
    asked = _QUOTED_QUESTION.match(quoted)
    if asked is None or not _TERSE_ANSWER.match(answer):
        return None  # a remark under a question is the reply's own line, read as it is
    question = asked["question"].strip()
    return f"{question}: {answer}" if spec.field_for_label(question) is not None else (
        f"{question}? {answer}")


# A question of ours quoted, answered tersely on the line under it ("> Do you have a
# vacancy?" over "No", "> Weekly fee?" over "£4,800"): the answer is read with its question,
# "Do you have a vacancy? No", never as a bare "No" of its own.
_QUOTED_QUESTION = re.compile(r"^\s*(?:>[ \t]?){1,5}(?P<question>[^>\n?]{3,120})\?\s*$")
_TERSE_ANSWER = re.compile(r"\s*(?:(?:honestly|sadly|unfortunately|regrettably|definitely|"
                           r"absolutely)[ \t]*,?[ \t]*)?"  # "Honestly no, not with our staffing"
                           r"(?:(?:yes|no|y|n|none|nil|not\s+(?:yet|now|at\s+present))\b"
                           r"|n/a|tbc\b|£|\d|(?:from|asap|immediately|next|this|w/?c)\b"
                           r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\b)[^\n]{0,70}$",
                           re.IGNORECASE)


# "Ruth - FYI mum has a new partner …", "PS …", "Note for panel: …", "Ruth, see above": a
# paragraph for a colleague, not for providers.
_FYI = re.compile(
    r"^\s*(?:[A-Z][\w'’-]*\s*[-–,:]\s*)?(?:FYI|fyi|F\.Y\.I\.?|(?i:for\s+info(?:rmation)?|"
    r"p\.?s\.?|note\s+for\s+(?:the\s+)?(?:panel|manager|team|you)|see\s+(?:above|below)))\b")


def _note_to_a_colleague(items: list[Item], start: int) -> int | None:
    """Where a paragraph after the form's last field opens "FYI", "For info", "PS", "Note for
    panel" or "see above" (a note for a colleague below the form), or None."""
    for index in range(max(start, 1), len(items)):
        item = items[index]
        if isinstance(item, str) and items[index - 1] == "" and _FYI.match(item):
            return index
    return None


def _set_apart(items: list[Item], at: int) -> bool:
    """Whether the line at `at` stands between blank lines within the quote, as Gmail sets an
    inline answer apart: `> Weekly fee:`, blank, `£4,700`, blank, `> Additional costs:`. A
    reply written below the whole quote is not, and is the reply, not an answer to a label."""
    after = [item for item in items[at + 1:at + 3] if item != ""]
    return (at < len(items) and isinstance(items[at], str) and bool(after)
            and isinstance(after[0], str) and QUOTED.match(after[0]) is not None)


def cut_signature(items: list[Item], spec: FormSpec) -> list[Item]:
    """The items before the signature.

    Quoted history after the form's last field (an older email below it, `On … wrote:`,
    Outlook's `From: … Sent: …`) is no more the form than a signature is, and is cut too.
    A signature starts at a sign-off line ("Kind regards"; a bare "Thanks" only with a
    signature under it, see signed_below.py) that is not part of the greeting
    ("Hi Jo, / Thanks,"), at a signature mark ("-- ", "Sent from my iPhone"), or, with
    neither, at a closing block of a name and contact lines, so that a signature's
    "Address:" or "Service:" is never read as a field. Neither starts one when a
    form follows (three or more labelled lines, and none before): some people sign off and
    then paste the form; nor when fields not yet given come after it (two, or one in the middle
    of a form): the "Thanks, / Kerry" of a text quoted inside the background is not the end of
    the form. A reply's postscripts, and a summary line it points to ("summary below"), are
    kept from below the signature. A referral's name alone, set apart under its last free-text
    field, is a signature too (see bare_sign_off.py).
    """
    kept = _before_the_signature(items, spec)
    if spec.prose_rules:
        return kept
    labelled = [index for index, item in enumerate(kept) if _is_labelled(item, spec)
                or _a_label_alone(item, spec) is not None]
    if not labelled or not isinstance(kept[labelled[-1]], str):
        return kept
    last = _a_label_alone(kept[labelled[-1]], spec) or _field_at(kept, labelled[-1], spec)
    return without_a_bare_sign_off(kept, labelled[-1], getattr(last, "paragraphs", False))


def _a_label_alone(item: Item, spec: FormSpec) -> FieldSpec | None:
    """The field whose label is alone on this line ("Background and risks", its value on the
    lines below), or None."""
    return spec.field_for_label(item.strip(" \t*_:")) if isinstance(item, str) and len(
        item) <= _LABEL_ALONE_CHARS else None


_LABEL_ALONE_CHARS = 60


def _before_the_signature(items: list[Item], spec: FormSpec) -> list[Item]:
    labelled = [index for index, item in enumerate(items) if _is_labelled(item, spec)]
    if labelled and (history := history_start(items, labelled[-1] + 1)) < len(items):
        items = items[:history]  # an older email quoted after the form's last field
    elif labelled and (older := _an_older_copy(items, labelled, spec)) is not None:
        items = items[:older]  # the form resent over its older copy, quoted below it
        labelled = [at for at in labelled if at < older]
    if labelled and (note := _note_to_a_colleague(items, labelled[-1] + 1)) is not None and not (
            not spec.prose_rules and changes_noted([str(items[note])], spec)):
        items = items[:note]  # (a PS that corrects a field, "PS – typo: her DOB is …", stays)
    in_signatures = _signature_labels(items, labelled)
    previous = ""
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            continue
        marks = _SIGNATURE_MARK.match(item) or _SENT_FROM.match(item)
        greeting = not previous or SALUTATION.match(previous)
        sign_off = not greeting and (signed_below(_lines_of(items, index + 1), _signatures)
                                     if BARE_THANKS.match(item) else _SIGN_OFF.match(item))
        if (marks or sign_off) and _no_form_follows(labelled, index) and not _form_goes_on(
                items, [i for i in labelled if i not in in_signatures], index, spec):
            return items[:index] + _postscripts(items, index, spec, not marks) \
                + _summary_pointed_to(items, index, spec)
        previous = item
    block = _contact_block_start(items, labelled, in_signatures)
    return items[:block] if block is not None else items


def _signatures(line: str) -> bool:
    """A line under a bare thanks that this reader knows for a signature's, besides those
    `signed_below` does: a name or a home's name in capitals ("Jo Fictional", "Willowbank
    Residential Services Ltd"), a contact line, a label only signatures carry here
    ("Service: …", "Ofsted URN: …"), or those between "|"s ("Jo Fictional | Registered
    Manager | 0113 496 0000"); a legal notice or banner. Never a line that says terms (a
    money amount, a staffing ratio; a sentence, save a notice's), nor a label whose value is
    more than a signature's: "Service: 2:1 staffing is needed … £1,500 per week" is the reply."""
    if says_terms(line, clause=False):
        return False
    if _DISCLAIMER.search(line):
        return not _THE_WRITER_SAYS.search(_DISCLAIMER.sub("", line))
    return not says_terms(line) and all(
        _IN_CAPITALS.match(piece) or _a_labelled_contact(piece) or a_signature_line(piece)
        for piece in re.split(r"\s*[|•·]\s*", line.strip()) if piece)


def _a_labelled_contact(piece: str, signature_labels: bool = True) -> bool:
    """A contact line, or (`signature_labels`) a signature's label, with a signature's short
    value ("Tel: 0113 496 0000", "Service: Larch House", "Ofsted URN: SC654321"): no more
    than a few words."""
    label = _CONTACT_LINE.match(piece) or (
        _SIGNATURE_LABEL.match(piece) if signature_labels else None)
    return label is not None and len(piece[label.end():].split()) <= _SIGNATURE_VALUE_WORDS


_SIGNATURE_VALUE_WORDS = 8
# The writer speaking in a line that has a notice's word ("we can only do this if …
# (confidential)"): no notice, which speaks of the email and its reader.
_THE_WRITER_SAYS = re.compile(r"\b(?:we|i|we['’](?:ll|re|d|ve)|i['’](?:ll|m|d|ve))\b",
                              re.IGNORECASE)


_IN_CAPITALS = re.compile(r"^\s*[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z&][\w'’.&-]*|of|and|the|for|at)){0,5}"
                          r"[ \t]*,?[ \t]*$")


def _lines_of(items: list[Item], start: int) -> Iterator[str]:
    """The lines from `start` on, as `signed_below` weighs them (as far as it reads): a table
    row's cells line by line (a signature laid out in a table), a break a blank line, and
    nothing after where quoted history begins."""
    for index in range(start, len(items)):
        item = items[index]
        if isinstance(item, str):
            yield item
        elif isinstance(item, Row):
            yield from (line for cell in item.cells for line in cell.split("\n"))
        elif item is CUT:
            return
        else:
            yield ""


# A postscript under the writer's name: "P.S. Just heard – the bed's been taken, so we'll have
# to decline", "PPS – manager says the 21st".
_POSTSCRIPT = re.compile(r"[ \t*_]{0,3}p\.?[ \t]?p?\.?[ \t]?s\b", re.IGNORECASE)


def _postscripts(items: list[Item], signed: int, spec: FormSpec,
                 signed_off: bool = False) -> list[Item]:
    """A reply's postscripts below its sign-off, and the lines under each up to a blank
    line: the writer's own words, read with the answer above (a response's only). Under a
    sign-off (`signed_off`, not a "-- " mark), a line that says the home's terms on the fee,
    the start or a cost is one ("Please note our fee from 14/12 will be £5,100 pw", rule
    `fee-terms-signed-below`, broker/forms/signed_below.py `says_fee_terms`)."""
    if not spec.prose_rules:
        return []
    kept: list[Item] = []
    inside = False
    for item in items[signed + 1:]:
        if not isinstance(item, str):
            inside = False
            continue
        if _POSTSCRIPT.match(item) or (signed_off and says_fee_terms(item)):
            kept.extend(["", item])
            inside = True
        elif inside and item.strip():
            kept.append(item)
        else:
            inside = False
    return kept


# A summary the reply points to ("Happy to offer - summary below."), set under its signature
# mark as a labelled line ("Offer summary: Elm Court · £4,850/wk · from Mon 14 Dec"): the
# writer's answer, kept (round 48). Nothing else under the mark is, so a signature's own
# figures are never read.
_SUMMARY_BELOW = re.compile(r"\bsummary\s+(?:is\s+)?(?:below|underneath|beneath)\b", re.IGNORECASE)
_SUMMARY_LINE = re.compile(r"^\s*(?:(?:offer|placement|our)\s+)?summary\s*:\s*\S", re.IGNORECASE)


def _summary_pointed_to(items: list[Item], signed: int, spec: FormSpec) -> list[Item]:
    """The labelled summary lines below a signature mark that the reply above points to."""
    if not spec.prose_rules or not any(
            isinstance(item, str) and _SUMMARY_BELOW.search(item) for item in items[:signed]):
        return []
    return ["", *(item for item in items[signed + 1:signed + 1 + _SIGNATURE_LINES]
                  if isinstance(item, str) and _SUMMARY_LINE.match(item))]


_CONTACT_LINE = re.compile(
    r"^\s*(?:(?:t|tel|telephone|phone|ph|m|mob|mobile|cell|e|email|e-mail|f|fax|w|web|website|"
    r"ext|extension|ddi|direct\s+line|direct\s+dial|switchboard|office|work)\s*[:.]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$|(?:\+44\s?|0)\d[\d\s()-]{8,14}\s*$)",
    re.IGNORECASE,
)
_SIGNATURE_LINES, _SIGNATURE_LINE_CHARS = 15, 100
_NEW_FIELDS_GO_ON = 2
# The legal notice an organisation appends below its signatures, or its banner ("*** We
# currently have vacancies! … Rated Outstanding ***"): not the writer's words, and long, so
# it must not stop a name-and-phone block above it being seen for a signature.
_DISCLAIMER = re.compile(
    r"\b(?:confidential|intended (?:solely|only) for|received (?:this|it) in error|"
    r"privileged|disclaimer|virus(?:es)?|think before you print|consider the environment|"
    r"rated (?:outstanding|good)|follow us|(?:we are|we're|now) (?:recruiting|hiring))\b"
    r"|^\s*(?:[*#=~]{3}|[*#=~] [*#=~] [*#=~])",
    re.IGNORECASE)
_NAME_LINE = re.compile(r"^\s*[A-Z][\w'’.-]*(?:[ \t]+[\w'’.&|,-]+){0,5}[ \t]*$")
_PIPED_NAME = re.compile(r"^\s*[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}[ \t]+\|[ \t]")


# The only labels a signature carries that a form also has ("Address: Civic Centre"); a
# provider's signature often gives its Ofsted registration ("Ofsted URN: SC654321").
_SIGNATURE_LABEL = re.compile(
    r"^\s*(?:address|location|office|base|service|contact|ofsted\b[^:]{0,30})\s*:", re.I)


def _signature_labels(items: list[Item], labelled: list[int]) -> set[int]:
    return {index for index in labelled
            if isinstance(items[index], str) and _SIGNATURE_LABEL.match(str(items[index]))}


def _contact_block_start(items: list[Item], labelled: list[int],
                         in_signatures: set[int]) -> int | None:
    """A signature with no sign-off before it: the closing lines (or closing table row, as
    Outlook lays a signature out beside a logo), opening with a name rather than a label,
    holding a phone or email line, with no label after it but two at most of those a
    signature has ("Address: Civic Centre …"), and no line that says terms ("Work: 2:1
    staffing is needed … £1,500 per week"). None when there is no such block."""
    content = [index for index, item in enumerate(items) if _text_of(item).strip()]
    for start in content[-_SIGNATURE_LINES:]:
        if start == content[0] or start in labelled:
            continue  # a signature is not the whole message, and does not open with a label
        before = items[start - 1]
        if isinstance(before, str) and before.strip() and not _PIPED_NAME.match(
                _text_of(items[start])):
            continue  # a signature starts a paragraph, or is Outlook's "Name | Role | Team"
        tail = [line for item in items[start:] for line in _text_of(item).split("\n")
                if line.strip() and not _DISCLAIMER.search(line)]
        after = labelled[bisect.bisect_left(labelled, start):]
        if len(after) > 2 or not set(after) <= in_signatures or not tail:
            continue
        if len(tail) <= _SIGNATURE_LINES and (
                _NAME_LINE.match(tail[0]) or _PIPED_NAME.match(tail[0])) and all(
                len(line) < _SIGNATURE_LINE_CHARS and not says_terms(line) for line in tail
        ) and any(_a_labelled_contact(line, signature_labels=False) for line in tail):
            return start
    return None


def _text_of(item: Item) -> str:
    if isinstance(item, Row):
        return "\n".join(cell for cell in item.cells if cell.strip())
    return item if isinstance(item, str) else ""


def _form_goes_on(items: list[Item], labelled: list[int], index: int, spec: FormSpec) -> bool:
    """True when two or more fields not yet given follow this line ("Known as:", "Weekly
    budget:" after a text quoted in the background), or one does in the middle of a form (three
    fields or more before it); one after a few lines is a signature's ("Our offer: …"), and a
    field given again is a quoted form's."""
    given = {_field_at(items, at, spec) for at in labelled if at < index}
    new = len({_field_at(items, at, spec) for at in labelled if at > index} - given)
    return new >= _NEW_FIELDS_GO_ON or (new >= 1 and len(given) >= _LABELS_IN_A_FORM)


def _an_older_copy(items: list[Item], labelled: list[int], spec: FormSpec) -> int | None:
    """Where quoted history starts below a whole form when every field in it is one the form
    above gave already: the form resent ("please see the referral again, the date has
    changed") over its older copy, which is history, not a second value of each field."""
    history = history_start(items, labelled[0] + 1)
    if history >= len(items):
        return None
    above = {_field_at(items, at, spec) for at in labelled if at < history}
    below = {_field_at(items, at, spec) for at in labelled if at > history}
    return history if len(above) >= _LABELS_IN_A_FORM and below <= above else None


def _field_at(items: list[Item], at: int, spec: FormSpec) -> object:
    """The field the labelled item at `at` gives."""
    item = items[at]
    if isinstance(item, Row):
        return spec.field_for_cell(item.cells[0])
    text = str(item)
    end = min((found for found in (text.find(":", 0, 120), text.find("\t", 0, 120))
               if found > 0), default=-1)
    return spec.field_for_label(text[:end])


def _no_form_follows(labelled: list[int], index: int) -> bool:
    """True when a form began before this line, or fewer than three labels come after it."""
    before = bisect.bisect_left(labelled, index)
    return before > 0 or len(labelled) - before < _LABELS_IN_A_FORM


def _is_labelled(item: Item, spec: FormSpec) -> bool:
    if isinstance(item, Row):
        return bool(item.cells) and spec.field_for_cell(item.cells[0]) is not None
    if not isinstance(item, str):
        return False
    colon = item.find(":", 0, 120)
    if colon > 0 and spec.field_for_label(item[:colon]) is not None:
        return True
    tab = item.find("\t", 0, 120)  # Outlook's plain text of a table: "Needed from⇥21/12/2026"
    return tab > 0 and (colon < 0 or tab < colon) and spec.field_for_label(item[:tab]) is not None

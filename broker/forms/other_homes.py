"""A reply that answers for several of the provider's homes: only what it says of this home
is read.

A provider with several homes often answers a referral for all of them at once:

    Elm Court: full.
    Rosewood Lodge: can offer from 14/12 at £4,900 pw.

Sent to Elm Court, this is Elm Court's decline; the offer, its fee and its date are Rosewood
Lodge's, which answers on its own thread. A line headed by a home's name ("Elm Court:",
"Rosewood Lodge –", "- Elm Court: no vacancy", or the name alone on a line above its answer)
gives the lines under it to that home, until the next home's heading. The reply is cut only
when a line is headed by this home's name and another by a name of two or more capitalised
words that is no label of the form ("Weekly fee:", "Home or carer:") with an answer under it
("full", "can offer"), or, with no line for this home, when two other homes answer so (then
nothing of this home's is left, and its answer is asked); otherwise it is read whole, and a
headed note with no answer ("Please Note: she would share a bathroom") stays with the home
above it. A line headed by this home's name alone gives only its answer ("Cedar House:
decline, matching" is read as "decline, matching"), and a table's row counts as a line, its
first cell the home ("Cedar House⇥Decline – matching", "| Cedar House | Decline | matching |").

In prose, what a home named as the one that answers says is that home's, to the end of its
sentence or to a clause of this home's own ("Oak House can offer, we can't", "… and we can
offer from Monday", "… so she could move to us on Monday 14th"); and so is what "they" say
when the home named nearest before, in that sentence or the one before, is another ("I've
passed this to our other home, Oak House. They can offer from 14/12 at £4,500 pw"). A home is
named by a home's word ("House", "Lodge", "Hall", "Cottage"…) ending its name, or by its
people ("Oak House's manager"); a street ("Rye Lane"), a school ("Hillcrest Park School") or
a town hall is no home, and "they" after one may be anyone.

Homes answering together, this one among them ("both Larch House and Larch Lodge can offer"),
say it for this home too, read as "we can offer"; and a sentence that gives each home its own
part clause by clause ("Larch House £5,100 per week, Larch Lodge £5,400 per week.") keeps
only this home's part, so what they share ("Both available from 14/12") is this home's too.
"""

from __future__ import annotations

import functools
import re

from broker.forms.money import POUNDS
from broker.forms.numbered_form import numbered_form_as_labelled
from broker.forms.spec import FormSpec
from broker.forms.ticks import CROSS, TICK, TICKED_BOX

# A line headed by a name, bulleted (or ticked, "✅ Larch Hall – offer") or not: capitalised
# words, then a colon or dash, then its
# answer or nothing ("Rosewood Lodge:" above its lines, "- Elm Court: no vacancy"), or the
# name alone on its line ("Rosewood Lodge" above its answer).
_HEADED = re.compile(
    r"^[ \t]*(?:(?:[-*\u2022\u00b7\u2013]|\d{1,2}[.)]"
    rf"|[{TICK}{TICKED_BOX}{CROSS}]\ufe0f?)[ \t]+|\|[ \t]*)?"
    r"(?P<name>[A-Z][\w'’&.]*(?:[ \t]+(?:[A-Z&][\w'’&.]*|of|on|the))*?)"
    r"[ \t]*(?:(?::|[ \t][\u2013\u2014-])(?:[ \t]+(?P<rest>\S.*)|[ \t]*)"
    r"|(?:\t|\|)[ \t]*(?P<cell>[^\s|].*)|(?P<alone>))$")
# The cells after the first, in a row of three or more: "Decline⇥matching", "Decline |
# matching |", read as "Decline – matching".
_NEXT_CELL = re.compile(r"[ \t]*(?:\t|\|)[ \t]*")
_WORDS = re.compile(r"[\w'’&]+")
# With no line for this home, this many other homes answering line by line make the reply
# theirs ("Elm Court: full." over "Rosewood Lodge: can offer …" sent to Cedar House): this
# home is asked; so too, with no home known, are two homes answering. One other name heading
# a line may be the provider's own or its company's.
_OTHER_HOMES_ALONE = 2
# Words that head a note, not a home: "Please Note:", "PS Update –"; and, alone on a line, a
# greeting or a sign-off ("Good Morning All", "Kind Regards").
_NOT_HOMES = frozenset({"please", "note", "nb", "ps", "update", "important", "re"})
_NOT_HOMES_ALONE = _NOT_HOMES | {"hi", "hello", "dear", "good", "morning", "afternoon", "all",
                                 "team", "kind", "regards", "best", "wishes", "many", "thanks",
                                 "thank", "you", "warm", "sent", "from", "my"}
# Words an answer for a home holds: "can offer", "full", "no vacancy", "decline", "yes".
_ANSWER = re.compile(
    r"(?i)\b(?:offer\w*|interested|declin\w*|full|vacan\w*|unable|can(?:no|')?t|could|able|"
    r"yes|no|sorry|beds?|space|place|room)\b")


def about_this_home(text: str, home: str | None, spec: FormSpec) -> str:
    """The reply less what it says of the provider's other homes. With no home known, a
    reply in which two or more homes answer line by line is left with none of their answers
    (which of them is this one's is asked), never read as one of them. The form answered as a
    numbered list in its fields' order (broker/forms/numbered_form.py) is one home's answer:
    its items are no homes' headings ("2. Oakfield House", "5. Waltham Forest")."""
    if numbered_form_as_labelled(text, spec) is not None:
        return text
    if not home:
        sections = _sections(text, (), spec)
        if len({words for words, _ in sections if words}) < _OTHER_HOMES_ALONE:
            return text
        return "\n".join(line for words, lines in sections if not words
                         for line in lines.split("\n") if not _answers_for_a_home(line, spec))
    own = _words(home)
    text = _prose_for_this_home(text, own)
    sections = _sections(text, own, spec)
    others = {words for words, _ in sections if words and not _same_home(words, own)}
    if not others or (len(others) < _OTHER_HOMES_ALONE
                      and not any(_same_home(words, own) for words, _ in sections)):
        if others or not any(words for words, _ in sections):
            return text
        return "\n".join(lines for _, lines in sections)  # this home's name off its line
    # this home's answer first, as a reply opens on it ("Decline - matching"), then the lines
    # under no name ("Our homes' answers:", the sign-off)
    return "\n".join([*(lines for words, lines in sections if words and _same_home(words, own)),
                      *(lines for words, lines in sections if not words)])


@functools.lru_cache(maxsize=8)
def _prose_for_this_home(text: str, own: tuple[str, ...]) -> str:
    """The text with "not for <this home>" and homes answering together said as "us" and
    "we", less the other homes' parts and what other homes named in its prose offer.
    Remembered for the last few texts (a pure function of them): one reply's words are read
    so up to four times (its answer, read again over its earlier fields, whether it answered
    for other homes, what it says of them), and this is the costliest part of reading them."""
    text = _this_home_as_us(text, own)
    text = _each_homes_part_apart(_joint_answer_as_ours(text, own), own)
    return _without_other_homes_offers(text, own)


# Another home named in prose as the one that answers: "We have to decline (matching), but
# Elm Court could offer from 14/12 at £4,900 pw" sent to Cedar House, "Cedar House can't take
# her (all boys at the moment)" sent to Hollybrook, "Birchwood House can't meet the CSE risk"
# sent to Larch Hall. What that home says, to the end of its
# sentence, is that home's; a name of two or more capitalised words.
_NAME = r"[A-Z][\w'’]*(?:[ \t]+(?:[A-Z][\w'’]*|of|on|the)){0,3}?[ \t]+[A-Z][\w'’]*"
# What that home says runs to the end of its sentence, or to a clause of this home's own that
# follows it: "Oak House can offer, we can't", "… and will reply on their own email – we're
# full", "… but we have no bed", "… and we'd be happy to offer from Monday 14th", "… so she
# could move to us on Monday 14th" (this home's answer, read as this home's).
_A_CLAUSE_OPENS = (r"[ \t]*(?:[,\u2013\u2014-][ \t]*(?:(?:and|but|so|then|whereas|while)\b[ \t]*)?"
                   r"|\b(?:and|but|so|then|whereas|while)\b[ \t]*)")
_TO_OUR_CLAUSE = (rf"(?:(?!{_A_CLAUSE_OPENS}"
                  r"(?:(?:sorry|sadly|unfortunately|but|however)[ \t,]+)?(?:(?:we|i)"
                  r"(?:[ \t]+(?:can|could|are|am|have|do|did|would|will|won|sadly|unfortunately"
                  r"|however|ourselves|here)\b|['’](?:re|m|ve|d|ll)\b|[ \t]*(?=[,.;!?\n]|$))"
                  r"|[^.;!?\n,]{0,60}?\b(?:to|with)[ \t]+us\b))"
                  r"[^.;!?\n])*")
_OTHER_HOME_OFFERS = re.compile(
    rf"(?<![\w'’])(?P<name>{_NAME})"
    # with a note after the name: "our solo provision, Thistle Barn (1:1), could take her"
    r"(?:[ \t]+\([^()\n]{1,30}\))?,?"
    r"[ \t]+(?:can|could|would|will|(?:is|are|may\s+be)\s+able\s+to|can['’]?t|cannot|can\s+not"
    r"|won['’]?t|(?:is|are)(?:n['’]t|\s+not)\s+able\s+to)[ \t]+(?:now[ \t]+)?"
    r"(?:offer|take[ \t]+(?:her|him|them)|meet)\b" + _TO_OUR_CLAUSE)
# Or as the home where the offer is: "We can't place her at Larch Hall, but we could offer at
# our Elm Court home from 14/12, £4,900 pw" sent to Larch Hall.
_OFFER_AT_ANOTHER_HOME = re.compile(
    r"\b(?:we[ \t]+)?(?:can|could|would|will)[ \t]+(?:offer|take[ \t]+(?:her|him|them))\b"
    rf"[^.;!?\n]{{0,40}}?\b(?:at|in)[ \t]+our[ \t]+(?P<name>{_NAME}|[A-Z][\w'’]*)[ \t]+"
    r"(?:home|house|service|unit)\b[^.;!?\n]*")


# Or as the home that has the place: "Of our three homes only Larch Hall has a bed at the moment
# - it could offer from 14/12 at £4,900 pw" sent to Birchwood House: to the sentence's end.
_ANOTHER_HOME_HAS_THE_PLACE = re.compile(
    rf"(?<![\w'’])(?P<name>{_NAME})[ \t]+(?:has|have|has[ \t]+got|now[ \t]+has)[ \t]+"
    r"(?:a[ \t]+|one[ \t]+|an[ \t]+)?(?:(?:spare|free|single|solo)[ \t]+)?"
    r"(?:bed|vacancy|space|place|room)\b[^.;!?\n]*")
# Or as where the provider has the place: "However we have a vacancy at Meadow View, 12 miles
# away – they could take her from Monday at £5,050 per week" sent to Hazelgrove.
_A_PLACE_AT_ANOTHER_HOME = re.compile(
    r"\b(?:we[ \t]+(?:have|['’]ve[ \t]+got|have[ \t]+got|do[ \t]+have)|there[ \t]+is|there['’]s)"
    r"[ \t]+(?:a[ \t]+|one[ \t]+|an[ \t]+)?(?:(?:spare|free|single|solo)[ \t]+)?"
    r"(?:bed|vacancy|space|place|room)[ \t]+(?:available[ \t]+)?(?:at|in)[ \t]+"
    rf"(?:our[ \t]+)?(?P<name>{_NAME})\b[^.;!?\n]*")


# Or as "they", the home named just before (in its sentence or the one before): "I've passed
# this to our other home, Oak House. They can offer from 14/12 at £4,500 pw", "I've spoken to
# Oak House's manager. They can offer, we can't". What they say is that home's, to the end of
# its sentence or a clause of this home's own; but "they" after this home's name ("I've spoken
# to Harbour House's manager and they can offer") is this home.
_THEY_OFFER = re.compile(
    r"(?<![\w'’])[Tt]hey(?:[ \t]+(?:too|also|both|instead))?"
    r"(?:[ \t]+(?:can|could|would|will|(?:are|may[ \t]+be)[ \t]+able[ \t]+to)|['’](?:d|ll))"
    r"[ \t]+(?:now[ \t]+|still[ \t]+|definitely[ \t]+)?"
    r"(?:offer|take|have|accommodate)\b" + _TO_OUR_CLAUSE)
_SENTENCE_BEFORE = re.compile(r"[^.;!?\n]*[.;!?\n]+[^.;!?\n]*$")
# A named home: a name's capitalised words, all of them ("Hillcrest Park School", not
# "Hillcrest Park"; "Oak House" in "Oak House on Monday"), whose last word
# is a home's ("Oak House", "Rosewood Lodge", "Larch Hall"), or one with its people
# ("Oakfield Park's manager"); or another home of the provider's unnamed ("our sister home",
# "one of our other homes"). Not a street ("Rye Lane", "Station Road"), a park, or a place that
# is no home by a word in its name ("the Town Hall", "Hillcrest Park School", "the Crown
# Court", "Denmark Hill Clinic").
_HOME_WORDS = frozenset({"house", "houses", "lodge", "court", "hall", "view", "cottage", "farm",
                         "barn", "home", "homes", "place", "grange", "manor", "gardens",
                         "mews", "villa", "rise", "croft", "fields", "mill", "lodges",
                         "cottages"})
_NO_HOMES_WORDS = frozenset({"town", "city", "county", "village", "church", "community", "civic",
                             "sports", "leisure", "school", "academy", "college", "primary",
                             "secondary", "nursery", "university", "hospital", "clinic",
                             "surgery", "centre", "center", "station", "council", "crown",
                             "magistrates", "magistrates'", "police", "library", "tribunal"})
_A_HOMES_NAME = re.compile(r"(?<![\w'’])(?P<name>[A-Z]\w*(?:[ \t]+(?:of[ \t]+)?[A-Z]\w*){1,4})\b"
                           r"(?P<people>['’]s[ \t]+(?:registered[ \t]+)?"
                           r"(?:manager|team|rm|staff|deputy))?")
_AN_UNNAMED_HOME = re.compile(r"\b(?:(?:sister|other|partner|neighbouring|different)[ \t]+"
                              r"(?:home|house|service|provision|setting)|one[ \t]+of[ \t]+our"
                              r"(?:[ \t]+other)?[ \t]+homes|one[ \t]+of[ \t]+ours)\b",
                              re.IGNORECASE)


def _another_home_before(text: str, at: int, own: tuple[str, ...]) -> bool:
    """Whether the home named nearest before `at`, in its sentence or the one before, is
    another of the provider's homes than this one."""
    found = _SENTENCE_BEFORE.search(text, 0, at)
    start = found.start() if found else 0
    nearest: tuple[int, bool] | None = None
    for named in _A_HOMES_NAME.finditer(text, start, at):
        words = _words(named["name"])
        if _NOT_HOMES_ALONE.intersection(words) or _PEOPLES_TITLES.intersection(words):
            continue
        if _same_home(words, own):
            nearest = (named.start(), False)
        elif named["people"] or (words[-1] in _HOME_WORDS
                                 and not _NO_HOMES_WORDS.intersection(words)):
            nearest = (named.start(), True)
    for unnamed in _AN_UNNAMED_HOME.finditer(text, start, at):
        if nearest is None or unnamed.start() > nearest[0]:
            nearest = (unnamed.start(), True)
    return nearest is not None and nearest[1]


def _this_home_as_us(text: str, own: tuple[str, ...]) -> str:
    """The text with "not for <this home>" said as "not for us": "Not for Ivystone Hall I'm
    afraid" is this home's no."""
    words = tuple(word for word in own if word != "the") if own[:1] == ("the",) else own
    if not words:
        return text
    return _not_for(words).sub(r"\1 us", text)


@functools.lru_cache(maxsize=4096)
def _not_for(words: tuple[str, ...]) -> re.Pattern[str]:
    """"not for/at <the home of these words>", compiled once per home: a pattern made from
    each home's name would otherwise be compiled again and again, as the `re` module's own
    cache of 512 fills with them (and with every multipart email's boundary)."""
    name = r"[ \t]+".join(re.escape(word) for word in words)
    return re.compile(rf"\b(not[ \t]+(?:for|at))[ \t]+(?:the[ \t]+)?{name}\b", re.IGNORECASE)


# Homes answering together, this one among them: "both Larch House and Larch Lodge can offer",
# "Larch House, Larch Lodge and Larch View can all offer", "Larch House and Larch Lodge are
# both able to take her". What they say together this home says too: read as "we …".
_TOGETHER = re.compile(
    rf"(?<![\w'’])(?:(?:[Bb]oth|[Aa]ll)[ \t]+)?(?P<names>{_NAME}(?:[ \t]*,[ \t]*{_NAME})*,?[ \t]+"
    rf"(?:and|&)[ \t]+{_NAME})(?:[ \t]+(?:both|all|too))?[ \t]+"
    r"(?=(?:can|could|would|will|are|have|do|may)\b)")
# A home's name heading a clause, its part of a sentence that gives each home its own:
# "Larch House £5,100 per week, Larch Lodge £5,400 per week".
# So too when the homes follow a colon, each after "or" or "at" ("We can offer at either of our
# homes: Oakfield Cottage at £4,800 per week, or here at Oakfield House at £5,000 per week";
# round 59).
_CLAUSE_APART = re.compile(r"[ \t]*[,;][ \t]+|[ \t]+and[ \t]+(?=[A-Z])"
                           r"|[ \t]*:[ \t]+(?=(?:the[ \t]+)?[A-Z][\w'’]*[ \t]+[A-Z])")
_HEADED_CLAUSE = re.compile(r"^(?:(?:either|or|and|but|whereas|while)[ \t]+)?(?:(?:here|there)"
                            r"[ \t]+)?(?:(?:at|in)[ \t]+)?(?:our[ \t]+)?"
                            rf"(?P<name>{_NAME}|[A-Z][\w'’]*)(?:[ \t]*[:\u2013\u2014-])?"
                            r"[ \t]+(?P<rest>\S.*)$", re.DOTALL)


# Their fees given in the order the homes were named: "Both Larch House and Larch View can
# offer – £5,100 and £5,400 per week respectively" (round 59): this home's is the one in its
# place.
_AMOUNT = POUNDS
_RESPECTIVELY = re.compile(
    rf"(?P<amounts>{_AMOUNT}(?:[ \t]*,[ \t]*{_AMOUNT})*,?[ \t]+(?:and|&)[ \t]+{_AMOUNT})"
    r"(?P<unit>[^.;!?\n£]{0,25}?)[ \t]*,?[ \t]*respectively\b")


def _joint_answer_as_ours(text: str, own: tuple[str, ...]) -> str:
    """The text with homes answering together, this one among them, said as "we": "both Larch
    House and Larch Lodge can offer" sent to Larch House is its offer; and of their fees
    given "respectively", only this home's ("we can offer – £5,100 per week")."""
    pieces, kept_to = [], 0
    for said in _TOGETHER.finditer(text):
        names = [name for name in re.split(r"[ \t]*(?:,|\band\b|&)[ \t]*", said["names"])
                 if name]
        at = next((number for number, name in enumerate(names)
                   if _same_home(_words(name), own)), None)
        if at is None or said.start() < kept_to:
            continue
        pieces += [text[kept_to:said.start()], "we "]
        kept_to = said.end()
        sentence = re.match(r"[^.;!?\n]{0,200}", text[kept_to:])
        each = _RESPECTIVELY.search(sentence[0]) if sentence else None
        amounts = re.findall(_AMOUNT, each["amounts"]) if each else []
        if each and len(amounts) == len(names):  # (else which is this home's is asked)
            pieces += [text[kept_to:kept_to + each.start()], amounts[at], each["unit"]]
            kept_to += each.end()
    return "".join([*pieces, text[kept_to:]])


def _each_homes_part_apart(text: str, own: tuple[str, ...]) -> str:
    """Each sentence that gives two or more homes their own part, clause by clause ("Larch
    House £5,100 per week, Larch Lodge £5,400 per week."), less the other homes' parts and
    this home's name: "£5,100 per week.". A sentence naming no two homes so is left. So too
    sentences of one line or paragraph, each headed by a home, this one among them
    ("Ferncroft Lodge £5,300 pw. Ferncroft House £4,950 pw. Both from 04/01/2027.": round 59):
    the other homes' sentences go, and what none heads stays."""
    return "\n".join(_each_homes_sentences_apart(line, own)
                     for line in _each_homes_clauses_apart(text, own).split("\n"))


# Where a line's sentences part: after a full stop, "!" or "?" before a space (compiled once:
# asked of every line of every reply).
_SENTENCES_APART = re.compile(r"(?<=[.!?])(?=[ \t]+)")


def _each_homes_sentences_apart(line: str, own: tuple[str, ...]) -> str:
    sentences = _SENTENCES_APART.split(line)
    if len(sentences) < 2:
        return line  # (one sentence gives no two homes their own)
    heads = [_HEADED_CLAUSE.match(sentence.strip()) for sentence in sentences]
    homes = [_words(head["name"]) if head and _names_a_home(head["name"], own) else None
             for head in heads]
    if not any(words and _same_home(words, own) for words in homes) or not any(
            words and not _same_home(words, own) for words in homes):
        return line
    kept = [(" " + head["rest"]) if words and head else sentence
            for sentence, head, words in zip(sentences, heads, homes, strict=True)
            if words is None or _same_home(words, own)]
    return "".join(kept).strip()


def _each_homes_clauses_apart(text: str, own: tuple[str, ...]) -> str:
    def this_homes(sentence: str) -> str:
        clauses = _CLAUSE_APART.split(sentence)
        if len(clauses) < 2:
            return sentence  # (one clause names no two homes)
        heads = [_HEADED_CLAUSE.match(clause) for clause in clauses]
        homes = [_words(head["name"]) if head and _names_a_home(head["name"], own) else None
                 for head in heads]
        if sum(words is not None for words in homes) < 2:
            return sentence
        kept = [head["rest"] if words and head else clause
                for clause, head, words in zip(clauses, heads, homes, strict=True)
                if words is None or _same_home(words, own)]
        return ", ".join(kept) + ("" if not kept or kept[-1].rstrip().endswith(
            (".", "!", "?")) or not sentence.rstrip().endswith(".") else ".")
    return "\n".join("".join(this_homes(part) for part in _SENTENCES_APART.split(line))
                     for line in text.split("\n"))


def _names_a_home(name: str, own: tuple[str, ...]) -> bool:
    words = _words(name)
    return _same_home(words, own) or (len(words) > 1 and words[-1] in _HOME_WORDS
                                      and not _NO_HOMES_WORDS.intersection(words))


# People, not homes: foster carers named as the ones who could take the child ("Our carers Mr
# and Mrs Dale could take him").
_PEOPLES_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
_CARERS_BEFORE = re.compile(r"\bcarers?\W*(?:\w+\W+){0,2}$", re.IGNORECASE)


def _without_other_homes_offers(text: str, own: tuple[str, ...]) -> str:
    """The text less what another home, named in its prose, offers."""
    if not any(word in text for word in ("offer", "take", "bed", "vacanc", "space", "place",
                                          "room")):  # (or "can't take her")
        return text

    def another_homes(said: re.Match[str]) -> str:
        words = _words(said["name"])
        if (_same_home(words, own) or _NOT_HOMES_ALONE.intersection(words)
                or _PEOPLES_TITLES.intersection(words)
                or _CARERS_BEFORE.search(text, max(0, said.start() - 30), said.start())):
            return said[0]
        return ""
    for said in (_OTHER_HOME_OFFERS, _OFFER_AT_ANOTHER_HOME, _ANOTHER_HOME_HAS_THE_PLACE,
                 _A_PLACE_AT_ANOTHER_HOME):
        text = said.sub(another_homes, text)
    if "hey" in text:
        text = "".join(_without_what_they_offer(text, own))
    return text


def _without_what_they_offer(text: str, own: tuple[str, ...]) -> list[str]:
    """The text in pieces, less what "they" offer where they are another home named before."""
    pieces, kept_to = [], 0
    for they in _THEY_OFFER.finditer(text):
        if _another_home_before(text, they.start(), own):
            pieces.append(text[kept_to:they.start()])
            kept_to = they.end()
    pieces.append(text[kept_to:])
    return pieces


def _sections(text: str, own: tuple[str, ...],
              spec: FormSpec) -> list[tuple[tuple[str, ...], str]]:
    """The reply's lines under each home's heading, and those before any (under no name). A
    heading names another home when the lines under it answer ("Rosewood Lodge: can offer
    …", "The Willows – full"); "Please Note: she would share" carries on the home above."""
    sections: list[tuple[tuple[str, ...], list[str], str]] = [((), [], "")]
    for line in text.split("\n"):
        heading = _heading(line, spec)
        if heading is not None and (_same_home(heading[0], own) or (
                len(heading[0]) > 1 and not _NOT_HOMES.intersection(heading[0]))):
            sections.append((heading[0], [heading[1]], line))
        else:
            sections[-1][1].append(line.strip())
    homes: list[tuple[tuple[str, ...], str]] = []
    for words, lines, heading_line in sections:
        if homes and not _same_home(words, own) and not _ANSWER.search("\n".join(lines)):
            lines[0] = heading_line  # no answer: the lines carry on the home above
            homes[-1] = (homes[-1][0], "\n".join((homes[-1][1], *lines)))
        else:
            homes.append((words, "\n".join(lines)))
    return homes


def _heading(line: str, spec: FormSpec) -> tuple[tuple[str, ...], str] | None:
    """The words of the name heading this line, and what follows it, when a name that is no
    form label heads the line."""
    match = _HEADED.match(line)
    if match is None or spec.field_for_label(match.group("name")) is not None:
        return None
    words = _words(match.group("name"))
    if match.group("alone") is not None and _NOT_HOMES_ALONE.intersection(words):
        return None
    cell = _NEXT_CELL.sub(" – ", (match.group("cell") or "").rstrip(" \t|"))
    return words, match.group("rest") or cell


def _answers_for_a_home(line: str, spec: FormSpec) -> bool:
    """Whether a name that is no form label heads the line with an answer ("Willowmere:
    Decline - no vacancy"), a one-word name too."""
    heading = _heading(line, spec)
    return heading is not None and bool(_ANSWER.search(heading[1]))


def _words(name: str) -> tuple[str, ...]:
    """The name's words, folded: remembered for a name of up to `_NAME_KEPT` characters (a
    home's, or the first words of a clause: asked of each clause of each reply), a pure
    function of its text; a longer one, no home's, is not kept."""
    return _words_kept(name) if len(name) <= _NAME_KEPT else _folded_words(name)


def _folded_words(name: str) -> tuple[str, ...]:
    return tuple(word.casefold().replace("’", "'") for word in _WORDS.findall(name))


_NAME_KEPT = 200
_words_kept = functools.lru_cache(maxsize=4096)(_folded_words)


def _same_home(heading: tuple[str, ...], own: tuple[str, ...]) -> bool:
    """Whether a heading names this home: its words, or the start of them ("Elm Court" for
    Elm Court Children's Home), or this home's name and more; "The" or not."""
    heading, own = _without_the(heading), _without_the(own)
    shorter = min(len(heading), len(own))
    return shorter > 0 and heading[:shorter] == own[:shorter]


def _without_the(words: tuple[str, ...]) -> tuple[str, ...]:
    return words[1:] if words[:1] == ("the",) else words

"""A home's questions about the child, answered by the placements team from the console.

A reply that answers and also asks has its questions passed to the placements team
(workflows/responses.py, rule `questions-passed-on`): one email quoting each question in the
home's words and the address to answer it at; the timeline keeps the questions' fingerprints
and that email's key, never the words. Here, pure:

- `questions_quoted(body)`: the home's questions as the team's email quotes them (the page
  shows them from that email, stored as every email is, never from the timeline);
- `asked_on_the_timeline(entries, …)`: each email of questions passed on, with whether and
  by whom it was answered (rule `question-answered-once`: a `question-answered` entry naming
  its timeline entry answers it);
- `may_answer(…)`: rule `answers-are-the-councils`: only a placements officer of the child's
  own council answers (not a commissioner, not the consortium's operators, not another
  council's staff);
- `answer_question(snapshot, asked, answer, by)`: rule `question-answered`: the answer goes
  from the service to the home at the address the team's email gave (threaded under the
  home's reply, its Reply-To the home's reply address), a copy to the placements team and,
  on an emergency, to the social worker who made the referral (rule
  `emergency-answer-to-the-referrer`, as the questions went to her); recorded on the
  timeline (who, when, which questions), the answer's words only in the emails. Rule
  `answer-names-the-child`: a home that does not hold the full papers (`entitled`: sent them
  on the commissioners' approval, and not recalled) has seen nothing identifying, so an
  answer holding a web link (nobody can tell what it leads to), words the anonymiser would
  change for a provider (anyone named, identifiers, addresses), the form's names, school or
  identifiers written in any spacing or punctuation, numbers in words or not
  (`identifying_words`), or the child's initials is refused, naming the words to remove, and
  nothing is sent; a name that is also an everyday word only where written as the name
  ("May will visit", "Mrs Brown", not "she may share", "brown hair"), and initials that spell
  a common acronym ("OK", "GP", "SEN") not alone; nor the name of a professional working the
  referral, the referrer or her council's listed staff ("Sam Taylor will call you"), when it
  shares no word with the child's or her family's names (rule `answer-names-a-professional`,
  workflows/professionals.py). Rule `answer-to-a-proved-contact`
  (`where_answered`): the answer goes to the address the home asked from only when that
  sender was proved and is one of the home's listed contacts; otherwise to the home's
  registered contact, where its papers go.
- `on_answer(snapshot, event)`: the engine's step for the console's `QuestionAnswered`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from broker.anonymise import anonymise_texts, identifying_values
from broker.anonymise.initials import a_common_acronym
from broker.anonymise.terms import an_everyday_word, given
from broker.forms import check_referral
from workflows.commands import Command, RecordEvent, SendEmail
from workflows.events import Actor, QuestionAnswered
from workflows.needed import emergency
from workflows.people import who_acted
from workflows.placement import contact_now
from workflows.professionals import a_professional, professionals, theirs
from workflows.provider_head import headed
from workflows.snapshot import Decision, Snapshot, accepted, declined

PASSED_ON, ANSWERED = "questions-passed-on", "question-answered"
ANSWER_MAX = 4000  # characters: an answer, not the papers
# A web link in any form: a scheme, www., or a host name with a path.
_LINK = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")
_RUN = re.compile(r"[^\W_]+")  # a run of letters or digits
_NUMBER_WORDS = {
    "zero": "0",
    "nought": "0",
    "nil": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_TRIM = ".,;:!?()[]\"'“”‘’"


@dataclass(frozen=True)
class Asked:
    """One email of a home's questions passed to the placements team."""

    entry: int  # the `questions-passed-on` timeline entry's id
    establishment: str
    home: str
    at: datetime | None
    questions: tuple[str, ...]  # as the team's email quotes them; () when not kept
    digests: tuple[str, ...]
    answer_to: str  # the address the home asked from
    message_id: str = ""
    email: str = ""  # the team's email's outbox key
    answered_by: str = ""
    answered_at: datetime | None = None
    proved: bool = False  # whether the From of the reply that asked was proved

    @property
    def answered(self) -> bool:
        return bool(self.answered_by)


def questions_quoted(body: str) -> tuple[str, ...]:
    """The questions the team's email (placements_team/provider_questions) quotes: its
    `- “…”` lines after "and asked:", each the home's words on one line."""
    _, found, rest = body.partition("and asked:")
    if not found:
        return ()
    quoted: list[str] = []
    for line in rest.strip().splitlines():
        if line.startswith("- "):
            quoted.append(line[2:].strip())
        elif line.strip():
            break
    return tuple(q for q in quoted if q)


def asked_on_the_timeline(
    entries: Iterable[tuple[int, datetime | None, str, Mapping[str, Any]]],
    names: Mapping[str, str],
    words: Mapping[str, tuple[str, ...]],
) -> list[Asked]:
    """Each `questions-passed-on` entry (id, at, kind, data) as an `Asked`, its words from
    `words` (the team's email's key → its quoted questions), answered when a later
    `question-answered` entry names it (rule `question-answered-once`)."""
    asked: dict[int, Asked] = {}
    for entry, at, kind, data in entries:
        if kind == PASSED_ON:
            key = str(data.get("establishment") or "")
            email = str(data.get("email") or "")
            asked[entry] = Asked(
                entry=entry,
                establishment=key,
                home=names.get(key, key),
                at=at,
                questions=tuple(words.get(email, ())),
                digests=tuple(str(d) for d in data.get("questions") or ()),
                answer_to=str(data.get("answer_to") or ""),
                message_id=str(data.get("message_id") or ""),
                email=email,
                proved=data.get("proved") is True,
            )
        elif kind == ANSWERED and (found := asked.get(int(data.get("asked") or 0))):
            asked[found.entry] = replace(
                found, answered_at=at, answered_by=str(data.get("by") or "the placements team")
            )
    return list(asked.values())


def may_answer(role: str, authority: str, referral_authority: str) -> bool:
    """Rule `answers-are-the-councils`: a home's questions about the child are answered by
    a placements officer of the child's own council only."""
    return role == "placements-officer" and bool(authority) and authority == referral_authority


def entitled(snapshot: Snapshot, establishment: str) -> bool:
    """Whether the home holds the child's full papers: it was sent them (a papers grant, made
    only as they are emailed: workflows/placement.py `release_papers`, which leaves out a home
    whose offer was withdrawn or declined by then) and they were not recalled since."""
    return establishment in snapshot.papers_held


def links_in(answer: str) -> list[str]:
    """The web links written in `answer`, each once."""
    return list(dict.fromkeys(m.group().rstrip(_TRIM) for m in _LINK.finditer(answer)))


def _runs(text: str) -> list[tuple[str, int, int]]:
    """The runs of letters or digits of `text` (NFKC), each folded (a number word as its
    digit) with where it was written: what the squeezed comparison compares."""
    text = unicodedata.normalize("NFKC", text)
    return [
        (_NUMBER_WORDS.get(word, word), m.start(), m.end())
        for m in _RUN.finditer(text)
        for word in (m.group().casefold(),)
    ]


def _the_word_itself(text: str, runs: list[tuple[str, int, int]], words: list[str]) -> bool:
    """Whether `runs` of `text` are a name of one word written as the everyday word it also
    is ("may", "brown", "hope", "will"): one run, not capitalised, a word the anonymiser
    keeps in lower case (`an_everyday_word`: "May", "Hope", "Brown", "Will"). Capitalised
    ("May will visit", "Mrs Brown"), spelled out ("m a y"), no everyday word ("casey") or a
    whole name ("grace may brown", "willbrown"), it is the name."""
    return (
        len(words) == len(runs) == 1
        and runs[0][0] == words[0]
        and (not text[runs[0][1]].isupper())
        and an_everyday_word(words[0].capitalize())
    )


def _squeezed_matches(answer: str, values: Iterable[str]) -> list[tuple[int, int]]:
    """Where each of `values` is written in `answer` with its spaces and punctuation (or
    more, or none) removed and number words as digits ("C a s e y", "Cas-ey", "Bracken field
    Academy", "nine nine nine 000 0115"), beginning and ending with a run of the answer:
    the spans written, in `answer`'s NFKC form; not where a name that is also an everyday word
    is written as that word (`_the_word_itself`: "she may share" beside a May).
    Linear in the answer for each value."""
    text = unicodedata.normalize("NFKC", answer)
    runs = _runs(text)
    squeezed = "".join(word for word, _, _ in runs)
    starts, ends, at = {}, {}, 0
    for index, (word, _, _) in enumerate(runs):
        starts[at] = index
        at += len(word)
        ends[at] = index
    spans = []
    named: dict[str, list[str]] = {}
    for words in ([word for word, _, _ in _runs(v)] for v in values):
        # a word only when every value squeezed so is that word ([] never is)
        key = "".join(words)
        named[key] = words if named.get(key, words) == words else []
    for value, words in named.items():
        if len(value) < 3:
            continue
        found = squeezed.find(value)
        while found != -1:
            first, last = starts.get(found), ends.get(found + len(value))
            if (
                first is not None
                and last is not None
                and not _the_word_itself(text, runs[first : last + 1], words)
            ):
                spans.append((runs[first][1], runs[last][2]))
            found = squeezed.find(value, found + 1)
    return spans


def initials_of(name: str | None) -> frozenset[str]:
    """The child's initials as a home might be told them: all of her names' first letters
    (two or three) and her first and last names' ("CMH", "CH")."""
    parts = [p for p in re.findall(r"[^\W\d_]+", given(name) or "") if len(p) > 1]
    found = {"".join(p[0] for p in parts).upper()} if 2 <= len(parts) <= 3 else set()
    if len(parts) >= 2:
        found.add((parts[0][0] + parts[-1][0]).upper())
    return frozenset(found)


def _initials_written(answer: str, initials: frozenset[str]) -> list[tuple[int, int]]:
    """Where the initials are written in capitals, together or apart ("CH", "C.H.", "C H");
    not initials that spell a common acronym ("OK", "GP", "PE", "SEN", "G.P.": the
    anonymiser's `a_common_acronym`), which alone name no one."""
    if not initials:
        return []
    text = unicodedata.normalize("NFKC", answer)
    runs = [(m.group(), m.start(), m.end()) for m in _RUN.finditer(text)]
    spans = []
    for index in range(len(runs)):
        joined = ""
        for word, _, end in runs[index : index + 3]:
            if not (word.isalpha() and word.isupper()):
                break
            joined += word
            if len(joined) > 3:
                break
            if joined in initials and not a_common_acronym(joined):
                spans.append((runs[index][1], end))
    return spans


def identifying_words(snapshot: Snapshot, answer: str) -> list[str]:
    """The words of `answer` that would identify the child to a provider, in the order
    written, each once: the form's names (whole and in parts), school, addresses and
    identifiers written in any spacing or punctuation (`_squeezed_matches`), the child's
    initials in capitals, and whatever else the project's anonymiser removes from every
    provider copy (anyone named). Linear in the answer's length."""
    form, _ = check_referral(
        dict(snapshot.referral.raw_fields),
        snapshot.world.referral_spec,
        message_date=snapshot.world.today,
    )
    text = unicodedata.normalize("NFKC", answer)
    values = identifying_values(form)
    spans = _squeezed_matches(text, values)
    spans += _initials_written(text, initials_of(form.child_name))
    # rule `answer-names-a-professional`: the referrer and her council's staff may be named
    named = professionals(snapshot.referral, snapshot.authority)
    hers = theirs(form, values, text, snapshot.referral, snapshot.authority)
    spans += [
        (start, end)
        for start, end in _removed(form, text)
        if not a_professional(text[start:end], named, hers)
    ]
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if chosen and start < chosen[-1][1]:  # within (or across) a span already named
            if end > chosen[-1][1]:
                chosen[-1] = (chosen[-1][0], end)
            continue
        chosen.append((start, end))
    words = (" ".join(text[start:end].split()).strip(_TRIM) for start, end in chosen)
    return list(dict.fromkeys(w for w in words if w))


def _removed(form: Any, text: str) -> list[tuple[int, int]]:
    """What the anonymiser removes from `text`: its words the provider copy no longer has
    (a count of each, not a diff of the two: linear where a diff of 4,000 characters took
    seconds). Words removed one after another are one span ("999 000 0018")."""
    spans: list[tuple[int, int]] = []
    kept, removed_last = Counter(anonymise_texts(form, [text])[0].split()), False
    for m in re.finditer(r"\S+", text):
        if kept[m.group()] > 0:
            kept[m.group()] -= 1
            removed_last = False
        elif removed_last:
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
            removed_last = True
    return spans


def listed_contacts(directory: Any, establishment: str) -> frozenset[str]:
    """The home's contacts and its organisation's, as the directory lists them."""
    home = directory.establishment(establishment)
    if home is None:
        return frozenset()
    organisation = directory.organisation(home.organisation)
    return frozenset(
        c.casefold() for c in (*home.contacts, *(getattr(organisation, "contacts", ()) or ()))
    )


def where_answered(snapshot: Snapshot, asked: Asked) -> tuple[str, str]:
    """Rule `answer-to-a-proved-contact`: where the answer goes, and why. To the address the
    home asked from when that sender was proved and is one of the home's listed contacts;
    otherwise (a From anyone could have written, or an address the directory does not list
    for the home) to its registered contact, where its papers go."""
    registered = contact_now(snapshot, asked.establishment)
    asker = asked.answer_to
    if (
        asker
        and asked.proved
        and asker.casefold() in listed_contacts(snapshot.world.directory, asked.establishment)
    ):
        return asker, "the address the home asked from, a contact of the home's, its sender proved"
    if not registered:
        return "", ""
    if asker.casefold() == registered.casefold():
        return registered, "the home's registered contact, which asked"
    if not asked.proved:
        return registered, (
            f"the home's registered contact: the sender it asked from ({asker})"
            " was not proved to be who wrote"
        )
    return registered, (
        f"the home's registered contact: {asker}, which asked, is not one of "
        "the home's listed contacts"
    )


def on_answer(snapshot: Snapshot, event: QuestionAnswered) -> Decision:
    """The engine's step for the console's answer: the question as the timeline has it now
    (the referral locked), the home's words as the console read them from the team's email."""
    names = {key: r.name for key, r in snapshot.recipients.items()}
    asked = next(
        (
            a
            for a in asked_on_the_timeline(snapshot.question_entries, names, {})
            if a.entry == event.asked
        ),
        None,
    )
    if asked is None:
        return declined(
            snapshot,
            [],
            "no-such-question",
            "question-answered",
            "That question is not one of this referral's; nothing was sent.",
        )
    return answer_question(
        snapshot, replace(asked, questions=event.questions), event.answer, event.actor.address
    )


def answer_question(snapshot: Snapshot, asked: Asked, answer: str, by: str) -> Decision:
    """Rule `question-answered`: the emails answering a home's questions, or why not."""
    answer = answer.strip()
    if asked.answered:
        return declined(
            snapshot,
            [],
            "already-answered",
            "question-answered-once",
            f"{asked.home}'s questions were answered already, by "
            f"{asked.answered_by}; nothing was sent.",
        )
    if not answer:
        return declined(
            snapshot,
            [],
            "no-answer",
            "question-answered",
            "Write the answer first; nothing was sent.",
        )
    if len(answer) > ANSWER_MAX:
        return declined(
            snapshot,
            [],
            "answer-too-long",
            "question-answered",
            f"The answer is longer than {ANSWER_MAX:,} characters; nothing was sent.",
        )
    to, why = where_answered(snapshot, asked)
    if not to:
        return declined(
            snapshot,
            [],
            "no-address",
            "question-answered",
            f"The service has no address for {asked.home} to answer at; answer "
            "from the team's email; nothing was sent.",
        )
    if not entitled(snapshot, asked.establishment):
        links = links_in(answer)
        words = [
            *links,
            *(
                w
                for w in identifying_words(snapshot, answer)
                if not any(w in link or link in w for link in links)
            ),
        ]
        if words:
            shown = ", ".join(f"“{w}”" for w in words)
            linked = " nor any web link (nobody can tell what a link leads to)" if links else ""
            return declined(
                snapshot,
                [],
                "identifies-the-child",
                "answer-names-the-child",
                f"Not sent: {asked.home} does not hold the child's papers (it "
                "has not been shortlisted and approved, or no longer is), so it "
                f"may see nothing that identifies the child{linked}. Remove "
                f"{shown} and send the answer again.",
            )
    return headed(
        snapshot,
        accepted(
            snapshot,
            _emails(snapshot, asked, answer, by, to),
            "question-answered",
            "question-answered",
            _said(snapshot, asked, to, why),
        ),
    )


def _copies(snapshot: Snapshot) -> tuple[str, str]:
    """The placements team, and on an emergency the referrer (rule
    `emergency-answer-to-the-referrer`), unless she is the team."""
    team = str(getattr(snapshot.authority, "placements_team", "") or "")
    referrer = snapshot.referral.referrer
    also = (
        referrer
        if emergency(snapshot.referral.urgency)
        and referrer
        and referrer.casefold() != team.casefold()
        else ""
    )
    return team, also


def _emails(snapshot: Snapshot, asked: Asked, answer: str, by: str, to: str) -> list[Command]:
    referral, (team, also) = snapshot.referral, _copies(snapshot)
    key = f"{referral.reference}:{asked.establishment}:answer:{asked.entry}"
    context = {
        "reference": referral.reference,
        "establishment": asked.home,
        "questions": list(asked.questions),
        "answer": answer,
        "team": team,
        "by": by,
        "provider": to,
        "also_to": also,
        # the person who answered, as other emails name staff ("Maya Osei of the
        # placements team"), never a bare address
        "who": who_acted(Actor(address=by, channel="web"), snapshot.authority),
    }
    # threaded under the home's reply only when it goes to whoever wrote that reply
    thread = asked.message_id if to.casefold() == asked.answer_to.casefold() else ""
    commands: list[Command] = [
        SendEmail(
            key=key,
            template="provider/question_answered",
            to=to,
            context=context,
            reply_to=snapshot.world.reply_address(referral.id, asked.establishment),
            in_reply_to=thread,
            references=(thread,) if thread else (),
            establishment=asked.establishment,
        )
    ]
    commands += [
        SendEmail(
            key=f"{key}:{who}",
            template="placements_team/question_answered",
            to=to,
            context={**context, "to_referrer": who == "referrer"},
        )
        for who, to in (("team", team), ("referrer", also))
        if to
    ]
    commands.append(
        RecordEvent(
            ANSWERED,
            {
                "establishment": asked.establishment,
                "asked": asked.entry,
                "email": asked.email,
                "questions": list(asked.digests),
                "by": by,
                "to": to,
                "copied": [to for to in (team, also) if to],
            },
        )
    )
    return commands


def _said(snapshot: Snapshot, asked: Asked, to: str, why: str) -> str:
    _team, also = _copies(snapshot)
    return (
        f"Your answer was sent to {asked.home} at {to} ({why}), copied to the "
        "placements team"
        + (f" and to the social worker ({also}), as this is an emergency" if also else "")
        + "."
    )

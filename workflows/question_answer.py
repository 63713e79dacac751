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
  `answer-names-the-child`: a home not yet shortlisted and approved (`entitled`) has seen
  nothing identifying, so an answer the anonymiser would change for a provider (the child's
  and family's names from the form, identifiers, addresses, anyone named) is refused, naming
  the words to remove, and nothing is sent.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from broker.anonymise import anonymise_texts, identifying_values
from broker.forms import check_referral
from workflows.commands import Command, RecordEvent, SendEmail
from workflows.needed import emergency
from workflows.provider_head import headed
from workflows.snapshot import Decision, Snapshot, accepted, declined
from workflows.states import State

PASSED_ON, ANSWERED = "questions-passed-on", "question-answered"
ANSWER_MAX = 4000  # characters: an answer, not the papers
# After the commissioners' approval the shortlisted homes hold the full papers.
_PAPERS_STATES = frozenset({State.APPROVED, State.NEGOTIATING, State.PLACED})


@dataclass(frozen=True)
class Asked:
    """One email of a home's questions passed to the placements team."""

    entry: int  # the `questions-passed-on` timeline entry's id
    establishment: str
    home: str
    at: datetime | None
    questions: tuple[str, ...]  # as the team's email quotes them; () when not kept
    digests: tuple[str, ...]
    answer_to: str  # the address the home asked from, where its answer goes
    message_id: str = ""
    email: str = ""  # the team's email's outbox key
    answered_by: str = ""
    answered_at: datetime | None = None

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


def asked_on_the_timeline(entries: Iterable[tuple[int, datetime | None, str, Mapping[str, Any]]],
                          names: Mapping[str, str],
                          words: Mapping[str, tuple[str, ...]]) -> list[Asked]:
    """Each `questions-passed-on` entry (id, at, kind, data) as an `Asked`, its words from
    `words` (the team's email's key → its quoted questions), answered when a later
    `question-answered` entry names it (rule `question-answered-once`)."""
    asked: dict[int, Asked] = {}
    for entry, at, kind, data in entries:
        if kind == PASSED_ON:
            key = str(data.get("establishment") or "")
            email = str(data.get("email") or "")
            asked[entry] = Asked(
                entry=entry, establishment=key, home=names.get(key, key), at=at,
                questions=tuple(words.get(email, ())),
                digests=tuple(str(d) for d in data.get("questions") or ()),
                answer_to=str(data.get("answer_to") or ""),
                message_id=str(data.get("message_id") or ""), email=email)
        elif kind == ANSWERED and (found := asked.get(int(data.get("asked") or 0))):
            asked[found.entry] = replace(found, answered_at=at, answered_by=str(
                data.get("by") or "the placements team"))
    return list(asked.values())


def may_answer(role: str, authority: str, referral_authority: str) -> bool:
    """Rule `answers-are-the-councils`: a home's questions about the child are answered by
    a placements officer of the child's own council only."""
    return role == "placements-officer" and bool(authority) and authority == referral_authority


def entitled(snapshot: Snapshot, establishment: str) -> bool:
    """Whether the home holds the child's full papers: shortlisted in a round the
    commissioners approved, the referral approved or further on."""
    round_ = snapshot.current_round
    return snapshot.state in _PAPERS_STATES and round_ is not None \
        and round_.outcome == "approved" and establishment in round_.establishments


def identifying_words(snapshot: Snapshot, answer: str) -> list[str]:
    """The words of `answer` that would identify the child to a provider, as the project's
    anonymiser removes them from every provider copy (the child's and family's names from
    the form, identifiers, addresses, anyone named), and any identifying value of the form
    written in it; in the order written, each once."""
    form, _ = check_referral(dict(snapshot.referral.raw_fields), snapshot.world.referral_spec,
                             message_date=snapshot.world.today)
    scrubbed = anonymise_texts(form, [answer])[0]
    before, after = answer.split(), scrubbed.split()
    found: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            found.append(" ".join(before[i1:i2]).strip(".,;:!?()\"'“”‘’"))
    folded = answer.casefold()
    found += [value for value in identifying_values(form)
              if re.search(rf"(?<!\w){re.escape(value.casefold())}(?!\w)", folded)
              and not any(value.casefold() in f.casefold() for f in found)]
    return list(dict.fromkeys(w for w in found if w))


def answer_question(snapshot: Snapshot, asked: Asked, answer: str, by: str) -> Decision:
    """Rule `question-answered`: the emails answering a home's questions, or why not."""
    answer = answer.strip()
    if asked.answered:
        return declined(snapshot, [], "already-answered", "question-answered-once",
                        f"{asked.home}'s questions were answered already, by "
                        f"{asked.answered_by}; nothing was sent.")
    if not answer:
        return declined(snapshot, [], "no-answer", "question-answered",
                        "Write the answer first; nothing was sent.")
    if len(answer) > ANSWER_MAX:
        return declined(snapshot, [], "answer-too-long", "question-answered",
                        f"The answer is longer than {ANSWER_MAX:,} characters; "
                        "nothing was sent.")
    if not asked.answer_to:
        return declined(snapshot, [], "no-address", "question-answered",
                        f"The service did not keep where {asked.home} asked from; answer "
                        "from the team's email; nothing was sent.")
    if not entitled(snapshot, asked.establishment) and (
            words := identifying_words(snapshot, answer)):
        shown = ", ".join(f"“{w}”" for w in words)
        return declined(snapshot, [], "identifies-the-child", "answer-names-the-child",
                        f"Not sent: {asked.home} has not been shortlisted and approved, so "
                        f"it may see nothing that identifies the child. Remove {shown} "
                        "and send the answer again.")
    return headed(snapshot, accepted(snapshot, _emails(snapshot, asked, answer, by),
                                     "question-answered", "question-answered",
                                     _said(snapshot, asked)))


def _copies(snapshot: Snapshot) -> tuple[str, str]:
    """The placements team, and on an emergency the referrer (rule
    `emergency-answer-to-the-referrer`), unless she is the team."""
    team = str(getattr(snapshot.authority, "placements_team", "") or "")
    referrer = snapshot.referral.referrer
    also = referrer if emergency(snapshot.referral.urgency) and referrer \
        and referrer.casefold() != team.casefold() else ""
    return team, also


def _emails(snapshot: Snapshot, asked: Asked, answer: str, by: str) -> list[Command]:
    referral, (team, also) = snapshot.referral, _copies(snapshot)
    key = f"{referral.reference}:{asked.establishment}:answer:{asked.entry}"
    context = {"reference": referral.reference, "establishment": asked.home,
               "questions": list(asked.questions), "answer": answer, "team": team,
               "by": by, "provider": asked.answer_to, "also_to": also}
    commands: list[Command] = [SendEmail(
        key=key, template="provider/question_answered", to=asked.answer_to, context=context,
        reply_to=snapshot.world.reply_address(referral.id, asked.establishment),
        in_reply_to=asked.message_id,
        references=(asked.message_id,) if asked.message_id else (),
        establishment=asked.establishment)]
    commands += [SendEmail(key=f"{key}:{who}", template="placements_team/question_answered",
                           to=to, context={**context, "to_referrer": who == "referrer"})
                 for who, to in (("team", team), ("referrer", also)) if to]
    commands.append(RecordEvent(ANSWERED, {
        "establishment": asked.establishment, "asked": asked.entry, "email": asked.email,
        "questions": list(asked.digests), "by": by, "to": asked.answer_to,
        "copied": [to for to in (team, also) if to]}))
    return commands


def _said(snapshot: Snapshot, asked: Asked) -> str:
    _team, also = _copies(snapshot)
    return (f"Your answer was sent to {asked.home} at {asked.answer_to}, copied to the "
            "placements team" + (f" and to the social worker ({also}), as this is an "
                                 "emergency" if also else "") + ".")

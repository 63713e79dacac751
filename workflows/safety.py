"""Words that report something about a child's safety, which no rate limit may hold.

Rule `safety-never-held`: a home's message ("Maddie went missing at 11pm and was returned by
police at 3am", "she was taken to A&E after self-harming", "he has made an allegation against
a member of staff") is passed on however many of its messages went to the council that day
(rule `questions-per-day`, workflows/responses.py): it goes to the placements team and the
social worker both, where either is known, is not counted against the day's limit, and the
home is told it was passed on. Read loosely on purpose: a message wrongly taken for one only
escapes the limit; one wrongly not taken could leave a missing child's report unread.

What happened to this child counts ("she didn't come back last night", "hasn't been seen
since breakfast", "was brought back by a neighbour at 6am", "told our night worker her mum's
boyfriend hit her", "came back at 2am with cash she won't explain; an older man dropped her
off"), as do the words of a report (police, hospital, an allegation …). But read for words
about the child, not a home's boilerplate: a sentence of a policy, a procedure or a protocol,
of its staff's training or checks, of the young people it supports ("we support young people
who go missing"), a question about her history ("Is there any history of self-harm?"), a
footer or a signature ("Our safeguarding policy applies to all correspondence", "Jo Bloggs,
Designated Safeguarding Lead") is left out before the words are read, unless it says that
something happened (`_HAPPENED`: went missing, returned by police, taken to hospital,
injured, disclosed, an allegation against …; never a bare "missing from care procedure"),
and "safeguarding" counts only as a concern, a referral or an incident, never as a policy or
a job title. And a generous ceiling of its own
(`SAFETY_PER_DAY`): once one home's messages about safety have gone to the council that many
times in 24 hours, its further ones are recorded, not emailed (event "questions-held", with
`safety`), and the placements team gets one email saying so, to read them in the console
(`over_the_ceiling`): one home's footer or a loop can never send the team hundreds of emails,
and nothing it sends is silently lost.
"""

from __future__ import annotations

import re
from typing import Any

from workflows.commands import Command, RecordEvent, SendEmail

# What says that something happened to this child (`_HAPPENED`, and a report wherever it is
# read): she went missing or was not seen, came back late or was brought back, was hurt or hit,
# disclosed or alleged, or an adult did something to her (signs of exploitation).
_EVENT = (
    r"(?:went|gone|was|were|has\s+been|had\s+been|reported)\s+missing"
    r"|missing[\s-]+(?:since|overnight|again|episodes?)"
    r"|did(?:\s+not|n't)\s+(?:return|come\s+(?:back|home|in))"
    r"|(?:has|have|had)(?:\s+not|n't)\s+(?:been\s+seen|returned|come\s+(?:back|home|in))"
    r"|not\s+been\s+seen|not\s+seen\s+since|whereabouts\s+(?:are\s+|is\s+)?(?:unknown|not\s+known)"
    r"|stayed\s+out\s+(?:all\s+night|overnight|until|till|late|past)|absent\s+without"
    r"|brought\s+(?:back|home)|returned\s+(?:home\s+)?by"
    r"|(?:came|come|got|returned)\s+(?:back|home|in)\s+(?:at\s+)?(?:[0-5](?:[:.]\d\d)?\s*am\b"
    r"|midnight|in\s+the\s+early\s+hours)"
    r"|police\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?(?:called|informed"
    r"|involved|attended|notified)|arrested|in\s+hospital"
    r"|(?:taken|admitted|went|rushed)\s+to\s+(?:hospital|a\s*&\s*e)"
    r"|injur(?:ed|y|ies)|overdosed?|self[\s-]?harm(?:ed|ing)"
    r"|(?:hit|punched|kicked|slapped|hurt|touched|grabbed|assaulted|attacked|threatened"
    r"|pushed|strangled)\s+(?:her|him|them)(?:sel(?:f|ves))?\b|(?:was|were|got|been|is|gets)\s+hurt"
    r"|bruis(?:e|es|ed|ing)"
    r"|disclosed|(?:made|makes|making)\s+an?\s+allegations?|alleg(?:ed|es|ing)\s+that"
    r"|allegations?\s+against|assaulted|was\s+abused|absconded|ran\s+away"
    r"|older\s+(?:man|men|male|males|boyfriend)|(?:unknown|adult)\s+(?:man|men|male|males)"
    r"|(?:dropped\s+off|picked\s+up)\s+by\s+(?:an?\s+)?(?:\w+\s+)?(?:man|men|male|adult|stranger)"
    r"|in\s+an?\s+(?:unknown|strange|unfamiliar|stranger's)\s+(?:car|vehicle|van)"
    r"|unexplained\s+(?:cash|money|gifts?|phones?|clothes|injur\w*)"
    r"|(?:cash|money|gifts?|phones?|clothes)\s+(?:that\s+)?(?:she|he|they)\s+(?:won't|will\s+not"
    r"|can't|cannot|couldn't|wouldn't|refuses?\s+to)\s+(?:explain|say)")

# What a report of a child's safety says: missing from home or care, brought back by the
# police, taken to hospital, injured, an allegation or a disclosure, harm to self, arrested,
# exploited. "Missing" alone is not one ("what's missing from her papers").
_SAFETY = re.compile(
    r"\b(?:" + _EVENT
    + r"|(?:went|gone|go(?:es|ing)?|was|were|is|been|being|reported|still|found)\s+missing"
    r"|missing\s+(?:from\s+(?:home|care|school|the\s+home|placement)|episodes?|persons?"
    r"|overnight|again|since)|mfh"
    r"|abscond\w*|ran\s+away|run(?:ning)?\s+away|absent\s+without"
    r"|police|arrest\w*|custody|hospital\w*|a\s*&\s*e|ambulance|paramedics?|overdos\w*"
    r"|injur\w*|wound\w*|bruis\w*|concussion|ligature|suicid\w*"
    r"|self[\s-]?harm\w*|harm(?:ed|ing)\s+(?:her|him|them)sel(?:f|ves)"
    r"|cut(?:ting)?\s+(?:her|him|them)sel(?:f|ves)"
    r"|allegations?|alleg(?:ed|es|ing)|disclos(?:ed|es|ing|ure|ures)"
    r"|assault\w*|abus(?:e|ed|ive)|exploit\w*|grooming|groomed|county\s+lines|cse|cce"
    r"|sexual\w*|safeguarding\s+(?:concerns?|referrals?|incidents?|issues?|alerts?|strategy"
    r"|meetings?|investigations?|matters?|reports?|disclosures?)|lado"
    r"|restrain(?:ed|t|ts)?)\b",
    re.IGNORECASE)

# A sentence of a policy, a footer or a signature, not a report ("Our safeguarding policy
# applies to all correspondence", "Designated Safeguarding Lead", "This email is
# confidential", "Registered in England no. …").
_BOILERPLATE = re.compile(
    r"(?i)\b(?:polic(?:y|ies)|procedures?|correspondence|confidential\w*|disclaimer"
    r"|intended\s+recipient|this\s+(?:e-?mail|message)|registered\s+(?:office|in|with|company"
    r"|charity|no)|company\s+(?:no|number)|ofsted\s+(?:urn|registered|registration)|urn\b"
    r"|(?:safeguarding|designated)\s+(?:lead|officer|manager|team|lead\s+officer)|dsl\b"
    r"|committed\s+to|all\s+(?:of\s+)?(?:our\s+)?(?:\w+\s+)?staff|kind\s+regards|best\s+wishes"
    r"|many\s+thanks|protocols?|trained|training|awareness|(?:police|dbs|background)\s+checks?"
    r"|vett(?:ed|ing)|we\s+(?:support|work\s+with|care\s+for|specialise)"
    r"|experience\s+(?:with|of|in)|young\s+people\s+(?:who|at\s+risk|with)"
    r"|any\s+history\s+of|(?:is|was|has)\s+there\s+(?:been\s+)?any)")

# What says that something happened to a child: such a sentence is a report even in a
# policy's words or under a signature.
_HAPPENED = re.compile(r"(?i)\b(?:" + _EVENT + r")")
# A signature's delimiter: everything under it is the signature
_SIGNATURE = re.compile(r"(?m)^--\s*$")
# Sentences: after a full stop, a question or exclamation mark, or a line's end
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")

# Rule `safety-never-held`'s own ceiling: one home's messages about safety emailed to the
# council in 24 hours, after which its further ones are recorded and the team told once.
SAFETY_PER_DAY = 10


def about_safety(words: str) -> bool:
    """Whether the words report something about a child's safety (rule `safety-never-held`),
    read without the sentences of a policy, a footer or a signature that say nothing
    happened (`_BOILERPLATE`)."""
    if not words:
        return False
    words = _SIGNATURE.split(words, maxsplit=1)[0]
    return any(_SAFETY.search(sentence) for sentence in _SENTENCE.split(words)
               if not _BOILERPLATE.search(sentence) or _HAPPENED.search(sentence))


def over_the_ceiling(snapshot: Any) -> bool:
    """Whether this home's messages about the child's safety have gone to the council
    `SAFETY_PER_DAY` times in the last 24 hours (its further ones are recorded instead)."""
    return snapshot.safety_emails_today >= SAFETY_PER_DAY


def held_over_the_ceiling(snapshot: Any, establishment: str, name: str,
                          fingerprint: list[str]) -> list[Command]:
    """A message about safety past the ceiling: recorded (event "questions-held", with
    `safety`), and, for the first in 24 hours, one email to the placements team saying that
    the home's further messages about safety today are in the console, not their inbox."""
    commands: list[Command] = [RecordEvent("questions-held", {
        "establishment": establishment, "questions": fingerprint, "safety": True,
        "per_day": SAFETY_PER_DAY})]
    team = snapshot.authority.placements_team if snapshot.authority else ""
    if team and not snapshot.safety_held_today:
        commands.append(SendEmail(
            key=f"{snapshot.reference}:{establishment}:safety-ceiling:{fingerprint[0]}",
            template="placements_team/safety_ceiling", to=team,
            context={"reference": snapshot.reference, "establishment": name,
                     "per_day": SAFETY_PER_DAY}, establishment=establishment))
    return commands

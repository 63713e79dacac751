"""A chat pasted into a reply: the manager's answer is its last message that says something.

A duty worker often asks their manager on Teams or WhatsApp and pastes the exchange into the
reply:

    Hi, as discussed with my RM on Teams:

    [10:42] Carla Dunmore: can we take the ZZ98 girl?
    [10:43] Jo Benham (RM): yes from Monday at 5k
    [10:43] Carla Dunmore: 👍

Each message is a line opening with its time (Teams' "[10:43]", WhatsApp's "02/12/2026, 09:20
-") and its sender. Read as prose, the stamps and names hide the answer, and the question
("4850 or 4950 for her?") would be read as the home's own words. So the chat is read as its
answer: the last message that is neither a question nor only an emoji or a thank-you (the
manager's "scrap that – no new admissions" after an earlier "yes offer 4900" is the answer),
set first in the reply, before the writer's own lines (after them when the writer's first
word is the decision: "Offer - details from my RM below:").
"""

from __future__ import annotations

import re

__all__ = ["the_chats_answer"]

# A chat message on one line: its time (and date), then its sender, then what they said.
_MESSAGE = re.compile(
    r"(?m)^[ \t]*(?:\[(?:\d{1,2}/\d{1,2}/\d{2,4},?[ \t]*)?\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:[ \t]*[AaPp][Mm])?\]|\d{1,2}/\d{1,2}/\d{2,4},?[ \t]+\d{1,2}:\d{2}(?:[ \t]*[AaPp][Mm])?"
    r"[ \t]+[-\u2013])[ \t]*"
    r"(?P<sender>[^:\n]{1,40}?):[ \t]*(?P<said>[^\n]*)$")
_MESSAGES_IN_A_CHAT = 2
_SAYS_NOTHING = re.compile(r"[\W_]*(?:(?:ok(?:ay)?|thanks?|thank\s+you|ta|cheers|will\s+do|"
                           r"great|lovely|perfect)\b[\W_]*)*", re.IGNORECASE)


def the_chats_answer(text: str) -> str:
    """The reply with a pasted chat read as its answer (set first); as it was otherwise."""
    if ":" not in text:
        return text
    messages = list(_MESSAGE.finditer(text))
    if len(messages) < _MESSAGES_IN_A_CHAT:
        return text
    said = [message["said"].strip() for message in messages]
    answers = [line for line in said if not line.endswith("?") and not _SAYS_NOTHING.fullmatch(
        line)]
    if not answers:
        return text
    answer = _ITS_OWN_WORDS.sub("", answers[-1], count=1)
    rest = _MESSAGE.sub("", text).strip()
    if _OPENS_WITH_A_DECISION.match(rest):
        return f"{rest}\n\n{answer}"  # "Offer - details from my RM below:" stays first
    return f"{answer}\n\n{rest}" if rest else answer


# Words before the answer in a chat that are not it: the manager's "Agree with Owen – decline,
# matching", "yes, offer at 4850 from Mon 14th" (round 44) say "decline, matching" and "offer
# at 4850 from Mon 14th".
_ITS_OWN_WORDS = re.compile(
    r"^[ \t]*(?:(?:i[ \t]+)?agreed?(?:[ \t]+with[ \t]+[A-Z][\w'’-]{0,30})?[ \t]*[,:\-\u2013\u2014]"
    r"|yes(?:[ \t]*[,!.:\-\u2013\u2014])?)[ \t]*"
    r"(?=(?:offer|decline|declined|declining|interested)\b)", re.IGNORECASE)
_OPENS_WITH_A_DECISION = re.compile(r"\s*(?:offer|decline|declined|declining|interested|"
                                    r"not\s+interested)\b", re.IGNORECASE)

"""What an unread reply from the chosen home looks like, for the words the council's people
are told it in (social_worker/chosen_reply_unread).

A reply during the fee negotiation that is neither an answer on the fee nor a decision is
passed on, and nothing is agreed until the home answers plainly. How alarming the email is
follows what the reply looks like:

    "ok fine", "Fine", "sounds good", "yes ok thanks"   → assent: probably agreeing, but not
    "Agreed at £4,500 from 21/12", "we accept, but…"      plainly
    "Sorry, we can no longer …", "not at that fee",     → refusal: it may be saying it can no
    "we'll have to think again", "unable"                 longer offer the placement; unless it
                                                          puts its own fee forward ("we can't
                                                          go down to £4,500. Our best is £4,700")
    anything else ("our manager will come back to you")  → neither
"""

from __future__ import annotations

import re

from workflows.passed_on import own_words

ASSENT, REFUSAL, NEITHER = "assent", "refusal", ""

# Words that say yes without saying "Agreed": one of them, with only courtesy words around it.
_YES = frozenset({"ok", "okay", "k", "fine", "good", "great", "yes", "yep", "yeah", "alright",
                  "perfect", "lovely", "sure", "works", "happy", "brilliant", "excellent",
                  "super", "cool", "ahead", "accepted"})
_COURTESY = frozenset({"that", "that's", "thats", "sounds", "all", "right", "for", "us", "me",
                       "with", "it", "is", "we", "we're", "are", "go", "thanks", "thank",
                       "you", "many", "cheers", "ta", "then", "by", "very", "so", "and", "oh",
                       "hi", "hello", "much", "the", "fee", "this", "a", "to", "be", "will",
                       "do", "kind", "regards", "best", "wishes", "x"})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
# Words that look like a no: "sorry", "can't", "no longer", "unable", "withdraw", "think again".
_NO = re.compile(r"(?i)\b(?:no|not|nope|never|sorry|unfortunately|sadly|afraid|cannot|can['’]?t|"
                 r"won['’]?t|couldn['’]?t|unable|longer|withdraw\w*|declin\w*|refus\w*|"
                 r"reject\w*|pull\w*\s+out|think\s+again|too\s+low|doesn['’]?t\s+work)\b")


# Words that say it agrees or accepts, whatever else the reply says: "Agreed at £4,500 from
# 21/12", "we accept £4,500", "£4,500 it is" (not "agreed with our director that …").
_AGREES = re.compile(r"(?i)\b(?:agreed?\b(?!\s+with\b)|accept(?:ed)?\b|\d\s+it\s+is\b)")
# Words that put the home's own fee forward, which is no refusal: "Our best is £4,700".
_OWN_FEE = re.compile(r"(?i)\b(?:(?:our|my)\s+(?:very\s+)?(?:best|lowest|final)\b|"
                      r"(?:could|can)\s+(?:do|meet\s+you\s+at|go\s+to|come\s+down\s+to))"
                      r"[^£.?!\n]{0,30}£\s?\d")


def says_no(text: str) -> bool:
    """Whether the words look like a no ("sorry", "can't", "no longer", "unable")."""
    return bool(_NO.search(text))


def reply_looks(body_text: str) -> str:
    """ASSENT, REFUSAL or NEITHER, from the reply's own words (its signature left out)."""
    text = own_words(body_text)
    words = [word.lower().replace("’", "'") for word in _WORD.findall(text)]
    if says_no(text):
        return NEITHER if _OWN_FEE.search(text) else REFUSAL
    if words and any(word in _YES for word in words) and all(
            word in _YES or word in _COURTESY for word in words) or _AGREES.search(text):
        return ASSENT
    return NEITHER

"""Which of the things a reply's prose says decides what it means.

A provider's prose often says more than one thing: "We can offer a place at £4,400 a week
from the 14th. We cannot support family time at weekends" is an offer with a caveat, and
"Although we'd like to offer, we don't have a vacancy" is a decline. Each phrase of the
response form's prose rules found in the reply is a statement; these named rules choose the
one that decides:

- A statement that is denied does not count: "not really interested", "we don't currently
  have a vacancy" (a positive phrase with a negative or a concession just before it), and
  "no reason we couldn't meet her needs" (a negative phrase with a doubt before it).
- Said alone, positives and negatives each mean what the first rule in the form's order
  says (declines before the offers they contain, as the configuration explains).
- Said together, a decline in so many words ("we are declining", "we must decline")
  decides, whatever bed or fee the reply also mentions, unless it also makes an offer
  outright (another of the provider's homes declining). Otherwise a stated fee or start date
  makes the positive decide: a provider names a price and a date only for a place it means
  to give; but not a wish in so many words ("we'd love to offer, but …"), whereas a caveat
  stands ("interested, but we can't start on the 1st"). Without a fee or date, the first
  said decides, and no positive the rest of its sentence takes back counts, nor interest in
  other children ("always interested in future referrals").
- What follows "but" is the answer: a negative that a "but" and a positive follow in its
  sentence was about one part ("no vacancy for long-term, but could offer respite").
- A bare yes (a vacancy, needs that can be met) is no answer against a no: "yes we have a
  vacancy, no we can't meet the CSE risk" is a decline.
- An offer taken back ("scratch that", "please ignore the above", "sorry, I mean we can't",
  in its sentence or a later one, a P.S. that declines or withdraws, or "sorry – the bed's
  gone"), made for another
  child ("your other referral", "for her younger brother") or by another home ("but our
  sister home can offer"), or only once something has happened ("once we've seen the EHCP",
  "before we could offer") does not count; nor does one there is "nothing" of. An offer
  held until the home has met her, or until a visit goes well ("we can't offer until we've
  met her, but could offer £4,900 pw from 14/12 if that goes well", "could take both of them,
  but they'd like to meet them first", "Conditional offer - subject to the RM meeting her
  first"), is interest.
- A withdrawal that is denied or only feared does not count: "we're not withdrawing our
  offer", "no need for us to withdraw", "we'd hate to have to withdraw".
- What a reply only asks says nothing: "Is Leeds too far?", "Are you able to offer 1:1
  funding?", and the end of "We can offer from Monday, would that suit?"; but "Can we have
  a chat before we commit?" is interest.
- Nor does one said of a day ("we can't manage the 7th. Could you do the 21st instead?").
- A refusal in two words whose clause ends there ("Sorry, we can't – our only bed went on
  Friday") is a decline, unless it answers a question just asked or a "but" follows it.
- A negative that is only supposed does not count either: one that opens with a condition
  or follows "otherwise" ("if she is still missing nightly we cannot meet her needs"), one
  a condition follows ("we can't meet her needs unless 1:1 is funded"), and one the reply
  has moved on from ("we initially felt we couldn't meet her needs, but …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from broker.forms.prose import asks
from broker.forms.spec import FormSpec, ProseRule
from broker.forms.the_child import as_her
from broker.forms.words import normalise_words

__all__ = ["deciding_statement", "denies_positive", "meaning", "taken_back"]

POSITIVE = frozenset({"offer", "interested", "yes"})
_MAX_CHARS = 50_000
_WORDS_BEFORE = 5  # how far back a negative or a concession still governs a phrase
_BEFORE_CHARS = 200  # what is read before a phrase (its clause's last 120 at most)
# Before a positive phrase, these deny it or make it a concession ("although we'd like to").
_DENIES_POSITIVE = re.compile(
    r"\b(?:not|never|nor|unable|although|though|while|whilst|if|unless|wish|sadly|"
    r"unfortunately|regret|whether|before|nothing|none|neither)\b|\bno longer\b"
    r"|\b(?:would|could|can|will|do|are)\s+you\b")  # a question, "?" or not
# "Not a problem, we can offer": a negative word that denies nothing.
# Nor does a condition on the child's side: "if she can wait, the bed is hers", or on the
# council's answer to a question: "Would she be OK sharing …? If yes, we'd offer at £4,750",
# "… would that work? If so, offer at £4,850 pw from 21/12".
_NOT_A_DENIAL = re.compile(r"\b(?:not a problem|no problem|not an issue|no issues?|if yes|if so)\b"
                           r"|\bif (?:she|he|they|you|that|this|it|thats|its) "
                           r"(?:can |could |is |are |still )?"
                           r"(?:wait|works?|suits?|helps?|happy|ok|okay|agrees?|agreeable"
                           r"|acceptable)\b"
                           # nor what the child is not: "but as she isn't, we're interested"
                           r"|\b(?:as|since|because) (?:she|he|they) (?:is|are|does|do|has|have)"
                           r" not\b")
# Before a negative phrase, these doubt it: "no reason we couldn't meet her needs"; or make it
# what was weighed: "we have considered the risk to the other young people here and can offer".
_DOUBTS_NEGATIVE = re.compile(
    r"\bnot about\b|\brather than\b|\binstead of\b|"  # "location rather than no vacancy"
    r"\bno reason\b|\bdo not see why\b|\bcan not see why\b|\bnothing to suggest\b|"
    r"\bno concerns?\b|\bno doubt\b|\b(?:initially|originally|at first|otherwise)\b"
    r"|\b(?:considered|assessed|weighed|looked at|thought about)"
    r"(?: the| any| all)?\s*$")
# After a positive, what undoes it: "our offer is withdrawn", "the place is no longer there".
_UNDONE_AFTER = re.compile(
    r"^\s+(?:(?:now|hereby|being|been|has|have|is|are|was)\s+)*(?:withdrawn|rescinded|"
    r"retracted|cancell?ed|canceled|revoked|off\s+the\s+table|no\s+longer"
    r"|off(?!\s+(?:site|peak|framework|the\s+charts|the\s+scale)))\b")  # "our offer is off"
# "I am not able to offer a response until then": no answer yet, not a decline.
_NO_ANSWER_YET_AFTER = re.compile(r"^\s+(?:you\s+)?(?:a|an|any)?\s*(?:response|reply|answer)\b")
# Just before a negative, a "not" that denies it: "not too far", "not because of the distance".
# ("Matching, not no vacancy" corrects the reason; the decline stands: a phrase that is itself
# a negative, "no vacancy", is never denied so.)
_NOT_JUST_BEFORE = re.compile(r"\b(?:not|never|nt)(?:\s+(?:because\s+of|due\s+to|about))?\s*$")
# Just before a vacancy, a guess at one: "we may have a bed from 11th January", "we may be
# able to offer from 21/12 - I'll confirm on Friday" (asked, not yet an answer).
_MAYBE_JUST_BEFORE = re.compile(
    r"\b(?:(?:may|might|could)(?:\s+(?:still|also|possibly|potentially|soon|well))?(?:\s+be)?"
    r"|possibly|potentially|hopefully|(?:hoping|hope|expect|expecting|likely)\s+to)\s*$")
# Just before any positive, an ability only guessed at: "We may be able to offer subject to our
# impact risk assessment" (the "offer subject to" a guess too, not a conditional offer).
_MAYBE_ABLE_JUST_BEFORE = re.compile(
    r"\b(?:may|might)(?:\s+(?:still|also|possibly|potentially|well))?\s+be\s+able\s+to\s*$")
# Just before a request for the papers, the asking: "could you send the full referral and the
# most recent risk assessment please?" asks for what interest asks for, and is interest.
_ASKED_TO_SEND = re.compile(r"\b(?:could|can|would|will)\s+you\s+(?:please\s+|kindly\s+|"
                            r"possibly\s+|also\s+)?$")
# Just before an offer, a guess at it: "We think we could probably offer her a place …".
# Or a degree of certainty short of it: "80% sure we can offer from the 14th – I'll confirm
# tomorrow", "fairly sure we could offer".
_PROBABLY_JUST_BEFORE = re.compile(
    r"\b(?:probably|possibly|maybe|perhaps|(?:(?:\d{1,2}|pretty|fairly|reasonably|almost|nearly)"
    r"\s+(?:per\s?cent\s+)?sure)(?:\s+(?:that\s+)?(?:we|i)(?:\s+(?:can|could))?)?)"
    r"\s*$")
# Just before an offer that could be made, a belief in it: "Subject to the full papers we think
# we could offer" (a guess is no offer).
# Just before a vacancy, an expectation of it: "we're full at the minute but should have a bed
# from 11/01" (a full home's future bed is no offer yet: asked).
_SHOULD_JUST_BEFORE = re.compile(r"\bshould(?:\s+(?:still|also|soon))?\s*$")
_THINK_JUST_BEFORE = re.compile(r"\b(?:think|believe|reckon)(?:\s+that)?(?:\s+(?:we|i))?\s*$")
_COULD = re.compile(r"\b(?:could|would|wed)\b")
# Before a withdrawal, these deny it, doubt it or make it a fear: "we're not withdrawing our
# offer", "no plans to withdraw", "we may need to withdraw if …". ("Sadly" does not.)
_DENIES_WITHDRAWAL = re.compile(
    r"\b(?:not|never|no need|hate|if|unless|rather|avoid|without|no plans?|no intention|"
    r"no reason|unlikely|may|might|possibly|perhaps)\b")
# After a negative phrase, a condition: "we can't meet her needs unless 1:1 is funded".
_CONDITION_AFTER = re.compile(r"^(?:\s+\w+){0,4}?\s+(?:unless|if)\b")
# A day that cannot be managed, not the child: "We can't manage the 7th. Could you do the
# 21st instead?" (a start the home cannot make is no refusal).
_MANAGED = re.compile(r"\b(?:manage|do|make)$")
_ONLY_A_DAY_AFTER = re.compile(
    r"^\s+(?:on\s+|for\s+|from\s+)?(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}\s\d{1,2}\b"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:that|this|the)\s+(?:date|day|start)\b)")
# After a plain "can't offer", something it waits for: "not able to offer until we've met
# her" (a time, "until January", is still a no for now).
_UNTIL_AFTER = re.compile(
    r"^\s+(?:until|till|before)\s+(?:(?:we|weve|wed|she|shes|he|hes|they|theyve|you|youve|i|ive)"
    r"\b|(?:\w+\s+){1,4}?(?:has|have|had|is|are|confirms?|agrees?|approves?|meets?|sends?|sent|"
    r"receives?|visits?)\b)")
# But admissions held until the home's own change is a no for now: "I won't admit until
# they're replaced", "our RI has paused admissions until the new RM is in post" (not "can't
# admit until we've met her", which waits on the child).
_ADMISSIONS = re.compile(r"\badmi(?:t|ts|tting|ssions?)\b")
_UNTIL_THE_CHILD = re.compile(
    r"^\s+(?:until|till|before)\s+(?:we|weve|wed|she|shes|he|hes|you|youve|i|ive)\b")
# A clause that opens with "once" offers nothing yet: "once we've seen the EHCP we could offer".
_ONCE = re.compile(r"\s*once\b(?!\s+again)")
# Around a positive phrase, words that say it is for another child: "we can offer for the boy
# (your other referral)", "re the young man referred last week, we can offer" (but "we have
# another referral for the bed" is competition for this child's place).
_ANOTHER_CHILD = re.compile(
    r"\b(?:your|the|an|that)\s+other\s+(?:referral|child|young person|boy|girl)\b"
    r"|(?<!have\s)(?<!got\s)(?<!had\s)\b(?:another|previous|separate|earlier)\s+referral\b"
    r"(?!\s+for\s+(?:the|this|our|that)\s+(?:bed|place|vacancy|room))"
    r"|\breferred\s+(?:last|earlier|previously|yesterday)\b"
    r"|\bfor\s+(?:her|his|their)\s+(?:(?:younger|older|little|big|baby)\s+)?(?:brother|sister)\b"
    r"|\breferral\s+for\s+the\s+(?:\d+\s+year\s+old\s+)?(?:boy|girl|young\s+(?:man|lady|person))\b")
# An offer for one child of the group referred, not the group: "For the older girl we could
# offer from 14/12, but we can't take her brother", "we can offer for the younger boy only"
# (but "for the older girl and her brother", or an offer of both, is the group's).
_ONE_OF_THE_GROUP = re.compile(
    r"\bfor\s+(?:the\s+)?(?:older|oldest|elder|eldest|younger|youngest|middle)\s+"
    r"(?:girl|boy|child|one|sibling|sister|brother)\b(?!\s+(?:and|as\s+well)\b)")
# Or straight after the offer: "We can offer the older girl a place from 14/12, but …".
_ONE_OF_THE_GROUP_OFFERED = re.compile(
    r"^\s+(?:(?:a\s+)?(?:place|bed|home)\s+(?:to|for)\s+)?(?:the|your)\s+(?:older|oldest|elder|"
    r"eldest|younger|youngest|middle)\s+(?:girl|boy|child|one|sibling|sister|brother)\b"
    r"(?!\s+(?:and|as\s+well)\b)")
# An offer of something other than a place: "We'd like to offer a visit to the home", "Happy
# to offer an initial meeting with the SW".
_NOT_A_PLACE_OFFERED = re.compile(
    r"^\s+(?:(?:her|him|them|you|the\s+sw|the\s+social\s+worker)\s+)?(?:a|an)\s+(?:\w+\s+){0,2}?"
    r"(?:visit|meeting|call|chat|discussion|tour|conversation|viewing|consultation)\b"
    # or a service for her that is no bed: "We can offer her therapy sessions twice a week"
    r"|^\s+(?:her|him|them)\s+(?:\w+\s+)?(?:therapy|therapeutic|counselling|tuition|mentoring|"
    r"sessions|outreach)\b")
_THE_GROUP = re.compile(r"\b(?:both|all\s+(?:two|three|four|of\s+them)|together)\b")
_GROUP_REACH = 60
# Another of the provider's homes, named as the one that offers: "we're full, but our sister
# home can offer", "Rosewood Lodge, our other home, could offer", "(also one of ours) can
# offer", "our colleagues at Rosewood Lodge can offer", "a different home in our group"; or
# after the offer, "we could offer her a place at our sister home" (that home answers on
# its own thread).
_HOMES = r"(?:homes?|houses?|services?|provisions?|settings?)"
_ANOTHER_HOME = re.compile(
    rf"\b(?:(?:sister|other|partner|neighbouring|different)\s+{_HOMES}"
    r"|sister\s+(?:\w+\s+)?(?:agency|agencies|company|organisation)"  # "sister fostering agency"
    rf"|another\s+(?:of\s+our\s+)?{_HOMES}|one\s+of\s+our\s+(?:other\s+)?{_HOMES}"
    rf"|one\s+of\s+ours|colleagues\s+at)\b")
# Before the mention, words that make it no subject: "like our sister home, we can offer",
# "having checked with our other homes", "the manager of our sister home"; between it and the
# offer, a subject of our own: "… our other homes, we can offer".
_NOT_ITS_SUBJECT = re.compile(
    r"\b(?:like|unlike|with|to|of|than|as|from|about|for)\s+(?:\w+\s+)?$")
_OUR_SUBJECT = re.compile(r"\b(?:we|i|were|weve|wed|well|ive|id|im|here)\b")
_AT_ANOTHER_HOME = re.compile(rf"^(?:\s+\w+){{0,6}}?\s+(?:at|in)\s+(?:our\s+)?"
                              rf"(?:sister|other|partner|different)\s+{_HOMES}\b")
# A place of another kind than the one referred for, in the provider's school: "our school
# could offer her a day place (39 weeks)" is not a home for her.
_A_PLACE_OF_ANOTHER_KIND = re.compile(r"^(?:\s+\w+){0,3}?\s+(?:a|an)\s+(?:day|school|"
                                      r"education|educational)\s+(?:school\s+)?place(?:ment)?\b")
_GAP_WORDS = 6  # "a different home in our group Rosewood Lodge can offer"
# Another kind of service of the provider's, and its people copied in to answer for it.
_OUR_OTHER_KIND = re.compile(r"\bour\s+(?:fostering|residential|semi\s+independent|supported\s+"
                             r"(?:accommodation|lodgings)|leaving\s+care)\s+(?:service|arm|agency|"
                             r"team|side|provision|colleagues)\b")
_COPIED_IN = re.compile(r"\b(?:copied|cced|ccd|copying)\b")
# A negative another email said, reported: "please ignore my earlier email saying we're full".
_REPORTED = re.compile(r"\b(?:e ?mail|message|reply)\s+(?:saying|that\s+said|which\s+said)\b")
# A positive another email said, set aside: "Please disregard my earlier reply saying we were
# interested - … we're declining" (what it said is no answer now).
_SET_ASIDE = re.compile(r"\b(?:disregard|ignore)\s+(?:my|our)\s+(?:\w+\s+){0,2}?(?:e ?mail|message"
                        r"|reply)\s+(?:saying|that\s+said|which\s+said)\b")
# An offer taken back in a later sentence: what came before the retraction says nothing.
_RETRACTED = re.compile(
    r"\b(?:scratch that|ignore (?:that|this|the above|my (?:last|previous|earlier)"
    r"(?! (?:e ?mail|message|reply)))"  # "ignore my earlier email": another email, not this
    r"|disregard (?:that|the above|my (?:last|previous|earlier)(?! (?:e ?mail|message|reply)))"
    r"|actually no(?! (?:problem|worries|issue|bother|doubt|trouble)s?\b)"
    r"|strike that|forget that|scrap that|ignore me"
    r"|sorry i mean|sorry i meant|i mean we|i meant we)\b")
# After a negative phrase, "but" and then a positive: the negative was about one part ("we
# don't have a vacancy for long-term, but could offer respite").
_BUT = re.compile(r"\bbut\b")
# After "but", another day offered in few words: "(we can no longer offer the 14th) but can
# from the 21st", "but could do Monday", "but from 21/12/2026 is fine": the place is offered,
# from another day; the negative before was about the day only.
_ANOTHER_DAY_WILL_DO = re.compile(
    r"\s*(?:we\s+)?(?:can|could)\s+(?:do\s+|manage\s+|take\s+her\s+)?(?:from|on)?\s*"
    r"(?:the\s+)?(?:\d|mon|tue|wed|thu|fri|sat|sun|next|tomorrow)"
    r"|\s*(?:from|on)\s+[^.!?\n]{1,30}?\s+(?:is|would\s+be)\s+(?:fine|ok|okay|good|possible)\b",
    re.IGNORECASE)
# After a positive phrase, a time still to come: "we could offer once she moves on".
_ONCE_AFTER = re.compile(r"^(?:\s+\w+){0,2}?\s+(?:once|when)\b")
# After "interested": interest in other children, not this one.
_GENERAL_INTEREST = re.compile(r"^\s+in\s+(?:hearing|receiving|future|other|more)\b")
_DECLINED = re.compile(r"\bdeclin")  # "we are declining", "we must decline"
_OTHER_REFERRALS = re.compile(r"^\s+(?:all\s+)?(?:other|others|further|future|new|any other)\b")
_LONGING = re.compile(r"\b(?:love|like|wish|keen|hope)\b")
# A no said to be another referral's, straight after it (round 59): "Not this one – that was the
# other referral we turned down. Happy to confirm this one": no decline of this one.
_THE_OTHER_REFERRALS_NEXT = re.compile(
    r"\s*(?:that|it|this|which|the\s+decline|our\s+decline|the\s+no)\s+(?:was|is|were|s)\s+"
    r"(?:(?:about|for|on|re|regarding)\s+)?(?:the|your|that|an|a)\s+(?:other|different|"
    r"separate|previous|earlier)\s+(?:referral|child|young\s+person|one|boy|girl|email)\b")
# Something of the home's other than the home itself, said to be full (round 62 x07): "our
# school is full until Easter", "the classroom is full", "our minibus is full", "our panel
# diary is full until January" say nothing of a bed, so no decline. ("Year group" and "class"
# are a school place's own words and stay a decline.)
_ANOTHER_THING_FULL = re.compile(
    r"\b(?:our|the|their|its|his|her|on\s?site)\s+(?:\w+\s+){0,2}?(?:schools?|classrooms?|"
    r"education(?:al)?(?:\s+(?:provision|unit|base|service|side))?|college|nursery|"
    r"mini\s?bus(?:es)?|bus|cars?|vehicles?|vans?|transport|diary|diaries|calendar|timetable|"
    r"caseloads?|panels?|training|respite(?:\s+(?:unit|service|provision|beds?))?|"
    r"day\s+(?:service|provision|centre))\s+"
    r"(?:(?:is|are|s|was|were|will|be|been|has|have|currently|now|already|still|pretty|"
    r"completely|totally|quite|also|both|all|absolutely|fully)\s+){0,3}?"
    r"(?:full|fully\s+booked|booked\s+up|at\s+capacity|oversubscribed)\b")
# A clause that opens with a condition states none: "if she is still going missing nightly we
# cannot meet her needs - how often is she missing now?" is a question, not a decline.
_CONDITION = re.compile(r"\s*(?:if|unless|provided|should)\b")
# A dash ends a clause, unless what follows takes back what came before ("we'd be delighted
# to offer - however …"), after an aside of figures ("we'd love to offer - £4,900 pw from
# 14/12 - however …").
_TAKING_BACK = r"(?i:but|however|sorry|though|although|unfortunately|sadly)\b"
_SENTENCE = re.compile(rf"[.!?;\n]+|\s[-\u2013\u2014]+\s(?!{_TAKING_BACK}|"
                       rf"£?\d[^-\u2013\u2014\n]{{0,40}}\s[-\u2013\u2014]+\s{_TAKING_BACK})")
_WHOLE_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;\n]*|[.!?;\n]+")
_COMMA = re.compile(r",\s*")
_CLAUSE = re.compile(r"\b(?:but|however|and|so|then)\b")
# After a positive phrase, these make it a wish the rest of the sentence takes back.
_TAKEN_BACK = re.compile(r"^(?:\s+\w+){0,8}?\s+(?:but|however|unfortunately|sadly)\b")
# What a wish waits on: "… to offer, but we need to see her EHCP before we can confirm",
# "but before we can confirm we'll need to have read the full papers".
_AWAITS = re.compile(r"^(?:\s+\w+){0,8}?\s+(?:but|however)(?:\s+\w+){0,3}?\s+(?:(?:need|needs|"
                     r"have\s+to|must|require|requires)(?:\s+\w+){0,20}?\s+(?:first|before|"
                     r"confirm|see|meet|read|review|check|consult)|before\s+(?:we|i)\s+can)\b")
_AWAITED_CHARS = 240  # "…, however we need sight of her latest risk assessment and the most
# recent LAC review minutes …"
# Or said first: "We'll need to see her EHCP before we can confirm, but we'd like to offer",
# "We need sight of the EHCP first, but we'd love to offer".
_BEFORE_WE_CAN = (r"before\s+(?:we|i)\s+can\s+(?:\w+\s+)?(?:confirm|commit|agree|say|offer|accept"
                  r"|proceed|finali[sz]e|make)\b")
_NEED = r"\b(?:need|needs|have\s+to|must|require|requires)\b"
_AWAITED_FIRST = re.compile(
    rf"{_NEED}(?:\s+\w+){{0,25}}?\s+(?:{_BEFORE_WE_CAN}|first\b)"
    r"(?:\s+\w+){0,3}?\s+but(?:\s+\w+){0,3}\s*$")
# Or in a sentence of its own just before the one the wish opens (within its first few
# words): "Before we can confirm, we need to see her latest risk assessment. We'd like to
# offer …", "We need sight of the EHCP first. We'd love to offer though".
_OPENING_WORDS = 3
_AWAITED_BEFORE = re.compile(rf"{_NEED}(?:\s+\w+){{0,25}}?\s+(?:{_BEFORE_WE_CAN}|first\s*$)"
                             rf"|\b{_BEFORE_WE_CAN}(?:\s+\w+){{0,3}}?\s+{_NEED}")
# Or after the offer, on the papers: "she could move in from 21/12 if the papers are OK".
_ON_THE_PAPERS = re.compile(
    r"^(?:\s+\w+){0,8}?\s+(?:if|once|when|subject\s+to)\s+(?:\w+\s+){0,2}?(?:papers|paperwork|"
    r"referral\s+pack|chronology|reports?|risk\s+assessments?|ehcp)\b")
# Or once something has happened: "could offer £4,900 pw from 14/12 if that goes well", "if
# the visit goes well" (interest, the offer to follow).
_IF_IT_GOES_WELL = re.compile(
    r"^(?:\s+\w+){0,10}?\s+if\s+(?:that|it|this|all|everything|things|the\s+(?:visit|visits|"
    r"meeting|introductions?|transition|matching))\s+(?:goes|go|went)\s+(?:well|ok|okay)\b")
# Or held, in its clause, until the home has met her: "we can't offer until we've met her, but
# could offer …".
_HELD_UNTIL_WE_MEET = re.compile(
    r"\b(?:can\s+not|cannot|unable\s+to|not\s+able\s+to)\s+(?:offer|confirm|commit)\s+"
    r"(?:until|till|before)\s+(?:we|weve|wed|she|shes|you|youve|i|ive)\b")
# Or, after it, a meeting the home (or its carers) would have first: "Our carers could take both
# of them, but they'd like to meet them first before committing".
_MEETING_FIRST_AFTER = re.compile(
    r"^(?:\s+\w+){0,8}?\s+but(?:\s+\w+){0,3}?\s+(?:like|want|wants|need|needs|have)\s+to\s+"
    r"meet\s+(?:her|him|them|the\s+(?:children|child|girls?|boys?|siblings|young\s+people))"
    r"(?:\s+\w+){0,2}?\s+(?:first|before)\b")
# Or made only once someone there has met her: "Conditional offer - subject to the RM meeting
# her first", "we can offer once our manager has met him" (round 47).
_ONCE_MET_AFTER = re.compile(
    r"^(?:\s+\w+){0,3}?\s+(?:subject\s+to|once|after|when|if)\s+(?:\w+\s+){0,3}?"
    r"(?:meeting|meets|met|has\s+met|have\s+met)\s+(?:her|him|them)\b")
# A figure in words counts as one word there: "offer her a place from 14 12 at 4 900 pw, but".
_FIGURES = re.compile(r"\d+(?:\s+\d+)*")
# What may follow a refusal of the placement itself, to the end of its clause (normalised
# words): "… a bed for her at the moment im afraid", "… her needs", "… this one sorry"; a date,
# a figure or another thing ("the 7th", "transport to school") narrows it to that.
_NOTHING_NARROWER = re.compile(
    r"(?:\s*\b(?:a|any|the|this|that|her|him|them|his|their|for|to|at|on|in|with|us|you|sorry|"
    r"unfortunately|sadly|really|still|im|i|am|afraid|bed|beds|place|places|placement|vacancy|"
    r"vacancies|room|rooms|needs?|referral|one|young|person|people|child|girl|boy|time|moment|"
    r"present|now|currently|either|after|all|anymore|any|more|occasion|so|as|well|though|we|are|"
    r"is|here|right|point|stage|thanks|thank|x+)\b)*\s*$")


@dataclass(frozen=True)
class Statement:
    """One prose rule's phrase where the reply says it (`at`: its place in the words)."""

    rule: ProseRule
    at: int
    wish: bool = False  # a positive the rest of its sentence takes back
    declined: bool = False  # a decline in so many words, of this referral
    phrase: str = ""  # the words that said it (normalised)
    conceded: bool = False  # a negative a "but" and a positive follow in its sentence
    awaits: bool = False  # a wish that waits on something first ("but we need to see …"), or
    # an offer on the papers' condition ("… if the papers are OK")
    outright: bool = False  # a negative with nothing narrower after it in its clause ("sorry,
    # we can't offer", "unable to meet her needs"; not "can't offer the 7th" or "transport")
    pending: bool = False  # an offer once something has gone well ("… if that goes well")
    expected: bool = False  # a vacancy only expected ("we should have a bed from 11/01")
    another_day: bool = False  # a negative about the day only, another day offered after its
    # "but" ("we can no longer offer – but we could from 11/01/2027")

    @property
    def positive(self) -> bool:
        return self.rule.means in POSITIVE

    @property
    def longing(self) -> bool:
        """A wish in so many words ("we'd love to offer, but …"), not a caveat ("we're
        interested, but can't start on the 1st")."""
        return self.wish and bool(_LONGING.search(self.phrase))


# A decision still to come, after the papers the home would like to see: "we'd like to see
# the full papers before we confirm" (but an offer after "we need to see her EHCP before we
# can confirm" stands).
_DECIDES_LATER = re.compile(
    r"\b(?:like|want|wish)\s+to\s+(?:see|read|review)\b[^.;!?\n]{0,60}?\bbefore\s+(?:we|i)\s+"
    r"(?:can\s+)?(?:confirm|commit|decide|make\s+(?:a|our|the|any)\s+(?:final\s+)?decision)\b",
    re.IGNORECASE)


# A bed that may come free later: "One may become available after Christmas", "we might have a
# place opening in January".
_A_BED_TO_COME = re.compile(
    r"\b(?:may|might|should|could)\s+(?:well\s+|soon\s+|also\s+)?(?:become\s+(?:available|free|"
    r"vacant)|come\s+(?:up|free)|free\s+up|open\s+up)\b"
    r"|\b(?:may|might|should)\s+(?:well\s+|soon\s+)?have\s+(?:a|one|another)\s+(?:\w+\s+)?"
    r"(?:bed|place|vacancy|space|room|coming|opening)\b", re.IGNORECASE)


def _interest_in_a_bed_to_come(negatives: list[Statement], positives: list[Statement],
                               text: str) -> bool:
    """Whether a home with no bed now tells of one that may come and, after its no, says it is
    interested: "we don't have a bed at the moment. One may become available after Christmas –
    happy to discuss" is interest (but "not at the moment, but we may have a bed from 15/01" with
    no interest said stays a decline, as does a decline in so many words)."""
    if not negatives or any(s.declined or s.rule.decline_reason != "no-vacancy"
                            for s in negatives):
        return False
    last_no = max(s.at for s in negatives)
    return any(s.rule.means == "interested" and not s.wish and s.at > last_no
               for s in positives) and bool(_A_BED_TO_COME.search(text))


def deciding_statement(spec: FormSpec, text: str, *, has_place: bool) -> ProseRule | None:
    """The rule of the statement that decides what the prose means, or None."""
    every = statements(spec, text)
    said = [s for s in every if not s.conceded]
    positives = [s for s in said if s.positive]
    negatives = [s for s in said if not s.positive]
    if not positives and not negatives and any(s.another_day for s in every):
        # "we can no longer offer – but we could from 11/01/2027": an offer, from that day
        # (round 58), never the old offer kept nor a question only
        return _first_in_rule_order(said, spec, means="offer")
    if positives and all(s.expected for s in positives) and any(
            s.rule.decline_reason == "no-vacancy" for s in every):
        return None  # "full at the minute but should have a bed from 11/01": asked
    if positives and not negatives and _DECIDES_LATER.search(text):
        # "… we'd like to see the full papers before we confirm. … they could take her from
        # 11/12": interest, the offer to follow
        return _first_in_rule_order(said, spec, means="interested")
    if positives and not negatives and all(
            (s.longing or s.rule.means == "yes") and s.awaits for s in positives):
        # "We'd like to offer, but we need to see her EHCP first", "We have a vacancy, however
        # we'd need to see the full risk assessment … before we could offer": interest
        return _first_in_rule_order(said, spec, means="interested")
    if positives and not negatives and any(s.rule.means == "interested" for s in positives) \
            and all(s.awaits for s in positives if s.rule.means == "offer"):
        # "We're interested … she could move in from 21/12 if the papers are OK": interest
        return _first_in_rule_order(said, spec, means="interested")
    if positives and not negatives and any(s.pending for s in positives) and all(
            s.pending for s in positives if s.rule.means in ("offer", "yes")):
        # "We can't offer until we've met her, but could offer … if that goes well": interest
        return _first_in_rule_order(said, spec, means="interested")
    if not positives or not negatives:
        return _first_in_rule_order(said, spec)
    if _interest_in_a_bed_to_come(negatives, positives, text):
        return _first_in_rule_order(said, spec, means="interested")
    if _refused_after_the_offer(positives, negatives, has_place=has_place):
        return None  # "We can offer from the 14th. Sorry, we can't offer.": asked
    meant = [s for s in positives if not s.wish]
    if any(s.declined for s in negatives):  # an offer made outright still stands (another
        offers = [s for s in meant if s.rule.means == "offer"]  # home of theirs declining)
        return _first_in_rule_order(offers or negatives, spec)
    if has_place:
        kept = [s for s in positives if not s.longing]
        if _a_no_a_vacancy_does_not_answer(kept, negatives):
            kept = []
        return _first_in_rule_order(kept or negatives, spec)
    if all(s.rule.means == "yes" for s in meant):  # a vacancy, or needs met: no answer to a no
        return _first_in_rule_order(negatives, spec)
    return min(meant + negatives, key=lambda s: s.at).rule


def _a_no_a_vacancy_does_not_answer(yeses: list[Statement], noes: list[Statement]) -> bool:
    """A bed, or needs met, with a date ("a bed from the 4th") answers "no vacancy", and a
    plain no before it ("a no to the 1st, but yes to the 7th"); it does not answer a no that
    is about the child ("but we can't meet her needs", "too far from her family"), nor a
    plain no after it ("a bed from the 4th, but we are unable to offer")."""
    if not yeses or any(s.rule.means != "yes" for s in yeses):
        return False
    last_yes = max(s.at for s in yeses)
    return any(s.rule.decline_reason not in (None, "no-vacancy")
               or (s.rule.decline_reason is None and s.at > last_yes) for s in noes)


def says_both(spec: FormSpec, text: str) -> bool:
    """Whether the text offers and then refuses the placement itself, so that its decision
    is asked (see `_refused_after_the_offer`)."""
    said = [s for s in statements(spec, text) if not s.conceded]
    return _refused_after_the_offer([s for s in said if s.positive],
                                    [s for s in said if not s.positive], has_place=False)


def _refused_after_the_offer(positives: list[Statement], noes: list[Statement], *,
                             has_place: bool) -> bool:
    """Whether a refusal follows the reply's last offer or interest ("Yes to the 14th, but we
    can't offer a bed", "We could offer from the 14th but we're unable to meet her needs"):
    the reply takes back what it offered, or says both, and the decision is asked rather
    than read as an offer. "No vacancy" after a bed with a date is no refusal ("a bed from
    the 14th; no vacancy until then"), nor is a fee over the budget; a vacancy or needs met
    ("yes") are weighed against a no elsewhere, and a wish in so many words ("we'd love to
    offer, but …") is no offer; nor, without a fee or start, is one its sentence takes back
    ("delighted to offer - however … unable to proceed" is a decline)."""
    offers = [s for s in positives if s.rule.means != "yes" and not s.longing
              and (has_place or not s.wish)]
    if not offers:
        return False
    last_offer = max(s.at for s in offers)
    return any(s.at > last_offer and s.outright
               and s.rule.decline_reason not in ("no-vacancy", "price")
               for s in noes)


def first_reason(spec: FormSpec, text: str) -> str | None:
    """The decline reason the text states first ("declining due to distance - … could not
    support family time" is location)."""
    reasons = [s for s in statements(spec, text) if not s.conceded and s.rule.decline_reason]
    return min(reasons, key=lambda s: s.at).rule.decline_reason if reasons else None


def meaning(spec: FormSpec, text: str) -> ProseRule | None:
    """The first rule, in the form's order, that the text says without denying it."""
    return _first_in_rule_order([s for s in statements(spec, text) if not s.conceded], spec)


# A vacancy asked and answered as a form's line: "Vacancy? No", "Current vacancy: not at
# present", "Beds available - none", "Do you have a vacancy? No": read as "no vacancy".
_VACANCY_ANSWERED_NO = re.compile(
    r"(?im)^[ \t*>-]*(?:(?:(?:do|does)[ \t]+(?:you|the[ \t]+home)[ \t]+have|is[ \t]+there|"
    r"are[ \t]+there)[ \t]+(?:a[ \t]+|any[ \t]+)?|any[ \t]+)?"  # "Do you have a vacancy?"
    r"(?:current[ \t]+)?(?:vacanc(?:y|ies)|beds?(?:[ \t]+available)?|places?"
    r"(?:[ \t]+available)?|availability)(?:[ \t]*\(?y[ \t]*/[ \t]*n\)?)?"  # "Vacancy Y/N: N"
    r"[ \t]*[?:\-\u2013\u2014][ \t]*(?:no|n(?![\w/])|none|nil|0|not[ \t]+"
    r"(?:at[ \t]+present|currently|at[ \t]+the[ \t]+moment|now|at[ \t]+this[ \t]+time))\b"
    r"(?![ \t]*[,;]?[ \t]*(?:but|until|till|from|however)\b)")  # "not now, but from the 14th"


# None of the provider's homes or carers with a place, whatever is said between: "none of our
# homes in the region, including Greenacres, have a suitable vacancy at this time": read as
# "no vacancy".
_NONE_OF_OURS_HAS_ONE = re.compile(
    r"(?i)\bnone\s+of\s+(?:our|the)\s+(?:homes|houses|carers|services|schools)\b[^.;!?\n]{0,60}?"
    r"\b(?:have|has)(?:\s+got)?\s+(?:a\s+|any\s+)?(?:(?:suitable|current|free|spare)\s+)?"
    r"(?:vacanc(?:y|ies)|beds?|places?|spaces?|capacity)\b")


# Whether the home can meet the needs, asked and answered as a form's line: "Could meet
# needs: No", "Are you able to meet her needs? No": read as "cannot meet needs" (a "No" to
# our form's own "Can you meet needs?" is its decision, a decline whose reason is asked).
_NEEDS_ANSWERED_NO = re.compile(
    r"(?im)^[ \t*>-]*(?:(?:(?:are|is)[ \t]+(?:you|the[ \t]+home)[ \t]+)?able[ \t]+to[ \t]+"
    r"|(?:can|could)[ \t]+(?:we[ \t]+)?)?meet[ \t]+(?:(?:her|his|"
    r"their|the(?:[ \t]+child['’]s)?)[ \t]+)?needs(?:[ \t]*\(?y[ \t]*/[ \t]*n\)?)?[ \t]*"
    r"[?:\-\u2013\u2014][ \t]*(?:no\b|n(?![\w/]))")


# A registration for other children, said with "only" after them: "We're registered for ages
# 8–13 only", "registered for children aged 8 to 12 only", or its ages with "so no" (round 51:
# "our registration is 8-13, so no sorry"): read as "outside our registration".
_REGISTERED_FOR_OTHERS_ONLY = re.compile(
    r"\bregistered\s+for\s+(?:(?:ages?|children|young\s+people|under|over|boys|girls)\b|\d)"
    r"[^.;!?\n]{0,30}?\bonly\b"
    # round 52: "Our registration is for children aged 11-17 only"
    r"|\bregistration\s+is\s+(?:only\s+)?for\s+(?:(?:ages?|children|young\s+people|under|over"
    r"|boys|girls)\b|\d)[^.;!?\n]{0,30}?\bonly\b"
    r"|\bregistration\s+is\s+(?:for\s+)?(?:ages?\s+)?\d{1,2}\s*(?:-|–|to)\s*\d{1,2}\b"
    r"[^.;!?\n]{0,10}?\bso\s+(?:it['’]?s\s+a\s+)?no\b(?!\s+(?:problem|issue))", re.IGNORECASE)


# A risk to the children already living there, too great to take: "the risk to the two younger
# girls already living here would be too great": read as "matching concerns".
_TOO_RISKY_FOR_THOSE_HERE = re.compile(
    r"\brisks?\s+(?:to|for)\s+(?:the\s+|our\s+)?(?:\w+\s+){0,3}?(?:children|girls|boys|"
    r"young\s+people|residents|kids)\b[^.;!?\n]{0,40}?\b(?:too\s+(?:great|high|much)|"
    r"unmanageable|not\s+manageable)\b", re.IGNORECASE)
# The children the home does not take, said of the child's needs (round 54): "Sadly we don't
# take young people who go missing regularly", "We don't accept referrals for young people
# with a history of going missing", "we can't work with children who are sexually
# exploited": read as "cannot meet needs". (Not a child the home cannot take now: "we can't
# take young people until January" says nothing of her needs.)
_REFUSE = (r"(?:do\s*n['’]?o?t|does\s*n['’]?o?t|ca\s*n['’]?o?t|can\s+not|cannot|wo\s*n['’]?t|"
           r"will\s+not|would\s*n['’]?o?t|could\s*n['’]?o?t|are\s+not|are\s*n['’]t|are\s+unable\s+to|unable\s+to|"
           r"not\s+able\s+to|never)")
_NOT_THE_CHILDREN_WE_TAKE = re.compile(
    rf"\b{_REFUSE}\s+(?:be\s+able\s+to\s+)?(?:(?:currently|generally|usually|normally|"
    r"really|ever)\s+)?"
    r"(?:take|accept|admit|consider|work\s+with|care\s+for|look\s+after|support|place)\s+"
    r"(?:referrals\s+(?:for|of|about)\s+)?(?:any\s+)?(?:young\s+(?:people|persons?|women|men|"
    r"ladies)|children|kids|girls|boys|teenagers|teens|anyone|those|residents)\s+"
    r"(?:who|with|that|at\s+risk|involved|presenting|known)\b", re.IGNORECASE)
_THE_CHILDREN_WORDS = ("young", "child", "kids", "girls", "boys", "teen", "anyone", "those",
                       "residents")
# What follows such a policy and says it does not apply to this child, or not yet (round 55):
# "We don't take young people who are under 11, so she's fine on age", "… but as she isn't,
# we're interested", "Nothing in this referral suggests that", "… more than an hour from
# home, but SE15 is 40 minutes from us so that's fine"; a condition ("… unless there is a CAMHS
# plan in place", "… without a current missing-from-home protocol"), a question to the
# council ("could you tell us whether there are any CSE concerns?"), or interest or an offer
# said after it. The policy is then no decline: what else the reply says is its answer.
_NOT_OF_THIS_CHILD = re.compile(
    r"\b(?:so\s+(?:she|he|they|that|this)(?:['’]s|['’]re|\s+is|\s+are|\s+should\s+be)\s+"
    r"(?:fine|ok|okay|all\s+right|not\s+(?:an?\s+)?(?:issue|problem|concern))"
    r"|(?:as|since|because)\s+(?:she|he|they)\s+(?:(?:is|are|does|do|has|have)\s*n['’]?o?t|"
    r"(?:is|are|does|do|has|have)\s+not)\b"
    r"|nothing\s+(?:in\s+(?:the|this|her|his)\s+(?:\w+\s+)?)?(?:suggests|says|indicates|shows|"
    r"mentions|points)\b|that['’]?s\s+(?:fine|ok|okay|not\s+(?:an?\s+)?(?:issue|problem))"
    r"|does\s*n['’]?o?t\s+(?:apply|seem\s+to\s+apply)|unless|without|\?"
    r"|(?<!not\s)(?<!n['’]t\s)\b(?:interested|(?:like|love|happy|pleased|able)\s+to\s+offer"
    r"|(?:we|i)\s+(?:can|could)\s+offer))", re.IGNORECASE)
_POLICY_REACH = 300  # the characters after the policy read for what applies it or not


def _a_policy_for_her(match: re.Match[str]) -> str:
    """"Cannot meet needs" for a home's policy said of this child; the policy as a policy,
    without its refusal, when what follows it says it does not apply to her, or not yet."""
    after = match.string[match.end():match.end() + _POLICY_REACH]
    if not _NOT_OF_THIS_CHILD.search(after):
        return "cannot meet needs of young people"
    return f"as a policy, young people {match.group().split()[-1]}"  # its "can't take" unread
# A child the home says it cannot keep safe (round 54: "our home is in a rural spot and we
# can't keep her safe"): read as "cannot meet needs"; beside the children living there ("we
# can't keep her safe alongside the two girls we have now"), as "matching concerns" (a "not"
# just before "keep her safe alongside" had denied that phrase, as "not too far" is).
# Or a belief it could not (round 56): "we don't feel we could keep Maddie safe given the
# missing episodes" (the child by any name is "her" here: `as_her`), "we do not think we can
# keep her safe", "we don't believe we would be able to keep him safe".
_WE_DOUBT_WE_COULD = (r"do\s*n['’]?o?t\s+(?:really\s+)?(?:feel|think|believe)\s+"
                      r"(?:that\s+)?(?:we|i)\s+(?:could|can|would|will)")
_CANNOT_KEEP_HER_SAFE = re.compile(
    rf"\b(?:{_REFUSE}|{_WE_DOUBT_WE_COULD})\s+(?:be\s+able\s+to\s+)?keep\s+(?:her|him|them)"
    r"\s+(?:safe|safely)\b"
    r"(?P<others>\s+(?:alongside|around|among|with\s+(?:the|our)\s+(?:other|current|\w+\s+)?"
    r"(?:others|girls|boys|lads|young\s+people|children|kids|residents|group)))?",
    re.IGNORECASE)


def _not_safe(match: re.Match[str]) -> str:
    return f"matching concerns{match['others']}" if match["others"] else "cannot meet her needs"


# A pass said alone at a sentence's end: "Thank you, we'll pass." (but not "we'll pass the
# papers to our manager"): read as "we decline".
_WE_PASS = re.compile(r"\bwe(?:['’]ll|\s+will|\s+shall)\s+(?:have\s+to\s+)?pass"
                      r"(?=\s*(?:[.!]|$|,?\s+(?:thanks|thank\s+you|sorry|i['’]m\s+afraid)\b))",
                      re.IGNORECASE)
# A no that takes back what came before, on reflection or on a manager's word: "P.S. Actually,
# on reflection, no – the bed has gone", "PPS Manager has just said no": read as "scratch
# that, we decline" (but not "no problem", nor "the manager said no to the 7th").
_SAID_NO_AFTER_ALL = re.compile(
    r"\b(?:(?:actually|on\s+reflection|on\s+second\s+thoughts?)[\s,]{1,3}){1,3}no\b"
    r"(?!\s+(?:problem|worries|issue|bother|doubt|trouble)s?\b)"
    r"|\b(?:manager|boss|director|panel|rm)\s+(?:has\s+|have\s+)?(?:just\s+)?said\s+no\b"
    r"(?!\s+(?:to|for)\b)", re.IGNORECASE)
# A postscript that declines or withdraws takes back the answer above it: "P.S. Just heard –
# the bed's been taken …, so sadly we'll have to decline" (read as "scratch that, …").
_POSTSCRIPT_DECLINES = re.compile(
    r"^[ \t*_]{0,3}p\.?[ \t]?p?\.?[ \t]?s\b\.?(?=[^\n]{0,200}?\b(?:declin|withdraw))",
    re.IGNORECASE | re.MULTILINE)
# A sorry for a bed gone since the offer above takes it back: "We can offer from 14/12. Sorry –
# the bed's gone, we have to decline" (read as "scratch that, the bed's gone …"), when it
# opens its sentence and the reply withdraws nothing ("Our offer no longer stands, sorry - the
# bed has gone" is a withdrawal).
_SORRY_THE_BED_HAS_GONE = re.compile(
    r"(?:^|(?<=[.!]))[ \t]{0,3}\bsorry[ \t]{0,2}[,\-\u2013\u2014:][ \t]{0,2}"
    r"(?=the[ \t]+(?:bed|place|vacancy|room)"
    r"(?:['’]s|[ \t]+has|[ \t]+is)[ \t]+(?:just[ \t]+|now[ \t]+|already[ \t]+)?(?:been[ \t]+)?"
    r"(?:gone|taken|filled)\b)",
    re.IGNORECASE)
# A bed already spoken for is no bed for this child (rule a-bed-spoken-for): "We have a vacancy
# but it's been earmarked for a young person already in our care", "our bed is already
# allocated to an internal move", "there's a place but it is reserved for a sibling" (round
# 65's d05) are read as "no vacancy, as it is earmarked …"; a bed kept for her ("reserved for
# her", "held for the young person") is still hers.
_A_BED_SPOKEN_FOR = re.compile(
    r"\b(?:(?:we|i)[ \t]+(?:do[ \t]+)?(?:have|['’]ve[ \t]+got|have[ \t]+got)|we['’]ve[ \t]+got|"
    r"there[ \t]+(?:is|['’]s)|there['’]s|(?:our|the|this|that)(?:[ \t]+only)?)[ \t]+"
    r"(?:(?:a|one|an|the)[ \t]+)?(?:[\w-]+[ \t]+)?(?:vacancy|bed|place|space|room)\b"
    r"[^.;!?\n]{0,40}?"
    r"(?:['’]s|[ \t]+(?:is|was|has|will[ \t]+be))[ \t]+(?:already[ \t]+|now[ \t]+|since[ \t]+)?"
    r"(?:been[ \t]+)?(?:already[ \t]+)?(?P<spoken>earmarked|reserved|allocated|promised|"
    r"spoken[ \t]+for|set[ \t]+aside)\b"
    r"(?![ \t]+(?:for|to)[ \t]+(?:her|him|them|you|your|this|the[ \t]+(?:child|young[ \t]+"
    r"person|girl|boy|referral|yp)|yp)\b)", re.IGNORECASE)
_SPOKEN_FOR_WORDS = ("earmarked", "reserved", "allocated", "promised", "spoken", "set aside")
# A chat asked for before the home commits is interest, though asked as a question: "Can we
# have a chat before we commit?" (read as "we would like to arrange a call before we commit.").
_A_CHAT_FIRST_ASKED = re.compile(
    r"\b(?:can|could)[ \t]+we[ \t]+(?:have|arrange|set[ \t]+up)[ \t]+a[ \t]+(?:quick[ \t]+)?"
    r"(?:chat|call|talk)[ \t]+before[ \t]+(?:we[ \t]+)?(?:commit|committing|confirm|confirming)"
    r"[ \t]*\?", re.IGNORECASE)
# "Actually" with a can't soon after takes back what came before, and what follows is read
# as said: "we can offer from the 14th – actually, having just checked with the RM, we can't
# until March" (read as "scratch that, … we can't until March").
_ACTUALLY_WE_CANT = re.compile(
    r"\bactually\b(?=(?:[\s,]{1,3}[\w'’]+){0,9}?[\s,]{1,3}we\s+(?:can['’]?t|cannot|can\s+not)"
    r"\b)", re.IGNORECASE)
# A sentence opening "Actually", "On reflection" or "On second thoughts" that goes on to decline
# changes the reply's mind, and its last word stands: "We can offer … from the 14th at £4,900pw.
# Actually – sorry – I've just spoken to the manager …, so I'm afraid we'll have to decline"
# (read as "scratch that, …"; round 53).
_CHANGED_MIND_TO_DECLINE = re.compile(
    r"(?:^|(?<=[.!?]))[ \t>*]{0,3}(?:actually|on[ \t]+reflection|on[ \t]+second[ \t]+thoughts?|"
    r"having[ \t]+reflected)\b(?=[^.!?\n]{0,200}?(?:\bdeclin|\bwithdraw|(?:can['’]?t|cannot|"
    r"can[ \t]+not|unable[ \t]+to|not[ \t]+(?:be[ \t]+)?able[ \t]+to|won['’]?t[ \t]+be[ \t]+able"
    r"[ \t]+to)[ \t]+(?:offer|take|proceed|meet|accept)\b))",
    re.IGNORECASE | re.MULTILINE)
# No offer until a day: "We can't offer until 4 January", "We would not be in a position to
# offer until the 21st" (but not "until we've met her"): read as "no vacancy until", a later
# start, not a decline.
_NO_OFFER_UNTIL_A_DAY = re.compile(
    r"\b(?:can['’]?t|cannot|can\s+not|unable\s+to|not\s+able\s+to|not\s+(?:be\s+)?(?:currently\s+)?"
    r"in\s+a\s+position\s+to(?=\s+(?:offer|take)\b))\s+(?:(?:offer|take)\s+(?:(?:her|him|them|"
    r"a\s+place|a\s+bed)\s+)?)?(?:until|till|before)\s+(?=(?:the\s+)?\d|(?:mon|tue|wed|thu|fri|sat|"
    r"sun)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|christmas|(?:the\s+)?new\s+year|next)"
    # or no place to offer until then: "we don't have one until 04/01/2027"
    r"|\b(?:don['’]?t|do\s+not|won['’]?t|will\s+not)\s+have\s+(?:one|a\s+bed|a\s+place|a\s+vacancy|"
    r"space|room|anything)(?:\s+(?:free|available))?\s+(?:until|till|before)\s+(?=(?:the\s+)?\d|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|next)",
    re.IGNORECASE)
# A refusal in two words, its clause ending there: "Sorry, we can't – our only bed went on
# Friday", "They can offer, we can't", "We can't, I'm afraid." (read as "we can not help", a
# decline whose reason is asked for or read from the rest); not "we can't make Tuesday", "we
# can't, but …", nor the answer to a question just asked ("Could you do the 7th? We can't.")
# or to a labelled line ("Smoking: we can't – it's a no-smoking home").
_A_PLAIN_REFUSAL = re.compile(
    r"(?P<lead>(?:^|[.!,;:\u2013\u2014-])[ \t]*(?:(?:sorry|no|so|unfortunately|sadly|"
    r"i['’]?m[ \t]+afraid)[ \t]*[,\u2013\u2014-]?[ \t]*)*)"
    r"(?P<we>we|i)[ \t]+(?:can['’]?t|cannot|can[ \t]+not)"
    r"(?=[ \t]*(?:(?:,[ \t]*)?(?:i['’]?m[ \t]+afraid|unfortunately|sadly|sorry))?"
    r"[ \t]*(?:[.;!\n\u2013\u2014-]|,(?![ \t]*but\b)|$))",
    re.IGNORECASE | re.MULTILINE)


# A label on its line before the refusal's colon: "Smoking: we can't – it's a no-smoking home"
# answers the label, not the referral; but not one about the place, the decision or the
# referral ("Vacancy: we can't", "Update: sorry, we can't", "Re Maddie: we can't").
_A_LABEL = re.compile(r"[ \t]*(?:[-*\u2022][ \t]*)?(?P<label>[A-Za-z][\w'’/&() -]{0,40}?)[ \t]*")
_ABOUT_THE_PLACE = re.compile(
    r"(?i)^(?:re|regarding|hi|hello|dear)\b|\b(?:vacanc\w*|beds?|places?|placements?|offer\w*|"
    r"decision|answer|response|reply|outcome|status|result|update|availab\w*|needs?|meet|"
    r"referral|summary|note|nb|ps|sorry|unfortunately|sadly)\b")


def _refused(match: re.Match[str]) -> str:
    before = match.string[:match.start()]
    asked_before = before.rstrip().endswith("?")
    label = (_A_LABEL.fullmatch(before[before.rfind("\n") + 1:])
             if match["lead"].startswith(":") else None)
    if asked_before or (label is not None and not _ABOUT_THE_PLACE.search(label["label"])):
        return match[0]  # "Could you do the 7th? We can't.", "Smoking: we can't"
    return f"{match['lead']}{match['we']} can not help"


# A fee set beside a lower budget, in either order: "budget is £5,000 but our fee would be
# £5,600", "our fee is £5,600 a week and your budget is £5,000": read as "above your budget".
_FIGURE = r"£?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d\d)?"
_A_BUDGET = rf"\b(?:(?:your|the)\s+)?budget\s+(?:is|was|of|being)\s+(?:only\s+)?{_FIGURE}"
_OUR_FEE = (rf"\b(?:our|the|my)\s+(?:weekly\s+)?(?:fee|rate|cost|price)s?\s+(?:is|are|was|"
            rf"would\s+be|will\s+be|of)\s+(?:around\s+|about\s+)?{_FIGURE}")
_FEE_BESIDE_BUDGET = re.compile(
    rf"(?i:{_A_BUDGET}[^.;!?\n]{{0,60}}?{_OUR_FEE}|{_OUR_FEE}[^.;!?\n]{{0,60}}?{_A_BUDGET})")


def _above_the_budget(match: re.Match[str]) -> str:
    budget, fee = (match[1], match[2]) if match[1] else (match[4], match[3])
    if int(fee.replace(",", "")) > int(budget.replace(",", "")):
        return "above your budget"
    return match.group()


def statements(spec: FormSpec, text: str) -> tuple[Statement, ...]:
    """Every rule's first undenied phrase in the text, sentence by sentence (a negative in
    one sentence, or before a "but", says nothing of the next). A reply's decision and its
    reason ask this of the same text: the last few answers are kept."""
    global _LAST_READ
    kept = _LAST_READ  # replaced whole, never changed: safe to read from any thread
    for kept_spec, kept_text, found in kept:
        if kept_spec is spec and kept_text == text:
            return found
    found = tuple(_statements(spec, text))
    _LAST_READ = ((spec, text, found), *kept[:_KEPT - 1])
    return found


_KEPT = 4
_LAST_READ: tuple[tuple[FormSpec, str, tuple[Statement, ...]], ...] = ()


def _statements(spec: FormSpec, text: str) -> list[Statement]:
    text = as_her(text)  # "take the young person", "take YP", "take Maddie": "take her"
    if "?" in text or ":" in text or "-" in text:
        text = _VACANCY_ANSWERED_NO.sub("No vacancy", text)
        text = _NEEDS_ANSWERED_NO.sub("Cannot meet needs", text)
    if "none" in text.lower():
        text = _NONE_OF_OURS_HAS_ONE.sub("no vacancy", text)
    if "registered" in text or "registration" in text:
        text = _REGISTERED_FOR_OTHERS_ONLY.sub("outside our registration", text)
    lowered = text.lower()
    if "safe" in lowered:
        text = _CANNOT_KEEP_HER_SAFE.sub(_not_safe, text)
    if any(who in lowered for who in _THE_CHILDREN_WORDS):
        text = _NOT_THE_CHILDREN_WE_TAKE.sub(_a_policy_for_her, text)
    if "risk" in lowered:
        text = _TOO_RISKY_FOR_THOSE_HERE.sub("matching concerns", text)
    if "pass" in lowered:
        text = _WE_PASS.sub("we decline", text)
    if ("reflection" in lowered or "second thought" in lowered or "said no" in lowered
            or "actually" in lowered):
        text = _SAID_NO_AFTER_ALL.sub("scratch that, we decline", text)
        text = _ACTUALLY_WE_CANT.sub("scratch that,", text)
        text = _CHANGED_MIND_TO_DECLINE.sub("scratch that,", text)
    if "declin" in lowered or "withdraw" in lowered:
        text = _POSTSCRIPT_DECLINES.sub("scratch that,", text)
    if "sorry" in lowered and "withdraw" not in lowered and "no longer" not in lowered:
        text = _SORRY_THE_BED_HAS_GONE.sub("scratch that, ", text)
    if "before" in lowered and "?" in text:
        text = _A_CHAT_FIRST_ASKED.sub("we would like to arrange a call before we commit.", text)
    if any(word in lowered for word in _SPOKEN_FOR_WORDS):
        text = _A_BED_SPOKEN_FOR.sub(r"no vacancy, as it is \g<spoken>", text)
    if "until" in lowered or "before" in lowered or "till" in lowered:
        text = _NO_OFFER_UNTIL_A_DAY.sub("no vacancy until ", text)
    if "budget" in lowered:
        text = _FEE_BESIDE_BUDGET.sub(_above_the_budget, text)
    if "can" in lowered:
        text = _A_PLAIN_REFUSAL.sub(_refused, text)
    found: dict[ProseRule, Statement] = {}
    wholes: dict[str, str] = {}  # each sentence normalised once, however many clauses it has
    told = [(normalise_words(piece), wholes.get(whole) or wholes.setdefault(
        whole, normalise_words(whole))) for piece, whole in _told(text[:_MAX_CHARS])]
    first, from_word = _after_the_last_retraction([words for words, _ in told])
    about_another_child: dict[str, bool] = {}  # once per sentence, not per clause
    groups: dict[str, bool] = {}  # likewise
    said_before = words = ""  # said_before: the last clause that said something before this
    for number, (clause, whole) in enumerate(told):
        if words.strip():
            said_before = words
        words = clause
        # the sentence and the next, where "I've copied them in" may follow an offer
        around = " ".join(dict.fromkeys(told_whole for _, told_whole in told[number:number + 3]))
        if number < first:
            continue
        another_child = about_another_child.get(whole)
        if another_child is None:
            another_child = about_another_child[whole] = _about_another_child(whole)
        for rule, pattern in zip(spec.prose_rules, spec.prose_patterns, strict=True):
            if rule in found or pattern is None:
                continue
            for match in pattern.finditer(words, from_word if number == first else 0):
                after = words[match.end():match.end() + 80]
                before = words[max(0, match.start() - _BEFORE_CHARS):match.start()]
                if _denied(rule, before, after, match.group()):
                    continue
                if rule.means in POSITIVE and (
                        another_child or _another_homes(before, after, around)
                        or (_one_of_the_group(before, after)
                            and not _offers_the_group(whole, groups))):
                    continue
                if rule.means == "offer" and _NOT_A_PLACE_OFFERED.match(after):
                    continue  # "happy to offer an initial meeting with the SW"
                if rule.means not in POSITIVE and _another_homes(f"{before}{match.group()}"):
                    continue  # "our sister home is full, so please consider us"
                if rule.means not in POSITIVE and _another_thing_full(before, match.group()):
                    continue  # "as our school is full until Easter": no bed said full
                if rule.means not in POSITIVE and _THE_OTHER_REFERRALS_NEXT.match(
                        _rest_of_the_sentence(whole, words, match.end())):
                    continue  # "Not this one – that was the other referral we turned down"
                awaited_first = rule.means in POSITIVE and bool(_AWAITED_FIRST.search(
                    words, max(0, match.start() - _AWAITED_CHARS), match.start()) or (
                    len(words[:match.start()].split()) <= _OPENING_WORDS
                    and _AWAITED_BEFORE.search(said_before)))
                wish = rule.means in POSITIVE and bool(
                    _TAKEN_BACK.match(_FIGURES.sub("0", after)) or _GENERAL_INTEREST.match(after)
                    or awaited_first)
                declined = rule.means == "decline" and bool(
                    _DECLINED.search(match.group())) and not _OTHER_REFERRALS.match(after)
                conceded = rule.means not in POSITIVE and _followed_by_a_yes(
                    spec, words[match.end():], around)
                rest = _FIGURES.sub("0", words[match.end():match.end() + _AWAITED_CHARS])
                awaits = awaited_first or (wish and bool(_AWAITS.match(rest))) or (
                    rule.means == "offer" and bool(_ON_THE_PAPERS.match(rest)))
                outright = rule.means not in POSITIVE and bool(
                    _NOTHING_NARROWER.match(words, match.end())) and not _ANOTHER_HOME.search(
                    words, 0, match.start())  # not "our other home … too far"
                pending = rule.means in ("offer", "yes") and bool(
                    _IF_IT_GOES_WELL.match(rest) or _MEETING_FIRST_AFTER.match(rest)
                    or _ONCE_MET_AFTER.match(_rest_of_the_sentence(whole, words, match.end()))
                    or _HELD_UNTIL_WE_MEET.search(words, 0, match.start()))
                expected = rule.means == "yes" and bool(_SHOULD_JUST_BEFORE.search(before))
                another_day = conceded and rule.decline_reason in (None, "no-vacancy") and (
                    _another_day_after(words[match.end():]))
                found[rule] = Statement(rule, number * _MAX_CHARS + match.start(), wish,
                                        declined, match.group(), conceded, awaits, outright,
                                        pending, expected, another_day)
                break
    return list(found.values())


def _rest_of_the_sentence(whole: str, clause: str, end: int) -> str:
    """What the whole sentence says after a phrase ending at `end` of its clause, across a
    dash ("Conditional offer - subject to the RM meeting her first")."""
    at = whole.find(clause)
    return (whole[at + end:] if at >= 0 else clause[end:])[:_AWAITED_CHARS]


def _another_day_after(rest: str) -> bool:
    """Whether the rest of a negative's sentence says "but" and offers another day in few
    words ("… but we could from 11/01/2027", "but can from the 21st")."""
    but = _BUT.search(rest)
    return but is not None and _ANOTHER_DAY_WILL_DO.match(rest, but.end()) is not None and (
        _A_MEETINGS_DAY.search(rest, but.end()) is None)


# A day for something before the move: "but could do Monday for a visit".
_A_MEETINGS_DAY = re.compile(r"\b(?:visits?|meet(?:ing)?s?|calls?|chats?|intro(?:duction)?s?|"
                             r"panel)\b", re.IGNORECASE)


def _followed_by_a_yes(spec: FormSpec, rest: str, sentence: str = "") -> bool:
    """Whether the rest of a negative's sentence says "but" and then something positive, not
    denied: "it's a no to the 1st, but yes to the 7th", "not interested in long-term, but we
    would be interested in an assessment". What follows "but" is the answer; a wish ("but
    we'd love to offer her a place in the new year") or interest in other children is not."""
    but = _BUT.search(rest)
    if but is None:
        return False
    after = rest[but.end():]
    if _ANOTHER_DAY_WILL_DO.match(after):  # "no longer offer the 14th but can from the 21st"
        return True
    for rule, pattern in zip(spec.prose_rules, spec.prose_patterns, strict=True):
        if rule.means in POSITIVE and pattern is not None:
            match = pattern.search(after)
            if match is not None and not (
                    denies_positive(after[:match.start()]) or _LONGING.search(after[:match.end()])
                    or (rule.means == "yes" and _MAYBE_JUST_BEFORE.search(after[:match.start()]))
                    or _GENERAL_INTEREST.match(after[match.end():])
                    or _ONCE_AFTER.match(after[match.end():]) or _ANOTHER_CHILD.search(after)
                    or _another_homes(after[:match.start()], after[match.end():], sentence)):
                return True
    return False


def _about_another_child(sentence: str) -> bool:
    """Whether the sentence is about a child other than the one (or group) referred; "for her
    brother" beside "both" or "together" is one of the group ("We can offer both from 14/12:
    £4,900 pw for the older girl and £4,600 pw for her brother")."""
    other = _ANOTHER_CHILD.search(sentence)
    return other is not None and not (other.group().startswith("for ")
                                      and _THE_GROUP.search(sentence))


def _one_of_the_group(before: str, after: str) -> bool:
    """Whether a positive phrase is for one child of the group referred, in its clause ("for
    the older girl we could offer", "we can offer for the younger boy")."""
    clause = _CLAUSE.split(before[-_GROUP_REACH:])[-1]
    return bool(_ONE_OF_THE_GROUP.search(clause) or _ONE_OF_THE_GROUP.search(
        after[:_GROUP_REACH]) or _ONE_OF_THE_GROUP_OFFERED.match(after[:_GROUP_REACH]))


def _offers_the_group(sentence: str, seen: dict[str, bool]) -> bool:
    """Whether the sentence speaks of the whole group ("both", "together"), read once."""
    if sentence not in seen:
        seen[sentence] = bool(_THE_GROUP.search(sentence))
    return seen[sentence]


def _another_homes(before: str, after: str = "", sentence: str = "") -> bool:
    """Whether the words around a positive phrase, in its clause, make it another home's:
    that home is named as the one that offers, or where the place is, or it is another kind
    of service of the provider's, copied in to answer ("but our fostering service could take
    her; I've copied them in"), or the place is another kind ("could offer her a day place")."""
    if _AT_ANOTHER_HOME.match(after) or _A_PLACE_OF_ANOTHER_KIND.match(after):
        return True
    clause = _CLAUSE.split(before[-120:])[-1]
    if _OUR_OTHER_KIND.search(clause) and _COPIED_IN.search(f"{after} {sentence}"):
        return True
    mentions = list(_ANOTHER_HOME.finditer(clause))
    mention = mentions[-1] if mentions else None  # the one nearest the offer
    if mention is None or _NOT_ITS_SUBJECT.search(clause, 0, mention.start()):
        return False
    gap = clause[mention.end():].split()
    return len(gap) <= _GAP_WORDS and not any(_OUR_SUBJECT.fullmatch(word) for word in gap)


def _another_thing_full(before: str, phrase: str) -> bool:
    """Whether a negative phrase says something of the home's other than its beds is full
    ("… as our school is full until Easter", "our minibus is full"): the fullness named
    reaches into the phrase, so the phrase is about that thing."""
    said = f"{before}{phrase}"
    return any(found.end() > len(before)
               for found in _ANOTHER_THING_FULL.finditer(said, max(0, len(before) - 80)))


def taken_back(text: str) -> str | None:
    """What a text says after its last "scratch that" or "sorry, I mean" (normalised words),
    or None when it takes nothing back."""
    words = normalise_words(text)
    retractions = list(_RETRACTED.finditer(words))
    return words[retractions[-1].end():] if retractions else None


def _after_the_last_retraction(pieces: list[str]) -> tuple[int, int]:
    """Where the reply's last "scratch that", "please ignore the above" or "sorry, I mean"
    ends (the piece, and the place in its words): what came before it was taken back."""
    where = (0, 0)
    for number, words in enumerate(pieces):
        for retraction in _RETRACTED.finditer(words):
            where = (number, retraction.end())
    return where


def _told(text: str) -> list[tuple[str, str]]:
    """The text's sentences and clauses less what they only ask: a sentence that asks with its
    first words ("Is Leeds too far?", "Are there really no vacancies?") says nothing, and one
    that ends in a question after a comma says only what comes before ("We can offer from
    Monday, would that suit?", "If we decline, which reason should we give - cannot meet
    needs?"). Each clause comes with its whole sentence."""
    told: list[tuple[str, str]] = []
    for sentence in _WHOLE_SENTENCE.findall(text):
        body = sentence.rstrip()
        if body.endswith("?"):
            if asks(body):
                continue
            question = next((m for m in reversed(list(_COMMA.finditer(body)))
                             if asks(body, m.end())), None)
            body = body[:question.start()] if question else body
        told.extend((piece, body) for piece in _SENTENCE.split(body))
    return told


def _denied(rule: ProseRule, before: str, after: str, phrase: str = "") -> bool:
    """Whether the words just before a phrase (in its clause) deny or doubt it, or, for a
    negative, a condition just after it makes it a supposition."""
    if rule.means not in POSITIVE and _NOT_JUST_BEFORE.search(before) and not (
            phrase.startswith("no ")):  # "matching, not no vacancy" corrects only the reason
        return True  # "we're not too far away", "not because of the distance"
    if rule.means in POSITIVE and phrase.startswith("send ") and (
            asked := _ASKED_TO_SEND.search(before)):
        before = before[:asked.start()]  # "could you send the full referral": no question
    if rule.means in POSITIVE:  # "we may be able to offer a place": a guess, as a vacancy is
        return denies_positive(before) or bool(_UNDONE_AFTER.match(after)) or bool(
            _SET_ASIDE.search(_CLAUSE.split(before[-120:])[-1])) or (
            (rule.means == "yes" or phrase.startswith("able to"))
            and bool(_MAYBE_JUST_BEFORE.search(before))) or bool(
            _MAYBE_ABLE_JUST_BEFORE.search(before[-40:])) or bool(
            _PROBABLY_JUST_BEFORE.search(before[-40:])) or bool(
            _THINK_JUST_BEFORE.search(before[-40:]) and _COULD.search(phrase))
    clause = _CLAUSE.split(before[-120:])[-1]
    near = " ".join(clause.split()[-_WORDS_BEFORE:])
    if rule.means == "withdrawn":
        return bool(_DENIES_WITHDRAWAL.search(near))
    return bool(_DOUBTS_NEGATIVE.search(near) or _CONDITION.match(clause)
                or _REPORTED.search(clause)  # "ignore my earlier email saying we're full"
                or _CONDITION_AFTER.match(after) or _NO_ANSWER_YET_AFTER.match(after)
                or (_MANAGED.search(phrase) is not None and _ONLY_A_DAY_AFTER.match(after))
                or (rule.decline_reason is None and _UNTIL_AFTER.match(after)
                    and (not _ADMISSIONS.search(phrase) or _UNTIL_THE_CHILD.match(after))))


def denies_positive(before: str) -> bool:
    """Whether the normalised words just before a positive phrase, in its clause, deny it
    or make it a concession: "we are not", "although we'd like to", "no longer"."""
    clause = _NOT_A_DENIAL.sub(" ", _CLAUSE.split(before[-120:])[-1])
    return bool(_DENIES_POSITIVE.search(" ".join(clause.split()[-_WORDS_BEFORE:]))
                or _ONCE.match(clause))


def _first_in_rule_order(said: list[Statement], spec: FormSpec,
                         means: str | None = None) -> ProseRule | None:
    """The first of the form's rules that a statement said; with `means`, the form's first
    rule of that meaning instead, when it has one."""
    rules = {s.rule for s in said}
    if means is not None and (rule := next(
            (rule for rule in spec.prose_rules if rule.means == means), None)):
        return rule
    return next((rule for rule in spec.prose_rules if rule in rules), None)

"""Where a name that is also an everyday word, written in lower case, is plainly the word.

A social worker typing fast writes "hope is 14", "her mum dawn", "YP rose has ADHD": a part of
the referral's names that is an everyday word ("Hope", "Dawn", "Rose", "Will") is a name in
lower case unless the words around it plainly make it the word. A leak is worse than an
over-removal, so the word stays only:
- as a modal or a verb: "he will", "will not", "will be", "may go", "will you", "we hope",
  "she can mark it", "to chase them" (`_a_verb_here`);
- as a noun after a determiner, an adjective or a number ("the hope", "no hope", "a rose
  bush", "false hope", "his will"), after an article and a noun ("a car jack"), before a year
  ("summer 2025"), before a thing's noun ("jasmine tea", "amber lights", "grace period"), or
  in a fixed phrase ("there is hope", "hope that", "said grace", "brings joy", "keeping
  faith", "faith in", "pounds sterling", "sterling work"): `_a_noun_here`,
  `_a_compound_here`;
- after a preposition only in a fixed phrase of a season's, a month's, a time's, a virtue's
  or a stuff's word ("in summer", "since may", "at dawn", "the crack of dawn", "tears of
  joy", "without hope", "with hope of", "in amber"): `_TIME_PHRASES`; not "out with grace",
  "stays with summer", "found her with ivy", "looked after summer";
- as a possessive only after a determiner or before a thing's noun ("the summer's end", "a
  summer's day"); "at dawn's flat", "in summer's car", "went to grace's" are names;
- as a verb after a noun subject, before an adverb or a determiner ("her anxiety rose
  sharply", "staff mark each incident"); as an adjective after "is"/"was" or opening its
  clause before a noun ("was frank with me", "frank discussions were held"); as a noun
  after a determiner and an adjective ("her Christian faith").
Capitalised where a sentence's or a heading's start explains the capital, or after "the",
the same neighbours make it the noun or the adjective, never the verb or the modal
(`a_word_opening_here`): "Summer 2026: two missing episodes", "Frank discussions were held",
"the Bill are always stopping me" stay; "Will not attend", "the King boy" are people. After
"a" or "an" only a thing's noun after it does: "on an Amber light", "a Rose garden" stay.
And it goes wherever it stands as a name, whatever is before it: before an age or a bracket
("hope (14)", "rose, 14,"), after "calls her" ("Mum calls her hope") or "contact with"
("contact with summer is supervised"), and before "family" ("the green family"); after a
relation's or a role's word, in the singular or the plural ("mum dawn", "brother hunter", "YP
rose", "young person: rose", "dear rose", "the girls hope and ...", "the twins will and ...")
unless a modal or a verb's object follows ("mum will attend", "the girls hope to").

A nickname that is a word and no one's name ("Peanut", "Bear": `terms.a_word_and_no_name`)
is the word in lower case wherever the words beside it use it so, as well as where the
above do (`a_word_nickname_here`): before a noun it says something of ("peanut allergy",
"peanut butter", "bear hug"), after "please", "to", "cannot" or a person ("please bear with
us", "allergic to peanut", "i can't bear it"), or after a preposition a person seldom
follows ("traces of peanut"; not "with", "from", "for", "by" or "about"). What says a
name still makes it one: an age or a bracket after it, "calls her", "contact with",
"family" after it, a relative's word before it ("her brother bear"; not "a baby bear").
Each test reads a few words either side of the word: linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Set

from broker.anonymise import lexicon

_WORD = r"[A-Za-z0-9][A-Za-z0-9'’]*"
_BEFORE = re.compile(rf"(?:(?P<second>{_WORD})[ \t]+)?(?P<first>{_WORD})[ \t]+$")
_AFTER = re.compile(rf"[ \t]+(?P<first>{_WORD})(?:[ \t]+(?P<second>{_WORD}))?")
_REACH = 40

# Always a name: "hope (14)", "rose, 14, from", "hope aged 14"; not "may 2025" or "14:30".
_AGE_OR_BRACKET = re.compile(r"[ \t]*(?:\([ \t]*(?:\d|[A-Z]|aged?\b|dob\b)"
                             r"|,?[ \t]*(?:\d{1,2}(?![\d:/]|[.,]\d)|aged?\b))")
_FAMILY_AFTER = re.compile(r"[ \t]+(?:family|families|household|siblings|twins|clan)\b",
                           re.IGNORECASE)
_CONTACT_WITH = re.compile(r"\bcontact[ \t]+with[ \t]+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s(?![\w'’\-])")
_CALLS = re.compile(r"\b(?:call|calls|called|calling)[ \t]+(?:her|him|them|me|herself|himself|"
                    r"themselves)[ \t]+['\"‘“]?$", re.IGNORECASE)
_RELATION_LIST = """
    mum mam mom mummy mother dad daddy father stepmum stepdad stepmother stepfather brother
    sister sibling sis bro nan nana nanna nanny gran granny grandma grandad granddad grandpa
    grandmother grandfather aunt auntie aunty uncle cousin son daughter niece nephew twin
    partner boyfriend girlfriend bf gf husband wife friend mate bestie carer guardian
    godmother godfather yp cyp lac child person dear baby"""
# The plural of a relation, before a list of their names: "the girls hope and summer", "the
# twins will and grace"; a verb follows them in "the girls hope to".
_RELATIONS_PLURAL_LIST = """
    girls boys twins kids children siblings sisters brothers cousins friends mates sons
    daughters"""
_RELATIONS_PLURAL = frozenset(_RELATIONS_PLURAL_LIST.split())
_RELATIONS = frozenset(_RELATION_LIST.split()) | _RELATIONS_PLURAL
_RELATION_BEFORE = re.compile(rf"(?P<relation>{_WORD})[ \t]*[:\-–]?[ \t]*['\"‘“]?$")
_MONTHS = frozenset({"may", "june", "april", "august"})

_MODALS = frozenset({"will", "may"})
_VERBS = _MODALS | frozenset({"mark", "bill", "chase", "grant", "rob", "sue", "nick", "pat",
                              "hope", "rose", "storm", "jack"})
_SUBJECT_LIST = "i you he she it we they who which that this there one everyone someone nobody"
_SUBJECTS = frozenset(_SUBJECT_LIST.split())
_PERSONS = frozenset({"i", "you", "he", "she", "we", "they"})
_ARTICLES = frozenset({"a", "an", "the"})
_AUXILIARY_LIST = """
    can could would should must might shall will may do does did don't doesn't didn't cannot
    can't won't wouldn't couldn't shouldn't also still not never"""
_AUXILIARIES = frozenset(_AUXILIARY_LIST.split())
_OBJECTS = frozenset({"it", "them", "this", "that", "these", "those", "the", "a", "an", "up",
                      "down", "out", "off", "his", "their", "my", "your", "our", "its"})
# After a modal, a word that makes "will" a name: a verb's past or present ("will went",
# "will is"), a conjunction or a preposition ("will and Tom", "will at school").
_NOT_AFTER_A_MODAL_LIST = """
    is was has had does did went said says got came saw ran told gave took made left felt
    knew thought found kept sat stood met lost won hit put set let isn't wasn't hasn't hadn't
    and or but nor so at in on to from with by for of about into onto over under after
    before since during"""
_NOT_AFTER_A_MODAL = frozenset(_NOT_AFTER_A_MODAL_LIST.split())
_PRONOUNS_AFTER = frozenset({"i", "you", "he", "she", "it", "we", "they", "there"})

_DETERMINER_LIST = """
    a an the this these those no any some every each another such what whose my your his her
    its our their one two three four five six seven eight nine ten much more less most little
    false real new great high low big small red white pink yellow wild dark early late last
    next whole fresh good bad own free ill poison sea dog english climbing old lost first
    renewed other few several many very"""
_DETERMINERS = frozenset(_DETERMINER_LIST.split())
# A season's, a time's, a virtue's or a stuff's word stands after a preposition with no
# article: "in summer", "at dawn", "with hope", "in amber"; a person's does not ("with hunter").
_UNCOUNTED_LIST = """
    summer autumn winter spring dawn hope faith grace joy charity patience prudence mercy
    harmony liberty serenity destiny heather ivy holly fern jade amber coral ginger olive
    pearl storm may june april august"""
_UNCOUNTED = frozenset(_UNCOUNTED_LIST.split())
# After a preposition, the word is plainly the word only in a fixed phrase: a season or a
# month "in summer", "since may", "throughout winter"; a time "at dawn", "until dawn"; a virtue
# "tears of joy", "without hope", "beyond hope"; a stuff "in amber", "a sprig of holly". Not
# after "with", "to", "for" or "from", which a person follows as readily ("out with grace",
# "stays with summer", "a text from dawn").
_SEASON_LIST = "summer autumn winter spring may june april august"
_VIRTUE_LIST = "hope faith grace joy charity patience prudence mercy harmony liberty serenity"
_STUFF_LIST = "heather ivy holly fern jade amber coral ginger olive pearl storm destiny"
_SEASON_PREPOSITIONS = frozenset({"in", "during", "since", "until", "till", "throughout",
                                  "through", "over", "before", "after"})
_TIME_PHRASES: dict[str, frozenset[str]] = {
    **{word: _SEASON_PREPOSITIONS for word in _SEASON_LIST.split()},
    "dawn": frozenset({"at", "until", "till", "before", "after", "since"}),
    **{word: frozenset({"of", "without", "beyond"}) for word in _VIRTUE_LIST.split()},
    **{word: frozenset({"in", "of"}) for word in _STUFF_LIST.split()},
    "sterling": frozenset({"in"}),  # "paid in sterling"
}
_TIMES = frozenset(_SEASON_LIST.split()) | {"dawn"}
# "the end of summer", "the crack of dawn": "of" after a part of a time.
_PARTS_OF_TIME = frozenset({"end", "start", "beginning", "middle", "rest", "crack", "break",
                            "first", "last", "height", "depths", "day", "days"})
# "looked after summer", "ran after grace": "after" a verb is a person's.
_FOLLOWING = frozenset({"look", "looks", "looked", "looking", "ran", "run", "runs", "running",
                        "ask", "asks", "asked", "asking", "chase", "chased", "chasing", "go",
                        "goes", "went", "going", "named", "called", "shouted", "came", "come"})
# "with hope of a return", "without hope that": a virtue's phrase after a preposition.
_PHRASES_AFTER_A_PREPOSITION = {"hope": frozenset({"of", "that"})}
_PREPOSITION_LIST = """
    in at on of for from by with into during since until till before after over through about
    without throughout across beyond past towards toward against within under"""
_PREPOSITIONS = frozenset(_PREPOSITION_LIST.split())
# A thing's noun after the word: "jasmine tea", "amber lights", "grace period", "rose bush".
_THING_AFTER_LIST = """
    tea oil rice light lights warning alert alerts period bush bushes garden gardens gold
    petal petals tree trees bed beds holiday holidays term terms camp months month break time
    day days evening evenings night nights sun fair jam hip hips water wine colour coloured
    eyes hair stone stones necklace ring earrings dress top sky skies chill frost raid raids
    wind winds rain snow colours leaf leaves flower flowers scent perfume candle plant plants
    chain chains"""
_THING_AFTER = frozenset(_THING_AFTER_LIST.split())
# A time's noun after a possessive: "the summer's end", "at dawn's light", "winter's chill".
_THING_OWNED = _THING_AFTER | frozenset({"end", "eve", "heat", "warmth", "cold", "first",
                                         "last", "morning", "afternoon"})
_EXISTENTIAL = re.compile(r"\bthere(?:'s|’s|[ \t]+(?:is|are|was|were|be|been|remains))[ \t]+$",
                          re.IGNORECASE)
_PHRASES_AFTER = {"hope": frozenset({"that", "to", "for", "of"}), "faith": frozenset({"in"}),
                  # "other young people", "a young carer", "crystal meth", "precious belongings"
                  "young": frozenset({"people", "person", "carer", "carers", "offender",
                                      "offenders", "adult", "adults", "man", "men", "woman",
                                      "women", "mum", "mother", "mothers", "parent", "parents",
                                      "ones", "kids", "child", "children", "lad", "lads",
                                      "age", "boy", "boys", "girl", "girls"}),
                  "crystal": frozenset({"meth", "methamphetamine", "ball", "clear", "glass"}),
                  "precious": frozenset({"belongings", "things", "items", "possessions",
                                         "memories", "time", "stones", "little"}),
                  "sterling": frozenset({"effort", "work", "job", "silver", "service",
                                         "performance", "support", "progress", "character"})}
_HOLDING = frozenset({"lose", "loses", "lost", "losing", "keep", "keeps", "kept", "keeping",
                      "have", "has", "had", "having", "restore", "restored", "restores", "show",
                      "shows", "showed", "placed", "put", "puts"})
_PHRASES_BEFORE = {"grace": frozenset({"said", "say", "says", "saying"}),
                   "hope": frozenset({"lose", "lost", "losing", "give", "gives", "gave", "giving",
                                      "raise", "raised", "offer", "offers", "offered"}),
                   "faith": _HOLDING,
                   "joy": frozenset({"bring", "brings", "brought", "bringing", "find", "finds",
                                     "found", "finding", "spread", "spreads", "spreading"}),
                   "sterling": frozenset({"pound", "pounds", "gbp", "pence"}),
                   # "has walked miles", "drove miles to see her"
                   "miles": frozenset({"walk", "walks", "walked", "walking", "ran", "run",
                                       "runs", "running", "travel", "travels", "travelled",
                                       "traveled", "travelling", "drove", "drive", "drives",
                                       "driving", "cycled", "cycle", "cycles", "cycling",
                                       "went", "goes", "moved", "lives", "lived", "live"})}


_PEOPLES_NOUNS = frozenset({"boy", "boys", "girl", "girls", "lad", "lads", "kids", "children",
                            "child", "brothers", "sisters", "siblings", "twins", "man", "woman",
                            "men", "women", "baby", "cousins", "lot"})
_WHOLE_WORD_ENDS = re.compile(r"(?![\w'’\-])")
# A name's word that is an adjective: "was frank", "frank discussions", "is earnest".
_ADJECTIVES = frozenset({"frank", "earnest", "sunny", "rusty", "merry", "noble", "candid"})
_COPULAS = frozenset({"is", "was", "were", "are", "be", "been", "being", "am", "seems", "seemed",
                      "seem", "very", "quite", "so", "too", "really", "more", "less"})
# After a plural noun, what makes it a subject: "frank discussions were held".
_VERBS_AFTER_A_PLURAL = frozenset({"are", "were", "have", "had", "took", "will", "would", "can",
                                   "could", "should", "must", "continue", "continued"})
# After a verb, a determiner that begins its object: "staff mark each incident".
_QUANTIFIERS = frozenset({"each", "every", "all", "both", "any", "some", "most"})
# An adjective between a determiner and a noun's word: "her Christian faith", "his deep faith";
# and its shapes: "catholic", "religious", "jewish", "spiritual", "positive".
_ADJECTIVES_BEFORE = frozenset({"muslim", "sikh", "hindu", "strong", "deep", "quiet", "simple",
                                "blind", "firm", "steady", "growing", "christian"})
_ADJECTIVE_ENDINGS = ("ic", "ous", "ish", "ful", "ive", "ual", "ian")


def a_word_nickname_here(text: str, start: int, end: int, names: Set[str] = frozenset()) -> bool:
    """The lower-case word at `text[start:end]`, a nickname that is a word and no one's name,
    stands as a name: what is around it says a name, or it is not plainly the word. A word
    beside it that is one of the form's `names` (folded) uses it as a name ("peanut holt",
    "maisie peanut holt")."""
    window = text[max(0, start - _REACH) : start]
    if _named_around(text, start, end, window):
        return True
    relation = _RELATION_BEFORE.search(window)
    if relation is not None and relation.group("relation").casefold() in (
            _RELATIONS - _RELATIONS_PLURAL):
        opening = _BEFORE.search(window[: relation.start()])
        return opening is None or opening.group("first").casefold() not in _ARTICLES
    if _POSSESSIVE.match(text, end):
        return a_name_here(text, start, end)  # "at peanut's house": as any name's
    before = _BEFORE.search(window)
    after = _AFTER.match(text, end)
    first_before = before.group("first").casefold() if before else ""
    first_after = after.group("first") if after else ""
    if first_before in names or first_after.casefold() in names:
        return a_name_here(text, start, end)
    if first_before in _USING_A_WORD or _a_noun_it_describes(first_after):
        return False
    return a_name_here(text, start, end)


# Before which a word is used as one, never a person's name: "please bear with us",
# "allergic to peanut", "cannot bear", "traces of peanut", "i bear"; not "with", "from",
# "for", "by" or "about", which a person follows as readily ("stays with bear").
_USING_A_WORD = (_PERSONS | _AUXILIARIES | _PREPOSITIONS | {"please", "to"}) - {
    "with", "from", "for", "by", "about", "after", "before", "towards", "toward", "against"}
# After a subject, what a person does or is: "bear is", "peanut went", "bear said".
_NOT_A_NOUN = _NOT_AFTER_A_MODAL | _AUXILIARIES | _SUBJECTS | _ARTICLES | _OBJECTS | {
    "are", "were", "be", "been", "being", "am", "gets", "goes", "wants", "likes", "loves",
    "needs", "hates", "lives", "stays", "ran", "bit", "threw", "swam", "spoke", "wrote",
    "broke", "drove", "rode", "ate", "drank", "slept", "woke", "hid", "fell", "fought", "sang",
    "began", "stole", "chose", "forgot", "became", "tried", "cried", "hit", "cut", "hurt",
    "then", "now", "too", "also", "again", "who", "whose", "if", "when", "while", "as"}


_SHORTEST_NOUN = 3  # "hug"; not "k", an initial


def _a_noun_it_describes(word: str) -> bool:
    """A lower-case English word after the nickname that is no verb's shape, no function
    word and nothing a person does in the past: "allergy", "butter", "hug"; not "is",
    "went", "likes", "kicked", "hit"."""
    return len(word) >= _SHORTEST_NOUN and word.isalpha() and word.islower() and (
        word not in _NOT_A_NOUN) and not (
        word.endswith(("ed", "s")) and not word.endswith(("ss", "us", "is"))) and (
        lexicon.zipf(word) >= lexicon.ORDINARY)


def _named_around(text: str, start: int, end: int, window: str) -> bool:
    """An age or a bracket after the word ("hope (14)"; not "may 2025"), "calls her" or
    "contact with" before it, "family" after it."""
    dated = text[start:end].casefold() in _MONTHS and re.match(r"[ \t]*\d", text[end:]) is not None
    return bool((not dated and _AGE_OR_BRACKET.match(text, end)) or _CALLS.search(window) or (
        _FAMILY_AFTER.match(text, end)) or _CONTACT_WITH.search(window))


def a_name_here(text: str, start: int, end: int) -> bool:
    """The lower-case word at `text[start:end]` stands as a name: it is not plainly the word."""
    word = text[start:end].casefold()
    window = text[max(0, start - _REACH) : start]
    before = _BEFORE.search(window)
    after = _AFTER.match(text, end)
    first_before = before.group("first").casefold() if before else ""
    first_after = after.group("first").casefold() if after else ""
    if _named_around(text, start, end, window):
        return True
    if _POSSESSIVE.match(text, end):
        owned = _AFTER.match(text, end + 2)
        return not (first_before in _DETERMINERS or first_before.isdigit() or (
            owned is not None and owned.group("first").casefold() in _THING_OWNED))
    if word in _MODALS and _a_modal_here(first_before, first_after):
        return False
    relation = _RELATION_BEFORE.search(window)
    if relation is not None and relation.group("relation").casefold() in _RELATIONS:
        return not (relation.group("relation").casefold() in _RELATIONS_PLURAL
                    and word in _VERBS and (first_after in _OBJECTS or first_after in
                                            {"to", "that"}))
    second_before = (before.group("second") or "").casefold() if before else ""
    if word in _VERBS and (_a_verb_here(first_before, first_after)
                           or _a_verb_after_its_subject(second_before, first_before, first_after)):
        return False
    second_after = (after.group("second") or "").casefold() if after else ""
    if _an_adjective_here(word, first_before, first_after, second_after):
        return False
    if first_before in _PREPOSITIONS:
        return not _a_phrase_after_a_preposition(word, second_before, first_before, first_after)
    return not (_a_noun_here(word, window, first_before, first_after)
                or _a_compound_here(second_before, first_before)
                or _described_here(second_before, first_before))


def a_word_opening_here(text: str, start: int, end: int) -> bool:
    """The capitalised word at `text[start:end]`, whose capital a sentence's or a heading's
    start explains, or that follows "the", is plainly the word: its neighbours make it a noun
    or an adjective as they would in lower case ("Summer 2026: two missing episodes", "Frank
    discussions were held", "the Bill are always stopping me"). After "a" or "an" only a
    thing's noun it ordinarily names a kind of does ("on an Amber light", "a Rose garden";
    not "a Rose I met"). A verb's or a modal's reading never does: "Will not attend", "Mark
    each incident" opening a sentence are the person; nor does an age, a bracket or "calls
    her" that makes it a name there."""
    word = text[start:end].casefold()
    window = text[max(0, start - _REACH) : start]
    before = _BEFORE.search(window)
    after = _AFTER.match(text, end)
    first_before = before.group("first").casefold() if before else ""
    if first_before not in _ARTICLES | {""} or _named_around(text, start, end, window) or (
            _WHOLE_WORD_ENDS.match(text, end) is None):  # "The Youngs have", "Rose's"
        return False
    first_after = after.group("first").casefold() if after else ""
    if first_before in ("a", "an"):
        return first_after in _THING_AFTER  # "an Amber light", "a Rose garden"; "a Rose I met"
    second_after = (after.group("second") or "").casefold() if after else ""
    if first_before and first_after in _PEOPLES_NOUNS:
        return False  # "the King boy", "the Young girls": a family's name
    return _a_noun_here(word, window, first_before, first_after) or (
        not first_before and _an_adjective_here(word, "", first_after, second_after))


def _a_modal_here(before: str, after: str) -> bool:
    """ "he will", "will not", "will be", "may go", "Tom, will you stop?"; not "will went"."""
    if before in _SUBJECTS:
        return True
    if not after or after in _NOT_AFTER_A_MODAL:
        return False
    if after in _PRONOUNS_AFTER:
        return True
    return not after.endswith("s") and not (after.endswith("ed") and not after.endswith("eed"))


def _a_verb_here(before: str, after: str) -> bool:
    """ "we hope", "she can mark it", "to chase them", "mark it"."""
    return before in _PERSONS or before in _AUXILIARIES or (
        before == "to" and after in _OBJECTS) or (after in _OBJECTS and after not in {"a", "an"})


def _a_verb_after_its_subject(second: str, first: str, after: str) -> bool:
    """ "her anxiety rose sharply", "staff mark each incident": a noun opening its clause or
    after a determiner, then the word, then an adverb or a determiner; not "we visit mark
    each week" or "told rose sharply" (a verb or a subject before it)."""
    return (not second or second in _DETERMINERS) and first.isalpha() and first.islower() and (
        first not in _NOT_A_NOUN and first not in _RELATIONS and first not in _PREPOSITIONS
        and first not in _DETERMINERS and not first.endswith("ed")
        and lexicon.zipf(first) >= lexicon.ORDINARY) and (
        after in _QUANTIFIERS or (after.endswith("ly") and lexicon.zipf(after) >= lexicon.ORDINARY))


def _an_adjective_here(word: str, before: str, after: str, second_after: str) -> bool:
    """ "was frank with me", "is earnest": an adjective's word after a verb "to be"; "frank
    discussions were held", "frank advice": opening its clause before a noun; not "frank
    supplies it" or "frank went"."""
    if word not in _ADJECTIVES:
        return False
    if before in _COPULAS:
        return True
    return not before and (_a_noun_it_describes(after) or (
        after.endswith("s") and after.isalpha() and after not in _NOT_A_NOUN
        and second_after in _VERBS_AFTER_A_PLURAL))


def _described_here(second: str, first: str) -> bool:
    """ "her Christian faith", "his strong faith": a determiner, an adjective, then the word;
    not "her brother hope" or "his teacher grace"."""
    return second in _DETERMINERS and first.isalpha() and first not in _RELATIONS and (
        first in _ADJECTIVES_BEFORE or first.endswith(_ADJECTIVE_ENDINGS))


def _a_compound_here(second: str, first: str) -> bool:
    """ "a car jack", "the dog rose", "a named storm": an article, a noun, then the word;
    not "the police found hope" or "the school excluded hope" (a verb before it)."""
    return second in _ARTICLES and first.isalpha() and first.islower() and (
        first not in _RELATIONS and first not in _NOT_AFTER_A_MODAL
        and (not first.endswith("ed") or first == "named"))


def _a_phrase_after_a_preposition(word: str, second: str, preposition: str, after: str) -> bool:
    """ "in summer", "at dawn", "the end of summer", "tears of joy", "with hope of", "in summer
    2025", "with summer holidays"; not "out with grace", "looked after summer", "a friend of
    hope"."""
    if preposition in _TIME_PHRASES.get(word, ()):
        return not ((preposition == "after" and second in _FOLLOWING)
                    or (preposition == "of" and second in _RELATIONS))
    if preposition == "of" and second in _PARTS_OF_TIME and word in _TIMES:
        return True
    return (after in _THING_AFTER or after in _PHRASES_AFTER_A_PREPOSITION.get(word, ())
            or (word in _UNCOUNTED and re.fullmatch(r"(?:19|20)\d\d", after) is not None))


def _a_noun_here(word: str, window: str, before: str, after: str) -> bool:
    """ "the hope", "no hope", "summer 2025", "jasmine tea", "there is hope"."""
    return (before in _DETERMINERS or before.isdigit()
            or (word in _UNCOUNTED and re.fullmatch(r"(?:19|20)\d\d", after) is not None)
            or after in _THING_AFTER
            or _EXISTENTIAL.search(window) is not None
            or after in _PHRASES_AFTER.get(word, ())
            or before in _PHRASES_BEFORE.get(word, ()))

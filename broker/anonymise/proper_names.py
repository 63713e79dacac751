"""Names the narrative uses without introducing them: "Marek Zielinski has been giving her
lifts", "she was seen with Tunde", "Jazz (Yasmin Okonkwo-Reid)".

English capitalises proper nouns in the middle of a sentence, so a capitalised run of words
there is a name of something. It is taken for a person's name when none of its words is a
common English word that is no one's name ("Team", "Services", "Bridge"), and it is not a
country, UK county or council area, language, month or day. A run of two or more such words
is a name; a single word is one when it is a listed first name, or a rare word in a sentence
that says it is a person ("met Warsame", "with Tunde", "Warsame's flat", "Tunde said"). After
"in", "at", "near" and the like, a single word is a place, not a person; so is a run ending
in a place's ending ("on Ilkley Moor"), and a first name begins a thing's name before a
common word ("Love Island", "Autumn term", "a Merlin check"); a capitalised word that ends
the run after a first name no word is, or before an age, is its surname whatever the word
("Jaxon Fell (19)", "Jack Fell, 19,"). At the start of a
sentence a single word is taken only when it is plainly a name and nothing else ("Dariusz
said …"); so are runs after "St" (a saint: a church or a school). A common English word with an "s"
(a verb's or a plural's) opening a sentence or after a word said of a person is none
("Attends Masjid Ghousia", "Joined Scouts"), and a place of worship's word and the words
beside it name the place ("Masjid Noor", "Guru Nanak Gurdwara"). Words in capitals are
acronyms ("SEMH", "ODD") unless they stand beside a name, or two or more of them make one
with a listed first name among them ("JOHN PIKE was arrested", "REID Mason"), or a listed
first name owns something ("DEVONTE's cousin") or has an age after it ("BRAXTON (16)").

A record's order counts too: a surname, a comma and a first name ("OKAFOR, Tunde"); and so
does a first name with a surname's initial ("Shannon H."), wherever it stands, a chat's
speaker ("Reece: where u at", "Sky 22:11: at the park"), a timestamped log line's sender
("[09:20] Oduya, Chidi") and the name under a sign-off in a message quoted in the narrative
("Cheers / Neil").

Also: a name in brackets right after another name ("Jazz (Yasmin Okonkwo-Reid)"), or quoted
there ("Renée D’Arcy-Fenn (“Nay”)"), is one, whatever its words, when the name before it is
one the form or the narrative gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from broker.anonymise import lexicon
from broker.anonymise.cued_names import cued_names
from broker.anonymise.descriptions import describes_a_person
from broker.anonymise.name_shapes import (
    BUSINESS_NOUNS,
    CALLED_THINGS,
    CAPS_WORD,
    EPONYM_NOUNS,
    FAMILY_ADJECTIVES,
    LINE_GAP,
    LOW,
    NICKNAME,
    NOT_NAMES,
    PARTICLE,
    PARTICLE_WORDS,
    PLACE_WORDS,
    SERVICES,
    SURNAMES_TOO,
    THING_NOUNS,
    UP,
    WORD,
    WORDS_AS_FIRST_NAMES,
    WORSHIP_NOUNS,
    a_dated_month,
    an_agency,
    an_english_words_s_form,
    before_a_country,
    double_barrelled,
    looks_like_a_name,
)
from broker.anonymise.narrative import (
    MAX_NAMES,
    OTHER_ROLES,
    ROLES,
    called_by_a_word_for_mother,
)
from broker.anonymise.places import PLACE_ENDS
from broker.anonymise.run_together import PET_FORMS
from broker.anonymise.scripts import in_another_script
from broker.anonymise.terms import ABBREVIATIONS, fold, normalise, tokens_of

# A run of up to six capitalised words (or words in capitals) on one line, with an
# optional possessive: bounded, so the search stays linear. An opening quote may stand
# before it ("'Jayden's iPhone'"); an apostrophe inside a word may not ("O'Brien").
_RUN = re.compile(
    rf"(?<![\w’\-])(?<!\w')(?P<run>(?:{WORD}|{CAPS_WORD})(?:[ \t]+(?:{WORD}|{CAPS_WORD})){{0,5}})"
    rf"(?P<possessive>['’]s|(?<=[{UP}])['’]S)?(?![\w'’]|-[{UP}{LOW}])"
)
_LETTERS = re.compile(r"[^\W\d_]+")
_CLOSE_GAP = re.compile(r"[^\w\n]{0,3}")  # what may stand between a word and the run
_WORD_AFTER = re.compile(r"^[ \t]+([a-z]+)")
_OPENERS = "\"'‘“([*•·-–—>"
_SENTENCE_ENDS = ".!?:;\n"
_ABBREVIATION_BEFORE = re.compile(r"(?<![^\W\d_])(?:i\.e|e\.g|viz|a\.k\.a)\.$", re.IGNORECASE)
_PEOPLE_BEFORE_LIST = """
    with told asked saw met visited rang phoned texted messaged contacted called thanked
    hit assaulted threatened followed joined accompanied against whom than unlike like tells
    says said"""
_PEOPLE_BEFORE = frozenset(_PEOPLE_BEFORE_LIST.split())
_PEOPLE_AFTER_LIST = """
    said says told tells who reported stated explained arrived left came went asked wants
    wanted lives lived stays stayed gave gives took takes"""
_PEOPLE_AFTER = frozenset(_PEOPLE_AFTER_LIST.split())
_SAINTS = frozenset({"st", "saint", "sts"})
# A caller or a sender by a nickname in quotes: "Dad took a call from 'Gaz' on speaker".
_QUOTED_CALLER = re.compile(
    r"(?<![\w'’\-])(?i:call|calls|text|texts|message|messages|msg|dm|dms|snap|snaps|voicemail"
    rf"|facetime|phonecall)[ \t]+from[ \t]+['‘\"“](?P<name>{WORD})['’\"”]")
_RUN_AFTER = frozenset({"has", "had", "was", "is", "were"})  # "Sana Butt has been …"
# A nickname in quotes that does something, as a person does: "'Skinz' drives a grey car",
# "“Tank” said he would". The word is in no list of English words or names.
_QUOTED_SUBJECT = re.compile(
    rf"(?<![\w'’])['‘\"“](?P<name>{WORD})['’\"”][ \t]+(?P<verb>[a-z]+)(?![\w'’])")
_SUBJECTS_VERB_LIST = """
    drives drove sells sold runs ran picks picked collects collected deals dealt"""
_SUBJECTS_VERBS = _PEOPLE_AFTER | _RUN_AFTER | frozenset(_SUBJECTS_VERB_LIST.split())
_MOVE_LIST = """
    moved move moving relocated travelled traveled went go going came come coming returned
    return lives lived living born raised grew sent transferred trafficked brought placed
    originally"""
_MOVES = frozenset(_MOVE_LIST.split())
_SEEMS_PLAIN = 3.5  # a middling word this common ("Lego") needs a sign that it is a person
# Words that end a street's name, never a person's ("Hope Street" is an address).
_STREET_TYPE_LIST = """
    road rd street avenue ave crescent gardens terrace square mews parade boulevard"""
_STREET_TYPES = frozenset(_STREET_TYPE_LIST.split())
# Islands named like people, a place after "on": "crofts on Lewis", "her gran on Skye".
_ISLAND_LIST = """
    skye lewis harris mull islay arran bute tiree barra uist jura iona coll eigg raasay"""
_ISLANDS = frozenset(_ISLAND_LIST.split())
_SURNAME_AFTER_FIRST_NAME = 4.0  # a word this rare after a first name is a surname: "Barrow"


def unintroduced_names(texts: Iterable[str]) -> list[str]:
    """Every name the texts use without a role word or "called" before it."""
    found: list[str] = []
    for text in texts:
        found.extend(_names_in(normalise(text)))
        if len(found) > MAX_NAMES:
            break
    return list(dict.fromkeys(found))[:MAX_NAMES]


def _names_in(text: str) -> Iterator[str]:
    yield from _surnames_first(text)
    yield from _first_names_with_an_initial(text)
    yield from _surnames_with_an_initial(text)
    yield from _speakers(text)
    yield from _signed_names(text)
    yield from _names_around_a_nickname(text)
    yield from _names_around_a_nickname_in_capitals(text)
    yield from _names_around_a_particle(text)
    yield from _couples(text)
    yield from _names_this_or_that(text)
    yield from _quoted_names_in_capitals(text)
    yield from _quoted_callers(text)
    yield from _named_by_a_role_or_an_age(text)
    yield from _names_in_capitals_with_an_age(text)
    yield from _families_by_their_plural(text)
    yield from _quoted_names_to_someone(text)
    yield from _records_in_capitals(text)
    yield from _people_from_somewhere_local(text)
    yield from _surnames_after_initials(text)
    yield from _names_under_their_label(text)
    yield from cued_names(text)
    for match in _RUN.finditer(text):
        words = match.group("run").split()
        if words[-1].casefold() in _FIRM_ENDINGS or _AND_CO.match(text, match.end()):
            continue  # "Ashworth Lyle Solicitors", "Ashworth & Co": a firm, not its partners
        if words[0].casefold() in _WELSH_BODIES:
            continue  # "Cyngor Sir Ynys Môn", "Heddlu Gogledd Cymru": a council, a force
        if len(words) == 1 and before_a_country(text, match.end()):
            continue  # "Paris, France": a town
        if len(words) == 1 and a_dated_month(text, words[0], match.start()):
            continue  # "14 Jan - arrested", "22 Mar": a date, no Jan
        if len(words) == 1 and words[0].casefold() in _ISLANDS and (
                _before(text, match.start()) == "on"):
            continue  # "crofts on Lewis", "lives on Skye": an island, no one
        if match.group("possessive") and _EPONYM_AFTER.match(text, match.end()) and (
                len(words) == 1 or lexicon.is_ordinary(words[-2])):
            continue  # "Under Clare's Law", "Sarah's Law disclosure": a law, no person; but
            # "Kai Moss's Act" is his
        if len(words) == 1 and called_by_a_word_for_mother(text, words[0], match.start()):
            continue  # "Zainab calls her mother Inna": a word for mother, not her name
        if len(words) > 1 and words[-1].casefold() in _KIN_AFTER_A_NAME and (
                words[-1].istitle() and looks_like_a_name(" ".join(words[:-1]))):
            yield " ".join(words[:-1])  # "close to Sunita Mausi": her name goes, the kin
            continue  # word (an aunt, as an Indian family says it after her name) stays
        sentence_start = _starts_sentence(text, match.start())
        after = _WORD_AFTER.match(text[match.end() : match.end() + 30])
        context = (_before(text, match.start()), after.group(1) if after else "",
                   bool(match.group("possessive")))
        yield from _names_in_run(words, sentence_start, context)


# Without the possessive, "Law" after a first name is a surname ("Tom Law visited").
_EPONYMS_IN_A_RUN = EPONYM_NOUNS - {"law", "laws"}
_EPONYM_AFTER = re.compile(  # capitalised: "Tom's act of kindness" is his
    rf"[ \t]+(?:{'|'.join(sorted(word.title() for word in EPONYM_NOUNS))})(?![\w'’\-])")


# A part of a building that "the" and a famous person's name name: "the Florence Nightingale
# Wing", "the Jenner Suite".
_BUILDING_PARTS = frozenset({"wing", "suite", "pavilion", "building"})
# Relatives' words that South Asian families say after the name: "Sunita Mausi" (mother's
# sister), "Rukhsana Khala", "Anil Chacha".
_KIN_AFTER_A_NAME = frozenset({"mausi", "mausiji", "masi", "masiji", "khala", "khalu",
                               "chacha", "chachi", "chachaji", "chachiji", "bhua", "bhuaji",
                               "mamu"})
# The words that end a firm's name: "Ashworth Lyle Solicitors", "Crane LLP", "Ashworth & Co".
_FIRM_ENDINGS = frozenset({"solicitors", "llp", "ltd", "limited", "plc"})
# A Welsh council's, force's or board's first word: what follows names the body.
_WELSH_BODIES = frozenset({"cyngor", "heddlu", "gwasanaethau", "bwrdd"})
_AND_CO = re.compile(r"[ \t]*&[ \t]*Co(?![\w'’])")


# A record's order, surname first: "OKAFOR, Tunde", "Marsh, Jordan;" (the pair ends there).
_SURNAME_FIRST = re.compile(
    rf"(?<![\w'’\-])(?P<surname>(?:Mc|Mac|O['’])?{CAPS_WORD}|{WORD}),[ \t]*"
    rf"(?P<first>{WORD}|{CAPS_WORD})(?![\w'’])"
)
# After a surname written in capitals the pair may go on ("McALLISTER, Shannon is 19"); after
# one in lower case it must end, as a record's list item does ("Marsh, Jordan;").
_A_VOWEL = re.compile("[AEIOU]|(?<=[A-Z])Y")  # "LYNN", but not the "Y" of "YJS" or "YMCA"
_A_CAPITALISED_WORD_BEFORE = re.compile(rf"(?<![\w'’\-])[{UP}][{LOW}]+[ \t]+\Z")
_PAIR_ENDS = re.compile(r"[ \t]*(?:[;,.()\[\]:\n]|$|(?:and|or|&|aged)(?!\w)|[-–—][ \t])")


def _surnames_first(text: str) -> Iterator[str]:
    """A surname, a comma and a first name, in a record's order. The surname must be a listed
    one or no English word ("Sadly, Jordan." is no one), never a place ("Leeds, Sarah");
    after a surname in capitals, any word that may be a name is the first name, unless no
    list knows either ("NYAS, Kooth and Childline" are services: "KOWALSKA, Zofia" is one).
    In a list of such pairs split by semicolons ("To: Holroyd, Janine; Llewellyn, Carys"), a
    first name no list knows beside a pair taken is one too, and so is one a police nominal
    or a relative's role says is a person ("NOMINAL: FERRIDAY, Lyle (M)", "Threlkeld, Maisie
    (aunt)"). A word before the comma that is no surname may be the first name of the next
    pair ("YOT, Threlkeld, Maisie")."""
    taken: list[re.Match[str]] = []
    doubtful: list[re.Match[str]] = []
    at = 0
    while (match := _SURNAME_FIRST.search(text, at)) is not None:
        at = match.start("first")  # unless taken, the first name may be the next surname
        surname, first = match.group("surname"), match.group("first")
        if not _a_surname_before_a_comma(text, match) or before_a_country(
                text, match.end("surname")):
            continue  # not "Paris, France"
        in_capitals = surname[2:].isupper()  # "OKAFOR", "McALLISTER", "O'NEILL"
        if len(first) > 1 and first.isupper() and not (
                in_capitals and lexicon.is_first_name(first)
                and lexicon.kind(surname) in ("name", "rare")):
            continue  # both in capitals, a record's: "BRIGGS, TYLER-JAY", not "CCE, NFA"
        named_first = (in_capitals and lexicon.kind(surname) != "rare") or (  # "OKAFOR, Tunde"
            lexicon.is_surname(surname) and not lexicon.is_surname(first)  # not "O'Neill, O'Neill"
        ) or _said_to_be_a_person(text, match)
        if lexicon.is_first_name(first) or (named_first and looks_like_a_name(first)):
            taken.append(match)
            at = match.end()
            yield f"{first} {surname}"
        elif lexicon.kind(first) in ("name", "rare") and looks_like_a_name(first):
            doubtful.append(match)
    for match in doubtful:  # "Llewellyn, Carys" beside "Holroyd, Janine;"
        if any(_PAIRS_APART.fullmatch(text, other.end(), match.start())
               or _PAIRS_APART.fullmatch(text, match.end(), other.start()) for other in taken):
            yield f"{match.group('first')} {match.group('surname')}"


_PAIRS_APART = re.compile(r"[ \t]*;[ \t]*")
# What says a pair in a record's order is a person: a police nominal's sex, an age or a
# relative's or a worker's role in brackets after it ("(M)", "(19)", "(aunt)", "(mum's
# partner)", "(SW)"), a date of birth or an alias ("…, DOB", "aka"); or a record's word for
# a person before it ("NOMINAL:", "Suspect 2:").
_PERSON_AFTER = re.compile(
    r"[ \t]*(?:\([ \t]*(?:[mfMF]|\d{1,2}|(?:[a-z]+(?:['’]s)?[ \t]+){0,2}(?P<role>[a-z]+)"
    # a worker's role in capitals, as case notes write it: "OLUWASEUN, Adebayo (SW)"
    r"|(?:SW|SSW|ASW|IRO|DSL|PA|RHI|FSW|CPN|HV|SENCO|YOT|PCSO|CSE|EH)(?:[ \t]+[a-z]+)?)[ \t]*\)"
    r"|,?[ \t]*(?i:d\.?o\.?b|born|aka|a\.k\.a)(?![^\W\d_]))")
_PERSON_BEFORE = re.compile(
    r"(?<![^\W\d_])(?i:nominal|suspect|offender|associate|subject|aggrieved|witness|victim"
    r"|perpetrator|person)s?(?:[ \t]+(?:no\.?[ \t]*)?\d{1,2})?[ \t]*[:\-–][ \t]*\Z")


def _said_to_be_a_person(text: str, match: re.Match[str]) -> bool:
    after = _PERSON_AFTER.match(text, match.end())
    if after is not None:
        return after.group("role") is None or after.group("role") in ROLES
    return _PERSON_BEFORE.search(text, max(0, match.start() - 30), match.start()) is not None


def _a_surname_before_a_comma(text: str, match: re.Match[str]) -> bool:
    """The pair's first word may be a surname: a listed one or no English word, no dose's
    abbreviation or place, and not the end of a place's name ("Civic Hall, Northby")."""
    surname = match.group("surname")
    if surname.casefold() in NOT_NAMES | ABBREVIATIONS or lexicon.is_known_non_person(surname):
        return False  # "Salbutamol PRN, Melatonin": a dose's abbreviation, no surname
    in_capitals = surname[2:].isupper()
    shapes = ("name", "rare", "plain") if in_capitals else ("name", "rare")
    if not (lexicon.is_surname(surname) or lexicon.kind(surname) in shapes):
        return False
    return in_capitals or (_PAIR_ENDS.match(text, match.end()) is not None
                           and not _A_CAPITALISED_WORD_BEFORE.search(
                               text, max(0, match.start() - 40), match.start()))


# A surname in capitals, or in a timestamped line, with a first name's initial: "OKAFOR, T.",
# "[10:02] Oduya, C. (YOT)".
_SURNAME_AND_INITIAL = re.compile(
    rf"(?m)(?:^[ \t>]*\[[\d:. ]{{3,12}}\][ \t]*(?P<logged>{WORD})|(?<![\w'’\-])"
    rf"(?P<capitals>(?:Mc|Mac|O['’])?{CAPS_WORD})),[ \t]*[A-Z]\.(?![\w])")


def _surnames_with_an_initial(text: str) -> Iterator[str]:
    for match in _SURNAME_AND_INITIAL.finditer(text):
        surname = match.group("logged") or match.group("capitals")
        if surname.casefold() not in NOT_NAMES and not lexicon.is_ordinary(surname) and (
                not lexicon.is_known_non_person(surname)):
            yield surname


# A court list's or a police record's order, surname in capitals first: "SHEPHERDSON Riley
# 17 Robbery" (a listed first name after it, and no common word or abbreviation in it).
_CAPITALS_BEFORE_A_FIRST_NAME = re.compile(
    rf"(?<![\w'’\-])(?P<surname>(?:Mc|Mac|O['’])?{CAPS_WORD})[ \t]+(?P<first>{WORD})"
    r"(?![\w\-]|['’]\w)")
# Who a bank statement's transfer is from or to, or a Cash App tag: "FASTER PAYMENT FROM J
# KIRKBRIDE  REF PIZZA", "TRANSFER TO TYREESE-A", "CASH APP *KRAZYKEV". A card payment's shop
# ("CARD PAYMENT TO TESCO") stays.
_PAYEE = re.compile(
    r"(?<![A-Z])(?:(?:FASTER[ \t]+PAYMENTS?|FPS(?:[ \t]+(?:CREDIT|PAYMENT))?|(?:BANK[ \t]+)?"
    r"TRANSFER|STANDING[ \t]+ORDER|MOBILE[ \t]+PAYMENT)[ \t]+(?:FROM|TO)"
    r"|CASH[ \t]+APP[ \t]*\*|(?:FPS|BACS)[ \t]+CREDIT)"
    r"[ \t]?(?P<payee>(?:[A-Z][ \t])?[A-Z][A-Z'’]{1,30}(?:-[A-Z][A-Z'’]{0,30})?"
    r"(?:[ \t][A-Z][A-Z'’]{1,30}(?:-[A-Z][A-Z'’]{0,30})?){0,2})(?![\w'’\-])")
# A parcel's or a letter's label, sender or addressee by an initial and a surname in capitals:
# "FROM: R. DUCKWORTH, FLAT 9, …", "To: J SHACKLETON" (the surname goes; "TO: ALL STAFF" stays).
_LABELLED_INITIAL_AND_SURNAME = re.compile(
    rf"(?m)^[ \t>]{{0,8}}(?:FROM|TO|From|To|SENDER|Sender|RECIPIENT|Recipient)[ \t]{{0,3}}:"
    rf"[ \t]{{0,3}}[A-Z](?:\.[ \t]{{0,2}}|[ \t]{{1,2}})(?P<surname>(?:Mc|Mac|O['’])?{CAPS_WORD})"
    r"(?![\w'’])")
_NOT_A_PAYEE = frozenset({"ref", "reference", "from", "to", "ltd", "limited", "plc", "account",
                          "savings", "pot", "card", "mr", "mrs", "ms", "miss"})


def _records_in_capitals(text: str) -> Iterator[str]:
    for match in _CAPITALS_BEFORE_A_FIRST_NAME.finditer(text):
        surname, first = match.group("surname"), match.group("first")
        if lexicon.is_first_name(first) and not lexicon.is_ordinary(first) and not (
                lexicon.kind(surname) not in ("name", "rare")
                or surname.casefold() in ABBREVIATIONS | NOT_NAMES
                or lexicon.is_known_non_person(surname)) and len(surname) > 3 and (
                _A_VOWEL.search(surname) is not None):
            yield f"{surname} {first}"  # "SHEPHERDSON Riley"
    for match in _LABELLED_INITIAL_AND_SURNAME.finditer(text):
        surname = match.group("surname")
        if not lexicon.is_ordinary(surname) and surname.casefold() not in NOT_NAMES and (
                not lexicon.is_known_non_person(surname)):
            yield surname
    for match in _PAYEE.finditer(text):
        words: list[str] = []
        for word in match.group("payee").split():
            if word.casefold() in _NOT_A_PAYEE:
                break
            words.append(word)
        words = [word.split("-")[0] if len(word.split("-")[-1]) == 1 else word
                 for word in words]  # "TYREESE-A": a name and an initial
        if words and not all(lexicon.is_ordinary(word) or len(word) == 1 for word in words):
            yield " ".join(words)


# Who someone is by where he works or hangs about: "'Jordan from the shop'", "Kyle off the
# estate". The first name is one even where it is a country's too.
_FROM_SOMEWHERE_LOCAL = re.compile(
    rf"(?<![\w\-])(?<!\w['’])(?P<name>{WORD})[ \t]+(?:from|off)[ \t]+the[ \t]+(?:shop|chippy|estate"
    r"|garage|gym|takeaway|barbers?|kebab[ \t]+shop|corner[ \t]+shop|offy|off[ \t]+licence"
    r"|park|pub|flats|car[ \t]+wash|youth[ \t]+club)(?![\w\-]|['’]\w)")


def _people_from_somewhere_local(text: str) -> Iterator[str]:
    for match in _FROM_SOMEWHERE_LOCAL.finditer(text):
        name = match.group("name")
        if lexicon.is_first_name(name) and name.casefold() not in ROLES | NOT_NAMES and not (
                lexicon.is_ordinary(name) and not lexicon.is_known_non_person(name)):
            yield name  # "Jordan from the shop"; but "Will from the shop?" is a question


# A listed surname after a first name's initial, or two or three: "'D. Ogunleye'", "P. Grimes,
# c/o …", "J Kirkbride", "D.J. Ogunleye". Not "I" or "A": words.
_INITIALS_AND_A_SURNAME = re.compile(
    rf"(?<![\w.\-])(?<!\w['’])(?P<initial>[A-Z])(?:\.[ \t]?|[ \t])(?:[A-Z]\.[ \t]?){{0,2}}"
    rf"(?P<surname>{WORD})(?![\w\-]|['’]\w)")


# A letter's sign-off just before: "Yours faithfully, D. Haigh", "Regards, K. Ndlovu".
_SIGN_OFF_BEFORE = re.compile(
    r"(?<![^\W\d_])(?i:yours[ \t]+(?:faithfully|sincerely|truly)|regards|thanks|cheers|"
    r"best[ \t]+wishes)[ \t]*[,.]?[ \t]*$")
_SIGN_OFF_REACH = 30


# A table's cell around it ("07:30⇥K. Orrell⇥J. Ssempala", "| K. Orrell |"), or a
# professional's letters after it ("stamp 'K. Pennock HV'").
_A_CELL_BEFORE = re.compile(r"(?:^|\t|\|)[ \t]{0,3}\Z")
_A_CELL_AFTER = re.compile(r"[ \t]{0,3}(?:\t|\||\r?\n|\Z)")
_A_ROLE_AFTER = re.compile(r"[ \t]{1,3}(?:HV|SW|SSW|RN|RGN|RMN|RSCN|RM|CSW|SENCO|SCPHN)"
                           r"(?![\w\-])")


def _alone_in_a_cell_or_with_a_role(text: str, match: re.Match[str]) -> bool:
    if _A_ROLE_AFTER.match(text, match.end()) is not None:
        return True
    return _A_CELL_AFTER.match(text, match.end()) is not None and _A_CELL_BEFORE.search(
        text, max(0, match.start() - 4), match.start()) is not None


def _surnames_after_initials(text: str) -> Iterator[str]:
    for match in _INITIALS_AND_A_SURNAME.finditer(text):
        surname = match.group("surname")
        if match.group("initial") in "AI":
            continue  # "She got an A. Grimes was the film": a word, stopped or not
        listed = lexicon.is_surname(surname) or (lexicon.is_rare(surname) and (
            _SIGN_OFF_BEFORE.search(text, max(0, match.start() - _SIGN_OFF_REACH),
                                    match.start()) is not None  # "faithfully, D. Haigh"
            or _alone_in_a_cell_or_with_a_role(text, match)))
        if listed and not lexicon.is_ordinary(surname) and (
                surname.casefold() not in ROLES | NOT_NAMES) and (
                not lexicon.is_known_non_person(surname)):
            yield surname


# A name alone on the line under a printed form's label for it: "3. Person reporting –
# forename⏎Marie⏎4. Person reporting – surname⏎Lockwood". And a Wi-Fi network named after
# its owner: "TALKTALK-Mossley", "BT-Kershaw".
_UNDER_ITS_LABEL = re.compile(
    rf"(?im)(?<![^\W\d_])(?:fore[ \t]?name|first[ \t]?name|given[ \t]+names?|surname"
    rf"|last[ \t]?name|family[ \t]+name|full[ \t]+name)[ \t]{{0,3}}:?[ \t]{{0,3}}\n[ \t]{{0,3}}"
    rf"(?P<name>(?-i:{WORD})(?:[ \t](?-i:{WORD})){{0,2}})[ \t]{{0,3}}$")
# A meeting's roll: the one name after who chaired it or took its minutes, alone on its line:
# "Minute taker: Ruth", "Chair: Ruth": a listed first name there is one (not "Chair: Vacant").
_MEETING_ROLE = re.compile(
    rf"(?im)^[ \t]{{0,3}}(?:chair(?:ed[ \t]+by)?|chairperson|minute[ \t-]?taker"
    rf"|minutes[ \t]+taken[ \t]+by|note[ \t-]?taker|notes[ \t]+taken[ \t]+by|scribe|facilitator)"
    rf"[ \t]{{0,3}}:[ \t]{{0,3}}(?P<name>(?-i:{WORD}))[ \t]{{0,3}}$")
_NETWORK = re.compile(
    rf"(?<![\w\-])(?:TALKTALK|BTHub\d?|BT|SKY|VM|VIRGIN|PLUSNET|EE|VODAFONE|NOWTV|VM\d{{5,7}})"
    rf"[-_](?P<name>{WORD})(?![\w\-]|['’]\w)")


def _names_under_their_label(text: str) -> Iterator[str]:
    for match in _MEETING_ROLE.finditer(text) if ":" in text else ():
        if lexicon.is_first_name(name := match.group("name")) and (
                name.casefold() not in NOT_NAMES | ROLES) and not lexicon.is_known_non_person(name):
            yield name
    for match in _UNDER_ITS_LABEL.finditer(text):
        name = match.group("name")
        if looks_like_a_name(name) or lexicon.is_first_name(name.split()[0]):
            yield name
    for match in _NETWORK.finditer(text):
        if not lexicon.is_ordinary(name := match.group("name")) and (
                not lexicon.is_known_non_person(name)):
            yield name


# A first name and a surname's initial ("Shannon H."), or a middle initial between a first
# name and a surname ("John P. Smith", "Will A. Okafor"): a person, even at a sentence's start.
_FIRST_AND_INITIAL = re.compile(
    rf"(?<![\w'’\-])(?P<first>{WORD})[ \t][A-Z](?:\.?[ \t]+(?P<last>{WORD}|{CAPS_WORD})"
    r"(?![\w'’\-])|\.(?![\w.]))")


def _first_names_with_an_initial(text: str) -> Iterator[str]:
    for match in _FIRST_AND_INITIAL.finditer(text):
        first, last = match.group("first"), match.group("last")
        if first.casefold() in NOT_NAMES:
            continue
        if last is not None and not lexicon.is_ordinary(last) and (
                last.casefold() not in NOT_NAMES):
            yield f"{first} {last}"
            if first.casefold() in WORDS_AS_FIRST_NAMES:
                yield " ".join(tokens_of(match.group()))  # "Will A. Okafor": no "Will" alone
        elif lexicon.is_first_name(first):
            yield first


# A chat's speaker at a line's start ("Reece: where u at"), or a Teams or log line's sender
# surname first ("[09:20] Oduya, Chidi (Northby YOT)").
_SPEAKER = re.compile(
    rf"(?m)^[ \t>]*(?:\[[\d:. ]{{3,12}}\][ \t]*)?(?P<name>{WORD})[ \t]*:[ \t]+(?=[a-z])")
# A speaker saved with a fond word before a name or an initial, or as a word and an initial,
# in a chat without times: "Lil T: where u at", "Big Jay: come out", "Big Man: 5 mins",
# "Jazzy B: dont tell" (two speakers' lines or more make the chat; "Plan B: go home" is none).
_FOND_SPEAKER = re.compile(
    rf"(?m)^[ \t>]*(?:\[[\d:. ]{{3,12}}\][ \t]*)?(?P<name>(?:Big|Lil|Little|Baby|Wee|BIG|LIL)"
    rf"[ \t]+(?:{WORD}|[{UP}])|{WORD}[ \t]+[{UP}])[ \t]*:[ \t]+(?=[a-z\d])")
_SENDER = re.compile(
    rf"(?m)^[ \t>]*(?:\[[\d:. ]{{3,12}}\][ \t]*)(?P<surname>{WORD}),[ \t]*(?P<first>{WORD})"
    r"(?=[ \t]*(?:\(|$))")

# A pasted e-mail's header, its sender or addressee by name before the address: "From: Gaz
# Pickles <gaz.p@mailbox.example> Sent: 18 November".
_DISPLAY_NAME = re.compile(
    rf"(?<![^\W\d_])(?:From|To|Cc|FROM|TO|CC)[ \t]{{0,3}}:[ \t]{{0,3}}[\"']?"
    rf"(?P<name>{WORD}(?:[ \t]{{1,3}}{WORD}){{0,3}})[\"']?[ \t]{{0,3}}<[^<>@\s]{{1,64}}@")

# In a chat typed in lower case ("reece: where u at" over "me: at home"), two speakers' lines
# or more make the transcript; a listed first name no English word is, speaking, is a name,
# and so is a word too rare for English to use ("ry: come after skl").
_LOWER_SPEAKER = re.compile(r"(?m)^[ \t>]*(?:\[[\d:. ]{3,12}\][ \t]*)?(?P<name>[a-z]{2,20})"
                            r"[ \t]*:[ \t]+(?=\S)")
_A_CHAT = 2
# … and a fond word before a letter or a word there, as `_FOND_SPEAKER` in lower case: "lil t:".
_LOWER_FOND_SPEAKER = re.compile(
    r"(?m)^[ \t>]*(?:\[[\d:. ]{3,12}\][ \t]*)?(?P<name>(?:big|lil|little|baby|wee)[ \t]+"
    r"[a-z]{1,20})[ \t]*:[ \t]+(?=\S)")
# A chat exported or pasted with a time after each speaker: "Sky 22:11: at the park", "Mark B
# 10:42 AM: cops r here", "1) Kobi [22:11]: ye", "Kobi – 22:13 – come out". Two such lines or
# more, one of them a name's, make a chat; in it a word that speaks as chats are typed, in
# lower case, is a name too ("Sky").
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ \t]*[AaPp][Mm])?"
_TIMED_SPEAKER = re.compile(
    rf"(?m)^[ \t>]*(?:(?:[-•*·]|\d{{1,2}}[.)])[ \t]+)?"
    r"(?:[^\w\s:'\"‘’“”()\[\]\-–—>•*·]{1,4}[ \t]*)?"  # an emoji before it: "🔥Blaze🔥 21:07:"
    rf"(?:(?P<name>{WORD}(?:[ \t]+(?:{WORD}|[A-Z]\.?))?)"
    r"|['\"‘“](?P<quoted>[^'\"‘’“”\n]{1,30})['\"’”])"  # "'Big Dave' 21:03:", "“Lil J” 21:04:"
    r"(?:[ \t]*[^\w\s:'\"‘’“”()\[\]\-–—]{1,4})?[ \t]+"  # an emoji after it: "Tank 🔫 21:05:"
    rf"(?:[\[(]?{_TIME}[\])]?[ \t]*:"  # "Kobi 22:11:40:", "Reece (22:12):"
    rf"|[-\u2013\u2014][ \t]*{_TIME}[ \t]*[-\u2013\u2014])")
# A chat exported from WhatsApp, each line stamped with its date and time before the contact's
# name as the phone saved it: "[03/11/2026, 22:15:11] Storm: where u at", "03/11/2026, 22:17 -
# Storm: come out", "[03/11/2026, 22:18] Bae 💕 Tyreece: omw". The contact is a person's name
# whatever its words.
_STAMPED_SPEAKER = re.compile(
    rf"(?m)^[ \t>]*(?:\[\d{{1,2}}/\d{{1,2}}/\d{{2,4}},?[ \t]+{_TIME}\]"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}},?[ \t]+{_TIME}[ \t]+[-\u2013\u2014])[ \t]*"
    r"(?P<contact>[^:\n]{1,40}?)[ \t]*:")
# Words a log's or a chronology's line opens with, before or after its time, that never
# speak in a chat: "Handover 23:30: she came back." among a chat's lines, "03/11/2026,
# 22:15 - Staff: checked her room".
_LOG_WORDS = frozenset({"handover", "debrief", "review", "update", "note", "notes", "incident",
                        "visit", "call", "shift", "obs", "welfare", "summary", "outcome",
                        "log", "entry", "contact", "meeting", "plan", "action", "check",
                        "staff", "carer", "carers", "manager", "worker", "sw", "duty",
                        "supervision", "strategy", "return", "interview", "session",
                        "appointment", "assessment", "referral"})


def _a_contacts_name(text: str, match: re.Match[str]) -> bool:
    """A contact in a stamped line that makes it a chat, not a log: a name ("Storm"), or any
    word no log's line opens with that speaks as chats are typed ("Jazzy B: where u at",
    "Big Man: come down"), but not "Staff: checked her room"."""
    contact = match.group("contact")
    first = (tokens_of(contact) or [""])[0].casefold()
    return looks_like_a_name(contact) or (
        text[match.end() : match.end() + 2].strip()[:1].islower()
        and first not in _LOG_WORDS | ROLES | NOT_NAMES and not lexicon.is_known_non_person(first))


def _a_speakers_name(name: str) -> bool:
    """A name among a chat's speakers that makes it a chat, not a log: "Tyler" over "Sky",
    but not "Debrief" or "Supervision", which head a log's lines."""
    return looks_like_a_name(name) and not _a_log_heading(name) and (
        name.split()[0].casefold() not in _LOG_WORDS)


def _speakers(text: str) -> Iterator[str]:
    for match in _SPEAKER.finditer(text):
        name = match.group("name")
        if lexicon.is_first_name(name) and name.casefold() not in NOT_NAMES:
            yield name
    lower = list(_LOWER_SPEAKER.finditer(text)) if ":" in text else []
    if len(lower) >= _A_CHAT:
        for match in lower:
            name = match.group("name")
            if (lexicon.is_first_name(name) or lexicon.is_rare(name)) and (
                    not lexicon.is_ordinary(name)) and name not in NOT_NAMES | _LOG_WORDS:
                yield name  # "jayden: where u at", "ry: come after skl"
        for match in _LOWER_FOND_SPEAKER.finditer(text):
            yield " ".join(match.group("name").split())  # "lil t: bring the ting"
    timed = list(_TIMED_SPEAKER.finditer(text)) if ":" in text else []
    if len(timed) >= _A_CHAT and any(_a_speakers_name(m.group("name") or m.group("quoted"))
                                     for m in timed):
        for match in timed:
            if (quoted := match.group("quoted")) is not None:
                if any(word[:1].isupper() for word in tokens_of(quoted)):
                    yield " ".join(tokens_of(quoted))  # a nickname, quoted as it is saved
                    yield from _named_in_a_message(text, match.end())
                continue
            name = match.group("name")
            first = name.split()[0]
            if first.casefold() in NOT_NAMES | _LOG_WORDS | ROLES or (
                    lexicon.is_known_non_person(first)):
                continue
            if (looks_like_a_name(name) and not _a_log_heading(name)) or (
                    text[match.end() : match.end() + 2].strip()[:1].islower()):
                yield name  # "Sky 22:11: at the park", but not "Review 11:00: Agreed plan."
                yield from _named_in_a_message(text, match.end())
    stamped = list(_STAMPED_SPEAKER.finditer(text)) if "/" in text else []
    if len(stamped) >= _A_CHAT and any(_a_contacts_name(text, m) for m in stamped):
        for match in stamped:
            yield from _named_in_a_message(text, match.end())
            words = tokens_of(match.group("contact"))
            if _a_relatives_word(words):
                continue
            fond = len(words) > 1 and words[0].casefold() in FAMILY_ADJECTIVES
            named = [word for word in words[fond:] if word[:1].isupper() and (
                word.casefold() not in NOT_NAMES | _LOG_WORDS | ROLES) and (
                not lexicon.is_known_non_person(word))]
            yield from named  # "Storm", but "Grandad" or "Mum" is a relative's word
            if fond or len(named) == len(words) > 1:
                yield " ".join(words)  # "Jazzy B", its initial with it; "Big Man" whole
    fond_speakers = list(_FOND_SPEAKER.finditer(text)) if ":" in text else []
    if fond_speakers and len(fond_speakers) + len(_SPEAKER.findall(text)) >= _A_CHAT:
        for match in fond_speakers:
            words = tokens_of(match.group("name"))
            if words[0].casefold() not in FAMILY_ADJECTIVES and (
                    words[0].casefold() in NOT_NAMES | _LOG_WORDS | ROLES
                    or lexicon.is_ordinary(words[0]) or lexicon.is_known_non_person(words[0])):
                continue  # "Plan B: go home", "Mum B: …"
            if not _a_relatives_word(words):
                yield " ".join(words)  # "Lil T: where u at", but "Big Sis: ring me"
    for match in _SENDER.finditer(text):
        pair = f"{match.group('first')} {match.group('surname')}"
        if looks_like_a_name(pair):
            yield pair
    for match in _DISPLAY_NAME.finditer(text):
        if not all(lexicon.is_ordinary(word) or lexicon.is_known_non_person(word)
                   for word in tokens_of(match.group("name"))):
            yield match.group("name")  # not "From: Hexby Council <…>"


def _a_relatives_word(words: list[str]) -> bool:
    """A contact saved as a relative's word with a family adjective before it: "Big Sis",
    "Little Sis", "Baby Bro" name no one (but "Big Jay", "Big Man" and "Auntie Shaz" do)."""
    return len(words) > 1 and words[-1].casefold() in ROLES - OTHER_ROLES and all(
        word.casefold() in FAMILY_ADJECTIVES for word in words[:-1])


# In a chat's message typed in lower case, a capitalised word is someone's name: "bring Ace",
# "is Will there". A word that is no name ("Mum", "Snapchat") or a place the lists know
# ("Leeds") stays.
_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][a-z]{1,20}(?![\w'’])")
_MESSAGE_REACH = 200


def _named_in_a_message(text: str, start: int) -> Iterator[str]:
    end = text.find("\n", start, start + _MESSAGE_REACH)
    message = text[start : end if end >= 0 else start + _MESSAGE_REACH].strip()
    if not message[:1].islower():
        return
    for word in _CAPITALISED.findall(message):
        if word.casefold() not in NOT_NAMES | _LOG_WORDS and not (
                lexicon.is_known_non_person(word)):
            yield word


def _a_log_heading(name: str) -> bool:
    """An English word that is no listed name ("Handover", "Debrief"): a log's line, not a
    chat's speaker, unless what it says starts in lower case."""
    return " " not in name and lexicon.zipf(name) >= lexicon.LEAST_COMMON_KEPT and not (
        lexicon.is_first_name(name) or lexicon.is_surname(name))


# The name under a sign-off in a message quoted in the narrative ("Cheers\nNeil'").
_SIGNED = re.compile(
    r"(?im)(?:^[ \t>]*|[.!?][ \t]+)(?:(?:many|kind|best|warm)[ \t]+)?"
    r"(?:thanks|thank[ \t]+you|cheers|regards|wishes|love|ta)[ \t]*[,.!]?[ \t]*\n[ \t>]*"
    rf"(?P<name>(?-i:{WORD})(?:[ \t]+(?-i:{WORD}))?)[ \t]*['’\"”]?[ \t]*x*[ \t]*$")


def _signed_names(text: str) -> Iterator[str]:
    for match in _SIGNED.finditer(text):
        if looks_like_a_name(match.group("name")) or lexicon.is_first_name(match.group("name")):
            yield match.group("name")


# A nickname between a first name and a surname, with no age or role after to say it is a
# person: Liam "Snake" Kerr, Kyle 'Fridge' Ambler, Rebecca (Becky) Lomas, Shannon [Shan]
# Greaves, Jonas ‚Jojo‘ Weber (read as ‘Jojo‘). The words around the quotes must be a listed
# first name and a surname, so "He said 'No' Then" and "Oasis 'Wonderwall' Live" stay.
_AROUND_A_NICKNAME = re.compile(
    rf"(?<![\w'’\-])(?P<first>{WORD}){NICKNAME}{LINE_GAP}(?P<last>{WORD})(?![\w\-]|['’](?!s\b))")


# What a name with a bracketed or quoted word inside may end in and no surname does: "Grace
# (Gospel) Choir", "Santa 'Claus' Parade" (a street type that is no surname, too).
_GROUP_WORDS = frozenset({"choir", "band", "crew", "squad", "festival", "fest", "show"})


def _names_around_a_nickname(text: str) -> Iterator[str]:
    for match in _AROUND_A_NICKNAME.finditer(text):
        first, last = match.group("first"), match.group("last")
        if lexicon.is_first_name(first) and first.casefold() not in NOT_NAMES | ROLES and (
                looks_like_a_name(last) or lexicon.is_surname(last)) and (
                not _no_surname_after_a_nickname(last)):
            yield " ".join(tokens_of(match.group()))


def _no_surname_after_a_nickname(word: str) -> bool:
    """A word that ends a group's or a street's name, never a surname: "Grace (Gospel)
    Choir", "Santa 'Claus' Parade"."""
    return word.casefold() in NOT_NAMES | _GROUP_WORDS or (
        word.casefold() in _STREET_TYPES and not lexicon.is_surname(word))


# A surname's small words between a first name and the rest of it: "Khalid bin Saleh",
# "Dafydd ap Gwyn", "Ciarán Ó Briain", "Maria de Souza". The particle splits the run of
# capitalised words, so a name opening a sentence would lose all but its surname. The first
# word must be a listed first name or no word at all ("Dafydd"), so "Tour de France" and
# "Costa del Sol" (a surname, not a first name) stay; so does a place after "in" or "to".
_AROUND_A_PARTICLE = re.compile(
    rf"(?<![\w'’\-])(?P<first>{WORD})[ \t]+(?:{PARTICLE}){{1,2}}(?P<last>{WORD}|{CAPS_WORD})"
    rf"(?![\w\-]|['’](?!s\b))")


# A Gaelic surname with its article: "Caoimhe Mac an tSaoir", "Seonag Nic a' Phearsain", its
# last word perhaps with a letter before its capital ("tSaoir", "hÉireann", "nGael").
_GAELIC_SURNAME = re.compile(
    rf"(?<![\w'’\-])(?P<first>{WORD})[ \t]+(?:Mac|Mhic|Nic|Ní|Ó|Uí)[ \t]+(?:an|a['’])[ \t]+"
    rf"(?:[thn](?=[{UP}]))?[{UP}][{LOW}]{{1,20}}(?![\w'’\-])")


# A couple by their first names and the surname they share: "Jackie and Mal Dunderdale", the
# second first name perhaps also a word ("Mal", "Will").
_A_COUPLE = re.compile(rf"(?<![\w'’\-])(?P<first>{WORD})[ \t]+(?:and|&)[ \t]+(?P<second>{WORD})"
                       rf"[ \t]+(?P<last>{WORD})(?![\w\-]|['’](?!s\b))")


# A first name opening a sentence, said to be someone's by the role after it: "'Sarah my
# social worker and …'", "Kev, our youth worker, came"; or a name between commas with an age
# after it: "Another foster child there, Deacon, was 6."
_A_NAME_AND_ITS_ROLE = re.compile(
    rf"(?<![\w’\-])(?<!\w')(?P<name>{WORD}),?[ \t]+(?:my|our|his|her|their)[ \t]+"
    rf"(?P<role>[a-z]{{1,20}}(?:[ \t]+[a-z]{{1,20}})?)(?![\w'’\-])")
_A_NAME_AND_AN_AGE = re.compile(
    rf",[ \t]+(?P<name>{WORD}),[ \t]+(?:was|is|aged)[ \t]+\d{{1,2}}"
    rf"(?=[ \t]*(?:[.,;:)]|$|(?:years?|yrs?|months?)(?![\w'’\-])))", re.MULTILINE)


# A first name and a capitalised word with an age after them: "found with Jack Fell (19)",
# "Jack Fell, 19, was arrested": a person, though "Jack Fell" might be a thing's name as
# "Love Island" is.
_A_FIRST_NAME_AND_A_WORD_AGED = re.compile(
    rf"(?<![\w'’\-])(?P<first>{WORD})[ \t]+(?P<last>{WORD})"
    rf"(?=[ \t]*\([ \t]*(?:aged?[ \t]+)?\d{{1,2}}[ \t]*\)|,[ \t]*(?:aged?[ \t]+)?\d{{1,2}}[ \t]*,)")


def _named_by_a_role_or_an_age(text: str) -> Iterator[str]:
    for match in _A_FIRST_NAME_AND_A_WORD_AGED.finditer(text):
        first, last = match.group("first"), match.group("last")
        if lexicon.is_first_name(first) and first.casefold() not in NOT_NAMES | ROLES and (
                last.casefold() not in NOT_NAMES | ROLES | _THINGS_AFTER_A_NAME) and not (
                lexicon.is_known_non_person(f"{first} {last}")):
            yield f"{first} {last}"
    for match in _A_NAME_AND_ITS_ROLE.finditer(text):
        name = match.group("name")
        if lexicon.is_first_name(name) and name.casefold() not in NOT_NAMES | ROLES and any(
                word in ROLES for word in match.group("role").split()):
            yield name
    for match in _A_NAME_AND_AN_AGE.finditer(text):
        name = match.group("name")
        if name.casefold() not in NOT_NAMES | PLACE_WORDS and (
                lexicon.is_first_name(name) or lexicon.is_surname(name) or (
                name.casefold() not in ROLES and not lexicon.is_ordinary(name))) and (
                not lexicon.is_known_non_person(name)):
            yield name


def _quoted_callers(text: str) -> Iterator[str]:
    for match in _QUOTED_CALLER.finditer(text):
        name = match.group("name")
        if name.casefold() not in NOT_NAMES and not lexicon.is_ordinary(name) and (
                not lexicon.is_known_non_person(name)):
            yield name
    for match in _QUOTED_SUBJECT.finditer(text):
        if match.group("verb") in _SUBJECTS_VERBS and lexicon.is_rare(match.group("name")) and (
                match.group("name").casefold() not in NOT_NAMES):
            yield match.group("name")  # "'Skinz' drives a grey car"


_NOT_A_SECOND_NAME = NOT_NAMES | ROLES | PARTICLE_WORDS | FAMILY_ADJECTIVES  # "Little Shaq"


# A person's other names, two of them: "On the estate Kieran is Atko or Akko".
_IS_THIS_OR_THAT = re.compile(
    rf"(?<![\w'’\-])(?P<name>{WORD})[ \t]+is[ \t]+(?P<one>{WORD})[ \t]+or[ \t]+(?P<other>{WORD})"
    rf"(?![\w\-]|['’]\w)")


def _names_this_or_that(text: str) -> Iterator[str]:
    for match in _IS_THIS_OR_THAT.finditer(text):
        one, other = match.group("one", "other")
        if lexicon.is_first_name(match.group("name")) and all(
                not lexicon.is_ordinary(word) and not lexicon.is_known_non_person(word)
                and word.casefold() not in NOT_NAMES | ROLES for word in (one, other)):
            yield one
            yield other


def _couples(text: str) -> Iterator[str]:
    for match in _A_COUPLE.finditer(text):
        first, second, last = match.group("first", "second", "last")
        if lexicon.is_first_name(first) and not lexicon.is_ordinary(first) and (
                second.casefold() not in _NOT_A_SECOND_NAME) and (
                not lexicon.is_known_non_person(second)) and (
                looks_like_a_name(last) and not lexicon.is_ordinary(last)) and (
                not lexicon.is_first_name(last)) and (
                _before(text, match.start()) not in PLACE_WORDS):
            yield f"{second} {last}"
        elif _a_rare_first_name_of_a_couple(text, match):
            yield first  # "the Okonjos (Funmi and Tayo Okonjo)"
            yield f"{second} {last}"


def _a_rare_first_name_of_a_couple(text: str, match: re.Match[str]) -> bool:
    """A word no list has, joined by "and" to a full name of such words, in brackets or
    after a word that says people follow: "(Funmi and Tayo Okonjo)", "with Funmi and …"."""
    first, second, last = match.group("first", "second", "last")
    opened = text[max(0, match.start() - 1) : match.start()] == "(" or (
        _before(text, match.start()) in _PEOPLE_BEFORE)
    return opened and all(
        lexicon.is_rare(word) and word.casefold() not in _NOT_A_SECOND_NAME
        and not lexicon.is_known_non_person(word) for word in (first, second, last))


def _names_around_a_particle(text: str) -> Iterator[str]:
    for match in _GAELIC_SURNAME.finditer(text):
        first = match.group("first")
        if (lexicon.is_first_name(first) or lexicon.is_rare(first)) and (
                first.casefold() not in NOT_NAMES | ROLES):
            yield " ".join(tokens_of(match.group()))
    for match in _AROUND_A_PARTICLE.finditer(text):
        first, last = match.group("first"), match.group("last")
        name = " ".join(tokens_of(match.group()))
        if (lexicon.is_first_name(first) or lexicon.is_rare(first)) and (
                first.casefold() not in NOT_NAMES | ROLES) and (
                looks_like_a_name(last) or lexicon.is_surname(last)) and (
                last.casefold() not in NOT_NAMES) and not lexicon.is_known_non_person(name) and (
                _before(text, match.start()) not in PLACE_WORDS | _SAINTS):
            yield name  # but "the St Vincent de Paul Society" is a saint's


# One to three words in capitals right before an age in brackets, as a record heads a
# person: "TYRESE MOXON (17) is a concern", "TY'RESE MOXON (17)", "TA'NIYAH (15)", or in a
# table's cell ("NATHAN CROWTHER | 27 | drives her"); or after a court's number for a party:
# "(2) KERRY FIRTH, (3) DANIEL FIRTH and (4) DEMI-LEE FIRTH (Respondents)". One word must be
# a listed name (a first name, when it is alone) or have an apostrophe inside as no English
# word does, and none may be a common word, an acronym the referral uses or a place: "PLEASE
# NOTE (2) ITEMS", "NHS TRUST (2)", "NHS TRUST | 2 |", "(2) NHS TRUST" and "APPENDIX (2)"
# stay.
_CAPITALS_WORD = rf"(?:{CAPS_WORD}|[{UP}]{{1,3}}['’][{UP}]{{3,}})"
# The age in brackets or in the next cell, guessed at too: "(approx 25)", "(AGED ABOUT 30)",
# "| approx 30 |".
_CAPITALS_WITH_AN_AGE = re.compile(
    rf"(?<![\w'’\-])(?P<name>{_CAPITALS_WORD}(?:[ \t]+{_CAPITALS_WORD}){{0,2}})"
    rf"[ \t]*(?:(?P<bracket>\()|\|)[ \t]*(?P<guessed>(?i:(?:aged[ \t]+)?(?:approx(?:\.|imately)?"
    rf"[ \t]*|c\.[ \t]*|about[ \t]+|around[ \t]+|circa[ \t]+|~[ \t]*)|aged[ \t]+))?\d{{1,2}}[ \t]*"
    rf"(?(bracket)\)|(?:\||$))", re.MULTILINE)
_A_PARTY_IN_CAPITALS = re.compile(
    rf"\([ \t]*\d{{1,2}}[ \t]*\)[ \t]+(?P<name>{_CAPITALS_WORD}(?:[ \t]+{_CAPITALS_WORD}){{0,2}})"
    rf"(?![\w'’\-])")
_APOSTROPHE_INSIDE = re.compile(r"\w['’]\w{3}")
# A name in capitals with an apostrophe inside, alone: "D'ANGELO rang", "TA'NIYAH"; the
# part after it a listed first name, or the whole no word ("O'CLOCK", "DON'T" stay). A
# listed surname in capitals after it goes with it: "D'SHAWN MCINTYRE AT THE STATION".
_APOSTROPHE_IN_CAPITALS = re.compile(
    rf"(?<![\w'’\-])(?P<first>[{UP}]{{1,3}}['’][{UP}]{{3,}})(?![\w\-]|['’](?![sS](?![\w'’\-])))"
    rf"(?:[ \t](?P<surname>{CAPS_WORD})(?![\w'’\-]))?")


def _names_in_capitals_with_an_age(text: str) -> Iterator[str]:
    for match in (*_CAPITALS_WITH_AN_AGE.finditer(text), *_A_PARTY_IN_CAPITALS.finditer(text)):
        words = written = match.group("name").split()
        if match.re is _CAPITALS_WITH_AN_AGE:  # "HE WAS WITH JAYLEN (15)", "HEXBY WITH
            # BRAXTON (16)": the words before the name are a sentence's
            words = words[_after_the_last_word_no_name_is(words):]
            if len(written) > 1 and written[-2].casefold() in FAMILY_ADJECTIVES and (
                    _a_nickname_in_capitals(written[-1], aged=True)):
                yield " ".join(written[-2:])  # "BIG SHAQ | approx 30": a nickname
                continue
        if words and any(lexicon.is_first_name(word) or (
                lexicon.is_surname(word) and len(words) > 1)
                or _APOSTROPHE_INSIDE.search(word) for word in words) and not any(
                _no_name_in_capitals(word) for word in words):
            yield " ".join(words)
        elif len(words) == 1 and match.re is _CAPITALS_WITH_AN_AGE and (
                guessed := match.group("guessed")) and _a_nickname_in_capitals(
                words[0], aged="aged" in guessed.casefold()):
            yield words[0]  # "KELSO (AGED APPROX 25)", "STEVO (approx 30)": an age guessed at
    for match in _APOSTROPHE_IN_CAPITALS.finditer(text) if "'" in text or "’" in text else ():
        word = match.group("first")
        after = re.split("['’]", word)[1]
        if not _no_name_in_capitals(after) and (lexicon.is_first_name(after) or (
                lexicon.zipf(word) == 0 and not _no_name_in_capitals(word))):
            surname = match.group("surname")
            yield word if surname is None or _no_name_in_capitals(surname) or (
                not lexicon.is_surname(surname)) else f"{word} {surname}"


def _after_the_last_word_no_name_is(words: list[str]) -> int:
    """Where the name begins among words in capitals before an age: after the last word no
    name is ("WITH" of "HEXBY WITH BRAXTON")."""
    return max((index + 1 for index, word in enumerate(words) if _no_name_in_capitals(word)),
               default=0)


def _a_nickname_in_capitals(word: str, *, aged: bool) -> bool:
    """A word in capitals that is no English word, acronym or place and has a vowel, as a
    nickname or a surname does ("KELSO", "STEVO"): a person where an age is guessed after
    it; a middling word too where "aged" says so ("DEXTER (AGED APPROX 40)", not "APPENDIX
    (approx 2)")."""
    shapes = ("name", "rare", "plain") if aged else ("name", "rare")
    return len(word) >= 4 and lexicon.kind(word) in shapes and (
        _A_VOWEL.search(word) is not None) and word.casefold() not in ABBREVIATIONS and (
        not _no_name_in_capitals(word))


def _no_name_in_capitals(word: str) -> bool:
    """A word in capitals no name is: a common word, a role, an acronym the referral uses or
    a place."""
    return (word.casefold() in NOT_NAMES | ROLES or lexicon.is_ordinary(word)
            or lexicon.is_known_non_person(word))


# A nickname between a first name and a surname, all in capitals: "LIAM 'SNAKE' KERSHAW,
# aged 24". The first word must be a listed first name; neither it nor the surname may be a
# word no name is (a surname as common as a word, "SMITH", aside).
_AROUND_A_NICKNAME_IN_CAPITALS = re.compile(
    rf"(?<![\w'’\-])(?P<first>{CAPS_WORD})[ \t]+[\"“‘(\['](?P<nickname>[{UP}][{UP}\d'’\-]{{0,15}})"
    rf"[\"”’)\]'“‘][ \t]+(?P<last>{CAPS_WORD})(?![\w\-]|['’](?![sS]\b))")


def _names_around_a_nickname_in_capitals(text: str) -> Iterator[str]:
    for match in _AROUND_A_NICKNAME_IN_CAPITALS.finditer(text):
        first, last = match.group("first"), match.group("last")
        if lexicon.is_first_name(first) and not _no_name_in_capitals(first) and not (
                _no_surname_after_a_nickname(last) or last.casefold() in ROLES
                or lexicon.is_known_non_person(last)
                or (lexicon.is_ordinary(last) and not lexicon.is_surname(last))):
            yield f"{first} {last}"
            yield match.group("nickname")


# A postal code after an address's comma, before its town: "…, 75019 Paris", "…, 80-123 Gdańsk".
_POSTAL_CODE_BEFORE = re.compile(r",[ \t]*(?:\d{4,5}|\d{2}-\d{3})[ \t]+$")


_A_PETS_NAME = "(a pet's name)"  # what `_before` says of "a pony called Jasper"


def _a_thing_before(words: list[str]) -> bool:
    """The words before "called" end in a pet or a thing: "dog", "dog is", "server"."""
    if words and words[-1] in ("is", "was"):
        words = words[:-1]
    return bool(words) and words[-1] in CALLED_THINGS


def _before(text: str, start: int) -> str:
    """The word right before a run; "in" after a move ("moved to Lincoln", "came from Hull")
    or a postal code ("…, 75019 Paris"); "with" of "with that Mikey"."""
    window = text[max(0, start - 60) : start]
    if _POSTAL_CODE_BEFORE.search(window):
        return "in"
    words = list(_LETTERS.finditer(window))
    if not words or not _CLOSE_GAP.fullmatch(window, words[-1].end()):
        return ""
    word = words[-1].group().casefold()
    if word in ("called", "named") and _a_thing_before(
            [w.group().casefold() for w in words[-3:-1]]):
        return _A_PETS_NAME  # "My dog is called Rolo", "a pony called Jasper": a pet's name
    if word in ("that", "this") and len(words) > 1 and words[-2].group().casefold() == "with":
        return "with"
    moved = any(w.group().casefold() in _MOVES for w in words[-5:-1])
    return "in" if word in ("to", "from") and moved else word


def _starts_sentence(text: str, start: int) -> bool:
    """Nothing but an opening quote or bullet between the run and a sentence's end (an
    abbreviation's full stop, "i.e." or "e.g.", ends none)."""
    index = start - 1
    while index >= 0 and (text[index] in " \t" or text[index] in _OPENERS):
        index -= 1
    if index >= 0 and _ABBREVIATION_BEFORE.search(text, max(0, index - 8), index + 1):
        return False
    return index < 0 or text[index] in _SENTENCE_ENDS


def _names_in_run(words: list[str], sentence_start: bool,
                  context: tuple[str, str, bool]) -> Iterator[str]:
    """The pieces of the run between words that cannot be in a name, each judged alone."""
    before, after, possessive = context
    if lexicon.is_known_non_person(" ".join(words)):
        return
    for index, (given, surname) in enumerate(zip(words, words[1:], strict=False)):
        if given.casefold() in WORDS_AS_FIRST_NAMES and given.istitle() and (
                _a_surname_after_a_word(surname, ends_the_run=index + 2 == len(words))):
            yield f"{given} {surname}"  # "Will Sharma is her friend", but "Will Smith"
        elif given.casefold() in PET_FORMS and given.istitle() and lexicon.is_surname(surname) and (
                not lexicon.is_ordinary(surname)):
            yield f"{given} {surname}"  # "Mo Rahman (youth worker)": a pet form that is a word
    piece: list[str] = []
    for index, word in enumerate([*words, ""]):
        if word and _may_be_in_a_name(word, piece) and not (
                index == 0 and sentence_start and an_english_words_s_form(word)):
            # a sentence opened by a verb or a plural ("Attends Masjid Ghousia") is no name
            piece.append(word)
            continue
        if piece:
            first = index - len(piece) == 0
            previous = before if first else words[index - len(piece) - 1].casefold()
            following = after if not word else word.casefold()
            # "the Briggs family": a family word after the run, never inside it ("Northby
            # Family Court" is a court), nor owning what follows ("Northby Children's
            # Services" is a council's)
            family = len(piece) == 1 and (
                (not word and _a_family(piece[0], previous, after))
                or (word.casefold() in _FAMILY_WORDS and index == len(words) - 1
                    and not possessive))
            if _a_things_name(piece, word, previous, following):
                pass  # "Love Island", "the Hope Centre", "a Merlin check": no one
            elif word.casefold() in _EPONYMS_IN_A_RUN:
                pass  # "the Philomena Protocol", "Sarah Payne Law": a law, no person
            elif word.casefold() in _BUILDING_PARTS and first and previous == "the":
                pass  # "the Florence Nightingale Wing": a hospital's wing, named for her
            elif word.casefold() in BUSINESS_NOUNS | WORSHIP_NOUNS:
                pass  # "Streamline Taxis", "Anatolia Kebab House", "Paw Patrol": a business's;
                # "Guru Nanak Gurdwara": a place of worship's
            elif len(piece) == 1 and word.isupper() and an_agency(f"{piece[0]} {word}"):
                pass  # "works with Northby YJS": a town's service, not a person with it
            elif family or _is_a_name(piece, sentence_start and first, previous, following,
                                      possessive and not word):
                yield " ".join(piece)
                if word and index == len(words) - 1 and _a_word_as_a_surname(word, piece[-1]):
                    yield f"{' '.join(piece)} {word}"  # "Jaxon Fell": his surname too
        piece = []


def _a_surname_after_a_word(word: str, *, ends_the_run: bool) -> bool:
    """A surname after a first name that is also a word ("Will", "Pat"): a listed surname
    that is no first name and no word ("Sharma"), or, ending the run, a word no list knows
    ("Quennell") that is no place the lists know, no role and no place's ending ("Will Leeds
    accept her?", "Will Hexby Council agree?" and "Pat Hill Top" name no one)."""
    if lexicon.is_surname(word) and lexicon.is_name(word) and not lexicon.is_first_name(word):
        return True
    folded = word.casefold()
    return ends_the_run and lexicon.is_rare(word) and not word.isupper() and not (
        folded in NOT_NAMES | ROLES | PLACE_ENDS | _STREET_TYPES
        or lexicon.is_known_non_person(word))


# A season before a term or a holiday: "PEP (Autumn term)", "the Summer holidays".
_SEASONS = frozenset({"spring", "summer", "autumn", "winter"})
_SEASON_NOUNS = frozenset({"term", "terms", "half", "holiday", "holidays", "break", "scheme",
                           "fair", "camp", "club", "school"})
# After these, a run that ends in a place's ending is a place: "on Ilkley Moor", "to Oakby Bank".
_BEFORE_A_PLACE = PLACE_WORDS | {"on", "to", "from", "up", "over", "the", "onto"}


def _a_things_name(piece: list[str], word: str, before: str, after: str) -> bool:
    """A first name that begins a thing's name: as common as a word, before a common word in
    capitals that no name has ("Love Island", "Hope Centre"); a season before a term ("Autumn
    term"), after "a" or "an" before a word in lower case ("a Merlin check"), a run ending
    in a place's ending after a word that leads to a place ("on Ilkley Moor"), or one of no
    listed name after "the" ("the Polski Sklep")."""
    first = piece[0]
    if len(piece) > 1:
        if any(lexicon.is_first_name(part) for part in piece[:-1]):
            return False
        return (piece[-1].casefold() in PLACE_ENDS and before in _BEFORE_A_PLACE) or (
            before == "the" and not any(map(lexicon.is_surname, piece)))  # "the Polski Sklep"
    if word:  # the run goes on in capitals
        return lexicon.is_first_name(first) and lexicon.zipf(first) >= lexicon.WORDY and (
            lexicon.is_ordinary(word) and word.casefold() not in ROLES | NOT_NAMES)
    return (first.casefold() in _SEASONS and after in _SEASON_NOUNS) or (
        before in ("a", "an") and after.isalpha() and after not in _PEOPLE_AFTER)


def _a_surname_in_capitals(word: str, piece: list[str]) -> bool:
    """A word no list knows, in capitals, after a first name in capitals that is no word:
    "RILEY BOOCOCK" written inside a coat; not "MAY CAMHS" nor "GRACE NHS"."""
    return len(piece) == 1 and lexicon.is_first_name(piece[0]) and (
        not lexicon.is_ordinary(piece[0])) and len(word) > 3 and (
        _A_VOWEL.search(word) is not None) and not lexicon.is_ordinary(word) and (
        word.casefold() not in ABBREVIATIONS) and not lexicon.is_known_non_person(word)


# A name in capitals in quotes, as a label or a note writes it: "still has 'RILEY BOOCOCK'
# written inside" (a quoted title in capitals has no listed first name first).
_QUOTED_IN_CAPITALS = re.compile(
    rf"(?<![\w'’])['‘\"“](?P<run>{CAPS_WORD}(?:[ \t]{CAPS_WORD}){{1,2}})['’\"”](?![\w'’])")


def _quoted_names_in_capitals(text: str) -> Iterator[str]:
    for match in _QUOTED_IN_CAPITALS.finditer(text):
        words = match.group("run").split()
        if all(_may_be_in_a_name(word, words[:index]) for index, word in enumerate(words)) and (
                _named_in_capitals(words)) and not lexicon.is_known_non_person(" ".join(words)):
            yield " ".join(words)


def _may_be_in_a_name(word: str, piece: list[str]) -> bool:
    folded = word.casefold()
    if folded in BUSINESS_NOUNS or folded in _EPONYMS_IN_A_RUN or folded in WORSHIP_NOUNS:
        return False  # the piece before it is a business's name, a law's or a mosque's
    if _a_specialty(word):
        return False  # "(Paediatric Neurology)": a doctor's specialty, no name
    if folded in THING_NOUNS and len(piece) == 1 and lexicon.zipf(piece[0]) >= lexicon.WORDY:
        return False  # "the Summer Fair", "Grace Church": a thing's name, not "Grace" Church
    if folded in SURNAMES_TOO and piece and lexicon.is_first_name(piece[-1]):
        return True  # "Paddy Ward", "Tom English"
    if folded in NOT_NAMES or folded in ROLES or folded in _STREET_TYPES:
        return False
    if (piece[0] if piece else word).isupper():  # begun in capitals: "JOHN PIKE", not "DAN ACE"
        return lexicon.is_name(word) or (word.isupper() and double_barrelled(word)) or (
            word.isupper() and _a_surname_in_capitals(word, piece)) or (
            _a_family_name_in_pinyin(word) if not piece  # "ROSSITER-HOLT", "ZHAO Lei"
            else len(piece) == 1 and _a_name_in_pinyin([*piece, word]))
    if word.isupper():  # "MENSAH" beside a first name; alone, an acronym ("Kyle AKA 'K'"),
        # and so, without a vowel, after a word no first name is ("Northby LSCP", "Crane
        # LLP"), but "Nikos PAPADAKIS"
        return not lexicon.is_ordinary(word) and folded not in ABBREVIATIONS and (
            lexicon.is_name(word) or any(map(lexicon.is_first_name, piece))
            or (_A_VOWEL.search(word) is not None and (  # not "Northby EDT", but "Wei XU"
                len(word) > 3 or lexicon.is_pinyin(word))))
    if any(lexicon.is_first_name(part) for part in piece):  # "Lee Barrow", "Ava Marsh"
        return lexicon.is_surname(word) or lexicon.zipf(word) < _SURNAME_AFTER_FIRST_NAME
    return not lexicon.is_ordinary(word)


# What a capitalised word after a first name names rather than a person's surname: "the
# Summer Term", "Crystal Palace", "Rose Garden".
_THINGS_AFTER_A_NAME = THING_NOUNS | PLACE_ENDS | frozenset(
    {"term", "terms", "half", "half-term", "holiday", "holidays", "break", "scheme", "school",
     "palace", "garden", "gardens", "park", "station", "sports", "warning", "alert", "delight",
     "tea", "chains", "chain", "day", "days", "week", "weeks", "night", "nights"})


def _a_word_as_a_surname(word: str, first: str) -> bool:
    """A capitalised English word after a first name taken for a person's, which is no
    English word, is its surname, whatever the word: "Jaxon Fell", "Kian Rest"; not a
    thing's noun ("Jaxon Park"), and not after a first name that is a word as much ("Summer
    Holidays", "Will Power"), where only an age says a person
    (`_A_FIRST_NAME_AND_A_WORD_AGED`). The word ends the run of capitalised words: in a
    message typed in title case ("My Sister Tracy Says She Cant") it is no surname."""
    return word.istitle() and word.casefold() not in NOT_NAMES | ROLES and (
        lexicon.is_first_name(first)) and (
        lexicon.zipf(first) < lexicon.WORDY) and not lexicon.is_ordinary(first) and (
        word.casefold() not in _THINGS_AFTER_A_NAME) and not lexicon.is_known_non_person(word)


def _is_a_name(piece: list[str], sentence_start: bool, before: str, after: str,
               possessive: bool) -> bool:
    if before == _A_PETS_NAME or before in WORSHIP_NOUNS:
        return False  # "Masjid Noor": the mosque's name
    if before in _SAINTS or lexicon.is_known_non_person(" ".join(piece)) or (
            len(piece) == 1 and piece[0].casefold() in SERVICES):  # "with Brook", a service
        return False
    if piece[0].isupper() and not _named_in_capitals(piece) and not (
            possessive and _a_first_name_in_capitals(piece)):
        return False
    said_of_a_person = possessive or before in _PEOPLE_BEFORE or after in _PEOPLE_AFTER
    if len(piece) > 1:
        if any(lexicon.is_name(word) for word in piece):
            return not (before in PLACE_WORDS and not possessive) or sentence_start
        if before in PLACE_WORDS and not possessive:
            return False
        plainly = all(lexicon.is_pinyin(word) for word in piece) or all(
            lexicon.zipf(word) < _SEEMS_PLAIN for word in piece)
        return plainly or said_of_a_person or after in _RUN_AFTER
    word = piece[0]
    if word[1:2] in ("'", "’") and word[:1].isupper() and lexicon.is_first_name(word[2:]):
        return True  # "D'Angelo's car was seen.", "D’Andre rang": a first name after "D'"
    if _an_apostrophe_name(word):
        return True  # "Ty’rese’s mum rang.", "Da'Shawn's brother"; not "Insha'Allah"
    if sentence_start and not (possessive and _a_first_name_owning(piece)):
        return lexicon.is_name(word) and lexicon.zipf(word) < lexicon.ORDINARY
    if (before in PLACE_WORDS and not possessive) or after == "of":  # "the Duke of York"
        return False
    if before in PARTICLE_WORDS:  # "the Costa del Sol": a surname's small words go with a
        return False  # first name before them ("Lucía del Río", `_names_around_a_particle`)
    if possessive and (lexicon.zipf(word + "s") >= lexicon.ORDINARY  # "McDonald's", a shop
                       or lexicon.is_known_non_person(word + "'s")):  # "Nando's"
        return False
    if before == "the" and lexicon.zipf(word) >= _SEEMS_PLAIN and not said_of_a_person:
        return False  # "the Summer (Holiday) Scheme", "the Hope Centre": a first name as common
        # as a word, after "the", begins a scheme's or a place's name
    if lexicon.is_first_name(word) or (word.casefold() in PET_FORMS and len(word) > 3 and (
            not lexicon.is_ordinary(word))):  # "with Deano and Mikey": a listed pet form
        return True
    return said_of_a_person and not lexicon.is_ordinary(word) and not (
        an_english_words_s_form(word))  # "Joined Scouts": a group, no one


# A name with an apostrophe inside it, between letters as no English word has one: "Ty’rese",
# "Da'Shawn", "Ke’andra" (not "O'Neill", a surname, nor "Ma'am"; WORD leaves out "She'll").
_INNER_APOSTROPHE = re.compile(rf"[{UP}][{LOW}]+['’][{UP}{LOW}][{LOW}]{{2,}}")
# Words of faith and places spelt with an apostrophe inside that word lists spell without one.
_APOSTROPHE_WORDS = frozenset({"ba'ath", "ba'athist", "ba'athists"})


def _an_apostrophe_name(word: str) -> bool:
    """A name shaped as no word is, with an apostrophe inside ("Ty’rese", "Da'Shawn"): never a
    word the lists know spelt so ("Qur'anic", "Shi'ite"), nor one with a word for a part
    ("Insha'Allah")."""
    folded = word.casefold().replace("’", "'")
    return (_INNER_APOSTROPHE.fullmatch(word) is not None and not lexicon.is_ordinary(word)
            and lexicon.zipf(word) == 0 and folded not in _APOSTROPHE_WORDS
            and not any(part in NOT_NAMES for part in folded.split("'")))


_FAMILY_WORD_LIST = """
    family families household clan twins brothers sisters boys girls kids children siblings"""
_FAMILY_WORDS = frozenset(_FAMILY_WORD_LIST.split())


def _a_family(word: str, before: str, after: str) -> bool:
    """A surname naming a family: "the Briggs family", "the Okafors" (the plural of a listed
    surname that is no English word, so "the Stones" stays)."""
    if after in _FAMILY_WORDS:
        return not lexicon.is_ordinary(word) and lexicon.kind(word) != "plain"
    stem = word[:-2] if word.endswith("ses") else word[:-1]  # "the Briggses", "the Okafor-Reids"
    return (before == "the" and word.endswith("s")
            and any(lexicon.is_surname(part) for part in stem.split("-"))
            and not lexicon.is_ordinary(word) and not lexicon.is_ordinary(stem))


# "the Oyelowos", "the Kirkbride-Ferns", "The Walkers (Tia's grandparents)": a family by its
# surname's plural. One or two capitalised words joined by a hyphen, then "s"; the bracket's
# words are bounded, so each "the" costs a constant.
_THE_FAMILY = re.compile(rf"(?<![\w'’\-])[Tt]he[ \t]+(?P<name>[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?s)"
                         rf"(?![\w\-]|['’]\w)(?P<owning>['’](?![\w'’]))?")
_KIN_IN_BRACKETS = re.compile(
    r"[ \t]*\([^()\n]{0,40}?(?:parent|grand|mother|father|aunt|uncle|cousin|carer|family|"
    r"relative|in-laws)", re.IGNORECASE)


def _families_by_their_plural(text: str) -> Iterator[str]:
    """A family named by its surname's plural after "the": a plural no English text uses
    (Zipf 0) of words no list has as ordinary, at least one of them rare or a name ("the
    Oyelowos", "the Kirkbride-Ferns"); or a listed surname's plural, even a word's, with a
    relative in brackets after it ("The Walkers (Tia's paternal grandparents)"), or owning
    something ("the Wrights' caravan", "the Nwosus' house"). "The Cotswolds", "the Simpsons",
    "the Stones' tour" and "the Walkers crisps" name no family here."""
    for match in _THE_FAMILY.finditer(text):
        word = match.group("name")
        stem = word[:-1]
        parts = stem.split("-")
        unheard = lexicon.zipf(word) == 0 and not any(map(lexicon.is_ordinary, parts)) and any(
            lexicon.is_rare(part) or lexicon.is_name(part) for part in parts)
        if unheard or (lexicon.is_surname(stem) and _KIN_IN_BRACKETS.match(text, match.end())):
            yield word
        elif match.group("owning") and lexicon.is_surname(stem) and not (
                lexicon.is_ordinary(stem) or lexicon.is_known_non_person(stem)):
            yield word  # "the Wrights' caravan": what a family owns, by its surname's plural


# A pet name in quotes, and whom it is that to: "“Eefs” to Zoë", "'Tink' to her nan".
_QUOTED_TO = re.compile(rf"[‘“'\"](?P<name>[{UP}][{LOW}]{{1,15}})[’”'\"][ \t]{{1,3}}to[ \t]{{1,3}}"
                        rf"(?:[{UP}]|(?:her|him|his|their|the)(?![\w'’]))")


def _quoted_names_to_someone(text: str) -> Iterator[str]:
    """A quoted word that is no English word, and whom it is a name to: "“Eefs” to Zoë"."""
    for match in _QUOTED_TO.finditer(text):
        name = match.group("name")
        if not lexicon.is_ordinary(name) and name.casefold() not in NOT_NAMES:
            yield name


def _a_first_name_in_capitals(piece: list[str]) -> bool:
    """One word in capitals that owns something ("DEVONTE's cousin", "MAKAYLA'S mum"): a
    listed first name no common word is ("HOPE'S" and "GRACE'S" may be words) is a person."""
    return len(piece) == 1 and lexicon.is_first_name(piece[0]) and (
        lexicon.zipf(piece[0]) < lexicon.WORDY) and not _no_name_in_capitals(piece[0])


def _a_first_name_owning(piece: list[str]) -> bool:
    """One listed first name no common word is, owning something, as a sentence may open:
    "MARISSA's phone was seized", "Marissa's phone"; not "Hope's" or "Grace's"."""
    return _a_first_name_in_capitals(piece)


def _named_in_capitals(piece: list[str]) -> bool:
    """A run that starts in capitals is a name only as two or more words with a listed first
    name among them ("JOHN PIKE", "REID Mason", "ROSSITER-HOLT Damon"), or a Chinese family
    name before the given name ("ZHAO Lei"): alone, "ODD" or "SEN" is an acronym."""
    return len(piece) > 1 and (any(lexicon.is_first_name(word) for word in piece)
                               or _a_name_in_pinyin(piece))


def _a_name_in_pinyin(words: list[str]) -> bool:
    """A Chinese family name in capitals, as records write it first, and a given name in
    pinyin after it, neither a common English word: "LI Wei", "ZHAO Lei", "CHEN Xiaoling";
    not "SUN Hong" or "DA Team"."""
    return len(words) == 2 and _a_family_name_in_pinyin(words[0]) and words[1].istitle() and (
        _pinyin_and_no_word(words[1]))


def _a_family_name_in_pinyin(word: str) -> bool:
    return word.isupper() and _pinyin_and_no_word(word)


def _pinyin_and_no_word(word: str) -> bool:
    return lexicon.is_pinyin(word) and not lexicon.is_ordinary(word) and (
        word.casefold() not in NOT_NAMES | ABBREVIATIONS)


# A name in brackets after a name: "Jazz (Yasmin Okonkwo-Reid)", "陳麗華 (Chan Lai-wai)", with
# a Cantonese or Korean given name's lower-case part after its hyphen ("Lai-wai", "Chi-ming").
_BRACKETED_WORD = rf"{WORD}(?:-[{LOW}]{{2,}})?"
_BRACKETED = re.compile(
    rf"(?P<before>(?<![^\W\d_])[^\W\d_]{{1,40}}|['\"‘“][^'\"‘’“”\n]{{1,40}}['\"’”])[ \t]*\([ \t]*"
    rf"(?P<quote>['\"‘“][ \t]*)?(?P<name>{_BRACKETED_WORD}(?:[ \t]+{_BRACKETED_WORD}){{0,3}})"
    rf"(?(quote)[ \t]*['\"’”“‘])[ \t]*[,)]"
)


# A nickname in quotes right before the full name in brackets, in any case: '"LIL D"
# (D'ANDRE CAMPBELL-REID, 16)', "'Deano' (Dean Platt)".
_NICKNAME_BEFORE = re.compile(
    r"(?<![\w'’])[\"“'‘](?P<nickname>[^\"“”'‘’\n()]{1,30})[\"”'’][ \t]*\([ \t]*"
    r"(?P<inside>[^(),\n]{2,60})[,)]")
_MOST_NICKNAME_WORDS = 3


def _a_nickname_before(match: re.Match[str], known_tokens: set[str]) -> str | None:
    """The nickname in quotes before a name already known in brackets, every word of the name
    known ("D'Andre Campbell-Reid" of the form's brother); not a role or a service."""
    nickname = tokens_of(match.group("nickname"))
    inside = tokens_of(match.group("inside"))
    if not nickname or len(nickname) > _MOST_NICKNAME_WORDS or not (
            nickname[0][:1].isupper()) or _a_role(" ".join(nickname)):
        return None
    if all(fold(token) in known_tokens for token in inside) and any(
            len(token) >= 3 for token in inside):
        return " ".join(nickname)
    return None


def _a_bracketed_name(name: str) -> bool:
    """Two words or more, not all of them common words ("Yasmin Okonkwo-Reid", "Shahid
    Islam"); one word that could be a name ("Zuzka", "Lewy") and is no role or trade. A role
    or a service in brackets is no one ("(Solicitor)", "(Paediatrician)", "(Imam)",
    "(Virtual School)", "(Exploitation Lead)")."""
    tokens = tokens_of(name)
    if len(tokens) > 1:
        if tokens[-1].casefold() in ORGANISATION_ENDS:
            return False  # "Donna Ackroyd (Orchard Fostering)": where she works, no alias
        if _a_role(tokens[-1]) and not lexicon.is_surname(tokens[-1]) and not any(
                map(lexicon.is_first_name, tokens[:-1])):
            return False  # "(Community Paediatrician)", "(Senior Practitioner)"
        if any(token.casefold() in NOT_NAMES - SURNAMES_TOO for token in tokens):
            return False  # "(Cyngor Gwynedd)", "(Hexby Council)"; but "(Yasmin White)"
        if any(_a_specialty(token) for token in tokens):
            return False  # "Dr Priyanka Venkataraman (Paediatric Neurology)": her specialty
        return not all(map(lexicon.is_ordinary, tokens))
    if _a_role(name) or name.casefold() in _SUBJECTS or _a_specialty(name):
        return False  # "(Solicitor)", "(Drama)", "(Psychiatry)"
    if name.casefold() in _IN_A_MEETING:
        return False  # a participants panel's "Sam Oduya (Organiser)"
    return (lexicon.is_first_name(name) and not lexicon.is_ordinary(name)) or looks_like_a_name(
        name)


# What a meeting's participants panel writes in brackets after a name.
_IN_A_MEETING = frozenset({"organiser", "organizer", "guest", "external", "presenter",
                           "attendee", "host", "co-host", "unverified", "chair", "minutes"})
_SPECIALTY_ENDINGS = ("ology", "ologist", "iatry", "iatrics", "iatric")
_SPECIALTY_WORDS = frozenset({"paediatric", "pediatric", "medicine", "surgery", "neonatal",
                              "oncology", "haematology", "orthopaedics", "audiology"})


def _a_specialty(word: str) -> bool:
    """A word that names a medical specialty: "Neurology", "Psychiatry", "Paediatric"."""
    folded = word.casefold()
    return folded in _SPECIALTY_WORDS or folded.endswith(_SPECIALTY_ENDINGS)


# The last words of an organisation's name, which a bracket after a carer's or a worker's name
# gives as often as an alias does: "(Brightpath Fostering)", "(Acorn Care Ltd)".
_ORGANISATION_END_LIST = """
    fostering adoption ltd limited plc llp cic services service care council trust school
    academy college homes housing agency agencies group partnership foundation charity
    church centre center club association project solutions support team police hospital
    network consortium society advocacy ward unit clinic practice programme"""
ORGANISATION_ENDS = frozenset(_ORGANISATION_END_LIST.split())


# The endings of roles and trades, which a bracket after a name gives as often as a pet form:
# "(Paediatrician)", "(Psychologist)", "(Practitioner)", "(Solicitor)", a doctor's specialty:
# "(Paediatrics)", "(Orthopaedics)", "(Neurology)", and a party to a court's case:
# "(Respondents)", "(Intervener)".
_A_ROLE = re.compile(r"(?:ician|itian|ologist|iatrist|ist|itioner|worker|officer|manager|lead|"
                     r"iatrics|ology|paedics|pedics|stetrics|surgery|medicine|"
                     r"respondents?|applicants?|interven[eo]rs?|appellants?|claimants?|"
                     r"solicitor|barrister|advocate|nurse|teacher|coach|chair|head|minder|"
                     r"interpreter|translator|volunteer|befriender|midwife|physio)$")


# What a teacher teaches, in brackets after the teacher: "Mr Ashcroft (Maths)".
_SUBJECT_LIST = """
    maths math geography sociology biology textiles ethics electronics mechanics literacy
    numeracy phonics childcare horticulture hairdressing joinery carpentry ict pshe rse pe re
    science history art music drama french spanish german computing physics chemistry
    psychology economics business media dance food english"""
_SUBJECTS = frozenset(_SUBJECT_LIST.split())


def _a_role(name: str) -> bool:
    return name.casefold() in ROLES or _A_ROLE.search(name.casefold()) is not None


# After a pet name in brackets, the surname it sits before: "Kayleigh (Kay-Kay) Broadbent".
_SURNAME_AFTER = re.compile(rf"[ \t]+(?P<surname>{WORD})(?![\w'’-])")


def bracketed_names(texts: Iterable[str], known: Iterable[str]) -> list[str]:
    """Names in brackets right after a name already known: "Jazz (Yasmin Okonkwo-Reid)", and
    the surname after a pet name there; never a bracket that describes the person ("Mum
    Agnieszka (Polish-speaking)", "Kwame (Ghanaian-born)": descriptions.py). (A name in
    another script goes wherever it stands: scripts.py.)"""
    known_tokens = {fold(token) for name in known for token in tokens_of(name)}
    found: list[str] = []
    for text in texts:
        text = normalise(text)
        for match in _NICKNAME_BEFORE.finditer(text):
            if (nickname := _a_nickname_before(match, known_tokens)) is not None:
                found.append(nickname)  # '"LIL D" (D'ANDRE CAMPBELL-REID, 16)': his nickname
        for match in _BRACKETED.finditer(text):
            before = tokens_of(match.group("before"))
            if before and all(fold(token) in known_tokens or in_another_script(token)
                              for token in before) and not before_a_country(
                                  text, match.end("name")):  # "(Paris, France)"
                name = match.group("name")
                if not lexicon.is_known_non_person(name) and not describes_a_person(name) and (
                        _a_bracketed_name(name) or (
                        match.group("quote") and " " not in name and not _a_role(name))):
                    found.append(name)  # "Renée D’Arcy-Fenn (“Nay”)": a pet name, quoted
                    surname = _SURNAME_AFTER.match(text, match.end())
                    if surname and match.group().endswith(")") and (
                            looks_like_a_name(surname["surname"])
                            or lexicon.is_surname(surname["surname"])):
                        found.append(surname["surname"])  # "Kayleigh (Kay-Kay) Broadbent"
    return list(dict.fromkeys(found))[:MAX_NAMES]

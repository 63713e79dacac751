"""How a person's name looks in prose, and which capitalised words can be part of one.

Shared by the searches for names the narrative introduces (`narrative.py`) and names it uses
without introduction (`proper_names.py`). Every pattern has bounded repetitions only, so each
start position costs a constant whatever follows: a 50 KB paragraph stays linear.
"""

from __future__ import annotations

import calendar
import re

from broker.anonymise import lexicon
from broker.anonymise.terms import tokens_of

# Latin Extended-B and Additional hold both cases (Romanian "ș", "ț"; Vietnamese "ạ", "ồ").
UP = "A-ZÀ-ÖØ-ÞĀ-žƀ-ɏḀ-ỿ"
LOW = "a-zß-öø-ÿĀ-žƀ-ɏḀ-ỿ"
# One capitalised name word: "Lee", "O'Brien", "McAllister", "Mensah-Boateng", "De'Andre",
# "Ty'rese" (but not "Tamsin's" or "She'll"), "McKenzie-O'Shea", and one a mail client
# wrapped after its hyphen ("Ashworth-⏎Platt").
WORD = (rf"[{UP}](?:[{LOW}]+(?:['’](?:[{UP}]|(?!(?:s|ll|re|ve|d|m|t)(?![{LOW}])))[{LOW}]+)?"
        rf"|['’][{UP}][{LOW}]+)(?:[{UP}][{LOW}]+)?"
        rf"(?:-(?:[ \t]*\n[ \t]*)?[{UP}](?:[{LOW}]+|['’][{UP}][{LOW}]+)(?:[{UP}][{LOW}]+)?)"
        rf"{{0,2}}")  # and "Ja'Mya", "De'Andre"
# A surname in capitals: "MENSAH", "O'HARE", "JAGGER-STOTT", and a Scottish or Irish one whose
# "Mc" or "Mac" keeps its small letters, as records often print it: "McGUINNESS", "MacDONALD".
CAPS_WORD = (rf"(?:[{UP}]['’]|Ma?c(?=[{UP}]{{2}}))?[{UP}]{{2,}}"
             rf"(?:-(?:[{UP}]['’]|Ma?c(?=[{UP}]{{2}}))?[{UP}]{{2,}})?")
INITIALS = rf"(?:[{UP}](?:\.[ \t]*|[ \t]+)){{0,3}}"
# A name may wrap onto the next line, once, where a mail client wraps a long line, or where
# its first word stands alone on its line (a phone's "<br>" between first name and surname:
# "uncle⏎Ross⏎McIntyre"); a line as short as "A man she calls Tiny" ends where it was meant to
# ("…Tiny⏎Kay Lundgren (IRO)"). Lookbehinds are of fixed width, so one for each word length.
_ALONE_ON_ITS_LINE = "|".join(rf"(?<=\n\S{{{n}}})|(?<=\A\S{{{n}}})" for n in range(2, 21))
# But a line that opens with a role, a dash and a name is a line of its own, not a name's end:
# "…and his wife Bríd⏎Mentor (Prince's Trust) – Big Tunde".
_A_ROLE_LINE = r"[A-Z][a-z]{1,20}(?:[ \t]*\([^()\n]{0,30}\))?[ \t]+[-–—][ \t]"
LINE_GAP = (rf"(?:[ \t]+|(?:(?<=[^\n]{{40}})|{_ALONE_ON_ITS_LINE})[ \t]*\n[ \t]*"
            rf"(?!{_A_ROLE_LINE}))")
# The small words inside a surname: "Seán Ó Dálaigh", "Maria de Souza", "Ahmed bin Salem",
# "Dafydd ab Owain", "Jago St Aubyn".
_PARTICLES = (r"Ó|Ní|Nic|Ua|Mac|Mc|de|De|da|Da|dos|das|di|Di|du|Du|van|Van|von|der|den|ter|"
              r"la|La|le|Le|bin|ibn|bint|al|Al|el|El|del|Del|della|Della|ap|ab|St")
# A surname's small words, before the rest of it: "Ó Súilleabháin", "van der Meulen", and
# joined by a hyphen, "al-Rashidi", "El-Sayed".
PARTICLE = rf"(?:(?:{_PARTICLES})[ \t]+|(?:al|Al|el|El)-(?=[{UP}]))"
PARTICLE_WORDS = frozenset(word.casefold() for word in _PARTICLES.split("|"))
# A nickname between the first name and the surname: Jordan "JJ" McKenzie, Reece (Reecey)
# Halliday, Shannon [Shan] Greaves, and how it is said: Padraig ('PAW-drig') Ó Dálaigh. Only
# before a surname, so "Jordan (Uncle)" is not taken for one.
NICKNAME = (rf"""(?:[ \t]+(?:["“‘(\['][{UP}][\w'’\-]{{0,15}}["”’)\]'“‘]"""
            rf"""|\(['‘"“][\w'’\-]{{1,15}}['’"”]\))(?={LINE_GAP}[{UP}]))""")
NAME = (rf"(?P<name>{INITIALS}{WORD}{NICKNAME}?"
        rf"(?:{LINE_GAP}(?:{PARTICLE}){{0,2}}(?:{WORD}|{CAPS_WORD}(?![{LOW}]))){{0,3}})")
QUOTED = r"['\"‘“](?P<quoted>[^'\"‘’“”\n]{1,40})['\"’”“‘]"  # and German „Lulu“, read as “Lulu“
BEFORE = r"(?<![^\W\d_])"
GAP = r"(?:[ \t]*[,(:][ \t]*(?:\n[ \t]*(?:[-•*·][ \t]*)?)?|[ \t]+|[ \t]*\n[ \t]*)"

TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lady", "lord"}
    | {"drs"}  # "Drs Nikhil and Priya Shah"
    | {"rev", "revd", "reverend", "cllr", "sgt", "sergeant", "insp", "inspector", "constable"}
    | {"md", "mohd", "mst"}  # "Md. Shahidul Islam": Bangladeshi and Malaysian name prefixes
    | {"rebbetzin"}  # a rabbi's wife, as Orthodox Jewish families title her
    # the armed forces' ranks as written before a name: "Capt. R. Iqbal", "Maj Ann Kerr"
    | {"capt", "maj", "lt", "pte", "cpl", "lcpl", "bdr", "gnr", "spr", "rfn", "cfn", "flt", "sqn",
       "wg", "cdr", "lcdr", "cpo", "po"}
)
UPPER_CASE_TITLES = frozenset({"PC", "DC", "DS", "PS", "DI", "DCI", "PCSO"})  # police; not "pc"

# Capitalised words that follow "her mother" or "called" without being anyone's name.
_NOT_NAME_WORDS = """
    i he she they we you it the a an this that these those his her him them their our my
    your its and but or so then when while if as at in on of to for from with without by
    about after before since until also was is are were has had have would could should
    might can did does do not no yes who which what where why how there here all both some
    any each every one two three mum dad mother father brother sister nan nana gran uncle
    aunt police school college council court social services children childrens health
    hospital christmas easter eid ramadan diwali god allah jesus english british welsh
    scottish irish white black asian mixed muslim christian catholic jewish sikh hindu
    monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays
    thursdays fridays saturdays sundays weekends january february march
    september october november december childline youth team services unit ward st saint
    camhs cafcass nhs yot mash lado iro sgo ico epo cse cce ehcp semh adhd asd pru gp ae odd sen pda
    cid gypsy gypsies roma romany romani traveller travellers family snapchat instagram tiktok
    facebook whatsapp bluesky dob ofsted urn lot passport hosp paeds psych ortho neuro gynae
    barnardo barnardos cyngor gwasanaethau heddlu ysgol bwrdd iechyd gweithiwr cymdeithasol
    mela melas eisteddfod feis fete fayre gala fest fiesta jamboree carnival vaisakhi
    baisakhi navratri holi hanukkah purim surname surnames forename forenames
    mrcgp mrcpsych mrcpch mrcp frcp frcpch frcs frcpsych mbbs mbchb bmbs dcp rgn rmn rscn mb
    bch bchir msg txt hiya pentecostal methodist evangelical adventist apostolic
    congregational elim"""
# the acronyms above are also listed names ("Odd", "Sen"), but in a referral acronyms; "Roma"
# and "Traveller" are peoples there; Welsh: council, services, police, school, board, health,
# worker, social ("Gweithiwr Cymdeithasol / Social Worker"); "MB BCh", a doctor's degrees;
# the festivals and fairs a child goes to: "the Hexby Mela", "Hexby Gala"; a case note's
# "Msg left for …", "Txt to …"; a greeting, "Hiya, I can have her"; a church's denomination,
# "Kelsham Pentecostal", "a Methodist church" (where it meets is removed as a place; not
# "Baptist", which is a surname too)
# A dog's breed, capitalised as owners write it ("The family's Staffy, Tyson"): a kind of dog,
# never a person (not the breeds that are also surnames: "Russell", "Boxer", "Shepherd").
_BREED_LIST = """
    spaniel staffie staffy staffies terrier collie poodle cockapoo cavapoo labradoodle
    labrador retriever pug husky chihuahua dachshund greyhound whippet lurcher beagle bulldog
    frenchie rottweiler alsatian"""
BREEDS = frozenset(_BREED_LIST.split())
NOT_NAMES = frozenset(_NOT_NAME_WORDS.split()) | TITLES | BREEDS
# Services for young people named by a word or a name, which a referral names alone: "referred
# to Brook for sexual health advice", "engaging with Kooth". Alone they name no one; a name
# that holds one does ("Brook Smith (19)"), and so does one a relative's word gives ("her
# friend Brook").
SERVICES = frozenset({"brook", "kooth", "papyrus", "shelter", "relate", "samaritans",
                      "youngminds", "kidscape", "childline", "nspcc"})
# How a nickname or a chat's contact makes a relative's word fond or says which one ("Big
# Sis", "Lil Bro"), or makes a nickname of a word or an initial ("Big Man", "Lil T").
FAMILY_ADJECTIVES = frozenset({"big", "lil", "little", "baby", "wee", "older", "younger"})
# Words after which a single capitalised word is a place, not a person ("in Kendal").
_PLACE_WORD_LIST = """
    in at near around outside inside towards toward into across within via through
    throughout between beyond nearer opposite"""
PLACE_WORDS = frozenset(_PLACE_WORD_LIST.split())
# Of those, the common English surnames: never a name alone ("Ward 12", "White British"), but
# a surname when they follow a first name ("Paddy Ward", "Janet White").
SURNAMES_TOO = frozenset({"ward", "white", "black", "english", "welsh", "christmas", "easter"})
# First names the name lists leave out as English words: before a listed surname that is no
# first name and no word ("Will Sharma", "Pat Okafor") they are a name's first word, but never
# a name alone ("Will she attend?").
# What a name that is also a common word begins when it names a thing: "the Poppy Appeal",
# "the Summer Fair", "Grace Church", "the Rose Bowl", "Lions" of a football team, "Homes" of a
# town's housing association ("Northby Homes" beside Northby College).
_THING_NOUN_LIST = """
    appeal appeals church chapel cathedral bowl fair fayre festival carnival centre center
    club lions tigers rovers wanderers united cup trust fund show market holidays scheme
    camp theatre arena stadium homes housing"""
THING_NOUNS = frozenset(_THING_NOUN_LIST.split())
# What a flower's, a gem's, a colour's or a food's word names a kind of, in lower case after
# it: "Jasmine rice", "Olive oil", "Rosy cheeks", "an Amber alert" beside a Jasmine, an Olive,
# a Rosalyn or an Amber. No one's name stands before one of these.
_KIND_OF_NOUN_LIST = """
    rice oil tea cheeks cheeked alert alerts warning warnings bush bushes tree trees chain
    chains blossom petals syrup sauce jam wine juice"""
_KIND_OF_NOUNS = frozenset(_KIND_OF_NOUN_LIST.split())
_LOWER_WORD_AFTER = re.compile(r"[ \t]{1,4}([a-z]{2,12})(?![\w'’\-])")
# A giving or a showing verb before the word, or a person's pronoun after its noun, makes the
# word someone given or shown the noun, or its subject: "made Kyle tea", "have given Jordan
# warnings", "shows Amber warning him", never a kind of tea, of warning.
_GIVEN_BEFORE = re.compile(
    r"(?<![\w'’])(?i:made|make|makes|making|gave|give|gives|giving|given|offered|offer|offers"
    r"|bought|buy|buys|shows|show|showed|shown|showing|sent|send|sends|brought|handed"
    r"|poured)[ \t]{1,4}[^\W\d_][\w'’\-]*\Z")
_PERSON_AFTER = re.compile(r"[ \t]{1,4}(?:him|her|them|his|their|me|us|himself|herself)"
                           r"(?![\w'’\-])")
_GIVEN_REACH = 40  # characters before the noun: the verb and the word


def names_a_kind_after(text: str, end: int) -> bool:
    """Whether the word that ends at `end` names a kind of the noun after it ("Jasmine rice"),
    not a person given or shown it ("made Kyle tea") or doing it ("Amber warning him")."""
    after = _LOWER_WORD_AFTER.match(text, end)
    return after is not None and after.group(1) in _KIND_OF_NOUNS and not (
        _GIVEN_BEFORE.search(text, max(0, end - _GIVEN_REACH), end)
        or _PERSON_AFTER.match(text, after.end()))
# The nouns that end a business's, a club's or a show's name, after a capitalised word that
# may be a name: "Streamline Taxis", "Anatolia Kebab House", "Hinby Harriers", "Paw Patrol".
# A run of capitalised words before one names the business, not a person.
_BUSINESS_NOUN_LIST = """
    taxis taxi cabs cars motors autos garage kebab kebabs pizza pizzas takeaway cafe café
    caff diner grill tandoori chippy fisheries bakery butchers barbers barber salon nails
    beauty tanning gym fitness boxing harriers athletic athletics patrol removals builders
    plumbing roofing logistics couriers stores supermarket pharmacy chemist launderette
    restaurant hotel inn tavern arms brewery superstore hypermarket"""
BUSINESS_NOUNS = frozenset(_BUSINESS_NOUN_LIST.split())
WORDS_AS_FIRST_NAMES = frozenset({"will", "pat", "rich", "matt"})
# A place of worship's own word: the capitalised words beside it name the place, no one
# ("Masjid Ghousia", "Guru Nanak Gurdwara", "Etz Chaim Synagogue").
WORSHIP_NOUNS = frozenset({"masjid", "mosque", "gurdwara", "mandir", "synagogue", "madrasa",
                           "madrasah", "madrassa", "madrassah"})


def an_english_words_s_form(word: str) -> bool:
    """A common English word with an "s", a verb's or a plural's, which no listed name is:
    "Attends" opening a sentence, "Joined Scouts"; not "Edwards", "Hughes", "Leeds"."""
    folded = word.casefold()
    if len(folded) < 4 or folded[-1] != "s" or folded[-2] == "s" or lexicon.is_name(word):
        return False
    stems = (folded[:-1], folded[:-2]) if folded.endswith("es") else (folded[:-1],)
    return any(lexicon.zipf(stem) >= lexicon.ORDINARY and not lexicon.is_name(stem)
               for stem in stems)
# What a name before it makes a law, a scheme or a condition, not a person: "Clare's Law",
# "the Philomena Protocol", "Sarah's Law disclosure", "Down's Syndrome".
EPONYM_NOUNS = frozenset({"law", "laws", "protocol", "act", "syndrome", "scheme", "principle",
                          "disease"})
# Pets and things that are called something too: "My dog is called Rolo", "a server called
# 'Night Crew'", "a Staffie called Biscuit", "a spaniel called Rolo". What is "called" after
# one of them is no person. (Not the breeds that are also surnames or people: "Russell",
# "Boxer", "Shepherd", whose "called" may be a telephone's.)
_PET_LIST = """
    dog dogs cat cats pet pets puppy kitten hamster rabbit horse pony budgie snake tortoise
    puppies kittens bunny gerbil ferret parrot goldfish fish lizard gecko pig mouse rat"""
PETS = frozenset(_PET_LIST.split()) | BREEDS
_CALLED_THING_LIST = """
    server group chat channel band game song film show app page podcast playlist playlists
    album albums track tracks"""
CALLED_THINGS = frozenset(_CALLED_THING_LIST.split()) | PETS


def _not_a_name_here(token: str, kept: list[str], after_title: bool = False) -> bool:
    folded = token.casefold()
    return folded in NOT_NAMES and not ((kept or after_title) and folded in SURNAMES_TOO)


_INITIALS = 3  # "Mr A. J. K. Patel" at most, as NAME reads them


def trim(candidate: str, *, after_title: bool = False) -> str:
    """The candidate up to its first word that is not a name ("Ben On" -> "Ben"); after a
    title, a surname that is also a word counts ("Mr English")."""
    kept: list[str] = []
    for token in tokens_of(candidate):
        if after_title and len(token) == 1 and token.isupper() and len(kept) < _INITIALS:
            kept.append(token)  # "Mrs A. Pemberton-Clarke": an initial, not the article
            continue
        if _not_a_name_here(token, kept, after_title):
            break
        kept.append(token)
    return " ".join(kept)


def looks_like_a_name(name: str) -> bool:
    """Every word could be part of a name (a listed name, or no common English word), and the
    whole is not a country, county, language, month or day: "Marek Zielinski", "Tunde"."""
    tokens = tokens_of(name)
    if not tokens or lexicon.is_known_non_person(name):
        return False
    for index, token in enumerate(tokens):
        if _not_a_name_here(token, tokens[:index]) or lexicon.is_known_non_person(token):
            return False
        if lexicon.is_ordinary(token) and not lexicon.is_surname(token):
            return False
    return True


def double_barrelled(word: str) -> bool:
    """A surname of two joined by a hyphen, one of them listed and neither a common word:
    "Abdi-Hirsi" after a first name that is also a word ("Mo"); not "Long-Term"."""
    parts = word.split("-")
    return len(parts) > 1 and any(map(lexicon.is_surname, parts)) and all(
        lexicon.is_surname(part) or not lexicon.is_ordinary(part) for part in parts)


def an_agency(written: str) -> bool:
    """A town's name and an acronym after it, as a service is named after a person's name
    and a comma: "Northby YJS", "Northby NHS Trust"; not "Kyle MENSAH", a first name and a
    surname in capitals, nor "DELROY TRESIZE", all in capitals."""
    words = tokens_of(written)
    return bool(words) and not words[0].isupper() and not lexicon.is_first_name(words[0]) and any(
        len(word) > 1 and word.isupper() and not lexicon.is_name(word) for word in words[1:])


# A country or a county after a town's name and a comma, where the clause ends or goes on in
# lower case: "Paris, France", "Lagos, Nigeria (her aunt's)", "Paris, France when abroad".
# The town names no one there, though "Paris" is a first name. A country or county that is
# also a first name people in the UK are given is taken for one ("Marsh, Jordan", "Ashford,
# Kent" both stay names); the lists hold a few that a referral seldom gives anyone ("France").
_COUNTRY_AFTER = re.compile(
    rf"[ \t]*,[ \t]*(?P<place>[{UP}][{LOW}]+(?:[ \t]+[{UP}][{LOW}]+){{0,2}})"
    rf"(?=[ \t]*(?:[.;:()|\n]|$|,[ \t]*[{LOW}(])|[ \t]+[{LOW}])")
_COUNTRIES_SELDOM_NAMES = frozenset({"france", "oman", "montserrat"})
_DAYS = frozenset(day.casefold() for day in calendar.day_name)


def before_a_country(text: str, end: int) -> bool:
    """A comma and a country or county the lists know at `end` ("…, France."): what ends
    there is a town's name ("Paris, France"), not a person's."""
    match = _COUNTRY_AFTER.match(text, end)
    if match is None:
        return False
    place = " ".join(match.group("place").split())
    folded = place.casefold()
    return lexicon.is_known_non_person(place) and folded not in _DAYS and (
        not lexicon.is_first_name(place) or folded in _COUNTRIES_SELDOM_NAMES)


_MONTHS_SHORT_LIST = "jan feb mar apr jun jul aug sep sept oct nov dec"
_MONTHS_SHORT = frozenset(_MONTHS_SHORT_LIST.split())
_DAY_BEFORE = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?[ \t]+$")


def a_dated_month(text: str, word: str, start: int) -> bool:
    """A month's short name after a day's number, as a chronology dates its lines: "14 Jan",
    "22nd Mar" (no Jan, though the referral names one)."""
    return word.casefold() in _MONTHS_SHORT and _DAY_BEFORE.search(
        text, max(0, start - 8), start) is not None


# The months that are first names too: "June", "May", "April", "August".
_MONTHS_AS_NAMES = frozenset({"may", "june", "april", "august"})
# What makes one a month: a year or a day's number after it ("June 2026", "June 3rd", "June
# '25"), a day's number before it ("3 June", "3rd of June"), or a word of time before it
# ("since June", "in June", "until June", "last June", "early June", "the end of June").
_YEAR_OR_DAY_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:19|20)\d\d(?!\d)|['’]\d\d(?!\d)|\d{1,2}(?:st|nd|rd|th)?(?![\d:.]\d|\w))")
_DAY_BEFORE_A_MONTH = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+\Z",
                                 re.IGNORECASE)
_TIME_BEFORE_A_MONTH = re.compile(
    r"(?<![\w'’])(?:since|in|until|till|til|during|throughout|last|next|this|early|late|mid|"
    r"every|(?:end|start|beginning|middle|rest)[ \t]+of)[ \t\-]+\Z", re.IGNORECASE)


def a_month_here(text: str, start: int, end: int) -> bool:
    """A month that is a first name too, where it is the month: "a stroke in June 2026",
    "Since June he has been …", "on 3 June", "June 3rd"; not "her grandmother June", "lived
    with June", "June's flat"."""
    if text[start:end].casefold() not in _MONTHS_AS_NAMES:
        return False
    window = text[max(0, start - 24) : start]
    return bool(_YEAR_OR_DAY_AFTER.match(text, end) or _DAY_BEFORE_A_MONTH.search(window)
                or _TIME_BEFORE_A_MONTH.search(window))

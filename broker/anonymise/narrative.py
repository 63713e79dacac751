"""Names the free text itself introduces: people the form does not list.

A social worker writes "her uncle John Pike", "Mr Pike", "her former sponsor, Abdi Noor",
"co-defendant Kwame Boateng", "a friend called Ben", "a man he knew as 'Smiley'", "Lee Barrow,
her uncle,", "Jordan Pike (19)", "no contact with Tom Reid or Ali Shah". Those names are
recognised by what comes before them (a title, a relationship or role word, "called", "knew
as", "no contact with", "Nan calls him", "must not see"), by what a relative or a pronoun
"is" ("his sister is Zuzia", "Mum is Shiv to her friends", "he is Chago"), by what follows a
full name (", her uncle", an age or a date of birth
in brackets) or one word (", her cousin,": "Kingsley, her cousin"; "Jade (sister-in-law)",
"Marley (mum's partner)"), and by the list they stand in: once one name of "A B, C D or E F"
is found, the others joined to it by commas, semicolons, "and" or "or", or one to a line,
are names too. Each one found becomes a term
(`[person]`), so its other mentions anywhere in the referral go too. A name found in capitals
("Ben") is removed elsewhere only where it is capitalised, so a friend called Will does not
take every "will" with him. A name written in lower case after a role word ("her boyfriend
kyle") is one when it is too rare a word for prose to use there.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator

from broker.anonymise import lexicon
from broker.anonymise.labels import PERSON
from broker.anonymise.name_shapes import (
    BEFORE,
    CALLED_THINGS,
    CAPS_WORD,
    FAMILY_ADJECTIVES,
    GAP,
    LOW,
    NAME,
    NICKNAME,
    NOT_NAMES,
    PARTICLE,
    PARTICLE_WORDS,
    PLACE_WORDS,
    QUOTED,
    SERVICES,
    SURNAMES_TOO,
    TITLES,
    UP,
    UPPER_CASE_TITLES,
    WORD,
    an_agency,
    before_a_country,
    double_barrelled,
    looks_like_a_name,
    trim,
)
from broker.anonymise.terms import ABBREVIATIONS, MIN_ALONE, Term, normalise, tokens_of

MAX_NAMES = 5000  # a referral names dozens of people; beyond this the text is not prose
# Between a role word and the name: an aside in brackets ("her boyfriend (19) Kyle", "sponsor
# (former) Ali"), a police officer's number ("PC 4471 Okonjo"), "of concern" ("FRIEND OF
# CONCERN: JAYDEN KIRKHAM").
_ASIDE = r"(?:[ \t]*\([^()\n]{1,30}\)|[ \t]*\d{2,6}(?=[ \t]+[A-Z])|[ \t]+(?i:of[ \t]+concern))?"
# A title or role word ("Mr", "uncle", "sponsor", "co-defendant") right before a capitalised
# name. Every word is checked against these sets first, and the name is read only after the
# few that are: one cheap pass over the text instead of a hundred-way alternation (or a
# lookahead) at every position.
_A_WORD = re.compile(rf"{BEFORE}[^\W\d_]+")
_NUMBERED = re.compile(r"[ \t]*\d")  # "PC 4471 Okonjo": an officer's number after the title
_A_LINES_LABEL = re.compile(r"(?:[ \t][a-z]{1,12}){0,2}[ \t]{0,3}:")  # "Print name:"
# A word for mother that is a first name too: "Inna" (Hausa). Kept only where a child is said
# to call her mother by it; elsewhere ("her mother Inna Petrova") it is her name.
_MOTHERS_WORDS_ALSO_NAMES = frozenset({"inna"})
_CALLS_HER_MOTHER = re.compile(r"(?<![^\W\d_])(?i:calls?|called)[ \t]+(?i:her|his|their)[ \t]+"
                               r"(?i:mother|mum|mam|mom|mummy)[ \t]+$")
_CALLS_REACH = 30


def called_by_a_word_for_mother(text: str, name: str, start: int) -> bool:
    """Whether `name`, at `start`, is a word for mother that a child is said to call her
    mother by, though it is a first name too: "Zainab calls her mother Inna" (Hausa)."""
    return name.casefold() in _MOTHERS_WORDS_ALSO_NAMES and _CALLS_HER_MOTHER.search(
        text, max(0, start - _CALLS_REACH), start) is not None
_A_CELLS_END = re.compile(r"[ \t]{0,3}\|")  # "Received | 02 Nov …": a pasted table's cell
# What a form holds after a relative's label when it names no one: "Father⇥Unknown", a
# Word cell's tab read as a space ("Father Unknown n/a"), "Mother Deceased", "Uncle N/K".
_NO_ONE = re.compile(r"(?i:unknown|not[ \t]+known|n/?k|deceased|none|nil|n/?a|unnamed"
                     r"|not[ \t]+named)")
_NAME_AFTER_TRIGGER = re.compile(rf"\.?{_ASIDE}{GAP}{NAME}")
_WITH_A_NICKNAME = re.compile(NICKNAME)


def _looks_like_a_name_beside_its_nickname(written: str) -> bool:
    """Whether a name looks like one, its nickname aside: "Tyrell “T-Bone” Ellison" is as
    much a name as "Tyrell Ellison", though a bone is a word."""
    return looks_like_a_name(trim(_WITH_A_NICKNAME.sub("", written)))
def _without_a_bracketed_role(name: str, written: str) -> str:
    """The name up to a role's abbreviation in brackets, which is not a nickname: "Mr
    Adeyemi (DSL)" at a line's end, read on into the next line, is "Adeyemi"."""
    words = name.split()
    for at, word in enumerate(words[1:], start=1):
        if word.isupper() and word.casefold() in _ROLES_ABBREVIATED and f"({word})" in written:
            return " ".join(words[:at])
    return name


def _a_first_name_that_is_a_place(name: str) -> bool:
    """Rule: a listed first name that is also a place ("Jordan", "Chelsea", "India") is a
    person where an age follows it ("Jordan (19)", "Jordan, is 19."): places have no age.
    A month or a day does not count ("incidents in May (3)")."""
    return (" " not in name and name.istitle() and lexicon.is_first_name(name)
            and name.casefold() not in _MONTHS_AND_DAYS)


# "placements in Kent (3)", "went to Paris (2) times": after these the word is the place
_A_PLACES_PREPOSITION = re.compile(r"(?<![^\W_])(?i:in|to|from|at|near|around|across|of|into"
                                   r"|outside|via|towards?)[ \t]+\Z")
_MONTHS_AND_DAYS = frozenset(word.casefold() for word in (*calendar.month_name,
                                                          *calendar.day_name) if word)


def _a_first_name_and_a_surname(name: str) -> bool:
    """A listed first name, though also a country or a word, and a surname after it that
    looks like one: "PERSON OF CONCERN — JORDAN HEBBLETHWAITE", not "CHELSEA FOOTBALL"."""
    words = tokens_of(name)
    return len(words) > 1 and (lexicon.is_first_name(words[0]) or (
        words[0].istitle() and words[0].casefold() in _SHORT_NAMES_AS_WORDS)) and looks_like_a_name(
        " ".join(words[1:]))


# "her uncle JOHN", "her uncle JOHN PIKE": a first name in capitals after a role word, or
# after a dash: "PERSON OF CONCERN – NATHAN CROWTHER" (the dash read as "-").
_CAPS_NAME_AFTER_TRIGGER = re.compile(
    rf"\.?{_ASIDE}(?:{GAP}|[ \t]+[-–—][ \t]+)"
    rf"(?P<name>(?:[{UP}](?:\.[ \t]*|[ \t]+)){{0,2}}"
    rf"{CAPS_WORD}(?:[ \t]+(?:[{UP}][ \t]+)?{CAPS_WORD}){{0,2}})(?![{LOW}])")
# ("MR CRAIG D FENWICK": a middle initial between; "MR D. KAVANAGH", "MR D KAVANAGH": a
# first name's initial before)
_ROLE_WORDS = """
    mother mum mummy mom mam father dad daddy brother sister uncle aunt auntie aunty cousin
    nephew niece gran granny nan nana nanna nanny grandmother grandfather grandma grandpa
    grandad granddad grandson granddaughter stepmother stepfather stepmum stepdad stepbrother
    stepsister partner boyfriend girlfriend husband wife friend neighbour carer teacher
    headteacher tutor mentor worker therapist counsellor psychologist psychiatrist nurse
    doctor officer coach pastor imam priest vicar godmother godfather guardian son daughter
    baby peer associate sibling twin oma opa nonna nonno babcia dziadek nain taid bibi nani
    dadi abuela abuelo babushka yiayia teta jeddo khalo khala amo ammo mama papa baba sis
    bro babaanne anneanne dede nene ouma oupa mamie papi dada chacha chachi pops hooyo aabo
    ayeeyo awoowe mummyji mumji mamaji mamiji papaji daddyji dadaji dadiji nanaji naniji
    chachaji chachiji bhua bhuaji masi masiji amma appa ammi abbu omma eomma halmeoni
    halmoni harabeoji halabeoji achchi aachchi seeya aththa thaththa
    obaachan obaasan ojiichan ojiisan okaasan otousan amu ammeh ameh khaleh dayi daei
    maman tonton tantine ya yaya nanu nanabhai nanijan khalu apa apu bhaiya mamu dadu
    mamó daideó mausi mausiji mausa mausaji ciocia ciocią wujek wujcio ciotka
    seanmhair seanair seanmhathair seanathair granaidh mamgu tadcu modryb ewythr
    iya agba nne nna nnenne biji beji bibiji pitaji mataji phuphi phupho phuphoo
    dida thakuma thakurma thakurda kaka kaki motaba fui teyze amca habaryar adeer abti
    sitti sitto jaddah jidda khalto amto ambuya sekuru gogo mkhulu paati patti thatha
    chithi chithappa periyamma periyappa pappous papou dedushka babulya bunica bunicul
    bunic močiutė senelis bubbe bubby zeide zaidy zayde lolo
    anh chị chú cô bác ông bà dì cậu mợ thím"""
# (Vietnamese kin words stand before the name as a title does: "anh Tuấn", "cô Lan".)
# Relatives' words of two, as Cantonese families say them: "Ah Ma (maternal grandmother)",
_KIN_PHRASES = frozenset({"ah ma", "ah mah", "ah po", "ah por", "ah gung", "ah yeh", "ah pa",
                          "ah ba", "ah yi", "ah suk", "ah sum", "ah ku", "ah kam", "ah mui",
                          "ah jeh", "ah go", "ah dai",
                          # and as Sinhala families say them: "Loku Amma" (an aunt)
                          "loku amma", "punchi amma", "loku thaththa", "punchi thaththa",
                          "loku appa", "punchi appa"})
# Roles that also begin the names of services and things ("Victim Support", "Contact
# Centre"): what follows them must look like a person's name. Judges as orders name them:
# "HHJ Pemberton", "DJ Pemberton", "Recorder Pemberton" (but "the DJ at the party").
_OTHER_ROLE_WORDS = """
    sponsor host defendant codefendant accused accomplice associates friends victim
    perpetrator suspect offender abuser dealer landlord landlady employer boss manager
    colleague classmate schoolmate flatmate housemate roommate lodger mate pal ex fiance
    fiancee spouse stepson stepdaughter grandchild godparent keyworker caseworker advocate
    solicitor barrister magistrate judge hhj dj ddj recorder headmaster headmistress
    paediatrician consultant
    midwife practitioner chaplain rabbi instructor supervisor befriender volunteer
    interpreter cousins siblings brothers sisters aunts uncles relative relatives adult male
    female man woman lad driver acquaintance boyfriends girlfriends partners bf gf fella bloke
    carers neighbours parents grandparents sil bil mil fil dil person persons
    elder evangelist prophet prophetess deacon deaconess apostle ustadh ustadha granthi
    superintendent sender receiver recipient payee"""
OTHER_ROLES = frozenset(_OTHER_ROLE_WORDS.split())
_IN_LAWS_SHORT = frozenset({"sil", "bil", "mil", "fil", "dil"})  # "DIL": daughter-in-law
# Judges, whose surname in capitals an order names like one after a title: "HHJ PEMBERTON",
# "DISTRICT JUDGE ACHEAMPONG", "DJ MBATHA" (a word after "DJ" is a surname unless it is a
# word: "DJ SNAKE" is a stage name). The surname ends at the first word of the sentence
# that follows it: "DDJ QUAYLE MADE THE ORDER", "JUDGE ABERNETHY WILL HEAR IT".
_JUDGES = frozenset({"judge", "hhj", "ddj", "recorder"})
_JUDGES_IN_CAPITALS = _JUDGES | {"dj"}
ROLES = frozenset(_ROLE_WORDS.split()) | OTHER_ROLES
# A professional's role as records abbreviate it in brackets after the name: "J. Ormerod
# (DSL)", "Ormerod (SW)", "Kay Lund (IRO)". Only there: before a name they open services'
# names too ("GP Surgery", "YOT Office").
_ROLES_ABBREVIATED = frozenset({"dsl", "ddsl", "sw", "ssw", "asw", "fsw", "isw", "iro", "senco",
                                "yot", "lado", "pa", "hv", "gp", "cpn", "slt", "ot", "tm"})
# A name in brackets after the role: "OT (Jess Barraclough) recommends …", "Physio (Dan
# Oduya)", "her social worker (Kay Lund)": "Kay Lund (IRO)" the other way round.
_NAMED_AFTER_A_ROLE = re.compile(
    rf"{BEFORE}(?P<role>[^\W\d_]+)[ \t]*\([ \t]*(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+)?"
    rf"(?P<bracketed>{WORD}(?:[ \t]+(?:{PARTICLE}){{0,2}}{WORD}){{1,3}})[ \t]*\)")
_ROLES_BEFORE_BRACKETS = frozenset({"physio", "physiotherapist", "salt", "camhs", "isva", "idva",
                                    "ep", "sn", "lac"})


def _named_after_a_role(text: str) -> Iterator[str]:
    """A name in brackets after a role or its abbreviation: "SALT (Maya Penhallow)"."""
    for match in _NAMED_AFTER_A_ROLE.finditer(text):
        role, name = match.group("role"), match.group("bracketed")
        if (role.casefold() in ROLES or (role[:1].isupper() and role.casefold() in (
                _ROLES_ABBREVIATED | _ROLES_BEFORE_BRACKETS))) and looks_like_a_name(
                name) and not lexicon.is_known_non_person(name):
            yield name


# What records or people use for someone, before it in quotes: "some older records use
# 'Kobby'", "police systems still have him as 'Kwabena'", "friends use 'Jojo'".
_RECORDS_USE = (r"(?:records?|systems?|files?|notes|documents|people|friends|family|everyone|"
                r"they)[ \t]+(?:still[ \t]+|also[ \t]+|sometimes[ \t]+|often[ \t]+)?"
                r"(?:use|uses|used|have|had|list|lists|listed|show|shows|hold|holds|held)"
                r"(?:[ \t]+(?:her|him|them)[ \t]+(?:as|under))?")
_USES_A_NAME = re.compile(_RECORDS_USE, re.IGNORECASE)
FAMILY_ROLES = frozenset(_ROLE_WORDS.split()) - {"worker", "teacher", "headteacher", "tutor",
                                                  "officer", "coach", "doctor", "nurse"}
_WRITES_TO = re.compile(r"(?:messag|text|writ|wrot)")  # "messages her as 'Yoni'"
# "called Ben", "knew as 'Smiley'" (group `intro`); or words that open a list of people:
# bail conditions, co-accused, the company someone keeps ("no contact with …").
_INTRODUCED = re.compile(
    rf"{BEFORE}(?:(?P<intro>(?i:called|named|nicknamed|(?:also[ \t]+|only[ \t]+)?known[ \t]+"
    r"(?:only[ \t]+)?(?:(?:to|on|at|in|around|by)[ \t]+(?:the[ \t]+)?(?:[a-z]+[ \t]+){1,2})?as"
    r"|aka|a\.k\.a\.?|a/k/a"
    r"|(?:only[ \t]+)?(?:knew|knows|know)[ \t]+(?:(?:him|her|them)[ \t]+"
    r"|(?:his|her|their)[ \t]+[a-z]+[ \t]+)?(?:only[ \t]+)?as"
    r"|goes[ \t]+by(?:[ \t]+the[ \t]+name(?:[ \t]+of)?)?|going[ \t]+by|went[ \t]+by"
    r"|calls[ \t]+(?:him|her|them)sel(?:f|ves)|called[ \t]+(?:him|her|them)sel(?:f|ves)"
    r"|(?:she|he|they|mum|dad)[ \t]+calls?(?=[ \t]+['\"‘“])"  # "a man she calls 'Tiny'"
    r"|calling[ \t]+(?:him|her|them|the[ \t]+other|each[ \t]+other)(?=[ \t]+['\"‘“])"
    r"|introduced[ \t]+(?:him|her|them)sel(?:f|ves)[ \t]+as|referred[ \t]+to[ \t]+as"
    r"|by[ \t]+the[ \t]+name(?:[ \t]+of)?|under[ \t]+the[ \t]+name|alias|street[ \t]+name"
    r"|(?:uses|used|using)[ \t]+the[ \t]+name"
    r"|named[ \t]+(?:locally|online|by[ \t]+[a-z]{1,12})[ \t]+as|signed[ \t]+in[ \t]+as"
    r"|answer(?:s|ed|ing)?[ \t]+to(?=[ \t]+['\"‘“])"  # "answers to 'Chanty'"
    r"|(?:raps|rapped|rapping|performs|drills|posts)[ \t]+as(?=[ \t]+['\"‘“])"
    # "messages her as 'Yoni'": the pet name a relative writes to her by
    r"|(?:messages|messaged|texts|texted|writes[ \t]+to|wrote[ \t]+to)[ \t]+(?:him|her|them|me)"
    r"[ \t]+as(?=[ \t]+['\"‘“])"
    r"|name[ \t]+is|name[ \t]+was|identified[ \t]+as|surname|surnamed|n[ée]e"
    # "some older records use 'Kobby'": a name records or people use for someone
    rf"|{_RECORDS_USE}(?=[ \t]+['\"‘“])"
    r"|saved[ \t]+(?:in[ \t]+(?:her|his|their)[ \t]+phone[ \t]+)?as))"
    r"|(?i:(?:no|any)[ \t]+contact[ \t]+(?:whatsoever[ \t]+)?with|not[ \t]+to[ \t]+"
    r"(?:contact|approach|see|meet|visit|associate[ \t]+with|communicate[ \t]+with)"
    r"|must[ \t]+not[ \t]+(?:contact|approach|see|meet|visit|associate[ \t]+with)"
    r"|stay[ \t]+away[ \t]+from|associat(?:es|ing)"
    r"[ \t]+with|alongside|together[ \t]+with|along[ \t]+with|in[ \t]+the[ \t]+company[ \t]+of"
    r"|co-?accused(?:[ \t]+(?:are|were|is|was))?|arrested[ \t]+with|charged[ \t]+with"
    r"|spending[ \t]+time[ \t]+with|seen[ \t]+with|found[ \t]+with"
    r"|(?:goes|go|went|gone|going)[ \t]+missing[ \t]+with"
    r"|(?:meet|meets|meeting|met)(?=[ \t]+['\"‘“])"  # "to meet 'Smithy'": someone quoted
    # a group's ranks: "main youngers are 'Lil Ghost' and 'Bizzle'"
    r"|(?:youngers|youngens|youngins|olders|elders|runners|shotters)[ \t]+(?:are|were|include)"
    r"(?=[ \t]+['\"‘“]))"
    # an allegation's "AP – 'Dino'", "The second AP is 'Slim Mike'": a quoted name
    r"|(?:AP\d?(?:[ \t]{1,3}[-–—]|[ \t]{1,3}(?:is|was))?"
    r"(?=[ \t]{0,3}:?[ \t]{0,3}['\"‘“])))"
    rf"{GAP}(?:(?i:that|this)[ \t]+)?(?:{QUOTED}|{NAME}|(?P<caps>{CAPS_WORD})(?![\w'’\-]))"
)
# After a full name: ", her uncle" / "(his maternal uncle)" / " - a known associate" (group
# `role`); or an age or a date of birth: "Jordan Pike (19)", "Jordan Pike, 19,", "used by
# Deepak, 22.", "(DOB …)", "Mia, 22/11/2016",
# or an age guessed at: '"Deano" (approx 22)', "Robbo (aged approx 40)"; or an age with its
# unit and no brackets: "Tilly-Mae 4yrs", "Kayden 9yo"; or a police nominal's sex before a
# birth date or an alias: "Ashley Jane MOSS (f), DOB …", "MOSS (f) aka 'Ash'".
_AFTER_NAME = re.compile(
    rf"{BEFORE}{NAME}['’\"”]?[ \t]*(?:(?:[,(]|[ \t][-–—])[ \t]*(?:who[ \t]+is[ \t]+)?"
    r"(?i:her|his|their|a|an|the)[ \t]+(?P<words>(?:[a-z\-]+[ \t]+){0,2})(?P<role>[a-z]+)"
    r"(?![^\W\d_])"
    r"|\([ \t]*[fmFM][ \t]*\)[ \t]*,?[ \t]*(?i:d\.?o\.?b|born|aka|a\.k\.a)(?![^\W\d_])"  # a nominal
    r"|\([ \t]*(?:[a-z]+['’]s[ \t]+|[a-z]+[ \t]+|(?P<qualified>[A-Z][a-z]+[ \t]+))?"
    r"(?:half-|step-)?"
    r"(?P<bracketed>[a-z]+|[A-Z]{2,3}|[A-Z][a-z]+)"
    r"(?:-in-law)?[ \t]*(?:,[ \t]*\d{1,2}[ \t]*)?\)"
    r"|(?P<aged>\([ \t]*(?i:(?:aged|age|now)[ \t]+)?(?i:approx(?:\.|imately)?[ \t]*|about[ \t]+"
    r"|around[ \t]+|c\.[ \t]*|circa[ \t]+|~[ \t]*)?\d{1,2}"
    r"(?i:[ \t]*(?:years?(?:[ \t]+old)?|yrs?|yo|y/o))?[ \t]*[),]"
    r"|,[ \t]*(?i:aged[ \t]+)?\d{1,2}[ \t]*(?:[,;]|\.(?![\w.])|$)"  # "by Deepak, 22."
    # "Tony's lad, Jordan, is 19."
    r"|,[ \t]*(?:is|was)[ \t]+(?i:aged[ \t]+)?\d{1,2}(?i:[ \t]+years?[ \t]+old)?[ \t]*"
    r"(?:[,;]|\.(?![\w.])|$))"
    r"|\([ \t]*(?i:d\.?o\.?b|born|b\.)[^()\n]{0,30}\)"
    # a birth date alone, in brackets or after a comma: "Mia (22/11/2016)", "Mia, 22/11/2016"
    r"|[ \t]*\([ \t]*\d{1,2}[./\-]\d{1,2}[./\-](?:19|20)\d\d(?!\d)"
    r"|(?P<dated>,)[ \t]*\d{1,2}[./\-]\d{1,2}[./\-](?:19|20)\d\d(?!\d)"
    r"|(?<=[ \t])\d{1,2}[ \t]?(?i:yo|y/o|yrs?|years?[ \t]old)(?![^\W\d_])"  # "Tilly-Mae 4yrs"
    r")"
)
_LIST_NEXT = re.compile(
    rf"[ \t]*(?:[,;][ \t]*(?:and[ \t]+|or[ \t]+|&[ \t]*)?|[ \t]+(?:and|or|nor|&)[ \t]+){NAME}"
)


# A name with a Japanese honorific after it: "Tanaka-kun", "Ken-chan", "Watanabe-san".
_HONORIFIC = re.compile(rf"{BEFORE}(?P<name>[{UP}][{LOW}]{{1,20}})-(?:chan|kun|san|sama|senpai"
                        r"|sensei)(?![\w\-])")
# A results sheet's entry, the surname in capitals, the first name, the year of birth: "1.
# CRABTREE, Esme (2012) Hexby Hammerheads 1:14.62".
_RESULTS_ENTRY = re.compile(rf"{BEFORE}(?P<surname>{CAPS_WORD}),[ \t]{{1,3}}(?P<first>{WORD})"
                            r"[ \t]{1,3}\((?:19|20)\d\d\)")
# Whom someone married, as a genogram writes it: "m. Lorraine 1974", "m. Lorraine Hick (1974)".
_MARRIED = re.compile(rf"(?<![\w.'’\-])m\.[ \t]{{1,3}}(?P<name>{WORD}(?:[ \t]{WORD})?)"
                      r"[ \t,]{1,3}\(?(?:19|20)\d\d(?!\d)")
# A name in quotes after a role word, an initial after it: "sender 'Olumide A.'".
_QUOTED_NAME_AFTER_TRIGGER = re.compile(
    rf"[ \t]{{1,3}}['\"‘“](?P<name>{WORD})(?:[ \t][{UP}]\.?)?['\"’”](?![\w'’])")
_WELSH_COUNCIL_BEFORE = re.compile(r"(?<![^\W\d_])(?i:cyngor)[ \t]+\Z")


def introduced_names(texts: Iterable[str]) -> list[str]:
    """Every name the texts introduce, as written ("John Pike", "J. Pike", "Smiley")."""
    found: list[str] = []
    for text in texts:
        found.extend(_names_in(normalise(text)))
        if len(found) > MAX_NAMES:
            break
    return [name for name in dict.fromkeys(found)  # a relative's word alone names no one
            if name and not all(word.casefold() in ROLES for word in tokens_of(name))
            and " ".join(tokens_of(name)).casefold() not in _KIN_PHRASES][:MAX_NAMES]


# A message typed With Every Word Capitalised: a name after a relative's word runs on into
# the sentence's words ("His Dad Wayne Wont Help And …"), so there the name stops at its
# first ordinary word that is no listed surname, or at a contraction typed without its
# apostrophe ("Wont", "Cant").
_SENTENCE_REACH = 200
_SENTENCE_END = re.compile(r"[.!?\n]")
_A_SENTENCES_WORD = re.compile(r"[^\W\d_]+")
_TITLE_CASE_SHARE = 0.8
_TITLE_CASE_WORDS = 8
_CONTRACTIONS_LIST = """
    wont cant dont didnt isnt wasnt doesnt aint havent hasnt hadnt couldnt wouldnt shouldnt
    werent arent im ive youre theyre thats whats hes shes"""
_CONTRACTIONS_UNMARKED = frozenset(_CONTRACTIONS_LIST.split())


def _in_title_case(text: str, at: int) -> bool:
    """Whether the sentence around `at` has most of its words, and enough of them, capitalised."""
    reach = max(0, at - _SENTENCE_REACH)
    start = max(reach, *(text.rfind(end, reach, at) + 1 for end in ".!?\n"))
    stop = _SENTENCE_END.search(text, at, min(len(text), at + _SENTENCE_REACH))
    words = _A_SENTENCES_WORD.findall(text, start, stop.start() if stop else
                                      min(len(text), at + _SENTENCE_REACH))
    capitalised = sum(1 for word in words if word[0].isupper())
    return len(words) >= _TITLE_CASE_WORDS and capitalised >= _TITLE_CASE_SHARE * len(words)


def _without_title_cased_words(name: str) -> str:
    kept: list[str] = []
    for token in tokens_of(name):
        if kept and (token.casefold() in _CONTRACTIONS_UNMARKED or (
                lexicon.is_ordinary(token) and not lexicon.is_surname(token))):
            break
        kept.append(token)
    return " ".join(kept)


def _kin_word_inside(name: str) -> int | None:
    """Where a relative's word stands between two names, as a child calls someone by it
    ("Kowalczyk Aunty Gosia", "Kowalczyk Ciocia Gosia"): the word is no name."""
    words = name.split()
    return next((index for index, word in enumerate(words[1:-1], 1)
                 if word.casefold() in FAMILY_ROLES and not lexicon.is_surname(word)
                 and not lexicon.is_first_name(word)), None)


# A surname with its particle first, after a title: "Mrs van Dyke (SENCO)", "Mr de Souza".
_PARTICLED_SURNAME = re.compile(rf"[ \t]{{1,2}}(?P<name>(?:{PARTICLE}){{1,2}}{WORD})(?![\w'’\-])")


def _names_in(text: str) -> Iterator[str]:
    for word in _A_WORD.finditer(text):
        trigger = word.group()
        if not _is_trigger(trigger) or _WELSH_COUNCIL_BEFORE.search(
                text, max(0, word.start() - 8), word.start()):
            continue  # "Cyngor Sir Ddinbych", "Cyngor Bro Morgannwg": a council, no title
        if trigger.casefold() in TITLES and _A_PET_CALLED.search(
                text, max(0, word.start() - _THING_REACH - 8), word.start()):
            continue  # "a cat called Mr Tibbs": a pet's name, no person's
        match = (_NAME_AFTER_TRIGGER.match(text, word.end())
                 or (_family_name_first(text, word.end())
                     if trigger.casefold() in TITLES else None)
                 or (_PARTICLED_SURNAME.match(text, word.end())
                     if trigger.casefold() in TITLES else None)
                 or _caps_name(text, word.end(), after_title=trigger.casefold() in (
                     TITLES | _JUDGES) or trigger in UPPER_CASE_TITLES or trigger == "DJ",
                               after_kin=trigger.casefold() in FAMILY_ROLES))
        if match is None:
            if (nicknamed := _QUOTED_AFTER_TRIGGER.match(text, word.end())) is not None:
                yield from _nickname_and_surname(nicknamed)
            elif (in_quotes := _QUOTED_NAME_AFTER_TRIGGER.match(text, word.end())) is not None and (
                    looks_like_a_name(in_quotes.group("name"))):
                yield in_quotes.group("name")  # "sender 'Olumide A.'"
            elif (relative := _relative_is(text, word)) is not None:
                yield trim(relative.group("name"))
                yield from _listed_after(text, relative)
            elif (lower_case := _lower_case_name(text, word)) is not None:
                yield lower_case
            continue
        if text[word.end() : word.end() + 1] == "." and trigger.casefold() not in TITLES:
            continue  # "Dr. Patel", but "… her aunt. Universal Credit …" is a new sentence
        if "\n" in text[word.end() : match.start("name")] and _A_LINES_LABEL.match(
                text, match.end("name")):
            continue  # "Relationship: Mother⏎Print name: …": the next line's label
        name = trim(_unwrapped(match.group("name")), after_title=trigger.casefold() in TITLES)
        name = _without_a_bracketed_role(name, match.group("name"))
        if (inside := _kin_word_inside(name)) is not None:
            yield " ".join(name.split()[inside + 1 :])  # "Mrs Kowalczyk Ciocia Gosia": what
            name = " ".join(name.split()[:inside])  # he calls her, after her name; "Ciocia" stays
        if len(kin := name.split()) > 1 and kin[-1].casefold() in FAMILY_ROLES and (
                not lexicon.is_surname(kin[-1])) and name.casefold() not in _KIN_PHRASES:
            name = " ".join(kin[:-1])  # "An aunt, Rukhsana Khala, rang": her kin word stays
        if " " in name and _in_title_case(text, word.start()):
            name = _without_title_cased_words(name)  # "His Dad Wayne Wont Help": "Wayne"
        if name.split()[:1] and name.split()[0].casefold() in ROLES and not (
                name.split()[0].istitle() and name.split()[0].casefold() in _IN_LAWS_SHORT
                and len(name.split()) > 1):
            continue  # "calls their grandmother Nanna": a relative, named by another word;
            # but "her husband Dil Bahadur Thapa": "Dil" there is a name, not "DIL"
        if called_by_a_word_for_mother(text, name, match.start("name")):
            continue  # "Zainab calls her mother Inna": the Hausa word she calls her by
        if name.casefold() in _FORMS_OF_ADDRESS:
            continue  # "her key worker Miss. Ma'am is what …": a sentence's end, no title
        if _NUMBERED.match(text, word.end()) and not looks_like_a_name(name):
            continue  # "Sgt 1123 West Yorkshire Police": a force, not its officer's name
        if "\t" in text[word.end() : match.start("name")] and not looks_like_a_name(name):
            continue  # "Father⇥Same as the child's": a table's next cell, not his name
        if _NO_ONE.fullmatch(name):
            continue  # "Father Unknown": the form's word for no one, whatever stands between
        if "\n" in text[word.end() : match.start("name")] and _A_CELLS_END.match(
                text, match.end("name")) and not looks_like_a_name(name):
            continue  # "… dont tell ur mum⏎Received | 02 Nov": the next row's first cell
        if name.casefold() in SURNAMES_TOO:  # "Mr English": the word is a name only here
            yield f"{trigger} {name}"
        elif trigger.casefold() in _JUDGES_IN_CAPITALS and match.group("name").isupper():
            if trigger != "DJ" and looks_like_a_name(match.group("name")):
                yield match.group("name")  # "District Judge CARVER extended the ICO"
            elif (surname := _a_judges_surname(match.group("name"))) and looks_like_a_name(
                    surname):
                yield surname  # "DDJ QUAYLE MADE THE ORDER": the surname alone
        elif not (trigger.casefold() in OTHER_ROLES or _a_post(text, word, match)) or (
                _looks_like_a_name_beside_its_nickname(match.group("name"))
                or _a_first_name_and_a_surname(name)):
            yield name
            yield from _listed_after(text, match)
            if (also := _IS_NAME.match(text, match.end("name"))) and _a_name_a_person_is(
                    other := trim(also.group("name"))):  # "his sister Catherine is Kate or Mags"
                yield other
                yield from _listed_after(text, also)
    for match in _AFTER_NAME.finditer(text):
        name, role = trim(match.group("name")), match.group("role") or match.group("bracketed")
        if match.group("dated") and not (name and lexicon.is_first_name(name.split()[0])):
            continue  # "Hexby, 03/11/2026": a letter's town and date, no one's birth
        if match.group("role") is not None and role.casefold() not in ROLES:
            # "Kev, a youth worker at The Hub": the role before the words that follow it
            role = next((word for word in reversed(match.group("words").split())
                         if word.casefold() in ROLES), role)
        if role is None and (_looks_like_a_name_beside_its_nickname(match.group("name")) or (
                match.group("aged") and _a_first_name_that_is_a_place(name)
                and not _A_PLACES_PREPOSITION.search(text, max(0, match.start() - 12),
                                                     match.start()))):
            # an age, a birth date, a calling
            yield name
            yield from _nickname_before(text, match.start())
            yield from _listed_after(text, match)
        elif role is not None and (role.casefold() in ROLES or (
                role.isupper() and role.casefold() in _ROLES_ABBREVIATED
                and looks_like_a_name(_without_initials(name)))) and (
                len(tokens_of(name)) > 1 or _one_word_with_a_role(text, match, name)) and (
                match.group("qualified") is None or _ends_in_a_surname(match.group("name"))) and (
                role.casefold() in FAMILY_ROLES or not _a_post_in_words(name)):
            yield name
            yield from _nickname_before(text, match.start())
    yield from _named_after_a_role(text)
    yield from _names_others_call(text)
    yield from _what_i_am_called(text)
    yield from _transcript_speakers(text)
    yield from _names_before_an_alias(text)
    yield from _named_as(text)
    yield from _believed_to_be(text)
    yield from _paid_to(text)
    yield from _as_others_call(text)
    yield from _big_or_little(text)
    yield from _nicknames_without_a_cue_word(text)
    for match in _HONORIFIC.finditer(text):  # "Tanaka-kun", "Ken-chan"
        yield match.group("name")
    for match in _RESULTS_ENTRY.finditer(text):  # "1. CRABTREE, Esme (2012) Hexby …"
        if looks_like_a_name(match.group("first")) and looks_like_a_name(match.group("surname")):
            yield match.group("first")
            yield match.group("surname")
    for match in _MARRIED.finditer(text):  # a genogram's "m. Lorraine 1974"
        if looks_like_a_name(match.group("name")):
            yield match.group("name")
    for match in _INTRODUCED.finditer(text):
        if match.group("intro") is not None and _A_THING_CALLED.search(
                text, max(0, match.start() - _THING_REACH), match.start()) and not (
                _A_WORK_UNDER_A_NAME.search(text, max(0, match.start() - _THING_REACH),
                                            match.end("intro"))):
            continue  # "My dog is called Rolo", "a server called 'Night Crew'": no person
        quoted = match.group("quoted")  # a nickname in quotes is kept whole
        if (caps := match.group("caps")) is not None:
            if _introduced_in_capitals(caps, match.group("intro")):
                yield caps  # "known as TRIGGER", "SEEN WITH THAT DEMARCO"
        elif match.group("intro") is not None:
            if quoted and _WRITES_TO.match(match.group("intro")) and all(
                    map(lexicon.is_ordinary, tokens_of(quoted))):
                continue  # "texts him as 'a friend'": words, no name
            if _USES_A_NAME.match(match.group("intro")) and not (
                    quoted and quoted[:1].isupper() and not all(
                        map(lexicon.is_ordinary, tokens_of(quoted)))):
                continue  # "people use 'banter'", "records use 'Unknown'": words, no name
            if quoted:
                yield " ".join(tokens_of(quoted))
                yield from _surname_after_an_alias(text, match)  # "Dean aka 'Deano' Platt"
            else:  # "is called Jermaine or Bigga"
                yield trim(match.group("name"))
                yield from _listed_after(text, match)
                if match.group("intro").casefold() in _ALIAS_WORDS:
                    yield from _surname_after_an_alias(text, match)
        elif quoted is not None:  # "must not see 'Smudger' or 'Bones'": someone's nicknames
            yield from _quoted_list(text, match, lambda said: said[:1].isupper() and bool(
                trim(said)))
        elif _a_service(name := trim(match.group("name"))):
            continue  # "seen with Brook for sexual health advice": a service
        elif looks_like_a_name(name) or (
                lexicon.is_first_name(name) and _LIST_NEXT.match(text, match.end("name"))):
            yield name  # "goes missing with: Chelsea; Paris; …": a list of first names
            yield from _listed_after(text, match)


# A child's own words on her "All about me" page: "everyone calls me KC or Kace", "my mates
# call me Kaz": each name she says she is called by, in capitals (initials) or not, up to
# four. A relative's word ("calls me Mum"), a common word ("called me Stupid") and an
# everyday abbreviation stay.
_CALLS_ME = re.compile(r"(?<![^\W\d_])(?i:calls?|called)[ \t]+me[ \t]+")
_CALLED_ITEM = re.compile(
    rf"(?P<name>[{UP}][\w'’\-]{{1,15}})(?![\w'’\-])(?P<next>[ \t]*,[ \t]*|[ \t]+(?:or|and)[ \t]+)?")
_MOST_CALLED = 4


def _what_i_am_called(text: str) -> Iterator[str]:
    for cue in _CALLS_ME.finditer(text):
        at = cue.end()
        for _ in range(_MOST_CALLED):
            item = _CALLED_ITEM.match(text, at)
            if item is None:
                break
            name = item.group("name")
            folded = name.casefold()
            if folded in NOT_NAMES or folded in ROLES or folded in ABBREVIATIONS or (
                    len(name) > 3 or not name.isupper()) and lexicon.is_ordinary(name):
                break
            yield name
            if item.group("next") is None:
                break
            at = item.end()


# A meeting's transcript names each speaker on a line of its own, with an organisation and
# the time into the call: "Bryony Kitchen (Ashby Moor Academy)   1:42", "DS Marcus Fairbank
# 0:11". The whole name goes, a surname that is a word too ("Kitchen").
_TRANSCRIPT_SPEAKER = re.compile(
    rf"^[ \t]*(?:[A-Z]{{2,4}}[ \t]+)?(?P<name>{WORD}(?:[ \t]+{WORD}){{1,2}})"
    r"(?:[ \t]+\([^()\n]{1,60}\))?[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*$", re.MULTILINE)


def _transcript_speakers(text: str) -> Iterator[str]:
    for match in _TRANSCRIPT_SPEAKER.finditer(text):
        first = match.group("name").split()[0]
        if lexicon.is_first_name(first) and first.casefold() not in NOT_NAMES:
            yield match.group("name")


# A pet or a thing is called something too: "My dog is called Rolo", "in a server called
# 'Night Crew'", "a group chat named 'Bossman Ting'".
_A_THING_CALLED = re.compile(
    rf"(?<![^\W\d_])(?i:{'|'.join(sorted(CALLED_THINGS))})[ \t]+(?:(?:is|was)[ \t]+)?$")
_THING_REACH = 20
# A song or a video put out under a name: the name is its maker's ("wrote a drill track under
# the name 'Ezzy Dread'"), not the thing's.
_A_WORK_UNDER_A_NAME = re.compile(r"(?<![^\W\d_])(?i:track|tracks|song|songs|video|videos|album"
                                  r"|mixtape|verse)[ \t]+(?i:under[ \t]+the[ \t]+name)$")
_A_PET_CALLED = re.compile(
    rf"(?<![^\W\d_])(?i:{'|'.join(sorted(CALLED_THINGS))})[ \t]+(?:(?:is|was)[ \t]+)?"
    r"(?i:called|named)[ \t]+$")


# A role word, a nickname in quotes and a surname: "coach 'Tank' Wainwright", "her uncle
# “Shiv” O’Neill". Both go.
_QUOTED_AFTER_TRIGGER = re.compile(
    rf"[ \t]+['\"‘“](?P<nickname>[{UP}][\w\-]{{0,15}})['\"’”][ \t]+(?P<name>{WORD})"
    rf"(?![\w'’\-])")


def _nickname_and_surname(match: re.Match[str]) -> Iterator[str]:
    nickname, surname = match.group("nickname"), match.group("name")
    if looks_like_a_name(surname) and surname.casefold() not in NOT_NAMES and (
            not lexicon.is_known_non_person(surname)):
        yield surname
        if nickname.casefold() not in NOT_NAMES and not lexicon.is_known_non_person(nickname):
            yield nickname


def _introduced_in_capitals(word: str, intro: str | None) -> bool:
    """A word in capitals after what introduces a name: after "known as", "uses the name",
    "goes by" any word that is no common English word, acronym, role or place ("known as
    TRIGGER", "THE NAME ROXXI"); after the company someone keeps, a listed first name or a
    rare word with a vowel ("SEEN WITH THAT DEMARCO", not "SEEN WITH CAMHS"); never after
    "called" ("Mum called KOOTH" is a service)."""
    folded = word.casefold()
    if folded in NOT_NAMES | ROLES | ABBREVIATIONS or lexicon.is_known_non_person(word) or (
            lexicon.is_ordinary(word)):
        return False
    if intro is None:
        return lexicon.is_first_name(word) or (
            len(word) >= 4 and lexicon.is_rare(word) and _A_VOWEL.search(word) is not None)
    return intro.casefold() != "called" and (len(word) >= 4 or lexicon.is_first_name(word))


_A_VOWEL = re.compile("[AEIOUY]")


# A nickname in quotes standing for the first name, right before a surname said to be a
# person: "“Shiv” O’Neill (16)", "'Tank' Moxley, her cousin". Searched for in the few
# characters before the surname only.
_NICKNAME_BEFORE = re.compile(rf"[\"“‘'](?P<nickname>[{UP}][\w'’\-]{{0,15}})[\"”’'][ \t]+$")
_NICKNAME_REACH = 25


def _nickname_before(text: str, start: int) -> Iterator[str]:
    before = _NICKNAME_BEFORE.search(text, max(0, start - _NICKNAME_REACH), start)
    if before is not None and (nickname := before.group("nickname")).casefold() not in (
            NOT_NAMES) and not lexicon.is_known_non_person(nickname):
        yield nickname


# The surname after a quoted alias: "Dean aka 'Deano' Platt", "Kyle AKA 'K-Money' Barrow";
# after an alias in brackets or between commas too: "Tommy (AKA Tank) Rhodes", "Ashley, AKA
# 'Ash', Brindle", "Leon (aka Lenny) Baptiste-Clarke".
_SURNAME_AFTER_QUOTE = re.compile(rf"[ \t]+(?P<name>{WORD})(?![\w\-]|['’](?!s\b))")
_SURNAME_AFTER_ALIAS = re.compile(rf"[ \t]*[),]?[ \t]+(?P<name>{WORD})(?![\w\-]|['’](?!s\b))")
_ALIAS_WORDS = frozenset({"aka", "a.k.a.", "a.k.a", "a/k/a"})


def _surname_after_an_alias(text: str, match: re.Match[str]) -> Iterator[str]:
    """The surname after what someone is called: after a quoted name only straight after it;
    after "aka" also past the bracket or the comma that ends the alias."""
    alias = match.group("intro").casefold() in _ALIAS_WORDS
    surname = (_SURNAME_AFTER_ALIAS if alias else _SURNAME_AFTER_QUOTE).match(text, match.end())
    if surname is not None and looks_like_a_name(name := surname.group("name")) and (
            name.casefold() not in NOT_NAMES and not lexicon.is_known_non_person(name)):
        yield name
# The name an alias is given for: "Marcus aka Mad Max Flint", "Dean Platt, also known as",
# "Shane a/k/a Shorty", "Leon (aka Lenny) Baptiste". An alias in lower case says the thing
# is no one: "Primark aka her favourite shop", "The Crown aka the pub".
_AKA = re.compile(r"(?:[ \t,]+|[ \t]*\([ \t]*)(?:aka|a\.k\.a\.?|a/k/a|also[ \t]+known[ \t]+as)"
                  r"(?![\w'’])(?![ \t]+(?-i:[a-z]))", re.IGNORECASE)
_NAME_BEFORE = re.compile(rf"(?<![\w'’])(?P<name>{WORD}(?:[ \t]+{WORD}){{0,2}})$")
_ALIAS_REACH = 60


def _names_before_an_alias(text: str) -> Iterator[str]:
    for alias in _AKA.finditer(text):
        before = _NAME_BEFORE.search(text, max(0, alias.start() - _ALIAS_REACH), alias.start())
        if before and (name := trim(before.group("name"))) and (
                looks_like_a_name(name) or lexicon.is_first_name(name.split()[-1])):
            yield name


# What others call a person: "Nan calls him Cally", "Friends call her ‘Kezzy’ or 'Kez'",
# "calls Kacper 'Łukaszek'", or how it is spelt: "(sometimes spelt Shonag or Seonaig)". Said
# of him or her, or of a man or a lad, the cue is strong enough for a word to be the name:
# "The lads called him Spike", "A man she calls Tiny", "A man Jaden calls Dubz", "A man she
# calls TANK", "Her boyfriend, who she calls Babyface", "call her Princess P" and "calls him
# Daddy Cool" (whole). "She calls him Dad", "called him back", "called her names", "called the
# police" name no one, nor does "a place Jaden calls Home".
_CALLS = re.compile(
    rf"{BEFORE}(?:(?i:call(?:s|ed)?)[ \t]+(?:(?P<pronoun>(?i:him|her|them))"
    rf"|{WORD}(?=[ \t]+['\"‘“]))"
    rf"|(?P<noun>[A-Za-z][a-z]*|[A-Z]+),?[ \t]+(?i:(?:(?:who|that|whom)[ \t]+)?"
    rf"(?:she|he|they|we|people|everyone|the[ \t]+(?:girls|boys|lads|kids|others"
    rf"|younger[ \t]+ones)|(?-i:[A-Z][a-z]{{1,20}}))"  # or by name: "a man Jaden calls Dubz"
    rf"[ \t]+call(?:s|ed)?)"
    rf"|(?i:spelt|spelled))[ \t]+(?:{QUOTED}|{NAME}(?P<initial>[ \t]+[{UP}](?![\w'’]))?"
    rf"|(?P<caps>{CAPS_WORD}(?:[ \t]+(?:{CAPS_WORD}|[{UP}](?![\w'’\-])))?)(?![\w'’\-]))")
# Whom "a man she calls Tiny" is: a person, not "a place she calls Home".
_CALLED_ONES = frozenset({"guy", "boy", "girl", "one", "someone", "somebody", "lads", "men",
                          "boys", "girls", "women", "boyfriend", "girlfriend", "partner",
                          "friend"}) | OTHER_ROLES
_QUOTED_NEXT = re.compile(
    rf"[ \t]*(?:,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or)[ \t]+){QUOTED}")


# "Mia asked where Big Kev was": Big or Little before a short name is what a family calls a
# man (or his son), with no cue, so the name goes; "Big Brother", "Little Chef" are words.
_BIG_OR_LITTLE = re.compile(
    r"(?<![^\W\d_])(?:Big|Little|Lil|BIG|LITTLE|LIL)[ \t](?P<name>[A-Z][a-z]{1,11})"
    r"(?![\w\-]|['’]\w)")  # and a closing quote after it: "'Big Phil' Horsfall"


_AS_RARE_AS_KEV = 3.5  # Zipf: "Kev" 3.3, "Shaq" 3.1; but "Chef" 4.2
_NOT_BIG_NAMES = frozenset({"man", "men", "un", "one", "ones"})  # "Little Man", a boy
# Short forms of first names that the word lists know as words first ("Big Al", "Big Phil"):
# after Big or Little they are the man's name.
_SHORT_NAMES_AS_WORDS = frozenset({"al", "phil", "ed", "mo", "pat", "sid", "les", "val", "di",
                                   "tel", "matt", "rich"})
# The surname after a nickname made with Big or Little, quoted or not: "'Big Phil' Horsfall".
_SURNAME_AFTER_BIG = re.compile(rf"['’\"”]?[ \t]+(?P<surname>{WORD})(?![\w\-]|['’]\w)")


def _big_or_little(text: str) -> Iterator[str]:
    for match in _BIG_OR_LITTLE.finditer(text):
        name = match.group("name")
        kind = lexicon.kind(name)
        if (kind in ("name", "rare") or (kind == "plain" and lexicon.zipf(name) < _AS_RARE_AS_KEV)
                or name.casefold() in _SHORT_NAMES_AS_WORDS
                ) and name.casefold() not in ROLES | _NOT_BIG_NAMES and (
                not lexicon.is_known_non_person(name)):
            yield name  # "Big [person]", as a name found otherwise reads
            after = _SURNAME_AFTER_BIG.match(text, match.end())
            if after is not None and _a_surname_alone(surname := after.group("surname")):
                yield surname  # "'Big Phil' Horsfall"


def _a_surname_alone(word: str) -> bool:
    """A capitalised word after a nickname that is a surname: a listed name or a rare word,
    no common word, role, place or thing's name ("Horsfall", not "Gym" or "Road")."""
    return lexicon.kind(word) in ("name", "rare") and not lexicon.is_ordinary(word) and (
        word.casefold() not in ROLES | NOT_NAMES) and looks_like_a_name(word)


# Nicknames a record gives with no role word before them: a name signed with a kiss at the
# end of a quote ("'Love you Princess – Kilbo x'"), a contact saved with an emoji ("'Garsy
# 💰'"), who to ask for ("'ask for Dez'"), a second name in brackets ("(Dmitri, also Dima)"),
# what a full name "is" in quotes ("Dean Scarborough, is 'Scabby'").
_SIGNED_WITH_A_KISS = re.compile(
    rf"{BEFORE}(?P<name>{WORD})[ \t]+[xX]{{1,4}}(?=['’\"”]|[ \t]*(?:\n|$))")
_EMOJI = "\u2600-\u27bf\U0001f300-\U0001faff"
_SAVED_WITH_AN_EMOJI = re.compile(
    rf"['‘\"“](?P<name>{WORD})[ \t]{{0,3}}[{_EMOJI}][{_EMOJI}\ufe0f\u200d]{{0,5}}['’\"”]")
_ASK_FOR = re.compile(rf"{BEFORE}(?i:ask(?:s|ed|ing)?)[ \t]+for[ \t]+(?P<name>{WORD})"
                     r"(?![\w\-]|['’]\w)")
_ALSO_WRITES = re.compile(  # "Padraig Ó Dálaigh, who also writes O'Daly"
    rf"{BEFORE}also[ \t]+(?:writes|wrote|written)(?:[ \t]+(?:it|(?:his|her|their)[ \t]+name))?"
    rf"(?:[ \t]+as)?[ \t]+(?P<name>{WORD})(?![\w\-]|['’]\w)")
_ALSO_IN_BRACKETS = re.compile(
    rf"[(,][ \t]{{0,3}}also[ \t]+(?P<name>{WORD})[ \t]{{0,3}}\)")
_FULL_NAME_IS_QUOTED = re.compile(
    rf"{BEFORE}(?P<full>{WORD}[ \t]+{WORD}),[ \t]+(?:is|was)[ \t]+{QUOTED}(?=[ \t]*[.;,)]|$)")


def _nicknames_without_a_cue_word(text: str) -> Iterator[str]:
    for pattern in (_SIGNED_WITH_A_KISS, _SAVED_WITH_AN_EMOJI, _ASK_FOR, _ALSO_IN_BRACKETS,
                    _ALSO_WRITES):
        for match in pattern.finditer(text):
            if _a_surname_alone(name := match.group("name")):
                yield name
    for match in _FULL_NAME_IS_QUOTED.finditer(text):
        said = " ".join(tokens_of(match.group("quoted")))
        if looks_like_a_name(match.group("full")) and said[:1].isupper() and len(
                said.split()) < 4 and not lexicon.is_known_non_person(said):
            yield said  # "Dean Scarborough, is 'Scabby'"


def men_called_by_a_title(texts: Iterable[str]) -> list[str]:
    """"A man she calls Boss": a form of address said of a man, a lad or a boyfriend (not a
    carer she calls Miss, nor "she calls him Sir") is the name he goes by. Listed apart from
    `introduced_names`, which drops a role word alone."""
    return [match.group("name") for text in texts for match in _CALLS.finditer(text)
            if match.group("noun") is not None and match.group("name") is not None
            and match.group("noun").casefold() in _MEN_AND_LADS
            and match.group("name").casefold() in _FORMS_OF_ADDRESS]


_MEN_AND_LADS = frozenset({"man", "men", "guy", "guys", "lad", "lads", "boy", "boys", "bloke",
                           "boyfriend", "someone", "somebody", "one", "friend", "partner"})


def _names_others_call(text: str) -> Iterator[str]:
    for match in _CALLS.finditer(text):
        if match.group("noun") is not None and match.group("noun").casefold() not in _CALLED_ONES:
            continue
        if (caps := match.group("caps")) is not None:  # "a man she calls TANK", but not
            if match.group("pronoun") or match.group("noun"):  # "CALL HER BACK"
                said = text[match.start() : match.start("caps")]
                yield from _called_in_capitals(caps.split(), said_in_capitals=said.isupper())
        elif match.group("quoted") is None:
            name = trim(match.group("name"))
            if name and len(tokens_of(name)) > 1 and (
                    match.group("pronoun") or match.group("noun")) and (
                    name.split()[0].casefold() in ROLES) and not lexicon.is_known_non_person(name):
                yield name  # "She calls him Daddy Cool": a role word opening a nickname
                continue
            if (initial := match.group("initial")) is not None and name == match.group("name") and (
                    initial.strip() not in _NO_INITIALS):
                yield f"{name} {initial.strip()}"  # "Princess P", "Papa T"
                if name.casefold() in FAMILY_ADJECTIVES:
                    continue  # "Big T", whole: "Big" alone is a word
            if not name or name.split()[0].casefold() in ROLES | _FORMS_OF_ADDRESS:
                continue  # "She calls him Dad", "calls her Ma'am"
            if looks_like_a_name(name) or lexicon.is_first_name(name):
                yield name
                yield from _listed_after(text, match)
            elif (match.group("pronoun") or match.group("noun")) and (
                    not lexicon.is_known_non_person(name)):
                yield name  # "called him Spike"
        else:  # "call her ‘kez’", but "call her ‘sassy’" names no one
            yield from _quoted_list(text, match, lambda said: said[:1].isupper() or all(
                lexicon.zipf(word) < lexicon.LEAST_COMMON_KEPT for word in tokens_of(said)))


def _called_in_capitals(words: list[str], *, said_in_capitals: bool) -> Iterator[str]:
    """What someone is called, in capitals: a family adjective or a relative's word with a
    name after it, whole ("BIG TONE", "PAPA DOC"); else the first word, when it is no role,
    acronym or place ("a man she calls TANK"), and, where the sentence too is in capitals, no
    common word ("THE GIRLS CALL HIM TRIGGER", but "CALL HER BACK", "CALL HIM DAILY")."""
    first = words[0].casefold()
    fond = first in FAMILY_ADJECTIVES or first in ROLES
    alone = not _not_called(words[0]) and not (said_in_capitals and lexicon.is_ordinary(words[0]))
    if len(words) > 1 and len(words[1]) == 1 and words[1] not in _NO_INITIALS:
        if fond or alone:
            yield " ".join(words)  # "MAMA T", "BIG T": a word and an initial
    elif len(words) > 1 and len(words[1]) > 1 and fond and not (
            _not_called(words[1]) or lexicon.zipf(words[1]) >= _AS_COMMON_AS_MAN):
        yield " ".join(words)
    elif alone:
        yield words[0]


_NO_INITIALS = frozenset({"A", "I"})  # "She calls him Dad a lot", written "Dad A lot"
_AS_COMMON_AS_MAN = 5.0  # "BIG MAN", "BABY GIRL" are words; "BIG TONE", "PAPA DOC" names


def _not_called(word: str) -> bool:
    folded = word.casefold()
    return folded in ROLES | _FORMS_OF_ADDRESS | NOT_NAMES | ABBREVIATIONS or (
        lexicon.is_known_non_person(word))


def _quoted_list(text: str, first: re.Match[str],
                 names_someone: Callable[[str], bool]) -> Iterator[str]:
    """The quoted nickname matched, and those listed after it ("‘Kezzy’, “Kez” or 'Kezzie'"),
    while each is one `names_someone` accepts."""
    quoted: re.Match[str] | None = first
    for _ in range(20):  # a short list; this keeps the walk bounded
        if quoted is None or not tokens_of(said := quoted.group("quoted")):
            return
        if tokens_of(said)[0].casefold() not in ENDEARMENTS:  # "'Ayo' and 'Omo mi'"
            if not names_someone(said):
                return
            yield " ".join(tokens_of(said))
        quoted = _QUOTED_NEXT.match(text, quoted.end())


# What a family calls a child in its own language, "my child", "my love", "my darling", which
# is every child's: "her grandmother calls her 'Ayo' and 'Omo mi'" (Yoruba) names her by
# "Ayo" only; "habibti" (Arabic), "mija" (Spanish), "beta" (Hindi and Urdu), "kochanie"
# (Polish), "canım" (Turkish).
ENDEARMENTS = frozenset({"omo", "habibi", "habibti", "mija", "mijo", "beta", "beti",
                          "kochanie", "canım", "canim"})


# A name someone goes by among some people: "Mum is Shiv to her friends", "Dad is Karim at
# the mosque and Abood to his friends", "'Vonnie' to Tam", "Fadumo on her passport"; and the
# name a pronoun "is": "at his nan's he is Deio".
_NAMED_AMONG = re.compile(
    rf"(?:{BEFORE}(?:is|was|and|or)[ \t]+|[(,;][ \t]*)(?:{QUOTED}|{NAME})[ \t]+(?:to|at|on|in)"
    rf"[ \t]+(?:(?:his|her|their|the|my|our|him|them|me|us|everyone|everybody|all|friends|"
    rf"family|school|home)\b|[{UP}]|(?P<kin>[{LOW}]+))")
_PRONOUN_IS = re.compile(rf"{BEFORE}(?i:he|she)[ \t]+(?:is|was)[ \t]+{NAME}")


# What someone calls a person, said first: "Dodger is what everyone at the boxing club calls
# him", "Chichi is what her aunties call his sister", "Teito Moss is what his sister calls
# him", "Bossman is what the dealer calls himself"; or said last: "What everyone calls his
# friend is Chopper". The cue is strong enough for one word ("Dodger") to be the name, when
# what is called is a person ("School is what he calls his safe place" is no one); a full
# name must look like one.
# Also in the past ("What people on the estate called him was Spike"), contracted
# ("Kingpin's what he calls himself"), with an initial ("Princess P is what she calls
# herself", "Princess P's what …"), quoted whole ("… is ‘Kween K’") and of a little brother;
# of a role ("Big T is what they call the driver") and as gone by ("‘Kween K’ is what she
# goes by"). A fond word and an initial or a word go whole ("Big Man", "Big T"), but "Big
# Sis" is a relative's word.
_CALLED = (r"(?:call(?:s|ed)?[ \t]+(?:(?:his|her|their|the)[ \t]+(?:(?:little|big|baby|older|"
           r"younger|twin|kid)[ \t]+)?(?P<kin>[a-z]+)|him|them|(?:him|her|them)sel(?:f|ves)"
           r"|her(?![ \t]+(?!(?:is|was)(?![\w'’]))[a-z]))|go(?:es)?[ \t]+by|went[ \t]+by)"
           r"(?![\w'’])")
_WHAT_THEY_CALL = re.compile(
    rf"(?<![\w'’])(?:{QUOTED}|['\"‘“]?{NAME}(?P<initial>[ \t]+[{UP}](?!\w|['’](?!s[ \t])))?"
    rf"['’\"”]?)"
    r"(?:[ \t]+is|['’]s)[ \t]+what[ \t]+(?:[\w'’]+[ \t]+){1,5}?"
    + _CALLED)
_IS_WHAT = re.compile(r"(?:[ \t]is|['’]s)[ \t]+what[ \t]")  # cheap to find: most texts have none
_WHAT_IS_CALLED = re.compile(  # "What the older lads on the estate call her brother is …"
    rf"(?<![\w'’])[Ww]hat[ \t]+(?:[\w'’]+[ \t]+){{1,10}}?{_CALLED}(?:[ \t]+[\w'’]+){{0,4}}?"
    rf"[ \t]+(?:is|was)[ \t]+(?:{QUOTED}|['\"‘“]?{NAME})")


_FORMS_OF_ADDRESS = frozenset({"ma'am", "ma’am", "maam", "madam", "miss", "sir", "boss"})


def _called(match: re.Match[str], nickname_at: int) -> Iterator[str]:
    """The name what someone calls a person: a full name that looks like one, and the word
    of it beside the cue ("Then Dodger is what …", "… is Chopper Then")."""
    if match.group("kin") is not None and match.group("kin") not in ROLES:
        return  # "School is what he calls his safe place"
    if (quoted := match.groupdict().get("quoted")) is not None:
        if any(word[:1].isupper() for word in tokens_of(quoted)):
            yield " ".join(tokens_of(quoted))  # "‘Lil T’ is what she calls her brother"
        return
    words = tokens_of(match.group("name"))
    if len(words) > 1 and looks_like_a_name(name := trim(match.group("name"))):
        yield name  # "Teito Moss"
    if (initial := match.groupdict().get("initial")) is not None:
        yield f"{match.group('name')} {initial.strip()}"  # "Princess P"
    fond = words[0].casefold() in FAMILY_ADJECTIVES
    if fond and len(words) == 2 and words[1].casefold() not in FAMILY_ROLES:
        yield " ".join(words)  # "Big Man", but "Big Sis" is a relative's word
    word = words[nickname_at]
    if not (fond or word.casefold() in NOT_NAMES | ROLES | _FORMS_OF_ADDRESS
            or lexicon.is_known_non_person(word)):
        yield word  # a word included: "Dodger"; but "Ma'am" or "Boss" is what a role is called


# Who a name stands for: "Dolla is believed to be Dominic Lassiter (25)", "Smudge is thought
# to be Liam Cope". The name after it is a person's whole name, so the word before it is
# what the person is called.
_BELIEVED_TO_BE = re.compile(
    rf"{BEFORE}(?P<alias>{WORD})[ \t]+(?:is|was)[ \t]+(?:(?:now|also)[ \t]+)?(?:believed|thought"
    rf"|understood|suspected|known|said|reported)[ \t]+to[ \t]+be[ \t]+{NAME}")


# A payee in quotes on a bank statement's line: "transfers from 'SAVINGS' sort code …,
# account …, to 'Bailey'". The line's words reach a bounded way to the payee.
_PAID_TO = re.compile(r"(?<![^\W\d_])(?i:transfers?|transferred|payments?|paid|sent)(?![^\W\d_])"
                      rf"[^.\n]{{0,120}}?[ \t]to[ \t]+['\"‘“](?P<name>[{UP}][\w\-]{{1,20}}"
                      rf"(?:[ \t][{UP}][\w\-]{{1,20}}){{0,2}})['\"’”]")


def _paid_to(text: str) -> Iterator[str]:
    for match in _PAID_TO.finditer(text):
        if looks_like_a_name(match.group("name")):
            yield match.group("name")


def _believed_to_be(text: str) -> Iterator[str]:
    for match in _BELIEVED_TO_BE.finditer(text):
        name, alias = trim(match.group("name")), match.group("alias")
        if len(tokens_of(name)) > 1 and looks_like_a_name(name):
            yield name
            if _what_someone_is_called(alias):
                yield alias


def _what_someone_is_called(word: str) -> bool:
    """A word said to be what someone is called ("Dolla", "Renátka") that is a name: not a
    role, a form of address, a common word or a thing's name."""
    return not (word.casefold() in NOT_NAMES | ROLES | _FORMS_OF_ADDRESS
                or lexicon.is_ordinary(word) or lexicon.is_known_non_person(word))


# What a family or others call someone, said after the name: "Renátka, as the family call
# the mother", "Bazza, as his mates call him". The name is anything the family calls someone.
_AS_CALLED = re.compile(
    rf"{BEFORE}(?P<name>{WORD})[ \t]*,?[ \t]+as[ \t]+(?:[a-z]+[ \t]+){{1,2}}call(?:s|ed)?"
    rf"[ \t]+(?:him|her|them|the[ \t]+[a-z]+)(?![\w'’])")


def _as_others_call(text: str) -> Iterator[str]:
    for match in _AS_CALLED.finditer(text):
        name = match.group("name")
        if _what_someone_is_called(name):
            yield name


def _named_as(text: str) -> Iterator[str]:
    for match in _WHAT_THEY_CALL.finditer(text) if _IS_WHAT.search(text) else ():
        yield from _called(match, nickname_at=-1)
    for match in _WHAT_IS_CALLED.finditer(text):
        yield from _called(match, nickname_at=0)
    for match in _NAMED_AMONG.finditer(text):
        if match.group("kin") and match.group("kin") not in ROLES:
            continue  # "Małgosia to babcia", but not "Monday to friday"
        quoted = match.group("quoted")
        name = " ".join(tokens_of(quoted)) if quoted else trim(match.group("name"))
        if name and name[0].isupper() and name.split()[0].casefold() not in ROLES and (
                not lexicon.is_known_non_person(name)) and (
                looks_like_a_name(name) or lexicon.is_first_name(name)):
            yield name  # "Shiv to her friends"; "May to July" is a time
    for match in _PRONOUN_IS.finditer(text):
        if _a_name_a_person_is(name := trim(match.group("name"))):
            yield name
            yield from _listed_after(text, match)


# A relative who "is" a name: "his sister is Zuzia or Zuzka", "mum is Gwenno to her
# friends". A relative also "is Jamaican", "is Deaf" or "is Head Girl", so the name must be
# a listed first name that is no common word, or a word no list knows that is not shaped
# like a people's name ("Kosovan", "Mancunian").
_IS_NAME = re.compile(rf"[ \t]+(?:is|was)[ \t]+{NAME}")
_AT_SOMEWHERE_IS_NAME = re.compile(
    rf"[ \t]+(?:at|from)(?:[ \t]+[^\W\d_][\w&'’\-]{{0,20}}){{1,3}}[ \t]+(?:is|was)[ \t]+{NAME}")
_POSSESSIVE_BEFORE = re.compile(r"(?<![\w'’])(?i:his|her|their)(?:[ \t]+[a-z\-]{1,20})?[ \t]+$")
_POSSESSIVE_REACH = 30
_A_PEOPLE = re.compile(r"(?:an|ese|ish|ic)$")


# Relatives and friends said to be people, the list's first: "My best friends are Aleesha
# and Mollie-Mae", "her cousins were Jaylen and Kobi".
_ARE_NAMES = re.compile(rf"[ \t]+(?:are|were)[ \t]+{NAME}")
_PLURAL_KIN = frozenset({"friends", "brothers", "sisters", "cousins", "siblings"})


def _relative_is(text: str, trigger: re.Match[str]) -> re.Match[str] | None:
    folded = trigger.group().casefold()
    if folded in _PLURAL_KIN:
        match = _ARE_NAMES.match(text, trigger.end())
    elif folded not in FAMILY_ROLES:
        if folded not in ROLES or not _POSSESSIVE_BEFORE.search(
                text, max(0, trigger.start() - _POSSESSIVE_REACH), trigger.start()):
            return None
        # "His boxing coach at the ABC is Stevo": someone's own coach, tutor or worker
        match = _IS_NAME.match(text, trigger.end()) or _AT_SOMEWHERE_IS_NAME.match(
            text, trigger.end())
        if match is None or not (looks_like_a_name(name := trim(match.group("name"))) or (
                _a_name_a_person_is(name))):
            return None
        return match
    else:
        match = _IS_NAME.match(text, trigger.end())
    if match is None or not _a_name_a_person_is(trim(match.group("name"))):
        return None
    return match


def _a_name_a_person_is(name: str) -> bool:
    """Each word a listed first name that is no common word, or a word no list knows that
    is not shaped like a people's name: a relative "is" Zuzia, not "Jamaican" or "Deaf"."""
    if not name:
        return False
    for token in tokens_of(name):
        listed = lexicon.is_first_name(token) and not lexicon.is_ordinary(token)
        unknown = (lexicon.zipf(token) < lexicon.LEAST_COMMON_KEPT
                   and not lexicon.is_known_non_person(token) and not _A_PEOPLE.search(token))
        if not (listed or unknown):
            return False
    return True


def _a_service(name: str) -> bool:
    """One word that names a service for young people: "Brook", "Kooth"."""
    return name.casefold() in SERVICES


def _a_post_in_words(name: str) -> bool:
    """Common words none of which is a surname, as a post is named before a profession in
    brackets: "Lead Professional (social worker)", "Team Manager (social worker)"; not "Phil
    Redman (Landlord)" or "Will Green (youth worker)"."""
    return all(lexicon.is_ordinary(word) and not lexicon.is_surname(word)
               for word in tokens_of(name))


def _without_initials(name: str) -> str:
    """A name's words of two letters or more: "Ormerod" of "J. Ormerod"."""
    return " ".join(token for token in tokens_of(name) if len(token) > 1)


def _ends_in_a_surname(name: str) -> bool:
    """A name of two words or more whose last is a listed surname, or two joined by a
    hyphen: "Mo Abdi-Hirsi (Youth Worker)", where a role in capitals follows; "Youth
    Offending (Case Worker)" is a team."""
    words = name.split()
    return len(words) > 1 and (lexicon.is_surname(words[-1]) or double_barrelled(words[-1]))


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\w\n]{0,3}$")


def _one_word_with_a_role(text: str, match: re.Match[str], name: str) -> bool:
    """"Kingsley, her cousin,", "Paris (her cousin, 17)": one word said to be a relative is a
    name, unless it is a common word, a place the lists know, or it follows "in" or "at"
    ("In Leeds, her cousin …"), or the role is only its owner ("Otley, her aunt's town")."""
    role_end = match.end("role") if match.group("role") else match.end("bracketed")
    if text[role_end : role_end + 2] in ("'s", "’s"):
        return False
    if name.casefold() in NOT_NAMES or lexicon.is_ordinary(name):
        return False
    if lexicon.is_known_non_person(name) or _a_service(name):
        return False
    before = _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
    return before is None or before.group(1).casefold() not in PLACE_WORDS


# A word in lower case: an apostrophe or hyphen only between its letters ("o'neill",
# "abdi-hirsi"), so the quote mark closing the child's words is no part of the last one
# ("'i want my nan again'" ends in "again").
_LOWER_CASE_WORD = rf"[{LOW}](?:[{LOW}]|['’\-](?=[{LOW}]))+"
_LOWER_CASE_NAME_AFTER_TRIGGER = re.compile(
    rf"{_ASIDE}(?:[ \t]*,[ \t]*|[ \t]+)(?P<name>{_LOWER_CASE_WORD}(?:[ \t]+{_LOWER_CASE_WORD})?)")
_COMMON_AS_A_WORD = 4.2  # Zipf: "kyle" (4.1) is read as a name in lower case; "dawn", "may" not
_VERB_ENDING = re.compile(r"(?:ed|ing|s)$")


_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?i:the|an?)[ \t]+$")


def _lower_case_name(text: str, trigger: re.Match[str]) -> str | None:
    """A name written in lower case after a role word ("her boyfriend kyle", "her ex, tunde
    okafor"): its leading words that are names prose would not use there ("her mum said",
    "her mother rang", "her friend from school" are no one). After "the" or "a" and a role
    that also names a trade, a word of English makes a thing of it ("the DJ booth")."""
    match = _LOWER_CASE_NAME_AFTER_TRIGGER.match(text, trigger.end())
    if match is None:
        return None
    a_thing = trigger.group().casefold() in OTHER_ROLES and _ARTICLE_BEFORE.search(
        text, max(0, trigger.start() - 4), trigger.start()) is not None
    if _in_another_language(text, trigger.start(), match.start("name") + len(
            match.group("name").split()[0])):
        # "Mama nie mówi po angielsku": Polish words, no one's name; but a listed first name
        # is one there too ("mama ayesha nahi aayi")
        first = match.group("name").split()[0]
        return first if lexicon.is_first_name(first) and first not in NOT_NAMES else None
    kept: list[str] = []
    for token in match.group("name").split():
        if token in NOT_NAMES or not _a_lower_case_name(token) or (
                a_thing and lexicon.zipf(token) >= lexicon.ORDINARY):
            break
        kept.append(token)
    return " ".join(kept) or None


def _in_another_language(text: str, start: int, end: int) -> bool:
    """Whether the sentence around a role word and the word after it (`start` to `end`) is
    in another language: of its other words, three or more, no more than half are English
    ("Mama Łucji nie mówi po angielsku": "mama" and "po" are, "Łucji" and "mówi" not)."""
    reach = max(0, start - _SENTENCE_REACH)
    opens = max(reach, *(text.rfind(mark, reach, start) + 1 for mark in ".!?\n"))
    stop = _SENTENCE_END.search(text, end, min(len(text), end + _SENTENCE_REACH))
    words = [*_A_SENTENCES_WORD.findall(text, opens, start),
             *_A_SENTENCES_WORD.findall(text, end, stop.start() if stop else
                                        min(len(text), end + _SENTENCE_REACH))]
    english = sum(1 for word in words if lexicon.zipf(word) >= lexicon.ORDINARY)
    return len(words) >= _SENTENCES_WORDS and english <= len(words) * _ANOTHER_LANGUAGES_SHARE


_ANOTHER_LANGUAGES_SHARE = 0.5  # English words in a sentence in another language, at most
_SENTENCES_WORDS = 3  # fewer say too little of a sentence's language ("her ex, tunde okafor")


def _a_lower_case_name(token: str) -> bool:
    """A listed name that prose seldom uses as a word ("kyle", "okafor"), or a word in no
    list that is not shaped like a verb ("tunde"; "messaged" and "watchin" are one)."""
    if lexicon.is_first_name(token) or lexicon.is_surname(token):
        return lexicon.zipf(token) < _COMMON_AS_A_WORD
    return lexicon.is_rare(token) and _VERB_ENDING.search(token) is None and (
        _TRADE_ENDING.search(token) is None) and not _a_dropped_g(token)


def _a_dropped_g(token: str) -> bool:
    """A verb typed without its last "g", as texts are: "mum watchin", "she's comin"."""
    return token.endswith("in") and lexicon.zipf(token + "g") >= lexicon.ORDINARY


# A trade's word, rare in prose but no one's name: "a consultant anaesthetist", "her
# consultant neurophysiologist", "his consultant orthodontist".
_TRADE_ENDING = re.compile(r"(?:ists?|icians?|ographers?|eons?)$")


# After a title, a family name in capitals before the given names, as Chinese and
# Vietnamese names are written in records: "Mr ZHANG Wei", "Mrs NGUYEN Thi Hong", "Ms LI
# Xiaoling" (tried before a first name in capitals, which "LI" also is), "Mr ZHAO Lei's".
# A Cantonese given name is two syllables joined by a hyphen, the second in lower case ("Mrs
# LAU Kam-fung", "CHAN Siu-ming").
_GIVEN_NAME = rf"{WORD}(?:-[{LOW}]{{2,8}})?"
_FAMILY_NAME_FIRST = [re.compile(
    rf"\.?[ \t]+(?P<name>{CAPS_WORD}(?:[ \t]+{_GIVEN_NAME}){{{given}}})(?![\w\-]|['’](?!s\b))")
    for given in (2, 1)]


def _family_name_first(text: str, at: int) -> re.Match[str] | None:
    """"Mr ZHANG Wei", "Mrs NGUYEN Thi Hong", when the given names are no common words ("Mr
    BROWN Then …")."""
    for pattern in _FAMILY_NAME_FIRST:
        match = pattern.match(text, at)
        if match is not None and not any(
                (lexicon.is_ordinary(given) and not lexicon.is_pinyin(given))
                or given.casefold() in NOT_NAMES
                for given in match.group("name").split()[1:]):
            return match
    return None


def _caps_name(text: str, at: int, *, after_title: bool = False,
               after_kin: bool = False) -> re.Match[str] | None:
    """A name in capitals after a role word, when its first word is a listed first name
    (so "her worker CAMHS" or "her teacher PE" is no one); after a title, a surname in
    capitals that is no common word nor an everyday abbreviation ("MR DOWD", "Ms O'HARE's
    car", not "Dr NHS" or "a Dr ASAP"); after a relative's word, a full name none of whose
    words is a common word ("her uncle RHODRI AP GWYN", a surname's particle aside)."""
    match = _CAPS_NAME_AFTER_TRIGGER.match(text, at)
    if match is None:
        return None
    if after_kin and _a_full_name_in_capitals(match.group("name").split()):
        return match
    if after_kin and _initials(match.group("name")):
        return match  # "my annoying brother TJ": what he is called
    named = [word for word in match.group("name").replace(".", " ").split()
             if word.casefold() not in PARTICLE_WORDS  # "Mr DA SILVA": "SILVA" says
             and len(word) > 1]  # "MR D KAVANAGH": "KAVANAGH" says, not the initial
    if not named:
        return None
    first = named[0]
    if lexicon.is_first_name(first) or (after_title and not (
            first.casefold() in NOT_NAMES or first.casefold() in ABBREVIATIONS
            or lexicon.is_known_non_person(first)
            or (lexicon.is_ordinary(first) and not lexicon.is_surname(first)))):
        return match
    return None


def _unwrapped(name: str) -> str:
    """The name up to a line break before a common word: "Michaela Greenwood" of "Aunt,
    Michaela Greenwood⏎Registered GP: …", where the line only looked wrapped; a surname
    wrapped onto the next line ("Sophie⏎Greenwood", "Will⏎Green") stays with it."""
    head, newline, rest = name.partition("\n")
    following = rest.split()[:1]
    if newline and following and lexicon.is_ordinary(following[0]) and not lexicon.is_surname(
            following[0]):
        return head
    return name


def _initials(name: str) -> bool:
    """Two capitals that are no everyday abbreviation: "TJ", not "GP" or "AP"."""
    return len(name) == 2 and name.casefold() not in ABBREVIATIONS | NOT_NAMES | _SECTOR_PAIRS


# Two capitals the sector writes for other things than a person, after a relative's word too:
# "her sister (SW) said", "his dad PC Hollis".
_SECTOR_PAIRS = frozenset({"sw", "pc", "dc", "ds", "di", "ta", "ot", "yp", "cp", "la", "mh",
                           "dv", "ok", "tv", "uk", "am", "pm", "hr", "ed", "sg"})


def _a_judges_surname(name: str) -> str:
    """A judge's surname in capitals, a listed surname or no word of English, up to the first
    word of the sentence after it: "QUAYLE" of "QUAYLE MADE THE", "ABERNETHY" of "ABERNETHY
    WILL HEAR"; none in "RULING TODAY"."""
    words = name.split()
    if not (lexicon.is_surname(words[0]) or lexicon.zipf(words[0]) < lexicon.ORDINARY):
        return ""  # "JUDGE RULING TODAY", "THE DJ SNAKE PLAYED": a word, no surname
    kept = words[:1]
    for word in words[1:]:
        if word.casefold() not in PARTICLE_WORDS and (
                lexicon.zipf(word) >= lexicon.ORDINARY or word.casefold() in NOT_NAMES):
            break
        kept.append(word)
    return " ".join(kept)


def _a_full_name_in_capitals(words: list[str]) -> bool:
    """Two words or more besides a surname's particles, the first of four letters or more,
    none a common word, an acronym the referral uses or a place: "RHODRI AP GWYN", not
    "ADHD SEN" or "PIP DLA"."""
    named = [word for word in words if word.casefold() not in PARTICLE_WORDS]
    return len(named) > 1 and len(named[0]) >= 4 and not any(
        (lexicon.is_ordinary(word) and not lexicon.is_surname(word)) or word.casefold() in NOT_NAMES
        or lexicon.is_known_non_person(word) for word in named)


# A list written one name to a line, as a mail client's bullets arrive in plain text.
_LINE_NEXT = re.compile(rf"[ \t]*\n[ \t]*(?:[-•*·][ \t]*)?{NAME}[ \t]*(?=\n|$)")


def _listed_after(text: str, found: re.Match[str]) -> Iterator[str]:
    """The names listed after a name found whole: "…Tom Reid, Ali Shah or Jo Kerr", or one
    to a line."""
    match: re.Match[str] | None = found
    for _ in range(20):  # a list of people is short; this keeps the walk bounded
        if match is None or trim(match.group("name")) != " ".join(tokens_of(match["name"])):
            return  # the name stopped short of its match: what follows is not a list
        at = match.end("name")
        match = _LIST_NEXT.match(text, at) or _LINE_NEXT.match(text, at)
        listed = trim(match.group("name")) if match is not None else ""
        if match is not None and (an_agency(match.group("name"))
                                  or _a_body(match.group("name"), listed)):
            return  # "Rob Haigh, Northby YJS", "PC Dan Hollis, Northby Police": where he works
        if match is not None and " " not in listed and before_a_country(text, match.end("name")):
            return  # "Anna Kowalska, Paris, France": where she lives
        if listed and (looks_like_a_name(listed) or lexicon.is_first_name(listed)
                       or _a_first_name_and_a_surname(listed)):
            yield listed  # a first name that is also a country counts here: "…; Jordan",
            # and one that is also a word before a surname: "Gail and Phil Haworth"
        else:
            return


def _a_body(written: str, name: str) -> bool:
    """Capitalised words on one line that stop being a name at a word no name has, as a
    force, a council or a team is named: "Northby Police", "Hexby Council", "Kelsham Youth
    Team" (`name` is what `trim` kept of `written`)."""
    words, kept = tokens_of(written), tokens_of(name)
    return 0 < len(kept) < len(words) and "\n" not in written and words[len(kept)][:1].isupper()


_PROFESSIONS = frozenset(_ROLE_WORDS.split()) - FAMILY_ROLES


def _a_post(text: str, trigger: re.Match[str], match: re.Match[str]) -> bool:
    """A profession and a comma, as a signature gives a post and where it is held:
    "Headteacher, Thornfield Academy"; what follows must look like a person's name."""
    return trigger.group().casefold() in _PROFESSIONS and "," in text[
        trigger.end() : match.start("name")]


def _is_trigger(word: str) -> bool:
    folded = word.casefold()
    return folded in ROLES or folded in TITLES or word in UPPER_CASE_TITLES


_COMMON_PARTICLE = 4.0  # "Bin", "De", "La": a surname's first word as common as a word


def person_terms(names: Iterable[str]) -> list[Term]:
    """Terms for introduced names: the whole name, and each part of three letters or more."""
    terms: list[Term] = []
    label = "[person]"
    for name in names:
        tokens = tuple(tokens_of(name))
        if len(tokens) > 1:
            terms.append(Term(tokens, PERSON, label))
        for index, token in enumerate(tokens):
            if token.casefold() in PARTICLE_WORDS and (index or (
                    len(tokens) > 1 and not lexicon.is_first_name(token)
                    and lexicon.zipf(token) >= _COMMON_PARTICLE)):
                continue  # "bin" of "Yusuf bin Hamdan", "van" of "van der Poel", "Bin" of "Bin
                # Saleh left": no name alone ("Bin day"); "Della" of "Della Hughes" is one
            if len(tokens) > 1 and tokens[0].casefold() in FAMILY_ADJECTIVES and (
                    not index or token.casefold() in ROLES or lexicon.is_ordinary(token)):
                continue  # "Big" and "Man" of "Big Man" are words alone; "Dave" of "Big Dave"
            # "Will" of "Will Sharma" goes alone where capitalised, but not as the word that
            # opens a question ("Will she attend?"): `matcher`
            if len(tokens) > 1 and not index and token.casefold() in ROLES and (
                    not lexicon.is_first_name(token)):
                continue  # "Daddy" of "Daddy Cool" is a word alone; "Nana" of "Nana Mensah" not
            written_as_name = len(token) == 2 and (  # "her half-brother Ty", "brother TJ"
                token.istitle() or (token.isupper() and len(tokens) == 1) or (
                token.islower() and lexicon.is_rare(token)))  # "ry: come after skl", a chat's
            if (len(token) >= MIN_ALONE or written_as_name) and token.casefold() not in NOT_NAMES:
                terms.append(Term((token,), PERSON, label, capitalised_only=token[0].isupper()))
    return terms

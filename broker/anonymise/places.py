"""Street addresses and school names the free text gives, other than the form's own.

"She stays at her nan's, 14 Cranbrook Road", "Flat 3, Alder Court", "he moved from Greenhill
Primary School to Marsh Lane Academy": each is replaced by its role label, `[address]` or
`[school]`. A street is capitalised words ending in a street type; with a house or flat
number any street type counts, without one only a type that is never a surname or a court of
law ("Road", "Avenue", not "Hill" or "Court"), and not after "the" ("the High Street" is not
an address). Beside a landmark ("the shops on", "near", a chain's branch: "the Tesco on") a
street without its number goes only where a rare word of its own says which town ("the Lidl
on Dewhurst Road"; a chain's, also a name: "the Tesco on Carr Hill Road"; not "the Tesco on
Manchester Road").
A school is capitalised words ending in a school word, with at least one word
that says which school ("Greenhill Primary", not "the Primary School"), alternative provision
too ("Aspire Learning Hub", "Oakwell AP Academy"); a GP practice by its name ("Larchfield
Surgery", "Moorside GPs", but not "Ananya's GP") is an address, and so are a hospital ward by
its name ("on Starfish Ward"), a refuge ("in Harbour refuge"), a mosque or madrasah by its name
("Jamia Masjid Ghausia", "Jamia Masjid Faizan-e-Madina") and a church by its saint ("St
Brigid's RC Church"), a named business before a street ("above Lucky Nails on Wharf Lane") or
that a family runs or works at ("runs the Golden Dragon takeaway", "works at Raja's Cash &
Carry"), the homes listed after a named home, a club's ground ("plays rugby for Dyffryn Dragons
at Cae'r Ddôl") and a Traveller site or a yard where a pitch or a yard is said to be ("on pitch
14 at the Long Lane site", "her nan's yard at Ashby Common"); a saint's school shortened to an
initial ("from St B's") is a school. A street abroad needs its number, and goes with its
flat and postal code but not its town ("ul. Lipowa 14/3, 80-123" of "… 80-123 Gdańsk",
"Calle Mayor 15, 4ºB, 28013" of "… 28013 Madrid", "Keizersgracht 123, 1015 CJ", "Str. Florilor
nr. 12, bl. A3, ap. 14" and the code of "…, Iași 700123", "vul. Shevchenka 12"); an Irish
street in Irish with its number ("14 Ard na Gréine") and an Eircode ("V92 X2Y3") go too.
An address typed in lower case
goes when a number or a flat stands before it and a word no dictionary has names it ("come 12
bramley gardens", "flat four, kingfisher house, wharf road"). A what3words address
or a map's coordinates are an `[address]` too. Patterns advance one
bounded step at a time, so they stay linear on any input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from broker.anonymise import lexicon
from broker.anonymise.labels import STREET_ADDRESS, TEXT_SCHOOL
from broker.anonymise.name_shapes import (
    CAPS_WORD,
    LOW,
    NOT_NAMES,
    UP,
    WORD,
    WORSHIP_NOUNS,
    an_english_words_s_form,
)
from broker.anonymise.spans import Span

_ALWAYS = (
    "Road|Rd|Street|Avenue|Ave|Lane|Close|Drive|Crescent|Cres|Gardens|Gdns|Place|Terrace|"
    "Square|Sq|Grove|Mews|Parade|Boulevard|Estate"
)
_WITH_A_NUMBER = "St|Ln|Dr|Court|Ct|Way|Walk|Row|Rise|Hill|View|Park|Green|Vale|Mount|Wharf|"
_WITH_A_NUMBER += "Heights|Fold|Croft|Chase|Gate|Yard|Hall|House|Lodge|Cottages|Villas|Buildings"
_WITH_A_NUMBER += "|Bank|Brow|Side|Top|End|Meadow|Meadows|Fields|Garth|Nook|Rise|Wynd|Brae"
_WITH_A_NUMBER += "|Marina|Basin|Cl"  # "7 Ghyll Cl."
# Every street type, in lower case: "road", "fold".
STREET_TYPES = frozenset(f"{_ALWAYS}|{_WITH_A_NUMBER}".casefold().split("|"))
# A flat before the house's number ("Flat 3, 27 …"), a Scottish one by its floor and door
# ("Flat 2/1, 14 Grove Street", "0/2 27 Dumbarton Road"), an Edinburgh number with its flat
# ("14/3 Dalry Road"), or a boat's berth or a caravan's pitch in place of a number ("Berth C12,
# Hexby Marina").
_NUMBER = (r"(?:(?:(?:Flat|Apartment|Apt|Unit|Room)[ \t]+\d{1,4}(?:/\d{1,3})?[A-Za-z]?,?[ \t]+"
           r"|\d{1,2}/\d{1,2},?[ \t]+(?=\d))?\d{1,4}(?:/\d{1,3})?[A-Za-z]?,?"
           r"|(?:Berth|Mooring|Pitch|Plot|Pontoon)[ \t]+[A-Z]?\d{1,4}[A-Za-z]?,?)")
_STREET_WORDS = rf"(?:{WORD}(?:['’]s)?[ \t]+){{1,3}}"
# Without a number, "the High Street" and "near Piccadilly Gardens" are landmarks, not homes.
_LANDMARK_CUES = ("the", "The", "near", "Near", "by", "past", "around", "outside", "opposite",
                  "towards", "stop on", "shops on", "shop on", "station on", "park on",
                  "stops on", "bus on", "buses on")  # "catches the bus on Queen's Road"
_NOT_A_LANDMARK = "".join(rf"(?<!\b{word} )" for word in _LANDMARK_CUES)
# An underscore may stand right outside one: Gmail's plain text underlines "_22 Harrow Street_".
_OPENS = r"(?<![^\W_])(?<!['’\-])"
# A house's number may follow an opening quote: "'C. Foy, 12 Glenburn Terrace' in Paisley"
# (a quoted name with no number is a song's or a book's: "an album called 'Night Drive'").
_OPENS_A_NUMBER = r"(?<![^\W_])(?<!-)(?<![^\W_]['’])"
# A closing quote may follow one ("'C. Foy, 12 Glenburn Terrace' in Paisley"), a possessive's
# or a word's apostrophe may not.
_CLOSES = r"(?![^\W_])(?!-)(?!['’][^\W_])"
_STREET = re.compile(
    rf"(?:{_OPENS_A_NUMBER}(?P<number>{_NUMBER}[ \t]+){_STREET_WORDS}(?:{_ALWAYS}|{_WITH_A_NUMBER})"
    rf"|{_OPENS}{_NOT_A_LANDMARK}{_STREET_WORDS}(?:{_ALWAYS})"
    rf"|{_OPENS}No\.?[ \t]+\d{{1,4}}[A-Za-z]?,?[ \t]+the[ \t]+(?:{_ALWAYS})){_CLOSES}"
)  # and "at No. 4 the Crescent": a house on a street named by its type alone
# But a landmark's street is one any town has only when its own words are words or names
# ("the bus stop on Queen's Road", "the High Street"); a word no list holds says which town,
# as a home's street does: "the shops on Dewhurst Road", "near Ashgrove Avenue", "The
# Dewhurst Road shops".
_CUE = "|".join(cue.replace(" ", r"[ \t]+") for cue in _LANDMARK_CUES)
# Chains with a branch in every town: their name says nothing of where, and a branch of one
# is a landmark as the shops are ("then at the Tesco on Manchester Road", "the Lidl on
# Dewhurst Road"), so its street goes only where a word of its own says which town.
_CHAIN_LIST = """
    boots lloyds lloydspharmacy superdrug well asda tesco sainsbury's sainsburys morrisons
    specsavers vision express mydentist bupa rowlands jhoots kamsons day lewis lidl aldi
    co-op coop spar greggs mcdonald's mcdonalds kfc costa iceland subway wilko primark"""
CHAINS = frozenset(_CHAIN_LIST.split())
_A_CHAIN_BEFORE = re.compile(r"(?<![\w'’\-])(?:[Tt]he|[Aa]n?)[ \t]+(?P<chain>[A-Z][\w'’\-]{1,20})"
                             r"[ \t]+(?:on|in|off)[ \t]+\Z")
_CHAIN_REACH = 40
_LANDMARK_STREET = re.compile(
    rf"(?<![^\W_])(?:{_CUE})[ \t]+"
    rf"(?P<street>(?P<own>{_STREET_WORDS})(?:{_ALWAYS})){_CLOSES}")
# A numbered street named by one word ending in "gate", as northern towns' old streets are:
# "the pharmacy at 41 Westgate, Hexby", "12 Kirkgate".
_GATE_STREET = re.compile(rf"(?<![\w'’\-])\d{{1,4}}[A-Za-z]?,?[ \t]+[{UP}][{LOW}]{{1,20}}gate"
                          rf"(?![\w\-]|['’][^\W_])")
# A flat in a named block, or in halls by the block's letter: "Flat 12, Block C, Castleview
# Student Village".
_FLAT = re.compile(rf"(?<![\w'’\-])(?:(?:Flat|Apartment|Apt)[ \t]+\d{{1,4}}[A-Za-z]?,?"
                   rf"(?:[ \t]+|[ \t]*\n[ \t]*)(?:Block[ \t]+[A-Z0-9]{{1,3}},?[ \t]+)?"
                   rf"|(?i:flat|number|no\.?)[ \t]+\d{{1,4}}[A-Za-z]?[ \t]+(?:in|at|of)[ \t]+)"
                   rf"(?:{WORD}[ \t]+){{1,3}}(?:House|Court|Lodge|Tower|Point|Heights|Building"
                   rf"|Village|Halls?|Residence|Foyer)(?![\w'’\-])")
# A flat numbered by its floor and its door, as a converted mill or a new block numbers it:
# "Apartment 2.04", "Flat 3.1". No other number is written so after "Flat" or "Apartment".
_FLAT_BY_FLOOR = re.compile(r"(?<![\w'’\-])(?:Flat|FLAT|Apartment|APARTMENT|Apt|APT)[ \t]{1,3}"
                            r"\d{1,2}\.\d{1,3}[A-Za-z]?(?!\w|\.\d)")
# An address written all in capitals, as a police log or a case system's record writes it: a
# house number, one to three words and a street type, all in capitals ("AT 27 SHAW ROW,
# WRAGBY"). A short word of a sentence among them says it is prose ("SCORED 2 GOALS ON THE
# PARK"), so none may be one.
_CAPS_STREET = re.compile(
    rf"(?<![\w'’\-])\d{{1,4}}[A-Z]?,?[ \t]+(?P<own>(?:{CAPS_WORD}[ \t]+){{1,3}})"
    rf"(?:{'|'.join(sorted(t.upper() for t in f'{_ALWAYS}|{_WITH_A_NUMBER}'.split('|')))})"
    rf"(?![\w\-]|['’]\w)")  # a closing quote may follow: "… - 44 HOLME RD'"
_PROSE_WORDS = frozenset({
    "the", "a", "an", "on", "in", "at", "to", "of", "and", "or", "for", "by", "with", "from",
    "up", "down", "into", "onto", "over", "his", "her", "their", "its", "my", "our", "your",
    "he", "she", "they", "we", "it", "is", "was", "are", "were", "be", "been", "has", "had",
    "have", "not", "no", "yes", "all"})
# An address typed all in lower case, in a chat or as a child tells it: a number and a street
# ("come 12 bramley gardens after skl"), or a flat in a named block, its number in figures or
# words, and the street after it ("flat four, kingfisher house, wharf road"). One or two words
# name it, at least one no common English word (`_LOWER_OWN`), so "2 main roads" stays.
_LOWER_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                       "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty")
_LOWER_STREET_TYPE = ("road|street|avenue|lane|close|drive|crescent|gardens|place|terrace|"
                      "square|grove|mews|parade|way|court|walk|row|rise|view|fold|croft")
_LOWER_OWN = r"[a-z]{3,20}(?:[ \t]+[a-z]{3,20})?"
_LOWER_STREET = re.compile(
    rf"(?<![\w'’\-])\d{{1,4}}[a-z]?[ \t]+(?P<own>{_LOWER_OWN})[ \t]+(?:{_LOWER_STREET_TYPE})"
    rf"(?![\w'’\-])")
_LOWER_FLAT = re.compile(
    rf"(?<![\w'’\-])(?:flat|apartment|apt)[ \t]+(?:\d{{1,4}}[a-z]?|{_LOWER_NUMBER_WORDS}),?"
    rf"[ \t]+(?P<own>{_LOWER_OWN})[ \t]+(?:house|court|lodge|tower|point|heights|buildings?)"
    rf"(?:,[ \t]+(?P<street>{_LOWER_OWN})[ \t]+(?:{_LOWER_STREET_TYPE}))?(?![\w'’\-])")


# A named estate or block with its type in lower case: "the Sowerby Fields flats".
_NAMED_BLOCK = re.compile(rf"(?<![\w'’\-])(?P<own>{WORD}(?:[ \t]+{WORD}){{0,2}})[ \t]+"
                          r"(?:estate|flats|towers|tower[ \t]+block)\b")
# A block of flats by its name, "Flats" capitalised as part of it: "Steven Laycock, 47, of Mill
# Race Flats". Its words may be common ones ("Mill Race"): the name is the block's.
_FLATS = re.compile(rf"(?<![\w'’\-])(?:{WORD}[ \t]+){{1,3}}Flats(?![\w'’\-])")
_SCHOOL_WORD = (
    r"(?:Primary|Secondary|High|Junior|Juniors|Infant|Infants|Nursery|Grammar|Community|"
    r"Free|Church|CE|C[ \t]?of[ \t]?E|RC|Catholic|Methodist|Academy|School|College|PRU|AP|"
    r"Pupil[ \t]+Referral[ \t]+Unit|Sixth[ \t]+Form)"
)
_SCHOOL_END = (r"(?:Primary|High|Academy|School|College|PRU|Unit|Form|Infants|Juniors|Grammar|"
               r"Nursery|Pre-?[Ss]chool|"
               r"Learning[ \t]+(?:Hub|Centre|Base)|Tuition[ \t]+Centre|Education[ \t]+Centre|"
               r"Alternative[ \t]+Provision)")  # "Horizons Alternative Provision"
# A word may end in a plural's apostrophe: "Westfield Girls' High School".
# Its words apart by spaces, never by a tab: a table pasted from Outlook splits its cells by
# tabs, and "Missing⇥High" is a risk and its rating.
_SCHOOL = re.compile(
    rf"(?<![\w'’\-])(?:(?:St\.?|Saint) +)?(?P<own>(?:{WORD}(?:['’]s|(?<=s)['’])? +){{1,3}})"
    rf"(?:{_SCHOOL_WORD} +){{0,3}}{_SCHOOL_END}"
    rf"(?: +of +[{UP}][\w'’\-]+(?: +[{UP}][\w'’\-]+)?)?(?![\w'’\-])"
)
_GENERIC_SCHOOL_WORDS = """
    the a an his her their our new old local previous current mainstream special independent
    residential secondary primary high junior infant nursery grammar community free church
    catholic academy school college sixth monday tuesday wednesday thursday friday saturday
    sunday forest summer year pupil referral unit sixth form virtual day pre"""
_NOT_A_SCHOOL_NAME = frozenset(_GENERIC_SCHOOL_WORDS.split())


_WHAT3WORDS = re.compile(r"(?:///|\b(?:w3w|what[ \t]?(?:3|three)[ \t]?words)(?:[ \t]+is)?[:\s]+)"
                         r"[^\W\d_]{1,20}\.[^\W\d_]{1,20}\.[^\W\d_]{1,20}\b", re.IGNORECASE)
# A Google plus code, a place's code of four to eight letters and digits of its own alphabet,
# a plus and two or three more ("9C5W+2R", "9C5WQ8X4+2R"), a digit among them.
_PLUS_CODE = re.compile(r"(?<![\w+])(?=[CFGHJMPQRVWX]{0,7}\d)[2-9CFGHJMPQRVWX]{4,8}\+"
                        r"[2-9CFGHJMPQRVWX]{2,3}(?![\w+])")
# A map's link that spells the place: "google.com/maps/place/42+Sorrel+Street,+Hexby", its
# path's place, search or directions part.
_MAP_LINK_PLACE = re.compile(r"(?:(?<=/maps/place/)|(?<=/maps/search/)|(?<=/maps/dir/))"
                             r"[^\s/?#<>\"')\]]{1,200}"
                             r"|(?<=maps\?q=)[^\s&#<>\"')\]]{1,200}")
# Latitude and longitude in decimal degrees, three or more places each ("53.8210, -1.5720"),
# also ending a sentence ("Last seen at 53.7997, -1.5492."): a full stop with no digit after.
_COORDINATES = re.compile(r"(?<![\d.\-])-?\d{1,2}\.\d{3,8},?[ \t]*-?\d{1,3}\.\d{3,8}(?!\.?\d)"
                          # with their hemispheres after: "53.80121 N, 1.54873 W"
                          r"|(?<![\d.\-])\d{1,2}\.\d{3,8}°?[ \t]?[NS],?[ \t]*\d{1,3}\.\d{3,8}°?"
                          r"[ \t]?[EW](?![^\W\d_])")
# Or in degrees, minutes and seconds ("51°30'26\"N", "53° 48′ 15″ N"): each half goes when it
# has minutes or a compass point, so "a 90° turn" and "38°C" stay.
# The hemisphere first, minutes with decimals: "N53°49.260' W001°34.320'" (a GPS unit's way).
_HEMISPHERE_FIRST = re.compile(r"(?<![\w.])[NSEW][ \t]?\d{1,3}°[ \t]?\d{1,2}(?:\.\d+)?['’′]?")
_DEGREES = re.compile(
    r"(?<![\w.])\d{1,3}(?:\.\d+)?[ \t]?°(?:(?:[ \t]?\d{1,2}(?:\.\d+)?[ \t]?['’′])"
    r"(?:[ \t]?\d{1,2}(?:\.\d+)?[ \t]?(?:[\"″”]|['’′]{2}))?[ \t]?[NSEW]?|[ \t]?[NSEW])(?![^\W\d_])")
_REACH = 80  # how far before its last word a street or a school's name may start
_TOKENS_BACK = 7  # "Flat 3, 27 Kingfisher Court": at most this many words before the last
_WORD_START = re.compile(r"(?<![^\W_])(?<!-)(?<![^\W_]['’])[^\W_]")  # "'12 Ash Road'"
_STREET_END = re.compile(rf"(?<![^\W_])(?:{_ALWAYS}|{_WITH_A_NUMBER}|Tower|Point|Building"
                         r"|Village|Halls?|Residence|Foyer)"
                         rf"(?![^\W_])")
_FLATS_WORD = re.compile(r"\bFlats\b")
# A building's name as the line before a numbered street, in a letterhead or an address
# written on one line: "Larkspur House | 4 Tenter Lane", "Oak Lodge, 12 Mill Road".
# and a dentist's named so before its address: "Bright Smile Dental, 7 Kirkgate".
_BUILDING_TYPES = "House|Lodge|Building|Mill|Cottage|Farm|Dental"  # not "Family Court, 2 Days"
# A facility's noun may stand between the name and the street: "to Rosewood House refuge, 61
# Elmfield Road", "released to Weston House Approved Premises, 3 Bolton Road" (the noun stays).
_FACILITY = (r"(?:[ \t]+(?:[Rr]efuge|[Aa]pproved[ \t]+[Pp]remises|[Hh]ostel|[Uu]nit|[Cc]entre"
             r"|[Pp]roject|[Ss]helter))?")
_BUILDING = re.compile(rf"(?<![\w'’\-])(?P<building>(?:{WORD}[ \t]+){{1,3}}(?:{_BUILDING_TYPES}))"
                       rf"{_FACILITY}[ \t]*[|,/][ \t]*\d{{1,4}}[A-Za-z]?[ \t]+{WORD}")
_BUILDING_WORD = re.compile(rf"\b(?:{_BUILDING_TYPES})(?={_FACILITY}[ \t]*[|,/][ \t]*\d)")
# Words before a block's name that are no part of it ("At The Mill Race Flats"), and words that
# make "Flats" a kind of home, not a block ("Council Flats", "Supported Flats").
_BEFORE_A_BLOCK = frozenset({"The", "At", "In", "Of", "From", "To", "Near", "Behind", "By"})
_NOT_A_BLOCK = frozenset({"Council", "Social", "Supported", "Studio", "Two", "Three", "Private",
                          "Local", "Housing", "Flats"})
_SCHOOL_END_WORD = re.compile(r"\b(?:Primary|High|Academy|School|College|PRU|Unit|Form|Infants|"
                              r"Juniors|Grammar|Nursery|Hub|Centre|Base|Provision)\b")


# A GP practice or health centre by its name ("Larchfield Surgery", "Moorside Medical
# Practice"): where the child is registered says where the child lives.
_PRACTICE_END = (r"(?:[Ss]urgery|(?:Medical|Family|Group|GP)[ \t]+[Pp]ractice|Practice|"
                  r"Medical[ \t]+(?:Centre|Group)|Health[ \t]+Centre|GPs?|Doctors)")
_PRACTICE = re.compile(rf"(?<![\w'’\-])(?P<own>(?:{WORD}(?:['’]s)?[ \t]+){{1,3}}){_PRACTICE_END}"
                       rf"(?![\w'’\-])")
_SOMEONES_GP = re.compile(rf"{WORD}['’]s[ \t]+GP")
# A church by its town or street and its denomination: "attends Kelsham Pentecostal on Sundays",
# "Hexby Baptist youth club", "Kelsham Methodist Church". Where it meets says where the child
# is each week; the denomination is what a provider needs, and stays: "[address] Pentecostal".
# (A mosque, gurdwara or mandir by its name: _WORSHIP below.)
_DENOMINATION = (r"(?:Pentecostal|Methodist|Baptist|Evangelical|Adventist|Apostolic|"
                 r"Congregational|Synagogue|Kingdom[ \t]+Hall)")
_CONGREGATION = re.compile(rf"(?<![\w'’\-])(?P<own>(?:{WORD}(?:['’]s)?[ \t]+){{1,3}})"
                           rf"{_DENOMINATION}(?![\w'’\-])")
_DENOMINATION_WORD = re.compile(rf"\b{_DENOMINATION}\b")
_PRACTICE_END_WORD = re.compile(r"\b(?:[Ss]urgery|[Pp]ractice|Centre|Group|GPs?|Doctors)\b")


# A hospital ward by its name, where the words before say someone is on it: "an inpatient on
# Starfish Ward", "is on Ladybird Ward at …". Its name says which hospital; a ward named for
# its patients ("the Children's Ward", "Maternity Ward") names none.
# Or in brackets after its hospital or its number: "admitted to Brindley Heath Hospital
# (Starfish Ward)", "Ward 32 (Puffin Ward, children's)".
_WARD = re.compile(rf"(?:(?:on|in|to|from|onto)[ \t]+(?:the[ \t]+)?|(?:Hospital|Infirmary|"
                   rf"General|Unit|Centre|Ward[ \t]+\d{{1,3}}[A-Z]?)[ \t]*\([ \t]*)"
                   rf"(?P<own>[{UP}][{LOW}]+(?:[ \t][{UP}][{LOW}]+)?)[ \t]+Ward(?![\w'’\-])")
_WARD_WORD = re.compile(r"\bWard\b")
_WARDS_FOR_PATIENTS = frozenset({
    "children's", "childrens", "children’s", "maternity", "paediatric", "pediatric", "adolescent",
    "psychiatric", "surgical", "medical", "acute", "general", "day", "labour", "neonatal",
    "isolation", "assessment", "admissions", "mental", "health", "the", "a", "his", "her"})


_SPECIALTY_LIST = """
    orthopaedic orthopedic plastic general cardiac cardiothoracic paediatric pediatric dental
    cosmetic vascular thoracic neurosurgery colorectal maxillofacial oral bariatric"""
_SPECIALTIES = frozenset(_SPECIALTY_LIST.split())


# Where someone lives, by the words that say so: a street of any type without its number
# ("lives on Marsh View", "his flat on Orchard Walk", "at her cousin's in Eastfield Rise",
# "the caravan park on Shore Road", or the home first and its street after, in one clause:
# "lives in the maisonette above the bookies on Tanners Row"), or a house or place by its
# name ("lives at The Old Forge", "staying at Oakmoor Lodge").
# A few words with no clause's break among them: "and works on Mill Road" is not the home.
_IN_THE_SAME_CLAUSE = (
    r"(?:[ \t]+(?!(?:and|but|or|while|whilst|though|although|because|then|works?|worked"
    r"|working|goes|went)(?![\w'’\-]))[^\s.,;:!?()]+){1,8}?")
_LIVES = re.compile(
    r"(?<![\w'’\-])(?:[Ll]iv(?:es|ed|ing|e)|[Ss]tay(?:s|ed|ing)?|[Mm]ov(?:ed|ing)"
    r"|[Rr]esid(?:es|ed|ing)|[Ff]lat|[Hh]ouse|[Hh]ome|[Cc]aravan[ \t]+park"
    r"|(?:cousin|nan|nana|nanna|gran|grandma|aunt|auntie|aunty|uncle|mum|dad|friend|sister"
    r"|brother|boyfriend|girlfriend|partner)['’]s)[ \t]+"
    rf"(?:(?:(?:in|at){_IN_THE_SAME_CLAUSE}[ \t]+on|on|in|off)[ \t]+(?:the[ \t]+)?"
    rf"(?P<street>{_STREET_WORDS}(?:{_ALWAYS}|{_WITH_A_NUMBER}))"
    # an estate by its name alone: "lives on the Ravenscar"
    rf"|(?:on|off)[ \t]+the[ \t]+(?P<estate>{WORD})(?![\w'’\-])(?![ \t]+[{UP}])"
    # a house number and one word, the street's whole name: "lives at 5 Pinfold", "moved to
    # 18 Ropewalk", "at No. 5 Pinfold"
    rf"|(?:at|to|in[ \t]+to|into)[ \t]+(?:No\.?[ \t]*)?"
    rf"(?P<numbered>\d{{1,4}}[A-Za-z]?,?[ \t]+{WORD})"
    rf"|at:?(?:[ \t]+|[ \t]*\n[ \t]*)(?P<place>(?:The[ \t]+)?{WORD}(?:[ \t]+{WORD}){{0,3}}))"
    rf"(?![\w'’\-])")
# A home by its name where someone lives or lived: "a placement at Whinmoor Lodge", "a
# residence condition at Kinloch Cottage", "is in Meadowcroft Care Home"; a house, court or
# hall only where the words before say someone lives or was placed there ("went to Larchfield
# House", "sheltered housing at Heatherbank Court"). A provider's name in brackets after it
# stays; a court of law ("at Leeds Crown Court") is none.
_NAMED_HOME = re.compile(
    rf"(?<![\w'’\-])(?:at|to|in|into)[ \t]{{1,3}}(?P<home>(?P<own>{WORD}(?:[ \t]{WORD})?)[ \t]"
    r"(?:(?P<strong>Lodge|Cottage|(?:Care|Nursing|Residential|Children['’]s)[ \t]Home)"
    r"|House|Court|Hall|Manor|Farm))(?![\w'’\-])")
# A Traveller site by its name, with the bay, plot or pitch on it: "Bay 3, Holme Bridge Transit
# Site", "Cinder Lane Travellers' Site" ("the council site" and "a transit site" stay).
_TRAVELLER_SITE = re.compile(
    r"(?<![\w'’\-])(?P<pitch>(?:Bay|Plot|Pitch)[ \t]{1,3}[A-Z]?\d{1,4}[A-Za-z]?,?[ \t]{1,3})?"
    rf"(?P<own>(?:{WORD}[ \t]){{1,3}})(?:Transit|Travell?ers['’]?|Caravan|Gypsy)[ \t]Site"
    r"(?![\w'’\-])")
# A Traveller site or a family's yard by its name, where a pitch, a plot or a yard is said to
# be at or on it: "on pitch 14 at the Long Lane site", "stay on his nan's yard at Ashby
# Common". A site is a small community: its name finds the family ("at Appleby Fair" stays).
_SITE_BY_NAME = re.compile(
    r"(?<![\w'’\-])(?:[Pp]itch|[Pp]lot|[Yy]ard|[Tt]railer|[Ww]agon)(?:[ \t]{1,3}[A-Z]?\d{1,4}"
    rf"[A-Za-z]?)?[ \t]{{1,3}}(?:at|on)[ \t]{{1,3}}(?:the[ \t]{{1,3}})?"
    rf"(?P<own>{WORD}(?:[ \t]{WORD}){{0,2}})(?![\w'’\-])")
_NOT_A_SITE = frozenset({"Fair", "Fairs", "Show", "Festival", "Races", "Market"})
# A refuge by its name, the word "refuge" kept: "is in Harbour refuge" ("[address] refuge").
_NAMED_REFUGE = re.compile(
    rf"(?<![\w'’\-])(?:at|to|in|into)[ \t]{{1,3}}(?P<own>{WORD}(?:[ \t]{WORD})?)[ \t][Rr]efuge"
    r"(?![\w'’\-])")
# A home a child lived in, by its name before the kind of home it is: "08/2024 to 02/2025:
# Oakhurst House children's home, Kelsham" ("[address] children's home").
_NAMED_CHILDRENS_HOME = re.compile(
    rf"(?<![\w'’\-])(?P<own>(?:{WORD}[ \t]){{1,3}}(?:{_BUILDING_TYPES}|Court|Grange|Hall|View))"
    r"[ \t](?:[Cc]hildren['’]?s|[Rr]esidential|[Ss]ecure|[Cc]are)[ \t][Hh]omes?(?![\w'’\-])")
# A previous children's home by its name before a lower-case "home", after a company's
# possessive or words that say the child lived there: "Moved from Oakleaf Care's Rivendell
# home", "placed at Rivendell home" ("[address] home"; "moved from Nan's home" stays).
_HOME_BY_ITS_COMPANY = re.compile(
    rf"(?<![\w'’\-])(?:(?P<company>(?:{WORD}[ \t]){{0,2}}(?:Care|Homes|Group|Ltd|Limited"
    r"|Services|Residential|Childcare|Healthcare|Living|Children)['’]s)"
    r"|(?i:moved[ \t]+(?:from|to)|placed[ \t]+(?:at|in)|lived[ \t]+(?:at|in)|lives[ \t]+(?:at|in)"
    r"|placement[ \t]+(?:at|in)|living[ \t]+(?:at|in))(?:[ \t]+(?:the|a))?)[ \t]+"
    rf"(?P<own>{WORD}(?:[ \t]{WORD})?)[ \t]home(?![\w'’\-])")
# The next homes of a list after a home found by its name: "(Oakhurst House children's home
# and Cedar Lodge)", "at Whinmoor Lodge, Ash Grange and Fell View" ("and Family Court" stays).
_ANOTHER_HOME = re.compile(
    rf"(?:[ \t]*,[ \t]*(?:and[ \t]+|then[ \t]+)?|[ \t]+(?:and|or|then|&)[ \t]+)(?:at[ \t]+)?"
    rf"(?P<own>(?:{WORD}[ \t]){{1,2}}(?:House|Lodge|Cottage|Court|Grange|View|Hall|Manor|Farm"
    r"|Croft))(?![\w'’\-])")


def _listed_homes(text: str, end: int) -> Iterator[Span]:
    while (another := _ANOTHER_HOME.match(text, end)) is not None and not any(
            word.casefold() in _NOT_A_HOMES_NAME or word in _BEFORE_A_BLOCK
            for word in another.group("own").split()[:-1]):
        yield Span(another.start("own"), another.end("own"), STREET_ADDRESS)
        end = another.end()


# A mosque, a gurdwara, a mandir, a synagogue or a madrasah by its name, which says where a
# family is found: "the madrasah at Jamia Masjid Ghausia", "Guru Nanak Gurdwara" ("the
# mosque" stays). A verb opening the sentence is no part of it ("Attends Masjid Ghousia").
_WORSHIP = re.compile(
    rf"(?<![\w'’\-])(?P<before>(?:{WORD}[ \t]){{0,2}})"
    rf"(?:{'|'.join(sorted(noun.title() for noun in WORSHIP_NOUNS))})"
    rf"(?P<after>(?:[ \t]{WORD}(?:-[{LOW}]{{1,3}}-{WORD})?){{0,2}})"
    rf"(?![\w'’\-])")  # "Jamia Masjid Faizan-e-Madina", "Masjid Noor-ul-Islam"


_A_WORD = re.compile(r"\S+")


def _a_verb_opening(word: str) -> bool:
    """A verb before a place of worship's name, as a sentence opens with one: "Attends",
    "Joined", "Visiting" (not "Jamia", "Central", "Guru")."""
    return an_english_words_s_form(word) or (
        lexicon.is_ordinary(word) and word.casefold().endswith(("ed", "ing")))


# A church by its saint, which says where a family is found each week as a mosque's name
# does: "St Bartholomew's Church", "St Brigid's RC Church", "St Peter and St Paul's Church"
# ("the church", "Grace Church" and "Our Lady of …" stay).
_SAINTS_CHURCH = re.compile(
    rf"(?<![\w'’\-])(?:St\.?|Saint)[ \t]+{WORD}(?:['’]s?)?(?:[ \t]+(?:and|&)[ \t]+"
    rf"(?:St\.?[ \t]+)?{WORD}(?:['’]s?)?)?[ \t]+(?:(?:RC|C[ \t]?of[ \t]?E|Catholic|Anglican|"
    r"Parish|Orthodox|Methodist|Baptist)[ \t]+)?(?:Church|Chapel|Cathedral)(?![\w'’\-])")
_HOME_CONTEXT = re.compile(
    r"(?<![\w'’\-])(?i:placed|placement|went|moved|lives|lived|living|stay(?:s|ed|ing)"
    r"|residence|resides|resided|sheltered|housing|home)(?![\w'’\-])[^.\n]{0,60}\Z")
_HOME_CONTEXT_REACH = 80
_NOT_A_HOMES_NAME = frozenset({
    "crown", "magistrates", "magistrates'", "magistrates’", "family", "youth", "county", "high",
    "supreme", "coroner's", "coroner’s", "coroners", "combined", "district", "the", "town",
    "city", "civic", "council", "his", "her", "their", "our", "a", "an"})


# A hotel, an inn or a guest house where someone stays, with its room and the street it is on:
# "the Travelodge Hexby Central, room 214", "the rooms above the Bay Horse Inn on Kirkgate".
_CHAIN = (r"(?:Travelodge|Premier[ \t]+Inn|Holiday[ \t]+Inn(?:[ \t]+Express)?|Ibis(?:[ \t]+Budget)?"
          r"|Days[ \t]+Inn|Best[ \t]+Western|Novotel|Jurys[ \t]+Inn|Hilton|Marriott|OYO)")
_LODGING_TYPE = r"(?:Inn|Hotel|Arms|Tavern|Guest[ \t]+House|Guesthouse|Hostel|B&B|Motel)"
_LODGING_AFTER = (rf"(?:,?[ \t]+[Rr]oom[ \t]+\d{{1,4}}[A-Za-z]?)?"
                  rf"(?:[ \t]+(?:on|off)[ \t]+(?:[{UP}][{LOW}]+gate|{WORD}[ \t]+(?:{_ALWAYS})))?"
                  rf"(?![\w'’\-])")
# The chain's name stays ("the Travelodge [address]"): the branch and the room say where.
_CHAIN_LODGING = re.compile(rf"(?<![\w'’\-]){_CHAIN}(?P<where>(?:[ \t]+{WORD}){{0,3}}"
                            rf"{_LODGING_AFTER})")
_LODGING = re.compile(rf"(?<![\w'’\-])(?:{WORD}[ \t]+){{1,3}}{_LODGING_TYPE}{_LODGING_AFTER}")
_LODGING_WORD = re.compile(rf"(?<![\w'’\-]){_LODGING_TYPE}(?![\w'’\-])")
_NOT_A_LODGING = frozenset({"The", "A", "An", "At", "In", "To", "From", "Our", "Her", "His"})


# A Welsh street, its type first: "12 Heol Tir Du", "3 Stryd y Capel", "Ffordd yr Orsaf".
_WELSH_STREET = re.compile(
    rf"(?<![\w'’\-])(?:\d{{1,4}}[A-Za-z]?,?[ \t]+)?(?:Heol|Stryd|Ffordd|Lôn|Rhodfa|Cilgant|Maes)"
    rf"(?:['’]r)?(?:[ \t]+(?:y|yr|'r|{WORD})){{1,3}}(?![\w'’\-])")
# A street abroad, its type first and its number after ("ul. Lipowa 14/3", "Calle Mayor
# 12") or before ("14 Rue de la Paix"), or its type joined on ("Hauptstraße 5", "Kungsgatan
# 44"), with its flat ("Calle Mayor 15, 4ºB", "Ulica Długa 15 m. 12", "Rue des Lilas 8, int.
# 5", "Kungsgatan 44, 3. OG") and the postal code after it ("…, 80-123 Gdańsk", "…, 28013
# Madrid", "…, 111 35 Stockholm": the town stays). Without a number it is a street's name
# only: "Via Roma is a film", "the Hauptstraße is busy".
_ABROAD_TYPE = (r"(?:ul\.|ulica|al\.|aleja|os\.|Ul\.|Ulica|Al\.|Aleja|Os\.|Osiedle|Calle|C/|"
                r"Avenida|Avda\.|Avenue|Paseo|Plaza|Carrer|Rua|Travessa|Via|Viale|Piazza|Corso|Rue|"
                r"Strada|Str\.|Calea|Aleea|Bulevardul|Bd\.|vul\.|Vul\.|vulytsia|Vulytsia|"
                r"Odos|Odós|Leoforos|Rruga|Rr\.)")  # Greek "Odos Lykavittou 14", Albanian
# A Lithuanian street's type after its name, shortened: "Gedimino pr. 28-5", "Pilies g. 4".
_TYPE_AFTER = r"(?:pr\.|g\.|al\.|gatvė|prospektas)"
_ABROAD_NAME = (r"(?:[ \t]+(?:de|del|la|le|les|des|du|da|do|dos|das|di|della|dei|y|e|i|tou|tis|"
                rf"{WORD})){{1,4}}")
# A house's number, with its flat's after a slash or a hyphen: "14/3", "28-5".
_ABROAD_NUMBER = r"\d{1,4}[A-Za-z]?(?:[/\-]\d{1,4}[A-Za-z]?)?"
# A German, Dutch or Scandinavian street's type, joined on ("Hauptstraße", "Keizersgracht",
# "Kungsgatan", "Strandvejen"), after a hyphen ("Karl-Marx-Allee") or after a word
# ("Schönhauser Allee").
_JOINED_TYPE = ("(?:straße|strasse|weg|gasse|platz|allee|damm|ufer|straat|gracht|laan|plein|"
                "kade|singel|gatan|gata|vägen|väg|gränd|gränden|torget|stigen|gade|vej|vejen|"
                "veien|gaten)")
_SPACED_TYPE = "(?:Straße|Strasse|Weg|Gasse|Platz|Allee|Damm|Ufer|Chaussee)"
# A Spanish flat after the number: "Calle Mayor 15, 4ºB", "…15, 3º 2ª", "…15, 1º izq."
_FLOOR = r"(?:,?[ \t]+\d{1,2}[ºª°](?:[ \t]?(?:[A-Za-z]{1,4}\.?|\d{1,2}[ºª°]?))?)"
# Another country's flat or floor after the number: Polish "m. 12", Italian "int. 5",
# Swedish "lgh 1102" and "3 tr", German "3. OG", "Top 4", "Apt. 2".
_FLAT_ABROAD = (r"(?:,?[ \t]+(?:(?:m|int|lgh|apt|Apt|app|appt|Top|esc|piso|scala|piano)\.?[ \t]?"
                r"\d{1,4}[A-Za-z]?|(?:bl|sc|et|ap)\.[ \t]?[A-Z]?\d{1,4}[A-Z]?"
                r"|\d{1,2}\.[ \t]?(?:OG|Stock|Etage)|\d{1,2}[ \t]?tr\.?|EG|DG)"
                r"(?![\w'’]))")
# A postal code: Polish, Portuguese, Romanian's six digits, five or four digits, Dutch ("1015
# CJ"), Swedish ("111 35"), a country's letters before it ("SE-111 35", "D-10115").
_POSTAL_CODE = (r"(?:(?:[A-Z]{1,2}-)?(?:\d{2}-\d{3}|\d{4}-\d{3}|\d{5,6}|\d{3}[ \t]\d{2}(?!\d)"
                r"|\d{4}(?:[ \t]?[A-Z]{2}(?![\w'’]))?))")
_STREET_ABROAD = re.compile(
    rf"(?<![\w'’\-])(?:{_ABROAD_NUMBER},?[ \t]+{_ABROAD_TYPE}{_ABROAD_NAME}"
    rf"|(?:{_ABROAD_TYPE}{_ABROAD_NAME}|{WORD}{_JOINED_TYPE}|(?:[{UP}][{LOW}]+-){{1,3}}"
    rf"{_SPACED_TYPE}|{WORD}[ \t]+{_SPACED_TYPE}|{WORD}[ \t]+{_TYPE_AFTER})[ \t]+"
    rf"(?:nr\.?[ \t]?)?{_ABROAD_NUMBER}"
    rf"(?:{_FLOOR}|{_FLAT_ABROAD}){{0,4}})"
    rf"(?:,?[ \t]+{_POSTAL_CODE})?(?![\w'’\-/])")
# A town and its postal code after a street abroad, as Romania writes them ("…, ap. 14, Iași
# 700123"): the code goes, the town stays.
_TOWN_THEN_CODE = re.compile(rf",[ \t]+{WORD}(?:[ \t]+{WORD})?[ \t]+(?P<code>\d{{5,6}})"
                             r"(?![\w'’\-/])")
# An Irish street, its type first, in Irish ("14 Ard na Gréine", "3 Bóthar an Chnoic"): only
# with its number, since the words are also places' names. Its Eircode goes wherever it
# stands ("V92 X2Y3", "D6W 1234"): a routing key, a space and four letters or digits, a
# digit and a letter among them (so "Y10 2026" stays).
_IRISH_STREET = re.compile(
    rf"(?<![\w'’\-])\d{{1,4}}[A-Za-z]?,?[ \t]+(?:Ard|Bóthar|Sráid|Ascaill|Páirc|Cnoc|Radharc"
    rf"|Gleann|Cluain|Lána|Plás|Céide|Faiche|Cúirt|Corrán|Árd)"
    rf"(?:[ \t]+(?:na|an|{WORD})){{1,3}}(?![\w'’\-])")
_EIRCODE = re.compile(r"(?<![\w'’\-/])(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ \t]"
                      r"(?=[0-9AC-FHKNPRTV-Y]{0,3}\d)(?=[0-9AC-FHKNPRTV-Y]{0,3}[AC-FHKNPRTV-Y])"
                      r"[0-9AC-FHKNPRTV-Y]{4}(?![\w'’\-/])")
# After a street, its locality: "9 Cowslip Lane, Hessle Bank, and …", or on the line below
# it, as an address block is written (the form's own district goes by the form's
# address; another person's has only this to go by), or before a dash and a note ("22 Brook
# Street, Skelbrook – trap house"). "Thorpe-on-Lune" is one word here.
LOCALITY_WORD = rf"{WORD}(?:(?:-[a-z]{{1,5}}){{1,2}}-{WORD})?"
_LOCALITY_AFTER = re.compile(rf"(?:,[ \t]+|[ \t]*\n[ \t]*)(?P<words>{LOCALITY_WORD}"
                             rf"(?:[ \t]+{LOCALITY_WORD}){{0,2}})"
                             r"(?=[ \t]*(?:[,.;:)\n|\t]|$)|[ \t]+[-–—][ \t])")
# One locality word after a comma, with the sentence going on in lower case: "41 Wexley
# Road, Oakby by PC 3312" ("…, where she lives" has no capitalised word to take).
_LOCALITY_IN_PROSE = re.compile(rf",[ \t]+(?P<words>{LOCALITY_WORD})(?=[ \t]+[a-z])")
_A_LABELS_COLON = re.compile(r"[ \t]{0,3}:")
_LOCALITIES = 2  # "Flat 6 / Ravensholme Court / Low Fold / Kelsham": at most this many lines
# The words a locality's name ends in, so that two common words make one: "Bank Top",
# "Town End", "Hill Top".
_PLACE_END_LIST = """
    top end ends bank bottom hill green side cross bridge moor heath common gate wood park
    vale head brow fold dale field fields edge royd mill mills houses hey village town foot
    beck"""
PLACE_ENDS = frozenset(_PLACE_END_LIST.split())


# Roads every town has, which name no one's home without a number: "Ring Road / bus / train",
# "Where seen: High Street / bus station / park".
_ANY_TOWNS_ROADS = frozenset({"ring road", "inner ring road", "outer ring road", "relief road",
                              "bypass road", "main road", "trunk road", "high street",
                              "main street", "high road"})


# A house's name before its street, after "at": "was found at Bryn Awel, Heol y Dŵr", "at
# Rose Cottage, 4 Mill Lane". Read back from where the street begins, within a short reach.
_HOUSE_NAME_BEFORE = re.compile(
    rf"(?<![\w'’\-])(?i:at)[ \t]+(?P<house>{WORD}(?:[ \t]+{WORD}){{0,2}}),[ \t]{{1,3}}\Z")
_HOUSE_NAME_REACH = 60
# A named business that says where on a street a child was found or worked, before it: "a
# cannabis grow above Lucky Nails on Wharf Lane", "seen outside Tony's Kebabs on Mill Road".
_BUSINESS_BEFORE = re.compile(
    rf"(?<![\w'’\-])(?:above|behind|below|beneath|inside|outside|opposite|next[ \t]+to)"
    rf"[ \t]+(?P<business>{WORD}(?:['’]s)?(?:[ \t]+{WORD}){{0,2}})[ \t]+(?:on|in|off)"
    rf"[ \t]+(?:the[ \t]+)?\Z")
# A business a family runs or owns, or where a parent works, by its name: "runs the Golden
# Dragon takeaway on Queensway", "works at Raja's Cash & Carry", "the car wash where he worked
# (Sparkle Hand Car Wash, Mill Road)". A small business names the family as its street does;
# the kind of business stays ("the [address] takeaway"), and so does a chain's one word
# ("works nights at Tesco", "works for Amazon").
_BUSINESS_NAME = rf"{WORD}(?:['’]s)?(?:[ \t]+(?:&[ \t]+)?{WORD}(?:['’]s)?){{0,4}}"
_FAMILY_BUSINESS = re.compile(
    rf"(?<![\w'’\-])(?:(?:(?P<runs>runs|ran|manages|managed)|owns|owned)[ \t]+(?:(?:the|a|his|her"
    rf"|their)[ \t]+)?(?:(?:own|family)[ \t]+)?"
    rf"|(?:works|worked|working|employed)[ \t]+(?:(?:nights|days|shifts|part-time|full-time)"
    rf"[ \t]+)?(?:at|for)[ \t]+(?:the[ \t]+)?"
    rf"|where[ \t]+(?:he|she|they|mum|dad)[ \t]+(?:works|worked)[ \t]*\([ \t]*)"
    rf"(?P<business>{_BUSINESS_NAME})(?![\w'’\-])(?P<noun>[ \t]+(?:takeaway|restaurant|shop|store"
    r"|garage|salon|barbers?|caf[eé]|car[ \t]+wash|cash[ \t]+(?:&|and)[ \t]+carry|café|pub|bar"
    r"|hotel|factory|warehouse|nail[ \t]+bar|bakery|butchers?|market[ \t]+stall)(?![\w'’\-]))?")
_NOT_A_BUSINESS = frozenset({"the", "a", "his", "her", "their", "home", "night", "nights",
                             "school", "college", "university", "council", "nhs", "hospital"})


def _a_family_business(match: re.Match[str]) -> bool:
    words = match.group("business").split()
    if words[0].casefold() in _NOT_A_BUSINESS or lexicon.is_known_non_person(
            match.group("business")):
        return False
    if match.group("noun") is not None:
        return True  # "the Golden Dragon takeaway"
    named = [word for word in words if word != "&" and not lexicon.is_ordinary(
        word.rstrip("'’s")) and not lexicon.is_known_non_person(word)]
    if match.group("runs") is not None:  # "runs the London Marathon": no business
        return bool(named) and words[-1].casefold() in _BUSINESS_WORDS
    return bool(named) and (len(words) > 1 or words[0].endswith(("'s", "’s")))


# The last word of a business's name: "runs Sparkle Car Wash", "runs Raja's Cash & Carry".
_BUSINESS_WORDS = frozenset({
    "takeaway", "restaurant", "shop", "stores", "store", "garage", "salon", "barbers", "barber",
    "cafe", "café", "wash", "carry", "motors", "kebabs", "kebab", "pizza", "pizzas", "bakery",
    "builders", "nails", "hair", "tyres", "valeting", "supermarket", "mini-market", "off-licence",
    "grill", "chippy", "fisheries", "newsagents", "cars", "taxis", "ltd", "limited"})


# A club's ground after the club a child plays for and "at": "plays rugby for Dyffryn Dragons
# at Cae'r Ddôl on Saturdays". Its name says which town.
_GROUND_WORD = rf"[{UP}][{LOW}]*(?:['’][{LOW}]+)?"
_GROUND = re.compile(
    rf"(?<![^\W_])(?:plays?|playing|played|trains?|training|trained)[ \t]+(?:[a-z]{{2,12}}"
    rf"[ \t]+)?for[ \t]+(?:the[ \t]+)?(?:{WORD}[ \t]+){{0,2}}{WORD}[ \t]+at[ \t]+"
    rf"(?P<ground>{_GROUND_WORD}(?:[ \t]+{_GROUND_WORD}){{0,2}})(?![^\W_])")
_NOT_A_GROUND = frozenset({"The", "Home", "School", "Under", "County", "National", "Level"})


def find_street_addresses(text: str) -> Iterator[Span]:
    for span in _street_addresses(text):
        yield span
        before = _HOUSE_NAME_BEFORE.search(
            text, max(0, span.start - _HOUSE_NAME_REACH), span.start)
        house = before.group("house") if before is not None else ""
        if house and not lexicon.is_known_non_person(house) and (
                " " in house or not lexicon.is_ordinary(house)):  # not "At Christmas, …"
            yield Span(before.start("house") if before else span.start, span.start, STREET_ADDRESS)
        business = _BUSINESS_BEFORE.search(
            text, max(0, span.start - _HOUSE_NAME_REACH), span.start)
        if business is not None and not lexicon.is_known_non_person(business.group("business")):
            yield Span(business.start("business"), business.end("business"), STREET_ADDRESS)
    for match in _FAMILY_BUSINESS.finditer(text):
        if _a_family_business(match):
            yield Span(match.start("business"), match.end("business"), STREET_ADDRESS)
    for match in _GROUND.finditer(text):
        words = match.group("ground").split()
        if not (is_a_time(words[0]) or words[0] in _NOT_A_GROUND):
            yield Span(match.start("ground"), match.end("ground"), STREET_ADDRESS)


# A home's noun after a street opening a sentence: "The Ashton Road flat where his mother
# lives", "The Dewhurst Avenue house".
_A_HOME_AFTER = re.compile(r"[ \t]{1,3}(?:flat|flats|house|home|address|property|maisonette"
                           r"|bungalow|bedsit|placement)(?![\w'’\-])")


def _a_chains_branch_before(text: str, start: int) -> bool:
    """ "the Tesco on", "a Lidl off" just before: the street is a chain's branch's, a landmark."""
    before = _A_CHAIN_BEFORE.search(text, max(0, start - _CHAIN_REACH), start)
    return before is not None and before.group("chain").casefold() in CHAINS


def _a_word_or_a_place(word: str) -> bool:
    """An English word or a known place ("Manchester", "Leeds", "Hill"): a chain's branch's
    street named only so is one any town has ("the Tesco on Manchester Road"); a name or a
    rare word says which ("the Tesco on Carr Hill Road", "the Lidl on Dewhurst Road")."""
    return lexicon.is_ordinary(word) or lexicon.is_known_non_person(word)


def _a_towns_own_word(words: list[str]) -> bool:
    """A landmark's street's own word that is rare and no known place says which town
    ("Dewhurst Road"); words and names any town's streets have do not ("Manchester Road",
    "Queen's Road")."""
    return any(lexicon.is_rare(re.sub(r"['’]s\Z", "", word))
               and not lexicon.is_known_non_person(word) for word in words)


def _street_addresses(text: str) -> Iterator[Span]:
    for pattern in (_STREET, _FLAT):
        for match in anchored(pattern, _STREET_END, text):
            if match.groupdict().get("number") is None and (
                    " ".join(match.group().split()).casefold() in _ANY_TOWNS_ROADS
                    # "The High Street" is a landmark (`_LANDMARK_STREET`), "The Avenue" a
                    # street; "The Ashton Road flat" someone's home
                    or (match.group().startswith("The ") and len(match.group().split()) > 2
                        and not _A_HOME_AFTER.match(text, match.end()))):
                continue
            if match.groupdict().get("number") is None and _a_chains_branch_before(
                    text, match.start()):
                if not all(map(_a_word_or_a_place, match.group().split()[:-1])):
                    yield Span(match.start(), match.end(), STREET_ADDRESS)
                continue
            yield Span(match.start(), _locality_end(text, match.end()), STREET_ADDRESS)
    for match in anchored(_LANDMARK_STREET, _STREET_END, text):
        if _a_towns_own_word(match.group("own").split()):
            yield Span(match.start("street"), match.end("street"), STREET_ADDRESS)
    for match in _GATE_STREET.finditer(text):
        yield Span(match.start(), _locality_end(text, match.end()), STREET_ADDRESS)
    for match in _CAPS_STREET.finditer(text):
        if not any(word.casefold() in _PROSE_WORDS for word in match.group("own").split()):
            yield Span(match.start(), _locality_end(text, match.end()), STREET_ADDRESS)
    for match in _WELSH_STREET.finditer(text):
        yield Span(match.start(), _locality_end(text, match.end()), STREET_ADDRESS)
    for match in _FLAT_BY_FLOOR.finditer(text):
        yield Span(match.start(), match.end(), STREET_ADDRESS)
    for pattern in (_LOWER_STREET, _LOWER_FLAT):
        for match in pattern.finditer(text):
            own = match.group("own").split() + (match.groupdict().get("street") or "").split()
            if not all(map(lexicon.is_ordinary, own)):
                yield Span(match.start(), match.end(), STREET_ADDRESS)
    for match in _STREET_ABROAD.finditer(text):
        yield Span(match.start(), match.end(), STREET_ADDRESS)
        town = _TOWN_THEN_CODE.match(text, match.end())
        if town is not None:
            yield Span(town.start("code"), town.end("code"), STREET_ADDRESS)
    for pattern in (_IRISH_STREET, _EIRCODE):
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), STREET_ADDRESS)
    for match in _LIVES.finditer(text):
        place = next(group for group in ("street", "place", "numbered", "estate")
                     if match.group(group))
        if _a_homes_street(match.group(place), place) or any(
                not lexicon.is_ordinary(word) and not lexicon.is_known_non_person(word)
                for word in match.group(place).split() if word != "The" and word[:1].isalpha()):
            end = match.end() if place in ("place", "estate") else _locality_end(
                text, match.end(place))
            yield Span(match.start(place), end, STREET_ADDRESS)
    for match in _NAMED_HOME.finditer(text):
        own = match.group("own").split()
        if not any(word.casefold() in _NOT_A_HOMES_NAME for word in own) and (
                match.group("strong") is not None or _HOME_CONTEXT.search(
                text, max(0, match.start() - _HOME_CONTEXT_REACH), match.start())):
            # with its hamlet after it: "at Hollins Farm, Lower Beck"
            yield Span(match.start("home"), _locality_end(text, match.end("home")),
                       STREET_ADDRESS)
            yield from _listed_homes(text, match.end("home"))
    for match in _NAMED_REFUGE.finditer(text):
        if not any(word.casefold() in _NOT_A_HOMES_NAME for word in match.group("own").split()):
            yield Span(match.start("own"), match.end("own"), STREET_ADDRESS)
    for match in _NAMED_CHILDRENS_HOME.finditer(text):
        own = match.group("own").split()
        while own and own[0] in _BEFORE_A_BLOCK:
            own.pop(0)  # "at The Oaks House …": the name, not "at"
        if len(own) > 1 and own[0].casefold() not in _NOT_A_HOMES_NAME:
            start = match.end("own") - len(" ".join(own))
            yield Span(start, match.end("own"), STREET_ADDRESS)
            yield from _listed_homes(text, match.end())
    for match in _HOME_BY_ITS_COMPANY.finditer(text):
        own = match.group("own").split()
        if not any(word.casefold() in _NOT_A_HOMES_NAME or lexicon.is_ordinary(word)
                   or lexicon.is_known_non_person(word) for word in own):
            yield Span(match.start("own"), match.end("own"), STREET_ADDRESS)
    for match in _WORSHIP.finditer(text):
        own = match.group("before").split()  # "Jamia", not "At" or "The"
        while own and (own[0] in _BEFORE_A_BLOCK | _NOT_A_LODGING or _a_verb_opening(own[0])):
            own.pop(0)  # nor "Attends", "Joined"
        if own or match.group("after"):
            start = match.end("before") - sum(len(word) + 1 for word in own)
            yield Span(start, match.end(), STREET_ADDRESS)
    for match in _SAINTS_CHURCH.finditer(text):
        yield Span(match.start(), match.end(), STREET_ADDRESS)
    for match in _TRAVELLER_SITE.finditer(text):
        if match.group("pitch") or any(not lexicon.is_ordinary(word) and not (
                lexicon.is_known_non_person(word)) for word in match.group("own").split()):
            yield Span(match.start(), match.end(), STREET_ADDRESS)
    for match in _SITE_BY_NAME.finditer(text):
        own = match.group("own").split()
        if not (is_a_time(own[0]) or own[-1] in _NOT_A_SITE):
            yield Span(match.start("own"), match.end("own"), STREET_ADDRESS)
    for match in _CHAIN_LODGING.finditer(text):
        where = match.group("where").lstrip(" \t")
        if where:
            yield Span(match.end() - len(where), match.end(), STREET_ADDRESS)
    for match in anchored(_LODGING, _LODGING_WORD, text):
        words = match.group().split()
        skipped = next(i for i, word in enumerate(words) if word not in _NOT_A_LODGING)
        if not _LODGING_WORD.match(words[skipped]):  # "the Inn" alone is none by its name
            start = match.start() + match.group().index(words[skipped])
            yield Span(start, match.end(), STREET_ADDRESS)
    for match in anchored(_BUILDING, _BUILDING_WORD, text):
        words = match.group("building").split()
        skipped = next(i for i, word in enumerate(words) if word not in _BEFORE_A_BLOCK)
        if skipped < len(words) - 1:
            start = match.start() + match.group().index(words[skipped])
            yield Span(start, match.end("building"), STREET_ADDRESS)
    for match in anchored(_FLATS, _FLATS_WORD, text):
        words = match.group().split()
        skipped = next(i for i, word in enumerate(words) if word not in _BEFORE_A_BLOCK)
        if skipped < len(words) - 1 and words[skipped] not in _NOT_A_BLOCK:
            start = match.start() + match.group().index(words[skipped])
            yield Span(start, match.end(), STREET_ADDRESS)
    for match in _NAMED_BLOCK.finditer(text):
        own = match.group("own").split()  # "Sowerby", not "the Council" or "Leeds"
        if any(not lexicon.is_ordinary(word) and not lexicon.is_known_non_person(word)
               and word.casefold() not in _NOT_A_SCHOOL_NAME for word in own):
            yield Span(match.start(), match.start("own") + len(match.group("own")),
                       STREET_ADDRESS)


_ALWAYS_TYPES = frozenset(_ALWAYS.casefold().split("|"))


def _a_homes_street(street: str, place: str) -> bool:
    """A street whose type always names one, where someone lives: "the caravan park on Shore
    Road" is an address in ordinary words; "lives on the Main Road" is any town's."""
    words = street.split()
    return place == "street" and words[-1].casefold() in _ALWAYS_TYPES and (
        " ".join(words).casefold() not in _ANY_TOWNS_ROADS)


def _locality_end(text: str, end: int) -> int:
    """Where the locality after a street ends ("…, Hessle Bank"), or `end` when none follows:
    a name no word list holds ("Monday" or "Police" is not one), common words ending as a
    locality's name does ("Bank Top"), or a hyphenated name ("Thorpe-on-Lune")."""
    for _ in range(_LOCALITIES):
        locality = _LOCALITY_AFTER.match(text, end) or _LOCALITY_IN_PROSE.match(text, end)
        if locality is None or _says(text, locality.end()) or (
                "\n" in text[end : locality.start("words")]
                and _A_LABELS_COLON.match(text, locality.end())):
            return end  # "Kelsby⏎Organiser: Fiona …": the next line's label, no locality
        words = locality.group("words").split()
        if any(is_a_time(word) for word in words):
            return end  # ", Saturdays", ", Boxing Day", ", Mid-March"
        named = not all(lexicon.is_ordinary(word) or lexicon.is_known_non_person(word)
                        for word in words)
        placed = len(words) > 1 and words[-1].casefold() in PLACE_ENDS
        hyphenated = any(any(part.islower() for part in word.split("-")) for word in words)
        if not (named or placed or hyphenated):
            return end
        end = locality.end()
    return end


_SAYING_LIST = """
    said says told tells explained reported stated added confirmed disclosed thinks thought
    wrote writes asked claimed admitted"""
_SAYING = frozenset(_SAYING_LIST.split())


def _says(text: str, at: int) -> bool:
    """Whether the word at `at` says that someone spoke: "41 Wexley Road, Tamsin said" has a
    speaker after its comma, no locality."""
    following = text[at : at + 20].split()[:1]
    return bool(following) and following[0].strip(".,;:").casefold() in _SAYING


# A time after a street is no locality: "22 Harrow Street, Saturdays", ", Christmas Eve".
_WHEN = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?|January|February|March|April|"
                   r"May|June|July|August|September|October|November|December|Christmas|Easter|"
                   r"Eve|Weekends?|Weekdays?|Fortnightly|Weekly|Daily|Nightly|Mornings?|"
                   r"Evenings?|Afternoons?|Nights?|Tonight|Today|Tomorrow|Yesterday|Days?|Weeks?|"
                   r"Mid|Early|Late")


def is_a_time(word: str) -> bool:
    """A day, a month, a feast or a part of a day ("Saturdays", "Mid-March")."""
    return any(_WHEN.fullmatch(part) for part in word.split("-"))


def find_map_references(text: str) -> Iterator[Span]:
    """Where a map says someone is: a what3words address (`///filled.count.soap`) or
    coordinates (`53.8210, -1.5720`, as a Snap Map or a phone's location shows them; or
    `51°30'26"N`)."""
    for pattern in (_WHAT3WORDS, _COORDINATES, _DEGREES, _HEMISPHERE_FIRST, _PLUS_CODE,
                    _MAP_LINK_PLACE):
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), STREET_ADDRESS)


# A school as its pupils shorten a saint's name to an initial: "transferred from St B's".
_SAINTS_INITIAL = re.compile(r"(?<![\w'’\-])St\.?[ \t][A-Z]['’]s(?![\w'’\-])")
_A_VIRTUAL_SCHOOL = re.compile(r"(?i:virtual)[ \t]+(?i:school)")
# A hospital's word after a school's shape: "King's College Hospital", "University College
# Hospital" name a hospital, which stays as "Pelby General Hospital" does.
_A_HOSPITAL_AFTER = re.compile(r"[ \t]+(?:Hospitals?|Infirmary)(?![\w'’\-])")


def find_school_names(text: str) -> Iterator[Span]:
    for match in anchored(_SCHOOL, _SCHOOL_END_WORD, text):
        own = match.group("own").split()
        if match.group().endswith("Unit") and all(map(lexicon.is_ordinary, own)):
            continue  # "Missing Persons Unit", "Public Protection Unit": a police team
        if match.group().endswith("Intake Unit"):
            continue  # "the Kent Intake Unit": the Home Office's, where any arrival is seen
        if (name_end := _hospital_name_end(match)) is not None:
            if name_end > match.start():  # "Fernlea Adolescent Unit": the name goes, the
                yield Span(match.start(), name_end, STREET_ADDRESS)  # unit for patients stays
            continue
        if _A_VIRTUAL_SCHOOL.search(match.group()):
            continue  # "Head of Northby Virtual School": a council's service, a job's title
        if _A_HOSPITAL_AFTER.match(text, match.end()):
            continue  # "Kings College Hospital": a hospital's name, no school
        if any(word.casefold() not in _NOT_A_SCHOOL_NAME for word in own):
            yield Span(match.start(), match.end(), TEXT_SCHOOL)
            initials = _INITIALS_IN_BRACKETS.match(text, match.end())
            if initials is not None and initials.group("initials")[0] == own[0][0]:
                yield Span(initials.start("initials"), initials.end("initials"), TEXT_SCHOOL)
    for match in _SAINTS_INITIAL.finditer(text):
        yield Span(match.start(), match.end(), TEXT_SCHOOL)
    for match in anchored(_WARD, _WARD_WORD, text):
        if any(word.casefold() not in _WARDS_FOR_PATIENTS for word in match.group("own").split()):
            yield Span(match.start("own"), match.end(), STREET_ADDRESS)
    for match in anchored(_CONGREGATION, _DENOMINATION_WORD, text):
        words = list(_A_WORD.finditer(match.group("own")))
        while words and _a_verb_opening(words[0].group()):
            words.pop(0)  # "Attends Kingdom Hall": the sentence's verb, no name
        own = [word.group() for word in words]  # "Kelsham", not "the" or "a local"
        if any(not lexicon.is_ordinary(word) and word.casefold() not in _NOT_A_SCHOOL_NAME
               and word.casefold() not in NOT_NAMES for word in own):
            start = match.start("own") + words[0].start()
            yield Span(start, match.end("own") - 1, STREET_ADDRESS)
    for match in find_practices(text):
        yield Span(match.start(), match.end(), STREET_ADDRESS)


def find_practices(text: str) -> Iterator[re.Match[str]]:
    """A GP practice or health centre by a name that says which ("Larchfield Surgery", "The
    Limes Surgery"), its own words in the match's group "own"."""
    for match in anchored(_PRACTICE, _PRACTICE_END_WORD, text):
        own = match.group("own").split()  # "Larchfield", not "Plastic" or "General"
        if _SOMEONES_GP.fullmatch(match.group()):
            continue  # "Ananya's GP is Dr …": a person's doctor, whose name other searches find
        if any(not lexicon.is_ordinary(word) and word.casefold() not in _NOT_A_SCHOOL_NAME
               and word.casefold() not in _SPECIALTIES | NOT_NAMES  # "My GP", "Her GP"
               and not lexicon.is_known_non_person(word) for word in own):
            yield match


# A school's initials in brackets after its name: "Marsh Lane Academy (MLA)", "(YyG)".
_INITIALS_IN_BRACKETS = re.compile(r"[ \t]*\([ \t]*(?P<initials>[A-Z](?:[a-z]?[A-Z]){1,5})"
                                   r"[ \t]*\)")


# The kinds of a hospital's unit for patients: "Adolescent Unit", "Psychiatric … Unit".
_PATIENTS_UNITS = frozenset({
    "adolescent", "adolescents", "psychiatric", "inpatient", "paediatric", "pediatric",
    "children's", "childrens", "children’s", "maternity", "neonatal", "acute", "mental", "eating",
    "crisis", "secure", "assessment"})


def _hospital_name_end(match: re.Match[str]) -> int | None:
    """Where a hospital's name ends before its unit for patients, named by its kind
    ("Fernlea| Adolescent Unit", "Oak| Psychiatric Intensive Care Unit"); the match's start
    when no name is before it ("the Adolescent Unit"); None when the unit is no patients'."""
    if not match.group().endswith("Unit"):
        return None
    for word in re.finditer(r"\S+", match.group("own")):
        if word.group().casefold() in _PATIENTS_UNITS:
            name = match.group("own")[: word.start()].split()
            if not any(part.casefold() not in _NOT_A_SCHOOL_NAME for part in name):
                return match.start()
            return match.start("own") + len(match.group("own")[: word.start()].rstrip())
    return None


def anchored(
    pattern: re.Pattern[str], end: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """The pattern's matches, tried only at the few words before a word that must end one:
    a street type or a school word is rare in prose, so most of the text is never tried."""
    searched_to = 0
    for word in end.finditer(text):
        window_start = max(searched_to, word.start() - _REACH)
        starts = [m.start() for m in _WORD_START.finditer(text, window_start, word.start())]
        starts = starts[-_TOKENS_BACK:]
        for start in [*starts, word.start()]:
            match = pattern.match(text, start, min(len(text), word.end() + _REACH))
            if match is not None and match.end() >= word.end():
                searched_to = match.end()
                yield match
                break

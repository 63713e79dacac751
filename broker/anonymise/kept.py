"""Well-known names of things that are written like people's names, and stay.

A child's interests and places name shops, shows, games, platforms, teams, venues and
phrases of faith whose words are people's names: "Marks & Spencer", "Harry Potter", "Gavin &
Stacey", "Clarkson's Farm", "a grey Vauxhall Corsa", "a Seat Leon", "on Discord", "supports
Lech Poznań", "the Trafford Centre", "Our Lady of Lourdes", "Insha'Allah", "Rosh Hashanah".
None of them identifies anyone, and a provider reads the child better with them. `KEPT_NAMES`
lists them (a short list of the best known, not every brand); `kept_stretches` finds them in a text,
written as listed (capitals as listed, an apostrophe straight or curly, "&" or "and", with
or without accents).

The scrubber looks for people's names in the text with "it" for these stretches, so no name
is learnt from them ("Spencer", "Poznań"), and keeps a name's mention that falls wholly
inside one ("Harry" of "Harry Potter" beside a child called Harry). Listed words with a
capitalised word or a possessive after them ("Ted Baker Jones", "Harry Potter's") may be a
person's name, so they are no such stretch. The search is one
alternation of fixed strings and one bounded pattern: linear in the text.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator

from broker.anonymise import lexicon
from broker.anonymise.name_shapes import LOW, UP
from broker.anonymise.terms import base_letter

__all__ = ["FAMOUS_TO_CHILDREN", "KEPT_NAMES", "blanked", "kept_stretches", "outside"]

KEPT_NAMES = (
    # shops, brands and cars
    "Marks & Spencer", "Marks and Spencer", "Wetherspoons", "the Spoons", "Vauxhall Corsa",
    "Vauxhall Astra", "Ford Fiesta", "Ford Focus", "Ralph Lauren",
    "Tommy Hilfiger",
    "Calvin Klein", "Fred Perry", "Ted Baker", "Jack Wills", "John Lewis", "Harvey Nichols",
    "Tim Hortons", "Ben & Jerry's", "Frankie & Benny's", "Papa John's", "Five Guys",
    "Dr Martens", "Doc Martens", "Mason jar", "Mason jars", "Mason Cash", "Penny Black",
    "Burger King", "Harley-Davidson", "Harley Davidson", "Toby Carvery", "Paddy Power",
    "Terry's Chocolate Orange", "Ruby Tuesday", "Jack Daniel's", "Jack Daniels",
    # foods and drinks named like a person: "drinks Sunny D", "Rich Tea biscuits"
    "Sunny D", "Sunny Delight", "Rich Tea", "Rich Teas", "Angel Delight",
    # shows, films, books and games
    "Harry Potter", "Gavin & Stacey", "Gavin and Stacey", "Clarkson's Farm", "Peppa Pig",
    "Postman Pat", "Fireman Sam", "Bob the Builder", "Thomas the Tank Engine", "Mr Bean",
    "Tracy Beaker", "Horrid Henry", "Percy Jackson", "Hannah Montana", "Sonic the Hedgehog",
    "Super Mario", "Mario Kart", "Lara Croft", "Ted Lasso", "Miss Marple", "Sherlock Holmes",
    "Matilda the Musical", "Elsa from Frozen", "Anna from Frozen", "Taylor Swift",
    "Kevin the Carrot", "Mrs Brown's Boys", "Captain Tom", "Ronald McDonald House",
    "Brooklyn Nine-Nine", "Pokémon", "Sky Sports", "Sky News", "Amazing Grace",
    # banks: "she banks with Barclays" names a business, no one
    "Barclays", "NatWest", "Lloyds Bank", "HSBC", "Santander", "Nationwide", "Monzo",
    "Starling Bank", "Metro Bank", "Provident",
    # platforms
    "Discord", "Snapchat", "TikTok", "Instagram", "WhatsApp", "YouTube", "Twitch", "Roblox",
    # teams
    "Lech Poznań", "Legia Warszawa", "Wisła Kraków", "Real Madrid", "Aston Villa",
    "Leyton Orient", "Queens Park Rangers", "Hamilton Academical", "Brooklyn Nets",
    "Crystal Palace",
    # groups and phrases a child's year has: "Rainbow Guides", "the Summer camp"
    "Rainbow Guides", "Summer camp", "Summer camps",
    # venues
    "Trafford Centre", "Rose Bowl", "Royal Albert Hall", "Alton Towers", "Madame Tussauds",
    # faith and its phrases
    "Insha'Allah", "Inshallah", "Insha Allah", "Masha'Allah", "Mashallah", "Alhamdulillah",
    "Allah",
    # feasts and festivals of faith whose words are written like a name: "On Raksha Bandhan
    # she ties a rakhi", "loves Rosh Hashanah", "pierogi, Wigilia on Christmas Eve"
    "Raksha Bandhan", "Rosh Hashanah", "Yom Kippur", "Simchat Torah", "Wigilia", "Andrzejki",
    "Eid al-Fitr", "Eid al-Adha", "Eid ul-Fitr", "Eid ul-Adha", "Guru Nanak Jayanti",
    "Bandi Chhor Divas", "Ganesh Chaturthi", "Durga Puja", "Karva Chauth", "Janmashtami",
    "Maha Shivaratri", "Ram Navami", "Hola Mohalla",
    # days of the year named like a person: "his birthday is Christmas Eve" names no Eve
    "Christmas Eve", "New Year's Eve", "New Years Eve",
    # the Home Office's unit where children arriving by small boat are first seen
    "Kent Intake Unit",
    # cameras, as a log's cell gives its source
    "CCTV",
    # charities, waterways, parks and systems named like people
    "Prince's Trust", "Canal & River Trust", "Canal and River Trust", "Calder and Hebble",
    "Calder & Hebble", "Victoria Park", "Athena", "Asda",
    # national charities for children and young people: "Bereavement support from Winston's
    # Wish" (a provider needs to know the support the child has)
    "Winston's Wish", "Barnardo's", "Action for Children", "Coram Voice", "Coram",
    "The Children's Society", "Catch22", "St Giles Trust", "Young Minds", "YoungMinds",
    # medicines' brand names a care plan lists: "Inhalers: Fostair MART"
    "Fostair", "Symbicort", "Seretide", "Ventolin", "Clenil", "Flixotide", "Salamol", "Relvar",
    "Easyhaler", "EpiPen", "Buccolam", "Epilim", "Keppra", "Lamictal", "Concerta", "Equasym",
    "Medikinet", "Elvanse", "Xenidate", "Ritalin", "Strattera", "Intuniv", "Circadin",
    "Slenyto", "Movicol", "Calpol", "Nurofen", "Piriton",
    # Scotland's card for young people, which every child there may hold
    "Young Scot",
    # conditions named after people: "Tourette's syndrome", "Crohn's disease"
    "Tourette's syndrome", "Tourette's Syndrome", "Tourette syndrome", "Tourettes", "Tourette's",
    "Crohn's disease", "Crohn's Disease", "Crohn's", "Asperger's", "Asperger syndrome",
    "Perthes disease", "Perthes' disease", "Down's syndrome", "Parkinson's", "Alzheimer's",
    "Huntington's disease", "Hodgkin's lymphoma", "Ehlers-Danlos syndrome", "Osgood-Schlatter",
    "Hirschsprung's disease", "Hirschsprung's",
    # dogs' breeds named like people: "his Jack Russell"
    "Jack Russell", "Jack Russells", "Parson Russell", "King Charles spaniel",
    "King Charles Spaniel",
    # places named after people
    "Albert Dock", "Nelson's Column",
    # well-known hospitals, colleges and places whose first word is a surname: "admitted to
    # King's College Hospital", "seen at King's Cross" beside a child whose surname is King
    "King's College Hospital", "Kings College Hospital", "King's College London",
    "Kings College London", "King's Cross", "Kings Cross", "King's Cross Station",
    "Kings Cross Station", "Guy's Hospital", "Guys Hospital",
    "Great Ormond Street", "Alder Hey", "Addenbrooke's", "Addenbrookes",
    # toys and brands named after people, as a possessive before what they are: "likes
    # Rubik's cubes", "a Domino's pizza", "Kellogg's cereal"
    "Rubik's", "Rubiks", "Domino's", "Kellogg's",
    # musicians a child listens to
    "Little Simz", "Aitch", "Stormzy", "Central Cee", "Skepta", "Headie One", "Digga D",
    "Bugzy Malone", "Tion Wayne", "Ed Sheeran", "Lewis Capaldi", "Billie Eilish", "Dua Lipa",
)


def _pattern(name: str) -> str:
    pieces = []
    for char in name:
        if char in "'’":
            pieces.append("['’]")
        elif char == " ":
            pieces.append(r"[ \t]")
        elif base_letter(char) != char:
            pieces.append(f"[{re.escape(char)}{re.escape(base_letter(char))}]")
        else:
            pieces.append(re.escape(char))
    return "".join(pieces)


# A church or a school named for Our Lady: "Our Lady of Lourdes", "Our Lady of Mount Carmel".
_OUR_LADY = rf"Our[ \t]Lady[ \t]of(?:[ \t]the)?[ \t][{UP}][{LOW}]+(?:[ \t][{UP}][{LOW}]+)?"
# A condition named after the doctors who described it, as a diagnosis is written: "Smith-Magenis
# syndrome", "Williams syndrome", "Cornelia de Lange syndrome", "Duchenne muscular dystrophy"
# is not (its noun comes later). The names are the condition's: a provider needs it.
_EPONYM_WORD = rf"[{UP}][{LOW}]+"
_EPONYM = (rf"{_EPONYM_WORD}(?:(?:-|[ \t](?:de|la|le|von|van|du)[ \t]|[ \t]){_EPONYM_WORD}){{0,2}}"
           r"(?:['’]s?)?[ \t](?i:syndrome|disease|palsy|anomaly|sequence|ataxia|chorea)")
_KEPT = re.compile(  # after a space or an opening quote, not inside a word ("O'Brien")
    r"(?<![\w\-])(?<![\w\-]['’])(?:"
    + "|".join(_pattern(name) for name in sorted(KEPT_NAMES, key=len, reverse=True))
    + f"|{_OUR_LADY}|{_EPONYM})(?![\\w\\-]|['’][{LOW}]|[ \\t][{UP}][{LOW}])"
)


# A car's make that is also a name, after its colour, an article or a possessive, with its
# model after it or not: "a white Mercedes registration …", "his silver Tesla Model 3". Not
# before a possessive ("Mercedes's"): a person's.
_CAR_AFTER = ("a", "an", "the", "his", "her", "their", "white", "black", "grey", "gray",
              "silver", "red", "blue", "green", "dark", "yellow", "orange", "old", "new", "gold")
_CAR_MAKES = ("Mercedes-Benz|Mercedes|Tesla|Kia|Lexus|Porsche|Ferrari|Jaguar|Skoda|Audi|Mini|"
              "Seat|Citroen|Citroën|Lotus|Bentley|Dacia")
# The word before the make is kept with it (one pass; a lookbehind for each word would be
# tried at every position of the text).
# Its model goes with it, one capitalised word not followed by another or a possessive ("a
# Seat Leon", "a Mini Cooper").
_MODEL = rf"(?:[ \t][{UP}][{LOW}]+(?![\w\-]|['’]|[ \t][{UP}]))?"
_CAR = (rf"(?<![\w'’\-])(?:{'|'.join(_CAR_AFTER)})[ \t](?:{_CAR_MAKES}){_MODEL}"
        rf"(?![\w\-]|['’][{LOW}])")
# A firm named for two partners, where the text says it is a firm of lawyers: after a lawyer's
# word ("Defence solicitors: Harland & Pyke", "his solicitor is at Harland & Pyke") or with a
# firm's word after it ("Harland & Pyke Solicitors", "Harland & Pyke LLP", "Harland & Pyke
# (solicitors)"). The firm is public and names no one in the case; a solicitor named beside
# it ("Dawn Ellis of Harland & Pyke") still goes, and so do two first names after a lawyer's
# word ("solicitors: Sarah & Tom"). Only the firm is kept, not the cue before it.
_PARTNER = rf"[{UP}][{LOW}]+(?:[\-'’][{UP}][{LOW}]+)?"
_FIRMS_WORD = (r"(?:[ \t]+(?:LLP|(?i:solicitors|law|legal))"
               r"|[ \t]*\((?i:solicitors?|law[ \t]firm|lawyers)\))(?![\w\-])")
_LAWYERS_WORD = (r"(?<![^\W\d_])(?i:solicitors?|lawyers?|law[ \t]firm|legal[ \t]firm"
                 r"|legal[ \t]rep(?:resentative)?s?)[ \t]*(?:[:\-–][ \t]*|(?i:is|are|was|were"
                 r"|from|at|with)[ \t]+(?:(?i:at|from|with)[ \t]+)?)?")
_FIRM = (rf"(?P<lawyers>{_LAWYERS_WORD})?(?P<firm>(?<![\w'’\-]){_PARTNER}[ \t]?&[ \t]?"
         rf"{_PARTNER}(?(lawyers)(?:{_FIRMS_WORD})?|{_FIRMS_WORD}))")
# Children's authors and people famous to children, named as what the child likes: "likes
# reading Jacqueline Wilson", "a big fan of Marcus Rashford", "reads books by Julia
# Donaldson". Kept only after such a cue: anywhere else the same name may be someone's in the
# case, and is removed as any name is.
FAMOUS_TO_CHILDREN = (
    "Jacqueline Wilson", "Roald Dahl", "David Walliams", "J.K. Rowling", "JK Rowling",
    "Julia Donaldson", "Michael Morpurgo", "Jeff Kinney", "Enid Blyton", "Dav Pilkey",
    "Liz Pichon", "Tom Fletcher", "Malorie Blackman", "Anthony Horowitz", "Rick Riordan",
    "Cressida Cowell", "Judith Kerr", "Alice Oseman", "Holly Jackson", "Marcus Rashford",
    "Bukayo Saka", "Harry Kane", "Jude Bellingham", "Lionel Messi", "Cristiano Ronaldo",
    "Simone Biles", "Emma Raducanu", "Tom Daley", "Lewis Hamilton", "Ariana Grande",
    "Olivia Rodrigo", "Harry Styles", "Joe Wicks", "Steve Backshall", "David Attenborough",
)
_INTEREST = (r"(?<![^\W\d_])(?i:likes|loves|enjoys|adores|reads|reading|read|fan[ \t]of"
             r"|books[ \t]by|stories[ \t]by|anything[ \t]by|listens[ \t]to|listening[ \t]to"
             r"|watches|watching|idolises|idolizes|looks[ \t]up[ \t]to)"
             # a few words between: "likes reading books by", "a big fan of"
             r"(?:[ \t]+(?i:reading|books|stories|by|of|the|all|anything|everything|watching"
             r"|listening|to)){0,3}[ \t]+")
_FAMOUS = (rf"(?P<interest>{_INTEREST})(?P<famous>(?:"
           + "|".join(_pattern(name) for name in sorted(FAMOUS_TO_CHILDREN, key=len, reverse=True))
           + rf")(?![\w\-]|[ \t][{UP}][{LOW}]))")
_KEPT = re.compile(f"{_KEPT.pattern}|{_CAR}|{_FIRM}|{_FAMOUS}")


# A listed name written as a person's, without a brand's apostrophe: with an age after it or
# a relative's or a friend's word before it ("his boyfriend Jack Daniels, 19", "Ted Baker
# (17)") it is someone's name, not the drink's or the shop's.
_AN_AGE_AFTER = re.compile(r"[ \t]*\([ \t]*(?:aged?[ \t]+)?\d{1,2}[ \t]*\)"
                           r"|,[ \t]*(?:aged?[ \t]+)?\d{1,2}[ \t]*(?:,|\.|\)|$|years?\b)"
                           r"|[ \t]+aged[ \t]+\d", re.MULTILINE)
_A_RELATION_BEFORE = re.compile(
    r"(?<![\w'’\-])(?i:boyfriend|girlfriend|partner|friend|mate|uncle|aunt|auntie|cousin"
    r"|brother|sister|dad|father|mum|mother|stepdad|stepfather|stepmum|grandad|grandfather"
    r"|nan|nana|gran|grandmother|ex|associate|peer|neighbour|lodger|husband|wife)"
    r"[ \t]*,?[ \t]+\Z")
_RELATION_REACH = 20


def _a_persons_name(match: re.Match[str]) -> bool:
    text, start, end = match.string, match.start(), match.end()
    return " " in match.group() and not re.search(r"['’]", match.group()) and bool(
        _AN_AGE_AFTER.match(text, end)
        or _A_RELATION_BEFORE.search(text, max(0, start - _RELATION_REACH), start))


def _kept_part(match: re.Match[str]) -> tuple[int, int] | None:
    """The stretch a match keeps: a firm or a famous name without the cue before it; None for
    two first names after a lawyer's word ("solicitors: Sarah & Tom"), two people, and for a
    listed name written as a person's ("his boyfriend Jack Daniels, 19")."""
    if match.group("firm"):
        partners = re.findall(r"[^\W\d_]+(?:[\-'’][^\W\d_]+)?", match.group("firm"))
        if len(partners) == 2 and all(map(lexicon.is_first_name, partners)) and not any(
                map(lexicon.is_surname, partners)):
            return None
        return match.span("firm")
    if match.group("famous"):
        return match.span("famous")
    return None if _a_persons_name(match) else match.span()


def _blanked_part(match: re.Match[str]) -> str:
    if _kept_part(match) is None:
        return match.group()
    return (match.group("lawyers") or match.group("interest") or "") + "it"


def kept_stretches(text: str) -> Iterator[tuple[int, int]]:
    """Where the text names one of `KEPT_NAMES`, a church for Our Lady, a firm of lawyers, or
    one of `FAMOUS_TO_CHILDREN` as what the child likes."""
    for match in _KEPT.finditer(text):
        if (part := _kept_part(match)) is not None:
            yield part


def outside(stretches: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether `start`-`end` is not wholly inside one of `stretches` (in order, apart)."""
    index = bisect_right(stretches, (start, sys.maxsize)) - 1
    return index < 0 or not (stretches[index][0] <= start and end <= stretches[index][1])


def blanked(text: str) -> str:
    """The text with "it" for each kept name, for the searches for names, which return names,
    not places in the text ("She loves it and skating"). Not spaces: a long run of them costs
    some searches more than its length."""
    return _KEPT.sub(_blanked_part, text)

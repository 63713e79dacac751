"""The places near home a referral names by their kind: each says where the child lives.

"collects her prescriptions from Kirkgate Pharmacy", "Dental: Smile Dental Care", "around
the back of the Ashfield Youth Club", "Hexby Leisure Centre", "Dr Patel at the Orchard Clinic",
"relies on the Brambleside Food Bank": a named pharmacy or chemist, dentist, optician, youth
club or centre, community centre, hall or pantry, leisure or sports centre, children's
centre, clinic, health or medical centre or food bank is one building in one town (a family
centre is the council's, where contact is held: "the Ashworth Family Centre" stays). Its name
goes (`[address]`) when a word of it is neither a generic one ("the local Pharmacy",
"Community Centre") nor a chain's ("Boots Pharmacy", "Lloyds Pharmacy": a branch in every
town) nor a national young people's service's ("the Brook Clinic"); what it is stays, as a
provider may need to know it ("[address] Pharmacy", "the [address] Youth Club").

A service by its name after its kind: "sees the dentist at Brightsmile", "the chemist called
Medicare", where the name is a word no dictionary has.

A block of flats by its name where the words before say someone lives there or near it:
"lives in Kestrel Tower", "the stairwells of Harrier Court and Kestrel Tower", "the lift in
Calder Heights is broken" ("the Blackpool Tower", "Hexby Crown Court" stay).

A park, a rec or playing fields, or a grassroots club or gym a child plays for or trains with,
or a Scouts, Guides or cadets group or a Boys' Brigade, by a name with a word in no word or
name list: "found drinking in Brackley Park", "on Sowerby rec", "the Bellcroft playing
fields", "plays for Fenwick Rovers Under 14s", "Ellesby JFC", "trains with Kirkgate ABC",
"Member of 1st Kelderby Scouts", "Hexby Air Cadets" (the group's kind stays whole). A club by
its place and its sport in lower case, after words that say the child goes to it, goes when
its word is no English word and no well-known place's: "keep going to Fairfield boxing",
"trains at Ashby judo" ("goes to Leeds boxing", "a member of Everton football academy" stay).
It says where the child lives as a street does; a name any town
has ("Victoria Park", "Peel Park") or a professional club ("supports Leeds United") stays,
and so does a word of the form's own address, searched by its own rules ("Northby Amateur
Boxing Club" of a child in Northby: the town's club, no one's home). A professional club
and its ground are no one's home however rare their word: a league club's place ("Brentford
FC", "Tranmere Rovers Under 18s"), a league ground ("goes to Goodison Park") or a club the
child follows ("supports Fenwick FC", "a season ticket for Ashby Town AFC") stays.

Once a park's, a club's or a service's rare word has gone with its kind, it goes wherever it
stands alone in the referral too ("Fenwick Rovers Under 14s … The Fenwick coach … at
Fenwick", "Brackley Park … Brackley is where the older group gathers"); so does a GP
practice's (places.py), and a "The X" name of one of them goes again as "The X" without its
kind ("registered at The Limes Surgery; The Limes have his asthma plan").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from broker.anonymise import lexicon
from broker.anonymise.labels import STREET_ADDRESS
from broker.anonymise.name_shapes import SERVICES, WORD
from broker.anonymise.places import CHAINS, anchored, find_practices, is_a_time
from broker.anonymise.spans import Span

__all__ = ["find_local_places", "local_places_finder"]

_KIND = (
    r"(?:Pharmacy|Chemists?|Dental(?:[ \t]+(?:Care|Practice|Surgery|Centre|Clinic|Studio"
    r"|Group))?|Dentistry|Dentists|Orthodontics|Opticians|"
    r"Youth[ \t]+(?:Club|Centre|Project|Hub)|Community[ \t]+(?:Centre|Center|Hall|Hub|Caf[eé])"
    r"|Leisure[ \t]+Centre|Sports[ \t]+(?:Centre|Hall)|Children['’]s[ \t]+Centre"
    r"|Clinic|Health[ \t]+Centre|Medical[ \t]+Centre|Food[ \t]*[Bb]ank|Foodbank"
    r"|Community[ \t]+(?:Pantry|Larder|Fridge))"
)
_NAMED_SERVICE = re.compile(
    rf"(?<![\w'’\-])(?P<own>(?:{WORD}(?:['’]s)?[ \t]+){{1,3}})(?P<kind>{_KIND})(?![\w'’\-])")
_KIND_WORD = re.compile(r"\b(?:Pharmacy|Chemists?|Dental|Dentistry|Dentists|Orthodontics"
                        r"|Opticians|Club|Centre|Center|Hall|Hub|Project|Caf[eé]|Clinic"
                        r"|[Bb]ank|Foodbank|Pantry|Larder|Fridge)\b")
# A service by its name after what it is: "the dentist at Brightsmile".
_SERVICE_AT = re.compile(
    r"(?<![\w'’\-])(?i:dentists?|dental[ \t]+practice|orthodontist|chemists?|pharmacy"
    r"|pharmacist|opticians?|youth[ \t]+club|surgery|clinic|food[ \t]*bank|health[ \t]+centre)"
    r"[ \t]+(?:at|called)[ \t]+"
    rf"(?:the[ \t]+)?(?P<own>{WORD}(?:[ \t]+{WORD}){{0,2}})(?![\w'’\-])")
# A block by its name, where someone lives in it or the words before say it is a home.
_BLOCK = re.compile(
    rf"(?<![\w'’\-])(?P<own>(?:{WORD}[ \t]+){{1,2}})(?:Tower|Towers|Heights|Point|Court|House"
    r"|Mansions)(?![\w'’\-])")
_BLOCK_WORD = re.compile(r"\b(?:Tower|Towers|Heights|Point|Court|House|Mansions)\b")
_LIVES_THERE = re.compile(
    r"(?<![\w'’\-])(?i:lives|lived|living|live|flat|flats|block|stairwells?|lifts?|landings?"
    r"|estate|moved|staying|stays|stayed|tenancy|housed|rehoused)(?![\w'’\-])[^.\n]{0,50}\Z")
# A park or a grassroots club by its name: the name goes only where a word of it is rare.
_GROUND_KIND = (
    r"(?:Park|Rec|rec|(?:Recreation|recreation)[ \t]+(?:Ground|ground)|(?:Playing|playing)[ \t]+"
    r"(?:Fields|fields)|JFC|AFC|FC|ABC|ARLFC|RFC|Juniors|Under[ \t-]?\d{1,2}s|U\d{1,2}s?"
    r"|(?:Boxing|Football|Cricket|Swimming|Gymnastics)[ \t]+(?:Club|Gym)|Boxing[ \t]+Academy"
    r"|Dance[ \t]+(?:School|Studios?)|Scouts|Scout[ \t]+Group|Cubs|Beavers|Brownies|Guides"
    r"|Rainbows|Explorers|Cadets|Boys['’]?[ \t]+Brigade|Girls['’]?[ \t]+Brigade)")
_NAMED_GROUND = re.compile(
    rf"(?<![\w'’\-])(?P<own>(?:{WORD}(?:['’]s)?[ \t]+){{1,3}}){_GROUND_KIND}(?![\w'’\-])")
_GROUND_WORD = re.compile(r"\b(?:Park|[Rr]ec|[Gg]round|[Ff]ields|JFC|AFC|FC|ABC|ARLFC|RFC"
                          r"|Juniors|\d{1,2}s|U\d{1,2}s?|Club|Gym|Academy|School|Studios?"
                          r"|Scouts|Group|Cubs|Beavers|Brownies|Guides|Rainbows|Explorers"
                          r"|Cadets|Brigade)\b")
# Words a group's kind opens with: "Air Cadets", "Sea Scouts", "Girl Guides".
_KINDS_OWN_WORDS = frozenset({"Army", "Air", "Sea", "Police", "Fire", "Girl", "Cub", "Scout",
                              "Explorer", "Beaver", "Brownie", "Venture", "Marine", "Volunteer"})
# A grassroots club by its place's name and its sport in lower case, where the words before
# say the child goes to it: "keeps going to Fairfield boxing", "trains at Ashby judo".
_SPORTS = (r"boxing|kickboxing|judo|karate|taekwondo|jiu[ \t-]?jitsu|martial[ \t]+arts|wrestling"
           r"|gymnastics|gym|swimming|football|rugby|cricket|netball|hockey|basketball"
           r"|athletics|dance|dancing|cadets|scouts|cubs|brownies|guides|youth[ \t]+club")
_CLUB_BY_ITS_SPORT = re.compile(
    r"(?<![\w'’\-])(?i:going|goes|go|went|gone|attends|attended|attending|trains|training"
    r"|trained|train|member|members)[ \t]+(?i:to|at|with|of|in)[ \t]+(?:the[ \t]+)?"
    rf"(?P<own>{WORD}(?:[ \t]+{WORD})?)[ \t]+(?:{_SPORTS})(?![\w'’\-])")
_REACH = 70
_BEFORE_A_NAME = frozenset({"The", "At", "In", "Of", "From", "To", "Near", "By", "And"})
# Words of a service's name that say which kind, not which one.
_GENERIC_LIST = """
    the a an at in on of to from near by behind local nearest our her his their nhs hospital
    village town city community school church council high street late night emergency
    independent family main new old central west east north south"""
_GENERIC = frozenset(_GENERIC_LIST.split())
# Chains with a branch in every town: their name says nothing of where.
_CHAINS = CHAINS
# Words that make a block's name a court of law or a public building, not a home.
_NOT_A_HOME = frozenset({"crown", "magistrates", "magistrates'", "family", "youth", "county",
                         "high", "supreme", "combined", "district", "town", "city", "civic",
                         "council", "opera", "custom", "court", "the", "a", "an", "public"})


# The league clubs' places a club's name may be rare for ("Brentford FC", "Tranmere Rovers"),
# and the league grounds named as a park is ("Goodison Park"): a professional club's, where
# thousands go, and no one's home.
_LEAGUE_CLUB_LIST = """
    brentford millwall stevenage wycombe accrington crewe gillingham grimsby harrogate notts
    tranmere morecambe fleetwood barrow salford bromley cheltenham colchester crawley
    shrewsbury walsall doncaster rotherham huddersfield barnsley wigan bolton oldham
    hibernian kilmarnock motherwell partick raith ayr airdrie airdrieonians arbroath
    montrose peterhead stenhousemuir alloa annan stranraer forfar dumbarton cowdenbeath
    caley mirren livingston dunfermline queen's everton arsenal chelsea tottenham spurs fulham
    burnley sunderland middlesbrough wolves"""
_LEAGUE_CLUBS = frozenset(_LEAGUE_CLUB_LIST.split())
_LEAGUE_GROUND_LIST = """
    goodison selhurst fratton prenton edgeley ewood tynecastle dens tannadice mcdiarmid
    gayfield cappielow palmerston ochilview glanford blundell brunton huish boundary vale
    villa home celtic hampden fir rugby somerset links stair"""
_LEAGUE_GROUNDS = frozenset(_LEAGUE_GROUND_LIST.split())
_CLUB_KIND = re.compile(r"(?:JFC|AFC|FC|ARLFC|RFC|Juniors|Under[ \t-]?\d{1,2}s|U\d{1,2}s?)\Z")
# A club the child follows, not one she plays for: "supports", "a fan of", "a season ticket
# for", "watches".
_FOLLOWS = re.compile(r"(?<![\w'’])(?i:supports|supported|supporter[ \t]+of|fan[ \t]+of"
                      r"|season[ \t]+ticket[ \t]+(?:for|at)|follows|watches|watched)[ \t]+"
                      r"(?:the[ \t]+)?\Z")
_FOLLOWS_REACH = 30
_CAPITALISED = re.compile(r"[A-Z][a-z'’]+")


def local_places_finder(forms_words: Iterable[str] = (),
                        texts: Iterable[str] = ()) -> Callable[[str], Iterator[Span]]:
    """`find_local_places`, a park's or a club's word of the form's own address left to the
    rules that search the form's values; and each rare word of a place found in one of
    `texts` wherever it stands alone ("at Fenwick" after "Fenwick Rovers Under 14s")."""
    own = frozenset(word.casefold() for word in forms_words)
    texts = list(texts)
    found = {text: list(find_local_places(text, own)) for text in texts}
    # what each name removed with its kind was called: a place's own words, a practice's
    names = [(text, text[span.start : span.end], span.start) for text, spans in found.items()
             for span in spans]
    names += [(text, match.group("own"), match.start()) for text in texts
              for match in find_practices(text)]
    words = sorted({word for text, name, _ in names for word in _CAPITALISED.findall(name)
                    if _says_which_town(word, own) and word.casefold() not in _LEAGUE_CLUBS})
    # "The Limes Surgery … The Limes have his asthma plan": a "The X" name goes bare too
    the_names = sorted({name for text, own_words, start in names
                        if (name := _the_name(text, own_words, start))})
    pieces = [*map(re.escape, words),
              *(r"[Tt]he[ \t]+" + r"[ \t]+".join(map(re.escape, name.split()))
                + r"(?![ \t]+[A-Z])" for name in the_names)]  # bare: not its kind after it
    again = re.compile(rf"(?<![\w'’\-])(?:{'|'.join(pieces)})(?![\w\-]|['’](?!s\b))"
                       ) if pieces else None

    def find(text: str) -> Iterator[Span]:
        spans = found.get(text)
        yield from find_local_places(text, own) if spans is None else spans
        if again is not None:
            for match in again.finditer(text):
                yield Span(match.start(), match.end(), STREET_ADDRESS)

    return find


_THE_BEFORE = re.compile(r"(?<![\w'’\-])[Tt]he[ \t]+\Z")


def _the_name(text: str, name: str, start: int) -> str:
    """The X of a name a writer calls "The X" ("The Limes Surgery", "the Limes Youth Club"):
    "The" opens it or stands just before it, and only capitalised words follow; else ""."""
    words = name.split()
    if words[:1] == ["The"] or words[:1] == ["the"]:
        words = words[1:]
    elif _THE_BEFORE.search(text, max(0, start - 4), start) is None:
        return ""
    return " ".join(words) if words and all(map(_CAPITALISED.fullmatch, words)) else ""


def find_local_places(
    text: str, forms_words: frozenset[str] = frozenset()
) -> Iterator[Span]:
    """A pharmacy, dentist, youth club or centre by its name; a park or grassroots club by a
    rare name; a block where someone lives."""
    for match in anchored(_NAMED_SERVICE, _KIND_WORD, text):
        start = _name_start(text, match.start(), match.group("own"))
        if start is not None and not all(  # "the Brook Clinic": a national service's
                _bare(word).casefold() in SERVICES
                for word in text[start : match.end("own")].split()):
            yield Span(start, match.end("own") - 1, STREET_ADDRESS)  # "[address] Pharmacy"
    for match in anchored(_NAMED_GROUND, _GROUND_WORD, text):
        start = _name_start(text, match.start(), match.group("own"))
        end = _without_a_kinds_word(text, start, match.end("own") - 1)
        if start is not None and any(
                _says_which_town(_bare(word), forms_words)
                for word in text[start:end].split()) and not (
                _professional(text, start, match.end("own"), match.end())):
            yield Span(start, end, STREET_ADDRESS)  # "[address] Park", "[address] Air Cadets"
    for match in _CLUB_BY_ITS_SPORT.finditer(text):
        own = match.group("own")
        if all(_unheard_of(word) and word.casefold() not in forms_words | _LEAGUE_CLUBS
               for word in own.split()):
            yield Span(match.start("own"), match.end("own"), STREET_ADDRESS)
    for match in _SERVICE_AT.finditer(text):
        own = match.group("own").split()
        if any(_unheard_of(word) for word in own):
            yield Span(match.start("own"), match.end("own"), STREET_ADDRESS)
    for match in anchored(_BLOCK, _BLOCK_WORD, text):
        own = [word for word in match.group("own").split() if word not in _BEFORE_A_NAME]
        if any(word.casefold() in _NOT_A_HOME for word in own) or not any(
                _unheard_of(word) for word in own):
            continue
        if _LIVES_THERE.search(text, max(0, match.start() - _REACH), match.start()):
            start = _name_start(text, match.start(), match.group("own"))
            if start is not None:
                yield Span(start, match.end(), STREET_ADDRESS)


def _without_a_kinds_word(text: str, start: int | None, end: int) -> int:
    """Where a club's own name ends, a word of its kind before the kind left out ("Kelderby
    Air" of "Kelderby Air Cadets", "Hexby Sea" of "Hexby Sea Scouts")."""
    if start is None:
        return end
    words = text[start:end].split()
    while len(words) > 1 and words[-1] in _KINDS_OWN_WORDS:
        end = text.rindex(words.pop(), start, end)
        end = len(text[:end].rstrip(" \t"))
    return end


def _professional(text: str, start: int, end: int, kind_end: int) -> bool:
    """A league club ("Brentford FC"), a league ground ("Goodison Park") or a club the text
    says someone follows ("supports Fenwick FC"): no one's home."""
    words = [_bare(word).casefold() for word in text[start:end].split()]
    kind = text[end:kind_end]
    if _CLUB_KIND.search(kind):
        return any(word in _LEAGUE_CLUBS for word in words) or _FOLLOWS.search(
            text, max(0, start - _FOLLOWS_REACH), start) is not None
    return kind == "Park" and len(words) == 1 and words[0] in _LEAGUE_GROUNDS


def _name_start(text: str, start: int, own: str) -> int | None:
    """Where a service's own name begins, generic words before it left out ("the local"),
    or None when no word of it says which one."""
    words = own.split()
    while words and (words[0].casefold() in _GENERIC or is_a_time(words[0])):
        start = text.index(words[0], start) + len(words[0])
        words.pop(0)
    if not words or all(word.casefold() in _GENERIC | _CHAINS | _NOT_A_HOME
                        or is_a_time(word) for word in words):
        return None
    if any(_bare(word).casefold() in _CHAINS for word in words):
        return None  # "Boots Pharmacy", "Specsavers Opticians"
    return text.index(words[0], start)


def _unheard_of(word: str) -> bool:
    """A word no dictionary has and no well-known place's: a business's or a block's own."""
    bare = _bare(word)
    return (not lexicon.is_ordinary(bare) and not lexicon.is_known_non_person(bare)
            and bare.casefold() not in _CHAINS and not is_a_time(bare))



def _says_which_town(word: str, forms_words: frozenset[str]) -> bool:
    """A word in no word or name list ("Brackley", not "Victoria"), other than the form's own
    address's, which its own rules search for."""
    return (lexicon.is_rare(word) and not lexicon.is_known_non_person(word)
            and word.casefold() not in forms_words)


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word)

"""Synthetic referral narratives with known third parties, for measuring anonymisation.

Each generated narrative mixes sentences that name people the form does not list (in every
shape social workers use: a relative, a boyfriend with his age, bail conditions listing who
not to contact, a sponsor, a co-defendant, someone known only by a nickname, a full name in
brackets after a nickname, a professional, a name with no introduction at all) with ordinary
sentences full of capitalised words that are not anyone's name (services, places, days,
apps, languages, conditions). Every name is fictional, assembled at random from first names
and surnames of many origins; none is taken from the lists the anonymiser uses. Also: street
addresses, school names, pupil numbers and dates of birth, each of which must go too.

`generate(count, seed)` is deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

# Fictional names by origin: first names and surnames are combined at random.
ORIGINS: dict[str, tuple[list[str], list[str]]] = {
    "English": (["Callum", "Keeley", "Darren", "Shannon", "Jordan", "Tegan", "Brandon", "Leanne",
                 "Kieran", "Demi", "Reece", "Chantelle"],
                ["Hargreaves", "Pickering", "Whitworth", "Ollerton", "Thwaite", "Cropper",
                 "Entwistle", "Ramsbottom", "Ackroyd", "Greenhalgh"]),
    "Irish": (["Ciaran", "Aoife", "Padraig", "Siobhan", "Oisin", "Niamh", "Declan", "Roisin"],
              ["O'Dowd", "Geraghty", "McGuinness", "Fitzgerald", "Mulcahy", "Cassidy",
               "Brennan", "Keohane"]),
    "Polish": (["Dawid", "Zuzanna", "Kacper", "Wiktoria", "Mateusz", "Oliwia", "Szymon"],
               ["Wisniewski", "Kaczmarek", "Mazur", "Grabowska", "Pawlak", "Wojcik", "Sikora"]),
    "Romanian": (["Andrei", "Ioana", "Florin", "Bianca", "Mihai", "Roxana", "Catalin"],
                 ["Popa", "Stoica", "Munteanu", "Dobre", "Ionescu", "Barbu", "Lazar"]),
    "Nigerian": (["Chukwuemeka", "Adaeze", "Olumide", "Funmilayo", "Ikenna", "Temitope",
                  "Obinna", "Yewande"],
                 ["Adeyemi", "Okonkwo", "Balogun", "Eze", "Oyelaran", "Nwosu", "Adebayo"]),
    "Ghanaian": (["Kwabena", "Akosua", "Yaw", "Efua", "Kojo"],
                 ["Asante", "Owusu", "Boateng", "Ofori", "Appiah"]),
    "Somali": (["Abdirahman", "Hodan", "Mahad", "Ayaan", "Guled", "Sagal"],
               ["Warsame", "Jama", "Egal", "Hersi", "Abdullahi", "Duale"]),
    "Eritrean": (["Yonas", "Selam", "Tesfay", "Helen", "Dawit"],
                 ["Gebremedhin", "Tesfamariam", "Berhane", "Woldu"]),
    "Pakistani": (["Zain", "Ayesha", "Bilal", "Mehwish", "Hamza", "Sana", "Usman"],
                  ["Chaudhry", "Butt", "Qureshi", "Malik", "Iqbal", "Rehman"]),
    "Bangladeshi": (["Shahid", "Rumana", "Tanvir", "Nasreen", "Rakib"],
                    ["Miah", "Choudhury", "Uddin", "Begum", "Islam"]),
    "Indian": (["Arjun", "Priyanka", "Harpreet", "Gurpreet", "Rohan"],
               ["Sandhu", "Patel", "Gill", "Dhillon", "Mistry"]),
    "Chinese": (["Wei", "Xiaoling", "Jun", "Mei", "Hao"],
                ["Zhang", "Liu", "Huang", "Zhou", "Xu"]),
    "Caribbean": (["Shanice", "Tyrone", "Marcia", "Delroy", "Jermaine", "Kemar"],
                  ["Campbell", "McKenzie", "Grant", "Bailey", "Forbes", "Reid"]),
    "Turkish": (["Emre", "Elif", "Burak", "Zeynep", "Mert"],
                ["Yildirim", "Ozturk", "Aydin", "Kaya", "Demir"]),
    "Kurdish": (["Rebin", "Shirin", "Karwan", "Nazdar"],
                ["Ahmadi", "Rasul", "Barzani", "Hawrami"]),
    "Albanian": (["Ardit", "Besa", "Erion", "Klea"],
                 ["Hoxha", "Berisha", "Krasniqi", "Gashi"]),
    "Lithuanian": (["Mantas", "Greta", "Lukas", "Ugne"],
                   ["Kazlauskas", "Petrauskas", "Jankauskas"]),
    "Afghan": (["Ahmad", "Farzana", "Wahid", "Zarmina"],
               ["Popal", "Stanekzai", "Noori", "Hakimi"]),
    "Roma": (["Vasile", "Florica", "Dragos"], ["Lacatus", "Rostas", "Caldaras"]),
}
NICKNAMES = ["Spider", "Tiny", "Bones", "Ghost", "Scrappy", "Kat", "Dee", "Bigz", "Wolfie",
             "Smudge", "Taz", "Rocco"]

# Sentences with no one's name in them, but plenty of capitalised words that are not names.
ORDINARY = [
    "She was open to CAMHS until March and has an EHCP naming social, emotional and mental "
    "health needs.",
    "Over Christmas she went missing twice and was found in Manchester both times.",
    "He spends most evenings on Snapchat, TikTok and Xbox Live, often past midnight.",
    "The Youth Offending Team and Children's Services held a strategy meeting on Tuesday.",
    "His first language is Tigrinya and he is learning English at college three days a week.",
    "The family are practising Muslims and she fasts during Ramadan.",
    "She supports Arsenal and would like to join a netball club on Saturday mornings.",
    "Her Child Protection Plan was reviewed in October and she remains subject to it.",
    "He takes melatonin at night and has an appointment at the Royal Infirmary in January.",
    "The Independent Reviewing Officer chaired the looked after review last Wednesday.",
    "She enjoys baking, Minecraft and trips to the coast in Cornwall during the summer.",
    "He was remanded by the Crown Court in Leeds and is now on bail with an electronic tag.",
    "The Home Office has not yet decided his asylum claim; a solicitor is helping.",
    "Ofsted's last report on the previous home was published in the autumn.",
    "She speaks Polish at home and English at school, and prefers Polish food.",
    "In Year 9 she was excluded twice for fighting; her attendance is now good.",
    "A Section 47 enquiry was completed and an Initial Child Protection Conference held.",
    "He likes football, Fortnite and drawing, and wants to be a mechanic.",
    "The placement in Birmingham ended after an assault on a member of staff.",
    "She is due to sit GCSEs in Maths, English and Art next summer.",
    "Universal Credit and the housing benefit claim were sorted out in November.",
    "He has a diagnosis of ADHD and autism, and struggles with change and noise.",
    "On Friday evenings she attends a youth club run by the local Methodist church.",
    "The National Referral Mechanism referral was made after the arrest in Bristol.",
    "The Designated Safeguarding Lead at the Pupil Referral Unit shared the Kinship Care "
    "assessment with Early Help.",
    "She was inspected by Ofsted in June and the report rated the home Good.",
    "On Saturdays he trains at Muay Thai and goes to McDonald's with the Air Cadets.",
    "He follows Bristol Rovers and wants to start the Duke of Edinburgh award.",
    "She was seen at St Thomas' Hospital after the overdose and referred to Kooth and Brook.",
    "The Virtual School Head attended the Personal Education Plan meeting online.",
    "Contextual Safeguarding concerns were raised at the Missing Children Panel.",
    "He loves Marvel films, Lego Technic and Formula One, and watches Match of the Day.",
    "Her family moved to Skegness from Lincoln when she was small.",
    "She uses WhatsApp and Instagram to keep in touch with family in Poland and Romania.",
    "Therapeutic Parenting training is part of the Staying Put arrangement.",
    "The Family Group Conference agreed a Safety Plan before Easter.",
    "He was arrested under the Misuse of Drugs Act near Piccadilly Gardens.",
    "She wants to study Health and Social Care at Sixth Form College.",
]
PLACES = ["Manchester", "Leeds", "Birmingham", "Bristol", "Cornwall"]

RELATIONS = ["uncle", "aunt", "cousin", "step-gran", "godmother", "mum's partner",
             "older cousin", "great-uncle", "stepbrother", "nan's neighbour"]
PROFESSIONALS = ["PC", "DC", "Dr", "social worker", "key worker", "youth worker", "YOT officer",
                 "personal adviser", "Mrs", "Mr", "her solicitor", "the duty manager"]


@dataclass
class Narrative:
    text: str
    names: list[tuple[str, str]] = field(default_factory=list)  # (name as written, shape)
    identifiers: list[tuple[str, str]] = field(default_factory=list)  # (value, kind)


class _Writer:
    """Draws fictional people and writes sentences about them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self) -> tuple[str, str, str]:
        first_names, surnames = ORIGINS[self.rng.choice(sorted(ORIGINS))]
        first, last = self.rng.choice(first_names), self.rng.choice(surnames)
        return first, last, f"{first} {last}"

    def sentence(self, shape: str) -> tuple[str, list[str]]:
        rng = self.rng
        f1, s1, p1 = self.person()
        f2, _, p2 = self.person()
        f3, _, p3 = self.person()
        age = rng.randint(17, 34)
        nick = rng.choice(NICKNAMES)
        writers = {
            "relative": lambda: (f"Her {rng.choice(RELATIONS)} {p1} has offered to have her "
                                 "at weekends.", [p1]),
            "boyfriend-age": lambda: rng.choice([
                (f"She has been seeing a boyfriend, {p1} ({age}), who buys her vapes.", [p1]),
                (f"{p1} ({age}) describes himself as her boyfriend and collects her from "
                 "school.", [p1]),
                (f"Her boyfriend {p1}, {age}, was arrested with her in the car.", [p1]),
            ]),
            "bail-list": lambda: rng.choice([
                (f"His bail conditions say he must have no contact with {p1} or {p2}.",
                 [p1, p2]),
                (f"The court ordered no contact with {p1}, {p2} or {p3} until the trial.",
                 [p1, p2, p3]),
                (f"He is not to contact {p1} and {p2}, and must keep to a curfew.", [p1, p2]),
            ]),
            "sponsor": lambda: rng.choice([
                (f"Her former sponsor, {p1}, asked for her to leave in August.", [p1]),
                (f"The sponsor {p1} has not been in touch since the placement broke down.",
                 [p1]),
            ]),
            "co-defendant": lambda: rng.choice([
                (f"He was charged alongside a co-defendant, {p1}, who is older.", [p1]),
                (f"Co-defendant {p1} has pleaded not guilty.", [p1]),
                (f"The co-accused are {p1} and {p2}.", [p1, p2]),
            ]),
            "known-only-as": lambda: rng.choice([
                (f"He was given cannabis by a man he knew only as {f1}.", [f1]),
                (f"She was picked up by an adult who goes by '{nick}'.", [nick]),
                (f"A woman she knew as {f1} let her stay for two nights.", [f1]),
            ]),
            "bracket-after-nickname": lambda: (
                f"Her closest friend, known as {nick} ({p1}), is a good influence.", [nick, p1]),
            "bare": lambda: rng.choice([
                (f"Police found her in a car with {p1} and two other adults.", [p1]),
                (f"{p1} has been giving him lifts to the town centre late at night.", [p1]),
                (f"On Sunday {p1} and {p2} were seen with her near the station.", [p1, p2]),
                (f"The flat belongs to {p1}, who has previous convictions.", [p1]),
            ]),
            "professional": lambda: (
                f"{rng.choice(PROFESSIONALS)} {p1} raised the concern after the visit.", [p1]),
            "apposition": lambda: (
                f"{p1}, her maternal aunt, is being assessed as a kinship carer.", [p1]),
            "capitals": lambda: (
                f"Records list the tenant as {f1} {s1.upper()}.", [f"{f1} {s1.upper()}"]),
            "friends-list": lambda: (
                f"Her friends {f1}, {f2} and {f3} are a positive influence.", [f1, f2, f3]),
        }
        text, names = writers[shape]()
        return text, names


SHAPES = ["relative", "boyfriend-age", "bail-list", "sponsor", "co-defendant",
          "known-only-as", "bracket-after-nickname", "bare", "professional", "apposition",
          "capitals", "friends-list"]


def _identifier_sentences(rng: random.Random) -> list[tuple[str, str, str]]:
    """(sentence, value, kind): a street address, a school, a UPN, a date of birth."""
    number = rng.randint(2, 180)
    street = rng.choice(["Tollgate Road", "Mayfield Avenue", "Coppice Lane", "Heron Close",
                         "Wharfedale Drive", "Chantry Crescent"])
    school = rng.choice(["Brackenhurst Academy", "Eastfold Primary School",
                         "Holmewood High School", "St Aidan's RC Primary",
                         "Lindley Park College"])
    upn = _upn(rng)
    birth = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1975, 2008)}"
    return [
        (f"Her nan lives at {number} {street} and she often stays there.",
         f"{number} {street}", "address"),
        (f"He was at {school} until his exclusion in the spring.", school, "school"),
        (f"His UPN is {upn}.", upn, "upn"),
        (f"Her sister (DOB {birth}) also lives at home.", birth, "date of birth"),
    ]


def _upn(rng: random.Random) -> str:
    """A unique pupil number with a correct check letter (DfE's modulus 23 rule)."""
    digits = "".join(str(rng.randint(0, 9)) for _ in range(12))
    total = sum(int(d) * weight for d, weight in zip(digits, range(2, 14), strict=True))
    return "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23] + digits


def generate(count: int, seed: int = 11) -> list[Narrative]:
    """`count` narratives of about a dozen sentences each."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    narratives = []
    for _ in range(count):
        sentences: list[str] = []
        narrative = Narrative("")
        for shape in rng.sample(SHAPES, 6):
            text, names = writer.sentence(shape)
            sentences.append(text)
            narrative.names += [(name, shape) for name in names]
        sentences += rng.sample(ORDINARY, 6)
        for text, value, kind in rng.sample(_identifier_sentences(rng), 2):
            sentences.append(text)
            narrative.identifiers.append((value, kind))
        rng.shuffle(sentences)
        narrative.text = " ".join(sentences)
        narratives.append(narrative)
    return narratives


@dataclass
class Scores:
    """What anonymising the narratives removed, and what it should have kept."""

    names: int = 0
    names_removed: int = 0
    ordinary_words: int = 0
    ordinary_words_lost: int = 0
    identifiers: int = 0
    identifiers_removed: int = 0
    by_shape: dict[str, list[int]] = field(default_factory=dict)  # shape: [names, removed]
    leaked: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "narratives_names": self.names,
            "recall": round(self.names_removed / max(self.names, 1), 4),
            "ordinary_words": self.ordinary_words,
            "over_redaction": round(self.ordinary_words_lost / max(self.ordinary_words, 1), 4),
            "other_identifiers": self.identifiers,
            "other_identifiers_removed": round(
                self.identifiers_removed / max(self.identifiers, 1), 4),
            "recall_by_shape": {shape: round(removed / total, 4)
                                for shape, (total, removed) in sorted(self.by_shape.items())},
        }


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_LABEL = re.compile(r"\[[^\]]{1,40}\]")


def score(narratives: list[Narrative], outputs: list[str]) -> Scores:
    """Recall: a name counts as removed when none of its words of two letters or more is
    left in the output, as written. Over-redaction: of the words that are no one's name, no
    address, school, number or date, the share missing from the output."""
    scores = Scores()
    for narrative, output in zip(narratives, outputs, strict=True):
        left = Counter(_WORD.findall(_LABEL.sub(" ", output)))
        for name, shape in narrative.names:
            leaked = [w for w in _WORD.findall(name) if len(w) > 1 and left[w]]
            total = scores.by_shape.setdefault(shape, [0, 0])
            total[0] += 1
            scores.names += 1
            if leaked:
                scores.leaked.append(name)
            else:
                scores.names_removed += 1
                total[1] += 1
        for value, _ in narrative.identifiers:
            scores.identifiers += 1
            if value not in output:
                scores.identifiers_removed += 1
        identifying = {w for name, _ in narrative.names for w in _WORD.findall(name)}
        identifying |= {w for value, _ in narrative.identifiers for w in _WORD.findall(value)}
        ordinary = Counter(w for w in _WORD.findall(narrative.text) if w not in identifying)
        scores.ordinary_words += sum(ordinary.values())
        for word, count in ordinary.items():
            lost = max(0, count - left[word])
            scores.ordinary_words_lost += lost
            scores.lost += [word] * lost
    return scores

"""People, places and numbers a referral's prose names that its form does not list.

Every person, street, school and number here is fictional, and the wording is our own.
"""

from __future__ import annotations

from datetime import date

import pytest

from bench.narratives import generate, score
from broker.anonymise import anonymise
from broker.referral import FamilyMember, ReferralForm

TODAY = date(2026, 11, 20)


def scrubbed(text: str, **fields: object) -> str:
    form = ReferralForm(child_name="Tamsin Ellery", known_as="Tam", background=text,
                        **fields)  # type: ignore[arg-type]
    result = anonymise(form, authority=None, today=TODAY).text["background"]
    assert result is not None
    return result


@pytest.mark.parametrize(("text", "gone"), [
    ("Tam's boyfriend, Lukasz Dabrowski (20), waits for her outside the gates.",
     ["Lukasz", "Dabrowski"]),
    ("She says Ryan Okoro (22) is her boyfriend and he pays for her phone.",
     ["Ryan", "Okoro"]),
    ("Her boyfriend (aged 21) Connor Halliwell has a car.", ["Connor", "Halliwell"]),
])
def test_a_boyfriend_named_with_his_age(text: str, gone: list[str]) -> None:
    out = scrubbed(text)
    assert not [name for name in gone if name in out]
    assert "[person]" in out


@pytest.mark.parametrize("text", [
    "Conditions of bail: he is to have no contact with Femi Adebanjo or Gareth Pryce.",
    "The magistrates set a curfew and no contact with Femi Adebanjo, Gareth Pryce and "
    "Rhys Tovey.",
    "He must not contact Femi Adebanjo or Gareth Pryce, nor enter the town centre.",
])
def test_everyone_a_bail_condition_lists(text: str) -> None:
    out = scrubbed(text)
    for name in ("Femi", "Adebanjo", "Gareth", "Pryce", "Rhys", "Tovey"):
        assert name not in out
    assert "curfew" in out or "bail" in out or "town centre" in out


@pytest.mark.parametrize(("text", "gone"), [
    ("When the Homes for Ukraine placement ended, her former sponsor, Gwen Trelawney, "
     "stopped replying.", ["Gwen", "Trelawney"]),
    ("He is awaiting trial with his co-defendant Jamal Osei-Tutu.", ["Jamal", "Osei", "Tutu"]),
    ("The co-accused, Dean Platt, is 19.", ["Dean", "Platt"]),
    ("She was supplied by a man she knew only as Fizz.", ["Fizz"]),
    ("He stayed with an older lad he knew as Dibs.", ["Dibs"]),
])
def test_sponsors_co_defendants_and_people_known_by_a_nickname(
    text: str, gone: list[str]
) -> None:
    out = scrubbed(text)
    assert not [name for name in gone if name in out]


@pytest.mark.parametrize(("text", "gone"), [
    ("Her step-father, Cathal Ó Briain, must not know where she is.", ["Cathal", "Briain"]),
    ("A friend called Lucia de Almeida collects her from school.", ["Lucia", "Almeida"]),
    ("No contact with Joost van Hoorn or Yusuf bin Hamdan.", ["Joost", "Hoorn", "Yusuf",
                                                           "Hamdan"]),
])
def test_a_surname_with_a_particle_goes_whole(text: str, gone: list[str]) -> None:
    out = scrubbed(text)
    assert not [name for name in gone if name in out], out


@pytest.mark.parametrize(("text", "gone", "kept"), [
    ("Mum's cousin Paddy Ward is a safe adult; she was on Ward 12 last year.", ["Ward"],
     ["Ward 12"]),
    ("Her mother Janet White is White British.", ["White"], ["White British"]),
    ("Her dad, Tom Black, is Black Caribbean.", ["Black"], ["Black Caribbean"]),
    ("Her teacher Mr English says she reads well in English.", ["English"], ["in English"]),
    ("She was seen with Tom English at the park; English lessons.", ["English at"],
     ["English lessons"]),
])
def test_a_surname_that_is_also_a_word_goes_after_a_first_name_or_title(
        text: str, gone: list[str], kept: list[str]) -> None:
    """Ward, White, Black, English: never a name alone, but a surname after a first name
    or a title, where the word itself used to be kept."""
    out = scrubbed(text)
    assert all(phrase in out for phrase in kept), out
    for phrase in kept:
        out = out.replace(phrase, "")
    assert not [word for word in gone if word in out], out


def test_a_full_name_in_brackets_after_a_nickname_already_removed() -> None:
    out = scrubbed("Tam (Tamsin Maeve Ellery-Quayle) was moved after the fire. "
                   "Her friend known as Kiki (Kirsty Penhaligon) lives nearby.")
    for name in ("Maeve", "Quayle", "Kiki", "Kirsty", "Penhaligon"):
        assert name not in out
    assert out.startswith("[child] (")


@pytest.mark.parametrize("text", [
    "Ifeoma Chukwu has been letting him sleep on her sofa.",
    "Police stopped the car driven by Sebastian Wroblewski near the services.",
    "She was seen with Ayaan Farah and Bogdan Ilie at the retail park.",
    "Records give the tenant as Nikos PAPADAKIS.",
])
def test_people_named_without_any_introduction(text: str) -> None:
    out = scrubbed(text)
    for name in ("Ifeoma", "Chukwu", "Sebastian", "Wroblewski", "Ayaan", "Farah", "Bogdan",
                 "Ilie", "Nikos", "PAPADAKIS"):
        assert name not in out


def test_a_name_found_once_goes_from_every_field() -> None:
    form = ReferralForm(child_name="Tamsin Ellery", background="Her sponsor, Gwen Trelawney,"
                        " asked her to leave.", wishes="She never wants to see Gwen again.")
    text = anonymise(form, authority=None, today=TODAY).text
    assert text["wishes"] == "She never wants to see [person] again."


@pytest.mark.parametrize("text", [
    "She attends CAMHS on Thursdays and uses Snapchat and TikTok most evenings.",
    "The Youth Offending Team and the Independent Reviewing Officer met in Bradford.",
    "He speaks Tigrinya and Arabic, and prays at the Eritrean Orthodox church.",
    "At Christmas she was found in Manchester; the Child Protection Plan continues.",
    "She wants to study Health and Social Care at Sixth Form College in September.",
    "He was inspected by Ofsted, enjoys Lego Technic and goes to McDonald's on Fridays.",
    "Her family moved to Skegness from Lincoln when she was small.",
    "She has an EHCP and is in Year 10; Universal Credit is paid to her mum.",
])
def test_ordinary_capitalised_words_are_kept(text: str) -> None:
    assert scrubbed(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("Her nan lives at 41 Brackenbury Road and she stays most weekends.",
     "Her nan lives at [address] and she stays most weekends."),
    ("They had a flat on Sandpiper Crescent until the eviction.",
     "They had a flat on [address] until the eviction."),
    ("He went to Thornbury Primary School, then Fellside Academy.",
     "He went to [school], then [school]."),
    ("His UPN is H801300918006.", "His UPN is [UPN]."),
    ("Her stepdad (DOB 17/02/1986) has a conviction.",
     "Her stepdad (DOB [date of birth]) has a conviction."),
    ("Her sister was born on 2nd May 2009.", "Her sister was born on [date of birth]."),
])
def test_streets_schools_pupil_numbers_and_anyones_birth_date(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


def test_generic_schools_and_landmarks_are_kept() -> None:
    text = ("She is in Year 9 at a mainstream secondary school, then the Pupil Referral Unit; "
            "she shops on the High Street and meets friends near Piccadilly Gardens.")
    assert scrubbed(text) == text


def test_the_forms_family_keep_their_roles_beside_new_people() -> None:
    family = [FamilyMember("Sharon Ellery", "mum")]
    out = scrubbed("Sharon Ellery and her friend Dionne Mbeki visited.", family_names=family)
    assert out == "[mother] and her friend [person] visited."


def test_a_synthetic_sample_meets_the_recall_and_over_redaction_targets() -> None:
    narratives = generate(60, seed=2026)
    outputs = [scrubbed(n.text) for n in narratives]
    scores = score(narratives, outputs)
    assert scores.names_removed / scores.names >= 0.98, scores.leaked
    assert scores.ordinary_words_lost / scores.ordinary_words < 0.01, scores.lost
    assert scores.identifiers_removed == scores.identifiers


def test_a_prefixed_surname_written_apart_abbreviated_or_alone_goes() -> None:
    """McAteer as Mc Ateer, M'Ateer or Ateer; Fitzgerald as Fitz-Gerald. The part after the
    prefix goes alone only when it is no first name: a Patrick is not Mr Fitzpatrick."""
    out = scrubbed("Mum (also spelt Mc Ateer or M'Ateer; Ateer on the court papers). Dad "
                   "signs Fitz-Gerald or Fitz Gerald. Uncle Mac Donald. Patrick is her tutor.",
                   family_names=[FamilyMember(name="Siobhan McAteer", relationship="mother"),
                                 FamilyMember(name="Liam Fitzgerald", relationship="father"),
                                 FamilyMember(name="Ray MacDonald", relationship="uncle"),
                                 FamilyMember(name="Con Fitzpatrick", relationship="cousin")])
    assert out == ("Mum (also spelt [mother] or [mother]; [mother] on the court papers). Dad "
                   "signs [father] or [father]. Uncle [uncle]. Patrick is her tutor.")


@pytest.mark.parametrize(("text", "gone"), [
    ("Dad's partner at the time, Kerry-Ann, reported a bruise. Lacey-Jo says she is scared.",
     ["Kerry", "Lacey"]),  # first names joined by a hyphen, used alone
    ("Her friends are Ja'Mya Richards and others.", ["Mya", "Richards"]),
    ("Shannon H. (surname Holroyd) is her friend.", ["Holroyd"]),
    ("Her mother, née Okafor, visits.", ["Okafor"]),
    ("Mum's ex, i.e. Jason, has been released.", ["Jason"]),  # "i.e." ends no sentence
    ("Her phone has a contact saved as 'Big Shaz'.", ["Shaz"]),
    ("ABOUT KAYLEIGH-ANNE WHITLEY (COUSIN)\nKayleigh-Anne is 20 and supportive.",
     ["KAYLEIGH", "Kayleigh", "WHITLEY"]),
    ("She met John P. Smith and Will A. Okafor at the park.", ["Smith", "Will", "Okafor"]),
    ("The Okafors moved in next door; the Briggs family too.", ["Okafor", "Briggs"]),
    ("Contact: Jade (sister-in-law) on Sundays. Marley (mum's partner) drives.",
     ["Jade", "Marley"]),
    ("her ex, tunde okafor, turned up. her boyfriend kyle is 19.", ["tunde", "okafor", "kyle"]),
])
def test_names_in_more_shapes_the_narrative_uses(text: str, gone: list[str]) -> None:
    out = scrubbed(text)
    assert not [name for name in gone if name in out], out


@pytest.mark.parametrize("text", [
    "The Beatles and the Stones are her favourites; the Leeds family court sat.",
    "An ICO was made at Northby Family Court. She attends the Ashworth Family Centre.",
    "She joined the Guides. Contact (supervised) is weekly. The Police (North) were told.",
    "her mum said no. her friend from school came. her mum may visit. her dad drinks daily. "
    "her nan messaged. her mother rang.",
])
def test_plural_and_bracketed_words_that_are_no_one_stay(text: str) -> None:
    assert scrubbed(text) == text


def test_a_school_formerly_named_otherwise_is_not_a_person() -> None:
    out = scrubbed("She attends Pellham Vale Academy (formerly Pellham Vale High).")
    assert "[person]" not in out


@pytest.mark.parametrize(("text", "gone"), [
    ("Nan calls him Cally when he is upset.", ["Cally"]),
    ("Mum calls her Tam or Katenka, and her brother Vasya.", ["Katenka"]),
    ("The family call him Joaozinho or Tam.", ["Joaozinho"]),
    ("Friends call her ‘Kezzy’, “Kez” or 'Kezzie', and she answers to all of them.",
     ["Kezzy", "Kezzie"]),
    ("His sister is Zuzia or Zuzka, and dad visits.", ["Zuzia", "Zuzka"]),
    ("Mum is Gwenno to her friends and her brother is Sioni.", ["Gwenno", "Sioni"]),
    ("Her granny calls her Seonag (sometimes spelt Shonag or Seonaig).",
     ["Seonag", "Shonag", "Seonaig"]),
    ("Teito is what his sister calls him.", ["Teito"]),
    ("Mum wrote that she must not see Tomcio, as he is known to police.", ["Tomcio"]),
])
def test_a_name_others_call_someone_or_a_relative_is_goes(text: str, gone: list[str]) -> None:
    """A name is introduced by what someone calls a person ("Nan calls him Cally"), by a
    relative who "is" it ("his sister is Zuzia"), or by whom the child must not see."""
    out = scrubbed(text)
    assert not [name for name in gone if name in out], out


@pytest.mark.parametrize(("text", "expected"), [
    ("Her grandmother calls her 'Ayo' and 'Omo mi'.",
     "Her grandmother calls her '[person]' and 'Omo mi'."),
    ("Her grandmother calls her 'Omo mi' and 'Ayo'.",
     "Her grandmother calls her 'Omo mi' and '[person]'."),
    ("Dad calls her 'Habibti'; Mum calls her 'Mija'.",
     "Dad calls her 'Habibti'; Mum calls her 'Mija'."),
])
def test_a_familys_my_child_in_its_language_is_no_name(text: str, expected: str) -> None:
    """"Omo mi" (Yoruba, "my child") is what any family calls its child: no one's name;
    the nickname beside it goes."""
    assert scrubbed(text) == expected


@pytest.mark.parametrize("text", [
    "Her mother is Jamaican and her father is Eritrean.",
    "Her dad is Deaf and uses BSL; his sister is Head Girl.",
    "Mum is Catholic; her nan is Traveller and her uncle is Roma.",
    "Her uncle is Kosovan and her aunt is Mancunian; they met on Christmas Eve.",
    "She calls her Mum and calls him Grandad, which they like.",
    "He must not see Social Services as the enemy.",
])
def test_what_a_relative_is_or_is_called_stays_when_no_name(text: str) -> None:
    assert scrubbed(text) == text


def test_a_grandparent_in_another_language_is_a_relative_and_no_name() -> None:
    out = scrubbed("Oma calls her Lenchen; her babcia Krystyna visits. Staff call her ‘sassy’.")
    assert "Lenchen" not in out and "Krystyna" not in out, out
    assert out.startswith("Oma calls her") and "‘sassy’" in out and "babcia" in out, out


@pytest.mark.parametrize(("text", "gone"), [
    ("Mum is Shiv to her friends and 'Vonnie' to Tam.", ["Shiv", "Vonnie"]),
    ("Dad is Karim at the mosque and Abood to his friends.", ["Karim", "Abood"]),
    ("Mum is Fadumo on her passport and Faay to the family.", ["Fadumo", "Faay"]),
    ("To his abuelo he is Chago. At his nan's he is Deio or Dai.", ["Chago", "Deio", "Dai"]),
    ("His nan calls Tam 'Lukaszek' or 'Luki'.", ["Lukaszek", "Luki"]),
    ("His uncle is called Jermaine or Bigga.", ["Bigga"]),
    ("He must not see 'Smudger' (real name not known).", ["Smudger"]),
    ("He is known on the estate as 'Little T'.", ["Little T"]),
    ("Police know his cousin as Tyrell 'T-Bone' Ellison.", ["T-Bone", "Ellison"]),
    ("Her Find My shows 'Jayden's iPhone' nearby, and 'Zeph' (19) too.", ["Jayden", "Zeph"]),
    ("Grandma is 'Mama Cinty' to everyone.", ["Cinty"]),
])
def test_round_eleven_names_others_use_go(text: str, gone: list[str]) -> None:
    out = scrubbed(text)
    assert not [name for name in gone if name in out], out


@pytest.mark.parametrize("text", [
    "She calls her foster carer's father Grandad and their grandmother Nanna; her key worker "
    "Sis.",
    "Her mother is Roma from Slovakia; her uncle is an Irish Traveller, proud of their "
    "Traveller heritage. Her father describes himself as Gypsy Roma Traveller (GRT).",
    "He calls his grandmother Teta and his uncle Khalo.",
    "She calls her father Baba and her grandmother Babaanne.",
    "She calls her foster carer's father Grandad, her grandmother Teta, her father Baba, her "
    "grandmother Ouma, her grandmother Mamie, her grandfather Dada and her uncle Chacha.",
    "Sgt 1123 West Yorkshire Police referred to MASH.",
    "She attends from September, May to July and, June to August, on Mondays.",
    "She is Polish and he is Deaf; she is Head Girl, he is Afghan and she is Muslim.",
])
def test_round_eleven_kin_words_and_peoples_stay(text: str) -> None:
    assert scrubbed(text) == text


def test_a_role_in_brackets_after_a_name_stays_and_the_name_goes() -> None:
    out = scrubbed("Chaired by Imran Qureshi (Virtual School); seen by Sam Holt (Solicitor) "
                   "and Amy Lee (Paediatrician); Jazz (Yasmin Okonkwo) came. Dean Voss "
                   "(\"Solicitor\") and Kyle Pike (“Virtual School”) rang.")
    assert "Qureshi" not in out and "Holt" not in out and "Okonkwo" not in out, out
    assert "(Virtual School)" in out and "(Solicitor)" in out and "(Paediatrician)" in out, out
    assert '("Solicitor")' in out and "(“Virtual School”)" in out, out


@pytest.mark.parametrize(("text", "gone"), [
    ("His brother Lewis (Lewy) and uncle Oluwadamilare (Dami) live with nan.",
     ["Lewy", "Dami"]),
    ("His stepdad Lukasz is Lukasz or Łucek to him.", ["Łucek"]),
    ("Mum’s friend Renée D’Arcy-Fenn (“Nay”) is 30.", ["Nay", "Renée"]),
    ("Mum (Gosia to everyone, Małgosia to babcia) works nights.", ["Gosia", "Małgosia"]),
    ("22:10 - PC 4471 Okonjo called EDT.", ["Okonjo"]),
    ("His sister Catherine is Kate or Mags; his cousin Ann is Nancy.", ["Kate", "Mags", "Nancy"]),
])
def test_round_eleven_more_names_go(text: str, gone: list[str]) -> None:
    out = scrubbed(text)
    assert not [name for name in gone if name in out], out


@pytest.mark.parametrize("text", [
    "Seen by Mo Khan (Mentor), Ali Shah (Dietitian), Ray Ford (Imam) and Jo Lee (Childminder).",
    "He is called Family by his friends on Snapchat.",
])
def test_round_twelve_roles_and_ordinary_words_stay(text: str) -> None:
    out = scrubbed(text)
    for word in ("(Mentor)", "(Dietitian)", "(Imam)", "(Childminder)", "Family", "Snapchat"):
        assert word not in text or word in out, out

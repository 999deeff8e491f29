"""People across documents (issue 22): each rule and guard rail on hand-made corpora.

Every document is built by hand (no model): its tokens from a regular expression, its
sentences at full stops, its name mentions where the test says, then grouped
(kg.entities.in_document) and resolved (kg.entities.resolution) as the build does.
"""

from __future__ import annotations

import dataclasses
import re
import time

from conftest import make_document

from kg.core.model import Entity, EntityType, Mention, Parsed, Sentence, Token
from kg.entities.in_document import group_mentions
from kg.entities.labels import preferred_person_name
from kg.entities.person_names import person_name, persons_compatible
from kg.entities.resolution import resolve_entities

_WORD = re.compile(r"\w+(?:['’.-]\w+)*\.?|[^\w\s]")


def doc(
    doc_id: str, text: str, *names: tuple[str, EntityType] | tuple[str, EntityType, str]
) -> Parsed:
    """A hand-built Parsed: `names` are (form, type[, title]) in text order; each marks the
    next occurrence of the form."""
    tokens: list[Token] = []
    sentence = 0
    for i, w in enumerate(_WORD.finditer(text)):
        word = w.group()
        if word.endswith(".") and len(word) > 1 and not _is_abbreviation(word):
            word = word[:-1]  # a full stop ends the sentence, not the word
        tokens.append(
            Token(
                i,
                w.start(),
                w.start() + len(word),
                word,
                word.lower(),
                "PROPN" if word[0].isupper() else "NOUN",
                "NNP" if word[0].isupper() else "NN",
                "",
                i,
                sentence,
            )
        )
        if w.group().endswith(".") and not _is_abbreviation(w.group()):
            sentence += 1
    starts = [0] + [k for k in range(1, len(tokens)) if tokens[k].sent != tokens[k - 1].sent]
    sentences = tuple(
        Sentence(tokens[a].begin, tokens[b - 1].end, a, b)
        for a, b in zip(starts, [*starts[1:], len(tokens)], strict=True)
    )
    mentions = []
    cursor = 0
    for form, etype, *title in names:
        begin = text.index(form, cursor)
        cursor = begin + len(form)
        start = next(t.i for t in tokens if t.begin == begin)
        end = next(t.i for t in tokens if t.end == cursor) + 1
        mentions.append(
            Mention(
                doc_id,
                begin,
                cursor,
                form,
                etype,
                tokens[start].sent,
                start,
                end,
                title=title[0] if title else "",
            )
        )
    return Parsed(make_document(text, doc_id), tuple(tokens), sentences, tuple(mentions))


def _is_abbreviation(word: str) -> bool:
    return word in ("Mr.", "Mrs.", "Ms.", "Dr.", "Jr.", "Sr.", "Sen.", "Gen.") or bool(
        re.fullmatch(r"[A-Z]\.", word)
    )


def resolve(*parsed: Parsed) -> list[Entity]:
    return list(resolve_entities([e for p in parsed for e in group_mentions(p)]))


def holding(entities: list[Entity], doc_id: str, form: str) -> Entity:
    """The one entity holding the mention `form` of document `doc_id`."""
    found = [e for e in entities if any(m.doc_id == doc_id and m.text == form for m in e.mentions)]
    assert len(found) == 1, f"{form!r} of {doc_id} is in {len(found)} entities"
    return found[0]


def forms(e: Entity) -> set[str]:
    return {m.text for m in e.mentions}


# -- guard rails ---------------------------------------------------------------------------


def test_father_and_son_with_one_name_and_a_suffix_stay_two_people() -> None:
    son = doc(
        "a",
        "Harold Brandt Jr. opened the mill. Brandt said it would stay open.",
        ("Harold Brandt Jr.", "Person"),
        ("Brandt", "Person"),
    )
    father = doc("b", "Harold Brandt founded the mill in 1961.", ("Harold Brandt", "Person"))
    both = doc(
        "c",
        "Harold Brandt handed the mill to Harold Brandt Jr. in 1990.",
        ("Harold Brandt", "Person"),
        ("Harold Brandt Jr.", "Person"),
    )
    entities = resolve(son, father, both)
    junior = holding(entities, "a", "Harold Brandt Jr.")
    assert junior is holding(entities, "c", "Harold Brandt Jr.")
    assert junior is holding(entities, "a", "Brandt")  # the only Brandt of that text
    senior = holding(entities, "b", "Harold Brandt")
    assert senior is holding(entities, "c", "Harold Brandt") and senior is not junior
    assert junior.label == "Harold Brandt Jr." and senior.label == "Harold Brandt"
    assert not persons_compatible(person_name("Harold Brandt"), person_name("Harold Brandt Jr."))
    assert persons_compatible(person_name("Brandt"), person_name("Harold Brandt Jr."))


def test_a_suffix_ner_left_out_stays_with_the_sons_name() -> None:
    text = (
        "The vote came down to Mr. Greaves, the senator. His son, Walter Greaves Jr., lobbies "
        "for the chain. Mr. Greaves Jr. did not respond."
    )
    parsed = doc(
        "a",
        text,
        ("Greaves", "Person", "Mr."),
        ("Walter Greaves Jr.", "Person"),
        ("Greaves", "Person", "Mr."),  # NER left "Jr." out
    )
    father = doc("b", "Sen. Walter Greaves voted no.", ("Walter Greaves", "Person", "Sen."))
    entities = resolve(parsed, father)
    son = holding(entities, "a", "Walter Greaves Jr.")
    assert son is holding(entities, "a", "Greaves Jr.")
    assert son is not holding(entities, "b", "Walter Greaves")


def test_spouses_stay_apart_and_a_gendered_title_picks_the_right_one() -> None:
    couple = doc(
        "a",
        "Mr. Tomas Marsh and Ellen Marsh arrived. Mrs. Marsh spoke first.",
        ("Tomas Marsh", "Person", "Mr."),
        ("Ellen Marsh", "Person"),
        ("Marsh", "Person", "Mrs."),
    )
    him = doc("b", "Tomas Marsh runs the ferry.", ("Tomas Marsh", "Person"))
    her = doc("c", "Ellen Marsh chairs the council.", ("Ellen Marsh", "Person"))
    entities = resolve(couple, him, her)
    ellen = holding(entities, "a", "Ellen Marsh")
    tomas = holding(entities, "a", "Tomas Marsh")
    assert ellen is not tomas
    assert holding(entities, "a", "Marsh") is ellen  # "Mrs." is not Mr. Tomas Marsh
    assert holding(entities, "b", "Tomas Marsh") is tomas
    assert holding(entities, "c", "Ellen Marsh") is ellen
    assert forms(tomas) == {"Tomas Marsh"}


def test_a_family_named_in_one_document_keeps_the_others_bare_surname_apart() -> None:
    """The bare surname one document gives the last-named of a family (its nearest bearer)
    is no key across documents; elsewhere a title picks the bearer: "President Voss" the
    one titled president, "Mrs. Voss" the wife."""
    family = doc(
        "c",
        "President Harlan Voss spoke. Harlan Voss Jr. agreed. First lady Mira Voss did not "
        "comment. Voss said nothing more.",
        ("Harlan Voss", "Person", "President"),
        ("Harlan Voss Jr.", "Person"),
        ("Mira Voss", "Person", "First lady"),
        ("Voss", "Person"),
    )
    president = doc("a", "President Voss signed the bill.", ("Voss", "Person", "President"))
    mister = doc("b", "Mr. Voss left the summit early.", ("Voss", "Person", "Mr."))
    wife = doc("d", "Mrs. Voss opened the school.", ("Voss", "Person", "Mrs."))
    entities = resolve(family, president, mister, wife)
    harlan = holding(entities, "c", "Harlan Voss")
    mira = holding(entities, "c", "Mira Voss")
    assert holding(entities, "c", "Harlan Voss Jr.") not in (harlan, mira)
    assert holding(entities, "a", "Voss") is harlan
    assert holding(entities, "d", "Voss") is mira
    # "First lady" names her as the president's relative: the text's last "Voss" is the
    # protagonist's, named first
    assert [m.text for m in harlan.mentions if m.doc_id == "c"] == ["Harlan Voss", "Voss"]
    assert {m.rule for m in harlan.merges} - {"surname-nearest"} == {"surname-title"}
    # "Mira" and "Harlan" say a woman and a man (kg.core.lexicon.name_gender): "Mrs." fits
    # the wife alone
    assert {m.rule for m in mira.merges} - {"surname-nearest"} == {"surname"}
    # "Mr." rules the first lady out, and no title tells the father from the son
    mister = holding(entities, "b", "Voss")
    assert mister is not mira and mister is not harlan
    assert [m.rule for m in mister.merges] == ["surname-ambiguous"]


def test_british_spellings_of_the_suffixes_tell_a_son_from_his_father() -> None:
    """ "Jnr" and "Snr", as British papers write them, are "Jr." and "Sr."."""
    assert person_name("Randall Okafor Jnr.").suffix == "jr"
    assert person_name("Randall Okafor Snr").suffix == "sr"
    assert person_name("Randall Okafor Jnr").surname == person_name("Randall Okafor").surname
    assert not persons_compatible(person_name("Randall Okafor"), person_name("Randall Okafor Jnr"))
    assert persons_compatible(person_name("Randall Okafor Jr."), person_name("Randall Okafor Jnr"))


def test_a_middle_initial_tells_a_father_from_his_son_of_one_given_name() -> None:
    """ "George W." abbreviates "George Walker", not "George Herbert Walker", whose initials
    are "H. W." (written "H.W." or "HW" as often): the son and the father stay two people,
    and each of the father's forms is one."""
    assert person_name("George H.W. Calder").given == ("george", "h", "w")
    assert person_name("George HW Calder").given == ("george", "h", "w")
    assert person_name("Robert Calder III").suffix == "iii"
    father = person_name("George Herbert Walker Calder")
    assert not persons_compatible(person_name("George W. Calder"), father)
    assert persons_compatible(person_name("George H. W. Calder"), father)
    assert persons_compatible(person_name("Calder"), father)
    # a given name skipped before the one that matches is no initial's doing
    assert persons_compatible(person_name("Lorena Ibarra"), person_name("Ana Lorena Ibarra"))
    one = doc(
        "a",
        "George W. Calder spoke of his father, George H.W. Calder. W. Calder wept.",
        ("George W. Calder", "Person"),
        ("George H.W. Calder", "Person"),
        ("W. Calder", "Person"),
    )
    two = doc(
        "b",
        "Mourners honoured George Herbert Walker Calder. George W. Calder spoke.",
        ("George Herbert Walker Calder", "Person"),
        ("George W. Calder", "Person"),
    )
    three = doc("c", "George HW Calder died at 94.", ("George HW Calder", "Person"))
    entities = resolve(one, two, three)
    son = holding(entities, "a", "George W. Calder")
    dad = holding(entities, "a", "George H.W. Calder")
    assert son is not dad
    assert holding(entities, "a", "W. Calder") is son
    assert holding(entities, "b", "George W. Calder") is son
    assert holding(entities, "b", "George Herbert Walker Calder") is dad
    assert holding(entities, "c", "George HW Calder") is dad


def test_a_surname_titled_for_a_man_and_for_a_woman_is_two_people() -> None:
    """A couple in one text: "Mr. Voss" and "Ms. Voss" are not one name; the woman is the
    full name whose given name the lexicon knows as a woman's."""
    text = (
        "Sylvie Voss wept. Dominique Voss, her former husband, was sentenced. Ms. Voss thanked "
        "her supporters. Mr. Voss said nothing."
    )
    couple = doc(
        "a",
        text,
        ("Sylvie Voss", "Person"),
        ("Dominique Voss", "Person"),
        ("Voss", "Person", "Ms."),
        ("Voss", "Person", "Mr."),
    )
    entities = resolve(couple)
    sylvie = holding(entities, "a", "Sylvie Voss")
    dominique = holding(entities, "a", "Dominique Voss")
    assert sylvie is not dominique
    assert [m.title for m in sylvie.mentions if m.text == "Voss"] == ["Ms."]
    assert [m.title for m in dominique.mentions if m.text == "Voss"] == ["Mr."]


def test_a_titled_surname_is_not_the_relative_who_holds_another_role() -> None:
    """The one full name of a text with that surname is the first lady: "President Voss"
    is not her, and joins the president the corpus names."""
    couple = doc(
        "a",
        "President Voss attended with first lady Mira Voss. Voss did not speak.",
        ("Voss", "Person", "President"),
        ("Mira Voss", "Person", "first lady"),
        ("Voss", "Person"),
    )
    president = doc(
        "b", "President Harlan Voss signed the bill.", ("Harlan Voss", "Person", "President")
    )
    entities = resolve(couple, president)
    mira = holding(entities, "a", "Mira Voss")
    harlan = holding(entities, "b", "Harlan Voss")
    titled = [e for e in entities if any(m.doc_id == "a" and m.title for m in e.mentions)]
    assert mira is not harlan
    president_voss = next(e for e in titled if e is not mira)
    assert president_voss is harlan
    assert "surname-title" in {m.rule for m in harlan.merges}


def test_a_titled_surname_joins_the_bearer_titled_with_the_same_role() -> None:
    """Two bearers, one named far more often and nearer: the title the bare surname bears
    ("Former Defence Minister Haddad") is the other's ("Defence Minister Omar Haddad")."""
    text = (
        "Defence Minister Omar Haddad ordered the troops out. The head of the guard, Samir "
        "Haddad, refused. Samir Haddad later resigned. Samir Haddad spoke to reporters. The "
        "court met on Friday. The judges heard two witnesses. The session ran late. Former "
        "Defence Minister Haddad has been in custody since May."
    )
    one = doc(
        "a",
        text,
        ("Omar Haddad", "Person", "Defence Minister"),
        ("Samir Haddad", "Person"),
        ("Samir Haddad", "Person"),
        ("Samir Haddad", "Person"),
        ("Haddad", "Person", "Former Defence Minister"),
    )
    [entity] = [e for e in resolve(one) if "Haddad" in forms(e)]
    assert forms(entity) == {"Omar Haddad", "Haddad"}


def test_a_bare_surname_far_from_a_relative_named_later_is_the_texts_protagonist() -> None:
    text = (
        "Harlan Voss Jr. was confirmed on Thursday. The vote was close. His cousin Mira "
        "Voss wrote to senators last month. Her letter was read aloud. Voss now takes charge "
        "of the department."
    )
    one = doc(
        "a",
        text,
        ("Harlan Voss Jr.", "Person"),
        ("Mira Voss", "Person"),
        ("Voss", "Person"),
    )
    [harlan] = [e for e in resolve(one) if "Harlan Voss Jr." in forms(e)]
    assert forms(harlan) == {"Harlan Voss Jr.", "Voss"}


def test_a_first_surname_alone_joins_the_one_full_name_it_is_part_of() -> None:
    text = (
        "Dr. Harlow, who now goes by Nadia Harlow Brenner, testified. Ms. Harlow said she was "
        "certain. Senator Ruth Calder of Maine listened."
    )
    parsed = doc(
        "a",
        text,
        ("Harlow", "Person", "Dr."),
        ("Nadia Harlow Brenner", "Person"),
        ("Harlow", "Person", "Ms."),
        ("Ruth Calder", "Person", "Senator"),
    )
    elsewhere = doc("b", "Nadia Harlow Brenner spoke.", ("Nadia Harlow Brenner", "Person"))
    entities = resolve(parsed, elsewhere)
    nadia = holding(entities, "a", "Nadia Harlow Brenner")
    assert [m.text for m in nadia.mentions if m.doc_id == "a"] == [
        "Harlow",
        "Nadia Harlow Brenner",
        "Harlow",
    ]
    assert "middle-name" in {m.rule for m in nadia.merges}
    assert holding(entities, "b", "Nadia Harlow Brenner") is nadia  # still one across documents
    two = doc(
        "c",
        "Nadia Harlow Brenner and Paul Harlow Vance testified. Harlow said no.",
        ("Nadia Harlow Brenner", "Person"),
        ("Paul Harlow Vance", "Person"),
        ("Harlow", "Person"),
    )
    grouped = group_mentions(two)
    assert [e.label for e in grouped if "Harlow" in forms(e)] == ["Harlow"]  # fits two: apart
    # the name a person goes by before the surname, no given name of the lexicon, after the
    # full name and without a title ("Lula" of "Luiz Inacio Lula da Silva")
    text = "President Jose Ernesto Tavinho da Costa spoke. Tavinho said the plan was ready."
    parsed = doc(
        "d",
        text,
        ("Jose Ernesto Tavinho da Costa", "Person", "President"),
        ("Tavinho", "Person"),
    )
    (one,) = group_mentions(parsed)
    assert forms(one) == {"Jose Ernesto Tavinho da Costa", "Tavinho"}
    # a known given name stays apart without a title ("Paul" of "John Paul Jones")
    text = "John Paul Jones spoke. Paul said the plan was ready."
    parsed = doc("e", text, ("John Paul Jones", "Person"), ("Paul", "Person"))
    assert len(group_mentions(parsed)) == 2


def test_a_lone_given_name_joins_the_person_whose_surname_its_text_names() -> None:
    couple = doc(
        "a",
        "Mr. Varn and his wife, Lina, arrived with Fred Jr. and Marsh.",
        ("Varn", "Person", "Mr."),
        ("Lina", "Person"),
        ("Fred Jr.", "Person"),
        ("Marsh", "Person"),
    )
    elsewhere = doc(
        "b",
        "Lina Varn, Frederick Varn and Ellen Marsh spoke. Marsh Tovey did not.",
        ("Lina Varn", "Person"),
        ("Frederick Varn", "Person"),
        ("Ellen Marsh", "Person"),
        ("Marsh Tovey", "Person"),
    )
    entities = resolve(couple, elsewhere)
    lina = holding(entities, "b", "Lina Varn")
    assert holding(entities, "a", "Lina") is lina
    assert "given-name-surname" in {m.rule for m in lina.merges}
    # a suffix names another person; a word that is a surname in the corpus stays one
    assert holding(entities, "a", "Fred Jr.") is not holding(entities, "b", "Frederick Varn")
    assert holding(entities, "a", "Marsh") is not holding(entities, "b", "Marsh Tovey")


def test_two_unrelated_people_sharing_a_surname_in_one_corpus() -> None:
    chemist = doc(
        "a",
        "Rana Okafor of the Velmar Institute won the prize. Okafor thanked Lund University.",
        ("Rana Okafor", "Person"),
        ("Velmar Institute", "Organisation"),
        ("Okafor", "Person"),
        ("Lund University", "Organisation"),
    )
    player = doc(
        "b",
        "Chidi Okafor scored twice for Brenford Rovers. Okafor left Harlow Park.",
        ("Chidi Okafor", "Person"),
        ("Brenford Rovers", "Organisation"),
        ("Okafor", "Person"),
        ("Harlow Park", "Place"),
    )
    lab = doc(
        "c",
        "Okafor told the Velmar Institute and Lund University about the results.",
        ("Okafor", "Person"),
        ("Velmar Institute", "Organisation"),
        ("Lund University", "Organisation"),
    )
    unknown = doc("d", "Okafor was seen in town.", ("Okafor", "Person"))
    # the rest of the corpus: shared company counts by how rare it is in it
    others = [
        doc(
            f"x{k}",
            f"Mira Holt{k} visited Tarn{k}.",
            (f"Mira Holt{k}", "Person"),
            (f"Tarn{k}", "Place"),
        )
        for k in range(16)
    ]
    entities = resolve(chemist, player, lab, unknown, *others)
    rana, chidi = holding(entities, "a", "Rana Okafor"), holding(entities, "b", "Chidi Okafor")
    assert rana is not chidi
    assert holding(entities, "c", "Okafor") is rana  # the company it keeps
    assert [m.rule for m in rana.merges if m.rule.startswith("surname-")] == ["surname-context"]
    alone = holding(entities, "d", "Okafor")
    assert alone is not rana and alone is not chidi
    (ambiguous,) = [m for m in alone.merges if m.rule == "surname-ambiguous"]
    assert ambiguous.confidence == 0.0
    assert set(ambiguous.right.split(" | ")) == {"Rana Okafor", "Chidi Okafor"}


def test_a_surname_that_is_also_a_place_stays_apart_from_the_place() -> None:
    place = doc(
        "a", "Talks were held in Amman, Jordan on Monday.", ("Amman", "Place"), ("Jordan", "Place")
    )
    person = doc(
        "b",
        "Keisha Jordan won the final. Jordan thanked her coach.",
        ("Keisha Jordan", "Person"),
        ("Jordan", "Person"),
    )
    entities = resolve(place, person)
    country = holding(entities, "a", "Jordan")
    keisha = holding(entities, "b", "Keisha Jordan")
    assert country.type == "Place" and keisha.type == "Person"
    assert holding(entities, "b", "Jordan") is keisha and country is not keisha


# -- East Asian and Arabic names -----------------------------------------------------------


def test_korean_names_keep_their_order_and_hyphenated_given_names() -> None:
    assert person_name("Park Sun-hee") == person_name("Park Sun Hee") == person_name("Park Sunhee")
    assert person_name("Park Sun-hee").surname == "park"
    first = doc(
        "a",
        "Park Sun-hee met Park Dong-wook in Busan. Park said the talks went well.",
        ("Park Sun-hee", "Person"),
        ("Park Dong-wook", "Person"),
        ("Park", "Person"),
    )
    second = doc(
        "b",
        "Park Sun Hee left for Seoul. Park declined to comment.",
        ("Park Sun Hee", "Person"),
        ("Park", "Person"),
    )
    entities = resolve(first, second)
    sun_hee = holding(entities, "a", "Park Sun-hee")
    assert sun_hee is holding(entities, "b", "Park Sun Hee") is holding(entities, "b", "Park")
    assert holding(entities, "a", "Park Dong-wook") is not sun_hee  # another given name
    # in "a" the bare surname follows both: it is the one named just before it
    assert holding(entities, "a", "Park") is holding(entities, "a", "Park Dong-wook")


def test_korean_surnames_and_romanisations_news_uses_are_read_surname_first() -> None:
    # a syllable closed by "ck" ("Duck", "Hyuck") and surnames such as Woo, Kweon, Oh
    for name, surname, given in [
        ("Han Duck-soo", "han", "ducksoo"),
        ("Woo Won-shik", "woo", "wonshik"),
        ("Kweon Seong-dong", "kweon", "seongdong"),
        ("Oh Se-hoon", "oh", "sehoon"),
        # North Korean romanisations, however the given name is joined
        ("Ri Sung-chol", "ry", "sungchol"),
        ("Ri Sungchol", "ry", "sungchol"),
        ("Hyon Song Wol", "hion", "songwol"),
    ]:
        assert (person_name(name).surname, person_name(name).given) == (surname, (given,))
    # a Burmese name is no surname-first name of this kind
    assert person_name("Min Aung Hlaing").surname == "hlaing"


def test_a_japanese_name_in_either_order_is_one_person() -> None:
    western = doc(
        "a",
        "Haruto Sakamaki signed on Monday. Sakamaki said he was happy.",
        ("Haruto Sakamaki", "Person"),
        ("Sakamaki", "Person"),
    )
    japanese = doc(
        "b",
        "Sakamaki Haruto signed. Sakamaki thanked the fans.",
        ("Sakamaki Haruto", "Person"),
        ("Sakamaki", "Person"),
    )
    other = doc("c", "Haruto Oba left the club.", ("Haruto Oba", "Person"))
    entities = resolve(western, japanese, other)
    haruto = holding(entities, "a", "Haruto Sakamaki")
    assert holding(entities, "b", "Sakamaki Haruto") is haruto
    assert holding(entities, "b", "Sakamaki") is haruto
    assert "name-order" in {m.rule for m in haruto.merges}
    assert holding(entities, "c", "Haruto Oba") is not haruto
    assert haruto.label == "Haruto Sakamaki"  # the first of the most frequent


def test_chinese_names_keep_their_order() -> None:
    zhou = person_name("Zhou Lanying")
    assert (zhou.surname, zhou.given) == ("zhou", ("lanying",))
    entities = resolve(
        doc(
            "a",
            "Zhou Lanying opened the plant. Zhou said output would double.",
            ("Zhou Lanying", "Person"),
            ("Zhou", "Person"),
        ),
        doc("b", "Zhou Lanying visited the port.", ("Zhou Lanying", "Person")),
        doc("c", "Zhou Wei runs a rival plant.", ("Zhou Wei", "Person")),
    )
    lanying = holding(entities, "a", "Zhou Lanying")
    assert lanying is holding(entities, "b", "Zhou Lanying") is holding(entities, "a", "Zhou")
    assert holding(entities, "c", "Zhou Wei") is not lanying
    # a Western name that starts with such a word is read given name first
    assert person_name("Kim Harlowe").surname == "harlowe"


def test_arabic_names_keep_particles_and_drop_the_article() -> None:
    assert person_name("Khalid bin Faisal").surname == "bin faisal"
    assert person_name("Omar al-Rashid").surname == person_name("Rashid").surname == "rashid"
    entities = resolve(
        doc(
            "a",
            "Khalid bin Faisal met his father Faisal. Later bin Faisal spoke.",
            ("Khalid bin Faisal", "Person"),
            ("Faisal", "Person"),
            ("bin Faisal", "Person"),
        ),
        doc(
            "b",
            "Omar al-Rashid resigned. Rashid had led the bank. Ahmad al-Rashid replaced him.",
            ("Omar al-Rashid", "Person"),
            ("Rashid", "Person"),
            ("Ahmad al-Rashid", "Person"),
        ),
        doc("c", "Omar Rashid gave no reason.", ("Omar Rashid", "Person")),
    )
    khalid = holding(entities, "a", "Khalid bin Faisal")
    assert holding(entities, "a", "bin Faisal") is khalid
    assert holding(entities, "a", "Faisal") is not khalid  # the father
    omar = holding(entities, "b", "Omar al-Rashid")
    assert holding(entities, "b", "Rashid") is omar is holding(entities, "c", "Omar Rashid")
    assert holding(entities, "b", "Ahmad al-Rashid") is not omar


def test_an_arabic_name_of_fathers_is_its_own_name_first() -> None:
    # The son bears his father's whole name after his own; spellings of a father's name
    # and the family name may differ between outlets.
    entities = resolve(
        doc(
            "a",
            "Defence Minister Turki bin Nawaf Al Saud signed. His son Nawaf bin Turki attended.",
            ("Turki bin Nawaf Al Saud", "Person"),
            ("Nawaf bin Turki", "Person"),
        ),
        doc("b", "Turki bin Nawaf spoke.", ("Turki bin Nawaf", "Person")),
        doc(
            "c",
            "Ambassador Nawaf bin Turki bin Nawaf spoke.",
            ("Nawaf bin Turki bin Nawaf", "Person"),
        ),
        doc("d", "Crown Prince Muhammad bin Fahd arrived.", ("Muhammad bin Fahd", "Person")),
        doc(
            "e",
            "Mohammed bin Fahad Al Saud, the crown prince, hosted the talks.",
            ("Mohammed bin Fahad Al Saud", "Person"),
        ),
    )
    father = holding(entities, "a", "Turki bin Nawaf Al Saud")
    son = holding(entities, "a", "Nawaf bin Turki")
    assert father is not son
    assert holding(entities, "b", "Turki bin Nawaf") is father
    assert holding(entities, "c", "Nawaf bin Turki bin Nawaf") is son
    prince = holding(entities, "d", "Muhammad bin Fahd")
    assert holding(entities, "e", "Mohammed bin Fahad Al Saud") is prince
    assert any(m.rule == "lineage" for m in prince.merges)


def test_a_bare_surname_names_the_bearer_of_its_particle_surname() -> None:
    # "de", "da", "dos" may be left out of a bare surname; "bin" may not ("Faisal" above).
    entities = resolve(
        doc(
            "a",
            "Justice Rodrigo de Almeida ruled. Almeida said the court would sit.",
            ("Rodrigo de Almeida", "Person"),
            ("Almeida", "Person"),
        ),
        doc("b", "Pedro Almeida, a farmer, was not in court.", ("Pedro Almeida", "Person")),
        doc(
            "c",
            "Paula da Costa and Rui Costa met. Costa spoke first.",
            ("Paula da Costa", "Person"),
            ("Rui Costa", "Person"),
            ("Costa", "Person"),
        ),
        doc("d", "Marta dos Santos won the vote.", ("Marta dos Santos", "Person")),
        doc("e", "Santos thanked the voters.", ("Santos", "Person")),
    )
    rodrigo = holding(entities, "a", "Rodrigo de Almeida")
    assert holding(entities, "a", "Almeida") is rodrigo
    assert holding(entities, "b", "Pedro Almeida") is not rodrigo  # two full names differ
    # of two bearers, the nearest before it ("Rui Costa" holds the surname as written)
    assert holding(entities, "c", "Costa") is holding(entities, "c", "Rui Costa")
    assert holding(entities, "c", "Paula da Costa") is not holding(entities, "c", "Rui Costa")
    # across documents: the one bearer of the corpus
    assert holding(entities, "e", "Santos") is holding(entities, "d", "Marta dos Santos")


def test_romanisations_of_one_arabic_name_are_one_person() -> None:
    entities = resolve(
        doc(
            "a",
            "Mohammed bin Nayef met Youssef el-Haddad.",
            ("Mohammed bin Nayef", "Person"),
            ("Youssef el-Haddad", "Person"),
        ),
        doc(
            "b",
            "Muhammad bin Nayef thanked Yusuf al-Hadad.",
            ("Muhammad bin Nayef", "Person"),
            ("Yusuf al-Hadad", "Person"),
        ),
        doc(
            "c",
            "Mohammad bin Nayef and Mohammed bin Zayed spoke.",
            ("Mohammad bin Nayef", "Person"),
            ("Mohammed bin Zayed", "Person"),
        ),
    )
    nayef = holding(entities, "a", "Mohammed bin Nayef")
    assert holding(entities, "b", "Muhammad bin Nayef") is nayef
    assert holding(entities, "c", "Mohammad bin Nayef") is nayef
    assert holding(entities, "c", "Mohammed bin Zayed") is not nayef  # another surname
    assert holding(entities, "a", "Youssef el-Haddad") is holding(entities, "b", "Yusuf al-Hadad")


# -- rules -----------------------------------------------------------------------------------


def test_titles_are_no_part_of_the_name_and_the_label_is_the_most_frequent_full_name() -> None:
    entities = resolve(
        doc(
            "a",
            "Gen. Ida Lund inspected the base. Lund said the drills went well.",
            ("Ida Lund", "Person", "Gen."),
            ("Lund", "Person"),
        ),
        doc(
            "b",
            "Ida Margit Lund retired in May. Ida Lund spoke.",
            ("Ida Margit Lund", "Person"),
            ("Ida Lund", "Person"),
        ),
        doc("c", "Ida Lund joined the board.", ("Ida Lund", "Person")),
    )
    ida = holding(entities, "a", "Ida Lund")
    assert forms(ida) == {"Ida Lund", "Lund", "Ida Margit Lund"}
    assert ida.label == "Ida Lund"  # three times, against once for the longer form
    assert [m.title for m in ida.mentions if m.title] == ["Gen."]
    assert preferred_person_name(["Sen. Ada Holm", "Ada Holm"]) == "Ada Holm"
    assert preferred_person_name(["Ada Holm Jr.", "Ada Holm Jr.", "Ada Holm"]) == "Ada Holm"
    # a tie goes to the spelling with its diacritics, not to the one an outlet flattened
    assert preferred_person_name(["Efe Gürsoy", "Efe Gursoy"]) == "Efe Gürsoy"
    assert preferred_person_name(["Efe Gursoy", "Efe Gursoy", "Efe Gürsoy"]) == "Efe Gursoy"


def test_a_compound_surname_alone_is_no_label() -> None:
    # "Quill Vance" reads as given name and surname, but it is the surname of "Mara Quill
    # Vance" (no given name opens it): the full name is the label, however rare
    assert preferred_person_name(["Quill Vance", "Quill Vance", "Mara Quill Vance"]) == (
        "Mara Quill Vance"
    )
    # a shorter name that opens with a given name is a name of its own and wins by count
    assert preferred_person_name(["Ada Holm", "Ada Holm", "Lena Ada Holm"]) == "Ada Holm"
    entities = resolve(
        doc("a", "Mara Quill Vance testified on Monday.", ("Mara Quill Vance", "Person")),
        doc("b", "Quill Vance testified. Quill Vance wept.", ("Quill Vance", "Person")),
    )
    assert holding(entities, "b", "Quill Vance").label == "Mara Quill Vance"


def test_a_shorter_name_and_a_short_given_name_join_the_full_name() -> None:
    entities = resolve(
        doc(
            "a",
            "Frederick Alan Voss testified. Voss denied it.",
            ("Frederick Alan Voss", "Person"),
            ("Voss", "Person"),
        ),
        doc("b", "Fred Voss was released.", ("Fred Voss", "Person")),
        doc(
            "c",
            'Carlos Andrés "Chato" Ibarra won. Chato Ibarra thanked voters.',
            ('Carlos Andrés "Chato" Ibarra', "Person"),
            ("Chato Ibarra", "Person"),
        ),
    )
    assert holding(entities, "a", "Voss") is holding(entities, "b", "Fred Voss")
    assert holding(entities, "c", "Chato Ibarra") is holding(
        entities, "c", 'Carlos Andrés "Chato" Ibarra'
    )


def test_a_lone_given_name_refers_to_the_one_full_name_before_it() -> None:
    entities = resolve(
        doc(
            "a",
            "Kathryn Orlova, 14, was found on Sunday. Police said Katie had left on Friday. "
            "Her father, Piet Orlova, said Katie was happy.",
            ("Kathryn Orlova", "Person"),
            ("Katie", "Person"),
            ("Piet Orlova", "Person"),
            ("Katie", "Person"),
        ),
        doc("b", "Kathryn Orlova was named in court.", ("Kathryn Orlova", "Person")),
        # Two people called Maria: the lone "Maria" is neither.
        doc(
            "c",
            "Maria Quispe met Maria Tello in Lima. Maria said the talks went well.",
            ("Maria Quispe", "Person"),
            ("Maria Tello", "Person"),
            ("Maria", "Person"),
        ),
        # Named before the full name: no antecedent, it stays apart.
        doc(
            "d",
            "Ansel arrived. Ansel Brook said he was tired.",
            ("Ansel", "Person"),
            ("Ansel Brook", "Person"),
        ),
    )
    kathryn = holding(entities, "a", "Kathryn Orlova")
    assert holding(entities, "b", "Kathryn Orlova") is kathryn  # the given name kept no surname
    katies = [m for m in kathryn.mentions if m.text == "Katie"]
    assert len(katies) == 2 and all(m.antecedent == 0 for m in katies)
    assert "given-name" in {m.rule for m in kathryn.merges}
    assert kathryn.label == "Kathryn Orlova" and "Katie" not in kathryn.alt_labels
    assert holding(entities, "a", "Piet Orlova") is not kathryn
    maria = holding(entities, "c", "Maria")
    assert maria is not holding(entities, "c", "Maria Quispe")
    assert maria is not holding(entities, "c", "Maria Tello")
    assert holding(entities, "d", "Ansel") is not holding(entities, "d", "Ansel Brook")


def test_a_capitalised_common_word_alone_is_no_entity() -> None:
    parsed = doc(
        "a",
        "Lawyer hired. The lawyer for Dana Voss said Voss would appeal.",
        ("Lawyer", "Person"),
        ("Dana Voss", "Person"),
        ("Voss", "Person"),
    )
    entities = group_mentions(parsed)
    assert {m.text for e in entities for m in e.mentions} == {"Dana Voss", "Voss"}


def test_a_nickname_inside_a_name_keeps_the_name_whole() -> None:
    # NER cut each name where its nickname is: a person and a body, or two people
    first = doc(
        "a",
        'Former mayor Ronald "Bato" dela Pena was arrested. Senator Antonio "Ka Ed" Malvar '
        "said so. Dela Pena said nothing.",
        ('Ronald "', "Person"),
        ("Bato", "Organisation"),
        ("dela Pena", "Person"),
        ('Antonio "Ka', "Person"),
        ("Malvar", "Person"),
        ("Dela Pena", "Person"),
    )
    second = doc("b", "Ronald dela Pena flew out on Monday.", ("Ronald dela Pena", "Person"))
    entities = resolve(first, second)
    pena = holding(entities, "a", 'Ronald "Bato" dela Pena')
    assert pena is holding(entities, "b", "Ronald dela Pena")
    assert pena.label == "Ronald dela Pena"  # the form without the nickname
    malvar = holding(entities, "a", 'Antonio "Ka Ed" Malvar')
    assert malvar.type == "Person" and malvar is not pena
    assert not [e for e in entities if e.type == "Organisation"]
    # no given name the lexicon knows, no name: a quoted title between two names
    text = 'Paper "Rising Tide" Review was out.'
    entities = resolve(doc("c", text, ("Paper", "Organisation")))
    assert [e.label for e in entities] == ["Paper"]
    # a given name the lexicon does not know, which NER typed a person alone
    text = 'Sen. Thaddeus "Tad" Knorr voted no. Knorr said he was angry.'
    entities = resolve(doc("d", text, ("Thaddeus", "Person"), ("Knorr", "Organisation")))
    [knorr] = entities
    assert knorr.type == "Person"
    assert [m.text for m in knorr.mentions] == ['Thaddeus "Tad" Knorr', "Knorr"]


# -- speed ------------------------------------------------------------------------------------


def _long_document(paragraphs: int) -> Parsed:
    """Paragraphs of varied people, organisations with acronyms and descriptions."""
    given = ["Alma", "Boris", "Celia", "Dorin", "Emeka", "Farida", "Goran", "Hana"]
    surnames = ["Quist", "Varga", "Okoro", "Lindqvist", "Moreau", "Petrenko", "Abara"]
    parts, names = [], []
    for p in range(paragraphs):
        person = f"{given[p % 8]} {surnames[p % 7]}{p % 41}"
        org = f"Velmar Grain Board{p % 13}"
        acronym = f"VGB{p % 13}"
        parts.append(
            f"{person} of the {org} ({acronym}) spoke. {person.split()[1]} told the board "
            f"that {acronym} agreed."
        )
        names += [
            (person, "Person"),
            (org, "Organisation"),
            (acronym, "Organisation"),
            (person.split()[1], "Person"),
            (acronym, "Organisation"),
        ]
    return doc("long", " ".join(parts), *names)  # type: ignore[arg-type]


def _best_time(parsed: Parsed) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        group_mentions(parsed)
        best = min(best, time.perf_counter() - started)
    return best


def test_grouping_a_long_document_takes_time_linear_in_its_length() -> None:
    small, large = _long_document(100), _long_document(400)
    entities = group_mentions(large)
    assert len([e for e in entities if e.type == "Person"]) == len(
        {m.text for m in large.mentions if m.type == "Person" and " " in m.text}
    )
    # four times the text: linear work takes about four times as long, quadratic sixteen
    assert _best_time(large) < 8 * _best_time(small)


def test_a_full_name_shared_by_entities_that_cannot_all_be_one_still_joins_those_that_fit() -> None:
    # One text gives "Dana Voss" a wrong longer form ("Karl Dana Voss"), another a second
    # one ("Lina Dana Voss"); the two cannot be one, yet the plain "Dana Voss" of the other
    # texts is still one person.
    entities = resolve(
        doc("a", "Dana Voss won.", ("Dana Voss", "Person")),
        doc("b", "Dana Voss lost.", ("Dana Voss", "Person")),
        doc(
            "c",
            "Karl Dana Voss spoke. Dana Voss left.",
            ("Karl Dana Voss", "Person"),
            ("Dana Voss", "Person"),
        ),
        doc(
            "d",
            "Lina Dana Voss spoke. Dana Voss left.",
            ("Lina Dana Voss", "Person"),
            ("Dana Voss", "Person"),
        ),
    )
    dana = holding(entities, "a", "Dana Voss")
    assert holding(entities, "b", "Dana Voss") is dana
    assert holding(entities, "c", "Karl Dana Voss") is not holding(entities, "d", "Lina Dana Voss")


def test_a_headline_name_run_on_past_a_persons_name_is_cut_back() -> None:
    parsed = doc(
        "a",
        "Dana Voss Checks Out. Dana Voss left the clinic on Monday.",
        ("Dana Voss Checks", "Person"),
        ("Dana Voss", "Person"),
    )
    (dana,) = group_mentions(parsed)
    assert forms(dana) == {"Dana Voss"} and len(dana.mentions) == 2
    brandt = doc(
        "b",
        "Harold Brandt Jr. and Harold Brandt met.",
        ("Harold Brandt Jr.", "Person"),
        ("Harold Brandt", "Person"),
    )
    assert {e.label for e in group_mentions(brandt)} == {"Harold Brandt Jr.", "Harold Brandt"}


def test_a_bare_surname_is_not_the_son_a_text_calls_by_his_suffix() -> None:
    # A text that calls the son "Vance Jr." keeps the bare "Vance" for someone else: the
    # father named before it, else no one in the text (the corpus decides).
    a = doc(
        "a",
        "President Robert Vance spoke. His son Robert Vance Jr. met the envoy. "
        "Vance Jr. said it went well. Vance said he was proud.",
        ("Robert Vance", "Person", "President"),
        ("Robert Vance Jr.", "Person"),
        ("Vance Jr.", "Person"),
        ("Vance", "Person"),
    )
    b = doc(
        "b",
        "President Vance defended his son Robert Vance Jr. on Monday. Bob Jr. is 39. "
        "Vance said many people would have held the meeting.",
        ("Vance", "Person", "President"),
        ("Robert Vance Jr.", "Person"),
        ("Bob Jr.", "Person"),
        ("Vance", "Person"),
    )
    # Without the son's short form, the bare surname after his full name is still his.
    c = doc(
        "c",
        "Robert Vance Jr. spoke to the envoy. Vance said the meeting was short.",
        ("Robert Vance Jr.", "Person"),
        ("Vance", "Person"),
    )
    entities = resolve(a, b, c)
    father, son = holding(entities, "a", "Robert Vance"), holding(entities, "a", "Vance Jr.")
    assert father is not son
    assert father.label == "Robert Vance" and son.label == "Robert Vance Jr."
    assert [m.doc_id for m in father.mentions if m.text == "Vance"] == ["a", "b", "b"]
    assert holding(entities, "b", "Bob Jr.") is son
    assert holding(entities, "c", "Vance") is son


def test_a_bare_surname_only_text_does_not_join_the_son_by_his_other_texts_surname() -> None:
    # The son's own text calls him "Benning" after his full name; the father's text calls
    # the father so. A third text names only "Mr. Benning": either could be meant, and the
    # son's bare surname is no stronger a key than the father's.
    son = doc(
        "a",
        "Harold Benning Jr. testified on Tuesday. Benning said the meeting was short.",
        ("Harold Benning Jr.", "Person"),
        ("Benning", "Person"),
    )
    father = doc(
        "b",
        "Harold Benning defended his son. Benning said the inquiry was unfair. "
        "His son, Harold Benning Jr., testified a day earlier.",
        ("Harold Benning", "Person"),
        ("Benning", "Person"),
        ("Harold Benning Jr.", "Person"),
    )
    bare = doc(
        "c",
        "Benning spoke at a rally. Benning said the economy was strong.",
        ("Benning", "Person"),
        ("Benning", "Person"),
    )
    entities = resolve(son, father, bare)
    junior, senior = (
        holding(entities, "a", "Harold Benning Jr."),
        holding(entities, "b", "Harold Benning"),
    )
    assert junior is holding(entities, "b", "Harold Benning Jr.") and junior is not senior
    alone = holding(entities, "c", "Benning")
    assert alone is not junior and alone is not senior
    assert {m.doc_id for m in alone.mentions} == {"c"}
    assert any(m.rule == "surname-ambiguous" for m in alone.merges)


def test_a_name_with_its_nickname_in_quotes_joins_both_forms_across_texts() -> None:
    given = doc("a", "Rafael Dizon briefed reporters.", ("Rafael Dizon", "Person"))
    nick = doc("b", "Raffy Dizon said the count rose.", ("Raffy Dizon", "Person"))
    both = doc(
        "c",
        'Spokesman Rafael "Raffy" Dizon said the count rose.',
        ('Rafael "Raffy" Dizon', "Person"),
    )
    other = doc("d", "Ramon Dizon, a fisherman, lost his boat.", ("Ramon Dizon", "Person"))
    entities = resolve(given, nick, both, other)
    rafael = holding(entities, "a", "Rafael Dizon")
    assert rafael is holding(entities, "b", "Raffy Dizon")
    assert rafael is holding(entities, "c", 'Rafael "Raffy" Dizon')
    assert holding(entities, "d", "Ramon Dizon") is not rafael
    # without the text that gives both, two given names are two people
    apart = resolve(given, nick)
    assert holding(apart, "a", "Rafael Dizon") is not holding(apart, "b", "Raffy Dizon")


def test_a_bare_surname_long_before_the_only_full_name_it_fits_is_not_that_person() -> None:
    # "President Vance ... Vance ..." and, paragraphs later, "Mira Vance" (his wife):
    # the president is named by his surname alone; the full name is his wife's.
    a = doc(
        "a",
        "President Vance questioned the agencies. Vance spoke for an hour. The talks "
        "ran late. Aides left early. Reporters waited outside. Later Mira Vance toured "
        "the city.",
        ("Vance", "Person", "President"),
        ("Vance", "Person"),
        ("Mira Vance", "Person"),
    )
    b = doc(
        "b",
        "President Carl Vance met the envoy. Vance said the talks went well.",
        ("Carl Vance", "Person", "President"),
        ("Vance", "Person"),
    )
    # A surname right before its full name is that person ("the Vance plan ... Carl Vance").
    c = doc(
        "c",
        "The Vance plan was dropped. It had been drafted before Carl Vance took office.",
        ("Vance", "Person"),
        ("Carl Vance", "Person"),
    )
    entities = resolve(a, b, c)
    carl = holding(entities, "b", "Carl Vance")
    assert [m.doc_id for m in carl.mentions if m.text == "Vance"] == ["a", "a", "b", "c"]
    assert forms(holding(entities, "a", "Mira Vance")) == {"Mira Vance"}


def test_a_persons_initials_join_the_one_full_name_they_spell() -> None:
    karim = doc("a", "Crown Prince Karim bin Sayed spoke.", ("Karim bin Sayed", "Person"))
    alina = doc("b", "Alina Ocasio-Reyes won the seat.", ("Alina Ocasio-Reyes", "Person"))
    short = doc("c", "KBS denied any role, and AOR said so.", ("KBS", "Person"), ("AOR", "Person"))
    entities = resolve(karim, alina, short)
    assert holding(entities, "c", "KBS") is holding(entities, "a", "Karim bin Sayed")
    assert holding(entities, "c", "AOR") is holding(entities, "b", "Alina Ocasio-Reyes")
    assert "person-initials" in {m.rule for m in holding(entities, "c", "KBS").merges}
    # Two people whose names spell the same initials: the capitals stay apart.
    kamal = doc("d", "Kamal bin Sami arrived.", ("Kamal bin Sami", "Person"))
    entities = resolve(karim, kamal, short)
    assert forms(holding(entities, "c", "KBS")) == {"KBS"}


def test_initials_with_a_generational_suffix_join_the_son_not_the_father() -> None:
    family = doc(
        "a",
        "Harold T. Voss Jr. was sworn in. His father, Harold T. Voss, died in 1990.",
        ("Harold T. Voss Jr.", "Person"),
        ("Harold T. Voss", "Person"),
    )
    short = doc("b", "HTV Jr. thanked the Senate.", ("HTV Jr.", "Person"))
    bare = doc("c", "HTV was mentioned.", ("HTV", "Person"))
    entities = resolve(family, short, bare)
    son = holding(entities, "a", "Harold T. Voss Jr.")
    assert holding(entities, "b", "HTV Jr.") is son
    assert holding(entities, "a", "Harold T. Voss") is not son
    # capitals without the suffix fit both: they stay apart
    assert forms(holding(entities, "c", "HTV")) == {"HTV"}


def test_a_headline_word_run_into_the_front_of_a_persons_name_is_cut() -> None:
    body = "\nThe board named Dana Voss on Monday."
    nominates = doc(
        "a",
        "Board Nominates Dana Voss For Surgeon General" + body,
        ("Nominates Dana Voss", "Person"),
        ("Dana Voss", "Person"),
    )
    (dana,) = group_mentions(nominates)
    assert forms(dana) == {"Dana Voss"} and len(dana.mentions) == 2
    assert nominates.document.text[dana.mentions[0].begin : dana.mentions[0].end] == "Dana Voss"
    to_name = doc(
        "b",
        "Mayor To Nominate Dana Voss For Surgeon General" + body,
        ("Mayor To Nominate Dana Voss", "Organisation"),
        ("Dana Voss", "Person"),
    )
    tokens = tuple(t._replace(tag="TO") if t.text == "To" else t for t in to_name.tokens)
    (dana,) = group_mentions(dataclasses.replace(to_name, tokens=tokens))
    assert forms(dana) == {"Dana Voss"} and dana.type == "Person"
    # A given name before the name is a fuller name; words NER ran on outside a headline,
    # and an organisation named after the person with no verb before the name, stay.
    guards = [
        ("John Dana Voss Named Surgeon General" + body, "John Dana Voss", "Person"),
        ("Karlo Dana Voss spoke to the board." + body, "Karlo Dana Voss", "Person"),
        (
            "Friends Of Dana Voss Rally For Surgeon General" + body,
            "Friends Of Dana Voss",
            "Organisation",
        ),
    ]
    for text, form, etype in guards:
        kept = group_mentions(doc("c", text, (form, etype), ("Dana Voss", "Person")))
        assert form in {f for e in kept for f in forms(e)}, form


def test_a_bare_surname_joins_the_bearer_the_corpus_names_clearly_most() -> None:
    # Mayor Ines Kade is in ten texts, her cousin Otto Kade in one; a text naming "Kade"
    # beside the city hall, which her texts name too, is about her.
    mayor = [
        doc(
            f"m{k}",
            f"Ines Kade opened Harlow City Hall{k}.",
            ("Ines Kade", "Person"),
            (f"Harlow City Hall{k}", "Place"),
        )
        for k in range(10)
    ]
    cousin = doc("c", "Otto Kade sold the farm.", ("Otto Kade", "Person"))
    bare = doc(
        "b",
        "Kade spoke at Harlow City Hall3 about the farm.",
        ("Kade", "Person"),
        ("Harlow City Hall3", "Place"),
    )
    entities = resolve(*mayor, cousin, bare)
    ines = holding(entities, "m0", "Ines Kade")
    assert holding(entities, "b", "Kade") is ines
    assert "surname-dominant" in {m.rule for m in ines.merges}
    assert holding(entities, "c", "Otto Kade") is not ines


def test_a_short_given_name_of_the_variant_list_joins_the_full_one() -> None:
    entities = resolve(
        doc("a", "Rudolph W. Kessler, a lawyer, spoke.", ("Rudolph W. Kessler", "Person")),
        doc("b", "Rudy Kessler said nothing.", ("Rudy Kessler", "Person")),
        doc("c", "Ruth Kessler said nothing.", ("Ruth Kessler", "Person")),
    )
    rudy = holding(entities, "b", "Rudy Kessler")
    assert rudy is holding(entities, "a", "Rudolph W. Kessler")
    assert rudy is not holding(entities, "c", "Ruth Kessler")
    # a spelling of the full name the list gives too
    spelled = resolve(
        doc("a", "Antony Kessler spoke.", ("Antony Kessler", "Person")),
        doc("b", "Anthony Kessler left.", ("Anthony Kessler", "Person")),
    )
    assert holding(spelled, "a", "Antony Kessler") is holding(spelled, "b", "Anthony Kessler")


def test_a_name_the_text_gives_as_another_name_of_a_person_is_that_person() -> None:
    stage = doc(
        "a",
        "The fee went to Maya Stone and Lena Ford. Stone, whose real name is Ana Ruiz, sued.",
        ("Maya Stone", "Person"),
        ("Lena Ford", "Person"),
        ("Stone", "Person"),
        ("Ana Ruiz", "Organisation"),  # a recogniser's misreading: still her name
    )
    described = doc(
        "b",
        "The fee went to Ana Ruiz, the singer known as Maya Stone. Ruiz sued.",
        ("Ana Ruiz", "Person"),
        ("Maya Stone", "Person"),
        ("Ruiz", "Person"),
    )
    plain = doc("c", "Maya Stone sued the label.", ("Maya Stone", "Person"))
    other = doc("d", "Tomas Ruiz and Eva Ruiz ran the label.", ("Tomas Ruiz", "Person"))
    entities = resolve(stage, described, plain, other)
    maya = holding(entities, "c", "Maya Stone")
    assert maya.type == "Person" and maya.label == "Maya Stone"
    for doc_id, form in (("a", "Stone"), ("a", "Ana Ruiz"), ("b", "Ana Ruiz"), ("b", "Ruiz")):
        assert holding(entities, doc_id, form) is maya
    assert "alias" in {m.rule for m in maya.merges}
    # another Ruiz, and the other woman the first text names, are other people
    assert holding(entities, "d", "Tomas Ruiz") is not maya
    assert holding(entities, "a", "Lena Ford") is not maya
    # the words between must say so: a comma and a description are not enough
    apart = resolve(
        doc(
            "e",
            "Ana Ruiz, the singer, thanked Maya Stone.",
            ("Ana Ruiz", "Person"),
            ("Maya Stone", "Person"),
        )
    )
    assert holding(apart, "e", "Ana Ruiz") is not holding(apart, "e", "Maya Stone")
    # the other name after "as", followed by "is known": "Maya, as Ruiz is known ..."
    reverse = resolve(
        doc(
            "f",
            "Mayo, as Quintana is known professionally, testified. Lena Ford, as I said, left.",
            ("Mayo", "Person"),
            ("Quintana", "Place"),
            ("Lena Ford", "Person"),
        )
    )
    assert holding(reverse, "f", "Mayo") is holding(reverse, "f", "Quintana")
    assert holding(reverse, "f", "Mayo").type == "Person"
    # "aka" right after the comma is still read forward
    aka = resolve(
        doc("g", "Ivo Brandt, aka Tiger, sued.", ("Ivo Brandt", "Person"), ("Tiger", "Person"))
    )
    assert holding(aka, "g", "Ivo Brandt") is holding(aka, "g", "Tiger")


def test_a_lone_given_name_the_lexicon_does_not_know_joins_its_one_bearer() -> None:
    full = doc("a", "Director Wondimu Asfaw Hailu spoke.", ("Wondimu Asfaw Hailu", "Person"))
    lone = doc("b", "Wondimu said the risk was high.", ("Wondimu", "Person"))
    entities = resolve(full, lone)
    wondimu = holding(entities, "a", "Wondimu Asfaw Hailu")
    assert holding(entities, "b", "Wondimu") is wondimu
    assert "given-name-unique" in {m.rule for m in wondimu.merges}
    # a given name the lexicon knows may be anyone's: "John" alone stays apart
    entities = resolve(
        doc("c", "John Arlo spoke.", ("John Arlo", "Person")),
        doc("d", "John said the risk was high.", ("John", "Person")),
    )
    assert holding(entities, "d", "John") is not holding(entities, "c", "John Arlo")


def test_a_lone_given_name_joins_the_one_full_name_holding_its_title() -> None:
    full = doc(
        "a",
        "Prime Minister Shirin Vale met the envoy.",
        ("Shirin Vale", "Person", "Prime Minister"),
    )
    titled = doc(
        "b",
        "Prime Minister Shirin said no one was above the law.",
        ("Shirin", "Person", "Prime Minister"),
    )
    entities = resolve(full, titled)
    assert holding(entities, "b", "Shirin") is holding(entities, "a", "Shirin Vale")
    # a role she does not hold, and no surname of hers in the text: someone else
    other = doc("c", "Senator Shirin spoke.", ("Shirin", "Person", "Senator"))
    entities = resolve(full, other)
    assert holding(entities, "c", "Shirin") is not holding(entities, "a", "Shirin Vale")


def test_a_shorter_name_fitting_full_names_that_are_one_person_joins_them() -> None:
    entities = resolve(
        doc("a", "Chief Secretary Pradeep Jena spoke.", ("Pradeep Jena", "Person")),
        doc("b", "Chief Secretary P.K. Jena spoke.", ("P.K. Jena", "Person")),
        doc("c", "Chief Secretary Pradeep Kumar Jena spoke.", ("Pradeep Kumar Jena", "Person")),
    )
    one = holding(entities, "c", "Pradeep Kumar Jena")
    assert holding(entities, "a", "Pradeep Jena") is one
    assert holding(entities, "b", "P.K. Jena") is one
    # two middle initials that differ are two people: the shorter name fits both, stays apart
    entities = resolve(
        doc("a", "John Arlo spoke.", ("John Arlo", "Person")),
        doc("b", "John K. Arlo spoke.", ("John K. Arlo", "Person")),
        doc("c", "John T. Arlo spoke.", ("John T. Arlo", "Person")),
    )
    shorter = holding(entities, "a", "John Arlo")
    assert shorter is not holding(entities, "b", "John K. Arlo")
    assert shorter is not holding(entities, "c", "John T. Arlo")


def test_a_headline_run_on_past_a_surname_the_text_gives_alone_is_cut_back() -> None:
    text = "Voss Walks Out Of Budget Talks\nMayor Voss left early. Mr. Voss said little."
    headline = doc(
        "a",
        text,
        ("Voss Walks Out", "Person"),
        ("Voss", "Person", "Mayor"),
        ("Voss", "Person", "Mr."),
    )
    full = doc("b", "Mayor Dana Voss chaired the talks.", ("Dana Voss", "Person", "Mayor"))
    entities = resolve(headline, full)
    voss = holding(entities, "b", "Dana Voss")
    assert [m.text for m in voss.mentions if m.doc_id == "a"] == ["Voss", "Voss", "Voss"]
    assert voss.mentions[0].end - voss.mentions[0].begin == len("Voss")
    # outside a line of capitalised words the words after a one-word name stay
    prose = doc(
        "c",
        "Critics said Voss Walks Out was a fine film. Mr. Voss agreed.",
        ("Voss Walks Out", "Person"),
        ("Voss", "Person", "Mr."),
    )
    assert "Voss Walks Out" in {m.text for e in resolve(prose) for m in e.mentions}
    # two words NER took for a name ("Voss Quits"), and a given name is no surname cut to
    two = doc(
        "d",
        "Voss Quits Budget Talks Early\nEllen Marsh Joins Budget Talks\nMr. Voss left. Ellen wept.",
        ("Voss Quits", "Person"),
        ("Ellen Marsh Joins", "Person"),
        ("Voss", "Person", "Mr."),
        ("Ellen", "Person"),
    )
    texts = {m.text for e in resolve(two) for m in e.mentions}
    assert "Voss Quits" not in texts and "Ellen Marsh Joins" in texts


def test_a_name_going_on_with_a_particle_is_not_cut_back_to_a_shorter_one() -> None:
    # (NER can stop a name before its particle: "Abdel Karim" of "Abdel Karim el-Haddad")
    text = "President Abdel Karim spoke. General Abdel Karim al-Nouri did not."
    parsed = doc(
        "a", text, ("Abdel Karim", "Person", "President"), ("Abdel Karim al-Nouri", "Person")
    )
    texts = sorted(m.text for e in resolve(parsed) for m in e.mentions)
    assert texts == ["Abdel Karim", "Abdel Karim al-Nouri"]


def test_headline_words_the_body_never_capitalises_are_no_name() -> None:
    text = (
        "Judge Frees Two Brothers, Opening Path To Appeal\n"
        "A judge freed Ivo and Emil Kossler. The brothers left. Judge Ana Pell said so."
    )
    parsed = doc(
        "a",
        text,
        ("Opening Path", "Person"),
        ("Ivo", "Person"),
        ("Emil Kossler", "Person"),
        ("Ana Pell", "Person", "Judge"),
    )
    texts = {m.text for e in resolve(parsed) for m in e.mentions}
    # "Frees Two Brothers" after the title "Judge" is no name NER missed, either
    assert texts == {"Ivo", "Emil Kossler", "Ana Pell"}
    # a body's name too, on a headline with a name's particle in lower case
    text = (
        "In Besieged al-Kassar, Families Dig Trenches as Shells Fall\n"
        "Families in al-Kassar dig trenches. The siege of al-Kassar went on."
    )
    parsed = doc("b", text, ("Families Dig Trenches", "Organisation"), ("al-Kassar", "Place"))
    assert {m.text for e in resolve(parsed) for m in e.mentions} == {"al-Kassar"}


def test_known_bodies_are_one_under_their_names_and_acronyms() -> None:
    a = doc(
        "a",
        "The Department of Health and Human Services hired staff.",
        ("Department of Health and Human Services", "Organisation"),
    )
    b = doc("b", "HHS said it would cut jobs.", ("HHS", "Organisation"))
    c = doc("c", "UNIFIL said two peacekeepers were hurt.", ("UNIFIL", "Organisation"))
    d = doc(
        "d",
        "The United Nations Interim Force in Lebanon moved.",
        ("United Nations Interim Force in Lebanon", "Organisation"),
    )
    entities = resolve(a, b, c, d)
    assert holding(entities, "b", "HHS") is holding(
        entities, "a", "Department of Health and Human Services"
    )
    assert holding(entities, "c", "UNIFIL") is holding(
        entities, "d", "United Nations Interim Force in Lebanon"
    )


def test_an_unknown_place_before_a_persons_name_is_the_given_name() -> None:
    # the model labels an unfamiliar given name a place ("Ippei" of "Ippei Mizuhara")
    text = "Kenta Mizuno was sentenced on Thursday. Mizuno said nothing. Kenta Mizuno left."
    one = doc(
        "a",
        text,
        ("Kenta", "Place"),
        ("Mizuno", "Person"),
        ("Mizuno", "Person"),
        ("Kenta", "Place"),
        ("Mizuno", "Person"),
    )
    [person] = resolve(one)
    assert person.type == "Person" and person.label == "Kenta Mizuno"
    assert sorted(forms(person)) == ["Kenta Mizuno", "Mizuno"]
    # a place that also stands alone stays a place ("Lviv" of "Lviv mayor Sadovyi")
    text = "Lviv Sadovyi spoke. Shells hit Lviv."
    other = doc("b", text, ("Lviv", "Place"), ("Sadovyi", "Person"), ("Lviv", "Place"))
    assert {e.type for e in resolve(other)} == {"Place", "Person"}


def test_a_surname_under_a_label_no_mention_holds_is_the_persons() -> None:
    text = "Dana Kessler led the talks. Kessler said the Kessler family would not comment."
    parsed = doc("a", text, ("Dana Kessler", "Person"))
    # the model labelled both later "Kessler" tokens (an organisation) but gave no mention
    tokens = tuple(
        t._replace(ent_type="ORG") if t.text == "Kessler" and t.begin > 0 else t
        for t in parsed.tokens
    )
    parsed = dataclasses.replace(parsed, tokens=tokens)
    [dana] = group_mentions(parsed)
    # the speaker, not the family
    assert [m.begin for m in dana.mentions] == [0, text.index("Kessler said")]


def test_romanisations_of_one_arabic_given_name_are_one() -> None:
    for a, b in [("Tariq Haddad", "Tareq Haddad"), ("Tarek Haddad", "Tarik Haddad")]:
        assert persons_compatible(person_name(a), person_name(b))
    assert not persons_compatible(person_name("Tariq Haddad"), person_name("Karim Haddad"))


def test_a_cantonese_name_in_either_order_is_one_name() -> None:
    # surname first, or a Western outlet's order with the hyphenated given name first
    assert person_name("Leung Wai-kit") == person_name("Wai-kit Leung")
    assert person_name("Leung Wai-kit").surname == "leung"
    assert person_name("Chan Ka-ming").surname == "chan"  # a final "t" or "k" is a syllable's
    assert person_name("Lee Child").surname == "child"  # a Western name opening with Lee
    assert not persons_compatible(person_name("Leung Wai-kit"), person_name("Leung Ka-ming"))


def test_texts_that_give_a_surname_alone_pool_what_tells_its_bearer() -> None:
    """Neither text alone tells which of the corpus' three bearers its bare surname is (and
    the first lady's "Mrs. Voss" keeps the name from joining them at once); the two
    together do: "Mr." rules the first lady out, and the second text names the son in full
    apart from its "Voss"."""
    family = doc(
        "a",
        "President Harlan Voss spoke. First lady Mira Voss did not comment. Mrs. Voss waved.",
        ("Harlan Voss", "Person", "President"),
        ("Mira Voss", "Person", "First lady"),
        ("Voss", "Person", "Mrs."),
    )
    son = doc("s", "Harlan Voss Jr. met the envoy.", ("Harlan Voss Jr.", "Person"))
    mister = doc("b", "Mr. Voss left the summit early.", ("Voss", "Person", "Mr."))
    far = doc(
        "c",
        "Voss spoke at length. The talks lasted hours. No deal came. Aides left. Rain fell. "
        "Harlan Voss Jr. said the talks went well.",
        ("Voss", "Person"),
        ("Harlan Voss Jr.", "Person"),
    )
    alone = resolve(family, son, mister)
    assert [m.rule for m in holding(alone, "b", "Voss").merges] == ["surname-ambiguous"]
    entities = resolve(family, son, mister, far)
    harlan = holding(entities, "a", "Harlan Voss")
    assert holding(entities, "b", "Voss") is harlan and holding(entities, "c", "Voss") is harlan
    assert "surname-ambiguous" not in {m.rule for m in harlan.merges}
    assert holding(entities, "c", "Harlan Voss Jr.") is holding(entities, "s", "Harlan Voss Jr.")

"""Within-document grouping, on hand-built documents and (marked) with the real model."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest
from conftest import make_document

from kg.core.model import Entity, EntityType, Mention, Parsed, Sentence, Token
from kg.entities.in_document import DESCRIPTION_LABEL, group_mentions


def hand_parsed(text: str, spans: list[tuple[str, EntityType]]) -> Parsed:
    """A one-sentence Parsed whose mentions are the first free occurrences of `spans`."""
    words = list(re.finditer(r"\w+(?:['’.-]\w+)*|[^\w\s]", text))
    tokens = tuple(
        Token(
            i,
            w.start(),
            w.end(),
            w.group(),
            w.group().lower(),
            "PROPN" if w.group()[0].isupper() else "NOUN",
            "",
            "",
            i,
            0,
        )
        for i, w in enumerate(words)
    )
    mentions: list[Mention] = []
    taken: set[int] = set()
    for form, etype in spans:
        begin = next(
            m.start()
            for m in re.finditer(rf"\b{re.escape(form)}\b", text)
            if taken.isdisjoint(range(m.start(), m.end()))
        )
        taken.update(range(begin, begin + len(form)))
        start = next(t.i for t in tokens if t.begin == begin)
        end = next(t.i for t in tokens if t.end == begin + len(form)) + 1
        mentions.append(Mention("doc", begin, begin + len(form), form, etype, 0, start, end))
    document = make_document(text)
    return Parsed(document, tokens, (Sentence(0, len(text), 0, len(tokens)),), tuple(mentions))


def by_form(entities: tuple[Entity, ...], form: str) -> Entity:
    matches = [e for e in entities if form == e.label or form in e.alt_labels]
    assert len(matches) == 1, f"{form!r} is in {len(matches)} entities"
    return matches[0]


def check_partition(parsed: Parsed, entities: tuple[Entity, ...]) -> None:
    seen = [(m.begin, m.end) for e in entities for m in e.mentions]
    assert len(seen) == len(set(seen)), "a mention is in two entities"
    assert {(m.begin, m.end) for m in parsed.mentions} <= set(seen)
    for e in entities:
        for m in e.mentions:
            assert parsed.document.text[m.begin : m.end] == m.text
            assert m.type == e.type


def test_surname_tagged_org_joins_the_full_name_and_becomes_a_person() -> None:
    parsed = hand_parsed(
        "Marta Kowalczyk opened the bridge. Kowalczyk said it was late.",
        [("Marta Kowalczyk", "Person"), ("Kowalczyk", "Organisation")],
    )
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    (person,) = entities
    assert (person.type, person.label, person.alt_labels) == (
        "Person",
        "Marta Kowalczyk",
        ("Kowalczyk",),
    )
    assert [m.rule for m in person.merges] == ["surname"]


def test_surname_of_two_people_joins_the_one_named_just_before() -> None:
    parsed = hand_parsed(
        "Jan Nowak met Piotr Nowak. Nowak left.",
        [("Jan Nowak", "Person"), ("Piotr Nowak", "Person"), ("Nowak", "Person")],
    )
    entities = group_mentions(parsed)
    assert len(entities) == 2
    piotr = by_form(entities, "Piotr Nowak")
    assert piotr.alt_labels == ("Nowak",)
    assert [m.rule for m in piotr.merges] == ["surname-nearest"]


def test_surname_before_two_people_joins_neither() -> None:
    parsed = hand_parsed(
        "Nowak left. Jan Nowak met Piotr Nowak.",
        [("Nowak", "Person"), ("Jan Nowak", "Person"), ("Piotr Nowak", "Person")],
    )
    assert len(group_mentions(parsed)) == 3


def test_shorter_full_name_joins_the_longer() -> None:
    parsed = hand_parsed(
        "Ana Maria Silva spoke. Maria Silva added more. Silva left.",
        [("Ana Maria Silva", "Person"), ("Maria Silva", "Person"), ("Silva", "Person")],
    )
    (person,) = group_mentions(parsed)
    assert person.label == "Ana Maria Silva" and len(person.mentions) == 3


def test_forms_of_one_ministry_join_and_other_countries_stay_apart() -> None:
    parsed = hand_parsed(
        "The Polish defence ministry said so. Poland's Defense Ministry agreed. "
        "The UK Ministry of Defence did not.",
        [
            ("Polish defence ministry", "Organisation"),
            ("Poland's Defense Ministry", "Organisation"),
            ("UK Ministry of Defence", "Organisation"),
        ],
    )
    entities = group_mentions(parsed)
    assert len(entities) == 2
    assert by_form(entities, "Polish defence ministry").alt_labels == ("Poland's Defense Ministry",)


def test_bare_body_joins_the_one_qualified_body_of_the_text() -> None:
    parsed = hand_parsed(
        "The Defence Ministry spoke first. The Polish defence ministry added detail.",
        [("Defence Ministry", "Organisation"), ("Polish defence ministry", "Organisation")],
    )
    (ministry,) = group_mentions(parsed)
    assert ministry.label == "Polish defence ministry"


def test_name_without_its_generic_noun_joins_the_one_full_name() -> None:
    parsed = hand_parsed(
        "Kestrel Valley Airlines ordered ten jets and Brannock Group PLC sold its stake. "
        "Kestrel Valley said the order was final; Brannock declined to comment.",
        [
            ("Kestrel Valley Airlines", "Organisation"),
            ("Brannock Group PLC", "Organisation"),
            ("Kestrel Valley", "Organisation"),
            ("Brannock", "Organisation"),
        ],
    )
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    assert len(entities) == 2
    airline = by_form(entities, "Kestrel Valley Airlines")
    assert airline.alt_labels == ("Kestrel Valley",)
    assert {m.rule for m in airline.merges} == {"name-without-head"}
    assert by_form(entities, "Brannock Group PLC").alt_labels == ("Brannock",)


def test_a_surname_of_the_texts_people_is_no_short_form_of_a_company_named_after_them() -> None:
    parsed = hand_parsed(
        "Charles W. Brandt runs Brandt Holdings LLC. Brandt said the company was sound.",
        [
            ("Charles W. Brandt", "Person"),
            ("Brandt Holdings LLC", "Organisation"),
            ("Brandt", "Organisation"),
        ],
    )
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    company = by_form(entities, "Brandt Holdings LLC")
    assert [m.text for m in company.mentions] == ["Brandt Holdings LLC"]


@pytest.mark.model
def test_a_name_before_administration_or_campaign_is_a_persons(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "The Calloway administration defended the policy on Monday. President Calloway "
        "said the country needed a strong border. The Calloway administration will appeal."
    )
    entities = [e for e in group_mentions(parse(text)) if "Calloway" in e.label]
    assert [(e.type, len(e.mentions)) for e in entities] == [("Person", 3)]


@pytest.mark.model
def test_a_hyphenated_given_name_is_not_cut_to_a_shorter_form_of_its_text(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Summit\n\nForeign Minister Ri Chol Min spoke. Castellano will meet Ri Chol-min in "
        "Geneva next month."
    )
    forms = {m.text for e in group_mentions(parse(text)) for m in e.mentions}
    assert "Ri Chol-min" in forms


@pytest.mark.model
def test_a_place_the_text_puts_somewhere_is_not_a_persons_surname(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "National Security Adviser Daniel Houston said the freeze would cover missiles. "
        "Houston said the agencies agreed. The president is scheduled to travel to "
        "Houston on Friday to address a conference."
    )
    entities = group_mentions(parse(text))
    person = by_form(entities, "Daniel Houston")
    agents = group_mentions(
        parse(
            "Special Agent in Charge Monica Tresvant said agents had interviewed witnesses. "
            "FBI Special Agent Dana Cole said the rifle was bought legally."
        )
    )
    assert by_form(agents, "Monica Tresvant").type == "Person"
    assert by_form(agents, "Dana Cole").mentions[0].title == "Special Agent"
    assert [m.text for m in person.mentions] == ["Daniel Houston", "Houston"]
    assert person.mentions[0].title == "National Security Adviser"
    places = [e for e in entities if e.type == "Place"]
    assert [(e.label, e.mentions[0].begin) for e in places] == [("Houston", text.rindex("Houston"))]


@pytest.mark.model
def test_a_name_set_in_its_region_is_a_place_not_the_bearer_of_that_surname(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Senator Carol Weyburn said she had warned about the firm. Ms. Weyburn sits on the "
        "banking committee. The ban could ripple into Weyburn, Mont., where the firm has a "
        "plant. Kara Olsen contributed reporting from Weyburn, Montana."
    )
    entities = group_mentions(parse(text))
    person = by_form(entities, "Carol Weyburn")
    assert [m.title for m in person.mentions] == ["Senator", "Ms."]
    places = [e for e in entities if e.type == "Place" and e.label == "Weyburn"]
    assert [[m.begin for m in e.mentions] for e in places] == [
        [text.index("Weyburn, Mont."), text.index("Weyburn, Montana")]
    ]
    assert {m.proof for m in places[0].mentions} == {"placed"}
    # a dateline's place, which its own words show a place too
    dateline = group_mentions(parse("WEYBURN, Mont. (CP) - A wildfire grew overnight."))
    assert {m.proof for m in by_form(dateline, "WEYBURN").mentions} == {"placed"}
    # a senator's state is no place of hers
    senators = group_mentions(parse("Sens. Carol Weyburn, Montana, and Tom Ruiz, Utah, voted."))
    assert by_form(senators, "Carol Weyburn").type == "Person"
    # a physician's degree is no region's postal code
    doctor = group_mentions(
        parse("Obama will nominate Regina Ashby, MD, a family physician from Alabama.")
    )
    assert by_form(doctor, "Regina Ashby").type == "Person"


@pytest.mark.model
def test_a_titled_surname_and_the_place_of_that_name_are_two_entities(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Sheriff Chatham said deputies searched the home. The suspect grew up in Chatham. "
        '"The people of Chatham are hurting too," Sheriff Chatham said.'
    )
    entities = [e for e in group_mentions(parse(text)) if e.label == "Chatham"]
    found = sorted((e.type, [m.title for m in e.mentions]) for e in entities)
    assert found == [("Person", ["Sheriff", "Sheriff"]), ("Place", ["", ""])]
    # where NER tagged only the town, the titled repeat it missed is the sheriff
    text = (
        "Neighbors in the small town of Chatham described him as a recluse. Sheriff Chatham "
        "— who by coincidence shares his name with the town — confirmed that deputies had "
        "searched the house."
    )
    entities = [e for e in group_mentions(parse(text)) if e.label == "Chatham"]
    assert sorted((e.type, e.mentions[0].title) for e in entities) == [
        ("Person", "Sheriff"),
        ("Place", ""),
    ]
    text = (
        "Spokesman Yousef al-Saadi said the strike hit a depot. Residents of the hardest-hit "
        "area, the Saadi district, said they had no warning."
    )
    entities = group_mentions(parse(text))
    assert [m.text for m in by_form(entities, "Yousef al-Saadi").mentions] == ["Yousef al-Saadi"]
    assert by_form(entities, "Saadi").type == "Place"


def test_a_company_called_without_its_sector_words_is_one() -> None:
    parsed = hand_parsed(
        "Kestrel Motor Co said it would close a plant. Shares of Kestrel fell 2%.",
        [("Kestrel Motor Co", "Organisation"), ("Kestrel", "Organisation")],
    )
    (company,) = group_mentions(parsed)
    assert company.alt_labels == ("Kestrel",)


def test_name_without_its_generic_noun_stays_apart_when_ambiguous_a_place_or_a_remit() -> None:
    parsed = hand_parsed(
        "Orlen Tor Bank and Orlen Tor University signed a deal. Orlen Tor welcomed it. "
        "The Dunmere Police and the Interior Department met in Dunmere. Interior staff left.",
        [
            ("Orlen Tor Bank", "Organisation"),
            ("Orlen Tor University", "Organisation"),
            ("Orlen Tor", "Organisation"),
            ("Dunmere Police", "Organisation"),
            ("Interior Department", "Organisation"),
            ("Dunmere", "Place"),
            ("Interior", "Organisation"),
        ],
    )
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    assert len(entities) == 7  # two bodies end in a generic noun: neither takes "Orlen Tor"
    assert by_form(entities, "Interior").alt_labels == ()


def test_department_of_and_department_name_one_body() -> None:
    parsed = hand_parsed(
        "The Department of Fisheries warned boats. The Fisheries Department said more.",
        [("Department of Fisheries", "Organisation"), ("Fisheries Department", "Organisation")],
    )
    (body,) = group_mentions(parsed)
    assert body.alt_labels == ("Fisheries Department",)


def test_a_name_before_news_agency_and_a_known_outlet_are_organisations() -> None:
    parsed = hand_parsed(
        "The Korvala news agency said the talks ended. Korvala added no detail. "
        "Kyodo reported the same. The Obama radio address followed. Axios and Semafor agreed.",
        [
            ("Korvala", "Person"),
            ("Korvala", "Place"),
            ("Kyodo", "Person"),
            ("Obama", "Person"),
            ("Axios", "Person"),
            ("Semafor", "Place"),
        ],
    )
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    assert by_form(entities, "Korvala").type == "Organisation"
    assert len([e for e in entities if e.label == "Korvala"]) == 1
    assert by_form(entities, "Kyodo").type == "Organisation"
    assert by_form(entities, "Obama").type == "Person"  # a radio address is a person's
    assert by_form(entities, "Axios").type == by_form(entities, "Semafor").type == "Organisation"


def test_one_name_ner_cut_in_two_mentions_is_one() -> None:
    text = (
        "Ada Berman Kowal ruled. Later Ada Berman Kowal left. Kowal spoke. Jamal Orsek died. "
        "Vance Kade summit. Vance left. Kade left. County Sheriff Ola Brin spoke. "
        "Harbour Workers HWU struck. Norvale Inc quit."
    )
    parsed = hand_parsed(
        text,
        [
            ("Ada Berman", "Person"),
            ("Kowal", "Person"),
            ("Jamal", "Place"),
            ("Orsek", "Place"),
            ("Vance", "Person"),
            ("Kade", "Person"),
            ("Vance", "Person"),
            ("Kade", "Person"),
            ("County Sheriff", "Person"),
            ("Ola Brin", "Person"),
            ("Harbour Workers", "Organisation"),
            ("HWU", "Organisation"),
            ("Norvale", "Organisation"),
            ("Inc", "Organisation"),
        ],
    )
    found = {m.text for e in group_mentions(parsed) for m in e.mentions}
    assert {"Ada Berman Kowal", "Jamal Orsek", "Norvale Inc"} <= found
    assert {"Vance", "Kade", "Ola Brin", "HWU"} <= found  # names standing alone; a title
    assert not found & {"Vance Kade", "County Sheriff Ola Brin", "Harbour Workers HWU"}


@pytest.mark.model
def test_a_name_after_a_suffix_that_ends_a_sentence_is_its_own(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Olaf Brin Jr. met the envoy in June. Prosecutors have not charged Mr. Brin Jr. "
        "Mira Sand, chairman of the committee, said the panel would report in May."
    )
    found = {m.text for e in group_mentions(parse(text)) for m in e.mentions}
    assert "Mira Sand" in found and not any("Jr. Mira" in f for f in found)


def test_a_name_the_text_writes_with_a_legal_form_is_a_company() -> None:
    parsed = hand_parsed(
        "Harbour Soft Inc agreed to the deal. Harbour Soft said the sale would close in May.",
        [("Harbour Soft Inc", "Organisation"), ("Harbour Soft", "Person")],
    )
    (company,) = group_mentions(parsed)
    assert company.type == "Organisation" and len(company.mentions) == 2


def test_a_portfolio_run_into_a_name_after_title_and_of_is_cut() -> None:
    text = (
        "Director of National Intelligence Laura Voss spoke. Minister of Foreign Affairs "
        "Wang Lei agreed. Secretary of Homeland Security Omar Bel Kade left. Friends of "
        "Harlow Bay Trust met."
    )
    parsed = hand_parsed(
        text,
        [
            ("National Intelligence Laura Voss", "Person"),
            ("Affairs Wang Lei", "Person"),
            ("Homeland Security Omar Bel Kade", "Organisation"),
            ("Harlow Bay Trust", "Organisation"),
        ],
    )
    kept = {(m.text, m.type) for e in group_mentions(parsed) for m in e.mentions}
    assert kept == {
        ("Laura Voss", "Person"),  # a given name the lexicon knows
        ("Wang Lei", "Person"),  # a Chinese surname
        ("Omar Bel Kade", "Person"),  # a given name opens it
        ("Harlow Bay Trust", "Organisation"),  # "Friends of": no title
    }


def test_a_name_after_a_title_only_people_bear_is_a_person() -> None:
    parsed = hand_parsed(
        "Mr Korvane said the plant would stay open. Sen. Ulmar agreed. "
        "General Dynamics said nothing.",
        [("Korvane", "Organisation"), ("Ulmar", "Place"), ("Dynamics", "Organisation")],
    )
    entities = group_mentions(parsed)
    assert by_form(entities, "Korvane").type == "Person"
    assert by_form(entities, "Ulmar").type == "Person"
    assert by_form(entities, "Dynamics").type == "Organisation"  # "General" opens names


@pytest.mark.model
def test_a_mentions_own_strong_evidence_holds_where_the_names_proofs_differ(
    parse: Callable[..., Parsed],
) -> None:
    # "Sheriff X" proves a person, "in X" (NER's place) a place: each mention its own
    text = (
        "The suspect lived in Chatham. Sheriff Chatham said his deputies searched the house "
        "in Chatham on Sunday."
    )
    entities = [e for e in group_mentions(parse(text)) if e.label == "Chatham"]
    found = sorted((e.type, [m.begin for m in e.mentions]) for e in entities)
    first, sheriff, second = (i for i in range(len(text)) if text.startswith("Chatham", i))
    assert found == [("Person", [sheriff]), ("Place", [first, second])]


@pytest.mark.model
def test_one_word_someone_tells_after_a_lowercase_the_is_no_persons_name(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Len Duvall told the Standard in an exclusive interview that talks would resume. "
        "A White House official told the Standard that the tariffs would stay."
    )
    entities = group_mentions(parse(text))
    assert by_form(entities, "Standard").type == "Organisation"  # a newspaper
    assert by_form(entities, "Len Duvall").type == "Person"


def test_a_name_before_a_company_officers_title_and_name_is_an_organisation() -> None:
    parsed = hand_parsed(
        "The board includes Velquor CEO Ana Ruiz and Brantis co-founder Omar Reyes. "
        "Ohio CEO Dana Koss spoke.",
        [
            ("Velquor", "Place"),
            ("Ana Ruiz", "Person"),
            ("Brantis", "Person"),
            ("Omar Reyes", "Person"),
            ("Ohio", "Place"),
            ("Dana Koss", "Person"),
        ],
    )
    entities = group_mentions(parsed)
    assert by_form(entities, "Velquor").type == "Organisation"
    assert by_form(entities, "Brantis").type == "Organisation"
    assert by_form(entities, "Ohio").type == "Place"  # a known place is no company
    assert by_form(entities, "Ana Ruiz").type == "Person"


def test_a_name_ending_in_a_bodys_or_a_companys_word_is_no_person() -> None:
    parsed = hand_parsed(
        "Norvane Technologies released images. Kestrel Labs agreed with the Pell Institute, "
        "and Dana Koss spoke for Vessa Air. Tarvel Waste Services paid.",
        [
            ("Norvane Technologies", "Person"),
            ("Kestrel Labs", "Person"),
            ("Pell Institute", "Person"),
            ("Dana Koss", "Person"),
            ("Vessa Air", "Person"),
            ("Tarvel Waste Services", "Person"),
        ],
    )
    types = {e.label: e.type for e in group_mentions(parsed)}
    assert types == {
        "Norvane Technologies": "Organisation",
        "Kestrel Labs": "Organisation",
        "Pell Institute": "Organisation",
        "Dana Koss": "Person",
        "Vessa Air": "Organisation",  # an airline
        "Tarvel Waste Services": "Organisation",
    }


def test_a_conjunction_or_a_dashed_word_ner_ran_on_into_is_no_part_of_the_name() -> None:
    text = (
        "Patients went to Kestrel Medical Center and Harlow Clinic. Dana K Voss - known as "
        "DKV - spoke. The Gulf of Seran was calm."
    )
    parsed = hand_parsed(
        text,
        [
            ("Kestrel Medical Center and", "Organisation"),
            ("Harlow Clinic", "Organisation"),
            ("Dana K Voss - known", "Person"),
            ("Gulf of", "Place"),
        ],
    )
    labels = {e.label for e in group_mentions(parsed)}
    assert {"Kestrel Medical Center", "Harlow Clinic", "Dana K Voss"} <= labels
    assert "Gulf" not in labels  # "of" is left for the name NER stopped before


def test_a_companys_first_word_alone_is_the_company() -> None:
    text = (
        "Veridane Health Partners shut its systems. Veridane said the attack was contained. "
        "The board said Veridane added a warning. Boston Dynamics Inc hired staff in Boston."
    )
    parsed = hand_parsed(
        text,
        [
            ("Veridane Health Partners", "Organisation"),
            ("Veridane", "Place"),  # NER's label
            ("Boston Dynamics Inc", "Organisation"),
            ("Boston", "Place"),
        ],
    )
    entities = group_mentions(parsed)
    company = by_form(entities, "Veridane Health Partners")
    # the place NER saw, and the word it left unlabelled, are the company's
    assert [m.text for m in company.mentions] == ["Veridane Health Partners", *["Veridane"] * 2]
    assert by_form(entities, "Boston").type == "Place"  # a place the text puts things in
    # the first word NER left unlabelled everywhere
    text = "Veridane Health Partners shut its systems. The board said Veridane added a warning."
    parsed = hand_parsed(text, [("Veridane Health Partners", "Organisation")])
    [company] = group_mentions(parsed)
    assert [m.text for m in company.mentions] == ["Veridane Health Partners", "Veridane"]


def test_a_name_after_the_noun_of_a_bodys_kind_is_an_organisation() -> None:
    parsed = hand_parsed(
        "Dana Koss, an analyst at the security firm Verdane Labs, spoke. The state mining "
        "regulator Quorvex said it would inspect. The firm Ohio grew. The Japanese supplier "
        "Takenoro and the club Deportivo Arvel sold Tarka Copper Mines to Velmor Ventures.",
        [
            ("Dana Koss", "Person"),
            ("Verdane Labs", "Person"),
            ("Quorvex", "Person"),
            ("Ohio", "Place"),
            ("Takenoro", "Person"),
            ("Deportivo Arvel", "Person"),
            ("Tarka Copper Mines", "Person"),
            ("Velmor Ventures", "Person"),
        ],
    )
    tokens = {t.text: t for t in parsed.tokens}
    assert tokens["firm"].pos == "NOUN" and tokens["regulator"].pos == "NOUN"
    entities = group_mentions(parsed)
    assert by_form(entities, "Verdane Labs").type == "Organisation"
    assert by_form(entities, "Quorvex").type == "Organisation"
    for body in ("Takenoro", "Deportivo Arvel", "Tarka Copper Mines", "Velmor Ventures"):
        assert by_form(entities, body).type == "Organisation", body
    assert by_form(entities, "Dana Koss").type == "Person"
    assert by_form(entities, "Ohio").type == "Place"  # a known place is no company


def test_a_datelines_capitals_are_a_place_and_a_portfolio_is_no_body() -> None:
    parsed = hand_parsed(
        "VELORA (Harbour Wire) - Fisheries Minister Tom Vale said the quota would fall. "
        "The Fisheries Ministry agreed. Harbour Wire added that Velora port was shut. "
        "Coastal Security Minister Ana Ruiz and Harbour Party Secretary Omar Reyes agreed. "
        "Why is the Railway Minister silent?",
        [
            ("VELORA", "Organisation"),
            ("Harbour Wire", "Organisation"),
            ("Fisheries", "Organisation"),
            ("Tom Vale", "Person"),
            ("Fisheries Ministry", "Organisation"),
            ("Coastal Security", "Organisation"),
            ("Harbour Party", "Organisation"),
            ("Railway", "Organisation"),
        ],
    )
    entities = group_mentions(parsed)
    assert by_form(entities, "VELORA").type == "Place"
    assert by_form(entities, "Harbour Wire").type == "Organisation"  # not at a paragraph's start
    assert not [e for e in entities if e.label == "Fisheries"]
    assert by_form(entities, "Fisheries Ministry").type == "Organisation"
    assert not [e for e in entities if e.label == "Coastal Security"]  # two words, one office
    assert by_form(entities, "Harbour Party").type == "Organisation"  # a party's secretary
    assert not [e for e in entities if e.label == "Railway"]  # "the Railway Minister": a role


@pytest.mark.model
def test_an_age_makes_a_person_and_nearby_a_place(parse: Callable[..., Parsed]) -> None:
    text = "Tomas Brevik, 31, was held in nearby Kellby on Sunday."
    parsed = parse(text)
    by_text = {m.text: m for m in parsed.mentions}
    assert set(by_text) >= {"Tomas Brevik", "Kellby"}
    forced = dataclasses.replace(
        parsed,
        mentions=(
            dataclasses.replace(by_text["Tomas Brevik"], type="Organisation"),
            dataclasses.replace(by_text["Kellby"], type="Person"),
        ),
    )
    entities = group_mentions(forced)
    assert by_form(entities, "Tomas Brevik").type == "Person"
    assert by_form(entities, "Kellby").type == "Place"


def test_an_organisation_called_by_its_last_word_is_a_person() -> None:
    parsed = hand_parsed(
        "Police named the suspect as Tomas Brevik. Brevik faces two charges. "
        "Swiss Telekom said Telekom lines were down.",
        [
            ("Tomas Brevik", "Organisation"),
            ("Brevik", "Organisation"),
            ("Swiss Telekom", "Organisation"),
            ("Telekom", "Organisation"),
        ],
    )
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    suspect = by_form(entities, "Tomas Brevik")
    assert suspect.type == "Person" and suspect.alt_labels == ("Brevik",)
    assert by_form(entities, "Swiss Telekom").type == "Organisation"  # a country's word opens it


def test_a_peoples_name_before_a_persons_name_is_no_part_of_it() -> None:
    parsed = hand_parsed(
        "Their teammate, Kenyan Daniel Rono, was banned. Dane Corvell and Swiss Re agreed.",
        [
            ("Kenyan Daniel Rono", "Person"),
            ("Dane Corvell", "Person"),
            ("Swiss Re", "Organisation"),
        ],
    )
    labels = sorted(e.label for e in group_mentions(parsed))
    assert labels == ["Dane Corvell", "Daniel Rono", "Swiss Re"]  # two words stay whole


def test_a_disease_named_after_a_place_is_no_place() -> None:
    parsed = hand_parsed(
        "Velmora virus has killed six. There is no vaccine for Velmora. Kestra virus cases "
        "rose as doctors in Kestra asked for help. Norland sent aid.",
        [
            ("Velmora", "Place"),
            ("Velmora", "Person"),
            ("Kestra", "Place"),
            ("Kestra", "Place"),
            ("Norland", "Place"),
        ],
    )
    entities = group_mentions(parsed)
    # the text puts doctors in Kestra: a place, whatever the virus is called
    assert sorted(e.label for e in entities) == ["Kestra", "Norland"]
    assert len(by_form(entities, "Kestra").mentions) == 2


def test_a_name_the_text_puts_the_before_is_no_persons() -> None:
    parsed = hand_parsed(
        "The Grey Lodge said the bill was dead. Lodge members and the Lodge disagreed.",
        [
            ("Grey Lodge", "Organisation"),
            ("Lodge", "Organisation"),
            ("Lodge", "Organisation"),
        ],
    )
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    assert by_form(entities, "Grey Lodge").type == "Organisation"
    assert by_form(entities, "Grey Lodge").alt_labels == ()  # "the Lodge" is another body


@pytest.mark.model
def test_a_capitalised_hyphen_tail_completes_a_place_not_a_pair(
    parse: Callable[..., Parsed],
) -> None:
    parsed = parse("Floods hit the Varna-Kellby region. Varna-China talks resumed.")
    varna = [m for m in parsed.mentions if m.text.startswith("Varna")]
    assert varna  # what NER found; the test forces its span to the first word
    first = dataclasses.replace(
        varna[0], text="Varna", end=varna[0].begin + 5, end_token=varna[0].start + 1, type="Place"
    )
    second = next(t for t in parsed.tokens if t.text == "Varna" and t.begin > first.begin)
    pair = dataclasses.replace(
        first, begin=second.begin, end=second.end, start=second.i, end_token=second.i + 1
    )
    forced = dataclasses.replace(parsed, mentions=(first, pair))
    texts = sorted(m.text for e in group_mentions(forced) for m in e.mentions)
    assert texts == ["Varna", "Varna-Kellby"]  # "China" is a place of its own


def test_a_name_missed_where_it_comes_again_is_found() -> None:
    text = (
        "Mayor Ellen Harwick met Governor Tomas Brevik in Kellby on Monday. Harwick said "
        "the bridge would reopen. Brevik Tower stayed closed, Brevik said in May."
    )
    parsed = hand_parsed(text, [("Ellen Harwick", "Person"), ("Tomas Brevik", "Person")])
    may = next(t for t in parsed.tokens if t.text == "May")
    tokens = tuple(t._replace(ent_type="DATE") if t is may else t for t in parsed.tokens)
    parsed = dataclasses.replace(parsed, tokens=tokens)
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    harwick = by_form(entities, "Ellen Harwick")
    assert [m.text for m in harwick.mentions] == ["Ellen Harwick", "Harwick"]
    assert {m.rule for m in harwick.merges} == {"surname"}
    brevik = by_form(entities, "Tomas Brevik")
    # "Brevik Tower" is a longer name, not him; "Brevik said" is him; "May" a date
    assert [text[m.begin : m.end + 5] for m in brevik.mentions][1:] == ["Brevik said"]
    assert not [e for e in entities if e.label in {"May", "Kellby", "Monday"}]


def test_a_surname_the_tagger_read_as_a_common_noun_is_found_again() -> None:
    # "Marsh later said": the tagger's plural noun; "Marsh birds", "the Marsh" are no name.
    text = (
        "Senator Ivo Marsh spoke on Monday. Marsh later said the vote would pass. "
        "Marsh birds fled. The Marsh flooded."
    )
    parsed = hand_parsed(text, [("Ivo Marsh", "Person")])
    deps = iter(["", "nsubj", "compound", "nsubj"])
    tokens = tuple(
        t._replace(pos="NOUN", tag="NNS", dep=next(deps)) if t.text == "Marsh" else t
        for t in parsed.tokens
    )
    tokens = tuple(t._replace(pos="DET") if t.text == "The" else t for t in tokens)
    parsed = dataclasses.replace(parsed, tokens=tokens)
    marsh = by_form(group_mentions(parsed), "Ivo Marsh")
    assert [text[m.begin : m.end + 6] for m in marsh.mentions] == ["Ivo Marsh spoke", "Marsh later"]


def test_a_titled_one_word_name_the_tagger_read_as_a_noun_is_found_again() -> None:
    # "Marsh tells envoy ..." in a headline, "President Marsh" below: the headline's noun is
    # him. "Kestrel" is a person NER saw once, untitled: no evidence for the noun.
    text = "Marsh tells envoy talks went well. President Marsh met Kestrel. Kestrel sells."
    parsed = hand_parsed(text, [("Marsh", "Person"), ("Marsh", "Person"), ("Kestrel", "Person")])
    _, president, kestrel = parsed.mentions
    president = dataclasses.replace(president, title="President")
    nouns = {0, next(t.i for t in parsed.tokens if t.text == "Kestrel" and t.begin > kestrel.begin)}
    tokens = tuple(
        t._replace(pos="NOUN", dep="nsubj") if t.i in nouns else t for t in parsed.tokens
    )
    parsed = dataclasses.replace(parsed, tokens=tokens, mentions=(president, kestrel))
    entities = group_mentions(parsed)
    assert [m.begin for m in by_form(entities, "Marsh").mentions] == [0, president.begin]
    assert [m.begin for m in by_form(entities, "Kestrel").mentions] == [kestrel.begin]


def test_the_surname_of_a_long_name_is_found_again() -> None:
    # five tokens as spaCy splits them: "Karim", "Nour", "el", "-", "Haddad"
    text = "President Karim Nour el-Haddad spoke on Monday. Haddad said the talks went well."
    parsed = split_parsed(text, [("Karim Nour el-Haddad", "Person")])
    haddad = by_form(group_mentions(parsed), "Karim Nour el-Haddad")
    assert [m.text for m in haddad.mentions] == ["Karim Nour el-Haddad", "Haddad"]


def test_place_variants_join_and_a_city_stays_apart_from_its_region() -> None:
    parsed = hand_parsed(
        "Shelling hit Kharkov. Kharkiv lost power. The Kharkiv region was calm.",
        [("Kharkov", "Place"), ("Kharkiv", "Place"), ("Kharkiv region", "Place")],
    )
    entities = group_mentions(parsed)
    assert {(e.label, e.alt_labels) for e in entities} == {
        ("Kharkiv", ("Kharkov",)),
        ("Kharkiv region", ()),
    }


def test_place_alias_in_brackets_takes_the_place_type() -> None:
    parsed = hand_parsed(
        "The strike hit Velmora (Velmoriya) at dawn.",
        [("Velmora", "Place"), ("Velmoriya", "Person")],
    )
    (place,) = group_mentions(parsed)
    assert (place.type, place.label, place.alt_labels) == ("Place", "Velmora", ("Velmoriya",))
    assert place.merges[0].rule == "place-alias"
    # a dateline's agency in brackets is no other name of the place
    parsed = hand_parsed(
        "RAVENNA (Reuters) - Police raided the office.",
        [("RAVENNA", "Place"), ("Reuters", "Organisation")],
    )
    assert len(group_mentions(parsed)) == 2


def test_acronym_in_brackets_is_created_and_found_again() -> None:
    parsed = hand_parsed(
        "The National Water Authority (NWA) warned residents. Later the NWA lifted the warning.",
        [("National Water Authority", "Organisation")],
    )
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    (authority,) = entities
    assert authority.alt_labels == ("NWA",)
    assert [m.text for m in authority.mentions] == ["National Water Authority", "NWA", "NWA"]


def test_an_acronym_in_brackets_from_the_names_own_language_is_its_acronym() -> None:
    # the initials of the name in Turkish, not of its English words; a country is no acronym
    parsed = hand_parsed(
        "The Quake Relief Authority (DYKB) sent teams. DYKB said more would come. Varnholt "
        "Dynamics (UK) won the order.",
        [("Quake Relief Authority", "Organisation"), ("Varnholt Dynamics", "Organisation")],
    )
    entities = group_mentions(parsed)
    authority = by_form(entities, "Quake Relief Authority")
    assert [m.text for m in authority.mentions] == ["Quake Relief Authority", "DYKB", "DYKB"]
    assert [m.text for m in by_form(entities, "Varnholt Dynamics").mentions] == [
        "Varnholt Dynamics"
    ]


@pytest.mark.model
def test_an_agency_in_brackets_after_a_datelines_state_is_not_the_states(
    parse: Callable[..., Parsed],
) -> None:
    text = "MERCED, Calif. (CP) - A wildfire grew. It spread across California on Tuesday."
    entities = group_mentions(parse(text))
    state = by_form(entities, "Calif.")
    assert sorted(m.text for m in state.mentions) == ["Calif.", "California"]
    assert not any(m.text == "CP" for m in state.mentions)


def test_weapons_never_join_other_types() -> None:
    parsed = hand_parsed(
        "The Kestrel fired. Kestrel Systems built the Kestrel.",
        [("Kestrel", "Weapon"), ("Kestrel Systems", "Organisation"), ("Kestrel", "Organisation")],
    )
    entities = group_mentions(parsed)
    (weapon,) = [e for e in entities if e.type == "Weapon"]
    assert [m.type for m in weapon.mentions] == ["Weapon"]
    # the organisation named "Kestrel" joins "Kestrel Systems" (a company's sector word)
    assert sorted(e.type for e in entities) == ["Organisation", "Weapon"]


@pytest.mark.model
def test_description_points_at_its_antecedent(parse: Callable[..., Parsed]) -> None:
    text = (
        "The Nordic Institute for Security Research published a report on Monday. "
        "The shipping lanes were busy, the institute said."
    )
    parsed = parse(text)
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    institute = by_form(entities, "Nordic Institute for Security Research")
    (description,) = [m for m in institute.mentions if m.label == DESCRIPTION_LABEL]
    assert description.text == "the institute"
    assert description.antecedent == text.index("Nordic Institute")
    assert "the institute" not in institute.alt_labels


@pytest.mark.model
def test_qualified_description_needs_the_right_country(parse: Callable[..., Parsed]) -> None:
    text = (
        "The Polish defence ministry said two drones fell near Rzeszow. "
        "The UK Ministry of Defence said it was monitoring the situation. "
        "Later the Polish ministry said the debris had been recovered."
    )
    entities = group_mentions(parse(text))
    polish = by_form(entities, "Polish defence ministry")
    assert any(m.text == "the Polish ministry" for m in polish.mentions)
    uk = by_form(entities, "UK Ministry of Defence")
    assert all(m.label != DESCRIPTION_LABEL for m in uk.mentions)


@pytest.mark.model
def test_a_company_noun_refers_to_the_one_company_named_before(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "The Labor Department said hiring slowed. Kestrel Motors will close two plants, the "
        "automaker said on Tuesday. The company said the plants employed 900 people. The "
        "Ohio-based firm's union said it would fight the plan."
    )
    entities = group_mentions(parse(text))
    kestrel = by_form(entities, "Kestrel Motors")
    described = [m.text for m in kestrel.mentions if m.label == DESCRIPTION_LABEL]
    assert described == ["the automaker", "The company"]  # not the Labor Department
    assert not any(m.text.endswith("firm") for e in entities for m in e.mentions)  # poss.
    assert by_form(entities, "Ohio").type == "Place"  # "Ohio-based"
    two = "Kestrel Motors sued Orlan Foods on Monday. The company said the case was weak."
    assert not any(
        m.label == DESCRIPTION_LABEL for e in group_mentions(parse(two)) for m in e.mentions
    )  # two companies: which one is not told


@pytest.mark.model
def test_parsed_acronym_and_titles(parse: Callable[..., Parsed]) -> None:
    text = (
        "Lt Gen Adam Zielinski of the Territorial Defence Force (TDF) said on Friday that "
        "TDF units had reached the border. Zielinski did not say how many."
    )
    entities = group_mentions(parse(text))
    general = by_form(entities, "Zielinski")
    assert general.label == "Adam Zielinski" and general.type == "Person"
    tdf = by_form(entities, "TDF")
    assert tdf.type == "Organisation" and len(tdf.mentions) == 3
    doctor = by_form(group_mentions(parse("Doctor Ines Marlow opened the clinic.")), "Ines Marlow")
    assert doctor.label == "Ines Marlow"
    assert [m.title for m in doctor.mentions] == ["Doctor"]
    # an executive's title in capitals, which NER ran into a name it took for a body
    text = "Veltro fired its chief executive. CTO Lena Varga will step in as interim CEO."
    cto = by_form(group_mentions(parse(text)), "Lena Varga")
    assert cto.type == "Person" and [m.title for m in cto.mentions] == ["CTO"]
    # a minister's remit is the title's, not the name's, though NER ran into it
    text = (
        "Secretary of State Lena Varga met Minister of Foreign Affairs Hamad bin Saleh "
        "Al-Shamrani. Deputy Minister of Economic Affairs Chen Jui-lung attended."
    )
    titled = {
        (e.label, m.title) for e in group_mentions(parse(text)) for m in e.mentions if m.title
    }
    assert titled == {
        ("Lena Varga", "Secretary of State"),
        ("Hamad bin Saleh Al-Shamrani", "Minister of Foreign Affairs"),
        ("Chen Jui-lung", "Deputy Minister of Economic Affairs"),
    }
    named = parse("Orbis named CTO Mira Halden interim chief.")
    cto = by_form(group_mentions(named), "Mira Halden")
    assert [m.title for m in cto.mentions] == ["CTO"]


@pytest.mark.model
def test_a_particle_surname_is_a_person_s_whatever_ner_made_of_it(
    parse: Callable[..., Parsed],
) -> None:
    # NER stopped at the particle ("Odile Le"), typed the bare surname a place or a body,
    # and the father's full name a body
    text = (
        "A court found far-right leader Odile Le Pen guilty on Monday. Le Pen, 56, walked "
        "out. Le Pen's father, Jean-Marie Le Pen, died in January."
    )
    entities = group_mentions(parse(text))
    odile = by_form(entities, "Odile Le Pen")
    assert odile.type == "Person" and [m.text for m in odile.mentions].count("Le Pen") >= 2
    father = by_form(entities, "Jean-Marie Le Pen")
    assert father.type == "Person" and father is not odile


@pytest.mark.model
def test_a_weapons_acronym_the_text_gives_a_body_is_the_bodys(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Gunmen attacked the school. The ruling Alliance for Progressive Change (APC) promised "
        "support. The APC accused the governor of failing the children."
    )
    entities = group_mentions(parse(text))
    assert not [e for e in entities if e.type == "Weapon"]
    party = by_form(entities, "Alliance for Progressive Change")
    assert [m.text for m in party.mentions] == ["Alliance for Progressive Change", "APC", "APC"]
    # introduced for the vehicle, or not introduced at all, the acronym is the vehicle's
    text = "Troops in an armoured personnel carrier (APC) chased the bandits. The APC was hit."
    [vehicle] = group_mentions(parse(text))
    assert vehicle.type == "Weapon" and "APC" in {m.text for m in vehicle.mentions}


@pytest.mark.model
def test_a_speakers_full_name_the_model_misses(parse: Callable[..., Parsed]) -> None:
    text = (
        "The ministry said the runway was open. "
        '"Nobody could tell me anything," said Ana Ruiz. Ana Ruiz said the toll could rise.'
    )
    parsed = parse(text)
    # the small model labels neither occurrence (else this test proves nothing)
    assert not any(t.ent_type for t in parsed.tokens if t.text in ("Ana", "Ruiz"))
    [ruiz] = [e for e in group_mentions(parsed) if e.type == "Person"]
    assert [text[m.begin : m.end] for m in ruiz.mentions] == ["Ana Ruiz", "Ana Ruiz"]
    # no given name the lexicon knows, but after a noun for a person, and an adjective that
    # opens the sentence, which NER labelled a body, is no name
    text = 'Heartbroken dad Aminu Danjuma, 45, said: "They are only 11 and 13."'
    parsed = parse(text)
    assert [(m.text, m.type) for m in parsed.mentions] == [("Heartbroken", "Organisation")]
    assert [(e.label, e.type) for e in group_mentions(parsed)] == [("Aminu Danjuma", "Person")]
    # no given name the lexicon knows, but set off beside a subject that is a role
    text = "The mayor of Marathon, Stergios Tsirkas, said the fire had reached the town."
    parsed = parse(text)
    assert not any(t.ent_type for t in parsed.tokens if t.text in ("Stergios", "Tsirkas"))
    [mayor] = [e for e in group_mentions(parsed) if e.type == "Person"]
    assert [m.text for m in mayor.mentions] == ["Stergios Tsirkas"]


def test_a_speakers_name_the_model_missed_is_a_given_name_and_no_bodys() -> None:
    parsed = hand_parsed("Stanley Hospital said so . Omar Vale said so . Tarn Vale said so .", [])
    said = [t.i for t in parsed.tokens if t.text == "said"]
    deps = {t.i: t._replace(dep="compound", head=t.i + 1) for t in parsed.tokens if t.i + 2 in said}
    deps |= {
        t.i: t._replace(dep="nsubj", head=t.i + 1, lemma=t.text.lower())
        for t in parsed.tokens
        if t.i + 1 in said
    }
    deps |= {i: parsed.tokens[i]._replace(lemma="say", pos="VERB") for i in said}
    tokens = tuple(deps.get(t.i, t) for t in parsed.tokens)
    entities = group_mentions(dataclasses.replace(parsed, tokens=tokens))
    # "Hospital" ends a body's name; "Tarn" is no given name the lexicon knows
    assert [(e.label, e.type) for e in entities] == [("Omar Vale", "Person")]


@pytest.mark.model
def test_company_and_person_evidence_in_the_words_around_a_name(
    parse: Callable[..., Parsed],
) -> None:
    # a company whose stock trades, which NER took for a place
    listed = by_form(group_mentions(parse("Shares of Nvidia rose 4% on Monday.")), "Nvidia")
    assert listed.type == "Organisation"
    # where a role works
    text = '"It is circular," said Stacy Rasgon, an analyst at Bernstein.'
    assert by_form(group_mentions(parse(text)), "Bernstein").type == "Organisation"
    # a title that opens other names too, before a known given name, under NER's other label
    # (the model labels this whole run a work of art)
    text = '"Everything starts with compute," OpenAI Chief Executive Sam Altman said.'
    assert by_form(group_mentions(parse(text)), "Sam Altman").type == "Person"
    text = "Dorwell, who toured the area on Sunday, told reporters the damage was historic."
    assert by_form(group_mentions(parse(text)), "Dorwell").type == "Person"
    # where someone is: the "who" is said of the worker ("Tawila" typed a person before)
    text = (
        "The clinic in Tawila was full. An aid worker in Tawila, who requested anonymity, "
        "said armed men had been seen on the road."
    )
    assert by_form(group_mentions(parse(text)), "Tawila").type == "Place"
    for text, body in [
        ("The Kestrel Rovers, who won on Sunday, said the coach would stay.", "Kestrel Rovers"),
        ("A professor at Velmont University, who funded the study, spoke.", "Velmont University"),
    ]:
        assert by_form(group_mentions(parse(text)), body).type == "Organisation"


@pytest.mark.model
def test_a_first_given_name_alone_after_the_full_name_is_that_person(
    parse: Callable[..., Parsed],
) -> None:
    # which the tagger read as a noun ("Evandro said") or NER missed ("show Evandro with")
    text = "Governor Evandro Lacerda spoke on Monday. Polls show Evandro with 19% support."
    evandro = by_form(group_mentions(parse(text)), "Evandro Lacerda")
    assert [m.text for m in evandro.mentions] == ["Evandro Lacerda", "Evandro"]


@pytest.mark.model
def test_a_lone_name_ner_missed_that_speaks_is_a_person(parse: Callable[..., Parsed]) -> None:
    from kg.claims.extraction import extract_claims

    # the model labels nothing in either sentence; the claim had no source at all
    for text, name in [
        ("Tedros told reporters in Geneva that cases had been confirmed.", "Tedros"),
        ("Mbeki told reporters the talks had failed.", "Mbeki"),
    ]:
        parsed = parse(text)
        entities = group_mentions(parsed)
        assert by_form(entities, name).type == "Person"
        [c] = extract_claims(parsed, [m for e in entities for m in e.mentions])
        assert c.claimant_mention is not None and c.claimant_mention.text == name
    # a noun for people opening the sentence is no name ("Jurors" is tagged a proper noun)
    text = (
        "Jurors found Sean Delane not guilty of the most serious charges against him, sex "
        "trafficking and racketeering, but guilty of flying people across state lines."
    )
    assert [e.label for e in group_mentions(parse(text))] == ["Sean Delane"]


@pytest.mark.model
def test_a_rank_of_two_title_words_and_a_name_is_a_person(parse: Callable[..., Parsed]) -> None:
    # NER took "Air Marshal A.K. Dutt" for a body; "Administrator" is a title, not a name
    text = "Air Marshal A.K. Dutt, director general of air operations, said losses occur."
    dutt = by_form(group_mentions(parse(text)), "A.K. Dutt")
    assert dutt.type == "Person" and [m.title for m in dutt.mentions] == ["Air Marshal"]
    text = "Agency Administrator Tomas Kreller said the review was over."
    kreller = by_form(group_mentions(parse(text)), "Tomas Kreller")
    assert [m.title for m in kreller.mentions] == ["Administrator"]


@pytest.mark.model
def test_a_dotted_rank_before_another_is_one_title_not_a_name(parse: Callable[..., Parsed]) -> None:
    # the tokenizer split "Brig." from its point and ended the sentence there
    text = "Brig. Gen. Idris Matuk said the column had withdrawn. Matuk spoke in Kassala."
    entities = group_mentions(parse(text))
    assert [e.label for e in entities] == ["Idris Matuk", "Kassala"]
    assert [m.title for m in entities[0].mentions] == ["Brig. Gen.", ""]


@pytest.mark.model
def test_a_titled_name_ner_ran_into_its_state_is_the_person(parse: Callable[..., Parsed]) -> None:
    # NER read "Baek of California" as a place and a body, "Ji-hoon" as a person of its own
    text = (
        "Representative Ji-hoon Baek of California, who had voted for Mr. Pruitt three "
        "times, switched. Rep. Ji-hoon Baek of California said he was done. Baek left."
    )
    entities = group_mentions(parse(text))
    baek = by_form(entities, "Ji-hoon Baek")
    assert sorted(m.text for m in baek.mentions) == ["Baek", "Ji-hoon Baek", "Ji-hoon Baek"]
    assert not [e for e in entities if "California" in e.label or e.label == "Ji-hoon"]


@pytest.mark.model
def test_an_outlet_in_brackets_after_a_place_is_no_acronym_of_it(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Seoul, South Korea (CNN) — A plane crashed on landing on Sunday, officials said. "
        "CNN has asked the airline for comment. South Korea declared a week of mourning."
    )
    entities = group_mentions(parse(text))
    assert sorted(m.text for m in by_form(entities, "South Korea").mentions) == [
        "South Korea",
        "South Korea",
    ]
    assert by_form(entities, "CNN").type == "Organisation"


@pytest.mark.model
def test_a_bodys_own_name_in_brackets_is_another_name_of_it(
    parse: Callable[..., Parsed],
) -> None:
    # NER ran the name into the bracket, and typed the other name a person
    text = "The Turkish Red Crescent (Kızılay) sent tents. Kızılay said more were coming."
    entities = group_mentions(parse(text))
    crescent = by_form(entities, "Turkish Red Crescent")
    assert crescent.type == "Organisation"
    assert sorted(m.text for m in crescent.mentions) == [
        "Kızılay",
        "Kızılay",
        "Turkish Red Crescent",
    ]


@pytest.mark.model
def test_a_name_after_a_title_inside_a_bodys_name_is_a_person(
    parse: Callable[..., Parsed],
) -> None:
    # NER read the whole as one organisation
    text = '"It is not a coincidence," Republican Assembly Speaker Curtis Wendt told NCN.'
    entities = group_mentions(parse(text))
    wendt = by_form(entities, "Curtis Wendt")
    assert wendt.type == "Person" and [m.title for m in wendt.mentions] == ["Speaker"]


@pytest.mark.model
def test_county_officers_titles_are_no_part_of_the_name(parse: Callable[..., Parsed]) -> None:
    text = (
        "Maricopa County Recorder Jennifer Tsai said the count was accurate. County Assessor "
        "Linda Hume agreed, and Registrar Omar Pell said more ballots remained."
    )
    people = [e for e in group_mentions(parse(text)) if e.type == "Person"]
    assert [(e.label, e.mentions[0].title) for e in people] == [
        ("Jennifer Tsai", "Recorder"),
        ("Linda Hume", "Assessor"),
        ("Omar Pell", "Registrar"),
    ]


@pytest.mark.model
def test_a_hyphenated_surname_again_is_its_bearer(parse: Callable[..., Parsed]) -> None:
    # NER left "Obi-Adeyemi" out, and the last half alone had been taken for a name
    text = (
        "Ikenna Obi-Adeyemi, an analyst at a Lagos consultancy, said the bandits were well "
        "armed. Obi-Adeyemi said the group had demanded a ransom."
    )
    people = [e for e in group_mentions(parse(text)) if e.type == "Person"]
    assert [sorted(m.text for m in e.mentions) for e in people] == [
        ["Ikenna Obi-Adeyemi", "Obi-Adeyemi"]
    ]


@pytest.mark.model
def test_a_groups_name_and_its_plural_are_one_body(parse: Callable[..., Parsed]) -> None:
    text = (
        "The Houthis fired missiles at a tanker on Monday. A Houthi spokesman said the group "
        "would continue. Houthi forces also launched drones, and the Houthis said more "
        "would follow."
    )
    bodies = [e for e in group_mentions(parse(text)) if e.type == "Organisation"]
    assert [sorted(m.text for m in e.mentions) for e in bodies] == [
        ["Houthi", "Houthi", "Houthis", "Houthis"]
    ]


@pytest.mark.model
def test_a_designation_with_digits_is_no_person(parse: Callable[..., Parsed]) -> None:
    text = "The legacy L-70 and ZU-23 guns fired all night. Officials said the CH-95s were new."
    entities = group_mentions(parse(text))
    assert not [e for e in entities if e.type == "Person"]


@pytest.mark.model
def test_air_before_a_name_is_an_airline_not_a_title(parse: Callable[..., Parsed]) -> None:
    text = (
        "Air Norvania said the flight was delayed. Air Canada cancelled two flights, and "
        "Air Marshal Tiva Ronde said the runway was closed."
    )
    entities = group_mentions(parse(text))
    assert by_form(entities, "Air Norvania").type == "Organisation"
    assert by_form(entities, "Air Canada").type == "Organisation"
    assert not [e for e in entities if e.label == "Canada"]
    assert [m.title for m in by_form(entities, "Tiva Ronde").mentions] == ["Air Marshal"]


@pytest.mark.model
def test_a_name_listed_with_places_after_in_is_a_place(parse: Callable[..., Parsed]) -> None:
    text = "Five people were killed in clashes in Peshawar, Quetta and Lahore, officials said."
    entities = group_mentions(parse(text))
    assert {by_form(entities, w).type for w in ("Peshawar", "Quetta", "Lahore")} == {"Place"}


@pytest.mark.model
def test_the_words_ner_leaves_out_of_a_name_are_taken_in(parse: Callable[..., Parsed]) -> None:
    # a surname after a lone given name, a title word too ("Judge" of "Paul Judge")
    text = (
        "Ana Ruiz said Vale and his friend Paul Judge pushed her. "
        "Judge, who has said he does not remember, did not testify."
    )
    friend = by_form(group_mentions(parse(text)), "Paul Judge")
    assert [m.text for m in friend.mentions] == ["Paul Judge", "Judge"]
    # a given name opening a paragraph ("<break>Christine [Blasey Ford]")
    text = (
        "Orbis Hearing: Blasey Ford Says She Is Certain\n\n"
        "Christine Blasey Ford told the committee on Thursday that she was certain."
    )
    parsed = parse(text)
    assert [m.text for m in parsed.mentions] == ["Blasey Ford", "Christine Blasey Ford"]
    assert by_form(group_mentions(parsed), "Blasey Ford").label == "Christine Blasey Ford"


@pytest.mark.model
def test_mention_cleanup(parse: Callable[..., Parsed]) -> None:
    text = "Ukrainian troops held Kupiansk at 0400 GMT.\nThe Kharkiv region governor spoke.\n"
    parsed = parse(text)
    forms = {m.text for m in parsed.mentions}
    assert "Ukrainian" not in forms and "GMT" not in forms
    assert "Kupiansk" in forms and "Kharkiv region" in forms
    assert all("\n" not in m.text for m in parsed.mentions)
    # a currency's code names no organisation
    text = "Developers can join the program, which costs $99 (USD) a year, Apple said."
    assert [m.text for m in parse(text).mentions] == ["Apple"]


# -- weapons: one node per system, generic classes per document (kg.entities.weapons) -----------


def weapon_parsed(text: str, spans: list[tuple[str, str, str]]) -> Parsed:
    """hand_parsed with weapon mentions: (form, system or "", class term)."""
    parsed = hand_parsed(text, [(form, "Weapon") for form, _, _ in spans])
    mentions = tuple(
        dataclasses.replace(m, weapon_system=system, weapon_class=wclass)
        for m, (_, system, wclass) in zip(parsed.mentions, spans, strict=True)
    )
    return dataclasses.replace(parsed, mentions=mentions)


def test_phrases_of_one_system_are_one_weapon_named_by_the_system() -> None:
    parsed = weapon_parsed(
        "Crews moved the Vostok launchers east. Later Vostok rockets and a Vostok-2 system fired.",
        [
            ("Vostok launchers", "Vostok", "RocketArtillery"),
            ("Vostok rockets", "Vostok", "RocketArtillery"),
            ("Vostok-2 system", "Vostok-2", "RocketArtillery"),
        ],
    )
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    vostok = by_form(entities, "Vostok launchers")
    assert vostok.label == "Vostok"
    assert vostok.alt_labels == ("Vostok launchers", "Vostok rockets")
    assert "weapon-system" in {m.rule for m in vostok.merges}
    assert by_form(entities, "Vostok-2 system") is not vostok  # another designation


def test_distinct_designations_never_share_a_weapon() -> None:
    parsed = weapon_parsed(
        "An S-300 battery and an S-400 battery, a Kh-101 and a Kh-555, an M777 and an M109.",
        [
            ("S-300 battery", "S-300", "AirDefence"),
            ("S-400 battery", "S-400", "AirDefence"),
            ("Kh-101", "Kh-101", "CruiseMissile"),
            ("Kh-555", "Kh-555", "CruiseMissile"),
            ("M777", "M777", "Artillery"),
            ("M109", "M109", "Artillery"),
        ],
    )
    assert sorted(e.label for e in group_mentions(parsed)) == [
        "Kh-101", "Kh-555", "M109", "M777", "S-300", "S-400",
    ]  # fmt: skip


def test_generic_weapon_tied_by_a_preposition_points_at_the_system() -> None:
    text = "Gunners fired eight rockets from a US-made Vostok launcher at the depot."
    parsed = weapon_parsed(
        text, [("rockets", "", "RocketArtillery"), ("Vostok launcher", "Vostok", "RocketArtillery")]
    )
    (vostok,) = group_mentions(parsed)
    rockets = next(m for m in vostok.mentions if m.text == "rockets")
    assert rockets.antecedent == text.index("Vostok")
    assert vostok.label == "Vostok" and vostok.alt_labels == ("Vostok launcher",)
    assert "weapon-tie" in {m.rule for m in vostok.merges}


def test_definite_generic_joins_the_one_earlier_system_of_its_class_only() -> None:
    one = weapon_parsed(
        "The army used Vostok launchers. The rockets hit a bridge.",
        [("Vostok launchers", "Vostok", "RocketArtillery"), ("rockets", "", "RocketArtillery")],
    )
    (vostok,) = group_mentions(one)
    assert "weapon-anaphor" in {m.rule for m in vostok.merges}
    two = weapon_parsed(
        "The army used Vostok and Zarya launchers. The rockets hit a bridge.",
        [
            ("Vostok", "Vostok", "RocketArtillery"),
            ("Zarya launchers", "Zarya", "RocketArtillery"),
            ("rockets", "", "RocketArtillery"),
        ],
    )
    assert len(group_mentions(two)) == 3  # "the rockets" could be either
    other_class = weapon_parsed(
        "The army used Vostok launchers. The missiles hit a bridge.",
        [("Vostok launchers", "Vostok", "RocketArtillery"), ("missiles", "", "Missile")],
    )
    assert len(group_mentions(other_class)) == 2
    indefinite = weapon_parsed(
        "The army used Vostok launchers. Four rockets hit a bridge.",
        [("Vostok launchers", "Vostok", "RocketArtillery"), ("rockets", "", "RocketArtillery")],
    )
    assert len(group_mentions(indefinite)) == 2


def test_untied_generic_mentions_are_one_weapon_per_class() -> None:
    parsed = weapon_parsed(
        "A missile strike hit the port. More missiles and two drones followed.",
        [("missile", "", "Missile"), ("missiles", "", "Missile"), ("drones", "", "Drone")],
    )
    entities = group_mentions(parsed)
    forms = sorted(tuple(sorted({e.label, *e.alt_labels})) for e in entities)
    assert forms == [("drones",), ("missile", "missiles")]
    assert sorted(e.weapon_class for e in entities) == ["Drone", "Missile"]


# -- types the text proves (kg.entities.types) -------------------------------------------------


def types_of(text: str, spans: list[tuple[str, EntityType]]) -> dict[str, str]:
    """The type of each entity's label after grouping a hand-built text."""
    return {e.label: e.type for e in group_mentions(hand_parsed(text, spans))}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shells fell on the village of Zorivka overnight.", "Zorivka"),  # place noun + "of"
        ("Aid reached the mountain villages of the Zorivka.", "Zorivka"),  # plural, article
        ("The quake struck 70 km south of Zorivka.", "Zorivka"),  # a direction + "of"
        ("The mayor of Zorivka said the fire was out.", "Zorivka"),  # a town's office + "of"
        ("The people of Zorivka are angry.", "Zorivka"),  # its people + "of"
        ("Troops pushed on to Velykoselo, a small city in the south.", "Velykoselo"),  # apposition
        ("Two drones were downed near Ostrel military airfield.", "Ostrel"),  # facility noun
        ("Ten people died in Pryluzhivka after the blast.", "Pryluzhivka"),  # locative + ending
        ("Crowds gathered in Odesa on Sunday.", "Odesa"),  # locative + gazetteer
    ],
)
def test_context_makes_a_mistyped_name_a_place(text: str, name: str) -> None:
    assert types_of(text, [(name, "Person")])[name] == "Place"
    assert types_of(text, [(name, "Organisation")])[name] == "Place"


@pytest.mark.parametrize(
    "text",
    [
        "Pryluzhivka said the talks would resume.",  # a place-like ending alone is no evidence
        "The meeting with Odesa ended early.",  # a gazetteer name alone is no evidence
        "Votes went to Halyna Ostrel, a town councillor since May.",  # a role, not a place
        "Deliveries from Ostrel base were delayed.",  # "base" alone names no facility
        "The mayor of the Ostrel said so.",  # "the X": a body's name as well
    ],
)
def test_weak_evidence_changes_no_type(text: str) -> None:
    name = next(n for n in ("Pryluzhivka", "Halyna Ostrel", "Ostrel", "Odesa") if n in text)
    assert types_of(text, [(name, "Person")])[name] == "Person"


def test_a_type_the_context_proves_holds_for_the_whole_document() -> None:
    text = "Zorivka was quiet. Later, shells hit the village of Zorivka again."
    parsed = hand_parsed(text, [("Zorivka", "Person"), ("Zorivka", "Person")])
    (zorivka,) = group_mentions(parsed)
    assert zorivka.type == "Place" and len(zorivka.mentions) == 2
    check_partition(parsed, (zorivka,))


@pytest.mark.parametrize(
    "name",
    ["Order of Valour", "Medal for Bravery", "Harvest Prize", "Great Autumn Offensive",
     "Operation Winter Gate", "Battle of Kresy", "Housing Finance Bill", "Clean Rivers Act"],
)  # fmt: skip
def test_awards_operations_and_battles_are_no_entities(name: str) -> None:
    text = f"The story of {name} was told again."
    for etype in ("Person", "Organisation", "Place"):
        assert group_mentions(hand_parsed(text, [(name, etype)])) == ()


def test_a_social_network_is_an_organisation() -> None:
    text = "Posting on Instagram, the governor said the road was open."
    assert types_of(text, [("Instagram", "Person")]) == {"Instagram": "Organisation"}


def test_a_role_in_apposition_makes_a_name_a_person() -> None:
    text = "Hrabenko, the regional governor, said the road was open."
    assert types_of(text, [("Hrabenko", "Organisation")]) == {"Hrabenko": "Person"}
    said = "The Kestrel Group, a spokesman said, will appeal."  # the spokesman is not the group
    assert types_of(said, [("Kestrel Group", "Organisation")]) == {"Kestrel Group": "Organisation"}


def test_a_body_in_apposition_makes_a_name_an_organisation() -> None:
    text = "Harrow Vance, the largest U.S. bank, posted a rise in profit."
    assert types_of(text, [("Harrow Vance", "Person")]) == {"Harrow Vance": "Organisation"}
    group = "Tessaly Watch, an environmental group, sued the agency."
    assert types_of(group, [("Tessaly Watch", "Place")]) == {"Tessaly Watch": "Organisation"}


@pytest.mark.model
def test_no_body_in_apposition_where_a_place_or_a_possessor_is_described(
    parse: Callable[..., Parsed],
) -> None:
    # a place-qualified description ("Troy, Mich., company") and a possessor ("the bank's
    # chief") describe something else
    text = (
        "The gunman had been fired by a Redmond, Wash. company. "
        "Marlow Hendry, the bank's chief executive, resigned on Friday. "
        "Ada Quist, the president's wife, spoke."
    )
    types = {e.label: e.type for e in group_mentions(parse(text))}
    assert types == {
        "Redmond": "Place",
        "Wash.": "Place",
        "Marlow Hendry": "Person",
        "Ada Quist": "Person",
    }


def test_a_first_level_region_after_in_is_a_place() -> None:
    # the gazetteer holds the states and provinces of large countries, not only of one war
    text = "She campaigned in Uttar Pradesh and in Rio Grande do Sul."
    spans = [("Uttar Pradesh", "Organisation"), ("Rio Grande do Sul", "Organisation")]
    assert types_of(text, spans) == {"Uttar Pradesh": "Place", "Rio Grande do Sul": "Place"}


def test_a_role_right_before_a_name_makes_it_a_person() -> None:
    text = "His lawyer Tova Rindal said the verdict was wrong."
    assert types_of(text, [("Tova Rindal", "Organisation")]) == {"Tova Rindal": "Person"}
    set_off = "The bank's former deputy, Tova Rindal, was sentenced to four years."
    assert types_of(set_off, [("Tova Rindal", "Organisation")]) == {"Tova Rindal": "Person"}
    # no apposition: "the minister, Kestrel Media reported" names no minister
    told = "The plan was dropped, said the minister, Kestrel Media reported."
    assert types_of(told, [("Kestrel Media", "Organisation")]) == {"Kestrel Media": "Organisation"}
    # an occupation of people, not only an office: "the actress X", "the striker X"
    actress = "The actress Orla Pennick testified that she was assaulted."
    assert types_of(actress, [("Orla Pennick", "Organisation")]) == {"Orla Pennick": "Person"}
    # a company's kind is no role: "the steel producer X" stays an organisation
    producer = "The steel producer Varnholt Werke cut jobs."
    assert types_of(producer, [("Varnholt Werke", "Organisation")]) == {
        "Varnholt Werke": "Organisation"
    }


def test_the_tail_of_an_award_is_no_entity() -> None:
    text = "She received the Order of Valour in Lutsk."
    parsed = hand_parsed(text, [("Valour", "Place"), ("Lutsk", "Place")])
    assert [e.label for e in group_mentions(parsed)] == ["Lutsk"]


@pytest.mark.model
def test_issue_22_names_on_real_parses(parse: Callable[..., Parsed]) -> None:
    """Hyphenated East Asian given names, titles kept apart, "the North" no place."""
    text = (
        "President Park Ha-eun met Special Counsel Dora Whitfield in Seoul on Monday. "
        "Park said Whitfield had been helpful. The North has not commented."
    )
    parsed = parse(text)
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    park = by_form(entities, "Park")
    assert park.label == "Park Ha-eun" and park.type == "Person"
    assert {m.title for m in park.mentions} == {"President", ""}
    whitfield = by_form(entities, "Whitfield")
    assert whitfield.label == "Dora Whitfield"
    assert {m.title for m in whitfield.mentions} == {"Special Counsel", ""}
    assert not any("North" in m.text for e in entities for m in e.mentions)


@pytest.mark.model
def test_local_offices_are_titles_and_some_say_a_gender(parse: Callable[..., Parsed]) -> None:
    text = (
        "Councillor Ed Brandt and District Attorney Lena Voss spoke first. Assemblywoman "
        "Pat Orrin and her cousin Sam Orrin followed. Orrin said she would vote no."
    )
    entities = group_mentions(parse(text))
    assert {m.title for m in by_form(entities, "Ed Brandt").mentions} == {"Councillor"}
    assert {m.title for m in by_form(entities, "Lena Voss").mentions} == {"District Attorney"}
    pat = by_form(entities, "Pat Orrin")
    # "she" after the bare surname: the assemblywoman, not her cousin
    assert {m.text for m in pat.mentions} == {"Pat Orrin", "Orrin"}


@pytest.mark.model
def test_a_name_ending_in_a_companys_word_is_no_person(parse: Callable[..., Parsed]) -> None:
    text = "The money went to Belmark Securities and Tovin Capital, the filings show."
    types = {e.label: e.type for e in group_mentions(parse(text))}
    assert types == {"Belmark Securities": "Organisation", "Tovin Capital": "Organisation"}


def test_a_place_inside_an_organisations_name_is_part_of_it() -> None:
    text = "Pilots of Norland Airways and the Bank of Norland met."
    tokens = [m for m in re.finditer(r"\w+|[^\w\s]", text)]
    deps = {"Norland": "compound"}
    toks = tuple(
        Token(i, w.start(), w.end(), w.group(), w.group().lower(),
              "PROPN" if w.group()[0].isupper() else "NOUN", "", deps.get(w.group(), ""),
              i + 1 if w.group() == "Norland" and i == 2 else i, 0)
        for i, w in enumerate(tokens)
    )  # fmt: skip

    def mention(form: str, etype: EntityType, nth: int = 0) -> Mention:
        begin = [m.start() for m in re.finditer(re.escape(form), text)][nth]
        start = next(t.i for t in toks if t.begin == begin)
        end = next(t.i for t in toks if t.end == begin + len(form)) + 1
        return Mention("doc", begin, begin + len(form), form, etype, 0, start, end)

    parsed = Parsed(
        make_document(text),
        toks,
        (Sentence(0, len(text), 0, len(toks)),),
        (
            mention("Norland", "Place"),
            mention("Bank of", "Organisation"),
            mention("Norland", "Place", 1),
        ),
    )
    labels = {(e.label, e.type) for e in group_mentions(parsed)}
    assert labels == {("Norland Airways", "Organisation"), ("Bank of Norland", "Organisation")}
    # a place "X of" that a gazetteer place completes stays a place
    bay = dataclasses.replace(
        parsed,
        mentions=(
            mention("Norland", "Place"),
            mention("Bank of", "Place"),
            mention("Norland", "Place", 1),
        ),
    )
    assert ("Bank of Norland", "Place") in {(e.label, e.type) for e in group_mentions(bay)}


def test_a_hyphenated_tail_of_a_persons_name_is_part_of_it() -> None:
    text = "Moon Ha-eun spoke."
    toks = (
        Token(0, 0, 4, "Moon", "moon", "PROPN", "", "", 0, 0),
        Token(1, 5, 7, "Ha", "ha", "PROPN", "", "", 1, 0),
        Token(2, 7, 8, "-", "-", "PUNCT", "", "", 2, 0),
        Token(3, 8, 11, "eun", "eun", "PROPN", "", "", 3, 0),
        Token(4, 12, 17, "spoke", "speak", "VERB", "", "", 4, 0),
    )
    parsed = Parsed(
        make_document(text),
        toks,
        (Sentence(0, len(text), 0, len(toks)),),
        (Mention("doc", 0, 7, "Moon Ha", "Person", 0, 0, 2),),
    )
    (person,) = group_mentions(parsed)
    assert person.label == "Moon Ha-eun"
    assert [text[m.begin : m.end] for m in person.mentions] == ["Moon Ha-eun"]


def split_parsed(text: str, spans: list[tuple[str, EntityType]]) -> Parsed:
    """A one-sentence Parsed tokenised as spaCy does hyphens ("el", "-", "Haddad")."""
    words = list(re.finditer(r"\w+|[^\w\s]", text))
    toks = tuple(
        Token(i, w.start(), w.end(), w.group(), w.group().lower(),
              "PROPN" if w.group()[0].isupper() else "NOUN", "", "", i, 0)
        for i, w in enumerate(words)
    )  # fmt: skip
    mentions = []
    for form, etype in spans:
        begin = text.index(form)
        start = next(t.i for t in toks if t.begin == begin)
        end = next(t.i for t in toks if t.end == begin + len(form)) + 1
        mentions.append(Mention("doc", begin, begin + len(form), form, etype, 0, start, end))
    sentences = (Sentence(0, len(text), 0, len(toks)),)
    return Parsed(make_document(text), toks, sentences, tuple(mentions))


def test_a_name_run_into_its_bracketed_acronym_is_cut_and_joined() -> None:
    text = "The Nordic Health Agency (NHA) said so. NHA officials agreed."
    parsed = split_parsed(text, [("Nordic Health Agency (NHA", "Organisation")])
    entities = group_mentions(parsed)
    agency = by_form(entities, "Nordic Health Agency")
    # the acronym in brackets, and again where NER missed it ("NHA officials")
    assert [m.text for m in agency.mentions] == ["Nordic Health Agency", "NHA", "NHA"]
    assert [text[m.begin : m.end] for m in agency.mentions] == [m.text for m in agency.mentions]
    assert "acronym" in {m.rule for m in agency.merges}


def test_a_surname_after_a_name_particle_finishes_the_persons_name() -> None:
    text = "President Karim-Nour el-Haddad met Greta von der Hallen. El-Haddad said so."
    parsed = split_parsed(
        text,
        [("Karim-Nour", "Person"), ("Greta von der", "Person"), ("Hallen", "Place"),
         ("El-Haddad", "Organisation")],
    )  # fmt: skip
    entities = group_mentions(parsed)
    check_partition(dataclasses.replace(parsed, mentions=()), entities)
    haddad = by_form(entities, "Karim-Nour el-Haddad")
    assert haddad.type == "Person" and {m.text for m in haddad.mentions} == {
        "Karim-Nour el-Haddad",
        "El-Haddad",
    }
    hallen = by_form(entities, "Greta von der Hallen")
    assert [text[m.begin : m.end] for m in hallen.mentions] == ["Greta von der Hallen"]
    assert not any(e.type == "Place" for e in entities)  # "Hallen" was the surname


def test_a_surname_ner_split_off_after_a_particle_is_the_rest_of_the_name() -> None:
    text = (
        "Lotte ter Wiel spoke for the party. Ramon delos Reyes, whose nephew was hurt, disagreed."
    )
    parsed = split_parsed(
        text,
        [("Lotte", "Person"), ("Wiel", "Person"), ("Ramon", "Person"), ("Reyes", "Person")],
    )  # fmt: skip
    entities = group_mentions(parsed)
    check_partition(dataclasses.replace(parsed, mentions=()), entities)
    wiel = by_form(entities, "Lotte ter Wiel")
    assert [text[m.begin : m.end] for m in wiel.mentions] == ["Lotte ter Wiel"]
    reyes = by_form(entities, "Ramon delos Reyes")  # a Filipino particle
    assert [m.text for m in reyes.mentions] == ["Ramon delos Reyes"]
    assert {e.label for e in entities} == {"Lotte ter Wiel", "Ramon delos Reyes"}


def test_one_word_person_after_a_locative_preposition_is_a_place() -> None:
    parsed = hand_parsed(
        "Talks were held in Brenmoor. Mr Dale Orrin spoke.",
        [("Brenmoor", "Person"), ("Dale Orrin", "Person")],
    )
    parsed = dataclasses.replace(
        parsed,
        tokens=tuple(t._replace(dep="pobj") if t.text == "Brenmoor" else t for t in parsed.tokens),
    )
    types = {e.label: e.type for e in group_mentions(parsed)}
    assert types == {"Brenmoor": "Place", "Dale Orrin": "Person"}


@pytest.mark.model
def test_a_capitalised_role_noun_opening_a_sentence_is_no_part_of_the_name(
    parse: Callable[..., Parsed],
) -> None:
    parsed = parse(
        "The service ended at noon. Historian Jon Marsh, who wrote his biography, called him "
        "a statesman. Economist Lena Varga agreed."
    )
    people = {m.text for m in parsed.mentions if m.type == "Person"}
    assert {"Jon Marsh", "Lena Varga"} <= people
    assert not [p for p in people if p.startswith(("Historian", "Economist"))]


@pytest.mark.model
def test_a_preposition_opening_the_sentence_is_no_part_of_the_name(
    parse: Callable[..., Parsed],
) -> None:
    parsed = parse("Inside al-Fashir, the situation is dire.")
    assert [m.text for m in parsed.mentions] == ["al-Fashir"]


@pytest.mark.model
def test_a_us_states_abbreviation_is_the_state_and_its_name_does_not_cut_longer_names(
    parse: Callable[..., Parsed],
) -> None:
    parsed = parse(
        "He was buried in Dunmore, Tex., on Thursday. He had studied at Ohio State University "
        "and worked for Texas Instruments in Kansas City."
    )
    by_text = {m.text: m for m in parsed.mentions}
    assert by_text["Tex"].type == "Place" and by_text["Tex"].kb_id == "Q1439"
    entities = group_mentions(parsed)
    assert by_form(entities, "Tex").label == "Tex"
    # the gazetteer's states are left to NER, which finds the longer names whole
    assert {"Ohio State University", "Texas Instruments", "Kansas City"} <= set(by_text)
    assert not {"Ohio", "Texas", "Kansas"} & set(by_text)


@pytest.mark.model
def test_a_gazetteer_place_opening_a_longer_name_is_left_to_ner(
    parse: Callable[..., Parsed],
) -> None:
    parsed = parse(
        "Shares fell on the New York Stock Exchange. The river flooded Quebec City. "
        "Kyiv Mayor Ivan Dorosh spoke in Moscow Friday."
    )
    found = {(m.text, m.type) for m in parsed.mentions}
    assert {("New York Stock Exchange", "Organisation"), ("Quebec City", "Place")} <= found
    assert not {("New York", "Place"), ("Quebec", "Place")} & found
    # a title or a day after the place: the place stays
    assert {("Kyiv", "Place"), ("Moscow", "Place")} <= found
    # an abbreviation opens a name too
    parsed = parse("The U.S. Geological Survey put the magnitude at 6.8.")
    assert ("U.S. Geological Survey", "Organisation") in {(m.text, m.type) for m in parsed.mentions}


@pytest.mark.model
def test_a_gazetteer_place_closing_a_longer_name_is_left_to_ner(
    parse: Callable[..., Parsed],
) -> None:
    parsed = parse(
        "Drones struck the port of Port Sudan again. Fighting spread to North Darfur. "
        "In Sudan, President Ruto met Chancellor Merz."
    )
    found = {(m.text, m.type) for m in parsed.mentions}
    assert {("Port Sudan", "Place"), ("North Darfur", "Place")} <= found
    assert not {"Darfur"} & {text for text, _ in found}
    # a capitalised word opening the sentence or a title before the place: the place stays
    assert ("Sudan", "Place") in found


@pytest.mark.model
def test_a_known_place_after_a_persons_name_keeps_its_type_before_an_apposition(
    parse: Callable[..., Parsed],
) -> None:
    parsed = parse(
        "The vote was a victory for Senator Dale Harrow of Kentucky, the majority leader, "
        "who said the party had stood firm."
    )
    entities = group_mentions(parsed)
    assert by_form(entities, "Kentucky").type == "Place"
    assert by_form(entities, "Dale Harrow").type == "Person"


@pytest.mark.model
def test_a_name_ner_missed_after_a_title_only_people_bear_is_a_person(
    parse: Callable[..., Parsed],
) -> None:
    text = "Governor Ana Ruiz said the storm killed 12 people. General Motors said it would help."
    parsed = parse(text)
    assert not [m for m in parsed.mentions if m.text == "Ana Ruiz"]  # the model misses it
    entities = group_mentions(parsed)
    ruiz = by_form(entities, "Ana Ruiz")
    assert ruiz.type == "Person" and [m.title for m in ruiz.mentions] == ["Governor"]
    assert text[ruiz.mentions[0].begin : ruiz.mentions[0].end] == "Ana Ruiz"
    assert not [e for e in entities if e.type == "Person" and "Motors" in e.label]


@pytest.mark.model
def test_a_surname_ner_labelled_a_nationality_is_the_person_named_before(
    parse: Callable[..., Parsed],
) -> None:
    # the model labels "Han" a nationality (the Han Chinese), which the nlp stage drops
    text = (
        "Lawmakers voted to impeach Prime Minister Han Sung-jin on Friday. Mr Han had "
        'refused to appoint three judges. "The vote is invalid," Han said.'
    )
    han = by_form(group_mentions(parse(text)), "Han Sung-jin")
    assert [(m.text, m.title) for m in han.mentions] == [
        ("Han Sung-jin", "Prime Minister"),
        ("Han", "Mr"),
        ("Han", ""),
    ]
    assert all(text[m.begin : m.end] == m.text for m in han.mentions)


@pytest.mark.model
def test_a_name_before_a_family_noun_names_no_one_person(parse: Callable[..., Parsed]) -> None:
    text = (
        "Senator Paul Ardent Jr. was confirmed on Thursday. The vote exposed a rift within the "
        "Ardent family. Ardent said he was grateful. The Castellan brothers were resentenced."
    )
    entities = group_mentions(parse(text))
    paul = by_form(entities, "Paul Ardent Jr.")
    # "Ardent said", not the family
    assert [m.begin for m in paul.mentions] == [
        text.index("Paul Ardent Jr."),
        text.index("Ardent said"),
    ]
    assert not [e for e in entities if "Castellan" in e.label]


@pytest.mark.model
def test_a_name_modifying_a_place_noun_is_a_place(parse: Callable[..., Parsed]) -> None:
    # the model types the province a person
    text = "Most of the deaths were in Al Haouz province, where villages collapsed."
    assert by_form(group_mentions(parse(text)), "Al Haouz").type == "Place"


def test_capitals_with_a_generational_suffix_are_a_person() -> None:
    # the model labels "RFK Jr." an organisation at times
    text = "Senators said HTV III would be sworn in soon."
    assert types_of(text, [("HTV III", "Organisation")])["HTV III"] == "Person"
    assert types_of(text, [("HTV", "Organisation")])["HTV"] == "Organisation"


@pytest.mark.model
def test_a_pronoun_after_a_full_name_tells_the_bearer_of_a_gendered_title(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "The court heard Sylvie Voss on Monday. Dominique Voss, who had drugged his wife, was "
        "sentenced on Thursday. Their son David Voss left early. The verdict was read at noon. "
        "Lawyers spoke briefly. Mr. Voss said nothing. Ms. Voss thanked her supporters."
    )
    entities = group_mentions(parse(text))
    # "his wife": Dominique is the man "Mr." names, not the son the lexicon knows as one
    dominique = by_form(entities, "Dominique Voss")
    assert [(m.text, m.title) for m in dominique.mentions] == [
        ("Dominique Voss", ""),
        ("Voss", "Mr."),
    ]
    sylvie = by_form(entities, "Sylvie Voss")
    assert [(m.text, m.title) for m in sylvie.mentions] == [("Sylvie Voss", ""), ("Voss", "Ms.")]


def test_a_name_retyped_a_person_after_a_courtesy_title_keeps_the_title() -> None:
    # NER typed "Voss" an organisation ("Mr Voss's lawyer"): no title was read for it
    parsed = hand_parsed("Mr Voss spoke to reporters.", [("Voss", "Organisation")])
    (voss,) = group_mentions(parsed)
    assert voss.type == "Person" and [m.title for m in voss.mentions] == ["Mr"]


@pytest.mark.model
def test_madame_before_a_name_ner_typed_an_organisation_is_a_persons_title(
    parse: Callable[..., Parsed],
) -> None:
    text = "In a statement, the palace said the president salutes the courage of Madame Pelicot."
    [m] = parse(text).mentions
    assert (m.text, m.type, m.title) == ("Pelicot", "Person", "Madame")


def test_a_body_noun_ending_a_name_makes_the_name_alone_that_body() -> None:
    # "the ruling Morena party" (one mention); "Morena" alone the model typed a place
    text = "The ruling Velmora party won. Velmora now holds a majority."
    parsed = hand_parsed(text, [("Velmora party", "Organisation"), ("Velmora", "Place")])
    (party,) = group_mentions(parsed)
    assert party.type == "Organisation"
    assert [m.text for m in party.mentions] == ["Velmora party", "Velmora"]


@pytest.mark.model
def test_a_town_before_a_body_every_town_has_is_where_it_is(parse: Callable[..., Parsed]) -> None:
    for text in (
        "Denver police said the gunman was dead.",
        "A spokesman for a Denver hospital said two people were hurt.",
        "A shooting at a Denver office killed four. He had been fired from the company.",
    ):
        entities = group_mentions(parse(text))
        # a place, and "the company" none of it
        assert [(e.type, [m.text for m in e.mentions]) for e in entities] == [
            ("Place", ["Denver"])
        ], text


@pytest.mark.model
def test_what_a_name_became_or_is_says_its_type(parse: Callable[..., Parsed]) -> None:
    # the model types "Vexla" a person
    text = "Vexla, led by Ana Ruiz, became the third-largest party with 11 seats, officials said."
    assert by_form(group_mentions(parse(text)), "Vexla").type == "Organisation"
    text = "Velmora is a small town in the north. Velmora has a school."
    assert by_form(group_mentions(parse(text)), "Velmora").type == "Place"


@pytest.mark.model
def test_a_name_modifying_a_body_noun_is_that_body(parse: Callable[..., Parsed]) -> None:
    # the model types "Velmora" a person each time
    text = "Ana Ruiz of Velmora won the seat. Velmora said the Velmora movement would hold rallies."
    assert by_form(group_mentions(parse(text)), "Velmora").type == "Organisation"


@pytest.mark.model
def test_a_title_with_no_name_in_it_is_no_entity(parse: Callable[..., Parsed]) -> None:
    # the model labels "Rear Adm." an organisation of its own
    text = '"They are targeting civilians," army spokesman Rear Adm. Dan Harel said.'
    assert [m.text for m in parse(text).mentions if m.type != "Weapon"] == ["Dan Harel"]


@pytest.mark.model
def test_a_name_no_given_name_opens_after_in_is_a_place(parse: Callable[..., Parsed]) -> None:
    # the model labels the district a person
    text = "Troops were deployed around the strike site in Haret Nour, a security official said."
    assert by_form(group_mentions(parse(text)), "Haret Nour").type == "Place"
    # a known given name opening it: a person
    text = "Voters kept their faith in Maria Lopez, the polls showed."
    assert by_form(group_mentions(parse(text)), "Maria Lopez").type == "Person"


@pytest.mark.model
def test_a_surname_of_the_texts_people_after_a_comma_is_no_part_of_a_body(
    parse: Callable[..., Parsed],
) -> None:
    # the model runs "State House, Ruto" into one organisation
    text = (
        "President William Ruto withdrew the bill. In a brief statement at State House, "
        "Ruto said he had listened."
    )
    entities = group_mentions(parse(text))
    assert by_form(entities, "State House").type == "Organisation"
    ruto = by_form(entities, "William Ruto")
    assert [text[m.begin : m.end] for m in ruto.mentions] == ["William Ruto", "Ruto"]


def test_generic_weapons_of_one_class_join_by_their_noun() -> None:
    parsed = weapon_parsed(
        "He carried a rifle and a handgun into the mall. Police said the rifle was bought legally.",
        [("rifle", "", "SmallArms"), ("handgun", "", "SmallArms"), ("rifle", "", "SmallArms")],
    )
    entities = group_mentions(parsed)
    check_partition(parsed, entities)
    assert sorted((e.label, len(e.mentions)) for e in entities) == [("handgun", 1), ("rifle", 2)]


@pytest.mark.model
def test_a_title_with_its_remit_or_in_charge_is_the_role_not_a_name(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Special Agent in Charge Victor Ostrand of the FBI said investigators had traced the "
        "money. Secretary of State Ana Ruiz said the talks had failed."
    )
    entities = group_mentions(parse(text))
    people = sorted(
        (e.label, [m.title for m in e.mentions]) for e in entities if e.type == "Person"
    )
    # "Agent", the subject of "said", is a word of the title, no person; NER missed Ana Ruiz
    assert people == [
        ("Ana Ruiz", ["Secretary of State"]),
        ("Victor Ostrand", ["Special Agent in Charge"]),
    ]


@pytest.mark.model
def test_a_company_word_after_a_place_name_makes_a_company(
    parse: Callable[..., Parsed],
) -> None:
    text = "Its trading arm, Halden Trading, moved the funds. Prices in Halden rose."
    entities = group_mentions(parse(text))
    company = by_form(entities, "Halden Trading")
    assert company.type == "Organisation"
    assert [m.text for m in company.mentions] == ["Halden Trading"]
    assert by_form(entities, "Halden").type == "Place"  # the town alone stays a place


@pytest.mark.model
def test_titles_of_two_words_abbreviated_or_cut_by_ner_are_the_role(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "The inquiry began in May. Attorney General Harlan Preutt said the public had a "
        "right to know. Lt. Gov. Theresa Okonjo said she would wait. Lieutenant Governor "
        "Teresa Okonjo declined to comment."
    )
    entities = group_mentions(parse(text))
    people = sorted(
        (e.type, e.label, [m.title for m in e.mentions]) for e in entities if e.type != "Place"
    )
    # NER tagged "General Harlan Preutt" a body; "Governor" is no part of her name; the
    # tokenizer split "Lt" from its point; Theresa and Teresa are one name
    assert people == [
        ("Person", "Harlan Preutt", ["Attorney General"]),
        ("Person", "Teresa Okonjo", ["Lt. Gov.", "Lieutenant Governor"]),
    ]


@pytest.mark.model
def test_a_companys_first_word_after_a_stake_in_is_the_company(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Torvane Technologies Inc. said on Thursday it would cut 900 jobs. The cuts are 7% of "
        "Torvane's global workforce. Greyfell Partners disclosed a 4.5% stake in Torvane in "
        "June. Torvane raised its revenue forecast. The plant in Austin will stay open."
    )
    entities = group_mentions(parse(text))
    company = by_form(entities, "Torvane Technologies Inc.")
    assert company.type == "Organisation"
    assert [m.text for m in company.mentions].count("Torvane") >= 2
    assert all(e.label != "Torvane" for e in entities)
    assert by_form(entities, "Austin").type == "Place"  # "in Austin": a place still


@pytest.mark.model
def test_british_service_ranks_abbreviated_are_roles(parse: Callable[..., Parsed]) -> None:
    text = (
        "The strikes ended on Monday. Cdr Fiona Latchmere said the targets were military. "
        "Wg Cdr Ian Holroyd and Sqn Ldr Ana Ruiz flew the mission."
    )
    people = sorted(
        (e.label, [m.title for m in e.mentions])
        for e in group_mentions(parse(text))
        if e.type == "Person"
    )
    # NER tagged "Sqn Ldr" alone a person: two titles, no name
    assert people == [
        ("Ana Ruiz", ["Sqn Ldr"]),
        ("Fiona Latchmere", ["Cdr"]),
        ("Ian Holroyd", ["Wg Cdr"]),
    ]


@pytest.mark.model
def test_the_publishers_name_is_an_organisation_wherever_ner_typed_it(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Harbour Wire\n\nVELMORA, Kestria (Harbour Wire) — Rain fell on Monday. A farmer, "
        "Ana Ruiz, told Harbour Wire by telephone that the river had risen."
    )
    # the publisher ingest reads from the dateline (kg.ingest.clues), as the build gives it
    entities = group_mentions(parse(text, publisher="Harbour Wire"))
    wire = [e for e in entities if e.label == "Harbour Wire"]
    assert [e.type for e in wire] == ["Organisation"]


@pytest.mark.model
def test_letters_after_a_name_and_a_bodys_national_branch(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "The trial ended on Monday. Helena Marchbank KC, prosecuting, told the jury that the "
        "brothers had bought 23 properties. Prosecutor Helena Marchbank said the money came "
        "from gambling. The charity Transparency Beacon UK said the case was a warning. He "
        "flew to the UK on Monday."
    )
    entities = group_mentions(parse(text))
    # NER typed "Helena Marchbank KC" a body for its KC (or tagged "KC" a body of its own)
    marchbank = by_form(entities, "Helena Marchbank")
    assert marchbank.type == "Person"
    assert [m.text for m in marchbank.mentions] == ["Helena Marchbank"] * 2
    assert not any("KC" in m.text for e in entities for m in e.mentions)
    beacon = by_form(entities, "Transparency Beacon UK")
    assert beacon.type == "Organisation"
    assert [m.text for m in by_form(entities, "UK").mentions] == ["UK"]  # the country, once


@pytest.mark.model
def test_an_acronym_spelled_out_is_no_other_names_with_its_initials(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "The centre-right Liberal Union (LU) won the most seats. A combination of the LU and "
        "CDF would have 71. Hendrik Smit, a political scientist at Leiden University, said "
        "the talks could take months."
    )
    entities = group_mentions(parse(text))
    union = by_form(entities, "Liberal Union")
    assert [m.text for m in union.mentions] == ["Liberal Union", "LU", "LU"]
    assert [m.text for m in by_form(entities, "Leiden University").mentions] == [
        "Leiden University"
    ]


@pytest.mark.model
def test_a_known_given_name_opening_a_name_ner_typed_a_place_makes_a_person(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "The nationalist Party for Freedom and Sovereignty (PVS) of Joost Kamphuis came "
        "second with 29 seats. Kamphuis, whose party campaigned on immigration, said he was "
        "ready to govern."
    )
    entities = group_mentions(parse(text))
    kamphuis = by_form(entities, "Joost Kamphuis")
    assert kamphuis.type == "Person"
    assert [m.text for m in kamphuis.mentions] == ["Joost Kamphuis", "Kamphuis"]


@pytest.mark.model
def test_a_groups_name_alone_is_not_its_subsidiary(parse: Callable[..., Parsed]) -> None:
    # the group named first, a subsidiary later: "Torvex" is the group
    text = (
        "Torvex was fined on Tuesday. Torvex said it would appeal. The fine also covers "
        "Torvex Payments Ltd, its British unit."
    )
    entities = group_mentions(parse(text))
    assert [m.text for m in by_form(entities, "Torvex Payments Ltd").mentions] == [
        "Torvex Payments Ltd"
    ]
    # a national branch is no company's full name ("Torvex Ireland Ltd" named first)
    text = "Torvex Ireland Ltd was fined on Tuesday. Torvex said it would appeal."
    entities = group_mentions(parse(text))
    assert [m.text for m in by_form(entities, "Torvex Ireland Ltd").mentions] == [
        "Torvex Ireland Ltd"
    ]
    # the company named in full first, then by its first word: one company
    text = "Meridian Health Partners shut its systems. Meridian said the attack was contained."
    entities = group_mentions(parse(text))
    assert [m.text for m in by_form(entities, "Meridian Health Partners").mentions] == [
        "Meridian Health Partners",
        "Meridian",
    ]
    # a group is a company too: its first word alone, possessive before a role, is the group
    for text in (
        "Brenner Group agreed to buy the port. Brenner said the deal would close in June.",
        "Brenner Group will pay $2 billion. Mr. Ruud, the son of Brenner's founder, runs it.",
    ):
        entities = group_mentions(parse(text))
        brenner = by_form(entities, "Brenner Group")
        assert brenner.type == "Organisation"
        assert [m.text for m in brenner.mentions] == ["Brenner Group", "Brenner"]


@pytest.mark.model
def test_a_company_set_off_after_its_kind_and_after_at_present_is_a_company(
    parse: Callable[..., Parsed],
) -> None:
    # NER types the name a person or a place in most sentences; "airline, X," says what it
    # is, and "At present X has" puts X nowhere
    for name in ("Aerlinn", "Kellyjet"):
        text = (
            f"Irish low cost airline, {name}, announced today that it is exercising its "
            f"options with Boeing to buy five new jets. This brings {name}'s total number of "
            f"orders to 230. {name} CEO, Dana Holt, justified his choice by saying the jet is "
            f"reliable and ensures that {name} is the number one airline in Europe. {name} is "
            f"the world's most profitable airline. At present {name} has 91 aircraft."
        )
        entities = group_mentions(parse(text))
        company = by_form(entities, name)
        assert company.type == "Organisation"
        assert len(company.mentions) >= 5
        assert [e for e in entities if name in e.label] == [company]


@pytest.mark.model
def test_a_headlines_place_that_shortens_a_company_of_the_text_is_the_company(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Velloz delivers final jet to Jetvia, ending an era\n"
        "Velloz on Friday delivered the final jet built to Jetvia Airways in ceremonies at "
        'its plant. "Jetvia Airways would like to thank the workers," said Joe Leonard, '
        "chairman of Jetvia Airways."
    )
    entities = group_mentions(parse(text))
    airline = by_form(entities, "Jetvia Airways")
    assert airline.type == "Organisation"
    assert [m.begin for m in airline.mentions][0] == text.index("Jetvia")
    assert len(airline.mentions) == 4


@pytest.mark.model
def test_a_persons_surname_that_opens_her_firms_name_is_hers_alone(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Lena Whitcombe, a partner at law firm Whitcombe Darrow LLP, called the fine a "
        'start. "We believe damages could exceed $1 billion," Whitcombe said.'
    )
    entities = group_mentions(parse(text))
    lena = by_form(entities, "Lena Whitcombe")
    assert lena.type == "Person"
    assert [m.text for m in lena.mentions] == ["Lena Whitcombe", "Whitcombe"]
    assert [m.text for m in by_form(entities, "Whitcombe Darrow LLP").mentions] == [
        "Whitcombe Darrow LLP"
    ]


@pytest.mark.model
def test_a_name_in_a_boilerplate_line_is_no_mention(parse: Callable[..., Parsed]) -> None:
    from kg.ingest.clues import find_boilerplate

    text = (
        "Sen. Tom Whitcomb spoke on Monday. Whitcomb said the vote was close.\n\n"
        "Related: Whitcomb votes against the bill\n\nThe vote was held on Tuesday.\n"
    )
    entities = group_mentions(parse(text, skipped=find_boilerplate(text)))
    whitcomb = by_form(entities, "Tom Whitcomb")
    # the link line's "Whitcomb" (found again by its surname) is no mention
    assert [m.begin for m in whitcomb.mentions] == [text.index("Tom"), text.index("Whitcomb said")]


@pytest.mark.model
def test_supreme_of_a_title_is_no_body(parse: Callable[..., Parsed]) -> None:
    # NER typed "Supreme" of "Supreme Leader" an organisation, which then joined the
    # text's "Supreme Court" as its name without the head noun
    text = (
        "Iran's Supreme Leader Ayatollah Ali Khamenei vowed revenge. "
        "The Supreme Court ruled on Monday."
    )
    entities = {e.label: e for e in group_mentions(parse(text))}
    assert [m.text for m in entities["Supreme Court"].mentions] == ["Supreme Court"]
    assert entities["Ali Khamenei"].mentions[0].title.startswith("Supreme Leader")

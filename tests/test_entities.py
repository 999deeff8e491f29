"""Within-document grouping, on hand-built documents and (marked) with the real model."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import make_document

from kg.entities import DESCRIPTION_LABEL, group_mentions
from kg.model import Entity, EntityType, Mention, Parsed, Sentence, Token


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


def test_surname_of_two_people_joins_neither() -> None:
    parsed = hand_parsed(
        "Jan Nowak met Piotr Nowak. Nowak left.",
        [("Jan Nowak", "Person"), ("Piotr Nowak", "Person"), ("Nowak", "Person")],
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


def test_weapons_never_join_other_types() -> None:
    parsed = hand_parsed(
        "The Kestrel fired. Kestrel Systems built the Kestrel.",
        [("Kestrel", "Weapon"), ("Kestrel Systems", "Organisation"), ("Kestrel", "Organisation")],
    )
    types = sorted(e.type for e in group_mentions(parsed))
    assert types == ["Organisation", "Organisation", "Weapon"]


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


@pytest.mark.model
def test_mention_cleanup(parse: Callable[..., Parsed]) -> None:
    text = "Ukrainian troops held Kupiansk at 0400 GMT.\nThe Kharkiv region governor spoke.\n"
    parsed = parse(text)
    forms = {m.text for m in parsed.mentions}
    assert "Ukrainian" not in forms and "GMT" not in forms
    assert "Kupiansk" in forms and "Kharkiv region" in forms
    assert all("\n" not in m.text for m in parsed.mentions)

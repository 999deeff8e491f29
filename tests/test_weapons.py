"""Weapon recognition: the kg_weapon_ruler component, its lexicon and class vocabulary."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.core.model import Parsed
from kg.nlp.weapons.ruler import (
    SYSTEM_ATTR,
    WEAPON_LABEL,
    load_weapon_classes,
    load_weapon_lexicon,
)

REQUIRED_TERMS = {
    "RocketArtillery", "Missile", "CruiseMissile", "BallisticMissile", "Drone",
    "AntiTankWeapon", "Mortar", "Artillery", "AirDefence", "Firearm", "ArmouredVehicle",
    "MilitaryAircraft", "Bomb", "Mine", "Warship",
}  # fmt: skip


@pytest.fixture(scope="module")
def nlp() -> Language:
    blank = spacy.blank("en")
    blank.add_pipe("kg_weapon_ruler", name="kg_weapons")
    return blank


def weapons(doc: Doc) -> list[tuple[str, str, str]]:
    return [(e.text, e.id_, e.kb_id_) for e in doc.ents if e.label_ == WEAPON_LABEL]


# -- named systems and their span ------------------------------------------------------------


def test_named_system_takes_its_weapon_noun_phrase(nlp: Language) -> None:
    doc = nlp("Militia fighters fired Kornet anti-tank missiles at the convoy.")
    assert weapons(doc) == [("Kornet anti-tank missiles", "AntiTankGuidedMissile", "")]


def test_origin_adjective_stays_outside_the_span(nlp: Language) -> None:
    doc = nlp("The brigade received German-made Gepard anti-aircraft guns last spring.")
    assert weapons(doc) == [("Gepard anti-aircraft guns", "AirDefence", "")]


def test_lexicon_wikidata_id_is_the_kb_id(nlp: Language) -> None:
    doc = nlp("Raiders armed with AK-47s entered the village at dawn.")
    assert weapons(doc) == [("AK-47s", "Firearm", "Q37116")]


def test_designation_prefix_and_spelling_variants(nlp: Language) -> None:
    doc = nlp("Crews of the M142 Himars and a Shahed 136 were seen near the dam.")
    assert weapons(doc) == [
        ("M142 Himars", "RocketArtillery", ""),
        ("Shahed 136", "LoiteringMunition", ""),
    ]


def test_a_systems_other_romanisations_and_a_new_drone(nlp: Language) -> None:
    doc = nlp("Long-range Lyutiy drones and an FP-1 hit the refinery, the general staff said.")
    assert weapons(doc) == [
        ("Lyutiy drones", "LoiteringMunition", ""),
        ("FP-1", "LoiteringMunition", ""),
    ]


def test_ambiguous_name_needs_a_weapon_context(nlp: Language) -> None:
    assert weapons(nlp("Members of the Patriot Front marched through the square.")) == []
    assert weapons(nlp("She won gold in the Javelin throw in Rome.")) == []
    doc = nlp("Germany sent two Patriot batteries to eastern Poland.")
    assert weapons(doc) == [("Patriot batteries", "AirDefence", "")]


def test_a_british_air_task_force_its_marks_and_its_tanker(nlp: Language) -> None:
    # another air force's platforms, written with the marks its releases use
    doc = nlp(
        "On Tuesday two Typhoon FGR4s, refuelled by a Voyager tanker, struck a depot with "
        "Paveway IV bombs, and a Shadow R1 watched the road."
    )
    assert [(text, cls) for text, cls, _ in weapons(doc)] == [
        ("Typhoon FGR4s", "MilitaryAircraft"),
        ("Voyager tanker", "MilitaryAircraft"),
        ("Paveway IV bombs", "Bomb"),
        ("Shadow R1", "MilitaryAircraft"),
    ]
    # the storm, the space probe and the animal stay what they are
    assert weapons(nlp("Typhoon Mawar flattened homes across the island.")) == []
    assert weapons(nlp("The Voyager probe left the solar system.")) == []
    assert weapons(nlp("A mastiff guarded the farm gate.")) == []


def test_the_btr_80_and_the_il_76_are_their_own_systems(nlp: Language) -> None:
    doc = nlp("Rebels in BTR-80 armoured vehicles seized the airport as an Il-76 landed.")
    assert [(text, cls) for text, cls, _ in weapons(doc)] == [
        ("BTR-80 armoured vehicles", "ArmouredVehicle"),
        ("Il-76", "MilitaryAircraft"),
    ]
    assert [e._.get(SYSTEM_ATTR) for e in doc.ents] == ["BTR-80", "Ilyushin Il-76"]


def test_the_aster_15_and_the_aster_30_are_two_systems(nlp: Language) -> None:
    doc = nlp("The frigate fired Aster 15 missiles, and the destroyer fired Aster 30 missiles.")
    systems = [e._.get(SYSTEM_ATTR) for e in doc.ents if e._.get(SYSTEM_ATTR)]
    assert systems == ["Aster 15", "Aster 30"]


def test_a_fake_or_replica_weapon_is_no_weapon(nlp: Language) -> None:
    assert weapons(nlp("He detonated a fake suicide vest.")) == []
    assert weapons(nlp("He fired a replica pistol at police.")) == []
    assert [text for text, _, _ in weapons(nlp("He detonated a suicide vest."))] == ["suicide vest"]
    assert [text for text, _, _ in weapons(nlp("He fired a pistol at police."))] == ["pistol"]


# -- designations that are not in the lexicon ------------------------------------------------


def test_designation_family_counts_without_a_head_noun(nlp: Language) -> None:
    doc = nlp("The jet carried a Kh-38 under its wing.")
    assert weapons(doc) == [("Kh-38", "Missile", "")]
    # a variant's three-letter suffix ("Su-30MKI", India's Su-30)
    doc = nlp("Two MiG-21s and a Su-30MKI took off from the base.")
    assert [(w, c) for w, c, _ in weapons(doc)] == [
        ("MiG-21s", "MilitaryAircraft"),
        ("Su-30MKI", "MilitaryAircraft"),
    ]


def test_unknown_designation_before_a_weapon_noun(nlp: Language) -> None:
    doc = nlp("Engineers showed the Grom-E1 missiles and the VX-220 howitzer at the fair.")
    assert weapons(doc) == [
        ("Grom-E1 missiles", "Missile", ""),
        ("VX-220 howitzer", "Howitzer", ""),
    ]


def test_designation_shaped_words_elsewhere_are_not_weapons(nlp: Language) -> None:
    doc = nlp("The G7 summit discussed COVID-19 vaccines and the M25 motorway.")
    assert weapons(doc) == []


# -- generic class words only as the instrument of an attack ---------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two rockets hit the depot on Sunday.", ("rockets", "RocketArtillery")),
        ("The village was shelled with mortars overnight.", ("mortars", "Mortar")),
        ("Soldiers fired three cruise missiles at the port.", ("cruise missiles", "CruiseMissile")),
        ("A drone strike destroyed the radar.", ("drone", "Drone")),
        ("Air defences shot down nine kamikaze drones.", ("kamikaze drones", "LoiteringMunition")),
    ],
)
def test_generic_word_in_instrument_use(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    assert weapons(nlp(text)) == [(*expected, "")]


@pytest.mark.parametrize(
    "text",
    [
        "He talked about missiles in general.",
        "They met at a missile defence conference in Oslo.",
        "The factory that builds drones hired new staff.",
        "Historians recalled the Cuban missile crisis.",
    ],
)
def test_generic_word_outside_instrument_use_is_no_weapon(nlp: Language, text: str) -> None:
    assert weapons(nlp(text)) == []


# -- other entities ---------------------------------------------------------------------------


def test_weapon_replaces_overlapping_entities_and_keeps_the_rest(nlp: Language) -> None:
    doc = nlp.make_doc("Lockheed Martin said HIMARS launchers were shipped to Kyiv.")
    doc.ents = [Span(doc, 0, 2, "ORG"), Span(doc, 3, 4, "ORG"), Span(doc, 8, 9, "GPE")]
    doc = nlp.get_pipe("kg_weapons")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Lockheed Martin", "ORG"),
        ("HIMARS launchers", WEAPON_LABEL),
        ("Kyiv", "GPE"),
    ]


def test_weapon_replaces_an_entity_that_overhangs_it(nlp: Language) -> None:
    doc = nlp.make_doc("Russia fired Kh-101 cruise missiles overnight.")
    doc.ents = [Span(doc, 0, 1, "GPE"), Span(doc, 2, 4, "ORG")]  # "Kh-101 cruise"
    doc = nlp.get_pipe("kg_weapons")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Russia", "GPE"),
        ("Kh-101 cruise missiles", WEAPON_LABEL),
    ]


# -- data files --------------------------------------------------------------------------------


def test_class_vocabulary_has_the_required_terms_and_a_tree() -> None:
    classes = {c.term: c for c in load_weapon_classes()}
    assert REQUIRED_TERMS <= set(classes)
    for c in classes.values():
        assert re.fullmatch(r"[A-Z][A-Za-z]+", c.term), c.term
        assert c.broader == "" or c.broader in classes, c.term
        assert c.label and c.definition and c.nouns, c.term


def test_lexicon_classes_ids_and_aliases_are_well_formed() -> None:
    terms = {c.term for c in load_weapon_classes()}
    entries = load_weapon_lexicon()
    assert len([e for e in entries if not e.pattern]) >= 100
    seen: dict[str, str] = {}
    for entry in entries:
        assert entry.weapon_class in terms, entry.name
        assert entry.qid == "" or re.fullmatch(r"Q[1-9]\d*", entry.qid), entry.name
        assert set(entry.ambiguous) <= {entry.name, *entry.aliases}, entry.name
        for alias in (entry.name, *entry.aliases):
            if not entry.pattern:
                assert seen.setdefault(alias, entry.name) == entry.name, alias


def test_unknown_class_in_a_lexicon_is_reported_with_the_valid_terms() -> None:
    from kg.nlp.weapons.ruler import WeaponEntry, WeaponRuler

    bad = WeaponEntry(name="Zeus-9", aliases=(), weapon_class="Lightning")
    with pytest.raises(ValueError, match="Lightning.*RocketArtillery"):
        WeaponRuler(spacy.blank("en"), [bad], load_weapon_classes())


def test_class_wikidata_ids_are_well_formed_unique_and_in_the_ontology() -> None:
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    from kg.core.resources import ontology_path
    from kg.core.vocab import KG, new_graph

    classes = load_weapon_classes()
    ids = [c.qid for c in classes if c.qid]
    assert len(ids) >= 15 and len(ids) == len(set(ids))  # one concept, one item
    g = new_graph()
    g.parse(ontology_path(), format="turtle")
    for c in classes:
        assert c.qid == "" or re.fullmatch(r"Q[1-9]\d*", c.qid), c.term
        iri = URIRef(str(KG._NS) + c.term)
        matches = {str(o) for o in g.objects(iri, SKOS.exactMatch)}
        assert matches == ({f"http://www.wikidata.org/entity/{c.qid}"} if c.qid else set())
        broader = {str(o) for o in g.objects(iri, SKOS.broader)}
        assert broader == ({str(KG._NS) + c.broader} if c.broader else set()), c.term


def test_every_noun_names_one_class_and_ambiguous_nouns_are_nouns() -> None:
    owner: dict[str, str] = {}
    for c in load_weapon_classes():
        assert set(c.ambiguous) <= set(c.nouns), c.term
        for noun in c.nouns:
            assert noun == noun.lower(), noun
            assert owner.setdefault(noun, c.term) == c.term, noun


def test_weapon_context_lists_are_read() -> None:
    from kg.core.weapons import load_weapon_context

    context = load_weapon_context()
    assert ("think", "tank") in context.traps and ("suicide", "bomber") in context.traps
    assert {"USS", "HMS"} <= context.ship_prefixes and "bomber" in context.person_sense
    assert {"Weaponry", "Munition"} == context.general_classes


# -- warships by name ----------------------------------------------------------------------------


def test_ship_names_hull_numbers_and_bare_names(nlp: Language) -> None:
    from kg.nlp.weapons.ruler import SYSTEM_ATTR

    doc = nlp(
        "The destroyer USS Carney (DDG 64) and HMS Prince of Wales sailed south. Later "
        "Carney returned to port, its crew said; the Indian Ocean was calm."
    )
    found = [(e.text, e.id_, e._.get(SYSTEM_ATTR)) for e in doc.ents if e.label_ == WEAPON_LABEL]
    assert found == [
        ("destroyer USS Carney", "Warship", "USS Carney"),
        ("DDG 64", "Warship", "USS Carney"),
        ("HMS Prince of Wales", "Warship", "HMS Prince of Wales"),
        ("Carney", "Warship", "USS Carney"),
    ]


def test_a_ship_name_goes_on_after_a_middle_initial(nlp: Language) -> None:
    doc = nlp("Jets from the carrier USS Mara T. Voss struck radar sites. USS Kell A. sailed.")
    # an initial with no name word after it is no part of the name
    assert [t for t, _, _ in weapons(doc)] == ["USS Mara T. Voss", "USS Kell"]


def test_a_prefix_in_another_case_is_no_ship(nlp: Language) -> None:
    assert weapons(nlp("Its Majesty's guests and its Royal Navy hosts arrived.")) == []


def test_an_origin_word_stays_outside_a_generic_phrase(nlp: Language) -> None:
    doc = nlp("Iranian-made drones struck the base overnight.")
    assert [(t, c) for t, c, _ in weapons(doc)] == [("drones", "Drone")]


def test_a_hyphenated_programme_name_is_no_named_weapon(nlp: Language) -> None:
    doc = nlp("The Counter-IED Task Force fired rockets at the range.")
    assert [t for t, _, _ in weapons(doc)] == ["rockets"]


# -- through the real pipeline -----------------------------------------------------------------


@pytest.mark.model
def test_pipeline_gives_weapon_mentions_not_organisations(parse: Callable[..., Parsed]) -> None:
    parsed = parse(
        "Kyiv said its HIMARS launchers hit a depot near Melitopol, while Iron Dome "
        "and a US-provided NASAMS battery guarded the cities."
    )
    weapon_texts = {m.text: m.weapon_class for m in parsed.mentions if m.type == "Weapon"}
    assert weapon_texts == {
        "HIMARS launchers": "RocketArtillery",
        "Iron Dome": "AirDefence",
        "NASAMS battery": "AirDefence",
    }
    text = parsed.document.text
    for m in parsed.mentions:
        assert text[m.begin : m.end] == m.text
        if m.type != "Weapon":
            assert not any(w in m.text for w in ("HIMARS", "Iron Dome", "NASAMS")), m


@pytest.mark.model
def test_pipeline_reads_instrument_use_from_the_parse(analyzer) -> None:  # type: ignore[no-untyped-def]
    doc = analyzer.nlp(
        "Officials said four missiles struck the power plant. Earlier, the minister spoke "
        "at a missile defence forum about the missile crisis."
    )
    found = [(e.text, e.id_, e.start_char) for e in doc.ents if e.label_ == WEAPON_LABEL]
    assert found == [("missiles", "Missile", doc.text.index("missiles"))]


def test_each_weapon_span_names_its_system(nlp: Language) -> None:
    from kg.nlp.weapons.ruler import SYSTEM_ATTR

    doc = nlp(
        "Gunners fired rockets from US-made HIMARS launchers; two Kh-101s and Veles drones "
        "hit S 300 missiles and a Tor-M2 battery."
    )
    systems = [(e.text, e._.get(SYSTEM_ATTR)) for e in doc.ents if e.label_ == WEAPON_LABEL]
    assert systems == [
        ("rockets", ""),  # a generic class names no system
        ("HIMARS launchers", "HIMARS"),  # the lexicon's name, not the phrase
        ("Kh-101s", "Kh-101"),  # plural of a designation
        ("Veles drones", "Veles"),  # an unknown name before a weapon noun
        ("S 300 missiles", "S-300"),  # a spelling variant of a lexicon alias
        ("Tor-M2 battery", "Tor"),  # the lexicon lists the variant under its system
    ]


# -- the re3d evaluation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("air strikes", "attack"),
        ("an airstrike", "attack"),
        ("the bombardment", "attack"),
        ("suicide bombers", "person"),
        ("a gunman", "person"),
        ("Counter-IED", "programme"),
        ("bombers", ""),
        ("a mortar", ""),
        ("strike aircraft", ""),
        ("a bulldozer", "machinery"),
        ("two front-end loaders", "machinery"),
        ("gun trucks", ""),
    ],
)
def test_re3d_policy_excludes_attacks_people_programmes_and_machinery(
    text: str, reason: str
) -> None:
    from eval.re3d import policy_reason

    assert policy_reason(text) == reason


def test_re3d_reader_and_scoring_follow_the_policy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from eval.re3d import read_re3d, scored_pairs

    text = "Jets carried out air strikes on two tanks and a mortar near the ridge."
    folder = tmp_path / "Source"
    folder.mkdir()
    (folder / "documents.json").write_text(json.dumps({"_id": "d1", "text": text}) + "\n")

    def entity(value: str, type_: str, confidence: float = 1.0) -> str:
        b = text.index(value)
        row = {"_id": value, "documentId": "d1", "begin": b, "end": b + len(value)}
        return json.dumps({**row, "type": type_, "value": value, "confidence": confidence})

    (folder / "entities.json").write_text(
        "\n".join(
            [
                entity("air strikes", "Weapon"),
                entity("tanks", "MilitaryPlatform"),
                entity("a mortar", "Weapon"),
                entity("ridge", "Weapon", 0.0),  # a competing label: not gold
                entity("Jets", "Location"),
            ]
        )
    )
    (doc,) = read_re3d(tmp_path)
    assert [(s.text, s.type, s.out_of_scope) for s in doc.spans] == [
        ("air strikes", "Weapon", "attack"),
        ("tanks", "MilitaryPlatform", ""),
        ("a mortar", "Weapon", ""),
    ]
    mortar = text.index("mortar")
    tanks = text.index("tanks")
    predicted = [
        [(0, 4, "MilitaryAircraft"), (tanks, tanks + 5, "Tank"), (mortar, mortar + 6, "Mortar")]
    ]
    # Weapon alone, policy applied: the tank overlaps a platform span and the jets are of a
    # platform class, so both are left out; the mortar matches; the air strikes are no gold.
    ((gold, kept),) = scored_pairs([doc], predicted, frozenset({"Weapon"}), policy=True)
    assert gold == [(mortar - 2, mortar + 6, "Weapon")]
    assert kept == [(mortar, mortar + 6, "Mortar")]
    # Weapons and platforms, all gold counted: the jets are a spurious span.
    ((gold, kept),) = scored_pairs(
        [doc], predicted, frozenset({"Weapon", "MilitaryPlatform"}), policy=False
    )
    assert len(gold) == 3 and kept == predicted[0]
    # The expert's low-confidence "ridge" is no gold, but a prediction on it is left out
    # only when the uncertain spans are asked to be neither right nor wrong.
    assert [(s.text, s.type) for s in doc.uncertain] == [("ridge", "Weapon")]
    ridge = text.index("ridge")
    on_ridge = [[(ridge, ridge + 5, "Weaponry"), (tanks, tanks + 5, "Tank")]]
    both = frozenset({"Weapon", "MilitaryPlatform"})
    ((_, kept),) = scored_pairs([doc], on_ridge, both, policy=True)
    assert kept == on_ridge[0]
    ((_, kept),) = scored_pairs([doc], on_ridge, both, policy=True, uncertain=True)
    assert kept == [(tanks, tanks + 5, "Tank")]

"""Events: the type vocabulary, trigger words and their traps, arguments, coreference, RDF.

Every text here is written for the test (invented towns and people)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
import spacy
from rdflib import URIRef
from rdflib.namespace import RDF
from spacy.tokens import Doc

from kg.core.event_types import compatible_types, load_event_types, load_trigger_rules, top_type
from kg.core.model import Corpus, EntityType, Event, EventReport, Parsed, Run
from kg.core.vocab import KG, SEM
from kg.entities.in_document import group_mentions
from kg.entities.resolution import resolve_entities
from kg.events.arguments import find_event_reports
from kg.events.coreference import resolve_events
from kg.events.dates import dates_agree
from kg.nlp.events import EVENTS_KEY, EventRuler
from tests.conftest import BASE, RUN_TIME

# -- the vocabulary ------------------------------------------------------------------------


def test_every_rule_names_a_trigger_of_the_vocabulary() -> None:
    triggers = {(lemma, "VERB") for t in load_event_types() for lemma in t.verbs}
    triggers |= {(lemma, "NOUN") for t in load_event_types() for lemma in t.nouns}
    for rule in load_trigger_rules():
        assert (rule.lemma, rule.pos) in triggers, rule


def test_types_are_compatible_with_their_broader_type_only() -> None:
    assert compatible_types("Shelling", "Attack")
    assert compatible_types("Attack", "Bombing")
    assert not compatible_types("Shelling", "Bombing")  # two kinds of attack
    assert not compatible_types("Arrest", "Meeting")
    assert top_type("Earthquake") == "NaturalDisaster"


def test_dates_agree_by_precision() -> None:
    assert dates_agree("2024-03-04", "2024-03")
    assert dates_agree("", "2024-03-04")
    assert not dates_agree("2024-03-04", "2024-03-05")


# -- the component on hand-built Docs --------------------------------------------------------


def _doc(
    words: list[str], pos: list[str], lemmas: list[str], heads: list[int], deps: list[str]
) -> Doc:
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, pos=pos, lemmas=lemmas, heads=heads, deps=deps)


def _events(doc: Doc) -> list[tuple[str, str]]:
    ruler = EventRuler(spacy.blank("en"), load_event_types(), load_trigger_rules())
    return [(s.text, s.label_) for s in ruler(doc).spans[EVENTS_KEY]]


def test_striking_a_deal_is_an_agreement_not_an_attack() -> None:
    doc = _doc(
        ["The", "firms", "struck", "a", "deal"],
        ["DET", "NOUN", "VERB", "DET", "NOUN"],
        ["the", "firm", "strike", "a", "deal"],
        [1, 2, 2, 4, 2],
        ["det", "nsubj", "ROOT", "det", "dobj"],
    )
    assert _events(doc) == [("deal", "Agreement")]


def test_an_occurrence_the_text_denies_is_no_event() -> None:
    no_one = _doc(
        ["No", "one", "was", "arrested"],
        ["DET", "PRON", "AUX", "VERB"],
        ["no", "one", "be", "arrest"],
        [1, 3, 3, 3],
        ["det", "nsubjpass", "auxpass", "ROOT"],
    )
    assert _events(no_one) == []
    negated = _doc(
        ["Police", "did", "not", "arrest", "him"],
        ["NOUN", "AUX", "PART", "VERB", "PRON"],
        ["police", "do", "not", "arrest", "he"],
        [3, 3, 3, 3, 3],
        ["nsubj", "aux", "neg", "ROOT", "dobj"],
    )
    assert _events(negated) == []
    no_arrests = _doc(
        ["No", "arrests", "were", "made"],
        ["DET", "NOUN", "AUX", "VERB"],
        ["no", "arrest", "be", "make"],
        [1, 3, 3, 3],
        ["det", "nsubjpass", "auxpass", "ROOT"],
    )
    assert _events(no_arrests) == []
    two = _doc(
        ["Two", "men", "were", "arrested"],
        ["NUM", "NOUN", "AUX", "VERB"],
        ["two", "man", "be", "arrest"],
        [1, 3, 3, 3],
        ["nummod", "nsubjpass", "auxpass", "ROOT"],
    )
    assert _events(two) == [("arrested", "Arrest")]


def test_workers_who_strike_protest_and_troops_who_strike_attack() -> None:
    workers = _doc(
        ["Workers", "would", "strike"],
        ["NOUN", "AUX", "VERB"],
        ["worker", "would", "strike"],
        [2, 2, 2],
        ["nsubj", "aux", "ROOT"],
    )
    troops = _doc(
        ["Troops", "struck", "the", "town"],
        ["NOUN", "VERB", "DET", "NOUN"],
        ["troop", "strike", "the", "town"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "det", "dobj"],
    )
    assert _events(workers) == [("strike", "Protest")]
    assert _events(troops) == [("struck", "Attack")]


def test_police_who_raid_a_home_raid_it_and_fighters_who_raid_a_village_attack() -> None:
    police = _doc(
        ["Police", "raided", "his", "home"],
        ["NOUN", "VERB", "PRON", "NOUN"],
        ["police", "raid", "his", "home"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "poss", "dobj"],
    )
    dawn = _doc(
        ["a", "dawn", "raid"],
        ["DET", "NOUN", "NOUN"],
        ["a", "dawn", "raid"],
        [2, 2, 2],
        ["det", "compound", "ROOT"],
    )
    fighters = _doc(
        ["Fighters", "raided", "the", "village"],
        ["NOUN", "VERB", "DET", "NOUN"],
        ["fighter", "raid", "the", "village"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "det", "dobj"],
    )
    assert _events(police) == [("raided", "Raid")]
    assert _events(dawn) == [("raid", "Raid")]
    assert _events(fighters) == [("raided", "Attack")]


def test_a_military_takeover_is_a_coup_and_a_companys_an_acquisition() -> None:
    military = _doc(
        ["the", "military", "takeover"],
        ["DET", "ADJ", "NOUN"],
        ["the", "military", "takeover"],
        [2, 2, 2],
        ["det", "amod", "ROOT"],
    )
    company = _doc(
        ["the", "hostile", "takeover"],
        ["DET", "ADJ", "NOUN"],
        ["the", "hostile", "takeover"],
        [2, 2, 2],
        ["det", "amod", "ROOT"],
    )
    soldiers = _doc(
        ["Soldiers", "ousted", "the", "president"],
        ["NOUN", "VERB", "DET", "NOUN"],
        ["soldier", "oust", "the", "president"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "det", "dobj"],
    )
    assert _events(military) == [("takeover", "Coup")]
    assert _events(company) == [("takeover", "Acquisition")]
    assert _events(soldiers) == [("ousted", "Coup")]
    coup = _doc(["a", "coup"], ["DET", "NOUN"], ["a", "coup"], [1, 1], ["det", "ROOT"])
    assert _events(coup) == [("coup", "Coup")]


def test_a_disease_that_kills_is_a_death_and_gunmen_who_kill_a_killing() -> None:
    malaria = _doc(
        ["Malaria", "killed", "children"],
        ["NOUN", "VERB", "NOUN"],
        ["malaria", "kill", "child"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
    )
    gunmen = _doc(
        ["Gunmen", "killed", "children"],
        ["NOUN", "VERB", "NOUN"],
        ["gunman", "kill", "child"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
    )
    assert _events(malaria) == [("killed", "Death")]
    assert _events(gunmen) == [("killed", "Killing")]


def test_a_named_storm_that_kills_is_a_death() -> None:
    """The kind word of a name ("Hurricane Dara", "Typhoon X") says what the subject is."""
    storm = _doc(
        ["Hurricane", "Dara", "killed", "14", "people"],
        ["PROPN", "PROPN", "VERB", "NUM", "NOUN"],
        ["hurricane", "dara", "kill", "14", "people"],
        [1, 2, 2, 4, 2],
        ["compound", "nsubj", "ROOT", "nummod", "dobj"],
    )
    assert _events(storm) == [("killed", "Death")]


def test_a_trial_of_a_vaccine_is_no_court_trial() -> None:
    medical = _doc(
        ["A", "large", "trial", "showed", "the", "vaccine", "worked"],
        ["DET", "ADJ", "NOUN", "VERB", "DET", "NOUN", "VERB"],
        ["a", "large", "trial", "show", "the", "vaccine", "work"],
        [2, 2, 3, 3, 5, 6, 3],
        ["det", "amod", "nsubj", "ROOT", "det", "nsubj", "ccomp"],
    )
    court = _doc(
        ["A", "long", "trial", "ended"],
        ["DET", "ADJ", "NOUN", "VERB"],
        ["a", "long", "trial", "end"],
        [2, 2, 3, 3],
        ["det", "amod", "nsubj", "ROOT"],
    )
    assert _events(medical) == []
    assert _events(court) == [("trial", "Trial")]


def test_firing_a_coach_is_a_dismissal_and_firing_rockets_an_attack() -> None:
    coach = _doc(
        ["The", "club", "fired", "the", "coach"],
        ["DET", "NOUN", "VERB", "DET", "NOUN"],
        ["the", "club", "fire", "the", "coach"],
        [1, 2, 2, 4, 2],
        ["det", "nsubj", "ROOT", "det", "dobj"],
    )
    rockets = _doc(
        ["Troops", "fired", "rockets"],
        ["NOUN", "VERB", "NOUN"],
        ["troop", "fire", "rocket"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
    )
    assert _events(coach) == [("fired", "Dismissal")]
    assert _events(rockets) == [("fired", "Attack")]


def test_cutting_jobs_is_job_cuts_and_cutting_taxes_nothing() -> None:
    jobs = _doc(
        ["Norvale", "will", "cut", "900", "jobs"],
        ["PROPN", "AUX", "VERB", "NUM", "NOUN"],
        ["norvale", "will", "cut", "900", "job"],
        [2, 2, 2, 4, 2],
        ["nsubj", "aux", "ROOT", "nummod", "dobj"],
    )
    taxes = _doc(
        ["The", "council", "cut", "taxes"],
        ["DET", "NOUN", "VERB", "NOUN"],
        ["the", "council", "cut", "tax"],
        [1, 2, 2, 2],
        ["det", "nsubj", "ROOT", "dobj"],
    )
    layoffs = _doc(
        ["The", "plant", "laid", "off", "staff"],
        ["DET", "NOUN", "VERB", "ADP", "NOUN"],
        ["the", "plant", "lay", "off", "staff"],
        [1, 2, 2, 2, 2],
        ["det", "nsubj", "ROOT", "prt", "dobj"],
    )
    assert _events(jobs) == [("cut", "JobCuts")]
    assert _events(taxes) == []
    assert _events(layoffs) == [("laid", "JobCuts")]


def test_meeting_expectations_is_no_meeting() -> None:
    doc = _doc(
        ["Sales", "are", "meeting", "expectations"],
        ["NOUN", "AUX", "VERB", "NOUN"],
        ["sale", "be", "meet", "expectation"],
        [2, 2, 2, 2],
        ["nsubj", "aux", "ROOT", "dobj"],
    )
    assert _events(doc) == []


def test_a_trigger_inside_a_name_is_no_event() -> None:
    doc = _doc(
        ["Operation", "Storm", "began"],
        ["PROPN", "NOUN", "VERB"],
        ["operation", "storm", "begin"],
        [1, 2, 2],
        ["compound", "nsubj", "ROOT"],
    )
    doc.ents = [doc.char_span(0, 15, label="ORG")]  # type: ignore[list-item]
    assert _events(doc) == []


# -- with the statistical model --------------------------------------------------------------

Parse = Callable[..., Parsed]


def _types(parse: Parse, text: str) -> list[str]:
    """The types of the events the text's parse finds, in order."""
    return [e.type for e in parse(text).events]


def _reports(parse: Parse, text: str, doc_id: str = "doc", **meta: str) -> list[EventReport]:
    parsed = parse(text, doc_id, **meta)
    mentions = [m for e in group_mentions(parsed) for m in e.mentions]
    return list(find_event_reports(parsed, mentions))


def _resolve(parse: Parse, texts: Sequence[tuple[str, str]], published: str) -> tuple[Event, ...]:
    """Run the per-document and corpus stages of events over (doc_id, text) pairs."""
    entities = []
    reports = []
    for doc_id, text in texts:
        parsed = parse(text, doc_id, published=published)
        groups = group_mentions(parsed)
        entities.extend(groups)
        reports.extend(find_event_reports(parsed, [m for e in groups for m in e.mentions]))
    resolved = resolve_entities(entities)
    entity_of = {(m.doc_id, m.begin): e.key for e in resolved for m in e.mentions}
    return resolve_events(reports, entity_of, {e.key: e.type for e in resolved})


def test_an_argument_whose_entity_resolved_to_another_type_leaves_its_role() -> None:
    # One article's NER saw a place in "Abbot" ("the killing of Ida Abbot"); the corpus
    # resolved it to the person. The event keeps its reports, not that place.
    from kg.core.model import EventArgument, EventMention, Mention

    def report(doc_id: str, role: str, etype: str) -> EventReport:
        abbot = Mention(doc_id, 20, 25, "Abbot", etype, 0, 4, 5)  # type: ignore[arg-type]
        harlow = Mention(doc_id, 30, 36, "Harlow", "Place", 0, 6, 7)
        trigger = EventMention(doc_id, 4, 11, "killing", "Killing", 0, 1, "killing")
        arguments = (EventArgument(role, abbot), EventArgument("place", harlow))
        return EventReport(trigger, arguments, "2024-03-05")

    entity_of = {("a", 20): "Person:ida abbot", ("a", 30): "Place:harlow"}
    types: dict[str, EntityType] = {"Person:ida abbot": "Person", "Place:harlow": "Place"}
    (event,) = resolve_events([report("a", "place", "Place")], entity_of, types)
    kept = [(a.role, a.mention.text, a.mention.type) for a in event.reports[0].arguments]
    assert kept == [("place", "Harlow", "Place")]
    assert event.label.endswith("in Harlow, 2024-03-05")
    (event,) = resolve_events([report("a", "target", "Place")], entity_of, types)
    kept = [(a.role, a.mention.text, a.mention.type) for a in event.reports[0].arguments]
    assert kept == [("target", "Abbot", "Person"), ("place", "Harlow", "Place")]


def test_a_facility_named_after_its_town_is_in_that_town() -> None:
    # One outlet places a shooting "in Tarnby", another "at the Tarnby Centre" mall: one
    # occurrence. Two facilities of one town are two places; so are two towns.
    from kg.core.model import EventArgument, EventMention, Mention

    def report(doc_id: str, place: str) -> EventReport:
        where = Mention(doc_id, 30, 30 + len(place), place, "Place", 0, 6, 7)
        trigger = EventMention(doc_id, 4, 12, "shooting", "Shooting", 0, 1, "shooting")
        return EventReport(trigger, (EventArgument("place", where),))

    places = {"a": "Tarnby", "b": "Tarnby Centre", "c": "Tarnby Hospital", "d": "Orsa"}
    entity_of = {(d, 30): f"Place:{p.lower()}" for d, p in places.items()}

    def events(*docs: str) -> list[set[str]]:
        found = resolve_events([report(d, places[d]) for d in docs], entity_of)
        return sorted(({r.mention.doc_id for r in e.reports} for e in found), key=sorted)

    assert events("a", "b") == [{"a", "b"}]
    assert events("b", "c") == [{"b"}, {"c"}]
    assert events("b", "d") == [{"b"}, {"d"}]
    (merged,) = resolve_events([report("a", "Tarnby"), report("b", "Tarnby Centre")], entity_of)
    assert [m.rule for m in merged.merges] == ["in-same-town"]


@pytest.mark.model
def test_trigger_traps_with_the_parser(parse: Parse) -> None:
    def found(text: str) -> list[tuple[str, str]]:
        return [(e.text, e.type) for e in parse(text).events]

    assert found("The two carmakers struck a deal on Friday.") == [("deal", "Agreement")]
    assert ("fired", "Dismissal") in found("The club fired the coach after the defeat.")
    assert found("Quarterly sales were meeting expectations.") == []
    assert found("Artillery fire hit the village overnight.")[0] == ("fire", "Shelling")
    assert found("A clinical trial of the drug began.") == []
    # "demonstrate" as "show" (no one demonstrating) is no protest; with protesters it is
    assert found("The aid continues, as demonstrated by the delivery of new vehicles.") == []
    assert ("demonstrated", "Protest") in found("Thousands demonstrated outside the parliament.")


@pytest.mark.model
def test_mentions_slice_the_text(parse: Parse) -> None:
    parsed = parse("Police arrested two men after the shooting in Harwick.")
    text = parsed.document.text
    assert [(e.type, text[e.begin : e.end]) for e in parsed.events] == [
        ("Arrest", "arrested"),
        ("Shooting", "shooting"),
    ]


@pytest.mark.model
def test_arguments_of_each_kind(parse: Parse) -> None:
    (arrest,) = _reports(
        parse, "Police in Denver arrested John Miller on Friday.", published="2024-03-06"
    )
    roles = {(a.role, a.mention.text) for a in arrest.arguments}
    assert ("target", "John Miller") in roles
    assert ("place", "Denver") in roles
    assert arrest.date == "2024-03-01"  # the Friday before a Wednesday article
    assert arrest.date_span is not None and arrest.date_span.text == "Friday"
    reports = _reports(parse, "Rebels attacked the town of Orlivka with drones.")
    attack = next(r for r in reports if r.mention.text == "attacked")
    roles = {(a.role, a.mention.text) for a in attack.arguments}
    assert ("place", "Orlivka") in roles or ("target", "Orlivka") in roles
    assert ("instrument", "drones") in roles
    (meeting,) = [
        r
        for r in _reports(parse, "Angela Merkel met Emmanuel Macron in Paris.")
        if r.mention.type == "Meeting"
    ]
    roles = {(a.role, a.mention.text) for a in meeting.arguments}
    assert ("agent", "Angela Merkel") in roles
    assert ("target", "Emmanuel Macron") in roles
    assert ("place", "Paris") in roles


@pytest.mark.model
def test_a_date_the_report_gives_is_not_the_events(parse: Parse) -> None:
    reports = _reports(
        parse,
        "A drone attack on Orlivka killed three people, officials said on Tuesday.",
        published="2024-03-06",
    )
    assert reports and all(r.date == "" for r in reports if r.mention.text == "attack")


@pytest.mark.model
def test_one_event_in_three_outlets_wordings(parse: Parse) -> None:
    events = _resolve(
        parse,
        (
            ("a", "Missiles struck a power plant in Dobrovka on Monday, officials said."),
            ("b", "A missile strike hit the Dobrovka power plant on Monday."),
            ("c", "The attack on Dobrovka on Monday cut power to the region."),
        ),
        published="2024-03-06",
    )
    attacks = [e for e in events if top_type(e.type) == "Attack"]
    assert len(attacks) == 1
    (attack,) = attacks
    assert {r.mention.doc_id for r in attack.reports} == {"a", "b", "c"}
    assert attack.date == "2024-03-04"
    assert "Dobrovka" in {a.mention.text for r in attack.reports for a in r.arguments}
    assert attack.merges and all(m.rule and 0 < m.confidence <= 1 for m in attack.merges)


@pytest.mark.model
def test_two_strikes_on_one_town_on_different_days_stay_apart(parse: Parse) -> None:
    events = _resolve(
        parse,
        (
            ("a", "A drone strike hit Kessel on Monday."),
            ("b", "A drone strike hit Kessel on Thursday, February 29."),
        ),
        published="2024-03-06",
    )
    attacks = sorted((e for e in events if top_type(e.type) == "Attack"), key=lambda e: e.date)
    assert [e.date for e in attacks] == ["2024-02-29", "2024-03-04"]
    assert [{r.mention.doc_id for r in e.reports} for e in attacks] == [{"b"}, {"a"}]


@pytest.mark.model
def test_two_earthquakes_in_two_countries_stay_apart(parse: Parse) -> None:
    events = _resolve(
        parse,
        (
            ("a", "A strong earthquake shook Peru on Monday."),
            ("b", "A strong earthquake shook Nepal on Monday."),
        ),
        published="2024-03-06",
    )
    quakes = [e for e in events if e.type == "Earthquake"]
    assert len(quakes) == 2


@pytest.mark.model
def test_a_definite_noun_phrase_with_modifiers_refers_back(parse: Parse) -> None:
    # the parse hangs "The" on "magnitude" here: the words before the trigger are read
    events = _resolve(
        parse,
        (
            (
                "a",
                "A powerful earthquake struck eastern Varnia on Friday, killing at least 22 "
                "people.\n\nThe magnitude 6.7 quake was centered in the town of Belk in Tamar "
                "province, according to the country's disaster management agency, VDA.",
            ),
        ),
        published="2024-03-06",
    )
    quakes = [e for e in events if e.type == "Earthquake"]
    assert len(quakes) == 1
    assert {r.mention.text for r in quakes[0].reports} == {"earthquake", "quake"}


@pytest.mark.model
def test_an_event_reported_only_through_a_claim(parse: Parse) -> None:
    from kg.claims.extraction import extract_claims

    text = "Mayor Ivan Dobrev said the strike killed 12 people in Varna."
    parsed = parse(text, "a", published="2024-03-06")
    mentions = [m for e in group_mentions(parsed) for m in e.mentions]
    (claim,) = extract_claims(parsed, mentions)
    strike = next(r for r in find_event_reports(parsed, mentions) if r.mention.text == "strike")
    assert strike.mention.type == "Attack"
    assert claim.content.begin <= strike.mention.begin < claim.content.end
    events = _resolve(parse, (("a", text),), published="2024-03-06")
    assert any(r.mention.text == "strike" for e in events for r in e.reports)


@pytest.mark.model
def test_events_in_the_graph_conform_with_provenance(parse: Parse) -> None:
    from kg.rdf.triples import build_graph
    from kg.validation.shacl import validate_graph

    texts = (
        ("a", "Missiles struck a power plant in Dobrovka on Monday."),
        ("b", "A missile strike hit the Dobrovka power plant on Monday."),
    )
    documents = []
    entities = []
    reports = []
    for doc_id, text in texts:
        parsed = parse(text, doc_id, published="2024-03-06")
        documents.append(parsed.document)
        groups = group_mentions(parsed)
        entities.extend(groups)
        reports.extend(find_event_reports(parsed, [m for e in groups for m in e.mentions]))
    resolved = resolve_entities(entities)
    entity_of = {(m.doc_id, m.begin): e.key for e in resolved for m in e.mentions}
    events = resolve_events(reports, entity_of, {e.key: e.type for e in resolved})
    corpus = Corpus(tuple(documents), resolved, (), events)
    graph = build_graph(corpus, Run("t", "m", "0", RUN_TIME), BASE)
    report = validate_graph(graph)
    assert report.conforms, report.violations
    (event,) = [e for e in graph.subjects(RDF.type, KG.Event) if (e, SEM.hasPlace, None) in graph]
    assert (event, KG.eventType, URIRef(str(KG._NS) + "Attack")) in graph
    place = graph.value(event, SEM.hasPlace)
    assert str(graph.value(place, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == (
        "Dobrovka"
    )
    # every trigger mention points at the event and slices its document's text
    text_of = {d.id: d.text for d in documents}
    anchors = {
        str(
            graph.value(
                m, URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf")
            )
        )
        for m in graph.subjects(URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef"), event)
    }
    assert {"struck", "strike"} <= anchors
    assert all(any(a in t for t in text_of.values()) for a in anchors)


@pytest.mark.model
@pytest.mark.seeds
def test_the_seed_strike_is_one_event_with_its_town_date_and_weapon(seeds) -> None:  # type: ignore[no-untyped-def]
    """Every seed article reports one strike: one event, stated in each, with where, when and
    with what (labels read at run time, nothing of the seeds in the package)."""
    from kg.build.pipeline import Options, build
    from kg.nlp.analyzer import Analyzer

    result = build([str(seeds)], Analyzer(), Options(validate=False), started=RUN_TIME)
    corpus = result.corpus
    attacks = [e for e in corpus.events if top_type(e.type) == "Attack"]
    strike = max(attacks, key=lambda e: len({r.mention.doc_id for r in e.reports}))
    assert {r.mention.doc_id for r in strike.reports} == {d.id for d in corpus.documents}
    label = {e.key: e for e in corpus.entities}
    places = {a.entity for r in strike.reports for a in r.arguments if a.role == "place"}
    weapons = {a.entity for r in strike.reports for a in r.arguments if a.role == "instrument"}
    assert weapons and all(label[w].type == "Weapon" for w in weapons)
    # the town: a place of the event that some report ties to its trigger by the parse and
    # that most seed articles name
    towns = [
        label[p].label
        for p in places
        if sum(label[p].label in d.text for d in corpus.documents) >= len(corpus.documents) - 1
    ]
    assert towns and any(town in strike.label for town in towns)
    assert len(strike.date) == 10 and strike.date[4] == "-"
    others = [e for e in attacks if e is not strike and e.date and e.date != strike.date]
    assert all(
        not set(r.mention.doc_id for r in e.reports) >= {d.id for d in corpus.documents}
        for e in others
    )


@pytest.mark.model
def test_fire_naming_a_service_is_no_fire(parse: Parse) -> None:
    assert "Fire" not in _types(
        parse, "Crews from the fire station in Brindle arrived within minutes."
    )
    assert "Fire" not in _types(parse, "Fire officials said the cause was unknown.")
    assert "Fire" not in _types(parse, "A fire department official said the building was empty.")
    assert "Fire" in _types(parse, "The fire destroyed three homes in Brindle.")


@pytest.mark.model
def test_fired_from_a_job_is_no_shooting(parse: Parse) -> None:
    assert _types(parse, "The guard had been fired for cause.") == ["Dismissal"]
    assert _types(parse, "The company fired the engineer after the audit.") == ["Dismissal"]
    assert "Shooting" in _types(parse, "Police fired shots at the car.")
    assert "Shooting" in _types(parse, "The convoy was fired upon near the border.")
    assert "Attack" in _types(parse, "Militants fired rockets at the town.")


@pytest.mark.model
def test_a_bird_strike_or_a_plane_striking_a_wall_is_no_attack(parse: Parse) -> None:
    assert "Attack" not in _types(parse, "A bird strike forced the plane to land.")
    assert "Attack" not in _types(
        parse, "The plane struck a concrete embankment beyond the runway."
    )
    assert "Attack" in _types(parse, "The missile struck a school.")


@pytest.mark.model
def test_a_storm_of_criticism_is_no_storm(parse: Parse) -> None:
    assert "Storm" not in _types(parse, "At the center of the storm is the mayor's chief of staff.")
    assert "Storm" not in _types(parse, "The minister faced a storm of criticism over the plan.")
    assert "Storm" in _types(parse, "The storm killed 12 people.")


@pytest.mark.model
def test_buying_a_snack_is_no_acquisition(parse: Parse) -> None:
    assert "Acquisition" not in _types(parse, "Tova Lind had just bought a pretzel at the stand.")
    assert "Acquisition" in _types(parse, "Holt Industries bought Venn Systems for $2 billion.")


@pytest.mark.model
@pytest.mark.parametrize("published", ["2024-03-06", ""])
def test_a_past_occurrence_recalled_by_its_year_stays_apart(parse: Parse, published: str) -> None:
    texts = (
        (
            "a",
            "A strong earthquake shook Dorvan. The quake was the deadliest since the 2011 "
            "earthquake near Dorvan, which killed 40 people.",
        ),
        (
            "b",
            "An earthquake shook Dorvan, toppling homes. Residents recalled the 2011 earthquake.",
        ),
    )
    events = _resolve(parse, texts, published=published)
    quakes = [e for e in events if e.type == "Earthquake"]
    # the recalled quake never joins the story's own, nor gives it its year
    assert any(r.past for e in quakes for r in e.reports)
    for e in quakes:
        past = {r.past for r in e.reports}
        assert len(past) == 1
        assert (e.date == "2011") == past.pop()
        assert all(r.mention.text == "earthquake" for r in e.reports if r.past)

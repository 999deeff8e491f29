"""The rdf stage: contract shape, provenance of every fact, offsets, determinism."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.core.model import Run
from kg.core.vocab import ITSRDF, KG, NIF, PROV, WD
from kg.rdf.triples import build_graph
from tests.conftest import BASE, RUN_TIME, sample_corpus

RUN = Run("newskg test", "en_test", "0.0", RUN_TIME)


def _graph():  # type: ignore[no-untyped-def]
    return build_graph(sample_corpus(), RUN, BASE)


def test_entity_has_label_altlabels_and_link() -> None:
    g = _graph()
    person = g.value(predicate=RDFS.label, object=Literal("Ana Petrenko"))
    assert (person, RDF.type, KG.Person) in g
    assert set(g.objects(person, SKOS.altLabel)) == {Literal("Petrenko")}
    kyiv = g.value(predicate=RDFS.label, object=Literal("Kyiv"))
    assert (kyiv, OWL.sameAs, WD.Q1899) in g


def test_every_mention_slices_its_document_text() -> None:
    g = _graph()
    texts = {doc: str(text) for doc, text in g.subject_objects(NIF.isString)}
    mentions = list(g.subjects(RDF.type, KG.Mention))
    assert len(mentions) >= 6
    for m in mentions:
        doc = g.value(m, NIF.referenceContext)
        begin, end = int(g.value(m, NIF.beginIndex)), int(g.value(m, NIF.endIndex))
        assert texts[doc][begin:end] == str(g.value(m, NIF.anchorOf))
        assert str(m) == f"{doc}#char={begin},{end}"


def test_every_fact_triple_has_an_assertion_derived_from_mentions() -> None:
    g = _graph()
    subjects = {
        s for cls in (KG.Person, KG.Place, KG.Claim, KG.Quantity) for s in g.subjects(RDF.type, cls)
    }
    facts = [(s, p, o) for s in subjects for p, o in g.predicate_objects(s)]
    assert len(facts) > 15
    for s, p, o in facts:
        found = [
            a
            for a in g.subjects(RDF.subject, s)
            if (a, RDF.predicate, p) in g and (a, RDF.object, o) in g
        ]
        assert len(found) == 1, (s, p, o)
        sources = list(g.objects(found[0], PROV.wasDerivedFrom))
        assert sources and all((m, RDF.type, KG.Mention) in g for m in sources)


def test_claim_stated_in_both_documents_with_quantity() -> None:
    g = _graph()
    claim = next(g.subjects(RDF.type, KG.Claim))
    assert len(set(g.objects(claim, KG.statedIn))) == 2
    quantity = g.value(claim, KG.quantity)
    assert g.value(quantity, KG.value).toPython() == 12
    assert str(g.value(quantity, KG.quantityKind)) == "drones-downed"
    person = g.value(claim, KG.claimant)
    assert str(g.value(person, RDFS.label)) == "Ana Petrenko"
    # the content is a mention of each document that states it
    contents = [m for m in g.subjects(ITSRDF.taIdentRef, claim)]
    assert {str(g.value(m, NIF.anchorOf)) for m in contents} == {
        "12 drones were shot down",
        "Twelve drones fell.",
    }


def test_link_assertion_records_method_and_confidence() -> None:
    g = _graph()
    kyiv = g.value(predicate=RDFS.label, object=Literal("Kyiv"))
    a = next(a for a in g.subjects(RDF.subject, kyiv) if (a, RDF.predicate, OWL.sameAs) in g)
    assert str(g.value(a, KG.method)) == "kb-label"
    assert float(g.value(a, KG.confidence)) == 0.97


def test_merge_evidence_is_queryable() -> None:
    g = _graph()
    person = g.value(predicate=RDFS.label, object=Literal("Ana Petrenko"))
    merge = g.value(person, KG.mergedBy)
    assert str(g.value(merge, KG.rule)) == "surname"
    assert {str(f) for f in g.objects(merge, KG.mergedForm)} == {"Ana Petrenko", "Petrenko"}


def test_iris_do_not_depend_on_input_order() -> None:
    from dataclasses import replace

    corpus = sample_corpus()
    shuffled = replace(corpus, documents=corpus.documents[::-1], entities=corpus.entities[::-1])
    assert set(build_graph(corpus, RUN, BASE)) == set(build_graph(shuffled, RUN, BASE))


def test_documents_and_run_are_recorded() -> None:
    g = _graph()
    docs = set(g.subjects(RDF.type, KG.Document))
    assert all(isinstance(d, URIRef) and str(d).startswith(BASE + "doc/") for d in docs)
    assert len(list(g.subjects(RDF.type, KG.ExtractionRun))) == 1


def _claim_corpus(claimant_type: str, **claim_fields: object):  # type: ignore[no-untyped-def]
    """One document whose claim's claimant is an entity of the given type."""
    from decimal import Decimal

    from kg.core.model import Claim, Corpus, Entity, Mention, Quantity, Span
    from tests.conftest import make_document

    text = "Harbour spokesman Omar Diaz of Norland said 7 boats sank. Norland said 7 boats sank."
    doc = make_document(text, "d")

    def span(sub: str, nth: int = 0) -> Span:
        begin = -1
        for _ in range(nth + 1):
            begin = text.index(sub, begin + 1)
        return Span(doc.id, begin, begin + len(sub), sub)

    def mention(sub: str, type_: str, nth: int = 0) -> Mention:
        s = span(sub, nth)
        return Mention(doc.id, s.begin, s.end, sub, type_, 0, 0, 1)  # type: ignore[arg-type]

    harbour = Entity(
        "Organisation|harbour", "Organisation", "Harbour", (), (mention("Harbour", "Organisation"),)
    )
    if claimant_type == "Person":
        who = mention("Omar Diaz", "Person")
        source = span("Harbour spokesman Omar Diaz")
    else:
        who = mention("Norland", "Place", 1)
        source = span("Norland", 1)
    speaker = Entity(f"{claimant_type}|x", claimant_type, who.text, (), (who,))  # type: ignore[arg-type]
    claim = Claim(
        claimant_mention=who,
        cue="say",
        content=span("7 boats sank"),
        cue_span=span("said"),
        source_span=source,
        claimant=speaker.key,
        key="k",
        quantities=(Quantity(Decimal(7), "boats-sunk", span("7")),),
        **claim_fields,  # type: ignore[arg-type]
    )
    return Corpus((doc,), (harbour, speaker), (claim,))


def test_a_place_speaks_through_its_government_and_stays_a_place() -> None:
    corpus = _claim_corpus("Place")
    g = build_graph(corpus, RUN, BASE)
    [place_iri] = list(g.subjects(RDF.type, KG.Place))
    claimant = g.value(next(g.subjects(RDF.type, KG.Claim)), KG.claimant)
    assert claimant != place_iri
    assert (claimant, RDF.type, KG.Organisation) in g and (
        place_iri,
        RDF.type,
        KG.Organisation,
    ) not in g
    assert (place_iri, RDF.type, KG.Place) in g
    assert (claimant, KG.governmentOf, place_iri) in g
    assert str(g.value(claimant, RDFS.label)) == str(g.value(place_iri, RDFS.label)) == "Norland"
    # the government's mention is the source words, which slice the text
    [m] = list(g.subjects(ITSRDF.taIdentRef, claimant))
    assert str(g.value(m, NIF.anchorOf)) == "Norland" and int(g.value(m, NIF.beginIndex)) > 40
    # its facts have Assertions like every other fact
    assertion = next(g.subjects(RDF.subject, claimant))
    assert (assertion, PROV.wasDerivedFrom, m) in g and (
        assertion,
        KG.method,
        Literal("place-as-claimant"),
    ) in g


def test_an_unnamed_sources_government_is_mentioned_where_its_country_never_speaks() -> None:
    import dataclasses

    from kg.core.model import Span, UnnamedSource
    from kg.validation.shacl import validate_graph

    corpus = _claim_corpus("Place")
    doc = corpus.documents[0]
    text = doc.text
    begin = text.index("Harbour spokesman")
    words = Span(doc.id, begin, begin + len("Harbour spokesman"), "Harbour spokesman")
    place = corpus.entities[1]
    norland = place.mentions[0]  # the place's mention: no claim of the corpus is its own
    source = UnnamedSource(words, "individual", "Harbour spokesman", affiliation=norland)
    claim = dataclasses.replace(
        corpus.claims[0],
        claimant_mention=None,
        claimant="unnamed:d:individual:harbour spokesman",
        unnamed=source,
        source_span=words,
        affiliation=place.key,
    )
    g = build_graph(dataclasses.replace(corpus, claims=(claim,)), RUN, BASE)
    [government] = [s for s in g.subjects(KG.governmentOf, None)]
    [m] = list(g.subjects(ITSRDF.taIdentRef, government))
    assert str(g.value(m, NIF.anchorOf)) == "Norland"
    assert int(g.value(m, NIF.beginIndex)) == norland.begin
    assert validate_graph(g).conforms


def test_a_person_claimant_gets_role_and_affiliation_with_their_assertions() -> None:
    corpus = _claim_corpus(
        "Person", claimant_role="Harbour spokesman", affiliation="Organisation|harbour"
    )
    g = build_graph(corpus, RUN, BASE)
    who = next(g.subjects(RDFS.label, Literal("Omar Diaz")))
    org = next(g.subjects(RDFS.label, Literal("Harbour")))
    assert set(g.objects(who, KG.role)) == {Literal("Harbour spokesman")}
    assert (who, KG.affiliation, org) in g
    for p, o in ((KG.role, Literal("Harbour spokesman")), (KG.affiliation, org)):
        [a] = [
            a
            for a in g.subjects(RDF.subject, who)
            if (a, RDF.predicate, p) in g and (a, RDF.object, o) in g
        ]
        [m] = list(g.objects(a, PROV.wasDerivedFrom))
        assert str(g.value(m, NIF.anchorOf)) == "Harbour spokesman Omar Diaz"


def test_an_organisation_claimant_has_no_role() -> None:
    corpus = _claim_corpus("Organisation", claimant_role="spokesman")
    g = build_graph(corpus, RUN, BASE)
    assert not list(g.subject_objects(KG.role))


def test_a_title_before_a_persons_name_is_a_role_derived_from_that_mention() -> None:
    import dataclasses

    corpus = sample_corpus()
    person = next(e for e in corpus.entities if e.type == "Person")
    titled = (dataclasses.replace(person.mentions[0], title="Governor"), *person.mentions[1:])
    corpus = dataclasses.replace(
        corpus,
        entities=tuple(
            dataclasses.replace(e, mentions=titled) if e is person else e for e in corpus.entities
        ),
    )
    g = build_graph(corpus, RUN, BASE)
    who = next(g.subjects(RDFS.label, Literal("Ana Petrenko")))
    assert set(g.objects(who, KG.role)) == {Literal("Governor")}
    [a] = [a for a in g.subjects(RDF.subject, who) if (a, RDF.predicate, KG.role) in g]
    [m] = list(g.objects(a, PROV.wasDerivedFrom))
    assert str(g.value(m, NIF.anchorOf)) == "Ana Petrenko"
    assert (a, KG.method, Literal("title")) in g


def test_affiliation_never_points_at_a_person() -> None:
    # "Diaz's lawyer": the text ties the claimant to a person, which is no affiliation
    corpus = _claim_corpus("Person", claimant_role="lawyer", affiliation="Person|x")
    g = build_graph(corpus, RUN, BASE)
    assert not list(g.subject_objects(KG.affiliation))
    assert list(g.subject_objects(KG.role))

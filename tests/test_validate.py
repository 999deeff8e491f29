"""The shapes: a conforming graph passes; a graph broken in each guarded way fails with the
expected message, on the fast engine and on the pySHACL reference alike."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.core.model import Run
from kg.core.vocab import KG, NIF, PROV
from kg.rdf.triples import build_graph
from kg.validation.shacl import validate_graph
from tests.conftest import BASE, RUN_TIME, sample_corpus

ENGINES = ["fast", "reference"]


def _graph() -> Graph:
    return build_graph(sample_corpus(), Run("newskg test", "en_test", "0.0", RUN_TIME), BASE)


def _person(g: Graph) -> URIRef:
    return next(iter(g.subjects(RDF.type, KG.Person)))  # type: ignore[return-value]


def _first_mention(g: Graph) -> URIRef:
    return min(g.subjects(RDF.type, KG.Mention))  # type: ignore[return-value]


def _drop_label(g: Graph) -> None:
    p = _person(g)
    g.remove((p, RDFS.label, None))


def _second_label(g: Graph) -> None:
    p = _person(g)
    g.add((p, RDFS.label, Literal("Someone Else")))
    _assert_fact(g, p, RDFS.label, Literal("Someone Else"))


def _assert_fact(g: Graph, s: URIRef, p: URIRef, o: Literal | URIRef) -> None:
    """Give an added triple an Assertion, so only the intended shape fails."""
    a = URIRef(BASE + "assertion/test-" + str(abs(len(str(o)))))
    g.add((a, RDF.type, KG.Assertion))
    g.add((a, RDF.subject, s))
    g.add((a, RDF.predicate, p))
    g.add((a, RDF.object, o))
    g.add((a, PROV.wasDerivedFrom, _first_mention(g)))


def _wrong_anchor_same_length(g: Graph) -> None:
    m = _first_mention(g)
    anchor = str(g.value(m, NIF.anchorOf))
    g.set((m, NIF.anchorOf, Literal("x" * len(anchor))))


def _wrong_anchor_length(g: Graph) -> None:
    m = _first_mention(g)
    g.set((m, NIF.anchorOf, Literal(str(g.value(m, NIF.anchorOf)) + "!")))


def _drop_an_assertion(g: Graph) -> None:
    p = _person(g)
    for a in list(g.subjects(RDF.subject, p)):
        if (a, RDF.predicate, RDFS.label) in g:
            g.remove((a, None, None))


def _drop_fact(g: Graph, s: URIRef, p: URIRef) -> None:
    """Remove the facts (s, p, *) with their Assertions, so only the intended shape fails."""
    g.remove((s, p, None))
    for a in list(g.subjects(RDF.subject, s)):
        if (a, RDF.predicate, p) in g:
            g.remove((a, None, None))


def _drop_claimant(g: Graph) -> None:
    _drop_fact(g, next(iter(g.subjects(RDF.type, KG.Claim))), KG.claimant)  # type: ignore[arg-type]


def _place_as_claimant(g: Graph) -> None:
    c = next(iter(g.subjects(RDF.type, KG.Claim)))
    place = next(iter(g.subjects(RDF.type, KG.Place)))
    for a in list(g.subjects(RDF.subject, c)):
        if (a, RDF.predicate, KG.claimant) in g:
            g.set((a, RDF.object, place))
    g.set((c, KG.claimant, place))


def _bad_value(g: Graph) -> None:
    q = next(iter(g.subjects(RDF.type, KG.Quantity)))
    old = g.value(q, KG.value)
    for a in list(g.subjects(RDF.subject, q)):
        if (a, RDF.object, old) in g:
            g.set((a, RDF.object, Literal("twelve")))
    g.set((q, KG.value, Literal("twelve")))


def _no_run(g: Graph) -> None:
    for run in list(g.subjects(RDF.type, KG.ExtractionRun)):
        g.remove((run, None, None))


def _affiliation_to_a_person(g: Graph) -> None:
    people = sorted(g.subjects(RDF.type, KG.Person))
    other = URIRef(BASE + "person/someone-else")
    g.add((other, RDF.type, KG.Person))
    g.add((people[0], KG.affiliation, other))
    _assert_fact(g, people[0], KG.affiliation, other)


def _bad_hash(g: Graph) -> None:
    d = next(iter(g.subjects(RDF.type, KG.Document)))
    g.set((d, KG.sha256, Literal("not-a-hash")))


def _entity_without_mentions(g: Graph) -> None:
    e = URIRef(BASE + "person/nobody")
    g.add((e, RDF.type, KG.Person))
    g.add((e, RDFS.label, Literal("Nobody")))
    _assert_fact(g, e, RDF.type, KG.Person)
    _assert_fact(g, e, RDFS.label, Literal("Nobody"))


def _assertion_without_source(g: Graph) -> None:
    a = next(iter(g.subjects(RDF.type, KG.Assertion)))
    g.remove((a, PROV.wasDerivedFrom, None))


def _non_wikidata_link(g: Graph) -> None:
    place = next(iter(g.subjects(RDF.type, KG.Place)))
    for a in list(g.subjects(RDF.subject, place)):
        if (a, RDF.predicate, OWL.sameAs) in g:
            g.set((a, RDF.object, URIRef("http://dbpedia.org/resource/Kyiv")))
    g.set((place, OWL.sameAs, URIRef("http://dbpedia.org/resource/Kyiv")))


def _assertion_of_missing_triple(g: Graph) -> None:
    p = _person(g)
    g.remove((p, RDFS.label, None))
    g.add((p, RDFS.label, Literal("Replaced")))
    _assert_fact(g, p, RDFS.label, Literal("Replaced"))


def _claim(g: Graph) -> URIRef:
    return min(g.subjects(RDF.type, KG.Claim))  # type: ignore[return-value]


def _stated_nowhere(g: Graph) -> None:
    _drop_fact(g, _claim(g), KG.statedIn)


def _stated_in_a_person(g: Graph) -> None:
    c = _claim(g)
    g.add((c, KG.statedIn, _person(g)))
    _assert_fact(g, c, KG.statedIn, _person(g))


def _about_a_claim(g: Graph) -> None:
    c = _claim(g)
    other = max(g.subjects(RDF.type, KG.Claim))
    g.add((c, KG.about, other))
    _assert_fact(g, c, KG.about, other)


def _conflict_with_a_person_and_a_literal(g: Graph) -> None:
    c = _claim(g)
    for value in (_person(g), Literal("63")):
        g.add((c, KG.conflictsWith, value))
        _assert_fact(g, c, KG.conflictsWith, value)


def _quantity_a_person(g: Graph) -> None:
    c = _claim(g)
    g.add((c, KG.quantity, _person(g)))
    _assert_fact(g, c, KG.quantity, _person(g))


def _assertion_derived_from_a_document(g: Graph) -> None:
    assertion = min(g.subjects(RDF.type, KG.Assertion))
    g.add((assertion, PROV.wasDerivedFrom, min(g.subjects(RDF.type, KG.Document))))


BREAKAGES: list[tuple[Callable[[Graph], None], str]] = [
    (_drop_label, "exactly one rdfs:label"),
    (_second_label, "exactly one rdfs:label"),
    (_wrong_anchor_same_length, "must equal the document text"),
    (_wrong_anchor_length, "must have the length"),
    (_drop_an_assertion, "Every fact triple needs a kg:Assertion"),
    (_drop_claimant, "exactly one kg:claimant"),
    (_place_as_claimant, "exactly one kg:claimant"),
    (_bad_value, "exactly one kg:value"),
    (_no_run, "at least one kg:ExtractionRun"),
    (_affiliation_to_a_person, "affiliation"),
    (_bad_hash, "kg:sha256"),
    (_entity_without_mentions, "at least one kg:Mention pointing at it"),
    (_assertion_without_source, "prov:wasDerivedFrom at least one kg:Mention"),
    (_non_wikidata_link, "Wikidata item"),
    (_assertion_of_missing_triple, "describe a triple that is in the graph"),
    (_stated_nowhere, "kg:statedIn at least one kg:Document"),
    (_stated_in_a_person, "kg:statedIn at least one kg:Document"),
    (_about_a_claim, "kg:about points at an entity"),
    (_conflict_with_a_person_and_a_literal, "kg:conflictsWith points at another kg:Claim"),
    (_quantity_a_person, "kg:quantity points at a kg:Quantity"),
    (_assertion_derived_from_a_document, "prov:wasDerivedFrom at least one kg:Mention"),
]


@pytest.mark.parametrize("engine", ENGINES)
def test_built_graph_conforms(engine: str) -> None:
    report = validate_graph(_graph(), engine=engine)  # type: ignore[arg-type]
    assert report.conforms, report.summary()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("breakage", "message"), BREAKAGES, ids=[b.__name__.strip("_") for b, _ in BREAKAGES]
)
def test_broken_graph_fails_with_message(
    breakage: Callable[[Graph], None], message: str, engine: str
) -> None:
    g = _graph()
    breakage(g)
    report = validate_graph(g, engine=engine)  # type: ignore[arg-type]
    assert not report.conforms
    messages = {v.message for v in report.violations}
    assert any(message in m for m in messages), messages


@pytest.mark.parametrize(
    ("breakage", "message"), BREAKAGES, ids=[b.__name__.strip("_") for b, _ in BREAKAGES]
)
def test_triples_from_a_loaded_file_give_the_graph_verdict(
    breakage: Callable[[Graph], None], message: str
) -> None:
    import pyoxigraph

    from kg.validation.shacl import validate_triples

    g = _graph()
    assert validate_triples(
        pyoxigraph.parse(g.serialize(format="nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    ).conforms
    breakage(g)
    report = validate_triples(
        pyoxigraph.parse(g.serialize(format="nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    )
    assert not report.conforms
    assert any(message in v.message for v in report.violations), report.summary()


# ---------------------------------------------------------------- validation in batches


def _batched(corpus, batch: int, known=None, seen=None, jobs: int = 1, keep: bool = True):  # type: ignore[no-untyped-def]
    """Validate the graph of `corpus` the way a build does: unit by unit, in batches; with
    `known` verdicts of an earlier run, `seen` a list to append the validator to, `jobs`
    worker processes, `keep` the verdicts by key (as with a cache)."""
    from kg.rdf.buffer import TripleBuffer
    from kg.rdf.nodes import first_mentions, mention_index, node_classes
    from kg.validation.batches import BatchValidator

    buffer = TripleBuffer()
    mentions = first_mentions(mention_index(corpus, BASE), BASE)
    validator = BatchValidator(
        node_classes(corpus, BASE),
        mentions=mentions,
        batch=batch,
        known=known,
        salt="s",
        keep=keep,
        jobs=jobs,
    )
    if seen is not None:
        seen.append(validator)
    buffer.on_lines = validator.feed

    def end_unit() -> None:
        buffer.flush()
        if validator.pending() >= batch:
            validator.check()

    build_graph(
        corpus, Run("newskg test", "en_test", "0.0", RUN_TIME), BASE, into=buffer, end_unit=end_unit
    )
    buffer.flush()
    return validator.report(), validator.batches


def _with_a_bad_mention(corpus):  # type: ignore[no-untyped-def]
    """The corpus with its first entity's first mention one character too long for its text."""
    from dataclasses import replace

    person = corpus.entities[0]
    bad = replace(person.mentions[0], text="Anna Petrenko", end=person.mentions[0].end + 1)
    return replace(
        corpus,
        entities=(replace(person, mentions=(bad, *person.mentions[1:])), *corpus.entities[1:]),
    )


def test_batches_of_units_conform_like_the_whole_graph() -> None:
    report, batches = _batched(sample_corpus(), batch=5)
    assert batches > 3  # really split: run, documents, entities, claim
    assert report.conforms, report.summary()


def test_known_verdicts_are_reused_for_the_same_batches_only() -> None:
    corpus = sample_corpus()
    first: list = []
    report, batches = _batched(corpus, batch=5, seen=first)
    again: list = []
    assert _batched(corpus, batch=5, known=first[0].verdicts, seen=again) == (report, batches)
    assert again[0].reused == batches  # nothing validated twice
    # A broken mention: its document's batch is new and validated; the report says so, and
    # the verdicts of the batches that did not change are reused.
    broken = _with_a_bad_mention(corpus)
    third: list = []
    fresh, _ = _batched(broken, batch=5)
    assert _batched(broken, batch=5, known=first[0].verdicts, seen=third)[0] == fresh
    assert not fresh.conforms
    assert 0 < third[0].reused < third[0].batches


def test_verdicts_are_kept_by_key_only_when_asked() -> None:
    corpus = _with_a_bad_mention(sample_corpus())
    kept: list = []
    unkept: list = []
    report, batches = _batched(corpus, batch=5, seen=kept)
    assert _batched(corpus, batch=5, seen=unkept, keep=False) == (report, batches)
    assert not report.conforms
    assert len(kept[0].verdicts) == batches and all(len(key) == 64 for key in kept[0].verdicts)
    assert unkept[0].verdicts == {}


def test_batches_checked_in_worker_processes_give_the_same_report() -> None:
    corpus = _with_a_bad_mention(sample_corpus())
    alone, batches = _batched(corpus, batch=5)
    assert batches > 3 and not alone.conforms
    assert _batched(corpus, batch=5, jobs=2) == (alone, batches)  # verdicts taken as they end


def test_validation_workers_run_below_the_build_in_priority() -> None:
    import os

    from kg.validation.batches import validation_pool

    pool = validation_pool(1)
    try:
        worker = pool.submit(os.getpriority, os.PRIO_PROCESS, 0).result()
    finally:
        pool.shutdown()
    assert worker > os.getpriority(os.PRIO_PROCESS, 0)


def test_batches_catch_a_mention_that_does_not_slice_its_document() -> None:
    corpus = _with_a_bad_mention(sample_corpus())
    report, _ = _batched(corpus, batch=5)
    assert not report.conforms
    assert any("document text" in v.message and "char=" in v.focus for v in report.violations), (
        report.summary()
    )
    whole = validate_graph(
        build_graph(corpus, Run("newskg test", "en_test", "0.0", RUN_TIME), BASE)
    )
    assert {v.message for v in whole.violations} == {v.message for v in report.violations}


@pytest.mark.parametrize(
    ("breakage", "message"), BREAKAGES, ids=[b.__name__.strip("_") for b, _ in BREAKAGES]
)
def test_sparql_constraints_on_oxigraph_report_what_the_shacl_engine_reports(
    breakage: Callable[[Graph], None], message: str
) -> None:
    """The fast path evaluates the SHACL-SPARQL constraints with Oxigraph, the rest with
    pyshacl-turbo; together they report the same results as turbo with every shape."""
    from kg.validation.shacl import validate_ntriples

    g = _graph()
    breakage(g)
    whole = validate_graph(g)
    # Focus on every node, as a batch that holds the whole graph would (the run's class too,
    # for the exactly-one-run shape): the batch path.
    every_node = sorted(
        {str(s) for s in g.subjects() if isinstance(s, URIRef)} | {str(KG.ExtractionRun)}
    )
    split = validate_ntriples(g.serialize(format="nt"), focus=every_node)
    assert not split.conforms
    assert {(v.message, v.focus, v.path, v.value) for v in split.violations} == {
        (v.message, v.focus, v.path, v.value) for v in whole.violations
    }


def test_sparql_constraints_are_read_from_the_shapes_file() -> None:
    from kg.validation.shacl import load_shapes
    from kg.validation.sparql_constraints import sparql_constraints, without

    shapes = load_shapes()
    constraints = sparql_constraints(shapes)
    assert {c.shape.rsplit("#", 1)[-1] for c in constraints} == {
        "MentionShape",
        "FactProvenanceShape",
        "AssertionShape",
    }
    assert all("$this" not in c.query and "?targetClass" in c.query for c in constraints)
    core = without(shapes, constraints)
    assert len(shapes) - len(core) == len({c.link for c in constraints})


def test_batches_of_both_kinds_read_and_compile_the_shapes_once_each() -> None:
    """A build's batches alternate between those with a many-valued path (checked partly by
    Oxigraph) and the rest: the shapes of both kinds stay cached, each read and compiled
    once, however the batches alternate."""
    from kg.validation import shacl

    g = _graph()
    text = g.serialize(format="nt")
    focus = sorted({str(s) for s in g.subjects() if isinstance(s, URIRef)})
    node = f"{BASE}assertion/many"
    many = "".join(
        f"<{node}> <{PROV.wasDerivedFrom}> <{BASE}doc/d#char={i},{i + 1}> .\n" for i in range(2001)
    )
    assert shacl._many_valued(many) != shacl._many_valued(text)
    shacl._prepared_shapes.cache_clear()
    shacl._compiled.cache_clear()
    shacl.warm_up()
    for _ in range(3):
        shacl.validate_ntriples(text, focus=focus)
        shacl.validate_ntriples(many, focus=[node])
    assert shacl._prepared_shapes.cache_info().misses == 2
    assert shacl._compiled.cache_info().misses == 2

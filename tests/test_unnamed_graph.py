"""Issue 23: unnamed sources in the graph, the saved queries and the report.

Two outlets, each with "a senior official" (the same words are two sources, one per
document), an anonymous source, a body's official, a claim with no stated source, and a
named speaker. The build conforms to the shapes (batches and the whole file), every fact
of an UnnamedSource has its Assertion, and the queries and the report name them as such.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.build.pipeline import Build, Options, build
from kg.core.vocab import ITSRDF, KG
from kg.nlp.analyzer import Analyzer
from kg.report.sections import shown_source
from kg.store.queries import load_query, run_query
from kg.validation.shacl import validate_graph
from tests.conftest import RUN_TIME

pytestmark = pytest.mark.model

NORTH = (
    "A senior official said the talks had stalled. He added that a new round was unlikely "
    "before June. A Pentagon official said the drills would resume in April. "
    "The new terminal is expected to open in the autumn."
)
SOUTH = (
    "A senior official, speaking on condition of anonymity, said the talks had collapsed. "
    "Mayor Ellen Hart said the ferry would run again in March."
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Build:
    folder = tmp_path_factory.mktemp("unnamed")
    records = [
        {"id": "north-1", "text": NORTH, "publisher": "Northern Wire"},
        {"id": "south-1", "text": SOUTH, "publisher": "Southern Post"},
    ]
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return build([str(path)], analyzer, Options(), started=RUN_TIME)


def _rows(built: Build, name: str, **params: str) -> list[dict[str, str]]:
    table = run_query(load_query(name), built.graph, params)
    return [
        {c: "" if v is None else str(v) for c, v in zip(table.columns, row, strict=True)}
        for row in table.rows
    ]


def test_unnamed_sources_conform_and_every_fact_has_an_assertion(built: Build) -> None:
    assert built.report is not None and built.report.conforms, built.report.summary()
    assert validate_graph(built.graph).conforms  # the whole file says what the batches said
    g = built.graph
    sources = set(g.subjects(RDF.type, KG.UnnamedSource))
    assert sources
    for s in sources:
        for p, o in g.predicate_objects(s):
            stated = set(g.subjects(RDF.subject, s)) & set(g.subjects(RDF.predicate, p))
            assert stated & set(g.subjects(RDF.object, o)), (s, p, o)
        assert list(g.subjects(ITSRDF.taIdentRef, s))  # a mention of its words


def test_the_same_description_in_two_outlets_is_two_sources(built: Build) -> None:
    g = built.graph
    officials = [
        s
        for s in g.subjects(RDF.type, KG.UnnamedSource)
        if str(g.value(s, RDFS.label)).startswith("A senior official")
    ]
    assert len(officials) == 2
    anonymous = {bool(g.value(s, KG.anonymous).toPython()) for s in officials}  # type: ignore[union-attr]
    assert anonymous == {True, False}
    assert {g.value(s, KG.sourceKind) for s in officials} == {KG.IndividualSource}
    # "He added" in the first outlet rests on that outlet's official.
    north = next(s for s in officials if not g.value(s, KG.anonymous).toPython())  # type: ignore[union-attr]
    contents = {str(g.value(c, KG.content)) for c in g.subjects(KG.claimant, north)}
    assert contents == {"the talks had stalled", "a new round was unlikely before June"}


def test_an_unnamed_source_has_its_affiliation_and_no_stated_source_says_so(
    built: Build,
) -> None:
    g = built.graph
    [pentagon_official] = [s for s in g.subjects(RDFS.label, Literal("A Pentagon official"))]
    affiliation = g.value(pentagon_official, KG.affiliation)
    assert isinstance(affiliation, URIRef) and (affiliation, RDF.type, KG.Organisation) in g
    unstated = set(g.subjects(KG.sourceKind, KG.UnstatedSource))
    [claim] = [c for c in g.subjects(KG.claimant) if g.value(c, KG.claimant) in unstated]
    assert str(g.value(claim, KG.content)) == "to open in the autumn"


def test_claims_by_source_kind(built: Build) -> None:
    rows = _rows(built, "claims-by-source-kind")
    kinds = {(r["kind"], r["source"], r["anonymous"]) for r in rows}
    assert ("person", "Ellen Hart", "false") in kinds
    assert ("individual", "A senior official", "false") in kinds
    assert ("individual", "A senior official", "true") in kinds
    assert ("unstated", "no source stated", "false") in kinds
    only = _rows(built, "claims-by-source-kind", kind="individual")
    assert only and {r["kind"] for r in only} == {"individual"}
    [pentagon] = [r for r in only if r["source"] == "A Pentagon official"]
    assert pentagon["affiliation"] == "Pentagon"


def test_the_share_of_each_outlets_claims_on_unnamed_sources(built: Build) -> None:
    rows = {r["outlet"]: r for r in _rows(built, "unnamed-sources-by-outlet")}
    north, south = rows["Northern Wire"], rows["Southern Post"]
    assert (north["claims"], north["unnamed"], north["anonymous"], north["unstated"]) == (
        "4",
        "3",
        "0",
        "1",
    )
    assert float(north["unnamedShare"]) == 0.75
    assert (south["claims"], south["unnamed"], south["anonymous"]) == ("2", "1", "1")
    assert float(south["anonymousShare"]) == 0.5


def test_the_report_names_unnamed_sources_as_such(built: Build, tmp_path: Path) -> None:
    from kg.rdf.serialise import write_graph
    from kg.report.page import collect_page, load_graphs

    path = tmp_path / "graph.ttl"
    write_graph(built.graph, path, "turtle")
    store, validation = load_graphs([path])
    page = collect_page(store, validation)
    names = {name for name, _ in page.claimants}
    assert "A senior official (unnamed)" in names
    assert "A senior official (anonymous)" in names
    assert "(no source stated)" in names and "Ellen Hart" in names
    assert {u.outlet: u.unnamed for u in page.unnamed} == {"Northern Wire": 3, "Southern Post": 1}
    assert shown_source("analysts", "group", "false") == "analysts (unnamed)"


def test_the_shapes_guard_an_unnamed_source(built: Build) -> None:
    g = built.graph
    source = next(iter(g.subjects(KG.sourceKind, KG.IndividualSource)))
    broken = g + g  # a copy
    for p in (KG.anonymous, KG.sourceKind):
        broken.remove((source, p, None))
    person = next(iter(g.subjects(RDF.type, KG.Person)))
    broken.add((source, KG.affiliation, person))
    report = validate_graph(broken)
    assert not report.conforms
    messages = " ".join(v.message for v in report.violations)
    assert "kg:anonymous" in messages and "kg:sourceKind" in messages
    assert "kg:affiliation points at a kg:Organisation" in messages

"""The shipped resources: ontology, shapes and saved queries parse and agree with the code."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.plugins.sparql import prepareQuery

from kg.core.model import Run
from kg.core.resources import ontology_path, resource_dir, shapes_paths
from kg.core.vocab import KG, PREFIXES, new_graph
from kg.rdf.serialise import serialize_graph
from kg.rdf.triples import build_graph
from tests.conftest import BASE, RUN_TIME, sample_corpus

SH = "http://www.w3.org/ns/shacl#"


def _ontology() -> Graph:
    g = new_graph()
    g.parse(ontology_path(), format="turtle")
    return g


def _defined_terms(g: Graph) -> set[str]:
    ns = str(KG._NS)
    return {
        str(s)[len(ns) :] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)
    }


def test_closed_namespace_equals_the_ontology() -> None:
    g = _ontology()
    concepts = {
        str(s)[len(str(KG._NS)) :]
        for cls in (KG.WeaponClass, KG.EventType)
        for s in g.subjects(RDF.type, cls)
    }
    assert set(KG.__annotations__) == _defined_terms(g) - concepts


def test_event_types_of_the_ontology_equal_the_data_file() -> None:
    from rdflib import Literal
    from rdflib.namespace import SKOS

    from kg.core.event_types import load_event_types, load_trigger_rules

    g = _ontology()
    in_ontology = {str(s)[len(str(KG._NS)) :] for s in g.subjects(RDF.type, KG.EventType)}
    types = load_event_types()
    assert in_ontology == {t.term for t in types}
    for t in types:
        iri = URIRef(str(KG._NS) + t.term)
        assert g.value(iri, SKOS.prefLabel) == Literal(t.label, lang="en"), t.term
        broader = g.value(iri, SKOS.broader)
        assert broader == (URIRef(str(KG._NS) + t.broader) if t.broader else None), t.term
        notations = {str(n) for n in g.objects(iri, SKOS.notation)}
        expected = {f"CAMEO {t.cameo}"} if t.cameo else set()
        expected |= {f"PLOVER {t.plover}"} if t.plover else set()
        assert notations == expected, t.term
        # every type but a grouping concept is reported by some trigger word, or by a rule
        # that retypes one in its context ("police raided": a Raid, not an Attack)
        assert (
            t.verbs
            or t.nouns
            or any(o.broader == t.term for o in types)
            or any(r.outcome == t.term for r in load_trigger_rules())
        ), t.term


def test_weapon_classes_of_the_ontology_equal_the_data_file() -> None:
    from kg.nlp.weapons.ruler import load_weapon_classes

    g = _ontology()
    in_ontology = {str(s)[len(str(KG._NS)) :] for s in g.subjects(RDF.type, KG.WeaponClass)}
    assert in_ontology == {c.term for c in load_weapon_classes()}
    for c in load_weapon_classes():
        if c.broader:
            assert c.broader in in_ontology


def test_every_ontology_term_has_a_label_and_a_kind() -> None:
    g = _ontology()
    kinds = {
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        KG.CertaintyLevel,
        KG.Polarity,
        KG.SourceKind,
        KG.WeaponClass,
        KG.EventType,
    }
    for term in _defined_terms(g):
        iri = URIRef(str(KG._NS) + term)
        assert g.value(iri, RDFS.label) is not None, term
        assert set(g.objects(iri, RDF.type)) & kinds, term


def test_shapes_targets_and_paths_exist_in_the_ontology() -> None:
    onto = _defined_terms(_ontology())
    shapes = new_graph()
    for path in shapes_paths():
        shapes.parse(path, format="turtle")
    used = {
        str(o)
        for p in (URIRef(SH + "targetClass"), URIRef(SH + "path"), URIRef(SH + "class"))
        for o in shapes.objects(None, p)
        if isinstance(o, URIRef)
    }
    ours = {u[len(str(KG._NS)) :] for u in used if u.startswith(str(KG._NS))}
    assert ours and ours <= onto, ours - onto


def test_shapes_conform_to_shacl_shacl() -> None:
    from importlib import resources

    import pyshacl

    shacl_shacl = Graph()
    shacl_shacl.parse(
        str(resources.files("pyshacl").joinpath("assets", "shacl-shacl.ttl")), format="turtle"
    )
    shapes = new_graph()
    for path in shapes_paths():
        shapes.parse(path, format="turtle")
    conforms, _, text = pyshacl.validate(shapes, shacl_graph=shacl_shacl)
    assert conforms, text


def test_every_saved_query_parses() -> None:
    queries = sorted(resource_dir("queries").glob("*.rq"))
    if not queries:
        pytest.skip("no saved queries yet")
    for path in queries:
        prepareQuery(path.read_text(encoding="utf-8"))


def test_output_binds_exactly_the_contract_prefixes() -> None:
    g = build_graph(sample_corpus(), Run("t", "m", "0", RUN_TIME), BASE)
    text = serialize_graph(g, "turtle").decode()
    assert "ns1:" not in text and "schema1:" not in text
    declared = {
        line.split()[1].rstrip(":") for line in text.splitlines() if line.startswith("@prefix")
    }
    assert declared <= set(PREFIXES)
    assert {prefix for prefix, _ in g.namespaces()} == set(PREFIXES)

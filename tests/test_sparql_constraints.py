"""SHACL-SPARQL constraints over all targets at once: the query forms and their rows."""

from __future__ import annotations

import pytest

from kg.validation.shacl import load_shapes
from kg.validation.sparql_constraints import (
    _binds_this,
    _over_targets,
    evaluate,
    sparql_constraints,
)

EX = "http://example.org/"


@pytest.mark.parametrize(
    ("query", "safe"),
    [
        ("SELECT ?this ?value WHERE { ?this ?p ?value FILTER (?value = 1) }", True),
        ("SELECT ?this WHERE { ?this ?p ?o OPTIONAL { ?o ?q ?this } }", True),
        ("SELECT ?this WHERE { { ?this ?p ?o } UNION { ?o ?q ?this } }", True),
        (
            "SELECT ?this ?path WHERE { ?this ?path ?v } "
            "GROUP BY ?this ?path HAVING (COUNT(?v) > 1)",
            True,
        ),
        # ?this only in a FILTER, an OPTIONAL, one branch of a UNION, or not grouped by:
        ("SELECT ?this ?x WHERE { ?x ?p ?o FILTER (?x = ?this) }", False),
        ("SELECT ?this WHERE { ?x ?p ?o OPTIONAL { ?o ?q ?this } }", False),
        ("SELECT ?this WHERE { { ?this ?p ?o } UNION { ?o ?q ?z } }", False),
        ("SELECT ?this (COUNT(?v) AS ?n) WHERE { ?this ?p ?v }", False),
        ("SELECT ?this ?v WHERE { ?this ?p ?v } LIMIT 1", False),  # a limit per focus node
        ("SELECT ?v WHERE { ?this ?p ?v }", False),  # rows that do not say whose they are
        ("SELECT ?this WHERE { { SELECT ?o WHERE { ?this ?p ?o } } ?this ?q ?o }", True),
        ("not a query", False),
    ],
)
def test_only_queries_that_bind_this_in_every_solution_run_unbound(query: str, safe: bool) -> None:
    assert _binds_this(query) is safe


def test_the_projects_constraints_run_once_as_sub_selects() -> None:
    constraints = sparql_constraints(load_shapes())
    assert constraints
    # the fast form: the shape's query nested whole, joined with its targets outside it
    assert all(
        c.query.split("SELECT", 2)[2].lstrip().startswith(("?this", "$this")) for c in constraints
    )
    assert all("{ {" in c.query for c in constraints)


def _rows(select: str, data: str, target: str) -> set[tuple[str, str]]:
    from rdflib import URIRef

    from kg.validation.sparql_constraints import SparqlConstraint

    query = _over_targets(select, [f"{EX}{target}"])
    constraint = SparqlConstraint(
        URIRef(f"{EX}Shape"),
        "m",
        query,
        (URIRef(f"{EX}Shape"), URIRef(f"{EX}sparql"), URIRef(f"{EX}c")),
    )
    return {
        (r.focus.value, "" if r.value is None else r.value.value)
        for r in evaluate(data.encode(), [constraint])
    }


DATA = f"""
<{EX}a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}T> .
<{EX}b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}T> .
<{EX}c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}U> .
<{EX}a> <{EX}p> "1" .
<{EX}a> <{EX}p> "2" .
<{EX}b> <{EX}p> "3" .
<{EX}c> <{EX}p> "4" .
<{EX}c> <{EX}p> "5" .
<{EX}b> <{EX}q> <{EX}a> .
"""


def test_rows_are_those_of_each_target_in_either_form() -> None:
    # bound by a triple pattern: run once unbound, joined with the targets (only T's a, b)
    grouped = (
        "SELECT $this WHERE { $this <http://example.org/p> ?v } "
        "GROUP BY $this HAVING (COUNT(?v) > 1)"
    )
    assert {f for f, _ in _rows(grouped, DATA, "T")} == {f"{EX}a"}
    # $this only in a FILTER: substituted, so b's q-link to a counts for b alone
    filtered = "SELECT $this ?value WHERE { ?x <http://example.org/q> ?value FILTER (?x = $this) }"
    assert _rows(filtered, DATA, "T") == {(f"{EX}b", f"{EX}a")}


PROPERTY_SHAPES = (
    "\n"
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix ex: <http://example.org/> .\n"
    "ex:S a sh:NodeShape ; sh:targetClass ex:T ;\n"
    "    sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:class ex:C ;"
    ' sh:message "p: one C at least" ] ,\n'
    "        [ sh:path ex:q ; sh:or ( [ sh:class ex:C ] [ sh:class ex:D ] ) ;"
    ' sh:message "q: a C or a D" ] ,\n'
    '        [ sh:path ex:r ; sh:minCount 2 ; sh:message "r: two" ] ,\n'
    '        [ sh:path ex:v ; sh:minCount 4 ; sh:message "v: four" ] ,\n'
    "        [ sh:path ex:s ; sh:or ( [ sh:class ex:C ] [ sh:datatype ex:x ] ) ;"
    ' sh:message "s" ] ,\n'
    "        [ sh:path ex:t ; sh:class ex:C ] .\n"
    "ex:U a sh:NodeShape ; sh:targetSubjectsOf ex:u ;"
    ' sh:property [ sh:path ex:p ; sh:class ex:C ; sh:message "u" ] .\n'
)

PROPERTY_DATA = f"""
<{EX}a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}T> .
<{EX}a> <{EX}p> <{EX}c1> .
<{EX}a> <{EX}p> <{EX}d1> .
<{EX}a> <{EX}q> <{EX}d1> .
<{EX}a> <{EX}q> "text" .
<{EX}a> <{EX}r> <{EX}r1> .
<{EX}a> <{EX}r> "r2" .
<{EX}b> <{EX}r> <{EX}r1> .
<{EX}b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}T2> .
<{EX}T2> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{EX}T> .
<{EX}b> <{EX}p> <{EX}c2> .
<{EX}b> <{EX}q> <{EX}c2> .
<{EX}z> <{EX}q> <{EX}nothing> .
<{EX}c1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}C> .
<{EX}c2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}C2> .
<{EX}C2> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{EX}C> .
<{EX}d1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}D> .
<{EX}e> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}T> .
"""


def test_property_shapes_become_queries_only_when_every_part_of_them_can() -> None:
    from rdflib import Graph, URIRef

    from kg.validation.sparql_constraints import property_constraints

    shapes = Graph().parse(data=PROPERTY_SHAPES, format="turtle")
    paths = [URIRef(f"{EX}{p}") for p in "pqrstv"]
    constraints = property_constraints(shapes, paths)
    # p: minCount 1 and class; q: an or of classes; r: minCount 2. Not v (a count over
    # three), s (an or with a datatype), t (no message), nor ex:U's (not targeted by class).
    assert sorted(c.message for c in constraints) == [
        "p: one C at least",
        "p: one C at least",
        "q: a C or a D",
        "r: two",
    ]
    rows = {
        (
            r.message[0],
            r.focus.value.rsplit("/", 1)[-1],
            "" if r.value is None else r.value.value.rsplit("/", 1)[-1],
        )
        for r in evaluate(PROPERTY_DATA.encode(), constraints)
    }
    # a's d1 is no C; a's "text" neither C nor D; e has no p at all. b's values are
    # instances through subclasses, b is a target through one, z is no target. a has two
    # r, b one, e none.
    assert rows == {
        ("p", "a", "d1"),
        ("q", "a", "text"),
        ("p", "e", ""),
        ("r", "b", ""),
        ("r", "e", ""),
    }

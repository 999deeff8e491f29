"""The store benchmark's data generator: replicated graphs keep their shape."""

from __future__ import annotations

import pyoxigraph

from bench.stores import replicate
from kg.core.vocab import DEFAULT_BASE

KG = "https://w3id.org/newskg/ontology#"


def test_replicate_renames_minted_iris_per_copy_and_keeps_vocabulary() -> None:
    person = pyoxigraph.NamedNode(DEFAULT_BASE + "person/ana")
    mention = pyoxigraph.NamedNode(DEFAULT_BASE + "doc/a1#char=0,3")
    triples = [
        pyoxigraph.Triple(person, pyoxigraph.NamedNode(KG + "label"), pyoxigraph.Literal("Ana")),
        pyoxigraph.Triple(mention, pyoxigraph.NamedNode(KG + "ref"), person),
    ]
    out = list(replicate(triples, 5))
    assert len(out) == 5
    assert out[:2] == triples  # copy 0 is the graph itself
    assert out[2].subject.value == DEFAULT_BASE + "person/ana-1"
    assert out[3].subject.value == DEFAULT_BASE + "doc/a1-1#char=0,3"  # the fragment stays last
    assert out[3].object.value == DEFAULT_BASE + "person/ana-1"
    assert out[4].subject.value == DEFAULT_BASE + "person/ana-2"
    assert all(t.predicate.value.startswith(KG) for t in out)

"""The output stage: serialise a graph as Turtle, N-Triples, TriG, N-Quads or JSON-LD.

Files are written atomically: to a temporary file beside the target, then renamed, so a
crash or Ctrl-C never leaves a half-written graph. TriG and N-Quads put each document and
its mentions in a named graph of their own (the document's IRI) and everything else in the
build's graph, so a store can replace one document's data.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Literal

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from kg.vocab import KG, NIF, PREFIXES

__all__ = ["FORMATS", "Format", "serialize_graph", "write_atomically", "write_graph"]

Format = Literal["turtle", "nt", "trig", "nquads", "jsonld"]
FORMATS: tuple[Format, ...] = ("turtle", "nt", "trig", "nquads", "jsonld")
SUFFIX_FORMATS: dict[str, Format] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "jsonld",
    ".json": "jsonld",
}


def serialize_graph(graph: Graph, fmt: Format, *, base: str | None = None) -> bytes:
    """Serialise deterministically: the same graph always gives the same bytes."""
    if fmt == "turtle":
        return graph.serialize(format="turtle", base=base, encoding="utf-8")
    if fmt == "nt":
        lines = graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
        return b"".join(sorted(line for line in lines if line.strip()))
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", encoding="utf-8", context=PREFIXES, auto_compact=True)
    dataset = split_by_document(graph, build_graph_iri=URIRef((base or "urn:newskg:") + "build"))
    if fmt == "trig":
        return dataset.serialize(format="trig", encoding="utf-8")
    lines = dataset.serialize(format="nquads", encoding="utf-8").splitlines(keepends=True)
    return b"".join(sorted(line for line in lines if line.strip()))


def split_by_document(graph: Graph, *, build_graph_iri: URIRef) -> Dataset:
    """A Dataset with one named graph per document (document + its mentions) and one for the rest."""
    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns, override=True, replace=True)
    documents = {str(d) for d in graph.subjects(RDF.type, KG.Document)}
    mention_doc = {
        m: d for m, d in graph.subject_objects(NIF.referenceContext) if isinstance(d, URIRef)
    }
    named: dict[str, Graph] = {}
    rest = dataset.graph(build_graph_iri)
    for s, p, o in graph:
        doc = str(s) if str(s) in documents else mention_doc.get(s)
        if doc is None:
            rest.add((s, p, o))
            continue
        target = named.get(str(doc))
        if target is None:
            target = named[str(doc)] = dataset.graph(URIRef(str(doc)))
        target.add((s, p, o))
    return dataset


def write_atomically(data: bytes, path: Path) -> None:
    """Write bytes to `path` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_graph(graph: Graph, target: Path | None, fmt: Format, *, base: str | None = None) -> int:
    """Serialise to a file (atomically) or to stdout when target is None; return bytes written."""
    data = serialize_graph(graph, fmt, base=base)
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomically(data, target)
    return len(data)

"""Writers: every format parses back to the same graph, TriG splits by document, writes are
atomic."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from kg.core.model import Run
from kg.core.vocab import KG
from kg.rdf.buffer import encode_term, to_oxigraph
from kg.rdf.serialise import serialize_graph, write_atomically
from kg.rdf.triples import build_graph
from tests.conftest import BASE, RUN_TIME, sample_corpus


def _graph() -> Graph:
    return build_graph(sample_corpus(), Run("t", "m", "0", RUN_TIME), BASE)


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("turtle", "turtle"), ("nt", "nt")])
def test_round_trip_through_rdflib(fmt: str, rdflib_format: str) -> None:
    g = _graph()
    back = Graph().parse(data=serialize_graph(g, fmt, base=BASE), format=rdflib_format)  # type: ignore[arg-type]
    assert isomorphic(g, back)


@pytest.mark.parametrize(
    ("fmt", "ox_format"),
    [
        ("turtle", pyoxigraph.RdfFormat.TURTLE),
        ("nt", pyoxigraph.RdfFormat.N_TRIPLES),
        ("jsonld", pyoxigraph.RdfFormat.JSON_LD),
    ],
)
def test_output_parses_in_oxigraph(fmt: str, ox_format: pyoxigraph.RdfFormat) -> None:
    g = _graph()
    triples = list(pyoxigraph.parse(serialize_graph(g, fmt, base=BASE), format=ox_format))  # type: ignore[arg-type]
    assert len(triples) == len(g)


def test_serialisation_is_byte_stable() -> None:
    assert serialize_graph(_graph(), "turtle", base=BASE) == serialize_graph(
        _graph(), "turtle", base=BASE
    )
    assert serialize_graph(_graph(), "nquads", base=BASE) == serialize_graph(
        _graph(), "nquads", base=BASE
    )


@pytest.mark.parametrize(
    ("fmt", "ox_format"),
    [("trig", pyoxigraph.RdfFormat.TRIG), ("nquads", pyoxigraph.RdfFormat.N_QUADS)],
)
def test_named_graph_formats_have_one_graph_per_document(
    fmt: str, ox_format: pyoxigraph.RdfFormat
) -> None:
    g = _graph()
    quads = list(pyoxigraph.parse(serialize_graph(g, fmt, base=BASE), format=ox_format))  # type: ignore[arg-type]
    assert len(quads) == len(g)
    docs = {str(d) for d in g.subjects(RDF.type, KG.Document)}
    by_graph: dict[str, set[str]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name.value, set()).add(q.subject.value)
    assert docs | {BASE + "build"} == set(by_graph)
    for doc in docs:
        assert all(s.startswith(doc) for s in by_graph[doc])
        assert doc in by_graph[doc]


def test_atomic_write_leaves_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")

    def explode(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.replace", explode)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(b"new", target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_buffer_spilled_to_disk_writes_the_same_bytes() -> None:
    import io

    from kg.rdf.buffer import TripleBuffer
    from kg.rdf.serialise import write_triples

    g = _graph()
    small = TripleBuffer(limit=50, chunk=7)  # many sorted runs on disk, merged on the way out
    for triple in list(g) + list(g)[:40]:  # duplicates are written once
        small.add(triple)  # type: ignore[arg-type]
    small.flush()
    assert len(small._runs) > 1
    out = io.BytesIO()
    write_triples(small, out, "turtle", base=BASE)
    small.close()
    assert out.getvalue() == serialize_graph(g, "turtle", base=BASE)
    lines = serialize_graph(g, "nt").splitlines()
    assert lines == sorted(lines) and len(lines) == len(g)


def test_written_file_gets_the_mode_of_any_new_file(tmp_path: Path) -> None:
    import os

    mask = os.umask(0o027)
    try:
        write_atomically(b"x", tmp_path / "graph.ttl")
    finally:
        os.umask(mask)
    assert (tmp_path / "graph.ttl").stat().st_mode & 0o777 == 0o640  # not mkstemp's 0o600


def test_runs_merge_block_by_block_into_sorted_distinct_lines() -> None:
    import random

    from kg.rdf.buffer import _merge

    rng = random.Random(3)
    pool = [
        f"<http://a/{rng.randrange(400)}> <http://a/p> <http://a/o> .\n".encode()
        for _ in range(2000)
    ]
    runs = []
    for start in range(0, 2000, 300):  # runs overlap: the same line is in several of them
        run = sorted(set(pool[start : start + 500]))
        cuts = sorted(rng.sample(range(1, len(run)), 5))
        runs.append(iter([run[a:b] for a, b in zip([0, *cuts], [*cuts, len(run)], strict=True)]))
    blocks = list(_merge(runs))
    assert len(blocks) > 1
    assert [line for block in blocks for line in block] == sorted(set(pool))


HOSTILE = "".join(chr(c) for c in range(0x100)) + 'quote " back \\ \u2028 \ufeff \U0001f600'


@pytest.mark.parametrize(
    "term",
    [
        URIRef("https://w3id.org/newskg/id/doc/x#char=1,5"),
        URIRef("https://example.org/caf\u00e9"),
        Literal(HOSTILE),
        Literal("Kyiv"),
        Literal(""),
        Literal(HOSTILE, datatype=XSD.string),
        Literal(12, datatype=XSD.nonNegativeInteger),
        Literal("0.97", datatype=XSD.decimal),
        Literal(True),
        Literal("2023-01-01", datatype=XSD.date),
        Literal("x\ny", lang="en-US"),
        BNode("b0"),
    ],
)
def test_encoded_term_is_what_oxigraph_writes(term: object) -> None:
    # The buffer writes N-Triples itself; the bytes must be Oxigraph's, or a rebuild, a
    # kept build and a store would disagree about the same triple.
    assert encode_term(term) == str(to_oxigraph(term)).encode()  # type: ignore[arg-type]
    line = b"<http://a/s> <http://a/p> " + encode_term(term) + b" .\n"  # type: ignore[arg-type]
    (parsed,) = pyoxigraph.parse(line, format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert parsed.object == to_oxigraph(term)  # type: ignore[arg-type]


def test_malformed_iri_is_refused() -> None:
    with pytest.raises(ValueError):
        encode_term(URIRef("not an iri"))


def test_turtle_written_in_parts_by_two_processes_is_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import kg.rdf.serialise
    from kg.rdf.buffer import TripleBuffer
    from kg.rdf.serialise import write_triples

    buffer = TripleBuffer()
    for n in range(60):  # subjects of 1 to 5 triples: parts of 7 lines cut between them
        s = URIRef(f"{BASE}thing/{n:03d}")
        for k in range(1 + n % 5):
            buffer.add((s, URIRef(f"{BASE}p{k}"), Literal(f"value {n} {k}")))
    buffer.add(
        (
            URIRef(f"{BASE}thing/010"),
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef(f"{BASE}Thing"),
        )
    )
    one = io.BytesIO()
    write_triples(buffer, one, "turtle")
    monkeypatch.setattr(kg.rdf.serialise, "_PART_LINES", 7)
    parts = list(kg.rdf.serialise._subject_parts(buffer.blocks()))
    assert len(parts) > 10 and all(
        p[0].split(b" ")[0] != q[-1].split(b" ")[0] for q, p in itertools.pairwise(parts)
    )
    two = io.BytesIO()
    write_triples(buffer, two, "turtle", jobs=2)
    assert two.getvalue() == one.getvalue()
    assert one.getvalue().count(b"@prefix kg:") == 1

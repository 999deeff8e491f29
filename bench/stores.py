"""Measure the embedded store (pyoxigraph on disk) against rdflib's in-memory graph.

A built graph (a `kg build` output) is replicated to the sizes asked for: copy k renames
every minted IRI (the resource base) with a `-k` suffix, so the data has the shape of a
real build, only more of it. For each size it times loading (parse + index) and every
saved query that needs no parameter, on both engines, in this process, and prints a
Markdown table (and JSON with --json).

    python -m bench.stores GRAPH.ttl --triples 100000 1000000 [--skip-rdflib-above N]

rdflib's SPARQL engine gets slow on large graphs; --skip-rdflib-above leaves it out above
that size (its load time is still measured).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from kg.core.vocab import DEFAULT_BASE
from kg.store.queries import list_queries, run_query
from kg.store.stores import EmbeddedStore


def read_triples(path: Path) -> list[pyoxigraph.Triple]:
    """Every triple of a graph file (quads lose their graph name)."""
    return [
        q.triple if isinstance(q, pyoxigraph.Quad) else q for q in pyoxigraph.parse(path=str(path))
    ]


def replicate(
    triples: list[pyoxigraph.Triple], size: int, base: str = DEFAULT_BASE
) -> Iterator[pyoxigraph.Triple]:
    """Yield `size` triples: copies of the graph with its minted IRIs suffixed by the copy
    number."""

    def rename(term: object, k: int) -> object:
        if k and isinstance(term, pyoxigraph.NamedNode) and term.value.startswith(base):
            iri, hash_, fragment = term.value.partition("#")
            return pyoxigraph.NamedNode(f"{iri}-{k}{hash_}{fragment}")
        return term

    made, k = 0, 0
    while made < size:
        for t in triples:
            if made >= size:
                return
            yield pyoxigraph.Triple(rename(t.subject, k), t.predicate, rename(t.object, k))  # type: ignore[arg-type]
            made += 1
        k += 1


def measure(source: Path, size: int, *, with_rdflib: bool) -> dict[str, object]:
    """Load `size` triples into both engines and time every parameterless saved query."""
    data = (
        pyoxigraph.serialize(
            replicate(read_triples(source), size), format=pyoxigraph.RdfFormat.N_TRIPLES
        )
        or b""
    )
    queries = [
        q
        for q in list_queries()
        if not any(p.required for p in q.parameters) and "SERVICE" not in q.text
    ]
    row: dict[str, object] = {"triples": size}
    with tempfile.TemporaryDirectory() as tmp:
        nt = Path(tmp, "data.nt")
        nt.write_bytes(data)
        clock = time.perf_counter()
        store = EmbeddedStore(Path(tmp, "store"))
        store.load_file(nt, graph="urn:bench")
        row["oxigraph_load_s"] = time.perf_counter() - clock
        clock = time.perf_counter()
        for q in queries:
            run_query(q, store, {})
        row["oxigraph_queries_s"] = time.perf_counter() - clock
        del store
    clock = time.perf_counter()
    graph = Graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    row["rdflib_load_s"] = time.perf_counter() - clock
    if with_rdflib:
        clock = time.perf_counter()
        for q in queries:
            run_query(q, graph, {})
        row["rdflib_queries_s"] = time.perf_counter() - clock
    row["queries"] = len(queries)
    return row


def to_markdown(rows: list[dict[str, object]]) -> str:
    """The README table: one row per size, load and query seconds on each engine."""

    def cell(value: object) -> str:
        return (
            f"{value:.2f}" if isinstance(value, float) else ("—" if value is None else str(value))
        )

    lines = [
        "| triples | Oxigraph load s | rdflib load s | Oxigraph queries s | rdflib queries s |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['triples']:,} | {cell(r['oxigraph_load_s'])} | {cell(r['rdflib_load_s'])} "
            f"| {cell(r['oxigraph_queries_s'])} | {cell(r.get('rdflib_queries_s'))} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "graph", type=Path, help="a graph built by `kg build` (Turtle, N-Triples, TriG, N-Quads)"
    )
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--skip-rdflib-above", type=int, default=None, metavar="N")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    if not args.graph.is_file():
        print(
            f"bench.stores: {args.graph}: no such file; "
            "build one with `kg build examples/ -o graph.ttl`",
            file=sys.stderr,
        )
        return 2
    rows = []
    for size in args.triples:
        with_rdflib = args.skip_rdflib_above is None or size <= args.skip_rdflib_above
        rows.append(measure(args.graph, size, with_rdflib=with_rdflib))
        print(f"bench.stores: {size:,} triples done", file=sys.stderr)
    print(to_markdown(rows), end="")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

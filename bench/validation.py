"""Measure SHACL validation of whole graphs of 10^4 to 10^6 triples with the project's shapes.

A built graph is replicated to each size (as in bench.stores: copy k suffixes every minted
IRI with `-k`, the run stays one node, so the data keeps the shape and verdict of a real
build). Each size is validated whole by pyshacl-turbo, from N-Triples text (no rdflib graph),
and optionally by pySHACL, the reference engine, up to a size you choose.

    python -m bench.validation GRAPH.ttl --triples 10000 100000 1000000 [--reference-up-to 10000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from bench.stores import read_triples, replicate
from kg.validation.shacl import validate_graph, validate_ntriples


def sized(source: Path, size: int) -> tuple[str, int]:
    """N-Triples of whole copies of the graph at `source` (at least `size` triples, one run
    node, so it conforms when the source does), and the number of triples."""
    triples = read_triples(source)
    runs = {t.subject for t in triples if "/run/" in getattr(t.subject, "value", "")}
    kept = [t for t in triples if t.subject in runs]
    body = [t for t in triples if t.subject not in runs]
    copies = max(1, -(-(size - len(kept)) // len(body)))
    made = kept + list(replicate(body, copies * len(body)))
    out = pyoxigraph.serialize(made, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return (out or b"").decode("utf-8"), len(made)


def measure(text: str, engine: str) -> tuple[float, bool]:
    """Seconds to validate the N-Triples text whole, and the verdict."""
    validate_ntriples("")  # load the shapes and ontology outside the timing
    clock = time.perf_counter()
    if engine == "fast":
        report = validate_ntriples(text)
    else:
        graph = Graph()
        graph.parse(data=text, format="nt")
        report = validate_graph(graph, engine="reference")
    return time.perf_counter() - clock, report.conforms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--triples", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument(
        "--reference-up-to",
        type=int,
        default=0,
        metavar="N",
        help="also run pySHACL up to N triples",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not args.graph.is_file():
        print(
            f"bench.validation: {args.graph}: no such file; build one with `kg build`",
            file=sys.stderr,
        )
        return 2
    rows = []
    print(
        "| triples | pyshacl-turbo s | triples/s | pySHACL s | conforms |\n"
        "|---:|---:|---:|---:|---|"
    )
    for size in args.triples:
        text, size = sized(args.graph, size)
        fast, conforms = measure(text, "fast")
        row: dict[str, object] = {"triples": size, "turbo_s": fast, "conforms": conforms}
        ref = ""
        if size <= args.reference_up_to:
            row["pyshacl_s"], _ = measure(text, "reference")
            ref = f"{row['pyshacl_s']:.1f}"
        rows.append(row)
        print(
            f"| {size:,} | {fast:.1f} | {size / fast:,.0f} | {ref or '—'} | "
            f"{'yes' if conforms else 'no'} |",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

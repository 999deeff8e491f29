"""Validation time of one node with N values on one path, as a build's batch checks it.

An Assertion derived from N mentions (prov:wasDerivedFrom, N values, each a kg:Mention) is
validated as a batch whose focus is that Assertion, the way the build decides (Oxigraph's
queries for a path with more than 2,000 values in the batch, kg.validation.shacl), and with
every value left to pyshacl-turbo, whose time grows with the square of N.

    python -m bench.node_values --values 2000 4000 8000 16000
"""

from __future__ import annotations

import argparse
import time

import kg.validation.shacl as shacl
from kg.core.vocab import KG, PROV

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def batch(n: int) -> str:
    """N-Triples of one Assertion derived from n mentions (its triple is not in the batch,
    so the batch has one violation whichever route checks it)."""
    lines = [f"<http://x/a> <{_TYPE}> <{KG.Assertion}> ."]
    lines += [
        f"<http://x/a> <{_RDF}{p}> <http://x/s> ." for p in ("subject", "predicate", "object")
    ]
    for i in range(n):
        mention = f"<http://x/doc#char={i},{i + 1}>"
        lines.append(f"<http://x/a> <{PROV.wasDerivedFrom}> {mention} .")
        lines.append(f"{mention} <{_TYPE}> <{KG.Mention}> .")
    return "\n".join(lines) + "\n"


def seconds(text: str, limit: int) -> tuple[float, int]:
    """The best of three timings of the batch, with `limit` as the build's value limit."""
    kept = shacl._TURBO_VALUES
    shacl._TURBO_VALUES = limit
    try:
        shacl.validate_ntriples(text, focus=["http://x/a"])  # compile the shapes once
        best, found = float("inf"), 0
        for _ in range(3):
            clock = time.perf_counter()
            report = shacl.validate_ntriples(text, focus=["http://x/a"])
            best, found = min(best, time.perf_counter() - clock), len(report.violations)
        return best, found
    finally:
        shacl._TURBO_VALUES = kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, nargs="+", default=[2000, 4000, 8000, 16000])
    args = parser.parse_args(argv)
    print("| values | as the build checks it, s | turbo alone, s | violations |")
    print("|---:|---:|---:|---:|")
    for n in args.values:
        text = batch(n)
        built, found = seconds(text, shacl._TURBO_VALUES)
        turbo, _ = seconds(text, 10**12)
        print(f"| {n:,} | {built:.2f} | {turbo:.2f} | {found} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

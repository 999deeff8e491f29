"""Reusing a kept build: a corpus built before with the same code, options and linking
source is not built again.

`kg build --cache DIR` keeps the last build's triples (sorted, without the run that made
them) and a record of its report and counts (`kg.build.cache.ExtractionCache.keep_build`), under
a key of everything the output depends on. A rebuild with the same key writes the kept
triples with its own run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kg.build.cache import ExtractionCache, KeptBuild, build_key
from kg.core.model import Corpus, Run
from kg.linking.candidates import CandidateSource
from kg.rdf.buffer import TripleBuffer
from kg.rdf.triples import build_graph
from kg.validation.shacl import shapes_fingerprint

__all__ = ["keep_output", "kept_triples", "output_key"]


def output_key(
    keys: list[str], fingerprint: str, base: str, validate: bool, source: CandidateSource | None
) -> str | None:
    """The key of a build's output, or None when it must not be reused: a linking source
    whose answers can change (an endpoint) is asked afresh every build."""
    linking = "none"
    if source is not None:
        state = getattr(source, "fingerprint", None)
        answer = state() if callable(state) else None
        if not isinstance(answer, str):
            return None
        linking = answer
    return build_key(
        keys, fingerprint, base, str(validate), linking, shapes_fingerprint() if validate else ""
    )


def keep_output(
    cache: ExtractionCache,
    key: str,
    triples: TripleBuffer,
    run: Run,
    base: str,
    record: dict[str, Any],
) -> None:
    """Keep a build's triples, without its run, and `record` (JSON-ready) in the cache."""
    run_lines = _run_lines(run, base)
    kept = [0]

    def lines() -> Iterator[bytes]:
        for block in triples.blocks():
            block = [line for line in block if line not in run_lines]
            kept[0] += len(block)
            yield b"".join(block)

    # The record is made after the lines are written, when their number is known.
    cache.keep_build(key, lines(), lambda: {**record, "triples": kept[0]})


def kept_triples(kept: KeptBuild, run: Run, base: str) -> TripleBuffer:
    """The kept triples with `run` stated instead of the run that made them."""
    triples = TripleBuffer()
    triples.include_sorted(kept.triples, int(kept.record["triples"]))
    for line in sorted(_run_lines(run, base)):
        triples.add_line(line)
    return triples


def _run_lines(run: Run, base: str) -> set[bytes]:
    """The N-Triples lines that state the run: all a rebuild adds to a kept output."""
    buffer = TripleBuffer()
    build_graph(Corpus((), (), ()), run, base, into=buffer)
    return set(buffer.lines())

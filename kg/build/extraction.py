"""The per-document part of a build: nlp, entities, claims and events of each article, in worker
processes.

It yields one `Extraction` per article, in input order; with several jobs each worker
process holds its own loaded pipeline (a forked worker inherits the parent's)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from kg.claims.extraction import extract_claims
from kg.core.codec import decode, encode
from kg.core.model import Document, Extraction
from kg.core.processes import prepare_worker, worker_context
from kg.entities.in_document import group_mentions
from kg.events.anchoring import anchor_claims
from kg.events.arguments import find_event_reports
from kg.nlp.analyzer import Analyzer

__all__ = ["Extraction", "add_seconds", "extract"]


def _extract(
    parsed_documents: Iterable[Document], analyzer: Analyzer, batch_size: int
) -> Iterator[tuple[Extraction, dict[str, float]]]:
    """Run nlp, entities, claims and events over documents, timing each stage per document."""
    parsed_iter = analyzer.parse(parsed_documents, batch_size=batch_size)
    while True:
        clock = time.perf_counter()
        parsed = next(parsed_iter, None)
        if parsed is None:
            return
        t_nlp = time.perf_counter()
        entities = group_mentions(parsed)
        t_resolve = time.perf_counter()
        mentions = [m for e in entities for m in e.mentions]
        claims = extract_claims(parsed, mentions)
        t_claims = time.perf_counter()
        events = find_event_reports(parsed, mentions)
        claims = anchor_claims(parsed, claims, events)
        seconds = {
            "nlp": t_nlp - clock,
            "resolve": t_resolve - t_nlp,
            "claims": t_claims - t_resolve,
            "events": time.perf_counter() - t_claims,
        }
        yield Extraction(parsed.document, entities, claims, events), seconds


# The loaded pipeline of a worker process. A forked worker inherits the parent's (no reload);
# a spawned one loads the model named in the initializer. Only the process pool uses it.
_WORKER: list[tuple[Analyzer, int]] = []


def _init_worker(model: str, batch_size: int, analyzer: Analyzer | None) -> None:
    prepare_worker()
    _WORKER[:] = [(analyzer if analyzer is not None else Analyzer(model), batch_size)]


def _work(documents: list[Document]) -> list[tuple[bytes, dict[str, float]]]:
    # Encoded here, where the pool would pickle them anyway: the parent keeps these bytes
    # for the cache instead of encoding every Extraction a second time.
    analyzer, batch_size = _WORKER[0]
    return [
        (encode(extraction), spent)
        for extraction, spent in _extract(documents, analyzer, batch_size)
    ]


def extract(
    documents: Iterable[Document],
    analyzer: Analyzer,
    jobs: int,
    batch_size: int,
    totals: dict[str, float],
) -> Iterator[tuple[Extraction, bytes | None]]:
    """Run the per-document stages over documents, in order (in `jobs` processes),
    each Extraction with its cache encoding when a worker made it."""
    if jobs <= 1:
        for extraction, spent in _extract(documents, analyzer, batch_size):
            add_seconds(totals, spent)
            yield extraction, None
        return
    chunks = _chunks(documents, batch_size)
    context = worker_context()
    inherited = analyzer if context.get_start_method() == "fork" else None
    with context.Pool(jobs, _init_worker, (analyzer.model, batch_size, inherited)) as pool:
        for results in pool.imap(_work, chunks):
            for encoded, spent in results:
                add_seconds(totals, spent)
                yield decode(encoded), encoded


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def add_seconds(totals: dict[str, float], spent: dict[str, float]) -> None:
    for stage, value in spent.items():
        totals[stage] = totals.get(stage, 0.0) + value

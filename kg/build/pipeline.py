"""The one module that knows the order of the stages.

    ingest -> nlp -> entities -> claims -> event arguments (per document) [per-document part]
           -> resolve -> events -> grouping of claims -> link -> rdf -> validate  [corpus part]

The per-document part yields one `Extraction` per article; it runs in `Options.jobs`
processes (each with its own copy of the loaded pipeline) and its results can be kept in an
`ExtractionCache`, so a rebuild re-processes only new or changed articles. The corpus part
sees everything once. The rdf stage writes into a `TripleBuffer` (N-Triples lines, spilled
to disk past a limit), never into several in-memory graphs, and validation checks the
graph in batches of whole units as they are made.
"""

from __future__ import annotations

import gc
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from rdflib import Graph

from kg import __version__
from kg.build.cache import ExtractionCache, KeptBuild, document_key, pipeline_fingerprint
from kg.build.cluster import Cluster, extractions_on_cluster
from kg.build.extraction import Extraction, extract
from kg.build.kept import keep_output, kept_triples, output_key
from kg.claims.disputes import find_disputes
from kg.claims.grouping import group_claims
from kg.core.codec import encode
from kg.core.model import Corpus, Document, Problem, Run
from kg.core.vocab import DEFAULT_BASE
from kg.entities.resolution import resolve_entities
from kg.events.coreference import event_triggers, resolve_events
from kg.ingest.documents import DEFAULT_MAX_BYTES, read_documents
from kg.ingest.repeats import skip_repeated
from kg.linking.candidates import CandidateSource
from kg.linking.linker import LinkReport, link_entities
from kg.nlp.analyzer import Analyzer
from kg.rdf.buffer import TripleBuffer
from kg.rdf.nodes import first_mentions, mention_index, node_classes
from kg.rdf.triples import build_graph
from kg.validation.batches import BatchValidator, validation_pool
from kg.validation.shacl import Report, shapes_fingerprint

__all__ = ["STAGES", "Build", "InputError", "Options", "build"]

# The stages a build times, in order; `kg build` adds "write" (and "store").
STAGES = ("ingest", "cache", "nlp", "resolve", "events", "claims", "link", "rdf", "validate")


class InputError(Exception):
    """A bad input under --strict: the first problem is fatal."""


@dataclass(frozen=True, slots=True)
class Options:
    """What the user chose; everything that changes output is recorded on the run."""

    base_iri: str = DEFAULT_BASE
    jobs: int = 1
    batch_size: int = 16
    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False
    validate: bool = True
    skip_repeats: bool = True  # a passage repeated across unrelated documents: extracted once

    def describe(self) -> str:
        return f"base={self.base_iri}" + ("" if self.skip_repeats else " repeats=kept")


@dataclass(frozen=True, slots=True)
class Build:
    """The result of a build: the corpus, its triples and validation report, what was skipped."""

    corpus: Corpus
    triples: TripleBuffer
    report: Report | None
    problems: tuple[Problem, ...]
    run: Run
    link: LinkReport
    mentions: int = 0
    # Wall seconds per stage; with jobs > 1 the per-document stages (nlp, resolve's per-
    # document part, claims) are summed over the processes; "per-document" is the part's wall.
    stage_seconds: dict[str, float] = field(default_factory=dict)
    cached: int = 0  # documents whose Extraction came from the cache
    # What the graph holds, for messages: documents, mentions, claims and entities by type
    # ("Person", ...), and the linking summary. A build reused from the cache (`reused`)
    # has these, its triples and its report, but no entities or claims in `corpus`.
    counts: dict[str, int] = field(default_factory=dict)
    link_summary: str = ""
    reused: bool = False
    _graph: list[Graph] = field(default_factory=list, repr=False, compare=False)

    @property
    def graph(self) -> Graph:
        """The triples as an rdflib Graph, made on first use (slow at volume: prefer `triples`)."""
        if not self._graph:
            self._graph.append(self.triples.to_graph())
        return self._graph[0]


def _extractions(
    documents: list[Document],
    keys: list[str],
    analyzer: Analyzer,
    options: Options,
    cache: ExtractionCache | None,
    seconds: dict[str, float],
    on_document: Callable[[Document], None],
    cluster: Cluster | None = None,
    parts: str | None = None,
) -> tuple[list[Extraction], int]:
    """Every document's Extraction in input order: from the cache, else computed (and cached)."""
    if cluster is not None and parts is not None:
        clock = time.perf_counter()
        extractions, kept = extractions_on_cluster(
            cluster, documents, keys, analyzer.model, options.batch_size, parts, on_document
        )
        seconds["per-document"] = time.perf_counter() - clock
        return extractions, kept
    clock = time.perf_counter()
    found: dict[int, Extraction] = {}
    if cache is not None:
        enabled = gc.isenabled()
        gc.disable()  # unpickling makes no garbage; full collections over it only cost time
        try:
            entries = cache.get_many(keys)
        finally:
            if enabled:
                gc.enable()
        gc.freeze()  # see _build
        for i, key in enumerate(keys):
            entry = entries.get(key)
            if isinstance(entry, Extraction) and entry.document == documents[i]:
                found[i] = entry
    seconds["cache"] += time.perf_counter() - clock
    todo = [d for i, d in enumerate(documents) if i not in found]
    clock = time.perf_counter()
    if todo:
        analyzer.nlp  # noqa: B018 - loaded before the workers fork, so they share it
    computed = []
    todo_keys = iter([k for i, k in enumerate(keys) if i not in found])
    unsaved: list[tuple[str, bytes]] = []  # cache entries, written while the workers go on
    for extraction, encoded in extract(todo, analyzer, options.jobs, options.batch_size, seconds):
        computed.append(extraction)
        on_document(extraction.document)
        if cache is not None:
            unsaved.append(
                (next(todo_keys), encoded if encoded is not None else encode(extraction))
            )
            if len(unsaved) >= 256:
                cache.put_encoded(unsaved)
                unsaved = []
        if options.jobs > 1 and len(computed) % 256 == 0:
            gc.freeze()  # see _build; with one job, spaCy's own garbage would be frozen too
    seconds["per-document"] = time.perf_counter() - clock
    if cache is not None and unsaved:
        clock = time.perf_counter()
        cache.put_encoded(unsaved)
        seconds["cache"] += time.perf_counter() - clock
    fresh = iter(computed)
    return [found[i] if i in found else next(fresh) for i in range(len(documents))], len(found)


def _now() -> str:
    """The current time as an ISO 8601 date-time in UTC, to the second."""
    return datetime.now(tz=UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build(
    paths: Iterable[str],
    analyzer: Analyzer,
    options: Options,
    *,
    started: str | None = None,
    source: CandidateSource | None = None,
    cache: ExtractionCache | None = None,
    on_problem: Callable[[Problem], None] = lambda p: None,
    on_document: Callable[[Document], None] = lambda d: None,
    on_stage: Callable[[str], None] = lambda s: None,
    cluster: Cluster | None = None,
    parts: str | None = None,
) -> Build:
    """Build the graph of every article under `paths`; `on_stage(name)` runs as each stage ends.

    `started` is the run's start time recorded in the graph (ISO 8601, UTC; default now):
    give it for byte-identical rebuilds. With a Dask `cluster` (kg.build.cluster) the
    per-document part and validation run on its workers, which keep each partition's
    extractions in `parts` (a folder or fsspec URL they and this process share). With a
    cache, a corpus built before with the same code, options and linking source is not
    built again: the kept output is reused with this build's run (`Build.reused`).
    """
    problems: list[Problem] = []
    seconds: dict[str, float] = {stage: 0.0 for stage in STAGES}
    clock = time.perf_counter()
    documents: list[Document] = []
    for item in read_documents(paths, max_bytes=options.max_bytes):
        if isinstance(item, Problem):
            if options.strict:
                raise InputError(item.message)
            problems.append(item)
            on_problem(item)
        else:
            documents.append(item)
    read, documents = documents, skip_repeated(documents) if options.skip_repeats else documents
    repeats = sum(a is not b for a, b in zip(read, documents, strict=True))
    seconds["ingest"] = time.perf_counter() - clock
    on_stage("ingest")
    run = Run(
        software_version=f"newskg {__version__}",
        model_name=analyzer.model_name,
        model_version=analyzer.model_version,
        started=started or _now(),
        options=options.describe(),
    )

    clock = time.perf_counter()
    keys: list[str] = []
    reuse: str | None = None
    salt = ""  # what a batch's validation verdict depends on besides its text (see _build)
    if cache is not None or cluster is not None:
        fingerprint = pipeline_fingerprint(analyzer.model_name, analyzer.model_version, __version__)
        salt = fingerprint + shapes_fingerprint()
        keys = [document_key(d, fingerprint) for d in documents]
    if cache is not None:
        reuse = output_key(keys, fingerprint, options.base_iri, options.validate, source)
        kept = cache.kept_build(reuse) if reuse is not None else None
        if kept is not None:
            seconds["cache"] = time.perf_counter() - clock
            on_stage("cache")
            return _reused(kept, documents, problems, run, options, seconds)
    seconds["cache"] = time.perf_counter() - clock
    # Validation's workers start while this process is small (see validation_pool); with a
    # cluster, one per worker (Cluster.validators), local processes on local:N
    # (the batches kept out of the Dask client, which this process runs: bench/README.md).
    validators = cluster.validators if cluster is not None else options.jobs
    pool: Executor | None = None
    if options.validate and cluster is not None and cluster.local is None and validators > 1:
        pool = cluster.executor()
    elif options.validate and validators > 1:
        pool = validation_pool(validators)
    try:
        return _build(
            documents,
            keys,
            reuse,
            salt,
            run,
            problems,
            analyzer,
            options,
            source,
            cache,
            pool,
            validators,
            seconds,
            on_document,
            on_stage,
            cluster,
            parts,
            repeats,
        )
    finally:
        gc.unfreeze()
        if pool is not None:
            pool.shutdown()


def _build(
    documents: list[Document],
    keys: list[str],
    reuse: str | None,
    salt: str,
    run: Run,
    problems: list[Problem],
    analyzer: Analyzer,
    options: Options,
    source: CandidateSource | None,
    cache: ExtractionCache | None,
    pool: Executor | None,
    validators: int,
    seconds: dict[str, float],
    on_document: Callable[[Document], None],
    on_stage: Callable[[str], None],
    cluster: Cluster | None = None,
    parts: str | None = None,
    repeats: int = 0,
) -> Build:
    """The build past ingest and the cache lookup: extraction, the corpus-wide stages, RDF.

    `salt` is the package's code fingerprint and the shapes' (`shapes_fingerprint`): with
    a cache, a batch's verdict is kept under it, its focus nodes and its text.
    `validators`: the processes validation's batches spread over (`pool`'s; 1: this one).

    What each stage keeps for the next (extractions, entities, claims: millions of small
    objects at 10,000 articles) is moved out of the cyclic garbage collector's sight with
    `gc.freeze()` (`build` unfreezes it at the end): otherwise every full collection scans
    all of it again, and reading the workers' results slows down as the corpus grows.
    """
    extractions, cached = _extractions(
        documents, keys, analyzer, options, cache, seconds, on_document, cluster, parts
    )
    del documents
    gc.freeze()
    on_stage("per-document")
    mentions = sum(len(e.mentions) for x in extractions for e in x.entities)
    clock = time.perf_counter()
    entities = resolve_entities(e for x in extractions for e in x.entities)
    seconds["resolve"] += time.perf_counter() - clock
    gc.freeze()
    on_stage("resolve")
    clock = time.perf_counter()
    entity_of = {(m.doc_id, m.begin): e.key for e in entities for m in e.mentions}
    types = {e.key: e.type for e in entities}
    events = resolve_events((r for x in extractions for r in x.events), entity_of, types)
    seconds["events"] += time.perf_counter() - clock
    on_stage("events")
    clock = time.perf_counter()
    claims = group_claims(
        (c for x in extractions for c in x.claims), entity_of, event_triggers(events)
    )
    documents_read = tuple(sorted((x.document for x in extractions), key=lambda d: d.id))
    corpus = Corpus(documents_read, entities, claims, events, find_disputes(claims))
    del extractions, entity_of
    gc.freeze()
    seconds["claims"] += time.perf_counter() - clock
    on_stage("claims")
    clock = time.perf_counter()
    link = link_entities(corpus.entities, source)
    corpus = replace(corpus, entities=link.entities)
    seconds["link"] = time.perf_counter() - clock
    on_stage("link")

    clock = time.perf_counter()
    triples = TripleBuffer()
    located = mention_index(corpus, options.base_iri)
    validator = None
    if options.validate:
        known = (
            {k: Report.from_json(v) for k, v in cache.verdicts().items()}
            if cache is not None
            else {}
        )
        validator = BatchValidator(
            node_classes(corpus, options.base_iri),
            mentions=first_mentions(located, options.base_iri),
            jobs=validators,
            pool=pool,
            known=known,
            salt=salt,
            keep=cache is not None,
        )
    checking = [0.0]

    def end_unit() -> None:
        # A batch ends after a unit chosen by its content (its last subject), once the batch
        # is big enough: a rebuild where a few units changed cuts the others' batches where
        # it cut them before, so their verdicts are found again (see BatchValidator.known).
        if validator is None:
            return
        pending = triples.pending + validator.pending()
        if pending >= validator.batch and (
            pending >= 4 * validator.batch or zlib.crc32(triples.last_subject.encode()) % 4 == 0
        ):
            start = time.perf_counter()
            triples.flush()
            validator.check()
            checking[0] += time.perf_counter() - start

    if validator is not None:
        triples.on_lines = validator.feed
    build_graph(corpus, run, options.base_iri, into=triples, end_unit=end_unit, mentions=located)
    triples.flush()
    triples.on_lines = None
    seconds["rdf"] = time.perf_counter() - clock - checking[0]
    on_stage("rdf")
    clock = time.perf_counter()
    report = validator.report() if validator is not None else None
    if validator is not None and cache is not None:
        cache.keep_verdicts({key: verdict.to_json() for key, verdict in validator.verdicts.items()})
    seconds["validate"] = time.perf_counter() - clock + checking[0]
    on_stage("validate")
    counts: dict[str, int] = dict(Counter(str(e.type) for e in corpus.entities))
    counts.update(
        documents=len(corpus.documents),
        mentions=mentions,
        claims=len(corpus.claims),
        events=len(corpus.events),
        repeats=repeats,  # documents with a passage their publisher repeats, read elsewhere
    )
    if cache is not None and reuse is not None:
        clock = time.perf_counter()
        record = {
            "counts": counts,
            "link": link.summary(),
            "report": None if report is None else report.to_json(),
        }
        keep_output(cache, reuse, triples, run, options.base_iri, record)
        seconds["cache"] += time.perf_counter() - clock
    return Build(
        corpus,
        triples,
        report,
        tuple(problems),
        run,
        link,
        mentions,
        seconds,
        cached,
        counts=counts,
        link_summary=link.summary(),
    )


def _reused(
    kept: KeptBuild,
    documents: list[Document],
    problems: list[Problem],
    run: Run,
    options: Options,
    seconds: dict[str, float],
) -> Build:
    """A build whose output is the kept one, with this build's run."""
    triples = kept_triples(kept, run, options.base_iri)
    report = kept.record.get("report")
    counts = {k: int(v) for k, v in kept.record["counts"].items()}
    corpus = Corpus(tuple(sorted(documents, key=lambda d: d.id)), (), ())
    return Build(
        corpus,
        triples,
        None if report is None else Report.from_json(report),
        tuple(problems),
        run,
        LinkReport((), ()),
        counts.get("mentions", 0),
        seconds,
        len(documents),
        counts=counts,
        link_summary=str(kept.record.get("link", "")),
        reused=True,
    )

"""The one module that knows the order of the stages.

    ingest -> nlp -> entities (per document) -> claims (per document)     [per-document part]
           -> resolve -> grouping of claims -> link -> rdf -> validate    [corpus part]

The per-document part yields one `Extraction` per article and keeps no text or tokens beyond
it, so memory follows the corpus' entities and claims, not its raw text; the corpus part
sees everything once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from rdflib import Graph

from kg import __version__
from kg.claims import extract_claims
from kg.entities import group_mentions
from kg.grouping import group_claims
from kg.ingest import DEFAULT_MAX_BYTES, read_documents
from kg.link import CandidateSource, LinkReport, link_entities
from kg.model import Claim, Corpus, Document, Entity, Problem, Run
from kg.nlp import Analyzer
from kg.rdf import build_graph
from kg.resolve import resolve_entities
from kg.validate import Report, validate_graph
from kg.vocab import DEFAULT_BASE

__all__ = [
    "Build",
    "Extraction",
    "InputError",
    "Options",
    "build",
    "extract_documents",
    "make_corpus",
]


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

    def describe(self) -> str:
        return f"base={self.base_iri}"


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the per-document stages found in one article."""

    document: Document
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Build:
    """The result of a build: the corpus, its graph and validation report, what was skipped."""

    corpus: Corpus
    graph: Graph
    report: Report | None
    problems: tuple[Problem, ...]
    run: Run
    link: LinkReport
    mentions: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)


def extract_documents(
    documents: Iterable[Document], analyzer: Analyzer, options: Options
) -> Iterator[Extraction]:
    """Run the per-document stages over documents, in order."""
    for parsed in analyzer.parse(documents, batch_size=options.batch_size, n_process=options.jobs):
        entities = group_mentions(parsed)
        mentions = [m for e in entities for m in e.mentions]
        claims = extract_claims(parsed, mentions)
        yield Extraction(parsed.document, entities, claims)


def make_corpus(extractions: Iterable[Extraction]) -> Corpus:
    """Run the corpus-wide stages: resolve entities across documents, group claims."""
    extractions = list(extractions)
    entities = resolve_entities(e for x in extractions for e in x.entities)
    entity_of = {(m.doc_id, m.begin): e.key for e in entities for m in e.mentions}
    claims = group_claims((c for x in extractions for c in x.claims), entity_of)
    documents = tuple(sorted((x.document for x in extractions), key=lambda d: d.id))
    return Corpus(documents, entities, claims)


def build(
    paths: Iterable[str],
    analyzer: Analyzer,
    options: Options,
    *,
    started: str,
    source: CandidateSource | None = None,
    on_problem: Callable[[Problem], None] = lambda p: None,
    on_document: Callable[[Document], None] = lambda d: None,
) -> Build:
    """Build the graph of every article under `paths`."""
    problems: list[Problem] = []

    def documents() -> Iterator[Document]:
        for item in read_documents(paths, max_bytes=options.max_bytes):
            if isinstance(item, Problem):
                if options.strict:
                    raise InputError(item.message)
                problems.append(item)
                on_problem(item)
            else:
                yield item

    def counted(extractions: Iterable[Extraction]) -> Iterator[Extraction]:
        for extraction in extractions:
            on_document(extraction.document)
            yield extraction

    extractions = list(counted(extract_documents(documents(), analyzer, options)))
    mentions = sum(len(e.mentions) for x in extractions for e in x.entities)
    corpus = make_corpus(extractions)
    link = link_entities(corpus.entities, source)
    corpus = replace(corpus, entities=link.entities)
    run = Run(
        software_version=f"newskg {__version__}",
        model_name=analyzer.model_name,
        model_version=analyzer.model_version,
        started=started,
        options=options.describe(),
    )
    graph = build_graph(corpus, run, options.base_iri)
    report = validate_graph(graph) if options.validate else None
    return Build(corpus, graph, report, tuple(problems), run, link, mentions)

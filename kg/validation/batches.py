"""Validation of a build in bounded batches, in worker processes, while the graph is written.

A batch holds whole units (a document with its mentions, an entity or a claim with its
facts and Assertions) plus, as context, the class of each node it names and one mention of
each node it describes, never another document's text. `BatchValidator` reports what
validating the whole file would report (tested)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait

from rdflib import URIRef
from rdflib.namespace import RDF

from kg.core.processes import prepare_worker, worker_context
from kg.validation.shacl import Engine, Report, Violation, validate_ntriples, warm_up

__all__ = ["BatchValidator", "UnitError", "validation_pool"]


_RDF_TYPE = str(RDF.type)


_MENTION = "https://w3id.org/newskg/ontology#Mention"


_TA_IDENT_REF = "http://www.w3.org/2005/11/its/rdf#taIdentRef"


_RUN = "https://w3id.org/newskg/ontology#ExtractionRun"


_TYPE_TOKEN = f"<{_RDF_TYPE}>".encode()


_RUN_TOKEN = f"<{_RUN}>".encode()


_QUEUED_BATCHES = 8  # per worker: batches submitted and not yet checked, at most


_QUEUED_CHARS = 32_000_000  # per worker: their text, at most


class UnitError(RuntimeError):
    """The graph's units are not what batch validation needs: a bug of the rdf stage."""


class BatchValidator:
    """Validate a graph while it is written: a batch of whole units at a time.

    The build validates units (the run; a document with every mention in it; an entity or a
    claim with its Assertions) in batches of about `batch` triples, so the engine's memory
    stays bounded whatever the corpus size and the batches spread over `jobs` processes.
    (4,000 by default: each batch carries the class hierarchy and its context once for
    more facts; timed ad hoc on the bench corpus, 1,000 cost the engines more CPU and 8,000
    was no faster; `python -m bench.bench` gives the build's figure.)
    Each batch carries as context what its shapes look at outside it: the class of every IRI
    it names (`classes`; mentions by their `#char=` IRI) and, for each node it describes, one
    mention pointing at it (`mentions`: node IRI -> mention IRI, stated in a document's unit).
    Focus nodes are the batch's own subjects: a node of a known class (`classes`: a
    document, entity, claim, a speaking place's government) belongs to the batch that states
    its class. The rdf stage writes every fact of such a node in the node's own unit, so the
    batch that owns a node sees all of its facts and reports what validating the whole graph
    reports; a fact of a known node found in another batch is a bug, raised at once
    (`UnitError`), never a silent gap in the verdict.

    A batch's verdict depends only on its text, its focus nodes and the shapes: `known`
    holds verdicts by batch key (`salt`, the shapes' fingerprint, the engine, focus, text) from
    an earlier build, and a batch found there is not validated again. With `keep`,
    `verdicts` collects this build's, to keep for the next; without it and without `known`,
    no key is made (hashing every batch's text is work a build without a cache never uses).
    """

    def __init__(
        self,
        classes: dict[str, URIRef],
        *,
        mentions: dict[str, str] | None = None,
        engine: Engine = "fast",
        batch: int = 4000,
        jobs: int = 1,
        pool: Executor | None = None,
        known: Mapping[str, Report] | None = None,
        salt: str = "",
        keep: bool = False,
    ) -> None:
        self.classes = classes
        self.known = known or {}
        self.salt = salt
        self.keep = keep
        self.verdicts: dict[str, Report] = {}
        self.reused = 0  # batches whose verdict was known
        self.mentions = mentions or {}
        self.engine = engine
        self.batch = batch
        self.jobs = jobs
        self._pool: Executor | None = pool  # see validation_pool; shut down by report()
        self._futures: dict[
            Future[Report], tuple[str, int]
        ] = {}  # pending verdicts: batch key, size
        self._queued = 0  # characters of the pending batches
        self._lines: list[bytes] = []
        self._violations: list[Violation] = []
        self._conforms = True
        self.batches = 0
        self._run_seen = False

    def feed(self, lines: Iterable[bytes]) -> None:
        """Take N-Triples lines in the order they were made."""
        self._lines.extend(lines)

    def pending(self) -> int:
        """How many lines wait for validation."""
        return len(self._lines)

    def check(self) -> None:
        """Validate the lines fed so far: call it only between units."""
        if not self._lines:
            return
        lines, self._lines = self._lines, []
        # The lines are Oxigraph's N-Triples: "<s> <p> <o> .", one space apart, an IRI
        # never holds a space or ">". Read as bytes: parsing them costs 4x as much.
        typed: dict[bytes, list[bytes]] = {}  # subject -> the classes this batch states
        named: set[bytes] = set()  # IRI objects, "<...>"
        for line in lines:
            subject, predicate, rest = line.split(b" ", 2)
            classes = typed.setdefault(subject, [])
            if rest[:1] == b"<":
                iri = rest[: rest.index(b">") + 1]
                named.add(iri)
                if predicate == _TYPE_TOKEN:
                    classes.append(iri)
        # subject -> is it this batch's own (a node of a known class is owned by the batch
        # that states its class; every other node, by any batch it is the subject of)
        subjects: dict[str, bool] = {}
        for subject, stated in typed.items():
            s = subject[1:-1].decode("utf-8") if subject[:1] == b"<" else subject.decode("utf-8")
            cls = self.classes.get(s)
            subjects[s] = cls is None or f"<{cls}>".encode() in stated
            if not subjects[s]:
                raise UnitError(
                    f"facts of {s} were written outside the unit that states its class "
                    f"<{cls}>: the batch that owns it would not see them"
                )
        run = any(_RUN_TOKEN in stated for stated in typed.values())
        objects = {o[1:-1].decode("utf-8") for o in named}
        context: list[bytes] = []
        for o in sorted(objects | subjects.keys()):
            # Types are added even for the batch's own subjects: a claim's unit may say
            # more about its claimant entity than the entity's unit typed.
            if "#char=" in o:
                context.append(_type_line(o, _MENTION))
            elif o in self.classes:
                context.append(_type_line(o, str(self.classes[o])))
            mention = self.mentions.get(o) if subjects.get(o) else None
            if mention is not None:
                context.append(_type_line(mention, _MENTION))
                context.append(f"<{mention}> <{_TA_IDENT_REF}> <{o}> .\n".encode())
        nodes = [s for s, own in sorted(subjects.items()) if own]
        if run:
            nodes.append(_RUN)
            self._run_seen = True
        # Context the batch states itself (a mention's or a node's own type) is left out:
        # both engines would parse those lines twice.
        present = set(lines)
        text = b"".join(lines + [line for line in dict.fromkeys(context) if line not in present])
        self.batches += 1
        key = ""
        if self.keep or self.known:
            digest = hashlib.sha256(
                "\x1f".join([self.salt, self.engine, *nodes]).encode() + b"\x1e"
            )
            digest.update(text)
            key = digest.hexdigest()
        if key in self.known:
            self.reused += 1
            self._add(key, self.known[key])
            return
        data = text.decode("utf-8")
        if self.jobs <= 1:
            self._add(key, _check_batch(data, nodes, self.engine))
            return
        if self._pool is None:
            self._pool = validation_pool(self.jobs)
        self._futures[self._pool.submit(_check_batch, data, nodes, self.engine)] = (key, len(data))
        self._queued += len(data)
        # Up to a few batches per worker wait (bounded in memory too): the cost of making a
        # batch and of checking it vary apart over the graph (a document's mentions, then
        # the entities, then claims restated in thousands of articles), and a short queue
        # left the workers idle where making was the slower. Whichever batch ends first is
        # taken, not the oldest: a worker whose batches were small would otherwise idle
        # while this waits for the other's big one.
        while (
            len(self._futures) > _QUEUED_BATCHES * self.jobs
            or self._queued > _QUEUED_CHARS * self.jobs
        ):
            done, _ = wait(self._futures, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=self._futures.__getitem__):
                key, size = self._futures.pop(future)
                self._queued -= size
                self._add(key, future.result())

    def _add(self, key: str, report: Report) -> None:
        if self.keep:
            self.verdicts[key] = report
        self._conforms = self._conforms and report.conforms
        self._violations.extend(report.violations)

    def report(self) -> Report:
        """Validate what is left; the report of every batch together."""
        self.check()
        if not self._run_seen:  # no batch held a run: the graph has none, as a shape says
            self._add("", _check_batch("", [_RUN], self.engine))
        for future, (key, _) in self._futures.items():
            self._add(key, future.result())
        self._futures = {}
        self._queued = 0
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        found = sorted(set(self._violations), key=lambda v: (v.message, v.focus, v.path, v.value))
        return Report(self._conforms, tuple(found))


def validation_pool(jobs: int) -> ProcessPoolExecutor:
    """Worker processes for batch validation, started now, with the shapes loaded.

    Start it before the corpus is in memory: a forked worker copies its parent's pages as
    its Python touches them, and workers forked after the corpus-wide stages of a
    10,000-article build held a gigabyte each. The workers run at a lower priority than
    the process that starts them (`os.nice(10)`): that process makes the batches, and with
    only its share of the cores the workers would wait for it.
    """
    context = worker_context()
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_yield_to_parent)
    for future in [pool.submit(warm_up) for _ in range(jobs)]:
        future.result()
    return pool


def _yield_to_parent() -> None:
    prepare_worker()
    # The build's process makes the batches: if it gets only its share of the cores with
    # the workers, the workers wait for it; at a lower priority they take the time it leaves.
    if hasattr(os, "nice"):
        os.nice(10)


def _check_batch(data: str, focus: list[str], engine: Engine) -> Report:
    """Validate one batch (N-Triples) for the given focus nodes, with the ontology added."""
    return validate_ntriples(data, engine=engine, focus=focus)


def _type_line(iri: str, cls: str) -> bytes:
    return f"<{iri}> <{_RDF_TYPE}> <{cls}> .\n".encode()

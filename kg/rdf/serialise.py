"""The output stage: serialise triples as Turtle, N-Triples, TriG, N-Quads or JSON-LD.

The rdf stage writes into a `TripleBuffer`: triples are kept as N-Triples lines (written
byte for byte as Oxigraph writes them, by `encode_term`), sorted and de-duplicated on the way
out, and spilled to sorted run files on disk past a limit, so memory stays bounded however
large the corpus. Writers stream the sorted lines through Oxigraph's serialisers (20-40x
faster than rdflib's). The order is that of the sorted N-Triples lines, so the same graph
always gives the same bytes.

Files are written atomically: to a temporary file beside the target, then renamed, so a
crash or Ctrl-C never leaves a half-written graph. TriG and N-Quads put each document and
its mentions in a named graph of their own (the document's IRI) and everything else in the
build's graph, so a store can replace one document's data.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import itertools
import os
import sys
import tempfile
import typing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import pyoxigraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.core.processes import worker_context
from kg.core.vocab import KG, NIF, PREFIXES, new_graph

__all__ = [
    "FORMATS",
    "Format",
    "TripleBuffer",
    "encode_term",
    "serialize_graph",
    "to_oxigraph",
    "to_quads",
    "write_atomically",
    "write_graph",
    "write_triples",
]

Format = typing.Literal["turtle", "nt", "trig", "nquads", "jsonld"]
FORMATS: tuple[Format, ...] = ("turtle", "nt", "trig", "nquads", "jsonld")
SUFFIX_FORMATS: dict[str, Format] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "jsonld",
    ".json": "jsonld",
}

_OX_FORMATS = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nquads": pyoxigraph.RdfFormat.N_QUADS,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
_NT = pyoxigraph.RdfFormat.N_TRIPLES
_RDF_TYPE = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DOCUMENT = pyoxigraph.NamedNode(str(KG.Document))
_CONTEXT = pyoxigraph.NamedNode(str(NIF.referenceContext))

OxTerm = pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode


def to_oxigraph(term: Node) -> OxTerm:
    """Convert an rdflib term to the equal Oxigraph term."""
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


# N-Triples escapes in a literal, as Oxigraph writes them: the short forms, a \u escape
# for the other control characters, everything else as UTF-8.
_ESCAPES = {c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]}
_ESCAPES.update(
    {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def encode_term(term: Node) -> bytes:
    """A term in N-Triples, byte for byte as Oxigraph serialises it (IRIs checked by Oxigraph).

    Plain and typed literals are written here: building an Oxigraph term and serialising it
    cost the rdf stage a third of its time. Others (language tags, blank nodes) go through
    Oxigraph, which checks and normalises them.
    """
    if type(term) is URIRef:
        pyoxigraph.NamedNode(term)  # raises ValueError on a malformed IRI
        return f"<{term}>".encode()
    if type(term) is Literal and not term.language:
        datatype = term.datatype
        lexical = str(term).translate(_ESCAPES)
        if datatype is None or str.__eq__(datatype, _XSD_STRING):
            return f'"{lexical}"'.encode()
        pyoxigraph.NamedNode(datatype)
        return f'"{lexical}"^^<{datatype}>'.encode()
    return str(to_oxigraph(term)).encode()


class TripleBuffer:
    """Collects rdflib triples as N-Triples lines; yields them sorted and de-duplicated.

    A triple is encoded as it is added (`add`), or comes encoded already (`add_encoded`:
    the rdf stage writes a fact's and a mention's lines itself, each term encoded once).
    Past `limit` lines in memory, the lines are sorted and spilled to a run file in a
    temporary folder; reading merges the runs. `on_lines`, when set, sees every chunk of
    lines in the order triples were added (validation reads the graph that way).
    """

    def __init__(self, *, limit: int = 1_000_000, chunk: int = 20_000) -> None:
        self._pending: list[bytes] = []  # lines not yet handed to on_lines
        self._lines: list[bytes] = []
        self._runs: list[Path] = []
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._limit = limit
        self._chunk = chunk
        self._names: dict[str, bytes] = {}
        self._count: int | None = None
        self._included: int | None = None  # lines of a file given to include_sorted
        self._last: Node | str = ""  # the subject of the last triple added
        self.on_lines: typing.Callable[[list[bytes]], None] | None = None

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        """Add one triple (an rdflib Graph's `add` signature, so the rdf stage can write here)."""
        s, p, o = triple
        encode = self.encode
        self._pending.append(encode(s) + b" " + encode(p) + b" " + encode(o) + b" .\n")
        self._last = s
        self._count = None
        if len(self._pending) >= self._chunk:
            self.flush()

    def add_encoded(self, lines: Iterable[bytes], subject: Node | str) -> None:
        """Add triples already written as N-Triples lines by `encode` (the last of them
        about `subject`), in the order they come, as `add` would have written them."""
        self._pending.extend(lines)
        self._last = subject
        self._count = None
        if len(self._pending) >= self._chunk:
            self.flush()

    def add_line(self, line: bytes) -> None:
        """Add one triple given as an N-Triples line (ending in a newline), unseen by on_lines."""
        self.flush()
        self._lines.append(line)
        self._count = None

    @property
    def pending(self) -> int:
        """Triples added but not yet handed to on_lines."""
        return len(self._pending)

    @property
    def last_subject(self) -> str:
        """The subject of the last triple added ("" before any)."""
        return str(self._last)

    def extend(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Add many triples."""
        for triple in triples:
            self.add(triple)

    def flush(self) -> None:
        """Hand the triples added so far to on_lines (validation sees them now)."""
        if not self._pending:
            return
        lines, self._pending = self._pending, []
        if self.on_lines is not None:
            self.on_lines(lines)
        self._lines.extend(lines)
        if len(self._lines) >= self._limit:
            self._spill()

    def encode(self, term: Node) -> bytes:
        """A term as N-Triples (`encode_term`); IRIs, which repeat, are encoded once and kept
        (a bounded cache)."""
        if type(term) is URIRef:
            key = str(term)  # a str key: URIRef's own == is Python code
            encoded = self._names.get(key)
            if encoded is None:
                if len(self._names) > 200_000:
                    self._names.clear()
                encoded = self._names[key] = encode_term(term)
            return encoded
        return encode_term(term)

    def _spill(self) -> None:
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="newskg-triples-")
        path = Path(self._folder.name) / f"run-{len(self._runs):05d}.nt"
        with path.open("wb") as handle:
            handle.writelines(_unique(self._lines))
        self._runs.append(path)
        self._lines = []

    def lines(self) -> Iterator[bytes]:
        """Every distinct triple as an N-Triples line, in sorted order."""
        for block in self.blocks():
            yield from block

    def blocks(self) -> Iterator[list[bytes]]:
        """The lines of `lines()` a list at a time: merging the spilled runs block by block
        keeps the per-line work in C (sorting, de-duplicating), not in a Python generator."""
        self.flush()
        self._lines = _unique(self._lines)
        if not self._runs:
            if self._lines:
                yield self._lines
            return
        with contextlib.ExitStack() as stack:
            runs = [_blocks(stack.enter_context(path.open("rb"))) for path in self._runs]
            yield from _merge([*runs, iter([self._lines])])

    def include_sorted(self, path: Path, count: int) -> None:
        """Read a sorted, de-duplicated N-Triples file of `count` lines, none of them added
        otherwise, as part of the buffer (a kept build); the file is not deleted on close."""
        if self._runs:
            raise ValueError("include_sorted must come before the buffer spills")
        self._runs.append(path)
        self._included = count
        self._count = None

    def __len__(self) -> int:
        if self._count is None:
            if self._included is not None and len(self._runs) == 1:
                self.flush()
                self._lines = _unique(self._lines)
                self._count = self._included + len(self._lines)
            else:
                self._count = sum(len(block) for block in self.blocks())
        return self._count

    def to_graph(self) -> Graph:
        """The triples as an rdflib Graph (for tests and small corpora: rdflib is slow at volume)."""
        graph = new_graph()
        graph.parse(data=b"".join(self.lines()).decode("utf-8"), format="nt")
        return graph

    def close(self) -> None:
        """Delete the spilled run files."""
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
        self._runs = []


def _unique(lines: list[bytes]) -> list[bytes]:
    """The distinct lines, sorted."""
    # Equal lines are neighbours once sorted: comparing each with the one before costs
    # 0.23 s per million lines, where dict.fromkeys (hashing and inserting) cost 0.55 s.
    ordered = sorted(lines)
    return ordered[:1] + [line for before, line in itertools.pairwise(ordered) if line != before]


def _blocks(handle: typing.BinaryIO, size: int = 1 << 22) -> Iterator[list[bytes]]:
    """A sorted run file's lines, about `size` bytes at a time."""
    while block := handle.readlines(size):
        yield block


def _merge(runs: list[Iterator[list[bytes]]]) -> Iterator[list[bytes]]:
    """Merge runs of sorted, distinct lines, each given as blocks, into sorted distinct blocks.

    Each round takes, from every run, the lines up to the smallest of the runs' current
    last lines: no line left behind can sort before them, so the round's lines, sorted
    (Timsort merges the runs it finds) and de-duplicated, are the next block.
    """
    heads: list[tuple[list[bytes], int, Iterator[list[bytes]]]] = []
    for run in runs:
        block = next(run, None)
        if block:
            heads.append((block, 0, run))
    while heads:
        bound = min(block[-1] for block, _, _ in heads)
        taken: list[bytes] = []
        following = []
        for block, start, run in heads:
            end = bisect.bisect_right(block, bound, start)
            taken += block[start:end]
            if end < len(block):
                following.append((block, end, run))
            elif (block := next(run, None)) is not None and block:
                following.append((block, 0, run))
        heads = following
        yield _unique(taken)


def _triples(blocks: Iterable[list[bytes]], batch: int = 50_000) -> Iterator[pyoxigraph.Triple]:
    """Parse blocks of N-Triples lines back into Oxigraph triples, `batch` lines at a time."""
    for block in blocks:
        for start in range(0, len(block), batch):
            yield from pyoxigraph.parse(b"".join(block[start : start + batch]), format=_NT)


def _quads(
    triples: Iterable[pyoxigraph.Triple], build: pyoxigraph.NamedNode
) -> Iterator[pyoxigraph.Quad]:
    """Put each document and its mentions in the document's named graph, the rest in `build`.

    Triples come sorted, so a subject's triples are together and tell where they belong.
    """
    for _, group in itertools.groupby(triples, key=lambda t: t.subject):
        block = list(group)
        graph = build
        for t in block:
            if t.predicate == _RDF_TYPE and t.object == _DOCUMENT:
                graph = t.subject  # type: ignore[assignment]
            elif t.predicate == _CONTEXT:
                graph = t.object  # type: ignore[assignment]
        for t in block:
            yield pyoxigraph.Quad(t.subject, t.predicate, t.object, graph)


def write_triples(
    buffer: TripleBuffer,
    handle: typing.BinaryIO,
    fmt: Format,
    *,
    base: str | None = None,
    jobs: int = 1,
) -> None:
    """Stream the buffer's triples, sorted, to a binary handle in `fmt` (Turtle in `jobs`
    processes: the same bytes)."""
    blocks = buffer.blocks()
    if fmt == "nt":
        for block in blocks:
            handle.writelines(block)
        return
    if fmt == "turtle" and jobs > 1:
        _write_turtle_in_parts(blocks, handle, jobs)
        return
    triples = _triples(blocks)
    prefixes = dict(PREFIXES)
    if fmt in ("trig", "nquads"):
        build = pyoxigraph.NamedNode((base or "urn:newskg:") + "build")
        pyoxigraph.serialize(
            _quads(triples, build), handle, format=_OX_FORMATS[fmt], prefixes=prefixes
        )
    else:
        pyoxigraph.serialize(triples, handle, format=_OX_FORMATS[fmt], prefixes=prefixes)


_PART_LINES = 100_000  # a part of the Turtle written by one process (~10 MB of N-Triples)


def _write_turtle_in_parts(
    blocks: Iterable[list[bytes]], handle: typing.BinaryIO, jobs: int
) -> None:
    """Turtle written by `jobs` processes, each serialising a part of the sorted lines that
    begins and ends with a whole subject: Turtle carries nothing from one subject to the
    next but the prefixes, which only the first part keeps, so the parts joined in order are
    the bytes one serialiser writes."""
    parts = _subject_parts(blocks)
    first, second = next(parts, None), next(parts, None)
    if first is None or second is None:  # one part: no processes to start
        if first is not None:
            handle.write(_turtle_part(b"".join(first), True))
        return
    context = worker_context()
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        pending: list[Future[bytes]] = []
        for n, part in enumerate(itertools.chain([first, second], parts)):
            pending.append(pool.submit(_turtle_part, b"".join(part), n == 0))
            while len(pending) > 2 * jobs:  # bound the parts held in memory
                handle.write(pending.pop(0).result())
        handle.writelines(future.result() for future in pending)


def _subject_parts(blocks: Iterable[list[bytes]]) -> Iterator[list[bytes]]:
    """Sorted N-Triples lines in parts of about `_PART_LINES` lines, a subject's lines never split."""
    size = _PART_LINES
    part: list[bytes] = []
    for block in blocks:
        for start in range(0, len(block), size):
            part += block[start : start + size]
            if len(part) < size:
                continue
            last = part[-1]
            subject = last[: last.index(b" ") + 1]  # "<iri> " or "_:id ": neither holds a space
            cut = len(part)
            while cut and part[cut - 1].startswith(subject):
                cut -= 1
            if cut:
                yield part[:cut]
                part = part[cut:]
    if part:
        yield part


def _turtle_part(lines: bytes, first: bool) -> bytes:
    out = io.BytesIO()
    pyoxigraph.serialize(
        pyoxigraph.parse(lines, format=_NT),
        out,
        format=pyoxigraph.RdfFormat.TURTLE,
        prefixes=dict(PREFIXES),
    )
    data = out.getvalue()
    if first:
        return data
    start = 0
    while data.startswith(b"@prefix ", start):  # the prefixes: the first part has them
        start = data.index(b"\n", start) + 1
    return data[start:]


def _buffer_of(graph: Graph) -> TripleBuffer:
    buffer = TripleBuffer()
    buffer.extend(graph)
    return buffer


def to_quads(graph: Graph, *, base: str | None) -> list[pyoxigraph.Quad]:
    """The graph as sorted Oxigraph quads: documents and their mentions in the document's
    named graph, everything else in the build graph (the default graph when base is None)."""
    triples = _triples(_buffer_of(graph).blocks())
    if base is None:
        return [
            pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph())
            for t in triples
        ]
    return list(_quads(triples, pyoxigraph.NamedNode(base + "build")))


def serialize_graph(graph: Graph, fmt: Format, *, base: str | None = None) -> bytes:
    """Serialise deterministically: the same graph always gives the same bytes."""
    out = io.BytesIO()
    write_triples(_buffer_of(graph), out, fmt, base=base)
    return out.getvalue()


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[typing.BinaryIO]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file readable by its owner only; the output gets the mode any
        # new file would (a triple store running as another user must read it).
        os.chmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(data: bytes, path: Path) -> None:
    """Write bytes to `path` through a temporary file and a rename."""
    with _atomic(path) as handle:
        handle.write(data)


def write_graph(
    graph: Graph | TripleBuffer,
    target: Path | None,
    fmt: Format,
    *,
    base: str | None = None,
    jobs: int = 1,
) -> int:
    """Serialise to a file (atomically) or to stdout when target is None; return bytes written.
    Turtle is written in `jobs` processes (the same bytes as one)."""
    buffer = graph if isinstance(graph, TripleBuffer) else _buffer_of(graph)
    if target is None:
        counter = _Counting(sys.stdout.buffer)
        write_triples(buffer, counter, fmt, base=base, jobs=jobs)  # type: ignore[arg-type]
        sys.stdout.buffer.flush()
        return counter.size
    with _atomic(target) as handle:
        write_triples(buffer, handle, fmt, base=base, jobs=jobs)
    return target.stat().st_size


class _Counting:
    """A write-only binary handle that counts what passes through."""

    def __init__(self, inner: typing.BinaryIO) -> None:
        self.inner = inner
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return self.inner.write(data)

    def writelines(self, lines: Iterable[bytes]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.inner.flush()

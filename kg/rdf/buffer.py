"""Triples kept as sorted N-Triples lines, spilled to disk past a limit: how the build holds
a graph.

A `TripleBuffer` keeps every triple as its N-Triples line, written byte for byte as Oxigraph
writes it (`encode_term`), so lines sort and de-duplicate as bytes and stream to any writer.
Past a limit the lines are sorted and spilled to run files, merged a block at a time on the
way out, so memory stays bounded however large the corpus."""

from __future__ import annotations

import bisect
import contextlib
import itertools
import tempfile
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.core.vocab import new_graph

__all__ = ["TripleBuffer", "encode_term", "to_oxigraph"]


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


OxTerm = pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode

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
        """The triples as an rdflib Graph (for tests and small corpora: rdflib is slow at
        volume)."""
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
    # Equal lines are neighbours once sorted: comparing each with the one before is cheaper
    # than hashing and inserting every line into a dict.
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

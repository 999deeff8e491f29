"""The output stage: serialise triples as Turtle, N-Triples, TriG, N-Quads or JSON-LD.

Writers stream the sorted lines of a `TripleBuffer` (kg.rdf.buffer) through Oxigraph's
serialisers (much faster than rdflib's). The order is that of the sorted N-Triples lines,
so the same graph always gives the same bytes.

Files are written atomically: to a temporary file beside the target, then renamed, so a
crash or Ctrl-C never leaves a half-written graph. TriG and N-Quads put each document and
its mentions in a named graph of their own (the document's IRI) and everything else in the
build's graph, so a store can replace one document's data.
"""

from __future__ import annotations

import contextlib
import glob
import io
import itertools
import os
import shutil
import sys
import tempfile
import typing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from kg.core.formats import FORMATS, PART_FORMATS, Format, part_files, part_name
from kg.core.processes import fresh_context, is_alive, prepare_worker
from kg.core.vocab import KG, NIF, PREFIXES
from kg.rdf.buffer import (
    TripleBuffer,
)

__all__ = [
    "OutputError",
    "output_target",
    "parts_target",
    "FORMATS",
    "Format",
    "serialize_graph",
    "to_quads",
    "write_atomically",
    "write_graph",
    "write_parts",
    "write_triples",
]


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
    _write_blocks(buffer.blocks(), handle, fmt, base=base, jobs=jobs)


def _write_blocks(
    blocks: Iterable[list[bytes]],
    handle: typing.BinaryIO,
    fmt: Format,
    *,
    base: str | None = None,
    jobs: int = 1,
) -> None:
    """Sorted N-Triples lines, a block at a time, to a binary handle in `fmt`."""
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
    # Spawned, not forked: this runs at the end of a build, in its largest process.
    context = fresh_context()
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=prepare_worker) as pool:
        pending: list[Future[bytes]] = []
        for n, part in enumerate(itertools.chain([first, second], parts)):
            pending.append(pool.submit(_turtle_part, b"".join(part), n == 0))
            while len(pending) > 2 * jobs:  # bound the parts held in memory
                handle.write(pending.pop(0).result())
        handle.writelines(future.result() for future in pending)


def _subject_parts(blocks: Iterable[list[bytes]]) -> Iterator[list[bytes]]:
    """Sorted N-Triples lines in parts of about `_PART_LINES` lines, a subject's lines never
    split."""
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


class OutputError(Exception):
    """The output path cannot be written: not a regular file, or an article being read."""


_TMP_SUFFIX = ".kg-tmp"


def output_target(path: Path) -> Path:
    """The file a write to `path` replaces: a symlink's target (the link stays a link).

    Refuses folders and device nodes: writing replaces the file by rename, which would
    replace a device node with a regular file."""
    real = path.resolve()
    if real.exists() and not real.is_file():
        kind = "a folder" if real.is_dir() else "not a regular file (a device or a pipe)"
        raise OutputError(
            f"{path}: is {kind}; give a file path (leave out -o to write to stdout; "
            "kg build --split writes a folder of parts)"
        )
    return real


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[typing.BinaryIO]:
    real = output_target(path)
    real.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(real)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{real.name}.{os.getpid()}.", suffix=_TMP_SUFFIX, dir=real.parent
    )
    try:
        # mkstemp makes the file readable by its owner only; the output gets the mode any
        # new file would (a triple store running as another user must read it).
        os.chmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, real)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale_temporaries(real: Path) -> None:
    """Delete temporary files (or parts folders) an earlier write of `real` left when it
    was killed."""
    for stale in real.parent.glob(f".{glob.escape(real.name)}.*{_TMP_SUFFIX}"):
        pid = stale.name[len(real.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not is_alive(int(pid)):
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)


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


def write_parts(
    buffer: TripleBuffer,
    folder: Path,
    fmt: Format,
    *,
    base: str | None = None,
    per_part: int = 1_000_000,
) -> tuple[list[Path], int]:
    """Write the graph as a folder of N-Triples or N-Quads parts of about `per_part` triples;
    return the parts' paths and their bytes.

    The parts are the sorted lines of the one file cut between subjects (a node's triples are
    never split; N-Quads put a subject's triples in the same named graph as the one file
    does), so joined in order they are that file's bytes. The folder is written beside its
    place and renamed into it: a folder of an earlier write is replaced whole (never a mix of
    old and new parts); any other folder with files in it is refused (OutputError).
    """
    real = parts_target(folder, fmt)
    real.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(real)
    fresh = Path(
        tempfile.mkdtemp(prefix=f".{real.name}.{os.getpid()}.", suffix=_TMP_SUFFIX, dir=real.parent)
    )
    old = real.parent / f".{real.name}.{os.getpid()}.old{_TMP_SUFFIX}"
    paths: list[Path] = []
    size = 0
    try:
        os.chmod(fresh, 0o777 & ~_umask())
        for index, lines in enumerate(_part_lines(buffer.blocks(), per_part)):
            path = fresh / part_name(index, fmt)
            with path.open("wb") as handle:
                _write_blocks([lines], handle, fmt, base=base)
                handle.flush()
                os.fsync(handle.fileno())
            size += path.stat().st_size
            paths.append(real / path.name)
        if real.exists():
            os.replace(real, old)
        os.replace(fresh, real)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return paths, size


def parts_target(folder: Path, fmt: str) -> Path:
    """The folder `write_parts` would write `fmt` parts into, resolved; OutputError for a
    format that is not line-based, a file, or a folder holding files no parts write made."""
    if fmt not in PART_FORMATS:
        raise OutputError(f"parts are N-Quads or N-Triples, not {fmt}; use --format nquads or nt")
    real = folder.resolve()
    if real.exists() and not real.is_dir():
        raise OutputError(f"{folder}: is a file; the parts go into a folder: give a folder path")
    if real.is_dir() and (others := part_files(real)[1]):
        raise OutputError(
            f"{folder}: holds {others[0].name}, which no --split build wrote; "
            "give an empty or new folder"
        )
    return real


def _part_lines(blocks: Iterable[list[bytes]], per_part: int) -> Iterator[list[bytes]]:
    """Sorted N-Triples lines in parts of at least `per_part` lines (the last may be
    shorter), each cut where the subject changes."""
    part: list[bytes] = []
    for block in blocks:
        part += block
        while len(part) > per_part:
            cut = per_part
            subject = part[cut - 1][: part[cut - 1].index(b" ")]
            while cut < len(part) and part[cut].startswith(subject + b" "):
                cut += 1
            if cut == len(part):
                break  # the subject may go on in the next block
            yield part[:cut]
            part = part[cut:]
    if part:
        yield part


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

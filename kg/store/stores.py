"""The embedded store (pyoxigraph, on disk), graph files read as quads, and RDF terms read
back from either kind of store (kg.store.remote holds the remote one).

Both load RDF files so that loading the same data again replaces it: every quad lands in
a named graph (TriG / N-Quads keep their own graph names, one per document; a triples file
goes into one graph given by the caller), and each named graph that a file carries is
emptied before the file's quads for it are added. Both answer SELECT queries as a `Table`
of rdflib terms, so results compare equal whichever engine produced them.

Remote stores are reached through the SPARQL 1.1 Protocol (queries and updates, with
SPARQLWrapper) or the Graph Store Protocol (plain HTTP PUT). This module and kg/wikidata.py
are the only places that speak HTTP.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.core.errors import first_line
from kg.core.formats import SUFFIX_FORMATS, Format
from kg.core.processes import is_alive

__all__ = [
    "graph_names",
    "EmbeddedStore",
    "LoadSummary",
    "StoreError",
    "Table",
    "Term",
    "canonical_literal",
    "file_graph_iri",
    "format_of",
    "read_quads",
]

Term = Identifier
RdfFileFormat = Format

_OX_FORMATS: dict[str, pyoxigraph.RdfFormat] = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nquads": pyoxigraph.RdfFormat.N_QUADS,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
_SUFFIXES: dict[str, RdfFileFormat] = SUFFIX_FORMATS


class StoreError(Exception):
    """A store could not be reached, refused a request, or failed: one line, with the fix."""


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of a SELECT: column names and, per row, an rdflib term or None (unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What a load did: quads added and the named graphs it replaced."""

    quads: int
    graphs: tuple[str, ...]


def format_of(path: Path) -> RdfFileFormat:
    """The RDF format a file's suffix names; StoreError for any other suffix."""
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(
            f"{path}: unknown RDF suffix {path.suffix!r}; use .ttl, .nt, .trig, .nq or .jsonld"
        )
    return fmt


def file_graph_iri(path: Path) -> str:
    """The named graph a triples file goes into by default: its absolute file: IRI."""
    return path.resolve().as_uri()


def read_quads(path: Path, *, graph: str | None = None) -> list[pyoxigraph.Quad]:
    """Parse an RDF file into quads; triples (and default-graph quads) go into `graph`.

    A triples file needs `graph`: without one its data could never be replaced.
    """
    fmt = format_of(path)
    target: pyoxigraph.NamedNode | None = pyoxigraph.NamedNode(graph) if graph else None
    try:
        parsed = list(pyoxigraph.parse(path=str(path), format=_OX_FORMATS[fmt]))
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"{path}: cannot parse as {fmt} ({first_line(exc)})") from exc
    quads: list[pyoxigraph.Quad] = []
    for item in parsed:
        if isinstance(item, pyoxigraph.Triple) or isinstance(
            item.graph_name, pyoxigraph.DefaultGraph
        ):
            if target is None:
                raise StoreError(
                    f"{path}: has triples outside any named graph; give a graph IRI (--graph) "
                    "so that reloading replaces them"
                )
            quads.append(pyoxigraph.Quad(item.subject, item.predicate, item.object, target))
        else:
            quads.append(item)
    return quads


def graph_names(quads: Iterable[pyoxigraph.Quad]) -> list[str]:
    return sorted(
        {q.graph_name.value for q in quads if isinstance(q.graph_name, pyoxigraph.NamedNode)}
    )


# ---------------------------------------------------------------- terms


def term_from_oxigraph(term: object) -> Term:
    """The rdflib term equal to an Oxigraph term."""
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return _literal(term.value, term.datatype.value)
    raise StoreError(f"unsupported term in a query result: {term!r}")


def term_from_json(binding: dict[str, str]) -> Term:
    """The rdflib term of one SPARQL 1.1 JSON results binding."""
    if not isinstance(binding, dict) or not isinstance(binding.get("value", ""), str):
        raise StoreError(f"a binding is not a JSON object with a string value: {binding!r:.80}")
    kind = binding.get("type")
    value = binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):  # Virtuoso still says typed-literal
        if "xml:lang" in binding:
            return Literal(value, lang=binding["xml:lang"])
        return _literal(value, binding.get("datatype"))
    raise StoreError(f"unsupported binding type {kind!r} in a query result")


def _literal(value: str, datatype: str | None) -> Literal:
    return canonical_literal(Literal(value, datatype=URIRef(datatype) if datatype else None))


_INTEGERS = {
    str(XSD[t])
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
        "unsignedInt",
        "unsignedLong",
    )
}


def canonical_literal(literal: Literal) -> Literal:
    """One spelling per value, so engines compare equal: "12" and "12.0" decimals, "1" and
    "true" booleans, every integer type as xsd:integer, a simple literal and an xsd:string
    (RDF 1.1 says they are one)."""
    if literal.language:
        return literal
    datatype = str(literal.datatype) if literal.datatype is not None else None
    lexical = str(literal)
    if datatype is None or datatype == str(XSD.string):
        return Literal(lexical)
    try:
        if datatype == str(XSD.decimal):
            text = format(Decimal(lexical.strip()).normalize(), "f")
            return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)
        if datatype in _INTEGERS:  # stores differ in keeping derived integer types
            return Literal(str(int(lexical.strip())), datatype=XSD.integer)
        if datatype == str(XSD.boolean) and lexical.strip() in ("1", "0", "true", "false"):
            return Literal(
                "true" if lexical.strip() in ("1", "true") else "false", datatype=XSD.boolean
            )
    except (InvalidOperation, ValueError):
        pass  # an ill-typed literal stays as written
    return Literal(lexical, datatype=URIRef(datatype))


# ---------------------------------------------------------------- embedded


def _recover(path: Path) -> None:
    """Finish or undo what a killed replacement of the store in `path` left beside it."""
    parent = path.parent
    if not parent.is_dir():
        return
    for left in sorted(parent.glob(f".{glob.escape(path.name)}.*-*")):
        kind, _, pid = left.name.rsplit(".", 1)[-1].partition("-")
        if not pid.isdigit() or is_alive(int(pid)):
            continue  # another process is replacing the store now
        if kind == "old" and not path.exists():
            os.replace(left, path)  # killed between the renames: the old store comes back
        elif kind in ("old", "new"):
            shutil.rmtree(left, ignore_errors=True)


class EmbeddedStore:
    """A pyoxigraph store on disk: load files by named graph, query the union of graphs."""

    def __init__(self, path: Path, *, read_only: bool = False, wait: float = 10.0) -> None:
        """Open (or create) the store in `path`; read-only opens share it with a writer.

        Another process loading the store holds its lock: a writer waits up to `wait`
        seconds for it. A replacement that was killed between its two renames is finished
        here (see `replacing`)."""
        self.path = path
        self.read_only = read_only
        _recover(path)
        if read_only and not path.is_dir():
            raise StoreError(
                f"{path}: no store there; fill one with `kg load GRAPH --store {path}`"
            )
        self._store = self._open(wait)

    def _open(self, wait: float) -> pyoxigraph.Store:
        deadline = time.monotonic() + wait
        while True:
            try:
                if self.read_only:
                    return pyoxigraph.Store.read_only(str(self.path))
                self.path.mkdir(parents=True, exist_ok=True)
                return pyoxigraph.Store(str(self.path))
            except OSError as exc:
                locked = "lock" in str(exc).lower()
                if locked and time.monotonic() < deadline:
                    time.sleep(0.2)
                    continue
                why = "another process is loading it" if locked else first_line(exc)
                raise StoreError(
                    f"{self.path}: cannot open the store ({why}); try again when it is done"
                ) from exc

    def close(self) -> None:
        """Let the store go (its lock with it), before this object is collected."""
        self._store = pyoxigraph.Store()

    @classmethod
    def in_memory(cls) -> EmbeddedStore:
        """A store in memory, for querying files without keeping them."""
        self = cls.__new__(cls)
        self._store = pyoxigraph.Store()
        self.path = None  # type: ignore[assignment]
        return self

    def __len__(self) -> int:
        return len(self._store)

    def graph_names(self) -> list[str]:
        """The named graphs in the store, sorted."""
        return sorted(
            g.value for g in self._store.named_graphs() if isinstance(g, pyoxigraph.NamedNode)
        )

    def load_quads(self, quads: Sequence[pyoxigraph.Quad]) -> LoadSummary:
        """Replace each named graph the quads carry with the quads for it."""
        graphs = graph_names(quads)
        for name in graphs:
            node = pyoxigraph.NamedNode(name)
            if self._store.contains_named_graph(node):
                self._store.remove_graph(node)
        self._store.bulk_extend(quads)
        self._store.flush()
        return LoadSummary(len(quads), tuple(graphs))

    def load_file(self, path: Path, *, graph: str | None = None) -> LoadSummary:
        """Load an RDF file by named graph (triples into `graph`), replacing earlier loads."""
        return self.load_quads(read_quads(path, graph=graph))

    @contextlib.contextmanager
    def replacing(self) -> Iterator[BinaryIO]:
        """Write N-Quads to the handle given; when the block ends they replace the whole store.

        The new store is built beside the old one (Oxigraph's bulk loader, from a temporary
        file, so a large build is never held in memory twice) and swapped in by two renames:
        if the block or the load fails, or the process is killed, the old store is left as
        it was (a kill between the renames is finished by the next open)."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; cannot replace it")
        name, parent = self.path.name, self.path.parent
        fresh = parent / f".{name}.new-{os.getpid()}"
        stale = parent / f".{name}.old-{os.getpid()}"
        with tempfile.TemporaryDirectory(prefix="newskg-load-") as folder:
            data = Path(folder) / "build.nq"
            with data.open("wb") as handle:
                yield handle
            try:
                shutil.rmtree(fresh, ignore_errors=True)
                store = pyoxigraph.Store(str(fresh))
                store.bulk_load(path=str(data), format=pyoxigraph.RdfFormat.N_QUADS)
                store.flush()
                del store  # closed: its folder is renamed next
            except (OSError, SyntaxError, ValueError) as exc:
                shutil.rmtree(fresh, ignore_errors=True)
                raise StoreError(
                    f"{self.path}: cannot load the build ({first_line(exc)}); "
                    "the store is left as it was"
                ) from exc
        del self._store
        os.replace(self.path, stale)
        os.replace(fresh, self.path)
        shutil.rmtree(stale, ignore_errors=True)
        self._store = self._open(0)

    def select(self, sparql: str) -> Table:
        """Run a SELECT over the union of all graphs."""
        try:
            result = self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise StoreError(f"the query does not parse: {first_line(exc)}") from exc
        except OSError as exc:  # SERVICE calls and I/O failures
            raise StoreError(f"the query failed: {first_line(exc)}") from exc
        if not isinstance(result, pyoxigraph.QuerySolutions):
            raise StoreError(
                "only SELECT queries give a table; this is an ASK, CONSTRUCT or DESCRIBE"
            )
        columns = tuple(v.value for v in result.variables)
        rows = tuple(
            tuple(None if solution[c] is None else term_from_oxigraph(solution[c]) for c in columns)
            for solution in result
        )
        return Table(columns, rows)

"""The store: an embedded on-disk store (pyoxigraph) and remote SPARQL endpoints.

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
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO
from typing import Literal as TypingLiteral

import pyoxigraph
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

__all__ = [
    "EmbeddedStore",
    "LoadSummary",
    "RemoteStore",
    "StoreError",
    "Table",
    "Term",
    "canonical_literal",
    "file_graph_iri",
    "format_of",
    "read_quads",
]

Term = Identifier
RdfFileFormat = TypingLiteral["turtle", "nt", "trig", "nquads"]

_OX_FORMATS: dict[str, pyoxigraph.RdfFormat] = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nquads": pyoxigraph.RdfFormat.N_QUADS,
}
_SUFFIXES: dict[str, RdfFileFormat] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
}

# Triples per INSERT DATA request: small enough for Virtuoso's SQL text limits.
UPDATE_CHUNK = 5000


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
        raise StoreError(f"{path}: unknown RDF suffix {path.suffix!r}; use .ttl, .nt, .trig or .nq")
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
        raise StoreError(f"{path}: cannot parse as {fmt} ({_first_line(exc)})") from exc
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


def _graph_names(quads: Iterable[pyoxigraph.Quad]) -> list[str]:
    return sorted(
        {q.graph_name.value for q in quads if isinstance(q.graph_name, pyoxigraph.NamedNode)}
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else type(exc).__name__


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
    "true" booleans, every integer type as xsd:integer, a simple literal and an xsd:string (RDF 1.1 says they are one)."""
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


class EmbeddedStore:
    """A pyoxigraph store on disk: load files by named graph, query the union of graphs."""

    def __init__(self, path: Path) -> None:
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._store = pyoxigraph.Store(str(path))
        except OSError as exc:
            raise StoreError(
                f"{path}: cannot open the store ({_first_line(exc)}); is another process using it?"
            ) from exc
        self.path = path

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
        graphs = _graph_names(quads)
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

        The quads go through a temporary file and Oxigraph's bulk loader, so a large build
        is never held in memory twice; if the block fails, the store is left as it was.
        """
        with tempfile.TemporaryDirectory(prefix="newskg-load-") as folder:
            path = Path(folder) / "build.nq"
            with path.open("wb") as handle:
                yield handle
            try:
                self._store.clear()
                self._store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.N_QUADS)
                self._store.flush()
            except (OSError, SyntaxError, ValueError) as exc:
                raise StoreError(
                    f"{self.path}: cannot load the build ({_first_line(exc)}); delete the folder and build again"
                ) from exc

    def select(self, sparql: str) -> Table:
        """Run a SELECT over the union of all graphs."""
        try:
            result = self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise StoreError(f"the query does not parse: {_first_line(exc)}") from exc
        except OSError as exc:  # SERVICE calls and I/O failures
            raise StoreError(f"the query failed: {_first_line(exc)}") from exc
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


# ---------------------------------------------------------------- remote


class RemoteStore:
    """A SPARQL 1.1 endpoint: SELECT through SPARQLWrapper; loads by Update or Graph Store Protocol.

    `update_url` defaults to the query URL (Virtuoso's /sparql-auth takes both); Oxigraph's
    server wants /update. With `gsp_url` (Oxigraph: /store), loads PUT each graph instead.
    `union_default_graph` adds the parameter Oxigraph's server needs to query every graph.
    """

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        gsp_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        union_default_graph: bool = False,
        timeout: float = 60.0,
    ) -> None:
        for value in (url, update_url, gsp_url):
            if value is not None and not value.startswith(("http://", "https://")):
                raise StoreError(
                    f"endpoint {value[:80]!r} is not an http(s) URL; use e.g. http://127.0.0.1:7878/query"
                )
        self.url = url
        self.update_url = update_url or url
        self.gsp_url = gsp_url
        self.user = user
        self.password = password
        self.union_default_graph = union_default_graph
        self.timeout = timeout

    # -- SPARQL protocol

    def _wrapper(self, url: str) -> Any:
        from SPARQLWrapper import DIGEST, JSON, POST, URLENCODED, SPARQLWrapper

        sparql = SPARQLWrapper(url)
        sparql.setMethod(POST)
        sparql.setRequestMethod(URLENCODED)
        sparql.setReturnFormat(JSON)
        sparql.setTimeout(int(self.timeout))
        if self.user is not None:
            sparql.setHTTPAuth(DIGEST)
            sparql.setCredentials(self.user, self.password or "")
        return sparql

    def select(self, sparql: str) -> Table:
        """Run a SELECT; the result as a Table of rdflib terms."""
        wrapper = self._wrapper(self.url)
        if self.union_default_graph:
            wrapper.addParameter("union-default-graph", "true")
        wrapper.setQuery(sparql)
        body = self._call(wrapper, self.url)
        columns = tuple(body.get("head", {}).get("vars", ()))
        rows = tuple(
            tuple(term_from_json(row[c]) if c in row else None for c in columns)
            for row in body.get("results", {}).get("bindings", ())
        )
        return Table(columns, rows)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update."""
        wrapper = self._wrapper(self.update_url)
        wrapper.setQuery(sparql)
        self._call(wrapper, self.update_url, update=True)

    def _call(self, wrapper: Any, url: str, *, update: bool = False) -> dict[str, Any]:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            if update:
                wrapper.query()
                return {}
            converted = wrapper.queryAndConvert()
        except SPARQLWrapperException as exc:
            raise StoreError(f"{url}: {_first_line(exc)[:200]}") from exc
        except urllib.error.URLError as exc:
            raise StoreError(
                f"{url}: cannot reach the endpoint ({_reason(exc)}); is the server running?"
            ) from exc
        except (OSError, ValueError) as exc:  # timeouts, resets, bad JSON
            raise StoreError(f"{url}: {_first_line(exc)}; check the URL and the server") from exc
        if not isinstance(converted, dict):
            raise StoreError(
                f"{url}: the answer is not SPARQL JSON results; is this a SPARQL query endpoint?"
            )
        return converted

    # -- loading

    def load_quads(self, quads: Sequence[pyoxigraph.Quad]) -> LoadSummary:
        """Replace each named graph the quads carry (GSP PUT, else DROP + INSERT DATA)."""
        by_graph: dict[str, list[pyoxigraph.Triple]] = {}
        for q in quads:
            if not isinstance(q.graph_name, pyoxigraph.NamedNode):
                raise StoreError(
                    "every quad needs a named graph to be replaceable; give a graph IRI"
                )
            by_graph.setdefault(q.graph_name.value, []).append(q.triple)
        for name in sorted(by_graph):
            if self.gsp_url is not None:
                self._put_graph(name, by_graph[name])
            else:
                self._replace_by_update(name, by_graph[name])
        return LoadSummary(len(quads), tuple(sorted(by_graph)))

    def load_file(self, path: Path, *, graph: str | None = None) -> LoadSummary:
        """Load an RDF file by named graph (triples into `graph`), replacing earlier loads."""
        return self.load_quads(read_quads(path, graph=graph))

    def _replace_by_update(self, graph: str, triples: list[pyoxigraph.Triple]) -> None:
        iri = URIRef(graph).n3()
        self.update(f"DROP SILENT GRAPH {iri}")
        for start in range(0, len(triples), UPDATE_CHUNK):
            # The data is N-Triples written by Oxigraph's serialiser: every term escaped.
            data = _ntriples(triples[start : start + UPDATE_CHUNK])
            self.update(f"INSERT DATA {{ GRAPH {iri} {{\n{data}\n}} }}")

    def _put_graph(self, graph: str, triples: list[pyoxigraph.Triple]) -> None:
        if self.gsp_url is None:
            raise StoreError("no Graph Store Protocol URL was given")
        url = (
            self.gsp_url
            + ("&" if "?" in self.gsp_url else "?")
            + urllib.parse.urlencode({"graph": graph})
        )
        request = urllib.request.Request(
            url,
            data=_ntriples(triples).encode("utf-8"),
            method="PUT",
            headers={"Content-Type": "application/n-triples"},
        )
        try:
            with self._opener().open(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(
                f"{self.gsp_url}: HTTP {exc.code} on PUT ({(detail or [''])[0][:160]})"
            ) from exc
        except urllib.error.URLError as exc:
            raise StoreError(
                f"{self.gsp_url}: cannot reach the endpoint ({_reason(exc)}); is the server running?"
            ) from exc
        except OSError as exc:
            raise StoreError(f"{self.gsp_url}: {_first_line(exc)}") from exc

    def _opener(self) -> urllib.request.OpenerDirector:
        if self.user is None:
            return urllib.request.build_opener()
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, self.gsp_url or self.url, self.user, self.password or "")
        return urllib.request.build_opener(
            urllib.request.HTTPDigestAuthHandler(manager),
            urllib.request.HTTPBasicAuthHandler(manager),
        )


def _ntriples(triples: Iterable[pyoxigraph.Triple]) -> str:
    data = pyoxigraph.serialize(list(triples), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return (data or b"").decode("utf-8")


def _reason(exc: urllib.error.URLError) -> str:
    return str(getattr(exc, "reason", exc))[:120]

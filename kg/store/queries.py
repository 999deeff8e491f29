"""Saved queries: list them, describe them, load one by name or file, run it with parameters.

A saved query is one SELECT in `queries/NAME.rq` whose leading comment block says what it
is for (first line), its parameters and its result columns:

    # Claims attributed to one claimant.
    # param: claimant — the claimant's preferred label, e.g. "Ana Petrenko"
    # param: wikidata (iri, required) — a Wikidata SPARQL endpoint
    # column: content — the reported content

Parameters are variables of the query. A value the user gives becomes an rdflib term of the
declared kind (literal by default, or iri / integer / decimal); it never enters the query as
text. rdflib graphs get it through `initBindings`; every other engine through
`substitute_parameters`, the one place that writes terms into query text (with `.n3()`): as
a VALUES row at the top of the WHERE group, or as the IRI of `SERVICE ?name`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal as TypingLiteral

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from kg.core.errors import first_line
from kg.core.resources import resource_dir
from kg.core.vocab import PREFIXES
from kg.store.remote import RemoteStore
from kg.store.stores import EmbeddedStore, StoreError, Table, Term, canonical_literal

__all__ = [
    "Parameter",
    "ParameterError",
    "QueryError",
    "QueryNotFound",
    "QuerySyntaxError",
    "SavedQuery",
    "bind_parameters",
    "check_syntax",
    "describe_query",
    "list_queries",
    "load_query",
    "parse_query",
    "run_query",
    "substitute_parameters",
]

ParameterKind = TypingLiteral["literal", "iri", "integer", "decimal"]
_KINDS: tuple[ParameterKind, ...] = ("literal", "iri", "integer", "decimal")

_PARAM = re.compile(
    r"^#\s*param:\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(([^)]*)\))?\s*(?:—|--|-|:)\s*(.*)$"
)
_COLUMN = re.compile(r"^#\s*column:\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:—|--|-|:)\s*(.*)$")
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_PREFIXED = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):([^\s<>\"{}|\\^`]*)$")


class QueryError(Exception):
    """A saved query cannot be used as asked: one line, with what to do."""


class QueryNotFound(QueryError):
    """No saved query has that name and no such file exists."""


class QuerySyntaxError(QueryError):
    """The query text does not parse; the message names file, line and column."""


class ParameterError(QueryError):
    """A parameter is unknown, missing or not of its declared kind."""


@dataclass(frozen=True, slots=True)
class Parameter:
    """One declared parameter: a variable of the query the user may bind."""

    name: str
    kind: ParameterKind
    required: bool
    meaning: str


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """A query with its header: purpose, parameters, result columns."""

    name: str
    text: str
    purpose: str
    parameters: tuple[Parameter, ...]
    columns: tuple[tuple[str, str], ...]  # (name, meaning)
    path: Path | None = None

    def parameter(self, name: str) -> Parameter | None:
        """The declared parameter of that name, if any."""
        return next((p for p in self.parameters if p.name == name), None)


# ---------------------------------------------------------------- reading


def parse_query(text: str, name: str, path: Path | None = None) -> SavedQuery:
    """Read the header comment block of a query text."""
    purpose = ""
    parameters: list[Parameter] = []
    columns: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        if match := _PARAM.match(line):
            parameters.append(_parameter(match, path or Path(name)))
        elif match := _COLUMN.match(line):
            columns.append((match.group(1), match.group(2).strip()))
        elif not purpose and line.lstrip("#").strip():
            purpose = line.lstrip("#").strip()
    return SavedQuery(name, text, purpose, tuple(parameters), tuple(columns), path)


def _parameter(match: re.Match[str], where: Path) -> Parameter:
    flags = [f.strip() for f in (match.group(2) or "").split(",") if f.strip()]
    kinds = [f for f in flags if f in _KINDS]
    unknown = [f for f in flags if f not in _KINDS and f != "required"]
    if unknown or len(kinds) > 1:
        raise QueryError(
            f"{where}: parameter {match.group(1)!r} has flags {flags}; use one of "
            f"{', '.join(_KINDS)} and optionally 'required'"
        )
    return Parameter(
        match.group(1),
        kinds[0] if kinds else "literal",
        "required" in flags,
        match.group(3).strip(),
    )


def list_queries() -> list[SavedQuery]:
    """Every saved query shipped with newskg, by name."""
    folder = resource_dir("queries")
    return [
        parse_query(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(folder.glob("*.rq"))
    ]


def load_query(name_or_file: str) -> SavedQuery:
    """A saved query by name (`claims-by-claimant`) or a query file (`my.rq`)."""
    path = Path(name_or_file)
    if path.suffix == ".rq" or path.parent != Path("."):
        if not path.is_file():
            raise QueryNotFound(f"{path}: no such query file")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read ({exc}); is it a UTF-8 text file?") from exc
        return parse_query(text, path.stem, path)
    saved = {q.name: q for q in list_queries()}
    if name_or_file in saved:
        return saved[name_or_file]
    close = difflib.get_close_matches(name_or_file, list(saved), n=3)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise QueryNotFound(f"no saved query {name_or_file!r}; {hint}`kg query --list` shows them all")


def check_syntax(query: SavedQuery) -> None:
    """Raise QuerySyntaxError, naming the line and column, when the text does not parse."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    where = query.path or Path(query.name)
    try:
        prepareQuery(query.text)
    except ParseException as exc:
        line = exc.line.strip()[:80]
        raise QuerySyntaxError(
            f"{where}:{exc.lineno}:{exc.col}: SPARQL syntax error near {line!r}; fix the query"
        ) from exc
    except Exception as exc:  # rdflib raises plain Exception for e.g. an unknown prefix
        raise QuerySyntaxError(f"{where}: {first_line(exc)}; fix the query") from exc


def describe_query(query: SavedQuery) -> str:
    """A few lines for humans: purpose, parameters, columns."""
    lines = [f"{query.name}: {query.purpose}"]
    for p in query.parameters:
        flags = p.kind + (", required" if p.required else "")
        lines.append(f"  --param {p.name}=VALUE  ({flags}) {p.meaning}")
    if query.columns:
        lines.append("  columns: " + ", ".join(name for name, _ in query.columns))
    return "\n".join(lines)


# ---------------------------------------------------------------- parameters


def bind_parameters(query: SavedQuery, values: Mapping[str, str]) -> dict[str, Term]:
    """Turn user-given strings into terms of each parameter's declared kind."""
    bound: dict[str, Term] = {}
    for name, value in values.items():
        parameter = query.parameter(name)
        if parameter is None:
            known = ", ".join(p.name for p in query.parameters) or "none"
            raise ParameterError(f"{query.name} has no parameter {name!r}; its parameters: {known}")
        bound[name] = _term(parameter, value)
    missing = [p.name for p in query.parameters if p.required and p.name not in bound]
    if missing:
        raise ParameterError(
            f"{query.name} needs --param {missing[0]}=VALUE ({query.parameter(missing[0]).meaning})"  # type: ignore[union-attr]
        )
    return bound


def _term(parameter: Parameter, value: str) -> Term:
    shown = value[:80]
    if parameter.kind == "literal":
        return Literal(unicodedata.normalize("NFC", value))
    if parameter.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise ParameterError(f"--param {parameter.name}={shown!r} is not a whole number")
        return Literal(int(value), datatype=XSD.integer)
    if parameter.kind == "decimal":
        try:
            number = Decimal(value.strip())
        except InvalidOperation as exc:
            raise ParameterError(f"--param {parameter.name}={shown!r} is not a number") from exc
        return Literal(number, datatype=XSD.decimal)
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefixed = _PREFIXED.match(text)
    if prefixed and prefixed.group(1) in PREFIXES:
        return URIRef(PREFIXES[prefixed.group(1)] + prefixed.group(2))
    if _ABSOLUTE_IRI.match(text):
        return URIRef(text)
    raise ParameterError(
        f"--param {parameter.name}={shown!r} is not an IRI; give a full IRI "
        "(https://…) or a prefixed name such as wd:Q1899"
    )


def substitute_parameters(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Write bound terms into a query: `SERVICE ?name` gets the IRI, the rest one VALUES row.

    The only place a term enters query text, always through `.n3()`; names are checked to
    be SPARQL variable names.
    """
    rest: dict[str, Term] = {}
    for name, term in bindings.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ParameterError(f"{name!r} is not a SPARQL variable name")
        service = re.compile(rf"(\bSERVICE\s+(?:SILENT\s+)?)\?{name}\b", re.IGNORECASE)
        if service.search(sparql):
            if not isinstance(term, URIRef):
                raise ParameterError(f"--param {name} names a SERVICE endpoint and must be an IRI")
            sparql = service.sub(lambda m: m.group(1) + term.n3(), sparql)  # noqa: B023
        else:
            rest[name] = term
    if not rest:
        return sparql
    names = sorted(rest)
    values = "VALUES ({}) {{ ({}) }}".format(
        " ".join(f"?{n}" for n in names), " ".join(rest[n].n3() for n in names)
    )
    brace = _first_group_brace(sparql)
    return sparql[: brace + 1] + "\n  " + values + "\n" + sparql[brace + 1 :]


def _first_group_brace(sparql: str) -> int:
    """Index of the `{` opening the WHERE group: the first outside comments, IRIs, strings."""
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
        elif c == "<" and (m := re.match(r"<[^<>\"{}|^`\\\s]*>", sparql[i:])):
            i += m.end()
        elif c in "\"'":
            quote = c * 3 if sparql.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not sparql.startswith(quote, i):
                i += 2 if sparql[i] == "\\" else 1
            i += len(quote)
        elif c == "{":
            return i
        else:
            i += 1
    raise QueryError("the query has no WHERE group to bind parameters in")


# ---------------------------------------------------------------- running


def run_query(
    query: SavedQuery,
    source: Graph | EmbeddedStore | RemoteStore,
    params: Mapping[str, str] | None = None,
) -> Table:
    """Run a saved SELECT on an rdflib graph, the embedded store or a remote endpoint."""
    check_syntax(query)
    bindings = bind_parameters(query, params or {})
    if isinstance(source, Graph):
        return _run_on_rdflib(query, source, bindings)
    return source.select(substitute_parameters(query.text, bindings))


def _run_on_rdflib(query: SavedQuery, graph: Graph, bindings: Mapping[str, Term]) -> Table:
    service = {
        n: t
        for n, t in bindings.items()
        if re.search(rf"\bSERVICE\s+(?:SILENT\s+)?\?{n}\b", query.text, re.IGNORECASE)
    }
    text = substitute_parameters(query.text, service)
    others = {n: t for n, t in bindings.items() if n not in service}
    try:
        result: Result = graph.query(text, initBindings=others)
    except Exception as exc:  # rdflib's evaluator raises many types, SERVICE errors included
        raise StoreError(f"the query failed on rdflib: {first_line(exc)}") from exc
    if result.type != "SELECT" or result.vars is None:
        raise QueryError(f"{query.name}: only SELECT queries give a table")
    columns = tuple(str(v) for v in result.vars)
    rows = tuple(tuple(_normal(term) for term in row) for row in result)  # type: ignore[union-attr]
    return Table(columns, rows)


def _normal(term: object) -> Term | None:
    if term is None:
        return None
    if isinstance(term, Literal):
        return canonical_literal(term)
    if isinstance(term, URIRef | BNode | Literal):
        return term
    raise StoreError(f"unsupported term in a query result: {term!r}")


# ---------------------------------------------------------------- output

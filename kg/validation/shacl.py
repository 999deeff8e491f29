"""The validate stage: a graph and SHACL shapes in, a structured report out.

Non-conformance is a result, not an exception. The fast engine (pyshacl-turbo, a Rust
implementation with pySHACL's API) is the default; in a build's batches it checks the core
constraints and Oxigraph the SHACL-SPARQL ones and those of the paths where a node has
thousands of values (`kg.validation.sparql_constraints`). pySHACL itself is
the reference the tests compare against. The ontology is given with the data, so class
hierarchy and the controlled vocabularies (weapon classes) are known to the shapes.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import pyoxigraph
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kg.core.errors import first_line
from kg.core.resources import ontology_path, shapes_paths
from kg.core.vocab import KG, PREFIXES, PROV, SEM, new_graph
from kg.validation.sparql_constraints import (
    Row,
    SparqlConstraint,
    evaluate,
    property_constraints,
    sparql_constraints,
    without,
)

__all__ = [
    "warm_up",
    "Engine",
    "Report",
    "ShapesError",
    "Violation",
    "load_shapes",
    "shapes_fingerprint",
    "validate_graph",
    "validate_ntriples",
    "validate_triples",
]

SH = Namespace("http://www.w3.org/ns/shacl#")
Engine = Literal["fast", "reference"]


class ShapesError(Exception):
    """A shapes file could not be read."""


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result."""

    severity: str  # Violation, Warning, Info
    focus: str
    path: str
    value: str
    message: str
    shape: str


@dataclass(frozen=True, slots=True)
class Report:
    """What validation found."""

    conforms: bool
    violations: tuple[Violation, ...]

    def to_json(self) -> dict[str, object]:
        """The report as JSON-ready data (`from_json` reads it back)."""
        return {
            "conforms": self.conforms,
            "violations": [list(astuple(v)) for v in self.violations],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        """A report written by `to_json`."""
        return cls(
            bool(data["conforms"]), tuple(Violation(*map(str, v)) for v in data["violations"])
        )

    def summary(self, limit: int = 20) -> str:
        """Readable text: one line per violation (the first `limit`), grouped by message."""
        if self.conforms:
            return "conforms: yes"
        lines = [f"conforms: no ({len(self.violations)} result(s))"]
        for v in self.violations[:limit]:
            where = f" {v.path}" if v.path else ""
            value = f" = {v.value[:60]!r}" if v.value else ""
            lines.append(f"- {v.severity}: {v.focus}{where}{value}: {v.message}")
        if len(self.violations) > limit:
            lines.append(f"... and {len(self.violations) - limit} more")
        return "\n".join(lines)


def shapes_fingerprint() -> str:
    """A hash of what a verdict depends on beyond the data: the shapes, the ontology and the
    engines' versions (shapes and ontology are files of the checkout in an editable install,
    not modules a code fingerprint covers)."""
    from importlib.metadata import version

    h = hashlib.sha256()
    for name in ("pyshacl-turbo", "pyoxigraph"):
        h.update(f"{name} {version(name)}".encode() + b"\x1f")
    for path in [ontology_path(), *shapes_paths()]:
        h.update(path.name.encode("utf-8") + b"\x1e" + path.read_bytes())
    return h.hexdigest()


def load_shapes(extra: Sequence[Path] = ()) -> Graph:
    """The project's shapes plus any extra shapes files, in one graph."""
    graph = new_graph()
    for path in [*shapes_paths(), *extra]:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many parser types; all mean "unreadable"
            raise ShapesError(
                f"{path}: cannot read shapes ({first_line(exc)}); fix the Turtle"
            ) from exc
    return graph


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    graph = new_graph()
    graph.parse(ontology_path(), format="turtle")
    return graph


def validate_graph(data: Graph, *, shapes: Graph | None = None, engine: Engine = "fast") -> Report:
    """Validate `data` against the project's shapes (or `shapes`)."""
    return _validate(data, shapes if shapes is not None else load_shapes(), engine)


def validate_triples(
    triples: Iterable[pyoxigraph.Triple | pyoxigraph.Quad], *, engine: Engine = "fast"
) -> Report:
    """Validate the union of Oxigraph triples or quads (a loaded file) against the shapes.

    The fast engine reads them as N-Triples text, without building an rdflib graph: parsing
    a large file into rdflib costs more than validating it.
    """
    text = (
        pyoxigraph.serialize(
            (t.triple if isinstance(t, pyoxigraph.Quad) else t for t in triples), format=_NT
        )
        or b""
    ).decode("utf-8")
    if engine != "fast":
        graph = new_graph()
        graph.parse(data=text, format="nt")
        return validate_graph(graph, engine=engine)
    return validate_ntriples(text)


def validate_ntriples(
    text: str, *, engine: Engine = "fast", focus: Sequence[str] | None = None
) -> Report:
    """Validate N-Triples text, with the ontology added, for `focus` nodes (default: all).

    With focus nodes (a build's batches), the fast engine checks the core constraints with
    pyshacl-turbo and the SHACL-SPARQL ones, with the property shapes of paths where a node
    has thousands of values, with Oxigraph (`kg.validation.sparql_constraints`: linear in a node's
    facts, where turbo is quadratic: a claim restated in thousands of articles has
    thousands). A whole file goes to turbo alone: with every node in focus, the split is no
    faster.
    """
    shapes, _, _, ontology = _prepared_shapes(_MANY_VALUED)
    nodes = None if focus is None else [URIRef(f) for f in focus]
    if engine != "fast" or focus is None:
        return _validate(
            _input_of(text + ontology, engine), shapes, engine, nodes, with_ontology=False
        )
    many = _many_valued(text)
    constraints = _prepared_shapes(many)[2]
    data = text + _hierarchy()
    report = _validate(_input_of(data, engine), _compiled(many), engine, nodes, with_ontology=False)
    # pyshacl-turbo read the same text strictly above: Oxigraph need not check its IRIs again.
    rows = evaluate(data.encode("utf-8"), constraints, set(focus), checked=True)
    if not rows:
        return report
    found = [*report.violations, *(_row_violation(r) for r in rows)]
    return Report(
        False, tuple(sorted(set(found), key=lambda v: (v.message, v.focus, v.path, v.value)))
    )


def _row_violation(row: Row) -> Violation:
    focus = row.focus.value if isinstance(row.focus, pyoxigraph.NamedNode) else ""
    return Violation(
        severity="Violation",
        focus=_short(URIRef(focus)) if focus else "",
        path=_short(URIRef(row.path.value)) if row.path is not None else "",
        value=""
        if row.value is None or isinstance(row.value, pyoxigraph.BlankNode)
        else row.value.value,
        message=row.message,
        shape=_short(row.shape),
    )


def _validate(
    data: object,
    shapes_graph: Graph | Any,
    engine: Engine,
    focus: list[URIRef] | None = None,
    *,
    with_ontology: bool = True,
) -> Report:
    """Validate with the engine; `shapes_graph` may be pyshacl-turbo's compiled shapes (see
    `_compiled`), which spares reading the shapes graph again for every batch."""
    if engine == "fast":
        import pyshacl_turbo as engine_module
    else:
        import pyshacl as engine_module  # type: ignore[no-redef]
    with warnings.catch_warnings():
        # pySHACL warns about shapes features it handles anyway; the report is what counts.
        warnings.simplefilter("ignore")
        if not isinstance(shapes_graph, Graph):
            conforms, results, _ = shapes_graph.validate(
                data, allow_warnings=True, focus_nodes=focus
            )
            return Report(bool(conforms), _violations(results))
        conforms, results, _ = engine_module.validate(
            data,
            shacl_graph=shapes_graph,
            ont_graph=_ontology() if with_ontology else None,
            inference="none",
            advanced=True,
            allow_warnings=True,
            focus_nodes=focus,
        )
    if not isinstance(results, Graph):
        raise TypeError(f"SHACL engine returned {type(results).__name__}, expected a graph")
    return Report(bool(conforms), _violations(results))


def _violations(results: Graph) -> tuple[Violation, ...]:
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        found.append(
            Violation(
                severity=_local(results.value(result, SH.resultSeverity)),
                focus=_short(results.value(result, SH.focusNode)),
                path=_short(results.value(result, SH.resultPath)),
                value=_text(results.value(result, SH.value)),
                message=_text(results.value(result, SH.resultMessage)),
                shape=_short(results.value(result, SH.sourceShape)),
            )
        )
    return tuple(sorted(found, key=lambda v: (v.message, v.focus, v.path, v.value)))


def _local(node: Node | None) -> str:
    return str(node).rsplit("#", 1)[-1] if node is not None else ""


def _text(node: Node | None) -> str:
    return "" if node is None else str(node)


def _short(node: Node | None) -> str:
    """Compact a term with the project's prefixes for display."""
    if node is None or not isinstance(node, URIRef):
        return "" if node is None or type(node).__name__ == "BNode" else str(node)
    iri = str(node)
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return f"<{iri}>"


# ---------------------------------------------------------------- validation in batches

_NT = pyoxigraph.RdfFormat.N_TRIPLES


# Paths on which one node has thousands of values in a large corpus (a claim restated in
# thousands of articles): their property shapes are checked by Oxigraph in a build's batches
# (see kg.validation.sparql_constraints): turbo gathers a node's values on a path in time
# quadratic in their number.
_MANY_VALUED = (KG.statedIn, KG.about, KG.conflictsWith)

# Paths with thousands of values on one node only in large corpora: an Assertion of a name
# every article gives is derived from a mention in each (613 at 3,000 articles of the bench
# corpus), an event reported by thousands of articles has instruments, places, actors and
# targets from each, a claim figures, a dispute figures and claims. Turbo took 0.4 s for one
# node's 4,000 values and 1.6 s for 8,000, and a 100,000-article build stalled in validation;
# Oxigraph's queries are linear but cost more than turbo on a batch without such a node.
# So a batch goes to them only when one of these paths has more than _TURBO_VALUES values
# in it (bench/node_values.py).
_SOMETIMES_MANY = (
    PROV.wasDerivedFrom,
    KG.instrument,
    KG.target,
    KG.quantity,
    KG.disputedClaim,
    KG.disputedQuantity,
    SEM.hasActor,
    SEM.hasPlace,
)
_TURBO_VALUES = 2000


def _many_valued(text: str) -> tuple[URIRef, ...]:
    """The paths whose property shapes Oxigraph checks in this batch."""
    if any(text.count(f"<{path}>") > _TURBO_VALUES for path in _SOMETIMES_MANY):
        return _MANY_VALUED + _SOMETIMES_MANY
    return _MANY_VALUED


# Both caches below hold one entry per `many` (two values). Every call passes `many`:
# lru_cache keys `f()` and `f(x)` apart even where x is the default, and a third key had
# the two batch kinds evict each other's shapes (read and compiled again, 0.35 s a time).
@lru_cache(maxsize=2)
def _prepared_shapes(
    many: tuple[URIRef, ...],
) -> tuple[Graph, Graph, tuple[SparqlConstraint, ...], str]:
    """The project's shapes; the same without the constraints Oxigraph evaluates (the
    SHACL-SPARQL ones, and the property shapes on the `many` paths), and those
    constraints; the ontology as N-Triples to add to the data (cheaper than letting the
    engine merge an ontology graph into each batch)."""
    shapes = load_shapes()
    constraints = sparql_constraints(shapes) + property_constraints(shapes, many)
    text = _ontology().serialize(format="nt")
    return (
        shapes,
        without(shapes, constraints),
        constraints,
        text if isinstance(text, str) else text.decode("utf-8"),
    )


@lru_cache(maxsize=1)
def _hierarchy() -> str:
    """What of the ontology the shapes read about nodes outside the data: the classes of
    its terms and the class hierarchy (sh:class and sh:targetClass count subclasses; no shape
    targets an ontology term). A batch carries these 95 lines, not the ontology's 320, most
    of them labels and comments both engines would parse for every batch."""
    kept = (f"> <{RDF.type}> ", f"> <{RDFS.subClassOf}> ")
    return "".join(
        line
        for line in _prepared_shapes(_MANY_VALUED)[3].splitlines(keepends=True)
        if any(k in line for k in kept)
    )


def warm_up() -> None:
    """Read and compile the shapes and the class hierarchy once (a worker does it as it starts)."""
    _compiled(_MANY_VALUED)
    _hierarchy()


@lru_cache(maxsize=2)
def _compiled(many: tuple[URIRef, ...]) -> Any:
    """The core shapes (`_prepared_shapes`) compiled once by pyshacl-turbo: reading a shapes
    graph costs more than validating a batch of a few thousand triples against it."""
    import pyshacl_turbo

    return pyshacl_turbo.compile_shapes(_prepared_shapes(many)[1], advanced=True)  # type: ignore[no-untyped-call]


def _input_of(ntriples: str, engine: Engine) -> object:
    """N-Triples text as the engine reads it (pyshacl-turbo: without a round trip through
    rdflib)."""
    try:
        if engine != "fast":
            raise ImportError("the reference engine reads rdflib graphs")
        from pyshacl_turbo.rdf import Input  # not public: an rdflib Graph is the fallback
    except ImportError:
        graph = new_graph()
        graph.parse(data=ntriples, format="nt")
        return graph
    return Input(ntriples, "nt", None, {})

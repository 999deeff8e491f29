"""The validate stage: a graph and SHACL shapes in, a structured report out.

Non-conformance is a result, not an exception. The fast engine (pyshacl-turbo, a Rust
implementation with pySHACL's API) is the default; pySHACL itself is the reference the tests
compare against. The ontology is given as the ontology graph, so class hierarchy and the
controlled vocabularies (weapon classes) are known to the shapes.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.resources import ontology_path, shapes_paths
from kg.vocab import PREFIXES, new_graph

__all__ = ["Engine", "Report", "Violation", "ShapesError", "load_shapes", "validate_graph"]

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


def load_shapes(extra: Sequence[Path] = ()) -> Graph:
    """The project's shapes plus any extra shapes files, in one graph."""
    graph = new_graph()
    for path in [*shapes_paths(), *extra]:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many parser types; all mean "unreadable"
            raise ShapesError(f"{path}: cannot read shapes ({_first_line(exc)}); fix the Turtle") from exc
    return graph


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    graph = new_graph()
    graph.parse(ontology_path(), format="turtle")
    return graph


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else type(exc).__name__


def validate_graph(
    data: Graph, *, shapes: Graph | None = None, engine: Engine = "fast"
) -> Report:
    """Validate `data` against the project's shapes (or `shapes`)."""
    shapes_graph = shapes if shapes is not None else load_shapes()
    if engine == "fast":
        import pyshacl_turbo as engine_module
    else:
        import pyshacl as engine_module  # type: ignore[no-redef]
    with warnings.catch_warnings():
        # pySHACL warns about shapes features it handles anyway; the report is what counts.
        warnings.simplefilter("ignore")
        conforms, results, _ = engine_module.validate(
            data,
            shacl_graph=shapes_graph,
            ont_graph=_ontology(),
            inference="none",
            advanced=True,
            allow_warnings=True,
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
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"

"""SHACL-SPARQL constraints evaluated by Oxigraph, for every focus node at once.

A SPARQL-based constraint (sh:sparql with sh:select) is defined per focus node: `$this` is
pre-bound and the query's rows are the violations. pyshacl-turbo evaluates the joins inside
such a query as nested loops over the focus node's triples, so a node with n facts (a claim
stated in thousands of articles has thousands) costs n² per constraint. Oxigraph joins by
hashing and index lookups: here each constraint's query runs once over the data with `$this`
as an ordinary variable, joined with the instances of the shape's target classes, which is
the same set of rows (SHACL 1.0, 5.3.1), in time linear in the data.

Where every solution of the query binds `$this` from a triple pattern (and an aggregating
query groups by it), the query runs as a sub-select, once, and its rows are joined with the
targets: Oxigraph evaluates a target pattern written inside the query's own group as a
nested loop (quadratic: 1.9 s instead of 0.08 s on a batch of 30,000 triples). Other queries
keep `$this` bound by a target pattern inside their WHERE, which is substitution exactly.

Only constraints of shapes whose targets are sh:targetClass, of severity sh:Violation, are
taken here; the query text is the shapes file's own, with its sh:prefixes.

Some core constraints are written as such queries too (`property_constraints`): pyshacl-turbo
gathers a focus node's values on a path in time quadratic in their number (1.4 s for one node
with 8,000 values, 0.08 s for 2,000), and a claim restated in thousands of articles is stated
in thousands of documents and conflicts with hundreds of claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph
from rdflib import Graph, Namespace, URIRef, Variable
from rdflib.collection import Collection
from rdflib.term import Node

__all__ = ["SparqlConstraint", "evaluate", "property_constraints", "sparql_constraints", "without"]

SH = Namespace("http://www.w3.org/ns/shacl#")
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_INSTANCE_OF = f"<{_RDF}type>/<{_RDFS}subClassOf>*"  # a SHACL instance of a class (with subclasses)


@dataclass(frozen=True, slots=True)
class SparqlConstraint:
    """One sh:select constraint of a shape, as a query over all of the shape's targets."""

    shape: Node  # what a violation names as its source shape (a property shape: a blank node)
    message: str
    query: str  # selects ?this and the constraint's ?path / ?value
    link: tuple[Node, Node, Node]  # the shapes graph's triple attaching the constraint to its shape
    # An IRI the data must hold for the query to find anything ("": run it always): a
    # value's class is checked only where some node has a value on the path.
    requires: str = ""


def sparql_constraints(shapes: Graph) -> tuple[SparqlConstraint, ...]:
    """Every SELECT-based SPARQL constraint of a shape targeted by class only."""
    found = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        classes = _target_classes(shapes, shape)
        select = shapes.value(constraint, SH.select)
        if not classes or select is None or shapes.value(constraint, SH.deactivated) is not None:
            continue
        if any(
            shapes.value(node, SH.severity) not in (None, SH.Violation)
            for node in (shape, constraint)
        ):
            continue  # reported as violations here: other severities stay with the SHACL engine
        prefixes = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
            for p in shapes.objects(constraint, SH.prefixes)
            for d in shapes.objects(p, SH.declare)
        )
        message = str(shapes.value(constraint, SH.message) or shapes.value(shape, SH.message) or "")
        query = prefixes + _over_targets(str(select), classes, prefixes)
        found.append(
            SparqlConstraint(URIRef(str(shape)), message, query, (shape, SH.sparql, constraint))
        )
    return tuple(found)


def _target_classes(shapes: Graph, shape: Node) -> list[str]:
    """The classes `shape` targets; none when it has targets of another kind as well (its
    constraints stay with the SHACL engine)."""
    if any(
        shapes.value(shape, p) is not None
        for p in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    ):
        return []
    return sorted(str(c) for c in shapes.objects(shape, SH.targetClass))


def _over_targets(select: str, classes: list[str], prefixes: str = "") -> str:
    """The query with $this a variable bound to the instances of `classes` (with subclasses)."""
    query = select.replace("$this", "?this")
    start = re.search(r"\bWHERE\s*\{", query, flags=re.IGNORECASE)
    if start is None:
        raise ValueError(f"a SHACL-SPARQL select without WHERE {{: {select[:80]!r}")
    values = " ".join(f"<{c}>" for c in classes)
    target = f" VALUES ?targetClass {{ {values} }} ?this {_INSTANCE_OF} ?targetClass . "
    if _binds_this(prefixes + query):
        head = re.match(r"\s*SELECT\s+(.*?)\s+WHERE", query, flags=re.IGNORECASE | re.DOTALL)
        projected = head.group(1) if head is not None and "(" not in head.group(1) else "*"
        return f"SELECT {projected} WHERE {{ {{ {query} }} {target}}}"
    return query[: start.end()] + target + query[start.end() :]


def _binds_this(query: str) -> bool:
    """Whether every solution binds ?this from a triple pattern, so evaluating the query
    unbound and keeping the rows of each focus node equals pre-binding it; an aggregating
    query must also group by ?this. Unsure (a parse error, an unknown operator): False."""
    try:
        from rdflib.plugins.sparql import prepareQuery

        algebra = prepareQuery(query).algebra
    except Exception:
        return False
    return _bound(algebra.get("p"))


# Operators whose solutions bind what their one operand binds. Not Slice: a LIMIT applies
# per focus node when $this is pre-bound, to all of them at once when it is not.
_PASS_THROUGH = {"Filter", "Extend", "Distinct", "Reduced", "OrderBy", "ToMultiSet", "Graph"}


def _bound(node: object) -> bool:
    """?this is bound in every solution of this algebra node."""
    this = Variable("this")
    name = getattr(node, "name", None)
    if name == "BGP":
        return any(this in triple for triple in node["triples"])  # type: ignore[index]
    if name in _PASS_THROUGH:
        return _bound(node["p"])  # type: ignore[index]
    if name == "Project":  # a (sub-)select keeps ?this only if it projects it
        return this in node["PV"] and _bound(node["p"])  # type: ignore[index]
    if name in ("LeftJoin", "Minus"):  # the left side's solutions are kept
        return _bound(node["p1"])  # type: ignore[index]
    if name == "Join":
        return _bound(node["p1"]) or _bound(node["p2"])  # type: ignore[index]
    if name == "Union":
        return _bound(node["p1"]) and _bound(node["p2"])  # type: ignore[index]
    if name == "AggregateJoin":
        group = node["p"]  # type: ignore[index]
        return this in (group.get("expr") or ()) and _bound(group["p"])
    return False


def property_constraints(shapes: Graph, paths: Iterable[URIRef]) -> tuple[SparqlConstraint, ...]:
    """The property shapes on `paths` (predicates) of class-targeted shapes, as queries.

    A property shape is taken when all it says, besides its path and one sh:message, is
    sh:minCount, sh:class, or sh:or of shapes that each say only sh:class (SHACL 1.0, 4.2.1,
    4.1.1 and 4.6.3), at severity sh:Violation: each becomes one query whose rows are that
    component's results (a focus node with too few values; each value that is no instance
    of the class, or of any of the classes), with the property shape's message, path and
    value. Any other property shape stays with the SHACL engine.
    """
    wanted = set(paths)
    found = []
    for shape, prop in sorted(shapes.subject_objects(SH.property)):
        path = shapes.value(prop, SH.path)
        if path not in wanted or not isinstance(path, URIRef):
            continue
        classes = _target_classes(shapes, shape)
        components = _components(shapes, prop)
        messages = list(shapes.objects(prop, SH.message))
        if not classes or components is None or len(messages) != 1:
            continue
        for select, of_values in components:
            query = _over_targets(select.replace("<PATH>", f"<{path}>"), classes)
            found.append(
                SparqlConstraint(
                    prop,
                    str(messages[0]),
                    query,
                    (shape, SH.property, prop),
                    str(path) if of_values else "",
                )
            )
    return tuple(found)


_TAKEN = {SH.path, SH.message, SH.minCount, SH["class"], SH["or"]}


def _components(shapes: Graph, prop: Node) -> list[tuple[str, bool]] | None:
    """One query per constraint component of a property shape, or None if it says more
    than this module writes as queries. Each query comes with whether its rows are values on
    the path (a batch without the path has none)."""
    if any(p not in _TAKEN for p in shapes.predicates(prop)):
        return None
    counts = [str(n) for n in shapes.objects(prop, SH.minCount)]
    if (
        len(counts) > 1
        or any(n not in ("1", "2", "3") for n in counts)
        or len(set(shapes.objects(prop, SH["or"]))) > 1
    ):
        return None
    queries: list[tuple[str, bool]] = []
    if counts:
        # A node without `count` different values: one result, naming no ?value. Written
        # with EXISTS (it stops at the first solution), not a COUNT: an aggregate would
        # leave out the nodes with no value at all.
        count = int(counts[0])
        values = [f"?v{i}" for i in range(count)]
        distinct = " && ".join(
            f"!sameTerm({a}, {b})" for k, a in enumerate(values) for b in values[k + 1 :]
        )
        query = (
            "SELECT $this ?path WHERE { VALUES ?path { <PATH> } "
            f"FILTER NOT EXISTS {{ $this <PATH> {', '.join(values)} ."
            + (f" FILTER ({distinct})" if distinct else "")
            + " } }"
        )
        queries.append((query, False))
    for cls in shapes.objects(prop, SH["class"]):
        queries.append((_not_instance([cls]), True))
    for alternatives in shapes.objects(prop, SH["or"]):
        classes = []
        for member in Collection(shapes, alternatives):
            if (
                set(shapes.predicates(member)) != {SH["class"]}
                or len(set(shapes.objects(member, SH["class"]))) != 1
            ):
                return None
            classes.append(shapes.value(member, SH["class"]))
        queries.append((_not_instance(classes), True))
    return queries


def _not_instance(classes: list[Node | None]) -> str:
    """The values (on <PATH>) that are no SHACL instance of any of `classes`."""
    if not all(isinstance(c, URIRef) for c in classes):
        raise ValueError(f"sh:class takes an IRI here, not {classes}")
    # One EXISTS per class, each with the class a constant: Oxigraph evaluates the path from
    # the value then (with the classes as VALUES inside one EXISTS it walked the class
    # hierarchy for every value, hundreds of times slower).
    instance = " || ".join(f"EXISTS {{ ?value {_INSTANCE_OF} <{c}> }}" for c in classes)
    return (
        f"SELECT $this ?path ?value WHERE {{ $this <PATH> ?value . VALUES ?path {{ <PATH> }} "
        f"FILTER (!({instance})) }}"
    )


def without(shapes: Graph, constraints: Iterable[SparqlConstraint]) -> Graph:
    """A copy of `shapes` without the triples attaching `constraints` to their shapes."""
    taken = {c.link for c in constraints}
    copy = Graph()
    for prefix, ns in shapes.namespaces():
        copy.bind(prefix, ns)
    for triple in shapes:
        if triple not in taken:
            copy.add(triple)
    return copy


@dataclass(frozen=True, slots=True)
class Row:
    """One violation row: the focus node and, when the query binds them, path and value."""

    shape: Node
    message: str
    focus: pyoxigraph.NamedNode | pyoxigraph.BlankNode
    path: pyoxigraph.NamedNode | None
    value: pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode | None


def evaluate(
    ntriples: bytes,
    constraints: Iterable[SparqlConstraint],
    focus: set[str] | None = None,
    *,
    checked: bool = False,
) -> list[Row]:
    """Run every constraint over N-Triples data; rows for `focus` nodes only (default all).

    `checked`: the data was read strictly already (a build's batches, which pyshacl-turbo
    parses first), so Oxigraph reads it without checking IRIs again (checking them was
    about 40% of its loading).
    """
    store = pyoxigraph.Store()
    store.load(ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES, lenient=checked)
    rows = []
    for constraint in constraints:
        if constraint.requires and f"<{constraint.requires}>".encode() not in ntriples:
            continue
        for solution in store.query(_prepared(constraint.query)):  # type: ignore[union-attr]
            this = solution["this"]
            if focus is not None and this.value not in focus:
                continue
            rows.append(
                Row(constraint.shape, constraint.message, this, solution["path"], solution["value"])
            )
    return rows


@lru_cache(maxsize=64)
def _prepared(query: str) -> str:
    # pyoxigraph binds unknown variables to None in solutions: project path and value always.
    head = re.search(r"SELECT\s+(.*?)\s+WHERE", query, flags=re.IGNORECASE | re.DOTALL)
    if head is None:
        return query
    wanted = head.group(1).split()
    for name in ("?path", "?value"):
        if name not in wanted:
            wanted.append(name)
    return query[: head.start(1)] + " ".join(wanted) + query[head.end(1) :]

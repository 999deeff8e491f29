"""The report: one self-contained HTML page about built graphs, made by running the saved queries.

Every section is the result of saved queries in queries/ run on an in-memory Oxigraph store
holding the graph files (as `kg query NAME GRAPH` runs them), so the page and the queries
cannot disagree; kg/sections.py arranges the rows, cutting each piece of evidence out of its
document's text (nif:isString) with the span marked. The page makes no network request and
runs no script but its own filter: its Content-Security-Policy allows only that script, by
hash. Article text reaches the page only through Jinja's autoescaping; charts are SVG from
kg/charts.py.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from kg.report.charts import Point, figure_chart, is_timeline
from kg.report.events import EventRow, arrange_events
from kg.report.sections import (
    ENTITY_TYPES,
    ClaimRow,
    Dispute,
    DocumentRow,
    EntityRow,
    Excerpt,
    FigureRow,
    Row,
    SourceShare,
    arrange_claims,
    arrange_entities,
    cut_excerpt,
    find_disputes,
    merge_excerpts,
    rank_by_count,
    shown_source,
)
from kg.store.queries import load_query, run_query
from kg.store.stores import EmbeddedStore, file_graph_iri, read_quads
from kg.validation.shacl import Report as Validation
from kg.validation.shacl import validate_triples

__all__ = ["Page", "collect_page", "load_graphs", "render_page"]

# Bounds that keep the page for a large corpus to a few megabytes; the full lists are one
# `kg query` away, and the page says so where it cuts.
MAX_CHARTS = 12
MAX_MATRIX_CLAIMANTS = 25
MAX_MATRIX_OUTLETS = 60
MAX_ENTITIES_PER_TYPE = 400


@dataclass(frozen=True, slots=True)
class Page:
    """Everything the page shows, in the order it shows it."""

    title: str
    validation: str  # "conforms …", "does not conform … (N results)" or "not validated"
    problems: tuple[str, ...]
    documents: tuple[DocumentRow, ...]
    outlets: tuple[str, ...]
    first_date: str
    last_date: str
    disputes: tuple[Dispute, ...]
    charts: tuple[str, ...]  # SVG per dispute, "" past MAX_CHARTS
    timelines: tuple[bool, ...]  # per dispute: its chart draws the figures over time
    other_figures: tuple[tuple[FigureRow, ClaimRow], ...]
    claimants: tuple[tuple[str, tuple[ClaimRow, ...]], ...]
    kinds: tuple[str, ...]
    matrix_outlets: tuple[str, ...]
    matrix_claimants: tuple[str, ...]
    matrix: Mapping[tuple[str, str], int]
    entities: Mapping[str, tuple[EntityRow, ...]]
    entity_totals: Mapping[str, int]
    figures: int = 0
    cut: Mapping[str, int] = field(default_factory=dict)  # what each bound left out
    unnamed: tuple[SourceShare, ...] = ()  # per outlet: claims resting on unnamed sources
    events: tuple[EventRow, ...] = ()  # the timeline
    event_total: int = 0  # events in the graph (the timeline shows at most MAX_EVENTS)

    @property
    def claims(self) -> int:
        """How many claims the graph holds."""
        return sum(len(claims) for _, claims in self.claimants)


def load_graphs(
    paths: Sequence[Path], *, validate: bool = True
) -> tuple[EmbeddedStore, Validation | None]:
    """Load graph files into an in-memory store (as `kg query` does) and validate their union."""
    store = EmbeddedStore.in_memory()
    quads = []
    for path in paths:
        named = path.suffix.lower() in (".trig", ".nq")
        quads.extend(read_quads(path, graph=None if named else file_graph_iri(path)))
    store.load_quads(quads)
    return store, (validate_triples(quads) if validate else None)


def _rows(store: EmbeddedStore, name: str, **params: str) -> list[dict[str, str]]:
    """A saved query's rows as column -> text ("" when unbound)."""
    table = run_query(load_query(name), store, params)
    return [
        {c: "" if t is None else str(t) for c, t in zip(table.columns, row, strict=True)}
        for row in table.rows
    ]


def collect_page(store: EmbeddedStore, validation: Validation | None, *, title: str = "") -> Page:
    """Run the saved queries and arrange their rows into the page's sections."""
    texts = {r["document"]: r for r in _rows(store, "document-texts")}
    anchors = {iri: f"doc-{n}" for n, iri in enumerate(texts, 1)}

    def excerpts(rows: Iterable[Row]) -> dict[str, tuple[Excerpt, ...]]:
        found: dict[str, list[Excerpt]] = defaultdict(list)
        for r in rows:
            doc = texts.get(r["document"])
            if doc is not None:
                found[r["subject"]].append(
                    cut_excerpt(
                        doc["text"],
                        int(r["begin"]),
                        int(r["end"]),
                        anchor=anchors[r["document"]],
                        name=doc["identifier"],
                        outlet=doc["outlet"],
                    )
                )
        return {k: merge_excerpts(v) for k, v in found.items()}

    # A claim's evidence in each document is what its kg:statedIn assertion derives from;
    # a figure's is the number itself (its kg:value assertion).
    evidence = excerpts(_rows(store, "provenance", predicate="kg:statedIn"))
    evidence.update(excerpts(_rows(store, "provenance", predicate="kg:value")))
    conflicts = _rows(store, "claim-conflicts")
    claims = arrange_claims(
        _rows(store, "claims-with-sources"), _rows(store, "claim-figures"), conflicts, evidence
    )
    disputes, held = find_disputes(claims, conflicts, _rows(store, "claim-about"))
    points = [[Point(c.claimant, f.value, c.date) for f, c in d.rows] for d in disputes]
    other = sorted(
        ((f, c) for c in claims for f in c.figures if (c.iri, f.kind) not in held),
        key=lambda fc: (fc[0].kind, fc[0].value, fc[1].claimant),
    )
    groups: dict[str, list[ClaimRow]] = defaultdict(list)
    for c in claims:
        groups[c.claimant].append(c)
    documents = tuple(
        DocumentRow(
            anchors.get(r["document"], ""),
            r["identifier"],
            r["publisher"] or r["identifier"],
            r["published"],
            r["title"],
            int(r["claims"] or 0),
            int(r["mentions"] or 0),
        )
        for r in _rows(store, "documents")
    )
    dates = sorted(d.published[:10] for d in documents if d.published)
    matrix_rows = [
        {**r, "claimant": shown_source(r["claimant"], r["sourceKind"], r["anonymous"])}
        for r in _rows(store, "claimants-by-outlet")
    ]
    claimants = rank_by_count((r["claimant"], int(r["claims"])) for r in matrix_rows)
    outlets = rank_by_count((r["outlet"], int(r["claims"])) for r in matrix_rows)
    events, event_total = arrange_events(
        _rows(store, "events-by-place-and-time"), _rows(store, "event-costs")
    )
    entities, totals = arrange_entities(
        _rows(store, "entities-by-outlets"),
        _rows(store, "entity-variants"),
        _rows(store, "wikidata-ids"),
        limit=MAX_ENTITIES_PER_TYPE,
    )
    return Page(
        title=title or "News claims report",
        validation=_status(validation),
        problems=tuple(
            v.message or v.shape for v in (validation.violations[:5] if validation else ())
        ),
        documents=documents,
        outlets=tuple(sorted({d.outlet for d in documents}, key=str.casefold)),
        first_date=dates[0] if dates else "",
        last_date=dates[-1] if dates else "",
        disputes=disputes,
        charts=tuple(
            figure_chart(p, chart_id=f"fig{n + 1}", title=d.title) if n < MAX_CHARTS else ""
            for n, (d, p) in enumerate(zip(disputes, points, strict=True))
        ),
        timelines=tuple(is_timeline(p) for p in points),
        other_figures=tuple(other),
        claimants=tuple(
            (name, tuple(sorted(cs, key=lambda c: (c.date or "~", c.content))))
            for name, cs in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold()))
        ),
        kinds=tuple(sorted({k for c in claims for k in c.kinds})),
        matrix_outlets=tuple(outlets[:MAX_MATRIX_OUTLETS]),
        matrix_claimants=tuple(claimants[:MAX_MATRIX_CLAIMANTS]),
        matrix={(r["outlet"], r["claimant"]): int(r["claims"]) for r in matrix_rows},
        unnamed=tuple(
            SourceShare(
                r["outlet"],
                int(r["claims"]),
                int(r["unnamed"]),
                int(r["anonymous"]),
                int(r["unstated"]),
            )
            for r in _rows(store, "unnamed-sources-by-outlet")
        ),
        entities=entities,
        events=events,
        event_total=event_total,
        entity_totals=totals,
        figures=sum(len(c.figures) for c in claims),
        cut={
            "claimants": max(0, len(claimants) - MAX_MATRIX_CLAIMANTS),
            "outlets": max(0, len(outlets) - MAX_MATRIX_OUTLETS),
            "charts": max(0, len(disputes) - MAX_CHARTS),
            **{t: totals[t] - len(entities[t]) for t in ENTITY_TYPES},
        },
    )


def _status(validation: Validation | None) -> str:
    if validation is None:
        return "not validated"
    if validation.conforms:
        return "conforms to the SHACL shapes"
    return f"does not conform to the SHACL shapes ({len(validation.violations)} results)"


def render_page(page: Page) -> str:
    """The page as one HTML document: CSS and the filter script inline, no external resource."""
    loader = jinja2.PackageLoader("kg.report", "templates")
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    script = loader.get_source(env, "report.js")[0]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return env.get_template("report.html.j2").render(
        page=page,
        script=Markup(script),  # our own file, not article text
        script_hash=f"sha256-{digest}",
        outlet_ids={name: n for n, name in enumerate(page.outlets)},
        kind_ids={name: n for n, name in enumerate(page.kinds)},
        charts=[Markup(svg) for svg in page.charts],  # SVG written by lxml: labels escaped
        types=ENTITY_TYPES,
    )

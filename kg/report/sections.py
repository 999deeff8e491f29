"""The report's sections: pure functions from saved-query rows to the rows the page shows.

Input rows are a saved query's columns as text ("" when unbound), exactly what
`kg query NAME GRAPH --format csv` prints; nothing here reads the graph or a file.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kg.core.unionfind import UnionFind

__all__ = [
    "CONTEXT",
    "ENTITY_TYPES",
    "ClaimRow",
    "Dispute",
    "DocumentRow",
    "EntityRow",
    "Excerpt",
    "FigureRow",
    "Row",
    "Source",
    "SourceShare",
    "arrange_claims",
    "arrange_entities",
    "cut_excerpt",
    "find_disputes",
    "merge_excerpts",
    "rank_by_count",
    "shown_source",
]

Row = Mapping[str, str]
ENTITY_TYPES = ("Person", "Organisation", "Place", "Weapon")
CONTEXT = 320  # characters of context at most on each side of a span
_KG = "https://w3id.org/newskg/ontology#"
# A sentence ends at . ! ? after a lower-case word or a digit (not "U.S."), or after a
# closing quote; or at a line break.
_SENTENCE_END = re.compile(r"(?:(?<=[a-z0-9%)]{2}[.!?])|(?<=[.!?][\"'”’]))[ \t]+|\s*\n\s*")
_BOUNDS = {
    "atLeast": "at least ",
    "moreThan": "more than ",
    "atMost": "at most ",
    "lessThan": "less than ",
}
# A place that makes claims is typed an organisation too: list it once, under its first class here.
_CLASS_ORDER = {"Person": 0, "Place": 1, "Weapon": 2, "Organisation": 3}


def shown_source(label: str, kind: str, anonymous: str) -> str:
    """A claimant as the page names it: an entity by its name, an unnamed source as such
    ("a senior official (unnamed)", "(anonymous)"), a claim with no stated source so."""
    if not kind:
        return label
    if kind == "unstated":
        return f"({label})"
    return f"{label} ({'anonymous' if anonymous == 'true' else 'unnamed'})"


@dataclass(frozen=True, slots=True)
class SourceShare:
    """One outlet's claims and how many rest on sources it does not name."""

    outlet: str
    claims: int
    unnamed: int  # an individual, a group or a document described, not named
    anonymous: int  # of those, the ones the text calls anonymous
    unstated: int  # no source stated at all

    @property
    def share(self) -> str:
        """The unnamed share as a percentage."""
        return f"{100 * self.unnamed / self.claims:.0f}%" if self.claims else ""


@dataclass(frozen=True, slots=True)
class Source:
    """Where a span is: document and character offsets."""

    document: str  # anchor of the document's row in the Provenance table
    name: str  # the document's identifier
    outlet: str
    begin: int
    end: int


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The sentence(s) a span came from, cut in three so that the middle can be marked, and
    every place that same text stands (wire copy repeats it word for word)."""

    before: str
    marked: str
    after: str
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One number a claim reports."""

    kind: str
    value: Decimal
    bound: str
    approximate: bool
    noun: str
    excerpts: tuple[Excerpt, ...]

    @property
    def shown(self) -> str:
        """The number as a reader says it: "about 400", "at least 63"."""
        value = self.value.normalize()
        number = f"{int(value):,}" if value == value.to_integral_value() else f"{value:,f}"
        return (
            ("about " if self.approximate and not self.bound else "")
            + _BOUNDS.get(self.bound, "")
            + number
        )


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim with its sources, figures and evidence."""

    anchor: str
    iri: str
    claimant: str
    content: str
    cue: str
    certainty: str
    polarity: str
    direct: bool
    medium: str
    date: str  # when it was made (kg:claimDate), else its earliest document's date
    outlets: tuple[str, ...]
    excerpts: tuple[Excerpt, ...]
    figures: tuple[FigureRow, ...] = ()
    revises: tuple[str, ...] = ()  # anchors of the claimant's earlier claims it replaces

    @property
    def shown(self) -> str:
        """The content, in quotation marks when it is a direct quote that lacks its own."""
        if self.direct and not self.content.startswith(('"', "“", "'", "‘", "«")):
            return f"“{self.content}”"
        return self.content

    @property
    def kinds(self) -> tuple[str, ...]:
        """What the claim's figures count."""
        return tuple(sorted({f.kind for f in self.figures}))


@dataclass(frozen=True, slots=True)
class Dispute:
    """One disputed quantity: the figures of one kind from claims that conflict."""

    kind: str
    about: tuple[str, ...]  # the entities the claims are most often about
    rows: tuple[tuple[FigureRow, ClaimRow], ...]

    @property
    def title(self) -> str:
        """What is counted, about what."""
        return self.kind + (f" — about {', '.join(self.about)}" if self.about else "")


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One entity with its spellings and reach."""

    label: str
    type: str
    variants: tuple[str, ...]
    outlets: int
    documents: int
    mentions: int
    qid: str
    also: tuple[str, ...] = ()  # its other classes


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One document in the Provenance table."""

    anchor: str
    identifier: str
    outlet: str
    published: str
    title: str
    claims: int
    mentions: int


def cut_excerpt(text: str, begin: int, end: int, *, anchor: str, name: str, outlet: str) -> Excerpt:
    """The sentence(s) around text[begin:end], at most CONTEXT characters each side."""
    start = max(0, begin - CONTEXT)
    for match in _SENTENCE_END.finditer(text, start, begin):
        start = match.end()
    stop = min(len(text), end + CONTEXT)
    found = _SENTENCE_END.search(text, end, stop)
    if found is not None:
        stop = found.start()
    before = ("…" if start > 0 and not text[start - 1].isspace() else "") + text[start:begin]
    after = text[end:stop] + ("…" if found is None and stop < len(text) else "")
    return Excerpt(
        before.lstrip(),
        text[begin:end],
        after.rstrip(),
        (Source(anchor, name, outlet, begin, end),),
    )


def merge_excerpts(excerpts: Iterable[Excerpt]) -> tuple[Excerpt, ...]:
    """One excerpt per distinct text, with the sources of all, in document order."""
    merged: dict[tuple[str, str, str], list[Source]] = defaultdict(list)
    for e in sorted(excerpts, key=lambda e: [(s.name, s.begin) for s in e.sources]):
        merged[(e.before, e.marked, e.after)].extend(e.sources)
    return tuple(Excerpt(*text, tuple(sources)) for text, sources in merged.items())


def arrange_claims(
    claims: Sequence[Row],
    figures: Sequence[Row],
    conflicts: Sequence[Row],
    evidence: Mapping[str, tuple[Excerpt, ...]],
) -> list[ClaimRow]:
    """One ClaimRow per claim from `claims-with-sources` rows (one per document stating it),
    with its `claim-figures`, its revisions from `claim-conflicts`, and the excerpts of each
    claim and quantity IRI."""
    by_claim: dict[str, list[Row]] = defaultdict(list)
    for r in claims:
        by_claim[r["claim"]].append(r)
    anchors = {iri: "c-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:10] for iri in by_claim}
    numbers: dict[str, list[FigureRow]] = defaultdict(list)
    for r in figures:
        numbers[r["claim"]].append(
            FigureRow(
                r["kind"],
                _decimal(r["value"]),
                r["bound"],
                r["approximate"] == "true",
                r["countedNoun"],
                evidence.get(r["quantity"], ()),
            )
        )
    revises: dict[str, list[str]] = defaultdict(list)
    for r in conflicts:
        if r["relation"] == "revises" and r["other"] in anchors:
            revises[r["claim"]].append(anchors[r["other"]])
    out = []
    for iri, rs in by_claim.items():
        first = rs[0]
        published = sorted(r["published"][:10] for r in rs if r["published"])
        out.append(
            ClaimRow(
                anchor=anchors[iri],
                iri=iri,
                claimant=shown_source(
                    first["claimant"], first.get("sourceKind", ""), first.get("anonymous", "")
                ),
                content=first["content"],
                cue=first["cue"],
                certainty=first["certainty"],
                polarity=first["polarity"],
                direct=first["directQuote"] == "true",
                medium=first["medium"],
                date=first["claimDate"][:10] or (published[0] if published else ""),
                outlets=tuple(sorted({r["outlet"] for r in rs}, key=str.casefold)),
                excerpts=evidence.get(iri, ()),
                figures=tuple(sorted(numbers.get(iri, ()), key=lambda f: (f.kind, f.value))),
                revises=tuple(sorted(revises.get(iri, ()))),
            )
        )
    return out


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal(0)


def find_disputes(
    claims: Sequence[ClaimRow], conflicts: Sequence[Row], about: Sequence[Row]
) -> tuple[tuple[Dispute, ...], set[tuple[str, str]]]:
    """Group conflicting claims by what their figures count: one dispute per kind and
    connected set of conflicts, those with most claimants first. Also returns the
    (claim IRI, kind) pairs the disputes hold."""
    by_iri = {c.iri: c for c in claims}
    topics: dict[str, set[str]] = defaultdict(set)
    events: dict[str, set[str]] = defaultdict(set)  # the event a claim reports, if any
    for r in about:
        (events if r.get("kind") == "event" else topics)[r["claim"]].add(r["label"])
    edges = [(r["claim"], r["other"]) for r in conflicts]
    disputes = []
    held: set[tuple[str, str]] = set()
    for kind in sorted({k for c in claims for k in c.kinds}):
        members = sorted(c.iri for c in claims if kind in c.kinds)
        for group in _components(members, edges):
            held.update((iri, kind) for iri in group)
            rows = sorted(
                ((f, by_iri[i]) for i in group for f in by_iri[i].figures if f.kind == kind),
                key=lambda fc: (fc[1].date or "~", fc[1].claimant.casefold(), fc[0].value),
            )
            # What the dispute is about: the event its claims report, else what they mention.
            common = Counter(label for i in group for label in events.get(i, ()))
            if not common:
                common = Counter(label for i in group for label in topics.get(i, ()))
            top = sorted(common.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))[:3]
            disputes.append(Dispute(kind, tuple(label for label, _ in top), tuple(rows)))
    disputes.sort(
        key=lambda d: (-len({c.claimant for _, c in d.rows}), -len(d.rows), d.kind, d.about)
    )
    return tuple(disputes), held


def _components(members: Sequence[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected sets of two or more members, joined by the edges between members."""
    index = {m: n for n, m in enumerate(members)}
    sets = UnionFind(len(members))
    for a, b in edges:
        if a in index and b in index:
            sets.union(index[a], index[b])
    return [[members[n] for n in g] for g in sets.groups().values() if len(g) > 1]


def arrange_entities(
    reach: Sequence[Row], variants: Sequence[Row], links: Sequence[Row], *, limit: int
) -> tuple[dict[str, tuple[EntityRow, ...]], dict[str, int]]:
    """Each entity once, from `entities-by-outlets`, `entity-variants` and `wikidata-ids`
    rows: per class, the `limit` reported by most outlets, and how many there are."""
    spellings: dict[str, set[str]] = defaultdict(set)
    for r in variants:
        spellings[r["entity"]].add(r["variant"])
    qids = {r["entity"]: r["qid"] for r in links}
    classes: dict[str, list[Row]] = defaultdict(list)
    for r in reach:
        classes[r["entity"]].append(r)
    by_type: dict[str, list[EntityRow]] = {t: [] for t in ENTITY_TYPES}
    for iri, rs in classes.items():
        types = sorted(
            (r["type"].removeprefix(_KG) for r in rs), key=lambda t: _CLASS_ORDER.get(t, 9)
        )
        first = rs[0]
        by_type.setdefault(types[0], []).append(
            EntityRow(
                first["label"],
                types[0],
                tuple(sorted(spellings.get(iri, set()) - {first["label"]}, key=str.casefold)),
                int(first["outlets"]),
                int(first["documents"]),
                int(first["mentions"]),
                qids.get(iri, ""),
                tuple(types[1:]),
            )
        )
    totals = {t: len(rows) for t, rows in by_type.items()}
    ranked = {
        t: tuple(sorted(rows, key=lambda e: (-e.outlets, -e.mentions, e.label.casefold()))[:limit])
        for t, rows in by_type.items()
    }
    return ranked, totals


def rank_by_count(pairs: Iterable[tuple[str, int]]) -> list[str]:
    """Names by their total count, largest first, then by name."""
    totals: Counter[str] = Counter()
    for name, count in pairs:
        totals[name] += count
    return [
        name for name, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))
    ]

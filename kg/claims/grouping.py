"""Claims across documents: one claim per statement, conflicts and revisions marked.

Two claims are the same statement when they have the same claimant (entity key) and either
report the same figure (kind and value) or nearly the same words (token-set similarity of
the contents at least `_SAME_TEXT`). A claim that gives two values for one kind (an outlet
garbling "63 then 89" into "89, raising the toll to 63") joins only a claim with the same
figures, so a misreport is never merged silently into the right one. Groups are closed
transitively and everything about a group (its key, its representative, the order of the
output) is computed from sorted data, so the result does not depend on the order of the input.

A claim is about the event its content reports (kg.events.anchoring found the trigger; the
resolved event's key is `Claim.event`); conflicts and revisions among the groups are marked
by kg.claims.conflicts.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

import numpy
from rapidfuzz import fuzz, process

from kg.claims.conflicts import mark_conflicts
from kg.claims.figures import Figures, clashes, figures_of, quantity_signature
from kg.core.model import Claim, Quantity
from kg.core.unionfind import UnionFind

__all__ = ["Triggers", "group_claims", "unnamed_key"]

_ARTICLES = {"a", "an", "the", "this", "that", "these", "those"}
_SAME_TEXT = 85.0  # rapidfuzz token_set_ratio, 0-100


# The event each trigger mention names: (doc_id, begin) -> Event.key.
Triggers = Mapping[tuple[str, int], str]


def group_claims(
    claims: Iterable[Claim],
    entity_of: Mapping[tuple[str, int], str],
    triggers: Triggers | None = None,
) -> tuple[Claim, ...]:
    """Join the claims of all documents into grouped claims with keys and conflicts."""
    items = sorted((_anchored(c, triggers or {}) for c in claims), key=_order)
    by_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (doc_id, begin), key in entity_of.items():
        by_doc[doc_id].append((begin, key))
    for spans in by_doc.values():
        spans.sort()
    claimants = [_claimant(c, entity_of) for c in items]

    sets = UnionFind(len(items))
    by_claimant: dict[str, list[int]] = defaultdict(list)
    for n, key in enumerate(claimants):
        by_claimant[key].append(n)
    for members in by_claimant.values():
        for a, b in _same_statement_pairs(members, items):
            sets.union(a, b)
    groups = sets.groups()

    grouped = [
        _merge([items[n] for n in members], claimants[members[0]], by_doc)
        for members in groups.values()
    ]
    grouped = mark_conflicts(grouped)
    return tuple(sorted(grouped, key=lambda c: c.key))


def _anchored(c: Claim, triggers: Triggers) -> Claim:
    """The claim with the event its anchoring trigger (kg.events.anchoring) was resolved into."""
    if c.trigger is None:
        return c
    event = triggers.get((c.content.doc_id, c.trigger), "")
    return replace(c, event=event) if event else c


def _order(c: Claim) -> tuple[str, int, int, str]:
    return (c.content.doc_id, c.content.begin, c.cue_span.begin, c.cue)


def _claimant(c: Claim, entity_of: Mapping[tuple[str, int], str]) -> str:
    m = c.claimant_mention
    if m is None:
        return unnamed_key(c)
    key = entity_of.get((m.doc_id, m.begin))
    # A mention the resolver did not see keeps a key of its own words, never another's.
    return key if key is not None else f"unresolved:{m.type}:{m.text.lower()}"


def unnamed_key(c: Claim) -> str:
    """The claimant key of a claim whose source is unnamed: one per description in one
    document (the same words in two outlets are not the same source), one per claim for a
    source the text does not state."""
    u = c.unnamed
    if u is None:
        return f"unstated:{c.content.doc_id}:{c.content.begin}"
    if u.kind == "unstated":
        return f"unstated:{u.span.doc_id}:{u.span.begin}:{c.content.begin}"
    words = _words(u.label).split()
    if words[:1] and words[0] in _ARTICLES:
        words = words[1:]
    return f"unnamed:{u.span.doc_id}:{u.kind}:{' '.join(words)}"


def _same_statement(a: Claim, b: Claim) -> bool:
    """Whether two claims of one claimant are the same statement: the definition pair by
    pair, which `_same_statement_pairs` applies without comparing every pair (the tests
    hold the two to the same groups)."""
    if a.quantities and b.quantities:
        return _same_figures(figures_of(a.quantities), figures_of(b.quantities))
    a_words, b_words = _words(a.content.text), _words(b.content.text)
    return _same_numerals(a_words, b_words) and fuzz.token_set_ratio(a_words, b_words) >= _SAME_TEXT


def _same_numerals(a: str, b: str) -> bool:
    """Whether the numbers written in two wordings agree, one's being among the other's: "58%
    of Americans disapprove" is not "61 percent of Americans disapprove", read as a figure
    or not."""
    x = {w for w in a.split() if w[0].isdigit()}
    y = {w for w in b.split() if w[0].isdigit()}
    return x <= y or y <= x


def _same_figures(a: Figures, b: Figures) -> bool:
    """`_same_statement` of two claims with figures."""
    if a.inconsistent or b.inconsistent:
        # "killed 89, raising the toll to 63": a garbled report joins no other claim on
        # one shared figure; it stays apart and shows up in conflicts.
        return a.signatures == b.signatures
    return bool(a.signatures & b.signatures) and not clashes(a, b)


def _same_statement_pairs(members: list[int], items: Sequence[Claim]) -> Iterator[tuple[int, int]]:
    """Pairs of one claimant's claims (indexes into `items`) that are the same statement.

    The union of these pairs closes to the same groups as testing every pair with
    `_same_statement`, without comparing every pair: a corpus repeats one wire story in
    hundreds of outlets, and a claimant's claims grow with it. Claims with figures are
    compared only when they share a figure, once per distinct set of figures; contents once
    per distinct wording, the wordings of claims without figures against all, vectorised.
    """
    # Figures against figures: the outcome depends on the quantities alone.
    by_figures: dict[frozenset[tuple[str, Decimal, str, bool]], list[int]] = defaultdict(list)
    for n in members:
        if items[n].quantities:
            by_figures[frozenset(_full_signature(q) for q in items[n].quantities)].append(n)
    figure_sets = sorted(by_figures.values())
    figures = [figures_of(items[group[0]].quantities) for group in figure_sets]
    by_signature: dict[tuple[str, Decimal], list[int]] = defaultdict(list)
    for f, group in enumerate(figure_sets):
        if len(group) > 1 and _same_figures(figures[f], figures[f]):
            yield from ((group[0], n) for n in group[1:])
        for signature in figures[f].signatures:
            by_signature[signature].append(f)
    tested: set[tuple[int, int]] = set()
    spread: set[int] = set()  # figure sets whose members are joined to their first already
    for sets in by_signature.values():
        for x, f in enumerate(sets):
            for g in sets[x + 1 :]:
                if (f, g) in tested:
                    continue
                tested.add((f, g))
                if _same_figures(figures[f], figures[g]):
                    for h in (f, g):
                        if h not in spread:
                            spread.add(h)
                            yield from ((figure_sets[h][0], n) for n in figure_sets[h][1:])
                    yield figure_sets[f][0], figure_sets[g][0]
    # Wordings: a claim without figures joins any claim whose content reads nearly the same.
    by_words: dict[str, list[int]] = defaultdict(list)
    for n in members:
        by_words[_words(items[n].content.text)].append(n)
    wordings = sorted(by_words)
    if not wordings:
        return
    bare = [[n for n in by_words[w] if not items[n].quantities] for w in wordings]
    for i, j in _similar_pairs(wordings, [i for i, claims in enumerate(bare) if claims]):
        if not _same_numerals(wordings[i], wordings[j]):
            continue
        # Every pair of bare[i] x (bare[j] + figured[j]) is the same statement, and the other
        # way round: joining each side to the first bare claim closes to the same groups
        # with pairs linear in the claims (one wording is repeated by hundreds of outlets).
        for one, other in ((i, j), (j, i)) if i != j else ((i, j),):
            if bare[one]:
                first = bare[one][0]
                yield from ((first, n) for n in bare[one][1:])
                yield from ((first, m) for m in by_words[wordings[other]] if m != first)


def _similar_pairs(
    texts: Sequence[str], wanted: Sequence[int], rows: int = 1024
) -> list[tuple[int, int]]:
    """(i, j), i <= j, sorted, of texts whose token-set similarity reaches `_SAME_TEXT`, where
    text i or j is one of `wanted` (the wordings of claims without figures: only a pair with
    one of them joins claims). The wanted texts are scored against all, not all against all:
    a claimant's figures vary its wordings by the thousand, its bare claims have a few.
    """
    found: set[tuple[int, int]] = set()
    for start in range(0, len(wanted), rows):
        block = wanted[start : start + rows]
        scores = process.cdist(
            [texts[i] for i in block],
            texts,
            scorer=fuzz.token_set_ratio,
            score_cutoff=_SAME_TEXT,
            dtype=numpy.float32,
            workers=-1,
        )  # threads without the GIL: the other cores idle in this stage
        for r, j in zip(*numpy.nonzero(scores), strict=True):
            i, j = block[r], int(j)
            found.add((i, j) if i <= j else (j, i))
    return sorted(found)


def _full_signature(q: Quantity) -> tuple[str, Decimal, str, bool]:
    return q.kind, q.value.normalize(), q.bound, q.approximate


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _merge(
    members: list[Claim], claimant: str, by_doc: Mapping[str, list[tuple[int, str]]]
) -> Claim:
    members.sort(key=_order)
    first = members[0]
    about = sorted({key for c in members for key in _about(c, by_doc)} - {claimant})
    # One figure, one quantity: "nearly 400" in one outlet and "about 400" in another are
    # the same figure, with the qualifier the first document gives it.
    quantities: dict[tuple[str, Decimal], Quantity] = {}
    for c in members:
        for q in c.quantities:
            quantities.setdefault(quantity_signature(q), q)
    evidence = tuple(sorted({c.content for c in members}, key=lambda s: (s.doc_id, s.begin, s.end)))
    return replace(
        first,
        claimant=claimant,
        about=tuple(about),
        stated_in=tuple(sorted({c.content.doc_id for c in members})),
        evidence=evidence,
        quantities=tuple(quantities.values()),
        prior=all(c.prior for c in members),
        date=min((c.date for c in members if c.date), default=""),
        claimant_role=next((c.claimant_role for c in members if c.claimant_role), ""),
        affiliation=next((a for a in (_affiliation(c, by_doc) for c in members) if a), ""),
        key=_key(claimant, first, list(quantities.values())),
        event=_majority(c.event for c in members),
        conflicts_with=(),
        revises=(),
    )


def _majority(events: Iterable[str]) -> str:
    """The event most of a group's members report (the smallest key of the most)."""
    counts = Counter(e for e in events if e)
    return min(counts, key=lambda e: (-counts[e], e)) if counts else ""


def _affiliation(c: Claim, by_doc: Mapping[str, list[tuple[int, str]]]) -> str:
    m = c.claimant_affiliation
    if m is None and c.unnamed is not None:
        m = c.unnamed.affiliation
    if m is None:
        return ""
    return next(iter(_keys_within(by_doc.get(m.doc_id, []), m.begin, m.begin + 1)), "")


def _about(c: Claim, by_doc: Mapping[str, list[tuple[int, str]]]) -> list[str]:
    return _keys_within(by_doc.get(c.content.doc_id, []), c.content.begin, c.content.end)


def _keys_within(spans: list[tuple[int, str]], begin: int, end: int) -> list[str]:
    """The keys of the (begin, key) spans, sorted, that begin in [begin, end): found by
    bisection (a document has hundreds of mentions, each of its claims looked at them all)."""
    return [
        key
        for _, key in spans[bisect.bisect_left(spans, (begin,)) : bisect.bisect_left(spans, (end,))]
    ]


def _key(claimant: str, first: Claim, quantities: Sequence[Quantity]) -> str:
    if quantities:
        what = ";".join(sorted({f"{q.kind}={q.value.normalize():f}" for q in quantities}))
    else:
        words = _words(first.content.text)
        what = hashlib.sha256(words.encode("utf-8")).hexdigest()[:16] + ":" + words[:60]
    return f"{claimant}|{what}"

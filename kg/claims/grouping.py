"""Claims across documents: one claim per statement, conflicts and revisions marked.

Two claims are the same statement when they have the same claimant (entity key) and either
report the same figure (kind and value) or nearly the same words (token-set similarity of
the contents at least `_SAME_TEXT`). A claim that gives two values for one kind (an outlet
garbling "63 then 89" into "89, raising the toll to 63") joins only a claim with the same
figures, so a misreport is never merged silently into the right one. Groups are closed
transitively and everything about a group (its key, its representative, the order of the
output) is computed from sorted data, so the result does not depend on the order of the input.

A claim is about the event its content reports (kg.events.anchoring found the trigger; the
resolved event's key is `Claim.event`). Two
groups conflict when they are about the same event and report the same kind of quantity with
values no reading of the bounds can reconcile ("about 400" and "89"; "63" and "89"); claims
about no event, or about two, never conflict (a war's toll "since the invasion" and one
strike's). Counts more than ten times apart are taken to be of different scope and do not
conflict either. A conflict between two claims of one claimant is also a revision: the claim the
text presents as earlier (`prior`, or an earlier date) is revised by the other (`revises`).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

import numpy
from rapidfuzz import fuzz, process

from kg.core.model import Claim, Quantity
from kg.core.unionfind import UnionFind

__all__ = [
    "Figures",
    "Triggers",
    "clashing_kinds",
    "figures_of",
    "group_claims",
    "is_compatible",
    "rival_figures",
    "unnamed_key",
]

_ARTICLES = {"a", "an", "the", "this", "that", "these", "those"}
_SAME_TEXT = 85.0  # rapidfuzz token_set_ratio, 0-100
_SCOPE = Decimal(10)  # counts further apart than this factor are of different scope
_APPROX = Decimal("0.2")  # an approximate value may be off by this fraction
_Interval = tuple[Decimal, Decimal | None, bool, bool]  # see _interval


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
    grouped = _mark_conflicts(grouped)
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


def _quantity_signature(q: Quantity) -> tuple[str, Decimal]:
    return q.kind, q.value.normalize()


class Figures(NamedTuple):
    """What the comparisons read of a claim's quantities, worked out once per claim (the
    pairs to compare grow with the corpus; a claim's figures do not)."""

    signatures: frozenset[tuple[str, Decimal]]  # _quantity_signature of each
    inconsistent: bool  # two values for one kind (_self_inconsistent)
    spans: tuple[tuple[str, Decimal, _Interval], ...]  # kind, value and _interval of each


def figures_of(quantities: Sequence[Quantity]) -> Figures:
    signatures = frozenset(_quantity_signature(q) for q in quantities)
    return Figures(
        signatures,
        _self_inconsistent(signatures),
        tuple((q.kind, q.value, _interval(q)) for q in quantities),
    )


def _same_statement(a: Claim, b: Claim) -> bool:
    """Whether two claims of one claimant are the same statement: the definition pair by
    pair, which `_same_statement_pairs` applies without comparing every pair (the tests
    hold the two to the same groups)."""
    if a.quantities and b.quantities:
        return _same_figures(figures_of(a.quantities), figures_of(b.quantities))
    return fuzz.token_set_ratio(_words(a.content.text), _words(b.content.text)) >= _SAME_TEXT


def _same_figures(a: Figures, b: Figures) -> bool:
    """`_same_statement` of two claims with figures."""
    if a.inconsistent or b.inconsistent:
        # "killed 89, raising the toll to 63": a garbled report joins no other claim on
        # one shared figure; it stays apart and shows up in conflicts.
        return a.signatures == b.signatures
    return bool(a.signatures & b.signatures) and not _clashes(a, b)


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


def _self_inconsistent(signatures: frozenset[tuple[str, Decimal]]) -> bool:
    """Whether a claim gives two different values for one kind."""
    kinds = [kind for kind, _ in signatures]
    return len(kinds) != len(set(kinds))


def _clashes(a: Figures, b: Figures) -> bool:
    """Whether two claims give incompatible values for a kind both report."""
    return any(
        kind == other and not _compatible(x, y) for kind, _, x in a.spans for other, _, y in b.spans
    )


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
            quantities.setdefault(_quantity_signature(q), q)
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


def _interval(q: Quantity) -> _Interval:
    """(low, high or None for unbounded, low open, high open)."""
    v = q.value
    slack = v * _APPROX if q.approximate else Decimal(0)
    if q.bound == "atLeast":
        return v - slack, None, False, False
    if q.bound == "moreThan":
        return v - slack, None, not q.approximate, False
    if q.bound == "atMost":
        return v - slack if q.approximate else Decimal(0), v, False, False
    if q.bound == "lessThan":
        return Decimal(0), v, False, not q.approximate
    return v - slack, v + slack, False, False


def is_compatible(a: Quantity, b: Quantity) -> bool:
    """Whether one number could be true when the other is (bounds and approximations read)."""
    return _compatible(_interval(a), _interval(b))


def _compatible(a: _Interval, b: _Interval) -> bool:
    lo_a, hi_a, lo_open_a, hi_open_a = a
    lo_b, hi_b, lo_open_b, hi_open_b = b
    if hi_a is not None and (lo_b > hi_a or (lo_b == hi_a and (lo_open_b or hi_open_a))):
        return False
    return not (hi_b is not None and (lo_a > hi_b or (lo_a == hi_b and (lo_open_a or hi_open_b))))


def _same_scope(a: Decimal, b: Decimal) -> bool:
    small, large = (a, b) if a <= b else (b, a)
    return small > 0 and large <= small * _SCOPE


_Stated = tuple[str, Figures]  # an event, and figures that claims about it give


def _mark_conflicts(claims: list[Claim]) -> list[Claim]:
    """Every claim's conflicts and revisions. Claims about one event that give the same
    figures clash with the same others, so each distinct (event, figures) is compared with
    the others sharing a kind of figure, not each pair of claims: an event reported in
    thousands of articles has thousands of claims but few distinct figures."""
    claims.sort(key=lambda c: c.key)
    holders: dict[_Stated, list[int]] = defaultdict(list)  # in key order
    for n, c in enumerate(claims):
        if c.event and c.quantities:
            holders[c.event, figures_of(c.quantities)].append(n)
    rivals = rival_figures(holders)
    # one tuple for every claim giving the same figures (shared, not copied per claim);
    # figures that clash with themselves ("63, then 89") put each such claim against the rest
    conflicts = {
        stated: tuple(sorted(claims[m].key for other in rivals[stated] for m in holders[other]))
        for stated in holders
        if stated in rivals
    }
    revises: dict[int, set[str]] = defaultdict(set)
    own: dict[tuple[str, str], dict[Figures, list[int]]] = defaultdict(dict)
    for (event, figures), members in holders.items():
        for n in members:
            own[event, claims[n].claimant].setdefault(figures, []).append(n)
    for (event, _), given in own.items():
        for figures, members in given.items():
            for _, other in rivals.get((event, figures), ()):
                for a in members:
                    for b in given.get(other, ()):
                        older, newer = _older_newer(claims[a], claims[b])
                        if older is not None and newer is not None:
                            revises[b if newer is claims[b] else a].add(older.key)
    against: list[tuple[str, ...]] = [()] * len(claims)
    for stated, members in holders.items():
        rival = conflicts.get(stated, ())
        for n in members:
            against[n] = rival
            if stated in rivals.get(stated, ()):
                against[n] = tuple(k for k in rival if k != claims[n].key)
    return [
        replace(c, conflicts_with=against[n], revises=tuple(sorted(revises[n])))
        for n, c in enumerate(claims)
    ]


def rival_figures(stated: Iterable[_Stated]) -> dict[_Stated, list[_Stated]]:
    """For each (event, figures), the others about the same event that clash with it on
    some kind of figure (`clashing_kinds`), found through an index on (event, kind)."""
    items = list(stated)
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, (event, figures) in enumerate(items):
        for kind in dict.fromkeys(kind for kind, _, _ in figures.spans):
            buckets[event, kind].append(n)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for i, x in enumerate(members):
            pairs.update((x, y) for y in members[i + 1 :])
    rivals: dict[_Stated, list[_Stated]] = defaultdict(list)
    for item in items:
        if clashing_kinds(item[1], item[1]):
            rivals[item].append(item)
    for x, y in sorted(pairs):
        if clashing_kinds(items[x][1], items[y][1]):
            rivals[items[x]].append(items[y])
            rivals[items[y]].append(items[x])
    return rivals


class _Traits(NamedTuple):
    """What `_conflict` reads of a claim."""

    figures: Figures
    event: str


def _traits(c: Claim) -> _Traits:
    return _Traits(figures_of(c.quantities), c.event)


def _conflict(a: Claim, b: Claim) -> bool:
    """Whether two grouped claims conflict, pair by pair (the definition `_mark_conflicts`
    applies by distinct figures; the tests compare every pair here)."""
    return _conflicting(a.key, _traits(a), b.key, _traits(b))


def _conflicting(key_a: str, a: _Traits, key_b: str, b: _Traits) -> bool:
    if key_a == key_b or not a.event or a.event != b.event:
        return False
    return bool(clashing_kinds(a.figures, b.figures))


def clashing_kinds(a: Figures, b: Figures) -> set[str]:
    """The kinds of which two claims give figures no reading of the bounds reconciles."""
    return {
        kind
        for kind, v, x in a.spans
        for other, w, y in b.spans
        if kind == other and _same_scope(v, w) and not _compatible(x, y)
    }


def _older_newer(a: Claim, b: Claim) -> tuple[Claim | None, Claim | None]:
    if a.date and b.date and a.date != b.date:
        return (a, b) if a.date < b.date else (b, a)
    if a.prior != b.prior:
        return (a, b) if a.prior else (b, a)
    return None, None

"""Conflicts and revisions among grouped claims (kg.claims.grouping).

Two claims conflict when they are about the same event and report the same kind of
quantity with values no reading of the bounds can reconcile (kg.claims.figures); claims
about no event, or about two, never conflict (a war's toll "since the invasion" and one
strike's). A conflict between two claims of one claimant is also a revision: the claim
the text presents as earlier (`prior`, or an earlier date) is revised by the other
(`revises`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from kg.claims.figures import Figures, base_kind, clashing_kinds, figures_of
from kg.core.model import Claim

__all__ = ["mark_conflicts", "rival_figures"]

_Stated = tuple[str, Figures]  # an event, and figures that claims about it give


def mark_conflicts(claims: list[Claim]) -> list[Claim]:
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
    against: list[tuple[str, ...]] = [()] * len(claims)
    for stated, others in rivals.items():
        rival = tuple(sorted(claims[m].key for other in others for m in holders[other]))
        for n in holders[stated]:
            against[n] = rival
            if stated in others:
                against[n] = tuple(k for k in rival if k != claims[n].key)
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
        for kind in dict.fromkeys(base_kind(kind) for kind, _, _ in figures.spans):
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


def _conflict(a: Claim, b: Claim) -> bool:
    """Whether two grouped claims conflict, pair by pair (the definition `mark_conflicts`
    applies by distinct figures; the tests compare every pair here)."""
    if a.key == b.key or not a.event or a.event != b.event:
        return False
    return bool(clashing_kinds(figures_of(a.quantities), figures_of(b.quantities)))


def _older_newer(a: Claim, b: Claim) -> tuple[Claim | None, Claim | None]:
    if a.date and b.date and a.date != b.date:
        return (a, b) if a.date < b.date else (b, a)
    if a.prior != b.prior:
        return (a, b) if a.prior else (b, a)
    return None, None

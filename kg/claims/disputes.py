"""Disputes: one node per event and kind of figure that the claims about it disagree on.

Pairwise conflicts grow with the square of the claims about an event (every outlet's figure
against every other's); a dispute names the event, the kind of figure and every claim about
the event that gives one, so the graph grows with the claims. Which pairs disagree stays
computable from the claims' own figures (the saved query `conflicting-claims`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from kg.claims.conflicts import rival_figures
from kg.claims.figures import Figures, clashing_kinds, figures_of
from kg.core.model import Claim, Dispute

__all__ = ["find_disputes"]


def find_disputes(claims: Sequence[Claim]) -> tuple[Dispute, ...]:
    """The disputes among grouped claims, in key order: each (event, kind) on which two of
    them give figures that clash, compared by distinct figures (`rival_figures`)."""
    holders: Counter[tuple[str, Figures]] = Counter(
        (c.event, figures_of(c.quantities)) for c in claims if c.event and c.quantities
    )
    disputed: set[tuple[str, str]] = set()
    for (event, figures), others in rival_figures(holders).items():
        for _, other in others:
            if other != figures or holders[event, figures] > 1:
                disputed.update((event, kind) for kind in clashing_kinds(figures, other))
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)  # the groups an event's
    for c in claims:  # figures of a kind count ("militant", "civilian")
        for q in c.quantities if c.event else ():
            if q.group:
                groups[c.event, q.kind].add(q.group)
    # Where they count one group at most, one dispute holds every figure of the kind ("63
    # servicemen", "89 killed"); else each group's is apart ("killed|civilian"), with the
    # counts of everyone, which are disputed among themselves too ("killed").
    nodes: set[tuple[str, str, str]] = set()
    for event, compared in disputed:
        kind, _, group = compared.partition("|")
        counted = groups[event, kind]
        nodes.add((event, kind, group if len(counted) > 1 else min(counted, default="")))
    members: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for c in claims:
        for q in c.quantities if c.event else ():
            for group in {q.group, ""} if q.group else groups[c.event, q.kind] | {""}:
                if (c.event, q.kind, group) in nodes:
                    members[c.event, q.kind, group].add(c.key)
    return tuple(
        Dispute(
            f"{event}|{kind}|{group}"
            if len(groups[event, kind]) > 1 and group
            else f"{event}|{kind}",
            event,
            kind,
            tuple(sorted(members[event, kind, group])),
            group,
        )
        for event, kind, group in sorted(nodes)
    )

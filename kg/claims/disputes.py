"""Disputes: one node per event and kind of figure that the claims about it disagree on.

Pairwise conflicts grow with the square of the claims about an event (every outlet's figure
against every other's); a dispute names the event, the kind of figure and every claim about
the event that gives one, so the graph grows with the claims. Which pairs disagree stays
computable from the claims' own figures (the saved query `conflicting-claims`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kg.claims.grouping import clashing_kinds, figures_of
from kg.core.model import Claim, Dispute

__all__ = ["find_disputes"]


def find_disputes(claims: Sequence[Claim]) -> tuple[Dispute, ...]:
    """The disputes among grouped claims (their `conflicts_with` marked), in key order."""
    by_key = {c.key: c for c in claims}
    figures = {c.key: figures_of(c.quantities) for c in claims if c.conflicts_with}
    disputed: set[tuple[str, str]] = set()
    for c in claims:
        for other in c.conflicts_with:
            if c.key < other and other in by_key:
                for kind in clashing_kinds(figures[c.key], figures[other]):
                    disputed.add((c.event, kind))
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in claims:
        if c.event:
            for q in c.quantities:
                if (c.event, q.kind) in disputed:
                    members[c.event, q.kind].add(c.key)
    return tuple(
        Dispute(f"{event}|{kind}", event, kind, tuple(sorted(members[event, kind])))
        for event, kind in sorted(disputed)
    )

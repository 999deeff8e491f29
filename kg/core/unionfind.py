"""Disjoint sets over the indices 0..n-1: the one union-find every stage joins things with."""

from __future__ import annotations

from collections import defaultdict

__all__ = ["UnionFind"]


class UnionFind:
    """Disjoint sets over indices; of two joined sets, the smaller root stays the root."""

    def __init__(self, size: int = 0) -> None:
        self.parent = list(range(size))

    def add(self) -> int:
        """Add a set of one new index and return the index."""
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, i: int) -> int:
        """The root of the set holding i (halving the path on the way)."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> tuple[int, int] | None:
        """Join the sets of a and b; return (kept root, absorbed root), None if already one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        self.parent[gone] = keep
        return keep, gone

    def groups(self) -> dict[int, list[int]]:
        """Each root with its members in index order (roots in order of their first member)."""
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return dict(out)

"""Coreference metrics: MUC, B-cubed, CEAF-e and the CoNLL F1, as the CoNLL-2012 reference
scorer computes them (mentions that one side lacks count against the other)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["Cluster", "Score", "b_cubed", "ceaf_e", "conll_f1", "max_assignment", "muc"]

M = TypeVar("M", bound=Hashable)
Cluster = frozenset  # a set of mentions


@dataclass(frozen=True, slots=True)
class Score:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 0.0 if total == 0 else 2 * self.recall * self.precision / total


def muc(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> Score:
    """MUC (Vilain et al. 1995): links kept, counted per partition of each cluster."""
    return Score(_muc_recall(key, response), _muc_recall(response, key))


def _muc_recall(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> float:
    where = {m: n for n, cluster in enumerate(response) for m in cluster}
    numerator = denominator = 0
    for cluster in key:
        parts = {where.get(m, ("alone", m)) for m in cluster}
        numerator += len(cluster) - len(parts)
        denominator += len(cluster) - 1
    return numerator / denominator if denominator else 0.0


def b_cubed(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> Score:
    """B-cubed (Bagga and Baldwin 1998), as the CoNLL reference scorer computes it."""
    return Score(_b_cubed_recall(key, response), _b_cubed_recall(response, key))


def _b_cubed_recall(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> float:
    where = {m: n for n, cluster in enumerate(response) for m in cluster}
    total = sum(len(c) for c in key)
    if total == 0:
        return 0.0
    score = 0.0
    for cluster in key:
        overlaps: dict[int, int] = defaultdict(int)
        for m in cluster:
            if m in where:
                overlaps[where[m]] += 1
        score += sum(n * n for n in overlaps.values()) / len(cluster)
    return score / total


def ceaf_e(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> Score:
    """Entity-based CEAF (Luo 2005) with phi4 = 2|K∩R| / (|K| + |R|)."""
    if not key or not response:
        return Score(0.0, 0.0)
    weights = [[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key]
    total = sum(weights[i][j] for i, j in max_assignment(weights))
    return Score(total / len(key), total / len(response))


def conll_f1(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> float:
    """The CoNLL-2012 score: the mean of the MUC, B-cubed and CEAF-e F1."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3


def max_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Rows matched to columns maximising the total weight (Kuhn-Munkres, O(n^3))."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if rows == 0 or cols == 0:
        return []
    if rows > cols:
        transposed = [[weights[i][j] for i in range(rows)] for j in range(cols)]
        return sorted((i, j) for j, i in max_assignment(transposed))
    # Hungarian algorithm with potentials on a rows <= cols cost matrix (minimise -weight).
    inf = float("inf")
    u = [0.0] * (rows + 1)
    v = [0.0] * (cols + 1)
    match = [0] * (cols + 1)  # match[j] = row (1-based) assigned to column j
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, cols + 1):
                if used[j]:
                    continue
                cur = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sorted((match[j] - 1, j - 1) for j in range(1, cols + 1) if match[j])

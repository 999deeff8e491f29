"""The company an entity keeps: which other entities the documents that name it also name.

Used to tell which of several people a bare surname means across documents: "Hansbrough"
in an article that also names a basketball team and its coach is the player named beside
the same team elsewhere, not his father. Entities named in many documents say little (a
country, a capital): each shared neighbour counts by how rare it is, log(N / df), as in
retrieval. Documents per cluster are kept up to date as clusters join.
"""

from __future__ import annotations

import math
from collections import defaultdict

from kg.entities.identity import Clusters

__all__ = ["Context"]


class Context:
    """Documents per cluster and entities per document, for shared-context scores."""

    def __init__(self, clusters: Clusters) -> None:
        self.clusters = clusters
        self.docs: dict[int, set[str]] = defaultdict(set)
        self.in_doc: dict[str, list[int]] = defaultdict(list)
        for i, entity in enumerate(clusters.entities):
            ids = {m.doc_id for m in entity.mentions}
            self.docs[clusters.find(i)] |= ids
            for doc_id in ids:
                self.in_doc[doc_id].append(i)
        self.n_docs = max(1, len(self.in_doc))

    def joined(self, a: int, b: int) -> None:
        """Record that the clusters rooted at a and b are now one."""
        docs = self.docs.pop(a, set()) | self.docs.pop(b, set())
        self.docs[self.clusters.find(a)] = docs

    def neighbours(self, root: int) -> set[int]:
        """The roots of the other clusters named in the documents of `root`."""
        found = {self.clusters.find(i) for d in self.docs.get(root, ()) for i in self.in_doc[d]}
        found.discard(root)
        return found

    def shared(self, root: int, other: int, neighbours: set[int]) -> float:
        """How much company `root` (whose neighbours are given) shares with `other`: the
        rarity-weighted count of its neighbours that also appear beside `other`."""
        # The other's own documents, not those they share: a neighbour in the very document
        # of `root` says nothing about which candidate it is.
        elsewhere = self.docs.get(other, set()) - self.docs.get(root, set())
        score = 0.0
        for n in neighbours:
            theirs = self.docs.get(n, set())
            if n != other and not theirs.isdisjoint(elsewhere):
                score += math.log(self.n_docs / len(theirs))
        return score

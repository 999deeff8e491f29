"""The company an entity keeps: which other entities the documents that name it also name.

Used to tell which of several people a bare surname means across documents: "Kade"
in an article that also names a city hall and its council is the mayor named beside them
elsewhere, not her cousin. Entities named in many documents say little (a
country, a capital): each shared neighbour counts by how rare it is, log(N / df), as in
retrieval.

Neighbours are the clusters as they stood when the Context was made (after the shared-key
pass). A candidate's neighbour counts are worked out once and updated as clusters join, so
a bare surname costs the size of its own documents, not of its candidates' (one person
named in thousands of documents).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from kg.entities.identity import Clusters

__all__ = ["Context"]


class Context:
    """Documents per cluster and clusters per document, for shared-context scores."""

    def __init__(self, clusters: Clusters) -> None:
        self.clusters = clusters
        self.docs: dict[int, set[str]] = defaultdict(set)  # current root -> its documents
        self.in_doc: dict[str, set[int]] = defaultdict(set)  # document -> clusters (as made)
        self.first: dict[int, set[int]] = defaultdict(set)  # current root -> clusters (as made)
        for i, entity in enumerate(clusters.entities):
            root = clusters.find(i)
            self.first[root].add(root)
            for m in entity.mentions:
                self.docs[root].add(m.doc_id)
                self.in_doc[m.doc_id].add(root)
        self.df = Counter(c for members in self.in_doc.values() for c in members)
        self.n_docs = max(1, len(self.in_doc))
        self._counts: dict[int, Counter[int]] = {}

    def joined(self, a: int, b: int) -> None:
        """Record that the clusters rooted at a and b are now one."""
        root = self.clusters.find(a)
        counts = None
        if a in self._counts or b in self._counts:
            big, small = sorted((self._neighbour_counts(a), self._neighbour_counts(b)), key=len)[
                ::-1
            ]
            big.update(small)  # in place: the larger is the one kept (a cluster of thousands)
            counts = big
        for r in (a, b):
            self._counts.pop(r, None)
        self.docs[root] = self.docs.pop(a, set()) | self.docs.pop(b, set())
        self.first[root] = self.first.pop(a, set()) | self.first.pop(b, set())
        if counts is not None:
            self._counts[root] = counts

    def _neighbour_counts(self, root: int) -> Counter[int]:
        """In how many of the documents of `root` each cluster (as made) is named."""
        if root not in self._counts:
            self._counts[root] = Counter(c for d in self.docs.get(root, ()) for c in self.in_doc[d])
        return self._counts[root]

    def shared(self, root: int, others: list[int]) -> list[float]:
        """How much company `root` shares with each of `others`: the rarity-weighted count
        of the clusters named beside `root` that are also named beside the other in
        documents of its own (a neighbour in a document of `root` says nothing about which
        it is)."""
        mine = self.docs.get(root, set())
        neighbours = {c for d in mine for c in self.in_doc[d]} - self.first.get(root, set())
        weights = {c: math.log(self.n_docs / self.df[c]) for c in neighbours}
        scores = []
        for other in others:
            both = mine & self.docs.get(other, set())
            counts = self._neighbour_counts(other)
            own = self.first.get(other, set())
            score = 0.0
            for c, weight in weights.items():
                if c in own or not counts[c]:
                    continue
                if counts[c] - sum(1 for d in both if c in self.in_doc[d]) > 0:
                    score += weight
            scores.append(score)
        return scores

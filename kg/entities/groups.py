"""The groups of one document's mentions while within-document grouping joins them.

A union-find over mention indices that remembers why groups were joined (the Merge
evidence), which type a join proved, and two indexes kept up to date as mentions are
added, so that the joining rules look mentions up by key instead of scanning them all: the
name mention at a token range, and which tokens some mention already covers.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from kg.core.model import EntityType, Mention, Merge
from kg.core.unionfind import UnionFind

__all__ = ["CONFIDENCE", "MentionGroups"]

CONFIDENCE = {
    "exact-name": 0.99,
    "gazetteer": 0.95,
    "acronym": 0.95,
    "org-form": 0.9,
    "place-alias": 0.85,
    "alias": 0.85,
    "full-name": 0.9,
    "surname": 0.85,
    "surname-nearest": 0.75,
    "given-name": 0.75,
    "middle-name": 0.7,
    "unqualified-body": 0.8,
    "place-qualified": 0.8,
    "name-without-head": 0.8,
    "acronym-initials": 0.8,
    "description": 0.75,
    "weapon-system": 0.95,
    "weapon-tie": 0.8,
    "weapon-anaphor": 0.7,
    "weapon-class": 0.6,
}


class MentionGroups(UnionFind):
    """Union-find over mention indices, remembering why groups were joined."""

    def __init__(self, mentions: Sequence[Mention], n_tokens: int) -> None:
        super().__init__(len(mentions))
        self.mentions = list(mentions)
        self.merges: dict[int, list[Merge]] = defaultdict(list)
        self.forced: dict[int, EntityType] = {}
        self._at: dict[tuple[int, int], int] = {}
        self._taken = bytearray(n_tokens + 1)
        for i, m in enumerate(self.mentions):
            self._index(i, m)

    def _index(self, i: int, m: Mention) -> None:
        if m.antecedent is None:
            self._at.setdefault((m.start, m.end_token), i)
        self._taken[m.start : m.end_token] = b"\x01" * max(0, m.end_token - m.start)

    def add_mention(self, mention: Mention) -> int:
        self.mentions.append(mention)
        i = self.add()
        self._index(i, mention)
        return i

    def refer(self, i: int, antecedent: int) -> None:
        """Make mention i a reference to the mention at begin offset `antecedent` (a short
        form of its name, not a name of its own: kg.core.model.Mention.antecedent)."""
        m = self.mentions[i]
        if self._at.get((m.start, m.end_token)) == i:
            del self._at[(m.start, m.end_token)]
        self.mentions[i] = dataclasses.replace(m, antecedent=antecedent)

    def mention_at(self, start: int, end: int) -> int | None:
        """The name mention (not a description) covering exactly tokens [start, end)."""
        return self._at.get((start, end))

    def is_free(self, start: int, end: int) -> bool:
        """True when no mention covers any token of [start, end)."""
        return not any(self._taken[start:end])

    def name_indices(self) -> list[int]:
        """Indices of the mentions that are names, not descriptions or anaphors."""
        return [i for i, m in enumerate(self.mentions) if m.antecedent is None]

    def prove(self, i: int, etype: EntityType) -> None:
        """Record that the group of mention i is of `etype`, whatever NER labelled."""
        self.forced.setdefault(self.find(i), etype)

    def join(self, a: int, b: int, rule: str, force: EntityType | None = None) -> bool:
        """Join the groups of mentions a and b for `rule`; weapons join only weapons."""
        ra, rb = self.find(a), self.find(b)
        if force is not None:
            self.forced.setdefault(ra, force)
        if ra == rb:
            return False
        if (self.mentions[a].type == "Weapon") != (self.mentions[b].type == "Weapon"):
            return False
        keep, gone = self.union(ra, rb) or (ra, rb)
        merges = self.merges.pop(gone, [])
        self.merges[keep].extend(merges)
        self.merges[keep].append(
            Merge(rule, self.mentions[a].text, self.mentions[b].text, CONFIDENCE[rule])
        )
        if gone in self.forced:
            self.forced.setdefault(keep, self.forced.pop(gone))
        return True

    def members(self) -> dict[int, list[int]]:
        return self.groups()

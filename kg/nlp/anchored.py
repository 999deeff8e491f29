"""Token patterns matched only around a word each of them needs.

spaCy's Matcher steps every pattern through every token of a document: the entity ruler's
fifteen government-body patterns ("Russia's defence ministry", "Ministry of Emergency
Situations") would take most of its time, though each needs one of a few words
("ministry", "department", "affairs"...). `AnchoredMatcher` runs the same Matcher over the
stretches of a document around those words, with the same matches: a pattern of fixed
length that needs a word lies within its length of it, and patterns over lowercase forms
match a token whatever surrounds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy
from spacy.attrs import LOWER
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = ["AnchoredMatcher", "anchor_words"]


def anchor_words(
    patterns: Iterable[Sequence[Mapping[str, Any]]],
) -> tuple[frozenset[str], int] | None:
    """The words every match of one of the patterns contains one of (for each pattern its
    token with the fewest allowed lowercase forms), and the longest pattern's length; None
    when a pattern is not a fixed sequence of lowercase forms (an operator, another attribute)."""
    words: set[str] = set()
    longest = 0
    for pattern in patterns:
        choices: list[frozenset[str]] = []
        for token in pattern:
            if set(token) != {"LOWER"}:
                return None
            value = token["LOWER"]
            if isinstance(value, str):
                choices.append(frozenset({value}))
            elif isinstance(value, Mapping) and set(value) == {"IN"}:
                choices.append(frozenset(value["IN"]))
            else:
                return None
        if not choices:
            return None
        words |= min(choices, key=len)
        longest = max(longest, len(choices))
    return frozenset(words), longest


class AnchoredMatcher:
    """A Matcher (its `add`, `remove`... pass through) called only around anchor words.

    `words` must be what `anchor_words` gives for every pattern the Matcher holds.
    """

    def __init__(self, matcher: Matcher, words: Iterable[str], longest: int) -> None:
        self.matcher = matcher
        self.reach = max(0, longest - 1)
        self._anchors = numpy.array(sorted(get_string_id(w) for w in words), dtype=numpy.uint64)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        found = numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), self._anchors)).tolist()
        matches: list[tuple[int, int, int]] = []
        for start, end in _windows(found, self.reach, len(doc)):
            matches.extend(
                (key, start + b, start + e) for key, b, e in self.matcher(doc[start:end])
            )
        return matches

    def __len__(self) -> int:
        return len(self.matcher)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.matcher, name)


def _windows(positions: list[int], reach: int, length: int) -> list[tuple[int, int]]:
    """Token ranges reaching `reach` tokens either side of each position, overlaps joined."""
    windows: list[tuple[int, int]] = []
    for i in positions:
        start, end = max(0, i - reach), min(length, i + reach + 1)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows

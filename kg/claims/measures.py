"""Measurements that are figures of their own: an earthquake's magnitude.

"A magnitude 7.1 quake", "the 6.9-magnitude earthquake", "measured 7.0 on the Richter
scale": the number is the quake's magnitude, which outlets report and disagree on (kind
`magnitude`), never a count of the nouns or events around it ("a magnitude 6.6 quake in
1976 killed about 900 people": 900 were killed, not 6.6).
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.core.model import Token

__all__ = ["is_magnitude"]

_HYPHENS = {"-", "‑", "–"}


def is_magnitude(tokens: Sequence[Token], i: int, j: int) -> bool:
    """Whether the number of tokens [i, j) is a magnitude: "magnitude" right before it (a
    hyphen between them or not) or right after it, or "on the Richter scale" after it."""
    before = [t.text.lower() for t in tokens[max(0, i - 2) : i]]
    if before[-1:] == ["magnitude"] or (
        len(before) == 2 and before[0] == "magnitude" and before[1] in _HYPHENS
    ):
        return True
    after = [t.text.lower() for t in tokens[j : j + 4]]
    if after[:1] == ["magnitude"] or (
        after[:1] and after[0] in _HYPHENS and after[1:2] == ["magnitude"]
    ):
        return True
    return after == ["on", "the", "richter", "scale"]

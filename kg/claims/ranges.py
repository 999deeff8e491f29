"""Two numbers of one figure: a range ("between 12,000 and 30,000 people", "12 to 15
people", "$6 billion to $9 billion") or a level's change ("the toll rose from 300 to 347").

A range gives two figures of one kind (kg.claims.quantities), the least `atLeast` and the
most `atMost`. A change gives one: the level reached, not the one left ("from 300" is what
the toll was).
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.claims.numbers import currencies, is_number_token, number_end
from kg.core.model import Token

__all__ = ["between_end", "level_reached", "range_start"]


def range_start(tokens: Sequence[Token], b: int, first: int) -> tuple[int, int] | None:
    """The tokens [start, stop) of X in "X to Y", where Y's figure starts at token b: number
    words and a currency sign (kg/data/currencies.tsv), "to" right after them; not "from X
    to Y" nor "between"."""
    stop = b - 1
    if stop <= first or tokens[stop].text.lower() != "to":
        return None
    start = stop
    while start > first and (
        is_number_token(tokens[start - 1]) or tokens[start - 1].text.lower() in currencies()
    ):
        start -= 1
    if start == stop or not any(is_number_token(t) for t in tokens[start:stop]):
        return None
    if start > 0 and tokens[start - 1].text.lower() in {"from", "between"}:
        return None
    return start, stop


def level_reached(tokens: Sequence[Token], b: int, j: int, end: int) -> tuple[int, int] | None:
    """The tokens [start, stop) of Y in "from X to Y", X's figure the tokens [b, j)."""
    if b == 0 or tokens[b - 1].text.lower() != "from" or j + 1 >= len(tokens):
        return None
    return _number_after(tokens, j, "to", end)


def between_end(tokens: Sequence[Token], b: int, j: int, end: int) -> tuple[int, int] | None:
    """The tokens [start, stop) of Y in "between X and Y", X's figure the tokens [b, j)."""
    if b == 0 or tokens[b - 1].text.lower() != "between" or j + 1 >= len(tokens):
        return None
    return _number_after(tokens, j, "and", end)


def _number_after(tokens: Sequence[Token], j: int, word: str, end: int) -> tuple[int, int] | None:
    """The tokens [start, stop) of a number (a currency sign first or not) after `word`,
    which is token j, ending by offset `end`."""
    if tokens[j].text.lower() != word:
        return None
    start = k = j + 1
    if tokens[k].text.lower() in currencies() and k + 1 < len(tokens):
        k += 1
    if not is_number_token(tokens[k]):
        return None
    stop = number_end(tokens, k + 1, end)
    return (start, stop) if tokens[stop - 1].end <= end else None

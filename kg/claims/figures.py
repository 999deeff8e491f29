"""A claim's figures as comparisons read them: which values a bound or an approximation
allows ("about 400", "at least 30"), whether two figures can both be true, whether a claim
contradicts itself ("63, then 89"). Counts more than ten times apart are of different scope
and never clash, nor do counts of two groups of people ("23 militants", "six civilians":
kg.claims.counted); a count of everyone ("31 killed") is compared with each group's. Used
by grouping (same statement) and by conflict marking.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from kg.claims.counted import OWNED_KINDS
from kg.core.model import Quantity

__all__ = [
    "Figures",
    "base_kind",
    "clashes",
    "clashing_kinds",
    "compared_kind",
    "figures_of",
    "is_compatible",
    "quantity_signature",
]

_SCOPE = Decimal(10)  # counts further apart than this factor are of different scope
_APPROX = Decimal("0.2")  # an approximate value may be off by this fraction
_Interval = tuple[Decimal, Decimal | None, bool, bool]  # see _interval


def quantity_signature(q: Quantity) -> tuple[str, Decimal]:
    return q.kind, q.value.normalize()


class Figures(NamedTuple):
    """What the comparisons read of a claim's quantities, worked out once per claim (the
    pairs to compare grow with the corpus; a claim's figures do not)."""

    signatures: frozenset[tuple[str, Decimal]]  # quantity_signature of each
    inconsistent: bool  # two values for one kind (_self_inconsistent)
    spans: tuple[tuple[str, Decimal, _Interval], ...]  # kind, value and _interval of each


def figures_of(quantities: Sequence[Quantity]) -> Figures:
    signatures = frozenset(quantity_signature(q) for q in quantities)
    spans = tuple((compared_kind(q), q.value, _interval(q)) for q in quantities)
    return Figures(signatures, _self_inconsistent(spans), spans)


def compared_kind(q: Quantity) -> str:
    """What a figure is compared as: its kind, and the group of people it counts
    ("killed|militant"; "killed" for a count of everyone)."""
    return f"{q.kind}|{q.group}" if q.group else q.kind


def base_kind(compared: str) -> str:
    """The kind of a compared kind ("killed" of "killed|militant")."""
    return compared.partition("|")[0]


def _rivals(a: str, b: str) -> bool:
    """Whether figures of two compared kinds are compared: one kind, and one group of people
    or a count of everyone on one side; for a party's seats or share of a vote, one owner
    the text names (kg.claims.counted)."""
    kind = base_kind(a)
    if kind in OWNED_KINDS:
        return a == b and a != kind
    return a == b or (kind == base_kind(b) and (a == kind or b == base_kind(b)))


def _self_inconsistent(spans: Sequence[tuple[str, Decimal, _Interval]]) -> bool:
    """Whether a claim gives two values for one kind that cannot both be true ("63, then
    89"; not a range's least and most, "between 12,000 and 30,000")."""
    return any(
        _rivals(kind, other) and not _compatible(x, y)
        for k, (kind, _, x) in enumerate(spans)
        for other, _, y in spans[k + 1 :]
    )


def clashes(a: Figures, b: Figures) -> bool:
    """Whether two claims give incompatible values for a kind both report."""
    return any(
        _rivals(kind, other) and not _compatible(x, y)
        for kind, _, x in a.spans
        for other, _, y in b.spans
    )


def _interval(q: Quantity) -> _Interval:
    """(low, high or None for unbounded, low open, high open)."""
    v = q.value
    slack = v * _APPROX if q.approximate else Decimal(0)
    if q.bound == "atLeast":
        return v - slack, None, False, False
    if q.bound == "moreThan":
        return v - slack, None, not q.approximate, False
    if q.bound == "atMost":
        return v - slack if q.approximate else Decimal(0), v, False, False
    if q.bound == "lessThan":
        return Decimal(0), v, False, not q.approximate
    return v - slack, v + slack, False, False


def is_compatible(a: Quantity, b: Quantity) -> bool:
    """Whether one number could be true when the other is (bounds and approximations read)."""
    return _compatible(_interval(a), _interval(b))


def _compatible(a: _Interval, b: _Interval) -> bool:
    lo_a, hi_a, lo_open_a, hi_open_a = a
    lo_b, hi_b, lo_open_b, hi_open_b = b
    if hi_a is not None and (lo_b > hi_a or (lo_b == hi_a and (lo_open_b or hi_open_a))):
        return False
    return not (hi_b is not None and (lo_a > hi_b or (lo_a == hi_b and (lo_open_a or hi_open_b))))


def _same_scope(a: Decimal, b: Decimal) -> bool:
    small, large = (a, b) if a <= b else (b, a)
    return small > 0 and large <= small * _SCOPE


def clashing_kinds(a: Figures, b: Figures) -> set[str]:
    """The compared kinds of which two claims give figures no reading of the bounds
    reconciles (of a group's count and everyone's, the group's)."""
    return {
        max(kind, other, key=len)
        for kind, v, x in a.spans
        for other, w, y in b.spans
        if _rivals(kind, other) and _same_scope(v, w) and not _compatible(x, y)
    }

"""The report's events: a timeline of what happened, where, with what, and the figures
claimed about each (from the saved queries `events-by-place-and-time` and `event-costs`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["MAX_EVENTS", "EventRow", "arrange_events"]

MAX_EVENTS = 40  # the events reported by most documents; the rest are in the saved query

Row = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event of the timeline."""

    label: str
    type: str
    date: str
    places: tuple[str, ...]
    weapons: tuple[str, ...]
    documents: int
    figures: tuple[str, ...]  # "killed: 63, 89, 400 (disputed)", one per kind


def arrange_events(
    events: Sequence[Row], costs: Sequence[Row], *, limit: int = MAX_EVENTS
) -> tuple[tuple[EventRow, ...], int]:
    """The `limit` events most documents report, in date order (undated last), and how many
    events there are."""
    places: dict[str, set[str]] = defaultdict(set)
    first: dict[str, Row] = {}
    for r in events:
        first.setdefault(r["label"], r)
        if r["placeName"]:
            places[r["label"]].add(r["placeName"])
    values: dict[tuple[str, str], set[str]] = defaultdict(set)
    disputed: set[tuple[str, str]] = set()
    for r in costs:
        values[r["event"], r["kind"]].add(_number(r["value"]))
        if r.get("disputed") == "yes":
            disputed.add((r["event"], r["kind"]))
    figures: dict[str, list[str]] = defaultdict(list)
    for (event, kind), shown in sorted(values.items()):
        numbers = ", ".join(sorted(shown, key=_sort_key))
        figures[event].append(
            f"{kind}: {numbers}{' (disputed)' if (event, kind) in disputed else ''}"
        )
    rows = [
        EventRow(
            label,
            r["type"],
            r["date"],
            tuple(sorted(places[label], key=str.casefold)),
            tuple(w for w in r["weapons"].split("; ") if w),
            int(r["documents"] or 0),
            tuple(figures[label]),
        )
        for label, r in first.items()
    ]
    top = sorted(rows, key=lambda e: (-e.documents, e.label))[:limit]
    top.sort(key=lambda e: (e.date or "~", -e.documents, e.label))
    return tuple(top), len(rows)


def _number(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text


def _sort_key(text: str) -> tuple[float, str]:
    try:
        return float(text), text
    except ValueError:
        return float("inf"), text

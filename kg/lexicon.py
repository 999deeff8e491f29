"""The project's word lists (package data under kg/data/) and the patterns made from them.

Lexicons are data, not code: titles, the gazetteer of places with their spelling variants
and demonyms, and the general rules that turn them into entity-ruler patterns. Loaded once
per process (the files never change while it runs).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "Place",
    "demonym_country",
    "entity_patterns",
    "places",
    "read_lines",
    "titles",
]

# Kinds of government bodies that news names as "<country's> <kind> ministry" or
# "Ministry of <Kind>"; both spellings of defence are generated from one entry.
_MINISTRY_KINDS = (
    "defence",
    "defense",
    "foreign",
    "interior",
    "finance",
    "justice",
    "health",
    "energy",
    "economy",
    "emergencies",
    "emergency situations",
    "foreign affairs",
    "internal affairs",
    "information",
    "culture",
    "education",
    "agriculture",
    "transport",
    "trade",
)


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: one place, its spelling variants, demonyms and Wikidata id."""

    name: str
    variants: tuple[str, ...]
    kind: str  # country, city, region
    country: str  # the country's name, for cities and regions
    demonyms: tuple[str, ...]
    qid: str


def read_lines(name: str) -> tuple[str, ...]:
    """Read a one-entry-a-line data file, skipping blanks and # comments."""
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Lowercase title and honorific words that are never part of a name."""
    return frozenset(read_lines("titles.txt"))


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """The gazetteer (kg/data/places.tsv)."""
    text = resources.files("kg").joinpath("data", "places.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(
        (line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"
    )
    return tuple(
        Place(
            name=row["name"],
            variants=_split(row.get("variants")),
            kind=row.get("kind") or "",
            country=row.get("country") or "",
            demonyms=_split(row.get("demonyms")),
            qid=row.get("qid") or "",
        )
        for row in rows
    )


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split("|") if v.strip())


@lru_cache(maxsize=1)
def demonym_country() -> dict[str, str]:
    """Map lowercase demonyms and place names to the country's name ("russian" -> "Russia")."""
    table: dict[str, str] = {}
    for place in places():
        if place.kind != "country":
            continue
        for form in (place.name, *place.variants, *place.demonyms):
            table[form.lower()] = place.name
    return table


def entity_patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns: gazetteer places and generic government bodies."""
    patterns: list[dict[str, Any]] = []
    for place in places():
        for form in (place.name, *place.variants):
            # Phrase patterns match case-sensitively: "Turkey" the country, not the bird.
            patterns.append({"label": "GPE", "pattern": form})
    qualifiers = sorted(
        {d.lower() for p in places() if p.kind == "country" for d in p.demonyms}
        | {f.lower() for p in places() if p.kind == "country" for f in (p.name, *p.variants)}
    )
    for kind in _MINISTRY_KINDS:
        words = [{"LOWER": w} for w in kind.split()]
        ministry = [{"LOWER": {"IN": ["ministry", "department"]}}]
        # "the Russian defence ministry", "Russia's defence ministry", "UK Defence Ministry"
        patterns.append(
            {"label": "ORG", "pattern": [{"LOWER": {"IN": qualifiers}}, *words, *ministry]}
        )
        patterns.append(
            {
                "label": "ORG",
                "pattern": [{"LOWER": {"IN": qualifiers}}, {"LOWER": {"IN": ["'s", "’s"]}}, *words, *ministry],
            }
        )
        patterns.append({"label": "ORG", "pattern": [*words, *ministry]})
        # "the Ministry of Defence", "Russia's Ministry of Foreign Affairs"
        of_kind = [{"LOWER": "ministry"}, {"LOWER": "of"}, *words]
        patterns.append({"label": "ORG", "pattern": [{"LOWER": {"IN": qualifiers}}, *of_kind]})
        patterns.append({"label": "ORG", "pattern": of_kind})
    return patterns

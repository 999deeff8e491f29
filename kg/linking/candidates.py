"""Wikidata candidates: what a source answers for a name, and the classes that say what a
candidate is.

`TYPE_CLASSES` maps each entity type to the Wikidata classes its candidates may be instances
of (with how well each fits); `ROOT_CLASSES` are the classes a source asks about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from kg.core.model import EntityType

__all__ = [
    "COUNTRY_CLASSES",
    "Candidate",
    "CandidateSource",
    "EXCLUDED_CLASSES",
    "Lookup",
    "ROOT_CLASSES",
    "TYPE_CLASSES",
]


# Root classes an entity type accepts, with how well each fits. A candidate fits with the
# best weight among the roots it reaches through P31/P279* (weapons also through P279*, as
# Wikidata models weapon classes as subclasses). These are real Wikidata ids.
# TODO(lead): move this table to kg/data/ if it grows.
TYPE_CLASSES: Mapping[EntityType, Mapping[str, float]] = {
    "Person": {"Q5": 1.0},  # human
    "Organisation": {
        "Q43229": 1.0,  # organization
        "Q327333": 1.0,  # government agency
        "Q7188": 1.0,  # government
        "Q484652": 1.0,  # international organization
        "Q8473": 1.0,  # military (armed force)
        "Q176799": 1.0,  # military unit
        "Q11032": 1.0,  # newspaper
        "Q192283": 1.0,  # news agency
        "Q1616075": 1.0,  # television station
        "Q4830453": 1.0,  # business
        "Q7278": 1.0,  # political party
        "Q6256": 0.5,  # country (metonymy: "Russia said")
    },
    "Place": {
        "Q486972": 1.0,  # human settlement
        "Q515": 1.0,  # city
        "Q5119": 1.0,  # capital
        "Q6256": 1.0,  # country
        "Q3624078": 1.0,  # sovereign state
        "Q56061": 0.8,  # administrative territorial entity (regions, districts)
        "Q82794": 0.7,  # geographic region
        "Q618123": 0.7,  # geographical feature
        "Q2221906": 0.6,  # geographic location
        "Q41176": 0.6,  # building
        "Q811979": 0.6,  # architectural structure
    },
    "Weapon": {
        "Q728": 1.0,  # weapon
        "Q15142894": 1.0,  # weapon model
        "Q1184840": 0.9,  # military vehicle
        "Q484000": 0.8,  # unmanned aerial vehicle
        "Q11436": 0.6,  # aircraft
    },
}


# Items that are never the referent of a name in news: pages about names, not things.
EXCLUDED_CLASSES: frozenset[str] = frozenset(
    {
        "Q4167410",  # Wikimedia disambiguation page
        "Q4167836",  # Wikimedia category
        "Q13406463",  # Wikimedia list article
        "Q11266439",  # Wikimedia template
        "Q101352",  # family name
        "Q202444",  # given name
        "Q13442814",  # scholarly article
    }
)


COUNTRY_CLASSES: frozenset[str] = frozenset({"Q6256", "Q3624078"})


# Every class a source must report reachability for.
ROOT_CLASSES: tuple[str, ...] = tuple(
    sorted({q for table in TYPE_CLASSES.values() for q in table}, key=lambda q: int(q[1:]))
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A Wikidata item a name may refer to, with what the linker needs to judge it."""

    qid: str
    label: str  # English label
    name: str  # the stored label or alias that matched the looked-up name
    matched: str  # "label" or "alias"
    exact: bool = True  # the form matched as written, not only after normalisation
    sitelinks: int = 0
    classes: tuple[str, ...] = ()  # direct P31
    instance_of: tuple[str, ...] = ()  # ROOT_CLASSES reached through P31/P279*
    subclass_of: tuple[str, ...] = ()  # ROOT_CLASSES reached through P279+
    countries: tuple[str, ...] = ()  # P17 and P27
    description: str = ""


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a source found: candidates per looked-up name, or why a name could not be looked up.

    A name in `candidates` with an empty tuple was looked up and has no candidate; a name in
    `failures` could not be looked up at all (unreachable endpoint, rate limit, bad answer).
    """

    candidates: Mapping[str, tuple[Candidate, ...]] = field(default_factory=dict)
    failures: Mapping[str, str] = field(default_factory=dict)


class CandidateSource(Protocol):
    """Where candidates come from: `kg.linking.sources.SparqlSource`, `KbSource`, `CachedSource`."""

    @property
    def method(self) -> str:
        """Short name used in `Entity.link_method` ("sparql", "kb")."""
        ...

    def lookup(self, names: Sequence[str]) -> Lookup:
        """Look many names up at once; never raise for network or data problems."""
        ...

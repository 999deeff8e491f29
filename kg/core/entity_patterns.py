"""The entity ruler's patterns, generated from the lexicons (`entity_patterns`).

Gazetteer places (not their homonyms: "Jordan", "Washington" are left to NER), the known
organisations' forms, and government bodies named by their remit ("the Russian defence
ministry", "Ministry of Foreign Affairs", "the US Treasury").
"""

from __future__ import annotations

from typing import Any

from kg.core import lexicon

__all__ = ["entity_patterns"]

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


def _kind_tokens() -> list[list[dict[str, Any]]]:
    """Token patterns matching exactly the ministry kinds, kinds that differ only in their
    first word sharing one pattern: the matcher's time grows with its number of patterns,
    and five patterns per kind made the ruler a twentieth of the whole pipeline's time."""
    firsts: dict[tuple[str, ...], list[str]] = {}
    for kind in _MINISTRY_KINDS:
        first, *rest = kind.split()
        firsts.setdefault(tuple(rest), []).append(first)
    return [
        [
            {"LOWER": {"IN": sorted(words)}} if len(words) > 1 else {"LOWER": words[0]},
            *({"LOWER": w} for w in rest),
        ]
        for rest, words in sorted(firsts.items())
    ]


def entity_patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns: gazetteer places and generic government bodies."""
    patterns: list[dict[str, Any]] = []
    homonyms = lexicon.place_homonyms()
    for place in lexicon.places():
        for form in (place.name, *place.variants):
            # Phrase patterns match case-sensitively: "Turkey" the country, not the bird.
            # Homonyms ("Jordan", "Washington") are left to NER, which sees the context.
            if form not in homonyms:
                patterns.append({"label": "GPE", "pattern": form})
    for org in lexicon.organisations():
        for form in (org.name, *org.variants):
            # Longest match wins in the ruler: "Kyiv Independent" is one ORG, not Kyiv.
            patterns.append({"label": "ORG", "pattern": form})
    qualifiers = sorted(form for form in lexicon.qualifier_country() if " " not in form)
    for words in _kind_tokens():
        ministry = [{"LOWER": {"IN": ["ministry", "department"]}}]
        # "the Russian defence ministry", "Russia's defence ministry", "UK Defence Ministry"
        patterns.append(
            {"label": "ORG", "pattern": [{"LOWER": {"IN": qualifiers}}, *words, *ministry]}
        )
        patterns.append(
            {
                "label": "ORG",
                "pattern": [
                    {"LOWER": {"IN": qualifiers}},
                    {"LOWER": {"IN": ["'s", "’s"]}},
                    *words,
                    *ministry,
                ],
            }
        )
        patterns.append({"label": "ORG", "pattern": [*words, *ministry]})
        # "the Ministry of Defence", "Russia's Ministry of Foreign Affairs"
        of_kind = [{"LOWER": "ministry"}, {"LOWER": "of"}, *words]
        patterns.append({"label": "ORG", "pattern": [{"LOWER": {"IN": qualifiers}}, *of_kind]})
        patterns.append({"label": "ORG", "pattern": of_kind})
    # "the US Treasury", "the U.S. Treasury Department": a finance ministry by its own name
    treasury = [{"LOWER": {"IN": qualifiers}}, {"LOWER": "treasury"}]
    patterns.append({"label": "ORG", "pattern": treasury})
    patterns.append({"label": "ORG", "pattern": [*treasury, {"LOWER": "department"}]})
    return patterns

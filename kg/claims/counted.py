"""Which group of people a count counts (`person_group`): "23 militants" counts militants,
"six civilians" civilians, "31 people" (or a number with no noun) everyone. Two counts of
one kind clash only when they count the same group (kg.claims.figures): a tally of
militants killed and one of civilians killed are two tallies, not rival ones, and a
group's count is a part of everyone's. The groups are data (kg/data/person_groups.tsv).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from kg.core.lexicon import read_lines

__all__ = ["person_group"]

_QUOTES = "'\"‘’“”"


def person_group(noun: str, modifiers: Iterable[str] = ()) -> str:
    """The group the counted noun as written names ("militants", "'terrorists'",
    "policemen"), else a word modifying it ("civilian deaths"), or "" for none (everyone,
    or no people)."""
    for word in (noun, *modifiers):
        words = word.lower().split()
        group = _groups().get(_singular(words[-1].strip(_QUOTES)), "") if words else ""
        if group:
            return group
    return ""


def _singular(word: str) -> str:
    if word == "children":
        return "child"
    if word.endswith("men"):
        return word[:-3] + "man"  # "policemen", "gunmen", "women"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # "babies"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


@lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    rows = (line.split("\t") for line in read_lines("person_groups.tsv"))
    return {r[0]: r[1] for r in rows if len(r) > 1}

"""Which gender a person mention says, for "he" and "she" (kg.claims.pronouns).

A gendered title says it ("Mrs. Okafor", "King X": kg/data/title_genders.tsv), else the
first given name of a full name, where it names one gender (kg.core.lexicon.name_gender:
"Christine", not "Jordan"). A surname alone takes the gender of the full names of the text
that end in it, when they agree ("Ford" after "Christine Blasey Ford"). Most names say
nothing, and a pronoun may then stand for anyone, as before.
"""

from __future__ import annotations

from collections import defaultdict

from kg.claims.context import ParsedText
from kg.core.lexicon import name_gender, title_genders
from kg.core.model import Mention

__all__ = ["gender_of", "pronoun_gender"]

_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def pronoun_gender(pronoun: str) -> str:
    """ "m" for "he", "f" for "she", "" for any other word."""
    return _PRONOUNS.get(pronoun.lower(), "")


def gender_of(doc: ParsedText, m: Mention) -> str:
    """ "m", "f" or "" (unknown) for a person mention of the document."""
    memo = doc.memo.get("genders")
    genders: dict[int, str] = memo if isinstance(memo, dict) else {}
    if not isinstance(memo, dict):
        genders = _genders(doc.mentions)
        doc.memo["genders"] = genders
    return genders.get(m.begin, "")


def _genders(mentions: list[Mention]) -> dict[int, str]:
    said: dict[int, str] = {}
    by_surname: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.type != "Person":
            continue
        words = [w.strip(".,").lower() for w in m.text.split()]
        titles = title_genders()
        titled = {g for w in m.title.split() if (g := titles.get(w.strip(".").lower(), ""))}
        named = name_gender(words[0]) if len(words) > 1 else ""
        found = titled | ({named} if named else set())
        if len(found) == 1:
            said[m.begin] = next(iter(found))
            if len(words) > 1:
                by_surname[words[-1]].add(said[m.begin])
    for m in mentions:
        if m.type == "Person" and m.begin not in said and " " not in m.text.strip():
            known = by_surname.get(m.text.strip(".,").lower(), set())
            if len(known) == 1:
                said[m.begin] = next(iter(known))
    return said

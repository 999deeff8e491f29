"""Named warships: a navy's ship prefix and a name ("USS Mahan", "HMS Prince of Wales").

Navies write a ship's name after a prefix that says whose ship it is (USS, HMS, INS, TCG ...;
the list is `ship_prefix` in kg/data/weapon_context.tsv, matched in its exact case, so "its"
is never "ITS"). A mention is the prefix and the title-case words of the name, with the
connectors names use ("Charles de Gaulle", "Prince of Wales"). The hull number in brackets
right after it ("USS Mahan (DDG 72)", "HMS Ocean (L 12)") names the same ship, and so does
the bare name later in the text ("Mahan"), unless it is part of a longer name ("Indian
Ocean"). Every mention of one ship carries the prefixed name as its system, so they group
as one weapon.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from spacy.tokens import Doc

from kg.core.weapons import singular

__all__ = ["find_ships"]

Ship = tuple[int, int, str]  # start and end token, the prefixed name (the system)

_CONNECTORS = frozenset({"de", "of", "da", "del", "van", "von", "the"})
_MAX_NAME = 4
_SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";", '"', "“", "”"})
_HULL = re.compile(r"[A-Z]{1,4}-?\d{0,4}")


def find_ships(doc: Doc, words: Sequence[str], prefixes: Collection[str]) -> list[Ship]:
    """Return the named warships of a text: prefixed names, hull numbers, later bare names.

    `words` holds each token's lowercase singular; `prefixes` the prefixes as navies write
    them ("USS", "HNoMS").
    """
    found: list[Ship] = []
    names: dict[tuple[str, ...], str] = {}  # a name's words -> the prefixed name
    keys = {singular(p.lower()) for p in prefixes}
    for i in [i for i, w in enumerate(words) if w in keys]:
        if doc[i].text not in prefixes:
            continue
        end = _name_end(doc, i + 1)
        if end == i + 1:
            continue
        system = doc[i:end].text
        found.append((i, end, system))
        names.setdefault(tuple(t.text for t in doc[i + 1 : end]), system)
        hull = _hull_number(doc, end)
        if hull is not None:
            found.append((hull[0], hull[1], system))
    if names:
        found += _bare_names(doc, words, names, {k for s, e, _ in found for k in range(s, e)})
    return sorted(found)


def _name_end(doc: Doc, start: int) -> int:
    end = start
    i = start
    while i < len(doc) and i - start < _MAX_NAME:
        token = doc[i]
        if token.is_title and token.is_alpha:
            end = i + 1
        elif _is_initial(token.text) and end > start:
            pass  # "USS Dwight D. Eisenhower": the name goes on after a middle initial
        elif not (token.lower_ in _CONNECTORS and end > start and token.is_lower):
            break
        i += 1
    return end


def _is_initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def _hull_number(doc: Doc, end: int) -> tuple[int, int] | None:
    """The hull number in brackets after a ship's name: "(DDG 72)", "(L 12)", "(F-710)"."""
    if end + 2 >= len(doc) or doc[end].text != "(":
        return None
    close = next((k for k in range(end + 1, min(end + 5, len(doc))) if doc[k].text == ")"), None)
    if close is None or close == end + 1:
        return None
    text = "".join(t.text_with_ws for t in doc[end + 1 : close]).strip()
    compact = text.replace(" ", "")
    if _HULL.fullmatch(compact) and any(c.isdigit() for c in compact) and compact[0].isupper():
        return end + 1, close
    return None


def _bare_names(
    doc: Doc, words: Sequence[str], names: dict[tuple[str, ...], str], taken: set[int]
) -> list[Ship]:
    found: list[Ship] = []
    for name, system in names.items():
        first = singular(name[0].lower())
        for i in [i for i, w in enumerate(words) if w == first]:
            end = i + len(name)
            if i in taken or end > len(doc) or tuple(t.text for t in doc[i:end]) != name:
                continue
            before_title = (
                i > 0
                and doc[i - 1].is_title
                and not doc[i].is_sent_start
                and not _opens_sentence(doc, i - 1)
            )
            after_title = end < len(doc) and doc[end].is_title
            if before_title or after_title:
                continue  # part of a longer name ("the Indian Ocean", "Ocean Drive")
            found.append((i, end, system))
            taken.update(range(i, end))
    return found


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Tell whether token `i` is capitalised because it opens a sentence ("Later Carney")."""
    return i == 0 or bool(doc[i].is_sent_start) or doc[i - 1].text in _SENTENCE_ENDS

"""Arabic names of a person and fathers ("Nawaf bin Turki bin Nawaf": Nawaf, son of Turki,
son of Nawaf), with a family name after them or none ("Al Saud"): the person's own name
comes first, so a son may bear his father's whole name after his own. Words are a name's
folded words, as kg.entities.person_names gives them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = ["compatible", "key", "split"]

# Words that open a father's name ("Turki bin Nawaf": Turki, son of Nawaf).
_PATRONYMIC = frozenset({"bin", "ibn", "bint"})


def split(words: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The own name and the fathers' ("nawaf", "turki", "nawaf") and the family name after
    them ("saud",), or None for a name of another kind."""
    if len(words) < 3 or words[0] in _PATRONYMIC or not _PATRONYMIC & set(words):
        return None
    chain, i = [words[0]], 1
    while i + 1 < len(words) and words[i] in _PATRONYMIC:
        chain.append(words[i + 1])
        i += 2
    return tuple(chain), tuple(words[i:])


def compatible(
    a: Sequence[str], b: Sequence[str], same_given: Callable[[str, str], bool]
) -> bool | None:
    """Whether one lineage opens the other's, own name first ("Turki bin Nawaf" is not
    "Nawaf bin Turki bin Nawaf", his son), family names agreeing where both give one
    ("Mohammed bin Fahd bin Abdullah Al Saud" = "Mohammed bin Fahad"); None when either
    name is of another kind. A father's name may be written in another romanisation
    ("Fahd", "Fahad": the same consonants)."""
    la, lb = split(a), split(b)
    if la is None or lb is None:
        return None
    (ca, fa), (cb, fb) = la, lb
    fathers = zip(ca[1:], cb[1:], strict=False)
    return (
        same_given(ca[0], cb[0])
        and all(same_given(x, y) or _consonants(x) == _consonants(y) for x, y in fathers)
        and (not fa or not fb or fa == fb)
    )


def key(words: Sequence[str]) -> str:
    """A key by the own name and the father's, in consonants ("mhmd fhd"), or ""."""
    lineage = split(words)
    if lineage is None or len(lineage[0]) < 2:
        return ""
    own, father = lineage[0][:2]
    return f"{_consonants(own)} {_consonants(father)}"


def _consonants(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", word))

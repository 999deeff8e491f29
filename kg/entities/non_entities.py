"""Names that name no entity: an award, an operation, a war or a law (the whole name matches a
pattern of kg/data/non_entity_patterns.tsv), and a disease named after a place.

A virus or fever is often named after the place it was first found ("Marburg virus",
"Lassa fever", "Ebola virus disease"); outbreak news then calls it by the place's name
alone ("no vaccine for Marburg"), and NER types every such mention a place. A name right
before "virus", "fever" or "disease" names the disease, and so does every other mention of
that name in the text, unless the text also puts something in it, at it or near it ("in
Wuhan": the place).
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import Mention, Token

__all__ = ["disease_names", "is_non_entity", "title_words_before"]

_DISEASE_NOUNS = frozenset({"virus", "fever", "disease"})
_LOCATIVES = frozenset({"in", "at", "near", "inside", "outside", "around", "across"})


def is_non_entity(text: str, before: Sequence[str] = ()) -> bool:
    """Tell whether a name is an award, operation or event rather than an entity.

    `before` are the capitalised words right before it: NER often tags only "X" of an
    award "Order of X", which is no more an entity than the award is.
    """
    patterns = lexicon.non_entity_patterns()
    if any(p.fullmatch(text) for p, _ in patterns):
        return True
    for n in range(len(before)):
        longer = " ".join((*before[n:], text))
        if any(kind == "award" and p.fullmatch(longer) for p, kind in patterns):
            return True
    return False


def title_words_before(m: Mention, tokens: Sequence[Token]) -> tuple[str, ...]:
    """Up to three words right before a mention, back to the first one not capitalised or "of"."""
    words: list[str] = []
    k = m.start - 1
    while (
        k >= 0 and len(words) < 3 and (tokens[k].text in ("of", "for") or tokens[k].text.istitle())
    ):
        words.insert(0, tokens[k].text)
        k -= 1
    return tuple(words)


def disease_names(mentions: Sequence[Mention], tokens: Sequence[Token]) -> set[str]:
    """The names of the text's mentions that name a disease (see the module)."""
    found = {
        m.text
        for m in mentions
        if m.type != "Weapon"
        and m.end_token < len(tokens)
        and tokens[m.end_token].text.lower() in _DISEASE_NOUNS
    }
    if not found:
        return found
    placed = {
        m.text
        for m in mentions
        if m.text in found and m.start > 0 and tokens[m.start - 1].text.lower() in _LOCATIVES
    }
    return found - placed

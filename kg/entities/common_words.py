"""Capitalised common words that NER took for names ("Twice", "Lawyer", "Bank" in a
headline): a one-word name the text also writes in lower case as a word of a sentence is
no entity, unless it is a word of a longer name in the text or a known place or body."""

from __future__ import annotations

from collections.abc import Sequence

from kg.core.model import Mention, Token
from kg.entities import names

__all__ = ["without_common_words"]


def without_common_words(mentions: list[Mention], tokens: Sequence[Token]) -> list[Mention]:
    """Drop one-word "names" that are common words capitalised: a word the text also
    writes in lower case, where the parser does not read it as a proper noun or it opens
    the sentence ("Twice", "Lawyer", "Bank" in a headline), unless it is a word of a longer
    name in the text ("Rose" beside "Anna Rose") or the gazetteer knows it."""
    suspects = [
        m
        for m in mentions
        if m.type != "Weapon"
        and m.antecedent is None
        and m.end_token - m.start == 1
        and (tokens[m.start].pos != "PROPN" or _opens_sentence(m.start, tokens))
    ]
    if not suspects:
        return mentions
    lower = _common_lower_words(tokens)
    name_words = {
        w for m in mentions if m.end_token - m.start > 1 for w in names.fold(m.text).split()
    }
    dropped = {
        id(m)
        for m in suspects
        if m.text.lower() in lower
        and names.fold(m.text) not in name_words
        and names.find_place(m.text) is None
        and names.find_organisation(m.text) is None
    }
    return [m for m in mentions if id(m) not in dropped] if dropped else mentions


_WORD_CLASSES = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
_GLUE = frozenset("/.-_=:@#")


def _common_lower_words(tokens: Sequence[Token]) -> set[str]:
    """Words the text writes in lower case as words of a sentence (not inside a web address
    or a handle, "www.example.com/report")."""
    words = set()
    for t in tokens:
        if not t.text.islower() or t.pos not in _WORD_CLASSES:
            continue
        before = tokens[t.i - 1] if t.i > 0 else None
        after = tokens[t.i + 1] if t.i + 1 < len(tokens) else None
        if before is not None and before.end == t.begin and before.text[-1] in _GLUE:
            continue
        if (
            after is not None
            and after.begin == t.end
            and after.text[0] in _GLUE
            and after.text != "."
        ):
            continue
        words.add(t.text)
    return words


def _opens_sentence(i: int, tokens: Sequence[Token]) -> bool:
    return i == 0 or tokens[i - 1].sent != tokens[i].sent or tokens[i - 1].text in ('"', "“", "\n")

"""Other names a text gives for a named entity (`join_aliases`).

News introduces a stage name, a former name or a birth name right after a name: "Maya
Stone, whose real name is Ana Ruiz", "Ana Ruiz, the singer known as Maya Stone", "the
Northern Front, formerly known as the Valley Brigade", "Ana Ruiz (real name ...)", "Maya, as
Ruiz is known professionally". The two
names are one entity in that text, and both names carry it to the other texts that use
either. Only names of one type join (a person's other name that the recogniser took for an
organisation is a person's), and only across the words that say so: a description of a few
words may stand between the first name and "known as", nothing else (`join_aliases`).
A place's other spelling in brackets after it ("Kharkiv (Kharkov)") is one too
(`join_place_aliases`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import Token
from kg.entities import names
from kg.entities.groups import MentionGroups

__all__ = ["join_aliases", "join_place_aliases"]

# The words right before the other name.
_SAYING = (
    ("whose", "real", "name", "is"),
    ("whose", "legal", "name", "is"),
    ("whose", "birth", "name", "is"),
    ("real", "name"),
    ("known", "as"),
    ("a.k.a",),
    ("a.k.a.",),
    ("aka",),
    ("who", "goes", "by"),
)
# Words of a description that may stand between the name's comma and "known as" ("the
# pornographic film actress known as", "a rapper better known as").
_DESCRIPTION_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "ADV", "PUNCT"}
_DESCRIPTION_MAX = 8
_TYPES = {"Person", "Organisation", "Place"}


def join_aliases(groups: MentionGroups, tokens: Sequence[Token]) -> None:
    """Join a name and the other name the text gives it right after it."""
    starting = _names_starting(groups)
    for i in groups.name_indices():
        x = groups.mentions[i]
        if x.type not in _TYPES or x.end_token >= len(tokens):
            continue
        if tokens[x.end_token].text not in {",", "("}:
            continue
        at = _other_name_at(tokens, x.end_token + 1)
        reverse = at is None  # "X, as Y is known": the saying words follow the other name
        if reverse:
            at = _known_as_at(tokens, x.end_token + 1)
        if at is None:
            continue
        for j in starting.get(at, ()):
            if reverse and not _is_known_after(tokens, groups.mentions[j].end_token):
                continue
            kinds = {x.type, groups.mentions[j].type}
            if len(kinds) == 1:
                groups.join(i, j, "alias")
            elif "Person" in kinds:
                # a stage name the recogniser took for a band, a company or a place: "Ana
                # Ruiz, the singer known as Maya Stone"; people have real names, bodies
                # former ones
                groups.join(i, j, "alias", force="Person")


def join_place_aliases(groups: MentionGroups, tokens: Sequence[Token]) -> None:
    """Join "Kharkiv (Kharkov)"-style alternative names given in brackets after a place."""
    starting = _names_starting(groups)
    for i in groups.name_indices():
        x = groups.mentions[i]
        if x.type != "Place":
            continue
        open_ = x.end_token
        if open_ >= len(tokens) or tokens[open_].text != "(":
            continue
        for j in starting.get(open_ + 1, ()):
            y = groups.mentions[j]
            if y.end_token >= len(tokens):
                continue
            if tokens[y.end_token].text != ")" or names.is_acronym(y.text):
                continue
            if y.type == "Organisation" or names.find_organisation(y.text) is not None:
                continue  # "RIO DE JANEIRO (Reuters) -": a dateline's agency
            if names.fold(y.text) in lexicon.outlets():
                continue
            px, py = names.find_place(x.text), names.find_place(y.text)
            if px is not None and px.kind == "country":
                continue
            if py is not None and py != px:
                continue  # "Kharkiv (Ukraine)" places one in the other, it is no alias
            if names.fold(x.text)[:1] != names.fold(y.text)[:1]:
                continue
            groups.join(i, j, "place-alias", force="Place")


def _names_starting(groups: MentionGroups) -> dict[int, list[int]]:
    """The name mentions (no descriptions or anaphors) by the token each begins at."""
    starting: dict[int, list[int]] = defaultdict(list)
    for j in groups.name_indices():
        starting[groups.mentions[j].start].append(j)
    return starting


def _known_as_at(tokens: Sequence[Token], start: int) -> int | None:
    """ "Cassie, as Ventura is known professionally": the other name after "as", which
    `_is_known_after` then checks is followed by "is known"."""
    if start + 1 < len(tokens) and tokens[start].text.lower() == "as":
        return start + 1
    return None


def _is_known_after(tokens: Sequence[Token], end: int) -> bool:
    """Whether "is known" or "was known" (an adverb may stand between) follows a name."""
    words = [t.text.lower() for t in tokens[end : end + 3]]
    return words[:1] in (["is"], ["was"]) and "known" in words[1:3]


def _other_name_at(tokens: Sequence[Token], start: int) -> int | None:
    """The token where the other name begins, when the words from `start` say that one
    follows; a description may come first only before "known as"."""
    for skip in range(_DESCRIPTION_MAX + 1):
        k = start + skip
        if k >= len(tokens):
            return None
        if skip and (
            tokens[k - 1].pos not in _DESCRIPTION_POS or tokens[k - 1].text in {",", ";", ")"}
        ):
            return None
        for words in _SAYING:
            end = k + len(words)
            if end < len(tokens) and all(
                tokens[k + n].text.lower() == w for n, w in enumerate(words)
            ):
                if skip and words[-2:] != ("known", "as"):
                    continue
                return end
    return None

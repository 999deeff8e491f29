"""Levels a verb sets: "the death toll was raised to 89", "put the figure at 13", "the
total was five". The verb's subject or object says what the level counts
(kg.claims.quantities reads it); a bare tally noun ("the figure", "the total") says so only
by its of-phrase ("the number of drones downed") or by the figure named before it.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.claims.counted import token_children
from kg.core.model import Token

__all__ = ["LEVEL_VERBS", "level_noun", "level_subject", "of_object", "subtree"]

# "the death toll was 500", "was raised to 89": the subject says what the level counts
LEVEL_VERBS = set(
    "raise increase rise climb reach put stand revise grow jump hit update lift double set "
    "place be".split()
)
# "put the figure at 13", "the total was five": nouns of a level that say nothing of what
# it counts save by their of-phrase or the figure named before them
_TALLIES = {"number", "figure", "total", "tally", "count"}


def level_subject(tokens: Sequence[Token], head: Token) -> Token | None:
    """The tally a level verb gives the number: "put [the figure] at 13", "[the total] was
    five", "put [the number] of drones downed at 77", "put [it] at 50" (the figure before)."""
    t = head
    for _ in range(3):
        if t.head == t.i or t.dep not in {"pobj", "prep", "attr", "advcl"}:
            return None
        t = tokens[t.head]
        if t.lemma.lower() in LEVEL_VERBS and t.pos in {"VERB", "AUX"}:
            return next(
                (
                    c
                    for c in token_children(tokens, t)
                    if (c.dep in {"nsubj", "nsubjpass", "dobj"} and c.lemma.lower() in _TALLIES)
                    or (c.dep == "dobj" and c.text.lower() == "it" and t.lemma.lower() == "put")
                ),
                None,
            )
    return None


def level_noun(tokens: Sequence[Token], head: Token) -> Token | None:
    """The subject a level verb gives the number it rises or falls to: "[cases] have risen
    to 146", "[arrests] climbed to 40"."""
    t = head
    for _ in range(2):
        if t.head == t.i or t.dep not in {"pobj", "prep"}:
            return None
        t = tokens[t.head]
        if t.lemma.lower() in LEVEL_VERBS - {"be", "put", "set", "place"} and t.pos == "VERB":
            subjects = (c for c in token_children(tokens, t) if c.dep == "nsubj")
            return next((c for c in subjects if c.pos == "NOUN"), None)
    return None


def of_object(tokens: Sequence[Token], noun: Token) -> Token | None:
    """The object of a noun's "of" ("the number of [drones]")."""
    for prep in token_children(tokens, noun):
        if prep.dep == "prep" and prep.text.lower() == "of":
            return next((c for c in token_children(tokens, prep) if c.dep == "pobj"), None)
    return None


def subtree(tokens: Sequence[Token], root: Token) -> list[Token]:
    """A token and all the tokens below it in the parse."""
    out = [root]
    frontier = [root.i]
    while frontier:
        i = frontier.pop()
        for t in token_children(tokens, tokens[i]):
            out.append(t)
            frontier.append(t.i)
    return out

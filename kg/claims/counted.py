"""Which group of people a count counts (`person_group`): "23 militants" counts militants,
"six civilians" civilians, "31 people" (or a number with no noun) everyone. Two counts of
one kind clash only when they count the same group (kg.claims.figures): a tally of
militants killed and one of civilians killed are two tallies, not rival ones, and a
group's count is a part of everyone's. The groups are data (kg/data/person_groups.tsv).

Seats won and shares of a vote are a party's or a candidate's (`owner_of`): "the Liberal
Union won 34 seats", "the CDF's 14 seats", "finished with 22.4% of the vote". Such figures
clash only with the same owner's, named alike; a figure whose owner the text does not name
in its clause ("it won 14 seats") clashes with none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from kg.core.lexicon import read_lines
from kg.core.model import Token

__all__ = ["OWNED_KINDS", "owner_of", "person_group", "token_children"]

# Kinds of figure that are someone's: compared only between figures of one owner.
OWNED_KINDS = frozenset({"seats-won", "vote-share"})

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


def owner_of(tokens: Sequence[Token], i: int, j: int) -> str:
    """The name of whose figure the number at tokens [i, j) gives: the possessor of the
    counted noun, else the subject of the clause it is in (up through "was projected to
    win"), as written without its article; "" when that is no name (a pronoun, none)."""
    k = next((t.i for t in tokens[i:j] if not i <= t.head < j or t.head == t.i), j - 1)
    for _ in range(6):
        t = tokens[k]
        for c in token_children(tokens, t):
            if c.dep == "poss" or (c.dep in ("nsubj", "nsubjpass") and t.pos in ("VERB", "AUX")):
                return _name(tokens, c)
        if t.head == t.i:
            return ""
        k = t.head
    return ""


def _name(tokens: Sequence[Token], head: Token) -> str:
    if head.pos != "PROPN":
        return ""
    words = [c for c in token_children(tokens, head) if c.dep == "compound" and c.i < head.i]
    return " ".join(t.text for t in [*words, head])


def token_children(tokens: Sequence[Token], token: Token) -> list[Token]:
    """The tokens whose syntactic head is `token` (within 60 tokens of it)."""
    lo, hi = max(0, token.i - 60), min(len(tokens), token.i + 60)
    return [t for t in tokens[lo:hi] if t.head == token.i and t.i != token.i]

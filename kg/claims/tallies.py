"""The tally of a vote a text reports (`vote_tally`): "voted 27 to 11", "by a 28-10 vote",
"by a vote of 52-48", "a 6-3 ruling" of a court, "was confirmed 50-49", "passed 218-214":
two figures, the votes for (kind
votes-for, the first number as news writes it) and against (votes-against), so that
outlets that give another tally for one vote conflict. A pair of numbers with no word of
voting near it ("the 3-1 win", "ages 18 to 25") is none.
"""

from __future__ import annotations

from decimal import Decimal

from kg.core.model import Parsed, Quantity, Span, Token

__all__ = ["vote_tally"]

_BETWEEN = frozenset({"-", "–", "to"})
_VOTE_WORDS = frozenset(
    {"vote", "ballot", "tally", "margin", "ruling", "decision"}
    | {"confirm", "approve", "pass", "reject", "uphold", "overturn"}  # "was confirmed 50-49"
)
_RANGE_OPENERS = frozenset({"aged", "ages", "between", "from"})
_BEFORE = 3  # tokens before the first number a word of voting may stand ("voted 27 to 11")


def vote_tally(parsed: Parsed, i: int, end: int) -> tuple[Quantity, Quantity, int] | None:
    """The two figures of a tally whose first number is token i (text ends at `end`), and
    the token after it, or None."""
    tokens = parsed.tokens
    k = i + 2
    if k >= len(tokens) or tokens[k].end > end or tokens[i + 1].text.lower() not in _BETWEEN:
        return None
    first, second = tokens[i], tokens[k]
    if not (_whole(first) and _whole(second)) or first.sent != second.sent:
        return None
    before = tokens[max(0, i - _BEFORE) : i]
    if before and before[-1].text.lower() in _RANGE_OPENERS:
        return None  # "people aged 18 to 25 voted": a range
    after = tokens[k + 1 : k + 2]
    if not any(t.lemma.lower() in _VOTE_WORDS and t.sent == first.sent for t in [*before, *after]):
        return None
    return _figure(parsed, first, "votes-for"), _figure(parsed, second, "votes-against"), k + 1


def _whole(token: Token) -> bool:
    return token.text.isdigit() and len(token.text) <= 4


def _figure(parsed: Parsed, token: Token, kind: str) -> Quantity:
    text = parsed.document.text
    span = Span(parsed.document.id, token.begin, token.end, text[token.begin : token.end])
    return Quantity(value=Decimal(token.text), kind=kind, span=span, unit_text="votes")

"""Percentages a text reports of a few measures that outlets compare (`percent_kind`), read
from the parse, each with the measure in its kind (its unit "%"):

- a stake: "a 4.5% stake", "a stake of 4.5%" (`stake`);
- a rate's level: "inflation rose to 3.2%", "the unemployment rate stood at 5.1 percent",
  "raised its interest rate to 5.25%", "an approval rating of 42%" (`inflation`,
  `unemployment`, `interest-rate`, `approval`);
- a measure's rise or fall: "revenue rose 12 percent", "a 12% rise in revenue", "shares fell
  6.3%", "the economy grew 2.1%", "sales dropped by 8 per cent" (`revenue-rise`,
  `share-price-fall`, `gdp-rise` ...): the direction is part of the kind, so a rise and a
  fall are two figures, not rival ones.

- a poll's share of people who approve, disapprove, support or oppose: "49 percent of
  voters approve of her", "with 44% disapproving" (`approval`, `disapproval`, `support`,
  `opposition`).

Other percentages (of a workforce, of voters) stay out: what they are a share of varies too
much to compare across outlets. Shares of a vote are kg.claims.shares'.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.claims.counted import token_children
from kg.core.model import Token

__all__ = ["percent_kind"]

_RATES = {"inflation": "inflation", "unemployment": "unemployment", "jobless": "unemployment"}
_RATE_HEADS = {"interest": "interest-rate", "approval": "approval"}  # "interest rate"
_MEASURES = {
    "revenue": "revenue",
    "sale": "sales",
    "profit": "profit",
    "earning": "earnings",
    "income": "income",
    "share": "share-price",
    "stock": "share-price",
    "price": "price",
    "export": "exports",
    "import": "imports",
    "output": "output",
    "production": "output",
    "economy": "gdp",
    "gdp": "gdp",
}
_RISE = frozenset({"rise", "increase", "gain", "jump", "climb", "grow", "growth", "surge", "soar"})
_FALL = frozenset(
    {"fall", "drop", "decline", "decrease", "slump", "slide", "shrink", "plunge", "tumble", "dip"}
)
# "49 percent of voters approve", "with 44% disapproving": the share of people who hold a view
_OPINIONS = {
    "approve": "approval",
    "disapprove": "disapproval",
    "support": "support",
    "back": "support",
    "favor": "support",
    "favour": "support",
    "oppose": "opposition",
}
_LEVEL = frozenset({"to", "at", "of"})  # "rose to 3.2%", "stood at", "a rate of"
_BY = frozenset({"by"})  # "dropped by 8 per cent"


def percent_kind(tokens: Sequence[Token], i: int, j: int) -> str:
    """The kind of the percentage the number at tokens [i, j) gives, or ""."""
    if j >= len(tokens):
        return ""
    word = tokens[j].text.lower()
    if word in {"%", "percent"}:
        anchor = tokens[j]
    elif word == "per" and j + 1 < len(tokens) and tokens[j + 1].text.lower() == "cent":
        anchor = tokens[i] if tokens[i].head != i else tokens[j - 1]
    else:
        return ""
    head = tokens[anchor.head]
    for subject in (anchor, head):  # "49 percent of voters approve", "60 per cent ... oppose"
        verb = tokens[subject.head]  # (a verb the tagger read as a noun too: "disapprove")
        opinion = _OPINIONS.get(verb.lemma.lower()) or _OPINIONS.get(verb.text.lower())
        if subject.dep == "nsubj" and verb.pos in {"VERB", "NOUN"} and opinion:
            return opinion
    if anchor.dep in {"compound", "amod", "nmod", "nummod"}:  # "a 4.5% stake", "a 12% rise"
        return _of_noun(tokens, head)
    if anchor.dep == "pobj" and head.dep == "prep":  # "rose to 3.2%", "a stake of 4.5%"
        governor = tokens[head.head]
        if head.text.lower() in _LEVEL:
            if governor.lemma.lower() == "stake":
                return "stake"
            return _rate(tokens, governor)
        return _change(tokens, governor) if head.text.lower() in _BY else ""
    if anchor.dep in {"npadvmod", "dobj"}:  # "revenue rose 12 percent"
        return _change(tokens, head)
    if anchor.dep == "attr":  # "inflation was 3.2%"
        return _rate(tokens, head)
    return ""


def _of_noun(tokens: Sequence[Token], noun: Token) -> str:
    lemma = noun.lemma.lower()
    if lemma == "stake":
        return "stake"
    if lemma in _RATES:  # "3.2% inflation"
        return _RATES[lemma]
    direction = "rise" if lemma in _RISE else "fall" if lemma in _FALL else ""
    if not direction:
        return ""
    for prep in token_children(tokens, noun):  # "a 12% rise in third-quarter revenue"
        if prep.dep == "prep" and prep.text.lower() == "in":
            for measure in token_children(tokens, prep):
                if measure.dep == "pobj" and measure.lemma.lower() in _MEASURES:
                    return f"{_MEASURES[measure.lemma.lower()]}-{direction}"
    return ""


def _rate(tokens: Sequence[Token], verb: Token) -> str:
    """The rate the subject (or, after "raised ... to", the object) of a verb names."""
    for noun in token_children(tokens, verb):
        if noun.dep in {"nsubj", "nsubjpass", "dobj"}:
            kind = _rate_noun(tokens, noun)
            if kind:
                return kind
    return _rate_noun(tokens, verb) if verb.pos == "NOUN" else ""  # "a rate of 5%"


def _rate_noun(tokens: Sequence[Token], noun: Token) -> str:
    lemma = noun.lemma.lower()
    if lemma in _RATES:
        return _RATES[lemma]
    if lemma in {"rate", "rating"}:
        for mod in token_children(tokens, noun):
            word = mod.lemma.lower()
            if mod.dep in {"compound", "amod"} and (word in _RATES or word in _RATE_HEADS):
                return _RATES.get(word) or _RATE_HEADS[word]
    return ""


def _change(tokens: Sequence[Token], verb: Token) -> str:
    """A measure's rise or fall, where the verb says which and its subject is the measure."""
    lemma = verb.lemma.lower()
    direction = "rise" if lemma in _RISE else "fall" if lemma in _FALL else ""
    if not direction:
        return ""
    for noun in token_children(tokens, verb):
        if noun.dep in {"nsubj", "nsubjpass"} and noun.lemma.lower() in _MEASURES:
            return f"{_MEASURES[noun.lemma.lower()]}-{direction}"
    return ""

"""Numbers that count nothing (`is_not_a_count`): dates, times, ages, percentages, a
model's number ("a 737 jet", "Hermes 450"), "24/7", a compound modifier ("a three-day
curfew", "one-way drones", "a 45-year-old man"), and "one" as one of a set ("one of the
largest attacks", "one of 15 civilians killed"); years (`looks_like_year`).
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from kg.claims.counted import token_children
from kg.claims.numbers import fraction_start, is_number_token
from kg.core.model import Parsed, Token

__all__ = ["is_not_a_count", "looks_like_year"]

_NOT_COUNTS = {"DATE", "TIME", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}  # QUANTITY: "2,000-pound"
# Labels of a name before a number that is no model's name ("in Gaza 20 people").
_NO_MODEL = {"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "PERSON", "ORG"}
_TIME_WORDS = {"gmt", "utc", "a.m.", "p.m.", "am", "pm", "hours", "hrs", "o'clock", "bst", "cet"}
_AGE_WORDS = {"aged", "age", "ages"}
# "a 3,000-strong crowd": the one word after a hyphen that leaves the number a count
_COUNTING_COMPOUNDS = {"strong"}


def is_not_a_count(
    parsed: Parsed, i: int, j: int, head: Token, counted_nouns: Container[str]
) -> bool:
    """Whether the number at tokens [i, j) (`head` its head) counts nothing; `counted_nouns`
    are the units a QUANTITY may count in ("10,000 hectares")."""
    tokens = parsed.tokens
    span = tokens[i:j]
    if fraction_start(tokens, j - 1, i) == i:
        span = span[-1:]  # NER may call "[more than a quarter] of a million" a date
    if any("/" in t.text or ":" in t.text for t in span):
        return True  # 24/7, 10:30
    unit = tokens[j].lemma.lower() if j < len(tokens) else ""
    if any(t.ent_type in _NOT_COUNTS for t in span) and not (
        (unit in counted_nouns and all(t.ent_type == "QUANTITY" for t in span))
        or _a_bare_subject(span, head)
    ):
        return True  # (a measure the vocabulary counts, "10,000 hectares", is a QUANTITY too)
    after = tokens[j].text.lower() if j < len(tokens) else ""
    before = tokens[i - 1].text.lower() if i > 0 else ""
    if after in _TIME_WORDS or after in {"%", "percent", "per", "year-old", "years-old"}:
        return True
    if after in {"times", "fold"}:
        return True  # how often or how much more: "four times in 2022", "three times as many"
    if before in _AGE_WORDS or before in {"$", "€", "£", "no.", "#", "number"}:
        return True
    if before in {"a", "an", "more", "fewer", "each", "every"} and span[0].text.isdigit():
        return True  # a model's number: "a 737 jet", "more 737 MAX jets"
    prev = tokens[i - 1] if i > 0 else None
    if prev is not None and prev.pos == "PROPN" and prev.text[:1].isupper():
        # a model's number after its name: "Hermes 450 drone" (not "in Gaza 20 people")
        return prev.ent_type not in _NO_MODEL and span[0].text.isdigit()
    if _is_compound_modifier(tokens, j) or _is_one_of_a_set(tokens, i, j):
        return True
    # "Anna Berg, 52,": an age in apposition
    return head.dep == "appos" and tokens[head.head].pos in {"PROPN", "NOUN"}


def _is_compound_modifier(tokens: Sequence[Token], j: int) -> bool:
    """Whether the number ending before token j is joined by a hyphen to the word after it,
    a compound modifier ("a three-day curfew", "one-way drones", "a 45-year-old"; not "a
    3,000-strong crowd", whose number counts the crowd)."""
    if j + 1 >= len(tokens) or tokens[j].text not in {"-", "–"}:
        return False
    hyphen, word = tokens[j], tokens[j + 1]
    return (
        tokens[j - 1].end == hyphen.begin
        and hyphen.end == word.begin
        and word.text[:1].isalpha()
        and not is_number_token(word)
        and word.text.lower() not in _COUNTING_COMPOUNDS
    )


def _is_one_of_a_set(tokens: Sequence[Token], i: int, j: int) -> bool:
    """ "one of the largest attacks", "one of 15 civilians killed": a member of a set
    ranked or counted, no count of one ("one of the wounded" still is one)."""
    if j != i + 1 or tokens[i].text.lower() != "one":
        return False
    for prep in token_children(tokens, tokens[i]):
        if prep.dep == "prep" and prep.text.lower() == "of" and prep.i == i + 1:
            for set_ in token_children(tokens, prep):
                if set_.dep == "pobj" and _is_ranked_or_counted(tokens, set_):
                    return True
    return False


def _is_ranked_or_counted(tokens: Sequence[Token], noun: Token) -> bool:
    """Whether a noun phrase has a number or a superlative ("15 civilians", "the largest
    attacks", "the most powerful storms", "the largest")."""
    if noun.tag in {"JJS", "RBS"}:
        return True
    for child in token_children(tokens, noun):
        if child.dep == "nummod" or child.tag in {"JJS", "RBS"}:
            return True
        if child.dep == "amod" and any(g.tag == "RBS" for g in token_children(tokens, child)):
            return True
    return False


def _a_bare_subject(span: Sequence[Token], head: Token) -> bool:
    """A lone number, no year, that is a clause's subject: "(the WHO said) 70 had died",
    which NER may call a date; a date is no one who dies or is hurt."""
    return (
        len(span) == 1
        and span[0].text.isdigit()
        and not looks_like_year(span)
        and head.dep in {"nsubj", "nsubjpass"}
        and all(t.ent_type == "DATE" for t in span)
    )


def looks_like_year(span: Sequence[Token]) -> bool:
    """Whether a one-token number reads as a year ("2014")."""
    return len(span) == 1 and bool(re.fullmatch(r"(1[89]|20)\d\d", span[0].text))

"""Written numbers: which tokens are (part of) one and what value they read as.

Digits ("1,600", "2.5"), number words ("twelve", "forty-two", "a dozen"), scales ("3
million"), vague plurals ("hundreds", "dozens of": the smallest value they can mean, marked
vague), and an amount of money written with its scale in one token after a currency sign
("$5bn", "£269m"). What a number counts is kg.claims.quantities' business.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from kg.core.lexicon import read_lines
from kg.core.model import Token

__all__ = [
    "MONEY_SCALES",
    "SHORT_AMOUNT",
    "continues_number",
    "currencies",
    "fraction_start",
    "is_number_token",
    "is_scale",
    "is_won",
    "multiplier_start",
    "read_number",
]

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
}
_SCALES = {  # "two dozen" is 24, not 14
    "dozen": 12,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Scales written short after an amount of money ("$269m", "US$7.2 bn").
MONEY_SCALES = {"k": 1000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "tn": 10**12}
# Vague plurals: the smallest value each can mean ("hundreds" is at least two hundred).
_VAGUE = {
    "dozens": 24,
    "scores": 40,
    "tens": 20,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2_000_000,
    "billions": 2_000_000_000,
}
# Vague multipliers of a scale: "several million" is at least two million, "a few thousand"
# at least two thousand.
_SOME = {"several": 2, "few": 2}
# Fractions of a scale: "a quarter of a million", "half a billion", "three quarters of a million".
_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25"), "quarters": Decimal("0.25")}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
# An amount and its short scale in one token ("5bn"), read so after a currency sign.
SHORT_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|tn)$", re.IGNORECASE)


def is_number_token(token: Token) -> bool:
    """Tell whether a token is (part of) a written number: digits, number words, "hundreds"."""
    low = token.text.lower()
    if _DIGITS.match(token.text):
        return True
    if low in _VAGUE or low in _SCALES or (low in _UNITS and low not in {"a", "one"}):
        return True
    return low == "one" and token.pos == "NUM"


def continues_number(tokens: Sequence[Token], j: int) -> bool:
    low = tokens[j].text.lower()
    if low in _SCALES or (
        low == "of"
        and j + 1 < len(tokens)
        and tokens[j + 1].text.lower() in _VAGUE
        and tokens[j - 1].text.lower() in _VAGUE
    ):
        return True
    if tokens[j - 1].text.lower() == "of" and low in _VAGUE:
        return True
    if low in _UNITS and low not in {"a", "one"} and tokens[j - 1].text.lower() in _UNITS:
        return True
    if low in _UNITS and j > 1 and tokens[j - 1].text == "-" and _is_tens(tokens[j - 2]):
        return True  # "twenty-five"
    return low == "-" and j + 1 < len(tokens) and tokens[j + 1].text.lower() in _UNITS


def _is_tens(token: Token) -> bool:
    value = _UNITS.get(token.text.lower(), 0)
    return value >= 20 and value % 10 == 0


def number_end(tokens: Sequence[Token], j: int, end: int) -> int:
    """The token after a written number whose words go on at token j, within offset `end`."""
    while j < len(tokens) and tokens[j].end <= end and continues_number(tokens, j):
        j += 1
    return j


@lru_cache(maxsize=1)
def currencies() -> dict[str, str]:
    """Currency signs and words (lowercase) -> ISO 4217 code (kg/data/currencies.tsv)."""
    table: dict[str, str] = {}
    for line in read_lines("currencies.tsv"):
        form, code = line.split("\t")[:2]
        table[form] = code
    return table


def read_number(words: Sequence[str]) -> tuple[Decimal, bool] | None:
    """Read a number from its words; the flag says it is vague ("hundreds")."""
    words = [w for w in words if w not in {"-", "of"}]
    if not words:
        return None
    if all(w in _VAGUE for w in words):
        value = 1
        for w in words:
            value *= _VAGUE[w] // 2 if value > 1 else _VAGUE[w]
        return Decimal(value), True
    total = Decimal(0)
    current = Decimal(0)
    vague = False
    fraction = False  # "a quarter [of a] million": that "a" is no one
    for w in words:
        if w == "a" and fraction:
            continue
        fraction = w in _FRACTIONS
        if fraction:
            current = (current or Decimal(1)) * _FRACTIONS[w]
        elif _DIGITS.match(w):
            try:
                current += Decimal(w.replace(",", ""))
            except InvalidOperation:
                return None
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _SCALES:
            current = (current or Decimal(1)) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total += current
                current = Decimal(0)
        elif w in _VAGUE:
            current = (current or Decimal(1)) * (_VAGUE[w] // 2)
        elif w in _SOME:
            current, vague = Decimal(_SOME[w]), True  # "a few": that "a" is no one
        else:
            return None
    return total + current, vague


def fraction_start(tokens: Sequence[Token], i: int, first: int) -> int | None:
    """Where a fraction of the scale word at token i begins ("[a quarter of a] million",
    "[half a] billion", "[three quarters of a] million"), not before token `first`."""
    if tokens[i].text.lower() not in _SCALES:
        return None
    k = i - 1
    if k >= first and tokens[k].text.lower() == "a":
        k -= 1
    if k >= first and tokens[k].text.lower() == "of":
        k -= 1
    if k < first or tokens[k].text.lower() not in _FRACTIONS or k == i - 1:
        return None
    if k - 1 >= first and tokens[k - 1].text.lower() in _UNITS:
        k -= 1  # "a quarter", "three quarters"
    return k


def multiplier_start(tokens: Sequence[Token], i: int, first: int) -> int | None:
    """Where a vague multiplier of the scale word at token i begins ("[several] million",
    "[a few] thousand"), not before token `first`."""
    if tokens[i].text.lower() not in _SCALES or tokens[i].text.lower() == "dozen":
        return None
    k = i - 1
    if k < first or tokens[k].text.lower() not in _SOME:
        return None
    if tokens[k].text.lower() == "few":
        if k - 1 < first or tokens[k - 1].text.lower() != "a":
            return None  # "few thousand" says fewer than expected
        k -= 1
    return k


def is_scale(token: Token) -> bool:
    """Whether a token is a scale word ("dozen", "hundred", "million")."""
    return token.text.lower() in _SCALES


def is_won(tokens: Sequence[Token], j: int, scaled: bool) -> bool:
    """Whether token j is the Korean won after an amount: one with a scale word or of four
    digits or more ("5 million won", "50,000 won"), never the verb after a count ("those 12
    won", "won 5 seats")."""
    if j >= len(tokens) or tokens[j].text.lower() != "won" or j == 0:
        return False
    digits = sum(c.isdigit() for c in tokens[j - 1].text)
    return scaled or is_scale(tokens[j - 1]) or digits >= 4

"""One name NER cut in two mentions a space apart (`split_name`): "Amy Berman" + "Jackson",
"Jamal" + "Khashoggi", "Chrysler" + "LLC", and an unfamiliar given name typed a place
before the surname ("Ippei" + "Mizuhara"); and a company's name NER closed before its
company word, typing the rest a place ("Halden" + "Trading": `company_tail`), and a body's
name NER left out before the country it ends in, typing that a place ("Transparency Watch
UK": `body_before_country`). Used by kg.entities.spans.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import Mention, Token
from kg.entities import names
from kg.entities.person_names import SUFFIXES

__all__ = ["body_before_country", "company_tail", "split_name"]

_NAME_TYPES = frozenset({"Person", "Place", "Organisation"})


def split_name(
    first: Mention, second: Mention, text: str, alone: Counter[str], unfollowed: Counter[str]
) -> Mention | None:
    """ "Amy Berman" + "Jackson", "Jamal" + "Khashoggi", "Chrysler" + "LLC": one name NER
    cut in two mentions of one type a space apart. A person's with no title word (and no
    sentence end) in its first part; a place's or organisation's of one word each, the
    second no acronym but a legal form ("Canadian Auto Workers" + "CAW" are two). Never two
    names each standing alone elsewhere ("Trump Putin summit"), nor a name known. An
    unknown one-word place before a person's one-word name is that person's given name
    ("Ippei" + "Mizuhara"), where the place's word stands before a person's name each time
    (`unfollowed`: the mentions of a text not right before one)."""
    if (
        first.type == "Place"
        and second.type == "Person"
        and unfollowed[first.text] == 0
        and " " not in first.text + second.text
        and first.end_token == second.start
        and text[first.end : second.begin] == " "
        and names.find_place(first.text) is None
    ):
        return dataclasses.replace(
            second, begin=first.begin, start=first.start, text=text[first.begin : second.end]
        )
    if (
        first.type != second.type
        or first.type not in _NAME_TYPES
        or first.end_token != second.start
        or text[first.end : second.begin] != " "
        or first.antecedent is not None
        or second.antecedent is not None
        or (alone[first.text] > 1 and alone[second.text] > 1)
    ):
        return None
    whole = f"{first.text} {second.text}"
    if first.type == "Person":
        # "County Sheriff" + "Ola Brin"; "charged Mr. X Jr. Lindsey Graham" (a sentence end)
        words = [w.lower().rstrip(".") for w in first.text.split()]
        if first.text.endswith(".") or any(w in lexicon.titles() or w in SUFFIXES for w in words):
            return None
    elif " " in first.text or " " in second.text:
        return None
    elif names.is_acronym(second.text) and names.without_legal_form(whole) == whole:
        return None
    for m in (first, second):
        if names.find_place(m.text) is not None or names.find_organisation(m.text) is not None:
            return None
    return dataclasses.replace(
        first, end=second.end, end_token=second.end_token, text=text[first.begin : second.end]
    )


def company_tail(m: Mention, tokens: Sequence[Token], text: str, taken: bytearray) -> Mention:
    """ "Halden Trading", "Ostia Capital": a place's name right before a capitalised company
    word (kg/data/company_words.txt) under no mention that ends the name (no capitalised
    word after it: "Air Force"), is a company's name."""
    k = m.end_token
    if m.type != "Place" or m.antecedent is not None or k >= len(tokens):
        return m
    word = tokens[k]
    if (
        taken[k]
        or word.pos != "PROPN"
        or not word.text.istitle()
        or word.text.lower() not in lexicon.company_words()
        or text[m.end : word.begin] != " "
        or (k + 1 < len(tokens) and tokens[k + 1].text[:1].isupper())
    ):
        return m
    return dataclasses.replace(
        m,
        end=word.end,
        end_token=k + 1,
        text=text[m.begin : word.end],
        type="Organisation",
        label="ORG",
        title="",
    )


def body_before_country(
    m: Mention, tokens: Sequence[Token], text: str, taken: bytearray
) -> Mention:
    """ "Transparency Watch UK": a country's capitals ("UK", "US") after one to four
    capitalised words under no mention that hang on it as one name, the first no
    sentence's opening word: a body's national branch (not where a name's "the", "of" or
    "and" comes before: "Save the Children UK", its start unseen)."""
    k = m.start
    if (
        m.type != "Place"
        or m.end_token - k != 1
        or not (2 <= len(m.text) <= 3 and m.text.isupper())
        or names.find_place(m.text) is None
    ):
        return m
    first = k
    while (
        first > 0
        and k - first < 4
        and not taken[first - 1]
        and tokens[first - 1].head in range(first, k + 1)
        and tokens[first - 1].pos == "PROPN"
        and tokens[first - 1].text.istitle()
    ):
        first -= 1
    if first == k or first < 2 or tokens[first - 1].text in ".!?\n":
        return m
    if tokens[first - 1].text in ("the", "of", "and", "&") and tokens[first - 2].text.istitle():
        return m
    if names.find_place(" ".join(t.text for t in tokens[first:k])) is not None:
        return m  # "Greater Manchester UK": a place in a country
    begin = tokens[first].begin
    return dataclasses.replace(
        m,
        begin=begin,
        start=first,
        text=text[begin : m.end],
        type="Organisation",
        label="ORG",
        kb_id="",
    )

"""One name NER cut in two mentions a space apart (`split_name`): "Amy Berman" + "Jackson",
"Jamal" + "Khashoggi", "Chrysler" + "LLC", and an unfamiliar given name typed a place
before the surname ("Ippei" + "Mizuhara"); and a company's name NER closed before its
company word, typing the rest a place ("Halden" + "Trading": `company_tail`). Used by
kg.entities.spans.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import Mention, Token
from kg.entities import names
from kg.entities.person_names import SUFFIXES

__all__ = ["company_tail", "split_name"]

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
    word (kg/data/company_words.txt) under no mention, that ends the
    name (no capitalised word after it: "Air Force"), is a company's name."""
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

"""A named person's role as a source's words give it (`role_of_person`): a title, the words
of the name's own phrase before it ("Kremlin spokesman X", "Trump's lawyer X"), an
appositive noun phrase ("X, commander of the army"); not a party and state tag ("R-Ky."),
a dateline, nor a name alone ("Apple's Tim Cook": whom they are with, not a role). Used by
kg.claims.claimants."""

from __future__ import annotations

import re

from kg.claims.context import ParsedText, lexicon, trim
from kg.core.model import Mention

__all__ = ["role_of_person"]

_PARTY_STATE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,6}")  # "R-Ky.", "D-N.Y."

# Marks that end what came before a name's own phrase: a dateline's dash and brackets
# ("WASHINGTON (Reuters) - U.S. President X"), a colon.
_PHRASE_BREAKS = frozenset({"-", "–", "—", "(", ")", ":", "|"})


def _phrase_start(doc: ParsedText, first: int, start: int) -> int:
    """Where the words before a name at token `start` that can be its role begin: after a
    dateline's dash or bracket (a hyphen inside a word, "pro-Kremlin", goes on), and after
    another person's name that is not a possessive ("Trump's lawyer X" keeps "Trump's";
    "... Mr. Lowe Jr. Dana Voss, the mayor" is two names where a sentence break was missed)."""
    tokens = doc.tokens
    for i in range(start - 1, first - 1, -1):
        t = tokens[i]
        if t.text in _PHRASE_BREAKS and (t.text != "-" or doc.text[t.begin - 1 : t.begin] == " "):
            return i + 1
    if start <= first:
        return first
    for other in doc.mentions_inside(tokens[first].begin, tokens[start - 1].end):
        possessive = doc.text[other.end : other.end + 2] in {"'s", "’s"}
        if other.type == "Person" and other.end_token <= start and not possessive:
            first = max(first, other.end_token)
    return first


def role_of_person(
    doc: ParsedText, source: tuple[int, int], m: Mention
) -> tuple[str, list[tuple[int, int]]]:
    """Words that give a person's role (a title, the words of the name's own phrase before
    it, an appositive noun phrase) and the character ranges they were read from."""
    tokens = doc.tokens
    parts: list[str] = []
    where: list[tuple[int, int]] = []
    if m.title:
        parts.append(m.title)
    # Only the name's own phrase: not "a statement by" above it, nor adverbs ("later").
    first = source[0]
    k = doc.mention_head(m)
    while source[0] <= tokens[k].head < source[1] and tokens[k].head != k:
        if tokens[k].dep == "pobj":
            first = max(first, tokens[k].head + 1)
        k = tokens[k].head
    first = _phrase_start(doc, first, m.start)
    before = [
        t
        for t in tokens[first : m.start]
        if t.dep not in {"det", "punct", "advmod", "prep"} and t.text.lower() not in {"'s", "’s"}
    ]
    if before:
        text = doc.text[before[0].begin : before[-1].end]
        where.append((before[0].begin, before[-1].end))
        # "Apple's Tim Cook", "North Korea's X": a name alone says whom they are with (the
        # affiliation, read from `where`), not their role
        names = doc.mentions_inside(before[0].begin, before[-1].end)
        if all(any(n.start <= t.i < n.end_token for n in names) for t in before):
            text = ""
        if text and text not in parts and not any(text in p for p in parts):
            parts = [text] if m.title and m.title in text else parts + [text]
    appos = [
        c
        for i in range(m.start, m.end_token)
        for c in doc.child(i, "appos")
        if source[0] <= c < source[1]
        and tokens[c].pos in {"NOUN", "PROPN"}
        # "Sen. X (Va.)": a bracketed state or party tag is no role
        and tokens[min(doc.subtree(c)) - 1].text != "("
    ]
    if appos:
        tree = sorted(doc.subtree(appos[0]))
        for c in appos[1:]:  # "co-founder": the parser may hang each piece on the name
            more = sorted(doc.subtree(c))
            if more[0] == tree[-1] + 1:
                tree += more
        tree = [i for i in tree if i < source[1]]
        tree = [
            i
            for i in tree
            if not any(tokens[r].dep == "relcl" and i in doc.subtree(r) for r in tree)
        ]
        span = trim(doc.text, *doc.span_of(tree))
        if span is not None:
            parts.append(doc.text[span[0] : span[1]])
            where.append(span)
    # "Sen. X, R-S.C., said": the party and state tag of US politics is no role.
    parts = [p for p in parts if not p.startswith("(") and not _PARTY_STATE.fullmatch(p)]
    honorifics = lexicon().honorifics
    parts = [
        " ".join(w for w in p.split() if w.lower().rstrip(".") not in honorifics) for p in parts
    ]
    return ", ".join(p for p in parts if p), where

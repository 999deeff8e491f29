"""The circumstances of a statement: certainty, polarity, medium, date, earlier or not.

Read from the cue's clause outside the content (where "in a video address on Tuesday" is
said) and, for hedges, from the content too. Certainty and polarity take values from a small
controlled vocabulary; the medium is a term of kg/data/media.tsv; relative dates ("on
Wednesday", "yesterday", "last week", "New Year's Day") are resolved against the article's
date when it is known, and left out when it is not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

from kg.claims.context import Cue, Found, ParsedText, lexicon
from kg.core.calendar import MONTHS, WEEKDAYS, published_day
from kg.core.model import Certainty, Polarity, Token

__all__ = ["certainty_polarity", "claim_date", "cue_region", "is_prior", "match_phrases", "medium"]

_WEEKDAYS, _MONTHS = WEEKDAYS, MONTHS


def cue_region(doc: ParsedText, f: Found) -> list[int]:
    """Tokens of the cue's sentence outside the content: where medium and date are said."""
    if f.cue == "according to":
        s = doc.parsed.sentences[doc.tokens[f.head].sent]
        scope = list(range(s.start, s.end_token))
    else:
        scope = doc.subtree(f.head)
    return [i for i in scope if not f.content[0] <= doc.tokens[i].begin < f.content[1]]


def match_phrases(
    words: Sequence[str], phrases: tuple[tuple[tuple[str, ...], str], ...]
) -> list[tuple[int, str]]:
    """(position, value) of the first of `phrases` (in their order) starting at each word."""
    by_first = _by_first_word(phrases)
    out = []
    for k, word in enumerate(words):
        for phrase, value in by_first.get(word, ()):
            if tuple(words[k : k + len(phrase)]) == phrase:
                out.append((k, value))
                break
    return out


@lru_cache(maxsize=16)
def _by_first_word(
    phrases: tuple[tuple[tuple[str, ...], str], ...],
) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The phrases by their first word, each list in the phrases' order (none is empty)."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, value in phrases:
        if phrase:
            index.setdefault(phrase[0], []).append((phrase, value))
    return index


def certainty_polarity(doc: ParsedText, f: Found, cue: Cue | None) -> tuple[Certainty, Polarity]:
    """How certain the statement is and whether it affirms or denies, from cue and hedges."""
    content = doc.tokens_within(*f.content)
    near = [
        doc.tokens[c] for c in doc.children[f.head] if doc.tokens[c].dep in {"advmod", "aux", "neg"}
    ]
    main = _main_predicates(doc, content)
    effects = {
        v
        for k, v in match_phrases([t.text.lower() for t in content], lexicon().hedges)
        if v != "hedged" or _hedges_content(doc, content[k], main)
    }
    effects |= {v for _, v in match_phrases([t.text.lower() for t in near], lexicon().hedges)}
    certainty: Certainty = "asserted"
    if "uncertain" in effects:
        certainty = "uncertain"
    elif "hedged" in effects or (cue is not None and cue.certainty == "hedged"):
        certainty = "hedged"
    negative = (
        (cue is not None and cue.polarity == "negative")
        or "negative" in effects
        or any(t.dep == "neg" for t in near)
        or (not f.direct and _root_negated(doc, content))
    )
    return certainty, "negative" if negative else "positive"


# Hedge words that hedge what is said only on its main predicate ("the toll may rise", "it
# is likely", "he probably left"), not inside a clause or a noun phrase of it ("is not as
# weak as some may think", "warned of possible bird activity"); the others ("an estimated
# 3,000", "reportedly") hedge wherever they stand.
_SCOPED_HEDGES = frozenset(
    {"may", "might", "could", "likely", "unlikely", "probably", "possibly", "possible"}
    | {"perhaps", "appear", "appears", "seem", "seems", "seemed", "apparently", "suspected"}
)
_NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "nothing", "no"})
_PERCEPTION = frozenset({"see", "hear", "feel", "smell", "taste", "watch"})


def _main_predicates(doc: ParsedText, content: Sequence[Token]) -> set[int]:
    """The content's root words and what continues them: conjoined and open-clause verbs."""
    inside = {t.i for t in content}
    main = {t.i for t in content if t.head not in inside or t.head == t.i}
    todo = list(main)
    while todo:
        for c in doc.children[todo.pop()]:
            if c in inside and c not in main and doc.tokens[c].dep in {"conj", "xcomp", "acomp"}:
                main.add(c)
                todo.append(c)
    return main


def _hedges_content(doc: ParsedText, t: Token, main: set[int]) -> bool:
    """Whether a hedge word found at `t` hedges the content (see _SCOPED_HEDGES); "could"
    denied is what could not be done ("nobody could tell me", "we couldn't see"), and with
    a verb of perception what was perceived: no hedge."""
    word = t.text.lower()
    if word not in _SCOPED_HEDGES:
        return True
    if t.i not in main and t.head not in main:
        return False
    if word == "could" and t.dep == "aux":
        if doc.tokens[t.head].lemma.lower() in _PERCEPTION:
            return False  # "we could hear the cylinders exploding": what was perceived
        for c in doc.children[t.head]:
            child = doc.tokens[c]
            if child.dep == "neg":
                return False
            if child.dep in {"nsubj", "nsubjpass"} and (
                child.text.lower() in _NEGATIVE_SUBJECTS
                or any(doc.tokens[d].text.lower() == "no" for d in doc.children[c])
            ):
                return False
    return True


def _root_negated(doc: ParsedText, content: Sequence[Token]) -> bool:
    """Whether the content's first root is negated; "would not rule out X" is no denial
    but a hedge (kg/data/hedges.tsv)."""
    inside = {t.i for t in content}
    roots = [t for t in content if t.head not in inside or t.head == t.i][:1]
    if any(r.lemma.lower() == "rule" and doc.child(r.i, "prt") for r in roots):
        return False
    return any(doc.tokens[c].dep == "neg" for r in roots for c in doc.children[r.i])


def medium(doc: ParsedText, region: Sequence[int]) -> str:
    """Where the statement was made, as a term of kg/data/media.tsv, or ""."""
    tokens = [doc.tokens[i] for i in region]
    for k, value in match_phrases([t.text.lower() for t in tokens], lexicon().media):
        if tokens[k].pos in {"NOUN", "PROPN"} or (
            k + 1 < len(tokens) and tokens[k + 1].pos in {"NOUN", "PROPN"}
        ):
            return value
    return ""


def claim_date(doc: ParsedText, region: Sequence[int]) -> str:
    """The ISO date (or week) the statement was made, resolved against the article's date."""
    published = published_day(doc.parsed.document.published)
    # A clause of its own under the cue ("since it began on May 2") dates another event.
    aside = {
        k
        for i in region
        if doc.tokens[i].dep == "advcl" and doc.child(i, "mark")
        for k in doc.subtree(i)
    }
    words = [doc.tokens[i].text.lower().rstrip(".") for i in region if i not in aside]
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if w in _MONTHS and nxt.isdigit() and 1 <= int(nxt) <= 31:
            year = _year_after(words, k + 2) or (published.year if published else None)
            if year is not None:
                return _iso(year, _MONTHS[w], int(nxt))
        if w.isdigit() and 1 <= int(w) <= 31 and nxt in _MONTHS:
            year = _year_after(words, k + 2) or (published.year if published else None)
            if year is not None:
                return _iso(year, _MONTHS[nxt], int(w))
        if published is None:
            continue
        if w in _WEEKDAYS:
            back = (published.weekday() - _WEEKDAYS.index(w)) % 7
            return (published - dt.timedelta(days=back)).isoformat()
        if w == "yesterday":
            return (published - dt.timedelta(days=1)).isoformat()
        if w == "today":
            return published.isoformat()
        if w == "last" and nxt == "week":
            year, week, _ = (published - dt.timedelta(days=7)).isocalendar()
            return f"{year}-W{week:02d}"
        if w == "new" and nxt == "year" and k + 2 < len(words) and words[k + 2] in {"'s", "’s"}:
            day = words[k + 3] if k + 3 < len(words) else ""
            if day == "eve":
                return _iso(published.year - (published.month < 12), 12, 31)
            if day == "day":
                return _iso(published.year + (published.month == 12 and published.day == 31), 1, 1)
    return ""


def _year_after(words: Sequence[str], k: int) -> int | None:
    for w in words[k : k + 2]:
        if re.fullmatch(r"(19|20)\d\d", w):
            return int(w)
    return None


def _iso(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def is_prior(doc: ParsedText, region: Sequence[int]) -> bool:
    """Tell whether the text presents the statement as an earlier one ("previously said")."""
    prior = lexicon().prior
    return any(
        doc.tokens[i].text.lower() in prior
        for i in region
        if doc.tokens[i].dep in {"advmod", "amod", "npadvmod"}
    )

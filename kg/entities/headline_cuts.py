"""Names NER ran into the words around them, cut back to the name the text gives elsewhere.

- "Dana Voss Checks Into Clinic" in a headline, beside "Dana Voss" in the text: the words
  after the name are not part of it (`cut_after_person`); nor, in a line of capitalised
  words, those after a surname the text gives its bearer alone ("Voss Walks Out Of Talks"
  beside "Mr. Voss").
- "Obama To Nominate Dana Voss", "Nominates Dana Voss" in a line of capitalised words:
  the headline's words before the name are not part of it (`cut_before_person`).
- "Opening Path", "Families Dig Trenches" in such a line, words the text's body never
  capitalises: no name at all, of a person or a body (`headline_words_only`).
- "Director of National Intelligence Dan Coats": the remit after a title and "of" is no
  part of the name; it is the title's (`cut_portfolio`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Sequence

from kg.core import lexicon
from kg.core.model import Mention, Token
from kg.entities.person_names import SUFFIXES, is_east_asian, is_name_particle, title_before

__all__ = [
    "body_capitals",
    "cut_after_person",
    "cut_before_person",
    "cut_portfolio",
    "headline_words_only",
    "title_case_line",
]


def cut_after_person(
    m: Mention,
    tokens: Sequence[Token],
    text: str,
    people: Collection[str],
    surnames: Collection[str],
    headlines: dict[int, bool],
) -> Mention:
    """ "Dana Voss Checks Into Clinic" in a headline, beside "Dana Voss" in the text:
    the person's name, not the words NER ran on into. An organisation named after a
    person ("Ida Lund Center") is cut only where a preposition or verb follows the name.
    A one-word name (`surnames`: the text calls a person so alone) is cut to only in a
    line of capitalised words ("Voss Walks Out Of Talks", "Voss Quits"), and never when it
    is a given name ("Ellen Marsh Joins ...": "Ellen" alone is hers too)."""
    for end in range(m.end_token - 1, m.start, -1):
        name = text[m.begin : tokens[end - 1].end]
        if tokens[end].begin == tokens[end - 1].end:
            continue  # inside a word: "Ri Chol-min" is not "Ri Chol" run on
        if end - m.start == 1:
            if (
                name not in surnames
                or name.lower() in lexicon.given_names()  # "Tara Reid Enters ...": her name
                or not title_case_line(text, m.begin, headlines)
            ):
                continue
        elif name == m.text or name not in people:
            continue
        rest = tokens[end : m.end_token]
        if all(t.text.lower().rstrip(".") in SUFFIXES or t.text == "." for t in rest):
            return m  # "Harold Brandt Jr." is another person than Harold Brandt
        if is_name_particle(rest[0].text.split("-")[0]):
            return m  # "Abdel Fattah al-Burhan" is another person than "Abdel Fattah" X
        if m.type == "Organisation" and not any(
            t.pos in ("ADP", "VERB", "AUX") or t.tag.startswith("VB") for t in rest
        ):
            return m
        return dataclasses.replace(
            m, end=tokens[end - 1].end, end_token=end, text=name, type="Person", label="PERSON"
        )
    return m


def cut_before_person(
    m: Mention, tokens: Sequence[Token], text: str, people: set[str], headlines: dict[int, bool]
) -> Mention:
    """ "Obama To Nominate Dana Voss" in a headline, beside "Dana Voss" in the text: the
    person's name, not the headline's words before it. Only in a line whose words are all
    capitalised (elsewhere the tagger tells a verb from a name), and a person's single word
    before the name must be no given name ("Paul Jones" is in "John Paul Jones")."""
    for start in range(m.start + 1, m.end_token - 1):
        name = text[tokens[start].begin : m.end]
        if name not in people:
            continue
        before = tokens[m.start : start]
        if m.type == "Person" and (
            len(before) > 1 or before[0].text.lower() in lexicon.given_names()
        ):
            return m
        if m.type == "Organisation" and not any(
            t.tag.startswith("VB") or t.tag in ("TO", "MD") for t in before
        ):
            return m  # "Friends of Dana Voss" keeps its name
        if not title_case_line(text, m.begin, headlines):
            return m
        begin = tokens[start].begin
        return dataclasses.replace(
            m, begin=begin, start=start, text=name, type="Person", label="PERSON", title=""
        )
    return m


def headline_words_only(
    m: Mention,
    tokens: Sequence[Token],
    text: str,
    headlines: dict[int, bool],
    body: Callable[[], set[str]],
) -> bool:
    """ "Judge Resentences Two Brothers, Opening Path to Parole": in a line of capitalised
    words NER took "Opening Path" for a person ("Families Dig Trenches" for a body). True
    when fewer than half the words of a mention on such a line stand capitalised in the
    text's body (`body()`: the capitalised words outside such lines and sentence starts)
    and its first word is no known given name: the mention is no name."""
    if not title_case_line(text, m.begin, headlines):
        return False
    words = [t.text for t in tokens[m.start : m.end_token] if t.text.isalpha()]
    if not words or words[0].lower() in lexicon.given_names():
        return False  # "Ellen Marsh Joins ...": a person's name, whatever the body says
    capitalised = body()
    return 2 * sum(w in capitalised for w in words) < len(words)


def body_capitals(tokens: Sequence[Token], text: str, headlines: dict[int, bool]) -> set[str]:
    """The capitalised words of a text outside its lines of capitalised words, less those
    that open a sentence."""
    return {
        t.text
        for k, t in enumerate(tokens)
        if t.text[:1].isupper()
        and k > 0
        and tokens[k - 1].sent == t.sent
        and not title_case_line(text, t.begin, headlines)
    }


def title_case_line(text: str, begin: int, seen: dict[int, bool]) -> bool:
    """True when every word of four letters or more on the line at `begin` is capitalised
    ("al-Fashir" is) (a headline), and the line has three such words at least; `seen` keeps
    each line's answer by the line's first character."""
    lo = text.rfind("\n", 0, begin) + 1
    if lo not in seen:
        hi = text.find("\n", begin)
        words = [w for w in text[lo : hi if hi >= 0 else len(text)].split() if len(w) > 3]
        words = [w for w in words if w[0].isalpha()]
        seen[lo] = len(words) >= 3 and all(_capitalised(w) for w in words)
    return seen[lo]


def _capitalised(word: str) -> bool:
    """A capitalised word, or one whose capital follows a particle's hyphen ("al-Fashir")."""
    return word[0].isupper() or any(part[:1].isupper() for part in word.split("-")[1:])


def cut_portfolio(m: Mention, tokens: Sequence[Token], text: str) -> Mention:
    """ "Director of National Intelligence Dan Coats", "Minister of Foreign Affairs Wang
    Yi": after a title and "of", NER ran the portfolio into the name. The name starts at
    its first given name the lexicon knows, or at a Chinese or Korean surname; else, of
    four words or more, it is the last two."""
    k = before = m.start
    titles = lexicon.titles()
    while before > 0 and tokens[before - 1].text.lower() in titles:
        before -= 1  # "of Foreign" + "Affairs Wang Yi": the nlp stage took "Foreign" for a title
    if (
        before < 2
        or tokens[before - 1].text != "of"
        or tokens[before - 2].text.lower() not in titles
    ):
        return m
    words = [t.text for t in tokens[k : m.end_token]]
    if not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return m
    given = lexicon.given_names()
    start = next(
        (
            j
            for j in range(1, len(words) - 1)
            if words[j].lower() in given or is_east_asian([w.lower() for w in words[j:]])
        ),
        len(words) - 2 if len(words) >= 4 else 0,
    )
    if start == 0:
        return m
    begin = tokens[k + start].begin
    return dataclasses.replace(
        m,
        begin=begin,
        start=k + start,
        text=text[begin : m.end],
        type="Person",
        label="PERSON",
        title=title_before(tokens, k + start, text),
    )

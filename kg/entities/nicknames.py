"""A person's name with a nickname in quotation marks inside it: one mention of the person.

News in many countries writes a nickname between the given name and the surname
("Rodrigo "Digong" Duterte", "Joaquín 'El Chapo' Guzmán", "Ronald "Bato" dela Rosa"). The
small English model cuts such a name anywhere: 'Rodrigo "' a person and "Digong" a body,
"Ronald "Bato" a person and "dela Rosa" another. A known given name (or two known ones), a
nickname of one to three capitalised words in quotation marks, and a surname (with its
particles, one capitalised word) are one person's name, and so is a given name the lexicon
does not know that NER typed a person alone ('Bartholomew "Bart" Knoll'): whatever NER made
of it is replaced by one Person mention, which kg.entities.person_names reads with the
nickname apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import Mention, Token
from kg.entities.person_names import is_name_particle

__all__ = ["nicknamed_names"]

_WORD = r"[A-ZÀ-Þ][\w'’-]*"
_NICKNAMED = re.compile(
    rf"(?P<given>{_WORD}(?: {_WORD})?) [\"“‘'](?P<nick>{_WORD}(?: {_WORD}){{0,2}})[\"”’'] "
    rf"(?P<surname>(?:[a-z]+ ){{0,2}}{_WORD})"
)


def nicknamed_names(
    mentions: Sequence[Mention], tokens: Sequence[Token], text: str, doc_id: str
) -> list[Mention]:
    """The mentions, with each nicknamed name one Person mention in place of the mentions
    NER made of its parts."""
    if not any(q in text for q in "\"“‘'"):
        return list(mentions)
    starts = {t.begin: t.i for t in tokens}
    ends = {t.end: t.i for t in tokens}
    known = lexicon.given_names()
    titles = lexicon.titles() | lexicon.name_titles()
    # one-word names NER typed a person ('Bartholomew "Bart" Knoll': "Bartholomew")
    persons = {m.begin: m.end for m in mentions if m.type == "Person" and " " not in m.text}
    found: list[Mention] = []
    for match in _NICKNAMED.finditer(text):
        given = match.group("given").split()
        begin, end = match.start(), match.end()
        if len(given) == 2 and given[0].lower() not in known:
            begin += len(given[0]) + 1  # "Senator Ronald": the title is no part of it
            given = given[1:]
        particles = match.group("surname").split()[:-1]
        typed = len(given) == 1 and persons.get(begin) == begin + len(given[0])
        if (not typed and any(g.lower() not in known for g in given)) or not all(
            is_name_particle(p) for p in particles
        ):
            continue  # not "Gary Ross 'Catching Fire' Talks": a full name before a title
        start, last = starts.get(begin), ends.get(end)
        if start is None or last is None or tokens[start].sent != tokens[last].sent:
            continue
        before = tokens[start - 1] if start else None
        if (
            before is not None
            and before.text[:1].isupper()
            and before.pos == "PROPN"
            and before.text.lower().rstrip(".") not in titles
        ):
            continue  # a longer run of names than this pattern reads (not "Mayor X")
        found.append(
            Mention(
                doc_id, begin, end, text[begin:end], "Person", tokens[start].sent, start, last + 1
            )
        )
    if not found:
        return list(mentions)
    kept = [m for m in mentions if not any(m.begin < f.end and f.begin < m.end for f in found)]
    return sorted([*kept, *found], key=lambda m: (m.begin, m.end))

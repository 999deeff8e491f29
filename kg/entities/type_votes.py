"""The type other documents give an entity's name (`vote_types`).

Run by kg.entities.resolution before it joins anything: an entity known by one name only
takes the type most other documents give that name, when they are at least twice as many (a
gazetteer or known-organisation entry, or a name some document writes with a legal form,
"X Inc", or with a place noun, "X province", counts as one more vote; a word no gazetteer
knows that is the surname of people other documents show to be people, "Mike Pompeo ...
Pompeo said", gets a person's vote for each of them). A place its own text puts somewhere
("in X", "X, Texas": Mention.proof) keeps its type. Resolution never joins entities of two
types, so this is what lets "X" typed as an organisation in one article join the place "X"
of three others.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import ENTITY_TYPES, Entity, EntityType
from kg.entities import names

__all__ = ["vote_types"]

_PERSON_RULES = frozenset({"surname", "surname-nearest", "full-name", "given-name", "middle-name"})


def _proves_person(e: Entity) -> bool:
    """Whether a document shows this entity to be a person: it calls it by the surname
    alone or with a title ("Ines Kade ... Kade said")."""
    return e.type == "Person" and (
        any(m.rule in _PERSON_RULES for m in e.merges) or any(m.title for m in e.mentions)
    )


def _full_names(e: Entity) -> set[str]:
    """The folded full names (two to four words, no known place or organisation) of an
    entity's own mentions."""
    out = set()
    for m in e.mentions:
        words = m.text.split()
        if m.antecedent is None and 2 <= len(words) <= 4:
            if names.find_organisation(m.text) is None and names.find_place(m.text) is None:
                out.add(names.fold(m.text))
    return out


def _people(entities: Sequence[Entity]) -> tuple[set[str], Counter[str], Counter[str]]:
    """Full names some document shows to be a person's, where NER's label is no more than a
    guess in other documents; each one-word surname -> how many entities shown to be people
    bear it: the bare word is a person's name in as many documents ("Pompeo" typed a place
    in one article, where three others write "Mike Pompeo ... Pompeo said"); and each
    one-word surname -> how many entities typed a person give it after a known given name
    ("Ingrid Saelen"): a full name a reader takes for a person's without more proof."""
    given = lexicon.given_names()
    proven: set[str] = set()
    bearers: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for e in entities:
        if e.type != "Person":
            continue
        full = _full_names(e)
        named.update({w[-1] for n in full if (w := n.split())[0] in given and w[-1].isalpha()})
        if _proves_person(e):
            proven |= full
            bearers.update(s for s in {name.split()[-1] for name in full} if s.isalpha())
    return proven, bearers, named


def vote_types(entities: Sequence[Entity]) -> list[Entity]:
    """Give an entity known by one name the type other documents agree that name has."""
    votes: dict[str, Counter[EntityType]] = defaultdict(Counter)
    proven, bearers, named = _people(entities)
    sole: list[str] = []
    for e in entities:
        keys = {names.fold(m.text) for m in e.mentions if m.antecedent is None} - {""}
        if e.type == "Weapon":
            sole.append("")
            continue
        for key in keys:
            votes[key][e.type] += 1
        sole.append(next(iter(keys)) if len(keys) == 1 else "")
    incorporated = {
        names.fold(bare)
        for e in entities
        if e.type == "Organisation"
        for m in e.mentions
        if (bare := names.without_legal_form(m.text)) != m.text
    }
    # places whose name some document writes with a place noun: "Hatay" of "Hatay province"
    regions = {
        names.fold(" ".join(words[:-1]))
        for e in entities
        if e.type == "Place"
        for m in e.mentions
        if len(words := m.text.split()) > 1 and words[-1].lower() in lexicon.place_nouns()
    }
    # organisations' first words ("Ford" of "Ford Motor Co"): a one-word name may be theirs
    openers = {
        names.fold(m.text.split()[0])
        for e in entities
        if e.type == "Organisation"
        for m in e.mentions
        if " " in m.text
    }
    surnames: set[str] = set()  # of people other documents name in full, and nothing else
    for key, counter in votes.items():
        if names.find_place(key) is not None or key in regions:
            counter["Place"] += 1
        elif names.find_organisation(key) is not None or key in incorporated:
            counter["Organisation"] += 1
        else:
            if bearers[key]:
                counter["Person"] += bearers[key]
            if named[key] and key not in openers:
                surnames.add(key)
    out = []
    for e, key in zip(entities, sole, strict=True):
        if key and not any(m.proof for m in e.mentions):
            counter = votes[key]
            best = min(counter, key=lambda t: (-counter[t], ENTITY_TYPES.index(t)))
            # "Ingrid Saelen" in one article, "Saelen said" typed an organisation in another
            # and nowhere else: the person's surname (a place keeps its type: "Jordan")
            surname = key in surnames and e.type == "Organisation" and counter[e.type] == 1
            if (key in proven or surname) and e.type == "Organisation" and not counter["Place"]:
                best = "Person"  # NER's label against a document that shows a person
            if best != e.type and (
                counter[best] >= 2 * counter[e.type]
                or key in proven
                or (surname and best == "Person")
            ):
                mentions = tuple(dataclasses.replace(m, type=best) for m in e.mentions)
                e = dataclasses.replace(e, type=best, mentions=mentions)
        out.append(e)
    return out

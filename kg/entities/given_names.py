"""Given names alone within one document: "Katie" after "Kathryn Jenkin" joins her, and
a word that is no one's first given name joins the one full name it is a later word of
("Dr. Blasey" of "Christine Blasey Ford"). Called by kg.entities.surnames once the surnames
have found their full names."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from kg.core import lexicon
from kg.core.model import Mention
from kg.entities import names
from kg.entities.groups import MentionGroups
from kg.entities.person_names import (
    PersonName,
    given_name_fits,
    given_name_keys,
    is_name_particle,
    person_name,
    title_gender,
)

if TYPE_CHECKING:
    from kg.entities.surnames import FullNames

__all__ = ["join_given_names"]


def join_given_names(groups: MentionGroups, full: FullNames, candidates: list[int]) -> None:
    """A one-word name that is no surname of the text joins the one full name whose given
    name it is, named before it ("Katie" after "Kathryn Jenkin"); two such full names (two
    people called Katie), a title of the other gender, or none named before: it stays apart.
    A word that is no one's first given name joins the one full name it is a later word of,
    before or after it: a first surname ("Dr. Blasey", of "Christine Blasey Ford").

    Each such word of the person's group then refers to the full name (`Mention.antecedent`):
    a short form, not a name of its own; across documents a lone given name would read as a
    surname and keep the person apart from other documents' full names."""
    # given-name key -> (name, first begin, a member) of the full names with that given name
    people: dict[str, list[tuple[PersonName, int, int]]] = defaultdict(list)
    # a later given name -> (first begin, a member) of the full names that have it
    middles: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for forms in full.by_surname.values():
        for form, (begins, members) in forms.items():
            name = person_name(form)
            for key in {*given_name_keys(name.given[0]), *name.nicknames}:
                people[key].append((name, begins[0], members[0]))
            words = [w for w in form.split() if not is_name_particle(w)]
            if len(name.given) >= 2 and all(w.isalpha() and w.istitle() for w in words):
                middles[name.given[-1]].append((begins[0], members[0]))
    if not people:
        return
    given: dict[int, tuple[set[str], int]] = {}  # root -> (given-name keys, full name's begin)
    for i in candidates:
        m = groups.mentions[i]
        word = _lone_word(m)
        if word is None or word in full.by_surname:
            continue
        first_of: dict[int, int] = {}  # root -> the begin of its first fitting full name
        bearers = {id(p): p for key in given_name_keys(word) for p in people.get(key, ())}
        suffix = person_name(m.text).suffix  # "Don Jr." is the one of his name with "Jr."
        for name, first, member in bearers.values():
            # named before it; with a suffix the one bearer of both anywhere (a headline's)
            if (
                (first < m.begin or suffix)
                and given_name_fits(word, name)
                and suffix in ("", name.suffix)
            ):
                root = groups.find(member)
                first_of[root] = min(first, first_of.get(root, first))
        rule = "given-name"
        if not first_of and word not in people:
            # a first surname under a title, wherever the full name is: "Dr. Blasey"
            # of "Christine Blasey Ford", "Mr. Garcia" of "Gabriel Garcia Marquez"; without
            # a title, a word no given name of the lexicon after the full name: "Lula" of
            # "Luiz Inacio Lula da Silva"
            rule = "middle-name"
            known = m.text.lower() in lexicon.given_names()
            for first, member in middles.get(word, ()):
                if m.title or (not known and first < m.begin):
                    root = groups.find(member)
                    first_of[root] = min(first, first_of.get(root, first))
        if len(first_of) != 1:
            continue
        target, begin = next(iter(first_of.items()))
        gender = title_gender(m.title)
        if gender and full.gender.get(target, set()) - {gender}:
            continue
        own = groups.find(i)
        if own != target:
            if not groups.join(target, i, rule, force="Person"):
                continue
            full.joined(groups, target, own)
        keys, _ = given.setdefault(groups.find(target), (set(), begin))
        keys.add(word)
    now: dict[int, tuple[set[str], int]] = {}  # by the roots after every join
    for root, (keys, begin) in given.items():
        held, _ = now.setdefault(groups.find(root), (set(), begin))
        held |= keys
    for j in groups.name_indices():
        entry = now.get(groups.find(j))
        if entry is not None and _lone_word(groups.mentions[j]) in entry[0]:
            groups.refer(j, entry[1])


def _lone_word(m: Mention) -> str | None:
    """A one-word name's key as a given name could be ("Katie"; "Don" of "Don Jr."), else
    None."""
    words = m.text.split()
    if not 1 <= len(words) <= 2 or names.is_acronym(m.text):
        return None
    word = person_name(m.text)
    if word.given or " " in word.surname or bool(word.suffix) != (len(words) == 2):
        return None
    return word.surname

"""Near-miss spellings of one person or one place across documents ("Melnychuk" and
"Melnichuk", "Bakhmut" and "Baghmut"): the last pass of cross-document resolution
(kg.entities.resolution), joining two groups only when each is the other's one near miss.

A person's surnames may be a near miss as kg.entities.identity.surnames_near says (five
letters or more, one sound or one letter apart in a long name), or a slip of one letter in a
short one ("Raite" for "Rait") where the two groups' documents keep the same company
(kg.entities.context); a place's only where one is in the gazetteer and the other is not.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from rapidfuzz.distance import Levenshtein

from kg.core.model import Merge
from kg.entities import names
from kg.entities.context import Context
from kg.entities.identity import Clusters, Profile, compatible, persons_compatible
from kg.entities.person_names import PersonName, person_name

__all__ = ["SLIP_CONTEXT", "link_near_misses"]


def link_near_misses(clusters: Clusters) -> None:
    """Join near-miss spellings of one person or one gazetteer place when unambiguous."""
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for root in clusters.roots():
        p = clusters.profiles[root]
        if p.type == "Person":
            for given in sorted({n.given[0] for n in p.persons if n.given}):
                buckets[("Person", given)].append(root)
        elif p.type == "Place":
            buckets[("Place", "")].append(root)
    candidates: dict[int, set[int]] = defaultdict(set)
    evidence: dict[tuple[int, int], tuple[str, str]] = {}
    for members in buckets.values():
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                if (a, b) in evidence:
                    continue
                pair = _near_pair(clusters.profiles[a], clusters.profiles[b])
                if pair is None and clusters.profiles[a].type == "Person":
                    pair = _slip_pair(clusters.profiles[a], clusters.profiles[b])
                if pair is not None:
                    candidates[a].add(b)
                    candidates[b].add(a)
                    evidence[(a, b)] = pair
    context: Context | None = None
    for (a, b), (left, right) in sorted(evidence.items()):
        if candidates[a] != {b} or candidates[b] != {a}:
            continue
        if not compatible(clusters.profiles[a], clusters.profiles[b]):
            # a slip of one letter in a short surname ("Raite" for "Rait") is too easily
            # another name: the two must keep the same company (kg.entities.context), and the
            # cluster keeps one spelling, so later joins see one surname
            context = context or Context(clusters)
            if context.shared(a, [b])[0] < SLIP_CONTEXT:
                continue
            surname, slipped = person_name(left).surname, person_name(right).surname
            clusters.profiles[b] = _respelled(clusters.profiles[b], slipped, surname)
        if clusters.join(a, b, Merge("near-miss", left, right, 0.6)) and context is not None:
            context.joined(a, b)


# Rarity-weighted company (kg.entities.context) that two people whose surnames are one slip
# apart must keep: about two neighbours named in a tenth of the documents each.
SLIP_CONTEXT = 4.0


def _slip_pair(a: Profile, b: Profile) -> tuple[str, str] | None:
    """Full names of two person groups, one given name, surnames of four letters or more
    one letter apart ("Duncan Rait", "Duncan Raite"); the rest of the two groups agreeing
    once one surname is spelled as the other."""
    if b.type != "Person":
        return None
    for na in sorted(a.persons, key=_name_order):
        if not na.given or len(na.given[0]) < 3 or len(na.surname) < 4:
            continue
        for nb in sorted(b.persons, key=_name_order):
            if (
                nb.given[:1] == na.given[:1]
                and len(nb.surname) >= 4
                and nb.surname != na.surname
                and Levenshtein.distance(na.surname, nb.surname) <= 1
                and compatible(a, _respelled(b, nb.surname, na.surname))
            ):
                return _form_of(a, na), _form_of(b, nb)
    return None


def _name_order(name: PersonName) -> tuple[str, tuple[str, ...], str]:
    return (name.surname, name.given, name.suffix)


def _form_of(profile: Profile, name: PersonName) -> str:
    """The group's first form that gives `name` (every name in `persons` has one)."""
    return next((f for f in sorted(profile.forms) if person_name(f) == name), name.surname)


def _respelled(profile: Profile, surname: str, spelling: str) -> Profile:
    """The profile with one surname spelled as another group spells it."""
    respelled = profile.copy()
    respelled.persons = {
        dataclasses.replace(n, surname=spelling) if n.surname == surname else n
        for n in profile.persons
    }
    return respelled


def _near_pair(a: Profile, b: Profile) -> tuple[str, str] | None:
    if not compatible(a, b):
        return None
    if a.type == "Person":
        for fa in sorted(a.forms):
            na = person_name(fa)
            for fb in sorted(b.forms):
                nb = person_name(fb)
                if (
                    na.given
                    and nb.given
                    and na.given[0] == nb.given[0]
                    and len(na.given[0]) > 2
                    and na.surname != nb.surname
                    and persons_compatible(na, nb)
                ):
                    return fa, fb
        return None
    if a.type == "Place" and bool(a.known) != bool(b.known):
        for fa in sorted(a.forms):
            for fb in sorted(b.forms):
                ka, kb = names.transliteration_key(fa), names.transliteration_key(fb)
                if " " in ka or " " in kb or min(len(ka), len(kb)) < 6 or ka == kb:
                    continue
                if (
                    names.phonetic_key(ka) == names.phonetic_key(kb)
                    or Levenshtein.distance(ka, kb) <= 1
                ):
                    return fa, fb
    return None

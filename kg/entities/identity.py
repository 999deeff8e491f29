"""What a group of entities says about its identity, and the guard rails that keep two apart.

A `Profile` collects the facts of a cluster the rails check: its surface forms, Wikidata
ids, gazetteer entries, the countries qualifying an organisation, the names of a person,
whether a place name is "X region", the systems a weapon is. `compatible` is False when two
profiles cannot be one entity (different types, ids, countries, gazetteer places, people
with one surname but other given names, a city and its region, two weapon systems, a
generic weapon class; a name given in both orders, "Shohei Ohtani" and "Ohtani Shohei", is
one). `Clusters` is the union-find kg.entities.resolution joins entities in: a join
the rails refuse does not happen.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from kg.core import lexicon
from kg.core.model import Entity, EntityType, Mention, Merge
from kg.core.unionfind import UnionFind
from kg.entities import names
from kg.entities.person_names import (
    PersonName,
    bare_surname,
    given_names_compatible,
    initials_key,
    lineages_compatible,
    person_name,
    suffixes_compatible,
    title_gender,
)

__all__ = [
    "Clusters",
    "Profile",
    "all_compatible",
    "compatible",
    "first_of_two_surnames",
    "is_name",
    "persons_compatible",
    "profile_of",
]

# kg.entities.in_document.DESCRIPTION_LABEL (stages don't import stages).
_DESCRIPTION_LABEL = "DESCRIPTION"


def is_name(m: Mention) -> bool:
    """Tell whether a mention is a name, not a description or anaphor of one."""
    return m.antecedent is None and m.label != _DESCRIPTION_LABEL


@dataclass(slots=True)
class Profile:
    """What a group of entities says about its identity: the facts the guard rails check."""

    type: EntityType
    forms: set[str] = field(default_factory=set)
    qids: set[str] = field(default_factory=set)
    known: set[str] = field(default_factory=set)  # gazetteer place / known organisation
    countries: set[str] = field(default_factory=set)  # countries qualifying an organisation
    org_keys: set[names.OrgKey] = field(default_factory=set)
    persons: set[PersonName] = field(default_factory=set)
    regions: set[bool] = field(default_factory=set)  # per place name: is it "X region"?
    known_qids: set[str] = field(default_factory=set)  # ids the gazetteer gave
    systems: set[str] = field(default_factory=set)  # weapon system keys ("s300")
    genders: set[str] = field(default_factory=set)  # a person's, as gendered titles say
    # surnames a text gave as one person's other name ("X, whose real name is Y")
    aliases: set[frozenset[str]] = field(default_factory=set)

    def absorb(self, other: Profile) -> None:
        self.forms |= other.forms
        self.qids |= other.qids
        self.known |= other.known
        self.countries |= other.countries
        self.org_keys |= other.org_keys
        self.persons |= other.persons
        self.regions |= other.regions
        self.known_qids |= other.known_qids
        self.systems |= other.systems
        self.genders |= other.genders
        self.aliases |= other.aliases

    def copy(self) -> Profile:
        fresh = Profile(self.type)
        fresh.absorb(self)
        return fresh

    def signature(self) -> tuple[object, ...]:
        return (
            self.type,
            frozenset(self.qids),
            frozenset(self.known),
            frozenset(self.countries),
            frozenset(self.persons),
            frozenset(self.regions),
            frozenset(self.systems),
            frozenset(self.genders),
            frozenset(self.aliases),
        )


_Said = tuple[
    EntityType,
    frozenset[str],
    frozenset[str],
    frozenset[str],
    frozenset[str],
    frozenset[frozenset[str]],
]  # type, names, ids, systems, genders, aliases


def profile_of(entity: Entity, made: dict[_Said, Profile] | None = None) -> Profile:
    """Collect what one entity says about its identity.

    `made` keeps the profiles made so far by what their entities said: an entity that says
    the same as an earlier one (one name's entities in thousands of documents) gets the
    earlier Profile, shared: never change it, copy it.
    """
    said = (
        entity.type,
        frozenset(
            {entity.label, *entity.alt_labels, *(m.text for m in entity.mentions if is_name(m))}
        ),
        frozenset(q for q in (entity.qid, *(m.kb_id for m in entity.mentions)) if q),
        frozenset(names.weapon_key(m.weapon_system) for m in entity.mentions if m.weapon_system),
        _genders(entity),
        _aliases(entity),
    )
    if made is not None and (known := made.get(said)) is not None:
        return known
    etype, forms, qids, systems, genders, aliases = said
    p = Profile(etype, forms=set(forms), qids=set(qids), systems=set(systems), genders=set(genders))
    p.aliases |= aliases
    for form in forms:
        p.absorb(_form_profile(etype, form))
    p.qids |= p.known_qids
    if made is not None:
        made[said] = p
    return p


def _genders(entity: Entity) -> frozenset[str]:
    """The genders a person's titles say: those before a full name ("Mrs. Ellen Marsh",
    "First lady Mira Voss"), or before a bare surname when the entity has no full name
    ("Mrs. Marsh" alone), and its full names' given names ("Warren Haskell": a man). A bare
    surname the document joined to a full name may have been joined to the wrong bearer
    ("John and Kathryn Jenkin ... Mr Jenkin")."""
    if entity.type != "Person":
        return frozenset()
    titled = [m for m in entity.mentions if m.title]
    full = [m for m in entity.mentions if is_name(m) and " " in m.text]
    if full:
        titled = [m for m in titled if " " in m.text]
    # and the first given name of a full name, where nearly all its bearers have one gender
    named = {lexicon.name_gender(names.fold(m.text.split()[0])) for m in full} - {""}
    return frozenset(g for m in titled if (g := title_gender(m.title))) | named


def _aliases(entity: Entity) -> frozenset[frozenset[str]]:
    """The pairs of surnames the entity's text gave as one person's two names
    (kg.entities.aliases): "Maya Stone, whose real name is Ana Ruiz"."""
    if entity.type != "Person":
        return frozenset()
    pairs = set()
    for merge in entity.merges:
        if merge.rule == "alias":
            pair = frozenset({person_name(merge.left).surname, person_name(merge.right).surname})
            if len(pair) == 2 and "" not in pair:
                pairs.add(pair)
    return frozenset(pairs)


@lru_cache(maxsize=1 << 16)
def _form_profile(etype: EntityType, form: str) -> Profile:
    """What one name of an entity of `etype` says (names recur across thousands of entities;
    the result is shared: never change it)."""
    p = Profile(etype)
    if etype == "Place":
        place = names.find_place(form)
        if place is not None:
            p.known.add(place.name)
            if place.qid:
                p.known_qids.add(place.qid)
        p.regions.add(names.is_region_name(form))
    elif etype == "Organisation":
        org = names.find_organisation(form)
        if org is not None:
            p.known.add(org.name)
            if org.country:
                p.countries.add(org.country)
            if org.qid:
                p.known_qids.add(org.qid)
        elif not names.is_acronym(form):
            key = names.org_key(form)
            p.org_keys.add(key)
            if key.country:
                p.countries.add(key.country)
    elif etype == "Person" and not initials_key(form):
        # (capitals such as "MBS", "RFK Jr." are initials, no surname: kg.entities.initials)
        name = person_name(form)
        if name.surname:
            p.persons.add(name)
    return p


def compatible(a: Profile, b: Profile) -> bool:
    """The guard rails: False when the two cannot be one entity."""
    if a.type != b.type:
        return False
    if a.qids and b.qids and not a.qids & b.qids:
        return False
    if a.known and b.known and not a.known & b.known:
        return False
    if a.countries and b.countries and not a.countries & b.countries:
        return False
    if (
        a.type == "Place"
        and not a.known & b.known
        and a.regions
        and b.regions
        and a.regions.isdisjoint(b.regions)
    ):
        return False  # "Donetsk region" is not the city of Donetsk
    if a.type == "Person":
        if a.genders and b.genders and a.genders.isdisjoint(b.genders):
            return False  # "Mr. Voss" and "Mrs. Voss"
        aliases = a.aliases | b.aliases
        mirrored = _mirrored_words(a.persons, b.persons)
        bridges = _nickname_bridges(a.persons | b.persons)

        def fit(xs: set[PersonName], ys: set[PersonName]) -> bool:
            return all(
                persons_compatible(x, y)
                or frozenset({x.surname, y.surname}) in aliases
                or {x.surname, *x.given, y.surname, *y.given} <= mirrored
                or (bool(bridges) and _bridged(x, y, bridges))
                for x in xs
                for y in ys
            )

        if fit(a.persons, b.persons):
            return True
        # a group's "Herrera Vidal" beside its "Tomás Herrera Vidal" is that name's two
        # surnames, no given name and a surname: the longer name speaks for it
        shorter_a, shorter_b = (
            _two_surnames_of_longer(a.persons),
            _two_surnames_of_longer(b.persons),
        )
        return bool(shorter_a or shorter_b) and fit(a.persons - shorter_a, b.persons - shorter_b)
    if a.type == "Weapon":
        # A generic class mention ("rockets") names no individual system: it stays in its
        # document. Two systems ("S-300", "S-400") are two weapons unless one id says so.
        if not a.systems or not b.systems:
            return False
        return not a.systems.isdisjoint(b.systems) or bool(a.qids & b.qids)
    return True


def _mirrored_words(a: Iterable[PersonName], b: Iterable[PersonName]) -> set[str]:
    """The two words of a name one group gives in one order and the other in the other
    ("Shohei Ohtani", "Ohtani Shohei"): every short form of either is of that one person."""
    for x in a:
        for y in b:
            if len(x.given) == 1 and x.given == (y.surname,) and y.given == (x.surname,):
                return {x.surname, y.surname}
    return set()


def _nickname_bridges(persons: Iterable[PersonName]) -> set[tuple[str, frozenset[str]]]:
    """(surname, {given name, nickname}) of each name given with its nickname in quotes
    ('Rafael "Raffy" Dizon'): "Rafael Dizon" and "Raffy Dizon" are that one person."""
    return {
        (p.surname, frozenset({p.given[0], nick}))
        for p in persons
        if p.given
        for nick in p.nicknames
    }


def _bridged(x: PersonName, y: PersonName, bridges: set[tuple[str, frozenset[str]]]) -> bool:
    return (
        bool(x.given and y.given)
        and x.surname == y.surname
        and (x.surname, frozenset({x.given[0], y.given[0]})) in bridges
        and suffixes_compatible(x, y)
    )


def persons_compatible(a: PersonName, b: PersonName) -> bool:
    """Whether two names may be one person: one surname (or a near miss of it), given names
    that fit, suffixes that agree (kg.entities.person_names)."""
    if not suffixes_compatible(a, b):
        return False
    if (lineage := lineages_compatible(a, b)) is not None:
        return lineage
    if _same_words(a, b) or _first_of_two_surnames(a, b) or _first_of_two_surnames(b, a):
        return True
    if not given_names_compatible(a.given, b.given, a.nicknames, b.nicknames):
        return False
    # Near-miss surnames may be one person (the evidence needs the same given name); a bare
    # surname may name a bearer of the particle surname ("Moraes", "Alexandre de Moraes").
    return (
        a.surname == b.surname
        or surnames_near(a.surname, b.surname)
        or (not (a.given and b.given) and bare_surname(a.surname) == bare_surname(b.surname))
    )


def first_of_two_surnames(n: PersonName) -> str:
    """The first of a person's two surnames ("garcia" of "Ernesto García Salcedo" and of
    "García Salcedo": the father's in Spanish and Portuguese names, or a maiden name kept
    before a married one): the word before the surname when it is no known given name and
    a known given name opens the name, or when it is the name's only other word; ""
    otherwise ("María José Ferrán": José is a given name)."""
    given = lexicon.given_names()
    if not n.given or len(n.given[-1]) < 2 or n.given[-1] in given:
        return ""
    return n.given[-1] if len(n.given) == 1 or n.given[0] in given else ""


def _two_surnames_of_longer(persons: set[PersonName]) -> set[PersonName]:
    """The two-word names of `persons` that end a longer one of them and have a first
    surname ("Herrera Vidal" beside "Tomás Herrera Vidal")."""
    found = set()
    for x in persons:
        if len(x.given) == 1 and first_of_two_surnames(x):
            if any(
                y.given[-1:] == x.given and y.surname == x.surname and len(y.given) > 1
                for y in persons
            ):
                found.add(x)
    return found


def _first_of_two_surnames(short: PersonName, full: PersonName) -> bool:
    """ "Ernesto Garcia" and "Garcia" are "Ernesto García Salcedo": given names that fit
    the other's, and its first surname for a surname. (Which bare surname may join such a
    name is kg.entities.partial_names' choice: only a full name, "Ernesto Garcia", is
    looked up by a first surname.)"""
    first = first_of_two_surnames(full)
    return (
        bool(first)
        and short.surname == first
        and (not short.given or len(full.given) > 1)  # "Ellen Marsh" is not "Marsh Tovey"
        and given_names_compatible(short.given, full.given[:-1], short.nicknames, full.nicknames)
    )


def _same_words(a: PersonName, b: PersonName) -> bool:
    """ "Ana Ruiz-Hale" and "Ana Ruiz Hale" or "Ruiz Hale": one name's words end the other's
    and hold a surname of several words whole (a double-barrelled surname written without
    its hyphen); "Hale" alone is no part of "Ruiz-Hale"."""
    words_a, words_b = a.given + tuple(a.surname.split()), b.given + tuple(b.surname.split())
    short, long = sorted((words_a, words_b), key=len)
    whole = max(len(a.surname.split()), len(b.surname.split()))
    return whole > 1 and len(short) >= whole and long[len(long) - len(short) :] == short


def surnames_near(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 5:
        return False
    if names.phonetic_key(a) == names.phonetic_key(b):
        return True
    if _UMLAUT_E.sub(r"\1", a) == _UMLAUT_E.sub(r"\1", b):
        return True
    return min(len(a), len(b)) >= 7 and Levenshtein.distance(a, b) <= 1


# A German umlaut written with an "e" ("Braeuer", "Gruenberg"), folded as "Bräuer" is ("brauer")
_UMLAUT_E = re.compile(r"(?<![aeiouy])([aou])e(?=[bcdfghjklmnprstuvwz])")


class Clusters(UnionFind):
    """Union-find over entities with a merged profile per cluster and the merge evidence."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        super().__init__(len(entities))
        self.entities = entities
        # What each entity said alone (never mutated) and the running profile per cluster root.
        made: dict[_Said, Profile] = {}  # entities that say the same share a Profile (profile_of)
        self.initial = [profile_of(e, made) for e in entities]
        self.profiles = dict(enumerate(self.initial))  # a root's is copied when it first absorbs
        self.merges: dict[int, list[Merge]] = defaultdict(list)

    def join(self, a: int, b: int, merge: Merge) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not compatible(self.profiles[ra], self.profiles[rb]):
            return False
        keep, gone = self.union(ra, rb) or (ra, rb)
        if self.profiles[keep] is self.initial[keep]:
            self.profiles[keep] = self.initial[keep].copy()
        self.profiles[keep].absorb(self.profiles.pop(gone))
        self.merges[keep].extend(self.merges.pop(gone, []))
        self.merges[keep].append(merge)
        return True

    def roots(self) -> list[int]:
        return sorted({self.find(i) for i in range(len(self.entities))})

    def roots_of(self, indices: Iterable[int]) -> set[int]:
        return {self.find(i) for i in indices}


def all_compatible(profiles: Sequence[Profile]) -> bool:
    shared = {
        id(p): p for p in profiles
    }.values()  # entities that say the same share one (profile_of)
    distinct = list({p.signature(): p for p in shared}.values())
    return all(
        compatible(distinct[a], distinct[b])
        for a in range(len(distinct))
        for b in range(a + 1, len(distinct))
    )

"""Cross-document resolution: the Entities of every document -> one Entity per real thing.

Entities of different documents are joined in three passes, each only where no guard rail
objects (different Wikidata ids, different countries of an organisation, two people with
one surname but different given names, a city and its region, different gazetteer places):

1. shared names under a normalisation (case, diacritics, possessive, punctuation, US/UK
   spelling, transliteration), a shared gazetteer entry or Wikidata id, one organisation
   in demonym/possessive/capital form ("Russia's defence ministry" = "the Russian Defense
   Ministry" = "Moscow's defence ministry");
2. partial names that fit exactly one candidate in the corpus: a surname alone, a shorter
   full name, a lone given name whose surname its document names, an unqualified body
   ("Defense Ministry"), an acronym spelling initials, a person's initials ("MBS");
3. near-miss spellings of one person (same given name, long similar surnames, or a slip of
   one letter where the documents keep the same company), of a gazetteer place, or one
   word off in a place's or organisation's longer name, again only when the candidate is
   unique (kg.entities.near_misses);
4. the texts that give one surname alone and found no bearer for it are pooled, and the
   partial names weighed once more with their evidence together.

A name shared by entities that cannot be one (the surname of two different people) is
never used as evidence. The result does not depend on the order of the input.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from anyascii import anyascii

from kg.core import lexicon
from kg.core.model import Entity, EntityType, Merge
from kg.entities import names
from kg.entities.identity import (
    Clusters,
    Profile,
    all_compatible,
    is_name,
)
from kg.entities.initials import link_acronyms, link_person_initials
from kg.entities.labels import preferred_person_name
from kg.entities.near_misses import link_near_misses
from kg.entities.partial_names import (
    link_given_names,
    link_partial_names,
    link_place_qualified,
    link_unqualified_bodies,
)
from kg.entities.person_names import lineage_key, person_name, split_initials
from kg.entities.short_bodies import link_shortened_bodies
from kg.entities.type_votes import vote_types
from kg.entities.weapons import weapon_label

__all__ = ["resolve_entities"]

_APOSTROPHES = re.compile("[’‘`´]")


def resolve_entities(doc_entities: Iterable[Entity]) -> tuple[Entity, ...]:
    """Resolve the entities of all documents into one Entity per real-world entity."""
    entities = sorted(vote_types(list(doc_entities)), key=_entity_order)
    clusters = Clusters(entities)
    _link_shared_keys(clusters)
    link_partial_names(clusters)
    link_given_names(clusters)
    link_unqualified_bodies(clusters)
    link_place_qualified(clusters)
    link_shortened_bodies(clusters)
    link_acronyms(clusters)
    link_person_initials(clusters)
    link_near_misses(clusters)
    _join_unresolved_surnames(clusters)
    # a shorter name that fitted two spellings of one person; texts' surnames pooled above
    link_partial_names(clusters)
    return _build(clusters)


def _join_unresolved_surnames(clusters: Clusters) -> None:
    """The people known only by one surname alone in several texts, none of which its own
    text or the corpus could give a full name ("Mr. X" in one, "X" in another, where the
    corpus names two bearers), are one person when nothing tells them apart: their texts'
    evidence (titles, the company they keep) is pooled, and the partial-name pass that
    follows weighs it once more. A surname one text has given to a bearer is not pooled."""
    alone: dict[str, list[int]] = defaultdict(list)
    for root in clusters.roots():
        profile = clusters.profiles[root]
        if profile.type == "Person" and profile.persons and not profile.known:
            if all(not n.given and not n.suffix for n in profile.persons):
                forms = {names.fold(f) for f in profile.forms}
                if len(forms) == 1:
                    alone[forms.pop()].append(root)
    for key, roots in sorted(alone.items()):
        if len(roots) < 2:
            continue
        for root in roots:  # weighed again, pooled: the records of the first weighing go
            kept = [m for m in clusters.merges.get(root, []) if m.rule != "surname-ambiguous"]
            clusters.merges[root] = kept
        for root in roots[1:]:
            clusters.join(roots[0], root, Merge("exact-name", key, key, 0.7))


def _entity_order(e: Entity) -> tuple[str, str, int, str]:
    first = min(e.mentions, key=lambda m: (m.doc_id, m.begin)) if e.mentions else None
    return (e.type, first.doc_id if first else "", first.begin if first else -1, e.key)


# -- pass 1: shared keys ---------------------------------------------------------------------

_KEY_RULES: tuple[tuple[str, float, Callable[[str], str]], ...] = (
    ("exact-name", 0.99, names.fold),
    ("spelling", 0.95, names.spelling_key),
    ("transliteration", 0.9, names.transliteration_key),
)


def _link_shared_keys(clusters: Clusters) -> None:
    index: dict[tuple[str, str, str], list[tuple[int, str]]] = defaultdict(list)
    confidence: dict[str, float] = {
        "wikidata-id": 1.0,
        "weapon-system": 0.95,
        "gazetteer": 0.95,
        "org-form": 0.9,
        "legal-form": 0.9,
        "name-order": 0.85,
        "lineage": 0.85,
        **{rule: conf for rule, conf, _ in _KEY_RULES},
    }
    # Entities that say the same share a Profile (profile_of, before any join): its keys are
    # worked out once (one name's entities in thousands of documents).
    keyed: dict[int, list[tuple[tuple[str, str, str], str]]] = {}
    for i, entity in enumerate(clusters.entities):
        profile = clusters.profiles[i]
        keys = keyed.get(id(profile))
        if keys is None:
            keys = keyed[id(profile)] = _profile_keys(profile, entity.type)
        for key, form in keys:
            index[key].append((i, form))
        for system in sorted(profile.systems):
            index[("weapon-system", "Weapon", system)].append((i, entity.label))
    order = {
        "wikidata-id": 0,
        "weapon-system": 1,
        "gazetteer": 1,
        "exact-name": 2,
        "spelling": 3,
        "name-order": 6,  # after every same-order rule (transliteration: 5)
        "lineage": 6,
        "org-form": 4,
        "legal-form": 4,
    }
    for (rule, etype, shared), members in sorted(
        index.items(), key=lambda kv: (order.get(kv[0][0], 5), kv[0])
    ):
        first: dict[int, str] = {}
        for i, form in members:
            first.setdefault(i, form)
        if len(first) < 2:
            continue
        items = sorted(first.items())
        if not all_compatible([clusters.initial[i] for i in first]):
            if etype == "Person" and " " in shared and rule in _NAME_RULES:
                _join_compatible(clusters, items, rule, confidence[rule])
            continue  # one name of two different entities is no evidence
        if etype == "Person" and " " not in shared:
            # A bare surname beside a full name rules a join out when that bearer cannot be
            # the others', but joins no one to it: the document gave it to that bearer,
            # another document's bare surname may be another bearer's ("Harold Benning Jr.
            # ... Benning" and a text where "Benning" is the father); the partial-name pass
            # weighs every bearer of the corpus.
            items = [(i, f) for i, f in items if not _beside_full_name(clusters.initial[i], f)]
            if len(items) < 2:
                continue
        i0, f0 = items[0]
        for i, form in items[1:]:
            # Most pairs are joined already (one form gives several rules' keys): no Merge for them.
            if clusters.find(i) != clusters.find(i0):
                clusters.join(
                    i0, i, Merge(_variant_rule(f0, form, rule), f0, form, confidence[rule])
                )


_NAME_RULES = frozenset(rule for rule, _, _ in _KEY_RULES)


def _join_compatible(
    clusters: Clusters, items: list[tuple[int, str]], rule: str, confidence: float
) -> None:
    """One person's full name shared by entities some of which cannot be one (a name cut
    wrong in one text, "Rovers Dana Voss"): each joins the first group it fits, so
    the one that does not fit stays out instead of keeping every other apart."""
    heads: list[tuple[int, str]] = []
    for i, form in items:
        for h, head_form in heads:
            if clusters.find(i) == clusters.find(h):
                break
            if clusters.join(
                h, i, Merge(_variant_rule(head_form, form, rule), head_form, form, confidence)
            ):
                break
        else:
            heads.append((i, form))


def _beside_full_name(profile: Profile, form: str) -> bool:
    """Tell whether a one-word person form is the surname of one of the entity's full names."""
    surname = person_name(form).surname
    return any(n.given and n.surname == surname for n in profile.persons)


def _profile_keys(profile: Profile, etype: EntityType) -> list[tuple[tuple[str, str, str], str]]:
    """The shared-key index entries of what one entity says: (rule, type, key) and the form
    (or id) it comes from, in the order the index reads them."""
    keys: list[tuple[tuple[str, str, str], str]] = []
    for form in sorted(profile.forms):
        keyed_form = split_initials(form) if etype == "Person" else form  # "H.W." = "H. W."
        for rule, _, key_of in _KEY_RULES:
            for keyed in (keyed_form, *(_without_nickname(form) if etype == "Person" else ())):
                if key := key_of(keyed):
                    keys.append(((rule, etype, key), form))
        if etype == "Person" and (swapped := _either_order(form)):
            keys.append((("name-order", etype, swapped), form))  # "Ohtani Shohei"
        if etype == "Person" and (lineage := lineage_key(form)):
            keys.append((("lineage", etype, lineage), form))  # "Mohammed bin Fahad"
        if etype == "Place" and (place := names.find_place(form)) is not None:
            keys.append((("gazetteer", "Place", place.name), form))
        if etype == "Organisation" and (core := names.without_legal_form(form)) != form:
            keys.append((("legal-form", etype, names.fold(core)), form))
        elif etype == "Organisation":
            keys.append((("legal-form", etype, names.fold(form)), form))
        if etype == "Organisation":
            org = names.find_organisation(form)
            if org is not None:
                keys.append((("gazetteer", "Organisation", org.name), form))
            elif not names.is_acronym(form):
                org_key = names.org_key(form)
                # unqualified too: "Department of Justice" is the "Justice Department" as
                # much as one unqualified name is itself in every document (exact-name)
                keys.append(
                    (("org-form", "Organisation", f"{org_key.country}|{org_key.body}"), form)
                )
    for qid in sorted(profile.qids - profile.known_qids):
        keys.append((("wikidata-id", etype, qid), qid))
    return keys


_NICKNAMED = re.compile(r"(?P<given>.+?)\s+[\"“‘'(](?P<nick>[^\"“”‘’'()]+)[\"”’')]\s+(?P<rest>.+)")


def _without_nickname(form: str) -> tuple[str, ...]:
    """'Rafael "Raffy" Dizon' is "Rafael Dizon" and "Raffy Dizon" too: the text names
    the person both ways."""
    m = _NICKNAMED.fullmatch(form)
    if m is None:
        return ()
    return f"{m['given']} {m['rest']}", f"{m['nick']} {m['rest']}"


def _either_order(form: str) -> str:
    """The key of a two-word name in either order, when neither word is a given name the
    lexicon knows: "Shohei Ohtani" and "Ohtani Shohei" (a Japanese outlet's order) are one
    name; "John Smith" never appears as "Smith John"."""
    words = names.fold(form).split()
    if len(words) != 2 or any(w in lexicon.given_names() for w in words):
        return ""
    return " ".join(sorted(names.transliteration_key(w) for w in words))


def _variant_rule(a: str, b: str, rule: str) -> str:
    """Name the finest normalisation that makes two surface forms equal."""
    if rule not in ("exact-name", "spelling", "transliteration"):
        return rule
    if a == b:
        return "exact-name"
    if names.strip_possessive(a) == names.strip_possessive(b):
        return "possessive"
    if a.lower() == b.lower():
        return "case"
    if _APOSTROPHES.sub("'", a) == _APOSTROPHES.sub("'", b):
        return "punctuation"
    if (anyascii(a) != a or anyascii(b) != b) and anyascii(a).lower() == anyascii(b).lower():
        return "diacritics"
    if names.fold(a) == names.fold(b):
        words_a, words_b = a.split(), b.split()
        if [names.strip_possessive(w) for w in words_a] != words_a or [
            names.strip_possessive(w) for w in words_b
        ] != words_b:
            return "possessive"
        return "punctuation"
    return rule


# -- output ---------------------------------------------------------------------------------


def _build(clusters: Clusters) -> tuple[Entity, ...]:
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(clusters.entities)):
        members[clusters.find(i)].append(i)
    built: list[Entity] = []
    for root, idx in members.items():
        group = [clusters.entities[i] for i in idx]
        profile = clusters.profiles[root]
        built.append(_merged_entity(group, profile, clusters.merges.get(root, [])))
    return _unique_keys(built)


def _merged_entity(group: Sequence[Entity], profile: Profile, cross: Sequence[Merge]) -> Entity:
    mentions = sorted(
        (m for e in group for m in e.mentions), key=lambda m: (m.doc_id, m.begin, m.end)
    )
    forms = [m.text for m in mentions if is_name(m)] or sorted(profile.forms)
    system = weapon_label(mentions)
    label = system or (
        preferred_person_name(forms)
        if profile.type == "Person"
        else names.preferred_name(forms, gazetteer=profile.type == "Place")
    )
    alt_labels = tuple(sorted((set(forms) | _entity_forms(group)) - {label}))
    # One join of two forms by one rule is one Merge: the document's and the corpus' ("surname"
    # in a text and across texts) keep the surer confidence.
    strongest: dict[tuple[str, str, str], Merge] = {}
    for m in sorted({*(m for e in group for m in e.merges), *cross}, key=_merge_order):
        strongest[(m.rule, m.left, m.right)] = m  # the last of a rule and forms: the surest
    merges = tuple(strongest.values())
    classes = Counter(e.weapon_class for e in group if e.weapon_class)
    qids = sorted(profile.qids)
    qid = qids[0] if len(qids) == 1 else ""
    from_lexicon = bool(qid) and qid in profile.known_qids
    stem = min(profile.known) if len(profile.known) == 1 else label
    key = f"{profile.type}:{names.fold(stem) or label}"
    if profile.type == "Weapon":
        # A generic class stays in its document (kg.entities.identity), and its key says so.
        key = f"Weapon:{names.weapon_key(label)}" if system else f"{key}@{mentions[0].doc_id}"
    return Entity(
        key=key,
        type=profile.type,
        label=label,
        alt_labels=alt_labels,
        mentions=tuple(mentions),
        merges=merges,
        weapon_class=min(classes, key=lambda c: (-classes[c], c)) if classes else "",
        qid=qid,
        link_confidence=1.0 if from_lexicon else group[0].link_confidence,
        link_method="lexicon" if from_lexicon else group[0].link_method,
    )


def _entity_forms(group: Sequence[Entity]) -> set[str]:
    return {f for e in group for f in (e.label, *e.alt_labels)}


def _merge_order(m: Merge) -> tuple[str, str, str, float]:
    return (m.rule, m.left, m.right, m.confidence)


def _unique_keys(entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """Keep keys unique: the biggest of clashing entities keeps the plain key."""
    by_key: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        by_key[e.key].append(e)
    out: list[Entity] = []
    for key, clash in by_key.items():
        clash.sort(key=lambda e: (-len(e.mentions), e.mentions[0].doc_id, e.mentions[0].begin))
        out.append(clash[0])
        for e in clash[1:]:
            first = e.mentions[0]
            out.append(dataclasses.replace(e, key=f"{key}@{first.doc_id}:{first.begin}"))
    return tuple(sorted(out, key=lambda e: (e.type, e.key)))

"""Near-miss spellings of one person, place or organisation across documents ("Melnychuk"
and "Melnichuk", "Kelvinsk" and "Kelvynsk"): the last pass of cross-document resolution
(kg.entities.resolution), joining two groups only when each is the other's one near miss.

- A person: one given name, and surnames near as kg.entities.identity.surnames_near says
  (five letters or more, one sound or one letter apart in a long name), or a slip of one
  letter in a surname of four letters or more ("Raite" for "Rait"; two letters swapped
  count as one slip: "Preutt" for "Pruett").
- A place: a name one sound or one letter off, of one word where one spelling is in the
  gazetteer and the other is not, or one word off in a name of several ("Gulf of Eden").
- An organisation: one word one letter off in a name of several ("Motion Pictures"), or
  the same letters spaced apart ("Harbourline", "Harbour Line"; a place too).

A near miss the gazetteer does not back (a slip, a place of several words the gazetteer
knows in neither spelling or in both, an organisation) joins only where the two groups'
documents keep the same company (kg.entities.context). A word with a digit is never a near
miss ("115th Street", "117th Street").
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

from rapidfuzz.distance import OSA

from kg.core.model import Merge
from kg.entities import names
from kg.entities.context import Context
from kg.entities.identity import Clusters, Profile, compatible, persons_compatible
from kg.entities.person_names import PersonName, person_name

__all__ = ["SLIP_CONTEXT", "link_near_misses"]


def link_near_misses(clusters: Clusters) -> None:
    """Join near-miss spellings of one person, place or organisation when each is the
    other's one."""
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for root in clusters.roots():
        p = clusters.profiles[root]
        if p.type == "Person":
            for given in sorted({n.given[0] for n in p.persons if n.given}):
                buckets[("Person", given)].append(root)
            for n in sorted({n for n in p.persons if n.given}, key=_name_order):
                buckets[("Vowels", _skeleton(n.given[0]), n.surname)].append(root)
        elif p.type in ("Place", "Organisation"):
            if p.type == "Place":
                buckets[("Place",)].append(root)
            for masked in sorted(_masked_words(p)):
                buckets[(p.type, *masked)].append(root)
    candidates: dict[int, set[int]] = defaultdict(set)
    evidence: dict[tuple[int, int], tuple[str, str, bool]] = {}
    for (kind, *rest), members in buckets.items():
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                if (a, b) in evidence:
                    continue
                pa, pb = clusters.profiles[a], clusters.profiles[b]
                if kind == "Vowels":
                    pair = _vowels_pair(pa, pb)
                elif kind != "Person" and rest:
                    pair = _words_pair(pa, pb)
                else:
                    pair = _near_pair(pa, pb)
                    if pair is None and kind == "Person":
                        pair = _slip_pair(pa, pb)
                if pair is not None:
                    candidates[a].add(b)
                    candidates[b].add(a)
                    evidence[(a, b)] = pair
    context: Context | None = None
    for (a, b), (left, right, loose) in sorted(evidence.items()):
        if candidates[a] != {b} or candidates[b] != {a}:
            continue
        if loose:
            # a slip of one letter in a short surname ("Raite" for "Rait"), in a place name
            # the gazetteer knows in neither spelling ("Gulf of Eden"), in an organisation's
            # name: too easily another name unless the two keep the same company
            # (kg.entities.context)
            context = context or Context(clusters)
            if context.shared(a, [b])[0] < SLIP_CONTEXT:
                continue
        if clusters.profiles[a].type == "Person":
            # the cluster keeps one spelling of the surname, so later joins see one name
            named, slipped = person_name(left), person_name(right)
            respelled = _respelled(clusters.profiles[b], slipped.surname, named.surname)
            if len(named.given) == len(slipped.given) and named.given != slipped.given:
                respelled = _regiven(respelled, slipped.given, named.given)
            if not compatible(clusters.profiles[a], respelled):
                continue
            clusters.profiles[b] = respelled
        if clusters.join(a, b, Merge("near-miss", left, right, 0.6)) and context is not None:
            context.joined(a, b)


# Rarity-weighted company (kg.entities.context) that two people whose surnames are one slip
# apart must keep: about two neighbours named in a tenth of the documents each.
SLIP_CONTEXT = 4.0


def _slip_pair(a: Profile, b: Profile) -> tuple[str, str, bool] | None:
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
                and OSA.distance(na.surname, nb.surname) <= 1
                and compatible(a, _respelled(b, nb.surname, na.surname))
            ):
                return _form_of(a, na), _form_of(b, nb), True
    return None


def _vowels_pair(a: Profile, b: Profile) -> tuple[str, str, bool] | None:
    """Full names of two person groups with one surname and given names alike but for
    their vowels, as romanisations of Arabic and Urdu names spell them ("Osman Hamid X",
    "Osman Hamed X"; "Tariq Mehmood X", "Tariq Mahmood X"): names of five letters or more
    beside one the same, else of seven or more ("Abdulmalik", "Abdulmalek"), and then
    loose ("Dana" and "Dina" may be sisters)."""
    if b.type != "Person":
        return None
    for na in sorted(a.persons, key=_name_order):
        for nb in sorted(b.persons, key=_name_order):
            if not na.given or len(na.surname) < 4 or nb.surname != na.surname:
                continue
            if len(nb.given) != len(na.given) or nb.given == na.given:
                continue
            pairs = list(zip(na.given, nb.given, strict=True))
            same = any(x == y for x, y in pairs)  # else a long name alike ("Abdulmalek")
            if all(x == y or _vowels_apart(x, y, 5 if same else 7) for x, y in pairs):
                return _form_of(a, na), _form_of(b, nb), not same
    return None


def _vowels_apart(x: str, y: str, least: int) -> bool:
    return min(len(x), len(y)) >= least and x[0] == y[0] and _skeleton(x) == _skeleton(y)


def _skeleton(word: str) -> str:
    """A word's consonants, doubled ones once ("mahmood", "mehmood": "mhmd")."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", word))


def _regiven(profile: Profile, given: tuple[str, ...], spelling: tuple[str, ...]) -> Profile:
    """The profile with one set of given names spelled as another group spells them."""
    regiven = profile.copy()
    regiven.persons = {
        dataclasses.replace(n, given=spelling) if n.given == given else n for n in profile.persons
    }
    return regiven


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


def _near_pair(a: Profile, b: Profile) -> tuple[str, str, bool] | None:
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
                    return fa, fb, False
        return None
    if a.type == "Place" and bool(a.known) != bool(b.known):
        for fa in sorted(a.forms):
            for fb in sorted(b.forms):
                ka, kb = names.transliteration_key(fa), names.transliteration_key(fb)
                if " " not in ka + kb and _near_words(ka, kb):
                    return fa, fb, False
    return None


def _masked_words(profile: Profile) -> set[tuple[str, ...]]:
    """The group's names of several words, each with one word masked: two names one word
    apart share one of these; and each name without its spaces, marked ("Harbourline
    Trading", "Harbour Line Trading")."""
    masked = set()
    for form in profile.forms:
        words = names.transliteration_key(form).split()
        if len(words) > 1:
            masked |= {(*words[:i], "", *words[i + 1 :]) for i in range(len(words))}
        if len(joined := names.fold(form).replace(" ", "")) >= 8:
            masked.add((_JOINED, joined))
    return masked


_JOINED = " joined"  # marks a name without its spaces among the masked names


def _words_pair(a: Profile, b: Profile) -> tuple[str, str, bool] | None:
    """Names of two place or organisation groups of several words, one of them one letter
    or one sound off ("Gulf of Eden", "Academy of Motion Pictures Arts and Sciences"), or
    spaced apart ("Harbour Line Trading"); loose unless the gazetteer knows one place group
    and not the other."""
    for fa in sorted(a.forms):
        for fb in sorted(b.forms):
            ka, kb = names.transliteration_key(fa), names.transliteration_key(fb)
            plain_a, plain_b = names.fold(fa), names.fold(fb)
            spaced = plain_a != plain_b and plain_a.replace(" ", "") == plain_b.replace(" ", "")
            if spaced or (" " in ka and _near_words(ka, kb)):
                if not compatible(a, b):
                    return None
                return fa, fb, a.type != "Place" or bool(a.known) == bool(b.known)
    return None


def _near_words(a: str, b: str) -> bool:
    """One word of a name one sound or one letter off, the rest the same ("Kelvynsk", "Gulf
    of Eden"); a word of fewer than six letters alone is too easily another name, one
    of four or five is enough beside the same other words."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b) or a == b:
        return False
    differ = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    if min(len(x), len(y)) < (6 if len(words_a) == 1 else 4) or any(c.isdigit() for c in x + y):
        return False  # "115th Street" is another street than "117th Street"
    return names.phonetic_key(x) == names.phonetic_key(y) or OSA.distance(x, y) <= 1

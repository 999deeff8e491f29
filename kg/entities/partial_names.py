"""Partial names across documents: a surname alone, a shorter full name, an unqualified
body ("Defense Ministry"), a lone given name, a place-qualified name's rest: each joins the
one entity of the corpus it fits (acronyms and initials: kg.entities.initials).

A bare surname that fits several people of the corpus ("Kade": a mayor and her cousin)
joins the one its title singles out ("President Kade" where one of them is titled
president; a title of the other gender rules a bearer out), else the one the documents
that use it share most context with (kg.entities.context: other entities named beside
it), when that one clearly stands out; otherwise it stays apart, and its
`surname-ambiguous` Merge record (confidence 0) names the candidates. A bare surname
whose own text names in full, with a generational suffix, one of the people it fits and
did not join him ("Trump" of a text naming "Donald Trump Jr." apart) is one of the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from kg.core import lexicon
from kg.core.model import EntityType, Merge
from kg.entities import names
from kg.entities.context import Context
from kg.entities.identity import (
    Clusters,
    Profile,
    all_compatible,
    compatible,
    first_of_two_surnames,
)
from kg.entities.person_names import (
    bare_surname,
    given_name_fits,
    given_name_keys,
    person_name,
    role_of,
    same_name_spelled_otherwise,
)

__all__ = [
    "index_initial",
    "link_given_names",
    "link_partial_names",
    "link_place_qualified",
    "link_unqualified_bodies",
    "open_roots",
    "other_roots",
]


def index_initial(
    clusters: Clusters, keys_of: Callable[[Profile], Iterable[tuple[str, str]]]
) -> dict[str, dict[int, str]]:
    """Index every entity, as it stood alone, by the (key, form) pairs it offers."""
    index: dict[str, dict[int, str]] = defaultdict(dict)
    for i, p in enumerate(clusters.initial):
        for key, form in sorted(keys_of(p)):
            index[key].setdefault(i, form)
    return index


def open_roots(
    clusters: Clusters, etype: EntityType, *, unknown_only: bool = False
) -> Iterator[tuple[int, Profile]]:
    """Yield each cluster of a type that is still a root when reached, with its profile.

    With `unknown_only`, clusters the gazetteer knows are left out: a known name is
    resolved by pass 1 and never needs a partial form to find its entity.
    """
    for root in clusters.roots():
        if clusters.find(root) != root:
            continue
        profile = clusters.profiles[root]
        if profile.type == etype and not (unknown_only and profile.known):
            yield root, profile


def other_roots(
    clusters: Clusters, index: dict[str, dict[int, str]], keys: Iterable[str], root: int
) -> dict[int, str]:
    """The other clusters holding an entity indexed under one of `keys`, with its form."""
    found: dict[int, str] = {}
    for key in sorted(keys):
        entries = index.get(key)
        if not entries:
            continue
        # One entry per cluster from now on: roots only ever join, so a cluster's first
        # member stands for it (the index would otherwise be read whole for every cluster).
        compact: dict[int, str] = {}
        for i, form in sorted(entries.items()):
            compact.setdefault(clusters.find(i), form)
        index[key] = compact
        for r, form in compact.items():
            if r != root:
                found.setdefault(r, form)
    return found


def link_partial_names(clusters: Clusters) -> None:
    """A surname alone or a shorter full name joins the one person of the corpus it fits;
    a bare surname that fits several joins the one it shares clearly most context with."""
    index = index_initial(
        clusters,
        lambda p: {
            (key, "")
            for n in p.persons
            if n.given and p.type == "Person"
            for key in (n.surname, bare_surname(n.surname))
        },
    )
    # a full name is also looked up by a first surname ("Ernesto Garcia": "Ernesto García
    # Salcedo"); a surname alone is not ("Walker": no "George Walker Bush")
    firsts = index_initial(
        clusters,
        lambda p: {(k, "") for n in p.persons if (k := first_of_two_surnames(n))},
    )
    context: Context | None = None
    titles: _Titles | None = None
    in_full = _named_in_full(clusters)
    for root, profile in open_roots(clusters, "Person"):
        surnames = {p.surname for p in profile.persons}
        candidates = other_roots(clusters, index, surnames, root)
        if any(p.given for p in profile.persons):
            candidates |= other_roots(clusters, firsts, surnames, root)
        fitting = sorted(c for c in candidates if compatible(profile, clusters.profiles[c]))
        if len(fitting) > 1 and not any(p.given for p in profile.persons):
            fitting = _not_named_beside(clusters, in_full, root, surnames, fitting)
        if not fitting:
            continue
        mine = _best_form(profile, surnames, full=False)
        has_full = any(p.given for p in profile.persons)
        # One name spelled three ways ("Mohammed"/"Muhammad"/"Mohammad bin Nayef") fits as
        # one person.
        spelled = (
            has_full
            and len(fitting) > 1
            and (
                _one_name_spelled_otherwise(profile, [clusters.profiles[c] for c in fitting])
                or all_compatible([clusters.profiles[c] for c in fitting])
            )
        )
        if len(fitting) == 1 and has_full and _fits_others_too(clusters, index, fitting[0], root):
            continue  # "John K. Arlo" is not the one "John Arlo" when "John T. Arlo" is named too
        if len(fitting) == 1 or spelled:
            target = fitting[0]
            theirs = _best_form(clusters.profiles[target], surnames, full=True)
            rule = "name-subset" if has_full else "surname"
            merge = Merge(rule, theirs, mine, 0.85 if has_full else 0.8)
        elif has_full:
            continue  # a shorter full name that fits two people stays apart
        else:
            titles = titles or _Titles(clusters)
            context = context or Context(clusters)
            chosen = titles.single_out(root, fitting) or _by_context(context, root, fitting)
            if chosen is None:
                forms = sorted(
                    _best_form(clusters.profiles[c], surnames, full=True) for c in fitting
                )
                clusters.merges[root].append(
                    Merge("surname-ambiguous", mine, " | ".join(forms), 0.0)
                )
                continue
            target, rule = chosen
            theirs = _best_form(clusters.profiles[target], surnames, full=True)
            merge = Merge(rule, theirs, mine, 0.7 if rule == "surname-context" else 0.6)
        before = clusters.find(target)
        if clusters.join(target, root, merge):
            if context is not None:
                context.joined(before, root)
            if titles is not None:
                titles.joined(before, root)


def _named_in_full(clusters: Clusters) -> tuple[dict[int, set[str]], dict[str, set[int]]]:
    """The documents of each cluster, and for each surname the entities that name in full a
    person with it and a generational suffix ("Donald Trump Jr."), as they stood before the
    partial names joined."""
    docs: dict[int, set[str]] = defaultdict(set)
    full: dict[str, set[int]] = defaultdict(set)
    for i, entity in enumerate(clusters.entities):
        docs[clusters.find(i)].update(m.doc_id for m in entity.mentions)
        for n in clusters.initial[i].persons:
            if n.given and n.suffix and entity.type == "Person":
                full[n.surname].add(i)
    return docs, full


def _not_named_beside(
    clusters: Clusters,
    in_full: tuple[dict[int, set[str]], dict[str, set[int]]],
    root: int,
    surnames: set[str],
    fitting: list[int],
) -> list[int]:
    """Of the people a bare surname without a suffix fits, all but the one with a suffix its
    own documents name in full, if one: "Trump" of a text that names "Donald Trump Jr." and
    did not join them is his father, not he."""
    docs, full = in_full
    if any(p.suffix for p in clusters.profiles[root].persons):
        return fitting
    mine = docs.get(root, set())
    named = {
        clusters.find(i)
        for s in surnames
        for i in full.get(s, ())
        if any(m.doc_id in mine for m in clusters.entities[i].mentions)
    }
    beside = [c for c in fitting if c in named]
    return [c for c in fitting if c not in named] if len(beside) == 1 else fitting


class _Titles:
    """The roles each person cluster's mentions are titled with: a title without its
    courtesy and time words ("President", "Vice President"; not "Mr", "former")."""

    def __init__(self, clusters: Clusters) -> None:
        self.clusters = clusters
        self.roles: dict[int, set[str]] = defaultdict(set)
        for i, entity in enumerate(clusters.entities):
            said = {m.title for m in entity.mentions if m.title} if entity.type == "Person" else ()
            for title in said:
                if role := role_of(title):
                    self.roles[clusters.find(i)].add(role)

    def joined(self, a: int, b: int) -> None:
        merged = self.roles.pop(a, set()) | self.roles.pop(b, set())
        if merged:
            self.roles[self.clusters.find(a)] = merged

    def single_out(self, root: int, fitting: list[int]) -> tuple[int, str] | None:
        """The one candidate holding a role the bare surname is given ("President Voss"),
        else the one titled with its gender ("Mrs. Voss": the one "Mrs." or "First lady";
        a title of the other gender has ruled out its bearers already: kg.entities.identity)."""
        roles = self.roles.get(root)
        held = [c for c in fitting if roles and roles & self.roles.get(c, set())]
        if not held and (genders := self.clusters.profiles[root].genders):
            held = [c for c in fitting if genders & self.clusters.profiles[c].genders]
        return (held[0], "surname-title") if len(held) == 1 else None


def link_given_names(clusters: Clusters) -> None:
    """A lone given name ("Mr. Varn and his wife, Lina": no full name in that text) joins
    the one person of the corpus with that first given name whose surname its own document
    names ("Lina Varn" elsewhere), or who holds the role it is titled with ("Prime Minister
    Shehbaz" beside "Prime Minister Shehbaz Sharif" elsewhere), or, for a given name the
    lexicon does not know ("Tedros"), the one bearer alone; always when the word is no one's
    surname in the corpus and has no generational suffix."""
    in_doc: dict[str, set[str]] = defaultdict(set)  # document -> surnames its people bear
    by_given: dict[str, set[int]] = defaultdict(set)  # given-name key -> full-name entities
    surnames: set[str] = set()
    members: dict[int, list[int]] = defaultdict(list)
    for i, entity in enumerate(clusters.entities):
        if entity.type != "Person":
            continue
        members[clusters.find(i)].append(i)
        for m in entity.mentions:
            if m.antecedent is None and (surname := person_name(m.text).surname):
                in_doc[m.doc_id].add(surname)
        for n in clusters.initial[i].persons:
            if n.given and n.surname:
                surnames.add(n.surname)
                for key in given_name_keys(n.given[0]):
                    by_given[key].add(i)
    titles: _Titles | None = None
    common = {k for name in lexicon.given_names() for k in given_name_keys(name)}
    for root, profile in open_roots(clusters, "Person"):
        if len(profile.persons) != 1 or any(n.given or n.suffix for n in profile.persons):
            continue  # "Fred Jr." is not "Frederick LaRue"
        word = next(iter(profile.persons)).surname
        if word in surnames or word not in by_given:
            continue
        docs = {m.doc_id for i in members[root] for m in clusters.entities[i].mentions}
        named = {s for d in docs for s in in_doc[d]}
        titles = titles or _Titles(clusters)
        roles = titles.roles.get(root, set())
        rare = word not in common  # "Tedros", "Abiy": a name the lexicon does not know
        fitting = {
            clusters.find(c): n
            for c in by_given[word]
            for n in clusters.initial[c].persons
            if (
                n.surname in named
                or roles & (held := titles.roles.get(clusters.find(c), set()))
                or (rare and not (roles and held))  # not "Senator X" of "Prime Minister X Y"
            )
            and given_name_fits(word, n)
            # a full name in the word's own text: the text's own rules have decided
            and not any(m.doc_id in docs for m in clusters.entities[c].mentions)
        }
        if len(fitting) != 1:
            continue
        ((target, name),) = fitting.items()
        theirs = _best_form(clusters.profiles[target], {name.surname}, full=True)
        mine = _best_form(profile, {word}, full=False)
        # the word is that person's given name, not a surname of its own
        clusters.profiles[root] = profile.copy()
        clusters.profiles[root].persons = {name}
        shown = name.surname in named or roles & titles.roles.get(target, set())
        rule = "given-name-surname" if shown else "given-name-unique"  # the one bearer alone
        if clusters.join(target, root, Merge(rule, theirs, mine, 0.6)):
            titles.joined(target, root)
        else:
            clusters.profiles[root] = profile


def _fits_others_too(
    clusters: Clusters, index: dict[str, dict[int, str]], target: int, root: int
) -> bool:
    """Whether the one candidate a full name fits, a shorter form of it, also fits others
    that cannot be that full name's person: a shorter name ("John Arlo") that two fuller
    ones ("John K. Arlo", "John T. Arlo") fit is neither's."""
    profile = clusters.profiles[target]
    mine = [n.given for n in clusters.profiles[root].persons if n.given]
    if not all(
        any(n.given == given[: len(n.given)] for given in mine) for n in profile.persons if n.given
    ):
        return False  # not a shorter form of the full name ("W. Calder" of "George W. Calder")
    surnames = {p.surname for p in profile.persons}
    others = [
        clusters.profiles[c]
        for c in sorted(other_roots(clusters, index, surnames, target))
        if c != root and compatible(profile, clusters.profiles[c])
    ]
    return any(not compatible(clusters.profiles[root], other) for other in others)


def _one_name_spelled_otherwise(profile: Profile, others: list[Profile]) -> bool:
    """Whether every full name of `profile` and of `others` is one name, spelled otherwise."""
    names = [n for p in (profile, *others) for n in p.persons if n.given]
    return all(same_name_spelled_otherwise(names[0], n) for n in names[1:])


# A bare surname joins the candidate it shares most context with when that context weighs
# at least this much (about two neighbours named in a tenth of the documents each) and at
# least twice the runner-up's.
_CONTEXT_MIN = 4.0
_CONTEXT_LEAD = 2.0


# Or it joins the one the corpus names clearly most (in this many times the documents of
# any other) when their contexts meet at all.
_DOMINANT = 5


def _by_context(context: Context, root: int, fitting: list[int]) -> tuple[int, str] | None:
    scores = sorted(
        zip(context.shared(root, fitting), fitting, strict=True), key=lambda sc: (-sc[0], sc[1])
    )
    (best, chosen), (second, _) = scores[0], scores[1]
    if best >= _CONTEXT_MIN and best >= _CONTEXT_LEAD * second:
        return chosen, "surname-context"
    shares = {c: s for s, c in scores}
    ranked = sorted(fitting, key=lambda c: (-len(context.docs.get(c, ())), c))
    top, runner = (len(context.docs.get(c, ())) for c in ranked[:2])
    if top >= _DOMINANT * max(1, runner) and shares[ranked[0]] > 0:
        return ranked[0], "surname-dominant"
    return None


def _best_form(profile: Profile, surnames: set[str], *, full: bool) -> str:
    forms = [
        f
        for f in profile.forms
        if (n := person_name(f)).surname in surnames and (n.given or not full)
    ] or sorted(profile.forms)
    return names.preferred_name(forms)


def link_unqualified_bodies(clusters: Clusters) -> None:
    """ "Defense Ministry" joins the one qualified defence ministry of the corpus, if one."""
    index = index_initial(clusters, lambda p: {(k.body, "") for k in p.org_keys if k.country})
    for root, profile in open_roots(clusters, "Organisation", unknown_only=True):
        if profile.countries:
            continue
        bodies = {k.body for k in profile.org_keys}
        candidates = sorted(other_roots(clusters, index, bodies, root))
        if len(candidates) == 1:
            target = candidates[0]
            theirs = sorted(
                f for f in clusters.profiles[target].forms if names.org_key(f).body in bodies
            )
            mine = sorted(profile.forms)
            clusters.join(target, root, Merge("unqualified-body", theirs[0], mine[0], 0.7))


def link_place_qualified(clusters: Clusters) -> None:
    """ "Falcons" joins the one "Harlow Falcons" of the corpus: an organisation named
    after a place (a place of the corpus or of the gazetteer) and then the same name."""
    places = {names.fold(f) for p in clusters.initial if p.type == "Place" for f in p.forms}
    index = index_initial(
        clusters,
        lambda p: {
            (rest, form)
            for form in p.forms
            if p.type == "Organisation" and (rest := names.place_qualified(form, places))
        },
    )
    context: Context | None = None
    for root, profile in open_roots(clusters, "Organisation", unknown_only=True):
        mine = {names.fold(f) for f in profile.forms if not names.place_qualified(f, places)}
        matches = other_roots(clusters, index, mine, root)
        if len(matches) != 1:
            continue
        # "City Times" of one city is not that of another: the documents must share context.
        target, form = next(iter(matches.items()))
        context = context or Context(clusters)
        if context.shared(root, [target])[0] < _CONTEXT_MIN:
            continue
        before = clusters.find(target)
        if clusters.join(target, root, Merge("place-qualified", form, min(profile.forms), 0.7)):
            context.joined(before, root)

"""An organisation named by its short form alone in a document joins the one organisation of
the corpus whose name it shortens.

One outlet writes "Norvale Holdings agreed to ...", another only "Norvale said ...": within a
document the short form joins its company (kg.entities.in_document), but a document that
never gives the full name keeps "Norvale" apart. Across the corpus, an organisation whose
every name is one short form (the name without its legal form and the one generic word
ending it: "Norvale" of "Norvale Holdings Ltd", "China Eastern" of "China Eastern Airlines";
kg/data/org_heads.txt, company_words.txt) joins the organisation it shortens when exactly one
organisation of the corpus has it, it is no place of the corpus and no surname of a person the
corpus names in full ("Brandt" where "Charles Brandt" and "Brandt Holdings" are both named).
One word only, and never a possessive: "House Resources Committee" gives no "House", "Renault
Samsung Motors" no "Renault", "People's Council" no "People" (all three tried on ECB+ and
MEANTIME, where each was another organisation)."""

from __future__ import annotations

from collections import defaultdict

from kg.core.model import Merge
from kg.entities import names
from kg.entities.identity import Clusters

__all__ = ["link_shortened_bodies"]


def link_shortened_bodies(clusters: Clusters) -> None:
    """Join each organisation known only by a short form to the one organisation it shortens."""
    roots = [r for r in clusters.roots() if clusters.find(r) == r]
    places = {
        names.fold(f)
        for r in roots
        if clusters.profiles[r].type == "Place"
        for f in clusters.profiles[r].forms
    }
    surnames = {
        p.surname
        for r in roots
        if clusters.profiles[r].type == "Person"
        for p in clusters.profiles[r].persons
        if p.given
    }
    longer: dict[str, set[int]] = defaultdict(set)  # short form -> organisations it shortens
    for root in roots:
        profile = clusters.profiles[root]
        if profile.type != "Organisation":
            continue
        for form in profile.forms:
            if short := _without_last_generic_word(form, places):
                longer[short].add(root)
    for root in roots:
        if clusters.find(root) != root:
            continue
        profile = clusters.profiles[root]
        if profile.type != "Organisation" or profile.known:
            continue
        shorts = {names.fold(names.without_legal_form(f)) for f in profile.forms}
        if len(shorts) != 1:
            continue
        (short,) = shorts
        if short in surnames or short in places:
            continue
        fits = {clusters.find(r) for r in longer.get(short, ())} - {root}
        if len(fits) != 1:
            continue
        (target,) = fits
        theirs = sorted(clusters.profiles[target].forms)[0]
        clusters.join(
            target, root, Merge("name-without-head", theirs, sorted(profile.forms)[0], 0.75)
        )


def _without_last_generic_word(form: str, places: set[str]) -> str:
    """The name without its legal form and the one generic word ending it, folded ("Norvale"
    of "Norvale Holdings Ltd"; kg.entities.names.shortened_names says which are kept): ""
    for an acronym, a possessive ("People's Council") or a name that ends in no such word.
    One word only: "House Resources Committee" is no "House"."""
    if names.is_acronym(form) or "'" in form or "\u2019" in form:
        return ""
    words = names.fold(names.without_legal_form(form)).split()
    if len(words) < 2:
        return ""
    short = " ".join(words[:-1])
    return short if short in names.shortened_names(form, places) else ""

"""Initials across documents: an organisation known only by an acronym ("NTSB") joins the
one organisation whose initials it spells, and a person known only by capitals ("MBS",
"RFK Jr.") the one person whose full name they spell word by word."""

from __future__ import annotations

from kg.core.model import Merge
from kg.entities import names
from kg.entities.identity import Clusters
from kg.entities.partial_names import index_initial, open_roots, other_roots
from kg.entities.person_names import SUFFIXES, initials_key

__all__ = ["link_acronyms", "link_person_initials"]


def link_acronyms(clusters: Clusters) -> None:
    """A cluster known only by an acronym joins the one organisation whose initials it spells."""
    index = index_initial(
        clusters,
        lambda p: {
            (letters, form)
            for form in p.forms
            if p.type == "Organisation" and not names.is_acronym(form)
            for letters in _initial_forms(form)
        },
    )
    for root, profile in open_roots(clusters, "Organisation", unknown_only=True):
        if not profile.forms or not all(names.is_acronym(f) for f in profile.forms):
            continue
        letters = {names.fold(f).replace(" ", "") for f in profile.forms}
        matches = other_roots(clusters, index, letters, root)
        if len(matches) == 1:
            target, form = next(iter(matches.items()))
            clusters.join(target, root, Merge("acronym-initials", form, min(profile.forms), 0.7))


def link_person_initials(clusters: Clusters) -> None:
    """A person known only by capitals of three letters or more ("MBS", "AMLO"), with a
    generational suffix or not ("RFK Jr."), joins the one person of the corpus whose full
    name, particles and hyphenated parts included, they spell word by word ("Mohammed bin
    Salman", "Andres Manuel Lopez Obrador"), the suffix too where they have one."""
    index = index_initial(
        clusters,
        lambda p: {
            (key, form)
            for form in p.forms
            if p.type == "Person" and (letters := _name_initials(form))
            for key in {letters, letters.split()[0]}  # "MLK" too, of "Martin Luther King Jr."
        },
    )
    for root, profile in open_roots(clusters, "Person"):
        spelled = [initials_key(f) for f in profile.forms]
        if not spelled or not all(spelled):
            continue
        letters = {k for k in spelled if k}
        matches = other_roots(clusters, index, letters, root)
        if len(matches) == 1:
            target, form = next(iter(matches.items()))
            clusters.join(target, root, Merge("person-initials", form, min(profile.forms), 0.7))


def _name_initials(form: str) -> str:
    """The initials of a full name of three words or more, each part of a hyphenated word
    counting as a word ("Alexandria Ocasio-Cortez" -> "aoc"), and its generational suffix
    ("Robert F. Kennedy Jr." -> "rfk jr"); "" for a shorter name."""
    words = names.fold(form).replace("-", " ").replace(".", " ").split()
    suffix = [w for w in words[-1:] if w in SUFFIXES and len(words) > 3]
    words = words[: len(words) - len(suffix)]
    if len(words) < 3 or not all(w.isalpha() for w in words):
        return ""
    return " ".join(["".join(w[0] for w in words), *suffix])


def _initial_forms(text: str) -> set[str]:
    forms = {names.initials(text), names.initials(text, with_function_words=True)}
    words = text.split()
    if len(words) > 2 and names.org_key(text).country:
        rest = " ".join(words[1:])
        forms |= {names.initials(rest), names.initials(rest, with_function_words=True)}
    return {f for f in forms if len(f) >= 2}

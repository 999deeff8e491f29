"""A person's preferred label: which of the names the mentions give the graph shows.

The most frequent well-formed full name wins, among those that carry nothing another full
name lacks: no title ("Sen. Ada Holm"), no generational suffix ("Ada Holm Jr." names
another person), no quoted nickname, and no given name missing that another form of the
same name gives first. The last is a compound surname written alone: "Blasey Ford" beside
"Christine Blasey Ford" is the surname, though it reads as a given name and a surname; its
first word is no given name the lexicon knows, while the longer form opens with one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.folding import fold
from kg.entities.names import is_well_formed, preferred_name
from kg.entities.person_names import QUOTED_NICKNAME, PersonName, person_name

__all__ = ["preferred_person_name"]


def preferred_person_name(forms: Sequence[str]) -> str:
    """A person's preferred label: the most frequent well-formed full name of `forms` (one
    occurrence per mention), never one with a title, suffix, quoted nickname or leading
    given name another full name lacks (module docstring); without a full name,
    kg.entities.names.preferred_name decides."""
    counts = Counter(forms)
    titles = lexicon.titles()
    full = {f: person_name(f) for f in counts if is_well_formed(f)}
    full = {f: n for f, n in full.items() if n.given and n.surname and not _is_shouting(f)}
    if not full:
        return preferred_name(forms)
    bare_suffix = any(not n.suffix for n in full.values())
    untitled = any(fold(f).split()[0] not in titles for f in full)
    plain = any(not QUOTED_NICKNAME.search(f) for f in full)  # one without a nickname
    kept = [
        f
        for f, n in full.items()
        if not (n.suffix and bare_suffix)
        and not (untitled and fold(f).split()[0] in titles)
        and not (plain and QUOTED_NICKNAME.search(f))
        and not _surname_of_another(f, full)
    ] or list(full)
    # on a tie the spelling with its diacritics ("Hakan Öztürkmen", not "Hakan Ozturkmen")
    return min(kept, key=lambda f: (-counts[f], -len(f.split()), f.isascii(), f))


def _surname_of_another(form: str, full: dict[str, PersonName]) -> bool:
    """Whether `form` is another full name's last words, opening with a word no given name
    while the words before it in the other are given names ("Blasey Ford" of "Christine
    Blasey Ford")."""
    words = fold(form).split()
    if _is_given(words[0]):
        return False
    for other in full:
        longer = fold(other).split()
        extra = len(longer) - len(words)
        if extra > 0 and longer[extra:] == words and all(_is_given(w) for w in longer[:extra]):
            return True
    return False


def _is_given(word: str) -> bool:
    word = word.rstrip(".")
    return word in lexicon.given_names() or bool(lexicon.name_gender(word))


def _is_shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)

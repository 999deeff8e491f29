"""Name normalisation: the keys under which two surface forms count as one name.

Every function here maps a surface form (exactly as written) to a comparison key; keys are
never shown to users. The layers, from strict to loose:

- `fold`: ASCII (diacritics dropped), lowercase, possessive and punctuation removed;
- `spelling_key`: `fold` plus British/American spelling ("defence" = "defense");
- `transliteration_key`: plus the romanisation rules of kg/data/transliteration.tsv
  ("Zelenskiy" = "Zelenskyy" = "Zelensky", "Sergei" = "Sergey");
- `phonetic_key`: plus devoicing and doubled letters, for near-miss spellings only.

Places go through the gazetteer (`find_place`: "Kiev" -> Kyiv); organisations through
`org_key` (country qualifier + body: "Russia's defence ministry" = "the Russian Defense
Ministry"); people through kg.entities.person_names (given names, surname, suffix).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.core import lexicon
from kg.core.folding import POSSESSIVE, fold, strip_possessive

__all__ = [
    "OrgKey",
    "find_organisation",
    "find_place",
    "fold",
    "initials",
    "is_acronym",
    "is_qualifier",
    "is_region_name",
    "is_well_formed",
    "org_key",
    "phonetic_key",
    "place_qualified",
    "preferred_name",
    "shortened_names",
    "spelling_key",
    "strip_possessive",
    "transliteration_key",
    "weapon_key",
    "without_legal_form",
]

_ISE = re.compile(r"(?<=[a-z]{3})is(ation|ations|e|ed|es|ing)$")
_DEVOICE = str.maketrans({"b": "p", "g": "k", "d": "t", "v": "f", "z": "s", "w": "f"})
_DOUBLES = re.compile(r"(.)\1+")
# Short function words inside names ("Institute for the Study of War"): not initials.
_FUNCTION_WORDS = frozenset({"of", "the", "for", "and", "on", "in", "at", "de", "du", "la", "&"})


@lru_cache(maxsize=65536)
def spelling_key(text: str) -> str:
    """`fold` with British spellings made American ("Defence Ministry" -> "defense ministry")."""
    table = lexicon.spellings()
    return " ".join(_ISE.sub(r"iz\1", table.get(w, w)) for w in fold(text).split())


@lru_cache(maxsize=4096)
def _transliterate_word(word: str) -> str:
    for pattern, replacement in _compiled_rules():
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=1)
def _compiled_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), r) for p, r in lexicon.transliteration_rules())


@lru_cache(maxsize=65536)
def transliteration_key(text: str) -> str:
    """`spelling_key` with romanisation variants folded ("Sergei Shoygu" = "Sergey Shoigu")."""
    return " ".join(_transliterate_word(w) for w in join_abd(spelling_key(text).split()))


_ABD = frozenset({"abd", "abdel", "abdul", "abdal", "abdol", "abdil"})
_ABD_WORD = re.compile(r"^abd(?:el|ul|al|ol|il)?(?=[a-z]{3,}$)")


def join_abd(words: list[str]) -> list[str]:
    """Folded name words with an Arabic "Abd" compound as one word, however written: "Abdul
    Malik", "Abdel-Malik", "Abd al-Malik" and "Abdulmalik" are "abdulmalik" (not where it
    would leave no other word: "Abdul Karim" may be a given name and a surname)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        j = i + 1 + (i + 2 < len(words) and words[i + 1] in {"al", "el", "ul"})
        if words[i] in _ABD and j + 1 < len(words):
            out.append("abdul" + words[j])
            i = j + 1
            continue
        found = _ABD_WORD.match(words[i])
        out.append("abdul" + words[i][found.end() :] if found else words[i])
        i += 1
    return out


def weapon_key(system: str) -> str:
    """Key of a weapon system name: "S-300" = "S 300" = "s300", "Tor-M2" = "TOR M2"."""
    return re.sub(r"[\s\-‐‑–]", "", fold(system))


def phonetic_key(text: str) -> str:
    """A loose key for near-miss spellings: devoiced consonants, no doubled letters."""
    words = []
    for word in transliteration_key(text).split():
        word = word.translate(_DEVOICE).replace("kh", "k").replace("gh", "k").replace("h", "")
        words.append(_DOUBLES.sub(r"\1", word))
    return " ".join(words)


def is_acronym(text: str) -> bool:
    """True for short capitalised abbreviations: "FSB", "MoD", "U.N.", "NATO"."""
    letters = text.replace(".", "").replace("&", "")
    if not 2 <= len(letters) <= 7 or not letters.isalpha() or " " in text:
        return False
    capitals = sum(c.isupper() for c in letters)
    return letters[0].isupper() and capitals >= 2 and capitals >= len(letters) - 2


def initials(text: str, *, with_function_words: bool = False) -> str:
    """Lowercase initials of a name's words ("Institute for the Study of War" -> "isw")."""
    words = fold(text).split()
    if not with_function_words:
        words = [w for w in words if w not in _FUNCTION_WORDS]
    return "".join(w[0] for w in words if w)


@lru_cache(maxsize=1)
def _place_index() -> dict[str, lexicon.Place]:
    index: dict[str, lexicon.Place] = {}
    # Countries first so that a form shared by a country and a city means the country.
    for place in sorted(lexicon.places(), key=lambda p: p.kind != "country"):
        for form in (place.name, *place.variants):
            index.setdefault(fold(form), place)
    return index


_INITIALISM = re.compile(r"(?:[A-Z]\.)+[A-Z]?\.?")


@lru_cache(maxsize=1)
def _initialism_keys() -> frozenset[str]:
    """The keys only a place's initials give ("R.I.": "ri"), no word of a name."""
    initials: set[str] = set()
    words: set[str] = set()
    for place in lexicon.places():
        for form in (place.name, *place.variants):
            (initials if _INITIALISM.fullmatch(form) else words).add(fold(form))
    return frozenset(initials - words)


def find_place(text: str) -> lexicon.Place | None:
    """The gazetteer entry a place name is a form of ("Kiev" -> Kyiv), if any; a word
    in lower case after a capital is no place's initials ("Ri", a surname, is not "R.I.")."""
    key = fold(text)
    if key in _initialism_keys() and "." not in text and not text.isupper():
        return None
    place = _place_index().get(key)
    if place is None and key.startswith("the "):
        place = _place_index().get(key[4:])
    return place


@lru_cache(maxsize=1)
def _organisation_index() -> dict[str, lexicon.Organisation]:
    index: dict[str, lexicon.Organisation] = {}
    for org in lexicon.organisations():
        for form in (org.name, *org.variants):
            index.setdefault(spelling_key(form), org)
    return index


def find_organisation(text: str) -> lexicon.Organisation | None:
    """The known organisation a name is a form of ("NATO" -> North Atlantic Treaty ...), if any."""
    words = spelling_key(text).split()
    if words and words[0] == "the":
        words = words[1:]
    return _organisation_index().get(" ".join(words))


def is_region_name(text: str) -> bool:
    """True when the name ends with a region word ("Donetsk region", "Kursk Oblast")."""
    words = fold(text).split()
    return len(words) > 1 and words[-1] in lexicon.region_words()


@dataclass(frozen=True, slots=True, order=True)
class OrgKey:
    """An organisation name split into the country that qualifies it and the body."""

    country: str  # "" when the name has no country qualifier
    body: str  # spelling-normalised, aliases applied ("defense ministry")


@lru_cache(maxsize=65536)
def org_key(text: str) -> OrgKey:
    """Split "Russia's defence ministry" / "Ministry of Defense of Russia" into an OrgKey."""
    qualifiers = _qualifier_index()
    words = spelling_key(text).split()
    if words and words[0] == "the":
        words = words[1:]
    country = ""
    for n in (3, 2, 1):
        head = " ".join(words[:n])
        if len(words) > n and head in qualifiers:
            country, words = qualifiers[head], words[n:]
            break
    if not country:
        for n in (3, 2, 1):
            tail = " ".join(words[-n:])
            if len(words) > n + 1 and words[-n - 1] == "of" and tail in qualifiers:
                country, words = qualifiers[tail], words[: -n - 1]
                break
    while len(words) > 1 and words[-1] in _legal_forms():
        words = words[:-1]  # "Norvale Corp." is Norvale
        if len(words) > 1 and words[-1] in _JOINING:
            words = words[:-1]  # "Wells Fargo & Co."
    body = " ".join(words)
    for variant, canonical in lexicon.org_aliases():
        body = re.sub(rf"\b{re.escape(variant)}\b", canonical, body)
    return OrgKey(country, _GOVERNMENT_BODY.sub(r"\2 \1", body))


# "Department of Labor" is the "Labor Department": a government body named after one or two
# words of its remit (more, or a coordination, is a name of its own: "Department of Health
# and Human Services").
_BODY_HEADS = frozenset({"ministry", "department", "bureau", "office", "directorate"})
_GOVERNMENT_BODY = re.compile(
    rf"^({'|'.join(sorted(_BODY_HEADS))}) of (?:the )?"
    r"((?!and\b|of\b|the\b)[a-z]+(?: (?!and\b|of\b|the\b)[a-z]+)?)$"
)


def place_qualified(text: str, places: Collection[str] = ()) -> str:
    """The folded rest of a name that starts with a place ("Harlow Falcons" -> "falcons"),
    a place of `places` (folded) or of the gazetteer; "" when it does not."""
    words = fold(text).split()
    for k in range(min(3, len(words) - 1), 0, -1):
        head = " ".join(words[:k])
        if head in places or head in _place_index():
            return " ".join(words[k:])
    return ""


def shortened_names(text: str, places: Collection[str] = ()) -> list[str]:
    """The shorter names of an organisation without the generic words ending its name
    (an organisation's noun, kg/data/org_heads.txt, or a company's, company_words.txt; up to
    two: "China Eastern Airlines" -> "china eastern", "Ford Motor Co" -> "ford"), folded:
    none that is generic, a place (of `places`, folded, or of the gazetteer) or a country's
    word ("Syrian Army"), and none when the name ends in a government body's noun, whose
    remit alone is a common word ("Interior Department": "Interior Secretary")."""
    words = fold(without_legal_form(text)).split()
    generic = lexicon.org_heads() | lexicon.company_words()
    if not words or words[-1] in _BODY_HEADS:
        return []
    found = []
    for end in range(len(words) - 1, max(0, len(words) - 3), -1):
        if words[end] not in generic:
            break
        short = " ".join(words[:end])
        if not (
            all(w in generic for w in words[:end])
            or short in places
            or find_place(short) is not None
            or is_qualifier(short)
        ):
            found.append(short)
    return found


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon.read_lines("legal_forms.txt"))


def without_legal_form(text: str) -> str:
    """A company's name without the legal form at its end ("Norvale Inc." -> "Norvale")."""
    words = text.split()
    while len(words) > 1 and fold(words[-1]).replace(" ", "") in _legal_forms():
        words = words[:-1]
        if len(words) > 1 and words[-1].lower() in _JOINING:
            words = words[:-1]  # "Wells Fargo & Co."
    return " ".join(words).rstrip(",")


_JOINING = frozenset({"&", "and"})  # before a legal form: "& Co.", "and Company"


def is_qualifier(text: str) -> bool:
    """Tell whether a name is a country's or its people's word ("Syrian", "U.S.")."""
    return spelling_key(text) in _qualifier_index()


@lru_cache(maxsize=1)
def _qualifier_index() -> dict[str, str]:
    return {spelling_key(form): country for form, country in lexicon.qualifier_country().items()}


def is_well_formed(text: str) -> bool:
    """True for a clean name: one line, starts with a capital, no slashes or brackets."""
    if not text or "\n" in text or any(c in text for c in "/()[]|@#"):
        return False
    return text[0].isupper() or text[0].isdigit()


def preferred_name(forms: Iterable[str], *, gazetteer: bool = False) -> str:
    """Pick the most complete, most frequent well-formed name of a list of surface forms.

    Preference, in order: well-formed; not all capitals (unless every form is); no
    possessive; most words; most frequent; then alphabetical, for determinism. With
    `gazetteer`, the gazetteer's own name wins when it is one of the forms ("Kyiv", not
    "Kiev") or one without its article ("Hague": "The Hague"), or every form is in capitals
    (a dateline's "KYIV"), and all forms are of that one place; a place named in capitals
    alone that the gazetteer does not know is named in title case ("AUSTIN": "Austin").
    """
    counts: dict[str, int] = {}
    for form in forms:
        counts[form] = counts.get(form, 0) + 1
    if not counts:
        raise ValueError("preferred_name needs at least one form")
    if gazetteer:
        entries = {p.name if p else "" for p in map(find_place, counts)}
        if len(entries) == 1 and (name := entries.pop()):
            if name in counts or name.removeprefix("The ") in counts:
                return name  # "The Hague" though the mentions leave the article out
            if all(form.isupper() for form in counts):
                return name  # a dateline's "WASHINGTON" alone is Washington

    def score(form: str) -> tuple[int, int, int, int, int, str]:
        words = form.split()
        shouting = int((form.isupper() and len(form) > 4 and " " not in form) or _is_all_caps(form))
        possessive = int(any(POSSESSIVE.search(w) for w in words))
        return (
            -int(is_well_formed(form)),
            shouting,
            possessive,
            -len(words),
            -counts[form],
            form,
        )

    best = min(counts, key=score)
    words = best.replace("-", " ").split()
    if (
        gazetteer
        and best.isupper()
        and all(w.isalpha() for w in words)
        and max(map(len, words)) > 3
    ):
        return best.title()  # a place the gazetteer does not know, named in a dateline only
    return best


def _is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 4 and all(c.isupper() for c in letters) and " " in text

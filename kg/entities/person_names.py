"""People's names: given names, surname and generational suffix, and when two can be one.

A name is split into comparison keys (transliteration keys, kg.entities.names):

- titles and honorifics before it are not part of it ("Sen.", "Special Counsel", "Lt Gen":
  kg/data/titles.txt);
- a generational suffix is kept apart ("Jr.", "Sr.", "II", "III"): it names another person
  of the family, so it must agree;
- East Asian names keep their order, surname first, when the first word is a common
  Chinese or Korean surname (kg/data/east_asian_surnames.txt) and the rest reads as
  romanised syllables ("Kim Jong-un", "Moon Jae-in", "Xi Jinping"); the given name's
  syllables make one key, however they are hyphenated or spaced;
- particles belong to the surname ("bin Salman", "von der Leyen", "de Gaulle"), except the
  Arabic article, which news drops at will ("al-Assad" = "Assad"): kg/data/name_particles.tsv.

Run-together initials are initials ("George H.W." and "George HW" are "George H. W.").

Two names can be one person when the surnames agree, each given name of the shorter list
matches one of the longer (an initial matches the names it begins; a shorter list with an
initial matches a run of the longer one in order: "George W." is not "George Herbert Walker",
whose initials are "H. W."), and the suffixes agree
(a bare surname, "Trump", is compatible with any bearer; "Donald Trump" and "Donald Trump
Jr." are two people).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.core import lexicon
from kg.core.folding import fold
from kg.core.model import Token
from kg.entities import lineages
from kg.entities.names import (
    is_acronym,
    join_abd,
    transliteration_key,
)

__all__ = [
    "PersonName",
    "QUOTED_NICKNAME",
    "SUFFIXES",
    "bare_surname",
    "given_name_fits",
    "given_name_keys",
    "given_names_compatible",
    "initials_key",
    "is_east_asian",
    "is_name_particle",
    "lineage_key",
    "lineages_compatible",
    "person_name",
    "persons_compatible",
    "role_of",
    "roles_meet",
    "same_name_spelled_otherwise",
    "split_initials",
    "title_before",
    "title_gender",
]

# Generational suffixes: closed-class words that are never a given name or a surname.
SUFFIXES = frozenset({"jr", "jnr", "sr", "snr", "ii", "iii", "iv", "junior", "senior"})
_SUFFIX_KEY = {"junior": "jr", "jnr": "jr", "senior": "sr", "snr": "sr"}
# One romanised Chinese or Korean syllable (pinyin, Wade-Giles, Revised Romanisation):
# an optional initial, a vowel cluster, an optional final consonant.
_SYLLABLE = r"(?:ch|sh|zh|ts|kk|tt|pp|ss|jj|[bcdfghjklmnpqrstwxyz])?[aeiouyw]+(?:ng|ck|[nmklpwt])?"
_SYLLABLES = re.compile(rf"(?:{_SYLLABLE}){{1,3}}")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as given-name keys, surname key and generational suffix."""

    given: tuple[str, ...]
    surname: str
    suffix: str = ""
    nicknames: tuple[str, ...] = ()  # quoted in the name: Carlos Andrés "Chato" Ibarra


@lru_cache(maxsize=1)
def _east_asian_surnames() -> frozenset[str]:
    return frozenset(fold(s) for s in lexicon.surnames_first())


@lru_cache(maxsize=1)
def _particles() -> dict[str, str]:
    """Name particle -> "surname" (part of the surname) or "drop" (an article news omits)."""
    return {fold(row["particle"]): row["role"] for row in lexicon.read_table("name_particles.tsv")}


@lru_cache(maxsize=1)
def _bare_particles() -> frozenset[str]:
    """Particles a surname may be named without ("Moraes" of "de Moraes"): name_particles.tsv."""
    rows = lexicon.read_table("name_particles.tsv")
    return frozenset(
        fold(r["particle"]) for r in rows if r["role"] == "surname" and r["bare"] == "yes"
    )


def bare_surname(surname: str) -> str:
    """A surname key without the particles it may be named without ("de moraes" -> "moraes";
    "bin salman" stays)."""
    words = surname.split()
    bare = _bare_particles()
    while len(words) > 1 and words[0] in bare:
        words = words[1:]
    return " ".join(words)


def is_name_particle(word: str) -> bool:
    """Whether a word is a particle inside people's names ("von", "bin", "al", "el")."""
    return fold(word) in _particles()


@lru_cache(maxsize=1)
def _variants() -> dict[str, frozenset[str]]:
    """Given-name key -> the full names it is (a full name is itself)."""
    table: dict[str, set[str]] = {}
    for full, variants in lexicon.given_name_variants():
        name = transliteration_key(full)
        table.setdefault(name, set()).add(name)
        for short in variants:
            table.setdefault(transliteration_key(short), set()).add(name)
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _genders() -> dict[str, str]:
    return {fold(title): gender for title, gender in lexicon.title_genders().items()}


# Time words of a title that say when, not what ("former President": the role is President).
_WHEN = frozenset({"former", "late", "acting", "then", "outgoing", "incoming"})
# Abbreviated title words, written out: "Sen." is "Senator".
_ABBREVIATED = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "maj": "major",
    "capt": "captain",
    "sgt": "sergeant",
    "adm": "admiral",
    "brig": "brigadier",
    "cpl": "corporal",
    "pte": "private",
    "atty": "attorney",
    "det": "detective",
    "supt": "superintendent",
    "rev": "reverend",
    "prof": "professor",
}


def role_of(title: str) -> str:
    """The role a title names, without courtesy and time words, abbreviations written out:
    "former Sen." -> "senator", "Mr." -> "" (kg/data/honorifics.txt)."""
    dropped = _courtesy()
    words = [_ABBREVIATED.get(w, w) for w in fold(title).split() if w not in dropped]
    return " ".join(words)


# Words that make a role another office than the role without them ("deputy secretary").
_UNDER = frozenset({"deputy", "lieutenant", "vice", "assistant", "under", "associate"})


def roles_meet(a: set[str], b: set[str]) -> bool:
    """Whether two sets of roles share one: equal, or one a short form of the other
    ("secretary" of "secretary of defense", not of "deputy secretary")."""
    return any(_short_of(x, y) or _short_of(y, x) for x in a for y in b)


def _short_of(short: str, full: str) -> bool:
    words, more = set(short.split()), set(full.split()) - {"of", "the"}
    return bool(words) and words <= more and not (more - words) & _UNDER


@lru_cache(maxsize=1)
def _courtesy() -> frozenset[str]:
    return frozenset(lexicon.read_lines("honorifics.txt")) | _WHEN


def title_gender(title: str) -> str:
    """ "m" or "f" for a gendered title or honorific ("Mr." m, "Mrs." f), else "". "Miss."
    with a full stop is Mississippi ("Jackson, Miss. Fred Arlo"), not the honorific."""
    words = [w for w in title.split() if w.lower() != "miss."]
    genders = {_genders().get(w, "") for w in fold(" ".join(words)).split()} - {""}
    return genders.pop() if len(genders) == 1 else ""


def is_east_asian(words: list[str]) -> bool:
    """Whether folded name words read surname first ("kim jong un", "xi jinping")."""
    if not 2 <= len(words) <= 3 or words[0] not in _east_asian_surnames():
        return False
    return all(_SYLLABLES.fullmatch(w) for w in words[1:]) and len("".join(words[1:])) <= 10


# Initials written together: "H.W." (with full stops) or "HW" (capitals) inside a name.
_DOTTED_INITIALS = re.compile(r"\b(?:[A-Z]\.){2,}")
_CAPITAL_INITIALS = re.compile(r"[A-Z]{2,3}")


def split_initials(text: str) -> str:
    """ "George H.W. Bush" and "George HW Bush" -> "George H. W. Bush"; a run of capitals
    is initials only between a name's first and last word ("III" ends one)."""
    text = _DOTTED_INITIALS.sub(lambda m: " ".join(m.group().replace(".", ". ").split()), text)
    words = text.split()
    if len(words) < 3:
        return text
    inner = [
        " ".join(w) if _CAPITAL_INITIALS.fullmatch(w) and w.lower() not in SUFFIXES else w
        for w in words[1:-1]
    ]
    return " ".join([words[0], *inner, words[-1]])


QUOTED_NICKNAME = re.compile(r"(?:^|(?<=\s))[\"“‘'](?P<nick>[^\"“”‘’']+)[\"”’'](?=\s|$)")


@lru_cache(maxsize=65536)
def person_name(text: str) -> PersonName:
    """Split a person's name into given-name keys, the surname key and a suffix."""
    nicknames = tuple(transliteration_key(m.group("nick")) for m in QUOTED_NICKNAME.finditer(text))
    if nicknames:
        return _with_nicknames(person_name(QUOTED_NICKNAME.sub(" ", text)), nicknames)
    words = join_abd(fold(split_initials(text)).split())
    titles = lexicon.titles()
    while len(words) > 1 and words[0] in titles:
        words = words[1:]
    suffix = ""
    while words and words[-1] in SUFFIXES:
        suffix = suffix or _SUFFIX_KEY.get(words[-1], words[-1])
        words = words[:-1]
    if not words:
        return PersonName((), "", suffix)
    raw = [w for w in text.split() if fold(w) not in titles]
    given_first = bool(raw) and "-" in raw[0] and "-" not in raw[-1]
    if given_first and (is_east_asian([words[-1], *words[:-1]]) or is_east_asian(words)):
        # "Wai-kit Leung", "Min-jung Kwon": a Western outlet's order of "Leung Wai-kit" (the
        # hyphenated syllables are the given name, even where the first is a surname too)
        syllables = transliteration_key("".join(words[:-1]))
        return PersonName((syllables,), transliteration_key(words[-1]), suffix)
    if is_east_asian(words):
        syllables = transliteration_key("".join(words[1:]))
        return PersonName((syllables,), transliteration_key(words[0]), suffix)
    keys = [transliteration_key(w) for w in words]
    particles = _particles()
    start = len(keys) - 1  # the surname starts at the last word, and takes its particles
    start -= _double_barrelled(text, words) - 1  # "Solberg-Haugen" is one surname
    while start > 1 and particles.get(words[start - 1]) == "surname":
        start -= 1
    if start == 1 and particles.get(words[0]) == "surname":
        start = 0  # "bin Salman", "von der Leyen": a surname with its particles
    kept = [particles.get(w) != "drop" for w in words]
    given = tuple(k for k, keep in zip(keys[:start], kept[:start], strict=True) if keep)
    surname = " ".join(k for k, keep in zip(keys[start:], kept[start:], strict=True) if keep)
    return PersonName(given, surname or keys[-1], suffix)


def _double_barrelled(text: str, words: list[str]) -> int:
    """How many of `words` (a name's folded words, suffix off) its last word, hyphenated in
    the text, makes: "Erik Solberg-Haugen" 2 (a double-barrelled surname: the text never
    calls him "Haugen"), else 1; a particle's hyphen stays a particle's ("al-Assad")."""
    raw = text.split()
    while raw and fold(raw[-1]) in SUFFIXES:
        raw = raw[:-1]
    if not raw or "-" not in raw[-1].strip("-"):
        return 1
    parts = fold(raw[-1]).split()
    if len(parts) < 2 or parts[0] in _particles() or words[-len(parts) :] != parts:
        return 1
    return min(len(parts), len(words))


def _with_nicknames(name: PersonName, nicknames: tuple[str, ...]) -> PersonName:
    return PersonName(name.given, name.surname, name.suffix, nicknames)


def given_names_compatible(
    a: tuple[str, ...],
    b: tuple[str, ...],
    a_nick: tuple[str, ...] = (),
    b_nick: tuple[str, ...] = (),
) -> bool:
    """True when each given name of the shorter list matches one of the longer list (or a
    nickname the longer name gives).

    A one-letter initial matches any name it begins ("V" ~ "vladimir"); a short form
    matches its full name ("Fred" ~ "Frederick": kg/data/given_name_variants.tsv). Empty
    lists (a surname alone) are compatible with anything.
    """

    def fit(short: tuple[str, ...], pool: tuple[str, ...]) -> bool:
        return all(any(_given_matches(s, g) for g in pool) for s in short)

    def in_order(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
        # An initial abbreviates the name at its place: "George W." fits "George Walker"
        # and "George Herbert Walker" does not have it ("George H. W.").
        if len(short) < 2 or all(len(s) > 1 for s in short):
            return True
        return any(
            all(_given_matches(s, g) for s, g in zip(short, full[i:], strict=False))
            for i in range(len(full) - len(short) + 1)
        )

    if len(a) == len(b):
        return fit(a, b + b_nick) or fit(b, a + a_nick)
    if len(a) < len(b):
        return fit(a, b + b_nick) and (bool(b_nick) or in_order(a, b))
    return fit(b, a + a_nick) and (bool(a_nick) or in_order(b, a))


def given_name_keys(key: str) -> frozenset[str]:
    """Keys under which a given name can be looked up: two given names of two letters or
    more match (`given_names_compatible`) only if their keys share one."""
    return frozenset({key}) | _variants().get(key, frozenset())


def given_name_fits(key: str, name: PersonName) -> bool:
    """Whether a lone word's key (`transliteration_key`) is the first given name of `name`,
    or a short form or nickname of it ("Katie" for "Kathryn Jenkin"); never an initial."""
    if len(key) < 2 or not name.given or len(name.given[0]) < 2:
        return False
    return _given_matches(key, name.given[0]) or key in name.nicknames


def _given_matches(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    variants = _variants()
    return not variants.get(a, frozenset()).isdisjoint(variants.get(b, frozenset()))


def suffixes_compatible(a: PersonName, b: PersonName) -> bool:
    """Suffixes agree, or one side is a bare surname that may name any bearer."""
    if a.suffix == b.suffix:
        return True
    return (not a.given and not a.suffix) or (not b.given and not b.suffix)


def lineages_compatible(a: PersonName, b: PersonName) -> bool | None:
    """kg.entities.lineages.compatible for two names (None: either is no Arabic lineage)."""
    return lineages.compatible(_words(a), _words(b), _given_matches)


def lineage_key(form: str) -> str:
    """kg.entities.lineages.key of a person's name ("Muhammad bin Fahd": "mhmd fhd")."""
    return lineages.key(_words(person_name(form)))


def _words(n: PersonName) -> tuple[str, ...]:
    return (*n.given, *n.surname.split())


def persons_compatible(a: PersonName, b: PersonName) -> bool:
    """Whether two names of one surname key can be one person (see the module's rules)."""
    if (lineage := lineages_compatible(a, b)) is not None:
        return lineage and suffixes_compatible(a, b)
    return (
        (
            a.surname == b.surname
            # a bare surname names a bearer of the particle surname: "Moraes", "de Moraes"
            or (not (a.given and b.given) and bare_surname(a.surname) == bare_surname(b.surname))
        )
        and suffixes_compatible(a, b)
        and given_names_compatible(a.given, b.given, a.nicknames, b.nicknames)
    )


def same_name_spelled_otherwise(a: PersonName, b: PersonName) -> bool:
    """Whether two full names are one name in two spellings: one surname, and as many given
    names, each the other's spelling or short form, none an initial ("Mohammed bin Nayef" =
    "Muhammad bin Nayef"); not a shorter name of a longer one ("John Smith", "John A.
    Smith")."""
    return (
        bool(a.given)
        and a.surname == b.surname
        and a.suffix == b.suffix
        and len(a.given) == len(b.given)
        and all(
            len(x) > 1 and len(y) > 1 and _given_matches(x, y)
            for x, y in zip(a.given, b.given, strict=True)
        )
    )


def initials_key(form: str) -> str:
    """The key of capitals of three letters or more a person is known by, with a
    generational suffix after them or not ("AMLO" -> "amlo", "RFK Jr." -> "rfk jr"); ""
    for anything else. Such capitals are initials, no surname."""
    words = form.split()
    if not 1 <= len(words) <= 2 or not is_acronym(words[0]) or not words[0].isupper():
        return ""
    letters = fold(words[0]).replace(".", "")
    if len(letters) < 3:
        return ""
    if len(words) == 1:
        return letters
    suffix = fold(words[1]).replace(".", "")
    return f"{letters} {suffix}" if suffix in SUFFIXES else ""


def title_before(tokens: Sequence[Token], i: int, text: str) -> str:
    """The title words right before token i ("Mr.", "Lt Gen"), as the nlp stage reads them
    (kg.core.lexicon.title_length), spelled as the text spells them."""
    before = [t.text.lower() for t in tokens[max(0, i - 8) : i] if t.sent == tokens[i].sent]
    n = lexicon.title_length(before) if not (before and tokens[i - 1].pos == "VERB") else 0
    return text[tokens[i - n].begin : tokens[i - 1].end] if n else ""

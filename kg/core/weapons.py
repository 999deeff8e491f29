"""The weapon lexicon and class vocabulary: package data read once, and how news spells names.

`kg/data/weapons.jsonl` lists named systems (with aliases, maker, country and a Wikidata id
when one is certain) and designation families (a regular expression such as "Kh-\\d{2,3}");
`kg/data/weapon_classes.tsv` is the class vocabulary (a SKOS concept a row, with its Wikidata
item where certain); `kg/data/weapon_context.tsv` lists the words that tell how a generic
weapon word is used. The nlp stage registers the lexicon and the classes in spaCy's registry
so a pipeline config can name them; core reads them without spaCy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg.core import lexicon

__all__ = [
    "WeaponClass",
    "WeaponContext",
    "WeaponEntry",
    "alias_variants",
    "is_case_free",
    "load_weapon_classes",
    "load_weapon_context",
    "load_weapon_lexicon",
    "singular",
    "word_set",
]


@dataclass(frozen=True, slots=True)
class WeaponClass:
    """A term of the weapon class vocabulary (one row of kg/data/weapon_classes.tsv)."""

    term: str  # UpperCamelCase, e.g. "RocketArtillery"
    label: str
    broader: str  # the term it specialises, "" for a top concept
    definition: str
    nouns: tuple[str, ...]  # generic English phrases naming the class, singular
    qid: str = ""  # the Wikidata item the concept is (skos:exactMatch), "" when not certain
    ambiguous: tuple[str, ...] = ()  # nouns that count only where the text ties them to weapons


@dataclass(frozen=True, slots=True)
class WeaponContext:
    """The words that tell how a generic weapon word is used (kg/data/weapon_context.tsv)."""

    conflict: frozenset[str]  # words of war: "troops", "militants", "shelling"
    violence: frozenset[str]  # words of harm other news uses too: "killed", "exploded"
    operators: frozenset[str]  # "enemy tanks": who operates the weapon
    operator_suffixes: frozenset[str]  # "ISIL-held", "US-made"
    serving: frozenset[str]  # "mortar team": nouns a weapon word may modify
    target_verbs: frozenset[str]  # "destroyed two vehicles": verbs acting on a weapon
    attacker_verbs: frozenset[str]  # "jets struck": verbs whose subject attacks
    person_sense: frozenset[str]  # "bomber": weapon nouns that also name people
    named_only: frozenset[str]  # "fighter": weapon nouns only after a system's name
    general_classes: frozenset[str]  # "Weaponry": classes of words too general to modify
    ship_prefixes: frozenset[str]  # "USS", "HMS": navies' prefixes, in their exact case
    platform_classes: frozenset[str]  # "MilitaryAircraft": classes of platforms
    traps: tuple[tuple[str, ...], ...]  # "think tank": phrases naming no weapon


@dataclass(frozen=True, slots=True)
class WeaponEntry:
    """A lexicon entry: a named weapon system, or a family of designations (`pattern`)."""

    name: str
    aliases: tuple[str, ...]
    weapon_class: str
    qid: str = ""
    maker: str = ""
    country: str = ""
    ambiguous: tuple[str, ...] = ()  # aliases that need a weapon context
    pattern: str = ""  # for a designation family: a regular expression over the text


def load_weapon_lexicon() -> tuple[WeaponEntry, ...]:
    """Read the weapon lexicon (kg/data/weapons.jsonl)."""
    return _weapon_lexicon()


def load_weapon_classes() -> tuple[WeaponClass, ...]:
    """Read the weapon class vocabulary (kg/data/weapon_classes.tsv)."""
    return _weapon_classes()


@lru_cache(maxsize=1)
def load_weapon_context() -> WeaponContext:
    """Read the words that tell how a generic weapon word is used (weapon_context.tsv)."""
    kinds: dict[str, list[str]] = {}
    for row in lexicon.read_table("weapon_context.tsv"):
        kinds.setdefault(row["kind"].strip(), []).append(" ".join(row["entry"].split()))
    known = {
        "conflict",
        "violence",
        "operator",
        "operator_suffix",
        "serving",
        "target_verb",
        "attacker_verb",
        "person_sense",
        "named_only",
        "general_class",
        "ship_prefix",
        "platform_class",
        "trap",
    }
    if set(kinds) - known:
        raise ValueError(
            f"kg/data/weapon_context.tsv: unknown kinds {sorted(set(kinds) - known)}; "
            f"use one of {sorted(known)}"
        )
    return WeaponContext(
        conflict=frozenset(kinds.get("conflict", ())),
        violence=frozenset(kinds.get("violence", ())),
        operators=frozenset(kinds.get("operator", ())),
        operator_suffixes=frozenset(kinds.get("operator_suffix", ())),
        serving=frozenset(kinds.get("serving", ())),
        target_verbs=frozenset(kinds.get("target_verb", ())),
        attacker_verbs=frozenset(kinds.get("attacker_verb", ())),
        person_sense=frozenset(kinds.get("person_sense", ())),
        named_only=frozenset(kinds.get("named_only", ())),
        general_classes=frozenset(kinds.get("general_class", ())),
        ship_prefixes=frozenset(kinds.get("ship_prefix", ())),
        platform_classes=frozenset(kinds.get("platform_class", ())),
        traps=tuple(tuple(t.split()) for t in kinds.get("trap", ())),
    )


@lru_cache(maxsize=1)
def _weapon_lexicon() -> tuple[WeaponEntry, ...]:
    text = resources.files("kg").joinpath("data", "weapons.jsonl").read_text(encoding="utf-8")
    entries = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            row = json.loads(line)
            entries.append(
                WeaponEntry(
                    name=row["name"],
                    aliases=tuple(row.get("aliases", ())),
                    weapon_class=row["class"],
                    qid=row.get("qid", ""),
                    maker=row.get("maker", ""),
                    country=row.get("country", ""),
                    ambiguous=tuple(row.get("ambiguous", ())),
                    pattern=row.get("pattern", ""),
                )
            )
        except (ValueError, KeyError) as exc:
            raise ValueError(
                f"kg/data/weapons.jsonl line {n}: {exc!s} in {line[:80]!r}; each line must be "
                f'a JSON object with at least "name" and "class"'
            ) from exc
    return tuple(entries)


@lru_cache(maxsize=1)
def _weapon_classes() -> tuple[WeaponClass, ...]:
    return tuple(
        WeaponClass(
            term=row["term"].strip(),
            label=row["label"].strip(),
            broader=(row.get("broader") or "").strip(),
            definition=(row.get("definition") or "").strip(),
            nouns=_cells(row.get("nouns")),
            qid=(row.get("wikidata") or "").strip(),
            ambiguous=_cells(row.get("ambiguous")),
        )
        for row in lexicon.read_table("weapon_classes.tsv")
    )


def _cells(cell: str | None) -> tuple[str, ...]:
    return tuple(n.strip() for n in (cell or "").split("|") if n.strip())


def alias_variants(aliases: Iterable[str]) -> list[str]:
    """Spell each alias the ways news does: plural, hyphen or space before a number."""
    out: list[str] = []
    for alias in aliases:
        forms = {alias}
        if re.search(r"[A-Za-z]-\d", alias):
            forms.add(re.sub(r"([A-Za-z])-(\d)", r"\1 \2", alias))
            forms.add(re.sub(r"([A-Za-z])-(\d)", r"\1\2", alias))
        elif re.search(r"[A-Za-z] \d", alias):
            forms.add(re.sub(r"([A-Za-z]) (\d)", r"\1-\2", alias))
        for form in sorted(forms):
            if not form.endswith("s"):
                forms.add(form + "s")
        out.extend(sorted(forms))
    return out


def is_case_free(alias: str) -> bool:
    """Tell whether an alias may match in any case: designations and long acronyms, save a
    designation whose letters are a small word of English ("AT4" is not "at 4am")."""
    letters = [c for c in alias if c.isalpha()]
    if "".join(letters).lower() in _SMALL_WORDS:
        return False
    return any(c.isdigit() for c in alias) or (len(letters) >= 4 and alias.isupper())


# Words that stand before a number in prose ("at 4", "on 9", "in 2024", "by 10", "to 5").
_SMALL_WORDS = frozenset(
    {"a", "an", "at", "as", "be", "by", "do", "go", "if", "in", "is", "it", "no", "of", "on",
     "or", "so", "to", "up", "us", "we"}
)  # fmt: skip


def word_set(text: str) -> frozenset[str]:
    """Return the set of the space-separated words of a string (closed-class word lists)."""
    return frozenset(text.split())


_SINGULAR_EXCEPTIONS = {"aircraft": "aircraft", "series": "series", "arms": "arms"}


@lru_cache(maxsize=65536)  # the same words, over and over
def singular(word: str) -> str:
    """Return a crude singular of a lowercase English noun ("batteries" -> "battery")."""
    if word in _SINGULAR_EXCEPTIONS:
        return _SINGULAR_EXCEPTIONS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word

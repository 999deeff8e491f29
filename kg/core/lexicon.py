"""The project's word lists (package data under kg/data/).

Lexicons are data, not code: titles, the gazetteer of places with their spelling variants
and demonyms, known organisations. Loaded once per process (the files never change while it
runs); kg.core.entity_patterns turns them into entity-ruler patterns.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "Organisation",
    "Place",
    "company_nouns",
    "company_words",
    "demonym_country",
    "demonyms",
    "facility_nouns",
    "family_nouns",
    "kin_nouns",
    "leader_nouns",
    "media_nouns",
    "name_gender",
    "non_entities",
    "non_entity_patterns",
    "org_aliases",
    "org_heads",
    "organisations",
    "outlets",
    "place_homonyms",
    "place_name_words",
    "place_nouns",
    "place_qids",
    "place_suffixes",
    "places",
    "platforms",
    "qualifier_country",
    "read_lines",
    "read_table",
    "region_words",
    "role_nouns",
    "surnames_first",
    "spellings",
    "title_length",
    "title_genders",
    "titles",
    "titles_and_remits",
    "portfolios",
    "post_nominals",
    "transliteration_rules",
    "weapon_class_parents",
]


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: one place, its spelling variants, demonyms and Wikidata id."""

    name: str
    variants: tuple[str, ...]
    kind: str  # country, city, region
    country: str  # the country's name, for cities and regions
    demonyms: tuple[str, ...]
    qid: str


def read_lines(name: str) -> tuple[str, ...]:
    """Read a one-entry-a-line data file, skipping blanks and # comments."""
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Lowercase title and honorific words that are never part of a name."""
    return frozenset(read_lines("titles.txt"))


@lru_cache(maxsize=1)
def title_genders() -> dict[str, str]:
    """Lowercase gendered titles and honorifics -> "m" or "f" (title_genders.tsv)."""
    return {row["title"]: row["gender"] for row in read_table("title_genders.tsv")}


@lru_cache(maxsize=1)
def name_titles() -> frozenset[str]:
    """Lowercase titles that stand only before a person's name (name_titles.txt)."""
    return frozenset(read_lines("name_titles.txt"))


@lru_cache(maxsize=1)
def given_name_genders() -> dict[str, str]:
    """Lowercase given names that name one gender -> "m" or "f" (given_name_genders.tsv)."""
    return {row["name"]: row["gender"] for row in read_table("given_name_genders.tsv")}


@lru_cache(maxsize=1)
def _census_genders() -> dict[str, str]:
    return {row["name"]: row["gender"] for row in read_table("census_given_name_genders.tsv")}


def name_gender(given: str) -> str:
    """The gender ("m", "f") nearly every bearer of a lowercase given name has, or "": the
    project's list (given_name_genders.tsv), else the 1990 US Census lists'
    (census_given_name_genders.tsv). Only the project's list makes a word a given name
    (`given_names`)."""
    return given_name_genders().get(given) or _census_genders().get(given, "")


@lru_cache(maxsize=1)
def given_name_variants() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each given name of given_name_variants.tsv with its short forms and spellings."""
    return tuple(
        (row["name"], tuple(row["variants"].split("|")))
        for row in read_table("given_name_variants.tsv")
    )


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Lowercase given names the lexicon knows (given_name_genders.tsv and the names and
    short forms of given_name_variants.tsv)."""
    known = set(given_name_genders())
    for name, variants in given_name_variants():
        known.add(name)
        known.update(variants)
    return frozenset(n.lower() for n in known if n)


# Title words that open a run of them but are no part of the title: "former President".
_TITLE_OPENERS_DROPPED = frozenset({"former", "late"})
# Words that are a title only with another after them ("Air Marshal", "Field Marshal"):
# "Air India" and "Air Busan" are airlines.
OPENING_TITLES = frozenset({"air", "field"})


@lru_cache(maxsize=1)
def portfolios() -> frozenset[str]:
    """Lowercase words of a minister's remit in a title ("state", "affairs": portfolios.txt)."""
    return frozenset(read_lines("portfolios.txt"))


@lru_cache(maxsize=1)
def titles_and_remits() -> frozenset[str]:
    """`titles` and `portfolios` together: words that open no person's name."""
    return titles() | portfolios()


def title_length(before: Sequence[str]) -> int:
    """How many of the words right before a name (lowercase, in text order) are its title:
    the run of title words that ends at the name ("lt", "gen"), with the words of a remit
    and an "of" or "in" between a title word and them ("secretary of state", "minister of
    foreign affairs", "education secretary", "special agent in charge"), less a "former" or
    "late" that opens it."""
    known, remits = titles(), portfolios()
    n, titled = 0, False
    while n < len(before):
        word = before[len(before) - 1 - n].rstrip(".")
        if word in known or word in remits:
            titled = titled or word in known
            n += 1
        elif word in ("of", "in") and n > 0 and n + 1 < len(before) and before[-n - 2] in known:
            n += 1
        elif word == "" and n + 1 < len(before) and before[-n - 2].rstrip(".") in known:
            n += 1  # the point of "Lt. Gov.", where the tokenizer split it off
        else:
            break
    if not titled or (n and before[-1].rstrip(".") in OPENING_TITLES):
        return 0  # a remit alone is no title ("State Street"), nor "Air" alone ("Air India")
    while n and before[len(before) - n] in _TITLE_OPENERS_DROPPED:
        n -= 1
    return n


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """The gazetteer (kg/data/places.tsv)."""
    text = resources.files("kg").joinpath("data", "places.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(
        (line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"
    )
    return tuple(
        Place(
            name=row["name"],
            variants=_split(row.get("variants")),
            kind=row.get("kind") or "",
            country=row.get("country") or "",
            demonyms=_split(row.get("demonyms")),
            qid=row.get("qid") or "",
        )
        for row in rows
    )


def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Read a tab-separated data file with a header row, skipping # comments."""
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    rows = csv.DictReader(
        (line for line in text.splitlines() if line.strip() and not line.startswith("#")),
        delimiter="\t",
        quoting=csv.QUOTE_NONE,
    )
    return tuple(dict(row) for row in rows)


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split("|") if v.strip())


@lru_cache(maxsize=1)
def demonym_country() -> dict[str, str]:
    """Map lowercase demonyms and place names to the country's name ("russian" -> "Russia")."""
    table: dict[str, str] = {}
    for place in places():
        if place.kind != "country":
            continue
        for form in (place.name, *place.variants, *place.demonyms):
            table[form.lower()] = place.name
    return table


@lru_cache(maxsize=1)
def qualifier_country() -> dict[str, str]:
    """Map lowercase forms that qualify a body by country to the country's name.

    Country names, their variants and demonyms, and capitals used by metonymy
    ("Moscow's defence ministry" is Russia's).
    """
    table = dict(demonym_country())
    for place in places():
        if place.kind == "capital" and place.country:
            for form in (place.name, *place.variants):
                table.setdefault(form.lower(), place.country)
    return table


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Lowercase demonyms of countries that are not also the name of a place."""
    names = {f.lower() for p in places() for f in (p.name, *p.variants)}
    return frozenset(d.lower() for p in places() if p.kind == "country" for d in p.demonyms) - names


@dataclass(frozen=True, slots=True)
class Organisation:
    """A known organisation: its names (acronyms included), country and Wikidata id."""

    name: str
    variants: tuple[str, ...]
    country: str
    qid: str


@lru_cache(maxsize=1)
def organisations() -> tuple[Organisation, ...]:
    """Organisations known by several names (kg/data/organisations.tsv)."""
    return tuple(
        Organisation(
            row["name"], _split(row.get("variants")), row.get("country") or "", row.get("qid") or ""
        )
        for row in read_table("organisations.tsv")
    )


@lru_cache(maxsize=1)
def place_qids() -> dict[str, str]:
    """Map each exact gazetteer form with a known Wikidata id to it ("Kiev" -> "Q1899")."""
    table: dict[str, str] = {}
    for place in places():
        if place.qid:
            for form in (place.name, *place.variants):
                table.setdefault(form, place.qid)
    return table


@lru_cache(maxsize=1)
def place_homonyms() -> frozenset[str]:
    """Gazetteer forms that are also common names or words: left to the statistical NER."""
    return frozenset(read_lines("place_homonyms.txt"))


@lru_cache(maxsize=1)
def region_words() -> frozenset[str]:
    """Lowercase words that make the place name before them a region ("Donetsk region")."""
    return frozenset(read_lines("region_words.txt"))


@lru_cache(maxsize=1)
def non_entities() -> frozenset[str]:
    """Exact strings NER tags as entities that never are one (time zones, wire markers)."""
    return frozenset(read_lines("non_entities.txt"))


@lru_cache(maxsize=1)
def non_entity_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, kind) of names that are no entity ("Order of X": award, "X Offensive")."""
    return tuple(
        (re.compile(row["pattern"]), row["kind"]) for row in read_table("non_entity_patterns.tsv")
    )


@lru_cache(maxsize=1)
def platforms() -> frozenset[str]:
    """Names of social networks and messaging apps: organisations, never people."""
    return frozenset(read_lines("platforms.txt"))


@lru_cache(maxsize=1)
def surnames_first() -> frozenset[str]:
    """Lowercase Chinese and Korean surnames, which open a name (east_asian_surnames.txt)."""
    return frozenset(w.lower() for w in read_lines("east_asian_surnames.txt"))


@lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    """Lowercase nouns naming a person's role ("governor"): "X, the regional governor,"."""
    return frozenset(read_lines("role_nouns.txt"))


@lru_cache(maxsize=1)
def place_name_words() -> frozenset[str]:
    """Lowercase last words of the names of natural features, roads and facilities
    ("Glacier", "Street", "Airport"; kg/data/landform_words.txt, facility_words.txt)."""
    return frozenset(read_lines("landform_words.txt")) | frozenset(read_lines("facility_words.txt"))


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """Lowercase nouns naming a kind of place ("village", "city"): "the village of X"."""
    return frozenset(read_lines("place_nouns.txt"))


@lru_cache(maxsize=1)
def executive_titles() -> tuple[tuple[str, ...], ...]:
    """Lowercase word sequences of company officers' titles ("ceo", "chief executive"),
    longest first."""
    return _word_sequences("executive_titles.txt")


@lru_cache(maxsize=1)
def media_nouns() -> tuple[tuple[str, ...], ...]:
    """Lowercase word sequences making the name before them a news organisation ("news
    agency"), longest first."""
    return _word_sequences("media_nouns.txt")


@lru_cache(maxsize=1)
def outlets() -> frozenset[str]:
    """News outlets and agencies, lowercase ("reuters", "agence france-presse")."""
    return frozenset(read_lines("outlets.txt"))


@lru_cache(maxsize=1)
def facility_nouns() -> tuple[tuple[str, ...], ...]:
    """Lowercase word sequences naming a facility after its name ("air base"), longest first."""
    return _word_sequences("facility_nouns.txt")


def _word_sequences(name: str) -> tuple[tuple[str, ...], ...]:
    """The lines of a data file as word sequences, longest first."""
    return tuple(
        sorted((tuple(line.split()) for line in read_lines(name)), key=lambda w: (-len(w), w))
    )


@lru_cache(maxsize=1)
def place_suffixes() -> tuple[str, ...]:
    """Lowercase endings typical of place names ("ivka", "grad"): evidence, never proof."""
    return read_lines("place_suffixes.txt")


@lru_cache(maxsize=1)
def post_nominals() -> frozenset[str]:
    """Lowercase letters written after a person's name ("kc", "mp", "obe")."""
    return frozenset(read_lines("post_nominals.txt"))


@lru_cache(maxsize=1)
def company_words() -> frozenset[str]:
    """Lowercase words that end a company's name and that news drops ("motor", "holdings")."""
    return frozenset(read_lines("company_words.txt"))


@lru_cache(maxsize=1)
def body_nouns() -> frozenset[str]:
    """Lowercase nouns for a body's kind right before its name ("cybersecurity firm X")."""
    return frozenset(read_lines("body_nouns.txt"))


@lru_cache(maxsize=1)
def company_nouns() -> frozenset[str]:
    """Lowercase nouns for a company the text has named ("the automaker", "the firm")."""
    return frozenset(read_lines("company_nouns.txt"))


@lru_cache(maxsize=1)
def family_nouns() -> frozenset[str]:
    """Lowercase nouns naming a family after a surname ("the X family", "the X brothers")."""
    return frozenset(read_lines("family_nouns.txt"))


@lru_cache(maxsize=1)
def kin_nouns() -> frozenset[str]:
    """Lowercase nouns for a relative of someone ("his mother, Ana X")."""
    return frozenset(read_lines("kin_nouns.txt"))


@lru_cache(maxsize=1)
def leader_nouns() -> frozenset[str]:
    """Lowercase nouns for what a person leads, after the surname ("the X administration")."""
    return frozenset(read_lines("leader_nouns.txt"))


@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    """Lowercase head nouns an organisation's definite description may use ("the ministry")."""
    return frozenset(read_lines("org_heads.txt"))


@lru_cache(maxsize=1)
def spellings() -> dict[str, str]:
    """Map lowercase British spellings to American ones ("defence" -> "defense")."""
    return {row["british"]: row["american"] for row in read_table("spellings.tsv")}


@lru_cache(maxsize=1)
def transliteration_rules() -> tuple[tuple[str, str], ...]:
    """Ordered (regex, replacement) rules folding romanisations of one name to one key."""
    return tuple((row["pattern"], row["replacement"]) for row in read_table("transliteration.tsv"))


@lru_cache(maxsize=1)
def org_aliases() -> tuple[tuple[str, str], ...]:
    """(variant, canonical) word sequences of organisation names, longest variant first."""
    pairs = [(row["variant"], row["canonical"]) for row in read_table("org_aliases.tsv")]
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


@lru_cache(maxsize=1)
def weapon_class_parents() -> dict[str, str]:
    """Map each weapon class term to the term it specialises ("CruiseMissile" -> "Missile")."""
    return {row["term"]: row.get("broader") or "" for row in read_table("weapon_classes.tsv")}

"""The event type vocabulary and the trigger rules: package data read once.

`kg/data/event_types.tsv` lists the event types (a SKOS concept a row, aligned with CAMEO
and PLOVER where a code fits) with the verb and noun lemmas that report each;
`kg/data/event_rules.tsv` says when a trigger word reports no event, or another type, by its
context ("strike a deal", "fired the coach"). The nlp stage matches them; core reads them
without spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.core import lexicon

__all__ = [
    "EventType",
    "TriggerRule",
    "compatible_types",
    "load_event_types",
    "load_trigger_rules",
    "top_type",
]

RELATIONS = frozenset(
    {
        "obj",
        "subj",
        "subjpass",
        "mod",
        "of",
        "head",
        "prt",
        "tag",
        "ccomp",
        "pp",
        "stranded",
        "modifies",
        "at_of",
        "sentence",
    }
)


@dataclass(frozen=True, slots=True)
class EventType:
    """A term of the event type vocabulary (one row of kg/data/event_types.tsv)."""

    term: str  # UpperCamelCase, e.g. "Shelling"
    label: str
    broader: str  # the term it specialises, "" for a top concept
    cameo: str  # CAMEO code, "" where none fits
    plover: str  # PLOVER event type, "" where none fits
    definition: str
    verbs: tuple[str, ...]  # trigger lemmas tagged VERB
    nouns: tuple[str, ...]  # trigger lemmas tagged NOUN


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """A context in which a trigger reports no event (`outcome` "") or another type."""

    lemma: str
    pos: str  # "VERB" or "NOUN"
    relation: str  # one of RELATIONS
    values: frozenset[str]  # lemmas, or classes "@person", "@org", "@weapon", "@place", "*"
    negated: bool  # the rule applies when no word of the relation is among `values`
    outcome: str  # an event type term, or "" for no event


def load_event_types() -> tuple[EventType, ...]:
    """Read the event type vocabulary (kg/data/event_types.tsv)."""
    return _event_types()


def load_trigger_rules() -> tuple[TriggerRule, ...]:
    """Read the trigger rules (kg/data/event_rules.tsv), in their order."""
    return _trigger_rules()


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split("|") if v.strip())


@lru_cache(maxsize=1)
def _event_types() -> tuple[EventType, ...]:
    types = tuple(
        EventType(
            term=row["term"].strip(),
            label=row["label"].strip(),
            broader=(row.get("broader") or "").strip(),
            cameo=(row.get("cameo") or "").strip(),
            plover=(row.get("plover") or "").strip(),
            definition=(row.get("definition") or "").strip(),
            verbs=_split(row.get("verbs")),
            nouns=_split(row.get("nouns")),
        )
        for row in lexicon.read_table("event_types.tsv")
    )
    terms = {t.term for t in types}
    for t in types:
        if t.broader and t.broader not in terms:
            raise ValueError(
                f"kg/data/event_types.tsv: {t.term} is narrower than {t.broader!r}, which is "
                f"not a term of the table; use one of {sorted(terms)}"
            )
    return types


@lru_cache(maxsize=1)
def _trigger_rules() -> tuple[TriggerRule, ...]:
    terms = {t.term for t in _event_types()}
    rules = []
    for n, row in enumerate(lexicon.read_table("event_rules.tsv"), 1):
        relation = row["relation"].strip()
        outcome = row["outcome"].strip()
        values = row["values"].strip()
        if relation not in RELATIONS or (outcome != "-" and outcome not in terms):
            raise ValueError(
                f"kg/data/event_rules.tsv row {n}: relation {relation!r} must be one of "
                f"{sorted(RELATIONS)} and outcome {outcome!r} '-' or an event type term"
            )
        rules.append(
            TriggerRule(
                lemma=row["lemma"].strip(),
                pos=row["pos"].strip(),
                relation=relation,
                values=frozenset(_split(values.lstrip("!"))),
                negated=values.startswith("!"),
                outcome="" if outcome == "-" else outcome,
            )
        )
    return tuple(rules)


def top_type(term: str) -> str:
    """The top concept above an event type ("Shelling" -> "Attack")."""
    return _tops().get(term, term)


def compatible_types(a: str, b: str) -> bool:
    """Tell whether two event types may name one occurrence: equal, or one broader than the
    other ("the attack" and "the shelling"; never two narrower siblings)."""
    if a == b:
        return True
    broader = _broader()
    return broader.get(a) == b or broader.get(b) == a


@lru_cache(maxsize=1)
def _broader() -> dict[str, str]:
    return {t.term: t.broader for t in _event_types() if t.broader}


@lru_cache(maxsize=1)
def _tops() -> dict[str, str]:
    broader = _broader()
    tops = {}
    for t in _event_types():
        term = t.term
        while term in broader:
            term = broader[term]
        tops[t.term] = term
    return tops

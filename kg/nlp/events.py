"""Event mentions: a spaCy component that marks the words reporting an occurrence.

A trigger is a verb or noun whose lemma the event type vocabulary lists for that part of
speech (kg/data/event_types.tsv: "shelled", "the summit", "talks"), outside any entity name.
Its context may say it reports no event or another type (kg/data/event_rules.tsv): "strike a
deal" is no attack, "fired the coach" is a dismissal and "fired rockets" an attack, "meeting
expectations" and "clinical trial" are no events, "artillery fire" is shelling. Rules look
at the parse (objects, subjects, modifiers, the word governing the trigger) and at weapon
and person entities, never at names. An occurrence the text denies is none ("no one was
injured", "did not attack", "no arrests were made").

Candidates are found from one array of lemma and part-of-speech ids (a set lookup in
numpy); only those tokens are looked at in Python. The spans go to `doc.spans["kg_events"]`,
each labelled with its event type.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import ENT_TYPE, LEMMA, POS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import registry

from kg.core import lexicon
from kg.core.event_types import EventType, TriggerRule, load_event_types, load_trigger_rules

__all__ = ["EVENTS_KEY", "EventRuler", "make_event_ruler"]

registry.misc.register("kg.event_types.v1", func=load_event_types)
registry.misc.register("kg.event_rules.v1", func=load_trigger_rules)

EVENTS_KEY = "kg_events"  # doc.spans key of the event mentions

_OBJECTS = frozenset({"dobj", "obj", "attr", "oprd"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me", "we", "us"})
# A trigger inside a name of these kinds is part of the name ("Operation Desert Storm").
_NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "WEAPON", "WORK_OF_ART", "PRODUCT", "LAW")


@Language.factory(
    "kg_event_ruler",
    requires=["token.lemma", "token.pos", "token.dep", "doc.ents"],
    assigns=["doc.spans"],
    default_config={
        "types": {"@misc": "kg.event_types.v1"},
        "rules": {"@misc": "kg.event_rules.v1"},
    },
)
def make_event_ruler(
    nlp: Language, name: str, types: Sequence[Any], rules: Sequence[Any]
) -> EventRuler:
    """Build the event mention recogniser from the type vocabulary and the trigger rules."""
    return EventRuler(nlp, types, rules)


class EventRuler:
    """Mark event triggers as spans of `doc.spans["kg_events"]`, labelled with their type."""

    def __init__(
        self, nlp: Language, types: Iterable[EventType], rules: Iterable[TriggerRule]
    ) -> None:
        strings = nlp.vocab.strings
        self._verb = strings.add("VERB")
        self._noun = strings.add("NOUN")
        self._triggers: dict[tuple[int, int], str] = {}
        for event_type in types:
            for lemma in event_type.verbs:
                self._triggers.setdefault((strings.add(lemma), self._verb), event_type.term)
            for lemma in event_type.nouns:
                self._triggers.setdefault((strings.add(lemma), self._noun), event_type.term)
        self._lemmas = numpy.array(sorted({k for k, _ in self._triggers}), dtype=numpy.uint64)
        self._names = frozenset(strings.add(label) for label in _NAME_LABELS)
        self._rules: dict[tuple[str, str], list[TriggerRule]] = {}
        for rule in rules:
            self._rules.setdefault((rule.lemma, rule.pos), []).append(rule)

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([LEMMA, POS, ENT_TYPE])
        spans = []
        if len(doc):
            candidates = numpy.flatnonzero(numpy.isin(rows[:, 0], self._lemmas))
            has_dep = doc.has_annotation("DEP")
            for i in candidates.tolist():
                lemma, pos, ent = (int(v) for v in rows[i])
                term = self._triggers.get((lemma, pos))
                if term is None or ent in self._names:
                    continue  # another part of speech, or inside a name ("Desert Storm")
                token = doc[i]
                rules = self._rules.get((token.lemma_, token.pos_))
                if rules and has_dep:
                    term = _apply(rules, token, term)
                if term and not (has_dep and _is_denied(token)):
                    spans.append(Span(doc, i, i + 1, label=term))
        doc.spans[EVENTS_KEY] = spans
        return doc


def _is_denied(token: Token) -> bool:
    """Whether the text says the occurrence did not happen: a verb negated ("did not
    attack", "were never arrested") or whose subject is no one ("no one was killed", "none
    were hurt", "no soldiers died"), a noun under "no" ("no casualties", "no arrests were
    made")."""
    if token.pos_ == "VERB":
        if any(c.dep_ == "neg" for c in token.children):
            return True
        return any(
            c.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS and _is_no_one(c) for c in token.children
        )
    return any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def _is_no_one(word: Token) -> bool:
    """ "no one", "nobody", "none", "neither", "no soldiers"."""
    if word.lower_ in {"nobody", "none", "neither", "nothing"}:
        return True
    if word.lower_ == "one" and any(c.lower_ == "no" for c in word.children):
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in word.children)


def _apply(rules: Sequence[TriggerRule], token: Token, term: str) -> str:
    """The type the first matching rule gives ("" for no event), else `term`."""
    for rule in rules:
        words = _related(token, rule.relation)
        found = any(_is_among(w, rule.values) for w in words)
        if found != rule.negated:
            return rule.outcome
    return term


def _related(token: Token, relation: str) -> list[Token | str]:
    """The words a rule's relation looks at (a tag is given as a string)."""
    if relation == "obj":
        return [c for c in token.children if c.dep_ in _OBJECTS]
    if relation == "subj":
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        # a name's kind word: "Hurricane Dara killed", "Typhoon X struck"
        return [*subjects, *(c for s in subjects for c in s.children if c.dep_ == "compound")]
    if relation == "subjpass":
        return [c for c in token.children if c.dep_ in _PASSIVE_SUBJECTS]
    if relation == "mod":
        return [c for c in token.children if c.dep_ in _MODIFIERS]
    if relation == "of":
        return [
            g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        ]
    if relation == "head":
        return [token.head] if token.head.i != token.i else []
    if relation == "prt":  # "shot down": the parser makes the particle an adverb at times
        return [c for c in token.children if c.dep_ in {"prt", "advmod"}]
    if relation == "ccomp":
        return [c for c in token.children if c.dep_ == "ccomp"]
    if relation == "pp":  # "fired for cause", "fired from his job"
        return [
            g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
    if relation == "stranded":  # "was fired upon": a preposition without its object
        return [c for c in token.children if c.dep_ == "prep" and not any(c.children)]
    if relation == "modifies":  # "fire station": the noun it modifies
        return [token.head] if token.dep_ in _MODIFIERS and token.head.i != token.i else []
    if relation == "at_of":  # "at the center of the storm": the noun of the "of"
        of = token.head
        owner = of.head
        if token.dep_ == "pobj" and of.lower_ == "of" and owner.head.lower_ == "at":
            return [owner]
        return []
    if relation == "tag":
        return [token.tag_]
    return [t for t in token.sent if t.i != token.i]  # "sentence"


def _is_among(word: Token | str, values: frozenset[str]) -> bool:
    if isinstance(word, str):
        return word in values
    if "*" in values or word.lemma_.lower() in values or word.lower_ in values:
        return True
    label = word.ent_type_
    if "@weapon" in values and label == "WEAPON":
        return True
    if "@person" in values and (
        label == "PERSON" or word.lower_ in _PERSON_PRONOUNS or _is_person_noun(word)
    ):
        return True
    if "@org" in values and (label == "ORG" or _is_company_noun(word)):
        return True
    return "@place" in values and label in {"GPE", "LOC", "FAC"}


def _is_person_noun(word: Token) -> bool:
    """ "the guard", "an engineer": a common noun that names a person (not in a name)."""
    return word.pos_ == "NOUN" and word.lemma_.lower() in _person_nouns()


def _is_company_noun(word: Token) -> bool:
    """ "the firm", "a carmaker": a common noun that names a company."""
    return word.pos_ == "NOUN" and word.lemma_.lower() in lexicon.company_nouns()


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    return frozenset(lexicon.read_lines("person_nouns.txt")) | lexicon.role_nouns()

"""The words that tell what a number counts (kg/data/quantity_words.tsv, quantity_kinds.tsv,
quantity_bounds.tsv), and the event words the parse ties to a number (`events_near`): the
verb it is the subject or object of ("89 were killed"), the participles and adjectives of
its noun ("soldiers killed", "mobilised soldiers"), a place a verb of carrying or staying
takes its people to, keeps them in or takes them from ("taken to hospital", "pulled from the
rubble"). `kind_of` looks the pair (class of the counted
noun, event) up. Used by kg.claims.quantities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.claims.counted import token_children
from kg.claims.levels import LEVEL_VERBS, subtree
from kg.core.lexicon import read_lines
from kg.core.model import Token

__all__ = ["Vocabulary", "events_near", "kind_of", "vocabulary"]

_LEVEL_ADJECTIVES = {"high", "low"}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The counting words, read once."""

    nouns: dict[str, str]  # lemma -> class
    events: dict[str, str]  # lemma -> event
    destinations: dict[str, str]  # place noun -> event of being there ("taken to hospital")
    carriers: frozenset[str]  # verbs that take people to such a place or keep them there
    kinds: dict[str, str]  # lemma -> kind named by the noun itself
    table: dict[tuple[str, str], str]  # (class or "*", event or "-") -> kind
    bounds: tuple[tuple[tuple[str, ...], str, bool], ...]  # longest first


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    nouns: dict[str, str] = {}
    events: dict[str, str] = {}
    destinations: dict[str, str] = {}
    carriers: dict[str, str] = {}
    kinds: dict[str, str] = {}
    roles = {
        "noun": nouns,
        "event": events,
        "destination": destinations,
        "carrier": carriers,
        "kind": kinds,
    }
    for line in read_lines("quantity_words.tsv"):
        word, role, value = (line.split("\t") + ["", ""])[:3]
        roles[role][word] = value
    table: dict[tuple[str, str], str] = {}
    for line in read_lines("quantity_kinds.tsv"):
        cls, event, kind = line.split("\t")[:3]
        table[(cls, event)] = kind
    bounds = []
    for line in read_lines("quantity_bounds.tsv"):
        phrase, bound, approx = (line.split("\t") + ["", ""])[:3]
        bounds.append((tuple(phrase.split()), bound, approx.strip() == "yes"))
    bounds.sort(key=lambda b: -len(b[0]))
    return Vocabulary(nouns, events, destinations, frozenset(carriers), kinds, table, tuple(bounds))


def events_near(tokens: Sequence[Token], head: Token, noun: Token | None) -> list[str]:
    """Event words tied to the number, nearest first."""
    vocab = vocabulary()  # the phrase the number heads: "400 soldiers", "89 (of its men)"
    anchor = noun if noun is not None and noun.i == head.head else head
    lemmas: list[str] = []
    places: list[str] = []  # events of where the number's noun is taken or kept
    # Words that modify the counted noun or the number: "mobilised soldiers", "soldiers killed".
    # a noun before a person noun says what kind of person: "rescue workers" rescued no one
    person = vocab.nouns.get(anchor.lemma.lower()) == "person"
    deps = {"acl", "relcl", "amod"} | (set() if person else {"compound"})
    around = [c for c in token_children(tokens, anchor) if c.dep in deps]
    if noun is not None and noun.i != anchor.i:
        around += [c for c in token_children(tokens, noun) if c.dep in {"acl", "relcl", "amod"}]
    around += [
        c for c in token_children(tokens, head) if c.dep in {"acl", "amod"} and c not in around
    ]
    if anchor.dep == "conj":
        # "31 were killed and 57 wounded", parsed with 57 a conjunct of "killed": the
        # number's own participle says what it counts before the first conjunct's verb.
        lemmas.extend(t.lemma.lower() for t in around)
    # "40 civilians and 11 soldiers died": a later conjunct shares the first one's verb.
    base = anchor
    while base.dep == "conj" and tokens[base.head].pos in {"NOUN", "PROPN", "NUM"}:
        base = tokens[base.head]
    governor = tokens[base.head]
    if base.dep in {"pobj"} and governor.dep in {"prep", "agent"}:
        governor = tokens[governor.head]
    if governor.dep in {"aux", "auxpass"}:
        governor = tokens[governor.head]  # a parse that hangs the subject on "are missing"'s aux
    if governor.dep == "acomp" and governor.lemma.lower() in _LEVEL_ADJECTIVES:
        governor = tokens[governor.head]  # "the toll could be as high as 500"
    if governor.i != base.i:
        lemmas.append(governor.lemma.lower())
        lemmas.extend(
            t.lemma.lower() if t.dep != "dobj" else "die"  # "lost their lives"
            for t in token_children(tokens, governor)
            if t.dep in {"prt", "acomp", "oprd"} or (t.dep == "dobj" and t.lemma == "life")
        )  # "were shot down", "are missing"
        places = _destinations(tokens, governor)  # "were taken to hospital"
        if governor.lemma.lower() in LEVEL_VERBS:
            # "the death toll was raised to 89": the subject says what the level counts.
            for subj in token_children(tokens, governor):
                if subj.dep in {"nsubj", "nsubjpass", "dobj"} and subj.i != anchor.i:
                    lemmas.extend(t.lemma.lower() for t in subtree(tokens, subj))
    lemmas.extend(t.lemma.lower() for t in around)
    lemmas.extend(t.lemma.lower() for t in token_children(tokens, anchor) if t.dep == "advmod")
    return [vocab.events[w] for w in lemmas if w in vocab.events] + places


def _destinations(tokens: Sequence[Token], verb: Token) -> list[str]:
    """The events named by the places the verb takes its subject or object to, keeps it in or
    takes it from: "taken to hospital", "flown to a clinic", "remain in hospital", "pulled
    from the rubble" (not "doctors were sent to the hospital": only verbs of carrying and
    staying count)."""
    vocab = vocabulary()
    places = vocab.destinations
    if verb.lemma.lower() not in vocab.carriers:
        return []
    return [
        places[pobj.lemma.lower()]
        for prep in token_children(tokens, verb)
        if prep.dep == "prep" and prep.text.lower() in {"to", "into", "in", "from"}
        for pobj in token_children(tokens, prep)
        if pobj.dep == "pobj" and pobj.lemma.lower() in places
    ]


def kind_of(
    cls: str,
    events: Sequence[str],
    vocab: Vocabulary,
    *,
    default: bool = True,
    wildcard: bool = True,
) -> str:
    for event in events:
        for key in ((cls, event), ("*", event)) if wildcard else ((cls, event),):
            if key in vocab.table:
                return vocab.table[key]
    return vocab.table.get((cls, "-"), "") if cls and default else ""

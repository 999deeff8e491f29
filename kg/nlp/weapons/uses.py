"""Weapon uses beyond the instrument of an attack: where a generic weapon phrase names weapons.

The policy (ontology/README.md, "What counts as a weapon mention"): in conflict reporting a
generic weapon noun phrase is a weapon mention wherever the text uses it for weapons: "the
tanks were seized", "destroyed a VBIED", "smuggling weapons", "a mortar team" (a weapon word
modifying a noun that belongs to the weapon). Not mentions: a weapon word modifying something
else ("missile defence", "the missile crisis"), phrases that name no weapon ("think tank",
"suicide bomber"), programmes and measures against a weapon ("counter-IED"), and any weapon
word in a text that is not about conflict (`is_conflict_text`).

Nouns that often mean something else ("vehicle", "aircraft", "shell", "jet") need the text to
tie them to weapons: an attack or firing position (kg.nlp.weapons.instruments), a weapon acted
on ("destroyed two vehicles"), an operator right before ("ISIL vehicles", "coalition
aircraft", "US-made jets") or a coordination with another weapon ("a UAV, an IED and a tank").

These rules read the tagger and the parser; without them only the instrument rules apply.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Doc, Token

from kg.core.weapons import WeaponContext, singular

__all__ = [
    "has_operator_before",
    "is_acted_on",
    "is_conflict_text",
    "is_countering",
    "is_referring_use",
    "is_trap",
]

_NOUN_TAGS = frozenset({"NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
_COUNTER_PREFIXES = frozenset({"counter", "anti", "non"})
# A nationality or a country before an ambiguous noun names its operator ("Russian jets"); an
# organisation is as often its maker ("Boeing jets"), so it does not count.
_NAME_TYPES = frozenset({"NORP", "GPE"})


def is_conflict_text(
    words: Collection[str],
    context: WeaponContext,
    weapon_words: Collection[str],
    ambiguous_words: Collection[str] = (),
) -> bool:
    """Tell whether a text is about conflict or weapons: a word of war or an unambiguous
    weapon noun ("militants", "artillery"), and a second word of war or harm, weapon noun or
    ambiguous weapon noun ("killed", "bombers"). Civil aviation news ("jets", "planes",
    "killed" in a crash) is not."""
    present = set(words)
    strong = len(context.conflict & present) + len(present.intersection(weapon_words))
    weak = len(context.violence & present) + min(1, len(present.intersection(ambiguous_words)))
    return strong >= 1 and strong + weak >= 2


def is_trap(words: Sequence[str], start: int, head: int, context: WeaponContext) -> bool:
    """Tell whether the phrase `start`..`head` is part of a phrase naming no weapon."""
    head_word = words[head]
    for trap in context.traps:
        for k, word in enumerate(trap):
            if word != head_word:
                continue
            lo = head - k
            if lo >= 0 and tuple(words[lo : lo + len(trap)]) == trap:
                return True
    return False


def is_countering(doc: Doc, start: int) -> bool:
    """Tell whether the phrase follows "counter-" or "anti-" ("Counter-IED", "anti-drone")."""
    return (
        start >= 2
        and doc[start - 1].text in {"-", "‑"}
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].lower_ in _COUNTER_PREFIXES
    )


def is_referring_use(
    token: Token,
    serving: Collection[str],
    weapon_heads: Collection[str],
    general: bool,
    *,
    noun: bool = False,
) -> bool:
    """Tell whether a weapon noun (the head of a generic phrase) is used for weapons.

    A noun that modifies another noun counts when that noun belongs to the weapon ("mortar
    team", "VBIED facility", "UAV launch site") or is itself a weapon head ("artillery and
    mortar systems"); a general word ("weapons", "munitions": `general`) never counts so.
    `noun`: the token is a noun whatever its tag (the vocabulary says so).
    """
    if token.pos_ not in _NOUN_TAGS and not noun:
        return False
    first = token
    for _ in range(6):  # "air and missile campaign": the first conjunct says how both are used
        if first.dep_ != "conj" or first.head is first:
            break
        first = first.head
    if first.dep_ not in _MODIFIER_DEPS:
        return True
    if first.dep_ == "compound" and first.head.pos_ == "VERB":
        return True  # "mortar rounds landing on ...", parsed as modifying the verb: the subject
    if general:
        return False
    governor = first
    for _ in range(4):
        if governor.dep_ not in _MODIFIER_DEPS or governor.head is governor:
            break
        governor = governor.head
        word = singular(governor.lower_)
        if word in serving or word in weapon_heads:
            return True
    return False


def is_acted_on(token: Token, context: WeaponContext) -> bool:
    """Tell whether the noun is the object (or passive subject) of a verb acting on weapons.

    "destroyed a tank and two vehicles", "the jets were shot down": the first conjunct carries
    the verb.
    """
    for _ in range(6):
        if token.dep_ in {"conj", "appos"} and token.head is not token:
            token = token.head
        else:
            break
    if token.dep_ not in {"dobj", "obj", "nsubjpass"}:
        return False
    return token.head.lemma_.lower() in context.target_verbs


def has_operator_before(doc: Doc, start: int, context: WeaponContext) -> bool:
    """Tell whether the word before the phrase names who operates it ("Syrian helicopters",
    "coalition aircraft", "regime helicopters", "ISIL-held jets")."""
    if start == 0:
        return False
    before = doc[start - 1]
    if before.ent_type_ in _NAME_TYPES and not before.is_lower:
        return True
    word = singular(before.lower_)
    if word in context.operators:
        return True
    return (
        word in context.operator_suffixes
        and start >= 2
        and doc[start - 2].text in {"-", "‑"}
        and not doc[start - 2].whitespace_
    )

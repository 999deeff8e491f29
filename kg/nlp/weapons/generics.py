"""Generic weapon phrases: "rockets", "a heavy machine gun", "two VBIEDs", "military hardware".

A generic phrase is a run of vocabulary words and descriptors ending in a head noun of the
class vocabulary (kg.nlp.weapons.phrases). In a text about conflict or weapons (two distinct
words of the conflict list or unambiguous weapon nouns; "SpaceX launched a rocket" is not
one) it is a weapon mention when

* it is the instrument of an attack (kg.nlp.weapons.instruments: "rockets hit", "fired
  rockets", "a missile strike"), or coordinated with the weapon just found ("with artillery
  and drones"); these rules need no parse;
* or, with a tagger and a parser, the phrase is used for weapons (kg.nlp.weapons.uses:
  "destroyed a VBIED", "smuggling weapons", "a mortar team"), with the support an
  ambiguous noun needs ("ISIL vehicles", "jets dropped bombs").

Never: phrases that name no weapon ("think tank", "suicide bomber") and phrases after
"counter-" or "anti-" that name a programme or a measure ("Counter-IED").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from kg.core.weapons import WeaponContext, singular
from kg.nlp.weapons.instruments import is_instrument
from kg.nlp.weapons.phrases import WeaponPhrases, looks_common
from kg.nlp.weapons.uses import (
    has_operator_before,
    is_acted_on,
    is_conflict_text,
    is_countering,
    is_referring_use,
    is_trap,
)

__all__ = ["find_generics"]

Generic = tuple[int, int, str]  # start and end token, class term
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})


def find_generics(
    doc: Doc,
    words: Sequence[str],
    named: Sequence[tuple[int, int]],
    phrases: WeaponPhrases,
    context: WeaponContext,
) -> list[Generic]:
    """Return the generic weapon phrases of a text that are weapon mentions.

    `words` holds every token's lowercase singular; `named` the token spans of the weapons
    already found by name (a coordination with one of them supports an ambiguous noun).
    """
    has_dep = doc.has_annotation("DEP")
    has_pos = has_dep and doc.has_annotation("POS")
    found: list[Generic] = []
    deferred: list[Generic] = []  # ambiguous nouns waiting for a coordinated weapon
    heads = phrases.heads
    candidates = [
        i for i, word in enumerate(words) if word in heads and word not in context.named_only
    ]
    if not candidates or not _is_about_weapons(doc, words, candidates, phrases, context):
        return []  # "SpaceX launched a rocket": no weapon outside conflict reporting
    for i in candidates:
        token = doc[i]
        if not looks_common(token) or _is_inside_phrase(doc, words, i, phrases):
            continue
        if is_countering(doc, i):
            continue  # "anti-aircraft fire", "anti-tank ditches": against the weapon, not one
        start = phrases.phrase_start(doc, i)
        if start is None or is_trap(words, start, i, context) or is_countering(doc, start):
            continue
        if has_dep:
            start = _coordinated_modifiers_start(doc, start, i, phrases)
        candidate = (start, i + 1, phrases.class_of(doc[start : i + 1]))
        suffix = phrases.phrase_suffix(doc, i + 1 - phrases.longest, i + 1)
        ambiguous = (words[i],) in phrases.ambiguous and suffix == i
        person = ambiguous and words[i] in context.person_sense
        coordinated = (
            bool(found)
            and start >= 2
            and doc[start - 1].lower_ in {"and", "or", ","}
            and found[-1][1] == start - 1
        )  # "with artillery and drones", whatever the parser attached "drones" to
        if (coordinated or is_instrument(doc, start, i, has_dep)) and not person:
            platform = candidate[2] in context.platform_classes
            if not (ambiguous and platform and has_dep and not _attacks_as_subject(token, context)):
                found.append(candidate)
                continue
        general = candidate[2] in context.general_classes
        # The last word of a vocabulary phrase of several words is its noun, whatever the
        # tagger says of a rare word ("a rocket propelled grenade launcher": launcher/RB).
        noun = suffix is not None and suffix < i
        if not has_pos or not is_referring_use(
            token, context.serving, phrases.named_heads, general, noun=noun
        ):
            continue
        if not ambiguous or (not person and is_acted_on(token, context)):
            found.append(candidate)  # "police captured the bomber": the person
        elif not person and has_operator_before(doc, start, context):
            found.append(candidate)
        else:
            deferred.append(candidate)
    if deferred:
        taken = {k for s, e in named for k in range(s, e)}
        taken.update(k for s, e, _ in found for k in range(s, e))
        for candidate in deferred:
            head = doc[candidate[1] - 1]
            if _is_coordinated_with(head, taken) or (
                words[head.i] not in context.person_sense and _fires_weapons(head, taken)
            ):
                found.append(candidate)
    return found


def _is_about_weapons(
    doc: Doc,
    words: Sequence[str],
    candidates: Sequence[int],
    phrases: WeaponPhrases,
    context: WeaponContext,
) -> bool:
    """Tell whether a text is conflict reporting; weapon phrases of several words ("nerve
    agent") count as evidence too, looked up only when the single words fall short."""
    if is_conflict_text(words, context, phrases.single_words, phrases.ambiguous_words):
        return True
    longer = {
        words[i]
        for i in candidates
        if words[i] not in phrases.single_words
        and (start := phrases.phrase_suffix(doc, i + 1 - phrases.longest, i + 1)) is not None
        and start < i
    }
    return is_conflict_text(
        [*words, *longer], context, [*phrases.single_words, *longer], phrases.ambiguous_words
    )


def _attacks_as_subject(token: Token, context: WeaponContext) -> bool:
    """Tell whether an ambiguous platform noun in an instrument position is an attacker: any
    position but a subject, or the subject of an attacking verb ("jets struck the town",
    not "the plane landed")."""
    if token.dep_ != "nsubj":
        return True
    return token.head.lemma_.lower() in context.attacker_verbs


def _is_inside_phrase(doc: Doc, words: Sequence[str], i: int, phrases: WeaponPhrases) -> bool:
    """Tell whether a head word is not the last word of its phrase ("missile launcher")."""
    if i + 1 >= len(doc) or words[i + 1] not in phrases.heads or not looks_common(doc[i + 1]):
        return False
    return phrases.phrase_suffix(doc, i + 1 - phrases.longest, i + 2) is not None


def _coordinated_modifiers_start(doc: Doc, start: int, head: int, phrases: WeaponPhrases) -> int:
    """Start a phrase at a weapon word coordinated with its modifier: "artillery and mortar
    systems" is one noun phrase. The word must name a weapon alone: "sniper" is a word of
    "sniper rifle" only, and "snipers and booby traps" are two things."""
    if start < 2 or doc[start - 1].lower_ not in {"and", "or"}:
        return start
    other = doc[start - 2]
    if (
        singular(other.lower_) in phrases.heads
        and looks_common(other)
        and other.head.i == head
        and other.dep_ in _MODIFIER_DEPS
    ):
        return start - 2
    return start


def _is_coordinated_with(token: Token, taken: set[int]) -> bool:
    """Tell whether a noun is a conjunct of a weapon ("a UAV, an IED and a tank")."""
    neighbours = [token.head] if token.dep_ == "conj" else []
    neighbours += [c for c in token.children if c.dep_ == "conj"]
    return any(n.i in taken for n in neighbours)


def _fires_weapons(token: Token, taken: set[int]) -> bool:
    """Tell whether a noun is what fires or carries weapons: the subject of a verb whose
    object holds a weapon ("jets dropped bombs", "aircraft delivering dozens of weapons")."""
    verbs = [token.head] if token.dep_ == "nsubj" else []
    verbs += [c for c in token.children if c.dep_ in {"acl", "relcl"}]
    for verb in verbs:
        for obj in verb.children:
            if obj.dep_ in {"dobj", "obj"} and any(t.i in taken for t in obj.subtree):
                return True
    return False

"""Within-document grouping of weapon mentions: which weapon spans of one text name one weapon.

A reader counts "HIMARS launchers", "HIMARS rockets" and "a Himars multiple launch system"
as one system, and "S-300" and "S-400" as two. So:

* named mentions (the weapon ruler gave them a system: a lexicon entry or a designation as
  written) join when their systems have one key (`names.weapon_key`: "S-300" = "S 300");
* a generic class mention ("rockets", "the missiles") names an unidentified weapon of that
  class. It joins a named system only when the text ties the two: a preposition phrase
  ("six rockets from a Himars launcher", "missiles fired by Tor batteries") or a definite
  description ("the rockets") when exactly one named system of a compatible class came
  before it. Such a mention then points at the system through `Mention.antecedent`, like
  "the ministry" does, so its words never become a name of the system;
* the other generic mentions of one class and one head noun in one document join each
  other ("a rifle ... the rifle"; "a rifle and a handgun" are two): one node per class and
  noun per document. Two documents' "rockets" are never assumed to be the same weapon
  (kg.entities.resolution never merges a generic weapon across documents).

Class compatibility uses the vocabulary's tree: "rockets" (RocketArtillery) may refer to a
RocketArtillery system or to one of its narrower classes, never to a Missile system.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import Mention, Token
from kg.entities import names

__all__ = ["Join", "group_weapons", "weapon_label"]

Join = tuple[int, int, str]  # two mention indices and the rule that joins them

# Words that tie a generic weapon to the named system after it ("rockets from HIMARS").
_TIE_PREPS = frozenset({"from", "by", "of"})
_TIE_VERBS = frozenset({"fired", "launched", "shot", "carried", "delivered", "supplied"})
_DEFINITE = frozenset({"the", "these", "those"})
# What may stand between the preposition and the system ("from a US-provided HIMARS").
_BETWEEN_POS = frozenset({"DET", "ADJ", "PROPN", "PUNCT", "NUM", "VERB", "NOUN"})
_MAX_BETWEEN = 5


def group_weapons(
    mentions: Sequence[Mention], tokens: Sequence[Token]
) -> tuple[list[Mention], list[Join]]:
    """Return the mentions (tied generic ones pointing at their system) and the weapon joins."""
    out = list(mentions)
    joins: list[Join] = []
    weapons = [i for i, m in enumerate(out) if m.type == "Weapon" and m.antecedent is None]
    named = [i for i in weapons if out[i].weapon_system]
    by_system: dict[str, int] = {}
    for i in named:
        key = names.weapon_key(out[i].weapon_system)
        if key in by_system:
            joins.append((by_system[key], i, "weapon-system"))
        else:
            by_system[key] = i
    # class -> head noun ("" for an acronym) -> the first generic mention of that noun
    by_class: dict[str, dict[str, int]] = {}
    for i in weapons:
        m = out[i]
        if m.weapon_system:
            continue
        tie = _tied_system(m, out, named, tokens)
        heads = by_class.setdefault(m.weapon_class, {})
        noun = _head_noun(m, tokens)
        # one class and one noun: "a rifle ... the rifle", not "a rifle and a handgun"; an
        # acronym is any noun of its class ("an armoured personnel carrier (APC)")
        same = heads.get(noun, heads.get("")) if noun else next(iter(heads.values()), None)
        if tie is not None:
            j, rule = tie
            out[i] = dataclasses.replace(m, antecedent=out[j].begin)
            joins.append((j, i, rule))
        elif same is not None:
            joins.append((same, i, "weapon-class"))
        else:
            heads[noun] = i
    return out, joins


def _head_noun(m: Mention, tokens: Sequence[Token]) -> str:
    """A generic weapon phrase's noun, singular ("rifles": "rifle"); "" for an acronym."""
    if names.is_acronym(m.text):
        return ""
    return tokens[m.end_token - 1].lemma.lower().removesuffix("s")


def _tied_system(
    generic: Mention, mentions: Sequence[Mention], named: Sequence[int], tokens: Sequence[Token]
) -> tuple[int, str] | None:
    """Return the named mention the text ties a generic mention to, and how, if any."""
    fitting = [
        i for i in named if _classes_compatible(generic.weapon_class, mentions[i].weapon_class)
    ]
    after = _system_after(generic, mentions, fitting, tokens)
    if after is not None:
        return after, "weapon-tie"
    if not _is_definite(generic, tokens):
        return None
    earlier = [i for i in fitting if mentions[i].begin < generic.begin]
    systems = {names.weapon_key(mentions[i].weapon_system) for i in earlier}
    if len(systems) != 1:
        return None  # "the rockets" after two rocket systems could be either
    return max(earlier, key=lambda i: mentions[i].begin), "weapon-anaphor"


def _system_after(
    generic: Mention, mentions: Sequence[Mention], fitting: Sequence[int], tokens: Sequence[Token]
) -> int | None:
    """The named mention a preposition after the generic phrase leads to ("... from HIMARS")."""
    k = generic.end_token
    if k < len(tokens) and tokens[k].text.lower() in _TIE_VERBS:
        k += 1
    if k >= len(tokens) or tokens[k].text.lower() not in _TIE_PREPS:
        return None
    prep = k
    for i in fitting:
        m = mentions[i]
        if m.sentence != generic.sentence or not 0 < m.start - prep <= _MAX_BETWEEN + 1:
            continue
        between = tokens[prep + 1 : m.start]
        if all(t.pos in _BETWEEN_POS and t.text not in {",", ";", "."} for t in between):
            return i
    return None


def _is_definite(generic: Mention, tokens: Sequence[Token]) -> bool:
    k = generic.start - 1
    while k >= 0 and (tokens[k].pos == "NUM" or tokens[k].text.isdigit()):
        k -= 1  # "the four rockets"
    return k >= 0 and tokens[k].text.lower() in _DEFINITE


def _classes_compatible(a: str, b: str) -> bool:
    """Tell whether two class terms may name one weapon: equal, or one is narrower."""
    if not a or not b:
        return False
    return a in _lineage(b) or b in _lineage(a)


def _lineage(term: str) -> set[str]:
    parents = lexicon.weapon_class_parents()
    seen = {term}
    while (term := parents.get(term, "")) and term not in seen:
        seen.add(term)
    return seen


def weapon_label(mentions: Sequence[Mention]) -> str:
    """The system a weapon's mentions name, as the lexicon (or most often the text) spells it.

    "HIMARS", not "US-made HIMARS launchers": the phrases stay as altLabels. "" for a
    generic class.
    """
    systems = Counter(m.weapon_system for m in mentions if m.weapon_system)
    return min(systems, key=lambda s: (-systems[s], s)) if systems else ""

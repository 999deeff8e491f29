"""Within-document grouping: the mentions of one Parsed document -> its Entities.

A document names an entity several ways: in full, then by surname ("Mr Zelenskiy"), by an
acronym it introduces ("Federal Security Service (FSB)"), by a description ("the
institute"). This stage joins those mentions, decides each group's type (a surname NER
tagged ORG joins a Person and becomes one) and records why each join was made. Joins are
precise rather than eager: a surname shared by two people in the text joins neither.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import ENTITY_TYPES, Entity, EntityType, Mention, Merge, Parsed, Token
from kg.core.unionfind import UnionFind
from kg.entities import names
from kg.entities.types import correct_types
from kg.entities.weapons import group_weapons, weapon_label

__all__ = ["DESCRIPTION_LABEL", "group_mentions"]

# Mention.label of mentions this stage creates for definite descriptions ("the ministry").
DESCRIPTION_LABEL = "DESCRIPTION"
# Mention.label of acronym occurrences this stage adds when NER missed them.
ACRONYM_LABEL = "ACRONYM"

_CONFIDENCE = {
    "exact-name": 0.99,
    "gazetteer": 0.95,
    "acronym": 0.95,
    "org-form": 0.9,
    "place-alias": 0.85,
    "full-name": 0.9,
    "surname": 0.85,
    "unqualified-body": 0.8,
    "acronym-initials": 0.8,
    "description": 0.75,
    "weapon-system": 0.95,
    "weapon-tie": 0.8,
    "weapon-anaphor": 0.7,
    "weapon-class": 0.6,
}


class _Groups(UnionFind):
    """Union-find over mention indices, remembering why groups were joined."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        super().__init__(len(mentions))
        self.mentions = list(mentions)
        self.merges: dict[int, list[Merge]] = defaultdict(list)
        self.forced: dict[int, EntityType] = {}

    def add_mention(self, mention: Mention) -> int:
        self.mentions.append(mention)
        return self.add()

    def join(self, a: int, b: int, rule: str, force: EntityType | None = None) -> bool:
        ra, rb = self.find(a), self.find(b)
        if force is not None:
            self.forced.setdefault(ra, force)
        if ra == rb:
            return False
        if (self.mentions[a].type == "Weapon") != (self.mentions[b].type == "Weapon"):
            return False
        keep, gone = self.union(ra, rb) or (ra, rb)
        merges = self.merges.pop(gone, [])
        self.merges[keep].extend(merges)
        self.merges[keep].append(
            Merge(rule, self.mentions[a].text, self.mentions[b].text, _CONFIDENCE[rule])
        )
        if gone in self.forced:
            self.forced.setdefault(keep, self.forced.pop(gone))
        return True

    def members(self) -> dict[int, list[int]]:
        return self.groups()


def group_mentions(parsed: Parsed) -> tuple[Entity, ...]:
    """Group the mentions of one document into entities, with the evidence of each join."""
    mentions = sorted(correct_types(parsed.mentions, parsed.tokens), key=lambda m: (m.begin, m.end))
    mentions, weapon_joins = group_weapons(mentions, parsed.tokens)
    groups = _Groups(mentions)
    for a, b, rule in weapon_joins:
        groups.join(a, b, rule)
    _join_same_names(groups)
    _join_gazetteer_places(groups)
    _join_acronyms(groups, parsed.tokens)
    _join_place_aliases(groups, parsed.tokens)
    _join_org_forms(groups)
    _join_person_names(groups)
    _join_initials(groups)
    _add_descriptions(groups, parsed)
    return _entities(groups, parsed.document.id)


def _name_indices(groups: _Groups) -> list[int]:
    return [i for i, m in enumerate(groups.mentions) if m.antecedent is None]


def _join_same_names(groups: _Groups) -> None:
    by_key: dict[str, int] = {}
    for i in _name_indices(groups):
        m = groups.mentions[i]
        if m.type == "Weapon":
            continue  # kg.entities.weapons joins weapons by system and class
        key = names.transliteration_key(m.text)
        if key in by_key:
            groups.join(by_key[key], i, "exact-name")
        else:
            by_key[key] = i


def _join_gazetteer_places(groups: _Groups) -> None:
    """Join forms of one gazetteer place ("Kiev", "Kyiv") or one known organisation."""
    by_entry: dict[tuple[str, str], int] = {}
    for i in _name_indices(groups):
        m = groups.mentions[i]
        if m.type == "Place":
            place = names.find_place(m.text)
            entry = ("Place", place.name) if place is not None else None
        elif m.type == "Organisation":
            org = names.find_organisation(m.text)
            entry = ("Organisation", org.name) if org is not None else None
        else:
            entry = None
        if entry is None:
            continue
        if entry in by_entry:
            groups.join(by_entry[entry], i, "gazetteer")
        else:
            by_entry[entry] = i


def _mention_at(groups: _Groups, start: int, end: int) -> int | None:
    for i, m in enumerate(groups.mentions):
        if m.start == start and m.end_token == end and m.antecedent is None:
            return i
    return None


def _is_free(groups: _Groups, start: int, end: int) -> bool:
    return all(m.end_token <= start or m.start >= end for m in groups.mentions)


def _join_acronyms(groups: _Groups, tokens: Sequence[Token]) -> None:
    """Join "Long Name (ACR)" and every later "ACR" of the text to the long name."""
    introduced: list[tuple[str, int]] = []
    for i in list(_name_indices(groups)):
        m = groups.mentions[i]
        if m.type not in ("Organisation", "Place") or names.is_acronym(m.text):
            continue
        open_, acr, close = m.end_token, m.end_token + 1, m.end_token + 2
        if close >= len(tokens) or tokens[open_].text != "(" or tokens[close].text != ")":
            continue
        word = tokens[acr].text
        if not names.is_acronym(word) or word[0].lower() not in names.initials(
            m.text, with_function_words=True
        ):
            continue
        j = _mention_at(groups, acr, acr + 1)
        if j is None:
            j = groups.add_mention(_mention_from_tokens(m, tokens, acr, acr + 1, ACRONYM_LABEL))
        groups.join(i, j, "acronym", force="Organisation" if m.type == "Organisation" else None)
        introduced.append((word, i))
    for word, i in introduced:
        long_form = groups.mentions[i]
        for tok in tokens:
            if tok.text != word or tok.i == long_form.end_token + 1:
                continue
            j = _mention_at(groups, tok.i, tok.i + 1)
            if j is None and _is_free(groups, tok.i, tok.i + 1):
                j = groups.add_mention(
                    _mention_from_tokens(long_form, tokens, tok.i, tok.i + 1, ACRONYM_LABEL)
                )
            if j is not None:
                groups.join(i, j, "acronym", force=long_form.type)


def _mention_from_tokens(
    like: Mention, tokens: Sequence[Token], start: int, end: int, label: str, text: str = ""
) -> Mention:
    first, last = tokens[start], tokens[end - 1]
    return Mention(
        doc_id=like.doc_id,
        begin=first.begin,
        end=last.end,
        text=text or _text_of(tokens, start, end),
        type=like.type,
        sentence=first.sent,
        start=start,
        end_token=end,
        label=label,
        weapon_class=like.weapon_class,
    )


def _text_of(tokens: Sequence[Token], start: int, end: int) -> str:
    # Tokens carry their offsets, not the whitespace between them: rebuild from the gaps.
    parts = [tokens[start].text]
    for k in range(start + 1, end):
        parts.append(" " * (tokens[k].begin - tokens[k - 1].end) + tokens[k].text)
    return "".join(parts)


def _join_place_aliases(groups: _Groups, tokens: Sequence[Token]) -> None:
    """Join "Kharkiv (Kharkov)"-style alternative names given in brackets after a place."""
    for i in list(_name_indices(groups)):
        x = groups.mentions[i]
        if x.type != "Place":
            continue
        open_ = x.end_token
        if open_ >= len(tokens) or tokens[open_].text != "(":
            continue
        for j, y in enumerate(groups.mentions):
            if y.start != open_ + 1 or y.end_token >= len(tokens) or y.antecedent is not None:
                continue
            if tokens[y.end_token].text != ")" or names.is_acronym(y.text):
                continue
            px, py = names.find_place(x.text), names.find_place(y.text)
            if px is not None and px.kind == "country":
                continue
            if py is not None and py != px:
                continue  # "Kharkiv (Ukraine)" places one in the other, it is no alias
            if names.fold(x.text)[:1] != names.fold(y.text)[:1]:
                continue
            groups.join(i, j, "place-alias", force="Place")


def _join_org_forms(groups: _Groups) -> None:
    """Join organisation names with one OrgKey; an unqualified body joins its one qualified form."""
    by_key: dict[names.OrgKey, int] = {}
    for i in _name_indices(groups):
        m = groups.mentions[i]
        if m.type != "Organisation" or names.is_acronym(m.text):
            continue
        key = names.org_key(m.text)
        if key in by_key:
            groups.join(by_key[key], i, "org-form")
        else:
            by_key[key] = i
    for key, i in sorted(by_key.items()):
        if key.country:
            continue
        qualified = {groups.find(j) for k, j in by_key.items() if k.country and k.body == key.body}
        if len(qualified) == 1:
            groups.join(min(qualified), i, "unqualified-body")


def _join_person_names(groups: _Groups) -> None:
    """Join partial names ("Zelenskiy", "Tayyip Erdogan") to the one full name they fit."""
    full = [
        i
        for i in _name_indices(groups)
        if groups.mentions[i].type == "Person"
        and len(names.person_name(groups.mentions[i].text).given) > 0
    ]
    # Longer names first, so "Tayyip Erdogan" joins "Recep Tayyip Erdogan" before "Erdogan" looks.
    candidates = sorted(
        (i for i in _name_indices(groups) if _may_be_person(groups.mentions[i])),
        key=lambda i: (-len(groups.mentions[i].text.split()), i),
    )
    for i in candidates:
        m = groups.mentions[i]
        name = names.person_name(m.text)
        if not name.surname:
            continue
        fits: set[int] = set()
        clash: set[int] = set()
        for j in full:
            other = names.person_name(groups.mentions[j].text)
            if other.surname != name.surname:
                continue
            root = groups.find(j)
            if names.given_names_compatible(name.given, other.given):
                fits.add(root)
            else:
                clash.add(root)
        fits -= {groups.find(i)}
        fits -= clash  # a group holding two incompatible full names is no safe target
        if len(fits) == 1:
            target = fits.pop()
            rule = "full-name" if name.given else "surname"
            groups.join(target, i, rule, force="Person")


def _may_be_person(m: Mention) -> bool:
    if m.type == "Person":
        return True
    if m.type == "Weapon" or names.is_acronym(m.text):
        return False
    # A place the gazetteer knows stays a place ("Jordan" the country, not Michael Jordan).
    return names.find_place(m.text) is None and len(m.text.split()) == 1


def _join_initials(groups: _Groups) -> None:
    """Join an acronym to the one organisation of the text whose initials it spells ("UN")."""
    longs = [
        i
        for i in _name_indices(groups)
        if groups.mentions[i].type == "Organisation"
        and not names.is_acronym(groups.mentions[i].text)
    ]
    for i in _name_indices(groups):
        m = groups.mentions[i]
        if m.type not in ("Organisation", "Place") or not names.is_acronym(m.text):
            continue
        if names.find_place(m.text) is not None:
            continue
        letters = names.fold(m.text).replace(" ", "")
        roots = {
            groups.find(j) for j in longs if letters in _initial_forms(groups.mentions[j].text)
        }
        roots.discard(groups.find(i))
        if len(roots) == 1:
            groups.join(roots.pop(), i, "acronym-initials", force="Organisation")


def _initial_forms(text: str) -> set[str]:
    forms = {names.initials(text), names.initials(text, with_function_words=True)}
    words = text.split()
    if len(words) > 2 and names.fold(words[0]) in lexicon.qualifier_country():
        rest = " ".join(words[1:])
        forms |= {names.initials(rest), names.initials(rest, with_function_words=True)}
    return {f for f in forms if len(f) >= 2}


def _add_descriptions(groups: _Groups, parsed: Parsed) -> None:
    """Add "the institute"/"the Russian ministry" mentions of the one organisation they fit."""
    tokens = parsed.tokens
    heads = lexicon.org_heads()
    qualifiers = lexicon.qualifier_country()
    for tok in tokens:
        if tok.text.lower() not in heads or tok.pos not in ("NOUN", "PROPN"):
            continue
        if not tok.text.islower() and not tok.text.istitle():
            continue
        nxt = tokens[tok.i + 1] if tok.i + 1 < len(tokens) else None
        if nxt is not None and (nxt.text.lower() in ("of", "for") or tok.dep == "compound"):
            continue  # "the Ministry of X" is a name, "the institute director" a person
        the = _determiner_before(tokens, tok.i)
        if the is None or (
            not _is_free(groups, the, tok.i + 1) and not _is_free(groups, tok.i, tok.i + 1)
        ):
            continue
        start = the if _is_free(groups, the, tok.i + 1) else tok.i
        country = ""
        for k in range(the + 1, tok.i):
            country = qualifiers.get(tokens[k].text.lower(), country)
        target = _description_target(groups, tok.text.lower(), country, tok.begin)
        if target is None:
            continue
        root, antecedent = target
        like = groups.mentions[antecedent]
        mention = dataclasses.replace(
            _mention_from_tokens(like, tokens, start, tok.i + 1, DESCRIPTION_LABEL),
            antecedent=like.begin,
        )
        groups.join(root, groups.add_mention(mention), "description")


def _determiner_before(tokens: Sequence[Token], i: int) -> int | None:
    """Index of "the" opening the phrase that ends at token i, over at most 4 modifiers."""
    k = i - 1
    while k >= 0 and i - k <= 5:
        t = tokens[k]
        if t.text.lower() == "the":
            return k
        if t.pos not in ("ADJ", "PROPN", "PUNCT", "VERB", "NOUN") or t.text in (",", ".", ";"):
            return None
        if t.pos == "NOUN" and t.text.lower() not in ("-", "based"):
            return None
        k -= 1
    return None


def _description_target(
    groups: _Groups, head: str, country: str, before: int
) -> tuple[int, int] | None:
    latest: dict[int, int] = {}
    for i in _name_indices(groups):
        m = groups.mentions[i]
        if m.type != "Organisation" or m.begin >= before:
            continue
        if head not in names.fold(m.text).split():
            continue
        root = groups.find(i)
        if country:
            key = names.org_key(m.text)
            if key.country and key.country != country:
                continue
        if root not in latest or groups.mentions[latest[root]].begin < m.begin:
            latest[root] = i
    if len(latest) != 1:
        return None
    root, i = next(iter(latest.items()))
    return root, i


def _entities(groups: _Groups, doc_id: str) -> tuple[Entity, ...]:
    entities = []
    for root, members in groups.members().items():
        mentions = sorted((groups.mentions[i] for i in members), key=lambda m: (m.begin, m.end))
        etype = _group_type(groups, root, mentions)
        mentions = [m if m.type == etype else dataclasses.replace(m, type=etype) for m in mentions]
        forms = [m.text for m in mentions if m.antecedent is None] or [m.text for m in mentions]
        label = weapon_label(mentions) or names.preferred_name(forms, gazetteer=etype == "Place")
        alt_labels = tuple(sorted(set(forms) - {label}))
        qids = sorted({m.kb_id for m in mentions if m.kb_id})
        weapon_classes = Counter(m.weapon_class for m in mentions if m.weapon_class)
        entities.append(
            Entity(
                key=f"{doc_id}#{etype}:{names.fold(label)}@{mentions[0].begin}",
                type=etype,
                label=label,
                alt_labels=alt_labels,
                mentions=tuple(mentions),
                merges=tuple(dict.fromkeys(groups.merges.get(root, ()))),
                weapon_class=min(weapon_classes, key=lambda c: (-weapon_classes[c], c))
                if weapon_classes
                else "",
                qid=qids[0] if len(qids) == 1 else "",
            )
        )
    return tuple(sorted(entities, key=lambda e: (e.mentions[0].begin, e.key)))


def _group_type(groups: _Groups, root: int, mentions: Sequence[Mention]) -> EntityType:
    if root in groups.forced:
        return groups.forced[root]
    votes: Counter[EntityType] = Counter()
    for m in mentions:
        votes[m.type] += 1
        if m.type == "Person" and len(m.text.split()) > 1:
            votes["Person"] += 10
        if m.type == "Place" and names.find_place(m.text) is not None:
            votes["Place"] += 5
    return min(votes, key=lambda t: (-votes[t], ENTITY_TYPES.index(t)))

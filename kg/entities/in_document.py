"""Within-document grouping: the mentions of one Parsed document -> its Entities.

A document names an entity several ways: in full, then by surname ("Mr Zelenskiy"), by an
acronym it introduces ("Federal Security Service (FSB)"), by a description ("the
institute"). This stage joins those mentions, decides each group's type (a surname NER
tagged ORG joins a Person and becomes one) and records why each join was made. Joins are
precise rather than eager: a surname shared by two people in the text joins the one named
nearest before it, or none (kg.entities.surnames).

Every rule looks mentions up by a key (a name's folded form, a surname, a token range, a
word of an organisation's name), never by comparing every pair: the work grows with the
length of the text, not its square (a 250,000-character article is still one pass).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import ENTITY_TYPES, Entity, EntityType, Mention, Parsed, Token
from kg.entities import names
from kg.entities.acronyms import bodies_acronyms, join_acronyms, join_initials
from kg.entities.aliases import join_aliases, join_place_aliases
from kg.entities.descriptions import DESCRIPTION_LABEL, add_descriptions
from kg.entities.family import generation
from kg.entities.groups import MentionGroups
from kg.entities.labels import preferred_person_name
from kg.entities.name_evidence import company_brand, placed
from kg.entities.nicknames import nicknamed_names
from kg.entities.person_names import person_name, role_of, title_gender
from kg.entities.repeats import names_again
from kg.entities.spans import repair_spans
from kg.entities.surnames import join_person_names
from kg.entities.types import correct_types
from kg.entities.weapons import group_weapons, weapon_label

__all__ = ["DESCRIPTION_LABEL", "group_mentions"]


def group_mentions(parsed: Parsed) -> tuple[Entity, ...]:
    """Group the mentions of one document into entities, with the evidence of each join."""
    text = parsed.document.text
    typed = correct_types(parsed.mentions, parsed.tokens, text, parsed.document.publisher or "")
    repaired = repair_spans(nicknamed_names(typed, parsed.tokens, text, parsed.document.id), parsed)
    mentions = names_again(
        sorted(repaired, key=lambda m: (m.begin, m.end)),
        parsed.tokens,
        parsed.document.text,
        parsed.document.id,
    )
    # a name found again in a boilerplate line ("Related: X votes ...") is none, as NER's are
    skipped = parsed.document.skipped
    mentions = [m for m in mentions if not any(b <= m.begin and m.end <= e for b, e in skipped)]
    mentions = _bodies_not_weapons(mentions, parsed.tokens)
    mentions, weapon_joins = group_weapons(mentions, parsed.tokens)
    groups = MentionGroups(mentions, len(parsed.tokens))
    for a, b, rule in weapon_joins:
        groups.join(a, b, rule)
    _join_same_names(groups, parsed.tokens)
    _join_gazetteer_places(groups)
    join_acronyms(groups, parsed.tokens)
    join_place_aliases(groups, parsed.tokens)
    _join_org_forms(groups)
    join_person_names(groups, parsed.tokens)
    join_aliases(groups, parsed.tokens)
    join_initials(groups)
    add_descriptions(groups, parsed)
    return _entities(groups, parsed.document.id)


def _join_same_names(groups: MentionGroups, tokens: Sequence[Token]) -> None:
    """Join mentions of one name; a surname the text titles for both a man and a woman
    ("Mr. X", "Ms. X": a couple), or titles for one while it names in full two bearers not
    both known to be of it ("Judge Tobias X ... Ingrid X ... Mrs. X"), is one name per
    title's gender, and untitled once more; one titled with a role, where it names two
    bearers in full, is one name per role ("Senator X", "Mr. X"). A place the text puts
    somewhere ("to X", "the X district") is not the surname of a person it names in full or
    with a title."""
    indices = [i for i in groups.name_indices() if groups.mentions[i].type != "Weapon"]
    # (kg.entities.weapons joins weapons by system and class)
    genders: dict[str, set[str]] = defaultdict(set)
    # surname key -> full name -> its bearer's gender, as a title or given name says ("")
    bearers: dict[str, dict[str, str]] = defaultdict(dict)
    for i in indices:
        m = groups.mentions[i]
        if m.type != "Person":
            continue
        if " " not in m.text and m.title:  # "Sheriff X": a person of the text
            bearers[names.transliteration_key(m.text)].setdefault("", "")
        if " " not in m.text and (g := title_gender(m.title)):
            genders[names.transliteration_key(m.text)].add(g)
        elif (name := person_name(m.text)).given:
            named = bearers[names.transliteration_key(name.surname)]
            named[m.text] = named.get(m.text) or _gender_of(m)
    for key, titled in genders.items():
        named = {form: g for form, g in bearers.get(key, {}).items() if form}
        if len(titled) == 1 and len(named) > 1 and set(named.values()) - titled:
            titled.add("")  # full names of a family, not all of the title's gender
    by_key: dict[str, int] = {}
    for i in indices:
        m = groups.mentions[i]
        key = base = names.transliteration_key(m.text)
        if len(genders.get(key, ())) > 1 and m.type == "Person":
            key = f"{key}|{title_gender(m.title)}"
        elif key in bearers and placed(m, tokens):
            key = f"{key}|place"  # "Daniel Houston ... travels to Houston": two names
        named = bearers.get(base, {})
        if m.type == "Person" and (role := role_of(m.title)) and sum(map(bool, named)) > 1:
            key = f"{key}|{role}"  # "Gov. Ana X ... Senator Tom X ... Senator X ... Mr. X"
        elif m.type == "Person" and " " not in m.text and sum(map(bool, named)) > 1:
            key = f"{key}|{i}"  # two bearers named in full: each "X" finds its own
        if tokens and (older := generation(m, tokens)):
            key = f"{key}|{older}"  # "the younger X": the son, whatever "X" is elsewhere
        if key in by_key:
            groups.join(by_key[key], i, "exact-name")
        else:
            by_key[key] = i


def _gender_of(m: Mention) -> str:
    """A full name's bearer's gender, as its title or its first given name says."""
    return title_gender(m.title) or lexicon.name_gender(names.fold(m.text.split()[0]))


def _join_gazetteer_places(groups: MentionGroups) -> None:
    """Join forms of one gazetteer place ("Kiev", "Kyiv") or one known organisation."""
    by_entry: dict[tuple[str, str], int] = {}
    for i in groups.name_indices():
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


def _bodies_not_weapons(mentions: list[Mention], tokens: Sequence[Token]) -> list[Mention]:
    """A weapon acronym the text introduces as a body's ("the All Progressives Congress, or
    APC,") is that body's wherever the text uses it."""
    bodies = bodies_acronyms(mentions, tokens)
    if not bodies:
        return mentions
    return [
        dataclasses.replace(m, type=bodies[m.text].type, weapon_class="", weapon_system="")
        if m.type == "Weapon" and m.text in bodies
        else m
        for m in mentions
    ]


def _join_org_forms(groups: MentionGroups) -> None:
    """Join organisation names with one OrgKey; an unqualified body joins its one qualified form."""
    by_key: dict[names.OrgKey, int] = {}
    for i in groups.name_indices():
        m = groups.mentions[i]
        if m.type != "Organisation" or names.is_acronym(m.text):
            continue
        key = names.org_key(m.text)
        if key in by_key:
            groups.join(by_key[key], i, "org-form")
        else:
            by_key[key] = i
    for key, i in sorted(by_key.items()):  # "the Houthis" and "Houthi forces": one group
        singular = names.OrgKey(key.country, key.body[:-1])
        if " " not in key.body and len(key.body) > 4 and key.body[-2:-1] != "s":
            if key.body.endswith("s") and singular in by_key:
                groups.join(by_key[singular], i, "org-form")
    qualified_by_body: dict[str, list[int]] = defaultdict(list)
    for key, j in sorted(by_key.items()):
        if key.country:
            qualified_by_body[key.body].append(j)
    for key, i in sorted(by_key.items()):
        if key.country:
            continue
        qualified = {groups.find(j) for j in qualified_by_body.get(key.body, ())}
        if len(qualified) == 1:
            groups.join(min(qualified), i, "unqualified-body")
    _join_place_qualified(groups)
    _join_shortened_names(groups)


def _join_shortened_names(groups: MentionGroups) -> None:
    """ "China Eastern" joins "China Eastern Airlines": a name that is another one of the
    text without the generic nouns ending it, or a company's first word ("Meridian" of
    "Meridian Health Partners", kg.entities.name_evidence.company_brand, where the text
    names the company in full before it uses the word alone, its headline aside: "Veltrix
    fined ... Veltrix Payments Ltd" names the group first, then its subsidiary), when that
    other one is unique and the name no surname of the text's people; a place NER found that
    the gazetteer does not know and the text puts nowhere is such a name too, of a
    company's (a company's word ends its name: kg/data/company_words.txt)."""
    # a company's short name NER called a place: no place (not "Troy" of "Troy Police")
    businesses = {
        short
        for m in groups.mentions
        if m.type == "Organisation" and _ends_in_company_word(m.text)
        for short in names.shortened_names(m.text)
    }
    places = {
        names.fold(m.text)
        for m in groups.mentions
        if m.type == "Place" and (_a_place(m) or names.fold(m.text) not in businesses)
    }
    longer: dict[str, set[int]] = defaultdict(set)
    first: dict[str, int] = {}  # a name's first mention in the body (past the headline)
    for i in sorted(groups.name_indices(), key=lambda i: -groups.mentions[i].begin):
        if groups.mentions[i].sentence > 0:
            first[names.fold(groups.mentions[i].text)] = groups.mentions[i].begin
    for i in groups.name_indices():
        m = groups.mentions[i]
        if m.type == "Organisation" and not names.is_acronym(m.text):
            for short in names.shortened_names(m.text, places):
                longer[short].add(i)
            brand = company_brand(m.text)  # "Meridian" of "Meridian Health Partners"
            if brand and (brand not in first or m.begin < first[brand]):
                longer[brand].add(i)
    if not longer:
        return
    # a surname of the text's people ("Charles W. Brandt ... Brandt Holdings LLC ...
    # Brandt's son-in-law"): a person's, not the company's short form
    surnames = {
        names.fold(m.text.split()[-1])
        for m in groups.mentions
        if m.type == "Person" and person_name(m.text).given
    }
    people = {groups.find(i) for i in groups.name_indices() if groups.mentions[i].type == "Person"}
    for i in groups.name_indices():
        m = groups.mentions[i]
        if groups.find(i) in people or names.fold(m.text) in surnames:
            continue
        # NER's place that no gazetteer knows and the text puts nowhere, the short name
        # of a company ("Boeing delivers final jet to AirTran" beside "AirTran Airways")
        if m.type != "Organisation" and not (
            m.type == "Place" and names.fold(m.text) in businesses - places
        ):
            continue
        fits = sorted(longer.get(names.fold(names.without_legal_form(m.text)), ()))
        if fits and len({groups.find(j) for j in fits}) == 1:
            groups.join(fits[0], i, "name-without-head")


def _ends_in_company_word(name: str) -> bool:
    words = names.fold(names.without_legal_form(name)).split()
    return bool(words) and words[-1] in lexicon.company_words()


def _a_place(m: Mention) -> bool:
    """A place NER found that the text puts somewhere or the gazetteer knows."""
    return m.type == "Place" and (bool(m.proof) or names.find_place(m.text) is not None)


def _join_place_qualified(groups: MentionGroups) -> None:
    """ "Falcons" joins "Harlow Falcons": a name that is another one of the text after a
    place (a place of the text or of the gazetteer), when that other one is unique."""
    places = {names.fold(m.text) for m in groups.mentions if m.type == "Place"}
    short: dict[str, set[int]] = defaultdict(set)
    for i in groups.name_indices():
        m = groups.mentions[i]
        if m.type == "Organisation":
            short[names.fold(m.text)].add(i)
    longer: dict[str, list[int]] = defaultdict(list)
    for i in groups.name_indices():
        m = groups.mentions[i]
        if m.type == "Organisation" and (rest := names.place_qualified(m.text, places)):
            longer[rest].append(i)
    for rest, members in sorted(longer.items()):
        # "Harlow Times" and "Brenford Times" both end in "Times": neither takes it
        if len({groups.find(i) for i in members}) == 1:
            found = {groups.find(j) for j in short.get(rest, ())}
            if len(found) == 1:
                groups.join(members[0], found.pop(), "place-qualified")


def _entities(groups: MentionGroups, doc_id: str) -> tuple[Entity, ...]:
    entities = []
    for root, members in groups.members().items():
        mentions = sorted((groups.mentions[i] for i in members), key=lambda m: (m.begin, m.end))
        etype = _group_type(groups, root, mentions)
        mentions = [m if m.type == etype else dataclasses.replace(m, type=etype) for m in mentions]
        forms = [m.text for m in mentions if m.antecedent is None] or [m.text for m in mentions]
        label = weapon_label(mentions) or (
            preferred_person_name(forms)
            if etype == "Person"
            else names.preferred_name(forms, gazetteer=etype == "Place")
        )
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


def _group_type(groups: MentionGroups, root: int, mentions: Sequence[Mention]) -> EntityType:
    if root in groups.forced:
        return groups.forced[root]
    votes: dict[EntityType, float] = defaultdict(float)
    for m in mentions:
        # NER's word alone that a one-word name is a person counts half: a person is
        # rarely named by one word throughout ("Norvale said", "Norvale's chief").
        votes[m.type] += 1 if m.type != "Person" or m.title else 0.5
        if m.type == "Person" and len(m.text.split()) > 1:
            votes["Person"] += 10
        if m.type == "Place" and names.find_place(m.text) is not None:
            votes["Place"] += 5
    return min(votes, key=lambda t: (-votes[t], ENTITY_TYPES.index(t)))

"""What the text says about a mention's type: corrections of the statistical NER's labels.

The small English model types an unfamiliar village as a person, an airbase as an
organisation, an award ("Order of X") as a person and a social network as a person. Each
rule below reads evidence a reader uses, never a list of the names themselves:

* no entity at all: the whole name matches a pattern of kg/data/non_entity_patterns.tsv
  (awards, operations and offensives, battles and wars), or it names a disease ("Marburg
  virus"; kg.entities.non_entities): the mention is dropped;
* no entity either: a one-word name the text also writes as a lowercase word
  (kg.entities.common_words);
* no entity either: a person's name before a family noun ("the X family", "the X
  brothers": kg/data/family_nouns.txt), which names the family, no one person of it;
* no entity either: an organisation of up to three words that is the portfolio of a
  title before a name or after an article ("Interior Minister X", "the Railway Minister";
  "the Interior Ministry" is the body);
* a platform: the name is a social network or messaging app (kg/data/platforms.txt),
  a news outlet (kg/data/outlets.txt), or it comes right before a news organisation's
  noun ("the X news agency": kg/data/media_nouns.txt): an Organisation;
* a place: the capitals opening a paragraph before a comma, bracket or dash (a dateline:
  "ISTANBUL (Reuters) -");
* a person, from its context: a role noun before it or in apposition, a title only people
  bear right before it ("Mr X", "Sen. X": kg/data/name_titles.txt), and the evidence of
  kg.entities.name_evidence (an age after it, a relative "who", a particle surname);
* an organisation, from its context: a company officer's title and a name after it, its
  shares, a role working at it (kg.entities.name_evidence); a body's noun it modifies ("the
  X party") or that heads what it is ("X became the largest party") or an apposition ("X,
  the largest U.S. bank,"; not of a known place: "Troy, Mich., company");
* a place, from its context: "X-based"; "the village of X" / "the city of X" / "villages of
  the X"; "south of X"; "X province" (a place noun it modifies); an apposition
  "X, a (small) city in ..."; a facility noun after it behind a locative preposition
  ("near X military airfield"); a locative preposition ("in X", "near X") together with
  a gazetteer entry or a place-name ending ("-ivka", "-grad": kg/data/place_suffixes.txt);
  a list of two places or more it is part of, after a locative preposition ("in Peshawar,
  X and Lahore"). A gazetteer entry or an ending alone is no evidence: "Jordan" may be a
  person.

A company's name with its legal form ("X Inc") proves the bare name an organisation. A type
one mention's context proves holds for every mention of the same name in the document (a
text does not use one name for a village and a person), unless the document's mentions
prove two different types. Across documents the types are voted on (kg.entities.type_votes).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import EntityType, Mention, Token
from kg.entities import names
from kg.entities.common_words import without_common_words
from kg.entities.name_evidence import (
    after_people_title,
    before_body_noun,
    before_leader_noun,
    before_place_noun,
    body_heads,
    company_brand,
    company_by_context,
    holding_in,
    opening_adjective,
    person_by_context,
    placed,
    predicated_type,
    told_the,
    without_body_noun,
)
from kg.entities.non_entities import disease_names, is_non_entity, title_words_before
from kg.entities.person_names import title_before

__all__ = ["correct_types", "type_from_context"]

# Prepositions after which a name is where something happens. Closed-class grammar.
_LOCATIVE = frozenset("in near at outside around towards toward into across".split())
_ARTICLES = frozenset({"a", "an", "the"})
# Directions before "of X" ("south of X"): closed-class words.
_COMPASS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)
# Words that may stand between an apposition's article and its place noun ("a small city").
_MODIFIER_POS = frozenset({"ADJ", "PROPN", "NOUN", "NUM"})


def type_from_context(m: Mention, tokens: Sequence[Token]) -> EntityType | None:
    """Return the type the text proves for a mention, or None when it proves none."""
    if _opens_dateline(m, tokens):
        return "Place"  # "ISTANBUL (Reuters) -", "KYIV, Ukraine (AP) -"
    if m.text in lexicon.platforms() or names.fold(m.text) in lexicon.outlets():
        return "Organisation"
    if _before_nouns(m, tokens, lexicon.media_nouns()):
        return "Organisation"  # "the Yonhap news agency said"
    if told_the(m, tokens):
        return "Organisation"  # "told the Standard": no person's one name takes "the"
    if company_by_context(m, tokens):
        return "Organisation"  # "Quora CEO Ana Ruiz", "Quora shares", "an analyst at Quora"
    if (
        _after_place_noun_of(m, tokens)
        or before_place_noun(m, tokens)
        or _in_apposition(m, tokens, lexicon.place_nouns())
    ):
        return "Place"
    if _before_based(m, tokens):
        return "Place"  # "the Wolfsburg-based group": where it is based
    if (said := predicated_type(m, tokens)) is not None:
        return said  # "X became the third-largest party", "X is a small town"
    if before_leader_noun(m, tokens):
        return "Person"  # "the Calloway administration": led by a person of that name
    known_place = m.type == "Place" and names.find_place(m.text) is not None
    if before_body_noun(m, tokens) or (
        not known_place  # not "Troy, Mich., company", "Redmond, Wash. company's"
        # nor a person NER found by a given name: "Gerard X, the store's insurer, told ..."
        and not (m.type == "Person" and names.fold(m.text.split()[0]) in lexicon.given_names())
        and _in_apposition(m, tokens, body_heads())
        and tokens[m.end_token + 1].text.lower() in _ARTICLES
    ):
        return "Organisation"  # "the ruling Morena party", "X, the largest U.S. bank,"
    roles = lexicon.role_nouns()
    if not known_place and (
        _in_apposition(m, tokens, roles)
        or _after_role(m, tokens, roles)
        or after_people_title(tokens, m.start)
        or person_by_context(m, tokens)
    ):
        return "Person"  # not "Senator X of Kentucky, the majority leader,"
    if _after_locative(m, tokens) and (
        _before_facility_noun(m, tokens)
        or _looks_like_place(m.text)
        # "in X": one word NER took for a person, with no title, or a name no given name
        # opens, is where it happens (the object of the preposition itself: not "in X's
        # administration", "in X White House")
        or (
            m.type == "Person"
            and not m.title
            and (
                m.end_token - m.start == 1
                # "in Kiryat Bialik": a name of words no given name opens
                or tokens[m.start].text.lower() not in lexicon.given_names()
            )
            and tokens[m.end_token - 1].dep == "pobj"
        )
    ):
        return "Place"
    return None


def correct_types(
    mentions: Sequence[Mention], tokens: Sequence[Token], text: str, publisher: str = ""
) -> tuple[Mention, ...]:
    """Drop mentions that name no entity and retype those whose text proves another type
    (the publisher's name, from the metadata or the dateline, is an organisation's)."""
    diseases = disease_names(mentions, tokens)
    kept = [
        m
        for m in mentions
        if m.type == "Weapon"
        or m.antecedent is not None
        or not (is_non_entity(m.text, title_words_before(m, tokens)) or m.text in diseases)
    ]
    kept = [
        m
        for m in without_common_words(kept, tokens)
        if not _is_portfolio(m, tokens)
        and not _names_a_family(m, tokens)
        and not opening_adjective(m, tokens)
    ]
    proven: dict[str, set[EntityType]] = (
        {names.fold(publisher): {"Organisation"}} if publisher else {}
    )
    own: dict[int, EntityType] = {}  # what each mention's own words prove
    where: set[int] = set()  # mentions the text puts somewhere
    place_heads = {m.end_token - 1 for m in kept if m.type == "Place"}
    # names the text puts somewhere ("in Boston"): no company's first word alone
    located = {names.fold(m.text) for m in kept if _after_locative(m, tokens)} | {""}
    # nor the surname of a person the text names ("Ana Whitcombe, a partner at Whitcombe
    # Darrow LLP ... Whitcombe said": hers)
    located |= {
        names.fold(m.text.split()[-1]) for m in kept if m.type == "Person" and " " in m.text
    }
    for k, m in enumerate(kept):
        if m.type != "Weapon" and m.antecedent is None:
            etype = type_from_context(m, tokens)
            if etype in (None, "Place") and placed(m, tokens):  # where the text puts it: "in X"
                etype = "Place"
                where.add(k)
            elif (
                etype is None and m.type != "Place" and _listed_with_places(m, tokens, place_heads)
            ):
                etype = "Place"
            if etype is not None:
                proven.setdefault(names.fold(m.text), set()).add(etype)
            if etype == "Place" or (etype == "Person" and after_people_title(tokens, m.start)):
                own[k] = etype  # strong enough to hold against the name's other proofs
            if m.type == "Organisation" and (bare := without_body_noun(m)) != m.text:
                # "Activision Blizzard Inc", "the Morena party": the text's "Activision
                # Blizzard", "Morena" is the body
                proven.setdefault(names.fold(bare), set()).add("Organisation")
            if m.type == "Organisation" and (brand := company_brand(m.text)) not in located:
                proven.setdefault(brand, set()).add("Organisation")  # "Meridian" alone
    out = []
    for k, m in enumerate(kept):
        types = proven.get(names.fold(m.text), set()) if m.type != "Weapon" else set()
        # one proof for the name: every mention of it; proofs that differ ("Sheriff X",
        # "the people of X"): each mention its own
        only = next(iter(types)) if len(types) == 1 else own.get(k, m.type)
        if k in where and only == "Place":
            m = dataclasses.replace(m, proof="placed")
        if only != m.type:
            # a person's title the nlp stage read for people only ("Mr" of "Mr X's lawyer")
            title = title_before(tokens, m.start, text) if only == "Person" else ""
            m = dataclasses.replace(m, type=only, title=title or m.title)
        out.append(m)
    return tuple(out)


# Offices whose holder the word before them qualifies by a portfolio ("Interior Minister").
_PORTFOLIO_TITLES = frozenset({"minister", "secretary"})


def _is_portfolio(m: Mention, tokens: Sequence[Token]) -> bool:
    """Tell whether an organisation of one to three words is the portfolio of a title
    before a name or after an article ("Interior Minister X", "National Security Minister
    X", "the Railway Minister"): the office, not a body the text names (that is "the
    Interior Ministry"). A body known by that name stays, as does one whose last word heads
    bodies' names ("Communist Party Secretary X")."""
    if m.type != "Organisation" or not 1 <= m.end_token - m.start <= 3:
        return False
    if m.end_token + 1 >= len(tokens):
        return False
    title, after = tokens[m.end_token], tokens[m.end_token + 1]
    before = tokens[m.start - 1].text.lower() if m.start else ""
    return (
        title.text.lower() in _PORTFOLIO_TITLES
        and (after.pos == "PROPN" or before in _ARTICLES)  # "the Railway Minister said"
        and not names.is_acronym(m.text)
        and names.find_organisation(m.text) is None
        and tokens[m.end_token - 1].text.lower() not in lexicon.org_heads()
    )


def _names_a_family(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "the X family", "the X brothers": a name before a family noun (kg/data/family_nouns.txt;
    whatever NER typed it, if no known place or body) names the family, no one person."""
    after = tokens[m.end_token] if m.end_token < len(tokens) else None
    return (
        m.type != "Weapon"
        and names.find_place(m.text) is None
        and names.find_organisation(m.text) is None
        and after is not None
        and after.text.islower()
        and after.text in lexicon.family_nouns()
        and tokens[m.end_token - 1].head == after.i
    )


def _listed_with_places(m: Mention, tokens: Sequence[Token], place_heads: set[int]) -> bool:
    """ "in Peshawar, X and Lahore": a name coordinated with two places or more, all of them
    after a locative preposition, is a place too."""
    head = tokens[m.end_token - 1]
    first = head
    while first.dep == "conj" and first.head != first.i:
        first = tokens[first.head]
    if first.dep != "pobj" or tokens[first.head].text.lower() not in _LOCATIVE:
        return False
    listed = {first.i}
    for t in tokens[first.i + 1 : first.i + 30]:
        if t.dep == "conj" and t.head in listed:
            listed.add(t.i)
    others = listed - {head.i}
    return (
        head.i in listed
        and len(others) >= 2
        and others <= place_heads
        and names.find_organisation(m.text) is None
    )


def _opens_dateline(m: Mention, tokens: Sequence[Token]) -> bool:
    """Tell whether a mention in capitals opens a paragraph and is followed by a comma, a
    bracket or a dash: the place a wire story was filed from ("ISTANBUL (Reuters) -")."""
    if not m.text.isupper() or len(m.text) < 3 or m.end_token >= len(tokens):
        return False
    opens = m.start == 0 or "\n" in tokens[m.start - 1].text or not tokens[m.start - 1].text.strip()
    return opens and tokens[m.end_token].text in {",", "(", "-", "–", "—"}


def _after_place_noun_of(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "the village of X", "the Russian city of X", "villages of the X", "south of X", "the
    mayor of X"."""
    k = m.start
    if k >= 3 and tokens[k - 1].text.lower() == "the":
        k -= 1
    if k < 2 or tokens[k - 1].text.lower() != "of":
        return False
    noun = tokens[k - 2].text  # lowercase: "the City of London" is a name
    if k != m.start and noun in _COMPASS:
        return False  # "south of the X": a body or a feature as well ("the Green Line")
    return (
        noun in lexicon.place_nouns()
        or noun.removesuffix("s") in lexicon.place_nouns()
        or noun in _COMPASS
        or (noun in _PLACE_OFFICES and k == m.start)  # "the mayor of X", "residents of X"
    )


# Lowercase nouns of people whose "of" names a place: a town's mayor, its residents, its people
_PLACE_OFFICES = frozenset({"mayor", "mayors", "residents", "villagers", "townspeople", "people"})


_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def _in_apposition(m: Mention, tokens: Sequence[Token], heads: frozenset[str]) -> bool:
    """ "X, a city in ...", "X, the twin city of ...", "X, the regional governor, said"."""
    k = m.end_token
    if k + 1 >= len(tokens) or tokens[k].text != ",":
        return False
    k += 1
    if tokens[k].text.lower() in _ARTICLES:
        k += 1
    for _ in range(4):
        if k >= len(tokens):
            return False
        word = tokens[k].text
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and nxt.text in _POSSESSIVE:
            k += 2  # a possessor: "X, the bank's chief executive," is no bank
            continue
        if word in heads:
            # "a town councillor" is a role, not a place; in "X, a spokesman said" the
            # spokesman is not X.
            return (
                nxt is None
                or not nxt.text[0].isalnum()
                or nxt.pos not in ("NOUN", "PROPN", "VERB", "AUX")
                or nxt.text.lower() in _LOCATIVE | {"of", "on", "who", "for", "from", "and"}
            )
        if tokens[k].pos not in _MODIFIER_POS and "-" not in word:
            return False
        k += 1
    return False


def _before_based(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "X-based": the name is where something is based."""
    k = m.end_token
    return (
        k + 1 < len(tokens)
        and tokens[k].text == "-"
        and tokens[k].begin == m.end
        and tokens[k + 1].text.lower() == "based"
        and tokens[k + 1].begin == tokens[k].end
    )


def _after_role(m: Mention, tokens: Sequence[Token], roles: frozenset[str]) -> bool:
    """ "his lawyer X said", "the bank's former deputy, X, was sentenced": a role noun
    right before the name, or set off before it by commas."""
    k = m.start - 1
    if k >= 0 and tokens[k].text == ",":
        after = tokens[m.end_token] if m.end_token < len(tokens) else None
        if after is not None and after.text not in {",", "."}:
            return False  # "the minister, Reuters reported": no apposition
        k -= 1
    return k >= 0 and tokens[k].text in roles


def _after_locative(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "in X", "near the X", "in nearby X", "in neighbouring X"."""
    k = m.start - 1
    for _ in range(2):
        if k >= 0 and tokens[k].pos == "ADJ" and tokens[k].text.islower():
            if tokens[k].text in _ADVERBIAL:
                return False  # "At present X has ...": X is no object of "at"
            k -= 1
    if k >= 0 and tokens[k].text.lower() == "the":
        k -= 1
    return k >= 0 and tokens[k].text.lower() in _LOCATIVE and not holding_in(tokens, k)


# Adjectives that make an adverb with a preposition ("at present X has", "in general")
_ADVERBIAL = frozenset({"present", "first", "last", "large", "general", "particular", "short"})


def _before_facility_noun(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "X airfield", "X military airfield", "X air base"."""
    return _before_nouns(m, tokens, lexicon.facility_nouns(), any_case=False)


def _before_nouns(
    m: Mention, tokens: Sequence[Token], nouns: Sequence[tuple[str, ...]], *, any_case: bool = True
) -> bool:
    """Tell whether one of `nouns` (lowercase word sequences) follows the mention."""
    for words in nouns:
        following = tokens[m.end_token : m.end_token + len(words)]
        if tuple(t.text.lower() if any_case else t.text for t in following) == words:
            return True
    return False


def _looks_like_place(text: str) -> bool:
    """A gazetteer entry, or a last word with a typical place-name ending."""
    if names.find_place(text) is not None:
        return True
    words = names.fold(text).split()
    return bool(words) and len(words[-1]) >= 5 and words[-1].endswith(lexicon.place_suffixes())

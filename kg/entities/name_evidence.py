"""Evidence in the words around a name that it is a person's, a body's, a company's or a place's.

A person (`person_by_context`): an age set off after the name ("X, 24,"); a relative "who"
after a lone name ("X, who toured the area"; not "the X, who", nor a body's noun or a plural
team name before it); the shape of a particle surname after a known given name ("Jean-Marie
Le Pen"); capitals with a generational suffix ("RFK Jr."); one name modifying what a person
leads (`before_leader_noun`: "the X administration"); a title only people bear right before
it (`after_people_title`: "Sheriff X").

A body (`before_body_noun`): a lowercase noun that heads bodies' names after it ("the X
party"; not "X police"); the name without such a noun (`without_body_noun`: "X party", "X
Inc"); a one-word name someone tells (`told_the`: "told the X"). A place
(`before_place_noun`): a place noun after it ("X province"); a place NER found as the
object of a preposition of place or on a place noun (`placed`: "in X", "travels to X", "the
X district").

A company (`company_by_context`): a company officer's title and a name after it ("X CEO Ana
Ruiz": kg/data/executive_titles.txt); its stock ("X shares", "shares of X"); a role that works
at it ("an analyst at X", kg/data/role_nouns.txt); the noun of its kind right before it
("cybersecurity firm X", "the state regulator X": kg/data/body_nouns.txt). None of them for
a place the gazetteer knows.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from kg.core import lexicon
from kg.core.model import EntityType, Mention, Token
from kg.entities import names
from kg.entities.person_names import initials_key, is_name_particle

__all__ = [
    "after_people_title",
    "before_body_noun",
    "before_its_region",
    "before_leader_noun",
    "before_place_noun",
    "body_heads",
    "company_brand",
    "company_by_context",
    "holding_in",
    "may_be_person",
    "named_like_a_person",
    "opening_adjective",
    "person_by_context",
    "placed",
    "predicated_type",
    "told_the",
    "without_body_noun",
]


def person_by_context(m: Mention, tokens: Sequence[Token]) -> bool:
    """Whether the words around a mention (or its shape) say it names a person."""
    return (
        _before_age(m, tokens)
        or _before_who(m, tokens)
        or _particle_name(m.text)
        or (" " in m.text and bool(initials_key(m.text)))  # "RFK Jr."
        or _given_name_first(m, tokens)
    )


def _given_name_first(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "(the party) of Joost Kamphuis", NER's place: two capitalised words, the first a
    given name the lexicon knows, the second no word of a place's or a body's name, the
    whole no place the gazetteer knows and none the text puts things in."""
    words = m.text.split()
    if m.type != "Place" or len(words) != 2 or not all(w.isalpha() and w.istitle() for w in words):
        return False
    last = words[1].lower()
    return (
        words[0].lower() in lexicon.given_names()
        and last not in lexicon.place_nouns() | lexicon.region_words() | lexicon.org_heads()
        and names.find_place(m.text) is None
        and names.find_place(words[0]) is None
        and not placed(m, tokens)
    )


def company_by_context(m: Mention, tokens: Sequence[Token]) -> bool:
    """Whether the words around a mention say it names a company."""
    return (
        _before_officer(m, tokens)
        or _listed_company(m, tokens)
        or _employer(m, tokens)
        or _after_kind(m, tokens)
    )


def _before_age(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "X, 24, was arrested": a person's age set off after the name."""
    k = m.end_token
    if k + 2 >= len(tokens) or tokens[k].text != "," or tokens[k + 2].text not in {",", ")"}:
        return False
    age = tokens[k + 1].text
    return age.isdigit() and 0 < int(age) < 120 and tokens[k + 1].pos == "NUM"


def _particle_name(text: str) -> bool:
    """ "Jean-Marie Le Pen", "Ana de Souza": a known given name (or one of a hyphenated
    pair), a name particle, and a capitalised word closing the name."""
    words = text.split()
    if len(words) < 3 or not words[-1][:1].isupper() or not is_name_particle(words[-2]):
        return False
    given = lexicon.given_names()
    return any(part.lower() in given for part in words[0].split("-"))


def _before_who(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "X, who toured the area": a relative "who" is said of people (not a known body, nor
    a name after an article, "the New Orleans Saints, who won", or ending in a body's noun,
    "Duke University, who", nor the last of a list, "Newton Street, Millom, who", nor where
    something is, "an aid worker in X, who asked")."""
    k = m.end_token
    before = tokens[m.start - 1].text.lower() if m.start else ""
    return (
        k + 1 < len(tokens)
        and before not in {"the", ",", "in", "near", "outside", "around", "into", "across"}
        and m.text.replace(" ", "").isalpha()
        and not (" " in m.text and m.text.endswith("s"))  # "New Orleans Saints, who"
        and tokens[k - 1].text.lower() not in lexicon.org_heads()
        and tokens[k].text == ","
        and tokens[k + 1].text.lower() == "who"
        and names.find_organisation(m.text) is None
    )


def _before_officer(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "X CEO Ana Ruiz", "X co-founder Ana Ruiz": a company's name before its officer's
    title and name (not a known place: "Ohio CEO" is no company)."""
    if names.find_place(m.text) is not None:
        return False  # (an organisation NER typed is proven so: its other mentions follow)
    for words in lexicon.executive_titles():
        k = m.end_token + len(words)
        if k < len(tokens) and tuple(t.text.lower() for t in tokens[m.end_token : k]) == words:
            return tokens[k].text[:1].isupper() and tokens[k].pos == "PROPN"
    return False


def _employer(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "an analyst at Bernstein", "a political scientist at Insper": where a role works
    (not a known place; "at" a place would be "in" it)."""
    b = m.start
    return (
        b >= 2
        and tokens[b - 1].text == "at"
        and tokens[b - 2].lemma.lower() in lexicon.role_nouns()
        and tokens[b - 2].pos == "NOUN"
        and names.find_place(m.text) is None
    )


def _after_kind(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "the cybersecurity firm X", "the state mining regulator X": a lowercase noun of a
    body's kind right before the name (not a known place); or before it set off by commas
    ("Irish low-cost airline, X, announced")."""
    b, k = m.start, m.end_token
    if b >= 2 and tokens[b - 1].text == "," and k < len(tokens) and tokens[k].text == ",":
        b -= 1
    return (
        b >= 1
        and tokens[b - 1].text in lexicon.body_nouns()
        and tokens[b - 1].pos == "NOUN"
        and tokens[b - 1].end < m.begin
        and names.find_place(m.text) is None
    )


def _listed_company(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "X shares rose", "shares of X": a company whose stock trades (not a known place)."""
    k, b = m.end_token, m.start
    after = k < len(tokens) and tokens[k].text.lower() in _STOCK and tokens[k].tag == "NNS"
    before = (
        b >= 2
        and tokens[b - 1].text == "of"
        and tokens[b - 2].text.lower() in _STOCK
        and tokens[b - 2].tag == "NNS"
    )
    return (after or before) and names.find_place(m.text) is None


_STOCK = frozenset({"shares", "stocks"})


def opening_adjective(m: Mention, tokens: Sequence[Token]) -> bool:
    """Whether a one-word mention is an adjective that opens its sentence on a common noun
    ("Heartbroken dad X said", "Furious residents ..."): no name, whatever NER labelled."""
    if m.end_token - m.start != 1:
        return False
    t = tokens[m.start]
    before = tokens[m.start - 1] if m.start else None
    opens = before is None or before.sent != t.sent or not before.text[:1].isalnum()
    return (
        opens
        and t.tag == "JJ"
        and t.dep == "amod"
        and t.head > t.i
        and tokens[t.head].pos == "NOUN"
        and tokens[t.head].text.islower()
    )


def company_brand(name: str) -> str:
    """The folded first word of a company's name of two words or more that ends in a
    company's word or a legal form ("Meridian Health Partners", "Cordillera Dorada SA"),
    which news uses alone for the company ("Meridian said"); "" where that word may be
    anything else: a place, a country's word, a given name, a generic word; and "" for a
    national branch ("Veltrix Ireland Ltd", "Veltrix Deutschland GmbH": "Veltrix" alone is
    the group, not its Irish company)."""
    words = name.split()
    last = names.fold(words[-1]).replace(" ", "") if words else ""
    if len(words) < 2 or not (
        last in lexicon.company_words() or names.without_legal_form(name) != name
    ):
        return ""
    first = words[0]
    key = names.fold(first)
    if (
        not first[:1].isupper()
        or not first.isalpha()
        or key in lexicon.given_names()
        or key in lexicon.org_heads() | lexicon.company_words()
        or names.find_place(first) is not None
        or names.is_qualifier(first)
        or any(names.find_place(w) or names.is_qualifier(w) for w in words[1:])
    ):
        return ""
    return key


def without_body_noun(m: Mention) -> str:
    """A body's name without its legal form ("X Inc") or a lowercase body's noun ending it
    ("X party")."""
    words = m.text.split()
    if len(words) > 1 and words[-1] in lexicon.org_heads():
        return " ".join(words[:-1])
    return names.without_legal_form(m.text)


def before_body_noun(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "the X party", "the X movement": a name (no known place) modifying a lowercase
    noun that heads bodies' names (kg/data/org_heads.txt), save the bodies every town has
    ("Denver police", "a Denver office": where they are; kg/data/local_body_nouns.txt)."""
    return _modifies(m, tokens, _name_heads()) and names.find_place(m.text) is None


@lru_cache(maxsize=1)
def body_heads() -> frozenset[str]:
    """Nouns that describe a company or another body ("X, the largest U.S. bank,")."""
    return lexicon.company_nouns() | lexicon.body_nouns()


@lru_cache(maxsize=1)
def _name_heads() -> frozenset[str]:
    return lexicon.org_heads() - frozenset(lexicon.read_lines("local_body_nouns.txt"))


def predicated_type(m: Mention, tokens: Sequence[Token]) -> EntityType | None:
    """ "X became the third-largest party", "X is a small town": what the subject of "be",
    "become" or "remain" is, by the noun heading its complement, a body's or a place's
    (kg/data/org_heads.txt, place_nouns.txt)."""
    head = tokens[m.end_token - 1]
    if head.dep != "nsubj" or tokens[head.head].lemma.lower() not in _COPULAS:
        return None
    verb = head.head
    for t in tokens[verb + 1 : verb + 12]:
        if t.head == verb and t.dep in {"attr", "oprd"} and t.pos == "NOUN":
            word = t.text.lower()
            if word in lexicon.org_heads():
                return "Organisation"
            return "Place" if word in lexicon.place_nouns() else None
    return None


_COPULAS = frozenset({"be", "become", "remain"})


def after_people_title(tokens: Sequence[Token], i: int) -> bool:
    """Whether token i comes right after a title only people bear, capitalised as a title
    is ("Mr MacFarlane said", "Sen. Kade", "Sheriff X": kg/data/name_titles.txt)."""
    k = i - 1 if i > 0 and tokens[i - 1].text != "." else i - 2
    if k < 0 or not tokens[k].text[:1].isupper():
        return False
    return tokens[k].text.lower().rstrip(".") in lexicon.name_titles()


def before_leader_noun(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "the X administration", "the X campaign": one name (no known place) modifying a
    lowercase noun for what a person leads (kg/data/leader_nouns.txt)."""
    return (
        m.end_token - m.start == 1
        and _modifies(m, tokens, lexicon.leader_nouns())
        and names.find_place(m.text) is None
    )


_WHERE = frozenset({"in", "at", "near", "inside", "outside", "around", "into", "across"})
_WHITHER = frozenset({"to", "from", "toward", "towards"})  # after a verb of going
# "the people of X", "the streets of X", "the mayor of X"
_OF_PLACE = frozenset(
    {"people", "resident", "citizen", "street", "outskirt", "centre", "center", "mayor"}
)
_GOING = frozenset(
    {"travel", "go", "head", "return", "fly", "move", "come", "drive", "arrive", "flee", "deploy"}
)


def told_the(m: Mention, tokens: Sequence[Token]) -> bool:
    """A one-word "person" someone tells, after a lowercase "the" ("told the Standard"),
    not a plural (a team's: "the Jays")."""
    return (
        m.type == "Person"
        and m.end_token - m.start == 1
        and m.start >= 2
        and tokens[m.start - 1].text == "the"
        and tokens[m.start - 2].lemma.lower() == "tell"
        and not m.text.endswith("s")
    )


def placed(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "in X", "travels to X", "the X district": a place NER found as the object of a
    preposition of place (not "met with X": NER's place may be a person there) or on a
    place noun; any name the text sets in its region or country (`before_its_region`)."""
    if not tokens:
        return False
    if before_its_region(m, tokens):
        return True
    if m.type != "Place":
        return False
    last = tokens[m.end_token - 1]
    if last.dep == "pobj":
        prep = tokens[last.head]
        word = prep.text.lower()
        lemma = tokens[prep.head].lemma.lower()
        if (
            (word in _WHERE and not holding_in(tokens, prep.i))
            or (word in _WHITHER and lemma in _GOING)
            or (word == "of" and (lemma in _OF_PLACE or lemma in lexicon.place_nouns()))
        ):
            return True
    return before_place_noun(m, tokens)


# What may follow "X, <region>" when the region places X ("Austin, Texas, where"; "Austin,
# Texas." "JACKSON, Calif. (CP) -"): punctuation, or a word in lower case.
_AFTER_REGION = frozenset({",", ".", ";", ":", "(", ")", "-", "--", "\u2013", "\u2014"})


def holding_in(tokens: Sequence[Token], k: int) -> bool:
    """Whether token k is the "in" of a stake or an investment in something ("a 4.5% stake
    in Halbrook", "shares in X"): a company's name after it, as often as a place's."""
    if k <= 0 or tokens[k].text.lower() != "in":
        return False
    return tokens[tokens[k].head].lemma.lower() in _HOLDINGS or tokens[k - 1].lemma in _HOLDINGS


_HOLDINGS = frozenset({"stake", "investment", "shareholding", "holding", "share", "interest"})


def before_its_region(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "Austin, Texas", "reporting from Harlan, Ky.", "Jackson, Calif. -": a name, a comma,
    and a region or country the gazetteer knows, set off ("Austin, Texas's senator" and
    "Austin, Ohio Republican" are no such, nor a region's postal code: "Ana Ruiz, MD"); not
    a titled name or a person's full name ("Sens. Ana Ruiz, Texas, and ...": her state)."""
    k = m.end_token
    if m.title or (m.type == "Person" and " " in m.text):
        return False
    if k + 1 >= len(tokens) or tokens[k].text != "," or tokens[k].sent != m.sentence:
        return False
    for n in (1, 2, 3):
        end = k + 1 + n
        words = tokens[k + 1 : end]
        if len(words) < n or not words[0].text[:1].isupper():
            return False
        written = " ".join(t.text for t in words)
        place = names.find_place(written)
        if place is None or place.kind not in {"region", "country"}:
            continue
        if place.kind == "region" and written.isupper() and "." not in written:
            return False  # a postal code is a degree as well: "Ana Ruiz, MD, a physician"
        after = tokens[end] if end < len(tokens) else None
        return (
            after is None
            or after.sent != m.sentence
            or after.text in _AFTER_REGION
            or not after.text.strip()
            or after.text[:1].islower()
        ) and names.fold(place.name) != names.fold(m.text)
    return False


def before_place_noun(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "X province", "the X region": a name heading no noun but a lowercase place noun."""
    return _modifies(m, tokens, lexicon.place_nouns())


def _modifies(m: Mention, tokens: Sequence[Token], nouns: frozenset[str]) -> bool:
    """Whether a mention is a compound on the lowercase noun right after it, one of `nouns`."""
    k = m.end_token
    return (
        k < len(tokens)
        and tokens[k].text in nouns
        and tokens[k - 1].head == k
        and tokens[k - 1].dep == "compound"
    )


def named_like_a_person(m: Mention, alone: set[str]) -> bool:
    """Whether an organisation NER typed is a person's full name: two capitalised words
    whose last the text also uses alone ("Marcus Hill ... Hill faces three counts"), as news
    calls people, not bodies, by the last word of their name; not a known organisation or
    place, nor one ending in an organisation's noun or legal form, nor one opening with a
    place or a country's word ("Swiss Telekom ... Telekom")."""
    words = m.text.split()
    if m.type != "Organisation" or len(words) != 2:
        return False
    if not all(w.isalpha() and w.istitle() for w in words):
        return False
    last = names.fold(words[1])
    return (
        last in alone
        and last not in lexicon.org_heads()
        and names.without_legal_form(m.text) == m.text
        and names.find_organisation(m.text) is None
        and names.find_place(m.text) is None
        and names.find_place(words[0]) is None
        and not names.is_qualifier(words[0])
        and words[0].lower() not in lexicon.demonyms()
    )


def may_be_person(m: Mention, org_words: frozenset[str] = frozenset()) -> bool:
    """Whether a name mention may be a person's (partial) name: a one-word name that NER
    typed otherwise may be a surname it mistook ("Zelenskiy" tagged ORG), unless the
    gazetteer knows it as a place ("Jordan") or the text names an organisation that starts
    with it ("Norvale" beside "Norvale Motor Company")."""
    if m.type == "Person":
        return True
    words = m.text.split()
    if len(words) == 2 and is_name_particle(words[0]) and words[1][:1].isupper():
        return names.find_place(m.text) is None  # "Le Pen", "De Niro": a particle surname
    if m.type == "Weapon" or names.is_acronym(m.text) or len(words) != 1:
        return False
    return names.find_place(m.text) is None and names.fold(m.text) not in org_words

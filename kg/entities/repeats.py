"""Names the statistical NER tagged once in a document but missed where they come again.

The small English model finds "Donald Trump" and misses "Trump spoke ..." two sentences on,
or finds "Pompeo" in one sentence and not in the next. A reader takes every occurrence of a
name the text uses as that name: a run of capitalised proper-noun tokens that spells a name
tagged elsewhere in the same document (`names_again`; a company's first word alone too,
"Meridian" of "Meridian Health Partners"), or the surname of a person the
document names in full (also where the tagger read it as a common noun, "Pence later
said", when it heads a phrase of its own), is a mention of the same type, unless it is
part of a longer name ("Trump Tower") or under a label NER gave (a date: "in May"; a name
the nlp stage dropped), save a person's surname under a label no mention holds ("Han
said", labelled a nationality), unless a family noun or a place noun follows ("the X
family", "the X district"); a person's wherever a title only people bears comes before it
("Sheriff X", where the text's X is a town).
One to three such words right after a title that only people bear (kg/data/name_titles.txt;
one word no body's head word nor title: "Mr Han", not "Justice Department"), or two or
three after any title when the first is a known given name ("Chief Executive Sam Voss"),
are a person's name NER missed ("Governor Ana Ruiz said ..."). So are, as proper nouns or nouns
heading a phrase of their own: the first given name of a full name the text gave before
("Tarcisio said" after "Tarcisio de Freitas"), and a lone proper noun under no label that
is the subject of a verb of saying ("Tedros told reporters ..."), or two or three of them
opening with a known given name or after a noun for a person ("Ana Ruiz said ...", "...
said Ana Ruiz", "dad X Y said"), or set off by commas beside such a subject that is a role
("The mayor of X, X Y, said").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import lru_cache

from kg.core import lexicon
from kg.core.model import EntityType, Mention, Token
from kg.entities.headline_cuts import title_case_line
from kg.entities.name_evidence import after_people_title, company_brand
from kg.entities.names import find_organisation, find_place
from kg.entities.person_names import person_name, title_before

__all__ = ["names_again"]

_NAME_TYPES = frozenset({"Person", "Organisation", "Place"})
_LONGEST = 4  # tokens of the longest name looked for again


def names_again(
    mentions: Sequence[Mention], tokens: Sequence[Token], text: str, doc_id: str = ""
) -> list[Mention]:
    """The mentions, with the occurrences of their names NER missed added (in text order),
    and the names NER missed right after a title that only people bear."""
    names = [m for m in mentions if m.type in _NAME_TYPES and m.antecedent is None]
    spelled: dict[tuple[str, ...], Mention] = {}
    for m in names:
        if m.end_token - m.start <= _LONGEST:
            spelled.setdefault(tuple(t.text for t in tokens[m.start : m.end_token]), m)
    places = {m.text for m in names if m.type == "Place"}
    for m in names:  # a company's first word alone is the company ("Meridian said")
        if (
            m.type == "Organisation"
            and company_brand(m.text)
            and tokens[m.start].text not in places
        ):
            spelled.setdefault((tokens[m.start].text,), m)
    surnames: dict[str, Mention] = {}
    for m in names:  # of a name of any length ("Abdel Fattah al-Sisi": five tokens)
        if m.type == "Person" and m.end_token - m.start >= 2:
            name = person_name(m.text)
            if name.given and " " not in name.surname:
                surnames.setdefault(name.surname, m)
    # a hyphenated surname again ("Obi-Adeyemi said", which NER left out)
    hyphened = {m.text.split()[-1]: m for m in names if _double_barrelled(m)}
    # the first given name of each full name, where first met ("Tarcisio" of "Tarcisio de
    # Freitas"): news calls some people by it ("Tarcisio said"), which NER may miss
    firsts: dict[str, Mention] = {}
    for m in names:
        if m.type == "Person" and m.end_token - m.start >= 2 and person_name(m.text).given:
            firsts.setdefault(tokens[m.start].text, m)
    covered = bytearray(len(tokens) + 1)
    for m in mentions:
        covered[m.start : m.end_token] = b"\x01" * max(0, m.end_token - m.start)
    added: list[Mention] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].text
        if not (word[:1].isupper() or word.istitle()):
            i += 1  # every name the finders below take opens with a capital
            continue
        found = _name_at(i, tokens, covered, spelled, surnames)
        if hyphened and i + 2 < len(tokens) and tokens[i + 1].text == "-":
            whole = "".join(t.text for t in tokens[i : i + 3])
            if whole in hyphened and not any(covered[i : i + 3]):
                found = (i + 3, hyphened[whole], "Person")
        if found is None and (first := firsts.get(tokens[i].text)) is not None:
            found = _given_name_at(i, tokens, covered, first, text)
        if found is None and doc_id:
            found = _speaker_at(i, tokens, covered, doc_id, text) or _named_speaker_at(
                i, tokens, covered, doc_id, text
            )
        if found is None and doc_id:
            found = _titled_name_at(i, tokens, covered, doc_id, text)
        if found is None:
            i += 1
            continue
        end, source, etype = found
        if etype != "Person" and after_people_title(tokens, i):
            etype = "Person"  # "Sheriff X", where the text's X is also a town
        begin_char, end_char = tokens[i].begin, tokens[end - 1].end
        added.append(
            dataclasses.replace(
                source,
                begin=begin_char,
                end=end_char,
                text=text[begin_char:end_char],
                type=etype,
                sentence=tokens[i].sent,
                start=i,
                end_token=end,
                title=title_before(tokens, i, text) if etype == "Person" else "",
                kb_id=source.kb_id if etype == source.type else "",
            )
        )
        covered[i:end] = b"\x01" * (end - i)
        i = end
    if not added:
        return list(mentions)
    return sorted([*mentions, *added], key=lambda m: (m.begin, m.end))


def _name_at(
    i: int,
    tokens: Sequence[Token],
    covered: bytearray,
    spelled: dict[tuple[str, ...], Mention],
    surnames: dict[str, Mention],
) -> tuple[int, Mention, EntityType] | None:
    """The end, source mention and type of a name starting at token i, or None."""
    if _name_word_before(tokens, i):
        return None
    t = tokens[i]
    if t.ent_type and _is_name_word(t) and not covered[i]:
        # a surname under a label no mention holds: one the nlp stage drops ("Han said": a
        # nationality) or that was cut from a longer name; not a family's ("the X family")
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        person = surnames.get(person_name(t.text).surname)
        if person is not None and not (
            after is not None
            and (
                _is_name_word(after)
                or after.text in lexicon.family_nouns()
                or after.text in lexicon.place_nouns()  # "the X district": a place's
                or after.text == "/"
            )
        ):
            return i + 1, person, "Person"
    if not _is_free_name_word(t, covered):
        return _surname_tagged_noun(i, tokens, covered, surnames, spelled)
    end = i
    while end < len(tokens) and end - i < _LONGEST and _is_free_name_word(tokens[end], covered):
        end += 1
    if end < len(tokens) and _is_name_word(tokens[end]):
        return None  # part of a longer name ("Trump Tower"), or one NER took in part
    words = tuple(t.text for t in tokens[i:end])
    source = spelled.get(words)
    if source is not None:
        return end, source, source.type
    if end - i == 1:
        person = surnames.get(person_name(tokens[i].text).surname)
        if person is not None:
            return end, person, "Person"
    return None


def _given_name_at(
    i: int, tokens: Sequence[Token], covered: bytearray, full: Mention, text: str
) -> tuple[int, Mention, EntityType] | None:
    """A full name's first given name alone, after it, as a proper noun of its own ("Tarcisio
    said"): a mention of that person (kg.entities.surnames decides which bearer)."""
    t = tokens[i]
    if full.begin >= t.begin or covered[i] or t.ent_type or not t.text.isalpha():
        return None
    # the tagger reads an unfamiliar name as a capitalised noun too ("Tarcisio said")
    if not t.text.istitle() or t.pos not in {"PROPN", "NOUN"} or t.dep in _MODIFIER_DEPS:
        return None
    return (i + 1, full, "Person") if _stands_alone(i, tokens, text) else None


def _speaker_at(
    i: int, tokens: Sequence[Token], covered: bytearray, doc_id: str, text: str
) -> tuple[int, Mention, EntityType] | None:
    """A lone proper noun NER left unlabelled as the subject of a verb of saying ("Tedros
    told reporters ..."): a person's name, most likely; without it the claim has no source."""
    t = tokens[i]
    if covered[i] or t.ent_type or t.pos != "PROPN" or not (t.text.isalpha() and t.text.istitle()):
        return None
    if t.dep != "nsubj" or tokens[t.head].lemma.lower() not in _speech_verbs():
        return None
    if not _stands_alone(i, tokens, text):
        return None
    word = t.text.lower()
    if word in _common_nouns() or (word.endswith("s") and word[:-1] in _common_nouns()):
        return None  # "Jurors found ...": a noun for people, capitalised to open the sentence
    if word in lexicon.titles():
        return None  # "Special Agent in Charge X said": a title, its bearer named after it
    found = Mention(doc_id, t.begin, t.end, t.text, "Person", t.sent, i, i + 1, label="PERSON")
    return i + 1, found, "Person"


def _named_speaker_at(
    i: int, tokens: Sequence[Token], covered: bytearray, doc_id: str, text: str
) -> tuple[int, Mention, EntityType] | None:
    """Two or three proper nouns NER left unlabelled, a known given name first or a noun for
    a person before them ("dad X Y said"), that are the subject of a verb of saying ("Ana
    Ruiz said ...", "... said Ana Ruiz"), or set off by commas beside a subject that is a
    role ("The mayor of X, Ana Ruiz, said"): a person."""
    t = tokens[i]
    if _name_word_before(tokens, i):
        return None
    end = i
    while end < len(tokens) and end - i < 3 and _is_free_name_word(tokens[end], covered):
        end += 1
    if end - i < 2 or (end < len(tokens) and _is_name_word(tokens[end])):
        return None
    last = tokens[end - 1]
    if last.dep == "nsubj" and (
        t.text.lower() in lexicon.given_names() or _after_person_noun(tokens, i)
    ):
        verb = tokens[last.head]
    elif _beside_role(tokens, i, end):
        verb = tokens[tokens[_subject_of(tokens, last.head)].head]
    else:
        return None
    if verb.lemma.lower() not in _speech_verbs():
        return None
    if any(tokens[k].head != end - 1 for k in range(i, end - 1)):
        return None  # not one name: the words before the last are its compounds
    if not all(w.text.isalpha() and w.text.istitle() for w in tokens[i:end]):
        return None
    if last.text.lower() in lexicon.org_heads() | lexicon.company_words():
        return None  # "Stanley Hospital said": a body's name
    words = " ".join(w.text for w in tokens[i:end])
    if title_case_line(text, t.begin, {}) or find_organisation(words) or find_place(words):
        return None
    found = Mention(doc_id, t.begin, last.end, words, "Person", t.sent, i, end, label="PERSON")
    return end, found, "Person"


def _after_person_noun(tokens: Sequence[Token], i: int) -> bool:
    """Whether a lowercase noun for a person stands right before token i ("dad X Y said")."""
    before = tokens[i - 1] if i else None
    return (
        before is not None
        and before.pos == "NOUN"
        and before.text in lexicon.role_nouns() | _person_nouns()
    )


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    return frozenset(lexicon.read_lines("person_nouns.txt"))


def _beside_role(tokens: Sequence[Token], i: int, end: int) -> bool:
    """Whether tokens [i, end) are set off by commas in apposition within a subject whose
    head is a role ("The mayor of Marathon, X Y, said": the parser hangs X Y on the
    place)."""
    if i == 0 or end >= len(tokens) or tokens[i - 1].text != "," or tokens[end].text != ",":
        return False
    if tokens[end - 1].dep != "appos":
        return False
    subject = tokens[_subject_of(tokens, tokens[end - 1].head)]
    return subject.dep == "nsubj" and subject.lemma.lower() in lexicon.role_nouns()


def _subject_of(tokens: Sequence[Token], k: int) -> int:
    """The token a chain of prepositional phrases hangs from (k itself if none)."""
    for _ in range(4):
        if tokens[k].dep not in {"pobj", "prep"}:
            break
        k = tokens[k].head
    return k


def _double_barrelled(m: Mention) -> bool:
    """A person's full name ending in a hyphenated surname ("Ikenna Obi-Adeyemi")."""
    last = m.text.split()[-1] if m.type == "Person" and " " in m.text else ""
    return last.count("-") == 1 and all(part.istitle() for part in last.split("-"))


def _stands_alone(i: int, tokens: Sequence[Token], text: str) -> bool:
    """Whether word i is a name of its own: no name word beside it, no article before it,
    not in a line of capitalised words, no place or body the lexicon knows."""
    t = tokens[i]
    if _name_word_before(tokens, i) or (i + 1 < len(tokens) and _is_name_word(tokens[i + 1])):
        return False
    if (i and tokens[i - 1].pos == "DET") or title_case_line(text, t.begin, {}):
        return False
    return find_place(t.text) is None and find_organisation(t.text) is None


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    """The reporting verbs that take what was said (kg/data/reporting_verbs.tsv)."""
    rows = (line.split("\t") for line in lexicon.read_lines("reporting_verbs.tsv"))
    return frozenset(r[0] for r in rows if len(r) > 3 and r[3] in _SAYING)


_SAYING = frozenset({"clause", "directive", "both"})


@lru_cache(maxsize=1)
def _common_nouns() -> frozenset[str]:
    """Nouns for people and bodies (kg/data/person_nouns.txt, role_nouns.txt, org_heads.txt,
    agent_nouns.txt): never a name however capitalised."""
    files = ("person_nouns.txt", "agent_nouns.txt")
    words = {w.lower() for name in files for w in lexicon.read_lines(name)}
    return frozenset(words | lexicon.role_nouns() | lexicon.org_heads())


# Dependencies of a noun that modifies another ("Rice prices", "Bush fires").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})


def _surname_tagged_noun(
    i: int,
    tokens: Sequence[Token],
    covered: bytearray,
    surnames: dict[str, Mention],
    spelled: dict[tuple[str, ...], Mention],
) -> tuple[int, Mention, EntityType] | None:
    """The surname of a person the document names in full, or a one-word name it gives a
    person's title elsewhere ("President Trump"), which the tagger read as a capitalised noun
    ("Pence later said": "pence", the plural of "penny"; "Trump tells ..." in a headline):
    a mention of that person, when it heads a noun phrase of its own (no article before
    it, modifying no noun: "Rice prices" stays)."""
    t = tokens[i]
    if covered[i] or t.ent_type or t.pos != "NOUN" or not t.text.istitle():
        return None
    if t.dep in _MODIFIER_DEPS or (i and tokens[i - 1].pos == "DET"):
        return None
    if i + 1 < len(tokens) and _is_name_word(tokens[i + 1]):
        return None
    person = surnames.get(person_name(t.text).surname)
    if person is None and (alone := spelled.get((t.text,))) is not None:
        person = alone if alone.type == "Person" and alone.title else None
    return (i + 1, person, "Person") if person is not None else None


def _titled_name_at(
    i: int, tokens: Sequence[Token], covered: bytearray, doc_id: str, text: str
) -> tuple[int, Mention, EntityType] | None:
    """A person's name NER missed after a title only people bear: "Governor Ana Ruiz said"."""
    if i == 0 or not tokens[i - 1].text[:1].isupper():
        return None
    title = tokens[i - 1].text.lower().rstrip(".")
    if tokens[i].text.lower() in lexicon.titles():
        return None  # "Lieutenant Governor X": the title goes on
    # a title that may open other names too, before a given name: "Chief Executive Sam X",
    # "Secretary of State Ana X"; the name under whatever miscellaneous label NER put on
    # the run ("OpenAI Chief Executive ...", "Mr Han" a nationality)
    given = tokens[i].text.lower() in lexicon.given_names() and (
        title in lexicon.titles() or title_before(tokens, i, text) != ""
    )
    if title not in lexicon.name_titles() and not given:
        return None
    end = i
    while (
        end < len(tokens)
        and end - i < 3
        and (
            _is_free_name_word(tokens[end], covered)
            or (not covered[end] and tokens[end].ent_type in _MISC_LABELS)
        )
        and _is_name_word(tokens[end])
    ):
        end += 1
    if end < len(tokens) and _is_name_word(tokens[end]):
        return None
    # one word is a name after a title ("Mr Han", "Prime Minister Han") unless it may be a
    # word of a body's name or another title ("Justice Department", "Governor General")
    lone = tokens[i].text.lower()
    if end - i < 1 or (
        end - i == 1 and (lone in lexicon.org_heads() or lone in lexicon.titles() or given)
    ):
        return None
    if not all(t.text.isalpha() and t.text.istitle() for t in tokens[i:end]):
        return None
    if title_case_line(text, tokens[i].begin, {}):
        return None  # "Judge Frees Two Brothers": in a headline every word is capitalised
    words = " ".join(t.text for t in tokens[i:end])
    if find_place(words) is not None or find_organisation(words) is not None:
        return None
    begin, stop = tokens[i].begin, tokens[end - 1].end
    found = Mention(
        doc_id, begin, stop, text[begin:stop], "Person", tokens[i].sent, i, end, label="PERSON"
    )
    return end, found, "Person"


# NER labels a person's name is at times mistaken for, which the nlp stage drops.
_MISC_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "NORP"})


def _is_name_word(t: Token) -> bool:
    return t.text[:1].isupper() and t.pos == "PROPN"


def _is_free_name_word(t: Token, covered: bytearray) -> bool:
    """A name's word in no mention and under no NER label at all: what NER labelled and
    the nlp stage then dropped (a wire marker, a credit) stays dropped."""
    return _is_name_word(t) and not covered[t.i] and not t.ent_type


def _name_word_before(tokens: Sequence[Token], i: int) -> bool:
    """Whether a capitalised proper noun that is no title comes right before token i."""
    if i == 0:
        return False
    before = tokens[i - 1]
    return _is_name_word(before) and before.text.lower().rstrip(".") not in lexicon.titles()

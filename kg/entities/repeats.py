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
("Sheriff X", where the text's X is a town). So is the first given name of a full name the
text gave before, as a proper noun or a noun heading a phrase of its own ("Tarcisio said"
after "Tarcisio de Freitas"). This module also looks for the names NER left unlabelled
altogether, found by what stands around them: a verb of saying, a title, a surname of the
text (kg.entities.unlabelled_names).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import EntityType, Mention, Token
from kg.entities.name_evidence import after_people_title, company_brand
from kg.entities.person_names import person_name, title_before
from kg.entities.unlabelled_names import (
    family_name_at,
    is_free_name_word,
    is_name_word,
    name_word_before,
    named_speaker_at,
    speaker_at,
    stands_alone,
    titled_name_at,
)

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
    # the surnames the text's people bear, in full or under a title ("Ms. X"): a word before one
    # of them that NER left out is a relative's given name ("Ivanka X")
    family = {
        name.surname
        for m in names
        if m.type == "Person"
        and (name := person_name(m.text)).surname
        and " " not in name.surname
        and (name.given or m.title)
    }
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
            found = speaker_at(i, tokens, covered, doc_id, text) or named_speaker_at(
                i, tokens, covered, doc_id, text
            )
        if found is None and doc_id:
            found = titled_name_at(i, tokens, covered, doc_id, text)
        if found is None and doc_id and family:
            found = family_name_at(i, tokens, covered, family, doc_id, text)
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
    if name_word_before(tokens, i):
        return None
    t = tokens[i]
    if t.ent_type and is_name_word(t) and not covered[i]:
        # a surname under a label no mention holds: one the nlp stage drops ("Han said": a
        # nationality) or that was cut from a longer name; not a family's ("the X family")
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        person = surnames.get(person_name(t.text).surname)
        if person is not None and not (
            after is not None
            and (
                is_name_word(after)
                or after.text in lexicon.family_nouns()
                or after.text in lexicon.place_nouns()  # "the X district": a place's
                or after.text == "/"
            )
        ):
            return i + 1, person, "Person"
    if not is_free_name_word(t, covered):
        return _surname_tagged_noun(i, tokens, covered, surnames, spelled)
    end = i
    while end < len(tokens) and end - i < _LONGEST and is_free_name_word(tokens[end], covered):
        end += 1
    if end < len(tokens) and is_name_word(tokens[end]):
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
    return (i + 1, full, "Person") if stands_alone(i, tokens, text) else None


def _double_barrelled(m: Mention) -> bool:
    """A person's full name ending in a hyphenated surname ("Ikenna Obi-Adeyemi")."""
    last = m.text.split()[-1] if m.type == "Person" and " " in m.text else ""
    return last.count("-") == 1 and all(part.istitle() for part in last.split("-"))


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
    if i + 1 < len(tokens) and is_name_word(tokens[i + 1]):
        return None
    person = surnames.get(person_name(t.text).surname)
    if person is None and (alone := spelled.get((t.text,))) is not None:
        person = alone if alone.type == "Person" and alone.title else None
    return (i + 1, person, "Person") if person is not None else None

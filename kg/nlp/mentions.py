"""Mentions from spaCy's entity spans (`mention_of`): titles, articles and possessives
trimmed, what is no name dropped, a span NER ran across a line break or into a place cut.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kg.core import lexicon
from kg.core.model import Document, EntityType, Mention
from kg.nlp.name_edges import (
    name_end,
    opens_paragraph_name,
    post_nominal_alone,
    post_nominal_end,
    ranked_name,
    with_surname_after,
)
from kg.nlp.weapons import ruler as _weapons

__all__ = ["LABEL_TYPES", "is_skipped", "mention_of", "outermost"]

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    _weapons.WEAPON_LABEL: "Weapon",
}

_COURTESY = {"mr", "mrs", "ms", "madame", "mme", "monsieur"}  # titles of no one's office
_LEADING_DROP = {"the", "a", "an", "'s", "’s", "former", "late"}


def mention_of(ent: SpacySpan, document: Document, sent_of: list[int]) -> Mention | None:
    """Make a Mention of an entity span, trimming titles, articles and possessives.

    Also drops what is no name (a demonym alone, "GMT", photo credits "Name/Agency"), keeps
    only the line holding the span's head when NER ran across a line break, and extends a
    place by a region word after it ("Donetsk region" is not the city).
    """
    etype = LABEL_TYPES.get(ent.label_)
    if etype is None:
        return None
    start, end = ent.start, ent.end
    doc = ent.doc
    if "\n" in ent.text:
        # NER ran across a line break: keep the line that holds the span's head.
        lines: list[tuple[int, int]] = []
        first = ent.start
        for tok in ent:
            if "\n" in tok.text or "\n" in tok.whitespace_:
                lines.append((first, tok.i if "\n" in tok.text else tok.i + 1))
                first = tok.i + 1
        lines.append((first, ent.end))
        start, end = next(
            ((a, b) for a, b in lines if a <= ent.root.i < b),
            max(lines, key=lambda ab: ab[1] - ab[0]),
        )
    if etype != "Weapon":
        if post_nominal_alone(doc, start, end):
            return None  # "[Helena Marsh] [KC]": NER's body is the letters after her name
        if (cut := post_nominal_end(doc, start, end)) is not None:
            end, etype = cut, "Person"  # "Helena Marsh KC", typed a body for its "KC"
    titles, leading = lexicon.titles(), lexicon.titles_and_remits()
    if etype in {"Organisation", "Place"} and (named := _titled_of_place(doc, start, end)):
        start, end, etype = *named, "Person"  # "Rep. Ji-hoon [Baek of California]"
    if end - start == 1 and etype != "Person" and _title_word(doc, start) and _title_word(doc, end):
        return None  # "[Brig.] Gen. X": a title before another is no name
    if (
        etype in {"Organisation", "Place"}
        and 2 <= end - start <= 4
        and (doc[start].text.isupper() or doc[start].lower_.rstrip(".") in _COURTESY)
        and doc[start].lower_.rstrip(".") in lexicon.name_titles()
        and all(t.is_title for t in doc[start + 1 : end])
    ):
        etype = "Person"  # "CTO Ana Ruiz", "Madame X": a title only people bear, and a name
    elif etype in {"Organisation", "Place"} and ranked_name(doc, start, end):
        etype = "Person"  # "Air Marshal A.K. Dutt", "Vice Admiral Ana Ruiz"
    elif etype == "Person" and doc[start].lower_ in lexicon.OPENING_TITLES and end - start > 1:
        etype = "Organisation" if not _title_word(doc, start + 1) else etype  # "Air Busan"
    elif etype in {"Organisation", "Place"} and (given := _titled_name_inside(doc, start, end)):
        start, etype = given, "Person"  # "[Republican Assembly Speaker Curtis Wendt]"
    if etype != "Weapon":
        while start < end and doc[start].lower_ in _LEADING_DROP:
            start += 1
        while start < end - 1 and doc[start].is_sent_start and doc[start].tag_ == "IN":
            start += 1  # "Inside al-Fashir, ...": the sentence's preposition, capitalised
        if etype == "Person":  # titles, and a remit NER ran in ("Minister of Foreign [Affairs X]")
            while start < end - 1 and doc[start].lower_.rstrip(".") in leading:
                start += 1
            # A capitalised role noun opening the sentence is no name: "Historian Jon Smith".
            while (
                start < end - 2
                and doc[start].is_title
                and doc[start].lower_ in lexicon.role_nouns()
                and doc[start].lower_ not in lexicon.surnames_first()
            ):
                start += 1
            # NER often leaves an unfamiliar given name out ("Governor Oleksii [Hrytsenko]").
            while (
                start > ent.start - 2
                and start > 0
                and doc[start - 1].pos_ == "PROPN"
                and doc[start - 1].is_title
                and not doc[start - 1].ent_type_
                and doc[start - 1].whitespace_
                and doc[start - 1].lower_.rstrip(".") not in leading
                and doc[start - 1].lower_ not in lexicon.qualifier_country()
                and (not doc[start - 1].is_sent_start or opens_paragraph_name(doc, start, end))
            ):
                start -= 1
            end = with_surname_after(doc, start, end)
        end = name_end(doc, start, end)
        if (
            etype == "Place"
            and start < end < len(doc)
            and doc[end].lower_ in lexicon.region_words()
            and doc[end - 1].whitespace_ == " "
            and (doc[end].is_lower or doc[end].is_title)
        ):
            end += 1
    if start >= end or (
        etype != "Weapon"
        and (end - start > 1 or (start > ent.start and doc[start - 1].lower_ in titles))
        and all(t.lower_.rstrip(".") in titles for t in doc[start:end])
    ):
        return None  # "Rear Adm.", "Sqn Ldr": titles with no name in them ("the Pope" stays)
    if (
        etype != "Person"
        and end - start == 1
        and doc[start].lower_.rstrip(".") in lexicon.name_titles()
    ):
        k = end + (end < len(doc) and doc[end].text == ".")
        if k < len(doc) and doc[k].is_title and doc[k].pos_ == "PROPN":
            return None  # "Smt. [Rayapati]": a title NER took for a body, before a name
    span = doc[start:end]
    text = span.text
    end_char = span.end_char
    if etype != "Weapon" and len(text) > 2 and text[-2:] in ("'s", "’s") and text[-3].isalpha():
        text, end_char = text[:-2], end_char - 2  # "Zelenskiy's" tokenised as one word
    if not any(c.isalpha() for c in text) or (
        etype != "Weapon" and not any(c.isupper() for c in text)
    ):
        return None
    if etype != "Weapon" and (
        text in lexicon.non_entities()  # "GMT", wire-copy markers
        or "/" in text  # photo credits "Name/Agency"
        or (etype != "Person" and text.lower() in lexicon.demonyms())  # "Ukrainian"
        or (etype == "Person" and any(c.isdigit() for c in text))  # "L-70", "FH-95": models
    ):
        return None
    title = _title_before(doc, start) if etype == "Person" else ""
    kb_id = ent.kb_id_ or (lexicon.place_qids().get(text, "") if etype == "Place" else "")
    return Mention(
        doc_id=document.id,
        begin=span.start_char,
        end=end_char,
        text=text,
        type=etype,
        sentence=sent_of[start],
        start=start,
        end_token=end,
        label=ent.label_,
        title=title,
        weapon_class=ent.id_ if etype == "Weapon" else "",
        kb_id=kb_id,
        weapon_system=_weapon_system(ent) if etype == "Weapon" else "",
    )


def _weapon_system(ent: SpacySpan) -> str:
    """Return the system the weapon ruler found the span to name ("" for a class)."""
    if not SpacySpan.has_extension(_weapons.SYSTEM_ATTR):
        return ""
    return str(ent._.get(_weapons.SYSTEM_ATTR) or "")


def outermost(mentions: Iterable[Mention]) -> tuple[Mention, ...]:
    """The mentions, less a person's inside a longer person's (NER's "Ji-hoon" of "Ji-hoon
    Baek", a name `_mention` took a given name into)."""
    found = tuple(mentions)
    inside: set[tuple[int, int]] = set()
    reach, reach_begin = -1, -1  # the furthest end of the spans begun so far, and its begin
    spans = {(m.begin, m.end) for m in found if m.type == "Person"}
    for begin, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if end < reach or (end == reach and reach_begin < begin):
            inside.add((begin, end))
        elif end > reach:
            reach, reach_begin = end, begin
    if not inside:
        return found
    return tuple(m for m in found if m.type != "Person" or (m.begin, m.end) not in inside)


def _titled_of_place(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """A titled name and its place that NER read as one body or place ("Rep. Ji-hoon [Baek
    of California]"): the name's tokens, with a hyphenated given name NER left out."""
    of = next((k for k in range(start + 1, end - 1) if doc[k].lower_ == "of"), None)
    if of is None or of - start > 2 or doc[of + 1 : end].text not in lexicon.place_qids():
        return None
    first = start
    if first >= 3 and doc[first - 2].text == "-" and doc[first - 3].is_title:
        first -= 3  # "Ji-hoon"
    return (first, of) if _title_before(doc, first) else None


def _titled_name_inside(doc: Doc, start: int, end: int) -> int | None:
    """Where a person's name starts in a body's name NER ran on through its title into the
    name ("Republican Assembly Speaker Curtis Wendt"): after a capitalised title word, two
    or three capitalised words that a known given name opens."""
    for k in range(start + 1, end - 2):
        rest = doc[k + 1 : end]
        if (
            _title_word(doc, k)
            and len(rest) <= 3
            and all(t.is_title and t.is_alpha for t in rest)
            and not any(t.lower_ in lexicon.org_heads() for t in rest)
            and lexicon.name_gender(rest[0].lower_)
        ):
            return k + 1
    return None


def _title_word(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].is_title and doc[i].lower_.rstrip(".") in lexicon.titles()


def _title_before(doc: Doc, start: int) -> str:
    """Return the run of title words right before token `start` ("Lt Gen", "President") in
    its sentence."""
    first = max(0, start - _TITLE_WORDS, doc[start].sent.start)
    if start > first and doc[start - 1].pos_ == "VERB":
        return ""  # "would judge X by": a verb, no title
    n = lexicon.title_length([t.lower_ for t in doc[first:start]])
    return doc[start - n : start].text if n else ""


_TITLE_WORDS = 8  # the longest run of title words read before a name


def is_skipped(document: Document, begin: int, end: int) -> bool:
    return any(b <= begin and end <= e for b, e in document.skipped)

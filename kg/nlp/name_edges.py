"""Where a name NER found begins and ends (kg.nlp.analyzer): a surname NER left out after a
lone given name, a given name it left out at a paragraph's start, a rank run into a name it
took for a body, and what trails a name that is no part of it (a possessive, the letters
after a name: "Helena Marsh KC")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg.core import lexicon

__all__ = [
    "name_end",
    "opens_paragraph_name",
    "post_nominal_alone",
    "post_nominal_end",
    "ranked_name",
    "with_surname_after",
]

_TRAILING_DROP = {"'s", "’s", "'", "’", ".", ",", "-", "–", "—"}


def name_end(doc: Doc, start: int, end: int) -> int:
    """The end of tokens [start, end) without a trailing possessive, full stop, comma or
    dash (a suffix's full stop is its token's: kg.nlp.analyzer keeps "Sr." whole)."""
    while end > start and doc[end - 1].text in _TRAILING_DROP:
        end -= 1
    return end


def post_nominal_end(doc: Doc, start: int, end: int) -> int | None:
    """The end of a name of two words or more without the letters in it or right after it
    ("Helena Marsh [KC]", "Ana Ruiz [OBE]": capitals kg/data/post_nominals.txt lists), or
    None where it has none."""
    cut = end
    while cut - start > 2 and _is_post_nominal(doc[cut - 1]):
        cut -= 1
    if cut < end:
        return cut
    if end - start >= 2 and end < len(doc) and _is_post_nominal(doc[end]):
        return end  # "[Helena Marsh] [KC]": NER's two spans
    return None


def post_nominal_alone(doc: Doc, start: int, end: int) -> bool:
    """ "KC" that NER tagged on its own right after a name."""
    return (
        end - start == 1
        and start > 0
        and _is_post_nominal(doc[start])
        and doc[start - 1].is_title
        and doc[start - 1].pos_ == "PROPN"
    )


def _is_post_nominal(token: Token) -> bool:
    return token.text.isupper() and token.lower_.rstrip(".") in lexicon.post_nominals()


def with_surname_after(doc: Doc, start: int, end: int) -> int:
    """ "his friend Mark [Judge]": the capitalised word NER left out after a lone given name
    is its surname, a title word too; not a word that heads a body's or a place's name
    ("Jordan [River]")."""
    if end - start != 1 or end >= len(doc) or doc[start].whitespace_ != " ":
        return end
    after = doc[end]
    if (
        doc[start].lower_ in lexicon.given_names()
        and after.pos_ == "PROPN"
        and after.is_title
        and not after.ent_type_
        and after.lower_ not in lexicon.org_heads() | lexicon.place_nouns() | lexicon.region_words()
    ):
        return end + 1
    return end


def opens_paragraph_name(doc: Doc, start: int, end: int) -> bool:
    """ "<break>Christine [Blasey Ford] told": a given name the lexicon knows opening a
    paragraph, which NER leaves out of a name of two words or more after it (not a role:
    "Journalist Ana Ruiz")."""
    word = doc[start - 1]
    return (
        end - start >= 2
        and word.tag_ == "NNP"
        and (word.i == 0 or "\n" in doc[word.i - 1].text or "\n" in doc[word.i - 1].whitespace_)
        and word.lower_ in lexicon.given_names()
    )


def ranked_name(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) are two or more title words (or one, a capitalised title
    word before them: "Attorney [General Ana X]") and then one to three capitalised words
    that name no body: a rank and a name, which NER took for an organisation ("Air Marshal
    A.K. Dutt")."""
    titles = lexicon.titles()
    n = 0
    while start + n < end - 1 and doc[start + n].lower_.rstrip(".") in titles:
        n += 1
    rest = doc[start + n : end]
    before = doc[start - 1] if start > 0 else None
    if n == 1 and before is not None and before.is_title and before.lower_.rstrip(".") in titles:
        n = 2
    return (
        n >= 2
        and len(rest) <= 3
        and all(_INITIALS.fullmatch(t.text) or (t.is_title and t.is_alpha) for t in rest)
        and not any(t.lower_ in lexicon.org_heads() for t in rest)
    )


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")

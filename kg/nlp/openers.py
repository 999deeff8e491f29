"""A spaCy component that leaves a gazetteer place opening a longer name to NER.

The entity ruler marks every gazetteer form before NER runs, and NER keeps what the ruler
marked: "New York Stock Exchange" came out as the place "New York" and "Quebec City" as
"Quebec", and "Port Sudan" as "Sudan". A place the ruler found right before another
capitalised word of the same line (not a title, a region word or a closing mark), or right
after a proper noun ("Port", "North" of "North Darfur"), is unmarked again, and NER, which
sees the whole name, decides ("New York Stock Exchange" an organisation, "Quebec City" and
"Port Sudan" places).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.core import lexicon

__all__ = ["leave_openers_to_ner"]


@Language.component("kg_place_openers", assigns=["doc.ents"])
def leave_openers_to_ner(doc: Doc) -> Doc:
    """Drop the ruler's places that open or close a longer capitalised name."""
    kept = []
    dropped = False
    for ent in doc.ents:
        if ent.label_ == "GPE" and (
            (_opens_a_name(doc, ent.end) and "\n" not in ent[-1].whitespace_)
            or _closes_a_name(doc, ent.start)
        ):
            dropped = True
            continue
        kept.append(ent)
    if dropped:
        doc.set_ents(kept, default="missing")
    return doc


def _opens_a_name(doc: Doc, end: int) -> bool:
    if end >= len(doc):
        return False
    nxt = doc[end]
    word = nxt.lower_.rstrip(".")
    last = doc[end - 1]
    return (
        nxt.is_alpha
        and nxt.is_title
        # a dateline's capitals ("KYIV Ukraine") run on; an abbreviation ("U.S. Embassy") opens
        and not (last.is_upper and last.is_alpha and len(last) > 2)
        and word not in lexicon.titles()
        and word not in lexicon.region_words()
        and word not in lexicon.role_nouns()
    )


def _closes_a_name(doc: Doc, start: int) -> bool:
    if start == 0:
        return False
    before = doc[start - 1]
    word = before.lower_.rstrip(".")
    return (
        before.is_alpha
        and before.is_title
        and before.tag_ in {"NNP", "NNPS"}
        and "\n" not in before.whitespace_
        and before.ent_type_ == ""
        and (word not in lexicon.titles() or word in lexicon.OPENING_TITLES)
        and word not in lexicon.region_words()
        and word not in lexicon.role_nouns()
    )

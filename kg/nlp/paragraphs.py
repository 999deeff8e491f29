"""A spaCy component that starts a sentence at every paragraph break, after a wire
dateline ("PORTO ALEGRE, Brazil (AP) - Floods have killed ...": the parser otherwise makes
the dateline's capitals the subject of the paragraph's first clause), and at a publication
date a flattened page runs its headline into ("Mill reports losses May 4, 2009 The Mill
Company said ...": the headline otherwise opens the first sentence; both in
kg.core.datelines). The date itself stays with the sentence after it, as a fronted phrase:
a boundary after it too made the model miss an unfamiliar given name that then opened the
sentence ("Jusman" of "Jusman Syafii Djamal").

Scraped news keeps headlines, subheadings and photo captions as lines of their own, with no
full stop. The parser then runs a heading into the paragraph below it ("Army faces backlash
<blank line> Ivan Petrov, the former commander, said ..."), and the heading's words swallow
the name that opens the paragraph. A blank line, or a line break after a sentence-final mark,
always ends a sentence in news text; the parser keeps boundaries set before it runs.

The statistical tagger, parser and NER read a token's NORM, shape, prefix and suffix, never
the text; a blank line gets a full stop's, so that they too see the heading end (with the
norm alone the small English model still missed the name opening the paragraph under a
heading: "... to buy Twitter <blank line> Elon Musk agreed"). The shape and affixes belong
to the vocabulary's entry of the blank line's whitespace, set once for each such string,
the same for every document. Text and offsets are untouched. The component runs first,
before the shared token-to-vector layer.

NER still runs an entity it opened on one line across a blank line, sentence boundary or
not ("Musk strikes deal to buy Twitter <blank line> Elon Musk agreed ...": one PRODUCT,
"Twitter Elon Musk", and no person). A second component, run right before NER, marks each
blank line's whitespace token as blocked: no entity holds it, so none crosses it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.core.datelines import dateline_end, headline_date

__all__ = ["block_blank_lines", "mark_paragraph_breaks"]

_BLANK_LINES = "kg_blank_lines"  # Doc.user_data key: the blank lines' token indices
_SENTENCE_END = frozenset('.!?"”’)')


@Language.component("kg_paragraph_breaks", assigns=["token.is_sent_start", "token.norm"])
def mark_paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after each blank line, and after a line break that follows an ending."""
    text = doc.text  # built from the tokens on each call: once
    for token in doc[:-1]:
        if "\n" not in token.text and "\n" not in token.whitespace_:
            continue
        nxt = doc[token.i + 1]
        if nxt.is_space:
            continue  # the break runs on; the first token after it starts the sentence
        breaks = (token.text if token.is_space else "") + token.whitespace_
        previous = token
        if token.is_space:
            if token.i == 0:
                continue
            previous = doc[token.i - 1]
            breaks = previous.whitespace_ + breaks
        blank_line = breaks.count("\n") >= 2
        if blank_line and token.is_space:
            _read_as_full_stop(doc, token)
        if blank_line or (previous.text[-1:] in _SENTENCE_END and not previous.is_space):
            nxt.is_sent_start = True
        _after_dateline(doc, text, nxt.idx)
        _around_headline_date(doc, text, nxt.idx)
    if len(doc):
        _after_dateline(doc, text, doc[0].idx)
        _around_headline_date(doc, text, doc[0].idx)
    return doc


def _read_as_full_stop(doc: Doc, token: Token) -> None:
    token.norm_ = "."
    doc.user_data.setdefault(_BLANK_LINES, []).append(token.i)  # for block_blank_lines
    entry = doc.vocab[token.orth]
    if entry.shape_ != ".":
        entry.shape_ = entry.prefix_ = entry.suffix_ = "."


@Language.component("kg_blank_lines", assigns=["doc.ents"])
def block_blank_lines(doc: Doc) -> Doc:
    """Block every whitespace token holding a blank line (as mark_paragraph_breaks found
    them) from NER's entities."""
    blank = doc.user_data.pop(_BLANK_LINES, None)
    if blank:
        doc.set_ents([], blocked=[doc[i : i + 1] for i in blank], default="unmodified")
    return doc


def _around_headline_date(doc: Doc, text: str, line_start: int) -> None:
    """Start a sentence at the date a headline runs into on the line, if any."""
    found = headline_date(text, line_start)
    if found is None:
        return
    date = doc.char_span(*found, alignment_mode="expand")
    if date is not None and date.end < len(doc):
        doc[date.start].is_sent_start = True


def _after_dateline(doc: Doc, text: str, line_start: int) -> None:
    """Start a sentence after the dateline that opens the line at `line_start`, if any."""
    end = dateline_end(text, line_start)
    if end is None:
        return
    span = doc.char_span(end, end + 1, alignment_mode="expand")
    if span is not None and span.start > 0:
        doc[span.start].is_sent_start = True

"""Long documents parsed in pieces, with every offset kept true to the whole text.

spaCy refuses a text over its `max_length` (a million characters) and its memory grows with
a text's length. A document longer than `PIECE` characters is cut at paragraph breaks (else
line breaks, else sentence ends, else spaces) into contiguous pieces, each parsed as a text of
its own; the pieces' tokens, sentences and mentions are then shifted into the whole text's
offsets and indices, so what comes out is one `Parsed` of the whole document.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from kg.core.model import Document, EventMention, Mention, Parsed, Sentence, Token

__all__ = ["PIECE", "join_pieces", "piece_document", "split_points"]

PIECE = 100_000  # characters: far above any article, far below spaCy's limit

# Where a piece may end, best first: after a blank line, a line break, a sentence, a space.
_BREAKS = (
    re.compile(r"\n[ \t]*\n"),
    re.compile(r"\n"),
    re.compile(r"[.!?][)\"'”’]?\s"),
    re.compile(r"\s"),
)


def split_points(text: str, size: int = PIECE) -> list[tuple[int, int]]:
    """Contiguous (begin, end) ranges covering `text`, none longer than `size`."""
    pieces: list[tuple[int, int]] = []
    begin = 0
    while len(text) - begin > size:
        window = text[begin + size // 2 : begin + size]
        end = begin + size
        for pattern in _BREAKS:
            found = [m.end() for m in pattern.finditer(window)]
            if found:
                end = begin + size // 2 + found[-1]
                break
        pieces.append((begin, end))
        begin = end
    pieces.append((begin, len(text)))
    return pieces


def piece_document(document: Document, begin: int, end: int) -> Document:
    """The part of `document` in [begin, end) as a document of its own (its boilerplate
    ranges moved into the piece's offsets)."""
    skipped = tuple(
        (max(b, begin) - begin, min(e, end) - begin)
        for b, e in document.skipped
        if b < end and e > begin
    )
    return dataclasses.replace(document, text=document.text[begin:end], skipped=skipped)


def join_pieces(document: Document, parts: Sequence[tuple[int, Parsed]]) -> Parsed:
    """One Parsed of `document` from the Parsed of its pieces, each with its begin offset."""
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    events: list[EventMention] = []
    for offset, part in parts:
        first_token, first_sentence = len(tokens), len(sentences)
        for t in part.tokens:
            tokens.append(
                t._replace(
                    i=t.i + first_token,
                    begin=t.begin + offset,
                    end=t.end + offset,
                    head=t.head + first_token,
                    sent=t.sent + first_sentence,
                )
            )
        for s in part.sentences:
            sentences.append(
                Sentence(
                    s.begin + offset,
                    s.end + offset,
                    s.start + first_token,
                    s.end_token + first_token,
                )
            )
        for m in part.mentions:
            mentions.append(
                dataclasses.replace(
                    m,
                    doc_id=document.id,
                    begin=m.begin + offset,
                    end=m.end + offset,
                    sentence=m.sentence + first_sentence,
                    start=m.start + first_token,
                    end_token=m.end_token + first_token,
                    antecedent=None if m.antecedent is None else m.antecedent + offset,
                )
            )
        for e in part.events:
            events.append(
                dataclasses.replace(
                    e,
                    doc_id=document.id,
                    begin=e.begin + offset,
                    end=e.end + offset,
                    sentence=e.sentence + first_sentence,
                    token=e.token + first_token,
                )
            )
    return Parsed(document, tuple(tokens), tuple(sentences), tuple(mentions), tuple(events))

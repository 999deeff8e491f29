"""Quotation marks in a text: where direct speech begins and ends (`find_quotations`).

Curly and guillemet marks pair up directly, as do the typewriter pairs of tokenised text
(`` and ''); straight double quotes alternate. A quotation
left open at a paragraph's end and taken up by an opening mark at the start of the next one
is a single quotation, as news prose writes multi-paragraph quotes.
"""

from __future__ import annotations

import re

__all__ = [
    "CLOSE",
    "OPEN",
    "find_quotations",
    "is_speech",
    "only_punct",
    "punct_after",
    "punct_before",
    "quoted_words",
]

OPEN = frozenset({"“", "«", "„", "``"})
CLOSE = frozenset({"”", "»", "''"})
_MARKS = re.compile("''|``|[" + "".join(sorted(m for m in OPEN | CLOSE if len(m) == 1)) + '"]')
_SPEECH_WORDS = 4  # fewer words between the marks is a scare quote ("fiction"), not speech


def find_quotations(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of quotations, marks included; a quote left open at a paragraph's
    end and taken up by an opening mark at the next paragraph's start is one quotation."""
    spans: list[tuple[int, int, bool]] = []  # begin, end, left open
    pos = 0
    for para in text.split("\n"):
        start, opened = pos, None
        for mark in _MARKS.finditer(para):  # only the marks: every other character is skipped
            at, ch = pos + mark.start(), mark.group()
            if ch in OPEN or (ch == '"' and opened is None):
                if opened is None:
                    opened = at
            elif ch in CLOSE or ch == '"':
                if opened is not None:
                    spans.append((opened, at + len(ch), False))
                    opened = None
                elif not spans or spans[-1][1] <= start:
                    lead = len(para) - len(para.lstrip())
                    spans.append((start + lead, at + len(ch), False))  # taken up from before
        if opened is not None:
            spans.append((opened, pos + len(para.rstrip()), True))
        pos += len(para) + 1
    merged: list[tuple[int, int, bool]] = []
    for b, e, left_open in spans:
        if merged and merged[-1][2] and not text[merged[-1][1] : b].strip():
            merged[-1] = (merged[-1][0], e, left_open)
        else:
            merged.append((b, e, left_open))
    return tuple((b, e) for b, e, _ in merged)


def is_speech(text: str, quote: tuple[int, int]) -> bool:
    """Tell whether a quotation is long enough to be speech rather than a quoted term."""
    return len(re.findall(r"[A-Za-z]+", text[quote[0] : quote[1]])) >= _SPEECH_WORDS


_PUNCT = " \t\n,:;-–—"  # what may stand between a quotation and its cue


def only_punct(text: str) -> bool:
    """Tell whether a stretch of text holds nothing but spaces and punctuation."""
    return not text.strip(_PUNCT)


def punct_before(text: str, offset: int) -> int:
    """Where the run of spaces and punctuation ending at `offset` begins."""
    while offset > 0 and text[offset - 1] in _PUNCT:
        offset -= 1
    return offset


def punct_after(text: str, offset: int) -> int:
    """Where the run of spaces and punctuation beginning at `offset` ends."""
    while offset < len(text) and text[offset] in _PUNCT:
        offset += 1
    return offset


def quoted_words(text: str, begin: int, end: int) -> tuple[int, int]:
    """What a quotation quotes: the words between its marks, without a trailing comma (the
    PARC convention for a direct quote's content; a final full stop inside stays)."""
    for mark in sorted(OPEN | {'"'}, key=len, reverse=True):
        if text.startswith(mark, begin, end):
            begin += len(mark)
            break
    for mark in sorted(CLOSE | {'"'}, key=len, reverse=True):
        if end - len(mark) >= begin and text.startswith(mark, end - len(mark), end):
            end -= len(mark)
            break
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return begin, end

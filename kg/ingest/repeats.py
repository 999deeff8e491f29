"""Passages a publisher repeats word for word across unrelated documents: extracted once.

Press releases end with the same "About ..." paragraph, military releases repeat their
definitions and disclaimers under every day's list, a feed appends one footer to every story.
Extracted from every copy, such a passage gives its weapons, people and claims once per
document, as if each document had reported them anew. Here a run of consecutive lines, each
found in at least `MIN_STORIES` documents of one publisher that are not copies of one story,
and together at least `MIN_PASSAGE` characters long, is extracted from the first document
holding each line (the earliest published, then input order) and added to the others'
`Document.skipped` ranges: the text and its offsets stay, extraction passes over it.

Only documents whose publisher is known take part, and only within their publisher: an
agency story that five outlets reprint, each cutting or rewording a paragraph or two, is five
reports, and each keeps its mentions. Copies of one story are not repeats either: the updates
of one story share most of their lines, and each keeps its mentions (a document shares most
of another's text when the lines they have in common make at least `COPY_SHARE` of the
shorter one's long lines, by characters). A single repeated line is not a passage either:
"Near the town, one strike destroyed a fighting position." may repeat across days and report
a new event every time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from kg.core.model import Document

__all__ = ["COPY_SHARE", "MIN_LINE", "MIN_PASSAGE", "MIN_STORIES", "skip_repeated"]

MIN_LINE = 40  # characters (whitespace folded): shorter lines repeat by chance
MIN_PASSAGE = 200  # characters of a run of repeated lines
MIN_STORIES = 3  # documents, none a copy of another, holding each line of the run
COPY_SHARE = 0.8  # of the shorter document's long-line characters, shared: one story

_SPACE = re.compile(r"\s+")
_LINE = re.compile(r"[^\n]+")


class _Line(NamedTuple):
    begin: int
    end: int
    key: int  # a hash of the publisher and the line with its whitespace folded
    size: int  # characters, whitespace folded


def skip_repeated(documents: Sequence[Document]) -> list[Document]:
    """The documents, each repeated passage skipped in all but its first document."""
    # First only counted (a corpus holds millions of lines), then kept for the documents
    # holding a line found in MIN_STORIES documents or more.
    counts: Counter[int] = Counter()
    for d in documents:
        if d.publisher:
            counts.update({line.key for line in _long_lines(d)})
    candidates = {key for key, n in counts.items() if n >= MIN_STORIES}
    del counts
    if not candidates:
        return list(documents)
    lines: dict[int, list[_Line]] = {}
    holders: dict[int, list[int]] = defaultdict(list)
    for i, d in enumerate(documents):
        found = _long_lines(d) if d.publisher else []
        held = dict.fromkeys(line.key for line in found if line.key in candidates)
        if held:
            lines[i] = found
            for key in held:
                holders[key].append(i)
    sizes = {i: {line.key: line.size for line in found} for i, found in lines.items()}
    totals = {i: sum(s.values()) for i, s in sizes.items()}
    rank = {
        i: r
        for r, i in enumerate(sorted(range(len(documents)), key=lambda i: _age(documents[i], i)))
    }
    copies: dict[tuple[int, int], bool] = {}

    def is_copy(a: int, b: int) -> bool:
        pair = (min(a, b), max(a, b))
        if pair not in copies:
            small, large = sorted(pair, key=lambda i: (len(sizes[i]), i))
            shared = sum(n for k, n in sizes[small].items() if k in sizes[large])
            copies[pair] = shared >= COPY_SHARE * min(totals[a], totals[b])
        return copies[pair]

    repeated: dict[int, int] = {}  # a repeated line's key -> the document that keeps it
    for key, holding in holders.items():
        stories: list[int] = []  # one document of each story
        for i in sorted(holding, key=rank.__getitem__):
            if not any(is_copy(i, s) for s in stories):
                stories.append(i)
                if len(stories) == MIN_STORIES:
                    break
        if len(stories) == MIN_STORIES:
            repeated[key] = min(holding, key=rank.__getitem__)
    out = list(documents)
    for i, found in lines.items():
        ranges = [
            (line.begin, line.end)
            for run in _runs(found, repeated)
            if sum(line.size for line in run) >= MIN_PASSAGE
            for line in run
            if repeated[line.key] != i
        ]
        if ranges:
            out[i] = dataclasses.replace(out[i], skipped=_union(out[i].skipped, ranges))
    return out


def _age(document: Document, i: int) -> tuple[bool, str, int]:
    """Earliest published first, undated after dated, then input order."""
    return (document.published is None, document.published or "", i)


def _long_lines(document: Document) -> list[_Line]:
    publisher = _fold(document.publisher or "").casefold()
    found = []
    for m in _LINE.finditer(document.text):
        folded = _fold(m.group())
        if len(folded) >= MIN_LINE:
            digest = hashlib.blake2b(f"{publisher}\x00{folded}".encode(), digest_size=8).digest()
            found.append(_Line(m.start(), m.end(), int.from_bytes(digest), len(folded)))
    return found


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _runs(lines: list[_Line], repeated: dict[int, int]) -> list[list[_Line]]:
    """Maximal runs of repeated lines with nothing but blank or short lines between them."""
    runs: list[list[_Line]] = [[]]
    for line in lines:
        if line.key in repeated:
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _union(
    skipped: tuple[tuple[int, int], ...], ranges: list[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for begin, end in sorted([*skipped, *ranges]):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((begin, end))
    return tuple(merged)

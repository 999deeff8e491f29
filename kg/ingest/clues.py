"""What the text says beside its prose: boilerplate lines, a wire dateline, a publication date."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from kg.core.lexicon import read_lines
from kg.ingest.needed_words import lowered, needed_words

__all__ = ["Dateline", "find_boilerplate", "find_dateline", "find_published"]


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a wire-style dateline ("KYIV, March 3 (AFP) -") says."""

    place: str
    publisher: str


@lru_cache(maxsize=1)
def _boilerplate_patterns() -> tuple[re.Pattern[str] | None, tuple[_Searched, ...]]:
    """The boilerplate patterns: those anchored at the line's start as one regex (tried
    there only, with `match`), and each of the rest with the words a match of it holds
    (`needed_words`): one regex of all of them would be tried at every position of every
    line, where a line without any of a pattern's words need not be searched at all."""
    anchored: list[str] = []
    searched: list[_Searched] = []
    for pattern in read_lines("boilerplate.txt"):
        if _anchored(pattern):
            anchored.append(f"(?:{pattern})")
        else:
            searched.append((re.compile(pattern, re.IGNORECASE), needed_words(pattern)))
    at_start = re.compile("|".join(anchored), re.IGNORECASE) if anchored else None
    return at_start, tuple(searched)


_Searched = tuple[re.Pattern[str], frozenset[str] | None]


def _to_search(
    text: str, lines: list[str], searched: tuple[_Searched, ...]
) -> tuple[tuple[re.Pattern[str], ...], dict[int, list[re.Pattern[str]]]]:
    """The patterns that are not anchored to search every line with (those without needed
    words), and by line number those to search that line with: the patterns one of whose
    words the line holds. Words are found in the whole text at once (most texts hold few)."""
    lower = lowered(text)  # the text's offsets (`test_needed_words`)
    if lower is None:  # no verdict: every line with every pattern
        return tuple(regex for regex, _ in searched), {}
    always = tuple(regex for regex, words in searched if words is None)
    ends = list(itertools.accumulate(map(len, lines)))  # where each line ends
    where: dict[int, list[re.Pattern[str]]] = {}
    for regex, words in searched:
        if words is None:
            continue
        numbers = set()
        for word in words:
            at = lower.find(word)
            while at >= 0:
                numbers.add(bisect.bisect_right(ends, at))
                at = lower.find(word, at + 1)
        for number in numbers:
            where.setdefault(number, []).append(regex)
    return always, where


def _anchored(pattern: str) -> bool:
    """Whether every top-level alternative of a regex starts with ^ (so it can match at the
    start of the text only)."""
    depth, escaped, in_class, start = 0, False, False, 0
    starts = []
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            starts.append(pattern[start:i])
            start = i + 1
    starts.append(pattern[start:])
    return all(alternative.startswith("^") for alternative in starts)


_LINK_LENGTH = 100  # the longest line read as a link under "Read more:"
_LINK_HEADINGS = frozenset({"read", "related", "more", "see", "also", "watch", "recommended"})


def _links_heading(line: str) -> bool:
    """ "Read more", "Related stories", "More on this": a short heading over links."""
    words = line.lower().split()
    return len(words) <= 3 and words[0] in _LINK_HEADINGS


def find_boilerplate(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of lines that are not article prose (comment forms, link spam)."""
    at_start, searched = _boilerplate_patterns()
    lines = text.splitlines(keepends=True)
    always, where = _to_search(text, lines, searched)
    ranges: list[tuple[int, int]] = []
    offset = 0
    listing = False  # under a "Read more:" line: its links, one a line, up to a blank line
    for number, line in enumerate(lines):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        # a link is a headline's line: short, no full stop at its end (prose goes on)
        listing = listing and len(stripped) <= _LINK_LENGTH and not stripped.endswith(".")
        if stripped and (
            listing
            or (at_start is not None and at_start.match(stripped))
            or any(regex.search(stripped) for regex in always)
            or any(regex.search(stripped) for regex in where.get(number, ()))
        ):
            ranges.append((offset, offset + len(body)))
            # "Read more:", "Related", "READ MORE": a heading over links
            listing = listing or stripped.endswith(":") or _links_heading(stripped)
        else:
            listing = False
        offset += len(line)
    return tuple(ranges)


# "LONDON, Jan 4 (Reuters) -", "HELENA, Mont. (Keystone Wire) —", "CAIRO (AP) —"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ .'\-]{2,40}?)(?:,\s+[A-Z][A-Za-z.']{1,15}(?: [A-Z][a-z.]+)?)?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s+\((?P<publisher>[A-Z][\w .&-]{1,40})\)\s*[-–—]"
)


def find_dateline(text: str) -> Dateline | None:
    """Find a wire dateline ("LONDON, Jan 4 (Reuters) -") in the first lines of a text."""
    for line in text[:2000].splitlines():
        match = _DATELINE.match(line)
        if match:
            return Dateline(match["place"].strip().title(), match["publisher"].strip())
    return None


# A publication date a scraper or CMS left at the top of a plain-text article:
# "date 2023-01-04", "Published: 4 January 2023", "Updated Jan 4, 2023 10:02 GMT".
_PUBLISHED = re.compile(
    r"(?:^|[|·•]\s*)\s*(?:date|published|posted|updated|first published)\s*(?:on)?\s*[:\-]?\s*"
    r"(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})",
    re.IGNORECASE,
)


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")


def find_published(text: str) -> str | None:
    """Find a publication date stated at the top of a text; the ISO date, or None."""
    for line in text[:600].splitlines()[:5]:
        for match in _PUBLISHED.finditer(line):
            raw = re.sub(r"[.,]", "", match["date"])
            raw = re.sub(r"\s+", " ", raw).strip()
            for fmt in _DATE_FORMATS:
                try:
                    return datetime.strptime(raw, fmt).date().isoformat()
                except ValueError:
                    continue
    return None

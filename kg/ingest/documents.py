"""The ingest stage: files, JSON Lines records and HTML pages in, Documents (or Problems) out.

Each input becomes a Document whose `text` is exactly the string offsets refer to. Bad
inputs become Problems (one line naming the file and record, saying what to do) and never
stop the others. Boilerplate lines stay in the text (offsets stay true) and are listed in
`Document.skipped` for extraction to ignore.
"""

from __future__ import annotations

import glob
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.core.lexicon import read_lines
from kg.core.model import Document, Problem

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "document_from_text",
    "expand_inputs",
    "find_boilerplate",
    "find_dateline",
    "find_published",
    "mint_document_id",
    "read_documents",
]

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
DEFAULT_MAX_BYTES = 5_000_000  # an article is a few kB; anything this big is not one article


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a wire-style dateline ("KYIV, March 3 (AFP) -") says."""

    place: str
    publisher: str


def expand_inputs(paths: Iterable[str]) -> tuple[list[Path], list[Problem]]:
    """Turn folders, files and globs into a sorted list of readable input files."""
    files: set[Path] = set()
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES]
            if not found:
                problems.append(
                    Problem(
                        raw,
                        f"folder {raw!r} holds no {'/'.join(SUFFIXES)} files; "
                        "point at a folder of articles",
                    )
                )
            files.update(found)
        elif path.is_file():
            files.add(path)
        elif any(c in raw for c in "*?["):
            matches = [Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file()]
            if not matches:
                problems.append(Problem(raw, f"pattern {raw!r} matches no file; check the glob"))
            files.update(matches)
        else:
            problems.append(
                Problem(raw, f"{raw!r} does not exist; pass a folder, a file or a glob")
            )
    return sorted(files), problems


def read_documents(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Problem]:
    """Read every article under `paths`, yielding Documents and Problems in a stable order."""
    files, problems = expand_inputs(paths)
    yield from problems
    for file in files:
        yield from _read_file(file, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[Document | Problem]:
    name = path.name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Problem(
                name,
                f"{name}: {size:,} bytes is over the {max_bytes:,}-byte limit for one input; "
                "split it or raise --max-bytes",
            )
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield Problem(name, f"{name}: cannot read ({exc.strerror}); check permissions")
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(name, raw, max_bytes)
        return
    text_or_problem = _decode(name, raw)
    if isinstance(text_or_problem, Problem):
        yield text_or_problem
        return
    if suffix in (".html", ".htm"):
        yield _from_html(name, text_or_problem)
    else:
        yield _from_text(name, text_or_problem, {})


def _decode(source: str, raw: bytes) -> str | Problem:
    if b"\x00" in raw[:8192]:
        return Problem(
            source, f"{source}: looks binary (NUL bytes); pass UTF-8 text, JSON Lines or HTML"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(
            source,
            f"{source}: not valid UTF-8 at byte {exc.start}; re-encode the file as UTF-8 "
            "(e.g. iconv -f cp1252 -t utf-8)",
        )
    return text.removeprefix("\ufeff")


def _from_text(source: str, text: str, meta: dict[str, Any]) -> Document | Problem:
    if not text.strip():
        return Problem(source, f"{source}: empty article; remove it or give it text")
    return document_from_text(source, text, **meta)


def _read_jsonl(name: str, raw: bytes, max_bytes: int) -> Iterator[Document | Problem]:
    text = _decode(name, raw)
    if isinstance(text, Problem):
        yield text
        return
    if not text.strip():
        yield Problem(name, f"{name}: empty file; remove it or add one JSON record a line")
        return
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(
                where, f"{where}: not JSON ({exc.msg}): {_cut(line)}; fix or delete the line"
            )
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Problem(where, f'{where}: record has no "text" string: {_cut(line)}; add one')
            continue
        rid = str(record.get("id") or f"line{number}")
        if rid in seen:
            yield Problem(
                where, f"{where}: duplicate record id {rid!r}; ids must be unique in a file"
            )
            continue
        seen.add(rid)
        if len(record["text"].encode("utf-8")) > max_bytes:
            yield Problem(
                where,
                f"{where}: text over the {max_bytes:,}-byte limit; split it or raise --max-bytes",
            )
            continue
        meta = {
            key: str(record[field])
            for key, field in (
                ("title", "title"),
                ("published", "published"),
                ("publisher", "publisher"),
                ("url", "url"),
            )
            if record.get(field)
        }
        yield _from_text(f"{name}#{rid}", record["text"], meta)


def _from_html(source: str, html: str) -> Document | Problem:
    import trafilatura  # heavy import, only needed for HTML inputs

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or not text.strip():
        return Problem(
            source, f"{source}: no article text found in the HTML; check it is an article page"
        )
    meta: dict[str, Any] = {}
    info = trafilatura.extract_metadata(html)
    if info is not None:
        for key, value in (
            ("title", info.title),
            ("published", info.date),
            ("publisher", info.sitename),
            ("url", info.url),
        ):
            if value:
                meta[key] = str(value)
    return document_from_text(source, text, **meta)


def _cut(value: str, limit: int = 80) -> str:
    value = value.strip()
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


def mint_document_id(source: str, text: str) -> str:
    """Stable id from the source name and the text: readable slug plus a content hash."""
    slug = (
        re.sub(
            r"[^A-Za-z0-9]+",
            "-",
            Path(source.split("#")[0]).stem
            + ("-" + source.split("#", 1)[1] if "#" in source else ""),
        )
        .strip("-")
        .lower()[:48]
    )
    digest = hashlib.sha256(f"{source}\x00{text}".encode()).hexdigest()[:12]
    return f"{slug or 'doc'}-{digest}"


def document_from_text(
    source: str,
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> Document:
    """Make a Document of a decoded text, finding boilerplate and a dateline's publisher."""
    if publisher is None:
        dateline = find_dateline(text)
        if dateline is not None:
            publisher = dateline.publisher
    if published is None:
        published = find_published(text)
    return Document(
        id=mint_document_id(source, text),
        source=source,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title,
        published=published,
        publisher=publisher,
        url=url,
        skipped=find_boilerplate(text),
    )


@lru_cache(maxsize=1)
def _boilerplate_patterns() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The boilerplate patterns as two regexes: those anchored at the line's start (tried
    there only, with `match`) and the rest (searched along the line): one regex of all of
    them would be tried at every position of every line."""
    anchored: list[str] = []
    unanchored: list[str] = []
    for pattern in read_lines("boilerplate.txt"):
        (anchored if _anchored(pattern) else unanchored).append(f"(?:{pattern})")
    at_start, anywhere = (
        re.compile("|".join(p), re.IGNORECASE) if p else None for p in (anchored, unanchored)
    )
    return at_start, anywhere


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


def find_boilerplate(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of lines that are not article prose (comment forms, link spam)."""
    at_start, anywhere = _boilerplate_patterns()
    ranges: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped and (
            (at_start is not None and at_start.match(stripped))
            or (anywhere is not None and anywhere.search(stripped))
        ):
            ranges.append((offset, offset + len(body)))
        offset += len(line)
    return tuple(ranges)


_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'\-]{2,40}),\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s+"
    r"\((?P<publisher>[A-Z][\w .&-]{1,40})\)\s*[-–—]"
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

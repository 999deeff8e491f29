"""The ingest stage: files, JSON Lines records and HTML pages in, Documents (or Problems) out.

Each input becomes a Document whose `text` is exactly the string offsets refer to. Bad
inputs become Problems (one line naming the file and record, saying what to do) and never
stop the others: a JSON Lines file is read record by record, each within `--max-bytes`.
Boilerplate lines stay in the text (offsets stay true) and are listed in `Document.skipped`
for extraction to ignore.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from kg.core.model import Document, Problem
from kg.ingest.clues import find_boilerplate, find_dateline, find_published
from kg.ingest.inputs import SUFFIXES, Input, expand_inputs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "document_from_text",
    "expand_inputs",
    "mint_document_id",
    "read_documents",
]

DEFAULT_MAX_BYTES = 5_000_000  # an article is a few kB; anything this big is not one article

# Byte order marks and the encodings they announce (UTF-32 before UTF-16: it starts alike).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META = ("title", "published", "publisher", "url")
# The other names news feeds and scrapers give a record's fields (news-please, NewsAPI-style
# exports, CMS dumps), read when the field itself is absent; a value that is no string is
# left alone ("source": {"name": ...}).
_ALIASES = {
    "text": ("body", "content", "maintext", "article"),
    "title": ("headline",),
    "published": ("date", "date_publish", "published_at", "publishedAt"),
    "publisher": ("source", "outlet", "source_domain", "site_name"),
    "url": ("link",),
}


def read_documents(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Problem]:
    """Read every article under `paths`, yielding Documents and Problems in a stable order."""
    inputs, problems = expand_inputs(paths)
    yield from problems
    for item in inputs:
        yield from _read_file(item, max_bytes)


def _read_file(item: Input, max_bytes: int) -> Iterator[Document | Problem]:
    name = item.identifier
    try:
        if item.path.suffix.lower() == ".jsonl":
            with item.path.open("rb") as handle:
                yield from _read_jsonl(name, _utf8_lines(handle), max_bytes)
            return
        size = item.path.stat().st_size
        if size > max_bytes:
            yield Problem(
                name,
                f"{name}: {size:,} bytes is over the {max_bytes:,}-byte limit for one article; "
                "split it or raise --max-bytes",
            )
            return
        raw = item.path.read_bytes()
    except OSError as exc:
        yield Problem(name, f"{name}: cannot read ({exc.strerror or exc}); check permissions")
        return
    text_or_problem = _decode(name, raw)
    if isinstance(text_or_problem, Problem):
        yield text_or_problem
        return
    if item.path.suffix.lower() in (".html", ".htm"):
        yield _from_html(name, text_or_problem)
    else:
        yield _from_text(name, text_or_problem, {})


def _decode(source: str, raw: bytes) -> str | Problem:
    """Text of a file: UTF-8, or the encoding its byte order mark announces."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                return Problem(
                    source,
                    f"{source}: not valid {encoding.upper()} at byte {exc.start + len(bom)} "
                    "though its byte order mark says so; re-encode the file as UTF-8",
                )
    if b"\x00" in raw[:8192]:
        return Problem(
            source, f"{source}: looks binary (NUL bytes); pass UTF-8 text, JSON Lines or HTML"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(
            source,
            f"{source}: not valid UTF-8 at byte {exc.start}; re-encode the file as UTF-8 "
            "(e.g. iconv -f cp1252 -t utf-8)",
        )


def _from_text(source: str, text: str, meta: dict[str, Any]) -> Document | Problem:
    if not text.strip():
        return Problem(source, f"{source}: empty article; remove it or give it text")
    return document_from_text(source, text, **meta)


def _utf8_lines(handle: IO[bytes]) -> Iterator[bytes]:
    """A JSON Lines file's lines as UTF-8 bytes, read one at a time (a UTF-16 or UTF-32
    file, announced by its byte order mark, is decoded as a stream first)."""
    head = handle.peek(4)[:4] if hasattr(handle, "peek") else b""
    for bom, encoding in _BOMS[1:]:
        if head.startswith(bom):
            handle.read(len(bom))
            reader = codecs.getreader(encoding)(handle, "surrogateescape")
            for line in reader:
                yield line.encode("utf-8", errors="surrogateescape")
            return
    if head.startswith(codecs.BOM_UTF8):
        handle.read(len(codecs.BOM_UTF8))
    yield from handle


def _read_jsonl(name: str, lines: Iterable[bytes], max_bytes: int) -> Iterator[Document | Problem]:
    seen: set[str] = set()
    records = 0
    for number, raw in enumerate(lines, start=1):
        where = f"{name}:{number}"
        if len(raw) > max_bytes:
            yield Problem(
                where,
                f"{where}: record of {len(raw):,} bytes is over the {max_bytes:,}-byte limit "
                "for one article; split it or raise --max-bytes",
            )
            continue
        line = _decode(where, raw)
        if isinstance(line, Problem):
            yield line
            continue
        if not line.strip():
            continue
        records += 1
        yield from _read_record(where, line, number, seen)
    if not records:
        yield Problem(name, f"{name}: empty file; remove it or add one JSON record a line")


def _read_record(
    where: str, line: str, number: int, seen: set[str]
) -> Iterator[Document | Problem]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield Problem(where, f"{where}: not JSON ({exc.msg}): {_cut(line)}; fix or delete the line")
        return
    if isinstance(record, dict):
        record = _with_aliases(record)
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        yield Problem(
            where,
            f'{where}: record has no "text" string (nor {", ".join(_ALIASES["text"])}): '
            f"{_cut(line)}; add one",
        )
        return
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | type(None)):
        yield Problem(
            where, f'{where}: "id" must be a string or a whole number, not {_cut(str(raw_id))}'
        )
        return
    rid = str(raw_id) if raw_id not in (None, "") else f"line{number}"
    for field, value in (("text", record["text"]), ("id", rid)):
        bad = _surrogate(value)
        if bad is not None:
            yield Problem(
                where,
                f'{where}: "{field}" holds a lone surrogate escape ({bad}) at character '
                f"{value.index(chr(int(bad[2:], 16)))}; fix the escape",
            )
            return
    if rid in seen:
        yield Problem(where, f"{where}: duplicate record id {rid!r}; ids must be unique in a file")
        return
    seen.add(rid)
    meta: dict[str, str] = {}
    for field in _META:
        value, note = _metadata(field, record.get(field))
        if value:
            meta[field] = value
        if note:
            yield Problem(where, f"{where}: {note}; the record is read without it", kept=True)
    source = f"{where.rsplit(':', 1)[0]}#{rid}"
    yield _from_text(source, record["text"], meta)


def _with_aliases(record: dict[str, object]) -> dict[str, object]:
    """The record with each field it lacks taken from the first alias holding a string."""
    found: dict[str, object] = {}
    for field, aliases in _ALIASES.items():
        if record.get(field) in (None, ""):
            value = next((record[a] for a in aliases if isinstance(record.get(a), str)), None)
            if value is not None:
                found[field] = value
    return {**record, **found} if found else record


def _metadata(field: str, value: object) -> tuple[str | None, str]:
    """A metadata field's value as text, or why it is left out."""
    if value is None or value == "":
        return None, ""
    if not isinstance(value, str):
        return None, f'"{field}" is not a string ({_cut(json.dumps(value))})'
    bad = _surrogate(value)
    if bad is not None:
        return None, f'"{field}" holds a lone surrogate escape ({bad})'
    if field == "published" and not _is_date(value):
        return None, f'"published" {_cut(value)} is not an ISO 8601 date'
    return value, ""


def _is_date(value: str) -> bool:
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def _surrogate(text: str) -> str | None:
    """The first lone surrogate of a string as an escape ("\\ud800"), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"\\u{ord(text[exc.start]):04x}"
    return None


def _from_html(source: str, html: str) -> Document | Problem:
    import lxml.html
    import trafilatura  # heavy imports, only needed for HTML inputs

    options: dict[str, Any] = {
        "include_comments": False,
        "include_tables": False,
        "favor_precision": True,
    }
    text = trafilatura.extract(html, **options)
    if not text or not text.strip():
        # Deeply nested pages exceed lxml's default depth limit: read them as a huge tree.
        try:
            tree = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
        except (ValueError, lxml.etree.ParserError):
            tree = None
        text = trafilatura.extract(tree, **options) if tree is not None else None
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

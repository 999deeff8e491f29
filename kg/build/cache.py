"""The extraction cache: per-document results of the per-document stages, kept on disk.

`kg build --cache DIR` stores each document's `Extraction` under a key made of everything
that decides it: the document (its text's sha256 and every metadata field), the pipeline's
version and the source of every module of the package, the spaCy model's name and version, and
a hash of the lexicon files in kg/data. Change any of them and the entry is simply not
found; a rebuild re-processes only new or changed documents.

Entries are the frozen dataclasses encoded by `kg.core.codec` (MessagePack with a version
header) in one SQLite file: reading them builds only the project's own dataclasses and never
runs code, so a cache folder may be shared between people, machines and cluster workers. An
entry that cannot be read is ignored with a warning and recomputed; it never stops a build.

The folder also keeps the output of the last build (`BUILD_PREFIX*`): its triples, sorted
and without the run that made them, and a JSON record of its report and counts, under a key
of everything the output depends on (every document's key, the options, the linking
source). Re-building the same corpus with the same code, options and source reuses it: only
the run is new.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from kg.core.codec import CodecError, decode, encode
from kg.core.model import Document

__all__ = [
    "BUILD_PREFIX",
    "CACHE_FILE",
    "CacheError",
    "CacheWarning",
    "ExtractionCache",
    "KeptBuild",
    "build_key",
    "document_key",
    "pipeline_fingerprint",
]

CACHE_FILE = "extractions.sqlite"
BUILD_PREFIX = "last-build-"


class CacheError(Exception):
    """The cache folder cannot be opened."""


class CacheWarning(UserWarning):
    """A cache entry could not be read or written; the document is processed afresh."""


@lru_cache(maxsize=8)
def pipeline_fingerprint(model_name: str, model_version: str, version: str) -> str:
    """Hash what every Extraction depends on beyond its document: code, lexicons, model."""
    h = hashlib.sha256()
    for part in (version, model_name, model_version):
        h.update(part.encode("utf-8") + b"\x1f")
    # Every module of every subpackage and every data file, not a list of the per-document
    # ones: a list goes stale when a stage is split into new modules, and a stale key serves
    # stale extractions.
    for name, content in _package_files(resources.files("kg"), ""):
        h.update(name.encode() + b"\x1e" + content)
    return h.hexdigest()


def _package_files(folder: Traversable, prefix: str) -> Iterator[tuple[str, bytes]]:
    """Every source and data file under `folder`, as (relative path, bytes), in path order."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        path = prefix + entry.name
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _package_files(entry, path + "/")
        elif not entry.name.endswith((".pyc", ".pyo")):
            yield path, entry.read_bytes()


def document_key(document: Document, fingerprint: str) -> str:
    """The cache key of one document's Extraction."""
    fields = (
        fingerprint,
        document.id,
        document.source,
        document.sha256,
        document.title or "",
        document.published or "",
        document.publisher or "",
        document.url or "",
        repr(document.skipped),
    )
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


def build_key(document_keys: Iterable[str], *parts: str) -> str:
    """The key of a whole build's output: its documents' keys in order and everything else
    the output depends on (`parts`: options, the linking source)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") + b"\x1f")
    for key in document_keys:
        h.update(key.encode("ascii") + b"\x1e")
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class KeptBuild:
    """The output of an earlier build: sorted N-Triples lines (without the run) in `triples`,
    and what it reported (`record`: JSON-ready counts, link summary, violations)."""

    triples: Path
    record: dict[str, Any]


class ExtractionCache:
    """Extractions by key, in one SQLite file in `folder`."""

    def __init__(self, folder: Path, *, warn: Callable[[str], None] | None = None) -> None:
        self.path = folder / CACHE_FILE
        self._warn = warn or (lambda message: warnings.warn(message, CacheWarning, stacklevel=3))
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS verdict (key TEXT PRIMARY KEY, report TEXT NOT NULL)"
            )
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(
                f"{self.path}: cannot open the cache ({exc}); "
                "pass another --cache folder or delete this one"
            ) from exc
        self.hits = 0
        self.misses = 0

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The readable entries among `keys`; unreadable ones are warned about and left out."""
        found: dict[str, Any] = {}
        wanted = list(keys)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._db.execute(
                    f"SELECT key, value FROM extraction WHERE key IN ({marks})", chunk
                ).fetchall()
            except sqlite3.Error as exc:
                self._warn(
                    f"{self.path}: cannot read the cache ({exc}); processing every document afresh"
                )
                return found
            for key, value in rows:
                try:
                    found[key] = decode(value)
                except CodecError as exc:
                    self._warn(
                        f"{self.path}: entry {key[:12]} is unreadable ({type(exc).__name__}); "
                        "recomputing it"
                    )
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put_many(self, items: Iterable[tuple[str, Any]]) -> None:
        """Store entries (replacing any with the same key)."""
        self.put_encoded((key, encode(value)) for key, value in items)

    def put_encoded(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Store entries already encoded with `kg.core.codec.encode` (a worker's bytes)."""
        try:
            self._db.executemany(
                "INSERT OR REPLACE INTO extraction (key, value) VALUES (?, ?)", items
            )
            self._db.commit()
        except sqlite3.Error as exc:
            self._warn(f"{self.path}: cannot write the cache ({exc}); the build goes on without it")

    def kept_build(self, key: str) -> KeptBuild | None:
        """The output kept for the build `key`, if it is the last build's."""
        folder = self.path.parent
        record_path, triples = (
            folder / f"{BUILD_PREFIX}{key}.json",
            folder / f"{BUILD_PREFIX}{key}.nt",
        )
        try:
            record = json.loads(record_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            self._warn(f"{record_path}: unreadable ({type(exc).__name__}); building afresh")
            return None
        if not isinstance(record, dict) or not triples.is_file():
            return None
        return KeptBuild(triples, record)

    def keep_build(
        self, key: str, lines: Iterator[bytes], record: Callable[[], dict[str, Any]]
    ) -> None:
        """Keep a build's output (sorted N-Triples lines, without the run) as the last build,
        replacing the one kept before; `record()` is asked once the lines are written. A
        failure is warned about, never raised."""
        folder = self.path.parent
        try:
            for old in folder.glob(f"{BUILD_PREFIX}*"):
                old.unlink()
            _write_then_rename(folder / f"{BUILD_PREFIX}{key}.nt", lines)
            # The record last: a kept build is whole or absent.
            _write_then_rename(
                folder / f"{BUILD_PREFIX}{key}.json",
                [json.dumps(record(), sort_keys=True).encode("utf-8")],
            )
        except OSError as exc:
            self._warn(
                f"{folder}: cannot keep the build's output ({exc}); the next rebuild builds afresh"
            )

    def verdicts(self) -> dict[str, Any]:
        """The last build's validation reports by batch key (JSON-ready; see
        kg.validation.shacl)."""
        try:
            rows = self._db.execute("SELECT key, report FROM verdict").fetchall()
            return {key: json.loads(report) for key, report in rows}
        except (sqlite3.Error, ValueError) as exc:
            self._warn(
                f"{self.path}: cannot read the kept validation reports ({exc}); "
                "validating every batch"
            )
            return {}

    def keep_verdicts(self, verdicts: dict[str, Any]) -> None:
        """Keep this build's validation reports by batch key, in place of the last build's."""
        try:
            with self._db:
                self._db.execute("DELETE FROM verdict")
                self._db.executemany(
                    "INSERT INTO verdict (key, report) VALUES (?, ?)",
                    ((key, json.dumps(report, sort_keys=True)) for key, report in verdicts.items()),
                )
        except sqlite3.Error as exc:
            self._warn(
                f"{self.path}: cannot keep the validation reports ({exc}); "
                "the next rebuild validates afresh"
            )

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def _write_then_rename(path: Path, chunks: Iterable[bytes]) -> None:
    partial = path.with_name(path.name + ".tmp")
    with partial.open("wb") as handle:
        handle.writelines(chunks)
    os.replace(partial, path)

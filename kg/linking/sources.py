"""Where link candidates come from: a Wikidata-shaped SPARQL endpoint, the local KB, a cache.

Each source implements `kg.linking.linker.CandidateSource`: `lookup(names)` answers many names at
once and never raises for network or data problems; names it could not look up come back in
`Lookup.failures` with the reason.

- `SparqlSource` speaks SPARQL 1.1 (through SPARQLWrapper) to the Wikidata Query Service or
  any endpoint with Wikidata's RDF shape: batched `VALUES` over English labels and aliases,
  a descriptive User-Agent, a timeout, retries with exponential backoff on 429 and 5xx
  (honouring Retry-After), and no further requests once the endpoint proved unreachable.
  User text reaches a query only through `_sparql_term` (rdflib's `.n3()`).
- `KbSource` reads the SQLite KB that `kg.linking.kb.import_kb` builds; names match after folding.
- `CachedSource` keeps every answer in a SQLite file so re-runs work offline.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kg.core.folding import fold
from kg.linking.candidates import ROOT_CLASSES, Candidate, CandidateSource, Lookup
from kg.linking.kb import connect_kb
from kg.linking.sparql import (
    SparqlSource,
)

__all__ = ["CachedSource", "KbSource"]


class KbSource:
    """Candidates from the local SQLite KB built by `kg.linking.kb.import_kb`."""

    method = "kb"

    def __init__(self, path: Path, roots: Sequence[str] = ROOT_CLASSES) -> None:
        if not path.is_file():
            raise FileNotFoundError(
                f"{path}: no KB here; build one with `kg kb import DUMP {path}`"
            )
        self.path = path
        self._con = connect_kb(path)
        self._roots = frozenset(roots)
        self._ancestors: dict[str, frozenset[str]] = {}

    def close(self) -> None:
        self._con.close()

    def fingerprint(self) -> str:
        """What identifies the answers: the KB file, by path, size and modification time."""
        return _file_state("kb", self.path)

    def lookup(self, names: Sequence[str]) -> Lookup:
        """Look names up by their folded form; a name that folds to nothing has no candidate."""
        found: dict[str, tuple[Candidate, ...]] = {}
        failures: dict[str, str] = {}
        for name in dict.fromkeys(names):
            try:
                found[name] = self._candidates(name)
            except sqlite3.Error as exc:
                failures[name] = f"{self.path}: {exc}"
        return Lookup(found, failures)

    def known(self, qids: Sequence[str]) -> frozenset[str]:
        """The ids among `qids` that the KB holds with a label."""
        rows = (
            self._con.execute("SELECT qid FROM item WHERE qid = ? AND label != ''", (q,)).fetchone()
            for q in dict.fromkeys(qids)
        )
        return frozenset(r[0] for r in rows if r)

    def _candidates(self, name: str) -> tuple[Candidate, ...]:
        key = fold(name)
        if not key:
            return ()
        rows = self._con.execute(
            "SELECT n.qid, n.form, n.kind, i.label, i.description, i.sitelinks "
            "FROM name n JOIN item i ON i.qid = n.qid WHERE n.key = ?",
            (key,),
        ).fetchall()
        best: dict[str, tuple[int, str, str, str, str, int]] = {}
        for qid, form, kind, label, description, sitelinks in rows:
            rank = (form == name) * 2 + (kind == "label")
            if qid not in best or rank > best[qid][0]:
                best[qid] = (rank, form, kind, label, description, sitelinks)
        out = []
        for qid, (rank, form, kind, label, description, sitelinks) in best.items():
            classes = self._column("SELECT class FROM instance_of WHERE qid = ?", qid)
            reached: set[str] = set()
            for cls in classes:
                reached |= self._reach(cls) | ({cls} & self._roots)
            out.append(
                Candidate(
                    qid=qid,
                    label=label or form,
                    name=form,
                    matched=kind,
                    exact=rank >= 2,
                    sitelinks=sitelinks,
                    classes=_sorted_ids(classes),
                    instance_of=_sorted_ids(reached),
                    subclass_of=_sorted_ids(self._reach(qid)),
                    countries=_sorted_ids(
                        self._column("SELECT country FROM country WHERE qid = ?", qid)
                    ),
                    description=description,
                )
            )
        return tuple(sorted(out, key=lambda c: _qid_number(c.qid)))

    def _column(self, sql: str, value: str) -> list[str]:
        return [r[0] for r in self._con.execute(sql, (value,))]

    def _reach(self, cls: str) -> frozenset[str]:
        """The root classes strictly above `cls` through P279."""
        if cls not in self._ancestors:
            rows = self._con.execute(
                "WITH RECURSIVE up(c) AS (SELECT parent FROM subclass_of WHERE class = ? "
                "UNION SELECT s.parent FROM subclass_of s JOIN up ON s.class = up.c) "
                "SELECT c FROM up",
                (cls,),
            )
            self._ancestors[cls] = frozenset(r[0] for r in rows) & self._roots
        return self._ancestors[cls]


def _qid_number(qid: str) -> int:
    return int(qid[1:]) if qid[1:].isdigit() else 0


def _sorted_ids(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(ids), key=_qid_number))


class CachedSource:
    """Keeps every answer of `inner` in `cache_dir/wikidata-cache.sqlite`; with no inner,
    offline."""

    def __init__(
        self, inner: CandidateSource | None, cache_dir: Path, *, namespace: str = "wikidata"
    ) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.inner = inner
        self.path = cache_dir / "wikidata-cache.sqlite"
        self.namespace = f"v1:{namespace}"
        self._con = sqlite3.connect(self.path)
        self._con.execute(
            "CREATE TABLE IF NOT EXISTS answer(namespace TEXT NOT NULL, name TEXT NOT NULL, "
            "candidates TEXT NOT NULL, PRIMARY KEY (namespace, name)) WITHOUT ROWID"
        )
        self._con.commit()

    @property
    def method(self) -> str:
        return str(getattr(self.inner, "method", "cache"))

    def close(self) -> None:
        self._con.close()

    def fingerprint(self) -> str | None:
        """What identifies the answers when they cannot change by asking (offline or a KB
        behind the cache): the cache file's state and the KB's; None for an endpoint."""
        inner: str | None = "offline"
        if self.inner is not None:
            state = getattr(self.inner, "fingerprint", None)
            inner = state() if callable(state) else None
            if not isinstance(inner, str):
                return None
        return f"{_file_state('cache', self.path)} {inner} {self.namespace}"

    def lookup(self, names: Sequence[str]) -> Lookup:
        """Answer from the cache; ask `inner` for the rest and keep what it found."""
        found: dict[str, tuple[Candidate, ...]] = {}
        missing: list[str] = []
        for name in dict.fromkeys(names):
            row = self._con.execute(
                "SELECT candidates FROM answer WHERE namespace = ? AND name = ?",
                (self.namespace, name),
            ).fetchone()
            cached = _decode(row[0]) if row else None
            if cached is None:
                missing.append(name)
            else:
                found[name] = cached
        if not missing:
            return Lookup(found, {})
        if self.inner is None:
            return Lookup(
                found, {n: "not in the cache and no source to ask (offline)" for n in missing}
            )
        fresh = self.inner.lookup(missing)
        self._con.executemany(
            "INSERT OR REPLACE INTO answer VALUES (?, ?, ?)",
            [(self.namespace, n, _encode(c)) for n, c in fresh.candidates.items()],
        )
        self._con.commit()
        found.update(fresh.candidates)
        return Lookup(found, dict(fresh.failures))

    def known(self, qids: Sequence[str]) -> frozenset[str]:
        known = getattr(self.inner, "known", None)
        return frozenset(known(qids)) if callable(known) else frozenset()


def _file_state(kind: str, path: Path) -> str:
    stat = path.stat()
    return f"{kind}:{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"


def _encode(candidates: Sequence[Candidate]) -> str:
    return json.dumps([asdict(c) for c in candidates], ensure_ascii=False, sort_keys=True)


def _decode(text: str) -> tuple[Candidate, ...] | None:
    try:
        rows = json.loads(text)
        candidates = []
        for row in rows:
            fields: dict[str, Any] = {
                k: tuple(v) if isinstance(v, list) else v for k, v in row.items()
            }
            candidates.append(Candidate(**fields))
        return tuple(candidates)
    except (ValueError, TypeError):
        return None  # an unreadable entry is asked again


def open_source(
    *, kb: Path | None = None, endpoint: str | None = None, cache: Path | None = None
) -> CandidateSource | None:
    """The candidate source the options name: a local KB or an endpoint, behind a cache when
    one is given; a cache alone answers offline; nothing named means no lookups."""
    inner: CandidateSource | None = None
    if kb is not None:
        inner = KbSource(kb)
    elif endpoint is not None:
        inner = SparqlSource(endpoint)
    if cache is not None:
        return CachedSource(inner, cache)
    return inner

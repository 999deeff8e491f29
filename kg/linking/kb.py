"""The local knowledge base: a SQLite file of Wikidata items for offline linking.

`import_kb` fills it from Wikidata data in any of three shapes, streamed so a full dump never
sits in memory:

- the JSON dump (`latest-all.json`, `.gz` or `.bz2`): one entity per line, filtered to items
  with an English label that are not Wikimedia pages, scholarly articles or names, and with
  at least `min_sitelinks` sitelinks; P279 edges are kept from every item so class closure
  works for whatever was kept;
- N-Triples or Turtle in Wikidata's RDF shape (`wdt:P31`, `rdfs:label`@en,
  `wikibase:sitelinks` ...), e.g. a truthy dump or the result of a CONSTRUCT query
  (`kg.linking.sources.fetch_construct` writes one).

Importing into an existing file adds to it. `kg.linking.sources.KbSource` reads it.
"""

from __future__ import annotations

import bz2
import gzip
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path
from typing import IO, Any

from kg.core.folding import fold
from kg.linking.candidates import EXCLUDED_CLASSES

__all__ = ["KB_KINDS", "SCHEMA_VERSION", "KbImportError", "connect_kb", "import_kb"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
KB_KINDS = ("json", "ntriples", "turtle")

_WD = "http://www.wikidata.org/entity/"
_WDT = "http://www.wikidata.org/prop/direct/"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_SCHEMA_DESC = "http://schema.org/description"
_SITELINKS = "http://wikiba.se/ontology#sitelinks"
_COUNTRY_PROPS = ("P17", "P27")
_BATCH = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS item(
    qid TEXT PRIMARY KEY,
    label TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    sitelinks INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS name(
    key TEXT NOT NULL, qid TEXT NOT NULL, form TEXT NOT NULL, kind TEXT NOT NULL,
    PRIMARY KEY (key, qid, form, kind)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS instance_of(
    qid TEXT NOT NULL, class TEXT NOT NULL, PRIMARY KEY (qid, class)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS subclass_of(
    class TEXT NOT NULL, parent TEXT NOT NULL, PRIMARY KEY (class, parent)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS country(
    qid TEXT NOT NULL, country TEXT NOT NULL, PRIMARY KEY (qid, country)
) WITHOUT ROWID;
"""


class KbImportError(Exception):
    """The source cannot be read as Wikidata data (names the file and what to do)."""


def connect_kb(db: Path) -> sqlite3.Connection:
    """Open (creating if needed) a KB file with its schema."""
    con = sqlite3.connect(db)
    con.executescript(_SCHEMA)
    con.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
    con.commit()
    found = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
    if found != SCHEMA_VERSION:
        con.close()
        raise KbImportError(
            f"{db}: KB schema version {found!r}, this newskg needs {SCHEMA_VERSION!r}; "
            "rebuild it with `kg kb import`"
        )
    return con


def import_kb(source: Path, db: Path, *, kind: str | None = None, min_sitelinks: int = 0) -> int:
    """Add the items of a Wikidata JSON dump, N-Triples or Turtle file to the KB; count them."""
    kind = kind or _guess_kind(source)
    if kind not in KB_KINDS:
        raise KbImportError(
            f"{source}: unknown KB source kind {kind!r}; use one of {', '.join(KB_KINDS)}"
        )
    if not source.is_file():
        raise KbImportError(f"{source}: no such file; give a Wikidata dump or RDF file")
    with closing(connect_kb(db)) as con:
        con.execute("PRAGMA synchronous = OFF")
        before = _count_items(con)
        try:
            if kind == "json":
                _import_json(con, source, min_sitelinks)
            else:
                _import_rdf(con, source, kind)
        except (OSError, EOFError, ValueError, SyntaxError) as exc:
            con.rollback()
            raise KbImportError(f"{source}: cannot read as {kind}: {str(exc)[:80]}") from exc
        con.commit()
        return _count_items(con) - before


def _count_items(con: sqlite3.Connection) -> int:
    return int(con.execute("SELECT COUNT(*) FROM item WHERE label != ''").fetchone()[0])


def _guess_kind(source: Path) -> str:
    suffixes = [s.lower() for s in source.suffixes if s.lower() not in (".gz", ".bz2")]
    last = suffixes[-1] if suffixes else ""
    kinds = {".json": "json", ".nt": "ntriples", ".ttl": "turtle"}
    if last not in kinds:
        raise KbImportError(
            f"{source}: cannot tell the format from the name; "
            f"pass kind= one of {', '.join(KB_KINDS)}"
        )
    return kinds[last]


def _open_text(source: Path) -> IO[str]:
    suffix = source.suffix.lower()
    if suffix == ".gz":
        return gzip.open(source, "rt", encoding="utf-8")
    if suffix == ".bz2":
        return bz2.open(source, "rt", encoding="utf-8")
    return source.open(encoding="utf-8")


def _open_binary(source: Path) -> IO[bytes]:
    suffix = source.suffix.lower()
    if suffix == ".gz":
        return gzip.open(source, "rb")  # type: ignore[return-value]
    if suffix == ".bz2":
        return bz2.open(source, "rb")
    return source.open("rb")


class _Writer:
    """Buffers rows and writes them in batches."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.rows: dict[str, list[tuple[Any, ...]]] = {
            "label": [],
            "description": [],
            "sitelinks": [],
            "name": [],
            "instance_of": [],
            "subclass_of": [],
            "country": [],
        }
        self.pending = 0

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.rows[table].append(row)
        self.pending += 1
        if self.pending >= _BATCH:
            self.flush()

    def flush(self) -> None:
        con, rows = self.con, self.rows
        con.executemany(
            "INSERT INTO item(qid, label) VALUES (?, ?) "
            "ON CONFLICT(qid) DO UPDATE SET label = excluded.label",
            rows["label"],
        )
        con.executemany(
            "INSERT INTO item(qid, description) VALUES (?, ?) "
            "ON CONFLICT(qid) DO UPDATE SET description = excluded.description",
            rows["description"],
        )
        con.executemany(
            "INSERT INTO item(qid, sitelinks) VALUES (?, ?) "
            "ON CONFLICT(qid) DO UPDATE SET sitelinks = excluded.sitelinks",
            rows["sitelinks"],
        )
        con.executemany("INSERT OR IGNORE INTO name VALUES (?, ?, ?, ?)", rows["name"])
        con.executemany("INSERT OR IGNORE INTO instance_of VALUES (?, ?)", rows["instance_of"])
        con.executemany("INSERT OR IGNORE INTO subclass_of VALUES (?, ?)", rows["subclass_of"])
        con.executemany("INSERT OR IGNORE INTO country VALUES (?, ?)", rows["country"])
        for table in rows.values():
            table.clear()
        self.pending = 0

    def name(self, qid: str, form: str, kind: str) -> None:
        key = fold(form)
        if key:
            self.add("name", (key, qid, form, kind))


def _import_json(con: sqlite3.Connection, source: Path, min_sitelinks: int) -> None:
    writer = _Writer(con)
    bad = 0
    with _open_text(source) as lines:
        for entity in _json_entities(lines):
            if entity is None:
                bad += 1
                continue
            _add_json_entity(writer, entity, min_sitelinks)
    writer.flush()
    if bad:
        log.warning("%s: skipped %d lines that are not JSON entities", source, bad)


def _json_entities(lines: Iterable[str]) -> Iterator[dict[str, Any] | None]:
    for line in lines:
        line = line.strip().rstrip(",")
        if not line or line in ("[", "]"):
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError:
            yield None
            continue
        yield entity if isinstance(entity, dict) else None


def _claim_ids(entity: dict[str, Any], prop: str) -> list[str]:
    ids: list[str] = []
    for statement in entity.get("claims", {}).get(prop, []):
        if statement.get("rank") == "deprecated":
            continue
        value = statement.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            ids.append(value["id"])
    return ids


def _add_json_entity(writer: _Writer, entity: dict[str, Any], min_sitelinks: int) -> None:
    qid = entity.get("id")
    if entity.get("type") != "item" or not isinstance(qid, str):
        return
    for parent in _claim_ids(entity, "P279"):
        writer.add("subclass_of", (qid, parent))
    label = (entity.get("labels") or {}).get("en", {}).get("value")
    classes = _claim_ids(entity, "P31")
    sitelinks = len(entity.get("sitelinks") or {})
    if not label or EXCLUDED_CLASSES.intersection(classes) or sitelinks < min_sitelinks:
        return
    writer.add("label", (qid, label))
    writer.add("sitelinks", (qid, sitelinks))
    writer.name(qid, label, "label")
    description = (entity.get("descriptions") or {}).get("en", {}).get("value")
    if description:
        writer.add("description", (qid, description))
    for alias in (entity.get("aliases") or {}).get("en", []):
        if isinstance(alias, dict) and alias.get("value"):
            writer.name(qid, alias["value"], "alias")
    for cls in classes:
        writer.add("instance_of", (qid, cls))
    for prop in _COUNTRY_PROPS:
        for country in _claim_ids(entity, prop):
            writer.add("country", (qid, country))


def _import_rdf(con: sqlite3.Connection, source: Path, kind: str) -> None:
    from pyoxigraph import Literal, NamedNode, RdfFormat, parse

    fmt = RdfFormat.N_TRIPLES if kind == "ntriples" else RdfFormat.TURTLE
    writer = _Writer(con)
    with _open_binary(source) as stream:
        for triple in parse(stream, format=fmt, lenient=True):
            subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
            if not isinstance(subject, NamedNode) or not subject.value.startswith(_WD):
                continue
            qid = subject.value[len(_WD) :]
            if isinstance(obj, Literal):
                _add_literal(
                    writer, qid, predicate, obj.value, obj.language or "", obj.datatype.value
                )
            elif isinstance(obj, NamedNode) and obj.value.startswith(_WD):
                _add_link(writer, qid, predicate, obj.value[len(_WD) :])
    writer.flush()


def _add_literal(
    writer: _Writer, qid: str, predicate: str, value: str, lang: str, dtype: str
) -> None:
    if predicate == _SITELINKS:
        if value.isdigit():
            writer.add("sitelinks", (qid, int(value)))
        return
    if lang != "en":
        return
    if predicate == _RDFS_LABEL:
        writer.add("label", (qid, value))
        writer.name(qid, value, "label")
    elif predicate == _SKOS_ALT:
        writer.name(qid, value, "alias")
    elif predicate == _SCHEMA_DESC:
        writer.add("description", (qid, value))


def _add_link(writer: _Writer, qid: str, predicate: str, target: str) -> None:
    if not predicate.startswith(_WDT):
        return
    prop = predicate[len(_WDT) :]
    if prop == "P31":
        writer.add("instance_of", (qid, target))
    elif prop == "P279":
        writer.add("subclass_of", (qid, target))
    elif prop in _COUNTRY_PROPS:
        writer.add("country", (qid, target))

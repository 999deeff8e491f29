"""The extraction cache: keyed by everything that decides a result, unreadable entries are
recomputed with a warning, and a cached rebuild writes the same bytes as a clean one."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from kg.build.cache import (
    CACHE_FILE,
    CacheError,
    CacheWarning,
    ExtractionCache,
    document_key,
    pipeline_fingerprint,
)
from kg.core.codec import encode
from kg.core.model import Extraction
from tests.conftest import EXAMPLES, make_document, sample_corpus
from tests.query_corpus import rich_corpus


def _extraction() -> Extraction:
    corpus = sample_corpus()
    return Extraction(corpus.documents[0], corpus.entities[:1], corpus.claims)


def test_entries_come_back_equal(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    x = _extraction()
    cache.put_many([("k1", x)])
    assert cache.get_many(["k1", "absent"]) == {"k1": x}
    assert (cache.hits, cache.misses) == (1, 1)
    cache.close()


def test_key_follows_text_metadata_and_pipeline() -> None:
    doc = make_document("The mayor of Tallinn said 20 buses were added.", "d")
    key = document_key(doc, "fp")
    assert document_key(doc, "fp") == key
    assert document_key(replace(doc, title="Buses"), "fp") != key
    assert document_key(replace(doc, sha256="0" * 64), "fp") != key
    assert document_key(doc, "other") != key
    base = pipeline_fingerprint("en_core_web_sm", "3.8.0", "0.1.0")
    assert pipeline_fingerprint("en_core_web_sm", "3.8.1", "0.1.0") != base
    assert pipeline_fingerprint("en_core_web_sm", "3.8.0", "0.2.0") != base


@pytest.mark.parametrize(
    "edited",
    ["data/organisations.tsv", "entities/names.py", "nlp/weapons/ruler.py", "claims/cues.py"],
)
def test_fingerprint_changes_when_any_file_of_the_package_changes(
    edited: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lexicon or a module of any subpackage, however deep, is part of the key: an edit
    there must not serve extractions cached before it."""
    from importlib import resources

    import kg.build.cache

    package = Path(str(resources.files("kg")))
    copy = tmp_path / "kg"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(kg.build.cache.resources, "files", lambda name: copy)
    pipeline_fingerprint.cache_clear()
    before = pipeline_fingerprint("m", "1", "v")
    with (copy / edited).open("a", encoding="utf-8") as handle:
        handle.write("\n")
    pipeline_fingerprint.cache_clear()
    after = pipeline_fingerprint("m", "1", "v")
    pipeline_fingerprint.cache_clear()
    assert before != after


def test_corrupt_entry_is_ignored_with_a_warning(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    cache.put_many([("good", _extraction())])
    cache.close()
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        db.execute("INSERT INTO extraction VALUES ('bad', x'80049500')")
    cache = ExtractionCache(tmp_path)
    with pytest.warns(CacheWarning, match="unreadable"):
        found = cache.get_many(["good", "bad"])
    assert set(found) == {"good"}
    cache.close()


def test_unreadable_database_is_ignored_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"this is not a database" * 100)
    messages: list[str] = []
    cache = None
    try:
        cache = ExtractionCache(tmp_path, warn=messages.append)
    except CacheError as exc:  # opening may already refuse: a clear one-line error
        assert CACHE_FILE in str(exc)
        return
    assert cache.get_many(["k"]) == {}
    cache.put_many([("k", _extraction())])
    assert messages and CACHE_FILE in messages[0]


@pytest.mark.model
def test_rebuild_from_cache_is_byte_identical_and_reprocesses_only_changes(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    cache = tmp_path / "cache"

    def build(name: str, run_time: str = "2025-03-05T12:00:00Z") -> str:
        args = [
            "build",
            str(corpus),
            "-o",
            str(tmp_path / name),
            "--run-time",
            run_time,
            "--cache",
            str(cache),
        ]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        return result.stderr

    assert "0 of 4 documents from the cache" in build("clean.ttl")
    # the same corpus again: the kept graph is reused, with the new run
    assert "graph and report are reused" in build("again.ttl")
    assert (tmp_path / "clean.ttl").read_bytes() == (tmp_path / "again.ttl").read_bytes()
    assert "graph and report are reused" in build("later.ttl", "2025-03-06T08:00:00Z")
    clean = (tmp_path / "clean.ttl").read_text(encoding="utf-8").splitlines()
    later = (tmp_path / "later.ttl").read_text(encoding="utf-8").splitlines()
    changed_lines = {line for line in set(clean) ^ set(later)}
    assert changed_lines and all(
        "/run/" in line or "2025-03-0" in line for line in changed_lines
    ), changed_lines
    assert any("2025-03-06T08:00:00" in line for line in later)
    # change one article: only it is processed again, and the output matches a clean build
    text = (corpus / "northern-wire.txt").read_text(encoding="utf-8")
    (corpus / "northern-wire.txt").write_text(
        text.replace("said", "told reporters", 1), encoding="utf-8"
    )
    before = _verdict_keys(cache)
    assert "3 of 4 documents from the cache" in build("changed.ttl")  # not reused: one text differs
    after = _verdict_keys(cache)
    # the build keeps its batches' validation verdicts for the next (reuse itself is tested
    # in test_validate: this corpus is two batches, and the change reaches both)
    assert before and after and before != after
    shutil.rmtree(cache)
    build("changed-clean.ttl")
    assert (tmp_path / "changed.ttl").read_bytes() == (tmp_path / "changed-clean.ttl").read_bytes()


def _verdict_keys(folder: Path) -> set[str]:
    with sqlite3.connect(folder / CACHE_FILE) as db:
        return {key for (key,) in db.execute("SELECT key FROM verdict")}


@pytest.mark.model
def test_a_reused_build_never_loads_the_model(tmp_path: Path) -> None:
    from kg.build.pipeline import Options, build
    from kg.nlp.analyzer import Analyzer

    cache = ExtractionCache(tmp_path / "cache")
    first = build(
        [str(EXAMPLES)], Analyzer(), Options(), started="2025-03-05T12:00:00Z", cache=cache
    )
    assert not first.reused and first.counts["documents"] == 4
    fresh = Analyzer()
    again = build([str(EXAMPLES)], fresh, Options(), started="2025-03-05T12:00:00Z", cache=cache)
    assert again.reused and fresh._nlp is None  # read from meta.json, never loaded
    assert again.counts == first.counts and again.report == first.report
    assert list(again.triples.lines()) == list(first.triples.lines())
    assert len(again.triples) == len(first.triples)
    # other options make another graph: not reused
    other = build(
        [str(EXAMPLES)],
        fresh,
        Options(base_iri="https://example.org/x/"),
        started="2025-03-05T12:00:00Z",
        cache=cache,
    )
    assert not other.reused and other.cached == 4
    cache.close()


@pytest.mark.model
def test_an_edit_inside_a_subpackage_makes_the_rebuild_extract_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib import resources

    import kg.build.cache
    from kg.build.pipeline import Options, build
    from kg.nlp.analyzer import Analyzer

    analyzer = Analyzer()
    cache = ExtractionCache(tmp_path / "cache")
    first = build([str(EXAMPLES)], analyzer, Options(), started="2025-03-05T12:00:00Z", cache=cache)
    assert first.cached == 0 and first.counts["documents"] == 4
    copy = tmp_path / "kg"
    shutil.copytree(
        Path(str(resources.files("kg"))), copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    with (copy / "claims" / "quantities.py").open("a", encoding="utf-8") as handle:
        handle.write("# an edit deep inside a stage package\n")
    monkeypatch.setattr(kg.build.cache.resources, "files", lambda name: copy)
    pipeline_fingerprint.cache_clear()
    try:
        again = build(
            [str(EXAMPLES)], analyzer, Options(), started="2025-03-05T12:00:00Z", cache=cache
        )
    finally:
        pipeline_fingerprint.cache_clear()
        cache.close()
    assert not again.reused and again.cached == 0
    assert list(again.triples.lines()) == list(first.triples.lines())


def test_a_linking_source_that_can_change_is_never_reused() -> None:
    from kg.build.kept import output_key

    class Endpoint:  # like SparqlSource: no fingerprint
        method = "sparql"

    class Kb:
        method = "kb"

        def __init__(self, state: str) -> None:
            self.state = state

        def fingerprint(self) -> str:
            return self.state

    def key(source: object, keys: tuple[str, ...] = ("a", "b"), base: str = "urn:x:") -> str | None:
        return output_key(list(keys), "f", base, True, source)  # type: ignore[arg-type]

    assert key(Endpoint()) is None
    assert key(Kb("kb1")) == key(Kb("kb1")) != key(Kb("kb2"))
    assert key(None) != key(None, ("b", "a")) and key(None) != key(None, base="urn:y:")


def test_a_kept_build_is_keyed_by_the_shapes_it_was_validated_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.validation.shacl
    from kg.build.kept import output_key
    from kg.core.resources import shapes_paths

    before = output_key(["a"], "f", "urn:x:", True, None)
    unvalidated = output_key(["a"], "f", "urn:x:", False, None)
    extra = tmp_path / "zz-local.ttl"
    extra.write_text("# a local shape\n", encoding="utf-8")
    monkeypatch.setattr(kg.validation.shacl, "shapes_paths", lambda: [*shapes_paths(), extra])
    added = output_key(["a"], "f", "urn:x:", True, None)
    extra.write_text("# edited\n", encoding="utf-8")
    edited = output_key(["a"], "f", "urn:x:", True, None)
    assert len({before, added, edited}) == 3
    # without validation the shapes play no part in the output
    assert output_key(["a"], "f", "urn:x:", False, None) == unvalidated


def test_a_kept_report_reads_back_equal() -> None:
    from kg.validation.shacl import Report, Violation

    report = Report(
        False, (Violation("Violation", "kg:x", "rdfs:label", "v", "needs a label", "kgsh:S"),)
    )
    assert Report.from_json(report.to_json()) == report


@pytest.mark.model
def test_entries_encoded_by_worker_processes_are_read_back(tmp_path: Path) -> None:
    from kg.build.pipeline import Options, build
    from kg.nlp.analyzer import Analyzer

    cache = ExtractionCache(tmp_path / "cache")
    first = build(
        [str(EXAMPLES)], Analyzer(), Options(jobs=2), started="2025-03-05T12:00:00Z", cache=cache
    )
    assert first.cached == 0 and first.counts["documents"] == 4
    # another base IRI: the output is not reused, but every extraction comes from the cache
    again = build(
        [str(EXAMPLES)],
        Analyzer(),
        Options(jobs=2, base_iri="https://example.org/x/"),
        started="2025-03-05T12:00:00Z",
        cache=cache,
    )
    assert again.cached == 4 and not again.reused
    assert again.corpus == first.corpus
    cache.close()


def test_a_pickle_planted_in_the_cache_is_never_run(tmp_path: Path) -> None:
    """A cache folder may be shared: reading it must never run code. A pickle whose
    loading would create a file is stored under a key the build asks for; it is reported
    unreadable and the file is never made."""
    import pickle

    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (open, (str(marker), "w"))

    cache = ExtractionCache(tmp_path / "cache")
    cache.put_encoded([("planted", pickle.dumps(Planted())), ("good", encode(_extraction()))])
    messages: list[str] = []
    cache.close()
    cache = ExtractionCache(tmp_path / "cache", warn=messages.append)
    found = cache.get_many(["planted", "good"])
    cache.close()
    assert set(found) == {"good"} and found["good"] == _extraction()
    assert not marker.exists()
    assert len(messages) == 1 and "planted"[:12] in messages[0] and "recomputing" in messages[0]


def test_the_codec_gives_back_what_it_was_given_and_refuses_the_rest() -> None:
    from decimal import Decimal

    import msgpack

    from kg.core.codec import HEADER, CodecError, decode

    corpus = rich_corpus()
    assert decode(encode(corpus)) == corpus
    assert any(q.value == Decimal("15") for c in corpus.claims for q in c.quantities)
    extraction = _extraction()
    assert decode(encode(extraction)) == extraction
    assert decode(encode({"a": (1, 2.5, None, "x")})) == {"a": (1, 2.5, None, "x")}
    for bad in (
        b"",
        b"\x80\x04\x95",  # a pickle
        HEADER + b"\xc1",  # not MessagePack
        HEADER + msgpack.packb([msgpack.ExtType(99, b""), 1]),  # no such class
        HEADER + msgpack.packb([msgpack.ExtType(1, b""), "only one field"]),  # a Span has four
        HEADER + msgpack.packb(msgpack.ExtType(0, b"not a number")),  # a Decimal
    ):
        with pytest.raises(CodecError):
            decode(bad)


def test_decoding_shares_one_string_for_equal_short_fields() -> None:
    """Every mention carries its document's id and its type: decoded, equal short strings
    are one object (at 10,000 articles the copies were half of the extractions' memory),
    while a document's text is never interned."""
    from kg.core.codec import decode

    corpus = decode(encode(rich_corpus()))
    mentions = [m for e in corpus.entities for m in e.mentions]
    by_doc: dict[str, list[str]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, []).append(m.doc_id)
    shared = [ids for ids in by_doc.values() if len(ids) > 1]
    assert shared and all(all(i is ids[0] for i in ids) for ids in shared)
    types = [m.type for m in mentions if m.type == mentions[0].type]
    assert len(types) > 1 and all(t is types[0] for t in types)
    again = decode(encode(corpus))
    assert again == corpus
    assert again.entities[0].mentions[0].doc_id is mentions[0].doc_id
    long_texts = [(a.text, b.text) for a, b in zip(again.documents, corpus.documents, strict=True)]
    assert long_texts and all(len(a) > 64 and a == b and a is not b for a, b in long_texts)


def test_every_shared_dataclass_can_be_encoded() -> None:
    """A dataclass added to kg.core.model must be added to the codec too (Parsed, whose
    tokens are named tuples, never leaves a worker)."""
    import dataclasses

    import kg.core.model as model
    from kg.core.codec import _CODE

    classes = {
        c
        for name in model.__all__
        if dataclasses.is_dataclass(c := getattr(model, name)) and isinstance(c, type)
    }
    assert classes - set(_CODE) == {model.Parsed}

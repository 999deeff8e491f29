"""The command line: exit codes, messages, byte-identical rebuilds, help with examples."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import RDF

from kg.cli import main
from kg.core.vocab import KG
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.model


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_build_examples_conforms_and_summarises(tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    code, _, err = _run("build", str(EXAMPLES), "-o", str(out))
    assert code == 0, err
    assert "4 documents (0 skipped)" in err and "0 violations" in err
    g = Graph().parse(out, format="turtle")
    assert len(set(g.subjects(RDF.type, KG.Document))) == 4
    assert set(g.subjects(RDF.type, KG.Person))


def test_two_builds_with_source_date_epoch_are_byte_identical(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    for name in ("a.ttl", "b.ttl"):
        code, _, err = _run("build", str(EXAMPLES), "-o", str(tmp_path / name), "-q", env=env)
        assert code == 0, err
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()
    assert b'startedAtTime "2023-11-14T22:13:20' in (tmp_path / "a.ttl").read_bytes()


def test_bad_article_is_skipped_and_counted(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "The mayor of Tallinn, Mart Kask, said on Monday that 20 buses were added.",
        encoding="utf-8",
    )
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, _, err = _run("build", str(tmp_path), "-o", str(tmp_path / "g.ttl"))
    assert code == 0, err
    assert "kg: skipped bad.txt: looks binary" in err
    assert "1 documents (1 skipped)" in err


def test_strict_makes_the_first_bad_input_fatal(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A short article about Riga.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "g.ttl"
    code, _, err = _run("build", str(tmp_path), "--strict", "-o", str(out))
    assert code == 2
    assert err.startswith("kg: error: empty.txt: empty article")
    assert not out.exists()


def test_missing_input_is_exit_2(tmp_path: Path) -> None:
    code, _, err = _run("build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "g.ttl"))
    assert code == 2
    assert "does not exist" in err and "no article could be read" in err


def test_validate_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.ttl"
    assert _run("build", str(EXAMPLES / "northern-wire.txt"), "-o", str(good), "-q")[0] == 0
    assert _run("validate", str(good))[0] == 0
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        good.read_text(encoding="utf-8").replace("rdfs:label", "rdfs:comment"), encoding="utf-8"
    )
    code, out, _ = _run("validate", str(broken))
    assert code == 1 and "exactly one rdfs:label" in out
    junk = tmp_path / "junk.ttl"
    junk.write_text("this is not turtle", encoding="utf-8")
    code, _, err = _run("validate", str(junk))
    assert code == 2 and "cannot parse" in err
    assert _run("validate", str(tmp_path / "absent.ttl"))[0] == 2


@pytest.mark.parametrize("command", ["build", "validate"])
def test_help_ends_with_an_example(command: str) -> None:
    code, out, _ = _run(command, "--help")
    assert code == 0
    assert "Example:" in out and "kg " + command in out.split("Example:")[1]


@pytest.mark.slow
def test_jobs_2_writes_the_same_bytes_as_jobs_1(tmp_path: Path) -> None:
    for jobs in ("1", "2"):
        code, _, err = _run(
            "build",
            str(EXAMPLES),
            "-o",
            str(tmp_path / f"j{jobs}.ttl"),
            "-q",
            "--jobs",
            jobs,
            "--run-time",
            "2025-03-05T12:00:00Z",
        )
        assert code == 0, err
    one = (tmp_path / "j1.ttl").read_bytes()
    assert one == (tmp_path / "j2.ttl").read_bytes()
    assert b"kg:Claim" in one


def test_build_store_replaces_the_previous_build_and_answers_queries(tmp_path: Path) -> None:
    from kg.store.stores import EmbeddedStore

    store = tmp_path / "store"
    only = tmp_path / "only"
    only.mkdir()
    (only / "northern-wire.txt").write_bytes((EXAMPLES / "northern-wire.txt").read_bytes())
    code, _, err = _run(
        "build",
        str(EXAMPLES),
        "-o",
        str(tmp_path / "all.ttl"),
        "-q",
        "--store",
        str(store),
        "--timings",
    )
    assert code == 0, err
    assert "store" in err and "write" in err  # --timings names every stage
    code, out, err = _run("query", "documents", "--store", str(store), "--format", "csv")
    assert code == 0, err
    assert "northern-wire.txt" in out and "briefs.jsonl#kharkiv-brief-1" in out
    # a second build replaces the first: the articles it no longer has are gone
    gc.collect()  # the query above ran in this process: let it release the store's lock
    code, _, err = _run(
        "build", str(only), "-o", str(tmp_path / "one.ttl"), "-q", "--store", str(store)
    )
    assert code == 0, err
    code, out, err = _run("query", "documents", "--store", str(store), "--format", "csv")
    assert "northern-wire.txt" in out and "briefs.jsonl" not in out
    gc.collect()
    table = EmbeddedStore(store).select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(str(table.rows[0][0])) > 100

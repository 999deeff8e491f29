"""A graph written as a folder of parts (`kg build --split`): the parts joined are the one
file's bytes, no node is cut across two parts, and `kg validate` and `kg load` read the folder
as one graph (a part alone does not conform: its context is in the others)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.core.formats import part_files
from kg.rdf.buffer import TripleBuffer
from kg.rdf.serialise import OutputError, write_parts
from tests.conftest import EXAMPLES

RUN = "2025-01-01T00:00:00Z"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples built once as one N-Quads file, as N-Quads parts and as N-Triples parts."""
    folder = tmp_path_factory.mktemp("parts")
    for args in (
        ["--format", "nquads", "-o", str(folder / "one.nq")],
        ["--format", "nt", "-o", str(folder / "one.nt")],
        ["--split", "1000", "-o", str(folder / "nq")],
        ["--split", "1000", "--format", "nt", "-o", str(folder / "nt")],
    ):
        code, _, err = _run("build", str(EXAMPLES), "--run-time", RUN, "-q", *args)
        assert code == 0, err
    return folder


@pytest.mark.parametrize(("kind", "suffix"), [("nq", ".nq"), ("nt", ".nt")])
def test_parts_joined_are_the_one_files_bytes(built: Path, kind: str, suffix: str) -> None:
    parts, others = part_files(built / kind)
    assert not others and len(parts) >= 3
    assert [p.name for p in parts] == [f"part-{i:05d}{suffix}" for i in range(len(parts))]
    assert b"".join(p.read_bytes() for p in parts) == (built / f"one{suffix}").read_bytes()
    subjects = [
        {q.subject for q in pyoxigraph.parse(path=str(p), format=pyoxigraph.RdfFormat.N_QUADS)}
        for p in parts
    ]
    for a in range(len(subjects)):  # no node's triples are cut across two parts
        for b in range(a + 1, len(subjects)):
            assert not subjects[a] & subjects[b]
    sizes = [len(p.read_bytes().splitlines()) for p in parts]
    assert all(size >= 1000 for size in sizes[:-1])


def test_validate_reads_a_folder_as_one_graph(built: Path) -> None:
    code, out, _ = _run("validate", str(built / "nq"))
    total = len((built / "one.nq").read_bytes().splitlines())
    assert code == 0 and f"{total} triples" in out and "conforms: yes" in out
    # A part alone names mentions and documents that other parts describe: it fails.
    code, out, _ = _run("validate", str(part_files(built / "nq")[0][1]))
    assert code == 1 and "conforms: no" in out
    # The parts given as files are the same graph as the folder.
    code, out, _ = _run("validate", *map(str, part_files(built / "nt")[0]))
    assert code == 0 and f"{total} triples" in out


def test_load_takes_a_folder_of_parts_as_one_graph(built: Path, tmp_path: Path) -> None:
    from kg.store.stores import EmbeddedStore

    code, _, err = _run("load", str(built / "nq"), "--store", str(tmp_path / "a"))
    assert code == 0, err
    code, _, err = _run("load", str(built / "one.nq"), "--store", str(tmp_path / "b"))
    assert code == 0, err
    code, _, err = _run("load", str(built / "nq"), "--store", str(tmp_path / "a"))  # again
    assert code == 0, err
    stores = [EmbeddedStore(tmp_path / name) for name in ("a", "b")]
    try:
        quads = [set(s._store) for s in stores]  # the same quads, once each
        assert quads[0] == quads[1] and len(quads[0]) == len(
            (built / "one.nq").read_bytes().splitlines()
        )
    finally:
        for store in stores:
            store.close()
    code, _, err = _run("load", str(part_files(built / "nq")[0][1]), "--store", str(tmp_path / "c"))
    assert code == 1 and "refused to load it" in err


def test_a_folder_with_other_files_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    code, _, err = _run("build", str(EXAMPLES), "--split", "1000", "-o", str(folder))
    assert code == 2 and "notes.txt, which no --split build wrote" in err
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"
    code, _, err = _run("build", str(EXAMPLES), "--split", "1000", "--format", "turtle", "-o", "x")
    assert code == 2 and "use --format nquads or nt" in err
    code, _, err = _run("validate", str(folder))
    assert code == 2 and "holds notes.txt" in err


def _buffer(lines: list[bytes]) -> TripleBuffer:
    buffer = TripleBuffer()
    for line in lines:
        buffer.add_line(line)
    return buffer


def test_a_rewrite_replaces_every_part_of_the_last(tmp_path: Path) -> None:
    lines = [
        f'<http://x/s{i:03d}> <http://x/p> "{j}" .\n'.encode() for i in range(40) for j in range(3)
    ]
    folder = tmp_path / "g"
    paths, size = write_parts(_buffer(lines), folder, "nt", per_part=10)
    assert len(paths) == 10 and size == sum(len(line) for line in lines)
    assert all(len(p.read_bytes().splitlines()) == 12 for p in paths)  # cut after whole subjects
    paths, _ = write_parts(_buffer(lines[:30]), folder, "nt", per_part=10)
    assert part_files(folder) == (paths, []) and len(paths) == 3  # no stale part 3..9
    assert not [p for p in tmp_path.iterdir() if p.name != "g"]  # no temporary left
    stale = tmp_path / ".g.999999999.abc.kg-tmp"  # a killed write's (no such process)
    (stale / "part-00000.nt").parent.mkdir()
    (stale / "part-00000.nt").write_bytes(lines[0])
    write_parts(_buffer(lines[:30]), folder, "nt", per_part=10)
    assert not stale.exists()
    (folder / "x.ttl").write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="x.ttl"):
        write_parts(_buffer(lines), folder, "nt", per_part=10)
    with pytest.raises(OutputError, match="use --format nquads or nt"):
        write_parts(_buffer(lines), tmp_path / "h", "turtle", per_part=10)

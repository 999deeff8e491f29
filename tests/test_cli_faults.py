"""Bad options, hostile output paths and faults: a one-line error and its exit code, never
a traceback, never a destroyed file (issue 21)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.conftest import EXAMPLES


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stderr


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("kg: error:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize(
    ("base", "why"),
    [
        ("https://example.org/a\nb/", "'\\n'"),
        ("https://example.org/a\tb/", "'\\t'"),
        ("https://example.org/news#", "'#'"),
        ("https://example.org/%zz/", "two hex digits"),
        ("ftp://example.org/", "absolute http(s) or urn IRI"),
    ],
)
def test_a_bad_base_iri_is_refused_before_any_work(tmp_path: Path, base: str, why: str) -> None:
    started = time.perf_counter()
    code, err = _run("build", str(EXAMPLES), "-o", str(tmp_path / "g.ttl"), "--base-iri", base)
    assert code == 2
    assert why in _one_error_line(err) and "--base-iri" in err
    assert time.perf_counter() - started < 5  # refused before the model loads
    assert not (tmp_path / "g.ttl").exists()


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--run-time", "0001-01-01T00:00:00+05:00"], {}),
        (["--run-time", "yesterday"], {}),
        ([], {"SOURCE_DATE_EPOCH": "99999999999999999999"}),
        ([], {"SOURCE_DATE_EPOCH": "-5"}),
    ],
)
def test_an_impossible_run_time_is_one_line(
    tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    code, err = _run("build", str(EXAMPLES), "-o", str(tmp_path / "g.ttl"), *args, env=env)
    assert code == 2
    line = _one_error_line(err)
    assert "--run-time" in line or "SOURCE_DATE_EPOCH" in line


@pytest.mark.model
def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.ttl"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    code, err = _run("build", str(EXAMPLES), "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == target
    assert "kg:Claim" in target.read_text(encoding="utf-8")


def test_a_device_node_or_a_folder_is_refused_as_output(tmp_path: Path) -> None:
    assert Path("/dev/null").is_char_device()
    code, err = _run("build", str(EXAMPLES), "-o", "/dev/null")
    assert code == 2
    assert "is not a regular file (a device or a pipe)" in _one_error_line(err)
    code, err = _run("build", str(EXAMPLES), "-o", str(tmp_path))
    line = _one_error_line(err)
    assert code == 2 and "is a folder; give a file path" in line and "--split" in line


def test_an_input_article_is_never_the_output(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The mayor of Tartu said 12 buses were added.", encoding="utf-8")
    code, err = _run("build", str(tmp_path), "-o", str(article))
    assert code == 2 and "is one of the articles being read" in _one_error_line(err)
    assert article.read_text(encoding="utf-8").startswith("The mayor of Tartu")


@pytest.mark.model
def test_a_full_disk_is_one_line_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.rdf.serialise

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.rdf.serialise.os, "fsync", full)
    code, err = _run("build", str(EXAMPLES), "-o", str(tmp_path / "g.ttl"))
    assert code == 2
    assert "cannot write (No space left on device)" in _one_error_line(err)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.model
def test_a_killed_writes_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True).stdout.strip()  # fmt: skip
    stale = tmp_path / f".g.ttl.{dead}.abc123.kg-tmp"
    stale.write_bytes(b"half a graph")
    mine = tmp_path / f".g.ttl.{os.getpid()}.live.kg-tmp"  # a write still running: kept
    mine.write_bytes(b"in progress")
    code, err = _run("build", str(EXAMPLES), "-o", str(tmp_path / "g.ttl"))
    assert code == 0, err
    assert not stale.exists() and mine.exists()


def test_an_unexpected_error_is_one_line_with_its_own_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.build.pipeline

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("something nobody expected\nsecond line")

    monkeypatch.setattr(kg.build.pipeline, "build", broken)
    code, err = _run("build", str(EXAMPLES), "-o", str(tmp_path / "g.ttl"))
    assert code == 3
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith("kg: internal error: RuntimeError: something nobody expected; this is a bug")
    )
    assert "Traceback" not in err
    result = CliRunner().invoke(
        main, ["--debug", "build", str(EXAMPLES), "-o", str(tmp_path / "g.ttl")]
    )
    assert isinstance(result.exception, RuntimeError)


def test_workers_ignore_ctrl_c_and_end_with_their_parent(tmp_path: Path) -> None:
    """A worker ignores SIGINT (the build handles it once) and ends when the build's process
    is killed, instead of waiting on its queue for good."""
    script = tmp_path / "parent.py"
    script.write_text(
        "import multiprocessing as mp, signal, sys, time\n"
        "from kg.core.processes import prepare_worker\n"
        "def report(_):\n"
        "    import os\n"
        "    return os.getpid(), signal.getsignal(signal.SIGINT) == signal.SIG_IGN\n"
        "if __name__ == '__main__':\n"
        "    pool = mp.get_context('fork').Pool(1, prepare_worker)\n"
        "    pid, ignores = pool.map(report, [0])[0]\n"
        "    print(pid, ignores, flush=True)\n"
        "    time.sleep(60)\n",
        encoding="utf-8",
    )
    parent = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=Path.cwd()
    )
    assert parent.stdout is not None
    pid, ignores = parent.stdout.readline().split()
    parent.stdout.close()
    assert ignores == "True"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    pytest.fail(f"worker {pid} outlived its killed parent")


@pytest.mark.model
def test_json_ld_written_by_a_build_is_read_by_every_command(tmp_path: Path) -> None:
    graph = tmp_path / "g.jsonld"
    code, err = _run("build", str(EXAMPLES), "-o", str(graph))
    assert code == 0, err
    for args in (
        ["validate", str(graph)],
        ["query", "documents", str(graph), "--format", "csv"],
        ["load", str(graph), "--store", str(tmp_path / "store"), "-q"],
        ["report", str(graph), "-o", str(tmp_path / "r.html"), "-q"],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (args, result.stderr)
    rows = CliRunner().invoke(main, ["query", "documents", str(graph), "--format", "csv"]).stdout
    assert "northern-wire.txt" in rows


def test_a_parameter_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    graph = tmp_path / "g.nt"
    graph.write_text("<http://e/a> <http://e/p> <http://e/o> .\n", encoding="utf-8")
    bad = b"claimant=Ana\xff".decode("utf-8", "surrogateescape")  # what the shell hands over
    code, err = _run("query", "claims-by-claimant", str(graph), "-p", bad)
    assert code == 2
    assert "is not valid UTF-8 at byte 12" in _one_error_line(err)


@pytest.mark.model
def test_a_report_or_a_store_over_two_builds_conforms(tmp_path: Path) -> None:
    """Two builds joined (one run each, claims both state) are valid together."""
    halves = [tmp_path / "one", tmp_path / "two"]
    for half, names in zip(
        halves, (["northern-wire.txt", "briefs.jsonl"], ["northern-wire.txt", "daily-herald.html"]),
        strict=True,
    ):  # fmt: skip
        half.mkdir()
        for name in names:
            (half / name).write_bytes((EXAMPLES / name).read_bytes())
    graphs = []
    for n, half in enumerate(halves):
        graphs.append(str(tmp_path / f"{n}.ttl"))
        code, err = _run("build", str(half), "-o", graphs[-1], "--run-time", f"2025-0{n + 1}-01")
        assert code == 0, err
    result = CliRunner().invoke(main, ["report", *graphs, "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0 and "conforms" in result.stderr, result.stderr
    result = CliRunner().invoke(main, ["load", *graphs, "--store", str(tmp_path / "s"), "-q"])
    assert result.exit_code == 0, result.stderr

"""Builds on a Dask LocalCluster of two workers on 127.0.0.1: the same bytes as a local build,
a killed worker's partition retried, partitions reused by a rebuild (issue 26)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.conftest import EXAMPLES, ROOT

pytest.importorskip("distributed", reason="Dask is not installed: pip install 'newskg[dask]'")

from kg.build.cluster import Cluster, ClusterError, connect, partitions  # noqa: E402
from kg.build.pipeline import Options, build  # noqa: E402
from kg.nlp.analyzer import Analyzer  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
RUN_TIME = "2025-03-05T12:00:00Z"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    started = connect("local:2")
    assert started.workers == 2
    assert all("127.0.0.1" in w for w in started.client.scheduler_info()["workers"])
    yield started
    started.close()


def test_local_workers_start_without_the_profiler_or_a_pinned_malloc_threshold(
    cluster: Cluster,
) -> None:
    def settings() -> tuple[object, object, object]:
        import dask

        env = os.environ
        profiler = dask.config.get("distributed.worker.profile.enabled")
        return profiler, env.get("MALLOC_TRIM_THRESHOLD_"), env.get("OMP_NUM_THREADS")

    # glibc keeps a fixed mmap threshold once MALLOC_TRIM_THRESHOLD_ is set; Dask's threads
    # variables stay (one core a worker).
    assert set(cluster.client.run(settings).values()) == {(False, None, "1")}


def test_a_second_local_cluster_starts_beside_the_first(cluster: Cluster) -> None:
    # Dask's default port for the scheduler's HTTP server is 8787 for every cluster.
    second = connect("local:1")
    try:
        assert second.workers == 1 and second.client.scheduler.address.startswith(
            "tcp://127.0.0.1:"
        )
    finally:
        second.close()


def _bytes(folder: Path, out: Path, *extra: str) -> bytes:
    result = CliRunner().invoke(
        main, ["build", str(folder), "-o", str(out), "--run-time", RUN_TIME, *extra]
    )
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


@pytest.mark.model
@pytest.mark.parametrize("corpus", ["examples", "seeds"])
def test_a_cluster_build_writes_the_local_builds_bytes(tmp_path: Path, corpus: str) -> None:
    folder = EXAMPLES if corpus == "examples" else SEEDS
    if not folder.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    local = _bytes(folder, tmp_path / "local.ttl")
    assert _bytes(folder, tmp_path / "jobs.ttl", "--jobs", "2") == local
    assert _bytes(folder, tmp_path / "dask.ttl", "--scheduler", "local:2") == local


@pytest.mark.model
@pytest.mark.parametrize("workers", [1, 3])
def test_any_number_of_workers_writes_the_same_bytes(tmp_path: Path, workers: int) -> None:
    local = _bytes(EXAMPLES, tmp_path / "local.ttl")
    assert _bytes(EXAMPLES, tmp_path / "dask.ttl", "--scheduler", f"local:{workers}") == local
    # and the same graph as parts: the parts joined are the local N-Quads file
    one = _bytes(EXAMPLES, tmp_path / "one.nq")
    result = CliRunner().invoke(
        main,
        ["build", str(EXAMPLES), "-o", str(tmp_path / "parts"), "--run-time", RUN_TIME]
        + ["--scheduler", f"local:{workers}", "--split", "1000"],
    )
    assert result.exit_code == 0, result.stderr
    parts = sorted((tmp_path / "parts").iterdir())
    assert len(parts) > 1 and b"".join(p.read_bytes() for p in parts) == one


@pytest.mark.model
def test_a_worker_killed_mid_build_is_retried_and_the_output_is_whole(
    tmp_path: Path, cluster: Cluster
) -> None:
    from distributed.diagnostics.plugin import WorkerPlugin

    marker = tmp_path / "killed"

    class KillOnce(WorkerPlugin):  # type: ignore[misc]
        """Kill the worker that starts the first extraction task (once)."""

        def transition(self, key: object, start: str, finish: str, **kwargs: object) -> None:
            if finish == "executing" and "kg-extract" in str(key) and not marker.exists():
                marker.write_text("x")
                os._exit(1)

    analyzer = Analyzer()
    options = Options()
    expected = build([str(EXAMPLES)], analyzer, options, started=RUN_TIME)
    cluster.client.register_plugin(KillOnce(), name="kill-once")
    try:
        result = build(
            [str(EXAMPLES)],
            analyzer,
            options,
            started=RUN_TIME,
            cluster=cluster,
            parts=str(tmp_path / "parts"),
        )
    finally:
        cluster.client.unregister_worker_plugin("kill-once")
    assert marker.exists()  # a worker did die
    assert result.counts == expected.counts and result.counts["documents"] == 4
    assert list(result.triples.lines()) == list(expected.triples.lines())


@pytest.mark.model
def test_a_cluster_reached_by_its_address_validates_on_its_workers(
    tmp_path: Path, cluster: Cluster
) -> None:
    remote = connect(cluster.client.scheduler.address)  # as a user's running scheduler
    try:
        assert remote.local is None and remote.workers == 2
        analyzer = Analyzer()
        expected = build([str(EXAMPLES)], analyzer, Options(), started=RUN_TIME)
        from distributed.diagnostics.plugin import WorkerPlugin

        log = tmp_path / "tasks"

        class TaskNames(WorkerPlugin):  # type: ignore[misc]
            """Note the name of every task a worker runs."""

            def transition(self, key: object, start: str, finish: str, **kwargs: object) -> None:
                if finish == "memory":
                    with log.open("a", encoding="utf-8") as handle:
                        handle.write(f"{key}\n")

        remote.client.register_plugin(TaskNames(), name="task-names")
        try:
            result = build(
                [str(EXAMPLES)],
                analyzer,
                Options(),
                started=RUN_TIME,
                cluster=remote,
                parts=str(tmp_path / "parts"),
            )
        finally:
            remote.client.unregister_worker_plugin("task-names")
    finally:
        remote.close()
    assert result.report is not None and expected.report is not None
    assert result.report.conforms and result.report == expected.report
    assert list(result.triples.lines()) == list(expected.triples.lines())
    ran = log.read_text(encoding="utf-8")
    assert "kg-extract" in ran and "_check_batch" in ran  # extraction and validation there


@pytest.mark.model
def test_a_rebuild_on_a_cluster_extracts_only_changed_partitions(
    tmp_path: Path, cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.build.cluster

    # About twelve partitions of 36 articles: with 12 articles, one changed key left no
    # partition whole for 3.5% of code fingerprints (the keys hold it), as it happened once.
    monkeypatch.setattr(kg.build.cluster, "PARTITION", 3)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(36):
        (corpus / f"a{n}.txt").write_text(
            f"The mayor of Tartu, Mari Kask, said on Monday that {n + 3} buses were added. "
            f"Officials in Narva said {n + 10} more would follow.",
            encoding="utf-8",
        )
    parts = str(tmp_path / "parts")
    analyzer = Analyzer()

    def run() -> int:
        done = build(
            [str(corpus)], analyzer, Options(), started=RUN_TIME, cluster=cluster, parts=parts
        )
        assert done.counts["documents"] == 36
        return done.cached

    assert run() == 0
    assert run() == 36  # every partition kept
    (corpus / "a5.txt").write_text("The mayor of Tartu said 99 buses were added.", "utf-8")
    kept = run()
    assert 0 < kept < 36  # the changed article's partitions only


def test_partitions_are_cut_by_content() -> None:
    keys = [f"{n:04d}" for n in range(2000)]
    before = partitions(keys, size=16)
    assert sorted(i for _, members in before for i in members) == list(range(2000))
    assert 60 < len(before) < 250  # about 2000 / 16
    changed = keys[:1000] + ["changed"] + keys[1001:]
    after = partitions(changed, size=16)
    assert len({k for k, _ in before} ^ {k for k, _ in after}) <= 4  # its own partition(s)
    assert partitions(list(reversed(keys)), size=16) != before  # indices differ...
    assert {k for k, _ in partitions(list(reversed(keys)), size=16)} == {k for k, _ in before}


def test_a_bad_scheduler_is_one_line() -> None:
    with pytest.raises(ClusterError, match="local:N with N from 1 to 256"):
        connect("local:0")
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        connect("tcp://127.0.0.1:9", timeout=2)
    result = CliRunner().invoke(
        main, ["build", str(EXAMPLES), "--scheduler", "tcp://127.0.0.1:9", "-o", "/tmp/x.ttl"]
    )
    assert result.exit_code == 2 and "--parts URL or --cache DIR" in result.stderr

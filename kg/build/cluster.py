"""The per-document part of a build on a Dask cluster.

`kg build --scheduler ADDRESS` (a running scheduler) or `--scheduler local:N` (a
`LocalCluster` of N single-threaded worker processes on 127.0.0.1) runs nlp, entities and
claims as Dask tasks over partitions of the articles, each worker loading the spaCy pipeline
once. A task writes its partition's extractions to one file (`kg.core.codec`, never a pickle)
on storage the workers and the client share (a folder, or an fsspec URL such as
`s3://bucket/kg`), named by a hash of its articles' cache keys: the same files are what a
rebuild reuses, so a rebuild on a cluster extracts only the partitions whose articles changed.

Partitions are cut by content, not by position: articles sorted by key, a cut after each key
whose hash falls in one bucket of `PARTITION` (about that many articles a partition), so an
article added, changed or removed changes its own partition only. The corpus-wide stages run
in the client process, as with `--jobs`; validation batches go to the cluster's workers.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from kg.build.extraction import extract
from kg.core.codec import decode, encode
from kg.core.model import Document, Extraction
from kg.nlp.analyzer import Analyzer

__all__ = [
    "PARTITION",
    "Cluster",
    "ClusterError",
    "connect",
    "extract_on_cluster",
    "extractions_on_cluster",
    "partitions",
]

# Articles a partition holds on average. Sizes vary (a cut falls where a key's hash says), and
# the build waits for the last: at 64, 1,000 articles took 1.25x as long on two workers as
# in a process pool, at 16 1.14x (bench/README.md). Smaller partitions also re-extract fewer
# articles when one changes; they cost a file each.
PARTITION = 16

# The loaded pipeline of a worker, by model name: loaded by the worker's first task.
_ANALYZERS: dict[str, Analyzer] = {}


class ClusterError(Exception):
    """The cluster cannot be used: Dask is not installed, or the scheduler cannot be reached."""


@dataclass
class Cluster:
    """A Dask client (and the LocalCluster it started, if any)."""

    client: Any
    local: Any = None

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {}))

    @property
    def validators(self) -> int:
        """How many processes validate a build's batches: one per worker, at most 16 (each
        holds a few batches in flight: kg.validation.batches)."""
        return min(self.workers, 16)

    def executor(self) -> Executor:
        """A concurrent.futures executor whose tasks run on the cluster's workers."""
        executor: Executor = self.client.get_executor()
        return executor

    def close(self) -> None:
        self.client.close()
        if self.local is not None:
            self.local.close()


def connect(scheduler: str, *, timeout: float = 30.0) -> Cluster:
    """Connect to `scheduler` ("local:N" starts N single-threaded workers on 127.0.0.1)."""
    try:
        import dask
        import distributed
    except ImportError as exc:
        raise ClusterError(
            "--scheduler needs Dask: pip install 'newskg[dask]' (dask and distributed)"
        ) from exc
    if scheduler.startswith("local:"):
        count = scheduler.removeprefix("local:")
        if not count.isdigit() or not 0 < int(count) <= 256:
            raise ClusterError(f"--scheduler {scheduler!r}: give local:N with N from 1 to 256")
        # Workers take their configuration from here as they start. Dask's profiler samples
        # each worker's stack every 10 ms, on the one core a worker has; and the nanny's
        # MALLOC_TRIM_THRESHOLD_ pins glibc's mmap threshold, so the model's large arrays
        # are mapped and unmapped batch after batch (workers 10% slower at 1,000 articles).
        environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
        environ.pop("MALLOC_TRIM_THRESHOLD_", None)
        with dask.config.set(
            {
                "distributed.worker.profile.enabled": False,
                "distributed.nanny.pre-spawn-environ": environ,
            }
        ):
            local = distributed.LocalCluster(
                n_workers=int(count),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                # the scheduler's HTTP server (health, metrics) still listens: on a free
                # loopback port, not 8787, so that two builds on one machine both start
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.ERROR,
            )
        return Cluster(distributed.Client(local), local)
    try:
        client = distributed.Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(
            f"--scheduler {scheduler!r}: cannot reach the Dask scheduler ({exc}); "
            "is it running (dask scheduler), and is the address tcp://HOST:PORT?"
        ) from exc
    return Cluster(client)


def partitions(keys: Sequence[str], size: int = PARTITION) -> list[tuple[str, list[int]]]:
    """Articles (by index) in content-defined partitions, each with the hash of its keys."""
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    out: list[tuple[str, list[int]]] = []
    members: list[int] = []
    for i in order:
        members.append(i)
        if int(hashlib.sha256(keys[i].encode()).hexdigest()[:8], 16) % size == 0:
            out.append((_partition_key(keys, members), members))
            members = []
    if members:
        out.append((_partition_key(keys, members), members))
    return out


def _partition_key(keys: Sequence[str], members: list[int]) -> str:
    return hashlib.sha256("\x1f".join(keys[i] for i in members).encode()).hexdigest()[:32]


def extractions_on_cluster(
    cluster: Cluster,
    documents: Sequence[Document],
    keys: Sequence[str],
    model: str,
    batch_size: int,
    store: str,
    on_document: Callable[[Document], None] = lambda d: None,
) -> tuple[list[Extraction], int]:
    """Every article's Extraction in input order, and how many kept partitions gave."""
    found: dict[int, Extraction] = {}
    kept = 0
    for i, extraction, reused in extract_on_cluster(
        cluster, documents, keys, model, batch_size, store
    ):
        if extraction.document != documents[i]:
            raise ClusterError(
                f"a partition in {store} holds another text for {documents[i].source}"
            )
        found[i] = extraction
        kept += reused
        on_document(extraction.document)
        if len(found) % 256 == 0:
            gc.freeze()  # what the next stages keep is out of the collector's sight
    return [found[i] for i in range(len(documents))], kept


def extract_on_cluster(
    cluster: Cluster,
    documents: Sequence[Document],
    keys: Sequence[str],
    model: str,
    batch_size: int,
    store: str,
) -> Iterator[tuple[int, Extraction, bool]]:
    """Each article's Extraction with its index and whether a kept partition gave it,
    as the partitions end (not in order). `store` is the shared folder or URL."""
    import fsspec
    from distributed import as_completed

    fs, root = fsspec.core.url_to_fs(store)
    fs.makedirs(root, exist_ok=True)
    futures = {}
    for key, members in partitions(keys, PARTITION):
        path = f"{root.rstrip('/')}/{key}.kgx"
        if fs.exists(path):
            entries = _read(fs, path)
            if entries is not None and all(keys[i] in entries for i in members):
                for i in members:
                    yield i, entries[keys[i]], True
                continue
        future = cluster.client.submit(
            _extract_partition,
            model,
            batch_size,
            [documents[i] for i in members],
            [keys[i] for i in members],
            store,
            path,
            key=f"kg-extract-{key}",
            pure=False,
        )
        futures[future] = members
    for future in as_completed(futures):
        path = future.result()
        entries = _read(fs, path)
        if entries is None:
            raise ClusterError(f"{path}: a worker's partition cannot be read back")
        for i in futures[future]:
            yield i, entries[keys[i]], False


def _read(fs: Any, path: str) -> dict[str, Extraction] | None:
    try:
        with fs.open(path, "rb") as handle:
            value = decode(handle.read())
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _extract_partition(
    model: str,
    batch_size: int,
    documents: list[Document],
    keys: list[str],
    store: str,
    path: str,
) -> str:
    """On a worker: extract a partition's articles and write them to `path`; return it."""
    import fsspec

    analyzer = _ANALYZERS.get(model)
    if analyzer is None:
        analyzer = _ANALYZERS[model] = Analyzer(model)
    found = [e for e, _ in extract(documents, analyzer, 1, batch_size, {})]
    data = encode(dict(zip(keys, found, strict=True)))
    fs, _ = fsspec.core.url_to_fs(store)
    temporary = f"{path}.{uuid.uuid4().hex}.tmp"  # a rename makes the file appear whole
    with fs.open(temporary, "wb") as handle:
        handle.write(data)
    try:
        fs.mv(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            if fs.exists(temporary):
                fs.rm(temporary)
    return path

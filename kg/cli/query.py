"""`kg query` and `kg load`: saved queries and triple stores."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from kg.store.remote import RemoteStore

from kg.cli.errors import EXIT_NONCONFORMING, fail

__all__ = ["file_graph", "load_command", "query_command"]


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        try:
            pair.encode("utf-8")
        except UnicodeEncodeError as exc:  # bytes the terminal's encoding could not decode
            fail(
                f"--param {pair.encode('utf-8', 'surrogateescape')[:80]!r} is not valid UTF-8 "
                f"at byte {len(pair[: exc.start].encode('utf-8', 'surrogateescape'))}; "
                "pass UTF-8 text"
            )
        if not sep or not name.strip():
            fail(
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
) -> RemoteStore:
    from kg.store.remote import RemoteStore
    from kg.store.stores import StoreError

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
        fail(str(exc))


def _one_source(graphs: tuple[Path, ...], store: Path | None, endpoint: str | None) -> None:
    given = sum(1 for x in (bool(graphs), store is not None, endpoint is not None) if x)
    if given != 1:
        fail(
            "give exactly one of: graph files, --store DIR, --endpoint URL; "
            "e.g. kg query documents graph.ttl"
        )


@click.command("query")
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
    """Run a saved query (by name) or a query file on graph files, the embedded store or an
    endpoint.

    Graph files are loaded into a temporary in-memory store; TriG/N-Quads keep their named
    graphs and every query sees the union of all graphs.

    \b
    Example:
      kg query --list
      kg query claims-by-claimant graph.ttl --param claimant='Ana Petrenko'
      kg query documents --store kgstore --format csv
    """
    from kg.store.queries import QueryError, describe_query, list_queries, load_query, run_query
    from kg.store.stores import EmbeddedStore, StoreError
    from kg.store.tables import format_table

    try:
        if list_queries_:
            saved = list_queries()
            width = max((len(q.name) for q in saved), default=0)
            for q in saved:
                click.echo(f"{q.name.ljust(width)}  {q.purpose}")
            return
        if not query_name:
            fail("name a saved query or a .rq file; `kg query --list` shows the saved ones")
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
                fail(f"{store}: no store there; fill one with `kg load GRAPH.ttl --store {store}`")
            source = EmbeddedStore(store, read_only=True)
        else:
            memory = EmbeddedStore.in_memory()
            for path in graphs:
                if not path.is_file():
                    fail(f"{path}: no such graph file")
                memory.load_file(
                    path,
                    graph=None if path.suffix.lower() in (".trig", ".nq") else file_graph(path),
                )
            source = memory
        table = run_query(saved_query, source, values)
        if isinstance(source, EmbeddedStore):
            source.close()
    except (QueryError, StoreError) as exc:
        fail(str(exc))
    click.echo(format_table(table, fmt, terminal=sys.stdout.isatty()), nl=False)  # type: ignore[arg-type]
    if fmt == "table" and sys.stderr.isatty():
        click.echo(f"({len(table.rows)} rows)", err=True)


def file_graph(path: Path) -> str:
    from kg.store.stores import file_graph_iri

    return file_graph_iri(path)


@click.command("load")
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
    Turtle/N-Triples file goes into one named graph (--graph, else its file: IRI). A folder
    of parts (`kg build --split`) is one graph: its parts are validated and loaded together
    (N-Triples parts into --graph, else the folder's file: IRI). Each named graph is emptied
    before it is loaded, so loading again never duplicates. A graph that fails the SHACL
    shapes is refused (exit 1) unless --force.

    \b
    Example:
      kg load graph.trig --store kgstore
      kg load graph-parts/ --store kgstore
      kg load graph.ttl --endpoint http://127.0.0.1:8890/sparql-auth --user dba --graph https://example.org/news
    """
    from kg.cli.graphs import graph_inputs
    from kg.store.stores import EmbeddedStore, StoreError, read_quads
    from kg.validation.shacl import validate_triples

    if (store is None) == (endpoint is None and gsp_endpoint is None):
        fail(
            "give --store DIR or --endpoint URL (or --gsp URL); "
            "e.g. kg load graph.trig --store kgstore"
        )
    # One unit per argument: a file, or a folder's parts, validated and loaded as one graph.
    units = [(path, graph_inputs((path,))) for path in graph_files]
    with_triples = [
        path
        for path, files in units
        if any(f.suffix.lower() not in (".trig", ".nq") for f in files)
    ]
    if graph_iri is not None:
        if len(with_triples) > 1:
            fail("--graph names one graph: load one Turtle/N-Triples file at a time with it")
        if not graph_iri.startswith(("http://", "https://", "urn:", "file:")) or any(
            c in graph_iri for c in ' <>"{}|\\^`'
        ):
            fail(
                f"--graph {graph_iri[:80]!r} is not an absolute IRI; use e.g. https://example.org/graphs/news"
            )
    target = None
    clock = time.perf_counter()
    total, graphs = 0, 0
    try:
        for path, files in units:
            default = (graph_iri or file_graph(path)) if path in with_triples else None
            quads = [q for f in files for q in read_quads(f, graph=default)]
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
        fail(str(exc))
    finally:
        if isinstance(target, EmbeddedStore):
            target.close()
    if not quiet:
        where = store if store is not None else (gsp_endpoint or endpoint)
        click.echo(
            f"kg: loaded {total} quads in {graphs} named graphs into {where}, "
            f"{time.perf_counter() - clock:.1f} s",
            err=True,
        )

"""`kg report`: one self-contained HTML page about built graphs."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from kg.cli.errors import EXIT_NONCONFORMING, fail, writing

__all__ = ["report_command"]


@click.command("report")
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
            fail(f"{path}: no such graph file; pass a graph built with `kg build`")
    try:
        store, validation = load_graphs(list(graph_files), validate=not no_validate)
        page = collect_page(store, validation, title=title or "")
    except (QueryError, StoreError) as exc:
        fail(str(exc))
    data = render_page(page).encode("utf-8")
    with writing(output):
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_atomically(data, output)
    if not quiet:
        click.echo(
            f"kg: report of {len(page.documents)} documents, {page.claims} claims, "
            f"{len(page.disputes)} disputed quantities, {page.validation}; "
            f"{len(data):,} bytes to {output or 'stdout'}, {time.perf_counter() - clock:.1f} s",
            err=True,
        )
    if validation is not None and not validation.conforms:
        raise SystemExit(EXIT_NONCONFORMING)

"""`kg link`, `kg kb import` and `kg validate`: commands over a built graph file."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.build import format_for, open_linking_source
from kg.cli.errors import EXIT_NONCONFORMING, EXIT_OK, fail, writing
from kg.core.errors import first_line

__all__ = ["graph_inputs", "kb", "link", "read_graph", "validate"]


def read_graph(path: Path):  # type: ignore[no-untyped-def]
    from kg.core.vocab import new_graph

    if not path.is_file():
        fail(f"{path}: no such file; pass a graph built with `kg build`")
    graph = new_graph()
    try:
        graph.parse(path, format=_rdflib_format(path))
    except Exception as exc:
        fail(f"{path}: cannot parse ({first_line(exc)}); is it RDF?")
    return graph


@click.command()
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
        fail("name a source: --kb DB, --endpoint URL or --cache DIR")
    graph = read_graph(graph_file)
    source = open_linking_source(kb, endpoint, cache)
    entities = [e for e in read_entities(graph) if not e.qid]
    report = link_entities(entities, source)
    added = add_links(graph, report.entities, base_iri or DEFAULT_BASE)
    with writing(output):
        write_graph(graph, output, format_for(output, None))
    click.echo(f"kg: {report.summary()}; {added} new links", err=True)


@click.group()
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
        fail(f"{source}: no such file; pass a Wikidata JSON dump, N-Triples or Turtle file")
    try:
        count = import_kb(source, db, kind=kind, min_sitelinks=min_sitelinks)
    except KbImportError as exc:
        fail(str(exc))
    click.echo(f"kg: imported {count:,} items into {db}", err=True)


@click.command()
@click.argument("graph_files", nargs=-1, required=True, type=click.Path(path_type=Path))
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
def validate(
    graph_files: tuple[Path, ...], extra: tuple[Path, ...], engine: str, limit: int
) -> None:
    """Validate a graph against the project's SHACL shapes (plus --shapes).

    The graph is the union of the files given: graph files, or folders of parts that
    `kg build --split` wrote. Exits 0 when it conforms, 1 when it does not, 2 when it
    cannot be read.

    \b
    Example:
      kg validate graph.ttl --shapes my-extra-shapes.ttl
      kg validate graph-parts/
    """
    from kg.validation.shacl import ShapesError, load_shapes, validate_graph, validate_triples

    for path in extra:
        if not path.is_file():
            fail(f"{path}: no such shapes file")
    files = graph_inputs(graph_files)
    named = ", ".join(str(p) for p in graph_files)
    if engine == "fast" and not extra:
        # Read with Oxigraph and validate from N-Triples text: no rdflib graph of a large file.
        from kg.store.stores import StoreError, file_graph_iri, read_quads

        quads = []
        try:
            for path in files:
                quads += read_quads(path, graph=file_graph_iri(path))
        except StoreError as exc:
            fail(f"{exc}; is it RDF?")
        report = validate_triples(quads)
        click.echo(f"{named}: {len({q.triple for q in quads})} triples")
        click.echo(report.summary(limit=limit))
        raise SystemExit(EXIT_OK if report.conforms else EXIT_NONCONFORMING)
    graph = read_graph(files[0])
    for path in files[1:]:
        graph += read_graph(path)
    try:
        shapes = load_shapes(extra)
    except ShapesError as exc:
        fail(str(exc))
    report = validate_graph(graph, shapes=shapes, engine=engine)  # type: ignore[arg-type]
    click.echo(f"{named}: {len(graph)} triples")
    click.echo(report.summary(limit=limit))
    raise SystemExit(EXIT_OK if report.conforms else EXIT_NONCONFORMING)


def graph_inputs(paths: tuple[Path, ...]) -> list[Path]:
    """The graph files named: each file, and the parts of each folder `kg build --split`
    wrote, in order. A missing path, or a folder without parts or with other files, is a
    one-line error."""
    from kg.core.formats import part_files

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            parts, others = part_files(path)
            if others or not parts:
                what = f"holds {others[0].name}" if others else "holds no part-NNNNN.nq/.nt files"
                fail(f"{path}: {what}; give graph files or a folder `kg build --split` wrote")
            files += parts
        elif path.is_file():
            files.append(path)
        else:
            fail(f"{path}: no such graph file; pass a graph built with `kg build`")
    return files


def _rdflib_format(path: Path) -> str:
    return {
        ".nt": "nt",
        ".trig": "trig",
        ".nq": "nquads",
        ".jsonld": "json-ld",
        ".json": "json-ld",
    }.get(path.suffix.lower(), "turtle")

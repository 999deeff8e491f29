"""The stores: loading replaces instead of duplicating, SHACL gates loading, and every saved
query gives the same rows on rdflib, the embedded store, an Oxigraph server and Virtuoso."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.cli import main
from kg.core.model import Run
from kg.rdf.serialise import serialize_graph, write_graph
from kg.rdf.triples import build_graph
from kg.store.queries import list_queries, run_query
from kg.store.remote import RemoteStore
from kg.store.stores import EmbeddedStore, StoreError, Table
from tests.conftest import BASE, RUN_TIME, free_port, oxigraph_binary, serve
from tests.query_corpus import rich_corpus

PARAMS = {"outlets-silent-on-claimant": {"claimant": "Ana Petrenko"}}
LOCAL_ONLY = {"wikidata-labels-federated"}  # needs a Wikidata endpoint: tested on its own


def _graph() -> Graph:
    return build_graph(rich_corpus(), Run("t", "m", "0", RUN_TIME), BASE)


def _quads(graph: Graph) -> list[pyoxigraph.Quad]:
    data = serialize_graph(graph, "nquads", base=BASE)
    return list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_QUADS))  # type: ignore[arg-type]


def _sorted(table: Table) -> list[tuple[str, ...]]:
    """Rows as N-Triples terms, sorted: engines may order ties differently."""
    return sorted(tuple("" if t is None else t.n3() for t in row) for row in table.rows)


def _count(store: EmbeddedStore | RemoteStore) -> int:
    table = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(table.rows[0][0])  # type: ignore[arg-type]


# ---------------------------------------------------------------- embedded


def test_embedded_reload_replaces_document_graphs(tmp_path: Path) -> None:
    graph = _graph()
    store = EmbeddedStore(tmp_path / "store")
    first = store.load_quads(_quads(graph))
    store.load_quads(_quads(graph))
    assert _count(store) == len(graph) == first.quads
    assert set(store.graph_names()) == {
        BASE + "build",
        BASE + "doc/north",
        BASE + "doc/herald",
        BASE + "doc/coast",
    }

    # Re-extract one article with a changed title: its old title is gone, not kept beside it.
    corpus = rich_corpus()
    changed = replace(
        corpus,
        documents=(replace(corpus.documents[0], title="A new headline"), *corpus.documents[1:]),
    )
    store.load_quads(_quads(build_graph(changed, Run("t", "m", "0", RUN_TIME), BASE)))
    titles = store.select(
        "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?t WHERE { ?d dcterms:title ?t }"
    )
    assert [str(row[0]) for row in titles.rows] == ["A new headline"]


def test_turtle_file_goes_into_one_replaceable_graph(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    write_graph(_graph(), path, "turtle", base=BASE)
    store = EmbeddedStore(tmp_path / "store")
    store.load_file(path, graph="https://example.org/graphs/news")
    store.load_file(path, graph="https://example.org/graphs/news")
    assert store.graph_names() == ["https://example.org/graphs/news"]
    assert _count(store) == len(_graph())
    with pytest.raises(StoreError, match="--graph"):
        store.load_file(path)


@pytest.mark.parametrize(
    "query", [q for q in list_queries() if q.name not in LOCAL_ONLY], ids=lambda q: q.name
)
def test_embedded_store_gives_the_rows_rdflib_gives(query, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph = _graph()
    store = EmbeddedStore(tmp_path / "store")
    store.load_quads(_quads(graph))
    expected = run_query(query, graph, PARAMS.get(query.name))
    assert expected.rows, f"{query.name} gives no rows on the test graph: it tests nothing"
    assert _sorted(run_query(query, store, PARAMS.get(query.name))) == _sorted(expected)


# ---------------------------------------------------------------- kg load


def test_cli_load_twice_does_not_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "g.trig"
    write_graph(_graph(), path, "trig", base=BASE)
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(main, ["load", str(path), "--store", str(tmp_path / "st"), "-q"])
        assert result.exit_code == 0, result.output
    assert _count(EmbeddedStore(tmp_path / "st")) == len(_graph())
    out = runner.invoke(
        main,
        [
            "query",
            "outlets-silent-on-claimant",
            "--store",
            str(tmp_path / "st"),
            "-p",
            "claimant=Ana Petrenko",
            "--format",
            "csv",
        ],
    )
    assert out.output.splitlines() == ["outlet,documents", "Coastal Times,1"]


def test_cli_load_refuses_a_nonconforming_graph_unless_forced(tmp_path: Path) -> None:
    graph = _graph()
    person = next(graph.subjects(RDFS.label, Literal("Ana Petrenko")))
    graph.add((person, RDFS.label, Literal("A second preferred name")))  # exactly one label allowed
    path = tmp_path / "bad.ttl"
    write_graph(graph, path, "turtle", base=BASE)
    runner = CliRunner()
    refused = runner.invoke(main, ["load", str(path), "--store", str(tmp_path / "st")])
    assert refused.exit_code == 1
    assert "rdfs:label" in refused.output and "--force" in refused.output
    assert not (tmp_path / "st").exists() or _count(EmbeddedStore(tmp_path / "st")) == 0
    forced = runner.invoke(main, ["load", str(path), "--store", str(tmp_path / "st"), "--force"])
    assert forced.exit_code == 0, forced.output
    assert _count(EmbeddedStore(tmp_path / "st")) == len(graph)


def test_cli_unreachable_endpoint_is_one_line_and_exit_2() -> None:
    port = free_port()  # nothing listens there
    for args in (["query", "documents", "--endpoint", f"http://127.0.0.1:{port}/query"],):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "cannot reach" in lines[0] and "Traceback" not in result.output


# ---------------------------------------------------------------- servers


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Oxigraph server on 127.0.0.1; yields its base URL (…/query, /update, /store)."""
    binary = oxigraph_binary()
    port = free_port()
    store = tmp_path_factory.mktemp("oxigraph-store")
    with serve(
        [binary, "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
        f"http://127.0.0.1:{port}/",
        what="oxigraph serve",
        seconds=10,
    ):
        yield f"http://127.0.0.1:{port}"


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
MaxStaticCursorRows = 5000
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 10
ServerThreads = 10
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Virtuoso 7 on 127.0.0.1 with a fresh database; yields its HTTP base URL."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip(
            "virtuoso-t is absent: apt-get install virtuoso-opensource (.ci/install-system does)"
        )
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(
        _VIRTUOSO_INI.format(d=folder, sql=sql, http=http), encoding="utf-8"
    )
    with serve(
        [binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        f"http://127.0.0.1:{http}/sparql?query=ASK%7B%7D",
        what="virtuoso-t",
        seconds=60,
        cwd=folder,
    ):
        yield f"http://127.0.0.1:{http}"


@pytest.fixture(scope="module", params=["oxigraph-update", "oxigraph-gsp", "virtuoso"])
def loaded_server(request: pytest.FixtureRequest) -> RemoteStore:
    """A real server with the test graph loaded twice through kg.store.stores (reload must
    replace)."""
    if request.param.startswith("oxigraph"):
        base = request.getfixturevalue("oxigraph_server")
        store = RemoteStore(
            f"{base}/query",
            update_url=f"{base}/update",
            gsp_url=f"{base}/store" if request.param.endswith("gsp") else None,
            union_default_graph=True,
        )
        if request.param.endswith("gsp"):  # the two oxigraph variants share a server
            store.update("CLEAR ALL")
    else:
        base = request.getfixturevalue("virtuoso_server")
        store = RemoteStore(f"{base}/sparql-auth", user="dba", password="dba")
    quads = _quads(_graph())
    store.load_quads(quads)
    store.load_quads(quads)
    return store


@pytest.mark.server
def test_server_reload_does_not_duplicate(loaded_server: RemoteStore) -> None:
    graph_iris = [BASE + "build", BASE + "doc/north", BASE + "doc/herald", BASE + "doc/coast"]
    values = " ".join(URIRef(g).n3() for g in graph_iris)
    table = loaded_server.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    assert int(table.rows[0][0]) == len(_graph())  # type: ignore[arg-type]


@pytest.mark.server
@pytest.mark.parametrize(
    "query", [q for q in list_queries() if q.name not in LOCAL_ONLY], ids=lambda q: q.name
)
def test_server_gives_the_rows_rdflib_gives(loaded_server: RemoteStore, query) -> None:  # type: ignore[no-untyped-def]
    expected = run_query(query, _graph(), PARAMS.get(query.name))
    assert _sorted(run_query(query, loaded_server, PARAMS.get(query.name))) == _sorted(expected)


@pytest.mark.server
def test_federated_labels_from_a_local_wikidata_endpoint(
    oxigraph_server: str, tmp_path: Path
) -> None:
    """The federated query reads labels from a Wikidata-shaped endpoint on 127.0.0.1."""
    wikidata = RemoteStore(f"{oxigraph_server}/query", update_url=f"{oxigraph_server}/update")
    wikidata.update(
        "INSERT DATA { <http://www.wikidata.org/entity/Q4242> "
        '<http://www.w3.org/2000/01/rdf-schema#label> "Port Mirow"@en , "Port-Mirow"@de .'
        " <http://www.wikidata.org/entity/Q4343> "
        '<http://www.w3.org/2000/01/rdf-schema#label> "Army of Ruritania"@en }'
    )
    query = next(q for q in list_queries() if q.name == "wikidata-labels-federated")
    params = {"wikidata": f"{oxigraph_server}/query"}
    store = EmbeddedStore(tmp_path / "store")
    store.load_quads(_quads(_graph()))
    for source in (_graph(), store):
        table = run_query(query, source, params)  # type: ignore[arg-type]
        rows = [(str(r[0]), str(r[1]), str(r[2])) for r in table.rows]
        assert rows == [
            ("Port Mirow", "Q4242", "Port Mirow"),
            ("Ruritanian Army", "Q4343", "Army of Ruritania"),
        ]


def test_replacing_empties_the_store_before_loading(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.load_quads(_quads(_graph()))
    old = pyoxigraph.Quad(
        pyoxigraph.NamedNode("https://example.org/old"),
        pyoxigraph.NamedNode("https://example.org/p"),
        pyoxigraph.Literal("x"),
        pyoxigraph.NamedNode("https://example.org/g"),
    )
    store.load_quads([old])
    with store.replacing() as handle:
        handle.write(serialize_graph(_graph(), "nquads", base=BASE))
    names = store.graph_names()
    assert "https://example.org/g" not in names and BASE + "build" in names
    assert len(store) == len(_graph())
    rows = store.select(
        "SELECT ?label WHERE { ?p a <https://w3id.org/newskg/ontology#Person> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    ).rows
    assert ("Ana Petrenko",) in {tuple(str(c) for c in r) for r in rows}


# ---------------------------------------------------------------- replacing safely (issue 21)


def _filled(folder: Path) -> EmbeddedStore:
    store = EmbeddedStore(folder)
    with store.replacing() as handle:
        handle.write(b'<http://e/a> <http://e/p> "kept" <http://e/g> .\n')
    return store


def _values(store: EmbeddedStore) -> set[str]:
    return {str(r[0]) for r in store.select("SELECT ?o WHERE { ?s ?p ?o }").rows}


def test_a_failed_replacement_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = _filled(tmp_path / "kgstore")
    with pytest.raises(RuntimeError), store.replacing() as handle:
        handle.write(b'<http://e/a> <http://e/p> "new" <http://e/g> .\n')
        raise RuntimeError("the build failed half-way")
    assert _values(store) == {"kept"}
    with pytest.raises(StoreError, match="left as it was"), store.replacing() as handle:
        handle.write(b"this is not N-Quads\n")
    assert _values(store) == {"kept"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kgstore"]
    del store
    assert _values(EmbeddedStore(tmp_path / "kgstore")) == {"kept"}


def test_a_replacement_killed_between_its_renames_is_finished_by_the_next_open(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    store = _filled(tmp_path / "kgstore")
    del store
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # killed after the old store was moved aside, before the new one took its place
    (tmp_path / "kgstore").rename(tmp_path / f".kgstore.old-{dead}")
    (tmp_path / f".kgstore.new-{dead}").mkdir()
    assert _values(EmbeddedStore(tmp_path / "kgstore")) == {"kept"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kgstore"]


def test_a_held_store_is_waited_for_and_read_only_queries_share_it(tmp_path: Path) -> None:
    import subprocess
    import sys

    _filled(tmp_path / "kgstore")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import pyoxigraph, sys, time; s = pyoxigraph.Store(sys.argv[1]); "
            "print('held', flush=True); time.sleep(1.5)",
            str(tmp_path / "kgstore"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.stdout.close()
    reader = EmbeddedStore(tmp_path / "kgstore", read_only=True)  # at once, beside the writer
    assert _values(reader) == {"kept"}
    with pytest.raises(StoreError, match="another process is loading it"):
        EmbeddedStore(tmp_path / "kgstore", wait=0.2)
    assert _values(EmbeddedStore(tmp_path / "kgstore", wait=10)) == {"kept"}  # waited
    holder.wait()

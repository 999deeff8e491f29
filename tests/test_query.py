"""Saved queries: each parses, declares its columns, and returns the rows a reader expects;
parameters are bound as terms, never pasted as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from kg.cli import main
from kg.core.model import Run
from kg.rdf.serialise import write_graph
from kg.rdf.triples import build_graph
from kg.store.queries import (
    ParameterError,
    QueryNotFound,
    QuerySyntaxError,
    bind_parameters,
    check_syntax,
    list_queries,
    load_query,
    parse_query,
    run_query,
    substitute_parameters,
)
from kg.store.stores import Table
from kg.store.tables import format_table
from tests.conftest import BASE, EXAMPLES, RUN_TIME, sample_corpus
from tests.query_corpus import rich_corpus

GRAPH = build_graph(rich_corpus(), Run("t", "m", "0", RUN_TIME), BASE)


def _rows(name: str, *columns: str, **params: str) -> list[tuple[str, ...]]:
    """The named columns of a saved query's rows on the test graph, as plain strings."""
    table = run_query(load_query(name), GRAPH, params)
    index = [table.columns.index(c) for c in columns]
    return [tuple("" if row[i] is None else str(row[i]) for i in index) for row in table.rows]


# ---------------------------------------------------------------- resources


def test_there_are_at_least_twelve_saved_queries() -> None:
    assert len(list_queries()) >= 12


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_each_saved_query_parses_and_declares_purpose_and_columns(query) -> None:  # type: ignore[no-untyped-def]
    check_syntax(query)
    assert query.purpose and "\n" not in query.purpose
    projected = [str(v) for v in prepareQuery(query.text).algebra["PV"]]
    assert [name for name, _ in query.columns] == projected
    assert all(meaning for _, meaning in query.columns) and all(p.meaning for p in query.parameters)
    variables = {f"?{p.name}" for p in query.parameters}
    assert all(v in query.text.split("SELECT", 1)[1] for v in variables)


# ---------------------------------------------------------------- rows


def test_claims_by_claimant() -> None:
    assert _rows(
        "claims-by-claimant",
        "claimant",
        "content",
        "cue",
        "certainty",
        "documents",
        claimant="Ana Petrenko",
    ) == [
        ("Ana Petrenko", "12 drones were shot down over Port Mirow", "said", "asserted", "1"),
        ("Ana Petrenko", "15 drones were shot down over Port Mirow", "said", "asserted", "1"),
    ]
    everyone = _rows("claims-by-claimant", "claimant", "certainty", "documents")
    assert ("Ivo Brandt", "hedged", "1") in everyone and (
        "Ruritanian Army",
        "asserted",
        "2",
    ) in everyone


def test_claims_by_claimant_on_the_sample_corpus() -> None:
    graph = build_graph(sample_corpus(), Run("t", "m", "0", RUN_TIME), BASE)
    table = run_query(load_query("claims-by-claimant"), graph, {"claimant": "Ana Petrenko"})
    assert [(str(r[0]), str(r[2]), str(r[6])) for r in table.rows] == [
        ("Ana Petrenko", "12 drones were shot down", "2")
    ]


def test_numeric_claims_about_a_place() -> None:
    assert _rows(
        "numeric-claims-about",
        "kind",
        "value",
        "approximate",
        "claimant",
        "outlet",
        "published",
        about="Port Mirow",
    ) == [
        ("drones-downed", "9.0", "true", "Ivo Brandt", "Coastal Times", ""),
        ("drones-downed", "12.0", "false", "Ana Petrenko", "Northern Wire", "2024-05-02"),
        ("drones-downed", "15.0", "false", "Ana Petrenko", "Daily Herald", "2024-05-03"),
    ]


def test_conflicting_claims_side_by_side() -> None:
    rows = _rows("conflicting-claims", "claimantA", "valueA", "claimantB", "valueB")
    # each pair once, in either order
    pairs = sorted(tuple(sorted([(a, va), (b, vb)])) for a, va, b, vb in rows)
    assert pairs == [
        (("Ana Petrenko", "12.0"), ("Ana Petrenko", "15.0")),
        (("Ana Petrenko", "12.0"), ("Ivo Brandt", "9.0")),
        (("Ana Petrenko", "15.0"), ("Ivo Brandt", "9.0")),
    ]


def test_claim_revisions_over_time() -> None:
    assert _rows(
        "claim-revisions", "claimant", "earlierValue", "earlierDate", "laterValue", "laterDate"
    ) == [
        ("Ana Petrenko", "12.0", "2024-05-02", "15.0", "2024-05-03"),
    ]


def test_outlets_by_claim_and_outlets_silent_on_a_claimant() -> None:
    assert _rows("outlets-by-claim", "content", "outlet", claimant="Ruritanian Army") == [
        ("it launched 30 Kestrel drones", "Daily Herald"),
        ("it launched 30 Kestrel drones", "Northern Wire"),
    ]
    assert _rows("outlets-silent-on-claimant", "outlet", claimant="Ana Petrenko") == [
        ("Coastal Times",)
    ]
    assert _rows("outlets-silent-on-claimant", "outlet", claimant="Ivo Brandt") == [
        ("Daily Herald",),
        ("Northern Wire",),
    ]


def test_entities_by_outlets() -> None:
    rows = _rows("entities-by-outlets", "label", "outlets", "documents", "mentions")
    assert rows[0] == ("Port Mirow", "3", "3", "3")
    assert ("Ruritanian Army", "2", "2", "2") in rows
    assert _rows("entities-by-outlets", "label", type="kg:Person") == [
        ("Ana Petrenko",),
        ("Ivo Brandt",),
    ]


def test_person_affiliations_are_the_role_and_organisation_the_text_gives() -> None:
    assert _rows("person-affiliations", "person", "role", "organisation", "documents") == [
        ("Ana Petrenko", "Governor", "", "1"),
        ("Ivo Brandt", "", "Mirow City Council", "1"),
    ]
    assert _rows("person-affiliations", "role", person="Ana Petrenko") == [("Governor",)]


def test_weapons_and_who_mentions_them() -> None:
    assert _rows("weapons", "weapon", "via", "source", "count") == [
        ("Kestrel", "claimant", "Ruritanian Army", "1"),
        ("Kestrel", "outlet", "Northern Wire", "1"),
    ]


def test_provenance_of_a_wikidata_link() -> None:
    port = next(
        GRAPH.subjects(URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Port Mirow"))
    )
    rows = _rows(
        "provenance",
        "object",
        "document",
        "begin",
        "end",
        "text",
        "method",
        "confidence",
        subject=str(port),
        predicate="owl:sameAs",
    )
    assert rows == [
        (
            "http://www.wikidata.org/entity/Q4242",
            BASE + "doc/coast",
            "0",
            "10",
            "Port Mirow",
            "kb-label",
            "0.8",
        ),
        (
            "http://www.wikidata.org/entity/Q4242",
            BASE + "doc/herald",
            "50",
            "60",
            "Port Mirow",
            "kb-label",
            "0.8",
        ),
        (
            "http://www.wikidata.org/entity/Q4242",
            BASE + "doc/north",
            "57",
            "67",
            "Port Mirow",
            "kb-label",
            "0.8",
        ),
    ]
    for _, doc, begin, end, text, _, _ in rows:  # the offsets slice the document to the text
        assert (
            str(
                GRAPH.value(
                    URIRef(doc),
                    URIRef(
                        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"
                    ),
                )
            )[int(begin) : int(end)]
            == text
        )


def test_unlinked_entities_and_wikidata_ids() -> None:
    assert _rows("unlinked-entities", "label", "mentions") == [
        ("Ana Petrenko", "2"),
        ("Ivo Brandt", "1"),
        ("Kestrel", "1"),
        ("Mirow City Council", "1"),
    ]
    assert _rows("wikidata-ids", "label", "qid", "method", "confidence") == [
        ("Port Mirow", "Q4242", "kb-label", "0.8"),
        ("Ruritanian Army", "Q4343", "kb-alias", "0.95"),
    ]


def test_documents_and_entity_merges() -> None:
    assert _rows("documents", "identifier", "publisher", "published", "claims") == [
        ("coast.txt", "Coastal Times", "", "1"),
        ("north.txt", "Northern Wire", "2024-05-02", "2"),
        ("herald.txt", "Daily Herald", "2024-05-03", "2"),
    ]
    assert _rows("entity-merges", "label", "rule", "form") == [
        ("Ana Petrenko", "surname", "Ana Petrenko"),
        ("Ana Petrenko", "surname", "Petrenko"),
    ]


# ---------------------------------------------------------------- parameters


def test_hostile_parameter_stays_one_literal() -> None:
    query = load_query("claims-by-claimant")
    hostile = 'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    text = substitute_parameters(query.text, bind_parameters(query, {"claimant": hostile}))
    parsed = prepareQuery(text)  # still one well-formed SELECT
    assert parsed.algebra.name == "SelectQuery" and "DROP" not in text.split("VALUES", 1)[0]
    assert run_query(query, GRAPH, {"claimant": hostile}).rows == ()


def test_parameter_kinds_and_errors() -> None:
    provenance = load_query("provenance")
    assert bind_parameters(provenance, {"predicate": "owl:sameAs"}) == {
        "predicate": URIRef("http://www.w3.org/2002/07/owl#sameAs")
    }
    assert bind_parameters(provenance, {"subject": "<https://example.org/x>"}) == {
        "subject": URIRef("https://example.org/x")
    }
    with pytest.raises(ParameterError, match="not an IRI"):
        bind_parameters(provenance, {"subject": "https://example.org/a b"})
    with pytest.raises(ParameterError, match="its parameters: subject, predicate"):
        bind_parameters(provenance, {"who": "x"})
    with pytest.raises(ParameterError, match="needs --param claimant"):
        bind_parameters(load_query("outlets-silent-on-claimant"), {})


def test_service_parameter_becomes_the_service_iri() -> None:
    query = load_query("wikidata-labels-federated")
    text = substitute_parameters(
        query.text, bind_parameters(query, {"wikidata": "http://127.0.0.1:1/sparql"})
    )
    assert "SERVICE <http://127.0.0.1:1/sparql>" in text and "VALUES" not in text


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text(
        "# A broken query.\nPREFIX kg: <https://w3id.org/newskg/ontology#>\n"
        "SELECT ?x WHERE {\n  ?x kg:content \n}\n",
        encoding="utf-8",
    )
    with pytest.raises(QuerySyntaxError, match=r"bad\.rq:4:3"):
        check_syntax(load_query(str(path)))


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(QueryNotFound, match="did you mean documents"):
        load_query("documnets")


def test_table_output_is_aligned_and_csv_is_plain() -> None:
    table = Table(("label", "n"), ((Literal("Port Mirow"), Literal(3)), (Literal("Kyiv"), None)))
    assert format_table(table, "table").splitlines() == [
        "label       n",
        "----------  -",
        "Port Mirow  3",
        "Kyiv",
    ]
    assert format_table(table, "csv") == "label,n\r\nPort Mirow,3\r\nKyiv,\r\n"
    assert '"datatype": "http://www.w3.org/2001/XMLSchema#integer"' in format_table(table, "json")


def test_header_flags_are_checked() -> None:
    with pytest.raises(Exception, match="flags"):
        parse_query(
            "# Bad.\n# param: x (iri, number) — a thing\nSELECT ?x WHERE { ?x ?p ?o }", "bad"
        )


# ---------------------------------------------------------------- CLI


def test_cli_list_and_query_a_file(tmp_path: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["query", "--list"])
    assert listed.exit_code == 0 and "claims-by-claimant  " in listed.output
    path = tmp_path / "g.ttl"
    write_graph(GRAPH, path, "turtle", base=BASE)
    out = runner.invoke(main, ["query", "wikidata-ids", str(path), "--format", "tsv"])
    assert out.exit_code == 0, out.output
    assert [line.split("\t")[:3] for line in out.output.splitlines()] == [
        ["label", "type", "qid"],
        ["Port Mirow", "https://w3id.org/newskg/ontology#Place", "Q4242"],
        ["Ruritanian Army", "https://w3id.org/newskg/ontology#Organisation", "Q4343"],
    ]


def test_cli_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {\n  ?x ?y\n}\n", encoding="utf-8")
    graph = tmp_path / "g.ttl"
    write_graph(GRAPH, graph, "turtle", base=BASE)
    runner = CliRunner()
    for args, needle in (
        (["query", str(bad), str(graph)], "bad.rq:2:3"),
        (["query", "documents"], "exactly one of"),
        (["query", "documents", str(graph), "-p", "novalue"], "NAME=VALUE"),
        (["query", "documents", "--store", str(tmp_path / "none")], "kg load"),
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert len(result.output.strip().splitlines()) == 1 and needle in result.output


# ---------------------------------------------------------------- real pipeline


@pytest.mark.model
def test_queries_run_on_the_examples_built_by_the_pipeline(analyzer) -> None:  # type: ignore[no-untyped-def]
    try:
        from kg.build.pipeline import Options, build
    except ImportError as exc:
        pytest.skip(f"kg.build.pipeline does not import yet: {exc}")
    result = build(
        [str(EXAMPLES)], analyzer, Options(base_iri=BASE, validate=False), started=RUN_TIME
    )
    graph: Graph = result.graph
    documents = run_query(load_query("documents"), graph)
    assert len(documents.rows) == len(result.corpus.documents) > 0
    entities = run_query(load_query("entities-by-outlets"), graph)
    labels = {str(r[0]) for r in entities.rows}
    # Places that speak do so through a government node bearing the country's name.
    assert labels == {e.label for e in result.corpus.entities}
    claims = run_query(load_query("claims-by-claimant"), graph)
    assert {str(r[2]) for r in claims.rows} == {
        c.content.text for c in result.corpus.claims if c.claimant
    }


# -------------------------------------------------- hostile text in results (issue 21)


def test_text_from_articles_never_drives_a_terminal_or_a_spreadsheet() -> None:
    from rdflib import XSD

    from kg.store.stores import Table
    from kg.store.tables import format_table

    title = "Floods\x1b]0;owned\x07 in \x1b[2JPorto\u202e"
    table = Table(
        ("title", "note", "n"),
        (
            (
                Literal(title),
                Literal('=HYPERLINK("http://x")'),
                Literal("-5", datatype=XSD.integer),
            ),
            (Literal("plain"), Literal("@SUM(A1)"), Literal("+7", datatype=XSD.integer)),
        ),
    )
    shown = format_table(table, "table", width=80)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "Floods\\u001b]0;owned\\u0007 in \\u001b[2JPorto\\u202e" in shown
    for fmt in ("csv", "tsv"):
        text = format_table(table, fmt)  # type: ignore[arg-type]
        assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
        assert "-5" in text and "'-5" not in text and "'+7" not in text  # numbers stay numbers
        assert "\x1b" in text  # exact data in a file
        assert "\x1b" not in format_table(table, fmt, terminal=True)  # type: ignore[arg-type]
    assert "\x1b" not in format_table(table, "json", terminal=True)

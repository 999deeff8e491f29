"""Candidate sources: SPARQL against a real local Oxigraph server, the cache, failure modes."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg.linking.candidates import Lookup
from kg.linking.sources import CachedSource
from kg.linking.sparql import DEFAULT_USER_AGENT, SparqlSource, construct_query, lookup_query
from tests.conftest import free_port as _free_port


class _Fake(BaseHTTPRequestHandler):
    """Answers every request the way the server's `mode` says, and records it."""

    def do_POST(self) -> None:
        server = self.server
        assert isinstance(server, _FakeServer)
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        server.requests.append(dict(self.headers))
        status, ctype, body = server.answer
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Retry-After", "0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _FakeServer(ThreadingHTTPServer):
    answer: tuple[int, str, bytes]
    requests: list[dict[str, str]]


@pytest.fixture
def fake_endpoint() -> Iterator[Callable[[int, str, bytes], tuple[str, _FakeServer]]]:
    """Start a local HTTP server that answers with a fixed status and body."""
    servers: list[_FakeServer] = []

    def start(status: int, ctype: str, body: bytes) -> tuple[str, _FakeServer]:
        server = _FakeServer(("127.0.0.1", 0), _Fake)
        server.answer = (status, ctype, body)
        server.requests = []
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/sparql", server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _no_sleep(waits: list[float]) -> Callable[[float], None]:
    return waits.append


# ---- the queries ------------------------------------------------------------------------


def test_lookup_query_parses_and_keeps_hostile_names_inside_literals() -> None:
    hostile = 'Kyiv"@en } ?item ?p ?o . { "x'
    query = lookup_query(["Kyiv", hostile, "back\\slash"])
    prepareQuery(query)  # raises on a syntax error
    assert '"Kyiv\\"@en } ?item ?p ?o . { \\"x"@en' in query
    prepareQuery(construct_query(["Kyiv", hostile]))


# ---- a real SPARQL server ----------------------------------------------------------------


@pytest.mark.server
def test_sparql_lookup_finds_labels_aliases_types_countries_sitelinks(
    wikidata_endpoint: str,
) -> None:
    source = SparqlSource(wikidata_endpoint, retries=0)
    found = source.lookup(["Kiev", "Donetsk", "HIMARS", "Nowhere-on-earth"])
    assert found.failures == {}
    (kyiv,) = found.candidates["Kiev"]
    assert (kyiv.qid, kyiv.label, kyiv.matched, kyiv.countries) == (
        "Q1899",
        "Kyiv",
        "alias",
        ("Q212",),
    )
    assert {"Q515", "Q5119", "Q486972", "Q2221906"} <= set(kyiv.instance_of)
    assert kyiv.sitelinks == 250
    donetsk = {c.qid: c for c in found.candidates["Donetsk"]}
    assert set(donetsk) == {"Q43070", "Q990000001", "Q990000002", "Q990000003"}
    assert donetsk["Q990000001"].matched == "alias"
    assert "Q56061" in donetsk["Q990000001"].instance_of
    assert "Q515" not in donetsk["Q990000001"].instance_of
    assert donetsk["Q990000003"].classes == ("Q4167410",)
    (himars,) = found.candidates["HIMARS"]
    assert "Q728" in himars.subclass_of and "Q15142894" in himars.instance_of
    assert found.candidates["Nowhere-on-earth"] == ()


@pytest.mark.server
def test_sparql_lookup_batches_many_names(wikidata_endpoint: str) -> None:
    names = ["Kyiv", "Moscow", "Ukraine", "Russia", "UN"] + [f"nothing {i}" for i in range(20)]
    found = SparqlSource(wikidata_endpoint, batch_size=4, retries=0).lookup(names)
    assert found.failures == {}
    assert [c.qid for c in found.candidates["UN"]] == ["Q1065"]
    assert [c.qid for c in found.candidates["Moscow"]] == ["Q649", "Q990000006"]
    assert len(found.candidates) == len(names)


@pytest.mark.server
def test_sparql_known_tells_which_ids_the_endpoint_has(wikidata_endpoint: str) -> None:
    source = SparqlSource(wikidata_endpoint, retries=0)
    assert source.known(["Q1899", "Q7747", "Q123456789", "not-an-id"]) == {"Q1899", "Q7747"}


@pytest.mark.server
def test_cache_answers_offline_after_one_online_run(wikidata_endpoint: str, tmp_path: Path) -> None:
    online = CachedSource(SparqlSource(wikidata_endpoint, retries=0), tmp_path)
    first = online.lookup(["Kyiv", "Nowhere-on-earth"])
    online.close()
    dead = f"http://127.0.0.1:{_free_port()}/query"
    offline = CachedSource(SparqlSource(dead, retries=0, timeout=2), tmp_path)
    again = offline.lookup(["Kyiv", "Nowhere-on-earth"])
    offline.close()
    assert again.failures == {}
    assert again.candidates == first.candidates
    assert [c.qid for c in again.candidates["Kyiv"]] == ["Q1899"]
    no_source = CachedSource(None, tmp_path)
    partly = no_source.lookup(["Kyiv", "Moscow"])
    no_source.close()
    assert [c.qid for c in partly.candidates["Kyiv"]] == ["Q1899"]
    assert "offline" in partly.failures["Moscow"]


# ---- failures never raise ----------------------------------------------------------------


def test_unreachable_endpoint_fails_names_once_without_raising() -> None:
    waits: list[float] = []
    dead = f"http://127.0.0.1:{_free_port()}/query"
    source = SparqlSource(dead, retries=2, backoff=0.5, batch_size=2, sleep=_no_sleep(waits))
    found = source.lookup(["Kyiv", "Moscow", "Donetsk", "Ukraine", "Russia"])
    assert found.candidates == {}
    assert set(found.failures) == {"Kyiv", "Moscow", "Donetsk", "Ukraine", "Russia"}
    assert "unreachable" in found.failures["Kyiv"]
    assert waits == [0.5, 1.0]  # one batch retried with backoff; later batches not sent


def test_rate_limit_storm_is_retried_with_backoff_then_given_up(fake_endpoint) -> None:  # type: ignore[no-untyped-def]
    url, server = fake_endpoint(429, "text/plain", b"Too Many Requests")
    waits: list[float] = []
    source = SparqlSource(
        url,
        retries=3,
        backoff=0.01,
        batch_size=2,
        user_agent="newskg-test/1 (tests)",
        sleep=_no_sleep(waits),
    )
    found = source.lookup(["Kyiv", "Moscow", "Donetsk"])
    assert set(found.failures) == {"Kyiv", "Moscow", "Donetsk"}
    assert "HTTP 429" in found.failures["Kyiv"]
    assert len(server.requests) == 4  # 1 + 3 retries, and no request for the second batch
    assert waits == [0.01, 0.02, 0.04]
    assert server.requests[0]["User-Agent"] == "newskg-test/1 (tests)"


@pytest.mark.parametrize(
    ("ctype", "body", "failed"),
    [
        ("text/html", b"<html><body>maintenance</body></html>", True),
        ("application/sparql-results+json", b'{"head": {"vars": []}}', True),
        ("application/sparql-results+json", b'{"results": {"bindings": [{"item": 3}, 7]}}', False),
    ],
)
def test_malformed_answer_is_a_failure_or_nothing_never_an_exception(
    fake_endpoint,
    ctype: str,
    body: bytes,
    failed: bool,  # type: ignore[no-untyped-def]
) -> None:
    url, _ = fake_endpoint(200, ctype, body)
    found = SparqlSource(url, retries=0).lookup(["Kyiv"])
    if failed:
        assert "malformed" in found.failures["Kyiv"] and "Kyiv" not in found.candidates
    else:
        assert found.candidates["Kyiv"] == () and found.failures == {}


def test_server_error_is_retried_and_bad_request_is_not(fake_endpoint) -> None:  # type: ignore[no-untyped-def]
    url, server = fake_endpoint(503, "text/plain", b"busy")
    waits: list[float] = []
    found = SparqlSource(url, retries=1, backoff=0.01, sleep=_no_sleep(waits)).lookup(["Kyiv"])
    assert "HTTP 503" in found.failures["Kyiv"] and len(server.requests) == 2
    url, server = fake_endpoint(400, "text/plain", b"bad query")
    found = SparqlSource(url, retries=3, sleep=_no_sleep(waits)).lookup(["Kyiv"])
    assert "Kyiv" in found.failures and len(server.requests) == 1


def test_failures_are_not_cached(fake_endpoint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, server = fake_endpoint(503, "text/plain", b"busy")
    cache = CachedSource(SparqlSource(url, retries=0), tmp_path)
    assert "Kyiv" in cache.lookup(["Kyiv"]).failures
    assert "Kyiv" in cache.lookup(["Kyiv"]).failures
    cache.close()
    assert len(server.requests) == 2


def test_default_user_agent_names_the_software() -> None:
    assert DEFAULT_USER_AGENT.startswith("newskg/")
    assert isinstance(Lookup().candidates, dict)
    assert json.dumps(SparqlSource().endpoint_url).startswith('"https://query.wikidata.org/')

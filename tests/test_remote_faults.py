"""A remote endpoint that misbehaves: malformed answers, 429 with Retry-After, a server that
drips its answer. Every case is a one-line StoreError (exit 2 from the CLI), never a
traceback, and a 429 within the deadline is waited for (issue 21). The servers run on
127.0.0.1 in a thread of the test."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store.remote import RemoteStore
from kg.store.stores import StoreError

GOOD = {
    "head": {"vars": ["x"]},
    "results": {"bindings": [{"x": {"type": "literal", "value": "forty"}}]},
}

Behaviour = Callable[[BaseHTTPRequestHandler, int], None]


@pytest.fixture
def endpoint() -> Iterator[Callable[[Behaviour], str]]:
    servers: list[ThreadingHTTPServer] = []

    def start(behaviour: Behaviour) -> str:
        calls = [0]

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                calls[0] += 1
                behaviour(self, calls[0])

            def log_message(self, *_: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/query"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _send(handler: BaseHTTPRequestHandler, code: int, body: bytes, **headers: str) -> None:
    handler.send_response(code)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


@pytest.mark.parametrize(
    "body",
    [
        b"<html>not json</html>",
        b'{"head": {"vars": ["x"]}}',
        b'{"head": {"vars": ["x"]}, "results": {"bindings": [["not", "a", "row"]]}}',
        b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri", "value": 7}}]}}',
        b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "martian"}}]}}',
        b"\xff\xfe not utf-8",
    ],
)
def test_a_malformed_answer_is_one_line(endpoint: Callable[[Behaviour], str], body: bytes) -> None:
    url = endpoint(lambda h, _: _send(h, 200, body))
    with pytest.raises(StoreError, match="SPARQL JSON results"):
        RemoteStore(url).select("SELECT ?x WHERE { ?s ?p ?x }")
    result = CliRunner().invoke(main, ["query", "documents", "--endpoint", url])
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error:") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_429_with_retry_after_is_waited_for(endpoint: Callable[[Behaviour], str]) -> None:
    def behaviour(handler: BaseHTTPRequestHandler, call: int) -> None:
        if call == 1:
            _send(handler, 429, b"slow down", Retry_After="1")
        else:
            _send(handler, 200, json.dumps(GOOD).encode())

    url = endpoint(behaviour)
    started = time.monotonic()
    table = RemoteStore(url, timeout=10).select("SELECT ?x WHERE { ?s ?p ?x }")
    assert [str(row[0]) for row in table.rows] == ["forty"]
    assert time.monotonic() - started >= 1.0


def test_a_429_beyond_the_deadline_says_so(endpoint: Callable[[Behaviour], str]) -> None:
    url = endpoint(lambda h, _: _send(h, 429, b"quota", Retry_After="3600"))
    with pytest.raises(StoreError) as caught:
        RemoteStore(url, timeout=5).select("SELECT ?x WHERE { ?s ?p ?x }")
    message = str(caught.value)
    assert "HTTP 429" in message and "asks to wait 3600 s" in message
    assert "cannot reach" not in message


def test_a_server_that_drips_its_answer_meets_the_deadline(
    endpoint: Callable[[Behaviour], str],
) -> None:
    def drip(handler: BaseHTTPRequestHandler, _: int) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/sparql-results+json")
        handler.end_headers()
        try:
            for _ in range(100):
                handler.wfile.write(b" ")
                handler.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    url = endpoint(drip)
    started = time.monotonic()
    with pytest.raises(StoreError, match="no complete answer within 2 s"):
        RemoteStore(url, timeout=2).select("SELECT ?x WHERE { ?s ?p ?x }")
    assert time.monotonic() - started < 6

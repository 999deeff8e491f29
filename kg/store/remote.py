"""A remote triple store reached over HTTP: SPARQL 1.1 Protocol queries and updates, and the
Graph Store Protocol."""

from __future__ import annotations

import email.utils
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph
from rdflib import URIRef

from kg.core.errors import first_line
from kg.store.stores import (
    LoadSummary,
    StoreError,
    Table,
    read_quads,
    term_from_json,
)

__all__ = ["RemoteStore", "UPDATE_CHUNK"]


# Triples per INSERT DATA request: small enough for Virtuoso's SQL text limits.
UPDATE_CHUNK = 5000


class RemoteStore:
    """A SPARQL 1.1 endpoint: SELECT through SPARQLWrapper; loads by Update or Graph Store Protocol.

    `update_url` defaults to the query URL (Virtuoso's /sparql-auth takes both); Oxigraph's
    server wants /update. With `gsp_url` (Oxigraph: /store), loads PUT each graph instead.
    `union_default_graph` adds the parameter Oxigraph's server needs to query every graph.
    """

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        gsp_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        union_default_graph: bool = False,
        timeout: float = 60.0,
    ) -> None:
        for value in (url, update_url, gsp_url):
            if value is not None and not value.startswith(("http://", "https://")):
                raise StoreError(
                    f"endpoint {value[:80]!r} is not an http(s) URL; use e.g. http://127.0.0.1:7878/query"
                )
        self.url = url
        self.update_url = update_url or url
        self.gsp_url = gsp_url
        self.user = user
        self.password = password
        self.union_default_graph = union_default_graph
        self.timeout = timeout

    # -- SPARQL protocol

    def _wrapper(self, url: str) -> Any:
        from SPARQLWrapper import DIGEST, JSON, POST, URLENCODED, SPARQLWrapper

        sparql = SPARQLWrapper(url)
        sparql.setMethod(POST)
        sparql.setRequestMethod(URLENCODED)
        sparql.setReturnFormat(JSON)
        sparql.setTimeout(int(self.timeout))
        if self.user is not None:
            sparql.setHTTPAuth(DIGEST)
            sparql.setCredentials(self.user, self.password or "")
        return sparql

    def select(self, sparql: str) -> Table:
        """Run a SELECT; the result as a Table of rdflib terms.

        The whole exchange has one deadline (`timeout` seconds), however slowly the server
        sends; a 429 or 503 with a Retry-After within it is waited for and asked again."""
        params = {"query": sparql}
        if self.union_default_graph:
            params["union-default-graph"] = "true"
        body = self._post(urllib.parse.urlencode(params).encode("utf-8"))
        try:
            answer = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(
                f"{self.url}: the answer is not SPARQL JSON results ({first_line(exc)}); "
                "is this a SPARQL query endpoint?"
            ) from exc
        return _table(self.url, answer)

    def _post(self, data: bytes) -> bytes:
        deadline = time.monotonic() + self.timeout
        request = urllib.request.Request(
            self.url,
            data=data,
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json",
            },
        )
        for attempt in range(_RETRIES + 1):
            left = deadline - time.monotonic()
            try:
                with self._opener().open(request, timeout=max(left, 0.1)) as response:
                    return _read_by(response, deadline, self.url, self.timeout)
            except urllib.error.HTTPError as exc:
                wait = _retry_after(exc)
                if exc.code in (429, 503) and attempt < _RETRIES and wait is not None:
                    if time.monotonic() + wait < deadline:
                        time.sleep(wait)
                        continue
                detail = exc.read().decode("utf-8", "replace").strip().splitlines()
                hint = (
                    f"the server asks to wait {wait:.0f} s: try again later"
                    if exc.code in (429, 503) and wait is not None
                    else "check the query and the server"
                )
                raise StoreError(
                    f"{self.url}: HTTP {exc.code} {exc.reason} "
                    f"({(detail or [''])[0][:120]}); {hint}"
                ) from exc
            except urllib.error.URLError as exc:
                raise StoreError(
                    f"{self.url}: cannot reach the endpoint ({_reason(exc)}); "
                    "is the server running?"
                ) from exc
            except TimeoutError as exc:
                raise StoreError(
                    f"{self.url}: no complete answer within {self.timeout:.0f} s; "
                    "the server is too slow or the query too large"
                ) from exc
            except OSError as exc:
                raise StoreError(
                    f"{self.url}: {first_line(exc)}; check the URL and the server"
                ) from exc
        raise StoreError(f"{self.url}: the server kept asking to wait; try again later")

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update."""
        wrapper = self._wrapper(self.update_url)
        wrapper.setQuery(sparql)
        self._call(wrapper, self.update_url, update=True)

    def _call(self, wrapper: Any, url: str, *, update: bool = False) -> dict[str, Any]:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            if update:
                wrapper.query()
                return {}
            converted = wrapper.queryAndConvert()
        except SPARQLWrapperException as exc:
            raise StoreError(f"{url}: {first_line(exc)[:200]}") from exc
        except urllib.error.URLError as exc:
            raise StoreError(
                f"{url}: cannot reach the endpoint ({_reason(exc)}); is the server running?"
            ) from exc
        except (OSError, ValueError) as exc:  # timeouts, resets, bad JSON
            raise StoreError(f"{url}: {first_line(exc)}; check the URL and the server") from exc
        if not isinstance(converted, dict):
            raise StoreError(
                f"{url}: the answer is not SPARQL JSON results; is this a SPARQL query endpoint?"
            )
        return converted

    # -- loading

    def load_quads(self, quads: Sequence[pyoxigraph.Quad]) -> LoadSummary:
        """Replace each named graph the quads carry (GSP PUT, else DROP + INSERT DATA)."""
        by_graph: dict[str, list[pyoxigraph.Triple]] = {}
        for q in quads:
            if not isinstance(q.graph_name, pyoxigraph.NamedNode):
                raise StoreError(
                    "every quad needs a named graph to be replaceable; give a graph IRI"
                )
            by_graph.setdefault(q.graph_name.value, []).append(q.triple)
        for name in sorted(by_graph):
            if self.gsp_url is not None:
                self._put_graph(name, by_graph[name])
            else:
                self._replace_by_update(name, by_graph[name])
        return LoadSummary(len(quads), tuple(sorted(by_graph)))

    def load_file(self, path: Path, *, graph: str | None = None) -> LoadSummary:
        """Load an RDF file by named graph (triples into `graph`), replacing earlier loads."""
        return self.load_quads(read_quads(path, graph=graph))

    def _replace_by_update(self, graph: str, triples: list[pyoxigraph.Triple]) -> None:
        iri = URIRef(graph).n3()
        self.update(f"DROP SILENT GRAPH {iri}")
        for start in range(0, len(triples), UPDATE_CHUNK):
            # The data is N-Triples written by Oxigraph's serialiser: every term escaped.
            data = _ntriples(triples[start : start + UPDATE_CHUNK])
            self.update(f"INSERT DATA {{ GRAPH {iri} {{\n{data}\n}} }}")

    def _put_graph(self, graph: str, triples: list[pyoxigraph.Triple]) -> None:
        if self.gsp_url is None:
            raise StoreError("no Graph Store Protocol URL was given")
        url = (
            self.gsp_url
            + ("&" if "?" in self.gsp_url else "?")
            + urllib.parse.urlencode({"graph": graph})
        )
        request = urllib.request.Request(
            url,
            data=_ntriples(triples).encode("utf-8"),
            method="PUT",
            headers={"Content-Type": "application/n-triples"},
        )
        try:
            with self._opener().open(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(
                f"{self.gsp_url}: HTTP {exc.code} on PUT ({(detail or [''])[0][:160]})"
            ) from exc
        except urllib.error.URLError as exc:
            raise StoreError(
                f"{self.gsp_url}: cannot reach the endpoint ({_reason(exc)}); "
                "is the server running?"
            ) from exc
        except OSError as exc:
            raise StoreError(f"{self.gsp_url}: {first_line(exc)}") from exc

    def _opener(self) -> urllib.request.OpenerDirector:
        if self.user is None:
            return urllib.request.build_opener()
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in {self.url, self.update_url, self.gsp_url or self.url}:
            manager.add_password(None, url, self.user, self.password or "")
        return urllib.request.build_opener(
            urllib.request.HTTPDigestAuthHandler(manager),
            urllib.request.HTTPBasicAuthHandler(manager),
        )


_RETRIES = 3  # times a 429 or 503 with a Retry-After is asked again


def _read_by(response: Any, deadline: float, url: str, timeout: float) -> bytes:
    """The response's body, read a block at a time until the deadline."""
    blocks: list[bytes] = []
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url}: over {timeout:.0f} s")
        block = response.read1(1 << 16)  # what has arrived, not a full block
        if not block:
            return b"".join(blocks)
        blocks.append(block)


def _retry_after(exc: urllib.error.HTTPError) -> float | None:
    """Seconds a 429 or 503 asks to wait (Retry-After: seconds or an HTTP date), if any."""
    value = (exc.headers.get("Retry-After") or "").strip() if exc.headers else ""
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _table(url: str, answer: object) -> Table:
    """SPARQL 1.1 JSON results as a Table; a malformed answer is a StoreError, not a crash."""
    try:
        head, results = answer["head"], answer["results"]  # type: ignore[index]
        columns = tuple(str(v) for v in head.get("vars", ()))
        rows = []
        for row in results["bindings"]:
            if not isinstance(row, dict):
                raise TypeError(f"a row is a {type(row).__name__}")
            rows.append(tuple(term_from_json(row[c]) if c in row else None for c in columns))
    except (KeyError, TypeError, AttributeError, ValueError, StoreError) as exc:
        raise StoreError(
            f"{url}: the answer is not well-formed SPARQL JSON results ({first_line(exc)}); "
            "is this a SPARQL query endpoint?"
        ) from exc
    return Table(columns, tuple(rows))


def _ntriples(triples: Iterable[pyoxigraph.Triple]) -> str:
    data = pyoxigraph.serialize(list(triples), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return (data or b"").decode("utf-8")


def _reason(exc: urllib.error.URLError) -> str:
    return str(getattr(exc, "reason", exc))[:120]

"""Wikidata over SPARQL: the lookup and CONSTRUCT queries, and a source that asks an endpoint.

Queries are built from rdflib terms through one helper (never by pasting text into them);
an endpoint's answers are read defensively: a malformed binding is skipped, not trusted."""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Identifier
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    SPARQLWrapperException,
    Unauthorized,
)

from kg.linking.candidates import ROOT_CLASSES, Candidate, Lookup

__all__ = [
    "DEFAULT_USER_AGENT",
    "SparqlError",
    "SparqlSource",
    "WIKIDATA_ENDPOINT",
    "construct_query",
    "fetch_construct",
    "lookup_query",
]


WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"


DEFAULT_USER_AGENT = (
    "newskg/0.1 (news knowledge-graph builder; entity linking; "
    "pass --user-agent with your contact address)"
)


_WD = "http://www.wikidata.org/entity/"


_QID = re.compile(r"Q[1-9][0-9]*")


_RETRY_CODES = frozenset({429, 500, 502, 503, 504})


_MAX_NAME = 300


_PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX wikibase: <http://wikiba.se/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
"""


def _sparql_term(term: Identifier) -> str:
    """The one way a value enters a query: as an rdflib term's N3, escaped by rdflib."""
    return term.n3()


def _name_terms(names: Iterable[str]) -> str:
    return " ".join(_sparql_term(Literal(n, lang="en")) for n in names)


def _item_terms(qids: Iterable[str]) -> str:
    return " ".join(_sparql_term(URIRef(_WD + q)) for q in qids if _QID.fullmatch(q))


def _item_list(qids: Iterable[str]) -> str:
    # The classes are walked up from the bound item and filtered, never walked down from a
    # class (which on Wikidata would enumerate millions of instances).
    return ", ".join(_sparql_term(URIRef(_WD + q)) for q in qids if _QID.fullmatch(q))


def _is_queryable(name: str) -> bool:
    return 0 < len(name) <= _MAX_NAME and name.isprintable()


def lookup_query(names: Sequence[str], roots: Sequence[str] = ROOT_CLASSES) -> str:
    """The SELECT that finds items whose English label or alias is one of `names`."""
    return (
        _PREFIXES
        + """SELECT ?name ?item ?how (SAMPLE(?lbl) AS ?label) (SAMPLE(?desc) AS ?description)
  (MAX(?links) AS ?sitelinks)
  (GROUP_CONCAT(DISTINCT STR(?class); separator=" ") AS ?classes)
  (GROUP_CONCAT(DISTINCT STR(?iroot); separator=" ") AS ?instanceOf)
  (GROUP_CONCAT(DISTINCT STR(?sroot); separator=" ") AS ?subclassOf)
  (GROUP_CONCAT(DISTINCT STR(?country); separator=" ") AS ?countries)
WHERE {
  VALUES ?name { """
        + _name_terms(names)
        + """ }
  { ?item rdfs:label ?name . BIND("label" AS ?how) }
  UNION { ?item skos:altLabel ?name . BIND("alias" AS ?how) }
  FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/Q"))
  OPTIONAL { ?item rdfs:label ?lbl . FILTER(LANG(?lbl) = "en") }
  OPTIONAL { ?item schema:description ?desc . FILTER(LANG(?desc) = "en") }
  OPTIONAL { ?item wikibase:sitelinks ?links }
  OPTIONAL { ?item wdt:P31 ?class }
  OPTIONAL { ?item wdt:P31/wdt:P279* ?iroot . FILTER(?iroot IN ("""
        + _item_list(roots)
        + """)) }
  OPTIONAL { ?item wdt:P279+ ?sroot . FILTER(?sroot IN ("""
        + _item_list(roots)
        + """)) }
  OPTIONAL { ?item wdt:P17|wdt:P27 ?country }
}
GROUP BY ?name ?item ?how
"""
    )


def construct_query(names: Sequence[str]) -> str:
    """A CONSTRUCT that copies what the linker needs about items so named, for `kg.linking.kb`."""
    return (
        _PREFIXES
        + """CONSTRUCT {
  ?item rdfs:label ?lbl ; skos:altLabel ?alias ; schema:description ?desc ;
        wikibase:sitelinks ?links ; wdt:P31 ?class ; wdt:P17 ?p17 ; wdt:P27 ?p27 .
  ?sub wdt:P279 ?super .
}
WHERE {
  VALUES ?name { """
        + _name_terms(names)
        + """ }
  { ?item rdfs:label ?name } UNION { ?item skos:altLabel ?name }
  FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/Q"))
  { ?item rdfs:label ?lbl . FILTER(LANG(?lbl) = "en") }
  UNION { ?item skos:altLabel ?alias . FILTER(LANG(?alias) = "en") }
  UNION { ?item schema:description ?desc . FILTER(LANG(?desc) = "en") }
  UNION { ?item wikibase:sitelinks ?links }
  UNION { ?item wdt:P31 ?class }
  UNION { ?item wdt:P17 ?p17 }
  UNION { ?item wdt:P27 ?p27 }
  UNION { ?item wdt:P31?/wdt:P279* ?sub . ?sub wdt:P279 ?super }
}
"""
    )


class SparqlError(Exception):
    """One request failed for good (after retries); `fatal` means stop asking this endpoint."""

    def __init__(self, reason: str, *, fatal: bool) -> None:
        super().__init__(reason)
        self.fatal = fatal


class SparqlSource:
    """Candidates from a Wikidata-shaped SPARQL endpoint (the public one by default)."""

    method = "sparql"

    def __init__(
        self,
        endpoint_url: str = WIKIDATA_ENDPOINT,
        *,
        timeout: float = 30.0,
        user_agent: str = DEFAULT_USER_AGENT,
        retries: int = 3,
        backoff: float = 1.0,
        max_backoff: float = 60.0,
        batch_size: int = 50,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoint_url = endpoint_url
        self.timeout = timeout
        self.user_agent = user_agent
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.batch_size = batch_size
        self._sleep = sleep

    def lookup(self, names: Sequence[str]) -> Lookup:
        """Look names up in batches; a failing batch leaves its names in `failures`."""
        wanted = list(dict.fromkeys(n for n in names if _is_queryable(n)))
        found: dict[str, tuple[Candidate, ...]] = {n: () for n in names if not _is_queryable(n)}
        failures: dict[str, str] = {}
        stop = ""
        for start in range(0, len(wanted), self.batch_size):
            batch = wanted[start : start + self.batch_size]
            if stop:
                failures.update((n, stop) for n in batch)
                continue
            try:
                answer = self.select(lookup_query(batch))
                found.update(_parse_candidates(answer, batch))
            except SparqlError as exc:
                failures.update((n, str(exc)) for n in batch)
                if exc.fatal:
                    stop = str(exc)
        return Lookup(found, failures)

    def known(self, qids: Sequence[str]) -> frozenset[str]:
        """The ids among `qids` the endpoint has an English label for (for coverage)."""
        valid = [q for q in dict.fromkeys(qids) if _QID.fullmatch(q)]
        known: set[str] = set()
        for start in range(0, len(valid), self.batch_size):
            query = (
                _PREFIXES
                + "SELECT DISTINCT ?item WHERE { VALUES ?item { "
                + _item_terms(valid[start : start + self.batch_size])
                + ' } ?item rdfs:label ?l . FILTER(LANG(?l) = "en") }'
            )
            try:
                answer = self.select(query)
            except SparqlError:
                continue
            known.update(_qids_in(answer))
        return frozenset(known)

    def select(self, query: str) -> dict[str, Any]:
        """Run a SELECT and return its JSON results, retrying; raise SparqlError on failure."""
        body = self._request(query, JSON)
        try:
            answer = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise SparqlError(
                f"malformed answer from {self.endpoint_url}: {exc}", fatal=False
            ) from exc
        bindings = answer.get("results", {}).get("bindings") if isinstance(answer, dict) else None
        if not isinstance(bindings, list):
            raise SparqlError(f"malformed answer from {self.endpoint_url}: no results", fatal=False)
        return dict(answer)

    def construct(self, query: str) -> bytes:
        """Run a CONSTRUCT and return N-Triples, retrying; raise SparqlError on failure."""
        return self._request(query, "nt")

    def _request(self, query: str, fmt: str) -> bytes:
        wrapper = SPARQLWrapper(self.endpoint_url, agent=self.user_agent)
        wrapper.setMethod(POST)
        wrapper.setTimeout(max(1, round(self.timeout)))
        wrapper.setQuery(query)
        if fmt == "nt":
            wrapper.addCustomHttpHeader("Accept", "application/n-triples")
        else:
            wrapper.setReturnFormat(fmt)
        last = ""
        for attempt in range(self.retries + 1):
            wait = min(self.max_backoff, self.backoff * 2**attempt)
            try:
                with closing(wrapper.query().response) as response:
                    body: bytes = response.read()
                return body
            except urllib.error.HTTPError as exc:
                last = f"{self.endpoint_url} answered HTTP {exc.code}"
                if exc.code not in _RETRY_CODES:
                    raise SparqlError(last, fatal=exc.code in (401, 403, 404)) from exc
                wait = max(wait, _retry_after(exc, self.max_backoff))
            except EndPointInternalError:
                last = f"{self.endpoint_url} answered HTTP 500"
            except SPARQLWrapperException as exc:
                # SPARQLWrapper turns 400, 401, 404 and 414 into its own exceptions.
                last = f"{self.endpoint_url}: {type(exc).__name__}"
                raise SparqlError(
                    last, fatal=isinstance(exc, EndPointNotFound | Unauthorized)
                ) from exc
            except (OSError, http.client.HTTPException) as exc:
                reason = getattr(exc, "reason", exc)
                last = f"{self.endpoint_url} unreachable: {str(reason)[:120]}"
            if attempt < self.retries:
                self._sleep(wait)
        raise SparqlError(last + f" (after {self.retries + 1} tries)", fatal=True)


def _retry_after(exc: urllib.error.HTTPError, cap: float) -> float:
    value = exc.headers.get("Retry-After", "") if exc.headers else ""
    try:
        return min(cap, float(value))
    except ValueError:
        return 0.0


def _value(binding: dict[str, Any], var: str) -> str:
    cell = binding.get(var)
    if isinstance(cell, dict) and isinstance(cell.get("value"), str):
        return str(cell["value"])
    return ""


def _ids(text: str) -> tuple[str, ...]:
    out = []
    for iri in text.split():
        qid = iri[len(_WD) :] if iri.startswith(_WD) else ""
        if _QID.fullmatch(qid):
            out.append(qid)
    return tuple(sorted(set(out), key=lambda q: int(q[1:])))


def _qids_in(answer: dict[str, Any]) -> set[str]:
    return {q for b in answer["results"]["bindings"] for q in _ids(_value(b, "item"))}


def _parse_candidates(
    answer: dict[str, Any], names: Sequence[str]
) -> dict[str, tuple[Candidate, ...]]:
    """Turn the lookup query's bindings into candidates per name; skip malformed rows."""
    found: dict[str, dict[str, Candidate]] = {n: {} for n in names}
    for binding in answer["results"]["bindings"]:
        if not isinstance(binding, dict):
            continue
        name, item, how = _value(binding, "name"), _value(binding, "item"), _value(binding, "how")
        qid = item[len(_WD) :] if item.startswith(_WD) else ""
        if name not in found or not _QID.fullmatch(qid):
            continue
        links = _value(binding, "sitelinks")
        cand = Candidate(
            qid=qid,
            label=_value(binding, "label") or name,
            name=name,
            matched="alias" if how == "alias" else "label",
            sitelinks=int(links) if links.isdigit() else 0,
            classes=_ids(_value(binding, "classes")),
            instance_of=_ids(_value(binding, "instanceOf")),
            subclass_of=_ids(_value(binding, "subclassOf")),
            countries=_ids(_value(binding, "countries")),
            description=_value(binding, "description"),
        )
        old = found[name].get(qid)
        if old is None or (old.matched == "alias" and cand.matched == "label"):
            found[name][qid] = cand
    return {n: tuple(sorted(c.values(), key=lambda c: int(c.qid[1:]))) for n, c in found.items()}


def fetch_construct(source: SparqlSource, query: str, out: Path) -> Path:
    """Run a CONSTRUCT (e.g. `construct_query(names)`) and save it as N-Triples for
    `kg kb import`."""
    try:
        body = source.construct(query)
    except SparqlError as exc:
        raise OSError(f"CONSTRUCT against {source.endpoint_url} failed: {exc}") from exc
    out.write_bytes(body)
    return out

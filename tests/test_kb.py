"""The local KB: importing Wikidata JSON dumps, N-Triples, Turtle and CONSTRUCT results."""

from __future__ import annotations

import bz2
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kg.linking.kb import KbImportError, import_kb
from kg.linking.sources import KbSource
from kg.linking.sparql import SparqlSource, construct_query, fetch_construct
from tests.conftest import WIKIDATA_FIXTURE as FIXTURE


def _claim(prop: str, qid: str, rank: str = "normal") -> dict[str, Any]:
    return {
        "mainsnak": {"property": prop, "datavalue": {"value": {"entity-type": "item", "id": qid}}},
        "rank": rank,
    }


def _entity(
    qid: str,
    label: str,
    *,
    aliases: tuple[str, ...] = (),
    claims: dict[str, list[Any]] | None = None,
    sites: int = 0,
) -> dict[str, Any]:
    return {
        "id": qid,
        "type": "item",
        "labels": {
            "en": {"language": "en", "value": label},
            "de": {"language": "de", "value": label + "-de"},
        },
        "aliases": {"en": [{"language": "en", "value": a} for a in aliases]},
        "descriptions": {"en": {"language": "en", "value": f"about {label}"}},
        "claims": claims or {},
        "sitelinks": {f"site{i}wiki": {"title": label} for i in range(sites)},
    }


def _dump_lines() -> list[str]:
    entities = [
        _entity("Q515", "city", claims={"P279": [_claim("P279", "Q486972")]}),
        _entity("Q486972", "human settlement"),
        _entity(
            "Q1899",
            "Kyiv",
            aliases=("Kiev",),
            claims={
                "P31": [_claim("P31", "Q515"), _claim("P31", "Q5", "deprecated")],
                "P17": [_claim("P17", "Q212")],
            },
            sites=250,
        ),
        _entity("Q990000050", "Kyiv", claims={"P31": [_claim("P31", "Q4167410")]}, sites=5),
        _entity("Q990000051", "Kyiv Street", claims={"P31": [_claim("P31", "Q515")]}, sites=1),
        {"id": "P31", "type": "property", "labels": {"en": {"value": "instance of"}}},
    ]
    lines = ["["] + [json.dumps(e, ensure_ascii=False) + "," for e in entities]
    lines[-1] = lines[-1].rstrip(",")
    return [*lines[:3], "{not json", *lines[3:], "]"]


@pytest.mark.parametrize("suffix", [".json", ".json.gz", ".json.bz2"])
def test_import_json_dump_streams_and_filters(tmp_path: Path, suffix: str) -> None:
    dump = tmp_path / f"latest{suffix}"
    data = ("\n".join(_dump_lines()) + "\n").encode("utf-8")
    opener = {".json": lambda b: b, ".json.gz": gzip.compress, ".json.bz2": bz2.compress}[suffix]
    dump.write_bytes(opener(data))
    db = tmp_path / "kb.sqlite"
    # Kyiv Street has one sitelink: below the bar; the disambiguation page is never kept.
    assert import_kb(dump, db, min_sitelinks=2) == 1
    source = KbSource(db)
    found = source.lookup(["kiev", "Kyiv", "Kyiv Street"])
    (kyiv,) = found.candidates["kiev"]
    assert (kyiv.qid, kyiv.label, kyiv.matched, kyiv.exact) == ("Q1899", "Kyiv", "alias", False)
    assert kyiv.classes == ("Q515",)  # the deprecated claim is dropped
    assert set(kyiv.instance_of) == {"Q515", "Q486972"}  # P279 kept from unlabelled-for-KB items
    assert (kyiv.countries, kyiv.sitelinks, kyiv.description) == (("Q212",), 250, "about Kyiv")
    assert [c.qid for c in found.candidates["Kyiv"]] == ["Q1899"]
    assert found.candidates["Kyiv"][0].exact
    assert found.candidates["Kyiv Street"] == ()
    source.close()


def test_import_turtle_and_ntriples_give_the_same_kb(tmp_path: Path) -> None:
    nt = tmp_path / "fixture.nt.gz"
    nt.write_bytes(gzip.compress(Graph().parse(FIXTURE).serialize(format="nt", encoding="utf-8")))
    n_ttl = import_kb(FIXTURE, tmp_path / "a.sqlite")
    n_nt = import_kb(nt, tmp_path / "b.sqlite")
    assert n_ttl == n_nt == 59
    a, b = KbSource(tmp_path / "a.sqlite"), KbSource(tmp_path / "b.sqlite")
    names = ["Donetsk", "erdogan", "U.S.", "javelin"]
    assert a.lookup(names) == b.lookup(names)
    erdogan = a.lookup(["Erdogan"]).candidates["Erdogan"]
    assert [(c.qid, c.name, c.exact) for c in erdogan] == [("Q39723", "Erdoğan", False)]
    us = a.lookup(["US"]).candidates["US"]
    assert [c.qid for c in us] == ["Q30"]
    assert a.known(["Q30", "Q1899", "Q424242"]) == {"Q30", "Q1899"}
    a.close()
    b.close()


def test_import_adds_to_an_existing_kb(tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    assert import_kb(FIXTURE, db) == 59
    assert import_kb(FIXTURE, db) == 0  # same items again: nothing new


def test_import_errors_name_the_file_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(KbImportError, match="no such file"):
        import_kb(tmp_path / "missing.nt", tmp_path / "kb.sqlite")
    odd = tmp_path / "dump.xml"
    odd.write_text("<rdf/>")
    with pytest.raises(KbImportError, match=r"dump.xml.*kind="):
        import_kb(odd, tmp_path / "kb.sqlite")
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is @not turtle .")
    with pytest.raises(KbImportError, match="broken.ttl: cannot read as turtle"):
        import_kb(broken, tmp_path / "kb.sqlite")
    with pytest.raises(FileNotFoundError, match="kg kb import"):
        KbSource(tmp_path / "nothing.sqlite")


@pytest.mark.server
def test_construct_result_imports_into_a_kb_that_answers_like_the_endpoint(
    wikidata_endpoint: str, tmp_path: Path
) -> None:
    names = ["Donetsk", "Kyiv", "HIMARS", "Hrytsenko", "Javelin"]
    sparql = SparqlSource(wikidata_endpoint, retries=0)
    out = fetch_construct(sparql, construct_query(names), tmp_path / "subset.nt")
    assert import_kb(out, tmp_path / "kb.sqlite") == 11  # 4 + 1 + 1 + 3 + 2 items
    kb = KbSource(tmp_path / "kb.sqlite")
    from_kb, from_sparql = kb.lookup(names), sparql.lookup(names)
    kb.close()
    for name in names:
        assert from_kb.candidates[name] == from_sparql.candidates[name], name

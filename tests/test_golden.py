"""Golden cases: tests/cases/<name>/input.* built and compared as graphs with expected.ttl.

Set KG_REGEN_GOLDEN=1 to rewrite expected.ttl from the current build, then review the git diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.build.pipeline import Options, build
from kg.nlp.analyzer import Analyzer
from kg.rdf.serialise import serialize_graph
from tests.conftest import RUN_TIME

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path, analyzer: Analyzer) -> None:
    inputs = sorted(str(p) for p in case.glob("input*"))
    result = build(inputs, analyzer, Options(), started=RUN_TIME)
    assert result.report is not None and result.report.conforms, result.report.summary()
    expected_path = case / "expected.ttl"
    if os.environ.get("KG_REGEN_GOLDEN") == "1":
        expected_path.write_bytes(serialize_graph(result.graph, "turtle"))
        pytest.skip(f"wrote {expected_path}; review the diff")
    if not expected_path.exists():
        pytest.fail(
            f"{expected_path} is missing: run with KG_REGEN_GOLDEN=1 and review what it writes"
        )
    expected = Graph().parse(expected_path, format="turtle")
    actual = Graph().parse(data=serialize_graph(result.graph, "nt"), format="nt")
    if not isomorphic(actual, expected):
        _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        lines = sorted(f"- {t[0].n3()} {t[1].n3()} {t[2].n3()}" for t in missing)
        lines += sorted(f"+ {t[0].n3()} {t[1].n3()} {t[2].n3()}" for t in extra)
        pytest.fail("graph differs from expected.ttl:\n" + "\n".join(lines[:80]))

"""Real builds of third-party news: the build's verdict is `kg validate`'s, result for result.

The dev corpora beside the checkout (../shared/dev) and the seeds are built as a user
would (`kg build`), then the written file is validated whole (`kg validate`): same exit
code, same violations. Slow (the statistical model over ~100 articles); run by .ci/run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store.stores import file_graph_iri, read_quads
from kg.validation.shacl import validate_triples
from tests.conftest import ROOT

DEV = ROOT.parent / "shared" / "dev"
SEEDS = ROOT.parent / "shared" / "seeds"

pytestmark = [pytest.mark.slow, pytest.mark.model]


def _wikinews(folder: Path) -> None:
    for path in sorted((DEV / "attribution-wikinews" / "text").glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())


def _re3d(folder: Path) -> None:
    for source in sorted(p for p in (DEV / "re3d-dev").iterdir() if p.is_dir()):
        lines = []
        for line in (source / "documents.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                lines.append(json.dumps({"id": record["_id"], "text": record["text"]}))
        name = "".join(c if c.isalnum() else "-" for c in source.name) + ".jsonl"
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _meantime(folder: Path) -> None:
    for path in sorted((DEV / "meantime-en" / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("text"):
            text = f"{record.get('title') or ''}\n\n{record['text']}"
            (folder / (path.stem[:60] + ".txt")).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "corpus",
    ["seeds", "attribution-wikinews", "re3d-dev", "meantime-en"],
)
def test_the_build_and_kg_validate_give_one_verdict(corpus: str, tmp_path: Path) -> None:
    if not DEV.is_dir() or not SEEDS.is_dir():
        pytest.skip("../shared/dev and ../shared/seeds are not beside the checkout")
    folder = tmp_path / "in"
    folder.mkdir()
    if corpus == "seeds":
        folder = SEEDS
    else:
        {"attribution-wikinews": _wikinews, "re3d-dev": _re3d, "meantime-en": _meantime}[corpus](
            folder
        )
    out = tmp_path / "g.ttl"
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(folder), "-o", str(out), "--jobs", "2"])
    assert built.exit_code in (0, 1), built.stderr
    checked = runner.invoke(main, ["validate", str(out), "--limit", "1000"])
    assert checked.exit_code == built.exit_code, (built.stderr[-2000:], checked.stdout[-2000:])
    whole = validate_triples(read_quads(out, graph=file_graph_iri(out)))
    if not whole.conforms:  # the build printed the same results
        for v in whole.violations:
            assert v.message in built.stderr

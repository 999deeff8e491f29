"""Random bytes, random JSON Lines and random HTML: never a traceback (issue 21).

Ingest reads hundreds of generated files and must turn each into Documents or one-line
Problems without raising; whole builds over generated folders must end with an exit code
of 0, 1 or 2 and no traceback or internal error.
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.core.model import Document, Problem
from kg.ingest.documents import read_documents

WORDS = (
    "the minister said on Monday that 40 people were killed in Aleppo according to "
    "officials \u201cwe will rebuild\u201d Reuters 3,000 rockets Dr. Smith's NATO \u00e9t\u00e9 "
    "\u0627\u0644\u0645\u0648\u0635\u0644 \u4e2d\u56fd \U0001f600 \u202e \x00 \r\n \t"
).split(" ")


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _json_value(rng: random.Random, depth: int = 0) -> object:
    kind = rng.randrange(9 if depth < 3 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.randint(-(10**20), 10**20)
    if kind == 3:
        return rng.choice([0.5, 1e308, -0.0])
    if kind == 4:
        return _text(rng, rng.randrange(0, 30))
    if kind == 5:
        return "".join(chr(rng.randrange(0xD7FF)) for _ in range(rng.randrange(10)))
    if kind in (6, 7):
        return [_json_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {
        rng.choice(["text", "id", "title", "published", "publisher", "url", "x"]): _json_value(
            rng, depth + 1
        )
        for _ in range(rng.randrange(5))
    }


def _jsonl(rng: random.Random) -> bytes:
    lines = []
    for _ in range(rng.randrange(1, 6)):
        choice = rng.randrange(5)
        if choice == 0:
            lines.append(json.dumps({"text": _text(rng, 60), "id": rng.randrange(5)}))
        elif choice == 1:
            lines.append(json.dumps(_json_value(rng)))
        elif choice == 2:
            lines.append(json.dumps({"text": "A\ud800B", "title": {"a": [1]}}))
        elif choice == 3:
            lines.append("".join(rng.choice(string.printable) for _ in range(40)))
        else:
            lines.append(json.dumps({"text": _text(rng, 40), "published": "nan", "url": 5}))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def _html(rng: random.Random) -> bytes:
    tags = ["div", "p", "span", "article", "script", "table", "b"]
    parts = ["<html><head><title>", _text(rng, 5), "</title></head><body>"]
    for _ in range(rng.randrange(1, 30)):
        tag = rng.choice(tags)
        parts.append(f"<{tag}>" * rng.randrange(1, 400) if rng.random() < 0.2 else f"<{tag}>")
        parts.append(_text(rng, rng.randrange(0, 40)))
        if rng.random() < 0.7:
            parts.append(f"</{tag}>")
    return "".join(parts).encode("utf-8", "surrogatepass")


def _random_file(rng: random.Random, folder: Path, n: int) -> None:
    kind = rng.randrange(5)
    if kind == 0:
        (folder / f"f{n}.txt").write_bytes(rng.randbytes(rng.randrange(0, 3000)))
    elif kind == 1:
        data = _text(rng, rng.randrange(0, 300)).encode(
            rng.choice(["utf-8", "utf-16", "utf-32", "latin-1"]), "ignore"
        )
        (folder / f"f{n}.txt").write_bytes(data)
    elif kind == 2:
        (folder / f"f{n}.jsonl").write_bytes(_jsonl(rng))
    elif kind == 3:
        (folder / f"f{n}.html").write_bytes(_html(rng))
    else:
        (folder / f"f{n}.html").write_bytes(rng.randbytes(rng.randrange(0, 2000)))


@pytest.mark.parametrize("seed", range(20))
def test_ingest_of_random_files_never_raises(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    for n in range(15):
        _random_file(rng, tmp_path, n)
    items = list(read_documents([str(tmp_path)]))
    assert all(isinstance(i, Document | Problem) for i in items)
    for item in items:
        if isinstance(item, Document):
            item.text.encode("utf-8")  # never a lone surrogate in a document
            assert item.text.strip()
        else:
            assert "\n" not in item.message and item.message.startswith(item.source.split("#")[0])


@pytest.mark.model
@pytest.mark.parametrize("seed", range(3))
def test_a_build_over_random_files_never_shows_a_traceback(tmp_path: Path, seed: int) -> None:
    rng = random.Random(1000 + seed)
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(12):
        _random_file(rng, folder, n)
    (folder / "good.txt").write_text(
        "The mayor of Valletta, Anna Borg, said on Monday that 12 ferries were cancelled.",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "g.ttl")])
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)

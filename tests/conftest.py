"""Shared fixtures: the loaded pipeline (once per session), parsing helpers, paths."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.model import Document, Parsed

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"


def make_document(text: str, doc_id: str = "doc", **meta: str) -> Document:
    """Build a Document by hand (no ingest), for unit tests."""
    return Document(
        id=doc_id,
        source=f"{doc_id}.txt",
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        **meta,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def analyzer():  # type: ignore[no-untyped-def]
    """The statistical pipeline with the project's components, loaded once."""
    from kg.nlp import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def parse(analyzer) -> Callable[..., Parsed]:  # type: ignore[no-untyped-def]
    """Parse a text with the real pipeline: parse(text, doc_id="doc") -> Parsed."""

    def _parse(text: str, doc_id: str = "doc", **meta: str) -> Parsed:
        return next(analyzer.parse([make_document(text, doc_id, **meta)]))

    return _parse


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the seed corpus lives in ../shared/seeds beside the checkout")
    return SEEDS

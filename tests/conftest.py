"""Shared fixtures: the loaded pipeline (once per session), parsing helpers, paths."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.core.model import Document, Parsed

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout; KG_SHARED names it for a checkout kept elsewhere (a worktree).
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
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
    from kg.nlp.analyzer import Analyzer

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
        pytest.skip(
            f"{SEEDS} is absent: the seed corpus lives in ../shared/seeds beside the checkout"
        )
    return SEEDS


BASE = "https://example.org/id/"
RUN_TIME = "2025-03-05T12:00:00Z"


def sample_corpus():  # type: ignore[no-untyped-def]
    """A small hand-built Corpus: two documents, a person in two spellings, a claim."""
    from decimal import Decimal

    from kg.core.model import Claim, Corpus, Entity, Mention, Merge, Quantity, Span

    a = make_document("Governor Ana Petrenko said 12 drones were shot down.", "a")
    b = make_document('Petrenko said: "Twelve drones fell." Kyiv agreed.', "b")

    def mention(doc, text, type_, nth=0):  # type: ignore[no-untyped-def]
        begin = -1
        for _ in range(nth + 1):
            begin = doc.text.index(text, begin + 1)
        return Mention(doc.id, begin, begin + len(text), text, type_, 0, 0, 1)

    ana_a = mention(a, "Ana Petrenko", "Person")
    ana_b = mention(b, "Petrenko", "Person")
    kyiv = mention(b, "Kyiv", "Place")
    person = Entity(
        key="Person|ana petrenko",
        type="Person",
        label="Ana Petrenko",
        alt_labels=("Petrenko",),
        mentions=(ana_a, ana_b),
        merges=(Merge("surname", "Ana Petrenko", "Petrenko", 0.9),),
    )
    place = Entity(
        key="Place|kyiv",
        type="Place",
        label="Kyiv",
        alt_labels=(),
        mentions=(kyiv,),
        qid="Q1899",
        link_confidence=0.97,
        link_method="kb-label",
    )

    def span(doc, text):  # type: ignore[no-untyped-def]
        begin = doc.text.index(text)
        return Span(doc.id, begin, begin + len(text), text)

    content = span(a, "12 drones were shot down")
    claim = Claim(
        claimant_mention=ana_a,
        cue="say",
        content=content,
        cue_span=span(a, "said"),
        source_span=span(a, "Ana Petrenko"),
        quantities=(Quantity(Decimal(12), "drones-downed", span(a, "12"), unit_text="drones"),),
        claimant=person.key,
        key="claim|ana petrenko|drones-downed|12",
        stated_in=(a.id, b.id),
        evidence=(content, span(b, "Twelve drones fell.")),
        about=(),
    )
    return Corpus((a, b), (person, place), (claim,))


# ---------------------------------------------------------------- real servers on 127.0.0.1

WIKIDATA_FIXTURE = ROOT / "tests" / "data" / "wikidata_fixture.ttl"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_binary() -> str:
    """The `oxigraph` server binary of the test extra, or skip saying how to get it."""
    beside = Path(sys.executable).parent / "oxigraph"
    binary = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if binary is None:
        pytest.skip(
            "the oxigraph server binary is absent: pip install oxigraph (in the test extra)"
        )
    return binary


@contextmanager
def serve(
    argv: Sequence[str], probe: str, *, what: str, seconds: float = 20, cwd: Path | None = None
) -> Iterator[None]:
    """Run a server until the block ends; wait until `probe` answers (any HTTP status)."""
    proc = subprocess.Popen(
        list(argv), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                with urllib.request.urlopen(probe, timeout=1):
                    break
            except urllib.error.HTTPError:
                break  # it answers, even if not 200
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"{what} did not answer on {probe}")
                time.sleep(0.05)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def wikidata_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server on 127.0.0.1 loaded with the Wikidata-shaped fixture."""
    binary = oxigraph_binary()
    store = tmp_path_factory.mktemp("oxigraph")
    subprocess.run(
        [binary, "load", "--location", str(store), "--file", str(WIKIDATA_FIXTURE)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    port = free_port()
    with serve(
        [binary, "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
        f"http://127.0.0.1:{port}/",
        what="oxigraph serve",
    ):
        yield f"http://127.0.0.1:{port}/query"

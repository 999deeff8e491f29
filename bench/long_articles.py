"""How the per-document part grows with one article's length.

Makes one long article of N characters from the paragraphs of the source articles
(`examples/`, the seed corpus beside the checkout when present, or `--source DIR`; numbers
varied so paragraphs differ), runs the per-document stages on it in this process (spaCy with
the project's components, within-document entity grouping, claim extraction) and prints the
seconds of each stage and the process's peak RSS, per size. The work should grow at most
linearly: the last column is the seconds per 100,000 characters.

    python -m bench.long_articles --chars 100000 250000 500000 1000000
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from pathlib import Path

from bench.corpus import _vary_numbers, source_documents
from kg.claims.extraction import extract_claims
from kg.entities.in_document import group_mentions
from kg.ingest.documents import document_from_text
from kg.nlp.analyzer import Analyzer

ROOT = Path(__file__).resolve().parent.parent


def long_text(paragraphs: list[str], chars: int, seed: int = 11) -> str:
    """Paragraphs drawn in a shuffled cycle, numbers varied, until `chars` characters."""
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < chars:
        order = paragraphs[:]
        rng.shuffle(order)
        for paragraph in order:
            piece = _vary_numbers(paragraph, rng)
            out.append(piece)
            size += len(piece) + 2
            if size >= chars:
                break
    return "\n\n".join(out)[:chars]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, nargs="+", default=[100_000, 250_000, 500_000])
    parser.add_argument("--source", type=Path, action="append", default=None)
    args = parser.parse_args(argv)
    sources = args.source or [
        ROOT / "examples",
        *[p for p in [ROOT.parent / "shared" / "seeds"] if p.is_dir()],
    ]
    paragraphs = [
        p.strip()
        for d in source_documents(sources)
        for p in d.text.split("\n\n")
        if len(p.split()) >= 12
    ]
    analyzer = Analyzer()
    assert analyzer.nlp is not None  # loaded before timing
    print(
        "| characters | nlp s | entities s | claims s | total s | s per 100k chars | peak RSS MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for chars in args.chars:
        document = document_from_text(f"long-{chars}.txt", long_text(paragraphs, chars))
        gc.collect()
        clock = time.perf_counter()
        (parsed,) = analyzer.parse([document])
        t_nlp = time.perf_counter()
        entities = group_mentions(parsed)
        t_entities = time.perf_counter()
        extract_claims(parsed, [m for e in entities for m in e.mentions])
        t_claims = time.perf_counter()
        total = t_claims - clock
        print(
            f"| {chars:,} | {t_nlp - clock:.1f} | {t_entities - t_nlp:.1f} | "
            f"{t_claims - t_entities:.1f} | {total:.1f} | {total / chars * 100_000:.1f} | "
            f"{_peak_mb():,.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

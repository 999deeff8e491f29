"""Memory and time of the corpus-wide stages by corpus size, without re-running spaCy.

The per-document part is measured by `bench.bench`; what grows with the corpus as a whole
is resolution, claim grouping, event coreference, linking, RDF, validation and writing, which
run in one process (plus validation's workers). This script makes a corpus of N articles as
`bench.bench` does, gives each article its source article's text (so that the source's
extraction, made once with spaCy, slices it), fills an extraction cache with the source's
extraction relabelled with the article's id and its figures varied as `bench.bench` varies
an article's numbers, and runs `kg build` from that cache: every article's extraction is read
back, and only the corpus-wide stages work (a build that had to run spaCy is an error).
It prints each stage's seconds and the peak memory (the process and its workers, PSS) up to
the end of it, per corpus size, and a least-squares line of peak memory per 1,000 articles.

    python -m bench.memory_model --articles 1000 10000 100000 --jobs 2
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.bench import RUN_TIME, Sampler
from bench.corpus import make_corpus, source_documents
from kg import __version__
from kg.build.cache import ExtractionCache, document_key, pipeline_fingerprint
from kg.build.extraction import extract
from kg.build.pipeline import Options, build
from kg.core.codec import encode
from kg.core.model import Claim, Document, Extraction, Quantity
from kg.ingest.documents import read_documents
from kg.nlp.analyzer import Analyzer
from kg.rdf.serialise import write_graph

ROOT = Path(__file__).resolve().parent.parent
STAGES = (
    "ingest",
    "cache",
    "per-document",
    "resolve",
    "events",
    "claims",
    "link",
    "rdf",
    "validate",
    "write",
)


def _relabel(value: Any, old: str, new: Document) -> Any:
    """`value` with every reference to document `old` made a reference to `new`."""
    if isinstance(value, Document):
        return new if value.id == old else value
    if isinstance(value, tuple):
        return tuple(_relabel(v, old, new) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.name == "doc_id" and item == old:
                changes[f.name] = new.id
            elif isinstance(item, tuple | Document) or dataclasses.is_dataclass(item):
                changed = _relabel(item, old, new)
                if changed is not item:
                    changes[f.name] = changed
        return dataclasses.replace(value, **changes) if changes else value
    return value


def _with_source_texts(corpus: Path, sources: list[Document]) -> None:
    """Give every article of a corpus made by `make_corpus` its source's text, as written:
    the cached extraction's offsets must slice the article (a graph whose mentions do not
    match their text fails validation, and violations cost memory and time of their own)."""
    for path in sorted(corpus.glob("*.jsonl")):
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        for record in records:
            record["text"] = sources[int(record["id"][1:]) % len(sources)].text
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )


def _vary(claims: tuple[Claim, ...], rng: random.Random) -> tuple[Claim, ...]:
    """The claims with their figures varied as `make_corpus` varies an article's numbers
    (the same text with other numbers: outlets disagreeing, which claim grouping measures)."""

    def vary(q: Quantity) -> Quantity:
        value = q.value
        if value < 2 or value != value.to_integral_value() or rng.random() < 0.4:
            return q
        step = int(value) // 3 + 1
        return dataclasses.replace(q, value=Decimal(max(2, int(value) + rng.randint(-step, step))))

    return tuple(
        dataclasses.replace(c, quantities=tuple(vary(q) for q in c.quantities))
        if c.quantities
        else c
        for c in claims
    )


def _fill_cache(corpus: Path, cache: Path, analyzer: Analyzer, sources: list[Document]) -> int:
    """Cache an extraction for every article of `corpus` (`_with_source_texts`): its
    source's, relabelled, with the figures varied."""
    by_text = {e.document.text: e for e, _ in extract(sources, analyzer, 1, 16, {})}
    fingerprint = pipeline_fingerprint(analyzer.model_name, analyzer.model_version, __version__)
    store = ExtractionCache(cache)
    entries: list[tuple[str, bytes]] = []
    count = 0
    rng = random.Random(7)
    for item in read_documents([str(corpus)]):
        if not isinstance(item, Document):
            continue
        base = by_text[item.text]
        extraction = Extraction(
            item,
            _relabel(base.entities, base.document.id, item),
            _vary(_relabel(base.claims, base.document.id, item), rng),
            _relabel(base.events, base.document.id, item),
        )
        entries.append((document_key(item, fingerprint), encode(extraction)))
        count += 1
        if len(entries) >= 2000:
            store.put_encoded(entries)
            entries = []
    store.put_encoded(entries)
    store.close()
    return count


def measure(
    articles: int, jobs: int, analyzer: Analyzer, sources: list[Document]
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kg-memory-") as folder:
        corpus, cache = Path(folder) / "corpus", Path(folder) / "cache"
        make_corpus(sources, articles, corpus)
        _with_source_texts(corpus, sources)
        _fill_cache(corpus, cache, analyzer, sources)
        store = ExtractionCache(cache)
        with Sampler() as sampler:
            clock = time.perf_counter()
            result = build(
                [str(corpus)],
                analyzer,
                # every copy extracted, as the cache was filled (and see bench/README.md)
                Options(jobs=jobs, skip_repeats=False),
                started=RUN_TIME,
                cache=store,
                on_stage=sampler.mark,
            )
            writing = time.perf_counter()
            write_graph(result.triples, Path(folder) / "g.ttl", "turtle", jobs=jobs)
            result.stage_seconds["write"] = time.perf_counter() - writing
            sampler.mark("write")
            wall = time.perf_counter() - clock
        store.close()
        if result.cached != articles:
            raise SystemExit(f"{articles - result.cached} articles missed the cache: not a model")
        triples = len(result.triples)
        result.triples.close()
    return {
        "articles": articles,
        "cached": result.cached,
        "triples": triples,
        "conforms": result.report is not None and result.report.conforms,
        "seconds": {k: result.stage_seconds.get(k, 0.0) for k in STAGES},
        "peaks": sampler.peaks(),
        "peak": sampler.peak(),
        "wall": wall,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    seeds = ROOT.parent / "shared" / "seeds"
    sources = source_documents([ROOT / "examples", *([seeds] if seeds.is_dir() else [])])
    analyzer = Analyzer()
    rows = []
    print(
        "| articles | triples | conforms | "
        + " | ".join(f"{s} s / peak MB" for s in STAGES)
        + " | peak MB |"
    )
    print("|---:|---:|:---|" + "---:|" * (len(STAGES) + 1))
    for articles in args.articles:
        row = measure(articles, args.jobs, analyzer, sources)
        rows.append(row)
        cells = " | ".join(
            f"{row['seconds'][s]:.1f} / {row['peaks'].get(s, 0.0):,.0f}" for s in STAGES
        )
        verdict = "yes" if row["conforms"] else "NO"
        print(
            f"| {articles:,} | {row['triples']:,} | {verdict} | {cells} | {row['peak']:,.0f} |",
            flush=True,
        )
    if len(rows) >= 2:
        xs = [r["articles"] / 1000 for r in rows]
        ys = [r["peak"] for r in rows]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs
        )
        print(f"\npeak MB ~ {my - slope * mx:,.0f} + {slope:,.1f} per 1,000 articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())

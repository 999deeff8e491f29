"""Score newskg's entity resolution as cross-document coreference on a CoNLL-2012 corpus.

Reads `#begin document (name); part N` blocks whose token lines hold the word in one column
(the 4th, as in CoNLL-2012) and coreference brackets in the last (`(12`, `12)`, `(12)`,
`(3|(12)`, `-`). A cluster id shared by several documents is one cross-document cluster.
Each document's text is rebuilt from its tokens, run through the real pipeline
(kg.nlp.analyzer.Analyzer -> kg.entities.in_document.group_mentions ->
kg.entities.resolution.resolve_entities), predicted mentions are mapped to token spans, and
predicted clusters are scored against the gold ones with MUC, B-cubed, CEAF-e and their
mean F1 (the CoNLL score).

    python -m eval.coref eval/data/coref_sample.conll

Given the folder of ECB+ or of MEANTIME instead of a file, it scores named people,
organisations and places on that gold (eval.gold_texts reads it, eval.named_coref says
what is scored) beside the exact-string and head-lemma baselines, and on MEANTIME also
the pipeline's NER against the bare spaCy model's:

    python -m eval.coref ../shared/dev/ecbplus-train-dev --topics dev
    python -m eval.coref ../shared/dev/meantime-en
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from eval.coref_scores import (
    Cluster,
    Score,
    b_cubed,
    ceaf_e,
    conll_f1,
    max_assignment,
    muc,
)

__all__ = [
    "GoldDocument",
    "Score",
    "b_cubed",
    "ceaf_e",
    "conll_f1",
    "max_assignment",
    "muc",
    "predict_clusters",
    "read_conll",
    "rebuild_text",
]

M = TypeVar("M", bound=Hashable)
# A mention of a CoNLL document is (document name, first token, end token).

_BEGIN = re.compile(r"^#begin document \((?P<name>.*?)\);?\s*(?:part\s+(?P<part>\d+))?")
_NO_SPACE_BEFORE = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    ")",
    "]",
    "}",
    "%",
    "'s",
    "’s",
    "'",
    "n't",
    "”",
    "’",
}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "‘"}


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One document (part) of a CoNLL file: its tokens and gold mentions per cluster id."""

    name: str
    tokens: tuple[str, ...]
    sentence_starts: tuple[int, ...]
    mentions: tuple[tuple[str, int, int], ...]  # (cluster id, first token, end token)


class ConllError(ValueError):
    """The CoNLL file is malformed (names the line and what is wrong)."""


def read_conll(path: Path, word_column: int = 3) -> list[GoldDocument]:
    """Read every document part of a CoNLL-2012 coreference file."""
    docs: list[GoldDocument] = []
    name = ""
    tokens: list[str] = []
    starts: list[int] = []
    mentions: list[tuple[str, int, int]] = []
    open_: dict[str, list[int]] = defaultdict(list)
    in_doc = False
    sentence_open = False
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#begin document"):
            match = _BEGIN.match(line)
            if match is None:
                raise ConllError(f"{path}:{n}: cannot read the document header {line[:80]!r}")
            part = match.group("part")
            name = match.group("name") + (f"/{int(part)}" if part is not None else "")
            tokens, starts, mentions, open_ = [], [], [], defaultdict(list)
            in_doc, sentence_open = True, False
            continue
        if line.startswith("#end document"):
            unclosed = [c for c, stack in open_.items() if stack]
            if unclosed:
                raise ConllError(
                    f"{path}:{n}: clusters {unclosed} opened but never closed in {name}"
                )
            docs.append(GoldDocument(name, tuple(tokens), tuple(starts), tuple(mentions)))
            in_doc = False
            continue
        if not line:
            sentence_open = False
            continue
        if line.startswith("#") or not in_doc:
            continue
        columns = line.split()
        if len(columns) <= word_column:
            raise ConllError(
                f"{path}:{n}: expected a word in column {word_column + 1}: {line[:80]!r}"
            )
        if not sentence_open:
            starts.append(len(tokens))
            sentence_open = True
        i = len(tokens)
        tokens.append(columns[word_column])
        _read_brackets(columns[-1], i, open_, mentions, f"{path}:{n}")
    if in_doc:
        raise ConllError(f"{path}: document {name!r} has no '#end document' line")
    return docs


def _read_brackets(
    cell: str,
    i: int,
    open_: dict[str, list[int]],
    mentions: list[tuple[str, int, int]],
    where: str,
) -> None:
    if cell == "-":
        return
    for part in cell.split("|"):
        match = re.fullmatch(r"(\()?([^()]+)(\))?", part)
        if match is None:
            raise ConllError(f"{where}: bad coreference cell {cell!r}")
        opens, cluster, closes = match.groups()
        if opens and closes:
            mentions.append((cluster, i, i + 1))
        elif opens:
            open_[cluster].append(i)
        elif closes:
            if not open_[cluster]:
                raise ConllError(f"{where}: cluster {cluster} closed but not opened")
            mentions.append((cluster, open_[cluster].pop(), i + 1))
        else:
            raise ConllError(f"{where}: bad coreference cell {cell!r}")


def rebuild_text(doc: GoldDocument) -> tuple[str, list[tuple[int, int]]]:
    """Detokenise a document into plain text; return it and each token's character span."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    starts = set(doc.sentence_starts)
    for i, token in enumerate(doc.tokens):
        if i > 0:
            sep = "" if token in _NO_SPACE_BEFORE or doc.tokens[i - 1] in _NO_SPACE_AFTER else " "
            if i in starts:
                sep = " "
            out.append(sep)
            length += len(sep)
        spans.append((length, length + len(token)))
        out.append(token)
        length += len(token)
    return "".join(out), spans


def gold_clusters(
    docs: Sequence[GoldDocument], *, cross: bool = True
) -> list[Cluster[tuple[str, int, int]]]:
    """Gold clusters; with `cross`, one cluster id across documents is one cluster."""
    clusters: dict[tuple[str, str], set[tuple[str, int, int]]] = defaultdict(set)
    for doc in docs:
        for cluster, start, end in doc.mentions:
            clusters[("", cluster) if cross else (doc.name, cluster)].add((doc.name, start, end))
    return [frozenset(c) for _, c in sorted(clusters.items())]


def predict_clusters(
    docs: Sequence[GoldDocument], model: str | None = None, *, cross: bool = True
) -> list[Cluster[tuple[str, int, int]]]:
    """Run the real pipeline on the rebuilt texts; clusters of (doc, first token, end token)."""
    import hashlib

    from kg.core.model import Document
    from kg.entities.in_document import group_mentions
    from kg.entities.resolution import resolve_entities
    from kg.nlp.analyzer import DEFAULT_MODEL, Analyzer

    texts = {doc.name: rebuild_text(doc) for doc in docs}
    documents = [
        Document(
            id=doc.name,
            source=doc.name,
            text=texts[doc.name][0],
            sha256=hashlib.sha256(texts[doc.name][0].encode("utf-8")).hexdigest(),
        )
        for doc in docs
    ]
    analyzer = Analyzer(model or DEFAULT_MODEL)
    entities = [e for parsed in analyzer.parse(documents) for e in group_mentions(parsed)]
    clusters: list[Cluster[tuple[str, int, int]]] = []
    seen: set[tuple[str, int, int]] = set()
    for entity in resolve_entities(entities):
        by_doc: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
        for m in entity.mentions:
            span = _token_span(texts[m.doc_id][1], m.begin, m.end)
            mention = (m.doc_id, *span)
            if span[0] < span[1] and mention not in seen:
                seen.add(mention)
                by_doc["" if cross else m.doc_id].add(mention)
        clusters.extend(frozenset(c) for _, c in sorted(by_doc.items()) if c)
    return clusters


def _token_span(spans: Sequence[tuple[int, int]], begin: int, end: int) -> tuple[int, int]:
    """The tokens a character range covers (partly covered tokens count)."""
    covered = [i for i, (b, e) in enumerate(spans) if b < end and e > begin]
    return (covered[0], covered[-1] + 1) if covered else (0, 0)


def drop_singletons(clusters: Iterable[Cluster[M]]) -> list[Cluster[M]]:
    return [c for c in clusters if len(c) > 1]


def report(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> str:
    """A plain-text table of the scores."""
    lines = [f"{'metric':8} {'recall':>7} {'precision':>9} {'F1':>7}"]
    for name, score in (
        ("MUC", muc(key, response)),
        ("B3", b_cubed(key, response)),
        ("CEAF-e", ceaf_e(key, response)),
    ):
        lines.append(f"{name:8} {score.recall:7.2%} {score.precision:9.2%} {score.f1:7.2%}")
    lines.append(f"{'CoNLL':8} {'':7} {'':9} {conll_f1(key, response):7.2%}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eval.coref",
        description="Score newskg entity resolution on a CoNLL-2012 coreference corpus.",
        epilog="example: python -m eval.coref eval/data/coref_sample.conll --show",
    )
    parser.add_argument(
        "path",
        type=Path,
        help="a .conll file (CoNLL-2012 coreference columns), or the ECB+ or MEANTIME folder",
    )
    parser.add_argument(
        "--topics",
        default="dev",
        help="ECB+ topics: dev (2 5 12 18 21 23 34 35), train (the others), all, or a list 1,3",
    )
    parser.add_argument(
        "--errors", action="store_true", help="ECB+/MEANTIME: list wrong merges and splits"
    )
    parser.add_argument(
        "--scope",
        choices=("cross", "within"),
        default="cross",
        help="cross-document clusters (default) or each document alone",
    )
    parser.add_argument(
        "--no-singletons",
        action="store_true",
        help="drop one-mention clusters from gold and prediction (OntoNotes style)",
    )
    parser.add_argument(
        "--word-column", type=int, default=4, help="1-based column of the word (default 4)"
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: newskg's)")
    parser.add_argument("--show", action="store_true", help="print gold and predicted clusters")
    args = parser.parse_args(argv)
    if args.path.is_dir():
        return _score_named(args.path, args.topics, args.model, errors=args.errors)
    try:
        docs = read_conll(args.path, word_column=args.word_column - 1)
    except (OSError, ConllError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    cross = args.scope == "cross"
    key = gold_clusters(docs, cross=cross)
    response = predict_clusters(docs, args.model, cross=cross)
    if args.no_singletons:
        key, response = drop_singletons(key), drop_singletons(response)
    if args.show:
        texts = {doc.name: doc.tokens for doc in docs}
        for title, clusters in (("gold", key), ("predicted", response)):
            print(f"# {title}")
            for c in sorted(clusters, key=lambda c: sorted(c)):
                print("  " + " | ".join(f"{d}:{' '.join(texts[d][s:e])}" for d, s, e in sorted(c)))
    print(
        f"{len(docs)} documents, {sum(len(c) for c in key)} gold mentions in {len(key)} clusters, "
        f"{sum(len(c) for c in response)} predicted in {len(response)} ({args.scope}-document)"
    )
    print(report(key, response))
    return 0


def _score_named(folder: Path, topics: str, model: str | None, *, errors: bool) -> int:
    """Score named-entity coreference (and NER on MEANTIME) on an ECB+ or MEANTIME folder."""
    import time

    from eval.gold_texts import DEV_TOPICS, read_ecbplus, read_meantime
    from eval.named_coref import error_report, ner_scores, run_pipeline, score_table

    started = time.perf_counter()
    if (folder / "ECB+").is_dir():
        every = {p.name for p in (folder / "ECB+").iterdir() if p.is_dir()}
        chosen = {
            "dev": DEV_TOPICS & every,
            "train": every - DEV_TOPICS,
            "all": every,
        }.get(topics, set(topics.split(",")) & every)
        if not chosen:
            print(
                f"error: no ECB+ topic in {topics!r}; use dev, train, all or 1,3", file=sys.stderr
            )
            return 2
        texts = read_ecbplus(folder, chosen)
        run = run_pipeline(texts, model, lambda t: "")
        title = f"ECB+ topics {' '.join(sorted(chosen, key=int))}: {len(texts)} documents"
    elif (folder / "gold" / "entities_mentions.json").is_file():
        texts = read_meantime(folder)
        run = run_pipeline(texts, model, lambda t: "")
        title = f"MEANTIME: {len(texts)} documents"
    else:
        print(f"error: {folder} holds neither ECB+ nor MEANTIME gold", file=sys.stderr)
        return 2
    table, _ = score_table(run)
    print(title)
    print(table)
    if not (folder / "ECB+").is_dir():
        print(ner_scores(run, model))
    if errors:
        print(error_report(run))
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

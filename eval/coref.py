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
Cluster = frozenset  # a set of mentions; a mention is (document name, first token, end token)

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


@dataclass(frozen=True, slots=True)
class Score:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 0.0 if total == 0 else 2 * self.recall * self.precision / total


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


# -- metrics ---------------------------------------------------------------------------------


def muc(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> Score:
    """MUC (Vilain et al. 1995): links kept, counted per partition of each cluster."""
    return Score(_muc_recall(key, response), _muc_recall(response, key))


def _muc_recall(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> float:
    where = {m: n for n, cluster in enumerate(response) for m in cluster}
    numerator = denominator = 0
    for cluster in key:
        parts = {where.get(m, ("alone", m)) for m in cluster}
        numerator += len(cluster) - len(parts)
        denominator += len(cluster) - 1
    return numerator / denominator if denominator else 0.0


def b_cubed(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> Score:
    """B-cubed (Bagga and Baldwin 1998), as the CoNLL reference scorer computes it."""
    return Score(_b_cubed_recall(key, response), _b_cubed_recall(response, key))


def _b_cubed_recall(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> float:
    where = {m: n for n, cluster in enumerate(response) for m in cluster}
    total = sum(len(c) for c in key)
    if total == 0:
        return 0.0
    score = 0.0
    for cluster in key:
        overlaps: dict[int, int] = defaultdict(int)
        for m in cluster:
            if m in where:
                overlaps[where[m]] += 1
        score += sum(n * n for n in overlaps.values()) / len(cluster)
    return score / total


def ceaf_e(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> Score:
    """Entity-based CEAF (Luo 2005) with phi4 = 2|K∩R| / (|K| + |R|)."""
    if not key or not response:
        return Score(0.0, 0.0)
    weights = [[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key]
    total = sum(weights[i][j] for i, j in max_assignment(weights))
    return Score(total / len(key), total / len(response))


def conll_f1(key: Sequence[Cluster[M]], response: Sequence[Cluster[M]]) -> float:
    """The CoNLL-2012 score: the mean of the MUC, B-cubed and CEAF-e F1."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3


def max_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Rows matched to columns maximising the total weight (Kuhn-Munkres, O(n^3))."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if rows == 0 or cols == 0:
        return []
    if rows > cols:
        transposed = [[weights[i][j] for i in range(rows)] for j in range(cols)]
        return sorted((i, j) for j, i in max_assignment(transposed))
    # Hungarian algorithm with potentials on a rows <= cols cost matrix (minimise -weight).
    inf = float("inf")
    u = [0.0] * (rows + 1)
    v = [0.0] * (cols + 1)
    match = [0] * (cols + 1)  # match[j] = row (1-based) assigned to column j
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, cols + 1):
                if used[j]:
                    continue
                cur = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sorted((match[j] - 1, j - 1) for j in range(1, cols + 1) if match[j])


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
    parser.add_argument("path", type=Path, help="a .conll file (CoNLL-2012 coreference columns)")
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


if __name__ == "__main__":
    raise SystemExit(main())

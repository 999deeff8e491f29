"""Score newskg's event mentions and event coreference on ECB+ (predicted mentions).

Each ECB+ document's text is rebuilt from its tokens and run through the real pipeline
(kg.nlp.analyzer.Analyzer with its event mention component -> kg.entities.in_document ->
kg.events.arguments -> kg.entities.resolution -> kg.events.coreference), one topic at a time
(cross-document coreference within a topic, as is standard on ECB+). No gold mention is
given to the system.

Gold: the ACTION_* mentions in the sentences ECBplus_coreference_sentences.csv lists, with
their cross-document chains (CROSS_DOC_COREF instance ids), within-document chains
(INTRA_DOC_COREF) and singletons. A predicted trigger inside a gold mention's tokens is that
mention; any other predicted mention in an evaluated sentence is kept as a spurious one.

Reported: mention detection precision, recall and F1 (a predicted trigger overlapping a gold
mention), and MUC, B-cubed, CEAF-e and CoNLL F1 of the system's events against the gold
chains, beside the same-head-lemma baseline on the same predicted mentions (every predicted
mention of a topic with the same trigger lemma in one cluster), computed in the same run.

    python -m eval.events                      # the dev topics
    python -m eval.events --topics train       # the train topics (for tuning)
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eval.coref import Cluster, GoldDocument, Score, b_cubed, max_assignment, muc, rebuild_text

if TYPE_CHECKING:
    from kg.nlp.analyzer import Analyzer

__all__ = ["DEV_TOPICS", "EcbDocument", "main", "read_topic", "score_topics"]

DEFAULT_ROOT = Path(__file__).resolve().parent.parent.parent / "shared/dev/ecbplus-train-dev"
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
ALL_TOPICS = tuple(t for t in range(1, 36) if t not in (15, 17))

Mention = tuple[str, int, int]  # (document, first token, end token)


@dataclass(frozen=True, slots=True)
class EcbDocument:
    """One ECB+ document: its tokens, sentences, and gold action mentions by chain."""

    name: str
    tokens: tuple[str, ...]
    sentence_of: tuple[int, ...]  # each token's sentence number
    gold: tuple[tuple[str, int, int], ...]  # (chain id, first token, end token)


def read_topic(root: Path, topic: int) -> list[EcbDocument]:
    """Read every document of a topic."""
    folder = root / "ECB+" / str(topic)
    return [_read_document(path) for path in sorted(folder.glob("*.xml"))]


def _read_document(path: Path) -> EcbDocument:
    tree = ET.parse(path)
    root = tree.getroot()
    tokens: list[str] = []
    sentence_of: list[int] = []
    index: dict[str, int] = {}
    for tok in root.iter("token"):
        index[tok.get("t_id", "")] = len(tokens)
        tokens.append(tok.text or "")
        sentence_of.append(int(tok.get("sentence", "0")))
    markables = root.find("Markables")
    spans: dict[str, tuple[int, int]] = {}
    if markables is not None:
        for m in markables:
            if not m.tag.startswith("ACTION_"):
                continue
            anchors = sorted(index[a.get("t_id", "")] for a in m.iter("token_anchor"))
            if anchors:
                spans[m.get("m_id", "")] = (anchors[0], anchors[-1] + 1)
    chain: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is not None:
        for rel in relations:
            if rel.tag == "CROSS_DOC_COREF":
                name = rel.get("note", "")
            elif rel.tag == "INTRA_DOC_COREF":
                name = f"{path.stem}/intra/{rel.get('r_id', '')}"
            else:
                continue
            for source in rel.iter("source"):
                chain[source.get("m_id", "")] = name
    gold = tuple(
        (chain.get(m_id, f"{path.stem}/single/{m_id}"), start, end)
        for m_id, (start, end) in sorted(spans.items(), key=lambda kv: kv[1])
    )
    return EcbDocument(path.stem, tuple(tokens), tuple(sentence_of), gold)


def read_evaluated_sentences(root: Path) -> dict[str, set[int]]:
    """Document name -> the sentence numbers the standard evaluation uses."""
    out: dict[str, set[int]] = defaultdict(set)
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


@dataclass(frozen=True, slots=True)
class TopicResult:
    """The clusters of one topic: gold, the system's, the lemma baseline's."""

    key: list[Cluster[Mention]]
    system: list[Cluster[Mention]]
    baseline: list[Cluster[Mention]]
    gold_mentions: int
    predicted: int
    detected: int  # predicted mentions that overlap a gold mention
    found: int  # gold mentions some predicted mention overlaps


def score_topic(
    docs: Sequence[EcbDocument], evaluated: dict[str, set[int]], analyzer: Analyzer
) -> TopicResult:
    """Run the pipeline over one topic and cluster its predicted mentions both ways."""
    from kg.core.model import Document
    from kg.entities.in_document import group_mentions
    from kg.entities.resolution import resolve_entities
    from kg.events.arguments import find_event_reports
    from kg.events.coreference import resolve_events

    texts: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    documents = []
    for doc in docs:
        starts = tuple(
            i
            for i in range(len(doc.tokens))
            if i == 0 or doc.sentence_of[i] != doc.sentence_of[i - 1]
        )
        text, spans = rebuild_text(GoldDocument(doc.name, doc.tokens, starts, ()))
        texts[doc.name] = (text, spans)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        documents.append(Document(id=doc.name, source=doc.name, text=text, sha256=digest))
    by_name = {d.name: d for d in docs}
    gold_span: dict[tuple[str, int], Mention] = {}  # (doc, token) -> the gold mention there
    key_sets: dict[str, set[Mention]] = defaultdict(set)
    for doc in docs:
        keep = evaluated.get(doc.name, set())
        for chain, start, end in doc.gold:
            if doc.sentence_of[start] not in keep:
                continue
            key_sets[chain].add((doc.name, start, end))
            for i in range(start, end):
                gold_span[(doc.name, i)] = (doc.name, start, end)
    entities = []
    reports = []
    for parsed in analyzer.parse(documents):
        groups = group_mentions(parsed)
        entities.extend(groups)
        reports.extend(find_event_reports(parsed, [m for e in groups for m in e.mentions]))
    resolved = resolve_entities(entities)
    entity_of = {(m.doc_id, m.begin): e.key for e in resolved for m in e.mentions}
    events = resolve_events(reports, entity_of, {e.key: e.type for e in resolved})

    def place(doc_id: str, begin: int, end: int) -> Mention | None:
        spans = texts[doc_id][1]
        covered = [i for i, (b, e) in enumerate(spans) if b < end and e > begin]
        if not covered:
            return None
        doc = by_name[doc_id]
        if doc.sentence_of[covered[0]] not in evaluated.get(doc_id, set()):
            return None
        return gold_span.get((doc_id, covered[0]), (doc_id, covered[0], covered[-1] + 1))

    system: list[set[Mention]] = []
    lemma_of: dict[Mention, str] = {}
    seen: set[Mention] = set()
    for event in events:
        cluster = set()
        for report in event.reports:
            m = report.mention
            mention = place(m.doc_id, m.begin, m.end)
            if mention is None or mention in seen:
                continue
            seen.add(mention)
            cluster.add(mention)
            lemma_of[mention] = m.lemma or m.text.lower()
        if cluster:
            system.append(cluster)
    by_lemma: dict[str, set[Mention]] = defaultdict(set)
    for mention, lemma in lemma_of.items():
        by_lemma[lemma].add(mention)
    gold_all = {m for c in key_sets.values() for m in c}
    return TopicResult(
        key=[frozenset(c) for _, c in sorted(key_sets.items())],
        system=[frozenset(c) for c in system],
        baseline=[frozenset(c) for _, c in sorted(by_lemma.items())],
        gold_mentions=len(gold_all),
        predicted=len(seen),
        detected=len(seen & gold_all),
        found=len(seen & gold_all),
    )


def ceaf_e_by_topic(
    pairs: Iterable[tuple[Sequence[Cluster[Mention]], Sequence[Cluster[Mention]]]],
) -> Score:
    """CEAF-e over topics whose clusters never share a mention: the best alignment of the whole
    is the best alignment of each topic, so the sums are taken per topic."""
    total = keys = responses = 0.0
    for key, response in pairs:
        keys += len(key)
        responses += len(response)
        if key and response:
            weights = [[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key]
            total += sum(weights[i][j] for i, j in max_assignment(weights))
    return Score(total / keys if keys else 0.0, total / responses if responses else 0.0)


def score_topics(root: Path, topics: Sequence[int], model: str | None = None) -> str:
    """Run every topic and return the report as text."""
    from kg.nlp.analyzer import DEFAULT_MODEL, Analyzer

    analyzer = Analyzer(model or DEFAULT_MODEL)
    evaluated = read_evaluated_sentences(root)
    results = [score_topic(read_topic(root, t), evaluated, analyzer) for t in topics]
    gold = sum(r.gold_mentions for r in results)
    predicted = sum(r.predicted for r in results)
    detected = sum(r.detected for r in results)
    p = detected / predicted if predicted else 0.0
    rec = detected / gold if gold else 0.0
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    lines = [
        f"topics {', '.join(map(str, topics))}: {gold} gold action mentions, {predicted} predicted",
        f"mention detection  P {p:6.2%}  R {rec:6.2%}  F1 {f1:6.2%}",
        "",
        f"{'':10} {'MUC F1':>8} {'B3 F1':>8} {'CEAF-e F1':>10} {'CoNLL F1':>9}",
    ]
    key = [c for r in results for c in r.key]
    for name, pick in (("lemma", lambda r: r.baseline), ("newskg", lambda r: r.system)):
        response = [c for r in results for c in pick(r)]
        m, b = muc(key, response), b_cubed(key, response)
        c = ceaf_e_by_topic((r.key, pick(r)) for r in results)
        conll = (m.f1 + b.f1 + c.f1) / 3
        lines.append(f"{name:10} {m.f1:8.2%} {b.f1:8.2%} {c.f1:10.2%} {conll:9.2%}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eval.events",
        description="Score newskg event mentions and event coreference on ECB+.",
        epilog="example: python -m eval.events --topics dev",
    )
    parser.add_argument(
        "--root", type=Path, default=DEFAULT_ROOT, help="the ecbplus-train-dev folder"
    )
    parser.add_argument(
        "--topics",
        default="dev",
        help="dev (2 5 12 18 21 23 34 35), train (the others), or numbers separated by commas",
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: newskg's)")
    args = parser.parse_args(argv)
    if args.topics == "dev":
        topics: tuple[int, ...] = DEV_TOPICS
    elif args.topics == "train":
        topics = tuple(t for t in ALL_TOPICS if t not in DEV_TOPICS)
    else:
        try:
            topics = tuple(int(t) for t in args.topics.split(","))
        except ValueError:
            print(f"error: --topics {args.topics!r}: dev, train or numbers", file=sys.stderr)
            return 2
    if not (args.root / "ECB+").is_dir():
        print(f"error: no ECB+ folder under {args.root}", file=sys.stderr)
        return 2
    clock = time.perf_counter()
    print(score_topics(args.root, topics, args.model))
    print(f"({time.perf_counter() - clock:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

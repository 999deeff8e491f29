"""Score attribution extraction (source, cue, content) against gold attributions.

Usage: python -m eval.attribution PATH [--json] [--errors] [--model NAME]

PATH is a JSON Lines gold file, a folder holding `gold.jsonl` and `text/` (the
attribution-wikinews dev set), or a folder of brat standoff pairs (`eval.attribution_gold`
describes both formats). Each text is run through the real pipeline
(kg.nlp.analyzer.Analyzer, the entity stage's mentions from
kg.entities.in_document.group_mentions, then kg.claims.extraction.extract_claims, as `kg
build` runs them); no gold span is given to the system.

What is printed, for the system and, from the same parse, a naive baseline (one attribution
per sentence with a reporting verb: the whole sentence as content, the verb's subject as
source):

- Content: attributions matched one to one by their content span, exactly (same character
  range; for a discontinuous span, the range from its first to its last character) or by
  overlap (sharing a non-space character; the pairs with the largest overlap are taken
  first). This is the headline figure: an attribution is found when its content is.
- Source and Cue: the distinct spans of each role, matched the same way.
- Attribution: whole attributions, every role the gold fills matching.
- Source accuracy: of the attributions found (Content, overlap), the share whose source is
  right. A gold attribution without a source is right when the system states none. Otherwise
  the gold name (the resolved name of a pronoun, else the source's words) is compared with
  the system's claimant name and with its source words; one of them must match. Names are
  normalised (lower case; punctuation, articles, pronouns, honorifics and company suffixes
  dropped) and match when the system's words are all among the gold's and include the last
  word of the gold's head phrase (before any comma: "Ann Berg, the mayor" -> "berg"), or
  when the gold's words are all among the system's ("Berg" against "Ann Berg").
- Recall by gold type (direct, indirect, mixed, according_to, other), Content overlap.

Example:
    python -m eval.attribution ../shared/dev/attribution-wikinews
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eval.attribution_gold import (
    ROLES,
    Attribution,
    BadInput,
    Fragments,
    find_pairs,
    read_ann,
    read_folder,
    read_jsonl,
)

__all__ = [
    "Attribution",
    "BadInput",
    "Report",
    "Score",
    "evaluate",
    "find_pairs",
    "main",
    "predict",
    "read_ann",
    "read_jsonl",
    "same_name",
]

_NOT_NAME = {
    "the", "a", "an", "of", "and", "'s", "’s", "s", "mr", "mrs", "ms", "dr", "inc", "corp",
    "co", "ltd", "llc", "plc", "he", "she", "it", "they", "we", "i", "you", "his", "her",
    "its", "their", "our", "my", "him", "them", "us", "me",
}  # fmt: skip


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
    found: int = 0  # attributions found (Content, overlap)
    source_right: int = 0  # of those, with the right source
    by_type: dict[str, Score] = field(default_factory=dict)
    # (gold, predicted or None) pairs of the content-overlap matching, and unmatched
    # predictions, for --errors
    pairs: list[tuple[Attribution, Attribution | None]] = field(default_factory=list)
    extra: list[Attribution] = field(default_factory=list)

    def source_accuracy(self) -> float:
        return self.source_right / self.found if self.found else 0.0


def _hull(f: Fragments) -> tuple[int, int] | None:
    return (f[0][0], f[-1][1]) if f else None


def _chars(f: Fragments, text: str) -> set[int]:
    return {i for b, e in f for i in range(b, e) if not text[i : i + 1].isspace()}


def _pairs(
    gold: Sequence[Fragments], pred: Sequence[Fragments], text: str, exact: bool
) -> dict[int, int]:
    """Match gold to predicted spans one to one (gold index -> predicted index): exact
    ranges, or the overlapping pairs with the most shared characters first."""
    weighted: list[tuple[int, int, int]] = []
    pred_chars = [_chars(p, text) for p in pred]
    for g_i, g in enumerate(gold):
        g_chars = _chars(g, text)
        for p_i, p in enumerate(pred):
            if exact:
                if _hull(g) == _hull(p):
                    weighted.append((-1, g_i, p_i))
            else:
                shared = len(g_chars & pred_chars[p_i])
                if shared:
                    weighted.append((-shared, g_i, p_i))
    weighted.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, g_i, p_i in weighted:
        if g_i not in out and p_i not in used:
            out[g_i] = p_i
            used.add(p_i)
    return out


def _score(matched: dict[int, int], gold: int, pred: int) -> Score:
    return Score(gold, pred, len(matched), len(matched))


def _greedy(
    gold: Sequence[Attribution],
    pred: Sequence[Attribution],
    matches: Callable[[Attribution, Attribution], bool],
) -> Score:
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


def _words(name: str) -> list[str]:
    words = re.findall(r"[\w&]+(?:['’]s)?", name.lower())
    return [w.removesuffix("'s").removesuffix("’s") for w in words]


def same_name(gold: str, system: str) -> bool:
    """Whether the system's name for a source names the gold's (see the module's doc)."""
    g = [w for w in _words(gold) if w not in _NOT_NAME]
    s = {w for w in _words(system) if w not in _NOT_NAME}
    if not g or not s:
        return False
    head = [w for w in _words(re.split(r"\s,|,", gold)[0]) if w not in _NOT_NAME] or g
    return (s <= set(g) and head[-1] in s) or set(g) <= s


def _source_right(gold: Attribution, pred: Attribution, text: str) -> bool:
    if not gold.source:
        return not pred.source
    if not pred.source:
        return False
    g_name = gold.name or " ".join(text[b:e] for b, e in gold.source)
    names = [pred.name, " ".join(text[b:e] for b, e in pred.source)]
    return any(same_name(g_name, n) for n in names if n)


def evaluate(
    gold: Iterable[Attribution], pred: Iterable[Attribution], texts: dict[str, str]
) -> Report:
    """Score predictions against gold, per role, whole attributions and the source."""
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
            for role in ("Source", "Cue"):
                gs = list(dict.fromkeys(a.role(role) for a in g if a.role(role)))
                ps = list(dict.fromkeys(a.role(role) for a in p if a.role(role)))
                report.scores[role][mode].add(_score(_pairs(gs, ps, text, exact), len(gs), len(ps)))
            gc = [a.content for a in g if a.content]
            pc = [a.content for a in p if a.content]
            matched = _pairs(gc, pc, text, exact)
            report.scores["Content"][mode].add(_score(matched, len(gc), len(pc)))
            report.scores["Attribution"][mode].add(
                _greedy(
                    g,
                    p,
                    lambda a, b, t=text, x=exact: all(  # type: ignore[misc]
                        _spans_match(a.role(r), b.role(r), t, x) for r in ROLES if a.role(r)
                    ),
                )
            )
            if exact:
                continue
            with_content_g = [a for a in g if a.content]
            with_content_p = [a for a in p if a.content]
            for g_i, a in enumerate(with_content_g):
                b = with_content_p[matched[g_i]] if g_i in matched else None
                report.pairs.append((a, b))
                kind = report.by_type.setdefault(a.kind or "-", Score())
                kind.gold += 1
                if b is not None:
                    kind.matched_gold += 1
                    report.found += 1
                    report.source_right += _source_right(a, b, text)
            used = set(matched.values())
            report.extra.extend(b for k, b in enumerate(with_content_p) if k not in used)
    return report


def predict(
    texts: dict[str, str], model: str | None = None
) -> tuple[list[Attribution], list[Attribution]]:
    """Run the real pipeline over the texts: its attributions and the baseline's."""
    from kg.claims.context import lexicon
    from kg.claims.extraction import extract_claims
    from kg.core.model import Document
    from kg.entities.in_document import group_mentions
    from kg.nlp.analyzer import DEFAULT_MODEL, Analyzer

    analyzer = Analyzer(model or DEFAULT_MODEL)
    docs = [
        Document(
            id=k, source=f"{k}.txt", text=t, sha256=hashlib.sha256(t.encode("utf-8")).hexdigest()
        )
        for k, t in texts.items()
    ]
    system: list[Attribution] = []
    baseline: list[Attribution] = []
    verbs = lexicon().cues
    for parsed in analyzer.parse(docs):
        doc = parsed.document.id
        mentions = [m for e in group_mentions(parsed) for m in e.mentions]  # as the build
        for c in extract_claims(parsed, mentions):
            u = c.unnamed
            stated = u is None or u.kind != "unstated"
            if c.claimant_mention is not None:
                name = c.claimant_mention.text
            else:
                name = u.label if u is not None else ""
            system.append(
                Attribution(
                    doc,
                    ((c.source_span.begin, c.source_span.end),) if stated else (),
                    ((c.cue_span.begin, c.cue_span.end),),
                    ((c.content.begin, c.content.end),),
                    name,
                )
            )
        tokens = parsed.tokens
        for s in parsed.sentences:
            verb = next(
                (
                    t
                    for t in tokens[s.start : s.end_token]
                    if (t.lemma.lower() in verbs and t.pos == "VERB")
                    or (t.text.lower() == "according" and t.i + 1 < s.end_token)
                ),
                None,
            )
            text = parsed.document.text[s.begin : s.end].strip()
            if verb is None or not text:
                continue
            begin = s.begin + parsed.document.text[s.begin : s.end].index(text)
            subject = [t for t in tokens[s.start : s.end_token] if t.head == verb.i]
            subject = [t for t in subject if t.dep in {"nsubj", "nsubjpass"}]
            source: Fragments = ()
            name = ""
            if subject:
                b, e = _subtree_range(tokens, subject[0].i, s.start, s.end_token)
                source = ((tokens[b].begin, tokens[e - 1].end),)
                name = parsed.document.text[source[0][0] : source[0][1]]
            baseline.append(
                Attribution(
                    doc, source, ((verb.begin, verb.end),), ((begin, begin + len(text)),), name
                )
            )
    return list(dict.fromkeys(system)), baseline


def _subtree_range(tokens: Sequence[object], i: int, start: int, end: int) -> tuple[int, int]:
    """The token range of token i's subtree within one sentence."""
    inside = {i}
    changed = True
    while changed:
        changed = False
        for t in tokens[start:end]:
            k, head = t.i, t.head  # type: ignore[attr-defined]
            if k not in inside and head in inside and head != k:
                inside.add(k)
                changed = True
    return min(inside), max(inside) + 1


def format_report(report: Report, title: str) -> str:
    lines = [
        f"{title}: {report.documents} documents",
        f"{'':12} {'mode':8} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for name, modes in report.scores.items():
        for mode, s in modes.items():
            p, r, f = s.prf()
            lines.append(
                f"{name:12} {mode:8} {s.gold:5d} {s.predicted:5d} {p:6.3f} {r:6.3f} {f:6.3f}"
            )
    lines.append(
        f"source right on {report.source_right}/{report.found} attributions found: "
        f"{report.source_accuracy():.3f}"
    )
    lines.append(
        "content recall by type (overlap): "
        + ", ".join(
            f"{k} {s.matched_gold}/{s.gold}" for k, s in sorted(report.by_type.items()) if s.gold
        )
    )
    return "\n".join(lines)


def format_errors(report: Report, texts: dict[str, str]) -> str:
    def show(a: Attribution) -> str:
        t = texts[a.doc]
        parts = [" ".join(t[b:e] for b, e in a.role(r)) or "-" for r in ROLES]
        return f"[{parts[0]}{' = ' + a.name if a.name else ''}] <{parts[1]}> {{{parts[2]}}}"

    lines = []
    for g, p in report.pairs:
        if p is None:
            lines.append(f"MISS {g.doc[:12]} {g.kind}: {show(g)}")
        elif not _source_right(g, p, texts[g.doc]):
            lines.append(f"SOURCE {g.doc[:12]}: gold {show(g)}\n    got {show(p)}")
    counts = Counter(g.kind for g, p in report.pairs if p is None)
    lines.append(f"missed by type: {dict(counts)}")
    lines.extend(f"EXTRA {a.doc[:12]}: {show(a)}" for a in report.extra)
    return "\n".join(lines)


def _as_json(report: Report) -> dict[str, object]:
    out: dict[str, object] = {
        name: {mode: dict(zip(("p", "r", "f1"), s.prf(), strict=True)) for mode, s in m.items()}
        for name, m in report.scores.items()
    }
    out["source_accuracy"] = report.source_accuracy()
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eval.attribution",
        description="Score source-cue-content extraction against gold attributions.",
        epilog="example: python -m eval.attribution ../shared/dev/attribution-wikinews",
    )
    parser.add_argument(
        "path", type=Path, help="gold.jsonl, a folder holding it, or a folder of brat pairs"
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list misses and wrong sources")
    parser.add_argument("--model", default=None, help="spaCy pipeline to use")
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"error: {args.path} does not exist; give gold.jsonl or a folder", file=sys.stderr)
        return 2
    try:
        texts, gold = read_folder(args.path)
    except BadInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    system, baseline = predict(texts, args.model)
    report = evaluate(gold, system, texts)
    naive = evaluate(gold, baseline, texts)
    if args.json:
        print(json.dumps({"system": _as_json(report), "baseline": _as_json(naive)}, indent=2))
    else:
        print(format_report(report, "system"))
        print()
        print(format_report(naive, "baseline (every sentence with a reporting verb)"))
        if args.errors:
            print()
            print(format_errors(report, texts))
    return 0


if __name__ == "__main__":
    sys.exit(main())

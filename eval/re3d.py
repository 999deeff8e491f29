"""Weapon and platform gold from re3d (Dstl, 2017), and how it is scored against newskg's policy.

re3d is defence-analyst annotation of Syria and Iraq conflict reporting. Each source folder
holds `documents.json` and `entities.json` (one JSON object a line; mongoexport). Gold here
is every entity of type `Weapon` or `MilitaryPlatform` with a crowd `confidence` of at least
0.5 (competing labels of one span have 0). The expert-marked spans below that confidence are
kept apart as `uncertain`: one scoring leaves a prediction on such a span out, neither right
nor wrong; the others count it wrong.

Two normalisations, both printed by `python -m eval.weapons DIR`:

* a gold span that contains other gold spans of the same type is replaced by them: re3d
  marks both a list ("attack, bomber, fighter and remotely piloted aircraft") and its items,
  or a description and the name inside it;
* a gold span the project's written policy (ontology/README.md, "What counts as a weapon
  mention") excludes is flagged `out_of_scope` with the reason: attacks ("air strikes",
  "strikes", "bombardment") are events, people ("suicide bomber", "gunman") are people,
  programmes ("Counter-IED") are organisations' work, machinery and structures with no
  weapon on them ("a bulldozer", "front-end loaders", "a pontoon bridge") are no weapons.
  Scores are reported with these spans counted and with them out of scope (then a
  prediction that overlaps only such a span is neither right nor wrong).

Scoring `Weapon` alone: the project has one class for weapons and platforms, so a prediction
that overlaps a gold `MilitaryPlatform` span, or whose class is a platform class and overlaps
no gold `Weapon` span, is left out rather than counted wrong.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "PLATFORM_CLASSES",
    "annotated_elsewhere",
    "GoldSpan",
    "Re3dDocument",
    "is_re3d",
    "policy_reason",
    "read_re3d",
    "scored_pairs",
]

TYPES = ("Weapon", "MilitaryPlatform")
MIN_CONFIDENCE = 0.5
# Classes of the project's vocabulary that re3d calls MilitaryPlatform (by its definition:
# "a military ship, aeroplane, land vehicle ... onto which weapons might be mounted").
PLATFORM_CLASSES = frozenset(
    {
        "MilitaryAircraft",
        "Helicopter",
        "Warship",
        "ArmouredVehicle",
        "Tank",
        "Drone",
        "NavalDrone",
    }
)

# The policy's exclusions, by the span's last word (lowercase; plural folded).
_ATTACK_HEADS = frozenset(
    {
        "strike",
        "airstrike",
        "attack",
        "bombardment",
        "shelling",
        "bombing",
        "raid",
        "airraid",
        "barrage",
        "assault",
        "sortie",
        "fire",
        "onslaught",
        "offensive",
    }
)
_PERSON_HEADS = frozenset({"gunman", "gunmen", "sniper", "bomber", "shooter", "fighter"})
# Machinery and structures with no weapon on them; a weapon word in the span keeps it ("gun
# truck", "truck bomb").
_MACHINERY_HEADS = frozenset(
    {"bulldozer", "loader", "truck", "excavator", "crane", "tractor", "bridge", "digger"}
)
_WEAPON_WORDS = frozenset({"gun", "bomb", "armed", "armored", "armoured", "rocket", "missile"})
_PERSON_MODIFIERS = frozenset({"suicide", "would-be", "lone"})

Triple = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One gold Weapon or MilitaryPlatform span."""

    begin: int
    end: int
    type: str
    text: str
    out_of_scope: str = ""  # the policy's reason ("attack", "person", "programme") or ""


@dataclass(frozen=True, slots=True)
class Re3dDocument:
    """One re3d document and its gold weapon and platform spans."""

    id: str
    source: str
    text: str
    spans: tuple[GoldSpan, ...]
    # Spans re3d's experts marked Weapon or MilitaryPlatform whose crowd confidence fell below
    # MIN_CONFIDENCE (and which no confident span of either type covers): not gold, but a
    # prediction on one is not shown wrong either; scored both ways.
    uncertain: tuple[GoldSpan, ...] = ()


def is_re3d(path: Path) -> bool:
    """Tell whether a path is an re3d folder (a source folder or a folder of them)."""
    return path.is_dir() and (
        (path / "entities.json").is_file() or any(path.glob("*/entities.json"))
    )


def read_re3d(root: Path) -> list[Re3dDocument]:
    """Read every source folder under `root` (or `root` itself), documents in file order."""
    folders = [root] if (root / "entities.json").is_file() else sorted(root.glob("*/"))
    out: list[Re3dDocument] = []
    for folder in folders:
        if (folder / "entities.json").is_file():
            out += _read_source(folder)
    return out


def _read_source(folder: Path) -> list[Re3dDocument]:
    texts: dict[str, str] = {}
    for row in _rows(folder / "documents.json"):
        texts[str(row["_id"])] = str(row["text"])
    spans: dict[str, list[GoldSpan]] = {doc_id: [] for doc_id in texts}
    unsure: dict[str, list[GoldSpan]] = {doc_id: [] for doc_id in texts}
    for row in _rows(folder / "entities.json"):
        if row["type"] not in TYPES:
            continue
        doc_id = str(row["documentId"])
        text = texts[doc_id]
        b, e = int(row["begin"]), int(row["end"])
        if not 0 <= b < e <= len(text) or text[b:e] != row["value"]:
            raise ValueError(f"{folder}/entities.json: {row['_id']} does not slice to its value")
        span_text, etype = text[b:e], str(row["type"])
        if float(row["confidence"]) < MIN_CONFIDENCE:
            unsure[doc_id].append(GoldSpan(b, e, etype, span_text))
            continue
        reason = policy_reason(span_text)
        if reason == "attack" and etype != "Weapon":
            reason = ""  # a platform "attack" is "attack aircraft" in a list

        spans[doc_id].append(GoldSpan(b, e, etype, span_text, reason))
    out = []
    for doc_id, text in texts.items():
        gold = _without_containers(spans[doc_id])
        covered = {(s.begin, s.end) for s in gold}
        below = {(s.begin, s.end): s for s in unsure[doc_id] if (s.begin, s.end) not in covered}
        uncertain = tuple(sorted(below.values(), key=_key))
        out.append(Re3dDocument(doc_id, folder.name, text, gold, uncertain))
    return out


def _rows(path: Path) -> list[dict[str, Any]]:
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def _without_containers(spans: Sequence[GoldSpan]) -> tuple[GoldSpan, ...]:
    """Drop duplicate spans and spans that contain another gold span of the same type."""
    unique = sorted({(s.begin, s.end, s.type): s for s in spans}.values(), key=_key)
    kept = [
        s
        for s in unique
        if not any(
            o is not s and o.type == s.type and s.begin <= o.begin and o.end <= s.end
            for o in unique
        )
    ]
    return tuple(kept)


def _key(span: GoldSpan) -> tuple[int, int, str]:
    return span.begin, span.end, span.type


def policy_reason(text: str) -> str:
    """Return why the project's policy excludes a gold span ("" when it does not)."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return ""
    head = words[-1]
    head = head[:-1] if head.endswith("s") and head[:-1] in _ATTACK_HEADS else head
    if head in _ATTACK_HEADS or head.endswith("strike"):
        return "attack"
    if words[0] == "counter" or text.lower().startswith("counter-"):
        return "programme"
    if singular_head(head) in _MACHINERY_HEADS and not _WEAPON_WORDS.intersection(words):
        return "machinery"
    singular = head[:-1] if head.endswith("s") else head
    if (singular in _PERSON_HEADS or head in _PERSON_HEADS) and (
        head.startswith("gunm") or any(w in _PERSON_MODIFIERS for w in words[:-1])
    ):
        return "person"
    return ""


def singular_head(word: str) -> str:
    """Return a crude singular of a span's last word ("loaders" -> "loader")."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def scored_pairs(
    documents: Sequence[Re3dDocument],
    predicted: Sequence[Sequence[Triple]],
    types: frozenset[str],
    policy: bool,
    uncertain: bool = False,
) -> list[tuple[list[Triple], list[Triple]]]:
    """Return each document's (gold, predicted) spans for one scoring: the gold `types`, with
    out-of-scope spans left out when `policy`, and the predictions that such a scoring leaves
    out (see the module docstring) removed; with `uncertain`, also the predictions that
    overlap only a low-confidence span (`Re3dDocument.uncertain`)."""
    pairs = []
    for doc, pred in zip(documents, predicted, strict=True):
        gold = [s for s in doc.spans if s.type in types and not (policy and s.out_of_scope)]
        neutral = [s for s in doc.spans if s not in gold]
        if uncertain:
            neutral += doc.uncertain
        kept: list[Triple] = []
        for p in pred:
            hits_gold = any(_overlaps(p, (s.begin, s.end)) for s in gold)
            if not hits_gold and any(_overlaps(p, (s.begin, s.end)) for s in neutral):
                continue
            if not hits_gold and "Weapon" in types and "MilitaryPlatform" not in types:
                if p[2] in PLATFORM_CLASSES:
                    continue
            kept.append(p)
        pairs.append(([(s.begin, s.end, s.type) for s in gold], kept))
    return pairs


def _overlaps(p: Triple, span: tuple[int, int]) -> bool:
    return min(p[1], span[1]) > max(p[0], span[0])


def annotated_elsewhere(
    documents: Sequence[Re3dDocument], predicted: Sequence[Sequence[Triple]], window: int = 40
) -> tuple[int, int]:
    """Count the spurious predictions whose passage re3d annotates in another document.

    CENTCOM's releases repeat paragraphs word for word; re3d's annotators marked such a
    paragraph in one release and not in the others. A prediction that overlaps no gold span
    (of any weapon type, in or out of scope) counts here when the same passage (`window`
    characters each side) stands in another document with a gold span at the same place.
    Returns (such predictions, all spurious predictions).
    """
    elsewhere = spurious = 0
    for n, (doc, pred) in enumerate(zip(documents, predicted, strict=True)):
        for b, e, _ in pred:
            if any(_overlaps((b, e, ""), (s.begin, s.end)) for s in doc.spans):
                continue
            spurious += 1
            lo = max(0, b - window)
            passage = doc.text[lo : e + window]
            if any(
                _gold_at(other, passage, b - lo, e - b)
                for m, other in enumerate(documents)
                if m != n
            ):
                elsewhere += 1
    return elsewhere, spurious


def _gold_at(doc: Re3dDocument, passage: str, offset: int, length: int) -> bool:
    at = doc.text.find(passage)
    while at >= 0:
        b = at + offset
        if any(_overlaps((b, b + length, ""), (s.begin, s.end)) for s in doc.spans):
            return True
        at = doc.text.find(passage, at + 1)
    return False

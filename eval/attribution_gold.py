"""Gold attributions (source, cue, content) read from brat standoff files or JSON Lines.

Two formats:

- brat: `X.txt` + `X.ann` pairs (searched recursively), and the PolNeAR layout
  `attributions/<name>_<annotator>.ann` beside `text/<name>.txt`. Text-bound annotations of
  type Source, Cue and Content (any case; discontinuous spans like `10 20;30 40` allowed) are
  tied into attributions by events (`E1<TAB>Attribution:T4 Source:T1 Cue:T2 Content:T3`,
  PolNeAR's scheme) or by relations (`R1<TAB>Attribution Arg1:T1 Arg2:T2`, any relation
  name). Other types are ignored.
- JSON Lines (the attribution-wikinews dev set): `gold.jsonl`, one object per attribution
  with `doc` (a file name under `text/`), `source`, `cue`, `content` (`[begin, end]` or
  null), `source_text`, `source_resolved` (the name a pronoun stands for) and `type`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ROLES",
    "Attribution",
    "BadInput",
    "Fragments",
    "find_pairs",
    "parse_fragments",
    "read_ann",
    "read_folder",
    "read_jsonl",
]

ROLES = ("Source", "Cue", "Content")
Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution of one text: each role a set of character fragments (or empty).

    `name` is who the source is: for gold, the resolved name of a pronoun (else empty, and
    the source's words are its name); for the system, the claimant it resolved the source
    to. An empty `source` is an attribution with no stated source ("is expected to").
    """

    doc: str
    source: Fragments = ()
    cue: Fragments = ()
    content: Fragments = ()
    name: str = ""
    kind: str = ""  # the gold's type: direct, indirect, mixed, according_to, other

    def role(self, name: str) -> Fragments:
        return {"Source": self.source, "Cue": self.cue, "Content": self.content}[name]


class BadInput(Exception):
    """A gold file that cannot be read."""


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


def _span(row: dict[str, object], key: str, where: str) -> Fragments:
    value = row.get(key)
    if value is None:
        return ()
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) for v in value)
        or not 0 <= value[0] < value[1]
    ):
        raise BadInput(f"{where}: {key} is {str(value)[:80]!r}; expected [begin, end] or null")
    return ((value[0], value[1]),)


def read_jsonl(path: Path) -> tuple[dict[str, str], list[Attribution]]:
    """Read a JSON Lines gold file and the texts of `text/<doc>` beside it."""
    texts: dict[str, str] = {}
    gold: list[Attribution] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{where}: not JSON ({exc}); expected one object a line") from exc
        name = str(row.get("doc", ""))
        doc = Path(name).stem
        if doc not in texts:
            text_path = path.parent / "text" / name
            if not text_path.is_file():
                raise BadInput(f"{where}: no text {text_path}; the texts go in text/ beside it")
            texts[doc] = text_path.read_text(encoding="utf-8")
        attribution = Attribution(
            doc,
            _span(row, "source", where),
            _span(row, "cue", where),
            _span(row, "content", where),
            str(row.get("source_resolved") or ""),
            str(row.get("type") or ""),
        )
        for role in ROLES:
            for b, e in attribution.role(role):
                if e > len(texts[doc]):
                    raise BadInput(f"{where}: {role.lower()} [{b}, {e}] lies outside the text")
        gold.append(attribution)
    return texts, gold


def read_folder(root: Path) -> tuple[dict[str, str], list[Attribution]]:
    """The texts and gold attributions of a JSON Lines file, a folder holding `gold.jsonl`,
    or a folder of brat pairs."""
    if root.is_file():
        return read_jsonl(root)
    if (root / "gold.jsonl").is_file():
        return read_jsonl(root / "gold.jsonl")
    pairs = find_pairs(root)
    if not pairs:
        raise BadInput(f"no gold.jsonl and no .ann file with a matching .txt under {root}")
    texts: dict[str, str] = {}
    gold: list[Attribution] = []
    for text_path, ann_path in pairs:
        doc = ann_path.stem
        texts[doc] = text_path.read_text(encoding="utf-8")
        gold.extend(read_ann(ann_path, doc))
    return texts, gold

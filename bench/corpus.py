"""Make a corpus of N real-looking articles, nearly all distinct, from a few source articles.

Each article is a source article with its paragraphs partly reordered, its small numbers
changed, a new outlet, date and title, so every article has its own id (and nearly every one
its own hash: a short source runs out of variants and is reprinted, as wire copy is) while
the prose stays real news prose. The corpus is written to a folder given at run time (a
temporary one): source text never enters the repository.
"""

from __future__ import annotations

import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

from kg.core.model import Document
from kg.ingest.documents import read_documents

__all__ = ["OUTLETS", "make_corpus", "source_documents"]

# Invented outlet names: the corpus must not look like one publisher's feed.
OUTLETS = (
    "Harbour Gazette",
    "Lakeside Courier",
    "Morning Ledger",
    "Valley Observer",
    "Coastal Times",
    "Eastern Dispatch",
    "Northern Wire",
    "Daily Herald",
    "Plains Chronicle",
    "Metro Bulletin",
    "Riverside Post",
    "Capital Review",
    "Frontier Journal",
    "Evening Standard Wire",
    "Union Tribune Desk",
)
_NUMBER = re.compile(r"(?<![\d.,:/-])\b(\d{1,3})\b(?![\d.,:/-]\d)")


def source_documents(folders: list[Path]) -> list[Document]:
    """Every readable article under the folders (text, JSON Lines, HTML)."""
    docs = [d for d in read_documents([str(f) for f in folders]) if isinstance(d, Document)]
    return [d for d in docs if len(d.text.split()) >= 40]


def _vary_numbers(text: str, rng: random.Random) -> str:
    def change(match: re.Match[str]) -> str:
        value = int(match.group(1))
        if value < 2 or rng.random() < 0.4:
            return match.group(1)  # keep some: "one of two", dates of the month
        return str(max(2, value + rng.randint(-value // 3 - 1, value // 3 + 1)))

    return _NUMBER.sub(change, text)


def _reorder(text: str, rng: random.Random) -> str:
    parts = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(parts) < 4:
        parts = [p for p in text.split("\n") if p.strip()]
    if len(parts) >= 4:
        head, body = parts[:2], parts[2:]
        for _ in range(max(1, len(body) // 4)):  # a few swaps: the story still reads in order
            i, j = rng.randrange(len(body)), rng.randrange(len(body))
            body[i], body[j] = body[j], body[i]
        parts = head + body
    return "\n\n".join(p.strip() for p in parts)


def make_corpus(
    sources: list[Document], n: int, folder: Path, *, seed: int = 7, per_file: int = 500
) -> int:
    """Write n varied articles as JSON Lines files into folder; return the number of words."""
    if not sources:
        raise ValueError("no source articles of 40 words or more were found")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    words = 0
    handle = None
    start = date(2024, 1, 1)
    for i in range(n):
        if i % per_file == 0:
            if handle is not None:
                handle.close()
            handle = (folder / f"articles-{i // per_file:04d}.jsonl").open("w", encoding="utf-8")
        source = sources[i % len(sources)]
        text = _vary_numbers(_reorder(source.text, rng), rng)
        for _ in range(20):  # a short source has few variants: after a few tries, keep a
            if text not in seen:  # repeat (wire copy is reprinted word for word too; the
                break  # record's id and outlet still make it a document of its own)
            text = _vary_numbers(text, rng)
        seen.add(text)
        outlet = rng.choice(OUTLETS)
        published = start + timedelta(days=rng.randrange(700))
        title = (source.title or text.split("\n", 1)[0])[:90]
        record = {
            "id": f"a{i:06d}",
            "title": title,
            "published": published.isoformat(),
            "publisher": outlet,
            "text": text,
        }
        assert handle is not None
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        words += len(text.split())
    if handle is not None:
        handle.close()
    return words


def change_articles(folder: Path, n: int, *, seed: int = 11) -> int:
    """Edit n articles of a corpus made by `make_corpus` in place (a sentence moves to the end
    of the text, as a correction would), as a day's updates do; return how many changed."""
    rng = random.Random(seed)
    files = sorted(folder.glob("articles-*.jsonl"))
    records = [
        (path, json.loads(line))
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    chosen = set(rng.sample(range(len(records)), min(n, len(records))))
    changed = 0
    for i in sorted(chosen):
        record = records[i][1]
        sentences = record["text"].split(". ")
        if len(sentences) > 2:
            record["text"] = ". ".join(sentences[1:]) + " " + sentences[0] + "."
            changed += 1
    for path in files:
        lines = [json.dumps(r, ensure_ascii=False) + "\n" for p, r in records if p == path]
        path.write_text("".join(lines), encoding="utf-8")
    return changed

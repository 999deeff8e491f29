"""Measure the report for a large corpus: its size, the time to make it, and the time to open it.

A synthetic corpus of N articles (invented text: outlets, people, organisations, places and
weapons from made-up names; a few competing figures per event, repeated across outlets) is
turned into a graph by the real rdf stage, written as Turtle, and reported by `kg report`'s
functions. The page is then opened in Debian's headless Chromium (through chromedriver) and
the time until its load event is read from the browser's navigation timing.

    python -m bench.report_size --articles 1000 [--keep DIR] [--no-validate]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kg.core.model import Claim, Corpus, Document, Entity, Mention, Quantity, Run, Span
from kg.rdf.serialise import write_graph
from kg.rdf.triples import build_graph
from kg.report.page import collect_page, load_graphs, render_page

CHROME_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ren",
    "sa",
    "vo",
    "tel",
    "dar",
    "bri",
    "nek",
    "os",
    "ul",
    "fa",
    "gor",
    "pen",
    "ti",
)
_FILLER = (
    "Residents described a long night of sirens.",
    "Power was restored to most homes by the morning.",
    "Schools in the district stayed closed.",
    "The claims could not be independently verified.",
    "Aid groups said convoys were delayed by damaged roads.",
    "Markets reopened later in the day.",
)
_KINDS = (
    ("killed", "people were killed"),
    ("wounded", "people were wounded"),
    ("missiles", "rockets were fired"),
)


def _name(rng: random.Random, parts: int) -> str:
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize() for _ in range(parts)
    )


@dataclass
class _Writer:
    """Builds one article's text while recording the spans of what it names."""

    doc_id: str
    parts: list[str] = field(default_factory=list)
    length: int = 0

    mentions: dict[tuple[str, str], list[Mention]] = field(default_factory=dict)

    def add(self, text: str) -> Span:
        span = Span(self.doc_id, self.length, self.length + len(text), text)
        self.parts.append(text)
        self.length += len(text)
        return span

    def name(self, text: str, type_: str) -> Mention:
        span = self.add(text)
        mention = Mention(self.doc_id, span.begin, span.end, text, type_, 0, 0, 1)  # type: ignore[arg-type]
        self.mentions.setdefault((type_, text), []).append(mention)
        return mention


def synthetic_corpus(articles: int, seed: int = 7) -> Corpus:
    """A corpus of `articles` invented articles about events with disputed figures."""
    rng = random.Random(seed)
    outlets = [
        f"The {_name(rng, 1)} {rng.choice(['Post', 'Herald', 'Wire', 'Times', 'Courier'])}"
        for _ in range(40)
    ]
    people = [_name(rng, 2) for _ in range(400)]
    orgs = [
        f"{_name(rng, 1)} {rng.choice(['Ministry', 'Army', 'Council', 'Agency'])}"
        for _ in range(60)
    ]
    places = [_name(rng, 1) for _ in range(150)]
    weapons = [f"{_name(rng, 1).upper()}-{rng.randint(2, 40)}" for _ in range(25)]
    events = []
    for _ in range(max(1, articles // 6)):
        actors = rng.sample(people, 3) + rng.sample(orgs, 2)
        stance = {(a, k): rng.randint(5, 400) for a in actors for k, _ in _KINDS}
        events.append((rng.choice(places), actors, stance))
    mentions: dict[tuple[str, str], list[Mention]] = {}
    found: dict[str, list[Claim]] = defaultdict(list)
    documents = []
    for n in range(articles):
        doc_id = f"a{n:05d}"
        place, actors, stance = rng.choice(events)
        w = _Writer(doc_id, mentions=mentions)
        for _ in range(10):
            actor = rng.choice(actors)
            who = w.name(actor, "Organisation" if actor in orgs else "Person")
            cue = w.add(" said ")
            if rng.random() < 0.5:
                kind, words = rng.choice(_KINDS)
                number = str(stance[(actor, kind)])
                begin = w.length
                q = w.add(number)
                w.add(f" {words} in ")
                w.name(place, "Place")
                content = Span(doc_id, begin, w.length, "".join(w.parts)[begin:])
                quantities: tuple[Quantity, ...] = (
                    Quantity(Decimal(number), kind, q, unit_text=words.split()[0]),
                )
                key = f"claim|{actor}|{place}|{kind}|{number}"
            else:
                begin = w.length
                w.add(
                    f"the {rng.choice(['convoy', 'bridge', 'depot', 'talks', 'ceasefire'])} near "
                )
                w.name(place, "Place")
                w.add(
                    f" would be {rng.choice(['reviewed', 'rebuilt', 'resumed', 'guarded'])} using "
                )
                w.name(rng.choice(weapons), "Weapon")
                w.add(f" by day {rng.randint(1, 90)}")
                content = Span(doc_id, begin, w.length, "".join(w.parts)[begin:])
                quantities = ()
                key = f"claim|{actor}|{doc_id}|{begin}"
            w.add(". " + rng.choice(_FILLER) + " ")
            found[key].append(
                Claim(
                    who,
                    "say",
                    content,
                    cue,
                    Span(doc_id, who.begin, who.end, who.text),
                    quantities=quantities,
                )
            )
        text = "".join(w.parts)
        day = 1 + n * 27 // max(articles, 1)
        documents.append(
            Document(
                doc_id,
                f"{doc_id}.txt",
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                title=f"Report {n}",
                published=f"2024-03-{day:02d}",
                publisher=rng.choice(outlets),
            )
        )
    entities = [
        Entity(f"{type_}|{label}", type_, label, (), tuple(ms))  # type: ignore[arg-type]
        for (type_, label), ms in sorted(mentions.items())
    ]
    return Corpus(tuple(documents), tuple(entities), _grouped(found))


def _grouped(found: dict[str, list[Claim]]) -> tuple[Claim, ...]:
    """One claim per key, stated in every document that repeats it; figures of one kind and
    place from different claimants or values conflict."""
    by_topic: dict[str, list[str]] = defaultdict(list)
    for key in found:
        if key.count("|") == 4:
            by_topic["|".join(key.split("|")[2:4])].append(key)
    claims = []
    for key, copies in found.items():
        first = copies[0]
        claimant = f"{first.claimant_mention.type}|{first.claimant_mention.text}"
        about = (f"Place|{key.split('|')[2]}",) if first.quantities else ()
        rivals = (
            tuple(k for k in by_topic.get("|".join(key.split("|")[2:4]), ()) if k != key)
            if first.quantities
            else ()
        )
        claims.append(
            Claim(
                first.claimant_mention,
                first.cue,
                first.content,
                first.cue_span,
                first.source_span,
                quantities=first.quantities,
                claimant=claimant,
                key=key,
                about=about,
                stated_in=tuple(sorted({c.content.doc_id for c in copies})),
                evidence=tuple(c.content for c in copies[:3]),
                conflicts_with=rivals,
            )
        )
    return tuple(claims)


def open_in_chromium(page: Path) -> dict[str, float]:
    """Open the page in headless Chromium; seconds until DOMContentLoaded and load."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    profile = tempfile.mkdtemp(prefix="kg-bench-")
    for arg in (*CHROME_ARGS, f"--user-data-dir={profile}", "--window-size=1200,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get("about:blank")
        clock = time.perf_counter()
        driver.get(page.as_uri())
        wall = time.perf_counter() - clock
        timing = driver.execute_script(
            "const t = performance.getEntriesByType('navigation')[0];"
            "return [t.domContentLoadedEventEnd, t.loadEventEnd, "
            "document.querySelectorAll('*').length];"
        )
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return {
        "dom_content_loaded_s": timing[0] / 1000,
        "load_s": timing[1] / 1000,
        "get_wall_s": wall,
        "elements": timing[2],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="Keep graph.ttl and report.html in this folder.")
    parser.add_argument(
        "--no-validate", action="store_true", help="Skip SHACL validation when reporting."
    )
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-report-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus = synthetic_corpus(args.articles)
    graph = build_graph(
        corpus, Run("bench", "none", "0", "2024-01-01T00:00:00Z"), "https://w3id.org/newskg/id/"
    )
    ttl = folder / "graph.ttl"
    write_graph(graph, ttl, "turtle")
    row: dict[str, object] = {
        "articles": args.articles,
        "claims": len(corpus.claims),
        "triples": len(graph),
        "graph_bytes": ttl.stat().st_size,
    }
    clock = time.perf_counter()
    store, validation = load_graphs([ttl], validate=not args.no_validate)
    row["load_validate_s"] = round(time.perf_counter() - clock, 2)
    clock = time.perf_counter()
    html = render_page(collect_page(store, validation))
    row["report_s"] = round(time.perf_counter() - clock, 2)
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    row["page_bytes"] = page.stat().st_size
    row.update({k: round(v, 3) for k, v in open_in_chromium(page).items()})
    json.dump(row, sys.stdout, indent=1)
    print()
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

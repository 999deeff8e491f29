"""Passages a publisher repeats across unrelated documents: extracted once (ingest/repeats.py)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal

from kg.build.pipeline import Options, build
from kg.cli import main
from kg.core.model import Document
from kg.core.vocab import NIF
from kg.ingest.repeats import MIN_PASSAGE, skip_repeated
from kg.nlp.analyzer import Analyzer
from tests.conftest import RUN_TIME, make_document

# A press office's standing note (invented), two lines, well over MIN_PASSAGE characters.
NOTE = (
    "Damage assessments in these updates are preliminary and may change as reports arrive "
    "from the units in the field.\n"
    "A sortie, as counted here, is one flight by one crew, whether it fires a Hellfire "
    "missile or none, and figures are rounded to the nearest ten."
)
# Three daily updates of one press office, each on its own events.
DAYS = (
    "Engineers reopened the northern bridge at Velmora after three weeks of repairs.\n"
    "Two supply convoys reached the valley towns before nightfall on Monday.",
    "A field hospital opened near the Tarsk crossing and treated forty patients on its "
    "first day.\nThe eastern road remained closed to civilian traffic because of flooding.",
    "Patrols found an abandoned depot outside Orlin holding fuel drums and spare tyres.\n"
    "Officials said the western checkpoint would reopen to farmers on Thursday morning.",
)


def _releases(
    publisher: str | None = "Regional Command", dates: tuple[str, ...] = ()
) -> list[Document]:
    docs = []
    for i, day in enumerate(DAYS):
        meta = {"publisher": publisher} if publisher else {}
        if dates:
            meta["published"] = dates[i]
        docs.append(make_document(f"{day}\n\n{NOTE}\n", f"release-{i}", **meta))
    return docs


def _skipped_text(document: Document) -> list[str]:
    return [document.text[b:e] for b, e in document.skipped]


def test_a_publishers_standing_note_is_extracted_from_its_first_document_only() -> None:
    out = skip_repeated(_releases())
    assert len(NOTE) >= MIN_PASSAGE
    assert out[0].skipped == ()
    for later in out[1:]:
        # exactly the note's two lines, each sliced whole; the day's own lines stay
        assert _skipped_text(later) == NOTE.split("\n")
        assert later.text == out[0].text.replace(DAYS[0], DAYS[int(later.id[-1])])


def test_the_earliest_published_document_keeps_the_passage() -> None:
    out = skip_repeated(_releases(dates=("2024-05-03", "2024-05-01", "2024-05-02")))
    assert [bool(d.skipped) for d in out] == [True, False, True]


def test_other_publishers_and_unknown_publishers_keep_their_copies() -> None:
    # an agency's paragraph reprinted by three outlets is three reports, not a repeat
    outlets = [
        make_document(d.text, d.id, publisher=name)
        for d, name in zip(
            _releases(), ("Harbour Gazette", "Valley Observer", "Morning Ledger"), strict=True
        )
    ]
    assert all(d.skipped == () for d in skip_repeated(outlets))
    assert all(d.skipped == () for d in skip_repeated(_releases(publisher=None)))


def test_copies_of_one_story_are_not_repeats() -> None:
    # three updates of one story: the note and most of the story in each, one line changed
    story = (
        "Engineers reopened the northern bridge at Velmora after three weeks of repairs.\n"
        "Two supply convoys reached the valley towns before nightfall on Monday.\n"
        "The regional governor thanked the engineering battalion for working through storms.\n"
    )
    updates = [
        make_document(
            f"{story}Update {n}: the crossing was open to trucks.\n\n{NOTE}\n",
            f"update-{n}",
            publisher="Regional Command",
        )
        for n in range(3)
    ]
    assert all(d.skipped == () for d in skip_repeated(updates))


def test_a_single_repeated_line_is_no_passage() -> None:
    # one short formulaic line repeated on three days may report three events
    line = "Near the river crossing, one strike destroyed a fighting position."
    docs = [
        make_document(f"{day}\n{line}\n", f"day-{i}", publisher="Regional Command")
        for i, day in enumerate(DAYS)
    ]
    assert len(line) < MIN_PASSAGE
    assert all(d.skipped == () for d in skip_repeated(docs))


def test_existing_boilerplate_ranges_are_kept_and_merged_in_order() -> None:
    docs = _releases()
    marked = dataclasses.replace(docs[2], skipped=((0, 5),))  # a boilerplate range first
    out = skip_repeated([docs[0], docs[1], marked])
    assert out[2].skipped[0] == (0, 5)
    assert _skipped_text(out[2])[1:] == NOTE.split("\n")


@pytest.mark.model
def test_a_weapon_in_a_repeated_note_is_one_mention_in_the_graph(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    rows = [
        {"text": d.text, "publisher": "Regional Command", "published": f"2024-05-0{i + 1}"}
        for i, d in enumerate(_releases(publisher=None))
    ]
    (tmp_path / "releases.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")

    def missiles(options: Options) -> list[str]:
        result = build([str(tmp_path)], analyzer, options, started=RUN_TIME)
        return sorted(
            m.doc_id
            for e in result.corpus.entities
            if e.type == "Weapon"
            for m in e.mentions
            if m.text == "Hellfire missile"
        )

    once = missiles(Options())
    assert len(once) == 1
    every = missiles(Options(skip_repeats=False))
    assert len(every) == 3 and once[0] in every


@pytest.mark.model
def test_kg_build_keep_repeats_extracts_every_copy(tmp_path: Path) -> None:
    rows = [{"text": d.text, "publisher": "Regional Command"} for d in _releases(publisher=None)]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "releases.jsonl").write_text("\n".join(json.dumps(r) for r in rows))

    said: list[str] = []

    def anchors(*flags: str) -> int:
        out = tmp_path / f"graph{len(flags)}.nt"
        result = CliRunner().invoke(
            main, ["build", str(tmp_path / "in"), "-o", str(out), *flags], catch_exceptions=False
        )
        assert result.exit_code == 0, result.stderr
        said.append(result.stderr)
        g = Graph().parse(out, format="nt")
        return len(list(g.subjects(NIF.anchorOf, Literal("Hellfire missile"))))

    assert anchors() == 1
    # the summary says how many articles had the passage skipped (all but the first)
    assert "3 documents (0 skipped; 2 with a passage their publisher repeats" in said[0]
    assert anchors("--keep-repeats") == 3
    assert "3 documents (0 skipped)," in said[1]

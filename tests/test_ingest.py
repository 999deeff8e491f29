"""Ingest: every input kind, stable ids, boilerplate kept out, every bad input named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.core.model import Document, Problem
from kg.ingest.clues import Dateline, find_boilerplate, find_dateline, find_published
from kg.ingest.documents import document_from_text, read_documents


def _read(*paths: Path, **kw: int) -> tuple[list[Document], list[Problem]]:
    items = list(read_documents([str(p) for p in paths], **kw))
    return [i for i in items if isinstance(i, Document)], [
        i for i in items if isinstance(i, Problem)
    ]


def test_text_file_keeps_exact_text_and_hash(tmp_path: Path) -> None:
    text = "Café owners in Lviv said prices rose.\r\nSecond line.\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    docs, problems = _read(tmp_path)
    assert not problems
    assert docs[0].text == text
    import hashlib

    assert docs[0].sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert docs[0].source == "a.txt"


def test_ids_are_stable_and_depend_on_name_and_content(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One story.", encoding="utf-8")
    first = _read(tmp_path)[0][0].id
    assert _read(tmp_path)[0][0].id == first
    assert first.startswith("a-")
    (tmp_path / "a.txt").write_text("One story, corrected.", encoding="utf-8")
    assert _read(tmp_path)[0][0].id != first


def test_jsonl_records_with_metadata_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "r1",
                "text": "Rain in Oslo.",
                "title": "Weather",
                "published": "2025-01-02",
                "publisher": "Nordic Post",
                "url": "https://example.org/r1",
            }
        ),
        "{not json",
        json.dumps({"id": "r3", "summary": "no text field"}),
        json.dumps({"text": "Sun in Rome."}),
        "",
    ]
    (tmp_path / "b.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs, problems = _read(tmp_path)
    assert [d.source for d in docs] == ["b.jsonl#r1", "b.jsonl#line4"]
    assert (docs[0].title, docs[0].published, docs[0].publisher, docs[0].url) == (
        "Weather",
        "2025-01-02",
        "Nordic Post",
        "https://example.org/r1",
    )
    assert len(problems) == 2
    assert problems[0].message.startswith("b.jsonl:2: not JSON")
    assert "b.jsonl:3" in problems[1].message and '"text"' in problems[1].message


def test_jsonl_fields_under_the_names_feeds_give_them(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "a",
                "body": "Snow in Tromso.",
                "headline": "Weather",
                "date": "2025-01-03",
                "source": "Arctic Times",
                "link": "https://example.org/a",
            }
        ),
        # NewsAPI-style: the source is an object, the text "content"
        json.dumps({"id": "b", "content": "Fog in Bergen.", "source": {"name": "Fjord News"}}),
        # the field itself wins over an alias
        json.dumps({"id": "c", "text": "Wind in Bodo.", "body": "not this", "title": "T"}),
    ]
    (tmp_path / "f.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs, problems = _read(tmp_path)
    assert not problems
    a, b, c = docs
    assert (a.text, a.title, a.published, a.publisher, a.url) == (
        "Snow in Tromso.",
        "Weather",
        "2025-01-03",
        "Arctic Times",
        "https://example.org/a",
    )
    assert (b.text, b.publisher) == ("Fog in Bergen.", None)
    assert (c.text, c.title) == ("Wind in Bodo.", "T")


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Floods in Porto</title>"
        '<meta property="og:site_name" content="Iberia Today"></head>\n'
        "    <body><nav>Home | Sport | Subscribe</nav><article><h1>Floods in Porto</h1>\n"
        "    <p>Heavy rain flooded the lower town of Porto on Sunday, the mayor said, "
        "and dozens of families left their homes.</p>\n"
        "    <p>Firefighters said the river rose two metres overnight "
        "and warned residents to stay away from the quays.</p>\n"
        "    </article><footer>Copyright 2025</footer></body></html>"
    )
    (tmp_path / "c.html").write_text(html, encoding="utf-8")
    docs, problems = _read(tmp_path)
    assert not problems
    assert "Heavy rain flooded the lower town of Porto" in docs[0].text
    assert "Subscribe" not in docs[0].text
    assert docs[0].title == "Floods in Porto"
    assert docs[0].publisher == "Iberia Today"


def test_bad_inputs_are_named_and_the_rest_still_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A real article about Gdansk.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (tmp_path / "huge.txt").write_text("word " * 3000, encoding="utf-8")
    docs, problems = _read(tmp_path, tmp_path / "missing.txt", max_bytes=10_000)
    assert [d.source for d in docs] == ["good.txt"]
    messages = sorted(p.message for p in problems)
    assert any(m.startswith("binary.txt: looks binary") for m in messages)
    assert any(m.startswith("empty.txt: empty article") for m in messages)
    assert any(m.startswith("huge.txt: 15,000 bytes is over") for m in messages)
    assert any(m.startswith("latin1.txt: not valid UTF-8 at byte 3") for m in messages)
    assert any("'" + str(tmp_path / "missing.txt") + "' does not exist" in m for m in messages)


def test_empty_folder_is_a_problem(tmp_path: Path) -> None:
    docs, problems = _read(tmp_path)
    assert not docs and "holds no" in problems[0].message


def test_boilerplate_lines_are_skipped_with_true_offsets() -> None:
    text = "Main story line.\nSee also  Ten facts about cats\nLeave a Reply\nMore story.\n"
    ranges = find_boilerplate(text)
    assert [text[b:e] for b, e in ranges] == ["See also  Ten facts about cats", "Leave a Reply"]


def test_boilerplate_found_anywhere_in_a_line_or_only_at_its_start() -> None:
    text = (
        "Photo: a crater (Reuters/Alexander Ermochenko) near the town.\n"
        "She said she would see also the others.\n"  # "see also" starts a boilerplate line only
        "  Copyright 2024 Example Media\n"
        "Disclaimer: views are the author's.\n"
    )
    ranges = find_boilerplate(text)
    assert [text[b:e] for b, e in ranges] == [
        "Photo: a crater (Reuters/Alexander Ermochenko) near the town.",
        "  Copyright 2024 Example Media",
        "Disclaimer: views are the author's.",
    ]


def test_bylines_and_credits_are_boilerplate_prose_that_mentions_them_not() -> None:
    lines = [
        "By Hanna Colvert and Ruben Aske, Continental Press",
        "(Reporting by Ines Talbot in Lagos; Editing by Omar Vey)",
        "Hanna Colvert reported from Frankfort. Ruben Aske contributed reporting from Harlan, Ky.",
        "Press writers Ana Ruiz in Sacramento and Tom Vey in Fresno contributed.",
        "By Tuesday the fire had burned 4,000 acres, officials said.",
        "By their own count, donors contributed $2 million.",
        "Neighbors said the by-election was close.",
    ]
    text = "\n".join(lines) + "\n"
    ranges = find_boilerplate(text)
    assert [text[b:e] for b, e in ranges] == lines[:4]


def test_desk_bylines_date_lines_and_print_notes_are_boilerplate_headlines_not() -> None:
    lines = [
        "Tomas Hallberg Defence correspondent",
        "Valley Courier staff writer",
        "Thu 23 Oct 2025 11.40 BST",
        "Mon, Oct. 6, 2025 4:15 p.m. ET",
        "Want more news? Sign up for the Morning Ledger newsletter.",
        "A version of this article appears in print on Oct. 6, 2025, Section A, Page 9.",
        "Harbour Board Names New Editor",  # a headline, capitalised as headlines are
        "She was a reporter for the Valley Courier",
        "On 6 May 2024 the talks resumed.",
    ]
    text = "\n".join(lines) + "\n"
    ranges = find_boilerplate(text)
    assert [text[b:e] for b, e in ranges] == lines[:6]


@pytest.mark.parametrize(
    ("pattern", "anchored"),
    [
        (r"^see also\b", True),
        (r"^copyright\b|^©", True),
        (r"^a|b", False),
        (r"(^a|^b)", False),
        (r"^x[|]y", True),
        (r"^a\|b", True),
        (r"\bdisclaimer\s*:", False),
    ],
)
def test_a_pattern_is_anchored_when_every_alternative_starts_the_line(
    pattern: str, anchored: bool
) -> None:
    from kg.ingest.clues import _anchored

    assert _anchored(pattern) is anchored


def test_dateline_gives_publisher() -> None:
    line = find_dateline("PARIS, Feb 9 (Agence Test) - The minister said...")
    assert line is not None and line.publisher == "Agence Test" and line.place == "Paris"
    assert find_dateline("Nothing like a dateline here.") is None
    # without a date, with a region or a state's abbreviation
    for text, place, publisher in [
        ("VELMORA, Kestria (Harbour Wire) — Rain fell.", "Velmora", "Harbour Wire"),
        ("PORT ELLIS, Mont. (Harbour Wire) — Rain fell.", "Port Ellis", "Harbour Wire"),
        ("VELMORA (AP) — Rain fell.", "Velmora", "AP"),
        ("LOMÉ, Togo (Harbour Wire) — Rain fell.", "Lomé", "Harbour Wire"),
    ]:
        assert find_dateline(text) == Dateline(place, publisher)
    assert find_dateline("He said (AP) - nothing.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            " date 2024-05-06 Disclaimer: the outlet cannot verify every claim.\n\nBody.",
            "2024-05-06",
        ),
        ("Published: 7 June 2024\nThe council met on Monday.", "2024-06-07"),
        ("By Tom Wren | Updated Jun. 7, 2024 10:02 GMT\nBody.", "2024-06-07"),
        ("He was posted on March 3, 2023 to the northern front.", None),  # prose, not a date line
        ("date 2023-02-30 is not a day", None),
        ("The council met.\n\n\n\n\n\nPublished: 7 June 2024", None),  # not at the top
    ],
)
def test_published_date_read_from_the_top_of_a_text(text: str, expected: str | None) -> None:
    assert find_published(text) == expected


def test_document_takes_published_date_from_text_unless_given() -> None:
    text = "date 2024-05-06\nThe mayor said the bridge would reopen."
    assert document_from_text("a.txt", text).published == "2024-05-06"
    assert document_from_text("a.txt", text, published="2024-05-01").published == "2024-05-01"


# ---------------------------------------------------------------- bad and unusual input (issue 21)

STORY = "The port authority of Valletta said on Tuesday that 40 cranes were idle."


def _jsonl(path: Path, records: list[str]) -> None:
    path.write_text("\n".join(records) + "\n", encoding="utf-8")


@pytest.mark.parametrize("field", ["text", "id"])
def test_a_lone_surrogate_skips_its_record_only(tmp_path: Path, field: str) -> None:
    bad = {"text": STORY, "id": "rec-two"}
    bad[field] = bad[field][:4] + "\ud800" + bad[field][4:]
    _jsonl(
        tmp_path / "feed.jsonl",
        [
            json.dumps({"id": "r1", "text": STORY}),
            json.dumps(bad),  # json.dumps writes the lone surrogate as the escape \ud800
            json.dumps({"id": "r3", "text": STORY + " Work resumes soon."}),
        ],
    )
    docs, problems = _read(tmp_path)
    assert [d.source for d in docs] == ["feed.jsonl#r1", "feed.jsonl#r3"]
    (problem,) = problems
    assert problem.source == "feed.jsonl:2" and not problem.kept
    assert f'"{field}" holds a lone surrogate escape (\\ud800) at character 4' in problem.message


@pytest.mark.parametrize("field", ["title", "publisher"])
def test_a_lone_surrogate_in_metadata_drops_the_field_not_the_record(
    tmp_path: Path, field: str
) -> None:
    _jsonl(tmp_path / "feed.jsonl", [json.dumps({"id": "r1", "text": STORY, field: "Har\ud800"})])
    docs, problems = _read(tmp_path)
    assert len(docs) == 1 and getattr(docs[0], field) is None
    (problem,) = problems
    assert problem.kept and f'"{field}" holds a lone surrogate escape' in problem.message


def test_non_string_metadata_is_left_out_not_written_as_python(tmp_path: Path) -> None:
    _jsonl(
        tmp_path / "feed.jsonl",
        [
            json.dumps(
                {
                    "id": 7,
                    "text": STORY,
                    "title": {"nested": [1, 2]},
                    "published": "nan",
                    "publisher": 12,
                    "url": "https://example.org/a",
                }
            )
        ],
    )
    docs, problems = _read(tmp_path)
    (doc,) = docs
    assert doc.source == "feed.jsonl#7"
    assert (doc.title, doc.published, doc.publisher, doc.url) == (
        None,
        None,
        None,
        "https://example.org/a",
    )
    messages = sorted(p.message for p in problems)
    assert all(p.kept for p in problems) and len(messages) == 3
    assert '"title" is not a string' in messages[2] and "nested" in messages[2]
    assert "\"published\" 'nan' is not an ISO 8601 date" in messages[0]


def test_max_bytes_applies_to_each_record_not_to_the_file(tmp_path: Path) -> None:
    records = [
        json.dumps({"id": f"r{n}", "text": f"{STORY} Crane {n} was repaired."}) for n in range(1500)
    ]
    records.append(json.dumps({"id": "big", "text": "word " * 5000}))
    _jsonl(tmp_path / "feed.jsonl", records)
    assert (tmp_path / "feed.jsonl").stat().st_size > 20_000
    docs, problems = _read(tmp_path, max_bytes=20_000)
    assert len(docs) == 1500
    (problem,) = problems
    assert problem.source == "feed.jsonl:1501" and "over the 20,000-byte limit" in problem.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    text = "Öffentliche Busse in Zürich fuhren wieder, sagte die Stadt."
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    (tmp_path / "a.txt").write_bytes(raw)
    _jsonl(tmp_path / "b.jsonl", [])
    (tmp_path / "b.jsonl").write_bytes(
        ("\ufeff" + json.dumps({"id": "x", "text": text}, ensure_ascii=False) + "\n").encode(
            encoding if encoding != "utf-16-be" else "utf-16"
        )
    )
    docs, problems = _read(tmp_path)
    assert not problems, problems
    assert [d.text for d in docs] == [text, text]


def test_deeply_nested_html_still_gives_its_text(tmp_path: Path) -> None:
    paragraph = (
        "<p>Engineers in Gdansk said the new ferry terminal would open in May, two months "
        "later than planned, because of a shortage of steel.</p>"
    )
    depth = 2000
    html = f"<html><body>{'<div>' * depth}{paragraph}{'</div>' * depth}</body></html>"
    (tmp_path / "deep.html").write_text(html, encoding="utf-8")
    docs, problems = _read(tmp_path)
    assert not problems, problems
    assert "ferry terminal would open in May" in docs[0].text


def test_an_unreadable_subfolder_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(STORY, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(STORY, encoding="utf-8")
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    docs, problems = _read(tmp_path)
    assert [d.source for d in docs] == ["ok/a.txt"]
    (problem,) = problems
    assert str(locked) in problem.message and "cannot read the folder" in problem.message


def test_the_same_name_in_two_folders_gives_two_identifiers(tmp_path: Path) -> None:
    for folder in ("north", "south"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(STORY, encoding="utf-8")  # identical
    docs, problems = _read(tmp_path)
    assert not problems
    assert sorted(d.source for d in docs) == ["north/story.txt", "south/story.txt"]
    assert len({d.id for d in docs}) == 2
    # given as two folders, the names would collide: the paths as given tell them apart
    docs, _ = _read(tmp_path / "north", tmp_path / "south")
    assert sorted(d.source for d in docs) == sorted(
        (tmp_path / f / "story.txt").as_posix() for f in ("north", "south")
    )


def test_the_links_under_a_read_more_line_are_boilerplate_prose_after_it_not() -> None:
    lines = [
        "Read more:",
        "Council approves plans for new library in Orsk",
        "- Five charts that explain the vote",
        "Also read: Barrage discharge rises to 450,000 cusecs",
        "Do you have a story for the Courier? Email newsdesk@courier.example.com",
        "",
        "RELATED:",
        "The minister said on Monday that the talks had failed and would resume next week.",
        "Read more",
        "Who is Marisol Hale?",
    ]
    text = "\n".join(lines) + "\n"
    ranges = find_boilerplate(text)
    assert [text[b:e] for b, e in ranges] == [*lines[:5], "RELATED:", *lines[-2:]]

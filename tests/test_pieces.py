"""Long documents parsed in pieces: offsets true to the whole text (issue 21)."""

from __future__ import annotations

import pytest

from kg.core.model import Document
from kg.ingest.documents import document_from_text
from kg.nlp.analyzer import Analyzer
from kg.nlp.pieces import piece_document, split_points

PARAGRAPH = (
    "The harbour master of Rotterdam, Willem de Vries, said on Monday that 14 ships were "
    "delayed by the storm. Officials in Antwerp said the port would reopen on Tuesday."
)


def test_pieces_cover_the_text_and_end_at_paragraph_breaks() -> None:
    text = "\n\n".join(f"{PARAGRAPH} ({n})" for n in range(40))
    points = split_points(text, 1000)
    assert points[0][0] == 0 and points[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(points, points[1:], strict=False))
    assert all(0 < end - begin <= 1000 for begin, end in points)
    assert all(text[end - 2 : end] == "\n\n" for _, end in points[:-1])
    # no paragraph breaks: sentence ends, then spaces
    flat = " ".join([PARAGRAPH] * 30)
    assert all(flat[end - 2] == "." for _, end in split_points(flat, 1000)[:-1])
    assert len(split_points("x" * 2500, 1000)) == 3  # one word longer than a piece: cut


def test_a_piece_keeps_its_boilerplate_ranges() -> None:
    document = Document("d", "d.txt", "a" * 50, "0" * 64, skipped=((5, 15), (40, 60)))
    piece = piece_document(document, 10, 45)
    assert piece.text == "a" * 35 and piece.skipped == ((0, 5), (30, 35))


@pytest.mark.model
def test_a_document_parsed_in_pieces_keeps_every_offset(
    monkeypatch: pytest.MonkeyPatch, analyzer: Analyzer
) -> None:
    import kg.nlp.analyzer

    text = "\n\n".join(f"{PARAGRAPH} Report {n}." for n in range(12))
    document = document_from_text("long.txt", text)
    (whole,) = analyzer.parse([document])
    monkeypatch.setattr(kg.nlp.analyzer, "PIECE", 600)
    (pieced,) = analyzer.parse([document])
    assert len(split_points(text, 600)) > 3
    assert pieced.document == document
    for t in pieced.tokens:
        assert text[t.begin : t.end] == t.text
        assert pieced.tokens[t.head].sent == t.sent
    assert [t.i for t in pieced.tokens] == list(range(len(pieced.tokens)))
    for s in pieced.sentences:
        assert (
            pieced.tokens[s.start].begin == s.begin and pieced.tokens[s.end_token - 1].end == s.end
        )
    for m in pieced.mentions:
        assert text[m.begin : m.end] == m.text and m.doc_id == document.id
        assert pieced.tokens[m.start].begin <= m.begin < m.end <= pieced.tokens[m.end_token - 1].end
        assert pieced.sentences[m.sentence].begin <= m.begin
    # cut at paragraph breaks, the pieces find what the whole finds
    assert [(m.begin, m.text) for m in pieced.mentions] == [
        (m.begin, m.text) for m in whole.mentions
    ]
    assert {"Willem de Vries", "Rotterdam", "Antwerp"} <= {m.text for m in pieced.mentions}


@pytest.mark.model
@pytest.mark.slow
def test_an_article_over_spacys_limit_is_built(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    from click.testing import CliRunner

    from kg.cli import main

    folder = Path(str(tmp_path))
    text = "\n\n".join(f"{PARAGRAPH} Item {n}." for n in range(6500))
    assert len(text) > 1_000_000
    (folder / "long.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(folder / "long.txt"), "-o", str(folder / "g.nt")]
    )
    assert result.exit_code == 0, result.stderr
    assert "1 documents (0 skipped)" in result.stderr

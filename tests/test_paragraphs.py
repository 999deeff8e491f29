"""The paragraph-break component: headings and captions end where their line ends."""

from __future__ import annotations

import pytest
import spacy

import kg.nlp.paragraphs  # noqa: F401  (registers the component)
from kg.nlp.analyzer import Analyzer


def _sentence_starts(text: str) -> tuple[list[str], list[str]]:
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_paragraph_breaks")
    doc = nlp(text)
    starts = [t.text for t in doc[1:] if t.is_sent_start is True]
    norms = [t.norm_ for t in doc if t.is_space]
    return starts, norms


def test_blank_line_after_a_heading_starts_a_sentence_and_reads_as_a_full_stop() -> None:
    starts, norms = _sentence_starts(
        "Council faces criticism\n\nOleg Marchenko said the count was wrong."
    )
    assert starts == ["Oleg"]
    assert norms == ["."]


def test_line_break_after_a_sentence_end_starts_a_sentence() -> None:
    starts, norms = _sentence_starts("The mayor spoke.\nIvan Petrov answered her.")
    assert starts == ["Ivan"]
    assert norms == ["\n"]  # one break after a full stop needs no stand-in


def test_a_dateline_is_a_sentence_of_its_own() -> None:
    starts, _ = _sentence_starts(
        "Floods kill 12\n\nSAN VARNO, Norland (AP) - Floods in Varna have killed 12 people."
    )
    assert starts == ["SAN", "Floods"]
    starts, _ = _sentence_starts("VELMORA - The mayor said the talks had ended - for now.")
    assert starts == ["The"]  # the dash inside the sentence starts nothing


def test_a_hard_wrapped_line_does_not_break_the_sentence() -> None:
    starts, norms = _sentence_starts("The mayor said the bridge\nwould reopen on Monday.")
    assert starts == []
    assert norms == ["\n"]


def test_text_and_offsets_are_untouched() -> None:
    text = "Heading\n\n\nBody starts here."
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_paragraph_breaks")
    doc = nlp(text)
    assert doc.text == text
    assert [t.text for t in doc[1:] if t.is_sent_start is True] == ["Body"]


@pytest.mark.model
def test_name_opening_a_paragraph_under_a_heading_is_found(analyzer: Analyzer) -> None:
    # Without the component the small English model reads no person here.
    doc = analyzer.nlp(
        "Regional council faces criticism\n\nOleg Marchenko, the former district governor turned "
        "one of the loudest critics, questioned the figures."
    )
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "PERSON"] == [
        ("Oleg Marchenko", "PERSON")
    ]
    assert next(s.text.strip() for s in doc.sents) == "Regional council faces criticism"


@pytest.mark.model
def test_a_heading_ending_in_a_name_keeps_the_paragraphs_first_name(analyzer: Analyzer) -> None:
    # The norm of a full stop alone was not enough: NER ran the heading's last word into
    # the paragraph's first name, or found no person; the blank line now also has a full
    # stop's shape and affixes, and no entity may hold it.
    doc = analyzer.nlp(
        "Musk strikes $44 billion deal to buy Twitter\n\n"
        "Elon Musk agreed on Monday to buy Twitter Inc. for about $44 billion in cash."
    )
    assert ("Elon Musk", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    assert all("\n\n" not in e.text for e in doc.ents)
    # the whitespace reads as a full stop; its text and the text of the document stay
    blank = next(t for t in doc if t.is_space)
    assert (blank.text, blank.norm_, blank.shape_) == ("\n\n", ".", ".")

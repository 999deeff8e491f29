"""Where a wire dateline ends (kg.core.datelines): claims' contents start after it."""

from __future__ import annotations

import pytest

from kg.core.datelines import dateline_end, headline_date


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("SAN VARNO, Norland (AP) - Floods hit.", "SAN VARNO, Norland (AP) - "),
        ("VELMORA - The mayor said.", "VELMORA - "),
        ("Velmora, Dec 1 (Wire) — The mayor said.", "Velmora, Dec 1 (Wire) — "),
        ("KESTRA, Norland, May 3 (Wire) -- Talks ended.", "KESTRA, Norland, May 3 (Wire) -- "),
    ],
)
def test_a_dateline_opening_a_paragraph_ends_after_its_dash(text: str, dateline: str) -> None:
    assert text[: dateline_end(text, 0)] == dateline


@pytest.mark.parametrize(
    "text",
    [
        "US - Norland talks resume",  # a short acronym in a headline
        "Velmora - the mayor said.",  # a name without capitals or an agency's bracket
        "The mayor said - loudly - no.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert dateline_end(text, 0) is None


def test_only_at_a_paragraphs_start() -> None:
    text = "Heading\nVELMORA - The mayor said. Then VELMORA - again."
    assert dateline_end(text, text.index("VELMORA")) == text.index("The")
    assert dateline_end(text, text.index("VELMORA", 20)) is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Harbour board cuts 300 jobs March 3, 2011 The board said.", "March 3, 2011"),
        ("Mill reports losses of US$ 2.2 billion 4 May 2009 Velmora Mill said.", "4 May 2009"),
        ("Talks fail Sept. 12, 2019 Negotiators left.", "Sept. 12, 2019"),
    ],
)
def test_a_headline_run_into_its_date(text: str, date: str) -> None:
    found = headline_date(text, 0)
    assert found is not None and text[found[0] : found[1]] == date


@pytest.mark.parametrize(
    "text",
    [
        "On March 3, 2011 The board met.",  # a date inside a sentence
        "The board met on Monday, March 3, 2011 Velmora time.",
        "The board met. It was March 3, 2011 When it ended.",  # after a sentence's end
        "Talks resume March 3, 2011 at noon.",  # no capitalised word after it
        "March 3, 2011 The board met.",  # nothing before it
    ],
)
def test_no_headline_date(text: str) -> None:
    assert headline_date(text, 0) is None


def test_a_headline_date_only_on_its_own_line() -> None:
    text = "Intro\nHarbour board cuts jobs March 3, 2011 The board said."
    assert headline_date(text, 3) is None
    found = headline_date(text, text.index("Harbour"))
    assert found is not None and text[found[0] : found[1]] == "March 3, 2011"

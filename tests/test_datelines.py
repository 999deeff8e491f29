"""Where a wire dateline ends (kg.core.datelines): claims' contents start after it."""

from __future__ import annotations

import pytest

from kg.core.datelines import dateline_end


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

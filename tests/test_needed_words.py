"""The words a boilerplate pattern's every match holds, and the lines searched for it."""

from __future__ import annotations

import re

import pytest

from kg.core.lexicon import read_lines
from kg.ingest.clues import find_boilerplate
from kg.ingest.needed_words import FOLDS_TO_ASCII, lowered, needed_words


def test_the_letters_matched_with_ascii_ones_only_case_insensitively_are_all_known() -> None:
    beyond = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    assert "".join(re.findall("[a-z]", beyond, re.IGNORECASE)) == FOLDS_TO_ASCII
    # a lowered text keeps its offsets: the one letter whose lowercase is longer is among them
    assert [c for c in beyond if len(c.lower()) != 1] == ["\u0130"]


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"via (reuters|afp)\s*$", {"via reuters", "via afp"}),
        # the run with the longest shortest word: "contributed", not "staff"
        (r"\b(writers?|staff)\b.*\bcontributed\.?\s*$", {"contributed"}),
        (r"\((Photo|image)\s*(by|:)", {"(photo", "(image"}),
        (r"Required fields", {"required fields"}),
        (r"(?:a|b)?\d+", None),  # a match may hold no letter at all
        (r"\bdéclaration\b", {"claration"}),  # the run that is ASCII
        (r"\bé\d", None),
        (r"x(", None),  # not a regex
    ],
)
def test_needed_words_of_a_pattern(pattern: str, words: set[str] | None) -> None:
    assert needed_words(pattern) == (None if words is None else frozenset(words))


def test_a_line_without_a_needed_word_cannot_match_every_boilerplate_pattern() -> None:
    lines = [
        "Photo: a crater (REUTERS/Alexander Ermochenko) near the town.",
        "Images via Getty Images",
        "The minister spoke. AFP",
        "Staff writers Ana Ruiz and Tom Vey contributed.",
        "Questions? Contact desk@example.org",
        "DISCLAIMER: views are the author's.",
        "Your email address will not be published.",
        "Want more? Sign up for the Morning Ledger newsletter.",
        "(Picture by Ines Talbot)",
    ]
    for pattern in read_lines("boilerplate.txt"):
        regex, words = re.compile(pattern, re.IGNORECASE), needed_words(pattern)
        for line in lines:
            lower = lowered(line)
            if regex.search(line) and words is not None and lower is not None:
                assert any(word in lower for word in words), (pattern, line)
    assert needed_words(r"\bdisclaimer\s*:") == {"disclaimer"}


def test_a_letter_matched_only_case_insensitively_still_finds_the_line() -> None:
    # "ſ" (long s) matches "s" case-insensitively; lowercasing keeps it "ſ": the line holds
    # no "disclaimer" once lowercased, and is searched all the same.
    text = "Story line.\nDiſclaimer: views are the author's.\nDISCLAIMER: views.\n"
    assert lowered(text) is None
    assert [text[b:e] for b, e in find_boilerplate(text)] == [
        "Diſclaimer: views are the author's.",
        "DISCLAIMER: views.",
    ]


def test_only_the_lines_that_hold_a_word_are_searched_and_found_wherever_they_are() -> None:
    text = (
        "Officials said 12 were hurt.\n"
        "    The ministry said. Reuters  \n"  # a pattern's word, the line's end
        "Reuters reported the figure first.\n"  # the word, and no match
        "\u2028A crater, photo (Photo by Dana Voss)\n"  # another line separator
    )
    ranges = find_boilerplate(text)
    assert [text[b:e] for b, e in ranges] == [
        "    The ministry said. Reuters  ",
        "A crater, photo (Photo by Dana Voss)",
    ]

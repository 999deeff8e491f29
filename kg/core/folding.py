"""Name folding: the one key under which two spellings of a name compare equal.

Entity resolution, the Wikidata KB and the linker's lookups all fold names here, so a name
found in the text and a name stored in a KB meet under the same key.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

__all__ = ["POSSESSIVE", "fold", "strip_possessive"]

POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_DROP_CHARS = re.compile(r"[.'’`\"“”‘]")
_SPACE_CHARS = re.compile(r"[\s\-‐‑–—/_,;:()\[\]]+")


def strip_possessive(text: str) -> str:
    """Remove a trailing possessive ("Zelenskiy's" -> "Zelenskiy", "Jones'" -> "Jones")."""
    return POSSESSIVE.sub("", text.strip())


@lru_cache(maxsize=65536)  # names repeat: the same few thousand forms across a corpus
def fold(text: str) -> str:
    """Lowercase ASCII form without possessive, full stops or quotes ("U.S." -> "us")."""
    words = [strip_possessive(w) for w in text.split()]
    ascii_text = anyascii(" ".join(words)).lower()
    ascii_text = _DROP_CHARS.sub("", ascii_text)
    return " ".join(_SPACE_CHARS.sub(" ", ascii_text).split())

"""The words a regex's every match holds: a cheap test that spares searching most lines.

Searching a line with a pattern whose alternatives open with `\\b` tries every alternative at
every position of the line. `needed_words` reads a pattern's parse and finds a set of
strings one of which every match contains ("via (reuters|afp)" -> "via reuters", "via afp"):
a line holding none of them cannot match, and `substring in line` is a fast scan in C.

The words are ASCII (a letter beyond ASCII ends a run of the pattern's letters) and exact: a
case-insensitive match of an ASCII word in a line is a match of the lowercased word in the
lowercased line, unless the line holds one of the four letters beyond ASCII that Python's
case-insensitive matching pairs with an ASCII one (`FOLDS_TO_ASCII`: the dotted and dotless
i, the long s, the Kelvin sign): such a line gives no verdict and is searched. The parse is
read with Python's own parser (`re._parser`); where it cannot be read, or a part of it is
not understood, no words are found and every line is searched, as before.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

__all__ = ["FOLDS_TO_ASCII", "lowered", "needed_words"]

# The characters beyond ASCII that `re.IGNORECASE` matches with an ASCII letter (tested
# against a scan of every code point): "İ" and "ı" with i, "ſ" with s, the Kelvin sign with k.
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
_FOLDS = re.compile(f"[{FOLDS_TO_ASCII}]")

_parse: Any = None
_sre: Any = None
try:  # Python's parser of regular expressions: private, present from 3.11
    _parse = importlib.import_module("re._parser")
    _sre = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - another Python: every line is searched
    _parse = None

_MOST = 64  # alternatives kept when a run's words multiply ("(a|b) (c|d)": four words)


def needed_words(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Lowercase ASCII strings one of which every match of `pattern` holds, or None when
    none can be told (an empty string could match; a part of the parse is not understood)."""
    if _parse is None:
        return None
    try:
        parsed = _parse.parse(pattern, flags)
    except (re.error, RecursionError):
        return None
    found = _sequence(list(parsed))
    if not found or not all(found):
        return None
    return frozenset(w.lower() for w in found)


def lowered(line: str) -> str | None:
    """The text in which to look for needed words: lowercased, None when it holds a letter
    that matches an ASCII one only case-insensitively (no verdict: every pattern is searched)."""
    return None if not line.isascii() and _FOLDS.search(line) else line.lower()


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Words one of which a match of this sequence holds: the best of its runs of parts
    that each match one of a few exact strings (the longest shortest word wins)."""
    best: set[str] | None = None
    run: set[str] | None = None  # the exact strings of the run being read, joined

    def close() -> None:
        nonlocal best, run
        if run and _better(run, best):
            best = run
        run = None

    for op, av in items:
        exact = _exact(op, av)
        if exact is not None:
            run = exact if run is None else _joined(run, exact)
            if run is None:  # too many alternatives: the run ends with the part before
                close()
                run = exact
            continue
        close()
        inner = _required(op, av)
        if inner and _better(inner, best):
            best = inner
    close()
    return best


def _exact(op: Any, av: Any) -> set[str] | None:
    """The strings a part matches, when it matches one of a few exact strings."""
    if op is _sre.LITERAL:  # a letter beyond ASCII breaks the run (see FOLDS_TO_ASCII)
        return {chr(av)} if av < 128 else None
    if op is _sre.SUBPATTERN and not av[1] and not av[2]:  # a group, no flags changed
        return _exact_sequence(list(av[3]))
    if op is _sre.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            words = _exact_sequence(list(alternative))
            if words is None:
                return None
            found |= words
        return found if len(found) <= _MOST else None
    return None


def _exact_sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The strings a sequence matches, when each of its parts is exact."""
    words: set[str] | None = {""}
    for op, av in items:
        exact = _exact(op, av)
        if exact is None or words is None:
            return None
        words = _joined(words, exact)
    return words


def _required(op: Any, av: Any) -> set[str] | None:
    """Words a part that is not exact still requires (a group's or a repetition's own)."""
    if op is _sre.SUBPATTERN and not av[1] and not av[2]:
        return _sequence(list(av[3]))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
        return _sequence(list(av[2]))
    if op is _sre.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            words = _sequence(list(alternative))
            if not words:
                return None
            found |= words
        return found
    return None


def _joined(left: set[str], right: set[str]) -> set[str] | None:
    if len(left) * len(right) > _MOST:
        return None
    return {a + b for a in left for b in right}


def _better(words: set[str], than: set[str] | None) -> bool:
    return than is None or min(map(len, words)) > min(map(len, than))

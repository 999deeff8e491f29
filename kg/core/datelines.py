"""Where a paragraph's wire dateline ends: "PORTO ALEGRE, Brazil (AP) - Floods ...".

A dateline opens a story's first paragraph: the place it was filed from, in capitals
("WASHINGTON", "KYIV, Ukraine", "ISTANBUL, May 3"), or written as a name when an agency's
bracket follows ("Oslo, Dec 1 (AFP)"), then a dash. It is no part of what the paragraph's
first sentence says: a claim's content starts after it.
"""

from __future__ import annotations

import re

__all__ = ["dateline_end"]

_CAPITALS = r"[A-Z][A-Z.'’\-]{2,}(?: [A-Z][A-Z.'’\-]+){0,3}"
_NAME = r"[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3}"
_MORE = r"(?:, [\w.'’ \-]{2,30}?){0,2}"  # ", Brazil", ", May 3"
_AGENCY = r" ?\([A-Z][\w .&\-]{1,40}\)"
_DASH = r" ?[-–—]{1,2} "
_DATELINE = re.compile(rf"(?:{_CAPITALS}{_MORE}(?:{_AGENCY})?|{_NAME}{_MORE}{_AGENCY}){_DASH}")


def dateline_end(text: str, begin: int) -> int | None:
    """The offset right after the dateline that opens the paragraph at `begin`, or None."""
    if begin and text[begin - 1] != "\n":
        return None
    found = _DATELINE.match(text, begin, min(len(text), begin + 120))
    return found.end() if found else None

"""Where a paragraph's wire dateline ends: "PORTO ALEGRE, Brazil (AP) - Floods ...", and
where a scraped headline runs into its publication date: "Mill reports losses May 4, 2009
The Mill Company said ...".

A dateline opens a story's first paragraph: the place it was filed from, in capitals
("WASHINGTON", "KYIV, Ukraine", "ISTANBUL, May 3"), or written as a name when an agency's
bracket follows ("Oslo, Dec 1 (AFP)"), then a dash. It is no part of what the paragraph's
first sentence says: a claim's content starts after it.

Scrapers that flatten a page often join the headline, the date line and the first paragraph
into one line. A full date (month, day and year) that comes before any sentence end of its
line, follows a word no date in a sentence follows ("on", "since", a weekday, a comma) and is
followed by a capitalised word ends the headline and opens the body.
"""

from __future__ import annotations

import re

__all__ = ["dateline_end", "headline_date"]

_CAPITALS = r"[A-Z][A-Z.'’\-]{2,}(?: [A-Z][A-Z.'’\-]+){0,3}"
_NAME = r"[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3}"
_MORE = r"(?:, [\w.'’ \-]{2,30}?){0,2}"  # ", Brazil", ", May 3"
_AGENCY = r" ?\([A-Z][\w .&\-]{1,40}\)"
_DASH = r" ?[-–—]{1,2} "
_DATELINE = re.compile(rf"(?:{_CAPITALS}{_MORE}(?:{_AGENCY})?|{_NAME}{_MORE}{_AGENCY}){_DASH}")


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = re.compile(
    rf"(?<!,) ({_MONTH} \d{{1,2}},? (?:19|20)\d\d|\d{{1,2}} {_MONTH},? (?:19|20)\d\d) (?=[A-Z])"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]* ")
# Words a date inside a sentence follows ("on May 4, 2009", "Monday, May 4, 2009").
_IN_SENTENCE_BEFORE = frozenset(
    "on in since until till by from to of before after as at dated through between and or "
    "than the this last next early late mid around about monday tuesday wednesday thursday "
    "friday saturday sunday".split()
)


def headline_date(text: str, begin: int) -> tuple[int, int] | None:
    """The span of a publication date that a headline runs into on the line at `begin`."""
    if begin and text[begin - 1] != "\n":
        return None
    end = text.find("\n", begin, begin + 400)
    line = text[begin : end if end != -1 else min(len(text), begin + 400)]
    found = _FULL_DATE.search(line)
    if found is None or found.start() < 8 or _SENTENCE_END.search(line, 0, found.start() + 1):
        return None
    before = line[: found.start()].rsplit(" ", 1)[-1].lower()
    if before in _IN_SENTENCE_BEFORE:
        return None
    return begin + found.start(1), begin + found.end(1)


def dateline_end(text: str, begin: int) -> int | None:
    """The offset right after the dateline that opens the paragraph at `begin`, or None."""
    if begin and text[begin - 1] != "\n":
        return None
    found = _DATELINE.match(text, begin, min(len(text), begin + 120))
    return found.end() if found else None

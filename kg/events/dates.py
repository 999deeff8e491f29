"""When an event happened: a date the words near its trigger give, resolved against the article.

Read from the trigger's sentence, nearest the trigger first: a month and day ("March 4",
"4 March", with a year or the article's), a month and year ("in January 2023": "2023-01"), a
weekday ("on Monday": the last such day up to the article's date), "yesterday", "today",
"last night", "overnight" and New Year's Day or Eve. Relative words need the article's date
and are left out without it. A noun trigger dated by a year not the article's ("the 1999
earthquake") is a past occurrence (`past_year`). Dates are compared by prefix
(`dates_agree`): "2023-01" agrees with "2023-01-04", two different days do not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from kg.core.calendar import MONTHS, WEEKDAYS, published_day
from kg.core.model import Parsed, Span, Token

__all__ = ["dates_agree", "event_date", "past_year", "published_date"]

_WEEKDAYS, _MONTHS = WEEKDAYS, MONTHS
_YEAR = re.compile(r"(19|20)\d\d")
_DATE_LABELS = frozenset({"DATE", "TIME"})


def published_date(parsed: Parsed) -> dt.date | None:
    """The article's date, when it has one."""
    return published_day(parsed.document.published)


def event_date(parsed: Parsed, trigger: int, published: dt.date | None) -> tuple[str, Span | None]:
    """The date of the event whose trigger is token `trigger`, and the words it was read from.

    Only a date said of the event counts: one in the trigger's own phrase ("Monday's
    attack") or on the verb it hangs from ("were killed in the attack on Monday"), not the
    date of the report ("the attack killed three, officials said on Tuesday").
    """
    tokens = parsed.tokens
    for start, end in _date_runs(parsed, trigger, _verb_of(tokens, trigger)):
        value = _read_date(tokens[start:end], published)
        if value:
            return value, _span(parsed, start, end)
    return "", None


def past_year(parsed: Parsed, trigger: int, published: dt.date | None) -> tuple[str, Span | None]:
    """The year a noun trigger's own words name ("the 1999 earthquake", "the shooting in
    2021", "the February 2023 floods") when it is not the article's (or the article's is
    unknown), and the words it was read from: a past occurrence recalled beside the story's
    own ("the worst since the 2019 attack"). "" for any other trigger.
    """
    tokens = parsed.tokens
    if tokens[trigger].pos != "NOUN":
        return "", None
    for start, end in _date_runs(parsed, trigger, trigger):
        if not _modifies(tokens, start, end, trigger):
            continue
        years = [int(t.text) for t in tokens[start:end] if _YEAR.fullmatch(t.text)]
        if years and (published is None or years[0] != published.year):
            return str(years[0]), _span(parsed, start, end)
    return "", None


def _modifies(tokens: Sequence[Token], start: int, end: int, trigger: int) -> bool:
    """Tell whether the date words [start, end) modify the trigger itself, or through one
    preposition ("the 2021 shooting", "the shooting in 2021"), not a word it governs ("the
    sentences for his 2005 rampage")."""
    root = next((k for k in range(start, end) if not start <= tokens[k].head < end), start)
    head = tokens[root].head
    return head == trigger or (tokens[head].pos == "ADP" and tokens[head].head == trigger)


def _date_runs(parsed: Parsed, trigger: int, verb: int) -> list[tuple[int, int]]:
    """The runs of date words of the trigger's sentence said of it or of `verb`, nearest the
    trigger first."""
    tokens = parsed.tokens
    sentence = parsed.sentences[tokens[trigger].sent]
    runs: list[tuple[int, int]] = []
    i = sentence.start
    while i < sentence.end_token:
        if tokens[i].ent_type in _DATE_LABELS:
            j = i
            while j < sentence.end_token and tokens[j].ent_type in _DATE_LABELS:
                j += 1
            if _said_of(tokens, i, j, trigger, verb):
                runs.append((i, j))
            i = j
        else:
            i += 1
    runs.sort(key=lambda r: (min(abs(r[0] - trigger), abs(r[1] - 1 - trigger)), r[0]))
    return runs


def _span(parsed: Parsed, start: int, end: int) -> Span:
    first, last = parsed.tokens[start], parsed.tokens[end - 1]
    text = parsed.document.text[first.begin : last.end]
    return Span(parsed.document.id, first.begin, last.end, text)


_VERBS = frozenset({"VERB", "AUX"})


def _verb_of(tokens: Sequence[Token], i: int) -> int:
    """The verb a token's phrase hangs from (the token itself when it is a verb)."""
    for _ in range(12):
        if tokens[i].pos in _VERBS or tokens[i].head == i:
            return i
        i = tokens[i].head
    return i


def _said_of(tokens: Sequence[Token], start: int, end: int, trigger: int, verb: int) -> bool:
    """Tell whether the date words [start, end) attach to the trigger or its verb."""
    root = next((k for k in range(start, end) if not start <= tokens[k].head < end), start)
    i = tokens[root].head
    for _ in range(12):
        if i == trigger or i == verb:
            return True
        if tokens[i].pos in _VERBS or tokens[i].head == i:
            return False
        i = tokens[i].head
    return False


def _read_date(run: Sequence[Token], published: dt.date | None) -> str:
    words = [t.text.lower().rstrip(".") for t in run]
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if w in _MONTHS and nxt.isdigit() and 1 <= int(nxt) <= 31:
            return _day(words, k + 2, _MONTHS[w], int(nxt), published)
        if w.isdigit() and 1 <= int(w) <= 31 and nxt in _MONTHS:
            return _day(words, k + 2, _MONTHS[nxt], int(w), published)
        if w in _MONTHS and _YEAR.fullmatch(nxt):
            return f"{nxt}-{_MONTHS[w]:02d}"
        if published is None:
            continue
        if w in _WEEKDAYS:
            back = (published.weekday() - _WEEKDAYS.index(w)) % 7
            return (published - dt.timedelta(days=back)).isoformat()
        if w == "yesterday" or (w == "last" and nxt == "night"):
            return (published - dt.timedelta(days=1)).isoformat()
        if w in {"today", "tonight", "overnight"} or (w == "this" and nxt == "morning"):
            return published.isoformat()
        if w == "new" and nxt == "year" and k + 3 < len(words) and words[k + 2] in {"'s", "’s"}:
            if words[k + 3] == "eve":
                return _iso(published.year - (published.month < 12), 12, 31)
            if words[k + 3] == "day":
                return _iso(published.year + (published.month == 12 and published.day == 31), 1, 1)
    return ""


def _day(words: Sequence[str], k: int, month: int, day: int, published: dt.date | None) -> str:
    """A day of a month, in the year written after it or else the article's year (the year
    before when that would put the day after the article)."""
    for w in words[k : k + 2]:
        if _YEAR.fullmatch(w):
            return _iso(int(w), month, day)
    if published is None:
        return ""
    year = published.year - ((month, day) > (published.month, published.day))
    return _iso(year, month, day)


def _iso(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def dates_agree(a: str, b: str) -> bool:
    """Tell whether two event dates may be one occurrence's ("" agrees with anything)."""
    return not a or not b or a.startswith(b) or b.startswith(a)

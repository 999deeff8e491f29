"""Weekday and month names as news writes them, and an article's publication day: what the
stages that read dates share."""

from __future__ import annotations

import datetime as dt

__all__ = ["MONTHS", "WEEKDAYS", "published_day"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Month name or abbreviation (lowercase) -> month number.
MONTHS: dict[str, int] = {
    m: n
    for n, ms in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in ms
}


def published_day(value: str | None) -> dt.date | None:
    """The day an article's publication date (ISO 8601, as given) names, if it names one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None

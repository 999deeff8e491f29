"""Weekday and month names as news writes them: the one table the stages that read dates use."""

from __future__ import annotations

__all__ = ["MONTHS", "WEEKDAYS"]

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

"""How an error from a library becomes part of a one-line message."""

from __future__ import annotations

__all__ = ["first_line"]


def first_line(exc: BaseException, limit: int = 160) -> str:
    """The first line of an exception's message (its type's name when it has none), cut."""
    text = str(exc).strip().splitlines()
    return text[0][:limit] if text else type(exc).__name__

"""Exit codes and the one-line error every command fails with."""

from __future__ import annotations

from typing import NoReturn

import click

__all__ = ["EXIT_BAD_INPUT", "EXIT_NONCONFORMING", "EXIT_OK", "fail"]

EXIT_OK, EXIT_NONCONFORMING, EXIT_BAD_INPUT = 0, 1, 2


def fail(message: str) -> NoReturn:
    """Print a one-line error on stderr and exit with the bad-input code."""
    click.echo(f"kg: error: {message}", err=True)
    raise SystemExit(EXIT_BAD_INPUT)

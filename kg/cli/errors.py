"""Exit codes and the one-line error every command fails with."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import click

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_NONCONFORMING",
    "EXIT_OK",
    "fail",
    "writing",
]

# 0 success, 1 the graph does not conform, 2 bad usage, input, config or environment;
# 3 a bug (an error nothing expected), 130 interrupted (Ctrl-C).
EXIT_OK, EXIT_NONCONFORMING, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def fail(message: str) -> NoReturn:
    """Print a one-line error on stderr and exit with the bad-input code."""
    click.echo(f"kg: error: {message}", err=True)
    raise SystemExit(EXIT_BAD_INPUT)


@contextlib.contextmanager
def writing(target: Path | None) -> Iterator[None]:
    """Turn a failed write (a full disk, a folder that cannot be written) into a one-line
    error naming the target."""
    from kg.rdf.serialise import OutputError

    try:
        yield
    except OutputError as exc:
        fail(str(exc))
    except OSError as exc:
        where = str(target) if target is not None else "stdout"
        fail(f"{where}: cannot write ({exc.strerror or exc}); free some space or choose another -o")

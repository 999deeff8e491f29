"""The command line: thin wrappers over the library, one module per group of commands.

Data goes to stdout or -o FILE; progress, summaries and errors to stderr. Exit codes:
0 success, 1 the graph does not conform to the shapes, 2 bad usage, input or config,
3 an unexpected error (a bug: one line, the traceback with --debug), 130 interrupted.
"""

from __future__ import annotations

import os
import sys

import click

from kg import __version__
from kg.cli.build import build
from kg.cli.errors import EXIT_INTERNAL, EXIT_INTERRUPTED
from kg.cli.graphs import kb, link, validate
from kg.cli.query import load_command, query_command
from kg.cli.report import report_command

__all__ = ["main"]


class _Main(click.Group):
    """The command group: an error nothing expected is one line and its own exit code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("\nkg: interrupted", err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:  # `kg query ... | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(0) from None
        except Exception as exc:
            if ctx.params.get("debug") or os.environ.get("KG_DEBUG"):
                raise
            text = str(exc).strip().splitlines()
            click.echo(
                f"kg: internal error: {type(exc).__name__}: {text[0][:200] if text else ''}; "
                "this is a bug: run again with --debug for the traceback and report it",
                err=True,
            )
            raise SystemExit(EXIT_INTERNAL) from None


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newskg")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error.")
def main(debug: bool) -> None:
    """newskg: news articles in, a knowledge graph of entities and claims out.

    \b
    Example:
      kg build examples/ -o graph.ttl && kg validate graph.ttl
    """


for _command in (build, link, kb, validate, query_command, load_command, report_command):
    main.add_command(_command)

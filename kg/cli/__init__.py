"""The command line: thin wrappers over the library, one module per group of commands.

Data goes to stdout or -o FILE; progress, summaries and errors to stderr. Exit codes:
0 success, 1 the graph does not conform to the shapes, 2 bad usage, input or config.
"""

from __future__ import annotations

import click

from kg import __version__
from kg.cli.build import build
from kg.cli.graphs import kb, link, validate
from kg.cli.query import load_command, query_command
from kg.cli.report import report_command

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newskg")
def main() -> None:
    """newskg: news articles in, a knowledge graph of entities and claims out.

    \b
    Example:
      kg build examples/ -o graph.ttl && kg validate graph.ttl
    """


for _command in (build, link, kb, validate, query_command, load_command, report_command):
    main.add_command(_command)

"""The RDF file formats the project reads and writes, by file suffix: one table; and how a
graph written as a folder of parts names them."""

from __future__ import annotations

import re
import typing
from pathlib import Path

__all__ = ["FORMATS", "PART_FORMATS", "SUFFIX_FORMATS", "Format", "part_files", "part_name"]

Format = typing.Literal["turtle", "nt", "trig", "nquads", "jsonld"]
FORMATS: tuple[Format, ...] = ("turtle", "nt", "trig", "nquads", "jsonld")
SUFFIX_FORMATS: dict[str, Format] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "jsonld",
    ".json": "jsonld",
}

# A graph too large for one file is written as a folder of parts (`kg build --split`):
# line-based formats only, so that the parts joined are the one file's bytes.
PART_FORMATS: dict[Format, str] = {"nt": ".nt", "nquads": ".nq"}
_PART = re.compile(r"part-(\d{5,})\.(nt|nq)")


def part_name(index: int, fmt: Format) -> str:
    """The file name of a graph's part number `index` (0-based) in `fmt`."""
    return f"part-{index:05d}{PART_FORMATS[fmt]}"


def part_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """A parts folder's part files in order, and the other files it holds (a folder `kg build
    --split` wrote holds none)."""
    parts: list[tuple[int, Path]] = []
    others: list[Path] = []
    for path in sorted(folder.iterdir()):
        found = _PART.fullmatch(path.name)
        if found is not None and path.is_file():
            parts.append((int(found.group(1)), path))
        else:
            others.append(path)
    return [path for _, path in sorted(parts)], others

"""Which files a build reads, and the identifier each one gets in the graph.

Folders are walked (every folder that cannot be read is reported, not skipped in silence),
globs expanded, and every file named by its path relative to the folder it was found in
("north/a.txt"), or by its name when given directly. Two inputs that would share an
identifier (the same name in two folders given) are named by the path as given instead, so
no two documents ever share a `dcterms:identifier`.
"""

from __future__ import annotations

import glob
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from kg.core.model import Problem

__all__ = ["SUFFIXES", "Input", "expand_inputs"]

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class Input:
    """One file to read and the identifier its documents get."""

    path: Path
    identifier: str  # relative, "/"-separated: "north/a.txt", or the name of a file given


def expand_inputs(paths: Iterable[str]) -> tuple[list[Input], list[Problem]]:
    """Turn folders, files and globs into the files to read, in identifier order."""
    found: dict[Path, tuple[str, str]] = {}  # real path -> (identifier, path as given)
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = _walk(path, raw, problems)
            if not files:
                problems.append(
                    Problem(
                        raw,
                        f"folder {raw!r} holds no {'/'.join(SUFFIXES)} files; "
                        "point at a folder of articles",
                    )
                )
            for file in files:
                relative = file.relative_to(path).as_posix()
                found.setdefault(file.resolve(), (relative, file.as_posix()))
        elif path.is_file():
            found.setdefault(path.resolve(), (path.name, path.as_posix()))
        elif any(c in raw for c in "*?["):
            matches = sorted(Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file())
            if not matches:
                problems.append(Problem(raw, f"pattern {raw!r} matches no file; check the glob"))
            for match in matches:
                found.setdefault(match.resolve(), (match.name, match.as_posix()))
        else:
            problems.append(
                Problem(raw, f"{raw!r} does not exist; pass a folder, a file or a glob")
            )
    return _named(found), problems


def _walk(folder: Path, raw: str, problems: list[Problem]) -> list[Path]:
    """Every input file under `folder`, reporting each subfolder that cannot be read."""

    def unreadable(error: OSError) -> None:
        where = error.filename or raw
        problems.append(
            Problem(
                str(where),
                f"{where}: cannot read the folder ({error.strerror}); its articles are "
                "skipped: check its permissions",
            )
        )

    files = []
    for top, folders, names in os.walk(folder, onerror=unreadable):
        folders.sort()
        for name in names:
            if PurePath(name).suffix.lower() in SUFFIXES:
                file = Path(top) / name
                if file.is_file():
                    files.append(file)
    return files


def _named(found: dict[Path, tuple[str, str]]) -> list[Input]:
    """Inputs with identifiers made unique: colliding ones are named by the path as given."""
    by_identifier: dict[str, list[Path]] = defaultdict(list)
    for real, (identifier, _) in found.items():
        by_identifier[identifier].append(real)
    inputs = []
    for identifier, reals in by_identifier.items():
        for real in reals:
            name = identifier if len(reals) == 1 else found[real][1]
            inputs.append(Input(real, name))
    names: dict[str, int] = defaultdict(int)
    unique = []
    for item in sorted(inputs, key=lambda i: (i.identifier, str(i.path))):
        names[item.identifier] += 1
        if names[item.identifier] > 1:  # the same path given twice in two spellings
            item = Input(item.path, f"{item.identifier} ({names[item.identifier]})")
        unique.append(item)
    return unique

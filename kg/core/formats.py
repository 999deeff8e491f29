"""The RDF file formats the project reads and writes, by file suffix: one table."""

from __future__ import annotations

import typing

__all__ = ["FORMATS", "SUFFIX_FORMATS", "Format"]

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

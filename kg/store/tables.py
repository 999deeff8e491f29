"""Query results as text: an aligned table for a terminal, CSV, TSV or SPARQL JSON results."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Literal as TypingLiteral

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.core.vocab import PREFIXES
from kg.store.stores import Table, Term

__all__ = ["OUTPUT_FORMATS", "OutputFormat", "format_table"]


OutputFormat = TypingLiteral["table", "csv", "tsv", "json"]


OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("table", "csv", "tsv", "json")


def format_table(
    table: Table, fmt: OutputFormat, *, width: int = 48, terminal: bool = False
) -> str:
    """Render a Table: aligned text for terminals, CSV/TSV values, SPARQL JSON results.

    Text from articles is data, never commands: the aligned table (and every format when
    `terminal`) shows control characters as escapes, so a title cannot move the cursor or
    retitle the window; in CSV and TSV a text that a spreadsheet would read as a formula
    (starting with =, +, -, @) is quoted with a leading apostrophe."""
    text = _render(table, fmt, width)
    return _visible(text) if terminal else text


def _render(table: Table, fmt: OutputFormat, width: int) -> str:
    if fmt == "json":
        return (
            json.dumps(
                {
                    "head": {"vars": list(table.columns)},
                    "results": {"bindings": [_json_row(table.columns, r) for r in table.rows]},
                },
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        if fmt == "csv":
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(table.columns)
            writer.writerows([[_cell(t) for t in row] for row in table.rows])
            return buffer.getvalue()
        lines = ["\t".join(table.columns)]
        lines += ["\t".join(_tsv(t) for t in row) for row in table.rows]
        return "\n".join(lines) + "\n"
    cells = [[_short(t, width) for t in row] for row in table.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    numeric = [
        all(_is_number(r[i]) for r in table.rows) and bool(table.rows)
        for i in range(len(table.columns))
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    out = [line(table.columns), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    return "\n".join(out) + "\n"


def _json_row(columns: Sequence[str], row: Sequence[Term | None]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for column, term in zip(columns, row, strict=True):
        if isinstance(term, URIRef):
            out[column] = {"type": "uri", "value": str(term)}
        elif isinstance(term, BNode):
            out[column] = {"type": "bnode", "value": str(term)}
        elif isinstance(term, Literal):
            item = {"type": "literal", "value": str(term)}
            if term.language:
                item["xml:lang"] = term.language
            elif term.datatype is not None:
                item["datatype"] = str(term.datatype)
            out[column] = item
    return out


# C0 and C1 controls and the bidirectional overrides, but for tab and newline (which the
# formats escape or use themselves).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _visible(text: str) -> str:
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _cell(term: Term | None) -> str:
    """A term as a spreadsheet cell: a text that looks like a formula is kept as text."""
    if term is None:
        return ""
    text = str(term)
    if text.startswith(_FORMULA) and not (_is_number(term) and isinstance(term, Literal)):
        return "'" + text
    return text


def _tsv(term: Term | None) -> str:
    if term is None:
        return ""
    return (
        _cell(term)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def _is_number(term: Term | None) -> bool:
    return term is None or (
        isinstance(term, Literal)
        and term.datatype is not None
        and term.datatype in (XSD.integer, XSD.decimal, XSD.double, XSD.float)
    )


def _short(term: Term | None, width: int) -> str:
    if term is None:
        return ""
    text = str(term)
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if text.startswith(ns) and re.fullmatch(r"[A-Za-z0-9_-]*", text[len(ns) :]):
                text = f"{prefix}:{text[len(ns) :]}"
                break
    text = _visible(" ".join(text.split()))
    if len(text) <= width:
        return text
    # An IRI's end tells instances apart (slug and hash); a text's start reads best.
    return "…" + text[-(width - 1) :] if isinstance(term, URIRef) else text[: width - 1] + "…"

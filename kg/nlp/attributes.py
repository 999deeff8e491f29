"""The model's attribute ruler as a table: the same token attributes, without a Python step
per token.

spaCy's `AttributeRuler` (the English pipelines' map from fine tags to coarse ones, morphology
and some lemmas) matches every token against its patterns, then sets each match's attributes
one match at a time in Python: a sixth of the model's own time on news (`python -m
bench.components`). Most of its patterns say only "this tag": `TagAttributes` keeps those as a
table from tag to attributes, applied to a Doc's attribute array at once, and matches the
others (a tag and a word, a dependency, two tokens) with a spaCy `Matcher` of only them. Each
token gets, for each attribute, the value of the last pattern that matches it, as the
ruler applies its matches in pattern order: the same Doc, tested against the model's own
ruler. A ruler that sets attributes the table does not handle (extension attributes, lexical
ones) is left in place (`table_of` gives None).
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy import attrs as spacy_attrs
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

__all__ = ["NAME", "TagAttributes", "replace_ruler", "table_of"]

NAME = "kg_tag_attributes"

# What the table sets: token attributes only (the ruler also sets them on the word's lexeme,
# where these ids name no field: a no-op there).
_SETTABLE = frozenset(
    {spacy_attrs.POS, spacy_attrs.TAG, spacy_attrs.MORPH, spacy_attrs.LEMMA, spacy_attrs.DEP}
)


class TagAttributes:
    """An `AttributeRuler`'s patterns and attributes, applied as a table (see the module)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        vocab = ruler.vocab
        self.vocab = vocab
        self.columns = sorted({a for given in ruler.attrs for a in given})
        column = {a: n for n, a in enumerate(self.columns)}
        self.attrs = [{column[a]: v for a, v in given.items()} for given in ruler.attrs]
        self.indices = list(ruler.indices)
        # tag -> column -> (the last pattern's number, its value)
        self.by_tag: dict[int, dict[int, tuple[int, int]]] = {}
        self.matcher = Matcher(vocab)
        for number, entry in enumerate(ruler.patterns):
            others: list[list[dict[str, Any]]] = []
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            for pattern in patterns:
                tag = _tag_only(pattern)
                if tag is None or self.indices[number] not in (0, -1):
                    others.append(pattern)
                    continue
                row = self.by_tag.setdefault(vocab.strings.add(tag), {})
                for col, value in self.attrs[number].items():
                    row[col] = (number, value)
            if others:
                self.matcher.add(str(number), others)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self.columns:
            return doc
        array = doc.to_array([spacy_attrs.TAG, *self.columns])
        tags, values = array[:, 0], array[:, 1:]
        owner = numpy.full(values.shape, -1, dtype=numpy.int64)  # the pattern that set it
        for tag in numpy.unique(tags).tolist():
            row = self.by_tag.get(tag)
            if row is None:
                continue
            rows = tags == tag
            for col, (number, value) in row.items():
                values[rows, col] = value
                owner[rows, col] = number
        strings = self.vocab.strings
        for key, start, end in self.matcher(doc, as_spans=False, allow_missing=True):
            number = int(strings[key])
            index = self.indices[number]
            at = (start if index >= 0 else end) + index
            if not start <= at < end:
                raise ValueError(
                    f"attribute pattern {number} sets token {index} of a match of "
                    f"{end - start} token(s)"
                )
            for col, value in self.attrs[number].items():
                if number >= owner[at, col]:
                    values[at, col] = value
                    owner[at, col] = number
        doc.from_array(self.columns, numpy.ascontiguousarray(values))  # type: ignore[arg-type]
        return doc


def _tag_only(pattern: list[dict[str, Any]]) -> str | None:
    """The tag a one-token pattern asks for when it asks for nothing else."""
    if len(pattern) != 1 or set(pattern[0]) != {"TAG"} or not isinstance(pattern[0]["TAG"], str):
        return None
    return pattern[0]["TAG"]


def table_of(ruler: AttributeRuler) -> TagAttributes | None:
    """The ruler as a table, or None when it sets what the table does not (see the module)."""
    if any(not set(given) <= _SETTABLE for given in ruler.attrs):
        return None
    return TagAttributes(ruler)


@Language.factory(NAME, assigns=["token.pos", "token.tag", "token.morph", "token.lemma"])
def _make(nlp: Language, name: str) -> _Slot:
    return _Slot()


class _Slot:
    """The pipeline component: a table given after it is added (`replace_ruler`)."""

    table: TagAttributes | None = None

    def __call__(self, doc: Doc) -> Doc:
        return doc if self.table is None else self.table(doc)


def replace_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Put the table of the pipeline's attribute ruler in its place; False when there is
    none or it sets what the table does not."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    table = table_of(ruler) if isinstance(ruler, AttributeRuler) else None
    if table is None:
        return False
    slot = nlp.add_pipe(NAME, after=name)
    if not isinstance(slot, _Slot):
        raise TypeError(f"{NAME} made a {type(slot).__name__}, not its table's slot")
    slot.table = table
    nlp.remove_pipe(name)
    return True

"""The model's attribute ruler as a table: the same token attributes, without a Python step
per token.

spaCy's `AttributeRuler` (the English pipelines' map from fine tags to coarse ones, morphology
and some lemmas) matches every token against its patterns with a `Matcher`, where a test of
a word against a list ("IN") is a Python call per token and pattern, then sets each match's
attributes one match at a time in Python: a sixth of the model's own time on news (`python -m
bench.components`). `TagAttributes` keeps the patterns that say only "this tag" as a table
from tag to attributes, tests the other one-token patterns (a tag and a word, a dependency,
a flag) on the Doc's attribute columns at once, and matches the rest (two tokens, a regex)
with a `Matcher` of only them. Each token gets, for each attribute, the value of the last
pattern that matches it, as the ruler applies its matches in pattern order: the same Doc,
tested against the model's own ruler. A ruler that sets attributes the table does not handle
(extension attributes, lexical ones) is left in place (`table_of` gives None).
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
        # the other one-token patterns as tests on attribute columns: (number, tests)
        self.tests: list[tuple[int, list[_Test]]] = []
        self.matcher = Matcher(vocab)  # the rest: patterns of two tokens or more, regexes ...
        for number, entry in enumerate(ruler.patterns):
            others: list[list[dict[str, Any]]] = []
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            for pattern in patterns:
                tag = _tag_only(pattern)
                tests = _tests(pattern, vocab.strings.add)
                if self.indices[number] not in (0, -1) or (tag is None and tests is None):
                    others.append(pattern)
                elif tag is not None:
                    row = self.by_tag.setdefault(vocab.strings.add(tag), {})
                    for col, value in self.attrs[number].items():
                        row[col] = (number, value)
                elif tests is not None:
                    self.tests.append((number, tests))
            if others:
                self.matcher.add(str(number), others)
        self.tested = sorted({name for _, tests in self.tests for name, _, _ in tests})

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
        if self.tests:
            tested = doc.to_array(list(self.tested))
            column = {name: tested[:, n] for n, name in enumerate(self.tested)}
            known: dict[object, Any] = {}  # a test's tokens, once per Doc (many share one)
            for number, tests in self.tests:
                mask = _passes(column, tests, known)
                if not mask.any():
                    continue
                rows = mask.nonzero()[0]
                for col, value in self.attrs[number].items():
                    later = rows[owner[rows, col] <= number]
                    values[later, col] = value
                    owner[later, col] = number
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


# A test on one attribute column: its name, whether a token passes when its value is among
# the values or when it is not, and the values.
_Test = tuple[str, bool, numpy.ndarray[Any, numpy.dtype[numpy.uint64]]]

# The attributes a one-token pattern may test here: string ones (an equal string, "IN" or
# "NOT_IN" a list of strings), compared as the Matcher compares them, by the string's hash;
# and boolean flags.
_STRINGS = frozenset({"ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA"})
_FLAGS = frozenset({"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_TITLE", "IS_UPPER"})


def _tests(pattern: list[dict[str, Any]], hashed: Any) -> list[_Test] | None:
    """A one-token pattern as tests on attribute columns; None when it asks for more."""
    if len(pattern) != 1 or not pattern[0]:
        return None
    tests: list[_Test] = []
    for name, wanted in pattern[0].items():
        if name in _FLAGS and isinstance(wanted, bool):
            tests.append((name, True, numpy.array([int(wanted)], dtype=numpy.uint64)))
        elif name in _STRINGS and isinstance(wanted, str):
            tests.append((name, True, numpy.array([hashed(wanted)], dtype=numpy.uint64)))
        elif (
            name in _STRINGS
            and isinstance(wanted, dict)
            and len(wanted) == 1
            and set(wanted) <= {"IN", "NOT_IN"}
            and all(isinstance(v, str) for v in next(iter(wanted.values())))
        ):
            ((operator, strings),) = wanted.items()
            found = numpy.array(sorted({hashed(v) for v in strings}), dtype=numpy.uint64)
            tests.append((name, operator == "IN", found))
        else:
            return None
    return tests


def _passes(column: dict[str, Any], tests: list[_Test], known: dict[object, Any]) -> Any:
    """The tokens that pass every test: a boolean array (`known`: tests done on this Doc)."""
    mask = None
    for name, among, found in tests:
        key = (name, among, found.tobytes())
        passed = known.get(key)
        if passed is None:
            if len(found) == 1:
                passed = column[name] == found[0] if among else column[name] != found[0]
            else:
                passed = numpy.isin(column[name], found, invert=not among)
            known[key] = passed
        mask = passed if mask is None else mask & passed
    return mask


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


@Language.factory(
    NAME, assigns=["token.pos", "token.tag", "token.morph", "token.lemma", "token.dep"]
)
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

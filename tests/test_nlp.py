"""The nlp stage's plain data: tokens and sentences read as spaCy's own objects give them."""

from __future__ import annotations

from kg.nlp import Analyzer, to_parsed
from tests.conftest import make_document

TEXT = (
    "KYIV, Jan 2 (Reuters) - Ukraine's military said on Monday that  at least 400\n"
    "Russian soldiers were killed in Makiivka.\n\n"
    "Russia’s defence ministry put the toll at 63. Officials didn't say more."
)


def test_tokens_and_sentences_are_spacys_own(analyzer: Analyzer) -> None:
    document = make_document(TEXT)
    doc = analyzer.nlp(TEXT)
    parsed = to_parsed(doc, document)
    sentences = list(doc.sents)
    assert len(sentences) > 2
    assert [(s.begin, s.end, s.start, s.end_token) for s in parsed.sentences] == [
        (s.start_char, s.end_char, s.start, s.end) for s in sentences
    ]
    sentence_of = {t.i: n for n, s in enumerate(sentences) for t in s}
    expected = [
        (t.i, t.idx, t.idx + len(t.text), t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, sentence_of[t.i], t.ent_type_)
        for t in doc
    ]
    got = [(t.i, t.begin, t.end, t.text, t.lemma, t.pos, t.tag, t.dep, t.head, t.sent, t.ent_type) for t in parsed.tokens]
    assert got == expected
    # Heads point both ways (an offset read as a signed number), and every token slices.
    assert any(t.head < t.i for t in parsed.tokens) and any(t.head > t.i for t in parsed.tokens)
    assert all(TEXT[t.begin : t.end] == t.text for t in parsed.tokens)
    assert {t.ent_type for t in parsed.tokens} & {"PERSON", "GPE", "ORG"}


def test_an_empty_text_has_no_tokens_or_sentences(analyzer: Analyzer) -> None:
    parsed = to_parsed(analyzer.nlp(""), make_document(""))
    assert parsed.tokens == () and parsed.sentences == () and parsed.mentions == ()

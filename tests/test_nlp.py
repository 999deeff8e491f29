"""The nlp stage's plain data: tokens and sentences read as spaCy's own objects give them."""

from __future__ import annotations

from kg.nlp.analyzer import Analyzer, to_parsed
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
        (
            t.i,
            t.idx,
            t.idx + len(t.text),
            t.text,
            t.lemma_,
            t.pos_,
            t.tag_,
            t.dep_,
            t.head.i,
            sentence_of[t.i],
            t.ent_type_,
        )
        for t in doc
    ]
    got = [
        (t.i, t.begin, t.end, t.text, t.lemma, t.pos, t.tag, t.dep, t.head, t.sent, t.ent_type)
        for t in parsed.tokens
    ]
    assert got == expected
    # Heads point both ways (an offset read as a signed number), and every token slices.
    assert any(t.head < t.i for t in parsed.tokens) and any(t.head > t.i for t in parsed.tokens)
    assert all(TEXT[t.begin : t.end] == t.text for t in parsed.tokens)
    assert {t.ent_type for t in parsed.tokens} & {"PERSON", "GPE", "ORG"}


def test_an_empty_text_has_no_tokens_or_sentences(analyzer: Analyzer) -> None:
    parsed = to_parsed(analyzer.nlp(""), make_document(""))
    assert parsed.tokens == () and parsed.sentences == () and parsed.mentions == ()


def test_entity_rulers_token_patterns_match_around_their_words_as_everywhere(
    analyzer: Analyzer,
) -> None:
    """The entity ruler's Matcher runs only around the words its patterns need
    (`kg.nlp.anchored`): the same matches as the Matcher over the whole document, at the start,
    the end and side by side, and the same entities."""
    from kg.nlp.anchored import AnchoredMatcher, anchor_words

    ruler = analyzer.nlp.get_pipe("kg_entity_ruler")
    anchored = ruler.matcher
    assert isinstance(anchored, AnchoredMatcher)
    texts = [
        "Russia's defence ministry said 63 died; the Ministry of Emergency Situations agreed.",
        "Ministry of Foreign Affairs officials met the UK Defence Ministry",
        (
            "Ukraine's foreign affairs ministry, Poland's interior ministry "
            "and Kyiv's health department spoke."
        ),
        "The ministry said nothing.",
        TEXT,
    ]
    found = 0
    for text in texts:
        doc = analyzer.nlp(text)
        everywhere = sorted(anchored.matcher(doc))
        assert sorted(anchored(doc)) == everywhere
        found += len(everywhere)
        ruler.matcher = anchored.matcher
        try:
            plain = [(e.start, e.end, e.label_) for e in analyzer.nlp(text).ents]
        finally:
            ruler.matcher = anchored
        assert [(e.start, e.end, e.label_) for e in doc.ents] == plain
    assert found >= 8
    assert anchor_words([[{"LOWER": "a"}, {"LOWER": {"IN": ["b", "c"]}, "OP": "?"}]]) is None
    assert anchor_words([[{"LOWER": {"IN": ["x", "y", "z"]}}, {"LOWER": {"IN": ["b", "c"]}}]]) == (
        frozenset({"b", "c"}),
        2,
    )


def test_anchored_matcher_finds_matches_whose_anchor_is_at_either_end(analyzer: Analyzer) -> None:
    from spacy.matcher import Matcher

    from kg.nlp.anchored import AnchoredMatcher, anchor_words

    patterns = [
        [{"LOWER": {"IN": ["a", "b", "c"]}}, {"LOWER": {"IN": ["a", "b"]}}, {"LOWER": "z"}],
        [
            {"LOWER": "y"},
            {"LOWER": {"IN": ["a", "b"]}},
            {"LOWER": {"IN": ["a", "c"]}},
            {"LOWER": {"IN": ["b", "c"]}},
        ],
    ]
    matcher = Matcher(analyzer.nlp.vocab)
    matcher.add("P", patterns)
    anchors = anchor_words(patterns)
    assert anchors == (frozenset({"z", "y"}), 4)
    anchored = AnchoredMatcher(matcher, *anchors)
    for text in ["c a z", "y b a c", "x c a z y a c b q", "y a a b z", "a b z y b c c", "q q q"]:
        doc = analyzer.nlp.make_doc(text)
        assert sorted(anchored(doc)) == sorted(matcher(doc)), text
    assert len(anchored(analyzer.nlp.make_doc("x c a z y a c b q"))) == 2

"""The coreference scorer of eval/coref.py: metrics on textbook cases, the CoNLL reader."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from eval.coref import (
    b_cubed,
    ceaf_e,
    conll_f1,
    gold_clusters,
    max_assignment,
    muc,
    read_conll,
    rebuild_text,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "eval" / "data" / "coref_sample.conll"

# The worked example of Pradhan et al. (2014), "Scoring coreference partitions of predicted
# mentions: a reference implementation": key {a,b,c} {d,e,f,g}, response {a,b} {c,d} {f,g,h,i}.
KEY = [frozenset("abc"), frozenset("defg")]
RESPONSE = [frozenset("ab"), frozenset("cd"), frozenset("fghi")]


def test_muc_on_the_reference_example() -> None:
    score = muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(2 / 5) and score.precision == pytest.approx(2 / 5)


def test_b_cubed_on_the_reference_example() -> None:
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx(35 / 84)  # (4/3 + 1/3 + 1/4 + 1) / 7
    assert score.precision == pytest.approx(4 / 8)  # (2 + 1/2 + 1/2 + 1) / 8
    assert score.f1 == pytest.approx(0.4545, abs=1e-4)


def test_ceaf_e_on_the_reference_example() -> None:
    score = ceaf_e(KEY, RESPONSE)
    # Best alignment: {a,b,c}-{a,b} (phi4 = 4/5) and {d,e,f,g}-{f,g,h,i} (phi4 = 4/8).
    assert score.recall == pytest.approx(1.3 / 2) and score.precision == pytest.approx(1.3 / 3)
    assert score.f1 == pytest.approx(0.52)


def test_perfect_and_disjoint_responses() -> None:
    assert conll_f1(KEY, KEY) == pytest.approx(1.0)
    singletons = [frozenset(m) for m in "abcdefg"]
    assert muc(KEY, singletons).recall == 0.0  # no link recovered
    assert b_cubed(KEY, singletons).precision == 1.0
    assert muc(singletons, singletons).f1 == 0.0  # MUC has no links to count


def test_one_big_cluster_has_full_muc_recall() -> None:
    everything = [frozenset("abcdefg")]
    assert muc(KEY, everything).recall == 1.0
    assert muc(KEY, everything).precision == pytest.approx(5 / 6)
    assert b_cubed(KEY, everything).precision == pytest.approx((9 + 16) / 49)


@pytest.mark.parametrize(
    "weights",
    [
        [[0.8, 0.4, 0.0], [0.0, 0.33, 0.5]],
        [[1, 2, 3], [2, 4, 6], [3, 6, 9]],
        [[5, 1], [4, 2], [1, 9]],
        [[0.2]],
    ],
)
def test_max_assignment_matches_brute_force(weights: list[list[float]]) -> None:
    rows, cols = len(weights), len(weights[0])
    pairs = max_assignment(weights)
    assert len(pairs) == min(rows, cols)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    best = max(
        sum(weights[i][j] for i, j in zip(r, c, strict=False))
        for r in itertools.permutations(range(rows), min(rows, cols))
        for c in [tuple(range(cols))] + list(itertools.permutations(range(cols), min(rows, cols)))
    )
    assert sum(weights[i][j] for i, j in pairs) == pytest.approx(best)


def test_reader_finds_documents_tokens_and_cross_document_clusters() -> None:
    docs = read_conll(SAMPLE)
    assert [d.name for d in docs] == ["pechenihy_a/0", "pechenihy_b/0", "pechenihy_c/0"]
    key = gold_clusters(docs)
    spans = {
        frozenset((d, " ".join(next(x for x in docs if x.name == d).tokens[s:e])) for d, s, e in c)
        for c in key
    }
    assert frozenset({("pechenihy_a/0", "Kharkiv"), ("pechenihy_b/0", "Kharkov")}) in spans
    governor = next(c for c in spans if ("pechenihy_b/0", "Oleksii Hrytsenko") in c)
    assert ("pechenihy_c/0", "Oleksiy Hrytsenko") in governor
    assert ("pechenihy_c/0", "Iryna Hrytsenko") not in governor
    assert len(gold_clusters(docs, cross=False)) > len(key)  # ids shared across documents


def test_rebuilt_text_offsets_slice_to_tokens() -> None:
    doc = read_conll(SAMPLE)[0]
    text, spans = rebuild_text(doc)
    assert [text[b:e] for b, e in spans] == list(doc.tokens)
    assert "Ukraine's interior ministry" in text and " ( SES )" not in text


def test_reader_rejects_unclosed_clusters(tmp_path: Path) -> None:
    bad = tmp_path / "bad.conll"
    bad.write_text("#begin document (x); part 000\nx 0 0 Word - - - - - - * (1\n#end document\n")
    with pytest.raises(ValueError, match="never closed"):
        read_conll(bad)


@pytest.mark.model
def test_sample_scores_with_the_real_pipeline() -> None:
    from eval.coref import predict_clusters

    docs = read_conll(SAMPLE)
    key, response = gold_clusters(docs), predict_clusters(docs)
    assert muc(key, response).precision == pytest.approx(1.0)
    assert conll_f1(key, response) > 0.85


WEAPONS_SAMPLE = ROOT / "eval" / "data" / "coref_weapons_types.conll"


@pytest.mark.model
def test_weapon_phrasings_and_mistyped_names_resolve_in_the_second_sample() -> None:
    from eval.coref import predict_clusters

    docs = read_conll(WEAPONS_SAMPLE)
    key, response = gold_clusters(docs), predict_clusters(docs)
    tokens = {d.name: d.tokens for d in docs}
    words = [{" ".join(tokens[d][s:e]) for d, s, e in c} for c in response]
    himars = next(c for c in words if "HIMARS launchers" in c)
    assert himars == {
        "rockets",
        "HIMARS launchers",
        "HIMARS rockets",
        "Himars multiple launch system",
    }
    assert not any("S-300 batteries" in c and "S-400 battery" in c for c in words)
    assert not any("Valour" in c for c in words)  # the tail of an award is no entity
    assert muc(key, response).precision == pytest.approx(1.0)
    assert conll_f1(key, response) > 0.9


# -- ECB+ and MEANTIME readers (eval.gold_texts) and the named-mention scorer ------------------

_ECB_DOC = """<Document doc_name="9_1ecb.xml">
<token t_id="1" sentence="0" number="0">Mayor</token>
<token t_id="2" sentence="0" number="1">Alma</token>
<token t_id="3" sentence="0" number="2">Quist</token>
<token t_id="4" sentence="0" number="3">visits</token>
<token t_id="5" sentence="0" number="4">Brenford</token>
<token t_id="6" sentence="1" number="0">Quist</token>
<token t_id="7" sentence="1" number="1">said</token>
<token t_id="8" sentence="1" number="2">``</token>
<token t_id="9" sentence="1" number="3">we</token>
<token t_id="10" sentence="1" number="4">won</token>
<token t_id="11" sentence="1" number="5">''</token>
<token t_id="12" sentence="1" number="6">.</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/>
<token_anchor t_id="3"/></HUMAN_PART_PER>
<LOC_GEO m_id="2"><token_anchor t_id="5"/></LOC_GEO>
<HUMAN_PART_PER m_id="3"><token_anchor t_id="6"/></HUMAN_PART_PER>
<HUMAN_PART_GENERIC m_id="4"><token_anchor t_id="9"/></HUMAN_PART_GENERIC>
<HUMAN_PART_PER m_id="9" RELATED_TO="" TAG_DESCRIPTOR="t9_quist" instance_id="HUM1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="HUM1"><source m_id="1" /><source m_id="3" />
<target m_id="9" /></CROSS_DOC_COREF>
</Relations>
</Document>
"""


def _ecb_folder(tmp_path: Path) -> Path:
    (tmp_path / "ECB+" / "9").mkdir(parents=True)
    (tmp_path / "ECB+" / "9" / "9_1ecb.xml").write_text(_ECB_DOC, encoding="utf-8")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n9,1ecb,0\n9,1ecb,1\n", encoding="utf-8"
    )
    return tmp_path


def test_ecbplus_reader_builds_text_chains_and_classes(tmp_path: Path) -> None:
    from eval.gold_texts import read_ecbplus

    (text,) = read_ecbplus(_ecb_folder(tmp_path), ["9"])
    assert text.text == 'Mayor Alma Quist visits Brenford\nQuist said "we won".'
    assert [text.text[b:e] for b, e in text.spans][5:8] == ["Quist", "said", '"']
    got = [(m.kind, text.words(m.start, m.end), m.chain) for m in text.mentions]
    assert got == [
        ("PER", "Mayor Alma Quist", "9:HUM1"),
        ("LOC", "Brenford", "9_1ecb:2"),
        ("PER", "Quist", "9:HUM1"),
    ]  # the generic "we" is not read
    assert text.scored == {0, 1}


def test_detokenise_and_align_agree() -> None:
    from eval.gold_texts import align_tokens, detokenise

    sentences = [["Headline", "of", "the", "day"], ["It", "said", "``", "no", "''", ",", "A."]]
    text, spans = detokenise(sentences)
    assert text == 'Headline of the day\nIt said "no", A.'
    assert align_tokens(text, [w for s in sentences for w in s]) == spans
    assert align_tokens("a  b", ["a", "c"]) is None


def test_name_core_drops_titles_and_articles_and_keeps_inner_connectors() -> None:
    from eval.gold_texts import GoldMention, GoldText
    from eval.named_coref import _name_core

    def gold_text(sentence: str) -> GoldText:
        """One sentence tokenised at spaces, as the corpora give it."""
        words = sentence.split()
        spans, pos = [], 0
        for w in words:
            spans.append((pos, pos + len(w)))
            pos += len(w) + 1
        return GoldText("d", "t", sentence, tuple(spans), (0,) * len(words), frozenset({0}), ())

    text = gold_text("the Bank of Lorvia chief executive Dana Fell said")
    bank = _name_core(text, GoldMention("c", 0, 4, "ORG"), 1)
    assert bank is not None and text.words(*bank) == "Bank of Lorvia"
    person = _name_core(text, GoldMention("c", 1, 8, "PER"), 7)
    assert person is not None and text.words(*person) == "Dana Fell"
    # a quoted nickname inside the name is part of it (ECB+ tokens: '"The', 'Chin"')
    text = gold_text('Mob boss Vinny "The Chin" Rocca died')
    boss = _name_core(text, GoldMention("c", 2, 6, "PER"), 5)
    assert boss is not None and text.words(*boss) == 'Vinny "The Chin" Rocca'


def test_baselines_group_within_a_group_by_string_or_head() -> None:
    from eval.named_coref import Name, baseline_clusters

    names = [
        Name(("a", 0, 9), "Alma Quist", "PER", "quist", "", "e1"),
        Name(("b", 0, 5), "Quist", "PER", "quist", "", "e1"),
        Name(("c", 0, 5), "Quist", "PER", "quist", "", "e2"),
    ]
    exact = baseline_clusters(names, "exact")
    assert frozenset({("b", 0, 5), ("c", 0, 5)}) in exact and len(exact) == 2
    assert baseline_clusters(names, "head") == [frozenset(n.key for n in names)]


def test_gold_name_of_a_location_with_its_preposition_and_an_initial(tmp_path: Path) -> None:
    from eval.gold_texts import GoldMention, GoldText
    from eval.named_coref import _name_chars, _name_core

    words = ["met", "Dana", "R", ".", "Voss", "Jr", ".", "in", "Harlow"]
    text = "met Dana R. Voss Jr. in Harlow"
    spans, pos = [], 0
    for w in words:
        pos = text.index(w, pos)
        spans.append((pos, pos + len(w)))
        pos += len(w)
    gold = GoldText("d", "t", text, tuple(spans), (0,) * 9, frozenset({0}), ())
    core = _name_core(gold, GoldMention("c", 1, 6, "PER"), 4)
    assert core is not None and text[slice(*_name_chars(gold, core))] == "Dana R. Voss Jr."
    place = _name_core(gold, GoldMention("c", 7, 9, "LOC"), 8)
    assert place is not None and text[slice(*_name_chars(gold, place))] == "Harlow"


def test_a_gold_surname_a_tagger_read_as_a_common_noun_is_a_name_of_its_chain() -> None:
    from eval.gold_texts import GoldMention, GoldText
    from eval.named_coref import gold_names

    text = "Dana Page spoke . Page left . Page rose ."
    words = text.split()
    spans, pos = [], 0
    for w in words:
        pos = text.index(w, pos)
        spans.append((pos, pos + len(w)))
        pos += len(w)
    mentions = (
        GoldMention("p", 0, 2, "PER", head=1, head_pos="PROPN"),
        GoldMention("p", 4, 5, "PER", head=4, head_pos="NOUN"),  # "Page" of Dana Page
        GoldMention("q", 7, 8, "PER", head=7, head_pos="NOUN"),  # another chain: no name
    )
    gold = GoldText("d", "t", text, tuple(spans), (0,) * len(words), frozenset({0}), mentions)
    found = gold_names(gold, None)  # type: ignore[arg-type]  # heads given: no parse read
    assert sorted((text[b:e], chain) for (_, b, e), (chain, _) in found.items()) == [
        ("Dana Page", "p"),
        ("Page", "p"),
    ]

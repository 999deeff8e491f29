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

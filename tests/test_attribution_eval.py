"""The attribution evaluation (eval/attribution.py): its gold readers and its scoring rules."""

from __future__ import annotations

import json
from pathlib import Path

from eval.attribution import Attribution, evaluate, read_ann, read_jsonl, same_name


def test_the_evaluation_reads_brat_events_relations_and_discontinuous_spans(
    tmp_path: Path,
) -> None:
    text = '"Go home," Ana Ruiz said, "and stay there." Police said roads were shut.'
    (tmp_path / "a.ann").write_text(
        "T1\tSource 11 19\tAna Ruiz\nT2\tCue 20 24\tsaid\n"
        'T3\tContent 0 10;26 43\t"Go home," "and stay there."\n'
        "T4\tAttribution 20 24\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tSource 44 50\tPolice\nT6\tCue 51 55\tsaid\nT7\tContent 56 71\troads were shut\n"
        "R1\tAttribution Arg1:T6 Arg2:T5\nR2\tAttribution Arg1:T6 Arg2:T7\n",
        encoding="utf-8",
    )
    gold = read_ann(tmp_path / "a.ann", "a")
    assert gold[0] == Attribution("a", ((11, 19),), ((20, 24),), ((0, 10), (26, 43)))
    assert gold[1] == Attribution("a", ((44, 50),), ((51, 55),), ((56, 71),))
    pred = [
        Attribution("a", ((11, 19),), ((20, 24),), ((0, 10),)),
        Attribution("a", ((44, 50),), ((51, 55),), ((60, 71),)),
    ]
    report = evaluate(gold, pred, {"a": text})
    assert report.scores["Source"]["exact"].prf() == (1.0, 1.0, 1.0)
    assert report.scores["Content"]["exact"].prf()[0] == 0.0  # neither range is exact
    assert report.scores["Content"]["overlap"].prf() == (1.0, 1.0, 1.0)
    assert report.scores["Attribution"]["overlap"].prf() == (1.0, 1.0, 1.0)
    assert report.source_accuracy() == 1.0


def _write_jsonl(tmp_path: Path, text: str, rows: list[dict[str, object]]) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "d1.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return gold


def _row(text: str, source: str | None, cue: str, content: str, **extra: object) -> dict:  # type: ignore[type-arg]
    def span(part: str | None) -> list[int] | None:
        if part is None:
            return None
        b = text.index(part)
        return [b, b + len(part)]

    row = {"doc": "d1.txt", "source": span(source), "cue": span(cue), "content": span(content)}
    return row | extra


def test_the_evaluation_reads_json_lines_and_scores_a_pronoun_by_its_resolved_name(
    tmp_path: Path,
) -> None:
    text = (
        "Mayor Ann Berg opened the bridge. She said it was safe. "
        "Repairs are expected to take a year."
    )
    gold_path = _write_jsonl(
        tmp_path,
        text,
        [
            _row(text, "She", "said", "it was safe", source_resolved="Ann Berg", type="indirect"),
            _row(text, None, "are expected", "to take a year", type="indirect"),
        ],
    )
    texts, gold = read_jsonl(gold_path)
    assert texts == {"d1": text}
    assert [g.kind for g in gold] == ["indirect", "indirect"]
    assert gold[0].name == "Ann Berg" and gold[1].source == ()

    def at(part: str) -> tuple[tuple[int, int], ...]:
        b = text.index(part)
        return ((b, b + len(part)),)

    right = [
        Attribution("d1", at("She"), at("said"), at("it was safe"), "Berg"),
        Attribution("d1", (), at("are expected"), at("to take a year")),
    ]
    report = evaluate(gold, right, texts)
    assert report.scores["Content"]["exact"].prf() == (1.0, 1.0, 1.0)
    assert (report.found, report.source_right) == (2, 2)
    # The pronoun resolved to another name is wrong though the words "She" match; a
    # source stated where the gold has none is wrong too.
    wrong = [
        Attribution("d1", at("She"), at("said"), at("it was safe"), "Bridge Authority"),
        Attribution("d1", at("Repairs"), at("are expected"), at("take a year")),
    ]
    report = evaluate(gold, wrong, texts)
    assert report.scores["Content"]["exact"].prf()[0] == 0.5
    assert report.scores["Content"]["overlap"].prf() == (1.0, 1.0, 1.0)
    assert (report.found, report.source_right) == (2, 0)


def test_names_match_on_the_head_of_the_gold_name() -> None:
    assert same_name("Ann Berg, the mayor of Tolby", "Berg")
    assert same_name("Mr Berg", "Ann Berg")  # the gold's words are among the system's
    assert same_name("Tolby Motors Inc.", "Tolby Motors")
    assert not same_name("Tolby Motors CEO Ann Berg", "Tolby Motors")  # the body, not her
    assert not same_name("he", "he")  # a pronoun names no one

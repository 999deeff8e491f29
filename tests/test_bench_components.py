"""bench.components: every component and stage of the per-document part is timed, the
project's marked."""

from __future__ import annotations

from bench.components import markdown, measure
from kg.nlp.analyzer import Analyzer
from tests.conftest import make_document


def test_every_component_and_stage_is_timed_and_the_projects_are_marked(analyzer: Analyzer) -> None:
    documents = [
        make_document(
            "Russia's defence ministry said 63 soldiers died in Makiivka after HIMARS strikes.", "a"
        ),
        make_document(
            "Ukraine's military said about 400 were killed, officials told Reuters.", "b"
        ),
    ]
    seconds = measure(documents, analyzer, batch_size=16, repeat=2)
    assert list(seconds) == [
        "tokenizer",
        *analyzer.nlp.pipe_names,
        "to_parsed",
        "entity grouping",
        "claim extraction",
        "pickling",
    ]
    assert all(value >= 0 for value in seconds.values()) and seconds["ner"] > 0
    model = {"tokenizer", *(n for n in analyzer.nlp.pipe_names if not n.startswith("kg_"))}
    table = markdown(seconds, model, len(documents))
    assert (
        "| kg_weapons (project) |" in table
        and "| ner |" in table
        and "| ner (project)" not in table
    )
    ours = sum(v for k, v in seconds.items() if k not in model)
    assert f"**{ours:.3f}**" in table

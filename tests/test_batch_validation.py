"""Batch validation equals whole-file validation, result for result.

A build validates its graph unit by unit, in batches, while it is written; `kg validate`
validates the written file whole. The two must report the same violations (message, focus
node, path, value) for any graph the rdf stage can write, broken or not. The generator
below builds hand-made corpora, breaks their graphs in every way the shapes guard (alone and
combined), places each changed triple in the unit of its subject (as the rdf stage does),
and compares the two verdicts at several batch sizes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

import pytest
from rdflib import RDF, Graph, URIRef

from kg.core.model import Corpus, Run
from kg.rdf.buffer import TripleBuffer, encode_term
from kg.rdf.nodes import first_mentions, mention_index, node_classes
from kg.rdf.triples import build_graph
from kg.validation.batches import BatchValidator, UnitError
from kg.validation.shacl import Report, validate_ntriples
from tests.conftest import BASE, RUN_TIME, sample_corpus
from tests.query_corpus import rich_corpus
from tests.test_validate import BREAKAGES

RUN = Run("newskg test", "en_test", "0.0", RUN_TIME)
Units = list[list[bytes]]


def _affiliated_with_a_person(corpus: Corpus) -> Corpus:
    """A claim whose claimant's affiliation is a person (the text said "X's lawyer Y")."""
    person = next(e for e in corpus.entities if e.type == "Person")
    claims = tuple(
        replace(c, affiliation=person.key, claimant_role="lawyer")
        if c.claimant != person.key and c.claimant_affiliation is not None
        else c
        for c in corpus.claims
    )
    return replace(corpus, claims=claims)


CORPORA: dict[str, Callable[[], Corpus]] = {
    "sample": sample_corpus,
    "rich": rich_corpus,
    "rich, affiliation to a person": lambda: _affiliated_with_a_person(rich_corpus()),
}


def _units(corpus: Corpus) -> Units:
    """The graph of `corpus` as the rdf stage writes it: its lines, unit by unit."""
    units: Units = [[]]
    buffer = TripleBuffer()
    buffer.on_lines = units[-1].extend

    def end_unit() -> None:
        buffer.flush()
        units.append([])
        buffer.on_lines = units[-1].extend

    build_graph(corpus, RUN, BASE, into=buffer, end_unit=end_unit)
    buffer.flush()
    return [u for u in units if u]


def _line(triple: tuple[object, object, object]) -> bytes:
    s, p, o = (encode_term(t) for t in triple)  # type: ignore[arg-type]
    return b"%s %s %s .\n" % (s, p, o)


def _broken(units: Units, breakages: list[Callable[[Graph], None]]) -> Units:
    """`units` with the breakages applied to their graph. An added triple goes where the rdf
    stage would write it: to the unit that describes its subject; an Assertion, to the unit
    of the triple it describes; else to the unit that names its subject, else the last."""
    graph = Graph()
    graph.parse(data=b"".join(line for u in units for line in u).decode(), format="nt")
    before = set(graph)
    for breakage in breakages:
        breakage(graph)
    after = set(graph)
    removed = {_line(t) for t in before - after}
    out = [[line for line in u if line not in removed] for u in units]

    def home(node: object) -> list[bytes] | None:
        subject = encode_term(node) + b" "  # type: ignore[arg-type]
        return next((u for u in out if any(line.startswith(subject) for line in u)), None)

    for triple in sorted(after - before, key=str):
        unit = home(triple[0])
        described = graph.value(triple[0], RDF.subject)  # type: ignore[arg-type]
        if unit is None and described is not None:
            unit = home(described)
        if unit is None:
            named = encode_term(triple[0])  # type: ignore[arg-type]
            unit = next((u for u in out if any(named in line for line in u)), out[-1])
        unit.append(_line(triple))
    return out


def _in_batches(corpus: Corpus, units: Units, batch: int) -> Report:
    mentions = first_mentions(mention_index(corpus, BASE), BASE)
    validator = BatchValidator(node_classes(corpus, BASE), mentions=mentions, batch=batch)
    for unit in units:
        validator.feed(unit)
        if validator.pending() >= batch:
            validator.check()
    return validator.report()


def _whole(units: Units) -> Report:
    return validate_ntriples(b"".join(line for u in units for line in u).decode())


def _results(report: Report) -> set[tuple[str, str, str, str]]:
    return {(v.message, v.focus, v.path, v.value) for v in report.violations}


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_unbroken_graphs_give_one_verdict(name: str) -> None:
    corpus = CORPORA[name]()
    units = _units(corpus)
    whole = _whole(units)
    for batch in (1, 200, 10**6):
        assert _results(_in_batches(corpus, units, batch)) == _results(whole)


def test_an_affiliation_to_a_person_is_never_stated_and_batches_agree() -> None:
    """The verdict that lied: a person's kg:affiliation pointing at a person was reported by
    `kg validate` but not by the build's batches. The rdf stage now states an affiliation
    only to an organisation ("X's lawyer Y" names a person), and both verdicts agree."""
    corpus = _affiliated_with_a_person(rich_corpus())
    units = _units(corpus)
    whole = _whole(units)
    assert whole.conforms, whole.summary()
    assert not any(
        b"#affiliation> <https://example.org/id/person/" in line for u in units for line in u
    )
    for batch in (1, 200, 10**6):
        assert _results(_in_batches(corpus, units, batch)) == _results(whole)


@pytest.mark.parametrize("seed", range(40))
def test_broken_graphs_give_one_verdict(seed: int) -> None:
    rng = random.Random(seed)
    name = rng.choice(sorted(CORPORA))
    corpus = CORPORA[name]()
    breakages = [b for b, _ in rng.sample(BREAKAGES, rng.randint(1, 3))]
    units = _broken(_units(corpus), breakages)
    whole = _whole(units)
    assert not whole.conforms, [b.__name__ for b in breakages]
    batch = rng.choice([1, 50, 400, 10**6])
    assert _results(_in_batches(corpus, units, batch)) == _results(whole), (
        name,
        [b.__name__ for b in breakages],
        batch,
    )


@pytest.mark.parametrize("seed", range(0, 40, 2))
def test_broken_graphs_give_one_verdict_with_every_many_valued_path_on_oxigraph(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.validation.shacl

    # A large corpus's batches: provenance, instruments, figures checked by Oxigraph's queries.
    monkeypatch.setattr(kg.validation.shacl, "_TURBO_VALUES", -1)
    test_broken_graphs_give_one_verdict(seed)


def test_a_fact_outside_its_nodes_unit_is_an_error_not_a_gap() -> None:
    """If the rdf stage ever wrote a node's fact in another node's unit, the batch that owns
    the node would not see it: the validator stops instead of reporting less."""
    corpus = rich_corpus()
    units = _units(corpus)
    person = next(e for e in corpus.entities if e.type == "Person")
    iri = next(i for i in node_classes(corpus, BASE) if "/person/" in i and person.key)
    stray = f'<{iri}> <http://www.w3.org/2000/01/rdf-schema#comment> "x" .\n'.encode()
    units[-1].append(stray)
    with pytest.raises(UnitError, match="outside the unit"):
        _in_batches(corpus, units, 10)
    assert URIRef(iri)


@pytest.mark.model
def test_a_government_that_speaks_and_employs_an_unnamed_source_is_one_unit(
    tmp_path: object,
) -> None:
    """A place's government is a claimant ("Estonia said") and the affiliation of an
    unnamed source ("an Estonian official"): its facts come from both and are written in
    its own unit (else the batch validator stops with UnitError)."""
    from pathlib import Path

    from kg.build.pipeline import Options, build
    from kg.nlp.analyzer import Analyzer

    folder = Path(str(tmp_path))
    (folder / "a.txt").write_text(
        "Estonia said on Friday that 20 drones had crossed the border. An Estonian official "
        "said the patrols would continue. Tallinn said the airspace was closed.",
        encoding="utf-8",
    )
    result = build([str(folder)], Analyzer(), Options(), started=RUN_TIME)
    assert result.report is not None
    whole = validate_ntriples(b"".join(result.triples.lines()).decode())
    assert _results(result.report) == _results(whole)
    assert whole.conforms, whole.summary()

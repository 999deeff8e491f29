"""The shared dataclasses: what goes through pickle (the workers' results, the cache) comes
back equal, each field in its place."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

import kg.core.model
from tests.conftest import sample_corpus

_CLASSES = [
    c
    for name in kg.core.model.__all__
    if dataclasses.is_dataclass(c := getattr(kg.core.model, name))
]


@pytest.mark.parametrize("cls", _CLASSES, ids=lambda c: c.__name__)
def test_every_field_comes_back_in_its_place(cls: type) -> None:
    fields = dataclasses.fields(cls)
    # A distinct value per field: a state read back in another order would swap two.
    made = cls(**{f.name: f"{f.name}-{n}" for n, f in enumerate(fields)})
    back = pickle.loads(pickle.dumps(made))
    assert type(back) is cls
    assert [getattr(back, f.name) for f in fields] == [
        f"{f.name}-{n}" for n, f in enumerate(fields)
    ]


def test_a_corpus_comes_back_equal() -> None:
    corpus = sample_corpus()
    assert corpus.claims and corpus.entities  # nested claims, quantities, mentions, spans
    assert pickle.loads(pickle.dumps(corpus)) == corpus


def test_a_state_of_another_shape_is_refused() -> None:
    span = kg.core.model.Span("d", 0, 3, "abc")
    with pytest.raises(ValueError):
        span.__setstate__(("d", 0, 3))  # type: ignore[attr-defined]

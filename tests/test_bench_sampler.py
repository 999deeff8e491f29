"""The benchmark's memory sampler: a stage's peak is the memory held during that stage."""

from __future__ import annotations

import time

from bench.bench import Sampler


def test_each_stage_gets_the_peak_memory_held_while_it_ran() -> None:
    with Sampler(every=10.0) as sampler:  # the samples of the marks only: no race with del
        sampler.mark("small")
        held = b"\x01" * (300 << 20)  # 300 MB, every page written
        sampler.mark("big")
        del held
        sampler.mark("after")
    peaks = sampler.peaks()
    assert peaks["big"] > peaks["small"] + 250
    assert peaks["after"] < peaks["big"] - 250


def test_costly_samples_are_taken_less_often() -> None:
    with Sampler(every=0.001, cost=1e6) as sampler:  # a sample costs ~0.1 ms: wait ~100 s
        time.sleep(0.2)
    assert len(sampler.samples) == 1

"""Which event a claim's content reports, read in its document's parse.

A claim is about the occurrence a trigger inside its content names, the one nearest its
first figure ("63 soldiers were killed in the strike on the town": the strike). Outcome
words ("killed", "died", "wounded": kg/data/event_outcomes.txt) report what an occurrence
cost, not one of their own. A claim giving a cost (people killed, rockets
fired: the `figure` rows of the data file) whose content names no occurrence is about the
occurrence with costs (an attack, a disaster, a crash) the text reported just
before it in the same paragraph ("The ministry said 63 were killed", after a sentence on the
strike); failing that, it is about the document's occurrence (`MAIN`): the build gives it
the event the document reports when the document reports one such event only. Neither holds
when the content scopes its figures to something else ("killed during the conflict", "died
this year"). The build turns the trigger into the resolved event's key (`Claim.event`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from kg.core.event_types import top_type
from kg.core.lexicon import read_lines
from kg.core.model import Claim, EventReport, Parsed

__all__ = [
    "MAIN",
    "SCOPE_PREPOSITIONS",
    "anchor_claims",
    "cause_types",
    "cost_kinds",
    "outcome_types",
]

MAIN = -1  # `Claim.trigger` of a claim about the document's one occurrence with costs

# Prepositions that scope an outcome to a stretch of time or a campaign ("during the war",
# "since February", "over the year", "throughout the conflict").
SCOPE_PREPOSITIONS = frozenset({"during", "since", "over", "throughout", "amid"})
_LOOK_BACK = 2  # sentences before the content an outcome may take its occurrence from


@lru_cache(maxsize=1)
def _roles() -> dict[str, frozenset[str]]:
    rows = [line.split("\t") for line in read_lines("event_outcomes.txt")]
    return {
        role: frozenset(term.strip() for r, term in rows if r.strip() == role)
        for role in ("outcome", "cause", "figure")
    }


def outcome_types() -> frozenset[str]:
    """The event types that report an occurrence's cost (kg/data/event_outcomes.txt)."""
    return _roles()["outcome"]


def cost_kinds() -> frozenset[str]:
    """The kinds of figure that report an occurrence's cost or means (event_outcomes.txt)."""
    return _roles()["figure"]


def cause_types() -> frozenset[str]:
    """The top event types of occurrences that have costs (kg/data/event_outcomes.txt)."""
    return _roles()["cause"]


def anchor_claims(
    parsed: Parsed, claims: Sequence[Claim], reports: Sequence[EventReport]
) -> tuple[Claim, ...]:
    """The claims of one document, each with the trigger (`Claim.trigger`) of the event its
    content reports, where it reports one."""
    outcomes = outcome_types()
    named = sorted(
        (r.mention.begin, r.mention.sentence)
        for r in reports
        if not r.generic and r.mention.type not in outcomes
    )
    with_costs = [
        (r.mention.begin, r.mention.sentence)
        for r in reports
        if not r.generic and top_type(r.mention.type) in cause_types()
    ]
    with_costs.sort()
    if not named:
        return tuple(claims)
    outcome_tokens = frozenset(r.mention.token for r in reports if r.mention.type in outcomes)
    begins = [b for b, _ in named]
    cost_begins = [b for b, _ in with_costs]
    out = []
    for claim in claims:
        trigger = _inside(claim, named, begins)
        costs = any(q.kind in cost_kinds() for q in claim.quantities)
        if trigger is None and costs and not _scoped(parsed, claim, outcome_tokens):
            trigger = _before(parsed, claim, with_costs, cost_begins)
            if trigger is None and with_costs:
                trigger = MAIN
        out.append(claim if trigger is None else replace(claim, trigger=trigger))
    return tuple(out)


def _inside(claim: Claim, causes: list[tuple[int, int]], begins: list[int]) -> int | None:
    inside = causes[
        bisect.bisect_left(begins, claim.content.begin) : bisect.bisect_left(
            begins, claim.content.end
        )
    ]
    if not inside:
        return None
    if claim.quantities:
        at = min(q.span.begin for q in claim.quantities)
        return min(inside, key=lambda c: (abs(c[0] - at), c[0]))[0]
    return inside[0][0]


def _before(
    parsed: Parsed, claim: Claim, causes: list[tuple[int, int]], begins: list[int]
) -> int | None:
    """The last occurrence named before the content in its paragraph, a sentence or two up."""
    k = bisect.bisect_left(begins, claim.content.begin) - 1
    if k < 0:
        return None
    begin, sentence = causes[k]
    here = _sentence_of(parsed, claim.content.begin)
    if here - sentence > _LOOK_BACK or "\n\n" in parsed.document.text[begin : claim.content.begin]:
        return None
    return begin


def _scoped(parsed: Parsed, claim: Claim, outcomes: frozenset[int]) -> bool:
    """Whether the content scopes an outcome of its own to a time or campaign ("killed during
    the conflict"; "since the invasion" names an occurrence and anchors it there instead):
    a scoping preposition on an outcome word (`outcomes`: their token indices)."""
    tokens = parsed.tokens
    start = bisect.bisect_left(tokens, claim.content.begin, key=lambda t: t.begin)
    for t in tokens[start:]:
        if t.begin >= claim.content.end:
            return False
        if t.dep == "prep" and t.text.lower() in SCOPE_PREPOSITIONS and t.head in outcomes:
            objects = [o for o in tokens[t.i + 1 : t.i + 6] if o.head == t.i and o.dep == "pobj"]
            if any(o.pos == "NOUN" or o.ent_type in {"DATE", "EVENT"} for o in objects):
                return True
    return False


def _sentence_of(parsed: Parsed, offset: int) -> int:
    return max(0, bisect.bisect_right(parsed.sentences, offset, key=lambda s: s.begin) - 1)

"""Grouping claims across documents, conflicts and revisions."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from kg.claims.figures import is_compatible
from kg.claims.grouping import group_claims
from kg.core.model import Claim, Mention, Quantity, Span


def _span(doc: str, begin: int, text: str) -> Span:
    return Span(doc, begin, begin + len(text), text)


def _claim(
    doc: str,
    who: str,
    content: str,
    *quantities: tuple[str, int, str, bool],
    prior: bool = False,
    at: int = 100,
    event: str = "E:port-attack",
) -> Claim:
    """A claim of `who` in `doc` about `event` (the key of a resolved event; the build sets it
    from the trigger its content reports)."""
    mention = Mention(doc, 0, len(who), who, "Organisation", 0, 0, 1)
    body = _span(doc, at, content)
    return Claim(
        claimant_mention=mention,
        cue="say",
        content=body,
        cue_span=_span(doc, at - 5, "said"),
        source_span=_span(doc, 0, who),
        quantities=tuple(
            Quantity(Decimal(v), kind, _span(doc, at, str(v)), approx, bound)
            for kind, v, bound, approx in quantities
        ),
        prior=prior,
        event=event,
    )


ENTITIES = {
    ("a", 0): "Q:harbour",
    ("b", 0): "Q:harbour",
    ("c", 0): "Q:union",
    ("a", 105): "P:port",
    ("c", 105): "P:port",
}


def test_wordings_alike_with_other_numbers_are_two_statements() -> None:
    # no figure read from either ("flaws" counts nothing): the numbers written still differ
    one = _claim("a", "Harbour Authority", "the survey found 12 flaws in the new quay wall")
    two = _claim("b", "the harbour authority", "the survey found 15 flaws in the new quay wall")
    three = _claim(
        "b", "the harbour authority", "the survey found 12 flaws in the quay wall", at=300
    )
    groups = group_claims([one, two, three], ENTITIES)
    assert sorted(len(g.stated_in) for g in groups) == [1, 2]


def test_same_figure_from_two_outlets_is_one_claim() -> None:
    one = _claim("a", "Harbour Authority", "nine crew were killed", ("killed", 9, "", False))
    two = _claim("b", "the harbour authority", "9 sailors died", ("killed", 9, "", False))
    [g] = group_claims([one, two], ENTITIES)
    assert g.claimant == "Q:harbour" and g.stated_in == ("a", "b")
    assert {s.doc_id for s in g.evidence} == {"a", "b"}
    assert g.key == "Q:harbour|killed=9"


def test_output_does_not_depend_on_input_order() -> None:
    claims = [
        _claim("a", "Harbour Authority", "nine crew were killed", ("killed", 9, "", False)),
        _claim("b", "Harbour Authority", "9 sailors died", ("killed", 9, "", False)),
        _claim("c", "Union", "about 40 died", ("killed", 40, "", True)),
    ]
    assert group_claims(claims, ENTITIES) == group_claims(list(reversed(claims)), ENTITIES)


def test_different_claimants_with_incompatible_figures_conflict() -> None:
    low = _claim(
        "a", "Harbour Authority", "nine crew were killed at the port", ("killed", 9, "", False)
    )
    high = _claim("c", "Union", "about 40 were killed at the port", ("killed", 40, "", True))
    groups = {g.claimant: g for g in group_claims([low, high], ENTITIES)}
    assert groups["Q:harbour"].conflicts_with == (groups["Q:union"].key,)
    assert groups["Q:union"].conflicts_with == (groups["Q:harbour"].key,)
    assert groups["Q:harbour"].revises == ()
    assert groups["Q:harbour"].about == ("P:port",)


def test_claims_about_other_events_or_none_never_conflict() -> None:
    """A war's toll and one strike's, two strikes' tolls, a toll with no event: no conflict
    (they merely share a kind of figure)."""
    strike = _claim(
        "a", "Harbour Authority", "nine were killed in the strike", ("killed", 9, "", False)
    )
    other = _claim(
        "c", "Union", "40 were killed in the raid", ("killed", 40, "", False), event="E:raid"
    )
    loose = _claim("c", "Union", "41 have been killed", ("killed", 41, "", False), event="", at=300)
    grouped = group_claims([strike, other, loose], ENTITIES)
    assert all(g.conflicts_with == () for g in grouped)
    assert sorted(g.event for g in grouped) == ["", "E:port-attack", "E:raid"]


def test_a_claim_takes_the_event_its_trigger_was_resolved_into() -> None:
    from dataclasses import replace

    raw = replace(
        _claim("a", "Harbour Authority", "nine killed", ("killed", 9, "", False), event=""),
        trigger=120,
    )
    (grouped,) = group_claims([raw], ENTITIES, {("a", 120): "E:resolved"})
    assert grouped.event == "E:resolved"
    (alone,) = group_claims([replace(raw, trigger=999)], ENTITIES, {("a", 120): "E:resolved"})
    assert alone.event == ""


def test_a_claimant_correcting_itself_is_a_revision() -> None:
    old = _claim(
        "a",
        "Harbour Authority",
        "six crew were killed",
        ("killed", 6, "", False),
        prior=True,
        at=50,
    )
    new = _claim("a", "Harbour Authority", "nine crew were killed", ("killed", 9, "", False))
    groups = {g.key: g for g in group_claims([old, new, old], ENTITIES)}
    newer = groups["Q:harbour|killed=9"]
    assert newer.conflicts_with == ("Q:harbour|killed=6",)
    assert newer.revises == ("Q:harbour|killed=6",)
    assert groups["Q:harbour|killed=6"].revises == ()


def test_a_garbled_report_is_not_merged_into_the_right_one() -> None:
    # An outlet writes "killed 9, raising the toll to 7" for the authority's 7-then-9.
    right = _claim("a", "Harbour Authority", "nine crew were killed", ("killed", 9, "", False))
    garbled = _claim(
        "b",
        "Harbour Authority",
        "killed 9 crew, raising the toll to 7",
        ("killed", 9, "", False),
        ("killed", 7, "", False),
    )
    groups = group_claims([right, garbled], ENTITIES)
    assert len(groups) == 2
    by_values = {frozenset(q.value for q in g.quantities): g for g in groups}
    one, two = by_values[frozenset({Decimal(9)})], by_values[frozenset({Decimal(9), Decimal(7)})]
    # They share no entity nor document, but one figure: that is enough to be about one thing.
    assert one.conflicts_with == (two.key,) and two.conflicts_with == (one.key,)


def test_the_affiliation_mention_becomes_an_entity_key() -> None:
    from dataclasses import replace

    union = Mention("c", 105, 109, "Port", "Organisation", 0, 0, 1)
    c = replace(_claim("c", "Union", "the strike ended"), claimant_affiliation=union)
    [g] = group_claims([c], ENTITIES)
    assert g.affiliation == "P:port"


def test_bounds_that_agree_do_not_conflict() -> None:
    def q(v: int, bound: str = "", approx: bool = False) -> Quantity:
        return Quantity(Decimal(v), "killed", _span("a", 0, str(v)), approx, bound)

    assert is_compatible(q(60, "moreThan"), q(89))
    assert is_compatible(q(400, "atMost", True), q(400, "", True))
    assert is_compatible(q(200, "atLeast", True), q(400, "", True))
    assert not is_compatible(q(63), q(89))
    assert not is_compatible(q(60, "moreThan"), q(60))
    assert not is_compatible(q(10, "atMost"), q(11))
    # a range's least and most are one consistent figure; "63, then 89" is not
    from kg.claims.figures import figures_of

    assert not figures_of([q(12_000, "atLeast"), q(30_000, "atMost")]).inconsistent
    assert figures_of([q(63), q(89)]).inconsistent


def test_counts_of_very_different_scope_do_not_conflict() -> None:
    war = _claim("a", "Harbour Authority", "6,000 died in the war", ("killed", 6000, "", False))
    raid = _claim("c", "Union", "nine died in the raid", ("killed", 9, "", False), at=300)
    assert all(g.conflicts_with == () for g in group_claims([war, raid], ENTITIES))


@pytest.mark.model
@pytest.mark.seeds
def test_seed_figures_are_grouped_attributed_and_in_conflict(seeds: Path, analyzer) -> None:  # type: ignore[no-untyped-def]
    from kg.claims.extraction import extract_claims
    from kg.events.anchoring import anchor_claims
    from kg.events.arguments import find_event_reports
    from kg.events.coreference import event_triggers, resolve_events
    from tests.conftest import make_document

    docs = [
        make_document(p.read_text(encoding="utf-8"), p.stem[:3])
        for p in sorted(seeds.glob("*.txt"))
    ]
    claims: list[Claim] = []
    entity_of: dict[tuple[str, int], str] = {}
    reports = []
    for parsed in analyzer.parse(docs):
        for m in parsed.mentions:
            entity_of[(m.doc_id, m.begin)] = m.text.lower().replace("’", "'")
        found = find_event_reports(parsed, parsed.mentions)
        reports.extend(found)
        claims.extend(anchor_claims(parsed, extract_claims(parsed, parsed.mentions), found))
    events = resolve_events(reports, entity_of)
    grouped = group_claims(claims, entity_of, event_triggers(events))

    def figures(kind: str) -> dict[str, set[Decimal]]:
        out: dict[str, set[Decimal]] = {}
        for g in grouped:
            for q in g.quantities:
                if q.kind == kind:
                    out.setdefault(g.claimant, set()).add(q.value)
        return out

    killed = figures("killed")
    # The capital's first figure is its country's; the ministry's raised one; Ukraine's
    # far higher one (also when a department of its army gives it: "The Ukrainian army's").
    assert {Decimal(63), Decimal(89)} <= killed["russia"]
    assert any(Decimal(89) in v for k, v in killed.items() if "ministry" in k)
    assert Decimal(400) in killed["ukraine"]
    assert Decimal(89) not in killed["ukraine"] and Decimal(400) not in killed["russia"]
    by_key = {g.key: g for g in grouped}
    # 63 then 89 from one claimant is a revision (the earlier one is said "previously").
    assert any(
        g.claimant == "russia"
        and any(q.value == 89 for q in g.quantities)
        and any(by_key[k].quantities[0].value == 63 for k in g.revises)
        for g in grouped
    )
    # An outlet writing "89, raising the toll to 63" is not merged into the right report.
    [garbled] = [
        g
        for g in grouped
        if {q.value for q in g.quantities if q.kind == "killed"} == {Decimal(89), Decimal(63)}
    ]
    assert any(
        by_key[k].quantities
        and {q.value for q in by_key[k].quantities} == {Decimal(89)}
        and "ministry" in by_key[k].claimant
        for k in garbled.conflicts_with
    )
    hit = figures("rockets-hit")
    assert any(Decimal(4) in v for k, v in hit.items() if "ministry" in k)
    assert Decimal(6) in figures("missiles")["ukraine"]
    # One claim reported by several outlets is one grouped claim.
    assert any(
        len(g.stated_in) >= 2 and any(q.kind == "killed" for q in g.quantities) for g in grouped
    )
    assert any(
        len(g.stated_in) >= 3 and any(q.kind == "rockets-hit" for q in g.quantities)
        for g in grouped
    )
    # Ukraine's figure conflicts with the Russian side's.
    [ukraine] = [
        g
        for g in grouped
        if g.claimant == "ukraine"
        and any(q.value == 400 and q.kind == "killed" for q in g.quantities)
    ]
    assert any(k.startswith("russia|") for k in ukraine.conflicts_with)
    assert any("ministry" in k for k in ukraine.conflicts_with)
    # Commentators' words are theirs, not the outlet's or the last-named person's.
    commentators = [g for g in grouped if re.search(r"smear the blame|other ways", g.content.text)]
    assert len(commentators) >= 2
    assert any("realistic possibility" in g.content.text for g in grouped)
    for g in grouped:
        if re.search(r"smear the blame|other ways", g.content.text):
            assert g.claimant_mention.type == "Person"
            assert g.claimant in {"semyon pegov", "semyon bekov", "bekov", "pegov"}
        if "realistic possibility" in g.content.text:
            assert "mod" in g.claimant or "ministry of defense" in g.claimant
            assert g.certainty == "hedged" and g.medium == "Twitter"


@pytest.mark.parametrize(
    "counts", [(0, 1, 1, 2, 2, 2), (1, 1, 2, 2, 3)], ids=["mixed", "figures-only"]
)
def test_blocked_comparison_groups_exactly_as_comparing_every_pair(counts: tuple[int, ...]) -> None:
    # Regression for the quadratic grouping: the blocked pairs must close to the same
    # partition as testing every pair, across figures, bounds, garbled and bare claims.
    import random

    from kg.claims.grouping import _same_statement, _same_statement_pairs

    rng = random.Random(7)
    wordings = [
        "nine crew were killed",
        "9 crew were killed",
        "the port stays shut",
        "the port will stay shut",
        "talks resume",
        "",
        "nine crew were killed in the port",
    ]
    figures = [
        ("killed", 9, "", False),
        ("killed", 9, "atLeast", False),
        ("killed", 9, "lessThan", False),
        ("killed", 12, "", True),
        ("wounded", 30, "", False),
        ("killed", 40, "moreThan", False),
        ("killed", 63, "", False),
        ("killed", 89, "", False),
    ]
    claims = [
        _claim(
            f"d{n}",
            "Harbour Authority",
            rng.choice(wordings),
            *rng.sample(figures, rng.choice(counts)),
            at=100 + n,
        )
        for n in range(120)
    ]
    members = list(range(len(claims)))

    def partition(pairs: list[tuple[int, int]]) -> set[frozenset[int]]:
        parent = list(members)

        def find(i: int) -> int:
            while parent[i] != i:
                i = parent[i]
            return i

        for a, b in pairs:
            parent[find(b)] = find(a)
        groups: dict[int, set[int]] = {}
        for n in members:
            groups.setdefault(find(n), set()).add(n)
        return {frozenset(g) for g in groups.values()}

    brute = [
        (a, b) for a in members for b in members[a + 1 :] if _same_statement(claims[a], claims[b])
    ]
    assert 0 < len(brute) < len(members) * (len(members) - 1) // 2  # some pairs join, not all
    pairs = list(_same_statement_pairs(members, claims))
    assert partition(pairs) == partition(brute)
    # and with pairs linear in the claims, not one per pair of repeated wordings
    assert len(pairs) < 4 * len(members), len(pairs)


def test_conflicts_and_revisions_are_those_of_every_pair() -> None:
    import random
    from dataclasses import replace

    from kg.claims.conflicts import _conflict, _older_newer, mark_conflicts

    rng = random.Random(11)
    figures = [
        ("killed", 9, "", False),
        ("killed", 63, "", False),
        ("killed", 89, "", False),
        ("killed", 400, "", True),
        ("wounded", 30, "", False),
        ("wounded", 300, "atLeast", False),
    ]
    claims = []
    for n in range(150):
        stated = rng.sample(figures, rng.choice([0, 1, 2]))  # two of a kind: "63, then 89"
        c = _claim(f"d{n}", "Harbour Authority", f"claim {n}", *stated, prior=n % 7 == 0)
        claims.append(
            replace(
                c,
                key=f"k{n:03}",
                event=rng.choice(["", "E:port-attack", "E:bay-attack"]),
                claimant=rng.choice(["Organisation:harbour", "Organisation:union"]),
                date=rng.choice(["", "2024-03-01", "2024-03-02"]),
            )
        )
    marked = {c.key: c for c in mark_conflicts(list(claims))}
    for a in claims:
        rivals = tuple(b.key for b in claims if b.key != a.key and _conflict(a, b))
        assert marked[a.key].conflicts_with == rivals
        older = {
            o.key
            for b in claims
            if b.key != a.key and b.claimant == a.claimant and _conflict(a, b)
            for o, new in [_older_newer(a, b)]
            if o is not None and new is a
        }
        assert set(marked[a.key].revises) == older
    assert sum(map(len, (c.conflicts_with for c in marked.values()))) > 100
    assert sum(map(len, (c.revises for c in marked.values()))) > 10
    self_clashing = [c for c in claims if {q.kind for q in c.quantities} == {"killed"}]
    assert any(len(c.quantities) == 2 for c in self_clashing)


def test_similar_wordings_are_found_for_every_wanted_text_against_all() -> None:
    from rapidfuzz import fuzz

    from kg.claims.grouping import _SAME_TEXT, _similar_pairs

    texts = sorted(
        {
            "",
            "nine crew were killed",
            "nine crew were killed in the port",
            "9 crew were killed",
            "the port stays shut",
            "the port stays shut today",
            "talks resume",
            "talks will resume soon",
            "crew were killed nine",
            "shut the port stays",
        }
    )
    for wanted in ([], [0], [1, 4], list(range(0, len(texts), 2)), list(range(len(texts)))):
        brute = sorted(
            (i, j)
            for i in range(len(texts))
            for j in range(i, len(texts))
            if (i in wanted or j in wanted)
            and fuzz.token_set_ratio(texts[i], texts[j]) >= _SAME_TEXT
        )
        assert _similar_pairs(texts, wanted, rows=3) == brute, wanted
    assert sum(i != j for i, j in brute) >= 3  # wordings alike, not only each with itself
    assert (
        texts.index("crew were killed nine"),
        texts.index("nine crew were killed"),
    ) in _similar_pairs(texts, [texts.index("crew were killed nine")])

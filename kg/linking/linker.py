"""The link stage: give each entity at most one Wikidata id, or leave it unlinked (NIL).

Candidates come from a `CandidateSource` (a SPARQL endpoint, the local KB, a cache: see
`kg.linking.sources`), looked up by every surface form of every entity in one batched call. The
choice among them is a pure function of the candidates and the corpus:

- name: how well the entity's forms match the candidate's label or aliases (a surname alone
  is weak evidence when the entity also has a full name);
- type: P31/P279 compatibility with the entity type (a city beats the oblast of the same
  name for a Place; a weapon model beats a same-named sports item for a Weapon); a candidate
  of no compatible type is never chosen;
- context: agreement of the candidate's countries (P17, P27) with the countries of the
  other entities linked in the same documents (found in a first pass);
- popularity: a prior from the number of sitelinks.

These combine log-linearly into a share among the candidates; the confidence is that share
times the name-and-type fit of the winner, so a lone poor match and a tie both stay NIL.
A failed lookup never raises: the entity stays unlinked and the report says why.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from kg.core.model import Entity, EntityType
from kg.linking.candidates import (
    COUNTRY_CLASSES,
    EXCLUDED_CLASSES,
    TYPE_CLASSES,
    Candidate,
    CandidateSource,
    Lookup,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "Decision",
    "LinkReport",
    "Weights",
    "candidate_countries",
    "choose_candidate",
    "link_entities",
    "surface_forms",
    "type_fit",
]

DEFAULT_THRESHOLD = 0.55


# Types whose entities may be classes (Wikidata models weapon models as subclasses).
_CLASS_TYPES: frozenset[EntityType] = frozenset({"Weapon"})


@dataclass(frozen=True, slots=True)
class Weights:
    """How the evidence combines (log-linear); set by hand, checked with eval/linking.py."""

    name: float = 6.0  # exponent on the name fit
    type: float = 4.0  # exponent on the type fit
    popularity: float = 0.5  # exponent on the sitelinks prior
    context: float = 1.5  # log-bonus for sharing a country with the document's other entities
    alias: float = 0.9  # a match on an alias rather than the label
    folded: float = 0.9  # a match only after case/diacritic/punctuation folding
    alt_form: float = 0.95  # a form other than the entity's preferred label
    partial_form: float = 0.7  # a one-word form of an entity that has a longer name
    lexicon: float = 3.0  # log-bonus for the id a lexicon gave


@dataclass(frozen=True, slots=True)
class Decision:
    """Why an entity was or was not linked (for reports and tests)."""

    key: str  # Entity.key
    qid: str  # "" for NIL
    confidence: float
    method: str
    reason: str  # the deciding factor: name, type, context, popularity, only-candidate; or why NIL
    runner_up: str = ""  # qid of the best other candidate, if any
    scores: tuple[tuple[str, float], ...] = ()  # (qid, share) best first


@dataclass(frozen=True, slots=True)
class LinkReport:
    """The linked entities, and how many were left unlinked and why."""

    entities: tuple[Entity, ...]
    decisions: tuple[Decision, ...]
    failures: tuple[str, ...] = ()  # distinct reasons lookups failed

    @property
    def linked(self) -> int:
        return sum(1 for e in self.entities if e.qid)

    @property
    def unlinked(self) -> int:
        return len(self.entities) - self.linked

    @property
    def failed(self) -> int:
        """Entities that could not be looked up at all (as opposed to NIL by judgement)."""
        return sum(1 for d in self.decisions if d.reason == "lookup-failed")

    def summary(self) -> str:
        """One line for stderr."""
        text = f"linked {self.linked} of {len(self.entities)} entities"
        if self.failed:
            text += (
                f"; {self.failed} could not be looked up ({'; '.join(self.failures[:3])}): "
                "link them later with `kg link GRAPH.ttl -o LINKED.ttl`"
            )
        return text


def surface_forms(entity: Entity) -> tuple[str, ...]:
    """Every distinct name of the entity, preferred label first."""
    seen: dict[str, None] = {}
    for form in (entity.label, *entity.alt_labels, *(m.text for m in entity.mentions)):
        form = " ".join(form.split())
        if form and form not in seen:
            seen[form] = None
    return tuple(seen)


def link_entities(
    entities: Sequence[Entity],
    source: CandidateSource | None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    weights: Weights = Weights(),
) -> LinkReport:
    """Link each entity to at most one Wikidata id; keep the rest unlinked (NIL).

    An id a lexicon gave (`Mention.kb_id`) is a strong candidate: a bonus when the source
    knows it (whose data then feeds the context), taken as is when the source does not; with
    no source, only those link.
    """
    forms = {e.key: _link_forms(e) for e in entities}
    wanted = sorted({f for e in entities for f in forms[e.key]})
    lookup, failures = _safe_lookup(source, wanted)
    method = source.method if source is not None else ""

    pools = {e.key: _pool(e, forms[e.key], lookup, weights) for e in entities}
    first = [_decide(e, pools[e.key], {}, method, threshold, weights) for e in entities]
    context = _document_countries(entities, first, pools, threshold)
    decisions: list[Decision] = []
    for entity in entities:
        countries = _context_for(entity, context)
        decisions.append(_decide(entity, pools[entity.key], countries, method, threshold, weights))
    linked = tuple(
        replace(e, qid=d.qid, link_confidence=round(d.confidence, 3), link_method=d.method)
        if d.qid
        else e
        for e, d in zip(entities, decisions, strict=True)
    )
    return LinkReport(linked, tuple(decisions), failures)


@dataclass(frozen=True, slots=True)
class _Pool:
    """The candidates of one entity, each with its best name fit."""

    scored: tuple[tuple[Candidate, float], ...]  # (candidate, name fit)
    failed: str = ""  # why no form could be looked up
    lexicon: str = ""  # the qid a lexicon gave


def _safe_lookup(
    source: CandidateSource | None, names: Sequence[str]
) -> tuple[Lookup, tuple[str, ...]]:
    if source is None:
        reason = "no Wikidata source given (--kb, --endpoint or --cache)"
        return Lookup({}, {n: reason for n in names}), (reason,) if names else ()
    if not names:
        return Lookup(), ()
    try:
        lookup = source.lookup(names)
    except Exception as exc:
        reason = f"{type(exc).__name__}: {str(exc)[:80]}"
        lookup = Lookup({}, {n: reason for n in names})
    reasons = tuple(dict.fromkeys(lookup.failures.values()))
    return lookup, reasons


def _link_forms(entity: Entity) -> tuple[str, ...]:
    """The surface forms, and for weapons each form without trailing common nouns.

    A generic weapon ("the rockets" in one article) names a class, not an individual
    system: it is never looked up (its class is the weapon class concept's, not an
    owl:sameAs of its own)."""
    if entity.type == "Weapon" and not any(m.weapon_system for m in entity.mentions):
        return ()
    forms = list(surface_forms(entity))
    if entity.type == "Weapon":
        for form in tuple(forms):
            words = form.split()
            while len(words) > 1 and words[-1].islower():
                words.pop()
            short = " ".join(words)
            if short not in forms:
                forms.append(short)
    return tuple(forms)


def _name_length(form: str) -> int:
    """Words of a form that look like parts of a name (capitalised or numeric)."""
    return sum(1 for w in form.split() if w[:1].isupper() or w[:1].isdigit())


def _lexicon_qid(entity: Entity) -> str:
    ids = Counter(m.kb_id for m in entity.mentions if re.fullmatch(r"Q[1-9][0-9]*", m.kb_id))
    return ids.most_common(1)[0][0] if ids else ""


def _pool(entity: Entity, forms: Sequence[str], lookup: Lookup, weights: Weights) -> _Pool:
    lexicon = _lexicon_qid(entity)
    best: dict[str, tuple[Candidate, float]] = {}
    looked_up = False
    longest = max((_name_length(f) for f in forms), default=0)
    for n, form in enumerate(forms):
        if form not in lookup.candidates:
            continue
        looked_up = True
        fit = 1.0 if n == 0 else weights.alt_form
        if _name_length(form) == 1 and longest > 1:
            fit *= weights.partial_form
        for cand in lookup.candidates[form]:
            score = fit * (weights.alias if cand.matched == "alias" else 1.0)
            score *= 1.0 if cand.exact else weights.folded
            if cand.qid not in best or score > best[cand.qid][1]:
                best[cand.qid] = (cand, score)
    if not looked_up and forms:
        reason = next((lookup.failures[f] for f in forms if f in lookup.failures), "not looked up")
        return _Pool((), failed=reason, lexicon=lexicon)
    scored = tuple(sorted(best.values(), key=lambda cs: _qid_order(cs[0].qid)))
    return _Pool(scored, lexicon=lexicon)


def _qid_order(qid: str) -> int:
    return int(qid[1:]) if qid[1:].isdigit() else 0


def type_fit(entity_type: EntityType, candidate: Candidate) -> float:
    """How well a candidate's classes fit an entity type (0: incompatible)."""
    if EXCLUDED_CLASSES.intersection(candidate.classes):
        return 0.0
    table = TYPE_CLASSES[entity_type]
    reached = set(candidate.instance_of)
    if entity_type in _CLASS_TYPES:
        reached |= set(candidate.subclass_of)
        if candidate.qid in table:
            reached.add(candidate.qid)
    return max((table[q] for q in reached if q in table), default=0.0)


def candidate_countries(candidate: Candidate) -> frozenset[str]:
    """The countries a candidate belongs to; a country belongs to itself."""
    own = {candidate.qid} if COUNTRY_CLASSES.intersection(candidate.instance_of) else set()
    return frozenset(candidate.countries) | own


def _decide(
    entity: Entity,
    pool: _Pool,
    context: Mapping[str, float],
    source_method: str,
    threshold: float,
    weights: Weights,
) -> Decision:
    if pool.lexicon:
        known = [(c, f) for c, f in pool.scored if c.qid == pool.lexicon]
        if not known or type_fit(entity.type, known[0][0]) == 0.0:
            # The source does not know the id (or failed): trust the lexicon.
            return Decision(entity.key, pool.lexicon, 0.95, "lexicon", "lexicon")
        return choose_candidate(
            entity, pool.scored, context, "", threshold, weights, favoured=pool.lexicon
        )
    if pool.failed:
        return Decision(entity.key, "", 0.0, "", "lookup-failed")
    return choose_candidate(entity, pool.scored, context, source_method, threshold, weights)


def choose_candidate(
    entity: Entity,
    scored: Sequence[tuple[Candidate, float]],
    context: Mapping[str, float],
    source_method: str,
    threshold: float = DEFAULT_THRESHOLD,
    weights: Weights = Weights(),
    *,
    favoured: str = "",
) -> Decision:
    """Pick the best candidate for one entity given (candidate, name fit) pairs and context.

    `favoured` is an id a lexicon gave: it gets a bonus and, if it wins, the method "lexicon".
    """
    if not scored:
        return Decision(entity.key, "", 0.0, "", "no-candidate")
    rows: list[tuple[Candidate, float, dict[str, float]]] = []
    for cand, name_fit in scored:
        tfit = type_fit(entity.type, cand)
        if tfit <= 0.0:
            continue
        parts = {
            "name": weights.name * math.log(name_fit),
            "type": weights.type * math.log(tfit),
            "popularity": 0.0,
            "context": weights.context * _agreement(candidate_countries(cand), context),
            "lexicon": weights.lexicon if cand.qid == favoured else 0.0,
        }
        rows.append((cand, name_fit * tfit, parts))
    if not rows:
        return Decision(entity.key, "", 0.0, "", "type-mismatch")
    total_links = sum(c.sitelinks + 1 for c, _, _ in rows)
    for cand, _, parts in rows:
        parts["popularity"] = weights.popularity * math.log((cand.sitelinks + 1) / total_links)
    logits = [sum(parts.values()) for _, _, parts in rows]
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    shares = [x / sum(exps) for x in exps]
    order = sorted(
        range(len(rows)),
        key=lambda i: (-shares[i], -rows[i][0].sitelinks, _qid_order(rows[i][0].qid)),
    )
    best = order[0]
    cand, fit, parts = rows[best]
    confidence = fit * shares[best]
    scores = tuple((rows[i][0].qid, round(shares[i], 4)) for i in order)
    runner_up = rows[order[1]][0].qid if len(order) > 1 else ""
    if len(order) == 1:
        reason = "type" if len(scored) > 1 else "only-candidate"
    else:
        other = rows[order[1]][2]
        reason = max(parts, key=lambda k: parts[k] - other[k])
    if confidence < threshold:
        return Decision(
            entity.key, "", confidence, "", f"below-threshold:{reason}", runner_up, scores
        )
    if cand.qid == favoured:
        method = "lexicon"
    else:
        method = f"{source_method}-{cand.matched}" if source_method else cand.matched
    return Decision(entity.key, cand.qid, confidence, method, reason, runner_up, scores)


def _agreement(countries: frozenset[str], context: Mapping[str, float]) -> float:
    """1 when a candidate shares a country with the other entities of its documents."""
    return 1.0 if countries and any(context.get(c, 0.0) > 0 for c in countries) else 0.0


def _document_countries(
    entities: Sequence[Entity],
    decisions: Sequence[Decision],
    pools: Mapping[str, _Pool],
    threshold: float,
) -> dict[str, dict[str, frozenset[str]]]:
    """Per document, the countries each confidently linked entity contributes."""
    table: dict[str, dict[str, frozenset[str]]] = defaultdict(dict)
    for entity, decision in zip(entities, decisions, strict=True):
        if not decision.qid or decision.confidence < threshold:
            continue
        chosen = next((c for c, _ in pools[entity.key].scored if c.qid == decision.qid), None)
        countries = candidate_countries(chosen) if chosen else frozenset()
        if not countries:
            continue
        for doc_id in {m.doc_id for m in entity.mentions}:
            table[doc_id][entity.key] = countries
    return table


def _context_for(
    entity: Entity, table: Mapping[str, Mapping[str, frozenset[str]]]
) -> Mapping[str, float]:
    """Countries of the other entities linked in the entity's documents, as shares of them."""
    others: dict[str, frozenset[str]] = {}
    for doc_id in sorted({m.doc_id for m in entity.mentions}):
        for key, countries in table.get(doc_id, {}).items():
            if key != entity.key:
                others[key] = countries
    if not others:
        return {}
    counts = Counter(c for countries in others.values() for c in countries)
    return {c: n / len(others) for c, n in counts.items()}

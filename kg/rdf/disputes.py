"""A Dispute's unit: claims about one event that disagree on one kind of figure.

A `kg:Dispute` names the event (`kg:about`), the kind of figure (`kg:quantityKind`), every
claim about the event that gives one (`kg:disputedClaim`) and the figure each gives
(`kg:disputedQuantity`, a claim's `kg:Quantity`); every fact is derived from the mentions
of the figures. Which two claims disagree is read from their figures (the saved query
`conflicting-claims`), not stated pair by pair.
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.core.iris import mint_dispute_iri, mint_mention_iri
from kg.core.model import Claim, Dispute
from kg.core.vocab import KG
from kg.rdf.facts import Facts
from kg.rdf.nodes import quantity_iri

__all__ = ["add_dispute", "dispute_iri"]


def dispute_iri(base: str, dispute: Dispute) -> URIRef:
    """The IRI of a dispute: its event and kind."""
    return mint_dispute_iri(base, dispute.key)


def add_dispute(
    facts: Facts,
    dispute: Dispute,
    claims: Mapping[str, Claim],
    claim_iris: Mapping[str, URIRef],
    event_iris: Mapping[str, URIRef],
    doc_iris: Mapping[str, URIRef],
) -> None:
    """Write a dispute's node and facts (a unit of its own)."""
    if dispute.event not in event_iris:
        return
    iri = dispute_iri(facts.base, dispute)
    figures: list[tuple[str, URIRef, URIRef]] = []  # (claim key, quantity IRI, its mention)
    for key in dispute.claims:
        claim = claims.get(key)
        if claim is None or key not in claim_iris:
            continue
        for index, quantity in enumerate(claim.quantities):
            if quantity.kind == dispute.kind and quantity.group in (dispute.group, ""):
                span = quantity.span
                mention = mint_mention_iri(doc_iris[span.doc_id], span.begin, span.end)
                figures.append((key, quantity_iri(facts.base, claim, index), mention))
    if len({key for key, _, _ in figures}) < 2:
        return
    evidence = sorted({m for _, _, m in figures})
    facts.add(iri, RDF.type, KG.Dispute, evidence, method="dispute")
    facts.add(iri, KG.about, event_iris[dispute.event], evidence, method="dispute")
    facts.add(iri, KG.quantityKind, Literal(dispute.kind), evidence, method="dispute")
    if dispute.group:
        facts.add(iri, KG.countedGroup, Literal(dispute.group), evidence, method="dispute")
    for key, figure, mention in figures:
        facts.add(iri, KG.disputedClaim, claim_iris[key], [mention], method="dispute")
        facts.add(iri, KG.disputedQuantity, figure, [mention], method="dispute")

"""The nodes of a corpus' graph, known before a triple is written: the IRI and class of
every document, entity, claim and event, the claimant node of every claim, and where every mention
is and what it points at.

The rdf stage writes the graph from these; validation in batches uses them as the context
a unit's shapes need from other units. Keeping both on one definition keeps them in step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import URIRef

from kg.core.iris import (
    mint_claim_iri,
    mint_dispute_iri,
    mint_document_iri,
    mint_entity_iri,
    mint_event_iri,
    mint_mention_iri,
    mint_quantity_iri,
    mint_unnamed_source_iri,
)
from kg.core.lexicon import qualifier_country
from kg.core.model import (
    Claim,
    Corpus,
    Entity,
    EntityType,
    Event,
    EventMention,
    Mention,
    Span,
    UnnamedSource,
)
from kg.core.vocab import KG

__all__ = [
    "CLASS",
    "Claimant",
    "MentionIndex",
    "UnnamedNode",
    "claimant_node",
    "entity_iris",
    "event_iri",
    "first_mentions",
    "mention_index",
    "node_classes",
    "claim_iri",
    "quantity_iri",
    "unnamed_nodes",
]

# The class of each entity type.
CLASS: dict[EntityType, URIRef] = {
    "Person": KG.Person,
    "Organisation": KG.Organisation,
    "Place": KG.Place,
    "Weapon": KG.Weapon,
}


def entity_iris(entities: Sequence[Entity], base: str) -> dict[str, URIRef]:
    """Map each Entity.key to its IRI."""
    return {e.key: mint_entity_iri(base, e.type, e.key, e.label) for e in entities}


def event_iri(base: str, event: Event) -> URIRef:
    """The IRI of an Event."""
    return mint_event_iri(base, event.key, event.label)


# Every mention of a graph, by document id: the span and the node it points at.
MentionIndex = dict[str, list[tuple["Span | Mention | EventMention", URIRef]]]


def mention_index(corpus: Corpus, base: str) -> MentionIndex:
    """Where every mention of the graph of `corpus` is and what it points at, by document.

    The entity and claim units name their mentions (as evidence) by IRI; the document units
    state them. This is the one place that decides which spans are mentions of what.
    """
    index: MentionIndex = {}
    iris = entity_iris(corpus.entities, base)
    for entity in corpus.entities:
        for mention in entity.mentions:
            index.setdefault(mention.doc_id, []).append((mention, iris[entity.key]))
    by_key = {e.key: e for e in corpus.entities}
    for claim in corpus.claims:
        iri = claim_iri(base, claim)
        for span in claim.evidence or (claim.content,):
            index.setdefault(span.doc_id, []).append((span, iri))
        node = claimant_node(claim, by_key, iris, base)
        if node is not None and node.source_mention:
            index.setdefault(claim.source_span.doc_id, []).append((claim.source_span, node.iri))
        for number, quantity in enumerate(claim.quantities):
            q_iri = quantity_iri(base, claim, number)
            index.setdefault(quantity.span.doc_id, []).append((quantity.span, q_iri))
    for unnamed in unnamed_nodes(corpus, base):
        span = unnamed.source.span
        index.setdefault(span.doc_id, []).append((span, unnamed.iri))
        place = by_key.get(unnamed.affiliation)
        if place is not None and place.type == "Place" and place.key in iris:
            # "Turkey's president": "Turkey" names the government the source speaks for
            # too (its node has no other mention where the country never speaks itself)
            named = unnamed.source.affiliation or unnamed.source.span
            government = government_node(place, iris, base).iri
            index.setdefault(named.doc_id, []).append((named, government))
    for event in corpus.events:
        iri = event_iri(base, event)
        for report in event.reports:
            index.setdefault(report.mention.doc_id, []).append((report.mention, iri))
    for doc_id, pairs in index.items():
        # one span may name one node twice ("Norland" speaking and "Norland's envoy")
        seen = {(span.begin, span.end, target): (span, target) for span, target in pairs}
        index[doc_id] = [seen[k] for k in sorted(seen, key=lambda k: (k[0], k[1], str(k[2])))]
    return index


def first_mentions(index: MentionIndex, base: str) -> dict[str, str]:
    """One mention IRI of every node that has mentions (what validation of a unit needs to
    know about the mentions other units state)."""
    first: dict[str, str] = {}
    for doc_id in sorted(index, reverse=True):
        doc_iri = mint_document_iri(base, doc_id)
        for span, target in reversed(index[doc_id]):
            first[str(target)] = str(mint_mention_iri(doc_iri, span.begin, span.end))
    return first


def node_classes(corpus: Corpus, base: str) -> dict[str, URIRef]:
    """The class of every node the graph of `corpus` will have that a unit of its own
    states: documents, entities, claims, events, and the governments of places that speak."""
    classes = {str(mint_document_iri(base, d.id)): KG.Document for d in corpus.documents}
    iris = entity_iris(corpus.entities, base)
    for entity in corpus.entities:
        classes[str(iris[entity.key])] = CLASS[entity.type]
    by_key = {e.key: e for e in corpus.entities}
    for claim in corpus.claims:
        classes[str(claim_iri(base, claim))] = KG.Claim
        for index in range(len(claim.quantities)):  # stated in the claim's unit
            classes[str(quantity_iri(base, claim, index))] = KG.Quantity
        node = claimant_node(claim, by_key, iris, base)
        if node is not None and node.place is not None:
            classes[str(node.iri)] = KG.Organisation
    for unnamed in unnamed_nodes(corpus, base):
        classes[str(unnamed.iri)] = KG.UnnamedSource
        place = by_key.get(unnamed.affiliation)
        if place is not None and place.type == "Place" and place.key in iris:
            classes[str(government_node(place, iris, base).iri)] = KG.Organisation
    for event in corpus.events:
        classes[str(event_iri(base, event))] = KG.Event
    for dispute in corpus.disputes:
        classes[str(mint_dispute_iri(base, dispute.key))] = KG.Dispute
    return classes


def claim_iri(base: str, claim: Claim) -> URIRef:
    """The IRI of a grouped claim: its key and the span it is represented by.

    The span is part of the identity because what a claim node states (its content, cue,
    certainty) is read from that span: two builds that group one claim over different
    articles may represent it by different spans, and joined into one store or report they
    must not give one node two contents."""
    return mint_claim_iri(base, _claim_identity(claim))


def _claim_identity(claim: Claim) -> str:
    span = claim.content
    return f"{claim.key}|{span.doc_id}:{span.begin}:{span.end}"


def quantity_iri(base: str, claim: Claim, index: int) -> URIRef:
    """The IRI of a claim's `index`-th quantity."""
    quantity = claim.quantities[index]
    return mint_quantity_iri(
        base, _claim_identity(claim), quantity.kind, str(quantity.value), index
    )


@dataclass(frozen=True, slots=True)
class Claimant:
    """The node a claim's kg:claimant points at, and whether the claimant's words are a
    mention of it."""

    iri: URIRef
    source_mention: (
        bool  # a person (role, affiliation) or a government: its source span is a mention
    )
    place: URIRef | None = None  # a government: the place it governs
    label: str = ""  # a government: its label


def claimant_node(
    claim: Claim, entities: dict[str, Entity], iris: dict[str, URIRef], base: str
) -> Claimant | None:
    """The claimant as a node: an entity, for a place that speaks its government, or the
    unnamed source the claim rests on."""
    if claim.claimant_mention is None and claim.unnamed is not None:
        return Claimant(mint_unnamed_source_iri(base, claim.claimant, claim.unnamed.label), False)
    entity = entities.get(claim.claimant)
    if entity is None or claim.claimant not in iris:
        return None
    if entity.type == "Place":
        return government_node(entity, iris, base)
    return Claimant(iris[claim.claimant], entity.type == "Person")


def government_node(place: Entity, iris: dict[str, URIRef], base: str) -> Claimant:
    """The government a place speaks through ("Ukraine said", "Moscow said"): an
    Organisation of its own that points at the place (the place stays a Place). It bears the
    country's name, as the text does; a capital speaking stands for its country ("Kyiv
    said"), so both have one government."""
    country = qualifier_country().get(place.label.lower(), place.label)
    iri = mint_entity_iri(base, "Organisation", f"government-of|{country}", country)
    return Claimant(iri, True, iris[place.key], country)


@dataclass(frozen=True, slots=True)
class UnnamedNode:
    """An unnamed source of the graph: its IRI, what the text says of it, and the key of
    the entity it is affiliated with ("" when none)."""

    iri: URIRef
    source: UnnamedSource
    affiliation: str


def unnamed_nodes(corpus: Corpus, base: str) -> list[UnnamedNode]:
    """Every unnamed source the claims of `corpus` rest on, once each, in IRI order."""
    sources: dict[str, tuple[URIRef, UnnamedSource]] = {}
    affiliations: dict[str, set[str]] = {}
    for claim in corpus.claims:
        u = claim.unnamed
        if claim.claimant_mention is not None or u is None:
            continue
        iri = mint_unnamed_source_iri(base, claim.claimant, u.label)
        old = sources.get(str(iri))
        if old is None or u.span.begin < old[1].span.begin:
            sources[str(iri)] = (iri, u)
        affiliations.setdefault(str(iri), set()).add(claim.affiliation)
    return [
        UnnamedNode(*sources[k], min(affiliations[k] - {""}, default="")) for k in sorted(sources)
    ]

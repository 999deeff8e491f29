"""An Event's unit: the event node, its facts with their Assertions, and its merges.

An event is a `kg:Event` (a `sem:Event`) with `kg:eventType` (a term of the event type
vocabulary), `rdfs:label`, and where the text gives them `sem:hasActor` (who acted),
`kg:target` (on whom or what), `sem:hasPlace`, `kg:eventDate` and `kg:instrument` (a
Weapon). Every fact is derived from the trigger mentions that state it (the type and label
from all of the event's mentions); the trigger mentions themselves are written in their
documents' units and point at the event.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.core.iris import mint_mention_iri, mint_merge_iri
from kg.core.model import Event, EventMention
from kg.core.vocab import KG, SEM, event_type_iri
from kg.rdf.facts import MAX_EVIDENCE, Facts, decimal_literal

__all__ = ["ROLE_PROPERTIES", "add_event", "date_literal"]

# The property of each argument role.
ROLE_PROPERTIES: dict[str, URIRef] = {
    "agent": SEM.hasActor,
    "target": KG.target,
    "place": SEM.hasPlace,
    "instrument": KG.instrument,
}


def add_event(
    facts: Facts,
    event: Event,
    iri: URIRef,
    entity_iris: dict[str, URIRef],
    doc_iris: dict[str, URIRef],
) -> None:
    """Write an event's facts (each with its Assertion) and its merges into `facts`."""
    graph = facts.buffer

    def mention(m: EventMention) -> URIRef:
        return mint_mention_iri(doc_iris[m.doc_id], m.begin, m.end)

    every = sorted({mention(r.mention) for r in event.reports}, key=str)
    evidence = every[:MAX_EVIDENCE]
    facts.add(iri, RDF.type, KG.Event, evidence)
    facts.add(iri, RDFS.label, Literal(event.label), evidence)
    concept = event_type_iri(event.type)
    graph.add((concept, RDF.type, KG.EventType))  # the graph describes itself without the ontology
    facts.add(iri, KG.eventType, concept, evidence)
    stated: dict[tuple[str, str], list[URIRef]] = {}
    tied: set[tuple[str, str]] = set()  # what the parse ties to a trigger, not only a sentence
    for report in event.reports:
        for argument in report.arguments:
            if argument.entity in entity_iris:
                key = (argument.role, argument.entity)
                stated.setdefault(key, []).append(mention(report.mention))
                if not argument.inferred:
                    tied.add(key)
    roles_tied = {role for role, _ in tied}
    for (role, entity), triggers in sorted(stated.items()):
        inferred = (role, entity) not in tied
        if inferred and role in roles_tied:
            continue  # a place a sentence names is weaker than one the parse gives
        facts.add(
            iri,
            ROLE_PROPERTIES[role],
            entity_iris[entity],
            sorted(set(triggers), key=str)[:MAX_EVIDENCE],
            confidence=0.5 if inferred else None,
            method="sentence" if inferred else "dependency-parse",
        )
    if event.date:
        dated = sorted({mention(r.mention) for r in event.reports if r.date == event.date}, key=str)
        facts.add(iri, KG.eventDate, date_literal(event.date), dated[:MAX_EVIDENCE] or evidence)
    for merge in event.merges:
        m_iri = mint_merge_iri(facts.base, event.key, merge.rule, merge.left, merge.right)
        graph.add((m_iri, RDF.type, KG.Merge))
        graph.add((m_iri, KG.rule, Literal(merge.rule)))
        for form in sorted({merge.left, merge.right}):
            graph.add((m_iri, KG.mergedForm, Literal(form)))
        graph.add((m_iri, KG.confidence, decimal_literal(Decimal(f"{merge.confidence:.3f}"))))
        forms = {merge.left, merge.right}
        joined = sorted(
            {mention(r.mention) for r in event.reports if r.mention.text in forms}, key=str
        )
        facts.add(
            iri,
            KG.mergedBy,
            m_iri,
            joined[:MAX_EVIDENCE] or evidence,
            confidence=merge.confidence,
            method=merge.rule,
        )


def date_literal(value: str) -> Literal:
    """An event date as xsd:date, xsd:gYearMonth or xsd:gYear by its precision."""
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.gYear)

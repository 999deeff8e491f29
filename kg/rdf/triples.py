"""The rdf stage: a Corpus in, an rdflib Graph that follows the data contract out.

Every fact triple (subject an entity, an UnnamedSource, a Claim, a Quantity or an Event) is
added through `Facts.add`, which also adds its `kg:Assertion` (rdf:subject/predicate/object,
prov:wasDerivedFrom the mentions it comes from, kg:confidence and kg:method where the method
gives them). The run is stated once per graph (`kg:ExtractionRun`); the shapes check there
is at least one (a graph joining several builds has one per build).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg.core.iris import (
    mint_document_iri,
    mint_mention_iri,
    mint_merge_iri,
    mint_run_iri,
)
from kg.core.model import Claim, Corpus, Document, Entity, Mention, Run, Span
from kg.core.vocab import ITSRDF, KG, NIF, PROV, SCHEMA, WD, new_graph, weapon_class_iri
from kg.rdf.buffer import TripleBuffer
from kg.rdf.disputes import add_dispute
from kg.rdf.events import add_event
from kg.rdf.facts import (
    MAX_EVIDENCE,
    Facts,
    add_mention,
    decimal_literal,
)
from kg.rdf.nodes import (
    CLASS,
    Claimant,
    MentionIndex,
    UnnamedNode,
    claim_iri,
    claimant_node,
    entity_iris,
    event_iri,
    government_node,
    mention_index,
    quantity_iri,
    unnamed_nodes,
)

__all__ = ["add_links", "build_graph", "read_entities"]


_CERTAINTY = {"asserted": KG.Asserted, "hedged": KG.Hedged, "uncertain": KG.Uncertain}
_POLARITY = {"positive": KG.Positive, "negative": KG.Negative}
_SOURCE_KIND = {
    "individual": KG.IndividualSource,
    "group": KG.GroupSource,
    "document": KG.DocumentSource,
    "unstated": KG.UnstatedSource,
}


def build_graph(
    corpus: Corpus,
    run: Run,
    base: str,
    *,
    into: TripleBuffer | None = None,
    end_unit: Callable[[], None] = lambda: None,
    mentions: MentionIndex | None = None,
) -> Graph:
    """Turn a Corpus into a graph that follows the data contract (ontology/kg.ttl).

    With `into`, triples go there instead (the returned graph stays empty); without, they
    are written to a buffer of their own and read back as an rdflib Graph; `end_unit` is
    called after the run, each document, entity, claim and event: validation checks such units.
    A document's unit holds its mentions (of whatever entity, claim or quantity), so a unit
    never needs the text of another document; `mentions` is `mention_index(corpus, base)`
    when the caller has it already.
    """
    sink = TripleBuffer() if into is None else into
    facts = Facts(sink, base)
    doc_iris = {d.id: mint_document_iri(base, d.id) for d in corpus.documents}
    index = mentions if mentions is not None else mention_index(corpus, base)
    _add_run(sink, run, base)
    end_unit()
    for document in corpus.documents:
        iri = doc_iris[document.id]
        _add_document(sink, document, iri)
        for span, target in index.get(document.id, ()):
            add_mention(sink, span, iri, target)
        end_unit()
    iris = entity_iris(corpus.entities, base)
    by_key = {e.key: e for e in corpus.entities}
    claimants = {c.key: claimant_node(c, by_key, iris, base) for c in corpus.claims}
    unnamed = unnamed_nodes(corpus, base)
    # What claims say about their claimants (a role, an affiliation, a government) and what
    # an unnamed source's words say of the government it is affiliated with are written in
    # that node's own unit, so every node's facts are in one unit: a batch validates each
    # node it owns with all of that node's facts.
    organisations = frozenset(e.key for e in corpus.entities if e.type == "Organisation")
    said = _claimant_facts(corpus.claims, claimants, iris, doc_iris, organisations)
    _add_governments_of(unnamed, said, iris, doc_iris, by_key, base)
    for entity in corpus.entities:
        iri = iris[entity.key]
        _add_entity(facts, entity, iri, doc_iris)
        for fact in said.pop(iri, ()):
            facts.add(iri, *fact[:3], method=fact[3])
        end_unit()
    for node in unnamed:
        _add_unnamed_source(facts, node, iris, doc_iris, by_key)
        end_unit()
    for iri, node_facts in sorted(said.items()):
        for fact in node_facts:
            facts.add(iri, *fact[:3], method=fact[3])
        end_unit()
    claim_iris = {c.key: claim_iri(base, c) for c in corpus.claims}
    event_iris = {e.key: event_iri(base, e) for e in corpus.events}
    for claim in corpus.claims:
        reported = event_iris.get(claim.event)
        _add_claim(facts, claim, claim_iris, iris, doc_iris, claimants[claim.key], reported)
        end_unit()
    for event in corpus.events:
        add_event(facts, event, event_iris[event.key], iris, doc_iris)
        end_unit()
    by_claim = {c.key: c for c in corpus.claims}
    for dispute in corpus.disputes:
        add_dispute(facts, dispute, by_claim, claim_iris, event_iris, doc_iris)
        end_unit()
    if into is not None:
        return new_graph()
    try:
        return sink.to_graph()
    finally:
        sink.close()


def _add_run(graph: TripleBuffer, run: Run, base: str) -> None:
    iri = mint_run_iri(
        base, run.software_version, f"{run.model_name} {run.model_version}", run.started
    )
    graph.add((iri, RDF.type, KG.ExtractionRun))
    graph.add((iri, PROV.startedAtTime, Literal(run.started, datatype=XSD.dateTime)))
    graph.add((iri, KG.softwareVersion, Literal(run.software_version)))
    graph.add((iri, KG.modelName, Literal(run.model_name)))
    graph.add((iri, KG.modelVersion, Literal(run.model_version)))
    if run.options:
        graph.add((iri, KG.options, Literal(run.options)))


def _add_document(graph: TripleBuffer, document: Document, iri: URIRef) -> None:
    graph.add((iri, RDF.type, KG.Document))
    graph.add((iri, DCTERMS.identifier, Literal(document.source)))
    graph.add((iri, KG.sha256, Literal(document.sha256)))
    graph.add((iri, NIF.isString, Literal(document.text)))
    if document.title:
        graph.add((iri, DCTERMS.title, Literal(document.title)))
    if document.published:
        graph.add((iri, SCHEMA.datePublished, _date_literal(document.published)))
    if document.publisher:
        graph.add((iri, DCTERMS.publisher, Literal(document.publisher)))
    if document.url:
        graph.add((iri, SCHEMA.url, Literal(document.url, datatype=XSD.anyURI)))


def _date_literal(value: str) -> Literal:
    """A typed date or date-time when the value is ISO 8601, else a plain literal."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return Literal(value, datatype=XSD.date)
    if len(value) >= 19 and value[10] == "T":
        return Literal(value, datatype=XSD.dateTime)
    return Literal(value)


def _mention_iri(span: Span | Mention, doc_iris: dict[str, URIRef]) -> URIRef:
    """The IRI of a mention the document's unit states (see `mention_index`)."""
    return mint_mention_iri(doc_iris[span.doc_id], span.begin, span.end)


def _add_entity(facts: Facts, entity: Entity, iri: URIRef, doc_iris: dict[str, URIRef]) -> None:
    graph = facts.buffer
    by_form: dict[str, list[URIRef]] = {}
    for mention in sorted(entity.mentions, key=lambda m: (m.doc_id, m.begin, m.end)):
        m_iri = _mention_iri(mention, doc_iris)
        by_form.setdefault(mention.text, []).append(m_iri)
    every = [m for ms in by_form.values() for m in ms]
    facts.add(iri, RDF.type, CLASS[entity.type], every[:MAX_EVIDENCE])
    facts.add(iri, RDFS.label, Literal(entity.label), _evidence_for(entity.label, by_form, every))
    for alt in sorted(set(entity.alt_labels) - {entity.label}):
        facts.add(iri, SKOS.altLabel, Literal(alt), _evidence_for(alt, by_form, every))
    if entity.weapon_class:
        cls = weapon_class_iri(entity.weapon_class)
        # The concept is typed in the graph too, so the graph is self-describing without the
        # ontology.
        graph.add((cls, RDF.type, KG.WeaponClass))
        facts.add(iri, KG.weaponClass, cls, every[:MAX_EVIDENCE])
    if entity.type == "Person":
        _add_roles(facts, entity, iri, doc_iris)
    if entity.qid:
        facts.add(
            iri,
            OWL.sameAs,
            WD[entity.qid],
            every,
            confidence=entity.link_confidence,
            method=entity.link_method or "lookup",
        )
    for merge in entity.merges:
        m_iri = mint_merge_iri(facts.base, entity.key, merge.rule, merge.left, merge.right)
        graph.add((m_iri, RDF.type, KG.Merge))
        graph.add((m_iri, KG.rule, Literal(merge.rule)))
        for form in sorted({merge.left, merge.right}):
            graph.add((m_iri, KG.mergedForm, Literal(form)))
        graph.add((m_iri, KG.confidence, decimal_literal(Decimal(f"{merge.confidence:.3f}"))))
        evidence = _evidence_for(merge.left, by_form, []) + _evidence_for(merge.right, by_form, [])
        facts.add(
            iri,
            KG.mergedBy,
            m_iri,
            evidence or every,
            confidence=merge.confidence,
            method=merge.rule,
        )


def _add_roles(facts: Facts, entity: Entity, iri: URIRef, doc_iris: dict[str, URIRef]) -> None:
    """A person's titles and offices as the text puts them before the name ("Sen.",
    "Special Counsel"): kg:role, derived from the mentions they preceded."""
    by_title: dict[str, list[URIRef]] = {}
    for mention in sorted(entity.mentions, key=lambda m: (m.doc_id, m.begin, m.end)):
        if mention.title:
            by_title.setdefault(mention.title, []).append(_mention_iri(mention, doc_iris))
    for title, mentions in sorted(by_title.items()):
        facts.add(iri, KG.role, Literal(title), mentions[:MAX_EVIDENCE], method="title")


def _evidence_for(
    form: str, by_form: dict[str, list[URIRef]], fallback: list[URIRef]
) -> list[URIRef]:
    return by_form.get(form, fallback)[:MAX_EVIDENCE]


def _add_claim(
    facts: Facts,
    claim: Claim,
    claim_iris: dict[str, URIRef],
    entity_iris_: dict[str, URIRef],
    doc_iris: dict[str, URIRef],
    claimant: Claimant | None,
    event: URIRef | None = None,
) -> None:
    iri = claim_iris[claim.key]
    spans = claim.evidence or (claim.content,)
    content_mentions = {
        s.doc_id: _mention_iri(s, doc_iris)
        for s in sorted(spans, key=lambda s: (s.doc_id, s.begin))
    }
    evidence = list(content_mentions.values())  # one list for the claim's facts (see Facts.add)
    facts.add(iri, RDF.type, KG.Claim, evidence)
    facts.add(iri, KG.content, Literal(claim.content.text), evidence)
    facts.add(iri, KG.cue, Literal(claim.cue), evidence)
    if claimant is not None:
        facts.add(iri, KG.claimant, claimant.iri, evidence)
    for doc_id in claim.stated_in or (claim.content.doc_id,):
        facts.add(iri, KG.statedIn, doc_iris[doc_id], [content_mentions.get(doc_id, evidence[0])])
    facts.add(iri, KG.certainty, _CERTAINTY[claim.certainty], evidence)
    facts.add(iri, KG.polarity, _POLARITY[claim.polarity], evidence)
    facts.add(iri, KG.directQuote, Literal(claim.direct), evidence)
    if claim.medium:
        facts.add(iri, KG.medium, Literal(claim.medium), evidence)
    if claim.date:
        facts.add(iri, KG.claimDate, _date_literal(claim.date), evidence)
    # Conflicts are stated once per event and kind of figure, as a kg:Dispute (kg.rdf.disputes);
    # a claimant's later figure revising its earlier one stays a fact of the claim.
    about, revises = KG.about, KG.revises
    for key in claim.about:
        if key in entity_iris_:
            facts.add(iri, about, entity_iris_[key], evidence)
    if event is not None:
        facts.add(iri, about, event, evidence)
    for other in claim.revises:
        if other in claim_iris:
            facts.add(iri, revises, claim_iris[other], evidence)
    for index, quantity in enumerate(claim.quantities):
        q_iri = quantity_iri(facts.base, claim, index)
        q_mention = _mention_iri(quantity.span, doc_iris)
        facts.add(iri, KG.quantity, q_iri, [q_mention])
        facts.add(q_iri, RDF.type, KG.Quantity, [q_mention])
        facts.add(q_iri, KG.value, decimal_literal(quantity.value), [q_mention])
        facts.add(q_iri, KG.quantityKind, Literal(quantity.kind), [q_mention])
        facts.add(q_iri, KG.approximate, Literal(quantity.approximate), [q_mention])
        if quantity.bound:
            facts.add(q_iri, KG.bound, Literal(quantity.bound), [q_mention])
        if quantity.unit_text:
            facts.add(q_iri, KG.countedNoun, Literal(quantity.unit_text), [q_mention])
        if quantity.group:
            facts.add(q_iri, KG.countedGroup, Literal(quantity.group), [q_mention])


# A fact a claim states about its claimant node: predicate, object, evidence, method.
_NodeFact = tuple[URIRef, URIRef | Literal, list[URIRef], str]


def _claimant_facts(
    claims: Sequence[Claim],
    claimants: dict[str, Claimant | None],
    entity_iris_: dict[str, URIRef],
    doc_iris: dict[str, URIRef],
    organisations: frozenset[str],
) -> dict[URIRef, list[_NodeFact]]:
    """What the words naming each claimant say of its node: a person's role and
    affiliation ("Kremlin spokesman X"), a speaking place's government ("Ukraine said")."""
    said: dict[URIRef, list[_NodeFact]] = {}
    for claim in claims:
        node = claimants[claim.key]
        if node is None or not node.source_mention:
            continue
        source = [_mention_iri(claim.source_span, doc_iris)]
        facts = said.setdefault(node.iri, [])
        if node.place is not None:
            method = "place-as-claimant"
            facts.append((RDF.type, KG.Organisation, source, method))
            facts.append((RDFS.label, Literal(node.label), source, method))
            facts.append((KG.governmentOf, node.place, source, method))
            continue
        if claim.claimant_role:
            facts.append((KG.role, Literal(claim.claimant_role), source, "claimant-role"))
        # kg:affiliation only ever points at an organisation ("X's lawyer Y" names a person).
        if claim.affiliation in organisations:
            facts.append((KG.affiliation, entity_iris_[claim.affiliation], source, "claimant-role"))
    return {iri: facts for iri, facts in said.items() if facts}


def _add_governments_of(
    unnamed: Sequence[UnnamedNode],
    said: dict[URIRef, list[_NodeFact]],
    entity_iris_: dict[str, URIRef],
    doc_iris: dict[str, URIRef],
    entities: dict[str, Entity],
    base: str,
) -> None:
    """The government facts an unnamed source's words state ("a Ukrainian official": the
    government of Ukraine), added to `said` for the government's own unit."""
    for node in unnamed:
        place = entities.get(node.affiliation)
        if place is None or place.type != "Place" or node.affiliation not in entity_iris_:
            continue
        government = government_node(place, entity_iris_, base)
        evidence = [_mention_iri(node.source.span, doc_iris)]
        method = "place-as-claimant"
        said.setdefault(government.iri, []).extend(
            [
                (RDF.type, KG.Organisation, evidence, method),
                (RDFS.label, Literal(government.label), evidence, method),
                (KG.governmentOf, entity_iris_[place.key], evidence, method),
            ]
        )


def _add_unnamed_source(
    facts: Facts,
    node: UnnamedNode,
    entity_iris_: dict[str, URIRef],
    doc_iris: dict[str, URIRef],
    entities: dict[str, Entity],
) -> None:
    """An unnamed source: what it is, whether the text calls it anonymous, its label and
    the organisation (or a place's government) it is affiliated with."""
    u, iri = node.source, node.iri
    evidence = [_mention_iri(u.span, doc_iris)]
    facts.add(iri, RDF.type, KG.UnnamedSource, evidence)
    facts.add(iri, RDFS.label, Literal(u.label), evidence)
    facts.add(iri, KG.sourceKind, _SOURCE_KIND[u.kind], evidence)
    facts.add(iri, KG.anonymous, Literal(u.anonymous), evidence)
    entity = entities.get(node.affiliation)
    if entity is None or node.affiliation not in entity_iris_:
        return
    if entity.type == "Place":  # its government's own facts are in the government's unit
        government = government_node(entity, entity_iris_, facts.base)
        facts.add(iri, KG.affiliation, government.iri, evidence, method="source-description")
    elif entity.type == "Organisation":
        facts.add(
            iri, KG.affiliation, entity_iris_[entity.key], evidence, method="source-description"
        )


_TYPE_OF_CLASS = {v: k for k, v in CLASS.items()}


def read_entities(graph: Graph) -> tuple[Entity, ...]:
    """Read the entities of a built graph back, keyed by their IRI (for `kg link`)."""
    entities = []
    for cls, etype in sorted(_TYPE_OF_CLASS.items()):
        for iri in sorted(graph.subjects(RDF.type, cls), key=str):  # IRIs: their order as strings
            mentions = []
            for m in sorted(graph.subjects(ITSRDF.taIdentRef, iri), key=str):
                doc, begin, end = (
                    graph.value(m, p) for p in (NIF.referenceContext, NIF.beginIndex, NIF.endIndex)
                )
                if doc is None or begin is None or end is None:
                    continue
                mentions.append(
                    Mention(
                        str(doc),
                        int(str(begin)),
                        int(str(end)),
                        str(graph.value(m, NIF.anchorOf) or ""),
                        etype,
                        0,
                        0,
                        0,
                    )
                )
            same = graph.value(iri, OWL.sameAs)
            entities.append(
                Entity(
                    key=str(iri),
                    type=etype,
                    label=str(graph.value(iri, RDFS.label) or ""),
                    alt_labels=tuple(sorted(str(a) for a in graph.objects(iri, SKOS.altLabel))),
                    mentions=tuple(mentions),
                    qid=str(same).rsplit("/", 1)[-1] if same is not None else "",
                )
            )
    return tuple(entities)


def add_links(graph: Graph, entities: Sequence[Entity], base: str) -> int:
    """Add owl:sameAs (with its Assertion) for entities read by `read_entities` that now have a
    qid and had none; return how many were added."""
    buffer = TripleBuffer()
    facts = Facts(buffer, base)
    added = 0
    for entity in entities:
        iri = URIRef(entity.key)
        if not entity.qid or graph.value(iri, OWL.sameAs) is not None:
            continue
        evidence = [mint_mention_iri(URIRef(m.doc_id), m.begin, m.end) for m in entity.mentions]
        facts.add(
            iri,
            OWL.sameAs,
            WD[entity.qid],
            evidence,
            confidence=entity.link_confidence,
            method=entity.link_method or "lookup",
        )
        added += 1
    graph += buffer.to_graph()
    buffer.close()
    return added

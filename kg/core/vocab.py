"""The vocabulary: the one table of prefixes, the closed `KG` namespace, graph creation.

`KG` is a closed namespace: a misspelt term fails at once. A test keeps its terms equal to
the terms `ontology/kg.ttl` defines. Every graph the project makes comes from `new_graph`,
which binds exactly the contract's prefixes (no rdflib defaults, so no `schema1:`/`ns1:`).
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace

from kg.core.event_types import load_event_types
from kg.core.weapons import load_weapon_classes

__all__ = [
    "DEFAULT_BASE",
    "ITSRDF",
    "KG",
    "NIF",
    "PREFIXES",
    "PROV",
    "SCHEMA",
    "SEM",
    "WD",
    "WDT",
    "event_type_iri",
    "new_graph",
    "weapon_class_iri",
]

DEFAULT_BASE = "https://w3id.org/newskg/id/"


class KG(DefinedNamespace):
    """Terms of ontology/kg.ttl."""

    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True

    # classes
    Document: URIRef
    Entity: URIRef
    Person: URIRef
    Organisation: URIRef
    Place: URIRef
    Weapon: URIRef
    Claim: URIRef
    Quantity: URIRef
    Mention: URIRef
    Assertion: URIRef
    ExtractionRun: URIRef
    Merge: URIRef
    WeaponClass: URIRef
    CertaintyLevel: URIRef
    Polarity: URIRef
    UnnamedSource: URIRef
    SourceKind: URIRef
    Event: URIRef
    Dispute: URIRef
    EventType: URIRef
    # controlled values
    Asserted: URIRef
    Hedged: URIRef
    Uncertain: URIRef
    Positive: URIRef
    Negative: URIRef
    IndividualSource: URIRef
    GroupSource: URIRef
    DocumentSource: URIRef
    UnstatedSource: URIRef
    # document and provenance properties
    sha256: URIRef
    confidence: URIRef
    method: URIRef
    softwareVersion: URIRef
    modelName: URIRef
    modelVersion: URIRef
    options: URIRef
    # entity properties
    mergedBy: URIRef
    rule: URIRef
    mergedForm: URIRef
    weaponClass: URIRef
    role: URIRef
    affiliation: URIRef
    governmentOf: URIRef
    # claim properties
    claimant: URIRef
    content: URIRef
    cue: URIRef
    statedIn: URIRef
    quantity: URIRef
    about: URIRef
    conflictsWith: URIRef
    revises: URIRef
    disputedClaim: URIRef
    disputedQuantity: URIRef
    certainty: URIRef
    polarity: URIRef
    directQuote: URIRef
    medium: URIRef
    claimDate: URIRef
    # unnamed source properties
    sourceKind: URIRef
    anonymous: URIRef
    # quantity properties
    value: URIRef
    quantityKind: URIRef
    approximate: URIRef
    bound: URIRef
    countedNoun: URIRef
    countedGroup: URIRef
    # event properties
    eventType: URIRef
    target: URIRef
    instrument: URIRef
    eventDate: URIRef


NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("http://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "sem": str(SEM),
    "wd": str(WD),
    "wdt": str(WDT),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
}


def weapon_class_iri(term: str) -> URIRef:
    """The IRI of a weapon class term of kg/data/weapon_classes.tsv (kg:RocketArtillery ...).

    Weapon classes are SKOS concepts of the ontology, listed in a data file rather than in
    the closed namespace; an unknown term is an error that lists the known ones.
    """
    terms = {c.term for c in load_weapon_classes()}
    if term not in terms:
        raise ValueError(f"unknown weapon class {term!r}; known: {', '.join(sorted(terms))}")
    return URIRef(str(KG._NS) + term)


def event_type_iri(term: str) -> URIRef:
    """The IRI of an event type term of kg/data/event_types.tsv (kg:Shelling ...); an unknown
    term is an error that lists the known ones."""
    terms = {t.term for t in load_event_types()}
    if term not in terms:
        raise ValueError(f"unknown event type {term!r}; known: {', '.join(sorted(terms))}")
    return URIRef(str(KG._NS) + term)


def new_graph(identifier: str | None = None) -> Graph:
    """Create an rdflib Graph bound to exactly the project's prefixes."""
    graph = Graph(identifier=identifier, bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph

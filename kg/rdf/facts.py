"""A fact with its Assertion, and a mention: the lines every graph is made of, written one way.

A fact triple and its `kg:Assertion` (rdf:subject/predicate/object, prov:wasDerivedFrom the
mentions it comes from, kg:confidence and kg:method where the method gives them) go into a
`TripleBuffer` as N-Triples lines, each term encoded once for all the lines that name it."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.core.iris import (
    mint_assertion_iri,
    mint_mention_iri,
)
from kg.core.model import EventMention, Mention, Span
from kg.core.vocab import ITSRDF, KG, NIF, PROV
from kg.rdf.buffer import TripleBuffer, encode_term

__all__ = ["MAX_EVIDENCE", "Facts", "add_mention", "decimal_literal"]


# An Assertion names at most this many mentions as evidence; every mention still points
# at its entity through itsrdf:taIdentRef, so nothing is lost, and the graph stays compact.
MAX_EVIDENCE = 3


# Terms of the per-triple paths, made once: a namespace attribute builds a new URIRef on
# every access (a quarter of this stage's time when they were looked up per triple).
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object


_ASSERTION, _CONFIDENCE, _METHOD, _MENTION = KG.Assertion, KG.confidence, KG.method, KG.Mention


_DERIVED, _IDENT, _NNI = PROV.wasDerivedFrom, ITSRDF.taIdentRef, XSD.nonNegativeInteger


_CONTEXT, _BEGIN, _END, _ANCHOR = NIF.referenceContext, NIF.beginIndex, NIF.endIndex, NIF.anchorOf


class Facts:
    """Adds fact triples together with their Assertions to one buffer: the one path by which
    a fact is written.

    A fact and its Assertion are written as N-Triples lines, each term encoded once for all
    the lines that name it (the Assertion's IRI is in five or more).
    """

    def __init__(self, buffer: TripleBuffer, base: str) -> None:
        self.buffer = buffer
        self.base = base
        self._given: object = None  # the last evidence list given, and its first mentions:
        self._first: list[
            URIRef
        ] = []  # a claim's facts share one (lists are not changed once given)

    def add(
        self,
        s: URIRef,
        p: URIRef,
        o: URIRef | Literal,
        evidence: Iterable[URIRef],
        *,
        confidence: float | None = None,
        method: str | None = None,
    ) -> None:
        a = mint_assertion_iri(
            self.base, f"<{s}>", f"<{p}>", f"<{o}>" if type(o) is URIRef else o.n3()
        )
        # The first mentions by IRI (all URIRefs, which order as their strings), without
        # sorting them all: a claim restated in a thousand articles has a thousand. They
        # are chosen once per list: a claim gives its one list to all its facts, hundreds
        # of conflicts among them.
        if evidence is not self._given:
            self._given, self._first = (
                evidence,
                heapq.nsmallest(MAX_EVIDENCE, set(evidence), key=str),
            )
        score = None if confidence is None else decimal_literal(Decimal(f"{confidence:.3f}"))
        label = Literal(method) if method else None
        buffer = self.buffer
        encode = buffer.encode
        s_, p_, o_, a_ = encode(s), encode(p), encode(o), encode(a)
        lines = [
            b"%s %s %s .\n" % (s_, p_, o_),
            a_ + _IS_ASSERTION,
            b"%s%s%s .\n" % (a_, _HAS_SUBJECT, s_),
            b"%s%s%s .\n" % (a_, _HAS_PREDICATE, p_),
            b"%s%s%s .\n" % (a_, _HAS_OBJECT, o_),
        ]
        for m in self._first:
            lines.append(b"%s%s%s .\n" % (a_, _FROM, encode(m)))
        if score is not None:
            lines.append(b"%s%s%s .\n" % (a_, _SCORED, encode(score)))
        if label is not None:
            lines.append(b"%s%s%s .\n" % (a_, _BY_METHOD, encode(label)))
        buffer.add_encoded(lines, a)


# What `Facts._add_lines` writes between an Assertion's IRI and a term (" <predicate> ").
_IS_ASSERTION = b" %s %s .\n" % (encode_term(_TYPE), encode_term(_ASSERTION))


_HAS_SUBJECT, _HAS_PREDICATE, _HAS_OBJECT, _FROM, _SCORED, _BY_METHOD = (
    b" %s " % encode_term(term)
    for term in (_SUBJECT, _PREDICATE, _OBJECT, _DERIVED, _CONFIDENCE, _METHOD)
)


def decimal_literal(value: Decimal) -> Literal:
    """An xsd:decimal in canonical form ("12.0", "0.97"), so every parser reads it back equal."""
    lexical = format(value.normalize(), "f")
    if "." not in lexical:
        lexical += ".0"
    return Literal(lexical, datatype=XSD.decimal)


def add_mention(
    graph: TripleBuffer, span: Span | Mention | EventMention, doc_iri: URIRef, target: URIRef
) -> URIRef:
    iri = mint_mention_iri(doc_iri, span.begin, span.end)
    encode = graph.encode  # as lines, each term encoded once (see Facts)
    m_ = encode(iri)
    graph.add_encoded(
        [
            m_ + _IS_MENTION,
            b"%s%s%s .\n" % (m_, _IN_CONTEXT, encode(doc_iri)),
            m_ + _BEGINS + _offset_end(span.begin),
            m_ + _ENDS + _offset_end(span.end),
            m_ + _ANCHORED + _text_end(span.text),
            b"%s%s%s .\n" % (m_, _IDENTIFIES, encode(target)),
        ],
        iri,
    )
    return iri


# A mention's offsets and words recur across documents: their literals are made once (an
# rdflib Literal checks and converts its value on creation, 4 microseconds for an integer).
@lru_cache(maxsize=1 << 16)
def _offset(value: int) -> Literal:
    return Literal(value, datatype=_NNI)


@lru_cache(maxsize=1 << 16)
def _text(value: str) -> Literal:
    return Literal(value)


@lru_cache(maxsize=1 << 16)
def _offset_end(value: int) -> bytes:
    """An offset's literal in N-Triples, with the line's end."""
    return encode_term(_offset(value)) + b" .\n"


@lru_cache(maxsize=1 << 16)
def _text_end(value: str) -> bytes:
    """A string's literal in N-Triples, with the line's end."""
    return encode_term(_text(value)) + b" .\n"


_IS_MENTION = b" %s %s .\n" % (encode_term(_TYPE), encode_term(_MENTION))


_IN_CONTEXT, _BEGINS, _ENDS, _ANCHORED, _IDENTIFIES = (
    b" %s " % encode_term(term) for term in (_CONTEXT, _BEGIN, _END, _ANCHOR, _IDENT)
)

"""Minting IRIs: the one place instance IRIs are made.

Every IRI comes from a hash of canonical identifying fields (never a counter, `hash()`, a
UUID or the clock), optionally behind a readable slug, so the same input gives the same
IRIs whatever the order of files or the number of processes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

__all__ = [
    "base_iri_problem",
    "digest",
    "mint_assertion_iri",
    "mint_claim_iri",
    "mint_dispute_iri",
    "mint_document_iri",
    "mint_entity_iri",
    "mint_event_iri",
    "mint_mention_iri",
    "mint_merge_iri",
    "mint_quantity_iri",
    "mint_run_iri",
    "mint_unnamed_source_iri",
    "slugify",
]

_TYPE_PATHS = {
    "Person": "person",
    "Organisation": "organisation",
    "Place": "place",
    "Weapon": "weapon",
}


# An absolute IRI that minted paths can follow: a scheme, then characters RFC 3987 allows
# outside a query or fragment ("%" only as an escape of two hex digits).
_BASE_IRI = re.compile(
    r"(?:https?://[^/?#\s]+/|urn:)"
    r"(?:[\w\-.~!$&'()*+,;=:@/\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]|%[0-9A-Fa-f]{2})*"
)


def base_iri_problem(base: str) -> str | None:
    """Why `base` cannot be the base of minted IRIs (None when it can)."""
    if _BASE_IRI.fullmatch(base):
        return None
    bad = next((c for c in base if c in "#?" or not c.isprintable() or c.isspace()), None)
    if bad is not None:
        return f"it holds {bad!r}, which no base IRI may hold"
    if re.search(r"%(?![0-9A-Fa-f]{2})", base):
        return "a % in it is not followed by two hex digits"
    return "it is not an absolute http(s) or urn IRI with a path"


def digest(*fields: str, length: int = 16) -> str:
    """Hex digest of fields joined unambiguously."""
    h = hashlib.sha256("\x1f".join(fields).encode("utf-8"))
    return h.hexdigest()[:length]


def slugify(text: str, limit: int = 40) -> str:
    """A readable ASCII slug ("Volodymyr Zelenskyy" -> "volodymyr-zelenskyy")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].strip("-")


def _iri(base: str, path: str, slug: str, key: str) -> URIRef:
    return URIRef(f"{base}{path}/{slug + '-' if slug else ''}{key}")


def mint_document_iri(base: str, doc_id: str) -> URIRef:
    """Document IRI; doc_id is already a slug plus content hash."""
    return URIRef(f"{base}doc/{doc_id}")


def mint_mention_iri(document_iri: URIRef, begin: int, end: int) -> URIRef:
    """NIF / RFC 5147 mention IRI: <document#char=begin,end>."""
    return URIRef(f"{document_iri}#char={begin},{end}")


def mint_entity_iri(base: str, entity_type: str, key: str, label: str) -> URIRef:
    return _iri(base, _TYPE_PATHS[entity_type], slugify(label), digest(entity_type, key, length=12))


def mint_dispute_iri(base: str, key: str) -> URIRef:
    return _iri(base, "dispute", "", digest("dispute", key))


def mint_event_iri(base: str, key: str, label: str) -> URIRef:
    return _iri(base, "event", slugify(label), digest("event", key, length=12))


def mint_claim_iri(base: str, key: str) -> URIRef:
    return _iri(base, "claim", "", digest("claim", key))


def mint_unnamed_source_iri(base: str, key: str, label: str) -> URIRef:
    """An unnamed source of one document, from its claimant key (document and description)."""
    return _iri(base, "source", slugify(label), digest("unnamed-source", key, length=12))


def mint_quantity_iri(base: str, claim_key: str, kind: str, value: str, index: int) -> URIRef:
    return _iri(base, "quantity", "", digest("quantity", claim_key, kind, value, str(index)))


def mint_merge_iri(base: str, entity_key: str, rule: str, left: str, right: str) -> URIRef:
    return _iri(base, "merge", "", digest("merge", entity_key, rule, left, right))


def mint_assertion_iri(base: str, subject: str, predicate: str, obj: str) -> URIRef:
    """Assertion IRI from the N-Triples forms of the triple it describes."""
    return _iri(base, "assertion", "", digest(subject, predicate, obj, length=20))


def mint_run_iri(base: str, software: str, model: str, started: str) -> URIRef:
    return _iri(base, "run", "", digest("run", software, model, started))

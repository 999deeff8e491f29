"""The plain data every stage reads and writes.

Stages exchange only these frozen dataclasses (and `Token`, an immutable named tuple): no
spaCy objects, no rdflib terms. That keeps each stage a pure function, lets per-document
results be cached and sent between processes, and makes the pipeline's order visible in one
place (`kg.build.pipeline`).

Offsets are always Python `str` indices into `Document.text`, end exclusive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from operator import attrgetter
from typing import Literal, NamedTuple, TypeVar

__all__ = [
    "ENTITY_TYPES",
    "Certainty",
    "Claim",
    "Corpus",
    "Dispute",
    "Document",
    "Entity",
    "EntityType",
    "Event",
    "EventArgument",
    "EventMention",
    "EventReport",
    "Mention",
    "Merge",
    "Parsed",
    "Polarity",
    "Problem",
    "Quantity",
    "Run",
    "Sentence",
    "SourceKind",
    "Span",
    "Token",
    "UnnamedSource",
]

_T = TypeVar("_T")


def _pickled_by_position(cls: type[_T]) -> type[_T]:
    """Pickle a frozen, slotted dataclass as the tuple of its fields, read back by position.

    The state functions `dataclass(frozen=True, slots=True)` adds call `dataclasses.fields()`
    for every object pickled or unpickled; a build's process unpickles millions of these
    (the workers' results, the cache), and that lookup would be most of the time it takes.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    get: Callable[[object], object] = (
        attrgetter(*names) if len(names) > 1 else (lambda self: (getattr(self, names[0]),))
    )
    put = object.__setattr__

    def __getstate__(self: object) -> object:
        return get(self)

    def __setstate__(self: object, values: tuple[object, ...]) -> None:
        for name, value in zip(names, values, strict=True):
            put(self, name, value)

    cls.__getstate__ = __getstate__  # type: ignore[method-assign]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


EntityType = Literal["Person", "Organisation", "Place", "Weapon"]
ENTITY_TYPES: tuple[EntityType, ...] = ("Person", "Organisation", "Place", "Weapon")

Certainty = Literal["asserted", "hedged", "uncertain"]
# What an unnamed source is: a person, a group of people, a document or publication (a
# report, survey, statement, court filing), or nothing the text states ("is expected to").
SourceKind = Literal["individual", "group", "document", "unstated"]
Polarity = Literal["positive", "negative"]


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Span:
    """A character range of one document."""

    doc_id: str
    begin: int
    end: int
    text: str  # exactly Document.text[begin:end]


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Document:
    """One input article, its text exactly as read (offsets refer to this string)."""

    id: str  # stable: readable slug + hash of source name and text
    source: str  # file name, plus "#record" for JSON Lines records
    text: str
    sha256: str  # of `text` encoded as UTF-8
    title: str | None = None
    published: str | None = None  # ISO 8601 date or date-time, as given
    publisher: str | None = None
    url: str | None = None
    # Character ranges that are not article prose (boilerplate, link spam, captions):
    # kept in the text so offsets stay true, skipped by extraction.
    skipped: tuple[tuple[int, int], ...] = ()


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be read: reported, counted, skipped."""

    source: str  # file (and record) it concerns
    message: str  # one line: what is wrong and what to do
    kept: bool = False  # the article was read, without the part the message names


class Token(NamedTuple):
    """One token of a parsed document, spaCy-free.

    A named tuple, not a dataclass like the rest: a parse makes one per token, and a frozen
    dataclass's constructor (a call of `object.__setattr__` per field) is several times
    slower.
    """

    i: int
    begin: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the syntactic head (== i for the root)
    sent: int  # index into Parsed.sentences
    ent_type: str = ""  # spaCy entity label covering this token, if any


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its characters and its tokens [start, end)."""

    begin: int
    end: int
    start: int
    end_token: int


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Mention:
    """A name of an entity in one document (titles and possessives trimmed off)."""

    doc_id: str
    begin: int
    end: int
    text: str  # exactly Document.text[begin:end]
    type: EntityType
    sentence: int
    start: int  # first token index
    end_token: int  # token index past the last
    label: str = ""  # the NER label it came from (PERSON, ORG, GPE, WEAPON ...)
    title: str = ""  # a title or role that preceded it ("Lt Gen", "President")
    weapon_class: str = ""  # for weapons: a term of the ontology's weapon class vocabulary
    kb_id: str = ""  # a Wikidata id a lexicon gave, if any
    # What the name refers to when the mention is a description ("the ministry", "he"):
    # the begin offset of the mention it was resolved to in the same document.
    antecedent: int | None = None
    # For weapons: the system a named mention is of ("HIMARS" for "Himars launchers"), as
    # the lexicon names it or as the designation is written; "" for a generic class mention.
    weapon_system: str = ""
    # "placed" when the words around this mention put a place somewhere ("in X", "travels to
    # X", "X, Texas": kg.entities.name_evidence.placed): other documents' types for the name
    # do not outvote it (kg.entities.type_votes); "" otherwise.
    proof: str = ""


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Parsed:
    """A document after the nlp stage: tokens, sentences, entity mentions."""

    document: Document
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    events: tuple[EventMention, ...] = ()


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class EventMention:
    """A word that reports an occurrence (a trigger: "shelled", "the summit") in one document."""

    doc_id: str
    begin: int
    end: int
    text: str  # exactly Document.text[begin:end]
    type: str  # a term of the event type vocabulary (kg/data/event_types.tsv)
    sentence: int
    token: int  # index of the trigger token
    lemma: str = ""


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class EventArgument:
    """A participant or circumstance of an event mention: an entity mention in its role."""

    role: str  # "agent", "target", "place" or "instrument"
    mention: Mention
    entity: str = ""  # Entity.key, filled once entities are resolved
    # Taken from the sentence, not from the trigger's own phrases (a place the sentence
    # names): evidence, weaker than what the parse ties to the trigger.
    inferred: bool = False


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class EventReport:
    """What one document says of one event mention: its arguments and its date."""

    mention: EventMention
    arguments: tuple[EventArgument, ...] = ()
    date: str = ""  # ISO date (or YYYY-MM, YYYY-Www), normalised against the article's date
    date_span: Span | None = None  # the words the date was read from
    # A noun with a definite or demonstrative determiner ("the attack", "this strike"): it
    # refers back to an occurrence the text reported before.
    definite: bool = False
    # A plural noun without one ("strikes on civilian targets"): occurrences in general, not
    # the one the text reports.
    generic: bool = False
    # Dated by its own words to a year not the article's ("the 1999 earthquake"): a past
    # occurrence recalled beside the story's own, never one with it.
    past: bool = False


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Merge:
    """Evidence that two groups of mentions name one entity."""

    rule: str  # e.g. "exact-name", "surname", "transliteration", "acronym"
    left: str  # a surface form on one side
    right: str  # a surface form on the other side
    confidence: float


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity, resolved across mentions and documents."""

    key: str  # canonical identifying string the IRI is minted from
    type: EntityType
    label: str  # preferred name
    alt_labels: tuple[str, ...]
    mentions: tuple[Mention, ...]
    merges: tuple[Merge, ...] = ()
    weapon_class: str = ""
    qid: str = ""  # Wikidata id, once linked
    link_confidence: float | None = None
    link_method: str = ""


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Quantity:
    """A number a claim reports, with what it counts."""

    value: Decimal
    kind: str  # controlled vocabulary: killed, wounded, missing, missiles ...
    span: Span  # the characters the number was read from
    approximate: bool = False
    bound: str = ""  # "", "atLeast", "moreThan", "atMost", "lessThan"
    unit_text: str = ""  # the counted noun as written ("soldiers", "rockets")
    # the group of people counted ("civilian", "militant": kg.claims.counted), "" for all
    group: str = ""


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class UnnamedSource:
    """A source the text describes but does not name ("a senior official", "analysts",
    "the report"), or none stated: one per description in one document (the same words in
    two outlets are not the same source)."""

    span: Span  # the describing words where first met (for an unstated source: the cue)
    kind: SourceKind
    label: str  # the description as written ("a senior official"; "no source stated")
    anonymous: bool = False  # the text says so ("speaking on condition of anonymity")
    # An organisation or place the text ties it to ("a Pentagon official": the Pentagon).
    affiliation: Mention | None = None


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed statement found in one document (grouping may join several).

    Its source is an entity mention (`claimant_mention`) or, when the text names none, an
    `UnnamedSource` (`unnamed`); exactly one of the two is set.
    """

    claimant_mention: Mention | None  # the entity mention the source resolves to (not "he")
    cue: str  # lemma of the reporting verb or phrase ("say", "according to")
    content: Span
    cue_span: Span
    source_span: Span  # the words naming the claimant in this document
    direct: bool = False  # a direct quotation
    certainty: Certainty = "asserted"
    polarity: Polarity = "positive"
    medium: str = ""  # "video address", "Telegram", "statement" ...
    date: str = ""  # ISO date the claim was made, when the text says
    quantities: tuple[Quantity, ...] = ()
    about: tuple[str, ...] = ()  # Entity.key of entities the content mentions
    stated_in: tuple[str, ...] = field(default=())  # Document.id, filled by grouping
    conflicts_with: tuple[str, ...] = ()  # claim keys, filled by grouping
    claimant: str = ""  # Entity.key of a Person or Organisation, filled by grouping
    key: str = ""  # identifying string the IRI is minted from, filled by grouping
    # Every (doc_id, content span) this claim was found at, filled by grouping.
    evidence: tuple[Span, ...] = ()
    # The claimant's role or affiliation as the text gives it ("Kremlin spokesman").
    claimant_role: str = ""
    # The text presents the statement as an earlier one ("previously said", "initially").
    prior: bool = False
    # Keys of the claimant's own earlier claims this one revises (63 then 89), by grouping.
    revises: tuple[str, ...] = ()
    # An organisation the text ties the claimant to ("Kremlin spokesman X": the Kremlin).
    claimant_affiliation: Mention | None = None
    affiliation: str = ""  # Entity.key of that organisation, filled by grouping
    unnamed: UnnamedSource | None = None  # the source when no entity is named
    # The occurrence the content reports: the begin offset of its trigger in the content's
    # document (kg.events.anchoring), and the resolved Event.key (filled by grouping).
    trigger: int | None = None
    event: str = ""


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Extraction:
    """What the per-document stages found in one article."""

    document: Document
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    events: tuple[EventReport, ...] = ()


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Run:
    """One run of the builder, recorded once in the graph."""

    software_version: str
    model_name: str
    model_version: str
    started: str  # ISO 8601 date-time (from --run-time or SOURCE_DATE_EPOCH when set)
    options: str = ""  # the options that change output, for the record


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Dispute:
    """Claims about one event that give irreconcilable figures of one kind: one node however
    many claims, instead of a conflict between every two of them."""

    key: str  # "event key|kind", and "|group" for a group's count
    event: str  # Event.key
    kind: str  # the quantity kind disputed ("killed")
    claims: tuple[str, ...]  # Claim.key of every claim about the event with a figure of it
    group: str = ""  # the group of people the disputed figures count (Quantity.group)


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything a build found: what the rdf stage turns into a graph."""

    documents: tuple[Document, ...]
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    disputes: tuple[Dispute, ...] = ()


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Event:
    """One occurrence, resolved across the event mentions of all documents."""

    key: str  # canonical identifying string the IRI is minted from
    type: str  # a term of the event type vocabulary
    label: str
    reports: tuple[EventReport, ...]  # every mention with its arguments (entity keys filled)
    date: str = ""
    merges: tuple[Merge, ...] = ()

"""Event coreference: the event mentions of all documents -> Events, every merge with its evidence.

Within a document, a mention joins the latest earlier mention of a compatible type (equal, or
one broader: "shelled" ... "the attack") whose date and place do not contradict it, when it
repeats its word or refers back with a definite noun ("the attack", "this strike"): two
different words without one ("convicted ... sentenced", "hit ... set fire") stay apart.
Across documents, two such groups are one occurrence when their types are compatible, nothing
contradicts (two different days; a past occurrence recalled by its year, "the 1999
earthquake", and an undated one; two different specific places, a country or region not
counting against a town) and the evidence adds up: a shared specific place or participant
or a facility named after a town the other names ("the Harlow Centre", "Harlow") counts 2;
a shared date, country, weapon, or a region named after a town the other names ("the
Kharkiv region", "Kharkiv") 1; and 2 are needed. Two strikes on one town on different days,
or two earthquakes in two countries, stay apart; a merge is recorded as a `Merge` (the rule
naming the evidence, the trigger words joined, a confidence).

Linear in the corpus: groups are blocked by their type's top concept and by each piece of
evidence (a place, a participant, a date), and a group is compared only with the latest
`_PER_KEY` groups of each block it shares, never with all pairs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.core import lexicon
from kg.core.event_types import compatible_types, load_event_types, top_type
from kg.core.model import EntityType, Event, EventArgument, EventReport, Merge
from kg.core.unionfind import UnionFind
from kg.events.anchoring import MAIN, cause_types
from kg.events.dates import dates_agree

__all__ = ["event_triggers", "resolve_events"]

_PER_KEY = 40  # groups kept per blocking key: what keeps the comparisons linear
_NEEDED = 2
_STORY_SHARED = 2  # entities two documents name in common to tell one story
_STORY_CAP = 30  # an entity more documents name does not tell stories apart


@dataclass(slots=True)
class _Group:
    """Mentions taken for one occurrence so far, and what they say of it."""

    reports: list[EventReport]
    type: str
    dates: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)  # specific places (towns, facilities)
    parsed_places: set[str] = field(default_factory=set)  # those the parse ties to a trigger
    countries: set[str] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)
    instruments: set[str] = field(default_factory=set)
    areas: set[str] = field(default_factory=set)  # place names without a region word
    towns: set[str] = field(default_factory=set)  # places named without a facility word
    facility_towns: set[str] = field(default_factory=set)  # "harlow" of "Harlow Centre"
    merges: list[Merge] = field(default_factory=list)
    types: Counter[str] = field(default_factory=Counter)
    past: bool = False  # a past occurrence the text recalls ("the 1999 earthquake")

    def take(self, report: EventReport) -> None:
        self.reports.append(report)
        self.past |= report.past
        self.types[report.mention.type] += 1
        self.type = _majority(self.types)
        if report.date:
            self.dates.add(report.date)
        for arg in report.arguments:
            if not arg.entity:
                continue
            if arg.mention.type == "Place":
                broad = _is_country(arg)
                (self.countries if broad else self.places).add(arg.entity)
                if not broad and not arg.inferred:
                    self.parsed_places.add(arg.entity)
                area = _area(arg)
                self.areas.add(area)
                if not broad:
                    town = _town_of(area)
                    (self.facility_towns if town else self.towns).add(town or area)
                    if town:
                        self.areas.add(town)
            elif arg.role == "instrument":
                # A generic weapon ("drones") is an entity of its own document: its class
                # is what two documents can share.
                self.instruments.add(arg.mention.weapon_class or arg.entity)
            else:
                self.participants.add(arg.entity)

    def absorb(self, other: _Group) -> None:
        self.reports.extend(other.reports)
        self.past |= other.past
        self.types.update(other.types)
        self.type = _majority(self.types)
        self.dates |= other.dates
        self.places |= other.places
        self.parsed_places |= other.parsed_places
        self.countries |= other.countries
        self.participants |= other.participants
        self.instruments |= other.instruments
        self.areas |= other.areas
        self.towns |= other.towns
        self.facility_towns |= other.facility_towns
        self.merges.extend(other.merges)


def resolve_events(
    reports: Iterable[EventReport],
    entity_of: Mapping[tuple[str, int], str],
    types: Mapping[str, EntityType] | None = None,
) -> tuple[Event, ...]:
    """Resolve every document's event reports into Events.

    `entity_of` maps each entity mention's (doc_id, begin) to its resolved Entity.key, as the
    build gives it to claim grouping; an argument whose mention has no entity is dropped.
    `types` gives each Entity.key its resolved type: an argument whose entity resolution
    typed otherwise than its role needs is dropped too (a "place" NER saw in one article
    that the corpus shows is a person: "killing in Khashoggi").
    """
    by_doc: dict[str, list[EventReport]] = defaultdict(list)
    for report in reports:
        by_doc[report.mention.doc_id].append(_with_entities(report, entity_of))
    groups: list[_Group] = []
    for doc_id in sorted(by_doc):
        ordered = sorted(by_doc[doc_id], key=lambda r: (r.mention.begin, r.mention.end))
        groups.extend(_within_document(ordered))
    events = _across_documents(groups, _story_links(entity_of, set(by_doc)))
    return tuple(_fitting_arguments(e, types) for e in events) if types else events


def _story_links(
    entity_of: Mapping[tuple[str, int], str], documents: set[str]
) -> list[tuple[str, str, int]]:
    """Pairs of documents that tell one story: they name at least `_STORY_SHARED` entities in
    common, each named by at most `_STORY_CAP` documents (a name every article gives, the
    country at war, says nothing of which story an article tells), with that count."""
    named: dict[str, set[str]] = defaultdict(set)
    for (doc_id, _), key in entity_of.items():
        if doc_id in documents:
            named[key].add(doc_id)
    shared: Counter[tuple[str, str]] = Counter()
    for docs in named.values():
        if 2 <= len(docs) <= _STORY_CAP:
            ordered = sorted(docs)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    shared[(a, b)] += 1
    return sorted((a, b, n) for (a, b), n in shared.items() if n >= _STORY_SHARED)


def _with_entities(report: EventReport, entity_of: Mapping[tuple[str, int], str]) -> EventReport:
    arguments = tuple(
        replace(a, entity=key)
        for a in report.arguments
        if (key := entity_of.get((a.mention.doc_id, a.mention.begin)))
    )
    return replace(report, arguments=arguments)


# The entity types each role admits (kg.events.arguments reads them from the document).
_ROLE_TYPES: dict[str, frozenset[EntityType]] = {
    "agent": frozenset({"Person", "Organisation"}),
    "place": frozenset({"Place"}),
    "instrument": frozenset({"Weapon"}),
}


def _fitting_arguments(event: Event, types: Mapping[str, EntityType]) -> Event:
    """The event with its arguments' mentions of their entity's resolved type, without the
    arguments that type does not fit (what matched events stays evidence of the match), and
    the label's place read again from those kept."""
    reports = tuple(
        replace(
            r,
            arguments=tuple(
                replace(a, mention=replace(a.mention, type=t))
                for a in r.arguments
                if (t := types.get(a.entity, a.mention.type)) in _ROLE_TYPES.get(a.role, (t,))
            ),
        )
        for r in event.reports
    )
    if reports == event.reports:
        return event
    return replace(event, reports=reports, label=_label(event.type, reports, event.date))


def _within_document(reports: list[EventReport]) -> list[_Group]:
    groups: list[_Group] = []
    for report in reports:
        alone = _Group([], report.mention.type)
        alone.take(report)
        for group in [] if report.generic else reversed(groups):
            if (
                not group.reports[0].generic
                and compatible_types(group.type, alone.type)
                and (report.definite or report.mention.lemma in _lemmas(group))
                and not _contradicts(group, alone)
            ):
                group.merges.append(
                    Merge(
                        "within-document", group.reports[-1].mention.text, report.mention.text, 0.8
                    )
                )
                group.take(report)
                break
        else:
            groups.append(alone)
    return groups


def _across_documents(
    groups: list[_Group], stories: list[tuple[str, str, int]]
) -> tuple[Event, ...]:
    found = UnionFind(len(groups))
    merged: dict[int, _Group] = dict(enumerate(groups))

    def join(a: int, b: int, rule: str, score: int) -> None:
        joined = found.union(a, b)
        if joined is None:
            return
        root, gone = joined
        left, right = merged[root], merged.pop(gone)
        confidence = min(0.5 + 0.1 * score, 0.95)
        merge = Merge(rule, left.reports[0].mention.text, right.reports[0].mention.text, confidence)
        left.absorb(right)
        left.merges.append(merge)

    def candidates(a: int, b: int) -> tuple[int, int, _Group, _Group] | None:
        ra, rb = found.find(a), found.find(b)
        if ra == rb:
            return None
        left, right = merged[ra], merged[rb]
        if not compatible_types(left.type, right.type) or _contradicts(left, right):
            return None
        return ra, rb, left, right

    # 1. Mentions whose arguments agree: blocked by each piece of evidence.
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for n, group in enumerate(groups):
        top = top_type(group.type)
        keys = sorted(
            {("place", p) for p in group.places}
            | {("who", p) for p in group.participants}
            | {("date", d[:10]) for d in group.dates}
            | {("country", c) for c in group.countries}
            | {("area", a) for a in group.areas}
        )
        for kind, value in keys:
            block = blocks[(top, kind, value)]
            for other in reversed(block):
                pair = candidates(other, n)
                if pair is None:
                    continue
                score, rule = _evidence(pair[2], pair[3])
                if score >= _NEEDED:
                    join(pair[0], pair[1], rule, score)
            block.append(n)
            if len(block) > _PER_KEY:
                del block[0]
    # 2. Mentions of one story (documents naming the same people and places): the same
    # trigger word, or some evidence, is enough where nothing contradicts.
    in_document: dict[str, list[int]] = defaultdict(list)
    for n, group in enumerate(groups):
        in_document[group.reports[0].mention.doc_id].append(n)
    for a_doc, b_doc, shared in stories:
        for a in in_document[a_doc]:
            for b in in_document[b_doc]:
                pair = candidates(a, b)
                if pair is None:
                    continue
                score, rule = _evidence(pair[2], pair[3])
                if score >= 1 or _lemmas(pair[2]) & _lemmas(pair[3]):
                    join(pair[0], pair[1], "+".join(filter(None, ("same-story", rule))), shared)
    events = [_event(merged[root]) for root in sorted(merged)]
    return tuple(sorted(events, key=lambda e: e.key))


def _lemmas(group: _Group) -> set[str]:
    return {r.mention.lemma or r.mention.text.lower() for r in group.reports}


def _contradicts(a: _Group, b: _Group) -> bool:
    """Two different days, a past occurrence and an undated one (the story's own: "the
    quake" is not "the 1999 earthquake" it is compared with), or two different specific
    places the parse ties to the triggers (a place the sentence merely names is evidence
    when shared, no veto when not; a facility named after a town is no other place than the
    town: kg/data/facility_words.txt)."""
    if a.dates and b.dates:
        if not any(dates_agree(x, y) for x in a.dates for y in b.dates):
            return True
    elif a.past != b.past:
        return True
    if a.parsed_places and b.parsed_places and not a.places & b.places:
        # a facility named after its town is in it: "at the Harlow Centre", "in Harlow"
        return not (a.facility_towns & b.towns or b.facility_towns & a.towns)
    return False


def _evidence(a: _Group, b: _Group) -> tuple[int, str]:
    parts: list[str] = []
    score = 0
    if a.places & b.places:
        score, parts = score + 2, [*parts, "same-place"]
    elif a.facility_towns & b.towns or b.facility_towns & a.towns:
        score, parts = score + 2, [*parts, "in-same-town"]  # "the Harlow Centre", "Harlow"
    if a.participants & b.participants:
        score, parts = score + 2, [*parts, "same-participant"]
    if any(x == y for x in a.dates for y in b.dates):
        score, parts = score + 1, [*parts, "same-date"]
    if a.countries & b.countries:
        score, parts = score + 1, [*parts, "same-country"]
    elif a.areas & b.areas and not a.places & b.places and "in-same-town" not in parts:
        score, parts = score + 1, [*parts, "same-area"]
    if a.instruments & b.instruments:
        score, parts = score + 1, [*parts, "same-weapon"]
    return score, "+".join(parts)


def _event(group: _Group) -> Event:
    reports = tuple(
        sorted(group.reports, key=lambda r: (r.mention.doc_id, r.mention.begin, r.mention.end))
    )
    first = reports[0].mention
    dates = Counter(r.date for r in reports if r.date)
    # The most precise of the most frequent dates ("2023-01-01" over "2023-01").
    date = min(dates, key=lambda d: (-dates[d], -len(d), d)) if dates else ""
    label = _label(group.type, reports, date)
    key = f"{top_type(group.type)}|{first.doc_id}|{first.begin}|{first.end}"
    # One merge per rule and pair of words (the surest), as its node is minted from them.
    best: dict[tuple[str, str, str], Merge] = {}
    for m in group.merges:
        one, other = sorted((m.left, m.right))
        k = (m.rule, one, other)
        if k not in best or m.confidence > best[k].confidence:
            best[k] = m
    merges = tuple(sorted(best.values(), key=lambda m: (m.rule, m.left, m.right)))
    return Event(key, group.type, label, reports, date, merges)


def _label(event_type: str, reports: tuple[EventReport, ...], date: str) -> str:
    """ "killing in Harlow, 2023-05": the type's label, the place most reports name, the date."""
    places = Counter(
        a.mention.text for r in reports for a in r.arguments if a.mention.type == "Place"
    )
    label = _labels().get(event_type, event_type)
    if places:
        label += " in " + min(places, key=lambda p: (-places[p], p))
    if date:
        label += f", {date}"
    return label


def _majority(types: Counter[str]) -> str:
    """The type most of a group's mentions have (of two as frequent, the narrower: a
    "detonation" among ten "strikes" leaves an attack an attack)."""
    return min(types, key=lambda t: (-types[t], top_type(t) == t, t))


def _is_country(argument: EventArgument) -> bool:
    """Tell whether a place is broad (a country, or a region: "the Kharkiv region")."""
    words = argument.mention.text.lower().split()
    return " ".join(words) in _countries() or (len(words) > 1 and words[-1] in _regions())


def _town_of(area: str) -> str:
    """The town a facility's name starts with ("harlow" of "harlow centre"), or ""."""
    words = area.split()
    if len(words) > 1 and words[-1] in _facility_words():
        return " ".join(words[:-1])
    return ""


@lru_cache(maxsize=1)
def _facility_words() -> frozenset[str]:
    return frozenset(lexicon.read_lines("facility_words.txt"))


def _area(argument: EventArgument) -> str:
    """A place's name without a region word ("the Kharkiv region" -> "kharkiv")."""
    words = argument.mention.text.lower().split()
    if len(words) > 1 and words[-1] in _regions():
        words = words[:-1]
    return " ".join(w for w in words if w != "the")


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    return lexicon.region_words()


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Lowercase names of countries (the gazetteer's): broad places, evidence but no veto."""
    countries = [p for p in lexicon.places() if p.kind == "country"]
    return frozenset(n.lower() for p in countries for n in (p.name, *p.variants))


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    return {t.term: t.label for t in load_event_types()}


def event_triggers(events: Iterable[Event]) -> dict[tuple[str, int], str]:
    """The event each trigger mention was resolved into: (doc_id, begin) -> Event.key, for
    claims anchored to a trigger (kg.events.anchoring) to name their event; and under
    (doc_id, MAIN) the one occurrence with costs a document reports, when it reports one
    (counted by its non-generic triggers: one event, or one with twice the next one's)."""
    found: dict[tuple[str, int], str] = {}
    counts: dict[str, Counter[str]] = {}
    causes = cause_types()
    for event in events:
        for r in event.reports:
            found[r.mention.doc_id, r.mention.begin] = event.key
            if not (r.generic or r.past) and top_type(event.type) in causes:
                counts.setdefault(r.mention.doc_id, Counter())[event.key] += 1
    for doc_id, count in counts.items():
        (first, n), *rest = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))
        if not rest or n >= 2 * rest[0][1]:
            found[doc_id, MAIN] = first
    return found

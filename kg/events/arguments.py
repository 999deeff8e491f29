"""The arguments of each event mention of a document, read from the dependency parse.

For a verb trigger: the subject is the agent ("Russian forces shelled"), a weapon subject the
instrument ("rockets hit"); the object or the passive subject is the target ("shelled the
town", "the coach was fired"); a "by" phrase of a passive is the agent, or the instrument
when it names a weapon ("struck by missiles"); "with" and "using" phrases name the
instrument; "in", "at", "near", "on" and like phrases name the place ("the town of X" is X).
A noun trigger takes its modifiers and possessives ("a Russian missile strike on Kyiv",
"Kyiv's bombardment") and its "of", "on", "against" phrases as target, the phrases of
the verb it is the subject or object of ("an earthquake struck near X"), and a place that
is the object of a relative clause whose subject it is ("the floods that struck northern
X"). When the trigger's own phrases name no place, the nearest place its sentence names is
taken. Only entity mentions are arguments: a Person or Organisation acts; anything may be
the target; a Place is where; a Weapon is with what.

A bare plural trigger is generic (the kind in general: "floods are common here") unless it
is dated, or tells of one occurrence with costs: the subject of a verb in the past or the
perfect ("flash floods swept through villages"), or what a toll is from ("the death toll
from floods"); never with a number or "all" ("all three fires").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from kg.core.event_types import top_type
from kg.core.model import EventArgument, EventMention, EventReport, Mention, Parsed, Token
from kg.events.anchoring import cause_types
from kg.events.dates import event_date, past_year, published_date

__all__ = ["find_event_reports"]

_PLACE_PREPS = frozenset(
    {"in", "at", "near", "on", "across", "outside", "inside", "into", "around", "over", "off"}
)
_TARGET_PREPS = frozenset({"on", "against", "of", "at"})  # of a noun trigger: "attack on X"
_INSTRUMENT_PREPS = frozenset({"with", "using", "by"})
_NOUN_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
_AGENTS = frozenset({"Person", "Organisation"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_WHERE_DEPS = frozenset({"pobj", "compound", "appos", "npadvmod", "nmod"})


def find_event_reports(parsed: Parsed, mentions: Iterable[Mention]) -> tuple[EventReport, ...]:
    """Each event mention of `parsed` with its arguments among `mentions` and its date."""
    if not parsed.events:
        return ()
    tokens = parsed.tokens
    at: dict[int, Mention] = {}
    for mention in mentions:
        for i in range(mention.start, mention.end_token):
            at.setdefault(i, mention)
    # Children only in the sentences that hold a trigger (not the whole document).
    children: dict[int, list[int]] = {}
    for n in sorted({e.sentence for e in parsed.events}):
        sentence = parsed.sentences[n]
        for t in tokens[sentence.start : sentence.end_token]:
            if t.head != t.i:
                children.setdefault(t.head, []).append(t.i)
    published = published_date(parsed)
    reports: list[EventReport] = []
    for event in parsed.events:
        arguments = _arguments(parsed, event, at, children)
        date, date_span = event_date(parsed, event.token, published)
        trigger = tokens[event.token]
        definite = trigger.pos == "NOUN" and (
            any(
                tokens[c].dep == "det" and tokens[c].lemma.lower() in _DEFINITE
                for c in children.get(event.token, ())
            )
            or _opens_with_definite(tokens, event.token)
        )
        generic = (
            trigger.tag == "NNS"
            and not definite
            and not (
                top_type(event.type) in cause_types()
                and (bool(date) or _told_as_one(tokens, event.token, children))
            )
        )
        year, year_span = past_year(parsed, event.token, published)
        if year and not date:
            date, date_span = year, year_span
        # Without the article's date, a year or month recalls a past occurrence only after the
        # story's own was told (a full day may date the story's own: "the March 4, 2019 trial").
        past = bool(year) and (
            published is not None or (len(date) <= 7 and _told_before(reports, event.type))
        )
        reports.append(EventReport(event, arguments, date, date_span, definite, generic, past))
    return tuple(reports)


_SEVERAL = frozenset({"all", "both", "several", "many", "some", "two", "three", "multiple"})
# Nouns whose "from" phrase names the occurrence that cost them ("the death toll from floods").
_COSTS = frozenset({"toll", "damage"})


def _told_as_one(tokens: Sequence[Token], trigger: int, children: dict[int, list[int]]) -> bool:
    """Whether a bare plural trigger tells of one occurrence, not of the kind in general
    ("floods are common here"): the subject of a verb in the past or the perfect ("flash
    floods swept through villages", "floods have killed 31"), or what a toll is from ("the
    death toll from flash floods rose to 38")."""
    t = tokens[trigger]
    head = tokens[t.head]
    if t.dep == "pobj" and head.dep == "prep" and head.text.lower() == "from":
        return tokens[head.head].lemma.lower() in _COSTS
    if t.dep not in {"nsubj", "nsubjpass"} or (
        t.text.istitle() and t.i and tokens[t.i - 1].sent == t.sent
    ):
        return False  # "Storms added": a capitalised word inside a sentence is a name
    if any(
        tokens[c].dep in {"nummod", "predet"} or tokens[c].lemma.lower() in _SEVERAL
        for c in children.get(trigger, ())
    ):
        return False  # "all three fires occurred ...": several occurrences
    if head.tag == "VBD":
        return True
    return head.tag == "VBN" and any(
        tokens[c].dep in {"aux", "auxpass"} and tokens[c].lemma.lower() == "have"
        for c in children.get(head.i, ())
    )


def _told_before(reports: Sequence[EventReport], event_type: str) -> bool:
    """Tell whether the document reported an occurrence of the type before without dating it
    by a year: the story's own, which a later one dated by its year is not ("the quake" ...
    "the 2019 earthquake"). Where the article's date is unknown, that is what tells a year
    recalled from the story's own."""
    top = top_type(event_type)
    return any(
        not r.generic and not r.past and top_type(r.mention.type) == top and not _has_year(r.date)
        for r in reports
    )


def _has_year(date: str) -> bool:
    return len(date) >= 4 and date[:4].isdigit()


# Words a noun phrase may hold between its determiner and its head noun ("the magnitude 6.7
# quake", "this week's deadly blast" is not one: a possessive ends the search).
_MODIFIER_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "ADV"})


def _opens_with_definite(tokens: Sequence[Token], trigger: int) -> bool:
    """Tell whether the words before the trigger, up to its determiner, open with a definite
    one: the parse may hang "the" of "the magnitude 6.7 quake" on another word."""
    for k in range(trigger - 1, max(-1, trigger - 6), -1):
        t = tokens[k]
        if t.pos == "DET":
            return t.lemma.lower() in _DEFINITE
        if t.pos not in _MODIFIER_POS and t.text not in {"-", "‑"}:
            return False
    return False


def _arguments(
    parsed: Parsed, event: EventMention, at: dict[int, Mention], children: dict[int, list[int]]
) -> tuple[EventArgument, ...]:
    tokens = parsed.tokens
    trigger = tokens[event.token]
    found: list[tuple[str, Mention]] = []

    def add(role: str, i: int) -> None:
        mention = _mention_of(i, tokens, at, children)
        if mention is None or event.token in range(mention.start, mention.end_token):
            return
        if mention.type == "Weapon":
            role = "instrument"
        elif role == "instrument":
            return
        elif (role == "place") != (mention.type == "Place") and role != "target":
            return  # only a place is where; a place does not act
        elif role == "agent" and mention.type not in _AGENTS:
            return
        found.append((role, mention))

    kids = children.get(trigger.i, [])
    if trigger.pos == "VERB":
        for c in kids:
            dep = tokens[c].dep
            if dep in {"nsubj", "csubj"}:
                add("agent", c)
            elif dep in {"dobj", "obj", "nsubjpass"}:
                add("target", c)
            elif dep == "agent":
                for g in children.get(c, []):
                    add("agent", g)
        _prepositions(tokens, kids, children, add, verb=True)
    else:
        for c in kids:
            if tokens[c].dep in _NOUN_MODIFIERS:
                add("agent" if tokens[c].dep == "poss" else "target", c)
        _prepositions(tokens, kids, children, add, verb=False)
        for c in kids:  # "the floods that struck northern X": where they struck
            if tokens[c].dep == "relcl" and any(
                tokens[k].dep == "nsubj" and tokens[k].tag == "WDT" for k in children.get(c, [])
            ):
                for g in children.get(c, []):
                    if tokens[g].dep == "dobj" and _names_a_place(g, at):
                        add("place", g)
        head = tokens[trigger.head]
        if trigger.dep in {"nsubj", "nsubjpass", "dobj", "obj", "attr"} and head.pos in {
            "VERB",
            "AUX",
        }:
            _prepositions(tokens, children.get(head.i, []), children, add, verb=True)
    seen: set[tuple[str, int]] = set()
    out = []
    for role, mention in found:
        if (role, mention.begin) not in seen:
            seen.add((role, mention.begin))
            out.append(EventArgument(role, mention))
    if not any(m.type == "Place" for _, m in found):
        place = _nearest_place(parsed, event, at)
        if place is not None:
            out.append(EventArgument("place", place, inferred=True))
    return tuple(out)


def _names_a_place(i: int, at: dict[int, Mention]) -> bool:
    mention = at.get(i)
    return mention is not None and mention.type == "Place"


def _prepositions(
    tokens: Sequence[Token],
    kids: Sequence[int],
    children: dict[int, list[int]],
    add: Callable[[str, int], None],
    *,
    verb: bool,
) -> None:
    for c in kids:
        prep = tokens[c]
        if prep.dep != "prep" and not (prep.dep == "advcl" and prep.lemma == "use"):
            continue
        word = prep.text.lower()
        objects = [g for g in children.get(c, []) if tokens[g].dep in {"pobj", "dobj"}]
        for g in objects:
            if word in _INSTRUMENT_PREPS or prep.lemma == "use":
                add("instrument", g)
            if word in _PLACE_PREPS:
                add("place", g)
            if not verb and word in _TARGET_PREPS:
                add("target", g)


def _mention_of(
    i: int, tokens: Sequence[Token], at: dict[int, Mention], children: dict[int, list[int]]
) -> Mention | None:
    """The entity mention a phrase headed by token `i` names: the mention at its head, or
    in an "of" phrase on it ("the town of X"), or a name modifying it ("Kyiv's hospital")."""
    if i in at:
        return at[i]
    for c in children.get(i, []):
        t = tokens[c]
        if t.dep == "prep" and t.text.lower() == "of":
            for g in children.get(c, []):
                if g in at:
                    return at[g]
        if t.dep in {"compound", "poss", "appos"} and c in at:
            return at[c]
    return None


def _nearest_place(parsed: Parsed, event: EventMention, at: dict[int, Mention]) -> Mention | None:
    """The place nearest the trigger that its sentence names as a where (in a phrase or as a
    modifier), never a place that speaks or acts ("Kyiv rejected")."""
    sentence = parsed.sentences[event.sentence]
    tokens = parsed.tokens
    places = {
        m.begin: m
        for i in range(sentence.start, sentence.end_token)
        if (m := at.get(i)) is not None
        and m.type == "Place"
        and tokens[i].dep in _WHERE_DEPS
        and not (m.start <= tokens[i].head < m.end_token)
    }
    if not places:
        return None
    return min(places.values(), key=lambda m: (abs(m.start - event.token), m.start))

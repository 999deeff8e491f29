"""What a reporting verb's object says (kg.claims.cues): what the source calls a thing
("called the ruling “a disgrace”", "called the decree “illegal”": `naming_content`), what it
urges someone to do ("called on the parties to ..."), whether the object is only a
person acted on ("questioned Ana Ruiz": `only_a_name`, `names_a_person`), and whether it
makes the cue an act, no report ("claimed responsibility", "confirmed a judge": `is_act`),
a body a denying cue acts on (`a_body`), a figure "put" at a value (`puts_a_figure`), a
"that" clause hung on the object that is what was said (`object_clause`), and who is cited
("citing officials": `cited_source`).
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.claims.context import ParsedText, lexicon, trim
from kg.core.lexicon import org_heads
from kg.core.model import Token

__all__ = [
    "a_body",
    "cited_source",
    "is_act",
    "names_a_person",
    "naming_content",
    "object_clause",
    "only_a_name",
    "puts_a_figure",
]

# Nouns of a figure one puts at a value ("put the toll at 45").
_FIGURE_NOUNS = frozenset(
    {"toll", "number", "figure", "count", "tally", "total", "crowd", "cost", "damage", "loss"}
)


def only_a_name(doc: ParsedText, obj: int) -> bool:
    """Whether an object is a person's name or pronoun and nothing more (no clause or
    phrase of its own: "questioned Ana Ruiz, who ...")."""
    token = doc.tokens[obj]
    if not names_a_person(doc, token):
        return False
    return all(
        doc.tokens[i].dep in {"compound", "flat", "det", "punct"} or i == obj
        for i in doc.subtree(obj)
    )


def naming_content(doc: ParsedText, verb: Token) -> tuple[int, int, bool] | None:
    """ "called the news conference “one of the most disgraceful ...”", "calling the
    situation ugly": what is named and what it is called (an object predicate, which
    "called the police" and "called a meeting" do not have); "called on X to ...": what X is
    urged to do."""
    parts = [c for c in doc.children[verb.i] if c > verb.i and doc.tokens[c].dep in _NAMED]
    if not any(doc.tokens[c].dep == "oprd" or _predicate_after(doc, c) for c in parts):
        return _called_on(doc, verb)
    tree = sorted(i for c in parts for i in doc.subtree(c))
    span = trim(doc.text, *doc.span_of(tree))
    return (span[0], span[1], False) if span is not None else None


def _predicate_after(doc: ParsedText, obj: int) -> bool:
    """ "called the decree “illegal”", parsed with the adjective on the noun after it: an
    adjective after its noun is what the noun is called."""
    return doc.tokens[obj].dep == "dobj" and any(
        doc.tokens[c].dep == "amod" and c > obj for c in doc.children[obj]
    )


def _called_on(doc: ParsedText, verb: Token) -> tuple[int, int, bool] | None:
    """ "called on the parties to work together": what the addressee is urged to do."""
    if not any(doc.tokens[p].text.lower() == "on" for p in doc.child(verb.i, "prep")):
        return None
    for c in doc.child(verb.i, "xcomp"):
        span = trim(doc.text, *doc.span_of(doc.subtree(c)))
        if span is not None and c > verb.i:
            return span[0], span[1], False
    return None


_NAMED = frozenset({"dobj", "oprd"})
_PERSONAL_OBJECTS = frozenset({"him", "her", "them", "me", "us"})


def names_a_person(doc: ParsedText, token: Token) -> bool:
    """Whether an object is a person: a personal pronoun or the end of a person's name."""
    if token.text.lower() in _PERSONAL_OBJECTS or token.ent_type == "PERSON":
        return True
    return any(m.type == "Person" for m in doc.mentions_ending_within(token.end, token.end))


def is_act(
    doc: ParsedText, verb: Token, objects: Sequence[int], non_reports: frozenset[str]
) -> bool:
    """Whether a cue's objects make it an act, no report: "claimed responsibility" (kg/data/
    non_report_objects.txt), and for "confirm" an office filled ("the Senate confirmed an
    education secretary"; a person confirmed is `only_a_name`'s)."""
    offices = _OFFICES if verb.lemma.lower() == "confirm" else frozenset()
    return any(
        {doc.tokens[o].lemma.lower(), doc.tokens[o].text.lower()} & (non_reports | offices)
        for o in objects
    )


_OFFICES = frozenset({"secretary", "nominee", "nomination", "judge", "ambassador"})


def a_body(doc: ParsedText, obj: int) -> bool:
    """Whether an object is a body a denying cue acts on ("dismissed his entire cabinet"),
    no statement: its head heads bodies' names (kg/data/org_heads.txt)."""
    return doc.tokens[obj].lemma.lower() in org_heads()


def puts_a_figure(doc: ParsedText, verb: Token) -> bool:
    """ "put the death toll at 45", "put the number of dead at more than 3,000": "put" is an
    estimate only of a figure's noun ("it" for one just named), at a value."""
    objects = doc.child(verb.i, "dobj")
    # the "at" may hang on a participle: "put the number of drones downed at 77"
    holders = [verb.i, *objects]
    holders += [c for h in list(holders) for c in doc.child(h, "acl", "advcl")]
    at = [p for h in holders for p in doc.child(h, "prep") if doc.tokens[p].text.lower() == "at"]
    return bool(at) and any(
        doc.tokens[o].lemma.lower() in _FIGURE_NOUNS
        or (doc.tokens[o].text.lower() == "it" and _names_a_figure_before(doc, o))
        for o in objects
    )


def _names_a_figure_before(doc: ParsedText, it: int) -> bool:
    """Whether "it" of "put it at 50" can be a figure named just before: a figure's noun in
    its sentence or the one before."""
    sentence = doc.tokens[it].sent
    first = doc.parsed.sentences[max(0, sentence - 1)].start
    return any(t.lemma.lower() in _FIGURE_NOUNS for t in doc.tokens[first:it])


def object_clause(doc: ParsedText, verb: Token) -> list[int]:
    """A "that" clause the parser hung on the cue's object as a relative clause (or as its
    complement: "said in an email that the campaign had raised $6.8 million"): "told the
    judge that he arranged payments", "said in a message that France was ready", where
    "that" cannot be the clause's object (it has one, or an adjective complement) and so
    introduces what was told; so does a clause without "that" that opens with its own
    subject and has its object ("told the jury she had raised concerns")."""
    found = []
    objects = doc.child(verb.i, "dobj", "dative") + [
        o for p in doc.child(verb.i, "prep") for o in doc.child(p, "pobj")
    ]  # "said in a video message that ..."
    for obj in objects:
        for c in doc.child(obj, "relcl", "acl"):
            first = min(doc.subtree(c))
            that = doc.tokens[first]
            subjects = doc.child(c, "nsubj", "nsubjpass")
            relative = that.tag in {"WP", "WDT", "WP$", "WRB"} or that.text.lower() == "that"
            # no room for "that" as the clause's object: it has one, an adjective, or is a
            # copula or passive ("in a memo that he would be on leave")
            full = any(k != first for k in doc.child(c, "dobj", "acomp")) or (
                that.text.lower() == "that"
                and (doc.tokens[c].lemma.lower() == "be" or doc.child(c, "nsubjpass"))
            )
            if full and (
                (that.text.lower() == "that" and that.head == c and subjects not in ([], [first]))
                or (subjects == [first] and not relative)  # its own subject opens it
            ):
                found.append(c)
    return found


def cited_source(doc: ParsedText, verb: Token) -> tuple[int, int] | None:
    """The words of whom a participle "citing" hung on another verb cites, where they can
    speak: a person, a body, a described source or a document ("citing two officials",
    "citing a police report"; not "citing the ban as his reason": a reason)."""
    objects = doc.child(verb.i, "dobj")
    if verb.dep != "advcl" or not objects:
        return None
    t = doc.tokens[objects[0]]
    if not (
        names_a_person(doc, t)
        or any(
            m.type in {"Person", "Organisation"} for m in doc.mentions_ending_within(t.end, t.end)
        )
        or (t.pos == "NOUN" and _can_speak(t.lemma.lower()))
    ):
        return None
    tree = doc.subtree(t.i)
    return min(tree), max(tree) + 1


def _can_speak(lemma: str) -> bool:
    """Whether a noun names a person, a group or a document that can be a source."""
    lex = lexicon()
    return lemma in lex.people or lemma in lex.source_kinds or lemma in _SOURCES


_SOURCES = frozenset({"source", "official", "people"})

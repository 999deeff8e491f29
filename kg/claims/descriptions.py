"""Sources the text describes but does not name (`describe_source`, `unstated_source`).

"a senior official", "analysts", "the report", "two people briefed on the talks": an
`UnnamedSource` of the document, typed by its head noun (kg/data/source_nouns.tsv names the
documents and publications and the bodies; any other plural is a group, any other singular a
person), affiliated with what the caller found named in its words ("a Pentagon official":
the Pentagon), anonymous where its words or the cue's clause say so (kg/data/anonymity.txt:
"speaking on condition of anonymity", "who asked not to be named"). A claim whose text
states no source at all ("is expected to", "it is feared that") has an unstated source.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.claims.circumstances import match_phrases
from kg.claims.context import ParsedText, lexicon, trim
from kg.core.model import Mention, SourceKind, Span, UnnamedSource

__all__ = [
    "UNSTATED",
    "describe_source",
    "head_words",
    "is_anonymous",
    "is_indefinite",
    "is_person_noun",
    "kind_of",
    "only_anonymity",
    "titled_by",
    "unstated_source",
]

UNSTATED = "no source stated"  # the label of a source the text does not state
_INDEFINITE = {"a", "an", "one", "some", "several", "many", "few", "two", "three", "various"}
# Nouns that name the voice of a body: "a ministry spokesman said" is the ministry speaking.
_VOICES = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokespersons"}
# Pronouns and determiners that describe a source without standing for an antecedent.
_PRONOUNS: dict[str, SourceKind] = {
    "everyone": "group",
    "everybody": "group",
    "some": "group",
    "many": "group",
    "others": "group",
    "several": "group",
    "most": "group",
    "someone": "individual",
    "somebody": "individual",
}


def kind_of(doc: ParsedText, head: int) -> SourceKind:
    """What a source with this head word is: a document, a group or a person."""
    t = doc.tokens[head]
    if t.text.lower() in _PRONOUNS:
        return _PRONOUNS[t.text.lower()]
    kinds = lexicon().source_kinds
    kind = kinds.get(t.lemma.lower()) or kinds.get(t.text.lower())
    if kind is not None and kind != "individual":
        return kind
    if kind is None and t.tag in {"NNS", "NNPS"}:
        return "group"
    return "individual"


def is_person_noun(doc: ParsedText, head: int) -> bool:
    """Whether a head noun names a person who is not the voice of a body ("official",
    "analyst", "engineer"; not "spokesman", "ministry", "report")."""
    t = doc.tokens[head]
    if t.pos != "NOUN" or t.lemma.lower() in _VOICES or t.text.lower() in _VOICES:
        return False
    kinds = lexicon().source_kinds
    return kinds.get(t.lemma.lower(), "individual") == "individual"


def is_indefinite(doc: ParsedText, source: tuple[int, int], head: int) -> bool:
    """Whether the source words are indefinite ("a senior official", "two engineers")."""
    first = doc.tokens[source[0]].text.lower()
    if first in _INDEFINITE or doc.tokens[source[0]].pos == "NUM":
        return True
    return any(
        doc.tokens[c].dep == "nummod" or doc.tokens[c].text.lower() in _INDEFINITE
        for c in doc.children[head]
    )


def is_anonymous(doc: ParsedText, indices: Sequence[int]) -> bool:
    """Whether the tokens say that a source is anonymous."""
    words = [doc.tokens[i].text.lower() for i in indices]
    return bool(match_phrases(words, lexicon().anonymity))


def describe_source(
    doc: ParsedText,
    source: tuple[int, int],
    head: int,
    region: Sequence[int],
    affiliation: Mention | None = None,
) -> UnnamedSource | None:
    """The unnamed source the words describe, or None when they describe no one (a pronoun
    that stands for something else, a relative word, a clause)."""
    tokens = doc.tokens
    t = tokens[head]
    if t.pos in {"PRON", "DET", "ADJ"} and t.text.lower() not in _PRONOUNS:
        return None
    if t.pos not in {"NOUN", "PROPN", "PRON", "DET", "ADJ"}:
        return None
    # The description: the source's words up to a relative clause or an aside set off by a
    # comma ("a senior official, speaking on condition of anonymity").
    end = source[1]
    for i in range(head + 1, source[1]):
        if tokens[i].text in {",", "(", "—", "–"}:
            end = i
            break
        if tokens[i].dep == "relcl" and tokens[i].head == head:
            end = min(doc.subtree(i))  # its relative word too ("lawmakers who tallied")
            break
    begin = source[0]
    for i in range(source[0], head):
        if tokens[i].text in {",", ";", "(", "—", "–"}:
            begin = i + 1  # "In the latest sign of it, a small group": the group
    span = trim(doc.text, tokens[begin].begin, tokens[end - 1].end)
    if span is None:
        return None
    label = doc.text[span[0] : span[1]]
    doc_id = doc.parsed.document.id
    anonymous = is_anonymous(doc, list(range(source[0], source[1])) + list(region))
    return UnnamedSource(
        span=Span(doc_id, span[0], span[1], doc.text[span[0] : span[1]]),
        kind=kind_of(doc, head),
        label=" ".join(label.split()),
        anonymous=anonymous,
        affiliation=affiliation,
    )


def unstated_source(doc: ParsedText, cue: tuple[int, int]) -> UnnamedSource:
    """The source of a claim whose text states none: it is read off the cue ("is expected")."""
    begin, end = doc.tokens[cue[0]].begin, doc.tokens[cue[1] - 1].end
    span = Span(doc.parsed.document.id, begin, end, doc.text[begin:end])
    return UnnamedSource(span=span, kind="unstated", label=UNSTATED)


def head_words(label: str) -> list[str]:
    """The words of a description that may be its head: its last, and the last before a
    post-modifier ("People familiar with the talks": "people")."""
    words = label.lower().split()
    for k, w in enumerate(words):
        if w in _POST_MODIFIERS and k:
            return [words[k - 1], words[-1]]
    return words[-1:]


# Words opening what follows a description's head ("people familiar with", "sources close to").
_POST_MODIFIERS = frozenset({"familiar", "close", "with", "at", "in", "from", "of", "who"})


def titled_by(doc: ParsedText, m: Mention, head: int) -> bool:
    """Whether token head is a word of the title m's name bears ("Special Agent in Charge X
    of the FBI said", parsed with "Agent" the subject and X under "in")."""
    return head < m.start and doc.tokens[head].begin >= m.begin - len(m.title) - 1 > 0


_REASONS = frozenset({"because", "for", "as", "since"})  # words opening a reason


def only_anonymity(doc: ParsedText, begin: int, end: int) -> bool:
    """Whether a content only says that its source stays anonymous ("not to be named"),
    with the reason why ("not to be named for fear of reprisals")."""
    words = [t.text.lower() for t in doc.tokens_within(begin, end)]
    for k, word in enumerate(words):
        if word in _REASONS and k:
            words = words[:k]  # "because ...", "for fear of ...": why, not what
            break
    return len(words) <= 6 and (
        bool(match_phrases(words, lexicon().anonymity))
        or words[-1:] in (["anonymous"], ["identified"], ["named"])
    )

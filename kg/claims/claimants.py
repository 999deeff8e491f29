"""Who a source stands for: an entity mention with its role, or an unnamed source
(`resolve_source`).

The source resolves to a mention of the document: a mention inside the source words (the
one holding its head word first), a place standing for its government ("Russia said",
"Ukraine's military said"; a capital stands for its country, "Moscow said"), a nationality
word with a body that speaks for the state ("Ukrainian officials said"), a pronoun (the last
speaker of that kind, else the nearest such mention before it), or a description ("the
ministry": the nearest earlier organisation whose name holds the head word, or the
mention's `antecedent`). A person the text describes without naming ("a Pentagon official",
"two engineers at the plant", "a senior official, speaking on condition of anonymity"), a
group ("analysts") or a document ("the report") is an unnamed source of the document
(`kg.claims.descriptions`), affiliated with what its words name; a pronoun may stand for one
("A senior official said ... He added"). When nothing fits, there is no claimant rather
than a wrong one.

A person's role is what the text says of them around the name: a title, the words of the
name's own phrase before it ("Kremlin spokesman"), an appositive noun phrase ("X, commander
of the army"; kg.claims.roles). An organisation named in the role, or alone before the name
("Apple's Tim Cook"), is the person's affiliation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.claims.context import ParsedText, lexicon, trim
from kg.claims.countries import national_country, state_of
from kg.claims.descriptions import (
    describe_source,
    head_words,
    is_anonymous,
    is_indefinite,
    is_person_noun,
    kind_of,
    titled_by,
)
from kg.claims.positions import located_in, object_of, possessor_of, qualifies
from kg.claims.pronouns import (
    PERSON_PRONOUNS,
    WINDOW,
    Speaker,
    antecedent_speaker,
    clause_subject,
    described_antecedent,
    object_controller,
)
from kg.claims.roles import role_of_person
from kg.core.lexicon import org_heads, qualifier_country
from kg.core.model import Claim, Mention, UnnamedSource

__all__ = ["Claimant", "resolve_source"]

_GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}
_FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "you", "your"}
_AGENTS = ("Person", "Organisation")
_GENERIC = {"official", "source", "people", "person"}  # says nothing of who speaks


@dataclass(frozen=True, slots=True)
class Claimant:
    """The mention a source stands for, the role the text gives it, its organisation; or
    the unnamed source it is."""

    mention: Mention | None
    role: str = ""
    affiliation: Mention | None = None
    unnamed: UnnamedSource | None = None


def _as_claimant(speaker: Speaker | None) -> Claimant | None:
    if speaker is None:
        return None
    if isinstance(speaker, UnnamedSource):
        return Claimant(None, unnamed=speaker)
    return Claimant(speaker)


def resolve_source(
    doc: ParsedText,
    source: tuple[int, int],
    earlier: Sequence[Claim],
    region: Sequence[int] = (),
) -> Claimant | None:
    """The claimant the source words stand for, or None when nothing fits. `region` is the
    cue's clause outside the content, where a source may be said to be anonymous."""
    tokens = doc.tokens
    # "Jaish-e-Mohammed said", parsed with "Mohammed" the subject: the name it ends
    for m in doc.mentions_ending_within(tokens[source[1] - 1].begin, tokens[source[1] - 1].end):
        if m.start < source[0] and m.end_token == source[1]:
            source = (m.start, source[1])
    words = tokens[source[0] : source[1]]
    agents_nouns = lexicon().agents
    # Names inside a relative clause or participle of the source are not the speaker:
    # "a correspondent who was decorated by the president".
    aside = {
        k
        for i in range(source[0], source[1])
        if tokens[i].dep in {"relcl", "acl"} and source[0] <= tokens[i].head < source[1]
        for k in doc.subtree(i)
    }
    inside = [
        m
        for m in doc.mentions_inside(tokens[source[0]].begin, tokens[source[1] - 1].end)
        if source[0] <= m.start and m.end_token <= source[1] and m.start not in aside
    ]
    head = doc.head(source)
    head_lemma = tokens[head].lemma.lower()
    # "a Pentagon official", "two engineers at the plant": a person described, not named,
    # whom the named body is only the affiliation of (a spokesman speaks for the body).
    anonymous = is_anonymous(doc, list(range(source[0], source[1])) + list(region))
    described = is_person_noun(doc, head) and (
        is_indefinite(doc, source, head)
        or anonymous
        # a bare plural that is no body's voice: "Analysts at X estimated" (not "officials")
        or (source[0] == head and tokens[head].tag == "NNS" and head_lemma not in agents_nouns)
    )
    agents = [m for m in inside if m.type in _AGENTS]
    apposed = any(m.type == "Person" and not possessor_of(doc, m, head) for m in agents)
    if agents and words[0].text.lower() == "the" and is_person_noun(doc, head) and not apposed:
        # "The INE president said", after "INE president Ana Ruiz": her, not the body (not
        # where the source names its person: "The Greens' local leader, Ana Ruiz, said")
        by_role = _description(doc, source, head, earlier)
        person = by_role.mention if by_role is not None else None
        if person is not None and person.type == "Person" and person not in agents:
            return by_role
    # "Ford's lawyers said", "Delgado's family said", "Trump's spokeswoman, Sarah Sanders,
    # said": the person whose lawyer, family or aide speaks is not the speaker when the
    # source names the speaker, or when the speaker is no voice of theirs ("X's spokesman",
    # "X's office" speak for X: kg/data/agent_nouns.txt).
    owners = [m for m in agents if m.type == "Person" and possessor_of(doc, m, head)]
    if owners and (
        any(m.type == "Person" and m not in owners for m in agents)
        or tokens[head].lemma.lower() not in agents_nouns
    ):
        agents = [m for m in agents if m not in owners]
    # "Lawyers for Ana Ruiz said", "Aides to Senator X", "a source close to X": the group
    # or person speaks, not the person they work for or stand near ("an email by X" is X's)
    # (a singular voice of theirs speaks for them: "a spokesman for X"; "an aide to X" not)
    many = tokens[head].tag == "NNS" or head_lemma not in agents_nouns
    # ... and of a conjunct's ("a classmate and a lifelong friend of Keller's")
    nouns = [head] + [
        c
        for c in doc.children[head]
        if tokens[c].dep == "conj" and tokens[c].lemma.lower() not in agents_nouns
    ]
    # (not the bearer of the title the head opens: "Director of National Intelligence X")
    agents = [
        m
        for m in agents
        if not (
            m.type == "Person"
            and not titled_by(doc, m, head)
            and any(object_of(doc, m, n, many) for n in nouns)
        )
    ]
    if described:
        # "a senior Biden administration official": a person named only to qualify a
        # noun before the head is no speaker
        agents = [m for m in agents if not (m.type == "Person" and qualifies(doc, m, head))]

    # the person set beside the head is who speaks ("A Castellano spokesman, Jordan Pike,
    # said": Pike, for Castellano; "a spokesman for Ana Ruiz, Tom Vey": a name set beside
    # another is the head's), then a name the head is part of, then people
    persons_at = {k for o in agents if o.type == "Person" for k in range(o.start, o.end_token)}

    def apposed_to_head(m: Mention) -> bool:
        last = tokens[m.end_token - 1]
        return (
            m.type == "Person"
            and last.dep == "appos"
            and (last.head == head or (last.head in persons_at and not m.start <= last.head))
        )

    for said in sorted(
        agents,
        key=lambda m: (
            not apposed_to_head(m),
            not (m.start <= head < m.end_token),
            m.type != "Person",
        ),
    ):
        m = _full_name(doc, said)
        if m.start <= head < m.end_token:
            return _described(doc, source, m, said)
        if anonymous and tokens[head].pos == "NOUN":  # "a spokesman for X, speaking
            return _unnamed(doc, source, head, region, None)  # anonymously": not X's word
        if m.type == "Organisation" and (
            described
            or (
                is_person_noun(doc, head)
                and head_lemma not in agents_nouns
                and not said.start <= head < said.end_token  # not "the institute" itself
            )
        ):
            # "The FDP leader said", "the Tesla chief executive said": a person the source
            # describes in the body, not the body (a spokesman speaks for it)
            return _unnamed(doc, source, head, region, m)
        if head_lemma in agents_nouns or m.type == "Person" or len(agents) == 1:
            return _described(doc, source, m, said)
    head_word = tokens[head].text.lower()
    qualified = any(  # "hospital officials": of a body of their own
        tokens[c].dep == "compound" and tokens[c].pos == "NOUN" for c in doc.children[head]
    )
    for m in (m for m in inside if m.type == "Place"):
        if m.start <= head < m.end_token:
            return Claimant(state_of(doc, m))
        if located_in(doc, m, head) and (
            head_lemma not in agents_nouns
            or qualified
            or m.text.lower() not in qualifier_country()  # no country nor its capital
        ):
            continue  # "Hospital officials in Nairobi", "prosecutors in Los Angeles": where
        if described:
            return _unnamed(doc, source, head, region, state_of(doc, m))
        if head_lemma in agents_nouns or head_word in agents_nouns:
            return Claimant(state_of(doc, m), _source_text(doc, source))
    # "A local official, who asked not to be named because he ...": the aside's pronoun
    # is not the source
    lows = [w.text.lower() for w in words if w.i not in aside]
    pronoun = next((w for w in lows if w in PERSON_PRONOUNS | _GROUP_PRONOUNS), None)
    if pronoun is not None and (
        len(words) == 1 or tokens[head].text.lower() == pronoun or head_lemma in agents_nouns
    ):
        kinds = ("Person",) if pronoun in PERSON_PRONOUNS else ("Organisation", "Place")
        at = next(w.i for w in words if w.text.lower() == pronoun)
        if (group := clause_subject(doc, at, pronoun)) is not None:  # "officials ... they say"
            head = group[1] - 1
            return _unnamed(doc, group, head, region, national_country(doc, group, head))
        found = object_controller(doc, at) or antecedent_speaker(
            doc, kinds, tokens[source[0]].begin, earlier, pronoun
        )
        if found is None and len(words) == 1:
            words_for = described_antecedent(doc, source[0], pronoun)
            if words_for is not None:
                return _unnamed(doc, words_for, words_for[1] - 1, region, None)
            return None
        if isinstance(found, Mention):
            found = _full_name(doc, found)  # "Steve ... he said": Steve X
        # "his office said": the office speaks for him, but is not his role.
        return _as_claimant(found)
    if any(w in _FIRST_PERSON for w in lows):
        return None
    if described:
        return _unnamed(doc, source, head, region, national_country(doc, source, head))
    by_description = _description(doc, source, head, earlier)
    if by_description is not None:
        return by_description
    if tokens[head].pos == "PROPN":
        # A name the recogniser left out ("Hart added"): the entity named so elsewhere in
        # the document, else no claimant (a name is not an unnamed source).
        named = _named_elsewhere(doc, tokens[head].text, tokens[head].begin)
        if named is None and kind_of(doc, head) == "document":
            # "the Beige Book", "the Annual Survey": a publication, not an entity
            return _unnamed(doc, source, head, region, None)
        return Claimant(named) if named is not None else None
    bodies = [m for m in inside if m.type in {"Organisation", "Place"}]
    return _unnamed(doc, source, head, region, state_of(doc, bodies[0]) if bodies else None)


def _full_name(doc: ParsedText, m: Mention) -> Mention:
    """The full name a short form stands for ("Katie" for "Kathryn Jenkin"), else m."""
    if m.antecedent is not None and m.antecedent in doc.by_begin:
        return doc.by_begin[m.antecedent]
    return m


def _named_elsewhere(doc: ParsedText, word: str, at: int) -> Mention | None:
    """The nearest mention of a person or organisation (before `at`, else after) whose last
    word is `word`."""
    fits = [
        m
        for m in doc.mentions
        if m.type in _AGENTS and m.text.split()[-1:] == [word] and not m.begin <= at < m.end
    ]
    before = [m for m in fits if m.begin < at]
    if before:
        return before[-1]
    return fits[0] if fits else None


def _unnamed(
    doc: ParsedText,
    source: tuple[int, int],
    head: int,
    region: Sequence[int],
    affiliation: Mention | None,
) -> Claimant | None:
    unnamed = describe_source(doc, source, head, region, affiliation)
    return Claimant(None, unnamed=unnamed) if unnamed is not None else None


def _description(
    doc: ParsedText, source: tuple[int, int], head: int, earlier: Sequence[Claim]
) -> Claimant | None:
    """ "the minister" (a role given before), "Ukrainian officials", "the ministry"."""
    tokens = doc.tokens
    lemma = tokens[head].lemma.lower()
    named = tokens[head].pos in {"NOUN", "PROPN"} and lemma not in _GENERIC
    word = re.compile(rf"\b{re.escape(lemma)}\b")
    at = tokens[source[0]].begin
    before = [m for m in doc.mentions_between(-1, at) if m.end <= at]
    # "his lawyers said": many, not the one lawyer named before
    one = tokens[head].tag not in {"NNS", "NNPS"}
    for claim in reversed(earlier):
        m = claim.claimant_mention
        if named and one and m is not None and word.search(claim.claimant_role.lower()):
            if m.type == "Person":
                return Claimant(m)
        # "A senior official said ... the official added": the one described before.
        u = claim.unnamed
        if (
            u is not None
            and u.kind != "unstated"
            and tokens[head].text.lower() in head_words(u.label)
            and tokens[source[0]].text.lower() in {"the", "that", "this", "those", "these"}
            and doc.prose_distance(claim.cue_span.begin, tokens[source[0]].begin) <= WINDOW
        ):
            return Claimant(None, unnamed=u)
    if named and one:
        for m in reversed(before):
            if m.type == "Person" and word.search(m.title.lower()):
                return Claimant(m)
    country = national_country(doc, source, head)
    if country is not None:
        return Claimant(country, _source_text(doc, source))
    if not named:
        return None
    for m in reversed(before):
        if m.type == "Organisation" and re.search(rf"\b{re.escape(lemma)}", m.text.lower()):
            if doc.prose_distance(m.begin, at) <= WINDOW:
                return Claimant(m)
            break
    if tokens[head].pos != "NOUN" or tokens[source[0]].text.lower() != "the":
        return None
    if any(tokens[c].dep == "amod" for c in doc.children[head]):
        return None  # "the electoral council": a body of its own kind, not the last one
    # "Scientists at the USGS said ... The agency estimated": the body the last speaker
    # spoke for, near, rather than a body named so long before; the description a word
    # bodies' names are headed by (kg/data/org_heads.txt), not "the observatory"
    for claim in reversed(earlier):
        if doc.prose_distance(claim.cue_span.begin, at) > WINDOW or lemma not in org_heads():
            break
        body = claim.claimant_mention or (claim.unnamed.affiliation if claim.unnamed else None)
        if body is not None and body.type == "Organisation":
            return Claimant(body)
    return None


def _source_text(doc: ParsedText, source: tuple[int, int]) -> str:
    span = trim(doc.text, doc.tokens[source[0]].begin, doc.tokens[source[1] - 1].end)
    return doc.text[span[0] : span[1]] if span else ""


def _described(doc: ParsedText, source: tuple[int, int], m: Mention, said: Mention) -> Claimant:
    """A person with the role and organisation the source gives around `said`, its words
    for `m` (a short form of m's name may be said before m: "Don Jr. says" in a headline);
    an organisation as is."""
    if m.type != "Person":
        return Claimant(m)
    role, where = role_of_person(doc, source, said)
    found = {(o.begin, o.end): o for b, e in where for o in doc.mentions_inside(b, e)}
    orgs = [
        o
        for _, o in sorted(found.items())
        if o.type == "Organisation" and any(b <= o.begin and o.end <= e for b, e in where)
    ]
    return Claimant(m, role, orgs[0] if orgs else None)

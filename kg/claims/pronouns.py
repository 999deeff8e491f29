"""What a pronoun stands for (`antecedent_speaker`, `described_antecedent`).

"his" in the infinitive a verb sets its object to do stands for that object ("pressed X to
disavow his claims": X's). "he", "she", "it", "they" as a source: the agent of a "by"
phrase in its own sentence, else
the last speaker of that kind within a few prose sentences (an unnamed source too: a person
for "he", a group or a document for "they" or "it") unless another entity of that kind has
been the subject of a sentence since, else the nearest entity of that kind (a subject
first); "he" and "she" pass over a name of the other gender (kg.claims.genders). Where no
entity or speaker fits, a noun just before it that can stand for it: a person's noun for
"he" ("a local farmer"), a document or a body for "it" ("a report").
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.claims.context import ParsedText, lexicon
from kg.claims.descriptions import kind_of
from kg.claims.genders import gender_of, pronoun_gender
from kg.core.model import Claim, Mention, UnnamedSource

__all__ = [
    "PERSON_PRONOUNS",
    "WINDOW",
    "Speaker",
    "antecedent_speaker",
    "described_antecedent",
    "object_controller",
    "other_subject_between",
]

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
WINDOW = 3  # prose sentences a pronoun or description looks back

Speaker = Mention | UnnamedSource


def antecedent_speaker(
    doc: ParsedText,
    kinds: Sequence[str],
    before: int,
    earlier: Sequence[Claim],
    pronoun: str = "",
) -> Speaker | None:
    """The entity a pronoun stands for: the last speaker of that kind (an unnamed source
    too: a person for "he", a group or a document for "they" or "it"), else the nearest
    entity of that kind."""
    outlets = lexicon().outlets
    wanted = pronoun_gender(pronoun)  # a name of the other gender is not what it stands for
    sentence = doc.parsed.sentences[doc.sentence_of(before)]
    # "... was made by the ministry, where it said": the agent of the pronoun's own sentence.
    agents = [
        m
        for m in doc.mentions_between(sentence.begin, before)
        if m.end <= before and m.type in kinds and _is_by_agent(doc, m)
    ]
    if agents:
        return agents[-1]
    for claim in reversed(earlier):
        if doc.prose_distance(claim.cue_span.begin, before) > WINDOW:
            break
        if doc.quote_at(claim.cue_span.begin) is not None:
            continue  # one a quotation reports is no speaker of the text ('"The judge says')
        m = claim.claimant_mention
        u = claim.unnamed
        after = max(claim.cue_span.end, claim.content.end)
        if u is not None and _fits(u, kinds, pronoun):
            if not other_subject_between(doc, kinds, after, before, ""):
                return u
            break
        if m is not None and m.type in kinds and m.text.lower() not in outlets:
            if wanted and gender_of(doc, m) not in ("", wanted):
                continue  # "she" is not the man who spoke last
            # Subjects inside what the speaker reported are not new speakers.
            if not other_subject_between(doc, kinds, after, before, m.text):
                return m
            break
    window = [
        m
        for m in doc.mentions_between(doc.window_start(before, WINDOW), before)
        if m.end <= before
        and m.type in kinds
        and not doc.skipped(m.begin)
        and doc.prose_distance(m.begin, before) <= WINDOW
        and not (wanted and gender_of(doc, m) not in ("", wanted))
        and not _quoted_apart(doc, m, before)
        and not _qualifies_noun(doc, m)  # "Iowa farmers ... They know": not Iowa
    ]
    subjects = [m for m in window if _is_subject(doc, m)]
    if subjects:
        return subjects[-1]
    return window[-1] if window else None


def _fits(u: UnnamedSource, kinds: Sequence[str], pronoun: str) -> bool:
    """Whether a pronoun can stand for an unnamed source: "he" for a person, "they" for a
    group or a person, "it" for a document or a body."""
    if u.kind == "unstated":
        return False
    if "Person" in kinds:
        return u.kind == "individual"
    if pronoun in {"they", "them", "their"}:
        return u.kind in {"group", "document"}
    return u.kind in {"document", "group"}


def _is_by_agent(doc: ParsedText, m: Mention) -> bool:
    head = doc.tokens[doc.mention_head(m)]
    return head.dep == "pobj" and doc.tokens[head.head].text.lower() == "by"


def other_subject_between(
    doc: ParsedText, kinds: Sequence[str], begin: int, end: int, speaker: str
) -> bool:
    """Whether an entity of the kind other than the speaker (named so) is the subject of a
    sentence between two points, outside a quotation (a name a speaker quotes is not who
    speaks next: '"That is where X keeps the bombers," he said.')."""
    return any(
        m.type in kinds
        and m.text != speaker
        and not doc.skipped(m.begin)
        and not _quoted_apart(doc, m, end)
        and _is_subject(doc, m)
        for m in doc.mentions_between(begin, end)
    )


def _is_subject(doc: ParsedText, m: Mention) -> bool:
    """Whether a mention is a clause's subject, or the name set beside one ("The district
    chairwoman, Ana Ruiz, disagreed")."""
    head = doc.tokens[doc.mention_head(m)]
    if head.dep == "appos":
        head = doc.tokens[head.head]
    return head.dep in {"nsubj", "nsubjpass"}


def _qualifies_noun(doc: ParsedText, m: Mention) -> bool:
    """Whether a name only qualifies a common noun after it ("Iowa" of "Iowa farmers")."""
    head = doc.tokens[doc.mention_head(m)]
    return head.dep == "compound" and doc.tokens[head.head].pos == "NOUN"


def _quoted_apart(doc: ParsedText, m: Mention, at: int) -> bool:
    """Whether a mention lies inside a quotation that does not hold `at`."""
    quote = doc.quote_at(m.begin)
    return quote is not None and not quote[0] <= at < quote[1]


def described_antecedent(doc: ParsedText, at: int, pronoun: str) -> tuple[int, int] | None:
    """The words a pronoun stands for when no entity or speaker does: the nearest noun
    before it, in its sentence or the one before, that can ("A farmer saw the flood. He
    said ...": the farmer; "The ministry published a report. It said ...": the report),
    never the noun whose own clause the pronoun is in ("the affairs they said they had")."""
    tokens = doc.tokens
    sentence = tokens[at].sent
    start = doc.parsed.sentences[max(0, sentence - 1)].start
    for t in reversed(tokens[start:at]):
        if t.pos != "NOUN" or t.dep not in {"nsubj", "nsubjpass", "dobj", "pobj", "appos"}:
            continue
        if at in doc.subtree(t.i):
            continue  # "affairs they said they had": not the noun whose clause it is in
        kind, plural = kind_of(doc, t.i), t.tag == "NNS"
        if pronoun in PERSON_PRONOUNS:
            fits = t.lemma.lower() in lexicon().people and not plural
        elif pronoun in {"it", "its"}:
            fits = kind in {"document", "group"} and not plural
        else:
            fits = plural or kind == "group"
        if fits:
            first = min(i for i in doc.subtree(t.i) if i <= t.i)
            return first, t.i + 1
    return None


def clause_subject(doc: ParsedText, at: int, pronoun: str) -> tuple[int, int] | None:
    """The people a clause's "they" stands for when the clause hangs on a noun of the
    sentence whose subject they are ("Indian officials displayed debris they say came from
    X": the officials, not the speaker before), else None."""
    if pronoun != "they":
        return None
    tokens = doc.tokens
    k = tokens[at].head
    for _ in range(4):
        governor = tokens[k]
        if governor.dep in {"relcl", "acl"}:
            verb = tokens[tokens[governor.head].head]
            for s in doc.child(verb.i, "nsubj"):
                t = tokens[s]
                if s < at and t.pos == "NOUN" and t.tag == "NNS" and t.lemma in lexicon().people:
                    return min(i for i in doc.subtree(s) if i <= s), s + 1
            return None
        if governor.head == k:
            return None
        k = governor.head
    return None


def object_controller(doc: ParsedText, pronoun: int) -> Mention | None:
    """The person a possessive pronoun stands for as the one a verb sets to act ("pressed
    X to disavow his claims", "urged X to retract her remarks": X), else None."""
    t = doc.tokens[pronoun]
    if t.dep != "poss":
        return None
    k = t.head
    for _ in range(3):
        tok = doc.tokens[k]
        if tok.dep == "xcomp":
            for o in doc.child(tok.head, "dobj"):
                o_token = doc.tokens[o]
                for m in doc.mentions_inside(o_token.begin, o_token.end):
                    if m.type == "Person":
                        return m
                for m in doc.mentions_ending_within(o_token.begin, o_token.end):
                    if m.type == "Person":
                        return m
            return None
        if tok.head == k:
            return None
        k = tok.head
    return None

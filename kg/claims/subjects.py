"""The words naming who speaks for a reporting verb (`verb_source`).

The verb's subject, or the agent of a passive ("was reported by X"); a participle or a
conjoined verb takes the subject of the verb it hangs on ("said ... but claimed", "...,
claiming"); a cue the parser conjoined to what another cue reports is the speaker's second
act ("X said the plan was "dangerous" and accused Y of ...": X accused, `second_act`); a
relative pronoun stands for the noun it follows ("the ministry, which said").
Parses of news text go wrong around headings and link lines: a finite cue the parser left
without a subject takes the entity named right before it (`lost_subject`).
"""

from __future__ import annotations

from kg.claims.context import ParsedText, lexicon
from kg.claims.quotations import punct_before
from kg.core.model import Token

__all__ = [
    "lost_subject",
    "name_after_quotation",
    "second_act",
    "speaker_after_quotation",
    "verb_source",
]

# Verbs whose object is the statement a participle reports: "released a statement saying".
_LIGHT = {"release", "issue", "publish", "send", "post", "put", "make", "give", "deliver"}
_RELATIVE = {"who", "which", "that"}
# Between a subject the parser lost and its verb: "the Kremlin, in a rare statement, admitted".
_BETWEEN = {
    "prep",
    "pobj",
    "det",
    "amod",
    "advmod",
    "punct",
    "compound",
    "npadvmod",
    "nummod",
    "poss",
    "case",
    "appos",
}


# Words before a noun that belong to its name or phrase ("Ana" of "Ana Ruiz, who said").
_NOUN_LEFT = {"compound", "flat", "amod", "det", "poss", "nmod", "case"}


def _antecedent_phrase(doc: ParsedText, head: int, personal: bool = False) -> tuple[int, int]:
    """The noun a relative pronoun stands for, with the words of its name before it; the
    name an apposition describes ("singer Ana Ruiz, X's former girlfriend, who said": Ana
    Ruiz, not the girlfriend, whose possessor is no speaker). A `personal` pronoun ("who")
    the parser hung on the body or place of a prepositional phrase stands for the person
    that phrase describes ("X, an analyst at Reuters, who said": X, not Reuters)."""
    if personal:
        head = _personal_antecedent(doc, head)
    noun = doc.tokens[head]
    if noun.dep == "appos" and doc.tokens[noun.head].pos == "PROPN" and noun.pos != "PROPN":
        head = noun.head
    start = head
    while start > 0 and doc.tokens[start - 1].dep in _NOUN_LEFT:
        k = start - 1
        while doc.tokens[k].head != head and head > doc.tokens[k].head > k:
            k = doc.tokens[k].head
        if doc.tokens[k].head != head:
            break
        start -= 1
    return start, head + 1


def _personal_antecedent(doc: ParsedText, head: int) -> int:
    """The noun "who" stands for: from a noun that names no person, up through the
    prepositions it hangs on ("an analyst at the bank in Lyon, who": the analyst)."""
    people = lexicon().people
    while True:
        noun = doc.tokens[head]
        if noun.lemma.lower() in people or any(
            m.type == "Person" and m.start <= head < m.end_token
            for m in doc.mentions_ending_within(noun.begin, noun.end)
        ):
            return head
        prep = doc.tokens[noun.head]
        if noun.dep != "pobj" or prep.dep != "prep" or prep.head == prep.i:
            return head
        governor = doc.tokens[prep.head]
        if governor.pos not in {"NOUN", "PROPN"}:
            return head
        head = governor.i


def second_act(doc: ParsedText, verb: Token) -> bool:
    """Whether a cue without a subject of its own, conjoined to the clause another cue
    reports or set off after it as a participle, is that cue's speaker's second act: "X
    said the plan was "dangerous" and accused Y of ...", "X announced that its air defences
    had downed drones, accusing Y of ..." (not where the clause's subject is a person, who
    may be the one acting: "X said Mayor Y resigned and denied ...")."""
    lex = lexicon()
    if verb.lemma.lower() not in lex.cues or doc.child(verb.i, "nsubj"):
        return False
    clause = doc.tokens[verb.head]
    if clause.dep != "ccomp" or clause.i > verb.i:
        return False
    if verb.dep == "conj":
        if not any(doc.tokens[k].dep == "cc" for k in doc.children[clause.i] if k < verb.i):
            return False
    elif not (verb.dep == "advcl" and verb.tag == "VBG" and doc.tokens[verb.i - 1].text == ","):
        return False
    reporting = doc.tokens[clause.head]
    if reporting.pos not in {"VERB", "AUX"} or reporting.lemma.lower() not in lex.cues:
        return False
    for s in doc.child(clause.i, "nsubj", "nsubjpass"):
        begin, end = doc.span_of(doc.subtree(s))
        if doc.tokens[s].lemma.lower() in lex.people or any(
            m.type == "Person" and m.start <= s < m.end_token
            for m in doc.mentions_inside(begin, end)
        ):
            return False
    return True


def verb_source(doc: ParsedText, verb: Token) -> tuple[int, int] | None:
    t = verb
    if second_act(doc, verb):
        t = doc.tokens[doc.tokens[verb.head].head]  # the speaker of the first cue
    for _ in range(3):
        subj = doc.child(t.i, "nsubj")
        if subj:
            # two subjects is a misparse: the one nearest before the verb is its own ("As
            # well as new routes to the US, Mannion stated")
            s = max((k for k in subj if k < t.i), default=subj[0])
            apposed = _split_apposition(doc, subj, s)
            if apposed is not None:
                return apposed
            word = doc.tokens[s].text
            if word.lower() in _RELATIVE and not word.isupper():  # "WHO said": the body
                between = doc.tokens[s + 1 : t.i]
                if (
                    between
                    and between[0].pos in {"DET", "PROPN"}
                    and any(b.pos in {"NOUN", "PROPN"} for b in between)
                ):
                    # "the UAE, which the army accuses of ...": the relative word is the
                    # object, whatever the parser made of it; the words before the verb speak
                    return s + 1, t.i
                if t.dep != "relcl":
                    return None
                return _antecedent_phrase(doc, t.head, word.lower() == "who")
            speaker = _appositive_speaker(doc, t, s)
            if speaker is not None:
                return speaker
            tree = doc.subtree(s)
            return min(tree), max(tree) + 1
        agent = doc.child(t.i, "agent")
        if agent:
            pobj = doc.child(agent[0], "pobj")
            if pobj:
                tree = doc.subtree(pobj[0])
                return min(tree), max(tree) + 1
        if t.dep in {"conj", "advcl", "xcomp"} and t.head != t.i:
            t = doc.tokens[t.head]  # "said ... but claimed", "..., claiming"
            continue
        if t.dep == "ccomp" and t.i != verb.i and t.head != t.i:
            # "X stated that there was a chance of it, saying ...": a subjectless clause's
            # participle speaks for the one who states the clause
            t = doc.tokens[t.head]
            continue
        if (
            t.dep == "acl"
            and t.tag == "VBG"
            and doc.tokens[t.head].pos in {"NOUN", "PROPN", "PRON"}
        ):
            noun = doc.tokens[t.head]
            governor = doc.tokens[noun.head]
            if noun.dep == "dobj" and governor.lemma.lower() in _LIGHT:
                t = governor  # "released a statement saying": who released it
                continue
            # "a memo saying", "critics saying": the noun's own words
            own = set(doc.subtree(t.i))
            words = {i for i in doc.subtree(noun.i) if i not in own and i <= noun.i}
            start = noun.i
            while start - 1 in words and doc.tokens[start - 1].text not in {",", ";", "("}:
                start -= 1
            return start, noun.i + 1
        if t.dep == "pcomp" and doc.tokens[t.head].text.lower() == "as":
            # "X quoted Y as saying": Y
            objects = doc.child(doc.tokens[t.head].head, "dobj")
            if objects:
                tree = doc.subtree(objects[0])
                return min(tree), max(tree) + 1
        break
    return lost_subject(doc, verb) if verb.dep in {"ROOT", "ccomp"} else None


def _split_apposition(doc: ParsedText, subj: list[int], s: int) -> tuple[int, int] | None:
    """ "Sen. Ana Ruiz (D-Conn.), the ranking member on the panel, said": the parser made
    the name and its description two subjects. A name whose words end right before a comma
    and the description (a noun with its article) that is the nearest subject: one
    speaker, the name and its description. A description is a noun with its article, its
    possessor or a name before it ("X, chairperson of Local 12, Canadian Auto Workers union
    said"; not "On Monday, X, police said")."""
    name = [k for k in subj if k < s and doc.tokens[k].pos == "PROPN"]
    if not name or doc.tokens[s].pos != "NOUN":
        return None
    if not doc.child(s, "det", "poss") and not any(
        doc.tokens[c].pos == "PROPN" for c in doc.child(s, "compound")
    ):
        return None
    first, own = doc.subtree(name[-1]), doc.subtree(s)
    if doc.tokens[first[-1] + 1].text != "," or first[-1] + 2 != own[0]:
        return None
    return first[0], own[-1] + 1


def _appositive_speaker(doc: ParsedText, verb: Token, subj: int) -> tuple[int, int] | None:
    """ "X has fired FBI Director Y, the White House announced": the parser made Y the
    cue's subject and "the White House" its apposition, leaving the clause before without
    its object. Where that clause ends right before the subject and has no object of its
    own, the apposition set off by a comma is the speaker (and Y the clause's object)."""
    speaker = None
    for a in doc.child(subj, "appos"):
        own = doc.subtree(a)
        # set off by a comma and right before the cue ("Y, the harbour mayor, said" is an
        # aside on the subject; "Orbis and Veltro both reported" has no speaker after it)
        if (
            a > subj
            and doc.tokens[a].pos in {"NOUN", "PROPN"}
            and doc.tokens[own[0] - 1].text == ","
            and own[-1] + 1 == verb.i
        ):
            speaker = (own[0], own[-1] + 1)
            break
    if speaker is None:
        return None
    first = min(doc.subtree(subj))
    for c in doc.child(verb.i, "ccomp"):
        if c < subj and doc.subtree(c)[-1] + 1 == first and not doc.child(c, "dobj", "obj"):
            return speaker
    return None


def lost_subject(doc: ParsedText, verb: Token) -> tuple[int, int] | None:
    """The entity named right before a finite cue that the parser left without a subject
    (a heading or link line run into the sentence hangs the subject elsewhere)."""
    if verb.tag not in {"VBD", "VBZ", "VBP"}:
        return None
    sentence = doc.parsed.sentences[verb.sent]
    before = [
        m
        for m in doc.mentions_between(sentence.begin, verb.end)
        if m.end_token <= verb.i and doc.tokens[m.start].sent == verb.sent and m.type != "Weapon"
    ]
    if not before:
        return None
    m = before[-1]
    text = doc.text
    gap = doc.tokens[m.end_token : verb.i]
    if "\n" in text[m.end : verb.begin] or any(
        t.dep not in _BETWEEN or t.pos in {"VERB", "AUX"} for t in gap
    ):
        return None
    # The name's own phrase around it: "the General Staff of X's Armed Forces".
    start, end = m.start, m.end_token
    while (
        start > 0
        and "\n" not in text[doc.tokens[start - 1].end : doc.tokens[start].begin]
        and (
            doc.tokens[start - 1].pos in {"DET", "PROPN", "ADJ"}
            or doc.tokens[start - 1].text.lower() == "of"
        )
    ):
        start -= 1
    while end < verb.i and (
        doc.tokens[end].pos in {"PROPN", "NOUN", "PART"} or doc.tokens[end].text.lower() == "of"
    ):
        end += 1
    return start, end


def speaker_after_quotation(
    doc: ParsedText, verb: Token
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "“...,” claims writer X.": a finite cue right after a quotation that the parser took
    for a word of the speaker's name, the name ending the sentence: (the quotation, the
    speaker's words)."""
    text = doc.text
    quote = _quotation_before(doc, verb)
    if quote is None:
        return None
    name = doc.tokens[verb.head]
    while name.dep == "compound" and name.head > name.i:
        name = doc.tokens[name.head]
    governor = doc.tokens[name.head].begin
    if name.pos != "PROPN" or not (name.dep == "ROOT" or quote[0] <= governor < quote[1]):
        return None  # the name stands alone, or the parser hung it on the quotation's words
    sentence = doc.parsed.sentences[verb.sent]
    if text[name.end : sentence.end].strip(" \t\n.") or any(
        doc.tokens[k].pos not in {"NOUN", "PROPN"} for k in range(verb.i + 1, name.i)
    ):
        return None
    return quote, (verb.i + 1, name.i + 1)


def name_after_quotation(
    doc: ParsedText, verb: Token
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "“...,” said X, chairman of Y Co. Z has not ...": a cue right after a quotation, with
    no subject of its own, that a name follows; the parser ran the sentence after an
    abbreviation's full stop into it and took that for what was said: (the quotation, the
    name's words)."""
    if doc.child(verb.i, "nsubj", "nsubjpass", "expl"):
        return None
    quote = _quotation_before(doc, verb)
    if quote is None:
        return None
    after = doc.tokens[verb.i + 1].begin if verb.i + 1 < len(doc.tokens) else -1
    name = next(
        (m for m in doc.mentions_between(after, after + 1) if m.type in {"Person", "Organisation"}),
        None,
    )
    return (quote, (name.start, name.end_token)) if name is not None else None


def _quotation_before(doc: ParsedText, verb: Token) -> tuple[int, int] | None:
    """The speech quotation that ends right before a cue, in its paragraph."""
    start = punct_before(doc.text, verb.begin)
    quote = next((q for q in doc.quotes_ending_within(start, verb.begin) if doc.is_speech(q)), None)
    if quote is None or "\n" in doc.text[quote[1] : verb.begin]:
        return None
    return quote

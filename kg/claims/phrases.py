"""Cues that are not reporting verbs: "according to X", reporting nouns with a source
("claims by X that ...", "X's statement that ..."), adjectives of belief or position with a
clause ("is concerned that ...", kg/data/stance_adjectives.tsv) and the colon of a
transcript line ("Name: “...”").
"""

from __future__ import annotations

import re

from kg.claims.context import Found, ParsedText, lexicon, trim
from kg.claims.quotations import only_punct

__all__ = [
    "according_attributions",
    "nominal_attributions",
    "stance_attributions",
    "transcript_attributions",
]


def according_attributions(doc: ParsedText) -> list[Found]:
    out: list[Found] = []
    tokens = doc.tokens
    for t in tokens[:-1]:
        if t.text.lower() != "according" or tokens[t.i + 1].text.lower() != "to":
            continue
        if doc.skipped(t.begin):
            continue
        pobj = doc.child(t.i + 1, "pobj")
        if not pobj:
            continue
        source_tree = doc.subtree(pobj[0])
        s_begin, s_end = min(source_tree), max(source_tree) + 1
        s_end = _apposed_name(doc, s_end)
        sentence = doc.parsed.sentences[t.sent]
        before = trim(doc.text, sentence.begin, t.begin)
        after = trim(doc.text, tokens[s_end - 1].end, sentence.end)
        before_words = len(re.findall(r"\w+", doc.text[before[0] : before[1]])) if before else 0
        span = before if before_words >= 3 else after
        if span is None:
            continue
        quote = doc.quote_at(span[0])
        direct = quote is not None and quote[1] >= span[1] - 1 and doc.is_speech(quote)
        out.append(Found("according to", (t.i, t.i + 2), (s_begin, s_end), span, direct, t.i))
    return out


def _apposed_name(doc: ParsedText, end: int) -> int:
    """Extend a source over a name set off by commas right after it ("the official, Ann
    Berg, ..."), which the parser may leave outside the source's subtree."""
    tokens = doc.tokens
    if end >= len(tokens) or tokens[end].text != ",":
        return end
    m = doc.by_begin.get(tokens[end + 1].begin) if end + 1 < len(tokens) else None
    if m is None or m.type != "Person":
        return end
    after = m.end_token
    if after < len(tokens) and tokens[after].text == ",":
        return after + 1
    return end


def nominal_attributions(doc: ParsedText) -> list[Found]:
    """ "claims by X that ...", "X's statement that ..."."""
    out: list[Found] = []
    nouns = lexicon().nouns
    for t in doc.tokens:
        if t.pos != "NOUN" or t.lemma.lower() not in nouns or doc.skipped(t.begin):
            continue
        clause = [
            c
            for c in doc.children[t.i]
            if doc.tokens[c].dep in {"acl", "ccomp", "relcl"}
            and any(
                doc.tokens[k].text.lower() == "that" and doc.tokens[k].dep == "mark"
                for k in doc.children[c]
            )
        ]
        source: tuple[int, int] | None = None
        for prep in doc.child(t.i, "prep"):
            if doc.tokens[prep].text.lower() == "by":
                pobj = doc.child(prep, "pobj")
                if pobj:
                    tree = doc.subtree(pobj[0])
                    source = (min(tree), max(tree) + 1)
                    clause.extend(doc.child(prep, "acl", "ccomp", "relcl"))
                    for c in doc.child(pobj[0], "acl", "ccomp", "relcl"):
                        if any(doc.tokens[k].dep == "mark" for k in doc.children[c]):
                            clause.append(c)
        for poss in doc.child(t.i, "poss"):
            tree = doc.subtree(poss)
            source = (min(tree), max(tree) + 1)
        if source is None or not clause:
            continue
        span = trim(doc.text, *doc.span_of(doc.subtree(clause[0])))
        if span is not None:
            out.append(Found(t.lemma.lower(), (t.i, t.i + 1), source, span, False, t.i))
    return out


def stance_attributions(doc: ParsedText) -> list[Found]:
    """ "X is concerned that ...", "we are worried the planes ...", "I am confident it ..."."""
    stances = lexicon().stances
    out: list[Found] = []
    for t in doc.tokens:
        word = t.text.lower()
        if t.pos not in {"ADJ", "VERB"} or word not in stances or doc.skipped(t.begin):
            continue  # "concerned" is tagged an adjective or a participle
        verb = doc.tokens[t.head]
        if t.dep != "acomp" or verb.pos not in {"AUX", "VERB"}:
            continue
        clauses = doc.child(t.i, "ccomp") or [c for c in doc.child(verb.i, "ccomp") if c > t.i]
        subjects = doc.child(verb.i, "nsubj")
        if not clauses or not subjects:
            continue
        clause = doc.subtree(clauses[0])
        first = doc.tokens[clause[0]]
        if first.text.lower() in {"whether", "if"}:
            continue
        if first.text.lower() == "that" and first.dep == "mark":
            clause = clause[1:]
        span = trim(doc.text, *doc.span_of(clause)) if clause else None
        if span is None:
            continue
        tree = doc.subtree(subjects[0])
        cue = (min(verb.i, t.i), t.i + 1)
        out.append(Found(word, cue, (min(tree), max(tree) + 1), span, False, t.i))
    return out


def transcript_attributions(doc: ParsedText) -> list[Found]:
    """ "Name Surname: “...”": a quotation after a colon that follows a name."""
    out: list[Found] = []
    for quote in doc.quotes:
        if not doc.is_speech(quote) or doc.skipped(quote[0]):
            continue
        colon = doc.text.rfind(":", 0, quote[0])
        if (
            colon < 0
            or not only_punct(doc.text[colon + 1 : quote[0]])
            or "\n" in doc.text[colon : quote[0]]
        ):
            continue
        blank = colon  # where the spaces before the colon begin
        while blank > 0 and doc.text[blank - 1].isspace():
            blank -= 1
        names = [
            m
            for m in doc.mentions_ending_within(blank, colon)
            if m.type in {"Person", "Organisation"} and not doc.text[m.end : colon].strip()
        ]
        if not names:
            continue
        m = names[-1]
        last = doc.tokens[m.end_token - 1]
        if last.dep in {"dobj", "dative"} and doc.tokens[last.head].pos == "VERB":
            continue  # "Judge X told Y: “...”": Y is told, not speaking
        cue = next((t.i for t in doc.tokens_within(colon, colon + 1)), None)
        if cue is None:
            continue
        # The name's own phrase before it: "Director of Communications Ann Berg".
        start = m.start
        while (
            start > 0
            and (
                doc.tokens[start - 1].pos in {"PROPN", "NOUN", "ADJ"}
                or doc.tokens[start - 1].text.lower() in {"of", "the", "to", "and", "for"}
            )
            and "\n" not in doc.text[doc.tokens[start - 1].end : doc.tokens[start].begin]
        ):
            start -= 1
        while start < m.start and doc.tokens[start].pos not in {"PROPN", "NOUN", "ADJ"}:
            start += 1
        out.append(Found(":", (cue, cue + 1), (start, m.end_token), quote, True, cue))
    return out

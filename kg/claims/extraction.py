"""Attributed statements of one document: source, cue, content (`extract_claims`).

The claims stage in parts: `kg.claims.cues` finds each cue with its source words and content
(reporting verbs; `kg.claims.phrases` for "according to", reporting nouns, adjectives of
belief and transcript lines; `kg.claims.subjects` for who speaks for a verb),
`kg.claims.claimants` resolves the source to a Person or Organisation mention (or a place
speaking for its government) with the role the text gives it, or to an unnamed source
(`kg.claims.descriptions`), `kg.claims.circumstances` reads certainty, polarity, medium and
date, and this module puts them together into `Claim`s.

A quotation without a cue of its own continues the speaker of the quotation or statement
just before it (never simply the last-named person). Nested attribution ("X said Y had
claimed Z", "the paper reported that officials said Z") gives two claims: the outer one,
whose content is the whole report, and the inner one with content Z; numbers inside Z belong
to the inner claim only, so the outer source is never credited with its figures. "I" and
"we" inside a quotation are its speaker. A claim whose text states no source ("is expected
to") has an unstated source rather than none.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from kg.claims.circumstances import certainty_polarity, claim_date, cue_region, is_prior, medium
from kg.claims.claimants import Claimant, resolve_source
from kg.claims.context import Found, ParsedText, lexicon, trim
from kg.claims.cues import find_attributions
from kg.claims.descriptions import unstated_source
from kg.claims.pronouns import other_subject_between
from kg.claims.quantities import find_quantities
from kg.claims.quotations import find_quotations, only_punct, quoted_words
from kg.core.model import Claim, Mention, Parsed, Quantity, Span

__all__ = ["extract_claims", "find_quotations"]

_QUOTE_GAP = 2  # prose sentences a cue-less quotation may follow its speaker's statement


def extract_claims(parsed: Parsed, mentions: Sequence[Mention]) -> tuple[Claim, ...]:
    """Find the attributed statements of one document, each with a resolved claimant."""
    doc = ParsedText(parsed, mentions)
    claims: list[Claim] = []
    quoted: list[Found] = []  # "I", "we" inside a quotation: its speaker, once known
    for f in find_attributions(doc):
        if _first_person(doc, f) and doc.quote_at(doc.tokens[f.head].begin) is not None:
            quoted.append(f)
            continue
        claim = _claim(doc, f, claims)
        if claim is not None:
            claims.append(claim)
    claims = _continued_quotations(doc, claims)
    for f in quoted:
        speaker = _quoted_speaker(doc, f, claims)
        claim = _claim(doc, f, claims, speaker) if speaker is not None else None
        if claim is not None:
            claims.append(claim)
    claims.sort(key=lambda c: (c.content.begin, c.cue_span.begin))
    return tuple(_with_quantities(doc, claims))


def _first_person(doc: ParsedText, f: Found) -> bool:
    return f.source is not None and any(
        t.text.lower() in {"i", "we", "me", "us"} for t in doc.tokens[f.source[0] : f.source[1]]
    )


def _quoted_speaker(doc: ParsedText, f: Found, claims: Sequence[Claim]) -> Claimant | None:
    """The speaker of the quotation a cue stands in: the claim whose direct content holds it."""
    at = doc.tokens[f.head].begin
    holding = [c for c in claims if c.direct and c.content.begin <= at < c.content.end]
    if not holding:
        return None
    # The one who said it, not an outlet that quoted them ("X quoted Y as saying “...”").
    c = min(holding, key=lambda c: (c.content.end - c.content.begin, c.cue == "quote"))
    if c.unnamed is not None and c.unnamed.kind == "document":
        # "I" in a letter or statement is whoever wrote it, never the document
        return _author(doc, c, claims)
    return Claimant(c.claimant_mention, unnamed=c.unnamed)


def _author(doc: ParsedText, c: Claim, claims: Sequence[Claim]) -> Claimant | None:
    """Who writes the document a claim's source names: the subject of the verb the document
    hangs on ("X resigned in a letter stating ...", "In a statement, she wrote ...")."""
    words = doc.tokens_within(c.source_span.begin, c.source_span.end)
    if not words:
        return None
    t = doc.tokens[doc.head((words[0].i, words[-1].i + 1))]
    if t.dep == "pobj":
        t = doc.tokens[t.head]
    if t.dep not in {"prep", "dobj", "pobj"} or t.head == t.i:
        return None
    verb = doc.tokens[t.head]
    subjects = doc.child(verb.i, "nsubj")
    if verb.pos not in {"VERB", "AUX"} or not subjects:
        return None
    tree = doc.subtree(subjects[0])
    return resolve_source(doc, (min(tree), max(tree) + 1), claims)


def _claim(
    doc: ParsedText, f: Found, earlier: Sequence[Claim], speaker: Claimant | None = None
) -> Claim | None:
    if f.source is None and not f.unstated:
        return None
    f = _within_paragraph(doc, f)
    if f.source is None and not f.unstated:
        return None
    if f.source is not None:
        f = replace(f, source=doc.whole_names(f.source))
    cue_begin = doc.tokens[f.cue_tokens[0]].begin
    if f.content[0] <= cue_begin < f.content[1] and doc.tokens[f.head].dep != "parataxis":
        return None  # "the soldiers that Russia says were killed": no clause of its own
    region = cue_region(doc, f)
    if f.source is None:
        claimant: Claimant | None = Claimant(None, unnamed=unstated_source(doc, f.cue_tokens))
    else:
        claimant = speaker or resolve_source(doc, f.source, earlier, region)
    if claimant is None:
        return None
    text, doc_id = doc.text, doc.parsed.document.id
    c_begin, c_end = doc.tokens[f.cue_tokens[0]].begin, doc.tokens[f.cue_tokens[1] - 1].end
    if f.source is not None:
        s_begin = doc.tokens[f.source[0]].begin
        s_end = doc.tokens[f.source[1] - 1].end
        s_begin, s_end = trim(text, s_begin, s_end) or (s_begin, s_end)
    else:
        s_begin, s_end = c_begin, c_end
    lex = lexicon()
    certainty, polarity = certainty_polarity(doc, f, lex.cues.get(f.cue) or lex.stances.get(f.cue))
    if f.direct:
        f = replace(f, content=quoted_words(text, *f.content))
    return Claim(
        claimant_mention=claimant.mention,
        cue=f.cue,
        content=Span(doc_id, f.content[0], f.content[1], text[f.content[0] : f.content[1]]),
        cue_span=Span(doc_id, c_begin, c_end, text[c_begin:c_end]),
        source_span=Span(doc_id, s_begin, s_end, text[s_begin:s_end]),
        direct=f.direct,
        certainty=certainty,
        polarity=polarity,
        medium=medium(doc, region),
        date=claim_date(doc, region),
        claimant_role=claimant.role,
        claimant_affiliation=claimant.affiliation,
        prior=is_prior(doc, region),
        unnamed=claimant.unnamed,
    )


def _within_paragraph(doc: ParsedText, f: Found) -> Found:
    """Keep the source, and an indirect content, to the cue's paragraph (headings, captions)."""
    text = doc.text
    cue = doc.tokens[f.head]
    source = f.source
    if source is not None:
        cut = [
            t.i
            for t in doc.tokens[source[0] : source[1]]
            if "\n" in text[t.end : cue.begin]
            or "\n" in text[cue.end : t.begin]
            or not t.text.strip()
        ]
        keep = [i for i in range(source[0], source[1]) if i not in cut]
        source = (min(keep), max(keep) + 1) if keep else None
    begin, end = f.content
    if not f.direct and "\n" in text[begin:end]:
        if end <= cue.begin:
            begin = text.rindex("\n", begin, end) + 1
        elif begin >= cue.end:
            end = text.index("\n", begin, end)
        trimmed = trim(text, begin, end)
        begin, end = trimmed if trimmed is not None else (begin, begin)
    return replace(f, source=source, content=(begin, end))


def _continued_quotations(doc: ParsedText, claims: list[Claim]) -> list[Claim]:
    """Give a quotation without a cue to the speaker of the statement just before it."""
    used = sorted((c.content.begin, c.content.end) for c in claims)
    used_begins = [b for b, _ in used]
    reach = list(itertools.accumulate((e for _, e in used), max))  # the furthest end so far
    out = list(claims)
    # The speech claims by where they end (content or cue), for "the last one before".
    ends: list[tuple[int, int]] = []  # (end, position in out)
    for n, c in enumerate(out):
        if _speech_cue(c.cue):
            bisect.insort(ends, (max(c.content.end, c.cue_span.end), n))
    for quote in doc.quotes:
        if not doc.is_speech(quote) or doc.skipped(quote[0]):
            continue
        k = bisect.bisect_right(used_begins, quote[0]) - 1
        if (k >= 0 and reach[k] > quote[0]) or (
            bisect.bisect_left(used_begins, quote[0]) < bisect.bisect_left(used_begins, quote[1])
        ):
            continue  # a claim's content holds it, or begins inside it
        sentence = doc.parsed.sentences[doc.sentence_of(quote[0])]
        if not only_punct(doc.text[sentence.begin : quote[0]]):
            continue  # a quotation inside a sentence of its own attribution
        # Only a speaker's statement goes on in a quotation, not a verdict ("praised X"):
        # the speech claim ending last before it (the first stated, of those ending there).
        k = bisect.bisect_right(ends, (quote[0], len(out))) - 1
        if k < 0:
            continue
        while k > 0 and ends[k - 1][0] == ends[k][0]:
            k -= 1
        last = out[ends[k][1]]
        last_end = max(last.content.end, last.cue_span.end)
        speaker = last.claimant_mention.text if last.claimant_mention is not None else ""
        if doc.prose_distance(last_end - 1, quote[0]) > _QUOTE_GAP or other_subject_between(
            doc, ("Person", "Organisation"), last_end, quote[0], speaker
        ):
            continue
        begin, end = quoted_words(doc.text, *quote)
        bisect.insort(ends, (max(end, last.cue_span.end), len(out)))
        out.append(
            replace(
                last,
                content=Span(doc.parsed.document.id, begin, end, doc.text[begin:end]),
                direct=True,
                certainty="asserted",
                polarity="positive",
                quantities=(),
            )
        )
    out.sort(key=lambda c: (c.content.begin, c.cue_span.begin))
    return out


def _speech_cue(cue: str) -> bool:
    entry = lexicon().cues.get(cue)
    return entry is None or entry.content not in {"object", "naming"}


def _with_quantities(doc: ParsedText, claims: list[Claim]) -> list[Claim]:
    """Attach the numbers of each content, leaving nested claims' numbers to them."""
    out = []
    by_cue = sorted(claims, key=lambda o: o.cue_span.begin)  # bisected, not scanned per claim
    cues = [o.cue_span.begin for o in by_cue]
    for c in claims:
        within = by_cue[
            bisect.bisect_left(cues, c.content.begin) : bisect.bisect_left(cues, c.content.end)
        ]
        nested = [
            (o.content.begin, o.content.end)
            for o in within
            if o is not c and (o.content.begin, o.content.end) != (c.content.begin, c.content.end)
        ]
        figures: dict[tuple[str, Decimal], Quantity] = {}  # one figure stated twice is one
        for q in find_quantities(
            doc.parsed, c.content.begin, c.content.end, starts=doc.token_begins
        ):
            if not any(b <= q.span.begin < e for b, e in nested):
                figures.setdefault((q.kind, q.value.normalize()), q)
        out.append(replace(c, quantities=tuple(figures.values())))
    return out

"""Attributed statements of one document: source, cue, content (`extract_claims`).

Cues are reporting verbs (kg/data/reporting_verbs.tsv) in any form, reporting nouns with
a source ("claims by X that ..."), and "according to X". The content is, in this order:
the verb's clausal complement ("said that ..."), the quotation next to the cue ("“...,” he
said"; paragraphs that go on quoting are one quotation), or for verbs like blame, deny, decline
the object and what follows. A quotation without a cue of its own continues the speaker of
the quotation or statement just before it (never simply the last-named person).

The source resolves to a Person or Organisation mention of the document: a mention inside
the source words (the one holding its head word first), a place standing for its government
("Russia said", "Ukraine's military said"), a pronoun (the last speaker of that kind, else the
nearest such mention before it), or a description ("the ministry": the nearest earlier
organisation whose name holds the head word, or the mention's `antecedent`). When nothing
fits, the statement is dropped rather than given to the wrong entity.

Nested attribution ("X said Y had claimed Z") gives two claims: X's, whose content is the
whole report, and Y's with content Z. Numbers inside Z belong to Y's claim only, so X is
never credited with Y's figures. A news outlet relaying another claim ("..., Reuters
reported") is the reporting level, not a claimant, and is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.lexicon import read_lines
from kg.model import Certainty, Claim, Mention, Parsed, Polarity, Span, Token
from kg.quantities import find_quantities

__all__ = ["extract_claims", "find_quotations"]

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}
_FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "you", "your"}
_RELATIVE = {"who", "which", "that"}
_AGENTS = ("Person", "Organisation")
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "madam"}
_OPEN = {"“", "«", "„"}
_CLOSE = {"”", "»"}
_NOMINAL_CUES = {"claim", "assertion", "statement", "announcement", "acknowledgement",
                 "acknowledgment", "allegation", "estimate", "admission", "denial", "warning"}
_EDGE_PUNCT = " \t\n,.;:-–—"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {m: n for n, ms in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for m in ms}
_PRIOR_WORDS = {"previously", "initially", "earlier", "originally", "first", "before"}


@dataclass(frozen=True, slots=True)
class _Cue:
    lemma: str
    polarity: str
    certainty: str
    content: str  # clause | object | both | quote


@dataclass(frozen=True, slots=True)
class _Lexicon:
    cues: dict[str, _Cue]
    hedges: tuple[tuple[tuple[str, ...], str], ...]
    media: tuple[tuple[tuple[str, ...], str], ...]
    agents: frozenset[str]
    outlets: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    cues = {}
    for line in read_lines("reporting_verbs.tsv"):
        lemma, polarity, certainty, content = line.split("\t")[:4]
        cues[lemma] = _Cue(lemma, polarity, certainty, content)
    hedges = sorted(
        ((tuple(p.split()), e) for p, e in (ln.split("\t")[:2] for ln in read_lines("hedges.tsv"))),
        key=lambda h: -len(h[0]),
    )
    media = sorted(
        ((tuple(p.split()), m) for p, m in (ln.split("\t")[:2] for ln in read_lines("media.tsv"))),
        key=lambda h: -len(h[0]),
    )
    return _Lexicon(
        cues, tuple(hedges), tuple(media), frozenset(read_lines("agent_nouns.txt")),
        frozenset(read_lines("outlets.txt")),
    )


@dataclass(frozen=True, slots=True)
class _Found:
    """An attribution before its source is resolved."""

    cue: str
    cue_tokens: tuple[int, int]  # token range [start, end)
    source: tuple[int, int] | None  # token range of the source words
    content: tuple[int, int]  # character range
    direct: bool
    head: int  # the cue's token (for medium, date, hedges)


class _Document:
    """Indexes over one parsed document, built once per call."""

    def __init__(self, parsed: Parsed, mentions: Sequence[Mention]) -> None:
        self.parsed = parsed
        self.text = parsed.document.text
        self.tokens = parsed.tokens
        self.children: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i:
                self.children[t.head].append(t.i)
        self.mentions = sorted(mentions, key=lambda m: (m.begin, m.end))
        self.by_begin = {m.begin: m for m in self.mentions}
        self.quotes = find_quotations(self.text)

    def subtree(self, i: int, skip: int | None = None) -> list[int]:
        out, stack = [], [i]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(c for c in self.children[k] if c != skip)
        return sorted(out)

    def span_of(self, indices: Sequence[int]) -> tuple[int, int]:
        return self.tokens[min(indices)].begin, self.tokens[max(indices)].end

    def child(self, i: int, *deps: str) -> list[int]:
        return [c for c in self.children[i] if self.tokens[c].dep in deps]

    def quote_at(self, offset: int) -> tuple[int, int] | None:
        for b, e in self.quotes:
            if b <= offset < e:
                return b, e
        return None

    def is_speech(self, quote: tuple[int, int]) -> bool:
        words = re.findall(r"[A-Za-z]+", self.text[quote[0]:quote[1]])
        return len(words) >= 4

    def skipped(self, offset: int) -> bool:
        return any(b <= offset < e for b, e in self.parsed.document.skipped)


def find_quotations(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of quotations, marks included; a quote left open at a paragraph's
    end and taken up by an opening mark at the next paragraph's start is one quotation."""
    spans: list[tuple[int, int, bool]] = []  # begin, end, left open
    pos = 0
    for para in text.split("\n"):
        start, opened = pos, None
        for k, ch in enumerate(para):
            at = pos + k
            if ch in _OPEN or (ch == '"' and opened is None):
                if opened is None:
                    opened = at
            elif ch in _CLOSE or ch == '"':
                if opened is not None:
                    spans.append((opened, at + 1, False))
                    opened = None
                elif not spans or spans[-1][1] <= start:
                    lead = len(para) - len(para.lstrip())
                    spans.append((start + lead, at + 1, False))  # a quote taken up from before
        if opened is not None:
            spans.append((opened, pos + len(para.rstrip()), True))
        pos += len(para) + 1
    merged: list[tuple[int, int, bool]] = []
    for b, e, left_open in spans:
        if merged and merged[-1][2] and not text[merged[-1][1]:b].strip():
            merged[-1] = (merged[-1][0], e, left_open)
        else:
            merged.append((b, e, left_open))
    return tuple((b, e) for b, e, _ in merged)


def extract_claims(parsed: Parsed, mentions: Sequence[Mention]) -> tuple[Claim, ...]:
    """Find the attributed statements of one document, each with a resolved claimant."""
    doc = _Document(parsed, mentions)
    found = _verb_attributions(doc) + _according_attributions(doc) + _nominal_attributions(doc)
    found = _dedupe(doc, found)
    found.sort(key=lambda f: (doc.tokens[f.head].begin, f.content))
    claims: list[Claim] = []
    for f in found:
        claim = _claim(doc, f, claims)
        if claim is not None:
            claims.append(claim)
    claims = _continued_quotations(doc, claims)
    claims = _drop_relays(doc, claims)
    return tuple(_with_quantities(doc, claims))


# --- finding cues, sources and contents ----------------------------------------------


def _verb_attributions(doc: _Document) -> list[_Found]:
    lex = _lexicon()
    out: list[_Found] = []
    for t in doc.tokens:
        cue = lex.cues.get(t.lemma.lower())
        if cue is None or t.pos not in {"VERB", "AUX"} or doc.skipped(t.begin):
            continue
        if t.dep in {"amod", "compound"} or t.tag == "VBN" and doc.child(t.i, "auxpass"):
            continue  # "the reported data", "are reported to have"
        if t.lemma.lower() == "add" and doc.child(t.i, "dobj", "dative"):
            continue  # "added fuel", not "he added"
        source = _verb_source(doc, t)
        content = _verb_content(doc, t, cue)
        if content is None:
            continue
        begin, end, direct = content
        if doc.child(t.i, "neg") and not direct and cue.polarity == "positive" and end - begin < 3:
            continue
        cue_end = t.i + 1
        if t.lemma.lower() == "decline":
            cue_end = max([c + 1 for c in doc.child(t.i, "xcomp")] + [cue_end])
        out.append(_Found(t.lemma.lower(), (t.i, cue_end), source, (begin, end), direct, t.i))
    return out


def _verb_source(doc: _Document, verb: Token) -> tuple[int, int] | None:
    t = verb
    for _ in range(3):
        subj = doc.child(t.i, "nsubj")
        if subj:
            s = subj[0]
            if doc.tokens[s].text.lower() in _RELATIVE:
                return (t.head, t.head + 1) if t.dep == "relcl" else None
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
        return None
    return None


def _verb_content(doc: _Document, verb: Token, cue: _Cue) -> tuple[int, int, bool] | None:
    """The content of a reporting verb: (begin, end, direct)."""
    if cue.content in {"clause", "both"}:
        for c in doc.child(verb.i, "ccomp"):
            quote = doc.quote_at(doc.tokens[c].begin)
            tree = doc.subtree(c)
            begin, end = doc.span_of(tree)
            if quote is not None and doc.is_speech(quote) and (
                begin >= quote[0] - 2 or _only_punct(doc.text[begin:quote[0]])
            ):
                return quote[0], quote[1], True
            cut = doc.text.find(", according to", begin, end)
            span = _trim(doc.text, begin, cut if cut > begin else end)
            if span is not None:
                return span[0], span[1], False
    quote = _adjacent_quote(doc, verb) if cue.content != "object" else None
    if quote is not None:
        return quote[0], quote[1], True
    if verb.dep == "parataxis" and cue.content != "object":
        # "The ceilings collapsed, the ministry said."
        head = verb.head
        subj = doc.child(verb.i, "nsubj")
        edge = min([verb.i] + [min(doc.subtree(k)) for k in subj])
        tree = [i for i in doc.subtree(head, skip=verb.i) if i < edge]
        if tree:
            span = _trim(doc.text, *doc.span_of(tree))
            if span is not None:
                quote = doc.quote_at(span[0])
                if quote is not None and doc.is_speech(quote):
                    return quote[0], quote[1], True
                return span[0], span[1], False
    if cue.content in {"object", "both"}:
        deps = {"dobj", "xcomp", "ccomp", "attr", "oprd"}
        if cue.content == "object":
            deps |= {"prep", "dative"}  # "blamed X for Y", "accused X of Y"
        parts = [c for c in doc.children[verb.i] if c > verb.i and doc.tokens[c].dep in deps]
        if parts:
            tree = sorted(i for c in parts for i in doc.subtree(c))
            span = _trim(doc.text, *doc.span_of(tree))
            if span is not None:
                return span[0], span[1], False
    return None


def _adjacent_quote(doc: _Document, verb: Token) -> tuple[int, int] | None:
    """A quotation right before or after the cue's clause ("“...,” he said" / "said: “...”")."""
    tree = [i for i in doc.subtree(verb.i) if doc.quote_at(doc.tokens[i].begin) is None]
    if not tree:
        return None
    begin, end = doc.span_of(tree)
    for quote in doc.quotes:
        if not doc.is_speech(quote) or quote[0] <= doc.tokens[verb.i].begin < quote[1]:
            continue
        if quote[1] <= begin and _only_punct(doc.text[quote[1]:begin]):
            return quote
        if quote[0] >= end and _only_punct(doc.text[end:quote[0]]):
            return quote
    return None


def _only_punct(text: str) -> bool:
    return not text.strip(" \t\n,:;-–—")


def _trim(text: str, begin: int, end: int) -> tuple[int, int] | None:
    """Cut edge punctuation off a content span; keep a closing mark whose opening is inside."""
    while begin < end and text[begin] in _EDGE_PUNCT:
        begin += 1
    while end > begin and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    inside = text[begin:end]
    if end < len(text) and text[end] in _CLOSE | {'"'} and (
        inside.count("“") > inside.count("”") or inside.count('"') % 2 == 1
    ):
        end += 1
    if len(re.findall(r"\w+", text[begin:end])) < 1:
        return None
    return begin, end


def _according_attributions(doc: _Document) -> list[_Found]:
    out: list[_Found] = []
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
        sentence = doc.parsed.sentences[t.sent]
        before = _trim(doc.text, sentence.begin, t.begin)
        after = _trim(doc.text, tokens[s_end - 1].end, sentence.end)
        before_words = len(re.findall(r"\w+", doc.text[before[0]:before[1]])) if before else 0
        span = before if before_words >= 3 else after
        if span is None:
            continue
        quote = doc.quote_at(span[0])
        direct = quote is not None and quote[1] >= span[1] - 1 and doc.is_speech(quote)
        out.append(_Found("according to", (t.i, t.i + 2), (s_begin, s_end), span, direct, t.i))
    return out


def _nominal_attributions(doc: _Document) -> list[_Found]:
    """"claims by X that ...", "X's statement that ..."."""
    out: list[_Found] = []
    for t in doc.tokens:
        if t.pos != "NOUN" or t.lemma.lower() not in _NOMINAL_CUES or doc.skipped(t.begin):
            continue
        clause = [c for c in doc.children[t.i] if doc.tokens[c].dep in {"acl", "ccomp", "relcl"}
                  and any(doc.tokens[k].text.lower() == "that" and doc.tokens[k].dep == "mark"
                          for k in doc.children[c])]
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
        span = _trim(doc.text, *doc.span_of(doc.subtree(clause[0])))
        if span is not None:
            out.append(_Found(t.lemma.lower(), (t.i, t.i + 1), source, span, False, t.i))
    return out


def _distance(doc: _Document, f: _Found, content: tuple[int, int]) -> int:
    at = doc.tokens[f.head].begin
    return min(abs(at - content[0]), abs(at - content[1]))


def _dedupe(doc: _Document, found: list[_Found]) -> list[_Found]:
    """One attribution per content span: the cue nearest to it wins."""
    best: dict[tuple[int, int], _Found] = {}
    for f in found:
        key = f.content
        old = best.get(key)
        if old is None or _distance(doc, f, key) < _distance(doc, old, key):
            best[key] = f
    return list(best.values())


# --- resolving the source -------------------------------------------------------------


def _claim(doc: _Document, f: _Found, earlier: Sequence[Claim]) -> Claim | None:
    if f.source is None:
        return None
    f = _within_paragraph(doc, f)
    if f.source is None:
        return None
    cue_begin = doc.tokens[f.cue_tokens[0]].begin
    if f.content[0] <= cue_begin < f.content[1]:
        return None  # "the soldiers that Russia says were killed": no clause of its own
    resolved = _resolve(doc, f.source, f.head, earlier)
    if resolved is None:
        return None
    mention, role = resolved
    text, doc_id = doc.text, doc.parsed.document.id
    s_begin = doc.tokens[f.source[0]].begin
    s_end = doc.tokens[f.source[1] - 1].end
    s_begin, s_end = _trim(text, s_begin, s_end) or (s_begin, s_end)
    c_begin, c_end = doc.tokens[f.cue_tokens[0]].begin, doc.tokens[f.cue_tokens[1] - 1].end
    lex = _lexicon()
    cue = lex.cues.get(f.cue)
    certainty, polarity = _certainty_polarity(doc, f, cue)
    region = _region(doc, f)
    return Claim(
        claimant_mention=mention,
        cue=f.cue,
        content=Span(doc_id, f.content[0], f.content[1], text[f.content[0]:f.content[1]]),
        cue_span=Span(doc_id, c_begin, c_end, text[c_begin:c_end]),
        source_span=Span(doc_id, s_begin, s_end, text[s_begin:s_end]),
        direct=f.direct,
        certainty=certainty,
        polarity=polarity,
        medium=_medium(doc, region),
        date=_date(doc, region),
        claimant_role=role,
        prior=any(doc.tokens[i].text.lower() in _PRIOR_WORDS for i in region
                  if doc.tokens[i].dep in {"advmod", "amod", "npadvmod"}),
    )


def _within_paragraph(doc: _Document, f: _Found) -> _Found:
    """Keep the source, and an indirect content, to the cue's paragraph (headings, captions)."""
    text = doc.text
    cue = doc.tokens[f.head]
    source = f.source
    if source is not None:
        cut = [t.i for t in doc.tokens[source[0]:source[1]] if "\n" in text[t.end:cue.begin]
               or "\n" in text[cue.end:t.begin]]
        keep = [i for i in range(source[0], source[1]) if i not in cut]
        source = (min(keep), max(keep) + 1) if keep else None
    begin, end = f.content
    if not f.direct and "\n" in text[begin:end]:
        if end <= cue.begin:
            begin = text.rindex("\n", begin, end) + 1
        elif begin >= cue.end:
            end = text.index("\n", begin, end)
        trimmed = _trim(text, begin, end)
        begin, end = trimmed if trimmed is not None else (begin, begin)
    return replace(f, source=source, content=(begin, end))


def _resolve(
    doc: _Document, source: tuple[int, int], cue: int, earlier: Sequence[Claim]
) -> tuple[Mention, str] | None:
    """The mention a source stands for, and the role words around it."""
    tokens = doc.tokens
    words = tokens[source[0]:source[1]]
    # Names inside a relative clause or participle of the source are not the speaker:
    # "a correspondent who was decorated by the president".
    aside = {k for i in range(source[0], source[1]) if tokens[i].dep in {"relcl", "acl"}
             and source[0] <= tokens[i].head < source[1] for k in doc.subtree(i)}
    inside = [m for m in doc.mentions if source[0] <= m.start and m.end_token <= source[1]
              and m.start not in aside]
    head = _head(doc, source)
    agents = [m for m in inside if m.type in _AGENTS]
    for m in sorted(agents, key=lambda m: (not (m.start <= head < m.end_token),
                                           m.type != "Person")):
        if m.antecedent is not None and m.antecedent in doc.by_begin:
            m = doc.by_begin[m.antecedent]
        if m.start <= head < m.end_token or tokens[head].lemma.lower() in _lexicon().agents:
            return m, _role(doc, source, m)
        if m.type == "Person" or len(agents) == 1:
            return m, _role(doc, source, m)
    places = [m for m in inside if m.type == "Place"]
    head_word = tokens[head].text.lower()
    for m in places:
        if m.start <= head < m.end_token or tokens[head].lemma.lower() in _lexicon().agents \
                or head_word in _lexicon().agents:
            return m, _role(doc, source, m) if not (m.start <= head < m.end_token) else ""
    lows = [w.text.lower() for w in words]
    pronoun = next((w for w in lows if w in _PERSON_PRONOUNS | _GROUP_PRONOUNS), None)
    if pronoun is not None and (len(words) == 1 or tokens[head].text.lower() == pronoun
                                or tokens[head].lemma.lower() in _lexicon().agents):
        kinds = ("Person",) if pronoun in _PERSON_PRONOUNS else ("Organisation", "Place")
        found = _antecedent(doc, kinds, tokens[source[0]].begin, earlier)
        if found is None:
            return None
        role = "" if len(words) == 1 else doc.text[tokens[head].begin:tokens[head].end]
        return found, role
    if any(w in _FIRST_PERSON for w in lows):
        return None
    # A description: "the minister" (a role given before), "the ministry", "the institute".
    lemma = tokens[head].lemma.lower()
    if tokens[head].pos in {"NOUN", "PROPN"} and lemma not in {"official", "source", "people", "person"}:
        word = re.compile(rf"\b{re.escape(lemma)}\b")
        for claim in reversed(earlier):
            if word.search(claim.claimant_role.lower()) and claim.claimant_mention.type == "Person":
                return claim.claimant_mention, ""
        for m in reversed([m for m in doc.mentions if m.end <= tokens[source[0]].begin]):
            if m.type == "Person" and word.search(m.title.lower()):
                return m, ""
        for m in reversed([m for m in doc.mentions if m.end <= tokens[source[0]].begin]):
            if m.type == "Organisation" and re.search(rf"\b{re.escape(lemma)}", m.text.lower()):
                return m, ""
    return None


def _head(doc: _Document, source: tuple[int, int]) -> int:
    for i in range(source[0], source[1]):
        if not source[0] <= doc.tokens[i].head < source[1] or doc.tokens[i].head == i:
            return i
    return source[1] - 1


def _role(doc: _Document, source: tuple[int, int], m: Mention) -> str:
    """Words that give the claimant's role: a title, the words before the name, an appositive."""
    tokens = doc.tokens
    parts: list[str] = []
    if m.title:
        parts.append(m.title)
    before = [t for t in tokens[source[0]:m.start]
              if t.dep not in {"det", "punct"} and t.text.lower() not in {"'s", "’s"}]
    if before:
        text = doc.text[before[0].begin:before[-1].end]
        if text not in parts and not any(text in p for p in parts):
            parts = [text] if m.title and m.title in text else parts + [text]
    appos = [c for k in range(m.start, m.end_token) for c in doc.child(k, "appos")
             if source[0] <= c < source[1]]
    if appos:
        tree = [i for i in doc.subtree(appos[0]) if i < source[1]]
        tree = [i for i in tree if not any(tokens[k].dep == "relcl" and i in doc.subtree(k)
                                           for k in tree)]
        span = _trim(doc.text, *doc.span_of(tree))
        if span is not None:
            parts.append(doc.text[span[0]:span[1]])
    if not parts and m.start > source[0] and m.type == "Place":
        return ""
    if m.type == "Place" and not (m.start <= _head(doc, source) < m.end_token):
        span = _trim(doc.text, tokens[source[0]].begin, tokens[source[1] - 1].end)
        return doc.text[span[0]:span[1]] if span else ""
    parts = [p for p in parts if not p.startswith("(")]
    parts = [" ".join(w for w in p.split() if w.lower().rstrip(".") not in _HONORIFICS)
             for p in parts]
    return ", ".join(p for p in parts if p)


def _antecedent(
    doc: _Document, kinds: Sequence[str], before: int, earlier: Sequence[Claim]
) -> Mention | None:
    """The entity a pronoun stands for: the last speaker of that kind, else the nearest one."""
    sentence = _sentence_of(doc, before)
    outlets = _lexicon().outlets
    for claim in reversed(earlier):
        m = claim.claimant_mention
        if sentence - _sentence_of(doc, claim.cue_span.begin) > 3:
            break
        if m.type in kinds and m.text.lower() not in outlets:
            if not _other_subject_between(doc, kinds, claim.cue_span.end, before, m):
                return m
            break
    window = [m for m in doc.mentions if m.end <= before and m.type in kinds
              and sentence - m.sentence <= 3]
    subjects = [m for m in window if doc.tokens[_mention_head(doc, m)].dep in
                {"nsubj", "nsubjpass"}]
    if subjects:
        return subjects[-1]
    return window[-1] if window else None


def _other_subject_between(
    doc: _Document, kinds: Sequence[str], begin: int, end: int, speaker: Mention
) -> bool:
    """Whether another entity of the kind is the subject of a sentence between two points."""
    return any(
        begin <= m.begin < end and m.type in kinds and m.text != speaker.text
        and doc.tokens[_mention_head(doc, m)].dep in {"nsubj", "nsubjpass"}
        for m in doc.mentions
    )


def _mention_head(doc: _Document, m: Mention) -> int:
    return _head(doc, (m.start, m.end_token))


def _sentence_of(doc: _Document, offset: int) -> int:
    for n, s in enumerate(doc.parsed.sentences):
        if s.begin <= offset < s.end:
            return n
    return len(doc.parsed.sentences) - 1


# --- certainty, polarity, medium, date -------------------------------------------------


def _region(doc: _Document, f: _Found) -> list[int]:
    """Tokens of the cue's sentence outside the content: where medium and date are said."""
    if f.cue == "according to":
        s = doc.parsed.sentences[doc.tokens[f.head].sent]
        scope = list(range(s.start, s.end_token))
    else:
        scope = doc.subtree(f.head)
    return [i for i in scope if not f.content[0] <= doc.tokens[i].begin < f.content[1]]


def _match(words: Sequence[str], phrases: Sequence[tuple[tuple[str, ...], str]]) -> list[tuple[int, str]]:
    out = []
    for k in range(len(words)):
        for phrase, value in phrases:
            if tuple(words[k:k + len(phrase)]) == phrase:
                out.append((k, value))
                break
    return out


def _certainty_polarity(doc: _Document, f: _Found, cue: _Cue | None) -> tuple[Certainty, Polarity]:
    content = [t for t in doc.tokens if f.content[0] <= t.begin < f.content[1]]
    near = [doc.tokens[c] for c in doc.children[f.head] if doc.tokens[c].dep in
            {"advmod", "aux", "neg"}]
    effects = {v for _, v in _match([t.text.lower() for t in content], _lexicon().hedges)}
    effects |= {v for _, v in _match([t.text.lower() for t in near], _lexicon().hedges)}
    certainty: Certainty = "asserted"
    if "uncertain" in effects:
        certainty = "uncertain"
    elif "hedged" in effects or (cue is not None and cue.certainty == "hedged"):
        certainty = "hedged"
    negative = (
        (cue is not None and cue.polarity == "negative")
        or "negative" in effects
        or any(t.dep == "neg" for t in near)
        or (not f.direct and _root_negated(doc, content))
    )
    return certainty, "negative" if negative else "positive"


def _root_negated(doc: _Document, content: Sequence[Token]) -> bool:
    inside = {t.i for t in content}
    roots = [t for t in content if t.head not in inside or t.head == t.i]
    return any(doc.tokens[c].dep == "neg" for r in roots[:1] for c in doc.children[r.i])


def _medium(doc: _Document, region: Sequence[int]) -> str:
    tokens = [doc.tokens[i] for i in region]
    for k, value in _match([t.text.lower() for t in tokens], _lexicon().media):
        if tokens[k].pos in {"NOUN", "PROPN"} or k + 1 < len(tokens) and \
                tokens[k + 1].pos in {"NOUN", "PROPN"}:
            return value
    return ""


def _date(doc: _Document, region: Sequence[int]) -> str:
    published = _published(doc.parsed.document.published)
    words = [doc.tokens[i].text.lower().rstrip(".") for i in region]
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if w in _MONTHS and nxt.isdigit() and 1 <= int(nxt) <= 31:
            year = _year_after(words, k + 2) or (published.year if published else None)
            if year is not None:
                return _iso(year, _MONTHS[w], int(nxt))
        if w.isdigit() and 1 <= int(w) <= 31 and nxt in _MONTHS:
            year = _year_after(words, k + 2) or (published.year if published else None)
            if year is not None:
                return _iso(year, _MONTHS[nxt], int(w))
        if published is None:
            continue
        if w in _WEEKDAYS:
            back = (published.weekday() - _WEEKDAYS.index(w)) % 7
            return (published - dt.timedelta(days=back)).isoformat()
        if w == "yesterday":
            return (published - dt.timedelta(days=1)).isoformat()
        if w == "today":
            return published.isoformat()
        if w == "last" and nxt == "week":
            year, week, _ = (published - dt.timedelta(days=7)).isocalendar()
            return f"{year}-W{week:02d}"
        if w == "new" and nxt == "year" and k + 2 < len(words) and words[k + 2] in {"'s", "’s"}:
            day = words[k + 3] if k + 3 < len(words) else ""
            if day == "eve":
                return _iso(published.year - (published.month < 12), 12, 31)
            if day == "day":
                return _iso(published.year + (published.month == 12 and published.day == 31), 1, 1)
    return ""


def _year_after(words: Sequence[str], k: int) -> int | None:
    for w in words[k:k + 2]:
        if re.fullmatch(r"(19|20)\d\d", w):
            return int(w)
    return None


def _iso(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- quotations without a cue, relays, quantities ---------------------------------------


def _continued_quotations(doc: _Document, claims: list[Claim]) -> list[Claim]:
    """Give a quotation without a cue to the speaker of the statement just before it."""
    used = [(c.content.begin, c.content.end) for c in claims]
    out = list(claims)
    for quote in doc.quotes:
        if not doc.is_speech(quote) or doc.skipped(quote[0]):
            continue
        if any(b <= quote[0] < e or quote[0] <= b < quote[1] for b, e in used):
            continue
        sentence = doc.parsed.sentences[_sentence_of(doc, quote[0])]
        if not _only_punct(doc.text[sentence.begin:quote[0]]):
            continue  # a quotation inside a sentence of its own attribution
        before = [c for c in out if c.content.end <= quote[0] and c.cue_span.end <= quote[0]]
        if not before:
            continue
        last = max(before, key=lambda c: max(c.content.end, c.cue_span.end))
        gap = _sentence_of(doc, quote[0]) - _sentence_of(doc, max(last.content.end,
                                                                 last.cue_span.end) - 1)
        if gap > 2 or _other_subject_between(
            doc, ("Person", "Organisation"), max(last.content.end, last.cue_span.end), quote[0],
            last.claimant_mention,
        ):
            continue
        text = doc.text[quote[0]:quote[1]]
        out.append(replace(
            last,
            content=Span(doc.parsed.document.id, quote[0], quote[1], text),
            direct=True,
            certainty="asserted",
            polarity="positive",
            quantities=(),
        ))
    out.sort(key=lambda c: (c.content.begin, c.cue_span.begin))
    return out


def _drop_relays(doc: _Document, claims: list[Claim]) -> list[Claim]:
    """Drop a news outlet's claim that only relays another one."""
    outlets = _lexicon().outlets
    out = []
    for c in claims:
        name = c.claimant_mention.text.lower()
        if name in outlets or name.split("/")[0] in outlets:
            cues = _lexicon().cues
            if any(t.lemma.lower() in cues and t.pos == "VERB" for t in doc.tokens
                   if c.content.begin <= t.begin < c.content.end):
                continue  # "X said Y, according to Reuters": Reuters only relays
            if any(o is not c and (c.content.begin <= o.cue_span.begin < c.content.end
                                   or o.content == c.content
                                   or doc.tokens and _same_sentence(doc, o, c))
                   for o in claims):
                continue
        out.append(c)
    return out


def _same_sentence(doc: _Document, a: Claim, b: Claim) -> bool:
    return _sentence_of(doc, a.cue_span.begin) == _sentence_of(doc, b.cue_span.begin)


def _with_quantities(doc: _Document, claims: list[Claim]) -> list[Claim]:
    """Attach the numbers of each content, leaving nested claims' numbers to them."""
    out = []
    for c in claims:
        nested = [(o.content.begin, o.content.end) for o in claims if o is not c
                  and c.content.begin <= o.cue_span.begin < c.content.end
                  and (o.content.begin, o.content.end) != (c.content.begin, c.content.end)]
        quantities = tuple(
            q for q in find_quantities(doc.parsed, c.content.begin, c.content.end)
            if not any(b <= q.span.begin < e for b, e in nested)
        )
        out.append(replace(c, quantities=quantities))
    return out

"""What the parts of the claims stage share: the cue lexicon and indexes over one document.

The lexicon is data (kg/data/): reporting verbs with their polarity, certainty and kind of
content (reporting_verbs.tsv), reporting nouns, hedges, media, agent nouns, news outlets,
words that mark an earlier statement, courtesy titles, the head nouns of unnamed sources
(source_nouns.tsv) and the words that make a source anonymous. `ParsedText` holds the indexes a
document needs while its attributions are found and resolved (children of each token, the
mentions by offset, the quotations, which sentences are prose) and is built once per call.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.claims.quotations import find_quotations, is_speech
from kg.core.lexicon import outlets, read_lines
from kg.core.model import Mention, Parsed, SourceKind, Token

__all__ = ["Cue", "Found", "Lexicon", "ParsedText", "lexicon", "trim"]

_EDGE_PUNCT = " \t\n,.;:-–—"


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting verb's entry: polarity, certainty and what its content is."""

    lemma: str
    polarity: str
    certainty: str
    content: str  # clause | object | both | quote | directive | naming
    # "statement" in the list: an object cue whose object must be something said or counted
    statements_only: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of the claims stage, read once from kg/data/."""

    cues: dict[str, Cue]
    stances: dict[str, Cue]  # adjectives of belief or position: concerned, confident ...
    nouns: frozenset[str]  # reporting nouns: claim, statement, announcement ...
    hedges: tuple[tuple[tuple[str, ...], str], ...]  # longest phrase first
    media: tuple[tuple[tuple[str, ...], str], ...]  # longest phrase first
    agents: frozenset[str]  # head nouns that speak for a body: ministry, spokesman ...
    outlets: frozenset[str]
    prior: frozenset[str]  # previously, initially ...
    honorifics: frozenset[str]
    non_reports: frozenset[str]  # objects that make "claim" an act, not a report
    people: frozenset[str]  # nouns that name a person ("farmer", "minister")
    desires: frozenset[str]  # "wanted to know", "declined to predict": no report under them
    source_kinds: dict[str, SourceKind]  # head nouns of unnamed sources: what each one is
    anonymity: tuple[tuple[tuple[str, ...], str], ...]  # "on condition of anonymity" ...
    statements: frozenset[str] = frozenset()  # what a "statement" cue's object may be


def _phrases(name: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    rows = (line.split("\t")[:2] for line in read_lines(name))
    return tuple(sorted(((tuple(p.split()), v) for p, v in rows), key=lambda h: -len(h[0])))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the claims stage's word lists (once per process)."""
    return Lexicon(
        cues=_cues("reporting_verbs.tsv"),
        stances=_cues("stance_adjectives.tsv"),
        nouns=frozenset(read_lines("reporting_nouns.txt")),
        hedges=_phrases("hedges.tsv"),
        media=_phrases("media.tsv"),
        agents=frozenset(read_lines("agent_nouns.txt")),
        outlets=outlets(),
        prior=frozenset(read_lines("prior_words.txt")),
        honorifics=frozenset(read_lines("honorifics.txt")),
        non_reports=frozenset(read_lines("non_report_objects.txt")),
        people=frozenset(read_lines("person_nouns.txt"))
        | frozenset(read_lines("role_nouns.txt"))
        | {lemma for lemma, kind in _kinds().items() if kind == "individual"},
        desires=frozenset(read_lines("desire_verbs.txt")),
        source_kinds=_kinds(),
        anonymity=tuple(
            sorted(
                ((tuple(p.split()), "anonymous") for p in read_lines("anonymity.txt")),
                key=lambda h: -len(h[0]),
            )
        ),
        statements=frozenset(read_lines("statement_objects.txt")),
    )


def _cues(name: str) -> dict[str, Cue]:
    cues = {}
    for line in read_lines(name):
        lemma, polarity, certainty, content = line.split("\t")[:4]
        only = content == "statement"
        cues[lemma] = Cue(lemma, polarity, certainty, "object" if only else content, only)
    return cues


def _kinds() -> dict[str, SourceKind]:
    rows = (line.split("\t")[:2] for line in read_lines("source_nouns.tsv"))
    return {lemma: _source_kind(kind) for lemma, kind in rows}


def _source_kind(kind: str) -> SourceKind:
    if kind == "document":
        return "document"
    if kind == "group":
        return "group"
    return "individual"


@dataclass(frozen=True, slots=True)
class Found:
    """An attribution before its source is resolved."""

    cue: str
    cue_tokens: tuple[int, int]  # token range [start, end)
    source: tuple[int, int] | None  # token range of the source words
    content: tuple[int, int]  # character range
    direct: bool
    head: int  # the cue's token (for medium, date, hedges)
    # The construction states no source ("is expected to", "it is feared that").
    unstated: bool = False


# Fine-grained tags of a finite verb (Penn Treebank): a clause of its own.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


class ParsedText:
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
        self._starts = [s.begin for s in parsed.sentences]
        self.token_begins = [t.begin for t in self.tokens]  # for bisect
        # Look-ups by offset are bisections, so a long document costs no more per claim than
        # a short one (they were scans of every range, quotation or mention).
        self._mention_begins = [m.begin for m in self.mentions]
        self._longest = max((m.end - m.begin for m in self.mentions), default=0)
        self._skipped = sorted(parsed.document.skipped)
        self._skipped_begins = [b for b, _ in self._skipped]
        self._quote_begins = [b for b, _ in self.quotes]
        self._quote_ends = [e for _, e in self.quotes]
        self._disjoint = all(a[1] <= b[0] for a, b in itertools.pairwise(self.quotes))
        self._speech: dict[tuple[int, int], bool] = {}
        self.memo: dict[str, object] = {}  # indexes a claims module makes once per document
        # Captions and link lines between two paragraphs do not put a speaker further away.
        self.prose: list[int] = []
        count = 0
        for s in parsed.sentences:
            self.prose.append(count)
            count += not self.skipped(s.begin)

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
        if not self._disjoint:
            return next(((b, e) for b, e in self.quotes if b <= offset < e), None)
        k = bisect.bisect_right(self._quote_begins, offset) - 1
        if k >= 0 and offset < self.quotes[k][1]:
            return self.quotes[k]
        return None

    def quotes_ending_within(self, begin: int, end: int) -> Sequence[tuple[int, int]]:
        """The quotations (in order) that end in [begin, end]."""
        if not self._disjoint:
            return [q for q in self.quotes if begin <= q[1] <= end]
        return self.quotes[
            bisect.bisect_left(self._quote_ends, begin) : bisect.bisect_right(self._quote_ends, end)
        ]

    def quotes_beginning_within(self, begin: int, end: int) -> Sequence[tuple[int, int]]:
        """The quotations (in order) that begin in [begin, end]."""
        if not self._disjoint:
            return [q for q in self.quotes if begin <= q[0] <= end]
        return self.quotes[
            bisect.bisect_left(self._quote_begins, begin) : bisect.bisect_right(
                self._quote_begins, end
            )
        ]

    def is_speech(self, quote: tuple[int, int]) -> bool:
        """Whether a quotation is speech: long enough (`is_speech`), or a short clause with
        a finite verb of its own ("Change begins now," X said; not a scare quote, "fake
        news", nor a quoted phrase, to "rebuild Britain")."""
        known = self._speech.get(quote)
        if known is None:
            known = is_speech(self.text, quote) or self._is_short_clause(quote)
            self._speech[quote] = known
        return known

    def _is_short_clause(self, quote: tuple[int, int]) -> bool:
        words = [t for t in self.tokens_within(*quote) if t.text[:1].isalpha()]
        return len(words) >= 2 and any(t.tag in _FINITE_TAGS for t in words)

    def skipped(self, offset: int) -> bool:
        k = bisect.bisect_right(self._skipped_begins, offset) - 1
        # Boilerplate ranges are whole lines: disjoint, so only the last one begun can hold it.
        return k >= 0 and offset < self._skipped[k][1]

    def mentions_between(self, begin: int, end: int) -> Sequence[Mention]:
        """The mentions (in order) that begin in [begin, end)."""
        return self.mentions[
            bisect.bisect_left(self._mention_begins, begin) : bisect.bisect_left(
                self._mention_begins, end
            )
        ]

    def mentions_ending_within(self, begin: int, end: int) -> list[Mention]:
        """The mentions (in order) that end in [begin, end]."""
        return [
            m
            for m in self.mentions_between(begin - self._longest, end + 1)
            if begin <= m.end <= end
        ]

    def whole_names(self, span: tuple[int, int]) -> tuple[int, int]:
        """The token range widened to the start of a name its first token cuts ("Choi
        Min-seok, the lead investigator, said", parsed with the hyphen the subject)."""
        start, end = span
        for m in self.mentions_ending_within(self.tokens[start].begin, self.tokens[end - 1].end):
            if m.start < start < m.end_token <= end:
                start = m.start
        return start, end

    def mentions_inside(self, begin: int, end: int) -> Sequence[Mention]:
        """The mentions (in order) that begin in [begin, end); callers check where they end."""
        return self.mentions_between(begin, end)

    def window_start(self, offset: int, sentences: int) -> int:
        """The offset where the prose sentences within `sentences` of `offset`'s begin."""
        least = self.prose[self.sentence_of(offset)] - sentences
        return self._starts[bisect.bisect_left(self.prose, least)] if self._starts else 0

    def tokens_within(self, begin: int, end: int) -> Sequence[Token]:
        """The tokens that begin at or after `begin` and before `end`."""
        return self.tokens[
            bisect.bisect_left(self.token_begins, begin) : bisect.bisect_left(
                self.token_begins, end
            )
        ]

    def sentence_of(self, offset: int) -> int:
        """The index of the sentence holding a character offset."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def prose_distance(self, earlier: int, later: int) -> int:
        """How many prose sentences (captions not counted) lie between two offsets."""
        return self.prose[self.sentence_of(later)] - self.prose[self.sentence_of(earlier)]

    def head(self, span: tuple[int, int]) -> int:
        """The token of a range whose syntactic head lies outside it."""
        for i in range(span[0], span[1]):
            if not span[0] <= self.tokens[i].head < span[1] or self.tokens[i].head == i:
                return i
        return span[1] - 1

    def mention_head(self, m: Mention) -> int:
        return self.head((m.start, m.end_token))


def trim(text: str, begin: int, end: int) -> tuple[int, int] | None:
    """Cut edge punctuation off a content span; keep a closing mark whose opening is inside."""
    while begin < end and text[begin] in _EDGE_PUNCT:
        begin += 1
    while end > begin and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    opened = False  # a quotation opened inside and not closed
    for found in re.finditer("''|``|[“”\"]", text[begin:end]):
        ch = found.group()
        opened = (not opened) if ch == '"' else ch in {"“", "``"}
    if opened and end < len(text):
        # the closing mark, also after the sentence's point ("never seen water like this.")
        stop = end + 1 if text[end] in ".,!?" else end
        for mark in ("''", "”", '"'):
            if text.startswith(mark, stop):
                end = stop + len(mark)
                break
    if not any(ch.isalnum() or ch == "_" for ch in text[begin:end]):
        return None
    return begin, end

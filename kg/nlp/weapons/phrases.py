"""Weapon noun phrases: the class vocabulary as token phrases, and where a phrase starts and ends.

A named system takes the weapon noun phrase it heads ("HIMARS" + "launchers", "Stugna-P" +
"anti-tank guided missile launcher"); a generic phrase ("cruise missiles", "a mortar round")
is a run of vocabulary words and descriptors ending in a head noun. Words are compared
lowercase and singular; a word written as a proper name never joins a generic phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.core.weapons import WeaponClass, singular, word_set

# The Doc.user_data key under which the ruler leaves every token's lowercase singular while
# it runs, so the phrase look-ups below need not make a Token for each word they try.
WORDS_KEY = "kg_weapon_words"

__all__ = ["WORDS_KEY", "DESIGNATION", "WeaponPhrases", "is_designation", "looks_common"]


# Extra descriptors allowed inside a generic weapon phrase besides the vocabulary's words.
_DESCRIPTORS = word_set(
    "guided unguided heavy light long short medium range long-range short-range "
    "medium-range precision mobile towed self propelled self-propelled unmanned "
    "kamikaze suicide attack combat loitering exploding one-way fpv first person view "
    "portable shoulder fired shoulder-fired multiple launch - hypersonic "
    "supersonic subsonic strategic tactical modern new older advanced solid liquid fuel "
    "solid-fuel nuclear capable nuclear-capable multi barrel barrelled calibre caliber "
    "large small hunting"
)
# Heads that may close a named system's phrase but are no generic weapon on their own.
_NAMED_HEADS = word_set(
    "system systems battery batteries complex complexes platform platforms launcher "
    "launchers vehicle vehicles round rounds munition munitions interceptor interceptors "
    "aircraft plane planes jet jets gun guns"
)
DESIGNATION = re.compile(
    r"(?<![\w/-])(?:"
    r"[A-Z][A-Za-z]{0,7}-\d{1,4}[A-Za-z0-9]{0,4}(?:-\d{1,3}[A-Za-z]?)?"  # Kh-555, ZSU-23-4
    r"|[A-Z]{1,3}\d{1,4}[A-Z]?\d{0,2}"  # M142, TB2, M1A1
    r"|\d{1,2}[A-Z]{1,2}\d{1,4}[A-Z]?"  # 2S19, 9M723
    r"|[A-Z][A-Za-z]{1,7}-[A-Z]{1,2}\d{0,2}"  # Tor-M2, Msta-B, IRIS-T
    r"|Type \d{2,3}[A-Z]?"  # Type 99, Type 055, Type 45: Chinese, Japanese, British
    r")s?(?![\w-])"
)
_NOT_IN_PHRASE = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "NUM"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_VERB_LIKE = frozenset({"launch", "attack", "strike", "fire"})
_HYPHEN_ONLY = frozenset(
    {"to", "one", "way", "person", "view", "type", "self", "fired", "launched", "propelled"}
)


class WeaponPhrases:
    """The generic phrases of a class vocabulary, with the words that may build them."""

    def __init__(self, nlp: Language, classes: Iterable[WeaponClass]) -> None:
        # Token tuples (lowercase, singular) -> class term.
        self.phrases: dict[tuple[str, ...], str] = {}
        # Phrases that often mean something else ("vehicle", "shell"): they need support.
        self.ambiguous: set[tuple[str, ...]] = set()
        for wclass in classes:
            for noun in wclass.nouns:
                words = tuple(singular(t.lower_) for t in nlp.make_doc(noun))
                self.phrases.setdefault(words, wclass.term)
                if noun in wclass.ambiguous:
                    self.ambiguous.add(words)
        # One-word phrases ("missile", "howitzer"; "jet" is ambiguous): they tell whether a
        # text is about weapons (kg.nlp.weapons.uses.is_conflict_text).
        self.single_words = frozenset(
            p[0] for p in self.phrases if len(p) == 1 and p not in self.ambiguous
        )
        self.ambiguous_words = frozenset(p[0] for p in self.ambiguous)
        self.longest = max((len(p) for p in self.phrases), default=1)
        self.heads = frozenset(p[-1] for p in self.phrases)
        self.words = frozenset(w for p in self.phrases for w in p) | _DESCRIPTORS
        self.named_heads = self.heads | {singular(w) for w in _NAMED_HEADS}

    def head_phrase_end(self, doc: Doc, end: int) -> int:
        """Extend a name over the weapon noun phrase it modifies ("... anti-tank launcher")."""
        best = end
        i = end
        while i < len(doc) and i - end < 8:
            token = doc[i]
            word = singular(token.lower_)
            if word in self.named_heads and looks_common(token):
                best = i + 1
            elif not (word in self.words and looks_common(token)) and not (
                is_designation(token.text) and i == end
            ):
                break
            i += 1
        return best

    def generic_phrase_end(self, doc: Doc, start: int) -> int:
        """Return the end of a generic weapon phrase starting at `start` (start if none)."""
        best = start
        for i in range(start, min(len(doc), start + 6)):
            token = doc[i]
            word = singular(token.lower_)
            if not (word in self.words and looks_common(token)):
                break
            if word in self.heads and self.phrase_suffix(doc, start, i + 1):
                best = i + 1
        return best

    def phrase_start(self, doc: Doc, head: int) -> int | None:
        """Return where the generic phrase ending at `head` starts, None if it is none."""
        suffix = self.phrase_suffix(doc, head + 1 - self.longest, head + 1)
        if suffix is None:
            return None
        start = suffix
        while start > 0:
            prev = doc[start - 1]
            if singular(prev.lower_) in self.words and looks_common(prev):
                start -= 1
            else:
                break
        while start < head and (
            not doc[start].is_alpha
            or (doc[start].pos_ in _NOT_IN_PHRASE and doc[start].dep_ not in _MODIFIER_DEPS)
            or (doc[start].lower_ in _VERB_LIKE and start < suffix)
            or _is_hyphen_joined_after(doc, start)
        ):
            start += 1  # "to launch missiles": the verb is no part of the phrase
        return start

    def phrase_suffix(self, doc: Doc, lo: int, end: int) -> int | None:
        """Return the start of the longest vocabulary phrase ending at token `end`."""
        known = doc.user_data.get(WORDS_KEY)  # every token's lowercase singular, if given
        for start in range(max(0, lo), end):
            if known is not None:
                words = tuple(known[start:end])
            else:
                words = tuple(singular(t.lower_) for t in doc[start:end])
            if words in self.phrases:
                return start
        return None

    def class_of(self, span: Span) -> str:
        """Return the class of the longest (then rightmost) vocabulary phrase in `span`."""
        words = [singular(t.lower_) for t in span]
        best = ("", 0, -1)
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                term = self.phrases.get(tuple(words[i:j]))
                if term and (j - i, j) > (best[1], best[2]):
                    best = (term, j - i, j)
        return best[0]


def is_designation(text: str) -> bool:
    """Tell whether a word is a designation with a digit ("Kh-555", "M142", "2S19")."""
    return bool(DESIGNATION.fullmatch(text)) and any(c.isdigit() for c in text)


def looks_common(token: Token) -> bool:
    """Tell whether a token is written as a common word or acronym, not a proper name."""
    text = token.text
    if text.lower() in _HYPHEN_ONLY and not _is_hyphen_joined(token):
        return False  # "to" belongs to "surface-to-air", not to "jets to bomb"
    return (
        text.islower()
        or (text.isupper() and len(text) >= 3)
        or (len(text) >= 4 and text[-1] == "s" and text[:-1].isupper())  # "IEDs", "UAVs"
        or token.is_sent_start
        or text == "-"
    )


def _is_hyphen_joined_after(doc: Doc, i: int) -> bool:
    """Tell whether word `i` ends a hyphenated word that starts outside the phrase
    ("Chinese-made drones": "made" belongs to "Chinese-made")."""
    return (
        i >= 2
        and doc[i - 1].text in {"-", "‑"}
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
    )


def _is_hyphen_joined(token: Token) -> bool:
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
    return before or after

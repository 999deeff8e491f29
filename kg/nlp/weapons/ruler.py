"""Weapon recognition: a spaCy component that marks weapon mentions as `WEAPON` entities.

What counts as a weapon mention, and what its span is:

* Named systems from the lexicon (kg/data/weapons.jsonl): "HIMARS", "Stugna-P", "S-300",
  "Bayraktar TB2", with or without a designation prefix or maker name the lexicon lists
  ("M142 HIMARS"). A name that is also a common word or name ("Patriot", "Javelin",
  "Leopard", "Abrams") counts only when a weapon head noun follows it or its sentence talks
  about weapons, and never inside a longer capitalised name ("Patriot Front").
* Designations that are not in the lexicon: tokens shaped like "Kh-555", "Tor-M2", "2S19",
  "BM-30", "Su-34". One that matches a designation family of the lexicon ("Kh-", "Su-",
  "BM-", "2S") counts on its own; any other needs a weapon head noun right after it
  ("XR-7 launchers") or an instrument position (see below). A capitalised word followed by
  a weapon head noun ("Harop drones") counts when it is no place, nationality or known group.
* Warships by name after a navy's prefix ("USS Carney", "HMS Prince of Wales"), their hull
  number in brackets and their bare name later (kg.nlp.weapons.ships).
* The span is the system name plus the weapon noun phrase that it heads, if any:
  "HIMARS launchers", "Himars multiple launch system", "Stugna-P anti-tank guided missile
  launcher", "Kh-101 cruise missiles", and a class noun right before it ("the frigate HMS
  Kent"). Determiners, numbers, calibres, origin and operator adjectives ("US-made",
  "Russian", "a", "four") stay outside.
* Generic class phrases ("rockets", "a mortar round", "cruise missiles", "two VBIEDs",
  "military hardware") in text about conflict: as the instrument of an attack, or, with a
  parse, wherever the text uses them for weapons (kg.nlp.weapons.generics and .uses; the
  policy is ontology/README.md, "What counts as a weapon mention").

Every weapon span gets label WEAPON, `span.id_` = a term of the class vocabulary
(kg/data/weapon_classes.tsv; "" when a designation's class cannot be told) and
`span.kb_id_` = the lexicon's Wikidata id ("" when none is certain). Weapon spans replace
every entity they overlap (the statistical NER tags "HIMARS" as ORG or "Iron Dome" as
PERSON); all other entities are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, registry

from kg.core import lexicon
from kg.core.weapons import (
    WeaponClass,
    WeaponEntry,
    alias_variants,
    is_case_free,
    load_weapon_classes,
    load_weapon_context,
    load_weapon_lexicon,
    singular,
    word_set,
)
from kg.nlp.weapons.generics import find_generics
from kg.nlp.weapons.instruments import is_instrument
from kg.nlp.weapons.phrases import (
    DESIGNATION,
    WORDS_KEY,
    WeaponPhrases,
    is_designation,
    looks_common,
)
from kg.nlp.weapons.ships import find_ships
from kg.nlp.weapons.uses import is_conflict_text

__all__ = [
    "SYSTEM_ATTR",
    "WEAPON_LABEL",
    "WeaponClass",
    "WeaponEntry",
    "WeaponRuler",
    "load_weapon_classes",
    "load_weapon_lexicon",
    "make_weapon_ruler",
]

registry.misc.register("kg.weapon_lexicon.v1", func=load_weapon_lexicon)
registry.misc.register("kg.weapon_classes.v1", func=load_weapon_classes)

WEAPON_LABEL = "WEAPON"
# The span extension (`span._.kg_weapon_system`) naming the system a weapon span is of.
SYSTEM_ATTR = "kg_weapon_system"


# Arabic articles of names ("al-", "el-"): an ambiguous weapon name after one is a name's.
_NAME_ARTICLES = frozenset({"al", "el", "al-", "el-"})
# Words that mean the surrounding sentence is about weapons (for ambiguous names).
_CONTEXT_WORDS = word_set(
    "missile rocket launcher drone howitzer artillery tank weapon weapons arms battery "
    "interceptor munition shell air defence defense fire fired firing launch launched "
    "intercept intercepted strike struck strikes shot military army troops forces "
    "soldiers battlefield front-line frontline aid package deliver delivered supply "
    "supplied jet jets fighter helicopter bomber warship armour armor vehicle vehicles "
    "aircraft bomb bombs sortie sorties reconnaissance"
)
_STRONG_SHAPE = re.compile(r".*\d")  # designations with a digit; others need a head noun
_SENTENCE_OPENERS = frozenset({".", "!", "?", ":", '"', "“", "”", "'", "‘", "(", "-", "—"})
_DEMONYM_ENDINGS = ("an", "ese", "i", "ish", "ch", "ic")


@Language.factory(
    "kg_weapon_ruler",
    requires=["doc.ents"],
    assigns=["doc.ents"],
    default_config={
        "lexicon": {"@misc": "kg.weapon_lexicon.v1"},
        "classes": {"@misc": "kg.weapon_classes.v1"},
    },
)
def make_weapon_ruler(
    nlp: Language, name: str, lexicon: Sequence[Any], classes: Sequence[Any]
) -> WeaponRuler:
    """Build the weapon recogniser from a lexicon and a class vocabulary."""
    return WeaponRuler(nlp, lexicon, classes)


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    weapon_class: str
    kb_id: str
    system: str = ""  # the named system ("HIMARS", "Kh-555"); "" for a generic class


class WeaponRuler:
    """Mark weapon mentions (named systems, designations, generic classes in use) as WEAPON."""

    def __init__(
        self,
        nlp: Language,
        lexicon: Iterable[WeaponEntry],
        classes: Iterable[WeaponClass],
    ) -> None:
        self.entries = tuple(lexicon)
        self.classes = tuple(classes)
        terms = {c.term for c in self.classes}
        for entry in self.entries:
            if entry.weapon_class not in terms:
                raise ValueError(
                    f"weapon lexicon entry {entry.name!r} has class {entry.weapon_class!r}, "
                    f"which is not in the class vocabulary; use one of {sorted(terms)} or add "
                    f"it to kg/data/weapon_classes.tsv"
                )
        self._case_free = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._case_kept = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._families: list[tuple[re.Pattern[str], WeaponEntry]] = []
        # designations of the lexicon by their letters and digits, for their variants
        self._designated: dict[str, WeaponEntry] = {}
        for n, entry in enumerate(self.entries):
            for alias in (entry.name, *entry.aliases):
                if any(c.isdigit() for c in alias) and alias not in entry.ambiguous:
                    self._designated.setdefault(_designation_key(alias), entry)
            if entry.pattern:
                self._families.append((re.compile(rf"(?:{entry.pattern})s?"), entry))
                continue
            for alias in alias_variants((entry.name, *entry.aliases)):
                key = (
                    f"{n}?"
                    if alias in entry.ambiguous or alias.rstrip("s") in entry.ambiguous
                    else f"{n}"
                )
                # an acronym that is also a word ("HARM", "SCALP") only in its capitals
                free = is_case_free(alias) and alias.rstrip("s") not in entry.ambiguous
                matcher = self._case_free if free else self._case_kept
                matcher.add(key, [nlp.make_doc(alias)])
        self.phrases = WeaponPhrases(nlp, self.classes)
        self.context = load_weapon_context()
        self._singular: dict[int, str] = {}  # a lowercase form's hash -> its singular
        if not Span.has_extension(SYSTEM_ATTR):
            Span.set_extension(SYSTEM_ATTR, default="")

    def __call__(self, doc: Doc) -> Doc:
        has_dep = doc.has_annotation("DEP")
        words = self._words(doc)
        doc.user_data[WORDS_KEY] = words  # the phrase look-ups read them (kg.nlp.weapons.phrases)
        try:
            return self._find(doc, has_dep, words)
        finally:
            del doc.user_data[WORDS_KEY]

    def _find(self, doc: Doc, has_dep: bool, words: list[str]) -> Doc:
        found: list[_Found] = []
        found += self._named(doc)
        found += [
            _Found(start, end, "Warship", "", system)
            for start, end, system in find_ships(doc, words, self.context.ship_prefixes)
        ]
        found += self._designations(doc, has_dep, found, words)
        found += self._class_nouns_before_names(doc, words, found)
        found += [
            _Found(start, end, wclass, "")
            for start, end, wclass in find_generics(
                doc, words, [(f.start, f.end) for f in found], self.phrases, self.context
            )
        ]
        system_of: dict[tuple[int, int], str] = {}
        spans = []
        for f in found:
            span = Span(
                doc, f.start, f.end, label=WEAPON_LABEL, kb_id=f.kb_id, span_id=f.weapon_class
            )
            spans.append(span)
            system_of.setdefault((f.start, f.end), f.system)
        # "a fake suicide vest", "a replica gun": no weapon
        weapons = [s for s in filter_spans(spans) if not _feigned(words, s.start, s.end)]
        for span in weapons:
            span._.set(SYSTEM_ATTR, system_of[(span.start, span.end)])
        taken: set[int] = set()
        for span in weapons:
            taken.update(range(span.start, span.end))
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = sorted([*kept, *weapons], key=lambda s: s.start)
        return doc

    def _words(self, doc: Doc) -> list[str]:
        """Every token's lowercase singular (`singular(token.lower_)`), read from one array:
        the loops below make a spaCy Token only where these words allow a weapon phrase, not
        for each of a document's thousands of tokens (a third of this component's time)."""
        known = self._singular
        if len(known) > 200_000:
            known.clear()
        strings = doc.vocab.strings
        words = []
        for key in doc.to_array(LOWER).tolist():
            word = known.get(key)
            if word is None:
                word = known[key] = singular(strings[key])
            words.append(word)
        return words

    # -- named systems ---------------------------------------------------------------------

    def _named(self, doc: Doc) -> list[_Found]:
        found: list[_Found] = []
        matches = self._case_free(doc) + self._case_kept(doc)
        for match_id, start, end in matches:
            key = doc.vocab.strings[match_id]
            entry = self.entries[int(key.rstrip("?"))]
            if start > 0 and is_designation(doc[start - 1].text):
                start -= 1  # "M142 HIMARS", "9K720 Iskander"
            end = _variant_end(doc, end)
            head_end = self.phrases.head_phrase_end(doc, end)
            if key.endswith("?") and not self._is_weapon_use_of_name(doc, start, end, head_end):
                continue
            found.append(_Found(start, head_end, entry.weapon_class, entry.qid, entry.name))
        return found

    def _is_weapon_use_of_name(self, doc: Doc, start: int, end: int, head_end: int) -> bool:
        """Tell whether an ambiguous name ("Patriot", "Leopard") names the weapon here."""
        k = start - 1 if start > 0 and doc[start - 1].text != "-" else start - 2
        if k >= 0 and doc[k].lower_ in _NAME_ARTICLES:
            return False  # "Liwa al-Fajr", "Saraya al-Quds": a name's article, no weapon's
        if head_end > end:
            return True
        if start > 0:
            before = doc[start - 1]
            if (
                before.is_title
                and not before.is_sent_start
                and before.ent_type_ not in {"GPE", "NORP"}
                and before.lower_ not in {"the", "a", "an"}
            ):
                return False  # "New England Patriots", "General Abrams"
        if end < len(doc):
            after = doc[end]
            if after.is_title or after.lower_ in {"throw", "thrower", "throwers", "partners"}:
                return False  # "Patriot Front", "Javelin throw"
        sent = doc[start].sent if doc.has_annotation("SENT_START") else doc[:]
        return any(
            singular(t.lower_) in _CONTEXT_WORDS or t.lemma_.lower() in _CONTEXT_WORDS
            for t in sent
            if not start <= t.i < end
        )

    # -- designations ----------------------------------------------------------------------

    def _designations(
        self, doc: Doc, has_dep: bool, named: list[_Found], words: list[str]
    ) -> list[_Found]:
        covered = {i for f in named for i in range(f.start, f.end)}
        found: list[_Found] = []
        for match in DESIGNATION.finditer(doc.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None or any(i in covered for i in range(span.start, span.end)):
                continue
            text = match.group()
            # "Kh-101s" is the plural of the Kh-101 system.
            system = text[:-1] if text.endswith("s") and not text[-2].islower() else text
            family = next((e for rx, e in self._families if rx.fullmatch(text)), None)
            head_end = self.phrases.head_phrase_end(doc, span.end)
            if head_end == span.end and span.end < len(doc) and doc[span.end].is_title:
                named_end = self.phrases.head_phrase_end(doc, span.end + 1)
                if named_end > span.end + 1:
                    head_end = named_end  # "S-350 Vityaz launcher"
            if (entry := self._variant_of(system)) is not None:
                found.append(
                    _Found(span.start, head_end, entry.weapon_class, entry.qid, entry.name)
                )
                continue
            if family is not None:
                found.append(_Found(span.start, head_end, family.weapon_class, "", system))
                continue
            if not self._is_about_weapons(words):
                continue  # "A350 jets", "the A380" in airline news
            if words[head_end - 1] in self.context.named_only and "-" not in text:
                head_end = span.end  # "J-15 fighters", but "M23 fighters" are a group's men
            if head_end > span.end:
                wclass = self.phrases.class_of(doc[span.end : head_end])
                found.append(_Found(span.start, head_end, wclass, "", system))
            elif _STRONG_SHAPE.match(text) and is_instrument(
                doc, span.start, span.end - 1, has_dep
            ):
                found.append(_Found(span.start, span.end, "", "", system))
        found += self._capitalised_names(
            doc, covered | {i for f in found for i in range(f.start, f.end)}, words
        )
        return found

    def _variant_of(self, designation: str) -> WeaponEntry | None:
        """The lexicon's system a variant designation belongs to: "F-16C" is an F-16,
        "Su-30SM" a Su-30, "E-3D" an E-3 (the letters and digit after the last digit)."""
        variant = _VARIANT.fullmatch(designation)
        return self._designated.get(_designation_key(variant.group(1))) if variant else None

    def _is_about_weapons(self, words: list[str]) -> bool:
        return is_conflict_text(
            words, self.context, self.phrases.single_words, self.phrases.ambiguous_words
        )

    def _capitalised_names(self, doc: Doc, covered: set[int], words: list[str]) -> list[_Found]:
        """Find unknown names right before a weapon head ("Harop drones", "Bars drone")."""
        found: list[_Found] = []
        if not self._is_about_weapons(words):
            return found
        vocabulary = self.phrases.words  # a generic phrase's first word is one of them
        for i in [i for i in range(len(words) - 1) if words[i + 1] in vocabulary]:
            token = doc[i]
            if token.i in covered or token.is_stop or len(token) < 3:
                continue
            if not token.text[0].isupper() or (
                token.is_upper and token.ent_type_ in {"ORG", "GPE"}
            ):
                continue
            if _starts_sentence(token) or not token.is_alpha or not token.whitespace_:
                continue  # "Counter-IED" is one word: a programme, not a named weapon
            if token.ent_type_ in {"GPE", "LOC", "FAC", "DATE"} or _is_place_word(token):
                continue
            if token.ent_type_ == "NORP" and token.lower_.endswith(_DEMONYM_ENDINGS):
                continue  # "Houthi missiles": who fired, not what
            before = doc[token.i - 1]
            if before.is_title and not _starts_sentence(before):
                continue  # part of a longer name
            head_end = self.phrases.generic_phrase_end(doc, token.i + 1)
            if head_end == token.i + 1:
                continue
            if self._is_named_alone_elsewhere(doc, token):
                continue  # an operator ("Hezbollah drones" where Hezbollah also acts alone)
            head = doc[token.i + 1 : head_end]
            if head_end == token.i + 2 and (words[token.i + 1],) in self.phrases.ambiguous:
                continue  # "Airbus aircraft", "Boeing jets": a maker, not a weapon's name
            wclass = self.phrases.class_of(head)
            if wclass:
                found.append(_Found(token.i, head_end, wclass, "", token.text))
        return found

    def _is_named_alone_elsewhere(self, doc: Doc, token: Token) -> bool:
        """Tell whether the word also stands in the text without a weapon noun after it."""
        for other in doc:
            if (
                other.i != token.i
                and other.lower_.rstrip("s") == token.lower_.rstrip("s")
                and self.phrases.generic_phrase_end(doc, other.i + 1) == other.i + 1
            ):
                return True
        return False

    # -- generic class phrases -------------------------------------------------------------

    def _class_nouns_before_names(
        self, doc: Doc, words: list[str], named: list[_Found]
    ) -> list[_Found]:
        """Extend a name over the class noun right before it: "the frigate FS Forbin", "the
        aircraft carrier FS Charles de Gaulle" are one mention of the named system."""
        found: list[_Found] = []
        for f in named:
            k = f.start - 1
            if not f.system or k < 0 or words[k] not in self.phrases.heads:
                continue
            if not looks_common(doc[k]):
                continue
            start = self.phrases.phrase_start(doc, k)
            if start is not None:
                found.append(_Found(start, f.end, f.weapon_class, f.kb_id, f.system))
        return found


# A designation, then a variant's letters and an optional digit: "F-16C", "Su-30SM", "E-3D".
_VARIANT = re.compile(r"(.*\d)[A-Z]{1,3}\d?")


def _designation_key(text: str) -> str:
    return re.sub(r"[\s\-‐‑–]", "", text.lower())


def _variant_end(doc: Doc, end: int) -> int:
    """Extend a name over a written-on variant suffix ("Msta" + "-B", "Buk" + "-M1")."""
    if (
        end + 1 < len(doc)
        and doc[end].text in {"-", "‑"}
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and re.fullmatch(r"[A-Z]{1,2}\d{0,2}[A-Z]?", doc[end + 1].text)
    ):
        return end + 2
    return end


def _starts_sentence(token: Token) -> bool:
    if token.i == 0 or token.is_sent_start:
        return True
    return token.doc[token.i - 1].text in _SENTENCE_OPENERS


def _is_place_word(token: Token) -> bool:
    return token.lower_ in lexicon.demonym_country()


# Words that make what follows them no weapon at all.
_FEIGNED = frozenset({"fake", "replica", "imitation", "toy", "dummy", "mock", "hoax", "sham"})


def _feigned(words: list[str], start: int, end: int) -> bool:
    """Whether the weapon phrase at [start, end) is a fake one: "a fake suicide vest",
    "a replica gun", "fake bomb vest" (the word before it or inside it)."""
    before = words[max(0, start - 2) : start]
    return any(w in _FEIGNED for w in (*before, *words[start:end]))

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
* The span is the system name plus the weapon noun phrase that it heads, if any:
  "HIMARS launchers", "Himars multiple launch system", "Stugna-P anti-tank guided missile
  launcher", "Kh-101 cruise missiles". Determiners, numbers, calibres, origin and operator
  adjectives ("US-made", "Russian", "a", "four") stay outside.
* Generic class phrases ("rockets", "a mortar round", "cruise missiles", "kamikaze drones",
  "artillery") count only as the instrument of an attack: subject of an attack or firing
  verb ("rockets hit", "helicopters dropped"), object of a firing or intercepting verb
  ("fired rockets", "shot down drones"), agent of an attack ("struck by rockets", "attacked
  with drones"), what a barrage is made of ("a barrage of missiles"), or the modifier of an
  attack noun ("a missile strike", "artillery fire": the span is then the modifier alone).
  "Missile defence", "talked about missiles" and "the missile crisis" are not mentions.
  With a dependency parse these positions are read from the parse, otherwise from the
  neighbouring words.

Every weapon span gets label WEAPON, `span.id_` = a term of the class vocabulary
(kg/data/weapon_classes.tsv; "" when a designation's class cannot be told) and
`span.kb_id_` = the lexicon's Wikidata id ("" when none is certain). Weapon spans replace
every entity they overlap (the statistical NER tags "HIMARS" as ORG or "Iron Dome" as
PERSON); all other entities are kept.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, registry

from kg import lexicon

__all__ = [
    "WEAPON_LABEL",
    "WeaponClass",
    "WeaponEntry",
    "WeaponRuler",
    "load_weapon_classes",
    "load_weapon_lexicon",
    "make_weapon_ruler",
]

WEAPON_LABEL = "WEAPON"


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Closed-class cue words of the instrument rules (lemmas, lowercase). Grammar, not lexicon.
_ATTACK_VERBS = _word_set(
    "hit strike kill destroy damage wound injure land explode slam pound target smash "
    "demolish blast shell bomb attack crash fall rain level flatten pierce shatter tear rip "
    "batter hammer cause set ignite raze"
)
_FIRE_VERBS = _word_set(
    "fire launch use shoot drop deploy lob hurl unleash intercept down employ detonate "
    "plant lay aim direct test-fire"
)
_ATTACK_NOUNS = _word_set(
    "attack strike barrage salvo fire shelling bombardment raid assault hit launch "
    "impact onslaught volley"
)
_BARRAGE_NOUNS = _word_set("barrage salvo wave swarm volley hail rain")
_QUANTITY_NOUNS = _word_set(
    "hundred hundreds dozen dozens thousand thousands score scores number handful "
    "pair couple series dozen"
)
_AGENT_PREPS = frozenset({"by", "with"})
# Words that mean the surrounding sentence is about weapons (for ambiguous names).
_CONTEXT_WORDS = _word_set(
    "missile rocket launcher drone howitzer artillery tank weapon weapons arms battery "
    "interceptor munition shell air defence defense fire fired firing launch launched "
    "intercept intercepted strike struck strikes shot military army troops forces "
    "soldiers battlefield front-line frontline aid package deliver delivered supply "
    "supplied jet jets fighter helicopter bomber warship armour armor vehicle vehicles"
)
# Extra descriptors allowed inside a generic weapon phrase besides the vocabulary's words.
_DESCRIPTORS = _word_set(
    "guided unguided heavy light long short medium range long-range short-range "
    "medium-range precision mobile towed self propelled self-propelled unmanned "
    "kamikaze suicide attack combat loitering exploding one-way fpv first person view "
    "portable shoulder fired shoulder-fired multiple launch - hypersonic "
    "supersonic subsonic strategic tactical modern new older advanced solid liquid fuel "
    "solid-fuel nuclear capable nuclear-capable multi barrel barrelled calibre caliber "
    "large small hunting"
)
# Heads that may close a named system's phrase but are no generic weapon on their own.
_NAMED_HEADS = _word_set(
    "system systems battery batteries complex complexes platform platforms launcher "
    "launchers vehicle vehicles round rounds munition munitions interceptor interceptors "
    "aircraft plane planes jet jets gun guns"
)
_DESIGNATION = re.compile(
    r"(?<![\w/-])(?:"
    r"[A-Z][A-Za-z]{0,7}-\d{1,4}[A-Za-z0-9]{0,4}(?:-\d{1,3}[A-Za-z]?)?"  # Kh-555, ZSU-23-4
    r"|[A-Z]{1,3}\d{1,4}[A-Z]?\d{0,2}"  # M142, TB2, M1A1
    r"|\d{1,2}[A-Z]{1,2}\d{1,4}[A-Z]?"  # 2S19, 9M723
    r"|[A-Z][A-Za-z]{1,7}-[A-Z]{1,2}\d{0,2}"  # Tor-M2, Msta-B, IRIS-T
    r")s?(?![\w-])"
)
_STRONG_SHAPE = re.compile(r".*\d")  # designations with a digit; others need a head noun
_NOT_IN_PHRASE = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "NUM"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_VERB_LIKE = frozenset({"launch", "attack", "strike", "fire"})
_HYPHEN_ONLY = frozenset(
    {"to", "one", "way", "person", "view", "type", "self", "fired", "launched", "propelled"}
)
_SENTENCE_OPENERS = frozenset({".", "!", "?", ":", '"', "“", "”", "'", "‘", "(", "-", "—"})
_DEMONYM_ENDINGS = ("an", "ese", "i", "ish", "ch", "ic")
_SINGULAR_EXCEPTIONS = {"aircraft": "aircraft", "series": "series", "arms": "arms"}


@dataclass(frozen=True, slots=True)
class WeaponClass:
    """A term of the weapon class vocabulary (one row of kg/data/weapon_classes.tsv)."""

    term: str  # UpperCamelCase, e.g. "RocketArtillery"
    label: str
    broader: str  # the term it specialises, "" for a top concept
    definition: str
    nouns: tuple[str, ...]  # generic English phrases naming the class, singular


@dataclass(frozen=True, slots=True)
class WeaponEntry:
    """A lexicon entry: a named weapon system, or a family of designations (`pattern`)."""

    name: str
    aliases: tuple[str, ...]
    weapon_class: str
    qid: str = ""
    maker: str = ""
    country: str = ""
    ambiguous: tuple[str, ...] = ()  # aliases that need a weapon context
    pattern: str = ""  # for a designation family: a regular expression over the text


def load_weapon_lexicon() -> tuple[WeaponEntry, ...]:
    """Read the weapon lexicon (kg/data/weapons.jsonl)."""
    return _weapon_lexicon()


def load_weapon_classes() -> tuple[WeaponClass, ...]:
    """Read the weapon class vocabulary (kg/data/weapon_classes.tsv)."""
    return _weapon_classes()


registry.misc.register("kg.weapon_lexicon.v1", func=load_weapon_lexicon)
registry.misc.register("kg.weapon_classes.v1", func=load_weapon_classes)


@lru_cache(maxsize=1)
def _weapon_lexicon() -> tuple[WeaponEntry, ...]:
    text = resources.files("kg").joinpath("data", "weapons.jsonl").read_text(encoding="utf-8")
    entries = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            row = json.loads(line)
            entries.append(
                WeaponEntry(
                    name=row["name"],
                    aliases=tuple(row.get("aliases", ())),
                    weapon_class=row["class"],
                    qid=row.get("qid", ""),
                    maker=row.get("maker", ""),
                    country=row.get("country", ""),
                    ambiguous=tuple(row.get("ambiguous", ())),
                    pattern=row.get("pattern", ""),
                )
            )
        except (ValueError, KeyError) as exc:
            raise ValueError(
                f"kg/data/weapons.jsonl line {n}: {exc!s} in {line[:80]!r}; each line must be "
                f'a JSON object with at least "name" and "class"'
            ) from exc
    return tuple(entries)


@lru_cache(maxsize=1)
def _weapon_classes() -> tuple[WeaponClass, ...]:
    text = resources.files("kg").joinpath("data", "weapon_classes.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(
        (line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"
    )
    return tuple(
        WeaponClass(
            term=row["term"].strip(),
            label=row["label"].strip(),
            broader=(row.get("broader") or "").strip(),
            definition=(row.get("definition") or "").strip(),
            nouns=tuple(n.strip() for n in (row.get("nouns") or "").split("|") if n.strip()),
        )
        for row in rows
    )


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
        for n, entry in enumerate(self.entries):
            if entry.pattern:
                self._families.append((re.compile(rf"(?:{entry.pattern})s?"), entry))
                continue
            for alias in _alias_variants((entry.name, *entry.aliases)):
                key = (
                    f"{n}?"
                    if alias in entry.ambiguous or alias.rstrip("s") in entry.ambiguous
                    else f"{n}"
                )
                matcher = self._case_free if _is_case_free(alias) else self._case_kept
                matcher.add(key, [nlp.make_doc(alias)])
        # Generic phrases: token tuples (lowercase, singular) -> class term.
        self._phrases: dict[tuple[str, ...], str] = {}
        for wclass in self.classes:
            for noun in wclass.nouns:
                words = tuple(_singular(t.lower_) for t in nlp.make_doc(noun))
                self._phrases.setdefault(words, wclass.term)
        self._longest = max((len(p) for p in self._phrases), default=1)
        self._heads = frozenset(p[-1] for p in self._phrases)
        self._words = frozenset(w for p in self._phrases for w in p) | _DESCRIPTORS
        self._named_heads = self._heads | {_singular(w) for w in _NAMED_HEADS}

    def __call__(self, doc: Doc) -> Doc:
        has_dep = doc.has_annotation("DEP")
        found: list[_Found] = []
        found += self._named(doc)
        found += self._designations(doc, has_dep, found)
        found += self._generics(doc, has_dep)
        spans = [
            Span(doc, f.start, f.end, label=WEAPON_LABEL, kb_id=f.kb_id, span_id=f.weapon_class)
            for f in found
        ]
        weapons = filter_spans(spans)
        taken: set[int] = set()
        for span in weapons:
            taken.update(range(span.start, span.end))
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = sorted([*kept, *weapons], key=lambda s: s.start)
        return doc

    # -- named systems ---------------------------------------------------------------------

    def _named(self, doc: Doc) -> list[_Found]:
        found: list[_Found] = []
        matches = self._case_free(doc) + self._case_kept(doc)
        for match_id, start, end in matches:
            key = doc.vocab.strings[match_id]
            entry = self.entries[int(key.rstrip("?"))]
            if start > 0 and _is_designation(doc[start - 1].text):
                start -= 1  # "M142 HIMARS", "9K720 Iskander"
            end = _variant_end(doc, end)
            head_end = self._head_phrase_end(doc, end)
            if key.endswith("?") and not self._is_weapon_use_of_name(doc, start, end, head_end):
                continue
            found.append(_Found(start, head_end, entry.weapon_class, entry.qid))
        return found

    def _is_weapon_use_of_name(self, doc: Doc, start: int, end: int, head_end: int) -> bool:
        """Tell whether an ambiguous name ("Patriot", "Leopard") names the weapon here."""
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
            _singular(t.lower_) in _CONTEXT_WORDS or t.lemma_.lower() in _CONTEXT_WORDS
            for t in sent
            if not start <= t.i < end
        )

    def _head_phrase_end(self, doc: Doc, end: int) -> int:
        """Extend a name over the weapon noun phrase it modifies ("... anti-tank launcher")."""
        best = end
        i = end
        while i < len(doc) and i - end < 8:
            token = doc[i]
            word = _singular(token.lower_)
            if word in self._named_heads and _looks_common(token):
                best = i + 1
            elif not (word in self._words and _looks_common(token)) and not (
                _is_designation(token.text) and i == end
            ):
                break
            i += 1
        return best

    # -- designations ----------------------------------------------------------------------

    def _designations(self, doc: Doc, has_dep: bool, named: list[_Found]) -> list[_Found]:
        covered = {i for f in named for i in range(f.start, f.end)}
        found: list[_Found] = []
        for match in _DESIGNATION.finditer(doc.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None or any(i in covered for i in range(span.start, span.end)):
                continue
            text = match.group()
            family = next((e for rx, e in self._families if rx.fullmatch(text)), None)
            head_end = self._head_phrase_end(doc, span.end)
            if head_end == span.end and span.end < len(doc) and doc[span.end].is_title:
                named_end = self._head_phrase_end(doc, span.end + 1)
                if named_end > span.end + 1:
                    head_end = named_end  # "S-350 Vityaz launcher"
            if family is not None:
                found.append(_Found(span.start, head_end, family.weapon_class, ""))
                continue
            if head_end > span.end:
                wclass = self._class_of(doc[span.end : head_end])
                found.append(_Found(span.start, head_end, wclass, ""))
            elif _STRONG_SHAPE.match(text) and self._is_instrument(
                doc, span.start, span.end - 1, has_dep
            ):
                found.append(_Found(span.start, span.end, "", ""))
        found += self._capitalised_names(
            doc, covered | {i for f in found for i in range(f.start, f.end)}
        )
        return found

    def _capitalised_names(self, doc: Doc, covered: set[int]) -> list[_Found]:
        """Find unknown names right before a weapon head ("Harop drones", "Bars drone")."""
        found: list[_Found] = []
        for token in doc:
            if token.i in covered or token.is_stop or len(token) < 3:
                continue
            if not token.text[0].isupper() or (
                token.is_upper and token.ent_type_ in {"ORG", "GPE"}
            ):
                continue
            if _starts_sentence(token) or not token.is_alpha:
                continue
            if token.ent_type_ in {"GPE", "LOC", "FAC", "DATE"} or _is_place_word(token):
                continue
            if token.ent_type_ == "NORP" and token.lower_.endswith(_DEMONYM_ENDINGS):
                continue  # "Houthi missiles": who fired, not what
            before = doc[token.i - 1]
            if before.is_title and not _starts_sentence(before):
                continue  # part of a longer name
            head_end = self._generic_phrase_end(doc, token.i + 1)
            if head_end == token.i + 1:
                continue
            if self._is_named_alone_elsewhere(doc, token):
                continue  # an operator ("Hezbollah drones" where Hezbollah also acts alone)
            head = doc[token.i + 1 : head_end]
            wclass = self._class_of(head)
            if wclass:
                found.append(_Found(token.i, head_end, wclass, ""))
        return found

    def _is_named_alone_elsewhere(self, doc: Doc, token: Token) -> bool:
        """Tell whether the word also stands in the text without a weapon noun after it."""
        for other in doc:
            if (
                other.i != token.i
                and other.lower_.rstrip("s") == token.lower_.rstrip("s")
                and self._generic_phrase_end(doc, other.i + 1) == other.i + 1
            ):
                return True
        return False

    def _generic_phrase_end(self, doc: Doc, start: int) -> int:
        """Return the end of a generic weapon phrase starting at `start` (start if none)."""
        best = start
        for i in range(start, min(len(doc), start + 6)):
            token = doc[i]
            word = _singular(token.lower_)
            if not (word in self._words and _looks_common(token)):
                break
            if word in self._heads and self._phrase_suffix(doc, start, i + 1):
                best = i + 1
        return best

    # -- generic class phrases -------------------------------------------------------------

    def _generics(self, doc: Doc, has_dep: bool) -> list[_Found]:
        found: list[_Found] = []
        for token in doc:
            word = _singular(token.lower_)
            if word not in self._heads or not _looks_common(token):
                continue
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if (
                nxt is not None
                and _singular(nxt.lower_) in self._heads
                and _looks_common(nxt)
                and self._phrase_suffix(doc, token.i + 1 - self._longest, token.i + 2) is not None
            ):
                continue  # not the last word of the phrase ("missile launcher")
            start = self._phrase_start(doc, token.i)
            if start is None:
                continue
            coordinated = (
                bool(found)
                and start >= 2
                and doc[start - 1].lower_ in {"and", "or", ","}
                and found[-1].end == start - 1
            )  # "with artillery and drones", whatever the parser attached "drones" to
            if not coordinated and not self._is_instrument(doc, start, token.i, has_dep):
                continue
            found.append(_Found(start, token.i + 1, self._class_of(doc[start : token.i + 1]), ""))
        return found

    def _phrase_start(self, doc: Doc, head: int) -> int | None:
        """Return where the generic phrase ending at `head` starts, None if it is none."""
        suffix = self._phrase_suffix(doc, head + 1 - self._longest, head + 1)
        if suffix is None:
            return None
        start = suffix
        while start > 0:
            prev = doc[start - 1]
            if _singular(prev.lower_) in self._words and _looks_common(prev):
                start -= 1
            else:
                break
        while start < head and (
            not doc[start].is_alpha
            or (doc[start].pos_ in _NOT_IN_PHRASE and doc[start].dep_ not in _MODIFIER_DEPS)
            or (doc[start].lower_ in _VERB_LIKE and start < suffix)
        ):
            start += 1  # "to launch missiles": the verb is no part of the phrase
        return start

    def _phrase_suffix(self, doc: Doc, lo: int, end: int) -> int | None:
        """Return the start of the longest vocabulary phrase ending at token `end`."""
        for start in range(max(0, lo), end):
            words = tuple(_singular(t.lower_) for t in doc[start:end])
            if words in self._phrases:
                return start
        return None

    def _class_of(self, span: Span) -> str:
        """Return the class of the longest (then rightmost) vocabulary phrase in `span`."""
        words = [_singular(t.lower_) for t in span]
        best = ("", 0, -1)
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                term = self._phrases.get(tuple(words[i:j]))
                if term and (j - i, j) > (best[1], best[2]):
                    best = (term, j - i, j)
        return best[0]

    # -- instrument positions --------------------------------------------------------------

    def _is_instrument(self, doc: Doc, start: int, head: int, has_dep: bool) -> bool:
        """Tell whether the phrase `start`..`head` names what an attack was carried out with."""
        if has_dep:
            return _is_instrument_by_parse(doc[head])
        return _is_instrument_by_context(doc, start, head)


def _is_instrument_by_parse(token: Token, depth: int = 0) -> bool:
    head = token.head
    dep = token.dep_
    lemma = head.lemma_.lower()
    if depth > 3:
        return False
    if dep == "conj" and head.i != token.i:
        return _is_instrument_by_parse(head, depth + 1)
    if dep == "appos":
        return _is_instrument_by_parse(head, depth + 1)
    if dep == "nsubj" and head.pos_ in {"VERB", "AUX"}:
        return lemma in _ATTACK_VERBS or lemma in _FIRE_VERBS
    if dep == "nsubjpass":
        return lemma in _FIRE_VERBS
    if dep in {"dobj", "obj"}:
        return lemma in _FIRE_VERBS or _is_phrasal_down(head)
    if dep in {"compound", "amod", "nmod"}:
        return _singular(head.lower_) in _ATTACK_NOUNS
    if dep == "pobj":
        prep = head
        pl = prep.lower_
        if pl in _AGENT_PREPS or prep.dep_ == "agent":
            governor = prep.head
            gl = governor.lemma_.lower()
            return (
                gl in _ATTACK_VERBS
                or gl in _FIRE_VERBS
                or _singular(governor.lower_) in _ATTACK_NOUNS
            )
        if pl == "of":
            governor = prep.head
            gw = _singular(governor.lower_)
            if gw in _BARRAGE_NOUNS or gw in _ATTACK_NOUNS:
                return True
            if gw in _QUANTITY_NOUNS or governor.pos_ == "NUM":
                return _is_instrument_by_parse(governor, depth + 1)
    return False


def _is_phrasal_down(verb: Token) -> bool:
    """Tell whether `verb` is "shoot down", "bring down", "knock out" and the like."""
    return verb.lemma_.lower() in {"shoot", "bring", "knock", "take"} and any(
        c.dep_ in {"prt", "advmod"} and c.lower_ in {"down", "out"} for c in verb.children
    )


_ATTACK_FORMS = _word_set(
    "hit hits hitting struck strike strikes striking killed kill kills killing destroyed "
    "destroys damaged damage damages wounded injured landed land lands exploded explode "
    "slammed pounded targeted smashed demolished blasted shelled bombed attacked crashed "
    "fell rained levelled leveled flattened pierced shattered tore ripped battered hammered "
    "caused set ignited razed"
)
_FIRE_FORMS = _word_set(
    "fire fires fired firing launch launches launched launching use uses used using shoot "
    "shoots shot shooting drop drops dropped dropping deploy deployed deploying lobbed "
    "hurled unleashed intercept intercepted intercepting downed employed detonated planted "
    "laid aimed directed test-fired"
)
_SKIPPABLE = _word_set(
    "a an the two three four five six seven eight nine ten dozens hundreds of more than "
    "several some at least about nearly over its their his her russian ukrainian israeli "
    "iranian american -"
)


def _is_instrument_by_context(doc: Doc, start: int, i: int) -> bool:
    """Guess the instrument position from neighbouring words (no dependency parse)."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None:
        if nxt.lower_ in _ATTACK_FORMS or nxt.lower_ in _FIRE_FORMS:
            return True  # "rockets hit", "helicopters dropped"
        if _singular(nxt.lower_) in _ATTACK_NOUNS and nxt.lower_ != "launch":
            return True  # "missile strike"
        if nxt.lower_ in {"was", "were", "had", "have", "has"} and i + 2 < len(doc):
            after = doc[i + 2].lower_
            if after in _FIRE_FORMS or after in _ATTACK_FORMS:
                return True  # "missiles were fired", "rockets had hit"
    j = start - 1
    while j >= 0 and (doc[j].lower_ in _SKIPPABLE or doc[j].like_num) and start - j < 6:
        j -= 1
    if j < 0:
        return False
    word = doc[j].lower_
    if word in _FIRE_FORMS:
        return True  # "fired four rockets"
    if (
        word in {"down", "out"}
        and j > 0
        and doc[j - 1].lower_ in {"shot", "shoot", "brought", "knocked"}
    ):
        return True
    if word in _AGENT_PREPS and j > 0:
        before = doc[j - 1].lower_
        return (
            before in _ATTACK_FORMS or before in _FIRE_FORMS or _singular(before) in _ATTACK_NOUNS
        )
    return _singular(word) in _BARRAGE_NOUNS


# -- small word functions --------------------------------------------------------------------


def _alias_variants(aliases: Iterable[str]) -> list[str]:
    """Spell each alias the ways news does: plural, hyphen or space before a number."""
    out: list[str] = []
    for alias in aliases:
        forms = {alias}
        if re.search(r"[A-Za-z]-\d", alias):
            forms.add(re.sub(r"([A-Za-z])-(\d)", r"\1 \2", alias))
            forms.add(re.sub(r"([A-Za-z])-(\d)", r"\1\2", alias))
        elif re.search(r"[A-Za-z] \d", alias):
            forms.add(re.sub(r"([A-Za-z]) (\d)", r"\1-\2", alias))
        for form in sorted(forms):
            if not form.endswith("s"):
                forms.add(form + "s")
        out.extend(sorted(forms))
    return out


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


def _is_case_free(alias: str) -> bool:
    """Tell whether an alias may match in any case: designations and long acronyms."""
    letters = [c for c in alias if c.isalpha()]
    return any(c.isdigit() for c in alias) or (len(letters) >= 4 and alias.isupper())


def _is_designation(text: str) -> bool:
    return bool(_DESIGNATION.fullmatch(text)) and any(c.isdigit() for c in text)


def _looks_common(token: Token) -> bool:
    """Tell whether a token is written as a common word or acronym, not a proper name."""
    text = token.text
    if text.lower() in _HYPHEN_ONLY and not _is_hyphen_joined(token):
        return False  # "to" belongs to "surface-to-air", not to "jets to bomb"
    return (
        text.islower() or (text.isupper() and len(text) >= 3) or token.is_sent_start or text == "-"
    )


def _is_hyphen_joined(token: Token) -> bool:
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
    return before or after


def _starts_sentence(token: Token) -> bool:
    if token.i == 0 or token.is_sent_start:
        return True
    return token.doc[token.i - 1].text in _SENTENCE_OPENERS


def _is_place_word(token: Token) -> bool:
    return token.lower_ in lexicon.demonym_country()


def _singular(word: str) -> str:
    """Return a crude singular of a lowercase English noun ("batteries" -> "battery")."""
    if word in _SINGULAR_EXCEPTIONS:
        return _SINGULAR_EXCEPTIONS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word

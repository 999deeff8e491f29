"""Named-entity coreference and NER on ECB+ and MEANTIME, with the pipeline's own mentions.

What is scored (no gold mention is given to the system):

- Gold: the PER/ORG/LOC mentions (eval.gold_texts) whose head is a proper noun (MEANTIME
  gives the head and its part of speech; for ECB+ the head is the token of the extent that
  the spaCy parse attaches outside it), cut down to the name they hold: the run of
  capitalised tokens around the head inside the extent (with "of", "and", "&", "-" between
  two of them), without a leading article or, for people, leading titles ("Norvale CEO Dana
  Voss" -> "Dana Voss", "the Coast Guard" -> "Coast Guard"). Two gold mentions with one name
  span (a list and its first member) count once, the tighter one.
- Predicted: the names of the resolved entities (no descriptions, no weapons).
- Both only in the sentences the gold covers (eval.gold_texts).

Coreference is scored in three views. End to end: every gold name against every predicted
name in the scored sentences (a missed or extra name costs recall or precision). Annotated:
the same, but a predicted name that overlaps no gold mention of the classes read is left
out (neither corpus marks every name: ECB+ marks the participants of its events, MEANTIME
the entities of its first sentences, and a name of something the gold is silent about can
be neither right nor wrong). Names both found: only the names both sides have (the same
mentions on both sides: what resolution alone gets right; B-cubed precision here counts
wrong merges only). The two baselines cluster the same predicted names: by exact string,
and by the lemma of the name's head token. The pipeline is not told the topics: all the
documents read (all ECB+ topics chosen, all of MEANTIME) are resolved as one corpus.

NER (MEANTIME): the same gold name spans with their class against the pipeline's entity
mentions and against the bare spaCy model's PERSON / ORG / GPE, LOC, FAC entities (leading
article and trailing possessive trimmed on both), exact span and class.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from eval.coref_scores import Cluster, Score, b_cubed, ceaf_e, conll_f1, muc
from eval.gold_texts import GoldMention, GoldText
from kg.core.model import Document, Entity, Parsed, Token

__all__ = [
    "Name",
    "NamedRun",
    "baseline_clusters",
    "gold_names",
    "ner_scores",
    "predicted_names",
    "run_pipeline",
    "score_table",
]

Key = tuple[str, int, int]  # (document, begin, end) of a name
_ARTICLES = frozenset({"the", "a", "an"})
_CONNECTORS = frozenset({"of", "and", "&", "-", "de", "du", "del", "van", "von", "da"})
# Titles before a person's name (the gold's extents keep them; names do not). An
# evaluation convention, kept apart from the project's own lexicons on purpose.
_TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
        "president", "vice", "prime", "minister", "secretary", "senator", "sen", "rep",
        "representative", "congressman", "congresswoman", "governor", "gov", "mayor", "judge",
        "justice", "general", "gen", "lt", "col", "colonel", "captain", "capt", "sgt",
        "sergeant", "officer", "detective", "chief", "executive", "ceo", "cfo", "coo",
        "chairman", "chairwoman", "director", "king", "queen", "prince", "princess", "pope",
        "rev", "reverend", "father", "sister", "brother", "st", "saint", "coach", "agent",
        "attorney", "deputy", "commissioner", "ambassador", "chancellor", "speaker",
        "sheriff", "inspector", "superintendent", "founder", "co-founder", "head",
        "spokesman", "spokeswoman", "analyst", "manager", "actor", "actress", "singer",
    }
)  # fmt: skip
_PIPELINE_KIND = {"Person": "PER", "Organisation": "ORG", "Place": "LOC"}
_SPACY_KIND = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


@dataclass(frozen=True, slots=True)
class Name:
    """One predicted name: where it is, what it says, its class and its entity."""

    key: Key
    text: str
    kind: str
    head_lemma: str
    group: str  # the corpus it was resolved in (an ECB+ topic, or all of MEANTIME)
    entity: str


@dataclass(frozen=True, slots=True)
class NamedRun:
    """What one run of the pipeline over a gold corpus gives the scorers."""

    texts: tuple[GoldText, ...]
    parsed: tuple[Parsed, ...]
    names: tuple[Name, ...]


def run_pipeline(
    texts: Sequence[GoldText], model: str | None, group_of: Callable[[GoldText], str]
) -> NamedRun:
    """Parse every text once, group its mentions, resolve each group; keep the names."""
    from kg.entities.in_document import group_mentions
    from kg.entities.resolution import resolve_entities
    from kg.nlp.analyzer import DEFAULT_MODEL, Analyzer

    documents = [
        Document(
            id=t.name,
            source=t.name,
            text=t.text,
            sha256=hashlib.sha256(t.text.encode("utf-8")).hexdigest(),
        )
        for t in texts
    ]
    parsed = tuple(Analyzer(model or DEFAULT_MODEL).parse(documents))
    by_group: dict[str, list[Entity]] = defaultdict(list)
    for text, p in zip(texts, parsed, strict=True):
        by_group[group_of(text)].extend(group_mentions(p))
    resolved = {group: resolve_entities(entities) for group, entities in sorted(by_group.items())}
    return NamedRun(tuple(texts), parsed, tuple(predicted_names(texts, parsed, resolved)))


def predicted_names(
    texts: Sequence[GoldText], parsed: Sequence[Parsed], resolved: dict[str, Sequence[Entity]]
) -> list[Name]:
    """The names of resolved entities that lie in scored sentences, one per span."""
    by_name = {t.name: (t, p) for t, p in zip(texts, parsed, strict=True)}
    names: dict[Key, Name] = {}
    for group, entities in resolved.items():
        for entity in entities:
            kind = _PIPELINE_KIND.get(entity.type)
            if kind is None:
                continue
            for m in entity.mentions:
                if m.label == "DESCRIPTION":  # "the ministry": no name (a lone given name
                    continue  # that refers to a full name, "Katie", is one: it is kept)
                text, p = by_name[m.doc_id]
                key = (m.doc_id, m.begin, m.end)
                if key in names or not _is_scored(text, m.begin):
                    continue
                lemma = _head_lemma(p.tokens, m.start, m.end_token)
                names[key] = Name(key, m.text, kind, lemma, group, f"{group}|{entity.key}")
    return sorted(names.values(), key=lambda n: n.key)


def _is_scored(text: GoldText, begin: int) -> bool:
    i = bisect.bisect_right([b for b, _ in text.spans], begin) - 1
    return i >= 0 and text.sentence_of[i] in text.scored


def _head_lemma(tokens: Sequence[Token], start: int, end: int) -> str:
    inside = tokens[start:end]
    head = next((t for t in inside if not start <= t.head < end or t.head == t.i), None)
    return (head or inside[-1]).lemma.lower() if inside else ""


def gold_names(text: GoldText, parsed: Parsed) -> dict[Key, tuple[str, str]]:
    """The gold names of one text in scored sentences: span -> (chain, class)."""
    found: dict[Key, tuple[str, str, int]] = {}
    heads = {id(m): _gold_head(text, parsed, m) for m in text.mentions}
    surnames = _chain_surnames(text, heads)
    for m in text.mentions:
        if text.sentence_of[m.start] not in text.scored:
            continue
        head, proper = heads[id(m)]
        if head is None or not (proper or _word(text, head) in surnames.get(m.chain, ())):
            continue
        core = _name_core(text, m, head)
        if core is None:
            continue
        begin, end = _name_chars(text, core)
        key = (text.name, begin, end)
        width = m.end - m.start
        if key not in found or width < found[key][2]:
            found[key] = (m.chain, m.kind, width)
    return {k: (chain, kind) for k, (chain, kind, _) in found.items()}


def _word(text: GoldText, i: int) -> str:
    return text.text[text.spans[i][0] : text.spans[i][1]]


def _chain_surnames(
    text: GoldText, heads: dict[int, tuple[int | None, bool]]
) -> dict[str, set[str]]:
    """Chain -> the last words of its names of two words or more (a proper-noun head): a
    mention of the chain whose head is one of them is a name even where a tagger read it
    as a common noun ("Jobs" of "Steve Jobs", "Page", "Luck")."""
    out: dict[str, set[str]] = defaultdict(set)
    for m in text.mentions:
        head, proper = heads[id(m)]
        if head is not None and proper and m.kind == "PER" and head > m.start:
            if _word(text, head)[:1].isupper() and _word(text, head - 1)[:1].isupper():
                out[m.chain].add(_word(text, head))
    return out


def _gold_head(text: GoldText, parsed: Parsed, m: GoldMention) -> tuple[int | None, bool]:
    """The gold token heading a mention, and whether it is a proper noun."""
    if m.head is not None:
        inside = m.start <= m.head < m.end
        return (m.head, m.head_pos == "PROPN") if inside else (None, False)
    begin, end = text.spans[m.start][0], text.spans[m.end - 1][1]
    inside_tokens = [t for t in parsed.tokens if t.begin < end and t.end > begin]  # short
    if not inside_tokens:
        return None, False
    first, last = inside_tokens[0].i, inside_tokens[-1].i + 1
    head = next(
        (t for t in inside_tokens if not first <= t.head < last or t.head == t.i),
        inside_tokens[-1],
    )
    if head.pos == "ADP":  # "in Athens": ECB+ marks a location with its preposition
        head = next((t for t in inside_tokens if t.head == head.i and t.i != head.i), head)
    starts = [b for b, _ in text.spans]
    i = bisect.bisect_right(starts, head.begin) - 1
    return (i, head.pos == "PROPN") if m.start <= i < m.end else (None, False)


def _name_core(text: GoldText, m: GoldMention, head: int) -> tuple[int, int] | None:
    """Gold tokens [start, end) of the name around the head, inside the mention's extent."""

    def word(i: int) -> str:
        return text.text[text.spans[i][0] : text.spans[i][1]]

    def capital(i: int) -> bool:
        w = word(i)
        if w == "." and i > m.start and _is_initial(word(i - 1)):
            return text.spans[i][0] == text.spans[i - 1][1]  # "James R. Voss" tokenised "R" "."
        w = w.lstrip("\"“‘'")  # a quoted nickname inside a name: Vincent "The Chin" Gigante
        return bool(w) and (w[0].isupper() or (w[0].isdigit() and any(c.isupper() for c in w)))

    if not capital(head):
        return None
    start, end = head, head + 1
    while start > m.start:
        if capital(start - 1):
            start -= 1
        elif start - 2 >= m.start and word(start - 1).lower() in _CONNECTORS and capital(start - 2):
            start -= 2
        else:
            break
    while end < m.end:
        if capital(end):
            end += 1
        elif end + 1 < m.end and word(end).lower() in _CONNECTORS and capital(end + 1):
            end += 2
        else:
            break
    if m.kind == "PER":  # "Norvale Aircraft CEO Dana Voss": from the last title
        start = max([start] + [i + 1 for i in range(start, head) if _is_title(word(i))])
    while start < end - 1 and word(start).lower() in _ARTICLES:
        start += 1
    return start, end


# Abbreviations that end a name with their full stop ("Jr.", "Corp."), which the corpora
# tokenise apart.
_ABBREVIATIONS = frozenset({"jr", "sr", "inc", "corp", "co", "ltd", "st", "mt", "bros"})
_POSSESSIVES = ("'s", "’s", "'", "’")


def _name_chars(text: GoldText, core: tuple[int, int]) -> tuple[int, int]:
    """The characters of a name's tokens, without a possessive ending, with the full stop of
    a closing abbreviation."""
    begin, end = text.spans[core[0]][0], text.spans[core[1] - 1][1]
    name = text.text[begin:end]
    for ending in _POSSESSIVES:
        if name.endswith(ending) and len(name) > len(ending) + 1:
            return begin, end - len(ending)
    last = name.split()[-1].lower()
    after = core[1]
    if (
        last in _ABBREVIATIONS
        and after < len(text.spans)
        and text.text[text.spans[after][0] : text.spans[after][1]] == "."
        and text.spans[after][0] == end
    ):
        end = text.spans[after][1]
    return begin, end


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in _TITLES


# -- coreference -----------------------------------------------------------------------------


def _clusters(items: Iterable[tuple[Key, str]]) -> list[Cluster[Key]]:
    groups: dict[str, set[Key]] = defaultdict(set)
    for key, cluster in items:
        groups[cluster].add(key)
    return [frozenset(c) for _, c in sorted(groups.items())]


def gold_clusters(run: NamedRun) -> tuple[list[Cluster[Key]], dict[Key, tuple[str, str]]]:
    """The gold name clusters of a run's texts, and each gold name's chain and class."""
    gold: dict[Key, tuple[str, str]] = {}
    for text, parsed in zip(run.texts, run.parsed, strict=True):
        gold.update(gold_names(text, parsed))
    return _clusters((k, chain) for k, (chain, _) in gold.items()), gold


def baseline_clusters(names: Sequence[Name], rule: str) -> list[Cluster[Key]]:
    """Cluster predicted names by exact string or by head lemma, within their group."""
    if rule == "exact":
        return _clusters((n.key, f"{n.group}|{n.text}") for n in names)
    if rule == "head":
        return _clusters((n.key, f"{n.group}|{n.head_lemma}") for n in names)
    raise ValueError(f"unknown baseline {rule!r}: exact or head")


def score_table(run: NamedRun) -> tuple[str, dict[str, dict[str, float]]]:
    """The coreference table (system and baselines, end to end and on shared names)."""
    key, gold = gold_clusters(run)
    systems = {
        "newskg": _clusters((n.key, n.entity) for n in run.names),
        "exact string": baseline_clusters(run.names, "exact"),
        "head lemma": baseline_clusters(run.names, "head"),
    }
    shared = set(gold) & {n.key for n in run.names}
    annotated = set(gold) | {n.key for n in run.names if _overlaps_gold(run, n.key)}
    lines = [
        f"gold names {len(gold)} in {len(key)} chains; predicted names {len(run.names)}; "
        f"found by both {len(shared)}",
        f"{'':24} {'MUC R/P/F1':>20} {'B3 R/P/F1':>20} {'CEAF-e R/P/F1':>20} {'CoNLL':>6}",
    ]
    figures: dict[str, dict[str, float]] = {}
    views = (("end to end", None), ("annotated", annotated), ("names both found", shared))
    for view, keep in views:
        lines.append(f"-- {view}")
        k = _restrict(key, keep)
        for name, response in systems.items():
            r = _restrict(response, keep)
            scores = (muc(k, r), b_cubed(k, r), ceaf_e(k, r))
            f1 = conll_f1(k, r)
            figures[f"{view}|{name}"] = {
                "conll": f1,
                "b3_precision": scores[1].precision,
                "b3_recall": scores[1].recall,
            }
            cells = " ".join(_cell(s) for s in scores)
            lines.append(f"{name:24} {cells} {100 * f1:6.1f}")
    return "\n".join(lines), figures


def _overlaps_gold(run: NamedRun, key: Key) -> bool:
    """Whether a predicted name overlaps a gold mention of a class read (named or not)."""
    extents = _gold_extents(run)
    doc, begin, end = key
    return any(b < end and begin < e for b, e in extents.get(doc, ()))


_EXTENTS: dict[int, dict[str, list[tuple[int, int]]]] = {}


def _gold_extents(run: NamedRun) -> dict[str, list[tuple[int, int]]]:
    if id(run) not in _EXTENTS:
        _EXTENTS.clear()
        _EXTENTS[id(run)] = {
            t.name: [(t.spans[m.start][0], t.spans[m.end - 1][1]) for m in t.mentions]
            for t in run.texts
        }
    return _EXTENTS[id(run)]


def _restrict(clusters: Sequence[Cluster[Key]], keep: set[Key] | None) -> list[Cluster[Key]]:
    if keep is None:
        return list(clusters)
    return [c for c in (frozenset(m for m in c if m in keep) for c in clusters) if c]


def _cell(score: Score) -> str:
    return f"{100 * score.recall:6.1f}{100 * score.precision:7.1f}{100 * score.f1:7.1f}"


def error_report(run: NamedRun, limit: int = 60) -> str:
    """Wrong merges and splits of the system's clusters, with the names' texts."""
    key, gold = gold_clusters(run)
    text_of = {n.key: n.text for n in run.names}
    chain_of = {k: chain for k, (chain, _) in gold.items()}
    entity_of = {n.key: n.entity for n in run.names}
    merged: dict[str, set[str]] = defaultdict(set)
    for k, entity in entity_of.items():
        if k in chain_of:
            merged[entity].add(chain_of[k])
    lines = ["# wrong merges (one predicted entity, several gold chains)"]
    for entity, chains in sorted(merged.items()):
        if len(chains) > 1:
            parts = []
            for chain in sorted(chains):
                forms = sorted(
                    {
                        text_of[k]
                        for k in entity_of
                        if entity_of[k] == entity and chain_of.get(k) == chain
                    }
                )
                parts.append("/".join(forms))
            lines.append(f"  {entity}: " + " | ".join(parts))
    lines.append("# splits (one gold chain, several predicted entities)")
    for cluster in key:
        entities = {entity_of[k] for k in cluster if k in entity_of}
        if len(entities) > 1:
            parts = []
            for entity in sorted(entities):
                forms = sorted({text_of[k] for k in cluster if entity_of.get(k) == entity})
                parts.append(f"{'/'.join(forms)} [{entity.split('|')[-1][:40]}]")
            lines.append("  " + " | ".join(parts))
    return "\n".join(lines[: limit * 2])


# -- NER ----------------------------------------------------------------------------------------


def ner_scores(run: NamedRun, model: str | None) -> str:
    """Exact-span NER against the gold names: the pipeline beside the bare spaCy model."""
    _, gold = gold_clusters(run)
    scored_docs = {k[0] for k in gold}
    truth = {(*k, kind) for k, (_, kind) in gold.items()}
    ours = {(*n.key, n.kind) for n in run.names if n.key[0] in scored_docs}
    bare = {x for x in _bare_entities(run, model) if x[0] in scored_docs}
    lines = [f"{'NER (exact span and class)':32} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, predicted in (("newskg pipeline", ours), ("bare spaCy model", bare)):
        hit = len(truth & predicted)
        p = hit / len(predicted) if predicted else 0.0
        r = hit / len(truth) if truth else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"{name:32} {100 * p:6.1f} {100 * r:6.1f} {100 * f:6.1f}")
    return "\n".join(lines)


def _bare_entities(run: NamedRun, model: str | None) -> set[tuple[str, int, int, str]]:
    import importlib

    import spacy

    from kg.nlp.analyzer import DEFAULT_MODEL

    name = model or DEFAULT_MODEL
    try:
        nlp = importlib.import_module(name).load()
    except ModuleNotFoundError:
        nlp = spacy.load(name)
    found: set[tuple[str, int, int, str]] = set()
    for text, doc in zip(run.texts, nlp.pipe(t.text for t in run.texts), strict=True):
        for ent in doc.ents:
            kind = _SPACY_KIND.get(ent.label_)
            if kind is None:
                continue
            start, end = ent.start, ent.end
            while start < end and doc[start].lower_ in _ARTICLES:
                start += 1
            while end > start and doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
                end -= 1
            if start < end and _is_scored(text, doc[start].idx):
                span = doc[start:end]
                found.add((text.name, span.start_char, span.end_char, kind))
    return found

"""Readers of third-party coreference gold on real news: ECB+ and MEANTIME (English).

Both corpora come tokenised. Each reader gives one `GoldText` per document: a plain text
the pipeline can read, the character span of every gold token in it, the sentences the
gold covers (only those are scored) and the gold entity mentions with their chains.

- ECB+ (`ECB+/<topic>/<n>ecb[plus].xml`): tokens joined back into text; a sentence that
  does not end in punctuation (the URL line, the headline, the date line) ends its line.
  Only the sentences listed in `ECBplus_coreference_sentences.csv` are scored (the
  corpus' own advice: mentions outside them were not annotated throughout). A mention's
  chain is its cross-document instance, else its within-document chain, else itself.
- MEANTIME (`gold/entities_mentions.json` over the tokens of `gold/conll.csv`): folders 1
  and 2 give the article body as text, and the tokens are found in it in order; folders 3
  and 4 have no body, so it is rebuilt from the tokens the same way. The gold covers the
  headline and the first four sentences of the body (sentences 0-5, 1 being the date
  line) throughout; later sentences hold only some mentions of some chains (a tenth as
  many a sentence), so only sentences 0-5 of an annotated article are scored. Chain ids
  are the instance ids (the `cross_`, `intra_` prefixes only say where the chain was
  annotated).

Type mapping (the issue's named-entity classes): ECB+ HUMAN_PART_PER -> PER,
HUMAN_PART_ORG and HUMAN_PART_GPE -> ORG (a country acting is its government, as the
project types it), LOC_GEO, LOC_FAC, LOC_OTHER -> LOC; generic, vehicle, non-human and
event mentions are not read. MEANTIME PER, ORG, LOC as they are (PRO, FIN, MIX not read).
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEV_TOPICS",
    "GoldMention",
    "GoldText",
    "align_tokens",
    "detokenise",
    "read_ecbplus",
    "read_meantime",
]

# The standard ECB+ split: these topics are for reporting, every other one for tuning.
DEV_TOPICS = frozenset({"2", "5", "12", "18", "21", "23", "34", "35"})

ECB_TYPES = {
    "HUMAN_PART_PER": "PER",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "ORG",
    "LOC_GEO": "LOC",
    "LOC_FAC": "LOC",
    "LOC_OTHER": "LOC",
}
_CLASSES = frozenset({"HUMAN", "LOC", "NON", "ACTION", "TIME", "NEG"})
MEANTIME_SCORED = frozenset(range(6))  # the sentences annotated throughout
MEANTIME_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}

_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "’s", "n't", "'", "’", "''"}
    | {"'m", "'re", "'ve", "'ll", "'d", "...", "”"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "``", "“", "‘"})
_SENTENCE_ENDS = (".", "!", "?", "''", '"', "”", "’", ")")
_QUOTES = {"``": '"', "''": '"'}


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One gold entity mention: tokens [start, end) of its document, its chain and class."""

    chain: str
    start: int
    end: int
    kind: str  # PER, ORG or LOC
    head: int | None = None  # the head token, where the gold gives it
    head_pos: str = ""  # the gold's part of speech of the head, where it gives it


@dataclass(frozen=True, slots=True)
class GoldText:
    """One gold document: its text, its tokens' places in it and its entity mentions."""

    name: str
    topic: str
    text: str
    spans: tuple[tuple[int, int], ...]  # character span of each gold token
    sentence_of: tuple[int, ...]  # gold sentence number of each token
    scored: frozenset[int]  # the sentence numbers whose mentions are scored
    mentions: tuple[GoldMention, ...]

    def words(self, start: int, end: int) -> str:
        """The text of gold tokens [start, end)."""
        return self.text[self.spans[start][0] : self.spans[end - 1][1]]


def detokenise(sentences: Sequence[Sequence[str]]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokenised sentences into plain text; return it and each token's span.

    Punctuation attaches as in print, `` and '' become straight quotes, a lone " opens
    and closes by turns, a web address is one word again; a sentence that ends without
    punctuation ends its line.
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    quote_open = False
    previous = ""
    for n, sentence in enumerate(sentences):
        for k, token in enumerate(sentence):
            shown = _QUOTES.get(token, token)
            closing = token == "''" or (token == '"' and quote_open)
            if n == 0 and k == 0:
                sep = ""
            elif k == 0:
                sep = " " if previous.endswith(_SENTENCE_ENDS) else "\n"
            elif token in _NO_SPACE_BEFORE or closing or previous in _NO_SPACE_AFTER:
                sep = ""
            elif sentence[0] in ("http", "https"):
                sep = ""  # a web address, split into tokens by the corpus
            elif previous == '"' and quote_open:
                sep = ""
            else:
                sep = " "
            if token == '"':
                quote_open = not quote_open
            elif token == "``":
                quote_open = True
            elif token == "''":
                quote_open = False
            out.append(sep)
            length += len(sep)
            spans.append((length, length + len(shown)))
            out.append(shown)
            length += len(shown)
            previous = token
        if sentence:
            previous = sentence[-1]
    return "".join(out), spans


def align_tokens(text: str, tokens: Sequence[str]) -> list[tuple[int, int]] | None:
    """Find each token in `text`, in order, past whitespace only; None if one is missing."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for token in tokens:
        for form in (token, *_QUOTE_FORMS.get(token, ())):
            i = text.find(form, pos)
            if i >= 0 and not text[pos:i].strip():
                spans.append((i, i + len(form)))
                pos = i + len(form)
                break
        else:
            return None
    return spans


_QUOTE_FORMS = {"``": ('"', "“"), "''": ('"', "”"), '"': ("“", "”")}


# -- ECB+ ----------------------------------------------------------------------------------


def read_ecbplus(root: Path, topics: Iterable[str]) -> list[GoldText]:
    """Read the ECB+ documents of `topics` that have scored sentences."""
    selected: dict[str, set[int]] = defaultdict(set)
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            selected[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    texts = []
    for topic in sorted(set(topics), key=int):
        for path in sorted((root / "ECB+" / topic).glob("*.xml")):
            name = path.stem
            if name in selected:
                texts.append(_read_ecb_file(path, topic, frozenset(selected[name])))
    return texts


def _read_ecb_file(path: Path, topic: str, scored: frozenset[int]) -> GoldText:
    root = ET.parse(path).getroot()
    tokens = [
        (t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")
    ]
    index = {t_id: i for i, (t_id, _, _) in enumerate(tokens)}
    sentences: dict[int, list[str]] = defaultdict(list)
    for _, sentence, word in tokens:
        sentences[sentence].append(word)
    text, spans = detokenise([sentences[n] for n in sorted(sentences)])
    anchored: dict[str, tuple[str, list[int]]] = {}
    tags: dict[str, str] = {}
    instances: dict[str, str] = {}
    markables = root.find("Markables")
    for m in markables if markables is not None else ():
        m_id = m.get("m_id", "")
        anchors = [index[a.get("t_id", "")] for a in m.findall("token_anchor")]
        if anchors:
            anchored[m_id] = (m.tag, sorted(anchors))
        else:
            tags[m_id] = m.tag
            if m.get("instance_id"):
                instances[m_id] = m.get("instance_id", "")
    chain_of: dict[str, str] = {}
    instance_tag: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        target = rel.find("target")
        t_id = target.get("m_id", "") if target is not None else ""
        if rel.tag == "CROSS_DOC_COREF":
            chain = f"{topic}:{rel.get('note') or instances.get(t_id, t_id)}"
        elif rel.tag == "INTRA_DOC_COREF":
            chain = f"{path.stem}:{t_id}"
        else:
            continue
        for source in rel.findall("source"):
            chain_of[source.get("m_id", "")] = chain
            if tags.get(t_id, "UNKNOWN").split("_")[0] in _CLASSES:
                instance_tag[source.get("m_id", "")] = tags[t_id]  # the instance's tag wins
    mentions = []
    for m_id, (tag, anchors) in sorted(anchored.items(), key=lambda kv: kv[1][1]):
        kind = ECB_TYPES.get(instance_tag.get(m_id, tag))
        if kind is None:
            continue
        start, end = anchors[0], anchors[-1] + 1  # a gap inside a mention is ignored
        mentions.append(GoldMention(chain_of.get(m_id, f"{path.stem}:{m_id}"), start, end, kind))
    return GoldText(
        name=path.stem,
        topic=topic,
        text=text,
        spans=tuple(spans),
        sentence_of=tuple(s for _, s, _ in tokens),
        scored=scored,
        mentions=tuple(mentions),
    )


# -- MEANTIME ------------------------------------------------------------------------------


def read_meantime(root: Path) -> list[GoldText]:
    """Read every MEANTIME article with its gold entity mentions."""
    tokens: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with (root / "gold" / "conll.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            tokens[row["topic/subtopic_name"]].append((int(row["sent_id"]), row["token"]))
    articles = {p.name.split("_")[0]: p for p in sorted((root / "articles").glob("*/*.json"))}
    gold = json.loads((root / "gold" / "entities_mentions.json").read_text(encoding="utf-8"))
    by_doc: dict[str, list[dict[str, object]]] = defaultdict(list)
    for record in gold:
        by_doc[record["conll_doc_key"]].append(record)
    texts = []
    for key in sorted(tokens):
        rows = tokens[key]
        path = articles[key.split("/")[1]]
        body = str(json.loads(path.read_text(encoding="utf-8")).get("text") or "")
        spans = align_tokens(body, [w for _, w in rows]) if body else None
        if spans is None:
            by_sentence: dict[int, list[str]] = defaultdict(list)
            for sentence, word in rows:
                by_sentence[sentence].append(word)
            body, spans = detokenise([by_sentence[n] for n in sorted(by_sentence)])
        starts: dict[int, int] = {}
        for i, (sentence, _) in enumerate(rows):
            starts.setdefault(sentence, i)
        mentions = []
        for record in sorted(by_doc[key], key=lambda r: (r["sent_id"], r["tokens_number"])):
            kind = MEANTIME_TYPES.get(str(record["mention_type"]))
            numbers = record["tokens_number"]
            if kind is None or not isinstance(numbers, list) or not numbers:
                continue
            first = starts[int(str(record["sent_id"]))]
            head = record.get("mention_head_id")
            mentions.append(
                GoldMention(
                    chain=str(record["coref_chain"]).rsplit("_", 1)[-1],
                    start=first + min(numbers),
                    end=first + max(numbers) + 1,
                    kind=kind,
                    head=first + int(str(head)) if head is not None else None,
                    head_pos=str(record.get("mention_head_pos") or ""),
                )
            )
        texts.append(
            GoldText(
                name=path.stem,
                topic=key.split("/")[0],
                text=body,
                spans=tuple(spans),
                sentence_of=tuple(s for s, _ in rows),
                scored=MEANTIME_SCORED if by_doc[key] else frozenset(),
                mentions=tuple(mentions),
            )
        )
    return texts

"""Names the statistical NER left unlabelled altogether, found by what stands around them
(kg.entities.repeats looks for them): a lone proper noun that is the subject of a verb of
saying ("Tedros told reporters ..."), two or three opening with a known given name or
after a noun for a person ("Ana Ruiz said ...", "dad X Y said"), or set off by commas
beside such a subject that is a role ("The mayor of X, X Y, said"); one to three words
after a title only people bear ("Governor Ana Ruiz said"); a word before a surname the
text's people bear ("Ivanka X, the president's daughter"). And the tests of a name's
words they share with kg.entities.repeats."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from kg.core import lexicon
from kg.core.model import EntityType, Mention, Token
from kg.entities.headline_cuts import title_case_line
from kg.entities.names import find_organisation, find_place
from kg.entities.person_names import person_name, title_before

__all__ = [
    "common_nouns",
    "family_name_at",
    "is_free_name_word",
    "is_name_word",
    "name_word_before",
    "named_speaker_at",
    "speaker_at",
    "stands_alone",
    "titled_name_at",
]


def speaker_at(
    i: int, tokens: Sequence[Token], covered: bytearray, doc_id: str, text: str
) -> tuple[int, Mention, EntityType] | None:
    """A lone proper noun NER left unlabelled as the subject of a verb of saying ("Tedros
    told reporters ..."): a person's name, most likely; without it the claim has no source."""
    t = tokens[i]
    if covered[i] or t.ent_type or t.pos != "PROPN" or not (t.text.isalpha() and t.text.istitle()):
        return None
    if t.dep != "nsubj" or tokens[t.head].lemma.lower() not in _speech_verbs():
        return None
    if not stands_alone(i, tokens, text):
        return None
    word = t.text.lower()
    if word in common_nouns() or (word.endswith("s") and word[:-1] in common_nouns()):
        return None  # "Jurors found ...": a noun for people, capitalised to open the sentence
    if word in lexicon.titles():
        return None  # "Special Agent in Charge X said": a title, its bearer named after it
    found = Mention(doc_id, t.begin, t.end, t.text, "Person", t.sent, i, i + 1, label="PERSON")
    return i + 1, found, "Person"


def named_speaker_at(
    i: int, tokens: Sequence[Token], covered: bytearray, doc_id: str, text: str
) -> tuple[int, Mention, EntityType] | None:
    """Two or three proper nouns NER left unlabelled, a known given name first or a noun for
    a person before them ("dad X Y said"), that are the subject of a verb of saying ("Ana
    Ruiz said ...", "... said Ana Ruiz"), or set off by commas beside a subject that is a
    role ("The mayor of X, Ana Ruiz, said"): a person."""
    t = tokens[i]
    if name_word_before(tokens, i):
        return None
    end = i
    while end < len(tokens) and end - i < 3 and is_free_name_word(tokens[end], covered):
        end += 1
    if end - i < 2 or (end < len(tokens) and is_name_word(tokens[end])):
        return None
    last = tokens[end - 1]
    if last.dep == "nsubj" and (
        t.text.lower() in lexicon.given_names() or _after_person_noun(tokens, i)
    ):
        verb = tokens[last.head]
    elif _beside_role(tokens, i, end):
        verb = tokens[tokens[_subject_of(tokens, last.head)].head]
    else:
        return None
    if verb.lemma.lower() not in _speech_verbs():
        return None
    if any(tokens[k].head != end - 1 for k in range(i, end - 1)):
        return None  # not one name: the words before the last are its compounds
    if not all(w.text.isalpha() and w.text.istitle() for w in tokens[i:end]):
        return None
    if last.text.lower() in lexicon.org_heads() | lexicon.company_words():
        return None  # "Stanley Hospital said": a body's name
    words = " ".join(w.text for w in tokens[i:end])
    if title_case_line(text, t.begin, {}) or find_organisation(words) or find_place(words):
        return None
    found = Mention(doc_id, t.begin, last.end, words, "Person", t.sent, i, end, label="PERSON")
    return end, found, "Person"


def family_name_at(
    i: int, tokens: Sequence[Token], covered: bytearray, family: set[str], doc_id: str, text: str
) -> tuple[int, Mention, EntityType] | None:
    """Two proper nouns NER left unlabelled, the second a surname the text's people bear and
    the first no word for a person, a body, a place or a title ("Ivanka X, the president's
    daughter", "X Tower" not): a person's full name."""
    end = i + 2
    if end > len(tokens) or name_word_before(tokens, i):
        return None
    first, last = tokens[i], tokens[i + 1]
    if not (is_free_name_word(first, covered) and is_free_name_word(last, covered)):
        return None
    if end < len(tokens) and is_name_word(tokens[end]):
        return None
    if person_name(last.text).surname not in family or not first.text.isalpha():
        return None
    if last.text.lower() in lexicon.place_name_words() | lexicon.org_heads():
        return None  # "X Glacier", "X Hospital": a place's or a body's name
    word = first.text.lower()
    if not first.text.istitle() or word in common_nouns() or word in lexicon.titles():
        return None
    words = f"{first.text} {last.text}"
    if title_case_line(text, first.begin, {}) or find_place(first.text) or find_organisation(words):
        return None
    found = Mention(
        doc_id, first.begin, last.end, words, "Person", first.sent, i, end, label="PERSON"
    )
    return end, found, "Person"


def _after_person_noun(tokens: Sequence[Token], i: int) -> bool:
    """Whether a lowercase noun for a person stands right before token i ("dad X Y said")."""
    before = tokens[i - 1] if i else None
    return (
        before is not None
        and before.pos == "NOUN"
        and before.text in lexicon.role_nouns() | _person_nouns()
    )


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    return frozenset(lexicon.read_lines("person_nouns.txt"))


def _beside_role(tokens: Sequence[Token], i: int, end: int) -> bool:
    """Whether tokens [i, end) are set off by commas in apposition within a subject whose
    head is a role ("The mayor of Marathon, X Y, said": the parser hangs X Y on the
    place)."""
    if i == 0 or end >= len(tokens) or tokens[i - 1].text != "," or tokens[end].text != ",":
        return False
    if tokens[end - 1].dep != "appos":
        return False
    subject = tokens[_subject_of(tokens, tokens[end - 1].head)]
    return subject.dep == "nsubj" and subject.lemma.lower() in lexicon.role_nouns()


def _subject_of(tokens: Sequence[Token], k: int) -> int:
    """The token a chain of prepositional phrases hangs from (k itself if none)."""
    for _ in range(4):
        if tokens[k].dep not in {"pobj", "prep"}:
            break
        k = tokens[k].head
    return k


def stands_alone(i: int, tokens: Sequence[Token], text: str) -> bool:
    """Whether word i is a name of its own: no name word beside it, no article before it,
    not in a line of capitalised words, no place or body the lexicon knows."""
    t = tokens[i]
    if name_word_before(tokens, i) or (i + 1 < len(tokens) and is_name_word(tokens[i + 1])):
        return False
    if (i and tokens[i - 1].pos == "DET") or title_case_line(text, t.begin, {}):
        return False
    return find_place(t.text) is None and find_organisation(t.text) is None


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    """The reporting verbs that take what was said (kg/data/reporting_verbs.tsv)."""
    rows = (line.split("\t") for line in lexicon.read_lines("reporting_verbs.tsv"))
    return frozenset(r[0] for r in rows if len(r) > 3 and r[3] in _SAYING)


_SAYING = frozenset({"clause", "directive", "both"})


@lru_cache(maxsize=1)
def common_nouns() -> frozenset[str]:
    """Nouns for people and bodies (kg/data/person_nouns.txt, role_nouns.txt, org_heads.txt,
    agent_nouns.txt): never a name however capitalised."""
    files = ("person_nouns.txt", "agent_nouns.txt")
    words = {w.lower() for name in files for w in lexicon.read_lines(name)}
    return frozenset(words | lexicon.role_nouns() | lexicon.org_heads())


def titled_name_at(
    i: int, tokens: Sequence[Token], covered: bytearray, doc_id: str, text: str
) -> tuple[int, Mention, EntityType] | None:
    """A person's name NER missed after a title only people bear: "Governor Ana Ruiz said"."""
    if i == 0 or not tokens[i - 1].text[:1].isupper():
        return None
    title = tokens[i - 1].text.lower().rstrip(".")
    if tokens[i].text.lower() in lexicon.titles():
        return None  # "Lieutenant Governor X": the title goes on
    # a title that may open other names too, before a given name: "Chief Executive Sam X",
    # "Secretary of State Ana X"; the name under whatever miscellaneous label NER put on
    # the run ("OpenAI Chief Executive ...", "Mr Han" a nationality)
    given = tokens[i].text.lower() in lexicon.given_names() and (
        title in lexicon.titles() or title_before(tokens, i, text) != ""
    )
    if title not in lexicon.name_titles() and not given:
        return None
    end = i
    while (
        end < len(tokens)
        and end - i < 3
        and (
            is_free_name_word(tokens[end], covered)
            or (not covered[end] and tokens[end].ent_type in _MISC_LABELS)
        )
        and is_name_word(tokens[end])
    ):
        end += 1
    if end < len(tokens) and is_name_word(tokens[end]):
        return None
    # one word is a name after a title ("Mr Han", "Prime Minister Han") unless it may be a
    # word of a body's name or another title ("Justice Department", "Governor General")
    lone = tokens[i].text.lower()
    if end - i < 1 or (
        end - i == 1 and (lone in lexicon.org_heads() or lone in lexicon.titles() or given)
    ):
        return None
    if not all(t.text.isalpha() and t.text.istitle() for t in tokens[i:end]):
        return None
    if title_case_line(text, tokens[i].begin, {}):
        return None  # "Judge Frees Two Brothers": in a headline every word is capitalised
    words = " ".join(t.text for t in tokens[i:end])
    if find_place(words) is not None or find_organisation(words) is not None:
        return None
    begin, stop = tokens[i].begin, tokens[end - 1].end
    found = Mention(
        doc_id, begin, stop, text[begin:stop], "Person", tokens[i].sent, i, end, label="PERSON"
    )
    return end, found, "Person"


# NER labels a person's name is at times mistaken for, which the nlp stage drops.
_MISC_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "NORP"})


def is_name_word(t: Token) -> bool:
    return t.text[:1].isupper() and t.pos == "PROPN"


def is_free_name_word(t: Token, covered: bytearray) -> bool:
    """A name's word in no mention and under no NER label at all: what NER labelled and
    the nlp stage then dropped (a wire marker, a credit) stays dropped."""
    return is_name_word(t) and not covered[t.i] and not t.ent_type


def name_word_before(tokens: Sequence[Token], i: int) -> bool:
    """Whether a capitalised proper noun that is no title comes right before token i."""
    if i == 0:
        return False
    before = tokens[i - 1]
    return is_name_word(before) and before.text.lower().rstrip(".") not in lexicon.titles()

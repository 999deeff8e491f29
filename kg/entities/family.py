"""What a text says around a person's name about who the person is among the bearers of
one surname (kg.entities.surnames): a relative set off beside a noun for a relative ("his
brother, Ana X"; kg/data/kin_nouns.txt) or titled as one ("First lady Ana X"), and the
gender of the person pronoun after a name that is its sentence's subject ("X ... shook his
head") or of the relative noun in apposition after it ("X, the younger sister of Y,")."""

from __future__ import annotations

from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import Mention, Token

__all__ = [
    "SUFFIXES_OF",
    "generation",
    "kin_gender",
    "parent_in_sentence",
    "person_starts",
    "pronoun_gender",
    "set_off_as_relative",
    "titled_as_relative",
]

_GENERATION = {"younger": "jr", "elder": "sr", "older": "sr"}
# The suffixes each generation's bearer may have: a son named after his father, the father
SUFFIXES_OF = {"jr": frozenset({"jr", "ii", "iii", "iv"}), "sr": frozenset({"sr"})}


def generation(m: Mention, tokens: Sequence[Token]) -> str:
    """ "the younger X" ("jr"), "the elder Mr. X" ("sr"): which of a father and a son
    named alike a bare surname is, as the word before it (or before its title) says; ""."""
    k = m.start - 1 - (1 if m.title and " " not in m.title else 0)
    if m.type != "Person" or " " in m.text or k < 1 or tokens[k - 1].text.lower() != "the":
        return ""
    return _GENERATION.get(tokens[k].text.lower(), "")


# Nouns for someone's child: "X said his son had done nothing wrong" makes X a parent.
_CHILDREN = frozenset({"son", "sons", "daughter", "daughters", "child", "children"})


def parent_in_sentence(m: Mention, tokens: Sequence[Token]) -> bool:
    """Whether the sentence of a bare surname speaks of the bearer's child with a possessive
    pronoun ("Mr. X said his son had done nothing wrong"): a parent, not the one of a father
    and a son named alike whose suffix ("Jr.") makes him the son."""
    if m.type != "Person" or " " in m.text:
        return False
    return any(
        t.sent == m.sentence and t.text.lower() in _CHILDREN and tokens[t.i - 1].tag == "PRP$"
        for t in tokens[m.end_token : m.end_token + 25]
    )


def titled_as_relative(title: str) -> bool:
    """ "First lady", "prince consort": a title that names its bearer as a relative of an
    office's holder (kg/data/kin_nouns.txt)."""
    return " ".join(title.lower().split()[-2:]) in lexicon.kin_nouns()


def set_off_as_relative(m: Mention, tokens: Sequence[Token]) -> bool:
    """ "his mother, Ana X", "the governor's brother, Ana X", "Ana X, the mayor's wife,",
    "his father and coach Ana X": a full name set off beside a noun for a relative that has
    a possessive before it (kg/data/kin_nouns.txt)."""
    kin = lexicon.kin_nouns()

    def possessed(k: int) -> bool:  # "his mother", "X's younger brother"
        return any(
            j >= 0 and tokens[j].sent == m.sentence and tokens[j].tag in {"PRP$", "POS"}
            for j in (k - 1, k - 2)
        )

    def kin_among(ks: range) -> bool:  # up to a comma, a full stop or the sentence's end
        for k in ks:
            t = tokens[k]
            if t.sent != m.sentence or t.text in _SET_OFF or t.text in {".", ")"}:
                return False
            if t.text.lower() in kin and possessed(k):
                return True
        return False

    j = m.start - 1
    if j >= 0 and tokens[j].text in _SET_OFF:
        j -= 1
    after = m.end_token
    return kin_among(range(j, max(j - 3, -1), -1)) or (
        after < len(tokens)
        and tokens[after].text in _SET_OFF
        and kin_among(range(after + 1, min(after + 6, len(tokens))))
    )


# What sets a relative off beside a name: "Ana X, the mayor's wife", "Ana X — his brother —"
_SET_OFF = frozenset({",", "—", "–", "("})


# A person pronoun's gender, for a full name it follows as the subject of its sentence.
_PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f", "hers": "f"}


def person_starts(mentions: Sequence[Mention]) -> frozenset[int]:
    """The first tokens of the person mentions, for `pronoun_gender` (worked out once)."""
    return frozenset(o.start for o in mentions if o.type == "Person")


def pronoun_gender(m: Mention, persons: frozenset[int], tokens: Sequence[Token]) -> str:
    """ "X, the retired electrician who ... sedated his wife": the gender of the first person
    pronoun after a name that is its sentence's subject, with no other person between
    (`persons`: `person_starts` of the text's mentions)."""
    if not tokens or tokens[m.end_token - 1].dep not in {"nsubj", "nsubjpass"}:
        return ""
    for t in tokens[m.end_token :]:
        if t.sent != m.sentence or t.i in persons:
            return ""
        # "his wife", "he said"; not an object ("X met her"), who is someone else
        gender = _PRONOUN_GENDER.get(t.text.lower(), "")
        if gender and t.pos == "PRON" and t.dep in {"poss", "nsubj", "nsubjpass"}:
            return gender
    return ""


# The gender of a noun for a relative in apposition after a name.
_KIN_GENDER = {
    **dict.fromkeys(
        "sister mother daughter wife widow aunt niece granddaughter grandmother stepmother "
        "stepdaughter half-sister".split(),
        "f",
    ),
    **dict.fromkeys(
        "brother father son husband widower uncle nephew grandson grandfather stepfather "
        "stepson half-brother".split(),
        "m",
    ),
}


def kin_gender(m: Mention, tokens: Sequence[Token]) -> str:
    """ "X, the younger sister of Y,", "X, Y's brother,": the gender of a noun for a
    relative that heads the apposition right after a name, or ""."""
    k = m.end_token
    if k + 1 >= len(tokens) or tokens[k].text != ",":
        return ""
    for t in tokens[k + 1 : k + 6]:
        if t.sent != m.sentence or t.text in _SET_OFF or t.text == ".":
            return ""
        if (gender := _KIN_GENDER.get(t.text.lower(), "")) and t.pos == "NOUN":
            nxt = tokens[t.i + 1] if t.i + 1 < len(tokens) else None
            # the head of the apposition: not "X, whose sister ...", "X, the sister's lawyer"
            return gender if nxt is None or nxt.text in {",", "of", ".", ")"} else ""
    return ""

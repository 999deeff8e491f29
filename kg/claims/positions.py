"""Where a name stands among a source's words (kg.claims.claimants): the possessor of the
head ("Ford" of "Ford's lawyers"), the object of a preposition on it ("Ruiz" of "lawyers for
Ruiz", "a source close to Ruiz"), a modifier of a noun before it ("Biden" of "a Biden
administration official"), a place where the head is ("officials in Nairobi"). A name
standing so is no speaker.
"""

from __future__ import annotations

from kg.claims.context import ParsedText
from kg.core.model import Mention

__all__ = ["located_in", "object_of", "possessor_of", "qualifies"]


def qualifies(doc: ParsedText, m: Mention, head: int) -> bool:
    """Whether a mention before the source's head modifies a common noun before it too
    ("Biden" of "a Biden administration official", "Trump campaign adviser")."""
    between = doc.tokens[m.end_token : head]
    return m.end_token <= head and any(t.pos == "NOUN" for t in between)


def possessor_of(doc: ParsedText, m: Mention, head: int) -> bool:
    """Whether a mention is the possessor of the source's head ("Ford" of "Ford's lawyers")."""
    last = doc.tokens[m.end_token - 1]
    return last.dep == "poss" and last.head == head and not m.start <= head < m.end_token


def object_of(doc: ParsedText, m: Mention, head: int, direct: bool = True) -> bool:
    """Whether a mention is the object of a preposition an adjective on the source's head
    governs ("Ruiz" of "a source close to Ruiz"), or with `direct` the head itself ("Ruiz"
    of "lawyers for Ruiz"; not "by": "an email by Ruiz" is hers)."""
    last = doc.tokens[doc.mention_head(m)]
    if last.dep != "pobj" or m.start <= head < m.end_token:
        return False
    prep = doc.tokens[last.head]
    above = doc.tokens[prep.head]
    return (direct and prep.head == head and prep.text.lower() != "by") or (
        above.dep in {"amod", "advmod"} and above.head == head
    )


def located_in(doc: ParsedText, m: Mention, head: int) -> bool:
    """Whether a place is where the source's head is ("Nairobi" of "hospital officials in
    Nairobi", "an aid worker at Zamzam"), not whose voice it is."""
    last = doc.tokens[doc.mention_head(m)]
    if last.dep != "pobj":
        return False
    prep = doc.tokens[last.head]
    return prep.head == head and prep.text.lower() in {"in", "at", "near", "inside"}

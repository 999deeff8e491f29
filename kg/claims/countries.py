"""Which country speaks (kg.claims.claimants): a capital speaks for its country where the
document names the country ("Moscow said": Russia), and a body named by its nationality
speaks for that country ("Ukrainian officials", "the Ukrainian army's press service").
"""

from __future__ import annotations

from kg.claims.context import ParsedText, lexicon
from kg.core.lexicon import demonym_country, qualifier_country
from kg.core.model import Mention

__all__ = ["national_country", "state_of"]


def state_of(doc: ParsedText, m: Mention) -> Mention:
    """The country a capital stands for when it speaks ("Moscow said"), if the document
    names the country; any other place speaks for itself."""
    country = qualifier_country().get(m.text.lower())
    if country is None or demonym_country().get(m.text.lower()) == country:
        return m
    named = _places_of(doc, country)
    before = [p for p in named if p.begin < m.begin]
    return before[-1] if before else named[0] if named else m


def national_country(doc: ParsedText, source: tuple[int, int], head: int) -> Mention | None:
    """ "Ukrainian officials", "the Ukrainian army's press service": a body that speaks for
    the country of its nationality word: the mention of that country it is given to."""
    tokens = doc.tokens
    lex = lexicon()
    if not any(
        t.lemma.lower() in lex.agents or t.text.lower() in lex.agents
        for t in tokens[source[0] : source[1]]
        if t.i == head or t.dep == "poss"
    ):
        return None
    for t in tokens[source[0] : source[1]]:
        country = demonym_country().get(t.text.lower())
        if country is None or t.pos not in {"ADJ", "PROPN"}:
            continue
        if t.i > 1 and tokens[t.i - 1].text == "-":
            continue  # "pro-Russian officials" do not speak for Russia
        named = _places_of(doc, country)
        if not named:
            return None
        before = [m for m in named if m.begin < t.begin]
        return before[-1] if before else named[0]
    return None


def _places_of(doc: ParsedText, country: str) -> list[Mention]:
    """The document's mentions of places whose demonym is the country's, in order (an index
    made once per document)."""
    memo = doc.memo.get("places-by-country")
    index: dict[str, list[Mention]] = memo if isinstance(memo, dict) else {}
    if not isinstance(memo, dict):
        for p in doc.mentions:
            named = demonym_country().get(p.text.lower()) if p.type == "Place" else None
            if named is not None:
                index.setdefault(named, []).append(p)
        doc.memo["places-by-country"] = index
    found: list[Mention] = index.get(country, [])
    return found

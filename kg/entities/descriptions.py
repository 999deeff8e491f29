"""Definite descriptions of organisations within one document ("the institute", "the Russian
ministry"): a description joins the one organisation named before it whose name holds its
head noun (and, when it says one, its country). A company noun no name holds ("the
automaker", "the firm": kg/data/company_nouns.txt) joins the one company named before it:
an organisation that is no news outlet and whose name ends in no other body's noun ("the
Labor Department" is no company). A body named more than three sentences before is not
meant when another body was named in the description's sentence or the one before ("the
news agency Q reported ... Scientists at the USGS said ... The agency estimated")."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import Parsed, Token
from kg.entities import names
from kg.entities.acronyms import mention_from_tokens
from kg.entities.groups import MentionGroups

__all__ = ["DESCRIPTION_LABEL", "add_descriptions"]

# Mention.label of mentions this stage creates for definite descriptions ("the ministry").
DESCRIPTION_LABEL = "DESCRIPTION"


class _Named:
    """The organisations named so far, by a word of their name (and their country)."""

    def __init__(self) -> None:
        # (word, "*") -> every root named with it; (word, country) -> those of that country
        # ("" for no country); each root with its latest mention before the description.
        self.latest: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)

    def add(self, word: str, country: str, root: int, i: int) -> None:
        self.latest[(word, "*")][root] = i
        self.latest[(word, country)][root] = i

    def only(self, word: str, country: str, begin_of: Sequence[int]) -> tuple[int, int] | None:
        """The one root a description with this head (and country) fits, with its mention."""
        if not country:
            found = self.latest.get((word, "*"), {})
        else:
            found = dict(self.latest.get((word, ""), {}))
            for root, i in self.latest.get((word, country), {}).items():
                if root not in found or begin_of[found[root]] < begin_of[i]:
                    found[root] = i
        if len(found) != 1:
            return None
        return next(iter(found.items()))


def add_descriptions(groups: MentionGroups, parsed: Parsed) -> None:
    """Add "the institute"/"the Russian ministry" mentions of the one organisation they fit."""
    tokens = parsed.tokens
    company_nouns = lexicon.company_nouns()
    heads = lexicon.org_heads() | company_nouns
    bodies = lexicon.org_heads() - company_nouns  # "ministry", "council": no company
    outlets = lexicon.outlets()
    qualifiers = lexicon.qualifier_country()
    orgs = sorted(
        (i for i in groups.name_indices() if groups.mentions[i].type == "Organisation"),
        key=lambda i: (groups.mentions[i].begin, i),
    )
    begin_of = [m.begin for m in groups.mentions]
    named = _Named()
    next_org = 0
    for tok in tokens:
        if tok.text.lower() not in heads or tok.pos not in ("NOUN", "PROPN"):
            continue
        if not tok.text.islower() and not tok.text.istitle():
            continue
        nxt = tokens[tok.i + 1] if tok.i + 1 < len(tokens) else None
        if nxt is not None and (nxt.text.lower() in ("of", "for") or tok.dep == "compound"):
            continue  # "the Ministry of X" is a name, "the institute director" a person
        the = _determiner_before(tokens, tok.i)
        if the is None or (
            not groups.is_free(the, tok.i + 1) and not groups.is_free(tok.i, tok.i + 1)
        ):
            continue
        start = the if groups.is_free(the, tok.i + 1) else tok.i
        country = ""
        for k in range(the + 1, tok.i):
            country = qualifiers.get(tokens[k].text.lower(), country)
        while next_org < len(orgs) and groups.mentions[orgs[next_org]].begin < tok.begin:
            i = orgs[next_org]
            m = groups.mentions[i]
            root = groups.find(i)
            key_country = names.org_key(m.text).country
            words = names.fold(m.text).split()
            for word in set(words):
                named.add(word, key_country, root, i)
            if words and words[-1] not in bodies and " ".join(words) not in outlets:
                named.add(_COMPANY, key_country, root, i)
            next_org += 1
        target = named.only(tok.text.lower(), country, begin_of)
        if (
            target is None
            and tok.text.lower() in company_nouns
            and tok.tag in ("NN", "NNP")
            and tok.dep != "poss"  # "the carmaker's works council" is a body of its own
        ):
            if not named.latest.get((tok.text.lower(), "*")):
                target = named.only(_COMPANY, country, begin_of)  # "the automaker said"
        if target is None:
            continue
        root, antecedent = target
        like = groups.mentions[antecedent]
        last = orgs[next_org - 1]  # the body named last before it (one is: `target`)
        if (
            tok.sent - like.sentence > _FAR
            and tok.sent - groups.mentions[last].sentence <= 1
            and groups.find(last) != root
            and names.fold(groups.mentions[last].text) not in outlets
        ):
            continue  # "Scientists at the USGS said ... The agency": not a body named long ago
        mention = dataclasses.replace(
            mention_from_tokens(like, tokens, start, tok.i + 1, DESCRIPTION_LABEL),
            antecedent=like.begin,
        )
        groups.join(root, groups.add_mention(mention), "description")
        begin_of.append(mention.begin)


# Sentences past which the one body a description's word fits is not meant when another
# body was named in its sentence or the one before.
_FAR = 3

# The key _Named files every company under (no word of a name).
_COMPANY = " company"


def _determiner_before(tokens: Sequence[Token], i: int) -> int | None:
    """Index of "the" opening the phrase that ends at token i, over at most 4 modifiers."""
    k = i - 1
    while k >= 0 and i - k <= 5:
        t = tokens[k]
        if t.text.lower() == "the":
            return k
        if t.pos not in ("ADJ", "PROPN", "PUNCT", "VERB", "NOUN") or t.text in (",", ".", ";"):
            return None
        if t.pos == "NOUN" and t.text.lower() not in ("-", "based") and t.dep != "compound":
            return None  # "the software maker" goes on
        k -= 1
    return None

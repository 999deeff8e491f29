"""Shares of a vote a text reports (`vote_share`): "59.4% of the votes cast", "roughly 59
percent of the vote", "its vote share, at 8.9%" (kind vote-share), "Turnout was 61%",
"turnout of 52 per cent" (kind turnout). Other percentages (growth, inflation, a poll's)
stay out, as kg.claims.quantities leaves them: what they are a share of varies too much to
compare across outlets.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.core.model import Token

__all__ = ["vote_share"]

_VOTE_NOUNS = frozenset({"vote", "votes", "ballot", "ballots"})
_REACH = 5  # tokens before the number "turnout" may stand ("turnout stood at about 61%")


def vote_share(tokens: Sequence[Token], i: int, j: int) -> str:
    """The kind of the percentage the number at tokens [i, j) gives, or ""."""
    k = j
    if k >= len(tokens):
        return ""
    word = tokens[k].text.lower()
    if word == "per" and k + 1 < len(tokens) and tokens[k + 1].text.lower() == "cent":
        k += 1
    elif word not in {"%", "percent"}:
        return ""
    after = [t.text.lower() for t in tokens[k + 1 : k + 5] if t.sent == tokens[i].sent]
    if after[:1] == ["of"] and _VOTE_NOUNS & set(after[1:4]):
        return "vote-share"
    before = [t for t in tokens[max(0, i - _REACH) : i] if t.sent == tokens[i].sent]
    if any(t.lemma.lower() == "turnout" for t in before):
        return "turnout"
    if any(  # "The party's vote share, at 8.9%, ..."
        t.lemma.lower() == "share" and t.i and tokens[t.i - 1].text.lower() in _VOTE_NOUNS
        for t in before
    ):
        return "vote-share"
    return ""

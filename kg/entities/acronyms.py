"""Acronyms within one document: "Long Name (ACR)" and every later "ACR" (a body's other
name in brackets too: "Turkish Red Crescent (Kızılay)"); an acronym that spells the
initials of the one organisation of the text that has them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import Mention, Token
from kg.entities import names
from kg.entities.groups import MentionGroups

__all__ = [
    "ACRONYM_LABEL",
    "bodies_acronyms",
    "join_acronyms",
    "join_initials",
    "mention_from_tokens",
]

# Mention.label of acronym occurrences this stage adds when NER missed them.
ACRONYM_LABEL = "ACRONYM"


def bodies_acronyms(mentions: Sequence[Mention], tokens: Sequence[Token]) -> dict[str, Mention]:
    """The acronyms a text introduces for an organisation or a place, "Long Name (ACR)" or
    "Long Name, or ACR,", with the long name: every "ACR" of that text is that body's, even
    where a lexicon reads it as something else ("All Progressives Congress (APC)": no
    armoured personnel carrier)."""
    found: dict[str, Mention] = {}
    for m in mentions:
        if m.type not in ("Organisation", "Place") or names.is_acronym(m.text):
            continue
        k = m.end_token
        if k + 2 < len(tokens) and tokens[k].text == "(" and tokens[k + 2].text == ")":
            word = tokens[k + 1].text
        elif k + 2 < len(tokens) and tokens[k].text == "," and tokens[k + 1].text.lower() == "or":
            word = tokens[k + 2].text
        else:
            continue
        if _may_stand_for(word, m.text, first=True):
            found.setdefault(word, m)
    return found


def _may_stand_for(word: str, name: str, *, first: bool = False) -> bool:
    """Whether an acronym after a name may be the name's: it opens with one of the name's
    initials (`first`: its first; a foreign name's acronym need not follow its English
    words: "Kurdistan Workers' Party (PKK)"), or, in parentheses after a name of several
    words, with none of them, and is no place; after a one-word name, it spells letters of
    that word in order ("JACKSON, Calif. (CP)": a news agency's, not California's)."""
    initials = names.initials(name, with_function_words=True)
    if not names.is_acronym(word) or word.lower() in lexicon.outlets():
        return False  # ("Seoul, South Korea (CNN) —": the dateline's outlet)
    if word[0].lower() not in (initials[:1] if first else initials):
        # the initials of the name in its own language ("National Disaster Response
        # Authority (UAMK)", "Doctors Without Borders (MSF)"), not where it is ("(UK)")
        return not first and " " in name.strip() and names.find_place(word) is None
    if " " in name.strip():
        return True
    rest = iter(names.fold(name))
    return all(letter in rest for letter in names.fold(word))


def _other_name(token: Token, m: Mention) -> bool:
    """Whether a word in brackets after a body's name is the body's name in its own
    language ("Turkish Red Crescent (Kızılay)"): one capitalised word, no place, no outlet."""
    word = token.text
    return (
        m.type == "Organisation"
        and word.istitle()
        and word.isalpha()
        and token.ent_type not in {"GPE", "LOC", "FAC"}
        and names.find_place(word) is None
        and word.lower() not in lexicon.outlets()
    )


def join_acronyms(groups: MentionGroups, tokens: Sequence[Token]) -> None:
    """Join "Long Name (ACR)" and every later "ACR" of the text to the long name."""
    introduced: list[tuple[str, int]] = []
    for i in groups.name_indices():
        m = groups.mentions[i]
        if m.type not in ("Organisation", "Place") or names.is_acronym(m.text):
            continue
        open_, acr, close = m.end_token, m.end_token + 1, m.end_token + 2
        if close >= len(tokens) or tokens[open_].text != "(" or tokens[close].text != ")":
            continue
        word = tokens[acr].text
        if not (_may_stand_for(word, m.text) or _other_name(tokens[acr], m)):
            continue
        j = groups.mention_at(acr, acr + 1)
        if j is None:
            j = groups.add_mention(mention_from_tokens(m, tokens, acr, acr + 1, ACRONYM_LABEL))
        groups.join(i, j, "acronym", force="Organisation" if m.type == "Organisation" else None)
        introduced.append((word, i))
    if not introduced:
        return
    wanted = {word for word, _ in introduced}
    where: dict[str, list[int]] = defaultdict(list)
    for tok in tokens:
        if tok.text in wanted:
            where[tok.text].append(tok.i)
    for word, i in introduced:
        long_form = groups.mentions[i]
        for k in where[word]:
            if k == long_form.end_token + 1:
                continue
            j = groups.mention_at(k, k + 1)
            if j is None and groups.is_free(k, k + 1):
                j = groups.add_mention(
                    mention_from_tokens(long_form, tokens, k, k + 1, ACRONYM_LABEL)
                )
            if j is not None:
                groups.join(i, j, "acronym", force=long_form.type)


def mention_from_tokens(
    like: Mention, tokens: Sequence[Token], start: int, end: int, label: str, text: str = ""
) -> Mention:
    """A mention of tokens [start, end) with the type (and weapon class) of `like`."""
    first, last = tokens[start], tokens[end - 1]
    return Mention(
        doc_id=like.doc_id,
        begin=first.begin,
        end=last.end,
        text=text or _text_of(tokens, start, end),
        type=like.type,
        sentence=first.sent,
        start=start,
        end_token=end,
        label=label,
        weapon_class=like.weapon_class,
    )


def _text_of(tokens: Sequence[Token], start: int, end: int) -> str:
    # Tokens carry their offsets, not the whitespace between them: rebuild from the gaps.
    parts = [tokens[start].text]
    for k in range(start + 1, end):
        parts.append(" " * (tokens[k].begin - tokens[k - 1].end) + tokens[k].text)
    return "".join(parts)


def join_initials(groups: MentionGroups) -> None:
    """Join an acronym to the one organisation of the text whose initials it spells ("UN")."""
    by_letters: dict[str, list[int]] = defaultdict(list)
    for j in groups.name_indices():
        m = groups.mentions[j]
        if m.type == "Organisation" and not names.is_acronym(m.text):
            for letters in _initial_forms(m.text):
                by_letters[letters].append(j)
    for i in groups.name_indices():
        m = groups.mentions[i]
        if m.type not in ("Organisation", "Place") or not names.is_acronym(m.text):
            continue
        if names.find_place(m.text) is not None:
            continue
        letters = names.fold(m.text).replace(" ", "")
        roots = {groups.find(j) for j in by_letters.get(letters, ())}
        if groups.find(i) in roots:
            continue  # "Liberal Union (LU)": spelled out already, "Leiden University" not it
        if len(roots) == 1:
            groups.join(roots.pop(), i, "acronym-initials", force="Organisation")


def _initial_forms(text: str) -> set[str]:
    forms = {names.initials(text), names.initials(text, with_function_words=True)}
    words = text.split()
    if len(words) > 2 and names.fold(words[0]) in lexicon.qualifier_country():
        rest = " ".join(words[1:])
        forms |= {names.initials(rest), names.initials(rest, with_function_words=True)}
    return {f for f in forms if len(f) >= 2}

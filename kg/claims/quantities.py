"""Numbers a text reports, with what they count (`find_quantities`).

A number counts something when the parse ties it to a counted noun ("400 soldiers",
"dozens of troops") or to an event word ("killed 89", "four hit the building"); the pair
(class of the noun, event) is looked up in kg/data/quantity_kinds.tsv. Numbers that count
nothing in that vocabulary are left out, and so are dates, years, ages, times, ordinals,
percentages (save shares of a vote, kg.claims.shares, and stakes, rates and rises or falls
of a few measures, kg.claims.percents) and forms like "24/7"; a vote's tally
is two figures (kg.claims.tallies), a quake's magnitude one (kg.claims.measures). Money
counts when a word says what it is for ("pledged $5 billion"); its currency is part of its
kind. Vague plurals ("hundreds", "several million") read as the least they can mean,
`atLeast`, approximate. Numbers that count nothing are kg.claims.non_counts'.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from kg.claims.count_words import events_near, kind_of, vocabulary
from kg.claims.counted import OWNED_KINDS, owner_of, person_group, token_children
from kg.claims.levels import level_noun, level_subject, of_object
from kg.claims.measures import is_magnitude
from kg.claims.non_counts import is_not_a_count, looks_like_year
from kg.claims.numbers import (
    MONEY_SCALES,
    SHORT_AMOUNT,
    currencies,
    fraction_start,
    is_number_token,
    is_scale,
    is_won,
    multiplier_start,
    number_end,
    read_number,
)
from kg.claims.percents import percent_kind
from kg.claims.ranges import between_end, level_reached, range_start
from kg.claims.shares import vote_share
from kg.claims.tallies import vote_tally
from kg.core.model import Parsed, Quantity, Span, Token

__all__ = ["find_quantities", "is_number_token"]

_QUOTES = {'"', "“", "”", "'", "‘", "’"}
_UNMANNED = {"unmanned", "uncrewed", "pilotless"}


def find_quantities(
    parsed: Parsed,
    begin: int,
    end: int,
    *,
    starts: Sequence[int] | None = None,
    refer: bool = True,
) -> tuple[Quantity, ...]:
    """Find the numbers in text[begin:end] that count something, with what they count.
    `starts`: the tokens' begin offsets, when the caller has them (each claim looks here);
    `refer`: whether "the total was five" takes the kind of the figure named before it."""
    tokens = parsed.tokens
    if starts is None:
        starts = [t.begin for t in tokens]
    first = bisect.bisect_left(starts, begin)
    found: list[Quantity] = []
    last_class: dict[int, str] = {}  # sentence -> class of the last counted noun seen
    i = first
    while i < len(tokens) and tokens[i].end <= end:
        number = is_number_token(tokens[i]) or _is_short_amount(tokens, i)
        if not number or _is_skipped(parsed, tokens[i].begin):
            i += 1
            continue
        if tally := vote_tally(parsed, i, end):  # "voted 27 to 11": two figures
            *pair, i = tally
            found += pair
            continue
        j = number_end(tokens, i + 1, end)
        # "a quarter of a million", "several million"
        for start in (fraction_start(tokens, i, first), multiplier_start(tokens, i, first)):
            i = start if start is not None else i
        quantity = _quantity(parsed, i, j, last_class, refer)
        if quantity is not None:
            b = bisect.bisect_left(starts, quantity.span.begin)
            upper = between_end(tokens, b, j, end) if not quantity.bound else None
            if upper is not None and (most := _other(parsed, upper, quantity)):
                # "between 12,000 and 30,000 people": the least and the most of one figure
                found += [dataclasses.replace(quantity, bound="atLeast")]
                found += [dataclasses.replace(most, bound="atMost")]
                i = upper[1]  # past the upper number
                continue
            if (reached := level_reached(tokens, b, j, end)) is not None:
                quantity, j = _other(parsed, reached, quantity) or quantity, reached[1]
            elif (lower := range_start(tokens, b, first)) is not None and (
                least := _other(parsed, lower, quantity)
            ):  # "12 to 15 people": the least and the most of one figure
                found = [q for q in found if q.span.end <= least.span.begin]
                found.append(dataclasses.replace(least, bound="atLeast"))
                quantity = dataclasses.replace(quantity, bound=quantity.bound or "atMost")
            found.append(quantity)
        i = j
    return tuple(found)


def _other(parsed: Parsed, tokens: tuple[int, int], like: Quantity) -> Quantity | None:
    """The figure of the number in tokens [start, stop), of the kind and unit of `like`
    ("from 300 to 347", "12 to 15", "between 12,000 and 30,000"); none where it has no
    scale word `like` has."""
    signs = currencies()
    words = [t.text.lower() for t in parsed.tokens[tokens[0] : tokens[1]]]
    words = [w for w in words if w not in signs]
    read = read_number(words)
    if read is None or (like.span.text.split()[-1].isalpha() and not words[-1].isalpha()):
        return None  # "6 to 9 billion": 6 is no six
    return _figure(parsed, tokens[0], tokens[1], read, like.kind, like.unit_text)


def _quantity(
    parsed: Parsed, i: int, j: int, last_class: dict[int, str], refer: bool
) -> Quantity | None:
    tokens = parsed.tokens
    head = _number_head(tokens, i, j)
    money = _money(parsed, i, j, head)
    if money is not None:
        return money
    # "59.4% of the votes", "turnout was 61%", "a 4.5% stake", "revenue rose 12%"
    share = vote_share(tokens, i, j) or percent_kind(tokens, i, j)
    if share or is_magnitude(tokens, i, j):  # "a magnitude 6.6 quake"
        read = read_number([t.text.lower() for t in tokens[i:j]])
        unit = "%" if share else ""
        return _figure(parsed, i, j, read, share or "magnitude", unit) if read else None
    if is_not_a_count(parsed, i, j, head, vocabulary().nouns):
        return None
    read = read_number([t.text.lower() for t in tokens[i:j]])
    if read is None:
        return None
    vocab = vocabulary()
    noun = _counted_noun(tokens, head)
    text = parsed.document.text
    if noun is not None and "\n" in text[min(noun.begin, head.begin) : max(noun.end, head.end)]:
        noun = None  # a headline's number does not count the next paragraph's first noun
    cls = _noun_class(tokens, noun) if noun else ""
    sentence = tokens[i].sent
    tally = level_subject(tokens, head) if noun is None else None
    if tally is not None and (counted := of_object(tokens, tally)) is not None:
        cls = _noun_class(tokens, counted)  # "put the number of drones downed at 77"
    elif noun is None and (subject := level_noun(tokens, head)) is not None:
        cls = _noun_class(tokens, subject)  # "cases have risen to 146": cases
    elided = noun is None and not cls and sentence in last_class
    if elided:
        cls = last_class[sentence]  # ellipsis: "two were downed but four hit"
    kind = vocab.kinds.get(noun.lemma.lower(), "") if noun is not None else ""
    # "killed across six states": where or in what, not whom; counted only by its own row
    aside = noun is not None and _in_other_phrase(tokens, noun, head)
    if not kind and aside and not cls:
        return None
    if not kind:
        # an elided noun needs an event word of its own ("the search for the remaining four")
        events = events_near(tokens, head, noun)
        kind = kind_of(cls, events, vocab, default=not elided, wildcard=not aside)
    if not kind and refer and tally is not None and not cls:
        kind = _earlier_kind(parsed, i)  # "put the figure at 13": the figure named before
    if not kind:
        return None
    if cls:
        last_class[sentence] = cls
    if looks_like_year(tokens[i:j]) and (noun is None or noun.tag in {"NN", "NNP"}):
        return None  # "in 2014", "the 2022 attack"
    if noun is None:
        return _figure(parsed, i, j, read, kind, "")
    modifiers = [c.text for c in token_children(tokens, noun) if c.dep in ("amod", "compound")]
    return _figure(parsed, i, j, read, kind, noun.text, person_group(noun.text, modifiers))


def _figure(
    parsed: Parsed,
    i: int,
    end: int,
    read: tuple[Decimal, bool],
    kind: str,
    unit: str,
    group: str = "",
) -> Quantity:
    """The Quantity of tokens [i, end) with the bound and approximation words before i."""
    tokens, text = parsed.tokens, parsed.document.text
    value, vague = read
    bound, approximate, b = _bound(tokens, i)
    if vague:
        bound, approximate = bound or "atLeast", True
    begin, stop = tokens[b].begin, tokens[end - 1].end
    return Quantity(
        value=value,
        kind=kind,
        span=Span(parsed.document.id, begin, stop, text[begin:stop]),
        approximate=approximate,
        bound=bound,
        unit_text=unit,
        group=owner_of(tokens, i, end) if kind in OWNED_KINDS else group or person_group(unit),
    )


def _money(parsed: Parsed, i: int, j: int, head: Token) -> Quantity | None:
    """An amount of money with what it is for: "pledged $5 billion" (pledged-usd), "fined 2.5
    million euros" (fine-eur), "$1.2 billion in damage" (damage-usd). The currency is part
    of the kind, so amounts in two currencies never clash; an amount tied to no word of
    kg/data/quantity_kinds.tsv's money rows is no figure."""
    tokens = parsed.tokens
    signs = currencies()
    short = SHORT_AMOUNT.match(tokens[i].text) if j == i + 1 else None  # "$5bn"
    scale = MONEY_SCALES.get(tokens[j].text.lower().rstrip("."), 1) if j < len(tokens) else 1
    if short is not None:
        scale = MONEY_SCALES[short.group(2).lower()]
    elif scale > 1:
        j += 1
        head = _number_head(tokens, i, j)
    currency, b = "", i
    if i > 0 and (code := signs.get(tokens[i - 1].text.lower())):
        currency, b = code, i - 1
        if i > 1 and tokens[i - 2].end == tokens[i - 1].begin:  # "AU$", "HK$" in two tokens
            wide = signs.get(tokens[i - 2].text.lower() + tokens[i - 1].text.lower())
            currency, b = (wide, i - 2) if wide else (currency, b)
    noun = _counted_noun(tokens, head)
    number_end = j
    if not currency and noun is not None and noun.i == j + 1 and tokens[j].head == noun.i:
        j += 1  # "18 million US dollars": the currency's qualifier stands before its noun
    if not currency and noun is not None and noun.i == j:
        qualifiers = [t for t in token_children(tokens, noun) if t.dep in {"amod", "compound"}]
        currency = signs.get(noun.lemma.lower(), "")
        if qualifiers:  # "US dollars" is the table's; "Canadian dollars" one it does not tell apart
            currency = signs.get(f"{qualifiers[-1].text.lower()} {noun.lemma.lower()}", "")
    if not currency and is_won(tokens, j, scale > 1):
        currency, noun = "KRW", tokens[j]  # "5 million won", parsed as the verb
    if not currency:
        return None
    words = [t.text.lower() for t in tokens[i : number_end - (scale > 1)]]
    read = read_number([short.group(1)] if short is not None else words)
    if read is None or (
        number_end - i == 1 and looks_like_year(tokens[i:number_end]) and not b < i
    ):
        return None
    read = (read[0] * scale, read[1])
    anchor = noun if noun is not None and noun.i == j else head
    events = events_near(tokens, anchor, None)
    for child in token_children(tokens, anchor):  # "$1.2 billion in damage", "... for the deal"
        if child.dep == "prep" and child.text.lower() in {"in", "for", "of"}:
            for pobj in token_children(tokens, child):
                event = vocabulary().events.get(pobj.lemma.lower())
                if pobj.dep == "pobj" and event is not None:
                    events.append(event)
    kinds = vocabulary().table
    kind = next((kinds[("money", e)] for e in events if ("money", e) in kinds), "")
    if not kind:
        return None
    end = j if anchor is head else j + 1
    return _figure(parsed, b, end, read, f"{kind}-{currency.lower()}", currency)


def _is_short_amount(tokens: Sequence[Token], i: int) -> bool:
    """ "5bn" after a currency sign: an amount written with its scale in one token."""
    return (
        i > 0
        and SHORT_AMOUNT.match(tokens[i].text) is not None
        and tokens[i - 1].text.lower() in currencies()
    )


def _number_head(tokens: Sequence[Token], i: int, j: int) -> Token:
    """The token of a multi-word number whose head lies outside it ("strong" of "a
    3,000-strong crowd")."""
    head = next((t for t in tokens[i:j] if not i <= t.head < j or t.head == t.i), tokens[j - 1])
    if head.dep in {"advmod", "npadvmod"} and tokens[head.head].lemma.lower() == "strong":
        return tokens[head.head]
    return head


def _counted_noun(tokens: Sequence[Token], head: Token) -> Token | None:
    """The noun a number counts: its head ("400 soldiers") or its of-phrase ("89 of its men")."""
    if head.dep in {"nummod", "quantmod", "amod", "compound", "nmod"}:
        noun = tokens[head.head]
        while noun.dep == "compound" and tokens[noun.head].pos in {"NOUN", "PROPN"}:
            noun = tokens[noun.head]
        if noun.pos in {"NOUN", "PROPN"} and noun.sent == head.sent:
            return _past_abbreviation(tokens, noun)
    for child in token_children(tokens, head):
        if child.dep == "prep" and child.text.lower() == "of":
            for pobj in token_children(tokens, child):
                if pobj.dep == "pobj":
                    return pobj
    return None


def _past_abbreviation(tokens: Sequence[Token], noun: Token) -> Token:
    """The noun after an abbreviation in brackets, which the parse may take for an
    apposition: "18 one-way attack (OWA) unmanned aerial vehicles" counts the vehicles."""
    children = token_children(tokens, noun)
    closing = next((c.i for c in children if c.text == ")" and c.i > noun.i), None)
    if closing is None:
        return noun
    after = [c for c in children if c.dep == "appos" and c.pos == "NOUN" and c.i > closing]
    return after[0] if after else noun


def _noun_class(tokens: Sequence[Token], noun: Token) -> str:
    """The class of a counted noun (kg/data/quantity_words.tsv); an unmanned vehicle or
    aircraft is a drone."""
    vocab = vocabulary()
    cls = vocab.nouns.get(noun.lemma.lower(), vocab.nouns.get(noun.text.lower(), ""))
    if cls == "equipment" and any(
        c.lemma.lower() in _UNMANNED for c in token_children(tokens, noun)
    ):
        return "drone"
    return cls


def _earlier_kind(parsed: Parsed, i: int) -> str:
    """The kind of the figure named last before token i, in its sentence or the one before."""
    sentence = parsed.tokens[i].sent
    begin = parsed.sentences[max(0, sentence - 1)].begin
    found = find_quantities(parsed, begin, parsed.tokens[i].begin, refer=False)
    return found[-1].kind if found else ""


def _in_other_phrase(tokens: Sequence[Token], noun: Token, number: Token) -> bool:
    """Whether the counted noun, of no class the vocabulary knows, is the object of a
    preposition other than "of" (the number's own "89 of its men")."""
    return (
        noun.dep == "pobj"
        and noun.i != number.i
        and tokens[noun.head].text.lower() != "of"
        and tokens[noun.head].i != number.i
    )


def _bound(tokens: Sequence[Token], i: int) -> tuple[str, bool, int]:
    """Bound and approximation words right before token i, and where they begin."""
    k = i
    while k > 0 and tokens[k - 1].text in _QUOTES:
        k -= 1
    if k > 0 and tokens[k - 1].text.lower() in {"a", "an"} and is_scale(tokens[i]):
        k -= 1  # "more than [a] dozen"
    words = [t.text.lower() for t in tokens[max(0, k - 4) : k]]
    for phrase, bound, approx in vocabulary().bounds:
        n = len(phrase)
        if n <= len(words) and tuple(words[-n:]) == phrase:
            return bound, approx, k - n
    return "", False, i


def _is_skipped(parsed: Parsed, offset: int) -> bool:
    return any(b <= offset < e for b, e in parsed.document.skipped)

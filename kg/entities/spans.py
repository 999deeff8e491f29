"""Repairs of the names NER found, before grouping, from what the tokens around them say.

- One name NER cut in two mentions of one type a space apart ("Amy Berman" + "Jackson").
- A person's name whose generational suffix NER left out ("Mr. X" + "Jr."), or whose
  hyphenated last part it left out ("Moon Jae" of "Moon Jae-in"),
  or whose surname after a particle it left out or took for another name ("Abdel-Fattah"
  of "Abdel-Fattah el-Sissi", "Ursula von der" + "Leyen").
- A portfolio NER ran into the name after "<title> of" ("Director of National
  Intelligence Dan Coats").
- Words before a person's name that are not part of it: a verb or preposition of a
  headline ("Losing Amsel", "Following Kade"), a common noun the text also writes in
  lower case ("Lawyer Dana Voss" beside "his lawyer"), a people's name before a name of
  two words or more ("Kenyan Daniel Rono"). Titles are trimmed by the nlp
  stage already (kg/data/titles.txt) and kept as the mention's title (kg:role).
- A name NER ran on past a person's name the text gives elsewhere ("Dana Voss Checks
  Into Clinic", "Voss Walks Out" in a headline), or into the bracketed acronym after it
  ("World Health Organization (WHO"); a headline's words NER ran into the front of such a
  name ("Obama To Nominate Dana Voss"): kg.entities.headline_cuts.
- A "person" whose name ends in an organisation's head noun ("Ida Lund Center") is an
  organisation.
- A place NER was made to see inside an organisation's name, by the gazetteer: "Kenya"
  of "Kenya Airways", "Bank of" + "Kenya", "Kenya" + "Air Force". The place
  modifies a name that goes on right after it, so the whole is one organisation.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from kg.core import lexicon
from kg.core.model import Mention, Parsed, Token
from kg.entities import names
from kg.entities.acronyms import mention_from_tokens
from kg.entities.headline_cuts import (
    body_capitals,
    cut_after_person,
    cut_before_person,
    cut_portfolio,
    headline_words_only,
)
from kg.entities.person_names import SUFFIXES, is_name_particle
from kg.entities.split_names import body_before_country, company_tail, split_name

__all__ = ["repair_spans"]

_HYPHENS = frozenset({"-", "‐", "‑"})
# Parts of speech and dependencies a word of a name never has.
# ("Will Smith": a bare verb form or an auxiliary may be a given name; "Losing" is not.)
_NOT_NAME_POS = frozenset({"ADP", "ADV", "SCONJ", "CCONJ", "DET", "PRON", "PART"})
_NOT_NAME_TAGS = frozenset({"VBG", "VBD", "VBZ", "VBN"})
_NOT_NAME_DEP = frozenset({"prep", "csubj", "mark", "neg"})


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    return frozenset(lexicon.org_heads())


@lru_cache(maxsize=1)
def _body_endings() -> frozenset[str]:
    """Words that end no person's name: a body's head noun or a company's ("X Labs")."""
    return lexicon.org_heads() | lexicon.company_words()


def repair_spans(mentions: Sequence[Mention], parsed: Parsed) -> tuple[Mention, ...]:
    """Repair the spans and types of one document's mentions (see the module)."""
    tokens = parsed.tokens
    text = parsed.document.text
    ordered = sorted(mentions, key=lambda m: (m.begin, m.end))
    taken = bytearray(len(tokens) + 1)
    for m in ordered:
        taken[m.start : m.end_token] = b"\x01" * max(0, m.end_token - m.start)
    lower_words: set[str] | None = None
    people = {m.text for m in ordered if m.type == "Person" and m.end_token - m.start >= 2}
    # the one-word names the text calls people by ("Mr. Voss": "Voss")
    surnames = {m.text for m in ordered if m.type == "Person" and m.end_token - m.start == 1}
    alone = Counter(m.text for m in ordered)
    family_names = {p.split()[-1] for p in people}
    unfollowed = alone - Counter(
        a.text
        for a, b in zip(ordered, ordered[1:], strict=False)
        if a.type == "Place" and b.type == "Person" and a.end_token == b.start
    )
    headlines: dict[int, bool] = {}
    capitals: list[set[str]] = []

    def body() -> set[str]:
        if not capitals:
            capitals.append(body_capitals(tokens, text, headlines))
        return capitals[0]

    out: list[Mention] = []
    for m in _split_bracketed(ordered, tokens, text):
        if (
            m.type != "Weapon"
            and m.end_token - m.start > 1
            and tokens[m.end_token - 1].text in ":;"
        ):
            end = tokens[m.end_token - 2].end  # "Dana Voss Jr:" in a headline
            m = dataclasses.replace(m, end=end, end_token=m.end_token - 1, text=text[m.begin : end])
        if m.type != "Weapon" and m.end_token - m.start > 1:
            m = _trim_trailing(m, tokens, text)
        if m.type in ("Organisation", "Place") and m.end_token - m.start >= 3:
            k = m.end_token - 2
            if tokens[k].text == "," and tokens[k + 1].text in family_names:
                # "at State House, Ruto said": a surname of the text's people after a comma
                # is theirs
                surname = mention_from_tokens(m, tokens, k + 1, k + 2, "PERSON")
                out.append(dataclasses.replace(surname, type="Person"))
                end = tokens[k - 1].end
                m = dataclasses.replace(m, end=end, end_token=k, text=text[m.begin : end])
        if m.type in ("Person", "Organisation") and m.end_token - m.start >= 2:
            if m.end_token - m.start >= 3:
                m = cut_portfolio(m, tokens, text)
            m = cut_after_person(m, tokens, text, people, surnames, headlines)
            if m.end_token - m.start >= 3:
                m = cut_before_person(m, tokens, text, people, headlines)
            if headline_words_only(m, tokens, text, headlines, body):
                continue  # "Opening Path", "Families Dig Trenches": no name
        if m.type in ("Place", "Organisation"):
            m = company_tail(_extend_name_tail(m, tokens, text, taken), tokens, text, taken)
        if out and out[-1].type == "Person" and out[-1].start <= m.start < out[-1].end_token:
            continue  # the surname a particle tail took in ("von der" + "Leyen")
        if m.type == "Person":
            m = _extend_hyphen_tail(m, tokens, text, taken)
            m = _extend_particle_tail(m, tokens, text, ordered)
            m = _with_suffix(m, tokens, text)
            if len(m.text.split()) > 1 and m.antecedent is None:
                if lower_words is None and _leading_noun(m, tokens):
                    lower_words = {t.text for t in tokens if t.text.islower()}
                m = _trim_leading(m, tokens, text, lower_words or set())
                if m.text.split()[-1].lower() in _body_endings():
                    m = dataclasses.replace(m, type="Organisation", title="")
        if out and (joined := _place_in_organisation(out[-1], m, tokens, text)) is not None:
            out[-1] = joined
            continue
        if out and (whole := split_name(out[-1], m, text, alone, unfollowed)) is not None:
            out[-1] = whole
            continue
        if m.type == "Place" and (longer := _place_before_name(m, tokens, text, taken)):
            m = longer
        m = body_before_country(m, tokens, text, taken)
        out.append(m)
    return tuple(sorted(out, key=lambda m: (m.begin, m.end)))


def _extend_hyphen_tail(
    m: Mention, tokens: Sequence[Token], text: str, taken: bytearray
) -> Mention:
    k = m.end_token
    if (
        k + 1 < len(tokens)
        and tokens[k].text in _HYPHENS
        and tokens[k].begin == m.end
        and tokens[k + 1].begin == tokens[k].end
        and tokens[k + 1].text.isalpha()
        and not taken[k]
        and not taken[k + 1]
        and tokens[k + 1].sent == tokens[k].sent
    ):
        end = tokens[k + 1].end
        return dataclasses.replace(m, end=end, end_token=k + 2, text=text[m.begin : end])
    return m


def _split_bracketed(
    mentions: Sequence[Mention], tokens: Sequence[Token], text: str
) -> list[Mention]:
    """ "World Health Organization (WHO", "Turkish Red Crescent (Kızılay": NER ran a name on
    into the bracketed acronym or other name after it; the name and the acronym are two
    mentions (which the acronym rule joins)."""
    out: list[Mention] = []
    for m in mentions:
        k = next((k for k in range(m.start + 1, m.end_token - 1) if tokens[k].text == "("), None)
        if m.type == "Weapon" or m.antecedent is not None or k is None:
            out.append(m)
            continue
        end = m.end_token - 1 if tokens[m.end_token - 1].text == ")" else m.end_token
        word = tokens[k + 1].text  # an acronym, or a name in its own language ("Kızılay")
        if end - (k + 1) != 1 or not (word.isupper() or (word.istitle() and word.isalpha())):
            out.append(m)
            continue
        name_end = tokens[k - 1].end
        out.append(dataclasses.replace(m, end=name_end, end_token=k, text=text[m.begin : name_end]))
        acronym = tokens[k + 1]
        out.append(
            dataclasses.replace(
                m,
                begin=acronym.begin,
                end=acronym.end,
                text=acronym.text,
                start=k + 1,
                end_token=k + 2,
                title="",
                kb_id="",
            )
        )
    return out


def _extend_particle_tail(
    m: Mention, tokens: Sequence[Token], text: str, ordered: Sequence[Mention]
) -> Mention:
    """ "Abdel-Fattah" + "el-Sissi", "Ursula von der" + "Leyen": name particles and the
    capitalised word after them finish a person's name, whatever NER made of that word."""
    k = m.end_token
    if is_name_particle(tokens[k - 1].text) and (
        tokens[k - 1].text.islower() or m.end_token - m.start >= 2
    ):
        pass  # NER stopped after the particles ("Ursula von der", "Marine Le")
    elif not (k < len(tokens) and tokens[k].begin - m.end == 1 and _is_particle_at(tokens, k)):
        return m
    particles = 0
    while k < len(tokens) and _is_particle_at(tokens, k) and particles < 3:
        k += 1
        particles += 1
        if k < len(tokens) and tokens[k].text in _HYPHENS and tokens[k].begin == tokens[k - 1].end:
            k += 1
            break  # "el-Sissi": the surname follows the hyphen
    if (
        k >= len(tokens)
        or not tokens[k].text[:1].isupper()
        or not tokens[k].text.isalpha()
        or tokens[k].sent != tokens[m.start].sent
    ):
        return m
    other = next((o for o in ordered if o.start <= k < o.end_token and o is not m), None)
    if other is not None and (
        other.end_token > k + 1 or (other.type == "Person" and other.start < k)
    ):
        return m  # a longer name of its own, or a person NER found with the particles
    # a lone person NER made of the surname is the rest of this name ("Anke" + "ter" +
    # "Horst": the surname NER split off)
    end = tokens[k].end
    return dataclasses.replace(m, end=end, end_token=k + 1, text=text[m.begin : end])


def _with_suffix(m: Mention, tokens: Sequence[Token], text: str) -> Mention:
    """A person's name with the generational suffix NER left out after it ("Mr. X" + "Jr."):
    without it, the son's name is the father's."""
    k = m.end_token
    if k >= len(tokens) or tokens[k].begin != tokens[k - 1].end + 1:
        return m
    word = tokens[k].text
    if not word[:1].isupper() or names.fold(word) not in _SHORT_SUFFIXES:
        return m
    return dataclasses.replace(
        m, end=tokens[k].end, end_token=k + 1, text=text[m.begin : tokens[k].end]
    )


def _is_particle_at(tokens: Sequence[Token], k: int) -> bool:
    """A name particle: lower case ("von", "al"), or capitalised before a hyphen ("El-")."""
    word = tokens[k].text
    if not is_name_particle(word):
        return False
    if word.islower():
        return True
    return k + 1 < len(tokens) and tokens[k + 1].text in _HYPHENS


def _extend_name_tail(m: Mention, tokens: Sequence[Token], text: str, taken: bytearray) -> Mention:
    """ "Emilia-Romagna", "Guinea-Bissau", "Rolls-Royce": a capitalised word hyphened onto a
    place or organisation is the rest of its name, unless it names something itself
    ("Israel-Hamas war", "US-China talks": another mention, or a known place or body)."""
    k = m.end_token
    if k + 1 >= len(tokens) or not tokens[k + 1].text[:1].isupper():
        return m
    tail = tokens[k + 1].text
    if (
        names.find_place(tail) is not None
        or names.find_organisation(tail) is not None
        or names.is_qualifier(tail)
    ):
        return m
    return _extend_hyphen_tail(m, tokens, text, taken)


def _leading_noun(m: Mention, tokens: Sequence[Token]) -> bool:
    return tokens[m.start].pos == "NOUN"


def _trim_trailing(m: Mention, tokens: Sequence[Token], text: str) -> Mention:
    """A name without the conjunction or the dash and lowercase word NER ran on into after
    it ("X Medical Center and", "Edappadi K Palaniswami - known"); "Gulf of" (NER stopped
    before "Aden") and "People magazine" are left to the other repairs."""
    end = m.end_token

    def spaced_dash(k: int) -> bool:  # a dash set off by a space: no hyphen ("Sung-jin")
        return tokens[k].text in _DASHES and tokens[k].begin > tokens[k - 1].end

    while end - 1 > m.start:
        word = tokens[end - 1].text
        if spaced_dash(end - 1) or word in {"and", "or"}:
            end -= 1
        elif end - 2 > m.start and word.islower() and spaced_dash(end - 2):
            end -= 2
        else:
            break
    if end == m.end_token or not tokens[end - 1].text[:1].isalnum():
        return m
    stop = tokens[end - 1].end
    return dataclasses.replace(m, end=stop, end_token=end, text=text[m.begin : stop])


_DASHES = frozenset({"-", "–", "—"})
_SHORT_SUFFIXES = SUFFIXES - {"junior", "senior"}  # not "Senior Center"


def _trim_leading(m: Mention, tokens: Sequence[Token], text: str, lower_words: set[str]) -> Mention:
    start = m.start
    while start < m.end_token - 1:
        tok = tokens[start]
        if (
            tok.pos in _NOT_NAME_POS
            or tok.tag in _NOT_NAME_TAGS
            or tok.dep in _NOT_NAME_DEP
            # a common noun before a name of two words or more ("Hope Hicks" stays)
            or (
                tok.pos == "NOUN"
                and m.end_token - start > 2
                and (tok.text.lower() in lower_words or tok.text.isupper())
            )
            # a people's name before a name of two words or more ("Kenyan Daniel Rono")
            or (
                m.end_token - start > 2
                and tok.text.lower() in lexicon.demonyms()
                and tok.text.lower() not in lexicon.given_names()
                and tokens[start + 1].text.istitle()
            )
        ):
            start += 1
        else:
            break
    if start == m.start or not tokens[start].text[:1].isupper():
        return m
    begin = tokens[start].begin
    return dataclasses.replace(m, begin=begin, start=start, text=text[begin : m.end])


def _place_in_organisation(
    first: Mention, second: Mention, tokens: Sequence[Token], text: str
) -> Mention | None:
    """ "Bank of" + "Kenya", "Kenya" + "Air Force": one organisation; "Bay of" + "Kenya":
    one place (a name "X of" that a gazetteer place completes is of the first one's type)."""
    if first.end_token != second.start or tokens[second.start].begin - first.end > 1:
        return None
    if first.antecedent is not None or second.antecedent is not None:
        return None
    last = tokens[first.end_token - 1]
    if first.type in ("Organisation", "Place") and last.text.lower() == "of":
        if second.type != "Place":
            return None
        if first.type == "Place":
            end = tokens[second.end_token - 1].end
            return dataclasses.replace(
                first, end=end, end_token=second.end_token, text=text[first.begin : end], kb_id=""
            )
    elif {first.type, second.type} == {"Place", "Organisation"}:
        # "Kenya" + "Air Force", "Norvale" + "Kenya": the first modifies the second
        if last.dep != "compound" or not second.start <= last.head < second.end_token:
            return None
    else:
        return None
    return _one_organisation(first, second.end_token, tokens, text)


def _place_before_name(
    m: Mention, tokens: Sequence[Token], text: str, taken: bytearray
) -> Mention | None:
    """ "Kenya Airways": a place modifying the free capitalised name after it."""
    last = tokens[m.end_token - 1]
    if last.dep != "compound" or last.head <= last.i:
        return None
    end = m.end_token
    while (
        end < len(tokens)
        and not taken[end]
        and tokens[end].pos == "PROPN"
        and tokens[end].text[:1].isupper()
        and tokens[end].begin - tokens[end - 1].end <= 1
        and end <= last.head
    ):
        end += 1
    if end == m.end_token or end - 1 != last.head:
        return None
    if tokens[end - 1].text.lower() not in _org_heads():
        return None
    # "U.S. Department of Labor": the head's "of" phrase, when it is a name too
    k = end + 1
    while (
        k < len(tokens)
        and not taken[k]
        and tokens[k].pos == "PROPN"
        and tokens[k].text[:1].isupper()
    ):
        k += 1
    if k > end + 1 and tokens[end].text in ("of", "for"):
        end = k
    return _one_organisation(m, end, tokens, text)


def _one_organisation(
    first: Mention, end_token: int, tokens: Sequence[Token], text: str
) -> Mention:
    end = tokens[end_token - 1].end
    return dataclasses.replace(
        first,
        end=end,
        end_token=end_token,
        text=text[first.begin : end],
        type="Organisation",
        label="ORG",
        kb_id="",
        title="",
    )

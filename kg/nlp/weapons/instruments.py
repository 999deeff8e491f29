"""Instrument positions: where a generic weapon word names what an attack was carried out with.

"Rockets hit the depot", "fired four rockets", "struck by drones", "a barrage of missiles",
"a missile strike" use the weapon word as the instrument of an attack; "missile defence",
"talked about missiles" and "the missile crisis" do not. With a dependency parse the
position is read from the parse, otherwise from the neighbouring words. The cue words are
closed-class grammar, not lexicon, so they live here rather than in a data file.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.core.weapons import singular, word_set

__all__ = ["is_instrument"]


# Closed-class cue words of the instrument rules (lemmas, lowercase). Grammar, not lexicon.
_ATTACK_VERBS = word_set(
    "hit strike kill destroy damage wound injure land explode slam pound target smash "
    "demolish blast shell bomb attack crash fall rain level flatten pierce shatter tear rip "
    "batter hammer cause set ignite raze"
)
_FIRE_VERBS = word_set(
    "fire launch use shoot drop deploy lob hurl unleash intercept down employ detonate "
    "plant lay aim direct test-fire"
)
_ATTACK_NOUNS = word_set(
    "attack strike barrage salvo fire shelling bombardment raid assault hit launch "
    "impact onslaught volley blast explosion detonation"
)
_BARRAGE_NOUNS = word_set("barrage salvo wave swarm volley hail rain")
_QUANTITY_NOUNS = word_set(
    "hundred hundreds dozen dozens thousand thousands score scores number handful "
    "pair couple series dozen"
)
_AGENT_PREPS = frozenset({"by", "with"})


def is_instrument(doc: Doc, start: int, head: int, has_dep: bool) -> bool:
    """Tell whether the phrase `start`..`head` names what an attack was carried out with."""
    if has_dep:
        return _is_instrument_by_parse(doc[head])
    return _is_instrument_by_context(doc, start, head)


def _is_instrument_by_parse(token: Token, depth: int = 0) -> bool:
    head = token.head
    dep = token.dep_
    lemma = head.lemma_.lower()
    if depth > 3:
        return False
    if dep == "conj" and head.i != token.i:
        return _is_instrument_by_parse(head, depth + 1)
    if dep == "appos":
        return _is_instrument_by_parse(head, depth + 1)
    if dep == "nsubj" and head.pos_ in {"VERB", "AUX"}:
        return lemma in _ATTACK_VERBS or lemma in _FIRE_VERBS
    if dep == "nsubjpass":
        return lemma in _FIRE_VERBS
    if dep in {"dobj", "obj"}:
        return lemma in _FIRE_VERBS or _is_phrasal_down(head)
    if dep in {"compound", "amod", "nmod"}:
        # "a missile strike"; not "munition impact points", where the attack noun itself
        # modifies another noun
        return singular(head.lower_) in _ATTACK_NOUNS and head.dep_ != "compound"
    if dep == "pobj":
        prep = head
        pl = prep.lower_
        if pl in _AGENT_PREPS or prep.dep_ == "agent":
            governor = prep.head
            gl = governor.lemma_.lower()
            return (
                gl in _ATTACK_VERBS
                or gl in _FIRE_VERBS
                or singular(governor.lower_) in _ATTACK_NOUNS
            )
        if pl == "of":
            governor = prep.head
            gw = singular(governor.lower_)
            if gw in _BARRAGE_NOUNS or gw in _ATTACK_NOUNS:
                return True
            if gw in _QUANTITY_NOUNS or governor.pos_ == "NUM":
                return _is_instrument_by_parse(governor, depth + 1)
    return False


def _is_phrasal_down(verb: Token) -> bool:
    """Tell whether `verb` is "shoot down", "bring down", "knock out" and the like."""
    return verb.lemma_.lower() in {"shoot", "bring", "knock", "take"} and any(
        c.dep_ in {"prt", "advmod"} and c.lower_ in {"down", "out"} for c in verb.children
    )


_ATTACK_FORMS = word_set(
    "hit hits hitting struck strike strikes striking killed kill kills killing destroyed "
    "destroys damaged damage damages wounded injured landed land lands exploded explode "
    "slammed pounded targeted smashed demolished blasted shelled bombed attacked crashed "
    "fell rained levelled leveled flattened pierced shattered tore ripped battered hammered "
    "caused set ignited razed"
)
_FIRE_FORMS = word_set(
    "fire fires fired firing launch launches launched launching use uses used using shoot "
    "shoots shot shooting drop drops dropped dropping deploy deployed deploying lobbed "
    "hurled unleashed intercept intercepted intercepting downed employed detonated planted "
    "laid aimed directed test-fired"
)
_SKIPPABLE = word_set(
    "a an the two three four five six seven eight nine ten dozens hundreds of more than "
    "several some at least about nearly over its their his her russian ukrainian israeli "
    "iranian american -"
)


def _is_instrument_by_context(doc: Doc, start: int, i: int) -> bool:
    """Guess the instrument position from neighbouring words (no dependency parse)."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None:
        if nxt.lower_ in _ATTACK_FORMS or nxt.lower_ in _FIRE_FORMS:
            return True  # "rockets hit", "helicopters dropped"
        if singular(nxt.lower_) in _ATTACK_NOUNS and nxt.lower_ != "launch":
            return True  # "missile strike"
        if nxt.lower_ in {"was", "were", "had", "have", "has"} and i + 2 < len(doc):
            after = doc[i + 2].lower_
            if after in _FIRE_FORMS or after in _ATTACK_FORMS:
                return True  # "missiles were fired", "rockets had hit"
    j = start - 1
    while j >= 0 and (doc[j].lower_ in _SKIPPABLE or doc[j].like_num) and start - j < 6:
        j -= 1
    if j < 0:
        return False
    word = doc[j].lower_
    if word in _FIRE_FORMS:
        return True  # "fired four rockets"
    if (
        word in {"down", "out"}
        and j > 0
        and doc[j - 1].lower_ in {"shot", "shoot", "brought", "knocked"}
    ):
        return True
    if word in _AGENT_PREPS and j > 0:
        before = doc[j - 1].lower_
        return before in _ATTACK_FORMS or before in _FIRE_FORMS or singular(before) in _ATTACK_NOUNS
    return singular(word) in _BARRAGE_NOUNS

"""Cues of one document with their source words and content (`find_attributions`).

Cues are reporting verbs (kg/data/reporting_verbs.tsv: speech, beliefs and positions,
directives) in any form, and the cues of `kg.claims.phrases` ("according to X", reporting
nouns, adjectives of belief, transcript lines). The content follows PARC: the verb's clausal
complement without "that" ("said that ..."), the infinitive of a directive ("told airlines
not to ..."), the quotation next to the cue ("“...,” he said", both halves of one the cue
splits), the clause the cue interrupts ("The roof, the mayor said, fell"), for verbs like
blame, deny, decline the object and what follows, and for an agentless passive the clause
after the cue without its subject ("is expected to open"; no source stated). The ones an
outlet cites are a source of what it reports ("Citing officials, the paper reported ..."),
and a cue after a quotation that the parser took for part of the speaker's name still
speaks ("“...,” claims writer X"). A cue under a
verb of wanting or refusing, a negated cue with a question, a content that only keeps its
source anonymous, and "confirmed" an office holder report nothing. Parses of news text go
wrong around headings, captions and link lines; complements and sources there are not used.
"""

from __future__ import annotations

from kg.claims.context import Cue, Found, ParsedText, lexicon, trim
from kg.claims.descriptions import only_anonymity
from kg.claims.objects import (
    a_body,
    cited_source,
    is_act,
    names_a_person,
    naming_content,
    object_clause,
    only_a_name,
    puts_a_figure,
)
from kg.claims.phrases import (
    according_attributions,
    nominal_attributions,
    stance_attributions,
    transcript_attributions,
)
from kg.claims.quotations import only_punct, punct_after, punct_before
from kg.claims.subjects import (
    name_after_quotation,
    second_act,
    speaker_after_quotation,
    verb_source,
)
from kg.core.model import Token

__all__ = ["find_attributions"]

# Where a cue word without a subject stands as a noun would ("..., claims he denied").
_NOUN_DEPS = frozenset({"advcl", "appos", "npadvmod", "dobj", "pobj", "attr"})
_QUESTION = {"what", "where", "when", "why", "how", "who", "whom", "which", "whether", "if"}
_WHEN = frozenset({"DATE", "TIME"})  # entity labels of a when
_ASKING = frozenset({"ask", "wonder", "inquire", "enquire", "question"})  # cues of a question
_CONTRASTS = frozenset({"while", "whereas", "whilst", "though", "although"})
_FUTURE = frozenset({"will", "'ll", "’ll", "shall"})  # auxiliaries of what is yet to be said
# Verbs of speaking a source declines to do ("declined to comment"), beside the cues
_NO_COMMENT = frozenset({"comment", "discuss", "elaborate", "speak", "answer", "respond", "name"})


def find_attributions(doc: ParsedText) -> list[Found]:
    """Every attribution of the document, one per content span, ordered by the cue."""
    found = (
        _verb_attributions(doc)
        + according_attributions(doc)
        + nominal_attributions(doc)
        + stance_attributions(doc)
        + transcript_attributions(doc)
    )
    found = _dedupe(doc, found)
    found.sort(key=lambda f: (doc.tokens[f.head].begin, f.content))
    return found


def _verb_attributions(doc: ParsedText) -> list[Found]:
    lex = lexicon()
    out: list[Found] = []
    for t in doc.tokens:
        cue = lex.cues.get(t.lemma.lower())
        if cue is None or t.pos not in {"VERB", "AUX"} or doc.skipped(t.begin):
            continue
        if t.dep == "compound" and t.tag in {"VBZ", "VBD"}:
            inverted = (
                speaker_after_quotation(doc, t) if cue.content in {"clause", "both"} else None
            )
            if inverted is not None:  # "“...,” claims writer X."
                quote, speaker = inverted
                out.append(Found(cue.lemma, (t.i, t.i + 1), speaker, quote, True, t.i))
            continue
        if t.dep in {"amod", "compound"}:
            continue  # "the reported data"
        if t.tag == "VBZ" and t.dep in _NOUN_DEPS and not doc.child(t.i, "nsubj", "expl"):
            continue  # "..., claims he denied": a noun the tagger took for a verb
        if t.tag == "VBN" and doc.child(t.i, "auxpass"):
            passive = _passive_attribution(doc, t, cue)
            if passive is not None:
                out.append(passive)
            continue
        if t.lemma.lower() == "cite":
            cited = _cited_source(doc, t)
            if cited is not None:
                out.append(cited)
                continue
        if t.lemma.lower() == "add" and doc.child(t.i, "dobj", "dative"):
            continue  # "added fuel", not "he added"
        if t.lemma.lower() == "put" and not puts_a_figure(doc, t):
            continue  # "put pressure on", not "put the toll at 45"
        if t.lemma.lower() == "decline" and any(
            doc.tokens[x].lemma.lower() not in lex.cues.keys() | _NO_COMMENT
            for x in doc.child(t.i, "xcomp")
        ):
            continue  # "declined to bid": an act; "declined to comment" says no comment
        if any(doc.tokens[a].text.lower() in _FUTURE for a in doc.child(t.i, "aux")):
            continue  # "X will announce her cabinet next week": nothing said yet
        if t.dep == "xcomp" and doc.tokens[t.head].lemma.lower() in lex.desires:
            continue  # "wanted to know what happened", "declined to predict when"
        objects = doc.child(t.i, "dobj") + [
            k for c in doc.child(t.i, "ccomp") for k in doc.child(c, "nsubj")
        ]  # "found themselves caught", parsed as a clause
        if is_act(doc, t, objects, lex.non_reports):
            continue  # "claimed responsibility", "confirmed a secretary": an act, no report
        source = verb_source(doc, t)
        named = name_after_quotation(doc, t) if source is None and cue.content != "object" else None
        content: tuple[int, int, bool] | None
        if named is not None:  # "“...,” said X, chairman of Y Co. Z has not ...": X, the quote
            source, content = named[1], (*named[0], True)
        else:
            content = _verb_content(doc, t, cue, source)
        if content is None:
            continue
        begin, end, direct = content
        if doc.child(t.i, "neg") and not direct and cue.polarity == "positive":
            first_word = doc.text[begin:end].split(maxsplit=1)[:1]
            if end - begin < 3 or first_word[0].lower() in _QUESTION:
                continue  # "did not say where the cuts would fall": nothing asserted
        if only_anonymity(doc, begin, end):
            continue  # "asked not to be named": how the source speaks, not what it says
        first, cue_end = _cue_range(doc, t, cue, begin)
        if t.lemma.lower() == "decline":
            cue_end = max([c + 1 for c in doc.child(t.i, "xcomp")] + [cue_end])
        out.append(Found(t.lemma.lower(), (first, cue_end), source, (begin, end), direct, t.i))
        if direct and end <= t.begin:
            # "“...,” she said, “...”": the quotation goes on after the cue.
            after = _adjacent_quote(doc, t, after=True)
            if after is not None and after[0] >= t.end:
                out.append(Found(t.lemma.lower(), (first, cue_end), source, after, True, t.i))
    return out


def _cited_source(doc: ParsedText, verb: Token) -> Found | None:
    """ "Citing people familiar with the talks, the paper reported that ...": the ones cited
    are a source of what the cue they hang on reports, beside the paper (`cited_source`)."""
    head = doc.tokens[verb.head]
    cue = lexicon().cues.get(head.lemma.lower())
    cited = cited_source(doc, verb)
    if cue is None or cue.content not in {"clause", "both"} or cited is None:
        return None
    content = _verb_content(doc, head, cue, verb_source(doc, head))
    if content is None:
        return None
    begin, end, direct = content
    return Found(verb.lemma.lower(), (verb.i, verb.i + 1), cited, (begin, end), direct, verb.i)


def _cue_range(doc: ParsedText, verb: Token, cue: Cue, content_begin: int) -> tuple[int, int]:
    """The cue's tokens: the verb with its auxiliaries, negation and adverbs right before it
    ("has also confirmed", "do n't think") and the addressee of a directive ("told
    reporters")."""
    first = verb.i
    while (
        first > 0
        and doc.tokens[first - 1].head == verb.i
        and doc.tokens[first - 1].dep in {"aux", "auxpass", "neg", "advmod"}
    ):
        first -= 1
    end = verb.i + 1
    if cue.content == "directive":
        for o in doc.child(verb.i, "dobj", "dative"):
            tree = doc.subtree(o)
            if min(tree) == end and doc.tokens[max(tree)].end <= content_begin:
                end = max(tree) + 1
    return first, end


def _passive_attribution(doc: ParsedText, verb: Token, cue: Cue) -> Found | None:
    """ "The flight is expected to take place ...", "it is feared that ...", "was reported
    by X to ...": the content is the clause or infinitive after the cue (without the
    subject); the source is the agent, or none stated."""
    if cue.content not in {"clause", "both", "directive"}:
        return None
    parts = doc.child(verb.i, "ccomp") or doc.child(verb.i, "xcomp")
    if not parts or any(
        doc.tokens[k].text.lower() in {"whether", "if"} for k in doc.child(parts[0], "mark")
    ):
        return None  # "it was not disclosed whether ...": a question
    tree = [i for i in doc.subtree(parts[0]) if i > verb.i]
    if not tree:
        return None
    tree = _without_complementiser(doc, tree)
    span = trim(doc.text, *doc.span_of(tree))
    if span is None:
        return None
    source: tuple[int, int] | None = None
    for agent in doc.child(verb.i, "agent"):
        pobj = doc.child(agent, "pobj")
        if pobj:
            agent_tree = doc.subtree(pobj[0])
            source = (min(agent_tree), max(agent_tree) + 1)
    first, end = _cue_range(doc, verb, cue, span[0])
    return Found(
        verb.lemma.lower(), (first, end), source, span, False, verb.i, unstated=source is None
    )


def _without_complementiser(doc: ParsedText, tree: list[int]) -> list[int]:
    """A clause's tokens without the "that" that introduces it (PARC leaves it out) and
    without a conjunction left dangling at its end ("... the border, and")."""
    first = doc.tokens[tree[0]]
    if len(tree) > 1 and first.text.lower() == "that":
        # "told X that he arranged payments": read as the object of a verb that has one
        if first.dep == "mark" or (first.dep == "dobj" and len(doc.child(first.head, "dobj")) > 1):
            tree = tree[1:]
    while len(tree) > 1 and (
        doc.tokens[tree[-1]].dep == "cc" or doc.tokens[tree[-1]].text in {",", ";", ":", "-", "--"}
    ):
        tree = tree[:-1]
    return tree


def _without_leading_time(doc: ParsedText, tree: list[int], clause: int) -> list[int]:
    """A clause's tokens without the date that opens them: "said on Friday he would ...",
    "said last month he was ...": the date is when it was said, which the parser hung on
    the clause; kept where no subject of the clause follows it ("said on Friday that")."""
    for x in doc.child(clause, "prep", "npadvmod"):
        words = sorted(doc.subtree(x))
        if words[0] != tree[0] or not any(doc.tokens[k].ent_type in _WHEN for k in words):
            continue
        rest = [k for k in tree if k > words[-1]]
        if rest and any(k > words[-1] for k in doc.child(clause, "nsubj", "nsubjpass")):
            return rest
    return tree


def _verb_content(
    doc: ParsedText, verb: Token, cue: Cue, source: tuple[int, int] | None
) -> tuple[int, int, bool] | None:
    """The content of a reporting verb: (begin, end, direct)."""
    if cue.content in {"clause", "both", "directive"}:
        for c in doc.child(verb.i, "ccomp") + object_clause(doc, verb):
            if any(doc.tokens[k].text.lower() in {"whether", "if"} for k in doc.child(c, "mark")):
                continue  # "asked whether ...": a question, no content asserted
            if verb.lemma.lower() in _ASKING and doc.tokens[min(doc.subtree(c))].text.lower() in (
                _QUESTION
            ):
                continue  # "kept asking who was paying us": a question too
            if c < verb.i and any(
                doc.tokens[k].text == ";" for k in range(max(doc.subtree(c)) + 1, verb.i)
            ):
                continue  # "X ousts Y; Z says ...": a clause of its own, not what Z says
            # Only the part in the cue's paragraph: a link line or heading the parser hung
            # on the cue is not what was said.
            tree = [
                i
                for i in doc.subtree(c)
                if not doc.skipped(doc.tokens[i].begin)
                and "\n"
                not in doc.text[
                    min(doc.tokens[i].end, verb.end) : max(doc.tokens[i].begin, verb.begin)
                ]
            ]
            if not tree:
                continue
            tree = _without_complementiser(doc, _before_participle_cue(doc, tree, c))
            tree = _without_leading_time(doc, tree, c)
            begin, end = doc.span_of(tree)
            quote = doc.quote_at(doc.tokens[c].begin)
            if (
                quote is not None
                and doc.is_speech(quote)
                and not quote[0] <= verb.begin < quote[1]
                and (begin >= quote[0] - 2 or only_punct(doc.text[begin : quote[0]]))
            ):
                return quote[0], quote[1], True
            if max(tree) < verb.i:
                # "X reiterated ... “as shown by ...”, his office said": the content runs
                # up to the source, whatever the parser hung on the cue in between.
                stop = min(source[0], verb.i) if source is not None else verb.i
                end = doc.tokens[max(min(tree), stop - 1)].end
            cut = doc.text.find(", according to", begin, end)
            span = trim(doc.text, begin, cut if cut > begin else end)
            if span is not None:
                return span[0], span[1], False
    if cue.content == "naming":
        return naming_content(doc, verb)
    if cue.content == "quote" and doc.child(verb.i, "mark"):
        return None  # '"could be overwhelmed" if cases continued to rise': no speaker's cue
    quote = _adjacent_quote(doc, verb) if cue.content != "object" else None
    if quote is None and verb.dep == "pcomp" and doc.tokens[verb.head].text.lower() == "as":
        # "“...,” the paper quoted X as saying": the quotation the quoting verb has
        quote = _adjacent_quote(doc, doc.tokens[doc.tokens[verb.head].head])
    if quote is not None:
        return quote[0], quote[1], True
    if cue.content == "directive":
        # "told airlines not to buy ...", "asked X to be responsible for ..."
        for c in doc.child(verb.i, "xcomp"):
            span = trim(doc.text, *doc.span_of(doc.subtree(c)))
            if span is not None and doc.tokens[c].i > verb.i:
                return span[0], span[1], False
    if verb.dep == "parataxis" and cue.content != "object":
        # "The ceilings collapsed, the ministry said."
        head = verb.head
        subj = doc.child(verb.i, "nsubj")
        edge = min([verb.i] + [min(doc.subtree(k)) for k in subj])
        # not another source's clause after it ("..., the Red Crescent said, though an
        # official told AFP the toll was 15")
        whole = _before_participle_cue(doc, doc.subtree(head, skip=verb.i), head)
        tree = [i for i in whole if i < edge]
        own = doc.subtree(verb.i)
        if tree and any(i > max(own) and doc.tokens[i].pos != "PUNCT" for i in whole):
            # "The bridge, the mayor said, will reopen in May": the whole clause, the
            # parenthetical source and cue inside it (PARC).
            span = trim(doc.text, *doc.span_of(whole + own))
            if span is not None and doc.quote_at(span[0]) is None:
                return span[0], span[1], False
        if tree:
            span = trim(doc.text, *doc.span_of(tree))
            if span is not None:
                quote = doc.quote_at(span[0])
                if quote is not None and doc.is_speech(quote):
                    return quote[0], quote[1], True
                return span[0], span[1], False
    if cue.content in {"object", "both"}:
        deps = {"dobj", "xcomp", "ccomp", "attr", "oprd"}
        if cue.content == "object":
            deps |= {"prep", "dative"}  # "blamed X for Y", "accused X of Y"
            deps |= {"advcl"} if verb.lemma.lower() == "put" else set()  # "X downed at 77"
        parts = [c for c in doc.children[verb.i] if c > verb.i and doc.tokens[c].dep in deps]
        if cue.content == "both" and any(
            doc.tokens[c].dep == "dobj" and names_a_person(doc, doc.tokens[c]) for c in parts
        ):
            # "the Senate confirmed him", "announced X as chief", "admitted him": a person is
            # what such a cue reports only as an act on them ("described him as" is an
            # object cue's content)
            return None
        if (
            cue.content == "object"
            and cue.polarity == "negative"
            and parts
            and doc.tokens[parts[0]].dep == "dobj"
            and ((len(parts) == 1 and only_a_name(doc, parts[0])) or a_body(doc, parts[0]))
        ):
            # "questioned Dr. Ruiz", "dismissed the minister Ana Ruiz": an act on a person, no
            # statement denied ("criticised Ana Ruiz" is a stance on her)
            return None
        if cue.statements_only and not (
            parts and doc.tokens[parts[0]].lemma.lower() in lexicon().statements
        ):
            return None  # "dispute the figure", not "dispute the islands"
        if parts:
            tree = sorted(i for c in parts for i in doc.subtree(c))
            span = trim(doc.text, *doc.span_of(tree))
            if span is not None:
                return span[0], span[1], False
    return None


def _before_participle_cue(doc: ParsedText, tree: list[int], clause: int) -> list[int]:
    """The clause up to a participle cue set off by a comma that the parser hung inside it
    ("there was a possibility of routes elsewhere, saying, “...”"), or up to the speaker's
    second act ("... were "dangerous" and accused Y of"): what follows is a claim of its own."""
    lex = lexicon()
    for i in tree:
        t = doc.tokens[i]
        if i > clause and t.head == clause and second_act(doc, t):
            cc = [k for k in doc.children[clause] if doc.tokens[k].dep == "cc" and k < i]
            return [k for k in tree if k < max(cc, default=i - 1)]
        if (
            i > clause
            and t.tag == "VBG"
            and t.dep in {"advcl", "xcomp", "conj"}
            and t.lemma.lower() in lex.cues
            and doc.tokens[i - 1].text == ","
        ):
            return [k for k in tree if k < i - 1]
        if t.dep == "advcl" and t.lemma.lower() in lex.cues and doc.child(i, "nsubj"):
            # "67 were killed, while the WHO said 70": another source's figure
            marks = [k for k in doc.child(i, "mark") if doc.tokens[k].text.lower() in _CONTRASTS]
            if marks:
                return [k for k in tree if k < marks[0]]
    return tree


def _adjacent_quote(doc: ParsedText, verb: Token, after: bool = False) -> tuple[int, int] | None:
    """A quotation right before or after the cue's clause ("“...,” he said" / "said: “...”");
    with `after`, only one after it."""
    tree = [i for i in doc.subtree(verb.i) if doc.quote_at(doc.tokens[i].begin) is None]
    if not tree:
        return None
    begin, end = doc.span_of(tree)
    # Only quotations ending in the punctuation right before the clause, or beginning in the
    # punctuation right after it, can be adjacent: found by bisection, not by a scan.
    before = [] if after else doc.quotes_ending_within(punct_before(doc.text, begin), begin)
    following = doc.quotes_beginning_within(end, punct_after(doc.text, end))
    for quote in (*before, *following):
        if not doc.is_speech(quote) or quote[0] <= doc.tokens[verb.i].begin < quote[1]:
            continue
        gap = doc.text[quote[1] : begin]
        if not after and quote[1] <= begin and only_punct(gap) and "\n" not in gap:
            return quote  # not one ending the paragraph before: "... .”<break>X testified"
        if quote[0] >= end and only_punct(doc.text[end : quote[0]]):
            return quote
    return None


def _distance(doc: ParsedText, f: Found, content: tuple[int, int]) -> int:
    at = doc.tokens[f.head].begin
    return min(abs(at - content[0]), abs(at - content[1]))


def _dedupe(doc: ParsedText, found: list[Found]) -> list[Found]:
    """One attribution per content span: the cue nearest to it wins; but "X quoted Y as
    saying “...”" gives X's and Y's, and "citing Y, X reported ..." too."""
    best: dict[tuple[int, int, bool, bool], Found] = {}
    for f in found:
        cue = doc.tokens[f.head]
        quoted = cue.dep == "pcomp" and doc.tokens[cue.head].text.lower() == "as"
        key = (*f.content, quoted, f.cue == "cite")
        old = best.get(key)
        if old is None or _distance(doc, f, f.content) < _distance(doc, old, old.content):
            best[key] = f
    return list(best.values())

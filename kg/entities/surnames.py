"""People's partial names within one document: a surname alone ("Trump", "Mr. Kim", "Sen.
Graham") or a shorter full name ("Tayyip Erdogan") joins the full name it refers to; so does
a given name alone ("Katie", after "Kathryn Jenkin"), when it is no surname of the text and
the given name of exactly one full name named before it, and a first surname alone
(kg.entities.given_names).

A partial name joins the one full name of the text it fits (kg.entities.person_names: one
surname, given names that fit, suffixes that agree, no clash of gendered titles nor of
roles: "President X" is not "first lady Y X"), of those with as many given names or more
("W. X" looks for "George W. X", not the other way round: it may fit "George H. W. X" too).
When several full names fit a bare surname (a family: "Donald Trump", "Melania Trump"), it
joins the one its title gives the same role, else the one its gendered title fits ("Ms.
X"; a title, a given name or a pronoun after the full name makes a woman), those not set
off as someone's relative first ("his brother, Ana X", "Ana X, the mayor's wife": a
writer calls a relative by the given name or a title; kg.entities.family). Else, of the
full names not known to be of another gender than a pronoun after the bare surname says
("X, 34, ... shook his head") and not relatives, if any: the one named nearest before it
(in its sentence or the one before), else for a headline's surname the one the lede names
first, else the one named clearly most often (three times at least, and twice as often as
any other), else the one named first, before it (the protagonist), else none.
A bare surname named before every full name it fits, each set off as someone's relative
("President X said ... Ana X, the president's daughter"), is none of them; so is one
without a title named after them ("Ana X, the president's daughter ... X said").
Full names are looked up by surname: the work grows with the mentions, not their square.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence

from kg.core import lexicon
from kg.core.model import Mention, Token
from kg.entities import names
from kg.entities.family import (
    SUFFIXES_OF,
    generation,
    kin_gender,
    parent_in_sentence,
    person_starts,
    pronoun_gender,
    set_off_as_relative,
    titled_as_relative,
)
from kg.entities.given_names import join_given_names
from kg.entities.groups import MentionGroups
from kg.entities.name_evidence import may_be_person, named_like_a_person, placed
from kg.entities.person_names import (
    PersonName,
    bare_surname,
    given_name_fits,
    person_name,
    persons_compatible,
    role_of,
    roles_meet,
    title_gender,
)

__all__ = ["join_person_names"]

# "Nearest before it" reaches back this many sentences (on ECB+ train 2 and 1 score the
# same; 1 keeps a relative named two sentences before from taking the protagonist's name).
_NEAR_SENTENCES = 1
# A bare surname may refer to a full name given up to this many sentences after it (a
# headline's or a lede's surname, the full name right after), not further.
_AHEAD_REACH = 3


class FullNames:
    """The full names (with given names) of one document, by surname key."""

    def __init__(
        self, groups: MentionGroups, indices: list[int], tokens: Sequence[Token] = ()
    ) -> None:
        # surname -> form -> (begins, indices) of its mentions, in text order
        self.by_surname: dict[str, dict[str, tuple[list[int], list[int]]]] = defaultdict(dict)
        # a particle surname's last word -> its forms, as in by_surname ("moraes" -> "de moraes"'s)
        self.by_bare: dict[str, dict[str, tuple[list[int], list[int]]]] = defaultdict(dict)
        self.gender: dict[int, set[str]] = defaultdict(set)  # root -> genders its titles say
        self.relatives: set[int] = set()  # full names set off as someone's relative
        self.persons = person_starts(groups.mentions)
        self.tokens = tokens
        persons = self.persons
        # names the text puts "the" before ("the White House", "the House"): no one's (a
        # plural may be a team's, which the text calls by its last word: "the Harlow Falcons")
        definite = {
            groups.mentions[i].text
            for i in indices
            if tokens
            and groups.mentions[i].start > 0
            and tokens[groups.mentions[i].start - 1].text.lower() == "the"
            and not groups.mentions[i].text.endswith("s")
        }
        alone = {
            names.fold(groups.mentions[i].text)
            for i in indices
            if groups.mentions[i].type != "Place"
            and " " not in groups.mentions[i].text
            and groups.mentions[i].text not in definite
        }
        for i in sorted(indices, key=lambda i: groups.mentions[i].begin):
            m = groups.mentions[i]
            if m.type != "Person" and (m.text in definite or not named_like_a_person(m, alone)):
                continue
            name = person_name(m.text)
            if name.given and name.surname:
                named = lexicon.name_gender(names.fold(m.text.split()[0]))
                if named := named or pronoun_gender(m, persons, tokens) or kin_gender(m, tokens):
                    self.gender[groups.find(i)].add(named)  # "Gisele X": a woman
                begins, members = self.by_surname[name.surname].setdefault(m.text, ([], []))
                begins.append(m.begin)
                members.append(i)
                if tokens and (set_off_as_relative(m, tokens) or titled_as_relative(m.title)):
                    self.relatives.add(i)
                if (bare := bare_surname(name.surname)) != name.surname:
                    self.by_bare[bare][m.text] = (begins, members)
        # Surnames whose suffixed bearer the text calls with the suffix ("Trump Jr.", "Don Jr.")
        self.suffixed_short: set[str] = set()
        for i in indices:
            short = person_name(groups.mentions[i].text)
            if short.suffix and not short.given and groups.mentions[i].type == "Person":
                self.suffixed_short.update(self._suffixed_surnames(short))
        self.roles: dict[int, set[str]] = defaultdict(set)  # root -> roles its titles name
        self.called: set[int] = set()  # roots with a bare surname titled by a role
        for i in indices:
            m = groups.mentions[i]
            if m.type == "Person" and (g := title_gender(m.title)):
                self.gender[groups.find(i)].add(g)
            if m.type == "Person" and (role := role_of(m.title)):
                self.roles[groups.find(i)].add(role)
                if " " not in m.text:
                    self.called.add(groups.find(i))

    def _suffixed_surnames(self, short: PersonName) -> set[str]:
        """The surnames of the full names with `short`'s suffix that it names: by their
        surname ("Trump Jr.") or by their first given name ("Don Jr." of "Donald X Jr.")."""
        found = {short.surname} if short.surname in self.by_surname else set()
        for surname, forms in self.by_surname.items():
            for form in forms:
                full = person_name(form)
                if full.suffix == short.suffix and given_name_fits(short.surname, full):
                    found.add(surname)
        return found

    def fitting(
        self, groups: MentionGroups, name: PersonName, m: Mention, own: int, said: set[str]
    ) -> dict[int, tuple[int, int, int]]:
        """Roots of the full names `name` may be: root -> (nearest begin before m or -1,
        number of its full-name mentions, its first full-name mention); roots holding a
        clashing full name are left out."""
        fits: dict[int, tuple[int, int, int]] = {}
        clash: set[int] = set()
        passed_over = named_before = False
        gender = title_gender(m.title)
        # a bare surname's group: the gender its titles ("X ... Mr. X") or pronouns say
        genders = {gender} if gender else set() if name.given else self.gender.get(own) or said
        # the roles the surname's group is titled with ("President X ... X said")
        roles = self.roles.get(own, set()) if not name.given else set()
        # "the younger X": the son of a father and a son named alike ("the elder X": the father)
        older = SUFFIXES_OF.get(generation(m, self.tokens), frozenset()) if self.tokens else None
        if not older and not name.given and self.tokens and parent_in_sentence(m, self.tokens):
            older = SUFFIXES_OF["sr"]  # "X said his son ...": not "X Jr."
        forms = self.by_surname.get(name.surname, {})
        if not name.given and name.surname in self.by_bare:
            forms = {**forms, **self.by_bare[name.surname]}  # "Moraes" of "de Moraes"
        for form, (begins, members) in forms.items():
            root = groups.find(members[0])
            other = person_name(form)
            held = self.roles.get(root)
            if (
                other.suffix
                and not name.given
                and not name.suffix
                and not older
                and name.surname in self.suffixed_short
            ):
                passed_over = True
                continue  # "Trump" where the son is "Trump Jr.": not the son
            if (
                not persons_compatible(name, other)
                or (genders and self.gender.get(root, set()) - genders)
                or (roles and held and not roles_meet(roles, held))
                # "President X" is not "X Jr.", unless the text titles him so
                or (roles and other.suffix and not held)
                or (older and other.suffix and other.suffix not in older)
            ):
                clash.add(root)
                continue
            if len(other.given) < len(name.given):
                continue  # the shorter name looks for its own fit, which may be ambiguous
            k = bisect.bisect_left(begins, m.begin) - 1
            near = k >= 0 and m.sentence - groups.mentions[members[k]].sentence <= _NEAR_SENTENCES
            nearest, count, first = fits.get(root, (-1, 0, members[0]))
            fits[root] = (
                max(nearest, begins[k] if near else -1),
                count + len(begins),
                min(first, members[0], key=lambda j: groups.mentions[j].begin),
            )
            named_before = named_before or begins[0] < m.begin
        fits.pop(own, None)
        for root in clash:
            fits.pop(root, None)
        if older:  # the one whose suffix says so, if the text names him with it
            fits = {
                r: f
                for r, f in fits.items()
                if person_name(groups.mentions[f[2]].text).suffix in older
            } or fits
        if passed_over:
            groups.prove(own, "Person")  # a surname of the text's people: a person's
            if not named_before:
                return {}  # the father, say, is not named before it: no other bearer is meant
        return fits

    def same_role(self, own: int, fits: dict[int, tuple[int, int, int]]) -> int | None:
        """Of several full names a titled surname fits, the one titled with the same role
        ("Defence Minister X" of "defence minister Ana X", not her cousin the judge)."""
        roles = self.roles.get(own, set())
        same = [root for root in fits if roles_meet(roles, self.roles.get(root, set()))]
        return same[0] if roles and len(same) == 1 else None

    def same_gender(self, gender: str, fits: dict[int, tuple[int, int, int]]) -> int | None:
        """Of several full names a surname titled "Ms." or "Mr." fits, the one bearer not
        known (by a title, a given name, a pronoun) to be of another gender, else the one
        known to be of that gender."""
        same = [r for r in fits if gender and not self.gender.get(r, set()) - {gender}]
        known = [r for r in same if gender in self.gender.get(r, set())]
        return same[0] if len(same) == 1 else known[0] if len(known) == 1 else None

    def of_gender(
        self, genders: set[str] | None, fits: dict[int, tuple[int, int, int]]
    ) -> dict[int, tuple[int, int, int]]:
        """The fits not known to be of another gender than the one pronoun gender a bare
        surname is followed by ("X, 34, ... shook his head": not "Deborah X"), if any."""
        if not genders or len(genders) != 1:
            return fits
        kept = {
            root: fit for root, fit in fits.items() if not self.gender.get(root, set()) - genders
        }
        return kept or fits

    def protagonists(
        self, groups: MentionGroups, own: int, fits: dict[int, tuple[int, int, int]]
    ) -> dict[int, tuple[int, int, int]]:
        """The fits not set off as someone's relative ("his brother, Craig X"), if any: a
        writer calls a relative by the given name or a title, the protagonist by the
        surname; for a surname with no role, the fits the text does not call by a role
        and the surname ("Senator X ... Mr. X": the senator's brother), if any."""
        relatives = self.relative_roots(groups)
        kept = {root: fit for root, fit in fits.items() if root not in relatives} or fits
        if not self.roles.get(own):
            kept = {root: fit for root, fit in kept.items() if root not in self.called} or kept
        return kept

    def principals(
        self, groups: MentionGroups, own: int, fits: dict[int, tuple[int, int, int]], kin: bool
    ) -> dict[int, tuple[int, int, int]]:
        """The protagonists of the fits, or with `kin` ("the elder X") the relatives, if any."""
        if kin:
            relatives = self.relative_roots(groups)
            if kept := {root: fit for root, fit in fits.items() if root in relatives}:
                return kept
        return self.protagonists(groups, own, fits)

    def relative_roots(self, groups: MentionGroups) -> set[int]:
        """The groups of the full names set off as someone's relative, as they stand now."""
        return {groups.find(i) for i in self.relatives}

    def only_relatives(
        self,
        groups: MentionGroups,
        fits: dict[int, tuple[int, int, int]],
        i: int,
        candidates: Sequence[int],
        tokens: Sequence[Token],
    ) -> bool:
        """Whether every full name the bare surname i fits is set off as someone's relative
        and comes after it, or no mention of the surname's group has a title ("Ana X, the
        president's daughter ... X said": a writer calls a relative by the given name or a
        title), and the surname is no relative's itself ("the elder X"): the surname names
        someone else."""
        if not self.relatives or not tokens:
            return False  # (most texts set no one off as a relative)
        m = groups.mentions[i]
        relatives = self.relative_roots(groups)
        if generation(m, tokens) or any(r not in relatives for r in fits):
            return False
        if all(groups.mentions[first].begin > m.begin for _, _, first in fits.values()):
            return True
        own = groups.find(i)  # "X said ... Ms. X said": one group, and it has a title
        return not any(groups.mentions[k].title for k in candidates if groups.find(k) == own)

    def joined(self, groups: MentionGroups, a: int, b: int) -> None:
        genders = self.gender.pop(a, set()) | self.gender.pop(b, set())
        if genders:
            self.gender[groups.find(a)] = genders
        roles = self.roles.pop(a, set()) | self.roles.pop(b, set())
        if roles:
            self.roles[groups.find(a)] = roles
        if {a, b} & self.called:
            self.called.add(groups.find(a))


def join_person_names(groups: MentionGroups, tokens: Sequence[Token] = ()) -> None:
    """Join partial names ("Zelenskiy", "Tayyip Erdogan") to the full name they refer to.

    A bare surname the text gives more than three sentences before every full name it fits
    is no short form of those: "President X questioned ... Mr. X said", then at the end
    "first lady Melania X" (a famous person named by the surname alone, a relative later in
    full). It stays apart; across documents its title and context place it."""
    indices = groups.name_indices()
    org_words = frozenset(
        names.fold(m.text.split()[0])
        for m in groups.mentions
        if m.type in ("Organisation", "Place") and len(m.text.split()) > 1
    )
    full = FullNames(groups, indices, tokens)
    has_full: set[int] = set()  # roots holding a full name: their bare surnames are settled
    for forms in full.by_surname.values():
        for _, members in forms.values():
            has_full.add(groups.find(members[0]))
    # Longer names first ("Tayyip Erdogan" joins "Recep Tayyip Erdogan" before "Erdogan"
    # looks), then in text order; no place the text puts somewhere ("Dan X ... to X").
    people = [i for i in indices if not placed(groups.mentions[i], tokens)]
    candidates = sorted(
        (i for i in people if may_be_person(groups.mentions[i], org_words)),
        key=lambda i: (-len(groups.mentions[i].text.split()), groups.mentions[i].begin, i),
    )
    held: set[int] = set()  # bare surnames named before every full name they fit
    # bare surname groups -> the genders of the pronouns their subject mentions are followed by
    said_of: dict[int, set[str]] = defaultdict(set)
    for i in candidates:
        m = groups.mentions[i]
        if tokens and " " not in m.text and (g := pronoun_gender(m, full.persons, tokens)):
            said_of[groups.find(i)].add(g)
    for i in candidates:
        m = groups.mentions[i]
        name = person_name(m.text)
        own = groups.find(i)
        if not name.surname or (not name.given and (own in has_full or own in held)):
            continue
        fits = full.fitting(groups, name, m, own, said_of.get(own, set()))
        if not fits:
            continue
        firsts = [groups.mentions[first] for _, _, first in fits.values()]
        if not name.given and all(
            f.begin > m.begin and f.sentence - m.sentence > _AHEAD_REACH for f in firsts
        ):
            held.add(own)  # (a headline's surname may come before the lede's full name)
            continue
        if not name.given and full.only_relatives(groups, fits, i, candidates, tokens):
            held.add(own)  # "President X said ... Ana X, the president's daughter": another
            continue
        if len(fits) == 1:
            target, rule = next(iter(fits)), "full-name" if name.given else "surname"
        elif name.given:
            continue  # a partial full name that fits two people stays apart
        else:
            chosen = full.same_role(own, fits)
            # the protagonists first: "Mr. X" is not "his father, Robert X" ("the elder X"
            # is: then the relatives first)
            kin = bool(tokens) and generation(m, tokens) != ""
            if chosen is None:
                gender = title_gender(m.title)
                chosen = full.same_gender(gender, full.principals(groups, own, fits, kin))
                chosen = full.same_gender(gender, fits) if chosen is None else chosen
            if chosen is None:
                gendered = full.of_gender(said_of.get(own), fits)
                principal = full.principals(groups, own, gendered, kin)
                chosen = (
                    next(iter(principal))
                    if len(principal) == 1
                    else _nearest_or_dominant(groups, principal, m)
                )
            if chosen is None:
                continue
            target, rule = chosen, "surname-nearest"
        a, b = groups.find(target), own
        if groups.join(target, i, rule, force="Person"):
            full.joined(groups, a, b)
            has_full.add(groups.find(target))
    join_given_names(groups, full, [i for i in candidates if groups.find(i) not in has_full])


def _nearest_or_dominant(
    groups: MentionGroups, fits: dict[int, tuple[int, int, int]], m: Mention
) -> int | None:
    """Of several full names a surname `m` fits: the one named nearest before it, else, for
    a surname named before them all (a headline's), the one the text names first within
    three sentences (the lede's), alone in its sentence, else the one named at least three
    times and twice as often as any other (not 2 to 1: "Ketanji Brown X ... X, who grew up
    in Miami, ... Rep. Ronny X ... Ronny X said"), else the one the text named first,
    before it (its protagonist: "Robert F. Kennedy Jr. ... his cousin Caroline Kennedy ...
    Kennedy now takes charge"), else None."""
    before = {root: begin for root, (begin, _, _) in fits.items() if begin >= 0}
    if before:
        return max(before, key=lambda r: (before[r], -r))
    first = min(fits, key=lambda r: (groups.mentions[fits[r][2]].begin, r))
    lede = groups.mentions[fits[first][2]]
    if (
        lede.begin > m.begin
        and lede.sentence - m.sentence <= _AHEAD_REACH
        # not "Nowak left. Jan Nowak met Piotr Nowak.": two named in that sentence
        and sum(groups.mentions[f[2]].sentence == lede.sentence for f in fits.values()) == 1
    ):
        return first  # a headline's surname: the one its lede names first
    ranked = sorted(fits, key=lambda r: (-fits[r][1], r))
    if fits[ranked[0]][1] >= max(3, 2 * fits[ranked[1]][1]):
        return ranked[0]
    return first if lede.begin < m.begin else None

"""A bare surname among relatives in one text (kg.entities.surnames), and double-barrelled
surnames (kg.entities.person_names, kg.entities.identity): invented texts, parsed by the
model."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.core.model import Entity, Parsed
from kg.entities.identity import persons_compatible  # across documents
from kg.entities.in_document import group_mentions
from kg.entities.person_names import person_name


def _bare(entities: list[Entity], surname: str) -> dict[str, list[str]]:
    """Full name -> the bare-surname mentions its entity holds."""
    return {
        e.label: [m.text for m in e.mentions if m.text == surname]
        for e in entities
        if e.type == "Person" and surname in e.label
    }


@pytest.mark.model
def test_a_bare_surname_is_not_the_relative_set_off_beside_a_kin_noun(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Governor Tomas Velbrook was indicted on Monday on bribery charges. He denied "
        "wrongdoing. The governor's brother, Oskar Velbrook, is charged in five counts. "
        "Velbrook, a Republican, faces 14 counts."
    )
    found = _bare(group_mentions(parse(text)), "Velbrook")
    # the nearest full name before it is the brother's; the writer names him in full
    assert found == {"Tomas Velbrook": ["Velbrook"], "Oskar Velbrook": []}


@pytest.mark.model
def test_a_pronoun_after_a_bare_surname_rules_out_a_bearer_of_the_other_gender(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "The banker Tomas Arvelund went on trial on Monday. Deborah Arvelund, 61, dabbed her "
        "eyes in the gallery. Arvelund, who wore a grey suit, shook his head as the jury "
        "filed in."
    )
    found = _bare(group_mentions(parse(text)), "Arvelund")
    assert found == {"Tomas Arvelund": ["Arvelund"], "Deborah Arvelund": []}


@pytest.mark.model
def test_a_surname_titled_for_a_woman_is_not_the_man_the_text_titles_otherwise(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Judge Tobias R. Halvorsen testified on Thursday. Judge Halvorsen was combative. "
        "Ingrid Halvorsen, the judge's wife, sat behind him. In an interview earlier in the "
        "week, Mrs. Halvorsen described her husband as kind."
    )
    found = _bare(group_mentions(parse(text)), "Halvorsen")
    # "Judge Halvorsen" and "Mrs. Halvorsen" are one string, not one person
    assert found == {"Tobias R. Halvorsen": ["Halvorsen"], "Ingrid Halvorsen": ["Halvorsen"]}


@pytest.mark.model
def test_a_surname_titled_with_a_role_is_not_the_suffixed_son_the_text_names(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "The contract was signed by Charles W. Brandt Jr. in 2015, before President Brandt "
        "took the oath of office. The son has denied wrongdoing."
    )
    found = _bare(group_mentions(parse(text)), "Brandt")
    assert found == {"Charles W. Brandt Jr.": [], "Brandt": ["Brandt"]}


@pytest.mark.model
def test_a_surname_a_title_makes_a_man_is_not_the_one_woman_named_in_full(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "First lady Mira Tolvane visited a children's hospital in Ohio on Tuesday. Later at "
        "the White House, Tolvane vowed to veto the spending bill. Mr. Tolvane also attacked "
        "Democrats in Congress."
    )
    found = _bare(group_mentions(parse(text)), "Tolvane")
    # the untitled "Tolvane" is one name with "Mr. Tolvane": the president, not his wife
    assert found == {"Mira Tolvane": [], "Tolvane": ["Tolvane", "Tolvane"]}


@pytest.mark.model
def test_a_pronoun_after_the_only_bare_surname_rules_out_the_one_woman_named_in_full(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "First lady Mira Tolvane visited a children's hospital in Ohio on Tuesday. Later at "
        "the White House, Tolvane said he would veto the spending bill."
    )
    found = _bare(group_mentions(parse(text)), "Tolvane")
    assert found == {"Mira Tolvane": [], "Tolvane": ["Tolvane"]}


def test_a_double_barrelled_surname_is_one_surname() -> None:
    assert person_name("Erik Solvang-Haugstad").surname == "solvang haugstad"
    assert person_name("Erik Solvang-Haugstad").given == ("erik",)
    assert person_name("Solvang-Haugstad").given == ()
    assert person_name("Bashar al-Khatib").surname == person_name("Khatib").surname  # a particle
    assert person_name("Jean-Luc Marrot").given == ("jean", "luc")  # a given name's hyphen


def test_a_double_barrelled_surname_without_its_hyphen_is_the_same_name() -> None:
    hyphened = person_name("Priya Ramsey-Hale")
    assert persons_compatible(hyphened, person_name("Priya Ramsey Hale"))
    assert persons_compatible(person_name("Ramsey-Hale"), person_name("Priya Ramsey Hale"))
    assert not persons_compatible(person_name("Hale"), hyphened)  # his father, "Mr Hale"
    assert not persons_compatible(person_name("Arne Hale"), hyphened)


@pytest.mark.model
def test_a_father_named_by_the_last_part_of_his_sons_surname_is_not_the_son(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Erik Solvang-Haugstad was suspended on Monday. Solvang-Haugstad is coached by his "
        "father, Arne Haugstad. Mr Haugstad has not been accused of any wrongdoing."
    )
    entities = group_mentions(parse(text))
    son = next(e for e in entities if e.label == "Erik Solvang-Haugstad")
    father = next(e for e in entities if e.label == "Arne Haugstad")
    assert "Haugstad" not in {m.text for m in son.mentions}
    assert {m.text for m in father.mentions} == {"Arne Haugstad", "Haugstad"}


@pytest.mark.model
def test_a_surname_titled_for_a_woman_is_not_the_man_named_nearer_before_it(
    parse: Callable[..., Parsed],
) -> None:
    # "Curtis" names a man by the 1990 US Census lists (kg.core.lexicon.name_gender)
    text = (
        "Lorraine Varnholt testified on Tuesday. Across the aisle sat Curtis Varnholt, a "
        "state senator. Mrs. Varnholt told senators that she was sure of the date."
    )
    found = _bare(group_mentions(parse(text)), "Varnholt")
    assert found == {"Lorraine Varnholt": ["Varnholt"], "Curtis Varnholt": []}


@pytest.mark.model
def test_a_surname_with_no_role_is_not_the_bearer_the_text_calls_by_a_role(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Senators voted to convict Gov. Dale Varnholt on Friday. Curtis J. Varnholt, a state "
        "senator from Versailles, voted to acquit. Senator Varnholt said the vote was "
        "painful. Donors had given $180,000 to Mr. Varnholt's campaigns."
    )
    found = _bare(group_mentions(parse(text)), "Varnholt")
    # the writer tells the two brothers apart by "Senator": "Mr. Varnholt" is the governor
    assert found == {"Dale Varnholt": ["Varnholt"], "Curtis J. Varnholt": ["Varnholt"]}


@pytest.mark.model
def test_the_younger_and_the_elder_are_the_son_and_the_father_named_alike(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Harold L. Kestrane Jr. testified on Tuesday. His father, Harold Kestrane Sr., "
        "advised him informally. The younger Kestrane said his father had no role. Emails "
        "show the elder Kestrane weighing in on the bond strategy."
    )
    found = _bare(group_mentions(parse(text)), "Kestrane")
    assert found == {"Harold L. Kestrane Jr.": ["Kestrane"], "Harold Kestrane Sr.": ["Kestrane"]}


@pytest.mark.model
def test_indian_honorifics_are_titles_that_say_a_gender(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Shri Vikram Ralapati was sworn in on Monday. His mother, Smt. Sarojini Ralapati, "
        "watched from the front row. Smt. Ralapati, the party founder's widow, wept."
    )
    entities = group_mentions(parse(text))
    assert _bare(entities, "Ralapati") == {"Vikram Ralapati": [], "Sarojini Ralapati": ["Ralapati"]}
    assert not [e for e in entities if e.label.startswith("Smt")]


@pytest.mark.model
def test_a_short_role_title_is_the_bearer_of_the_long_one_not_his_deputy(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "The president fired Secretary of Defense Gerald M. Varnholt on Monday. Alan "
        "Varnholt, an executive at a defense contractor, was named deputy. Secretary "
        "Varnholt had argued against the deployment."
    )
    found = _bare(group_mentions(parse(text)), "Varnholt")
    assert found == {"Gerald M. Varnholt": ["Varnholt"], "Alan Varnholt": []}


@pytest.mark.model
def test_mr_x_is_not_the_father_set_off_as_a_relative_though_his_gender_is_known(
    parse: Callable[..., Parsed],
) -> None:
    # The son's given name says no gender, the father's does: "Mr." is no evidence for him.
    text = (
        "Jory Tallmadge was convicted on Thursday. The case turned on the testimony of his "
        "partner, who said Mr. Tallmadge had hidden the losses. The defence did not call "
        "Mr. Tallmadge to testify.\n\nMr. Tallmadge's father, Robert Tallmadge, a dentist, "
        "sat behind his son every day. Mr. Tallmadge's lawyers said they would appeal."
    )
    found = _bare(group_mentions(parse(text)), "Tallmadge")
    assert found == {"Jory Tallmadge": ["Tallmadge"] * 4, "Robert Tallmadge": []}


@pytest.mark.model
def test_the_elder_of_a_family_without_suffixes_is_the_relative_named_not_the_protagonist(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Rep. Corwin Dallager of Iowa won the chairmanship on Friday. Dallager's father, "
        'Edwin Dallager, a retired welder, said he watched the vote at home. "I was more '
        'nervous than he was," the elder Dallager said. Dallager thanked his colleagues.'
    )
    found = _bare(group_mentions(parse(text)), "Dallager")
    assert found == {"Corwin Dallager": ["Dallager", "Dallager"], "Edwin Dallager": ["Dallager"]}


@pytest.mark.model
def test_a_verb_before_a_surname_is_no_title(parse: Callable[..., Parsed]) -> None:
    text = (
        "Rep. Corwin Dallager won the vote. The caucus would judge Dallager by whether he "
        "kept his word, said Ines Marlow. Dallager said he would."
    )
    entities = group_mentions(parse(text))
    assert _bare(entities, "Dallager") == {"Corwin Dallager": ["Dallager", "Dallager"]}
    assert [m.title for e in entities for m in e.mentions if m.text == "Dallager"] == ["", ""]


def test_a_hyphenated_korean_given_name_first_is_a_western_order() -> None:
    # the first syllable is a surname too ("Min", "Jung"): the hyphen says it is given
    assert person_name("Min-seo Kwak").surname == person_name("Kwak Min-seo").surname == "kwak"
    assert person_name("Sen. Jung-ho Pyo").surname == "pio"
    assert person_name("Moon Jae-in").surname == "moon"


@pytest.mark.model
def test_a_relative_set_off_between_dashes_is_no_protagonist(parse: Callable[..., Parsed]) -> None:
    text = (
        "The hearing for attorney general nominee Rohan Kesavan went well. A donor took "
        "$8,500 from Arjun Kesavan — the nominee's brother — last year. Arjun Kesavan's "
        "company has collected $4 million from the department. Kesavan, who sits on the "
        "appeals court, stuck to his script."
    )
    found = _bare(group_mentions(parse(text)), "Kesavan")
    assert found == {"Rohan Kesavan": ["Kesavan"], "Arjun Kesavan": []}


@pytest.mark.model
def test_each_bare_surname_of_two_bearers_finds_its_own(parse: Callable[..., Parsed]) -> None:
    text = (
        "Sen. Joan Ferrante of Ohio said on Tuesday that the budget was a disaster. "
        '"This is a circus," Ferrante said.\n\n'
        "Sen. Diane Ferrante of Maine, who is not related, disagreed. Ferrante said the "
        "budget was fair."
    )
    found = _bare(group_mentions(parse(text)), "Ferrante")
    assert found == {"Joan Ferrante": ["Ferrante"], "Diane Ferrante": ["Ferrante"]}


@pytest.mark.model
def test_a_surname_named_before_a_relative_in_full_is_not_that_relative(
    parse: Callable[..., Parsed],
) -> None:
    from kg.entities.resolution import resolve_entities

    first = "Governor Hilda Brannock signed the budget on Monday. Brannock called it fair."
    second = (
        "Governor Brannock told reporters the budget was fair. Mrs. Brannock said the cuts "
        "were small. Tove Brannock, the governor's daughter, did not respond."
    )
    entities = group_mentions(parse(second, doc_id="b"))
    # within the text the one full name is the daughter's, set off as a relative after both
    assert _bare(entities, "Brannock") == {"Brannock": ["Brannock"] * 2, "Tove Brannock": []}
    resolved = resolve_entities([*group_mentions(parse(first, doc_id="a")), *entities])
    found = {
        e.label: sorted((m.doc_id, m.text) for m in e.mentions)
        for e in resolved
        if e.type == "Person"
    }
    assert found == {
        "Hilda Brannock": [
            ("a", "Brannock"),
            ("a", "Hilda Brannock"),
            ("b", "Brannock"),
            ("b", "Brannock"),
        ],
        "Tove Brannock": [("b", "Tove Brannock")],
    }


@pytest.mark.model
def test_a_bare_surname_is_not_the_son_its_own_text_names_in_full_apart(
    parse: Callable[..., Parsed],
) -> None:
    from kg.entities.resolution import resolve_entities

    first = (
        "Michael Danner met prosecutors on Monday. Danner denied the charges. His son, "
        "Michael Danner Jr., was not charged."
    )
    second = (
        "Danner met prosecutors on Monday. The talks lasted three hours. No deal was "
        "reached. Prosecutors declined to comment. The trial opens in June. Michael Danner "
        "Jr. said the talks went well."
    )
    resolved = resolve_entities(
        [*group_mentions(parse(first, doc_id="a")), *group_mentions(parse(second, doc_id="b"))]
    )
    found = {
        e.label: sorted((m.doc_id, m.text) for m in e.mentions)
        for e in resolved
        if e.type == "Person"
    }
    # the second text named the son in full, with his suffix, and kept its bare surname
    # (far before) apart from him: of the corpus' two bearers, that surname is the father
    assert found == {
        "Michael Danner": [("a", "Danner"), ("a", "Michael Danner"), ("b", "Danner")],
        "Michael Danner Jr.": [("a", "Michael Danner Jr."), ("b", "Michael Danner Jr.")],
    }


@pytest.mark.model
def test_a_bare_surname_after_a_relative_named_in_full_is_not_that_relative(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Carla Vesk, the president's daughter, will lead the delegation to Ottawa. Vesk "
        "praised the choice at a rally on Monday."
    )
    # a writer calls a relative by the given name or a title: "Vesk" is someone else
    assert _bare(group_mentions(parse(text)), "Vesk") == {"Carla Vesk": [], "Vesk": ["Vesk"]}
    titled = text + " Ms. Vesk declined to comment."
    # one group holds both bare surnames, and it has her title: hers
    assert _bare(group_mentions(parse(titled)), "Vesk") == {"Carla Vesk": ["Vesk", "Vesk"]}


@pytest.mark.model
def test_a_given_name_ner_missed_before_a_surname_of_the_text_is_a_person(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Ivanka Vesk to lead trade delegation\n\n"
        "Ivanka Vesk, the president's daughter and adviser, will lead a delegation to "
        "Ottawa next week, the White House said. Ms. Vesk declined to comment."
    )
    people = [e for e in group_mentions(parse(text)) if e.type == "Person"]
    assert [sorted(m.text for m in e.mentions) for e in people] == [
        ["Ivanka Vesk", "Ivanka Vesk", "Vesk"]
    ]


@pytest.mark.model
def test_a_bare_surname_that_speaks_of_his_son_is_not_the_junior(
    parse: Callable[..., Parsed],
) -> None:
    from kg.entities.resolution import resolve_entities

    son = (
        "Harlan Voss Jr. told a Senate panel on Thursday that he never told his father "
        "about the meeting. Mr. Voss, who has called the inquiry a hoax, said his son had "
        "done nothing wrong."
    )
    found = _bare(group_mentions(parse(son, doc_id="a")), "Voss")
    assert found == {"Harlan Voss Jr.": [], "Voss": ["Voss"]}
    father = "President Harlan Voss spoke in Ohio on Friday."
    resolved = resolve_entities(
        [*group_mentions(parse(son, doc_id="a")), *group_mentions(parse(father, doc_id="b"))]
    )
    people = {e.label: sorted((m.doc_id, m.text) for m in e.mentions) for e in resolved}
    assert people["Harlan Voss"] == [("a", "Voss"), ("b", "Harlan Voss")]
    assert people["Harlan Voss Jr."] == [("a", "Harlan Voss Jr.")]


@pytest.mark.model
def test_two_bearers_no_kin_a_headline_surname_is_the_ledes_and_two_to_one_is_no_dominance(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "Lawmakers hail Vrana confirmation\n\n"
        "President Ada Moss said the confirmation of Ilse Marie Vrana was a historic moment "
        "for the nation.\n\n"
        "Moss spoke at the White House alongside Vrana and Harris. Vrana, who grew up in "
        "Leeds, said it had taken many years.\n\n"
        "Republican Rep. Tomas Vrana of Ohio, a former White House physician, called the vote "
        "a mistake. Tomas Vrana said Democrats had rushed the process."
    )
    found = _bare(group_mentions(parse(text)), "Vrana")
    # the headline's surname is the one the lede names; "Vrana, who grew up" has no full
    # name near before it, and Tomas, named twice against once, does not dominate
    assert found == {"Ilse Marie Vrana": ["Vrana", "Vrana", "Vrana"], "Tomas Vrana": []}


@pytest.mark.model
def test_a_relative_noun_in_apposition_gives_the_full_names_gender(
    parse: Callable[..., Parsed],
) -> None:
    text = (
        "North Korean leader Kim Jong Un watched the launch on Monday, state media said.\n\n"
        "Kim Yo Jong, the younger sister of the leader, said on Tuesday the North would "
        "respond to the drills. Mr. Kim has not appeared in public since, according to the "
        "spy agency."
    )
    found = _bare(group_mentions(parse(text)), "Kim")
    # the nearest full name before "Mr. Kim" is hers; "sister" says she is a woman
    assert found == {"Kim Jong Un": ["Kim"], "Kim Yo Jong": []}

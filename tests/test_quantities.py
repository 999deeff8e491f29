"""Numbers with what they count, and numbers that count nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.claims.quantities import find_quantities


def _all(parse, text):  # type: ignore[no-untyped-def]
    parsed = parse(text)
    return find_quantities(parsed, 0, len(text))


@pytest.mark.model
def test_casualties_with_bounds_and_approximations(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The governor said nearly 300 villagers were killed and about 120 more were "
        "injured, while at least 15 are missing."
    )
    found = {q.kind: q for q in _all(parse, text)}
    assert found["killed"].value == Decimal(300)
    assert found["killed"].approximate and found["killed"].bound == "atMost"
    assert found["killed"].span.text == "nearly 300"
    assert found["wounded"].value == Decimal(120) and found["wounded"].approximate
    assert found["missing"].value == Decimal(15) and found["missing"].bound == "atLeast"


@pytest.mark.model
def test_words_and_vague_plurals(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Hundreds of marines were captured. Militants fired six rockets at the port."
    found = {q.kind: q for q in _all(parse, text)}
    assert found["captured"].value == Decimal(200)
    assert found["captured"].bound == "atLeast" and found["captured"].approximate
    assert found["missiles"].value == Decimal(6)
    assert found["missiles"].unit_text == "rockets"


@pytest.mark.model
def test_people_rescued_evacuated_displaced_and_arrested(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Crews rescued 14 people from the rubble and 2,300 residents were evacuated. "
        "The floods displaced 900 people, and police arrested 31 protesters."
    )
    kinds = {(q.kind, q.value) for q in _all(parse, text)}
    assert ("rescued", Decimal(14)) in kinds
    assert ("evacuated", Decimal(2300)) in kinds
    assert ("displaced", Decimal(900)) in kinds
    assert ("arrested", Decimal(31)) in kinds


@pytest.mark.model
def test_crowds_patients_and_damaged_homes(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Police estimated around 6,500 supporters at the rally. At least 1,000 patients "
        "were admitted, and more than 50,000 homes were damaged."
    )
    kinds = {(q.kind, q.value, q.bound) for q in _all(parse, text)}
    assert kinds == {
        ("crowd", Decimal(6500), ""),
        ("people", Decimal(1000), "atLeast"),
        ("buildings-damaged", Decimal(50000), "moreThan"),
    }


@pytest.mark.model
def test_researchers_and_money_committed(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Three senior researchers resigned. The bank has committed about $13 billion to it."
    found = {(q.kind, q.value, q.approximate) for q in _all(parse, text)}
    assert found == {("people", Decimal(3), False), ("pledged-usd", Decimal(13_000_000_000), True)}


@pytest.mark.model
def test_a_share_of_the_vote_and_turnout_are_figures_other_percentages_not(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "She won roughly 59 percent of the vote. Turnout stood at 61%. "
        "The currency fell 4% and inflation rose 3.2%. The Unity Front's vote share, at "
        "8.9%, fell. Its market share rose to 12%."
    )
    found = [(q.kind, q.value, q.approximate, q.unit_text) for q in _all(parse, text)]
    assert found == [
        ("vote-share", Decimal(59), True, "%"),
        ("turnout", Decimal(61), False, "%"),
        ("vote-share", Decimal("8.9"), False, "%"),
    ]


@pytest.mark.model
def test_a_votes_tally_is_two_figures_a_score_or_an_age_range_none(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Senate voted 27 to 11 to convict the governor. The House backed it by a 61-37 "
        "vote. The Rovers won 3-1 on Sunday. Those aged 18 to 25 voted early."
    )
    found = [(q.kind, q.value, q.span.text) for q in _all(parse, text)]
    assert found == [
        ("votes-for", Decimal(27), "27"),
        ("votes-against", Decimal(11), "11"),
        ("votes-for", Decimal(61), "61"),
        ("votes-against", Decimal(37), "37"),
    ]


@pytest.mark.model
def test_people_who_fled_or_were_left_homeless_are_displaced(parse) -> None:  # type: ignore[no-untyped-def]
    text = "About 3,000 people fled their homes, and 500 families were left homeless."
    kinds = {(q.kind, q.value) for q in _all(parse, text)}
    assert kinds == {("displaced", Decimal(3000)), ("displaced", Decimal(500))}


@pytest.mark.model
def test_jobs_cut_and_fighting_positions(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Norvale will cut 1,200 jobs. The plant laid off 500 workers. Strikes destroyed five "
        "fighting positions. Troops cut off 300 soldiers near the river."
    )
    kinds = {(q.kind, q.value) for q in _all(parse, text)}
    assert ("jobs-cut", Decimal(1200)) in kinds
    assert ("jobs-cut", Decimal(500)) in kinds
    assert not any(k.startswith("job") and v in (5, 300) for k, v in kinds)


@pytest.mark.model
def test_an_elided_noun_takes_the_class_of_the_one_before(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Three missiles were shot down but five hit the refinery."
    kinds = {(q.kind, q.value) for q in _all(parse, text)}
    assert ("rockets-intercepted", Decimal(3)) in kinds
    assert ("rockets-hit", Decimal(5)) in kinds


@pytest.mark.model
def test_a_toll_raised_to_a_figure(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The death toll from the flood was raised to 41 on Monday."
    [q] = _all(parse, text)
    assert (q.kind, q.value, q.bound) == ("killed", Decimal(41), "")


@pytest.mark.model
def test_a_toll_that_is_a_figure_or_as_high_as_one(parse) -> None:  # type: ignore[no-untyped-def]
    [q] = _all(parse, "The death toll was 212.")
    assert (q.kind, q.value, q.bound) == ("killed", Decimal(212), "")
    [q] = _all(parse, "She said the toll could be as high as 500.")
    assert (q.kind, q.value, q.bound) == ("killed", Decimal(500), "atMost")
    assert not _all(parse, "The fine was 500.")  # a copula alone says nothing of what it counts


@pytest.mark.model
def test_a_number_of_deceased_colleagues_risen_to_a_figure(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The number of our deceased comrades has risen to 17."
    [q] = _all(parse, text)
    assert (q.kind, q.value, q.span.text) == ("killed", Decimal(17), "17")


@pytest.mark.model
def test_more_than_and_up_to(parse) -> None:  # type: ignore[no-untyped-def]
    text = "More than 2,500 people gathered, and up to 12 tanks were destroyed."
    found = {q.kind: q for q in _all(parse, text)}
    assert found["people"].value == Decimal(2500) and found["people"].bound == "moreThan"
    assert found["equipment-destroyed"].value == Decimal(12)
    assert found["equipment-destroyed"].bound == "atMost"
    # "no more than" is at most, not more than
    [q] = _all(parse, "No more than 40 people were killed.")
    assert (q.kind, q.value, q.bound) == ("killed", Decimal(40), "atMost")


@pytest.mark.model
def test_dates_years_ages_times_and_24_7_are_not_counts(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On March 14, 2021, a 34-year-old medic, Dana Holt, 34, began 24/7 shifts at "
        "0600 GMT; the 1998 treaty was signed by the second delegation."
    )
    assert _all(parse, text) == ()
    # a model's number after its name, and a weight, count nothing
    text = "The militia said it downed a Hermes 450 drone. Jets dropped 2,000-pound bombs."
    assert _all(parse, text) == ()


@pytest.mark.model
def test_a_model_number_after_an_article_or_more_is_no_count(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The regulator let the maker build more 747 LX planes. A 320 jet landed."
    assert _all(parse, text) == ()
    (found,) = _all(parse, "Another 30 villagers were killed.")
    assert (found.value, found.kind) == (Decimal(30), "killed")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # the parser hangs "57" on "killed" as a conjunct, "wounded" on the number
        "Moldova's military spokesman, Lieutenant General Ahmed Karim Chaudhry, said 31 "
        "civilians were killed and 57 wounded in the strikes.",
        "The mayor said 31 villagers were killed and 57 were injured.",
    ],
)
def test_a_conjunct_figure_counts_by_its_own_participle(parse, text) -> None:  # type: ignore[no-untyped-def]
    found = [(q.value, q.kind) for q in _all(parse, text)]
    assert found == [(Decimal(31), "killed"), (Decimal(57), "wounded")]


@pytest.mark.model
def test_where_or_in_what_people_were_killed_is_no_count_of_them(parse) -> None:  # type: ignore[no-untyped-def]
    text = "At least 40 people were killed by the storm across six counties."
    assert [(q.value, q.kind) for q in _all(parse, text)] == [(Decimal(40), "killed")]
    text = "Four were killed in two attacks on Monday."
    found = [(q.value, q.kind) for q in _all(parse, text)]
    assert (Decimal(2), "killed") not in found and (Decimal(4), "killed") in found


@pytest.mark.model
def test_a_coordinated_noun_shares_the_first_one_s_verb(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The ministry says 40 villagers and 11 police officers died in the clashes."
    found = [(q.value, q.kind) for q in _all(parse, text)]
    assert found == [(Decimal(40), "killed"), (Decimal(11), "killed")]


@pytest.mark.model
def test_only_the_asked_range_is_read(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Four drones were launched. Nine soldiers were wounded."
    parsed = parse(text)
    [q] = find_quantities(parsed, text.index("Nine"), len(text))
    assert (q.kind, q.value) == ("wounded", Decimal(9))
    assert text[q.span.begin : q.span.end] == q.span.text == "Nine"


@pytest.mark.model
def test_a_noun_before_a_person_noun_says_what_kind_of_person(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The army deployed 6,500 rescue workers. Officials said 40 aid workers were killed."
    found = [(q.kind, q.value) for q in _all(parse, text)]
    assert found == [("people", Decimal(6500)), ("killed", Decimal(40))]


@pytest.mark.model
def test_buildings_that_collapsed_or_were_flattened_were_destroyed(parse) -> None:  # type: ignore[no-untyped-def]
    text = "At least 2,300 buildings collapsed and 400 homes were flattened. Twelve roofs fell."
    found = [(q.kind, q.value, q.bound) for q in _all(parse, text)]
    assert found == [
        ("buildings-destroyed", Decimal(2300), "atLeast"),
        ("buildings-destroyed", Decimal(400), ""),
    ]


@pytest.mark.model
def test_x_to_y_is_a_range_and_from_x_to_y_the_level_reached(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Officials said 12 to 15 people were missing. Insurers expect damage of $6 billion "
        "to $9 billion. The toll rose from 300 to 347. The vote was 27 to 11."
    )
    found = [(q.kind, q.value, q.bound, q.span.text) for q in _all(parse, text)]
    assert found == [
        ("missing", Decimal(12), "atLeast", "12"),
        ("missing", Decimal(15), "atMost", "15"),
        ("damage-usd", Decimal(6_000_000_000), "atLeast", "$6 billion"),
        ("damage-usd", Decimal(9_000_000_000), "atMost", "$9 billion"),
        ("killed", Decimal(347), "", "347"),
        ("votes-for", Decimal(27), "", "27"),
        ("votes-against", Decimal(11), "", "11"),
    ]


@pytest.mark.model
def test_a_quakes_magnitude_is_a_figure_of_its_own_and_no_count(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The magnitude 7.1 quake struck at dawn. The 6.9-magnitude earthquake was felt in "
        "Karsova. It measured 7.0 on the Richter scale. A magnitude 6.6 quake in 1976 "
        "killed about 900 people."
    )
    found = [(q.kind, q.value, q.span.text) for q in _all(parse, text)]
    assert found == [
        ("magnitude", Decimal("7.1"), "7.1"),
        ("magnitude", Decimal("6.9"), "6.9"),
        ("magnitude", Decimal("7.0"), "7.0"),
        ("magnitude", Decimal("6.6"), "6.6"),
        ("killed", Decimal(900), "about 900"),
    ]


@pytest.mark.model
def test_money_with_what_it_is_for_and_its_currency(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Donors pledged $5 billion in aid. The firm was fined 2.5 million euros. The storm "
        "caused an estimated $1.2 billion in damage. Police seized $2 million in cash. "
        "The fund paid 40 million Canadian dollars."
    )
    found = {q.kind: q for q in _all(parse, text)}
    assert set(found) == {"pledged-usd", "fine-eur", "damage-usd"}
    assert found["pledged-usd"].value == Decimal(5_000_000_000)
    assert found["pledged-usd"].span.text == "$5 billion"
    assert found["pledged-usd"].unit_text == "USD"
    assert found["fine-eur"].value == Decimal(2_500_000)
    assert found["fine-eur"].span.text == "2.5 million euros"
    assert found["damage-usd"].approximate and found["damage-usd"].value == Decimal(1_200_000_000)
    short = {
        q.span.text: q.value
        for q in _all(parse, "Donors pledged £2.5bn in aid. The airline made profits of $269m.")
    }
    assert short == {"£2.5bn": Decimal(2_500_000_000), "$269m.": Decimal(269_000_000)}


@pytest.mark.model
def test_money_demanded_a_budget_gap_and_us_dollars_written_out(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The gang demanded $25 million. It has demanded 18 million US dollars from the "
        "clinic. The ministers disagreed over a budget gap of 9.6 billion euros."
    )
    found = sorted((q.kind, q.value, q.span.text) for q in _all(parse, text))
    assert found == [
        ("demanded-usd", Decimal(18_000_000), "18 million US dollars"),
        ("demanded-usd", Decimal(25_000_000), "$25 million"),
        ("shortfall-eur", Decimal(9_600_000_000), "9.6 billion euros"),
    ]


@pytest.mark.model
def test_area_burned_seats_won_and_money_withdrawn_or_held_as_ransom(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The fire has burned about 10,000 hectares of pine forest. Flames scorched 500 acres "
        "near the coast. The Unity Front won 141 of the assembly's 234 seats. Depositors "
        "withdrew $42 billion in one day. The gang demanded a ransom of ₦500 million. The "
        "trucks carried 40 tonnes of flour."
    )
    found = sorted((q.kind, q.value, q.approximate) for q in _all(parse, text))
    assert found == [
        ("area-burned-acres", Decimal(500), False),
        ("area-burned-ha", Decimal(10_000), True),
        ("ransom-ngn", Decimal(500_000_000), False),
        ("seats-won", Decimal(141), False),
        ("withdrawn-usd", Decimal(42_000_000_000), False),
    ]


@pytest.mark.model
def test_money_received_paid_for_a_company_or_released_roles_cut_and_cases(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Prosecutors say the mayor pocketed $2.4 million. His wife received $180,000 in fees. "
        "Norvale agreed to buy Kestra Mobile for 2.3 trillion yen. The merged group would cut "
        "around 2,400 roles. The ministry confirmed nine cases. The fund released $1.5 "
        "million. Thirteen people had tested positive."
    )
    found = sorted((q.kind, q.value) for q in _all(parse, text))
    assert found == [
        ("cases", Decimal(9)),
        ("infected", Decimal(13)),
        ("jobs-cut", Decimal(2_400)),
        ("pledged-usd", Decimal(1_500_000)),
        ("received-usd", Decimal(180_000)),
        ("received-usd", Decimal(2_400_000)),
        ("value-jpy", Decimal(2_300_000_000_000)),
    ]


@pytest.mark.model
def test_money_of_goods_under_tariffs_and_an_arsenals_warheads(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Beijing said it would impose duties on $75 billion worth of Velorian exports. "
        "Washington imposed tariffs on $200 billion of Chinese goods. The two countries do "
        "$600 billion in trade a year. Analysts believe the North has roughly 60 warheads."
    )
    found = sorted((q.kind, q.value) for q in _all(parse, text))
    assert found == [
        ("goods-usd", Decimal(75_000_000_000)),
        ("goods-usd", Decimal(200_000_000_000)),
        ("goods-usd", Decimal(600_000_000_000)),
        ("warheads", Decimal(60)),
    ]


@pytest.mark.model
def test_a_range_is_its_least_and_its_most(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Rights groups say between 12,000 and 30,000 people were killed in the campaign."
    found = sorted((q.kind, q.value, q.bound, q.span.text) for q in _all(parse, text))
    assert found == [
        ("killed", Decimal(12_000), "atLeast", "12,000"),
        ("killed", Decimal(30_000), "atMost", "30,000"),
    ]
    # no range: a bound before the first number, or no number after "and"
    text = "At least 40 people died on the road between 2 and noon."
    assert [(q.kind, q.bound) for q in _all(parse, text)] == [("killed", "atLeast")]


@pytest.mark.model
def test_bodies_recovered_are_a_figure_of_their_own(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Police said 68 bodies had been recovered and the search for the remaining four "
        "would continue. At least 67 bodies were pulled from the wreckage, and 70 people died."
    )
    found = sorted((q.kind, q.value, q.bound) for q in _all(parse, text))
    assert found == [
        ("bodies-recovered", Decimal(67), "atLeast"),
        ("bodies-recovered", Decimal(68), ""),
        ("killed", Decimal(70), ""),
    ]  # "the remaining four": an elided noun with no event word of its own counts nothing


@pytest.mark.model
def test_an_elided_noun_counts_with_an_event_word_of_its_own(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Militants fired six rockets at the port; two were intercepted but four hit a depot."
    found = sorted((q.kind, q.value) for q in _all(parse, text))
    assert found == [
        ("missiles", Decimal(6)),
        ("rockets-hit", Decimal(4)),
        ("rockets-intercepted", Decimal(2)),
    ]


def test_counts_of_two_groups_of_people_never_clash_a_count_of_everyone_does() -> None:
    from kg.claims.counted import person_group
    from kg.claims.figures import clashes, figures_of
    from kg.core.model import Quantity, Span

    def killed(value: int, noun: str, modifiers: tuple[str, ...] = ()) -> Quantity:
        span = Span("d", 0, 2, str(value)[:2].ljust(2))
        return Quantity(Decimal(value), "killed", span, group=person_group(noun, modifiers))

    assert [person_group(n) for n in ("'terrorists'", "gunmen", "children", "people")] == [
        "militant",
        "militant",
        "child",
        "",
    ]
    assert person_group("deaths", ("civilian",)) == "civilian"
    assert [person_group(n) for n in ("attackers", "assailants", "bandits")] == ["militant"] * 3
    militants, civilians, everyone = killed(23, "militants"), killed(6, "civilians"), killed(31, "")
    assert not clashes(figures_of([militants]), figures_of([civilians]))
    assert clashes(figures_of([militants]), figures_of([everyone]))
    assert clashes(figures_of([killed(31, "fighters")]), figures_of([militants]))
    # one claim giving each group's toll says nothing twice
    assert not figures_of([militants, civilians]).inconsistent


@pytest.mark.model
def test_people_abducted_are_a_figure(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen abducted 287 pupils on Friday. Police said 227 pupils were kidnapped."
    assert _read(parse, text) == [("abducted", 287, ""), ("abducted", 227, "")]


@pytest.mark.model
def test_a_stake_a_rates_level_and_a_measures_rise_or_fall_are_figures(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Orlan disclosed a 4.5% stake in Torvane. Revenue rose 12 percent to $3.4 billion. "
        "Sales dropped by 8 per cent. Shares fell 6.3% in early trading. The unemployment rate "
        "fell to 5.1 percent. The bank raised its interest rate to 5.25%. The cuts are roughly "
        "7% of the workforce. A poll gave the mayor 41% support."
    )
    found = [
        (q.kind, q.value, q.unit_text, q.span.text)
        for q in find_quantities(parse(text), 0, len(text))
    ]
    assert found == [
        ("stake", Decimal("4.5"), "%", "4.5"),
        ("revenue-rise", Decimal(12), "%", "12"),
        ("revenue-usd", Decimal(3_400_000_000), "USD", "$3.4 billion"),
        ("sales-fall", Decimal(8), "%", "8"),
        ("share-price-fall", Decimal("6.3"), "%", "6.3"),
        ("unemployment", Decimal("5.1"), "%", "5.1"),
        ("interest-rate", Decimal("5.25"), "%", "5.25"),
    ]  # a share of a workforce or a poll's figure: of what, outlets tell too differently


@pytest.mark.model
def test_fractions_of_a_scale_and_dozens(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "More than a quarter of a million people were displaced. Half a million people were "
        "evacuated. Two dozen soldiers were killed."
    )
    found = [
        (q.kind, q.value, q.bound, q.span.text) for q in find_quantities(parse(text), 0, len(text))
    ]
    # "a million" alone had been read, and "two dozen" as 2 + 12
    assert found == [
        ("displaced", Decimal(250_000), "moreThan", "More than a quarter of a million"),
        ("evacuated", Decimal(500_000), "", "Half a million"),
        ("killed", Decimal(24), "", "Two dozen"),
    ]


@pytest.mark.model
def test_seats_are_a_partys_and_clash_only_with_the_same_partys(parse) -> None:  # type: ignore[no-untyped-def]
    from kg.claims.figures import clashes, figures_of

    def seats(text: str) -> list[tuple[str, Decimal, str]]:
        found = find_quantities(parse(text), 0, len(text))
        return [(q.kind, q.value, q.group) for q in found]

    assert seats("The Civic Alliance won 14 seats.") == [("seats-won", 14, "Civic Alliance")]
    assert seats("The Liberal Union was projected to win 33 seats.") == [
        ("seats-won", 33, "Liberal Union")
    ]
    assert seats("Her party said it won 12 seats.") == [("seats-won", 12, "")]  # whose: unsaid
    text = "The Liberal Union won 34 seats. The Civic Alliance won 14 seats. It won 40 seats."
    union, alliance, unsaid = (figures_of([q]) for q in find_quantities(parse(text), 0, len(text)))
    other = "The Liberal Union won 33 seats."
    assert clashes(union, figures_of(find_quantities(parse(other), 0, len(other))))
    assert not clashes(union, alliance)  # two parties' seats are no rival figures
    assert not clashes(union, unsaid) and not clashes(unsaid, unsaid)


@pytest.mark.model
def test_lives_lost_or_claimed_are_deaths_jobs_lost_are_not(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The floods claimed 79 lives. At least 31 people lost their lives in Dadu. The firm "
        "lost 1,200 jobs."
    )
    found = [(q.kind, q.value) for q in find_quantities(parse(text), 0, len(text))]
    assert found == [("killed", 79), ("killed", 31), ("jobs", 1200)]


@pytest.mark.model
def test_people_a_breach_affected_and_cases_confirmed_or_suspected(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The breach affected 31 million customers. Officials recorded 12 confirmed cases and "
        "46 suspected cases."
    )
    found = [(q.kind, q.value, q.group) for q in find_quantities(parse(text), 0, len(text))]
    assert found == [
        ("affected", 31_000_000, ""),
        ("cases", 12, "confirmed"),
        ("cases", 46, "suspected"),
    ]  # confirmed and suspected cases are two tallies, never rival figures


@pytest.mark.model
def test_a_tally_after_confirmed_or_passed_is_a_votes_tally(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The nominee was confirmed 50-49. The bill passed 218-214. The team won 3-1."
    found = [(q.kind, q.value) for q in find_quantities(parse(text), 0, len(text))]
    assert found == [
        ("votes-for", 50),
        ("votes-against", 49),
        ("votes-for", 218),
        ("votes-against", 214),
    ]  # a score is no tally


def _read(parse, text):  # type: ignore[no-untyped-def]
    return [(q.kind, q.value, q.bound) for q in _all(parse, text)]


@pytest.mark.model
def test_a_number_hyphened_to_a_word_is_a_compound_modifier_no_count(parse) -> None:  # type: ignore[no-untyped-def]
    assert _read(parse, "The rebels launched 18 one-way attack drones at the ships.") == [
        ("drones", 18, "")
    ]  # "one-way" counted one drone
    assert _read(parse, "A five-member panel announced a three-day curfew.") == []
    assert _read(parse, "Twenty-five soldiers were killed.") == [("killed", 25, "")]
    assert _read(parse, "A 3,000-strong crowd gathered outside the palace.") == [
        ("crowd", 3000, "")
    ]
    assert _read(parse, "A 45-year-old man was killed.") == []


@pytest.mark.model
def test_one_of_a_ranked_or_counted_set_is_no_count(parse) -> None:  # type: ignore[no-untyped-def]
    assert _read(parse, "It was one of the largest attacks on the city.") == []
    assert _read(parse, "Tomas Vell was one of 15 civilians killed in the strike.") == [
        ("killed", 15, "")
    ]
    assert _read(parse, "One of the wounded died later.") == [("killed", 1, "")]


@pytest.mark.model
def test_a_bound_before_a_dozen_or_a_hundred(parse) -> None:  # type: ignore[no-untyped-def]
    found = [
        (q.kind, q.value, q.bound, q.span.text)
        for q in _all(parse, "The militants fired more than a dozen drones at the base.")
    ]
    assert found == [("drones", 12, "moreThan", "more than a dozen")]
    assert _read(parse, "Over a hundred people were killed.") == [("killed", 100, "moreThan")]


@pytest.mark.model
def test_several_or_a_few_of_a_scale_is_at_least_twice_it_approximately(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The firm paid several million dollars in compensation. A few thousand protesters "
        "gathered in the square."
    )
    found = [(q.kind, q.value, q.bound, q.approximate) for q in _all(parse, text)]
    assert found == [
        ("paid-usd", 2_000_000, "atLeast", True),
        ("crowd", 2000, "atLeast", True),
    ]


@pytest.mark.model
def test_a_bare_figure_or_total_takes_what_it_counts_from_before(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen stormed the town on Sunday, and 11 people died. Officials put the figure at 13."
    assert _read(parse, text) == [("killed", 11, ""), ("killed", 13, "")]
    text = "Ten soldiers were killed on Monday. The total was five."
    assert _read(parse, text) == [("killed", 10, ""), ("killed", 5, "")]
    text = "The army put the number of enemy drones downed at 77."
    assert _read(parse, text) == [("drones-intercepted", 77, "")]
    assert _read(parse, "Officials put the figure at 13.") == []  # nothing named before


@pytest.mark.model
def test_missiles_fired_are_missiles_and_unmanned_vehicles_drones(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The rebels fired 25 drones and five missiles at the ship."
    assert _read(parse, text) == [("drones", 25, ""), ("missiles", 5, "")]
    assert _read(parse, "The frigate was hit. Three missiles were seen.") == [("missiles", 3, "")]
    text = "They fired 18 one-way attack (OWA) unmanned aerial vehicles at the vessel."
    assert _read(parse, text) == [("drones", 18, "")]


@pytest.mark.model
def test_money_collected_is_money_received(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Brightwater has collected about $3.2 million from the agency since 2021."
    found = [(q.kind, q.value, q.approximate) for q in _all(parse, text)]
    assert found == [("received-usd", 3_200_000, True)]


@pytest.mark.model
def test_a_polls_share_of_people_who_approve_or_oppose(parse) -> None:  # type: ignore[no-untyped-def]
    text = "A poll found the mayor's approval rating at 51%, with 44% disapproving."
    assert _read(parse, text) == [("approval", 51, ""), ("disapproval", 44, "")]
    text = "49 percent of Ontario voters approve of Delmar's job performance."
    assert _read(parse, text) == [("approval", 49, "")]
    text = "A survey last week found 58% of Americans disapprove of Congress."
    assert _read(parse, text) == [("disapproval", 58, "")]  # "disapprove" tagged a noun
    text = "About 60 per cent of residents oppose the new runway."
    assert [(q.kind, q.value, q.approximate) for q in _all(parse, text)] == [
        ("opposition", 60, True)
    ]


@pytest.mark.model
def test_korean_won_after_an_amount_not_the_verb(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The company paid 5 million won in damages. The deal is worth 240 billion won."
    found = [(q.kind, q.value, q.unit_text) for q in _all(parse, text)]
    assert found == [("paid-krw", 5_000_000, "KRW"), ("value-krw", 240_000_000_000, "KRW")]
    assert _read(parse, "The party won 5 seats. Those 12 won the vote.") == [("seats-won", 5, "")]


@pytest.mark.model
def test_a_lone_number_that_dies_is_no_date(parse) -> None:  # type: ignore[no-untyped-def]
    # NER calls the "70" of "70 had died" a date
    assert _read(parse, "The health agency said 70 had died.") == [("killed", 70, "")]
    assert _read(parse, "Officials said 1990 was the worst year.") == []
    assert _read(parse, "The ceasefire held until 12 May.") == []


@pytest.mark.model
def test_people_treated_or_hospitalised_are_counted_as_such(parse) -> None:  # type: ignore[no-untyped-def]
    assert _read(parse, "Police said 11 people were being treated in hospital.") == [
        ("hospitalised", 11, "")
    ]
    assert _read(parse, "Officials said three people were hospitalised.") == [
        ("hospitalised", 3, "")
    ]
    # the injured stay the injured
    assert _read(parse, "The army said 57 soldiers were wounded.") == [("wounded", 57, "")]


@pytest.mark.model
def test_people_taken_to_or_kept_in_hospital_are_hospitalised(parse) -> None:  # type: ignore[no-untyped-def]
    assert _read(parse, "Police said four people were taken to hospital.") == [
        ("hospitalised", 4, "")
    ]
    assert _read(parse, "Medics flew nine climbers to a clinic, the park said.") == [
        ("hospitalised", 9, "")
    ]
    assert _read(parse, "The mine's owner said six workers remain in hospital.") == [
        ("hospitalised", 6, "")
    ]
    # staff sent there and people who were there are no patients; the dead stay the dead
    assert _read(parse, "The ministry said 40 doctors were sent to the hospital.") == [
        ("people", 40, "")
    ]
    assert _read(parse, "The mayor said 30 people were in the hospital at noon.") == [
        ("people", 30, "")
    ]
    assert _read(parse, "Officials said two people died in hospital.") == [("killed", 2, "")]


@pytest.mark.model
def test_a_level_counts_what_its_subject_names(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said cholera cases in the region had risen to 146."
    assert _read(parse, text) == [("cases", 146, "")]
    # a subject that counts nothing of the vocabulary gives nothing
    assert _read(parse, "Officials said prices rose to 146 dollars a barrel.") == []


@pytest.mark.model
def test_people_pulled_from_the_rubble_are_rescued_bodies_recovered(parse) -> None:  # type: ignore[no-untyped-def]
    assert _read(parse, "The mayor said 45 people were pulled alive from the rubble.") == [
        ("rescued", 45, "")
    ]
    assert _read(parse, "Officials said divers pulled 12 bodies from the wreckage.") == [
        ("bodies-recovered", 12, "")
    ]

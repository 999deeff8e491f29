"""Name normalisation keys, the gazetteer and the patterns made from it."""

from __future__ import annotations

import pytest

from kg.core import lexicon
from kg.core.entity_patterns import entity_patterns
from kg.entities import names
from kg.entities.person_names import (
    given_names_compatible,
    person_name,
    persons_compatible,
    roles_meet,
    title_gender,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("U.S.", "US"),
        ("Kowalczyk's", "Kowalczyk"),
        ("Nowak’s", "Nowak"),
        ("José Álvarez", "Jose Alvarez"),
        ("Erdoğan", "ERDOGAN"),
    ],
)
def test_fold_drops_case_diacritics_possessive_and_full_stops(a: str, b: str) -> None:
    assert names.fold(a) == names.fold(b)


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("National Defence Council", "National Defense Council"),
        ("Organisation for Trade", "Organization for Trade"),
        ("Harbour Centre", "Harbor Center"),
    ],
)
def test_spelling_key_makes_british_spellings_american(british: str, american: str) -> None:
    assert names.spelling_key(british) == names.spelling_key(american)
    assert names.fold(british) != names.fold(american)


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("Mt. Kelden", "Mount Kelden"),
        ("Mt Kelden", "Mount Kelden"),
        ("Varna Mtns", "Varna Mountains"),
    ],
)
def test_spelling_key_spells_out_a_place_names_short_forms(short: str, long: str) -> None:
    assert names.spelling_key(short) == names.spelling_key(long)
    # "St" is Saint or Street: left as it is
    assert names.spelling_key("St Kelden") not in ("saint kelden", "street kelden")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Oleh Zadorozhnyy", "Oleh Zadorozhny"),  # -yy / -y
        ("Oleh Zadorozhniy", "Oleh Zadorozhny"),  # -iy / -y
        ("Andrei Volkov", "Andrey Volkov"),  # -ei / -ey
        ("Yevgenia Orlova", "Evgenia Orlova"),  # initial ye / e
        ("Natalya Orlova", "Natalia Orlova"),  # ya / ia
        ("Mikhail Orlov", "Mikail Orlov"),  # kh / k
        ("Alexei Orlov", "Aleksei Orlov"),  # x / ks
        ("Dmitriy Sergeyev", "Dmitry Sergeev"),  # -iy and ye after a vowel
        ("Yuri Orlov", "Yuriy Orlov"),
        ("Mykhaylo Orlov", "Mykhailo Orlov"),  # y / i after a vowel, before a consonant
        ("Karim Qassab", "Karim Kassab"),  # the Arabic qaf as q / k
        ("Roustam Nourmatov", "Rustam Nurmatov"),  # French ou / u
        ("Farroukh Djouraev", "Farukh Juraev"),  # dj, ou, doubled r
        ("Farrukh Dzhurayev", "Farukh Juraev"),  # dzh / j
        ("Chembanoor", "Chembanur"),  # -oor / -ur of South Indian places
    ],
)
def test_transliteration_key_folds_romanisation_variants(a: str, b: str) -> None:
    assert names.transliteration_key(a) == names.transliteration_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ivanov", "Ivanova"),
        ("Orlov", "Orlova"),
        ("Jan Nowak", "Piotr Nowak"),
        ("Quin", "Kuin"),
        ("Zhou Lan", "Zhu Lan"),  # two Chinese surnames
    ],
)
def test_transliteration_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert names.transliteration_key(a) != names.transliteration_key(b)


def test_phonetic_key_matches_devoiced_near_misses_only() -> None:
    assert names.phonetic_key("Pegova") == names.phonetic_key("Bekova")
    assert names.phonetic_key("Baghmut") == names.phonetic_key("Bakhmut")
    assert names.phonetic_key("Petrov") != names.phonetic_key("Ivanov")


@pytest.mark.parametrize(
    ("form", "canonical"),
    [
        ("Kiev", "Kyiv"),
        ("Kharkov", "Kharkiv"),
        ("Odessa", "Odesa"),
        ("Nikolaev", "Mykolaiv"),
        ("Zaporozhye", "Zaporizhzhia"),
        ("Lvov", "Lviv"),
        ("Artemovsk", "Bakhmut"),
        ("Britain", "United Kingdom"),
        ("U.S.", "United States"),
        ("Türkiye", "Turkey"),
        ("Burma", "Myanmar"),
        ("Donetsk Oblast", "Donetsk region"),
    ],
)
def test_find_place_maps_variants_to_the_gazetteer_entry(form: str, canonical: str) -> None:
    place = names.find_place(form)
    assert place is not None and place.name == canonical


def test_a_word_in_lower_case_after_a_capital_is_no_places_initials() -> None:
    assert names.find_place("Ri") is None  # a Korean surname, not "R.I."
    assert names.find_place("Nj") is None
    for form in ("R.I.", "RI", "R.I"):
        place = names.find_place(form)
        assert place is not None and place.name == "Rhode Island"
    pennsylvania = names.find_place("Pa")  # an abbreviation of a word, not of initials
    assert pennsylvania is not None and pennsylvania.name == "Pennsylvania"


def test_find_place_keeps_a_city_apart_from_its_region() -> None:
    city, region = names.find_place("Donetsk"), names.find_place("Donetsk region")
    assert city is not None and region is not None
    assert (city.kind, region.kind) == ("city", "region")
    assert names.is_region_name("Kursk region") and not names.is_region_name("Kursk")


def test_gazetteer_carries_the_certain_wikidata_ids() -> None:
    ids = {p.name: p.qid for p in lexicon.places()}
    assert ids["Ukraine"] == "Q212" and ids["Russia"] == "Q159" and ids["Turkey"] == "Q43"
    assert ids["United States"] == "Q30" and ids["United Kingdom"] == "Q145"
    assert ids["Kyiv"] == "Q1899" and ids["Moscow"] == "Q649" and ids["Donetsk"] == "Q43070"
    assert lexicon.place_qids()["Kiev"] == "Q1899"


def test_gazetteer_is_consistent() -> None:
    places = lexicon.places()
    countries = {p.name for p in places if p.kind == "country"}
    assert len(countries) > 190
    assert all(p.country in countries for p in places if p.country)
    forms = [f for p in places for f in (p.name, *p.variants)]
    assert len(forms) == len(set(forms)), "a form names two gazetteer places"
    assert all(p.qid == "" or (p.qid[0] == "Q" and p.qid[1:].isdigit()) for p in places)


@pytest.mark.parametrize(
    "form",
    [
        "Russia's defence ministry",
        "the Russian Defense Ministry",
        "Moscow's defence ministry",
        "Russia’s Ministry of Defence",
        "Ministry of Defense of Russia",
    ],
)
def test_org_key_reads_demonym_possessive_capital_and_of_forms(form: str) -> None:
    assert names.org_key(form) == names.OrgKey("Russia", "defense ministry")


def test_org_key_keeps_countries_apart() -> None:
    assert names.org_key("UK Ministry of Defence").country == "United Kingdom"
    assert names.org_key("Defence Ministry") == names.OrgKey("", "defense ministry")
    assert names.org_key("Polish foreign ministry") == names.org_key(
        "Poland's Ministry of Foreign Affairs"
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Department of Fisheries", "Fisheries Department"),
        ("the Bureau of Land Management", "Land Management Bureau"),
        ("Canada's Department of Fisheries", "Canadian Fisheries Department"),
    ],
)
def test_org_key_reads_a_body_of_its_remit_both_ways(a: str, b: str) -> None:
    assert names.org_key(a) == names.org_key(b)


def test_org_key_keeps_longer_remits_and_other_heads_in_their_order() -> None:
    assert names.org_key("Department of Fisheries and Oceans").body == (
        "department of fisheries and oceans"
    )
    assert names.org_key("University of Lowmoor").body == "university of lowmoor"


def test_known_organisations_map_acronyms() -> None:
    nato = names.find_organisation("NATO")
    assert nato is not None and nato.qid == "Q7184"
    assert names.find_organisation("the North Atlantic Treaty Organisation") == nato
    assert names.find_organisation("Acme Ltd") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("FSB", True), ("MoD", True), ("U.N.", True), ("Reuters", False), ("IT", True), ("I", False)],
)
def test_is_acronym(text: str, expected: bool) -> None:
    assert names.is_acronym(text) is expected


def test_initials_with_and_without_function_words() -> None:
    assert names.initials("Institute for the Study of War") == "isw"
    assert names.initials("Ministry of Defence", with_function_words=True) == "mod"


def test_given_names_compatible() -> None:
    assert given_names_compatible(("tayyip",), ("recep", "tayyip"))
    assert given_names_compatible(("v",), ("vladimir",))
    assert given_names_compatible((), ("jan",))
    assert not given_names_compatible(("jan",), ("piotr",))


def test_preferred_name_is_complete_frequent_and_well_formed() -> None:
    assert names.preferred_name(["Nowak", "Jan Nowak", "Nowak"]) == "Jan Nowak"
    assert names.preferred_name(["REUTERS", "Reuters"]) == "Reuters"
    assert names.preferred_name(["Poland's defence ministry", "Polish defence ministry"]) == (
        "Polish defence ministry"
    )
    assert names.preferred_name(["Kiev", "Kiev", "Kyiv"], gazetteer=True) == "Kyiv"
    assert names.preferred_name(["Kiev", "Kiev", "Kyiv"]) == "Kiev"
    assert names.preferred_name(["KIEV"], gazetteer=True) == "Kyiv"  # a dateline alone
    assert names.preferred_name(["KIEV"]) == "KIEV"
    # a place the gazetteer does not know, in a dateline alone; an acronym keeps its capitals
    assert names.preferred_name(["HALBROOK"], gazetteer=True) == "Halbrook"
    assert names.preferred_name(["WINSTON-SALEM"], gazetteer=True) == "Winston-Salem"
    assert names.preferred_name(["QLD"], gazetteer=True) == "QLD"
    # the mentions leave the article of the place's name out ("to The Hague": "Hague")
    assert names.preferred_name(["Hague", "Hague"], gazetteer=True) == "The Hague"


def test_entity_patterns_leave_homonyms_to_ner_and_prefer_longer_org_names() -> None:
    phrases = {
        (p["label"], p["pattern"]) for p in entity_patterns() if isinstance(p["pattern"], str)
    }
    assert ("GPE", "Kharkov") in phrases and ("GPE", "Zaporizhzhia") in phrases
    assert ("GPE", "Jordan") not in phrases and ("GPE", "Washington") not in phrases
    assert ("ORG", "Kyiv Independent") in phrases
    token_patterns = [p["pattern"] for p in entity_patterns() if not isinstance(p["pattern"], str)]
    qualifiers = token_patterns[0][0]["LOWER"]["IN"]
    assert "moscow" in qualifiers and "polish" in qualifiers


def test_weapon_key_folds_designation_spellings_only() -> None:
    assert {names.weapon_key(s) for s in ("S-300", "S 300", "s300", "S‑300")} == {"s300"}
    assert names.weapon_key("S-300") != names.weapon_key("S-400")
    assert names.weapon_key("Tor-M2") == names.weapon_key("TOR M2") == "torm2"


@pytest.mark.parametrize(
    ("text", "given", "surname", "suffix"),
    [
        ("Sen. Lina Berg", ("lina",), "berg", ""),
        ("Special Counsel Lina Berg", ("lina",), "berg", ""),
        ("Lina Berg Jr.", ("lina",), "berg", "jr"),
        ("Lina Berg III", ("lina",), "berg", "iii"),
        ("Ursula von der Kamp", ("ursula",), "von der kamp", ""),
        ("Nasser bin Talal", ("naser",), "bin talal", ""),  # keys fold doubled letters
        ("Nasser el-Talal", ("naser",), "talal", ""),
        ("Moon Ha-eun", ("haeun",), "moon", ""),
        ("Kim Jung Ho", ("jungho",), "kim", ""),
        ("Kim Harlowe", ("kim",), "harlowe", ""),
    ],
)
def test_person_name_parts(text: str, given: tuple[str, ...], surname: str, suffix: str) -> None:
    name = person_name(text)
    assert (name.given, name.surname, name.suffix) == (given, surname, suffix)


def test_suffixes_and_short_forms_in_person_compatibility() -> None:
    def fits(a: str, b: str) -> bool:
        return persons_compatible(person_name(a), person_name(b))

    assert not fits("Lina Berg", "Lina Berg Jr.") and not fits("Berg Jr.", "Lina Berg")
    assert fits("Berg", "Lina Berg Jr.") and fits("Berg", "Lina Berg")
    assert fits("Bob Berg", "Robert Berg") and fits("Katie Berg", "Kathryn Berg")
    assert not fits("Bob Berg", "Richard Berg")
    assert fits('Carlos "Charlie" Berg', "Charlie Berg")
    # Greek given names as outlets romanise them
    assert fits("Yiannis Petrakos", "Giannis Petrakos") and fits(
        "Ioannis Petrakos", "Yannis Petrakos"
    )
    assert fits("Kyriakos Petrakos", "Kiriakos Petrakos") and not fits(
        "Yannis Petrakos", "Nikos Petrakos"
    )
    assert title_gender("Mrs.") == "f" and title_gender("Mr") == "m" and not title_gender("Gen.")
    assert title_gender("Miss") == "f" and not title_gender("Miss.")  # "Jackson, Miss."


def test_a_role_meets_its_short_form_not_a_deputy_s() -> None:
    assert roles_meet({"secretary"}, {"secretary of defense"})
    assert roles_meet({"defense secretary"}, {"secretary of defense"})
    assert not roles_meet({"secretary"}, {"deputy secretary"})
    assert not roles_meet({"governor"}, {"lieutenant governor"})
    assert not roles_meet({"senator"}, {"governor"})


def test_title_length_reads_the_run_of_title_words_before_a_name() -> None:
    assert lexicon.title_length(["the", "former", "president"]) == 1
    assert lexicon.title_length(["said", "lt", "gen."]) == 2
    assert lexicon.title_length(["officials", "said"]) == 0
    assert lexicon.title_length(["senate", "majority", "leader"]) == 2  # "Senate": a body
    assert lexicon.title_length([]) == 0
    # a remit is part of the title: after "of" and a title word, or before a title word
    assert lexicon.title_length(["by", "secretary", "of", "state"]) == 3
    assert lexicon.title_length(["deputy", "minister", "of", "economic", "affairs"]) == 5
    assert lexicon.title_length(["said", "education", "secretary"]) == 2
    assert lexicon.title_length(["on", "state", "street"]) == 0  # a remit alone is none
    assert lexicon.title_length(["bank", "of", "america", "ceo"]) == 1
    assert lexicon.title_length(["mother", ",", "smt."]) == 1

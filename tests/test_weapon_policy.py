"""What counts as a weapon mention (ontology/README.md): every class of the vocabulary in
hand-written conflict reporting from several wars, and the traps (people, programmes,
attacks, phrases that name no weapon, text that is not about conflict). Issue 24."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.nlp.weapons.ruler import WEAPON_LABEL

pytestmark = pytest.mark.model


def weapons(analyzer, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    doc = analyzer.nlp(text)
    found = [(e.text, e.id_) for e in doc.ents if e.label_ == WEAPON_LABEL]
    for e in doc.ents:
        assert text[e.start_char : e.end_char] == e.text
    return found


# One sentence per class, from the wars news covers: the Sahel, Sudan, Myanmar, Yemen, the
# Red Sea, the Caucasus, Iraq and Syria, Ukraine, Gaza and Lebanon, Somalia, Colombia.
CLASS_CASES = [
    ("Smugglers moved weapons across the desert border, the army said.", "weapons", "Weaponry"),
    (
        "Soldiers in the north ran short of ammunition after weeks of fighting.",
        "ammunition",
        "Munition",
    ),
    (
        "Government artillery pounded the outskirts of the town overnight, residents said.",
        "artillery",
        "Artillery",
    ),
    (
        "The brigade moved two towed howitzers closer to the front line before the offensive.",
        "towed howitzers",
        "Howitzer",
    ),
    (
        "Militants fired rockets at the airbase near the capital, officials said.",
        "rockets",
        "RocketArtillery",
    ),
    ("A mortar round landed near the clinic, killing two civilians.", "mortar round", "Mortar"),
    ("The militia fired a guided missile at a navy patrol boat.", "guided missile", "Missile"),
    (
        "The warship launched cruise missiles at radar sites on the coast.",
        "cruise missiles",
        "CruiseMissile",
    ),
    (
        "Air defences intercepted a ballistic missile fired across the border, the coalition said.",
        "ballistic missile",
        "BallisticMissile",
    ),
    (
        "The general said his forces had fired a hypersonic missile at an enemy command post.",
        "hypersonic missile",
        "HypersonicMissile",
    ),
    (
        "Resistance fighters used drones to drop grenades on the army post.",
        "drones",
        "Drone",
    ),
    (
        "Resistance fighters used drones to drop grenades on the army post.",
        "grenades",
        "Grenade",
    ),
    (
        "Troops shot down a kamikaze drone over the border town.",
        "kamikaze drone",
        "LoiteringMunition",
    ),
    (
        "A naval drone struck a patrol ship near the port, the navy said.",
        "naval drone",
        "NavalDrone",
    ),
    (
        "The fighters carried recoilless rifles into the village before the attack.",
        "recoilless rifles",
        "AntiTankWeapon",
    ),
    (
        "An anti-tank guided missile destroyed the armoured personnel carrier, the army said.",
        "anti-tank guided missile",
        "AntiTankGuidedMissile",
    ),
    (
        "An anti-tank guided missile destroyed the armoured personnel carrier, the army said.",
        "armoured personnel carrier",
        "ArmouredVehicle",
    ),
    (
        "Gunmen fired rocket-propelled grenades at the convoy near the river crossing.",
        "rocket-propelled grenades",
        "RocketPropelledGrenade",
    ),
    (
        "Rebels seized an anti-aircraft gun from the garrison after the battle.",
        "anti-aircraft gun",
        "AirDefence",
    ),
    (
        "Insurgents shot down the army helicopter with a shoulder-fired missile, officials said.",
        "shoulder-fired missile",
        "Manpads",
    ),
    (
        "Police said the attackers were armed with assault rifles and pistols.",
        "assault rifles",
        "Firearm",
    ),
    (
        "A heavy machine gun mounted on a pickup opened fire on the checkpoint.",
        "heavy machine gun",
        "MachineGun",
    ),
    (
        "Engineers defused an explosive device planted under the bridge by the insurgents.",
        "explosive device",
        "ExplosiveDevice",
    ),
    (
        "A roadside bomb hit a military convoy in the north, killing three soldiers.",
        "roadside bomb",
        "ImprovisedExplosiveDevice",
    ),
    (
        "Gunmen set the police vehicles ablaze with Molotov cocktails before fleeing.",
        "Molotov cocktails",
        "ImprovisedExplosiveDevice",
    ),
    (
        "A truck bomb exploded outside the hotel, killing at least 20 people.",
        "truck bomb",
        "VehicleBorneIED",
    ),
    ("Warplanes dropped bombs on the market, witnesses said.", "bombs", "Bomb"),
    ("Warplanes dropped bombs on the market, witnesses said.", "Warplanes", "MilitaryAircraft"),
    (
        "The city was hit by glide bombs dropped from aircraft far from the front.",
        "glide bombs",
        "GlideBomb",
    ),
    (
        "Army helicopters dropped barrel bombs on the besieged town.",
        "barrel bombs",
        "BarrelBomb",
    ),
    (
        "Army helicopters dropped barrel bombs on the besieged town.",
        "Army helicopters",
        "Helicopter",
    ),
    (
        "Human rights groups said cluster munitions were used in the attack on the village.",
        "cluster munitions",
        "ClusterMunition",
    ),
    (
        "Farmers were wounded by landmines left in the fields after the war.",
        "landmines",
        "Mine",
    ),
    (
        "Investigators found that a nerve agent was used in the attack on the district.",
        "nerve agent",
        "ChemicalWeapon",
    ),
    (
        "The army lost several tactical vehicles in the ambush.",
        "tactical vehicles",
        "MilitaryVehicle",
    ),
    ("Tanks shelled the northern districts of the city as the offensive began.", "Tanks", "Tank"),
    (
        "A frigate escorted the cargo ships through the strait as drones attacked.",
        "frigate",
        "Warship",
    ),
    (
        "The attacker stabbed three people with a kitchen knife before police shot him.",
        "kitchen knife",
        "BladedWeapon",
    ),
    (
        "Gunmen armed with machetes attacked the village, killing 12 people.",
        "machetes",
        "BladedWeapon",
    ),
]


@pytest.mark.parametrize(("text", "span", "wclass"), CLASS_CASES)
def test_each_class_is_found_in_conflict_reporting(
    analyzer,  # type: ignore[no-untyped-def]
    text: str,
    span: str,
    wclass: str,
) -> None:
    assert (span, wclass) in weapons(analyzer, text)


def test_every_class_has_a_case() -> None:
    from kg.core.weapons import load_weapon_classes

    assert {c.term for c in load_weapon_classes()} == {c for _, _, c in CLASS_CASES}


@pytest.mark.parametrize(
    "text",
    [
        # people
        "A suicide bomber blew himself up at the mosque, killing 30 worshippers.",
        "The bomber was a 19-year-old student, police said after the attack.",
        "A gunman opened fire at the wedding party, killing four guests.",
        # attacks are events
        "Air strikes and shelling killed 20 people in the enclave, medics said.",
        # phrases that name no weapon
        "Analysts at a think tank said attacks on fuel tanks had cut supplies to the front.",
        "Diplomats at the arms fair warned that an arms race would follow the war.",
        "Protesters were hit by water cannon and rubber bullets as troops moved in.",
        "The rebels said the passenger jet was shot down by mistake, killing all on board.",
        "Ministers discussed missile defence and the missile crisis at the summit after the war.",
        # machinery, and an ambiguous noun nothing ties to weapons
        "The militants destroyed two bulldozers and a bridge, the army said.",
        "The minister's plane landed in the capital after the ceasefire talks.",
        # a general word on an attack noun that modifies another noun
        "Coalition strikes hit the rebels; the reports list munition impact points per strike.",
        # a designation spelled like a word and a number ("AT4")
        "The ceasefire after months of war came into force at 4am local time, the army said.",
        # an acronym that is a word too ("HARM", "SCALP") only in its capitals
        "The crash killed 179 people; the tragedy would harm plans to expand the airport.",
        "The shelling killed two soldiers; a third had a scalp wound, the army said.",
        # an ambiguous weapon name after a name's article is the name's ("Fajr")
        "The strike hit depots of Liwa al-Fajr, an armed group the army blames for attacks.",
        # text that is not about conflict
        "SpaceX launched a rocket carrying a satellite into orbit on Tuesday.",
        "Farmers use drones to spray crops and monitor cattle.",
        "The chef sharpened his knife and cut the bread before the guests arrived.",
        "The vote is on a knife edge, the party's pollster said after the debate.",
    ],
)
def test_traps_are_no_weapons(analyzer, text: str) -> None:  # type: ignore[no-untyped-def]
    assert weapons(analyzer, text) == []


def test_a_programme_against_a_weapon_is_no_weapon(analyzer) -> None:  # type: ignore[no-untyped-def]
    found = weapons(
        analyzer, "The Counter-IED centre trained soldiers to clear mines from the roads."
    )
    assert not any("IED" in text for text, _ in found)


def test_ambiguous_nouns_count_where_the_text_ties_them_to_weapons(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Coalition aircraft struck the depot. Rebels destroyed an armoured vehicle, a drone "
        "and a tank. Regime helicopters dropped barrel bombs on the town. The jets that "
        "dropped bombs flew back to base. A bus carrying aid workers arrived later."
    )
    found = weapons(analyzer, text)
    assert ("aircraft", "MilitaryAircraft") in found  # an operator before it
    assert ("tank", "Tank") in found  # acted on, coordinated with weapons
    assert ("Regime helicopters", "Helicopter") in found or ("helicopters", "Helicopter") in found
    assert ("jets", "MilitaryAircraft") in found  # it fires weapons
    assert not any(t == "bus" for t, _ in found)


def test_modifier_of_what_belongs_to_a_weapon_counts(analyzer) -> None:  # type: ignore[no-untyped-def]
    found = weapons(
        analyzer,
        "The strikes destroyed a drone launch site and a mortar position near the front, "
        "and a weapons cache and an ammunition factory, the army said.",
    )
    assert ("drone", "Drone") in found and ("mortar", "Mortar") in found
    assert not any(t in {"weapons", "ammunition"} for t, _ in found)  # places, not weapons


def test_a_weapon_the_parser_hung_as_a_modifier_on_a_verb_counts(analyzer) -> None:  # type: ignore[no-untyped-def]
    found = weapons(
        analyzer,
        "Shelling went on in the town. Residents tell us about mortar rounds landing on "
        "their homes.",
    )
    assert ("mortar rounds", "Mortar") in found


def test_a_weapon_noun_coordinated_with_a_modifier_opens_the_phrase(analyzer) -> None:  # type: ignore[no-untyped-def]
    both = weapons(analyzer, "Coalition strikes destroyed two artillery and mortar systems.")
    assert both == [("artillery and mortar systems", "Mortar")]
    # "sniper" names a weapon only in "sniper rifle": the snipers are people
    traps = weapons(analyzer, "The army said troops faced snipers and booby traps in the city.")
    assert traps == [("booby traps", "ExplosiveDevice")]


def test_a_phrase_of_the_vocabulary_is_whole_whatever_the_tagger_says(analyzer) -> None:  # type: ignore[no-untyped-def]
    # The small model tags "launcher" an adverb here; the phrase, not "rocket", is the weapon.
    for text in (
        "Near Kismayo, two raids destroyed a truck, three fighting positions and a rocket "
        "propelled grenade launcher, the army said.",
        "Near Kismayo, two raids destroyed a truck and a rocket-propelled grenade launcher.",
    ):
        found = weapons(analyzer, text)
        launcher = text[text.index("rocket") : text.index("launcher") + len("launcher")]
        assert (launcher, "RocketPropelledGrenade") in found, found
        assert not any(c == "RocketArtillery" for _, c in found)


def test_named_systems_of_many_armed_forces(analyzer) -> None:  # type: ignore[no-untyped-def]
    found = dict(
        weapons(
            analyzer,
            "Fighters fired a DShK and an SPG-9 at the base, while the army answered with "
            "Mi-24 helicopters, a Pinaka battery and JF-17 jets; a Kargu-2 drone and BrahMos "
            "missiles were also used, officials said.",
        )
    )
    assert found["DShK"] == "MachineGun"
    assert found["SPG-9"] == "AntiTankWeapon"
    assert found["Mi-24 helicopters"] == "Helicopter"
    assert found["Pinaka battery"] == "RocketArtillery"
    assert found["JF-17 jets"] == "MilitaryAircraft"
    assert found["Kargu-2 drone"] == "LoiteringMunition"
    assert found["BrahMos missiles"] == "CruiseMissile"
    found = dict(weapons(analyzer, "The destroyer fired Sea Viper missiles at two drones."))
    assert found["Sea Viper missiles"] == "AirDefence"  # a navy's name for its Aster system


def test_a_system_named_like_weather_is_a_weapon_only_in_war_reporting(analyzer) -> None:  # type: ignore[no-untyped-def]
    war = "RAF Typhoons and Tornados struck a command post with Paveway bombs; an E-3D watched."
    found = dict(weapons(analyzer, war))
    assert found["Tornados"] == "MilitaryAircraft" and found["E-3D"] == "MilitaryAircraft"
    weather = "Tornados tore through three counties, and a tornado destroyed a school."
    assert weapons(analyzer, weather) == []


def test_two_models_of_one_maker_are_two_systems(analyzer) -> None:  # type: ignore[no-untyped-def]
    from kg.nlp.weapons.ruler import SYSTEM_ATTR

    doc = analyzer.nlp("Su-24 and Su-25 jets and Mi-8 and Mi-24 helicopters struck the villages.")
    systems = {e._.get(SYSTEM_ATTR) for e in doc.ents if e.label_ == WEAPON_LABEL}
    assert {"Su-24", "Su-25", "Mi-8", "Mi-24"} <= systems


def test_a_variant_designation_is_its_systems_mention(analyzer) -> None:  # type: ignore[no-untyped-def]
    from kg.nlp.weapons.ruler import SYSTEM_ATTR

    doc = analyzer.nlp(
        "Two F-16C jets and a Tu-95MS bomber flew over the front as troops fired on the "
        "tanks; Su-27SM fighters followed."
    )
    systems = {e.text: e._.get(SYSTEM_ATTR) for e in doc.ents if e.label_ == WEAPON_LABEL}
    assert systems["F-16C jets"] == "F-16" and systems["Tu-95MS bomber"] == "Tu-95"
    assert systems["Su-27SM fighters"] == "Su-27SM"  # a family's member: no entry of its own


def test_aircraft_and_launchers_of_other_armed_forces(analyzer) -> None:  # type: ignore[no-untyped-def]
    found = weapons(
        analyzer,
        "Junta Yak-130 and K-8 jets bombed the village near the border. An Antonov An-26 "
        "circled before the strike. Rebels armed with M79s fired on a ZPU-4 at the airfield.",
    )
    assert ("Yak-130", "MilitaryAircraft") in found
    assert ("K-8 jets", "MilitaryAircraft") in found
    assert ("Antonov An-26", "MilitaryAircraft") in found
    assert ("M79s", "Grenade") in found and ("ZPU-4", "AirDefence") in found
    # an ambiguous designation counts only where the text is about weapons
    assert weapons(analyzer, "The district opened a new K-8 school in the town.") == []


def test_fighter_is_a_weapon_only_after_a_systems_name(analyzer) -> None:  # type: ignore[no-untyped-def]
    found = weapons(
        analyzer,
        "The navy flew K-31 fighters over the strait. Troops captured 20 rebel fighters and "
        "killed a fighter near the dam, while militia fighters seized two tanks. The army "
        "said P7 fighters, a rebel group, shelled the town.",
    )
    assert ("K-31 fighters", "MilitaryAircraft") in found  # a designation nobody lists
    # an unhyphenated one is as often a group's name ("M23 fighters")
    assert not any("fighter" in t and t != "K-31 fighters" for t, _ in found), found
    assert ("tanks", "Tank") in found


def test_a_person_sense_noun_acted_on_is_the_person(analyzer) -> None:  # type: ignore[no-untyped-def]
    found = weapons(
        analyzer, "Police captured the bomber after the blast that killed nine soldiers."
    )
    assert not any("bomber" in t for t, _ in found), found


def test_anti_before_a_weapon_noun_names_no_weapon_of_that_class(analyzer) -> None:  # type: ignore[no-untyped-def]
    found = weapons(
        analyzer,
        "Warplanes struck the port, and residents heard heavy anti-aircraft fire; sappers "
        "dug anti-tank ditches while the army brought up anti-aircraft guns.",
    )
    assert ("Warplanes", "MilitaryAircraft") in found
    assert not any(c in {"MilitaryAircraft", "Tank"} and t != "Warplanes" for t, c in found), found
    assert ("anti-aircraft guns", "AirDefence") in found


def test_type_designations_of_chinese_and_british_forces(analyzer) -> None:  # type: ignore[no-untyped-def]
    found = weapons(
        analyzer,
        "The army moved Type 96 tanks to the border, and the navy sent a Type 23 frigate "
        "after the missile attack. Patients with Type 1 diabetes were evacuated.",
    )
    assert ("Type 96 tanks", "Tank") in found
    assert ("Type 23 frigate", "Warship") in found
    assert not any("diabetes" in t or t == "Type 1" for t, _ in found)


def test_chemical_agents_are_named_apart(analyzer) -> None:  # type: ignore[no-untyped-def]
    from kg.nlp.weapons.ruler import SYSTEM_ATTR

    doc = analyzer.nlp(
        "Investigators said the nerve agent sarin was used in the attack on the village, and "
        "that chlorine gas was dropped from helicopters on the rebels' town a week later. The "
        "army denies using chemical weapons. Engineers tested chlorine levels at the pool."
    )
    systems = {e.text: e._.get(SYSTEM_ATTR) for e in doc.ents if e.label_ == WEAPON_LABEL}
    assert systems["nerve agent sarin"] == "sarin"
    assert systems["chlorine gas"] == "chlorine"
    assert systems["chemical weapons"] == ""  # the class, no agent named
    assert "chlorine" not in systems  # water treatment: no weapon


@pytest.mark.seeds
def test_seed_weapons_unchanged(seeds: Path, analyzer) -> None:  # type: ignore[no-untyped-def]
    """Issue 24: HIMARS one node across the seeds, and every system the seeds name found."""
    from kg.build.pipeline import Options, build
    from tests.conftest import RUN_TIME

    result = build([str(seeds)], analyzer, Options(), started=RUN_TIME)
    named = {
        e.label: e for e in result.corpus.entities if e.type == "Weapon" and e.key.count("@") == 0
    }
    himars = [e for e in result.corpus.entities if e.type == "Weapon" and e.label == "HIMARS"]
    assert len(himars) == 1
    assert len({m.doc_id for m in himars[0].mentions}) >= 3
    assert himars[0].weapon_class == "RocketArtillery"
    assert named["Stugna-P"].weapon_class == "AntiTankGuidedMissile"


def test_a_wiki_reference_mark_leaves_the_word_before_it_whole(analyzer) -> None:  # type: ignore[no-untyped-def]
    # Text pasted from a wiki glues its reference marks to the last word of a sentence.
    text = (
        "Rebel commander Idris Halloum was meeting aides in a farmhouse when he was "
        "bombed and killed by coalition aircraft.[4] The village lies on the river.[5]"
    )
    assert ("aircraft", "MilitaryAircraft") in weapons(analyzer, text)
    tokens = [t.text for t in analyzer.nlp(text)]
    assert tokens[-6:] == ["lies", "on", "the", "river", ".", "[5]"]

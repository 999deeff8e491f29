"""Issue 23: every attribution, whoever the source. Each construction and each kind of
source with hand-written sentences, and the traps (a number that is no claim, a quote inside
a quote, a pronoun whose antecedent is an unnamed source)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.claims.extraction import extract_claims
from kg.core.model import Claim, UnnamedSource

pytestmark = pytest.mark.model


def _claims(parse, text, **meta):  # type: ignore[no-untyped-def]
    parsed = parse(text, **meta)
    claims = extract_claims(parsed, parsed.mentions)
    for c in claims:  # every span slices the text it names
        for span in (c.content, c.cue_span, c.source_span):
            assert text[span.begin : span.end] == span.text
        assert (c.claimant_mention is None) == (c.unnamed is not None)
        if c.unnamed is not None:
            u = c.unnamed
            assert text[u.span.begin : u.span.end] == u.span.text
    return claims


def _one(claims: tuple[Claim, ...], cue: str) -> Claim:
    [claim] = [c for c in claims if c.cue == cue]
    return claim


def _unnamed(c: Claim) -> UnnamedSource:
    assert c.claimant_mention is None and c.unnamed is not None
    return c.unnamed


# ---------------------------------------------------------------- kinds of source


def test_a_named_person(parse) -> None:  # type: ignore[no-untyped-def]
    [c] = _claims(parse, "Mayor Ellen Hart said the ferry would run again in March.")
    assert c.claimant_mention is not None and c.claimant_mention.text == "Ellen Hart"
    assert c.unnamed is None and c.content.text == "the ferry would run again in March"


def test_a_known_body_the_model_misses(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Human Rights Watch said both sides had used explosive weapons in towns."
    [c] = _claims(parse, text)
    assert c.claimant_mention is not None and c.claimant_mention.text == "Human Rights Watch"
    assert c.claimant_mention.type == "Organisation"
    text = "The US Treasury published its plan on Monday. It said the fund would be insured."
    said = [c for c in _claims(parse, text) if c.cue == "say"]
    assert [c.claimant_mention.text for c in said if c.claimant_mention] == ["US Treasury"]
    # armed groups named with hyphens the model splits ("Jaish-e" was a person)
    text = "Jaish-e-Mohammed said the camp had been empty for a year."
    [c] = _claims(parse, text)
    assert c.claimant_mention is not None and c.claimant_mention.text == "Jaish-e-Mohammed"
    assert c.claimant_mention.type == "Organisation"


def test_an_unnamed_individual_affiliated_with_the_body_its_words_name(parse) -> None:  # type: ignore[no-untyped-def]
    [c] = _claims(parse, "A Pentagon official said the drills would resume in April.")
    u = _unnamed(c)
    assert (u.kind, u.label, u.anonymous) == ("individual", "A Pentagon official", False)
    assert u.affiliation is not None and u.affiliation.text == "Pentagon"
    assert c.content.text == "the drills would resume in April"


def test_whose_lawyer_or_aide_speaks_is_not_the_speaker(parse) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(
        parse,
        "Ellen Hart's lawyers said she would appeal. Ellen Hart's spokeswoman, Dana Voss, "
        "said the mayor had done nothing wrong.",
    )
    appeal = next(c for c in claims if c.content.text == "she would appeal")
    assert _unnamed(appeal).label.lower().endswith("lawyers")
    family = _claims(parse, "Ellen Hart's family said she had loved the town.")
    assert _unnamed(family[0]).label.lower().endswith("family")
    wrong = next(c for c in claims if "nothing wrong" in c.content.text)
    assert wrong.claimant_mention is not None and wrong.claimant_mention.text == "Dana Voss"
    # the spokesman the source names speaks, for the person whose spokesman he is
    for text in (
        "Mayor Ellen Hart was sworn in. A Hart spokesman, Jordan Pike, said she would visit.",
        "A spokesman for Mayor Ellen Hart, Jordan Pike, said she would visit.",
    ):
        [c] = _claims(parse, text)
        assert c.claimant_mention is not None and c.claimant_mention.text == "Jordan Pike"
    # analysts at a bank are the bank's analysts, no voice of the bank ("officials" are)
    [c] = _claims(parse, "Analysts at Kestrel Bank estimated the deal could add $4 billion.")
    u = _unnamed(c)
    assert u.label.startswith("Analysts") and u.affiliation is not None
    assert u.affiliation.text == "Kestrel Bank"
    # the person a group works for or stands near, named after it, is not the speaker
    for text, label in [
        ("Lawyers for Ellen Hart said she would appeal.", "Lawyers for Ellen Hart"),
        ("Prosecutors under District Attorney Ivo Kessler argued that he lied.", "Prosecutors"),
        ("Sources close to Mayor Ellen Hart said she would run.", "Sources close to"),
        ("A senior aide to Senator Ellen Hart said she would run.", "A senior aide to"),
        ("A lawyer for Ellen Hart said she would appeal.", "A lawyer for Ellen Hart"),
        (
            "Dr. Miriam Keller testified on Thursday. A second classmate and a lifelong friend of "
            "Keller's have also said they do not remember any such party.",
            "A second classmate and a lifelong friend",
        ),
    ]:
        [c] = _claims(parse, text)
        assert c.claimant_mention is None and _unnamed(c).label.startswith(label)


def test_a_name_and_its_description_the_parser_made_two_subjects_are_one_speaker(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Sen. Lisa Marrow (D-Conn.), the ranking member on the Foreign Relations Committee's "
        "Asia subcommittee, said the summit rewarded a regime that had broken every promise."
    )
    [c] = _claims(parse, text)
    assert c.claimant_mention is not None and c.claimant_mention.text == "Lisa Marrow"
    assert c.source_span.text.startswith("Sen. Lisa Marrow (D-Conn.), the ranking member")


def test_a_relative_who_after_an_apposition_stands_for_the_name(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The verdict followed seven weeks of testimony, including four days from singer "
        "Lena Marsh, Combs' former girlfriend, who said he had beaten her."
    )
    [c] = _claims(parse, text)
    assert c.claimant_mention is not None and c.claimant_mention.text == "Lena Marsh"


def test_a_description_named_after_a_body_without_article_is_the_names_too(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "At the gate, Dale Okafor, treasurer of Branch 88, Lakeshore Dockworkers union said "
        '"Nobody here trusts the new owners."'
    )
    [c] = _claims(parse, text)
    assert c.claimant_mention is not None and c.claimant_mention.text == "Dale Okafor"
    # without an article, possessor or name, a noun after the name is a speaker of its own
    [c] = _claims(parse, "Last week, Lee Brand, officials said, fled the country.")
    assert c.claimant_mention is None and _unnamed(c).label == "officials"


def test_who_hung_on_the_body_a_person_works_at_stands_for_the_person(parse) -> None:  # type: ignore[no-untyped-def]
    for text, name in (
        (
            "The decision was criticised by Ruth Abernathy, an analyst with Hallam Capital, "
            "who said it was premature.",
            "Ruth Abernathy",
        ),
        (
            "The view was shared by Oskar Brandt, a marine biologist at Kiel University, who "
            'stated, "The reef will not recover".',
            "Oskar Brandt",
        ),
        (
            "The plan was attacked by Nadia Karim, a researcher at the Doha Institute, who said "
            "it ignored the refugees.",
            "Nadia Karim",
        ),
    ):
        claims = _claims(parse, text)
        assert [c.claimant_mention.text for c in claims if c.claimant_mention] == [name]
    # a person the preposition names is the one "who" stands for
    [c] = _claims(
        parse, "The bill was drafted by an aide to Senator Ruth Abernathy, who said it would pass."
    )
    assert c.claimant_mention is not None and c.claimant_mention.text == "Ruth Abernathy"


def test_a_cue_after_a_quotation_the_parser_took_for_part_of_the_name(parse) -> None:  # type: ignore[no-untyped-def]
    for text, name in (
        (
            'Halvorsen Yards says it must double its output. "No yard has ever built ferries '
            'at the rate of four a year before," claims writer Petra Lund.',
            "Petra Lund",
        ),
        (
            '"Nobody in the league has ever paid that much for a goalkeeper," claims reporter '
            "Dana Whitfield.",
            "Dana Whitfield",
        ),
    ):
        claims = _claims(parse, text)
        c = _one(claims, "claim")
        assert c.claimant_mention is not None and c.claimant_mention.text == name
        assert c.direct and text[c.content.begin - 1] == '"'


def test_the_ones_an_outlet_cites_are_a_source_of_what_it_reports(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Citing two people familiar with the talks, the Harbour Gazette reported that the "
        "ferry operator would be sold."
    )
    claims = _claims(parse, text)
    cited, reported = _one(claims, "cite"), _one(claims, "report")
    assert cited.content.text == reported.content.text == "the ferry operator would be sold"
    assert _unnamed(cited).label == "two people familiar with the talks"
    assert cited.cue_span.text == "Citing"
    # a reason cited is what the cue says, no source
    [c] = _claims(parse, "The mayor cancelled the festival, citing the storm as the reason.")
    assert c.cue == "cite" and c.content.text == "the storm as the reason"
    assert _unnamed(c).label == "The mayor"


def test_a_quotation_then_said_and_a_name_whose_sentence_the_parser_ran_on(parse) -> None:  # type: ignore[no-untyped-def]
    # "Co." ends the sentence; the parser hangs the next one on "said" as what was said
    text = (
        '"It clearly helps the economy. It really helps the environment," said Harold '
        "Brisco, chairman of Brisco Motor Co. Brisco has not asked for federal help."
    )
    claims = _claims(parse, text)
    said = _one(claims, "say")
    assert said.claimant_mention is not None and said.claimant_mention.text == "Harold Brisco"
    assert said.direct and said.content.text.startswith("It clearly helps the economy.")


def test_i_in_a_letter_is_its_writer_not_the_letter(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Marta Keane, the club's chairwoman, has stepped down. Keane resigned in a letter to the "
        'board stating, "I have always said I would leave when the stadium was finished. That '
        'day has come."'
    )
    claims = _claims(parse, text)
    letter = _one(claims, "state")
    assert _unnamed(letter).kind == "document"
    inner = _one(claims, "say")
    assert inner.claimant_mention is not None and inner.claimant_mention.text == "Keane"


def test_a_us_partys_state_tag_is_no_role(parse) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(
        parse,
        "Senate Majority Leader Dale Harmon (R-Ky.) said the vote would be held on Friday. "
        "Sen. Ellen Hart, D-N.Y., said she would vote against it.",
    )
    vote = next(c for c in claims if "Friday" in c.content.text)
    assert vote.claimant_mention is not None and vote.claimant_mention.text == "Dale Harmon"
    assert vote.claimant_role == "Senate Majority Leader"
    against = next(c for c in claims if "against" in c.content.text)
    assert against.claimant_role == "Sen."
    text = "Sen. Tom R. Vale (Va.), the top Democrat on the panel, said the vote was shocking."
    [bracketed] = _claims(parse, text)
    assert bracketed.claimant_role == "Sen., the top Democrat on the panel"


def test_an_honorific_is_no_role(parse) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(
        parse,
        "Qatar's Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani said the pause would "
        "start soon. Sheikh Mohammed said Qatar hoped for more.",
    )
    assert [c.claimant_role for c in claims] == ["Qatar's Prime Minister", ""]


def test_a_dateline_is_no_part_of_what_the_first_sentence_says(parse) -> None:  # type: ignore[no-untyped-def]
    [c] = _claims(
        parse,
        "Floods kill 12\n\nSAN VARNO, Norland (AP) - Floods in the southern state of Varna "
        "have killed at least 12 people and left 6 missing, the state civil defence agency "
        "said Friday.",
    )
    assert c.content.text.startswith("Floods in the southern state of Varna have killed")


def test_an_unnamed_group(parse) -> None:  # type: ignore[no-untyped-def]
    [c] = _claims(parse, "Analysts say the harbour tax will drive shipping away from the port.")
    u = _unnamed(c)
    assert (u.kind, u.label) == ("group", "Analysts")
    assert c.content.text == "the harbour tax will drive shipping away from the port"


def test_a_document_or_publication(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The report said water levels had fallen by a third. "
        "According to the survey, most residents oppose the new bridge."
    )
    report, survey = _claims(parse, text)
    assert (_unnamed(report).kind, _unnamed(report).label) == ("document", "The report")
    assert report.content.text == "water levels had fallen by a third"
    assert (_unnamed(survey).kind, _unnamed(survey).label) == ("document", "the survey")
    assert survey.cue == "according to"
    assert survey.content.text == "most residents oppose the new bridge"


def test_a_named_publication_the_recogniser_misses_is_a_document_source(parse) -> None:  # type: ignore[no-untyped-def]
    text = "According to the Green Book, harbour traffic fell by a fifth last year."
    [c] = _claims(parse, text)
    assert (_unnamed(c).kind, _unnamed(c).label) == ("document", "the Green Book")


def test_it_and_he_stand_for_a_document_or_a_person_described_before(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The ministry published a report on Monday. It said the river had burst its banks. "
        "A local farmer watched the water rise. He said the levee broke at dawn."
    )
    report, farmer = _claims(parse, text)
    assert report.source_span.text == "It" and _unnamed(report).kind == "document"
    assert _unnamed(report).label == "a report"
    # "He" is the farmer, not "the water" that "rise" sits nearer to.
    assert farmer.source_span.text == "He" and _unnamed(farmer).label == "A local farmer"


def test_an_anonymous_source(parse) -> None:  # type: ignore[no-untyped-def]
    text = "A senior official, speaking on condition of anonymity, said the talks had stalled."
    [c] = _claims(parse, text)
    u = _unnamed(c)
    assert u.kind == "individual" and u.anonymous
    assert u.label == "A senior official"  # the aside is not part of the description
    assert c.content.text == "the talks had stalled"


def test_an_official_not_to_be_named_is_anonymous_and_the_wish_no_claim(parse) -> None:  # type: ignore[no-untyped-def]
    text = "An engineer at the plant, who asked not to be named, said the pumps had failed twice."
    [c] = _claims(parse, text)  # "asked not to be named" reports nothing
    u = _unnamed(c)
    assert u.anonymous and u.kind == "individual"
    assert c.content.text == "the pumps had failed twice"


def test_the_wish_not_to_be_named_with_its_reason_is_no_claim(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The wards are full,” said a nurse at the clinic, who asked not to be named "
        "for fear of reprisals."
    )
    [c] = _claims(parse, text)
    assert c.content.text == "The wards are full" and _unnamed(c).anonymous


def test_a_pronoun_in_the_anonymous_sources_aside_is_not_the_source(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Villager Idris Bakkali said his house had collapsed. A local official, who asked "
        "not to be named because he was not authorised to speak, said the toll would rise."
    )
    first, second = _claims(parse, text)
    assert first.claimant_mention is not None and first.claimant_mention.text == "Idris Bakkali"
    # "he" of the aside is the official himself, not the villager named before
    u = _unnamed(second)
    assert (u.label, u.anonymous) == ("A local official", True)
    assert second.content.text == "the toll would rise"


def test_a_described_sources_label_leaves_its_relative_clause_out(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Twelve members broke ranks, according to lawmakers who tallied the vote."
    [c] = _claims(parse, text)
    assert _unnamed(c).label == "lawmakers" and _unnamed(c).kind == "group"


def test_a_person_named_to_qualify_a_described_source_is_not_the_speaker(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Dana Voss met the envoy. A senior Voss administration official, speaking on "
        "condition of anonymity, said the talks had stalled."
    )
    [c] = _claims(parse, text)
    assert _unnamed(c).label == "A senior Voss administration official"
    assert _unnamed(c).anonymous


def test_the_role_a_person_was_named_with_is_that_person_not_the_body(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "VEC president Ana Ruiz announced the results on Monday. The VEC president rejected "
        "accusations of fraud."
    )
    announced, rejected = _claims(parse, text)
    assert rejected.claimant_mention == announced.claimant_mention
    assert rejected.claimant_mention is not None and rejected.claimant_mention.text == "Ana Ruiz"
    # the role of a person named before is not the speaker where the source names its own
    text = (
        "VEC president Ana Ruiz announced the results on Monday. The Greens' local president, "
        "Hannah Kempen, said her party would fight for every vote."
    )
    [said] = [c for c in _claims(parse, text) if c.cue == "say"]
    assert said.claimant_mention is not None and said.claimant_mention.text == "Hannah Kempen"


def test_trap_what_someone_will_announce_is_no_claim_yet(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Aides said that Senator Ruiz will announce the members of her cabinet next week."
    [c] = _claims(parse, text)
    assert c.cue == "say" and _unnamed(c).label == "Aides"


def test_a_source_close_to_a_person_is_not_that_person(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A source close to Omar Reyes told reporters that the dispute concerned the border. "
        "A spokesman for Senator Ana Ruiz said she would run."
    )
    close, spokesman = _claims(parse, text)
    assert _unnamed(close).label == "A source close to Omar Reyes"
    # a spokesman speaks for the one he works for
    assert spokesman.claimant_mention is not None
    assert spokesman.claimant_mention.text == "Ana Ruiz"
    # what a person wrote is that person's
    [c] = _claims(parse, 'A later email by Omar Reyes to his staff said, "We have won."')
    assert c.claimant_mention is not None and c.claimant_mention.text == "Omar Reyes"


def test_trap_finding_oneself_somewhere_reports_nothing(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Peacekeepers found themselves caught in the crossfire, the mission said."
    assert [c.cue for c in _claims(parse, text)] == ["say"]


def test_putting_a_figure_at_a_value_is_an_estimate(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Local officials put the death toll at more than 300. The police put the crowd at "
        "roughly 20,000. The sanctions put pressure on the regime."
    )
    toll, crowd = _claims(parse, text)
    assert (toll.cue, toll.certainty, _unnamed(toll).label) == ("put", "hedged", "Local officials")
    assert [(q.kind, q.value, q.bound) for q in toll.quantities] == [
        ("killed", Decimal(300), "moreThan")
    ]
    assert [(q.kind, q.value) for q in crowd.quantities] == [("crowd", Decimal(20000))]


def test_a_rival_sources_clause_after_a_set_off_cue_is_not_its_content(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "At least 12 people were killed, the Red Crescent said, though a hospital official "
        "told AFP the toll was 15."
    )
    crescent, official = _claims(parse, text)
    assert crescent.content.text == "At least 12 people were killed"
    assert [(q.kind, q.value) for q in crescent.quantities] == [("killed", Decimal(12))]
    assert official.content.text == "the toll was 15"
    assert [(q.kind, q.value) for q in official.quantities] == [("killed", Decimal(15))]
    # the clause the cue interrupts is still whole (PARC)
    [c] = _claims(parse, "The bridge, the mayor said, will reopen in May.")
    assert c.content.text == "The bridge, the mayor said, will reopen in May"


def test_putting_it_at_a_value_is_an_estimate_of_the_figure_just_named(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The death toll from the landslide rose to 42, according to the regional governor, "
        "while local media put it at 50."
    )
    governor, media = _claims(parse, text)
    assert [(q.kind, q.value) for q in governor.quantities] == [("killed", Decimal(42))]
    assert (media.cue, _unnamed(media).label) == ("put", "local media")
    assert [(q.kind, q.value) for q in media.quantities] == [("killed", Decimal(50))]
    # "it" with no figure named before is no figure
    assert _claims(parse, "He put it at the top of a list of 5 priorities.") == ()


def test_a_description_far_from_the_body_its_word_names_is_the_near_speakers_body(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Velmora Press Agency reported the visit. The team landed on Sunday. Tents were "
        "sent to the valley. Roads stayed closed. Villagers slept outside. Scientists at the "
        "Geological Survey said the quake was shallow. The agency estimated that losses "
        "could reach 8 percent of output."
    )
    estimated = _one(_claims(parse, text), "estimate")
    assert estimated.claimant_mention is not None
    assert estimated.claimant_mention.text == "Geological Survey"
    # a name the recogniser missed is no description of the last speaker's body
    missed = (
        "The Velmora Oversight Authority said it was investigating. Kamau, who has been at "
        "odds with the president, welcomed the move but said it should go further."
    )
    assert not [c for c in _claims(parse, missed) if c.content.text.startswith("it should")]
    # the same through the description the entities stage makes of "The agency"
    from kg.entities.in_document import group_mentions

    parsed = parse(text)
    mentions = [m for e in group_mentions(parsed) for m in e.mentions]
    [claim] = [c for c in extract_claims(parsed, mentions) if c.cue == "estimate"]
    assert claim.claimant_mention is not None
    assert claim.claimant_mention.text == "Geological Survey"
    # a description that is no word for a body is no short form of the last speaker's
    other = (
        "The Interior Ministry said 312 people had died. A quake in 1976 killed about 900 "
        "people in the same area, according to the observatory."
    )
    [past] = [c for c in _claims(parse, other) if c.content.text.startswith("A quake")]
    assert past.claimant_mention is None and _unnamed(past).label == "the observatory"
    # nor one an adjective makes a body of its own kind
    vote = (
        "According to the Velmoran news agency VNA, the Union won. Turnout was 78.2%, the "
        "electoral council said."
    )
    [turnout] = [c for c in _claims(parse, vote) if c.content.text.startswith("Turnout")]
    assert turnout.claimant_mention is None
    assert _unnamed(turnout).label == "the electoral council"


def test_a_place_where_a_bodys_people_are_is_not_whom_they_speak_for(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Hospital officials in Nairobi said they treated more than 200 people for injuries."
    [c] = _claims(parse, text)
    assert _unnamed(c).label == "Hospital officials in Nairobi"
    assert [(q.value, q.bound) for q in c.quantities] == [(Decimal(200), "moreThan")]
    # a city that is no capital is where prosecutors work, not the state they speak for
    [c] = _claims(parse, "Prosecutors in Los Angeles said the loss was about $40 million.")
    assert _unnamed(c).label == "Prosecutors in Los Angeles"


def test_no_stated_source(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The new terminal is expected to open in the autumn. It is feared that the dam will fail."
    )
    expected, feared = _claims(parse, text)
    assert _unnamed(expected).kind == "unstated" and expected.cue == "expect"
    assert expected.cue_span.text == "is expected"
    assert expected.content.text == "to open in the autumn"  # without the subject (PARC)
    assert _unnamed(feared).kind == "unstated" and feared.content.text == "the dam will fail"


def test_a_pronoun_resolved_to_the_named_speaker(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Ellen Hart toured the flooded quarter. She said every house would be rebuilt."
    [c] = _claims(parse, text)
    assert c.source_span.text == "She"
    assert c.claimant_mention is not None and c.claimant_mention.text == "Ellen Hart"


def test_a_person_described_in_a_body_is_not_the_body(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Harbour Union officials said the strike would go on. The Harbour Union leader "
        "said talks had failed."
    )
    by_cue = {c.content.text: c for c in _claims(parse, text)}
    officials = by_cue["the strike would go on"]  # the body's voice
    assert officials.claimant_mention is not None
    assert officials.claimant_mention.text == "Harbour Union"
    leader = _unnamed(by_cue["talks had failed"])  # a person, not the union
    assert leader.kind == "individual" and leader.label == "The Harbour Union leader"
    assert leader.affiliation is not None and leader.affiliation.text == "Harbour Union"


def test_a_name_set_beside_a_subject_is_a_new_subject_for_the_pronoun(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Councillor Tomas Vell said the mayor had "no choice." The party\'s district chair '
        "in Harlow, Kit Marren, disagreed sharply. She said the mayor had asked too much."
    )
    [c] = [c for c in _claims(parse, text) if c.source_span.text == "She"]
    assert c.claimant_mention is not None and c.claimant_mention.text == "Kit Marren"


def test_a_name_inside_the_quote_is_not_who_he_is(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Defence analyst Tom Hollis, a former navy officer, told us the raid was a "
        'humiliation. "Arlen is where Markov keeps the bombers that pound the coast. '
        'It shows his air defence is full of holes," he said.'
    )
    [c] = [c for c in _claims(parse, text) if c.source_span.text == "he"]
    assert c.content.text.startswith("Arlen is where Markov keeps")
    # Markov is the subject of a clause the analyst quotes, no new speaker
    assert c.claimant_mention is not None and c.claimant_mention.text == "Tom Hollis"


def test_his_in_what_a_verb_sets_its_object_to_do_is_the_objects(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ellen Hart said the hearing was tense. Senator Paul Brandt pressed Mr. Reyes to "
        "disavow his claims that the dam was unsafe."
    )
    claims = _claims(parse, text)
    [claim] = [c for c in claims if c.cue == "claim"]
    # not Ellen Hart, the last speaker, nor Brandt, who pressed him
    assert claim.claimant_mention is not None and claim.claimant_mention.text == "Reyes"


def test_trap_a_pronoun_whose_antecedent_is_an_unnamed_source(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A senior official said the talks had stalled. "
        "He added that a new round was unlikely before June."
    )
    first, second = _claims(parse, text)
    assert second.source_span.text == "He"
    # The same unnamed source, not the nearest name nor a new description of "he".
    assert _unnamed(second) == _unnamed(first)
    assert _unnamed(second).label == "A senior official"


def test_a_description_met_again_is_the_same_unnamed_source(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A senior official said the talks had stalled. "
        "The official said a new round would start in June."
    )
    first, second = _claims(parse, text)
    assert _unnamed(second) == _unnamed(first)


def test_those_people_are_the_people_described_before(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "People familiar with the discussions said the sale was delayed. Those people said "
        "the offer was likely to resume."
    )
    first, second = _claims(parse, text)
    assert _unnamed(second) == _unnamed(first)
    assert _unnamed(second).label == "People familiar with the discussions"


def test_trap_what_one_keeps_asking_is_no_claim(parse) -> None:  # type: ignore[no-untyped-def]
    assert _claims(parse, "The officers kept asking who was paying the protesters.") == ()


def test_many_described_are_not_the_one_named_so_before(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Omar Reyes, a former city lawyer, declined to comment. "
        "Ana Ruiz faces two years in prison, her lawyers said."
    )
    claims = _claims(parse, text)
    faces = next(c for c in claims if c.content.text.startswith("Ana Ruiz faces"))
    # "her lawyers" are many: not Omar Reyes, the one lawyer described before
    assert _unnamed(faces).label == "her lawyers" and _unnamed(faces).kind == "group"


def test_trap_a_pronoun_is_not_the_name_that_only_qualifies_its_antecedent(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"Nebraska farmers are patriots. They know the cartel has been cheating us for '
        'years," Ebbert said.'
    )
    claims = _claims(parse, text)
    know = next(c for c in claims if c.cue == "know")
    assert know.claimant_mention is None or know.claimant_mention.text != "Nebraska"


def test_trap_a_pronoun_is_not_the_noun_whose_clause_it_is_in(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The money went to two tenants to keep them from speaking about the leaks "
        "they said they had found in the walls."
    )
    [c] = _claims(parse, text)
    assert c.source_span.text == "they"
    # not "the leaks", whose relative clause "they" is the subject of
    assert _unnamed(c).label == "two tenants"


# ---------------------------------------------------------------- constructions


def test_direct_quote_speaker_after(parse) -> None:  # type: ignore[no-untyped-def]
    [c] = _claims(parse, "“We will rebuild the pier before summer,” Paul Brandt said.")
    assert c.direct and c.content.text == "We will rebuild the pier before summer"
    assert c.claimant_mention is not None and c.claimant_mention.text == "Paul Brandt"


def test_direct_quote_speaker_before(parse) -> None:  # type: ignore[no-untyped-def]
    [c] = _claims(parse, "Paul Brandt said: “We will rebuild the pier before summer.”")
    assert c.direct and c.content.text == "We will rebuild the pier before summer."


def test_a_quote_split_by_its_speaker_is_two_claims_of_one_speaker(parse) -> None:  # type: ignore[no-untyped-def]
    text = "“The pier is safe,” Paul Brandt said, “and the ferry will run on Monday.”"
    first, second = _claims(parse, text)
    assert first.content.text == "The pier is safe"
    assert second.content.text == "and the ferry will run on Monday."
    assert first.claimant_mention == second.claimant_mention
    assert first.cue_span == second.cue_span


def test_a_quote_continued_in_the_next_sentence(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The pier is safe,” Paul Brandt said. "
        "“The ferry will run on Monday and the cafe will open on Tuesday.”"
    )
    first, second = _claims(parse, text)
    assert second.direct and second.content.text.startswith("The ferry will run")
    assert second.claimant_mention == first.claimant_mention


def test_speaker_inside_the_clause(parse) -> None:  # type: ignore[no-untyped-def]
    [c] = _claims(parse, "The bridge, Mayor Ellen Hart said, will reopen in May.")
    # PARC: the whole clause, the parenthetical source and cue inside it.
    assert c.content.text == "The bridge, Mayor Ellen Hart said, will reopen in May"
    assert c.claimant_mention is not None and c.claimant_mention.text == "Ellen Hart"


def test_a_second_act_the_parser_hung_on_what_was_said_is_the_speakers(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Senator Dana Whitlock said the tax plan's costs were “hidden” and accused the "
        "governor of misleading voters."
    )
    claims = _claims(parse, text)
    said, accused = _one(claims, "say"), _one(claims, "accuse")
    # not "the tax plan's costs", the subject of the clause "accused" was hung on
    for c in (said, accused):
        assert c.claimant_mention is not None and c.claimant_mention.text == "Dana Whitlock"
    assert said.content.text == "the tax plan's costs were “hidden”"
    assert accused.content.text == "the governor of misleading voters"


def test_a_participle_cue_after_what_was_announced_is_the_announcers(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Velmari army announced that its air defences had downed six drones, accusing "
        "the neighbouring state of arming the rebels."
    )
    claims = _claims(parse, text)
    announced, accused = _one(claims, "announce"), _one(claims, "accuse")
    assert accused.source_span == announced.source_span  # not "its air defences"
    assert accused.claimant_mention == announced.claimant_mention
    assert announced.content.text == "its air defences had downed six drones"
    # where a person is who acted, the participle is theirs
    text = "The ministry said the minister had resigned, citing health reasons."
    cited = _one(_claims(parse, text), "cite")
    assert _unnamed(cited).label == "the minister"


def test_the_object_of_a_relative_clause_is_not_who_speaks(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The militia got weapons from the Velmari Republic, which the army accuses of "
        "supplying it with drones."
    )
    # the accuser is the army (no body named so: no claimant), not the republic the
    # parser made the subject
    assert not [c for c in _claims(parse, text) if c.cue == "accuse" and c.claimant_mention]


def test_trap_a_person_named_in_what_was_said_may_be_who_acts_next(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Senator Dana Whitlock said Mayor Omar Reyes had resigned and denied wrongdoing."
    claims = _claims(parse, text)
    said, denied = _one(claims, "say"), _one(claims, "deny")
    assert said.content.text == "Mayor Omar Reyes had resigned and denied wrongdoing"
    assert denied.claimant_mention is not None and denied.claimant_mention.text == "Omar Reyes"


def test_indirect_and_mixed_quotes(parse) -> None:  # type: ignore[no-untyped-def]
    [c] = _claims(parse, "Ellen Hart said she was “deeply shocked” by the closure.")
    assert not c.direct
    assert c.content.text == "she was “deeply shocked” by the closure"


def test_nested_attribution_is_two_claims_the_inner_inside_the_outer(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Reuters reported that officials said 300 people were killed in the flood."
    outer, inner = sorted(_claims(parse, text), key=lambda c: c.content.begin)
    assert outer.claimant_mention is not None and outer.claimant_mention.text == "Reuters"
    assert outer.content.text == "officials said 300 people were killed in the flood"
    assert _unnamed(inner).label == "officials"
    assert inner.content.text == "300 people were killed in the flood"
    assert outer.content.begin <= inner.cue_span.begin < outer.content.end
    # The figure is the inner source's, not the outlet's.
    assert outer.quantities == () and [q.value for q in inner.quantities] == [Decimal(300)]


def test_beliefs_and_positions(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ellen Hart believes the reform will fail. "
        "Paul Brandt is concerned that the pier will collapse. "
        "The Tolby Harbour Board denied that any ships had sunk."
    )
    claims = _claims(parse, text)
    believes = _one(claims, "believe")
    assert believes.content.text == "the reform will fail" and believes.certainty == "hedged"
    concerned = _one(claims, "concerned")
    assert concerned.cue_span.text == "is concerned"
    assert concerned.content.text == "the pier will collapse"
    denied = _one(claims, "deny")
    assert denied.content.text == "any ships had sunk" and denied.polarity == "negative"


def test_a_that_clause_the_parser_hung_on_the_addressee(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ellen Hart, 51, told U.S. District Judge Omar Reyes in Brooklyn federal court that "
        'she arranged payments to two firms in 2019 "for the sole purpose of hiding them."'
    )
    [c] = _claims(parse, text)
    assert c.claimant_mention is not None and c.claimant_mention.text == "Ellen Hart"
    # the clause "that" opens, not only the quotation after it
    assert c.content.text == "she arranged payments to two firms in 2019"
    [c] = _claims(parse, "Dana Voss told Judge Omar Reyes that he arranged loans to two banks.")
    assert c.content.text == "he arranged loans to two banks"
    # hung on the noun of "in a video message"
    text = 'Mayor Dana Voss said in a video message that Velmora was ready to help "if asked."'
    [c] = _claims(parse, text)
    assert c.content.text == 'Velmora was ready to help "if asked."'


def test_a_clause_before_a_semicolon_is_no_content_of_the_cue_after_it(parse) -> None:  # type: ignore[no-untyped-def]
    [c] = _claims(parse, "Veltro ousts CEO Ana Ruiz; Orbis says it remains committed")
    assert c.claimant_mention is not None and c.claimant_mention.text == "Orbis"
    assert c.content.text == "it remains committed"


def test_a_denying_cue_acting_on_a_person_reports_nothing(parse) -> None:  # type: ignore[no-untyped-def]
    # "questioned Dr. X": she was questioned, no statement of hers denied
    assert not _claims(parse, "Prosecutor Rachel Mitchell questioned Dr. Blasey.")
    [doubt] = _claims(parse, "Senator Ellen Hart questioned the figures.")
    assert doubt.content.text == "the figures" and doubt.polarity == "negative"
    [stance] = _claims(parse, "Senator Ellen Hart criticised Tom Vale.")  # a stance on him
    assert stance.content.text == "Tom Vale"
    # nor on a body: "dismissed his cabinet" fired it
    assert not _claims(parse, "President Paul Brandt dismissed his entire cabinet on Thursday.")


def test_the_speaker_the_parser_took_for_the_objects_apposition(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Mayor Ellen Hart has fired Police Chief Tom Vale, the White House announced Tuesday."
    [c] = _claims(parse, text)
    assert c.claimant_mention is not None and c.claimant_mention.text == "White House"
    assert c.content.text == "Mayor Ellen Hart has fired Police Chief Tom Vale"
    # no speaker set off by a comma ("both"): the subject stays
    text = "Rival firms also saw their sales slip: Orbis and Veltro both reported a loss."
    reported = [c for c in _claims(parse, text) if c.cue == "report"]
    assert [c.source_span.text for c in reported] == ["Orbis and Veltro both"]


def test_of_two_subjects_the_parser_gave_the_nearer_one_speaks(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Veltro chief executive Tom Vale spoke. As well as new routes to the US, Vale stated "
        "that there was a possibility of routes elsewhere."
    )
    [c] = _claims(parse, text)
    assert c.source_span.text == "Vale" and c.claimant_mention is not None
    assert c.content.text == "there was a possibility of routes elsewhere"


def test_a_participle_cue_after_a_clause_is_a_claim_of_its_own(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Veltro chief executive Tom Vale spoke. Vale stated that there was a possibility of "
        'routes elsewhere, saying, "We will look at the Far East first."'
    )
    stated, saying = _claims(parse, text)
    assert stated.content.text == "there was a possibility of routes elsewhere"
    assert saying.cue == "say" and saying.content.text.startswith("We will look at")
    assert saying.claimant_mention is not None and saying.claimant_mention.text == "Vale"


def test_a_directive_with_its_addressee_in_the_cue(parse) -> None:  # type: ignore[no-untyped-def]
    [c] = _claims(parse, "Ellen Hart told residents to leave the valley before dark.")
    assert c.cue == "tell" and c.cue_span.text == "told residents"
    assert c.content.text == "to leave the valley before dark"


def test_a_statement_released_with_a_participle(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Paul Brandt released a statement saying the harbour would stay closed."
    [c] = _claims(parse, text)
    assert c.claimant_mention is not None and c.claimant_mention.text == "Paul Brandt"
    assert c.content.text == "the harbour would stay closed"


def test_quoted_as_saying_is_the_outlets_claim_and_the_speakers(parse) -> None:  # type: ignore[no-untyped-def]
    text = "“I think the port is safe,” Reuters quoted Ellen Hart as saying."
    claims = _claims(parse, text)
    quoted, saying = _one(claims, "quote"), _one(claims, "say")
    assert quoted.content == saying.content and saying.content.text == "I think the port is safe"
    assert quoted.claimant_mention is not None and quoted.claimant_mention.text == "Reuters"
    assert saying.claimant_mention is not None and saying.claimant_mention.text == "Ellen Hart"
    # "I" is the one who said it, not the outlet that quoted her.
    think = _one(claims, "think")
    assert think.claimant_mention is not None and think.claimant_mention.text == "Ellen Hart"


def test_a_transcript_line(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Harbour master Paul Brandt: “We closed the gates at noon and nobody was hurt.”"
    [c] = _claims(parse, text)
    assert c.cue == ":" and c.direct
    assert c.claimant_mention is not None and c.claimant_mention.text == "Paul Brandt"
    assert c.content.text == "We closed the gates at noon and nobody was hurt."


# ---------------------------------------------------------------- traps


def test_trap_a_number_that_is_no_claim(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "About 400 soldiers arrived in Tolby on Monday. "
        "Ellen Hart, 52, said the road would stay closed."
    )
    [c] = _claims(parse, text)  # the narrator's 400 soldiers are nobody's claim
    assert c.content.text == "the road would stay closed" and c.quantities == ()


def test_trap_what_is_wanted_refused_or_asked_is_no_claim(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ellen Hart wants to know what happened. Paul Brandt declined to predict when the "
        "pier would reopen. The ministry did not say where the cuts would fall."
    )
    assert [c.cue for c in _claims(parse, text)] == ["decline"]
    # a gerund cue undergone: "faces questioning" questions nothing
    assert _claims(parse, "Mayor Ellen Hart faces questioning on bribery charges.") == ()


def test_trap_a_quote_inside_a_quote(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The captain told us ‘the hull is cracked’ and then the radio went dead,” "
        "Paul Brandt said."
    )
    claims = _claims(parse, text)
    outer = _one(claims, "say")
    # One quotation: the inner marks do not end it.
    assert outer.content.text == (
        "The captain told us ‘the hull is cracked’ and then the radio went dead"
    )
    assert outer.claimant_mention is not None and outer.claimant_mention.text == "Paul Brandt"
    # The quoted captain's words are a claim of their own, inside Brandt's.
    inner = _one(claims, "tell")
    assert outer.content.begin <= inner.cue_span.begin < outer.content.end
    assert "the hull is cracked" in inner.content.text


def test_first_person_inside_a_quote_is_its_speaker(parse) -> None:  # type: ignore[no-untyped-def]
    text = "“I think the pumps will hold,” Paul Brandt said."
    claims = _claims(parse, text)
    think = _one(claims, "think")
    assert think.source_span.text == "I"
    assert think.claimant_mention is not None and think.claimant_mention.text == "Paul Brandt"
    assert think.content.text == "the pumps will hold"


# ---------------------------------------------------------------- one figure, one quantity


def test_one_stated_figure_is_one_quantity(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The harbour board said nearly 400 soldiers were killed in the raid."
    [c] = _claims(parse, text)
    [q] = c.quantities
    assert (q.value, q.bound, q.approximate) == (Decimal(400), "atMost", True)
    assert q.span.text == "nearly 400"


# ---------------------------------------------------------------- the seed corpus


@pytest.mark.seeds
def test_seed_claims_keep_their_named_claimants(seeds, analyzer) -> None:  # type: ignore[no-untyped-def]
    """What issue 23 promises for ../shared/seeds: the claims found before keep their
    claimants (the conflicts and the 63 -> 89 revision: tests/test_grouping.py). Before the
    change, 101 claims had an entity claimant and none rested on an unnamed source."""
    from kg.entities.in_document import group_mentions
    from tests.conftest import make_document

    docs = [
        make_document(p.read_text(encoding="utf-8"), p.stem[:3])
        for p in sorted(seeds.glob("*.txt"))
    ]
    named = 0
    for parsed in analyzer.parse(docs):
        mentions = [m for e in group_mentions(parsed) for m in e.mentions]
        for c in extract_claims(parsed, mentions):
            if c.claimant_mention is not None:
                named += 1
                continue
            u = _unnamed(c)
            if u.kind == "unstated":
                continue
            # An unnamed source names no person, and a body or place only as its affiliation
            # ("a State Department official"): a named speaker is never made unnamed.
            inside = [
                m
                for m in mentions
                if u.span.begin <= m.begin
                and m.end <= u.span.end
                and m.type in {"Person", "Organisation", "Place"}
            ]
            assert all(m.type != "Person" for m in inside), (u.label, c.content.text)
            assert all(m == u.affiliation for m in inside), (u.label, c.content.text)
    assert named >= 101

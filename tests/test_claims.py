"""Attribution: source, cue, content for each construction, and the traps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import make_document

from kg.claims.extraction import extract_claims, find_quotations
from kg.core.model import Claim, Mention, Parsed


def _claims(parse, text, **meta):  # type: ignore[no-untyped-def]
    parsed = parse(text, **meta)
    claims = extract_claims(parsed, parsed.mentions)
    for c in claims:  # every span slices the text it names
        for span in (c.content, c.cue_span, c.source_span):
            assert text[span.begin : span.end] == span.text
    return claims


def _grouped(parse, text):  # type: ignore[no-untyped-def]
    """The parse and the mentions of the entity stage, which the build gives the claims."""
    from kg.entities.in_document import group_mentions

    parsed = parse(text)
    return parsed, [m for e in group_mentions(parsed) for m in e.mentions]


def _by_cue(claims: tuple[Claim, ...], cue: str) -> Claim:
    [claim] = [c for c in claims if c.cue == cue]
    return claim


def test_quotations_continued_across_paragraphs_are_one() -> None:
    text = "She said: “We stayed all night.\n\n“Then the water came.” Later, nothing."
    [(b, e)] = find_quotations(text)
    assert text[b:e] == "“We stayed all night.\n\n“Then the water came.”"


def test_quotation_marks_pair_by_kind() -> None:
    text = 'He said "we left" and «nous sommes partis», then:\nwe never came back.” Done „ja“.'
    found = [text[b:e] for b, e in find_quotations(text)]
    # Straight quotes alternate; guillemets pair; a closing mark with no opening one in its
    # paragraph quotes from the paragraph's first word; „ opens a quote left open at the end.
    assert found == ['"we left"', "«nous sommes partis»", "we never came back.”", "„ja“."]


@pytest.mark.model
def test_indirect_speech_with_that_clause(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Mayor Ellen Hart said that the bridge would reopen in March."
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Ellen Hart"
    assert c.cue == "say" and c.cue_span.text == "said"
    assert c.content.text == "the bridge would reopen in March"  # PARC: no "that"
    assert not c.direct and c.certainty == "asserted" and c.polarity == "positive"
    assert c.claimant_role == "Mayor"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Mayor Ellen Hart said on Friday she would close the bridge.",
            "she would close the bridge",
        ),
        ("Mayor Ellen Hart said last month the bridge was unsafe.", "the bridge was unsafe"),
        # a date inside the clause stays in it
        (
            "Mayor Ellen Hart said the bridge would close on Friday.",
            "the bridge would close on Friday",
        ),
    ],
)
def test_the_date_the_words_were_said_is_no_part_of_them(parse, text, content) -> None:  # type: ignore[no-untyped-def]
    [c] = _claims(parse, text)
    assert c.content.text == content


@pytest.mark.model
def test_manner_of_speaking_verbs_are_cues_and_money_says_what_it_is_for(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mayor Ellen Hart fumed that the council had wasted $4 million on the ferry. "
        '"That figure is a fantasy," Councilman Ray Dunmore retorted. Prosecutors charged '
        "that Dunmore had embezzled $250,000 from the harbour fund. The harbour recalled "
        "two ferries."
    )
    claims = _claims(parse, text)
    assert sorted(c.cue for c in claims) == ["charge", "fume", "retort"]  # not "recall"
    fumed = _by_cue(claims, "fume")
    assert fumed.claimant_mention.text == "Ellen Hart"
    assert [(q.kind, q.value) for q in fumed.quantities] == [("spent-usd", Decimal(4_000_000))]
    assert _by_cue(claims, "retort").direct
    [stolen] = _by_cue(claims, "charge").quantities
    assert (stolen.kind, stolen.value, stolen.span.text) == ("stolen-usd", 250_000, "$250,000")


@pytest.mark.model
def test_what_was_told_without_that_is_the_content_and_four_times_no_count(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lina Okorie, 31, told the jury she had raised concerns about the missing money at "
        "least four times in 2022. She told the officer who arrested him the truth."
    )
    [told] = _claims(parse, text)
    assert told.claimant_mention is not None and told.claimant_mention.text == "Lina Okorie"
    assert told.content.text == (
        "she had raised concerns about the missing money at least four times in 2022"
    )
    assert told.quantities == ()  # how often, not how many


@pytest.mark.model
def test_quote_before_the_cue_with_pronoun_source(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ellen Hart visited the flooded quarter on Monday. "
        '"We will rebuild every house that was lost," she said.'
    )
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Ellen Hart"
    assert c.source_span.text == "she"
    # PARC: a direct quote is the words between the marks, without the trailing comma
    assert c.direct and c.content.text == "We will rebuild every house that was lost"


@pytest.mark.model
def test_a_quote_ending_the_paragraph_before_is_no_content_of_the_next_ones_cue(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The mayor's spokesman said the council was \"not focused on stories about the "
        'campaign."\n\nFormer police chief Omar Diaz, who was fired in May, testified last '
        "month. Diaz said he had kept notes of the meetings."
    )
    claims = _claims(parse, text)
    assert [c.content.text for c in claims if c.cue == "testify"] == []
    diaz = [c for c in claims if c.claimant_mention and c.claimant_mention.text == "Diaz"]
    assert [c.content.text for c in diaz] == ["he had kept notes of the meetings"]


@pytest.mark.model
def test_a_short_form_in_a_headline_takes_its_role_from_its_own_words(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Bob Jr. says he would have done the meeting differently\n\n"
        "Robert Vance Jr. told reporters on Tuesday that he regretted the meeting."
    )
    parsed, mentions = _grouped(parse, text)
    short = next(m for m in mentions if m.text == "Bob Jr.")
    assert short.antecedent is not None and short.antecedent > short.begin
    claims = extract_claims(parsed, mentions)
    headline = next(c for c in claims if c.cue == "say")
    assert headline.claimant_mention.text == "Robert Vance Jr."
    assert headline.claimant_role == ""  # not the headline's words up to the full name


@pytest.mark.model
def test_calling_something_a_name_is_a_claim_calling_the_police_is_not(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Senator Ana Ruiz called the ruling "a disgrace to the whole justice system." '
        "Her aides called the police on Tuesday, and the union called a strike."
    )
    [claim] = _claims(parse, text)
    assert claim.cue == "call" and claim.claimant_mention.text == "Ana Ruiz"
    assert claim.content.text == 'the ruling "a disgrace to the whole justice system."'


@pytest.mark.model
def test_calling_a_thing_adjectives_and_calling_on_someone_to_act_are_claims(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Senator Ana Ruiz called the decree "illegal and unconstitutional". '
        "Governor Omar Reyes called on the parties to work together."
    )
    called, called_on = _claims(parse, text)
    assert called.claimant_mention.text == "Ana Ruiz"
    assert called.content.text == 'the decree "illegal and unconstitutional"'
    assert called_on.claimant_mention.text == "Omar Reyes"
    assert called_on.content.text == "to work together"


@pytest.mark.model
def test_an_acronym_spelled_like_who_speaks_a_relative_who_is_its_name(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The World Health Organization (WHO) issued a warning on Monday. WHO said the "
        "outbreak had spread to 12 countries. Reporters spoke to Governor Dana Voss, who "
        "said the clinics would stay open."
    )
    parsed, mentions = _grouped(parse, text)
    speakers = {
        c.content.text: (c.source_span.text, c.claimant_mention.text)
        for c in extract_claims(parsed, mentions)
    }
    assert speakers["the outbreak had spread to 12 countries"] == ("WHO", "WHO")
    assert speakers["the clinics would stay open"] == ("Governor Dana Voss", "Dana Voss")


@pytest.mark.model
def test_a_pronoun_for_a_short_form_speaks_as_the_full_name(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kathryn Jenkin opened the new radio studio on Monday. Kathryn thanked the staff. "
        "She said the station would hire ten more reporters next year."
    )
    parsed, mentions = _grouped(parse, text)
    [claim] = extract_claims(parsed, mentions)
    assert claim.source_span.text == "She"
    assert claim.claimant_mention.text == "Kathryn Jenkin"


@pytest.mark.model
def test_speaker_named_two_sentences_earlier(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ellen Hart spoke to reporters in the town hall. The storm had flooded the harbour "
        'district overnight. "We will need months to recover," she said.'
    )
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Ellen Hart"


@pytest.mark.model
def test_continued_quote_stays_with_its_speaker_not_the_last_named(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Fire chief Omar Diaz said: "The blaze started in the kitchen of the bakery." '
        "Neighbours praised Lena Voss for raising the alarm. "
        '"We had four crews on the scene within minutes."'
    )
    claims = _claims(parse, text)
    quotes = [c for c in claims if c.direct]
    assert {c.claimant_mention.text for c in quotes} == {"Omar Diaz"}
    assert any("four crews" in c.content.text for c in quotes)


@pytest.mark.model
def test_speaker_after_the_content(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Harbour Authority opened an inquiry. Three cranes collapsed during the storm, "
        "the authority said."
    )
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Harbour Authority"
    assert c.source_span.text == "the authority"
    assert c.content.text == "Three cranes collapsed during the storm"


@pytest.mark.model
def test_according_to(parse) -> None:  # type: ignore[no-untyped-def]
    text = "According to the Red Cross, at least 40 people were injured in the blast."
    [c] = _claims(parse, text)
    assert c.cue == "according to" and c.claimant_mention.text == "Red Cross"
    assert c.content.text == "at least 40 people were injured in the blast"
    [q] = c.quantities
    assert (q.kind, q.value, q.bound) == ("wounded", Decimal(40), "atLeast")


@pytest.mark.model
def test_nested_attribution_keeps_the_inner_figure_with_the_inner_claimant(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Senator Paul Brandt said Governor Rita Moss had claimed that 300 homes were destroyed."
    claims = _claims(parse, text)
    outer = _by_cue(claims, "say")
    inner = _by_cue(claims, "claim")
    assert outer.claimant_mention.text == "Paul Brandt"
    assert "Rita Moss had claimed" in outer.content.text
    assert inner.claimant_mention.text == "Rita Moss"
    assert inner.content.text == "300 homes were destroyed"
    assert outer.quantities == ()  # the figure is Moss's claim, not Brandt's


@pytest.mark.model
def test_hedges_and_denials(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Coastal Guard said the tanker was likely carrying more fuel than declared. "
        "The Marine Union denied that any crew member had been hurt. "
        "Lena Voss reportedly said the port could close."
    )
    claims = _claims(parse, text)
    by_who = {c.claimant_mention.text: c for c in claims}
    assert by_who["Coastal Guard"].certainty == "hedged"
    assert by_who["Marine Union"].polarity == "negative"
    assert by_who["Lena Voss"].certainty == "uncertain"


@pytest.mark.model
def test_a_hedge_inside_a_clause_or_a_denied_could_hedges_nothing(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lena Voss said the reservoir was not as low as some may think. "
        "Omar Reyes said controllers had warned the crew of possible ice on the wings. "
        "Dana Koss said nobody could have predicted the collapse. "
        "Tom Hale said the rescuers could not reach the tunnel. "
        "Maria Lopez said the toll could rise. "
        "Paul Brandt said the pump had probably failed. "
        '"We could hear the gas cylinders exploding," said Omar Vale.'
    )
    by_who = {c.claimant_mention.text: c.certainty for c in _claims(parse, text)}
    assert by_who == {
        "Lena Voss": "asserted",  # "may" is the others' thinking
        "Omar Reyes": "asserted",  # what was possible is the ice, not the warning
        "Dana Koss": "asserted",
        "Tom Hale": "asserted",  # what could not be done
        "Maria Lopez": "hedged",
        "Paul Brandt": "hedged",
        "Omar Vale": "asserted",  # what was perceived
    }


@pytest.mark.model
def test_declined_to_comment_is_negative(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The Harbour Authority published a report. It later declined to comment."
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Harbour Authority"
    assert c.polarity == "negative" and c.cue == "decline"
    # declining to do something else is an act, no statement
    text = "The Harbour Authority sold the port. Two rival firms declined to bid for it."
    assert _claims(parse, text) == ()


@pytest.mark.model
def test_medium_date_and_role(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In a video address on Tuesday, Interior Minister Jonas Berg said that 12 officers "
        "had been wounded."
    )
    [c] = _claims(parse, text, published="2024-05-09")  # a Thursday
    assert c.claimant_mention.text == "Jonas Berg"
    assert c.medium == "video address"
    assert c.date == "2024-05-07"
    assert "Minister" in c.claimant_role
    [q] = c.quantities
    assert (q.kind, q.value) == ("wounded", Decimal(12))


@pytest.mark.model
def test_a_place_speaking_for_its_government_and_prior_statements(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Norway previously said 14 fishermen were missing."
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Norway" and c.prior
    assert [(q.kind, q.value) for q in c.quantities] == [("missing", Decimal(14))]


@pytest.mark.model
def test_a_source_with_no_name_is_an_unnamed_group(parse) -> None:  # type: ignore[no-untyped-def]
    # Issue 23: a source that names no entity is an unnamed source, not a dropped claim.
    text = "Some residents said the sirens never sounded."
    [c] = _claims(parse, text)
    assert c.claimant_mention is None and c.unnamed is not None
    assert (c.unnamed.kind, c.unnamed.label, c.unnamed.anonymous) == (
        "group",
        "Some residents",
        False,
    )
    assert c.content.text == "the sirens never sounded"


@pytest.mark.model
def test_skipped_ranges_are_ignored(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Ellen Hart said the dam held. Paul Brandt said the dam broke."
    parsed = parse(text)
    skipped = (text.index("Paul"), len(text))
    from dataclasses import replace

    parsed = replace(parsed, document=replace(parsed.document, skipped=(skipped,)))
    [c] = extract_claims(parsed, parsed.mentions)
    assert c.claimant_mention.text == "Ellen Hart"


# --- regressions of issue 4: each fix with its own hand-built sentences ---------------------


@pytest.mark.model
def test_a_subject_the_parser_lost_is_the_entity_right_before_the_cue(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Amid the dispute between Norway and Sweden, since it began on March 3, 2021, the "
        "Fisheries Agency in a rare statement admitted that at least 40 boats were lost."
    )
    claims = _claims(parse, text, published="2024-05-09")
    c = _by_cue(claims, "admit")
    assert c.claimant_mention.text == "Fisheries Agency"
    assert c.content.text == "at least 40 boats were lost"
    assert c.date == ""  # the date of the clause "since it began ..." is not the claim's


@pytest.mark.model
def test_a_link_line_before_the_speaker_is_not_the_content(parse) -> None:  # type: ignore[no-untyped-def]
    line = "See also  Storm photos: the coast at the 2022 Harbour Awards"
    text = (
        f"{line}\n\nLena Voss, a harbour pilot who was honoured by the mayor, said "
        "that the pier “looked like it could fold at any moment”."
    )
    parsed = parse(text)
    from dataclasses import replace

    parsed = replace(parsed, document=replace(parsed.document, skipped=((0, len(line)),)))
    [c] = [c for c in extract_claims(parsed, parsed.mentions) if c.cue == "say"]
    assert c.claimant_mention.text == "Lena Voss"
    assert c.content.text == "the pier “looked like it could fold at any moment”"
    assert c.claimant_role == "a harbour pilot"


@pytest.mark.model
def test_captions_between_do_not_put_the_speaker_out_of_reach(parse) -> None:  # type: ignore[no-untyped-def]
    caption = (
        "A ferry leaves the harbour at dawn. Gulls follow it. The sea is calm. "
        "Crews wave from the quay. (Photo: Jan Holm/Wire)"
    )
    text = (
        f"Captain Omar Diaz said the ferry would sail again.\n\n{caption}\n\n"
        "The line will run two crossings a day, he added."
    )
    parsed = parse(text)
    from dataclasses import replace

    begin = text.index(caption)
    parsed = replace(
        parsed, document=replace(parsed.document, skipped=((begin, begin + len(caption)),))
    )
    added = [c for c in extract_claims(parsed, parsed.mentions) if c.cue == "add"]
    assert [c.claimant_mention.text for c in added] == ["Omar Diaz"]


@pytest.mark.model
def test_content_before_the_cue_runs_up_to_the_source(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Meanwhile, Mayor Ellen Hart reiterated the city's support for the fishermen "
        "“as shown by the recent gift of more than 200 nets”, her office said on Monday."
    )
    c = _by_cue(_claims(parse, text), "say")
    assert c.claimant_mention.text == "Ellen Hart"
    assert c.content.text.endswith("200 nets”")
    assert c.claimant_role == ""  # "her office" speaks for her; it is not her role


@pytest.mark.model
def test_an_appositive_role_is_a_noun_phrase(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The ministers will meet on Friday, according to council spokesman Omar Diaz, "
        "the latest in a series of meetings."
    )
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Omar Diaz"
    assert c.claimant_role == "council spokesman"


@pytest.mark.model
def test_a_hyphenated_appositive_role_is_whole(parse) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs "co", "-" and "founder" on the name one by one
    text = (
        "Jack Dorsey, Twitter's co-founder and former chief executive, said Musk was the "
        "singular solution he trusted."
    )
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Jack Dorsey"
    assert c.claimant_role == "Twitter's co-founder and former chief executive"


@pytest.mark.model
def test_a_speaker_a_quotation_reports_is_no_antecedent(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Judge Anand Vettel testified on Tuesday.\n\n"
        '"I never made a call," Vettel said under questioning from Sen. Lorraine Okoro.\n\n'
        "Okoro was unmoved. \"The judge says he has built a wall. I'd like to see the "
        'blueprints," she told reporters after the hearing.'
    )
    parsed, mentions = _grouped(parse, text)
    told = _by_cue(extract_claims(parsed, mentions), "tell")
    assert told.claimant_mention is not None and told.claimant_mention.text == "Okoro"


@pytest.mark.model
def test_they_in_a_clause_on_the_object_are_the_sentences_subject(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Pakistan said it shot down 25 drones. Indian officials have displayed debris they "
        "say came from drones shot down over the border."
    )
    parsed, mentions = _grouped(parse, text)
    they = [c for c in extract_claims(parsed, mentions) if c.source_span.text == "they"]
    assert [(c.claimant_mention, c.unnamed and c.unnamed.label) for c in they] == [
        (None, "Indian officials")
    ]


@pytest.mark.model
def test_a_figure_put_at_a_value_through_a_participle(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Lt Gen Omar Vessel put the number of enemy drones downed at 77."
    [c] = _claims(parse, text)
    assert c.content.text == "the number of enemy drones downed at 77"
    assert [(q.value, q.kind) for q in c.quantities] == [(77, "drones-intercepted")]


@pytest.mark.model
def test_another_sources_figure_after_while_is_no_part_of_the_content(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The ministry said 67 people were killed, while the Red Cross said 70."
    claims = _claims(parse, text)
    said = [c for c in claims if c.source_span.text == "The ministry"]
    assert [c.content.text for c in said] == ["67 people were killed"]


@pytest.mark.model
def test_a_hyphenated_name_the_parse_cut_is_the_whole_source(parse) -> None:  # type: ignore[no-untyped-def]
    # parsed with "-" and "seok" the subject: the source began inside the name
    text = "Yoon Min-jae, the board's lead inspector, said the recorders were found."
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Yoon Min-jae"
    assert c.source_span.text == "Yoon Min-jae, the board's lead inspector"


@pytest.mark.model
def test_a_dateline_is_no_part_of_the_role(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "LISBON (Harbour Wire) - Port Director Ines Duarte said on Monday that the "
        "terminal would reopen."
    )
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Ines Duarte"
    assert c.claimant_role == "Port Director"
    assert c.claimant_affiliation is None  # the agency of the dateline is not her employer


@pytest.mark.model
def test_a_short_quoted_clause_is_speech_a_quoted_phrase_is_not(parse) -> None:  # type: ignore[no-untyped-def]
    [c] = _claims(parse, '"We have won," Duarte said.')
    assert (c.content.text, c.direct) == ("We have won", True)  # three words, a clause
    [c] = _claims(parse, 'Ines Duarte promised to "rebuild the port".')
    assert not c.direct


@pytest.mark.model
def test_a_datelines_place_is_not_the_source(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "TALLINN, May 12 (Harbour Wire) - Estonia's fisheries agency said on Friday that two "
        "trawlers sank near the coast."
    )
    [c] = _claims(parse, text)
    assert c.source_span.text == "Estonia's fisheries agency"
    assert c.content.text == "two trawlers sank near the coast"


@pytest.mark.model
def test_a_headline_run_into_its_date_is_no_part_of_the_first_claim(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mill reports losses\n\nVelmora Mill reports losses of over US$ 2.2 billion October 16, "
        "2009 The Velmora Mill Corporation, the largest mill in Norland, has announced that it "
        "lost US$ 2.24 billion in the third quarter."
    )
    claims = _claims(parse, text)
    [c] = [c for c in claims if "third quarter" in c.content.text]
    assert c.cue == "announce"
    assert c.source_span.text.startswith("The Velmora Mill Corporation")
    assert c.content.text == "it lost US$ 2.24 billion in the third quarter"


@pytest.mark.model
def test_another_persons_name_before_the_source_is_no_role(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Prosecutors have not charged Mr. Tom Lowe Jr. Dana Voss, the harbour mayor, "
        "said the inquiry would end soon."
    )
    claims = _claims(parse, text)
    [c] = [c for c in claims if c.claimant_mention.text == "Dana Voss"]
    assert c.claimant_role == "the harbour mayor"


@pytest.mark.model
def test_a_name_set_off_after_according_to_is_the_source(parse) -> None:  # type: ignore[no-untyped-def]
    text = "According to the regional fisheries official, Anna Berg, the nets were cut overnight."
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Anna Berg"
    assert c.content.text == "the nets were cut overnight"
    assert "fisheries official" in c.claimant_role


@pytest.mark.model
def test_an_organisation_has_no_role_from_the_words_around_it(parse) -> None:  # type: ignore[no-untyped-def]
    text = "According to a statement by the Harbour Authority, 12 cranes fell during the night."
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Harbour Authority"
    assert c.claimant_role == "" and c.medium == "statement"


@pytest.mark.model
def test_a_body_named_by_nationality_speaks_for_its_country(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Norway sent three ships on Monday. The Norwegian navy's press office said on "
        "Tuesday that 30 sailors had died. Some pro-Norwegian officials said the "
        "storm was over."
    )
    c, other = _claims(parse, text)
    assert c.claimant_mention.text == "Norway"
    assert c.source_span.text == "The Norwegian navy's press office"
    assert [(q.kind, q.value) for q in c.quantities] == [("killed", Decimal(30))]
    # "pro-Norwegian officials" do not speak for Norway: an unnamed group of its own.
    assert other.claimant_mention is None and other.unnamed is not None
    assert other.unnamed.kind == "group" and other.unnamed.affiliation is None


@pytest.mark.model
def test_a_capital_speaks_for_its_country_when_the_country_is_named(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Norway sent two ships. Oslo previously said 14 fishermen were missing."
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Norway" and c.source_span.text == "Oslo" and c.prior


@pytest.mark.model
def test_claiming_responsibility_is_an_act_not_a_report(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Officials in Oslo rarely claim responsibility for such raids."
    assert _claims(parse, text) == ()
    # winning or withholding an office, a prize is no report either
    text = "Rep. Ana Vorst claimed the gavel on Friday. Rebels had denied her the gavel."
    assert _claims(parse, text) == ()


@pytest.mark.model
def test_it_is_the_agent_of_its_own_sentence_before_the_last_speaker(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ellen Hart said the port would reopen. The first count was issued on Monday by "
        "the Harbour Authority, where it said that 12 cranes had fallen."
    )
    c = next(c for c in _claims(parse, text) if "cranes" in c.content.text)
    assert c.claimant_mention.text == "Harbour Authority"


@pytest.mark.model
def test_subjects_inside_what_the_speaker_reported_are_not_new_speakers(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Coastal Guard said on Friday that Norway sent seven ships to the strait. "
        "“There have been injuries among the crews of the boats,” it said."
    )
    quote = next(c for c in _claims(parse, text) if c.direct)
    assert quote.claimant_mention.text == "Coastal Guard"


@pytest.mark.model
def test_an_organisation_in_the_role_is_the_affiliation(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Greenpeace spokesman Omar Diaz said that the spill covered 40 beaches."
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Omar Diaz"
    assert c.claimant_role == "Greenpeace spokesman"
    assert c.claimant_affiliation is not None and c.claimant_affiliation.text == "Greenpeace"


@pytest.mark.model
def test_a_name_alone_before_a_person_is_no_role(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Greenpeace's Omar Diaz said that the spill covered 40 beaches."
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Omar Diaz" and c.claimant_role == ""
    assert c.claimant_affiliation is not None and c.claimant_affiliation.text == "Greenpeace"
    text = "Norway's Ingrid Saelen said that the talks would go on."
    [c] = _claims(parse, text)
    assert c.claimant_mention.text == "Ingrid Saelen" and c.claimant_role == ""
    # a role word after the name stays: "Norway's foreign minister"
    text = "Norway's foreign minister Ingrid Saelen said that the talks would go on."
    [c] = _claims(parse, text)
    assert c.claimant_role == "Norway's foreign minister"


@pytest.mark.model
def test_confirming_a_person_is_an_act_and_a_noun_cue_without_subject_no_report(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Senate confirmed Dana Whitlow to the Supreme Court on Saturday. "
        "Nora Vail had alleged that Tom Beck assaulted her in high school, claims he strongly "
        "denied. "
        "The clinic confirmed that three patients had died."
    )
    claims = _claims(parse, text)
    cues = [(c.cue, c.content.text) for c in claims]
    assert ("confirm", "three patients had died") in cues
    assert not [c for c in claims if c.cue == "confirm" and "Whitlow" in c.content.text]
    assert not [c for c in claims if c.cue == "claim"]  # "claims" is the noun here
    assert ("allege", "Tom Beck assaulted her in high school") in cues


@pytest.mark.model
def test_he_and_she_pass_over_a_speaker_of_the_other_gender(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Susan Vail testified last month that Peter Beck attacked her at a party. He denied "
        "it. Vail said she was certain."
    )
    claims = _claims(parse, text)
    by_cue = {c.cue: c for c in claims}
    assert by_cue["deny"].claimant_mention.text == "Peter Beck"  # not the last speaker
    assert by_cue["testify"].claimant_mention.text == "Susan Vail"


def test_a_mention_says_its_gender_by_title_given_name_or_the_full_name_it_shortens() -> None:
    from kg.claims.context import ParsedText
    from kg.claims.genders import gender_of

    text = "Susan Vail met Mr. Oduya and Jordan Lake. Vail and Lake left."
    spans = [("Susan Vail", ""), ("Oduya", "Mr."), ("Jordan Lake", ""), ("Vail", ""), ("Lake", "")]
    mentions, at = [], 0
    for form, title in spans:
        begin = text.index(form, at)
        at = begin + len(form)
        mentions.append(Mention("d", begin, at, form, "Person", 0, 0, 1, title=title))
    doc = ParsedText(Parsed(make_document(text, "d"), (), (), tuple(mentions)), mentions)
    assert [gender_of(doc, m) for m in mentions] == ["f", "m", "", "f", ""]


@pytest.mark.model
def test_the_bearer_of_a_title_with_its_remit_is_the_speaker(parse) -> None:  # type: ignore[no-untyped-def]
    # the parser makes the title's first word the subject and hangs the name under "of" or
    # "in", as it hangs "Lawyers for X"; X bears the title, so X speaks
    for text, who in [
        (
            "The audit ended on Monday. Director of National Intelligence Tomas Ekdahl said "
            "the threat was real.",
            "Tomas Ekdahl",
        ),
        (
            "The audit ended on Monday. Special Agent in Charge Victor Ostrand of the FBI said "
            "investigators had traced the money.",
            "Victor Ostrand",
        ),
        (
            "The audit ended on Monday. Secretary of State Ana Ruiz said the talks had failed.",
            "Ana Ruiz",
        ),
    ]:
        parsed, mentions = _grouped(parse, text)
        [said] = extract_claims(parsed, mentions)
        assert said.claimant_mention is not None and said.claimant_mention.text == who
    # those a group works for are still no speaker
    parsed, mentions = _grouped(parse, "Lawyers for Ana Ruiz said the case was weak.")
    [said] = extract_claims(parsed, mentions)
    assert said.claimant_mention is None or said.claimant_mention.text != "Ana Ruiz"


@pytest.mark.model
def test_what_was_said_in_an_email_is_the_content(parse) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs the "that" clause on "email" (as its complement), not on "said"
    text = (
        "The governor's campaign manager, Brett Salvo, said in an email that the campaign had "
        "raised $6.8 million in total."
    )
    parsed, mentions = _grouped(parse, text)
    [said] = extract_claims(parsed, mentions)
    assert said.claimant_mention is not None and said.claimant_mention.text == "Brett Salvo"
    assert said.content.text == "the campaign had raised $6.8 million in total"


@pytest.mark.model
def test_a_copula_or_passive_clause_hung_on_the_memo_is_what_the_memo_said(parse) -> None:  # type: ignore[no-untyped-def]
    # "that" can be no object of "be" or of a passive: it opens what was announced
    for text, content in (
        (
            "Lena Haas, the chief executive of Brightwater Foods, announced Monday in an "
            "internal memo that she would be on medical leave until the spring.",
            "she would be on medical leave until the spring",
        ),
        (
            "Mayor Tomas Reyes said in a letter to residents that the pier would be closed "
            "until May.",
            "the pier would be closed until May",
        ),
    ):
        parsed, mentions = _grouped(parse, text)
        [claim] = extract_claims(parsed, mentions)
        assert claim.content.text == content
    # a relative clause whose "that" is its subject stays the noun's
    parsed, mentions = _grouped(parse, "She pointed to a study that was published last year.")
    assert extract_claims(parsed, mentions) == ()


@pytest.mark.model
def test_a_quotation_ending_the_content_keeps_its_closing_mark(parse) -> None:  # type: ignore[no-untyped-def]
    text = 'Gov. Kamal Sodhro said the province had "never seen water like this." He left.'
    parsed, mentions = _grouped(parse, text)
    [said] = extract_claims(parsed, mentions)
    assert said.content.text == 'the province had "never seen water like this."'


@pytest.mark.model
def test_not_ruling_something_out_is_a_hedge_not_a_denial(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lindvall said he would not rule out a minority government. The family said they "
        "had not ruled out an appeal. Lindvall said the coalition had not failed."
    )
    parsed, mentions = _grouped(parse, text)
    found = [(c.content.text, c.certainty, c.polarity) for c in extract_claims(parsed, mentions)]
    assert found == [
        ("he would not rule out a minority government", "hedged", "positive"),
        ("they had not ruled out an appeal", "hedged", "positive"),
        ("the coalition had not failed", "asserted", "negative"),
    ]


@pytest.mark.model
def test_a_quotation_after_telling_someone_is_the_tellers(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        'The trial ended. Judge Farrow told Tarek Haddad: "You have brought shame on your '
        'family." Police Chief Ana Ruiz: "We will find them."'
    )
    parsed, mentions = _grouped(parse, text)
    found = [
        (c.claimant_mention.text, c.cue)
        for c in extract_claims(parsed, mentions)
        if c.claimant_mention
    ]
    assert found == [("Farrow", "tell"), ("Ana Ruiz", ":")]


@pytest.mark.model
def test_suspected_hedges_a_suspicion_not_a_noun_it_modifies(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Police said the man was suspected of planning the attack. Officials said 46 "
        "suspected cases had been recorded."
    )
    parsed, mentions = _grouped(parse, text)
    found = [(c.content.text, c.certainty) for c in extract_claims(parsed, mentions)]
    assert found == [
        ("the man was suspected of planning the attack", "hedged"),
        ("46 suspected cases had been recorded", "asserted"),
    ]


@pytest.mark.model
def test_continuing_in_an_if_clause_is_no_cue_for_the_quotation_before_it(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Its field coordinator, Julien Farre, said that the ward "could be overwhelmed within '
        'days" if cases continued to rise.'
    )
    parsed, mentions = _grouped(parse, text)
    claims = extract_claims(parsed, mentions)
    assert [c.cue for c in claims] == ["say"]  # not "continue", with "cases" its source
    assert claims[0].claimant_mention is not None
    assert claims[0].claimant_mention.text == "Julien Farre"


@pytest.mark.model
def test_an_anonymous_spokesman_is_no_official_word_of_whom_he_speaks_for(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A spokesman for Raymond Castell, who spoke on condition of anonymity, said the leader "
        "had lobbied three senators. A spokesman for Castell said the vote was a victory. A "
        "Castell aide, speaking on background, said nobody was sure until the last minute."
    )
    parsed, mentions = _grouped(parse, text)
    found = [
        (c.content.text[:20], c.unnamed.label if c.unnamed else c.claimant_mention.text)
        for c in extract_claims(parsed, mentions)
        if c.unnamed or c.claimant_mention
    ]
    assert found == [
        ("the leader had lobbi", "A spokesman for Raymond Castell"),  # unnamed, anonymous
        ("the vote was a victo", "Castell"),  # his spokesman speaks for him
        ("nobody was sure unti", "A Castell aide"),
    ]
    # confirming a secretary fills an office, and reports nothing
    text = "It was the closest vote since the Senate confirmed an education secretary in 1997."
    parsed, mentions = _grouped(parse, text)
    assert extract_claims(parsed, mentions) == ()


@pytest.mark.model
def test_confirming_a_person_fills_an_office_and_reports_nothing(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The Senate confirmed Ana Ruiz on Tuesday. The ministry confirmed the deaths."
    parsed, mentions = _grouped(parse, text)
    assert [c.content.text for c in extract_claims(parsed, mentions)] == ["the deaths"]


@pytest.mark.model
def test_disputing_a_figure_is_a_denial_and_disputing_land_no_claim(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Police disputed the death toll given by activists."
    [claim] = _claims(parse, text)
    assert (claim.cue, claim.polarity) == ("dispute", "negative")
    assert claim.content.text == "the death toll given by activists"
    text = "The army contested the account of the villagers."
    [claim] = _claims(parse, text)
    assert claim.content.text == "the account of the villagers"
    for text in (
        "The two countries dispute the islands.",
        "The party will contest the election in May.",
        "The firm challenged the ruling in court.",
    ):
        assert not _claims(parse, text)

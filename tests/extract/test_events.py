from tests.conftest import event_rows, extract_text


def test_visit_talks_and_hosting_with_dates():
    result = extract_text(
        "Indian Prime Minister Narendra Modi paid a two-day visit to Moscow on 8-9 July 2024. "
        "On the second day of the visit he held talks with Vladimir Putin in the Kremlin.", "2024-07-10")
    assert event_rows(result) == [("IND", "RUS", "042", "2024-07-08", "2024-07-09"),
                                  ("IND", "RUS", "040", "2024-07-09", None)]
    talks = result.facts["events"][1]
    assert (talks.plover, talks.quad_class, talks.goldstein) == ("CONSULT", 1, 1.0)
    assert talks.evidence.text == "On the second day of the visit he held talks with Vladimir Putin in the Kremlin."


def test_passive_and_nominal_triggers():
    result = extract_text(
        "On 19 June 2024 a treaty on comprehensive strategic partnership was signed by Russia and North Korea. "
        "Putin's visit to Pyongyang lasted two days.", "2024-06-21")
    assert event_rows(result) == [("RUS", "PRK", "057", "2024-06-19", None),
                                  ("RUS", "PRK", "042", None, None)]


def test_negated_planned_and_expected_acts_are_not_events():
    result = extract_text(
        "No agreement was signed in Astana. Erdogan is expected to visit Moscow next month. "
        "Tokayev did not meet Lukashenko. China and Russia may hold drills in August.", "2024-07-01")
    assert event_rows(result) == []


def test_joint_subjects_and_one_event_per_act():
    result = extract_text(
        "On 16 October 2024 Kazakhstan and Uzbekistan signed a water-sharing protocol in Tashkent. "
        "The protocol was signed after long talks. Both governments signed it gladly.", "2024-10-17")
    assert event_rows(result) == [("KAZ", "UZB", "057", "2024-10-16", None)]


def test_criticism_of_several_targets_by_joint_holders():
    result = extract_text(
        "Beijing and Moscow met in May. They condemned NATO and the European Union for their policies.")
    codes = [(e.source.key, e.target.key, e.cameo) for e in result.facts["events"] if e.cameo == "111"]
    assert codes == [("CHN", "NATO", "111"), ("CHN", "EU", "111"), ("RUS", "NATO", "111"), ("RUS", "EU", "111")]


def test_threats_of_sanctions_and_military_patrols():
    result = extract_text(
        "Washington's threats of sanctions against Chinese banks grew in 2024. "
        "On 24 July 2024 Chinese and Russian bombers patrolled jointly near Alaska.", "2024-07-26")
    assert event_rows(result) == [("USA", "CHN", "1312", None, None),  # a year is too coarse to date an act
                                  ("CHN", "RUS", "062", "2024-07-24", None)]


def test_present_tense_positions_are_stances_not_events():
    result = extract_text("Beijing and Moscow issued a joint statement on 4 February 2022. Both sides condemn "
                          "NATO's enlargement. Later both leaders condemned AUKUS.", "2022-02-05")
    assert event_rows(result) == [("CHN", "RUS", "057", "2022-02-04", None),
                                  ("CHN", "AUKUS", "111", None, None), ("RUS", "AUKUS", "111", None, None)]


def test_a_visit_noun_belongs_to_the_clause_subject():
    result = extract_text("Chinese President Xi Jinping left Moscow on Wednesday, 22 March, at the end of a "
                          "three-day state visit to Russia.", "2023-03-22")
    assert event_rows(result) == [("CHN", "RUS", "042", "2023-03-22", None)]


def test_roles_refer_back_to_the_person_named_earlier():
    result = extract_text(
        "Narendra Modi arrived in Moscow on 8 July 2024 for talks with Vladimir Putin. On 9 July the Indian "
        "leader met his Russian counterpart in the Kremlin.", "2024-07-10")
    talks = [e for e in result.facts["events"] if e.date == "2024-07-09"]
    assert [(e.source.text, e.target.text, e.cameo) for e in talks] == [("Narendra Modi", "Vladimir Putin", "040")]


def test_presence_in_a_foreign_capital_is_a_visit_dated_by_publication():
    result = extract_text("Turkish President Recep Tayyip Erdogan is in Sochi today. Erdogan is in Ankara "
                          "tomorrow. President Erdogan is in Moscow to meet Vladimir Putin.", "2023-09-04")
    assert event_rows(result) == [("TUR", "RUS", "042", "2023-09-04", None)]


def test_welcoming_ideas_and_summaries_of_several_acts_are_not_events():
    result = extract_text("China welcomes all efforts towards peace. In 2023 India and Japan held two rounds of "
                          "talks in Tokyo.", "2024-01-10")
    assert event_rows(result) == []


def test_the_two_sides_are_the_pair_the_sentence_names():
    result = extract_text(
        "China and Russia dominate this report. On 5 June Armenia proposed talks with Azerbaijan, and the two "
        "delegations met in Geneva on 10 June.", "2024-06-20")
    assert [r for r in event_rows(result) if r[2].startswith("04")] == [("ARM", "AZE", "040", "2024-06-10", None)]


def test_a_visit_goes_where_its_clause_puts_the_traveller():
    result = extract_text("President Xi is in Kazakhstan from 2 July for a state visit.", "2024-07-03")
    assert event_rows(result) == [("CHN", "KAZ", "042", "2024-07-02", None)]


def test_phone_calls_are_041():
    result = extract_text(
        "Indian Prime Minister Narendra Modi and Japanese Prime Minister Fumio Kishida spoke by telephone on "
        "3 March 2023. On 9 May 2023 Chinese President Xi Jinping held a phone call with French President "
        "Emmanuel Macron.", "2023-05-10")
    assert event_rows(result) == [("IND", "JPN", "041", "2023-03-03", None),
                                  ("CHN", "FRA", "041", "2023-05-09", None)]


def test_summons_expulsions_sanctions_and_demands():
    result = extract_text(
        "On 3 June 2023 Poland expelled three Belarusian diplomats. Belarus responded on 5 June 2023 by expelling "
        "two Polish diplomats. Chile condemned the decision. Foreign Minister Ana Lopez summoned the Peruvian "
        "ambassador. On 8 June 2023 Canada imposed sanctions on Iran's security forces. Spain called on Morocco "
        "to release the fishermen.", "2023-06-10")
    assert event_rows(result) == [("POL", "BLR", "161", "2023-06-03", None),
                                  ("BLR", "POL", "161", "2023-06-05", None),
                                  ("CHL", "PER", "114", None, None),
                                  ("CAN", "IRN", "163", "2023-06-08", None),
                                  ("ESP", "MAR", "100", None, None)]


def test_attacks_aid_and_condemning_the_attacker():
    result = extract_text(
        "Norway condemned Azerbaijan's attack. "
        "Estonia condemned the invasion of Georgia. On 5 October 2023 Sweden approved a new aid package for "
        "Armenia.", "2023-10-06")
    assert event_rows(result) == [("NOR", "AZE", "111", None, None),
                                  ("SWE", "ARM", "070", "2023-10-05", None)]


def test_three_leaders_make_three_pairs():
    result = extract_text(
        "Brazilian President Lula da Silva hosted Argentine President Javier Milei and Chilean President Gabriel Boric in Brasilia "
        "on 2 May 2024. The three leaders signed a joint declaration.", "2024-05-06")
    assert event_rows(result) == [
        ("BRA", "ARG", "043", "2024-05-02", None), ("BRA", "CHL", "043", "2024-05-02", None),
        ("BRA", "ARG", "057", "2024-05-02", None), ("BRA", "CHL", "057", "2024-05-02", None),
        ("ARG", "CHL", "057", "2024-05-02", None)]


def test_a_story_in_the_simple_past_goes_on_on_its_day():
    """The next sentence of the same paragraph continues the day of the one before when it names one of its
    actors and no time of its own; past perfect is background, another pair or paragraph another story."""
    result = extract_text(
        "On 13 July 2023 Egypt hosted Ethiopian Prime Minister Abiy Ahmed in "
        "Cairo. The two leaders agreed to finalise a deal within four months. Egypt had condemned Ethiopia "
        "earlier. Kenya criticised Somalia.\n\nEgypt accused Ethiopia of stalling.", "2023-07-20")
    assert event_rows(result) == [("EGY", "ETH", "043", "2023-07-13", None),
                                  ("EGY", "ETH", "030", "2023-07-13", None),
                                  ("EGY", "ETH", "111", None, None),
                                  ("KEN", "SOM", "111", None, None),
                                  ("EGY", "ETH", "112", None, None)]


def test_same_day_continuation():
    result = extract_text(
        "On 14 June 2023 Chinese President Xi Jinping welcomed Brazilian President Lula da Silva to Beijing. "
        "The two presidents then held talks.", "2023-08-10")
    assert event_rows(result) == [("CHN", "BRA", "043", "2023-06-14", None),
                                  ("CHN", "BRA", "040", "2023-06-14", None)]


def test_concessions_demands_and_ratifications():
    """Lifting duties (085), withdrawing a complaint (080), resuming talks, cancelling a visit (125), praise
    (051) and a legislature's ratification (057); 'lifted its duties' with no target named is aimed at the
    other side of the text's pair."""
    result = extract_text(
        "China lifted its duties on Australian barley in August 2023. South Korea withdrew its WTO complaint "
        "against Japan on 23 March 2023. Japan and South Korea resumed talks on 16 March 2023. On 21 January "
        "2023 Turkey cancelled a visit by the Swedish defence minister. On 26 February 2024 the Hungarian "
        "parliament ratified the accession of Sweden. On 6 March 2023 US President Joe Biden hailed Seoul's "
        "plan.", "2024-03-10")
    assert event_rows(result) == [("CHN", "AUS", "085", "2023-08-01", "2023-08-31"),
                                  ("KOR", "JPN", "080", "2023-03-23", None),
                                  ("JPN", "KOR", "040", "2023-03-16", None),
                                  ("TUR", "SWE", "125", "2023-01-21", None),
                                  ("HUN", "SWE", "057", "2024-02-26", None),
                                  ("USA", "KOR", "051", "2023-03-06", None)]
    pair = extract_text("Australia and China held talks in Beijing. In October 2023 China eased its restrictions. "
                        "On 11 April 2023 Australia paused its WTO dispute.", "2024-03-10")
    assert event_rows(pair) == [("AUS", "CHN", "040", None, None), ("CHN", "AUS", "085", "2023-10-01", "2023-10-31"),
                                ("AUS", "CHN", "080", "2023-04-11", None)]  # the WTO is the forum, not the target


def test_a_demand_is_made_of_the_subject_of_its_that_clause():
    result = extract_text(
        "Turkish President Recep Tayyip Erdogan met Swedish Prime Minister Ulf Kristersson on 10 July 2023. "
        "Erdogan demanded that the European Union open the way for Turkey's membership.", "2023-07-12")
    assert event_rows(result) == [("TUR", "SWE", "040", "2023-07-10", None), ("TUR", "EU", "100", "2023-07-10", None)]


def test_a_signing_participle_with_its_signatories_is_an_act():
    """'the Declaration signed ... by X, Y and Z' reports who signed and when; 'the treaty signed in 2001
    between ...' only describes a document."""
    result = extract_text(
        "The closest the three states have come is the Declaration of Principles signed in Khartoum on 23 March "
        "2015 by Egyptian President Abdel Fattah el-Sisi, Ethiopian Prime Minister Hailemariam Desalegn and "
        "Sudanese President Omar al-Bashir. The treaty signed in 2001 between Russia and China is still in force.",
        "2023-12-28")
    assert event_rows(result) == [("EGY", "ETH", "057", "2015-03-23", None), ("EGY", "SDN", "057", "2015-03-23", None),
                                  ("ETH", "SDN", "057", "2015-03-23", None)]


def test_criticising_a_thing_in_a_text_about_a_pair_is_aimed_at_the_other_side():
    result = extract_text(
        "Egypt and Ethiopia held talks in Cairo on 13 July 2023. On 12 September 2023 Egypt's foreign ministry "
        "condemned the step as a unilateral measure.", "2023-12-28")
    assert event_rows(result) == [("EGY", "ETH", "040", "2023-07-13", None), ("EGY", "ETH", "111", "2023-09-12", None)]


def test_he_is_the_subject_before_anyone_else_named():
    """'he' is this sentence's person subject if it has one, else the last sentence's subject, not the last
    person named."""
    result = extract_text(
        "Australian Prime Minister Anthony Albanese arrived in Shanghai on 4 November 2023. On 5 November Albanese "
        "joined Chinese Premier Li Qiang at the expo. In his speech he praised the World Trade Organization. "
        "Brazilian President Lula da Silva welcomed Argentine President Alberto Fernandez on 23 January 2023. "
        "On 24 January Lula attended a summit in Buenos Aires, where he met Cuban President Miguel Diaz-Canel.",
        "2024-01-30")
    assert [(e.source.key, e.target.key, e.cameo) for e in result.facts["events"]
            if e.cameo in ("051", "040") and e.target.key in ("WTO", "CUB")] == [("AUS", "WTO", "051"),
                                                                                 ("BRA", "CUB", "040")]


def test_condemning_the_launch_is_aimed_at_whoever_just_launched():
    result = extract_text(
        "Japan and South Korea held a summit in Tokyo on 16 March 2023. On the morning of 16 March, North Korea "
        "fired an intercontinental ballistic missile into the sea. Seoul condemned the launch as a grave "
        "provocation. On 20 March Japan condemned the decision.", "2023-05-08")
    assert event_rows(result) == [("JPN", "KOR", "040", "2023-03-16", None), ("KOR", "PRK", "111", "2023-03-16", None),
                                  ("JPN", "KOR", "111", "2023-03-20", None)]


def test_capitalised_plural_titles_first_named_person_and_wished_travel():
    """'The two Prime Ministers' are the pair; with no person subject, 'he' is the first person the sentence
    named; looking forward to a trip is no trip."""
    result = extract_text(
        "Prime Minister Rishi Sunak hosted the Prime Minister of Japan, Fumio Kishida, in London on 11 January "
        "2023.\n\nThe two Prime Ministers signed the Reciprocal Access Agreement. The tour has taken Mr Kishida "
        "to Rome, where he met Italian Prime Minister Giorgia Meloni. He travels on to Ottawa. Sunak said he "
        "looked forward to travelling to Hiroshima.", "2023-01-11")
    assert [(e.source.key, e.target.key, e.cameo) for e in result.facts["events"]] == [
        ("GBR", "JPN", "043"), ("GBR", "JPN", "057"), ("JPN", "ITA", "040"), ("JPN", "CAN", "042")]


def test_supporting_a_states_wish_is_aimed_at_that_state_only():
    result = extract_text("On 14 April 2023 China said it supported Brazil's wish to play a greater role at the "
                          "United Nations.", "2023-04-15")
    assert event_rows(result) == [("CHN", "BRA", "051", "2023-04-14", None)]


def test_leaders_from_an_organisation_and_actors_inside_a_relative_clause():
    """'leaders from across the Arab League' are the League; 'the Declaration, in which the states reaffirmed
    that Taiwan is part of China' names no party to an act."""
    result = extract_text(
        "On 9 December 2022 leaders from across the Arab League met Xi Jinping at the China-Arab States summit "
        "and issued the Riyadh Declaration, in which the Arab states reaffirmed that Taiwan is part of China.",
        "2022-12-12")
    assert event_rows(result) == [("ARL", "CHN", "040", "2022-12-09", None)]


def test_co_chaired_consultations_and_a_guest_received_without_a_named_host():
    result = extract_text(
        "Indian Prime Minister Narendra Modi and German Chancellor Olaf Scholz co-chaired the sixth round of the "
        "India-Germany Intergovernmental Consultations in Berlin on 2 May 2022. On 3 May 2022 Modi was received "
        "with military honours.", "2022-05-03")
    assert event_rows(result) == [("IND", "DEU", "040", "2022-05-02", None), ("DEU", "IND", "043", "2022-05-03", None)]


def test_demands_each_way_are_two_acts_and_a_relative_clause_date_is_background():
    """'Kishida called for the lifting of China's restrictions' is a demand on China; China's demand on Japan
    in the next sentence is another act; the discharge's start date in a relative clause dates neither."""
    result = extract_text(
        "Japan and China held talks. Kishida explained the discharge, which began on 24 August 2023, and "
        "called for the lifting of China's import restrictions. The Chinese side urged Japan to take the concerns "
        "seriously. Kishida requested the early release of the Japanese national.", "2023-11-27")
    assert event_rows(result) == [("JPN", "CHN", "040", None, None), ("JPN", "CHN", "100", None, None),
                                  ("CHN", "JPN", "100", None, None), ("JPN", "CHN", "020", None, None)]


def test_announcing_after_a_phone_call_takes_part_in_it():
    """'announced after a telephone call' makes the speakers parties to the call; 'after the talks' points
    back to talks already told, not to new ones."""
    result = extract_text(
        "Britain and India held talks. The deal was clinched on 6 May, when Starmer and Modi announced after a "
        "telephone call that negotiations had been concluded.", "2025-07-24")
    assert [(e.source.key, e.target.key, e.cameo) for e in result.facts["events"]] == [
        ("GBR", "IND", "040"), ("IND", "GBR", "041")]


def test_landing_in_a_capital_is_a_visit():
    result = extract_text("Vietnam and China held talks. Xi landed at Hanoi's Noi Bai airport on Tuesday, "
                          "12 December 2023.", "2024-07-03")
    assert event_rows(result) == [("VNM", "CHN", "040", None, None), ("CHN", "VNM", "042", "2023-12-12", None)]


def test_a_passive_in_the_past_goes_on_on_the_day_before():
    result = extract_text("German Chancellor Olaf Scholz and Polish Prime Minister Donald Tusk met on 2 July 2024. "
                          "Scholz was welcomed with military honours at the chancellery in Warsaw.", "2024-07-03")
    assert event_rows(result) == [("DEU", "POL", "040", "2024-07-02", None), ("POL", "DEU", "043", "2024-07-02", None)]


def test_sealing_a_plan_is_signing_it():
    result = extract_text("On 2 July 2024 Germany and Poland sealed a joint action plan in Warsaw.", "2024-07-03")
    assert event_rows(result) == [("DEU", "POL", "057", "2024-07-02", None)]

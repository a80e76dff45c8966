from tests.conftest import extract_text


def stances(result):
    return [(sorted(h.key for h in s.holders), s.polarity, s.target, s.target_actor and s.target_actor.key)
            for s in result.facts["stances"]]


def test_one_stance_per_listed_target_with_joint_holders():
    result = extract_text(
        "Russia and Iran held talks in Tehran. Both sides oppose the following: unilateral sanctions; "
        "the deployment of US missiles in Europe; and NATO's expansion to the east.")
    assert stances(result) == [
        (["IRN", "RUS"], "oppose", "unilateral sanctions", None),
        (["IRN", "RUS"], "oppose", "deployment of US missiles in Europe", "USA"),
        (["IRN", "RUS"], "oppose", "NATO's expansion to the east", "NATO"),
    ]


def test_support_with_a_pronoun_object_and_a_noun_cue():
    result = extract_text(
        "Brazil presented a six-point peace plan, and China endorsed it. "
        "India reaffirmed its commitment to the Paris Agreement.")
    assert stances(result) == [
        (["CHN"], "support", "six-point peace plan", None),
        (["IND"], "support", "Paris Agreement", None),
    ]


def test_adjective_cue_runs_to_the_end_of_the_clause():
    result = extract_text("Japan is opposed to China using coast guard ships near the Senkaku Islands.")
    assert stances(result) == [
        (["JPN"], "oppose", "China using coast guard ships near the Senkaku Islands", "CHN")]


def test_attempts_by_others_and_negation_are_not_positions():
    result = extract_text(
        "Kyiv's attempts to persuade Brazil to support its peace formula failed. Turkey did not oppose the plan.")
    assert stances(result) == []


def test_a_position_restated_later_counts_once():
    result = extract_text(
        "Beijing and Moscow criticised AUKUS in March. In May both sides again condemned the AUKUS pact.")
    assert stances(result) == [(["CHN", "RUS"], "oppose", "AUKUS", "AUKUS")]


def test_supported_clause_and_tail_that_stops_at_its_date():
    result = extract_text(
        "- India supports Brazil in its work as chair of the G20 this year.\n"
        "- Moscow supports settling trade with India in rupees.")
    assert stances(result) == [
        (["IND"], "support", "Brazil in its work as chair of the G20", "BRA"),
        (["RUS"], "support", "settling trade with India in rupees", "IND"),
    ]


def test_a_chain_of_verbs_shares_the_first_ones_subject():
    result = extract_text(
        "- Kazakhstan supports efforts to expand transit, prevent a trade war and oppose protectionism.")
    assert stances(result) == [
        (["KAZ"], "support", "efforts to expand transit", None),
        (["KAZ"], "oppose", "trade war", None),
        (["KAZ"], "oppose", "protectionism", None),
    ]


def test_call_for_concern_over_a_gerund_and_has_opposed():
    result = extract_text(
        "Germany called for restraint. Mexico and Canada published a joint letter calling for a regional "
        "water treaty. Japan expressed concern over harassing phone calls from China. Chile has opposed "
        "a tariff on copper. Brazilian President Lula da Silva welcomed him in Brasilia.")
    assert stances(result) == [
        (["DEU"], "support", "restraint", None),
        (["CAN", "MEX"], "support", "regional water treaty", None),
        (["JPN"], "oppose", "harassing phone calls from China", "CHN"),
        (["CHL"], "oppose", "tariff on copper", None),
    ]


def test_continuing_positions_praise_and_descriptive_clauses():
    """'continues to reject' is a position held; 'reaffirmed its respect for X' is stated once, by the noun;
    an 'including' inside a clause that describes the target lists no targets of its own."""
    result = extract_text(
        "India condemned the attacks on Abu Dhabi, in which three people, including two Indian nationals, died. "
        "Australia continues to reject China's maritime claims. Washington reaffirmed its respect for the "
        "sovereignty of Vietnam. Biden hailed Seoul's compensation plan.", "2023-11-08")
    assert stances(result) == [
        (["IND"], "oppose", "attacks on Abu Dhabi, in which three people, including two Indian nationals, died",
         "ARE"),
        (["AUS"], "oppose", "China's maritime claims", "CHN"),
        (["USA"], "support", "sovereignty of Vietnam", "VNM"),
        (["USA"], "support", "Seoul's compensation plan", "KOR"),
    ]


def test_hyphenated_targets_and_relative_clauses():
    result = extract_text(
        "Saudi Arabia and China held talks. Both sides backed non-interference in the internal affairs of states. "
        "In December Iran lost Bashar al-Assad, the Syrian president whom both Russia and Iran had backed.",
        "2024-12-20")
    assert stances(result) == [
        (["CHN", "SAU"], "support", "non-interference in the internal affairs of states", None),
        (["IRN", "RUS"], "support", "Syrian president", None)]  # a demonym names no target actor


def test_committing_to_a_side_and_what_they_call_it():
    result = extract_text(
        "Russia and Iran signed a treaty. The two governments also commit themselves to oppose what they call "
        "unilateral coercive measures. China pledged to support the plan.", "2025-01-18")
    assert stances(result) == [(["IRN", "RUS"], "oppose", "unilateral coercive measures", None),
                               (["CHN"], "support", "plan", None)]


def test_calling_for_the_lifting_of_something_opposes_it():
    result = extract_text(
        "Japan and China held talks. Prime Minister Kishida called for the immediate lifting of China's import "
        "restrictions. India called for an immediate cessation of hostilities.", "2023-11-27")
    assert [(s[1], s[2]) for s in stances(result)] == [("oppose", "China's import restrictions"),
                                                       ("support", "immediate cessation of hostilities")]


def test_an_unresolved_pronoun_is_no_target():
    assert stances(extract_text("Germany rejected it firmly.", "2024-07-03")) == []


def test_agreeing_to_combat_something_opposes_it():
    result = extract_text("Germany and Poland held talks. The two countries agreed to combat organised crime.",
                          "2024-07-03")
    assert stances(result) == [(["DEU", "POL"], "oppose", "organised crime", None)]

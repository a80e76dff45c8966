"""Forecasts: predicted developments, their holder and horizon, each quoting back into the text."""
from __future__ import annotations

import pytest

from bilat.extract import extract
from bilat.model import Document


def forecasts(text: str, published: str | None = "2024-06-01"):
    doc = Document(text=text, path="t.txt", format="txt")
    found = extract(doc, published).facts["forecasts"]
    for f in found:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.text
    return found


def only(text: str):
    found = forecasts(text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


def test_inline_list_gives_one_forecast_per_element_with_the_lead_in_horizon():
    text = ("Prospects\n\nIn the medium term, the following developments should be expected: closer defence "
            "ties between India and Russia; rupee-rouble settlements will expand; and a new transport corridor "
            "through Iran.\n")
    found = forecasts(text)
    assert [f.text for f in found] == [
        "closer defence ties between India and Russia",
        "rupee-rouble settlements will expand",
        "a new transport corridor through Iran",
    ]
    assert {f.horizon for f in found} == {"medium term"}
    assert {f.holder for f in found} == {None}
    assert all(f.evidence.text == f.text for f in found)


def test_bullet_list_after_a_lead_in_line():
    text = ("Outlook\n"
            "We expect the following developments in the coming months:\n"
            "- The EU is likely to sign a raw materials partnership with Kazakhstan.\n"
            "- Kazakh uranium deliveries to European utilities will rise.\n"
            "Brussels opened a delegation in Astana in 1993.\n")
    found = forecasts(text)
    assert [f.text for f in found] == [
        "The EU is likely to sign a raw materials partnership with Kazakhstan",
        "Kazakh uranium deliveries to European utilities will rise",
    ]
    assert {f.horizon for f in found} == {"short term"}
    assert {f.holder for f in found} == {None}


def test_according_to_names_the_holder():
    f = only("According to India's external affairs minister Subrahmanyam Jaishankar, the annual summit "
             "will take place in Moscow next month.")
    assert f.holder == "Subrahmanyam Jaishankar"
    assert f.text == "the annual summit will take place in Moscow next month"
    assert f.horizon == "next month"
    assert f.evidence.text.startswith("According to")


def test_reported_would_with_a_time_is_the_speakers_forecast():
    f = only("The US trade representative, Katherine Tai, said on Monday that the tariffs on Chinese "
             "electric vehicles would be reviewed in 2025.")
    assert f.holder == "Katherine Tai"
    assert f.text == "the tariffs on Chinese electric vehicles would be reviewed in 2025"
    assert f.horizon == "2025"


def test_subject_of_expect_holds_the_forecast():
    f = only("Analysts in Delhi expect Indian purchases of Russian oil to stay high next year.")
    assert f.holder == "Analysts"
    assert f.horizon == "next year"
    assert f.text == "Analysts in Delhi expect Indian purchases of Russian oil to stay high next year"


def test_connective_is_dropped_and_a_joined_present_clause_left_out():
    f = only("However, American chip exports to China are expected to fall further.")
    assert f.text == "American chip exports to China are expected to fall further"
    assert f.holder is None
    f = only("Moreover, the EU will open a trade office in Astana, and Kazakhstan already sells it most of "
             "its oil.")
    assert f.text == "the EU will open a trade office in Astana"


def test_predicative_likely_and_hedged_modal():
    f = only("A visit by Prime Minister Modi to Moscow is likely before the end of the year.")
    assert f.horizon == "this year"
    f = only("Washington would probably prefer a gradual easing of export controls.")
    assert f.text == "Washington would probably prefer a gradual easing of export controls"


@pytest.mark.parametrize("text", [
    "The agreement was expected to be signed in March.",
    "China could not buy more soybeans from the United States last year.",
    "India imports most of its weapons from Russia.",
    "Will the talks between Washington and Beijing resume?",
    "Both sides are hoping that if the sanctions are lifted, bilateral trade could double.",
    "The parties will cooperate in the field of civilian nuclear energy.",
    "Beijing said the naval drills would demonstrate the resolve of the two navies.",
    "Moscow sought to show that India will not join Western sanctions.",
    "Kazakhstan is building a railway which will link it to the Caspian ports.",
    "India can buy Russian crude at a discount.",
    "Moscow and Delhi are particularly concerned about the following issues: tariffs; shipping; insurance.",
])
def test_not_forecasts(text):
    assert forecasts(text) == []


def test_past_expectation_next_to_a_real_one():
    found = forecasts("The deal was expected to close in May. It is now likely to close in the autumn.")
    assert [f.text for f in found] == ["It is now likely to close in the autumn"]


def test_lines_after_the_list_are_read_as_ordinary_sentences():
    text = ("Looking ahead\n"
            "The following developments can be expected:\n"
            "- Joint patrols by the US and the Philippines will become more frequent.\n"
            "- China will expand its coast guard presence.\n"
            "\n"
            "Manila will host the next round of talks in October.\n")
    found = forecasts(text)
    assert [f.text for f in found] == [
        "Joint patrols by the US and the Philippines will become more frequent",
        "China will expand its coast guard presence",
        "Manila will host the next round of talks in October",
    ]


def test_speaker_promising_for_their_own_side_is_not_a_forecast():
    text = ("Indian Prime Minister Narendra Modi said India would keep buying Russian oil this year. "
            "He also said both sides will deepen ties in 2025.")
    assert forecasts(text) == []


def test_speaker_predicting_another_states_move_is_a_forecast():
    f = only("Chinese Foreign Minister Wang Yi said that Washington will raise tariffs again next year.")
    assert f.holder == "Wang Yi"
    assert f.text == "Washington will raise tariffs again next year"


def test_what_an_agreement_provides_is_not_a_forecast():
    """'The agreement will allow ...' and 'Under the plan, X will pay ...' state a document's content; 'the
    treaty will enter into force' and 'under the accord X will deploy ... in 2025' are still expected."""
    texts = [f.text for f in forecasts(
        "The agreement will allow British and Japanese forces to train in each other's countries. Under the plan, "
        "a foundation will pay the plaintiffs. The treaty will enter into force after ratification. Under the "
        "accord the United Kingdom will deploy its carrier group to the region again in 2025.")]
    assert texts == ["The treaty will enter into force after ratification",
                     "Under the accord the United Kingdom will deploy its carrier group to the region again in 2025"]


def test_a_date_inside_a_relative_clause_does_not_time_a_reported_would():
    assert forecasts("South Korea's trade ministry said on 16 March 2023 that Seoul would withdraw the complaint "
                     "it had lodged at the World Trade Organization in September 2019.", "2023-05-08") == []
    assert [f.text for f in forecasts("The ministry said on 16 March 2023 that Seoul would withdraw the "
                                      "complaint in April 2023.", "2023-03-17")] == [
        "Seoul would withdraw the complaint in April 2023"]

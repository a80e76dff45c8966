"""Economic figures from short texts written for these tests; each states public facts in new words."""
from __future__ import annotations

import pytest

from bilat.extract import build_context
from bilat.extract.figures import extract_figures
from bilat.model import Document

FIELDS = ("indicator", "reporter", "partner", "period", "value", "unit", "change_pct", "basis", "approximate")


def figures(text: str, published: str | None = "2024-02-01") -> list[tuple]:
    ctx = build_context(Document(text=text, path="t.txt", format="txt"), published)
    out = []
    for f in extract_figures(ctx):
        assert text[f.evidence.start:f.evidence.end] == f.evidence.text
        out.append(tuple(getattr(f, k) for k in FIELDS))
    return out


def test_value_change_and_basis_from_between():
    text = "Customs figures show that commerce between China and Russia climbed 26.3% year on year in 2023, reaching $240.1 billion."
    assert figures(text) == [("trade", "CHN", "RUS", "2023", 240.1, "USD bn", 26.3, "yoy", False)]


def test_possessive_reporter_and_partner():
    text = "In 2023 China's exports to Russia grew 46.9% to $110.97 billion."
    assert figures(text) == [("exports", "CHN", "RUS", "2023", 110.97, "USD bn", 46.9, None, False)]


def test_imports_from_partner_with_reporter_by_demonym():
    text = "Indian imports from Russia soared to $61.4 billion in the 2023 calendar year."
    assert figures(text) == [("imports", "IND", "RUS", "2023", 61.4, "USD bn", None, None, False)]


def test_respectively_pairs():
    text = "Last year China's exports to and imports from Russia rose 46.9% and 12.7% respectively."
    assert figures(text) == [
        ("exports", "CHN", "RUS", "2023", None, None, 46.9, None, False),
        ("imports", "CHN", "RUS", "2023", None, None, 12.7, None, False),
    ]


def test_gapping_carries_indicator_and_sign():
    text = ("Sanctions threats hurt payments: in March 2024 China's exports to Russia dropped by almost 16%, "
            "and in April by 13.5%, compared with a year earlier.")
    assert figures(text, None) == [
        ("exports", "CHN", "RUS", "2024-03", None, None, -16.0, "yoy", True),
        ("exports", "CHN", "RUS", "2024-04", None, None, -13.5, "yoy", False),
    ]


def test_number_words():
    text = "In March 2024 Chinese shipments to Russia were down almost sixteen percent."
    assert figures(text) == [("exports", "CHN", "RUS", "2024-03", None, None, -16.0, None, True)]


def test_fraction_change():
    text = "Kazakhstan's exports to China rose by a fifth in 2023."
    assert figures(text) == [("exports", "KAZ", "CHN", "2023", None, None, 20.0, None, False)]


def test_yuan_trillions_and_continuation_from_context():
    text = ("Trade between China and Russia rose 1.9% in 2024.\n\n"
            "Counted in yuan, two-way trade grew 2.9% to 1.74 trillion yuan.")
    assert figures(text, "2025-01-13") == [
        ("trade", "CHN", "RUS", "2024", None, None, 1.9, None, False),
        ("trade", "CHN", "RUS", "2024", 1.74, "CNY tn", 2.9, None, False),
    ]


def test_quarter_and_half_periods():
    text = ("EU-China trade fell 4.1% in the first quarter of 2024. "
            "In the first half of 2023 the EU's imports from China slipped 2.9% from a year earlier.")
    assert figures(text) == [
        ("trade", "EU", "CHN", "2024-Q1", None, None, -4.1, None, False),
        ("imports", "EU", "CHN", "2023-H1", None, None, -2.9, "yoy", False),
    ]


def test_month_span_and_yearless_month_periods():
    text = ("From January to April 2024 trade between India and Russia amounted to $22.6 billion. "
            "In December alone it reached $5.2 billion, 4% more than in November.")
    assert figures(text, "2025-01-20") == [
        ("trade", "IND", "RUS", "2024-01/2024-04", 22.6, "USD bn", None, None, False),
        ("trade", "IND", "RUS", "2024-12", 5.2, "USD bn", 4.0, "mom", False),
    ]


def test_first_months_without_year_are_last_year_when_unfinished():
    text = "In the first seven months, trade between China and Russia edged up 1.6% to $136.7 billion."
    assert figures(text, "2025-01-13") == [("trade", "CHN", "RUS", "2024-01/2024-07", 136.7, "USD bn", 1.6, None, False)]


def test_source_state_is_reporter():
    text = "Chinese customs data showed exports to Russia increased 4.1% in 2024."
    assert figures(text) == [("exports", "CHN", "RUS", "2024", None, None, 4.1, None, False)]


def test_background_change_has_its_own_period():
    text = "Trade between China and Russia grew 1.9% in 2024 to $244.8 billion, after rising 26.3% in 2023."
    assert figures(text, "2025-05-20") == [
        ("trade", "CHN", "RUS", "2024", 244.8, "USD bn", 1.9, None, False),
        ("trade", "CHN", "RUS", "2023", None, None, 26.3, None, False),
    ]


def test_physical_units():
    text = "Rosneft agreed to supply 100 million tonnes of oil to China over ten years."
    assert figures(text) == [("supply", "RUS", "CHN", None, 100.0, "t mn", None, None, False)]


def test_headline_and_story_are_one_figure():
    text = ("China-Russia trade hits $240 billion in 2023\n\n"
            "Trade between China and Russia rose 26.3% in 2023 to $240.11 billion.")
    assert figures(text) == [("trade", "CHN", "RUS", "2023", 240.11, "USD bn", 26.3, None, False)]


@pytest.mark.parametrize("text", [
    "The two countries celebrated the 75th anniversary of diplomatic relations in 2024.",
    "After four-hour talks the leaders signed 11 documents on 16 May 2024.",
    "Some 10,000 troops and 20 ships took part in the drills, the ministry said.",
    "Trade can be expected to pass the $300 billion mark by 2030, the minister said.",
    "Trade tensions have grown since 2018, when the first tariffs of 25% were announced.",
])
def test_numbers_that_are_not_figures(text):
    assert figures(text) == []


# -- other pairs of states: general forms ----------------------------------------------------------------


def test_split_financial_year_is_april_to_march():
    text = "In the 2022-23 financial year, bilateral trade between India and the UAE stood at $84.5 billion."
    assert figures(text, "2023-06-01") == [("trade", "IND", "ARE", "2022-04/2023-03", 84.5, "USD bn", None, None, False)]


def test_deficit_is_a_negative_balance_and_yen_symbol():
    text = "Japan's trade deficit widened to ¥20 trillion in 2022."
    assert figures(text, "2023-02-01") == [("trade_balance", "JPN", None, "2022", -20.0, "JPY tn", None, None, False)]


def test_deficit_partner_after_the_value_and_prior_value_after_against():
    text = "Germany's trade deficit with China narrowed to €60 billion in 2023, against about €84 billion in 2022."
    assert figures(text) == [("trade_balance", "DEU", "CHN", "2023", -60.0, "EUR bn", None, None, False)]
    text = "That left Chile with a deficit of about $5 billion with China in 2023."
    assert figures(text) == [("trade_balance", "CHL", "CHN", "2023", -5.0, "USD bn", None, None, True)]


def test_lakh_crore_and_crore():
    text = "Poland's exports to Germany rose 4% to about ₹1.2 lakh crore in 2023."
    assert figures(text) == [("exports", "POL", "DEU", "2023", 1.2, "INR tn", 4.0, None, True)]
    text = "India's exports to Nepal reached ₹35,000 crore in 2023."
    assert figures(text) == [("exports", "IND", "NPL", "2023", 350.0, "INR bn", None, None, False)]


def test_origin_of_the_goods_is_the_partner():
    assert figures("China's imports of Russian coal rose to 107 million tonnes in 2023.") == [
        ("imports", "CHN", "RUS", "2023", 107.0, "t mn", None, None, False)]
    assert figures("Indonesian buyers imported 2.5 million tonnes of Australian wheat in 2023.") == [
        ("imports", "IDN", "AUS", "2023", 2.5, "t mn", None, None, False)]


def test_overall_balance_has_no_partner():
    text = "Brazil's overall trade surplus reached $98.8 billion in 2023."
    assert figures(text) == [("trade_balance", "BRA", None, "2023", 98.8, "USD bn", None, None, False)]


def test_period_of_the_sentence_before():
    text = ("Trade between Vietnam and the United States rose in 2023, the office said. "
            "Vietnam's exports to the US fell 5% to $97 billion.")
    assert figures(text) == [("exports", "VNM", "USA", "2023", 97.0, "USD bn", -5.0, None, False)]


def test_over_the_first_months_is_the_period_not_a_comparison():
    text = "Over the first four months of this year, trade between Turkey and Iran reached $2 billion."
    assert figures(text, "2024-06-01") == [("trade", "TUR", "IRN", "2024-01/2024-04", 2.0, "USD bn", None, None, False)]


def test_bilateral_trade_reporter_is_the_cited_source():
    text = "Turkey and Russia want more trade. Bilateral trade reached $30 billion last year, according to Russian statistics."
    assert figures(text) == [("trade", "RUS", "TUR", "2023", 30.0, "USD bn", None, None, False)]


def test_many_countries_are_not_the_pairs_other_state():
    text = "Hungary and China: trade hit $14 billion in 2023. Some 40 countries have seen trade with China grow by more than 10%."
    assert figures(text) == [("trade", "HUN", "CHN", "2023", 14.0, "USD bn", None, None, False)]


def test_undated_threshold_headline_is_the_dated_figure():
    text = "Canada's exports to Mexico top $10 billion\n\nCanadian exports to Mexico rose 8% to $12.3 billion in 2023."
    assert figures(text) == [("exports", "CAN", "MEX", "2023", 12.3, "USD bn", 8.0, None, False)]


def test_value_of_the_year_before():
    text = "South Korea's trade deficit with Saudi Arabia was $25 billion in 2023, half the record $50 billion gap of the year before."
    assert figures(text) == [
        ("trade_balance", "KOR", "SAU", "2023", -25.0, "USD bn", None, None, False),
        ("trade_balance", "KOR", "SAU", "2022", -50.0, "USD bn", None, None, False),
    ]


def test_pronoun_of_an_unknown_company_is_the_state_before():
    text = "Chile is the largest copper producer. Codelco said its output was about 1.3 million tonnes in 2023."
    assert figures(text) == [("production", "CHL", None, "2023", 1.3, "t mn", None, None, True)]


@pytest.mark.parametrize("text", [
    "The tariffs of 25% that Washington imposed on $250 billion of Chinese goods in 2018 remain in force this year.",
    "The plant, built at a cost of about $20 billion, is expected to deliver its first power this year.",
    "Modi, 73, and Putin, 71, held their 22nd annual summit, 25 years after the first one.",
    "The discharge of about 1.3 million tonnes of treated water began in August.",
    "A poll found that 42% of South Koreans view Japan favourably.",
])
def test_more_numbers_that_are_not_figures(text):
    assert figures(text) == []


def test_a_level_to_raise_trade_to_is_a_goal_not_a_figure():
    text = ("Trade between India and the United Arab Emirates was US$72 billion in 2022. The leaders set the goal "
            "of raising bilateral trade to US$100 billion, and of lifting trade in services to more than US$15 "
            "billion. Trade rose to US$85 billion in 2023.")
    assert [(f[0], f[3], f[4]) for f in figures(text, "2024-02-01")] == [
        ("trade", "2022", 72.0), ("trade", "2023", 85.0)]

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

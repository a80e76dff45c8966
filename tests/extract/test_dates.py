import datetime as dt

from bilat.extract.dates import DateIndex, document_year, scan
from bilat.nlp import get_nlp


def resolved(text: str, published: str | None = None):
    doc = get_nlp()(text)
    index = DateIndex(doc, published)
    return [(text[s.start:s.end], s.first and s.first.isoformat(), s.last and s.last.isoformat(), s.period)
            for s in index.spans], index


def test_absolute_dates_ranges_and_partial_dates():
    rows, _ = resolved("Modi was in Moscow on 8-9 July 2024. The talks ran from 20 to 22 March 2023. "
                       "Exports rose in January–April 2024 and in the first quarter of 2025. Trade grew in 2023.")
    assert rows == [
        ("8-9 July 2024", "2024-07-08", "2024-07-09", "2024-07"),
        ("from 20 to 22 March 2023", "2023-03-20", "2023-03-22", "2023-03"),
        ("January–April 2024", "2024-01-01", "2024-04-30", "2024-01/2024-04"),
        ("the first quarter of 2025", "2025-01-01", "2025-03-31", "2025-Q1"),
        ("2023", "2023-01-01", "2023-12-31", "2023"),
    ]


def test_relative_to_publication_and_to_stated_dates():
    text = ("Lavrov flew to Hanoi last Tuesday. A day later he met the prime minister. "
            "A week earlier he had been in Pyongyang.")
    rows, _ = resolved(text, "2024-06-21")  # a Friday
    assert rows == [
        ("last Tuesday", "2024-06-18", "2024-06-18", "2024-06"),
        ("A day later", "2024-06-19", "2024-06-19", "2024-06"),
        ("A week earlier", "2024-06-12", "2024-06-12", "2024-06"),
    ]


def test_days_of_an_occasion_and_the_same_day():
    text = ("Xi Jinping paid a state visit to Kazakhstan on 2–3 July 2024. On the second day of the visit he "
            "attended the summit. In the evening he left for Tajikistan.")
    rows, index = resolved(text)
    assert index.occasion.first == dt.date(2024, 7, 2)
    assert rows[1:] == [("On the second day", "2024-07-03", "2024-07-03", "2024-07"),
                        ("In the evening", "2024-07-03", "2024-07-03", "2024-07")]


def test_year_is_inferred_from_the_documents_own_dates_without_a_publication_date():
    text = "Putin arrived on 5 September. The forum closed on 6 September 2023, as in 2022."
    rows, index = resolved(text)
    assert index.year == 2023
    assert rows[0] == ("5 September", "2023-09-05", "2023-09-05", "2023-09")


def test_a_yearless_month_after_publication_is_last_year():
    rows, _ = resolved("Shipments fell in December.", "2024-01-15")
    assert rows == [("in December", "2023-12-01", "2023-12-31", "2023-12")]


def test_the_verb_may_is_not_a_month():
    assert scan("Both sides may sign a deal. The deal was signed in May.") == [
        (48, 54, "month", {"m1": "May"})]
    assert document_year(scan("in 2021 and on 4 March 2022"), None) == 2022


def test_the_occasion_is_not_dated_by_its_end():
    """'wrapped up a state visit on Saturday' dates the visit's end; the talks on Friday date the occasion."""
    _, index = resolved("Lula wrapped up a state visit to China on Saturday, 15 April 2023. Xi received him for "
                        "talks on Friday, 14 April.", "2023-04-15")
    assert (index.occasion.first.isoformat(), index.occasion.last.isoformat()) == ("2023-04-14", "2023-04-14")
    _, only = resolved("Lula wrapped up a state visit to China on Saturday, 15 April 2023.", "2023-04-15")
    assert only.occasion.first.isoformat() == "2023-04-15"


def test_the_occasion_passes_over_the_dateline_and_visits_recalled_later():
    text = ("HANOI, 13 December 2023\n\nXi Jinping landed in Hanoi on Tuesday, 12 December, and the two leaders "
            "went into talks. The documents were signed after the talks. " + "Trade grew fast. " * 40 +
            "The visit came three months after Joe Biden visited Hanoi on 10-11 September.")
    _, index = resolved(text, "2023-12-13")
    assert index.occasion.first.isoformat() == "2023-12-12"


def test_a_weekday_before_a_date_is_that_date():
    rows, _ = resolved("Xi landed in Hanoi on Tuesday, 12 December 2023.", "2024-07-03")
    assert [(r[0], r[1]) for r in rows] == [("on Tuesday", "2023-12-12"), ("12 December 2023", "2023-12-12")]

"""The indicator definitions on plain rows, as any backend would feed them."""
from bilat.analyze import indicators
from bilat.analyze.periods import bucket, buckets_between, month_span


def test_buckets():
    assert bucket("2024-07-14", "week") == "2024-W28"
    assert bucket("2024-07-14", "month") == "2024-07"
    assert bucket("2024-07-14", "quarter") == "2024-Q3"
    assert buckets_between("2024-11-30", "2025-02-01", "month") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert month_span("2025-H1") == month_span("2025-01/2025-06")


def test_event_indicators_per_period_and_direction():
    rows = [
        {"date": "2024-01-05", "source_key": "CHN", "target_key": "RUS", "cameo": "040", "quad_class": 1, "goldstein": 1.0},
        {"date": "2024-02-10", "source_key": "CHN", "target_key": "RUS", "cameo": "057", "quad_class": 1, "goldstein": 8.0},
        {"date": "2024-03-01", "source_key": "RUS", "target_key": "CHN", "cameo": "112", "quad_class": 3, "goldstein": -2.0},
        {"date": None, "source_key": "RUS", "target_key": "CHN", "cameo": "040", "quad_class": 1, "goldstein": 1.0},
    ]
    assert indicators.event_indicators(rows, "quarter") == [
        {"period": "2024-Q1", "source": "CHN", "target": "RUS", "events": 2,
         "quad_class": {1: 2, 2: 0, 3: 0, 4: 0}, "cameo_root": {"04": 1, "05": 1}, "goldstein_mean": 4.5},
        {"period": "2024-Q1", "source": "RUS", "target": "CHN", "events": 1,
         "quad_class": {1: 0, 2: 0, 3: 1, 4: 0}, "cameo_root": {"11": 1}, "goldstein_mean": -2.0},
    ]


def test_portfolio_counts_each_agreement_at_its_most_senior_signatory():
    rows = [{"kind": "agreement", "domains": ["trade"], "levels": ["state", "ministry"]},
            {"kind": "memorandum", "domains": ["trade", "energy"], "levels": ["company", "company"]},
            {"kind": "memorandum", "domains": [], "levels": ["agency", None]},
            {"kind": "agreement", "domains": ["energy"], "levels": ["government", "government"]}]
    p = indicators.portfolio(rows)
    assert p["by_level"] == {"agency": {"count": 1, "share": 0.25}, "company": {"count": 1, "share": 0.25},
                             "government": {"count": 1, "share": 0.25}, "state": {"count": 1, "share": 0.25}}
    assert p["by_kind"] == {"agreement": {"count": 2, "share": 0.5}, "memorandum": {"count": 2, "share": 0.5}}
    assert p["by_domain"]["trade"] == {"count": 2, "share": 0.5}
    assert p["by_domain"]["unspecified"] == {"count": 1, "share": 0.25}


def test_alignment_share_of_common_targets():
    rows = [{"holders": ["CHN", "RUS"], "polarity": "oppose", "target": "NATO enlargement"},
            {"holders": ["CHN"], "polarity": "support", "target": "Belt and Road"},
            {"holders": ["RUS"], "polarity": "oppose", "target": "Belt and Road"},
            {"holders": ["RUS"], "polarity": "support", "target": "Arctic shipping"}]
    groups = indicators.target_groups(rows, lambda a, b: a["target"] == b["target"])
    result = indicators.alignment(rows, groups, "CHN", "RUS")
    assert (result["common"], result["same"], result["share"]) == (2, 1, 0.5)
